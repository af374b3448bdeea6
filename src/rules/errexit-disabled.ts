import type { FindingDraft, Span } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { ScriptSite, WorkflowAnalysis } from '../workflows/analysis.js';
import { shellLabel } from '../workflows/effective-shell.js';
import { commandOf, maskGroups, whyItMatters, type MaskGroup } from '../workflows/hidden/groups.js';
import type { HiddenFailure, HiddenHow } from '../workflows/hidden/types.js';
import { scriptLabel, scriptSpan, shellAnchor } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';
import { clip } from '../core/clip.js';

const meta: RuleMeta = {
  id: 'errexit-disabled',
  summary: '`set +e`, a shell without `-e`, `bash -c`, pwsh or cmd lets a failing command before the last one pass',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: "Without errexit a script goes on after a failing command and only the last command's status decides the step. That is the case after `set +e`, under a custom shell without `-e` (`bash -l {0}`, `bash {0}`, `sh {0}`), inside `bash -c \"…\"` (also behind a program that runs a command: `docker run img sh -c`, `nix develop .#ci -c bash -lc '…'`, `pixi run bash -c`, `docker run --entrypoint /bin/bash img -c \"…\"`), in scripts that actions run with `bash -c` or `sh -c` (nick-fields/retry, addnab/docker-run-action), and on Windows: pwsh (the default there) and cmd fail a step only on the exit code of the last native program. Only the commands before the last are hidden, so severity follows them: a `cmake --build` before a final `du -sh build` is high, a `conda activate` or `pip install` before a final `pytest` is low. A final `ctest` of the same tree answers for its build (a test whose program the build did not make is “Not Run” and fails ctest), and for its configure with `--no-tests=error` (without it, a tree with no tests passes). Not hidden: a status that is checked (`if ($LASTEXITCODE -ne 0) { exit 1 }`, `rc=$?` then `exit $rc`), `set +e` followed by the script's own verdict (`[ -s errors.txt ] && exit 1`), and a build followed by a run of what it built (`Release\\tests.exe`), which fails without it; a command whose files a later command reads and fails without (`auditwheel repair -w wheelhouse/` then `mv wheelhouse/*.whl dist/`); the cases of a PowerShell `switch`, which are alternatives; `pip install .[lint]` before a lint, which only brings the lint's tools (low); a cmd or pwsh script that ends with its own verdict, set by checks after the hidden command (`set error_occured=1` … `EXIT /B %error_occured%`, `$failed = 1` … `exit $failed`; `exit /b %errorlevel%` is not one). Low, where it surfaces: a build or install of the project (`pip install . pytest`, `python setup.py build`, `pnpm build`) before its tests (`pytest`, `pnpm test`), which use what it built. setup.py's own commands build part of the project too (`python setup.py protoc --build-lib python` generates the modules the package imports); `setup.py check` only checks its metadata. Under cmd, `if %ERRORLEVEL% neq 0 (` with an `exit /b 1` or `goto` inside the block checks the command before it, as `if errorlevel 1 exit /b` on one line does. A package manager's build script is read past its options (`pnpm --filter ./napi/parser build-test`), and its tests count only for the same packages (`pnpm --filter ./napi/parser test`, not another filter). `cabal install --installdir=out pkg`, `stack install` and `cargo install --path .` build the project's own program (build); `cabal install hlint`, `cargo install cargo-deny` and `--only-dependencies` install tools or dependencies (setup). `mypy --install-types` alone installs the stubs a previous run found missing (setup); given what to check (`mypy --install-types --non-interactive .`) it then type-checks (lint). `cargo llvm-cov nextest` and `cargo tarpaulin` run the tests; `cargo xtask clippy` and `cargo run … integration` are the project's own programs, named for what they do. Not hidden either: `perl Makefile.PL` before the make that builds its Makefile, and `make`/`nmake` before `make install`, `check`, `dist` or `release` in the same folder, which build the default goal again by make's conventions (`make test` is not one of them). A PowerShell script called from pwsh (`.\\vsdevenv.ps1`) runs in the session, not as a native program: its errors stop the step. `& $dumpbin /dependents x.exe` runs a native program when the script sets the variable to an `.exe` path (`$dumpbin = & $vswhere … -find …\\dumpbin.exe`); a script block or a `.ps1` is not one. `meson [options] builddir` is the old spelling of `meson setup`; `meson wrap …` and `meson subprojects …` fetch dependencies (setup); `bazel test //...` builds again what `bazel build //...` built. A later command on the right of the same `&&` (`make -j && make install`) is skipped when the hidden one fails, so it catches nothing. In cmd, a failure inside an `&&` chain skips the rest of the chain and leaves its ERRORLEVEL, so only a command after the chain hides it (`cd .. && git clone … && make check` as the script's one line fails the step). Cargo runs compile what an earlier one did only when they select at least its packages (`-p`), the same features (`--no-default-features` compiles code no other selection does) and the same target; a later make with other command-line variables (`ZSTD_LIB_MINIFY=1`) builds something else. PowerShell cmdlets, their aliases (`sls`, `gps`) and keywords (`if(`) are not native programs; version and environment prints (`MSBuild /version`, `rustc -vV`, `crystal env`) are reports (`update_version_json.py --version v1.2` is not one: the option takes a value). Packagers write `dist/` (`hatch build`, `poetry build`, `uv build`, `python setup.py bdist_wheel`), which `twine upload dist/*` reads. A step with `continue-on-error: true` whose outcome no later step reads changes nothing in the run whatever its shell hides: low (the continue-on-error rule reports the step; a mask written on purpose, `|| true`, keeps its severity). PowerShell functions are not native programs: those the script defines, those it dot-sources from a script named after them (`. $dir\\Ensure-Location.ps1`), and capitalised Verb-Noun names. Caught: a later question about what the hidden program made that throws on a wrong answer (`docker run --name $n …` then `$running = docker inspect … $n` and `if ($running -ne \"true\") { throw }`); `cpack` after the configure and build of its tree; `cargo clippy`, `cargo doc` or `cargo run` after `cargo check`. A later check of something else (`$sha = git rev-parse HEAD; if (-not $sha) { throw }`) catches nothing. Low: a build of a tree named for dependencies (`cmake -S cmake.deps -B .deps`, `third_party`), which the project's own configure and build then need. So is a build of a dependency the script clones or downloads and unpacks (`curl -L -o /tmp/mpfr.tar.xz URL`, `tar xf /tmp/mpfr.tar.xz -C /tmp/`, `cd /tmp/mpfr-4.2.1 && ./configure && make`). `cmd /c \"%VSDevCmd%\" & nuget.exe restore x.sln` is judged by its last command (a restore sets up). A step named for a readiness wait (\"Check Redis Cluster is ready\") sets up. A step's `if:` is evaluated per matrix leg with the job's and workflow's `env:` written in (`if: env.IS_MAIN_PYTHON == 'true'` with `IS_MAIN_PYTHON: ${{ matrix.platform == 'ubuntu-latest' }}` runs on Linux only). Matrix legs follow GitHub's `exclude`, a partial match down into object values (`{ os: { name: Windows }, builder: configure }` drops every Windows leg that configures). `--merge-reports` renders results of test runs made elsewhere (a report). Caught: a later run of the same program that works on what an `init`/`create`/`setup` run made (`./restic init` then `./restic backup .`). A saved status (`rc=$?`, `exit_code=${PIPESTATUS[0]}`) handles the failure only when something after it can fail the script on it (`exit \"$rc\"`, `[ \"$rc\" -eq 0 ]` as a statement, a write for a later step, a fallback or a count of failures in the `if` that reads it: `failure=$((failure + 1))`); read only in conditions whose branches print or `exit 0` (`if [[ $exit_code -eq 2 ]] && grep -q \"Error 2816\" log; then exit 0; fi`), it is lost. In a step named for testing that runs no test program of its own, version and help queries are its checks (\"Test the locally installed binaries\": `http --version`, `https --version` before `choco uninstall` under pwsh; \"Test\": `./silx.exe view --help` before `./silx.exe --help`, where a subcommand whose module cannot import fails); beside the step's own test program (`python --version` before `pytest`, `cmake --help` before `ctest`) such a query is a print. So is a help print masked with `|| true` (`./gltfpack -h || true`), which many programs end with a non-zero exit. A GUI smoke test's `dpkg -i app.deb`, `Xvfb`, `dbus-launch` and window-manager commands set up, and its screenshots (`import -window root`, `xwd`) are reports that its check reads. `refreshenv` is Chocolatey's profile function, not a native program. Without -e, a probe standing alone as a statement (`which curl; which tar`) has no use but its status: in a step whose own name says it checks, tests or lints (\"Check for curl and tar\") it is the step's check; elsewhere a bare `which cmake` prints where a program is. A check of `$LASTEXITCODE` (or cmd's `errorlevel`) after an `if`/`else` reads whichever branch's program ran last; `$LASTEXITCODE = 0` resets the code and checks nothing. A hidden build whose program a later step of the job runs from the folder it built in (`cd examples\\ModelChat; dotnet build` then `.\\examples\\ModelChat\\bin\\Release\\ModelChat.exe`) is caught there: a fresh checkout holds no earlier build. `call msvcprep.bat` (or `vcvars64.bat`, `setenv.cmd`) prepares the environment for what follows: setup. A build whose product a later cmdlet reads (`python setup.py bdist_wheel` then `Get-ChildItem ./dist`) is caught: the cmdlet throws under the runner's `$ErrorActionPreference = 'stop'`. A lint hidden only on a matrix's Windows legs, which the same step runs under bash -e on its other legs, is low: what a linter finds does not depend on the runner. A custom shell behind a launcher is read through it: `runuser -u ci -- bash {0}`, `sudo -u x bash {0}`, `nix develop --command bash {0}` and `docker exec box bash {0}` run bash without -e; `bash -c \"docker exec box bash -e {0}\"` runs it with -e. A script whose last line ends in a backslash is read as bash reads it (the command ends with the script). A step that runs only off Windows (`if: runner.os != 'Windows'`) does not catch what a Windows-only step hides. `build_deps.py` (\"Build dependencies\") sets up. A step whose condition asks for Windows (`if: runner.os == 'Windows'`) in a job that runs only on Linux or macOS never runs, and the reverse. A build tree is read from where each command runs: `cmake --build build` then `cd build; cpack -C Release` is one tree, and cpack fails without what the build made. In a step named for checking (\"Import Checks\"), `python -c \"import x; print(x.__version__)\"` is its check: the import is what can fail. `pip install [options] .` builds and installs the project whatever options come first (`pip install --no-cache-dir .`), so a test script run after it (`python tests/test_minimal.py`, which imports it) surfaces its failure (low). `pip wheel .` writes its wheels where it runs, and `twine upload *.whl` fails on none. `cmake -E env NAME=value <command>` runs the command (`cmake -E env CTEST_OUTPUT_ON_FAILURE=1 cmake --build build --target RUN_TESTS` runs the tests), and `cmake --build … --target test` (or `RUN_TESTS`, `check`) is a test run: an install after it does not need the tests to pass, so it hides them. A command whose program is an input of the local action or reusable workflow (`${{ inputs.runner }} tests/…` with `runner: { default: \"python -m pytest\" }`) is read with the input's default written in. A builder that writes the sdist and then the wheel (`python -m build`, `setup.py sdist bdist_wheel`, `hatch build`, `uv build`, `poetry build`, `pdm build` without a format) leaves the sdist when the wheel fails: `twine upload dist/*` then publishes it alone, so only a reader of the wheel (`dist/*.whl`) catches the failure. Low, where it surfaces: a later command that reads a built file from the CMake build tree (`cmake --build ./build_release` then `tar -cvf x.tar .\\build_release\\libusearch_c.dll`: a library, program, archive or package); one built file does not show that every target of a parallel build was made. Caught: a read of what the configure generates (`build.ninja`, `Makefile`, `*.sln`); `CMakeCache.txt` is written by a failed configure too. Low as well: a Python install of the project before a Sphinx build (`pip install . --no-deps`, then `make html` or `sphinx-build`): conf.py and autodoc import the package, so a failed install shows in the docs build; or before a run of its notebooks (`papermill`, `jupyter nbconvert --execute`), which import it. Not judged: a step whose `if:` is false on every leg of the job's matrix (`startsWith(matrix.cfg.label, 'next')` with that entry commented out): it never runs. A native program in a loop body (`foreach (…) { dotnet nuget push $f }`, `| ForEach-Object { … }`, cmd's `for %%f in (…) do nuget push %%f`) runs once per pass, and the next pass hides a failure of every pass but the last, unless the loop checks it each pass (`if ($LASTEXITCODE -ne 0) { throw }` inside the body, or a retry loop's `while ($LASTEXITCODE -ne 0 …)`); a check after the loop reads only the last pass. Low, where it surfaces: a Sphinx build (`sphinx-build -b html docs build/html` under `bash -l {0}`) followed later in the job by another Sphinx run (`make linkcheck`, `make doctest`): every builder reads the same sources again, so errors in conf.py, extensions and the documents fail there. In pwsh, a native program inside a subexpression, also within a double-quoted string (`echo \"CHANGES=$(git status --porcelain)\" >> $env:GITHUB_ENV`), runs before the command around it and sets `$LASTEXITCODE`, so it hides the native programs before it; one followed by `exit 1` or `throw` in the same block fails the step anyway. setup-micromamba's `micromamba-shell {0}` runs the script with `micromamba run`, in bash without -e. A command whose product the last command runs is caught there: `cl … /link /out:simple.exe` then `simple.exe` under cmd (no such file, and the step fails). A measured run of tests an earlier or later step of the job runs unmasked on the same legs (`python -m coverage run --source=lib -m unittest discover -s tests` beside `python -B -m unittest discover -s tests`) is the same run: low, with where it surfaces. `test -d DIR` or `test -f FILE` alone on a line asserts what the step made, and is counted like any command (a `test` in a condition or before `&&` asks a question, and is not). A build whose products a later step uploads (`path: ./dist`), and which a job that needs this one downloads by name and installs (`pip install -vv pkg*.whl` in `working-directory: dist`), is caught there; where the builder writes the sdist and then the wheel, only a reader of the wheel counts. `make -j4 install` (or `ninja install`) with no build before it in the script or an earlier step builds everything it installs: a build, not an install. A probe in a build step (`which gcc`) asks about the toolchain and checks nothing the build made. The downstream install answers only when the upload and the reader's job run whenever the build does (no `if:` of their own) and the reader is the last command of its step, not a print. A plain run that answers for a measured one must run on the same events (not only under `if: github.event_name == 'schedule'`). An inline import of what the command before installed fails without it: `rustpython -m ensurepip` then `rustpython -c \"import pip\"`, `pip install requests` then `python -c \"import requests\"` (not after an upgrade, `-U`, which may leave the old copy, nor for pip, setuptools or wheel, which every Python has). An import answers for an install only where the module could not be there already: not after a pinned version (`numpy==1.26.4`), `--force-reinstall` or `--pre`, nor for a standard-library backport (`dataclasses`). Caught: a build installed into a prefix inside the checkout (`cmake -DCMAKE_INSTALL_PREFIX=./install ..`, `make -j4`, `make install` in `build/`, also inside `docker run -v $PWD:/src … bash -c 'cd /src/build; …'`, where the container's path on the volume is the checkout's; `./configure --prefix=$PWD/stage`; `meson install`) whose prefix a later command reads (`ls -lh build/install/lib`, `cd build/install; ./bin/app --help`): the install target builds everything first, so it writes the prefix only when configure, build and install all worked; an absolute prefix (`/usr/local`) is there already and catches nothing. PowerShell's aliases of cmdlets (`ren` for Rename-Item, `cpi`, `rni`) throw under the runner's `$ErrorActionPreference`, not native programs. Installer compilers (`makensis`, `iscc`, WiX's `candle` and `light`) build: several `makensis` runs in one pwsh step hide all but the last (high). `cpanm Module::Name` installs (setup).",
    fix: 'Use `shell: bash` (errexit and pipefail), or add `-e` to a custom shell (`bash -el {0}`; `groundwork fix` does it); remove `set +e` or check the status (`cmd || rc=$?` … `exit $rc`). In pwsh, set `$PSNativeCommandUseErrorActionPreference = $true` or check `$LASTEXITCODE` after each native program; in cmd, add `|| exit /b 1`.',
    bad: '- shell: bash -l {0}\n  run: |\n    pytest tests/\n    python tools/upload_results.py',
    good: '- shell: bash -el {0}\n  run: |\n    pytest tests/\n    python tools/upload_results.py',
  },
};

