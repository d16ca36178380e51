//! Loyalty figures: points balance and lifetime points from the ledger, tiers by
//! thresholds, points earned on a purchase, the redemption check, churn-risk flags and
//! the loyalty ladder (潜在 → 新客户 → 重复购买 → 忠诚 → 拥护者).

use chrono::{Days, NaiveDate};

use crate::model::loyalty::{PointEntry, PointKind};

/// Balance: the sum of the ledger.
pub fn balance<'a>(ledger: impl IntoIterator<Item = &'a PointEntry>) -> i64 {
    ledger.into_iter().filter(|e| e.deleted_at.is_none()).map(|e| e.points).sum()
}

/// Points ever earned (tiers go by these, so spending points never lowers a tier).
pub fn lifetime<'a>(ledger: impl IntoIterator<Item = &'a PointEntry>) -> i64 {
    ledger.into_iter().filter(|e| e.deleted_at.is_none() && e.kind == PointKind::Earned).map(|e| e.points).sum()
}

/// Points earned on a purchase of `amount` yuan at `per_yuan` points per yuan, rounded
/// down (¥99.90 at 1 point per yuan earns 99).
pub fn points_for(amount: f64, per_yuan: f64) -> i64 {
    if amount.is_finite() && per_yuan.is_finite() && amount > 0.0 && per_yuan > 0.0 {
        (amount * per_yuan + 1e-9).floor() as i64
    } else {
        0
    }
}

/// Points that lapse on `cutoff`: whatever of the balance was not earned on or after
/// that day (points earned earlier and not yet spent expire; points spent count against
/// the oldest first).
pub fn expiring<'a>(ledger: impl IntoIterator<Item = &'a PointEntry> + Clone, cutoff: NaiveDate) -> i64 {
    let balance = balance(ledger.clone());
    let recent: i64 = ledger
        .into_iter()
        .filter(|e| e.deleted_at.is_none() && e.kind == PointKind::Earned && e.date >= cutoff)
        .map(|e| e.points)
        .sum();
    (balance - recent).max(0)
}

/// Why a redemption is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RedeemError {
    /// Not a positive number of points.
    #[error("redeem a positive number of points")]
    NotPositive,
    /// More than the balance.
    #[error("only {balance} points are available")]
    MoreThanBalance {
        /// The balance.
        balance: i64,
    },
}

/// Checks redeeming `points` from `balance`.
pub fn check_redeem(balance: i64, points: i64) -> Result<(), RedeemError> {
    if points <= 0 {
        Err(RedeemError::NotPositive)
    } else if points > balance {
        Err(RedeemError::MoreThanBalance { balance })
    } else {
        Ok(())
    }
}

/// Whether `line` may join `ledger` (the customer's stored lines; an earlier version of
/// `line` itself, same id, is replaced by it): a line that takes points away must leave
/// the balance at zero or above. Refused with the balance available without it.
pub fn check_line<'a>(ledger: impl IntoIterator<Item = &'a PointEntry>, line: &PointEntry) -> Result<(), i64> {
    if line.points >= 0 || line.deleted_at.is_some() {
        return Ok(());
    }
    let available = balance(ledger.into_iter().filter(|e| e.id != line.id && e.customer_id == line.customer_id));
    if available + line.points < 0 {
        Err(available)
    } else {
        Ok(())
    }
}

/// The default tiers: (Chinese, English, lifetime points from which it applies).
pub const DEFAULT_TIERS: [(&str, &str, i64); 4] =
    [("普通", "Standard", 0), ("银卡", "Silver", 1_000), ("金卡", "Gold", 5_000), ("钻石", "Diamond", 20_000)];

/// The index of the tier for `lifetime` points among `thresholds` (ascending): the
/// highest whose threshold is reached (a threshold reached exactly counts).
pub fn tier_index(lifetime: i64, thresholds: &[i64]) -> usize {
    thresholds.iter().rposition(|t| lifetime >= *t).unwrap_or(0)
}

/// A customer's order history as the churn flags see it.
pub struct OrderDays<'a> {
    /// The days of their orders, any order.
    pub days: &'a [NaiveDate],
}

