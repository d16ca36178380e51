//! A small client of the CouchDB HTTP API, over the browser's `fetch`: just what sync
//! and the class hand-in need. Every request has a time limit, and every failure is a
//! [`SyncError`] the sync card can word.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCredentials, RequestInit, RequestMode, Response};

use crate::sync::{RemoteChange, SyncError};

/// How long an ordinary request may take.
pub const TIMEOUT_MS: i32 = 30_000;

/// A CouchDB server and one of its databases, with the credentials to use.
#[derive(Clone, Debug, PartialEq)]
pub struct Couch {
    /// The server's address, checked, without a trailing `/`.
    pub server: String,
    /// The database's name.
    pub db: String,
    /// `Basic …` for the user's name and password; `None` to rely on a session cookie.
    auth: Option<String>,
}

/// A raw answer: the status and the body's text.
struct Answer {
    status: u16,
    body: String,
}

/// One result of `_bulk_docs`.
#[derive(Debug, Clone, Deserialize)]
pub struct BulkResult {
    /// The document's id.
    pub id: String,
    /// Its new revision, when written.
    #[serde(default)]
    pub rev: Option<String>,
    /// `conflict`, `forbidden`… when not written.
    #[serde(default)]
    pub error: Option<String>,
    /// The server's words for the error.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A page of the `_changes` feed.
#[derive(Debug, Clone, Deserialize)]
pub struct ChangesPage {
    /// The changes, oldest first.
    pub results: Vec<RemoteChange>,
    /// Where the next page starts (a number on PouchDB Server, a string on CouchDB).
    pub last_seq: Value,
}

#[derive(Deserialize)]
struct AllDocsRow {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    value: Option<AllDocsValue>,
    #[serde(default)]
    doc: Option<Value>,
}

#[derive(Deserialize)]
struct AllDocsValue {
    #[serde(default)]
    deleted: bool,
}

impl Couch {
    /// The database `db` of `server` (checked with [`crate::sync::check_url`]), with
    /// the user's name and password, or none to use a session the browser holds.
    pub fn new(server: &str, db: &str, user: &str, password: &str) -> Result<Couch, SyncError> {
        let server = crate::sync::check_url(server)?;
        let auth = (!user.is_empty()).then(|| {
            let text = format!("{user}:{password}");
            format!("Basic {}", base64(&text))
        });
        Ok(Couch { server, db: db.to_owned(), auth })
    }

    /// The same server and credentials, another database.
    pub fn with_db(&self, db: &str) -> Couch {
        Couch { db: db.to_owned(), ..self.clone() }
    }

    /// Checks the server and the database: it is CouchDB, the credentials are right,
    /// and the database exists, or is created when `create` and the user may.
    pub async fn connect(&self, create: bool) -> Result<(), SyncError> {
        let root = self.request("GET", "", None, TIMEOUT_MS).await?;
        // CouchDB checks basic credentials on every request, the welcome included.
        if root.status == 401 && self.auth.is_some() {
            return Err(SyncError::Unauthorized);
        }
        let welcome: Value = serde_json::from_str(&root.body).map_err(|_| SyncError::NotCouch)?;
        if welcome.get("couchdb").is_none() && welcome.get("express-pouchdb").is_none() {
            return Err(SyncError::NotCouch);
        }
        let db = self.request("GET", &self.path(""), None, TIMEOUT_MS).await?;
        match db.status {
            200 => Ok(()),
            // The password is right (the welcome passed): the user is no member.
            401 | 403 => Err(SyncError::Forbidden(self.db.clone())),
            // Only a server admin creates databases in CouchDB 3: ask who this is first
            // rather than try (a refused try also brings PouchDB Server 4.2 down).
            404 if create && !self.is_server_admin().await? => Err(SyncError::NoDatabase(self.db.clone())),
            404 if create => self.create_db().await.map(|_| ()),
            404 => Err(SyncError::NoDatabase(self.db.clone())),
            _ => answer_ok(&db),
        }
    }

    /// How many documents the database holds, deletions included (what a first
    /// read of its changes goes through).
    pub async fn doc_total(&self) -> Result<u64, SyncError> {
        let a = self.request("GET", &self.path(""), None, TIMEOUT_MS).await?;
        answer_ok(&a)?;
        let info: Value = read(&a.body)?;
        let count = |k: &str| info.get(k).and_then(Value::as_u64).unwrap_or(0);
        Ok(count("doc_count") + count("doc_del_count"))
    }

