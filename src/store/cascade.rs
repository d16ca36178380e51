//! What deleting a record does to the records that refer to it, and what merging two
//! customers does to theirs: both generated from the references each collection
//! declares in [`crate::for_each_collection`], and each written in one transaction,
//! so a tab closed half way never leaves a reference to a record that is gone.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::collection::{by_shard, Change};
use super::table::shard_of;
use super::together::{write_together, PendingWrite};
use super::Stores;
use crate::model::{Customer, Id, Record};
use crate::store::StoreError;

/// What a cascade writes to one collection: records to delete and records to save.
///
/// The records to save sit in a list, found by id through a map from id to place: one
/// map type for every collection, where a `BTreeMap<Id, T>` per record type put a copy
/// of the map's insert, remove and rebalancing code in the bundle for each of them
/// (about 90 KB of wasm in all).
struct Pending<T> {
    delete: BTreeSet<Id>,
    places: BTreeMap<Id, usize>,
    put: Vec<Option<T>>,
}

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending { delete: BTreeSet::new(), places: BTreeMap::new(), put: Vec::new() }
    }
}

impl<T: Record> Pending<T> {
    /// `record` as this cascade has it so far (changed by an earlier step, or as stored).
    fn current(&self, record: &T) -> T {
        self.places.get(record.id()).and_then(|&i| self.put[i].clone()).unwrap_or_else(|| record.clone())
    }

    /// Keeps `record` as it is, in place of any earlier version.
    fn keep(&mut self, record: T) {
        match self.places.get(record.id()) {
            Some(&i) => self.put[i] = Some(record),
            None => {
                self.places.insert(Id::from(record.id()), self.put.len());
                self.put.push(Some(record));
            }
        }
    }

    /// Keeps `record`, changed, stamped `now` (never before its creation).
    fn change(&mut self, mut record: T, now: DateTime<Utc>) {
        let at = now.max(record.updated_at());
        record.touch(at);
        self.keep(record);
    }

    /// Deletes record `id` (and forgets any change to it).
    fn remove(&mut self, id: &str) {
        if let Some(i) = self.places.remove(id) {
            self.put[i] = None;
        }
        self.delete.insert(Id::from(id));
    }

    /// The changes to write, grouped by shard.
    fn into_changes(self) -> BTreeMap<u32, Vec<Change<T>>> {
        let mut changes = by_shard(self.put.into_iter().flatten().collect());
        for id in self.delete {
            changes.entry(shard_of(&id)).or_default().push(Change { id: id.to_string(), new: None, based_on: None });
        }
        changes
    }
}

/// Whether the reference `$value` of kind `$kind` names one of `$gone`.
macro_rules! refers {
    (one, $value:expr, $gone:expr) => {
        $gone.contains($value.as_str())
    };
    (maybe, $value:expr, $gone:expr) => {
        !$value.is_empty() && $gone.contains($value.as_str())
    };
    (many, $value:expr, $gone:expr) => {
        $value.iter().any(|id| $gone.contains(id.as_str()))
    };
}

macro_rules! define_cascade {
    ($($name:ident: $ty:ty [since $since:literal $(, $later:ident)? $(; $field:ident $kind:ident -> $($target:ident)|+ $action:ident)*] => $doc:literal,)*) => {
        /// Everything one cascade writes, per collection.
        #[derive(Default)]
        struct Cascade {
            $($name: Pending<$ty>,)*
        }

        impl Cascade {
            /// Deletes `ids` of `collection` and follows every declared reference to
            /// them, and to what their deletion takes along, to its end.
            fn delete(&mut self, stores: &Stores, collection: &'static str, ids: BTreeSet<Id>, now: DateTime<Utc>) -> Result<(), StoreError> {
                let mut work = vec![(collection, ids)];
                while let Some((target, gone)) = work.pop() {
                    let gone: BTreeSet<&str> = gone.iter().map(|id| id.as_str()).collect();
                    match target {
                        $(stringify!($name) => gone.iter().for_each(|id| {
                            self.$name.remove(id);
                        }),)*
                        _ => {}
                    }
                    $($(
                        if [$(stringify!($target)),+].contains(&target) {
                            let pending = &mut self.$name;
                            let deleted = stores.$name.with_untracked(|t| {
                                // Only a reference that deletes adds to it.
                                #[allow(unused_mut)]
                                let mut deleted = BTreeSet::new();
                                for r in t.iter() {
                                    if pending.delete.contains(r.id()) || !refers!($kind, r.$field, gone) {
                                        continue;
                                    }
                                    on_delete!($action, $kind, $field, r, t, gone, pending, deleted, now, target);
                                }
                                Ok::<_, StoreError>(deleted)
                            })?;
                            if !deleted.is_empty() {
                                work.push((stringify!($name), deleted));
                            }
                        }
                    )*)*
                }
                Ok(())
            }

            /// Points every declared reference to one of the customers `gone` at
            /// customer `to` instead.
            fn repoint_customers(&mut self, stores: &Stores, gone: &BTreeSet<&str>, to: &Id, now: DateTime<Utc>) {
                $($(
                    if [$(stringify!($target)),+][..] == ["customers"][..] {
                        let pending = &mut self.$name;
                        stores.$name.with_untracked(|t| {
                            for r in t.iter() {
                                if refers!($kind, r.$field, gone) {
                                    let mut r = pending.current(r);
                                    repoint!($kind, r.$field, gone, to);
                                    pending.change(r, now);
                                }
                            }
                        });
                    }
                )*)*
            }

            /// The writes, one per collection that changes.
            fn into_writes(self, stores: &Stores) -> Vec<Box<dyn PendingWrite>> {
                let mut writes: Vec<Box<dyn PendingWrite>> = Vec::new();
                $(
                    let changes = self.$name.into_changes();
                    if !changes.is_empty() {
                        writes.push(Box::new(stores.$name.prepare(changes)));
                    }
                )*
                writes
            }
        }
    };
}

