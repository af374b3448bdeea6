import type { Role } from './role.js';
import { type Decide, positional, programRun, sub } from './tool-registry.js';

// Haskell: `cabal install --installdir=out pandoc-cli` builds the project's programs into a
// directory (an artifact); `cabal install hlint` or `--only-dependencies` installs tools or
// dependencies. `stack install` is `stack build --copy-bins`.
const CABAL_SUB = sub({
  build: 'build',
  'v2-build': 'build',
  'new-build': 'build',
  haddock: 'build',
  sdist: 'build',
  test: 'test',
  'v2-test': 'test',
  'new-test': 'test',
  bench: 'stats',
  check: 'lint',
  upload: 'release',
  update: 'setup',
  'v2-update': 'setup',
  freeze: 'setup',
  configure: 'setup',
  clean: 'cleanup',
  list: 'report',
  run: 'other',
  exec: 'other',
});
export const cabal: Decide = (args, r) => {
  const first = positional(args)[0] ?? '';
  if (args.some((a) => /^--(only-)?dependencies(-only)?$/.test(a))) return 'setup';
  if (/^(v2-|new-)?install$/.test(first)) {
    return args.some((a) => /^--install(dir|-method)\b/.test(a)) ? 'build' : 'setup';
  }
  return CABAL_SUB(args, r);
};
export const stack: Decide = (args) => {
  const pos = positional(args, new Set(['--stack-yaml', '--resolver', '--ghc-options', '--work-dir']));
  if (pos[0] === 'exec' || pos[0] === 'run') return programRun(pos.slice(1));
  if (args.includes('--only-dependencies') || args.includes('--dependencies-only')) return 'setup';
  if (pos[0] === 'install') return pos.length > 1 ? 'setup' : 'build';
  return (
    {
      build: 'build',
      haddock: 'build',
      sdist: 'build',
      test: 'test',
      bench: 'stats',
      upload: 'release',
      setup: 'setup',
      update: 'setup',
      clean: 'cleanup',
      ls: 'report',
    } as Record<string, Role>
  )[pos[0] ?? ''];
};
