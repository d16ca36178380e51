// End-to-end: a class hands in through a CouchDB server (issue 22, item 5; docs/sync.md
// "Setting up a class"). A real PouchDB Server (e2e/couch.mjs) whose admin is the
// instructor: the review page creates a class of two students (their users, databases,
// _security and validate_doc_update), student 1 in another browser fills in the owner,
// adds a customer and hands in; the instructor opens the class and sees the hand-in
// with its time and student 2 as not handed in, and sends feedback; student 1 reopens
// Kehu and has it, as an imported feedback file shows it. Student 2's code opens
// nothing of student 1's, neither on the server nor through Kehu; a second hand-in
// replaces the first and keeps its first time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, eventually, nav, textIs } from './harness.mjs';
import { startCouch } from './couch.mjs';

const { open } = appUnderTest({ before, after });
const TEACHER = ['teacher', 'teacher-pw'];
/** The alphabet of a personal code: no 0 o 1 l i. */
const CODE = /^[abcdefghjkmnpqrstuvwxyz23456789]{8}$/;

let couch;
before(async () => {
  couch = await startCouch();
  await couch.admin(...TEACHER);
});
after(async () => {
  await couch?.stop();
});

/** The text of the toast saying `text`, once shown. */
function toast(page, text) {
  return page.locator('.toast').filter({ hasText: text }).first().waitFor();
}

/** A new customer `name` in the student's book. */
async function addCustomer(page, name, phone) {
  await nav(page, '客户档案');
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill(name);
  await page.getByLabel('电话').fill(phone);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name }).waitFor();
}

/** Fills the 提交作业 card and presses 提交作业. */
async function handIn(page, { id, code, remember = false }) {
  const card = page.getByTestId('handin');
  // A closed card draws no fields; once connected it opens by itself.
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  await card.getByLabel('服务器地址').fill(couch.url);
  await card.getByLabel('班级代码').fill('EC2301');
  await card.getByLabel('学号').fill(id);
  await card.getByLabel('个人码', { exact: true }).fill(code);
  if (remember) await card.getByLabel('在此设备上记住个人码').check();
  await card.getByRole('button', { name: '提交作业' }).click();
}

