// End-to-end: coursework (issue 7) — a student completes two exercises on the sample
// company and hands in the workbook; an instructor opens it with a second student's
// file, sees the class table, browses the book read-only, writes feedback and exports
// it; the student imports it (another student's feedback is refused) and sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, axeViolations, eventually, exportWorkbook, loaded, nav, textIs, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });


async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

test('a student hands in, the instructor reviews read-only and sends feedback, the student sees it', async () => {
  // ── The student: owner, the sample company, two exercises completed. ──
  const student = await open('/workbook');
  const s = student.page;
  await s.getByLabel('姓名').fill('李明');
  await s.getByLabel('班级').fill('电商2301');
  await s.getByLabel('学号').fill('230101');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('button', { name: '载入示例：江西××房地产公司' }).click();
  await s.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  await nav(s, '实训');
  // The sample is not the student's work: nothing is done yet.
  await textIs(s.getByTestId('progress-5'), '0 / 3');
  await textIs(s.getByTestId('progress-6'), '0 / 2');
  // The exercise tells what to do, step by step.
  await s.getByTestId('exercise-p5-t2').getByText('操作步骤').click();
  await s.getByTestId('exercise-p5-t2').locator('ol > li').nth(2).waitFor();

  // 项目五 任务二: points earned and redeemed.
  await nav(s, '客户档案');
  await s.getByRole('link', { name: '新建客户' }).click();
  await s.getByLabel(/^姓名\/名称/).fill('积分客户');
  await s.getByLabel('电话').fill('13800002468');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('heading', { name: '积分客户' }).waitFor();
  await s.getByRole('link', { name: '新建订单' }).click();
  await s.getByRole('textbox', { name: '商品' }).fill('沙发');
  await s.getByRole('textbox', { name: '单价（元）' }).fill('1000');
  await s.getByRole('button', { name: '保存' }).click();
  await textIs(s.getByTestId('points'), '余额: 1000累计获得: 1000等级: 银卡');
  await s.getByLabel('积分数').fill('300');
  await s.getByLabel('原因').fill('兑换礼品');
  await s.getByRole('button', { name: '兑换' }).click();
  await textIs(s.getByTestId('points'), '余额: 700累计获得: 1000等级: 银卡');
  // 项目六 任务一: a rule set for the company.
  await s.goto(new URL('/complaints/kpi', s.url()).href);
  await s.getByLabel('紧急 (h)').fill('2');
  await s.getByLabel('紧急 (h)').press('Tab');
  await s.locator('.toast').filter({ hasText: '已保存' }).last().waitFor();
  await nav(s, '实训');
  const redeemed = s.getByTestId('exercise-p5-t2');
  await redeemed.getByText('✓ 你完成了一次积分兑换 (1 / 1)').waitFor();
  await redeemed.getByText('✗ 你完成了 3 次关怀 (0 / 3)').waitFor();
  await s.getByTestId('exercise-p6-t1').getByText('✓ 你按企业情况设置了至少一项规则 (1 / 1)').waitFor();
  await s.getByTestId('exercise-p6-t1').getByText('✗ 你录入了 20 位客户 (1 / 20)').waitFor();
  const handedIn = await exportWorkbook(s);
  assert.match(handedIn.name, /^李明-电商2301-230101-\d{4}-\d{2}-\d{2}\.kehu\.json$/);
  assert.ok(handedIn.json.book_id, 'the export carries the book id');

  // A second student's file: another owner and book, without the rule.
  const other = structuredClone(handedIn.json);
  other.owner = { name: '张华', class: '电商2301', student_id: '230102' };
  other.book_id = 'another-book';
  other.collections.settings = other.collections.settings.filter((x) => x.id === 'care');

  // ── The instructor: own (empty) book, the class's files opened read-only. ──
  const teacher = await open('/review');
  const t = teacher.page;
  await t.getByLabel('批阅人').fill('王老师');
  await t.getByLabel('选择文件（可多选）').setInputFiles([
    { name: handedIn.name, mimeType: 'application/json', buffer: Buffer.from(handedIn.text) },
    { name: '张华.kehu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) },
    { name: 'broken.kehu.json', mimeType: 'application/json', buffer: Buffer.from(handedIn.text.slice(0, 200)) },
  ]);
  const rows = t.getByTestId('class-row');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  await t.getByText(/^broken\.kehu\.json: /).waitFor();
  const li = rows.filter({ hasText: '李明' });
  const zhang = rows.filter({ hasText: '张华' });
  // 23 exercises, none complete: the sample is not the students' work.
  await textIs(li.locator('td').first(), '0 / 23');
  await textIs(zhang.locator('td').first(), '0 / 23');
  // After done, graded and overall: the p5-t2 column (the 20th exercise), the
  // redemption and no care yet.
  await textIs(li.locator('td').nth(22), '0/3 · 1/1');
  // The p6-t1 column (the 22nd): one customer, one order, no service record; 张华 set no rule.
  await textIs(zhang.locator('td').nth(24), '1/20 · 1/20 · 0/10 · 0/1');
  await textIs(li.locator('td').nth(24), '1/20 · 1/20 · 0/10 · 1/1');
  const violations = await axeViolations(t, '/review (class table)');

  // 张华's file is 李明's with the owner changed: both rows are marked as alike.
  await li.getByTestId('copy-badge').waitFor();
  await zhang.getByTestId('copy-badge').waitFor();
  // Browse 李明's book read-only: marked, and nothing offers a change.
  await li.locator('a[href^="/review/"]').click();
  await t.getByRole('heading', { name: /李明 · 电商2301 · 230101/ }).waitFor();
  violations.push(...(await axeViolations(t, '/review/0 (a student)')));
  await t.getByRole('button', { name: '只读浏览此工作簿' }).click();
  await t.getByTestId('read-only-banner').getByText('李明').waitFor();
  await t.getByTestId('exercise-p5-t2').getByText('✓ 你完成了一次积分兑换 (1 / 1)').waitFor();
  violations.push(...(await axeViolations(t, '/exercises (read-only, under the banner)')));
  // No serious or critical accessibility violation on the review pages (axe-core).
  assert.deepEqual(violations, []);
  await nav(t, '投诉与关怀');
  await t.getByRole('link', { name: '投诉指标' }).click();
  await valueIs(t.getByLabel('紧急 (h)'), '2', "the student's rule is shown");
  assert.ok(await t.getByLabel('紧急 (h)').isDisabled(), 'the rule cannot be changed (e2e/read-only.test.mjs checks more)');
  await t.getByTestId('read-only-banner').getByRole('button', { name: '返回批阅' }).click();
  await t.getByRole('heading', { name: /李明/ }).waitFor();

  // Feedback for 李明, and some for 张华.
  const p52 = t.getByTestId('review-p5-t2');
  await p52.getByLabel('成绩').fill('A');
  await p52.getByLabel('评语').fill('积分兑换记录完整。');
  const mine = await download(t, () => t.getByRole('button', { name: '导出反馈文件' }).click());
  assert.match(mine.name, /^李明-电商2301-230101-.*\.kehu-feedback\.json$/);
  const feedback = JSON.parse(mine.text);
  assert.equal(feedback.student.student_id, '230101');
  assert.equal(feedback.book_id, handedIn.json.book_id);
  assert.deepEqual(feedback.feedback.map((f) => [f.id, f.grade, f.comment, f.reviewer]), [['p5-t2', 'A', '积分兑换记录完整。', '王老师']]);
  await t.getByRole('link', { name: /返回批阅/ }).click();
  await zhang.locator('a[href^="/review/"]').click();
  await t.getByTestId('review-p6-t1').getByLabel('成绩').fill('C');
  const his = await download(t, () => t.getByRole('button', { name: '导出反馈文件' }).click());
  // The instructor's own book is still empty.
  await nav(t, '客户档案');
  await t.getByText('还没有客户').first().waitFor();
  // …and the student's rule is not in it.
  await nav(t, '投诉与关怀');
  await t.getByRole('link', { name: '投诉指标' }).click();
  await loaded(t);
  await valueIs(t.getByLabel('紧急 (h)'), '4');

  // ── The student imports: 张华's feedback is refused, their own is shown. ──
  const before = handedIn.json.collections;
  await nav(s, '实训');
  await s.getByText('导入教师反馈').click();
  await s.getByLabel('选择文件').setInputFiles({ name: his.name, mimeType: 'application/json', buffer: Buffer.from(his.text) });
  await s.locator('.toast').filter({ hasText: '这个反馈是写给 张华（230102）的' }).waitFor();
  assert.equal(await s.getByTestId('feedback-p5-t2').count(), 0);
  await s.getByLabel('选择文件').setInputFiles({ name: mine.name, mimeType: 'application/json', buffer: Buffer.from(mine.text) });
  const note = s.getByTestId('feedback-p5-t2');
  await note.getByText('积分兑换记录完整。').waitFor();
  await eventually(async () => assert.match(await note.textContent(), /成绩: A/));
  // Nothing else of the student's book changed.
  const after = (await exportWorkbook(s)).json.collections;
  assert.equal(after.feedback.length, 1);
  for (const name of Object.keys(before)) {
    if (name !== 'feedback') assert.deepEqual(after[name], before[name], name);
  }
  // The printed report names the owner and shows the feedback and the work.
  await nav(s, '实训');
  await s.getByRole('link', { name: '实训报告（打印）' }).click();
  await textIs(s.getByTestId('report-done'), '0 / 23');
  await s.getByTestId('report-p5-t2').getByText('积分兑换记录完整。').waitFor();
  await s.getByTestId('report-p1-s1').getByText('岗位说明书 (0)').waitFor();
  // The work itself: the student's points by customer name, the sample only counted.
  const points = s.getByTestId('report-p5-t2');
  await points.getByText('积分明细 (2)').waitFor();
  await points.getByText(/^积分客户 · .*兑换礼品/).waitFor();
  await points.getByText(/^另有 \d+ 条示例数据/).first().waitFor();
  assert.deepEqual(student.problems, []);
  assert.deepEqual(teacher.problems, []);
  await student.context.close();
  await teacher.context.close();
});

/** A student's workbook as a hand-made file: owner, book id, one customer. */
function studentBook(name, studentId, exportedAt) {
  const t = '2026-11-20T08:00:00Z';
  return JSON.stringify({
    format: 'kehu-workbook', version: 6, exported_at: exportedAt, book_id: `book-${studentId}`,
    owner: { name, class: '电商2301', student_id: studentId },
    collections: { customers: [{ id: `c-${studentId}`, name: '客户甲', created_at: t, updated_at: t }] },
  });
}

/** The instructor's saved drafts, read from IndexedDB (as a later visit would). */
async function storedDrafts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('kehu-review');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('entries')) return resolve([]);
      const all = db.transaction('entries').objectStore('entries').getAll();
      all.onsuccess = () => { resolve(all.result); db.close(); };
      all.onerror = () => reject(all.error);
    };
  }));
}

