//! `/surveys/new` and `/surveys/:id`: the survey designer, with reorder and preview.

use std::collections::BTreeMap;

use chrono::Utc;
use leptos::prelude::*;

use super::AnswerInputs;
use crate::i18n::Key;
use crate::model::survey::{Question, QuestionKind, Survey, SurveyResponse};
use crate::model::{new_id, FieldError, Record};
use crate::ui::components::{error_for, ConfirmDialog, FormSave, RecordConflict, RecordEdit, TextField, Writes};
use crate::ui::context::{tx, txf, use_app, AppCtx};
use crate::ui::format::fixed;
use crate::ui::service::ServiceTabs;

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

/// `/surveys/new`: the designer of a new survey.
#[component]
pub fn SurveyNew() -> impl IntoView {
    let now = Utc::now();
    let s = Survey {
        sample: false,
        id: new_id(),
        title: String::new(),
        questions: vec![],
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <Designer survey=s is_new=true/> }
}

/// `/surveys/:id`: the designer of a survey.
#[component]
pub fn SurveyEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.surveys form=|s: Survey| view! { <Designer survey=s is_new=false/> }/> }
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
    let title = RwSignal::new(survey.title.clone());
    let rows = RwSignal::new(survey.questions.iter().map(QuestionRow::of).collect::<Vec<_>>());
    let form = FormSave::new(survey, is_new);
    let (base, saving) = (form.base, form.saving);
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
    let errors = form.errors(move || build().1);
    let write = move |s: Survey, fixes: Vec<SurveyResponse>| {
        // Answers that no longer fit are fixed in the survey's transaction: a survey is
        // never stored with responses that do not fit it.
        let along = if fixes.is_empty() { Vec::new() } else { vec![app.stores.survey_responses.put_along(fixes)] };
        form.save(app, app.stores.surveys, s, along, |s| Some(format!("/surveys/{}/results", s.id)));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = form.checked(app, build()) else { return };
        let now = s.updated_at;
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
    let question_error = move |i: usize| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| f.starts_with(&format!("questions[{i}]"))).map(|(_, m)| m.clone()))
        })
    };
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{move || app.t(if is_new { Key::NewSurvey } else { Key::EditSurvey })}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form/>
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
                                            {QUESTION_KINDS.iter().map(|(v, k)| view! { <option value=*v selected=move || row.kind.get() == *v>{move || app.t(*k)}</option> }).collect_view()}
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
                        {move || app.t(if saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/surveys" class="btn">{tx(Key::Cancel)}</a>
                </div>
                </Writes>
            </form>
            <ConfirmDialog
                open=confirm_drop
                message=Key::SurveyChangeDropsAnswers
                confirm=Key::Save
                on_confirm=Callback::new(move |()| {
                    if let Some((s, fixes)) = pending.get_value() {
                        write(s, fixes);
                    }
                })
            />
        </section>
    }
}
