import { isAbsolute, relative, resolve } from 'node:path';
import { dirname } from 'node:path';
import { configFileAhead, loadConfig } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { Repository } from '../../services/repository.js';
import { writeOutputFile } from '../output-file.js';
import { defaultCacheDir, ScanCache } from '../../smoke/cache.js';
import { checkImports, SMOKE_REPORTED_RULES, type SmokeStats } from '../../smoke/check.js';
import { ciSnippet } from '../../smoke/ci-snippet.js';
import { repositoryPins } from '../../recipes/action-pins.js';
import { unknownPackages } from '../../smoke/unknown-packages.js';
import type { SmokeConfig } from '../../smoke/project.js';
import { DEFAULT_TEST_PATH, runtimeTest } from '../../smoke/runtime-test.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { boolOpt, listOpt, REPORTING_OPTIONS, stringOpt, type Command, type ParsedArgs } from '../options.js';

export const smokeCommand: Command = {
  name: 'smoke',
  summary: 'Check every Python import statically, before any build, and generate the runtime import smoke test (M01).',
  usage: 'smoke [DIR] [--package PKG]… [--no-cache | --cache-dir DIR] [--jobs N] [--write-test [FILE]] [--ci] [--format …]',
  options: [
    ...REPORTING_OPTIONS,
    {
      name: 'package',
      type: 'string',
      multiple: true,
      value: 'PKG',
      description: 'only analyse this package (dotted name or directory; repeatable); imports still resolve against the whole repository',
    },
    {
      name: 'write-test',
      type: 'boolean',
      description: `write the runtime import test (default ${DEFAULT_TEST_PATH}; a positional argument ending in .py names another FILE) and print the CI job`,
    },
    { name: 'ci', type: 'boolean', description: 'print the CI job that runs this check before the build, and the runtime test after it' },
    {
      name: 'cache-dir',
      type: 'string',
      value: 'DIR',
      description: 'scan cache directory (default $GROUNDWORK_CACHE_DIR, $XDG_CACHE_HOME/groundwork or ~/.cache/groundwork)',
    },
    { name: 'no-cache', type: 'boolean', description: 'neither read nor write the scan cache' },
    {
      name: 'jobs',
      type: 'string',
      short: 'j',
      value: 'N',
      description: 'threads for a cold scan (default: one per core once each gets 2,500 files; 1 = this thread only)',
    },
  ],
  async run(args, io: CliIO) {
    const { dir, testFile } = positionals(args);
    const repo = Repository.open(resolve(io.cwd, dir));
    // The registry of every rule loads the workflow rules and their parsers, 20 ms of a cold run:
    // it is needed only to check the rule ids a configuration file names.
    const knownRules = configFileAhead(repo.root, stringOpt(args, 'config')) ? (await import('../../rules/index.js')).ALL_RULES.map((r) => r.id) : [];
    const config = loadConfig(repo.root, knownRules, stringOpt(args, 'config'));
    if (boolOpt(args, 'ci') && !boolOpt(args, 'write-test')) {
      io.stdout(ciSnippet(DEFAULT_TEST_PATH, repositoryPins(repo)));
      return 0;
    }
    const cacheDir = stringOpt(args, 'cache-dir') ? resolve(io.cwd, stringOpt(args, 'cache-dir')!) : defaultCacheDir(io.env);
    const cache = boolOpt(args, 'no-cache') ? ScanCache.disabled() : ScanCache.load(cacheDir, repo.root);
    const started = performance.now();
    const jobs = stringOpt(args, 'jobs') === undefined ? undefined : Number(stringOpt(args, 'jobs'));
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0))
      throw new UsageError(`smoke: --jobs must be a positive whole number (got '${stringOpt(args, 'jobs')}')`);
    const result = await checkImports({ repo, config, packages: listOpt(args, 'package'), cache, jobs });
    const unknown = unknownPackages(result.project, listOpt(args, 'package'));
    if (unknown.length) throw new UsageError(`smoke: --package ${unknown.join('; ')}`);
    const elapsed = performance.now() - started;
    const notes = [summary(result.stats, elapsed)];
    const cacheProblem = cache.save(repo.root);
    if (cacheProblem && !boolOpt(args, 'quiet')) io.stderr(`groundwork: ${cacheProblem}\n`);
    if (result.ignored.length) notes.push(`${result.ignored.length} finding(s) suppressed by # groundwork: ignore comments`);
    if (result.stats.files === 0) notes.push('no Python files found');
    if (boolOpt(args, 'write-test')) {
      const target = testFile ? resolve(io.cwd, testFile) : resolve(repo.root, DEFAULT_TEST_PATH);
      const testPath = relative(repo.root, target).split('\\').join('/');
      const rootFromTest = relative(dirname(target), repo.root).split('\\').join('/');
      const packages = listOpt(args, 'package').length ? listOpt(args, 'package') : (config.section<SmokeConfig>('smoke').packages ?? []);
      const generated = runtimeTest(result.project, { testPath, rootFromTest, packages });
      // A test that imports nothing would pass whatever happens: refuse to write it.
      if (generated.modules === 0)
        throw new UsageError(
          `smoke --write-test: no public module found to test (${packages.length ? `--package/smoke.packages ${packages.join(', ')} select none` : 'no regular package with __init__.py outside tests, docs and tools'}); name the packages with --package or smoke.packages`,
        );
      const rel = relative(repo.root, target);
      // Inside the repository, checked through links before any folder is made; elsewhere, where the user said.
      if (!rel.startsWith('..') && !isAbsolute(rel)) repo.writeAtomic(rel.split('\\').join('/'), generated.text);
      else writeOutputFile(target, generated.text);
      const shown = relative(io.cwd, target);
      io.stderr(
        `wrote ${shown && !shown.startsWith('..') ? shown : target}: ${generated.modules} public modules (${generated.withNames} with names from __all__, ${generated.withOptional} with optional dependencies)\n`,
      );
      io.stdout(ciSnippet(testPath, repositoryPins(repo)));
      return 0;
    }
    const { files, imports, byCategory, excluded } = result.stats;
    return emitReport(
      {
        version: VERSION,
        findings: result.findings,
        rules: SMOKE_REPORTED_RULES,
        notes,
        title: 'M01 findings: imports that would fail',
        stats: { files, imports, byCategory, excluded },
      },
      args,
      io,
      config.failOn,
    );
  },
};

/** DIR and, with --write-test, a FILE: a positional ending in .py is the test file. */
function positionals(args: ParsedArgs): { dir: string; testFile?: string } {
  const rest = [...args.positionals];
  let testFile: string | undefined;
  if (boolOpt(args, 'write-test')) {
    const i = rest.findIndex((p) => p.endsWith('.py'));
    if (i >= 0) testFile = rest.splice(i, 1)[0];
  }
  if (rest.length > 1) throw new UsageError(`smoke: expected at most one directory, got ${rest.join(' ')}`);
  return { dir: rest[0] ?? '.', testFile };
}

function summary(s: SmokeStats, ms: number): string {
  const c = s.byCategory;
  const x = s.excluded;
  const left = x.inputFolders + x.testInputs + x.unparsable;
  const out = left
    ? `; ${left} left out as data, not code (${x.inputFolders} in folders of test inputs, ${x.testInputs} test inputs nothing runs, ${x.unparsable} not parsable and imported by nothing)`
    : '';
  return `${s.files} Python files, ${s.imports} imports (${c.internal} internal, ${c.stdlib} standard library, ${c['third-party']} declared third-party, ${c.unknown} other external, ${c.unresolved} not resolvable statically) in ${Math.round(ms)} ms; ${s.cached} files from the cache${out}`;
}
