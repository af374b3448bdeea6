import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { offlineSbomAudit } from '../../src/deps/offline.js';
import { buildScenario, type Scenario } from '../sbom/scenario.js';

let s: Scenario;

describe('offline entry point for groundwork audit', () => {
  before(() => {
    s = buildScenario();
  });
  after(() => s.cleanup());

  it('gives rows, CycloneDX, THIRD_PARTY_VERSIONS.md and findings without asking any remote', async () => {
    // a git base nobody can reach proves no ls-remote happens
    const config = new Config({ pin: { gitBase: 'file:///nonexistent' }, deps: { maxAge: '1000y' } });
    const r = await offlineSbomAudit(s.root, config, { now: new Date('2025-06-01T00:00:00Z') });
    const fmt = r.rows.find((x) => x.paths[0] === 'third_party/fmt')!;
    assert.deepEqual([fmt.name, fmt.version, fmt.licence, fmt.ageDays, fmt.kind], ['fmtlike', 'v1.1.0+1', 'MIT', 2284, 'submodule']);
    assert.equal(r.rows.find((x) => x.paths[0] === 'third_party/cpp-httplib')!.ageDays, undefined);
    assert.equal(JSON.parse(r.cyclonedx).specVersion, '1.6');
    assert.match(r.versionsMarkdown, /^# Third-party versions/);
    const rules = new Set(r.findings.map((f) => f.ruleId));
    assert.ok(rules.has('sbom-licence-unidentified') && rules.has('sbom-version-conflict'));
    assert.ok(!rules.has('deps-outdated') && !rules.has('deps-stale-pin'));
    const stale = await offlineSbomAudit(s.root, new Config({ deps: { maxAge: '365d' } }), { now: new Date('2025-06-01T00:00:00Z') });
    assert.deepEqual(
      stale.findings.filter((f) => f.ruleId === 'deps-stale-pin').map((f) => f.message.split(' (')[0]),
      ['fmtlike', 'gtestlike', 'outer'],
    );
  });
});
