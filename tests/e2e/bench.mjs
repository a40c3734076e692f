// Times the page in headless Chromium (not a test: figures for the notes). Run after
// `./dev test` has built dist/:   node tests/e2e/bench.mjs [runs]
//
// For each run it types a new mean demand into the first preset's item and measures, in the
// page (performance.now()), how long until
//   - the first results change (every policy's results at the scenario's replications), and
//   - the advice's frontier has been swept again and drawn (the advice is no longer busy).
// Prints the median and the slowest of each.
import { launch, openApp } from './browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const env = await launch();
const { page } = await openApp(env.browser, env.url);
await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();

const first = [];
const frontier = [];
for (let i = 0; i < runs; i++) {
  const value = String(40 + (i % 2 === 0 ? 1 : -1) * (1 + i));
  const t = await page.evaluate(async (value) => {
    const input = document.querySelector('[data-testid="input-items-0-demand-mean"]');
    const cost = document.querySelector('[data-testid="total-cost-0"]');
    const before = cost.textContent;
    const advice = () => document.querySelector('[data-testid="advice"]');
    const start = performance.now();
    let firstAt = null;
    const done = new Promise((resolve) => {
      const check = () => {
        if (firstAt === null && cost.textContent !== before) firstAt = performance.now();
        if (firstAt !== null && advice().getAttribute('aria-busy') === 'false') {
          resolve(performance.now());
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const end = await done;
    return { first: firstAt - start, frontier: end - start };
  }, value);
  first.push(t.first);
  frontier.push(t.frontier);
}
await env.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, slowest ${Math.max(...xs).toFixed(0)} ms`;
console.log(`first results after an edit (${runs} edits): ${fmt(first)}`);
console.log(`frontier swept and drawn after an edit:      ${fmt(frontier)}`);
