//! 批阅: an instructor opens a class's workbook files, sees who met which exercise,
//! browses any of them read-only, writes a grade and a comment per exercise and hands
//! each student a feedback file. The files are read into memory only: nothing of
//! them, and nothing of the instructor's own book, changes.

use std::rc::Rc;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::analysis::copies::CopyGroup;
use crate::analysis::exercises::{all_met, judged, EXERCISES};
use crate::i18n::{Key, Lang};
use crate::messages;
use crate::model::feedback::Feedback;
use crate::store::prefs;
use crate::ui::components::save_csv;
use crate::ui::components::{ChoiceField, ChoiceFilter, FileDrop, TextField};
use crate::ui::context::{tx, use_app};
use crate::ui::download::save_text;
use crate::ui::exercises::{CriteriaList, DoneMark};
use crate::ui::review_state::{copy_groups, ClassFilter, ClassSort, Draft, Refused, ReviewCtx, StudentFile, OVERALL};
use crate::workbook::class_csv::{class_csv, ClassRow, Grade};
use crate::workbook::feedback::{
    ClassFeedbackFile, FeedbackFile, StudentFeedback, FEEDBACK_FORMAT, FEEDBACK_VERSION, ONE_STUDENT_VERSION,
};
use crate::workbook::{export_file_name, parse_workbook, Owner};

const REVIEWER_KEY: &str = "kehu.reviewer";

/// Reads one chosen file into the session: a workbook is added (or replaces the one of
/// the same book and student), anything else is listed as refused.
pub(crate) fn open_file(review: ReviewCtx, file_name: String, bytes: &[u8]) {
    // The list changes: a book being browsed is left first, so the banner never names
    // another student than the one whose data is shown.
    if review.browsing.get_untracked().is_some() {
        review.leave();
    }
    match parse_workbook(bytes) {
        Err(error) => review.refused.update(|r| r.push(Refused { file_name, error })),
        Ok(workbook) => {
            let file = Rc::new(StudentFile::new(file_name, workbook));
            review.keep_file(&file, String::from_utf8_lossy(bytes).into_owned());
            // The same file opened again replaces itself; another file of the same
            // student is listed beside it (`newer_of_student` tells them apart).
            let (key, exported_at) = (file.key(), file.workbook.exported_at);
            let same = |f: &Rc<StudentFile>| f.key() == key && f.workbook.exported_at == exported_at;
            review.files.update(|files| match files.iter().position(same) {
                Some(i) => files[i] = file,
                None => files.push(file),
            });
        }
    }
}

/// For each file of `files`: `None` if it is its student's only file, else whether it
/// is the newest of that student's files (by export time; of equal ones, the last
/// opened).
fn newer_of_student(files: &[Rc<StudentFile>]) -> Vec<Option<bool>> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut others = files.iter().enumerate().filter(|(j, g)| *j != i && g.key() == f.key()).peekable();
            others.peek()?;
            Some(others.all(|(j, g)| {
                g.workbook.exported_at < f.workbook.exported_at
                    || (g.workbook.exported_at == f.workbook.exported_at && j < i)
            }))
        })
        .collect()
}

