//! The generic, write-through API every collection uses: the IndexedDB transaction
//! commits first, then the reactive table changes, then other tabs are told.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use futures::lock::Mutex;
use leptos::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod cascade;

use super::idb::Idb;
use super::table::{bucket_of, Table};
use super::MergeError;
use super::StoreError;
use crate::model::{Id, Record};
use crate::workbook::references::{later_in_load_order, LATER};
use crate::workbook::{
    settle_merge, CollectionTexts, Collections, MergeAction, MergeReport, MergeSides, RecordTexts, Sides,
};

/// Name of the BroadcastChannel tabs use to tell each other about changes.
const CHANNEL: &str = "kehu-changes";

/// Re-reads shards another tab changed.
type ShardListener = Rc<dyn Fn(Vec<u32>)>;

struct DbInner {
    /// `None` for a read-only book held in memory only (a student's workbook an
    /// instructor reviews): every write is refused with [`StoreError::ReadOnly`].
    idb: Option<Idb>,
    /// One write at a time per tab, so each write sees the previous one.
    write_lock: Mutex<()>,
    channel: Option<web_sys::BroadcastChannel>,
    /// Per collection, what to do when another tab changed shards of it.
    listeners: RefCell<Vec<(&'static str, ShardListener)>>,
    /// Writes waiting for a collection still loading in the background.
    waiting: RefCell<Vec<(&'static str, oneshot::Sender<()>)>>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// A handle on the open database, cheap to copy into components and async tasks.
#[derive(Clone, Copy)]
pub struct Db {
    inner: StoredValue<Rc<DbInner>, LocalStorage>,
    /// Set when another tab upgraded the database: this tab must reload.
    pub version_changed: RwSignal<bool>,
    /// Stored data that could not be read at load (shown to the user; left untouched).
    pub problems: RwSignal<Vec<StoreError>>,
}

impl Db {
    /// Opens database `name` and joins the other tabs' change channel; `on_blocked`
    /// runs while an upgrade waits for another tab.
    pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Db, StoreError> {
        let version_changed = RwSignal::new(false);
        let idb = Idb::open(name, on_blocked, move || version_changed.set(true)).await?;
        mark("kehu:db-open");
        let channel = web_sys::BroadcastChannel::new(&format!("{CHANNEL}-{name}")).ok();
        let inner = Rc::new_cyclic(|weak: &std::rc::Weak<DbInner>| {
            let weak = weak.clone();
            let on_message = channel.as_ref().map(|ch| {
                let cb = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                    let (Some(inner), Some(text)) = (weak.upgrade(), ev.data().as_string()) else {
                        return;
                    };
                    let Some((collection, buckets)) = parse_change(&text) else {
                        return;
                    };
                    let listeners: Vec<_> = inner
                        .listeners
                        .borrow()
                        .iter()
                        .filter(|(c, _)| *c == collection)
                        .map(|(_, f)| f.clone())
                        .collect();
                    for f in listeners {
                        f(buckets.clone());
                    }
                });
                ch.set_onmessage(Some(cb.as_ref().unchecked_ref()));
                cb
            });
            DbInner {
                idb: Some(idb),
                write_lock: Mutex::new(()),
                channel,
                listeners: RefCell::new(Vec::new()),
                waiting: RefCell::new(Vec::new()),
                _on_message: on_message,
            }
        });
        Ok(Db { inner: StoredValue::new_local(inner), version_changed, problems: RwSignal::new(Vec::new()) })
    }

    /// A database of nothing but memory that refuses every write: for reading a
    /// workbook file without letting anything change it.
    pub fn read_only() -> Db {
        let inner = Rc::new(DbInner {
            idb: None,
            write_lock: Mutex::new(()),
            channel: None,
            listeners: RefCell::new(Vec::new()),
            waiting: RefCell::new(Vec::new()),
            _on_message: None,
        });
        Db {
            inner: StoredValue::new_local(inner),
            version_changed: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
        }
    }

    /// Whether this is a [`Db::read_only`] book.
    pub fn is_read_only(&self) -> bool {
        self.inner.try_get_value().is_some_and(|i| i.idb.is_none())
    }

    fn inner(&self) -> Rc<DbInner> {
        self.inner.get_value()
    }

    /// The IndexedDB connection, or [`StoreError::ReadOnly`].
    fn idb(inner: &DbInner) -> Result<&Idb, StoreError> {
        inner.idb.as_ref().ok_or(StoreError::ReadOnly)
    }

    fn announce(&self, collection: &str, buckets: &[u32]) {
        if let Some(ch) = &self.inner().channel {
            let list: Vec<String> = buckets.iter().map(u32::to_string).collect();
            let _ = ch.post_message(&JsValue::from_str(&format!("{collection}:{}", list.join(","))));
        }
    }

    /// Closes the connection (tests, and before deleting the database), even while a
    /// background read still holds it (that read then fails quietly).
    pub fn close(self) {
        if let Some(inner) = self.inner.try_get_value() {
            self.inner.dispose();
            if let Some(idb) = &inner.idb {
                idb.close();
            }
        }
    }
}

/// Resolves after `ms` milliseconds (at once without a window).
async fn after_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A `performance.mark`, so a profile can tell where a cold start or an import spends
/// its time.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn parse_change(text: &str) -> Option<(String, Vec<u32>)> {
    let (collection, list) = text.split_once(':')?;
    let buckets = list.split(',').filter(|s| !s.is_empty()).map(str::parse).collect::<Result<_, _>>().ok()?;
    Some((collection.to_owned(), buckets))
}

