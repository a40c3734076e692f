// Times the page in headless Chromium (not a test: figures for the notes). Run after
// `./dev test` has built dist/:   node tests/e2e/bench.mjs [runs]
//
// For each run it types a new mean demand into the first preset's item and measures, in the
// page (performance.now()), how long until
//   - the first results change (every policy's results: all 500 replications at once for the
//     preset; a first estimate at fewer replications for a long run),
//   - the full run is on screen (the first-estimate note gone), and
//   - the advice's frontier has been swept again and drawn (the advice is no longer busy).
// Then the same with the run settings at 10,000 replications.
// Prints the median and the slowest of each.
import { launch, openApp } from './browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const env = await launch();
const { page } = await openApp(env.browser, env.url);
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
      const partial = () => document.querySelector('[data-testid="first-estimate"]') !== null;
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
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, slowest ${Math.max(...xs).toFixed(0)} ms`;
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
await env.close();
