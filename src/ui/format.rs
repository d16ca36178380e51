//! Values as people read them: dates and times in the browser's time zone, numbers,
//! and the word for what kind of record a collection holds.

use chrono::{DateTime, Datelike, Local, Timelike, Utc};

/// `2026-11-26 18:05` in local time. Written out by hand: chrono's strftime
/// machinery would add its parser and formatter to the bundle for one pattern.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    let t = at.with_timezone(&Local);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// `value` with `decimals` digits after the point (0–3), rounded half away from zero.
/// Integer arithmetic: float formatting would add its machinery to the bundle.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let scale = 10i64.pow(decimals.min(3));
    let n = (value * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.unsigned_abs() / scale as u64, n.unsigned_abs() % scale as u64);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0width$}", width = decimals.min(3) as usize)
    }
}

/// A share 0.0–1.0 as a percentage with one decimal (`66.7%`), or `—` for none.
pub fn percent1(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format!("{}%", fixed(s * 100.0, 1)))
}

/// Today in the user's time zone.
pub fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

/// The value of a `datetime-local` input for `at` (local time, minutes).
pub fn datetime_input(at: DateTime<Utc>) -> String {
    local_datetime(at).replacen(' ', "T", 1)
}

/// The moment a `datetime-local` input's value names, or `None` if it is not one.
pub fn parse_datetime_input(text: &str) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let (date, time) = text.trim().split_once('T')?;
    let (h, m) = time.split_once(':')?;
    let m = m.get(..2).unwrap_or(m);
    let naive = date.parse::<chrono::NaiveDate>().ok()?.and_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)?;
    Local.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

/// An amount of money as `¥1,234.50`.
pub fn yuan(value: f64) -> String {
    let text = fixed(value, 2);
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}¥{grouped}.{frac}")
}

/// The words for what kind of record a collection holds.
pub fn collection_key(collection: &str) -> crate::i18n::Key {
    use crate::i18n::Key;
    match collection {
        "customers" => Key::Customer,
        "service_records" => Key::NavServiceRecords,
        "callbacks" => Key::Callback,
        "tickets" => Key::EditTicket,
        "surveys" => Key::NavSurveys,
        "survey_responses" => Key::SurveyResponse,
        "scripts" => Key::NavScripts,
        "self_checks" => Key::NavSelfChecks,
        "orders" => Key::Order,
        "pipeline_stages" => Key::Stage,
        "opportunities" => Key::Opportunity,
        "visits" => Key::Visit,
        "key_accounts" => Key::AccountFile,
        "account_activities" => Key::RelationshipActivities,
        "complaints" => Key::Complaint,
        "point_entries" => Key::PointsLedger,
        "care_rules" => Key::CareRules,
        "care_actions" => Key::CareDone,
        "preferences" => Key::PreferenceProfile,
        "service_rules" => Key::ServiceRules,
        "settings" => Key::Settings,
        "calls" => Key::Call,
        "org_units" => Key::OrgUnit,
        "job_descriptions" => Key::JobDescription,
        "feedback" => Key::Feedback,
        _ => Key::EventPlan,
    }
}
