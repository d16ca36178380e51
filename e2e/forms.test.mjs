// End-to-end: forms keep what users type and write it once (issue 18, items 2 and 7).
// A double-click on 兑换 writes one ledger line and the balance never goes below zero,
// also after a reload; a double-click on 保存 logs one call; a form with unsaved input
// asks before an in-app link, Back or a reload takes it away, a clean one does not; a
// conflict with another tab shows both versions, and each choice does what it says.
// Every step waits for what it reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addCustomer, appUnderTest, nav, textIs } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });

/** Polls `read()` (up to 10 s) until `ok(value)`, then returns the value; fails with the last one. */
async function until(read, ok, what) {
  let last;
  for (let i = 0; i < 100; i++) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: still ${JSON.stringify(last)}`);
}

const ledgerCount = (page) =>
  page.locator('details summary', { hasText: '积分明细' }).textContent().then((t) => Number(/\((\d+)\)/.exec(t)?.[1]));

test('a double-click on 兑换 writes one entry, and the balance never goes below zero, also after a reload', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '双击客户', '13800001111');
  const points = page.getByTestId('points');
  await page.getByLabel('积分数').fill('1000');
  await page.getByLabel('原因').fill('期初积分');
  await page.getByRole('button', { name: '调整' }).click();
  await textIs(points, '余额: 1000累计获得: 0等级: 普通');
  await until(() => ledgerCount(page), (n) => n === 1, 'ledger lines after the adjustment');

  // 700 of 1,000, clicked twice at once: one line of -700, balance 300.
  await page.getByLabel('积分数').fill('700');
  await page.getByLabel('原因').fill('兑换礼品');
  await page.getByRole('button', { name: '兑换' }).dblclick();
  await textIs(points, '余额: 300累计获得: 0等级: 普通');
  await until(() => ledgerCount(page), (n) => n === 2, 'ledger lines after a double-click');
  // The button is free again and the fill was saved: clicking once more writes nothing.
  await until(() => page.getByRole('button', { name: '兑换' }).getAttribute('aria-disabled'), (v) => v === 'false', 'redeem button busy');
  await page.getByRole('button', { name: '兑换' }).click();
  // Another 700 is more than the 300 left: refused, nothing written.
  await page.getByLabel('积分数').fill('700');
  await page.getByRole('button', { name: '兑换' }).dblclick();
  await page.getByText('兑换超过余额，可用积分： 300').waitFor();
  await textIs(points, '余额: 300累计获得: 0等级: 普通');

  await page.reload();
  await textIs(page.getByTestId('points'), '余额: 300累计获得: 0等级: 普通');
  await until(() => ledgerCount(page), (n) => n === 2, 'ledger lines after a reload');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a double-click on 保存 in 登记通话 logs one call', async () => {
  const { context, page, problems } = await open('/calls');
  await page.getByLabel('从').fill('2020-01-01');
  await textIs(page.getByTestId('offered'), '0');
  const form = page.getByRole('form', { name: '登记通话' });
  await form.getByLabel('排队（秒）').fill('10');
  await form.getByLabel('通话（秒）').fill('60');
  await form.getByLabel('坐席').fill('王丽');
  await form.getByRole('button', { name: '保存', exact: true }).dblclick();
  await textIs(page.getByTestId('offered'), '1');
  // Written and free again, and a further click on the saved (emptied) form writes nothing.
  await until(() => form.getByRole('button', { name: '保存', exact: true }).getAttribute('aria-disabled'), (v) => v === 'false', 'save button busy');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await textIs(page.getByTestId('offered'), '1');
  await page.reload();
  await page.getByLabel('从').fill('2020-01-01');
  await textIs(page.getByTestId('offered'), '1');
  // A new fill is a new call.
  await page.getByRole('form', { name: '登记通话' }).getByLabel('通话（秒）').fill('30');
  await page.getByRole('form', { name: '登记通话' }).getByLabel('坐席').fill('李强');
  await page.getByRole('form', { name: '登记通话' }).getByRole('button', { name: '保存', exact: true }).click();
  await textIs(page.getByTestId('offered'), '2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a customer form with unsaved input asks before a link, Back or a reload; a clean one does not', async () => {
  const { context, page, problems } = await open('/customers/new');
  const dialogs = [];
  // Answers recorded per dialog; Playwright would dismiss them unasked otherwise.
  let answer = 'dismiss';
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await (answer === 'accept' ? d.accept() : d.dismiss());
  });
  const name = page.getByLabel(/^姓名\/名称/);
  await page.getByRole('heading', { name: '新建客户' }).waitFor();

  // Clean: the link is followed without a question.
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).waitFor();
  assert.deepEqual(dialogs, []);

  // Typed: the link asks; dismissed, the form stays with the input.
  await page.getByRole('link', { name: '新建客户' }).click();
  await name.fill('未保存的客户');
  await nav(page, '客户档案');
  await until(async () => dialogs.length, (n) => n === 1, 'dialogs after a link');
  assert.deepEqual(dialogs, ['confirm']);
  assert.equal(new URL(page.url()).pathname, '/customers/new');
  assert.equal(await name.inputValue(), '未保存的客户');

  // Back asks too; dismissed, the address and the input stay.
  await page.evaluate(() => history.back());
  await until(async () => dialogs.length, (n) => n === 2, 'dialogs after Back');
  assert.equal(dialogs[1], 'confirm');
  await until(async () => new URL(page.url()).pathname, (p) => p === '/customers/new', 'address after a refused Back');
  assert.equal(await name.inputValue(), '未保存的客户');

  // A reload asks through the browser's own prompt; accepted, the page reloads.
  answer = 'accept';
  await page.reload();
  assert.equal(dialogs[2], 'beforeunload');
  await page.getByRole('heading', { name: '新建客户' }).waitFor();
  assert.equal(await page.getByLabel(/^姓名\/名称/).inputValue(), '');
  // Clean again after the reload: a link leaves at once.
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).waitFor();
  assert.equal(dialogs.length, 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a conflict with another tab shows both versions; keep mine saves over it, take theirs loads it', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '冲突客户', '13800003333');
  const path = new URL(page.url()).pathname;
  const other = await context.newPage();
  await other.goto(base() + path + '/edit');
  await page.goto(base() + path + '/edit');
  const phone = (p) => p.getByLabel('电话');
  await until(() => phone(page).inputValue(), (v) => v === '13800003333', 'form loaded');
  await until(() => phone(other).inputValue(), (v) => v === '13800003333', 'other form loaded');

  // The other tab saves a new phone first.
  await phone(other).fill('13900004444');
  await other.getByRole('button', { name: '保存', exact: true }).click();
  await other.getByRole('heading', { name: '冲突客户' }).waitFor();

  // This tab saves its notes: refused, both versions shown.
  await page.getByLabel('备注').fill('我的备注');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const panel = page.getByRole('region', { name: '另一个版本' });
  await panel.waitFor();
  await panel.getByRole('row', { name: '电话 13800003333 13900004444' }).waitFor();
  await panel.getByRole('row', { name: '备注 我的备注' }).waitFor();
  // Saving again without choosing meets the same conflict: nothing overwritten.
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await panel.waitFor();

  // Take theirs: the form shows the stored version, and saving that is no conflict.
  await panel.getByRole('button', { name: '采用已保存的版本' }).click();
  await panel.waitFor({ state: 'detached' });
  await until(() => phone(page).inputValue(), (v) => v === '13900004444', 'phone after taking theirs');
  assert.equal(await page.getByLabel('备注').inputValue(), '');

  // Again: the other tab changes the phone, this tab changes it too, and keeps its own.
  await other.goto(base() + path + '/edit');
  await until(() => phone(other).inputValue(), (v) => v === '13900004444', 'other form reloaded');
  await phone(other).fill('13700005555');
  await other.getByRole('button', { name: '保存', exact: true }).click();
  await other.getByRole('heading', { name: '冲突客户' }).waitFor();
  await phone(page).fill('13600006666');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await panel.getByRole('row', { name: '电话 13600006666 13700005555' }).waitFor();
  await panel.getByRole('button', { name: '保留我的（覆盖保存）' }).click();
  await page.getByRole('heading', { name: '冲突客户' }).waitFor();
  // The customer page groups the number for reading.
  await page.getByText('136 0000 6666').first().waitFor();
  // The other tab hears of it and shows the kept version.
  await other.getByText('136 0000 6666').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
