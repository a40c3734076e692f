// The charts read at the sizes and pixel densities people use: phones, tablets and laptops at
// pixel ratios 1 and 2 (and a phone at 3), and embeds in iframes of 320×240, 400×300 and
// 600×400. Every canvas reports what collides in its drawing (`data-layout`: text over text,
// over the data, or cut off at the edge, as src/charts/overlap.rs finds it; its unit tests are
// the negative controls) and must report nothing; its backing store must be its on-screen size
// times the pixel ratio. Screenshots of each go to target/e2e-artifacts/layout/.
// This is the only file that runs the whole size × density matrix (see DEVELOPERS.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, openApp } from './browser.mjs';
import { JitjicPage } from './jitjic-page.mjs';

const ARTIFACTS = fileURLToPath(new URL('../../target/e2e-artifacts/layout/', import.meta.url));

let env;
before(async () => {
  env = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

/** Every canvas in `scope` (a page or a frame): its test id, its layout problems (null when it
 * reports none at all) and its backing store against its CSS size × the pixel ratio. */
async function canvases(scope) {
  return scope.locator('canvas').evaluateAll((all) => all.map((c) => ({
    id: c.dataset.testid,
    layout: c.getAttribute('data-layout'),
    backing: [c.width, c.height],
    wanted: [Math.round(c.clientWidth * devicePixelRatio), Math.round(c.clientHeight * devicePixelRatio)],
  })));
}

function check(found, where, failures) {
  assert.ok(found.length > 0, `${where}: no canvas`);
  for (const c of found) {
    if (c.layout === null) failures.push(`${where} ${c.id}: no layout report`);
    else if (c.layout !== '') failures.push(`${where} ${c.id}:\n  ${c.layout.split('\n').join('\n  ')}`);
    if (c.backing[0] !== c.wanted[0] || c.backing[1] !== c.wanted[1]) {
      failures.push(`${where} ${c.id}: backing ${c.backing} for ${c.wanted}`);
    }
  }
}

/** Waits until the charts have been drawn for the settled results and the advice. */
async function settled(page) {
  await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();
  await page.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

const PAGES = [
  [360, 1], [360, 2], [390, 3], [768, 1], [768, 2], [1280, 1], [1280, 2],
];

test('every chart of the page reads at phone, tablet and laptop widths, at pixel ratios 1, 2 and 3', async () => {
  const failures = [];
  for (const [width, ratio] of PAGES) {
    const { page, problems } = await openApp(env.browser, env.url, { width, height: 900 }, { deviceScaleFactor: ratio, bypassCSP: true });
    await settled(page);
    const where = `${width}px @${ratio}x`;
    check(await canvases(page), where, failures);
    for (const c of await page.locator('canvas').all()) {
      const id = await c.getAttribute('data-testid');
      await c.scrollIntoViewIfNeeded();
      await c.screenshot({ path: `${ARTIFACTS}${id}-${width}-${ratio}x.png` });
    }
    assert.deepEqual(problems, [], where);
    await page.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the presets with the busiest charts read at 1280 px and at 360 px, pixel ratio 2', async () => {
  const failures = [];
  for (const width of [360, 1280]) {
    const app = await JitjicPage.open(env.browser, env.url, { width, height: 900 }, { deviceScaleFactor: 2, bypassCSP: true });
    for (const [key, item] of [['overseas', 'Housing casting'], ['fashion', 'Seasonal jacket (one SKU)'], ['hospital', 'IV fluid bags (1 L)'], ['plastics', 'Resin housing, black'], ['nearshore', 'Motor controller board']]) {
      await app.loadPreset(key, item);
      await settled(app.page);
      check(await canvases(app.page), `${key} ${width}px @2x`, failures);
      const inventory = app.page.getByTestId('chart-inventory');
      await inventory.scrollIntoViewIfNeeded();
      await inventory.screenshot({ path: `${ARTIFACTS}preset-${key}-inventory-${width}-2x.png` });
    }
    assert.deepEqual(app.problems, []);
    await app.page.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('each embedded view reads in iframes of 320×240, 400×300 and 600×400 at pixel ratios 1 and 2', async () => {
  const failures = [];
  for (const ratio of [1, 2]) {
    const page = await env.browser.newPage({ viewport: { width: 1300, height: 900 }, deviceScaleFactor: ratio });
    const frames = [];
    for (const view of ['frontier', 'inventory', 'cost', 'distribution']) {
      for (const [w, h] of [[320, 240], [400, 300], [600, 400]]) {
        frames.push(`<iframe src="${env.url}?embed=${view}" title="${view} ${w}x${h}" width="${w}" height="${h}"></iframe>`);
      }
    }
    await page.setContent(`<!doctype html><body>${frames.join('')}</body>`);
    for (const view of ['frontier', 'inventory', 'cost', 'distribution']) {
      for (const [w, h] of [[320, 240], [400, 300], [600, 400]]) {
        const frame = page.frameLocator(`iframe[title="${view} ${w}x${h}"]`);
        await frame.locator('.embed-chart[aria-busy="false"]').waitFor();
        await frame.locator(`canvas[data-layout]`).waitFor({ state: 'attached' });
        check(await canvases(frame.locator('body')), `embed ${view} ${w}×${h} @${ratio}x`, failures);
        await page.locator(`iframe[title="${view} ${w}x${h}"]`).screenshot({ path: `${ARTIFACTS}embed-${view}-${w}x${h}-${ratio}x.png` });
      }
    }
    await page.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});
