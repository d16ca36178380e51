// End-to-end: Kehu fits who is using it (the first visit's question, the sidebar per
// use, kept in the workbook), the customer box of a form (a name typed in full, the
// keyboard), range selection in the customer list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addCustomer, appUnderTest, axeViolations, eventually, exportWorkbook, importFile, loaded, sidebar, textIs, valueIs } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });

/** The sidebar's links shown first (outside 更多), in order. */
const firstLinks = (page) => page.getByRole('navigation', { name: '主导航' }).locator(':scope > ul:not(#nav-more)').getByRole('link').allTextContents();

const SHOP_FIRST = ['工作台', '客户档案', '客户开发', '日常服务', '投诉与关怀', '工作簿'];
const EVERY_PAGE = ['工作台', '客户档案', '日常服务', '客户开发', '大客户', '投诉与关怀', '呼叫中心', '组织结构', '工作流程图', '实训', '批阅', '工作簿', '回收站'];

async function shopSidebarShown(page) {
  await eventually(async () => assert.deepEqual(await firstLinks(page), SHOP_FIRST));
  const more = page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '更多' });
  await more.waitFor();
  return more;
}

test('a first visit asks what Kehu is for; 店铺 puts the shop pages first and the rest under 更多, kept over a reload and in the workbook', async () => {
  const { context, page, problems } = await open('/');
  const question = page.getByRole('region', { name: '欢迎使用 Kehu！你用它来做什么？' });
  await question.waitFor();
  // Not a dialog, and until a choice the sidebar is whole, in its usual order.
  assert.equal(await page.getByRole('dialog').count(), 0);
  await loaded(page);
  assert.deepEqual(await firstLinks(page), EVERY_PAGE);
  assert.equal(await page.getByRole('button', { name: '更多' }).count(), 0);

  // From the keyboard: Enter on the first use.
  await question.getByRole('button', { name: /^店铺 \/ 工作/ }).focus();
  await page.keyboard.press('Enter');
  const start = page.getByRole('region', { name: '开始管理你的客户' });
  await start.waitFor();
  await question.waitFor({ state: 'detached' });
  // The one card there is has the focus (the question it replaced had it).
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'welcome-card'));
  assert.equal(await start.getByRole('link', { name: '导入 CSV' }).getAttribute('href'), '/customers/import');
  await start.getByText(/数据只保存在这个浏览器里.*工作簿.*导出工作簿/).waitFor();

  const more = await shopSidebarShown(page);
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  const nav = page.getByRole('navigation', { name: '主导航' });
  assert.equal(await nav.getByRole('link', { name: '组织结构' }).count(), 0, 'the pages under 更多 are folded away');
  // Nothing is removed: every other page is under 更多.
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  const under = await nav.locator('#nav-more').getByRole('link').allTextContents();
  assert.deepEqual([...SHOP_FIRST, ...under].sort(), [...EVERY_PAGE].sort());
  // The first-steps card and the sidebar with 更多 open pass the audit.
  assert.deepEqual(await axeViolations(page, 'shop start, 更多 open'), []);
  // A page under 更多 is marked as the current page there, and stays shown after a reload.
  await nav.getByRole('link', { name: '组织结构' }).click();
  await page.getByRole('heading', { name: '组织结构', level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '组织结构', level: 1 }).waitFor();
  await shopSidebarShown(page);
  await eventually(async () => assert.equal(await nav.getByRole('link', { name: '组织结构' }).getAttribute('aria-current'), 'page'));
  assert.equal(await nav.getByRole('button', { name: '更多' }).getAttribute('aria-expanded'), 'true');

  // "知道了" puts the first-steps card away; the question does not come back.
  await sidebar(page, '工作台');
  await start.getByRole('button', { name: '知道了' }).click();
  await start.waitFor({ state: 'detached' });
  await page.goto(base() + '/');
  await loaded(page);
  assert.equal(await page.getByTestId('welcome').count(), 0);

  // The choice is in the workbook: a new browser that imports the file gets it.
  const file = await exportWorkbook(page);
  const usage = file.json.collections.settings.find((s) => s.id === 'usage');
  assert.deepEqual(usage.value, { usage: { purpose: 'shop' } });
  assert.deepEqual(problems, []);
  await context.close();

  const other = await open('/');
  await other.page.getByRole('region', { name: '欢迎使用 Kehu！你用它来做什么？' }).waitFor();
  await importFile(other.page, file.name, file.text);
  await other.page.getByText(/合并完成/).waitFor();
  await shopSidebarShown(other.page);
  // And on the workbook page the choice can be changed: to none, every page again.
  await valueIs(other.page.getByLabel('Kehu 的用途'), 'shop');
  await other.page.getByLabel('Kehu 的用途').selectOption('');
  await eventually(async () => assert.deepEqual(await firstLinks(other.page), EVERY_PAGE));
  assert.deepEqual(other.problems, []);
  await other.context.close();
});

