//! The generic, write-through API every collection uses: the IndexedDB transaction
//! commits first, then the reactive table changes, then other tabs are told.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::lock::Mutex;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::idb::Idb;
use super::table::{bucket_of, Table};
use super::StoreError;
use crate::model::{Customer, Record};
use crate::workbook::{plan_merge, Collections, MergeSummary};

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

    /// Closes the connection (tests, and before deleting the database).
    pub fn close(self) {
        if let Some(inner) = self.inner.try_get_value() {
            self.inner.dispose();
            if let Some(idb) = Rc::try_unwrap(inner).ok().and_then(|i| i.idb) {
                idb.close();
            }
        }
    }
}

fn parse_change(text: &str) -> Option<(String, Vec<u32>)> {
    let (collection, list) = text.split_once(':')?;
    let buckets = list.split(',').filter(|s| !s.is_empty()).map(str::parse).collect::<Result<_, _>>().ok()?;
    Some((collection.to_owned(), buckets))
}

fn to_json<T: Record>(records: impl Iterator<Item = T>) -> String {
    let v: Vec<T> = records.collect();
    serde_json::to_string(&v).expect("records always serialise")
}

fn parse_bucket<T: Record>(json: &str) -> Result<Vec<T>, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt { collection: T::COLLECTION, detail: e.to_string() })
}

/// One collection: its records in memory as a reactive [`Table`], kept equal to what
/// IndexedDB holds.
pub struct Collection<T: Record + Send + Sync> {
    db: Db,
    table: RwSignal<Table<T>>,
}

impl<T: Record + Send + Sync> Clone for Collection<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Record + Send + Sync> Copy for Collection<T> {}

impl<T: Record + Send + Sync> Collection<T> {
    /// Loads the whole collection from `db` into memory and follows other tabs'
    /// changes to it. A shard that cannot be read is left out and reported in
    /// [`Db::problems`]; it stays untouched in the database (a write to it is refused).
    pub async fn load(db: Db) -> Result<Self, StoreError> {
        let this = Collection { db, table: RwSignal::new(Table::new()) };
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
                this.follow(buckets);
            })
        };
        db.inner().listeners.borrow_mut().push((T::COLLECTION, follow));

        let mut table = Table::new();
        for json in Db::idb(&db.inner())?.read_all(T::COLLECTION).await? {
            match parse_bucket::<T>(&json) {
                Ok(records) => records.into_iter().for_each(|r| {
                    table.insert(r);
                }),
                Err(e) => db.problems.update(|p| p.push(e)),
            }
        }
        this.table.set(table);
        let missed = pending.borrow_mut().take().unwrap_or_default();
        if !missed.is_empty() {
            this.follow(missed.into_iter().collect());
        }
        Ok(this)
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

    /// Saves many records in one transaction: all are saved or none is.
    pub async fn put_many(&self, records: Vec<T>) -> Result<(), StoreError> {
        let mut changes: BTreeMap<u32, Vec<Change<T>>> = BTreeMap::new();
        for r in records {
            changes.entry(bucket_of(r.id())).or_default().push(Change {
                id: r.id().to_owned(),
                new: Some(r),
                based_on: None,
            });
        }
        self.write(changes).await
    }

    /// Moves the records with `ids` to the trash.
    pub async fn trash(&self, ids: &[String]) -> Result<(), StoreError> {
        let now = Utc::now();
        self.restamp(ids, |r| {
            r.set_deleted_at(Some(now));
            r.touch(now);
        })
        .await
    }

    /// Brings the records with `ids` back from the trash.
    pub async fn restore(&self, ids: &[String]) -> Result<(), StoreError> {
        let now = Utc::now();
        self.restamp(ids, |r| {
            r.set_deleted_at(None);
            r.touch(now);
        })
        .await
    }

    async fn restamp(&self, ids: &[String], f: impl Fn(&mut T)) -> Result<(), StoreError> {
        let records: Vec<T> = self.table.with_untracked(|t| {
            ids.iter()
                .filter_map(|id| t.get(id).cloned())
                .map(|mut r| {
                    f(&mut r);
                    r
                })
                .collect()
        });
        self.put_many(records).await
    }

    /// Deletes the records with `ids` for good (emptying the trash).
    pub async fn delete_forever(&self, ids: &[String]) -> Result<(), StoreError> {
        let mut changes: BTreeMap<u32, Vec<Change<T>>> = BTreeMap::new();
        for id in ids {
            changes.entry(bucket_of(id)).or_default().push(Change { id: id.clone(), new: None, based_on: None });
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
        let buckets: Vec<u32> = changes.keys().copied().collect();
        // Records go to the database as JSON text; the read-modify-write below is the
        // same code for every collection (one copy in the bundle, not one per type).
        let raw: BTreeMap<u32, Vec<RawChange>> = self.table.with_untracked(|t| {
            changes
                .into_iter()
                .map(|(b, list)| {
                    let list = list
                        .into_iter()
                        .map(|c| RawChange {
                            seen: c.based_on.unwrap_or_else(|| t.get(&c.id).map(Record::updated_at)),
                            json: c.new.map(|r| serde_json::to_string(&r).expect("records always serialise")),
                            id: c.id,
                        })
                        .collect();
                    (b, list)
                })
                .collect()
        });
        let inner = self.db.inner();
        let idb = Db::idb(&inner)?;
        let _guard = inner.write_lock.lock().await;
        match write_raw(idb, T::COLLECTION, &buckets, raw).await {
            Ok(written) => {
                self.apply(written)?;
                self.db.announce(T::COLLECTION, &buckets);
                Ok(())
            }
            Err(e) => {
                if e == StoreError::Conflict {
                    let _ = self.reload_buckets(&buckets).await;
                }
                Err(e)
            }
        }
    }

    /// The shard values that hold exactly `records`, for a whole-database replace.
    fn shards_of(records: Vec<T>) -> (Vec<(u32, String)>, Table<T>) {
        let table = Table::from_records(records);
        let mut shards = Vec::new();
        for b in 0..super::BUCKETS {
            let bucket = table.bucket(b);
            if !bucket.is_empty() {
                shards.push((b, to_json(bucket.values().cloned())));
            }
        }
        (shards, table)
    }

    fn replace_table(&self, table: Table<T>) {
        self.table.set(table);
        self.db.announce(T::COLLECTION, &(0..super::BUCKETS).collect::<Vec<_>>());
    }
}

