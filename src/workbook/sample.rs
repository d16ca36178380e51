//! Deterministic, realistic sample data: the Jiangxi real-estate company of 项目一's
//! case and a Taobao shop. The same generator, with a count, feeds the tests and the
//! benchmark, so a given seed always gives the same workbook.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::envelope::Workbook;
use crate::model::{Customer, CustomerKind, Stage, Text};

/// Which sample company to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleCompany {
    /// ××房地产公司 in Jiangxi: home buyers, tenants and corporate clients.
    RealEstate,
    /// A Taobao shop: online shoppers all over China.
    TaobaoShop,
}

/// SplitMix64: tiny, fast, and the same on every platform.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub(super) fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高", "熊", "万", "邹", "曾", "彭", "袁", "付", "涂", "喻", "钟",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "志强", "晓燕", "文静", "海波", "雪梅", "俊杰", "子涵", "浩然", "欣怡", "宇轩", "思雨",
    "嘉怡",
];
/// Jiangxi cities with their area codes.
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

/// The moment the sample data is "now": every generated date lies before it.
pub(super) fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().expect("valid base time")
}

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

pub(super) fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
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
        c.birthday = birthday(rng);
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
        c.birthday = birthday(rng);
    }
    c
}

/// A whole sample workbook of `count` customers, with their daily service (records,
/// callbacks, tickets, a satisfaction survey and its responses, scripts, self-checks),
/// two years of orders and a pipeline of opportunities.
pub fn sample_workbook(company: SampleCompany, seed: u64, count: usize) -> Workbook {
    let customers = generate_customers(company, seed, count);
    let mut collections = super::sample_service::daily_service(company, seed, &customers);
    let (orders, stages, opportunities) = super::sample_sales::sales(company, seed, &customers);
    let (visits, key_accounts, activities, plans) = super::sample_sales::accounts(seed, &customers, &orders);
    collections.visits = visits;
    collections.key_accounts = key_accounts;
    collections.account_activities = activities;
    collections.event_plans = plans;
    collections.point_entries = orders
        .iter()
        .filter(|o| o.amount >= 1.0)
        .map(|o| crate::model::loyalty::PointEntry {
            id: format!("pt-{}", o.id).into(),
            customer_id: o.customer_id.clone(),
            date: o.date,
            kind: crate::model::loyalty::PointKind::Earned,
            points: o.amount.floor() as i64,
            reason: Default::default(),
            order_id: o.id.clone(),
            created_at: o.created_at,
            updated_at: o.created_at,
            deleted_at: None,
        })
        .collect();
    let (care_rules, care_actions, preferences, service_rules) = super::sample_care::care(seed, &customers, &orders);
    collections.care_rules = care_rules;
    collections.care_actions = care_actions;
    collections.preferences = preferences;
    collections.service_rules = service_rules;
    collections.calls = super::sample_calls::calls(seed, &customers);
    collections.org_units = super::sample_org::org(seed);
    collections.job_descriptions = super::sample_org::jobs(seed);
    collections.orders = orders;
    collections.pipeline_stages = stages;
    collections.opportunities = opportunities;
    collections.customers = customers;
    Workbook::new(None, collections, base_time())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate::is_valid_phone, Record};
    use std::collections::HashSet;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate_customers(SampleCompany::RealEstate, 7, 50);
        assert_eq!(a, generate_customers(SampleCompany::RealEstate, 7, 50));
        assert_ne!(a, generate_customers(SampleCompany::RealEstate, 8, 50));
    }

    #[test]
    fn every_generated_customer_is_valid_with_a_unique_id() {
        for company in [SampleCompany::RealEstate, SampleCompany::TaobaoShop] {
            let customers = generate_customers(company, 1, 2_000);
            let ids: HashSet<_> = customers.iter().map(|c| c.id.clone()).collect();
            assert_eq!(ids.len(), customers.len());
            for c in &customers {
                assert_eq!(c.validate(), vec![], "{c:?}");
                assert!(is_valid_phone(&c.phone));
                assert!(uuid::Uuid::parse_str(&c.id).unwrap().get_version_num() == 4);
            }
        }
    }

    #[test]
    fn data_is_varied_like_a_real_book() {
        let customers = generate_customers(SampleCompany::RealEstate, 3, 1_000);
        let stages: HashSet<_> = customers.iter().map(|c| c.stage).collect();
        assert_eq!(stages.len(), Stage::ALL.len(), "every stage occurs");
        let sources: HashSet<_> = customers.iter().map(|c| c.source.as_str()).collect();
        assert!(sources.len() >= 5);
        assert!(customers.iter().any(|c| c.phone.contains('-')), "some landlines");
        assert!(customers.iter().all(|c| c.region.starts_with("江西")));
        let avg = crate::model::customer::average_completeness(&customers).unwrap();
        assert!((0.5..0.95).contains(&avg), "completeness varies, average {avg}");
    }
}
