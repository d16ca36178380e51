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

fn read<T: SettingArea>(stored: Option<&Setting>) -> T {
    stored.filter(|s| s.deleted_at.is_none()).and_then(|s| T::unwrap(&s.value)).cloned().unwrap_or_default()
}

/// The settings this browser kept before they were part of the workbook, as records for
/// the areas the book has none of.
fn legacy<T: SettingArea + serde::de::DeserializeOwned>(
    app: &AppCtx,
    now: chrono::DateTime<Utc>,
    out: &mut Vec<Setting>,
) {
    if app.stores.settings.with_untracked(|t| t.get(T::AREA).is_none()) {
        if let Some(v) = prefs::get::<T>(&legacy_key(T::AREA)) {
            out.push(Setting::new(v.wrap(), now));
        }
    }
}

/// The areas whose settings earlier versions kept in this browser's localStorage.
const LEGACY_AREAS: [&str; 4] = [
    crate::model::settings::LoyaltySettings::AREA,
    crate::model::settings::ComplaintDeadlines::AREA,
    crate::model::settings::CallbackDays::AREA,
    crate::model::settings::KeyAccountRules::AREA,
];

/// Moves settings kept in this browser's localStorage by earlier versions into the
/// workbook, once: afterwards a missing area means the defaults, as the file format says.
/// Only a browser that still has such settings loads the code that moves them, once the
/// book is read; if it cannot be loaded, they stay where they are until the next start.
pub fn migrate_legacy(app: AppCtx) {
    if app.stores.db.is_read_only()
        || LEGACY_AREAS.iter().all(|a| prefs::get::<serde_json::Value>(&legacy_key(a)).is_none())
    {
        return;
    }
    leptos::task::spawn_local(async move {
        app.stores.until_opened().await;
        if let Ok(task) = move_legacy(app).await {
            task.await;
        }
    });
}

crate::split::split_fn! {
    /// Moves the legacy settings ([`migrate_legacy`]), from the chunk that reads the
    /// rest of the book.
    fn move_legacy in store_rest(app: AppCtx) -> crate::split::LocalTask {
        use crate::model::settings::{CallbackDays, ComplaintDeadlines, KeyAccountRules, LoyaltySettings};
        let now = Utc::now();
        let mut records = Vec::new();
        legacy::<LoyaltySettings>(&app, now, &mut records);
        legacy::<ComplaintDeadlines>(&app, now, &mut records);
        legacy::<CallbackDays>(&app, now, &mut records);
        legacy::<KeyAccountRules>(&app, now, &mut records);
        Box::pin(async move {
            match app.stores.settings.put_many(records).await {
                Ok(()) => LEGACY_AREAS.iter().for_each(|a| prefs::remove(&legacy_key(a))),
                Err(e) => app.store_error(&e),
            }
        })
    }
}

/// The settings of area `T` (tracked: a page using them follows a change).
pub fn setting<T: SettingArea>(app: &AppCtx) -> T {
    app.stores.settings.with(|t| read(t.get(T::AREA)))
}

/// The settings of area `T`, without tracking.
pub fn setting_untracked<T: SettingArea>(app: &AppCtx) -> T {
    app.stores.settings.with_untracked(|t| read(t.get(T::AREA)))
}

/// Saves `value` if its area's rules hold and returns `true`; otherwise says why,
/// naming the field as `label`, saves nothing and returns `false` (so the caller can
/// put the field's stored value back).
pub fn save_setting_checked<T: SettingArea>(app: AppCtx, value: T, label: &str) -> bool {
    match crate::model::Record::validate(&Setting::new(value.clone().wrap(), Utc::now())).into_iter().next() {
        None => {
            save_setting(app, value);
            true
        }
        Some(e) => {
            app.problem(Some(label), &e.problem);
            false
        }
    }
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
