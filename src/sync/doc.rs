//! One CouchDB document per record: `_id` is `<collection>:<record id>` and the record
//! sits unchanged under `record`, so its field names never meet CouchDB's own `_`
//! fields. Deleting a record forever is a CouchDB deletion (a tombstone); moving it to
//! the trash is an ordinary update of its `deleted_at`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Collections, Record};

/// The value of a Kehu record document's `kehu` field.
pub const RECORD_KIND: &str = "record";

/// The CouchDB document id of record `id` of `collection`.
pub fn doc_id(collection: &str, id: &str) -> String {
    format!("{collection}:{id}")
}

/// The collection (one of [`Collections::NAMES`]) and record id of a document id, or
/// `None` when the id is not a Kehu record's.
pub fn split_doc_id(doc_id: &str) -> Option<(&'static str, &str)> {
    let (collection, id) = doc_id.split_once(':')?;
    let name = Collections::NAMES.iter().find(|n| **n == collection)?;
    (!id.is_empty()).then_some((name, id))
}

/// A record as the body of its CouchDB document.
#[derive(Serialize)]
pub struct RecordDoc<'a, T: Serialize> {
    /// `<collection>:<id>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// The revision this write replaces (`None` for a document new to the server).
    #[serde(rename = "_rev", skip_serializing_if = "Option::is_none")]
    pub rev: Option<&'a str>,
    /// Always [`RECORD_KIND`]: tells Kehu's documents from others in a shared database.
    pub kehu: &'static str,
    /// The record's collection.
    pub collection: &'static str,
    /// The record exactly as in the workbook file.
    pub record: &'a T,
}

impl<'a, T: Record> RecordDoc<'a, T> {
    /// The document of `record`, replacing revision `rev`.
    pub fn of(record: &'a T, rev: Option<&'a str>) -> Self {
        RecordDoc { id: doc_id(T::COLLECTION, record.id()), rev, kehu: RECORD_KIND, collection: T::COLLECTION, record }
    }
}

/// The deletion of a document (a record deleted forever).
#[derive(Serialize)]
pub struct Tombstone<'a> {
    /// The document id.
    #[serde(rename = "_id")]
    pub id: &'a str,
    /// The revision deleted.
    #[serde(rename = "_rev")]
    pub rev: &'a str,
    /// Always `true`.
    #[serde(rename = "_deleted")]
    pub deleted: bool,
}

/// One row of a `_changes` feed (`include_docs=true`) or of `_all_docs`.
#[derive(Debug, Clone, Deserialize)]
pub struct RemoteChange {
    /// The document id.
    pub id: String,
    /// Whether the document is deleted.
    #[serde(default)]
    pub deleted: bool,
    /// The document, when it was asked for.
    #[serde(default)]
    pub doc: Option<Value>,
}

/// What a document of the server is to Kehu.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteDoc {
    /// A record's document: its collection, id, current revision, the record's JSON
    /// and the revisions in conflict with it on the server (`_conflicts`).
    Record {
        /// The record's collection.
        collection: &'static str,
        /// The record's id.
        id: String,
        /// The document's revision.
        rev: String,
        /// The record, not yet read as its type.
        record: Value,
        /// Revisions the server holds in conflict with this one.
        conflicts: Vec<String>,
    },
    /// A record's document deleted on the server.
    Deleted {
        /// The record's collection.
        collection: &'static str,
        /// The record's id.
        id: String,
        /// The tombstone's revision, when known.
        rev: Option<String>,
    },
    /// A design document or Kehu's own bookkeeping: not a record, not a problem.
    Ignored,
    /// A document that claims to be, or sits where, a record would, but is not one.
    Bad(BadDoc),
}

/// A document of the server that is not a valid record: skipped and listed, never
/// written over a local record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BadDoc {
    /// The document's id.
    pub doc_id: String,
    /// Why it was skipped.
    pub reason: BadDocReason,
}

/// Why a document of the server was skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum BadDocReason {
    /// Its id is not `<collection>:<id>` of a known collection, or it lacks `kehu`.
    #[error("not a Kehu record")]
    NotARecord,
    /// Its `collection` or its record's `id` does not match its document id.
    #[error("its id does not match its record")]
    IdMismatch,
    /// The record does not read as its collection's type.
    #[error("unreadable: {0}")]
    Unreadable(String),
    /// The record reads but breaks a rule of its fields.
    #[error("invalid field {field}")]
    Invalid {
        /// The first field at fault.
        field: String,
    },
}

impl RemoteChange {
    /// What this change is to Kehu.
    pub fn read(&self) -> RemoteDoc {
        if self.id.starts_with("_design/") || self.id.starts_with("_local/") || self.id.starts_with("kehu-") {
            return RemoteDoc::Ignored;
        }
        let rev = self.doc.as_ref().and_then(|d| d.get("_rev")).and_then(Value::as_str).map(str::to_owned);
        let Some((collection, id)) = split_doc_id(&self.id) else {
            if self.deleted {
                return RemoteDoc::Ignored;
            }
            return self.bad(BadDocReason::NotARecord);
        };
        if self.deleted || self.doc.as_ref().and_then(|d| d.get("_deleted")).and_then(Value::as_bool) == Some(true) {
            return RemoteDoc::Deleted { collection, id: id.to_owned(), rev };
        }
        let Some(doc) = &self.doc else { return self.bad(BadDocReason::NotARecord) };
        if doc.get("kehu").and_then(Value::as_str) != Some(RECORD_KIND) {
            return self.bad(BadDocReason::NotARecord);
        }
        let Some(record) = doc.get("record").filter(|r| r.is_object()) else {
            return self.bad(BadDocReason::NotARecord);
        };
        if doc.get("collection").and_then(Value::as_str) != Some(collection)
            || record.get("id").and_then(Value::as_str) != Some(id)
        {
            return self.bad(BadDocReason::IdMismatch);
        }
        let conflicts = doc
            .get("_conflicts")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        RemoteDoc::Record {
            collection,
            id: id.to_owned(),
            rev: rev.unwrap_or_default(),
            record: record.clone(),
            conflicts,
        }
    }

