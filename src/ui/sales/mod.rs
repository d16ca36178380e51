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
pub use value::{class_letter, customer_value, OrderCache, ValuePage, YearFigures};
pub use visits::{VisitEdit, VisitNew, VisitsPage};

use leptos::prelude::*;

use crate::i18n::Key;

/// The tabs of the acquisition section.
#[component]
pub fn SalesTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs label=Key::NavSales tabs=&[("/pipeline", Key::NavPipeline), ("/visits", Key::NavVisits), ("/orders", Key::NavOrders), ("/insights", Key::NavInsights), ("/value", Key::NavValue)]/> }
}
