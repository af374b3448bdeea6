import { createRequire } from 'node:module';
import type { Confidence } from '../core/finding.js';
import { joinExpressions, normaliseExpression } from './licence-expression.js';
import { bigrams, dice, diceCeiling, normaliseLicenceText, type Bigrams } from './licence-text.js';

export interface LicenceMatch {
  expression?: string;
  confidence: Confidence;
  method: 'spdx-tag' | 'notice' | 'text-match' | 'none';
  score?: number;
  /** Why a person should look (several candidates, low score). */
  review?: string;
}

interface Candidate {
  id: string;
  text: string;
  /** Normalised on first use: most candidates are never close enough in length to be scored. */
  words?: string[];
  /** Counted from the words before the bigrams are built: the size alone rules most candidates out. */
  total?: number;
  grams?: Bigrams;
}

/** Licences real vendored code uses; a near tie goes to one of these (Pixar vs Apache-2.0). */
const COMMON = new Set([
  'MIT',
  'Apache-2.0',
  'BSD-3-Clause',
  'BSD-2-Clause',
  'BSL-1.0',
  'Zlib',
  'MPL-2.0',
  'ISC',
  'Unlicense',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'CC0-1.0',
  'Python-2.0',
  'OpenSSL',
  'curl',
  'libpng-2.0',
  'NCSA',
  'X11',
]);
const NEAR_TIE = 0.06;
export const HIGH = 0.9;
export const ACCEPT = 0.8;

/** Deprecated ids the list still carries; their current forms are on it too. */
const DEPRECATED = new Set([
  'GPL-1.0',
  'GPL-1.0+',
  'GPL-2.0',
  'GPL-2.0+',
  'GPL-3.0',
  'GPL-3.0+',
  'LGPL-2.0',
  'LGPL-2.0+',
  'LGPL-2.1',
  'LGPL-2.1+',
  'LGPL-3.0',
  'LGPL-3.0+',
  'AGPL-1.0',
  'AGPL-3.0',
  'GFDL-1.1',
  'GFDL-1.2',
  'GFDL-1.3',
  'BSD-2-Clause-FreeBSD',
  'BSD-2-Clause-NetBSD',
  'eCos-2.0',
  'wxWindows',
  'StandardML-NJ',
  'Nunit',
  'bzip2-1.0.5',
]);

/**
 * Pairs the bigram score confuses, told apart by the one sentence that differs: ISC's "appear in
 * all copies" is what 0BSD dropped; the FreeBSD variant adds a "views and conclusions" clause.
 */
const DISCRIMINATORS: { when: string; unless: RegExp; use: string }[] = [{ when: 'BSD-2-Clause-Views', unless: /views and conclusions/i, use: 'BSD-2-Clause' }];

function discriminate(id: string, text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (id === '0BSD' && /provided that the above copyright notice and this permission notice appear in all copies/i.test(flat)) return 'ISC';
  const d = DISCRIMINATORS.find((x) => x.when === id && !x.unless.test(flat));
  return d ? d.use : id;
}

let commonCorpus: Candidate[] | undefined;
let corpus: Candidate[] | undefined;

/** The common licences, each read from its own small file: most licence files end here. */
function commonCandidates(): Candidate[] {
  if (commonCorpus) return commonCorpus;
  const load = createRequire(import.meta.url);
  commonCorpus = [...COMMON].sort().flatMap((id) => {
    try {
      return [{ id, text: (load(`spdx-license-list/licenses/${id}.json`) as { licenseText: string }).licenseText }];
    } catch {
      return []; // not on this version of the list
    }
  });
  return commonCorpus;
}

/** Every SPDX full text (a 12 MB file), loaded only when no common licence is close enough. */
function candidates(): Candidate[] {
  if (corpus) return corpus;
  const full = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;
  const known = new Map(commonCandidates().map((c) => [c.id, c]));
  corpus = Object.entries(full)
    .filter(([id]) => !DEPRECATED.has(id) && !/-with-.*-exception$/.test(id))
    .map(([id, v]) => known.get(id) ?? { id, text: v.licenseText });
  return corpus;
}

/** "…version 2 of the License, or (at your option) any later version" is `-or-later`; a bare version is `-only`. */
const LATER = /\bor\s*\(?\s*at your option\s*\)?\s*any\s+later\s+version|\bor\s+(?:any\s+)?later\s+version/i;