const KINDS: ReadonlySet<HiddenHow> = new Set(['errexit-off', 'native']);
const RANK = { low: 0, medium: 1, high: 2 } as const;

/** The `e` a custom bash template lacks: `bash -l {0}` → `bash -el {0}`, `bash {0}` → `bash -e {0}`. */
function addErrexit(a: WorkflowAnalysis, site: ScriptSite): FindingDraft['fix'] {
  const node = site.shell.node;
  if (!node || site.shell.program !== 'bash' || site.shell.via || site.shell.dynamic || !node.map.exact) return undefined;
  const value = node.value;
  const flag = /(^|\s)-([a-zA-Z]+)(?=\s|$)/.exec(value);
  let next: string;
  if (flag && !flag[2]!.endsWith('o')) next = `${value.slice(0, flag.index + flag[1]!.length)}-e${flag[2]}${value.slice(flag.index + flag[0].length)}`;
  else if (/\{0\}/.test(value)) next = value.replace(/\s*\{0\}/, ' -e {0}');
  else return undefined;
  const start = node.map.toFile(0);
  const end = node.map.toFile(value.length);
  if (a.model.file.text.slice(start, end) !== value) return undefined;
  return { title: `add -e: \`shell: ${next.trim()}\``, safety: 'safe', edits: [{ start, end, text: next }] };
}

