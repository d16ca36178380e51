//! The app shell: opening the database, the router, the sidebar and the header.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use leptos_router::hooks::use_location;

use super::components::{focus_main, Section, Toasts};
use super::context::{initial_lang, tx, txf, use_app, AppCtx, Theme};
use super::{
    calls, complaints, customers, dashboard, exercises, goals, jobs, key_accounts, loyalty, org, review, review_state,
    sales, service, trash, workbook, workflows,
};
use crate::i18n::{Key, Lang};
use crate::messages;
use crate::model::settings::{Purpose, UsageSettings};
use crate::store::{StoreError, Stores};

/// The name of the app's IndexedDB database.
pub const DB_NAME: &str = "kehu";

/// The app's error boundary. Recoverable failures are typed errors shown as messages
/// where they happen (toasts, the import report, the start screen); what is left is a
/// panic, which WebAssembly cannot catch or unwind (`panic = "abort"`). So the hook
/// shows the `#fatal` message of `index.html`, in both languages, instead of a blank
/// or frozen page. (Leptos' `ErrorBoundary` only sees `Err` values that views
/// render, which no view here does; it cost 3.5 KB of the first-load budget.)
pub fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal")) {
            let _ = el.remove_attribute("hidden");
        }
    }));
}

/// Resolves once the first page (the customer list) has been painted, and marks the
/// moment (`kehu:first-page`, which the benchmark and the tests read): the chunk with
/// the rest of the store is fetched after it, never in the first page's way.
async fn first_page_painted() {
    let (tx, rx) = futures::channel::oneshot::channel();
    request_animation_frame(move || {
        if let Some(p) = window().performance() {
            let _ = p.mark("kehu:first-page");
        }
        set_timeout(
            move || {
                let _ = tx.send(());
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = rx.await;
}

/// Marks (`kehu:started`) and tells the page (an event of that name on `window`) that
/// the app has done what it does on starting: the whole book is read, the collections
/// read in the background included, or could not be. The service worker is registered
/// then (boot.js), so that its install, which fetches every file of the version, does
/// not compete with the start or with a module opened at once.
fn announce_started() {
    let window = window();
    if let Some(p) = window.performance() {
        let _ = p.mark("kehu:started");
    }
    if let Ok(event) = web_sys::Event::new("kehu:started") {
        let _ = window.dispatch_event(&event);
    }
}

enum Boot {
    Opening,
    Failed(StoreError),
    Ready(Box<Stores>),
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let boot = RwSignal::new_local(Boot::Opening);
    let blocked = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match Stores::open_first(DB_NAME, move || blocked.set(true)).await {
            Ok(stores) => {
                boot.set(Boot::Ready(Box::new(stores)));
                first_page_painted().await;
                super::chunk::read_rest(stores).await;
            }
            Err(e) => boot.set(Boot::Failed(e)),
        }
        announce_started();
    });
    let lang = initial_lang();
    move || {
        match &*boot.read() {
        Boot::Opening => view! {
            <div class="boot">
                <p role="status">{move || lang.get().t(Key::Loading)}</p>
                // Opening goes on by itself once the other tab lets go.
                {move || blocked.get().then(|| view! { <p role="alert">{messages::store_error(lang.get(), &StoreError::Blocked)}</p> })}
            </div>
        }
        .into_any(),
        Boot::Failed(e) => {
            let text = messages::store_error(lang.get_untracked(), e);
            view! {
                <div class="boot" role="alert">
                    <h1>{lang.get_untracked().t(Key::SomethingWentWrong)}</h1>
                    <p>{text}</p>
                </div>
            }
            .into_any()
        }
        Boot::Ready(stores) => {
            let ctx = AppCtx::new(**stores);
            ctx.lang.set(lang.get_untracked());
            view! { <Books own=ctx/> }.into_any()
        }
    }
    }
}

/// The user's own book, or a student's book an instructor browses read-only: the same
/// pages over other stores. The review session lives here, above both.
#[component]
fn Books(own: AppCtx) -> impl IntoView {
    provide_context(review_state::ReviewCtx::new());
    // Sync follows the user's own book, also while they browse a student's.
    provide_context(crate::store::sync::Sync::start(own.stores, DB_NAME));
    // The sidebar follows the user's own book, also while they browse a student's.
    provide_context(OwnPurpose(Memo::new(move |_| super::settings::setting::<UsageSettings>(&own).purpose)));
    let review = expect_context::<review_state::ReviewCtx>();
    let browsing = Memo::new(move |_| review.browsing.get().map(|(i, _)| i));
    // Two branches, so a switch tears the whole shell (router included) down and
    // builds it anew over the other stores.
    move || {
        // Read (not only tracked), so the memo is computed and follows `browsing`.
        match browsing.get().and(review.browsing.get_untracked()) {
            Some((_, stores)) => {
                provide_context(own.with_stores(stores));
                Either::Right(view! { <Shell/> })
            }
            None => {
                provide_context(own);
                Either::Left(view! { <Shell/> })
            }
        }
    }
}

#[component]
fn Shell() -> impl IntoView {
    let app = use_app();
    super::settings::migrate_legacy(app);
    provide_context(super::figures::OrderCache::default());
    super::figures::warm_order_columns(app);
    provide_context(super::kept::Kept::new(app));
    crate::ui::components::install_leave_guard(app);
    // Keep <html lang> and data-theme in step with the choices.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", app.lang.get().tag());
            match app.theme.get() {
                Theme::Auto => {
                    let _ = root.remove_attribute("data-theme");
                }
                Theme::Light => {
                    let _ = root.set_attribute("data-theme", "light");
                }
                Theme::Dark => {
                    let _ = root.set_attribute("data-theme", "dark");
                }
            }
        }
        document().set_title(&format!("Kehu · {}", app.t(Key::AppName)));
    });
    view! {
        <Router>
            <div class="layout">
                // The skip link first in the banner landmark: first in tab order, and
                // inside a landmark like all content (axe-core's "region").
                <header class="topbar">
                    <a class="skip" href="#main">{tx(Key::SkipToContent)}</a>
                    <span class="brand">"Kehu · " {tx(Key::AppName)}</span>
                    <div class="topbar-tools">
                        <super::sync::SyncBadge/>
                        <ThemePicker/>
                        // The visible name ("English" / "中文") is the accessible name,
                        // in its own language.
                        <button
                            type="button"
                            class="btn"
                            lang=move || if app.lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                            title=txf(Key::SwitchLanguageLabel)
                            on:click=move |_| app.set_lang(if app.lang.get_untracked() == Lang::Zh { Lang::En } else { Lang::Zh })
                        >
                            {tx(Key::SwitchLanguage)}
                        </button>
                    </div>
                </header>
                <Sidebar/>
                <main id="main" tabindex="-1">
                    <review::ReadOnlyBanner/>
                    <super::storage::BackupReminder/>
                    <super::handin::FeedbackOnOpen/>
                    <super::welcome::WelcomeCard/>
                    <StoreProblems/>
                    <StillLoading/>
                        {routes()}
                </main>
                // Under the page, not over it: while a message shows, the page's
                // scrolling area ends above it, so no input or column is covered.
                <Toasts/>
            </div>
            <PageChange/>
            <VersionChangedBanner/>
        </Router>
    }
}

