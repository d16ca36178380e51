//! Satisfaction survey results (客户满意度): the weighted satisfaction index CSI, the
//! satisfaction rate, NPS, and the importance–performance quadrants (重要性—满意度四分图).

use super::rate::Rate;

/// One 1–5 rating question's answers and its importance weight.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedItem {
    /// Importance weight (> 0).
    pub weight: f64,
    /// The answers, each 1–5.
    pub ratings: Vec<u8>,
}

impl RatedItem {
    /// The mean rating, or `None` without answers.
    pub fn mean(&self) -> Option<f64> {
        (!self.ratings.is_empty())
            .then(|| self.ratings.iter().map(|&r| f64::from(r)).sum::<f64>() / self.ratings.len() as f64)
    }
}

/// The customer satisfaction index on 0–100: Σ wᵢ·(meanᵢ−1)/4 ÷ Σ wᵢ × 100, over the
/// items that have answers. A mean of 1 maps to 0 and a mean of 5 to 100. `None` when
/// no item has answers or the weights sum to zero.
pub fn csi(items: &[RatedItem]) -> Option<f64> {
    let (weighted, weights) = items
        .iter()
        .filter_map(|i| i.mean().map(|m| (i.weight * (m - 1.0) / 4.0, i.weight)))
        .fold((0.0, 0.0), |(a, b), (x, w)| (a + x, b + w));
    (weights > 0.0).then(|| weighted / weights * 100.0)
}

/// The satisfaction rate (满意率): the share of 1–5 answers that are 4 or 5.
pub fn satisfaction_rate<'a>(ratings: impl IntoIterator<Item = &'a u8>) -> Rate {
    Rate::count(ratings, |&&r| r >= 4)
}

/// Net Promoter Score from 0–10 answers: % of 9–10 (promoters) minus % of 0–6
/// (detractors), on −100…100. `None` without answers.
pub fn nps(scores: &[u8]) -> Option<f64> {
    let promoters = Rate::count(scores, |&&s| s >= 9).share()?;
    let detractors = Rate::count(scores, |&&s| s <= 6).share()?;
    Some((promoters - detractors) * 100.0)
}

/// Where an item falls in the importance–performance chart, split at the means of
/// both axes (a value equal to the mean counts as high).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    /// Important and well rated: keep it up (优势区).
    Keep,
    /// Important but poorly rated: improve first (重点改进区).
    ImproveFirst,
    /// Less important and poorly rated: improve later (次要改进区).
    ImproveLater,
    /// Less important but well rated: maintain, do not over-invest (维持区).
    Maintain,
}

crate::model::choice::choice! { Quadrant {
    Keep = "keep" => QuadKeep,
    ImproveFirst = "improve_first" => QuadImproveFirst,
    ImproveLater = "improve_later" => QuadImproveLater,
    Maintain = "maintain" => QuadMaintain,
} }

/// The quadrant of each `(importance, satisfaction)` point, in order.
pub fn quadrants(points: &[(f64, f64)]) -> Vec<Quadrant> {
    if points.is_empty() {
        return Vec::new();
    }
    let n = points.len() as f64;
    let mean_importance = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_satisfaction = points.iter().map(|p| p.1).sum::<f64>() / n;
    points
        .iter()
        .map(|&(importance, satisfaction)| match (importance >= mean_importance, satisfaction >= mean_satisfaction) {
            (true, true) => Quadrant::Keep,
            (true, false) => Quadrant::ImproveFirst,
            (false, false) => Quadrant::ImproveLater,
            (false, true) => Quadrant::Maintain,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_read_back() {
        crate::model::choice::values_round_trip::<Quadrant>();
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// A three-question survey with five responses, computed by hand:
    /// Q1 w=0.5 ratings 5,4,4,3,5 → mean 4.2 → (4.2−1)/4 = 0.80
    /// Q2 w=0.3 ratings 3,3,4,2,3 → mean 3.0 → 0.50
    /// Q3 w=0.2 ratings 5,5,4,5,5 → mean 4.8 → 0.95
    /// CSI = (0.5·0.80 + 0.3·0.50 + 0.2·0.95) / 1.0 × 100 = 74.0
    fn survey() -> Vec<RatedItem> {
        vec![
            RatedItem { weight: 0.5, ratings: vec![5, 4, 4, 3, 5] },
            RatedItem { weight: 0.3, ratings: vec![3, 3, 4, 2, 3] },
            RatedItem { weight: 0.2, ratings: vec![5, 5, 4, 5, 5] },
        ]
    }

    #[test]
    fn csi_of_the_worked_example_is_74() {
        assert!(close(csi(&survey()).unwrap(), 74.0));
    }

    #[test]
    fn csi_normalises_weights_and_spans_0_to_100() {
        // Weights 5, 3, 2 are the same as 0.5, 0.3, 0.2.
        let mut scaled = survey();
        for (i, w) in [5.0, 3.0, 2.0].into_iter().enumerate() {
            scaled[i].weight = w;
        }
        assert!(close(csi(&scaled).unwrap(), 74.0));
        assert!(close(csi(&[RatedItem { weight: 1.0, ratings: vec![1, 1] }]).unwrap(), 0.0));
        assert!(close(csi(&[RatedItem { weight: 1.0, ratings: vec![5] }]).unwrap(), 100.0));
        assert_eq!(csi(&[RatedItem { weight: 1.0, ratings: vec![] }]), None);
    }

    #[test]
    fn satisfaction_rate_counts_fours_and_fives() {
        // 4 + 1 + 5 = 10 answers of 15 are 4 or 5.
        let all: Vec<u8> = survey().into_iter().flat_map(|i| i.ratings).collect();
        let rate = satisfaction_rate(&all);
        assert_eq!(rate, Rate { hit: 10, of: 15 });
        assert!(close(rate.share().unwrap(), 2.0 / 3.0));
    }

    #[test]
    fn nps_of_the_worked_example_is_20() {
        // Promoters 10, 9, 10, 9, 10 = 5 of 10 (50%); detractors 6, 3, 5 = 3 of 10 (30%).
        let scores = [10, 9, 8, 7, 6, 10, 3, 9, 10, 5];
        assert!(close(nps(&scores).unwrap(), 20.0));
        assert!(close(nps(&[0, 1, 6]).unwrap(), -100.0));
        assert_eq!(nps(&[]), None);
    }

    #[test]
    fn quadrants_split_at_the_means() {
        // Importance mean 0.4, satisfaction mean 4.0.
        let points = [(0.6, 3.5), (0.5, 4.5), (0.2, 4.6), (0.3, 3.4)];
        assert_eq!(
            quadrants(&points),
            [Quadrant::ImproveFirst, Quadrant::Keep, Quadrant::Maintain, Quadrant::ImproveLater]
        );
        assert_eq!(quadrants(&[(1.0, 3.0)]), [Quadrant::Keep], "a lone point sits on both means");
    }
}
