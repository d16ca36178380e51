// End-to-end: replace with backup, other tabs, owner, edit and restore, theme, and a
// narrow window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { addCustomer, appUnderTest, eventually, overflow, sidebar as nav, valueIs } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

test('replace downloads a backup first, then holds exactly the file', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  const file = await download(page, () => page.getByRole('button', { name: '导出工作簿' }).click());
  await addCustomer(page, '替换前的客户');

  await nav(page, '工作簿');
  await page.getByLabel(/^替换/).check();
  await page.getByLabel('选择文件').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  // Nothing happens before the user says yes.
  await page.getByRole('dialog').getByText(/先下载当前数据的备份/).waitFor();
  const backup = await download(page, () => page.getByRole('dialog').getByRole('button', { name: '备份并替换' }).click());
  assert.match(backup.name, /^backup-kehu-\d{4}-\d{2}-\d{2}\.kehu\.json$/);
  assert.ok(JSON.parse(backup.text).collections.customers.some((c) => c.name === '替换前的客户'), 'the backup has the data before');
  const total = Object.values(JSON.parse(file.text).collections).reduce((n, c) => n + c.length, 0);
  await page.getByText(`已替换为导入的数据: ${total} 条记录`).waitFor();

  await nav(page, '客户档案');
  await page.getByRole('searchbox', { name: '搜索' }).fill('替换前');
  await page.getByText('没有符合条件的客户。').waitFor();
  await page.reload();
  await page.getByText(/显示 200 \/ 200/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a change in one tab shows in the other', async () => {
  const { context, page, problems } = await open('/customers');
  const other = await context.newPage();
  await other.goto(base() + '/customers');
  await other.getByText(/还没有客户/).waitFor();
  await addCustomer(page, '另一个标签页');
  await other.getByRole('link', { name: '另一个标签页' }).waitFor();
  await other.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the owner names the exported file and is stored in it', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByLabel('姓名', { exact: true }).fill('张三');
  await page.getByLabel('班级').fill('电商2301');
  await page.getByLabel('学号').fill('2023001');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('所有者已保存').waitFor();
  await page.reload();
  await valueIs(page.getByLabel('班级'), '电商2301');
  const file = await download(page, () => page.getByRole('button', { name: '导出工作簿' }).click());
  assert.match(file.name, /^张三-电商2301-2023001-\d{4}-\d{2}-\d{2}\.kehu\.json$/);
  assert.deepEqual(JSON.parse(file.text).owner, { name: '张三', class: '电商2301', student_id: '2023001' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('edit a customer, move it to the trash, restore it', async () => {
  const { context, page, problems } = await open('/');
  await addCustomer(page, '邹建华');
  await page.getByRole('link', { name: '编辑' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('邹建华（改）');
  await page.getByLabel('阶段').selectOption('loyal');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '邹建华（改）' }).waitFor();
  await page.getByText('忠诚').first().waitFor();

  await page.getByRole('button', { name: '移到回收站' }).click();
  await page.getByText('此客户在回收站中。').waitFor();
  await nav(page, '客户档案');
  await page.getByText(/还没有客户/).waitFor();
  await nav(page, '回收站');
  await page.getByRole('button', { name: '恢复 邹建华（改）' }).click();
  await page.getByText('回收站是空的。').waitFor();
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '邹建华（改）' }).click();
  // In the trash, it cannot be edited by its address either.
  await page.getByRole('button', { name: '移到回收站' }).click();
  await page.getByText('此客户在回收站中。').waitFor();
  await page.goto(page.url() + '/edit');
  await page.getByText('此客户在回收站中。').waitFor();
  assert.equal(await page.getByRole('button', { name: '保存' }).count(), 0);
  // Deleting one row for good asks first.
  await nav(page, '回收站');
  await page.getByRole('button', { name: '永久删除 邹建华（改）' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '永久删除' }).click();
  await page.getByRole('status').getByText('已永久删除').waitFor();
  await page.getByText('回收站是空的。').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the theme follows the system until one is chosen, and is remembered', async () => {
  const { context, page } = await open('/customers');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  const systemDark = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  const systemLight = await background();
  assert.notEqual(systemDark, systemLight, 'the page follows the system setting');
  await page.getByLabel('主题').selectOption('dark');
  await eventually(async () => assert.equal(await background(), systemDark, 'dark on a light system'));
  await page.reload();
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  await eventually(async () => assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark'));
  await eventually(async () => assert.equal(await background(), systemDark));
  await context.close();
});

test('every page fits a narrow window', async () => {
  const { context, page, problems } = await open('/workbook', { viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  for (const [link, heading] of [['客户档案', '客户档案'], ['回收站', '回收站'], ['工作簿', '工作簿：导出、导入与备份']]) {
    await nav(page, link);
    await page.getByRole('heading', { name: heading }).waitFor();
    const wider = await overflow(page);
    assert.ok(wider <= 0, `${link}: the page is ${wider}px wider than the window`);
  }
  await nav(page, '日常服务');
  for (const [tab, heading] of [['服务记录', '服务记录'], ['回访', '回访'], ['售后服务', '售后服务'], ['满意度调查', '满意度调查'], ['服务话术', '服务话术'], ['礼仪自查', '礼仪自查']]) {
    await page.getByRole('navigation', { name: '日常服务' }).getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    const wider = await overflow(page);
    assert.ok(wider <= 0, `${tab}: the page is ${wider}px wider than the window`);
  }
  await page.getByRole('navigation', { name: '日常服务' }).getByRole('link', { name: '满意度调查' }).click();
  await page.locator('table a').first().click();
  await page.getByRole('heading', { name: '重要性—满意度四分图' }).waitFor();
  assert.ok((await overflow(page)) <= 0, 'survey results fit');
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByRole('heading', { name: '新建客户' }).waitFor();
  assert.ok((await overflow(page)) <= 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a save that hits the storage quota says so and keeps the input', async () => {
  const { context, page, problems } = await open('/customers/new');
  await page.getByLabel(/^姓名\/名称/).waitFor();
  const cdp = await context.newCDPSession(page);
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin: base() });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: base(), quotaSize: usage + 10_000 });
  await page.getByLabel(/^姓名\/名称/).fill('大客户');
  await page.getByLabel('备注').fill('很长的备注'.repeat(3000));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').getByText(/浏览器存储空间已满，未能保存/).waitFor();
  assert.equal(await page.getByLabel(/^姓名\/名称/).inputValue(), '大客户');
  assert.equal((await page.getByLabel('备注').inputValue()).length, 15000);

  // With room again, the same form saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: base() });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '大客户' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a newer Kehu upgrading the database: this tab asks to reload, then refuses the newer data', async () => {
  const { context, page, problems } = await open('/customers');
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  // What a newer version of the app in another tab would do: upgrade the database.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('kehu', 99);
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  }));
  await page.getByRole('alert').getByText(/Kehu 已在另一个标签页中更新/).waitFor();
  await page.getByRole('button', { name: '刷新页面' }).click();
  await page.getByRole('alert').getByText(/来自更新版本的 Kehu（数据库版本 99，本应用为 \d+）/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
