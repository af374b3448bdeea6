import type { ScriptSite } from '../analysis.js';
import { resolveCommand } from '../roles/tools.js';
import { optionValues, positional } from '../roles/tool-registry.js';
import { buildDir, buildStage } from './build-stage.js';
import { folderOf } from './built-program.js';
import { cleanPath, FAILS_ON_MISSING } from './produced.js';
import { inVolume } from './run-place.js';
import type { JobFacts } from './job-facts.js';
import type { HiddenFailure } from './types.js';

/**
 * A build whose install a later command reads: `cmake -DCMAKE_INSTALL_PREFIX=./install ..`, `make -j4`
 * and `make install` in `build/`, each hidden by a shell without -e (often inside `docker run … bash -c
 * '…'` on a volume of the checkout), then, in a later step, `ls -lh build/install/lib` or `cd
 * build/install; ./bin/app --help`. The install target builds everything first (CMake's `install`
 * depends on `all`, autotools' and meson's alike), so it writes the prefix only when configure, build
 * and install all worked; a fresh checkout holds no such folder, and the reader fails without it. Only
 * a prefix inside the checkout counts: an absolute one (`/usr/local`) is there already.
 */

interface Command {
  words: readonly string[];
  site: ScriptSite;
  offset: number;
}

/** Where an install of this command writes, as written: `-DCMAKE_INSTALL_PREFIX=P`, `--prefix=P`, `PREFIX=P`, `DESTDIR=P`. */
function prefixOption(words: readonly string[]): string | undefined {
  const r = resolveCommand(words);
  if (!r) return undefined;
  const w = r.words;
  for (let i = 1; i < w.length; i++) {
    const a = w[i] === '-D' ? `-D${w[i + 1] ?? ''}` : w[i]!;
    const cmake = /^-DCMAKE_INSTALL_PREFIX(?::\w+)?=(.+)$/.exec(a)?.[1];
    if (cmake) return cmake;
  }
  const option = optionValues(w, ['--prefix', '--install-prefix'])[0];
  if (option) return option;
  // make's variables: `make install PREFIX=out`, `DESTDIR=stage` (the install lands under it).
  return w.map((x) => /^(?:PREFIX|prefix|DESTDIR)=(.+)$/.exec(x)?.[1]).find(Boolean);
}

/**
 * The install step of a build that builds everything before it installs: `make install`, `ninja
 * install`, `meson install`, `cmake --build b --target install`. (`cmake --install b` builds nothing:
 * after a failed build it installs what was made, and the prefix is there.)
 */
function installs(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r) return false;
  const w = r.words;
  if (['make', 'gmake', 'ninja', 'jom', 'nmake'].includes(r.program)) return targetsOf(w)?.includes('install') ?? false;
  if (r.program === 'cmake') return w.includes('--build') && optionValues(w, ['--target', '-t']).includes('install');
  return r.program === 'meson' && w[1] === 'install';
}

/** make's or ninja's targets (`make -j 4 -C build install VAR=1` has `install`); undefined for other programs. */
function targetsOf(w: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    if (/^-[Cfjl]$/.test(a) || a === '--directory' || a === '--file') i++;
    else if (!a.startsWith('-') && !a.includes('=')) out.push(a);
  }
  return out;
}

/**
 * A build the install target answers for: one of the default goal (`make`, `make -j4 all`, `ninja`,
 * `cmake --build b`, `meson compile -C b`). A named target (`make bench`) may lie outside `all`, and
 * the install builds nothing of it.
 */
function buildsAll(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r) return false;
  const w = r.words;
  if (['make', 'gmake', 'ninja', 'jom', 'nmake'].includes(r.program)) return (targetsOf(w) ?? []).every((t) => t === 'all' || t === 'install');
  if (r.program === 'cmake' && w.includes('--build')) return optionValues(w, ['--target', '-t']).every((t) => t === 'all' || t === 'install');
  return r.program === 'meson' && w[1] === 'compile' && positional(w.slice(2), new Set(['-C', '-j'])).length === 0;
}

/** The build tree a command works on, from where it runs: its `-C DIR`, `--build DIR`, `-B DIR`, meson's build folder. */
function treeOf(c: Command, fileText: string): string | undefined {
  const folder = folderOf(c.site, c.offset, fileText);
  if (folder === undefined) return undefined;
  const r = resolveCommand(c.words);
  const w = r?.words ?? [];
  let dir = buildDir(w);
  if (dir === undefined && r?.program === 'cmake') dir = optionValues(w, ['-B'], true)[0];
  if (dir === undefined && r?.program === 'meson' && (w[1] === 'setup' || w[1] === 'configure'))
    dir = positional(w.slice(2), new Set(['--prefix', '-D', '--buildtype', '--backend']))[0];
  if (dir === undefined && r?.program === 'make') dir = optionValues(w, ['-C'], true)[0];
  return dir === undefined ? (inCheckout('.', folder) ?? '') : (inCheckout(dir, folder) ?? (dir.startsWith('/') ? dir : undefined));
}

