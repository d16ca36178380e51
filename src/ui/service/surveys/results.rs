//! `/surveys/:id/results`: the figures of a survey, and its responses imported or listed.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::analysis::satisfaction::Quadrant;
use crate::analysis::survey::results;
use crate::i18n::Key;
use crate::model::survey::{Answer, QuestionKind, Survey, SurveyResponse};
use crate::model::Choice;
use crate::model::Record;
use crate::ui::components::{Bar, BarChart, EmptyState, NewLink, QuadrantChart, QuadrantPoint, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{fixed, local_datetime, percent1};
use crate::ui::service::{customer_name, ServiceTabs};

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
                <BarChart title=Signal::derive(move || app.t(Key::ItemMeans).to_owned()) bars=item_means max=5.0/>
            </section>
            {move || nps_bars.get().map(|bars| view! {
                <section class="card" aria-labelledby="nps-h">
                    <h2 id="nps-h">{tx(Key::NpsBreakdown)}</h2>
                    <BarChart title=Signal::derive(move || app.t(Key::NpsBreakdown).to_owned()) bars=bars max=100.0/>
                </section>
            })}
            <section class="card" aria-labelledby="quad-h">
                <h2 id="quad-h">{tx(Key::QuadrantChart)}</h2>
                <p class="hint">{tx(Key::QuadrantHint)}</p>
                <QuadrantChart
                    title=Signal::derive(move || app.t(Key::QuadrantChart).to_owned())
                    points=quadrant_points
                    axes=Signal::derive(move || (app.t(Key::Importance).to_owned(), app.t(Key::Satisfaction).to_owned()))
                    names=Signal::derive(move || [app.t(Key::QuadKeep).to_owned(), app.t(Key::QuadMaintain).to_owned(), app.t(Key::QuadImproveLater).to_owned(), app.t(Key::QuadImproveFirst).to_owned()])
                />
                <table class="simple">
                    <thead><tr><th scope="col">{tx(Key::Item)}</th><th scope="col">{tx(Key::Quadrant)}</th></tr></thead>
                    <tbody>
                        {move || figures.get().quadrants.into_iter().map(|(qid, quad)| view! {
                            <tr class=if quad == Quadrant::ImproveFirst { "improve-first" } else { "" }>
                                <td>{text_of(&qid)}</td>
                                <td>{move || app.t(quad.label())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            {per_question}
            <super::responses_import::ResponsesImport survey=survey/>
            <ResponsesList responses=responses/>
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
                            let who = if r.customer_id.is_empty() { app.t_now(Key::Anonymous).to_owned() } else { customer_name(&app, &r.customer_id) };
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
                                        {offer.map(|href| view! { <NewLink href=href label=Key::OpenComplaint class="btn"/> })}
                                        <Writes><button type="button" class="btn" on:click=move |_| remove(id.to_string())>{tx(Key::Delete)}</button></Writes>
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
