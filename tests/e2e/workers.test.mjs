// The simulation's workers (src/ui/pool.rs): results equal to a run on the page's own thread,
// a page that answers clicks during a long run, Cancel, and a worker that fails.
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, text } from './browser.mjs';
import { JitjicPage } from './jitjic-page.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** Every result cell of the item shown, and every item's results as the CLI's CSV. */
async function results(page) {
  const app = new JitjicPage(page, []);
  await app.settled();
  const cells = await page.getByTestId('results').evaluate((t) =>
    [...t.querySelectorAll('td[data-testid]')].map((td) => `${td.dataset.testid}=${td.textContent}`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-results').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  return { cells, csv };
}

test('runs shared among two workers, one worker, or made on the page are the same, bit for bit', async () => {
  const seen = [];
  for (const workers of [undefined, 1, 0]) {
    const query = workers === undefined ? '' : `?workers=${workers}`;
    const { page, problems } = await openApp(env.browser, env.url + query);
    const app = new JitjicPage(page, problems);
    // The catalogue: several items, 1,000 replications each (four parts of 250).
    await app.loadPreset('catalogue', 'Fresh basil (restaurant)');
    await page.getByTestId('select-item-1').click();
    const got = await results(page);
    const used = Number(await page.getByTestId('results-area').getAttribute('data-workers'));
    // The worker the page's head starts is the pool's first, not one beside it
    // (worker-early-<hash>.js, scripts/csp.mjs): the browser runs as many as the pool uses.
    assert.equal(page.workers().length, used, `${page.workers().length} workers running for ${used} used`);
    seen.push({ workers: used, ...got });
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.deepEqual(seen.map((s) => s.workers), [2, 1, 0], 'two workers on this two-core machine, one, none');
  // The CSV writes every number in full (shortest round-trip form): equal text is equal bits.
  assert.match(seen[0].csv, /^item,policy,/);
  assert.ok(seen[0].csv.split('\n').length > 10);
  for (const s of seen.slice(1)) {
    assert.equal(s.csv, seen[0].csv);
    assert.deepEqual(s.cells, seen[0].cells);
  }
});

/** Opens the page at `query` (dropping the head's early script when `withoutHead`), waits for
 * its results and advice, and says how many workers it used, how often it fetched the
 * simulation's module, and the first item's total cost. */
async function openCountingFetches(query, withoutHead = false) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  if (withoutHead) await page.route(/worker-early-[0-9a-f]+\.js$/, (route) => route.abort());
  let fetched = 0;
  page.on('request', (r) => {
    if (/jitjic-worker-[0-9a-f]+_bg\.wasm$/.test(r.url())) fetched += 1;
  });
  await page.goto(`${env.url}${query}`);
  await page.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
  await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();
  const seen = {
    workers: await page.getByTestId('results-area').getAttribute('data-workers'),
    running: page.workers().length,
    fetched,
    cost: await text(page, 'total-cost-0'),
  };
  await page.close();
  return seen;
}

test('four workers start together on the simulation’s module fetched and compiled once, and without it each loads its own', async () => {
  // The page's head compiles the module and posts it to every worker (worker-early-<hash>.js,
  // scripts/csp.mjs); a worker fetches it itself only when it is not given one.
  const shared = await openCountingFetches('?workers=4');
  assert.deepEqual([shared.workers, shared.running, shared.fetched], ['4', 4, 1]);
  // Without the head's script (a proxy that drops it), each worker fetches the module itself,
  // one after another, and the results are the same.
  const alone = await openCountingFetches('?workers=2', true);
  assert.deepEqual([alone.workers, alone.running, alone.fetched], ['2', 2, 2]);
  assert.equal(alone.cost, shared.cost);
});

test('with one worker, the item’s run goes before its frontier: on opening and after an edit', async () => {
  // Which of the two ends first, seen from inside the page: the results settled (the run) or
  // the advice no longer busy (the frontier). Both are submitted by one render's effects, the
  // frontier's first; the pool hands them out by priority (src/ui/pool.rs, dispatch_soon).
  const order = () => {
    window.jitjicOrder = [];
    const seen = { run: false, advice: false };
    new MutationObserver(() => {
      const area = document.querySelector('[data-testid="results-area"]');
      const advice = document.querySelector('[data-testid="advice"]');
      const run = area?.dataset.settled === 'true';
      const advised = advice?.getAttribute('aria-busy') === 'false';
      if (run && !seen.run) window.jitjicOrder.push('run');
      if (advised && !seen.advice) window.jitjicOrder.push('frontier');
      Object.assign(seen, { run, advice: advised });
    }).observe(document, { subtree: true, childList: true, attributes: true });
  };
  const { page, problems } = await openApp(env.browser, `${env.url}?workers=1`, undefined, {}, { init: order });
  const app = new JitjicPage(page, problems);
  await app.settled();
  await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.jitjicOrder.splice(0)), ['run', 'frontier'], 'on opening');
  await app.setField('items[0].demand.mean', '23');
  await page.locator('[data-testid="results-area"][data-settled="false"]').waitFor();
  await app.settled();
  await page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.jitjicOrder.splice(0)), ['run', 'frontier'], 'after an edit');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page answers clicks while a long run is in flight, and Cancel stops the run', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const app = new JitjicPage(page, problems);
  await app.setField('settings.replications', '10000');
  await page.getByTestId('run-progress').waitFor();
  // A click's effect is on screen in the next frame, while the run is still going.
  const answered = await page.evaluate(() => new Promise((ok) => {
    const busy = () => document.querySelector('[data-testid="results-area"]').dataset.settled === 'false';
    const before = busy();
    // The cost chart's numbers as a table: a click the page's own code handles.
    document.querySelector('[data-testid="chart-cost-data-toggle"]').click();
    requestAnimationFrame(() => ok({
      before,
      shown: document.querySelector('[data-testid="chart-cost-data"]') !== null,
      stillRunning: busy(),
    }));
  }));
  assert.deepEqual(answered, { before: true, shown: true, stillRunning: true }, 'the table opened mid-run');
  // Cancel keeps the estimate reached and stops there.
  await page.getByTestId('cancel-run').click();
  const note = await text(page, 'run-cancelled');
  assert.match(note, /^Cancelled: the results are from the first [\d,]+ of 10,000 runs\.$|^Cancelled before the first estimate/);
  assert.equal(await page.getByTestId('run-progress').count(), 0);
  const cost = await text(page, 'total-cost-0');
  await page.waitForTimeout(1500);
  assert.equal(await text(page, 'total-cost-0'), cost, 'nothing arrives after Cancel');
  // An edit runs again, in full.
  await app.setField('settings.replications', '2000');
  await app.settled();
  assert.equal(await page.getByTestId('run-cancelled').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a worker that fails is reported with the scenario kept, and a retry with fewer runs works', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const app = new JitjicPage(page, problems);
  const mean = await app.field('items[0].demand.mean').inputValue();
  // Every worker fails on its next task, as one out of memory would.
  for (const worker of page.workers()) {
    await worker.evaluate(() => {
      self.onmessage = () => {
        throw new Error('out of memory (test)');
      };
    });
  }
  await app.setField('settings.replications', '8000');
  const failed = await text(page, 'run-failed');
  assert.match(failed, /^The simulation stopped: a worker failed \(.*out of memory \(test\)\)\. Your scenario is kept\./);
  assert.equal(await app.field('items[0].demand.mean').inputValue(), mean);
  await page.getByTestId('retry-fewer').click();
  await app.settled();
  assert.equal(await app.field('settings.replications').inputValue(), '2000');
  assert.match(await app.summary(), /Means of 2,000 runs/);
  // The page's own console saw the workers' errors; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !p.includes('out of memory (test)')), []);
  await page.close();
});

