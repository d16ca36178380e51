//! 实训: the course's practical tasks, project by project, each with a link to where it
//! is done and its automatic checks read from this workbook.

use leptos::prelude::*;

use crate::ui::kept::kept;

use std::sync::Arc;

use crate::analysis::exercises::{
    all_met, check, judged, work_of_each, Exercise, Judged, Judgment, Progress, Work, EXERCISES,
};
use crate::i18n::Key;
use crate::messages;
use crate::model::org::OrgUnit;
use crate::model::record::is_own_or_edited;
use crate::model::settings::{ExerciseAnswers, SettingArea};
use crate::model::Collections;
use crate::model::Record;
use crate::store::prefs;
use crate::ui::components::{FileDrop, WhenLoaded};
use crate::ui::context::{tx, use_app, AppCtx, ToastKind};
use crate::ui::format::fixed;
use crate::ui::review_state::feedback_of;
use crate::ui::settings::{save_setting_checked, setting, setting_untracked};
use crate::workbook::feedback::{feedback_to_store, parse_feedback};
use crate::workbook::orders_csv::parse_number;
use crate::workbook::Owner;

const PROJECTS: [Key; 6] = [Key::Project1, Key::Project2, Key::Project3, Key::Project4, Key::Project5, Key::Project6];

/// `/exercises`.
#[component]
pub fn ExercisesPage() -> impl IntoView {
    view! { <WhenLoaded><Exercises/></WhenLoaded> }
}

/// Every exercise's checks over the whole book, kept across visits (see
/// `crate::ui::kept`) and shared by the exercises and the report: computed again, once,
/// when next read after any change of the book.
fn exercise_results(app: &AppCtx) -> Vec<Vec<Progress>> {
    app.stores.with_book(|c| EXERCISES.iter().map(|e| check(e, c)).collect())
}

