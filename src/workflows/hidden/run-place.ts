import type { ScriptSite } from '../analysis.js';

/**
 * Where a command of a script runs, as far as the workflow shows: the step's `working-directory:`
 * and the last `cd DIR` line of the script before it (`offset` is in the script). Two runs of one command in different places
 * (`pnpm test` in packages/vscode and in packages/ts-plugin) are different tests.
 */
export function runPlace(site: ScriptSite, offset: number, fileText: string): string {
  const step = site.step;
  const stepText = step ? fileText.slice(step.span.start, step.span.end) : '';
  const dir = /^\s*working-directory:\s*(.+?)\s*$/m.exec(stepText)?.[1]?.replace(/^["']|["']$/g, '') ?? '';
  const before = site.value.value.slice(0, offset);
  const cds = [...before.matchAll(/^[ \t]*(?:pushd|cd)[ \t]+([^\s;&|]+)/gm)];
  return `${dir}|${cds.length ? cds[cds.length - 1]![1] : ''}`;
}
