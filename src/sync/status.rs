//! What the sync is doing, as the header and the sync card say it
//! (`messages::sync_phase`).

use super::SyncError;

/// What the sync is doing, for the header and the sync card.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncPhase {
    /// Not connected to a server (sync is off).
    Off,
    /// Checking the server.
    Connecting,
    /// Exchanging changes: `left` still to go, of `total`.
    Syncing {
        /// Documents still to send or read.
        left: usize,
        /// All of them in this round.
        total: usize,
    },
    /// Everything is on both sides.
    Synced,
    /// The server cannot be reached; `waiting` local changes will go once it can.
    Offline {
        /// Local changes not yet sent.
        waiting: usize,
    },
    /// The server answered with an error that needs the user (password, rights, CORS).
    Failed(SyncError),
    /// Connected, but the password is needed again (not remembered, new session).
    NeedsPassword,
}
