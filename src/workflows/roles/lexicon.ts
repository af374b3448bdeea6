import { rank, type Role } from './role.js';
import { own } from '../../core/own.js';

/**
 * The words people use to say what a step, a job, a script file or a build target is for. Names
 * are read the way English is: the leading verb says what is done ("Upload test results" uploads,
 * "Install test dependencies" sets up, "Set up test" sets up); without a known verb, the head noun
 * of the phrase does ("Python tests with numpy<2.0" is tests, "Docker push" is a push, "CPU info"
 * is a report). Data, not code: one table for names, scripts (`run_tests.sh`) and targets
 * (`make install`, `rake docker:pull`).
 */
const WORDS: Record<string, Role> = Object.create(null);
function words(role: Role, list: string): void {
  for (const w of list.trim().split(/\s+/)) WORDS[w] = role;
}

words(
  'test',
  `test tests testing tested unittest unittests pytest pytests ctest gtest gtests e2e integration smoke smoketest
  spec specs tox nox regression regressions selftest doctest doctests testsuite suite coverage sanitizer sanitizers asan tsan ubsan msan valgrind fuzz fuzzing fuzzer fuzzers example examples sample samples`,
);
words(
  'build',
  `build builds building rebuild compile compiles compiling compilation package packaging wheel wheels bdist sdist
  assemble bundle cmake bazel make msbuild meson ninja dist distribution artifacts-build crosscompile cross-compile docs doc documentation sphinx
  html dirhtml singlehtml latexpdf epub`,
);
words(
  'lint',
  `lint linter linters linting lints format formatter formatting fmt style flake8 ruff mypy pyright pylint clang-format clang-tidy knip
  clangtidy clangformat cppcheck shellcheck actionlint precommit pre-commit typecheck typechecking typing spellcheck codespell vulture eslint prettier
  black isort lintrunner clippy golangci cpplint yamllint hadolint`,
);
words(
  'verify',
  `verify verification validate validation check checks checking assert asserts ensure sanity consistency compare diff
  audit scan inspect confirm conformance abi abidiff uptodate up-to-date checker checkers linkcheck linkchecker enforce enforces`,
);
words('release', `release releases publish publishing deploy deployment promote ship pypi`);
words('upload', `upload uploads uploading push store save archive attach artifact artifacts`);
words('cache', `cache caches caching ccache sccache`);
words('stats', `stats statistics metrics telemetry monitor monitoring usage benchmark benchmarks bench profile profiling perf measurement measurements energy`);
words(
  'report',
  `report reports reporting summary summarize summarise print show display list log logs dump dumps collect gather
  debug diagnose diagnostics diagnostic info information annotate version versions status result results capture`,
);
words('notify', `notify notification notifications comment comments slack email mail label labels labeler discord zulip teams message send`);
words('cleanup', `clean cleanup clear teardown kill stop remove uninstall delete prune purge free chown reset wipe`);
words(
  'setup',
  `setup provide install installs installing configure configuration prepare init initialize initialise download downloads fetch
  checkout clone login authenticate auth credentials enable activate bootstrap provision get resolve pull mount start launch load
  select pin determine compute calculate env environment dependencies deps requirements toolchain ssh create add update upgrade
  increase set use restore unpack extract sync tmate wait generate setvars setenv vcvars vcvarsall vcvars64 vcvars32 vsdevcmd`,
);

/** Words that carry no role and may stand before the verb: "Run tests", "Manually resolve …". */
const FILLER = new Set([
  'run',
  'runs',
  'running',
  'do',
  'execute',
  'perform',
  'manually',
  'then',
  'and',
  'try',
  'also',
  'the',
  'a',
  'an',
  'step',
  'job',
  'ci',
  'gha',
  'python',
  'cpp',
  'c',
  'linux',
  'windows',
  'macos',
  'mac',
  'win',
  'x86',
  'arm64',
  'py',
  'all',
  'full',
  'quick',
  'basic',
  'simple',
  'unit',
  'fb',
  'employees',
  'click',
  'me',
  'for',
  'details',
  'util',
  'utils',
  'script',
  'scripts',
  'main',
  'new',
]);

