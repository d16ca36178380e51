//! Customer lifetime value (客户终身价值): the annual margin m = average order value ×
//! orders per year × margin rate, and CLV = Σ_{t=0}^{n−1} m·rᵗ/(1+d)ᵗ with retention r,
//! discount rate d and horizon n years.

/// The inputs of the CLV formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClvInputs {
    /// Average order value, yuan.
    pub average_order: f64,
    /// Orders per year.
    pub orders_per_year: f64,
    /// Margin rate, 0–1.
    pub margin: f64,
    /// Retention rate per year, 0–1.
    pub retention: f64,
    /// Discount rate per year, ≥ 0.
    pub discount: f64,
    /// Horizon in years.
    pub years: u32,
}

impl ClvInputs {
    /// The annual margin m.
    pub fn annual_margin(&self) -> f64 {
        self.average_order * self.orders_per_year * self.margin
    }

    /// The value of each year t = 0 … n−1.
    pub fn yearly(&self) -> Vec<f64> {
        let m = self.annual_margin();
        (0..self.years).map(|t| m * self.retention.powi(t as i32) / (1.0 + self.discount).powi(t as i32)).collect()
    }

    /// CLV, or `None` if an input is out of range (rates outside 0–1, a negative value).
    pub fn clv(&self) -> Option<f64> {
        let ok = self.average_order >= 0.0
            && self.orders_per_year >= 0.0
            && (0.0..=1.0).contains(&self.margin)
            && (0.0..=1.0).contains(&self.retention)
            && self.discount >= 0.0
            && [self.average_order, self.orders_per_year, self.discount].iter().all(|v| v.is_finite());
        ok.then(|| self.yearly().iter().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(retention: f64, discount: f64, years: u32) -> ClvInputs {
        // m = 500 × 4 × 0.25 = 500 a year.
        ClvInputs { average_order: 500.0, orders_per_year: 4.0, margin: 0.25, retention, discount, years }
    }

    #[test]
    fn without_churn_or_discount_clv_is_m_times_n() {
        assert_eq!(inputs(1.0, 0.0, 5).annual_margin(), 500.0);
        assert_eq!(inputs(1.0, 0.0, 5).clv(), Some(2500.0));
        assert_eq!(inputs(1.0, 0.0, 0).clv(), Some(0.0));
    }

    #[test]
    fn a_discounted_case_by_hand() {
        // r = 0.8, d = 0.1, n = 3: 500 + 500·0.8/1.1 + 500·0.64/1.21
        //   = 500 + 363.6364 + 264.4628 = 1128.0992
        let v = inputs(0.8, 0.1, 3).clv().unwrap();
        assert!((v - 1128.0992).abs() < 1e-4, "{v}");
        let y = inputs(0.8, 0.1, 3).yearly();
        assert!((y[1] - 363.6364).abs() < 1e-4);
    }

    #[test]
    fn rates_out_of_range_give_no_value() {
        assert_eq!(inputs(1.2, 0.1, 3).clv(), None);
        assert_eq!(inputs(0.8, -0.1, 3).clv(), None);
    }
}
