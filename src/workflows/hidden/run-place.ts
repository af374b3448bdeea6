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
  return `${dir}|${cds.length ? cds[cds.length - 1]![1] : ''}`;
}

/** pytest's options that change only what it prints: `-v`, `-q`, `-rs`, `--tb=short`, `--durations=10`. */
const PYTEST_OUTPUT = /^(-[vqs]+|-r[a-zA-Z]+|--(verbose|quiet|no-header|tb=\S+|color=\S+|durations=\d+|capture=\S+))$/;

/**
 * What makes two runs of a command the same run, as text: pytest runs of the same selection that
 * differ only in what they print (`-v -rs` beside `-q -rs | tee out.txt`) are one test. (Read from the
 * words as written, not through resolveCommand: loud commands are many, and a wrapper such as `sudo`
 * makes another run.)
 */
export function runKey(words: readonly string[], env: readonly string[] = []): string {
  const m = words.indexOf('-m');
  const pytest = /(^|[/\\])(py\.?test)$/.test(words[0] ?? '') || (m > 0 && words[m + 1] === 'pytest' && /python[\d.]*(\.exe)?$/.test(words[0] ?? ''));
  // The environment written before the command makes another run (`MODIN_ENGINE=dask python -c …`
  // beside `MODIN_ENGINE=ray python -c …`), as a plain script's words, read from the text, show it.
  return [...env, ...(pytest ? words.filter((w, i) => i === 0 || !PYTEST_OUTPUT.test(w)) : words)].join(' ');
}

/** The assignments written before a command (`FOO=1 BAR=x cmd`), as text. */
export function envPrefix(node: ScriptNode | undefined): string[] {
  return node?.type === 'command' ? node.children.filter((c) => c.type === 'variable_assignment').map((c) => c.text.replace(/["']/g, '')) : [];
}
