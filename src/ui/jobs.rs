//! 编制客户服务部门的岗位说明书 (项目一 任务二): job descriptions — a list with each
//! one's completeness and whether its period is over, an editor with every element of
//! table 1-2 and the 3W goal (a new one is written only when saved), the missing and
//! the weak elements listed, and a print layout like table 1-2.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{Key, Lang};
use crate::model::job::{JobDescription, TEXT_ELEMENTS};
use crate::model::{new_id, Record};
use crate::ui::components::{current_path, field_problem, go_on_from, EmptyState, FormSave, RecordEdit, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{percent1, today};

/// The words for a job-description element.
fn element_key(name: &str) -> Key {
    match name {
        "title" => Key::JdTitle,
        "department" => Key::JdDepartment,
        "reports_to" => Key::JdReportsTo,
        "level" => Key::JdLevel,
        "number" => Key::JdNumber,
        "subordinates" => Key::JdSubordinates,
        "summary" => Key::JdSummary,
        "why" => Key::JdWhy,
        "within" => Key::JdWithin,
        "what" => Key::JdWhat,
        "management_scope" => Key::JdManagementScope,
        "duties" => Key::JdDuties,
        "authority" => Key::JdAuthority,
        "internal_relations" => Key::JdInternal,
        "external_relations" => Key::JdExternal,
        "education" => Key::JdEducation,
        "major" => Key::JdMajor,
        "training" => Key::JdTraining,
        "experience" => Key::JdExperience,
        "knowledge" => Key::JdKnowledge,
        "skills" => Key::JdSkills,
        "qualities" => Key::JdQualities,
        "tools" => Key::JdTools,
        "environment" => Key::JdEnvironment,
        "working_hours" => Key::JdHours,
        "performance_standards" => Key::JdStandards,
        "signed_by" => Key::JdSignedBy,
        "pay_grade" => Key::JdPayGrade,
        "pay_type" => Key::JdPayType,
        "analysis_date" => Key::JdAnalysisDate,
        _ => Key::JdValidity,
    }
}

/// `/jobs/new` (`?from=sample` starts from the textbook's table 1-2): the form on a
/// description that exists only in the page until it is saved.
#[component]
pub fn JobNew() -> impl IntoView {
    let app = use_app();
    let now = Utc::now();
    let jd = if crate::ui::service::query_param("from") == "sample" {
        JobDescription::textbook_sample(new_id(), now)
    } else {
        JobDescription {
            id: new_id(),
            title: app.t_now(Key::NewJobDescription).to_owned(),
            created_at: now,
            updated_at: now,
            ..Default::default()
        }
    };
    view! { <JobForm job=jd is_new=true/> }
}

/// `/jobs`.
#[component]
pub fn JobsPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let nav2 = navigate.clone();
    let day = today();
    let list = Memo::new(move |_| {
        app.stores.job_descriptions.with(|t| {
            let mut v: Vec<JobDescription> = t.live().cloned().collect();
            v.sort_by(|a, b| a.title.cmp(&b.title));
            v
        })
    });
    view! {
        <section class="page">
            <crate::ui::org::OrgTabs/>
            <h1>{tx(Key::JobDescriptions)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpJobs exercise="p1-t2"/>
            <p class="hint">{tx(Key::JobDescriptionsHint)}</p>
            <div class="actions"><Writes>
                <button type="button" class="btn primary" on:click=move |_| navigate("/jobs/new", Default::default())>{tx(Key::NewBlankJd)}</button>
                <button type="button" class="btn" on:click=move |_| nav2("/jobs/new?from=sample", Default::default())>{tx(Key::NewJdFromSample)}</button>
            </Writes></div>
            {move || if list.with(Vec::is_empty) {
                view! { <EmptyState message=Key::NoJobDescriptions/> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="simple">
                            <thead><tr>
                                <th scope="col">{tx(Key::JdTitle)}</th>
                                <th scope="col">{tx(Key::JdDepartment)}</th>
                                <th scope="col">{tx(Key::JdCompleteness)}</th>
                                <th scope="col">{tx(Key::JdValidity)}</th>
                            </tr></thead>
                            <tbody>{move || list.get().into_iter().map(|j| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/jobs/{}", j.id)>{j.title.clone()}</a></th>
                                    <td>{j.department.clone()}</td>
                                    <td>{percent1(Some(j.completeness()))}</td>
                                    <td>
                                        {j.text("validity")}
                                        {j.expired_on(day).then(|| view! { " " <span class="warn">{tx(Key::JdExpiredShort)}</span> })}
                                    </td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// `/jobs/:id`.
#[component]
pub fn JobEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.job_descriptions form=|j: JobDescription| view! { <JobForm job=j is_new=false/> }/> }
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

#[component]
fn JobForm(job: JobDescription, is_new: bool) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let draft = RwSignal::new(job.clone());
    let form = FormSave::new(job, is_new);
    let saving = form.saving;
    let stored = form.stored;
    let problem = RwSignal::new(None::<String>);
    let missing = Memo::new(move |_| draft.with(JobDescription::missing));
    let weak = Memo::new(move |_| draft.with(JobDescription::weak));
    let expired = Memo::new(move |_| draft.with(|j| j.expired_on(today())));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut j = draft.get_untracked();
        let lang = app.lang.get_untracked();
        if let Some(e) = j.validate().first() {
            let labels: Vec<(&str, Key)> = TEXT_ELEMENTS
                .iter()
                .map(|(n, _)| *n)
                .chain(crate::model::job::TABLE_1_2_HEADER)
                .map(|n| (n, element_key(n)))
                .chain([("valid_until", Key::JdValidUntil)])
                .collect();
            problem.set(Some(field_problem(lang, e, &labels)));
            return;
        }
        problem.set(None);
        j.updated_at = Utc::now().max(j.created_at);
        // A new one, once written, goes on at its own address (a reload finds it there).
        let first = !stored.get_untracked();
        form.save(app, app.stores.job_descriptions, j, Vec::new(), move |j| first.then(|| format!("/jobs/{}", j.id)));
    };
    let text_field = move |name: &'static str, long: bool| {
        let id = crate::ui::components::next_id("jd");
        let value = move || draft.with(|j| j.raw(name));
        let set = move |v: String| {
            draft.update(|j| {
                if let Some(f) = j.field_mut(name) {
                    *f = v;
                }
            })
        };
        let is_missing = move || missing.with(|m| m.contains(&name));
        let is_weak = move || weak.with(|m| m.contains(&name));
        // 直接下级 is not asked of a position marked as having none.
        let off = move || name == "subordinates" && draft.with(|j| j.no_subordinates);
        view! {
            <div class="field" class:field-missing=is_missing class:field-weak=is_weak>
                <label for=id.clone()>{tx(element_key(name))}</label>
                {if long {
                    view! { <textarea id=id rows="3" prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea> }.into_any()
                } else {
                    view! { <input id=id type="text" prop:value=value prop:disabled=off on:input=move |ev| set(event_target_value(&ev))/> }.into_any()
                }}
            </div>
        }
    };
    let date_field = move |label: Key,
                           get: fn(&JobDescription) -> Option<NaiveDate>,
                           put: fn(&mut JobDescription, Option<NaiveDate>)| {
        let id = crate::ui::components::next_id("jd-date");
        view! {
            <div class="field">
                <label for=id.clone()>{tx(label)}</label>
                <input id=id type="date" prop:value=move || draft.with(|j| get(j).map(|d| d.to_string()).unwrap_or_default())
                    on:input=move |ev| { let d = parse_day(&event_target_value(&ev)); draft.update(|j| put(j, d)); }/>
            </div>
        }
    };
    // Groups as in the textbook: header, summary and 3W, duties, relations, qualifications, other, sign-off.
    let groups: [(Key, &[&str]); 6] = [
        (
            Key::JdGroupHeader,
            &["title", "number", "department", "level", "reports_to", "pay_grade", "subordinates", "pay_type"],
        ),
        (Key::JdGroupGoal, &["summary", "why", "within", "what", "management_scope"]),
        (Key::JdGroupDuties, &["duties", "authority", "performance_standards"]),
        (Key::JdGroupRelations, &["internal_relations", "external_relations"]),
        (Key::JdGroupQualifications, &["education", "major", "training", "experience", "knowledge", "skills"]),
        (Key::JdGroupOther, &["qualities", "tools", "environment", "working_hours", "signed_by"]),
    ];
    view! {
        <section class="page">
            <crate::ui::org::OrgTabs/>
            <h1>{tx(Key::JobDescription)} ": " {move || draft.with(|j| j.title.clone())}</h1>
            <section class="card no-print" aria-labelledby="jd-check-h">
                <h2 id="jd-check-h">{tx(Key::JdCheck)} " " {move || draft.with(|j| percent1(Some(j.completeness())))}</h2>
                {move || {
                    let lang = app.lang.get();
                    let m = missing.get();
                    if m.is_empty() {
                        view! { <p class="ok" data-testid="jd-missing">{lang.t(Key::JdComplete)}</p> }.into_any()
                    } else {
                        let names: Vec<&str> = m.iter().map(|n| lang.t(element_key(n))).collect();
                        view! { <p class="warn" data-testid="jd-missing">{format!("{}: {}", lang.t(Key::JdMissing), names.join("、"))}</p> }.into_any()
                    }
                }}
                {move || {
                    let lang = app.lang.get();
                    let w = weak.get();
                    (!w.is_empty()).then(|| {
                        let names: Vec<&str> = w.iter().map(|n| lang.t(element_key(n))).collect();
                        view! {
                            <p class="warn" data-testid="jd-weak">{format!("{}: {}", lang.t(Key::JdWeak), names.join("、"))}</p>
                            <p class="hint">{lang.t(Key::JdWeakHint)}</p>
                        }
                    })
                }}
                <p class="warn" data-testid="jd-expired" hidden=move || !expired.get()>{tx(Key::JdExpired)}</p>
                <p class="hint" data-testid="jd-not-saved" hidden=move || stored.get()>{tx(Key::JdNewNotSaved)}</p>
            </section>
            <form class="card no-print" on:submit=save novalidate aria-label=move || app.t(Key::JobDescription)>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                {groups.into_iter().map(|(title, names)| view! {
                    <fieldset>
                        <legend>{tx(title)}</legend>
                        <div class="grid2">
                            {names.iter().map(|n| text_field(n, TEXT_ELEMENTS.iter().any(|(x, long)| x == n && *long))).collect_view()}
                            {(title == Key::JdGroupHeader).then(|| view! {
                                {date_field(Key::JdAnalysisDate, |j| j.analysis_date, |j, d| j.analysis_date = d)}
                                <label class="inline">
                                    <input type="checkbox" prop:checked=move || draft.with(|j| j.no_subordinates)
                                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|j| j.no_subordinates = on); }/>
                                    <span>{tx(Key::JdNoSubordinates)}</span>
                                </label>
                            })}
                        </div>
                        {(title == Key::JdGroupHeader).then(|| view! { <p class="hint">{tx(Key::JdNoSubordinatesHint)}</p> })}
                    </fieldset>
                }).collect_view()}
                <fieldset>
                    <legend>{tx(Key::JdGroupValidity)}</legend>
                    <div class="grid2">
                        {date_field(Key::JdSignedOn, |j| j.signed_on, |j, d| j.signed_on = d)}
                        {date_field(Key::JdValidFrom, |j| j.valid_from, |j, d| j.valid_from = d)}
                        {date_field(Key::JdValidUntil, |j| j.valid_until, |j, d| j.valid_until = d)}
                    </div>
                    <p class="hint">{tx(Key::JdValidityHint)}</p>
                </fieldset>
                <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
                </Writes>
                <div class="actions">
                    <Writes><button type="submit" class="btn primary" disabled=move || saving.get()>{tx(Key::Save)}</button></Writes>
                    <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tx(Key::Print)}</button>
                    <Writes><button type="button" class="btn" hidden=move || !stored.get() on:click=move |_| {
                        let id = draft.with_untracked(|j| j.id.clone());
                        let navigate = navigate.clone();
                        let from = current_path();
                        leptos::task::spawn_local(async move {
                            match app.stores.job_descriptions.trash(&[id]).await {
                                Ok(()) => {
                                    app.success(Key::MovedToTrash);
                                    go_on_from(navigate, &from, "/jobs");
                                }
                                Err(e) => app.store_error(&e),
                            }
                        });
                    }>{tx(Key::MoveToTrash)}</button></Writes>
                </div>
            </form>
            <JobPrint job=draft/>
        </section>
    }
}

/// The job description laid out like table 1-2: shown only when printing, or also on
/// screen with `on_screen` (the exercise report).
#[component]
pub fn JobPrint(job: RwSignal<JobDescription>, #[prop(optional)] on_screen: bool) -> impl IntoView {
    let app = use_app();
    let line = move |lang: Lang, j: &JobDescription, name: &'static str| {
        view! { <tr><th scope="row">{lang.t(element_key(name))}</th><td colspan="3" class="pre">{j.text(name)}</td></tr> }
    };
    move || {
        let lang = app.lang.get();
        let j = job.get();
        let pair = |a: &'static str, b: &'static str| {
            view! {
                <tr>
                    <th scope="row">{lang.t(element_key(a))}</th><td>{j.text(a)}</td>
                    <th scope="row">{lang.t(element_key(b))}</th><td>{j.text(b)}</td>
                </tr>
            }
        };
        view! {
            <table class=if on_screen { "jd-print" } else { "jd-print print-only" }>
                <caption>{format!("{} · {}", j.title, lang.t(Key::JobDescription))}</caption>
                <tbody>
                    {pair("title", "number")}
                    {pair("department", "level")}
                    {pair("reports_to", "pay_grade")}
                    <tr>
                        <th scope="row">{lang.t(Key::JdSubordinates)}</th>
                        <td>{if j.no_subordinates && j.subordinates.trim().is_empty() { lang.t(Key::JdNone).to_owned() } else { j.text("subordinates") }}</td>
                        <th scope="row">{lang.t(Key::JdPayType)}</th><td>{j.text("pay_type")}</td>
                    </tr>
                    {line(lang, &j, "analysis_date")}
                    {["summary", "why", "within", "what", "management_scope", "duties", "authority", "internal_relations", "external_relations", "education", "major", "training", "experience", "knowledge", "skills", "qualities", "tools", "environment", "working_hours", "performance_standards", "signed_by", "validity"]
                        .into_iter()
                        .map(|n| line(lang, &j, n))
                        .collect_view()}
                </tbody>
            </table>
        }
    }
}

page_routes! {
    chunk jobs {
        "/jobs" => JobsPage,
        "/jobs/new" => JobNew,
        "/jobs/:id" => JobEdit,
    }
}
