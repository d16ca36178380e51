// Shared by the end-to-end tests and the benchmark: serve dist/ on a free loopback
// port and drive Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { equal } from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

/** A loopback port nobody listens on. */
export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  return port;
}

/**
 * Starts the static server on `dir` (dist/ by default) at `port` (a free one by
 * default); returns its base URL and a stop function that waits until it has exited.
 */
export async function serveDist(dir = 'dist', port = undefined) {
  port ??= await freePort();
  const proc = spawn(process.execPath, ['scripts/serve-dist.mjs', dir, String(port), '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => d.toString().includes('served') && resolve());
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const exited = once(proc, 'exit').catch(() => {});
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      proc.kill();
      await exited;
    },
  };
}

/** Launches headless Chromium as root can, without network chatter. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.KEHU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A fresh, isolated browser context (its own empty IndexedDB) that collects page errors and CSP violations. */
export async function freshPage(browser, { locale = 'zh-CN', viewport = { width: 1200, height: 800 } } = {}) {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  // A Content-Security-Policy violation anywhere in a test is a problem of that test.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { context, page, problems };
}

/** The gzip -9 size of a file of dist/ by its URL path (0 for one that is not a file). */
export function gzOf(path) {
  const f = join('dist', path === '/' ? 'index.html' : path.slice(1));
  try {
    return { raw: statSync(f).size, gz: gzipSync(readFileSync(f), { level: 9 }).length };
  } catch {
    return { raw: 0, gz: 0 };
  }
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, stops both
 * after. Returns `open(path, opts)`, which opens `path` in a fresh context, and
 * `base()`, the server's URL.
 */
export function appUnderTest(hooks) {
  let server;
  let browser;
  hooks.before(async () => {
    server = await serveDist();
    browser = await launch();
  });
  hooks.after(async () => {
    await browser?.close();
    server?.stop();
  });
  return {
    base: () => server.base,
    async open(path, opts) {
      const env = await freshPage(browser, opts);
      await env.page.goto(server.base + path);
      return env;
    },
  };
}

/** Exports the workbook and returns the parsed file and its suggested name. */
export async function exportWorkbook(page) {
  await page.getByRole('link', { name: /^(工作簿|Workbook)$/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^(导出工作簿|Export workbook)$/ }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text, json: JSON.parse(text) };
}

export async function importFile(page, name, text) {
  await page.getByRole('link', { name: /^(工作簿|Workbook)$/ }).click();
  await page.getByLabel(/^(选择文件|Choose a file)$/).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` (every `interval` ms, up to `timeout` ms) until it returns a truthy value,
 * and returns that value; a throw counts as "not yet". Playwright's own waits cover
 * elements; this covers what they do not (a count, an attribute, a value, a figure),
 * so that no test reads the page once before it has settled. The timeout is only how
 * long to wait on a slow machine, never a measure of speed.
 */
export async function until(fn, { timeout = 20_000, interval = 100, message = 'the condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  const why = last instanceof Error ? last.message : JSON.stringify(last);
  throw new Error(`${message} did not hold within ${timeout / 1000} s (last: ${why})`);
}

/**
 * Runs `check` (which asserts) until it passes, up to `timeout` ms; on timeout throws
 * its last failure, so the assertion's own message and diff are reported.
 */
export async function eventually(check, { timeout = 20_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
    await sleep(interval);
  }
}

/** Waits until `locator`'s text is exactly `value` (see `eventually`). */
export async function textIs(locator, value) {
  await eventually(async () => equal(await locator.textContent(), value));
}

/** Waits until the form field `locator` holds exactly `value` (see `eventually`). */
export async function valueIs(locator, value, message = undefined) {
  await eventually(async () => equal(await locator.inputValue(), value, message));
}

/**
 * Waits until the page has opened and every collection has been read from the
 * database: a heading in <main> and no "still reading" notice (the app's
 * `StillLoading`, data-testid="still-loading"). What a test reads after this is the
 * whole book, not the part read so far.
 */
export async function loaded(page) {
  await page.locator('main h1').first().waitFor();
  await page.getByTestId('still-loading').waitFor({ state: 'detached' });
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is (evaluated, so the app's CSP stays in force) and
 * returns its serious and critical violations, labelled with `label`; `falsePositives`
 * lists `{ id, target }` pairs to leave out, each explained where it is given.
 */
export async function axeViolations(page, label, falsePositives = []) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const results = await page.evaluate(async (fp) => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .map((v) => ({
        ...v,
        nodes: v.nodes.filter((n) => !fp.some((f) => f.id === v.id && n.target.join(' ') === f.target)),
      }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')), summary: v.nodes[0].failureSummary }));
  }, falsePositives);
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ page: label, ...v }));
}

/**
 * How many pixels the page is wider than the window (0 or less: it fits), read once
 * the whole book is read and drawn (see `loaded`).
 */
export async function overflow(page) {
  await loaded(page);
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Follows the sidebar link named exactly `name`. */
/** Clicks the sidebar's link `name` (the 主导航 / Main navigation landmark only). */
export function sidebar(page, name) {
  return page.getByRole('navigation', { name: /^(主导航|Main navigation)$/ }).getByRole('link', { name }).click();
}

/** Adds a customer through the form, from the sidebar, and waits for its page. */
export async function addCustomer(page, name, phone = '13912345678') {
  await sidebar(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill(name);
  await page.getByLabel('电话').fill(phone);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name }).waitFor();
}

export function nav(page, name) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/**
 * The href of the first link in <main> to one record under `prefix` (not to a form
 * or a sub-page such as /new or /kpi), once the book is read and the list drawn;
 * undefined if none appears.
 */
export async function firstRecordHref(page, prefix, { timeout = 20_000 } = {}) {
  await loaded(page);
  const re = new RegExp(`^${prefix}/(?!new$|import$|kpi$|report$|staffing$)[^/?#]+$`);
  const find = async () => {
    const hrefs = await page.locator(`main a[href^="${prefix}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    return hrefs.find((h) => re.test(h));
  };
  return until(find, { timeout, message: `a link to a record under ${prefix}/` }).catch(() => undefined);
}

/**
 * Each module's sidebar link, its address and its chunk (issue 23), for the chunk
 * tests and the benchmark.
 */
export const MODULES = [
  ['工作台', '/dashboard', 'dashboard'],
  ['日常服务', '/service', 'service'],
  ['客户开发', '/pipeline', 'sales'],
  ['大客户', '/key-accounts', 'key_accounts'],
  ['投诉与关怀', '/complaints', 'complaints'],
  ['呼叫中心', '/calls', 'calls'],
  ['组织结构', '/org', 'org'],
  ['工作流程图', '/workflows', 'workflows'],
  ['实训', '/exercises', 'exercises'],
  ['批阅', '/review', 'review'],
  ['工作簿', '/workbook', 'workbook'],
  ['回收站', '/trash', 'trash'],
];

/** Opens `href` from the sidebar and waits for its page: a heading, no loading notice. */
export async function openModule(page, link, href) {
  await sidebar(page, link);
  await page.waitForURL((url) => url.pathname === href);
  await page.waitForFunction(() => !document.querySelector('.chunk-status') && document.querySelector('main h1'), null, { polling: 'raf' });
}
