//! Two-way sync of the book with a CouchDB database ([`crate::sync`] says how records
//! map to documents and the conflict rule).
//!
//! What this device last exchanged with the server is kept per document (revision and
//! `updated_at`) in the notes database, so the changes still to send are the records
//! whose `updated_at` differs from it: nothing is queued apart from the book itself,
//! and a sync cut off anywhere resumes from the last saved point. The server's changes
//! come from its `_changes` feed after the saved checkpoint and go into the book
//! through the store's merge, so the book stays whole: a record whose reference has not
//! arrived yet waits (and is saved as waiting) until it has.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::future::Future;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::channel::mpsc;
use futures::{FutureExt, StreamExt};
use leptos::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::couch::Couch;
use super::notes::{Notes, Shelf};
use super::{MergeError, Stores};
use crate::model::{Collections, Record};
use crate::split::{ChunkError, LocalTask};
use crate::sync::doc::{read_record, RecordDoc, Tombstone};
use crate::sync::{
    decide, decide_deleted, doc_id, BadDoc, Decision, DeletedDecision, RemoteChange, RemoteDoc, Side, SyncConflict,
    SyncError, SyncPhase, Synced,
};
use crate::workbook::MergeRule;

/// The notes database the sync state is kept in.
const NOTES_DB: &str = "kehu-review";
/// Documents per `_bulk_docs` write and per long-polled `_changes` page.
const BATCH: usize = 500;
/// Documents read before they are taken into the book while catching up.
const TAKE_EVERY: usize = 10_000;
/// Documents per `_changes` page while catching up: each page is checked with the
/// whole book (the merge), so fewer, larger pages make a first sync faster.
const CATCH_UP: usize = 2_000;
/// How long a long poll of `_changes` waits for a change.
const LONG_POLL_MS: i32 = 20_000;
/// The least time between two saves of the sync state during a long exchange.
const SAVE_EVERY_MS: f64 = 3_000.0;
/// At most this many conflicts and bad documents are kept listed.
const KEEP_LISTED: usize = 500;

/// Where the book syncs to, as the user typed it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncSettings {
    /// The server's address.
    pub server: String,
    /// The database's name.
    pub db: String,
    /// The CouchDB user; empty to use a session the browser already holds.
    pub user: String,
    /// The password, saved only when `remember` is set (else kept for the session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// "Remember on this device".
    #[serde(default)]
    pub remember: bool,
}

/// The sync's status as the header and the card show it.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncStatus {
    /// What it is doing.
    pub phase: SyncPhase,
    /// When the last full exchange finished.
    pub last_ok: Option<DateTime<Utc>>,
}

/// What is saved per book between sessions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Saved {
    settings: Option<SyncSettings>,
    seq: Option<String>,
    last_ok: Option<DateTime<Utc>>,
}

/// What was last synced of each document, in the shards it is saved in (a page of
/// changes rewrites only the shards it touched).
struct SyncedMap {
    shards: Vec<FxHashMap<String, Synced>>,
}

impl SyncedMap {
    fn new() -> Self {
        SyncedMap { shards: (0..crate::store::SHARDS).map(|_| FxHashMap::default()).collect() }
    }

    fn get(&self, doc: &str) -> Option<&Synced> {
        self.shards[crate::store::shard_of(doc) as usize].get(doc)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Synced)> {
        self.shards.iter().flatten()
    }

    fn clear(&mut self) {
        self.shards.iter_mut().for_each(FxHashMap::clear);
    }
}

struct State {
    couch: Option<Couch>,
    seq: String,
    synced: SyncedMap,
    dirty: BTreeSet<u32>,
    /// Changes of the server not yet taken (their references have not arrived).
    waiting: Vec<RemoteChange>,
    /// Pushes the server refused for good (`forbidden`): not retried this session.
    refused: BTreeSet<String>,
    /// Bumped to stop a running loop.
    run: u64,
    /// When the state was last saved (`Date.now()`).
    saved_at: f64,
}

struct Inner {
    stores: Stores,
    book: String,
    state: RefCell<State>,
    nudge: RefCell<Option<mpsc::UnboundedSender<()>>>,
}

/// The book's sync: cheap to copy into components.
#[derive(Clone, Copy)]
pub struct Sync {
    inner: StoredValue<Rc<Inner>, LocalStorage>,
    /// The status (tracked).
    pub status: RwSignal<SyncStatus>,
    /// The settings in use, if any (tracked).
    pub settings: RwSignal<Option<SyncSettings>>,
    /// Records both sides changed, with both versions (newest first).
    pub conflicts: RwSignal<Vec<SyncConflict>>,
    /// Documents of the server skipped as not valid records.
    pub bad: RwSignal<Vec<BadDoc>>,
    /// The first round's progress: documents done of all (`None` when idle).
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Documents of the server not taken yet because a record they refer to has not
    /// arrived (their ids): shown, so nothing waits unseen.
    pub waiting: RwSignal<Vec<String>>,
}

