//! The sample company's sales: two years of orders (so ABC, RFM and CLV have something
//! real to say) and a pipeline of opportunities for its prospects.

use chrono::{DateTime, Days, Duration, Utc};

use super::common::{base_time, Rng, SampleCompany};
use crate::model::key_account::{
    AccountActivity, ActivityKind, AgendaItem, BudgetLine, DecisionMaker, EventPlan, EventTask, KeyAccount,
};
use crate::model::order::{Order, OrderItem};
use crate::model::pipeline::{Opportunity, PipelineStage, StageStep, DEFAULT_STAGES};
use crate::model::visit::{PrepItem, Visit, VisitStatus, DEFAULT_PREP};
use crate::model::{Customer, Stage};

const ESTATE_ITEMS: &[(&str, u64, u64)] = &[
    ("物业服务费（年）", 1_800, 6_000),
    ("车位", 80_000, 200_000),
    ("精装修套餐", 30_000, 120_000),
    ("家电套餐", 8_000, 30_000),
    ("储藏室", 20_000, 60_000),
    ("商铺租金（季度）", 9_000, 36_000),
];
const SHOP_ITEMS: &[(&str, u64, u64)] = &[
    ("纯棉T恤", 39, 129),
    ("牛仔裤", 89, 299),
    ("连衣裙", 129, 459),
    ("运动鞋", 199, 699),
    ("袜子（5双装）", 19, 49),
    ("羽绒服", 399, 1_299),
];
const CHANNELS_ESTATE: &[&str] = &["门店", "电话", "展会", "上门"];
const CHANNELS_SHOP: &[&str] = &["网店", "网店", "网店", "微信"];
const LOST_REASONS: &[&str] = &["价格太高", "选择了竞争对手", "暂无预算", "联系不上"];

