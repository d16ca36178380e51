//! 客户满意度管理: surveys (designer with reorder and preview), responses (entered
//! per customer or anonymous, or imported from CSV), and results (per-question mean and
//! distribution, CSI, satisfaction rate, NPS, importance–performance quadrants).

use std::collections::BTreeMap;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{customer_name, query_param, ServiceTabs};
use crate::analysis::satisfaction::Quadrant;
use crate::analysis::survey::results;
use crate::i18n::Key;
use crate::model::survey::{Answer, Question, QuestionKind, Survey, SurveyResponse};
use crate::model::{new_id, Choice, FieldError, Record};
use crate::store::StoreError;
use crate::ui::components::{
    current_path, error_for, focus_first_error, form_errors, go_on_from, Bar, BarChart, ConfirmDialog, CsvProblems,
    CustomerPicker, EmptyState, QuadrantChart, QuadrantPoint, TextField,
};
use crate::ui::context::{tx, txf, use_app, AppCtx, ToastKind};
use crate::ui::download::save_text;
use crate::ui::format::{fixed, local_datetime, percent1};
use crate::workbook::survey_csv::{responses_from_csv, responses_template, CsvProblem};

/// `/surveys`: every survey with its headline figures.
#[component]
pub fn SurveysPage() -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let responses: Vec<SurveyResponse> = app.stores.survey_responses.with(|t| t.live().cloned().collect());
        app.stores.surveys.with(|t| {
            let mut list: Vec<(Survey, usize, Option<f64>, Option<f64>)> = t
                .live()
                .map(|s| {
                    let own: Vec<SurveyResponse> = responses.iter().filter(|r| r.survey_id == s.id).cloned().collect();
                    let r = results(s, &own);
                    (s.clone(), own.len(), r.csi, r.nps)
                })
                .collect();
            list.sort_by_key(|x| std::cmp::Reverse(x.0.updated_at));
            list
        })
    });
    view! {
        <section class="page">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavSurveys)}</h1>
                <a href="/surveys/new" class="btn btn-primary">{tx(Key::NewSurvey)}</a>
            </div>
            <crate::ui::components::HelpPanel text=Key::HelpSurveys exercise="p2-t5"/>
            <p class="hint">{tx(Key::SurveyIntro)}</p>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <EmptyState message=Key::NoSurveys/> }.into_any();
                }
                view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{tx(Key::SurveyTitle)}</th>
                            <th scope="col">{tx(Key::Questions)}</th>
                            <th scope="col">{tx(Key::Responses)}</th>
                            <th scope="col">"CSI"</th>
                            <th scope="col">"NPS"</th>
                            <th scope="col">{tx(Key::Actions)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|(s, n, csi, nps)| view! {
                                <tr>
                                    <td><a href=format!("/surveys/{}/results", s.id)>{s.title.clone()}</a></td>
                                    <td>{s.questions.len()}</td>
                                    <td>{n}</td>
                                    <td>{csi.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into())}</td>
                                    <td>{nps.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into())}</td>
                                    <td class="actions">
                                        <a class="btn" href=format!("/surveys/{}/respond", s.id)>{tx(Key::EnterResponse)}</a>
                                        <a class="btn" href=format!("/surveys/{}", s.id)>{tx(Key::Design)}</a>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// The kinds of question, as in the designer's menu.
const QUESTION_KINDS: [(&str, Key); 5] = [
    ("rating", Key::QRating),
    ("likelihood", Key::QLikelihood),
    ("single_choice", Key::QSingle),
    ("multiple_choice", Key::QMultiple),
    ("text", Key::QText),
];

/// One question being edited.
#[derive(Clone, Copy)]
struct QuestionRow {
    /// The question's id (stable across edits, so answers stay attached).
    id: StoredValue<String>,
    text: RwSignal<String>,
    kind: RwSignal<String>,
    weight: RwSignal<String>,
    options: RwSignal<String>,
}