impl Sync {
    /// The sync of book `book` (the IndexedDB name): reads what was saved and, if the
    /// book was connected and the password is at hand, starts.
    pub fn start(stores: Stores, book: &str) -> Sync {
        let inner = Rc::new(Inner {
            stores,
            book: book.to_owned(),
            state: RefCell::new(State {
                couch: None,
                seq: "0".into(),
                synced: SyncedMap::new(),
                dirty: BTreeSet::new(),
                waiting: Vec::new(),
                refused: BTreeSet::new(),
                run: 0,
                saved_at: 0.0,
            }),
            nudge: RefCell::new(None),
        });
        let sync = Sync {
            inner: StoredValue::new_local(inner),
            status: RwSignal::new(SyncStatus { phase: SyncPhase::Off, last_ok: None }),
            settings: RwSignal::new(None),
            conflicts: RwSignal::new(Vec::new()),
            bad: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            waiting: RwSignal::new(Vec::new()),
        };
        if stores.db.is_read_only() {
            return sync;
        }
        // Every local change (this tab's or another's) wakes the loop to send it.
        Effect::new(move |_| {
            let _ = stores.counts();
            sync.nudge();
        });
        leptos::task::spawn_local(async move {
            let entries = match sync.saved_entries().await {
                Ok(entries) => entries,
                Err(e) => {
                    sync.status.update(|s| s.phase = SyncPhase::Failed(e));
                    return;
                }
            };
            // A book that was never connected has nothing saved: the sync's code (its
            // own chunk) is then never fetched.
            if entries.is_empty() {
                return;
            }
            stores.until_opened().await;
            sync.run_chunk(sync_resume(sync, entries)).await;
        });
        sync
    }

    fn inner(&self) -> Rc<Inner> {
        self.inner.get_value()
    }

    fn book(&self) -> String {
        self.inner().book.clone()
    }

    fn key(&self, what: &str) -> String {
        format!("{}|{what}", self.book())
    }

    /// Connects the book to `settings` (checking the server first) and starts syncing.
    /// On failure nothing changes and the error says what to fix.
    pub async fn connect(&self, settings: SyncSettings, password: String) -> Result<(), SyncError> {
        let couch = Couch::new(&settings.server, &settings.db, &settings.user, &password)?;
        self.status.update(|s| s.phase = SyncPhase::Connecting);
        if let Err(e) = couch.connect(true).await {
            self.status.update(|s| s.phase = SyncPhase::Off);
            return Err(e);
        }
        let changed_target =
            self.settings.get_untracked().is_none_or(|old| old.server != settings.server || old.db != settings.db);
        if changed_target {
            self.forget_exchanges().await?;
        }
        let mut saved = settings.clone();
        saved.password = settings.remember.then(|| password.clone());
        set_session_password(&self.book(), (!settings.remember).then_some(password.as_str()));
        self.settings.set(Some(saved));
        self.save_all().await?;
        self.run(settings, password);
        Ok(())
    }

    /// Stops syncing and forgets the server (the book itself is untouched).
    pub async fn disconnect(&self) -> Result<(), SyncError> {
        self.inner().state.borrow_mut().run += 1;
        self.settings.set(None);
        set_session_password(&self.book(), None);
        self.forget_exchanges().await?;
        self.save_all().await?;
        self.status.set(SyncStatus { phase: SyncPhase::Off, last_ok: None });
        Ok(())
    }

    /// Gives the password again (it was not remembered) and starts.
    pub fn resume_with(&self, password: String) {
        if let Some(settings) = self.settings.get_untracked() {
            set_session_password(&self.book(), Some(&password));
            self.run(settings, password);
        }
    }

    /// Wakes the loop: something changed here.
    pub fn nudge(&self) {
        if let Some(inner) = self.inner.try_get_value() {
            if let Some(tx) = &*inner.nudge.borrow() {
                let _ = tx.unbounded_send(());
            }
        }
    }

    /// Puts the losing version of `conflict` back as the record's current
    /// version (a new edit, so it travels to the other devices too).
    pub async fn restore_loser(&self, conflict: &SyncConflict) -> Result<(), SyncError> {
        // Off the list before the write: a second click finds nothing to restore again.
        if !self.take_conflict(conflict) {
            return Ok(());
        }
        if let Some(loser) = conflict.loser.clone() {
            if let Err(e) = put_value(self.inner().stores, &conflict.collection, loser).await {
                self.conflicts.update(|c| c.insert(0, conflict.clone()));
                return Err(e);
            }
        }
        self.save_lists().await
    }

