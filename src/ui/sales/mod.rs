//! 客户开发 (项目三): the prospect pipeline, orders, customer information and the
//! customer value analysis (ABC, RFM, CLV).

mod insights;
mod orders;
mod orders_import;
mod pipeline;
mod value;
mod visits;

pub use insights::InsightsPage;
pub use orders::{OrderEdit, OrderNew, OrdersPage};
pub use pipeline::{OpportunityEdit, OpportunityNew, PipelinePage};
pub use value::{class_letter, ValuePage};
pub use visits::{VisitEdit, VisitNew, VisitsPage};

use leptos::prelude::*;

use crate::i18n::Key;

/// The tabs of the acquisition section.
#[component]
pub fn SalesTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavSales,
    home: "/pipeline",
    tabs_label: Key::NavSales,
    tabs: &[
        ("/pipeline", Key::NavPipeline),
        ("/visits", Key::NavVisits),
        ("/orders", Key::NavOrders),
        ("/insights", Key::NavInsights),
        ("/value", Key::NavValue),
    ],
    also: &[],
};

page_routes! {
    chunk sales {
        "/pipeline" => PipelinePage,
        "/pipeline/new" => OpportunityNew,
        "/pipeline/:id" => OpportunityEdit,
        "/visits" => VisitsPage,
        "/visits/new" => VisitNew,
        "/visits/:id" => VisitEdit,
        "/orders" => OrdersPage,
        "/orders/new" => OrderNew,
        "/orders/:id" => OrderEdit,
        "/insights" => InsightsPage,
        "/value" => ValuePage,
    }
}
