// End-to-end: the call center (项目六) — a call logged by hand and a call log imported
// from CSV change the metrics; an abandoned call with talk time is refused with
// nothing saved; a CSV's rows without their required cells are left out, a bad
// optional cell goes to the note, the rows left out download, are fixed and import
// again, and the same log imported twice adds nothing; the Erlang C calculator gives
// the agents needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, eventually, exportWorkbook, overflow, textIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });


test('calls logged and imported give the metrics worked by hand', async () => {
  const { context, page, problems } = await open('/calls');
  await page.getByLabel('从').fill('2020-01-01');
  const form = page.getByRole('form', { name: '登记通话' });
  // An abandoned call cannot have talk time: refused, nothing saved.
  await form.getByLabel('排队（秒）').fill('15');
  await form.getByLabel('通话（秒）').fill('2:00');
  await form.getByLabel('放弃').check();
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('通话（秒）: 放弃的来电没有通话时长，也不能算首次解决').waitFor();
  await textIs(page.getByTestId('offered'), '0');
  await form.getByLabel('放弃').uncheck();
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('坐席: 必填').waitFor();
  await form.getByLabel('坐席').fill('王丽');
  await form.getByLabel('首次解决').check();
  await form.getByRole('button', { name: '保存' }).click();
  await textIs(page.getByTestId('offered'), '1');
  await textIs(page.getByTestId('answer-rate'), '100.0% (1 / 1)');
  await textIs(page.getByTestId('asa'), '15.0 s');
  await textIs(page.getByTestId('aht'), '120.0 s');
  await textIs(page.getByTestId('service-level'), '100.0% (1 / 1)');

  // A bad log: an abandoned row with talk time, a time that is not one; both rows are
  // left out, so there is nothing to import.
  await page.getByText('从 CSV 导入通话记录').click();
  const bad = '时间,方向,排队时长,通话时长,放弃,坐席\n2026-11-02 09:05,呼入,40,95,是,\n昨天,呼入,5,60,否,李强\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 0，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 2');
  await page.getByTestId('problem-kinds').getByText('「通话时长」列：放弃的来电没有通话时长，也不能算首次解决 — 1 行').waitFor();
  await page.getByTestId('problem-kinds').getByText(/^「时间」列：.* — 1 行$/).waitFor();
  assert.ok(await page.getByRole('button', { name: '按预览导入' }).isDisabled());
  await textIs(page.getByTestId('offered'), '1');
  // A good one: two more inbound calls (one abandoned after 40 s, one answered in 30 s)
  // and one outbound. Now 2 of 3 answered, 1 of 3 abandoned, ASA (15 + 30) / 2 = 22.5 s,
  // within 20 s 1 of 3, AHT (120 + 60 + 90) / 3 = 90 s, first-contact 1 of 2.
  const good = '时间,方向,排队时长,通话时长,放弃,首次解决,坐席\n2026-11-02 09:05,呼入,40,,是,,\n2026-11-02 10:15,呼入,30,1:00,否,否,李强\n2026-11-02 11:00,呼出,0,90,否,否,李强\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 3，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByText('已导入通话记录： 3').waitFor();
  await textIs(page.getByTestId('import-done'), '已导入：新建 3，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await textIs(page.getByTestId('offered'), '3');
  await textIs(page.getByTestId('answer-rate'), '66.7% (2 / 3)');
  await textIs(page.getByTestId('abandon-rate'), '33.3% (1 / 3)');
  await textIs(page.getByTestId('asa'), '22.5 s');
  await textIs(page.getByTestId('aht'), '90.0 s');
  await textIs(page.getByTestId('service-level'), '33.3% (1 / 3)');
  await textIs(page.getByTestId('fcr'), '50.0% (1 / 2)');
  // With T = 30 s the call answered at 30 s counts too.
  await page.getByLabel('服务水平目标时间 T（秒）').fill('30');
  await textIs(page.getByTestId('service-level'), '66.7% (2 / 3)');
  await page.getByRole('table').filter({ hasText: '李强' }).getByRole('rowheader', { name: '李强' }).waitFor();

  // The log survives a reload.
  await page.reload();
  await page.getByLabel('从').fill('2020-01-01');
  await textIs(page.getByTestId('offered'), '3');
  // Exported as CSV for Excel (UTF-8 with a byte-order mark); the file imports back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^calls-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff时间,方向,排队时长,通话时长,话后处理,放弃,首次解决,坐席,客户,备注\r\n'), csv.slice(0, 80));
  assert.equal(csv.trim().split('\r\n').length, 5);
  const other = await open('/calls');
  await other.page.getByLabel('从').fill('2020-01-01');
  await other.page.getByText('从 CSV 导入通话记录').click();
  await other.page.getByLabel('选择文件').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await other.page.getByRole('button', { name: '按预览导入' }).click();
  await other.page.getByText('已导入通话记录： 4').waitFor();
  await textIs(other.page.getByTestId('asa'), '22.5 s');
  // The same file again: every call is in the book already, skipped by default.
  await other.page.getByLabel('选择文件').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await textIs(other.page.getByTestId('import-preview'), '将导入：新建 0，更新 0，无变化 0，跳过重复 4，导入但有问题 0，有问题未导入 0');
  await other.page.getByText('可能重复：账中已有时间、方向、坐席、客户和通话时长都相同的通话').first().waitFor();
  assert.ok(await other.page.getByRole('button', { name: '按预览导入' }).isDisabled());
  await textIs(other.page.getByTestId('offered'), '3'); // 3 of the 4 calls are inbound
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Erlang C: 200 calls an hour at 180 s need 14 agents for 80/20; 10 agents cannot keep up', async () => {
  const { context, page, problems } = await open('/calls/staffing');
  await page.getByLabel('每小时来电量').fill('200');
  await page.getByLabel('平均处理时长（秒）').fill('180');
  await page.getByLabel('目标服务水平（%）').fill('80');
  await page.getByLabel('服务水平目标时间 T（秒）').fill('20');
  await textIs(page.getByTestId('agents-needed'), '14');
  const table = page.getByRole('table', { name: 'N、N+1、N+2 名坐席时的表现' });
  await table.getByRole('row', { name: /^14 88\.8%/ }).waitFor();
  await table.getByRole('rowheader', { name: '16' }).waitFor();
  await page.getByLabel('现有坐席（可选）').fill('10');
  await page.getByText('10 名坐席承担不了 10.00 爱尔兰的话务量：队列会无限增长。').waitFor();
  await page.getByLabel('现有坐席（可选）').fill('12');
  await table.getByRole('row', { name: /^12 64\.0%/ }).waitFor();
  await page.getByLabel('每小时来电量').fill('0');
  await page.getByText(/来电量、处理时长须大于 0/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the call center speaks English and fits a narrow window', async () => {
  const { context, page, problems } = await open('/workbook', { locale: 'en-US', viewport: { width: 360, height: 740 } });
  await page.getByRole('button', { name: /real-estate/ }).click();
  await page.getByText('Sample data loaded').waitFor();
  const main = page.getByRole('navigation', { name: 'Main navigation' });
  for (const [tab, heading] of [['Call log and metrics', 'Call center'], ['Staffing (Erlang C)', 'Staffing (Erlang C)']]) {
    await main.getByRole('link', { name: 'Call center' }).click();
    await page.getByRole('navigation', { name: 'Call center' }).getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    const wider = await overflow(page);
    assert.ok(wider <= 0, `${tab}: the page is ${wider}px wider than the window`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a call log saved as GBK by a Chinese Excel is read; UTF-8 forced on it is refused', async () => {
  const { context, page, problems } = await open('/calls');
  await page.getByLabel('从').fill('2020-01-01');
  await page.getByText('从 CSV 导入通话记录').click();
  // 张三 in GBK is D5 C5 C8 FD.
  const gbk = Buffer.concat([
    Buffer.from('time,direction,queue,talk,abandoned,agent\r\n2026-11-02 09:05,inbound,10,60,no,'),
    Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
    Buffer.from('\r\n'),
  ]);
  await page.getByLabel('文件编码').selectOption('utf-8');
  await page.getByLabel('选择文件').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk });
  await page.getByText('文件不是所选编码的文本，请换一种编码再试（什么都没有导入）。').waitFor();
  await textIs(page.getByTestId('offered'), '0');
  await page.getByLabel('文件编码').selectOption('auto');
  await page.getByLabel('选择文件').setInputFiles({ name: 'gbk2.csv', mimeType: 'text/csv', buffer: gbk });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByText('已导入通话记录： 1').waitFor();
  await page.getByRole('rowheader', { name: '张三' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a messy call log: a bad optional cell goes to the note, the rows left out are fixed and imported again', async () => {
  const { context, page, problems } = await open('/calls');
  await page.getByLabel('从').fill('2020-01-01');
  await page.getByText('从 CSV 导入通话记录').click();
  // Row 2 is good; row 3's talk time is no duration (imported, 0 s, its text in the
  // note); row 4 has no time and row 5 no agent on an answered call (left out).
  const messy = '时间,方向,通话时长,放弃,坐席,备注\n2026-11-02 09:05,呼入,95,否,王丽,\n2026-11-02 09:30,呼入,三分钟,否,王丽,退货\n,呼入,60,否,李强,\n2026-11-02 10:00,呼出,60,否,,\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'messy.csv', mimeType: 'text/csv', buffer: Buffer.from(messy) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 1，更新 0，无变化 0，跳过重复 0，导入但有问题 1，有问题未导入 2');
  // Only the rows with a problem: 3 of the 4.
  const grid = page.getByRole('grid', { name: '导入结果（每一行）' });
  const row = (line) => grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: String(line), exact: true }) });
  await page.getByLabel('只看有问题的行').check();
  await eventually(async () => {
    assert.match(await row(3).textContent(), /已导入（有问题）.*「通话时长」列：不是数字/);
    assert.match(await row(4).textContent(), /未导入.*「时间」列：必填/);
    assert.match(await row(5).textContent(), /未导入.*「坐席」列：必填/);
    assert.equal(await grid.getByRole('row').count(), 4, 'the header and three problem rows');
  });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByText('已导入通话记录： 2').waitFor();
  await textIs(page.getByTestId('import-done'), '已导入：新建 1，更新 0，无变化 0，跳过重复 0，导入但有问题 1，有问题未导入 2');
  await textIs(page.getByTestId('offered'), '2');

  // The rows left out, with a reason column, fixed and imported again.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /下载未导入的问题行/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'calls-problems.csv');
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], '时间,方向,通话时长,放弃,坐席,备注,问题原因');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(',')), [',呼入,60,否,李强,', '2026-11-02 10:00,呼出,60,否,,']);
  assert.match(lines[1], /,未导入：「时间」列：必填$/);
  const fixed = text.replace(',呼入,60,否,李强,', '2026-11-02 09:50,呼入,60,否,李强,').replace('2026-11-02 10:00,呼出,60,否,,', '2026-11-02 10:00,呼出,60,否,李强,');
  await page.getByLabel('选择文件').setInputFiles({ name: 'fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 2，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await page.getByRole('button', { name: '按预览导入' }).click();
  // The first import's message may still be shown beside this one's (the same words):
  // the report below says which import this is.
  await page.getByText('已导入通话记录： 2').last().waitFor();
  await textIs(page.getByTestId('import-done'), '已导入：新建 2，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await textIs(page.getByTestId('offered'), '3');

  // The whole messy log again adds nothing; the talk time's text is in the note.
  await page.getByLabel('选择文件').setInputFiles({ name: 'messy.csv', mimeType: 'text/csv', buffer: Buffer.from(messy) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 0，更新 0，无变化 0，跳过重复 2，导入但有问题 0，有问题未导入 2');
  const { json } = await exportWorkbook(page);
  const calls = json.collections.calls;
  assert.equal(calls.length, 4);
  const kept = calls.find((c) => c.note.startsWith('退货'));
  assert.equal(kept.note, '退货\n通话时长(原文): 三分钟');
  assert.equal(kept.talk_seconds, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the call log shows every call of the period, scrolls and sorts, and trashes the ones ticked', async () => {
  const { context, page, problems } = await open('/calls');
  await page.getByLabel('从').fill('2020-01-01');
  await page.getByText('从 CSV 导入通话记录').click();
  // 250 answered inbound calls a minute apart from 08:00: more than a screenful, and
  // more than the 200 newest the log once stopped at. Queue i % 50 seconds.
  const at = (i) => `2026-11-02 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  const rows = Array.from({ length: 250 }, (_, i) => `${at(i)},呼入,${i % 50},60,否,王丽`);
  const csv = ['时间,方向,排队时长,通话时长,放弃,坐席', ...rows].join('\n');
  await page.getByLabel('选择文件').setInputFiles({ name: 'day.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByText('已导入通话记录： 250').waitFor();
  await page.getByRole('heading', { name: '通话记录与指标 (250)' }).waitFor();
  const grid = page.getByRole('grid', { name: '通话记录与指标' });
  // Newest first; only the rows in view are drawn.
  await textIs(grid.locator('.tbody .tr[aria-rowindex="2"] .td').nth(1), at(249));
  assert.ok((await grid.getByRole('row').count()) < 60);
  // The keyboard reaches the first call of the day.
  await grid.focus();
  await page.keyboard.press('End');
  await textIs(grid.locator('.tbody .tr[aria-rowindex="251"] .td').nth(1), at(0));
  // Sorted by queue time, longest first, the latest of the 49-second calls leads.
  await grid.getByRole('columnheader', { name: '排队（秒）' }).click();
  await grid.getByRole('columnheader', { name: '排队（秒）' }).click();
  await grid.focus();
  await page.keyboard.press('Home');
  await textIs(grid.locator('.tbody .tr[aria-rowindex="2"] .td').nth(3), '49');
  await textIs(grid.locator('.tbody .tr[aria-rowindex="2"] .td').nth(1), at(249));
  // Two ticked calls go to the trash together; the metrics count them no more.
  await grid.getByRole('checkbox', { name: `选择 ${at(249)}` }).check();
  await grid.getByRole('checkbox', { name: `选择 ${at(199)}` }).check();
  await page.getByRole('region', { name: '已选' }).getByRole('button', { name: '移到回收站' }).click();
  await page.getByRole('heading', { name: '通话记录与指标 (248)' }).waitFor();
  await textIs(page.getByTestId('offered'), '248');
  assert.deepEqual(problems, []);
  await context.close();
});
