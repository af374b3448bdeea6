import { createRequire } from 'node:module';
import { identifyLicenceText } from './licence-match.js';
import { isInventoryFile, namedLicenceFile, parseInventory, parsePathLists, type InventoryEntry } from './parse-inventory.js';
import { licenceFromPhrase } from './licence-phrase.js';
import { isLicenceFile } from './roots.js';
import { isNotTheBuild } from './scope.js';
import type { TreeSnapshot } from './tree.js';
import { bigrams, dice, normaliseLicenceText } from './licence-text.js';

let ids: Set<string> | undefined;
function spdxIds(): Set<string> {
  ids ??= new Set(Object.keys(createRequire(import.meta.url)('spdx-license-list') as Record<string, unknown>));
  return ids;
}

/** Folders of the tree, from its file list. */
export function foldersOf(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return out;
}

/**
 * A path as an inventory writes it, found in the tree: as given, or under one top-level folder
 * (Arrow's LICENSE.txt names `src/arrow/util` for `cpp/src/arrow/util`). Ambiguous or absent → undefined.
 */
export function pathResolver(files: readonly string[], folders: ReadonlySet<string>): (token: string) => string | undefined {
  const fileSet = new Set(files);
  const tops = [...new Set(files.map((f) => f.split('/')[0]!))].filter((t) => folders.has(t));
  return (token) => {
    const t = token.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!t || (t.split('/').length < 2 && !folders.has(t) && !fileSet.has(t))) return undefined;
    if (fileSet.has(t) || folders.has(t)) return t;
    const hits = tops.map((top) => `${top}/${t}`).filter((p) => fileSet.has(p) || folders.has(p));
    return hits.length === 1 ? hits[0] : undefined;
  };
}

/**
 * Licence inventories of a tree: dedicated files (`LICENSES_bundled.txt`, `THIRD_PARTY_NOTICES`),
 * the sections after the first of a root LICENSE/COPYING, and `licenses/LICENSE.<name>.txt`.
 */
export function scanInventories(tree: TreeSnapshot, folders: ReadonlySet<string>, selfKey?: string): InventoryEntry[] {
  const resolve = pathResolver(tree.files, folders);
  const out: InventoryEntry[] = [];
  for (const file of tree.files) {
    const depth = file.split('/').length;
    const base = file.split('/').pop()!;
    const rootLicence = depth === 1 && isLicenceFile(base) && !/^notice/i.test(base);
    const dedicated = isInventoryFile(file) && !isNotTheBuild(file);
    const named = namedLicenceFile(file, spdxIds());
    if (!rootLicence && !dedicated && !named) continue;
    const text = tree.read(file);
    if (text === undefined) continue;
    if (named) {
      const m = identifyLicenceText(text);
      const phrase = m.expression ? undefined : licenceFromPhrase(text.split('\n').slice(0, 5).join('\n'));
      out.push({
        name: named,
        file,
        line: 1,
        paths: [],
        licence: m.expression ?? phrase,
        licenceHow: m.expression ? 'text-match' : phrase ? 'phrase' : undefined,
      });
      continue;
    }
    const lists = rootLicence ? parsePathLists(file, text, resolve) : [];
    out.push(...(lists.length ? lists : parseInventory(file, text, resolve, { skipFirst: rootLicence, selfKey })));
  }
  return out;
}

/** Same licence text and same copyright lines: a copy of the project's own licence, not someone else's. */
function sameLicence(a: string, b: string): boolean {
  const holders = (t: string) =>
    t
      .split('\n')
      .filter((l) => /copyright|\(c\)|©/i.test(l))
      .map((l) =>
        l
          .replace(/\d{4}(?:\s*[-–,]\s*(?:\d{4}|present))*/gi, '')
          .replace(/\W+/g, ' ')
          .trim()
          .toLowerCase(),
      )
      .sort()
      .join('|');
  if (holders(a) !== holders(b)) return false;
  return dice(bigrams(normaliseLicenceText(a)), bigrams(normaliseLicenceText(b))) >= 0.95;
}

/**
 * Folders outside the vendor roots that carry a licence file of their own whose text or copyright
 * holder differs from the project's: copied code (Harfbuzz's `src/ms-use`, a bundled `fmt`). A
 * copy of the project's own licence (a Python binding's LICENSE) is not a component.
 */
export function licensedFolders(tree: TreeSnapshot, taken: (path: string) => boolean): { path: string; licenceFile: string }[] {
  const rootLicences = tree.files.filter((f) => !f.includes('/') && isLicenceFile(f) && !/^notice/i.test(f)).map((f) => tree.read(f) ?? '');
  const out: { path: string; licenceFile: string }[] = [];
  const seen = new Set<string>();
  for (const file of tree.files) {
    const parts = file.split('/');
    if (parts.length < 2) continue;
    const base = parts[parts.length - 1]!;
    if (
      !(isLicenceFile(base) || /(?:^|[-_.])licen[cs]e(?:[-_.]|$)/i.test(base)) ||
      /\.(?:py|c|cc|h|hpp|js|ts|html?|json|ya?ml|toml|cfg|in|cmake|bzl|sh|rs|go|java)$/i.test(base)
    )
      continue;
    const folder = parts.slice(0, -1).join('/');
    if (seen.has(folder) || taken(folder) || parts.slice(0, -1).some((p) => /^(?:\.github|\.git|docs?|licen[cs]es|LICENSES|debian)$/i.test(p))) continue;
    // a folder named like a licence (`foo/LICENSE/`, `foo/license/COPYING.txt`) belongs to its parent
    const owner = /^licen[cs]es?$|^copying$/i.test(parts[parts.length - 2]!) ? parts.slice(0, -2).join('/') : folder;
    if (!owner || seen.has(owner) || taken(owner)) continue;
    const text = tree.read(file);
    if (text === undefined || text.trim().length < 40) continue;
    if (rootLicences.some((r) => sameLicence(r, text))) continue;
    seen.add(owner);
    out.push({ path: owner, licenceFile: file });
  }
  return out;
}
