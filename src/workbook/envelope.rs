//! The envelope every workbook file has.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Collections;

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "kehu-workbook";
/// The format version this app writes; files with a larger number are refused.
pub const FORMAT_VERSION: u32 = 6;
/// The app's version, written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A whole Kehu database as one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    /// Always `kehu-workbook`.
    pub format: String,
    /// Format version; see `docs/workbook-format.md` for what each adds.
    pub version: u32,
    /// When the file was written (RFC 3339, UTC).
    pub exported_at: DateTime<Utc>,
    /// The Kehu version that wrote it.
    #[serde(default)]
    pub app_version: String,
    /// Whose work this is: a student's name, class and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// The book's own id (a UUID made once per browser database and carried by its
    /// exports), so a feedback file is imported only into the book it was written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub book_id: Option<String>,
    /// The records, by collection name. A missing collection is empty.
    #[serde(default, deserialize_with = "collections_object")]
    pub collections: Collections,
}

/// Who a workbook belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Owner {
    /// The student's or owner's name.
    #[serde(default)]
    pub name: String,
    /// The class, e.g. 电商2301.
    #[serde(default)]
    pub class: String,
    /// The student number.
    #[serde(default)]
    pub student_id: String,
}

/// What becomes of the book's owner when a workbook file is read into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerOnImport {
    /// The book's owner stays as it is.
    Keep,
    /// The book takes the file's owner.
    Take(Owner),
    /// The file names someone else: the user decides.
    Ask {
        /// The book's owner.
        book: Owner,
        /// The file's.
        file: Owner,
    },
}

/// The owner a book ends up with after reading a file: a replace takes the file's owner;
/// a merge into a book without one takes it; a merge of someone else's file asks. A
/// file without an owner never erases the book's. So a student moving between school
/// and home keeps their name on the book.
pub fn owner_on_import(book: Option<&Owner>, file: Option<&Owner>, replace: bool) -> OwnerOnImport {
    let file = match file {
        Some(f) if !f.is_empty() => f,
        _ => return OwnerOnImport::Keep,
    };
    match book {
        _ if replace => OwnerOnImport::Take(file.clone()),
        None => OwnerOnImport::Take(file.clone()),
        Some(b) if b.is_empty() => OwnerOnImport::Take(file.clone()),
        Some(b) if b.same_person(file) => OwnerOnImport::Keep,
        Some(b) => OwnerOnImport::Ask { book: b.clone(), file: file.clone() },
    }
}

impl Owner {
    /// Whether no field is filled.
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.class, &self.student_id].iter().all(|v| v.trim().is_empty())
    }

    /// Whether `other` names the same person: the same name and student number.
    pub fn same_person(&self, other: &Owner) -> bool {
        self.name.trim() == other.name.trim() && self.student_id.trim() == other.student_id.trim()
    }

    /// Every rule the owner breaks: each field at most
    /// [`MAX_LINE`](crate::model::validate::MAX_LINE) characters, so a file cannot carry a
    /// six-million-character name into an instructor's review.
    pub fn validate(&self) -> Vec<crate::model::FieldError> {
        let max = crate::model::validate::MAX_LINE;
        [("name", &self.name), ("class", &self.class), ("student_id", &self.student_id)]
            .into_iter()
            .filter(|(_, v)| v.chars().count() > max)
            .map(|(f, _)| crate::model::FieldError::new(f, crate::model::Problem::TooLong { max }))
            .collect()
    }
}