/// The exercises with their checks, over the whole book.
#[component]
fn Exercises() -> impl IntoView {
    let app = use_app();
    // Every check reads the whole book: kept across visits (see `crate::ui::kept`), and
    // computed again, once, when the page is next read after any change of the book.
    let answers = Memo::new(move |_| setting::<ExerciseAnswers>(&app));
    let results = kept(exercise_results);
    let done = move |i: usize| results.with(|r| all_met(&r[i]));
    let met = move |i: usize| results.with(|r| r[i].clone());
    view! {
        <section class="page">
            <h1>{tx(Key::NavExercises)}</h1>
            <p class="hint">{tx(Key::ExercisesHint)}</p>
            <div class="actions">
                <a class="btn" href="/exercises/report">{tx(Key::ExerciseReport)}</a>
            </div>
            {(!app.stores.db.is_read_only()).then(|| view! { <FeedbackImport/> })}
            <FeedbackNote app=app exercise=crate::workbook::feedback::OVERALL_FEEDBACK/>
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
                                        {move || view! { <DoneMark done=done(i)/> }}
                                        {move || e.title(app.lang.get())}
                                        " " <a href=e.href>{tx(Key::GoDoIt)}</a>
                                    </h3>
                                    <details class="steps">
                                        <summary>{tx(Key::Steps)}</summary>
                                        <ol>{move || e.steps(app.lang.get()).iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                                    </details>
                                    {move || view! { <CriteriaList exercise=e met=met(i)/> }}
                                    <JudgmentInputs exercise=e answers=answers/>
                                    <FeedbackNote app=app exercise=e.id/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

/// The fields where the student records the figures `exercise` asks them to work out;
/// in a book browsed read-only, the figures as recorded.
#[component]
fn JudgmentInputs(exercise: &'static Exercise, answers: Memo<ExerciseAnswers>) -> impl IntoView {
    let app = use_app();
    let judgments: Vec<&'static Judgment> = exercise.criteria.iter().filter_map(|k| k.judgment).collect();
    (!judgments.is_empty()).then(|| {
        let read_only = app.stores.db.is_read_only();
        view! {
            <div class="judgments">
                <p class="hint">{tx(Key::RecordYourAnswers)}</p>
                {judgments.into_iter().map(|j| {
                    let value = move || answers.with(|a| a.answers.get(j.key).map(|v| fixed(*v, 1)).unwrap_or_default());
                    view! {
                        <label class="inline">
                            <span>{move || j.label(app.lang.get())}</span>
                            <input type="text" inputmode="decimal" size="8" readonly=read_only prop:value=value
                                on:change=move |ev| {
                                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                    let text = input.value();
                                    let mut a = setting_untracked::<ExerciseAnswers>(&app);
                                    if text.trim().is_empty() {
                                        a.answers.remove(j.key);
                                    } else {
                                        a.answers.insert(j.key.to_owned(), parse_number(&text).unwrap_or(f64::NAN));
                                    }
                                    if !save_setting_checked(app, a, j.label(app.lang.get_untracked())) {
                                        input.set_value(&answers.with_untracked(|a| a.answers.get(j.key).map(|v| fixed(*v, 1)).unwrap_or_default()));
                                    }
                                }/>
                        </label>
                    }
                }).collect_view()}
            </div>
        }
    })
}

/// The instructor's grade and comment on `exercise`, if there are any.
#[component]
fn FeedbackNote(app: AppCtx, exercise: &'static str) -> impl IntoView {
    move || {
        feedback_of(&app, exercise).map(|f| {
            view! {
                <div class="feedback" data-testid=format!("feedback-{exercise}")>
                    <strong>{tx(if exercise == crate::workbook::feedback::OVERALL_FEEDBACK { Key::Overall } else { Key::Feedback })}</strong>
                    {(!f.grade.is_empty()).then(|| view! { " · " {tx(Key::Grade)} ": " <strong>{f.grade.clone()}</strong> })}
                    {(!f.reviewer.is_empty()).then(|| view! { " · " {f.reviewer.clone()} })}
                    {(!f.comment.is_empty()).then(|| view! { <p class="pre">{f.comment.clone()}</p> })}
                </div>
            }
        })
    }
}

/// Stores the feedback of a feedback file read for this book (from a file or the
/// class database) and says how many pieces it held: the instructor's latest grading
/// wins (`feedback_to_store` says how); nothing but feedback records changes.
pub(crate) async fn apply_feedback(
    app: AppCtx,
    file: crate::workbook::feedback::FeedbackFile,
) -> Result<usize, crate::store::StoreError> {
    let n = file.feedback.len();
    let newer = app
        .stores
        .feedback
        .with_untracked(|t| feedback_to_store(file, |id| t.get(id).map(|old| old.updated_at), chrono::Utc::now()));
    app.stores.feedback.put_many(newer).await.map(|()| n)
}

/// Reads a feedback file into this book: only its feedback records change.
#[component]
fn FeedbackImport() -> impl IntoView {
    let app = use_app();
    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        let lang = app.lang.get_untracked();
        let owner: Option<Owner> = prefs::get(crate::ui::book::OWNER_KEY);
        let book = crate::ui::book::stored_book_id();
        match parse_feedback(&bytes, owner.as_ref(), book.as_deref()) {
            Err(e) => app.error_text(messages::feedback_error(lang, &e)),
            Ok(file) => leptos::task::spawn_local(async move {
                match apply_feedback(app, file).await {
                    Ok(n) => app.toast(ToastKind::Success, format!("{}: {n}", lang.t(Key::FeedbackImported))),
                    Err(e) => app.store_error(&e),
                }
            }),
        }
    });
    view! {
        <details class="card">
            <summary>{tx(Key::ImportFeedback)}</summary>
            <p class="hint">{tx(Key::ImportFeedbackHint)}</p>
            <FileDrop accept=".json,application/json" label=Key::ChooseFile on_file=on_file/>
        </details>
    }
}

/// `/exercises/report`: the owner, and each exercise with its checks, the instructor's
/// feedback and the work itself, laid out for paper.
#[component]
pub fn ExerciseReport() -> impl IntoView {
    view! { <WhenLoaded><Report/></WhenLoaded> }
}

/// What the report shows besides the checks: each exercise's work and judged figures,
/// and the records it draws itself (org chart, job descriptions, surveys, goal
/// targets). Kept across visits (see `crate::ui::kept`): finding them reads a copy of
/// the whole book, once per change of it, not once per visit.
#[derive(Clone)]
struct ReportFigures {
    work: Vec<Vec<Work>>,
    judged: Vec<Vec<Judged>>,
    drawn: Arc<Collections>,
}

/// [`ReportFigures`] of the book (tracked: follows every change of it).
fn report_figures(app: &AppCtx) -> ReportFigures {
    app.stores.with_book(|c| {
        let work = work_of_each(EXERCISES, c);
        let judged = EXERCISES.iter().map(|e| judged(e, c)).collect();
        // Only the collections `ReportWork` and `ReportGoals` draw from (a survey's
        // figures need its responses), copied: the report is drawn after the borrow.
        fn copy<T: Clone>(records: &[&T]) -> Vec<T> {
            records.iter().map(|r| (*r).clone()).collect()
        }
        let drawn = Collections {
            org_units: copy(&c.org_units),
            job_descriptions: copy(&c.job_descriptions),
            surveys: copy(&c.surveys),
            survey_responses: copy(&c.survey_responses),
            settings: copy(&c.settings),
            ..Collections::default()
        };
        ReportFigures { work, judged, drawn: Arc::new(drawn) }
    })
}

/// The report's content, over the whole book.
#[component]
fn Report() -> impl IntoView {
    let app = use_app();
    let owner: Owner = crate::ui::book::book_owner(&app).unwrap_or_default();
    let results: Vec<Vec<Progress>> = kept(exercise_results).get_untracked();
    let ReportFigures { work, judged, drawn } = kept(report_figures).get_untracked();
    let done = results.iter().filter(|r| all_met(r)).count();
    let c = drawn;
    let owner_line = [owner.name.clone(), owner.class.clone(), owner.student_id.clone()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <section class="page report">
            // Repeated at the top of every printed page.
            <div class="print-owner" aria-hidden="true">{owner_line}</div>
            <p class="no-print"><a href="/exercises">"← " {tx(Key::NavExercises)}</a></p>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tx(Key::Print)}</button>
            </div>
            <h1>{tx(Key::ExerciseReportTitle)}</h1>
            <table class="jd-print report-head">
                <tbody>
                    <tr><th scope="row">{tx(Key::OwnerName)}</th><td>{owner.name.clone()}</td>
                        <th scope="row">{tx(Key::OwnerClass)}</th><td>{owner.class.clone()}</td>
                        <th scope="row">{tx(Key::OwnerStudentId)}</th><td>{owner.student_id.clone()}</td></tr>
                    <tr><th scope="row">{tx(Key::Date)}</th><td>{crate::ui::format::today().to_string()}</td>
                        <th scope="row">{tx(Key::ExercisesDone)}</th><td colspan="3" data-testid="report-done">{done} " / " {EXERCISES.len()}</td></tr>
                </tbody>
            </table>
            <FeedbackNote app=app exercise=crate::workbook::feedback::OVERALL_FEEDBACK/>
            {EXERCISES.iter().zip(results).zip(work).zip(judged).map(|(((e, r), work), judged)| {
                let all = all_met(&r);
                view! {
                    <section class="report-exercise" data-testid=format!("report-{}", e.id)>
                        <h2 class="h3"><DoneMark done=all/> {move || e.title(app.lang.get())}</h2>
                        <CriteriaList exercise=e met=r judged=judged/>
                        <FeedbackNote app=app exercise=e.id/>
                        {work.into_iter().map(|w| view! { <ReportWork work=w c=c.clone()/> }).collect_view()}
                        {(e.id == "p1-g1").then(|| view! { <ReportGoals c=c.clone()/> })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

/// One collection's part of an exercise's work in the report: the org chart drawn, each
/// job description as table 1-2, each survey with its figures, any other records listed
/// (by customer name; beyond the first hundred, counted); the sample records the
/// student left alone only counted.
#[component]
fn ReportWork(work: Work, c: Arc<Collections>) -> impl IntoView {
    let app = use_app();
    let n = work.summaries.len() + work.more;
    let body = if n == 0 {
        view! { <p class="hint">{tx(Key::NothingYet)}</p> }.into_any()
    } else {
        match work.collection {
            "org_units" => {
                let units: Vec<OrgUnit> = c.org_units.iter().filter(|u| !u.is_trashed() && is_own_or_edited(*u)).cloned().collect();
                view! { <div class="report-chart"><crate::ui::org::OrgChartOf units=units/></div> }.into_any()
            }
            "job_descriptions" => c
                .job_descriptions
                .iter()
                .filter(|j| !j.is_trashed() && is_own_or_edited(*j))
                .map(|j| view! { <crate::ui::jobs::JobPrint job=RwSignal::new(j.clone()) on_screen=true/> })
                .collect_view()
                .into_any(),
            "surveys" => c
                .surveys
                .iter()
                .filter(|s| !s.is_trashed() && is_own_or_edited(*s))
                .map(|s| {
                    let r = crate::analysis::survey::results(s, &c.survey_responses);
                    let answered = c.survey_responses.iter().filter(|x| x.survey_id == s.id && !x.is_trashed()).count();
                    let figure = |v: Option<f64>| v.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into());
                    view! {
                        <p><strong>{s.title.clone()}</strong> " · " {tx(Key::Questions)} ": " {s.questions.len()}
                            " · " {tx(Key::Responses)} ": " {answered}
                            " · CSI: " {figure(r.csi)}
                            " · " {tx(Key::SatisfactionRate)} ": " {figure(r.satisfaction_rate.share().map(|x| x * 100.0))} "%"
                            " · NPS: " {figure(r.nps)}</p>
                    }
                })
                .collect_view()
                .into_any(),
            _ => {
                let more = work.more;
                view! {
                    <ul class="report-items">{work.summaries.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    {(more > 0).then(|| view! { <p class="hint">{move || messages::more_not_listed(app.lang.get(), more)}</p> })}
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="report-work">
            <h3 class="h4">{tx(crate::ui::format::collection_key(work.collection))} " (" {n} ")"</h3>
            {body}
            {(work.sample > 0).then(|| view! { <p class="hint">{move || messages::sample_left(app.lang.get(), work.sample)}</p> })}
        </div>
    }
}

/// The position goals' blanks with the student's targets (表 1-4 … 1-9), for the report.
#[component]
fn ReportGoals(c: Arc<Collections>) -> impl IntoView {
    use crate::model::goals::{has_blank, GOAL_TABLES};
    let targets = c
        .settings
        .iter()
        .find_map(|s| crate::model::settings::GoalTargets::unwrap(&s.value).cloned())
        .unwrap_or_default();
    let app = use_app();
    view! {
        <div class="report-work">
            {GOAL_TABLES.iter().map(|t| view! {
                <table class="jd-print">
                    <caption>{move || format!("{} {} {}", app.t(Key::TableNumber), t.number, crate::ui::goals::table_title(t, app.lang.get()))}</caption>
                    <tbody>
                        {t.lines.iter().filter(|l| has_blank(l)).map(|l| view! {
                            <tr><td>{move || crate::ui::goals::line_words(l, app.lang.get()).1}</td><td>{targets.targets.get(l.key).map(|v| fixed(*v, 1)).unwrap_or_else(|| "____".into())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
        </div>
    }
}

/// ✓ for an exercise whose criteria are all met, ○ for one still to do.
#[component]
pub fn DoneMark(done: bool) -> impl IntoView {
    view! { <span class=if done { "ok" } else { "warn" }>{if done { "✓ " } else { "○ " }}</span> }
}

/// The criteria of `exercise`, each ✓ or ✗ with how far it is (`1 / 3`), in the
/// current language; with `judged` (per criterion, from [`judged`](crate::analysis::exercises::judged)),
/// a judgment shows the student's answer beside Kehu's figure, for the instructor.
#[component]
pub fn CriteriaList(
    exercise: &'static Exercise,
    met: Vec<Progress>,
    #[prop(optional)] judged: Vec<Judged>,
) -> impl IntoView {
    let lang = use_app().lang;
    let figure = |v: Option<f64>| v.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into());
    view! {
        <ul>
            {exercise.criteria.iter().zip(met).enumerate().map(|(i, (c, p))| {
                let both = judged.get(i).copied().flatten();
                view! {
                    <li class=if p.met() { "ok" } else { "warn" }>
                        {if p.met() { "✓ " } else { "✗ " }}
                        {move || c.text(lang.get())}
                        " " <span class="progress-count" data-testid="criterion-progress">"(" {p.have} " / " {p.need} ")"</span>
                        {both.map(|(answer, kehu)| view! {
                            <br/><span class="hint" data-testid="judged">
                                {tx(Key::StudentAnswer)} ": " {figure(answer)} " · " {tx(Key::KehuFigure)} ": " {figure(kehu)}
                            </span>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavExercises,
    home: "/exercises",
    tabs_label: Key::NavExercises,
    tabs: &[],
    also: &[],
};

page_routes! {
    chunk exercises {
        "/exercises" => ExercisesPage,
        "/exercises/report" => ExerciseReport,
    }
}
