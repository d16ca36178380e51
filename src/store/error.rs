//! What can go wrong with storage, typed so the UI can say it clearly
//! (`messages::store_error`).

/// A storage failure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// The browser has no room left for this site's data.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// Another open tab holds an older version of the database and blocks the upgrade.
    #[error("database upgrade blocked by another tab")]
    Blocked,
    /// The database was written by a newer version of the app.
    #[error("database version {found} is newer than this app's {supported}")]
    NewerDatabase {
        /// The version found in the browser.
        found: u32,
        /// The version this app knows.
        supported: u32,
    },
    /// Another tab upgraded the database; this tab must reload.
    #[error("the database was upgraded in another tab")]
    VersionChanged,
    /// Another tab changed a record after this tab last read it; nothing was written.
    #[error("the record was changed in another tab")]
    Conflict,
    /// IndexedDB cannot be used here (private mode in some browsers, or disabled).
    #[error("IndexedDB is not available")]
    Unavailable,
    /// Stored data that cannot be read back.
    #[error("stored data of {collection} cannot be read: {detail}")]
    Corrupt {
        /// The collection.
        collection: &'static str,
        /// The parser's words.
        detail: String,
    },
    /// A record cannot be deleted while others refer to it (a pipeline stage that
    /// opportunities are on).
    #[error("{collection} is still referred to by {by}")]
    InUse {
        /// The collection of the record to delete.
        collection: &'static str,
        /// The field that refers to it.
        by: &'static str,
    },
    /// The book is open read-only (a student's workbook under review).
    #[error("the workbook is open read-only")]
    ReadOnly,
    /// A checked write ([`super::Collection::put_checked`]) refused by its check on the
    /// stored state; nothing was written.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The code that reads the rest of the book (a chunk fetched at start) could not
    /// be loaded: those collections stay unread, and writes to them wait.
    #[error("the code that reads the book could not be loaded")]
    CodeNotLoaded,
    /// Any other failure, with the browser's words.
    #[error("storage error: {0}")]
    Other(String),
}

/// Why a checked write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The write would take a balance (points) below zero; `available` is what the
    /// stored ledger holds.
    #[error("the balance would go below zero ({available} available)")]
    BelowZero {
        /// The balance in the store when the write was tried.
        available: i64,
    },
}

impl StoreError {
    /// Classifies a browser exception by its name.
    pub(crate) fn from_dom(name: &str, message: String) -> Self {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "VersionError" => StoreError::NewerDatabase { found: 0, supported: super::idb::SCHEMA_VERSION },
            "InvalidStateError" if message.contains("closing") || message.contains("closed") => {
                StoreError::VersionChanged
            }
            _ => StoreError::Other(if message.is_empty() { name.to_owned() } else { message }),
        }
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        use indexed_db_futures::error::Error;
        match e {
            Error::DomException(d) => {
                let sys: web_sys::DomException = d.into();
                StoreError::from_dom(&sys.name(), sys.message())
            }
            other => StoreError::Other(other.to_string()),
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        use indexed_db_futures::error::OpenDbError;
        match e {
            OpenDbError::Base(base) => base.into(),
            OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => StoreError::Unavailable,
            other => StoreError::Other(other.to_string()),
        }
    }
}

/// Why a merge wrote nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    /// The book it would make breaks rules between records that keeping the book's
    /// version of a record cannot mend.
    #[error(transparent)]
    Refused(#[from] crate::workbook::MergeRefused),
    /// The write failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}
