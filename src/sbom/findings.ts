import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { sbomLicenceCopyleft } from '../rules/sbom-licence-copyleft.js';
import { sbomLicenceNotOpenSource } from '../rules/sbom-licence-not-open-source.js';
import { sbomLicenceReview } from '../rules/sbom-licence-review.js';
import { sbomPinConflict } from '../rules/sbom-pin-conflict.js';
import { sbomLicenceUnidentified } from '../rules/sbom-licence-unidentified.js';
import { sbomVersionConflict } from '../rules/sbom-version-conflict.js';
import { sbomVersionUnknown } from '../rules/sbom-version-unknown.js';
import type { Inventory } from './inventory.js';
import { licenceClass } from './licence-class.js';
import type { Component } from './model.js';

/** Where a component's finding points: its declaration line, else its licence file, else its folder. */
export function componentPlace(c: Component): { file: string; line: number } {
  if (c.declaredIn) return c.declaredIn;
  return { file: c.licence.files[0] ?? c.paths[0]!, line: 1 };
}

function at(meta: RuleMeta, c: Component, message: string, extra: Parameters<typeof findingAt>[4] = {}): Finding {
  const p = componentPlace(c);
  return findingAt(meta, p.file, { line: p.line }, message, extra);
}

/** The SBOM's own findings: licences nobody identified or should review, versions unknown or in conflict. */
export function sbomFindings(inv: Inventory): Finding[] {
  const out: Finding[] = [];
  for (const c of inv.components) {
    const label = `${c.name} (${c.paths[0]})`;
    // code we could read and found no licence in is a finding; code that is not in the tree
    // (fetched at build time, submodule not checked out) can only be noted
    if (!c.licence.expression)
      out.push(
        at(
          sbomLicenceUnidentified,
          c,
          `${label}: licence not identified: ${c.licence.review ?? 'no licence file'}`,
          c.present ? { confidence: 'high' } : { severity: 'info', confidence: 'medium' },
        ),
      );
    else if (c.licence.review && c.licence.method !== 'override')
      out.push(at(sbomLicenceReview, c, `${label}: licence ${c.licence.expression} (${c.licence.confidence} confidence) needs review: ${c.licence.review}`));
    if (c.version.conflicts.length) {
      const probes = c.version.evidence.filter((e) => !['git-describe', 'exact-tag', 'override', 'gitmodules-branch'].includes(e.source));
      const decided = c.version.tag !== undefined; // git told us the version: the probes did not choose it
      out.push(
        at(
          sbomVersionConflict,
          c,
          `${label}: version probes disagree: ${probes.map((e) => `${e.value} (${e.location})`).join(', ')}; ${decided ? `version taken from git: ${c.version.value}` : `chose ${c.version.value}`}`,
          decided ? { severity: 'info' } : {},
        ),
      );
    }
    if (!c.version.value && !c.commit) out.push(at(sbomVersionUnknown, c, `${label}: no version and no pinned commit found`));
    const cls = licenceClass(c.licence.expression);
    const notShipped = c.scope === 'test-only' || c.scope === 'build-only';
    if (cls === 'not-open-source')
      out.push(
        at(sbomLicenceNotOpenSource, c, `${label}: licence ${c.licence.expression} is not an open-source licence${notShipped ? ` (${c.scope})` : ''}`, {
          confidence: c.licence.confidence,
        }),
      );
    else if (cls === 'strong-copyleft' || cls === 'weak-copyleft')
      out.push(
        at(
          sbomLicenceCopyleft,
          c,
          `${label}: licence ${c.licence.expression} is ${cls === 'strong-copyleft' ? 'strong' : 'weak'} copyleft${notShipped ? ` (${c.scope})` : ''}`,
          cls === 'weak-copyleft' || notShipped ? { severity: 'low', confidence: c.licence.confidence } : { confidence: c.licence.confidence },
        ),
      );
    if (c.pinConflict) {
      const pins = c.pinConflict.pins.map((p) => `${p.pin} (${p.file}:${p.line}, ${p.scope})`).join(' vs ');
      out.push(
        at(
          sbomPinConflict,
          c,
          `${label}: declarations pin different code: ${pins}${c.pinConflict.shipped ? '; two builds ship different code' : ''}`,
          c.pinConflict.shipped ? {} : { severity: 'low' },
        ),
      );
    }
  }
  return out;
}
