//! Persistence: the in-memory working set ([`table`]) and, in the browser, IndexedDB
//! behind one generic, write-through API ([`Collection`]).

pub mod table;

#[cfg(target_arch = "wasm32")]
mod collection;
#[cfg(target_arch = "wasm32")]
mod error;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod notes;
#[cfg(target_arch = "wasm32")]
pub mod prefs;

#[cfg(target_arch = "wasm32")]
pub use collection::{Collection, Db, IdSet, Stores, Trashed};
#[cfg(target_arch = "wasm32")]
pub use error::{MergeError, Refusal, StoreError};
pub use table::{bucket_of, Table, BUCKETS};
