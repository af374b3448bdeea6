// `groundwork smoke` on PyTorch-size Python trees (3,000-4,000 files), cold and warm, beside
// Python's own ast and web-tree-sitter extracting the imports of the same files, all timed as
// whole commands (start-up included) in one run.
// Usage: node bench/smoke.mjs [--runs N] [--files N] [--tree DIR] [--ao GIT_DIR] [--executorch GIT_DIR]
//   Without --tree, two trees: pytorch/executorch (3,833 Python files, a real repository of the
//   PyTorch organisation) checked out from its bare mirror (default
//   /work/.mirror/pytorch+executorch/repo), and pytorch/ao (default /work/.mirror/pytorch+ao/repo)
//   topped up with the local Python standard library to --files files. A missing mirror is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ROOT, table, timeCommand } from './lib.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg('--runs', 3));
const target = Number(arg('--files', 3600));
const work = mkdtempSync(join(tmpdir(), 'gw-smoke-bench-'));

function pythonFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git' || name === '__pycache__') continue;
    const path = join(dir, name);
    // lstat: a symbolic link to a folder (executorch's src/executorch) is not walked twice, as git does not.
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) pythonFiles(path, out);
    else if ((st?.isFile() || (st?.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile())) && (name.endsWith('.py') || name.endsWith('.pyi')))
      out.push(path);
  }
  return out;
}

const gitIn = (cwd, ...a) =>
  execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...a], { cwd, stdio: 'ignore' });

/** A checkout of executorch from its mirror (the mirror leaves out a few large blobs, none of them Python). */
function executorchTree() {
  const mirror = arg('--executorch', '/work/.mirror/pytorch+executorch/repo');
  if (!existsSync(mirror)) return undefined;
  const tree = join(work, 'executorch');
  execFileSync('git', ['clone', '-q', '--no-checkout', '--shared', mirror, tree]);
  gitIn(tree, 'read-tree', 'HEAD');
  try {
    gitIn(tree, 'checkout-index', '-a', '-f');
  } catch {
    // the blobs the mirror lacks stay missing (deleted in the work tree); everything else is there
  }
  execFileSync('sleep', ['1.1']);
  gitIn(tree, 'update-index', '-q', '--refresh');
  return tree;
}

function mixedTree() {
  const tree = join(work, 'tree');
  mkdirSync(tree);
  const ao = arg('--ao', '/work/.mirror/pytorch+ao/repo');
  if (existsSync(ao)) execFileSync('sh', ['-c', `git --git-dir="${ao}" archive HEAD | tar -x -C "${tree}"`]);
  const stdlib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]).toString().trim();
  const have = pythonFiles(tree).length;
  for (const file of pythonFiles(stdlib).slice(0, Math.max(0, target - have))) {
    const to = join(tree, 'pystdlib', relative(stdlib, file));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(file, to);
  }
  const git = (...a) => gitIn(tree, ...a);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench tree');
  // Files written in the same second as the index are "racily clean": every git diff-files would
  // re-hash them. A real checkout is older than its index, so refresh it once, a second later.
  execFileSync('sleep', ['1.1']);
  git('update-index', '-q', '--refresh');
  return tree;
}

/** Like timeCommand, with the file list on stdin. */
function timeWithInput(cmd, args, input) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    if (last.status !== 0) throw new Error(`${cmd} failed: ${last.stderr.slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], stdout: last.stdout };
}

function measure(name, tree) {
  const files = pythonFiles(tree);
  const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const gw = join(ROOT, 'bin', 'groundwork.js');
  const rows = [['command', 'median ms', 'vs groundwork cold', 'result']];
  const cold = timeCommand('node', [gw, 'smoke', tree, '--format', 'json', '--no-cache'], { runs });
  const count = (s) => `${JSON.parse(s).findings.length} findings`;
  rows.push(['groundwork smoke, cold (no cache)', cold.ms.toFixed(0), '1.00×', count(cold.stdout)]);
  const cacheDir = join(work, `cache-${name}`);
  timeCommand('node', [gw, 'smoke', tree, '--format', 'json', '--cache-dir', cacheDir], { runs: 1 });
  const warm = timeCommand('node', [gw, 'smoke', tree, '--format', 'json', '--cache-dir', cacheDir], { runs });
  rows.push(['groundwork smoke, warm (git blob-id cache)', warm.ms.toFixed(0), `${(warm.ms / cold.ms).toFixed(2)}×`, count(warm.stdout)]);
  const ast = timeWithInput('python3', [join(ROOT, 'test', 'smoke', 'ast_imports.py')], files.join('\n'));
  const astRecords = ast.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .reduce((s, r) => s + (r.imports?.length ?? 0), 0);
  rows.push(['python3 ast, same records (1 process)', ast.ms.toFixed(0), `${(ast.ms / cold.ms).toFixed(2)}×`, `${astRecords} import records`]);
  const ts = timeWithInput('node', [join(ROOT, 'bench', 'smoke-tree-sitter.mjs')], files.join('\n'));
  rows.push([
    'web-tree-sitter + tree-sitter-python (parse + walk)',
    ts.ms.toFixed(0),
    `${(ts.ms / cold.ms).toFixed(2)}×`,
    `${ts.stdout.trim()} import statements`,
  ]);
  console.log(
    `\n## ${name}: ${files.length} Python files, ${mb.toFixed(1)} MB; ${runs} runs each, median; load average ${execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ')}\n`,
  );
  console.log(table(rows));
  console.log(
    `\ncold ${(cold.ms / 1000).toFixed(2)} s (target < 1.5 s), warm ${(warm.ms / 1000).toFixed(2)} s (target < 0.5 s); ast is ${(ast.ms / cold.ms).toFixed(1)}× slower (target ≥ 10×), tree-sitter ${(ts.ms / cold.ms).toFixed(1)}× slower.`,
  );
}

try {
  const given = arg('--tree', undefined);
  if (given) measure(given, given);
  else {
    const executorch = executorchTree();
    if (executorch) measure('pytorch/executorch', executorch);
    else console.log('(no executorch mirror: skipped; fetch github:pytorch/executorch)');
    measure('pytorch/ao topped up with the Python standard library', mixedTree());
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
