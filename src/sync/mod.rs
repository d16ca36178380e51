//! Sync with a CouchDB database: how a record becomes a CouchDB document and back
//! ([`doc`]), and what a sync does with each change on either side ([`plan`]), the
//! conflict rule included. Plain Rust, tested on the host; the HTTP client and the
//! engine that runs it in the browser are `store::couch` and `store::sync`.

pub mod doc;
pub mod error;
pub mod plan;
pub mod status;

pub use doc::{doc_id, split_doc_id, BadDoc, BadDocReason, RemoteChange, RemoteDoc};
pub use error::{check_db_name, check_url, SyncError};
pub use plan::{decide, decide_deleted, winner, winner_of, Decision, DeletedDecision, Side, SyncConflict, Synced};
pub use status::SyncPhase;
