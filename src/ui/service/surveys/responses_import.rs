//! Survey responses from a CSV file, in the steps every import shares: the file, a
//! report of every row, then one transaction writing the responses; the report stays
//! after the import. A file is refused whole only for its header.

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::new_id;
use crate::model::survey::Survey;
use crate::ui::components::{customer_names, CsvFileDrop, CsvProblems, ImportReport, ImportReportData};
use crate::ui::context::{tx, use_app, ToastKind};
use crate::ui::customers::CustomerLookup;
use crate::ui::download::save_text;
use crate::workbook::survey_csv::{
    keeps_originals_in, plan_response_import, read_responses_csv, responses_template, CsvProblem, ResponsePlan,
    ResponsesCsv,
};

/// Importing responses to `survey` from CSV, in a card of its results page.
#[component]
pub fn ResponsesImport(survey: StoredValue<Survey>) -> impl IntoView {
    let app = use_app();
    let file = RwSignal::new(None::<Arc<ResponsesCsv>>);
    let refused = RwSignal::new(Vec::<CsvProblem>::new());
    let done = RwSignal::new(None::<Arc<ImportReportData>>);
    let busy = RwSignal::new(false);

    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        done.set(None);
        match read_responses_csv(&survey.get_value(), &bytes) {
            Ok(csv) => {
                refused.set(Vec::new());
                file.set(Some(Arc::new(csv)));
            }
            Err(p) => {
                file.set(None);
                refused.set(p);
            }
        }
    });
    // The customer cells are looked up among the customers as they are.
    let plan = Memo::new(move |_| -> Option<Arc<ResponsePlan>> {
        let f = file.get()?;
        if !app.stores.customers.is_loaded() {
            return None;
        }
        let lookup = CustomerLookup::new(&app);
        Some(Arc::new(plan_response_import(&survey.get_value(), &f, |cell| lookup.find(cell), Utc::now(), new_id)))
    });
    let report_of = move |p: &ResponsePlan| -> Option<Arc<ImportReportData>> {
        file.with_untracked(|f| f.as_ref().map(|f| ImportReportData::of(&f.header, &f.rows, p.rows.clone(), p.counts)))
    };
    let name_of = customer_names(app);
    let import = move |_| {
        let Some(p) = plan.get_untracked() else { return };
        let report = report_of(&p);
        let list = p.responses.clone();
        let n = list.len();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.survey_responses.put_many(list).await {
                Ok(()) => {
                    done.set(report);
                    file.set(None);
                    app.toast(ToastKind::Success, format!("{} {n}", app.t_now(Key::ResponsesImported)));
                }
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };
    let template = move |_| {
        let s = survey.get_value();
        if save_text(&format!("{}-template.csv", s.title), &responses_template(&s), "text/csv").is_err() {
            app.error(Key::ExportFailed);
        }
    };
    // Where the text of an unreadable cell goes, said before the file is chosen.
    let kept_where = survey.with_value(|s| {
        if keeps_originals_in(s).is_some() {
            Key::ResponsesKeepInText
        } else {
            Key::ResponsesKeepInProblemCsv
        }
    });
    let done_name_of = name_of.clone();
    view! {
        <section class="card" aria-labelledby="csv-h">
            <h2 id="csv-h">{tx(Key::ImportResponsesCsv)}</h2>
            <p class="hint">{tx(Key::ImportResponsesHint)}</p>
            <p class="hint" data-testid="responses-kept-where">{tx(kept_where)}</p>
            <div class="actions">
                <CsvFileDrop on_file=on_file/>
                <button type="button" class="btn" on:click=template>{tx(Key::DownloadTemplate)}</button>
            </div>
            <CsvProblems problems=refused heading=Key::CsvRefused/>
            {move || {
                app.lang.track();
                let name_of = done_name_of.clone();
                done.get().map(|d| view! { <ImportReport data=d done=true file_name="responses-problems.csv" name_of=name_of/> })
            }}
            {move || file.get().map(|_| {
                let name_of = name_of.clone();
                view! {
                    <div class="actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            disabled=move || busy.get() || plan.with(|p| p.as_ref().is_none_or(|p| p.responses.is_empty()))
                            on:click=import
                        >
                            {tx(Key::ImportNow)}
                        </button>
                    </div>
                    {move || {
                        app.lang.track();
                        let name_of = name_of.clone();
                        plan.get().and_then(|p| report_of(&p)).map(|d| view! {
                            <ImportReport data=d done=false file_name="responses-problems.csv" name_of=name_of/>
                        })
                    }}
                }
            })}
        </section>
    }
}
