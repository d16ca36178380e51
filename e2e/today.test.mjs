// End-to-end: a shop's today page and care list. A book whose customers have
// birthdays this week (dates computed from today), a callback overdue and one due
// today, a complaint near its deadline and a year of orders: the today page lists
// what needs doing with a link to act on each, its charts are readable at 1366×768
// in light and dark, and the care list shows every birthday once, even after the owner
// adds a birthday rule of their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, importFile, loaded, textIs, until } from './harness.mjs';

const { open } = appUnderTest({ before, after });

/** The local day `offset` days from today, as YYYY-MM-DD (the browser runs in the same zone). */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A birthday in 1992 (a leap year, so 29 February exists) on the month and day `offset` days from today. */
const birthday = (offset) => `1992-${day(offset).slice(5)}`;

function shopBook() {
  const t = new Date(Date.now() - 3600_000).toISOString(); // an hour ago
  const customer = (id, name, bday) => ({ id, name, phone: '1380013' + id.slice(-4).padStart(4, '0'), ...(bday ? { birthday: bday } : {}), created_at: t, updated_at: t });
  const order = (id, customer_id, date, amount) => ({ id, customer_id, date, amount, created_at: t, updated_at: t });
  return JSON.stringify({
    format: 'kehu-workbook', version: 6, exported_at: t, book_id: 'book-today',
    collections: {
      customers: [
        customer('c-0001', '赵丽', birthday(0)), // today
        customer('c-0002', '钱伟', birthday(3)),
        customer('c-0003', '孙芳', birthday(6)), // the last day of the week
        customer('c-0004', '李强', birthday(20)), // not this week
        customer('c-0005', '周敏'),
      ],
      orders: [
        order('o-1', 'c-0001', day(-40), 300),
        order('o-2', 'c-0001', day(0), 200), // 赵丽 returns this month
        order('o-3', 'c-0005', day(0), 500), // 周敏's first order
      ],
      callbacks: [
        { id: 'cb-late', customer_id: 'c-0001', due: day(-2), created_at: t, updated_at: t },
        { id: 'cb-today', customer_id: 'c-0002', due: day(0), created_at: t, updated_at: t },
        { id: 'cb-later', customer_id: 'c-0004', due: day(5), created_at: t, updated_at: t },
      ],
      complaints: [{
        id: 'k-1', customer_id: 'c-0005', channel: '电话', category: 'product_quality', severity: 'urgent',
        description: '茶叶受潮', request: '换货', received_at: t, deadline_hours: 4,
        steps: [{ step: 'accepted', at: t, by: '王丽' }], created_at: t, updated_at: t,
      }],
    },
  });
}

/** The names listed in the today page's section `testid`. */
const names = (page, testid) => page.getByTestId(testid).locator('li a').allTextContents();