/// Why a customer is flagged at risk of churning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChurnFlag {
    /// No order for at least the given number of days.
    Silent(i64),
    /// Orders in the last period fell by more than the threshold against the one before.
    Falling {
        /// Orders in the previous period.
        before: usize,
        /// Orders in the last period.
        now: usize,
    },
}

/// The churn flags of a customer on `today`: silent for `silent_days` or more since the
/// last order; or orders in the last `period_days` fell by more than `drop_percent`%
/// against the `period_days` before (only when there were orders before).
pub fn churn_flags(
    o: &OrderDays,
    today: NaiveDate,
    silent_days: i64,
    period_days: u64,
    drop_percent: u32,
) -> Vec<ChurnFlag> {
    let mut flags = Vec::new();
    if let Some(last) = o.days.iter().max() {
        let since = (today - *last).num_days();
        if since >= silent_days {
            flags.push(ChurnFlag::Silent(since));
        }
    }
    let start_now = today.checked_sub_days(Days::new(period_days)).unwrap_or(today);
    let start_before = start_now.checked_sub_days(Days::new(period_days)).unwrap_or(start_now);
    let now = o.days.iter().filter(|d| **d > start_now && **d <= today).count();
    let before = o.days.iter().filter(|d| **d > start_before && **d <= start_now).count();
    // Fell by more than X%: now < before × (1 − X/100), in integers.
    if before > 0 && (now as u64) * 100 < (before as u64) * u64::from(100 - drop_percent.min(100)) {
        flags.push(ChurnFlag::Falling { before, now });
    }
    flags
}

/// A rung of the loyalty ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rung {
    /// 潜在: no order yet.
    Prospect,
    /// 新客户: one order.
    New,
    /// 重复购买: two or more orders.
    Repeat,
    /// 忠诚: at least `loyal_orders` orders in the last 365 days.
    Loyal,
    /// 拥护者: loyal and recommends us (gave a 9–10 likelihood answer).
    Advocate,
}

