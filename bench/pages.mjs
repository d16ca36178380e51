// What a user feels at size (issue 24): every page's opening, scrolling frame by frame,
// and a search keystroke until it is painted. Used by bench/run.mjs on a loaded book.
// Times are taken inside the page (performance.now), so Playwright's round trips are
// not in them; "painted" is the end of the first frame after the change: a task queued
// from that frame's requestAnimationFrame runs once the frame has been produced.

import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every page a user can open from the sidebar or a list, without an id: lists, forms,
 * reports. A page with an id is measured on a record the caller names. A route is
 * opened from another page (`openPage` waits for a new heading).
 */
export const ROUTES = [
  // Not the customer list first: it is the page a cold start shows.
  '/dashboard', '/customers', '/customers/new', '/customers/import', '/customers/fields',
  '/service', '/service/new', '/callbacks', '/callbacks/new', '/tickets', '/tickets/new',
  '/surveys', '/surveys/new', '/complaints', '/complaints/new', '/complaints/kpi',
  '/pipeline', '/pipeline/new', '/visits', '/visits/new', '/orders', '/orders/new', '/insights', '/value', '/goals',
  '/key-accounts', '/events', '/events/new', '/calls', '/calls/staffing',
  '/loyalty', '/care', '/suggestions', '/org', '/jobs', '/jobs/new', '/workflows',
  '/exercises', '/exercises/report', '/review', '/workbook', '/trash',
];

/**
 * The long tables scrolled from top to bottom: page, the scrolling element, and the
 * first day of the period to show where the page opens on this month only. The care
 * due list shows 50 at a time ("show more") and scrolls with its page.
 */
export const LONG_TABLES = [
  ['/customers', '.vtable'],
  ['/orders', '.vtable'],
  ['/service', '.vtable'],
  ['/calls', '.vtable', '2000-01-01'],
  ['/care', 'main'],
];

/**
 * Makes the app's WebAssembly memory readable by [`wasmMemoryMb`] in every page of
 * `context` opened after this call.
 */
export async function captureWasmMemory(context) {
  await context.addInitScript(() => {
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...a) => { const r = await streaming(...a); if (r.instance.exports.memory) window.__kehuMemory = r.instance.exports.memory; return r; };
  });
}

/** The app's WebAssembly memory in MB (its peak: it never shrinks); `null` if not captured. */
export async function wasmMemoryMb(page) {
  return page.evaluate(() => (window.__kehuMemory ? window.__kehuMemory.buffer.byteLength / 1048576 : null));
}

/** The renderer process of the browser profile in `dir`: its private memory (what a task manager shows for the tab), in MB. */
export function rendererPrivateMb(dir) {
  let best = null;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer') || !cmdline.includes(dir)) continue;
      const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = (k) => Number(new RegExp(k + ':\\s+(\\d+)').exec(roll)[1]);
      best = Math.max(best ?? 0, (kb('Private_Clean') + kb('Private_Dirty')) / 1024);
    } catch {}
  }
  return best;
}

/** The `q`-th quantile (0…1) of `values`, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Opens `href` as a click on a link does (a route change, no reload) and returns the
 * milliseconds until its page is shown and painted: a heading of the new page, no
 * "loading" notice of a chunk, and the next frame produced. `null` if it never shows
 * within `timeoutMs`.
 */
export async function openPage(page, href, timeoutMs = 60_000) {
  return page.evaluate(async ([href, timeoutMs]) => {
    const old = document.querySelector('main h1');
    const t = performance.now();
    history.pushState({}, '', href);
    dispatchEvent(new PopStateEvent('popstate'));
    const shown = await new Promise((res) => {
      const check = () => {
        const h = document.querySelector('main h1');
        if (h && h !== old && !document.querySelector('.chunk-status')) res(true);
        else if (performance.now() - t > timeoutMs) res(false);
        else requestAnimationFrame(check);
      };
      check();
    });
    if (!shown) return null;
    await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    return performance.now() - t;
  }, [href, timeoutMs]);
}

