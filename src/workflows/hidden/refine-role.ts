import { spanOf } from '../../sources/yaml-source.js';
import { roleOfName } from '../roles/lexicon.js';
import { COMMITS_CHANGES, commitsAfter } from '../roles/remote.js';
import { CRITICAL_ROLES } from '../roles/role.js';
import { toolRole } from '../roles/tools.js';
import { downloadsBefore, integrityCheck, textFilter } from '../roles/command-kinds.js';
import { commandName, commandWords, findAncestor, pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import { dependencyBuilds } from '../dependency-builds.js';
import { roleOfAction } from '../step-role.js';
import type { JobFacts } from './job-facts.js';
import { buildStage, resolve } from './build-stage.js';
import { stepIsAbout } from './script-verdicts.js';
import { assignedFrom } from '../bash/values.js';
import type { HiddenFailure } from './types.js';
import { baselineCheckout } from './baseline-checkout.js';
import { declaredInComment } from '../advisory-words.js';
import { commentAbove } from '../../sources/comment-above.js';

/** A script that publishes a release: its assets are the files the job packed. */
const PUBLISHES = /\bgh\s+release\s+(create|upload)\b|\btwine\s+upload\b|\bghr\b|\bgoreleaser\b/;

/** `HEAD~1`, `HEAD^`, `--commit=HEAD~1`, `--rev "HEAD^"`: an earlier revision than the one checked out. */
const EARLIER_REVISION = /^(--?[\w-]+=)?["']?HEAD(~\d*|\^+\d*)+["']?$/;

/** A build tree or source folder named for dependencies. */
const DEPS_TREE = /(^|[/\\.])(deps|dependencies|third[_-]?party|superbuild|externals?)$/i;

/**
 * What a hidden command is for, once its surroundings are read: a build of dependencies sets the job
 * up, an install in a step named for installing installs, a fixer before a commit fixes, and a
 * package the step is about is the step's work. The tool table's first answer is refined here, before
 * anything is decided on the role.
 */
export function refineRole(h: HiddenFailure, facts: JobFacts): void {
  const line = (offset: number) => facts.lineOf(h.site, offset);
  // `curl -o helm.tgz URL && echo "$SUM  helm.tgz" | sha256sum -c - && tar x …`: the checksum checks the
  // download for the install that follows; its failure, like the download's, leaves a tool uninstalled.
  if (h.role.role === 'verify' && h.node && integrityCheck(h.words) && downloadsBefore(h.node))
    h.role = { role: 'setup', because: `\`${h.words.join(' ')}\` checks a download before it is installed` };
  // `cmake ..` then `make -j4 install` with no build before it: the install target depends on all, so
  // this is the project's build (a dependency's, cloned or unpacked, is still setup below).
  if (h.role.role === 'setup' && installBuilds(h.words) && !builtBefore(h, facts))
    h.role = { role: 'build', because: `\`${h.words.join(' ')}\` builds everything it installs, and nothing built it before` };
  // Building or testing a dependency cloned from elsewhere is the job's setup, not the project's work.
  const dep = CRITICAL_ROLES.has(h.role.role)
    ? dependencyBuilds(h.site.value.value).find((d) => h.commandRange.start >= d.start && h.commandRange.start < d.end)
    : undefined;
  if (dep)
    h.role = {
      role: 'setup',
      because: `it builds ${dep.dir}, a dependency ${dep.how === 'cloned' ? 'cloned' : 'downloaded and unpacked'} at line ${line(dep.clonedAt)}`,
    };
  // `cmake -S cmake.deps -B .deps`, `cmake --build .deps`: a tree named for dependencies builds them
  // for the project (Neovim's bundled deps), which the project's own configure and build then need.
  if (CRITICAL_ROLES.has(h.role.role) && buildStage(h.words)) {
    const tree = h.words.find((w, i) => ['-S', '-B', '--build', '-C'].includes(h.words[i - 1] ?? '') && DEPS_TREE.test(w.replace(/[/\\]+$/, '')));
    if (tree) h.role = { role: 'setup', because: `it builds ${tree}, the project's dependencies` };
  }
  // `sleet push bin …`, `aws s3 cp ./release/x.msi $BUCKET` in a workflow run only when a release is
  // made (`on: release`, by hand besides): what it uploads is the release. (Not a `git push`, which
  // there commits a changelog or docs as often as it ships.)
  const events = facts.events ?? [];
  if (h.role.role === 'upload' && h.words[0] !== 'git' && events.includes('release') && events.every((e) => e === 'release' || e === 'workflow_dispatch'))
    h.role = { role: 'release', because: `${h.role.because}, in a workflow run on release events` };
  // `pip install -e .` in a step named "Install dependencies" installs the project; the build of it is elsewhere.
  if (
    h.role.role === 'build' &&
    roleOfName(h.site.step?.name?.value)?.role === 'setup' &&
    /\b(pip|uv pip|setup\.py)\b.*\b(install|develop)\b/.test(h.words.join(' '))
  )
    h.role = { role: 'setup', because: `step name "${h.site.step!.name!.value}": it installs the project` };
  // `pip install .[quality]` then `ruff check .`: what follows reads the sources, not what was built, so
  // the install only brings the tools (whose absence fails the check anyway).
  if (h.role.role === 'build' && /\b(pip|uv pip)\b.*\binstall\b/.test(h.words.join(' '))) {
    const after = facts.loudBySite.get(h.site)?.filter((l) => l.offset > h.commandRange.start) ?? [];
    if (after.length && after.every((l) => toolRole(l.words)?.role === 'lint'))
      h.role = { role: 'setup', because: `it installs what \`${after[0]!.words[0]}\` needs, and a lint reads the sources, not the build` };
  }
  // `pre-commit run -a || true` in a bot job that then commits what it changed: a linter that fixes
  // exits non-zero whenever it changed a file, so the mask lets the job commit the fixes (and the
  // pull request it opens is checked again).
  // (A later step may commit with an action: peter-evans/create-pull-request, autofix-ci.)
  if (h.how === 'or-mask' && h.role.role === 'lint') {
    const commits =
      COMMITS_CHANGES.test(h.site.value.value.slice(h.maskRange.end)) || (h.site.step !== undefined && commitsAfter(facts.job, h.site.step.index));
    if (commits) h.role = { role: 'setup', because: `it fixes files, which the job then commits` };
  }
  // `UPDATE_SNAPS=always ./scripts/run_tests.sh || true` in a bot job that then proposes the changes
  // (osv-scanner's snapshot and cassette refreshes): the run rewrites the expected outputs, fails
  // whenever they changed, and the pull request it opens runs the tests again.
  if (h.how === 'or-mask' && h.role.role === 'test' && h.site.step) {
    const span = spanOf(h.site.step.map);
    const commits = COMMITS_CHANGES.test(h.site.value.value.slice(h.maskRange.end)) || commitsAfter(facts.job, h.site.step.index);
    if (commits && SNAPSHOT_UPDATE.test(facts.fileText.slice(span.start, span.end)))
      h.role = { role: 'setup', because: 'a refresh of the expected outputs (snapshots, recordings), which the job then commits or proposes' };
  }
  // `tar -c`/`zip` pack logs for an upload, unless a later step of the job publishes a release: then
  // the archive is a release asset, and a failed one ships a release without it.
  if (h.role.role === 'upload' && /^(tar|bsdtar|zip|7z|7za)$/.test(h.words[0] ?? '')) {
    const later = facts.job.steps.filter((s) => s.index > (h.site.step?.index ?? Infinity));
    const publisher = later.find((s) => (s.uses && roleOfAction(s.uses.value) === 'release') || PUBLISHES.test(s.run?.value ?? ''));
    if (publisher)
      h.role = {
        role: 'release',
        because: `it packs a file and step ${publisher.name?.value ? `"${publisher.name.value}"` : publisher.index + 1} publishes a release`,
      };
  }
  // `produce-package.sh --commit=HEAD~1 …`: a build of an earlier revision is a baseline to compare
  // the project's own build with, not the build itself.
  const other = CRITICAL_ROLES.has(h.role.role) ? h.words.find((w) => EARLIER_REVISION.test(w)) : undefined;
  if (other) h.role = { role: 'setup', because: `it works on an earlier revision (\`${other}\`), a baseline for comparison` };
  // `git checkout \`git merge-base HEAD origin/dev\`` in an earlier step: what runs now builds the baseline.
  const base = CRITICAL_ROLES.has(h.role.role) && h.site.step ? baselineCheckout(facts.job, h.site.step, facts.fileText) : undefined;
  if (base) h.role = { role: 'setup', because: `the checkout of another revision before it (\`${base.slice(0, 80)}\`): it works on a baseline for comparison` };
  // `cmake -P CpuCount.cmake | sed 's/^-- //' | tee -a $GITHUB_ENV`: a command the table does not know,
  // whose output goes only into the job's environment (or outputs), works out a value for later
  // steps, whatever the step or job is named for. (A value that decides later work is judged apart.)
  if (CRITICAL_ROLES.has(h.role.role) && h.how === 'pipe-left' && h.node && !toolRole(h.words) && intoRunnerFile(h.node))
    h.role = { role: 'setup', because: 'its output is written to $GITHUB_ENV (or $GITHUB_OUTPUT) for later steps' };
  // `SPEC=$(git diff … | node scripts/e2e-diagram-scope.mjs || echo "")`: a script of the repository
  // whose output the step keeps as a value works that value out; its name (e2e) says what for.
  const captured = CRITICAL_ROLES.has(h.role.role) && h.node ? assignedFrom(h.node) : undefined;
  const own = captured ? toolRole(h.words) : undefined;
  if (captured && own?.weak && !own.task && own.role === h.role.role)
    h.role = { role: 'setup', because: `\`${own.because}\` is a script whose output is kept in ${captured.variable}, a value it works out` };
  // `# Informational (and not an ideal state)` right above `diff -u <(…) <(…) || true`: the author
  // says the masked command only informs (libexpat's config header comparison).
  const note = CRITICAL_ROLES.has(h.role.role) && h.how === 'or-mask' ? commentAbove(h.site.value.value, h.commandRange.start) : undefined;
  const said = declaredInComment(note);
  if (said) h.role = { role: 'report', because: `the comment above it says it only informs (\`${said.slice(0, 60)}\`)` };
  // `# Build integration test binary to warm the cache` over `go test -c ./integration -o /dev/null
  // 2>/dev/null || true`: the compile fills a cache for the run that follows (headscale).
  else if (note && /\bwarm(s|ing)?\b[^.]*\bcaches?\b|\bcaches?\b[^.]*\bwarm/i.test(note))
    h.role = { role: 'cache', because: `the comment above it says it warms a cache (\`${note.trim().slice(0, 60)}\`)` };
  const about = stepIsAbout(h);
  if (about)
    h.role = {
      role: h.site.role.role,
      because: `${h.site.role.because}: the step is about ${about}, and a failed install leaves another version in place`,
      inherited: h.site.role.inherited,
    };
}

/** The pipe a command is on the left of ends, past text filters, in `tee [-a] $GITHUB_ENV` or a redirect to it. */
function intoRunnerFile(node: ScriptNode): boolean {
  const pipeline = findAncestor(node, 'pipeline');
  if (!pipeline) return false;
  const stages = pipelineStages(pipeline);
  const at = stages.findIndex((s) => s.start <= node.start && node.end <= s.end);
  const rest = stages.slice(at + 1);
  const last = rest.at(-1);
  if (!last || rest.slice(0, -1).some((s) => s.type !== 'command' || !textFilter(commandWords(s)))) return false;
  const sink = (t: string) => /\$\{?GITHUB_(ENV|OUTPUT)\b/.test(t);
  if (last.type === 'command' && commandName(last) === 'tee') return sink(last.text);
  const redirected = pipeline.parent?.type === 'redirected_statement' ? pipeline.parent : undefined;
  return last.type === 'command' && textFilter(commandWords(last)) && redirected !== undefined && sink(redirected.text.slice(pipeline.end - redirected.start));
}

/** A test run told to rewrite what it compares with: snapshot and recording updates (jest -u, insta, VCR). */
export const SNAPSHOT_UPDATE =
  /\b(UPDATE_SNAPS(HOTS)?|SNAPSHOT_UPDATE|UPDATE_SNAPSHOTS?|INSTA_UPDATE|UPDATE_EXPECT(ED)?|UPDATE_GOLDEN|TEST_VCR_MODE|VCR_RECORD_MODE)\s*[:=]\s*['"]?(1|true|always|all|new|yes|auto|overwrite|unseen|record\w*|replaywithnew\w*)\b|\s--(update-snapshots?|snapshot-update|update-golden|updateSnapshot)(?!=none)\b|\b(jest|vitest)\b[^\n|;&]*\s-u\b|\s--(record-mode|vcr-record)[= ](?!none)/i;

/** `make install`, `make -j4 install`, `ninja install`: a build tool asked only to install. */
function installBuilds(words: readonly string[]): boolean {
  const r = resolve(words);
  if (!r || !['make', 'gmake', 'ninja', 'nmake', 'jom', 'mingw32-make'].includes(r.program)) return false;
  const named = r.words.slice(1).filter((w, i, all) => !w.startsWith('-') && !w.includes('=') && !/^-[CfjlI]$/.test(all[i - 1] ?? ''));
  return named.length > 0 && named.every((t) => /^install(-strip)?$/.test(t));
}

/** A build tool run before it, in its script or an earlier step of the job (`make -j4`, `cmake --build`, `ninja`). */
function builtBefore(h: HiddenFailure, facts: JobFacts): boolean {
  // Anywhere a command starts (`./configure && make -j4`, `cd build && cmake .. && make`), not only a
  // line's start: `make`, `ninja -C build` without `install`, `cmake --build`, `meson compile`.
  const BUILD_LINE =
    /(?:^|[;&|({]|\bthen|\bdo|\bsudo)[ \t]*(?:(?:make|gmake|ninja|nmake|jom|mingw32-make)\b(?![^\n;&|]*\binstall\b)|cmake\s+--build\b|meson\s+(compile|build)\b|samu\b)/m;
  if (BUILD_LINE.test(h.site.value.value.slice(0, h.commandRange.start))) return true;
  const index = h.site.step?.index ?? -1;
  return facts.job.steps.some((s) => s.index < index && BUILD_LINE.test(s.run?.value ?? ''));
}
