import type { Role } from './role.js';
import { type Decide, positional, programRun, sub } from './tool-registry.js';

// Rust's cargo: its subcommands, the plugins CI runs (`llvm-cov`, `tarpaulin`, `hack`, `careful`),
// and the project's own tasks (`xtask`, `cargo make`).
// `cargo install --path .` builds the repository's own program; `cargo install cargo-deny` installs a tool.
const cargoInstallsProject = (args: string[]) => args.some((a) => a === '--path' || a.startsWith('--path='));
export const cargo: Decide = (args, r) => {
  const [first, ...rest] = positional(args, CARGO_VALUED);
  if (first === 'install' && cargoInstallsProject(args)) return 'build';
  // `cargo llvm-cov [nextest|test]` and `cargo tarpaulin` run the tests under coverage; `cargo llvm-cov report` renders what they measured.
  if (first === 'llvm-cov') return llvmCov(rest);
  if (first === 'tarpaulin') return 'test';
  // `cargo xtask clippy`, `cargo make ci-flow`: the project's own tasks, named for what they do.
  if (first === 'xtask' || first === 'make') return programRun(rest);
  // `cargo hack check --feature-powerset`, `cargo careful test`: the subcommand after the wrapper says.
  if (first === 'hack' || first === 'careful')
    return cargoSub(
      args.filter((a) => a !== first),
      r,
    );
  return cargoSub(args, r);
};
const CARGO_VALUED = new Set([
  '-p',
  '--package',
  '--manifest-path',
  '--target',
  '--features',
  '-F',
  '-j',
  '--jobs',
  '--profile',
  '--target-dir',
  '-Z',
  '--output-path',
]);
function llvmCov(rest: string[]): Role | undefined {
  if (rest[0] === 'report' || rest[0] === 'show-env') return 'report';
  if (rest[0] === 'clean') return 'cleanup';
  if (rest[0] === 'run') return programRun(rest.slice(1));
  return 'test';
}
const cargoSub: Decide = sub(
  {
    build: 'build',
    b: 'build',
    rustc: 'build',
    check: 'build',
    c: 'build',
    doc: 'build',
    test: 'test',
    t: 'test',
    nextest: 'test',
    miri: 'test',
    clippy: 'lint',
    fmt: 'lint',
    publish: 'release',
    bench: 'stats',
    install: 'setup',
    fetch: 'setup',
    update: 'setup',
    'generate-lockfile': 'setup',
    clean: 'cleanup',
    deny: 'verify',
    audit: 'verify',
    run: 'other',
    metadata: 'report',
    tree: 'report',
  },
  undefined,
  CARGO_VALUED,
);
