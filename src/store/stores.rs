//! `Stores`: every collection of the book, generated from the list of collections
//! (`crate::for_each_collection`): open and load them, snapshot and export them, and
//! write across all of them (replace, merge, trash, restore).

use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::collection::Collection;
use super::db::{mark, Db};
use super::table::Table;
use super::together::{write_locked, PendingWrite};
use super::{MergeError, StoreError};
use crate::model::Record;
use crate::workbook::references::{later_in_load_order, LATER};
use crate::workbook::{settle_merge, Collections, MergeReport, MergeRule, MergeSides, RecordTexts, Sides};

/// The collections [`Stores::open_first`] reads before the first page: the customer
/// list and the shell need no other.
pub const FIRST: &[&str] = &["customers", "settings"];

/// Resolves after `ms` milliseconds (at once without a window).
pub(super) async fn after_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
                let stores = Stores::open_first(name, on_blocked).await?;
                stores.load_at_once().await?;
                wasm_bindgen_futures::spawn_local(async move { stores.load_deferred_soon().await });
                Ok(stores)
            }

            /// Opens database `name` and loads only what the first page, the customer
            /// list, needs ([`FIRST`]); the app then reads the rest with
            /// [`Self::load_rest`], whose code is a chunk of its own (`ui::app`), so the
            /// first download does not carry the reading code of every record type.
            /// Until then [`Self::until_opened`] waits, as a page in a chunk does.
            pub async fn open_first(name: &str, on_blocked: impl Fn() + 'static) -> Result<Stores, StoreError> {
                let db = Db::open(name, on_blocked).await?;
                let stores = Stores { db, $($name: Collection::<$ty>::unloaded(db),)* };
                let (customers, settings) = futures::join!(stores.customers.load(false), stores.settings.load(false));
                customers?;
                settings?;
                Ok(stores)
            }

            /// Reads what [`Self::open_first`] left: the other collections not read
            /// `later` at once, then the `later` ones in the background. A failure is
            /// reported in [`Db::problems`], as a shard that cannot be read is.
            pub async fn load_rest(self) {
                if let Err(e) = self.load_at_once().await {
                    // Read on either way: `load_deferred` stops by the same rule.
                    self.report_unread(e);
                }
                self.load_deferred_soon().await;
            }

            /// Lists a collection that could not be read in [`Db::problems`] and
            /// returns `true`, unless nothing more can be read anyway: a closed database
            /// (a test, a deleted book), or one another tab upgraded (its banner asks
            /// for a reload); then it lists nothing and returns `false`.
            fn report_unread(&self, e: StoreError) -> bool {
                if self.db.inner.try_get_value().is_none() || e == StoreError::VersionChanged {
                    return false;
                }
                self.db.problems.update(|p| p.push(e));
                true
            }

            /// Reads every collection neither [`FIRST`] nor `later`, all at once: one's
            /// IndexedDB read overlaps another's parsing.
            async fn load_at_once(&self) -> Result<(), StoreError> {
                let stores = *self;
                let ($($name,)*) = futures::join!($(async {
                    if FIRST.contains(&stringify!($name)) || LATER.contains(&stringify!($name)) {
                        Ok(())
                    } else {
                        stores.$name.load(false).await
                    }
                },)*);
                $($name?;)*
                Ok(())
            }

            /// Waits until every collection not read `later` has been read: what a page
            /// may take as there when it is drawn (it may write defaults into one).
            pub async fn until_opened(&self) {
                $(if !LATER.contains(&stringify!($name)) { self.$name.until_loaded().await; })*
            }

            /// The `later` collections, after the first page is drawn: parsing a slice
            /// of orders would otherwise hold up the list the user opened the app for.
            async fn load_deferred_soon(&self) {
                after_ms(100).await;
                self.load_deferred().await
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
                        if !self.report_unread(e) {
                            return;
                        }
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

            /// Calls `f` with every record of every collection, trash included, lent
            /// in place (a reference each, no copy: a copy of a 100,000-customer book
            /// took ~400 MB more at its peak, and WebAssembly memory never shrinks).
            /// Tracked: a memo built on it follows every change of any collection.
            /// `f` must not write to the book: every table is borrowed meanwhile.
            pub fn with_book<R>(&self, f: impl FnOnce(&crate::model::BookRef<'_>) -> R) -> R {
                $(let $name = self.$name.table.read();)*
                f(&crate::model::BookRef { $($name: $name.iter().collect(),)* })
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

            /// How many records each collection holds (trash included, as the
            /// exported file does), by name in the list's order; tracked.
            pub fn counts(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($name), self.$name.with(Table::len)),)*]
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
                self.merge_by(incoming, texts, MergeRule::Newer).await
            }

            /// As [`Self::merge`], each incoming record decided by `rule`.
            pub async fn merge_by(&self, incoming: Collections, texts: Option<RecordTexts>, rule: MergeRule) -> Result<MergeReport, MergeError> {
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
                        $($name: Sides::by_rule($name.iter().collect(), |id| $name.get(id), &incoming.$name, rule),)*
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
