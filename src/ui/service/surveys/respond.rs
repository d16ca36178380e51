//! `/surveys/:id/respond`: entering responses one after another.

use std::collections::BTreeMap;

use chrono::Utc;
use leptos::prelude::*;

use super::{AnswerInputs, Typed};
use crate::i18n::Key;
use crate::model::survey::{Answer, QuestionKind, Survey, SurveyResponse};
use crate::model::{new_id, Record};
use crate::ui::components::{CustomerPicker, RecordEdit, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::service::{query_param, ServiceTabs};

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
    view! { <RecordEdit collection=app.stores.surveys form=|s| view! { <RespondForm survey=s/> }/> }
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
            sample: false,
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
            app.error(Key::NoAnswerGiven);
            return;
        }
        if let Some(e) = response.check_against(&s).first().or(response.validate().first()) {
            let labels = [("answers", Key::Answer), ("customer_id", Key::Customer)];
            let text = crate::ui::components::field_problem(lang, e, &labels);
            problem.set(Some(text.clone()));
            app.error_text(text);
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
                <Writes>
                <CustomerPicker value=customer optional=true/>
                <AnswerInputs questions=questions answers=typed/>
                <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{tx(Key::SaveResponse)}</button>
                </div>
                </Writes>
            </form>
        </section>
    }
}
