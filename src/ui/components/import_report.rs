//! The report every CSV import shows, before and after it writes: the counts, a
//! count per kind of problem, every row (virtualized, so 100,000 rows scroll like
//! 100) with a filter for the rows with a problem, and the problem rows as a CSV to
//! fix in a spreadsheet and import again.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::store::IdSet;
use crate::ui::components::table::CellFn;
use crate::ui::components::{Cell, Column, Rows, VirtualTable};
use crate::ui::context::{tx, use_app};
use crate::workbook::import_report::{problem_csv, tally, ImportCounts, ReportRow, RowFate};

/// One CSV import: the file's header and data rows, and what becomes of each row.
pub struct ImportReportData {
    /// The file's column names.
    pub header: Vec<String>,
    /// The file's data rows, as read.
    pub rows: Arc<Vec<Vec<String>>>,
    /// Every row that is not empty and what becomes of it.
    pub report: Vec<ReportRow>,
    /// How many rows have each outcome.
    pub counts: ImportCounts,
}

impl ImportReportData {
    /// The report of a file (`header`, `rows`) and its plan's rows and counts; every
    /// CSV import page shows its plan and its result through this.
    pub fn of(header: &[String], rows: &[Vec<String>], report: Vec<ReportRow>, counts: ImportCounts) -> Arc<Self> {
        Arc::new(ImportReportData { header: header.to_vec(), rows: Arc::new(rows.to_vec()), report, counts })
    }
}

/// Names a customer of the book by id (for "same as customer 张三").
pub type NameOf = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// [`NameOf`] over the book's customers.
pub fn customer_names(app: crate::ui::context::AppCtx) -> NameOf {
    Arc::new(move |id: &str| {
        app.stores.customers.with_untracked(|t| t.get(id).map(|c| c.name.to_string())).unwrap_or_default()
    })
}

/// The report of `data`: a plan (`done` false, "will import") or what was imported.
/// The problem rows download as `file_name`.
#[component]
pub fn ImportReport(
    /// The import.
    data: Arc<ImportReportData>,
    /// Whether the rows are written (the counts say "imported").
    done: bool,
    /// The problem CSV's file name.
    file_name: &'static str,
    /// Names a customer of the book by id.
    name_of: NameOf,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    let only_problems = RwSignal::new(false);
    let all: Arc<Vec<String>> = Arc::new((0..data.report.len()).map(|i| i.to_string()).collect());
    let with_problem: Arc<Vec<String>> =
        Arc::new(data.report.iter().enumerate().filter(|(_, r)| r.has_problem()).map(|(i, _)| i.to_string()).collect());
    let left_out = data.report.iter().filter(|r| r.left_out_for_a_problem()).count();
    let rows = Signal::derive(move || -> Rows {
        if only_problems.get() {
            with_problem.clone()
        } else {
            all.clone()
        }
    });
    let row_of = {
        let data = data.clone();
        move |id: &str| -> Option<ReportRow> { data.report.get(id.parse::<usize>().ok()?).cloned() }
    };
    let cell = |f: Arc<dyn Fn(&ReportRow) -> Cell + Send + Sync>| -> CellFn {
        let row_of = row_of.clone();
        Arc::new(move |id: &str| row_of(id).map(|r| f(&r)).unwrap_or_default())
    };
    let fate = move |r: &ReportRow| -> (&'static str, Key) {
        match r.fate {
            _ if r.imported_with_problem() => ("partial", Key::OutcomeWithProblem),
            RowFate::Created => ("ok", Key::OutcomeCreate),
            RowFate::Updated => ("ok", Key::OutcomeUpdate),
            RowFate::Unchanged => ("partial", Key::OutcomeUnchanged),
            RowFate::Skipped => ("partial", Key::OutcomeSkip),
            RowFate::Refused => ("warn", Key::OutcomeInvalid),
        }
    };
    let details = move |r: &ReportRow| -> String {
        let mut parts: Vec<String> = Vec::new();
        if r.new_customer {
            parts.push(lang.t(Key::NewCustomerWithOrder).to_owned());
        }
        if let Some(d) = &r.duplicate_of {
            parts.push(messages::duplicate_of(lang, d, |id| name_of(id)));
        }
        parts.extend(r.problems.iter().map(|p| messages::csv_problem_in_row(lang, p)));
        parts.join(if lang == crate::i18n::Lang::Zh { "；" } else { "; " })
    };
    let columns = vec![
        Column {
            key: "line",
            header: Key::Line,
            width: "4.5rem",
            sortable: false,
            cell: cell(Arc::new(|r| Cell::text(r.line.to_string()))),
        },
        Column {
            key: "outcome",
            header: Key::Outcome,
            width: "9rem",
            sortable: false,
            cell: cell(Arc::new(move |r| {
                let (class, key) = fate(r);
                Cell::text(lang.t(key)).class(class)
            })),
        },
        Column {
            key: "record",
            header: Key::Record,
            width: "14rem",
            sortable: false,
            cell: cell(Arc::new(|r| Cell::text(r.summary.clone()))),
        },
        Column {
            key: "details",
            header: Key::Details,
            width: "minmax(20rem, 1fr)",
            sortable: false,
            cell: cell(Arc::new(move |r| Cell::text(details(r)).titled())),
        },
    ];
    let download = {
        let data = data.clone();
        move |_| {
            let lang = app.lang.get_untracked();
            let text = problem_csv(&data.header, &data.rows, &data.report, lang.t(Key::ProblemReasonHeader), |r| {
                messages::problem_reason(lang, r)
            });
            if crate::ui::download::save_text(file_name, &text, "text/csv;charset=utf-8").is_err() {
                app.error(Key::DownloadRefused);
            }
        }
    };
    let kinds = tally(&data.report);
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = {
        let row_of = row_of.clone();
        Arc::new(move |id: &str| format!("{} {}", lang.t(Key::Line), row_of(id).map_or(0, |r| r.line)))
    };
    view! {
        <div class="import-report">
            <h2>{tx(if done { Key::ImportReport } else { Key::Preview })}</h2>
            <p role="status" data-testid=if done { "import-done" } else { "import-preview" }>
                {messages::import_counts(lang, &data.counts, done)}
            </p>
            {(!kinds.is_empty()).then(|| view! {
                <ul class="problem-kinds" data-testid="problem-kinds">
                    {kinds.iter().map(|t| view! { <li>{messages::problem_tally(lang, t)}</li> }).collect_view()}
                </ul>
            })}
            <div class="actions">
                <label class="inline">
                    <input type="checkbox" prop:checked=move || only_problems.get() on:change=move |ev| only_problems.set(event_target_checked(&ev))/>
                    {tx(Key::OnlyProblemRows)}
                </label>
                {(left_out > 0).then(|| view! {
                    <button type="button" class="btn" on:click=download>{tx(Key::DownloadProblemRows)}</button>
                })}
            </div>
            <VirtualTable
                label=Key::ImportReport
                columns=columns
                rows=rows
                sort=RwSignal::new(("line", true))
                selection=RwSignal::new(IdSet::new())
                on_open=Callback::new(|_: String| {})
                row_name=row_name
            />
        </div>
    }
}
