// Money a finance lead can sign, on the built page: margin beside cost where a price is
// known, cash tied up by the payment terms, service targets beside what they achieve, the
// plan period by period and downloaded, notes on what may not mean what was typed, and an
// old link that says what its numbers now mean otherwise.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A money cell "$1,234 ± 5" (or "-$1,234 ± 5") as a number. */
function money(cell) {
  const m = cell.match(/^(-?)\$([\d,]+) ± [\d,]+$/);
  assert.ok(m, `not money: ${cell}`);
  return Number(m[1] + m[2].replace(/,/g, ''));
}

// The first preset: the web shop's phone case, sold at $15, its supplier paid 30 days after
// each delivery. Policy columns: JIT, JIC 5 days, JIC for a 98 % fill rate.
test('margin, cash tied up and the service target sit beside the costs they explain', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  // Margin beside total cost: the cheapest policy has the most margin.
  const costs = await Promise.all([0, 1, 2].map(async (p) => money(await app.cell('total-cost', p))));
  const margins = await Promise.all([0, 1, 2].map(async (p) => money(await app.cell('margin', p))));
  const cheapest = costs.indexOf(Math.min(...costs));
  assert.equal(margins.indexOf(Math.max(...margins)), cheapest, `${costs} / ${margins}`);
  // Sales are lost at the price, not the margin: the lost-sale row is there.
  money(await app.cell('lost-sale-cost', 0));
  // Paid 30 days after receipt: the supplier finances the stock, so cash tied up is below the
  // stock's value and what is owed is shown.
  const value = money(await app.cell('avg-value', 1));
  const cashText = await app.cell('avg-cash', 1);
  const cash = money(cashText);
  assert.ok(cash < value, `cash ${cash} against stock worth ${value}`);
  assert.ok(money(await app.cell('owed', 1)) > 0);
  // The fill-rate target beside what the sized policy achieves.
  assert.match(await app.cell('service-target', 2), /^98% fill rate: \d+\.\d\d% ± \d+\.\d\d achieved$/);
  assert.equal(await app.cell('service-target', 0), '—');
  assert.match(await app.cell('buffer', 1), /^5 days \(200 units\)$/);

  // Paid at order: the stock at sea is cash tied up too.
  await app.field('items[0].payment_terms').selectOption('at_order');
  const atOrder = money(await app.cellChanged('avg-cash', 1, cashText));
  assert.ok(atOrder > value, `paid at order: ${atOrder} against stock worth ${value}`);
  assert.ok(money(await app.cell('cash-in-transit', 1)) > 0);
  assert.equal(await page.getByTestId('owed-1').count(), 0);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('the plan is shown period by period and downloads as CSV and as a scenario', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.advice();
  // A weekly pattern alone: one period, a level for each of the 7 days of the week.
  const rows = await page.getByTestId('plan-row').count();
  assert.equal(rows, 7);
  const saved = async (testId) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const csv = await saved('download-plan-csv');
  assert.equal(csv.name, 'jitjic-plan.csv');
  const lines = csv.text.trim().split('\n');
  assert.match(lines[0], /^item,stance,buffer_days,same_cost_from_days,same_cost_to_days,period_start_day,/);
  // A row per period and weekday.
  assert.equal(lines.length - 1, rows);
  const file = await saved('download-plan-file');
  assert.equal(file.name, 'jitjic-plan.json');
  const doc = JSON.parse(file.text);
  // The format version this build writes (a new version moves it).
  const source = readFileSync(new URL('../../src/share/scenario_file/mod.rs', import.meta.url), 'utf8');
  assert.equal(doc.version, Number(source.match(/pub const VERSION: u32 = (\d+);/)[1]));
  const [plan] = doc.items[0].policies;
  assert.equal(plan.policy, 'plan');
  assert.equal(plan.periods.length, rows / 7);
  assert.equal(plan.periods[0].order_up_to.length, 7);
  assert.ok(plan.periods.every((p) => p.order_up_to.every((s) => Number.isInteger(s))), 'whole units');
  // Opened in the page, the plan is the scenario's one policy.
  const path = join(tmpdir(), 'jitjic-plan-opened.json');
  writeFileSync(path, file.text);
  await page.getByTestId('open-scenario').setInputFiles(path);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="total-cost-"]').length === 1);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a note says what runs but may not mean what was typed', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.field('items[0].lead_time.distribution').selectOption('normal');
  await app.setField('items[0].lead_time.mean', '1');
  await app.setField('items[0].lead_time.sd', '2');
  await page.getByTestId('item-notes').waitFor();
  assert.match(await text(page, 'item-notes'), /Lead time: the lead time as simulated, in whole days .* averages 1\.39 days, not the 1 typed\./);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('an old link opens with a note on what its numbers now mean otherwise', async () => {
  const fragment = readFileSync(new URL('../fixtures/links/v1/ecommerce.link', import.meta.url), 'utf8').trim();
  const link = fragment.startsWith('#') ? fragment : fragment.slice(fragment.indexOf('#'));
  const { page, problems } = await openApp(env.browser, `${env.url}${link}`);
  const note = await text(page, 'link-note');
  assert.match(note, /^This link was written before jitjic's accounting was corrected \(format version 4\)/);
  assert.match(note, /a lost sale now costs its purchase/);
  assert.equal(await page.getByTestId('link-problem').count(), 0);
  // A preset clears it.
  await page.getByTestId('preset-restaurant').click();
  await page.getByTestId('link-note').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});

// The overseas casting: $35 a unit, $34 from 1,500 units, a container of 1,500 at $1,200
// however full; weekly JIT orders of about 350 units pay a whole container each.
test('price breaks and freight are edited on the page and reach the costs and the advice', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  // The optimum ships full containers at the break, and says so.
  const advice = await app.advice();
  assert.match(advice, /order 1,500 units when the inventory position falls to [\d,]+ or below, reviewed every 7 days \(at the price break from 1,500 units\)/);
  assert.ok(advice.includes(await text(page, 'erp-rule')));
  await page.getByTestId('more-costs').click();
  assert.equal(await app.field('items[0].price_breaks[0].from_units').inputValue(), '1500');
  assert.equal(await app.field('items[0].freight.units_per_shipment').inputValue(), '1500');

  // A break dearer than the list price is refused where it was typed, by value and range.
  await app.setField('items[0].price_breaks[0].unit_cost', '36');
  assert.match(await app.error('items[0].price_breaks'), /price break 1 costs 36 a unit; accepted: from 0 to 35/);
  await app.setField('items[0].price_breaks[0].unit_cost', '34');
  await app.waitForStaleNote('gone');

  // Without freight JIT's weekly part-loads stop paying a container each: its ordering falls
  // from 52 containers and orders a year to 52 orders.
  const ordering = await app.cell('ordering-cost', 0);
  await app.field('items[0].freight').uncheck();
  const without = await app.cellChanged('ordering-cost', 0, ordering);
  assert.ok(money(without) < money(ordering) / 3, `${ordering} → ${without}`);
  await app.field('items[0].freight').check();
  await app.cellChanged('ordering-cost', 0, without);

  // A second break starts at twice the first's quantity, 5 % cheaper.
  await page.getByTestId('add-items-0-price-breaks').click();
  assert.equal(await app.field('items[0].price_breaks[1].from_units').inputValue(), '3000');
  assert.equal(await app.field('items[0].price_breaks[1].unit_cost').inputValue(), '32.3');
  await app.waitForStaleNote('gone');
  assert.deepEqual(app.problems, []);
  await app.close();
});