/// Every page's address, gathered from the modules that own them (a module lists its
/// own, as [`SIDEBAR`] lists their sections). At most 16 to a tuple: group them
/// when a module is added past that.
fn routes() -> impl IntoView {
    let children = RouteChildren::to_children(|| {
        (
            customers::routes(),
            service::routes(),
            sales::routes(),
            key_accounts::routes(),
            complaints::routes(),
            loyalty::routes(),
            dashboard::routes(),
            calls::routes(),
            org::routes(),
            jobs::routes(),
            goals::routes(),
            workflows::routes(),
            exercises::routes(),
            review::routes(),
            trash::routes(),
            workbook::routes(),
        )
    });
    Routes(RoutesProps::builder().fallback(|| view! { <NotFound/> }).children(children).build())
}

/// The sidebar, top to bottom: each module declares its own section.
const SIDEBAR: [&Section; 13] = [
    &dashboard::SECTION,
    &customers::SECTION,
    &service::SECTION,
    &sales::SECTION,
    &key_accounts::SECTION,
    &complaints::SECTION,
    &calls::SECTION,
    &org::SECTION,
    &workflows::SECTION,
    &exercises::SECTION,
    &review::SECTION,
    &workbook::SECTION,
    &trash::SECTION,
];

/// The sections a use puts first, by their home address, in their order; the rest
/// stay under "更多" in [`SIDEBAR`]'s order.
fn first_for(purpose: Purpose) -> &'static [&'static str] {
    match purpose {
        // A shop's daily work: today, customers, sales, after-sales, care and
        // complaints, and the workbook (its backup).
        Purpose::Shop => &["/dashboard", "/customers", "/pipeline", "/service", "/complaints", "/workbook"],
        // The course: the exercises first, then every module they use.
        Purpose::Student => &[
            "/exercises",
            "/dashboard",
            "/customers",
            "/service",
            "/pipeline",
            "/key-accounts",
            "/complaints",
            "/calls",
            "/org",
            "/workflows",
            "/workbook",
        ],
        Purpose::Instructor => &["/review", "/exercises", "/workbook"],
    }
}

/// The sidebar's sections for `purpose`: those shown first and those under "更多".
/// Nothing is left out; without a use chosen, every section is shown in order.
fn arrange(purpose: Option<Purpose>) -> (Vec<&'static Section>, Vec<&'static Section>) {
    let Some(purpose) = purpose else { return (SIDEBAR.to_vec(), Vec::new()) };
    let first = first_for(purpose);
    let shown = first.iter().filter_map(|home| SIDEBAR.iter().copied().find(|s| s.home == *home)).collect();
    let more = SIDEBAR.iter().copied().filter(|s| !first.contains(&s.home)).collect();
    (shown, more)
}

/// What the user's own book is used for (not the book browsed under review).
#[derive(Clone, Copy)]
struct OwnPurpose(Memo<Option<Purpose>>);

