import type { ScriptSite } from '../analysis.js';
import { resolveCommand, toolRole } from '../roles/tools.js';
import { optionValues, positional } from '../roles/tool-registry.js';
import { buildStage } from './build-stage.js';
import { folderOf } from './built-program.js';
import { cleanPath } from './produced.js';
import { inVolume } from './run-place.js';

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

/** The install step of a build: `make install`, `ninja install`, `cmake --install b`, `cmake --build b --target install`, `meson install`. */
function installs(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r) return false;
  const w = r.words;
  if (['make', 'gmake', 'ninja', 'jom', 'nmake'].includes(r.program)) return positional(w.slice(1)).includes('install');
  if (r.program === 'cmake') return w.includes('--install') || (w.includes('--build') && optionValues(w, ['--target', '-t']).includes('install'));
  return r.program === 'meson' && w[1] === 'install';
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
  const role = toolRole([...l.words])?.role;
  const program = resolveCommand(l.words)?.program;
  if (role === 'cleanup' || role === 'probe' || ['mkdir', 'touch', 'rm', 'cmake', 'make', 'ninja'].includes(program ?? '')) return undefined;
  const folder = folderOf(l.site, l.offset, fileText);
  if (folder === undefined) return undefined;
  for (const a of l.words) {
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
  if (stage !== 'configure' && stage !== 'build') return undefined;
  const before = script.filter((c) => c.offset <= hidden.offset);
  const configure = [...before].reverse().find((c) => buildStage(c.words) === 'configure');
  const install = script.find((c) => c.offset >= hidden.offset && installs(c.words));
  if (!install || (!configure && !installs(hidden.words))) return undefined;
  // The install's own prefix wins over the configure's.
  const [from, written] = prefixOption(install.words) ? [install, prefixOption(install.words)] : configure ? [configure, prefixOption(configure.words)] : [];
  if (!from || !written) return undefined;
  const folder = folderOf(from.site, from.offset, fileText);
  // A container's path on a volume of the checkout (`-v $PWD:/src` and `--prefix=/src/stage`) is a folder of it.
  const mapped = written.startsWith('/') ? inVolume(written, from.site.value.value.slice(0, from.offset)) : written;
  const prefix =
    folder === undefined || mapped === undefined ? undefined : inCheckout(written.startsWith('/') ? mapped : written, written.startsWith('/') ? '' : folder);
  if (!prefix) return undefined;
  for (const reader of later) {
    if (reader.site === hidden.site && reader.offset <= install.offset) continue;
    const path = readsPrefix(reader, prefix, fileText);
    if (path) return { reader, path, install };
  }
  return undefined;
}
