import type { RuleMeta } from '../core/rule.js';
import { escapeRegExp } from '../core/regexp.js';
import { continueOnErrorValue } from '../sources/workflow.js';
import { commandWords, type ScriptNode } from '../sources/shell-script.js';
import { roleNote, type RoleEvidence } from '../workflows/roles/role.js';
import { resolveCommand } from '../workflows/roles/resolve-command.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';
import { clip } from '../core/clip.js';
import { outputRead } from '../workflows/bash/output-read.js';

const meta: RuleMeta = {
  id: 'curl-without-fail',
  summary: 'curl sends data without `--fail`: an HTTP error (4xx, 5xx) exits 0',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "curl exits 0 whenever it got an HTTP response, even `401 Unauthorized` or `500`: only `--fail` (`-f`, `--fail-with-body`) turns an HTTP error into a non-zero exit. A `curl -X POST`, `-T`/`--upload-file`, `-F`, `-d` or `--json` that publishes a release asset, uploads a package or calls a deployment API therefore passes when the server refused it, and the run is green with nothing published. Reported when curl sends data, has no `--fail`, and nothing reads its response: not when its output goes to a pipe, a `$( … )`, a file other than /dev/null, or `--write-out` (the status is then checked, or the response is). Medium in a release or upload step, or for a URL that uploads, publishes or deploys; low for a webhook or chat service, for a coverage service (Coveralls, Codecov), for a `-X DELETE` (cleanup: an old image tag, a stale asset), and where a later `curl --fail` to the same host checks that what was sent arrived (`curl --fail https://releases.example.com/$VERSION/info`). Other requests (an API query, a message from a test job) are not reported. Not reported in a step allowed to fail (`continue-on-error: true`): `--fail` would change nothing there, and the continue-on-error rule judges the step; unless a later step reads its outcome (`if: steps.up.outcome == 'failure'`), which without `--fail` is never `failure`.",
    fix: 'Add `--fail-with-body` (curl 7.76+, prints the error body too) or `--fail`; or capture the status with `-w "%{http_code}"` and check it.',
    bad: '- name: Publish\n  run: curl -X POST -F package=@dist/pkg.deb "https://push.fury.io/$TOKEN/"',
    good: '- name: Publish\n  run: curl --fail-with-body -X POST -F package=@dist/pkg.deb "https://push.fury.io/$TOKEN/"',
  },
};

const SENDS = /^(-d|--data|--data-binary|--data-raw|--data-urlencode|--data-ascii|-F|--form|--form-string|-T|--upload-file|--json)(=|$)/;
const METHOD = /^(POST|PUT|PATCH|DELETE)$/i;
const PUBLISHES = /upload|publish|release|deploy|artifact|package|registry|pypi|npmjs|fury\.io|cloudsmith|packagecloud|sonatype|bintray|anaconda|\/push\b/i;

