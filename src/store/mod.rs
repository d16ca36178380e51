//! Persistence: the in-memory working set ([`table`]) and, in the browser, IndexedDB
//! behind one generic, write-through API ([`Collection`]).
//!
//! `table`, `shard` (a shard's rewrite as text) and `channel` (the cross-tab change
//! message) are plain Rust, built and tested on the host too; the rest is wasm32 only.

pub mod channel;
pub mod shard;
pub mod table;

#[cfg(target_arch = "wasm32")]
mod cascade;
#[cfg(target_arch = "wasm32")]
mod collection;
#[cfg(target_arch = "wasm32")]
pub mod couch;
#[cfg(target_arch = "wasm32")]
mod db;
#[cfg(target_arch = "wasm32")]
mod error;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod notes;
#[cfg(target_arch = "wasm32")]
pub mod prefs;
#[cfg(target_arch = "wasm32")]
mod stores;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
mod together;

#[cfg(target_arch = "wasm32")]
pub use collection::Collection;
#[cfg(target_arch = "wasm32")]
pub use db::Db;
#[cfg(target_arch = "wasm32")]
pub use error::{MergeError, Refusal, StoreError};
#[cfg(target_arch = "wasm32")]
pub use stores::{IdSet, Stores, Trashed};
pub use table::{shard_of, Table, SHARDS};
#[cfg(target_arch = "wasm32")]
pub use together::Along;
