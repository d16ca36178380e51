//! 客户开发 (项目三): the prospect pipeline, orders, customer information and the
//! customer value analysis (ABC, RFM, CLV).

mod insights;
mod orders;
mod pipeline;
mod value;
mod visits;

pub use insights::InsightsPage;
pub use orders::{OrderEdit, OrderNew, OrdersPage};
pub use pipeline::{OpportunityEdit, OpportunityNew, PipelinePage};
pub use value::{class_letter, customer_value, segment_key, ValuePage, YearFigures};
pub use visits::{VisitEdit, VisitNew, VisitsPage};

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app};

/// The tabs of the acquisition section.
#[component]
pub fn SalesTabs() -> impl IntoView {
    let app = use_app();
    let location = leptos_router::hooks::use_location();
    let tab = move |href: &'static str, label: Key| {
        let current = move || location.pathname.with(|p| p == href || p.starts_with(&format!("{href}/")));
        view! { <a href=href class="tab" aria-current=move || current().then_some("page")>{tx(label)}</a> }
    };
    view! {
        <nav class="tabs" aria-label=move || app.t(Key::NavSales)>
            {tab("/pipeline", Key::NavPipeline)}
            {tab("/visits", Key::NavVisits)}
            {tab("/orders", Key::NavOrders)}
            {tab("/insights", Key::NavInsights)}
            {tab("/value", Key::NavValue)}
        </nav>
    }
}
