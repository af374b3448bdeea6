// The pieces the silent-failure analysis is built from, one behaviour each: the tool table, runner
// legs, PowerShell and cmd native programs, nested scripts, value flow and dependency builds.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { commandName, parseScript } from '../../src/sources/shell-script.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { loadParser, type Parser } from '../../src/sources/tree-sitter.js';
import { parseWorkflow } from '../../src/sources/workflow.js';
import { nestedScriptOf } from '../../src/workflows/bash/nested.js';
import { valueFate } from '../../src/workflows/bash/values.js';
import { dependencyBuilds } from '../../src/workflows/dependency-builds.js';
import { dependsOn, testsProject } from '../../src/workflows/hidden/build-chain.js';
import { buildStage } from '../../src/workflows/hidden/build-stage.js';
import { goInstalled } from '../../src/workflows/hidden/built-program.js';
import { producedPaths, testsProduced } from '../../src/workflows/hidden/produced.js';
import { describeShell } from '../../src/workflows/effective-shell.js';
import { cmdNatives } from '../../src/workflows/natives-cmd.js';
import { pwshNatives } from '../../src/workflows/natives-pwsh.js';
import { hiddenNatives } from '../../src/workflows/natives.js';
import { roleOfName } from '../../src/workflows/roles/lexicon.js';
import { toolRole } from '../../src/workflows/roles/tools.js';
import { evaluate, matrixRows } from '../../src/workflows/matrix.js';
import { runnerLegs } from '../../src/workflows/runner-os.js';

const role = (line: string) => toolRole(line.split(' '))?.role;

