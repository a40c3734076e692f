// The page object: what a test does on the page, in the page's own terms (fields by their
// path in the scenario file, results by metric and policy column, charts, presets), so tests
// read as what a planner does and survive layout changes. Every hook is a data-testid.
import { canvasPixels, changedText, openApp, text } from './browser.mjs';

/** `items[0].demand.mean` → `items-0-demand-mean`, as the page keys its fields. */
export function fieldKey(path) {
  return path.replace(/[._[]/g, '-').replace(/]/g, '');
}

export class JitjicPage {
  constructor(page, problems) {
    this.page = page;
    /** Console errors, page errors, failed or external requests: must stay empty. */
    this.problems = problems;
  }

  /** Opens the built page and waits for the first results. */
  static async open(browser, url, viewport, options, wait) {
    const { page, problems } = await openApp(browser, url, viewport, options, wait);
    return new JitjicPage(page, problems);
  }

  async close() {
    await this.page.close();
  }

  /** The input of a field, by its path in the scenario file. */
  field(path) {
    return this.page.getByTestId(`input-${fieldKey(path)}`);
  }

  /** Types into a field (run settings are opened first when the field is one of them). */
  async setField(path, value) {
    if (path.startsWith('settings.') && !(await this.field(path).isVisible())) {
      await this.page.getByTestId('settings-toggle').click();
    }
    await this.field(path).fill(value);
  }

  /** The message under a field, once it shows. */
  async error(path) {
    const id = `error-${fieldKey(path)}`;
    await this.page.getByTestId(id).waitFor();
    return text(this.page, id);
  }

  async hasError(path) {
    return (await this.page.getByTestId(`error-${fieldKey(path)}`).count()) > 0;
  }

  /** Waits until the results shown are the current scenario's, from its full run (the run
   * goes to the workers and its results come back a moment after an edit). */
  async settled() {
    await this.page.locator('[data-testid="results-area"][data-settled="true"]').waitFor();
  }

  /** A results-table cell: a metric's key and the policy's column (0 = the item's first). */
  async cell(metric, policy) {
    await this.settled();
    return text(this.page, `${metric}-${policy}`);
  }

  /** Waits until a cell differs from `before` in settled results; returns its new text. */
  async cellChanged(metric, policy, before) {
    await this.page.waitForFunction(
      ([id, old]) =>
        document.querySelector('[data-testid="results-area"]')?.dataset.settled === 'true' &&
        document.querySelector(`[data-testid="${id}"]`)?.textContent.trim() !== old,
      [`${metric}-${policy}`, before],
    );
    return text(this.page, `${metric}-${policy}`);
  }

  async summary() {
    await this.settled();
    return text(this.page, 'summary');
  }

  /** The item whose results are shown. */
  async shownItem() {
    await this.settled();
    return text(this.page, 'results-item');
  }

  async waitForShownItem(name) {
    await this.page.waitForFunction(
      (n) => document.querySelector('[data-testid="results-item"]')?.textContent === n,
      name,
    );
  }

  /** Loads a preset and waits for its first item's results. */
  async loadPreset(key, firstItem) {
    await this.page.getByTestId(`preset-${key}`).click();
    await this.waitForShownItem(firstItem);
  }

  async waitForStaleNote(state = 'visible') {
    await this.page.getByTestId('stale-note').waitFor({ state: state === 'visible' ? 'visible' : 'detached' });
  }

  /** Waits for the optimiser's advice on the current scenario; returns its sentence. */
  async advice() {
    await this.page.locator('[data-testid="advice"][aria-busy="false"]').waitFor();
    return text(this.page, 'advice-sentence');
  }

  /** The advice once it matches `pattern` (the optimiser reruns after an edit). */
  async adviceNaming(pattern, timeout = 90_000) {
    await this.page.waitForFunction(
      (source) => {
        const el = document.querySelector('[data-testid="advice-sentence"]');
        const busy = document.querySelector('[data-testid="advice"]')?.getAttribute('aria-busy');
        return el && busy === 'false' && new RegExp(source).test(el.textContent);
      },
      pattern.source,
      { timeout },
    );
    return text(this.page, 'advice-sentence');
  }

  /** How much of a chart is drawn, and a fingerprint of its pixels. */
  async chart(key) {
    return canvasPixels(this.page, `chart-${key}`);
  }
}
