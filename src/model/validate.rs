//! Field rules shared by every entity: phone numbers, e-mail addresses, lengths.

use serde::Serialize;

/// One broken rule on one field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as it appears in the workbook file (`email`, `tags[2]`).
    pub field: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldError {
    /// A problem on the named field.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self { field: field.into(), problem }
    }
}

/// Whether the field named `name` (of a [`FieldError`]) is `field` or one of its parts:
/// an item of a list (`tags[2]`, `items[0].quantity`) or a member of an object
/// (`address.city`); `tags2` is not a part of `tags`.
pub fn is_part_of(name: &str, field: &str) -> bool {
    name.strip_prefix(field).is_some_and(|rest| rest.is_empty() || rest.starts_with('[') || rest.starts_with('.'))
}

/// What can be wrong with a field's value. Turned into words by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum Problem {
    /// A required field is empty.
    #[error("required")]
    Required,
    /// Not a mainland mobile, a landline with area code, or a +country number.
    #[error("not a phone number")]
    Phone,
    /// Not an e-mail address.
    #[error("not an e-mail address")]
    Email,
    /// Longer than allowed.
    #[error("longer than {max} characters")]
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A number outside its range (a 1–5 score of 7).
    #[error("not between {min} and {max}")]
    OutOfRange {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// A message template with a placeholder Kehu does not know.
    #[error("unknown placeholder")]
    UnknownPlaceholder,
    /// A number that must be more than zero (a quantity).
    #[error("must be more than 0")]
    Positive,
    /// An answer of another kind than its question asks for.
    #[error("not the kind of answer the question asks for")]
    WrongKind,
    /// A status change the flow does not allow (closing a closed ticket, say).
    #[error("a status change the flow does not allow")]
    StepNotAllowed,
    /// A reference to something that does not exist (a question, a customer).
    #[error("refers to something that does not exist")]
    UnknownReference,
    /// A date before the date it depends on (a callback due before its record).
    #[error("before the date it follows")]
    BeforeStart,
    /// A date that is later than today where only past dates make sense.
    #[error("date is in the future")]
    FutureDate,
    /// A call marked abandoned that has talk time or was solved: nobody spoke on it.
    #[error("an abandoned call has no talk time and solved nothing")]
    AbandonedWithTalk,
    /// A unit placed under itself or under one of its own units.
    #[error("would be placed under itself")]
    Cycle,
    /// A threshold not above the one before it (tiers, class limits).
    #[error("must be more than the one before")]
    NotAscending,
    /// `updated_at` earlier than `created_at`.
    #[error("updated before it was created")]
    UpdatedBeforeCreated,
    /// A date whose year is outside the years that make sense for it: a stamp outside
    /// [`STAMP_YEARS`] (`created_at` in the year 99999), a birthday before 1900.
    #[error("the year is not between {min} and {max}")]
    YearOutOfRange {
        /// The earliest year allowed.
        min: i32,
        /// The latest year allowed.
        max: i32,
    },
    /// An id with a character no id may hold: `/`, `\`, `..`, whitespace or a control
    /// character (an id ends up in links and keys).
    #[error("not a valid id")]
    BadId,
    /// A custom field named like one of the customer's own fields or a word the
    /// workbook keeps for itself.
    #[error("is the name of a built-in field")]
    ReservedName,
    /// A name already taken by another of its kind (a field, a choice).
    #[error("is already taken")]
    DuplicateName,
    /// A value that is not a number where a number is asked for.
    #[error("not a number")]
    NotANumber,
    /// A value that is not a date where a date is asked for.
    #[error("not a date")]
    NotADate,
    /// A value that is not among the field's choices.
    #[error("not one of the choices")]
    NotAChoice,
    /// A name or title with no visible character: only spaces, zero-width or control
    /// characters.
    #[error("has no visible character")]
    NoVisibleCharacter,
}

/// The years a stamp (`created_at`, `updated_at`, any date and time) may fall in.
pub const STAMP_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The first year a birthday may fall in.
pub const FIRST_BIRTH_YEAR: i32 = 1900;

