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
    /// The book's custom field at place `i`, for a kind of column that can hold one.
    fn custom(_i: u16) -> Option<Self> {
        None
    }
    /// Which custom field this column is, if it is one.
    fn custom_index(self) -> Option<u16> {
        None
    }
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
    fn custom(i: u16) -> Option<Self> {
        Some(Self::Custom(i))
    }
    fn custom_index(self) -> Option<u16> {
        match self {
            Self::Custom(i) => Some(i),
            _ => None,
        }
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
    /// The names of the book's custom fields, offered after the built-in ones.
    #[prop(optional, into)]
    custom: Signal<Vec<String>>,
    /// Makes a text custom field named as a column's header, to import it into
    /// (offered for a column not imported); `None` when this import has no such fields.
    #[prop(optional)]
    on_add_custom: Option<Callback<usize>>,
) -> impl IntoView {
    let app = use_app();
    // A choice's value: the built-in field's name, or `custom:<place>`.
    let value_of = |c: C| c.custom_index().map_or_else(|| c.field().to_owned(), |i| format!("custom:{i}"));
    view! {
        <div class="table-scroll">
            <table class="data">
                <caption>{tx(Key::ColumnMapping)}</caption>
                <thead><tr><th scope="col">{tx(Key::CsvColumn)}</th><th scope="col">{tx(Key::FirstRowValue)}</th><th scope="col">{tx(Key::ImportAs)}</th></tr></thead>
                <tbody>
                    {header.iter().enumerate().map(|(i, h)| {
                        let sample = first.get(i).cloned().unwrap_or_default();
                        let value = move || mapping.with(|m| m.get(i).copied().flatten().map(value_of).unwrap_or_default());
                        let header = h.clone();
                        let label = move || format!("{} {header}", app.lang.get().t(Key::ImportAs));
                        view! {
                            <tr>
                                <th scope="row">{h.clone()}</th>
                                <td>{sample}</td>
                                <td>
                                    <select aria-label=label prop:value=value on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let c = match v.strip_prefix("custom:") {
                                            Some(n) => n.parse().ok().and_then(C::custom),
                                            None => C::all().iter().copied().find(|c| c.field() == v),
                                        };
                                        mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = c; });
                                    }>
                                        <option value="" selected=move || value().is_empty()>{tx(Key::DoNotImport)}</option>
                                        {C::all().iter().copied().map(|c| view! {
                                            <option value=c.field() selected=move || value() == c.field()>{tx(c.label())}</option>
                                        }).collect_view()}
                                        {move || custom.get().into_iter().enumerate().filter_map(|(n, name)| {
                                            C::custom(n as u16)?;
                                            let v = format!("custom:{n}");
                                            let is_it = v.clone();
                                            Some(view! { <option value=v selected=move || value() == is_it>{name}" "<small>"("{tx(Key::CustomFields)}")"</small></option> })
                                        }).collect_view()}
                                    </select>
                                    {on_add_custom.map(|add| view! {
                                        <button type="button" class="btn btn-small" hidden=move || !value().is_empty()
                                            on:click=move |_| add.run(i)>{tx(Key::AddAsCustomField)}</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
