import type { Confidence } from '../core/finding.js';
import { VERSION } from '../version.js';
import { documentTime, inventoryFingerprint, projectName, purlOf, stableUuid } from './identity.js';
import type { Inventory } from './inventory.js';
import { licenceClass } from './licence-class.js';
import type { Component, VersionEvidence } from './model.js';

export interface DocumentOptions {
  /** ISO timestamp; default the commit date. */
  timestamp?: string;
  /** `urn:uuid:…`; default derived from the inventory. */
  serialNumber?: string;
}

const SCORE: Record<Confidence, number> = { high: 0.9, medium: 0.6, low: 0.3 };

/** CycloneDX technique for each kind of version evidence. */
function technique(e: VersionEvidence): string {
  if (e.source === 'git-describe' || e.source === 'exact-tag') return 'attestation';
  if (e.source === 'folder-name') return 'filename';
  if (e.source === 'override' || e.source === 'gitmodules-branch') return 'other';
  if (['package.json', 'manifest', 'setup.py', 'meson', 'bazel-module', 'declaration', 'gradle'].includes(e.source)) return 'manifest-analysis';
  return 'source-code-analysis';
}

export function bomRef(c: Component): string {
  return `component:${c.key.replace(/[^\w.:@/-]+/g, '_')}`;
}

function cdxComponent(c: Component): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'library', 'bom-ref': bomRef(c), name: c.name };
  // CycloneDX's own scope: test-only and build-only code is not part of what ships
  if (c.scope === 'shipped') out.scope = 'required';
  else if (c.scope === 'test-only' || c.scope === 'build-only') out.scope = 'excluded';
  if (c.version.value) out.version = c.version.value;
  else if (c.commit) out.version = c.commit;
  out.purl = purlOf(c);
  // a git commit id is the Software Heritage revision id, a git tree id its directory id
  const tree = c.kind === 'vendored' ? c.hashes.find((h) => h.alg === 'SHA-1') : undefined;
  const swhid = c.kind === 'submodule' && c.commit ? `swh:1:rev:${c.commit}` : tree ? `swh:1:dir:${tree.content}` : undefined;
  if (swhid) out.swhid = [swhid];
  if (c.hashes.length) out.hashes = c.hashes.map((h) => ({ alg: h.alg, content: h.content }));
  if (c.licence.expression) out.licenses = [{ expression: c.licence.expression }];
  if (c.url) out.externalReferences = [{ type: c.kind === 'fetched' ? 'distribution' : 'vcs', url: c.url }];
  const evidence: Record<string, unknown> = { occurrences: c.paths.map((p) => ({ location: p })) };
  if (c.version.evidence.length) {
    evidence.identity = [
      {
        field: 'version',
        confidence: SCORE[c.version.confidence ?? 'low'],
        methods: c.version.evidence.map((e) => ({
          technique: technique(e),
          confidence: SCORE[e.confidence],
          value: `${e.source}: ${e.value} (${e.location})`,
        })),
      },
    ];
  }
  out.evidence = evidence;
  if (c.patches.length) out.pedigree = { patches: c.patches.map((p) => ({ type: 'unofficial', diff: { url: p } })) };
  const props: [string, string | undefined][] = [
    ['groundwork:kind', c.kind],
    ['groundwork:recognised-by', c.recognisedBy],
    ['groundwork:commit', c.commit],
    ['groundwork:commit-date', c.commitDate],
    ['groundwork:branch', c.branch],
    ['groundwork:present', String(c.present)],
    ['groundwork:version-confidence', c.version.confidence],
    ['groundwork:version-conflicts', c.version.conflicts.length ? c.version.conflicts.join(' / ') : undefined],
    ['groundwork:licence-method', c.licence.method],
    ['groundwork:licence-confidence', c.licence.confidence],
    ['groundwork:licence-review', c.licence.review],
    ['groundwork:licence-files', c.licence.files.join(' ') || undefined],
    ['groundwork:nested-in', c.parents.filter(Boolean).join(' ') || undefined],
    ['groundwork:scope', c.scope],
    ['groundwork:licence-class', licenceClass(c.licence.expression)],
    ['groundwork:declared-at', c.sites.map((s) => `${s.file}:${s.line} (${s.via}${s.pin ? ` ${s.pin}` : ''})`).join(' ') || undefined],
    ['groundwork:pin-conflict', c.pinConflict ? c.pinConflict.pins.map((p) => `${p.pin}@${p.file}:${p.line}`).join(' ') : undefined],
  ];
  out.properties = props.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '').map(([name, value]) => ({ name, value }));
  return out;
}

/** CycloneDX 1.6 JSON with a root component depending on every top-level component. */
export function renderCycloneDx(inv: Inventory, opts: DocumentOptions = {}): string {
  const name = projectName(inv);
  const root = { type: 'application', 'bom-ref': 'root', name, ...(inv.head ? { version: inv.head.sha } : {}) };
  const children = (parent: string) => [...new Set(inv.components.filter((c) => c.parents.includes(parent)).map(bomRef))].sort();
  const dependencies = [
    { ref: 'root', dependsOn: children('') },
    ...inv.components.map((c) => ({ ref: bomRef(c), dependsOn: [...new Set(c.paths.flatMap(children))].sort() })).filter((d) => d.dependsOn.length > 0),
  ];
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: opts.serialNumber ?? `urn:uuid:${stableUuid(name, inv.head?.sha ?? '', inventoryFingerprint(inv))}`,
    version: 1,
    metadata: {
      timestamp: documentTime(inv, opts.timestamp),
      tools: { components: [{ type: 'application', name: 'groundwork', version: VERSION }] },
      component: root,
    },
    components: inv.components.map(cdxComponent),
    dependencies,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}
