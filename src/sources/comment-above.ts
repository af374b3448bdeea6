/**
 * The `#` comment lines right above the line holding `offset` in a YAML file or a shell script,
 * joined without their `#`: what an author wrote about the key, job, step or command below.
 */
export function commentAbove(text: string, offset: number): string | undefined {
  const lines = text.slice(0, text.lastIndexOf('\n', offset - 1) + 1).split('\n');
  lines.pop();
  const out: string[] = [];
  while (lines.length && /^\s*#/.test(lines[lines.length - 1]!)) out.unshift(lines.pop()!.replace(/^\s*#\s?/, ''));
  return out.length ? out.join(' ') : undefined;
}
