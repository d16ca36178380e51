//! `/surveys`: the list of surveys.

use leptos::prelude::*;

use crate::analysis::survey::results;
use crate::i18n::Key;
use crate::model::survey::{Survey, SurveyResponse};
use crate::ui::components::{EmptyState, NewLink};
use crate::ui::context::{tx, use_app};
use crate::ui::format::fixed;
use crate::ui::service::ServiceTabs;

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
                <NewLink href="/surveys/new" label=Key::NewSurvey/>
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
                                        <NewLink href=format!("/surveys/{}/respond", s.id) label=Key::EnterResponse class="btn"/>
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
