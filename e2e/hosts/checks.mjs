// The checks of the host-page suite, shared by e2e/hosts.test.mjs (asserts) and
// e2e/hosts-matrix.mjs (prints the table). Each check opens the host page itself and returns
// { ok, cell, detail }: `cell` is the matrix entry, `detail` says exactly what went wrong.
import { HOSTS, CSP_PAGES, openHost, waitAttached, state, fixButtons, nianbaoMarkup, typeIntoCell, leaveCell } from './harness.mjs';

export const LOADS = 10;
/** Cells typed into: 表四 (a header table of its own in Element Plus) and 表三 (label columns). */
export const TYPO = [
  { cell: 's4.review.total', good: '351', bad: '352' },
  { cell: 's3.new.total', good: '3119', bad: '3120' },
];
const ATTACH_WAIT = 3_000;
const SEEN_WAIT = 500;

const result = (ok, cell, detail = '') => ({ ok, cell, detail });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withPage(ctx, fn) {
  const page = await ctx.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Opens the page and waits for nianbao; a result object when it did not attach. */
async function openAttached(ctx, srv, host, page, opts = {}) {
  const { log } = await openHost(ctx, srv, host, { page, ...opts });
  if (!(await waitAttached(page, ATTACH_WAIT))) {
    return { fail: result(false, 'not attached', `nianbao did not attach within ${ATTACH_WAIT} ms after the host rendered`), log };
  }
  return { log };
}

/** Diagnostics now (errors only unless `all`). */
const diags = (page, all = false) =>
  page.evaluate((all) => {
    const h = window.nianbao?.handles?.[0];
    if (!h) return [];
    return h
      .diagnostics()
      .filter((d) => all || d.severity === 'error')
      .map((d) => ({ key: d.key, target: d.target, expected: d.expected, actual: d.actual }));
  }, all);

/**
 * Whether a cell is shown as wrong: its bound element carries aria-invalid="true", or an
 * overlay box (the target's solid mark) covers it. Also returns which framework field the
 * marked element belongs to.
 */
function cellMark(page, cell) {
  return page.evaluate((cell) => {
    const h = window.nianbao?.handles?.[0];
    const b = h?.bound.find((x) => x.cell === cell);
    if (!b) return { bound: false };
    const el = b.element;
    const field = window.host.fieldOf(el);
    if (el.getAttribute('aria-invalid') === 'true') return { bound: true, marked: 'aria-invalid', field, connected: el.isConnected };
    // Rect of the element in the top document (through same-origin iframes).
    let r = el.getBoundingClientRect();
    let x = r.left;
    let y = r.top;
    let w = el.ownerDocument.defaultView;
    while (w && w !== window && w.frameElement) {
      const fr = w.frameElement.getBoundingClientRect();
      x += fr.left;
      y += fr.top;
      w = w.parent;
    }
    const cx = x + r.width / 2;
    const cy = y + r.height / 2;
    const ov = document.querySelector('[data-nianbao-overlay]')?.shadowRoot;
    for (const box of ov ? ov.querySelectorAll('.box') : []) {
      if (/\b(part|warning)\b/.test(box.className)) continue;
      const q = box.getBoundingClientRect();
      if (q.width && cx >= q.left && cx <= q.right && cy >= q.top && cy <= q.bottom) {
        return { bound: true, marked: 'overlay', field, connected: el.isConnected };
      }
    }
    return { bound: true, marked: false, field, connected: el.isConnected };
  }, cell);
}

/** Polls `fn` until it returns truthy or `ms` pass; returns [value, elapsed ms]. */
async function until(fn, ms, step = 25) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    const dt = Date.now() - t0;
    if (v || dt >= ms) return [v, dt];
    await sleep(step);
  }
}

const flaggedWith = (page, cell, expected) => async () => {
  const d = await diags(page);
  return d.some((x) => x.target === cell && Number(x.expected) === Number(expected));
};
const clearOf = (page, cell) => async () => {
  const d = await diags(page);
  return !d.some((x) => x.target === cell);
};
const fmtDiags = (d) =>
  d.length
    ? d.slice(0, 4).map((x) => `${x.key}→${x.target} (expected ${x.expected}, is ${x.actual})`).join('; ') + (d.length > 4 ? `; and ${d.length - 4} more` : '')
    : 'none';

