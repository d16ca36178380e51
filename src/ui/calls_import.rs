//! The call log from a CSV file, in the steps every import shares: the file, the
//! owner's choice for likely duplicates, a report of every row, then one transaction
//! writing the calls; the report stays after the import.

use std::sync::Arc;

use chrono::{Local, Offset, Utc};
use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::model::new_id;
use crate::ui::components::{customer_names, still_reading, CsvFileDrop, ImportReport, ImportReportData, RadioChoice};
use crate::ui::context::{tx, use_app, ToastKind};
use crate::ui::customers::CustomerLookup;
use crate::workbook::calls_csv::{plan_call_import, read_calls_csv, CallPlan, CallsCsv};
use crate::workbook::import_report::LikelyDuplicates;

/// The calls import, in a card of the call-center page.
#[component]
pub fn CallsImport() -> impl IntoView {
    let app = use_app();
    let file = RwSignal::new(None::<Arc<CallsCsv>>);
    let duplicates = RwSignal::new(LikelyDuplicates::default());
    let refused = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Arc<ImportReportData>>);
    let busy = RwSignal::new(false);

    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        done.set(None);
        match read_calls_csv(&bytes) {
            Ok(csv) => {
                refused.set(None);
                file.set(Some(Arc::new(csv)));
            }
            Err(p) => {
                file.set(None);
                refused.set(Some(messages::csv_problem(app.lang.get_untracked(), &p)));
            }
        }
    });
    // Planned against every call of the book: until the log is read, a second import
    // of a file would not see the first.
    let make_plan =
        move || -> Option<Arc<CallPlan>> {
            let f = file.get()?;
            if !app.stores.calls.is_loaded() || !app.stores.customers.is_loaded() {
                return None;
            }
            let lookup = CustomerLookup::new(&app);
            let (offset, now, choice) = (Local::now().offset().fix(), Utc::now(), duplicates.get());
            Some(Arc::new(app.stores.calls.with_untracked(|t| {
                plan_call_import(&f, |cell| lookup.find(cell), t.iter(), choice, offset, now, new_id)
            })))
        };
    let revision = RwSignal::new(0u32);
    let plan = Memo::new(move |_| {
        revision.track();
        make_plan()
    });
    let report_of = move |p: &CallPlan| -> Option<Arc<ImportReportData>> {
        file.with_untracked(|f| f.as_ref().map(|f| ImportReportData::of(&f.header, &f.rows, p.rows.clone(), p.counts)))
    };
    let name_of = customer_names(app);

    let import = move |_| {
        let Some(shown) = plan.get_untracked() else { return };
        let Some(p) = untrack(make_plan) else { return };
        let fates =
            |p: &CallPlan| p.rows.iter().map(|r| (r.line, r.fate, r.duplicate_of.is_some())).collect::<Vec<_>>();
        if fates(&shown) != fates(&p) {
            revision.update(|r| *r += 1);
            app.error(Key::PreviewChanged);
            return;
        }
        let report = report_of(&p);
        let calls = p.calls.clone();
        let n = calls.len();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.calls.put_many(calls).await {
                Ok(()) => {
                    done.set(report);
                    file.set(None);
                    app.toast(ToastKind::Success, format!("{} {n}", app.t_now(Key::CallsImported)));
                }
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };

    let done_name_of = name_of.clone();
    view! {
        <details class="card" open=move || file.with(Option::is_some) || done.with(Option::is_some)>
            <summary>{tx(Key::ImportCallsCsv)}</summary>
            <p class="hint">{tx(Key::ImportCallsHint)}</p>
            <CsvFileDrop on_file=on_file/>
            {move || refused.get().map(|text| view! {
                <div class="problems" role="alert"><p><strong>{tx(Key::CsvNotImported)}</strong></p><p>{text}</p></div>
            })}
            {move || {
                app.lang.track();
                let name_of = done_name_of.clone();
                done.get().map(|d| view! { <ImportReport data=d done=true file_name="calls-problems.csv" name_of=name_of/> })
            }}
            {move || file.get().map(|_| {
                let name_of = name_of.clone();
                view! {
                    <RadioChoice legend=Key::LikelyDuplicateCalls name="likely-duplicate-calls" value=duplicates
                        options=vec![(LikelyDuplicates::Skip, Key::LikelySkip), (LikelyDuplicates::Import, Key::LikelyImport)]/>
                    <div class="actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            disabled=move || busy.get() || plan.with(|p| p.as_ref().is_none_or(|p| p.calls.is_empty()))
                            on:click=import
                        >
                            {tx(Key::ImportNow)}
                        </button>
                    </div>
                    {move || {
                        app.lang.track();
                        if !app.stores.calls.is_loaded() {
                            return Some(still_reading());
                        }
                        let name_of = name_of.clone();
                        plan.get().and_then(|p| report_of(&p)).map(|d| view! {
                            <ImportReport data=d done=false file_name="calls-problems.csv" name_of=name_of/>
                        }.into_any())
                    }}
                }
            })}
        </details>
    }
}
