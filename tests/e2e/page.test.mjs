// The built page in headless Chromium, served from a sub-path as a static host would.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPixels, changedText, launch, openApp, openWiki, text } from './browser.mjs';
import { JitjicPage } from './jitjic-page.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

// Policy columns: 0 is JIT, 1 is JIC 5 days, 2 is JIC for a 98 % fill rate (the first preset).
test('the page loads from a sub-path on the first preset, simulates and draws both charts', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  assert.match(page.url(), /\/tools\/jitjic\/$/);
  // A Content-Security-Policy allowing nothing beyond the page's origin (and nothing broke:
  // a violation would be a console error among the problems).
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /^default-src 'none'; script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src 'self'; style-src-attr 'unsafe-inline';/);
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.equal(csp.match(/unsafe-inline/g).length, 1, 'only style attributes');
  assert.equal(await text(page, 'results-item'), 'Phone case (web shop)');
  assert.match(await text(page, 'total-cost-0'), /^\$[\d,]+ ± [\d,]+$/);
  assert.match(await text(page, 'fill-rate-1'), /^\d+\.\d\d% ± \d+\.\d\d$/);
  assert.match(await text(page, 'summary'), /^JIC's buffer of 200 units \(5 days of demand\)/);
  for (const chart of ['chart-inventory', 'chart-cost']) {
    const px = await canvasPixels(page, chart);
    assert.ok(px.width >= 300 && px.height >= 150, `${chart}: ${px.width}×${px.height}`);
    assert.ok(px.inked > 2000, `${chart}: only ${px.inked} pixels drawn`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('changing an input changes the numbers and the charts', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const onHand = await text(page, 'avg-on-hand-1');
  const cost = await text(page, 'total-cost-1');
  const inventory = await canvasPixels(page, 'chart-inventory');
  const costChart = await canvasPixels(page, 'chart-cost');

  await page.getByTestId('input-items-0-policies-1-buffer-days').fill('12');
  const newOnHand = await changedText(page, 'avg-on-hand-1', onHand);
  // 12 days of 40 units is 480 units of buffer instead of 200: JIC holds far more.
  assert.ok(parseFloat(newOnHand) > parseFloat(onHand) + 200, `${onHand} → ${newOnHand}`);
  assert.notEqual(await text(page, 'total-cost-1'), cost);
  assert.match(await text(page, 'summary'), /^JIC's buffer of 480 units \(12 days of demand\)/);
  assert.notEqual((await canvasPixels(page, 'chart-inventory')).hash, inventory.hash);
  assert.notEqual((await canvasPixels(page, 'chart-cost')).hash, costChart.hash);

  // Every cost field reaches the engine: storage is charged on the stock JIC now holds.
  const storage = await text(page, 'storage-cost-1');
  await page.getByTestId('input-items-0-costs-storage-per-unit-day').fill('0.5');
  const newStorage = await changedText(page, 'storage-cost-1', storage);
  assert.ok(parseFloat(newStorage.replace(/[$,]/g, '')) > 30_000, `${storage} → ${newStorage}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad input names the field and its range, keeps the last results, and recovers', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const cost = await app.cell('total-cost', 0);

  await app.setField('items[0].demand.mean', 'abc');
  assert.equal(
    await app.error('items[0].demand.mean'),
    'Mean daily demand: "abc" is not a number; accepted: from 0 to 1,000,000 units/day.',
  );
  await app.waitForStaleNote();
  assert.equal(await app.cell('total-cost', 0), cost, 'the last valid results stay');

  await app.setField('settings.replications', '0');
  assert.match(
    await app.error('settings.replications'),
    /^Replications: 0 is out of range; accepted: whole numbers from 1 to 10,000 runs\.$/,
  );

  await app.setField('items[0].demand.mean', '30');
  await app.setField('settings.replications', '200');
  await app.waitForStaleNote('gone');
  assert.equal(await app.hasError('items[0].demand.mean'), false);
  assert.notEqual(await app.cellChanged('total-cost', 0, cost), cost);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('every preset loads with its results and charts; items can be added and picked', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const presets = {
    restaurant: 'Fresh basil (bunches)',
    overseas: 'Housing casting',
    fashion: 'Seasonal jacket (one SKU)',
    hospital: 'IV fluid bags (1 L)',
    machine: 'Stamped bracket',
    catalogue: 'Fresh basil (restaurant)',
    ecommerce: 'Phone case (web shop)',
  };
  for (const [key, item] of Object.entries(presets)) {
    const before = await app.chart('inventory');
    await app.loadPreset(key, item);
    // Amounts carry the preset's currency: dollars or euros.
    assert.match(await app.cell('total-cost', 0), /^[$€][\d,]+ ± [\d,]+$/, key);
    const after = await app.chart('inventory');
    assert.ok(after.inked > 2000 && after.hash !== before.hash, `${key}: inventory chart redrawn`);
    assert.match(await app.advice(), /^(Lean|Balanced|Buffered): /, key);
  }
  await app.page.getByTestId('add-item').click();
  await app.waitForShownItem('Item 2');
  await app.page.getByTestId('select-item-0').click();
  await app.waitForShownItem('Phone case (web shop)');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the advice, the frontier and the ERP terms follow the results and follow an edit', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const sentence = page.getByTestId('advice-sentence');
  await sentence.waitFor();
  assert.match(await sentence.textContent(), /^(Lean|Balanced|Buffered): /);
  const frontier = await canvasPixels(page, 'chart-frontier');
  assert.ok(frontier.inked > 5000, `frontier: only ${frontier.inked} pixels drawn`);
  // The web shop has an order cost: the rules compared are drawn, and the ERP terms name the
  // optimal rule (its own words, as the sentence gives them).
  const rules = await canvasPixels(page, 'chart-rules');
  assert.ok(rules.inked > 3000, `rules: only ${rules.inked} pixels drawn`);
  const rule = await text(page, 'erp-rule');
  assert.match(rule, /^order every \d+ days up to [\d,]+ units on average \(about [\d,]+ a time\)$/);
  assert.ok((await sentence.textContent()).includes(rule), rule);
  const buffer = await text(page, 'erp-buffer');
  // The web shop's weekly pattern: its plan holds a level per weekday in each period.
  assert.equal(await text(page, 'erp-order-up-to'), 'by period, below');
  assert.equal(await page.getByTestId('plan-row').count(), 7);

  // A dearer lost sale (goodwill on top of the price) calls for more buffer.
  await page.getByTestId('input-items-0-costs-goodwill-per-unit').fill('60');
  const newBuffer = await changedText(page, 'erp-buffer', buffer);
  assert.ok(parseFloat(newBuffer) > parseFloat(buffer), `${buffer} → ${newBuffer}`);
  assert.notEqual((await canvasPixels(page, 'chart-frontier')).hash, frontier.hash);

  await page.getByTestId('rank-drivers').click();
  const drivers = page.getByTestId('drivers-sentence');
  await drivers.waitFor({ timeout: 60_000 });
  const said = await drivers.textContent();
  assert.match(said, /demand variability|lead-time spread|Demand variability|Lead-time spread/);
  // The driver the sentence calls most sensitive is the table's first row.
  const first = await page.getByTestId('drivers-table').locator('tbody tr th').first().textContent();
  const top = said.match(/Most sensitive to ([^:]+):/);
  if (top) assert.equal(top[1], first, said);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the portfolio optimises every item, classifies them and exports the ERP terms', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  await page.getByTestId('preset-catalogue').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="results-item"]').textContent === 'Fresh basil (restaurant)',
  );
  await page.getByTestId('run-portfolio').click();
  await page.getByTestId('portfolio-totals').waitFor({ timeout: 120_000 });
  assert.match(await text(page, 'portfolio-optimum-cost'), /^€[\d,]+ ± [\d,]+$/);
  const rows = await page.getByTestId('portfolio-items').locator('tbody tr').count();
  assert.equal(rows, 5);
  // Every item sits in one ABC × XYZ cell; the cells' counts add up to the items.
  const cells = await page.getByTestId('abc-xyz').locator('td.stance-cell').allTextContents();
  const counted = cells.map((c) => [...c.matchAll(/(\d+) (lean|balanced|buffered)/g)].reduce((n, m) => n + Number(m[1]), 0));
  assert.equal(counted.reduce((a, b) => a + b, 0), 5, cells.join(' | '));
  const href = await page.getByTestId('erp-csv').getAttribute('href');
  const csv = decodeURIComponent(href.replace(/^data:text\/csv;charset=utf-8,/, ''));
  assert.ok(csv.startsWith('item,stance,buffer_days,'), csv.slice(0, 80));
  // One row per period of each item's plan (and weekday where a weekly pattern moves it).
  // (A name is quoted only when it holds a comma or quote.)
  const first = (line) => (line.startsWith('"') ? line.slice(1, line.indexOf('",')) : line.split(',')[0]);
  const named = new Set(csv.trim().split('\n').slice(1).map(first));
  assert.equal(named.size, 5, [...named].join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a shared warehouse set in the settings is reported in the portfolio, JIT to JIC, on a phone', async () => {
  // A retina phone: the portfolio's tables scroll on their own; the page never sideways.
  const app = await JitjicPage.open(env.browser, env.url, { width: 360, height: 800 }, { deviceScaleFactor: 2 });
  const { page } = app;
  await app.loadPreset('catalogue', 'Fresh basil (restaurant)');
  await app.settled();
  await page.getByTestId('settings-toggle').click();
  await page.getByTestId('input-settings-warehouse').selectOption('units');
  // A bad capacity is named where it was typed, with its range; the page stays usable.
  await app.setField('settings.warehouse.capacity_units', '0');
  assert.match(await app.error('settings.warehouse.capacity_units'), /0.*accepted/);
  await app.setField('settings.warehouse.capacity_units', '1500');
  await app.waitForStaleNote('gone');
  await page.getByTestId('run-portfolio').click();
  await page.getByTestId('portfolio-warehouse').waitFor({ timeout: 120_000 });
  const caption = await page.getByTestId('portfolio-warehouse').locator('caption').textContent();
  assert.match(caption, /^Warehouse space: 1,500 units shared by 5 items \(stock at the end of each day, P95 over the first 100 runs, from 2027-\d\d-\d\d on\)$/);
  const busiest = {};
  for (const key of ['jit', 'jic', 'optimum']) {
    const cell = await text(page, `warehouse-${key}-busiest`);
    assert.match(cell, /^[\d,]+ on 2027-\d\d-\d\d$/, key);
    busiest[key] = Number(cell.split(' ')[0].replaceAll(',', ''));
    assert.match(await text(page, `warehouse-${key}-over`), /^[\d.]+ % of days; P95 on \d+ days?$/, key);
  }
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scrollWidth <= innerWidth, `the page scrolls sideways: ${scrollWidth} > ${innerWidth}`);
  // JIC everywhere holds JIT's stock and its buffers on the same days.
  assert.ok(busiest.jic > busiest.jit, JSON.stringify(busiest));
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('every chart shows its data as a table on request, and the glossary defines the terms', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  await page.getByTestId('advice-sentence').waitFor();
  for (const [stem, firstHeader, minRows] of [
    ['chart-frontier', 'Buffer (days)', 10],
    ['chart-inventory', 'Day', 10],
    ['chart-cost', 'Policy', 3],
    ['chart-distribution', 'Policy', 3],
  ]) {
    await page.getByTestId(`${stem}-data-toggle`).click();
    const table = page.getByTestId(`${stem}-data`);
    await table.waitFor();
    assert.equal((await table.locator('th').first().textContent()).trim(), firstHeader, stem);
    assert.ok((await table.locator('tbody tr').count()) >= minRows, stem);
  }
  await page.getByTestId('glossary').locator('summary').click();
  const glossary = await page.getByTestId('glossary').textContent();
  for (const term of ['Fill rate', 'Cycle service level', 'Ready rate', 'Stockout day', 'Frontier', 'Stance', 'Buffer']) {
    assert.ok(glossary.includes(term), term);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('demand and lead time are estimated from pasted history, shown, then applied', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const cost = await text(page, 'total-cost-0');
  await page.getByTestId('history-demand').locator('xpath=..').locator('summary').click();
  // Too little history is refused by name, and nothing changes.
  await page.getByTestId('history-demand-input').fill('3, 4');
  assert.match(await text(page, 'history-demand-error'), /at least 7 days/);
  // Whole units with variance near the mean: Poisson, shown before it is applied.
  await page.getByTestId('history-demand-input').fill('3 5 7 4 6 5 2 8');
  assert.match(await text(page, 'history-demand-fitted'), /^Fitted: Poisson, mean 5\.00 units\/day/);
  assert.equal(await text(page, 'total-cost-0'), cost, 'nothing applied yet');
  await page.getByTestId('history-demand-apply').click();
  assert.equal(await page.getByTestId('input-items-0-demand-distribution').inputValue(), 'poisson');
  assert.equal(await page.getByTestId('input-items-0-demand-mean').inputValue(), '5');
  await changedText(page, 'total-cost-0', cost);

  await page.getByTestId('history-lead-time').locator('xpath=..').locator('summary').click();
  await page.getByTestId('history-lead-time-input').fill('5, 6, 5, 30, 6');
  assert.match(await text(page, 'history-lead-time-fitted'), /^Fitted: lognormal/);
  await page.getByTestId('history-lead-time-apply-raw').click();
  assert.equal(await page.getByTestId('input-items-0-lead-time-distribution').inputValue(), 'empirical');
  assert.equal(await page.getByTestId('input-items-0-lead-time-days').inputValue(), '5, 6, 5, 30, 6');
  assert.deepEqual(problems, []);
  await page.close();
});

test('pointing at any chart reads its values', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  await page.getByTestId('advice-sentence').waitFor();
  const frontier = page.getByTestId('chart-frontier');
  await frontier.scrollIntoViewIfNeeded();
  const box = await frontier.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.25);
  assert.match(await text(page, 'chart-frontier-tooltip'), /^Buffer [\d.]+ days: \$[\d,]+ ± [\d,]+ a year above the optimum/);
  const inventory = page.getByTestId('chart-inventory');
  await inventory.scrollIntoViewIfNeeded();
  const ibox = await inventory.boundingBox();
  await page.mouse.move(ibox.x + ibox.width * 0.6, ibox.y + ibox.height * 0.5);
  assert.match(await text(page, 'chart-inventory-tooltip'), /^Day \d+, mean on hand \(units\): JIT \d+; JIC 5 days \d+/);
  // The cost chart: a policy's bar, then its stockout days; the spread: the share of runs.
  const at = async (key, fx, fy) => {
    const chart = page.getByTestId(`chart-${key}`);
    await chart.scrollIntoViewIfNeeded();
    const b = await chart.boundingBox();
    await page.mouse.move(b.x + b.width * fx, b.y + b.height * fy);
    return text(page, `chart-${key}-tooltip`);
  };
  // Both chart cells are narrow at this width, so each stacks its plots: the first above.
  assert.match(await at('cost', 0.5, 0.35), /^(JIT|JIC[^:]*): \$[\d,]+ ± [\d,]+ a year excl\. purchases \(capital holding -?\$/);
  assert.match(await at('cost', 0.5, 0.8), /^(JIT|JIC[^:]*): [\d.]+ ± [\d.]+ stockout days a year; fill rate [\d.]+%$/);
  // The spread's panels stack in a column this narrow: cost above, stockout days below.
  assert.match(await at('distribution', 0.5, 0.35), /^Yearly cost at most \$[\d,]+, share of runs: JIT \d+%; JIC 5 days \d+%/);
  assert.match(await at('distribution', 0.5, 0.8), /^At most [\d.]+ stockout days a year, share of runs: JIT \d+%/);
  await page.mouse.move(0, 0);
  await page.getByTestId('chart-inventory-tooltip').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('suppliers and their scheduled outages are edited on the page and reach the results', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  await app.loadPreset('overseas', 'Housing casting');
  const stockouts = await app.cell('stockout-days', 0);
  // The foundry's first shutdown lasts 14 days; make it 60.
  await app.setField('suppliers[0].scheduled_outages[0].days', '60');
  const longer = await app.cellChanged('stockout-days', 0, stockouts);
  assert.ok(parseFloat(longer) > parseFloat(stockouts), `${stockouts} → ${longer}`);
  // A third shutdown, after the others.
  await app.page.getByTestId('add-suppliers-0-scheduled-outages').click();
  await app.field('suppliers[0].scheduled_outages[2].start_day').waitFor();
  // Overlapping windows are refused by name.
  await app.setField('suppliers[0].scheduled_outages[2].start_day', '45');
  await app.page.getByTestId('settings-problems').waitFor();
  assert.match(await text(app.page, 'settings-problems'), /overlap/);
  await app.setField('suppliers[0].scheduled_outages[2].start_day', '600');
  await app.waitForStaleNote('gone');

  // The upstream machine's outages are its availability and repair time, as the preset says.
  await app.loadPreset('machine', 'Stamped bracket');
  assert.equal(await app.field('suppliers[0].random_outages').inputValue(), 'availability');
  assert.equal(await app.field('suppliers[0].random_outages.availability').inputValue(), '0.92');
  const down = await app.cell('stockout-days', 0);
  await app.setField('suppliers[0].random_outages.availability', '0.8');
  const worse = await app.cellChanged('stockout-days', 0, down);
  assert.ok(parseFloat(worse) > parseFloat(down), `${down} → ${worse}`);
  await app.field('suppliers[0].random_outages').selectOption('');
  const never = await app.cellChanged('stockout-days', 0, worse);
  assert.ok(parseFloat(never) < parseFloat(down), `${down} → ${never}`);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('demand shocks, order sizes and adaptive buffers are edited on the page and reach the results', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  const money = (s) => parseFloat(s.replace(/[^\d.]/g, ''));
  // A promotion: three times the demand for 30 days is bought in.
  const purchases = await app.cell('purchase-cost', 0);
  await page.getByTestId('more-demand').click();
  await page.getByTestId('add-items-0-demand-shape-scheduled-shocks').click();
  await app.setField('items[0].demand_shape.scheduled_shocks[0].days', '30');
  const promoted = await app.cellChanged('purchase-cost', 0, purchases);
  // 60 more days of demand in 365 (less the warm-up): about 17 % more bought.
  assert.ok(money(promoted) > 1.1 * money(purchases), `${purchases} → ${promoted}`);
  await page.getByTestId('remove-items-0-demand-shape-scheduled-shocks-0').click();
  await app.cellChanged('purchase-cost', 0, promoted);

  // Random surges no plan foresees leave JIT short more often.
  const stockouts = await app.cell('stockout-days', 0);
  await app.field('items[0].demand_shape.random_shocks').check();
  await app.setField('items[0].demand_shape.random_shocks.rate_per_year', '12');
  const shocked = await app.cellChanged('stockout-days', 0, stockouts);
  assert.ok(parseFloat(shocked) > parseFloat(stockouts), `${stockouts} → ${shocked}`);
  await app.field('items[0].demand_shape.random_shocks').uncheck();
  await app.field('items[0].demand_shape.random_shocks.rate_per_year').waitFor({ state: 'detached' });

  // Customers × order sizes: a bigger size is bought in.
  await app.field('items[0].demand.distribution').selectOption('compound_poisson');
  await app.field('items[0].demand.sizes[2].size').waitFor();
  const before = await app.cell('purchase-cost', 0);
  await app.setField('items[0].demand.sizes[2].size', '50');
  const after = await app.cellChanged('purchase-cost', 0, before);
  assert.ok(money(after) > 2 * money(before), `${before} → ${after}`);

  // A seasonal buffer needs twelve months; the message says so, then it runs.
  await page.getByTestId('add-policy').selectOption('jic_by_month');
  await app.setField('items[0].policies[3].buffer_days', '1 2 3');
  assert.match(await app.error('items[0].policies[3].buffer_days'), /3 buffers; accepted: exactly 12, one a month/);
  await app.setField('items[0].policies[3].buffer_days', '0 0 0 0 0 0 10 10 10 10 10 10');
  await app.waitForStaleNote('gone');
  await page.getByTestId('total-cost-3').waitFor();
  await page.getByTestId('add-policy').selectOption('jic_reestimated');
  await page.getByTestId('total-cost-4').waitFor();
  assert.match(await app.cell('fill-rate', 4), /^\d+\.\d\d% ± /);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a long run shows a first estimate at once, then refines it on the same draws', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const se = (cell) => parseFloat(cell.split('±')[1].replace(/[^\d.]/g, ''));
  assert.equal(await app.page.getByTestId('first-estimate').count(), 0, '500 runs come in one go');
  const before = await app.cell('total-cost', 0);
  // The note and the numbers it speaks for, caught together as they appear (the page is busy
  // with the full run right after, so polling could miss them).
  await app.page.evaluate(() => {
    new MutationObserver((_, observer) => {
      const note = document.querySelector('[data-testid="first-estimate"]');
      if (note && document.querySelector('[data-testid="results-area"]').dataset.settled === 'false') {
        // The first estimate of the new run, with the numbers it speaks for.
        window.firstEstimate ??= [note.textContent, document.querySelector('[data-testid="total-cost-0"]').textContent];
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await app.setField('settings.replications', '10000');
  const [note, first] = await (await app.page.waitForFunction(() => window.firstEstimate)).jsonValue();
  // The runs of about two million policy-days (1,826), in whole parts of 250.
  assert.match(note, /^First estimate from 2,000 of 10,000 runs; the full run follows\.$/);
  await app.page.getByTestId('first-estimate').waitFor({ state: 'detached', timeout: 60_000 });
  const full = await app.cell('total-cost', 0);
  // Standard errors shrink with √runs: 500 → 1,826 → 10,000.
  assert.ok(se(full) < se(first) && se(first) < se(before), `${before} → ${first} → ${full}`);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a copied link opens the same scenario, item and numbers in a new page', async () => {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  await page.goto(env.url);
  const app = new JitjicPage(page, []);
  const first = await page.evaluate(() => history.length);
  await app.loadPreset('catalogue', 'Fresh basil (restaurant)');
  // A preset is a scenario opened in place of another: a step Back returns to.
  const entries = await page.evaluate(() => history.length);
  assert.equal(entries, first + 1);
  await page.getByTestId('select-item-2').click();
  const name = await app.shownItem();
  const before = await app.cell('total-cost', 0);
  await app.setField('items[2].costs.unit_cost', '7.25');
  await app.cellChanged('total-cost', 0, before);
  // Every edit is in the address already, replaced rather than pushed.
  assert.match(page.url(), /\/tools\/jitjic\/#1\.[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => history.length), entries);
  await page.getByTestId('copy-link').click();
  await page.getByTestId('link-copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, page.url());
  const cells = (p) => p.getByTestId('results').evaluate((t) =>
    [...t.querySelectorAll('td[data-testid]')].map((td) => `${td.dataset.testid}=${td.textContent}`));
  const here = await cells(page);

  const other = await context.newPage();
  await other.goto(link);
  await other.getByTestId('total-cost-0').waitFor();
  const opened = new JitjicPage(other, []);
  assert.equal(await opened.shownItem(), name);
  assert.equal(await opened.field('items[2].costs.unit_cost').inputValue(), '7.25');
  assert.deepEqual(await cells(other), here);
  assert.equal(await other.getByTestId('link-problem').count(), 0);
  await context.close();
});

test('a damaged or invalid link says what was wrong and offers the default scenario', async () => {
  // Cut short: unreadable, so the default scenario, and why.
  const app = await JitjicPage.open(env.browser, env.url);
  await app.setField('items[0].demand.mean', '33');
  await app.page.waitForFunction(() => location.hash.length > 10);
  const link = app.page.url();
  const damaged = await JitjicPage.open(env.browser, link.slice(0, link.length - 25));
  assert.match(await text(damaged.page, 'link-problem'), /^This link could not be opened: the link's (data|text) is damaged/);
  assert.equal(await damaged.shownItem(), 'Phone case (web shop)');
  await damaged.page.getByTestId('open-default').click();
  await damaged.page.getByTestId('link-problem').waitFor({ state: 'detached' });
  assert.deepEqual(damaged.problems, []);
  await damaged.close();

  // Readable but with a bad number: its scenario opens with the field marked.
  await app.setField('items[0].demand.mean', '-3');
  await app.page.waitForFunction(() => location.hash.length > 10);
  const invalid = await JitjicPage.open(env.browser, app.page.url(), undefined, {}, { results: false });
  assert.match(await text(invalid.page, 'link-problem'), /has 1 problem, marked below/);
  assert.match(await invalid.error('items[0].demand.mean'), /^Mean daily demand: -3 is out of range/);
  // No results of another scenario meanwhile; fixed, the scenario's own.
  await invalid.page.getByTestId('no-results').waitFor();
  await invalid.setField('items[0].demand.mean', '30');
  await invalid.page.getByTestId('no-results').waitFor({ state: 'detached' });
  await invalid.page.getByTestId('total-cost-0').waitFor();
  await invalid.waitForStaleNote('gone');
  assert.deepEqual(invalid.problems, []);
  await invalid.close();
  await app.close();
});

test('embeds: the snippets the page writes show each view, and another scenario, in iframes on another origin without editing chrome', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  await app.loadPreset('overseas', 'Housing casting');
  await app.page.getByTestId('embed-button').click();
  const snippets = {};
  for (const view of ['frontier', 'inventory', 'cost', 'distribution']) {
    await app.page.getByTestId('embed-view').selectOption(view);
    snippets[view] = await app.page.getByTestId('embed-snippet').inputValue();
    assert.match(snippets[view], new RegExp(`^<iframe src="http://127\\.0\\.0\\.1:\\d+/tools/jitjic/\\?embed=${view}#1\\.[A-Za-z0-9_-]+" title="jitjic: Housing casting, ${view}" width="720" height="480"`));
  }
  // A second scenario's frontier on the same wiki page.
  await app.loadPreset('machine', 'Stamped bracket');
  await app.page.getByTestId('embed-view').selectOption('frontier');
  const other = await app.page.getByTestId('embed-snippet').inputValue();
  assert.match(other, /title="jitjic: Stamped bracket, frontier"/);
  await app.close();

  // A wiki page on another port (another origin) with one iframe per view.
  const host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Wiki</title><h1>Castings</h1>${Object.values(snippets).join('\n')}<h1>Brackets</h1>${other}`);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const { page, problems } = await openWiki(env.browser, `http://127.0.0.1:${host.address().port}/`);
  for (const view of Object.keys(snippets)) {
    const frame = page.frameLocator(`iframe[title="jitjic: Housing casting, ${view}"]`);
    const stem = view === 'frontier' ? 'frontier' : view;
    await frame.getByTestId(`chart-${stem}`).waitFor();
    const summary = (await frame.getByTestId('embed-summary').textContent()).trim();
    assert.match(summary, /^Housing casting: /, view);
    // One simulation worker per embed: several embeds on a page share the cores.
    assert.equal(await frame.getByTestId('embed').getAttribute('data-workers'), '1', view);
    // No editing chrome, no scrollbars at 720×480, and the chart drawn.
    assert.equal(await frame.getByTestId('inputs').count(), 0);
    assert.equal(await frame.getByTestId('item-form').count(), 0);
    const fit = await frame.locator('main').evaluate(() => [
      document.documentElement.scrollWidth <= innerWidth, document.documentElement.scrollHeight <= innerHeight,
    ]);
    assert.deepEqual(fit, [true, true], view);
    const inked = await frame.getByTestId(`chart-${stem}`).evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200) n++;
      return n;
    });
    assert.ok(inked > 2000, `${view}: ${inked} pixels drawn`);
    const open = await frame.getByTestId('open-in-calculator').getAttribute('href');
    assert.ok(open.startsWith(env.url + '#1.') && !open.includes('embed'), open);
  }
  // The other scenario's embed shows its own item.
  const bracket = page.frameLocator('iframe[title="jitjic: Stamped bracket, frontier"]');
  await bracket.getByTestId('chart-frontier').waitFor();
  assert.match(await bracket.getByTestId('embed-summary').textContent(), /^Stamped bracket: /);
  assert.deepEqual(problems, []);
  await page.close();
  await new Promise((ok) => host.close(ok));
});

