//! Sync on screen: the status in the header, the 同步 card of the workbook page (the
//! connection, the progress, the conflicts with both versions, the documents skipped).

use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::Key;
use crate::messages;
use crate::store::sync::{Sync, SyncSettings};
use crate::sync::{check_db_name, Side, SyncConflict, SyncPhase};
use crate::ui::components::TextField;
use crate::ui::context::{tx, txf, use_app, ToastKind};
use crate::ui::format::local_datetime;

/// The book's sync, provided once for the user's own book.
pub fn use_sync() -> Option<Sync> {
    use_context::<Sync>()
}

/// The sync's state in the header, a link to the card; nothing while sync is off.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let app = use_app();
    let sync = use_sync();
    move || {
        let sync = sync?;
        let status = sync.status.get();
        if status.phase == SyncPhase::Off {
            return None;
        }
        let lang = app.lang.get();
        let class = match status.phase {
            SyncPhase::Synced => "sync-badge ok",
            SyncPhase::Failed(_) | SyncPhase::NeedsPassword => "sync-badge error",
            SyncPhase::Offline { .. } => "sync-badge offline",
            _ => "sync-badge busy",
        };
        let when = status.last_ok.map(local_datetime);
        let conflicts = sync.conflicts.with(Vec::len);
        Some(view! {
            <a class=class href="/workbook#sync" title=txf(Key::SyncBadgeLabel) data-testid="sync-badge">
                <span data-testid="sync-phase">{messages::sync_phase(lang, &status.phase)}</span>
                {when.map(|w| view! { " · " <time>{w}</time> })}
                {(conflicts > 0).then(|| view! { " · " {lang.t(Key::SyncConflicts)} " " {conflicts} })}
            </a>
        })
    }
}