/** (a) attaches by itself in each of LOADS loads (one page, reloaded). */
export async function checkAttach(ctx, srv, host, loads = LOADS) {
  return withPage(ctx, async (page) => {
    let n = 0;
    const misses = [];
    for (let i = 0; i < loads; i++) {
      await openHost(ctx, srv, host, { page });
      if (await waitAttached(page, ATTACH_WAIT)) n++;
      else misses.push(i + 1);
    }
    return result(n === loads, `${n}/${loads}`, n === loads ? '' : `did not attach in load(s) ${misses.join(', ')} of ${loads}`);
  });
}

/** (a) the form rendered 600 ms after load (a routed single-page app). */
export async function checkLate(ctx, srv, host) {
  return withPage(ctx, async (page) => {
    await openHost(ctx, srv, host, { page, late: true });
    const ok = await waitAttached(page, ATTACH_WAIT);
    if (!ok) return result(false, 'no', `form rendered 600 ms after load: nianbao did not attach within ${ATTACH_WAIT} ms after it appeared`);
    const s = await state(page);
    return result(s.bound.length === 200, `yes, ${s.bound.length}/200`, s.bound.length === 200 ? '' : `late form: bound ${s.bound.length}/200`);
  });
}

/** (b) all 200 cells bound, each to the framework field that holds that cell; no error on the consistent fixture. */
async function bindingOn(page) {
  const s = await state(page);
  const log = page.__nbLog;
  const wrong = s.bound.filter((b) => b.field !== b.cell);
  const problems = [];
  if (s.bound.length !== 200) problems.push(`bound ${s.bound.length}/200`);
  if (s.unbound.length) {
    problems.push(`unbound ${s.unbound.length}: ${s.unbound.slice(0, 6).map((u) => u.cell || u.label || u.selector).join(', ')}${s.unbound.length > 6 ? ', …' : ''}`);
  }
  if (wrong.length) {
    problems.push(`${wrong.length} bound to the wrong field: ${wrong.slice(0, 4).map((b) => `${b.cell} → field ${b.field}`).join(', ')}${wrong.length > 4 ? ', …' : ''}`);
  }
  const errs = s.diags.filter((d) => d.severity === 'error');
  if (errs.length) problems.push(`${errs.length} error(s) on the consistent report: ${fmtDiags(errs.slice(0, 4))}`);
  if (log?.errors.length) problems.push(`uncaught in the page: ${log.errors.slice(0, 3).join(' | ')}`);
  const noisy = (log?.console || []).filter((m) => /nianbao|wasm/i.test(m));
  if (noisy.length) problems.push(`nianbao wrote to the console: ${noisy.slice(0, 3).join(' | ')}`);
  if (log?.outside.length) problems.push(`requests outside 127.0.0.1: ${log.outside.slice(0, 3).join(', ')}`);
  const cell = `${s.bound.length}/200${wrong.length ? `, ${wrong.length} wrong` : ''}`;
  return result(problems.length === 0, cell, problems.join('; '));
}

/** Types the typo into `t.cell`, expects it flagged; types the right value back, expects it cleared. */
async function typoRoundTrip(page, host, t, look) {
  const problems = [];
  await typeIntoCell(page, host, t.cell, t.bad);
  await look?.('while typing');
  await leaveCell(page, host);
  const [flagged, dt] = await until(flaggedWith(page, t.cell, t.good), 1000);
  await look?.('typo shown');
  if (!flagged) {
    const model = await modelOf(page, t.cell);
    problems.push(`typed ${t.bad} into ${t.cell} (host now holds ${JSON.stringify(model)}): no error targeting it with expected ${t.good} within 1 s; diagnostics: ${fmtDiags(await diags(page))}`);
  } else {
    const m = await cellMark(page, t.cell);
    if (!m.bound) problems.push(`${t.cell} flagged in diagnostics but not bound, so not shown on the cell`);
    else if (!m.marked) problems.push(`${t.cell} flagged in diagnostics (${dt} ms) but its cell shows no mark (no aria-invalid, no overlay box)`);
    else if (m.field !== t.cell) problems.push(`the mark for ${t.cell} is on field ${m.field}`);
  }
  await typeIntoCell(page, host, t.cell, t.good);
  await leaveCell(page, host);
  await look?.('typed back');
  const [cleared] = await until(clearOf(page, t.cell), 1000);
  if (!cleared) problems.push(`typed ${t.good} back into ${t.cell}: still flagged after 1 s: ${fmtDiags(await diags(page))}`);
  else {
    const stale = await page.evaluate(() => document.querySelectorAll('[aria-invalid="true"]').length);
    if (stale) problems.push(`typed back: ${stale} element(s) still aria-invalid`);
  }
  return problems;
}

