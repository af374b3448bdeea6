import { branchOf, commandName, commandWords, type ScriptNode, unquote } from '../../sources/shell-script.js';
import type { Job } from '../../sources/workflow.js';
import { positional } from '../roles/tool-registry.js';
import { resolveCommand } from '../roles/tools.js';
import { jqFailsOnEmpty } from '../runner-os.js';

/**
 * Whether a command that reads what the failed command printed fails itself when it reads nothing:
 * then the pipe (or the `<( … )`) does not hide the failure, the reader reports it. `grep PATTERN`
 * finds no line in empty input and exits 1 (with or without -q, -c, -v); `diff`/`cmp` against expected text differ; `tar -x`, `gpg --import`, `sha256sum -c`,
 * `docker login --password-stdin`, `kubectl apply -f -`, a decompressor reading stdin (`gunzip`, `xz -d`) and
 * ImageMagick reading an image from it (`convert xwd:- out.png`) reject empty input; `cs2pr` fails on a checkstyle report with errors and on none; `jq -e`
 * exits 4 on no input from jq 1.7 on, so only on a job whose runners are known to ship it (`job`).
 * `tee`, `sort`, `sed`, `head`, `jq` (without -e, or 1.6 with it), `bash`, `xargs` are content with
 * nothing, so they hide it.
 */
export function failsOnEmptyInput(cmd: ScriptNode, job?: Job): string | undefined {
  const r = resolveCommand(commandWords(cmd));
  if (!r) return undefined;
  const args = r.words.slice(1);
  switch (r.program) {
    case 'grep':
    case 'egrep':
    case 'fgrep':
    case 'rg':
    case 'ag':
    case 'ack':
      return `\`${r.program}\` finds no line in empty input and fails`;
    case 'diff':
    case 'cmp':
      return `\`${r.program}\` sees the output differ from what it is compared with`;
    case 'tar':
    case 'bsdtar':
      return /^-?[a-zA-Z]*x/.test(args[0] ?? '') || args.includes('--extract') ? '`tar` rejects an empty archive' : undefined;
    case 'gpg':
    case 'gpg2':
      return args.includes('--import') || args.includes('--dearmor') ? '`gpg` rejects empty input' : undefined;
    case 'sha256sum':
    case 'sha1sum':
    case 'sha512sum':
    case 'md5sum':
    case 'shasum':
      return args.some((a) => a === '-c' || a === '--check' || /^-\w*c/.test(a)) ? `\`${r.program} -c\` finds no checksum line` : undefined;
    // cs2pr turns a checkstyle report into annotations and fails on an error in it, or on no report at all.
    case 'cs2pr':
      return '`cs2pr` fails on a report with errors, and on no report';
    case 'jq':
      // (Not with --slurp, which makes empty input `[]`, nor --null-input, which reads no input.)
      return job &&
        args.some((a) => a === '--exit-status' || /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a)) &&
        !args.some((a) => a === '--slurp' || a === '--null-input' || /^-[a-zA-Z]*[sn][a-zA-Z]*$/.test(a)) &&
        jqFailsOnEmpty(job)
        ? `\`jq -e\` (1.7 and later, on the job's runner \`${job.runsOn}\`) produces no result from empty input and exits 4`
        : undefined;
    // `kustomize build x | kubectl apply -f -`: kubectl fails with "no objects passed to apply".
    case 'kubectl':
    case 'oc': {
      // The subcommand after global options that take a value (`kubectl -n ns apply -f -`); only when
      // stdin is its one input (`-f - -f extra.yaml` applies extra.yaml's objects whatever stdin held).
      const sub = positional(args, KUBECTL_VALUED)[0];
      const files = args.filter((_a, i) => /^(-f|--filename)$/.test(args[i - 1] ?? ''));
      return /^(apply|create|replace)$/.test(sub ?? '') && files.length === 1 && files[0] === '-'
        ? `\`${r.program} ${sub} -f -\` fails on no objects`
        : undefined;
    }
    // A decompressor reading stdin (no file named) finds no header: "unexpected end of file".
    // (`zcat -f`, `gunzip -cf`, `xz -dcf`: with --force, gzip and xz copy input they do not recognise,
    // empty input too, and exit 0. zstd and bzip2 fail on empty input even then.)
    case 'gunzip':
    case 'zcat':
    case 'unxz':
    case 'xzcat':
      return positional(args).length === 0 && !forced(args) ? `\`${r.program}\` rejects empty input` : undefined;
    case 'bunzip2':
    case 'bzcat':
    case 'unzstd':
    case 'zstdcat':
      return positional(args).length === 0 ? `\`${r.program}\` rejects empty input` : undefined;
    case 'gzip':
    case 'xz':
    case 'bzip2':
    case 'zstd':
      return args.some((a) => a === '--decompress' || /^-[a-zA-Z]*d/.test(a)) &&
        positional(args).length === 0 &&
        !((r.program === 'gzip' || r.program === 'xz') && forced(args))
        ? `\`${r.program} -d\` rejects empty input`
        : undefined;
    // ImageMagick reading an image from stdin (`xwd … | convert xwd:- shot.png`) has no image to write.
    case 'convert':
    case 'magick':
      return /^([a-zA-Z0-9]+:)?-$/.test(positional(args)[0] ?? '') ? `\`${r.program}\` reads no image from empty input and fails` : undefined;
    case 'docker':
    case 'podman':
      return args.includes('login') && args.includes('--password-stdin') ? '`docker login` rejects an empty password' : undefined;
    default:
      return undefined;
  }
}

