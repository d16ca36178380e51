//! A birthday, with or without its year.
//!
//! Shops know 3月8日 far more often than 1990年3月8日: a customer tells the day for a
//! greeting, not their age. A birthday without a year is kept as one, greeted on its
//! day, and written in the workbook as `--03-08` (ISO 8601's month and day).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A customer's birthday: a whole date, or a month and day when the year is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Birthday {
    /// The day of birth, year included.
    Date(NaiveDate),
    /// Only the month (1–12) and the day (1–31, valid in that month of a leap year).
    MonthDay {
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
    },
}

impl Birthday {
    /// A birthday without a year; `None` when there is no such day (29 February is one).
    pub fn month_day(month: u32, day: u32) -> Option<Birthday> {
        // 2000 is a leap year, so 29 February is a day.
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| Birthday::MonthDay { month, day })
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        match self {
            Birthday::Date(d) => d.month(),
            Birthday::MonthDay { month, .. } => *month,
        }
    }

    /// The day of the month.
    pub fn day(&self) -> u32 {
        match self {
            Birthday::Date(d) => d.day(),
            Birthday::MonthDay { day, .. } => *day,
        }
    }

    /// The year, when known.
    pub fn year(&self) -> Option<i32> {
        match self {
            Birthday::Date(d) => Some(d.year()),
            Birthday::MonthDay { .. } => None,
        }
    }

    /// The whole date, when the year is known.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Birthday::Date(d) => Some(*d),
            Birthday::MonthDay { .. } => None,
        }
    }

    /// As a form shows it: `1990-03-08`, or `03-08` without a year.
    pub fn plain(&self) -> String {
        match self {
            Birthday::Date(d) => d.to_string(),
            Birthday::MonthDay { month, day } => format!("{month:02}-{day:02}"),
        }
    }

    /// Reads a birthday as people write one: a whole date in the common forms
    /// (1990-03-08, 1990/3/8, 1990年3月8日, 19900308), or a month and day (03-08, 3/8,
    /// 3月8日, 3月8号, --03-08).
    pub fn parse(text: &str) -> Option<Birthday> {
        let t = crate::model::validate::ascii_digits(text.trim());
        let t = t.trim();
        if let Some(d) = parse_date(t) {
            return Some(Birthday::Date(d));
        }
        let t = t.strip_prefix("--").unwrap_or(t);
        let parts: Vec<&str> = t.split(['-', '/', '.', '月', '日', '号']).filter(|p| !p.trim().is_empty()).collect();
        match parts.as_slice() {
            [m, d] if m.len() <= 2 && d.len() <= 2 => {
                Birthday::month_day(m.trim().parse().ok()?, d.trim().parse().ok()?)
            }
            _ => None,
        }
    }
}

/// A whole date in the forms [`Birthday::parse`] reads.
fn parse_date(t: &str) -> Option<NaiveDate> {
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::from_ymd_opt(t[..4].parse().ok()?, t[4..6].parse().ok()?, t[6..].parse().ok()?);
    }
    let t = t.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月', '日', '号']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

impl From<NaiveDate> for Birthday {
    fn from(d: NaiveDate) -> Self {
        Birthday::Date(d)
    }
}

/// `1990-03-08`, or `--03-08` without a year (as the workbook writes it).
impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Birthday::Date(d) => write!(f, "{d}"),
            Birthday::MonthDay { month, day } => write!(f, "--{month:02}-{day:02}"),
        }
    }
}

impl Serialize for Birthday {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Birthday {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, so a refused value is reported at its place in the file.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Birthday;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a birthday (YYYY-MM-DD or --MM-DD)")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Birthday, E> {
                // The workbook's own forms only: a date as chrono reads it, or --MM-DD.
                if let Some(md) = text.strip_prefix("--") {
                    let parts = md.split_once('-').and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)));
                    return parts
                        .and_then(|(m, d)| Birthday::month_day(m, d))
                        .ok_or_else(|| E::custom(format!("no such day: {text}")));
                }
                super::stamp::parse_day(text)
                    .map_or_else(|| text.parse::<NaiveDate>().map_err(E::custom), Ok)
                    .map(Birthday::Date)
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl JsonSchema for Birthday {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Birthday".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A birthday: YYYY-MM-DD, or --MM-DD when the year is not known.",
            "pattern": "^(\\d{4}-\\d{2}-\\d{2}|--\\d{2}-\\d{2})$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(m: u32, d: u32) -> Option<Birthday> {
        Birthday::month_day(m, d)
    }

    fn date(y: i32, m: u32, d: u32) -> Option<Birthday> {
        NaiveDate::from_ymd_opt(y, m, d).map(Birthday::Date)
    }

    #[test]
    fn chinese_and_numeric_spellings_are_read() {
        for (text, want) in [
            ("3月8日", md(3, 8)),
            ("03-08", md(3, 8)),
            ("3/8", md(3, 8)),
            ("3.8", md(3, 8)),
            ("3月8号", md(3, 8)),
            ("--03-08", md(3, 8)),
            ("１２月３１日", md(12, 31)),
            ("2月29日", md(2, 29)),
            ("1990-03-08", date(1990, 3, 8)),
            ("1990/3/8", date(1990, 3, 8)),
            ("1990年3月8日", date(1990, 3, 8)),
            ("19900308", date(1990, 3, 8)),
            ("1990-03-08 00:00:00", date(1990, 3, 8)),
        ] {
            assert_eq!(Birthday::parse(text), want, "{text}");
            assert!(want.is_some());
        }
        for junk in ["", "3月", "13月1日", "2月30日", "03-08-08", "abc", "1990-02-30", "三月八日"] {
            assert_eq!(Birthday::parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn it_writes_and_reads_back_in_the_workbook_form() {
        for b in [md(3, 8).unwrap(), md(2, 29).unwrap(), date(1990, 3, 8).unwrap()] {
            let json = serde_json::to_string(&b).unwrap();
            assert_eq!(serde_json::from_str::<Birthday>(&json).unwrap(), b, "{json}");
        }
        assert_eq!(serde_json::to_string(&md(3, 8)).unwrap(), "\"--03-08\"");
        assert_eq!(serde_json::to_string(&date(1990, 3, 8)).unwrap(), "\"1990-03-08\"");
        assert!(serde_json::from_str::<Birthday>("\"--02-30\"").is_err());
        assert!(serde_json::from_str::<Birthday>("\"3月8日\"").is_err());
    }

    #[test]
    fn month_and_day_are_the_same_with_or_without_the_year() {
        let (a, b) = (md(3, 8).unwrap(), date(1990, 3, 8).unwrap());
        assert_eq!((a.month(), a.day(), a.year()), (3, 8, None));
        assert_eq!((b.month(), b.day(), b.year()), (3, 8, Some(1990)));
        assert_eq!((a.plain(), b.plain()), ("03-08".to_owned(), "1990-03-08".to_owned()));
        assert_eq!(Birthday::parse(&a.plain()), Some(a));
    }
}
