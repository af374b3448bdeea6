import { pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import type { Job, Step } from '../../sources/workflow.js';
import { roleOfAction } from '../step-role.js';
import { roleOfName } from '../roles/lexicon.js';
import { escapeRegExp } from '../../core/regexp.js';
import { findAncestor, outputFile, redirectedTo } from './output-checks.js';
import { producedPaths } from './produced.js';
import { eventsWhereTrue } from '../event-truth.js';

/**
 * A file a hidden command writes that a later step of the job ships to users: `scdoc < x.scd | gzip -c
 * > x.1.gz` without pipefail, then `upload_asset.sh ./x.1.gz` in "Upload Assets" of a release. When
 * the command fails, an empty or broken file is published and the run stays green.
 */
export interface Shipped {
  file: string;
  step: Step;
}

/** The files a command's output goes to: `> F` on the pipeline's last stage, `| tee F`, `-o F`. */
function written(node: ScriptNode, words: readonly string[]): string[] {
  const out = [...producedPaths(words)];
  const own = outputFile(node, true);
  if (own) out.push(own);
  const pipeline = findAncestor(node, 'pipeline');
  const stages = pipeline ? pipelineStages(pipeline) : [];
  const last = stages[stages.length - 1];
  const file = last?.type === 'redirected_statement' ? redirectedTo(last, true) : undefined;
  if (file) out.push(file);
  // A name with an expansion (`"$OUT"`) or a device is no file a reader can follow.
  return out.filter((f) => f && !/[$`*?&]/.test(f) && !/^(null|stdout|stderr)$/.test(f));
}

/** Whether a step publishes what it handles: a release action or command, or an upload of release assets. */
function publishes(step: Step, text: string): boolean {
  const role = (step.uses && roleOfAction(step.uses.value)) || roleOfName(step.name?.value)?.role;
  if (role === 'release') return true;
  return /\bgh\s+release\s+(upload|create)\b|\brelease[-_ ]?asset|upload[-_]asset|upload-release|\bgh-release\b|twine\s+upload|npm\s+publish|cargo\s+publish/i.test(
    text,
  );
}

export function shippedLater(
  node: ScriptNode,
  words: readonly string[],
  job: Job,
  step: Step,
  fileText: string,
  events?: readonly string[],
): Shipped | undefined {
  // Inside `$( … )` the command makes a value, not the file the outer command writes.
  if (findAncestor(node, 'command_substitution') || findAncestor(node, 'process_substitution')) return undefined;
  const files = [...new Set(written(node, words))];
  if (files.length === 0) return undefined;
  // The events on which the writing step may run: a publisher that runs only on others (a size
  // report on pull_request, "Upload Release Assets" on release) never ships what it wrote.
  const writes = eventsWhereTrue([job.if?.value, step.if?.value], events);
  for (const s of job.steps) {
    if (s.index <= step.index) continue;
    if (writes && eventsWhereTrue([s.if?.value], writes)?.length === 0) continue;
    const text = fileText.slice(s.span.start, s.span.end);
    // (A pattern that names nothing but "everything", `*` or `**`, is no evidence: `sha256sum *`.)
    const globs = [...text.matchAll(/(?:^|[\s"'=:])((?:[\w.*-]+\/)*[\w.-]*\*[\w.*-]*)(?=$|[\s"'])/gm)]
      .map((m) => m[1]!)
      .filter((g) => /[\w-]/.test(g.replace(/\*/g, '')))
      .map(globRegExp);
    const file = files.find(
      (f) => new RegExp(`(^|[\\s/"'=])${escapeRegExp(f.split('/').pop()!)}($|[\\s"'])`, 'm').test(text) || globs.some((g) => g.test(f.replace(/^\.\//, ''))),
    );
    if (file && publishes(s, text)) return { file, step: s };
  }
  return undefined;
}

/** `bin/z*` (upload-release-action's `file_glob: true`, `gh release upload dist/*`) as a pattern over a path. */
function globRegExp(glob: string): RegExp {
  const parts = glob.replace(/^\.\//, '').split('**/');
  return new RegExp(`^${parts.map((p) => p.split('*').map(escapeRegExp).join('[^/]*')).join('(?:.*/)?')}$`);
}
