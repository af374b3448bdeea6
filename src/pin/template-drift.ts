import type { Config } from '../config/config.js';
import { finalize } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { templatePinDrift } from '../rules/template-pin-drift.js';
import { isExternal, type PinReference } from './reference.js';

const TEMPLATE_HEADER = /^#\s*Template is at:\s*(\S+)/m;
const IMPORT = /\{%-?\s*(?:import|include|extends|from)\s+["']([^"']+)["']/g;

/** Templates a template pulls in, relative to `.github/templates/` as PyTorch's generator loads them. */
function closure(start: string, byFile: Map<string, PinReference[]>, texts: Map<string, string>): string[] {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const path = stack.pop()!;
    if (seen.has(path) || !texts.has(path)) continue;
    seen.add(path);
    for (const m of texts.get(path)!.matchAll(IMPORT)) stack.push(`.github/templates/${m[1]}`);
  }
  return [...seen].filter((p) => byFile.has(p) || texts.has(p));
}

/**
 * For every generated workflow (`# Template is at: …`), the references whose pin differs from the
 * one its template (and the templates it imports) gives the same action: the regeneration check
 * PyTorch's lint runs, done on pins only so it needs no Jinja.
 */
export function templateDrift(references: readonly PinReference[], config?: Config): Finding[] {
  const byFile = new Map<string, PinReference[]>();
  const texts = new Map<string, string>();
  for (const r of references) {
    byFile.set(r.file.path, [...(byFile.get(r.file.path) ?? []), r]);
    texts.set(r.file.path, r.file.text);
  }
  const findings: Finding[] = [];
  for (const [path, refs] of byFile) {
    if (path.endsWith('.j2')) continue;
    const template = TEMPLATE_HEADER.exec(refs[0]!.file.text.slice(0, 2000))?.[1];
    if (!template || !texts.has(template)) continue;
    const pins = new Map<string, Set<string>>();
    for (const t of closure(template, byFile, texts)) {
      for (const r of byFile.get(t) ?? []) if (isExternal(r)) pins.set(r.uses.action, (pins.get(r.uses.action) ?? new Set()).add(r.uses.ref));
    }
    for (const r of refs) {
      const expected = isExternal(r) ? pins.get(r.uses.action) : undefined;
      if (!expected || expected.has(r.uses.ref)) continue;
      const message = `${r.uses.action}@${r.uses.ref} differs from its template ${template} (${[...expected].map((x) => `@${x.length === 40 ? x.slice(0, 12) : x}`).join(', ')}); regenerate the workflow`;
      findings.push(finalize({ ruleId: templatePinDrift.id, message, span: r.valueSpan }, templatePinDrift, path, r.file.lines, config));
    }
  }
  return findings;
}