impl QuestionRow {
    fn of(q: &Question) -> Self {
        let (kind, weight, options) = match &q.kind {
            QuestionKind::Rating { weight } => ("rating", fixed(*weight, 2), String::new()),
            QuestionKind::Likelihood => ("likelihood", "1".to_owned(), String::new()),
            QuestionKind::SingleChoice { options } => ("single_choice", "1".to_owned(), options.join("\n")),
            QuestionKind::MultipleChoice { options } => ("multiple_choice", "1".to_owned(), options.join("\n")),
            QuestionKind::Text => ("text", "1".to_owned(), String::new()),
        };
        QuestionRow {
            id: StoredValue::new(q.id.to_string()),
            text: RwSignal::new(q.text.clone()),
            kind: RwSignal::new(kind.to_owned()),
            weight: RwSignal::new(weight),
            options: RwSignal::new(options),
        }
    }

    fn blank() -> Self {
        Self::of(&Question { id: new_id(), text: String::new(), kind: QuestionKind::Rating { weight: 1.0 } })
    }

    /// The question as typed; a weight that is not a number reads as 0 (refused).
    fn question(&self) -> Question {
        let options = || -> Vec<String> {
            self.options.get().lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
        };
        let kind = match self.kind.get().as_str() {
            "likelihood" => QuestionKind::Likelihood,
            "single_choice" => QuestionKind::SingleChoice { options: options() },
            "multiple_choice" => QuestionKind::MultipleChoice { options: options() },
            "text" => QuestionKind::Text,
            _ => QuestionKind::Rating {
                weight: crate::model::validate::ascii_digits(self.weight.get().trim()).parse().unwrap_or(0.0),
            },
        };
        Question { id: self.id.get_value().into(), text: self.text.get().trim().to_owned(), kind }
    }
}

/// `/surveys/new` and `/surveys/:id`: the designer.
#[component]
pub fn SurveyDesigner() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        if id.is_empty() {
            let now = Utc::now();
            let s = Survey {
                id: new_id(),
                title: String::new(),
                questions: vec![],
                created_at: now,
                updated_at: now,
                deleted_at: None,
            };
            return view! { <Designer survey=s is_new=true/> }.into_any();
        }
        match app.stores.surveys.with_untracked(|t| t.get(&id).cloned()) {
            Some(s) => view! { <Designer survey=s is_new=false/> }.into_any(),
            None => view! { <section class="page"><EmptyState message=Key::RecordNotFound/></section> }.into_any(),
        }
    }
}

/// The responses of `survey_id` whose answers no longer fit `survey`, each with those
/// answers removed.
fn orphaned_answers(app: &AppCtx, survey: &Survey) -> Vec<SurveyResponse> {
    app.stores.survey_responses.with_untracked(|t| {
        t.iter()
            .filter(|r| r.survey_id == survey.id)
            .filter_map(|r| {
                let bad: Vec<String> = r.check_against(survey).into_iter().map(|e| e.field).collect();
                (!bad.is_empty()).then(|| {
                    let mut fixed = r.clone();
                    fixed.answers.retain(|qid, _| !bad.contains(&format!("answers.{qid}")));
                    fixed
                })
            })
            .collect()
    })
}