/// Whether `id` is an id Kehu accepts: no `/`, `\`, `..`, whitespace or control
/// characters (an empty id is a matter of [`Problem::Required`]).
pub fn is_valid_id(id: &str) -> bool {
    !id.contains("..")
        && !id.chars().any(|c| c == '/' || c == '\\' || c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// Characters that take no room on screen: zero-width spaces and joiners, the
/// byte-order mark, word joiners, direction marks, variation selectors, fillers.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether `text` has a character a reader can see: not only whitespace, zero-width
/// or control characters.
pub fn has_visible(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(c))
}

/// Longest text field Kehu accepts, in characters: long enough for any note a person
/// types, short enough that a corrupt file cannot fill the memory through one field.
pub const MAX_TEXT: usize = 20_000;
/// Longest single-line field (name, phone, company…), in characters.
pub const MAX_LINE: usize = 200;

/// Whether `phone` is a phone number Kehu accepts: a mainland mobile (11 digits,
/// `1[3-9]…`), a landline with its area code (`0791-8888888`, optional extension
/// `-123`), or an international number (`+` country code and 6–15 digits). Spaces and
/// dashes between digit groups are allowed. Also every spelling
/// [`super::phone::parse_phone`] reads (brackets, dots, `86` in front…), so what a
/// spreadsheet holds is a phone and not a problem.
pub fn is_valid_phone(phone: &str) -> bool {
    super::phone::is_valid_phone(phone) || is_valid_phone_as_typed(phone)
}

/// The rule before numbers were read as numbers: kept, so every number an older
/// workbook holds still passes.
fn is_valid_phone_as_typed(phone: &str) -> bool {
    let phone = phone.trim();
    // Separators only between digit groups: none leading, trailing or doubled.
    let body = phone.strip_prefix('+').unwrap_or(phone);
    if body.starts_with(['-', ' ']) || body.ends_with(['-', ' ']) || body.contains("--") || body.contains("  ") {
        return false;
    }
    if let Some(rest) = phone.strip_prefix('+') {
        let digits = digits_only(rest);
        return rest.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && (7..=15).contains(&digits.len());
    }
    if !phone.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
        return false;
    }
    let digits = digits_only(phone);
    let bytes = digits.as_bytes();
    if bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
        return true;
    }
    is_landline(phone)
}

/// `0` + 2–3 digit area code, a separator or none, then 7–8 digits, then an
/// optional `-extension` of 1–6 digits.
fn is_landline(phone: &str) -> bool {
    let groups: Vec<&str> = phone.split(['-', ' ']).filter(|g| !g.is_empty()).collect();
    let all_digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    match groups.as_slice() {
        [area, local] | [area, local, _] if all_digits(area) && all_digits(local) => {
            let ext_ok = groups.get(2).is_none_or(|e| all_digits(e) && (1..=6).contains(&e.len()));
            area.starts_with('0') && (3..=4).contains(&area.len()) && (7..=8).contains(&local.len()) && ext_ok
        }
        [joined] if all_digits(joined) => {
            // Written without a separator: 0 + area + local is 10–12 digits.
            joined.starts_with('0') && (10..=12).contains(&joined.len())
        }
        _ => false,
    }
}

fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Full-width digits and signs (１３８…, ＋, －), as Chinese input methods type them,
/// as their ASCII forms; anything else unchanged.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            '－' | '—' | '–' => '-',
            '（' => '(',
            '）' => ')',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// Whether `email` looks like an e-mail address: one `@`, a non-empty local part,
/// a domain of dot-separated labels with at least one dot, and no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

/// Pushes a `Required` problem for each of `fields` (name, value) that is blank; for a
/// reference (`customer_id`, any field ending in `_id`) a `BadId` when it is not
/// [`is_valid_id`], for any other field (a name, a title) a `NoVisibleCharacter` when it
/// has no [`has_visible`] character. (A record's own `id` is checked by the import for
/// every collection.)
pub(crate) fn check_required(errors: &mut Vec<FieldError>, fields: &[(&str, &str)]) {
    for (field, value) in fields {
        if value.trim().is_empty() {
            errors.push(FieldError::new(*field, Problem::Required));
        } else if *field == "id" {
        } else if field.ends_with("_id") {
            if !is_valid_id(value) {
                errors.push(FieldError::new(*field, Problem::BadId));
            }
        } else if !has_visible(value) {
            errors.push(FieldError::new(*field, Problem::NoVisibleCharacter));
        }
    }
}

/// Pushes a `Required` or `NoVisibleCharacter` problem when the name `value` is blank
/// or has no visible character.
pub(crate) fn check_name(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if !has_visible(value) {
        errors.push(FieldError::new(field, Problem::NoVisibleCharacter));
    }
}

