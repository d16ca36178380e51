//! The tabs of a section (日常服务, 客户开发…): links, the current one marked.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Key;
use crate::ui::context::{tx, txf};

/// Whether `path` is `href` or lies under it.
pub fn under(path: &str, href: &str) -> bool {
    path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
}

/// A row of tabs named `label`. The current tab is the one whose address is the longest
/// that the page's address starts with (so `/complaints/kpi` marks its own tab, not
/// `/complaints`).
#[component]
pub fn SectionTabs(
    /// The section's name, for the navigation landmark.
    label: Key,
    /// The tabs: address and name.
    tabs: &'static [(&'static str, Key)],
) -> impl IntoView {
    let location = use_location();
    let current = Memo::new(move |_| {
        location
            .pathname
            .with(|p| tabs.iter().filter(|(href, _)| under(p, href)).max_by_key(|(href, _)| href.len()).map(|t| t.0))
    });
    view! {
        <nav class="tabs" aria-label=txf(label)>
            {tabs.iter().map(|(href, name)| {
                let href = *href;
                view! { <a href=href class="tab" aria-current=move || (current.get() == Some(href)).then_some("page")>{tx(*name)}</a> }
            }).collect_view()}
        </nav>
    }
}
