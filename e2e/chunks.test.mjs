// End-to-end: the app is split per module (issue 23). A first visit fetches the shell,
// the store and the customer list only; a module's chunk is fetched the first time one
// of its pages opens, and never again in that visit; a chunk that cannot be fetched is
// said plainly, with a retry that works once the network is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODULES, freshPage, gzOf, launch, openModule as open, serveDist, sidebar, until } from './harness.mjs';

/** The path of every `.wasm` in `paths`. */
const wasm = (paths) => paths.filter((p) => p.endsWith('.wasm'));
/** A module's own chunk (`split_<module>.<version>.wasm`). */
const splitOf = (paths, module) => paths.filter((p) => p.startsWith(`/split_${module}.`));

/**
 * The paths the page fetched before its first page was painted (the app's
 * `kehu:first-page` mark), from the browser's resource timing; undefined before then.
 */
const beforeFirstPage = (page) =>
  page.evaluate(() => {
    const painted = performance.getEntriesByName('kehu:first-page')[0];
    if (!painted) return undefined;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < painted.startTime)
      .map((e) => new URL(e.name).pathname);
  });

test('a first visit fetches only the first-load files; each module its chunk, once', async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { context, page, problems } = await freshPage(browser);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.base + '/');
    await page.getByRole('link', { name: '新建客户' }).waitFor();
    // Painted with the main module alone: the list needed no chunk. The rest of the
    // store (its reading code) is fetched after the list was painted.
    const early = await until(() => beforeFirstPage(page), { message: 'the first page painted' });
    assert.deepEqual(wasm(early), ['/kehu_bg.wasm']);
    assert.ok(early.includes('/kehu.js') && early.includes('/__wasm_split.js'), early.join(' '));
    // Issue 23's budget for the first download: the page and what it fetched before the
    // list was painted, each file at gzip -9 (as BENCHMARKS.md reports it).
    const gz = ['/index.html', ...new Set(early)].reduce((n, path) => n + gzOf(path).gz, 0);
    assert.ok(gz <= 450_000, `first load ${(gz / 1000).toFixed(1)} kB gzip, over 450 kB`);
    await until(() => splitOf(requests, 'store_rest').length === 1, { message: 'the rest of the store fetched' });
    await page.getByTestId('still-loading').waitFor({ state: 'detached' });

    for (const [link, href, module] of MODULES) {
      const before = requests.length;
      await open(page, link, href);
      assert.equal(splitOf(requests.slice(before), module).length, 1, `${module}: its chunk, once`);
      // Each file costs a first opening about 5 ms: the code modules share comes merged
      // (scripts/merge-chunks.mjs), a few files, not the hundreds wasm-split writes.
      const files = wasm(requests.slice(before));
      assert.ok(files.length <= 30, `${module}: ${files.length} files fetched on first opening`);
    }
    // Every module again: nothing is fetched a second time.
    const again = requests.length;
    for (const [link, href] of MODULES) await open(page, link, href);
    await open(page, '客户档案', '/customers');
    assert.deepEqual(wasm(requests.slice(again)), [], 'a loaded chunk stays loaded');
    const all = wasm(requests);
    assert.equal(new Set(all).size, all.length, 'no chunk fetched twice');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a chunk that cannot be fetched is said plainly, and a retry loads it once the network is back', async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    // No service worker: the chunk must come from the network, which is cut for it.
    const { context, page } = await freshPage(browser);
    await context.route(/\/split_service\./, (route) => route.abort('connectionrefused'));
    await page.goto(server.base + '/');
    await page.getByRole('link', { name: '新建客户' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((rs) => Promise.all(rs.map((r) => r.unregister()))));
    await sidebar(page, '日常服务');
    const alert = page.getByRole('alert').filter({ hasText: '本模块的程序没能载入' });
    await alert.waitFor();
    // The rest of the app still works.
    await sidebar(page, '客户档案');
    await page.getByRole('link', { name: '新建客户' }).waitFor();
    await sidebar(page, '日常服务');
    await alert.waitFor();
    await context.unroute(/\/split_service\./);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.getByRole('heading', { level: 1, name: '服务记录' }).waitFor();
    await until(async () => (await alert.count()) === 0, { message: 'the message gone' });
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('if the code that reads the rest of the book cannot be fetched, a module says so, and a retry reads the book and opens it', async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { context, page } = await freshPage(browser);
    await context.route(/\/split_store_rest\./, (route) => route.abort('connectionrefused'));
    await page.goto(server.base + '/');
    await page.getByRole('link', { name: '新建客户' }).waitFor();
    // The banner says what is missing; a module's page does not wait for ever.
    await page.getByText('工作簿的其余部分还没能读取').waitFor();
    await sidebar(page, '日常服务');
    const alert = page.getByRole('alert').filter({ hasText: '本模块的程序没能载入' });
    await alert.waitFor();
    await context.unroute(/\/split_store_rest\./);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.getByRole('heading', { level: 1, name: '服务记录' }).waitFor();
    await page.getByTestId('still-loading').waitFor({ state: 'detached' });
    await until(async () => (await page.getByText('工作簿的其余部分还没能读取').count()) === 0, { message: 'the banner gone' });
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
