/** `s` cut to `max` characters, with an ellipsis that says it was cut; quoted commands in messages stay one line long. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
