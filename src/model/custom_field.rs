//! Customer fields of the user's own (自定义字段): 会员卡号, 口味偏好, 推荐人…
//!
//! The fields are declared once, in the book's settings ([`CustomFields`]); each
//! customer keeps its values by the field's name (`"custom": {"会员卡号": "A1024"}`), so
//! two books that made the same field merge into one, and a value whose field was
//! removed (or whose choice was dropped) stays on the customer until the user changes
//! it: nothing the user typed is lost.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::validate::{check_len, has_visible, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem, Text};

/// Most custom fields a book may declare.
pub const MAX_CUSTOM_FIELDS: usize = 50;
/// Most choices a choice field may offer.
pub const MAX_CHOICES: usize = 100;

/// What a custom field holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CustomFieldKind {
    /// Any text on one line.
    #[default]
    Text,
    /// A number, written with a dot for decimals.
    Number,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// One of the field's choices.
    Choice,
}

choice! { CustomFieldKind {
    Text = "text" => CustomKindText,
    Number = "number" => CustomKindNumber,
    Date = "date" => CustomKindDate,
    Choice = "choice" => CustomKindChoice,
} }

/// One field the user added to every customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomField {
    /// The field's name, shown as its label and used as its key in each customer.
    pub name: Text,
    /// What it holds.
    #[serde(default)]
    pub kind: CustomFieldKind,
    /// The choices of a choice field, in the order offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Text>,
}

/// The custom fields of the book's customers, in the order shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomFields {
    /// The fields.
    #[serde(default)]
    pub fields: Vec<CustomField>,
}

/// Names a custom field may not take: the customer's own fields, in the workbook's
/// words and as the forms and spreadsheets name them, and the words the format keeps
/// for itself. Compared ignoring case and spaces.
const RESERVED: &[&str] = &[
    "id",
    "kind",
    "type",
    "name",
    "phone",
    "mobile",
    "tel",
    "email",
    "e-mail",
    "mail",
    "company",
    "title",
    "industry",
    "region",
    "city",
    "address",
    "source",
    "stage",
    "tags",
    "tag",
    "notes",
    "note",
    "birthday",
    "wechat",
    "weixin",
    "created_at",
    "updated_at",
    "deleted_at",
    "sample",
    "custom",
    "opening",
    "__proto__",
    "constructor",
    "prototype",
    "类型",
    "客户类型",
    "姓名",
    "名字",
    "名称",
    "客户",
    "客户名称",
    "客户姓名",
    "电话",
    "手机",
    "手机号",
    "手机号码",
    "电话号码",
    "联系电话",
    "邮箱",
    "电子邮箱",
    "电子邮件",
    "公司",
    "单位",
    "公司名称",
    "职务",
    "职位",
    "行业",
    "地区",
    "城市",
    "地址",
    "联系地址",
    "来源",
    "客户来源",
    "阶段",
    "客户阶段",
    "标签",
    "备注",
    "生日",
    "出生日期",
    "微信",
    "微信号",
    "创建时间",
    "更新时间",
    "期初",
    "累计消费",
    "消费次数",
    "最近购买",
    "首次购买",
];

/// `text` ignoring case and spaces, as names are compared.
fn fold(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Whether `name` is one a custom field may not take (see [`RESERVED`]).
pub fn is_reserved_name(name: &str) -> bool {
    let name = fold(name);
    RESERVED.iter().any(|r| fold(r) == name)
}

impl CustomField {
    /// The value `text` as this field keeps it: trimmed; a number with its thousands
    /// separators and currency sign dropped (`¥1,280.50` → `1280.5`); a day in any
    /// common form as `YYYY-MM-DD`; a choice exactly as offered. An empty text is no
    /// value (`Ok(None)`); what the field cannot hold is the problem.
    pub fn read(&self, text: &str) -> Result<Option<Text>, Problem> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match self.kind {
            CustomFieldKind::Text if text.chars().count() > MAX_TEXT => Err(Problem::TooLong { max: MAX_TEXT }),
            CustomFieldKind::Text => Ok(Some(text.into())),
            CustomFieldKind::Number => {
                let plain: String =
                    text.chars().filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | '$' | ' ')).collect();
                match plain.parse::<f64>() {
                    Ok(n) if n.is_finite() => Ok(Some(n.to_string().into())),
                    _ => Err(Problem::NotANumber),
                }
            }
            CustomFieldKind::Date => match super::birthday::Birthday::parse(text).and_then(|b| b.date()) {
                Some(d) => Ok(Some(d.to_string().into())),
                None => Err(Problem::NotADate),
            },
            CustomFieldKind::Choice => {
                match self.choices.iter().find(|c| c.as_str() == text || fold(c) == fold(text)) {
                    Some(c) => Ok(Some(c.clone())),
                    None => Err(Problem::NotAChoice),
                }
            }
        }
    }

    /// Whether a stored `value` is one this field holds as it is now (a choice since
    /// dropped, a number typed into what was a text field, are not).
    pub fn holds(&self, value: &str) -> bool {
        self.read(value).is_ok_and(|v| v.as_deref() == Some(value.trim()))
    }

    /// The day a date field's value stands for.
    pub fn as_date(value: &str) -> Option<NaiveDate> {
        value.parse().ok()
    }
}

