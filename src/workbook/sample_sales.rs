//! The sample company's sales: two years of orders (so ABC, RFM and CLV have something
//! real to say) and a pipeline of opportunities for its prospects.

use chrono::{DateTime, Days, Duration, Utc};

use super::sample::{base_time, Rng, SampleCompany};
use crate::model::order::{Order, OrderItem};
use crate::model::pipeline::{Opportunity, PipelineStage, StageStep, DEFAULT_STAGES};
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
                        name: name.to_owned(),
                        quantity: (1 + rng.below(if hi < 1_000 { 3 } else { 1 })) as f64,
                        unit_price: (lo + rng.below(hi - lo + 1)) as f64,
                    }
                })
                .collect();
            let at = day.and_hms_opt(10, 0, 0).map_or(base, |t| t.and_utc()).min(base);
            let mut o = Order {
                id: rng.uuid(),
                customer_id: c.id.clone(),
                date: day,
                items: order_items,
                amount: 0.0,
                channel: rng.pick(channels).to_owned(),
                note: String::new(),
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
            id: (*id).to_owned(),
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
            id: rng.uuid(),
            customer_id: c.id.clone(),
            title: match company {
                SampleCompany::RealEstate => format!("{}购房意向", c.name),
                SampleCompany::TaobaoShop => format!("{}团购", c.name),
            },
            source: c.source.clone(),
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
