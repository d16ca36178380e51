// End-to-end: the call center (项目六) — a call logged by hand and a call log imported
// from CSV change the metrics; an abandoned call with talk time and a bad CSV are
// refused with nothing saved; the Erlang C calculator gives the agents needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, overflow, textIs } from './harness.mjs';

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

  // A bad log: an abandoned row with talk time, a time that is not one; nothing saved.
  await page.getByText('从 CSV 导入通话记录').click();
  const bad = '时间,方向,排队时长,通话时长,放弃,坐席\n2026-11-02 09:05,呼入,40,95,是,\n昨天,呼入,5,60,否,李强\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByText('第 2 行「通话时长」列：放弃的来电没有通话时长，也不能算首次解决').waitFor();
  await page.getByText(/第 3 行「时间」列/).waitFor();
  await textIs(page.getByTestId('offered'), '1');
  // A good one: two more inbound calls (one abandoned after 40 s, one answered in 30 s)
  // and one outbound. Now 2 of 3 answered, 1 of 3 abandoned, ASA (15 + 30) / 2 = 22.5 s,
  // within 20 s 1 of 3, AHT (120 + 60 + 90) / 3 = 90 s, first-contact 1 of 2.
  const good = '时间,方向,排队时长,通话时长,放弃,首次解决,坐席\n2026-11-02 09:05,呼入,40,,是,,\n2026-11-02 10:15,呼入,30,1:00,否,否,李强\n2026-11-02 11:00,呼出,0,90,否,否,李强\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByText('已导入通话记录： 3').waitFor();
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
  await other.page.getByText('已导入通话记录： 4').waitFor();
  await textIs(other.page.getByTestId('asa'), '22.5 s');
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
  await page.getByText('已导入通话记录： 1').waitFor();
  await page.getByRole('rowheader', { name: '张三' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