    /// Removes `conflict` from the list (the winner stays).
    pub async fn dismiss(&self, conflict: &SyncConflict) -> Result<(), SyncError> {
        if self.take_conflict(conflict) {
            self.save_lists().await?;
        }
        Ok(())
    }

    /// Takes `conflict` off the list; `false` if it was not there (any more).
    fn take_conflict(&self, conflict: &SyncConflict) -> bool {
        let mut found = false;
        self.conflicts.update(|c| {
            if let Some(i) = c.iter().position(|x| x == conflict) {
                c.remove(i);
                found = true;
            }
        });
        found
    }

    fn run(&self, settings: SyncSettings, password: String) {
        let couch = match Couch::new(&settings.server, &settings.db, &settings.user, &password) {
            Ok(c) => c,
            Err(e) => {
                self.status.update(|s| s.phase = SyncPhase::Failed(e));
                return;
            }
        };
        let (tx, rx) = mpsc::unbounded();
        *self.inner().nudge.borrow_mut() = Some(tx);
        let run = {
            let inner = self.inner();
            let mut state = inner.state.borrow_mut();
            state.couch = Some(couch);
            state.run += 1;
            state.run
        };
        let sync = *self;
        leptos::task::spawn_local(sync.run_chunk(sync_loop(sync, run, rx)));
    }

    /// Runs the work the sync's chunk hands back; a chunk that cannot be loaded is
    /// the sync's failure, shown as such.
    async fn run_chunk(self, load: impl Future<Output = Result<LocalTask, ChunkError>>) {
        match load.await {
            Ok(task) => task.await,
            Err(ChunkError) => self.status.update(|s| s.phase = SyncPhase::Failed(SyncError::CodeNotLoaded)),
        }
    }

    fn running(&self, run: u64) -> bool {
        self.inner.try_get_value().is_some_and(|i| i.state.borrow().run == run)
    }

    async fn run_loop(self, run: u64, mut nudges: mpsc::UnboundedReceiver<()>) {
        let mut first = true;
        while self.running(run) {
            match self.round(first).await {
                Ok(()) => {
                    first = false;
                    let now = Utc::now();
                    self.status.set(SyncStatus { phase: SyncPhase::Synced, last_ok: Some(now) });
                    self.progress.set(None);
                    let _ = self.save_all().await;
                    // Wait for the server's next change or a local one.
                    let couch = self.inner().state.borrow().couch.clone();
                    let Some(couch) = couch else { return };
                    let since = self.inner().state.borrow().seq.clone();
                    let poll = couch.changes(&since, BATCH, Some(LONG_POLL_MS)).fuse();
                    let local = nudges.next().fuse();
                    futures::pin_mut!(poll, local);
                    futures::select! {
                        page = poll => {
                            if let Ok(page) = page {
                                if !page.results.is_empty() && self.running(run) {
                                    let _ = self.take_page(page.results, &page.last_seq).await;
                                }
                            }
                        }
                        _ = local => {
                            // Let a burst of edits settle into one push.
                            super::stores::after_ms(300).await;
                            while nudges.try_recv().is_ok() {}
                        }
                    }
                }
                Err(e) => {
                    self.progress.set(None);
                    // Whatever was exchanged before the failure is kept.
                    let _ = self.save_all().await;
                    let waiting = self.pending_count();
                    let offline = matches!(e, SyncError::Unreachable | SyncError::Timeout);
                    self.status.update(|s| {
                        s.phase = if offline { SyncPhase::Offline { waiting } } else { SyncPhase::Failed(e.clone()) }
                    });
                    // Try again after a while, or at once on a local change.
                    let wait = super::stores::after_ms(if offline { 3_000 } else { 15_000 }).fuse();
                    let local = nudges.next().fuse();
                    futures::pin_mut!(wait, local);
                    futures::select! {
                        _ = wait => {}
                        _ = local => {}
                    }
                }
            }
        }
    }

