// Prices over time on the built page: the resin preset's drifting, jumping price and its
// announced rise (the price paid and the units bought ahead in the results, the advice
// weighing buying ahead, the purchase in the ERP terms), and prices switched on by hand on
// another item, with a scheduled change, a bad value named where it was typed, and the link
// carrying it all.
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

const number = (cell) => Number(cell.split(' ')[0].replace(/[$,]/g, ''));

test('the resin preset pays the price of the day and buys ahead of the announced rise', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('plastics', 'Resin housing, black');
  await app.settled();
  // The price paid is above day 0's $2.40 (inflation, jumps, the rise); units bought ahead.
  const paid = await app.cell('price-paid', 0);
  assert.match(paid, /^\$[\d.,]+ ± [\d.,]+$/);
  assert.ok(number(paid) > 2.4, `price paid ${paid}`);
  assert.ok(number(await app.cell('forward-bought', 0)) > 0);
  // The advice weighs buying ahead against the buffer alone, and the ERP terms state it.
  await page.waitForFunction(
    () => /Buying ahead of announced rises \(as much as pays\)/.test(
      document.querySelector('[data-testid="advice-sentence"]')?.textContent ?? ''),
    null,
    { timeout: 90_000 },
  );
  const advice = await text(page, 'advice-sentence');
  if (/as much as pays\) saves/.test(advice)) {
    assert.match(await text(page, 'erp-buy-ahead'), /on day \d+ \(rise on day 150\)/);
  }
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('prices are switched on by hand, checked where typed and carried by the link', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  await app.settled();
  assert.equal(await page.getByTestId('price-paid-0').count(), 0, 'no price row before');
  await page.getByTestId('more-costs').click();
  await app.field('items[0].prices').check();
  await app.setField('items[0].prices.inflation_pct_per_year', '8');
  await page.getByTestId('add-items-0-prices-changes').click();
  await app.setField('items[0].prices.changes[0].pct', '15');
  await app.waitForStaleNote('gone');
  const paid = await app.cell('price-paid', 0);
  assert.ok(number(paid) > 35, `the casting's $35 rises: ${paid}`);
  // A bad inflation is named where it was typed, with its range.
  await app.setField('items[0].prices.inflation_pct_per_year', '500');
  assert.match(await app.error('items[0].prices.inflation_pct_per_year'), /500.*accepted/);
  await app.setField('items[0].prices.inflation_pct_per_year', '8');
  await app.waitForStaleNote('gone');
  // The link carries it.
  const again = await JitjicPage.open(env.browser, page.url());
  await again.waitForShownItem('Housing casting');
  await again.page.getByTestId('more-costs').click();
  assert.equal(await again.field('items[0].prices.inflation_pct_per_year').inputValue(), '8');
  assert.equal(await again.field('items[0].prices.changes[0].pct').inputValue(), '15');
  assert.deepEqual(app.problems, []);
  assert.deepEqual(again.problems, []);
  await again.close();
  await app.close();
});
