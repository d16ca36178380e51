//! One collection: its records in memory as a reactive [`Table`], kept equal to what
//! IndexedDB holds. It is read in slices, follows other tabs' changes to it, and
//! writes through [`super::together`]: the IndexedDB transaction commits first, then
//! the table changes, then other tabs are told.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::channel::oneshot;
use leptos::prelude::*;
use rustc_hash::FxHashSet;

use super::db::{mark, Db, DbInner, ShardListener};
use super::shard::Stamped;
use super::table::{shard_of, Table, SHARDS};
use super::together::{write_locked, write_together, Along, PendingWrite, PreparedWrite, SeenChange, Write};
use super::StoreError;
use crate::model::Record;
use crate::workbook::{CollectionTexts, MergeAction, RecordTexts};

fn to_json<'a, T: Record + 'a>(records: impl Iterator<Item = &'a T>) -> String {
    let v: Vec<&T> = records.collect();
    serde_json::to_string(&v).expect("records always serialise")
}

async fn until_loaded(db: Db, loaded: RwSignal<bool>, collection: &'static str) {
    if loaded.get_untracked() {
        return;
    }
    let Some(inner) = db.inner.try_get_value() else { return };
    let (tx, rx) = oneshot::channel();
    inner.waiting.borrow_mut().push((collection, tx));
    drop(inner);
    let _ = rx.await;
}

fn parse_shard<T: Record>(json: &str) -> Result<Vec<T>, StoreError> {
    crate::workbook::read_records(json)
        .map_err(|e| StoreError::Corrupt { collection: T::COLLECTION, detail: e.to_string() })
}

/// One collection: its records in memory as a reactive [`Table`], kept equal to what
/// IndexedDB holds.
pub struct Collection<T: Record + Send + Sync> {
    db: Db,
    pub(super) table: RwSignal<Table<T>>,
    /// Whether the table holds what the database held when it was read; until then
    /// it is empty and every write waits ([`Collection::until_loaded`]).
    loaded: RwSignal<bool>,
}

impl<T: Record + Send + Sync> Clone for Collection<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Record + Send + Sync> Copy for Collection<T> {}

impl<T: Record + Send + Sync> Collection<T> {
    /// A collection not read yet: empty, and writes wait until [`Self::load`] is done.
    pub(super) fn unloaded(db: Db) -> Self {
        Collection { db, table: RwSignal::new(Table::new()), loaded: RwSignal::new(false) }
    }

    /// A collection of `records` held in memory only.
    pub(super) fn in_memory(db: Db, records: Vec<T>) -> Self {
        Collection { db, table: RwSignal::new(Table::from_records(records)), loaded: RwSignal::new(true) }
    }

    /// Reads the whole collection from the database into memory and follows other
    /// tabs' changes to it. A shard that cannot be read is left out and reported in
    /// [`Db::problems`]; it stays untouched in the database (a write to it is refused).
    /// Whatever the outcome, the collection counts as loaded afterwards, so no write
    /// waits for ever; a write to a shard this tab could not read is refused as a
    /// conflict, never written over.
    pub(super) async fn load(self, in_slices: bool) -> Result<(), StoreError> {
        // Changes announced while loading are replayed after it, so none is lost
        // between the snapshot and the first message.
        let pending: Rc<RefCell<Option<BTreeSet<u32>>>> = Rc::new(RefCell::new(Some(BTreeSet::new())));
        let follow: ShardListener = {
            let pending = pending.clone();
            Rc::new(move |shards: Vec<u32>| {
                if let Some(p) = pending.borrow_mut().as_mut() {
                    p.extend(shards);
                    return;
                }
                self.follow(shards);
            })
        };
        let Some(inner) = self.db.inner.try_get_value() else { return Err(StoreError::VersionChanged) };
        inner.listeners.borrow_mut().push((T::COLLECTION, follow));
        let read = self.read_table(&inner, in_slices).await;
        let outcome = read.map(|table| self.table.set(table));
        mark(&format!("kehu:loaded:{}", T::COLLECTION));
        self.loaded.set(true);
        let waiting: Vec<_> = {
            let mut w = inner.waiting.borrow_mut();
            let (mine, others) = std::mem::take(&mut *w).into_iter().partition(|(c, _)| *c == T::COLLECTION);
            *w = others;
            mine
        };
        for (_, tx) in waiting {
            let _ = tx.send(());
        }
        let missed = pending.borrow_mut().take().unwrap_or_default();
        if !missed.is_empty() {
            self.follow(missed.into_iter().collect());
        }
        outcome
    }

