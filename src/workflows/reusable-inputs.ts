import { isScalar } from 'yaml';
import type { Config } from '../config/config.js';
import { finalize } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { continueOnErrorMeta } from '../rules/continue-on-error.js';
import { actionPath, type WorkflowModel } from '../sources/workflow.js';

/**
 * Facts one file contributes to the cross-file part of `continue-on-error`: a reusable workflow's
 * inputs that feed continue-on-error, and the calls this file makes with `input: true`. Both are
 * plain data, so they travel from worker threads and are joined once in the main thread.
 */
export interface ReusableFacts {
  /** Inputs used as `continue-on-error: ${{ inputs.X }}` in this file. */
  coeInputs: string[];
  /** Findings to report if the called workflow turns out to feed that input to continue-on-error. */
  candidates: { target: string; input: string; finding: Finding }[];
  /** `with: { continue-on-error: ${{ inputs.optional }} }`: this file's input `from` passed on as the target's `input`. */
  forwards: { target: string; input: string; from: string }[];
}

const INPUT_EXPR = /^\$\{\{\s*inputs\.([\w-]+)(?:\s*==\s*(?:'true'|true))?\s*\}\}$/;

export function reusableFacts(model: WorkflowModel, config: Config): ReusableFacts {
  const coeInputs = new Set<string>();
  const candidates: ReusableFacts['candidates'] = [];
  const forwards: ReusableFacts['forwards'] = [];
  for (const job of model.jobs) {
    for (const pair of [job.continueOnError, ...job.steps.map((s) => s.continueOnError)]) {
      const v = pair?.value;
      const m = isScalar(v) ? INPUT_EXPR.exec(String(v.value ?? '').trim()) : null;
      if (m) coeInputs.add(m[1]!);
    }
    if (!job.uses?.value.startsWith('./')) continue;
    const target = actionPath(job.uses.value.replace(/^\.\//, ''));
    for (const [input, passed] of job.with) {
      const from = INPUT_EXPR.exec(passed.value.trim())?.[1];
      if (from) forwards.push({ target, input, from });
      if (passed.value !== 'true') continue;
      const draft = {
        ruleId: continueOnErrorMeta.id,
        message: `job ${job.id} passes ${input}: true to ${target}, where it sets continue-on-error, so that workflow's failures pass the run`,
        span: passed.span,
        scope: job.idSpan,
        severity: 'high' as const,
        confidence: 'high' as const,
      };
      candidates.push({ target, input, finding: finalize(draft, continueOnErrorMeta, model.file.path, model.file.lines, config) });
    }
  }
  return { coeInputs: [...coeInputs], candidates, forwards };
}

/**
 * The caller findings whose called workflow really feeds the input to continue-on-error, directly or
 * through workflows that pass it on (`on-merge.yml` passes `fuzz-test-optional: true` to `ci.yml`,
 * which passes it as `continue-on-error` to `ci-run-test.yml`, which sets it on its job).
 */
export function joinReusableFacts(facts: ReadonlyMap<string, ReusableFacts>): Finding[] {
  const feeds = new Map([...facts].map(([path, f]) => [path, new Set(f.coeInputs)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [path, f] of facts)
      for (const w of f.forwards ?? [])
        if (feeds.get(w.target)?.has(w.input) && !feeds.get(path)!.has(w.from)) {
          feeds.get(path)!.add(w.from);
          changed = true;
        }
  }
  const out: Finding[] = [];
  for (const f of facts.values()) {
    for (const c of f.candidates) if (feeds.get(c.target)?.has(c.input)) out.push(c.finding);
  }
  return out;
}
