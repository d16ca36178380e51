//! A small store of texts by key, in an IndexedDB database of its own, for state of
//! this browser that is not part of the book and not a mere preference: the
//! instructor's review drafts. One entry per key, so one large entry never stops the
//! others from being saved (localStorage keeps a few megabytes for the whole site).

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsCast;

use super::StoreError;

const STORE: &str = "entries";

/// An open notes database.
pub struct Notes {
    db: Database,
}

/// One entry as stored: its key travels with it, so one read returns both.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    key: String,
    text: String,
}

impl Notes {
    /// Opens (creating if needed) the notes database `name`.
    pub async fn open(name: &str) -> Result<Notes, StoreError> {
        let db = Database::open(name)
            .with_version(1u32)
            .with_on_upgrade_needed(|_, db| {
                db.create_object_store(STORE).build()?;
                Ok(())
            })
            .build()
            .map_err(StoreError::from)?
            .await
            .map_err(StoreError::from)?;
        Ok(Notes { db })
    }

    /// Every entry, as (key, text).
    pub async fn read_all(&self) -> Result<Vec<(String, String)>, StoreError> {
        let tx = self.db.transaction(STORE).with_mode(TransactionMode::Readonly).build()?;
        let os = tx.object_store(STORE)?;
        let values = os.get_all::<wasm_bindgen::JsValue>().primitive()?.await?;
        let mut out = Vec::new();
        for value in values {
            // An entry that is not ours (or damaged) is skipped, not fatal.
            if let Some(entry) = value?.as_string().and_then(|s| serde_json::from_str::<Entry>(&s).ok()) {
                out.push((entry.key, entry.text));
            }
        }
        Ok(out)
    }

    /// Saves `text` under `key`, replacing what was there. A failure (a full disk)
    /// comes back as the browser named it.
    pub async fn put(&self, key: &str, text: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(STORE).with_mode(TransactionMode::Readwrite).build()?;
        let sys_tx: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        let os = tx.object_store(STORE)?;
        let value = serde_json::to_string(&Entry { key: key.to_owned(), text: text.to_owned() })
            .map_err(|e| StoreError::Other(e.to_string()))?;
        drop(os.put(wasm_bindgen::JsValue::from_str(&value)).with_key(key.to_owned()).primitive()?);
        match tx.commit().await {
            Ok(()) => Ok(()),
            Err(e) => Err(match sys_tx.error() {
                Some(dom) => StoreError::from_dom(&dom.name(), dom.message()),
                None => StoreError::from(e),
            }),
        }
    }

    /// Closes the connection.
    pub fn close(self) {
        self.db.close();
    }
}
