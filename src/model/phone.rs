//! Phone numbers as numbers, not as text: the key two spellings of one number share,
//! the check that a number is one Kehu can call, and its readable grouping.
//!
//! Kehu keeps what the user typed and matches on [`phone_key`]: digits only, the
//! country code of a mainland number dropped, the area code's brackets and every
//! separator ignored. `+86 137 0013 7000`, `8613700137000` and `137-0013-7000` are one
//! number; `(0791)88886666`, `0791-88886666` and `0791 8888 6666` are another.

/// What a number is, once its key is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneShape {
    /// A mainland mobile: 11 digits, `1[3-9]…`.
    Mobile,
    /// A mainland landline with its area code: `0` + 2–3 digits, then 7–8 digits,
    /// maybe an extension.
    Landline,
    /// Another country's number, written with its country code.
    International,
}

/// A number read: its key and its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The matching key: the digits, with `+` in front of an international number and
    /// `x` before an extension.
    pub key: String,
    /// What kind of number it is.
    pub shape: PhoneShape,
}

/// Characters people put between the digits of a number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '-' | '.' | '(' | ')' | '（' | '）' | '/' | '－' | '—' | '–')
}

/// Full-width digits (typed with a Chinese input method) as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// `0` + 2–3 digits of area code + 7–8 digits: 10–12 digits in all.
fn is_landline(d: &str) -> bool {
    d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len())
}

/// Reads `text` as a phone number: `None` when it is not one Kehu can call (letters,
/// too few or too many digits, a mobile of the wrong shape).
///
/// Accepted: a mobile with or without `+86`, `86` or `0086` in front; a landline with
/// its area code, bracketed or not, maybe `+86` and the area code without its `0`; an
/// extension after `-`, `转`, `ext` or `x` (1–6 digits, only after a landline written
/// with a separator); another country's number as `+` or `00` and 7–15 digits.
/// Spaces, dashes, dots and brackets between digits are ignored.
pub fn parse_phone(text: &str) -> Option<Phone> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // The extension, if any, is split off first.
    let lower = text.to_lowercase();
    let (main, extension) = split_extension(&lower);
    let mut plus = false;
    let mut digits = String::with_capacity(main.len());
    for c in main.chars() {
        if let Some(d) = ascii_digit(c) {
            digits.push(d);
        } else if (c == '+' || c == '＋') && digits.is_empty() && !plus {
            plus = true;
        } else if !is_separator(c) {
            return None;
        }
    }
    let international = if plus { Some(digits.as_str()) } else { digits.strip_prefix("00") };
    let (key, shape) = match international {
        Some(rest) => match rest.strip_prefix("86") {
            Some(national) if is_mobile(national) => (national.to_owned(), PhoneShape::Mobile),
            // The area code is written without its 0 after the country code.
            Some(national) if is_landline(&format!("0{national}")) => (format!("0{national}"), PhoneShape::Landline),
            Some(national) if is_landline(national) => (national.to_owned(), PhoneShape::Landline),
            Some(_) => return None,
            None if (7..=15).contains(&rest.len()) && !rest.starts_with('0') => {
                (format!("+{rest}"), PhoneShape::International)
            }
            None => return None,
        },
        None if is_mobile(&digits) => (digits, PhoneShape::Mobile),
        None if digits.len() == 13 && digits.starts_with("86") && is_mobile(&digits[2..]) => {
            (digits[2..].to_owned(), PhoneShape::Mobile)
        }
        None if is_landline(&digits) => (digits, PhoneShape::Landline),
        None => return None,
    };
    match extension {
        None => Some(Phone { key, shape }),
        Some(ext) if shape == PhoneShape::Landline && (1..=6).contains(&ext.len()) => {
            Some(Phone { key: format!("{key}x{ext}"), shape })
        }
        Some(_) => None,
    }
}