describe('tool table', () => {
  it('knows what CI commands are for, through wrappers', () => {
    assert.equal(role('sudo -E timeout 30m python -m pytest -x tests/'), 'test');
    assert.equal(role('${CONDA_RUN} --no-capture-output pip install -r requirements.txt'), 'setup');
    assert.equal(role('pip install -e .'), 'build');
    assert.equal(role('cmake --build build -j4'), 'build');
    assert.equal(role('sudo /opt/ltp/kirk --no-colors --run-suite fs-jfs'), 'test');
    assert.equal(role('git commit -m docs'), 'setup');
    assert.equal(role('git diff --exit-code'), 'verify');
    assert.equal(role('git diff --quiet'), 'probe');
    assert.equal(role('docker run --rm -v a:b img pytest'), 'test');
    assert.equal(role('rake -C dev/tasks docker:pull:ubuntu'), 'setup');
    // `docker buildx` is a family: only build and bake build.
    assert.equal(role('docker buildx use default'), 'setup');
    assert.equal(role('docker buildx create --use'), 'setup');
    assert.equal(role('docker buildx build -t x .'), 'build');
    assert.equal(role('docker buildx imagetools create -t x:latest x:1'), 'upload');
    // CodeChecker analyzes (a lint) and renders what it found (a report).
    assert.equal(role('CodeChecker analyze build/compile_commands.json -o cc_out'), 'lint');
    assert.equal(role('CodeChecker parse -e html cc_out -o ./reports_html'), 'report');
    // A copy of a known linter kept in the repository is that linter.
    assert.equal(toolRole('python scripts/tools/clang-format-diff.py -p1'.split(' '))?.weak, undefined);
    assert.equal(role('python scripts/tools/clang-format-diff.py -p1'), 'lint');
    assert.equal(toolRole('python make.py'.split(' '))?.weak, true, "a script named like a build tool is still the project's");
    // tox and nox runs are what the environments they are given say, else the tests.
    assert.equal(role('tox -e lint'), 'lint');
    assert.equal(role('tox'), 'test');
    assert.equal(role('tox -e py311,lint'), 'test', 'py311 is the test suite on 3.11');
    assert.equal(role('python -m tox run -e mypy'), 'lint');
    assert.equal(role('nox -s lint tests'), 'test');
    assert.equal(role('nox --session=docs'), 'build');
    assert.equal(role('gcloud storage cp gs://bucket/x.whl dist/'), 'setup');
    assert.equal(role('aws s3 cp dist/x.whl s3://bucket/'), 'upload');
    assert.equal(role('python -m mypy --install-types --non-interactive'), 'setup', 'stubs for what a previous run found');
    assert.equal(role('mypy --install-types --non-interactive --ignore-missing-imports .'), 'lint', 'installs the stubs, then type-checks');
    assert.equal(role('vulkaninfo --summary'), 'report');
    assert.equal(role('cmake --version'), 'report');
    assert.equal(role('python tools/update_version_json.py --version v1.2'), 'setup', 'an option with a value is no version query');
    assert.equal(role('./build/bin/test_runner'), 'test');
    assert.equal(role('%VS_PATH% x64'), 'other');
    assert.equal(role('$task'), undefined, 'a bare variable runs whatever the step runs it for');
    assert.equal(role('yarn danger ci'), 'notify');
    assert.equal(role('mytool frobnicate'), undefined, 'an unknown command is left to the step');
    assert.equal(role('xargs -n40 valgrind build-replay/fuzz/fuzz_json'), 'test', 'xargs runs its command');
    assert.equal(role('xargs'), 'report', 'xargs alone echoes');
    // Installs that build the repository's own program, against installs of tools.
    assert.equal(role('cabal install --install-method=copy --installdir=out pandoc-cli'), 'build');
    assert.equal(role('cabal install hlint'), 'setup');
    assert.equal(role('cabal build --dependencies-only pandoc-cli'), 'setup');
    assert.equal(role('stack install'), 'build');
    assert.equal(role('stack install hlint'), 'setup');
    assert.equal(role('cargo install --path .'), 'build');
    assert.equal(role('cargo install cargo-deny'), 'setup');
    // A run of the project's own program: the names handed to it say what it does, else the step does.
    assert.equal(role('cargo run --manifest-path ci/Cargo.toml integration bitflags'), 'test');
    assert.equal(role('stack exec site build'), 'build');
    assert.equal(role('go run ./cmd/gen'), undefined);
    assert.equal(role('cargo run --release -- --check'), undefined);
    // Coverage runs of the tests, and the reports of what they measured.
    assert.equal(role('cargo llvm-cov --no-report nextest'), 'test');
    assert.equal(role('cargo llvm-cov report --lcov --output-path lcov.info'), 'report');
    assert.equal(role('cargo tarpaulin --out xml'), 'test');
    assert.equal(role('cargo xtask clippy'), 'lint', "the project's own task, named for what it does");
    assert.equal(role('cargo hack check --feature-powerset'), 'build');
    // Coverage reports of a run that already happened; a threshold makes gcovr a check.
    assert.equal(role('gcov -o build ../py/*.c'), 'report');
    assert.equal(role('lcov --capture --directory . --output-file cov.info'), 'report');
    assert.equal(role('gcovr -r . --fail-under-line 80'), 'verify');
    assert.equal(toolRole(['python', '-c', 'import geopandas; geopandas.show_versions()'])?.role, 'report');
    assert.equal(toolRole(['python', '-c', 'import numpy; print(numpy.__version__)'])?.role, 'report');
    assert.equal(toolRole(['python', '-c', 'import torch']), undefined, 'a bare import checks the install');
    assert.equal(role('python setup.py egg_info'), 'setup', 'egg_info writes metadata');
    assert.equal(role('pnpm --filter=./packages/ui test:ui --merge-reports'), 'report', 'merging reports of runs made elsewhere');
    assert.equal(toolRole(['cmd', '/c', '${VSDevCmd}', '&', 'nuget.exe', 'restore', 'x.sln'])?.role, 'setup', 'cmd /c runs its last command');
    assert.equal(role('sudo chown -R 1001:1001 /home/runner/go'), 'setup', 'ownership is housekeeping');
  });

  it('reads names by their leading verb, else their head noun', () => {
    assert.equal(roleOfName('Upload test results')?.role, 'upload');
    assert.equal(roleOfName('Set up test')?.role, 'setup');
    // A noun compound headed by "setup" sets up; "Test installation" tests the installation.
    assert.equal(roleOfName('Format Setup and Environment Preparation')?.role, 'setup');
    assert.equal(roleOfName('Test installation')?.role, 'test');
    assert.equal(roleOfName('Test setup')?.role, 'test');
    assert.equal(roleOfName('Release preparation')?.role, 'release');
    assert.equal(roleOfName('Run Python tests with numpy<2.0')?.role, 'test');
    assert.equal(roleOfName('Docker Push')?.role, 'upload');
    // One tool's name, split by its case or a hyphen; its version is a print.
    assert.deepEqual(
      ['Run ClangTidy', 'Run clang-tidy', 'Run clang-format', 'Run pre-commit'].map((n) => roleOfName(n)?.role),
      ['lint', 'lint', 'lint', 'lint'],
    );
    assert.equal(roleOfName('clang-format version')?.role, 'report');
    assert.equal(roleOfName('Print Python, pip, and tox versions')?.role, 'report');
    assert.equal(roleOfName('Test version')?.role, 'test');
    assert.deepEqual(
      ['Close parallel build on Coveralls', 'Coveralls Finished'].map((n) => roleOfName(n)?.role),
      ['upload', 'upload'],
    );
    // A check of the machine or of a cache is not a check of the product.
    assert.equal(roleOfName('Audit pre-agent workspace')?.role, 'probe');
    assert.equal(roleOfName('Check disk space')?.role, 'probe');
    assert.equal(roleOfName('Check resources before')?.role, 'probe');
    assert.equal(roleOfName('Check cache-memory git integrity')?.role, 'cache');
    assert.equal(roleOfName('Check wheel in clean environment')?.role, 'verify');
    assert.equal(roleOfName('Check test environment')?.role, 'verify');
    // A check of how a pull request is filed is not a check of its code.
    assert.equal(roleOfName('Check open pull request limit')?.role, 'probe');
    assert.equal(roleOfName('Check PR title')?.role, 'probe');
    assert.equal(roleOfName('Verify pull request')?.role, 'verify');
    assert.equal(roleOfName('Check if author is a Kubeflow GitHub member')?.role, 'probe');
    assert.equal(roleOfName('Free-threaded parity test')?.role, 'test', 'free-threaded Python frees nothing');
    assert.equal(roleOfName('Free disk space')?.role, 'cleanup');
    // A parenthesis says when or where; "and" between two objects does not start a clause.
    assert.equal(roleOfName('Run all benchmarks on main HEAD and latest release (push only)')?.role, 'stats');
    assert.equal(roleOfName('Build (Windows)')?.role, 'build');
    assert.equal(roleOfName('Download and run integration tests')?.role, 'test');
    assert.equal(roleOfName('Build and test')?.role, 'test');
    assert.equal(roleOfName('Upload to PyPI')?.role, 'release');
    assert.equal(roleOfName('collect_bazel_test_xmls')?.role, 'report');
    assert.equal(roleOfName('Run Retriever'), undefined);
    assert.equal(roleOfName('Post inline documentation findings')?.role, 'notify');
    assert.equal(roleOfName('Post-merge tests')?.role, 'test', 'post- as a prefix is not the verb');
    assert.equal(roleOfName('Provide output for documentation PR')?.role, 'setup', 'providing a value prepares it');
    assert.equal(roleOfName('Run link checker')?.role, 'verify', 'a checker checks; "link" is not a build verb');
    assert.equal(roleOfName('Check Redis Cluster is ready')?.role, 'setup', 'a readiness wait sets up');
    assert.equal(roleOfName('Check that generated files are up to date')?.role, 'verify');
  });

  it('reads clauses joined by "and" or "then" by the most important one', () => {
    assert.equal(roleOfName('download-and-run-integration')?.role, 'test');
    assert.equal(roleOfName('Build and upload wheels')?.role, 'build');
    assert.equal(roleOfName('Install dependencies then test')?.role, 'test');
    assert.equal(roleOfName('Checkout and set up Python')?.role, 'setup');
    assert.equal(roleOfName('Run and report')?.role, 'report', 'a clause with no role word says nothing');
  });
});

