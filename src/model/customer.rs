//! The customer file (客户档案): who a customer is and how complete their file is.

use std::collections::BTreeMap;

use super::birthday::Birthday;
use super::opening::OpeningBalance;
use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, null_as_empty_list, record_stamps, Record};
use super::validate::{
    check_len, check_name, check_stamps, is_valid_email, is_valid_phone, FIRST_BIRTH_YEAR, MAX_LINE, MAX_TEXT,
};
use super::{FieldError, Problem};

/// A person or a company the business serves or hopes to serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Customer {
    /// Unique id, a UUID v4 string.
    pub id: Id,
    /// A person or a company; absent reads as `person`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub kind: CustomerKind,
    /// The customer's name (required).
    pub name: Text,
    /// Mainland mobile, landline with area code, or `+country` number.
    #[serde(default, deserialize_with = "null_as_default")]
    pub phone: Text,
    /// E-mail address.
    #[serde(default, deserialize_with = "null_as_default")]
    pub email: Text,
    /// WeChat id (微信号), as the customer gave it.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Text::is_empty")]
    pub wechat: Text,
    /// The company the customer works for or is.
    #[serde(default, deserialize_with = "null_as_default")]
    pub company: Text,
    /// Job title.
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: Text,
    /// Industry (行业).
    #[serde(default, deserialize_with = "null_as_default")]
    pub industry: Text,
    /// Region, e.g. a city (地区).
    #[serde(default, deserialize_with = "null_as_default")]
    pub region: Text,
    /// Postal address.
    #[serde(default, deserialize_with = "null_as_default")]
    pub address: Text,
    /// Where the customer came from; free text with suggestions ([`SOURCE_SUGGESTIONS`]).
    #[serde(default, deserialize_with = "null_as_default")]
    pub source: Text,
    /// Relationship stage; absent reads as `prospect`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub stage: Stage,
    /// Free labels.
    #[serde(default, deserialize_with = "null_as_empty_list")]
    pub tags: Vec<Text>,
    /// Free notes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: Text,
    /// Birthday as `YYYY-MM-DD`, or `--MM-DD` when the year is not known, or null.
    #[serde(default)]
    pub birthday: Option<Birthday>,
    /// The values of the book's custom fields, by field name (see
    /// [`super::custom_field`]). A value whose field was since removed is kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, Text>,
    /// What the customer bought before the book was kept in Kehu, as totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<OpeningBalance>,
    /// When the record was created (RFC 3339, UTC).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed (RFC 3339, UTC).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When the record was moved to the trash; absent or null when it is not there.
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

/// Whether a customer is a person or a company.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomerKind {
    /// 个人
    #[default]
    Person,
    /// 企业
    Company,
}

choice! { CustomerKind {
    Person = "person" => KindPerson,
    Company = "company" => KindCompany,
} }

/// The stage of the relationship: 潜在 / 意向 / 成交 / 忠诚 / 流失.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// 潜在: a prospect.
    #[default]
    Prospect,
    /// 意向: has shown intent.
    Intent,
    /// 成交: has bought.
    Customer,
    /// 忠诚: buys again and again.
    Loyal,
    /// 流失: has left.
    Lost,
}

// In the order of the relationship.
choice! { Stage {
    Prospect = "prospect" => StageProspect,
    Intent = "intent" => StageIntent,
    Customer = "customer" => StageCustomer,
    Loyal = "loyal" => StageLoyal,
    Lost = "lost" => StageLost,
} }

/// Sources offered as suggestions; any other text is allowed.
pub const SOURCE_SUGGESTIONS: [&str; 6] = ["展会", "电话", "网店", "转介绍", "广告", "上门"];

/// The fields a complete customer file has filled (the textbook's 资料完整率 counts
/// these): name, phone, e-mail, company, title, industry, region, address, source,
/// birthday.
pub const KEY_FIELDS: usize = 10;

