// End-to-end: acquisition and value (项目三) — the pipeline board by mouse and by
// keyboard moving the funnel, orders imported from CSV giving a customer its ABC class
// and RFM segment, duplicates merged keeping their records, and bad input refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addCustomer, appUnderTest, eventually, loaded, overflow, sidebar as nav, textIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

const tab = (page, name) => page.getByRole('navigation', { name: '客户开发' }).getByRole('link', { name }).click();

test('an opportunity dragged to 成交 and another moved by keyboard change the funnel', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '商机客户', '13800004444');
  await page.getByRole('link', { name: '新建商机' }).click();
  await page.getByLabel(/^标题/).fill('三室两厅');
  await page.getByLabel('预计金额（元）').fill('1200000');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '商机', exact: true }).waitFor();
  const column = (name) => page.locator('.kanban-col').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name} \\(`) }) });
  await column('潜在').getByRole('link', { name: '三室两厅' }).waitFor();
  const funnel = page.getByRole('img', { name: /转化漏斗/ });
  const funnelIs = (re) => eventually(async () => assert.match(await funnel.getAttribute('aria-label'), re));
  await funnelIs(/成交 0 \(0\.0%\)/);

  // By mouse: drag the card to 成交.
  await column('潜在').locator('.kanban-card').filter({ hasText: '三室两厅' }).dragTo(column('成交'));
  await column('成交').getByRole('link', { name: '三室两厅' }).waitFor();
  await page.getByText('已移动').first().waitFor();
  await funnelIs(/潜在 1 \(100\.0%\).*成交 1 \(100\.0%\)/);

  // By keyboard: a second opportunity moved one stage with its → button.
  await page.getByRole('link', { name: '新建商机' }).click();
  await page.getByRole('button', { name: '更换客户' }).waitFor({ state: 'detached' }).catch(() => {});
  await page.getByPlaceholder('输入姓名、电话或公司查找客户').fill('商机客户');
  await page.getByRole('option', { name: /商机客户/ }).click();
  await page.getByLabel(/^标题/).fill('车位');
  await page.getByRole('button', { name: '保存' }).click();
  const right = page.getByRole('button', { name: '车位 移到: 初步接触' });
  await right.focus();
  await page.keyboard.press('Enter');
  await column('初步接触').getByRole('link', { name: '车位' }).waitFor();
  await funnelIs(/潜在 2 \(100\.0%\); 初步接触 2 \(100\.0%\); 意向 1 \(50\.0%\)/);
  // It survives a reload.
  await page.reload();
  await column('初步接触').getByRole('link', { name: '车位' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('orders from CSV give a customer its ABC class and RFM segment; bad rows are named and left out', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '大买家', '13800005555');
  await addCustomer(page, '小买家', '13800006666');
  await nav(page, '客户开发');
  await tab(page, '订单');
  await page.getByText('从 CSV 导入订单').click();
  const d = (daysAgo) => {
    const t = new Date(Date.now() - daysAgo * 86400000);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
  };
  // A bad file first: a negative quantity (no amount: refused) and an unknown
  // customer, skipped as the owner chooses; nothing is saved until the import.
  const bad = `客户,日期,商品,数量,单价\n大买家,${d(3)},沙发,-1,3000\n王五,${d(3)},茶几,1,800\n`;
  await page.getByLabel('选择文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByLabel('跳过这一行（列入问题行）').check();
  await textIs(page.getByTestId('import-preview'), '将导入：新建 0，更新 0，无变化 0，跳过重复 1，导入但有问题 0，有问题未导入 1');
  await page.getByText('「数量」列：必须大于 0 — 1 行').waitFor();
  await page.getByText(/「客户」列：找不到这位客户/).first().waitFor();
  await eventually(async () => assert.ok(await page.getByRole('button', { name: '按预览导入' }).isDisabled()));
  await page.getByText('还没有订单。新建一个，或从 CSV 导入。').waitFor();
  // A missing column is named.
  await page.getByLabel('选择文件').setInputFiles({ name: 'nodate.csv', mimeType: 'text/csv', buffer: Buffer.from('客户,金额\n大买家,5\n') });
  await page.getByText('没有哪一列是日期。请在上表中选择').waitFor();

  // 大买家: 4 recent orders of ¥9,000 = ¥36,000; 小买家: one old order of ¥1,000.
  const good = `客户,日期,金额,渠道\n大买家,${d(2)},9000,门店\n13800005555,${d(20)},9000,门店\n大买家,${d(40)},9000,网店\n大买家,${d(60)},9000,网店\n小买家,${d(200)},1000,电话\n`;
  await page.getByLabel('选择文件').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 5，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await page.getByRole('button', { name: '按预览导入' }).click();
  await textIs(page.getByTestId('import-done'), '已导入：新建 5，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await page.getByText('销售额: ¥37,000.00').waitFor();

  // ABC by hand: 36,000 of 37,000 is 97.3%; before 大买家 0% → A, before 小买家 97.3% → C.
  // RFM with two customers: the better of each scores 4, the other 2; means 3:
  // 大买家 R4 F4 M4 = 重要价值客户, 小买家 R2 F2 M2 = 一般挽留客户.
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '大买家' }).click();
  await textIs(page.getByTestId('customer-value'), 'ABC 类: A · 细分: 重要价值客户 · R F M 4 4 4 （近 365 天）');
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '小买家' }).click();
  await textIs(page.getByTestId('customer-value'), 'ABC 类: C · 细分: 一般挽留客户 · R F M 2 2 2 （近 365 天）');

  await nav(page, '客户开发');
  await tab(page, '价值分析');
  await page.getByRole('row', { name: /^A 1 ¥36,000\.00 97\.3%$/ }).waitFor();
  await page.getByRole('row', { name: /^C 1 ¥1,000\.00 2\.7%$/ }).waitFor();
  // Thresholds out of order are refused with a message.
  await page.getByLabel('B 类阈值').fill('70');
  await page.getByText('阈值需满足 0 < A < B ≤ 100。').waitFor();
  // CLV with r = 100%, d = 0: m·n.
  await page.getByLabel('平均客单价').fill('500');
  await page.getByLabel('年购买次数').fill('4');
  await page.getByLabel('毛利率').fill('25');
  await page.getByLabel('保留率 r').fill('100');
  await page.getByLabel('贴现率 d').fill('0');
  await page.getByLabel('年数 n').fill('5');
  await textIs(page.getByTestId('clv'), '¥2,500.00');
  assert.deepEqual(problems, []);
  await context.close();
});

test('duplicates are found ignoring spaces and case and merged keeping their records', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '张三', '138 0000 7777');
  // The same number spelled another way: the form names who has it before saving.
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('张 三');
  await page.getByLabel('电话').fill('+86 138-0000-7777');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const warning = page.getByRole('alert').filter({ hasText: '已有客户使用此号码' });
  await warning.getByText('张三', { exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/customers/new', 'nothing is saved before the answer');
  await warning.getByRole('button', { name: '仍然保存' }).click();
  await page.getByRole('heading', { name: '张 三' }).waitFor();
  // Grouped for reading, and a tel: link with the country code.
  const tel = page.getByRole('link', { name: '138 0000 7777' });
  assert.equal(await tel.getAttribute('href'), 'tel:+8613800007777');
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.getByRole('textbox', { name: '商品' }).fill('沙发');
  await page.getByRole('textbox', { name: '单价（元）' }).fill('3000');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('link', { name: /¥3,000\.00/ }).waitFor();
  await nav(page, '客户开发');
  await tab(page, '客户分析');
  await page.getByRole('heading', { name: '疑似重复客户 (1)' }).waitFor();
  await page.getByRole('button', { name: /合并这些客户/ }).click();
  await page.getByText('已合并').waitFor();
  await page.getByRole('heading', { name: '疑似重复客户 (0)' }).waitFor();
  await nav(page, '客户档案');
  await page.getByText(/显示 1 \/ 1/).waitFor();
  await page.getByRole('link', { name: '张三' }).click();
  // The order of the duplicate now belongs to the kept customer.
  await page.getByRole('link', { name: /¥3,000\.00/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a key account marked by hand gets its file and planned callback; an event plan adds up and prints', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '关键客户', '13800008888');
  await nav(page, '大客户');
  await page.getByPlaceholder('查找客户（留空为匿名）').fill('关键客户');
  await page.getByRole('option', { name: /^关键客户/ }).click();
  await page.getByRole('button', { name: '手工标记为大客户' }).click();
  await page.getByRole('row', { name: /关键客户 — — ¥0\.00 手工/ }).waitFor();

  await page.getByRole('link', { name: '大客户档案 关键客户' }).click();
  await page.getByRole('button', { name: '添加一人' }).click();
  await page.getByRole('textbox', { name: '姓名' }).fill('刘总');
  await page.getByRole('textbox', { name: '角色' }).fill('决策者');
  await page.getByLabel('回访间隔（天）').fill('14');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await page.getByRole('link', { name: '返回' }).click();

  // The plan: 14 days after the file was made; scheduling it puts it on the agenda.
  const plan = page.getByRole('region', { name: '大客户回访计划' });
  await plan.getByRole('row', { name: /关键客户 14 —/ }).waitFor();
  await plan.getByRole('button', { name: '安排回访 关键客户' }).click();
  await plan.getByText(/已安排：/).waitFor();
  await nav(page, '日常服务');
  await page.getByRole('navigation', { name: '日常服务' }).getByRole('link', { name: '回访' }).click();
  await page.getByRole('region', { name: /即将到期/ }).getByRole('link', { name: '关键客户', exact: true }).waitFor();

  // The event plan.
  await nav(page, '大客户');
  await page.getByRole('navigation', { name: '大客户' }).getByRole('link', { name: '联谊会方案' }).click();
  await page.getByRole('link', { name: '新建联谊会方案' }).click();
  await page.getByLabel(/^活动名称/).fill('答谢会');
  await page.getByLabel('地点').fill('滕王阁宾馆');
  await page.getByRole('group', { name: /邀请的大客户/ }).getByLabel('关键客户').check();
  const budget = page.getByRole('group', { name: '预算' });
  await budget.getByRole('button', { name: '添加一行' }).click();
  await budget.getByRole('button', { name: '添加一行' }).click();
  await budget.getByRole('textbox', { name: '项目' }).nth(0).fill('场地');
  await budget.getByRole('textbox', { name: '金额' }).nth(0).fill('3000');
  await budget.getByRole('textbox', { name: '项目' }).nth(1).fill('礼品');
  await budget.getByRole('textbox', { name: '金额' }).nth(1).fill('1500.5');
  await page.getByText('预算合计: ¥4,500.50').waitFor();
  // A budget line that is not a number is refused.
  await budget.getByRole('textbox', { name: '金额' }).nth(1).fill('很多');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('应在 0 到 10000000000 之间').waitFor();
  await budget.getByRole('textbox', { name: '金额' }).nth(1).fill('1500.5');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '大客户联谊会实施方案: 答谢会' }).waitFor();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: '打印' }).click();
  await eventually(async () => assert.equal(await page.evaluate(() => window.printed), 1));
  await page.emulateMedia({ media: 'print' });
  await page.getByRole('navigation', { name: '主导航' }).waitFor({ state: 'hidden' });
  await page.getByText('关键客户').first().waitFor({ state: 'visible' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the acquisition and key-account pages speak English and fit a narrow window', async () => {
  const { context, page, problems } = await open('/workbook', { locale: 'en-US', viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: /real-estate/ }).click();
  await page.getByText('Sample data loaded').waitFor();
  const main = page.getByRole('navigation', { name: 'Main navigation' });
  const pages = [
    ['Acquisition', 'Acquisition', 'Pipeline', 'Conversion funnel'],
    ['Acquisition', 'Acquisition', 'Visits', 'Visits'],
    ['Acquisition', 'Acquisition', 'Orders', 'Orders'],
    ['Acquisition', 'Acquisition', 'Customer insights', 'Possible duplicates'],
    ['Acquisition', 'Acquisition', 'Value analysis', 'ABC classes (Pareto)'],
    ['Key accounts', 'Key accounts', 'Key accounts', 'Key-account callback plan'],
    ['Key accounts', 'Key accounts', 'Event plans', 'Event plans'],
  ];
  for (const [section, tabs, tab, heading] of pages) {
    await main.getByRole('link', { name: section }).click();
    await page.getByRole('navigation', { name: tabs }).getByRole('link', { name: tab, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^${heading.replace(/[()]/g, '\\$&')}`) }).first().waitFor();
    const wider = await overflow(page);
    assert.ok(wider <= 0, `${tab}: the page is ${wider}px wider than the window`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('pipeline stages are reordered from the keyboard; the won stage stays last', async () => {
  const { context, page, problems } = await open('/pipeline');
  // The stages are the book's settings, read after the page opens: wait for them.
  await loaded(page);
  await page.getByText('管道阶段').click();
  const names = async () => page.locator('details ol li input[type="text"]').evaluateAll((els) => els.map((e) => e.value));
  const namesAre = (expected) => eventually(async () => assert.deepEqual(await names(), expected));
  await namesAre(['潜在', '初步接触', '意向', '谈判', '成交']);
  await page.getByRole('button', { name: '上移 谈判' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await namesAre(['潜在', '初步接触', '谈判', '意向', '成交']);
  await page.getByRole('button', { name: '下移 意向' }).click();
  await page.getByText('成交阶段须保持在最后，其他阶段只能在它之前调整顺序。').waitFor();
  assert.deepEqual(await names(), ['潜在', '初步接触', '谈判', '意向', '成交'], 'the refused move changed nothing');
  // The funnel follows the new order after a reload.
  await page.reload();
  await loaded(page);
  await page.getByText('管道阶段').click();
  await namesAre(['潜在', '初步接触', '谈判', '意向', '成交']);
  assert.deepEqual(problems, []);
  await context.close();
});
