// What the browser benches share (e2e/bench.mjs, e2e/bench-jquery.mjs): statistics, and timing a
// keystroke in the page from its `input` event (a capture listener on window, so before any
// handler of the page) and from `keydown` to the first DOM mutation it causes.

/** Response headers that make a page cross-origin isolated, where `performance.now()` counts
 * in 5 µs steps instead of 100 µs (the pages load nothing from other origins). */
export const ISOLATED = {
  headers: () => ({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }),
};
export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};

export const ms = (x) => `${x.toFixed(2)} ms`;

/** Starts recording keystroke latencies in `page` into `window.__lat` ({ input: [], key: [] }). */
export async function recordLatency(page) {
  await page.evaluate(() => {
    window.__lat = { input: [], key: [], pending: null };
    const rec = window.__lat;
    window.addEventListener('keydown', () => { rec.pending = { key: performance.now() }; }, true);
    window.addEventListener('input', () => { if (rec.pending) rec.pending.input = performance.now(); }, true);
    new MutationObserver(() => {
      const p = rec.pending;
      if (!p || p.input === undefined) return;
      const t = performance.now();
      rec.input.push(t - p.input);
      rec.key.push(t - p.key);
      rec.pending = null;
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** `n` keystrokes in the focused field: a digit, then Backspace, so each one changes its value. */
export async function typeAlternating(page, n, from = 0) {
  for (let i = from; i < from + n; i++) {
    await page.keyboard.press(i % 2 === 0 ? String((i / 2) % 10) : 'Backspace');
  }
}

/** On cms-2019: a wrong 行政复议 total (99) so an error is shown, then the caret at the end of one
 * of its parts, where every keystroke changes the expected total and so the shown message. */
export async function focusWrongTotalPart(page) {
  const total = page.locator('[name="field_188"]');
  await total.click();
  await total.press('Control+A');
  await page.keyboard.type('99');
  await page.keyboard.press('Tab');
  await recordLatency(page);
  const part = page.locator('[name="field_184"]');
  await part.click();
  await part.press('End');
}

/** Serves `root` (`serverOptions`: see serve.mjs), opens Chromium (`launchOptions`: viewport,
 * …), runs `body(srv, ctx)` (its answer: the exit status, 0 when it returns nothing), closes
 * both and exits with that status (1 when `body` throws). Also used by e2e/screenshot.mjs and
 * js-tests/bench-browser.mjs. */
export async function runInBrowser(root, body, launchOptions = {}, serverOptions = {}) {
  const { startServer } = await import('./serve.mjs');
  const { launch } = await import('./browser.mjs');
  const srv = await startServer(root, 0, serverOptions);
  const ctx = await launch(launchOptions);
  let status = 0;
  try {
    status = (await body(srv, ctx)) || 0;
  } catch (e) {
    console.error(e);
    status = 1;
  } finally {
    await ctx.close();
    await srv.close();
  }
  process.exit(status);
}