    /// One full exchange: every change of the server since the checkpoint comes in,
    /// then every local change goes out (and a conflict the server reports comes in
    /// again, decided by the rule, until nothing is left).
    async fn round(&self, first: bool) -> Result<(), SyncError> {
        let couch = self.inner().state.borrow().couch.clone().ok_or(SyncError::Unreachable)?;
        if first {
            self.status.update(|s| s.phase = SyncPhase::Connecting);
            couch.connect(false).await?;
        }
        self.inner().stores.until_all_loaded().await;
        // In: read page by page, taken into the book (and saved with the checkpoint)
        // every TAKE_EVERY documents: each take is checked with the whole book.
        let mut done = 0;
        let from_start = self.inner().state.borrow().seq == "0";
        let total = if from_start { couch.doc_total().await.ok().map(|t| t as usize) } else { None };
        let mut since = self.inner().state.borrow().seq.clone();
        let mut read: Vec<RemoteChange> = Vec::new();
        let mut read_to: Value;
        loop {
            let page = couch.changes(&since, CATCH_UP, None).await?;
            let caught_up = page.results.is_empty();
            done += page.results.len();
            read.extend(page.results);
            since = seq_text(&page.last_seq);
            read_to = page.last_seq;
            let all = total.unwrap_or(done + CATCH_UP).max(done);
            if !caught_up {
                self.status.update(|s| s.phase = SyncPhase::Syncing { left: all - done, total: all });
                self.progress.set(Some((done, all)));
            }
            if caught_up || read.len() >= TAKE_EVERY {
                // The waiting ones go along (take_page adds them).
                let has_waiting = !self.inner().state.borrow().waiting.is_empty();
                if !read.is_empty() || has_waiting {
                    self.take_page(std::mem::take(&mut read), &read_to).await?;
                }
            }
            if caught_up {
                break;
            }
        }
        // Out.
        for _ in 0..5 {
            let conflicted = self.push(&couch).await?;
            if conflicted.is_empty() {
                return Ok(());
            }
            let current = couch.docs(&conflicted).await?;
            let seq = self.inner().state.borrow().seq.clone();
            self.take_page(current, &Value::String(seq)).await?;
        }
        Ok(())
    }

    /// Sends every local change; the ids the server refused as conflicts.
    async fn push(&self, couch: &Couch) -> Result<Vec<String>, SyncError> {
        let outgoing = self.outgoing();
        let total = outgoing.len();
        let mut conflicted = Vec::new();
        for (n, chunk) in outgoing.chunks(BATCH).enumerate() {
            let sent = n * BATCH;
            self.status.update(|s| s.phase = SyncPhase::Syncing { left: total - sent, total });
            self.progress.set(Some((sent, total)));
            let body =
                format!("{{\"docs\":[{}]}}", chunk.iter().map(|o| o.json.as_str()).collect::<Vec<_>>().join(","));
            let results = couch.bulk_docs(body).await?;
            let by_id: FxHashMap<&str, &Outgoing> = chunk.iter().map(|o| (o.doc_id.as_str(), o)).collect();
            {
                let inner = self.inner();
                let mut state = inner.state.borrow_mut();
                for r in results {
                    let Some(o) = by_id.get(r.id.as_str()) else { continue };
                    match (r.rev, r.error.as_deref()) {
                        (Some(rev), None) => match o.updated_at {
                            Some(updated_at) => state.remember(&r.id, Some(Synced { rev, updated_at })),
                            None => state.remember(&r.id, None),
                        },
                        (_, Some("conflict")) => conflicted.push(r.id),
                        _ => {
                            state.refused.insert(r.id.clone());
                            self.bad.update(|b| {
                                b.insert(
                                    0,
                                    BadDoc {
                                        doc_id: r.id.clone(),
                                        reason: crate::sync::BadDocReason::Unreadable(
                                            r.reason.clone().or(r.error.clone()).unwrap_or_default(),
                                        ),
                                    },
                                );
                                b.truncate(KEEP_LISTED);
                            });
                        }
                    }
                }
            }
            self.save_soon().await?;
        }
        Ok(conflicted)
    }

    /// How many local changes are not on the server yet.
    pub fn pending_count(&self) -> usize {
        self.outgoing().len()
    }

    fn outgoing(&self) -> Vec<Outgoing> {
        let inner = self.inner();
        let state = inner.state.borrow();
        outgoing(&inner.stores, &state)
    }

    /// Publishes the ids of the changes waiting for a record they refer to.
    fn show_waiting(&self) {
        let ids: Vec<String> = self.inner().state.borrow().waiting.iter().map(|c| c.id.clone()).collect();
        self.waiting.set(ids);
    }