describe('programs a command makes', () => {
  it('names what `go install` puts on the PATH', () => {
    const w = (line: string) => line.split(' ');
    assert.deepEqual(goInstalled(w('go install'), 'v2/cmd/wails'), ['wails'], 'the folder it runs in; v2 is a version, not a name');
    assert.deepEqual(goInstalled(w('go install ./cmd/server ./cmd/admin'), ''), ['server', 'admin']);
    assert.deepEqual(goInstalled(w('go install golang.org/x/tools/cmd/goimports@latest'), undefined), ['goimports']);
    assert.deepEqual(goInstalled(w('go install github.com/x/tool/v3@v3.1.0'), undefined), ['tool']);
    assert.deepEqual(goInstalled(w('go install ./...'), ''), [], 'a pattern names no one program');
    assert.deepEqual(goInstalled(w('go install .'), undefined), [], 'a folder the workflow does not spell out');
    assert.deepEqual(goInstalled(w('go build ./cmd/server'), ''), []);
  });
});

describe('shells and runners', () => {
  it('reads custom shell templates through their wrappers', () => {
    assert.deepEqual([describeShell('bash -l {0}').errexit, describeShell('bash -l {0}').pipefail], [false, false]);
    assert.equal(describeShell('msys2 {0}').pipefail, true);
    assert.deepEqual([describeShell('wsl-bash {0}').program, describeShell('wsl-bash_Ubuntu-24.04 {0}').pipefail], ['bash', true]);
    assert.equal(describeShell('script -q -e -c "bash --noprofile --norc -eo pipefail {0}"').pipefail, true);
    assert.equal(describeShell('arch -arch ${{ inputs.arch }} bash -e -l {0}').errexit, true);
    assert.equal(describeShell('C:\\tools\\cygwin\\bin\\bash.exe -o igncr -eo pipefail {0}').pipefail, true);
    assert.equal(describeShell('cmd').program, 'cmd');
  });

  it('resolves Windows legs from the matrix and the step condition', () => {
    const wf = parseWorkflow(
      sourceFile(
        '.github/workflows/x.yml',
        `on: push
jobs:
  a:
    runs-on: \${{ matrix.os }}
    strategy: { matrix: { os: [ubuntu-latest, windows-latest] } }
    steps:
      - run: pytest
      - if: matrix.os == 'windows-latest'
        run: pytest
      - if: startsWith(matrix.os, 'ubuntu') && github.event_name != 'pull_request'
        run: pytest
      - if: inputs.check-size && !startsWith(matrix.os, 'windows')
        run: pytest
  b:
    runs-on: \${{ contains(matrix.build, 'arm64') && 'windows-11-arm' || 'windows-2022' }}
    strategy: { matrix: { build: [win_amd64, win_arm64] } }
    steps: [{ run: pytest }]
`,
      ),
    );
    const [a, b] = wf.jobs;
    assert.deepEqual([runnerLegs(a, a!.steps[0]).windows, runnerLegs(a, a!.steps[0]).posix], [true, true]);
    assert.deepEqual([runnerLegs(a, a!.steps[1]).windows, runnerLegs(a, a!.steps[1]).posix], [true, false]);
    // One false operand of `&&` is enough, whatever the operands known only at run time.
    assert.deepEqual([runnerLegs(a, a!.steps[2]).windows, runnerLegs(a, a!.steps[2]).posix], [false, true]);
    assert.deepEqual([runnerLegs(a, a!.steps[3]).windows, runnerLegs(a, a!.steps[3]).posix], [false, true], 'a negated Windows test');
    assert.deepEqual([runnerLegs(b, b!.steps[0]).windows, runnerLegs(b, b!.steps[0]).posix], [true, false]);
  });
});