    /// Reads every shard, `in_slices` of 16 shards so the text of no more than one
    /// slice is held at once besides the records (WebAssembly memory never shrinks, so
    /// its peak is what the tab keeps), or all in one request.
    async fn read_table(&self, inner: &DbInner, in_slices: bool) -> Result<Table<T>, StoreError> {
        // One request is fastest; slices keep the peak low for the long histories.
        let mut table = Table::new();
        let idb = Db::idb(inner)?;
        let ranges = if in_slices {
            // The shards there are, 16 to a range: one request per 16 shards stored
            // (none for an empty collection), not one per shard there could be.
            let keys = idb.shard_keys(T::COLLECTION).await?;
            keys.chunks(16).map(|c| Some(c[0]..c[c.len() - 1].saturating_add(1))).collect()
        } else {
            vec![None]
        };
        for range in ranges {
            let texts = idb.read_all(T::COLLECTION, range).await?;
            mark(&format!("kehu:read:{}", T::COLLECTION));
            for json in texts {
                match parse_shard::<T>(&json) {
                    Ok(records) => records.into_iter().for_each(|r| {
                        table.insert(r);
                    }),
                    Err(e) => self.db.problems.update(|p| p.push(e)),
                }
            }
        }
        table.shrink_to_fit();
        Ok(table)
    }

    /// Whether the collection has been read from the database, tracked.
    pub fn is_loaded(&self) -> bool {
        self.loaded.get()
    }

    /// Waits until the collection has been read from the database.
    pub fn until_loaded(&self) -> impl std::future::Future<Output = ()> {
        // Not generic, so the waiting is compiled once, not once per record type.
        until_loaded(self.db, self.loaded, T::COLLECTION)
    }

    fn follow(self, shards: Vec<u32>) {
        leptos::task::spawn_local(async move {
            if let Err(e) = self.reload_shards(&shards).await {
                leptos::logging::warn!("could not follow another tab's change: {e}");
            }
        });
    }

    /// Re-reads `shards` from the database into memory.
    pub(super) async fn reload_shards(&self, shards: &[u32]) -> Result<(), StoreError> {
        let fresh = Db::idb(&self.db.inner())?.read_shards(T::COLLECTION, shards).await?;
        self.apply(fresh)
    }

    fn apply(&self, shards: Vec<(u32, Option<String>)>) -> Result<(), StoreError> {
        let mut parsed = Vec::with_capacity(shards.len());
        for (b, json) in shards {
            parsed.push((b, json.as_deref().map(parse_shard::<T>).transpose()?.unwrap_or_default()));
        }
        self.table.update(|t| {
            for (b, records) in parsed {
                t.replace_shard(b, records);
            }
        });
        Ok(())
    }

    /// Reads the table, tracking it (the caller re-runs when it changes).
    pub fn with<R>(&self, f: impl FnOnce(&Table<T>) -> R) -> R {
        self.table.with(f)
    }

