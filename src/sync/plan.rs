//! What a sync does with each record: the decision when the server's version of a
//! record arrives, and the conflict rule.
//!
//! A record is in conflict when it changed on this device since the last sync and the
//! server's version changed too (another device's edit). The rule is the workbook
//! merge's: the newer `updated_at` wins; a tie goes to the record whose JSON text is
//! greater, so every device picks the same winner. The loser is never dropped: it is
//! kept in the list of sync conflicts, where the user can put it back.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Record;

/// What this device last exchanged with the server for one document: the revision and
/// the record's `updated_at` then (`None` once it was deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    /// The document's revision on the server.
    pub rev: String,
    /// The record's `updated_at` in that revision.
    pub updated_at: DateTime<Utc>,
}

/// Which side of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// This device's version.
    Local,
    /// The server's version (another device's edit).
    Remote,
}

/// The winner of two versions of one record by the merge rule.
pub fn winner<T: Record>(local: &T, remote: &T) -> Side {
    match remote.updated_at().cmp(&local.updated_at()) {
        Ordering::Greater => Side::Remote,
        Ordering::Less => Side::Local,
        Ordering::Equal => {
            let text = |r: &T| serde_json::to_string(r).unwrap_or_default();
            if text(remote) > text(local) {
                Side::Remote
            } else {
                Side::Local
            }
        }
    }
}

/// The winner among versions of one record held as JSON (the server's own conflict
/// branches, `_conflicts`): the index of the one the merge rule keeps: the latest
/// `updated_at`, a tie to the greater JSON text. `None` for no versions.
pub fn winner_of(versions: &[&Value]) -> Option<usize> {
    let stamp = |v: &Value| v.get("updated_at").and_then(Value::as_str).and_then(|s| s.parse::<DateTime<Utc>>().ok());
    (0..versions.len()).max_by(|&a, &b| {
        let (va, vb) = (versions[a], versions[b]);
        stamp(va).cmp(&stamp(vb)).then_with(|| va.to_string().cmp(&vb.to_string()))
    })
}

/// What to do with the server's version of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// This device already holds exactly it: only remember the revision.
    Same,
    /// Take it: this device did not change the record since the last sync.
    Take,
    /// Take it: both changed, the server's version wins; this device's is the loser.
    TakeOverLocal,
    /// Keep this device's version: both changed and it wins (it is sent next, on top of
    /// the server's revision); the server's version is the loser.
    KeepLocal,
    /// Both changed, and this device deleted the record forever: the deletion stands
    /// (it is sent next) and the server's version is the loser.
    KeepDeletion,
}

impl Decision {
    /// Whether the two versions were in conflict (a loser is listed).
    pub fn is_conflict(self) -> bool {
        matches!(self, Decision::TakeOverLocal | Decision::KeepLocal | Decision::KeepDeletion)
    }
}

/// Decides for the server's version `remote` of a record, given this device's version
/// (`None` when it has none) and what was last synced of it (`None` if never).
pub fn decide<T: Record>(local: Option<&T>, synced: Option<&Synced>, remote: &T) -> Decision {
    let Some(local) = local else {
        // Never here: new from another device. Synced before and gone now: deleted
        // forever on this device meanwhile, and a deletion stands.
        return if synced.is_some() { Decision::KeepDeletion } else { Decision::Take };
    };
    if local == remote {
        return Decision::Same;
    }
    if synced.is_some_and(|s| s.updated_at == local.updated_at()) {
        return Decision::Take;
    }
    match winner(local, remote) {
        Side::Remote => Decision::TakeOverLocal,
        Side::Local => Decision::KeepLocal,
    }
}

/// What to do when the server deleted a record forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletedDecision {
    /// This device does not have it: nothing to do.
    Nothing,
    /// Delete it here too.
    Delete,
    /// Delete it here too, though this device changed it since: the change is listed
    /// as a conflict's loser, so it can be put back.
    DeleteOverLocal,
}

/// Decides for a record the server deleted, given this device's version and what was
/// last synced of it. A deletion stands on every device.
pub fn decide_deleted<T: Record>(local: Option<&T>, synced: Option<&Synced>) -> DeletedDecision {
    match local {
        None => DeletedDecision::Nothing,
        Some(l) if synced.is_some_and(|s| s.updated_at == l.updated_at()) => DeletedDecision::Delete,
        Some(_) => DeletedDecision::DeleteOverLocal,
    }
}

/// A record both sides changed before they synced: the version that won (now in the
/// book, or `None` when the record was deleted) and the one that lost, kept so the user
/// can put it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncConflict {
    /// The record's collection.
    pub collection: String,
    /// The record's id.
    pub id: String,
    /// The record's summary (a name, a title).
    pub summary: String,
    /// When the conflict was found.
    pub found_at: DateTime<Utc>,
    /// Whose version lost.
    pub loser_side: Side,
    /// The version that won, as in the workbook file; `None` if the record was deleted.
    pub winner: Option<Value>,
    /// The version that lost; `None` if the losing side had deleted the record.
    pub loser: Option<Value>,
}

