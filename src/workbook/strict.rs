//! Strict JSON: a key used twice in one object.
//!
//! serde (like most JSON readers) keeps the last of two equal keys without a word, so
//! `"customers": [3 records], "customers": [1]` would import one customer, and a second
//! `"collections": {}` would import an empty book. Kehu never writes a key twice, so a
//! file that does is refused, with the path of the second key.
//!
//! The check is one pass over the text with no tree and no allocation per object: the
//! keys of every open object sit on one shared stack, borrowed from the text (a key
//! with an escape in it is decoded first, so `"a"` and `"\u0061"` are the same key),
//! and an object is searched linearly until it has more than [`SMALL`] keys, then by a
//! hash set. Strings are skipped with `memchr`. It does not check the syntax: a file
//! that is not JSON is left to the parser, which says where it breaks.
//!
//! Cost, natively (`cargo run --release --example bench_strict -- FILE`, 2 shared
//! cores, load ~4): on the benchmark's 418 MB book (100,000 customers, 300,000 service
//! records, 500,000 orders) the check takes 0.73–0.94 s of a 5.3–6.2 s
//! `parse_workbook`; skipping structure and strings alone, without looking at keys,
//! takes 0.46–0.54 s of that.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

/// Keys an object holds before its keys are also kept in a hash set.
const SMALL: usize = 24;

/// One open object or list on the way to the current position.
enum Frame<'a> {
    /// An object: where its keys start on the key stack, its hash set once it is
    /// large, and whether a key comes next.
    Object { first: usize, set: Option<FxHashSet<Cow<'a, str>>>, expecting_key: bool },
    /// A list and the index of its current element.
    List(usize),
}

/// The path of the first key that appears twice in one object of `text`
/// (`collections`, `collections.customers`, `collections.customers[2].name`), or `None`
/// when every object's keys differ. Text that is not JSON gives `None` or the path of a
/// duplicate found before the text broke off.
pub fn duplicate_key(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    // The keys of every open object, innermost last; the last key of an object is the
    // one its current value belongs to.
    let mut keys: Vec<Cow<str>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => frames.push(Frame::Object { first: keys.len(), set: None, expecting_key: true }),
            b'[' => frames.push(Frame::List(0)),
            b'}' | b']' => {
                if let Some(Frame::Object { first, .. }) = frames.pop() {
                    keys.truncate(first);
                }
            }
            b',' => match frames.last_mut() {
                Some(Frame::List(n)) => *n += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                let (end, escaped) = string_end(bytes, start)?;
                i = end;
                if let Some(Frame::Object { first, set, expecting_key: expecting @ true }) = frames.last_mut() {
                    *expecting = false;
                    let raw = &text[start..end];
                    let key: Cow<str> = if escaped {
                        Cow::Owned(serde_json::from_str::<String>(&text[start - 1..=end]).ok()?)
                    } else {
                        Cow::Borrowed(raw)
                    };
                    let own = &keys[*first..];
                    let twice = match set {
                        Some(set) => !set.insert(key.clone()),
                        None => {
                            let twice = own.contains(&key);
                            if !twice && own.len() + 1 > SMALL {
                                let mut s: FxHashSet<Cow<str>> = own.iter().cloned().collect();
                                s.insert(key.clone());
                                *set = Some(s);
                            }
                            twice
                        }
                    };
                    if twice {
                        keys.push(key);
                        return Some(path(&frames, &keys));
                    }
                    keys.push(key);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the string whose content starts at `start` ends (the index of its closing
/// quote), and whether it holds an escape; `None` when it is never closed.
fn string_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut at = start;
    let mut escaped = false;
    loop {
        at += memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        if bytes[at] == b'"' {
            return Some((at, escaped));
        }
        escaped = true;
        at += 2;
        if at > bytes.len() {
            return None;
        }
    }
}

/// The path of the last key of the innermost object, through every open frame.
fn path(frames: &[Frame], keys: &[Cow<str>]) -> String {
    let mut out = String::new();
    for (n, frame) in frames.iter().enumerate() {
        match frame {
            Frame::List(i) => out.push_str(&format!("[{i}]")),
            Frame::Object { first, .. } => {
                // The object's key for the value now open: the last key before the next
                // object's keys start.
                let end = frames[n + 1..]
                    .iter()
                    .find_map(|f| match f {
                        Frame::Object { first, .. } => Some(*first),
                        Frame::List(_) => None,
                    })
                    .unwrap_or(keys.len());
                if end > *first {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&super::excerpt(&keys[end - 1]));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_found_with_its_path() {
        let cases = [
            (r#"{"format":"kehu-workbook","collections":{},"collections":{"customers":[]}}"#, "collections"),
            (r#"{"collections":{"customers":[{"id":"a"},{"id":"b"}],"customers":[]}}"#, "collections.customers"),
            (
                r#"{"collections":{"customers":[{"id":"a"},{"id":"b"},{"id":"c","name":"x","name":"y"}]}}"#,
                "collections.customers[2].name",
            ),
            (r#"{"a":{"b":[[1,{"c":1}],[{"d":{"e":1,"e":2}}]]}}"#, "a.b[1][0].d.e"),
            (r#"{"owner":{"name":"甲","class":"","name":"乙"}}"#, "owner.name"),
            // An escaped key is the same key.
            (r#"{"id":"a","\u0069d":"b"}"#, "id"),
            (r#"[{"k":1},{"k":1,"k":2}]"#, "[1].k"),
        ];
        for (text, want) in cases {
            assert_eq!(duplicate_key(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn equal_keys_in_different_objects_and_keys_inside_strings_are_fine() {
        for text in [
            r#"{"customers":[{"id":"a","name":"x"},{"id":"b","name":"y"}],"orders":[{"id":"a"}]}"#,
            r#"{"note":"\"id\":1,\"id\":2","id":"x"}"#,
            r#"{"a":{"id":1},"b":{"id":1},"id":1}"#,
            r#"{"a\\":1,"a":2}"#,
            "[]",
            "",
        ] {
            assert_eq!(duplicate_key(text), None, "{text}");
        }
    }

    #[test]
    fn a_large_object_is_checked_by_hash_and_still_finds_the_repeat() {
        let keys: Vec<String> = (0..1000).map(|i| format!("\"k{i}\":{i}")).collect();
        let ok = format!("{{{}}}", keys.join(","));
        assert_eq!(duplicate_key(&ok), None);
        let bad = format!("{{{},\"k500\":0}}", keys.join(","));
        assert_eq!(duplicate_key(&bad).as_deref(), Some("k500"));
    }

    #[test]
    fn broken_text_does_not_panic() {
        for text in [r#"{"a":"#, r#"{"a"#, r#"{"a\"#, "}}]]", r#"{"a":1,"a"#, "\"\\"] {
            let _ = duplicate_key(text);
        }
        assert_eq!(duplicate_key(r#"{"a":1,"a""#).as_deref(), Some("a"));
    }
}