    /// Settles the conflict branches the server holds of the documents of `changes`
    /// (written by a replication from elsewhere): the rule's winner becomes the
    /// current revision, the losing revisions are deleted on the server, and each
    /// loser is listed. The change then carries the winner.
    async fn settle_branches(&self, changes: &mut [RemoteChange]) -> Result<(), SyncError> {
        let couch = self.inner().state.borrow().couch.clone().ok_or(SyncError::Unreachable)?;
        let now = Utc::now();
        for change in changes.iter_mut() {
            let Some(doc) = change.doc.clone() else { continue };
            let branches: Vec<String> = doc
                .get("_conflicts")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default();
            if branches.is_empty() || change.deleted {
                continue;
            }
            let mut versions = vec![doc.clone()];
            for rev in &branches {
                if let Some(v) = couch.get_rev(&change.id, rev).await? {
                    versions.push(v);
                }
            }
            let records: Vec<&Value> = versions.iter().map(|v| v.get("record").unwrap_or(&Value::Null)).collect();
            let Some(best) = crate::sync::winner_of(&records) else { continue };
            let current_rev = doc.get("_rev").and_then(Value::as_str).unwrap_or_default().to_owned();
            let mut writes = Vec::new();
            let mut winner = versions[best].clone();
            if best != 0 {
                // The winner's content as the next revision of the current branch.
                winner["_rev"] = Value::String(current_rev.clone());
                if let Some(o) = winner.as_object_mut() {
                    o.remove("_conflicts");
                }
                writes.push(winner.clone());
            }
            for (i, v) in versions.iter().enumerate().skip(1) {
                let rev = v.get("_rev").and_then(Value::as_str).unwrap_or_default();
                writes.push(serde_json::json!({ "_id": change.id, "_rev": rev, "_deleted": true }));
                let loser = if i == best { &versions[0] } else { v };
                let summary = loser["record"]
                    .get("name")
                    .or(loser["record"].get("title"))
                    .and_then(Value::as_str)
                    .unwrap_or(&change.id);
                self.conflicts.update(|c| {
                    c.insert(
                        0,
                        SyncConflict {
                            collection: doc.get("collection").and_then(Value::as_str).unwrap_or_default().to_owned(),
                            id: loser["record"].get("id").and_then(Value::as_str).unwrap_or_default().to_owned(),
                            summary: summary.to_owned(),
                            found_at: now,
                            loser_side: Side::Remote,
                            winner: winner.get("record").cloned(),
                            loser: loser.get("record").cloned(),
                        },
                    )
                });
            }
            let body = serde_json::json!({ "docs": writes }).to_string();
            let results = couch.bulk_docs(body).await?;
            if best != 0 {
                if let Some(rev) =
                    results.iter().find(|r| r.id == change.id && r.error.is_none()).and_then(|r| r.rev.clone())
                {
                    winner["_rev"] = Value::String(rev);
                }
            }
            if let Some(o) = winner.as_object_mut() {
                o.remove("_conflicts");
            }
            change.doc = Some(winner);
        }
        Ok(())
    }

    /// Takes a page of the server's changes into the book, then saves the checkpoint.
    async fn take_page(&self, mut changes: Vec<RemoteChange>, last_seq: &Value) -> Result<(), SyncError> {
        self.settle_branches(&mut changes).await?;
        let inner = self.inner();
        {
            let mut state = inner.state.borrow_mut();
            let mut waiting = std::mem::take(&mut state.waiting);
            waiting.append(&mut changes);
            // A document waiting and changed again since: only its latest version counts.
            let mut seen = rustc_hash::FxHashSet::default();
            waiting.reverse();
            waiting.retain(|c| seen.insert(c.id.clone()));
            waiting.reverse();
            changes = waiting;
        }
        let now = Utc::now();
        let mut batch = {
            let state = inner.state.borrow();
            plan_page(&inner.stores, &state.synced, &changes, now)
        };
        // Take what fits; what refers to records not here yet waits for them.
        let mut held: BTreeSet<String> = BTreeSet::new();
        for _ in 0..20 {
            let incoming = batch.incoming_without(&held);
            match inner.stores.merge_by(incoming, None, MergeRule::Take).await {
                Ok(report) => {
                    for k in report.kept {
                        held.insert(doc_id(k.collection, &k.id));
                    }
                    break;
                }
                Err(MergeError::Refused(refused)) => {
                    let before = held.len();
                    for p in refused.problems {
                        held.insert(doc_id(p.collection, &p.id));
                    }
                    if held.len() == before {
                        // Nothing to hold back: wait with the whole page.
                        held.extend(batch.incoming_ids());
                    }
                }
                Err(MergeError::Store(e)) => return Err(SyncError::Local(e.to_string())),
            }
        }
        delete_all(inner.stores, &batch.remove).await.map_err(|e| SyncError::Local(e.to_string()))?;
        {
            let mut state = inner.state.borrow_mut();
            for (doc, synced) in batch.remember.drain(..) {
                if !held.contains(&doc) {
                    state.remember(&doc, synced);
                }
            }
            state.waiting = changes.into_iter().filter(|c| held.contains(&c.id)).collect();
            state.seq = seq_text(last_seq);
        }
        self.show_waiting();
        let found_any = !batch.conflicts.is_empty() || !batch.bad.is_empty();
        if !batch.conflicts.is_empty() {
            self.conflicts.update(|c| {
                let mut new = std::mem::take(&mut batch.conflicts);
                new.reverse();
                new.append(c);
                new.truncate(KEEP_LISTED);
                *c = new;
            });
        }
        if !batch.bad.is_empty() {
            self.bad.update(|b| {
                for bad in batch.bad.drain(..) {
                    b.retain(|x| x.doc_id != bad.doc_id);
                    b.insert(0, bad);
                }
                b.truncate(KEEP_LISTED);
            });
        }
        if found_any {
            // A loser is kept nowhere else: saved at once.
            self.save_all().await
        } else {
            self.save_soon().await
        }
    }