/// Applies what deleting the target does to one referring record `$r`.
macro_rules! on_delete {
    (delete, $kind:ident, $field:ident, $r:ident, $t:ident, $gone:ident, $pending:ident, $deleted:ident, $now:ident, $target:ident) => {
        $pending.remove($r.id());
        $deleted.insert(Id::from($r.id()));
    };
    (clear, $kind:ident, $field:ident, $r:ident, $t:ident, $gone:ident, $pending:ident, $deleted:ident, $now:ident, $target:ident) => {
        let mut r = $pending.current($r);
        r.$field = Id::empty();
        $pending.change(r, $now);
    };
    (drop, $kind:ident, $field:ident, $r:ident, $t:ident, $gone:ident, $pending:ident, $deleted:ident, $now:ident, $target:ident) => {
        let mut r = $pending.current($r);
        r.$field.retain(|id| !$gone.contains(id.as_str()));
        $pending.change(r, $now);
    };
    // The record moves up to the nearest ancestor that stays (a reference within its
    // own collection: the org chart).
    (lift, $kind:ident, $field:ident, $r:ident, $t:ident, $gone:ident, $pending:ident, $deleted:ident, $now:ident, $target:ident) => {
        let mut r = $pending.current($r);
        let mut up = r.$field.clone();
        while $gone.contains(up.as_str()) {
            up = $t.get(&up).map(|p| p.$field.clone()).unwrap_or_default();
        }
        r.$field = up;
        $pending.change(r, $now);
    };
    (restrict, $kind:ident, $field:ident, $r:ident, $t:ident, $gone:ident, $pending:ident, $deleted:ident, $now:ident, $target:ident) => {
        return Err(StoreError::InUse { collection: $target, by: stringify!($field) });
    };
}

/// Points the reference `$value` of kind `$kind` at `$to` where it names one of `$gone`.
macro_rules! repoint {
    (one, $value:expr, $gone:expr, $to:expr) => {
        $value = $to.clone()
    };
    (maybe, $value:expr, $gone:expr, $to:expr) => {
        $value = $to.clone()
    };
    (many, $value:expr, $gone:expr, $to:expr) => {{
        let mut seen = BTreeSet::new();
        $value = $value
            .iter()
            .map(|id| if $gone.contains(id.as_str()) { $to.clone() } else { id.clone() })
            .filter(|id| seen.insert(id.clone()))
            .collect();
    }};
}

crate::for_each_collection!(define_cascade);

impl Stores {
    /// Deletes records of `collection` for good, with what depends on them as each
    /// collection declares ([`crate::for_each_collection`]): a customer takes its
    /// service records, orders, tickets… with it, its survey answers and calls keep no
    /// link, and it leaves the event plans' invitees; a service record or ticket leaves
    /// its callbacks following nothing; a unit's reports move up to its parent; a stage
    /// in use is refused ([`StoreError::InUse`]). Everything in one transaction.
    pub async fn delete_forever(&self, collection: &str, ids: &[impl AsRef<str>]) -> Result<(), StoreError> {
        // The dependents are found in memory, so every collection must be there.
        self.until_all_loaded().await;
        let Some(collection) = crate::model::Collections::NAMES.iter().find(|n| **n == collection) else {
            return Err(StoreError::Other(format!("no collection {collection}")));
        };
        let mut cascade = Cascade::default();
        cascade.delete(self, collection, ids.iter().map(|id| Id::from(id.as_ref())).collect(), Utc::now())?;
        write_together(self.db, cascade.into_writes(self)).await
    }

    /// Merges duplicate customers into `keep` (already holding the chosen values):
    /// every record that refers to one of the `others` refers to `keep` instead, and
    /// the others go to the trash, all in one transaction.
    pub async fn merge_customers(&self, keep: Customer, others: &[impl AsRef<str>]) -> Result<(), StoreError> {
        self.until_all_loaded().await;
        let gone: BTreeSet<&str> = others.iter().map(AsRef::as_ref).collect();
        let now = Utc::now();
        let mut cascade = Cascade::default();
        cascade.repoint_customers(self, &gone, &keep.id, now);
        let trashed: Vec<Customer> = self.customers.with_untracked(|t| {
            gone.iter()
                .filter_map(|id| t.get(id).cloned())
                .map(|mut c| {
                    c.set_deleted_at(Some(now));
                    c
                })
                .collect()
        });
        for c in trashed {
            cascade.customers.change(c, now);
        }
        cascade.customers.keep(keep);
        write_together(self.db, cascade.into_writes(self)).await
    }
}
