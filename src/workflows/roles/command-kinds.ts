import { commandName, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { actionPath, type Job } from '../../sources/workflow.js';
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

/**
 * `git status`, `git ls-files` or `git diff-files` of the job's own checkout, with no revision: on the
 * runner (not in a `container:`, where git may refuse a checkout it does not own) after
 * actions/checkout, it has no ordinary way to fail. (`git log origin/main..HEAD` fails in a shallow
 * clone; `git status` fails where nothing was checked out.)
 */
export function checkoutListing(words: readonly string[], job: Job): boolean {
  const r = resolveCommand(words);
  if (r?.program !== 'git') return false;
  const args = r.words.slice(1);
  const sub = args.find((w) => !w.startsWith('-'));
  if (!['status', 'ls-files', 'diff-files'].includes(sub ?? '') || args.some((w) => /\.\.|^(origin|upstream)\/|^HEAD|^[0-9a-f]{7,40}$/.test(w))) return false;
  return !job.map.has('container') && job.steps.some((s) => /^actions\/checkout$/i.test(actionPath(s.uses?.value ?? '')));
}

/** A check of a download's checksum or signature (`sha256sum -c -`, `gpg --verify x.asc`, `cosign verify-blob`). */
export function integrityCheck(words: readonly string[]): boolean {
  const program = words[0] ?? '';
  if (/^(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum)$/.test(program)) return words.some((w) => w === '-c' || w === '--check' || /^-\w*c\w*$/.test(w));
  if (/^gpg2?$/.test(program)) return words.includes('--verify');
  return /^(minisign|cosign)$/.test(program) && words.some((w) => /^-V$|^verify/.test(w));
}

/**
 * Whether an `&&` list downloads something before `node` (`curl -o x.tgz URL && sha256sum -c … && tar
 * x …`): then a checksum in it checks the download, for the install that follows.
 */
export function downloadsBefore(node: ScriptNode): boolean {
  let top: ScriptNode | undefined;
  for (let p = node.parent; p && (p.type === 'list' || p.type === 'pipeline' || p.type === 'redirected_statement'); p = p.parent)
    if (p.type === 'list') top = p;
  if (!top) return false;
  const commands = descendants(top).filter((n) => n.type === 'command');
  // A download before the check, and an unpack or install of it after (not a sums list fetched to
  // check the project's own build against).
  return (
    commands.some((n) => n.end <= node.start && /^(curl|wget|aria2c|Invoke-WebRequest|iwr)$/.test(commandName(n) ?? '')) &&
    commands.some((n) => n.start >= node.end && /^(tar|unzip|7z|install|mv|cp|chmod|dpkg|rpm|sh|bash)$/.test(commandName(n) ?? ''))
  );
}
