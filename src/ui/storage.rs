//! Storage that lasts: whether the browser keeps this site's data for good
//! (persistent storage), how much is used and free, and a reminder to export a
//! backup after a number of days the user sets.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Key;
use crate::messages;
use crate::store::prefs;
use crate::ui::context::{tx, use_app, ToastKind};

/// Where the reminder interval (days) is kept; 0 turns the reminder off.
const REMIND_KEY: &str = "kehu.backup_reminder_days";
/// The reminder interval when the user has not chosen one.
pub const DEFAULT_REMIND_DAYS: i64 = 7;

/// Days between backup reminders (0: never).
pub fn remind_days() -> i64 {
    prefs::get(REMIND_KEY).unwrap_or(DEFAULT_REMIND_DAYS)
}

/// What the browser says about this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Usage {
    persisted: Option<bool>,
    used: Option<f64>,
    quota: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `storage` is missing in some browsers and in plain-HTTP pages.
    js_sys::Reflect::has(&navigator, &"storage".into()).ok()?.then(|| navigator.storage())
}

async fn read_usage() -> Usage {
    let Some(m) = manager() else { return Usage::default() };
    let persisted = match m.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let estimate: Option<web_sys::StorageEstimate> = match m.estimate() {
        Ok(p) => JsFuture::from(p).await.ok().map(wasm_bindgen::JsCast::unchecked_into),
        Err(_) => None,
    };
    Usage {
        persisted,
        used: estimate.as_ref().and_then(|e| e.get_usage()),
        quota: estimate.as_ref().and_then(|e| e.get_quota()),
    }
}

/// The storage card of the workbook page.
#[component]
pub fn StorageCard() -> impl IntoView {
    let app = use_app();
    let usage = RwSignal::new(None::<Usage>);
    let refresh = move || leptos::task::spawn_local(async move { usage.set(Some(read_usage().await)) });
    refresh();
    let days = RwSignal::new(remind_days().to_string());
    let ask = move |_| {
        let Some(m) = manager() else { return };
        leptos::task::spawn_local(async move {
            let granted = match m.persist() {
                Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
                Err(_) => false,
            };
            let lang = app.lang.get_untracked();
            app.toast(
                if granted { ToastKind::Success } else { ToastKind::Error },
                lang.t(if granted { Key::PersistGranted } else { Key::PersistRefused }),
            );
            refresh();
        });
    };
    let save_days = move |_| {
        let _lang = app.lang.get_untracked();
        match days.get_untracked().trim().parse::<i64>() {
            Ok(n) if (0..=365).contains(&n) => {
                prefs::set(REMIND_KEY, &n);
                app.success(Key::Saved);
            }
            _ => {
                days.set(remind_days().to_string());
                app.error(Key::ReminderDaysRange);
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="storage-h">
            <h2 id="storage-h">{tx(Key::Storage)}</h2>
            <p class="hint">{tx(Key::StorageHint)}</p>
            {move || usage.get().map(|u| {
                let lang = app.lang.get();
                view! {
                    <dl class="details" data-testid="storage">
                        <dt>{lang.t(Key::PersistentStorage)}</dt>
                        <dd>{lang.t(match u.persisted {
                            Some(true) => Key::PersistYes,
                            Some(false) => Key::PersistNo,
                            None => Key::NotKnown,
                        })}</dd>
                        <dt>{lang.t(Key::StorageUsed)}</dt>
                        <dd>{u.used.map(messages::megabytes).unwrap_or_else(|| lang.t(Key::NotKnown).to_owned())}</dd>
                        <dt>{lang.t(Key::StorageFree)}</dt>
                        <dd>{match (u.used, u.quota) {
                            (Some(used), Some(quota)) => messages::megabytes((quota - used).max(0.0)),
                            _ => lang.t(Key::NotKnown).to_owned(),
                        }}</dd>
                    </dl>
                    {(u.persisted == Some(false)).then(|| view! {
                        <button type="button" class="btn" on:click=ask>{tx(Key::AskPersist)}</button>
                    })}
                }
            })}
            <div class="actions">
                <label class="inline">
                    <span>{tx(Key::ReminderDays)}</span>
                    <input type="number" min="0" max="365" prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="btn" on:click=save_days>{tx(Key::SaveInterval)}</button>
            </div>
        </section>
    }
}

/// A line at the top of every page when the last export is older than the reminder
/// interval (or there never was one and the oldest customer is).
#[component]
pub fn BackupReminder() -> impl IntoView {
    let app = use_app();
    let location = leptos_router::hooks::use_location();
    let due = Memo::new(move |_| {
        // Read again on every page change (an export or a new interval shows at once);
        // not on the workbook page, which shows the last export itself.
        let on_workbook = location.pathname.with(|p| p.starts_with("/workbook"));
        let every = remind_days();
        if on_workbook || app.stores.db.is_read_only() || every == 0 {
            return None;
        }
        // Never exported: counted from the oldest customer, so a new book is not nagged.
        let since = prefs::get::<String>(crate::ui::book::LAST_EXPORT_KEY)
            .and_then(|s| s.parse::<DateTime<Utc>>().ok())
            .map(|at| (at, true))
            .or_else(|| app.stores.customers.with(|t| t.live().map(|c| c.created_at).min()).map(|at| (at, false)))?;
        let days = (Utc::now() - since.0).num_days();
        (days >= every).then_some(since.1.then_some(days))
    });
    move || {
        due.get().map(|d| {
            let lang = app.lang.get();
            view! {
                <p class="notice reminder" role="status" data-testid="backup-reminder">
                    {messages::backup_due(lang, d)} " "
                    <a href="/workbook">{lang.t(Key::ExportNow)}</a>
                </p>
            }
        })
    }
}
