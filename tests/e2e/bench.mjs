// Times the page in headless Chromium (not a test: figures for the notes, against the budgets
// of DESIGN.md and the workers issue). Run after `./dev test` has built dist/:
//   node tests/e2e/bench.mjs [edits] [workers]
// (`workers` adds ?workers=N to the address; by default the page uses one per core.)
//
//   - load: page load to the first chart drawn (results settled);
//   - edits: for each edit (a new mean demand in the first preset's item), how long until
//     the first results change (a first estimate for a long run), the full run is on screen,
//     and the advice's frontier is swept again and drawn; for the preset (500 replications)
//     and at 10,000 replications; median and slowest;
//   - portfolio: the optimiser issue's 50 items (500 replications, 15 buffers each) opened
//     as a file and optimised: the time, and every main-thread task over 50 ms meanwhile
//     (PerformanceObserver 'longtask');
//   - one worker on the engine workload: item-days per second in Chromium (the page's own
//     full run of it, metrics only, for the results CSV);
//   - a 1,000-item link (the catalogue preset's five items, repeated) opened in a new page:
//     the page's own measure of reading and checking it on its thread (from the first step to
//     the last: it reads a step per task) and of its longest step, the first main-thread
//     task over 50 ms (the read, the first render and layout), and the tasks over 50 ms one
//     keystroke in that catalogue causes; median and slowest;
//   - size: what a first paint loads, and the simulation's module beside it, gzipped.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { DIST, launch, openApp } from './browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const query = process.argv[3] === undefined ? '' : `?workers=${process.argv[3]}`;
const env = await launch();

