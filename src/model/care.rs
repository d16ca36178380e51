//! Customer care (客户关怀): rules that generate reminders (birthday, a holiday, N days
//! after a purchase, no order for N days), each with a message template, and the record
//! of what was done.

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// When a care rule fires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CareTrigger {
    /// On the customer's birthday.
    Birthday,
    /// On a holiday, every year.
    Holiday {
        /// Its name (中秋节).
        name: String,
        /// Month, 1–12.
        month: u32,
        /// Day, 1–31.
        day: u32,
    },
    /// N days after each purchase.
    AfterPurchase {
        /// Days.
        days: u32,
    },
    /// When a customer who bought has had no order for N days.
    NoOrderFor {
        /// Days.
        days: u32,
    },
}

/// The kind of occasion a rule is for: what the care list filters and counts by, and
/// what two rules must share to remind of the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CareKind {
    /// A birthday.
    Birthday,
    /// A holiday.
    Holiday,
    /// Some days after a purchase.
    AfterPurchase,
    /// No order for some days.
    NoOrderFor,
}

impl CareKind {
    /// Every kind, in the order the care list shows them.
    pub const ALL: [CareKind; 4] =
        [CareKind::Birthday, CareKind::Holiday, CareKind::AfterPurchase, CareKind::NoOrderFor];

    /// Its value in forms and filters.
    pub fn code(self) -> &'static str {
        match self {
            CareKind::Birthday => "birthday",
            CareKind::Holiday => "holiday",
            CareKind::AfterPurchase => "after_purchase",
            CareKind::NoOrderFor => "no_order_for",
        }
    }

    /// Its name.
    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            CareKind::Birthday => Key::TriggerBirthday,
            CareKind::Holiday => Key::TriggerHoliday,
            CareKind::AfterPurchase => Key::TriggerAfterPurchase,
            CareKind::NoOrderFor => Key::TriggerNoOrderFor,
        }
    }
}

impl CareTrigger {
    /// The kind of occasion.
    pub fn kind(&self) -> CareKind {
        match self {
            CareTrigger::Birthday => CareKind::Birthday,
            CareTrigger::Holiday { .. } => CareKind::Holiday,
            CareTrigger::AfterPurchase { .. } => CareKind::AfterPurchase,
            CareTrigger::NoOrderFor { .. } => CareKind::NoOrderFor,
        }
    }

    /// Whether both fire for the same customer on the same days: any two birthday
    /// rules, holidays on the same date (whatever their names), the same number of days
    /// after a purchase or without one.
    pub fn same_occasion(&self, other: &CareTrigger) -> bool {
        match (self, other) {
            (CareTrigger::Birthday, CareTrigger::Birthday) => true,
            (CareTrigger::Holiday { month: m1, day: d1, .. }, CareTrigger::Holiday { month: m2, day: d2, .. }) => {
                (m1, d1) == (m2, d2)
            }
            (CareTrigger::AfterPurchase { days: a }, CareTrigger::AfterPurchase { days: b })
            | (CareTrigger::NoOrderFor { days: a }, CareTrigger::NoOrderFor { days: b }) => a == b,
            _ => false,
        }
    }
}

/// The first other active, live rule among `rules` that reminds of the same occasion
/// as `rule` (see [`CareTrigger::same_occasion`]): adding or saving `rule` would remind
/// twice of one thing. `None` when `rule` is inactive, since it then reminds of nothing.
pub fn duplicate_of<'a>(rule: &CareRule, rules: impl IntoIterator<Item = &'a CareRule>) -> Option<&'a CareRule> {
    if !rule.active {
        return None;
    }
    rules
        .into_iter()
        .find(|r| r.id != rule.id && r.active && r.deleted_at.is_none() && r.trigger.same_occasion(&rule.trigger))
}

/// A care rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareRule {
    /// Unique id.
    pub id: Id,
    /// A short name.
    pub name: String,
    /// When it fires.
    pub trigger: CareTrigger,
    /// The message, with placeholders `{name}`, `{company}`, `{holiday}`, `{date}`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub template: String,
    /// Whether it generates reminders.
    #[serde(default)]
    pub active: bool,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "stamp::write_opt",
        deserialize_with = "stamp::read_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Made by loading a sample company or as one of Kehu's defaults, not by the
    /// user: the coursework checks do not count it as the student's own work. Kept by
    /// every merge and export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

/// [`default_rules`] as records not saved yet (ids `default-0`, `default-1`…, marked as
/// Kehu's own, stamped at the epoch): what reminds before a book has saved rules.
pub fn unsaved_default_rules(zh: bool) -> Vec<CareRule> {
    let at = DateTime::<Utc>::UNIX_EPOCH;
    default_rules(zh)
        .into_iter()
        .enumerate()
        .map(|(i, (name, trigger, template))| CareRule {
            sample: true,
            id: format!("default-{i}").into(),
            name,
            trigger,
            template,
            active: true,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        })
        .collect()
}

