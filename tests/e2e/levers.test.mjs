// The other answers to supply risk on the built page: expediting switched on and weighed
// against the buffer alone in the advice, storage space limiting what fits, their rows in the
// results, bad values named where they were typed, and both carried by the share link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, text } from './browser.mjs';
import { JitjicPage } from './jitjic-page.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

// The overseas preset's casting: a foundry down about 6 % of the time, a long sea lead time.
test('expediting is switched on, weighed against the buffer alone and carried by the link', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  await app.advice();
  assert.equal(await page.getByTestId('expedites-0').count(), 0, 'no expedite row before');
  await page.getByTestId('more-supply').click();
  await app.field('items[0].expedite').check();
  // The default rule, then the casting's own: expedite below 100 units, flown in 3 days.
  assert.equal(await app.field('items[0].expedite.trigger_units').inputValue(), '20');
  await app.setField('items[0].expedite.trigger_units', '100');
  await app.setField('items[0].expedite.lead_time_days', '3');
  await app.setField('items[0].expedite.premium_per_unit', '8');
  await app.waitForStaleNote('gone');
  // Its rows appear, and the advice says whether it pays against the buffer alone.
  assert.match(await app.cell('expedites', 0), /^[\d.,]+ ± [\d.,]+$/);
  assert.match(await app.cell('expedite-cost', 0), /^\$[\d,]+ ± [\d,]+$/);
  // The inventory chart's data carries the expedites placed, each policy's own column.
  await page.getByTestId('chart-inventory-data-toggle').click();
  const headers = await page.getByTestId('chart-inventory-data').locator('th').allTextContents();
  assert.ok(headers.some((h) => /^JIT: expedites \(share of runs a day, next 30 days\)$/.test(h.trim())), headers.join(' | '));
  await page.getByTestId('chart-inventory-data-toggle').click();
  const advice = await app.adviceNaming(/Expediting \(below 100 units\)/);
  assert.match(
    advice,
    /Expediting \(below 100 units\) (saves \$[\d,]+ ± [\d,]+ a year against the cost-optimal buffer alone|does not pay)/,
  );

  // Where it pays, the ERP terms say what to set up besides the rule; where not, nothing.
  const saves = /saves/.test(advice);
  assert.equal(await page.getByTestId('erp-expedite-trigger').count(), saves ? 1 : 0);
  if (saves) assert.equal(await text(page, 'erp-expedite-trigger'), '100');

  // A bad trigger is named where it was typed, with its range.
  await app.setField('items[0].expedite.trigger_units', '-5');
  assert.match(await app.error('items[0].expedite.trigger_units'), /-5.*accepted: from 0/);
  await app.setField('items[0].expedite.trigger_units', '100');
  await app.waitForStaleNote('gone');

  // The link carries it: opened afresh, the field holds the same rule.
  const url = page.url();
  const again = await JitjicPage.open(env.browser, url);
  await again.waitForShownItem('Housing casting');
  await again.page.getByTestId('more-supply').click();
  assert.equal(await again.field('items[0].expedite.trigger_units').inputValue(), '100');
  assert.equal(await again.field('items[0].expedite.lead_time_days').inputValue(), '3');
  assert.deepEqual(app.problems, []);
  assert.deepEqual(again.problems, []);
  await again.close();
  await app.close();
});

test('storage space limits what fits: overflow rented or deliveries refused', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  await app.settled();
  await page.getByTestId('more-costs').click();
  // Rented overflow beyond a small space: overflow days and their rent appear.
  await app.field('items[0].storage').selectOption('rent');
  await app.setField('items[0].storage.capacity_units', '300');
  await app.setField('items[0].storage.overflow_per_unit_day', '0.2');
  await app.waitForStaleNote('gone');
  const days = await app.cell('overflow-days', 1);
  assert.ok(Number(days.split(' ')[0].replace(/,/g, '')) > 0, `JIC overflows 300 units: ${days}`);
  assert.match(await app.cell('overflow-cost', 1), /^\$[\d,]+ ± [\d,]+$/);
  // Refused instead: nothing is rented, units are sent back.
  await app.field('items[0].storage').selectOption('refuse');
  await app.setField('items[0].storage.capacity_units', '300');
  await app.waitForStaleNote('gone');
  const refused = await app.cell('refused-units', 1);
  assert.ok(Number(refused.split(' ')[0].replace(/,/g, '')) > 0, `JIC refuses: ${refused}`);
  assert.equal(await app.field('items[0].storage.overflow_per_unit_day').count(), 0);
  // A space of 0 is refused where it was typed.
  await app.setField('items[0].storage.capacity_units', '0');
  assert.match(await app.error('items[0].storage.capacity_units'), /0.*accepted: above 0/);
  assert.deepEqual(app.problems, []);
  await app.close();
});
