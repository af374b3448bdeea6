// Prepares the SBOM bench repository: pytorch/executorch at its mirrored commit, with every
// submodule whose upstream is mirrored locally checked out at its pinned commit (the state a
// developer has after `git submodule update --init`), the others left as bare gitlinks (PyTorch's
// usual CI state). Mirrors come from the search tool's `fetch` (/work/.mirror/<owner+name>/repo);
// nothing here touches the network and nothing is committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const MIRRORS = process.env.GW_MIRRORS ?? '/work/.mirror';
const target = process.argv[2] ?? '/tmp/gw-bench-executorch';
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

const superMirror = join(MIRRORS, 'pytorch+executorch', 'repo');
if (!existsSync(superMirror)) {
  console.error(`no mirror at ${superMirror}: fetch github:pytorch/executorch first`);
  process.exit(2);
}
rmSync(target, { recursive: true, force: true });
git('/', 'clone', '-q', '--no-checkout', '--shared', superMirror, target);
git(target, 'read-tree', 'HEAD');
try {
  git(target, 'checkout-index', '-a', '-f');
} catch {
  // the mirror leaves out its largest blobs (GIFs, tokenizers); everything else is checked out
}
const links = git(target, 'ls-tree', '-r', 'HEAD')
  .split('\n')
  .filter((l) => l.startsWith('160000'));
const urls = git(target, 'config', '-f', '.gitmodules', '--get-regexp', 'url').split('\n');
let checkedOut = 0;
for (const line of links) {
  const [, sha, path] = /^160000 commit ([0-9a-f]{40})\t(.+)$/.exec(line) ?? [];
  if (!sha || !path) continue;
  const urlLine = urls.find((u) => u.startsWith(`submodule.${path}.url `));
  const slug = urlLine && /github\.com[/:]([^/]+)\/([^/.]+?)(?:\.git)?$/.exec(urlLine.split(' ')[1]);
  const mirror = slug ? join(MIRRORS, `${slug[1]}+${slug[2]}`, 'repo') : undefined;
  if (!mirror || !existsSync(mirror)) continue;
  const dest = join(target, path);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  git('/', 'clone', '-q', '--no-checkout', '--shared', mirror, dest);
  try {
    git(dest, 'checkout', '-q', '--detach', sha);
    checkedOut++;
  } catch (_e) {
    console.error(`${path}: pinned ${sha.slice(0, 12)} is not in the mirror; left uninitialised`);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest);
  }
}
console.log(`${target}: ${links.length} gitlinks, ${checkedOut} checked out from local mirrors`);