/** (c) typing with the keyboard is checked, on the right cell, and typing back clears it. */
async function typingOn(page, host, look) {
  const problems = [];
  for (const t of TYPO) problems.push(...(await typoRoundTrip(page, host, t, look)));
  return result(problems.length === 0, problems.length ? 'no' : 'yes', problems.join('; '));
}

/** (d) a host state change through the framework's model is seen within 500 ms. */
async function hostStateOn(page, host) {
  if (host.kind === 'editor') return result(true, '–', 'editors: content changes are covered by the re-render and undo checks');
  const t = TYPO[0];
  await page.evaluate(([c, v]) => window.host.setModel(c, v), [t.cell, t.bad]);
  const [seen, dt] = await until(flaggedWith(page, t.cell, t.good), SEEN_WAIT + 100);
  if (!seen) {
    return result(false, 'no', `host.setModel(${t.cell}, ${t.bad}): no error targeting it within ${SEEN_WAIT} ms (diagnostics: ${fmtDiags(await diags(page))})`);
  }
  await page.evaluate(([c, v]) => window.host.setModel(c, v), [t.cell, t.good]);
  const [back, dt2] = await until(clearOf(page, t.cell), SEEN_WAIT + 100);
  if (!back) return result(false, 'half', `setModel back to ${t.good}: still flagged after ${SEEN_WAIT} ms`);
  if (dt > SEEN_WAIT || dt2 > SEEN_WAIT) return result(false, `late (${Math.max(dt, dt2)} ms)`, `seen after ${dt} / ${dt2} ms, over ${SEEN_WAIT} ms`);
  return result(true, `yes (${Math.max(dt, dt2)} ms)`);
}

/** Stale nianbao state left on detached elements remembered in window.__nbOld. */
const staleOnOld = (page) =>
  page.evaluate(() =>
    (window.__nbOld || [])
      .filter((e) => !e.isConnected)
      .filter((e) => e.hasAttribute('aria-invalid') || e.hasAttribute('aria-describedby') || [...e.attributes].some((a) => a.name.startsWith('data-nb-')) || (e.validationMessage ?? '') !== '').length,
  );

/** (e) forced re-render: rebinds by itself, keeps the typo flagged on the new node, no stale marks, typing still checked. */
async function rerenderOn(page, host, look) {
  const t = TYPO[0];
  await typeIntoCell(page, host, t.cell, t.bad);
  await leaveCell(page, host);
  const [flagged] = await until(flaggedWith(page, t.cell, t.good), 1000);
  await page.evaluate(() => {
    window.__nbOld = window.nianbao.handles[0].bound.map((b) => b.element);
  });
  await page.evaluate(() => window.host.rerender());
  await look?.('after re-render');
  const problems = [];
  const [rebound, dt] = await until(
    () => page.evaluate(() => {
      const h = window.nianbao.handles[0];
      return h.bound.length === 200 && h.bound.every((b) => b.element.isConnected);
    }),
    SEEN_WAIT + 100,
  );
  const s = await state(page);
  const connected = s.bound.filter((b) => b.connected).length;
  if (!rebound) problems.push(`after re-render: ${connected}/200 bound elements in the document (of ${s.bound.length} bound) after ${SEEN_WAIT} ms`);
  const stale = await staleOnOld(page);
  if (stale) problems.push(`${stale} removed element(s) still carry nianbao marks (aria-invalid/aria-describedby/data-nb-*/validity)`);
  if (flagged) {
    const m = await cellMark(page, t.cell);
    const d = await diags(page);
    if (!d.some((x) => x.target === t.cell)) problems.push(`the typo in ${t.cell} is no longer flagged after re-render`);
    else if (!m.marked || !m.connected) problems.push(`the typo in ${t.cell} is flagged but its new node shows no mark`);
  } else {
    problems.push(`typing ${t.bad} into ${t.cell} was not flagged before the re-render`);
  }
  // Typing after the re-render is still checked.
  const t2 = TYPO[1];
  await typeIntoCell(page, host, t2.cell, t2.bad);
  await leaveCell(page, host);
  const [again] = await until(flaggedWith(page, t2.cell, t2.good), 1000);
  if (!again) problems.push(`after re-render, typing ${t2.bad} into ${t2.cell} is not checked`);
  const cell = problems.length ? `bound ${connected}/200${again ? ', checking' : ', not checking'}` : `yes (${dt} ms)`;
  return result(problems.length === 0, cell, problems.join('; '));
}

