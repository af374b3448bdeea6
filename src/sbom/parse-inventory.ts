import { identifyLicenceText } from './licence-match.js';
import { licenceFromPhrase } from './licence-phrase.js';
import { archiveRef } from './upstream-url.js';

/** One third-party entry of a licence inventory (`LICENSES_bundled.txt`, a root LICENSE's appendix …). */
export interface InventoryEntry {
  name: string;
  file: string;
  line: number;
  /** Tree paths (files or folders) the entry names. */
  paths: string[];
  /** SPDX expression identified from the entry's text or its `License:` line. */
  licence?: string;
  /** `text-match` when the entry quotes a full licence text, `phrase` when it only names one. */
  licenceHow?: 'text-match' | 'phrase';
  url?: string;
  github?: string;
  commit?: string;
}

/** Files that list the licences of bundled code, by name. */
export function isInventoryFile(path: string): boolean {
  const base = path.split('/').pop()!;
  return /^(?:LICEN[CS]ES?[-_.]?(?:bundled|third[-_.]?party|3rd[-_.]?party)|THIRD[-_.]?PARTY[-_.]?(?:NOTICES?|LICEN[CS]ES?)|ThirdPartyNotices?|NOTICES?[-_.]?third[-_.]?party)(?:\.\w+)?$/i.test(
    base,
  );
}

/** `licenses/LICENSE.<name>.txt`: one upstream's licence, kept by name in a licences folder. */
export function namedLicenceFile(path: string, spdxIds: ReadonlySet<string>): string | undefined {
  const parts = path.split('/');
  if (parts.length < 2 || !/^(?:licen[cs]es|3rd[-_]?party[-_]licen[cs]es|third[-_]?party[-_]licen[cs]es)$/i.test(parts[parts.length - 2]!)) return undefined;
  const base = parts[parts.length - 1]!.replace(/\.(?:txt|md|rst)$/i, '');
  const m = /^LICEN[CS]E[-_.](.+)$/i.exec(base) ?? /^(.+?)[-_.]LICEN[CS]E$/i.exec(base) ?? /^(.+?)[-_.]COPYING$/i.exec(base);
  const name = m?.[1] ?? base;
  // REUSE keeps the project's own licences as LICENSES/<spdx-id>.txt: those are not upstreams
  return spdxIds.has(name) || spdxIds.has(base) ? undefined : name;
}

interface Section {
  heading: string;
  body: string;
  line: number;
}

