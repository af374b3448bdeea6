import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { renderCycloneDx } from '../../src/sbom/cyclonedx.js';
import { buildInventory, type Inventory } from '../../src/sbom/inventory.js';
import { checkSpdxSemantics } from '../../src/sbom/spdx-check.js';
import { renderSpdx } from '../../src/sbom/spdx.js';
import { renderVersionsTable } from '../../src/sbom/versions-table.js';
import { git } from './git-fixtures.js';
import { buildScenario, type Scenario } from './scenario.js';
import { capturingIO } from '../helpers/cli.js';

const require = createRequire(import.meta.url);

async function cdxErrors(json: string): Promise<unknown> {
  const { Validation, Spec } = require('@cyclonedx/cyclonedx-library') as typeof import('@cyclonedx/cyclonedx-library');
  return new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
}

function spdxSchemaErrors(doc: unknown): string[] {
  const Ajv2019 = require('ajv/dist/2019').default;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sbom/spdx-2.3.schema.json', import.meta.url), 'utf8'));
  const validate = ajv.compile(schema);
  return validate(doc) ? [] : validate.errors.map((e: { instancePath: string; message: string }) => `${e.instancePath} ${e.message}`);
}

const io = capturingIO;

let s: Scenario;
let inv: Inventory;

describe('sbom outputs', () => {
  before(async () => {
    s = buildScenario();
    inv = await buildInventory(s.root);
  });
  after(() => s.cleanup());

  it('CycloneDX 1.6 passes the strict validator and carries purl, hashes, licences, vcs, evidence, pedigree', async () => {
    const json = renderCycloneDx(inv);
    assert.equal(await cdxErrors(json), null);
    const bom = JSON.parse(json);
    const find = (path: string) =>
      bom.components.find((c: { evidence: { occurrences: { location: string }[] } }) => c.evidence.occurrences.some((o) => o.location === path));
    const fmt = find('third_party/fmt');
    assert.equal(fmt.purl, `pkg:github/acme/fmtlike@${s.up.fmt.commits.after}`);
    assert.deepEqual(fmt.licenses, [{ expression: 'MIT' }]);
    assert.deepEqual(fmt.externalReferences, [{ type: 'vcs', url: 'https://github.com/acme/fmtlike' }]);
    assert.equal(fmt.evidence.identity[0].methods[0].technique, 'attestation');
    assert.deepEqual(fmt.swhid, [`swh:1:rev:${s.up.fmt.commits.after}`]);
    assert.match(find('third_party/miniz-3.0.2').swhid[0], /^swh:1:dir:[0-9a-f]{40}$/);
    const zstd = find('subprojects/zstd.wrap');
    assert.match(zstd.purl, /^pkg:generic\/zstd@1\.5\.7\?checksum=sha256%3Aeb33e51f.*&download_url=https%3A%2F%2Fgithub\.com/);
    assert.deepEqual(zstd.hashes, [{ alg: 'SHA-256', content: 'eb33e51f49a15e023950cd7825ca74a4a2b43db8354825ac24fc1b7ee09e6fa3' }]);
    assert.deepEqual(find('third_party/concurrentqueue').pedigree, {
      patches: [{ type: 'unofficial', diff: { url: 'third_party/concurrentqueue/fix-build.patch' } }],
    });
    // nested submodules hang under the submodule that pins them
    const outer = find('third_party/outer');
    const outerDeps = bom.dependencies.find((d: { ref: string }) => d.ref === outer['bom-ref']);
    assert.deepEqual(outerDeps.dependsOn, [find('third_party/googletest')['bom-ref']]);
  });

  it('the strict validator is not a rubber stamp: a stray property fails it', async () => {
    const bom = JSON.parse(renderCycloneDx(inv));
    bom.components[0].madeUp = true;
    assert.notEqual(await cdxErrors(JSON.stringify(bom)), null);
  });

  it('SPDX 2.3 passes the official schema and the spec rules the schema misses', () => {
    const doc = JSON.parse(renderSpdx(inv));
    assert.deepEqual(spdxSchemaErrors(doc), []);
    assert.deepEqual(checkSpdxSemantics(doc), []);
    const fmt = doc.packages.find((p: { name: string }) => p.name === 'fmtlike');
    assert.equal(fmt.downloadLocation, `git+https://github.com/acme/fmtlike@${s.up.fmt.commits.after}`);
    assert.equal(fmt.externalRefs[0].referenceLocator, `pkg:github/acme/fmtlike@${s.up.fmt.commits.after}`);
    assert.equal(doc.packages.find((p: { name: string }) => p.name === 'bare-headers').licenseConcluded, 'NOASSERTION');
  });

  it('the SPDX checks catch what the schema lets through', () => {
    const doc = JSON.parse(renderSpdx(inv));
    doc.documentNamespace = 'not a uri#frag';
    doc.relationships.push({ spdxElementId: 'SPDXRef-Package-root', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-nowhere' });
    assert.deepEqual(spdxSchemaErrors(doc), []);
    const problems = checkSpdxSemantics(doc);
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  it('THIRD_PARTY_VERSIONS.md has a row per component and lists conflicts and reviews', () => {
    const md = renderVersionsTable(inv);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Name'));
    assert.equal(rows.length, inv.components.length);
    assert.match(
      md,
      /\| fmtlike \| `third_party\/fmt` \| v1\.1\.0\+1 \(git-describe\) \| `[0-9a-f]{12}` \| MIT \| `third_party\/fmt\/LICENSE` \| — \| unknown \| `\.gitmodules:1` \| `pkg:github\/acme\/fmtlike@[0-9a-f]{40}` \| \[acme\/fmtlike\]\(https:\/\/github\.com\/acme\/fmtlike\) \| version high, licence high \|/,
    );
    assert.match(md, /## Conflicting version probes\n\n- \*\*miniz\*\*/);
    assert.match(md, /`third_party\/googletest`<br>`third_party\/outer\/third_party\/googletest`/);
  });

  it('is deterministic: the same tree gives byte-identical files; options set time and serial', async () => {
    const a = io(s.root);
    const b = io(s.root);
    assert.equal(await main(['sbom', '.'], a), 0);
    assert.equal(await main(['sbom', '.'], b), 0);
    assert.equal(a.out, b.out);
    const bom = JSON.parse(a.out);
    assert.equal(bom.metadata.timestamp, '2025-05-01T12:00:00Z');
    const c = io(s.root);
    assert.equal(await main(['sbom', '.', '--timestamp', '2026-01-02T03:04:05Z', '--serial', 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79'], c), 0);
    const bom2 = JSON.parse(c.out);
    assert.equal(bom2.metadata.timestamp, '2026-01-02T03:04:05Z');
    assert.equal(bom2.serialNumber, 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    assert.notEqual(bom2.serialNumber, bom.serialNumber);
  });

  it('a clone whose origin is a local path still gives a valid SPDX document', async () => {
    git(s.root, ['remote', 'set-url', 'origin', join(s.base, 'somewhere', 'local')]);
    try {
      const x = io(s.root);
      assert.equal(await main(['sbom', '--format', 'spdx'], x), 0, x.err);
      const doc = JSON.parse(x.out);
      assert.deepEqual([...spdxSchemaErrors(doc), ...checkSpdxSemantics(doc)], []);
      assert.equal(doc.packages[0].downloadLocation, 'NOASSERTION');
    } finally {
      git(s.root, ['remote', 'set-url', 'origin', 'https://github.com/acme/superproject.git']);
    }
  });

  it('--write puts SBOM.json and THIRD_PARTY_VERSIONS.md where the seed names them; bad options exit 2', async () => {
    const w = io(s.root);
    assert.equal(await main(['sbom', '--write', '--quiet'], w), 0);
    const written = readFileSync(join(s.root, 'docs/refactor/SBOM.json'), 'utf8');
    assert.equal(await cdxErrors(written), null);
    assert.match(readFileSync(join(s.root, 'docs/refactor/THIRD_PARTY_VERSIONS.md'), 'utf8'), /^# Third-party versions/);
    const spdx = io(s.root);
    assert.equal(await main(['sbom', '--format', 'spdx'], spdx), 0);
    assert.equal(JSON.parse(spdx.out).spdxVersion, 'SPDX-2.3');
    assert.equal(await main(['sbom', '--format', 'xml'], io(s.root)), 2);
    assert.equal(await main(['sbom', '--serial', 'nope'], io(s.root)), 2);
    assert.equal(await main(['sbom', join(s.base, 'missing')], io(s.root)), 2);
  });
});
