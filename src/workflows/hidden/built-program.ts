import type { ScriptSite } from '../analysis.js';
import { cleanPath, producedPaths } from './produced.js';
import { runPlace } from './run-place.js';
import { resolveCommand } from '../roles/tools.js';

/**
 * A build whose failure a later step of the job finds: the step runs a program from inside the folder
 * the build ran in (`cd examples\csharp\ModelChat; dotnet build` then, in the next step,
 * `.\examples\csharp\ModelChat\bin\Release\net8.0\ModelChat.exe`), which a failed build never made.
 * A fresh checkout holds no earlier build, so the missing program fails that step. A build in the
 * checkout's top folder makes a program there only if it is an `.exe` (`./bb.exe`): other programs
 * beside it (`./gradlew`, `./configure`) are the repository's own.
 */

/** A script of the repository, not a built program. */
const SCRIPT_FILE = /\.(sh|ps1|py|bat|cmd|rb|pl|js)$/i;

/** A program from a build's output folder: `build/`, `out/`, `bin/Release/`, `target/debug/`, `cmake-build-*`. */
export function builtProgram(program: string): boolean {
  const p = cleanPath(program);
  return /(^|\/)(build|_build|out|cmake-build-[\w-]+|target\/(release|debug)|bin\/(Release|Debug))\/([^/]+\/)*[^/]+$/i.test(p) && !SCRIPT_FILE.test(p);
}

interface Run {
  words: string[];
  site: ScriptSite;
  offset: number;
}

/** The folder a command runs in, relative to the checkout, when the workflow spells it out. */
export function folderOf(site: ScriptSite, offset: number, fileText: string): string | undefined {
  const [dir, cd] = runPlace(site, offset, fileText).split('|') as [string, string];
  const parts = [dir, cd].map(cleanPath).filter((p) => p && p !== '.');
  if (parts.some((p) => p.includes('$') || p.startsWith('/') || /^[a-z]:/i.test(p) || p.startsWith('~'))) return undefined;
  if (parts.length > 1 && parts[1]!.startsWith('..')) return undefined;
  return parts.join('/');
}

/** The later run of a program the build at `offset` of `site` made, if one runs. */
export function runsBuiltProgram(site: ScriptSite, offset: number, later: readonly Run[], fileText: string): Run | undefined {
  const built = folderOf(site, offset, fileText);
  if (built === undefined) return undefined;
  return later.find((l) => {
    const program = l.words[0] ?? '';
    if (!/[/\\]/.test(program) || program.includes('$')) return false;
    const here = folderOf(l.site, l.offset, fileText);
    if (here === undefined) return false;
    const path = cleanPath([here, cleanPath(program)].filter(Boolean).join('/'));
    if (path.startsWith('..') || path.split('/').includes('..')) return false;
    if (built === '') return !path.includes('/') && /\.exe$/i.test(path);
    return path.startsWith(`${built}/`) && !SCRIPT_FILE.test(path);
  });
}

/** Go programs the GitHub-hosted runner images ship (ubuntu, macOS, Windows), so a run of one proves no install. */
const PREINSTALLED: ReadonlySet<string> = new Set([
  'kind',
  'kubectl',
  'kustomize',
  'yq',
  'gh',
  'helm',
  'minikube',
  'packer',
  'terraform',
  'docker-compose',
  'buildx',
]);

/**
 * The programs `go install` puts on the PATH: one per package, named after the last element of its
 * path, a major-version suffix skipped (`go install ./cmd/wails` and `go install` in `v2/cmd/wails`
 * make `wails`; `golang.org/x/tools/cmd/goimports@latest` makes `goimports`). A pattern (`./...`)
 * or a folder the workflow does not spell out names none.
 */
export function goInstalled(words: readonly string[], folder: string | undefined): string[] {
  const r = resolveCommand(words);
  if (r?.program !== 'go' || r.words[1] !== 'install') return [];
  const args = r.words.slice(2);
  if (args.some((a) => a.startsWith('-') && !/^-(v|x|a|n|trimpath|race|buildvcs=\w+)$/.test(a))) return [];
  const packages = args.filter((a) => !a.startsWith('-'));
  const names: string[] = [];
  for (const pkg of packages.length ? packages : ['.']) {
    const path = pkg.replace(/@[^/]*$/, '');
    if (path.includes('...') || path.includes('$')) return [];
    const local = path === '.' || path.startsWith('./') || path.startsWith('../');
    if (local && folder === undefined) return [];
    const full = local ? cleanPath([folder, path].filter(Boolean).join('/')) : path;
    const parts = full.split('/').filter((p) => p && p !== '.');
    let name = parts.pop();
    if (name && /^v\d+$/.test(name) && parts.length) name = parts.pop();
    if (!name || name === '..') return [];
    // The runner images already have these: a failed install leaves the old copy to run.
    if (PREINSTALLED.has(name)) return [];
    names.push(name);
  }
  return names;
}

/**
 * A later command of the script that runs a program this one makes: one it names as its output
 * (`./v tool.v` then `./tool`; `cl … /link /out:simple.exe` then `simple.exe`), or one `go install` puts on the PATH (`go install` then `wails -help`;
 * on a fresh runner no other copy is there).
 */
export function runsItsOutput<T extends { words: string[] }>(words: readonly string[], later: readonly T[], installed: readonly string[] = []): T | undefined {
  const outputs = [
    ...words
      .slice(1)
      .filter((w) => /[/\\]/.test(w) && !/^\/\w+:/.test(w))
      .map((w) => cleanPath(w.replace(/\.\w+$/, ''))),
    // What its output options name: `cl … /link /out:simple.exe` then `simple.exe`, `gcc -o demo` then `./demo`.
    ...producedPaths(words).map((p) => p.replace(/\.exe$/i, '')),
  ];
  if (!outputs.length && !installed.length) return undefined;
  return later.find((l) => outputs.includes(cleanPath(l.words[0]!.replace(/\.exe$/, ''))) || installed.includes(l.words[0]!.replace(/\.exe$/i, '')));
}

/** What `go install` at `offset` of `site` puts on the PATH. */
export function installedBy(words: readonly string[], site: ScriptSite, offset: number, fileText: string): string[] {
  return /^go(\.exe)?$/.test(resolveCommand(words)?.program ?? '') ? goInstalled(words, folderOf(site, offset, fileText)) : [];
}
