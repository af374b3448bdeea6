// The shell model against real bash. Scripts are generated from the constructs CI scripts use
// (lists, pipes, negation, if/else, braces, subshells, loops, case, substitutions, export, set ±e,
// set ±o pipefail, `|| true`, `|| exit 1`), each command a stub that fails only when told to. For
// every stub, the model's verdict (its failure fails the script, or not) must equal the exit status
// bash gives when that stub alone fails, under `bash -e`, `bash -eo pipefail` and plain `bash`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { commandName, parseScript } from '../../src/sources/shell-script.js';
import { loadParser, type Parser } from '../../src/sources/tree-sitter.js';
import { FateEngine } from '../../src/workflows/bash/fate.js';
import { OptionTracker, type ShellOptions } from '../../src/workflows/bash/options.js';
import { tempDir } from '../helpers/tmp-repo.js';

/** mulberry32: a small seeded generator, so a failing script can be reproduced. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  private n = 0;
  constructor(private readonly r: () => number) {}
  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  cmd(): string {
    return `c${++this.n}`;
  }
  /**
   * A statement. `inBranch`: inside an `if`/`case`/loop body, where no `set` is generated: the
   * model takes a `set` there as in force only inside that branch (it cannot know whether the
   * branch runs), which is a choice, not bash's behaviour, so it is kept out of the comparison.
   */
  stmt(depth: number, inBranch = false): string {
    const simple = [
      () => this.cmd(),
      () => `${this.cmd()} && ${this.cmd()}`,
      () => `${this.cmd()} || true`,
      () => `${this.cmd()} || ${this.cmd()}`,
      () => `${this.cmd()} | ${this.cmd()}`,
      () => `${this.cmd()} | ${this.cmd()} | cat`,
      () => `${this.cmd()} | ${this.cmd()} | cat || true`,
      () => `${this.cmd()} 2>&1 | ${this.cmd()} | cat && ${this.cmd()} || echo fallback`,
      () => `${this.cmd()} || exit 1`,
      () => `${this.cmd()} || { echo failed; exit 1; }`,
      () => `${this.cmd()} || echo ignored`,
      () => `! ${this.cmd()} | grep -q nothing-matches`,
      () => `X=$(${this.cmd()})`,
      () => `X="$(${this.cmd()} | ${this.cmd()})"`,
      () => `X="$(${this.cmd()} | ${this.cmd()})" || { echo failed; exit 1; }`,
      () => `X=$(${this.cmd()}) && ${this.cmd()}`,
      () => `export Y=$(${this.cmd()})`,
      () => `local_var=1; echo "$(${this.cmd()})"`,
      () => `${this.cmd()} && ${this.cmd()} || true`,
      ...(inBranch ? [] : [() => 'set +e', () => 'set -e', () => 'set -o pipefail', () => 'set +o pipefail']),
      () => `${this.cmd()} > /dev/null 2>&1`,
    ];
    const compound = [
      () => `if ${this.cmd()}; then ${this.block(depth + 1, true)}; fi`,
      () => `if ${this.cmd()} && ${this.cmd()}; then ${this.block(depth + 1, true)}; else ${this.block(depth + 1, true)}; fi`,
      () => `{ ${this.block(depth + 1, inBranch)}; }`,
      () => `( ${this.block(depth + 1, inBranch)} )`,
      () => `{ ${this.block(depth + 1, inBranch)}; } || true`,
      () => `( ${this.block(depth + 1, inBranch)} ) || echo subshell failed`,
      () => `for i in 1; do ${this.block(depth + 1, true)}; done`,
      () => `case x in x) ${this.block(depth + 1, true)};; esac`,
      () => `Z=$( ${this.block(depth + 1, inBranch)})`,
      () => `diff <(${this.cmd()}) /dev/null > /dev/null || true`,
      // A compound command as a pipeline stage runs in a subshell of its own: errexit leaves the
      // stage, and the pipe decides what its status means.
      () => `{ ${this.block(depth + 1, inBranch)}; } 2>&1 | cat`,
      () => `for i in 1; do ${this.block(depth + 1, true)}; done | cat`,
      () => `( ${this.block(depth + 1, inBranch)} ) | cat`,
      () => `${this.cmd()} | while read -r l; do ${this.block(depth + 1, true)}; done`,
    ];
    return depth < 2 && this.r() < 0.35 ? this.pick(compound)() : this.pick(simple)();
  }
  block(depth: number, inBranch = false): string {
    const count = 1 + Math.floor(this.r() * 3);
    return Array.from({ length: count }, () => this.stmt(depth, inBranch)).join('; ');
  }
  script(): string {
    this.n = 0;
    const count = 2 + Math.floor(this.r() * 4);
    return Array.from({ length: count }, () => this.stmt(0)).join('\n');
  }
}

