//! Kehu · 客户关系管理 — an offline-first CRM workbook that runs in the browser.
//!
//! `model`, `analysis`, `workbook` and `i18n` are plain Rust, tested natively; `ui` and the
//! IndexedDB half of `store` exist only on wasm32.

#![warn(missing_docs)]

pub mod analysis;
pub mod i18n;
pub mod messages;
pub mod model;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod split;
pub mod store;
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
