//! `/customers/import`: a shop owner's spreadsheet of customers in, without retyping.
//! The column mapping is guessed from the header and can be corrected; the preview
//! shows what each row will become under the chosen duplicate strategy, and the import
//! writes exactly that plan in one transaction (all or nothing).

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::model::custom_field::{CustomField, CustomFieldKind, CustomFields};
use crate::model::new_id;
use crate::ui::components::{customer_names, ColumnMapping, CsvFileDrop, ImportReport, ImportReportData, RadioChoice};
use crate::ui::context::{tx, use_app};
use crate::workbook::customers_csv::{
    check_mapping, guess_mapping_with, plan_customer_import, read_customers_csv, Columns, CustomerColumn, CustomersCsv,
    DuplicateStrategy, ImportPlan, RowOutcome,
};

/// `/customers/import`.
#[component]
pub fn CustomerImport() -> impl IntoView {
    let app = use_app();
    let file = RwSignal::new(None::<Arc<CustomersCsv>>);
    let mapping = RwSignal::new(Vec::<Option<CustomerColumn>>::new());
    let strategy = RwSignal::new(DuplicateStrategy::Skip);
    let refused = RwSignal::new(None::<String>);
    // What the last import did, row by row; stays on screen until the next file.
    let done = RwSignal::new(None::<Arc<ImportReportData>>);
    let busy = RwSignal::new(false);
    // Bumped to plan again against the customers as they are now.
    let revision = RwSignal::new(0u32);

    let custom_fields = Memo::new(move |_| crate::ui::settings::setting::<CustomFields>(&app));
    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        done.set(None);
        match read_customers_csv(&bytes) {
            Ok(csv) => {
                refused.set(None);
                // A column headed as one of the book's custom fields goes into it.
                mapping.set(custom_fields.with_untracked(|f| guess_mapping_with(&csv.header, f)));
                file.set(Some(Arc::new(csv)));
            }
            Err(e) => {
                file.set(None);
                refused.set(Some(messages::customers_csv_error(app.lang.get_untracked(), &e)));
            }
        }
    });
    // A column the book has no field for becomes a text custom field of its name, and
    // is imported into it: nothing of the file has to be left behind.
    let add_custom = Callback::new(move |column: usize| {
        let Some(name) = file.with_untracked(|f| f.as_ref().and_then(|f| f.header.get(column).cloned())) else {
            return;
        };
        let mut fields = crate::ui::settings::setting_untracked::<CustomFields>(&app);
        let place = match fields.position(name.trim()) {
            Some(place) => Some(place),
            None => {
                fields.fields.push(CustomField {
                    name: name.trim().into(),
                    kind: CustomFieldKind::Text,
                    choices: Vec::new(),
                });
                if !crate::ui::settings::save_setting_checked(app, fields.clone(), app.t_now(Key::CustomFields)) {
                    return;
                }
                Some(fields.fields.len() - 1)
            }
        };
        if let Some(place) = place {
            mapping.update(|m| {
                if let Some(slot) = m.get_mut(column) {
                    *slot = Some(CustomerColumn::Custom(place as u16));
                }
            });
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
        let fields = custom_fields.get();
        let now = Utc::now();
        Some(Arc::new(app.stores.customers.with_untracked(|t| {
            let columns = Columns { header: &f.header, mapping: &m, fields: &fields };
            plan_customer_import(&f.rows, columns, t.iter(), s, now, new_id)
        })))
    };
    let plan = Memo::new(move |_| {
        revision.track();
        make_plan()
    });
    let report_of = move |p: &ImportPlan| -> Option<Arc<ImportReportData>> {
        let f = file.get_untracked()?;
        let report = mapping.with_untracked(|m| p.report(&f.rows, m));
        Some(ImportReportData::of(&f.header, &f.rows, report, p.counts))
    };
    let name_of = customer_names(app);

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
        let report = report_of(&p);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.customers.put_many(p.to_write.clone()).await {
                Ok(()) => {
                    done.set(report);
                    file.set(None);
                }
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };

    let done_name_of = name_of.clone();
    view! {
        <section class="page">
            <p><a href="/customers">"← " {tx(Key::NavCustomers)}</a></p>
            <h1>{tx(Key::ImportCustomersCsv)}</h1>
            <p class="hint">{tx(Key::ImportCustomersHint)}</p>
            <CsvFileDrop on_file=on_file/>
            {move || refused.get().map(|text| view! {
                <div class="problems" role="alert"><p><strong>{tx(Key::CsvNotImported)}</strong></p><p>{text}</p></div>
            })}
            {move || {
                app.lang.track();
                let name_of = done_name_of.clone();
                done.get().map(|d| view! {
                    <ImportReport data=d done=true file_name="customers-problems.csv" name_of=name_of/>
                    <a href="/customers">{tx(Key::GoToCustomers)}</a>
                })
            }}
            {move || file.get().map(|f| {
                let name_of = name_of.clone();
                view! {
                <ColumnMapping header=Arc::new(f.header.clone()) first=f.rows.first().cloned().unwrap_or_default() mapping=mapping
                    custom=Signal::derive(move || custom_fields.with(|f| f.fields.iter().map(|f| f.name.to_string()).collect()))
                    on_add_custom=add_custom/>
                {move || mapping_error.get().map(|e| view! {
                    <p class="warn" role="alert">{messages::customers_csv_error(app.lang.get(), &e)}</p>
                })}
                <RadioChoice legend=Key::DuplicateStrategy name="dup" value=strategy
                    options=vec![(DuplicateStrategy::Skip, Key::DupSkip), (DuplicateStrategy::Update, Key::DupUpdate), (DuplicateStrategy::Create, Key::DupCreate)]/>
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
                // Built again on a switch of language too: its texts are made in it.
                {move || {
                    app.lang.track();
                    let name_of = name_of.clone();
                    plan.get().and_then(|p| report_of(&p)).map(|d| view! {
                        <ImportReport data=d done=false file_name="customers-problems.csv" name_of=name_of/>
                    })
                }}
            }})}
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