fn owner_line(o: &Owner, lang: Lang) -> String {
    let name = if o.name.trim().is_empty() { lang.t(Key::NoOwnerName).to_owned() } else { o.name.clone() };
    [name, o.class.clone(), o.student_id.clone()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `/review`: open files, the class table.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let app = use_app();
    let review = expect_context::<ReviewCtx>();
    let on_file = Callback::new(move |(name, bytes): (String, Vec<u8>)| open_file(review, name, &bytes));
    let reviewer = RwSignal::new(prefs::get::<String>(REVIEWER_KEY).unwrap_or_default());
    Effect::new(move |_| prefs::set(REVIEWER_KEY, &reviewer.get()));
    let copies = Memo::new(move |_| review.files.with(|f| copy_groups(f)));
    // The files kept from an earlier visit come back with the drafts.
    let ready = move || review.drafts_ready();
    let refused = move || {
        let lang = app.lang.get();
        review.refused.with(|r| {
            (!r.is_empty()).then(|| {
                view! {
                    <div class="problems" role="alert">
                        <p><strong>{lang.t(Key::FilesRefused)}</strong></p>
                        <ul>
                            {r.iter().map(|x| {
                                let first = x.error.problems.first().map(|p| messages::import_problem(lang, p)).unwrap_or_default();
                                view! { <li>{x.file_name.clone()} ": " {first}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })
        })
    };
    view! {
        <section class="page">
            <h1>{tx(Key::NavReview)}</h1>
            <p class="hint">{tx(Key::ReviewHint)}</p>
            {move || review.save_error.get().map(|e| {
                let lang = app.lang.get();
                view! {
                    <div class="problems" role="alert">
                        <p><strong>{lang.t(Key::ClassNotKept)}</strong> " " {messages::store_error(lang, &e)}</p>
                    </div>
                }
            })}
            <section class="card" aria-labelledby="review-open-h">
                <h2 id="review-open-h">{tx(Key::OpenStudentFiles)}</h2>
                <div class="grid3"><TextField label=Key::Reviewer value=reviewer/></div>
                <FileDrop accept=".json,.kehu.json,application/json" label=Key::ChooseFiles on_file=on_file multiple=true outside_book=true/>
                {refused}
                {move || (!review.files.with(Vec::is_empty) || !review.refused.with(Vec::is_empty)).then(|| view! {
                    <button type="button" class="btn" on:click=move |_| review.close_all()>{tx(Key::CloseAll)}</button>
                })}
            </section>
            <crate::ui::class_db::ClassDbCard/>
            <section class="card" aria-labelledby="class-h">
                <h2 id="class-h">{tx(Key::ClassOverview)}</h2>
                {move || if !ready() {
                    view! { <p role="status">{tx(Key::Loading)}</p> }.into_any()
                } else if review.files.with(Vec::is_empty) {
                    view! { <p class="hint">{tx(Key::NoStudentFiles)}</p> }.into_any()
                } else {
                    view! { <ClassTable copies=copies/> }.into_any()
                }}
            </section>
            {move || copies.with(|c| !c.is_empty()).then(|| view! { <CopyGroups copies=copies/> })}
        </section>
    }
}

/// The instructor's feedback on `student` (a file key) as records stamped `now`: one
/// per exercise with a grade or a comment, and the overall one.
fn feedback_of_student(review: ReviewCtx, student: &str, reviewer: &str, now: chrono::DateTime<Utc>) -> Vec<Feedback> {
    EXERCISES
        .iter()
        .map(|e| e.id)
        .chain([OVERALL])
        .filter_map(|id| {
            let d = review.draft(student, id);
            let f = Feedback {
                sample: false,
                id: id.into(),
                grade: d.grade.trim().to_owned(),
                comment: d.comment.trim().to_owned(),
                reviewer: reviewer.trim().to_owned(),
                created_at: now,
                updated_at: now,
                deleted_at: None,
            };
            (!f.is_blank()).then_some(f)
        })
        .collect()
}

/// The instructor's feedback on student `key`'s workbook `wb` as a one-student
/// feedback file written now, for a download or the class database; `None` (and said
/// why) when there is nothing to send or no owner to send it to.
pub(crate) fn feedback_file(
    app: crate::ui::AppCtx,
    review: ReviewCtx,
    key: &str,
    wb: &crate::workbook::Workbook,
) -> Option<FeedbackFile> {
    let reviewer: String = prefs::get(REVIEWER_KEY).unwrap_or_default();
    let now = Utc::now();
    let feedback = feedback_of_student(review, key, &reviewer, now);
    if feedback.is_empty() {
        app.error(Key::NoFeedbackYet);
        return None;
    }
    // The student's import matches the file by name and number.
    if wb.owner.as_ref().is_none_or(|o| o.name.trim().is_empty()) {
        app.error(Key::FeedbackNeedsOwner);
        return None;
    }
    Some(FeedbackFile {
        format: FEEDBACK_FORMAT.to_owned(),
        version: ONE_STUDENT_VERSION,
        written_at: now,
        reviewer: reviewer.trim().to_owned(),
        student: wb.owner.clone().unwrap_or_default(),
        book_id: wb.book_id.clone(),
        workbook_exported_at: wb.exported_at,
        feedback,
    })
}

/// Downloads one feedback file for the whole class: every graded file with an owner,
/// one entry per student and book (of a book handed in twice, the newest file's).
fn export_class_feedback(app: crate::ui::AppCtx, review: ReviewCtx) {
    let reviewer: String = prefs::get(REVIEWER_KEY).unwrap_or_default();
    let now = Utc::now();
    let mut students: Vec<StudentFeedback> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let files = review.files.get_untracked();
    let mut order: Vec<&Rc<StudentFile>> = files.iter().collect();
    order.sort_by_key(|f| std::cmp::Reverse(f.workbook.exported_at));
    for f in order {
        let key = f.key();
        if f.no_owner() || !seen.insert(key.clone()) {
            continue;
        }
        let feedback = feedback_of_student(review, &key, &reviewer, now);
        if feedback.is_empty() {
            continue;
        }
        students.push(StudentFeedback {
            student: f.owner(),
            book_id: f.workbook.book_id.clone(),
            workbook_exported_at: f.workbook.exported_at,
            feedback,
        });
    }
    if students.is_empty() {
        app.error(Key::NoFeedbackYet);
        return;
    }
    let n = students.len();
    let out = ClassFeedbackFile {
        format: FEEDBACK_FORMAT.to_owned(),
        version: FEEDBACK_VERSION,
        written_at: now,
        reviewer: reviewer.trim().to_owned(),
        students,
    };
    let name = format!("kehu-class-{}.kehu-feedback.json", now.with_timezone(&chrono::Local).date_naive());
    match save_text(&name, &out.to_json(), "application/json") {
        Ok(()) => app.toast(
            crate::ui::context::ToastKind::Success,
            messages::class_feedback_exported(app.lang.get_untracked(), n),
        ),
        Err(_) => app.error(Key::ExportFailed),
    }
}

/// The class table as the gradebook's CSV: every file, its checks, grades, comments
/// and flags, in the order opened.
fn class_rows(review: ReviewCtx, copies: &[CopyGroup]) -> Vec<ClassRow> {
    review.files.with_untracked(|files| {
        files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let drafts = review.drafts_of_untracked(&f.key());
                let grade = |id: &str| {
                    drafts
                        .get(id)
                        .map(|d| Grade { grade: d.grade.clone(), comment: d.comment.clone() })
                        .unwrap_or_default()
                };
                ClassRow {
                    owner: f.owner(),
                    file_name: f.file_name.clone(),
                    results: f.results.clone(),
                    grades: EXERCISES.iter().map(|e| grade(e.id)).collect(),
                    overall: grade(OVERALL),
                    copy_group: copies.iter().position(|g| g.members.contains(&i)).map(|g| g + 1),
                    sample_only: f.sample_only(),
                    no_owner: f.no_owner(),
                }
            })
            .collect()
    })
}

/// The groups of files alike, each pair with its evidence.
#[component]
fn CopyGroups(copies: Memo<Vec<CopyGroup>>) -> impl IntoView {
    let app = use_app();
    let review = expect_context::<ReviewCtx>();
    move || {
        let lang = app.lang.get();
        let name =
            move |i: usize| review.files.with(|f| f.get(i).map(|f| owner_line(&f.owner(), lang)).unwrap_or_default());
        view! {
            <section class="card" aria-labelledby="copies-h" data-testid="copy-groups">
                <h2 id="copies-h">{tx(Key::CopyGroups)}</h2>
                <p class="hint">{tx(Key::CopyGroupsHint)}</p>
                {copies.get().into_iter().enumerate().map(|(g, group)| view! {
                    <div class="copy-group" id=format!("copy-group-{}", g + 1) data-testid="copy-group">
                        <h3 class="h4">{lang.t(Key::CopyGroup)} " " {g + 1} ": "
                            {group.members.iter().map(|m| name(*m)).collect::<Vec<_>>().join(lang.t(Key::ListSeparator))}</h3>
                        <ul>
                            {group.pairs.iter().map(|p| view! {
                                <li>
                                    <strong>{name(p.a)} " ↔ " {name(p.b)}</strong>
                                    <ul>
                                        {p.evidence.iter().map(|e| {
                                            let examples = e.examples.iter()
                                                .map(|(c, s)| format!("{} {s}", lang.t(crate::ui::format::collection_key(c))))
                                                .collect::<Vec<_>>()
                                                .join(lang.t(Key::ListSeparator));
                                            view! {
                                                <li data-testid="copy-evidence">{messages::copy_evidence(lang, e)}
                                                    {(!examples.is_empty()).then(|| view! { <br/><span class="hint">{lang.t(Key::CopyExamples)} ": " {examples}</span> })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </section>
        }
    }
}

/// The short column heading of an exercise in `lang`: project and task
/// (`1·任务1`, `1·T1`); the full title goes in the `title` and for screen readers.
fn short_title(id: &str, lang: Lang) -> String {
    let (project, task) = id.trim_start_matches('p').split_once('-').unwrap_or((id, ""));
    let (kind, n) = task.split_at(task.len().min(1));
    let word = match (kind, lang) {
        ("t", Lang::Zh) => "任务",
        ("q", Lang::Zh) => "提出",
        ("s", Lang::Zh) => "实训",
        ("t", Lang::En) => "T",
        ("q", Lang::En) => "Q",
        ("s", Lang::En) => "P",
        _ => kind,
    };
    format!("{project}·{word}{n}")
}

/// One row of the class table: the file's index and what the row shows and is
/// sorted and filtered by.
struct Row {
    index: usize,
    file: Rc<StudentFile>,
    key: String,
    copy_group: Option<usize>,
}

#[component]
fn ClassTable(copies: Memo<Vec<CopyGroup>>) -> impl IntoView {
    let app = use_app();
    let review = expect_context::<ReviewCtx>();
    let newest = Memo::new(move |_| review.files.with(|f| newer_of_student(f)));
    // The "graded" column and the overall grade read the drafts.
    review.drafts_ready();
    let sort = RwSignal::new(ClassSort::Opened);
    let filter = RwSignal::new(None::<ClassFilter>);
    let rows = move || {
        let groups = copies.get();
        let mut rows: Vec<Row> = review
            .files
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, file)| Row {
                index,
                key: file.key(),
                copy_group: groups.iter().position(|g| g.members.contains(&index)),
                file,
            })
            .filter(|r| match filter.get() {
                None => true,
                Some(ClassFilter::NotGraded) => !review.graded(&r.key),
                Some(ClassFilter::Copies) => r.copy_group.is_some(),
                Some(ClassFilter::SampleOnly) => r.file.sample_only(),
                Some(ClassFilter::NoOwner) => r.file.no_owner(),
            })
            .collect();
        match sort.get() {
            ClassSort::Opened => {}
            ClassSort::Name => rows.sort_by(|a, b| a.file.owner().name.trim().cmp(b.file.owner().name.trim())),
            ClassSort::Done => rows.sort_by_key(|r| std::cmp::Reverse(r.file.done())),
        }
        rows
    };
    let any_no_owner = move || review.files.with(|f| f.iter().any(|f| f.no_owner()));
    view! {
        {move || newest.with(|n| n.iter().any(Option::is_some)).then(|| view! {
            <p class="notice" role="status" data-testid="same-student-notice">{tx(Key::SameStudentFiles)}</p>
        })}
        {move || any_no_owner().then(|| view! {
            <p class="notice" role="status" data-testid="no-owner-notice">{tx(Key::NoOwnerNotice)}</p>
        })}
        <div class="toolbar">
            <ChoiceField label=Key::SortBy value=sort inline=true/>
            <ChoiceFilter label=Key::ShowRows value=filter/>
            <button type="button" class="btn" on:click=move |_| {
                let text = class_csv(&class_rows(review, &copies.get_untracked()), app.lang.get_untracked());
                save_csv(app, "kehu-class", &text);
            }>{tx(Key::ExportClassCsv)}</button>
            <button type="button" class="btn" on:click=move |_| export_class_feedback(app, review)>{tx(Key::ExportClassFeedback)}</button>
        </div>
        <div class="table-scroll class-scroll">
            <table class="class-table">
                <caption class="visually-hidden">{tx(Key::ClassOverview)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="sticky-col">{tx(Key::Student)}</th>
                        <th scope="col">{tx(Key::ExercisesDone)}</th>
                        <th scope="col">{tx(Key::Graded)}</th>
                        <th scope="col">{tx(Key::Overall)}</th>
                        {EXERCISES.iter().map(|e| view! {
                            <th scope="col" title=move || e.title(app.lang.get())>
                                <span aria-hidden="true">{move || short_title(e.id, app.lang.get())}</span>
                                <span class="visually-hidden">{move || e.title(app.lang.get())}</span>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = app.lang.get();
                        let rows = rows();
                        if rows.is_empty() {
                            return view! {
                                <tr><td colspan=EXERCISES.len() + 4 class="hint">{lang.t(Key::NoRowsMatch)}</td></tr>
                            }.into_any();
                        }
                        rows.into_iter().map(|Row { index: i, file: f, key, copy_group }| {
                            let owner = f.owner();
                            let overall = review.drafts_of(&key).remove(OVERALL).unwrap_or_default();
                            let graded = review.graded(&key);
                            view! {
                                <tr data-testid="class-row">
                                    <th scope="row" class="sticky-col">
                                        <span class="line">
                                            <a href=format!("/review/{i}")>{owner_line(&owner, lang)}</a>
                                            {move || newest.with(|n| n.get(i).copied().flatten()).map(|newest| view! {
                                                " " <span class={if newest { "badge ok" } else { "badge warn" }}>
                                                    {tx(if newest { Key::NewestFile } else { Key::OlderFile })}
                                                </span>
                                            })}
                                            {copy_group.map(|g| view! {
                                                " " <a class="badge warn" href=format!("#copy-group-{}", g + 1) data-testid="copy-badge">
                                                    {lang.t(Key::CopyBadge)} " " {g + 1}
                                                </a>
                                            })}
                                            {f.sample_only().then(|| view! {
                                                " " <span class="badge warn" data-testid="sample-only-badge">{lang.t(Key::SampleOnlyBadge)}</span>
                                            })}
                                            {f.no_owner().then(|| view! {
                                                " " <span class="badge warn" data-testid="no-owner-badge">{lang.t(Key::NoOwnerBadge)}</span>
                                            })}
                                        </span>
                                        <span class="line hint">{f.file_name.clone()} " · " {crate::ui::format::local_datetime(f.workbook.exported_at)}</span>
                                    </th>
                                    <td data-testid="done">{f.done()} " / " {EXERCISES.len()}</td>
                                    <td data-testid="graded">{if graded { "✓" } else { "" }}
                                        <span class="visually-hidden">{lang.t(if graded { Key::Graded } else { Key::FilterNotGraded })}</span></td>
                                    <td data-testid="overall" title=overall.comment.clone()>{overall.grade.clone()}</td>
                                    {f.results.iter().map(|r| {
                                        let all = all_met(r);
                                        let some = r.iter().any(|p| p.have > 0);
                                        let each = r.iter().map(|p| format!("{}/{}", p.have, p.need)).collect::<Vec<_>>().join(" · ");
                                        view! {
                                            <td class={if all { "ok" } else if some { "partial" } else { "warn" }}>
                                                {if all { "✓".to_owned() } else { each }}
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// `/review/:n`: one student's checks, grades and comments; browsing and the feedback
/// file.
#[component]
pub fn StudentReviewPage() -> impl IntoView {
    let app = use_app();
    let review = expect_context::<ReviewCtx>();
    let params = use_params_map();
    let index = move || params.with(|p| p.get("n").and_then(|n| n.parse::<usize>().ok()));
    move || {
        let Some(i) = index() else { return view! { <p>{tx(Key::PageNotFound)}</p> }.into_any() };
        if !review.drafts_ready() {
            return view! { <p role="status">{tx(Key::Loading)}</p> }.into_any();
        }
        let Some(file) = review.files.with_untracked(|f| f.get(i).cloned()) else {
            return view! {
                <section class="page">
                    <h1>{tx(Key::NavReview)}</h1>
                    <p>{tx(Key::NoStudentFiles)}</p>
                    <a href="/review">{tx(Key::BackToReview)}</a>
                </section>
            }
            .into_any();
        };
        view! { <StudentReview index=i file=file app=app review=review/> }.into_any()
    }
}

#[component]
fn StudentReview(index: usize, file: Rc<StudentFile>, app: crate::ui::AppCtx, review: ReviewCtx) -> impl IntoView {
    let key = file.key();
    let owner = file.owner();
    let title = owner_line(&owner, app.lang.get_untracked());
    let count = review.files.with_untracked(Vec::len);
    let file = StoredValue::new_local(file);
    let export = {
        let key = key.clone();
        move |_| {
            let Some(out) = file.with_value(|f| feedback_file(app, review, &key, &f.workbook)) else { return };
            let now = out.written_at;
            let name = export_file_name(Some(&out.student), now.with_timezone(&chrono::Local).date_naive())
                .replace(".kehu.json", ".kehu-feedback.json");
            match save_text(&name, &out.to_json(), "application/json") {
                Ok(()) => app.success(Key::FeedbackExported),
                Err(_) => app.error(Key::ExportFailed),
            }
        }
    };
    view! {
        <section class="page">
            <nav class="actions" aria-label=move || app.t(Key::StudentNav)>
                <a href="/review">"← " {tx(Key::BackToReview)}</a>
                {(index > 0).then(|| view! { <a href=format!("/review/{}", index - 1) rel="prev">{tx(Key::PreviousStudent)}</a> })}
                {(index + 1 < count).then(|| view! { <a href=format!("/review/{}", index + 1) rel="next">{tx(Key::NextStudent)}</a> })}
            </nav>
            <h1>{tx(Key::NavReview)} ": " {title}</h1>
            <p class="hint">{file.with_value(|f| f.file_name.clone())} " · " {tx(Key::ExportedAt)} " "
                {file.with_value(|f| crate::ui::format::local_datetime(f.workbook.exported_at))}</p>
            {move || review.save_error.get().map(|e| {
                let lang = app.lang.get();
                view! {
                    <div class="problems" role="alert">
                        <p><strong>{lang.t(Key::DraftsNotSaved)}</strong> " " {messages::store_error(lang, &e)}</p>
                    </div>
                }
            })}
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| review.browse(index, "/exercises")>{tx(Key::BrowseReadOnly)}</button>
                <button type="button" class="btn btn-primary" on:click=export>{tx(Key::ExportFeedback)}</button>
                <crate::ui::class_db::SendFeedback key=key.clone() file=file.get_value()/>
            </div>
            <OverallFields student=key.clone() review=review/>
            <ul class="exercise-list">
                {file.with_value(|f| {
                    let book = f.workbook.collections.borrowed();
                    EXERCISES.iter().map(|e| judged(e, &book)).collect::<Vec<_>>()
                }).into_iter().zip(EXERCISES.iter().enumerate()).map(|(judged, (k, e))| {
                    let results = file.with_value(|f| f.results[k].clone());
                    let done = all_met(&results);
                    let draft = review.draft(&key, e.id);
                    let grade = RwSignal::new(draft.grade);
                    let comment = RwSignal::new(draft.comment);
                    let key = key.clone();
                    Effect::new(move |first: Option<()>| {
                        let d = Draft { grade: grade.get(), comment: comment.get() };
                        if first.is_some() {
                            review.set_draft(&key, e.id, d);
                        }
                    });
                    view! {
                        <li class="exercise card" data-testid=format!("review-{}", e.id)>
                            <h2 class="h3"><DoneMark done=done/> {move || e.title(app.lang.get())}</h2>
                            <CriteriaList exercise=e met=results judged=judged/>
                            // The fieldset names the exercise for each grade and comment.
                            <fieldset class="plain">
                                <legend class="visually-hidden">{move || e.title(app.lang.get())}</legend>
                                <div class="grid3">
                                    <TextField label=Key::Grade value=grade/>
                                </div>
                                <TextField label=Key::Comment value=comment multiline=true/>
                            </fieldset>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The overall grade and comment on a student's work, kept with the drafts.
#[component]
fn OverallFields(student: String, review: ReviewCtx) -> impl IntoView {
    let draft = review.draft(&student, OVERALL);
    let grade = RwSignal::new(draft.grade);
    let comment = RwSignal::new(draft.comment);
    Effect::new(move |first: Option<()>| {
        let d = Draft { grade: grade.get(), comment: comment.get() };
        if first.is_some() {
            review.set_draft(&student, OVERALL, d);
        }
    });
    view! {
        <fieldset class="card" data-testid="review-overall">
            <legend>{tx(Key::Overall)}</legend>
            <div class="grid3"><TextField label=Key::OverallGrade value=grade/></div>
            <TextField label=Key::OverallComment value=comment multiline=true/>
        </fieldset>
    }
}

/// The banner over every page while a student's book is browsed: whose it is, that it
/// is read-only, and the way back.
#[component]
pub fn ReadOnlyBanner() -> impl IntoView {
    let app = use_app();
    let review = use_context::<ReviewCtx>();
    move || {
        let review = review?;
        let file = review.browsed()?;
        let who = owner_line(&file.owner(), app.lang.get());
        Some(view! {
            <div class="banner read-only" role="status" data-testid="read-only-banner">
                <strong>{tx(Key::ReadOnlyBanner)}</strong> " " {who} " · "
                <crate::ui::components::ReadOnlyReason/> " "
                <button type="button" class="btn" on:click=move |_| review.leave()>{tx(Key::BackToReview)}</button>
            </div>
        })
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavReview,
    home: "/review",
    tabs_label: Key::NavReview,
    tabs: &[],
    also: &[],
};

page_routes! {
    chunk review {
        "/review" => ReviewPage,
        "/review/:n" => StudentReviewPage,
    }
}