// Page load to the first chart drawn.
const loads = [];
for (let i = 0; i < 5; i++) {
  const fresh = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await fresh.goto(env.url + query);
  await fresh.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
  await fresh.locator('canvas[data-testid^="chart-"]').first().waitFor();
  // performance.now() counts from the navigation's start.
  loads.push(await fresh.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(performance.now())))));
  await fresh.close();
}
const { page } = await openApp(env.browser, env.url + query);
const workers = await page.getByTestId('results-area').getAttribute('data-workers');
console.log(`workers: ${workers} (navigator.hardwareConcurrency ${await page.evaluate(() => navigator.hardwareConcurrency)})`);
// Records every main-thread task over 50 ms (PerformanceObserver 'longtask') in the page, for
// `takeLongTasks`; run in the page (before it loads, as an init script, to see its loading).
const observeLongTasks = () => {
  window.jitjicLongTasks = [];
  new PerformanceObserver((l) => window.jitjicLongTasks.push(...l.getEntries().map((e) => e.duration)))
    .observe({ type: 'longtask', buffered: true });
};
// The tasks recorded since the last call, in ms.
const takeLongTasks = (p) => p.evaluate(() => window.jitjicLongTasks.splice(0));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, slowest ${Math.max(...xs).toFixed(0)} ms`;
console.log(`page load to the first chart drawn: ${fmt(loads)}`);
await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();

async function measure(label) {
  const first = [];
  const full = [];
  const frontier = [];
  for (let i = 0; i < runs; i++) {
    const value = String(40 + (i % 2 === 0 ? 1 : -1) * (1 + i));
    const t = await page.evaluate(async (value) => {
      const input = document.querySelector('[data-testid="input-items-0-demand-mean"]');
      const cost = () => document.querySelector('[data-testid="total-cost-0"]').textContent;
      const before = cost();
      const advice = () => document.querySelector('[data-testid="advice"]');
      const partial = () =>
        document.querySelector('[data-testid="results-area"]').dataset.settled !== 'true';
      const start = performance.now();
      let firstAt = null;
      let fullAt = null;
      const done = new Promise((resolve) => {
        const check = () => {
          const now = performance.now();
          if (firstAt === null && cost() !== before) firstAt = now;
          if (firstAt !== null && fullAt === null && !partial()) fullAt = now;
          if (fullAt !== null && advice().getAttribute('aria-busy') === 'false') {
            resolve(now);
            return;
          }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const end = await done;
      return { first: firstAt - start, full: fullAt - start, frontier: end - start };
    }, value);
    first.push(t.first);
    full.push(t.full);
    frontier.push(t.frontier);
  }
  console.log(`${label} (${runs} edits)`);
  console.log(`  first results on screen:        ${fmt(first)}`);
  console.log(`  full run on screen:             ${fmt(full)}`);
  console.log(`  frontier swept and drawn:       ${fmt(frontier)}`);
}

await measure('first preset, 500 replications');
await page.getByTestId('settings-toggle').click();
await page.getByTestId('input-settings-replications').fill('10000');
await page.locator('[data-testid="first-estimate"]').waitFor({ state: 'detached', timeout: 120_000 });
await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor({ timeout: 120_000 });
await measure('first preset, 10,000 replications');

// One worker on the engine workload (benches/workload: one item, base-stock at JIC's 5 days,
// N(20, 6), lead time uniform on 5–9 days, 365 days × 10,000 replications = 3.65 M
// item-days): the page opened with ?workers=1 on it, and once its advice is in (so nothing
// else is queued), "Download results (CSV)" timed to the download: the item's full run in
// parts of 250 replications on the one worker, its metrics (the CSV keeps no stock over
// time), sent and merged as the page does.
{
  const scenario = {
    version: 5,
    settings: { horizon_days: 365, replications: 10000, seed: 42 },
    items: [{ name: 'Engine workload', demand: { distribution: 'normal', mean: 20, sd: 6 },
      lead_time: { distribution: 'uniform', min: 5, max: 9 }, policies: [{ policy: 'jic', buffer_days: 5 }] }],
  };
  const fragment = '1.' + deflateRawSync(Buffer.from(JSON.stringify({ scenario, view: { item: 0 } })), { level: 9 }).toString('base64url');
  const one = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await one.goto(`${env.url}?workers=1#${fragment}`);
  await one.locator('[data-testid="results-area"][data-settled="true"]').waitFor({ timeout: 120_000 });
  await one.locator('[data-testid="advice"][aria-busy="false"]').waitFor({ timeout: 120_000 });
  const rates = [];
  for (let i = 0; i < 3; i++) {
    const start = Date.now();
    await Promise.all([one.waitForEvent('download', { timeout: 120_000 }), one.getByTestId('save-results').click()]);
    rates.push(3.65e6 / ((Date.now() - start) / 1000) / 1e6);
  }
  await one.close();
  const m = [...rates].sort((a, b) => a - b)[1];
  console.log(`one worker, engine workload (3.65 M item-days): median ${m.toFixed(1)} M item-days/s (${rates.map((r) => r.toFixed(1)).join(', ')})`);
}