    /// Creates the database: `Ok(true)` when made, `Ok(false)` when it was there
    /// already; [`SyncError::NoDatabase`] when this account may not create it (ask
    /// [`Self::is_server_admin`] first: a refused try brings PouchDB Server 4.2 down).
    pub async fn create_db(&self) -> Result<bool, SyncError> {
        let made = self.request("PUT", &self.path(""), None, TIMEOUT_MS).await?;
        match made.status {
            201 | 202 => Ok(true),
            412 => Ok(false),
            401 | 403 => Err(SyncError::NoDatabase(self.db.clone())),
            _ => answer_ok(&made).map(|()| true),
        }
    }

    /// Whether the user (or the browser's session) is a server admin.
    pub async fn is_server_admin(&self) -> Result<bool, SyncError> {
        let a = self.request("GET", "_session", None, TIMEOUT_MS).await?;
        answer_ok(&a)?;
        let session: Value = read(&a.body)?;
        Ok(session
            .pointer("/userCtx/roles")
            .and_then(Value::as_array)
            .is_some_and(|roles| roles.iter().any(|r| r == "_admin")))
    }

    /// Writes documents (`{"docs": […]}` as text) and says what became of each.
    pub async fn bulk_docs(&self, body: String) -> Result<Vec<BulkResult>, SyncError> {
        let a = self.request("POST", &self.path("_bulk_docs"), Some(body), TIMEOUT_MS).await?;
        answer_ok(&a)?;
        read(&a.body)
    }

    /// A page of at most `limit` changes after `since`; with `wait_ms`, waits that long
    /// for a change when there is none yet (a long poll).
    pub async fn changes(&self, since: &str, limit: usize, wait_ms: Option<i32>) -> Result<ChangesPage, SyncError> {
        let mut path = format!(
            "_changes?include_docs=true&conflicts=true&limit={limit}&since={}",
            String::from(js_sys::encode_uri_component(since))
        );
        let mut timeout = TIMEOUT_MS;
        if let Some(ms) = wait_ms {
            path.push_str(&format!("&feed=longpoll&timeout={ms}"));
            timeout += ms;
        }
        let a = self.request("GET", &self.path(&path), None, timeout).await?;
        answer_ok(&a)?;
        read(&a.body)
    }

    /// The documents with `ids` as they are now (deleted ones as deletions).
    pub async fn docs(&self, ids: &[String]) -> Result<Vec<RemoteChange>, SyncError> {
        let body = serde_json::json!({ "keys": ids }).to_string();
        let a = self
            .request("POST", &self.path("_all_docs?include_docs=true&conflicts=true"), Some(body), TIMEOUT_MS)
            .await?;
        answer_ok(&a)?;
        #[derive(Deserialize)]
        struct Rows {
            rows: Vec<AllDocsRow>,
        }
        let rows: Rows = read(&a.body)?;
        Ok(rows
            .rows
            .into_iter()
            .filter_map(|r| {
                let id = r.id.or(r.key)?;
                let deleted = r.value.is_some_and(|v| v.deleted);
                (deleted || r.doc.is_some()).then_some(RemoteChange { id, deleted, doc: r.doc })
            })
            .collect())
    }

    /// One document of the database, `None` when there is none.
    pub async fn get<T: DeserializeOwned>(&self, doc: &str) -> Result<Option<T>, SyncError> {
        let a = self.request("GET", &self.path(&encode_id(doc)), None, TIMEOUT_MS).await?;
        if a.status == 404 {
            return Ok(None);
        }
        answer_ok(&a)?;
        read(&a.body).map(Some)
    }

    /// Revision `rev` of document `doc` (a conflict branch), `None` when the server
    /// no longer has it.
    pub async fn get_rev(&self, doc: &str, rev: &str) -> Result<Option<Value>, SyncError> {
        let path = format!("{}?rev={}", encode_id(doc), String::from(js_sys::encode_uri_component(rev)));
        let a = self.request("GET", &self.path(&path), None, TIMEOUT_MS).await?;
        if a.status == 404 {
            return Ok(None);
        }
        answer_ok(&a)?;
        read(&a.body).map(Some)
    }

    /// Writes one document (the body carries `_rev` when it replaces one); its new
    /// revision.
    pub async fn put(&self, doc: &str, body: String) -> Result<String, SyncError> {
        let a = self.request("PUT", &self.path(&encode_id(doc)), Some(body), TIMEOUT_MS).await?;
        answer_ok(&a)?;
        #[derive(Deserialize)]
        struct Put {
            rev: String,
        }
        read::<Put>(&a.body).map(|p| p.rev)
    }

    /// A request to the server's own API (`_users`, `_security`), outside any database.
    pub async fn put_raw(&self, path: &str, body: String) -> Result<(), SyncError> {
        let a = self.request("PUT", path, Some(body), TIMEOUT_MS).await?;
        answer_ok(&a)
    }

