import { UsageError } from '../core/errors.js';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `30m`, `1h`, `7d`, `2w` or `0` → milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+)\s*([smhdw]?)$/.exec(text.trim());
  if (!m || (m[2] === '' && m[1] !== '0')) throw new UsageError(`${what}: '${text}' is not a duration such as 30m, 1h, 7d or 0`);
  return Number(m[1]) * (m[2] ? UNITS[m[2]]! : 0);
}
