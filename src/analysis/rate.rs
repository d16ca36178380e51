//! A KPI rate: how many of how many, kept as counts so it can be shown as
//! "3 / 4 (75%)" and never divides by zero.

/// `hit` of `of` — a callback rate, an on-time rate, a satisfaction rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rate {
    /// How many met the condition.
    pub hit: usize,
    /// How many were counted.
    pub of: usize,
}

impl Rate {
    /// The share 0.0–1.0, or `None` when nothing was counted (a rate of nothing is
    /// not 0%).
    pub fn share(self) -> Option<f64> {
        (self.of > 0).then(|| self.hit as f64 / self.of as f64)
    }

    /// Counts `items`, `hit` where `test` holds.
    pub fn count<T>(items: impl IntoIterator<Item = T>, test: impl Fn(&T) -> bool) -> Rate {
        items.into_iter().fold(Rate::default(), |r, x| Rate { hit: r.hit + usize::from(test(&x)), of: r.of + 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_empty_rates() {
        assert_eq!(Rate { hit: 3, of: 4 }.share(), Some(0.75));
        assert_eq!(Rate::default().share(), None);
        assert_eq!(Rate::count([1, 4, 5, 2, 4], |&x| x >= 4), Rate { hit: 3, of: 5 });
    }
}
