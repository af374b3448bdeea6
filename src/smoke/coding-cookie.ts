/**
 * PEP 263: a Python file may declare its encoding in a comment on its first or second line
 * (`# -*- coding: latin-1 -*-`); the second line counts only when the first is a comment or blank,
 * as in CPython's tokenizer. Python reads such a file in that encoding, so the import check must too.
 */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** The declared encoding's name as written, or undefined. Looks at raw bytes: the cookie itself is ASCII. */
export function codingCookie(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const m = COOKIE.exec(first) ?? (/^[ \t\f]*(#.*)?$/.test(first) ? COOKIE.exec(second) : null);
  return m?.[1];
}

/** CPython's own shortcut names (get_normal_name): every spelling of UTF-8 and of Latin-1. */
function normalName(name: string): 'utf-8' | 'latin-1' | string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n.startsWith('utf-8-') || n === 'utf8') return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(n) || n === 'latin1') return 'latin-1';
  return n;
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/**
 * Decodes bytes that are not UTF-8 by their coding cookie; undefined when there is none (then the
 * file is not valid UTF-8, Python's default). An encoding Node does not know, or bytes invalid in
 * it, fail as Python would fail to import the file.
 */
export function decodeDeclared(bytes: Uint8Array): Decoded | undefined {
  const declared = codingCookie(bytes);
  if (!declared) return undefined;
  const name = normalName(declared);
  // Node's latin1 is ISO-8859-1 byte for byte; the WHATWG decoder would read it as windows-1252.
  if (name === 'latin-1') return { ok: true, text: Buffer.from(bytes).toString('latin1') };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name, { fatal: true });
  } catch {
    return { ok: false, message: `its coding cookie declares '${declared}', an encoding groundwork cannot decode; skipped` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, message: `not valid ${declared}, the encoding its coding cookie declares; skipped` };
  }
}
