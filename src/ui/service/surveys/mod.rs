//! 客户满意度管理: surveys (designer with reorder and preview), responses (entered
//! per customer or anonymous, or imported from CSV), and results (per-question mean and
//! distribution, CSI, satisfaction rate, NPS, importance–performance quadrants).
//!
//! One file per page: the list (`list.rs`), the designer (`designer.rs`), entering
//! responses (`respond.rs`), importing them (`responses_import.rs`) and the results
//! (`results.rs`); what the designer's
//! preview and the response form share is here.

mod designer;
mod list;
mod respond;
mod responses_import;
mod results;

pub use designer::{SurveyEdit, SurveyNew};
pub use list::SurveysPage;
pub use respond::SurveyRespond;
pub use results::SurveyResultsPage;

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::survey::{Question, QuestionKind};
use crate::ui::context::use_app;

/// Answers being typed, by question id, as the text of each input.
type Typed = RwSignal<BTreeMap<String, String>>;

/// One input per question: 1–5 and 0–10 as radio buttons, choices as radio buttons or
/// check boxes (their indexes joined by commas), text as a text area.
#[component]
fn AnswerInputs(questions: Vec<Question>, answers: Typed, #[prop(optional)] disabled: bool) -> impl IntoView {
    let app = use_app();
    questions
        .into_iter()
        .enumerate()
        .map(|(n, q)| {
            let qid = q.id.clone();
            let get = {
                let qid = qid.clone();
                move || answers.with(|a| a.get(qid.as_str()).cloned().unwrap_or_default())
            };
            let set = {
                let qid = qid.clone();
                move |v: String| answers.update(|a| {
                    a.insert(qid.to_string(), v);
                })
            };
            let name = format!("q-{}", q.id);
            let choices: Vec<(String, String)> = match &q.kind {
                QuestionKind::Rating { .. } => (1..=5).map(|v| (v.to_string(), v.to_string())).collect(),
                QuestionKind::Likelihood => (0..=10).map(|v| (v.to_string(), v.to_string())).collect(),
                QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                    options.iter().enumerate().map(|(i, o)| (i.to_string(), o.clone())).collect()
                }
                QuestionKind::Text => Vec::new(),
            };
            let multiple = matches!(q.kind, QuestionKind::MultipleChoice { .. });
            let hint = match &q.kind {
                QuestionKind::Rating { .. } => Some(Key::RatingScale),
                QuestionKind::Likelihood => Some(Key::LikelihoodScale),
                _ => None,
            };
            let body = if matches!(q.kind, QuestionKind::Text) {
                let id = crate::ui::components::next_id("qt");
                let (get, set) = (get.clone(), set.clone());
                view! {
                    <label class="visually-hidden" for=id.clone()>{q.text.clone()}</label>
                    <textarea id=id rows="2" disabled=disabled prop:value=get on:input=move |ev| set(event_target_value(&ev))></textarea>
                }
                .into_any()
            } else {
                choices
                    .into_iter()
                    .map(|(value, label)| {
                        let (get, set) = (get.clone(), set.clone());
                        let v = value.clone();
                        let current = get.clone();
                        let checked = move || {
                            let cur = get();
                            if multiple { cur.split(',').any(|x| x == v) } else { cur == v }
                        };
                        view! {
                            <label class="choice">
                                <input
                                    type=if multiple { "checkbox" } else { "radio" }
                                    name=name.clone()
                                    value=value.clone()
                                    disabled=disabled
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        if multiple {
                                            let mut set_of: Vec<String> = current().split(',').filter(|x| !x.is_empty()).map(str::to_owned).collect();
                                            set_of.retain(|x| *x != value);
                                            if event_target_checked(&ev) {
                                                set_of.push(value.clone());
                                            }
                                            set(set_of.join(","));
                                        } else {
                                            set(value.clone());
                                        }
                                    }
                                />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <fieldset class="answer">
                    <legend>{n + 1} ". " {q.text.clone()}</legend>
                    {hint.map(|h| view! { <p class="hint">{move || app.t(h)}</p> })}
                    <div class="choices">{body}</div>
                </fieldset>
            }
        })
        .collect_view()
}
