//! 实训: the course's practical tasks, project by project, each with a link to where it
//! is done and its automatic checks read from this workbook.

use leptos::prelude::*;

use crate::analysis::exercises::{check, EXERCISES};
use crate::i18n::{Key, Lang};
use crate::ui::context::{tx, use_app};

const PROJECTS: [Key; 6] = [Key::Project1, Key::Project2, Key::Project3, Key::Project4, Key::Project5, Key::Project6];

/// `/exercises`.
#[component]
pub fn ExercisesPage() -> impl IntoView {
    let app = use_app();
    // Every check reads the whole book; the memo follows any change.
    let results = Memo::new(move |_| {
        let c = app.stores.snapshot_tracked();
        EXERCISES.iter().map(|e| check(e, &c)).collect::<Vec<Vec<bool>>>()
    });
    let done = move |i: usize| results.with(|r| r[i].iter().all(|x| *x));
    view! {
        <section class="page">
            <h1>{tx(Key::NavExercises)}</h1>
            <p class="hint">{tx(Key::ExercisesHint)}</p>
            <ul class="progress-list" aria-label=move || app.t(Key::ProgressByProject)>
                {PROJECTS.iter().enumerate().map(|(p, key)| {
                    let project = p as u8 + 1;
                    let of: Vec<usize> = EXERCISES.iter().enumerate().filter(|(_, e)| e.project == project).map(|(i, _)| i).collect();
                    let total = of.len();
                    let of = StoredValue::new(of);
                    view! {
                        <li><a href=format!("#project-{project}")>{tx(*key)}</a> ": "
                            <strong data-testid=format!("progress-{project}")>{move || of.with_value(|v| v.iter().filter(|i| done(**i)).count())} " / " {total}</strong>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {PROJECTS.iter().enumerate().map(|(p, key)| {
                let project = p as u8 + 1;
                view! {
                    <section class="card" id=format!("project-{project}") aria-labelledby=format!("project-{project}-h")>
                        <h2 id=format!("project-{project}-h")>{tx(*key)}</h2>
                        <ul class="exercise-list">
                            {EXERCISES.iter().enumerate().filter(|(_, e)| e.project == project).map(|(i, e)| view! {
                                <li class="exercise" data-testid=format!("exercise-{}", e.id)>
                                    <h3>
                                        <span class=move || if done(i) { "ok" } else { "warn" }>{move || if done(i) { "✓ " } else { "○ " }}</span>
                                        {move || if app.lang.get() == Lang::Zh { e.zh } else { e.en }}
                                        " " <a href=e.href>{tx(Key::GoDoIt)}</a>
                                    </h3>
                                    <ul>
                                        {e.criteria.iter().enumerate().map(|(k, c)| {
                                            let met = move || results.with(|r| r[i][k]);
                                            view! {
                                                <li class=move || if met() { "ok" } else { "warn" }>
                                                    {move || if met() { "✓ " } else { "✗ " }}
                                                    {move || if app.lang.get() == Lang::Zh { c.zh } else { c.en }}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