/** Webhooks and chat services: a lost notification is not a lost release. */
const NOTIFIES =
  /webhook|hooks\.slack\.com|discord(app)?\.com\/api\/webhooks|chat\.googleapis|office\.com\/webhook|\$\{\{\s*secrets\.\w*(WEBHOOK|SLACK|DISCORD|TEAMS)\w*/i;

/** Coverage and report services: a lost report is a missing data point, not a lost release. */
const REPORTS = /coveralls\.io|codecov\.io|codacy\.com|app\.deepsource|scrutinizer-ci|coverage/i;

const hostOf = (words: readonly string[]) => words.map((w) => /^https?:\/\/([^/\s"']+)/.exec(w)?.[1]).find(Boolean);

/**
 * A later curl with `--fail` to the same host in the script: a check that what was sent arrived
 * (`curl --fail https://releases.example.com/$VERSION/info` after the update call).
 */
function laterCheck(nodes: readonly ScriptNode[], node: ScriptNode, words: readonly string[]): string | undefined {
  const host = hostOf(words);
  if (!host) return undefined;
  for (const m of nodes) {
    if (m.type !== 'command' || m.start <= node.end) continue;
    const w = commandWords(m);
    if (resolveCommand(w)?.program === 'curl' && failsOrReports(w) && hostOf(w) === host) return w.slice(0, 3).join(' ');
  }
  return undefined;
}

/**
 * Whether curl's words ask it to fail on HTTP errors (`--fail`, `--fail-with-body`, `-f` alone or in a
 * cluster of argument-less flags such as `-fsSL`), or print the HTTP status for a check (`-w
 * "%{http_code}"`). `--fail-early` is about transfers, not HTTP errors; `-w '\n'` prints no status.
 */
function failsOrReports(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      /^--(fail|fail-with-body)$/.test(w) ||
      /^-[sSLfkviINq46gG]*f[sSLfkviINq46gG]*$/.test(w) ||
      ((w === '-w' || w === '--write-out') && /http_code|response_code/.test(words[i + 1] ?? '')) ||
      /^--write-out=.*(http_code|response_code)/.test(w),
  );
}

function sendsData(words: readonly string[]): boolean {
  // `-G`/`--get` turns `-d` into the query string of a GET.
  if (words.some((w) => w === '--get' || /^-[sSLfkviINq46g]*G[sSLfkviINq46g]*$/.test(w))) return false;
  return words.some(
    (w, i) => SENDS.test(w) || ((w === '-X' || w === '--request') && METHOD.test(words[i + 1] ?? '')) || /^-X(POST|PUT|PATCH|DELETE)$/i.test(w),
  );
}

/** The addresses curl is given: a body or a header can say "release" without publishing anything. */
const urlsOf = (words: readonly string[]) => words.filter((w) => /^https?:\/\/|\$\{\{\s*secrets\.|^\$\{?\w*(URL|HOOK)\w*\}?$/i.test(w)).join(' ');

/** Whether the response is read: an output file other than /dev/null, or what curl prints (see outputRead). */
function responseRead(node: ScriptNode, words: readonly string[]): boolean {
  const o = words.findIndex((w) => w === '-o' || w === '--output');
  return (o >= 0 && words[o + 1] !== '/dev/null') || outputRead(node);
}

export const curlWithoutFail: WorkflowRule = {
  meta,
  *check(a) {
    const seen = new Set<number>();
    for (const site of a.scripts) {
      // Cheap text test first: most scripts never call curl, and parsing is the costly part.
      if (!/\bcurl\b/.test(site.value.value) || !site.parsed) continue;
      for (const n of site.parsed.nodes) {
        if (n.type !== 'command') continue;
        const words = commandWords(n);
        const r = resolveCommand(words);
        if (r?.program !== 'curl' || failsOrReports(r.words) || !sendsData(r.words) || responseRead(n, r.words)) continue;
        const span = scriptSpan(site, n.start, n.end);
        if (seen.has(span.start)) continue;
        seen.add(span.start);
        const publishing = PUBLISHES.test(urlsOf(r.words));
        const releaseStep = site.role.role === 'release' || site.role.role === 'upload';
        const notifies = NOTIFIES.test(urlsOf(r.words));
        const reports = !publishing && REPORTS.test(urlsOf(r.words));
        // `-X DELETE` removes something (an old image tag, a stale release asset): nothing reads what it removed.
        const deletes = r.words.some((w, i) => /^-XDELETE$/i.test(w) || ((w === '-X' || w === '--request') && /^DELETE$/i.test(r.words[i + 1] ?? '')));
        const check = laterCheck(site.parsed.nodes, n, r.words);
        // A request that neither publishes nor runs in a release or upload step (an API query, a
        // chat message) is left alone: its loss is not a lost release.
        if (!publishing && !releaseStep) continue;
        // In a step allowed to fail, `--fail` would change nothing: the continue-on-error rule judges the step.
        // (Unless a later step reads its outcome: without `--fail` that outcome is never `failure`.)
        const id = site.step?.id?.value;
        const outcomeRead = id !== undefined && new RegExp(`steps\\.${escapeRegExp(id)}\\.(outcome|conclusion)`).test(a.model.file.text);
        if (site.step && continueOnErrorValue(site.step.continueOnError) === 'true' && !outcomeRead) continue;
        const role: RoleEvidence = notifies
          ? { role: 'notify', because: 'it posts to a webhook or chat service' }
          : deletes
            ? { role: 'cleanup', because: 'it deletes (`-X DELETE`)' }
            : reports
              ? { role: 'report', because: 'it sends a report to a coverage service' }
              : publishing
                ? { role: 'release', because: 'it sends data to an address that uploads, publishes or deploys' }
                : site.role;
        const severity = (publishing || releaseStep) && !notifies && !reports && !deletes && !check ? 'medium' : 'low';
        const text = r.words.join(' ');
        yield {
          ruleId: meta.id,
          message: `\`${clip(text, 60)}\` sends data without \`--fail\` in ${scriptLabel(site)}: curl exits 0 on an HTTP error, so a refused request leaves the step green ${roleNote(role)}${check ? `; \`${check}\` later checks the same host with --fail` : ''}`,
          span,
          scope: site.step?.span ?? site.job.idSpan,
          severity,
          confidence: 'high',
        };
      }
    }
  },
};
