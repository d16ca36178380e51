//! The IndexedDB database: schema versions with ordered upgrade steps, and the few
//! raw operations the collections need. Values are JSON text, one per shard
//! ([`super::table`]); keys are shard numbers.

use std::cell::Cell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::StoreError;

/// The database's schema version; raise it with a new step in [`UPGRADES`].
pub const SCHEMA_VERSION: u32 = 11;

/// The object stores each schema version adds, in order: step `i` takes the database
/// from version `i` to `i + 1`. Steps are never edited once released, only appended.
const UPGRADES: &[&[&str]] = &[
    // 1: the customer files.
    &["customers"],
    // 2: daily service (workbook format 2).
    &["service_records", "callbacks", "tickets", "surveys", "survey_responses", "scripts", "self_checks"],
    // 3: orders and the prospect pipeline (workbook format 3).
    &["orders", "pipeline_stages", "opportunities"],
    // 4: visits and key accounts (also workbook format 3).
    &["visits", "key_accounts", "account_activities", "event_plans"],
    // 5: complaints (workbook format 4).
    &["complaints"],
    // 6: the loyalty points ledger (also workbook format 4).
    &["point_entries"],
    // 7: customer care (also workbook format 4).
    &["care_rules", "care_actions"],
    // 8: personalized service (also workbook format 4).
    &["preferences", "service_rules"],
    // 9: settings in the workbook, the call-center log, the org chart, job
    // descriptions (format 5).
    &["settings", "calls", "org_units", "job_descriptions"],
    // 10: instructors' feedback per exercise (format 6).
    &["feedback"],
    // 11: no new store: shards are written as UTF-8 bytes instead of strings. Both are
    // read, so nothing is converted; the version only makes an older app, which reads
    // strings only, refuse the database instead of calling its shards unreadable.
    &[],
];

/// An open Kehu database.
pub struct Idb {
    db: Database,
    closed: Rc<Cell<bool>>,
    _on_version_change: Closure<dyn FnMut()>,
}

