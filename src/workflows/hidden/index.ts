import { continueOnErrorValue } from '../../sources/workflow.js';
import { groupBy } from '../../core/group-by.js';
import type { ScriptSite, WorkflowAnalysis } from '../analysis.js';
import { neverRuns } from '../never-runs.js';
import { assess } from './assess.js';
import type { JobFacts } from './job-facts.js';
import { collect, type Collected } from './collect.js';
import { runKey } from './run-place.js';
import type { HiddenFailure } from './types.js';

export type { HiddenFailure } from './types.js';

const MAY_HIDE =
  /\||&&|(?<![>&<])&(?![&>])|(^|[\s;(])!\s|<\(|\bset\s+[-+]\w*[eo]|\bset\s+\+|\b(export|local|declare|readonly|typeset)\s|\b(ba|z|da|k)?sh\s+(-[-\w]*\s+)*-\w*c\b|--entrypoint[=\s]+\S*sh\b|\bscript\s+-|\s-exec(dir)?\s|powershell|pwsh|[\w-]=\$\([^\n]*GITHUB_OUTPUT|set-output name=[\w-]+::[^\n]*\$\(|\bfor\s+\w+\s+in\s[^;\n]*\$\(|\beval\s+["']?\$\(|(?:\[\[?|\btest)\s+-[nz]\s+["']?\$\(/;
/** `exit 0` (or a bare `exit`) on a line of its own, with a command on a later line. */
const EXIT_EARLY = /^[ \t]*exit(?:[ \t]+0)?[ \t]*(?:#.*)?\n[\s\S]*^[ \t]*[^\s#]/m;
const mayHide = (text: string) => MAY_HIDE.test(text) || (text.includes('exit') && EXIT_EARLY.test(text));

/** The commands of a script with nothing but simple commands, one a line (`\\` continues a line), as words. */
function plainCommands(site: ScriptSite): Collected['loud'] {
  const out: Collected['loud'] = [];
  const text = site.value.value;
  let offset = 0;
  let pending = '';
  let start = 0;
  for (const line of text.split('\n')) {
    if (!pending) start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const full = (pending + trimmed).trim();
    pending = '';
    if (!full || full.startsWith('#')) continue;
    const words = full.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^["']|["']$/g, '')) ?? [];
    out.push({ text: runKey(words), words, site, offset: start + (line.length - line.trimStart().length) });
  }
  return out;
}

const cache = new WeakMap<WorkflowAnalysis, Map<ScriptSite, HiddenFailure[]>>();

/**
 * Every command of the workflow whose failure does not fail its step, judged with what the rest of
 * its job does: computed once per analysed file and shared by the rules and `explain`.
 */
export function hiddenFailures(a: WorkflowAnalysis): Map<ScriptSite, HiddenFailure[]> {
  let out = cache.get(a);
  if (out) return out;
  out = new Map();
  const byJob = groupBy(a.scripts, (site) => site.job);
  const lines = a.model.file.lines;
  for (const [job, sites] of byJob) {
    const collected = new Map<ScriptSite, Collected>();
    const plainLoud: Collected['loud'] = [];
    for (const site of sites) {
      // A step that can never run (its `if:` needs an event the workflow does not get) hides nothing.
      if (neverRuns(a.model, job, site.step)) continue;
      // Cheap text test first: under errexit, a script can hide a failure only with one of these: a
      // pipe or list, `!`, `<( … )`, `set +e`/`+o`, a declaration (`export X=$(…)`), a nested shell,
      // `script -c` or `find -exec`. A `$( … )` alone hides only its own command, which is reported only when it is a
      // test or a check run for an argument, or when it prints straight into an output (`echo "x=$(…)" >>
      // "$GITHUB_OUTPUT"`) that may gate later work, or when it is the list a `for` loop checks item by
      // item: rare enough not to parse every script that reads a value.
      if (site.shell.errexit && !mayHide(site.value.value)) {
        // Every command of such a script fails it: remember them for "runs again unmasked" checks.
        plainLoud.push(...plainCommands(site));
        continue;
      }
      collected.set(site, collect(site, a.scriptCache));
    }
    const all = [...[...collected.values()].flatMap((c) => c.loud), ...plainLoud];
    // A command of a step allowed to fail (`continue-on-error: true`) fails nothing in the run: it
    // catches no other step's hidden failure (it still follows the commands of its own script).
    const loud = all.filter((l) => continueOnErrorValue(l.site.step?.continueOnError) !== 'true');
    const facts: JobFacts = {
      job,
      loud,
      loudByText: groupBy(loud, (l) => l.text),
      loudBySite: groupBy(all, (l) => l.site),
      fileText: a.model.file.text,
      jobs: a.model.jobs,
      lineOf: (site, offset) => lines.position(site.value.map.toFile(offset)).line,
      fileLine: (offset) => lines.position(offset).line,
      doc: a.model.doc,
      events: a.model.triggers?.events,
      sitesOf: (step) => a.sitesOf(step),
    };
    for (const [site, c] of collected) {
      assess(c.hidden, facts);
      out.set(site, c.hidden);
    }
  }
  cache.set(a, out);
  return out;
}