    /// Saves the state unless it was saved less than [`SAVE_EVERY_MS`] ago: a first sync
    /// of a large book touches every shard on every batch, and rewriting them all each
    /// time cost more than the exchange. What is not saved yet is at worst exchanged
    /// again after a cut, and then found the same on both sides.
    async fn save_soon(&self) -> Result<(), SyncError> {
        let due = js_sys::Date::now() - self.inner().state.borrow().saved_at >= SAVE_EVERY_MS;
        if due {
            self.save_state().await?;
        }
        Ok(())
    }

    /// Forgets everything exchanged with a server (a new server or database starts
    /// from nothing; the book is untouched).
    async fn forget_exchanges(&self) -> Result<(), SyncError> {
        let notes = Notes::open(NOTES_DB).await.map_err(local)?;
        let keys: Vec<String> = (0..crate::store::SHARDS).map(|s| self.key(&format!("synced|{s}"))).collect();
        notes.delete_many(Shelf::Sync, &keys).await.map_err(local)?;
        notes.close();
        let inner = self.inner();
        let mut state = inner.state.borrow_mut();
        state.synced.clear();
        state.dirty.clear();
        state.waiting.clear();
        state.refused.clear();
        state.seq = "0".into();
        drop(state);
        self.waiting.set(Vec::new());
        Ok(())
    }

    /// What was saved for this book (its checkpoint, settings and lists), unparsed.
    async fn saved_entries(&self) -> Result<Vec<(String, String)>, SyncError> {
        let notes = Notes::open(NOTES_DB).await.map_err(local)?;
        let entries = notes.read_all(Shelf::Sync).await.map_err(local);
        notes.close();
        let prefix = format!("{}|", self.book());
        Ok(entries?.into_iter().filter(|(key, _)| key.starts_with(&prefix)).collect())
    }

    /// Takes up what was saved and, if the book is connected and the password is at
    /// hand, starts the loop.
    async fn resume(self, entries: Vec<(String, String)>) {
        self.load(entries);
        let Some(settings) = self.settings.get_untracked() else { return };
        let password = settings.password.clone().or_else(|| session_password(&self.book()));
        if !settings.user.is_empty() && password.is_none() {
            self.status.update(|s| s.phase = SyncPhase::NeedsPassword);
            return;
        }
        self.run(settings, password.unwrap_or_default());
    }

    fn load(&self, entries: Vec<(String, String)>) {
        let prefix = format!("{}|", self.book());
        let inner = self.inner();
        let mut state = inner.state.borrow_mut();
        for (key, text) in entries {
            let Some(what) = key.strip_prefix(&prefix) else { continue };
            match what {
                "saved" => {
                    if let Ok(saved) = serde_json::from_str::<Saved>(&text) {
                        state.seq = saved.seq.unwrap_or_else(|| "0".into());
                        self.settings.set(saved.settings);
                        self.status.update(|s| s.last_ok = saved.last_ok);
                    }
                }
                "conflicts" => self.conflicts.set(serde_json::from_str(&text).unwrap_or_default()),
                "bad" => self.bad.set(serde_json::from_str(&text).unwrap_or_default()),
                "waiting" => state.waiting = serde_json::from_str(&text).unwrap_or_default(),
                other if other.starts_with("synced|") => {
                    if let Ok(map) = serde_json::from_str::<FxHashMap<String, Synced>>(&text) {
                        for (doc, synced) in map {
                            let shard = crate::store::shard_of(&doc) as usize;
                            state.synced.shards[shard].insert(doc, synced);
                        }
                    }
                }
                _ => {}
            }
        }
        drop(state);
        self.show_waiting();
    }