/// The rung of a customer with `orders` in all, `recent` in the last 365 days, who did
/// or did not recommend us.
pub fn rung(orders: usize, recent: usize, recommends: bool, loyal_orders: usize) -> Rung {
    match (orders, recent >= loyal_orders, recommends) {
        (0, _, _) => Rung::Prospect,
        (1, _, _) => Rung::New,
        (_, true, true) => Rung::Advocate,
        (_, true, false) => Rung::Loyal,
        _ => Rung::Repeat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn entry(kind: PointKind, points: i64) -> PointEntry {
        let at: DateTime<Utc> = "2026-11-01T00:00:00Z".parse().unwrap();
        PointEntry {
            sample: false,
            id: format!("{kind:?}{points}").into(),
            customer_id: "c".into(),
            date: at.date_naive(),
            kind,
            points,
            reason: Default::default(),
            order_id: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    #[test]
    fn a_ledger_with_earn_redeem_expiry_and_a_tier_change_at_the_threshold() {
        let thresholds: Vec<i64> = DEFAULT_TIERS.iter().map(|t| t.2).collect();
        // ¥999.90 at 1 point per yuan: 999 points, still 普通.
        let mut ledger = vec![entry(PointKind::Earned, points_for(999.9, 1.0))];
        assert_eq!(ledger[0].points, 999);
        assert_eq!(tier_index(lifetime(&ledger), &thresholds), 0);
        // One more yuan: exactly 1,000 — 银卡.
        ledger.push(entry(PointKind::Earned, points_for(1.0, 1.0)));
        assert_eq!(lifetime(&ledger), 1_000);
        assert_eq!(tier_index(lifetime(&ledger), &thresholds), 1);
        // Redeem 300, 200 expire: the balance is the sum, the tier stays.
        assert_eq!(check_redeem(balance(&ledger), 300), Ok(()));
        ledger.push(entry(PointKind::Redeemed, -300));
        ledger.push(entry(PointKind::Expired, -200));
        assert_eq!(balance(&ledger), 500);
        assert_eq!(tier_index(lifetime(&ledger), &thresholds), 1);
        // More than the balance is refused.
        assert_eq!(check_redeem(500, 501), Err(RedeemError::MoreThanBalance { balance: 500 }));
        assert_eq!(check_redeem(500, 0), Err(RedeemError::NotPositive));
        use crate::model::Record;
        assert!(
            entry(PointKind::Redeemed, 10).validate().iter().any(|e| e.field == "points"),
            "a redemption takes points away"
        );
    }

    #[test]
    fn a_line_that_would_take_the_balance_below_zero_is_refused_and_a_repeat_of_the_same_line_counts_once() {
        // 1,000 points; a redemption of 700 fits once.
        let ledger = vec![entry(PointKind::Earned, 1_000)];
        let mut redeem = entry(PointKind::Redeemed, -700);
        redeem.id = "r1".into();
        assert_eq!(check_line(&ledger, &redeem), Ok(()));
        // Written, the same line again (a repeated submit of one fill) replaces itself.
        let written = [ledger[0].clone(), redeem.clone()];
        assert_eq!(check_line(&written, &redeem), Ok(()));
        // A second line of 700 would leave -400: refused with the 300 available.
        let mut again = redeem.clone();
        again.id = "r2".into();
        assert_eq!(check_line(&written, &again), Err(300));
        // Exactly the balance is fine; adding points always is; other customers' lines do not count.
        again.points = -300;
        assert_eq!(check_line(&written, &again), Ok(()));
        assert_eq!(check_line(&[], &entry(PointKind::Adjusted, 5)), Ok(()));
        let mut other = entry(PointKind::Earned, 5_000);
        other.customer_id = "someone else".into();
        assert_eq!(check_line(&[other], &redeem), Err(0));
    }

    #[test]
    fn points_earned_before_the_cutoff_and_unspent_expire() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut old = entry(PointKind::Earned, 500);
        old.date = d("2025-01-10");
        let mut new = entry(PointKind::Earned, 300);
        new.date = d("2026-06-01");
        let mut spent = entry(PointKind::Redeemed, -200);
        spent.date = d("2026-07-01");
        // Balance 600, of which 300 earned since the cutoff: 300 of the old 500 lapse
        // (200 of them were spent).
        assert_eq!(expiring(&[old.clone(), new.clone(), spent.clone()], d("2026-01-01")), 300);
        // Spending more than the old points: nothing old is left to lapse.
        let mut big = entry(PointKind::Redeemed, -550);
        big.date = d("2026-07-02");
        assert_eq!(expiring(&[old, new, big], d("2026-01-01")), 0);
    }

    #[test]
    fn churn_flags_at_the_boundary_day() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = d("2026-11-26");
        // Last order 90 days ago: flagged at 90, not at 91.
        let days = [d("2026-08-28")];
        let o = OrderDays { days: &days };
        assert_eq!(churn_flags(&o, today, 90, 30, 50), vec![ChurnFlag::Silent(90)]);
        assert_eq!(churn_flags(&o, today, 91, 30, 50), vec![]);
        // Over 90-day periods that same order sits in the period before: a fall to none.
        assert_eq!(churn_flags(&o, today, 91, 90, 50), vec![ChurnFlag::Falling { before: 1, now: 0 }]);
        // 4 orders in the 90 days before, 2 in the last 90: a fall of exactly 50% is not
        // more than 50%; 1 order would be.
        let days =
            [d("2026-06-01"), d("2026-06-15"), d("2026-07-01"), d("2026-08-01"), d("2026-10-01"), d("2026-11-20")];
        assert_eq!(churn_flags(&OrderDays { days: &days }, today, 365, 90, 50), vec![]);
        let days = [d("2026-06-01"), d("2026-06-15"), d("2026-07-01"), d("2026-08-01"), d("2026-11-20")];
        assert_eq!(
            churn_flags(&OrderDays { days: &days }, today, 365, 90, 50),
            vec![ChurnFlag::Falling { before: 4, now: 1 }]
        );
    }

    #[test]
    fn the_ladder() {
        assert_eq!(rung(0, 0, true, 5), Rung::Prospect);
        assert_eq!(rung(1, 1, true, 5), Rung::New);
        assert_eq!(rung(3, 1, false, 5), Rung::Repeat);
        assert_eq!(rung(8, 5, false, 5), Rung::Loyal);
        assert_eq!(rung(8, 5, true, 5), Rung::Advocate);
        assert_eq!(rung(8, 4, true, 5), Rung::Repeat);
    }
}
