import { parseAllDocuments } from 'yaml';
import type { Repository } from '../services/repository.js';

/** What `pre-commit run --all-files` would do with one hook, as far as groundwork can tell without running it. */
export interface HookEstimate {
  id: string;
  /** Files the hook would rewrite (fixers) or fail on (checks); undefined when it needs its own tool to know. */
  files?: number;
  verb: 'change' | 'fail on';
}

const TRAILING = /[ \t\f\v]+(\r?\n|$)/;
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Emulates the hooks whose effect is a plain function of the text (pre-commit-hooks'
 * trailing-whitespace, end-of-file-fixer, check-yaml) on the tracked text files that `exclude`
 * does not match; the others run their own tool (ruff, black, clang-format) and are not guessed.
 */
export function estimateHooks(repo: Repository, ids: readonly string[], exclude?: string): HookEstimate[] {
  const skip = exclude ? new RegExp(exclude) : undefined;
  const counts = { trailing: 0, eof: 0, yaml: 0 };
  const wants = new Set(ids);
  if (['trailing-whitespace', 'end-of-file-fixer', 'check-yaml'].some((id) => wants.has(id))) {
    for (const path of repo.files()) {
      if (skip?.test(path)) continue;
      const r = repo.read(path);
      if (!r.ok || r.file.text.length > MAX_BYTES || r.file.text.includes('\0')) continue; // binary: pre-commit's `types: [text]` skips it
      const text = r.file.text;
      if (wants.has('trailing-whitespace') && text.split('\n').some((l, i, all) => TRAILING.test(i < all.length - 1 ? `${l}\n` : l))) counts.trailing++;
      if (wants.has('end-of-file-fixer') && text.length > 0 && (!text.endsWith('\n') || /(\r?\n){2,}$/.test(text) || text.trim() === '')) counts.eof++;
      if (wants.has('check-yaml') && /\.ya?ml$/.test(path) && parseAllDocuments(text).some((d) => 'errors' in d && d.errors.length > 0)) counts.yaml++;
    }
  }
  return ids.map((id) =>
    id === 'trailing-whitespace'
      ? { id, files: counts.trailing, verb: 'change' }
      : id === 'end-of-file-fixer'
        ? { id, files: counts.eof, verb: 'change' }
        : id === 'check-yaml'
          ? { id, files: counts.yaml, verb: 'fail on' }
          : { id, verb: 'change' },
  );
}

export function estimateNote(estimates: readonly HookEstimate[]): string {
  const known = estimates.filter((e) => e.files !== undefined).map((e) => `${e.id} would ${e.verb} ${e.files} file(s)`);
  const unknown = estimates.filter((e) => e.files === undefined).map((e) => e.id);
  return `pre-commit run --all-files: ${[...known, ...(unknown.length ? [`${unknown.join(', ')}: not estimated (they run their own tool)`] : [])].join('; ') || 'no hook added'}`;
}
