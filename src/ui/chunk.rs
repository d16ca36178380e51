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
use crate::store::{StoreError, Stores};
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

crate::split::split_fn! {
    /// Reads the rest of the book once the customer list can show
    /// ([`Stores::load_rest`]): a chunk fetched at start, so that the first download
    /// does not carry the reading code of every record type.
    fn read_the_rest in store_rest(stores: Stores) -> crate::split::LocalTask {
        Box::pin(stores.load_rest())
    }
}

/// Reads the rest of the book ([`read_the_rest`]). If its chunk cannot be fetched, the
/// store's problems say so ([`StoreError::CodeNotLoaded`]) until a retry
/// ([`ChunkPage`] offers one) reads it.
pub async fn read_rest(stores: Stores) {
    match read_the_rest(stores).await {
        Ok(task) => task.await,
        Err(ChunkError) => stores.db.problems.update(|p| p.push(StoreError::CodeNotLoaded)),
    }
}

/// Whether the chunk that reads the rest of the book could not be fetched.
fn rest_not_read(problems: &[StoreError]) -> bool {
    problems.contains(&StoreError::CodeNotLoaded)
}

/// Tries again to fetch the chunk that reads the rest of the book, and to read it; once,
/// however often it is asked before the attempt is known to fail.
fn retry_rest(stores: Stores) {
    if stores.db.problems.with_untracked(|p| rest_not_read(p)) {
        stores.db.problems.update(|p| p.retain(|e| *e != StoreError::CodeNotLoaded));
        leptos::task::spawn_local(read_rest(stores));
    }
}

/// A page in a chunk: "loading" until the chunk is there, then the page; if the chunk
/// cannot be fetched, says so and offers to try again. Once loaded, a chunk stays, so
/// opening the page again shows it at once. A page waits for the book to be read: if
/// the code that reads it could not be fetched, the page says so, with the same retry.
#[component]
pub fn ChunkPage(
    /// Fetches the chunk (once per visit) and builds the page.
    load: fn() -> PageLoad,
) -> impl IntoView {
    let stores = crate::ui::context::use_app().stores;
    let attempt = RwSignal::new(0u32);
    // A memo: the page is built again only when this changes, not on every problem.
    let rest_failed = Memo::new(move |_| stores.db.problems.with(|p| rest_not_read(p)));
    move || {
        if rest_failed.get() {
            return view! { <ChunkFailed retry=move || retry_rest(stores)/> }.into_any();
        }
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
        .into_any()
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
