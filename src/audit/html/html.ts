import { esc } from './escape.js';

const TRUSTED = Symbol('trusted html');

/** Markup that is already safe: made by `html` (whose values were escaped) or marked by `trustedHtml`. */
export interface Html {
  readonly [TRUSTED]: true;
  readonly text: string;
}

function trusted(text: string): Html {
  return { [TRUSTED]: true, text };
}

function isHtml(v: unknown): v is Html {
  return typeof v === 'object' && v !== null && (v as Html)[TRUSTED] === true;
}

function part(v: unknown): string {
  if (isHtml(v)) return v.text;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

/**
 * The report's only way to build markup: every interpolated value is escaped for element content
 * and quoted attribute values, unless it is itself `Html` (a nested template, or a list of them).
 * A string from findings.json therefore can never become markup, whatever file it came from.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return trusted(out);
}

/**
 * Marks text as markup without escaping: only for markup groundwork generated itself with its own
 * escaping (the Gantt SVG) or constant assets. Never for anything read from a file.
 */
export function trustedHtml(text: string): Html {
  return trusted(text);
}