// A 1,000-item link opened: the page reads and checks it on its own thread while it loads, a
// step per task (its performance measures 'jitjic: link read and checked', first step to last,
// and 'jitjic: a step of reading the link'): the longest step is how long the largest
// catalogue a link may carry holds the tab while it is read.
{
  const catalogue = JSON.parse(readFileSync(new URL('../../presets/catalogue.json', import.meta.url)));
  const many = Array.from({ length: 1000 }, (_, i) => ({ ...catalogue.items[i % catalogue.items.length], name: `SKU ${i}` }));
  const json = JSON.stringify({ scenario: { ...catalogue, items: many }, view: { item: 999 } });
  const fragment = '1.' + deflateRawSync(Buffer.from(json), { level: 9 }).toString('base64url');
  const reads = [];
  const steps = [];
  const firstTasks = [];
  const keystrokes = [];
  for (let i = 0; i < 5; i++) {
    const opened = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await opened.addInitScript(observeLongTasks);
    await opened.goto(`${env.url}${query}#${fragment}`);
    await opened.getByTestId('results-item').waitFor({ timeout: 60_000 });
    await opened.locator('[data-testid="results-area"][data-settled="true"]').waitFor({ timeout: 60_000 });
    reads.push(await opened.evaluate(() => performance.getEntriesByName('jitjic: link read and checked')[0].duration));
    steps.push(await opened.evaluate(() => Math.max(...performance.getEntriesByName('jitjic: a step of reading the link').map((e) => e.duration))));
    firstTasks.push((await takeLongTasks(opened))[0] ?? 0);
    // One keystroke in the shown item's name: every main-thread task over 50 ms it causes.
    const name = opened.getByTestId('input-items-999-name');
    await name.click();
    await name.press('End');
    await opened.waitForTimeout(500);
    await takeLongTasks(opened);
    await opened.keyboard.type('5');
    await opened.waitForTimeout(1500);
    keystrokes.push((await takeLongTasks(opened)).reduce((a, b) => a + b, 0));
    await opened.close();
  }
  console.log(`a 1,000-item link read and checked on the page's thread, a step per task: ${fmt(reads)}`);
  console.log(`  its longest step: ${fmt(steps)}`);
  console.log(`  the page's first task over 50 ms while it opens:  ${fmt(firstTasks)}`);
  console.log(`  one keystroke in it, its tasks over 50 ms in all: ${fmt(keystrokes)}`);
}

// The 50-item portfolio (benches/workload: the optimiser issue's), opened as a file.
const items = Array.from({ length: 50 }, (_, i) => ({
  name: `Item ${i}`,
  demand: { distribution: 'normal', mean: 10 + i, sd: 0.3 * (10 + i) },
  lead_time: { distribution: 'uniform', min: 5, max: 9 },
}));
const file = join(tmpdir(), 'jitjic-bench-portfolio.json');
writeFileSync(file, JSON.stringify({ version: 2, settings: { horizon_days: 365, replications: 500, seed: 42 }, items }));
await page.getByTestId('open-scenario').setInputFiles(file);
await page.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor({ timeout: 120_000 });
await page.evaluate(observeLongTasks);
await takeLongTasks(page);
const portfolio = await page.evaluate(async () => {
  const start = performance.now();
  document.querySelector('[data-testid="run-portfolio"]').click();
  await new Promise((ok) => {
    const check = () => (document.querySelector('[data-testid="portfolio-totals"]') ? ok() : requestAnimationFrame(check));
    check();
  });
  const took = performance.now() - start;
  await new Promise((ok) => setTimeout(ok, 100));
  return { took };
});
portfolio.long = await takeLongTasks(page);
console.log(`50-item portfolio (500 replications, 15 buffers each): ${portfolio.took.toFixed(0)} ms`);
console.log(`  main-thread tasks over 50 ms meanwhile: ${portfolio.long.length}${portfolio.long.length ? ` (${portfolio.long.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}`);

// What the page loads, gzipped: what a first paint waits for (the page's module, its
// JavaScript, the stylesheet and index.html), and the simulation's module the workers load
// beside it (and the page, when it has no workers).
const gz = (f) => gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length;
const files = readdirSync(DIST);
const groups = {
  // (With the script in the page's head that starts the first worker early.)
  'first paint': files.filter((f) =>
    f.startsWith('jitjic-page-') || f.startsWith('style-') || f.startsWith('worker-early-') || f === 'index.html'),
  'simulation module': files.filter((f) => f.startsWith('jitjic-worker-') || /^worker-[0-9a-f]+\.js$/.test(f)),
};
for (const [what, group] of Object.entries(groups)) {
  let total = 0;
  for (const f of group) {
    total += gz(f);
    console.log(`  ${f}: ${gz(f)} bytes gzipped`);
  }
  console.log(`${what}, gzipped (zlib level 9): ${total} bytes = ${(total / 1024).toFixed(1)} KiB`);
}
await env.close();