const NOTICES: [RegExp, string | ((text: string) => string)][] = [
  [/LLVM Exceptions to the Apache 2\.0 License/i, 'Apache-2.0 WITH LLVM-exception'],
  [/Licensed under the Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Boost Software License,?\s+(?:-\s+)?Version 1\.0/i, 'BSL-1.0'],
  [/Mozilla Public\s+License,?\s+v(?:ersion|\.)?\s*2\.0/i, 'MPL-2.0'],
  [/GNU Lesser General Public License[\s\S]{0,200}?version 2\.1/i, (t) => (LATER.test(t) ? 'LGPL-2.1-or-later' : 'LGPL-2.1-only')],
  [/GNU Lesser General Public License[\s\S]{0,200}?version 3/i, (t) => (LATER.test(t) ? 'LGPL-3.0-or-later' : 'LGPL-3.0-only')],
  [/GNU (?:Affero )?General Public License[\s\S]{0,200}?version 2\b/i, (t) => (LATER.test(t) ? 'GPL-2.0-or-later' : 'GPL-2.0-only')],
  [
    /GNU General Public License[\s\S]{0,200}?version 3\b/i,
    (t) => (/Affero/i.test(t) ? (LATER.test(t) ? 'AGPL-3.0-or-later' : 'AGPL-3.0-only') : LATER.test(t) ? 'GPL-3.0-or-later' : 'GPL-3.0-only'),
  ],
  [/\bBSD[- ]3[- ]Clause\b/i, 'BSD-3-Clause'],
  [/\bBSD[- ]2[- ]Clause\b/i, 'BSD-2-Clause'],
  [/^\s*(?:The )?MIT License\b/im, 'MIT'],
  [/\bzlib License\b/i, 'Zlib'],
];

/** A licence that forbids what open source allows (TPC's benchmark kits, evaluation-only code): named, never guessed as free. */
const EULA = /\bEnd[- ]User License Agreement\b|\bEULA\b|\bnon-?commercial (?:use|purposes) only\b|\bfor (?:evaluation|internal) (?:purposes )?only\b/i;

function eulaId(text: string): string | undefined {
  if (!EULA.test(text)) return undefined;
  const who = /\b(TPC|Transaction Processing Performance Council)\b/.test(text) ? 'TPC' : undefined;
  return `LicenseRef-${who ? `${who}-` : ''}EULA`;
}

const DUAL =
  /\bdual[- ]licen[cs](?:ed|ing)\b|\bat your (?:option|choice)(?!\)?\s*any later)\b|\blicen[cs]ed under (?:the )?(?:terms of )?(?:either|both)\b|\beither (?:of )?(?:the )?(?:following|license)|\byou may (?:choose|use either)\b|\bunder either\b/i;
const SPDX_TAG = /SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*\/|-->|$)/m;

/**
 * "Dual licensed … at your option" offers a choice only when it is said up front and between a
 * few licences; a long file of bundled third-party notices (Arrow's LICENSE.txt) means AND even if
 * one of the notices contains the word "either".
 */
export function isDualStatement(text: string, count: number): boolean {
  return (
    count <= 3 &&
    DUAL.test(
      text
        .split('\n')
        .slice(0, 25)
        .join('\n')
        .replace(/or\s*\(at your option\)\s*any later version/gi, ''),
    )
  );
}

/** Reads `SPDX-License-Identifier:` lines: the project's own word beats any guess. */
export function spdxTags(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(SPDX_TAG.source, 'gm'))) out.add(m[1]!.trim().replace(/^\(|\)$/g, ''));
  return [...out];
}

/**
 * Scores one text against the SPDX licences; returns the best and the ones within a near tie.
 * The common licences go first: when one of them scores at least 1 − NEAR_TIE, no other licence
 * could win (the near-tie rule prefers it unless beaten by more than NEAR_TIE, above 1.0), so the
 * other 700 texts are not scored at all.
 */
function score(text: string): { id: string; score: number }[] {
  const g = bigrams(normaliseLicenceText(text));
  if (g.total < 8) return [];
  const common = scoreAgainst(g, text, commonCandidates());
  if (common[0] && common[0].score >= 1 - NEAR_TIE) return common;
  return scoreAgainst(g, text, candidates());
}