impl SyncConflict {
    /// The conflict of `decision` between `local` and `remote` (either may be absent,
    /// as a deletion), or `None` when there was none.
    pub fn of<T: Record>(local: Option<&T>, remote: Option<&T>, loser_side: Side, now: DateTime<Utc>) -> Self {
        // Through its text: `to_value` would add a second copy of every record type's
        // writer to the bundle.
        let value = |r: Option<&T>| {
            r.and_then(|r| serde_json::to_string(r).ok()).and_then(|t| serde_json::from_str::<Value>(&t).ok())
        };
        let (winner, loser) = match loser_side {
            Side::Local => (remote, local),
            Side::Remote => (local, remote),
        };
        let any = local.or(remote);
        SyncConflict {
            collection: T::COLLECTION.to_owned(),
            id: any.map(|r| r.id().to_owned()).unwrap_or_default(),
            summary: any.map(Record::summary).unwrap_or_default(),
            found_at: now,
            loser_side,
            winner: value(winner),
            loser: value(loser),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;
    use serde_json::json;

    fn customer(name: &str, updated: &str) -> Customer {
        serde_json::from_value(json!({
            "id": "c1", "name": name,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": updated
        }))
        .unwrap()
    }

    fn synced_at(updated: &str) -> Synced {
        Synced { rev: "1-a".into(), updated_at: updated.parse().unwrap() }
    }

    #[test]
    fn the_newer_edit_wins_and_a_tie_goes_the_same_way_on_both_devices() {
        let morning = customer("赵丽（上午）", "2026-03-01T09:00:00Z");
        let noon = customer("赵丽（中午）", "2026-03-01T12:00:00Z");
        assert_eq!(winner(&morning, &noon), Side::Remote);
        assert_eq!(winner(&noon, &morning), Side::Local);
        // Same second on both devices: "赵丽B" > "赵丽A" as JSON text, whichever side
        // holds it, so device A and device B pick the same record.
        let a = customer("赵丽A", "2026-03-01T12:00:00Z");
        let b = customer("赵丽B", "2026-03-01T12:00:00Z");
        assert_eq!(winner(&a, &b), Side::Remote);
        assert_eq!(winner(&b, &a), Side::Local);
    }

    #[test]
    fn an_edit_on_one_device_only_is_taken_whatever_its_clock_says() {
        // This device has not touched the record since the last sync (its updated_at is
        // the synced one); the other device's clock is behind, yet its edit is the only
        // edit and is taken.
        let here = customer("赵丽", "2026-03-01T12:00:00Z");
        let there = customer("赵丽（改）", "2026-03-01T11:00:00Z");
        assert_eq!(decide(Some(&here), Some(&synced_at("2026-03-01T12:00:00Z")), &there), Decision::Take);
        // Never seen here: taken.
        assert_eq!(decide(None, None, &there), Decision::Take);
        // Exactly what this device holds: nothing to write.
        assert_eq!(decide(Some(&here), None, &here.clone()), Decision::Same);
    }

    #[test]
    fn both_devices_edited_is_a_conflict_decided_by_the_rule() {
        let synced = synced_at("2026-03-01T08:00:00Z");
        let here = customer("赵丽（本机）", "2026-03-01T10:00:00Z");
        let there = customer("赵丽（手机）", "2026-03-01T11:00:00Z");
        let d = decide(Some(&here), Some(&synced), &there);
        assert_eq!(d, Decision::TakeOverLocal);
        assert!(d.is_conflict());
        assert_eq!(decide(Some(&there), Some(&synced), &here), Decision::KeepLocal);
        // Deleted forever here after the last sync, edited there: the deletion stands.
        assert_eq!(decide(None, Some(&synced), &there), Decision::KeepDeletion);
    }

    #[test]
    fn a_deletion_on_the_server_stands_and_a_local_edit_is_kept_as_the_loser() {
        let synced = synced_at("2026-03-01T08:00:00Z");
        let untouched = customer("赵丽", "2026-03-01T08:00:00Z");
        let edited = customer("赵丽（改）", "2026-03-01T09:00:00Z");
        assert_eq!(decide_deleted(Some(&untouched), Some(&synced)), DeletedDecision::Delete);
        assert_eq!(decide_deleted(Some(&edited), Some(&synced)), DeletedDecision::DeleteOverLocal);
        assert_eq!(decide_deleted::<Customer>(None, Some(&synced)), DeletedDecision::Nothing);
    }

    #[test]
    fn the_servers_own_conflict_branches_are_decided_by_the_same_rule() {
        let v = |name: &str, at: &str| json!({"id": "c1", "name": name, "updated_at": at});
        let a = v("甲", "2026-03-01T09:00:00Z");
        let b = v("乙", "2026-03-01T11:00:00Z");
        let c = v("丙", "2026-03-01T10:00:00Z");
        assert_eq!(winner_of(&[&a, &b, &c]), Some(1));
        assert_eq!(winner_of(&[&c, &a, &b]), Some(2));
        // A tie: the greater text, wherever it stands.
        let x = v("x", "2026-03-01T11:00:00Z");
        assert_eq!(winner_of(&[&x, &b]), Some(1));
        assert_eq!(winner_of(&[&b, &x]), Some(0));
        assert_eq!(winner_of(&[]), None);
    }

    #[test]
    fn a_conflict_keeps_both_versions() {
        let here = customer("赵丽（本机）", "2026-03-01T10:00:00Z");
        let there = customer("赵丽（手机）", "2026-03-01T11:00:00Z");
        let now = "2026-03-02T00:00:00Z".parse().unwrap();
        let c = SyncConflict::of(Some(&here), Some(&there), Side::Local, now);
        assert_eq!(c.winner.as_ref().unwrap()["name"], "赵丽（手机）");
        assert_eq!(c.loser.as_ref().unwrap()["name"], "赵丽（本机）");
        assert_eq!((c.collection.as_str(), c.id.as_str()), ("customers", "c1"));
        let gone = SyncConflict::of(Some(&here), None, Side::Local, now);
        assert_eq!(gone.winner, None);
        assert_eq!(gone.loser.unwrap()["name"], "赵丽（本机）");
    }
}