function nativeText(h: HiddenFailure): string {
  const sh = h.site.shell.program;
  const words = h.nextNative?.words.join(' ');
  // The loop's next pass: the next native is itself, or one written before it in the loop's body.
  const again = h.native?.loops?.length && h.nextNative && h.nextNative.start <= h.native.start;
  const next = words ? `${again ? 'the next pass of its loop, ' : ''}\`${clip(words, 60)}\`` : 'a later native program';
  if (h.view)
    return `runs before ${next} in \`${h.site.shell.program === 'bash' ? 'powershell' : sh} -Command\`, which fails only on the last native program's exit code`;
  return sh === 'cmd'
    ? `runs before ${next}, and cmd reports only the last command's ERRORLEVEL`
    : `runs before ${next}, and ${sh} fails the step only on the last native program's exit code`;
}

export const errexitDisabled: WorkflowRule = {
  meta,
  *check(a) {
    // Findings on one `shell:` (job or workflow defaults) gather every step that uses it.
    const byShell = new Map<string, { span: Span; groups: MaskGroup[] }>();
    for (const g of maskGroups(a, KINDS)) {
      const h = g.worst;
      const shellLevel = g.key === 'shell' || (h.how === 'native' && !h.view);
      if (shellLevel) {
        const anchor = shellAnchor(a, h.site);
        const entry = byShell.get(anchor.key) ?? { span: anchor.span, groups: [] };
        entry.groups.push(g);
        byShell.set(anchor.key, entry);
        continue;
      }
      // `set +e` in the script, `bash -c` without -e, or `powershell -Command` nested in bash.
      const setE = h.mask && h.how === 'errexit-off' && !h.view?.nested && /^set\b/.test(h.mask.text);
      const cause =
        h.how === 'native'
          ? nativeText(h)
          : setE
            ? `is followed by more commands after \`${h.mask!.text}\` turned errexit off, and nothing checks its status`
            : `is not the last command of \`${h.view?.nested?.runner} "…"\`, which runs without -e`;
      yield {
        ruleId: meta.id,
        message: `${commandOf(h)} ${cause} in ${scriptLabel(h.site)}${g.items.length > 1 ? ` (and ${g.items.length - 1} more command(s))` : ''}${whyItMatters(h)}`,
        span: scriptSpan(h.site, h.maskRange.start, h.maskRange.end),
        scope: h.site.step?.span ?? h.site.job.idSpan,
        severity: g.severity,
        confidence: g.confidence,
      };
    }
    for (const { span, groups } of byShell.values()) {
      const all = groups.flatMap((g) => g.items);
      const worst = groups.reduce((w, g) => (RANK[g.severity] > RANK[w.severity] ? g : w)).worst;
      const site = worst.site;
      const steps = new Set(groups.map((g) => g.site));
      const label = site.windows
        ? `${shellLabel(site.shell)} on the Windows legs (${site.windows})`
        : site.action
          ? `\`${site.shell.program} -c\` as ${site.action} runs its \`${site.input}\` input`
          : shellLabel(site.shell);
      const how = worst.how === 'native' ? nativeText(worst) : 'is not the last command, and the shell has no -e';
      const fix = worst.how === 'errexit-off' && worst.severity !== 'low' && site.shell.source !== 'action' ? addErrexit(a, site) : undefined;
      yield {
        ruleId: meta.id,
        message: `${commandOf(worst)} ${how} in ${scriptLabel(site)}, under ${label}${all.length > 1 ? ` (${all.length} commands hidden in ${steps.size} step${steps.size === 1 ? '' : 's'})` : ''}${whyItMatters(worst)}`,
        span,
        scope: site.shell.source === 'step' || site.shell.source === 'action' || site.windows ? (site.step?.span ?? site.job.idSpan) : site.job.idSpan,
        severity: worst.severity,
        confidence: worst.confidence,
        fix,
      };
    }
  },
};