function scoreAgainst(g: Bigrams, text: string, list: Candidate[]): { id: string; score: number }[] {
  const scored: { id: string; score: number }[] = [];
  for (const c of list) {
    // raw lengths bound the word counts loosely (copyright lines and punctuation go); the exact
    // ceiling is checked once the candidate is normalised
    const ratio = c.text.length / Math.max(1, text.length);
    if (ratio < 0.35 || ratio > 2.9) continue;
    if (c.total === undefined) {
      c.words = normaliseLicenceText(c.text);
      c.total = Math.max(0, c.words.length - 1);
    }
    if (diceCeiling(g.total, c.total) < ACCEPT - NEAR_TIE) continue;
    if (!c.grams) {
      c.grams = bigrams(c.words!);
      c.words = undefined;
    }
    const s = dice(g, c.grams);
    if (s >= ACCEPT - NEAR_TIE) scored.push({ id: c.id, score: s });
  }
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

function pick(scored: { id: string; score: number }[]): { id: string; score: number; rivals: string[] } | undefined {
  const top = scored[0];
  if (!top) return undefined;
  const near = scored.filter((s) => s.score >= top.score - NEAR_TIE);
  const common = near.find((s) => COMMON.has(s.id));
  const best = common ?? top;
  return { id: best.id, score: best.score, rivals: near.filter((s) => s.id !== best.id && s.score >= best.score - 0.01).map((s) => s.id) };
}

/** Splits a file holding several licences one after another (`----` or `====` rules between them). */
function segments(text: string): string[] {
  return text.split(/^\s*(?:[-=*_~#]{3,}|={2,}[^\n]*={2,}|-{3,}[^\n]*-{3,})\s*$/m).filter((s) => s.split(/\s+/).length >= 40);
}

/**
 * Identifies the licence of one file: SPDX tag, then the full-text Dice match, then segment by
 * segment for concatenated files, then notice phrases. "Either/dual" wording turns several
 * licences into an OR expression.
 */
export function identifyLicenceText(text: string): LicenceMatch {
  const tags = spdxTags(text.split('\n').slice(0, 40).join('\n'));
  if (tags.length) {
    const valid = tags.map((t) => normaliseExpression(t));
    if (valid.every(Boolean)) return { expression: joinExpressions(valid as string[], 'AND'), confidence: 'high', method: 'spdx-tag' };
    return { expression: undefined, confidence: 'low', method: 'none', review: `SPDX tag is not an SPDX expression: ${tags.join(', ')}` };
  }
  const eula = eulaId(text);
  if (eula)
    return {
      expression: eula,
      confidence: 'medium',
      method: 'notice',
      review: 'an end-user licence agreement, not an open-source licence: read it before shipping',
    };
  // a long licence swamps a short one in the whole-text score, so several segments are read first
  const parts = segments(text);
  const segmentIds =
    parts.length > 1
      ? [
          ...new Set(
            parts
              .map((p) => ({ p, m: pick(score(p)) }))
              .filter(({ m }) => m && m.score >= ACCEPT)
              .map(({ p, m }) => discriminate(m!.id, p)),
          ),
        ]
      : [];
  if (segmentIds.length > 1)
    return {
      expression: join(segmentIds, isDualStatement(text, segmentIds.length)),
      confidence: 'medium',
      method: 'text-match',
      review: 'several licence texts in one file',
    };
  const whole = pick(score(text));
  if (whole && whole.score >= ACCEPT) {
    const hasException = /LLVM Exceptions to the Apache 2\.0 License/i.test(text);
    const id = hasException && whole.id === 'Apache-2.0' ? 'Apache-2.0 WITH LLVM-exception' : discriminate(whole.id, text);
    // the GNU texts are the same for -only and -or-later: which one applies is said in file headers
    const gnu = /^(?:A|L)?GPL-\d\.\d-(?:only|or-later)$/.test(id);
    const gnuId = gnu ? id.replace(/-or-later$/, '-only') : id;
    return {
      expression: gnuId,
      confidence: whole.score >= HIGH && !gnu ? 'high' : 'medium',
      method: 'text-match',
      score: round(whole.score),
      review: gnu
        ? `the ${gnuId.replace(/-only$/, '')} text does not say whether later versions may be used: check the file headers ("or any later version" makes it -or-later)`
        : whole.score < HIGH
          ? `text matches ${whole.id} at ${round(whole.score)} only`
          : whole.rivals.length
            ? `as close: ${whole.rivals.join(', ')}`
            : undefined,
    };
  }
  if (segmentIds.length === 1)
    return { expression: segmentIds[0], confidence: 'medium', method: 'text-match', review: 'licence text found inside a longer file' };
  const notices = [...new Set(NOTICES.filter(([re]) => re.test(text)).map(([, id]) => (typeof id === 'string' ? id : id(text))))].filter(
    (id, _, all) => !(id === 'Apache-2.0' && all.includes('Apache-2.0 WITH LLVM-exception')),
  );
  if (notices.length) {
    const dual = isDualStatement(text, notices.length);
    return {
      expression: join(notices, dual),
      confidence: notices.length === 1 ? 'medium' : 'low',
      method: 'notice',
      review: notices.length > 1 ? `several licences named (${dual ? 'dual' : 'combined'})` : 'identified by a notice, not a full licence text',
    };
  }
  return {
    confidence: 'low',
    method: 'none',
    score: whole ? round(whole.score) : undefined,
    review: whole ? `closest is ${whole.id} at ${round(whole.score)}` : 'no known licence text',
  };
}

/** Several licences: a choice (OR) when the text offers one, otherwise all of them (AND). */
export function join(ids: string[], dual: boolean): string {
  return joinExpressions(ids, dual ? 'OR' : 'AND');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