/// Orders, stages and opportunities for `customers`. Deterministic for a given `seed`.
pub(super) fn sales(
    company: SampleCompany,
    seed: u64,
    customers: &[Customer],
) -> (Vec<Order>, Vec<PipelineStage>, Vec<Opportunity>) {
    let mut rng = Rng(seed ^ 0x5341_4C45);
    let base = base_time();
    let (items, channels) = match company {
        SampleCompany::RealEstate => (ESTATE_ITEMS, CHANNELS_ESTATE),
        SampleCompany::TaobaoShop => (SHOP_ITEMS, CHANNELS_SHOP),
    };
    let mut orders = Vec::new();
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        // Buyers buy; loyal ones often. A long tail of one-off buyers makes the Pareto shape.
        let n = match c.stage {
            Stage::Loyal => 4 + rng.below(12),
            Stage::Customer => 1 + rng.below(4),
            Stage::Lost => rng.below(3),
            _ => 0,
        };
        for _ in 0..n {
            // Within the two years before "now", not before the customer was filed.
            let span = (base - c.created_at).num_days().clamp(1, 730) as u64;
            let day = base.date_naive().checked_sub_days(Days::new(rng.below(span))).unwrap_or(base.date_naive());
            let lines = 1 + rng.below(3);
            let order_items: Vec<OrderItem> = (0..lines)
                .map(|_| {
                    let (name, lo, hi) = items[rng.below(items.len() as u64) as usize];
                    OrderItem {
                        name: name.into(),
                        quantity: (1 + rng.below(if hi < 1_000 { 3 } else { 1 })) as f64,
                        unit_price: (lo + rng.below(hi - lo + 1)) as f64,
                    }
                })
                .collect();
            let at = day.and_hms_opt(10, 0, 0).map_or(base, |t| t.and_utc()).min(base);
            let mut o = Order {
                number: Default::default(),
                sample: false,
                id: rng.uuid().into(),
                customer_id: c.id.clone(),
                date: day,
                items: order_items,
                amount: 0.0,
                channel: rng.pick(channels).into(),
                note: Default::default(),
                created_at: at,
                updated_at: at,
                deleted_at: None,
            };
            o.amount = o.items_total();
            orders.push(o);
        }
    }
    let stage_time = base - Duration::days(400);
    let stages: Vec<PipelineStage> = DEFAULT_STAGES
        .iter()
        .enumerate()
        .map(|(i, (id, zh, _, won))| PipelineStage {
            sample: false,
            id: (*id).into(),
            name: (*zh).to_owned(),
            position: i as u32,
            won: *won,
            created_at: stage_time,
            updated_at: stage_time,
            deleted_at: None,
        })
        .collect();
    let mut opportunities = Vec::new();
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        let chance = match c.stage {
            Stage::Prospect | Stage::Intent => 45,
            Stage::Customer => 15,
            _ => 5,
        };
        if !rng.chance(chance) {
            continue;
        }
        let opened = (base - Duration::days(rng.below(180) as i64 + 1)).max(c.created_at);
        let reach = match c.stage {
            Stage::Prospect => rng.below(2),
            Stage::Intent => 1 + rng.below(3),
            _ => rng.below(5),
        } as usize;
        let mut history = Vec::new();
        let mut at: DateTime<Utc> = opened;
        for s in stages.iter().take(reach + 1) {
            history.push(StageStep { stage_id: s.id.clone(), at });
            at = (at + Duration::days(3 + rng.below(20) as i64)).min(base);
        }
        let lost = reach < 4 && rng.chance(15);
        let value = match company {
            SampleCompany::RealEstate => 300_000 + rng.below(1_500_000),
            SampleCompany::TaobaoShop => 500 + rng.below(20_000),
        } as f64;
        let updated = history.last().map_or(opened, |h| h.at);
        opportunities.push(Opportunity {
            sample: false,
            id: rng.uuid().into(),
            customer_id: c.id.clone(),
            title: match company {
                SampleCompany::RealEstate => format!("{}购房意向", c.name),
                SampleCompany::TaobaoShop => format!("{}团购", c.name),
            },
            source: c.source.to_string(),
            value,
            close_date: base.date_naive().checked_add_days(Days::new(10 + rng.below(90))),
            owner: rng.pick(&["王丽", "李强", "陈静", "刘洋"]).to_owned(),
            next_step: rng.pick(&["电话跟进", "邀请看样板房", "发送报价", "约见面谈"]).to_owned(),
            stage_id: stages[reach].id.clone(),
            lost,
            lost_reason: if lost { rng.pick(LOST_REASONS).to_owned() } else { String::new() },
            history,
            created_at: opened,
            updated_at: updated,
            deleted_at: None,
        });
    }
    (orders, stages, opportunities)
}

