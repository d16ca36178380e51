//! Timestamps and days in the workbook's text, read and written fast.
//!
//! A large book holds millions of `created_at`/`updated_at` stamps; chrono's general
//! RFC 3339 parser took about two thirds of the time spent reading customers at start.
//! These functions handle the form every stamp is written in (`2026-11-27T08:00:00Z`,
//! with 3, 6 or 9 digits of fraction when there is one) and every day
//! (`2026-11-27`) directly, and hand anything else to chrono, so what is read and
//! written is exactly what chrono's own serde reads and writes (property tests hold
//! them to it).
//!
//! Fields use them through `serialize_with`/`deserialize_with`, which leave the JSON
//! Schema of the field as chrono's.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::validate::STAMP_YEARS;

/// The longest stamp written fast: `YYYY-MM-DDTHH:MM:SS.fffffffffZ`.
const MAX_LEN: usize = 30;

/// `at` as chrono writes it, if it has the common form (a year of four digits, no
/// leap second); `None` otherwise.
fn format_fast(at: &DateTime<Utc>, buf: &mut [u8; MAX_LEN]) -> Option<usize> {
    let n = at.naive_utc();
    let (date, time) = (n.date(), n.time());
    let year = u32::try_from(chrono::Datelike::year(&date)).ok().filter(|y| *y <= 9999)?;
    let nano = time.nanosecond();
    if nano >= 1_000_000_000 {
        return None;
    }
    let mut put = |at: usize, value: u32, digits: usize| {
        let mut v = value;
        for i in (0..digits).rev() {
            buf[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, year, 4);
    put(5, chrono::Datelike::month(&date), 2);
    put(8, chrono::Datelike::day(&date), 2);
    put(11, time.hour(), 2);
    put(14, time.minute(), 2);
    put(17, time.second(), 2);
    // chrono writes the fraction in milliseconds, microseconds or nanoseconds,
    // whichever is the shortest that is exact.
    let len = if nano == 0 {
        19
    } else if nano % 1_000_000 == 0 {
        put(20, nano / 1_000_000, 3);
        23
    } else if nano % 1_000 == 0 {
        put(20, nano / 1_000, 6);
        26
    } else {
        put(20, nano, 9);
        29
    };
    buf[4] = b'-';
    buf[7] = b'-';
    buf[10] = b'T';
    buf[13] = b':';
    buf[16] = b':';
    if len > 19 {
        buf[19] = b'.';
    }
    buf[len] = b'Z';
    Some(len + 1)
}

/// `text` in the common form (`YYYY-MM-DDTHH:MM:SS[.f…]Z`), if it is in it and valid;
/// `None` otherwise (chrono then decides).
fn parse_fast(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20 || b.len() > MAX_LEN || b[b.len() - 1] != b'Z' {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len].iter().try_fold(0u32, |v, &c| c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0')))
    };
    let seps = b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    if !seps {
        return None;
    }
    let nano = match b.len() {
        20 => 0,
        n if b[19] == b'.' && n > 21 => {
            let digits = n - 21;
            num(20, digits)? * 10u32.pow(9 - digits as u32)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    let time = NaiveTime::from_hms_nano_opt(num(11, 2)?, num(14, 2)?, num(17, 2)?, nano)?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

/// Writes a stamp as chrono does.
pub fn write<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; MAX_LEN];
    match format_fast(at, &mut buf) {
        Some(len) => s.serialize_str(std::str::from_utf8(&buf[..len]).expect("digits and separators are ASCII")),
        None => at.serialize(s),
    }
}

/// The words a stamp outside [`STAMP_YEARS`] is refused with; the workbook import
/// recognises them and reports [`Problem::YearOutOfRange`](super::Problem::YearOutOfRange).
pub const YEAR_OUT_OF_RANGE: &str = "a stamp's year must be between 1900 and 2200";

/// Reads a stamp as chrono does, and refuses one whose year is outside
/// [`STAMP_YEARS`] (or has more than four digits) with [`YEAR_OUT_OF_RANGE`]: a change
/// stamped in the year 99999 would win every merge.
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            let at = match parse_fast(text) {
                Some(at) => at,
                None => match text.parse::<DateTime<chrono::FixedOffset>>() {
                    Ok(at) => at.with_timezone(&Utc),
                    // A year of five or more digits, which chrono may not read at all.
                    Err(_)
                        if text.trim_start_matches(['+', '-']).bytes().take_while(u8::is_ascii_digit).count() > 4 =>
                    {
                        return Err(E::custom(YEAR_OUT_OF_RANGE))
                    }
                    Err(e) => return Err(E::custom(e)),
                },
            };
            if STAMP_YEARS.contains(&chrono::Datelike::year(&at)) {
                Ok(at)
            } else {
                Err(E::custom(YEAR_OUT_OF_RANGE))
            }
        }
    }
    d.deserialize_str(Visitor)
}

