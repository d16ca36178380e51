// End-to-end: offline and installable (issue 8) — after the first visit the app opens
// and works with the network off; Chromium finds it installable; a new deployment is
// offered as "a new version is available — reload" and taken only when the user agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launch, freshPage, serveDist } from './harness.mjs';

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
