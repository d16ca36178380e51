//! Record ids, kept inside the record.
//!
//! A big book holds millions of ids: every record's own, and every reference to
//! another record (`customer_id`, `order_id`, …). As a `String` each was a 36-byte
//! allocation plus the string's own header. [`Id`] keeps any id of up to 38 bytes (a
//! UUID is 36) inline, in a 40-byte value, and only a longer id on the heap. It reads,
//! writes, hashes, compares and orders exactly like the text it holds.
//!
//! No crate fits: the small-string crates keep at most 11 to 23 bytes inline on
//! 32-bit targets such as WebAssembly, which leaves every UUID on the heap.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many bytes of an id are kept inline.
const INLINE: usize = 38;

/// A record id, or a reference to one: text that derefs to `&str`.
///
/// Ids of up to 38 bytes, UUIDs among them, need no allocation of their own.
#[derive(Clone)]
pub struct Id(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Id {
    /// The empty id (a reference that points nowhere).
    pub const fn empty() -> Self {
        Id(Repr::Inline { len: 0, bytes: [0; INLINE] })
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                // Only `From<&str>` fills the bytes, always with whole UTF-8 text, so
                // the empty fallback is never taken.
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            Repr::Heap(text) => text,
        }
    }
}

impl From<&str> for Id {
    fn from(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Id(Repr::Inline { len: text.len() as u8, bytes })
        } else {
            Id(Repr::Heap(text.into()))
        }
    }
}

impl From<String> for Id {
    fn from(text: String) -> Self {
        if text.len() <= INLINE {
            Id::from(text.as_str())
        } else {
            Id(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl From<&String> for Id {
    fn from(text: &String) -> Self {
        Id::from(text.as_str())
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.as_str().to_owned()
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::empty()
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Id {}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Id {
    /// The text's hash, so a map keyed by `Id` can be searched with a `&str`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Id, E> {
                Ok(Id::from(text))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Id, E> {
                Ok(Id::from(text))
            }
        }
        deserializer.deserialize_str(IdVisitor)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const UUID: &str = "52a44309-99f6-4bd3-9c69-1bd713db44a9";

    #[test]
    fn a_uuid_is_kept_inline_and_reads_back() {
        let id = Id::from(UUID);
        assert!(matches!(id.0, Repr::Inline { .. }));
        assert_eq!(id.as_str(), UUID);
        assert_eq!(id.to_string(), UUID);
        // A 40-byte value on 32-bit targets (a String is 12 bytes plus its allocation).
        assert!(std::mem::size_of::<Id>() <= 48);
    }

    #[test]
    fn longer_ids_and_odd_text_read_back() {
        for text in ["", "c", "pt-52a44309-99f6-4bd3-9c69-1bd713db44a9", "客户-001", &"x".repeat(38), &"x".repeat(39)]
        {
            let id = Id::from(text);
            assert_eq!(&*id, text);
            assert_eq!(Id::from(text.to_owned()), id);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Id>(&json).unwrap(), text);
        }
        // An escaped id in a file reads as its text.
        assert_eq!(serde_json::from_str::<Id>(r#""a\"b\u5ba2""#).unwrap(), "a\"b客");
        assert!(serde_json::from_str::<Id>("12").is_err());
    }

    #[test]
    fn ids_order_and_hash_as_their_text() {
        let mut ids: Vec<Id> = ["b", "a", "ab", &"z".repeat(40)].into_iter().map(Id::from).collect();
        ids.sort();
        let texts: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
        let mut expected = vec!["b", "a", "ab", &*"z".repeat(40)].into_iter().map(str::to_owned).collect::<Vec<_>>();
        expected.sort();
        assert_eq!(texts, expected);
        let map: HashMap<Id, u32> = [(Id::from(UUID), 1)].into_iter().collect();
        assert_eq!(map.get(UUID), Some(&1));
    }
}
