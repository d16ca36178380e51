//! Code loaded on first use: what a split point returns.
//!
//! The release build cuts the code behind each split point
//! (`#[leptos::wasm_split::wasm_split(…)]`) out of the first download into a chunk of
//! its own, fetched the first time the split point is called (`scripts/build-wasm.sh`,
//! `docs/decisions.md`). Split points are `fallible`: a chunk that cannot be fetched
//! is a [`ChunkError`], never a panic.

use std::future::Future;
use std::pin::Pin;

/// A chunk could not be fetched: the server did not answer, or no longer has the chunk
/// of this version (a newer version was deployed since the page opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the code of this part of Kehu could not be loaded")]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Work a chunk hands back to run on this thread (its code stays in the chunk).
pub type LocalTask = Pin<Box<dyn Future<Output = ()>>>;

/// Declares a split point: `async fn $name(args) -> Result<$ret, ChunkError>` whose
/// body is compiled into chunk `$chunk`.
///
/// With the crate feature `split` (the release build, `scripts/build-wasm.sh`) it is a
/// `#[wasm_split]` function, which wasm-split turns into a chunk loaded on first call.
/// Without it (tests, clippy, a plain `cargo build`) the body is called directly: a
/// binary that wasm-split did not process has no chunk loader to import from.
macro_rules! split_fn {
    ($(#[$meta:meta])* $vis:vis fn $name:ident in $chunk:ident ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::split::ChunkError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::split::ChunkError> {
            Ok($body)
        }
    };
}
pub(crate) use split_fn;
