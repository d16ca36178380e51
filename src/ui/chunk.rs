//! Pages whose code is loaded on first use.
//!
//! A module's pages are compiled into the one WebAssembly binary, but the release build
//! cuts them out into a chunk of their own (`scripts/build-wasm.sh` runs wasm-split on
//! the split points [`page_routes!`](crate::ui) marks). The first visit then fetches
//! the shell, the store and the customer list only; a module's chunk is fetched when one
//! of its pages is first opened, and kept by the service worker for offline use.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::i18n::Key;
pub use crate::split::ChunkError;
use crate::ui::context::tx;

/// Loading a page's chunk: the page, built under the caller's owner, or why not.
pub type PageLoad = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// The view of a route whose page is in a chunk: how to load it.
///
/// One type for every such route (a closure per route would be a type per route), so
/// the router's code for matching and choosing a route's view is compiled once, not
/// once per page, in the first download.
#[derive(Clone, Copy)]
pub struct LazyPage(pub fn() -> PageLoad);

impl leptos_router::ChooseView for LazyPage {
    async fn choose(self) -> AnyView {
        view! { <ChunkPage load=self.0/> }.into_any()
    }

    async fn preload(&self) {}
}

/// A page in a chunk: "loading" until the chunk is there, then the page; if the chunk
/// cannot be fetched, says so and offers to try again. Once loaded, a chunk stays, so
/// opening the page again shows it at once.
#[component]
pub fn ChunkPage(
    /// Fetches the chunk (once per visit) and builds the page.
    load: fn() -> PageLoad,
) -> impl IntoView {
    let stores = crate::ui::context::use_app().stores;
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="chunk-status" role="status">{tx(Key::ModuleLoading)}</p> }>
            {move || {
                attempt.track();
                // `Suspend` asks for a `Send` future; the app has one thread.
                Suspend::new(SendWrapper::new(async move {
                    // A page may take every collection but the histories as read (it
                    // may write defaults into one), as when they were read before any
                    // page showed.
                    stores.until_opened().await;
                    match load().await {
                        Ok(page) => page,
                        Err(ChunkError) => view! { <ChunkFailed retry=move || attempt.update(|n| *n += 1)/> }.into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}

/// The chunk could not be fetched: what happened, what is safe, and a way on.
#[component]
fn ChunkFailed(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="card chunk-status" role="alert">
            <p>{tx(Key::ModuleLoadFailed)}</p>
            <div class="actions">
                <button type="button" class="btn btn-primary" on:click=move |_| retry()>{tx(Key::Retry)}</button>
                <button type="button" class="btn" on:click=|_| { let _ = window().location().reload(); }>{tx(Key::Reload)}</button>
            </div>
        </div>
    }
}