    fn bad(&self, reason: BadDocReason) -> RemoteDoc {
        RemoteDoc::Bad(BadDoc { doc_id: self.id.clone(), reason })
    }
}

/// Reads a record of type `T` from a document's `record`, checking every rule of its
/// fields: a document another program wrote is never taken on trust.
pub fn read_record<T: Record>(doc_id: &str, record: Value) -> Result<T, BadDoc> {
    let bad = |reason| BadDoc { doc_id: doc_id.to_owned(), reason };
    // Read from its text by the one record reader the app has (`workbook::read_record`):
    // `from_value` would add a second copy of every record type's reader to the bundle.
    let record: T =
        crate::workbook::read_record(&record.to_string()).map_err(|e| bad(BadDocReason::Unreadable(e.to_string())))?;
    if let Some(e) = record.validate().into_iter().next() {
        return Err(bad(BadDocReason::Invalid { field: e.field }));
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;
    use serde_json::json;

    fn customer() -> Customer {
        serde_json::from_value(json!({
            "id": "c1", "name": "赵丽", "phone": "13700137000",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-02-01T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn a_record_becomes_a_document_with_its_collection_in_the_id() {
        let c = customer();
        let doc = serde_json::to_value(RecordDoc::of(&c, Some("3-abc"))).unwrap();
        assert_eq!(doc["_id"], "customers:c1");
        assert_eq!(doc["_rev"], "3-abc");
        assert_eq!(doc["kehu"], "record");
        assert_eq!(doc["collection"], "customers");
        assert_eq!(doc["record"]["name"], "赵丽");
        // A new document carries no `_rev` at all (CouchDB refuses an empty one).
        let new = serde_json::to_value(RecordDoc::of(&c, None)).unwrap();
        assert!(new.get("_rev").is_none());
    }

    #[test]
    fn a_document_reads_back_as_the_same_record() {
        let c = customer();
        let doc = serde_json::to_value(RecordDoc::of(&c, Some("1-x"))).unwrap();
        let change = RemoteChange { id: "customers:c1".into(), deleted: false, doc: Some(doc) };
        let RemoteDoc::Record { collection, id, rev, record, .. } = change.read() else { panic!("not a record") };
        assert_eq!((collection, id.as_str(), rev.as_str()), ("customers", "c1", "1-x"));
        assert_eq!(read_record::<Customer>("customers:c1", record).unwrap(), c);
    }

    #[test]
    fn ids_split_only_for_known_collections() {
        assert_eq!(split_doc_id("orders:a:b"), Some(("orders", "a:b")));
        assert_eq!(split_doc_id("ordersx:a"), None);
        assert_eq!(split_doc_id("customers:"), None);
        assert_eq!(split_doc_id("plain"), None);
    }

    #[test]
    fn documents_other_programs_wrote_are_listed_not_taken() {
        let read = |id: &str, doc: Value| RemoteChange { id: id.into(), deleted: false, doc: Some(doc) }.read();
        assert_eq!(read("_design/kehu", json!({})), RemoteDoc::Ignored);
        let bad = |r: RemoteDoc| match r {
            RemoteDoc::Bad(b) => b.reason,
            other => panic!("taken: {other:?}"),
        };
        assert_eq!(bad(read("hello", json!({"a": 1}))), BadDocReason::NotARecord);
        assert_eq!(bad(read("customers:c1", json!({"name": "x"}))), BadDocReason::NotARecord);
        assert_eq!(
            bad(read("customers:c1", json!({"kehu": "record", "collection": "orders", "record": {"id": "c1"}}))),
            BadDocReason::IdMismatch
        );
        assert_eq!(
            bad(read("customers:c1", json!({"kehu": "record", "collection": "customers", "record": {"id": "c2"}}))),
            BadDocReason::IdMismatch
        );
        // Reads as a record document, but the record itself is not a customer.
        let RemoteDoc::Record { record, .. } = read(
            "customers:c1",
            json!({"kehu": "record", "collection": "customers", "record": {"id": "c1", "name": 5}}),
        ) else {
            panic!()
        };
        assert!(matches!(
            read_record::<Customer>("customers:c1", record).unwrap_err().reason,
            BadDocReason::Unreadable(_)
        ));
        // Reads as a customer but breaks a field rule.
        let mut c = serde_json::to_value(customer()).unwrap();
        c["email"] = json!("not an e-mail");
        assert_eq!(
            read_record::<Customer>("customers:c1", c).unwrap_err().reason,
            BadDocReason::Invalid { field: "email".into() }
        );
    }

    #[test]
    fn a_deleted_document_is_a_deletion_of_its_record() {
        let change = RemoteChange {
            id: "orders:o1".into(),
            deleted: true,
            doc: Some(json!({"_id": "orders:o1", "_rev": "2-d", "_deleted": true})),
        };
        assert_eq!(
            change.read(),
            RemoteDoc::Deleted { collection: "orders", id: "o1".into(), rev: Some("2-d".into()) }
        );
    }
}
