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

/**
 * The `#` comment lines right below the line holding `offset`, joined without their `#`: what an
 * author wrote at the top of a block (`termux-arm64:` then `# Diagnostic job for #27207 … Allowed to
 * fail until the upstream bug is resolved.`).
 */
export function commentBelow(text: string, offset: number): string | undefined {
  const end = text.indexOf('\n', offset);
  if (end < 0) return undefined;
  const out: string[] = [];
  for (const line of text.slice(end + 1).split('\n')) {
    if (!/^\s*#/.test(line)) break;
    out.push(line.replace(/^\s*#\s?/, ''));
  }
  return out.length ? out.join(' ') : undefined;
}