    /// Saves the checkpoint, the revisions changed since the last save and the
    /// waiting changes, in one transaction.
    async fn save_state(&self) -> Result<(), SyncError> {
        let entries = {
            let inner = self.inner();
            let mut state = inner.state.borrow_mut();
            let mut entries = Vec::new();
            let dirty = std::mem::take(&mut state.dirty);
            for shard in dirty {
                let map: FxHashMap<&String, &Synced> =
                    state.synced.iter().filter(|(k, _)| crate::store::shard_of(k) == shard).collect();
                entries.push((self.key(&format!("synced|{shard}")), serde_json::to_string(&map).unwrap_or_default()));
            }
            let saved = Saved {
                settings: self.settings.get_untracked(),
                seq: Some(state.seq.clone()),
                last_ok: self.status.get_untracked().last_ok,
            };
            entries.push((self.key("saved"), serde_json::to_string(&saved).unwrap_or_default()));
            entries.push((self.key("waiting"), serde_json::to_string(&state.waiting_docs()).unwrap_or_default()));
            entries
        };
        let notes = Notes::open(NOTES_DB).await.map_err(local)?;
        let result = notes.put_many(Shelf::Sync, &entries).await.map_err(local);
        notes.close();
        self.inner().state.borrow_mut().saved_at = js_sys::Date::now();
        result
    }

    async fn save_lists(&self) -> Result<(), SyncError> {
        let entries = vec![
            (self.key("conflicts"), serde_json::to_string(&self.conflicts.get_untracked()).unwrap_or_default()),
            (self.key("bad"), serde_json::to_string(&self.bad.get_untracked()).unwrap_or_default()),
        ];
        let notes = Notes::open(NOTES_DB).await.map_err(local)?;
        let result = notes.put_many(Shelf::Sync, &entries).await.map_err(local);
        notes.close();
        result
    }

    async fn save_all(&self) -> Result<(), SyncError> {
        self.save_state().await?;
        self.save_lists().await
    }
}

crate::split::split_fn! {
    /// Takes up a connected book's sync, from the sync's chunk.
    fn sync_resume in sync_loop(sync: Sync, entries: Vec<(String, String)>) -> LocalTask {
        Box::pin(sync.resume(entries))
    }
}

crate::split::split_fn! {
    /// The sync loop, in a chunk of its own: a book that never syncs never loads it.
    fn sync_loop in sync_loop(sync: Sync, run: u64, nudges: mpsc::UnboundedReceiver<()>) -> LocalTask {
        Box::pin(sync.run_loop(run, nudges))
    }
}

impl State {
    fn remember(&mut self, doc: &str, synced: Option<Synced>) {
        let shard = crate::store::shard_of(doc);
        self.dirty.insert(shard);
        let map = &mut self.synced.shards[shard as usize];
        match synced {
            Some(s) => {
                map.insert(doc.to_owned(), s);
            }
            None => {
                map.remove(doc);
            }
        }
    }

    fn waiting_docs(&self) -> Vec<Value> {
        self.waiting.iter().map(|c| serde_json::json!({ "id": c.id, "deleted": c.deleted, "doc": c.doc })).collect()
    }
}

fn local(e: super::StoreError) -> SyncError {
    SyncError::Local(e.to_string())
}

