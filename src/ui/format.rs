//! Dates and times as people read them, in the browser's time zone.

use chrono::{DateTime, Datelike, Local, Timelike, Utc};

/// `2026-11-26 18:05` in local time. Written out by hand: chrono's strftime
/// machinery would add its parser and formatter to the bundle for one pattern.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    let t = at.with_timezone(&Local);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}
