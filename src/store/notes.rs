//! A small store of texts by key, in an IndexedDB database of its own, for state of
//! this browser that is not part of the book and not a mere preference: the
//! instructor's review drafts ([`Shelf::Drafts`]) and the class's opened files
//! ([`Shelf::Files`], kept until closed). One entry per key, so one large entry never
//! stops the others from being saved (localStorage keeps a few megabytes for the whole
//! site).

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsCast;

use super::StoreError;

/// The object stores of the database, by the version that added them.
const UPGRADES: [&[&str]; 3] = [&["entries"], &["files"], &["sync"]];

/// One of the database's object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// The review drafts, one entry per student (object store `entries`).
    Drafts,
    /// The opened class files, one entry per file (object store `files`).
    Files,
    /// What each book last exchanged with its sync server (`store::sync`).
    Sync,
}

impl Shelf {
    fn store(self) -> &'static str {
        match self {
            Shelf::Drafts => "entries",
            Shelf::Files => "files",
            Shelf::Sync => "sync",
        }
    }
}

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
            .with_version(UPGRADES.len() as u32)
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
            .map_err(StoreError::from)?
            .await
            .map_err(StoreError::from)?;
        Ok(Notes { db })
    }

    /// Every entry of `shelf`, as (key, text).
    pub async fn read_all(&self, shelf: Shelf) -> Result<Vec<(String, String)>, StoreError> {
        let store = shelf.store();
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readonly).build()?;
        let os = tx.object_store(store)?;
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

    /// Saves `text` under `key` in `shelf`, replacing what was there. A failure (a
    /// full disk) comes back as the browser named it.
    pub async fn put(&self, shelf: Shelf, key: &str, text: &str) -> Result<(), StoreError> {
        let value = serde_json::to_string(&Entry { key: key.to_owned(), text: text.to_owned() })
            .map_err(|e| StoreError::Other(e.to_string()))?;
        self.write(shelf, |os| {
            drop(os.put(wasm_bindgen::JsValue::from_str(&value)).with_key(key.to_owned()).primitive()?);
            Ok(())
        })
        .await
    }

    /// Puts every `(key, text)` of `entries` in one transaction.
    pub async fn put_many(&self, shelf: Shelf, entries: &[(String, String)]) -> Result<(), StoreError> {
        let values: Vec<(String, String)> = entries
            .iter()
            .map(|(key, text)| {
                serde_json::to_string(&Entry { key: key.clone(), text: text.clone() })
                    .map(|v| (key.clone(), v))
                    .map_err(|e| StoreError::Other(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        self.write(shelf, |os| {
            for (key, value) in values {
                drop(os.put(wasm_bindgen::JsValue::from_str(&value)).with_key(key).primitive()?);
            }
            Ok(())
        })
        .await
    }

    /// Removes the entries with `keys`, in one transaction.
    pub async fn delete_many(&self, shelf: Shelf, keys: &[String]) -> Result<(), StoreError> {
        self.write(shelf, |os| {
            for key in keys {
                drop(os.delete(key.clone()).primitive()?);
            }
            Ok(())
        })
        .await
    }

    /// Removes every entry of `shelf`.
    pub async fn clear(&self, shelf: Shelf) -> Result<(), StoreError> {
        self.write(shelf, |os| {
            os.clear()?;
            Ok(())
        })
        .await
    }

    /// One read-write transaction on `shelf`, its requests made by `requests`.
    async fn write(
        &self,
        shelf: Shelf,
        requests: impl FnOnce(&indexed_db_futures::object_store::ObjectStore<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let store = shelf.store();
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
        let sys_tx: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        let os = tx.object_store(store)?;
        requests(&os)?;
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
