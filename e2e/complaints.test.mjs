// End-to-end: complaints (项目五) — an urgent complaint through its six steps counted
// on time; one past its deadline flagged; a low callback score offering a complaint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addCustomer, appUnderTest, eventually, exportWorkbook, importFile, loaded, sidebar as nav, textIs, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('an urgent complaint walked through six steps is on time; another past its deadline is flagged', async () => {
  const { context, page, problems } = await open('/customers');
  await page.clock.install();
  await addCustomer(page, '投诉客户', '13800009999');
  await page.getByRole('link', { name: '登记投诉' }).click();
  await page.getByLabel('紧急程度').selectOption('urgent');
  await page.getByText('处理时限: 4 h').waitFor();
  await page.getByLabel('投诉类别').selectOption('product_quality');
  // No description: refused, nothing saved.
  await page.getByRole('button', { name: '受理登记' }).click();
  await page.getByText('必填').first().waitFor();
  await page.getByLabel(/^问题描述/).fill('热水器漏水');
  await page.getByLabel('客户诉求').fill('上门维修');
  await page.getByLabel('经办人').fill('王丽');
  await page.getByRole('button', { name: '受理登记' }).click();
  await page.getByRole('heading', { name: '投诉', exact: true }).waitFor();
  for (const step of ['调查', '处理', '答复客户', '回访', '归档']) {
    await page.getByRole('button', { name: `进入下一步: ${step}` }).click();
    await page.getByRole('region', { name: /处理流程/ }).getByText(step, { exact: true }).waitFor();
  }
  await page.getByText('已归档。').waitFor();
  await page.getByLabel('客户对处理结果的满意度（1–5）').selectOption('5');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();

  // A second, normal complaint left open.
  await page.getByRole('link', { name: '投诉登记' }).click();
  await page.getByRole('link', { name: '登记投诉' }).click();
  await page.getByPlaceholder('输入姓名、电话或公司查找客户').fill('投诉客户');
  await page.getByRole('option', { name: /^投诉客户/ }).click();
  await page.getByLabel('紧急程度').selectOption('urgent');
  await page.getByLabel(/^问题描述/).fill('客服不回电话');
  await page.getByRole('button', { name: '受理登记' }).click();
  await page.getByRole('button', { name: '进入下一步: 调查' }).waitFor();

  await page.getByRole('link', { name: '投诉登记' }).click();
  await textIs(page.getByTestId('overdue-complaints'), '0');
  await page.getByRole('link', { name: '投诉指标' }).click();
  // The period runs to tomorrow, so that both 4-hour deadlines fall in it whatever the hour.
  const tomorrow = await page.evaluate(() => {
    const d = new Date(Date.now() + 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.getByLabel('到', { exact: true }).fill(tomorrow);
  await textIs(page.getByTestId('received'), '2');
  // Deadlines in the period: the resolved one, on time; the open one, not due yet, not
  // counted: 1 of 1, 100%. Resolved 1 of 2 received: 50%; rated 5: 100%.
  await textIs(page.getByTestId('on-time-rate'), '100.0%');
  await textIs(page.getByTestId('resolution-rate'), '50.0%');
  await textIs(page.getByTestId('complaint-satisfaction'), '100.0%');

  // Five hours later the open urgent complaint is past its deadline.
  await page.clock.fastForward('05:00:00');
  await page.getByRole('link', { name: '投诉登记' }).click();
  await textIs(page.getByTestId('overdue-complaints'), '1');
  await page.getByRole('row', { name: /客服不回电话/ }).getByText('已逾期').waitFor();
  // Open past its deadline, it now lowers the on-time rate: 1 of 2.
  await page.getByRole('link', { name: '投诉指标' }).click();
  await page.getByLabel('到', { exact: true }).fill(tomorrow);
  await textIs(page.getByTestId('on-time-rate'), '50.0%');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a callback scored 1 offers a complaint filled in with the customer and the answer', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '不满客户', '13800001234');
  await page.getByRole('link', { name: '安排回访' }).first().click();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('link', { name: '完成回访 不满客户' }).click();
  await page.getByRole('group', { name: '满意度（1–5）' }).getByLabel('1').check();
  await page.getByLabel('回访结果').fill('维修后仍然漏水');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('link', { name: '登记为投诉' }).click();
  await page.getByRole('heading', { name: '登记投诉' }).waitFor();
  await page.getByText('不满客户').waitFor();
  await eventually(async () => assert.match(await page.getByLabel(/^问题描述/).inputValue(), /维修后仍然漏水/));
  await page.getByRole('button', { name: '受理登记' }).click();
  await page.getByRole('button', { name: '进入下一步: 调查' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a purchase earns points and lifts the tier at the threshold; redeeming more than the balance is refused', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '积分客户', '13800002468');
  const points = page.getByTestId('points');
  await textIs(points, '余额: 0累计获得: 0等级: 普通');
  // ¥999.90 at 1 point per yuan: 999 points, still 普通.
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.getByRole('textbox', { name: '商品' }).fill('沙发');
  await page.getByRole('textbox', { name: '单价（元）' }).fill('999.90');
  await page.getByRole('button', { name: '保存' }).click();
  await textIs(points, '余额: 999累计获得: 999等级: 普通');
  // One more yuan reaches 1,000 exactly: 银卡.
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.getByRole('textbox', { name: '商品' }).fill('靠垫');
  await page.getByRole('textbox', { name: '单价（元）' }).fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await textIs(points, '余额: 1000累计获得: 1000等级: 银卡');
  // Redeem more than the balance: refused, nothing saved.
  await page.getByLabel('积分数').fill('1500');
  await page.getByRole('button', { name: '兑换' }).click();
  await page.getByText('兑换超过余额，可用积分： 1000').waitFor();
  await textIs(points, '余额: 1000累计获得: 1000等级: 银卡');
  // Redeem 300: the balance falls, the tier stays.
  await page.getByLabel('积分数').fill('300');
  await page.getByLabel('原因').fill('兑换礼品');
  await page.getByRole('button', { name: '兑换' }).click();
  await textIs(points, '余额: 700累计获得: 1000等级: 银卡');
  // Taking part in an activity earns the per-activity points (50 by default).
  await page.getByRole('button', { name: '活动积分 (+50)' }).click();
  await textIs(points, '余额: 750累计获得: 1050等级: 银卡');
  await page.reload();
  await textIs(page.getByTestId('points'), '余额: 750累计获得: 1050等级: 银卡');
  // The loyalty page places the customer on the ladder.
  await nav(page, '投诉与关怀');
  await page.getByRole('navigation', { name: '投诉' }).getByRole('link', { name: '忠诚度' }).click();
  await page.getByRole('row', { name: /重复购买客户 1/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('care: a purchase brings its follow-up with the message filled in; an unknown placeholder is refused', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '关怀客户', '13800003579');
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.getByRole('textbox', { name: '商品' }).fill('茶几');
  await page.getByRole('textbox', { name: '单价（元）' }).fill('800');
  await page.getByRole('button', { name: '保存' }).click();
  await nav(page, '投诉与关怀');
  await page.getByRole('navigation', { name: '投诉' }).getByRole('link', { name: '客户关怀' }).click();
  // The 7-days-after-purchase rule: due within the week, message filled in.
  const due = page.getByRole('region', { name: /待办关怀/ });
  await due.getByText(/关怀客户您好，您 \d{4}-\d{2}-\d{2} 前后购买的商品使用还满意吗/).waitFor();
  // A template with an unknown placeholder is refused; the rule keeps its template.
  await page.getByLabel('消息模板: 生日祝福').fill('{姓名}生日快乐');
  await page.getByRole('button', { name: '保存 生日祝福' }).click();
  await page.getByText('生日祝福: 含有未知的占位符（可用 {name}、{company}、{holiday}、{date}）').waitFor();
  // A holiday of the user's choice: a bad date is refused, a good one adds a rule.
  const holiday = page.getByRole('form', { name: '添加关怀规则' });
  await holiday.getByLabel('节日名称').fill('国庆节');
  await holiday.getByLabel('日期（月-日）').fill('13-40');
  await holiday.getByRole('button', { name: '添加规则' }).click();
  await holiday.getByText(/日期（月-日）: 应在 1 到 31 之间/).waitFor();
  await holiday.getByLabel('日期（月-日）').fill('10-01');
  await holiday.getByRole('button', { name: '添加规则' }).click();
  await page.getByRole('heading', { name: '国庆节', level: 3 }).waitFor();
  // Rules of the other kinds too: N days without an order, with its days checked.
  await holiday.getByLabel('触发条件').selectOption('no_order_for');
  await holiday.getByLabel('规则名称').fill('半年未购买');
  await holiday.getByLabel('天数').fill('0');
  await holiday.getByRole('button', { name: '添加规则' }).click();
  await holiday.getByText('天数: 应在 1 到 3650 之间').waitFor();
  await holiday.getByLabel('天数').fill('180');
  await holiday.getByRole('button', { name: '添加规则' }).click();
  await page.getByRole('heading', { name: '半年未购买', level: 3 }).waitFor();
  await due.getByRole('button', { name: '标记完成 关怀客户' }).click();
  await page.getByRole('heading', { name: '待办关怀 (0)' }).waitFor();
  await page.getByText('关怀记录 (1)').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('personalized service: a profile is kept, a segment rule is listed, an overdue callback is suggested', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '偏好客户', '13800004680');
  await page.locator('summary', { hasText: '偏好档案' }).click();
  await page.getByLabel('偏好的联系方式').fill('微信');
  await page.getByLabel('尺码').fill('XL');
  await page.getByRole('button', { name: '保存偏好档案' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  // A callback due today is a suggested next action.
  await page.getByRole('link', { name: '安排回访' }).first().click();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '今天到期 (1)' }).waitFor();
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '偏好客户' }).click();
  await page.getByTestId('suggestions').getByText(/回访已到期：/).waitFor();
  await page.reload();
  await loaded(page);
  await page.locator('summary', { hasText: '偏好档案' }).click();
  await valueIs(page.getByLabel('尺码'), 'XL');
  // A service rule per segment; one without an action is refused.
  await nav(page, '投诉与关怀');
  await page.getByRole('navigation', { name: '投诉' }).getByRole('link', { name: '个性化服务' }).click();
  await page.getByRole('button', { name: '添加规则' }).click();
  await page.getByText('服务动作: 必填').waitFor();
  await page.getByLabel('服务动作').fill('经理电话回访');
  await page.getByRole('button', { name: '添加规则' }).click();
  await page.getByText('重要挽留客户 → 经理电话回访 (7 天内)').waitFor();
  await page.getByRole('region', { name: /今日各客户的建议/ }).getByRole('link', { name: '偏好客户' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('settings live in the workbook: a deadline set here is exported and comes back on import', async () => {
  const { context, page, problems } = await open('/complaints/kpi');
  const urgent = page.getByLabel('紧急 (h)');
  await urgent.fill('0');
  await urgent.press('Tab');
  await page.getByText('紧急: 应在 1 到 8784 之间').waitFor();
  await valueIs(urgent, '4');
  await urgent.fill('2');
  await urgent.press('Tab');
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  const { name, text, json } = await exportWorkbook(page);
  const deadlines = json.collections.settings.find((s) => s.id === 'complaint_deadlines');
  assert.deepEqual(deadlines.value, { complaint_deadlines: { urgent: 2, high: 24, normal: 72 } });
  // Another book (a fresh browser profile) takes the student's settings from the file.
  const other = await open('/complaints/new');
  await other.page.getByLabel('紧急程度').selectOption('urgent');
  await other.page.getByText('处理时限: 4 h').waitFor();
  await importFile(other.page, name, text);
  await other.page.getByText(/合并完成: \d+ 新增/).waitFor();
  await nav(other.page, '投诉与关怀');
  await other.page.getByRole('link', { name: '登记投诉' }).click();
  await other.page.getByLabel('紧急程度').selectOption('urgent');
  await other.page.getByText('处理时限: 2 h').waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});

test('care rules deleted for good do not come back on the next visit', async () => {
  const { context, page, problems } = await open('/care');
  const names = ['生日祝福', '中秋问候', '购买后关怀', '久未购买'];
  for (const n of names) await page.getByRole('heading', { name: n, level: 3 }).waitFor();
  for (const n of names) {
    await page.getByRole('button', { name: `移到回收站 ${n}` }).click();
    await page.getByRole('heading', { name: n, level: 3 }).waitFor({ state: 'detached' });
  }
  await nav(page, '回收站');
  await page.getByRole('button', { name: '清空回收站' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '永久删除' }).click();
  await page.getByText('回收站是空的。').waitFor();
  await page.reload();
  await nav(page, '投诉与关怀');
  await page.getByRole('navigation', { name: '投诉' }).getByRole('link', { name: '客户关怀' }).click();
  await page.getByRole('heading', { name: '添加关怀规则', level: 3 }).waitFor();
  // Once the whole book is read, the deleted rules are still not there.
  await loaded(page);
  assert.equal(await page.getByRole('heading', { name: '生日祝福', level: 3 }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