test('two files of one student are both listed, the newer marked, and drafts outlive a reload in IndexedDB', async () => {
  const teacher = await open('/review');
  const t = teacher.page;
  const older = studentBook('周敏', '230107', '2026-11-21T08:00:00Z');
  const newer = studentBook('周敏', '230107', '2026-11-22T08:00:00Z');
  await t.getByLabel('选择文件（可多选）').setInputFiles([
    { name: '周敏-新.kehu.json', mimeType: 'application/json', buffer: Buffer.from(newer) },
    { name: '周敏-旧.kehu.json', mimeType: 'application/json', buffer: Buffer.from(older) },
  ]);
  const rows = t.getByTestId('class-row');
  await rows.nth(1).waitFor();
  await t.getByTestId('same-student-notice').waitFor();
  await rows.filter({ hasText: '周敏-新.kehu.json' }).getByText('最新', { exact: true }).waitFor();
  await rows.filter({ hasText: '周敏-旧.kehu.json' }).getByText('较旧的文件').waitFor();
  // Opening the same file again replaces it: still two rows.
  await t.getByLabel('选择文件（可多选）').setInputFiles({ name: '周敏-新.kehu.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await rows.filter({ hasText: '周敏-新.kehu.json' }).waitFor();
  assert.equal(await rows.count(), 2);

  // A grade written for the student is saved in IndexedDB, not localStorage.
  await rows.filter({ hasText: '周敏-新.kehu.json' }).getByRole('link').click();
  await t.getByTestId('review-p5-t2').getByLabel('成绩').fill('B+');
  for (let i = 0; !(JSON.stringify(await storedDrafts(t)).includes('B+')); i++) {
    assert.ok(i < 100, 'the draft reaches IndexedDB');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await t.evaluate(() => localStorage.getItem('kehu.review.drafts')), null);

  // After a reload, the same student's file shows the draft again.
  await t.goto(new URL('/review', t.url()).href);
  await t.getByLabel('选择文件（可多选）').setInputFiles({ name: '周敏-新.kehu.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await rows.first().getByRole('link').click();
  const grade = t.getByTestId('review-p5-t2').getByLabel('成绩');
  for (let i = 0; (await grade.inputValue()) !== 'B+'; i++) {
    assert.ok(i < 100, 'the draft is shown after a reload');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(teacher.problems, []);
  await teacher.context.close();
});