/// The main navigation: the chosen use's sections, then the others behind a
/// disclosure button ("更多"), open whenever the current page is among them.
#[component]
fn Sidebar() -> impl IntoView {
    let location = use_location();
    let purpose = expect_context::<OwnPurpose>().0;
    let sections = Signal::derive(move || arrange(purpose.get()));
    let more_open = RwSignal::new(false);
    let current_in_more =
        Memo::new(move |_| location.pathname.with(|p| sections.with(|(_, more)| more.iter().any(|s| s.contains(p)))));
    // Reaching a page under "更多" (a link, the address bar) opens it, so the current
    // page is always shown and marked.
    Effect::new(move |_| {
        if current_in_more.get() {
            more_open.set(true);
        }
    });
    view! {
        <nav class="sidebar" aria-label=txf(Key::NavMain)>
            <ul>
                {move || sections.with(|(shown, _)| shown.iter().map(|&section| view! { <li><NavLink section/></li> }).collect_view())}
            </ul>
            {move || sections.with(|(_, more)| (!more.is_empty()).then(|| {
                let more = more.clone();
                view! {
                    <button
                        type="button"
                        class="nav-more"
                        class:has-current=move || current_in_more.get()
                        aria-expanded=move || if more_open.get() { "true" } else { "false" }
                        aria-controls="nav-more"
                        on:click=move |_| more_open.update(|o| *o = !*o)
                    >
                        {tx(Key::NavMore)}
                    </button>
                    <ul id="nav-more" hidden=move || !more_open.get()>
                        {more.into_iter().map(|section| view! { <li><NavLink section/></li> }).collect_view()}
                    </ul>
                }
            }))}
        </nav>
    }
}

/// A sidebar link, marked as the current page for every page of its section. A plain
/// anchor: the router catches same-origin clicks.
#[component]
fn NavLink(section: &'static Section) -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let current = move || location.pathname.with(|p| section.contains(p));
    view! { <a href=section.home aria-current=move || current().then_some("page")>{move || app.t(section.name)}</a> }
}

/// On every change of page: back to the top (in a narrow window `main` scrolls) and
/// focus on the page, so keyboard and screen-reader users start there, not on <body>.
#[component]
fn PageChange() -> impl IntoView {
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            focus_main();
        }
        path
    });
}

#[component]
fn ThemePicker() -> impl IntoView {
    let app = use_app();
    let value = move || match app.theme.get() {
        Theme::Auto => "auto",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    view! {
        <label class="inline">
            <span class="visually-hidden">{tx(Key::Theme)}</span>
            <select
                prop:value=value
                on:change=move |ev| {
                    app.set_theme(match event_target_value(&ev).as_str() {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::Auto,
                    })
                }
            >
                // `selected` on the options: a select's value set before its options
                // exist would be lost.
                <option value="auto" selected=move || value() == "auto">{tx(Key::ThemeAuto)}</option>
                <option value="light" selected=move || value() == "light">{tx(Key::ThemeLight)}</option>
                <option value="dark" selected=move || value() == "dark">{tx(Key::ThemeDark)}</option>
            </select>
        </label>
    }
}

/// Shown when stored data could not be read at start: the rest works, and the
/// unreadable part stays untouched in the database.
#[component]
fn StoreProblems() -> impl IntoView {
    let app = use_app();
    move || {
        let problems = app.stores.db.problems.get();
        (!problems.is_empty()).then(|| {
            let lang = app.lang.get();
            view! {
                <div class="problems" role="alert">
                    <ul>{problems.iter().map(|e| view! { <li>{messages::store_error(lang, e)}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// Names the collections still being read after opening, so a figure that leaves
/// them out is not taken for the whole. It floats over the page: in the flow, its
/// going away would move the page under the pointer just as the user clicks.
#[component]
fn StillLoading() -> impl IntoView {
    let app = use_app();
    move || {
        let loading = app.stores.loading();
        (!loading.is_empty()).then(|| {
            let lang = app.lang.get();
            let names: Vec<&str> = loading.iter().map(|c| lang.t(super::format::collection_key(c))).collect();
            view! {
                <p class="loading-notice" role="status" data-testid="still-loading">
                    {lang.t(Key::StillLoading)} ": " {names.join(lang.t(Key::ListSeparator))} "… " {lang.t(Key::StillLoadingHint)}
                </p>
            }
        })
    }
}

/// Shown when another tab upgraded the database and this one was disconnected.
#[component]
fn VersionChangedBanner() -> impl IntoView {
    let app = use_app();
    let changed = app.stores.db.version_changed;
    move || {
        changed.get().then(|| {
            view! {
                <div class="banner" role="alert">
                    {messages::store_error(app.lang.get(), &StoreError::VersionChanged)}
                    " "
                    <button type="button" class="btn" on:click=|_| { let _ = window().location().reload(); }>
                        {app.t(Key::Reload)}
                    </button>
                </div>
            }
        })
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tx(Key::PageNotFound)}</h1>
            <a href="/customers">{tx(Key::GoToCustomers)}</a>
        </section>
    }
}
