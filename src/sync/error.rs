//! What can go wrong talking to a CouchDB server, typed so the sync card can say
//! plainly what to fix (`messages::sync_error`).

/// A failed exchange with the sync server.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// The address is not `https://`, and not `http://` to this computer.
    #[error("the server address must use https")]
    InsecureUrl,
    /// The address cannot be read as a URL.
    #[error("not a server address")]
    BadUrl,
    /// No answer at all: wrong address, server down, or no network.
    #[error("the server cannot be reached")]
    Unreachable,
    /// The server answers, but the browser may not read its answers: CORS is not
    /// enabled for this site on the server.
    #[error("the server does not allow this site (CORS)")]
    Cors,
    /// No answer within the time allowed.
    #[error("the server did not answer in time")]
    Timeout,
    /// The server answered, but not as CouchDB does.
    #[error("not a CouchDB server")]
    NotCouch,
    /// Wrong user name or password.
    #[error("wrong user name or password")]
    Unauthorized,
    /// The user may not do this (not a member of the database, or a rule of the
    /// database refused the write).
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// The database does not exist and this user may not create it.
    #[error("no database {0}, and no right to create it")]
    NoDatabase(String),
    /// The server answered with an error status.
    #[error("server error {status}: {reason}")]
    Http {
        /// The HTTP status.
        status: u16,
        /// CouchDB's `reason`, or the body's start.
        reason: String,
    },
    /// The answer could not be read.
    #[error("unreadable answer: {0}")]
    Garbage(String),
    /// Saving the sync's own state or the records in the browser failed.
    #[error("local storage: {0}")]
    Local(String),
    /// The sync's own code (a chunk fetched on first use) could not be loaded.
    #[error("the sync's code could not be loaded")]
    CodeNotLoaded,
}

/// Checks a server address typed by the user: `https://`, or `http://` to this
/// computer only (a password must never cross a network in clear). Returns it without
/// a trailing `/`.
pub fn check_url(url: &str) -> Result<String, SyncError> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").ok_or(SyncError::BadUrl)?;
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = host_port.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default().to_owned()
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(SyncError::BadUrl);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(url.to_owned()),
        "http" if matches!(host.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "[::1]") => {
            Ok(url.to_owned())
        }
        "http" => Err(SyncError::InsecureUrl),
        _ => Err(SyncError::BadUrl),
    }
}

/// Checks a database name as CouchDB allows it: a lowercase letter, then lowercase
/// letters, digits and `_$()+-/`.
pub fn check_db_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_required_except_on_this_computer() {
        assert_eq!(check_url("https://couch.example.com/").unwrap(), "https://couch.example.com");
        assert_eq!(check_url(" http://127.0.0.1:5984 ").unwrap(), "http://127.0.0.1:5984");
        assert_eq!(check_url("http://localhost:5984/").unwrap(), "http://localhost:5984");
        assert_eq!(check_url("http://couch.example.com"), Err(SyncError::InsecureUrl));
        // A host that only starts like loopback is another host.
        assert_eq!(check_url("http://localhost.evil.example"), Err(SyncError::InsecureUrl));
        assert_eq!(check_url("http://127.0.0.1.evil.example:80"), Err(SyncError::InsecureUrl));
        assert_eq!(check_url("http://localhost@evil.example"), Err(SyncError::InsecureUrl));
        assert_eq!(check_url("couch.example.com"), Err(SyncError::BadUrl));
        assert_eq!(check_url("ftp://couch.example.com"), Err(SyncError::BadUrl));
        assert_eq!(check_url("https://"), Err(SyncError::BadUrl));
    }

    #[test]
    fn database_names_follow_couchdb() {
        assert!(check_db_name("kehu-shop"));
        assert!(check_db_name("kehu_2026"));
        assert!(!check_db_name("Kehu"));
        assert!(!check_db_name("2026"));
        assert!(!check_db_name(""));
        assert!(!check_db_name("茶叶店"));
    }
}
