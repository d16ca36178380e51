// End-to-end: the org-chart designer (项目一) — a three-level chart whose span
// warnings come and go as head counts change, a loop refused, duties assigned, the
// chart saved as SVG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, eventually, overflow, textIs, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('a three-level chart: span warnings appear and go, a loop is refused, duties and SVG', async () => {
  const { context, page, problems } = await open('/org');
  const row = (title) => page.locator('li.org-row').filter({ has: page.getByRole('textbox', { name: `岗位: ${title}` }) });
  const warning = (title) => row(title).locator('p.warn');
  await page.getByRole('button', { name: '添加顶层岗位' }).click();
  await warning('客服总监').getByText('⚠ 每人直接下属 0 (应为 3–6)').waitFor();
  await page.getByRole('button', { name: '添加下级 客服总监' }).click();
  await warning('客服总监').getByText('⚠ 每人直接下属 1 (应为 3–6)').waitFor();
  // Three managers' worth of people under the director: within 3–6, the warning goes.
  await row('客服经理').getByLabel('人数').fill('3');
  await row('客服经理').getByLabel('人数').press('Tab');
  await warning('客服总监').waitFor({ state: 'detached' });
  // A third level under the three managers: one supervisor is ⌈1/3⌉ = 1 report each
  // (of 5–9); fifteen are 5 each.
  await page.getByRole('button', { name: '添加下级 客服经理' }).click();
  await warning('客服经理').getByText('⚠ 每人直接下属 1 (应为 5–9)').waitFor();
  await row('客服主管').getByLabel('人数').fill('15');
  await row('客服主管').getByLabel('人数').press('Tab');
  await warning('客服经理').waitFor({ state: 'detached' });
  // 240 专员 under 15 supervisors are 16 each (over 7–15); 225 are 15 each.
  await page.getByRole('button', { name: '添加下级 客服主管' }).click();
  await row('专员').getByLabel('人数').fill('240');
  await row('专员').getByLabel('人数').press('Tab');
  await warning('客服主管').getByText('⚠ 每人直接下属 16 (应为 7–15)').waitFor();
  await row('专员').getByLabel('人数').fill('225');
  await row('专员').getByLabel('人数').press('Tab');
  await warning('客服主管').waitFor({ state: 'detached' });
  // A negative head count is refused and the old one stays.
  await row('专员').getByLabel('人数').fill('-2');
  await row('专员').getByLabel('人数').press('Tab');
  await page.getByText('人数: 应在 1 到 10000 之间').waitFor();
  await valueIs(row('专员').getByLabel('人数'), '225');
  // The director cannot report to its own specialist.
  await row('客服总监').getByLabel('上级').selectOption({ label: '专员' });
  await page.getByText('客服总监: 不能放在它自己或它的下级之下').waitFor();
  await valueIs(row('客服总监').getByLabel('上级'), '');
  // Renamed positions keep their place; the chart says what it shows.
  const specialist = page.getByRole('textbox', { name: '岗位: 专员' });
  await specialist.fill('售后服务专员');
  await specialist.press('Tab');
  await page.getByRole('textbox', { name: '岗位: 售后服务专员' }).waitFor();
  await page.getByRole('img', { name: /^组织结构图: 4 个岗位, 244 人, 0 处跨度警告/ }).waitFor();
  // Duties: nobody holds any, then the specialist takes complaints.
  await page.getByTestId('unheld').getByText(/无人负责的职责: 客户服务组织管理、/).waitFor();
  await page.getByRole('checkbox', { name: '售后服务专员 客户投诉管理' }).check();
  await page.getByTestId('unheld').getByText('无人负责的职责: 客户服务组织管理、客户信息库建设管理、客户关系日常维护、大客户管理、售后服务管理、呼叫中心管理', { exact: true }).waitFor();
  // Saved as an SVG file that stands on its own.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为 SVG' }).click()]);
  assert.equal(download.suggestedFilename(), 'org-chart.svg');
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /售后服务专员/);
  // Everything is still there after a reload.
  await page.reload();
  await page.getByRole('img', { name: /^组织结构图: 4 个岗位, 244 人/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the org designer speaks English, fits a narrow window, and the sample holds every duty', async () => {
  const { context, page, problems } = await open('/workbook', { locale: 'en-US', viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: /real-estate/ }).click();
  await page.getByText('Sample data loaded').waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisation' }).click();
  await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
  await page.getByText('Every one of the seven duty areas is held.').waitFor();
  await page.getByRole('img', { name: /^Org chart: 12 positions, 40 people, 0 span warnings/ }).waitFor();
  const fits = async (what) => {
    const wider = await overflow(page);
    assert.ok(wider <= 0, `${what} is ${wider}px wider than the window`);
  };
  await fits('the org page');
  const tabs = page.getByRole('navigation', { name: 'Organisation' });
  await tabs.getByRole('link', { name: 'Job descriptions' }).click();
  await page.getByRole('link', { name: '售后服务专员' }).click();
  await page.getByText('Every element is filled in.').waitFor();
  await fits('a job description');
  await tabs.getByRole('link', { name: 'Position goals' }).click();
  await page.getByRole('heading', { name: 'Position goals', level: 1 }).waitFor();
  // Tables 1-4…1-9 in English: the titles, the overall goals and the texts, blanks kept.
  await page.getByRole('heading', { name: 'Table 1-6 Goals of the key account management position', level: 2 }).waitFor();
  const keyTable = page.locator('section.card', { has: page.getByRole('heading', { name: /^Table 1-6 / }) });
  await keyTable.getByRole('cell', { name: 'Key account maintenance goals' }).first().waitFor();
  await keyTable.getByRole('cell', { name: /^Make callbacks to key accounts .* a key account callback rate of ____%$/ }).waitFor();
  assert.equal(await page.getByText('大客户管理岗位工作目标').count(), 0);
  assert.equal(await page.getByText(/回访率达到/).count(), 0);
  await fits('the goals page');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workflows' }).click();
  await page.getByRole('group', { name: /^Complaint handling: Register the complaint/ }).waitFor();
  await fits('the workflows page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a job description from the textbook sample: what is missing, a bad validity refused, completed and printed', async () => {
  const { context, page, problems } = await open('/jobs');
  await page.getByRole('button', { name: '从样本新建：售后服务专员（表 1-2）' }).click();
  await page.getByRole('heading', { name: '岗位说明书: 售后服务专员' }).waitFor();
  const missing = page.getByTestId('jd-missing');
  await missing.getByText('还缺: 岗位定级、岗位编号、直接下级 / 所辖人员、目的（Why：为什么设此岗位）、职权范围（Within：有多大权力）、工作内容（What：主要干什么）、管理结构（管理范围与下属层次、数量）、绩效标准、签字确认、有效期、工资等级、薪酬类型、岗位分析日期').waitFor();
  await eventually(async () => assert.equal((await page.getByLabel('工作任务（按主次，每行一项）').inputValue()).split('\n').length, 7));
  const fill = async (label, value) => page.getByLabel(label, { exact: true }).fill(value);
  await fill('岗位定级', '专员级');
  await fill('岗位编号', 'KF-001');
  await fill('直接下级 / 所辖人员', '无');
  await fill('目的（Why：为什么设此岗位）', '及时处理售后问题');
  await fill('职权范围（Within：有多大权力）', '在售后制度内受理和回访');
  await fill('工作内容（What：主要干什么）', '受理、跟进、回访');
  await fill('管理结构（管理范围与下属层次、数量）', '不直接管理人员');
  await fill('绩效标准', '投诉处理及时率 95% 以上');
  await fill('工资等级', '专员 3 级');
  await fill('薪酬类型', '岗位工资 + 绩效奖金');
  await fill('岗位分析日期', '2026-11-15');
  // Typed key by key after the day is set, the signer's name stays as typed.
  await fill('签字日期', '2026-11-20');
  await page.getByLabel('签字确认', { exact: true }).pressSequentially('李经理');
  assert.equal(await page.getByLabel('签字确认', { exact: true }).inputValue(), '李经理');
  await fill('有效期自', '2026-12-01');
  await fill('有效期至', '2026-11-30');
  await missing.getByText('各项要素都已填写。').waitFor();
  // The period ends before it starts: refused, nothing saved.
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('有效期至: 早于它所依据的日期').waitFor();
  await fill('有效期至', '2027-11-30');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  // Printed like table 1-2: the form hides, the table shows.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: '打印' }).click();
  await eventually(async () => assert.equal(await page.evaluate(() => window.printed), 1));
  await page.emulateMedia({ media: 'print' });
  const table = page.locator('table.jd-print');
  await table.waitFor({ state: 'visible' });
  await page.getByRole('form', { name: '岗位说明书' }).waitFor({ state: 'hidden' });
  await eventually(async () => assert.match(await table.textContent(), /KF-001/));
  await page.emulateMedia({ media: 'screen' });
  // Listed complete.
  await page.getByRole('navigation', { name: '组织结构' }).getByRole('link', { name: '岗位说明书' }).click();
  await page.getByRole('row', { name: /售后服务专员 客户服务部 100.0% 2026-12-01 – 2027-11-30/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a job description is written only when saved; no reports need no names; weak text and an old period are flagged', async () => {
  const { context, page, problems } = await open('/jobs');
  await page.getByText('还没有岗位说明书。').waitFor();
  // A blank one opens a form, but nothing is written until it is saved.
  await page.getByRole('button', { name: '新建（空白）' }).click();
  await page.getByRole('heading', { name: '岗位说明书: 新岗位' }).waitFor();
  await page.getByTestId('jd-not-saved').waitFor();
  await page.getByRole('navigation', { name: '组织结构' }).getByRole('link', { name: '岗位说明书' }).click();
  await page.getByText('还没有岗位说明书。').waitFor();

  await page.getByRole('button', { name: '从样本新建：售后服务专员（表 1-2）' }).click();
  await page.getByRole('heading', { name: '岗位说明书: 售后服务专员' }).waitFor();
  const missing = page.getByTestId('jd-missing');
  await missing.getByText(/直接下级 \/ 所辖人员/).waitFor();
  // A specialist has nobody under them: ticked, the element is no longer asked for.
  await page.getByLabel('本岗位没有直接下级').check();
  await eventually(async () => assert.doesNotMatch(await missing.textContent(), /直接下级/));
  assert.equal(await page.getByLabel('直接下级 / 所辖人员', { exact: true }).isDisabled(), true);
  // Filled, but not real text: a one-character number, a one-line list of standards.
  const fill = async (label, value) => page.getByLabel(label, { exact: true }).fill(value);
  await fill('岗位编号', '1');
  await fill('绩效标准', '投诉处理及时率 95% 以上');
  await fill('工资等级', '专员 3 级');
  await fill('薪酬类型', '岗位工资 + 绩效奖金');
  await fill('岗位分析日期', '2026-11-15');
  await textIs(page.getByTestId('jd-weak'), '已填写但还不像真正的内容: 岗位编号、绩效标准');
  await fill('岗位编号', 'KF-001');
  await fill('绩效标准', '投诉处理及时率 95% 以上\n回访率 100%');
  await page.getByTestId('jd-weak').waitFor({ state: 'detached' });
  // Table 1-2's pay grade, pay type and analysis date.
  await fill('工资等级', '五级');
  await fill('薪酬类型', '岗位工资 + 绩效工资');
  await fill('岗位分析日期', '2019-12-15');
  // A period already over is flagged, on the page and in the list.
  await fill('有效期自', '2020-01-01');
  await fill('有效期至', '2020-12-31');
  await page.getByTestId('jd-expired').waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await page.getByTestId('jd-not-saved').waitFor({ state: 'hidden' });
  await page.emulateMedia({ media: 'print' });
  const table = page.locator('table.jd-print');
  await table.waitFor({ state: 'visible' });
  await eventually(async () => {
    const text = await table.textContent();
    assert.match(text, /工资等级五级/);
    assert.match(text, /直接下级 \/ 所辖人员无薪酬类型岗位工资 \+ 绩效工资/);
    assert.match(text, /岗位分析日期2019-12-15/);
  });
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('navigation', { name: '组织结构' }).getByRole('link', { name: '岗位说明书' }).click();
  await page.getByRole('row', { name: /售后服务专员 .*2020-01-01 – 2020-12-31 已过期/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('position goals: targets set in the blanks, measured figures met or missed', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  await page.goto(page.url().replace('/workbook', '/goals'));
  await page.getByRole('heading', { name: '岗位工作目标', level: 1 }).waitFor();
  await page.getByLabel('从').fill('2020-01-01');
  const target = page.getByLabel('目标 1-9.1.1');
  const actual = page.getByTestId('actual-1-9.1.1');
  // Out of range: refused, the blank stays empty.
  await target.fill('120');
  await target.press('Tab');
  await page.getByText('1-9.1.1: 应在 0 到 100 之间').waitFor();
  await valueIs(target, '');
  // A target of 0 is met by any rate; 100 is missed by the sample's late complaints.
  await target.fill('0');
  await target.press('Tab');
  await actual.getByText(/% ✓ 达标$/).waitFor();
  await eventually(async () => assert.equal(await actual.getAttribute('class'), 'ok'));
  await target.fill('100');
  await target.press('Tab');
  await actual.getByText(/% ✗ 未达标$/).waitFor();
  await eventually(async () => assert.equal(await actual.getAttribute('class'), 'warn'));
  // A fixed 100% (资料完整率) is measured without a blank.
  await page.getByTestId('actual-1-5.3.1').getByText(/%/).waitFor();
  // The target is kept in the workbook's settings: still there after a reload.
  await page.reload();
  await valueIs(page.getByLabel('目标 1-9.1.1'), '100.0');
  assert.deepEqual(problems, []);
  await context.close();
});

test('levels can be renamed: new positions and the chart use the new name', async () => {
  const { context, page, problems } = await open('/org');
  const levelName = page.getByRole('textbox', { name: '层级名称: 客服总监' });
  await levelName.fill('服务中心总监');
  await levelName.press('Tab');
  await page.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await page.getByRole('button', { name: '添加顶层岗位' }).click();
  await page.getByRole('textbox', { name: '岗位: 服务中心总监' }).waitFor();
  await page.locator('#org-chart svg').getByText('服务中心总监 · ×1 ⚠').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('exercises: the sample is not the student\'s work; each criterion says how far it is', async () => {
  const { context, page, problems } = await open('/exercises');
  await page.getByTestId('progress-1').getByText('0 / 7').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作簿' }).click();
  await page.getByRole('button', { name: /房地产/ }).click();
  await page.getByText('示例数据已载入').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '实训' }).click();
  // The sample's org chart, job descriptions and care are not the student's work.
  await page.getByTestId('exercise-p1-t1').getByText('✗ 你自己建立的组织结构中有客服总监 (0 / 1)').waitFor();
  await page.getByTestId('progress-1').getByText('0 / 7').waitFor();
  const loyalty = page.getByTestId('exercise-p5-t2');
  await loyalty.getByText('✗ 你完成了一次积分兑换 (0 / 1)').waitFor();
  await loyalty.getByText('✗ 你完成了 3 次关怀 (0 / 3)').waitFor();
  // The analysis may use the sample's orders.
  await page.getByTestId('exercise-p4-t1').getByText(/^✓ 至少 10 位客户有订单.*\(10 \/ 10\)$/).waitFor();
  await loyalty.getByRole('link', { name: '去完成 →' }).click();
  await page.waitForURL(/\/care$/);
  // The page explains itself and leads back to its exercise.
  await page.getByText('说明', { exact: true }).click();
  await page.getByText(/客户关怀：在生日、节日/).waitFor();
  await page.getByRole('link', { name: '去做相关实训 →' }).click();
  await page.getByRole('heading', { name: '项目五 持续巩固客户关系' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
