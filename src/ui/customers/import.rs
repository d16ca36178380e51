//! `/customers/import`: a shop owner's spreadsheet of customers in, without retyping.
//! The column mapping is guessed from the header and can be corrected; the preview
//! shows what each row will become under the chosen duplicate strategy, and the import
//! writes exactly that plan in one transaction (all or nothing).

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::model::new_id;
use crate::ui::components::CsvFileDrop;
use crate::ui::context::{tx, use_app};
use crate::workbook::customers_csv::{
    check_mapping, plan_customer_import, read_customers_csv, CustomerColumn, CustomersCsv, DuplicateOf,
    DuplicateStrategy, ImportCounts, ImportPlan, RowOutcome,
};

/// Rows shown in the preview table; the counts cover every row.
const PREVIEW_ROWS: usize = 200;

/// `/customers/import`.
#[component]
pub fn CustomerImport() -> impl IntoView {
    let app = use_app();
    let file = RwSignal::new(None::<Arc<CustomersCsv>>);
    let mapping = RwSignal::new(Vec::<Option<CustomerColumn>>::new());
    let strategy = RwSignal::new(DuplicateStrategy::Skip);
    let refused = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<ImportCounts>);
    let busy = RwSignal::new(false);
    // Bumped to plan again against the customers as they are now.
    let revision = RwSignal::new(0u32);

    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        done.set(None);
        match read_customers_csv(&bytes) {
            Ok(csv) => {
                refused.set(None);
                mapping.set(csv.mapping.clone());
                file.set(Some(Arc::new(csv)));
            }
            Err(e) => {
                file.set(None);
                refused.set(Some(messages::customers_csv_error(app.lang.get_untracked(), &e)));
            }
        }
    });
    let mapping_error = Memo::new(move |_| mapping.with(|m| check_mapping(m).err()));
    // The plan is made against the customers as they are when the mapping or the
    // strategy changes; the import writes this very plan.
    let make_plan = move || -> Option<Arc<ImportPlan>> {
        let f = file.get()?;
        if mapping_error.get().is_some() {
            return None;
        }
        let m = mapping.get();
        let s = strategy.get();
        let now = Utc::now();
        Some(Arc::new(
            app.stores
                .customers
                .with_untracked(|t| plan_customer_import(&f.rows, &f.header, &m, t.iter(), s, now, new_id)),
        ))
    };
    let plan = Memo::new(move |_| {
        revision.track();
        make_plan()
    });

    let import = move |_| {
        let Some(shown) = plan.get_untracked() else { return };
        // Planned again now: if another tab changed the customers since the preview,
        // the preview is shown anew instead of writing something else than it said.
        let Some(p) = untrack(make_plan) else { return };
        if !same_outcomes(&shown, &p) {
            revision.update(|r| *r += 1);
            app.error(Key::PreviewChanged);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.customers.put_many(p.to_write.clone()).await {
                Ok(()) => {
                    done.set(Some(p.counts));
                    file.set(None);
                }
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="page">
            <p><a href="/customers">"← " {tx(Key::NavCustomers)}</a></p>
            <h1>{tx(Key::ImportCustomersCsv)}</h1>
            <p class="hint">{tx(Key::ImportCustomersHint)}</p>
            <CsvFileDrop on_file=on_file/>
            {move || refused.get().map(|text| view! {
                <div class="problems" role="alert"><p><strong>{tx(Key::CsvNotImported)}</strong></p><p>{text}</p></div>
            })}
            {move || done.get().map(|c| view! {
                <p class="notice" role="status" data-testid="import-done">{messages::import_counts(app.lang.get(), &c, true)}</p>
                <a href="/customers">{tx(Key::GoToCustomers)}</a>
            })}
            {move || file.get().map(|f| view! {
                <MappingTable file=f mapping=mapping/>
                {move || mapping_error.get().map(|e| view! {
                    <p class="warn" role="alert">{messages::customers_csv_error(app.lang.get(), &e)}</p>
                })}
                <fieldset>
                    <legend>{tx(Key::DuplicateStrategy)}</legend>
                    {[(DuplicateStrategy::Skip, Key::DupSkip), (DuplicateStrategy::Update, Key::DupUpdate), (DuplicateStrategy::Create, Key::DupCreate)]
                        .into_iter()
                        .map(|(s, k)| view! {
                            <label class="radio">
                                <input type="radio" name="dup" prop:checked=move || strategy.get() == s on:change=move |_| strategy.set(s)/>
                                {tx(k)}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                // Built again on a switch of language too: its texts are made in it.
                {move || {
                    app.lang.track();
                    plan.get().map(|p| view! { <Preview plan=p/> })
                }}
                <div class="actions">
                    <button
                        type="button"
                        class="btn btn-primary"
                        disabled=move || busy.get() || plan.with(|p| p.as_ref().is_none_or(|p| p.to_write.is_empty()))
                        on:click=import
                    >
                        {tx(Key::ImportNow)}
                    </button>
                </div>
            })}
        </section>
    }
}

/// Whether two plans of the same file do the same to every row (new ids aside).
fn same_outcomes(a: &ImportPlan, b: &ImportPlan) -> bool {
    let strip = |p: &ImportPlan| -> Vec<RowOutcome> {
        p.rows
            .iter()
            .map(|r| match &r.outcome {
                RowOutcome::Create { duplicate_of, .. } => {
                    RowOutcome::Create { id: Default::default(), duplicate_of: duplicate_of.clone() }
                }
                other => other.clone(),
            })
            .collect()
    };
    a.counts == b.counts && strip(a) == strip(b)
}

/// One row per column of the file: its header, a sample value and the field it goes to.
#[component]
fn MappingTable(file: Arc<CustomersCsv>, mapping: RwSignal<Vec<Option<CustomerColumn>>>) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="table-scroll">
            <table class="data">
                <caption>{tx(Key::ColumnMapping)}</caption>
                <thead><tr><th scope="col">{tx(Key::CsvColumn)}</th><th scope="col">{tx(Key::FirstRowValue)}</th><th scope="col">{tx(Key::ImportAs)}</th></tr></thead>
                <tbody>
                    {file.header.iter().enumerate().map(|(i, h)| {
                        let sample = file.rows.first().and_then(|r| r.get(i)).cloned().unwrap_or_default();
                        let value = move || mapping.with(|m| m.get(i).copied().flatten().map_or("", CustomerColumn::field));
                        let header = h.clone();
                        let label = move || format!("{} {header}", app.lang.get().t(Key::ImportAs));
                        view! {
                            <tr>
                                <th scope="row">{h.clone()}</th>
                                <td>{sample}</td>
                                <td>
                                    <select aria-label=label prop:value=value on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let c = CustomerColumn::ALL.into_iter().find(|c| c.field() == v);
                                        mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = c; });
                                    }>
                                        <option value="" selected=move || value().is_empty()>{tx(Key::DoNotImport)}</option>
                                        {CustomerColumn::ALL.into_iter().map(|c| view! {
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

/// The counts and the first rows of the plan, each with what becomes of it.
#[component]
fn Preview(plan: Arc<ImportPlan>) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    let names: std::collections::HashMap<String, String> =
        plan.to_write.iter().map(|c| (c.id.to_string(), format!("{} {}", c.name, c.phone).trim().to_owned())).collect();
    let existing = move |id: &str| {
        app.stores.customers.with_untracked(|t| t.get(id).map(|c| c.name.to_string())).unwrap_or_default()
    };
    let dup_text = move |d: &DuplicateOf| messages::duplicate_of(lang, d, existing);
    let shown = plan.rows.len().min(PREVIEW_ROWS);
    view! {
        <h2>{tx(Key::Preview)}</h2>
        <p role="status" data-testid="import-preview">{messages::import_counts(lang, &plan.counts, false)}</p>
        {(plan.rows.len() > shown).then(|| view! { <p class="hint">{messages::and_more(lang, plan.rows.len() - shown)}</p> })}
        <div class="table-scroll">
            <table class="data">
                <thead><tr><th scope="col">{tx(Key::Line)}</th><th scope="col">{tx(Key::Outcome)}</th><th scope="col">{tx(Key::Details)}</th></tr></thead>
                <tbody>
                    {plan.rows.iter().take(shown).map(|r| {
                        let (class, what, detail) = match &r.outcome {
                            RowOutcome::Create { id, duplicate_of } => ("ok", Key::OutcomeCreate, {
                                let mut d = names.get(id.as_str()).cloned().unwrap_or_default();
                                if let Some(x) = duplicate_of { d = format!("{d} · {}", dup_text(x)); }
                                d
                            }),
                            RowOutcome::Update { id } => ("ok", Key::OutcomeUpdate, names.get(id.as_str()).cloned().unwrap_or_default()),
                            RowOutcome::Unchanged { id } => ("partial", Key::OutcomeUnchanged, existing(id)),
                            RowOutcome::Skip { duplicate_of } => ("partial", Key::OutcomeSkip, dup_text(duplicate_of)),
                            RowOutcome::Invalid { problems } => ("warn", Key::OutcomeInvalid,
                                problems.iter().map(|p| messages::csv_problem(lang, p)).collect::<Vec<_>>().join("；")),
                        };
                        view! {
                            <tr data-testid="preview-row">
                                <td>{r.line}</td>
                                <td class=class>{tx(what)}</td>
                                <td>{detail}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
