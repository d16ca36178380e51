//! The figures of the dashboard (工作台) that no single module computes: what needs
//! doing today (complaints near their deadline), counts and sales per month, new and
//! returning buyers per month, and satisfaction and NPS month by month from the survey
//! answers.

use std::hash::Hash;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::complaint::Complaint;

use super::rate::Rate;
use super::satisfaction::{nps, satisfaction_rate};
use crate::model::survey::{Answer, SurveyResponse};

/// A calendar month as (year, month 1–12).
pub type Month = (i32, u32);

/// The `n` months that end with the month of `last`, oldest first.
pub fn months_ending(last: NaiveDate, n: usize) -> Vec<Month> {
    let mut out = Vec::with_capacity(n);
    let (mut y, mut m) = (last.year(), last.month());
    for _ in 0..n {
        out.push((y, m));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

/// Each month's first and last day (none for a month that does not exist): a day's
/// month is then found by comparing days, not by taking each of half a million days
/// apart into year and month.
fn month_spans(months: &[Month]) -> Vec<Option<(NaiveDate, NaiveDate)>> {
    months
        .iter()
        .map(|&(y, m)| {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            Some((first, first.checked_add_months(chrono::Months::new(1))?.pred_opt()?))
        })
        .collect()
}

/// The index of the span of `spans` (see [`month_spans`]) that holds `day`.
fn month_of(spans: &[Option<(NaiveDate, NaiveDate)>], day: NaiveDate) -> Option<usize> {
    spans.iter().position(|s| s.is_some_and(|(first, last)| first <= day && day <= last))
}

/// How many of `values` fall in each span between two neighbouring `bounds` (sorted,
/// oldest first): `out[i]` counts those from `bounds[i]` up to, not including,
/// `bounds[i + 1]`. Instants counted by local month this way need the time zone only
/// at the bounds, not once per value.
pub fn count_between<T: Ord>(values: impl IntoIterator<Item = T>, bounds: &[T]) -> Vec<usize> {
    let mut out = vec![0; bounds.len().saturating_sub(1)];
    for v in values {
        let after = bounds.partition_point(|b| *b <= v);
        if after > 0 && after < bounds.len() {
            out[after - 1] += 1;
        }
    }
    out
}

/// The sum of the amounts of `items` (day, amount) in each of `months`: sales by month.
pub fn sum_by_month(items: impl IntoIterator<Item = (NaiveDate, f64)>, months: &[Month]) -> Vec<f64> {
    let spans = month_spans(months);
    let mut out = vec![0.0; months.len()];
    for (d, amount) in items {
        if let Some(i) = month_of(&spans, d) {
            out[i] += amount;
        }
    }
    out
}

/// The buyers of one month: those whose first purchase ever was in it, and those who
/// had bought before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NewReturning {
    /// Customers whose first purchase is in this month.
    pub new: usize,
    /// Customers who bought in this month and had bought in an earlier month.
    pub returning: usize,
}

/// New and returning buyers in each of `months`, from every purchase of the book
/// (`purchases`: customer id and day, in any order; purchases before the first month
/// count, since they make a later buyer a returning one). A customer counts once a
/// month however often they bought in it. A known first purchase without an order
/// (an opening balance) can be passed as one more purchase on that day.
pub fn new_and_returning<K: Hash + Eq + Clone>(
    purchases: impl IntoIterator<Item = (K, NaiveDate)>,
    months: &[Month],
) -> Vec<NewReturning> {
    let spans = month_spans(months);
    // Hashed with Fx: half a million purchases, SipHash's defence against chosen keys
    // buys nothing here.
    let mut first: FxHashMap<K, NaiveDate> = FxHashMap::default();
    let mut buyers: Vec<FxHashSet<K>> = vec![FxHashSet::default(); months.len()];
    for (customer, d) in purchases {
        if let Some(i) = month_of(&spans, d) {
            buyers[i].insert(customer.clone());
        }
        first.entry(customer).and_modify(|f| *f = (*f).min(d)).or_insert(d);
    }
    spans
        .iter()
        .zip(buyers)
        .map(|(span, who)| {
            let new =
                who.iter().filter(|c| first.get(*c).zip(*span).is_some_and(|(f, (a, b))| a <= *f && *f <= b)).count();
            NewReturning { new, returning: who.len() - new }
        })
        .collect()
}

/// The open complaints (not yet answered) whose deadline is past or falls within
/// `within` of `now`, the most pressing first.
pub fn complaints_near_deadline<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    now: DateTime<Utc>,
    within: Duration,
) -> Vec<&'a Complaint> {
    let mut out: Vec<&Complaint> = complaints
        .into_iter()
        .filter(|c| c.deleted_at.is_none() && c.resolved_at().is_none() && c.deadline() <= now + within)
        .collect();
    out.sort_by_key(|c| (c.deadline(), c.id.to_string()));
    out
}

