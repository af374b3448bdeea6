import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { gitAncestry } from '../../src/deps/ancestry.js';
import { evaluateRange, evaluateRecord, type OsvRecord } from '../../src/deps/osv.js';
import { loadOsvDirectory } from '../../src/deps/osv-db.js';
import { buildScenario, type Scenario } from '../sbom/scenario.js';
import { capturingIO } from '../helpers/cli.js';

const io = capturingIO;

/** An OSV record (schema 1.6) with one GIT range on a repository. */
function record(id: string, repo: string, events: Record<string, string>[], versions: string[] = []): OsvRecord {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2025-01-01T00:00:00Z',
    summary: `${id} summary`,
    aliases: [`CVE-2025-${id.slice(-4)}`],
    affected: [{ package: { name: repo, ecosystem: 'GIT' }, ranges: [{ type: 'GIT', repo, events }], versions }],
  } as OsvRecord;
}

const UNKNOWN = 'dead'.repeat(10);
let s: Scenario;
let db: string;

describe('OSV vulnerabilities', () => {
  before(() => {
    s = buildScenario();
    const fmt = s.up.fmt.commits;
    db = join(s.base, 'osv');
    const recs = {
      'OSV-2025-0001': record('OSV-2025-0001', 'https://github.com/acme/fmtlike', [{ introduced: fmt.one! }, { fixed: fmt.fix! }]),
      'OSV-2025-0002': record('OSV-2025-0002', 'https://github.com/acme/fmtlike.git', [{ introduced: fmt.one! }, { fixed: fmt.two! }]),
      'OSV-2025-0003': record('OSV-2025-0003', 'https://github.com/acme/httplib', [{ introduced: '0' }, { fixed: UNKNOWN }]),
      'OSV-2025-0004': record(
        'OSV-2025-0004',
        'git@github.com:acme/gtestlike.git',
        [{ introduced: UNKNOWN }, { fixed: UNKNOWN.replace(/d/g, 'b') }],
        ['release-1.11.0', 'v1.10.0'],
      ),
      'OSV-2025-0005': record('OSV-2025-0005', 'https://github.com/someone/else', [{ introduced: '0' }]),
      // the meson wrap downloads zstd 1.5.7: no commit, so the version is compared with versions[]
      'OSV-2025-0006': record('OSV-2025-0006', 'https://github.com/facebook/zstd', [{ introduced: UNKNOWN }], ['v1.5.6', 'v1.5.7']),
    };
    // part of the dump as an all.zip made by the real zip tool, part as unpacked JSON
    const zipDir = join(s.base, 'osv-zip-src');
    mkdirSync(join(db, 'GIT'), { recursive: true });
    mkdirSync(zipDir, { recursive: true });
    const zipped = new Set(['OSV-2025-0001', 'OSV-2025-0002', 'OSV-2025-0006']);
    for (const [id, r] of Object.entries(recs)) writeFileSync(join(zipped.has(id) ? zipDir : join(db, 'GIT'), `${id}.json`), JSON.stringify(r));
    execFileSync('zip', ['-q', '-j', join(db, 'GIT', 'all.zip'), join(zipDir, 'OSV-2025-0001.json'), join(zipDir, 'OSV-2025-0002.json')]);
    // a full GIT dump can need zip64 (over 65535 records): -fz forces that layout on a small one
    execFileSync('zip', ['-q', '-j', '-fz', join(db, 'more.zip'), join(zipDir, 'OSV-2025-0006.json')]);
  });
  after(() => s.cleanup());

  it('evaluates GIT ranges by commit ancestry in the upstream history', () => {
    const c = s.up.fmt.commits;
    const anc = gitAncestry(s.up.fmt.bare);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.one! }, { fixed: c.fix! }] }, c.after!, anc), true);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.one! }, { fixed: c.two! }] }, c.after!, anc), false);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.two! }, { last_affected: c.two! }] }, c.after!, anc), false);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: '0' }, { limit: c.two! }] }, c.after!, anc), false);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.one! }, { fixed: UNKNOWN }] }, c.after!, anc), undefined);
    // without history only exact hits decide
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.one! }, { fixed: c.fix! }] }, c.after!), undefined);
    assert.equal(evaluateRange({ type: 'GIT', events: [{ introduced: c.after! }] }, c.after!), true);
  });

  it('falls back to versions[] by exact tag, and to triage when neither works', () => {
    const r = record('X-1', 'https://github.com/o/r', [{ introduced: UNKNOWN }], ['v1.2.3']);
    assert.deepEqual(evaluateRecord(r, { upstream: 'github.com/o/r', commit: 'a'.repeat(40), tag: '1.2.3' })?.status, 'affected');
    assert.deepEqual(evaluateRecord(r, { upstream: 'github.com/o/r', commit: 'a'.repeat(40), tag: 'v1.2.4' })?.status, 'not-affected');
    assert.deepEqual(evaluateRecord(r, { upstream: 'github.com/o/r', commit: 'a'.repeat(40) })?.status, 'triage');
    assert.equal(evaluateRecord(r, { upstream: 'github.com/o/other', commit: 'a'.repeat(40) }), undefined);
  });

  it('loads a dump directory of all.zip and JSON files, keeping records with git ranges', () => {
    const index = loadOsvDirectory(db);
    assert.equal(index.size, 6);
    assert.deepEqual(
      index
        .forRepo('github.com/acme/fmtlike')
        .map((r) => r.id)
        .sort(),
      ['OSV-2025-0001', 'OSV-2025-0002'],
    );
    const broken = join(s.base, 'osv-broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'bad.json'), '{"id": ');
    assert.throws(() => loadOsvDirectory(broken), /bad\.json: not JSON/);
    assert.throws(() => loadOsvDirectory(join(s.base, 'nowhere')), /no such directory/);
  });

  it('deps --osv-db: affected by ancestry, by versions[] tag, needs triage; exit 1', async () => {
    const x = io(s.root);
    const code = await main(['deps', '--offline', '--max-age', '100y', '--osv-db', db, '--format', 'json'], x);
    assert.equal(code, 1, x.err);
    const f = JSON.parse(x.out).findings as { ruleId: string; message: string; file: string; line: number }[];
    const vuln = f.filter((y) => y.ruleId === 'deps-known-vulnerability').map((y) => y.message);
    assert.equal(vuln.length, 3, vuln.join('\n'));
    assert.match(vuln.find((m) => m.includes('OSV-2025-0006'))!, /^zstd \(subprojects\/zstd\.wrap\) at 1\.5\.7 .*decided by tag 1\.5\.7 against versions\[\]/);
    assert.match(
      vuln.find((m) => m.includes('OSV-2025-0001'))!,
      /fmtlike .* CVE-2025-0001: OSV-2025-0001 summary \(decided by GIT range, by commit ancestry\)/,
    );
    assert.match(vuln.find((m) => m.includes('OSV-2025-0004'))!, /gtestlike .*decided by tag release-1\.11\.0 against versions\[\]/);
    assert.ok(!f.some((y) => y.message.includes('OSV-2025-0002')), 'fixed before the pin');
    const triage = f.filter((y) => y.ruleId === 'deps-vulnerability-triage');
    assert.deepEqual(
      triage.map((y) => [y.file, y.line]),
      [['.gitmodules', 10]],
    );
    assert.match(triage[0]!.message, /OSV-2025-0003.*needs triage/);
  });

  it('deps --online asks the OSV API by commit (loopback server) and reports what it returns', async () => {
    const asked: unknown[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const q = JSON.parse(body) as { commit?: string };
        asked.push(q);
        const vulns = q.commit === s.up.gtest.commits.old ? [record('GHSA-test-0001', 'https://github.com/acme/gtestlike', [{ introduced: '0' }])] : [];
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(req.url === '/v1/query' ? { vulns } : {}));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const x = io(s.root);
      assert.equal(await main(['deps', '--offline', '--max-age', '100y', '--online', '--osv-url', url, '--format', 'json'], x), 1, x.err);
      const f = JSON.parse(x.out).findings as { ruleId: string; message: string }[];
      assert.deepEqual(
        f.filter((y) => y.ruleId === 'deps-known-vulnerability').map((y) => /GHSA-test-0001/.test(y.message) && /decided by OSV API/.test(y.message)),
        [true],
      );
      assert.ok(asked.some((q) => (q as { commit?: string }).commit === s.up.fmt.commits.after));
      server.close();
      const down = io(s.root);
      assert.equal(await main(['deps', '--offline', '--online', '--osv-url', url], down), 2);
      assert.match(down.err, /OSV API/);
    } finally {
      server.close();
    }
  });
});