test('a class hands in through the server, the instructor reviews it there, feedback comes back, no student reads another', { timeout: 240_000 }, async () => {
  const teacher = await open('/review');
  const t = teacher.page;
  await t.getByLabel('批阅人').fill('王老师');
  const card = t.getByTestId('class-db');
  await card.getByLabel('服务器地址').fill(couch.url);
  await card.getByLabel('班级代码').fill('EC2301');
  await card.getByLabel(/^学生名单/).fill('230101\t李明\n\n２３０１０２，张华\n');

  // ── An ordinary account may not create databases and users: the commands of docs/sync.md instead. ──
  await couch.createUser('assistant', 'assistant-pw');
  await card.getByLabel('用户名').fill('assistant');
  await card.getByLabel('密码').fill('assistant-pw');
  await card.getByRole('button', { name: '创建班级' }).click();
  const commands = card.getByTestId('class-commands');
  await commands.getByText('这个账户不是服务器管理员，不能创建数据库和用户。', { exact: false }).waitFor();
  const sh = await commands.locator('pre').textContent();
  assert.ok(sh.startsWith(`COUCH=${couch.url}\n`), sh.slice(0, 80));
  for (const line of ["CODE=ec2301\nTEACHER='assistant'\n", "cat > students.txt <<'EOF'\n230101 李明\n230102 张华\nEOF\n", "cat > validate.js <<'EOF'\nfunction (newDoc, oldDoc, userCtx, secObj) {", '> kehu-design.json']) {
    assert.ok(sh.includes(line), line);
  }
  assert.equal((await couch.fetchJson('/kehu-class-ec2301', { auth: TEACHER })).status, 404, 'nothing was created');

  // ── The instructor (the server's admin) creates the class from the roster pasted with a full-width id and comma. ──
  await card.getByLabel('用户名').fill(TEACHER[0]);
  await card.getByLabel('密码').fill(TEACHER[1]);
  await card.getByRole('button', { name: '创建班级' }).click();
  await toast(t, '班级已创建');
  const roster = card.getByTestId('class-roster');
  await eventually(async () => assert.equal(await roster.getByTestId('roster-row').count(), 2));
  const codes = await roster.getByTestId('personal-code').allTextContents();
  assert.match(codes[0], CODE);
  assert.match(codes[1], CODE);
  assert.notEqual(codes[0], codes[1]);
  assert.deepEqual(await roster.getByTestId('roster-row').nth(1).locator('td').allTextContents(), ['２３０１０２', '张华', couch.url, 'ec2301', codes[1]]);

  // On the server: the databases, their _security and the design document of docs/sync.md.
  const classSec = await couch.fetchJson('/kehu-class-ec2301/_security', { auth: TEACHER });
  assert.deepEqual(classSec.body, { admins: { names: ['teacher'], roles: [] }, members: { names: ['teacher'], roles: [] } });
  const sec = await couch.fetchJson('/kehu-class-ec2301-230102/_security', { auth: TEACHER });
  assert.deepEqual(sec.body, { admins: { names: ['teacher'], roles: [] }, members: { names: ['kehu-ec2301-230102'], roles: [] } });
  const design = await couch.fetchJson('/kehu-class-ec2301-230101/_design/kehu', { auth: TEACHER });
  assert.match(design.body.validate_doc_update, /^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
  const classDoc = (await couch.fetchJson('/kehu-class-ec2301/class', { auth: TEACHER })).body;
  assert.deepEqual(
    classDoc.students.map((s) => [s.student_id, s.name, s.user, s.db]),
    [
      ['230101', '李明', 'kehu-ec2301-230101', 'kehu-class-ec2301-230101'],
      ['２３０１０２', '张华', 'kehu-ec2301-230102', 'kehu-class-ec2301-230102'],
    ],
  );

  // Creating it again (the roster rewritten) changes no code already handed out.
  await card.getByRole('button', { name: '创建班级' }).click();
  await eventually(async () => assert.notEqual((await couch.fetchJson('/kehu-class-ec2301/class', { auth: TEACHER })).body._rev, classDoc._rev));
  await card.getByRole('status').filter({ hasText: '正在处理' }).waitFor({ state: 'detached' });
  assert.deepEqual(await roster.getByTestId('personal-code').allTextContents(), codes);
  assert.deepEqual((await couch.fetchJson('/kehu-class-ec2301/class', { auth: TEACHER })).body.students.map((x) => x.code), codes);
  assert.equal((await couch.fetchJson('/_session', { auth: ['kehu-ec2301-230101', codes[0]] })).body.userCtx.name, 'kehu-ec2301-230101');

  // ── Student 1: no owner yet, then a wrong code, then the right one. ──
  const student = await open('/workbook');
  const s = student.page;
  const handin = s.getByTestId('handin');
  await handIn(s, { id: '230101', code: codes[0] });
  await handin.getByRole('alert').getByText('请先在上面的“所有者”中填写并保存姓名和学号，再提交作业。').waitFor();
  const owner = s.getByRole('region', { name: '所有者' });
  await owner.getByLabel('姓名').fill('李明');
  await owner.getByLabel('班级').fill('电商2301');
  await owner.getByLabel('学号').fill('230101');
  await owner.getByRole('button', { name: '保存' }).click();
  await toast(s, '所有者已保存');
  await addCustomer(s, '王芳', '13800001111');
  await nav(s, '工作簿');
  await handIn(s, { id: '230101', code: 'wrongcode' });
  await handin.getByRole('alert').getByText('服务器拒绝登录：班级代码、学号或个人码不对。请对照老师发的个人码检查。').waitFor();
  await handIn(s, { id: '230101', code: codes[0], remember: true });
  await toast(s, '作业已提交');
  const handedInText = (await handin.getByTestId('last-handin').textContent()).replace('上次提交: ', '');

  const first = (await couch.fetchJson('/kehu-class-ec2301-230101/handin', { auth: TEACHER })).body;
  assert.equal(first.kehu, 'handin');
  assert.deepEqual(first.owner, { name: '李明', class: '电商2301', student_id: '230101' });
  assert.equal(first.first_handed_in_at, first.handed_in_at);
  assert.equal(first.workbook.format, 'kehu-workbook');
  assert.deepEqual(first.workbook.owner, first.owner);
  assert.deepEqual(first.workbook.collections.customers.map((c) => c.name), ['王芳']);

  // ── The instructor opens the class: 李明's hand-in with its time, 张华 not handed in. ──
  await card.getByRole('button', { name: '打开班级' }).click();
  await card.getByText('已打开班级，作业已放入下面的班级总览：').waitFor();
  const states = card.getByTestId('handin-state');
  await textIs(states.nth(0), `提交于 ${handedInText}`);
  await textIs(states.nth(1), '未提交');
  const row = t.getByTestId('class-row');
  await eventually(async () => assert.equal(await row.count(), 1));
  await row.getByText(`kehu-class-ec2301-230101/handin · ${handedInText}`).waitFor();
  await row.getByRole('link', { name: '李明 · 电商2301 · 230101' }).click();

  // Feedback: the overall grade and comment, sent to the student's database.
  const overall = t.getByTestId('review-overall');
  await overall.getByLabel('总评成绩').fill('A-');
  await overall.getByLabel('总评评语').fill('客户档案完整，继续保持。');
  await t.getByRole('button', { name: '发送反馈到班级数据库' }).click();
  await toast(t, '反馈已发送');
  const sent = (await couch.fetchJson('/kehu-class-ec2301-230101/feedback', { auth: ['kehu-ec2301-230101', codes[0]] })).body;
  assert.equal(sent.format, 'kehu-feedback');
  assert.deepEqual(sent.student, first.owner);
  assert.equal(sent.book_id, first.workbook.book_id);
  assert.deepEqual(sent.feedback.map((f) => [f.id, f.grade, f.comment, f.reviewer]), [['overall', 'A-', '客户档案完整，继续保持。', '王老师']]);

  // ── Student 1 opens Kehu again: the feedback arrives by itself and shows as an imported file's does. ──
  await s.reload();
  await toast(s, '收到老师的批阅反馈（1 条）');
  await nav(s, '实训');
  const note = s.getByTestId('feedback-overall');
  await note.getByText('A-').waitFor();
  await note.getByText('客户档案完整，继续保持。').waitFor();
  await note.getByText('王老师').waitFor();

  // ── Student 2's code opens nothing of student 1's: not on the server… ──
  const other = ['kehu-ec2301-230102', codes[1]];
  assert.equal((await couch.fetchJson('/kehu-class-ec2301-230102', { auth: other })).status, 200, "student 2's own database");
  for (const path of ['/kehu-class-ec2301-230101/handin', '/kehu-class-ec2301-230101/_all_docs', '/kehu-class-ec2301-230101/feedback', '/kehu-class-ec2301/class']) {
    const res = await couch.fetchJson(path, { auth: other });
    assert.ok([401, 403].includes(res.status), `${path}: ${res.status}`);
  }
  const overwrite = await couch.fetchJson('/kehu-class-ec2301-230101/handin', { method: 'PUT', body: { kehu: 'handin', _rev: first._rev }, auth: other });
  assert.ok([401, 403].includes(overwrite.status), `overwrite: ${overwrite.status}`);
  // …nor through Kehu: with 李明's student id their own code is refused.
  const student2 = await open('/workbook');
  const s2 = student2.page;
  const owner2 = s2.getByRole('region', { name: '所有者' });
  await owner2.getByLabel('姓名').fill('张华');
  await owner2.getByLabel('学号').fill('230102');
  await owner2.getByRole('button', { name: '保存' }).click();
  await toast(s2, '所有者已保存');
  await handIn(s2, { id: '230101', code: codes[1] });
  await s2.getByTestId('handin').getByRole('alert').getByText('服务器拒绝登录：班级代码、学号或个人码不对。请对照老师发的个人码检查。').waitFor();
  await s2.getByTestId('handin').getByRole('button', { name: '查看老师反馈' }).click();
  await s2.getByTestId('handin').getByRole('alert').getByText('服务器拒绝登录').waitFor();
  assert.equal((await couch.fetchJson('/kehu-class-ec2301-230101/handin', { auth: TEACHER })).body._rev, first._rev, "student 1's hand-in is untouched");

  // ── A second hand-in by student 1 replaces the first and keeps its first time. ──
  await addCustomer(s, '赵刚', '13800002222');
  await nav(s, '工作簿');
  await handin.getByRole('button', { name: '提交作业' }).click();
  await eventually(async () => {
    const doc = (await couch.fetchJson('/kehu-class-ec2301-230101/handin', { auth: TEACHER })).body;
    assert.notEqual(doc._rev, first._rev);
    assert.equal(doc.first_handed_in_at, first.first_handed_in_at);
    assert.ok(doc.handed_in_at > first.handed_in_at);
    assert.deepEqual(doc.workbook.collections.customers.map((c) => c.name).sort(), ['王芳', '赵刚']);
  });
  const secondText = (await handin.getByTestId('last-handin').textContent()).replace('上次提交: ', '');
  // The instructor opens the class again: one row for 李明, the newer hand-in.
  await t.getByRole('link', { name: '返回批阅' }).first().click();
  await card.getByRole('button', { name: '打开班级' }).click();
  await textIs(states.nth(0), `提交于 ${secondText}（首次提交于 ${handedInText}）`);
  await eventually(async () => assert.equal(await row.count(), 1));
  await row.getByText(`kehu-class-ec2301-230101/handin · ${secondText}`).waitFor();

  for (const env of [teacher, student, student2]) {
    // The browser reports the server's refusals (401, and 404 for "nothing yet") as
    // failed loads; they are the answers the test asked for, not faults of the page.
    assert.deepEqual(env.problems.filter((p) => !/Failed to load resource: the server responded with a status of (401|404|412)/.test(p)), []);
  }
});