/** `echo "$otool_out" | tail -n +2 | …`: the pipe before this stage starts from a print of the script's own values. */
export function pipeFedByEcho(node: ScriptNode): boolean {
  let pipe: ScriptNode | undefined = node.parent;
  while (pipe && pipe.type !== 'pipeline') pipe = pipe.parent;
  const first = pipe?.children.find((c) => c.type === 'command');
  return first !== undefined && first !== node && /^(echo|printf)$/.test(commandName(first) ?? '');
}

/**
 * A text program that reads only files this script wrote before it (`grep -Fxv -f a b > new.txt ||
 * true`, then `wc -l < new.txt | tr -d ' '`): a redirect creates its file even when the writer fails,
 * so the reader has nothing of its own to fail on. `nodes` are the script's nodes.
 */
export function readsOwnFiles(node: ScriptNode, nodes: readonly ScriptNode[]): boolean {
  const parent = node.parent?.type === 'redirected_statement' ? node.parent : undefined;
  const read = [
    ...(parent?.children ?? []).filter((c) => c.type === 'file_redirect' && c.children[0]?.type === '<').map((c) => destination(c)),
    ...positional(commandWords(node).slice(1)),
  ];
  if (read.length === 0 || read.some((f) => f === undefined || f === '-' || /[$*?`]/.test(f))) return false;
  const written = new Set(
    nodes
      .filter((n) => n.type === 'file_redirect' && n.end <= node.start && /^(>|>>|&>|&>>|>\|)$/.test(n.children[0]?.type ?? '') && runsBefore(n, node))
      .map((n) => destination(n)),
  );
  return read.every((f) => written.has(f));
}

/**
 * Whether a redirect surely runs before `reader`: its statement is on the way to the reader, not in a
 * branch (`if`, `case`, the right of `&&`/`||`), a loop body or a function that may not run.
 */
function runsBefore(redirect: ScriptNode, reader: ScriptNode): boolean {
  const holds = (p: ScriptNode) => p.start <= reader.start && reader.end <= p.end;
  // The grammar reads `a && b > f` as a redirect of the whole list; bash gives it to `b` alone, which
  // runs only when `a` succeeds.
  if (redirect.parent?.type === 'redirected_statement' && redirect.parent.children[0]?.type === 'list') return false;
  let child = redirect;
  for (let p = redirect.parent; p; child = p, p = p.parent) {
    // Both in one `if` or `case`: only where they share a branch (a then-branch's write is not there
    // in the else-branch).
    if (holds(p)) return !BRANCHING.has(p.type) || branchOf(p, child) === branchOf(p, reader);
    if (p.type === 'list') {
      if (p.children[0] !== child) return false;
    } else if (!SURE_PARENTS.has(p.type)) return false;
  }
  return false;
}

const BRANCHING: ReadonlySet<string> = new Set(['if_statement', 'case_statement']);

/** Nodes whose first part always runs when they do. */
const SURE_PARENTS: ReadonlySet<string> = new Set([
  'redirected_statement',
  'pipeline',
  'compound_statement',
  'subshell',
  'variable_assignment',
  'declaration_command',
  'negated_command',
]);

/** `-f`, `--force`, or a cluster of short options holding `f` (`-dcf`). */
function forced(args: readonly string[]): boolean {
  return args.some((a) => a === '--force' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(a));
}

function destination(redirect: ScriptNode): string | undefined {
  const d = redirect.children.find((c) => c.field === 'destination');
  return d ? unquote(d.text) : undefined;
}

/** kubectl's global options that take a value. */
const KUBECTL_VALUED: ReadonlySet<string> = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token']);
