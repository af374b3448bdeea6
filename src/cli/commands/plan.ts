import { dirname, relative, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { atOrAbove, findingAt } from '../../core/engine.js';
import { checkPlan } from '../../program/plan-check.js';
import { scheduleText, statusText } from '../../program/format.js';
import { ganttSvg } from '../../program/gantt.js';
import { serializeLedger } from '../../program/ledger-file.js';
import type { Ledger } from '../../program/ledger.js';
import { schedulePlan } from '../../program/schedule.js';
import { importSeed, type ImportProblem } from '../../program/seed-import.js';
import { computeStatus } from '../../program/status.js';
import { withBaselineWorktree } from '../../program/baseline-worktree.js';
import {
  headCommit,
  ledgerPath,
  loadLedger,
  programRepository,
  repositoryName,
  sourceDisplay,
  sourceLinesOf,
  toPosix,
  writeInRepo,
} from '../../program/workspace.js';
import { planFlawFindings, sourceFlawNote, splitSourceFlaws } from '../../program/status-findings.js';
import { recipeContext, recipeVerifier } from '../../recipes/context.js';
import { hasRecipe } from '../../recipes/index.js';
import { REFACTOR_MD, renderProgramDoc } from '../../recipes/m02-refactor-md.js';
import { planUnparsed } from '../../rules/plan-unparsed.js';
import { ALL_RULES } from '../../rules/index.js';
import type { Repository } from '../../services/repository.js';
import { readRegularText } from '../../services/regular-file.js';
import { writeOutputFile } from '../output-file.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { allowOpt, boolOpt, failOnOpt, formatOpt, listOpt, REPORTING_OPTIONS, stringOpt, VERIFY_OPTIONS, type Command, type ParsedArgs } from '../options.js';
import { milestoneList, tailorLedger } from '../../program/tailor.js';
import { notApplicableMilestones } from '../../recipes/applicability.js';
import type { RecipeContext } from '../../recipes/recipe.js';

const SUBCOMMANDS = ['import', 'check', 'schedule', 'status', 'render'] as const;

export const planCommand: Command = {
  name: 'plan',
  summary:
    "The refactoring program as a ledger (refactor/plan.yml): import the seed, lint it, schedule it, compute each milestone's status, render REFACTOR.md (M02).",
  usage:
    'plan import FILE.md [--only IDS] [--skip IDS] | check [FILE.md] | schedule --people N [--svg FILE] [--hard-only] | status [--baseline REV] [--run-verifications] [--online] | render [--dry-run]  [--ledger FILE]',
  options: [
    ...REPORTING_OPTIONS,
    {
      name: 'ledger',
      type: 'string',
      short: 'l',
      value: 'FILE',
      description: 'the ledger (default refactor/plan.yml of the repository, or plan.ledger in groundwork.yml)',
    },
    { name: 'people', type: 'string', short: 'p', value: 'N', description: 'schedule: number of people working in parallel' },
    { name: 'svg', type: 'string', value: 'FILE', output: true, description: 'schedule: also write the Gantt chart as SVG' },
    { name: 'hard-only', type: 'boolean', description: 'schedule: ignore soft blockers ("or after M04")' },
    {
      name: 'baseline',
      type: 'string',
      value: 'REV',
      description: 'status: also run each verification at REV; it must fail there (fails-before / passes-after)',
    },
    { name: 'dry-run', type: 'boolean', short: 'n', description: 'import, render: print instead of writing' },
    {
      name: 'only',
      type: 'string',
      multiple: true,
      value: 'IDS',
      description: 'import: keep only these milestones (M01,M05 or repeated); the rest are not applicable',
    },
    { name: 'skip', type: 'string', multiple: true, value: 'IDS', description: 'import: leave these milestones out (kept as not applicable)' },
    ...VERIFY_OPTIONS,
  ],
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`plan: expected one of ${SUBCOMMANDS.join(', ')}${sub ? `, got '${sub}'` : ''}`);
    const repo = programRepository(io.cwd);
    const allow = allowOpt(args);
    const ctx = recipeContext(repo.root, { env: io.env, allow, configPath: stringOpt(args, 'config') });
    const verifyRecipe = recipeVerifier({ env: io.env, allow, configPath: stringOpt(args, 'config') });
    const path = ledgerPath(repo, io.cwd, stringOpt(args, 'ledger'), ctx.config.section<{ ledger: string }>('plan').ledger);
    const env = { repo, path, args, io, failOn: ctx.config.failOn };
    if (sub === 'import') return planImport({ ...env, ctx }, rest);
    if (rest.length > (sub === 'check' ? 1 : 0)) throw new UsageError(`plan ${sub}: unexpected argument '${rest[rest.length - 1]}'`);
    if (sub === 'check') return planCheck(env, rest[0]);
    if (sub === 'schedule') return planSchedule(env);
    if (sub === 'status') {
      const ledger = loadLedger(repo, path);
      const baseline = stringOpt(args, 'baseline');
      const statuses = await computeStatus(ledger, {
        root: repo.root,
        verifyRecipe,
        env: io.env,
        runCommands: allow.commands,
        atBaseline: baseline ? (body) => withBaselineWorktree(repo.root, baseline, body) : undefined,
      });
      const lines = sourceLinesOf(repo, path, ledger);
      const file = sourceDisplay(repo, path, ledger);
      const { own: findings, source } = splitSourceFlaws(planFlawFindings(ledger, statuses, file, lines), path);
      const note = sourceFlawNote(source.length, file);
      if (formatOpt(args) === 'json') {
        emitText(
          args,
          io,
          `${JSON.stringify({ tool: 'groundwork', version: VERSION, ledger: path, milestones: statuses, findings: findings.map(({ ruleId, severity, message, file, line }) => ({ ruleId, severity, message, file, line })) }, null, 2)}\n`,
        );
        return atOrAbove(findings, failOnOpt(args, ctx.config.failOn)).length ? 1 : 0;
      }
      if (formatOpt(args) === 'text') io.stdout(`${statusText(statuses, baseline)}\n`);
      return emitReport({ version: VERSION, findings, rules: ALL_RULES, title: 'Plan status', notes: note ? [note] : undefined }, args, io, ctx.config.failOn);
    }
    const { text } = await renderProgramDoc(ctx, path, verifyRecipe);
    if (boolOpt(args, 'dry-run')) io.stdout(text);
    else {
      writeInRepo(repo, REFACTOR_MD, text);
      if (!boolOpt(args, 'quiet')) io.stderr(`wrote ${REFACTOR_MD}\n`);
    }
    return 0;
  },
};

