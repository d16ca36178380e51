//! RFM analysis: recency (days since the last order), frequency (orders) and monetary
//! value (revenue) in a period, each scored 1–5 by quintile (5 = most recent, most
//! frequent, highest), and the eight classic segments by whether each score is above
//! its mean.

use chrono::NaiveDate;

/// One customer's orders in the period, as RFM needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity<K> {
    /// The customer.
    pub key: K,
    /// The day of the last order.
    pub last_order: NaiveDate,
    /// How many orders.
    pub orders: u32,
    /// Revenue, in fen.
    pub revenue: i64,
}

pub use crate::model::preference::Segment;

impl Segment {
    /// Whether R, F and M are above their means in this segment (the inverse of
    /// [`Segment::of`]).
    pub fn highs(self) -> (bool, bool, bool) {
        match self {
            Segment::ImportantValue => (true, true, true),
            Segment::ImportantDevelop => (true, false, true),
            Segment::ImportantKeep => (false, true, true),
            Segment::ImportantRetain => (false, false, true),
            Segment::GeneralValue => (true, true, false),
            Segment::GeneralDevelop => (true, false, false),
            Segment::GeneralKeep => (false, true, false),
            Segment::GeneralRetain => (false, false, false),
        }
    }

    /// The segment of scores above (`true`) or not above their means.
    pub fn of(r_high: bool, f_high: bool, m_high: bool) -> Segment {
        match (r_high, f_high, m_high) {
            (true, true, true) => Segment::ImportantValue,
            (true, false, true) => Segment::ImportantDevelop,
            (false, true, true) => Segment::ImportantKeep,
            (false, false, true) => Segment::ImportantRetain,
            (true, true, false) => Segment::GeneralValue,
            (true, false, false) => Segment::GeneralDevelop,
            (false, true, false) => Segment::GeneralKeep,
            (false, false, false) => Segment::GeneralRetain,
        }
    }
}

/// One customer's scores and segment.
#[derive(Debug, Clone, PartialEq)]
pub struct RfmRow<K> {
    /// The customer.
    pub key: K,
    /// Days from the last order to the end of the period.
    pub recency_days: i64,
    /// Orders in the period.
    pub frequency: u32,
    /// Revenue in the period, in fen.
    pub monetary: i64,
    /// Scores 1–5: recency, frequency, monetary.
    pub scores: [u8; 3],
    /// The segment.
    pub segment: Segment,
}

/// The quintile score of each value, 5 for the best, by the midpoint percentile of its
/// rank: p = (rank − ½) / n with ties sharing their average rank, score = 1 + ⌊5p⌋.
/// Ten distinct values score 1,1,2,2,3,3,4,4,5,5; five score 1–5; a value shared by
/// all (or a single customer) scores 3.
pub fn quintile_scores(values: &[i64]) -> Vec<u8> {
    let n = values.len() as i64;
    // One sort of positions by value, then each run of equal values scored at once
    // (faster than two binary searches per value at 100,000 customers).
    let mut order: Vec<(i64, u32)> = values.iter().zip(0..).map(|(&v, i)| (v, i)).collect();
    order.sort_unstable();
    let mut scores = vec![0u8; values.len()];
    let mut below = 0usize;
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let equal = run.len() as i64;
        // rank − ½ = below + equal/2; 1 + ⌊5·(2·below + equal) / 2n⌋, in integers.
        let score = (1 + 5 * (2 * below as i64 + equal) / (2 * n)).clamp(1, 5) as u8;
        for &(_, i) in run {
            scores[i as usize] = score;
        }
        below += run.len();
    }
    scores
}

/// Scores and segments every customer of `activity` as of `as_of` (the period's last
/// day). Customers without orders in the period are not in `activity` and not scored.
pub fn rfm<K: Clone>(activity: &[Activity<K>], as_of: NaiveDate) -> Vec<RfmRow<K>> {
    if activity.is_empty() {
        return Vec::new();
    }
    // Recency scores higher for fewer days: score the negated days.
    let days: Vec<i64> = activity.iter().map(|a| (as_of - a.last_order).num_days()).collect();
    let r = quintile_scores(&days.iter().map(|d| -d).collect::<Vec<_>>());
    let f = quintile_scores(&activity.iter().map(|a| i64::from(a.orders)).collect::<Vec<_>>());
    let m = quintile_scores(&activity.iter().map(|a| a.revenue).collect::<Vec<_>>());
    let mut rows: Vec<RfmRow<K>> = activity
        .iter()
        .enumerate()
        .map(|(i, a)| RfmRow {
            key: a.key.clone(),
            recency_days: days[i],
            frequency: a.orders,
            monetary: a.revenue,
            scores: [r[i], f[i], m[i]],
            segment: Segment::GeneralRetain,
        })
        .collect();
    if let Some(means) = mean_scores(&rows) {
        for row in &mut rows {
            let above = |i: usize| f64::from(row.scores[i]) > means[i];
            row.segment = Segment::of(above(0), above(1), above(2));
        }
    }
    rows
}

