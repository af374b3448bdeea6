import type { ScriptCache, ScriptSite } from '../analysis.js';
import { FateEngine } from '../bash/fate.js';
import { nestedScriptOf } from '../bash/nested.js';
import { OptionTracker } from '../bash/options.js';
import type { NestedPwsh, ScriptView } from './types.js';

/** Nested scripts inside nested scripts: deep enough for `docker run … script -e -c "bash -c '…'"`. */
const MAX_DEPTH = 3;

/**
 * The bash views of a site: its own script and every script nested in it (`bash -c "…"`,
 * `docker run img sh -c '…'`), each with a fate engine whose top-level status flows into the
 * command that runs it. PowerShell scripts nested in bash (`powershell -Command "…"`) are returned
 * separately, as text with their host.
 */
export function siteViews(site: ScriptSite, cache: ScriptCache): { views: ScriptView[]; pwsh: NestedPwsh[] } {
  const views: ScriptView[] = [];
  const pwsh: NestedPwsh[] = [];
  const parsed = site.parsed;
  if (!parsed) return { views, pwsh };
  const root: ScriptView = {
    parsed,
    fates: new FateEngine(parsed.root, new OptionTracker(parsed, { errexit: site.shell.errexit, pipefail: site.shell.pipefail })),
    toSite: (o) => o,
  };
  views.push(root);
  const visit = (view: ScriptView, depth: number) => {
    if (depth >= MAX_DEPTH || !/\b(ba|z|da|k)?sh\b|\bscript\b|powershell|pwsh/.test(view.parsed.source)) return;
    for (const node of view.parsed.nodes) {
      if (node.type !== 'command') continue;
      const nested = nestedScriptOf(node, view.parsed.source);
      if (!nested) continue;
      const toSite = (o: number) => view.toSite(nested.offsets[Math.min(Math.max(o, 0), nested.offsets.length - 1)]!);
      if (nested.shell === 'pwsh' || nested.shell === 'powershell') {
        pwsh.push({ view, host: node, text: nested.text, offsets: nested.offsets, edition: nested.shell });
        continue;
      }
      const inner = cache.parse(nested.text);
      const child: ScriptView = {
        parsed: inner,
        fates: new FateEngine(inner.root, new OptionTracker(inner, nested.options), { command: node, fates: view.fates }, nested.statusLost ? node : undefined),
        toSite,
        hostToSite: view.toSite,
        nested,
        label: `${nested.runner} "…"`,
      };
      if (nested.statusLost) child.label = `${nested.runner} "…" (script without -e exits 0 whatever it runs)`;
      views.push(child);
      visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return { views, pwsh };
}
