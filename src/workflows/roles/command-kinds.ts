import { callsRemote } from './remote.js';
import { resolveCommand } from './tools.js';

// What kind of thing a command line does, beyond its role: whether it can fail for ordinary reasons.

/**
 * A text filter in the middle of a pipe (`echo "$files" | tr '\n' ' ' | xargs`): it reshapes what it
 * is given and has no failure of its own that matters; the producer upstream is judged on its own.
 */
const TEXT_FILTERS: ReadonlySet<string> = new Set(
  'tr sed gsed awk gawk cut sort uniq comm join nl head tail xargs paste column fold rev tac wc jq yq fmt expand tee'.split(' '),
);
export function textFilter(words: readonly string[]): boolean {
  const program = resolveCommand(words)?.program;
  return program !== undefined && TEXT_FILTERS.has(program);
}

/** `git diff upstream/$BASE HEAD`, `git log origin/main..`: git against a ref the checkout may lack. */
export function againstRef(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (r?.program !== 'git') return false;
  const dashes = r.words.indexOf('--');
  const args = r.words.slice(1, dashes < 0 ? undefined : dashes).filter((w) => !w.startsWith('-'));
  return ['diff', 'log', 'rev-list', 'merge-base', 'show'].includes(args[0] ?? '') && args.slice(1).some((w) => /\/|\.\.|\$|[~^]/.test(w));
}

/**
 * A listing of the checkout's own git data (`git tag --list 'pkg-*'`, `git ls-files`, `git branch`):
 * after a checkout it does not fail, and an empty answer is an answer, not a lost failure.
 */
export function localListing(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (r?.program !== 'git') return false;
  const sub = r.words.slice(1).find((w) => !w.startsWith('-'));
  // `git ls-tree HEAD sub`, `git rev-parse HEAD`, `git log -1 --format=%ct`: what the checkout holds;
  // `git diff-index HEAD`, `git diff-files`: the work tree against it.
  return ['tag', 'ls-files', 'ls-tree', 'branch', 'status', 'rev-parse', 'log', 'show', 'diff-index', 'diff-files'].includes(sub ?? '') && !callsRemote(words);
}