/// The 同步 card of the workbook page.
#[component]
pub fn SyncCard() -> impl IntoView {
    let Some(sync) = use_sync() else { return ().into_any() };
    let app = use_app();
    let saved = sync.settings.get_untracked().unwrap_or_default();
    let server = RwSignal::new(saved.server.clone());
    let db = RwSignal::new(saved.db.clone());
    let user = RwSignal::new(saved.user.clone());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(saved.remember);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let db_error = Signal::derive(move || {
        let name = db.get();
        (!name.is_empty() && !check_db_name(name.trim())).then(|| app.t(Key::SyncDatabaseInvalid).to_owned())
    });
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || db_error.get_untracked().is_some() {
            return;
        }
        busy.set(true);
        error.set(None);
        let settings = SyncSettings {
            server: server.get_untracked().trim().to_owned(),
            db: db.get_untracked().trim().to_owned(),
            user: user.get_untracked().trim().to_owned(),
            password: None,
            remember: remember.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let lang = app.lang.get_untracked();
            match sync.connect(settings, password.get_untracked()).await {
                Ok(()) => {
                    password.set(String::new());
                    app.toast(ToastKind::Success, lang.t(Key::SyncConnected));
                }
                Err(e) => error.set(Some(messages::sync_error(lang, &e))),
            }
            busy.set(false);
        });
    };
    let disconnect = move |_| {
        leptos::task::spawn_local(async move {
            let lang = app.lang.get_untracked();
            match sync.disconnect().await {
                Ok(()) => app.toast(ToastKind::Success, lang.t(Key::SyncDisconnected)),
                Err(e) => app.toast(ToastKind::Error, messages::sync_error(lang, &e)),
            }
        });
    };
    let resume = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sync.resume_with(password.get_untracked());
        password.set(String::new());
    };
    let connected = move || sync.settings.with(Option::is_some);
    let status_view = move || {
        let lang = app.lang.get();
        let status = sync.status.get();
        let settings = sync.settings.get()?;
        let failed = match &status.phase {
            SyncPhase::Failed(e) => Some(messages::sync_error(lang, e)),
            SyncPhase::Offline { .. } => Some(messages::sync_error(lang, &crate::sync::SyncError::Unreachable)),
            _ => None,
        };
        Some(view! {
            <dl class="facts">
                <dt>{lang.t(Key::SyncConnectedTo)}</dt>
                <dd data-testid="sync-target">{format!("{} / {}", settings.server, settings.db)}</dd>
                <dt>{lang.t(Key::SyncTitle)}</dt>
                <dd role="status" data-testid="sync-status">{messages::sync_phase(lang, &status.phase)}</dd>
                <dt>{lang.t(Key::SyncLastOk)}</dt>
                <dd data-testid="sync-last-ok">{status.last_ok.map(local_datetime).unwrap_or_else(|| lang.t(Key::SyncNever).to_owned())}</dd>
            </dl>
            {move || sync.progress.get().map(|(done, total)| view! {
                <progress data-testid="sync-progress" max=total.max(1) value=done></progress>
            })}
            {failed.map(|text| view! { <p class="error" role="alert" data-testid="sync-error">{text}</p> })}
        })
    };
    view! {
        <section class="card" id="sync" aria-labelledby="sync-h" data-testid="sync-card">
            <h2 id="sync-h">{tx(Key::SyncTitle)}</h2>
            <p class="hint">{tx(Key::SyncHint)}</p>
            {status_view}
            <Show when=move || !connected()>
                <form class="form" on:submit=connect data-testid="sync-form">
                    <TextField label=Key::SyncServer value=server hint=Key::SyncServerHint input_type="url" required=true/>
                    <TextField label=Key::SyncDatabase value=db hint=Key::SyncDatabaseHint required=true error=db_error/>
                    <TextField label=Key::SyncUser value=user hint=Key::SyncUserHint autocomplete="username"/>
                    <TextField label=Key::SyncPassword value=password input_type="password" autocomplete="current-password"/>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>
                        {tx(Key::SyncRemember)}
                    </label>
                    <p class="hint">{tx(Key::SyncRememberHint)}</p>
                    {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="sync-connect-error">{e}</p> })}
                    <div class="actions">
                        <button type="submit" class="btn primary" disabled=move || busy.get()>{tx(Key::SyncConnect)}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || sync.status.with(|s| s.phase == SyncPhase::NeedsPassword)>
                <form class="form" on:submit=resume>
                    <TextField label=Key::SyncPassword value=password input_type="password" autocomplete="current-password"/>
                    <div class="actions"><button type="submit" class="btn primary">{tx(Key::SyncResume)}</button></div>
                </form>
            </Show>
            <Show when=connected>
                <div class="actions">
                    <button type="button" class="btn" on:click=disconnect>{tx(Key::SyncDisconnect)}</button>
                </div>
            </Show>
            <ConflictList sync=sync/>
            <BadDocList sync=sync/>
            <WaitingList sync=sync/>
        </section>
    }
    .into_any()
}

/// The conflicts: per record, the kept version and the other one side by side, field
/// by field, with the fields that differ marked.
#[component]
fn ConflictList(sync: Sync) -> impl IntoView {
    let app = use_app();
    let restore = move |conflict: SyncConflict| {
        leptos::task::spawn_local(async move {
            let lang = app.lang.get_untracked();
            match sync.restore_loser(&conflict).await {
                Ok(()) => app.toast(ToastKind::Success, lang.t(Key::SyncRestored)),
                Err(e) => app.toast(ToastKind::Error, messages::sync_error(lang, &e)),
            }
        });
    };
    let dismiss = move |conflict: SyncConflict| {
        leptos::task::spawn_local(async move {
            if let Err(e) = sync.dismiss(&conflict).await {
                app.toast(ToastKind::Error, messages::sync_error(app.lang.get_untracked(), &e));
            }
        });
    };
    move || {
        let lang = app.lang.get();
        let conflicts = sync.conflicts.get();
        if conflicts.is_empty() {
            return None;
        }
        Some(view! {
            <section aria-labelledby="sync-conflicts-h" data-testid="sync-conflicts">
                <h3 id="sync-conflicts-h">{lang.t(Key::SyncConflicts)} " (" {conflicts.len()} ")"</h3>
                <p class="hint">{lang.t(Key::SyncConflictsHint)}</p>
                {conflicts.into_iter().map(|c| view! {
                    <article class="sync-conflict" data-testid="sync-conflict">
                        <h4>{c.summary.clone()} " · " <span class="muted">{c.collection.clone()}</span></h4>
                        <ConflictTable lang=lang conflict=c.clone()/>
                        <div class="actions">
                            {c.loser.is_some().then(|| view! {
                                <button type="button" class="btn" on:click={let c = c.clone(); move |_| restore(c.clone())}>{lang.t(Key::SyncRestoreOther)}</button>
                            })}
                            <button type="button" class="btn" on:click={let c = c.clone(); move |_| dismiss(c.clone())}>{lang.t(Key::SyncKeepCurrent)}</button>
                        </div>
                    </article>
                }).collect_view()}
            </section>
        })
    }
}