impl Customer {
    /// A new, empty customer named `name`, created now.
    pub fn new(id: impl Into<Id>, name: impl Into<Text>, now: DateTime<Utc>) -> Self {
        Self {
            sample: false,
            id: id.into(),
            kind: CustomerKind::Person,
            name: name.into(),
            phone: Default::default(),
            email: Default::default(),
            wechat: Default::default(),
            company: Default::default(),
            title: Default::default(),
            industry: Default::default(),
            region: Default::default(),
            address: Default::default(),
            source: Default::default(),
            stage: Stage::Prospect,
            tags: Vec::new(),
            notes: Default::default(),
            birthday: None,
            custom: BTreeMap::new(),
            opening: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    /// How many of the [`KEY_FIELDS`] are filled.
    pub fn filled_key_fields(&self) -> usize {
        let texts = [
            &self.name,
            &self.phone,
            &self.email,
            &self.company,
            &self.title,
            &self.industry,
            &self.region,
            &self.address,
            &self.source,
        ];
        texts.iter().filter(|t| !t.trim().is_empty()).count() + usize::from(self.birthday.is_some())
    }

    /// Share of key fields filled, 0.0–1.0.
    pub fn completeness(&self) -> f64 {
        self.filled_key_fields() as f64 / KEY_FIELDS as f64
    }

    /// Whether `query` (as typed) occurs in what search covers (see [`search_text`]),
    /// ignoring case; a phone number matches however either side spells it.
    pub fn matches(&self, query: &str) -> bool {
        let query = normalize_query(query);
        query.is_empty() || search_text(self).contains(&query)
    }
}

/// A search query as it is matched: trimmed, lower-cased, on one line; a phone number
/// typed or pasted with separators ("138-4163 5630", "(0791) 888", "+86 138") becomes
/// the digits of its key (see [`super::phone::query_digits`]), which every customer's
/// search text also holds.
pub fn normalize_query(query: &str) -> String {
    let query = query.trim().to_lowercase().replace('\n', " ");
    let phone_like = query.chars().filter(char::is_ascii_digit).count() >= 2
        && query.chars().all(|c| c.is_ascii_digit() || " -+().".contains(c));
    if phone_like {
        // A whole number matches by its key (`8613700137000` finds `137 0013 7000`); a
        // part of one by its digits.
        super::phone::parse_phone(&query).map_or_else(|| super::phone::query_digits(&query), |p| p.key)
    } else {
        query
    }
}

/// The lower-cased text that search runs over: name, phone (as typed and as its
/// matching key), company, tags, WeChat id, address, notes and custom values,
/// separated so a query cannot match across two fields.
pub fn search_text(c: &Customer) -> String {
    let mut s = String::with_capacity(64);
    push_search_text(c, &mut s);
    s
}

/// Appends [`search_text`] to `out`, without a string of its own per field (the
/// customer list builds the text of 100,000 customers at once).
pub fn push_search_text(c: &Customer, out: &mut String) {
    push_lower(out, &c.name);
    out.push('\u{1f}');
    push_lower(out, &c.phone);
    out.push('\u{1f}');
    match super::phone::phone_key(&c.phone) {
        Some(key) => out.push_str(&key),
        None => out.extend(c.phone.chars().filter(char::is_ascii_digit)),
    }
    out.push('\u{1f}');
    push_lower(out, &c.company);
    for tag in &c.tags {
        out.push('\u{1f}');
        push_lower(out, tag);
    }
    for text in [&c.wechat, &c.address, &c.notes].into_iter().chain(c.custom.values()) {
        if !text.is_empty() {
            out.push('\u{1f}');
            push_lower(out, text);
        }
    }
}

/// Appends `text` lower-cased, its line breaks as spaces, as [`normalize_query`] makes a
/// query.
fn push_lower(out: &mut String, text: &str) {
    // Text of ASCII and CJK (U+3000–U+9FFF, which has no case, and whose UTF-8 lead
    // bytes are exactly E3–E9) lower-cases byte by byte in place. Other text goes
    // through `str::to_lowercase`, which knows rules of context (a final sigma),
    // exactly as the query does.
    if text.bytes().all(|b| b != b'\n' && (b < 0xC0 || (0xE3..=0xE9).contains(&b))) {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(text.to_lowercase().chars().map(|c| if c == '\n' { ' ' } else { c }));
    }
}

/// The average completeness over `customers` (资料完整率), 0.0–1.0; `None` when there
/// are none.
pub fn average_completeness<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> Option<f64> {
    let (sum, n) = customers.into_iter().fold((0usize, 0usize), |(s, n), c| (s + c.filled_key_fields(), n + 1));
    (n > 0).then(|| sum as f64 / (n * KEY_FIELDS) as f64)
}

impl Record for Customer {
    const COLLECTION: &'static str = "customers";

    record_stamps!();

    fn summary(&self) -> String {
        if self.phone.is_empty() {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.phone)
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(FieldError::new("id", Problem::Required));
        }
        check_len(&mut errors, "id", &self.id, MAX_LINE);
        check_name(&mut errors, "name", &self.name);
        if !self.phone.trim().is_empty() && !is_valid_phone(&self.phone) {
            errors.push(FieldError::new("phone", Problem::Phone));
        }
        if !self.email.trim().is_empty() && !is_valid_email(&self.email) {
            errors.push(FieldError::new("email", Problem::Email));
        }
        for (field, value) in [
            ("name", &self.name),
            ("phone", &self.phone),
            ("email", &self.email),
            ("wechat", &self.wechat),
            ("company", &self.company),
            ("title", &self.title),
            ("industry", &self.industry),
            ("region", &self.region),
            ("source", &self.source),
        ] {
            check_len(&mut errors, field, value, MAX_LINE);
        }
        check_len(&mut errors, "address", &self.address, MAX_TEXT);
        check_len(&mut errors, "notes", &self.notes, MAX_TEXT);
        for (i, tag) in self.tags.iter().enumerate() {
            if tag.trim().is_empty() {
                errors.push(FieldError::new(format!("tags[{i}]"), Problem::Required));
            }
            check_len(&mut errors, &format!("tags[{i}]"), tag, MAX_LINE);
        }
        super::custom_field::check_value_lengths(&self.custom, &mut errors);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }

    /// A birthday with its year is a day in the past, in 1900 or later; the opening
    /// balance's days are not after today (and its total is a sum of money).
    fn check_dates(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(day) = self.birthday.and_then(|b| b.date()) {
            if day > today {
                errors.push(FieldError::new("birthday", Problem::FutureDate));
            } else if chrono::Datelike::year(&day) < FIRST_BIRTH_YEAR {
                let max = chrono::Datelike::year(&today);
                errors.push(FieldError::new("birthday", Problem::YearOutOfRange { min: FIRST_BIRTH_YEAR, max }));
            }
        }
        if let Some(opening) = &self.opening {
            opening.check(today, &mut errors);
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn sample() -> Customer {
        Customer::new("c1", "张三", at("2026-01-01T00:00:00Z"))
    }

    #[test]
    fn name_is_required() {
        let mut c = sample();
        c.name = "   ".into();
        assert_eq!(c.validate(), vec![FieldError::new("name", Problem::Required)]);
    }

    #[test]
    fn bad_phone_and_email_are_reported_per_field() {
        let mut c = sample();
        c.phone = "12345".into();
        c.email = "zhang@".into();
        let fields: Vec<_> = c.validate().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(fields, vec![("phone".into(), Problem::Phone), ("email".into(), Problem::Email)]);
    }

    #[test]
    fn completeness_counts_the_ten_key_fields() {
        let mut c = sample();
        // Only the name: 1 of 10.
        assert_eq!(c.completeness(), 0.1);
        c.phone = "13800000000".into();
        c.email = "a@b.cn".into();
        c.company = "赣江置业".into();
        c.birthday = NaiveDate::from_ymd_opt(1990, 5, 1).map(Into::into);
        assert_eq!(c.filled_key_fields(), 5);
        assert_eq!(c.completeness(), 0.5);
        c.notes = "notes are not a key field".into();
        assert_eq!(c.filled_key_fields(), 5);
    }

    #[test]
    fn average_completeness_is_filled_over_possible() {
        // Textbook style: 3 files with 10, 5 and 0+name fields → (10+5+1)/30.
        let mut full = sample();
        for f in [
            &mut full.phone,
            &mut full.email,
            &mut full.company,
            &mut full.title,
            &mut full.industry,
            &mut full.region,
            &mut full.address,
            &mut full.source,
        ] {
            *f = "x".into();
        }
        full.birthday = NaiveDate::from_ymd_opt(1990, 1, 1).map(Into::into);
        let mut half = sample();
        half.phone = "x".into();
        half.email = "x".into();
        half.company = "x".into();
        half.title = "x".into();
        let bare = sample();
        let avg = average_completeness([&full, &half, &bare]).unwrap();
        assert!((avg - 16.0 / 30.0).abs() < 1e-12, "{avg}");
        assert_eq!(average_completeness(std::iter::empty()), None);
    }

    #[test]
    fn search_covers_name_phone_company_and_tags() {
        let mut c = sample();
        c.phone = "138-0000-1234".into();
        c.company = "Ganjiang Realty".into();
        c.tags = vec!["VIP".into()];
        for q in ["张", "13800001234", "0000-1234", "ganjiang", "vip", "+86 138 0000 1234", "8613800001234", "+86 138"]
        {
            assert!(c.matches(q), "{q}");
        }
        assert!(!c.matches("李"));
    }

    #[test]
    fn absent_and_null_fields_read_as_empty() {
        let json = r#"{"id":"x","name":"王五","phone":null,"stage":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
        let c: Customer = serde_json::from_str(json).unwrap();
        assert_eq!(c.phone, "");
        assert_eq!(c.stage, Stage::Prospect);
        assert_eq!(c.kind, CustomerKind::Person);
        assert_eq!(c.birthday, None);
    }
}