/// The rules a new book starts with, in Chinese (`zh`) or English: (name, trigger,
/// template).
pub fn default_rules(zh: bool) -> Vec<(String, CareTrigger, String)> {
    let pick = |a: &str, b: &str| if zh { a.to_owned() } else { b.to_owned() };
    vec![
        (
            pick("生日祝福", "Birthday wishes"),
            CareTrigger::Birthday,
            pick("{name}您好，祝您生日快乐，万事如意！", "Dear {name}, happy birthday from all of us!"),
        ),
        (
            pick("中秋问候", "Mid-autumn greetings"),
            CareTrigger::Holiday { name: pick("中秋节", "Mid-autumn Festival"), month: 9, day: 25 },
            pick("{name}您好，{holiday}将至，祝您阖家团圆！", "Dear {name}, best wishes for the {holiday}!"),
        ),
        (
            pick("购买后关怀", "After a purchase"),
            CareTrigger::AfterPurchase { days: 7 },
            pick(
                "{name}您好，您 {date} 前后购买的商品使用还满意吗？有任何问题请随时联系我们。",
                "Dear {name}, are you happy with your purchase? Tell us if anything is wrong.",
            ),
        ),
        (
            pick("久未购买", "Not seen for a while"),
            CareTrigger::NoOrderFor { days: 90 },
            pick(
                "{name}您好，好久不见，我们为老客户准备了专属优惠，欢迎回来看看！",
                "Dear {name}, we miss you — there is an offer waiting for you.",
            ),
        ),
    ]
}

/// Whether a book is written in Chinese, judged from its own words (`texts`: its
/// customers' names and companies, its org chart's titles…), so that Kehu's default
/// texts match the book rather than the language the page happened to open in. Each
/// text votes once: Chinese when it holds a Chinese character, not when it holds Latin
/// letters and no Chinese (a short Chinese name weighs as much as a long English one).
/// A book with no such text, or a tie, is `otherwise` (the UI's language).
pub fn book_in_chinese<'a>(texts: impl IntoIterator<Item = &'a str>, otherwise: bool) -> bool {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}');
    let latin = |c: char| c.is_alphabetic() && c <= '\u{024f}';
    let (mut chinese, mut other) = (0usize, 0usize);
    for text in texts {
        if text.chars().any(han) {
            chinese += 1;
        } else if text.chars().any(latin) {
            other += 1;
        }
    }
    match chinese.cmp(&other) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => otherwise,
    }
}

impl CareRule {
    /// The message of this rule for customer `c`, due on `due`: the template with its
    /// placeholders filled in (the template itself if it cannot be filled).
    pub fn message_for(&self, c: &super::Customer, due: NaiveDate) -> String {
        let holiday = match &self.trigger {
            CareTrigger::Holiday { name, .. } => name.as_str(),
            _ => "",
        };
        render_template(&self.template, |p| match p {
            "name" => c.name.to_string(),
            "company" => c.company.to_string(),
            "holiday" => holiday.to_owned(),
            _ => due.to_string(),
        })
        .unwrap_or_else(|_| self.template.clone())
    }
}

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 4] = ["name", "company", "holiday", "date"];

/// Why a template is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A `{…}` that is not one of [`PLACEHOLDERS`].
    #[error("unknown placeholder {{{0}}}")]
    Unknown(String),
    /// A `{` without its `}`.
    #[error("a placeholder is not closed")]
    Unclosed,
}

/// The template with its placeholders filled from `value` (which gets each
/// placeholder's name); refused at the first unknown or unclosed placeholder.
pub fn render_template(template: &str, value: impl Fn(&str) -> String) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}').ok_or(TemplateError::Unclosed)?;
        let name = after[..end].trim();
        if !PLACEHOLDERS.contains(&name) {
            return Err(TemplateError::Unknown(name.to_owned()));
        }
        out.push_str(&value(name));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

impl Record for CareRule {
    const COLLECTION: &'static str = "care_rules";

    record_stamps!();