#[component]
fn Designer(survey: Survey, is_new: bool) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let title = RwSignal::new(survey.title.clone());
    let rows = RwSignal::new(survey.questions.iter().map(QuestionRow::of).collect::<Vec<_>>());
    let base = StoredValue::new(survey);
    let tried = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let preview = RwSignal::new(false);
    let confirm_drop = RwSignal::new(false);
    let pending = StoredValue::new(None::<(Survey, Vec<SurveyResponse>)>);

    let build = move || -> (Survey, Vec<FieldError>) {
        let mut s = base.get_value();
        s.title = title.get().trim().to_owned();
        s.questions = rows.get().iter().map(QuestionRow::question).collect();
        let errors = s.validate();
        (s, errors)
    };
    let errors = form_errors(tried, move || build().1);
    let write = move |s: Survey, fixes: Vec<SurveyResponse>| {
        // A second submit while one is in flight writes nothing.
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        let navigate = navigate.clone();
        let from = current_path();
        let based_on = (!is_new).then(|| base.with_value(|b| b.updated_at));
        leptos::task::spawn_local(async move {
            let id = s.id.clone();
            // Answers that no longer fit go first: a survey must never be stored with
            // responses that do not fit it.
            let result = match app.stores.survey_responses.put_many(fixes).await {
                Ok(()) => app.stores.surveys.save_edit(s, based_on).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    app.success(Key::Saved);
                    go_on_from(navigate, &from, &format!("/surveys/{id}/results"));
                }
                Err(e) => {
                    if e == StoreError::Conflict {
                        if let Some(latest) = app.stores.surveys.with_untracked(|t| t.get(&id).cloned()) {
                            base.set_value(latest);
                        }
                    }
                    app.store_error(&e);
                }
            }
            saving.set(false);
        });
    };
    let write_confirmed = write.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (mut s, problems) = build();
        if !problems.is_empty() {
            focus_first_error(app);
            return;
        }
        let now = Utc::now();
        s.updated_at = now.max(s.created_at);
        let mut fixes = orphaned_answers(&app, &s);
        for f in &mut fixes {
            f.updated_at = now.max(f.created_at);
        }
        if fixes.is_empty() {
            write(s, fixes);
        } else {
            pending.set_value(Some((s, fixes)));
            confirm_drop.set(true);
        }
    };
    let mv = move |i: usize, delta: isize| {
        rows.update(|r| {
            let j = i as isize + delta;
            if j >= 0 && (j as usize) < r.len() {
                r.swap(i, j as usize);
            }
        })
    };
    let t = move |k: Key| app.t(k);
    let question_error = move |i: usize| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| f.starts_with(&format!("questions[{i}]"))).map(|(_, m)| m.clone()))
        })
    };
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{move || t(if is_new { Key::NewSurvey } else { Key::EditSurvey })}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <TextField label=Key::SurveyTitle value=title error=error_for(errors, "title") required=true/>
                <p class="error" role="alert" hidden=move || error_for(errors, "questions").with(|e| e.is_none() || !rows.with(Vec::is_empty))>
                    {tx(Key::SurveyNeedsQuestions)}
                </p>
                <ol class="questions">
                    {move || rows.get().into_iter().enumerate().map(|(i, row)| {
                        let n = rows.with_untracked(Vec::len);
                        let err = question_error(i);
                        let kind_id = crate::ui::components::next_id("qk");
                        view! {
                            <li class="card question">
                                <div class="grid2">
                                    <TextField label=Key::QuestionText value=row.text error=err required=true/>
                                    <div class="field">
                                        <label for=kind_id.clone()>{tx(Key::QuestionKind)}</label>
                                        <select id=kind_id prop:value=move || row.kind.get() on:change=move |ev| row.kind.set(event_target_value(&ev))>
                                            {QUESTION_KINDS.iter().map(|(v, k)| view! { <option value=*v selected=move || row.kind.get() == *v>{move || t(*k)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div hidden=move || row.kind.get() != "rating">
                                        <TextField label=Key::ImportanceWeight value=row.weight hint=Key::WeightHint/>
                                    </div>
                                    <div hidden=move || !row.kind.get().ends_with("choice")>
                                        <TextField label=Key::OptionsOnePerLine value=row.options multiline=true/>
                                    </div>
                                </div>
                                <div class="actions">
                                    <button type="button" class="btn" disabled=i == 0 on:click=move |_| mv(i, -1)>{tx(Key::MoveUp)}</button>
                                    <button type="button" class="btn" disabled=i + 1 == n on:click=move |_| mv(i, 1)>{tx(Key::MoveDown)}</button>
                                    <button type="button" class="btn btn-danger" on:click=move |_| rows.update(|r| { r.remove(i); })>{tx(Key::Delete)}</button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| rows.update(|r| r.push(QuestionRow::blank()))>{tx(Key::AddQuestion)}</button>
                    <button type="button" class="btn" aria-pressed=move || preview.get().to_string() on:click=move |_| preview.update(|p| *p = !*p)>{tx(Key::Preview)}</button>
                </div>
                {move || preview.get().then(|| {
                    let questions: Vec<Question> = rows.get().iter().map(QuestionRow::question).collect();
                    view! {
                        <section class="card preview" aria-label=txf(Key::Preview)>
                            <h2>{title.get()}</h2>
                            <AnswerInputs questions=questions answers=RwSignal::new(BTreeMap::new()) disabled=true/>
                        </section>
                    }
                })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get()>
                        {move || t(if saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/surveys" class="btn">{tx(Key::Cancel)}</a>
                </div>
            </form>
            <ConfirmDialog
                open=confirm_drop
                message=Key::SurveyChangeDropsAnswers
                confirm=Key::Save
                on_confirm=Callback::new(move |()| {
                    if let Some((s, fixes)) = pending.get_value() {
                        write_confirmed(s, fixes);
                    }
                })
            />
        </section>
    }
}

/// Answers being typed, by question id, as the text of each input.
type Typed = RwSignal<BTreeMap<String, String>>;

/// One input per question: 1–5 and 0–10 as radio buttons, choices as radio buttons or
/// check boxes (their indexes joined by commas), text as a text area.
#[component]
fn AnswerInputs(questions: Vec<Question>, answers: Typed, #[prop(optional)] disabled: bool) -> impl IntoView {
    let app = use_app();
    let t = move |k: Key| app.t(k);
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
                    {hint.map(|h| view! { <p class="hint">{move || t(h)}</p> })}
                    <div class="choices">{body}</div>
                </fieldset>
            }
        })
        .collect_view()
}

/// The typed answers as answers to `survey`'s questions; an empty input is a skipped
/// question.
fn to_answers(survey: &Survey, typed: &BTreeMap<String, String>) -> BTreeMap<String, Answer> {
    let mut out = BTreeMap::new();
    for q in &survey.questions {
        let Some(text) = typed.get(q.id.as_str()).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let answer = match &q.kind {
            QuestionKind::Rating { .. } => text.parse().ok().map(Answer::Rating),
            QuestionKind::Likelihood => text.parse().ok().map(Answer::Likelihood),
            QuestionKind::SingleChoice { .. } => text.parse().ok().map(Answer::Choice),
            QuestionKind::MultipleChoice { .. } => {
                let mut v: Vec<usize> = text.split(',').filter_map(|x| x.parse().ok()).collect();
                v.sort_unstable();
                (!v.is_empty()).then_some(Answer::Choices(v))
            }
            QuestionKind::Text => Some(Answer::Text(text)),
        };
        if let Some(a) = answer {
            out.insert(q.id.to_string(), a);
        }
    }
    out
}

/// `/surveys/:id/respond` (`?customer=…` presets the customer): enter responses one
/// after another.
#[component]
pub fn SurveyRespond() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        match app.stores.surveys.with_untracked(|t| t.get(&id).cloned()) {
            Some(s) => view! { <RespondForm survey=s/> }.into_any(),
            None => view! { <section class="page"><EmptyState message=Key::RecordNotFound/></section> }.into_any(),
        }
    }
}

#[component]
fn RespondForm(survey: Survey) -> impl IntoView {
    let app = use_app();
    let customer = RwSignal::new(query_param("customer"));
    let typed: Typed = RwSignal::new(BTreeMap::new());
    let saving = RwSignal::new(false);
    let count = RwSignal::new(0usize);
    let problem = RwSignal::new(None::<String>);
    let survey = StoredValue::new(survey);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = Utc::now();
        let s = survey.get_value();
        let response = SurveyResponse {
            id: new_id(),
            survey_id: s.id.clone(),
            customer_id: customer.get_untracked().into(),
            answers: to_answers(&s, &typed.get_untracked()),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        let lang = app.lang.get_untracked();
        if response.answers.is_empty() {
            problem.set(Some(lang.t(Key::NoAnswerGiven).to_owned()));
            app.toast(ToastKind::Error, lang.t(Key::NoAnswerGiven));
            return;
        }
        if let Some(e) = response.check_against(&s).first().or(response.validate().first()) {
            let labels = [("answers", Key::Answer), ("customer_id", Key::Customer)];
            let text = crate::ui::components::field_problem(lang, e, &labels);
            problem.set(Some(text.clone()));
            app.toast(ToastKind::Error, text);
            return;
        }
        problem.set(None);
        // A second submit while one is in flight writes nothing.
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.survey_responses.put(response).await {
                Ok(()) => {
                    // Ready for the next respondent.
                    typed.set(BTreeMap::new());
                    customer.set(String::new());
                    count.update(|c| *c += 1);
                    app.success(Key::ResponseSaved);
                }
                Err(e) => app.store_error(&e),
            }
            saving.set(false);
        });
    };
    let (title, questions, id) = survey.with_value(|s| (s.title.clone(), s.questions.clone(), s.id.clone()));
    view! {
        <section class="page">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::EnterResponse)} ": " {title.clone()}</h1>
                <a class="btn" href=format!("/surveys/{id}/results")>{tx(Key::Results)}</a>
            </div>
            <p class="stats" aria-live="polite">{tx(Key::EnteredThisSession)} ": " {move || count.get()}</p>
            <form class="form" on:submit=on_submit novalidate>
                <CustomerPicker value=customer optional=true/>
                <AnswerInputs questions=questions answers=typed/>
                <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{tx(Key::SaveResponse)}</button>
                </div>
            </form>
        </section>
    }
}

