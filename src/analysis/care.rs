//! Which care reminders are due: birthdays (29 February falls on 28 February in other
//! years), holidays, N days after a purchase, and no order for N days — within a window
//! of days from today, and not already done.

use chrono::{Datelike, Days, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

use super::order_columns::OrderDaysOf;
use crate::model::care::{CareAction, CareKind, CareRule, CareTrigger};
use crate::model::{Customer, Id};

/// A reminder: care for a customer on an occasion, by a rule, on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The day it is for.
    pub due: NaiveDate,
    /// The kind of occasion.
    pub kind: CareKind,
    /// The customer.
    pub customer_id: Id,
    /// The rule (of the rules for the same occasion, the one the list uses).
    pub rule_id: Id,
}

/// A fixed hash of `id` (the same on every run of the same build): the order of one
/// day's reminders.
fn order_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

/// The month and day of a customer's birthday, if it is known. The one place the care
/// reminders (and the today page) read a birthday.
pub fn birthday_month_day(c: &Customer) -> Option<(u32, u32)> {
    c.birthday.map(|b| (b.month(), b.day()))
}

/// The day in `year` of an anniversary on `month`/`day`: 29 February becomes
/// 28 February when the year has none.
pub fn anniversary(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten())
}

/// The next anniversary on or after `from`.
fn next_anniversary(from: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = anniversary(from.year(), month, day)?;
    if this >= from {
        Some(this)
    } else {
        anniversary(from.year() + 1, month, day)
    }
}