/** Words after which the head noun has been said ("tests with numpy", "wheels for linux"). */
const PREPOSITIONS = new Set([
  'with',
  'for',
  'on',
  'in',
  'of',
  'from',
  'to',
  'after',
  'before',
  'using',
  'via',
  'into',
  'against',
  'under',
  'without',
  'if',
  'when',
  'by',
  'at',
  'is',
  'are',
]);

/** Two-word verbs: "set up", "clean up", "check out", "log in", "tear down". */
const PHRASES: [RegExp, Role][] = [
  [/^set ?up\b/, 'setup'],
  [/^clean ?up\b/, 'cleanup'],
  [/^check ?out\b/, 'setup'],
  [/^log ?in\b/, 'setup'],
  [/^tear ?down\b/, 'cleanup'],
  // "Unused dependencies and exports", "Dead code", "Circular imports": a search for what should not be there.
  [/^(unused|dead|circular)\b/, 'lint'],
  [/^sign ?in\b/, 'setup'],
  // "Post inline findings", "Post comment": posting is a message to people; "Post-merge tests",
  // "Post-build checks" use post- as a prefix of the next word, which then says what the step is.
  [/^post (?!(merge|build|commit|submit|process|processing|install|release|deploy|job|run|test|tests|checkout|cleanup)\b)/, 'notify'],
];

export interface NameRole {
  role: Role;
  word: string;
}