    /// Whether the server can be reached at all (the network is up and the server runs).
    pub async fn reachable(&self) -> bool {
        self.request("GET", "", None, 5_000).await.is_ok()
    }

    fn path(&self, rest: &str) -> String {
        let db = String::from(js_sys::encode_uri_component(&self.db));
        if rest.is_empty() {
            db
        } else {
            format!("{db}/{rest}")
        }
    }

    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        timeout_ms: i32,
    ) -> Result<Answer, SyncError> {
        let url = format!("{}/{path}", self.server);
        let window = web_sys::window().ok_or(SyncError::Unreachable)?;
        let controller = AbortController::new().map_err(|_| SyncError::Unreachable)?;
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        init.set_credentials(RequestCredentials::Include);
        init.set_signal(Some(&controller.signal()));
        let headers = Headers::new().map_err(|_| SyncError::Unreachable)?;
        let _ = headers.set("Accept", "application/json");
        if body.is_some() {
            let _ = headers.set("Content-Type", "application/json");
        }
        if let Some(auth) = &self.auth {
            let _ = headers.set("Authorization", auth);
        }
        init.set_headers(&headers);
        if let Some(body) = &body {
            init.set_body(&JsValue::from_str(body));
        }
        let request = Request::new_with_str_and_init(&url, &init).map_err(|_| SyncError::BadUrl)?;
        // Dropped before it answers (the page stopped waiting): the request is aborted,
        // so no connection is left hanging on the server.
        let _abort_on_drop = AbortOnDrop(controller.clone());
        let abort = controller.clone();
        let timer = leptos::prelude::set_timeout_with_handle(
            move || abort.abort(),
            std::time::Duration::from_millis(timeout_ms as u64),
        )
        .ok();
        let result = async {
            let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|e| {
                if controller.signal().aborted() {
                    SyncError::Timeout
                } else {
                    let _ = e;
                    SyncError::Unreachable
                }
            })?;
            let response: Response = response.dyn_into().map_err(|_| SyncError::Unreachable)?;
            let status = response.status();
            let text = response.text().map_err(|_| SyncError::Garbage(String::new()))?;
            let body = JsFuture::from(text).await.map_err(|_| {
                if controller.signal().aborted() {
                    SyncError::Timeout
                } else {
                    SyncError::Unreachable
                }
            })?;
            Ok(Answer { status, body: body.as_string().unwrap_or_default() })
        }
        .await;
        if let Some(t) = timer {
            t.clear();
        }
        match result {
            Err(SyncError::Unreachable) => Err(self.why_unreachable(&url).await),
            other => other,
        }
    }

    /// Tells CORS apart from no server at all: a `no-cors` request succeeds (with an
    /// answer the page may not read) when the server is there.
    async fn why_unreachable(&self, url: &str) -> SyncError {
        let Some(window) = web_sys::window() else { return SyncError::Unreachable };
        let init = RequestInit::new();
        init.set_method("GET");
        init.set_mode(RequestMode::NoCors);
        let Ok(request) = Request::new_with_str_and_init(url, &init) else { return SyncError::Unreachable };
        match JsFuture::from(window.fetch_with_request(&request)).await {
            Ok(_) => SyncError::Cors,
            Err(_) => SyncError::Unreachable,
        }
    }
}

/// Aborts its request when dropped: a long poll given up for a local change must not
/// hold one of the browser's few connections to the server until it times out.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// An error for any status but 2xx, from CouchDB's `{"error", "reason"}`.
fn answer_ok(a: &Answer) -> Result<(), SyncError> {
    if (200..300).contains(&a.status) {
        return Ok(());
    }
    let reason = serde_json::from_str::<Value>(&a.body)
        .ok()
        .and_then(|v| v.get("reason").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| a.body.chars().take(200).collect());
    Err(match a.status {
        401 => SyncError::Unauthorized,
        403 => SyncError::Forbidden(reason),
        status => SyncError::Http { status, reason },
    })
}

fn read<T: DeserializeOwned>(body: &str) -> Result<T, SyncError> {
    serde_json::from_str(body).map_err(|e| SyncError::Garbage(e.to_string()))
}

/// A document id in a URL: `_design/x` keeps its slash, everything else is encoded.
fn encode_id(id: &str) -> String {
    match id.strip_prefix("_design/") {
        Some(rest) => format!("_design/{}", String::from(js_sys::encode_uri_component(rest))),
        None => String::from(js_sys::encode_uri_component(id)),
    }
}

/// Base64 of `text`'s UTF-8 bytes, as HTTP basic authentication wants it (the
/// browser's `btoa` reads each char as one byte).
fn base64(text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    web_sys::window().and_then(|w| w.btoa(&bytes).ok()).unwrap_or_default()
}
