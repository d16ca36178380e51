//! A shard's read-modify-write as text: given the JSON array a shard holds and the
//! changes of a write, the shard's new JSON array. Pure (no browser), so it builds and
//! is tested on the host; the IndexedDB transaction that reads and puts the shards is
//! in `store::together`.
//!
//! Only each stored record's `id` and `updated_at` are parsed: a record the write does
//! not touch is copied as the text it was stored as (`docs/decisions.md`, "Storage
//! layout").

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap, FxHashSet};

/// A change as the shard sees it: the record's text (`None` deletes it) and the version
/// of it the change was based on.
#[derive(Debug, Clone)]
pub struct RawChange<'a> {
    /// The id of the record changed.
    pub id: &'a str,
    /// The record's text and its `updated_at` (known to the writer, so not parsed from
    /// the text); `None` deletes the record.
    pub json: Option<(Cow<'a, str>, DateTime<Utc>)>,
    /// The `updated_at` of the stored record the change was based on (`None`: there
    /// was no record with this id).
    pub seen: Option<DateTime<Utc>>,
}

/// A record's id and `updated_at`.
pub type Stamped = (String, DateTime<Utc>);

/// Why a shard was not rewritten.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    /// A change was based on another version than the one stored: nothing is written.
    #[error("the stored record is not the version the change was based on")]
    Conflict,
    /// The stored shard is no JSON array of records with an `id` and an `updated_at`.
    #[error(transparent)]
    Unreadable(#[from] serde_json::Error),
}

/// The id and stamp of a stored record, read without knowing its type.
#[derive(serde::Deserialize)]
struct Stamp<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "crate::model::stamp::read")]
    updated_at: DateTime<Utc>,
}