/// The mean R, F and M scores of `rows`, the line each score must be strictly above
/// to count as high in the segments (a score equal to its mean is not above it);
/// `None` without rows.
pub fn mean_scores<K>(rows: &[RfmRow<K>]) -> Option<[f64; 3]> {
    let n = rows.len() as f64;
    (!rows.is_empty()).then(|| {
        let mut sums = [0.0; 3];
        for r in rows {
            for (sum, score) in sums.iter_mut().zip(r.scores) {
                *sum += f64::from(score);
            }
        }
        sums.map(|s| s / n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quintiles_of_ten_distinct_values() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(quintile_scores(&v), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&[50, 10, 40, 20, 30]), [5, 1, 4, 2, 3]);
    }

    #[test]
    fn ties_share_a_score() {
        // 10, 20, 20, 20, 50: the three 20s hold ranks 2–4 (average 3): p = ½ → 3.
        assert_eq!(quintile_scores(&[10, 20, 20, 20, 50]), [1, 3, 3, 3, 5]);
        // Everybody equal: the middle score.
        assert_eq!(quintile_scores(&[7, 7, 7, 7]), [3, 3, 3, 3]);
    }

    #[test]
    fn fewer_than_five_customers() {
        // One customer: p = ½, 1 + ⌊2.5⌋ = 3.
        assert_eq!(quintile_scores(&[5]), [3]);
        // Two: p = ¼ and ¾ → 1 + ⌊1.25⌋ = 2, 1 + ⌊3.75⌋ = 4.
        assert_eq!(quintile_scores(&[1, 9]), [2, 4]);
        // Three: p = 1/6, 1/2, 5/6 → 1, 3, 5.
        assert_eq!(quintile_scores(&[3, 1, 2]), [5, 1, 3]);
    }

    #[test]
    fn each_of_the_eight_segments() {
        use Segment::*;
        let cases = [
            ((true, true, true), ImportantValue),
            ((true, false, true), ImportantDevelop),
            ((false, true, true), ImportantKeep),
            ((false, false, true), ImportantRetain),
            ((true, true, false), GeneralValue),
            ((true, false, false), GeneralDevelop),
            ((false, true, false), GeneralKeep),
            ((false, false, false), GeneralRetain),
        ];
        for ((r, f, m), want) in cases {
            assert_eq!(Segment::of(r, f, m), want);
            assert_eq!(want.highs(), (r, f, m));
        }
    }

    #[test]
    fn a_worked_example_of_five_customers() {
        // As of 2026-10-31. Recency days 1, 10, 30, 60, 90 → R 5,4,3,2,1;
        // orders 8, 1, 5, 6, 2 → F 5,1,3,4,2; revenue 900, 800, 100, 50, 700 → M 5,4,2,1,3.
        // Means are all 3: above-mean is a score of 4 or 5.
        let a =
            |k: &str, last: &str, orders, revenue| Activity { key: k.to_owned(), last_order: d(last), orders, revenue };
        let activity = [
            a("甲", "2026-10-30", 8, 900),
            a("乙", "2026-10-21", 1, 800),
            a("丙", "2026-10-01", 5, 100),
            a("丁", "2026-09-01", 6, 50),
            a("戊", "2026-08-02", 2, 700),
        ];
        let rows = rfm(&activity, d("2026-10-31"));
        let got: Vec<([u8; 3], Segment)> = rows.iter().map(|r| (r.scores, r.segment)).collect();
        use Segment::*;
        assert_eq!(
            got,
            [
                ([5, 5, 5], ImportantValue),
                ([4, 1, 4], ImportantDevelop),
                ([3, 3, 2], GeneralRetain),
                ([2, 4, 1], GeneralKeep),
                ([1, 2, 3], GeneralRetain),
            ]
        );
        assert_eq!(rows[3].recency_days, 60);
        assert_eq!(mean_scores(&rows), Some([3.0, 3.0, 3.0]));
        assert!(rfm::<String>(&[], d("2026-10-31")).is_empty());
        assert_eq!(mean_scores::<String>(&[]), None);
    }

    #[test]
    fn a_tied_majority_shares_a_score_below_the_mean() {
        // Five customers, last orders 1, 2, 3, 4, 5 days before the end (R 5,4,3,2,1);
        // four ordered once and one five times: the four 1s share ranks 1–4 (average
        // 2.5, p = ½) and score F 3, the 5 scores F 5. Mean F = 17 / 5 = 3.4: the
        // tied four are not above it, only the frequent one is.
        let a = |k: &str, last: &str, orders| Activity { key: k.to_owned(), last_order: d(last), orders, revenue: 100 };
        let activity = [
            a("甲", "2026-10-30", 1),
            a("乙", "2026-10-29", 1),
            a("丙", "2026-10-28", 1),
            a("丁", "2026-10-27", 1),
            a("戊", "2026-10-26", 5),
        ];
        let rows = rfm(&activity, d("2026-10-31"));
        assert_eq!(rows.iter().map(|r| r.scores[1]).collect::<Vec<_>>(), [3, 3, 3, 3, 5]);
        // Equal revenue: every M is 3, the mean is 3 and nobody is above it.
        assert_eq!(rows.iter().map(|r| r.scores[2]).collect::<Vec<_>>(), [3, 3, 3, 3, 3]);
        let means = mean_scores(&rows).unwrap();
        assert!((means[1] - 3.4).abs() < 1e-12);
        assert_eq!(means[2], 3.0);
        use Segment::*;
        // 甲: R 5 > 3, F 3 < 3.4, M 3 = 3 → 一般发展; 戊: R 1, F 5, M 3 → 一般保持.
        assert_eq!(rows[0].segment, GeneralDevelop);
        assert_eq!(rows[4].segment, GeneralKeep);
    }
}