/** A prefix as a folder of the checkout, read from where its command runs; undefined outside it or unknown. */
function inCheckout(prefix: string, folder: string): string | undefined {
  let p = prefix.replace(/^["']|["']$/g, '');
  const here = /^(\$\{?PWD\}?|\$\(pwd\)|`pwd`)(\/|$)/.exec(p);
  const root = /^(\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)(\/|$)/.exec(p);
  if (here) p = [folder, p.slice(here[0].length)].filter(Boolean).join('/');
  else if (root) p = p.slice(root[0].length);
  else if (/^([/\\~]|[a-z]:)/i.test(p)) return undefined;
  else p = [folder, p].filter(Boolean).join('/');
  if (p.includes('$')) return undefined;
  const parts: string[] = [];
  for (const part of cleanPath(p).split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (!parts.pop()) return undefined;
  }
  return parts.length ? parts.join('/') : undefined;
}

/** The argument of a later command that reads the prefix (the folder itself, or a path under it), read from where it runs. */
function readsPrefix(l: Command, prefix: string, fileText: string): string | undefined {
  const program = resolveCommand(l.words)?.program ?? '';
  const folder = folderOf(l.site, l.offset, fileText);
  if (folder === undefined) return undefined;
  // A program run from the prefix (`./build/install/bin/app --help`) fails without it; else only a
  // command that fails on a missing file (`ls`, `cp`, `tar`, `readelf`), not a print or a writer.
  const runs = /[/\\]/.test(l.words[0] ?? '') && (inCheckout(l.words[0]!, folder) ?? '').startsWith(`${prefix}/`);
  if (!runs && !FAILS_ON_MISSING.has(program)) return undefined;
  for (const a of runs ? l.words : l.words.slice(1)) {
    if (a.startsWith('-') || a.includes('=')) continue;
    const p = inCheckout(a, folder);
    if (p && (p === prefix || p.startsWith(`${prefix}/`))) return a;
  }
  return undefined;
}

/**
 * For a hidden step of a build chain (the configure that names the prefix, a build after it, the
 * install), the later command that reads what the install writes, with the folder it reads.
 * `script` holds the commands of the hidden command's own script, in order; `later` the commands
 * that run after its failure, outside the chain.
 */
export function readsInstall<T extends Command>(
  hidden: Command,
  script: readonly Command[],
  later: readonly T[],
  fileText: string,
): { reader: T; path: string; install: Command } | undefined {
  const stage = buildStage(hidden.words);
  if (stage !== 'configure' && !(stage === 'build' && (buildsAll(hidden.words) || installs(hidden.words)))) return undefined;
  const tree = treeOf(hidden, fileText);
  const sameTree = (c: Command) => tree !== undefined && treeOf(c, fileText) === tree;
  const before = script.filter((c) => c.offset <= hidden.offset);
  const configure = [...before].reverse().find((c) => buildStage(c.words) === 'configure');
  // The install of the same tree, in the same script after the hidden command.
  const install = script.find((c) => c.offset >= hidden.offset && installs(c.words) && sameTree(c));
  if (!install || (!configure && !installs(hidden.words))) return undefined;
  if (stage !== 'configure' && configure && !sameTree(configure) && !prefixOption(install.words)) return undefined;
  // The install's own prefix wins over the configure's.
  const [from, written] = prefixOption(install.words) ? [install, prefixOption(install.words)] : configure ? [configure, prefixOption(configure.words)] : [];
  if (!from || !written) return undefined;
  const folder = folderOf(from.site, from.offset, fileText);
  // A container's path on a volume of the checkout (`-v $PWD:/src` and `--prefix=/src/stage`) is a folder of it.
  const mapped = written.startsWith('/') ? inVolume(written, from.site.value.value.slice(0, from.offset)) : written;
  const prefix =
    folder === undefined || mapped === undefined ? undefined : inCheckout(written.startsWith('/') ? mapped : written, written.startsWith('/') ? '' : folder);
  if (!prefix) return undefined;
  const when = (c: Command) => c.site.step?.if?.value.trim() ?? '';
  for (const reader of later) {
    if (reader.site === hidden.site && reader.offset <= install.offset) continue;
    // A reader that runs on other legs or events than the build (`if: matrix.os == 'macos-latest'`) catches nothing on the rest.
    if (reader.site.step !== hidden.site.step && when(reader) !== '' && when(reader) !== when(hidden)) continue;
    const path = readsPrefix(reader, prefix, fileText);
    if (path) return { reader, path, install };
  }
  return undefined;
}

/**
 * For a hidden configure or build of `hidden` (all the site's hidden failures) in a job: the later
 * command that reads what the script's install writes, as the reason it is caught.
 */
export function installReader(
  h: HiddenFailure,
  hidden: readonly HiddenFailure[],
  facts: JobFacts,
  after: (l: JobFacts['loud'][number]) => boolean,
): string | undefined {
  const stage = buildStage(h.words);
  if (stage !== 'configure' && stage !== 'build') return undefined;
  const script = [
    ...hidden.filter((x) => x.site === h.site).map((x) => ({ words: x.words, site: x.site, offset: x.commandRange.start })),
    ...(facts.loudBySite.get(h.site) ?? []),
  ].sort((a, b) => a.offset - b.offset);
  const read = readsInstall({ words: h.words, site: h.site, offset: h.commandRange.start }, script, facts.loud.filter(after), facts.fileText);
  return (
    read &&
    `\`${read.reader.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(read.reader.site, read.reader.offset)} reads ${read.path}, which \`${read.install.words.join(' ')}\` at line ${facts.lineOf(h.site, read.install.offset)} installs only when the build worked, and fails without it`
  );
}
