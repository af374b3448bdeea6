import { commandWords } from '../../sources/shell-script.js';
import { resolveCommand } from '../roles/tools.js';
import { findAncestor, lastStage } from './output-checks.js';
import type { HiddenFailure } from './types.js';

/**
 * Readers at the end of a pipe that judge what they read their own way: reviewdog posts it as review
 * comments (and fails only with -fail-on-error); `mypy … | mypy-baseline filter` exits 1 on any error
 * not in the baseline.
 */
export function pipeReaderVerdict(h: HiddenFailure): { handled?: string; again?: string } | undefined {
  if (h.how !== 'pipe-left' || !h.node || !h.view) return undefined;
  const reader = lastStage(findAncestor(h.node, 'pipeline') ?? h.node);
  const r = reader ? resolveCommand(commandWords(reader)) : undefined;
  if (r?.program === 'reviewdog')
    return r.words.some((w) => /^-?-fail-on-error(=true)?$|^-?-fail-level=(error|warning|any)/.test(w))
      ? { handled: '`reviewdog -fail-on-error` fails on what it reads' }
      : { again: 'reviewdog posts its output as review comments' };
  if (r?.program === 'mypy-baseline' && r.words[1] === 'filter') return { handled: '`mypy-baseline filter` fails on every error not in its baseline' };
  return undefined;
}