/// Satisfaction in one month: the share of 1–5 ratings that are 4 or 5, and the NPS of
/// the 0–10 answers, over every survey's responses given that month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthSatisfaction {
    /// The month.
    pub month: Month,
    /// Ratings of 4–5 ÷ ratings.
    pub satisfaction: Rate,
    /// NPS, −100…100, if anybody answered a 0–10 question.
    pub nps: Option<f64>,
}

/// Satisfaction and NPS in each of `months`, by the day each response was given
/// (`day_of`, which turns its time into a local day).
pub fn satisfaction_by_month<'a>(
    responses: impl IntoIterator<Item = &'a SurveyResponse>,
    months: &[Month],
    day_of: impl Fn(&SurveyResponse) -> NaiveDate,
) -> Vec<MonthSatisfaction> {
    let mut ratings: Vec<Vec<u8>> = vec![Vec::new(); months.len()];
    let mut likelihood: Vec<Vec<u8>> = vec![Vec::new(); months.len()];
    for r in responses.into_iter().filter(|r| r.deleted_at.is_none()) {
        let d = day_of(r);
        let Some(i) = months.iter().position(|m| *m == (d.year(), d.month())) else { continue };
        for a in r.answers.values() {
            match a {
                Answer::Rating(v) => ratings[i].push(*v),
                Answer::Likelihood(v) => likelihood[i].push(*v),
                _ => {}
            }
        }
    }
    months
        .iter()
        .enumerate()
        .map(|(i, m)| MonthSatisfaction {
            month: *m,
            satisfaction: satisfaction_rate(&ratings[i]),
            nps: nps(&likelihood[i]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_across_a_new_year() {
        assert_eq!(months_ending(d("2026-02-14"), 4), [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]);
    }

    #[test]
    fn instants_counted_by_local_month_between_bounds() {
        // January and February 2026 in Beijing time (UTC+8): each month starts at
        // 16:00 UTC on the day before its first.
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let bounds = [t("2025-12-31T16:00:00Z"), t("2026-01-31T16:00:00Z"), t("2026-02-28T16:00:00Z")];
        let created = [
            t("2025-12-31T15:59:59Z"), // 31 December 23:59:59 local: before January
            t("2025-12-31T16:00:00Z"), // 1 January 00:00 local: January
            t("2026-01-31T15:59:00Z"), // 31 January 23:59 local: January
            t("2026-01-31T16:00:00Z"), // 1 February 00:00 local: February
            t("2026-02-28T16:00:00Z"), // 1 March 00:00 local: after February
        ];
        assert_eq!(count_between(created, &bounds), [2, 1]);
        assert_eq!(count_between([d("2026-01-05")], &[d("2026-01-01")]), Vec::<usize>::new());
    }

    #[test]
    fn sales_by_month_over_the_last_twelve_months() {
        let months = months_ending(d("2026-11-24"), 12);
        assert_eq!((months[0], months[11]), ((2025, 12), (2026, 11)));
        let sales = sum_by_month(
            [
                (d("2025-11-30"), 999.0), // a month before the first: left out
                (d("2025-12-01"), 100.0),
                (d("2025-12-31"), 50.5),
                (d("2026-06-15"), 800.0),
                (d("2026-11-24"), 20.0),
                (d("2026-11-25"), 30.0), // later this month, still this month
            ],
            &months,
        );
        assert_eq!(sales[0], 150.5);
        assert_eq!(sales[6], 800.0);
        assert_eq!(sales[11], 50.0);
        assert_eq!(sales.iter().sum::<f64>(), 1000.5);
    }

    #[test]
    fn new_and_returning_buyers_worked_by_hand() {
        let months = months_ending(d("2026-03-31"), 3); // January, February, March 2026
        let purchases = [
            ("ann", d("2025-12-05")), // Ann first bought before January…
            ("ann", d("2026-01-10")), // …so in January she is returning
            ("bob", d("2026-01-03")), // Bob's first purchase: new in January
            ("bob", d("2026-01-20")), // twice in January counts once
            ("bob", d("2026-02-14")), // and returning in February
            ("cat", d("2026-02-01")), // Cat: new in February
            ("dan", d("2026-03-09")), // Dan: new in March…
            ("cat", d("2026-03-30")), // …Cat returning in March
            ("eve", d("2026-04-01")), // after the last month: not counted
        ];
        assert_eq!(
            new_and_returning(purchases, &months),
            [
                NewReturning { new: 1, returning: 1 },
                NewReturning { new: 1, returning: 1 },
                NewReturning { new: 1, returning: 1 },
            ]
        );
        // Order does not matter: a purchase listed late still makes the first one.
        let shuffled = [("ann", d("2026-01-10")), ("ann", d("2025-12-05")), ("bob", d("2026-01-03"))];
        assert_eq!(new_and_returning(shuffled, &months)[0], NewReturning { new: 1, returning: 1 });
    }

    #[test]
    fn complaints_past_or_near_their_deadline_most_pressing_first() {
        use crate::model::complaint::tests::complaint;
        use crate::model::complaint::{ComplaintStep, Severity, StepRecord};
        let now: DateTime<Utc> = "2026-11-24T12:00:00Z".parse().unwrap();
        let mut late = complaint("2026-11-24T06:00:00Z", Severity::Urgent); // due 10:00: 2 h late
        late.id = "late".into();
        let mut soon = complaint("2026-11-22T20:00:00Z", Severity::Normal); // due tomorrow 20:00: in 32 h
        soon.id = "soon".into();
        let mut today = complaint("2026-11-24T10:00:00Z", Severity::Urgent); // due 14:00: in 2 h
        today.id = "today".into();
        let mut later = complaint("2026-11-24T09:00:00Z", Severity::Normal); // due in 69 h
        later.id = "later".into();
        let mut answered = complaint("2026-11-24T07:00:00Z", Severity::Urgent);
        answered.id = "answered".into();
        answered.steps.push(StepRecord {
            step: ComplaintStep::Replied,
            at: now,
            by: "王丽".into(),
            note: String::new(),
        });
        let list = [later, answered, soon, today, late];
        let ids = |within: i64| -> Vec<String> {
            complaints_near_deadline(&list, now, Duration::hours(within)).iter().map(|c| c.id.to_string()).collect()
        };
        assert_eq!(ids(24), ["late", "today"]);
        assert_eq!(ids(48), ["late", "today", "soon"]);
    }

    #[test]
    fn satisfaction_and_nps_per_month_worked_by_hand() {
        let at = "2026-01-10T08:00:00Z".parse().unwrap();
        let resp = |id: &str, day: &str, answers: &[(&str, Answer)]| SurveyResponse {
            sample: false,
            id: id.into(),
            survey_id: "s".into(),
            customer_id: Default::default(),
            answers: answers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<BTreeMap<_, _>>(),
            created_at: format!("{day}T08:00:00Z").parse().unwrap_or(at),
            updated_at: format!("{day}T08:00:00Z").parse().unwrap_or(at),
            deleted_at: None,
        };
        // January: ratings 5, 4, 2 → 2 of 3 satisfied; likelihood 10, 9, 3, 8 → promoters
        // 2/4 − detractors 1/4 = NPS 25. February: nobody answered.
        let list = [
            resp("a", "2026-01-05", &[("q1", Answer::Rating(5)), ("rec", Answer::Likelihood(10))]),
            resp("b", "2026-01-20", &[("q1", Answer::Rating(4)), ("rec", Answer::Likelihood(9))]),
            resp("c", "2026-01-31", &[("q1", Answer::Rating(2)), ("rec", Answer::Likelihood(3))]),
            resp("d", "2026-01-31", &[("rec", Answer::Likelihood(8)), ("t", Answer::Text("ok".into()))]),
            resp("e", "2025-12-31", &[("q1", Answer::Rating(1))]),
        ];
        let months = months_ending(d("2026-02-01"), 2);
        let by = satisfaction_by_month(&list, &months, |r| r.created_at.date_naive());
        assert_eq!(by[0].satisfaction, Rate { hit: 2, of: 3 });
        assert_eq!(by[0].nps, Some(25.0));
        assert_eq!((by[1].satisfaction, by[1].nps), (Rate::default(), None));
    }
}
