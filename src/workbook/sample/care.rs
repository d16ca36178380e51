//! The sample's personal touch (项目五): the default care rules with some care already
//! done, preference profiles for a share of the customers, and two segment rules.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::common::{base_time, Rng};
use crate::analysis::care::anniversary;
use crate::model::care::{default_rules, CareAction, CareRule};
use crate::model::order::Order;
use crate::model::preference::{Preference, ServiceRule};
use crate::model::Customer;

/// Care rules, care actions done, preference profiles and service rules.
pub(super) fn care(
    seed: u64,
    customers: &[Customer],
    orders: &[Order],
) -> (Vec<CareRule>, Vec<CareAction>, Vec<Preference>, Vec<ServiceRule>) {
    let mut rng = Rng(seed ^ 0x4341_5245);
    let base = base_time();
    let today = base.date_naive();
    let rules: Vec<CareRule> = default_rules(true)
        .into_iter()
        .map(|(name, trigger, template)| CareRule {
            sample: false,
            id: rng.uuid().into(),
            name,
            trigger,
            template,
            active: true,
            created_at: base,
            updated_at: base,
            deleted_at: None,
        })
        .collect();
    let mut last_order: HashMap<&str, NaiveDate> = HashMap::new();
    for o in orders.iter().filter(|o| o.deleted_at.is_none()) {
        let d = last_order.entry(o.customer_id.as_str()).or_insert(o.date);
        *d = (*d).max(o.date);
    }
    let mut actions = Vec::new();
    let mut preferences = Vec::new();
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        // The birthday wish of this year, sent on the day, if it has passed.
        if let Some(born) = c.birthday {
            let this_year = anniversary(today.year(), born.month(), born.day());
            if let Some(this_year) =
                this_year.filter(|d| *d <= today).filter(|d| *d >= c.created_at.date_naive()).filter(|_| rng.chance(70))
            {
                actions.push(done(&mut rng, c, &rules[0], this_year));
            }
        }
        // The call a week after the latest purchase.
        if let Some(last) = last_order.get(c.id.as_str()) {
            let due = *last + Days::new(7);
            if due <= today && rng.chance(50) {
                actions.push(done(&mut rng, c, &rules[2], due));
            }
        }
        if rng.chance(20) {
            preferences.push(Preference {
                sample: false,
                id: rng.uuid().into(),
                customer_id: c.id.clone(),
                channel: rng.pick(&["电话", "微信", "短信", "上门"]).to_owned(),
                time: rng.pick(&["工作日上午", "工作日晚上", "周末下午", "午休时间"]).to_owned(),
                products: rng.pick(&["实木家具", "智能家电", "装修套餐", "床品"]).to_owned(),
                sizes: rng.pick(&["", "三室两厅", "L", "1.8 米床"]).to_owned(),
                dislikes: rng.pick(&["", "频繁推销电话", "周末打扰", "群发短信"]).to_owned(),
                special_dates: rng.pick(&["", "结婚纪念日 5 月 20 日", "乔迁 10 月 1 日"]).to_owned(),
                notes: String::new(),
                created_at: base,
                updated_at: base,
                deleted_at: None,
            });
        }
    }
    let service_rules = [
        ("important_retain", "客服经理电话回访，了解流失原因", 7),
        ("important_value", "专属客服每月一次关怀回访", 30),
    ]
    .into_iter()
    .map(|(segment, action, within_days)| ServiceRule {
        sample: false,
        id: rng.uuid().into(),
        segment: segment.to_owned(),
        action: action.to_owned(),
        within_days,
        created_at: base,
        updated_at: base,
        deleted_at: None,
    })
    .collect();
    (rules, actions, preferences, service_rules)
}

fn done(rng: &mut Rng, c: &Customer, rule: &CareRule, due: NaiveDate) -> CareAction {
    let at = due.and_hms_opt(10, 0, 0).map_or(base_time(), |t| t.and_utc()).min(base_time()).max(c.created_at);
    CareAction {
        sample: false,
        id: rng.uuid().into(),
        customer_id: c.id.clone(),
        rule_id: rule.id.clone(),
        due,
        done_on: due,
        message: rule.message_for(c, due),
        note: String::new(),
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
}
