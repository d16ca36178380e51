//! The problems of a refused CSV file, each with its row and column, in words.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::ui::context::use_app;
use crate::workbook::survey_csv::CsvProblem;

/// The list of `problems` under `heading` (shown only when there are some).
#[component]
pub fn CsvProblems(
    /// The problems of the last file.
    problems: RwSignal<Vec<CsvProblem>>,
    /// What the list is introduced by ("the CSV was not imported…").
    heading: Key,
) -> impl IntoView {
    let app = use_app();
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            let lang = app.lang.get();
            view! {
                <div class="problems" role="alert">
                    <p>{lang.t(heading)}</p>
                    <ul>{list.iter().map(|p| view! { <li>{messages::csv_problem(lang, p)}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