test('a scenario over the budget is scaled down with a note saying so', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const app = new JitjicPage(page, problems);
  // Three policies over ten years at 10,000 runs: 109.5 million policy-days, and the fill-rate
  // target's sizing run once (core::work counts it as 1.5 million).
  await app.setField('settings.horizon_days', '3650');
  await app.setField('settings.replications', '10000');
  assert.equal(
    await text(page, 'run-scaled'),
    "This item's run at 10,000 runs would simulate 111 million policy-days, over the page's budget of 60 million: it uses the first 5,339 runs. The command-line tool (jitjic) runs them all.",
  );
  // The frontier compares every rule (core::work counts them): over the budget, it uses as
  // many runs as fit.
  const scaled = await text(page, 'advice-scaled');
  const m = scaled.match(/^The frontier at 10,000 runs would simulate ([\d.]+) billion policy-days, over the page's budget of 40 million: it uses the first ([\d,]+) runs\./);
  assert.ok(m, scaled);
  const perRun = (Number(m[1]) * 1e9) / 10_000;
  const runs = Number(m[2].replace(/,/g, ''));
  assert.ok(runs <= 40e6 / perRun * 1.06 && runs >= 40e6 / perRun * 0.9, `${runs} runs for ${perRun} a run`);
  assert.match(await text(page, 'portfolio-budget'), /^The portfolio at 10,000 runs would simulate/);
  // The run is the first 5,339 runs, in full (about 60 million policy-days: some seconds).
  await page.locator('[data-testid="results-area"][data-settled="true"]').waitFor({ timeout: 120_000 });
  assert.match(await app.summary(), /Means of 5,339 runs of 3,650 days\./);
  assert.deepEqual(problems, []);
  await page.close();
});