/// One shard's read-modify-write, on JSON text: each change is checked against the
/// `stored` version and applied. Returns the shard's new text (`None`: empty) and the
/// stamps of the stored records the changes left alone.
///
/// A record keeps its place in the shard when it is replaced; new records go at the
/// end, in the order of `changes`. A stored id written twice keeps its last text (as a
/// table read from it would).
pub fn rewrite_shard(
    changes: Vec<RawChange<'_>>,
    stored: Option<String>,
) -> Result<(Option<String>, Vec<Stamped>), RewriteError> {
    let stored: Vec<&serde_json::value::RawValue> = match &stored {
        Some(json) => serde_json::from_str(json)?,
        None => Vec::new(),
    };
    // The shard's records in order (`None` where one was deleted), and where each id is.
    let mut records: Vec<Option<(DateTime<Utc>, Cow<str>)>> = Vec::with_capacity(stored.len() + changes.len());
    let mut place: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    for raw in stored {
        let stamp: Stamp = serde_json::from_str(raw.get())?;
        let record = Some((stamp.updated_at, Cow::Borrowed(raw.get())));
        match place.get(&stamp.id) {
            Some(&i) => records[i] = record,
            None => {
                place.insert(stamp.id, records.len());
                records.push(record);
            }
        }
    }
    let stored_len = records.len();
    let changed: FxHashSet<&str> =
        if stored_len == 0 { FxHashSet::default() } else { changes.iter().map(|c| c.id).collect() };
    for change in changes {
        let i = place.get(change.id).copied();
        if i.and_then(|i| records[i].as_ref()).map(|(at, _)| *at) != change.seen {
            return Err(RewriteError::Conflict);
        }
        let record = change.json.map(|(json, at)| (at, json));
        match i {
            Some(i) => records[i] = record,
            None if record.is_some() => {
                place.insert(Cow::Borrowed(change.id), records.len());
                records.push(record);
            }
            None => {}
        }
    }
    let kept = place
        .iter()
        .filter(|(id, &i)| i < stored_len && !changed.contains(id.as_ref()))
        .filter_map(|(id, &i)| records[i].as_ref().map(|(at, _)| (id.clone().into_owned(), *at)))
        .collect();
    let mut texts = records.iter().flatten().map(|(_, json)| json.as_ref()).peekable();
    if texts.peek().is_none() {
        return Ok((None, kept));
    }
    let mut out = String::with_capacity(records.iter().flatten().map(|(_, json)| json.len() + 1).sum::<usize>() + 1);
    out.push('[');
    for (i, json) in texts.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(json);
    }
    out.push(']');
    Ok((Some(out), kept))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::BTreeMap;

    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    /// A record as stored: an id, a stamp and a value that tells versions apart.
    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Rec {
        id: String,
        updated_at: DateTime<Utc>,
        v: u32,
    }

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap() + chrono::Duration::minutes(i64::from(minute))
    }

    fn rec(id: u8, minute: u32, v: u32) -> Rec {
        Rec { id: format!("r{id}"), updated_at: at(minute), v }
    }

    fn text(records: &[Rec]) -> Option<String> {
        (!records.is_empty()).then(|| serde_json::to_string(records).unwrap())
    }

    fn read(json: &Option<String>) -> Vec<Rec> {
        json.as_deref().map(|j| serde_json::from_str(j).unwrap()).unwrap_or_default()
    }

    /// What the write does to one id: put a new version, or delete it.
    #[derive(Debug, Clone)]
    enum Op {
        Put(u32, u32),
        Delete,
    }

    /// A stored shard of distinct ids, and changes to distinct ids (some stored, some new).
    fn shard_and_changes() -> impl Strategy<Value = (Vec<Rec>, BTreeMap<u8, Op>)> {
        let stored = prop::collection::btree_map(0..40u8, (0..100u32, any::<u32>()), 0..20)
            .prop_map(|m| m.into_iter().map(|(id, (minute, v))| rec(id, minute, v)).collect::<Vec<_>>());
        let op = prop_oneof![3 => (100..200u32, any::<u32>()).prop_map(|(m, v)| Op::Put(m, v)), 1 => Just(Op::Delete)];
        (stored, prop::collection::btree_map(0..40u8, op, 0..20))
    }

    /// The changes of `ops`, each based on the version `stored` holds.
    fn changes<'a>(stored: &[Rec], ops: &'a BTreeMap<u8, Op>, ids: &'a [String]) -> Vec<RawChange<'a>> {
        ops.iter()
            .zip(ids)
            .map(|((&id, op), name)| {
                let seen = stored.iter().find(|r| r.id == *name).map(|r| r.updated_at);
                let json = match op {
                    Op::Put(minute, v) => {
                        let r = rec(id, *minute, *v);
                        Some((Cow::Owned(serde_json::to_string(&r).unwrap()), r.updated_at))
                    }
                    Op::Delete => None,
                };
                RawChange { id: name, json, seen }
            })
            .collect()
    }

    proptest! {
        /// The new shard holds the stored records the write left alone, in their
        /// places, and the written ones; deleted ones are gone; nothing else is lost.
        #[test]
        fn a_rewrite_keeps_the_old_and_takes_the_new((stored, ops) in shard_and_changes()) {
            let ids: Vec<String> = ops.keys().map(|id| format!("r{id}")).collect();
            let (json, kept) = rewrite_shard(changes(&stored, &ops, &ids), text(&stored)).unwrap();
            let mut expected: Vec<Rec> = Vec::new();
            for r in &stored {
                let id: u8 = r.id[1..].parse().unwrap();
                match ops.get(&id) {
                    None => expected.push(r.clone()),
                    Some(Op::Put(minute, v)) => expected.push(rec(id, *minute, *v)),
                    Some(Op::Delete) => {}
                }
            }
            for (&id, op) in &ops {
                if let (Op::Put(minute, v), false) = (op, stored.iter().any(|r| r.id == format!("r{id}"))) {
                    expected.push(rec(id, *minute, *v));
                }
            }
            prop_assert_eq!(read(&json), expected.clone());
            prop_assert_eq!(json.is_none(), expected.is_empty());
            let mut kept = kept;
            kept.sort();
            let mut untouched: Vec<Stamped> = stored
                .iter()
                .filter(|r| !ids.contains(&r.id))
                .map(|r| (r.id.clone(), r.updated_at))
                .collect();
            untouched.sort();
            prop_assert_eq!(kept, untouched);
        }

        /// A change based on a version that is not the stored one refuses the whole
        /// shard, however many other changes are right.
        #[test]
        fn a_stale_base_refuses_the_shard((stored, ops) in shard_and_changes(), pick in any::<prop::sample::Index>()) {
            prop_assume!(!ops.is_empty());
            let ids: Vec<String> = ops.keys().map(|id| format!("r{id}")).collect();
            let mut list = changes(&stored, &ops, &ids);
            let stale = pick.index(list.len());
            list[stale].seen = Some(at(500));
            prop_assert!(matches!(rewrite_shard(list, text(&stored)), Err(RewriteError::Conflict)));
        }
    }

    #[test]
    fn an_unreadable_shard_is_refused() {
        let change = || RawChange { id: "r1", json: None, seen: None };
        for stored in ["", "{", "[1]", r#"[{"id":"r1"}]"#, r#"[{"id":"r1","updated_at":"yesterday"}]"#] {
            let answer = rewrite_shard(vec![change()], Some(stored.to_owned()));
            assert!(matches!(answer, Err(RewriteError::Unreadable(_))), "{stored}");
        }
    }

    #[test]
    fn an_id_stored_twice_keeps_its_last_text() {
        let stored = r#"[{"id":"r1","updated_at":"2026-03-01T08:00:00Z","v":1},{"id":"r2","updated_at":"2026-03-01T08:00:00Z","v":2},{"id":"r1","updated_at":"2026-03-01T08:05:00Z","v":3}]"#;
        let (json, kept) = rewrite_shard(Vec::new(), Some(stored.to_owned())).unwrap();
        assert_eq!(read(&json), vec![rec(1, 5, 3), rec(2, 0, 2)]);
        assert_eq!(kept.len(), 2);
    }
}