/// Pushes an `UpdatedBeforeCreated` problem when a record's stamps run backwards.
pub(crate) fn check_stamps(
    errors: &mut Vec<FieldError>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
) {
    if updated_at < created_at {
        errors.push(FieldError::new("updated_at", Problem::UpdatedBeforeCreated));
    }
}

/// Pushes a `TooLong` problem when `value` has more than `max` characters.
pub(crate) fn check_len(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    if value.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_field_holds_its_items_and_members() {
        use super::is_part_of;
        assert!(is_part_of("tags", "tags"));
        assert!(is_part_of("tags[2]", "tags"));
        assert!(is_part_of("items[0].quantity", "items"));
        assert!(is_part_of("address.city", "address"));
        assert!(is_part_of("answers.q1", "answers"));
        assert!(!is_part_of("tags2", "tags"));
        assert!(!is_part_of("tag", "tags"));
        assert!(!is_part_of("phone_alt", "phone"));
        assert!(!is_part_of("notes", "note"));
    }

    use super::*;

    #[test]
    fn accepts_the_phone_formats_people_write() {
        for ok in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "19912345678",
            "0791-8888888",
            "0791-88888888",
            "010-12345678",
            "021 87654321",
            "07918888888",
            "0791-8888888-123",
            "+86 138 1234 5678",
            "+1-415-555-0100",
            "+44 20 7946 0958",
        ] {
            assert!(is_valid_phone(ok), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_what_is_not_a_phone() {
        for bad in [
            "12812345678",  // second digit must be 3-9
            "1381234567",   // 10 digits
            "138123456789", // 12 digits
            "791-8888888",  // area code without 0
            "0791-88888",   // local part too short
            "abc",
            "+",
            "+86",
            "138l2345678", // letter l
            "0791-88886666 call after 6",
        ] {
            assert!(!is_valid_phone(bad), "{bad} should be refused");
        }
    }

    #[test]
    fn odd_separators_are_read_past_since_numbers_are_matched_as_numbers() {
        for ok in ["0791—8888888", "-1-3-8-1-2-3-4-5-6-7-8-", "138--1234-5678", "(0791)88886666", "8613812345678"] {
            assert!(is_valid_phone(ok), "{ok} should be accepted");
        }
    }

    #[test]
    fn full_width_input_becomes_ascii() {
        assert_eq!(ascii_digits("１３８１２３４５６７８"), "13812345678");
        assert_eq!(ascii_digits("０７９１－８８８８８８８"), "0791-8888888");
        assert!(is_valid_phone(&ascii_digits("＋８６ １３８ １２３４ ５６７８")));
        assert_eq!(ascii_digits("王五"), "王五");
    }

    #[test]
    fn ids_that_would_leave_their_place_are_refused() {
        for ok in ["c1", "0b6e3a1c-9a8f-4d7e-8c51-2f0e5b7d9a10", "p1-t1", "a.b", "客户_1"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["../../workbook", "..", "a/b", "a\\b", "a b", "a\tb", "a\nb", "\u{0}", "a\u{200B}b", "x\u{3000}"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_name_needs_a_visible_character() {
        for ok in ["张三", " a ", "O'Brien", "\u{200B}李"] {
            assert!(has_visible(ok), "{ok:?}");
        }
        for bad in
            ["", "   ", "\u{200B}\u{200C}\u{200D}", "\u{FEFF}\u{2060}", "\u{1}\u{7f}", "\u{3000}\u{200B}", "\u{3164}"]
        {
            assert!(!has_visible(bad), "{bad:?}");
        }
        let mut errors = Vec::new();
        check_required(&mut errors, &[("name", "\u{200B}\u{200D}"), ("customer_id", "../x"), ("title", " ")]);
        assert_eq!(
            errors,
            [
                FieldError::new("name", Problem::NoVisibleCharacter),
                FieldError::new("customer_id", Problem::BadId),
                FieldError::new("title", Problem::Required)
            ]
        );
    }

    #[test]
    fn checks_email_addresses() {
        for ok in ["a@b.cn", "zhang.san@example.com", "x+y@mail.qq.com", "李@例子.中国"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@", "@b.cn", "a@b", "a b@c.cn", "a@b..cn", "a@@b.cn", ".a@b.cn", "a@-b.cn"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }
}
