import type { ScriptNode } from '../../sources/shell-script.js';
import { memoIn } from '../../core/memo.js';
import type { ScriptSite } from '../analysis.js';

/**
 * Where a command of a script runs, as far as the workflow shows: the step's `working-directory:`
 * and the last `cd DIR` line of the script before it (`offset` is in the script). Two runs of one command in different places
 * (`pnpm test` in packages/vscode and in packages/ts-plugin) are different tests.
 */
export function runPlace(site: ScriptSite, offset: number, fileText: string): string {
  return memoIn(places, site, offset, () => placeOf(site, offset, fileText));
}

/** Places already read, per site and offset: the per-failure loop of `assess` asks for the same ones once per later command. */
const places = new WeakMap<ScriptSite, Map<number, string>>();

function placeOf(site: ScriptSite, offset: number, fileText: string): string {
  const step = site.step;
  const stepText = step ? fileText.slice(step.span.start, step.span.end) : '';
  const dir = /^\s*working-directory:\s*(.+?)\s*$/m.exec(stepText)?.[1]?.replace(/^["']|["']$/g, '') ?? '';
  const before = site.value.value.slice(0, offset);
  const cds = [...before.matchAll(/^[ \t]*(?:pushd|cd)[ \t]+([^\s;&|]+)/gm)];
  const cd = cds.length ? cds[cds.length - 1]![1]! : '';
  return `${dir}|${cd.startsWith('/') ? (inVolume(cd, before) ?? cd) : cd}`;
}

/** A folder of the checkout as a container names it: `docker run -v $PWD:/src`, `--volume ${{ github.workspace }}/:/io`. */
const VOLUME = /(?:^|\s)(?:-v|--volume)[ =]["']?(\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?|\$\{?PWD\}?|\$\(pwd\)|`pwd`|\.)\/?:(\/[^\s:"']*)/g;

/**
 * An absolute `cd` in a script run by a container, as a folder of the checkout when a volume maps
 * the checkout there (`docker run -v $PWD:/src img bash -c 'cd /src/build; …'` runs in `build`).
 * Relative to the outer script's place: the volume's source is where the `docker run` runs.
 */
export function inVolume(cd: string, before: string): string | undefined {
  let found: string | undefined;
  for (const m of before.matchAll(VOLUME)) {
    const target = m[2]!.replace(/\/+$/, '');
    const path = cd.replace(/\/+$/, '');
    if (path === target) found = '.';
    else if (path.startsWith(`${target}/`)) found = path.slice(target.length + 1);
  }
  return found;
}

/**
 * Options that change only what a checker prints or where it writes a report, by program: runs that
 * differ only in these are one run. pytest's `-v`, `-q`, `-rs`, `--tb=short`; mypy's `--pretty` and
 * `--cobertura-xml-report DIR`; stubtest's `--concise`; ruff's and flake8's output formats. `valued`
 * options take the next word as their value.
 */
const OUTPUT_ONLY: Record<string, { flags: RegExp; valued?: ReadonlySet<string> }> = {
  pytest: { flags: /^(-[vqs]+|-r[a-zA-Z]+|--(verbose|quiet|no-header|tb=\S+|color=\S+|durations=\d+|capture=\S+))$/ },
  mypy: {
    flags:
      /^(--pretty|--(show|hide)-error-codes|--show-column-numbers|--show-error-context|--(no-)?error-summary|--(no-)?color-output|--show-absolute-path|--show-traceback|-v|--verbose|--(cobertura-xml|html|txt|xml|linecount|linecoverage|lineprecision|any-exprs)-report=\S+|--junit-xml=\S+)$/,
    valued: new Set(
      ['cobertura-xml', 'html', 'txt', 'xml', 'linecount', 'linecoverage', 'lineprecision', 'any-exprs'].map((r) => `--${r}-report`).concat('--junit-xml'),
    ),
  },
  stubtest: { flags: /^--concise$/ },
  ruff: { flags: /^(--output-format=\S+|--statistics|--show-fixes|-q|--quiet|-v|--verbose)$/, valued: new Set(['--output-format']) },
  flake8: { flags: /^(--format=\S+|--statistics|--count|--show-source|--tee|--output-file=\S+|-v|-q)$/, valued: new Set(['--format', '--output-file']) },
};

/**
 * What makes two runs of a command the same run, as text: runs of the same checker that differ only
 * in what they print (`pytest -v -rs` beside `pytest -q -rs | tee out.txt`, `stubtest --concise x |
 * tee a` beside `stubtest x >> b`) are one run. (Read from the words as written, not through
 * resolveCommand: loud commands are many, and a wrapper such as `sudo` makes another run.)
 */
export function runKey(input: readonly string[], env: readonly string[] = []): string {
  const words = measuredRun(input);
  const m = words.indexOf('-m');
  const name = (m > 0 && /python[\d.]*(\.exe)?$/.test(words[0] ?? '') ? words[m + 1] : /[^/\\]*$/.exec(words[0] ?? '')?.[0]) ?? '';
  // (An own property only: a program named `constructor` or `toString` is no key of the table.)
  const key = name === 'py.test' ? 'pytest' : name;
  const output = Object.hasOwn(OUTPUT_ONLY, key) ? OUTPUT_ONLY[key] : undefined;
  // The environment written before the command makes another run (`MODIN_ENGINE=dask python -c …`
  // beside `MODIN_ENGINE=ray python -c …`), as a plain script's words, read from the text, show it.
  if (!output) return [...env, ...words].join(' ');
  const kept = words.filter((w, i) => i === 0 || !(output.flags.test(w) || output.valued?.has(w) || output.valued?.has(words[i - 1]!)));
  return [...env, ...kept].join(' ');
}

/** Options of any program that change only where or how much it prints (`--renderToMemory`, `-v`, `--quiet`). */
const PRINT_ONLY = /^(-v|-q|--verbose|--quiet|--render-?to-?memory|--no-color|--color(=\w+)?)$/i;

/**
 * What makes two runs of a program of the repository the same run, as text: its arguments without
 * print-only options and redirections (`./hugo -s docs/` beside `./hugo --renderToMemory -s docs/`).
 */
export function repeatKey(words: readonly string[]): string {
  return words
    .slice(1)
    .filter((w) => !PRINT_ONLY.test(w) && !w.startsWith('>'))
    .join(' ');
}

/** The assignments written before a command (`FOO=1 BAR=x cmd`), as text. */
export function envPrefix(node: ScriptNode | undefined): string[] {
  return node?.type === 'command' ? node.children.filter((c) => c.type === 'variable_assignment').map((c) => c.text.replace(/["']/g, '')) : [];
}

/** coverage.py's `run` options that take the next word as their value. */
const COVERAGE_VALUED: ReadonlySet<string> = new Set(['--source', '--rcfile', '--concurrency', '--context', '--data-file', '--omit', '--include']);

/**
 * The run a measuring wrapper makes, as Python would make it without: `python -B -m coverage run
 * --source=lib -m unittest discover -s tests` runs the same tests as `python -m unittest discover -s
 * tests` (sqlmap's "Coverage" step after its "Unit tests"), only measured; `coverage run -a x.py` runs
 * `python x.py`. `-B` (no .pyc files) and `-u` (unbuffered output) change nothing a test sees.
 */
export function measuredRun(words: readonly string[]): readonly string[] {
  const first = /[^/\\]*$/.exec(words[0] ?? '')?.[0] ?? '';
  const python = /^python[\d.]*(\.exe)?$/.test(first);
  let i = 1;
  if (python) while (words[i] === '-B' || words[i] === '-u') i++;
  let coverage: number | undefined;
  if (python && words[i] === '-m' && words[i + 1] === 'coverage' && words[i + 2] === 'run') coverage = i + 3;
  else if (first === 'coverage' && words[1] === 'run') coverage = 2;
  if (coverage === undefined) return python && i > 1 ? [words[0]!, ...words.slice(i)] : words;
  let j = coverage;
  while (j < words.length && words[j]!.startsWith('-') && words[j] !== '-m') j += COVERAGE_VALUED.has(words[j]!) ? 2 : 1;
  return j < words.length ? [python ? words[0]! : 'python', ...words.slice(j)] : words;
}