/**
 * Clicks the fix button for `cell` = `value` as a user would (the mouse at its centre). It
 * must be visible, not clipped by an overflow:hidden/auto ancestor and not covered.
 * Returns [where it was, problem or null], or [null, why] when there is none.
 */
async function clickFix(page, cell, value) {
  const found = await page.evaluate(
    ([cell, value]) => {
      const roots = [];
      for (const h of document.querySelectorAll('[data-nianbao-overlay], [data-nianbao-panel]')) {
        if (h.shadowRoot) roots.push([h.hasAttribute('data-nianbao-overlay') ? 'overlay' : 'panel', h.shadowRoot]);
      }
      roots.push(['inline', document]);
      const seen = [];
      for (const [where, root] of roots) {
        const sel = where === 'inline' ? `[data-nb-act="fix"][data-nb-cell="${cell}"][data-nb-value="${value}"]` : `button[data-cell="${cell}"][data-value="${value}"]`;
        for (const b of root.querySelectorAll(sel)) {
          const r = b.getBoundingClientRect();
          const st = getComputedStyle(b);
          if (!r.width || !r.height || st.visibility === 'hidden' || st.display === 'none') continue;
          if (r.bottom < 0 || r.top > innerHeight) {
            b.scrollIntoView({ block: 'center' });
          }
          const q = b.getBoundingClientRect();
          const x = q.left + q.width / 2;
          const y = q.top + q.height / 2;
          // Clipped by an ancestor that hides overflow?
          let clip = null;
          for (let e = b.parentElement; e && e !== document.documentElement; e = e.parentElement) {
            const o = getComputedStyle(e);
            if (/(hidden|clip|auto|scroll)/.test(o.overflowX + o.overflowY)) {
              const a = e.getBoundingClientRect();
              if (q.left < a.left - 1 || q.right > a.right + 1 || q.top < a.top - 1 || q.bottom > a.bottom + 1) {
                clip = `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
                break;
              }
            }
          }
          const hit = root.elementFromPoint ? root.elementFromPoint(x, y) : document.elementFromPoint(x, y);
          const covered = !(hit && (hit === b || b.contains(hit)));
          seen.push({ where, x, y, clip, covered, hit: hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : null });
        }
      }
      return seen;
    },
    [cell, value],
  );
  if (!found.length) return [null, 'none shown'];
  // Prefer the one next to the cell (overlay/inline) over the panel's list.
  const order = { overlay: 0, inline: 1, panel: 2 };
  found.sort((a, b) => order[a.where] - order[b.where]);
  const near = found.find((f) => f.where !== 'panel');
  let problem = null;
  if (near && (near.clip || near.covered)) {
    problem = `the ${near.where} fix button next to ${cell} is ${near.clip ? `clipped by ${near.clip}` : `covered by ${near.hit}`}`;
  }
  const usable = found.find((f) => !f.clip && !f.covered);
  if (!usable) return [null, problem || 'every fix button is clipped or covered'];
  await page.mouse.click(usable.x, usable.y);
  return [`${usable.where} button`, problem];
}

/** Clicks 展开 on the collapsed panel badge; false when it is not collapsed. */
async function expandPanel(page) {
  const tog = await page.evaluate(() => {
    const w = document.querySelector('[data-nianbao-panel]')?.shadowRoot?.querySelector('.p.collapsed');
    const b = w?.querySelector('.tog');
    if (!b) return null;
    const r = b.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  if (!tog) return false;
  await page.mouse.click(tog.x, tog.y);
  await sleep(150);
  return true;
}

/** Model value of a cell as the framework (or the editor's saved HTML) holds it. */
const modelOf = (page, cell) => page.evaluate((c) => String(window.host.getModel(c) ?? ''), cell);

/** (f) the fix button writes through the framework: its state holds the value after a re-render. */
async function fixOn(page, host, look) {
  // 表三's 总计 column: the rightmost cell, where a clipped inline message shows first.
  const t = TYPO[1];
  await typeIntoCell(page, host, t.cell, t.bad);
  await leaveCell(page, host);
  const [flagged] = await until(flaggedWith(page, t.cell, t.good), 1000);
  if (!flagged) return result(false, 'no error', `typing ${t.bad} into ${t.cell} was not flagged, so there is no fix to click`);
  // Focus the cell again so an inline message (and its button) is shown.
  await page.evaluate((c) => window.nianbao.handles[0].focus?.(c), t.cell).catch(() => {});
  await sleep(150);
  await look?.('cell focused');
  const buttons = await fixButtons(page);
  let [via, clickProblem] = await clickFix(page, t.cell, t.good);
  if (!via && (await expandPanel(page))) {
    // No fix shown next to the cell (a grid cell has no focus of its own): the user opens the
    // collapsed panel, whose list holds every fix.
    [via, clickProblem] = await clickFix(page, t.cell, t.good);
  }
  if (!via) {
    return result(false, 'no button', `no usable fix button for ${t.cell} = ${t.good} (${clickProblem}); buttons: ${JSON.stringify(buttons.slice(0, 4))}`);
  }
  await sleep(300);
  await look?.('after the fix');
  const problems = clickProblem ? [clickProblem] : [];
  const before = await modelOf(page, t.cell);
  if (before !== t.good) problems.push(`after clicking the fix (${via}) the framework holds ${JSON.stringify(before)} for ${t.cell}`);
  await page.evaluate(() => window.host.rerender());
  await sleep(SEEN_WAIT + 100);
  await look?.('re-rendered after the fix');
  const after = await modelOf(page, t.cell);
  if (after !== t.good) problems.push(`after a re-render the framework holds ${JSON.stringify(after)} for ${t.cell} (wanted ${t.good})`);
  const shown = await page.evaluate((c) => {
    const el = window.host.edit(c);
    return el ? (el.value ?? el.textContent).replace(/\s+/g, '') : null;
  }, t.cell);
  if (shown !== t.good) problems.push(`after a re-render the page shows ${JSON.stringify(shown)} for ${t.cell}`);
  const d = await diags(page);
  if (d.length) problems.push(`errors left after the fix: ${fmtDiags(d)}`);
  return result(problems.length === 0, problems.length ? 'no' : 'yes', problems.join('; '));
}

/** (g, editors) undo is followed: type a typo, undo it, the check follows the editor's content. */
async function undoOn(page, host, look) {
  const t = TYPO[0];
  await typeIntoCell(page, host, t.cell, t.bad);
  await leaveCell(page, host);
  await until(flaggedWith(page, t.cell, t.good), 1000);
  await page.evaluate(() => window.host.undo());
  await look?.('after undo');
  const saved = await modelOf(page, t.cell);
  const [followed] = await until(async () => {
    const d = await diags(page);
    const flagged = d.some((x) => x.target === t.cell);
    return saved === t.good ? !flagged : flagged;
  }, SEEN_WAIT + 100);
  return followed ? null : `after undo the editor holds ${JSON.stringify(saved)} for ${t.cell} but nianbao's diagnostics do not follow (${fmtDiags(await diags(page))})`;
}

/**
 * (editors) nianbao stays out of the editor and draws marks only where their cell is visible:
 * overlay and panel hosts live in the top document (not in an iframe or the editable), and
 * with the flagged cell scrolled out of the editor's view no mark is drawn over the page or
 * the toolbar.
 */
async function editorViewOn(page, host) {
  // 表三 (mid-content), so it can be scrolled to just above the editor's visible area.
  const t = TYPO[1];
  await typeIntoCell(page, host, t.cell, t.bad);
  await leaveCell(page, host);
  const [flagged] = await until(flaggedWith(page, t.cell, t.good), 1000);
  if (!flagged) return result(false, 'no error', `typing ${t.bad} into ${t.cell} was not flagged, so there is no mark to look at`);
  const r = await page.evaluate(async (cell) => {
    const out = { inside: [], outside: [], viewport: null, cellHidden: false };
    const el = window.host.edit(cell);
    const root = el.closest('[contenteditable="true"], body');
    for (const d of [el.ownerDocument]) {
      for (const h of d.querySelectorAll('[data-nianbao-overlay], [data-nianbao-panel], [data-nb-ui]')) {
        if (d !== document || root.contains(h)) out.inside.push(h.tagName.toLowerCase() + (h.hasAttribute('data-nianbao-overlay') ? '[data-nianbao-overlay]' : h.hasAttribute('data-nianbao-panel') ? '[data-nianbao-panel]' : '[data-nb-ui]'));
      }
    }
    // Scroll the editor's own scroller so the cell sits just above its visible area, under
    // the toolbar (or else just below it): a mark still drawn there covers the toolbar or page.
    const win = el.ownerDocument.defaultView;
    const frame = win === window ? null : win.frameElement;
    let scroller = null;
    if (!frame) {
      scroller = el.parentElement;
      while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
      if (!scroller) return { ...out, noScroller: true };
    }
    const view = () => (frame || scroller).getBoundingClientRect();
    const cellRect = () => {
      const c = el.getBoundingClientRect();
      const f = frame ? frame.getBoundingClientRect() : { top: 0, left: 0 };
      return { top: c.top + f.top, bottom: c.bottom + f.top };
    };
    el.scrollIntoView({ block: 'center' });
    if (frame) frame.scrollIntoView({ block: 'center' });
    else scroller.scrollIntoView({ block: 'center' });
    await new Promise((r) => setTimeout(r, 100));
    const scrollBy = (d) => (frame ? win.scrollBy(0, d) : (scroller.scrollTop += d));
    scrollBy(cellRect().bottom - view().top + 40);
    await new Promise((r) => setTimeout(r, 100));
    // Not enough content below to scroll it above the view: put it just below the view.
    if (cellRect().bottom > view().top) scrollBy(cellRect().top - view().bottom - 40);
    await new Promise((r) => setTimeout(r, 400));
    const vp = view();
    out.viewport = [vp.left, vp.top, vp.right, vp.bottom].map(Math.round);
    const c = cellRect();
    out.cell = [Math.round(c.top), Math.round(c.bottom)];
    out.cellHidden = c.bottom <= vp.top || c.top >= vp.bottom;
    const ov = document.querySelector('[data-nianbao-overlay]')?.shadowRoot;
    for (const b of ov ? ov.querySelectorAll('.box, .msg') : []) {
      const st = getComputedStyle(b);
      const q = b.getBoundingClientRect();
      if (!q.width || !q.height || st.display === 'none' || st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
      if (q.top < vp.top - 2 || q.bottom > vp.bottom + 2 || q.left < vp.left - 2 || q.right > vp.right + 2) {
        const hit = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
        out.outside.push(`${b.className} at y ${Math.round(q.top)}–${Math.round(q.bottom)}${hit ? ` over ${hit.tagName.toLowerCase()}.${[...hit.classList].slice(0, 2).join('.')}` : ''}`);
      }
    }
    return out;
  }, t.cell);
  const problems = [];
  if (r.inside.length) problems.push(`nianbao elements inside the editor: ${r.inside.join(', ')}`);
  if (r.noScroller) problems.push('the editor has no scroll container (page error)');
  else if (!r.cellHidden) problems.push('could not scroll the flagged cell out of the editor view (page error)');
  else if (r.outside.length) {
    problems.push(`with ${t.cell} scrolled just out of the editor's visible area ${JSON.stringify(r.viewport)} (cell at y ${r.cell.join('–')}), ${r.outside.length} mark/message box(es) are still drawn outside it: ${r.outside.slice(0, 3).join('; ')}`);
  }
  return result(problems.length === 0, problems.length ? 'no' : 'yes', problems.join('; '));
}

/** Puts the typo cells back to their fixture values (by typing, as nianbao may not see setModel). */
async function restore(page, host) {
  for (const t of TYPO) {
    if ((await modelOf(page, t.cell)) !== t.good) {
      try {
        await typeIntoCell(page, host, t.cell, t.good);
        await leaveCell(page, host);
      } catch {
        await page.evaluate(([c, v]) => window.host.setModel(c, v), [t.cell, t.good]);
      }
    }
  }
  await sleep(200);
}

/**
 * (b)–(g) on two page loads (a re-render must not spoil the other checks): first binding,
 * typing, host state and the fix (which re-renders at its end); then a fresh load for the
 * editor view and undo (editors) and the re-render check. Editors' saved HTML is looked at after every step.
 * Each step starts from the fixture values. Returns { binding, typing, hostState, fix,
 * rerender, saved, editorView, undo }.
 */
export async function checkScenario(ctx, srv, host) {
  const out = {};
  const dirty = [];
  const run = (steps) =>
    withPage(ctx, async (page) => {
      const o = await openAttached(ctx, srv, host, page);
      if (o.fail) {
        for (const [name] of steps) out[name] = o.fail;
        return false;
      }
      const look =
        host.kind === 'editor'
          ? async (step) => {
              const m = nianbaoMarkup(await page.evaluate(() => window.host.getSavedHtml()));
              if (m.length) dirty.push(`${step}: ${m.join(', ')}`);
            }
          : null;
      await sleep(300);
      await look?.('after attach');
      for (const [name, fn] of steps) {
        try {
          out[name] = await fn(page, look);
        } catch (e) {
          out[name] = result(false, 'error', `${name}: ${String(e.message || e).split('\n')[0]}`);
        }
        await restore(page, host).catch(() => {});
      }
      return true;
    });
  await run([
    ['binding', (page) => bindingOn(page)],
    ['typing', (page, look) => typingOn(page, host, look)],
    ['hostState', (page) => hostStateOn(page, host)],
    ['fix', (page, look) => fixOn(page, host, look)],
  ]);
  // The editor view first, then undo, then the re-render: each of the later ones may lose
  // the binding and would spoil what follows.
  const second = [];
  if (host.kind === 'editor') {
    second.push(['editorView', (page) => editorViewOn(page, host)]);
    second.push([
      'undo',
      async (page, look) => {
        const undo = await undoOn(page, host, look);
        return result(!undo, undo ? 'no' : 'yes', undo || '');
      },
    ]);
  }
  second.push(['rerender', (page, look) => rerenderOn(page, host, look)]);
  const attached = await run(second);
  if (host.kind !== 'editor') {
    out.saved = result(true, '–');
    out.editorView = result(true, '–');
    out.undo = result(true, '–');
  } else if (!attached) {
    out.saved = out.rerender;
  } else {
    out.saved = dirty.length ? result(false, 'no', `nianbao markup in saved HTML — ${dirty.join('; ')}`) : result(true, 'yes');
  }
  return out;
}

/** (h) CSP pages: attaches, binds 200, typing checked, no CSP violation. */
export async function checkCsp(ctx, srv, page0) {
  return withPage(ctx, async (page) => {
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const o = await openAttached(ctx, srv, page0, page);
    const csp = await page.evaluate(() => window.__csp);
    if (o.fail) return result(false, 'not attached', `${o.fail.detail}; CSP violations: ${csp.join(', ') || 'none'}; page errors: ${o.log.errors.join(' | ') || 'none'}`);
    const s = await state(page);
    const problems = [];
    if (s.bound.length !== 200) problems.push(`bound ${s.bound.length}/200`);
    problems.push(...(await typoRoundTrip(page, { kind: 'form' }, TYPO[0])));
    const csp2 = await page.evaluate(() => window.__csp);
    if (csp2.length) problems.push(`CSP violations: ${csp2.join(', ')}`);
    return result(problems.length === 0, problems.length ? 'no' : 'yes', problems.join('; '));
  });
}

/** The scenario's steps as the tests name them. */
export const SCENARIO_STEPS = [
  ['binding', 'binds all 200 cells to the right fields'],
  ['typing', 'typing checked'],
  ['hostState', 'host state change seen'],
  ['rerender', 'after re-render'],
  ['fix', 'fix kept by framework'],
  ['saved', 'saved HTML clean'],
  ['editorView', 'marks only where the cell is visible in the editor, nothing inside it'],
  ['undo', "the editor's undo is followed"],
];