impl CustomFields {
    /// The field named `name` (ignoring case and spaces).
    pub fn get(&self, name: &str) -> Option<&CustomField> {
        self.position(name).map(|i| &self.fields[i])
    }

    /// The place of the field named `name` (ignoring case and spaces).
    pub fn position(&self, name: &str) -> Option<usize> {
        let name = fold(name);
        self.fields.iter().position(|f| fold(&f.name) == name)
    }

    /// The problems of the declarations, named `value.custom_fields.fields[i].…`: a
    /// name empty, too long, reserved or taken twice; a choice field with no choice or
    /// a choice twice; too many fields or choices.
    pub fn check(&self, errors: &mut Vec<FieldError>) {
        if self.fields.len() > MAX_CUSTOM_FIELDS {
            errors.push(FieldError::new(
                "value.custom_fields.fields",
                Problem::OutOfRange { min: 0, max: MAX_CUSTOM_FIELDS as i64 },
            ));
        }
        for (i, f) in self.fields.iter().enumerate() {
            let at = format!("value.custom_fields.fields[{i}]");
            let name = format!("{at}.name");
            if !has_visible(&f.name) {
                errors.push(FieldError::new(&name, Problem::Required));
            } else if is_reserved_name(&f.name) {
                errors.push(FieldError::new(&name, Problem::ReservedName));
            } else if self.fields[..i].iter().any(|g| fold(&g.name) == fold(&f.name)) {
                errors.push(FieldError::new(&name, Problem::DuplicateName));
            }
            check_len(errors, &name, &f.name, MAX_LINE);
            if f.kind == CustomFieldKind::Choice && f.choices.iter().all(|c| !has_visible(c)) {
                errors.push(FieldError::new(format!("{at}.choices"), Problem::Required));
            }
            if f.choices.len() > MAX_CHOICES {
                errors.push(FieldError::new(
                    format!("{at}.choices"),
                    Problem::OutOfRange { min: 1, max: MAX_CHOICES as i64 },
                ));
            }
            for (j, c) in f.choices.iter().enumerate() {
                let field = format!("{at}.choices[{j}]");
                if f.choices[..j].iter().any(|d| fold(d) == fold(c)) {
                    errors.push(FieldError::new(&field, Problem::DuplicateName));
                }
                check_len(errors, &field, c, MAX_LINE);
            }
        }
    }

    /// The problems of a customer's `values` against the fields as they are now, named
    /// `custom.<name>`: a value its field cannot hold (a choice no longer offered, a
    /// number that is no number). A value of a field no longer declared is no problem:
    /// it is kept and shown as such.
    pub fn check_values(&self, values: &BTreeMap<String, Text>) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for (name, value) in values {
            if let Some(f) = self.get(name) {
                if !f.holds(value) {
                    let problem = f.read(value).err().unwrap_or(Problem::WrongKind);
                    errors.push(FieldError::new(format!("custom.{name}"), problem));
                }
            }
        }
        errors
    }
}

/// A customer's custom values as the form's `texts` give them, on top of `kept` (the
/// stored values: a value of a field no longer declared stays). An empty text removes
/// its value; a text its field cannot hold is named in `errors` and the stored value
/// stays.
pub fn read_values(
    kept: &BTreeMap<String, Text>,
    texts: &BTreeMap<String, String>,
    fields: &CustomFields,
    errors: &mut Vec<FieldError>,
) -> BTreeMap<String, Text> {
    let mut out = kept.clone();
    for f in &fields.fields {
        let Some(text) = texts.get(f.name.as_str()) else { continue };
        match f.read(text) {
            Ok(Some(v)) => {
                out.insert(f.name.to_string(), v);
            }
            Ok(None) => {
                out.remove(f.name.as_str());
            }
            // A value kept from before that the field no longer holds (a choice since
            // dropped) is the user's to change, not a reason to refuse every save.
            Err(_) if kept.get(f.name.as_str()).is_some_and(|k| k.as_str() == text.trim()) => {}
            Err(p) => errors.push(FieldError::new(format!("custom.{}", f.name), p)),
        }
    }
    out
}