/// The id and stamp of a stored record, read without knowing its type.
#[derive(serde::Deserialize)]
struct Stamp {
    id: String,
    updated_at: DateTime<Utc>,
}

/// A change as the database sees it: the record's JSON (`None` deletes it) and the
/// version of it the change was based on.
struct RawChange {
    id: String,
    json: Option<String>,
    seen: Option<DateTime<Utc>>,
}

/// The read-modify-write of [`Collection::write`], on JSON text: every shard is read,
/// each change checked against the stored version and applied, and the shards written
/// back, all in one transaction. Returns the shards as written.
async fn write_raw(
    idb: &Idb,
    collection: &'static str,
    buckets: &[u32],
    mut changes: BTreeMap<u32, Vec<RawChange>>,
) -> Result<Vec<(u32, Option<String>)>, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt { collection, detail: e.to_string() };
    idb.modify(collection, buckets, |b, stored| {
        let stored: Vec<&serde_json::value::RawValue> = match &stored {
            Some(json) => serde_json::from_str(json).map_err(corrupt)?,
            None => Vec::new(),
        };
        let mut records: BTreeMap<String, (DateTime<Utc>, String)> = BTreeMap::new();
        for raw in stored {
            let stamp: Stamp = serde_json::from_str(raw.get()).map_err(corrupt)?;
            records.insert(stamp.id, (stamp.updated_at, raw.get().to_owned()));
        }
        for change in changes.remove(&b).unwrap_or_default() {
            if records.get(&change.id).map(|(at, _)| *at) != change.seen {
                return Err(StoreError::Conflict);
            }
            match change.json {
                Some(json) => {
                    let at: Stamp = serde_json::from_str(&json).map_err(corrupt)?;
                    records.insert(change.id, (at.updated_at, json))
                }
                None => records.remove(&change.id),
            };
        }
        if records.is_empty() {
            return Ok(None);
        }
        let mut out = String::from("[");
        for (i, (_, json)) in records.values().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(json);
        }
        out.push(']');
        Ok(Some(out))
    })
    .await
}

/// One record to write (`new`) or delete (`None`).
struct Change<T> {
    id: String,
    new: Option<T>,
    /// The `updated_at` the change was based on, when the caller knows it (an edit
    /// form's); otherwise the version in this tab's memory is assumed.
    based_on: Option<Option<DateTime<Utc>>>,
}

