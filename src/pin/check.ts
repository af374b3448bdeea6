import type { Config } from '../config/config.js';
import { finalize, sortFindings } from '../core/engine.js';
import { directiveFor, findDirectives } from '../core/ignores.js';
import type { Finding } from '../core/finding.js';
import { missingVersionComment } from '../rules/missing-version-comment.js';
import { unpinnedAction } from '../rules/unpinned-action.js';
import { unpinnedImage } from '../rules/unpinned-image.js';
import type { Repository } from '../services/repository.js';
import { inventory, type Inventory } from './inventory.js';
import { PolicySet } from './policy.js';
import type { PinReference } from './reference.js';
import { templateDrift } from './template-drift.js';
import { isFullSha, looksLikeShortSha, versionFromComment } from './uses-ref.js';

/** How the references of a repository stand, for `audit` and the pin summary. */
export interface PinCounts {
  /** Every `uses:` found (local, docker and template expressions included). */
  references: number;
  /** References to another repository's action or reusable workflow. */
  external: number;
  /** External references on a full commit SHA. */
  pinned: number;
  /** External references on a tag, branch or short SHA that no policy allows. */
  unpinned: number;
  /** External references a policy allows or keeps on a ref (`allow`, `ref-pin`). */
  allowed: number;
  local: number;
  docker: number;
  dockerPinned: number;
}

export interface PinCheckResult {
  findings: Finding[];
  counts: PinCounts;
  inventory: Inventory;
}

function describeRef(ref: string): string {
  if (looksLikeShortSha(ref)) return `abbreviated SHA or ref '${ref}'`;
  return `mutable ref '${ref}'`;
}

/** Findings for one reference; updates `counts`. */
function checkOne(r: PinReference, policies: PolicySet, counts: PinCounts, config?: Config): Finding[] {
  counts.references++;
  const { uses } = r;
  const at = (meta: typeof unpinnedAction, message: string, severity?: Finding['severity']) =>
    finalize({ ruleId: meta.id, message, span: r.valueSpan, severity }, meta, r.file.path, r.file.lines, config);
  switch (uses.kind) {
    case 'local':
    case 'expression':
      if (uses.kind === 'local') counts.local++;
      return [];
    case 'docker':
      counts.docker++;
      if (uses.ref.startsWith('sha256:')) {
        counts.dockerPinned++;
        return [];
      }
      return [at(unpinnedImage, `${r.value} is not pinned to an image digest`)];
    case 'invalid':
      return [at(unpinnedAction, `'${r.value}' names no ref (owner/repo[/path]@ref expected)`)];
  }
  counts.external++;
  const policy = policies.match(uses.action, uses.ref);
  if (policy.policy !== 'hash-pin') {
    counts.allowed++;
    return [];
  }
  if (!isFullSha(uses.ref)) {
    counts.unpinned++;
    return [at(unpinnedAction, `${uses.action} is on a ${describeRef(uses.ref)}, not a full commit SHA`)];
  }
  counts.pinned++;
  if (versionFromComment(r.comment?.text)) return [];
  const what = r.comment ? `its comment '${r.comment.text}' is not a plain version (# vX.Y.Z)` : 'it has no # vX.Y.Z comment';
  return [at(missingVersionComment, `${uses.action} is pinned but ${what}`)];
}

export function emptyCounts(): PinCounts {
  return { references: 0, external: 0, pinned: 0, unpinned: 0, allowed: 0, local: 0, docker: 0, dockerPinned: 0 };
}

/**
 * The offline pin check (M06 verification): every external reference is a 40-hex SHA with a version
 * comment or is allowed by policy; docker images have digests; generated workflows match their
 * templates. Reads files only — no git, no network. The entry point `groundwork audit` calls.
 */
export function checkPins(repo: Repository, config: Config, inv: Inventory = inventory(repo, config)): PinCheckResult {
  const policies = PolicySet.fromConfig(config);
  const counts = emptyCounts();
  const raw = inv.references.flatMap((r) => checkOne(r, policies, counts, config));
  raw.push(...templateDrift(inv.references, config));
  const enabled = raw.filter((f) => config.rule(f.ruleId).enabled);
  const findings: Finding[] = [...inv.unreadable];
  const byFile = new Map<string, Finding[]>();
  for (const f of enabled) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const sources = new Map(inv.references.map((r) => [r.file.path, r.file]));
  for (const [path, list] of byFile) {
    const file = sources.get(path)!;
    // `# groundwork: ignore[unpinned-action] reason` on the line (or alone on the line above).
    const directives = findDirectives(file.text, file.lines);
    findings.push(...list.filter((f) => !directiveFor(f, directives, 'ignore')));
  }
  return { findings: sortFindings(findings), counts, inventory: inv };
}