/** Splits a name into lower-case words: `run_tests.sh` → run tests, `test-mlx-backend` → test mlx backend. */
export function nameWords(name: string): string[] {
  return (
    name
      .replace(/\$\{\{[\s\S]*?\}\}/g, ' ')
      .replace(/([a-z])([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      // "Free-threaded parity test": free-threaded Python, not freeing anything.
      .replace(/\bfree[- ]?thread(ed|ing)\b/g, 'freethreaded')
      // "Run ClangTidy", "clang-format", "pre-commit": one tool's name, split by its case or hyphen.
      .replace(/\bclang[- ]?(tidy|format)\b/g, 'clang$1')
      .replace(/\bpre[- ]commit\b/g, 'precommit')
      .split(/[^a-z0-9+]+/)
      .filter((w) => w && !/^\d+$/.test(w))
  );
}

/**
 * The role a name states: its leading verb (after filler such as "Run"), else its head noun (the
 * last role word before a preposition), else any role word. Undefined when no word is known.
 */
export function roleOfName(name: string | undefined): NameRole | undefined {
  if (!name) return undefined;
  // "Run benchmarks (push only)", "Build (Windows)": a parenthesis says when or where, not what for.
  const plain = name.replace(/\([^()]*\)/g, ' ');
  const all = nameWords(plain.trim() ? plain : name);
  // "Download and run integration tests", "Build then test": each clause says something the step
  // does; the most important one says what it is for. A part that starts with neither filler nor a
  // role word joins two objects ("on main HEAD and latest release"), not two clauses.
  const clauses: string[] = [];
  for (const part of all.join(' ').split(/\b(?:and|then)\b/)) {
    const c = part.trim();
    if (!c) continue;
    const first = c.split(' ')[0]!;
    if (clauses.length && !FILLER.has(first) && !own(WORDS, first)) clauses[clauses.length - 1] += ` ${c}`;
    else clauses.push(c);
  }
  if (clauses.length > 1) {
    let best: NameRole | undefined;
    for (const c of clauses) {
      const r = roleOfClause(c.split(' '));
      if (r && (!best || rank(r.role) > rank(best.role))) best = r;
    }
    return best;
  }
  return roleOfClause(all);
}

function roleOfClause(all: string[]): NameRole | undefined {
  let i = 0;
  while (i < all.length && FILLER.has(all[i]!)) i++;
  const rest = all.slice(i);
  if (rest.length === 0) return headNoun(all);
  const joined = rest.join(' ');
  for (const [re, role] of PHRASES) if (re.test(joined)) return { role, word: joined.match(re)![0] };
  // "Close the nightly wheel failure issue if open", "Create issue for failed build": the step files
  // or closes an issue about the work, whatever the work is.
  // (The issue is the head of the verb's object: no preposition before it, and the phrase ends there:
  // not "Create regression test data for issue 1234", nor "Open issue-tracker e2e tests".)
  const issueAt = rest.findIndex((w) => w === 'issue' || w === 'issues');
  const next = rest[issueAt + 1];
  if (
    issueAt > 0 &&
    issueAt <= 6 &&
    /^(close|open|create|file|update|reopen|raise|post)$/.test(rest[0]!) &&
    rest.slice(1, issueAt).every((w) => !/^(for|of|in|on|with|to|from)$/.test(w)) &&
    (next === undefined || /^(for|on|if|when|about|with|in|to|after)$/.test(next))
  )
    return { role: 'notify', word: `${rest[0]} … issue` };
  const verb = own(WORDS, rest[0]!);
  // "clang-format version", "pre-commit versions": a tool's version, printed.
  if (rest.length === 2 && /^versions?$/.test(rest[1]!) && (!verb || verb === 'lint' || (verb === 'test' && !/^tests?$/.test(rest[0]!))))
    return { role: 'report', word: rest.join(' ') };
  // "Close parallel build on Coveralls", "Coveralls Finished": the coverage service's side of an upload.
  const service = rest.find((w) => w === 'coveralls' || w === 'codecov');
  if (service) return { role: 'upload', word: service };
  if (verb) {
    // "check format", "check style", "check types": the object names the kind of check.
    if (verb === 'verify' && rest[1] && own(WORDS, rest[1]) === 'lint') return { role: 'lint', word: `${rest[0]} ${rest[1]}` };
    // "Check version", "Check Python versions": a step that prints what it finds, not a check of it.
    if (verb === 'verify' && rest.length <= 3 && /^versions?$/.test(rest[rest.length - 1]!)) return { role: 'report', word: rest.join(' ') };
    // "Check Redis Cluster is ready", "Verify the server is running": a readiness wait before the work.
    if (verb === 'verify' && rest.slice(1).some((w) => /^(ready|readiness|running|healthy|alive|available|reachable)$/.test(w)))
      return { role: 'setup', word: `${rest[0]} … ready` };
    // "Upload to PyPI", "Push release tag": moving things is a release when the object is one.
    if (verb === 'upload') {
      const release = rest.slice(1).find((w) => own(WORDS, w) === 'release');
      if (release) return { role: 'release', word: `${rest[0]} … ${release}` };
    }
    // "Publish test results", "Build cache": the object says what is made or moved.
    const object = headNoun(rest.slice(1));
    if (verb === 'release' && object && ['report', 'stats', 'cache', 'upload'].includes(object.role))
      return { role: object.role, word: `${rest[0]} … ${object.word}` };
    // "Run perf tests", "Benchmark tests": what runs is tests (of speed); the word before only says which.
    if (verb === 'stats' && object?.role === 'test' && /^tests?$/.test(object.word)) return { role: 'test', word: `${rest[0]} ${object.word}` };
    // "Test Report", "Test summary": a noun compound naming a report of the tests, not a verb and its object.
    if (verb === 'test' && rest.length === 2 && object?.role === 'report' && /^(report|reports|summary|results)$/.test(object.word))
      return { role: 'report', word: rest.join(' ') };
    // "Format Setup", "Lint setup": a noun compound whose head is the setup (of the formatters), not a
    // verb and its object. ("Test installation" stays a test of the installation.)
    // (Only for a tool's kind, lint or format: "Test setup" and "Release preparation" stay what they say.)
    if (verb === 'lint' && rest.length === 2 && /^(setup|preparation)$/.test(rest[1]!)) return { role: 'setup', word: rest.join(' ') };
    // "Tests measurement": a measurement of the tests (their energy, time), not a run of them.
    if (verb === 'test' && rest.length === 2 && object?.role === 'stats' && /^measurements?$/.test(object.word)) return { role: 'stats', word: rest.join(' ') };
    // "Build stats", "Generate report" (`build-stats.mjs`): what is made is a report of the build, not the product.
    if (verb === 'build' && object && (object.role === 'report' || object.role === 'stats')) return { role: object.role, word: `${rest[0]} … ${object.word}` };
    // "Build dependencies", `build_deps.py`: what is built is what the project's build needs, set up first.
    if (verb === 'build' && object && /^(dependencies|deps|toolchain|prerequisites)$/.test(object.word))
      return { role: 'setup', word: `${rest[0]} … ${object.word}` };
    if ((verb === 'build' || verb === 'setup' || verb === 'verify') && object?.role === 'cache') return { role: 'cache', word: `${rest[0]} … ${object.word}` };
    // "Check disk space", "Audit pre-agent workspace", "Verify runner environment": a check of the
    // machine the job runs on, not of the product.
    if (verb === 'verify') {
      // "Check open pull request limit", "Check PR title", "Validate issue labels": a check of how the
      // pull request or issue is filed, not of the code in it.
      const phrase = phraseOf(rest.slice(1));
      const filed = phrase.some((w) => w === 'pr' || w === 'pull' || w === 'issue' || w === 'issues') && phrase.find((w) => FILING.has(w));
      if (filed) return { role: 'probe', word: `${rest[0]} … ${filed}` };
      // (The new-style words only as the whole object: "Check CPU feature detection" checks a feature.)
      const machine = phrase.find(
        (w) => MACHINE.has(w) && (!BROAD_MACHINE.has(w) || phrase.filter((x) => !/^(before|after|the|system)$/.test(x)).length === 1),
      );
      if (machine && !phrase.some((w) => own(WORDS, w) && own(WORDS, w) !== 'setup' && own(WORDS, w) !== 'verify'))
        return { role: 'probe', word: `${rest[0]} … ${machine}` };
    }
    return { role: verb, word: rest[0]! };
  }
  return headNoun(rest) ?? headNoun(all);
}

/** What the job runs on, its workspace and its access: checking these checks the machine, not the code. */
/** Machine words that also name what software does ("CPU feature detection", "resource limits"). */
const BROAD_MACHINE = new Set(['resources', 'cpu', 'cpus', 'ram']);

const MACHINE = new Set([
  // "Check resources before", "Check CPU": what the runner has, printed before the work.
  ...BROAD_MACHINE,
  'workspace',
  'runner',
  'runners',
  'disk',
  'space',
  'machine',
  'host',
  'environment',
  'env',
  'credentials',
  'token',
  'tokens',
  'secrets',
  'permission',
  'permissions',
  'quota',
  'connectivity',
  // Who runs it: "Check if author is a Kubeflow GitHub member" gates an approval bot, not the code.
  'author',
  'member',
  'membership',
  'collaborator',
]);

/** What a pull request or issue is filed with: checking these checks the filing, not the code. */
const FILING = new Set([
  'title',
  'titles',
  'limit',
  'label',
  'labels',
  'description',
  'body',
  'author',
  'assignee',
  'assignees',
  'reviewers',
  'milestone',
  'size',
  'template',
  'count',
  // "Validate PR release target", "Check PR base branch", "Set PR project fields".
  'target',
  'base',
  'branch',
  'project',
  'field',
  'fields',
  'metadata',
]);

/** The words before the first preposition: the phrase whose last role word is its head. */
function phraseOf(ws: string[]): string[] {
  const cut = ws.findIndex((w) => PREPOSITIONS.has(w));
  return cut > 0 ? ws.slice(0, cut) : ws;
}

function headNoun(ws: string[]): NameRole | undefined {
  const phrase = phraseOf(ws);
  for (const list of [phrase, ws]) {
    for (let j = list.length - 1; j >= 0; j--) {
      const role = own(WORDS, list[j]!);
      if (role) return { role, word: list[j]! };
    }
  }
  return undefined;
}

/** `collect_test_xmls.sh` reports, `run_tests.py` tests, `setup-windows.ps1` sets up: the script's name says. */
export function scriptRole(path: string): Role | undefined {
  const base = path
    .replace(/^["']|["']$/g, '')
    .split(/[/\\]/)
    .pop()!
    .replace(/\.(sh|bash|py|ps1|bat|cmd|rb|pl|php|c?js|mjs|ts)$/i, '');
  // `msvcprep.bat`, `vcvars64.bat`, `setenv.cmd`, `buildenv.sh`: a script that prepares the shell's environment.
  if (/^(vcvars\w*|setenv\w*|\w*prep|\w+env|env)$/i.test(base)) return 'setup';
  return roleOfName(base)?.role;
}
