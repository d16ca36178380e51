//! 提交作业: a student hands their book in through the class's CouchDB server (the
//! `handin` document of their own database, docs/sync.md "Setting up a class"), and
//! the instructor's `feedback` document comes back into the book as an imported
//! feedback file does: on the card, and by itself when Kehu opens online with a
//! remembered code ([`FeedbackOnOpen`]).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::i18n::{Key, Lang};
use crate::messages;
use crate::store::couch::Couch;
use crate::store::{prefs, StoreError, Stores};
use crate::sync::SyncError;
use crate::ui::book::{book_id, stored_book_id, OWNER_KEY};
use crate::ui::components::TextField;
use crate::ui::context::{tx, use_app, AppCtx, ToastKind};
use crate::ui::format::local_datetime;
use crate::workbook::feedback::{parse_feedback, FeedbackError};
use crate::workbook::handin::{
    check_class_code, feedback_file_text, handin_body, student_db, student_user, HandinStamp,
};
use crate::workbook::{Collections, Owner, Workbook};

/// The student's connection in localStorage: the code only when "remember" is ticked.
const PREFS_KEY: &str = "kehu.handin";

#[derive(Default, Clone, Serialize, Deserialize)]
struct HandinPrefs {
    server: String,
    class_code: String,
    student_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    /// When the last hand-in was made.
    #[serde(default)]
    handed_in_at: Option<DateTime<Utc>>,
    /// When the feedback last applied was written (a newer one is applied).
    #[serde(default)]
    feedback_at: Option<DateTime<Utc>>,
}

/// Why fetching the feedback failed.
enum FetchError {
    Sync(SyncError),
    Feedback(FeedbackError),
    Store(StoreError),
}

impl FetchError {
    fn words(&self, lang: Lang) -> String {
        match self {
            FetchError::Sync(e) => messages::handin_error(lang, e),
            FetchError::Feedback(e) => messages::feedback_error(lang, e),
            FetchError::Store(e) => messages::store_error(lang, e),
        }
    }
}

/// The saved student's database on the server, logged in as their user with `code`.
fn student_couch(p: &HandinPrefs, code: &str) -> Result<Couch, SyncError> {
    let class = check_class_code(&p.class_code).map_err(|_| SyncError::NoDatabase(p.class_code.clone()))?;
    Couch::new(&p.server, &student_db(&class, &p.student_id), &student_user(&class, &p.student_id), code)
}

/// Hands the book in as it is now: the workbook export under `owner`, replacing the
/// earlier hand-in and keeping its first time. Returns when it was handed in.
async fn hand_in(stores: &Stores, couch: &Couch, owner: Owner) -> Result<DateTime<Utc>, SyncError> {
    couch.connect(false).await?;
    stores.until_all_loaded().await;
    let now = Utc::now();
    let mut wb = Workbook::new(Some(owner.clone()), Collections::default(), now);
    wb.book_id = Some(book_id());
    let mut text = Vec::new();
    wb.write_json_with(&mut text, stores.collections_view()).map_err(|e| SyncError::Local(e.to_string()))?;
    let text = String::from_utf8(text).map_err(|e| SyncError::Local(e.to_string()))?;
    let workbook = RawValue::from_string(text).map_err(|e| SyncError::Local(e.to_string()))?;
    // Once more if another device handed in between the read and the write.
    for last in [false, true] {
        let earlier: Option<HandinStamp> = couch.get("handin").await?;
        match couch.put("handin", handin_body(&owner, now, earlier.as_ref(), &workbook)).await {
            Err(SyncError::Http { status: 409, .. }) if !last => continue,
            other => return other.map(|_| now),
        }
    }
    unreachable!("the loop returns on its last pass")
}

