// End-to-end: storage that lasts (issue 8) — persistent storage asked for and shown,
// space used and free, and a reminder to export a backup after the chosen interval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, eventually, exportWorkbook, loaded, nav, until, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('the workbook page shows persistent storage and space; a backup reminder follows the interval', async () => {
  const { context, page, problems } = await open('/customers/new');
  await page.getByLabel(/^姓名\/名称/).fill('备份客户');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '备份客户' }).waitFor();
  // A new book is not nagged: its oldest customer is from today.
  await nav(page, '客户档案');
  await loaded(page);
  assert.equal(await page.getByTestId('backup-reminder').count(), 0);
  // An export ten days ago, with the default interval of seven days.
  await page.evaluate(() => localStorage.setItem('kehu.last_export', JSON.stringify(new Date(Date.now() - 10 * 86400e3).toISOString())));
  await nav(page, '工作台');
  await page.getByTestId('backup-reminder').getByText('距离上次导出备份已有 10 天。').waitFor();

  await nav(page, '工作簿');
  const storage = page.getByTestId('storage');
  await storage.getByText('持久存储').waitFor();
  await eventually(async () => assert.match(await storage.textContent(), /已用空间\d+\.\d MB可用空间\d+\.\d MB/));
  const ask = page.getByRole('button', { name: '申请持久存储' });
  if (await ask.count()) {
    await ask.click();
    await page.locator('.toast').filter({ hasText: /浏览器已同意持久保存本站数据|浏览器没有同意持久存储/ }).waitFor();
  }
  // An interval out of range is refused and the old one kept; 30 days silences it.
  const days = page.getByLabel('提醒导出备份的间隔（天，0 为不提醒）');
  await days.fill('400');
  await page.getByRole('button', { name: '设为提醒间隔' }).click();
  await page.locator('.toast').filter({ hasText: '间隔应在 0 到 365 天之间' }).waitFor();
  await valueIs(days, '7');
  await days.fill('30');
  await page.getByRole('button', { name: '设为提醒间隔' }).click();
  await nav(page, '工作台');
  await loaded(page);
  await page.getByTestId('backup-reminder').waitFor({ state: 'detached' });
  // Back to seven days, then an export ends the reminder.
  await nav(page, '工作簿');
  await days.fill('7');
  await page.getByRole('button', { name: '设为提醒间隔' }).click();
  await nav(page, '工作台');
  await page.getByTestId('backup-reminder').waitFor();
  await exportWorkbook(page);
  await nav(page, '工作台');
  await loaded(page);
  await page.getByTestId('backup-reminder').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a write refused for a full disk says so and keeps what was typed', async () => {
  const { context, page, problems } = await open('/customers/new');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Chromium's own quota for this origin, made smaller than what is already used.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1 });
  await page.getByLabel(/^姓名\/名称/).fill('满盘客户');
  await page.getByLabel('电话').fill('13800007777');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '浏览器存储空间已满，未能保存。' }).waitFor();
  assert.equal(await page.getByLabel(/^姓名\/名称/).inputValue(), '满盘客户');
  assert.equal(await page.getByLabel('电话').inputValue(), '13800007777');
  // With room again, the same form saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '满盘客户' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("settings an earlier version kept in this browser move into the workbook once, after the book is read", async () => {
  const { context, page, problems } = await open('/customers');
  await loaded(page);
  // As versions before settings were records left them in localStorage.
  const loyalty = { per_yuan: 2.5, per_activity: 30, expire_months: 24, tiers: [0, 800, 4000, 16000], silent_days: 60, period_days: 90, drop_percent: 40, loyal_orders: 5 };
  await page.evaluate((v) => localStorage.setItem('kehu.loyalty', JSON.stringify(v)), loyalty);
  await page.reload();
  await loaded(page);
  await until(() => page.evaluate(() => localStorage.getItem('kehu.loyalty') === null), { message: 'the legacy settings to be moved' });
  await page.goto(new URL('/loyalty', page.url()).href);
  await valueIs(page.getByLabel('每元积分'), '2.5');
  // In the workbook now: the export carries them.
  const { json } = await exportWorkbook(page);
  const stored = json.collections.settings.find((s) => s.id === 'loyalty');
  assert.equal(stored.value.loyalty.per_yuan, 2.5);
  assert.deepEqual(stored.value.loyalty.tiers, [0, 800, 4000, 16000]);
  assert.deepEqual(problems, []);
  await context.close();
});
