//! Writes to one or several collections in one IndexedDB transaction: all are written
//! or none is; then each collection takes its part into memory and tells the other
//! tabs. Every write goes through here: a save, a bulk action, a cascade, an import.

use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::future::LocalBoxFuture;

use super::collection::{by_shard, Change, Collection};
use super::db::{mark, Db};
use super::shard::{rewrite_shard, RawChange, RewriteError};
use super::StoreError;
use crate::model::{Id, Record};
use crate::workbook::RecordTexts;

/// A change with the version of its record this tab has seen.
pub(super) struct SeenChange<T> {
    /// The version this tab has seen (`None`: none).
    pub(super) seen: Option<DateTime<Utc>>,
    /// What is written.
    pub(super) write: Write<T>,
    /// The new record's place in its collection in an imported file, whose text
    /// ([`PreparedWrite::texts`]) is written as it is when it is kept.
    pub(super) in_file: Option<usize>,
}

/// What a change writes: a record, or the deletion of the record with an id.
pub(super) enum Write<T> {
    Put(T),
    Delete(Id),
}

impl<T: Record> SeenChange<T> {
    /// The id of the record the change writes.
    pub(super) fn id(&self) -> &str {
        match &self.write {
            Write::Put(record) => record.id(),
            Write::Delete(id) => id,
        }
    }
}

/// A write to one collection, prepared ([`Collection::prepare`]) and waiting for its
/// transaction.
pub(super) struct PreparedWrite<T: Record + Send + Sync> {
    pub(super) collection: Collection<T>,
    /// Per shard, each change.
    pub(super) changes: BTreeMap<u32, Vec<SeenChange<T>>>,
    /// Shards another tab had written to: memory takes them from their text as written.
    pub(super) reread: Vec<(u32, Option<String>)>,
    /// The imported file's record texts, until the write is committed.
    pub(super) texts: Option<Rc<RecordTexts>>,
}

/// A [`PreparedWrite`] of any record type, so writes to several collections share one
/// transaction.
pub(super) trait PendingWrite {
    fn store(&self) -> &'static str;
    fn shards(&self) -> Vec<u32>;
    /// The new text of shard `shard`, from its `stored` text and the changes. The
    /// records become text here, a shard at a time, so a large import never holds the
    /// text of all of them at once.
    fn rewrite(&mut self, shard: u32, stored: Option<String>) -> Result<Option<String>, StoreError>;
    /// Lets go of the imported file once the write is committed, so the memory it
    /// took can hold the records (WebAssembly memory never shrinks).
    fn release_texts(&mut self);
    fn finish(self: Box<Self>, shards: Vec<u32>) -> Result<(), StoreError>;
    /// After a conflict: re-reads the shards so the page shows the latest.
    fn refresh(&self) -> LocalBoxFuture<'static, ()>;
}

impl<T: Record + Send + Sync> PendingWrite for PreparedWrite<T> {
    fn store(&self) -> &'static str {
        T::COLLECTION
    }

    fn shards(&self) -> Vec<u32> {
        self.changes.keys().copied().collect()
    }

    fn rewrite(&mut self, shard: u32, stored: Option<String>) -> Result<Option<String>, StoreError> {
        let list = self.changes.get(&shard).map(Vec::as_slice).unwrap_or_default();
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
        let (json, kept) = rewrite_shard(raw, stored).map_err(|e| match e {
            RewriteError::Conflict => StoreError::Conflict,
            RewriteError::Unreadable(e) => StoreError::Corrupt { collection: T::COLLECTION, detail: e.to_string() },
        })?;
        if !self.collection.knows(shard, list, &kept) {
            self.reread.push((shard, json.clone()));
        }
        Ok(json)
    }

    fn release_texts(&mut self) {
        self.texts = None;
    }

    fn finish(self: Box<Self>, shards: Vec<u32>) -> Result<(), StoreError> {
        let collection = self.collection;
        collection.finish(*self, shards)
    }

    fn refresh(&self) -> LocalBoxFuture<'static, ()> {
        let collection = self.collection;
        let shards = self.shards();
        Box::pin(async move {
            let _ = collection.reload_shards(&shards).await;
        })
    }
}

