//! Reading and saving the workbook's settings (`model::settings`): each page asks for
//! its area's settings and gets the stored ones, or the defaults.

use chrono::Utc;

use crate::model::settings::{Setting, SettingArea};
use crate::store::prefs;
use crate::ui::context::AppCtx;

/// Where this browser kept an area's settings before they moved into the workbook.
fn legacy_key(area: &str) -> String {
    format!("kehu.{area}")
}

fn read<T: SettingArea + serde::de::DeserializeOwned>(stored: Option<&Setting>) -> T {
    match stored.filter(|s| s.deleted_at.is_none()).and_then(|s| T::unwrap(&s.value)) {
        Some(v) => v.clone(),
        // Settings made before they were part of the workbook still count until saved.
        None => prefs::get(&legacy_key(T::AREA)).unwrap_or_default(),
    }
}

/// The settings of area `T` (tracked: a page using them follows a change).
pub fn setting<T: SettingArea + serde::de::DeserializeOwned>(app: &AppCtx) -> T {
    app.stores.settings.with(|t| read(t.get(T::AREA)))
}

/// The settings of area `T`, without tracking.
pub fn setting_untracked<T: SettingArea + serde::de::DeserializeOwned>(app: &AppCtx) -> T {
    app.stores.settings.with_untracked(|t| read(t.get(T::AREA)))
}

/// Saves `value` as the settings of its area; says "saved" or why not.
pub fn save_setting<T: SettingArea>(app: AppCtx, value: T) {
    let now = Utc::now();
    let record = match app.stores.settings.with_untracked(|t| t.get(T::AREA).cloned()) {
        Some(mut s) => {
            s.value = value.wrap();
            s.updated_at = now.max(s.created_at);
            s.deleted_at = None;
            s
        }
        None => Setting::new(value.wrap(), now),
    };
    leptos::task::spawn_local(async move {
        match app.stores.settings.put(record).await {
            Ok(()) => app.success(crate::i18n::Key::Saved),
            Err(e) => app.store_error(&e),
        }
    });
}
