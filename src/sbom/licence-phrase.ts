import { normaliseExpression } from './licence-expression.js';

/**
 * Licence names as people write them in inventories, READMEs and `License:` lines, in order: the
 * more specific first. GNU licences keep what the text says: "or any later version" is
 * `-or-later`, a bare version is `-only`.
 */
const PHRASES: [RegExp, string | ((m: RegExpExecArray, text: string) => string)][] = [
  [/\bApache(?:[- ]License)?,?\s*(?:Version\s*|v\.?\s*)?2(?:\.0)?\b[\s\S]{0,40}?(?:with )?LLVM[- ]exception/i, 'Apache-2.0 WITH LLVM-exception'],
  [
    /\bApache(?:[- ]License)?,?\s*(?:Version\s*|v\.?\s*)?2(?:\.0)?\b|\bApache[- ]2\b|\bASL[- ]?2(?:\.0)?\b|Apache Software (?:Foundation )?License,? (?:Version )?2\.0/i,
    'Apache-2.0',
  ],
  [/\b(?:GNU )?Affero General Public License,?\s*(?:version\s*|v)?3/i, (_m, t) => gnu('AGPL-3.0', t)],
  [
    /\b(?:GNU )?(?:Lesser|Library) General Public Licen[cs]e,?\s*(?:version\s*|v\.?\s*)?(2\.1|2|3)(?:\.0)?|\bLGPL[- ]?v?(2\.1|2|3)(?:\.0)?(\+)?/i,
    (m, t) => gnu(`LGPL-${normGnu(m[1] ?? m[2]!, 'lgpl')}`, t, m[3]),
  ],
  [
    /\b(?:GNU )?General Public Licen[cs]e,?\s*(?:version\s*|v\.?\s*)?([123])(?:\.0)?|\bGPL[- ]?v?([123])(?:\.0)?(\+)?/i,
    (m, t) => gnu(`GPL-${m[1] ?? m[2]}.0`, t, m[3]),
  ],
  [/\bMozilla Public Licen[cs]e,?\s*(?:version\s*|v\.?\s*)?2(?:\.0)?|\bMPL[- ]?2(?:\.0)?\b/i, 'MPL-2.0'],
  [/\bEclipse Public Licen[cs]e,?\s*(?:version\s*|v\.?\s*)?2(?:\.0)?|\bEPL[- ]?2(?:\.0)?\b/i, 'EPL-2.0'],
  [/\bEclipse Public Licen[cs]e,?\s*(?:version\s*|v\.?\s*)?1(?:\.0)?|\bEPL[- ]?1(?:\.0)?\b/i, 'EPL-1.0'],
  [/\bBoost Software Licen[cs]e|\bBSL[- ]1\.0\b|\bBoost\b licen[cs]e/i, 'BSL-1.0'],
  [/\b(?:BSD[- ]?3[- ]?Clause|3[- ]Clause BSD|(?:new|modified|revised) BSD|BSD[- ]3\b|BSD-new)/i, 'BSD-3-Clause'],
  [/\b(?:BSD[- ]?2[- ]?Clause|2[- ]Clause BSD|simplified BSD|FreeBSD license)/i, 'BSD-2-Clause'],
  [/\bMIT(?:[- ]License|[- ]licen[cs]ed|\/X11)?\b|\bExpat\b/, 'MIT'],
  [/\bzlib(?:\/libpng)? licen[cs]e|\bZlib\b/i, 'Zlib'],
  [/\bUnlicen[cs]e\b/i, 'Unlicense'],
  [/\bCC0(?:[- ]1\.0)?\b|public domain dedication/i, 'CC0-1.0'],
  [/\bISC licen[cs]e\b|\bISC\b/, 'ISC'],
  [/\bPython Software Foundation Licen[cs]e|\bPSF(?:-2\.0)? licen[cs]e\b/i, 'PSF-2.0'],
  [/\bOpenSSL licen[cs]e\b/i, 'OpenSSL'],
  [/\bUnicode(?:, Inc\.)? (?:Licen[cs]e|Terms of Use|Data Files)/i, 'Unicode-3.0'],
  [/\bQhull\b/i, 'Qhull'],
];

function normGnu(v: string, _kind: string): string {
  return v === '2.1' ? '2.1' : `${v}.0`;
}

/** `GPL-2.0` + the text: `-or-later` when it says so (or `+`), else `-only`. */
function gnu(base: string, text: string, plus?: string): string {
  const later = plus === '+' || /\bor\s*(?:\(at your option\)\s*)?(?:any\s*)?later version|\bor later\b|or-later/i.test(text);
  return `${base}-${later ? 'or-later' : 'only'}`;
}

/**
 * An SPDX expression for a licence phrase, or undefined. A string that already is a valid SPDX
 * expression (`MIT OR Apache-2.0`, `GPL-2.0-or-later`) is kept as written.
 */
export function licenceFromPhrase(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  const asIs = normaliseExpression(t);
  if (asIs) return asIs;
  const first = t.split('\n').slice(0, 12).join('\n');
  for (const [re, id] of PHRASES) {
    const m = re.exec(first);
    if (m) return typeof id === 'string' ? id : id(m, first);
  }
  return undefined;
}