/// Reads the instructor's `feedback` document and applies it when it is newer than the
/// one applied before (`since`); how many pieces it held and when it was written.
async fn fetch_feedback(
    app: AppCtx,
    couch: &Couch,
    since: Option<DateTime<Utc>>,
) -> Result<Option<(usize, DateTime<Utc>)>, FetchError> {
    let Some(doc) = couch.get::<Box<RawValue>>("feedback").await.map_err(FetchError::Sync)? else { return Ok(None) };
    let text = feedback_file_text(doc.get()).ok_or(FetchError::Feedback(FeedbackError::NotFeedback))?;
    #[derive(Deserialize)]
    struct Written {
        written_at: DateTime<Utc>,
    }
    let at = serde_json::from_str::<Written>(&text).map_err(|_| FetchError::Feedback(FeedbackError::NotFeedback))?;
    if since.is_some_and(|s| s >= at.written_at) {
        return Ok(None);
    }
    let owner: Option<Owner> = prefs::get(OWNER_KEY);
    let file =
        parse_feedback(text.as_bytes(), owner.as_ref(), stored_book_id().as_deref()).map_err(FetchError::Feedback)?;
    let n = crate::ui::exercises::apply_feedback(app, file).await.map_err(FetchError::Store)?;
    Ok(Some((n, at.written_at)))
}

/// Fetches the feedback with the saved connection and `code`, keeps when it was
/// written, and says so with a toast; `None` when there was nothing new.
async fn feedback_now(app: AppCtx, code: &str) -> Result<Option<usize>, FetchError> {
    let p: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
    let couch = student_couch(&p, code).map_err(FetchError::Sync)?;
    match fetch_feedback(app, &couch, p.feedback_at).await? {
        None => Ok(None),
        Some((n, at)) => {
            let mut p: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
            p.feedback_at = Some(at);
            prefs::set(PREFS_KEY, &p);
            app.toast(ToastKind::Success, messages::feedback_received(app.lang.get_untracked(), n));
            Ok(Some(n))
        }
    }
}

