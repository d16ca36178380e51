//! The sample customers: who they are, where they live, how they found the company.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::common::{base_time, person_name, Rng, SampleCompany};
use crate::model::{Customer, CustomerKind, Stage, Text};

const JIANGXI: &[(&str, &str)] = &[
    ("南昌", "0791"),
    ("九江", "0792"),
    ("上饶", "0793"),
    ("抚州", "0794"),
    ("宜春", "0795"),
    ("吉安", "0796"),
    ("赣州", "0797"),
    ("景德镇", "0798"),
    ("萍乡", "0799"),
    ("新余", "0790"),
    ("鹰潭", "0701"),
];
const CHINA: &[(&str, &str)] = &[
    ("北京", "010"),
    ("上海", "021"),
    ("广州", "020"),
    ("深圳", "0755"),
    ("杭州", "0571"),
    ("成都", "028"),
    ("武汉", "027"),
    ("南京", "025"),
    ("长沙", "0731"),
    ("南昌", "0791"),
    ("西安", "029"),
    ("重庆", "023"),
];
const STREETS: &[&str] =
    &["红谷中大道", "八一大道", "北京东路", "阳明路", "象山北路", "井冈山大道", "长江路", "人民路"];
const COMPANY_WORDS: &[&str] = &["赣江", "洪都", "滕王", "庐山", "鄱阳", "井冈", "豫章", "青山", "瑞金", "龙虎"];
const COMPANY_KINDS: &[&str] =
    &["贸易有限公司", "科技有限公司", "建材有限公司", "餐饮管理有限公司", "物流有限公司", "商贸行"];
const INDUSTRIES: &[&str] = &["制造业", "批发零售", "信息技术", "教育", "医疗", "餐饮", "物流", "金融", "政府机关"];
const TITLES: &[&str] = &["经理", "总监", "主管", "教师", "工程师", "会计", "店长", "医生", "公务员", "自由职业"];
const MAIL_DOMAINS: &[&str] = &["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com"];
const SOURCES: &[&str] = &["展会", "电话", "网店", "转介绍", "广告", "上门"];
const ESTATE_TAGS: &[&str] = &["刚需", "改善型", "投资", "学区房", "商铺", "租赁", "物业", "装修"];
const SHOP_TAGS: &[&str] = &["复购", "大码", "学生", "宝妈", "差评风险", "爱砍价", "晒图达人", "会员"];
const ESTATE_NOTES: &[&str] = &[
    "关注三室两厅，预算120万左右",
    "看过样板房，对物业费有疑问",
    "希望了解贷款政策",
    "老客户介绍，需要优先跟进",
    "租期到明年三月，有续租意向",
    "",
];
const SHOP_NOTES: &[&str] = &["喜欢纯棉面料", "收货地址常换", "上次退货原因：尺码偏小", "只在大促时购买", "", ""];

fn mobile(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] =
        &["135", "136", "138", "139", "150", "151", "158", "159", "177", "186", "187", "188", "199"];
    format!("{}{:08}", rng.pick(PREFIXES), rng.below(100_000_000))
}

/// `count` customers of `company`, the same for the same `seed`.
pub fn generate_customers(company: SampleCompany, seed: u64, count: usize) -> Vec<Customer> {
    let mut rng = Rng(seed ^ 0x4B45_4855);
    let base = base_time();
    (0..count)
        .map(|_| match company {
            SampleCompany::RealEstate => real_estate_customer(&mut rng, base),
            SampleCompany::TaobaoShop => shop_customer(&mut rng, base),
        })
        .collect()
}

fn timestamps(rng: &mut Rng, base: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let created = base - Duration::seconds(rng.below(730 * 86_400) as i64);
    let age = (base - created).num_seconds().max(1) as u64;
    let updated = created + Duration::seconds(rng.below(age) as i64);
    (created, updated)
}

fn birthday(rng: &mut Rng) -> Option<NaiveDate> {
    let year = 1960 + rng.below(45) as i32;
    NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
}

fn stage(rng: &mut Rng) -> Stage {
    match rng.below(100) {
        0..=29 => Stage::Prospect,
        30..=49 => Stage::Intent,
        50..=79 => Stage::Customer,
        80..=91 => Stage::Loyal,
        _ => Stage::Lost,
    }
}

fn tags(rng: &mut Rng, pool: &[&str]) -> Vec<Text> {
    let n = rng.below(3);
    let mut tags: Vec<Text> = Vec::new();
    for _ in 0..n {
        let t = Text::from(rng.pick(pool));
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

fn real_estate_customer(rng: &mut Rng, base: DateTime<Utc>) -> Customer {
    let id = rng.uuid();
    let (created, updated) = timestamps(rng, base);
    let (city, area) = JIANGXI[rng.below(JIANGXI.len() as u64) as usize];
    let is_company = rng.chance(15);
    let company = format!("{}{}{}", city, rng.pick(COMPANY_WORDS), rng.pick(COMPANY_KINDS));
    let mut c = Customer::new(id, if is_company { company.clone() } else { person_name(rng) }, created);
    c.updated_at = updated;
    c.kind = if is_company { CustomerKind::Company } else { CustomerKind::Person };
    c.phone =
        if rng.chance(80) { mobile(rng).into() } else { format!("{area}-{}", 8_000_000 + rng.below(2_000_000)).into() };
    if rng.chance(55) {
        c.email = format!("user{}@{}", 10_000 + rng.below(90_000), rng.pick(MAIL_DOMAINS)).into();
    }
    if is_company || rng.chance(60) {
        c.company = company.into();
    }
    if rng.chance(60) {
        c.title = rng.pick(TITLES).into();
    }
    if rng.chance(65) {
        c.industry = rng.pick(INDUSTRIES).into();
    }
    c.region = format!("江西{city}").into();
    if rng.chance(70) {
        c.address = format!("江西省{}市{}{}号", city, rng.pick(STREETS), 1 + rng.below(999)).into();
    }
    c.source = rng.pick(SOURCES).into();
    c.stage = stage(rng);
    c.tags = tags(rng, ESTATE_TAGS);
    c.notes = rng.pick(ESTATE_NOTES).into();
    if !is_company && rng.chance(60) {
        c.birthday = birthday(rng).map(Into::into);
    }
    c
}

fn shop_customer(rng: &mut Rng, base: DateTime<Utc>) -> Customer {
    let id = rng.uuid();
    let (created, updated) = timestamps(rng, base);
    let (city, _) = CHINA[rng.below(CHINA.len() as u64) as usize];
    let mut c = Customer::new(id, person_name(rng), created);
    c.updated_at = updated;
    c.phone = mobile(rng).into();
    if rng.chance(35) {
        c.email = format!("buyer{}@{}", 10_000 + rng.below(90_000), rng.pick(MAIL_DOMAINS)).into();
    }
    c.region = city.into();
    if rng.chance(90) {
        c.address = format!("{}市{}{}号", city, rng.pick(STREETS), 1 + rng.below(999)).into();
    }
    c.source = if rng.chance(70) { "网店".into() } else { rng.pick(SOURCES).into() };
    c.stage = stage(rng);
    c.tags = tags(rng, SHOP_TAGS);
    c.notes = rng.pick(SHOP_NOTES).into();
    if rng.chance(30) {
        c.birthday = birthday(rng).map(Into::into);
    }
    c
}
