//! Orders from a CSV file, in the customers import's steps: the column mapping
//! (guessed, correctable), the owner's choices for unknown customers and likely
//! duplicates, a report of every row, then one transaction writing the orders and
//! the customers they create.

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::model::new_id;
use crate::ui::components::{
    customer_names, still_reading, ColumnMapping, CsvFileDrop, ImportReport, ImportReportData, RadioChoice,
};
use crate::ui::context::{tx, use_app};
use crate::ui::customers::CustomerLookup;
use crate::ui::format::today;
use crate::workbook::orders_csv::{
    check_mapping, plan_order_import, read_orders_csv, LikelyDuplicates, OrderColumn, OrderImportOptions, OrderPlan,
    OrdersCsv, UnknownCustomer,
};

/// The orders import, in a card of the orders page.
#[component]
pub fn OrdersImport() -> impl IntoView {
    let app = use_app();
    let file = RwSignal::new(None::<Arc<OrdersCsv>>);
    let mapping = RwSignal::new(Vec::<Option<OrderColumn>>::new());
    let unknown = RwSignal::new(UnknownCustomer::default());
    let duplicates = RwSignal::new(LikelyDuplicates::default());
    let refused = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Arc<ImportReportData>>);
    let busy = RwSignal::new(false);

    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        done.set(None);
        match read_orders_csv(&bytes) {
            Ok(csv) => {
                refused.set(None);
                mapping.set(csv.mapping.clone());
                file.set(Some(Arc::new(csv)));
            }
            Err(e) => {
                file.set(None);
                refused.set(Some(messages::orders_csv_error(app.lang.get_untracked(), &e)));
            }
        }
    });
    let mapping_error = Memo::new(move |_| mapping.with(|m| check_mapping(m).err()));
    // Planned against the customers and orders as they are when a choice changes;
    // the import plans again and writes only if nothing changed meanwhile.
    let make_plan = move || -> Option<Arc<OrderPlan>> {
        let f = file.get()?;
        // Planned against every order: until the history is read, a second import
        // of a file would not see the first.
        if mapping_error.get().is_some() || !app.stores.orders.is_loaded() || !app.stores.customers.is_loaded() {
            return None;
        }
        let m = mapping.get();
        let options = OrderImportOptions { unknown_customer: unknown.get(), duplicates: duplicates.get() };
        let lookup = CustomerLookup::new(&app);
        let (today, now) = (today(), Utc::now());
        Some(Arc::new(app.stores.orders.with_untracked(|t| {
            plan_order_import(&f.rows, &f.header, &m, |cell| lookup.find(cell), t.iter(), options, today, now, new_id)
        })))
    };
    let revision = RwSignal::new(0u32);
    let plan = Memo::new(move |_| {
        revision.track();
        make_plan()
    });
    let report_of = move |p: &OrderPlan| -> Option<Arc<ImportReportData>> {
        file.with_untracked(|f| f.as_ref().map(|f| ImportReportData::of(&f.header, &f.rows, p.rows.clone(), p.counts)))
    };
    let name_of = customer_names(app);

    let import = move |_| {
        let Some(shown) = plan.get_untracked() else { return };
        let Some(p) = untrack(make_plan) else { return };
        let fates =
            |p: &OrderPlan| p.rows.iter().map(|r| (r.line, r.fate, r.duplicate_of.is_some())).collect::<Vec<_>>();
        if fates(&shown) != fates(&p) {
            revision.update(|r| *r += 1);
            app.error(Key::PreviewChanged);
            return;
        }
        let report = report_of(&p);
        let mut orders = p.orders.clone();
        let Some(first) = orders.pop() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            // The orders and the customers they create in one transaction.
            let along =
                vec![app.stores.orders.put_along(orders), app.stores.customers.put_along(p.new_customers.clone())];
            match app.stores.orders.save_edit_with(first, None, along).await {
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
        <details class="card" open=move || file.with(Option::is_some) || done.with(Option::is_some)>
            <summary>{tx(Key::ImportOrdersCsv)}</summary>
            <p class="hint">{tx(Key::ImportOrdersHint)}</p>
            <CsvFileDrop on_file=on_file/>
            {move || refused.get().map(|text| view! {
                <div class="problems" role="alert"><p><strong>{tx(Key::CsvNotImported)}</strong></p><p>{text}</p></div>
            })}
            {move || {
                app.lang.track();
                let name_of = done_name_of.clone();
                done.get().map(|d| view! { <ImportReport data=d done=true file_name="orders-problems.csv" name_of=name_of/> })
            }}
            {move || file.get().map(|f| {
                let name_of = name_of.clone();
                view! {
                    <ColumnMapping header=Arc::new(f.header.clone()) first=f.rows.first().cloned().unwrap_or_default() mapping=mapping/>
                    {move || mapping_error.get().map(|e| view! {
                        <p class="warn" role="alert">{messages::orders_csv_error(app.lang.get(), &e)}</p>
                    })}
                    <RadioChoice legend=Key::UnknownCustomers name="unknown-customer" value=unknown
                        options=vec![(UnknownCustomer::Create, Key::UnknownCreate), (UnknownCustomer::Skip, Key::UnknownSkip)]/>
                    <RadioChoice legend=Key::LikelyDuplicates name="likely-duplicates" value=duplicates
                        options=vec![(LikelyDuplicates::Skip, Key::LikelySkip), (LikelyDuplicates::Import, Key::LikelyImport)]/>
                    <div class="actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            disabled=move || busy.get() || plan.with(|p| p.as_ref().is_none_or(|p| p.orders.is_empty()))
                            on:click=import
                        >
                            {tx(Key::ImportNow)}
                        </button>
                    </div>
                    {move || {
                        app.lang.track();
                        if !app.stores.orders.is_loaded() {
                            return Some(still_reading());
                        }
                        let name_of = name_of.clone();
                        plan.get().and_then(|p| report_of(&p)).map(|d| view! {
                            <ImportReport data=d done=false file_name="orders-problems.csv" name_of=name_of/>
                        }.into_any())
                    }}
                }
            })}
        </details>
    }
}