fn seq_text(seq: &Value) -> String {
    match seq {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A document to send.
struct Outgoing {
    doc_id: String,
    /// The record's `updated_at`; `None` for a deletion.
    updated_at: Option<DateTime<Utc>>,
    json: String,
}

/// What a page of the server's changes does to the book.
#[derive(Default)]
struct Page {
    incoming: Collections,
    remove: Vec<(&'static str, String)>,
    conflicts: Vec<SyncConflict>,
    bad: Vec<BadDoc>,
    remember: Vec<(String, Option<Synced>)>,
}

fn session_key(book: &str) -> String {
    format!("kehu-sync-password-{book}")
}

/// The password kept for this tab's session only (sessionStorage: gone with the tab).
fn session_password(book: &str) -> Option<String> {
    use gloo_storage::Storage;
    gloo_storage::SessionStorage::get::<String>(session_key(book)).ok()
}

fn set_session_password(book: &str, password: Option<&str>) {
    use gloo_storage::Storage;
    match password {
        Some(p) => {
            let _ = gloo_storage::SessionStorage::set(session_key(book), p);
        }
        None => gloo_storage::SessionStorage::delete(session_key(book)),
    }
}

macro_rules! define_sync_dispatch {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every local change not yet on the server, collection by collection in the
        /// list's order (customers before what refers to them).
        fn outgoing(stores: &Stores, state: &State) -> Vec<Outgoing> {
            let mut out = Vec::new();
            let mut present: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
            $(
                stores.$name.with_untracked(|t| {
                    for r in t.iter() {
                        let doc = doc_id(stringify!($name), r.id());
                        let synced = state.synced.get(&doc);
                        if synced.is_some() {
                            present.insert(doc.clone());
                        }
                        if synced.is_some_and(|s| s.updated_at == r.updated_at()) || state.refused.contains(&doc) {
                            continue;
                        }
                        let json = serde_json::to_string(&RecordDoc::of(r, synced.map(|s| s.rev.as_str()))).unwrap_or_default();
                        out.push(Outgoing { doc_id: doc, updated_at: Some(r.updated_at()), json });
                    }
                });
            )*
            // Synced once and gone now: deleted forever here.
            for (doc, synced) in state.synced.iter() {
                if !present.contains(doc) && !state.refused.contains(doc) {
                    let json = serde_json::to_string(&Tombstone { id: doc, rev: &synced.rev, deleted: true }).unwrap_or_default();
                    out.push(Outgoing { doc_id: doc.clone(), updated_at: None, json });
                }
            }
            out
        }

        /// Decides for each change of the server by the sync rule.
        fn plan_page(stores: &Stores, synced: &SyncedMap, changes: &[RemoteChange], now: DateTime<Utc>) -> Page {
            let mut page = Page::default();
            for change in changes {
                match change.read() {
                    RemoteDoc::Ignored => {}
                    RemoteDoc::Bad(bad) => page.bad.push(bad),
                    RemoteDoc::Record { collection, id, rev, record, .. } => match collection {
                        $(stringify!($name) => {
                            let doc = doc_id(collection, &id);
                            match read_record::<$ty>(&doc, record) {
                                Err(bad) => page.bad.push(bad),
                                Ok(remote) => {
                                    let local = stores.$name.with_untracked(|t| t.get(&id).cloned());
                                    let decision = decide(local.as_ref(), synced.get(&doc), &remote);
                                    let loser = match decision {
                                        Decision::TakeOverLocal => Some(Side::Local),
                                        Decision::KeepLocal | Decision::KeepDeletion => Some(Side::Remote),
                                        Decision::Same | Decision::Take => None,
                                    };
                                    if let Some(side) = loser {
                                        page.conflicts.push(SyncConflict::of(local.as_ref(), Some(&remote), side, now));
                                    }
                                    page.remember.push((doc, Some(Synced { rev, updated_at: remote.updated_at() })));
                                    if matches!(decision, Decision::Take | Decision::TakeOverLocal) {
                                        page.incoming.$name.push(remote);
                                    }
                                }
                            }
                        })*
                        _ => {}
                    },
                    RemoteDoc::Deleted { collection, id, .. } => match collection {
                        $(stringify!($name) => {
                            let doc = doc_id(collection, &id);
                            let local = stores.$name.with_untracked(|t| t.get(&id).cloned());
                            match decide_deleted(local.as_ref(), synced.get(&doc)) {
                                DeletedDecision::Nothing => {}
                                DeletedDecision::Delete => page.remove.push((collection, id.clone())),
                                DeletedDecision::DeleteOverLocal => {
                                    page.conflicts.push(SyncConflict::of::<$ty>(local.as_ref(), None, Side::Local, now));
                                    page.remove.push((collection, id.clone()));
                                }
                            }
                            page.remember.push((doc, None));
                        })*
                        _ => {}
                    },
                }
            }
            page
        }

        impl Page {
            /// The records to take, but those `held` back (by document id).
            fn incoming_without(&self, held: &BTreeSet<String>) -> Collections {
                let mut out = self.incoming.clone();
                if !held.is_empty() {
                    $(out.$name.retain(|r| !held.contains(&doc_id(stringify!($name), r.id())));)*
                }
                out
            }

            /// The document ids of every record to take.
            fn incoming_ids(&self) -> Vec<String> {
                let mut out = Vec::new();
                $(out.extend(self.incoming.$name.iter().map(|r| doc_id(stringify!($name), r.id())));)*
                out
            }
        }

        /// Deletes forever the records of `remove` (the server's deletions).
        async fn delete_all(stores: Stores, remove: &[(&'static str, String)]) -> Result<(), super::StoreError> {
            $(
                let ids: Vec<&str> = remove.iter().filter(|(c, _)| *c == stringify!($name)).map(|(_, id)| id.as_str()).collect();
                if !ids.is_empty() {
                    stores.$name.delete_forever(&ids).await?;
                }
            )*
            Ok(())
        }

        /// Saves `value` as the current version of its record of `collection`, stamped
        /// now (a conflict's loser put back).
        async fn put_value(stores: Stores, collection: &str, value: Value) -> Result<(), SyncError> {
            match collection {
                $(stringify!($name) => {
                    let mut record: $ty = crate::workbook::read_record(&value.to_string()).map_err(|e| SyncError::Garbage(e.to_string()))?;
                    record.touch(Utc::now());
                    stores.$name.put(record).await.map_err(local)
                })*
                _ => Ok(()),
            }
        }
    };
}

crate::for_each_collection!(define_sync_dispatch);