/// Writes `writes` in one transaction: all are written or none is. Then each
/// collection takes its part into memory.
pub(super) async fn write_together(db: Db, writes: Vec<Box<dyn PendingWrite>>) -> Result<(), StoreError> {
    let inner = db.inner();
    let guard = inner.write_lock.lock().await;
    write_locked(db, writes, guard).await
}

/// [`write_together`] with the write lock already held (`_guard`).
pub(super) async fn write_locked<G>(
    db: Db,
    mut writes: Vec<Box<dyn PendingWrite>>,
    _guard: G,
) -> Result<(), StoreError> {
    let inner = db.inner();
    let idb = Db::idb(&inner)?;
    let targets: Vec<(&'static str, Vec<u32>)> = writes.iter().map(|w| (w.store(), w.shards())).collect();
    match idb.modify_many(&targets, |i, shard, stored| writes[i].rewrite(shard, stored)).await {
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

/// Records of one collection to save in the same transaction as another write
/// ([`Collection::save_edit_with`]): the follow-up a form proposes with its record (a
/// callback after a service record, the points of an order). Made by
/// [`Collection::put_along`]; each record is checked against the version of it this tab
/// has seen, as [`Collection::put_many`] does.
pub struct Along(Box<dyn AlongPart>);

impl Along {
    pub(super) fn new<T: Record + Send + Sync>(collection: Collection<T>, records: Vec<T>) -> Along {
        Along(Box::new(Puts { collection, records }))
    }

    /// Its records, if they are of collection `T`.
    pub(super) fn into_records<T: Record + Send + Sync>(self) -> Result<Vec<T>, Along> {
        if self.0.store() != T::COLLECTION {
            return Err(self);
        }
        let puts = self.0.into_any().downcast::<Puts<T>>().expect("one collection name, one record type");
        Ok(puts.records)
    }

    /// `along` gathered by collection, so no collection has two writes in one
    /// transaction (two writes to one shard would each read it before the other wrote).
    pub(super) fn gather(along: Vec<Along>) -> Vec<Along> {
        let mut out: Vec<Along> = Vec::new();
        for a in along {
            match out.iter_mut().find(|o| o.0.store() == a.0.store()) {
                Some(o) => o.0.absorb(a.0.into_any()),
                None => out.push(a),
            }
        }
        out
    }

    /// Waits until its collection is read: the versions seen are in its table.
    pub(super) async fn until_loaded(&self) {
        self.0.until_loaded().await;
    }

    /// Its write, each record paired with the version this tab has seen.
    pub(super) fn prepare(self) -> Box<dyn PendingWrite> {
        self.0.prepare()
    }
}

/// An [`Along`] of any record type.
trait AlongPart {
    fn store(&self) -> &'static str;
    fn until_loaded(&self) -> LocalBoxFuture<'static, ()>;
    fn prepare(self: Box<Self>) -> Box<dyn PendingWrite>;
    /// Takes the records of `other`, of the same collection, in.
    fn absorb(&mut self, other: Box<dyn Any>);
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

/// Records to save into one collection.
struct Puts<T: Record + Send + Sync> {
    collection: Collection<T>,
    records: Vec<T>,
}

impl<T: Record + Send + Sync> AlongPart for Puts<T> {
    fn store(&self) -> &'static str {
        T::COLLECTION
    }

    fn until_loaded(&self) -> LocalBoxFuture<'static, ()> {
        let collection = self.collection;
        Box::pin(async move { collection.until_loaded().await })
    }

    fn prepare(self: Box<Self>) -> Box<dyn PendingWrite> {
        let changes: BTreeMap<u32, Vec<Change<T>>> = by_shard(self.records);
        Box::new(self.collection.prepare(changes))
    }

    fn absorb(&mut self, other: Box<dyn Any>) {
        let other = other.downcast::<Puts<T>>().expect("one collection name, one record type");
        self.records.extend(other.records);
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}