    fn summary(&self) -> String {
        self.name.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("name", &self.name)]);
        check_len(&mut errors, "name", &self.name, MAX_LINE);
        check_len(&mut errors, "template", &self.template, MAX_TEXT);
        if render_template(&self.template, |_| String::new()).is_err() {
            errors.push(FieldError::new("template", Problem::UnknownPlaceholder));
        }
        match &self.trigger {
            CareTrigger::Holiday { name, month, day } => {
                if name.trim().is_empty() {
                    errors.push(FieldError::new("trigger.name", Problem::Required));
                }
                if NaiveDate::from_ymd_opt(2024, *month, *day).is_none() {
                    errors.push(FieldError::new("trigger.day", Problem::OutOfRange { min: 1, max: 31 }));
                }
            }
            CareTrigger::AfterPurchase { days } | CareTrigger::NoOrderFor { days } if *days == 0 || *days > 3650 => {
                errors.push(FieldError::new("trigger.days", Problem::OutOfRange { min: 1, max: 3650 }));
            }
            _ => {}
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// A care action done (or the reminder dismissed) for a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareAction {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// The rule it answered.
    pub rule_id: Id,
    /// The day the reminder was for.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub due: NaiveDate,
    /// The day it was done.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub done_on: NaiveDate,
    /// The message sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub message: String,
    /// A note (how, what the customer said).
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "stamp::write_opt",
        deserialize_with = "stamp::read_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Made by loading a sample company or as one of Kehu's defaults, not by the
    /// user: the coursework checks do not count it as the student's own work. Kept by
    /// every merge and export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

impl Record for CareAction {
    const COLLECTION: &'static str = "care_actions";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {}", self.done_on, self.message.chars().take(30).collect::<String>())
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(
            &mut errors,
            &[("id", &self.id), ("customer_id", &self.customer_id), ("rule_id", &self.rule_id)],
        );
        check_len(&mut errors, "message", &self.message, MAX_TEXT);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_follow_the_books_language_and_an_empty_book_the_uis() {
        let chinese = ["张伟", "王芳", "李娜", "成都蓉城贸易有限公司"];
        let latin = ["Alice Martin", "Bob Smith", "Chloé Dubois", "Acme Ltd"];
        // A Chinese book gets Chinese rules even in an English UI, and the other way round.
        assert!(book_in_chinese(chinese, false));
        assert!(!book_in_chinese(latin, true));
        // An empty book, or one whose texts name no language, takes the UI's.
        assert!(book_in_chinese([], true));
        assert!(!book_in_chinese([], false));
        assert!(book_in_chinese(["", "13800138000", "  "], true));
        // Mostly Chinese names with an English company or two is still a Chinese book.
        assert!(book_in_chinese(["张伟", "王芳", "Acme Ltd", "李娜"], false));
        // The rules themselves are then in that language.
        let rules = default_rules(book_in_chinese(chinese, false));
        assert_eq!(rules[0].0, "生日祝福");
        let rules = default_rules(book_in_chinese(latin, true));
        assert_eq!(rules[0].0, "Birthday wishes");
    }

    fn rule(id: &str, trigger: CareTrigger) -> CareRule {
        let at = "2026-01-01T00:00:00Z".parse().unwrap();
        CareRule {
            sample: false,
            id: id.into(),
            name: id.into(),
            trigger,
            template: String::new(),
            active: true,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    #[test]
    fn a_rule_for_the_same_occasion_is_a_duplicate_and_another_is_not() {
        let national = |name: &str, month, day| CareTrigger::Holiday { name: name.into(), month, day };
        let rules = [
            rule("built-in birthday", CareTrigger::Birthday),
            rule("mid-autumn", national("中秋节", 9, 25)),
            rule("after 7", CareTrigger::AfterPurchase { days: 7 }),
            rule("quiet 90", CareTrigger::NoOrderFor { days: 90 }),
        ];
        // The owner's own birthday rule duplicates the built-in one.
        let mine = rule("my birthday", CareTrigger::Birthday);
        assert_eq!(duplicate_of(&mine, &rules).map(|r| r.id.as_str()), Some("built-in birthday"));
        // A holiday on the same date under another name is the same occasion; another date is not.
        assert!(duplicate_of(&rule("x", national("团圆节", 9, 25)), &rules).is_some());
        assert!(duplicate_of(&rule("x", national("国庆节", 10, 1)), &rules).is_none());
        // 7 days after a purchase twice is a duplicate; 30 days is another reminder,
        // and "no order for 7 days" is another kind.
        assert!(duplicate_of(&rule("x", CareTrigger::AfterPurchase { days: 7 }), &rules).is_some());
        assert!(duplicate_of(&rule("x", CareTrigger::AfterPurchase { days: 30 }), &rules).is_none());
        assert!(duplicate_of(&rule("x", CareTrigger::NoOrderFor { days: 7 }), &rules).is_none());
        // A rule is not its own duplicate (editing it), and rules switched off or in the
        // trash remind of nothing.
        assert!(duplicate_of(&rules[0], &rules).is_none());
        let mut off = rules.clone();
        off[0].active = false;
        assert!(duplicate_of(&mine, &off).is_none());
        off[0].active = true;
        off[0].deleted_at = Some(off[0].created_at);
        assert!(duplicate_of(&mine, &off).is_none());
        let mut inactive = mine.clone();
        inactive.active = false;
        assert!(duplicate_of(&inactive, &rules).is_none());
    }

    #[test]
    fn templates_fill_known_placeholders_and_refuse_others() {
        let fill = |n: &str| match n {
            "name" => "张三".to_owned(),
            "holiday" => "中秋节".to_owned(),
            _ => String::new(),
        };
        assert_eq!(render_template("{name}您好，祝您{holiday}快乐！", fill).unwrap(), "张三您好，祝您中秋节快乐！");
        assert_eq!(render_template("{ name }", fill).unwrap(), "张三");
        assert_eq!(render_template("{姓名}您好", fill), Err(TemplateError::Unknown("姓名".into())));
        assert_eq!(render_template("{name", fill), Err(TemplateError::Unclosed));
    }
}
