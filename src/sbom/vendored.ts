import picomatch from 'picomatch';
import { isLicenceFile, isManifest } from './roots.js';

/** Folders under a vendor root that hold build glue, not a copy of someone's code. */
const NOT_CODE = new Set(['patches', 'packagefiles', 'build_defs', 'cmake', 'bazel', 'scripts']);

/** A folder directly under a vendor root that is not a submodule. */
export interface VendoredFolder {
  path: string;
  /** `licence file LICENSE`, `manifest CMakeLists.txt`, or `folder under third_party`. */
  recognisedBy: string;
  /** Whether a licence file or manifest was found; otherwise it is listed for review. */
  strong: boolean;
  /** Files inside it, relative to the folder. */
  files: string[];
  /** Submodules inside the folder: a folder of build glue around a submodule is that submodule. */
  wraps?: string[];
  /** A name other than the folder's (one library of a folder of single headers). */
  name?: string;
  /** One copied file (`include/stb_image.h`): its own header comment carries the licence. */
  singleFile?: boolean;
}

function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

const HEADER = /\.(?:h|hh|hpp|hxx|inl|c|cc|cpp)$/i;

/**
 * A folder that holds several libraries and no licence of its own (`include/` of single-header
 * libraries, `misc/` with a few copied projects) is several components: each subfolder with a
 * licence or manifest, and each top-level source file.
 */
function splitContainer(v: VendoredFolder): VendoredFolder[] | undefined {
  if (v.strong) return undefined;
  const top = v.files.filter((f) => !f.includes('/') && HEADER.test(f));
  const subs = [...new Set(v.files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))].filter((d) =>
    v.files.some(
      (f) => f.startsWith(`${d}/`) && !f.slice(d.length + 1).includes('/') && (isLicenceFile(f.slice(d.length + 1)) || isManifest(f.slice(d.length + 1))),
    ),
  );
  if (top.length + subs.length < 2) return undefined;
  // `hedley/hedley.hpp` + `hedley_undef.hpp`: one library in several files, named like its folder
  const stems = top.map((f) => f.replace(/\.\w+$/, '').toLowerCase());
  const folderName = v.path.split('/').pop()!.toLowerCase();
  if (subs.length === 0 && (stems.some((s) => s === folderName || s.startsWith(folderName)) || commonPrefix(stems).length >= 4)) return undefined;
  const parts: VendoredFolder[] = top.map((f) => ({
    path: `${v.path}/${f}`,
    recognisedBy: `file in ${v.path}, a folder of several libraries`,
    strong: false,
    files: [f],
    name: f.replace(/\.\w+$/, ''),
    singleFile: true,
  }));
  for (const d of subs) {
    const inner = v.files.filter((f) => f.startsWith(`${d}/`)).map((f) => f.slice(d.length + 1));
    const licence = inner.find((f) => !f.includes('/') && isLicenceFile(f));
    parts.push({ path: `${v.path}/${d}`, recognisedBy: licence ? `licence file ${licence}` : `manifest in ${v.path}/${d}`, strong: true, files: inner });
  }
  return parts;
}

/**
 * Finds vendored folders: every folder directly under a folder named like a vendor root, outside
 * submodules. A folder with neither licence nor manifest is still listed (weakly): an SBOM that
 * silently drops unlabelled copied code is worse than one that asks for a review.
 */
export function findVendoredFolders(
  files: readonly string[],
  roots: readonly string[],
  submodulePaths: readonly string[],
  exclude: readonly string[] = [],
): { folders: VendoredFolder[]; skipped: { path: string; reason: string }[] } {
  const rootNames = new Set(roots.map((r) => r.toLowerCase()));
  const excluded = exclude.length ? picomatch(exclude as string[], { dot: true }) : () => false;
  const insideSubmodule = (p: string) => submodulePaths.some((s) => p === s || p.startsWith(`${s}/`));
  const folders = new Map<string, string[]>();
  for (const file of files) {
    const parts = file.split('/');
    // the outermost root wins, so third_party/x/third_party/y belongs to x
    for (let i = 0; i < parts.length - 2; i++) {
      if (!rootNames.has(parts[i]!.toLowerCase())) continue;
      const folder = parts.slice(0, i + 2).join('/');
      if (insideSubmodule(folder)) break;
      const list = folders.get(folder) ?? [];
      list.push(parts.slice(i + 2).join('/'));
      folders.set(folder, list);
      break;
    }
  }
  const out: VendoredFolder[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const [path, inner] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (excluded(path) || excluded(`${path}/`)) {
      skipped.push({ path, reason: 'excluded by sbom.exclude' });
      continue;
    }
    if (NOT_CODE.has(path.split('/').pop()!.toLowerCase())) {
      skipped.push({ path, reason: 'build glue (patches, meson packagefiles, cmake/bazel helpers), not a copy of upstream code' });
      continue;
    }
    if (nestedInFolder(path, folders)) continue;
    const top = inner.filter((f) => !f.includes('/'));
    const licence = top.find(isLicenceFile) ?? (inner.some((f) => /^LICENSES\/[^/]+$/.test(f)) ? 'LICENSES/' : undefined);
    const manifest = top.find(isManifest);
    const recognisedBy = licence ? `licence file ${licence}` : manifest ? `manifest ${manifest}` : `folder under ${path.split('/').slice(-2, -1)[0]}`;
    const wraps = submodulePaths.filter((s) => s.startsWith(`${path}/`));
    const folder: VendoredFolder = { path, recognisedBy, strong: Boolean(licence || manifest), files: inner.sort(), ...(wraps.length ? { wraps } : {}) };
    out.push(...(wraps.length ? [folder] : (splitContainer(folder) ?? [folder])));
  }
  return { folders: out, skipped };
}

/** A root inside a vendored folder (`third_party/a/third_party/b`) is part of that folder. */
function nestedInFolder(path: string, folders: Map<string, string[]>): boolean {
  for (const other of folders.keys()) if (other !== path && path.startsWith(`${other}/`)) return true;
  return false;
}