describe('matrix rows', () => {
  const rowsOf = (matrix: string) => {
    const wf = parseWorkflow(
      sourceFile('.github/workflows/m.yml', `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n${matrix}\n    steps: [{ run: make }]\n`),
    );
    return matrixRows(wf.doc, wf.jobs[0]!);
  };

  it('expands the product, then include and exclude, as GitHub does', () => {
    const rows = rowsOf(`        os: [ubuntu, windows]
        py: ['3.10', '3.12']
        exclude:
          - { os: windows, py: '3.10' }
        include:
          - { os: windows, experimental: true }
          - { os: macos, py: '3.12' }`);
    assert.deepEqual(rows, [
      { os: 'ubuntu', py: '3.10' },
      { os: 'ubuntu', py: '3.12' },
      { os: 'windows', py: '3.12', experimental: true },
      { os: 'macos', py: '3.12' },
    ]);
  });

  it('types plain scalars as the runner does: booleans, numbers (3.10 is 3.1), quoted strings stay strings', () => {
    assert.deepEqual(rowsOf(`        v: [3.10, '3.10', true, 'true', x]`), [{ v: 3.1 }, { v: '3.10' }, { v: true }, { v: 'true' }, { v: 'x' }]);
    assert.equal(evaluate('matrix.allow == true', { allow: true })?.coerceString(), 'true');
    assert.equal(evaluate('matrix.allow == true', {})?.coerceString(), 'false', 'a key a row does not define is null');
  });

  it('makes one row per entry of an include-only matrix', () => {
    assert.equal(rowsOf(`        include:\n          - { os: ubuntu }\n          - { os: macos }\n          - { os: windows, name: pre-release }`)?.length, 3);
  });

  it("evaluates expressions on a row with GitHub's expression library", () => {
    assert.equal(evaluate("contains(matrix.name, 'PRE')", { name: 'a pre-release' })?.coerceString(), 'true');
    assert.equal(evaluate('matrix.php > 8', { php: '8.1' })?.coerceString(), 'true');
    assert.equal(evaluate("github.event_name == 'push'", {}), undefined, 'what is known only at run time is not guessed');
  });
});