/// Writes an optional stamp (`null` for none).
pub fn write_opt<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => write(at, s),
        None => s.serialize_none(),
    }
}

/// Reads an optional stamp (`null` for none).
pub fn read_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    #[derive(Deserialize)]
    struct Stamp(#[serde(deserialize_with = "read")] DateTime<Utc>);
    Ok(Option::<Stamp>::deserialize(d)?.map(|s| s.0))
}

/// `day` as chrono writes it, if its year has four digits.
fn format_day(day: &NaiveDate, buf: &mut [u8; 10]) -> bool {
    let Some(year) = u32::try_from(chrono::Datelike::year(day)).ok().filter(|y| *y <= 9999) else { return false };
    for (at, value, digits) in [(0, year, 4), (5, chrono::Datelike::month(day), 2), (8, chrono::Datelike::day(day), 2)]
    {
        let mut v = value;
        for i in (0..digits).rev() {
            buf[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    buf[4] = b'-';
    buf[7] = b'-';
    true
}

/// `text` as a day if it is exactly `YYYY-MM-DD` and valid; `None` otherwise.
pub(crate) fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len].iter().try_fold(0u32, |v, &c| c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)
}

/// Writes a day as chrono does.
pub fn write_day<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 10];
    if format_day(day, &mut buf) {
        s.serialize_str(std::str::from_utf8(&buf).expect("digits and dashes are ASCII"))
    } else {
        day.serialize(s)
    }
}

/// Reads a day as chrono does.
pub fn read_day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date (YYYY-MM-DD)")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse_day(text).map_or_else(|| text.parse::<NaiveDate>().map_err(E::custom), Ok)
        }
    }
    d.deserialize_str(Visitor)
}

/// Writes an optional day (`null` for none).
pub fn write_day_opt<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match day {
        Some(day) => write_day(day, s),
        None => s.serialize_none(),
    }
}

