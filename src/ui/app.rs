//! The app shell: opening the database, the router, the sidebar and the header.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use super::components::{focus_main, under, Toasts};
use super::context::{initial_lang, tx, txf, use_app, AppCtx, Theme};
use super::{
    calls, complaints, customers, dashboard, exercises, goals, jobs, key_accounts, loyalty, org, review, review_state,
    sales, service, trash, workbook, workflows,
};
use crate::i18n::{Key, Lang};
use crate::messages;
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
        match Stores::open(DB_NAME, move || blocked.set(true)).await {
            Ok(stores) => boot.set(Boot::Ready(Box::new(stores))),
            Err(e) => boot.set(Boot::Failed(e)),
        }
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
    provide_context(super::figures::YearFigures::new(app));
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
                <nav class="sidebar" aria-label=txf(Key::NavMain)>
                    <ul>
                        <li><NavLink href="/dashboard" label=Key::NavDashboard/></li>
                        <li><NavLink href="/customers" label=Key::NavCustomers/></li>
                        <li><NavLink href="/service" label=Key::NavService also=&["/callbacks", "/tickets", "/surveys", "/scripts", "/self-checks"]/></li>
                        <li><NavLink href="/pipeline" label=Key::NavSales also=&["/orders", "/insights", "/value", "/visits"]/></li>
                        <li><NavLink href="/key-accounts" label=Key::NavKeyAccounts also=&["/events"]/></li>
                        <li><NavLink href="/complaints" label=Key::NavComplaintsCare also=&["/loyalty", "/care", "/suggestions"]/></li>
                        <li><NavLink href="/calls" label=Key::NavCalls/></li>
                        <li><NavLink href="/org" label=Key::NavOrg also=&["/jobs", "/goals"]/></li>
                        <li><NavLink href="/workflows" label=Key::NavWorkflows/></li>
                        <li><NavLink href="/exercises" label=Key::NavExercises/></li>
                        <li><NavLink href="/review" label=Key::NavReview/></li>
                        <li><NavLink href="/workbook" label=Key::NavWorkbook/></li>
                        <li><NavLink href="/trash" label=Key::NavTrash/></li>
                    </ul>
                </nav>
                <main id="main" tabindex="-1">
                    <review::ReadOnlyBanner/>
                    <super::storage::BackupReminder/>
                    <StoreProblems/>
                    <StillLoading/>
                        <Routes fallback=|| view! { <NotFound/> }>
                            <Route path=path!("/") view=customers::CustomerList/>
                            <Route path=path!("/customers") view=customers::CustomerList/>
                            <Route path=path!("/customers/new") view=customers::CustomerNew/>
                            <Route path=path!("/customers/import") view=customers::CustomerImport/>
                            <Route path=path!("/customers/:id") view=customers::CustomerDetail/>
                            <Route path=path!("/customers/:id/edit") view=customers::CustomerEdit/>
                            <Route path=path!("/service") view=service::ServiceRecordsPage/>
                            <Route path=path!("/service/new") view=service::ServiceRecordNew/>
                            <Route path=path!("/service/:id") view=service::ServiceRecordEdit/>
                            <Route path=path!("/callbacks") view=service::CallbacksPage/>
                            <Route path=path!("/callbacks/new") view=service::CallbackNew/>
                            <Route path=path!("/callbacks/:id") view=service::CallbackEdit/>
                            <Route path=path!("/tickets") view=service::TicketsPage/>
                            <Route path=path!("/tickets/new") view=service::TicketNew/>
                            <Route path=path!("/tickets/:id") view=service::TicketEdit/>
                            <Route path=path!("/surveys") view=service::SurveysPage/>
                            <Route path=path!("/surveys/new") view=service::SurveyDesigner/>
                            <Route path=path!("/surveys/:id") view=service::SurveyDesigner/>
                            <Route path=path!("/surveys/:id/respond") view=service::SurveyRespond/>
                            <Route path=path!("/surveys/:id/results") view=service::SurveyResultsPage/>
                            <Route path=path!("/scripts") view=service::ScriptsPage/>
                            <Route path=path!("/self-checks") view=service::SelfChecksPage/>
                            <Route path=path!("/pipeline") view=sales::PipelinePage/>
                            <Route path=path!("/pipeline/new") view=sales::OpportunityNew/>
                            <Route path=path!("/pipeline/:id") view=sales::OpportunityEdit/>
                            <Route path=path!("/visits") view=sales::VisitsPage/>
                            <Route path=path!("/visits/new") view=sales::VisitNew/>
                            <Route path=path!("/visits/:id") view=sales::VisitEdit/>
                            <Route path=path!("/orders") view=sales::OrdersPage/>
                            <Route path=path!("/orders/new") view=sales::OrderNew/>
                            <Route path=path!("/orders/:id") view=sales::OrderEdit/>
                            <Route path=path!("/insights") view=sales::InsightsPage/>
                            <Route path=path!("/value") view=sales::ValuePage/>
                            <Route path=path!("/key-accounts") view=key_accounts::KeyAccountsPage/>
                            <Route path=path!("/key-accounts/:id") view=key_accounts::KeyAccountFile/>
                            <Route path=path!("/events") view=key_accounts::EventsPage/>
                            <Route path=path!("/events/new") view=key_accounts::EventNew/>
                            <Route path=path!("/events/:id") view=key_accounts::EventEdit/>
                            <Route path=path!("/complaints") view=complaints::ComplaintsPage/>
                            <Route path=path!("/complaints/new") view=complaints::ComplaintNew/>
                            <Route path=path!("/complaints/kpi") view=complaints::ComplaintKpiPage/>
                            <Route path=path!("/complaints/:id") view=complaints::ComplaintEdit/>
                            <Route path=path!("/loyalty") view=loyalty::LoyaltyPage/>
                            <Route path=path!("/care") view=loyalty::CarePage/>
                            <Route path=path!("/suggestions") view=loyalty::SuggestionsPage/>
                            <Route path=path!("/dashboard") view=dashboard::DashboardPage/>
                            <Route path=path!("/calls") view=calls::CallCenterPage/>
                            <Route path=path!("/org") view=org::OrgPage/>
                            <Route path=path!("/jobs") view=jobs::JobsPage/>
                            <Route path=path!("/goals") view=goals::GoalsPage/>
                            <Route path=path!("/jobs/:id") view=jobs::JobEdit/>
                            <Route path=path!("/calls/staffing") view=calls::StaffingPage/>
                            <Route path=path!("/workflows") view=workflows::WorkflowsPage/>
                            <Route path=path!("/exercises") view=exercises::ExercisesPage/>
                            <Route path=path!("/exercises/report") view=exercises::ExerciseReport/>
                            <Route path=path!("/review") view=review::ReviewPage/>
                            <Route path=path!("/review/:n") view=review::StudentReviewPage/>
                            <Route path=path!("/trash") view=trash::TrashPage/>
                            <Route path=path!("/workbook") view=workbook::WorkbookPage/>
                        </Routes>
                </main>
            </div>
            <PageChange/>
            <VersionChangedBanner/>
            <Toasts/>
        </Router>
    }
}

/// A sidebar link, marked as the current page for its whole section. A plain anchor:
/// the router catches same-origin clicks.
#[component]
fn NavLink(
    href: &'static str,
    label: Key,
    /// Other sections this link stands for (the daily-service tabs).
    #[prop(optional)]
    also: &'static [&'static str],
) -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let current = move || {
        location
            .pathname
            .with(|p| under(p, href) || also.iter().any(|a| under(p, a)) || (p == "/" && href == "/customers"))
    };
    view! { <a href=href aria-current=move || current().then_some("page")>{move || app.t(label)}</a> }
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