/** Splits on underlined headings (`name\n----`), on rules between blocks, and on `Name:` fields. */
function sections(text: string): Section[] {
  const lines = text.split(/\r?\n/);
  const out: Section[] = [];
  let cur: Section | undefined;
  const start = (heading: string, line: number) => {
    if (cur) out.push(cur);
    cur = { heading, body: '', line };
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const next = lines[i + 1] ?? '';
    const underline =
      /^\s*([-=~^*])\1{2,}\s*$/.test(next) &&
      l.trim().length > 0 &&
      l.trim().length <= 100 &&
      Math.abs(next.trim().length - l.trim().length) <= Math.max(4, l.trim().length);
    if (underline && !/^\s*[-=~^*]{3,}\s*$/.test(l)) {
      start(l.trim(), i + 1);
      i++;
      continue;
    }
    if (/^\s*[-=*_#]{10,}\s*$/.test(l)) {
      // a rule: the next non-empty line opens the next block
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim()) j++;
      if (j < lines.length && !/^\s*[-=*_#]{10,}\s*$/.test(lines[j]!)) {
        start(lines[j]!.trim(), j + 1);
        i = j;
      }
      continue;
    }
    const name = /^\s*Name\s*:\s*(.+)$/i.exec(l);
    if (name) {
      start(name[1]!.trim(), i + 1);
      continue;
    }
    if (!cur) cur = { heading: '', body: '', line: 1 };
    cur.body += `${l}\n`;
  }
  if (cur) out.push(cur);
  return out;
}

const NAME_PHRASES = [
  /\b(?:includes?|contains?|bundles?|uses?) (?:some )?(?:code|software|files|portions|parts)(?: \w+){0,3} (?:from|of) (?:the )?([\w .'+-]{2,50}?)(?:'s)?(?: (?:project|library|package|repository|codebase))?(?:\s*\(|[.,:]|\s+(?:by|which|and|under|at|available|licensed)\b)/i,
  /\b(?:taken|copied|derived|adapted|ported|vendored|borrowed) (?:and adapted )?from (?:the )?([\w .'+-]{2,50}?)(?:'s)? (?:project|library|package)/i,
];

function nameOf(s: Section, url: string | undefined): string | undefined {
  const heading = s.heading
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/[:\s]+$/, '')
    .trim();
  if (heading && heading.split(/\s+/).length <= 4 && !/licen[cs]e|copyright|^the |permission|^\d/i.test(heading) && !/\//.test(heading)) return heading;
  const text = `${s.heading}\n${s.body}`.replace(/\s+/g, ' ');
  for (const re of NAME_PHRASES) {
    const m = re.exec(text);
    if (m && !/^(?:this|the|following|same)$/i.test(m[1]!.trim())) return m[1]!.trim().replace(/^(?:the|a) /i, '');
  }
  return url ? archiveRef(url)?.github?.split('/')[1] : undefined;
}

/**
 * Reads a licence inventory: one entry per section, with the paths of the tree it names, the
 * upstream it links, and the licence its text or its `License:` line gives. In a project's own
 * root LICENSE, the first section is the project's licence and is skipped.
 */
export function parseInventory(
  file: string,
  text: string,
  resolvePath: (token: string) => string | undefined,
  options: { skipFirst: boolean; selfKey?: string },
): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  const all = sections(text);
  for (const [k, s] of all.entries()) {
    if (options.skipFirst && k === 0) continue;
    const whole = `${s.heading}\n${s.body}`;
    const urls = [...whole.matchAll(/https?:\/\/[^\s<>()"'`]+/g)].map((m) => m[0].replace(/[.,;:]+$/, ''));
    const refs = urls
      .map((u) => ({ u, r: archiveRef(u) }))
      .filter(
        (x) =>
          x.r && x.r.key !== options.selfKey && !/\/licenses?\/|spdx\.org|opensource\.org|gnu\.org\/licenses|apache\.org\/licenses|creativecommons/i.test(x.u),
      );
    const repo = refs.find((x) => x.r?.github) ?? refs[0];
    const name = nameOf(s, repo?.u);
    const tokens = [...whole.matchAll(/(?:^|[\s`'"(,])((?:[\w.+-]+\/)+[\w.*+-]*)/g)]
      .map((m) => m[1]!.replace(/\/\*.*$|\/$/, '').replace(/[.,;:]+$/, ''))
      .filter((t) => !/^(?:https?:|www\.)/.test(t) && !/:\/\//.test(t));
    const resolved = [...new Set(tokens.map(resolvePath).filter((p): p is string => Boolean(p)))];
    // `Files: a/b/*` and `see a/b/COPYING.txt` name one place: the outermost
    const paths = resolved.filter((p) => !resolved.some((o) => o !== p && p.startsWith(`${o}/`))).sort();
    if (!name && paths.length === 0) continue;
    if (options.skipFirst && paths.length === 0 && !repo && !NAME_PHRASES.some((re) => re.test(whole.replace(/\s+/g, ' ')))) continue;
    const stated = /^\s*Licen[cs]e\s*:\s*(.+)$/im.exec(s.body)?.[1];
    const byText = identifyLicenceText(s.body);
    const licence = byText.method === 'text-match' || byText.method === 'spdx-tag' ? byText.expression : undefined;
    const phrase = licence ? undefined : licenceFromPhrase(stated ?? `${s.heading}\n${s.body}`);
    out.push({
      name: name ?? paths[0]!.split('/').pop()!,
      file,
      line: s.line,
      paths,
      licence: licence ?? phrase,
      licenceHow: licence ? 'text-match' : phrase ? 'phrase' : undefined,
      url: repo?.r?.repo,
      github: repo?.r?.github,
      commit: refs.map((x) => x.r?.commit).find(Boolean),
    });
  }
  return out;
}

/**
 * A root LICENSE that lists paths under licence headings (`MIT License\n-----------\n3rdparty/cma`):
 * one entry per listed path. Returns nothing when the file has no such list.
 */
export function parsePathLists(file: string, text: string, resolvePath: (token: string) => string | undefined): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  for (const s of sections(text)) {
    const licence = licenceFromPhrase(s.heading);
    if (!licence) continue;
    const lines = s.body
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const resolved = lines.map((l) => ({ l, p: /^[\w.+-]+(?:\/[\w.*+-]+)+\/?$/.test(l) ? resolvePath(l.replace(/\/\*.*$|\/$/, '')) : undefined }));
    const hits = resolved.filter((r) => r.p);
    if (hits.length === 0 || hits.length < lines.length / 2) continue; // prose, not a list
    for (const h of hits)
      out.push({
        name: h
          .p!.split('/')
          .pop()!
          .replace(/\.\w+$/, ''),
        file,
        line: s.line,
        paths: [h.p!],
        licence,
        licenceHow: 'phrase',
      });
  }
  return out;
}
