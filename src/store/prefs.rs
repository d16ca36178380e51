//! Small preferences in localStorage (language, theme, owner, last export). Data never
//! goes here: it lives in IndexedDB.

use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

/// Reads preference `key`, or `None` when absent or unreadable.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

/// Writes preference `key`; a full or disabled localStorage only loses the preference.
pub fn set<T: Serialize>(key: &str, value: &T) {
    let _ = LocalStorage::set(key, value);
}

/// Forgets preference `key`.
pub fn remove(key: &str) {
    LocalStorage::delete(key);
}
