// Typing and scrolling only, build against build (issue 24): `node bench/lists.mjs
// BOOK.kehu.json DIST [DIST…]` imports the book once into a fresh profile per build,
// then, in turn for each build and `LISTS_RUNS` times (default 3), types the search
// queries and scrolls the long tables. Prints per build the medians over the runs and
// their spread. `LISTS_PAGES=1` opens every page twice instead (first and second visit
// after a cold start); `LISTS_MEMORY=1` opens every page once and reads the
// WebAssembly memory after each (it keeps any page's peak) and the tab's at the end.
// Not part of the tests; the full benchmark is bench/run.mjs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist } from '../e2e/harness.mjs';
import { LONG_TABLES, ROUTES, captureWasmMemory, controlKeystrokes, keystrokes, openPage, pageTimes, quantile, rendererPrivateMb, scrollFrames, wasmMemoryMb } from './pages.mjs';

const [book, ...dists] = process.argv.slice(2);
if (!book || dists.length === 0) throw new Error('usage: node bench/lists.mjs BOOK.kehu.json DIST [DIST…]');
const RUNS = Number(process.env.LISTS_RUNS ?? 3);
const PAGES = process.env.LISTS_PAGES === '1';
const MEMORY = process.env.LISTS_MEMORY === '1';
const QUERIES = ['南', '南昌', '南昌赣', '1', '13', '138', ''];
// `LISTS_SCROLL=0`: type only, scroll no table.
const SCROLL = process.env.LISTS_SCROLL !== '0';

/** A build's profile with the book imported, kept open across runs. */
async function prepare(dist) {
  const server = await serveDist(dist);
  const dir = mkdtempSync(join(tmpdir(), 'kehu-lists-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.KEHU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    locale: 'zh-CN', viewport: { width: 1200, height: 800 }, serviceWorkers: 'block',
  });
  await captureWasmMemory(context);
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(server.base + '/workbook');
  await page.getByLabel('选择文件').setInputFiles(book);
  await page.getByText(/合并完成/).waitFor({ timeout: 600_000 });
  return { dist, dir, server, context, page, runs: [] };
}

/** One run: a cold start with every history read, the keystrokes, every long table scrolled. */
async function run(b) {
  const { page } = b;
  await page.goto('about:blank');
  await page.goto(b.server.base + '/customers');
  await page.locator('.tbody .tr').first().waitFor({ timeout: 600_000 });
  await page.getByTestId('still-loading').waitFor({ state: 'detached', timeout: 600_000 });
  console.error(`${b.dist}: started`);
  if (MEMORY) {
    const r = { '(every history read)': { mb: await wasmMemoryMb(page) } };
    for (const href of ROUTES) {
      await openPage(page, href);
      r[href] = { mb: await wasmMemoryMb(page) };
    }
    await page.waitForTimeout(2000);
    r['(tab at the end)'] = { mb: rendererPrivateMb(b.dir) };
    b.runs.push(r);
    return;
  }
  if (PAGES) {
    const r = {};
    for (const p of await pageTimes(page, ROUTES)) {
      r[`${p.href} first`] = { ms: p.first };
      r[`${p.href} second`] = { ms: p.second };
    }
    b.runs.push(r);
    return;
  }
  const typed = await keystrokes(page, QUERIES);
  const control = await controlKeystrokes(page.context(), QUERIES);
  const r = {
    handled: quantile(typed.handled.flat(), 0.95),
    painted: quantile(typed.paint.flat(), 0.95),
    frameP95: quantile(typed.frames, 0.95),
    frameWorst: Math.max(...typed.frames),
    longFrames: typed.frames.filter((f) => f > 17).length / typed.frames.length,
    controlPainted: quantile(control.paint.flat(), 0.95),
    controlFrameP95: quantile(control.frames, 0.95),
  };
  for (const [href, selector, from] of SCROLL ? LONG_TABLES : []) {
    for (const drag of [true, false]) {
      const t = Date.now();
      const s = await scrollFrames(page, href, selector, drag, from);
      console.error(`${b.dist} ${href} ${drag ? 'drag' : 'wheel'}: ${Date.now() - t} ms`);
      if (s) r[`${href} ${drag ? 'drag' : 'wheel'}`] = s;
    }
  }
  b.runs.push(r);
}

const builds = [];
for (const d of dists) builds.push(await prepare(d));
for (let i = 0; i < RUNS; i++) for (const b of builds) await run(b);

const med = (xs) => quantile(xs, 0.5);
const fmt = (xs) => `${med(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
for (const b of builds) {
  console.log(`\n## ${b.dist} (${RUNS} runs: median (lowest–highest), ${MEMORY ? 'MB' : 'ms'})`);
  if (!PAGES && !MEMORY) {
    console.log(`keystroke p95: handled ${fmt(b.runs.map((r) => r.handled))}, painted ${fmt(b.runs.map((r) => r.painted))}`);
    console.log(`frames while typing: p95 ${fmt(b.runs.map((r) => r.frameP95))}, worst ${fmt(b.runs.map((r) => r.frameWorst))}, over 17 ms ${fmt(b.runs.map((r) => 100 * r.longFrames))} %`);
    console.log(`a page doing nothing, same keys: painted p95 ${fmt(b.runs.map((r) => r.controlPainted))}, frame p95 ${fmt(b.runs.map((r) => r.controlFrameP95))}`);
  }
  if (MEMORY) {
    console.log('WebAssembly memory after each page opened, in turn (MB):');
    for (const key of Object.keys(b.runs[0])) console.log(`${key}: ${fmt(b.runs.map((r) => r[key].mb ?? Infinity))}`);
  }
  for (const key of Object.keys(b.runs[0]).filter((k) => !MEMORY && k.startsWith('/'))) {
    if (PAGES) {
      console.log(`${key}: ${fmt(b.runs.map((r) => r[key].ms ?? Infinity))}`);
      continue;
    }
    const rs = b.runs.map((r) => r[key]).filter(Boolean);
    console.log(`${key}: p95 ${fmt(rs.map((s) => s.p95))}, worst ${fmt(rs.map((s) => s.worst))}, median ${fmt(rs.map((s) => s.median))}`);
  }
  await b.context.close();
  await b.server.stop();
}
