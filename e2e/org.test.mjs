// End-to-end: the org-chart designer (项目一) — a three-level chart whose span
// warnings come and go as head counts change, a loop refused, duties assigned, the
// chart saved as SVG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './harness.mjs';

const { open } = appUnderTest({ before, after });

test('a three-level chart: span warnings appear and go, a loop is refused, duties and SVG', async () => {
  const { context, page, problems } = await open('/org');
  const row = (title) => page.locator('li.org-row').filter({ has: page.getByRole('textbox', { name: `岗位: ${title}` }) });
  const warning = (title) => row(title).locator('p.warn');
  await page.getByRole('button', { name: '添加顶层岗位' }).click();
  await warning('客服总监').getByText('⚠ 直接下属 0 (应为 3–6)').waitFor();
  await page.getByRole('button', { name: '添加下级 客服总监' }).click();
  await warning('客服总监').getByText('⚠ 直接下属 1 (应为 3–6)').waitFor();
  // Three managers' worth of people under the director: within 3–6, the warning goes.
  await row('客服经理').getByLabel('人数').fill('3');
  await row('客服经理').getByLabel('人数').press('Tab');
  await warning('客服总监').waitFor({ state: 'detached' });
  // A third level: one supervisor under the manager (1 of 5–9), then five of them.
  await page.getByRole('button', { name: '添加下级 客服经理' }).click();
  await warning('客服经理').getByText('⚠ 直接下属 1 (应为 5–9)').waitFor();
  await row('客服主管').getByLabel('人数').fill('5');
  await row('客服主管').getByLabel('人数').press('Tab');
  await warning('客服经理').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '添加下级 客服主管' }).click();
  await row('专员').getByLabel('人数').fill('16');
  await row('专员').getByLabel('人数').press('Tab');
  await warning('客服主管').getByText('⚠ 直接下属 16 (应为 7–15)').waitFor();
  await row('专员').getByLabel('人数').fill('15');
  await row('专员').getByLabel('人数').press('Tab');
  await warning('客服主管').waitFor({ state: 'detached' });
  // A negative head count is refused and the old one stays.
  await row('专员').getByLabel('人数').fill('-2');
  await row('专员').getByLabel('人数').press('Tab');
  await page.getByText('人数: 应在 1 到 10000 之间').waitFor();
  assert.equal(await row('专员').getByLabel('人数').inputValue(), '15');
  // The director cannot report to its own specialist.
  await row('客服总监').getByLabel('上级').selectOption({ label: '专员' });
  await page.getByText('客服总监: 不能放在它自己或它的下级之下').waitFor();
  assert.equal(await row('客服总监').getByLabel('上级').inputValue(), '');
  // Renamed positions keep their place; the chart says what it shows.
  const specialist = page.getByRole('textbox', { name: '岗位: 专员' });
  await specialist.fill('售后服务专员');
  await specialist.press('Tab');
  await page.getByRole('textbox', { name: '岗位: 售后服务专员' }).waitFor();
  await page.getByRole('img', { name: /^组织结构图: 4 个岗位, 24 人, 0 处跨度警告/ }).waitFor();
  // Duties: nobody holds any, then the specialist takes complaints.
  await page.getByTestId('unheld').getByText(/无人负责的职责: 客户服务组织管理、/).waitFor();
  await page.getByRole('checkbox', { name: '售后服务专员 客户投诉管理' }).check();
  await page.getByTestId('unheld').getByText(/呼叫中心管理$/).waitFor();
  assert.ok(!(await page.getByTestId('unheld').textContent()).includes('客户投诉管理'));
  // Saved as an SVG file that stands on its own.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为 SVG' }).click()]);
  assert.equal(download.suggestedFilename(), 'org-chart.svg');
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /售后服务专员/);
  // Everything is still there after a reload.
  await page.reload();
  await page.getByRole('img', { name: /^组织结构图: 4 个岗位, 24 人/ }).waitFor();
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
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the org page is ${overflow}px wider than the window`);
  assert.deepEqual(problems, []);
  await context.close();
});
