//! The figures of the dashboard (工作台) that no single module computes: counts per
//! month, and satisfaction and NPS month by month from the survey answers.

use chrono::{Datelike, NaiveDate};

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

/// How many of `dates` fall in each of `months`.
pub fn count_by_month(dates: impl IntoIterator<Item = NaiveDate>, months: &[Month]) -> Vec<usize> {
    let mut out = vec![0; months.len()];
    for d in dates {
        if let Some(i) = months.iter().position(|m| *m == (d.year(), d.month())) {
            out[i] += 1;
        }
    }
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
        let months = months_ending(d("2026-02-14"), 2);
        let counts = count_by_month([d("2026-01-31"), d("2026-02-01"), d("2026-02-28"), d("2025-02-10")], &months);
        assert_eq!(counts, [1, 2]);
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
