//! The tabs of a section (日常服务, 客户开发…): links, the current one marked.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Key;
use crate::ui::context::{tx, txf};

/// Whether `path` is `href` or lies under it.
pub fn under(path: &str, href: &str) -> bool {
    path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
}

/// A part of the app as the sidebar and its tabs show it. The module that owns the
/// pages declares it once (`SECTION`); the sidebar link, which pages mark that link as
/// current, and the row of tabs are all read from it.
pub struct Section {
    /// The sidebar link's words.
    pub name: Key,
    /// The sidebar link's address.
    pub home: &'static str,
    /// The name of the row of tabs (the navigation landmark).
    pub tabs_label: Key,
    /// The tabs: address and words. Empty for a section of one page.
    pub tabs: &'static [(&'static str, Key)],
    /// Other addresses that belong to the section without a tab of their own.
    pub also: &'static [&'static str],
}

impl Section {
    /// Whether the page at `path` belongs to this section.
    pub fn contains(&self, path: &str) -> bool {
        under(path, self.home) || self.tabs.iter().any(|(href, _)| under(path, href)) || self.also.contains(&path)
    }
}

/// The row of tabs of `section`. The current tab is the one whose address is the
/// longest that the page's address starts with (so `/complaints/kpi` marks its own
/// tab, not `/complaints`).
#[component]
pub fn SectionTabs(
    /// The section whose tabs to show.
    section: &'static Section,
) -> impl IntoView {
    let (label, tabs) = (section.tabs_label, section.tabs);
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
