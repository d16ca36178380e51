//! Kehu · 客户关系管理 — an offline-first CRM workbook that runs in the browser.
//!
//! `model`, `analysis`, `workbook` and `i18n` are plain Rust, tested natively;
//! `store` and `ui` exist only on wasm32.

pub mod i18n;
pub mod model;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