/// Reads an optional day (`null` for none).
pub fn read_day_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Day(#[serde(deserialize_with = "read_day")] NaiveDate);
    Ok(Option::<Day>::deserialize(d)?.map(|s| s.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Fast(#[serde(serialize_with = "write", deserialize_with = "read")] DateTime<Utc>);

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Chrono(DateTime<Utc>);

    /// Written as chrono writes it, and read back the same when its year is in
    /// [`STAMP_YEARS`], else refused for its year.
    fn same_as_chrono(at: DateTime<Utc>) {
        let ours = serde_json::to_string(&Fast(at)).unwrap();
        assert_eq!(ours, serde_json::to_string(&Chrono(at)).unwrap(), "{at:?}");
        match serde_json::from_str::<Fast>(&ours) {
            Ok(read) => {
                assert!(STAMP_YEARS.contains(&chrono::Datelike::year(&at)), "{ours}");
                assert_eq!(read.0, at, "{ours}");
            }
            Err(e) => {
                assert!(!STAMP_YEARS.contains(&chrono::Datelike::year(&at)), "{ours}: {e}");
                assert!(e.to_string().starts_with(YEAR_OUT_OF_RANGE), "{e}");
            }
        }
    }

    #[test]
    fn stamps_outside_1900_to_2200_are_refused_for_their_year() {
        for text in [
            "99999-01-01T00:00:00Z",
            "+99999-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z",
            "2201-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1900-01-01T01:00:00+02:00",
        ] {
            let e = serde_json::from_str::<Fast>(&format!("\"{text}\"")).unwrap_err();
            assert!(e.to_string().starts_with(YEAR_OUT_OF_RANGE), "{text}: {e}");
        }
        for text in ["1900-01-01T00:00:00Z", "2200-12-31T23:59:59Z", "2026-11-27T08:00:00+08:00"] {
            assert!(serde_json::from_str::<Fast>(&format!("\"{text}\"")).is_ok(), "{text}");
        }
    }

    #[test]
    fn written_and_read_exactly_as_chrono_does() {
        let base = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        for nanos in [0, 1, 7_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999, 100_000_000, 10] {
            same_as_chrono(base + chrono::Duration::nanoseconds(nanos));
        }
        for at in [
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-1, 6, 15, 12, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 59).unwrap(),
        ] {
            same_as_chrono(at);
        }
    }

    #[test]
    fn other_forms_are_read_as_chrono_reads_them() {
        for text in [
            "2026-11-27T08:00:00+08:00",
            "2026-11-27 08:00:00Z",
            "2026-11-27t08:00:00z",
            "2026-11-27T08:00:00.5Z",
            "2026-11-27T08:00:00.1234Z",
            "2026-02-30T08:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T08:00:60Z",
            "2026-11-27T08:00:00",
            "2026-11-27",
            "+2026-11-27T08:00:00Z",
            "２０２６-11-27T08:00:00Z",
            "2026-11-27T08:00:00.Z",
            "",
        ] {
            let ours = serde_json::from_str::<Fast>(&format!("\"{text}\"")).map(|f| f.0).map_err(|e| e.to_string());
            let theirs = serde_json::from_str::<Chrono>(&format!("\"{text}\"")).map(|f| f.0).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    use proptest::strategy::Strategy as _;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_stamp_is_written_and_read_as_chrono_does(
            secs in -80_000_000_000i64..300_000_000_000,
            nanos in proptest::prop_oneof![
                proptest::strategy::Just(0u32),
                (0u32..1000).prop_map(|ms| ms * 1_000_000),
                (0u32..1_000_000).prop_map(|us| us * 1_000),
                0u32..1_000_000_000,
            ],
        ) {
            same_as_chrono(DateTime::from_timestamp(secs, nanos).unwrap());
        }

        #[test]
        fn any_day_is_written_and_read_as_chrono_does(days in -1_000_000i32..4_000_000) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let ours = serde_json::to_string(&FastDay(day)).unwrap();
            proptest::prop_assert_eq!(&ours, &serde_json::to_string(&ChronoDay(day)).unwrap());
            proptest::prop_assert_eq!(serde_json::from_str::<FastDay>(&ours).unwrap().0, day);
        }
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct FastDay(#[serde(serialize_with = "write_day", deserialize_with = "read_day")] NaiveDate);

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct ChronoDay(NaiveDate);

    #[test]
    fn days_are_written_and_read_exactly_as_chrono_does() {
        for (y, m, d) in
            [(2026, 11, 27), (1, 1, 1), (9999, 12, 31), (10_000, 1, 1), (-1, 6, 15), (2024, 2, 29), (0, 3, 1)]
        {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let ours = serde_json::to_string(&FastDay(day)).unwrap();
            assert_eq!(ours, serde_json::to_string(&ChronoDay(day)).unwrap());
            assert_eq!(serde_json::from_str::<FastDay>(&ours).unwrap().0, day);
        }
        for text in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            " 2026-11-27",
            "2026-11-27 ",
            "+2026-11-27",
            "2026/11/27",
            "２０２６-11-27",
            "",
        ] {
            let ours = serde_json::from_str::<FastDay>(&format!("\"{text}\"")).map(|f| f.0).map_err(|e| e.to_string());
            let theirs =
                serde_json::from_str::<ChronoDay>(&format!("\"{text}\"")).map(|f| f.0).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn optional_stamps_read_null_and_absent_as_none() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Row {
            #[serde(default, serialize_with = "write_opt", deserialize_with = "read_opt")]
            at: Option<DateTime<Utc>>,
        }
        assert_eq!(serde_json::from_str::<Row>("{}").unwrap(), Row { at: None });
        assert_eq!(serde_json::from_str::<Row>(r#"{"at":null}"#).unwrap(), Row { at: None });
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        let row = Row { at: Some(at) };
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"at":"2026-11-27T08:00:00Z"}"#);
        assert_eq!(serde_json::from_str::<Row>(r#"{"at":"2026-11-27T08:00:00Z"}"#).unwrap(), row);
    }
}
