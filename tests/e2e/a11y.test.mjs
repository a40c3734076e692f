// Accessibility (axe-core injected into the built page) and the charts' screenshots at phone
// and desktop widths, saved under target/e2e-artifacts/ for people to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launch, openApp } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ARTIFACTS = fileURLToPath(new URL('../../target/e2e-artifacts/', import.meta.url));

let env;
before(async () => {
  env = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

/** Runs axe on the page as it stands; returns the serious and critical violations. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const scheme of ['light', 'dark']) {
  test(`no serious or critical accessibility violations (${scheme})`, async () => {
    // axe is injected as a script of the test's own: the page's policy would refuse it.
    const { page, problems } = await openApp(env.browser, env.url, undefined, { bypassCSP: true });
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByTestId('advice-sentence').waitFor();
    // Open every folded section so its fields are checked too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    // And every chart's data table.
    for (const toggle of await page.locator('.data-toggle').all()) await toggle.click();
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    // And with a validation message on screen.
    await page.getByTestId('input-items-0-demand-mean').fill('abc');
    await page.getByTestId('error-items-0-demand-mean').waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('an embed has no serious or critical accessibility violations', async () => {
  for (const view of ['frontier', 'cost']) {
    const page = await env.browser.newPage({ viewport: { width: 720, height: 480 }, bypassCSP: true });
    await page.goto(`${env.url}?embed=${view}`);
    await page.getByTestId(`chart-${view}`).waitFor();
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.screenshot({ path: `${ARTIFACTS}embed-${view}-720x480.png` });
    await page.close();
  }
});

test('every chart is saved as a screenshot at 360 px and 1280 px, light and dark', async () => {
  for (const [width, scheme] of [[360, 'light'], [1280, 'light'], [1280, 'dark']]) {
    // Playwright's screenshots inject a style of their own (to hide the caret), which the
    // page's policy refuses; the page's own compliance is checked in page.test.mjs.
    const { page, problems } = await openApp(env.browser, env.url, { width, height: 900 }, { bypassCSP: true });
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByTestId('advice-sentence').waitFor();
    for (const key of ['frontier', 'rules', 'inventory', 'cost', 'distribution']) {
      const chart = page.getByTestId(`chart-${key}`);
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      assert.ok(box.width <= width, `${key} fits ${width}px: ${box.width}`);
      // The chart follows the scheme: its corner pixel is the page's panel colour.
      const corner = await chart.evaluate((canvas) => [...canvas.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
      const wanted = scheme === 'dark' ? [0x1d, 0x21, 0x28] : [255, 255, 255];
      assert.deepEqual(corner, wanted, `${key} (${scheme})`);
      const suffix = scheme === 'dark' ? '-dark' : '';
      await chart.screenshot({ path: `${ARTIFACTS}chart-${key}-${width}${suffix}.png` });
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});
