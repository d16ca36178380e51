//! ABC / Pareto analysis (ABC 分类): customers ranked by revenue; a customer is A while
//! the share of revenue of the customers before it is under the A threshold (80%), B
//! under the B threshold (95%), C otherwise.

/// The thresholds, in per mille of revenue (80% = 800), so the boundary is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbcThresholds {
    /// The cumulative share before a customer under which it is A.
    pub a: u32,
    /// The cumulative share before a customer under which it is B.
    pub b: u32,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        AbcThresholds { a: 800, b: 950 }
    }
}

/// Why thresholds are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdError {
    /// B is not above A, or A is 0, or B is above 100%.
    #[error("thresholds must satisfy 0 < A < B ≤ 100%")]
    OutOfOrder,
}

impl AbcThresholds {
    /// Checks 0 < A < B ≤ 1000‰.
    pub fn check(self) -> Result<Self, ThresholdError> {
        if self.a > 0 && self.a < self.b && self.b <= 1000 {
            Ok(self)
        } else {
            Err(ThresholdError::OutOfOrder)
        }
    }
}

/// An ABC class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AbcClass {
    /// The few that make most of the revenue.
    A,
    /// The middle.
    B,
    /// The many that make little.
    C,
}

/// One customer's place in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct AbcRow<K> {
    /// The customer (whatever key the caller uses).
    pub key: K,
    /// Revenue in the period, in fen (cents), exact.
    pub revenue: i64,
    /// Share of total revenue of this customer and all before it, 0–1.
    pub cumulative: f64,
    /// The class.
    pub class: AbcClass,
}

/// Ranks `revenues` (key, revenue in fen) from the highest revenue down (ties by key)
/// and classes each. Empty when there is no revenue at all.
pub fn abc<K: Ord + Clone>(revenues: &[(K, i64)], t: AbcThresholds) -> Vec<AbcRow<K>> {
    let total: i128 = revenues.iter().map(|(_, r)| i128::from((*r).max(0))).sum();
    if total <= 0 {
        return Vec::new();
    }
    // Sort positions by revenue (compact, no key touched), then break the rare ties by key.
    let mut order: Vec<(std::cmp::Reverse<i64>, u32)> =
        revenues.iter().zip(0..).map(|((_, r), i)| (std::cmp::Reverse(*r), i)).collect();
    order.sort_unstable();
    for run in order.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        run.sort_unstable_by(|a, b| revenues[a.1 as usize].0.cmp(&revenues[b.1 as usize].0));
    }
    let sorted = order.iter().map(|&(_, i)| &revenues[i as usize]);
    let mut before: i128 = 0;
    sorted
        .map(|(key, revenue)| {
            // cumulative-before / total < threshold‰, in integers: no rounding at the boundary.
            let class = if before * 1000 < i128::from(t.a) * total {
                AbcClass::A
            } else if before * 1000 < i128::from(t.b) * total {
                AbcClass::B
            } else {
                AbcClass::C
            };
            before += i128::from((*revenue).max(0));
            AbcRow { key: key.clone(), revenue: *revenue, cumulative: before as f64 / total as f64, class }
        })
        .collect()
}

/// Counts and revenue per class: `[(count, revenue); 3]` for A, B, C.
pub fn class_totals<K>(rows: &[AbcRow<K>]) -> [(usize, i64); 3] {
    let mut out = [(0, 0); 3];
    for r in rows {
        let i = r.class as usize;
        out[i].0 += 1;
        out[i].1 += r.revenue;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(revenues: &[i64]) -> Vec<AbcClass> {
        let input: Vec<(usize, i64)> = revenues.iter().copied().enumerate().collect();
        abc(&input, AbcThresholds::default()).into_iter().map(|r| r.class).collect()
    }

    #[test]
    fn a_customer_exactly_at_the_80_percent_boundary_is_b() {
        // Before the third: 50 + 30 = 80 of 100 = 80%, not under 80%: B. Before the
        // fourth: 95%, not under 95%: C.
        assert_eq!(classes(&[50, 30, 15, 5]), [AbcClass::A, AbcClass::A, AbcClass::B, AbcClass::C]);
    }

    #[test]
    fn one_customer_with_90_percent_of_revenue() {
        // 90 | 5 | 3 | 2: before the 2nd 90% (B), before the 3rd 95% (C), before the 4th 98% (C).
        assert_eq!(classes(&[5, 90, 2, 3]), [AbcClass::A, AbcClass::B, AbcClass::C, AbcClass::C]);
        let rows = abc(&[("x", 9000), ("y", 1000)], AbcThresholds::default());
        assert_eq!(rows[0].key, "x");
        assert!((rows[0].cumulative - 0.9).abs() < 1e-12);
    }

    #[test]
    fn a_classic_pareto_book() {
        // Ten customers, revenue 40, 20, 12, 8, 6, 5, 4, 2, 2, 1 (total 100).
        // Cumulative before: 0, 40, 60, 72, 80, 86, 91, 95, 97, 99.
        let got = classes(&[40, 20, 12, 8, 6, 5, 4, 2, 2, 1]);
        use AbcClass::*;
        assert_eq!(got, [A, A, A, A, B, B, B, C, C, C]);
        let rows = abc(&(0..10).zip([40, 20, 12, 8, 6, 5, 4, 2, 2, 1]).collect::<Vec<_>>(), AbcThresholds::default());
        assert_eq!(class_totals(&rows), [(4, 80), (3, 15), (3, 5)]);
    }

    #[test]
    fn no_revenue_means_no_classes_and_thresholds_must_be_in_order() {
        assert!(classes(&[]).is_empty());
        assert!(classes(&[0, 0]).is_empty());
        assert_eq!(AbcThresholds { a: 800, b: 700 }.check(), Err(ThresholdError::OutOfOrder));
        assert_eq!(AbcThresholds { a: 0, b: 700 }.check(), Err(ThresholdError::OutOfOrder));
        assert_eq!(AbcThresholds { a: 700, b: 1001 }.check(), Err(ThresholdError::OutOfOrder));
        assert!(AbcThresholds { a: 700, b: 900 }.check().is_ok());
    }
}
