import { launch } from './browser.mjs';
import { JitjicPage } from './jitjic-page.mjs';
const env = await launch();
for (const [w, h, dpr] of [[1280, 900, 2], [360, 800, 3]]) {
  const app = await JitjicPage.open(env.browser, env.url, { width: w, height: h }, { deviceScaleFactor: dpr });
  const { page } = app;
  await app.loadPreset('overseas', 'Housing casting');
  await app.advice();
  await page.getByTestId('more-supply').click();
  await app.field('items[0].expedite').check();
  await app.setField('items[0].expedite.trigger_units', '100');
  await app.setField('items[0].expedite.lead_time_days', '3');
  await app.setField('items[0].expedite.premium_per_unit', '8');
  await app.waitForStaleNote('gone');
  await page.waitForFunction(() => /Expediting/.test(document.querySelector('[data-testid="advice-sentence"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.waitForTimeout(2000);
  await page.getByTestId('advice').screenshot({ path: `/tmp/advice-${w}.png` });
  await page.getByTestId('results-area').screenshot({ path: `/tmp/results-${w}.png` });
  console.log(app.problems);
  await app.close();
}
await env.close();