test('the today page lists callbacks, birthdays this week and a complaint near its deadline, each a link to act on', async () => {
  const { context, page, problems } = await open('/workbook', { viewport: { width: 1366, height: 768 } });
  await importFile(page, 'shop.kehu.json', shopBook());
  await page.getByText(/合并完成/).waitFor();
  await page.goto(new URL('/dashboard', page.url()).href);
  await loaded(page);
  // Birthdays today, in 3 and in 6 days; not the one in 20 days.
  await page.getByTestId('today-birthdays').getByRole('link', { name: '孙芳' }).waitFor();
  assert.deepEqual(await names(page, 'today-birthdays'), ['赵丽', '钱伟', '孙芳']);
  assert.equal(await page.getByTestId('today-birthdays').getByRole('link', { name: '赵丽' }).getAttribute('href'), '/customers/c-0001');
  // The overdue callback first, then today's; not the one due in 5 days.
  assert.deepEqual(await names(page, 'today-callbacks'), ['赵丽', '钱伟']);
  assert.equal(await page.getByTestId('today-callbacks').locator('a[href="/callbacks/cb-late"]').count(), 1);
  // The urgent complaint received an hour ago is due in 3 hours.
  const complaint = page.getByTestId('today-complaints').getByRole('link', { name: /周敏/ });
  assert.equal(await complaint.getAttribute('href'), '/complaints/k-1');
  // A click acts on it: the callback's own page.
  await page.getByTestId('today-callbacks').locator('a[href="/callbacks/cb-late"]').click();
  await page.waitForURL(/\/callbacks\/cb-late$/);
  await page.goBack();
  await page.getByTestId('today').waitFor();
  // No calls in this book: no calls card (rather than a card of "—").
  await page.locator('.figures a[href="/customers"]').waitFor();
  assert.equal(await page.locator('.figures a[href="/calls"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the charts are readable at 1366×768: 12 px text or more, axis labels apart, numbers in the text alternative, dark mode too', async () => {
  const { context, page, problems } = await open('/workbook', { viewport: { width: 1366, height: 768 } });
  await importFile(page, 'shop.kehu.json', shopBook());
  await page.getByText(/合并完成/).waitFor();
  await page.goto(new URL('/dashboard', page.url()).href);
  await loaded(page);
  // Sales of the last 12 months: this month's 700 (200 + 500) is in the text alternative.
  const sales = page.getByRole('img', { name: /^近 12 个月销售额: .*¥700/ });
  await sales.waitFor();
  await page.getByRole('img', { name: /^新客户与回头客（按月）: .*新客户 1, 回头客 1/ }).waitFor();
  // The size each label is drawn at on the screen: its font size times the SVG's scale.
  const sizes = async () => page.locator('svg.chart .chart-label').evaluateAll((els) =>
    els.map((el) => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a));
  const drawn = await until(async () => {
    const s = await sizes();
    return s.length > 0 && s;
  });
  const smallest = Math.min(...drawn);
  assert.ok(smallest >= 12, `the smallest chart label is drawn at ${smallest.toFixed(1)} px`);
  // The month labels under each chart do not run into each other.
  const overlaps = await page.locator('svg.chart').evaluateAll((svgs) => svgs.flatMap((svg) => {
    const boxes = [...svg.querySelectorAll('.chart-x')].map((t) => t.getBoundingClientRect());
    return boxes.slice(1).filter((b, i) => b.left < boxes[i].right).map((b) => `${svg.getAttribute('aria-label').slice(0, 20)} at ${b.left}`);
  }));
  assert.deepEqual(overlaps, []);
  // The latest month is always labelled.
  const month = day(0).slice(0, 7);
  await sales.locator('.chart-x', { hasText: month }).waitFor();
  // Dark mode: the labels take the theme's dark colours, and keep their size.
  await page.emulateMedia({ colorScheme: 'dark' });
  await until(async () => (await page.locator('svg.chart .chart-label').first().evaluate((el) => getComputedStyle(el).fill)) === 'rgb(163, 172, 187)', { message: 'the dark muted colour on chart labels' });
  assert.ok(Math.min(...(await sizes())) >= 12);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the care list shows every birthday this week once, filters by kind, and a duplicate birthday rule is flagged', async () => {
  const { context, page, problems } = await open('/workbook', { viewport: { width: 1366, height: 768 } });
  await importFile(page, 'shop.kehu.json', shopBook());
  await page.getByText(/合并完成/).waitFor();
  await page.goto(new URL('/care', page.url()).href);
  await loaded(page);
  const kinds = page.getByRole('group', { name: '按类型筛选' });
  const birthdays = kinds.getByRole('button', { name: /^生日 \(/ });
  await textIs(birthdays, '生日 (3)');
  await birthdays.click();
  assert.equal(await birthdays.getAttribute('aria-pressed'), 'true');
  const list = page.getByTestId('care-due');
  await until(async () => (await list.locator('li').count()) === 3, { message: 'three birthdays listed' });
  // Soonest first: today, in 3 days, in 6 days.
  assert.deepEqual(await list.locator('li a').allTextContents(), ['赵丽', '钱伟', '孙芳']);
  assert.deepEqual(await list.locator('.agenda-date').allTextContents(), [day(0), day(3), day(6)]);
  // The owner adds a birthday rule of their own: told it duplicates the built-in one.
  const form = page.getByRole('form', { name: '添加关怀规则' });
  await form.getByRole('combobox').first().selectOption('birthday');
  await form.getByRole('textbox').first().fill('会员生日');
  await form.getByRole('button', { name: '添加规则' }).click();
  const warning = form.getByRole('alert').filter({ hasText: '生日祝福' });
  await warning.waitFor();
  await warning.getByRole('button', { name: '仍然保存' }).click();
  await page.getByRole('heading', { name: '会员生日', level: 3 }).waitFor();
  // Two birthday rules, and still each customer once.
  await textIs(birthdays, '生日 (3)');
  assert.equal(await list.locator('li').count(), 3);
  assert.deepEqual(problems, []);
  await context.close();
});
