//! The Leptos user interface: app shell and router, shared components, one folder per
//! module.

/// `pub fn routes()`: the addresses of a module's pages and the page at each, in the
/// order they are tried (`/x/new` before `/x/:id`). The shell gathers every module's.
///
/// Pages listed under `chunk NAME { … }` come first and are loaded on first use: the
/// release build cuts their code out into the chunk NAME (see [`chunk`]); the pages
/// after the braces are in the first download.
macro_rules! page_routes {
    ($($path:tt => $view:ident),* $(,)?) => {
        /// The addresses of this module's pages.
        pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
            use leptos_router::components::Route;
            use leptos_router::path;
            leptos::view! { $(<Route path=path!($path) view=$view/>)* }.into_inner()
        }
    };
    (chunk $chunk:ident { $($lazy_path:tt => $lazy_view:ident),* $(,)? } $($path:tt => $view:ident),* $(,)?) => {
        /// The split point of this module's chunk.
        mod split {
            #[allow(unused_imports)]
            use super::*;

            $crate::split::split_fn! {
                /// The page at `address`, built from this module's chunk, fetched on first use.
                pub(super) fn $chunk in $chunk(address: &'static str) -> leptos::prelude::AnyView {
                    use leptos::prelude::IntoAny;
                    match address {
                        $($lazy_path => leptos::view! { <$lazy_view/> }.into_any(),)*
                        _ => ().into_any(),
                    }
                }
            }
        }

        /// The addresses of this module's pages.
        pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
            use leptos_router::components::Route;
            use leptos_router::path;
            use $crate::ui::chunk::{LazyPage, PageLoad};
            leptos::view! {
                $(<Route
                    path=path!($lazy_path)
                    view=LazyPage(|| -> PageLoad { Box::pin(split::$chunk($lazy_path)) })
                />)*
                $(<Route path=path!($path) view=$view/>)*
            }
            .into_inner()
        }
    };
}

mod app;
mod book;
mod calls;
mod calls_import;
mod chunk;
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
mod kept;
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
