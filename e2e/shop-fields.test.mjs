// End-to-end: what a shop keeps about a customer beyond the built-in fields. Custom
// fields are declared once (a built-in name is refused), filled in on the form,
// searched, and exported; a birthday without its year is kept as one; a number is
// found however it is typed; an opening balance shows as one 期初 line among the orders
// and counts in the value analysis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, eventually, exportWorkbook, nav, textIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('custom fields, a month-day birthday and a number typed another way', async () => {
  const { context, page, problems } = await open('/customers/fields');
  await page.getByRole('heading', { name: '自定义字段' }).waitFor();
  const name = page.getByLabel('字段名称');
  // A built-in name is refused with the reason, and the input stays.
  await name.fill('手机');
  await page.getByRole('button', { name: '添加字段' }).click();
  await page.getByRole('alert').filter({ hasText: '与内置字段或保留字同名' }).waitFor();
  assert.equal(await name.inputValue(), '手机');
  await name.fill('会员卡号');
  await page.getByRole('button', { name: '添加字段' }).click();
  await page.getByRole('cell', { name: '会员卡号', exact: true }).waitFor();
  await name.fill('口味偏好');
  await page.getByLabel('类型').selectOption('choice');
  await page.getByLabel('选项', { exact: true }).fill('绿茶，红茶');
  await page.getByRole('button', { name: '添加字段' }).click();
  await page.getByRole('cell', { name: '口味偏好', exact: true }).waitFor();

  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('赵丽');
  await page.getByLabel('电话').fill('137-0013-7000');
  await page.getByLabel('生日').fill('3月8日');
  await page.getByLabel('微信号').fill('zhaoli_tea');
  await page.getByLabel('会员卡号').fill('VIP-0817');
  await page.getByLabel('口味偏好').selectOption('红茶');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: '赵丽' }).waitFor();
  await page.getByText('03-08').waitFor();
  await page.getByText('（年份不详）').waitFor();
  await page.getByText('VIP-0817').waitFor();

  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('钱七');
  await page.getByLabel('口味偏好').selectOption('绿茶');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: '钱七' }).waitFor();

  // Search finds the member card, the WeChat id, and the number with its country code.
  await nav(page, '客户档案');
  const search = page.getByRole('searchbox', { name: '搜索' });
  for (const q of ['vip-0817', 'zhaoli', '+86 137 0013 7000', '8613700137000']) {
    await search.fill(q);
    await page.getByText(/显示 1 \/ 2/).waitFor();
    await page.getByRole('link', { name: '赵丽' }).waitFor();
  }
  await search.fill('没有这个人');
  await page.getByText(/显示 0 \/ 2/).waitFor();
  await search.fill('');
  // A choice field is a filter of the list.
  await page.getByLabel('自定义字段').selectOption({ label: '口味偏好: 绿茶' });
  await page.getByText(/显示 1 \/ 2/).waitFor();
  await page.getByRole('link', { name: '钱七' }).waitFor();
  await page.getByLabel('自定义字段').selectOption({ label: '全部' });
  await page.getByText(/显示 2 \/ 2/).waitFor();

  // A choice removed while a customer holds it: the value stays on the customer.
  await page.goto(new URL('/customers/fields', page.url()).href);
  const choices = page.getByRole('textbox', { name: '选项' }).first();
  await choices.fill('绿茶');
  await choices.press('Tab');
  await eventually(async () => assert.equal(await choices.inputValue(), '绿茶'));
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '赵丽' }).click();
  await page.getByText('红茶').waitFor();

  // The workbook holds the values by field name and the birthday without its year.
  const { json: book } = await exportWorkbook(page);
  const zhao = book.collections.customers.find((c) => c.name === '赵丽');
  assert.equal(zhao.birthday, '--03-08');
  assert.deepEqual(zhao.custom, { 会员卡号: 'VIP-0817', 口味偏好: '红茶' });
  assert.equal(zhao.wechat, 'zhaoli_tea');
  const fields = book.collections.settings.find((s) => s.id === 'custom_fields');
  assert.deepEqual(fields.value.custom_fields.fields.map((f) => f.name), ['会员卡号', '口味偏好']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an opening balance is one 期初 line among the orders and counts in the value analysis', async () => {
  const { context, page, problems } = await open('/customers/new');
  await page.getByLabel(/^姓名\/名称/).fill('老茶客');
  await page.getByText('期初（使用 Kehu 之前的消费）').click();
  await page.getByLabel('累计消费（元）').fill('¥3,000');
  await page.getByLabel('消费次数').fill('12');
  const last = new Date().toISOString().slice(0, 10);
  await page.getByLabel('最近购买').fill(last);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('heading', { name: '老茶客' }).waitFor();
  await textIs(page.getByTestId('opening'), `¥3,000.00 · × 12 · – ${last}`);
  // The value analysis of the last year counts the balance: an A customer.
  await page.getByTestId('customer-value').getByText('A', { exact: true }).waitFor();

  await page.goto(new URL('/orders', page.url()).href);
  const line = page.getByRole('row').filter({ hasText: '期初' });
  await line.getByText('老茶客').waitFor();
  await line.getByRole('gridcell', { name: '¥3,000.00', exact: true }).waitFor();
  await page.getByText('销售额: ¥3,000.00').waitFor();
  // The dashboard's revenue of this month counts it, and says so.
  await page.goto(new URL('/dashboard', page.url()).href);
  await textIs(page.getByTestId('dash-revenue'), '¥3,000.00');
  await page.getByText('含期初 ¥3,000.00').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
