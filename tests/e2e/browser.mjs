// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core (which
// downloads no browser), the built page served from a sub-path, and a page object that
// records anything a clean page must never do (console errors, failed or external requests).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const SUB_PATH = '/tools/jitjic/';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  const { server, url } = await startServer({ dir: DIST, base: SUB_PATH });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Records on `page` anything a clean page must never do: console errors and warnings,
 * uncaught errors, requests that fail or leave 127.0.0.1, HTTP errors. */
function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'about:' && u.hostname !== '127.0.0.1') {
      problems.push(`external request: ${r.url()}`);
    }
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Opens the page and waits for the first results; `problems` collects what must not happen.
 * `options` go to the browser's new page (e.g. `bypassCSP` for a test that injects a script);
 * `init`, a function, runs in the page before its own scripts. */
export async function openApp(browser, url, viewport = { width: 1280, height: 900 }, options = {}, { results = true, init } = {}) {
  const page = await browser.newPage({ viewport, ...options });
  const problems = watch(page);
  if (init) await page.addInitScript(init);
  await page.goto(url);
  if (!results) return { page, problems };
  await page.getByTestId('total-cost-0').waitFor();
  await page.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
  return { page, problems };
}

/** Opens a page that embeds the calculator (another origin); `problems` as for openApp. */
export async function openWiki(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watch(page);
  await page.goto(url);
  return { page, problems };
}

/** The text of an element found by its data-testid. */
export async function text(page, testId) {
  return (await page.getByTestId(testId).textContent()).trim();
}

/** Waits until an element's text differs from `before` (and the results on the page, if any,
 * are the current scenario's full run), and returns the new text. */
export async function changedText(page, testId, before) {
  await page.waitForFunction(
    ([id, old]) =>
      document.querySelector('[data-testid="results-area"]')?.dataset.settled !== 'false' &&
      document.querySelector(`[data-testid="${id}"]`)?.textContent.trim() !== old,
    [testId, before],
  );
  return text(page, testId);
}

/** How much of a canvas is drawn on, and a fingerprint of its pixels. */
export async function canvasPixels(page, testId) {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-testid="${id}"]`);
    // Read a copy, so the test's own readbacks do not slow (or warn about) the page's canvas.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let inked = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250)) inked += 1;
      hash = Math.imul(hash ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16), 16777619) >>> 0;
    }
    return { width: canvas.width, height: canvas.height, inked, hash };
  }, testId);
}