/// Every reminder due from `today` up to `window` days ahead (and, for purchases and
/// silences, any that fell due up to `window` days ago and are still open), leaving out
/// those already in `done`, soonest first (overdue ones before today's, today's before
/// tomorrow's); a day's reminders by kind, then in an order fixed by the customer's id
/// (the same whatever the order of `customers`).
///
/// A customer gets one reminder per occasion: when two rules remind of the same kind
/// of occasion on the same day (the owner's birthday rule and the built-in one), the
/// list has it once, by the owner's own rule before a built-in one, then the older
/// rule; and an action done by either rule answers it.
pub fn due_reminders(
    rules: &[CareRule],
    customers: &[&Customer],
    last_orders: &(impl OrderDaysOf + ?Sized),
    done: &[&CareAction],
    today: NaiveDate,
    window: u64,
) -> Vec<Reminder> {
    let until = today.checked_add_days(Days::new(window)).unwrap_or(today);
    let since = today.checked_sub_days(Days::new(window)).unwrap_or(today);
    let kind_of: FxHashMap<&str, CareKind> = rules.iter().map(|r| (r.id.as_str(), r.trigger.kind())).collect();
    // An action answers its occasion: by its rule's kind while the rule is known, by
    // the rule itself otherwise.
    // Fx hashing: one lookup per customer and rule, a few hundred thousand.
    let mut done_rule: FxHashSet<(&str, &str, NaiveDate)> = FxHashSet::default();
    let mut done_kind: FxHashSet<(&str, CareKind, NaiveDate)> =
        FxHashSet::with_capacity_and_hasher(done.len(), Default::default());
    for a in done.iter().filter(|a| a.deleted_at.is_none()) {
        match kind_of.get(a.rule_id.as_str()) {
            Some(k) => done_kind.insert((a.customer_id.as_str(), *k, a.due)),
            None => done_rule.insert((a.customer_id.as_str(), a.rule_id.as_str(), a.due)),
        };
    }
    // The owner's rules first, then the older: the first rule to claim an occasion keeps it.
    let mut live: Vec<&CareRule> = rules.iter().filter(|r| r.active && r.deleted_at.is_none()).collect();
    live.sort_by(|a, b| (a.sample, a.created_at, a.id.as_str()).cmp(&(b.sample, b.created_at, b.id.as_str())));
    // A holiday's day is the same for every customer.
    let holidays: Vec<Option<NaiveDate>> = live
        .iter()
        .map(|r| match r.trigger {
            CareTrigger::Holiday { month, day, .. } => next_anniversary(today, month, day).filter(|h| *h <= until),
            _ => None,
        })
        .collect();
    let any_done = !done_rule.is_empty() || !done_kind.is_empty();
    // Which order days make a purchase rule due within the window, by day (the same
    // for every customer, so no date is added to per order): `since - n ..= until - n`.
    let purchase_days: Vec<Option<(NaiveDate, NaiveDate)>> = live
        .iter()
        .map(|r| match r.trigger {
            CareTrigger::AfterPurchase { days: n } => {
                let n = Days::new(u64::from(n));
                until.checked_sub_days(n).map(|hi| (since.checked_sub_days(n).unwrap_or(NaiveDate::MIN), hi))
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    // Customer by customer, each rule in turn: a customer's order days are looked up
    // once, and the occasions already claimed are that customer's few.
    let mut claimed: Vec<(CareKind, NaiveDate)> = Vec::new();
    for c in customers {
        let id = c.id.as_str();
        let days = last_orders.days_of(id);
        let birthday = birthday_month_day(c).and_then(|(m, d)| next_anniversary(today, m, d)).filter(|b| *b <= until);
        claimed.clear();
        for ((rule, holiday), bought) in live.iter().zip(&holidays).zip(&purchase_days) {
            let kind = rule.trigger.kind();
            let mut push = |due: NaiveDate| {
                let open = !any_done
                    || (!done_rule.contains(&(id, rule.id.as_str(), due)) && !done_kind.contains(&(id, kind, due)));
                if open && !claimed.contains(&(kind, due)) {
                    claimed.push((kind, due));
                    out.push(Reminder { due, kind, customer_id: c.id.clone(), rule_id: rule.id.clone() });
                }
            };
            match &rule.trigger {
                CareTrigger::Birthday => birthday.into_iter().for_each(&mut push),
                CareTrigger::Holiday { .. } => holiday.iter().copied().for_each(&mut push),
                CareTrigger::AfterPurchase { days: n } => {
                    let Some((lo, hi)) = *bought else { continue };
                    for d in days.iter().filter(|d| (lo..=hi).contains(d)) {
                        if let Some(due) = d.checked_add_days(Days::new(u64::from(*n))) {
                            push(due);
                        }
                    }
                }
                CareTrigger::NoOrderFor { days: n } => {
                    if let Some(due) = days.iter().max().and_then(|d| d.checked_add_days(Days::new(u64::from(*n)))) {
                        if due <= until {
                            push(due);
                        }
                    }
                }
            }
        }
    }
    // Within a day and kind, by a fixed hash of the customer's id: an order that is
    // the same on every visit (the customers' own order is not, after a reload), with
    // one id hashed per reminder. Ordering by the id's text compared two ids about a
    // million times at 100,000 customers, for an order no one reads.
    out.sort_by_cached_key(|r| (r.due, r.kind, order_hash(&r.customer_id)));
    out
}

/// How many of `reminders` are of each kind, in [`CareKind::ALL`] order (kinds with
/// none included, with 0).
pub fn count_by_kind(reminders: &[Reminder]) -> Vec<(CareKind, usize)> {
    CareKind::ALL.iter().map(|k| (*k, reminders.iter().filter(|r| r.kind == *k).count())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use std::collections::HashMap;

    fn at() -> DateTime<Utc> {
        "2026-01-01T00:00:00Z".parse().unwrap()
    }

    fn rule(id: &str, trigger: CareTrigger) -> CareRule {
        CareRule {
            sample: false,
            id: id.into(),
            name: id.into(),
            trigger,
            template: "{name}".into(),
            active: true,
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_birthday_without_its_year_is_greeted_on_its_day() {
        let mut c = Customer::new("c", "赵丽", at());
        c.birthday = crate::model::birthday::Birthday::parse("3月8日");
        let rules = [rule("b", CareTrigger::Birthday)];
        let got = due_reminders(&rules, &[&c], &HashMap::new(), &[], d("2027-03-05"), 7);
        assert_eq!(
            got,
            [Reminder { due: d("2027-03-08"), kind: CareKind::Birthday, customer_id: "c".into(), rule_id: "b".into() }]
        );
        assert!(due_reminders(&rules, &[&c], &HashMap::new(), &[], d("2027-03-20"), 7).is_empty());
    }

    #[test]
    fn a_29_february_birthday_in_a_non_leap_year_falls_on_28_february() {
        assert_eq!(anniversary(2027, 2, 29), Some(d("2027-02-28")));
        assert_eq!(anniversary(2028, 2, 29), Some(d("2028-02-29")));
        let mut c = Customer::new("c", "闰日", at());
        c.birthday = Some(d("2000-02-29").into());
        let rules = [rule("b", CareTrigger::Birthday)];
        let got = due_reminders(&rules, &[&c], &HashMap::new(), &[], d("2027-02-20"), 14);
        assert_eq!(
            got,
            [Reminder { due: d("2027-02-28"), kind: CareKind::Birthday, customer_id: "c".into(), rule_id: "b".into() }]
        );
        // Outside the window: nothing yet.
        assert!(due_reminders(&rules, &[&c], &HashMap::new(), &[], d("2027-01-20"), 14).is_empty());
    }

    #[test]
    fn holidays_purchases_silences_and_done_ones() {
        let c = Customer::new("c", "张三", at());
        let orders = HashMap::from([("c".to_owned(), vec![d("2026-09-01"), d("2026-11-20")])]);
        let rules = [
            rule("mid", CareTrigger::Holiday { name: "中秋节".into(), month: 9, day: 25 }),
            rule("after7", CareTrigger::AfterPurchase { days: 7 }),
            rule("quiet60", CareTrigger::NoOrderFor { days: 60 }),
        ];
        let got = due_reminders(&rules, &[&c], &orders, &[], d("2026-11-24"), 7);
        let ids: Vec<(&str, NaiveDate)> = got.iter().map(|r| (r.rule_id.as_str(), r.due)).collect();
        // 7 days after 20 Nov is 27 Nov; the holiday is months away; 60 days after the last
        // order (20 Nov) is in January.
        assert_eq!(ids, [("after7", d("2026-11-27"))]);
        let done = CareAction {
            sample: false,
            id: "a".into(),
            customer_id: "c".into(),
            rule_id: "after7".into(),
            due: d("2026-11-27"),
            done_on: d("2026-11-26"),
            message: String::new(),
            note: String::new(),
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        };
        assert!(due_reminders(&rules, &[&c], &orders, &[&done], d("2026-11-24"), 7).is_empty());
        // Two months later the silence rule is due (and stays due until done).
        let later = due_reminders(&rules, &[&c], &orders, &[], d("2027-01-25"), 7);
        assert!(later.iter().any(|r| r.rule_id == "quiet60" && r.due == d("2027-01-19")));
    }
    fn customer(id: &str, birthday: Option<&str>) -> Customer {
        let mut c = Customer::new(id, id, at());
        c.birthday = birthday.map(|s| d(s).into());
        c
    }

    fn action(customer: &str, rule: &str, due: &str) -> CareAction {
        CareAction {
            sample: false,
            id: format!("{customer}-{rule}").into(),
            customer_id: customer.into(),
            rule_id: rule.into(),
            due: d(due),
            done_on: d(due),
            message: String::new(),
            note: String::new(),
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        }
    }

    /// The book of the worked example: on Tuesday 24 November 2026, looking 7 days
    /// ahead, with the built-in birthday rule and the owner's own.
    fn worked_example() -> (Vec<CareRule>, Vec<Customer>, HashMap<String, Vec<NaiveDate>>) {
        let mut builtin = rule("builtin", CareTrigger::Birthday);
        builtin.sample = true;
        let mut mine = rule("mine", CareTrigger::Birthday);
        mine.created_at = "2026-06-01T00:00:00Z".parse().unwrap();
        let rules = vec![
            builtin,
            mine,
            rule("thanks", CareTrigger::Holiday { name: "感恩节".into(), month: 11, day: 26 }),
            rule("after7", CareTrigger::AfterPurchase { days: 7 }),
            rule("quiet60", CareTrigger::NoOrderFor { days: 60 }),
        ];
        let customers = vec![
            customer("a", Some("1990-11-24")), // birthday today
            customer("b", Some("1985-11-30")), // birthday in 6 days
            customer("c", None),               // bought on 20 Nov
            customer("d", None),               // last bought on 1 Aug
        ];
        let orders = HashMap::from([("c".to_owned(), vec![d("2026-11-20")]), ("d".to_owned(), vec![d("2026-08-01")])]);
        (rules, customers, orders)
    }

    #[test]
    fn two_birthday_rules_give_one_customer_one_reminder_by_the_owners_rule() {
        let (rules, customers, orders) = worked_example();
        let refs: Vec<&Customer> = customers.iter().collect();
        let got = due_reminders(&rules, &refs, &orders, &[], d("2026-11-24"), 7);
        let birthdays: Vec<(&str, &str)> = got
            .iter()
            .filter(|r| r.kind == CareKind::Birthday)
            .map(|r| (r.customer_id.as_str(), r.rule_id.as_str()))
            .collect();
        assert_eq!(birthdays, [("a", "mine"), ("b", "mine")]);
        // Marked done under the built-in rule (before the owner added theirs), it is done.
        let done = [action("a", "builtin", "2026-11-24")];
        let got = due_reminders(&rules, &refs, &orders, &[&done[0]], d("2026-11-24"), 7);
        assert!(!got.iter().any(|r| r.customer_id == "a" && r.kind == CareKind::Birthday));
        assert!(got.iter().any(|r| r.customer_id == "b" && r.kind == CareKind::Birthday));
        // With the owner's rule switched off, the built-in one reminds alone.
        let mut off = rules.clone();
        off[1].active = false;
        let got = due_reminders(&off, &refs, &orders, &[], d("2026-11-24"), 7);
        let a: Vec<&str> = got.iter().filter(|r| r.kind == CareKind::Birthday).map(|r| r.rule_id.as_str()).collect();
        assert_eq!(a, ["builtin", "builtin"]);
    }

    #[test]
    fn the_list_is_soonest_first_and_counted_per_kind() {
        let (rules, customers, orders) = worked_example();
        let refs: Vec<&Customer> = customers.iter().collect();
        let got = due_reminders(&rules, &refs, &orders, &[], d("2026-11-24"), 7);
        let mut order: Vec<(&str, &str)> = got.iter().map(|r| (r.customer_id.as_str(), r.rule_id.as_str())).collect();
        // One day's reminders of one kind are in an order fixed by the customers' ids,
        // whatever order the customers come in; here compared by id.
        order[2..6].sort_unstable();
        let mut reversed = refs.clone();
        reversed.reverse();
        assert_eq!(due_reminders(&rules, &reversed, &orders, &[], d("2026-11-24"), 7), got);
        // d has not bought for 60 days since 30 Sep (overdue); a's birthday is today;
        // everybody gets the 26 Nov holiday; c's purchase of 20 Nov is 7 days old on the
        // 27th; b's birthday is on the 30th. d's purchase of 1 Aug is too old to remind of.
        assert_eq!(
            order,
            [
                ("d", "quiet60"),
                ("a", "mine"),
                ("a", "thanks"),
                ("b", "thanks"),
                ("c", "thanks"),
                ("d", "thanks"),
                ("c", "after7"),
                ("b", "mine"),
            ]
        );
        assert_eq!(got[0].due, d("2026-09-30"));
        assert_eq!(
            count_by_kind(&got),
            [(CareKind::Birthday, 2), (CareKind::Holiday, 4), (CareKind::AfterPurchase, 1), (CareKind::NoOrderFor, 1)]
        );
    }
}