/// Visits, key-account files, relationship activities and one event plan, for the
/// customers that buy the most. Deterministic for a given `seed`.
pub(super) fn accounts(
    seed: u64,
    customers: &[Customer],
    orders: &[Order],
) -> (Vec<Visit>, Vec<KeyAccount>, Vec<AccountActivity>, Vec<EventPlan>) {
    let mut rng = Rng(seed ^ 0x4B45_5941);
    let base = base_time();
    let mut visits = Vec::new();
    for c in customers.iter().filter(|c| c.deleted_at.is_none() && matches!(c.stage, Stage::Intent | Stage::Customer)) {
        if !rng.chance(10) {
            continue;
        }
        // Some were made, some are planned for the weeks ahead.
        let done = rng.chance(50);
        let at = if done {
            base - Duration::days(1 + rng.below(40) as i64)
        } else {
            base + Duration::days(5 + rng.below(50) as i64)
        }
        .max(c.created_at);
        visits.push(Visit {
            sample: false,
            id: rng.uuid().into(),
            customer_id: c.id.clone(),
            purpose: rng.pick(&["介绍新楼盘", "了解装修需求", "回访老客户", "洽谈团购"]).to_owned(),
            at,
            prep: DEFAULT_PREP
                .iter()
                .map(|(zh, _)| PrepItem { text: (*zh).to_owned(), done: done || rng.chance(50) })
                .collect(),
            materials: "楼书、价格表、名片".to_owned(),
            status: if done { VisitStatus::Done } else { VisitStatus::Planned },
            result: if done {
                rng.pick(&["客户有意向，约定看房", "暂无需求", "已报价，等待回复"]).to_owned()
            } else {
                String::new()
            },
            next_step: if done { "一周后电话跟进".to_owned() } else { String::new() },
            created_at: (base - Duration::days(60)).max(c.created_at).min(at),
            updated_at: (base - Duration::days(60))
                .max(c.created_at)
                .min(at)
                .max(if done { at } else { c.created_at })
                .min(base),
            deleted_at: None,
        });
    }
    // The five customers with the most revenue become key-account files.
    let mut revenue: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for o in orders {
        *revenue.entry(o.customer_id.as_str()).or_default() += o.amount_fen();
    }
    let mut top: Vec<(&str, i64)> = revenue.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let at = base - Duration::days(90);
    let mut files = Vec::new();
    let mut activities = Vec::new();
    for (id, _) in top.iter().take(5) {
        let created = customers.iter().find(|c| c.id == *id).map_or(at, |c| c.created_at.max(at));
        files.push(KeyAccount {
            sample: false,
            id: rng.uuid().into(),
            customer_id: (*id).into(),
            by_hand: false,
            decision_makers: vec![DecisionMaker {
                name: super::common::person_name(&mut rng),
                role: "决策者".to_owned(),
                title: "总经理".to_owned(),
                phone: String::new(),
            }],
            organisation: "民营企业，员工约 200 人".to_owned(),
            needs: "希望批量采购并获得专属服务".to_owned(),
            history: "两年来多次购买，年度采购额稳定增长".to_owned(),
            service_plan: "每月回访一次；节日问候；优先安排售后".to_owned(),
            callback_every_days: 30,
            created_at: created,
            updated_at: created,
            deleted_at: None,
        });
        activities.push(AccountActivity {
            sample: false,
            id: rng.uuid().into(),
            customer_id: (*id).into(),
            kind: ActivityKind::Gift,
            date: (base - Duration::days(30 + rng.below(30) as i64)).date_naive(),
            note: "中秋节礼品".to_owned(),
            cost: 300.0,
            created_at: base - Duration::days(20),
            updated_at: base - Duration::days(20),
            deleted_at: None,
        });
    }
    let plan = EventPlan {
        sample: false,
        id: rng.uuid().into(),
        title: "年度大客户联谊会".to_owned(),
        aim: "感谢大客户一年来的支持，听取意见，巩固关系".to_owned(),
        date: base.date_naive().checked_add_days(Days::new(40)),
        venue: "南昌滕王阁宾馆宴会厅".to_owned(),
        invitees: files.iter().map(|f| f.customer_id.clone()).collect(),
        agenda: vec![
            AgendaItem { time: "14:00–14:30".to_owned(), item: "签到".to_owned() },
            AgendaItem { time: "14:30–15:00".to_owned(), item: "总经理致辞".to_owned() },
            AgendaItem { time: "15:00–16:30".to_owned(), item: "客户座谈与意见征集".to_owned() },
            AgendaItem { time: "18:00–20:00".to_owned(), item: "晚宴".to_owned() },
        ],
        budget: vec![
            BudgetLine { item: "场地".to_owned(), amount: 5000.0 },
            BudgetLine { item: "餐饮".to_owned(), amount: 8000.0 },
            BudgetLine { item: "礼品".to_owned(), amount: 3000.0 },
        ],
        tasks: vec![
            EventTask { task: "发送邀请函".to_owned(), owner: "王丽".to_owned(), done: true },
            EventTask { task: "预订场地".to_owned(), owner: "李强".to_owned(), done: false },
            EventTask { task: "准备礼品".to_owned(), owner: "陈静".to_owned(), done: false },
        ],
        created_at: base - Duration::days(10),
        updated_at: base - Duration::days(10),
        deleted_at: None,
    };
    (visits, files, activities, vec![plan])
}