interface PlanEnv {
  repo: Repository;
  path: string;
  args: ParsedArgs;
  io: CliIO;
  failOn?: import('../../core/finding.js').FailOn;
}

async function planImport({ repo, path, args, io, failOn, ctx }: PlanEnv & { ctx: RecipeContext }, rest: string[]): Promise<number> {
  if (rest.length !== 1) throw new UsageError('plan import: expected one markdown FILE');
  const abs = resolve(io.cwd, rest[0]!);
  const text = readRegularText(abs, rest[0]!);
  const source = toPosix(relative(repo.root, abs));
  const imported = importSeed(text, { source: toPosix(relative(dirname(repo.abs(path)), abs)), hasRecipe });
  const problems = imported.problems;
  const only = milestoneList(listOpt(args, 'only'));
  const skip = milestoneList(listOpt(args, 'skip'));
  const considered = imported.ledger.milestones.map((m) => m.id).filter((id) => (!only || only.includes(id)) && !skip?.includes(id));
  const ledger = tailorLedger(imported.ledger, {
    repoName: repositoryName(repo),
    head: headCommit(repo),
    only,
    skip,
    notApplicable: await notApplicableMilestones(ctx, considered),
  });
  carryAttestations(repo, path, ledger);
  const yaml = serializeLedger(ledger);
  if (boolOpt(args, 'dry-run')) io.stdout(yaml);
  else writeInRepo(repo, path, yaml);
  if (!boolOpt(args, 'quiet')) {
    const edges = ledger.milestones.reduce((n, m) => n + m.blockers.length, 0);
    const soft = ledger.milestones.reduce((n, m) => n + m.soft.length, 0);
    io.stderr(
      `${boolOpt(args, 'dry-run') ? 'would write' : 'wrote'} ${path}: ${ledger.milestones.length} milestones (${ledger.milestones.map((m) => m.id).join(', ')}), ${edges} blocker(s), ${soft} soft blocker(s), ${problems.length} line(s) not imported\n`,
    );
    io.stderr(`title "${ledger.title}", baseline ${ledger.baseline ?? 'none (not a git commit)'}\n`);
    for (const m of ledger.milestones) if (m.notApplicable !== undefined) io.stderr(`not applicable: ${m.id} ${m.title}: ${m.notApplicable}\n`);
    // The document's own flaws are the document's: said once here, listed by `plan check`, never counted by the audit.
    const flaws = checkPlan({ ledger, file: source, read: () => undefined }).length;
    if (flaws)
      io.stderr(
        `the document has ${flaws} flaw(s) of its own (undefined milestones, contradicting claims, verifications that cannot fail): \`groundwork plan check\` lists them\n`,
      );
  }
  const findings = problems.map((p: ImportProblem) =>
    findingAt(planUnparsed, source, { line: p.line }, p.message, { severity: p.severity, sourceLine: p.text }),
  );
  // With --dry-run stdout carries the ledger, so the report goes to stderr.
  return emitReport(
    { version: VERSION, findings, rules: ALL_RULES, title: `Import of ${source}` },
    args,
    boolOpt(args, 'dry-run') ? { ...io, stdout: io.stderr } : io,
    failOn,
  );
}

