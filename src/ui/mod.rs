//! The Leptos user interface: app shell and router, shared components, one folder per
//! module.

/// `pub fn routes()`: the addresses of a module's pages and the page at each, in the
/// order they are tried (`/x/new` before `/x/:id`). The shell gathers every module's.
macro_rules! page_routes {
    ($($path:tt => $view:ident),* $(,)?) => {
        /// The addresses of this module's pages.
        pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
            use leptos_router::components::Route;
            use leptos_router::path;
            leptos::view! { $(<Route path=path!($path) view=$view/>)* }.into_inner()
        }
    };
}

mod app;
mod book;
mod calls;
mod calls_import;
mod class_db;
mod complaints;
pub mod components;
mod context;
pub(crate) mod customers;
mod dashboard;
mod download;
pub(crate) mod exercises;
mod figures;
mod format;
mod goals;
mod handin;
mod jobs;
mod key_accounts;
mod loyalty;
mod org;
mod org_duties;
mod review;
mod review_state;
mod sales;
mod service;
mod settings;
mod storage;
mod sync;
pub mod text;
mod trash;
mod welcome;
mod workbook;
mod workflows;

pub use app::App;
pub use context::{use_app, AppCtx, Theme};

/// Mounts the app into `<body>`, after installing the last-resort panic message.
pub fn mount() {
    app::install_panic_message();
    leptos::mount::mount_to_body(App);
}
