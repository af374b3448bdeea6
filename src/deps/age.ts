import { UsageError } from '../core/errors.js';

/** `365d`, `18mo`, `2y`, `12w` → days. */
export function parseAge(text: string, what = 'age'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(d|w|mo|m|y)\s*$/i.exec(text);
  if (!m) throw new UsageError(`${what} '${text}' must look like 365d, 12w, 18mo or 2y`);
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return Math.round(unit === 'd' ? n : unit === 'w' ? n * 7 : unit === 'y' ? n * 365 : n * 30.44);
}

export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(fromIso).getTime()) / 86_400_000);
}