fn to_json<'a, T: Record + 'a>(records: impl Iterator<Item = &'a T>) -> String {
    let v: Vec<&T> = records.collect();
    serde_json::to_string(&v).expect("records always serialise")
}

fn parse_bucket<T: Record>(json: &str) -> Result<Vec<T>, StoreError> {
    crate::workbook::read_records(json)
        .map_err(|e| StoreError::Corrupt { collection: T::COLLECTION, detail: e.to_string() })
}

/// One collection: its records in memory as a reactive [`Table`], kept equal to what
/// IndexedDB holds.
pub struct Collection<T: Record + Send + Sync> {
    db: Db,
    table: RwSignal<Table<T>>,
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
    fn unloaded(db: Db) -> Self {
        Collection { db, table: RwSignal::new(Table::new()), loaded: RwSignal::new(false) }
    }

    /// A collection of `records` held in memory only.
    fn in_memory(db: Db, records: Vec<T>) -> Self {
        Collection { db, table: RwSignal::new(Table::from_records(records)), loaded: RwSignal::new(true) }
    }

    /// Reads the whole collection from the database into memory and follows other
    /// tabs' changes to it. A shard that cannot be read is left out and reported in
    /// [`Db::problems`]; it stays untouched in the database (a write to it is refused).
    /// Whatever the outcome, the collection counts as loaded afterwards, so no write
    /// waits for ever; a write to a shard this tab could not read is refused as a
    /// conflict, never written over.
    async fn load(self, in_slices: bool) -> Result<(), StoreError> {
        // Changes announced while loading are replayed after it, so none is lost
        // between the snapshot and the first message.
        let pending: Rc<RefCell<Option<BTreeSet<u32>>>> = Rc::new(RefCell::new(Some(BTreeSet::new())));
        let follow: ShardListener = {
            let pending = pending.clone();
            Rc::new(move |buckets: Vec<u32>| {
                if let Some(p) = pending.borrow_mut().as_mut() {
                    p.extend(buckets);
                    return;
                }
                self.follow(buckets);
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
        let slice: u32 = if in_slices { 16 } else { super::BUCKETS };
        let mut table = Table::new();
        let idb = Db::idb(inner)?;
        for first in (0..super::BUCKETS).step_by(slice as usize) {
            let shards = if slice == super::BUCKETS {
                idb.read_all(T::COLLECTION).await?.into_iter().map(Some).collect()
            } else {
                let buckets: Vec<u32> = (first..first + slice).collect();
                idb.read_buckets(T::COLLECTION, &buckets).await?.into_iter().map(|(_, json)| json).collect::<Vec<_>>()
            };
            mark(&format!("kehu:read:{}", T::COLLECTION));
            for json in shards {
                let Some(json) = json else { continue };
                match parse_bucket::<T>(&json) {
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
    pub async fn until_loaded(&self) {
        if self.loaded.get_untracked() {
            return;
        }
        let Some(inner) = self.db.inner.try_get_value() else { return };
        let (tx, rx) = oneshot::channel();
        inner.waiting.borrow_mut().push((T::COLLECTION, tx));
        drop(inner);
        let _ = rx.await;
    }

    fn follow(self, buckets: Vec<u32>) {
        leptos::task::spawn_local(async move {
            if let Err(e) = self.reload_buckets(&buckets).await {
                leptos::logging::warn!("could not follow another tab's change: {e}");
            }
        });
    }

    async fn reload_buckets(&self, buckets: &[u32]) -> Result<(), StoreError> {
        let fresh = Db::idb(&self.db.inner())?.read_buckets(T::COLLECTION, buckets).await?;
        self.apply(fresh)
    }

    fn apply(&self, shards: Vec<(u32, Option<String>)>) -> Result<(), StoreError> {
        let mut parsed = Vec::with_capacity(shards.len());
        for (b, json) in shards {
            parsed.push((b, json.as_deref().map(parse_bucket::<T>).transpose()?.unwrap_or_default()));
        }
        self.table.update(|t| {
            for (b, records) in parsed {
                t.replace_bucket(b, records);
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
        let change = Change { id: record.id().to_owned(), new: Some(record), based_on: Some(based_on) };
        self.write(BTreeMap::from([(bucket_of(&change.id), vec![change])])).await
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
            changes.entry(bucket_of(id.as_ref())).or_default().push(Change {
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
    fn prepare(&self, changes: BTreeMap<u32, Vec<Change<T>>>) -> PreparedWrite<T> {
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
    fn prepare_merge(
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
                    changes.entry(bucket_of(record.id())).or_default().push(SeenChange {
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

    /// Whether shard `bucket` held exactly what this tab knows of it, apart from the
    /// records `changes` wrote: then the written records can go into memory as they are.
    fn knows(&self, bucket: u32, changes: &[SeenChange<T>], kept: &[Stamped]) -> bool {
        self.table.with_untracked(|t| {
            if t.bucket(bucket).next().is_none() {
                return kept.is_empty();
            }
            let changed: FxHashSet<&str> = changes.iter().map(SeenChange::id).collect();
            t.bucket(bucket).filter(|r| !changed.contains(r.id())).count() == kept.len()
                && kept.iter().all(|(id, at)| t.get(id).map(Record::updated_at) == Some(*at))
        })
    }

    /// Takes a committed write into memory and tells the other tabs.
    fn finish(&self, prepared: PreparedWrite<T>, buckets: Vec<u32>) -> Result<(), StoreError> {
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
        self.db.announce(T::COLLECTION, &buckets);
        Ok(())
    }

    /// The shard values that hold exactly `records`, for a whole-database replace, each
    /// record written as its text when `texts` has it.
    fn shards_of(records: Vec<T>, texts: Option<CollectionTexts<'_>>) -> (Vec<(u32, String)>, Table<T>) {
        let mut shards: BTreeMap<u32, String> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            let shard = shards.entry(bucket_of(r.id())).or_insert_with(|| String::from("["));
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
            let shards = (0..super::BUCKETS)
                .filter(|&b| table.bucket(b).next().is_some())
                .map(|b| (b, to_json(table.bucket(b))))
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

    fn replace_table(&self, table: Table<T>) {
        self.table.set(table);
        self.db.announce(T::COLLECTION, &(0..super::BUCKETS).collect::<Vec<_>>());
    }
}

/// The id and stamp of a stored record, read without knowing its type.
#[derive(serde::Deserialize)]
struct Stamp<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "crate::model::stamp::read")]
    updated_at: DateTime<Utc>,
}

/// A change as the database sees it: the record's JSON (`None` deletes it) and the
/// version of it the change was based on.
struct RawChange<'a> {
    id: &'a str,
    /// The record's text and its `updated_at` (known here, so not parsed from the text).
    json: Option<(Cow<'a, str>, DateTime<Utc>)>,
    seen: Option<DateTime<Utc>>,
}

/// A change with the version of its record this tab has seen.
struct SeenChange<T> {
    /// The version this tab has seen (`None`: none).
    seen: Option<DateTime<Utc>>,
    /// What is written.
    write: Write<T>,
    /// The new record's place in its collection in an imported file, whose text
    /// ([`PreparedWrite::texts`]) is written as it is when it is kept.
    in_file: Option<usize>,
}

/// A write of more records than this gives back the room its shards grew for.
const BULK_WRITE: usize = 1000;

/// What a change writes: a record, or the deletion of the record with an id.
enum Write<T> {
    Put(T),
    Delete(Id),
}

impl<T: Record> SeenChange<T> {
    /// The id of the record the change writes.
    fn id(&self) -> &str {
        match &self.write {
            Write::Put(record) => record.id(),
            Write::Delete(id) => id,
        }
    }
}

/// A record's id and `updated_at`.
type Stamped = (String, DateTime<Utc>);

/// One shard's read-modify-write, on JSON text: each change is checked against the
/// stored version and applied. Returns the shard's new text (`None`: empty) and the
/// stamps of the stored records the changes left alone.
fn rewrite_shard(
    collection: &'static str,
    changes: Vec<RawChange<'_>>,
    stored: Option<String>,
) -> Result<(Option<String>, Vec<Stamped>), StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt { collection, detail: e.to_string() };
    let stored: Vec<&serde_json::value::RawValue> = match &stored {
        Some(json) => serde_json::from_str(json).map_err(corrupt)?,
        None => Vec::new(),
    };
    // The shard's records in order (`None` where one was deleted), and where each id is.
    let mut records: Vec<Option<(DateTime<Utc>, Cow<str>)>> = Vec::with_capacity(stored.len() + changes.len());
    let mut place: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    for raw in stored {
        let stamp: Stamp = serde_json::from_str(raw.get()).map_err(corrupt)?;
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
            return Err(StoreError::Conflict);
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

/// A write to one collection, prepared ([`Collection::prepare`]) and waiting for its
/// transaction.
struct PreparedWrite<T: Record + Send + Sync> {
    collection: Collection<T>,
    /// Per shard, each change.
    changes: BTreeMap<u32, Vec<SeenChange<T>>>,
    /// Shards another tab had written to: memory takes them from their text as written.
    reread: Vec<(u32, Option<String>)>,
    /// The imported file's record texts, until the write is committed.
    texts: Option<Rc<RecordTexts>>,
}

/// A [`PreparedWrite`] of any record type, so writes to several collections share one
/// transaction.
trait PendingWrite {
    fn store(&self) -> &'static str;
    fn buckets(&self) -> Vec<u32>;
    /// The new text of shard `bucket`, from its `stored` text and the changes. The
    /// records become text here, a shard at a time, so a large import never holds the
    /// text of all of them at once.
    fn rewrite(&mut self, bucket: u32, stored: Option<String>) -> Result<Option<String>, StoreError>;
    /// Lets go of the imported file once the write is committed, so the memory it
    /// took can hold the records (WebAssembly memory never shrinks).
    fn release_texts(&mut self);
    fn finish(self: Box<Self>, buckets: Vec<u32>) -> Result<(), StoreError>;
    /// After a conflict: re-reads the shards so the page shows the latest.
    fn refresh(&self) -> LocalBoxFuture<'static, ()>;
}

impl<T: Record + Send + Sync> PendingWrite for PreparedWrite<T> {
    fn store(&self) -> &'static str {
        T::COLLECTION
    }

    fn buckets(&self) -> Vec<u32> {
        self.changes.keys().copied().collect()
    }

    fn rewrite(&mut self, bucket: u32, stored: Option<String>) -> Result<Option<String>, StoreError> {
        let list = self.changes.get(&bucket).map(Vec::as_slice).unwrap_or_default();
        let texts = self.texts.as_deref().map(|t| t.of(T::COLLECTION));
        let raw = list
            .iter()
            .map(|c| RawChange {
                id: c.id(),
                seen: c.seen,
                json: match &c.write {
                    Write::Put(r) => Some(r),
                    Write::Delete(_) => None,
                }
                .map(|r| {
                    let text = match c.in_file.and_then(|i| texts.and_then(|t| t.get(i))) {
                        Some(text) => Cow::Borrowed(text),
                        None => Cow::Owned(serde_json::to_string(r).expect("records always serialise")),
                    };
                    (text, r.updated_at())
                }),
            })
            .collect();
        let (json, kept) = rewrite_shard(T::COLLECTION, raw, stored)?;
        if !self.collection.knows(bucket, list, &kept) {
            self.reread.push((bucket, json.clone()));
        }
        Ok(json)
    }

    fn release_texts(&mut self) {
        self.texts = None;
    }

    fn finish(self: Box<Self>, buckets: Vec<u32>) -> Result<(), StoreError> {
        let collection = self.collection;
        collection.finish(*self, buckets)
    }

    fn refresh(&self) -> LocalBoxFuture<'static, ()> {
        let collection = self.collection;
        let buckets = self.buckets();
        Box::pin(async move {
            let _ = collection.reload_buckets(&buckets).await;
        })
    }
}

/// Writes `writes` in one transaction: all are written or none is. Then each
/// collection takes its part into memory.
async fn write_together(db: Db, writes: Vec<Box<dyn PendingWrite>>) -> Result<(), StoreError> {
    let inner = db.inner();
    let guard = inner.write_lock.lock().await;
    write_locked(db, writes, guard).await
}

/// [`write_together`] with the write lock already held (`_guard`).
async fn write_locked<G>(db: Db, mut writes: Vec<Box<dyn PendingWrite>>, _guard: G) -> Result<(), StoreError> {
    let inner = db.inner();
    let idb = Db::idb(&inner)?;
    let targets: Vec<(&'static str, Vec<u32>)> = writes.iter().map(|w| (w.store(), w.buckets())).collect();
    match idb.modify_many(&targets, |i, b, stored| writes[i].rewrite(b, stored)).await {
        Ok(written) => {
            mark("kehu:write:committed");
            writes.iter_mut().for_each(|w| w.release_texts());
            for (w, shards) in writes.into_iter().zip(written) {
                w.finish(shards)?;
            }
            Ok(())
        }
        Err(e) => {
            if e == StoreError::Conflict {
                for w in &writes {
                    w.refresh().await;
                }
            }
            Err(e)
        }
    }
}

/// `records` to save, grouped by shard.
fn by_shard<T: Record>(records: Vec<T>) -> BTreeMap<u32, Vec<Change<T>>> {
    let mut changes: BTreeMap<u32, Vec<Change<T>>> = BTreeMap::new();
    for r in records {
        changes.entry(bucket_of(r.id())).or_default().push(Change {
            id: r.id().to_owned(),
            new: Some(r),
            based_on: None,
        });
    }
    changes
}

/// One record to write (`new`) or delete (`None`).
struct Change<T> {
    id: String,
    new: Option<T>,
    /// The `updated_at` the change was based on, when the caller knows it (an edit
    /// form's); otherwise the version in this tab's memory is assumed.
    based_on: Option<Option<DateTime<Utc>>>,
}

/// A table's records (trash included) as a JSON array, borrowed.
struct TableSeq<'a, T>(&'a Table<T>);

impl<T: Record> serde::Serialize for TableSeq<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

macro_rules! define_stores {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every collection of the app, loaded (the list is `workbook::for_each_collection`).
        #[derive(Clone, Copy)]
        pub struct Stores {
            /// The database.
            pub db: Db,
            $(
                #[doc = $doc]
                pub $name: Collection<$ty>,
            )*
        }

        impl Stores {
            /// Opens database `name` and loads every collection but those read `later`
            /// ([`crate::workbook::references::LATER`]: they grow with a book's history,
            /// and no page writes them on opening), which are read afterwards in the
            /// background, so the customer list is usable before hundreds of thousands
            /// of orders are read (a write to one waits for it); `on_blocked` runs while
            /// an upgrade waits for another tab to close.
            pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Stores, StoreError> {
                let db = Db::open(name, on_blocked).await?;
                let stores = Stores { db, $($name: Collection::<$ty>::unloaded(db),)* };
                // These load at once: one's IndexedDB read overlaps another's parsing.
                let ($($name,)*) = futures::join!($(async {
                    if LATER.contains(&stringify!($name)) { Ok(()) } else { stores.$name.load(false).await }
                },)*);
                $($name?;)*
                wasm_bindgen_futures::spawn_local(async move {
                    // After the first page is drawn: parsing a slice of orders would
                    // otherwise hold up the list the user opened the app for.
                    after_ms(100).await;
                    stores.load_deferred().await
                });
                Ok(stores)
            }

            /// Reads the `later` collections, one after another
            /// ([`crate::workbook::references::later_in_load_order`]). A
            /// failure is reported in [`Db::problems`], as a shard that cannot be read is.
            async fn load_deferred(&self) {
                for name in later_in_load_order() {
                    let read = match name {
                        $(stringify!($name) => self.$name.load(true).await,)*
                        _ => Ok(()),
                    };
                    if let Err(e) = read {
                        // A closed database (a test, a deleted book), or one another tab
                        // upgraded (its banner asks for a reload): nothing more can be
                        // read, and there is no problem to show.
                        if self.db.inner.try_get_value().is_none() || e == StoreError::VersionChanged {
                            return;
                        }
                        self.db.problems.update(|p| p.push(e));
                    }
                }
            }

            /// The collections still being read (their names), tracked.
            pub fn loading(&self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(if !self.$name.is_loaded() { out.push(stringify!($name)); })*
                out
            }

            /// Waits until every collection has been read from the database: a write
            /// across collections (an import, a cascade) or an export needs all of them.
            pub async fn until_all_loaded(&self) {
                $(self.$name.until_loaded().await;)*
            }

            /// `collections` in memory only, every write refused
            /// ([`StoreError::ReadOnly`]): a workbook file read, never changed.
            pub fn read_only(collections: Collections) -> Stores {
                let db = Db::read_only();
                Stores { db, $($name: Collection::in_memory(db, collections.$name),)* }
            }

            /// Everything, as the workbook's collections (trash included).
            pub fn snapshot(&self) -> Collections {
                Collections { $($name: self.$name.with_untracked(|t| t.iter().cloned().collect()),)* }
            }

            /// Every collection as the workbook's `collections` object, serialised
            /// straight from the tables (a copy of a 100,000-customer book would cost
            /// seconds and hundreds of megabytes). Read every collection first.
            pub fn collections_view(&self) -> impl serde::Serialize + '_ {
                struct View<'a>(&'a Stores);
                impl serde::Serialize for View<'_> {
                    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        use serde::ser::SerializeMap;
                        let mut map = s.serialize_map(None)?;
                        $(self.0.$name.with_untracked(|t| map.serialize_entry(stringify!($name), &TableSeq(t)))?;)*
                        map.end()
                    }
                }
                View(self)
            }

            /// Every record, as [`Self::snapshot`], tracked: a memo built on it follows
            /// every change of any collection.
            pub fn snapshot_tracked(&self) -> Collections {
                Collections { $($name: self.$name.with(|t| t.iter().cloned().collect()),)* }
            }

            /// Calls `visitor` with the records of the collection called `name` only
            /// (a copy of that one collection, not of the whole book).
            pub fn visit_one(&self, name: &str, visitor: &mut impl crate::workbook::CollectionVisitor) {
                match name {
                    $(stringify!($name) => {
                        let records: Vec<$ty> = self.$name.with_untracked(|t| t.iter().cloned().collect());
                        visitor.visit(&records);
                    })*
                    _ => {}
                }
            }

            /// Whether there is no record in any collection.
            pub fn is_empty(&self) -> bool {
                true $(&& self.$name.with(Table::is_empty))*
            }

            /// Replaces everything with `collections` in one transaction: afterwards the
            /// database holds exactly them, or, on failure, exactly what it held before.
            /// A record whose text the file kept (`texts`) is stored as that text; the
            /// file is let go of once the shards are made.
            pub async fn replace_all(&self, collections: Collections, texts: Option<RecordTexts>) -> Result<(), StoreError> {
                // A collection still loading would otherwise set its old records over
                // the new ones once its read is done.
                self.until_all_loaded().await;
                let inner = self.db.inner();
                let _guard = inner.write_lock.lock().await;
                $(let $name = Collection::<$ty>::shards_of(
                    collections.$name,
                    texts.as_ref().map(|t| t.of(<$ty as Record>::COLLECTION)),
                );)*
                drop(texts);
                Db::idb(&inner)?.replace_all(&[$((<$ty as Record>::COLLECTION, $name.0),)*]).await?;
                $(self.$name.replace_table($name.1);)*
                Ok(())
            }

            /// Every record in the trash, of every collection.
            pub fn trashed(&self) -> Vec<Trashed> {
                let mut out = Vec::new();
                $(self.$name.with(|t| out.extend(t.trashed().map(|r| Trashed {
                    collection: stringify!($name),
                    id: r.id().to_owned(),
                    summary: r.summary(),
                    deleted_at: r.deleted_at(),
                })));)*
                out
            }

            /// Brings records of `collection` back from the trash.
            pub async fn restore(&self, collection: &str, ids: &[impl AsRef<str>]) -> Result<(), StoreError> {
                match collection {
                    $(stringify!($name) => self.$name.restore(ids).await,)*
                    _ => Err(StoreError::Other(format!("no collection {collection}"))),
                }
            }

            /// Merges `incoming` by id, the newer `updated_at` winning, in one
            /// transaction: every collection is merged, or, on failure (a full disk, a
            /// closed tab), none is. A record whose text the file kept (`texts`) is
            /// stored as that text; the file is let go of once the write is committed.
            ///
            /// Before anything is written, the book the merge makes is checked as an
            /// import of its export would be ([`crate::workbook::settle_merge`]): where
            /// a newer record of the file would break a rule between records, the
            /// book's version is kept and listed in the report; where nothing can be
            /// kept back, the merge is refused and nothing is written.
            pub async fn merge(&self, incoming: Collections, texts: Option<RecordTexts>) -> Result<MergeReport, MergeError> {
                let texts = texts.map(Rc::new);
                self.until_all_loaded().await;
                let inner = self.db.inner();
                // The lock is held from the check to the commit: no other write of
                // this tab comes between them.
                let guard = inner.write_lock.lock().await;
                mark("kehu:merge:start");
                let (report, actions) = {
                    $(let $name = self.$name.table.read_untracked();)*
                    let mut sides = MergeSides {
                        $($name: Sides::new($name.iter().collect(), |id| $name.get(id), &incoming.$name),)*
                    };
                    let today = Utc::now().date_naive().succ_opt().unwrap_or(chrono::NaiveDate::MAX);
                    let report = settle_merge(&mut sides, today)?;
                    let actions = ($(std::mem::take(&mut sides.$name.actions),)*);
                    (report, actions)
                };
                let ($($name,)*) = actions;
                mark("kehu:merge:checked");
                let mut writes: Vec<Box<dyn PendingWrite>> = Vec::new();
                $(
                    let write = self.$name.prepare_merge(incoming.$name, $name, texts.clone());
                    if !write.changes.is_empty() {
                        writes.push(Box::new(write));
                    }
                )*
                // The writes hold the file now; each lets go of it once committed.
                drop(texts);
                mark("kehu:merge:planned");
                if !writes.is_empty() {
                    write_locked(self.db, writes, guard).await?;
                }
                mark("kehu:merge:done");
                Ok(report)
            }
        }
    };
}

crate::for_each_collection!(define_stores);

/// A record in the trash, whatever its collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    /// Its collection's name.
    pub collection: &'static str,
    /// Its id.
    pub id: String,
    /// Its [`Record::summary`].
    pub summary: String,
    /// When it was moved to the trash.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Ids of a set of records, for bulk actions.
pub type IdSet = BTreeSet<String>;