    /// Reads the table without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Table<T>) -> R) -> R {
        self.table.with_untracked(f)
    }

    /// The record with `id`, tracked.
    pub fn get(&self, id: &str) -> Option<T> {
        self.table.with(|t| t.get(id).cloned())
    }

    /// Saves one record.
    pub async fn put(&self, record: T) -> Result<(), StoreError> {
        self.put_many(vec![record]).await
    }

    /// Saves a record edited from the version stamped `based_on` (`None` for a new
    /// record). If the database holds another version, nothing is written and the
    /// answer is [`StoreError::Conflict`].
    pub async fn save_edit(&self, record: T, based_on: Option<DateTime<Utc>>) -> Result<(), StoreError> {
        self.save_edit_with(record, based_on, Vec::new()).await
    }

    /// [`Self::save_edit`] with the records `along` (of this or other collections,
    /// [`Self::put_along`]) in the same transaction: all are saved or none is, so a
    /// failure never leaves the record without its follow-up. A conflict of any of
    /// them writes nothing.
    pub async fn save_edit_with(
        &self,
        record: T,
        based_on: Option<DateTime<Utc>>,
        along: Vec<Along>,
    ) -> Result<(), StoreError> {
        // The versions this tab has seen are in the tables, so they must be read first.
        self.until_loaded().await;
        let change = Change { id: record.id().to_owned(), new: Some(record), based_on: Some(based_on) };
        let mut changes = BTreeMap::from([(shard_of(&change.id), vec![change])]);
        let mut others = Vec::new();
        for a in Along::gather(along) {
            match a.into_records::<T>() {
                Ok(records) => {
                    by_shard(records).into_iter().for_each(|(s, list)| changes.entry(s).or_default().extend(list))
                }
                Err(other) => {
                    other.until_loaded().await;
                    others.push(other);
                }
            }
        }
        let mut writes: Vec<Box<dyn PendingWrite>> = vec![Box::new(self.prepare(changes))];
        writes.extend(others.into_iter().map(Along::prepare));
        write_together(self.db, writes).await
    }

    /// `records` to save along with another write ([`Self::save_edit_with`]).
    pub fn put_along(&self, records: Vec<T>) -> Along {
        Along::new(*self, records)
    }

    /// Saves one record if `check` passes on the table as it is at the moment of
    /// writing: it runs inside this database's write lock, after every earlier write of
    /// this tab has landed in memory, so two quick submits (a double-click) cannot both
    /// pass a check that only one of them may. A refusal writes nothing.
    ///
    /// The check sees this tab's memory, which follows other tabs' writes as they are
    /// announced; two tabs writing within the same instant are not serialised against
    /// each other.
    pub async fn put_checked(
        &self,
        record: T,
        check: impl FnOnce(&Table<T>, &T) -> Result<(), super::Refusal> + 'static,
    ) -> Result<(), StoreError> {
        self.until_loaded().await;
        let inner = self.db.inner();
        let guard = inner.write_lock.lock().await;
        self.table.with_untracked(|t| check(t, &record)).map_err(StoreError::Refused)?;
        let prepared = self.prepare(by_shard(vec![record]));
        write_locked(self.db, vec![Box::new(prepared)], guard).await
    }

    /// Saves many records in one transaction: all are saved or none is.
    pub async fn put_many(&self, records: Vec<T>) -> Result<(), StoreError> {
        self.write(by_shard(records)).await
    }

    /// Moves the records with `ids` to the trash.
    pub async fn trash(&self, ids: &[impl AsRef<str>]) -> Result<(), StoreError> {
        let now = Utc::now();
        self.restamp(ids, |r| {
            r.set_deleted_at(Some(now));
            r.touch(now);
        })
        .await
    }

    /// Brings the records with `ids` back from the trash.
    pub async fn restore(&self, ids: &[impl AsRef<str>]) -> Result<(), StoreError> {
        let now = Utc::now();
        self.restamp(ids, |r| {
            r.set_deleted_at(None);
            r.touch(now);
        })
        .await
    }

    async fn restamp(&self, ids: &[impl AsRef<str>], f: impl Fn(&mut T)) -> Result<(), StoreError> {
        self.until_loaded().await;
        let records: Vec<T> = self.table.with_untracked(|t| {
            ids.iter()
                .filter_map(|id| t.get(id.as_ref()).cloned())
                .map(|mut r| {
                    f(&mut r);
                    r
                })
                .collect()
        });
        self.put_many(records).await
    }

    /// Deletes the records with `ids` for good (emptying the trash).
    pub async fn delete_forever(&self, ids: &[impl AsRef<str>]) -> Result<(), StoreError> {
        let mut changes: BTreeMap<u32, Vec<Change<T>>> = BTreeMap::new();
        for id in ids {
            changes.entry(shard_of(id.as_ref())).or_default().push(Change {
                id: id.as_ref().to_owned(),
                new: None,
                based_on: None,
            });
        }
        self.write(changes).await
    }

    /// Writes `changes` (grouped by shard) in one transaction. Each change names the
    /// `updated_at` this tab last saw of its record; if the database holds another
    /// version (another tab changed it meanwhile), nothing is written, the shards are
    /// re-read so the page shows the latest, and [`StoreError::Conflict`] is returned.
    async fn write(&self, changes: BTreeMap<u32, Vec<Change<T>>>) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        // The versions this tab has seen are in the table, so it must be read first.
        self.until_loaded().await;
        write_together(self.db, vec![Box::new(self.prepare(changes))]).await
    }

    /// Pairs each of `changes` with the version of its record this tab has seen.
    pub(super) fn prepare(&self, changes: BTreeMap<u32, Vec<Change<T>>>) -> PreparedWrite<T> {
        let changes = self.table.with_untracked(|t| {
            changes
                .into_iter()
                .map(|(b, list)| {
                    let list = list
                        .into_iter()
                        .map(|c| {
                            let seen = c.based_on.unwrap_or_else(|| t.get(&c.id).map(Record::updated_at));
                            let write = match c.new {
                                Some(record) => Write::Put(record),
                                None => Write::Delete(c.id.into()),
                            };
                            SeenChange { seen, write, in_file: None }
                        })
                        .collect();
                    (b, list)
                })
                .collect()
        });
        PreparedWrite { collection: *self, changes, reread: Vec::new(), texts: None }
    }

    /// Prepares the write of the records of `incoming` that a merge adds or updates
    /// (`actions`, one per record, decided by [`crate::workbook::settle_merge`]), each
    /// written as its text when the file's `texts` have it.
    pub(super) fn prepare_merge(
        &self,
        mut incoming: Vec<T>,
        mut actions: Vec<MergeAction>,
        texts: Option<Rc<RecordTexts>>,
    ) -> PreparedWrite<T> {
        let mut changes: BTreeMap<u32, Vec<SeenChange<T>>> = BTreeMap::new();
        // The records move from the file's list to their shards' lists from the back,
        // and the file's list gives back its room as it empties: otherwise a large
        // import held the room of all its records twice (WebAssembly memory never
        // shrinks, so the tab kept that peak).
        let shrink_every = (incoming.len() / 16).max(4096);
        self.table.with_untracked(|t| {
            while let Some(record) = incoming.pop() {
                let i = incoming.len();
                if i % shrink_every == 0 {
                    incoming.shrink_to_fit();
                }
                let current = t.get(record.id());
                if actions.pop() != Some(MergeAction::Keep) {
                    let seen = current.map(Record::updated_at);
                    let in_file = texts.as_ref().map(|_| i);
                    changes.entry(shard_of(record.id())).or_default().push(SeenChange {
                        seen,
                        write: Write::Put(record),
                        in_file,
                    });
                }
            }
        });
        // Each shard takes its records in the file's order, as before.
        changes.values_mut().for_each(|list| list.reverse());
        PreparedWrite { collection: *self, changes, reread: Vec::new(), texts }
    }

    /// Whether shard `shard` held exactly what this tab knows of it, apart from the
    /// records `changes` wrote: then the written records can go into memory as they are.
    pub(super) fn knows(&self, shard: u32, changes: &[SeenChange<T>], kept: &[Stamped]) -> bool {
        self.table.with_untracked(|t| {
            if t.shard(shard).next().is_none() {
                return kept.is_empty();
            }
            let changed: FxHashSet<&str> = changes.iter().map(SeenChange::id).collect();
            t.shard(shard).filter(|r| !changed.contains(r.id())).count() == kept.len()
                && kept.iter().all(|(id, at)| t.get(id).map(Record::updated_at) == Some(*at))
        })
    }

    /// Takes a committed write into memory and tells the other tabs.
    pub(super) fn finish(&self, prepared: PreparedWrite<T>, shards: Vec<u32>) -> Result<(), StoreError> {
        let PreparedWrite { changes, reread, .. } = prepared;
        let skip: BTreeSet<u32> = reread.iter().map(|(b, _)| *b).collect();
        self.table.update(|t| {
            let mut written = 0;
            for (_, list) in changes.into_iter().filter(|(b, _)| !skip.contains(b)) {
                written += list.len();
                for change in list {
                    match change.write {
                        Write::Put(r) => t.insert(r),
                        Write::Delete(id) => t.remove(&id),
                    };
                }
            }
            // After a bulk write (an import), as after a load: the room the shards grew
            // for is given back (86 MB after importing the 100,000-customer book).
            if written > BULK_WRITE {
                t.shrink_to_fit();
            }
        });
        if !reread.is_empty() {
            self.apply(reread)?;
        }
        self.db.announce(T::COLLECTION, &shards);
        Ok(())
    }

    /// The shard values that hold exactly `records`, for a whole-database replace, each
    /// record written as its text when `texts` has it.
    pub(super) fn shards_of(records: Vec<T>, texts: Option<CollectionTexts<'_>>) -> (Vec<(u32, String)>, Table<T>) {
        let mut shards: BTreeMap<u32, String> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            let shard = shards.entry(shard_of(r.id())).or_insert_with(|| String::from("["));
            if shard.len() > 1 {
                shard.push(',');
            }
            match texts.and_then(|t| t.get(i)) {
                Some(text) => shard.push_str(text),
                None => shard.push_str(&serde_json::to_string(r).expect("records always serialise")),
            }
        }
        let count = records.len();
        let table = Table::from_records(records);
        if table.len() != count {
            // Two records shared an id: the table kept the last, and so must the shards.
            let shards = (0..SHARDS)
                .filter(|&b| table.shard(b).next().is_some())
                .map(|b| (b, to_json(table.shard(b))))
                .collect();
            return (shards, table);
        }
        let shards = shards
            .into_iter()
            .map(|(b, mut json)| {
                json.push(']');
                (b, json)
            })
            .collect();
        (shards, table)
    }

    pub(super) fn replace_table(&self, table: Table<T>) {
        self.table.set(table);
        self.db.announce(T::COLLECTION, &(0..SHARDS).collect::<Vec<_>>());
    }
}

/// A write of more records than this gives back the room its shards grew for.
const BULK_WRITE: usize = 1000;

/// `records` to save, grouped by shard.
pub(super) fn by_shard<T: Record>(records: Vec<T>) -> BTreeMap<u32, Vec<Change<T>>> {
    let mut changes: BTreeMap<u32, Vec<Change<T>>> = BTreeMap::new();
    for r in records {
        changes.entry(shard_of(r.id())).or_default().push(Change {
            id: r.id().to_owned(),
            new: Some(r),
            based_on: None,
        });
    }
    changes
}

/// One record to write (`new`) or delete (`None`).
pub(super) struct Change<T> {
    pub(super) id: String,
    pub(super) new: Option<T>,
    /// The `updated_at` the change was based on, when the caller knows it (an edit
    /// form's); otherwise the version in this tab's memory is assumed.
    pub(super) based_on: Option<Option<DateTime<Utc>>>,
}