/// Splits `0791-88886666-123`, `0791-88886666转123`, `…ext 123` into the number and the
/// extension's digits. A trailing group counts as an extension only after a number
/// that already has an area code and a local part (two groups before it).
fn split_extension(text: &str) -> (&str, Option<String>) {
    for marker in ["转", "ext.", "ext", "x", "#"] {
        if let Some(at) = text.rfind(marker) {
            let ext = text[at + marker.len()..].trim();
            if !ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()) {
                return (&text[..at], Some(ext.to_owned()));
            }
        }
    }
    // `0791-8888-6666` is a number in three groups, `0791-88886666-123` one with an
    // extension: the last group is one when what comes before is already a whole
    // landline.
    if let Some(at) = text.rfind('-') {
        let (before, ext) = (&text[..at], text[at + 1..].trim());
        let before_digits: String = before.chars().filter_map(ascii_digit).collect();
        if !ext.is_empty()
            && ext.len() <= 6
            && ext.chars().all(|c| c.is_ascii_digit())
            && is_landline(&before_digits)
            && before.contains(|c: char| is_separator(c))
        {
            return (before, Some(ext.to_owned()));
        }
    }
    (text, None)
}

/// The key by which two spellings of one number are matched: [`parse_phone`]'s key
/// for a number Kehu reads; otherwise its digits when there are at least 7 (so two
/// customers with the same odd number are still seen as alike); `None` when neither.
pub fn phone_key(text: &str) -> Option<String> {
    if let Some(p) = parse_phone(text) {
        return Some(p.key);
    }
    let digits: String = text.chars().filter_map(ascii_digit).collect();
    (digits.len() >= 7).then_some(digits)
}

/// Whether `text` is a number Kehu can call (see [`parse_phone`]).
pub fn is_valid_phone(text: &str) -> bool {
    parse_phone(text).is_some()
}

/// The number grouped for reading: `137 0013 7000`, `0791-8888 6666`, `010-8888 6666
/// 转 123`; an international number and anything Kehu cannot read stay as typed.
pub fn display_phone(text: &str) -> String {
    let Some(p) = parse_phone(text) else { return text.trim().to_owned() };
    match p.shape {
        PhoneShape::Mobile => format!("{} {} {}", &p.key[..3], &p.key[3..7], &p.key[7..]),
        PhoneShape::Landline => {
            let (number, ext) = match p.key.split_once('x') {
                Some((n, e)) => (n, Some(e)),
                None => (p.key.as_str(), None),
            };
            // Beijing, Shanghai, Tianjin, Chongqing and the 02x cities have 3-digit
            // area codes (010, 021…, 029); the rest 4.
            let area = if number.starts_with("01") || number.starts_with("02") { 3 } else { 4 };
            let local = &number[area..];
            let local = if local.len() == 8 {
                format!("{} {}", &local[..4], &local[4..])
            } else {
                format!("{} {}", &local[..3], &local[3..])
            };
            match ext {
                Some(e) => format!("{}-{local} 转 {e}", &number[..area]),
                None => format!("{}-{local}", &number[..area]),
            }
        }
        PhoneShape::International => text.trim().to_owned(),
    }
}

/// The `tel:` link of a number: `tel:+8613700137000`, `tel:+86791888866666`; `None`
/// when Kehu cannot read it.
pub fn tel_href(text: &str) -> Option<String> {
    let p = parse_phone(text)?;
    Some(match p.shape {
        PhoneShape::Mobile => format!("tel:+86{}", p.key),
        PhoneShape::Landline => match p.key.split_once('x') {
            Some((n, e)) => format!("tel:+86{},{e}", &n[1..]),
            None => format!("tel:+86{}", &p.key[1..]),
        },
        PhoneShape::International => format!("tel:{}", p.key),
    })
}

