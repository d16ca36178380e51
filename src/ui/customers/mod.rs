//! 客户档案: the customer list, the detail page and the form.

mod custom_fields;
mod detail;
mod form;
mod import;
mod list;

pub use custom_fields::CustomFieldsPage;
pub use detail::CustomerDetail;
pub use form::{CustomerEdit, CustomerNew};
pub use import::CustomerImport;
pub use list::CustomerList;

use crate::i18n::Key;

/// A customer's fields by their name in the file, with their labels (the conflict
/// view, the merge of duplicates).
pub const FIELD_LABELS: &[(&str, Key)] = &[
    ("kind", Key::FieldKind),
    ("name", Key::FieldName),
    ("phone", Key::FieldPhone),
    ("email", Key::FieldEmail),
    ("company", Key::FieldCompany),
    ("title", Key::FieldTitle),
    ("industry", Key::FieldIndustry),
    ("region", Key::FieldRegion),
    ("address", Key::FieldAddress),
    ("source", Key::FieldSource),
    ("stage", Key::FieldStage),
    ("tags", Key::FieldTags),
    ("birthday", Key::FieldBirthday),
    ("notes", Key::FieldNotes),
];

/// An opening balance in words: "¥1,280 · 12 次 · 2023-01-05 – 2026-10-01", as far as
/// known.
pub fn opening_words(o: &crate::model::opening::OpeningBalance) -> String {
    let mut parts = Vec::new();
    if let Some(t) = o.total {
        parts.push(crate::ui::format::yuan(t));
    }
    if let Some(p) = o.purchases {
        parts.push(format!("× {p}"));
    }
    match (o.first, o.last) {
        (Some(f), Some(l)) => parts.push(format!("{f} – {l}")),
        (Some(f), None) => parts.push(format!("{f} –")),
        (None, Some(l)) => parts.push(format!("– {l}")),
        (None, None) => {}
    }
    parts.join(" · ")
}

/// A share 0.0–1.0 as a whole percentage (integer formatting keeps float
/// formatting out of the bundle).
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}

/// Finds customers the way a spreadsheet names them: by id, by phone (however it is
/// spelled: see [`crate::model::phone::phone_key`]) or by exact name. Built once per import, so a file of many rows costs one
/// pass over the customers, not one per row.
pub struct CustomerLookup {
    ids: std::collections::HashSet<String>,
    phones: std::collections::HashMap<String, String>,
    names: std::collections::HashMap<String, String>,
}

/// How an exported CSV names customer `id` so that a CSV import finds them again: the
/// phone, else the name.
pub fn lookup_text(app: &crate::ui::context::AppCtx, id: &str) -> String {
    app.stores
        .customers
        .with_untracked(|t| t.get(id).map(|c| if c.phone.is_empty() { c.name.clone() } else { c.phone.clone() }))
        .unwrap_or_default()
        .to_string()
}

impl CustomerLookup {
    /// The lookup over the live customers of `app`.
    pub fn new(app: &crate::ui::context::AppCtx) -> Self {
        app.stores.customers.with_untracked(|t| {
            let mut l =
                CustomerLookup { ids: Default::default(), phones: Default::default(), names: Default::default() };
            for c in t.live() {
                l.ids.insert(c.id.to_string());
                if let Some(key) = crate::model::phone::phone_key(&c.phone) {
                    l.phones.entry(key).or_insert_with(|| c.id.to_string());
                }
                l.names.entry(c.name.to_string()).or_insert_with(|| c.id.to_string());
            }
            l
        })
    }

    /// The id of the customer `cell` names, if any.
    pub fn find(&self, cell: &str) -> Option<String> {
        let cell = cell.trim();
        if self.ids.contains(cell) {
            return Some(cell.to_owned());
        }
        crate::model::phone::phone_key(cell)
            .and_then(|key| self.phones.get(&key))
            .or_else(|| self.names.get(cell))
            .cloned()
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavCustomers,
    home: "/customers",
    tabs_label: Key::NavCustomers,
    tabs: &[],
    also: &["/"],
};

page_routes! {
    chunk customer_pages {
        "/customers/new" => CustomerNew,
        "/customers/import" => CustomerImport,
        "/customers/fields" => CustomFieldsPage,
        "/customers/:id" => CustomerDetail,
        "/customers/:id/edit" => CustomerEdit,
    }
    "/" => CustomerList,
    "/customers" => CustomerList,
}