/// Both versions of a conflict, one row per field.
#[component]
fn ConflictTable(lang: crate::i18n::Lang, conflict: SyncConflict) -> impl IntoView {
    let side = |s: Side| lang.t(if s == Side::Local { Key::SyncThisDevice } else { Key::SyncOtherDevice });
    let winner_side = if conflict.loser_side == Side::Local { Side::Remote } else { Side::Local };
    let fields = field_rows(conflict.winner.as_ref(), conflict.loser.as_ref());
    view! {
        <table class="table compare">
            <thead>
                <tr>
                    <th scope="col">{lang.t(Key::SyncField)}</th>
                    <th scope="col">{lang.t(Key::SyncKept)} " (" {side(winner_side)} ")"</th>
                    <th scope="col">{lang.t(Key::SyncOther)} " (" {side(conflict.loser_side)} ")"</th>
                </tr>
            </thead>
            <tbody>
                {fields.into_iter().map(|(field, kept, other)| {
                    let differs = kept != other;
                    let show = |v: Option<String>| v.unwrap_or_else(|| lang.t(Key::SyncDeletedVersion).to_owned());
                    view! {
                        <tr class:differs=differs>
                            <th scope="row">{field}</th>
                            <td data-testid="sync-kept">{show(kept)}</td>
                            <td data-testid="sync-other">{show(other)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The fields of two versions, each as text (`None` where a version is deleted); the
/// id and the stamps only when they differ.
fn field_rows(a: Option<&Value>, b: Option<&Value>) -> Vec<(String, Option<String>, Option<String>)> {
    let text = |v: Option<&Value>, k: &str| -> Option<String> {
        let v = v?;
        Some(match v.get(k) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        })
    };
    let mut keys: Vec<String> = Vec::new();
    for v in [a, b].into_iter().flatten() {
        if let Some(o) = v.as_object() {
            for k in o.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    keys.into_iter()
        .map(|k| {
            let (x, y) = (text(a, &k), text(b, &k));
            (k, x, y)
        })
        .filter(|(k, x, y)| {
            let empty = |v: &Option<String>| v.as_deref() == Some("");
            // The id and the creation stamp are the same on both sides but for odd cases.
            let same_stamp = x == y && matches!(k.as_str(), "id" | "created_at");
            let both_empty = empty(x) && empty(y);
            !(same_stamp || both_empty)
        })
        .collect()
}

/// The server's documents waiting for a record they refer to.
#[component]
fn WaitingList(sync: Sync) -> impl IntoView {
    let app = use_app();
    move || {
        let lang = app.lang.get();
        let waiting = sync.waiting.get();
        (!waiting.is_empty()).then(|| {
            view! {
                <section aria-labelledby="sync-waiting-h" data-testid="sync-waiting">
                    <h3 id="sync-waiting-h">{lang.t(Key::SyncWaiting)} " (" {waiting.len()} ")"</h3>
                    <p class="hint">{lang.t(Key::SyncWaitingHint)}</p>
                    <ul>{waiting.into_iter().map(|id| view! { <li><code>{id}</code></li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}

/// The server's documents skipped as not valid records.
#[component]
fn BadDocList(sync: Sync) -> impl IntoView {
    let app = use_app();
    move || {
        let lang = app.lang.get();
        let bad = sync.bad.get();
        (!bad.is_empty()).then(|| {
            view! {
                <section aria-labelledby="sync-bad-h" data-testid="sync-bad">
                    <h3 id="sync-bad-h">{lang.t(Key::SyncBadDocs)} " (" {bad.len()} ")"</h3>
                    <p class="hint">{lang.t(Key::SyncBadDocsHint)}</p>
                    <ul>
                        {bad.into_iter().map(|b| view! {
                            <li><code>{b.doc_id.clone()}</code> " — " {messages::bad_doc(lang, &b.reason)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