/// A search query that looks like a phone number, as the digits it is matched by: a
/// leading `+86`, `0086` or `86 ` in front of what follows is dropped, so a number
/// typed with its country code finds the customer typed without.
pub fn query_digits(query: &str) -> String {
    let q = query.trim();
    let q = q.strip_prefix("+86").or_else(|| q.strip_prefix("0086")).unwrap_or(q);
    q.chars().filter_map(ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real spellings, each with the key it must have.
    const SPELLINGS: [(&str, &str); 34] = [
        ("13700137000", "13700137000"),
        ("137 0013 7000", "13700137000"),
        ("137-0013-7000", "13700137000"),
        ("137.0013.7000", "13700137000"),
        ("+8613700137000", "13700137000"),
        ("+86 137 0013 7000", "13700137000"),
        ("+86-137-0013-7000", "13700137000"),
        ("8613700137000", "13700137000"),
        ("0086 13700137000", "13700137000"),
        ("008613700137000", "13700137000"),
        ("（+86）13700137000", "13700137000"),
        ("１３７００１３７０００", "13700137000"),
        (" 13700137000 ", "13700137000"),
        ("8613077777868", "13077777868"),
        ("(0791)88886666", "079188886666"),
        ("（0791）88886666", "079188886666"),
        ("0791-88886666", "079188886666"),
        ("0791 8888 6666", "079188886666"),
        ("0791-8888-6666", "079188886666"),
        ("079188886666", "079188886666"),
        ("+86 791 8888 6666", "079188886666"),
        ("+86-791-88886666", "079188886666"),
        ("0086 791 88886666", "079188886666"),
        ("010-88886666", "01088886666"),
        ("(010) 8888 6666", "01088886666"),
        ("010 8888 6666", "01088886666"),
        ("021-6666888", "0216666888"),
        ("0791-88886666-123", "079188886666x123"),
        ("0791-88886666转123", "079188886666x123"),
        ("0791 88886666 ext 123", "079188886666x123"),
        ("+1 415 555 2671", "+14155552671"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+852 2345 6789", "+85223456789"),
    ];

    #[test]
    fn real_spellings_have_their_key() {
        for (text, key) in SPELLINGS {
            assert_eq!(parse_phone(text).map(|p| p.key), Some(key.to_owned()), "{text}");
            assert!(is_valid_phone(text), "{text}");
        }
    }

    #[test]
    fn the_same_number_matches_and_different_numbers_do_not() {
        let same = [
            ("+8613700137000", "137 0013 7000"),
            ("8613077777868", "130-7777-7868"),
            ("(0791)88886666", "0791-88886666"),
            ("0791 8888 6666", "(0791)88886666"),
            ("+86 791 8888 6666", "0791-88886666"),
            ("0086 13700137000", "13700137000"),
        ];
        for (a, b) in same {
            assert_eq!(phone_key(a), phone_key(b), "{a} ~ {b}");
        }
        let different = [
            ("13700137000", "13700137001"),
            ("0791-88886666", "0792-88886666"),
            ("0791-88886666", "0791-88886666-123"),
            // A mobile and the same digits as a landline are not one number.
            ("13700137000", "013700137000"),
            ("+1 415 555 2671", "4155552671"),
            ("010-88886666", "010-88886667"),
        ];
        for (a, b) in different {
            assert_ne!(phone_key(a), phone_key(b), "{a} ≠ {b}");
        }
    }

    #[test]
    fn what_is_no_number_is_refused_but_still_matched_by_its_digits() {
        for text in ["", "12345", "1370013700", "137001370001", "12700137000", "tel 13700137000", "abc", "+86 12345"] {
            assert!(!is_valid_phone(text), "{text}");
        }
        // Too short to be matched at all.
        assert_eq!(phone_key("12345"), None);
        // Not a number Kehu can call, but two customers with it are alike.
        assert_eq!(phone_key("1370013700"), Some("1370013700".to_owned()));
    }

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(display_phone("+8613700137000"), "137 0013 7000");
        assert_eq!(display_phone("(0791)88886666"), "0791-8888 6666");
        assert_eq!(display_phone("010 88886666"), "010-8888 6666");
        assert_eq!(display_phone("0216666888"), "021-666 6888");
        assert_eq!(display_phone("0791-88886666-123"), "0791-8888 6666 转 123");
        assert_eq!(display_phone("+1 415 555 2671"), "+1 415 555 2671");
        assert_eq!(display_phone("call me"), "call me");
    }

    #[test]
    fn tel_links_carry_the_country_code() {
        assert_eq!(tel_href("137 0013 7000").as_deref(), Some("tel:+8613700137000"));
        assert_eq!(tel_href("(0791)88886666").as_deref(), Some("tel:+8679188886666"));
        assert_eq!(tel_href("0791-88886666-123").as_deref(), Some("tel:+8679188886666,123"));
        assert_eq!(tel_href("+44 20 7946 0958").as_deref(), Some("tel:+442079460958"));
        assert_eq!(tel_href("abc"), None);
    }

    #[test]
    fn a_query_with_the_country_code_finds_the_number_without() {
        assert_eq!(query_digits("+86 137 0013"), "1370013");
        assert_eq!(query_digits("0086-137"), "137");
        assert_eq!(query_digits("(0791) 888"), "0791888");
    }
}
