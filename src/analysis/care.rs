//! Which care reminders are due: birthdays (29 February falls on 28 February in other
//! years), holidays, N days after a purchase, and no order for N days — within a window
//! of days from today, and not already done.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use crate::model::care::{CareAction, CareRule, CareTrigger};
use crate::model::Customer;

/// A reminder: care for a customer by a rule on a day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reminder {
    /// The day it is for.
    pub due: NaiveDate,
    /// The customer.
    pub customer_id: String,
    /// The rule.
    pub rule_id: String,
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
/// those already in `done`.
pub fn due_reminders(
    rules: &[CareRule],
    customers: &[&Customer],
    last_orders: &HashMap<String, Vec<NaiveDate>>,
    done: &[CareAction],
    today: NaiveDate,
    window: u64,
) -> Vec<Reminder> {
    let until = today.checked_add_days(Days::new(window)).unwrap_or(today);
    let since = today.checked_sub_days(Days::new(window)).unwrap_or(today);
    let done: HashSet<(&str, &str, NaiveDate)> = done
        .iter()
        .filter(|a| a.deleted_at.is_none())
        .map(|a| (a.customer_id.as_str(), a.rule_id.as_str(), a.due))
        .collect();
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.active && r.deleted_at.is_none()) {
        for c in customers {
            let days = last_orders.get(c.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let mut push = |due: NaiveDate| {
                if !done.contains(&(c.id.as_str(), rule.id.as_str(), due)) {
                    out.push(Reminder { due, customer_id: c.id.to_string(), rule_id: rule.id.to_string() });
                }
            };
            match &rule.trigger {
                CareTrigger::Birthday => {
                    if let Some(b) = c.birthday.and_then(|b| next_anniversary(today, b.month(), b.day())) {
                        if b <= until {
                            push(b);
                        }
                    }
                }
                CareTrigger::Holiday { month, day, .. } => {
                    if let Some(h) = next_anniversary(today, *month, *day) {
                        if h <= until {
                            push(h);
                        }
                    }
                }
                CareTrigger::AfterPurchase { days: n } => {
                    for d in days {
                        if let Some(due) = d.checked_add_days(Days::new(u64::from(*n))) {
                            if due >= since && due <= until {
                                push(due);
                            }
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
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

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
    fn a_29_february_birthday_in_a_non_leap_year_falls_on_28_february() {
        assert_eq!(anniversary(2027, 2, 29), Some(d("2027-02-28")));
        assert_eq!(anniversary(2028, 2, 29), Some(d("2028-02-29")));
        let mut c = Customer::new("c", "闰日", at());
        c.birthday = Some(d("2000-02-29").into());
        let rules = [rule("b", CareTrigger::Birthday)];
        let got = due_reminders(&rules, &[&c], &HashMap::new(), &[], d("2027-02-20"), 14);
        assert_eq!(got, [Reminder { due: d("2027-02-28"), customer_id: "c".into(), rule_id: "b".into() }]);
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
        assert!(due_reminders(&rules, &[&c], &orders, &[done], d("2026-11-24"), 7).is_empty());
        // Two months later the silence rule is due (and stays due until done).
        let later = due_reminders(&rules, &[&c], &orders, &[], d("2027-01-25"), 7);
        assert!(later.iter().any(|r| r.rule_id == "quiet60" && r.due == d("2027-01-19")));
    }
}
