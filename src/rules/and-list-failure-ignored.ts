import type { RuleMeta } from '../core/rule.js';
import { andMore, commandOf, maskGroups, whyItMatters } from '../workflows/hidden/groups.js';
import type { HiddenHow } from '../workflows/hidden/types.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'and-list-failure-ignored',
  summary: "`a && b` on a line that is not the script's last: bash -e does not stop when `a` fails",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "Bash's errexit ignores a failure on the left of `&&` (and of `||`): when `a` fails in `a && b`, `b` is skipped and the script goes on with the next line, so a failing test or build on the left passes the step unless the list is the script's last statement, whose status is the step's. Severity follows what is on the left: `make && make test` as a middle line is high, `apt-get update && apt-get install …` or `cd dir && …` is low (what follows fails without it). So is a build of a dependency the script downloads and unpacks or clones (`tar xf /tmp/mpfr.tar.xz -C /tmp/` then `cd /tmp/mpfr-4.2.1 && ./configure && make && make install`): it sets the job up, whatever it skips. A list in an `if` or `while` condition is a question, not a failure, and is not reported. Nor is a bounded retry loop: `for attempt in 1 2 3; do [ \"$attempt\" = 3 ] && exit 1; cmd && break; sleep 5; done`, where a failed attempt skips `break` and the loop's own `exit 1` (in its body or right after it) fails the step once the attempts run out; without such a verdict the loop ends with `sleep`'s status and the failure is lost. Nor a build that a later build of the same tree repeats under errexit (`make -C lib libzstd && ./check_size.py …` then, last, `make -C lib libzstd MINIFY=1 && …`); another target (`make -C tests test-valgrind` then `make -C tests test-fuzzer`) does not repeat it. Caught: `cd gltf && npm pack && cd ..` followed by `cd js …` as the last statement (or a plain line under -e): the failure skips the `cd ..`, and the relative `cd js` then fails in the wrong folder. The same holds in scripts that actions run with errexit (`vmactions/freebsd-vm` and its kin run `run:` and `prepare:` under `set -eu` in the VM's `sh`). A probe whose only consequence is a message (`dpkg -I x.deb | grep amd64 && echo \"Found correct architecture\"`) is the check of a step whose own name says it verifies, tests or lints: there it takes the step's role; elsewhere it is a print. A failed command that skips a check after it in the list (`pip install -r req.txt && pytest`) hides that check: the finding takes the check's role. A make skipped by a failed download counts as the build of that dependency when it runs in the folder the archive unpacks to, which for GitHub's archive of a tag is `REPO-TAG` (`wget …/nasm/archive/refs/tags/nasm-2.15.04.tar.gz && tar -xzf nasm-2.15.04.tar.gz && cd nasm-nasm-2.15.04 && ./configure && make`): setup, low. Caught too: `cd ./build-dbg && ninja dragonfly && cd ..`, messages, then `ls -lh ./build-dbg/dragonfly` as the last line: the skipped `cd ..` leaves the script in build-dbg/, where that path is not there (`mkdir -p ./build-dbg/out` reads nothing). A retry function is a retry loop: `retry() { for i in …; do cmd && return 0; [ \"$i\" -eq \"$max\" ] && return 1; sleep 5; done }` called as the script's last statement or under `set -e` fails the step when the attempts run out; called as `retry || true`, it hides them. Not work: an expression that yields a boolean in command position (`${{ matrix.target == 'nosimd' }} && export PAWPAW_NOSIMD=1`), which the runner expands to the word `true` or `false`, the builtin: a condition (every operand of its `&&`/`||` a comparison or a test; `${{ matrix.os == 'linux' && matrix.cmd || 'make' }}` chooses a program). `./run-tests.sh && exit 0` followed by the log collection hides the tests' failure. Not hidden: `git diff --quiet --exit-code && exit` (or `&& exit 0`; a quiet comparison or search on the left, outside loops and functions, where it is the success path of attempts), a way out when nothing changed, whose \"failure\" is the branch that goes on to commit. A dependency cloned and built on continued lines (`git clone URL \\` / `&& cd kissat && ./configure && cd build && make -j`) is still the dependency in its subfolders: setup, low.",
    fix: 'Put each command on its own line (`make` then `make test`), or end the list with a check (`a && b || exit 1`), or make it the last line of the script.',
    bad: '- run: |\n    make && make test\n    echo "done"',
    good: '- run: |\n    make\n    make test\n    echo "done"',
  },
};

const KINDS: ReadonlySet<HiddenHow> = new Set(['and-left']);

export const andListFailureIgnored: WorkflowRule = {
  meta,
  *check(a) {
    for (const g of maskGroups(a, KINDS)) {
      const h = g.worst;
      yield {
        ruleId: meta.id,
        message: `${commandOf(h)} is on the left of \`&&\` in a list that is not the script's last statement${h.view?.label ? ` (inside ${h.view.label})` : ''}: when it fails, ${h.site.shell.errexit ? `${h.site.shell.program === 'sh' ? 'sh' : 'bash'} -e skips the rest of the list and goes on` : 'the rest of the list is skipped and the script goes on'}, in ${scriptLabel(h.site)}${andMore(g)}${whyItMatters(h)}`,
        span: scriptSpan(h.site, h.maskRange.start, h.maskRange.end),
        scope: h.site.step?.span ?? h.site.job.idSpan,
        severity: g.severity,
        confidence: g.confidence,
      };
    }
  },
};
