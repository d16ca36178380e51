//! The mapping step every CSV import with guessed columns shares: one row per column
//! of the file, its header, its first value and the field it is imported as.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app};

/// A field a CSV column can be imported into (a customer's phone, an order's day).
pub trait MappedField: Copy + PartialEq + Send + Sync + 'static {
    /// Every field, in the order the choice lists them.
    fn all() -> &'static [Self];
    /// A stable name, the value of its choice.
    fn field(self) -> &'static str;
    /// Its label.
    fn label(self) -> Key;
}

impl MappedField for crate::workbook::customers_csv::CustomerColumn {
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn field(self) -> &'static str {
        crate::workbook::customers_csv::CustomerColumn::field(self)
    }
    fn label(self) -> Key {
        crate::workbook::customers_csv::CustomerColumn::label(self)
    }
}

impl MappedField for crate::workbook::orders_csv::OrderColumn {
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn field(self) -> &'static str {
        crate::workbook::orders_csv::OrderColumn::field(self)
    }
    fn label(self) -> Key {
        crate::workbook::orders_csv::OrderColumn::label(self)
    }
}

/// The columns of a file (`header`, with the first data row's values `first`) and a
/// choice of field for each, written to `mapping`. Each choice is labelled
/// "Import as <header>".
#[component]
pub fn ColumnMapping<C: MappedField>(
    /// The file's column names.
    header: Arc<Vec<String>>,
    /// The first data row (a sample of each column).
    first: Vec<String>,
    /// The field of each column, as the user leaves it.
    mapping: RwSignal<Vec<Option<C>>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="table-scroll">
            <table class="data">
                <caption>{tx(Key::ColumnMapping)}</caption>
                <thead><tr><th scope="col">{tx(Key::CsvColumn)}</th><th scope="col">{tx(Key::FirstRowValue)}</th><th scope="col">{tx(Key::ImportAs)}</th></tr></thead>
                <tbody>
                    {header.iter().enumerate().map(|(i, h)| {
                        let sample = first.get(i).cloned().unwrap_or_default();
                        let value = move || mapping.with(|m| m.get(i).copied().flatten().map_or("", C::field));
                        let header = h.clone();
                        let label = move || format!("{} {header}", app.lang.get().t(Key::ImportAs));
                        view! {
                            <tr>
                                <th scope="row">{h.clone()}</th>
                                <td>{sample}</td>
                                <td>
                                    <select aria-label=label prop:value=value on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let c = C::all().iter().copied().find(|c| c.field() == v);
                                        mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = c; });
                                    }>
                                        <option value="" selected=move || value().is_empty()>{tx(Key::DoNotImport)}</option>
                                        {C::all().iter().copied().map(|c| view! {
                                            <option value=c.field() selected=move || value() == c.field()>{tx(c.label())}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