test('the workbook page counts every record of the book, per table', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  const file = await exportWorkbook(page);
  const tables = Object.entries(file.json.collections).filter(([, records]) => records.length > 0);
  const total = tables.reduce((n, [, records]) => n + records.length, 0);
  await eventually(async () => assert.match(await page.getByTestId('book-total').textContent(), new RegExp(`^${total} 条记录`)));
  const counts = page.getByTestId('book-counts').getByRole('listitem');
  await eventually(async () => assert.equal(await counts.count(), tables.length));
  // The customers and the orders, each with its own count.
  await counts.filter({ hasText: /^客户 200$/ }).waitFor();
  const orders = file.json.collections.orders.length;
  assert.ok(orders > 0);
  await counts.filter({ hasText: new RegExp(`^订单 ${orders}$`) }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a student is asked for name, class and number after choosing 课程实训; Escape or "Later" puts a card away for good', async () => {
  const { context, page, problems } = await open('/dashboard');
  await page.getByRole('region', { name: '欢迎使用 Kehu！你用它来做什么？' }).getByRole('button', { name: /^课程实训/ }).click();
  const card = page.getByRole('region', { name: '欢迎！请留下你的学生信息' });
  await card.waitFor();
  // 实训 first in the sidebar, 批阅 under 更多.
  await eventually(async () => assert.equal((await firstLinks(page))[0], '实训'));
  assert.equal(await card.getByRole('link', { name: '查看实训任务' }).getAttribute('href'), '/exercises');
  // A name of blanks is no name.
  await card.getByLabel('姓名').fill('   ');
  await card.getByRole('button', { name: '保存我的信息' }).click();
  await card.getByText('必填').waitFor();
  await card.getByLabel('姓名').fill('李雷');
  await card.getByLabel('班级').fill('电商2302');
  await card.getByLabel('学号').fill('2023017');
  await card.getByRole('button', { name: '保存我的信息' }).click();
  await page.getByText('所有者已保存').waitFor();
  await card.waitFor({ state: 'detached' });
  await sidebar(page, '工作簿');
  await valueIs(page.getByLabel('姓名'), '李雷');
  for (const path of ['/dashboard', '/']) {
    await page.goto(base() + path);
    await loaded(page);
    assert.equal(await page.getByTestId('welcome').count(), 0, path);
  }
  assert.deepEqual(problems, []);
  await context.close();

  // Escape inside the question puts it away, for good; the focus goes to the page.
  const second = await open('/');
  const question = second.page.getByRole('region', { name: '欢迎使用 Kehu！你用它来做什么？' });
  await question.getByRole('button', { name: /^教师批阅/ }).focus();
  await second.page.keyboard.press('Escape');
  await question.waitFor({ state: 'detached' });
  assert.equal(await second.page.evaluate(() => document.activeElement?.id), 'main');
  await second.page.reload();
  await loaded(second.page);
  assert.equal(await second.page.getByTestId('welcome').count(), 0);
  assert.deepEqual(await firstLinks(second.page), EVERY_PAGE);
  assert.deepEqual(second.problems, []);
  await second.context.close();

  // In English, "Later" from the keyboard.
  const third = await open('/dashboard', { locale: 'en-US' });
  const english = third.page.getByRole('region', { name: 'Welcome to Kehu! What will you use it for?' });
  await english.getByRole('button', { name: /^Instructor review/ }).waitFor();
  await english.getByRole('button', { name: 'Later' }).focus();
  await third.page.keyboard.press('Enter');
  await english.waitFor({ state: 'detached' });
  await third.page.goto(base() + '/dashboard');
  await third.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  assert.equal(await third.page.getByTestId('welcome').count(), 0);
  assert.deepEqual(third.problems, []);
  await third.context.close();
});

test('the customer box takes a name typed in full, and ↓ and Enter pick a match', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '王芳', '13900000001');
  await addCustomer(page, '王芳芳', '13900000002');

  // "王芳" matches both in the list, but only one customer is called exactly that.
  await page.goto(base() + '/tickets/new');
  const box = page.getByRole('combobox', { name: /^客户/ });
  const matches = page.getByRole('listbox', { name: '匹配的客户' }).getByRole('option');
  await box.fill('王芳');
  await eventually(async () => assert.equal(await matches.count(), 2));
  await page.getByLabel(/^标题/).fill('电源坏了');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/tickets\/(?!new)[^/]+$/);
  await page.getByText('王芳 13900000001').waitFor();
  assert.equal(await page.getByText('必填').count(), 0);
  // "已保存" shows under the page, not over it: no part of <main> lies beneath it.
  const toast = page.locator('.toast').filter({ hasText: '已保存' }).last();
  await toast.waitFor();
  const [t, m] = [await toast.boundingBox(), await page.locator('main').boundingBox()];
  assert.ok(t.y >= m.y + m.height - 0.5, `the message (top ${t.y}) covers the page (bottom ${m.y + m.height})`);

  // The keyboard: ↓ marks the first match, ↓ the second, Enter picks it.
  await page.goto(base() + '/tickets/new');
  await box.fill('王芳');
  await eventually(async () => assert.equal(await matches.count(), 2));
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const marked = matches.and(page.getByRole('option', { selected: true }));
  await eventually(async () => assert.equal(await box.getAttribute('aria-activedescendant'), await marked.getAttribute('id')));
  const name = (await marked.textContent()).split(' ')[0];
  await box.press('Enter');
  // Picked, not sent: still the new ticket's form, the customer shown, "change" focused.
  const change = page.getByRole('button', { name: '更换客户' });
  await change.waitFor();
  assert.match(page.url(), /\/tickets\/new$/);
  await page.locator('.picked').getByText(new RegExp(`^${name} 1390000000[12]$`)).waitFor();
  await eventually(async () => assert.equal(await change.evaluate((b) => b === document.activeElement), true));
  assert.deepEqual(problems, []);
  await context.close();
});

