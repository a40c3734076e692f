// A second supplier on the built page: the nearshore preset's backup used only while the
// overseas assembler is down (its rows in the results, the advice weighing it against the
// buffer alone, the rule in the ERP terms), and a dual-index backup switched on by hand on
// another item, with a bad value named where it was typed and the link carrying it all.
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

test('the nearshore preset weighs a backup used while the overseas supplier is down', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('nearshore', 'Motor controller board');
  await app.settled();
  // The backup's rows: its cost beyond the first supplier's, its orders, the days neither ships.
  assert.match(await app.cell('backup-cost', 0), /^€[\d,]+ ± [\d,]+$/);
  assert.ok(Number((await app.cell('backup-orders', 0)).split(' ')[0]) > 0);
  assert.match(await app.cell('no-source-days', 0), /^[\d.,]+ ± [\d.,]+$/);
  const advice = await app.adviceNaming(/A backup supplier \(the backup only while the primary is down\)/);
  assert.match(
    advice,
    /A backup supplier \(the backup only while the primary is down\) (saves €[\d,]+ ± [\d,]+ a year against the cost-optimal buffer alone|does not pay)/,
  );
  // Where it pays, the ERP terms name the rule to set up besides the levels.
  const saves = /the primary is down\) saves/.test(advice);
  assert.equal(await page.getByTestId('erp-backup').count(), saves ? 1 : 0);
  if (saves) assert.equal(await text(page, 'erp-backup'), 'the backup only while the primary is down');
  assert.deepEqual(app.problems, []);
  await app.close();
});

test('a dual-index backup is switched on by hand, checked where typed and carried by the link', async () => {
  const app = await JitjicPage.open(env.browser, env.url);
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  await app.settled();
  assert.equal(await page.getByTestId('backup-orders-0').count(), 0, 'no backup row before');
  await page.getByTestId('more-supply').click();
  await app.field('items[0].backup').selectOption('dual_index');
  await app.field('items[0].backup.supplier').selectOption('Overseas foundry');
  await app.setField('items[0].backup.lead_time.days', '3');
  await app.setField('items[0].backup.unit_cost', '39');
  await app.setField('items[0].backup.level_units', '120');
  await app.waitForStaleNote('gone');
  assert.ok(Number((await app.cell('backup-orders', 0)).split(' ')[0]) > 0);
  // A bad unit cost is named where it was typed, with its range.
  await app.setField('items[0].backup.unit_cost', '-3');
  assert.match(await app.error('items[0].backup.unit_cost'), /-3.*accepted/);
  await app.setField('items[0].backup.unit_cost', '39');
  await app.waitForStaleNote('gone');
  // The link carries it.
  const again = await JitjicPage.open(env.browser, page.url());
  await again.waitForShownItem('Housing casting');
  await again.page.getByTestId('more-supply').click();
  assert.equal(await again.field('items[0].backup').inputValue(), 'dual_index');
  assert.equal(await again.field('items[0].backup.level_units').inputValue(), '120');
  assert.equal(await again.field('items[0].backup.supplier').inputValue(), 'Overseas foundry');
  assert.deepEqual(app.problems, []);
  assert.deepEqual(again.problems, []);
  await again.close();
  await app.close();
});
