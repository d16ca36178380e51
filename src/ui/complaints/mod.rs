//! 投诉与关怀 (项目五): complaints — registration, the six-step flow with deadlines
//! and escalation, and their KPIs.

mod form;
mod kpi;
mod list;

pub use form::{ComplaintEdit, ComplaintNew};
pub use kpi::ComplaintKpiPage;
pub use list::ComplaintsPage;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::complaint::Severity;
use crate::model::settings::ComplaintDeadlines;
use crate::ui::context::AppCtx;

/// The deadline in hours of a severity (the workbook's setting, the textbook's
/// defaults until changed).
pub fn deadline_hours(app: &AppCtx, s: Severity) -> u32 {
    crate::ui::settings::setting::<ComplaintDeadlines>(app).hours(s)
}

/// Saves a severity's deadline; refused (with the problem) when it is not at least an hour.
pub fn set_deadline_hours(app: AppCtx, s: Severity, hours: u32) -> Result<(), crate::model::Problem> {
    let mut d = crate::ui::settings::setting_untracked::<ComplaintDeadlines>(&app);
    d.set(s, hours)?;
    crate::ui::settings::save_setting(app, d);
    Ok(())
}

/// The tabs of the complaints section.
#[component]
pub fn ComplaintTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

/// A link offering to open a complaint filled in from a low score (a callback or a
/// survey answer of 1–2).
pub fn complaint_offer_href(customer_id: &str, origin: &str, text: &str) -> String {
    let enc = |s: &str| js_sys::encode_uri_component(s).as_string().unwrap_or_default();
    format!("/complaints/new?customer={}&origin={}&description={}", enc(customer_id), enc(origin), enc(text))
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavComplaintsCare,
    home: "/complaints",
    tabs_label: Key::NavComplaints,
    tabs: &[
        ("/complaints", Key::ComplaintList),
        ("/complaints/kpi", Key::ComplaintKpis),
        ("/care", Key::NavCare),
        ("/loyalty", Key::NavLoyalty),
        ("/suggestions", Key::NavSuggestions),
    ],
    also: &[],
};

page_routes! {
    chunk complaints {
        "/complaints" => ComplaintsPage,
        "/complaints/new" => ComplaintNew,
        "/complaints/kpi" => ComplaintKpiPage,
        "/complaints/:id" => ComplaintEdit,
    }
}
