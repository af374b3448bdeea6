// Issue 16: mutated real workflows from the shared corpus, for about 45 seconds. For every mutant:
// `check` never ends in an internal error (exit 3) in any output format, `fix` never throws, every
// file `fix` changes still parses, its diff touches only the lines of the findings it fixed, and the
// file it writes keeps its byte order mark, CRLF line ends and mode.
// The PRNG is seeded and each failure names the seed, the case and the mutations, so it replays.
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Config } from '../../src/config/config.js';
import { Repository } from '../../src/services/repository.js';
import { fixWorkflows } from '../../src/workflows/fix.js';
import { runCli } from '../helpers/cli.js';
import { CORPUS, corpusAbsent } from '../helpers/corpus.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { touchedLines } from '../helpers/touched-lines.js';

const skip = corpusAbsent();
const BUDGET_MS = 45_000;
const SEED = Number(process.env.GW_FUZZ_SEED ?? 16);

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The corpus's workflow files (not the zipped real-world dataset), smallest first so more cases fit. */
function corpusWorkflows(): string[] {
  const out: string[] = [];
  for (const repo of readdirSync(CORPUS)) {
    const dir = join(CORPUS, repo, '.github', 'workflows');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) if (/\.ya?ml$/.test(n)) out.push(readFileSync(join(dir, n), 'utf8'));
  }
  return out.filter((t) => t.length < 40_000);
}

type Mutation = (lines: string[], r: () => number) => string;
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const at = (lines: string[], r: () => number) => Math.floor(r() * lines.length);
const indentOf = (l: string) => /^ */.exec(l)![0];

/** Each changes the lines in place and says what it did. */
const MUTATIONS: Mutation[] = [
  (ls, r) => {
    const runs = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?run: \S/.test(l));
    if (!runs.length) return 'no run: line';
    const [l, i] = pick(runs, r);
    ls[i] = `${l} ${pick(['|| true', '|| :', '| tee log', '|| echo failed', '; exit 0'], r)}`;
    return `masked run at ${i + 1}`;
  },
  (ls, r) => {
    const steps = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*- (name|uses|run):/.test(l));
    if (!steps.length) return 'no step';
    const [l, i] = pick(steps, r);
    ls.splice(i + 1, 0, `${indentOf(l)}  continue-on-error: ${pick(['true', 'false', '${{ matrix.x }}', 'true # reason'], r)}`);
    return `continue-on-error after ${i + 1}`;
  },
  (ls, r) => {
    const i = at(ls, r);
    ls.splice(i, 1);
    return `deleted ${i + 1}`;
  },
  (ls, r) => {
    const i = at(ls, r);
    ls.splice(i, 0, ls[i] ?? '');
    return `duplicated ${i + 1}`;
  },
  (ls, r) => {
    const i = at(ls, r);
    const d = r() < 0.5 ? 2 : -2;
    ls[i] = d > 0 ? `  ${ls[i]}` : ls[i]!.replace(/^ {2}/, '');
    return `indent ${d} at ${i + 1}`;
  },
  (ls, r) => {
    const i = at(ls, r);
    const junk = pick(['\x1b[31m', '\r', '\u202e', '\t', '&a ', '*a', '{', '[', '"', "'", ': ', '#', '${{ ', '\u00a0', '\ufeff'], r);
    const l = ls[i] ?? '';
    const p = Math.floor(r() * (l.length + 1));
    ls[i] = l.slice(0, p) + junk + l.slice(p);
    return `inserted ${JSON.stringify(junk)} at ${i + 1}:${p + 1}`;
  },
  (ls, r) => {
    const steps = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*steps:\s*$/.test(l));
    if (!steps.length) return 'no steps:';
    const [l, i] = pick(steps, r);
    ls.splice(i + 1, 0, `${indentOf(l)}  - {name: Run tests, run: "pytest | tee log || true", continue-on-error: true}`);
    return `flow-style step after ${i + 1}`;
  },
  (ls, r) => {
    const runs = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?run: \|/.test(l));
    if (!runs.length) return 'no run block';
    const [l, i] = pick(runs, r);
    ls.splice(i + 1, 0, `${indentOf(l)}    set +e`, `${indentOf(l)}    make test | tee out.log`);
    return `set +e in block at ${i + 1}`;
  },
  (ls, r) => {
    const keep = Math.max(1, at(ls, r));
    ls.length = keep;
    return `truncated after ${keep}`;
  },
];

describe('fuzz: mutated corpus workflows', { skip }, () => {
  it(`check and fix survive every mutant (seed ${SEED}, ${BUDGET_MS / 1000} s)`, async (ctx) => {
    const sources = corpusWorkflows();
    assert.ok(sources.length > 20, 'the corpus has workflows');
    const r = prng(SEED);
    const t = repoWith({ '.github/workflows/ci.yml': '' });
    const file = join(t.dir, '.github/workflows/ci.yml');
    const started = Date.now();
    let cases = 0;
    let fixedFiles = 0;
    try {
      while (Date.now() - started < BUDGET_MS) {
        const lines = pick(sources, r).split('\n');
        const did = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(MUTATIONS, r)(lines, r));
        // A quarter of the cases in CRLF, a quarter with a byte order mark, and modes other than 644:
        // `fix` writes for real and must keep all three.
        const crlf = r() < 0.25;
        const bom = r() < 0.25;
        const mode = pick([0o644, 0o600, 0o755], r);
        const text = lines.join(crlf ? '\r\n' : '\n');
        const label = `seed ${SEED} case ${cases}: ${did.join('; ')}${crlf ? '; CRLF' : ''}${bom ? '; BOM' : ''}; mode ${mode.toString(8)}`;
        writeFileSync(file, (bom ? '\ufeff' : '') + text);
        chmodSync(file, mode);
        const format = pick(['text', 'json', 'github', 'sarif', 'markdown'], r);
        const check = await runCli(['check', t.dir, '--format', format]);
        assert.ok(check.code === 0 || check.code === 1, `${label}: check --format ${format} exited ${check.code}: ${check.stderr.slice(0, 500)}`);
        const result = await fixWorkflows({ repo: Repository.open(t.dir), config: new Config(), parallel: false });
        const parsedBefore = parseDocument(text).errors.length === 0;
        for (const c of result.changes) {
          fixedFiles++;
          if (parsedBefore)
            assert.deepEqual(
              parseDocument(c.after).errors.map((e) => e.message),
              [],
              `${label}: the fixed file parses`,
            );
          const allowed = new Set<number>();
          for (const f of c.applied) for (let l = (f.scopeLine ?? f.line) - 1; l <= Math.max(f.endLine, f.scopeEndLine ?? 0) + 1; l++) allowed.add(l);
          assert.deepEqual(
            touchedLines(c).filter((l) => !allowed.has(l)),
            [],
            `${label}: the diff touches only lines of fixed findings`,
          );
          const written = readFileSync(file, 'utf8');
          assert.equal(written.startsWith('\ufeff'), bom, `${label}: the byte order mark is kept as it was`);
          if (crlf) assert.ok(!/(^|[^\r])\n/.test(written), `${label}: every line still ends in CRLF`);
          assert.equal(statSync(file).mode & 0o777, mode, `${label}: the mode is kept`);
        }
        cases++;
      }
    } finally {
      t.cleanup();
    }
    ctx.diagnostic(`${cases} mutants, ${fixedFiles} fixed by fix, seed ${SEED}`);
    assert.ok(cases > 50, `only ${cases} cases ran`);
    assert.ok(fixedFiles > 10, `only ${fixedFiles} mutants were fixed: the mutations no longer reach fix`);
  });
});