test('shift-click and shift+Space select a range of customers', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  await sidebar(page, '客户档案');
  await loaded(page);
  const boxes = page.getByRole('grid').getByRole('row').getByRole('checkbox', { name: /^选择 / });
  await eventually(async () => assert.ok((await boxes.count()) >= 6));
  const selected = page.getByRole('region', { name: '已选' }).locator('strong');

  // Tick row 2, shift-click row 5: rows 2 to 5.
  await boxes.nth(1).click();
  await boxes.nth(4).click({ modifiers: ['Shift'] });
  await textIs(selected, '已选: 4');
  const states = async () => Promise.all([0, 1, 2, 3, 4, 5].map((i) => boxes.nth(i).isChecked()));
  await eventually(async () => assert.deepEqual(await states(), [false, true, true, true, true, false]));
  // Shift-click on a selected row clears from the last one clicked (row 5) to it.
  await boxes.nth(2).click({ modifiers: ['Shift'] });
  await textIs(selected, '已选: 1');
  await eventually(async () => assert.deepEqual(await states(), [false, true, false, false, false, false]));
  await page.getByRole('button', { name: '取消选择' }).click();

  // From the keyboard: Home, Space on the first row, ↓ three times, shift+Space.
  const grid = page.getByRole('grid', { name: /客户/ });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await textIs(selected, '已选: 1');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+Space');
  await textIs(selected, '已选: 4');
  await eventually(async () => assert.deepEqual(await states(), [true, true, true, true, false, false]));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a ticket waiting for its callback still offers 安排回访 after leaving; a callback from the 回访 page can be tied to it', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '工单回访客户', '13800003333');
  await page.getByRole('link', { name: '新建售后单' }).click();
  await page.getByLabel(/^标题/).fill('空调漏水');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '处理流程: 新建' }).waitFor();
  await page.getByRole('button', { name: '开始处理' }).click();
  await page.getByRole('heading', { name: '处理流程: 处理中' }).waitFor();
  await page.getByRole('button', { name: '处理完毕，待回访' }).click();
  await page.getByRole('heading', { name: '处理流程: 待回访' }).waitFor();
  await page.getByText(/建议安排一次回访/).waitFor();
  const ticketUrl = page.url();
  // Away and back inside the app, then from a fresh load: still offered.
  await sidebar(page, '客户档案');
  await page.getByRole('heading', { name: '客户档案', level: 1 }).waitFor();
  await page.goBack();
  await page.getByText(/建议安排一次回访/).waitFor();
  await page.goto(ticketUrl);
  await loaded(page);
  await page.getByText(/建议安排一次回访/).waitFor();

  // Scheduled from the 回访 page, for the customer, and tied to the ticket.
  await page.goto(base() + '/callbacks/new');
  await page.getByRole('combobox', { name: /^客户/ }).fill('工单回访客户');
  await page.getByRole('option', { name: /^工单回访客户/ }).click();
  await page.getByLabel('关联售后单').selectOption({ label: '空调漏水' });
  await page.getByText('跟进: 空调漏水').waitFor();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/callbacks$/);
  // The ticket has its callback now: it no longer asks for one.
  await page.goto(ticketUrl);
  await page.getByRole('heading', { name: '处理流程: 待回访' }).waitFor();
  await loaded(page);
  assert.equal(await page.getByText(/建议安排一次回访/).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the complaint KPI page names its count; the org page prints the table 1-1 ranges it heads', async () => {
  const { context, page, problems } = await open('/complaints/kpi');
  await page.getByText(/^期间内受理的投诉: 0$/).waitFor();
  await page.goto(base() + '/org');
  await loaded(page);
  await page.emulateMedia({ media: 'print' });
  const ranges = page.getByTestId('span-rules').getByRole('textbox');
  await eventually(async () => assert.equal(await ranges.count(), 3));
  for (const [i, range] of ['3-6', '5-9', '7-15'].entries()) {
    assert.equal(await ranges.nth(i).isVisible(), true, `the range ${range} prints`);
    await valueIs(ranges.nth(i), range);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