/**
 * Opens every route of `routes` twice, in turn: the first round right after a cold
 * start (its chunk fetched, its figures computed for the first time), then the second.
 * Returns `[{ href, first, second }]` in milliseconds.
 */
export async function pageTimes(page, routes) {
  const first = [];
  for (const href of routes) first.push(await openPage(page, href));
  const out = [];
  for (const [i, href] of routes.entries()) out.push({ href, first: first[i], second: await openPage(page, href) });
  return out;
}

/**
 * Scrolls the long table of `href` (its element `selector`) in `frames` steps, one step
 * per frame, and returns the frame intervals' median, 95th percentile and worst, in
 * milliseconds, and the table's height in pixels (`null` when the page has no such
 * table). `drag`: from top to bottom, as dragging the scrollbar does (at 10,000 rows and
 * more every step shows rows never drawn before); otherwise as a mouse wheel does,
 * three rows a step from the top. `from`: the first day to show, typed into the page's
 * first date field before scrolling.
 */
export async function scrollFrames(page, href, selector, drag, from = null, frames = 240) {
  // Already there (the wheel after the drag): opening it again would wait for a new
  // heading that never comes.
  const here = await page.evaluate(() => location.pathname);
  if (here !== href && (await openPage(page, href)) == null) return null;
  if (from) {
    await page.locator('input[type=date]').first().fill(from);
    // The period's table, once drawn (none if the period is empty).
    await page.locator(`${selector} .tr`).first().waitFor({ timeout: 15_000 }).catch(() => {});
  }
  return page.evaluate(async ([selector, drag, frames]) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const frame = () => new Promise((res) => requestAnimationFrame(res));
    const total = el.scrollHeight - el.clientHeight;
    el.scrollTop = 0;
    const intervals = [];
    await frame();
    let last = await frame();
    for (let i = 1; i <= frames; i++) {
      el.scrollTop = drag ? (total * i) / frames : i * 120;
      const now = await frame();
      intervals.push(now - last);
      last = now;
    }
    intervals.sort((a, b) => a - b);
    const at = (q) => intervals[Math.min(intervals.length - 1, Math.ceil(q * intervals.length) - 1)];
    return { median: at(0.5), p95: at(0.95), worst: intervals[intervals.length - 1], height: el.scrollHeight };
  }, [selector, drag, frames]);
}

/**
 * Types each query of `queries` into the page's search box, `reps` times over, and
 * returns per query the times from the input event until the page handled it and until
 * the result was painted, and the intervals between the frames drawn meanwhile (a
 * keystroke that delays the page's next frame shows as an interval over 16.7 ms).
 */
export async function keystrokes(page, queries, reps = 7) {
  return page.evaluate(async ([queries, reps]) => {
    const input = document.querySelector('input[type=search]');
    const task = () => new Promise((res) => { const ch = new MessageChannel(); ch.port1.onmessage = res; ch.port2.postMessage(0); });
    const painted = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    const handled = queries.map(() => []);
    const paint = queries.map(() => []);
    const frames = [];
    let typing = true;
    let last = null;
    const frame = (now) => {
      if (last !== null) frames.push(now - last);
      last = now;
      if (typing) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    for (let rep = 0; rep < reps; rep++) {
      for (const [i, q] of queries.entries()) {
        const t = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await task();
        handled[i].push(performance.now() - t);
        await painted();
        paint[i].push(performance.now() - t);
        await new Promise((res) => setTimeout(res, 30));
      }
    }
    typing = false;
    return { handled, paint, frames };
  }, [queries, reps]);
}

/**
 * The same keystrokes on a page that does nothing but show what was typed, in
 * `context`: the floor of the painted figure on this machine (the wait for the next
 * frame and the browser's own work), against which the app's figure is read.
 */
export async function controlKeystrokes(context, queries, reps = 7) {
  const page = await context.newPage();
  await page.setContent('<input type="search"><p id="out"></p><script>document.querySelector("input").addEventListener("input", (e) => { document.getElementById("out").textContent = e.target.value; });</script>');
  const typed = await keystrokes(page, queries, reps);
  await page.close();
  return typed;
}
