// Generates the messy files of the import tests, the same bytes on every run (a
// fixed seed, no dependency): node tests/messy/generate.mjs
//
// tea-shop-800.csv: a tea shop's customer list as a Chinese Excel saves it — GBK,
// CRLF, the header 姓名,手机,微信,地址,生日,累计消费,最近购买,备注 and 800 rows with the
// usual mess: phones written +8613700137000, 137 0013 7000, 8613077777868,
// (0791)88886666 or 0791-88886666; birthdays 3月8日, 03-08, 1990/3/8, 1990年3月8日 or
// junk; amounts with ¥ and thousands commas; blank lines; a few rows without a name;
// some customers twice, the second time with their number spelled another way
// (+86 137 0013 7000 for 13700137000, 0791 8888 6666 for (0791)88886666).
//
// tea-shop-orders.csv: 60 orders of that shop (UTF-8 with a BOM, no order number),
// naming customers of the list and three walk-in customers the list does not have,
// for the test that importing the same orders file twice adds nothing.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** mulberry32: a small seeded generator, so the files never change. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = random(20261206);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** `text` in GBK, from Node's own GBK decoder run over every two-byte code. */
export function gbk(text) {
  const decoder = new TextDecoder('gbk');
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) out.push(code);
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`not in GBK: ${ch}`);
  }
  return Buffer.from(out);
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
const field = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const line = (cells) => cells.map(field).join(',');

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欣悦琳晨晓雪梅兰竹菊茶香清雅'];
const STREETS = ['八一大道', '阳明路', '北京西路', '井冈山大道', '红谷中大道', '青山湖大道', '胜利路', '中山路', '象山北路', '洪都中大道'];
const DISTRICTS = ['东湖区', '西湖区', '青云谱区', '青山湖区', '新建区', '红谷滩区'];
const NOTES = ['', '', '', '喜欢红茶', '只喝绿茶，不要花茶', '老客户介绍', '送货上门，"下午"最好', '会员', '团购，公司采购', '逢年过节送礼'];

/** A mobile number as the shop typed it, and its digits. */
function phoneCell(i) {
  const mobile = `13${int(0, 9)}${pad(int(0, 99999999), 8)}`;
  const landline = `${pad(int(10000000, 89999999), 8)}`;
  switch (i % 12) {
    case 0: return `+86${mobile}`;
    case 1: return `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
    case 2: return `86${mobile}`;
    case 3: return `(0791)${landline}`;
    case 4: return `0791-${landline}`;
    case 5: return '';
    case 6: return `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
    default: return mobile;
  }
}

/** The same number as another spelling would write it (a repeat row of a customer). */
function respell(phone) {
  const digits = phone.replace(/\D/g, '');
  if (!digits) return '';
  const mobile = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (mobile.length === 11 && mobile.startsWith('1')) {
    return phone.startsWith('+') ? `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` : `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
  }
  // A landline 0791 + 8 digits.
  const local = digits.slice(4);
  return phone.startsWith('(') ? `0791 ${local.slice(0, 4)} ${local.slice(4)}` : `(0791)${local}`;
}

function birthdayCell(i) {
  const y = int(1955, 2004), m = int(1, 12), d = int(1, 28);
  switch (i % 10) {
    case 0: return `${m}月${d}日`;
    case 1: return `${pad(m)}-${pad(d)}`;
    case 2: return `${y}/${m}/${d}`;
    case 3: return `${y}年${m}月${d}日`;
    case 4: return pick(['不详', '3月8日x', '农历八月十五', '?']);
    case 5: case 6: return '';
    default: return `${y}-${pad(m)}-${pad(d)}`;
  }
}

function amountCell(i) {
  const yuan = int(0, 4_000_000) / 100;
  const fixed = yuan.toFixed(2);
  const commas = Number(fixed).toLocaleString('en-US', { minimumFractionDigits: 2 });
  switch (i % 5) {
    case 0: return `￥${commas}`; // the full-width sign: GBK has no ¥
    case 1: return `￥${fixed}`;
    case 2: return commas;
    case 3: return '';
    default: return String(Math.round(yuan));
  }
}

const day = (start, span) => {
  const t = new Date(Date.UTC(2024, 0, 1) + int(0, span) * 86400000 + start * 0);
  return `${t.getUTCFullYear()}/${t.getUTCMonth() + 1}/${t.getUTCDate()}`;
};

/**
 * The customer list of `count` rows (the header first) and the named customers it
 * holds, from the fixed seed: the same rows for the same count.
 */
export function teaShopLines(count) {
rnd = random(20261206);
const header = ['姓名', '手机', '微信', '地址', '生日', '累计消费', '最近购买', '备注'];
const lines = [line(header)];
const customers = [];
const used = new Set();
for (let i = 0; i < count; i++) {
  // Some customers a second time, as the shop wrote them again later.
  if (i > 50 && i % 37 === 0) {
    const again = customers[int(0, customers.length - 1)];
    // The number spelled another way: matched as a number, it is the same customer.
    lines.push(line([again.name, respell(again.phone), again.wechat, again.address, '', '', '', '又登记了一次']));
    continue;
  }
  let name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : '');
  while (used.has(name)) name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
  used.add(name);
  const row = {
    name: i % 53 === 7 ? '' : name,
    phone: phoneCell(i),
    wechat: rnd() < 0.6 ? `wxid_${Math.floor(rnd() * 36 ** 6).toString(36)}` : '',
    address: `南昌市${pick(DISTRICTS)}${pick(STREETS)}${int(1, 999)}号`,
  };
  lines.push(line([row.name, row.phone, row.wechat, row.address, birthdayCell(i), amountCell(i), day(0, 1000), pick(NOTES)]));
  if (row.name) customers.push(row);
  // Blank lines where the sheet had empty rows.
  if (i % 97 === 50) lines.push('');
}
return { lines, customers };
}

/** The customer list of `count` rows as a GBK file's bytes, as Excel saves it. */
export function teaShopCsv(count) {
  return gbk(teaShopLines(count).lines.join('\r\n') + '\r\n');
}

// Run as a script: write the files of the tests.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
const { lines, customers } = teaShopLines(800);
writeFileSync(join(here, 'tea-shop-800.csv'), gbk(lines.join('\r\n') + '\r\n'));

const orders = [line(['客户', '日期', '商品', '数量', '单价', '金额'])];
const TEAS = [['明前龙井', 388], ['庐山云雾', 268], ['正山小种', 198], ['铁观音', 158], ['普洱饼', 420]];
for (let i = 0; i < 60; i++) {
  const who = i % 20 === 19 ? `散客${i}` : customers[int(0, customers.length - 1)].name;
  const [tea, price] = pick(TEAS);
  const qty = int(1, 4);
  const date = `2026-${pad(int(1, 10))}-${pad(int(1, 28))}`;
  // Most rows give the line and its amount; some only the amount.
  orders.push(i % 6 === 0 ? line([who, date, '', '', '', String(qty * price)]) : line([who, date, tea, String(qty), String(price), String(qty * price)]));
}
writeFileSync(join(here, 'tea-shop-orders.csv'), '\ufeff' + orders.join('\r\n') + '\r\n');
}
