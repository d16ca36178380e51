// End-to-end: the dashboard (工作台) shows every module's figures for the period and
// each card leads to its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, overflow, sidebar as nav, textIs, valueIs } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });

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

test('a first visit asks for name, class and number and points to 实训; saved or put away, the card stays away', async () => {
  const { context, page, problems } = await open('/dashboard');
  const card = page.getByRole('region', { name: '欢迎！你是学生吗？' });
  await card.waitFor();
  // A card in the page, not a dialog: the page's own controls stay free and the card
  // takes no focus by itself.
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="welcome"]')), false);
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
  // The workbook page shows the owner the card saved.
  await nav(page, '工作簿');
  await valueIs(page.getByLabel('姓名'), '李雷');
  await valueIs(page.getByLabel('班级'), '电商2302');
  await valueIs(page.getByLabel('学号'), '2023017');
  // A reload of either home page does not ask again.
  for (const path of ['/dashboard', '/']) {
    await page.goto(base() + path);
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.getByTestId('welcome').count(), 0, path);
  }
  assert.deepEqual(problems, []);
  await context.close();

  // Another fresh browser, a shop owner: Escape inside the card puts it away, for good.
  const second = await open('/');
  const other = second.page.getByRole('region', { name: '欢迎！你是学生吗？' });
  await other.getByLabel('姓名').focus();
  await second.page.keyboard.press('Escape');
  await other.waitFor({ state: 'detached' });
  // The focus goes back to the page, not to nowhere.
  assert.equal(await second.page.evaluate(() => document.activeElement?.id), 'main');
  await second.page.reload();
  await second.page.getByRole('heading', { name: '客户档案', level: 1 }).waitFor();
  assert.equal(await second.page.getByTestId('welcome').count(), 0);
  assert.deepEqual(second.problems, []);
  await second.context.close();

  // And in English, "Not a student / later" from the keyboard.
  const third = await open('/dashboard', { locale: 'en-US' });
  const english = third.page.getByRole('region', { name: 'Welcome! Are you a student?' });
  await english.getByRole('link', { name: 'See the exercises' }).waitFor();
  await english.getByRole('button', { name: 'Not a student / later' }).focus();
  await third.page.keyboard.press('Enter');
  await english.waitFor({ state: 'detached' });
  await third.page.goto(base() + '/dashboard');
  await third.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  assert.equal(await third.page.getByTestId('welcome').count(), 0);
  assert.deepEqual(third.problems, []);
  await third.context.close();
});
