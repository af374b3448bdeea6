// The HTML report in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// no console errors, no network requests, charts drawn, sorting and filtering work, readable with
// JavaScript off. A screenshot is saved under test-artifacts/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/tmp-repo.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('report.html in Chromium', { skip }, () => {
  let browser: Browser;
  let out: ReturnType<typeof tempDir>;
  let url: string;
  before(async () => {
    out = tempDir('gw-report-');
    const r = await runCli(['audit', join(ROOT, 'examples/demo'), '--out', join(out.dir, 'pack'), '--quiet']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    url = pathToFileURL(join(out.dir, 'pack', 'report.html')).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    out?.cleanup();
  });

  it('loads with no console errors and no network requests; charts render; screenshot saved', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => r.url() !== url && requests.push(r.url()));
    await page.goto(url);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    assert.ok((await page.locator('figure.chart svg g.bar').count()) >= 3, 'bar charts drawn');
    assert.ok((await page.locator('figure.donut circle.arc').count()) >= 1, 'pinning donut drawn');
    const box = await page.locator('figure.chart svg rect').first().boundingBox();
    assert.ok(box && box.width > 1 && box.height > 1, 'bars have a size on screen');
    assert.equal(await page.locator('.card').count(), 5, 'one score card per area');
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-artifacts', 'report.png'), fullPage: true });
    await page.close();
  });

  it('sorts and filters the findings table', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const rows = page.locator('#findings-table tbody tr');
    const total = await rows.count();
    assert.ok(total > 5);
    const locations = async () => page.locator('#findings-table tbody tr td:nth-child(5)').allTextContents();
    await page.locator('#findings-table th', { hasText: 'Location' }).click();
    const asc = await locations();
    assert.deepEqual(
      asc,
      [...asc].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    );
    await page.locator('#findings-table th', { hasText: 'Location' }).click();
    assert.deepEqual(await locations(), [...asc].reverse());
    await page.fill('[data-filter-for="findings-table"] input', 'pipefail');
    const visible = await page.locator('#findings-table tbody tr:not([hidden])').count();
    assert.ok(visible > 0 && visible < total, `filter keeps ${visible} of ${total}`);
    await page.fill('[data-filter-for="findings-table"] input', '');
    await page.selectOption('[data-filter-for="findings-table"] select[name="severity"]', 'low');
    const lows = await page.locator('#findings-table tbody tr:not([hidden])').allTextContents();
    assert.ok(lows.length > 0 && lows.every((t) => t.startsWith('low')));
    await page.close();
  });

  it('is readable with JavaScript off: every row is there, filters hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    const rows = await page.locator('#findings-table tbody tr').count();
    assert.ok(rows > 5);
    assert.equal(await page.locator('#findings-table tbody tr:visible').count(), rows);
    assert.equal(await page.locator('.filters').first().isVisible(), false);
    await context.close();
  });
});