test('the scenario is downloaded and opened as a file; results and charts are saved', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  const saved = async (testId) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), path: await download.path() };
  };
  // The scenario file: the CLI's format, with this page's edit in it.
  await app.setField('items[0].demand.mean', '44');
  const file = await saved('save-scenario');
  assert.equal(file.name, 'jitjic-scenario.json');
  const doc = JSON.parse(readFileSync(file.path, 'utf8'));
  assert.equal(doc.items[0].demand.mean, 44);

  // Opened back, changed: the page follows the file.
  doc.items[0].name = 'Phone case, opened';
  const changed = join(tmpdir(), 'jitjic-opened.json');
  writeFileSync(changed, JSON.stringify(doc));
  await page.getByTestId('open-scenario').setInputFiles(changed);
  await app.waitForShownItem('Phone case, opened');
  assert.equal(await app.field('items[0].demand.mean').inputValue(), '44');
  // Not JSON: said with its line, and the scenario stays.
  const broken = join(tmpdir(), 'jitjic-broken.json');
  writeFileSync(broken, '{\n  "version": 3,\n  "items": [ oops ]\n}');
  await page.getByTestId('open-scenario').setInputFiles(broken);
  assert.match(await text(page, 'link-problem'), /^This file is not a scenario: items\[0\]: not valid JSON: expected value at line 3 column 14/);
  assert.equal(await app.shownItem(), 'Phone case, opened');

  // An item list from the CSV template, through the file input: its two items replace them.
  const template = await saved('items-template');
  assert.equal(template.name, 'jitjic-items-template.csv');
  await page.getByTestId('open-scenario').setInputFiles(changed);
  await app.waitForShownItem('Phone case, opened');
  await page.getByTestId('import-items').setInputFiles(template.path);
  await app.waitForShownItem('Phone case, black');
  await page.getByTestId('select-item-1').click();
  await app.waitForShownItem('Fresh basil');
  assert.equal(await app.field('items[1].perishability.shelf_life_days').inputValue(), '4');
  // A bad cell is named by line and column; the items on screen stay.
  const badCsv = join(tmpdir(), 'jitjic-bad.csv');
  writeFileSync(badCsv, readFileSync(template.path, 'utf8').replace(',poisson,3,', ',poisson,three,'));
  await page.getByTestId('import-items').setInputFiles(badCsv);
  assert.match(await text(page, 'link-problem'), /^This item list cannot be imported: line 3, demand_mean: "three" is not a number\./);
  assert.equal(await app.shownItem(), 'Fresh basil');
  await page.getByTestId('open-scenario').setInputFiles(changed);
  await app.waitForShownItem('Phone case, opened');

  // Results as the CLI's CSV: a header and one row per item and policy.
  const results = await saved('save-results');
  const rows = readFileSync(results.path, 'utf8').trim().split('\n');
  assert.equal(results.name, 'jitjic-results.csv');
  assert.match(rows[0], /^item,policy,/);
  assert.equal(rows.length, 1 + 3);
  assert.match(rows[1], /^"?Phone case, opened"?,JIT,/);

  // Each chart as SVG (vectors, light) and PNG.
  for (const key of ['cost', 'inventory']) {
    const svg = await saved(`chart-${key}-svg`);
    assert.equal(svg.name, `jitjic-${key}.svg`);
    assert.match(readFileSync(svg.path, 'utf8'), /^<svg [^>]*width="\d+"/);
    const png = await saved(`chart-${key}-png`);
    assert.equal(png.name, `jitjic-${key}.png`);
    assert.deepEqual([...readFileSync(png.path).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  }
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the page fits a phone-width screen', async () => {
  const { page, problems } = await openApp(env.browser, env.url, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.ok((await canvasPixels(page, 'chart-cost')).inked > 1000);
  assert.deepEqual(problems, []);
  await page.close();
});

test('charts redraw at their new size when the window is resized', async () => {
  const { page, problems } = await openApp(env.browser, env.url);
  const wide = await canvasPixels(page, 'chart-inventory');
  await page.setViewportSize({ width: 700, height: 900 });
  await page.waitForFunction(
    (w) => document.querySelector('[data-testid="chart-inventory"]').width !== w,
    wide.width,
  );
  const narrow = await canvasPixels(page, 'chart-inventory');
  const cssWidth = await page.getByTestId('chart-inventory').evaluate((c) => c.clientWidth);
  assert.equal(narrow.width, cssWidth, 'the backing store matches the displayed width');
  assert.ok(narrow.inked > 2000);
  assert.deepEqual(problems, []);
  await page.close();
});