/// Reads the collections from a JSON object only: serde would also read a struct from
/// a list (`"collections": []`), which is not the format and must be refused.
fn collections_object<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Collections, D::Error> {
    struct ObjectOnly;
    impl<'de> serde::de::Visitor<'de> for ObjectOnly {
        type Value = Collections;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of collections")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Collections, A::Error> {
            Collections::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(ObjectOnly)
}

impl Workbook {
    /// A workbook of the current version holding `collections`, stamped `now`.
    pub fn new(owner: Option<Owner>, collections: Collections, now: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            exported_at: now,
            app_version: APP_VERSION.to_owned(),
            owner,
            book_id: None,
            collections,
        }
    }

    /// The file's text: compact JSON (a 100,000-customer file stays small and fast).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a workbook always serialises")
    }

    /// The file's text with this envelope around `collections` instead of
    /// [`Self::collections`] (anything that serialises as the collections object, such
    /// as a view of the live tables, so an export need not copy the whole book first),
    /// written to `writer` as it is made (an export hands the file to the browser a
    /// piece at a time instead of holding it whole).
    pub fn write_json_with(&self, writer: impl std::io::Write, collections: impl Serialize) -> std::io::Result<()> {
        /// The fields of [`Workbook`], in its order, borrowed.
        #[derive(Serialize)]
        struct Out<'a, C> {
            format: &'a str,
            version: u32,
            exported_at: &'a DateTime<Utc>,
            app_version: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            owner: Option<&'a Owner>,
            #[serde(skip_serializing_if = "Option::is_none")]
            book_id: Option<&'a str>,
            collections: C,
        }
        let out = Out {
            format: &self.format,
            version: self.version,
            exported_at: &self.exported_at,
            app_version: &self.app_version,
            owner: self.owner.as_ref(),
            book_id: self.book_id.as_deref(),
            collections,
        };
        // serde writes a token at a time; a buffer in front keeps those writes inline
        // instead of a call to `writer` each (an export's writer is a `dyn Write`, and
        // the calls took a fifth of a 400 MB export).
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, writer);
        serde_json::to_writer(&mut buffered, &out).map_err(std::io::Error::from)?;
        buffered.flush()
    }
}

/// The export file name, `<owner name or kehu>-<date>.kehu.json`. Characters that
/// file systems refuse are replaced by `_`; class and number follow the name when set.
pub fn export_file_name(owner: Option<&Owner>, date: NaiveDate) -> String {
    let parts: Vec<&str> = owner
        .map(|o| [o.name.trim(), o.class.trim(), o.student_id.trim()].into_iter().filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let stem = if parts.is_empty() || owner.is_some_and(|o| o.name.trim().is_empty()) {
        "kehu".to_owned()
    } else {
        parts.join("-")
    };
    let safe: String = stem
        .chars()
        .map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) || c.is_whitespace() { '_' } else { c })
        .collect();
    format!("{safe}-{date}.kehu.json")
}

/// The JSON Schema of the workbook file, generated from these types
/// (`docs/workbook.schema.json` holds a copy that a test keeps current).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Workbook);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_survives_an_import() {
        let li = Owner { name: "李明".into(), class: "电商2301".into(), student_id: "230101".into() };
        let zhang = Owner { name: "张华".into(), class: "电商2301".into(), student_id: "230102".into() };
        let take = |o: &Owner| OwnerOnImport::Take(o.clone());
        // A fresh browser: both a merge and a replace take the file's owner.
        assert_eq!(owner_on_import(None, Some(&li), false), take(&li));
        assert_eq!(owner_on_import(None, Some(&li), true), take(&li));
        assert_eq!(owner_on_import(Some(&Owner::default()), Some(&li), false), take(&li));
        // The same student at home: nothing to ask.
        let li_other_class = Owner { class: "电商2302".into(), ..li.clone() };
        assert_eq!(owner_on_import(Some(&li_other_class), Some(&li), false), OwnerOnImport::Keep);
        // Someone else's file merged: asked; replaced: taken.
        assert_eq!(
            owner_on_import(Some(&li), Some(&zhang), false),
            OwnerOnImport::Ask { book: li.clone(), file: zhang.clone() }
        );
        assert_eq!(owner_on_import(Some(&li), Some(&zhang), true), take(&zhang));
        // A file without an owner never erases the book's.
        assert_eq!(owner_on_import(Some(&li), None, true), OwnerOnImport::Keep);
        assert_eq!(owner_on_import(Some(&li), Some(&Owner::default()), true), OwnerOnImport::Keep);
    }

    #[test]
    fn file_name_carries_owner_and_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(export_file_name(None, d), "kehu-2026-11-26.kehu.json");
        let o = Owner { name: "张三".into(), class: "电商2301".into(), student_id: "2023001".into() };
        assert_eq!(export_file_name(Some(&o), d), "张三-电商2301-2023001-2026-11-26.kehu.json");
        let odd = Owner { name: "a/b c".into(), ..Owner::default() };
        assert_eq!(export_file_name(Some(&odd), d), "a_b_c-2026-11-26.kehu.json");
        let nameless = Owner { class: "x".into(), ..Owner::default() };
        assert_eq!(export_file_name(Some(&nameless), d), "kehu-2026-11-26.kehu.json");
    }
}