impl Idb {
    /// Opens (creating or upgrading as needed) the database `name`.
    ///
    /// `on_blocked` runs when an upgrade must wait for another open tab that holds an
    /// older version ([`StoreError::Blocked`]); the open then goes on by itself once
    /// that tab lets go. `on_version_change` runs when another tab upgrades the
    /// database; this connection is then closed so that upgrade is not blocked, and
    /// every later operation answers [`StoreError::VersionChanged`].
    pub async fn open(
        name: &str,
        on_blocked: impl Fn() + 'static,
        on_version_change: impl Fn() + 'static,
    ) -> Result<Idb, StoreError> {
        let request = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version() as usize;
                for stores in UPGRADES.iter().skip(old) {
                    for store in *stores {
                        db.create_object_store(store).build()?;
                    }
                }
                Ok(())
            })
            .build()
            .map_err(StoreError::from)?;
        let db = match request.await {
            Ok(db) => db,
            Err(e) => {
                return Err(match StoreError::from(e) {
                    StoreError::NewerDatabase { supported, .. } => {
                        StoreError::NewerDatabase { found: stored_version(name).await.unwrap_or(0), supported }
                    }
                    other => other,
                });
            }
        };
        let closed = Rc::new(Cell::new(false));
        let sys: &web_sys::IdbDatabase = db.as_sys().unchecked_ref();
        let on_change = {
            let closed = closed.clone();
            let sys = sys.clone();
            Closure::<dyn FnMut()>::new(move || {
                closed.set(true);
                sys.close();
                on_version_change();
            })
        };
        sys.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        Ok(Idb { db, closed, _on_version_change: on_change })
    }

    /// Deletes the database `name` (tests and "start over").
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name).map_err(StoreError::from)?.await.map_err(StoreError::from)
    }

    /// Closes the connection.
    pub fn close(&self) {
        self.closed.set(true);
        // A clone is a handle on the same connection.
        self.db.clone().close();
    }

    fn check_open(&self) -> Result<(), StoreError> {
        if self.closed.get() {
            Err(StoreError::VersionChanged)
        } else {
            Ok(())
        }
    }

    /// Every shard value of `store`, or of the shards in `range` only, in one request
    /// either way.
    pub async fn read_all(&self, store: &str, range: Option<std::ops::Range<u32>>) -> Result<Vec<String>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readonly).build()?;
        let os = tx.object_store(store)?;
        let values = match range {
            None => os.get_all::<JsValue>().primitive()?.await?,
            Some(range) => os.get_all::<JsValue>().with_query(range).primitive()?.await?,
        };
        values.map(|v| Ok(stored_text(v?))).filter_map(Result::transpose).collect()
    }

    /// The shards `store` holds, in order: an empty book's collection has none.
    pub async fn shard_keys(&self, store: &str) -> Result<Vec<u32>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readonly).build()?;
        let os = tx.object_store(store)?;
        let keys = os.get_all_keys::<JsValue>().primitive()?.await?;
        // A key that is no shard number (none is written) is left out, as its value
        // would be: reading goes by ranges of shard numbers.
        Ok(keys.filter_map(|k| k.ok()?.as_f64()).map(|k| k as u32).collect())
    }

    /// The values of the given shards of `store` (`None` for an empty shard).
    pub async fn read_shards(&self, store: &str, shards: &[u32]) -> Result<Vec<(u32, Option<String>)>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readonly).build()?;
        let os = tx.object_store(store)?;
        // All requests go out at once; waiting for each in turn would cost a round trip
        // per shard.
        let requests = shards.iter().map(|&b| os.get(b).primitive()).collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(shards.len());
        for (request, &b) in requests.into_iter().zip(shards) {
            let v: Option<JsValue> = request.await?;
            out.push((b, v.and_then(stored_text)));
        }
        Ok(out)
    }

    /// Read-modify-write of shards of `store` in one transaction, so two tabs writing
    /// the same shard cannot lose each other's records. `change` gets each shard's
    /// stored value and returns the new one (`None` deletes the shard). All or nothing:
    /// if anything fails, nothing is written.
    pub async fn modify(
        &self,
        store: &str,
        shards: &[u32],
        mut change: impl FnMut(u32, Option<String>) -> Result<Option<String>, StoreError>,
    ) -> Result<Vec<(u32, Option<String>)>, StoreError> {
        let mut written = Vec::with_capacity(shards.len());
        self.modify_many(&[(store, shards.to_vec())], |_, b, stored| {
            let next = change(b, stored)?;
            written.push((b, next.clone()));
            Ok(next)
        })
        .await?;
        Ok(written)
    }

    /// [`Self::modify`] of shards of several stores in one transaction: `change` gets
    /// the index of the store in `targets`, the shard and its stored value. Returns,
    /// per store, the shards written.
    pub async fn modify_many(
        &self,
        targets: &[(&str, Vec<u32>)],
        mut change: impl FnMut(usize, u32, Option<String>) -> Result<Option<String>, StoreError>,
    ) -> Result<Vec<Vec<u32>>, StoreError> {
        self.check_open()?;
        let names: Vec<&str> = targets.iter().map(|(n, _)| *n).collect();
        let tx = self.db.transaction(names.as_slice()).with_mode(TransactionMode::Readwrite).build()?;
        let sys_tx: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        // Every read goes out at once (a round trip per shard would dominate a bulk
        // write); the writes are queued as each read arrives, and the commit waits for
        // them all.
        let queued = async {
            let mut stores = Vec::with_capacity(targets.len());
            for (name, shards) in targets {
                let os = tx.object_store(name)?;
                let reads = shards.iter().map(|&b| os.get(b).primitive()).collect::<Result<Vec<_>, _>>()?;
                stores.push((os, reads));
            }
            let mut written = Vec::with_capacity(targets.len());
            for (i, ((os, reads), (_, shards))) in stores.into_iter().zip(targets).enumerate() {
                let mut done = Vec::with_capacity(shards.len());
                for (read, &b) in reads.into_iter().zip(shards) {
                    let current: Option<JsValue> = read.await?;
                    let next = change(i, b, current.and_then(stored_text))?;
                    match &next {
                        Some(json) => drop(os.put(to_stored(json)).with_key(b).primitive()?),
                        None => drop(os.delete(b).primitive()?),
                    }
                    done.push(b);
                }
                written.push(done);
            }
            Ok::<_, StoreError>(written)
        };
        // A put that aborts the transaction (a full disk) surfaces at the next read as
        // a bare abort; the transaction's own error says what happened.
        let written = queued.await.map_err(|e| match sys_tx.error() {
            Some(dom) => StoreError::from_dom(&dom.name(), dom.message()),
            None => e,
        })?;
        commit(tx, &sys_tx).await?;
        Ok(written)
    }

    /// Replaces the whole content of each named store in one transaction: every store
    /// is cleared and refilled, or, on any failure, none is touched.
    pub async fn replace_all(&self, stores: &[(&str, Vec<(u32, String)>)]) -> Result<(), StoreError> {
        self.check_open()?;
        let names: Vec<&str> = stores.iter().map(|(n, _)| *n).collect();
        let tx = self.db.transaction(names.as_slice()).with_mode(TransactionMode::Readwrite).build()?;
        let sys_tx: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        for (name, values) in stores {
            let os = tx.object_store(name)?;
            os.clear()?;
            for (b, json) in values {
                // Requests go out when built; the commit below waits for them all.
                drop(os.put(to_stored(json)).with_key(*b).primitive()?);
            }
        }
        commit(tx, &sys_tx).await
    }
}

/// A shard's text as stored: its UTF-8 bytes. A JS string would cost a conversion to
/// UTF-16 both ways and twice the space for Chinese text.
fn to_stored(text: &str) -> JsValue {
    js_sys::Uint8Array::from(text.as_bytes()).into()
}

/// A stored shard's text: UTF-8 bytes, or a string as schemas before 11 stored it
/// (`None` for an empty value). Bytes that are not UTF-8 give a text that is no JSON,
/// so the shard is reported unreadable and left alone, like any other broken shard.
fn stored_text(value: JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    let bytes = value.dyn_into::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
    Some(String::from_utf8(bytes).unwrap_or_else(|_| "\u{0}: not UTF-8".to_owned()))
}

/// Commits `tx`; a failure is classified by the transaction's own error (a full disk
/// shows as `QuotaExceededError` there, while the commit only says "aborted").
async fn commit(
    tx: indexed_db_futures::transaction::Transaction<'_>,
    sys: &web_sys::IdbTransaction,
) -> Result<(), StoreError> {
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => Err(match sys.error() {
            Some(dom) => StoreError::from_dom(&dom.name(), dom.message()),
            None => StoreError::from(e),
        }),
    }
}

/// The version of the database `name` as stored, without upgrading it.
async fn stored_version(name: &str) -> Option<u32> {
    let db = Database::open(name).await.ok()?;
    let v = db.version() as u32;
    db.close();
    Some(v)
}
