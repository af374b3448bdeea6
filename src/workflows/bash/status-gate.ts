import { commandName, pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import { branchesOf, exitsNonZero } from './values.js';

/** Last stages that pass their input on and succeed whatever it is (a log, a copy): their status says nothing of the producer. */
const PASS_THROUGH = new Set(['tee', 'cat', 'ts', 'sed', 'awk', 'sort', 'uniq', 'head', 'tail', 'cut', 'tr', 'column']);

/**
 * `if govulncheck ./... | tee out.txt; then echo ok; else …; exit 1; fi`: the `if` is meant as the
 * step's verdict on the producer (its branch on failure exits non-zero), but without pipefail the
 * pipe's status is the last stage's, and `tee` succeeds: the failure branch never runs. Returns why
 * when the pipe is such a condition, undefined for a real probe (`if a | grep -q x`, or an `if`
 * whose branches only choose what runs).
 */
export function verdictOnPassThrough(pipeline: ScriptNode): string | undefined {
  const stages = pipelineStages(pipeline);
  const negated = stages[0]?.type === 'negated_command' || pipeline.parent?.type === 'negated_command';
  const last = stages[stages.length - 1];
  const lastCmd = last?.type === 'command' ? last : last?.children.find((c) => c.type === 'command');
  const name = lastCmd ? commandName(lastCmd) : undefined;
  if (!name || !PASS_THROUGH.has(name) || stages.length < 2) return undefined;
  // `awk '/FAIL/{b=1} END{exit b}'`, `sed '/error/q1'`: a reader that sets its own status is a check.
  if ((name === 'awk' || name === 'sed') && /\bexit\b|\bq\d|\bQ\d/.test(lastCmd!.text)) return undefined;
  let cond: ScriptNode = pipeline;
  if (cond.parent?.type === 'negated_command') cond = cond.parent;
  const stmt = cond.parent;
  if (!stmt) return undefined;
  const b = branchesOf(stmt);
  if (!b || b.cond !== cond) return undefined;
  // On the producer's failure the condition is false (true under `!`): that branch is the verdict.
  if (!exitsNonZero(negated ? b.whenTrue : b.whenFalse)) return undefined;
  return `the \`if\` around the pipe fails the step when it fails, but without pipefail it reads \`${name}\`'s status: that branch never runs`;
}