macro_rules! define_stores {
    ($($name:ident: $ty:ty => $doc:literal,)*) => {
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
            /// Opens database `name` and loads every collection; `on_blocked` runs while an
            /// upgrade waits for another tab to close.
            pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Stores, StoreError> {
                let db = Db::open(name, on_blocked).await?;
                // All collections load at once: one's IndexedDB read overlaps another's parsing.
                let ($($name,)*) = futures::join!($(Collection::<$ty>::load(db),)*);
                Ok(Stores { db, $($name: $name?,)* })
            }

            /// `collections` in memory only, every write refused
            /// ([`StoreError::ReadOnly`]): a workbook file read, never changed.
            pub fn read_only(collections: Collections) -> Stores {
                let db = Db::read_only();
                Stores { db, $($name: Collection { db, table: RwSignal::new(Table::from_records(collections.$name)) },)* }
            }

            /// Everything, as the workbook's collections (trash included).
            pub fn snapshot(&self) -> Collections {
                Collections { $($name: self.$name.with_untracked(|t| t.iter().cloned().collect()),)* }
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
            pub async fn replace_all(&self, collections: Collections) -> Result<(), StoreError> {
                let inner = self.db.inner();
                let _guard = inner.write_lock.lock().await;
                $(let $name = Collection::<$ty>::shards_of(collections.$name);)*
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
            pub async fn restore(&self, collection: &str, ids: &[String]) -> Result<(), StoreError> {
                match collection {
                    $(stringify!($name) => self.$name.restore(ids).await,)*
                    _ => Ok(()),
                }
            }

            /// Deletes records of `collection` for good, nothing else.
            async fn delete_only(&self, collection: &str, ids: &[String]) -> Result<(), StoreError> {
                match collection {
                    $(stringify!($name) => self.$name.delete_forever(ids).await,)*
                    _ => Ok(()),
                }
            }

            /// Merges `incoming` by id, the newer `updated_at` winning, one transaction per
            /// collection. A merge only adds and updates, so one cut short (a full disk)
            /// can be repeated and gives the same result.
            pub async fn merge(&self, incoming: Collections) -> Result<MergeSummary, StoreError> {
                let mut summary = MergeSummary::default();
                $(
                    let plan = self.$name.with_untracked(|t| plan_merge(|id| t.get(id), incoming.$name));
                    self.$name.put_many(plan.to_write).await?;
                    summary.add(plan.summary);
                )*
                Ok(summary)
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

impl Stores {
    /// Deletes records of `collection` for good, with what depends on them, so no
    /// reference is left dangling (a workbook with one would be refused on import):
    /// a customer takes its service records, callbacks and tickets with it and its
    /// survey answers become anonymous; a service record or ticket leaves its
    /// callbacks following nothing; a survey takes its responses. Dependents go first,
    /// so a write cut short never leaves a reference to a deleted record.
    pub async fn delete_forever(&self, collection: &str, ids: &[String]) -> Result<(), StoreError> {
        let gone: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        let now = Utc::now();
        match collection {
            "customers" => {
                let records = related(&self.service_records, &gone);
                let callbacks = related(&self.callbacks, &gone);
                let tickets = related(&self.tickets, &gone);
                let orders = related(&self.orders, &gone);
                let opportunities = related(&self.opportunities, &gone);
                let visits = related(&self.visits, &gone);
                let accounts = related(&self.key_accounts, &gone);
                let activities = related(&self.account_activities, &gone);
                let complaints = related(&self.complaints, &gone);
                let points = related(&self.point_entries, &gone);
                let care = related(&self.care_actions, &gone);
                let profiles = related(&self.preferences, &gone);
                self.preferences.delete_forever(&profiles).await?;
                self.care_actions.delete_forever(&care).await?;
                self.point_entries.delete_forever(&points).await?;
                self.complaints.delete_forever(&complaints).await?;
                self.orders.delete_forever(&orders).await?;
                self.opportunities.delete_forever(&opportunities).await?;
                self.visits.delete_forever(&visits).await?;
                self.key_accounts.delete_forever(&accounts).await?;
                self.account_activities.delete_forever(&activities).await?;
                let plans: Vec<_> = self.event_plans.with_untracked(|t| {
                    t.iter()
                        .filter(|e| e.invitees.iter().any(|i| gone.contains(i.as_str())))
                        .map(|e| {
                            let mut e = e.clone();
                            e.invitees.retain(|i| !gone.contains(i.as_str()));
                            e.touch(now.max(e.created_at));
                            e
                        })
                        .collect()
                });
                self.event_plans.put_many(plans).await?;
                self.callbacks.delete_forever(&callbacks).await?;
                self.service_records.delete_forever(&records).await?;
                self.tickets.delete_forever(&tickets).await?;
                let answers: Vec<_> = self.survey_responses.with_untracked(|t| {
                    t.iter()
                        .filter(|r| gone.contains(r.customer_id.as_str()))
                        .map(|r| {
                            let mut r = r.clone();
                            r.customer_id.clear();
                            r.touch(now.max(r.created_at));
                            r
                        })
                        .collect()
                });
                self.survey_responses.put_many(answers).await?;
                // The call log stays (it is the call center's history), without the link.
                let calls: Vec<_> = self.calls.with_untracked(|t| {
                    related(&self.calls, &gone)
                        .iter()
                        .filter_map(|id| t.get(id).cloned())
                        .map(|mut c| {
                            c.customer_id.clear();
                            c.touch(now.max(c.created_at));
                            c
                        })
                        .collect()
                });
                self.calls.put_many(calls).await?;
            }
            "service_records" | "tickets" => {
                let followers: Vec<_> = self.callbacks.with_untracked(|t| {
                    t.iter()
                        .filter(|c| gone.contains(c.follows.as_str()))
                        .map(|c| {
                            let mut c = c.clone();
                            c.follows.clear();
                            c.touch(now.max(c.created_at));
                            c
                        })
                        .collect()
                });
                self.callbacks.put_many(followers).await?;
            }
            "org_units" => {
                // The units under a deleted one move up to its parent.
                let moved: Vec<_> = self.org_units.with_untracked(|t| {
                    t.iter()
                        .filter(|u| gone.contains(u.parent_id.as_str()) && !gone.contains(u.id.as_str()))
                        .map(|u| {
                            let mut u = u.clone();
                            let mut up = u.parent_id.clone();
                            while gone.contains(up.as_str()) {
                                up = t.get(&up).map(|p| p.parent_id.clone()).unwrap_or_default();
                            }
                            u.parent_id = up;
                            u.touch(now.max(u.created_at));
                            u
                        })
                        .collect()
                });
                self.org_units.put_many(moved).await?;
            }
            "care_rules" => {
                let actions: Vec<String> = self.care_actions.with_untracked(|t| {
                    t.iter().filter(|a| gone.contains(a.rule_id.as_str())).map(|a| a.id.clone()).collect()
                });
                self.care_actions.delete_forever(&actions).await?;
            }
            "surveys" => {
                let responses: Vec<String> = self.survey_responses.with_untracked(|t| {
                    t.iter().filter(|r| gone.contains(r.survey_id.as_str())).map(|r| r.id.clone()).collect()
                });
                self.survey_responses.delete_forever(&responses).await?;
            }
            _ => {}
        }
        self.delete_only(collection, ids).await
    }
}

impl Stores {
    /// Merges duplicate customers into `keep` (already holding the chosen values): every
    /// record of the `others` (service records, callbacks, tickets, orders,
    /// opportunities, survey answers) moves to `keep`, then the others go to the trash.
    /// Related records move first, so nothing is ever left pointing at a trashed copy
    /// only.
    pub async fn merge_customers(&self, keep: Customer, others: &[String]) -> Result<(), StoreError> {
        let gone: BTreeSet<&str> = others.iter().map(String::as_str).collect();
        let now = Utc::now();
        let to = keep.id.clone();
        macro_rules! repoint {
            ($($c:ident),*) => {$(
                let moved: Vec<_> = self.$c.with_untracked(|t| {
                    related(&self.$c, &gone)
                        .iter()
                        .filter_map(|id| t.get(id).cloned())
                        .map(|mut r| {
                            r.customer_id = to.clone();
                            r.touch(now.max(r.created_at));
                            r
                        })
                        .collect()
                });
                self.$c.put_many(moved).await?;
            )*};
        }
        repoint!(
            service_records,
            callbacks,
            tickets,
            orders,
            opportunities,
            visits,
            key_accounts,
            account_activities,
            complaints,
            point_entries,
            care_actions,
            preferences,
            calls
        );
        let plans: Vec<_> = self.event_plans.with_untracked(|t| {
            t.iter()
                .filter(|e| e.invitees.iter().any(|i| gone.contains(i.as_str())))
                .map(|e| {
                    let mut e = e.clone();
                    let mut seen = BTreeSet::new();
                    e.invitees = e
                        .invitees
                        .iter()
                        .map(|i| if gone.contains(i.as_str()) { to.clone() } else { i.clone() })
                        .filter(|i| seen.insert(i.clone()))
                        .collect();
                    e.touch(now.max(e.created_at));
                    e
                })
                .collect()
        });
        self.event_plans.put_many(plans).await?;
        let answers: Vec<_> = self.survey_responses.with_untracked(|t| {
            t.iter()
                .filter(|r| gone.contains(r.customer_id.as_str()))
                .map(|r| {
                    let mut r = r.clone();
                    r.customer_id = to.clone();
                    r.touch(now.max(r.created_at));
                    r
                })
                .collect()
        });
        self.survey_responses.put_many(answers).await?;
        self.customers.put(keep).await?;
        self.customers.trash(others).await
    }
}

/// The ids of the records (trashed or not) that belong to one of the customers `of`.
fn related<T: Record + Send + Sync>(collection: &Collection<T>, of: &BTreeSet<&str>) -> Vec<String> {
    collection.with_untracked(|t| {
        of.iter().flat_map(|c| t.lookup("customer_id", c).map(|r| r.id().to_owned()).collect::<Vec<_>>()).collect()
    })
}

/// Ids of a set of records, for bulk actions.
pub type IdSet = BTreeSet<String>;
