// End-to-end: the release build in headless Chromium, driven by role and accessible
// name as a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, eventually, exportWorkbook, firstRecordHref, importFile, loaded, until } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });

function sortedCustomers(wb) {
  return [...wb.collections.customers].sort((a, b) => a.id.localeCompare(b.id));
}

async function loadSample(page) {
  await page.getByRole('link', { name: /^(工作簿|Workbook)$/ }).click();
  await page.getByRole('button', { name: /房地产|real-estate/ }).click();
  await page.getByText(/示例数据已载入|Sample data loaded/).waitFor();
}

/** The sample company's customer list, every customer read and listed: its grid. */
async function sampleList(page) {
  await loadSample(page);
  await page.getByRole('link', { name: '客户档案' }).click();
  const grid = page.getByRole('grid', { name: '客户列表' });
  await grid.waitFor();
  await loaded(page);
  await page.getByText(/显示 200 \/ 200/).waitFor();
  return grid;
}

test('add a customer, see validation in Chinese, reload: it is still there', async () => {
  const { context, page, problems } = await open('/');
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('必填').first().waitFor();
  await page.getByLabel(/^姓名\/名称/).fill('熊晓燕');
  await page.getByLabel('电话').fill('12345');
  await page.getByLabel('电子邮箱').fill('xiong@');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText(/不是有效的电话号码/).waitFor();
  await page.getByText('不是有效的电子邮箱地址').waitFor();
  // The input survives the refused save.
  assert.equal(await page.getByLabel(/^姓名\/名称/).inputValue(), '熊晓燕');
  await page.getByLabel('电话').fill('0791-8888888');
  await page.getByLabel('电子邮箱').fill('xiong@example.cn');
  await page.getByLabel('公司').fill('南昌赣江置业有限公司');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '熊晓燕' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '熊晓燕' }).waitFor();
  await page.getByRole('link', { name: '客户档案' }).click();
  await page.getByRole('link', { name: '熊晓燕' }).waitFor();
  await page.getByRole('searchbox', { name: '搜索' }).fill('8888888');
  await page.getByText(/显示 1 \/ 1/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a record opened straight from its address after a reload is found, though its collection is read after opening', async () => {
  const { context, page, problems } = await open('/');
  await loadSample(page);
  // Each of these collections is read in the background after the app opens.
  for (const list of ['/orders', '/tickets', '/service', '/pipeline']) {
    await page.goto(base() + list);
    // The list's rows come with the background read; its own links (new, import) before.
    await page.locator(`main a[href^="${list}/"]`).filter({ hasNotText: /新建|导入/ }).first().waitFor();
    const href = await firstRecordHref(page, list);
    assert.ok(href, `a record under ${list}`);
    await page.goto(base() + href);
    await page.getByRole('button', { name: '保存' }).first().waitFor();
    assert.equal(await page.getByText('找不到这条记录').count(), 0, href);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('switch to English and back; the choice survives a reload', async () => {
  const { context, page, problems } = await open('/customers');
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '客户档案' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('scrolled by a few rows, the list shows each customer once in its place; switched to English, its cells are in English', async () => {
  const { context, page, problems } = await open('/');
  const grid = await sampleList(page);
  // Each drawn row: its place in the list (aria-rowindex) and the customer's name.
  const drawn = () => page.evaluate(() => [...document.querySelectorAll('.tbody .tr')].map((r) => [Number(r.getAttribute('aria-rowindex')), r.querySelector('a[href^="/customers/"]')?.textContent ?? '']).sort((a, b) => a[0] - b[0]));
  const top = await until(async () => { const d = await drawn(); return d.length > 5 && d; }, { message: 'the list drawn' });
  const byPlace = new Map(top);
  // A wheel's worth at a time, down and back up: a place keeps its customer.
  for (const y of [120, 240, 360, 120, 0]) {
    await grid.evaluate((el, y) => { el.scrollTop = y; }, y);
    const d = await until(async () => {
      const d = await drawn();
      // Scrolled: the first row drawn is six rows (the overscan) above the view's top.
      return d.length > 5 && d[0][0] - 2 === Math.max(0, y / 40 - 6) && d;
    }, { message: `the list scrolled to ${y}` });
    const places = d.map(([i]) => i);
    assert.deepEqual(places, [...new Set(places)], 'each place drawn once');
    assert.deepEqual(places, places.map((_, k) => places[0] + k), 'the drawn rows follow each other');
    for (const [i, name] of d) if (byPlace.has(i)) assert.equal(name, byPlace.get(i), `row ${i}`);
    for (const [i, name] of d) byPlace.set(i, name);
  }
  // The stage column is drawn in the page's language, in every row drawn.
  const stages = () => page.evaluate(() => [...document.querySelectorAll('.tbody .tr')].map((r) => r.textContent).join(' '));
  await eventually(async () => assert.match(await stages(), /潜在|意向|成交|忠诚|流失/));
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  await eventually(async () => {
    const text = await stages();
    assert.match(text, /Prospect|Intent|Customer|Loyal|Lost/);
    assert.doesNotMatch(text, /潜在|意向|成交|忠诚|流失/);
  });
  await page.getByRole('button', { name: '中文' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the browser language chooses the first language', async () => {
  const { context, page } = await open('/customers', { locale: 'en-US' });
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  await context.close();
});

test('export, clear, import: the same data comes back', async () => {
  const { context, page, problems } = await open('/');
  await loadSample(page);
  const first = await exportWorkbook(page);
  assert.match(first.name, /^kehu-\d{4}-\d{2}-\d{2}\.kehu\.json$/);
  assert.equal(first.json.format, 'kehu-workbook');
  assert.equal(first.json.collections.customers.length, 200);

  // Clear: select all, move to the trash, empty the trash.
  await page.getByRole('link', { name: '客户档案' }).click();
  await page.getByRole('checkbox', { name: '全选' }).check();
  await page.getByRole('button', { name: '移到回收站' }).click();
  await page.getByText(/还没有客户/).waitFor();
  await page.getByRole('link', { name: '回收站' }).click();
  await page.getByRole('button', { name: '清空回收站' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '永久删除' }).click();
  await page.getByText('回收站是空的。').waitFor();

  await importFile(page, first.name, first.text);
  // The customers come back with their service records; the scripts, surveys and
  // self-checks never left.
  await page.getByText(/合并完成: \d+ 新增, 0 更新, \d+ 未变/).waitFor();
  const second = await exportWorkbook(page);
  assert.deepEqual(sortedCustomers(second.json), sortedCustomers(first.json));

  // Merging the same file again changes nothing.
  await importFile(page, first.name, first.text);
  const total = Object.values(first.json.collections).reduce((n, c) => n + c.length, 0);
  await page.getByText(`合并完成: 0 新增, 0 更新, ${total} 未变`).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a malformed file and a file with one invalid record are refused, nothing changes', async () => {
  const { context, page, problems } = await open('/');
  await loadSample(page);
  const before = await exportWorkbook(page);

  await importFile(page, 'broken.kehu.json', before.text.slice(0, 5000));
  await page.getByRole('alert').getByText(/文件未导入，数据没有任何改动/).waitFor();
  await page.getByRole('alert').getByText(/不是有效的 JSON/).waitFor();

  const bad = JSON.parse(before.text);
  bad.collections.customers[1].email = 'not-an-email';
  bad.collections.customers[1].updated_at = '2030-01-01T00:00:00Z';
  bad.collections.customers.push({ id: 'new-one', name: '新客户', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
  await importFile(page, 'bad.kehu.json', JSON.stringify(bad));
  await page.getByRole('alert').getByText('collections.customers[1].email: 不是有效的电子邮箱地址').waitFor();

  const newer = JSON.parse(before.text);
  newer.version = 99;
  await importFile(page, 'newer.kehu.json', JSON.stringify(newer));
  await page.getByRole('alert').getByText(/更新版本的 Kehu/).waitFor();

  const after = await exportWorkbook(page);
  assert.deepEqual(sortedCustomers(after.json), sortedCustomers(before.json));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the list works from the keyboard and bulk actions change many rows', async () => {
  const { context, page, problems } = await open('/');
  const grid = await sampleList(page);
  // Only the visible rows are in the DOM (once the list is drawn).
  const rendered = await until(async () => {
    const n = await grid.getByRole('row').count();
    return n > 5 && n;
  }, { message: 'the list drawn' });
  assert.ok(rendered <= 60, `rendered ${rendered} rows`);

  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const name = await page.locator('.tr.active a[href^="/customers/"]').innerText();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name }).waitFor();
  await page.goBack();

  await page.getByRole('searchbox', { name: '搜索' }).fill('南昌');
  // The search has narrowed the list before everything shown is selected.
  await until(async () => {
    const n = Number((await page.locator('.stats span').first().innerText()).match(/显示 (\d+) \/ 200/)?.[1]);
    return n > 0 && n < 200;
  }, { message: 'the search applied' });
  await page.getByRole('checkbox', { name: '全选' }).check();
  const selected = Number(await until(async () => (await page.locator('.bulkbar strong').innerText()).match(/\d+/)?.[0], { message: 'the selection counted' }));
  assert.ok(selected > 0);
  await page.getByLabel('改为阶段').selectOption('lost');
  await page.getByRole('button', { name: '应用', exact: true }).click();
  await page.getByRole('status').getByText('已保存', { exact: true }).first().waitFor();
  await page.getByRole('searchbox', { name: '搜索' }).fill('');
  await page.getByText(/显示 200 \/ 200/).waitFor();
  await page.locator('label', { hasText: '阶段' }).first().locator('select').selectOption('lost');
  // Filtered (fewer than all 200 shown), the lost customers include those just changed.
  await eventually(async () => {
    const lost = await page.locator('.stats span').first().innerText();
    const n = Number(lost.match(/显示 (\d+) \/ 200/)?.[1]);
    assert.ok(n >= selected && n < 200, lost);
  });
  assert.deepEqual(problems, []);
  await context.close();
});