describe('native programs of PowerShell and cmd', () => {
  it('PowerShell: only a native program before another one is hidden, unless checked', () => {
    const natives = pwshNatives(
      `$Env:PATH = "$(ridk exec cygpath --unix "$(Get-Location)")"
cmake -S . -B build \${{ matrix.defines }} \`
  -DX=ON
if ($LASTEXITCODE -ne 0) { exit 1 }
Get-ChildItem dist/*.whl | ForEach-Object {
  check-wheel-contents $_.FullName
  python -m abi3audit $_.FullName
}
cmake --build build -j \${env:NUMBER_OF_PROCESSORS}
`,
      'pwsh',
    );
    assert.deepEqual(
      natives.map((n) => n.words[0]),
      // ridk runs inside the subexpression of a string, before the assignment, and sets $LASTEXITCODE.
      ['ridk', 'cmake', 'check-wheel-contents', 'python', 'cmake'],
    );
    assert.deepEqual(
      hiddenNatives(natives).map((h) => h.command.words[0]),
      ['ridk', 'check-wheel-contents', 'python'],
    );
    // Words are read with `${{ }}` masked, and shown as the workflow wrote them.
    assert.deepEqual(natives[1]!.words.slice(0, 6), ['cmake', '-S', '.', '-B', 'build', '${{ matrix.defines }}']);
  });

  it('cmd: caret continuations, comment lines, if/else branches, `|| exit /b`', () => {
    const natives = cmdNatives(`@echo off
call "C:\\VS\\vcvarsall.bat" x64
# a comment line that cmd runs and ignores
cmake -S . -B build ^
  -DX=ON || exit /b 1
if "%SKIP%"=="1" (
  echo skipping
) else (
  call gcloud storage cp a dist/
)
`);
    assert.deepEqual(
      natives.map((n) => [n.words[0], n.checked]),
      [
        ['C:\\VS\\vcvarsall.bat', false],
        ['cmake', true],
        ['gcloud', false],
      ],
    );
    assert.deepEqual(
      cmdNatives('cmake -G "${{ matrix.gen }}" -B build\nctest -C ${{ matrix.config }}\n').map((n) => n.words.join(' ')),
      ['cmake -G ${{ matrix.gen }} -B build', 'ctest -C ${{ matrix.config }}'],
    );
  });
});

