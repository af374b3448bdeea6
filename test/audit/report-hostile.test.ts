// report.html is safe with hostile input (issue 14): `merge` reads findings.json files that anyone
// could have written. Every string field carries markup; the schema refuses values outside its
// enums, and everything else must come out escaped, with no script the page's CSP would run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp-repo.js';

const EVIL = `"><img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script><svg onload=alert(1)>'&`;
const CHROMIUM = '/usr/bin/chromium';

/** A findings.json valid in shape, with the hostile string in every free-text field. */
function hostilePack(): unknown {
  const t = (s: string) => `${s} ${EVIL}`;
  return {
    tool: 'groundwork',
    version: t('0.1.0'),
    formatVersion: 1,
    repository: { name: t('repo'), commit: t('abc'), date: t('2026-01-01') },
    capabilities: [{ id: t('workflows'), title: t('Workflow audit'), area: 'ci-reliability', status: 'ok', note: t('note'), ms: 1, findings: 1 }],
    findings: [
      {
        ruleId: t('masked-exit-status'),
        severity: 'high',
        confidence: 'high',
        message: t('message'),
        file: t('.github/workflows/ci.yml'),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        capability: t('workflows'),
        fingerprint: t('fp'),
        sourceLine: t('run: x || true'),
      },
    ],
    components: [
      {
        name: t('lib'),
        path: t('third_party/lib'),
        kind: t('submodule'),
        version: t('1.0'),
        versionConfidence: t('high'),
        commit: t('0123456789abcdef'),
        date: t('2020-01-01'),
        ageDays: 10,
        licence: t('MIT'),
        licenceConfidence: t('high'),
        upstream: t('https://example.com'),
      },
    ],
    pins: { pinned: 1, unpinned: 1, allowed: 0, local: 0, external: 2 },
    milestones: [{ id: t('M01'), title: t('Smoke'), status: t('done'), detail: t('detail') }],
  };
}

describe('report.html with hostile findings.json', () => {
  it('escapes every field, runs only its own hashed script, and a value outside the schema is refused', async () => {
    const out = tempDir('gw-hostile-');
    try {
      mkdirSync(join(out.dir, 'pack'));
      writeFileSync(join(out.dir, 'pack', 'findings.json'), JSON.stringify(hostilePack()));
      const m = await runCli(['merge', join(out.dir, 'pack'), '--out', join(out.dir, 'merged')]);
      assert.ok(m.code <= 1, m.stderr);
      const page = readFileSync(join(out.dir, 'merged', 'report.html'), 'utf8');
      assert.ok(page.includes('&lt;script&gt;'), 'the hostile text is shown, escaped');
      for (const raw of ['<img', '<svg onload', 'onerror="', '<script>document']) assert.ok(!page.includes(raw), `unescaped ${raw}`);
      const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1, "one inline script: the report's own");
      const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
      assert.ok(!scriptSrc.includes('unsafe-inline'), csp);
      assert.equal(scriptSrc, `'sha256-${createHash('sha256').update(scripts[0]![1]!).digest('base64')}'`);

      // A severity outside the enum would land in a class and an attribute: refused at the boundary.
      const bad = hostilePack() as { findings: { severity: string }[] };
      bad.findings[0]!.severity = EVIL;
      writeFileSync(join(out.dir, 'pack', 'findings.json'), JSON.stringify(bad));
      const refused = await runCli(['merge', join(out.dir, 'pack'), '--out', join(out.dir, 'merged2')]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /not a valid findings\.json:\n.*\/findings\/0\/severity: must be equal to one of the allowed values/);

      if (!existsSync(CHROMIUM)) return; // the browser part needs Debian's chromium; the checks above stand
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const tab = await browser.newPage();
        const dialogs: string[] = [];
        const errors: string[] = [];
        tab.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        tab.on('pageerror', (e) => errors.push(e.message));
        await tab.goto(pathToFileURL(join(out.dir, 'merged', 'report.html')).href);
        assert.deepEqual(dialogs, []);
        assert.deepEqual(errors, []);
        assert.ok(!(await tab.title()).includes('pwned'));
        assert.equal(await tab.evaluate(() => document.documentElement.classList.contains('js')), true, "the report's own script ran under the CSP");
      } finally {
        await browser.close();
      }
    } finally {
      out.cleanup();
    }
  });
});
