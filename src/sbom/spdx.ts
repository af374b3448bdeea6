import { VERSION } from '../version.js';
import { isSpdxExpression } from './licence-expression.js';
import { downloadLocation, documentTime, inventoryFingerprint, projectName, purlOf, stableUuid } from './identity.js';
import type { DocumentOptions } from './cyclonedx.js';
import type { Inventory } from './inventory.js';
import type { Component } from './model.js';
import { normaliseUpstream } from './upstream-url.js';

/** Re-exported: SPDX 2.3 rejects free text, so every licence is checked with the real grammar. */
export { isSpdxExpression };

/** The superproject's own location: its origin when that is a hosted URL, never a local path. */
function rootLocation(inv: Inventory): string {
  const up = inv.origin ? normaliseUpstream(inv.origin) : undefined;
  return up?.host ? `git+${up.url}${inv.head ? `@${inv.head.sha}` : ''}` : 'NOASSERTION';
}

export function spdxId(c: Component, index: number): string {
  return `SPDXRef-Package-${index + 1}-${c.name.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

/** SPDX 2.3 JSON: one package per component, CONTAINS relationships from the project package. */
export function renderSpdx(inv: Inventory, opts: DocumentOptions = {}): string {
  const name = projectName(inv);
  const uuid = stableUuid('spdx', name, inv.head?.sha ?? '', inventoryFingerprint(inv));
  const ids = new Map<Component, string>(inv.components.map((c, i) => [c, spdxId(c, i)]));
  const rootId = 'SPDXRef-Package-root';
  const packages = inv.components.map((c) => {
    const expr = c.licence.expression && isSpdxExpression(c.licence.expression) ? c.licence.expression : 'NOASSERTION';
    const comment = [
      `paths: ${c.paths.join(', ')}`,
      `found as ${c.kind} (${c.recognisedBy})`,
      c.version.evidence[0] ? `version from ${c.version.evidence[0].source} at ${c.version.evidence[0].location} (${c.version.confidence})` : 'version unknown',
      c.version.conflicts.length ? `conflicting version probes: ${c.version.conflicts.join(' / ')}` : '',
    ].filter(Boolean);
    const checksums = c.hashes.map((h) => ({ algorithm: h.alg === 'SHA-256' ? 'SHA256' : 'SHA1', checksumValue: h.content }));
    return {
      SPDXID: ids.get(c)!,
      name: c.name,
      ...(c.version.value || c.commit ? { versionInfo: c.version.value ?? c.commit } : {}),
      downloadLocation: downloadLocation(c) ?? 'NOASSERTION',
      filesAnalyzed: false,
      ...(checksums.length ? { checksums } : {}),
      licenseConcluded: expr,
      licenseDeclared: expr,
      ...(c.licence.review || (c.licence.expression && expr === 'NOASSERTION')
        ? {
            licenseComments: [
              c.licence.expression && expr === 'NOASSERTION' ? `found "${c.licence.expression}", not an SPDX expression` : '',
              c.licence.review ?? '',
            ]
              .filter(Boolean)
              .join('; '),
          }
        : {}),
      copyrightText: 'NOASSERTION',
      ...(c.url ? { homepage: c.url } : {}),
      ...(c.patches.length ? { sourceInfo: `patched: ${c.patches.join(', ')}` } : {}),
      comment: comment.join('; '),
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purlOf(c) }],
      primaryPackagePurpose: 'SOURCE',
    };
  });
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
    ...inv.components.flatMap((c) =>
      c.parents.map((path) => {
        const parent = path ? inv.components.find((p) => p.paths.includes(path)) : undefined;
        return { spdxElementId: parent ? ids.get(parent)! : rootId, relationshipType: 'CONTAINS', relatedSpdxElement: ids.get(c)! };
      }),
    ),
  ];
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${name} vendored components`,
    documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(name)}-${uuid}`,
    creationInfo: { created: documentTime(inv, opts.timestamp), creators: [`Tool: groundwork-${VERSION}`] },
    packages: [
      {
        SPDXID: rootId,
        name,
        ...(inv.head ? { versionInfo: inv.head.sha } : {}),
        downloadLocation: rootLocation(inv),
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'SOURCE',
      },
      ...packages,
    ],
    relationships,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