/// `/surveys/:id/results`.
#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let survey = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        app.stores.surveys.get(&id)
    });
    move || match survey.get() {
        Some(s) => view! { <Results survey=s/> }.into_any(),
        None => view! { <section class="page"><EmptyState message=Key::RecordNotFound/></section> }.into_any(),
    }
}

#[component]
fn Results(survey: Survey) -> impl IntoView {
    let app = use_app();
    let survey = StoredValue::new(survey);
    let responses = Memo::new(move |_| {
        let id = survey.with_value(|s| s.id.clone());
        app.stores
            .survey_responses
            .with(|t| t.lookup("survey_id", &id).filter(|r| !r.is_trashed()).cloned().collect::<Vec<_>>())
    });
    let figures = Memo::new(move |_| survey.with_value(|s| results(s, &responses.get())));
    let t = move |k: Key| app.t(k);
    let text_of = move |qid: &str| {
        survey.with_value(|s| s.questions.iter().find(|q| q.id == qid).map(|q| q.text.clone()).unwrap_or_default())
    };
    let (title, id) = survey.with_value(|s| (s.title.clone(), s.id.clone()));
    let per_question = move || {
        let f = figures.get();
        survey.with_value(|s| {
            s.questions
                .iter()
                .zip(f.questions.iter())
                .map(|(q, r)| {
                    let labels: Vec<String> = match &q.kind {
                        QuestionKind::Rating { .. } => (1..=5).map(|v| v.to_string()).collect(),
                        QuestionKind::Likelihood => (0..=10).map(|v| v.to_string()).collect(),
                        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => options.clone(),
                        QuestionKind::Text => Vec::new(),
                    };
                    let bars: Vec<Bar> = labels
                        .into_iter()
                        .zip(r.distribution.iter())
                        .map(|(label, n)| Bar { label, value: *n as f64, text: n.to_string() })
                        .collect();
                    let weight = match &q.kind {
                        QuestionKind::Rating { weight } => Some(*weight),
                        _ => None,
                    };
                    let texts: Vec<String> = if matches!(q.kind, QuestionKind::Text) {
                        responses.with(|rs| {
                            rs.iter()
                                .filter_map(|r| match r.answers.get(q.id.as_str()) {
                                    Some(Answer::Text(s)) => Some(s.clone()),
                                    _ => None,
                                })
                                .take(20)
                                .collect()
                        })
                    } else {
                        Vec::new()
                    };
                    let qtext = q.text.clone();
                    view! {
                        <section class="card">
                            <h3>{q.text.clone()}</h3>
                            <p class="stats">
                                <span>{tx(Key::Mean)} ": " {r.mean.map(|m| fixed(m, 2)).unwrap_or_else(|| "—".into())}</span>
                                {weight.map(|w| view! { <span>{tx(Key::ImportanceWeight)} ": " {fixed(w, 2)}</span> })}
                                <span>{tx(Key::Answers)} ": " {r.distribution.iter().sum::<usize>().max(texts.len())}</span>
                            </p>
                            {(!bars.is_empty()).then(|| view! { <BarChart title=qtext bars=bars/> })}
                            {(!texts.is_empty()).then(|| view! { <ul>{texts.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> })}
                        </section>
                    }
                })
                .collect_view()
        })
    };
    // Each rating item's mean on the 1–5 scale: the parts the CSI is made of.
    let item_means = Signal::derive(move || {
        let f = figures.get();
        survey.with_value(|s| {
            s.questions
                .iter()
                .zip(f.questions.iter())
                .filter(|(q, _)| matches!(q.kind, QuestionKind::Rating { .. }))
                .filter_map(|(q, r)| r.mean.map(|m| Bar { label: q.text.clone(), value: m, text: fixed(m, 2) }))
                .collect::<Vec<_>>()
        })
    });
    // Promoters, passives and detractors as shares of the likelihood answers.
    let nps_bars = Memo::new(move |_| {
        let f = figures.get();
        let lang = app.lang.get();
        let counts = survey.with_value(|s| {
            s.questions.iter().zip(f.questions.iter()).filter(|(q, _)| matches!(q.kind, QuestionKind::Likelihood)).fold(
                [0usize; 3],
                |mut acc, (_, r)| {
                    for (score, n) in r.distribution.iter().enumerate() {
                        acc[if score >= 9 {
                            0
                        } else if score >= 7 {
                            1
                        } else {
                            2
                        }] += n;
                    }
                    acc
                },
            )
        });
        let total: usize = counts.iter().sum();
        (total > 0).then(|| {
            [Key::Promoters, Key::Passives, Key::Detractors]
                .into_iter()
                .zip(counts)
                .map(|(k, n)| {
                    let share = n as f64 * 100.0 / total as f64;
                    Bar { label: lang.t(k).to_owned(), value: share, text: format!("{}% ({n})", fixed(share, 1)) }
                })
                .collect::<Vec<_>>()
        })
    });
    let quadrant_points = Signal::derive(move || {
        let f = figures.get();
        survey.with_value(|s| {
            s.questions
                .iter()
                .zip(f.questions.iter())
                .filter_map(|(q, r)| match (&q.kind, r.mean) {
                    (QuestionKind::Rating { weight }, Some(m)) => {
                        Some(QuadrantPoint { label: q.text.clone(), x: *weight, y: m })
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{title}</h1>
                <div class="actions">
                    <a class="btn btn-primary" href=format!("/surveys/{id}/respond")>{tx(Key::EnterResponse)}</a>
                    <a class="btn" href=format!("/surveys/{id}")>{tx(Key::Design)}</a>
                </div>
            </div>
            <div class="figures" aria-live="polite">
                <div class="figure-card"><span>{tx(Key::Responses)}</span><strong data-testid="responses">{move || responses.with(Vec::len)}</strong></div>
                <div class="figure-card"><span>"CSI"</span><strong data-testid="csi">{move || figures.with(|f| f.csi.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into()))}</strong><small>{tx(Key::CsiDefinition)}</small></div>
                <div class="figure-card"><span>{tx(Key::SatisfactionRate)}</span><strong data-testid="satisfaction-rate">{move || figures.with(|f| percent1(f.satisfaction_rate.share()))}</strong><small>{tx(Key::SatisfactionRateDefinition)}</small></div>
                <div class="figure-card"><span>"NPS"</span><strong data-testid="nps">{move || figures.with(|f| f.nps.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into()))}</strong><small>{tx(Key::NpsDefinition)}</small></div>
            </div>
            <section class="card" aria-labelledby="items-h">
                <h2 id="items-h">{tx(Key::ItemMeans)}</h2>
                <BarChart title=Signal::derive(move || t(Key::ItemMeans).to_owned()) bars=item_means max=5.0/>
            </section>
            {move || nps_bars.get().map(|bars| view! {
                <section class="card" aria-labelledby="nps-h">
                    <h2 id="nps-h">{tx(Key::NpsBreakdown)}</h2>
                    <BarChart title=Signal::derive(move || t(Key::NpsBreakdown).to_owned()) bars=bars max=100.0/>
                </section>
            })}
            <section class="card" aria-labelledby="quad-h">
                <h2 id="quad-h">{tx(Key::QuadrantChart)}</h2>
                <p class="hint">{tx(Key::QuadrantHint)}</p>
                <QuadrantChart
                    title=Signal::derive(move || t(Key::QuadrantChart).to_owned())
                    points=quadrant_points
                    axes=Signal::derive(move || (t(Key::Importance).to_owned(), t(Key::Satisfaction).to_owned()))
                    names=Signal::derive(move || [t(Key::QuadKeep).to_owned(), t(Key::QuadMaintain).to_owned(), t(Key::QuadImproveLater).to_owned(), t(Key::QuadImproveFirst).to_owned()])
                />
                <table class="simple">
                    <thead><tr><th scope="col">{tx(Key::Item)}</th><th scope="col">{tx(Key::Quadrant)}</th></tr></thead>
                    <tbody>
                        {move || figures.get().quadrants.into_iter().map(|(qid, quad)| view! {
                            <tr class=if quad == Quadrant::ImproveFirst { "improve-first" } else { "" }>
                                <td>{text_of(&qid)}</td>
                                <td>{move || t(quad.label())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            {per_question}
            <ResponsesImport survey=survey/>
            <ResponsesList responses=responses/>
        </section>
    }
}

/// Importing responses from CSV: every row is checked first; nothing is saved unless
/// all are good.
#[component]
fn ResponsesImport(survey: StoredValue<Survey>) -> impl IntoView {
    let app = use_app();
    let problems = RwSignal::new(Vec::<CsvProblem>::new());
    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        let s = survey.get_value();
        let lookup = crate::ui::customers::CustomerLookup::new(&app);
        let find = |cell: &str| lookup.find(cell);
        match responses_from_csv(&s, &bytes, find, Utc::now()) {
            Err(p) => {
                problems.set(p);
                app.toast(ToastKind::Error, app.lang.get_untracked().t(Key::CsvRefused));
            }
            Ok(list) => {
                problems.set(Vec::new());
                let n = list.len();
                leptos::task::spawn_local(async move {
                    match app.stores.survey_responses.put_many(list).await {
                        Ok(()) => app.toast(
                            ToastKind::Success,
                            format!("{} {n}", app.lang.get_untracked().t(Key::ResponsesImported)),
                        ),
                        Err(e) => app.store_error(&e),
                    }
                });
            }
        }
    });
    let template = move |_| {
        let s = survey.get_value();
        if save_text(&format!("{}-template.csv", s.title), &responses_template(&s), "text/csv").is_err() {
            app.toast(ToastKind::Error, app.lang.get_untracked().t(Key::ExportFailed));
        }
    };
    view! {
        <section class="card" aria-labelledby="csv-h">
            <h2 id="csv-h">{tx(Key::ImportResponsesCsv)}</h2>
            <p class="hint">{tx(Key::ImportResponsesHint)}</p>
            <div class="actions">
                <crate::ui::components::CsvFileDrop on_file=on_file/>
                <button type="button" class="btn" on:click=template>{tx(Key::DownloadTemplate)}</button>
            </div>
            <CsvProblems problems=problems heading=Key::CsvRefused/>
        </section>
    }
}

/// The responses, newest first, each removable to the trash.
#[component]
fn ResponsesList(responses: Memo<Vec<SurveyResponse>>) -> impl IntoView {
    let app = use_app();
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match app.stores.survey_responses.trash(&[id]).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <details class="card">
            <summary>{tx(Key::ResponsesList)} " (" {move || responses.with(Vec::len)} ")"</summary>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::Created)}</th>
                    <th scope="col">{tx(Key::Customer)}</th>
                    <th scope="col">{tx(Key::Answers)}</th>
                    <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let mut list = responses.get();
                        list.sort_by_key(|r| std::cmp::Reverse(r.created_at));
                        list.into_iter().take(200).map(|r| {
                            let who = if r.customer_id.is_empty() { app.lang.get_untracked().t(Key::Anonymous).to_owned() } else { customer_name(&app, &r.customer_id) };
                            // A rating of 1 or 2 from a known customer offers a complaint.
                            let low: Vec<String> = r.answers.iter().filter_map(|(q, a)| match a {
                                Answer::Rating(v) if *v <= 2 => Some(format!("{q}: {v}")),
                                _ => None,
                            }).collect();
                            let offer = (!low.is_empty() && !r.customer_id.is_empty()).then(|| crate::ui::complaints::complaint_offer_href(&r.customer_id, &r.id, &low.join("; ")));
                            let id = r.id.clone();
                            view! {
                                <tr>
                                    <td>{local_datetime(r.created_at)}</td>
                                    <td>{who}</td>
                                    <td>{r.answers.len()}</td>
                                    <td class="actions">
                                        {offer.map(|href| view! { <a class="btn" href=href>{tx(Key::OpenComplaint)}</a> })}
                                        <button type="button" class="btn" on:click=move |_| remove(id.to_string())>{tx(Key::Delete)}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </details>
    }
}
