// End-to-end: the dashboard (工作台) shows every module's figures for the period and
// each card leads to its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, overflow, sidebar as nav, textIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('the dashboard counts a new customer and an order, and its cards lead to their pages', async () => {
  const { context, page, problems } = await open('/dashboard');
  await textIs(page.getByTestId('dash-customers'), '0');
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('看板客户');
  await page.getByLabel('电话').fill('13800007777');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '看板客户' }).waitFor();
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.getByRole('textbox', { name: '商品' }).fill('书柜');
  await page.getByRole('textbox', { name: '单价（元）' }).fill('800');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await nav(page, '工作台');
  await textIs(page.getByTestId('dash-customers'), '1');
  await textIs(page.getByTestId('dash-revenue'), '¥800.00');
  // One customer with all the revenue is class A, and class A is a key account by default.
  await textIs(page.getByTestId('dash-a-class'), '1');
  await textIs(page.getByTestId('dash-key-accounts'), '1');
  await page.getByRole('img', { name: /^客户按阶段/ }).waitFor();
  await page.getByRole('link', { name: /^销售额/ }).click();
  await page.getByRole('heading', { name: '订单', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dashboard speaks English and fits a narrow window', async () => {
  const { context, page, problems } = await open('/workbook', { locale: 'en-US', viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: /real-estate/ }).click();
  await page.getByText('Sample data loaded').waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByRole('img', { name: /^New customers per month/ }).waitFor();
  const wider = await overflow(page);
  assert.ok(wider <= 0, `the dashboard is ${wider}px wider than the window`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the workflow charts lead to the page of each step, by mouse and by keyboard', async () => {
  const { context, page, problems } = await open('/workflows');
  const complaint = page.getByRole('group', { name: /^客户投诉处理流程: 受理登记投诉 → 调查核实/ });
  await complaint.getByRole('link', { name: '1. 受理登记投诉' }).click();
  await page.getByRole('button', { name: '受理登记' }).waitFor();
  await page.goBack();
  const fresh = page.getByRole('group', { name: /^新客户开发流程/ }).getByRole('link', { name: '3. 拜访和接近客户' });
  await fresh.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/visits\/new$/);
  assert.deepEqual(problems, []);
  await context.close();
});
