// End-to-end: offline and installable (issue 8) — after the first visit the app opens
// and works with the network off; Chromium finds it installable; a new deployment is
// offered as "a new version is available — reload" and taken only when the user agrees;
// a fresh browser is never offered the version it already runs (issue 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launch, freshPage, serveDist, until } from './harness.mjs';

test('works offline after the first visit, is installable, and offers a new version', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kehu-offline-'));
  const v1 = join(root, 'v1');
  const v2 = join(root, 'v2');
  await cp('dist', v1, { recursive: true });
  await cp('dist', v2, { recursive: true });
  // The next deployment: the same files under another version.
  const sw = await readFile(join(v2, 'sw.js'), 'utf8');
  await writeFile(join(v2, 'sw.js'), sw.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "next-$1"'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let { stop } = await serveDist(v1, port);
  const browser = await launch();
  try {
    const { context, page, problems } = await freshPage(browser);
    await page.goto(base + '/customers');
    await page.getByRole('link', { name: '新建客户' }).waitFor();
    // The worker has cached this version and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are off the record, where Chromium never installs; any
    // other reason (manifest, icons, service worker) would be listed here.
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'Chromium can install it');

    // Network off (and the server gone): the app opens, and a customer can be added.
    await stop();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: '新建客户' }).click();
    await page.getByLabel(/^姓名\/名称/).fill('离线客户');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '离线客户' }).waitFor();
    await page.goto(base + '/dashboard');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // Modules never opened before the network went off: their chunks (issue 23) come
    // from the worker's cache, and each page shows, not the "could not be loaded" alert.
    for (const [path, heading] of [['/calls', '呼叫中心'], ['/org', '组织结构'], ['/workflows', '工作流程图']]) {
      await page.goto(base + path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      assert.equal(await page.locator('.chunk-status').count(), 0, path);
    }

    // Back online with a new deployment: offered, not switched silently.
    await context.setOffline(false);
    ({ stop } = await serveDist(v2, port));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.locator('#update');
    await banner.getByText('有新版本可用 · A new version is available').waitFor();
    const before = await page.evaluate(() => caches.keys());
    assert.ok(before.some((k) => k.startsWith('kehu-') && !k.startsWith('kehu-next-')), 'still the old version');
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '刷新 · Reload' }).click()]);
    await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0].startsWith('kehu-next-')));
    // The data typed offline is still there.
    await page.goto(base + '/customers');
    await page.getByText('离线客户').first().waitFor();
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
    await context.close();
  } finally {
    await browser.close();
    await stop();
    await rm(root, { recursive: true, force: true });
  }
});

/** The registration has settled: an active worker, none installing or waiting. */
const settled = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.active && !r.installing && !r.waiting), null, { polling: 100 });

/** Asks the worker that controls the page for its version (a round trip through it). */
const controllerVersion = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data);
        navigator.serviceWorker.controller.postMessage('kehu-version', [channel.port2]);
      }),
  );

test('a fresh browser is never offered the version it runs: not on the first visit, a reload, or the same build installed again', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kehu-fresh-'));
  const v1 = join(root, 'v1');
  const again = join(root, 'again');
  await cp('dist', v1, { recursive: true });
  await cp('dist', again, { recursive: true });
  // The same build deployed again with a worker script that differs in its bytes only:
  // the browser installs it as a new worker, but it is the version the page runs.
  const sw = await readFile(join(again, 'sw.js'), 'utf8');
  await writeFile(join(again, 'sw.js'), `${sw}\n// deployed again\n`);
  const version = sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let { stop } = await serveDist(v1, port);
  const browser = await launch();
  try {
    // A few fresh browsers: whatever the order in which the worker's news arrives.
    for (let i = 0; i < 3; i++) {
      const { context, page, problems } = await freshPage(browser);
      await page.goto(base + (i === 1 ? '/customers/new' : '/customers'));
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await settled(page);
      assert.equal(await controllerVersion(page), version);
      assert.equal(await page.locator('#update').isHidden(), true, `fresh browser ${i}: the first visit offers nothing`);
      await page.reload();
      await page.locator('main h1').first().waitFor();
      await settled(page);
      assert.equal(await controllerVersion(page), version);
      assert.equal(await page.locator('#update').isHidden(), true, `fresh browser ${i}: nor does a reload`);
      assert.deepEqual(problems, []);
      if (i < 2) await context.close();
      else {
        // The same version deployed again: the new worker takes over quietly (no
        // offer, no reload of the page).
        await stop();
        ({ stop } = await serveDist(again, port));
        await page.evaluate(() => {
          window.kehuStillHere = true;
          navigator.serviceWorker.addEventListener('controllerchange', () => (window.kehuTakenOver = true), { once: true });
        });
        await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
        // Either the new worker takes over, or (wrongly) it is offered.
        await until(() => page.evaluate(() => window.kehuTakenOver || !document.getElementById('update').hidden), { message: 'the new worker taken over or offered' });
        assert.equal(await page.locator('#update').isHidden(), true, 'the same version is not offered');
        await settled(page);
        assert.equal(await controllerVersion(page), version);
        assert.equal(await page.evaluate(() => window.kehuStillHere), true, 'the page was not reloaded');
        await until(() => page.evaluate(() => caches.keys()).then((k) => k.length === 1), { message: 'one cache' });
        assert.deepEqual(await page.evaluate(() => caches.keys()), [`kehu-${version}`]);
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await stop();
    await rm(root, { recursive: true, force: true });
  }
});
