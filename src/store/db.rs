//! The handle on the open database that every collection shares: the IndexedDB
//! connection, the tab's write lock, the cross-tab change channel and who listens to
//! it, and the writes waiting for a collection still loading.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::lock::Mutex;
use leptos::prelude::*;

use super::channel::Channel;
use super::idb::Idb;
use super::StoreError;

/// Re-reads shards another tab changed.
pub(super) type ShardListener = Rc<dyn Fn(Vec<u32>)>;

pub(super) struct DbInner {
    /// `None` for a read-only book held in memory only (a student's workbook an
    /// instructor reviews): every write is refused with [`StoreError::ReadOnly`].
    idb: Option<Idb>,
    /// One write at a time per tab, so each write sees the previous one.
    pub(super) write_lock: Mutex<()>,
    channel: Option<Channel>,
    /// Per collection, what to do when another tab changed shards of it.
    pub(super) listeners: RefCell<Vec<(&'static str, ShardListener)>>,
    /// Writes waiting for a collection still loading in the background.
    pub(super) waiting: RefCell<Vec<(&'static str, oneshot::Sender<()>)>>,
}

/// A handle on the open database, cheap to copy into components and async tasks.
#[derive(Clone, Copy)]
pub struct Db {
    pub(super) inner: StoredValue<Rc<DbInner>, LocalStorage>,
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
        let inner = Rc::new_cyclic(|weak: &std::rc::Weak<DbInner>| {
            let weak = weak.clone();
            let channel = Channel::join(name, move |collection, shards| {
                let Some(inner) = weak.upgrade() else { return };
                let listeners: Vec<_> =
                    inner.listeners.borrow().iter().filter(|(c, _)| *c == collection).map(|(_, f)| f.clone()).collect();
                for f in listeners {
                    f(shards.clone());
                }
            });
            DbInner {
                idb: Some(idb),
                write_lock: Mutex::new(()),
                channel,
                listeners: RefCell::new(Vec::new()),
                waiting: RefCell::new(Vec::new()),
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

    pub(super) fn inner(&self) -> Rc<DbInner> {
        self.inner.get_value()
    }

    /// The IndexedDB connection, or [`StoreError::ReadOnly`].
    pub(super) fn idb(inner: &DbInner) -> Result<&Idb, StoreError> {
        inner.idb.as_ref().ok_or(StoreError::ReadOnly)
    }

    /// Tells the other tabs that `shards` of `collection` were written.
    pub(super) fn announce(&self, collection: &str, shards: &[u32]) {
        if let Some(ch) = &self.inner().channel {
            ch.announce(collection, shards);
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

/// A `performance.mark`, so a profile can tell where a cold start or an import spends
/// its time.
pub(super) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