/// The problems of a customer's custom values on their own (without the
/// declarations): an empty name, a name or value too long.
pub fn check_value_lengths(values: &BTreeMap<String, Text>, errors: &mut Vec<FieldError>) {
    for (name, value) in values {
        if !has_visible(name) {
            errors.push(FieldError::new("custom", Problem::Required));
        }
        check_len(errors, "custom", name, MAX_LINE);
        check_len(errors, &format!("custom.{name}"), value, MAX_TEXT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, kind: CustomFieldKind, choices: &[&str]) -> CustomField {
        CustomField { name: name.into(), kind, choices: choices.iter().map(|c| (*c).into()).collect() }
    }

    #[test]
    fn values_are_read_as_their_field_keeps_them() {
        let card = field("会员卡号", CustomFieldKind::Text, &[]);
        let spent = field("储值余额", CustomFieldKind::Number, &[]);
        let joined = field("入会日期", CustomFieldKind::Date, &[]);
        let taste = field("口味偏好", CustomFieldKind::Choice, &["绿茶", "红茶", "Oolong"]);
        assert_eq!(card.read(" A1024 "), Ok(Some("A1024".into())));
        assert_eq!(card.read("  "), Ok(None));
        assert_eq!(spent.read("¥1,280.50"), Ok(Some("1280.5".into())));
        assert_eq!(spent.read("很多"), Err(Problem::NotANumber));
        assert_eq!(joined.read("2024/3/8"), Ok(Some("2024-03-08".into())));
        assert_eq!(joined.read("3月8日"), Err(Problem::NotADate));
        assert_eq!(taste.read("红茶"), Ok(Some("红茶".into())));
        assert_eq!(taste.read("oolong"), Ok(Some("Oolong".into())));
        assert_eq!(taste.read("咖啡"), Err(Problem::NotAChoice));
    }

    #[test]
    fn a_name_of_a_built_in_field_a_reserved_word_or_a_name_taken_twice_is_refused() {
        let fields = CustomFields {
            fields: vec![
                field("手机", CustomFieldKind::Text, &[]),
                field("Notes", CustomFieldKind::Text, &[]),
                field("__proto__", CustomFieldKind::Text, &[]),
                field("会员卡号", CustomFieldKind::Text, &[]),
                field("会员 卡号", CustomFieldKind::Number, &[]),
                field("口味", CustomFieldKind::Choice, &[]),
                field("等级", CustomFieldKind::Choice, &["金", "金"]),
                field(" ", CustomFieldKind::Text, &[]),
            ],
        };
        let mut errors = Vec::new();
        fields.check(&mut errors);
        let got: Vec<(String, Problem)> = errors.into_iter().map(|e| (e.field, e.problem)).collect();
        let f = |i: usize, rest: &str| format!("value.custom_fields.fields[{i}].{rest}");
        assert_eq!(
            got,
            vec![
                (f(0, "name"), Problem::ReservedName),
                (f(1, "name"), Problem::ReservedName),
                (f(2, "name"), Problem::ReservedName),
                (f(4, "name"), Problem::DuplicateName),
                (f(5, "choices"), Problem::Required),
                (f(6, "choices[1]"), Problem::DuplicateName),
                (f(7, "name"), Problem::Required),
            ]
        );
    }

    #[test]
    fn a_value_whose_choice_was_dropped_is_named_and_kept() {
        let fields = CustomFields { fields: vec![field("口味偏好", CustomFieldKind::Choice, &["绿茶"])] };
        let values: BTreeMap<String, Text> =
            [("口味偏好".to_owned(), "普洱".into()), ("旧字段".to_owned(), "still here".into())].into();
        let errors = fields.check_values(&values);
        assert_eq!(errors, vec![FieldError::new("custom.口味偏好", Problem::NotAChoice)]);
        // The value is the customer's; checking does not touch it.
        assert_eq!(values["口味偏好"], "普洱");
    }
    #[test]
    fn an_empty_input_removes_a_value_and_a_stale_choice_is_kept_untouched() {
        let fields = CustomFields {
            fields: vec![
                CustomField { name: "会员卡号".into(), kind: CustomFieldKind::Text, choices: vec![] },
                CustomField { name: "口味".into(), kind: CustomFieldKind::Choice, choices: vec!["绿茶".into()] },
                CustomField { name: "余额".into(), kind: CustomFieldKind::Number, choices: vec![] },
            ],
        };
        let kept: BTreeMap<String, Text> =
            [("会员卡号".into(), "A1".into()), ("口味".into(), "普洱".into()), ("旧".into(), "x".into())].into();
        let texts: BTreeMap<String, String> =
            [("会员卡号".into(), "".into()), ("口味".into(), "普洱".into()), ("余额".into(), "很多".into())].into();
        let mut errors = Vec::new();
        let out = read_values(&kept, &texts, &fields, &mut errors);
        assert_eq!(out.get("会员卡号"), None);
        assert_eq!(out.get("口味").map(Text::as_str), Some("普洱"));
        assert_eq!(out.get("旧").map(Text::as_str), Some("x"));
        assert_eq!(errors, vec![FieldError::new("custom.余额", Problem::NotANumber)]);
    }
}