const SHELLS: [string, string[], ShellOptions][] = [
  ['bash -e', ['-e'], { errexit: true, pipefail: false }],
  ['bash -eo pipefail', ['-eo', 'pipefail'], { errexit: true, pipefail: true }],
  ['bash (no -e)', [], { errexit: false, pipefail: false }],
];

describe('bash model against real bash', () => {
  let parser: Parser;
  before(async () => {
    parser = await loadParser('bash');
  });

  /**
   * Stubs c1…c80 as shell functions (no process per call): each notes that it ran and fails when
   * FAIL names it. They print nothing: a stage writing into a pipe whose reader has exited would
   * die of SIGPIPE, at random. A function's status reaches its caller as a command's does.
   */
  const STUBS = Array.from({ length: 80 }, (_, i) => `c${i + 1}() { if [ "$FAIL" = c${i + 1} ]; then echo x > "$RAN"; return 3; fi; }`).join('\n');

  /**
   * For each of `fails` ('none': nothing fails), the script's exit status when that stub alone fails,
   * and whether the stub ran at all (a stub on the right of a `||` that was not needed never runs).
   * One driver process runs every variant, each in a subshell that sets the options and evals the
   * script (a fork, not a new bash): what `bash -e -c` would do with it.
   */
  function run(script: string, flags: string[], fails: string[]): { status: number; ran: boolean }[] {
    const t = tempDir('gw-fates-');
    try {
      const set = flags.length ? `set ${flags.join(' ')}; ` : '';
      // Builtins only around each variant: one fork for the subshell, none for the bookkeeping.
      const variants = fails.map(
        (f) => `: > "$RAN"; ( FAIL=${f}; ${set}eval "$SCRIPT" ) >/dev/null 2>&1 </dev/null; s=$?; if [ -s "$RAN" ]; then echo "$s ran"; else echo "$s"; fi`,
      );
      const driver = ['eval "$STUBS"', ...variants].join('\n');
      const r = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], {
        env: { PATH: '/usr/bin:/bin', SCRIPT: script, STUBS, RAN: join(t.dir, 'ran') },
        encoding: 'utf8',
      });
      return r.stdout
        .trim()
        .split('\n')
        .map((l) => ({ status: Number(l.split(' ')[0]), ran: l.includes('ran') }));
    } finally {
      t.cleanup();
    }
  }

  it('agrees with bash on 24 generated scripts under three shells', () => {
    const gen = new Gen(rng(20261204));
    let compared = 0;
    const disagreements: string[] = [];
    for (let s = 0; s < 24; s++) {
      const script = gen.script();
      const parsed = parseScript(parser, script);
      assert.equal(parsed.hasError, false, `generated script parses:\n${script}`);
      const stubs = parsed.nodes.filter((n) => n.type === 'command' && /^c\d+$/.test(commandName(n) ?? ''));
      for (const [label, flags, opts] of SHELLS) {
        const [baseline, ...statuses] = run(script, flags, ['none', ...stubs.map((n) => commandName(n)!)]);
        if (baseline!.status !== 0) continue; // the script fails with nothing failing: no verdict to compare
        const engine = new FateEngine(parsed.root, new OptionTracker(parsed, opts));
        for (const [i, stub] of stubs.entries()) {
          if (!statuses[i]!.ran) continue; // it never ran: nothing to compare
          const fate = engine.fate(stub);
          const predicted = fate.kind === 'propagates' || fate.kind === 'checked';
          const actual = statuses[i]!.status !== 0;
          compared++;
          if (predicted !== actual)
            disagreements.push(
              `${label}: ${commandName(stub)} predicted ${fate.kind}${'how' in fate ? `/${fate.how}` : ''}, bash says ${actual ? 'fails' : 'passes'}\n${script}`,
            );
        }
      }
    }
    assert.ok(compared > 150, `compared ${compared} verdicts`);
    assert.deepEqual(disagreements, []);
  });
});