/** Attestations are the ledger's own data: a re-import must not drop them. */
function carryAttestations(repo: Repository, path: string, ledger: Ledger): void {
  let old: Ledger;
  try {
    old = loadLedger(repo, path);
  } catch {
    return;
  }
  for (const m of ledger.milestones) {
    const before = old.milestones.find((x) => x.id === m.id);
    if (before?.attestation) m.attestation = before.attestation;
  }
}

async function planCheck({ repo, path, args, io, failOn }: PlanEnv, file?: string): Promise<number> {
  let ledger: Ledger;
  let problems: ImportProblem[] = [];
  let lines: string[] | undefined;
  let reportFile: string;
  if (file) {
    const text = readRegularText(resolve(io.cwd, file), file);
    ({ ledger, problems } = importSeed(text, { source: file, hasRecipe }));
    lines = text.split(/\r?\n/);
    reportFile = file;
  } else {
    ledger = loadLedger(repo, path);
    lines = sourceLinesOf(repo, path, ledger);
    reportFile = sourceDisplay(repo, path, ledger);
  }
  const read = (p: string) => {
    const r = repo.read(p);
    return r.ok ? r.file.text : undefined;
  };
  const findings = [
    ...problems
      .filter((p) => p.severity !== 'info')
      .map((p) => findingAt(planUnparsed, reportFile, { line: p.line }, p.message, { severity: p.severity, sourceLine: p.text })),
    ...checkPlan({ ledger, file: reportFile, sourceLines: lines, read }),
  ].sort((a, b) => a.line - b.line);
  return emitReport({ version: VERSION, findings, rules: ALL_RULES, title: `Plan check: ${ledger.title}` }, args, io, failOn);
}

async function planSchedule({ repo, path, args, io }: PlanEnv): Promise<number> {
  const raw = stringOpt(args, 'people') ?? '1';
  const people = Number(raw);
  if (!Number.isInteger(people) || people < 1 || people > 1000)
    throw new UsageError(`plan schedule: --people must be a whole number from 1 to 1000 (got '${raw}')`);
  const ledger = loadLedger(repo, path);
  const schedule = schedulePlan(ledger, { people, edgeMode: boolOpt(args, 'hard-only') ? 'hard' : 'hard+soft' });
  const svg = stringOpt(args, 'svg');
  if (svg) {
    writeInRepo(repo, toPosix(relative(repo.root, resolve(io.cwd, svg))), ganttSvg(schedule, ledger.title));
    if (!boolOpt(args, 'quiet')) io.stderr(`wrote ${svg}\n`);
  }
  const format = formatOpt(args);
  if (format === 'json') emitText(args, io, `${JSON.stringify(schedule, null, 2)}\n`);
  else if (format === 'text' || format === 'markdown') emitText(args, io, scheduleText(schedule));
  else throw new UsageError(`plan schedule: --format ${format} is not supported (text or json)`);
  return 0;
}

/** Output that is not a findings report (a schedule, statuses as JSON), honouring --out. */
function emitText(args: ParsedArgs, io: CliIO, text: string): void {
  const out = stringOpt(args, 'out');
  if (!out) return io.stdout(text);
  writeOutputFile(resolve(io.cwd, out), text);
}