describe('bash scripts', () => {
  let parser: Parser;
  before(async () => {
    parser = await loadParser('bash');
  });

  it('finds the script in `bash -c`, `docker run … sh -c`, `nix develop … -c bash -lc`, `docker run --entrypoint /bin/bash img -c`, `script -c` and `powershell -Command`, unescaped', () => {
    const parsed = parseScript(
      parser,
      `bash -eo pipefail -c "echo \\"\\$HOME\\" | cat"
docker run --rm img sh -c 'make && make test'
script -q -c "pytest" /dev/null
powershell -Command "& { cmake --build . }"
nix develop .#default -c bash -lc 'cargo --version; pkg-config --modversion openssl'
docker run --rm --entrypoint /bin/bash img:tag -c "which curl; which tar"`,
    );
    const nested = parsed.nodes
      .filter((n) => n.type === 'command')
      .map((n) => nestedScriptOf(n, parsed.source))
      .filter(Boolean);
    assert.deepEqual(
      nested.map((n) => [n!.runner, n!.text, n!.options.errexit, n!.options.pipefail, Boolean(n!.statusLost)]),
      [
        ['bash -c', 'echo "$HOME" | cat', true, true, false],
        ['sh -c', 'make && make test', false, false, false],
        ['script -c', 'pytest', false, false, true],
        ['powershell -Command', '& { cmake --build . }', false, false, false],
        ['bash -c', 'cargo --version; pkg-config --modversion openssl', false, false, false],
        ['bash -c', 'which curl; which tar', false, false, false],
      ],
    );
  });

  it('follows a value to the check that reads it: fail-open, fail-closed, defaulted', () => {
    const fate = (script: string) => {
      const parsed = parseScript(parser, script);
      const producer = parsed.nodes.find((n) => n.type === 'command' && commandName(n) === 'producer')!;
      return valueFate(parsed, producer)?.kind;
    };
    assert.equal(fate('N=$(producer | grep -c x || true)\nif [ "$N" -gt 3 ]; then exit 1; fi'), 'fail-open');
    assert.equal(fate('X=$(producer || true)\nif [ -n "$X" ]; then echo ok; else exit 1; fi'), 'fail-closed');
    assert.equal(fate('X=$(producer | jq .)\nif ! echo "$X" | grep -q ok; then exit 1; fi'), 'fail-closed');
    assert.equal(fate('X=$(producer | tr a b)\n[ -z "$X" ] && X="*"\necho "x=$X" >> "$GITHUB_OUTPUT"'), 'defaulted');
    assert.equal(fate('X=$(producer)\necho "$X"'), 'data');
  });

  it('knows the part of a script that builds a dependency it cloned', () => {
    const script = 'git clone https://github.com/KhronosGroup/OpenCL-Headers\ncd OpenCL-Headers\ncmake -B build\ncmake --build build\ncd ..\nmake';
    const [d] = dependencyBuilds(script);
    assert.equal(d?.dir, 'OpenCL-Headers');
    assert.ok(script.indexOf('cmake -B') > d!.start && script.indexOf('cmake -B') < d!.end);
    assert.ok(script.lastIndexOf('make') > d!.end);
  });

  it('knows a dependency fetched into a folder with git -C and run by path', () => {
    const script = [
      'DIR=$(mktemp -d)',
      'git -C "$DIR" init',
      'git -C "$DIR" remote add origin \\',
      '  https://github.com/deepseek-ai/DeepGEMM.git',
      'git -C "$DIR" fetch --depth=1 origin "$SHA"',
      '"$DIR/develop.sh"',
      'make -j4',
    ].join('\n');
    const builds = dependencyBuilds(script);
    const at = (s: string) => script.indexOf(s);
    assert.ok(builds.every((d) => d.dir === '$DIR'));
    assert.ok(builds.some((d) => at('"$DIR/develop.sh"') >= d.start && at('"$DIR/develop.sh"') < d.end));
    assert.ok(!builds.some((d) => at('make -j4') >= d.start && at('make -j4') < d.end), 'the project build after it is not the dependency');
    // Only a remote URL makes a dependency: `git -C "$DIR" remote add origin ../local` does not.
    assert.deepEqual(dependencyBuilds('git -C "$D" remote add origin ../mirror\n"$D/build.sh"'), []);
  });

  it('knows a dependency downloaded as an archive and unpacked, but not an archive the job made', () => {
    const script =
      'curl -L -o /tmp/mpfr.tar.xz https://ftp.gnu.org/gnu/mpfr/mpfr-4.2.1.tar.xz\ntar xf /tmp/mpfr.tar.xz -C /tmp/\ncd /tmp/mpfr-4.2.1 && ./configure && make\ncd $GITHUB_WORKSPACE\nmake\n';
    const [d, more] = dependencyBuilds(script);
    assert.equal(d?.dir, '/tmp/mpfr-4.2.1');
    assert.equal(d?.how, 'downloaded');
    assert.equal(more, undefined);
    assert.ok(script.lastIndexOf('make') > d!.end, 'the project build after it is not the dependency');
    assert.equal(dependencyBuilds('wget https://x.org/zstd-1.5.6.tar.gz\ntar xzf zstd-1.5.6.tar.gz\ncd zstd-1.5.6\nmake\n')[0]?.dir, 'zstd-1.5.6');
    assert.equal(dependencyBuilds('curl -sL https://x.org/z.tgz | tar xz -C /opt\ncd /opt/z && make\n')[0]?.dir, '/opt/z');
    // An archive that did not come from a URL (a build artifact of the job) is the project's.
    assert.deepEqual(dependencyBuilds('tar xf build.tar.gz\ncd build && ctest\n'), []);
  });

  it('knows the project builds and tests that follow them', () => {
    assert.equal(buildStage('python -m pip install api/python'.split(' ')), 'project');
    assert.equal(buildStage('pip install ./libmambapy'.split(' ')), 'project');
    assert.equal(buildStage('pip install git+https://github.com/o/r'.split(' ')), undefined);
    assert.equal(buildStage('meson --buildtype=release build'.split(' ')), 'configure');
    assert.equal(buildStage('meson wrap install expat'.split(' ')), undefined);
    assert.equal(buildStage(['pnpm', 'build']), 'project');
    assert.ok(testsProject('python tests/run_pytest.py'.split(' ')));
    assert.ok(testsProject(['pnpm', 'test']));
    assert.ok(!testsProject(['pnpm', 'lint']));
    assert.ok(dependsOn('bazel test //...'.split(' '), 'bazel build //...'.split(' ')));
    assert.ok(!dependsOn('bazel test //a:all'.split(' '), 'bazel build //...'.split(' ')));
    assert.ok(dependsOn(['nmake', 'release'], ['nmake']));
    assert.ok(!dependsOn(['nmake', 'test'], ['nmake']));
  });

  it('finds what a command writes and a later test for it', () => {
    assert.deepEqual(producedPaths('hf download org/x baseline.txt --local-dir /tmp/prev'.split(' ')), ['/tmp/prev']);
    assert.deepEqual(producedPaths(['hatch', 'build']), ['dist']);
    assert.deepEqual(producedPaths('python setup.py sdist bdist_wheel'.split(' ')), ['dist']);
    assert.deepEqual(producedPaths(['maturin', 'build', '--release']), ['target/wheels']);
    assert.deepEqual(producedPaths(['pip', 'install', '.']), []);
    assert.equal(testsProduced('\nif [ ! -f /tmp/prev/baseline.txt ]; then exit 0; fi', ['/tmp/prev'])?.path, '/tmp/prev/baseline.txt');
    assert.equal(testsProduced('\nif [ ! -f other/baseline.txt ]; then exit 0; fi', ['/tmp/prev']), undefined);
  });
});