/// The card on the 工作簿 page.
#[component]
pub fn HandinCard() -> impl IntoView {
    let app = use_app();
    let saved: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
    let owner: Owner = prefs::get(OWNER_KEY).unwrap_or_default();
    let server = RwSignal::new(saved.server.clone());
    let class_code = RwSignal::new(saved.class_code.clone());
    let student_id =
        RwSignal::new(if saved.student_id.is_empty() { owner.student_id.clone() } else { saved.student_id.clone() });
    let code = RwSignal::new(saved.code.clone().unwrap_or_default());
    let remember = RwSignal::new(saved.code.is_some());
    let last = RwSignal::new(saved.handed_in_at);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);

    // The typed connection, kept (the code only if "remember"); `None` with the
    // problem shown when something is missing or wrong.
    let connection = move || -> Option<(Couch, String)> {
        let lang = app.lang.get_untracked();
        let typed = code.get_untracked().trim().to_owned();
        if server.get_untracked().trim().is_empty() || student_id.get_untracked().trim().is_empty() || typed.is_empty()
        {
            problem.set(Some(app.t(Key::HandinFieldsMissing).to_owned()));
            return None;
        }
        let class = match check_class_code(&class_code.get_untracked()) {
            Ok(c) => c,
            Err(e) => {
                problem.set(Some(messages::class_code_error(lang, &e)));
                return None;
            }
        };
        let mut p: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
        let id = student_id.get_untracked().trim().to_owned();
        let couch =
            match Couch::new(&server.get_untracked(), &student_db(&class, &id), &student_user(&class, &id), &typed) {
                Ok(c) => c,
                Err(e) => {
                    problem.set(Some(messages::once_error(lang, &e)));
                    return None;
                }
            };
        // Another class or student starts again with its feedback.
        if p.server != couch.server || p.class_code != class || p.student_id != id {
            p.feedback_at = None;
            p.handed_in_at = None;
        }
        p.server = couch.server.clone();
        p.class_code = class;
        p.student_id = id;
        p.code = remember.get_untracked().then(|| typed.clone());
        prefs::set(PREFS_KEY, &p);
        Some((couch, typed))
    };

    let submit = move |_| {
        problem.set(None);
        let owner: Owner = prefs::get(OWNER_KEY).unwrap_or_default();
        if owner.name.trim().is_empty() || owner.student_id.trim().is_empty() {
            problem.set(Some(app.t(Key::HandinNeedsOwner).to_owned()));
            return;
        }
        let Some((couch, typed)) = connection() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match hand_in(&app.stores, &couch, owner).await {
                Ok(at) => {
                    let mut p: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
                    p.handed_in_at = Some(at);
                    prefs::set(PREFS_KEY, &p);
                    last.set(Some(at));
                    app.success(Key::HandedIn);
                    // Feedback written meanwhile comes along.
                    if let Err(e) = feedback_now(app, &typed).await {
                        problem.set(Some(e.words(app.lang.get_untracked())));
                    }
                }
                Err(e) => problem.set(Some(messages::handin_error(app.lang.get_untracked(), &e))),
            }
            busy.set(false);
        });
    };

    let check = move |_| {
        problem.set(None);
        let Some((_, typed)) = connection() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match feedback_now(app, &typed).await {
                Ok(Some(_)) => {}
                Ok(None) => app.success(Key::NoNewFeedback),
                Err(e) => problem.set(Some(e.words(app.lang.get_untracked()))),
            }
            busy.set(false);
        });
    };

    // Closed until used (its fields are drawn only when open): most books never hand in,
    // and the page's other forms keep their labels to themselves. Open once connected.
    let open = RwSignal::new(!saved.server.is_empty());
    view! {
        <details
            class="card"
            data-testid="handin"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
        >
            <summary>{tx(Key::HandinTitle)}</summary>
            {move || open.get().then(|| view! {
                <p class="hint">{tx(Key::HandinHint)}</p>
                <div class="grid3">
                    <TextField label=Key::SyncServer value=server input_type="url"/>
                    <TextField label=Key::ClassCode value=class_code/>
                    <TextField label=Key::OwnerStudentId value=student_id/>
                    <TextField label=Key::PersonalCode value=code input_type="password" autocomplete="current-password"/>
                </div>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>
                    {tx(Key::RememberCode)}
                </label>
                <p class="hint">{tx(Key::RememberCodeHint)}</p>
                <div class="actions">
                    <button type="button" class="btn btn-primary" prop:disabled=move || busy.get() on:click=submit>{tx(Key::HandIn)}</button>
                    <button type="button" class="btn" prop:disabled=move || busy.get() on:click=check>{tx(Key::CheckFeedback)}</button>
                </div>
                {move || busy.get().then(|| view! { <p role="status">{tx(Key::Working)}</p> })}
                {move || last.get().map(|at| view! {
                    <p data-testid="last-handin">{tx(Key::LastHandin)} ": " {local_datetime(at)}</p>
                })}
                {move || problem.get().map(|text| view! { <div class="problems" role="alert"><p>{text}</p></div> })}
            })}
        </details>
    }
}

/// Mounted in the shell: when Kehu opens with a remembered code, the instructor's new
/// feedback is fetched and applied (a toast says so). Offline or refused, it stays
/// quiet: the card says what is wrong when the student uses it.
#[component]
pub fn FeedbackOnOpen() -> impl IntoView {
    let app = use_app();
    let p: HandinPrefs = prefs::get(PREFS_KEY).unwrap_or_default();
    if let (false, Some(code)) = (app.stores.db.is_read_only(), p.code) {
        leptos::task::spawn_local(async move {
            match feedback_on_open(app, code).await {
                Ok(task) => task.await,
                Err(e) => leptos::logging::warn!("feedback from the class database: {e}"),
            }
        });
    }
}

crate::split::split_fn! {
    /// Fetches and applies the class feedback, in a chunk of its own: loaded only for a
    /// student who remembered their code.
    fn feedback_on_open in handin_feedback(app: AppCtx, code: String) -> crate::split::LocalTask {
        Box::pin(async move {
            if let Err(e) = feedback_now(app, &code).await {
                leptos::logging::warn!("feedback from the class database: {}", e.words(Lang::En));
            }
        })
    }
}
