//! The workbook page: owner, export, import (merge or replace), sample data.

use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::store::{prefs, MergeError, Stores};
use crate::ui::book::{book_id, BOOK_ID_KEY, LAST_EXPORT_KEY, OWNER_KEY};
use crate::ui::components::{ConfirmDialog, FileDrop, TextField};
use crate::ui::context::{tx, use_app};
use crate::ui::download::save_written;
use crate::ui::format::collection_key;
use crate::ui::format::local_datetime;
use crate::workbook::sample::{sample_workbook, SampleCompany};
use crate::workbook::{
    export_file_name, read_workbook, Collections, ImportError, MergeRefused, MergeReport, Owner, RecordTexts, Workbook,
};
use crate::workbook::{owner_on_import, OwnerOnImport};

/// Writes the whole database to a downloaded workbook file, once every collection has
/// been read; returns its name. Fails only when the browser refuses to start the
/// download; the browser's own words go to the console, the user gets
/// [`Key::ExportFailed`].
pub async fn export_workbook(stores: &Stores, prefix: Option<&str>) -> Result<String, ()> {
    stores.until_all_loaded().await;
    let owner: Option<Owner> = prefs::get(OWNER_KEY);
    let now = Utc::now();
    let mut wb = Workbook::new(owner.clone(), Collections::default(), now);
    wb.book_id = Some(book_id());
    // The file is named for the user's own day, not UTC's.
    let mut name = export_file_name(owner.as_ref(), now.with_timezone(&chrono::Local).date_naive());
    if let Some(p) = prefix {
        name = format!("{p}-{name}");
    }
    save_written(&name, "application/json", |out| wb.write_json_with(out, stores.collections_view()))
        .map_err(|e| web_sys::console::error_1(&e))?;
    prefs::set(LAST_EXPORT_KEY, &now.to_rfc3339());
    Ok(name)
}

/// How an import goes.
#[derive(Clone, PartialEq)]
enum Outcome {
    Refused(ImportError),
    MergeRefused(MergeRefused),
    Merged(MergeReport),
    Replaced(usize),
}

/// `/workbook`.
#[component]
pub fn WorkbookPage() -> impl IntoView {
    let app = use_app();
    let stores = app.stores;
    let owner: Owner = prefs::get(OWNER_KEY).unwrap_or_default();
    let (name, class, student_id) =
        (RwSignal::new(owner.name), RwSignal::new(owner.class), RwSignal::new(owner.student_id));
    let last_export = RwSignal::new(prefs::get::<String>(LAST_EXPORT_KEY));
    let mode = RwSignal::new("merge".to_owned());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let count = Memo::new(move |_| stores.customers.with(|t| t.len()));
    let counts = Memo::new(move |_| stores.counts());
    let total = Memo::new(move |_| counts.with(|c| c.iter().map(|(_, n)| n).sum::<usize>()));
    let read_only = stores.db.is_read_only();

    let save_owner = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        crate::ui::book::save_owner(&app, &name.get(), &class.get(), &student_id.get());
    };
    // A file's owner read into the book: the form shows it, the next export is named by it.
    let take_owner = move |o: Owner| {
        prefs::set(OWNER_KEY, &o);
        name.set(o.name);
        class.set(o.class);
        student_id.set(o.student_id);
    };
    // A merged file of someone else: (the book's owner, the file's) until the user decides.
    let owner_question = RwSignal::new(None::<(Owner, Owner)>);
    let settle_owner = move |file: Option<Owner>, replace: bool| {
        let book: Option<Owner> = prefs::get(OWNER_KEY);
        match owner_on_import(book.as_ref(), file.as_ref(), replace) {
            OwnerOnImport::Keep => {}
            OwnerOnImport::Take(o) => take_owner(o),
            OwnerOnImport::Ask { book, file } => owner_question.set(Some((book, file))),
        }
    };
    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match export_workbook(&stores, None).await {
                Ok(_) => {
                    last_export.set(prefs::get(LAST_EXPORT_KEY));
                    app.success(Key::Exported);
                }
                Err(()) => app.error(Key::ExportFailed),
            }
            busy.set(false);
        });
    };
    // A replace waits for the user's yes; the parsed file waits here meanwhile.
    let pending_replace = StoredValue::new(None::<(Workbook, Option<RecordTexts>)>);
    let confirm_replace = RwSignal::new(false);
    // A replace the user cancels lets go of the file read for it (a whole book's text).
    // Confirming takes the file first: the dialog runs its callback before effects run.
    Effect::new(move || {
        if !confirm_replace.get() {
            pending_replace.set_value(None);
        }
    });
    let replace = Callback::new(move |()| {
        let Some((wb, texts)) = pending_replace.try_update_value(Option::take).flatten() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            // The automatic backup comes first; without it, nothing is replaced.
            let result = match export_workbook(&stores, Some("backup")).await {
                Err(()) => {
                    // No backup, no replace.
                    app.error(Key::ExportFailed);
                    busy.set(false);
                    return;
                }
                Ok(_) => {
                    last_export.set(prefs::get(LAST_EXPORT_KEY));
                    let n = wb.collections.len();
                    let id = wb.book_id.clone();
                    let file_owner = wb.owner.clone();
                    stores.replace_all(wb.collections, texts).await.map(|()| {
                        // The file became this book, so its id and owner do too (its
                        // feedback files then fit); not before, or a failed replace would
                        // change them.
                        if let Some(id) = &id {
                            prefs::set(BOOK_ID_KEY, id);
                        }
                        settle_owner(file_owner, true);
                        Outcome::Replaced(n)
                    })
                }
            };
            match result {
                Ok(o) => outcome.set(Some(o)),
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    });
    let import = move |bytes: Vec<u8>| {
        let (wb, texts) = match read_workbook(bytes) {
            Err(e) => {
                outcome.set(Some(Outcome::Refused(e)));
                return busy.set(false);
            }
            Ok(read) => read,
        };
        if mode.get_untracked() == "replace" {
            pending_replace.set_value(Some((wb, texts)));
            confirm_replace.set(true);
            return busy.set(false);
        }
        let file_owner = wb.owner.clone();
        leptos::task::spawn_local(async move {
            match stores.merge(wb.collections, texts).await {
                Ok(report) => {
                    settle_owner(file_owner, false);
                    outcome.set(Some(Outcome::Merged(report)));
                }
                Err(MergeError::Refused(refused)) => outcome.set(Some(Outcome::MergeRefused(refused))),
                Err(MergeError::Store(e)) => app.store_error(&e),
            }
            busy.set(false);
        });
    };
    let on_file = Callback::new(move |(_name, bytes): (String, Vec<u8>)| {
        outcome.set(None);
        busy.set(true);
        // Reading a large book takes seconds, so the working status is drawn first: a
        // frame's callback runs before its paint, a timeout set there after it.
        request_animation_frame(move || set_timeout(move || import(bytes), std::time::Duration::ZERO));
    });
    let load_sample = move |company: SampleCompany, n: usize| {
        if !stores.customers.with_untracked(|t| t.is_empty()) {
            app.error(Key::SampleNeedsEmpty);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let wb = sample_workbook(company, 2026, n);
            match stores.merge(wb.collections, None).await {
                Ok(_) => app.success(Key::SampleLoaded),
                Err(MergeError::Store(e)) => app.store_error(&e),
                // A sample goes into an empty book: nothing of the book's can clash.
                Err(MergeError::Refused(refused)) => {
                    leptos::logging::error!("a sample company broke the book's rules: {refused:?}")
                }
            }
            busy.set(false);
        });
    };

    let owner_view = move || {
        owner_question.get().map(|(book, file)| {
            let line = |o: &Owner| [o.name.clone(), o.class.clone(), o.student_id.clone()].into_iter().filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(" · ");
            let (book_line, file_line) = (line(&book), line(&file));
            view! {
                <div class="problems" role="alert" data-testid="owner-question">
                    <p>{move || messages::owner_differs(app.lang.get(), &file_line, &book_line)}</p>
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| {
                            take_owner(file.clone());
                            owner_question.set(None);
                            app.success(Key::OwnerSaved);
                        }>{tx(Key::TakeFileOwner)}</button>
                        <button type="button" class="btn" on:click=move |_| owner_question.set(None)>{tx(Key::KeepBookOwner)}</button>
                    </div>
                </div>
            }
        })
    };
    let outcome_view = move || {
        let lang = app.lang.get();
        outcome.get().map(|o| match o {
            Outcome::Refused(e) => view! {
                <div class="problems" role="alert">
                    <p><strong>{lang.t(Key::ImportRefused)}</strong></p>
                    <ul>{e.problems.iter().map(|p| view! { <li>{messages::import_problem(lang, p)}</li> }).collect_view()}</ul>
                    {(e.more > 0).then(|| view! { <p>{lang.t(Key::AndMore)} " " {e.more}</p> })}
                </div>
            }
            .into_any(),
            Outcome::MergeRefused(e) => view! {
                <div class="problems" role="alert">
                    <p><strong>{lang.t(Key::MergeRefused)}</strong></p>
                    <ul>{e.problems.iter().map(|p| {
                        let label = lang.t(collection_key(p.collection));
                        view! { <li>{messages::merge_problem(lang, label, p)}</li> }
                    }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            Outcome::Merged(MergeReport { summary: s, kept }) => view! {
                <div role="status">
                    <p class="notice">
                        {lang.t(Key::ImportMerged)} ": " {s.added} " " {lang.t(Key::Added)} ", " {s.updated} " "
                        {lang.t(Key::UpdatedCount)} ", " {s.unchanged} " " {lang.t(Key::Unchanged)}
                    </p>
                    {(!kept.is_empty()).then(|| view! {
                        <div class="problems">
                            <p>{lang.t(Key::MergeKept)}</p>
                            <ul>{kept.iter().map(|k| view! {
                                <li>{lang.t(collection_key(k.collection))} "「" {crate::workbook::excerpt(&k.summary)} "」 · id " {crate::workbook::excerpt(&k.id)}</li>
                            }).collect_view()}</ul>
                        </div>
                    })}
                </div>
            }
            .into_any(),
            Outcome::Replaced(n) => view! { <p class="notice" role="status">{lang.t(Key::ImportReplaced)} ": " {n} " " {lang.t(Key::Records)}</p> }.into_any(),
        })
    };

    view! {
        <section class="page">
            <h1>{tx(Key::WorkbookTitle)}</h1>
            <p data-testid="book-total">{move || total.get()} " " {tx(Key::Records)} " · " {tx(Key::LastExport)} ": "
                {move || last_export.get().and_then(|s| s.parse().ok()).map(local_datetime).unwrap_or_else(|| app.t(Key::Never).to_owned())}</p>
            // Every collection the book holds records of, so the file's size is no
            // surprise and nothing looks missing.
            <ul class="book-counts" aria-label=move || app.t(Key::RecordsPerTable) data-testid="book-counts">
                {move || {
                    let lang = app.lang.get();
                    counts.get().into_iter().filter(|(_, n)| *n > 0).map(|(name, n)| view! {
                        <li>{lang.t(collection_key(name))} " " <span class="num">{n}</span></li>
                    }).collect_view()
                }}
            </ul>

            // A student's book under review: read, never changed or re-exported as the
            // reviewer's.
            {(!read_only).then(|| view! {
            <section class="card" aria-labelledby="owner-h">
                <h2 id="owner-h">{tx(Key::Owner)}</h2>
                <form class="grid3" on:submit=save_owner>
                    <TextField label=Key::OwnerName value=name/>
                    <TextField label=Key::OwnerClass value=class/>
                    <TextField label=Key::OwnerStudentId value=student_id/>
                    <div class="actions"><button type="submit" class="btn">{tx(Key::Save)}</button></div>
                </form>
            </section>

            <UsageChoice/>

            <section class="card" aria-labelledby="export-h">
                <h2 id="export-h">{tx(Key::Export)}</h2>
                <p class="hint">{tx(Key::ExportHint)}</p>
                <button type="button" class="btn btn-primary" prop:disabled=move || busy.get() on:click=export>{tx(Key::Export)}</button>
            </section>
            <crate::ui::handin::HandinCard/>

            <section class="card" aria-labelledby="import-h">
                <h2 id="import-h">{tx(Key::Import)}</h2>
                <p class="hint">{tx(Key::ImportHint)}</p>
                <fieldset>
                    <legend>{tx(Key::ImportMode)}</legend>
                    <label class="radio"><input type="radio" name="mode" value="merge" prop:checked=move || mode.get() == "merge" on:change=move |_| mode.set("merge".into())/>{tx(Key::ModeMerge)}</label>
                    <label class="radio"><input type="radio" name="mode" value="replace" prop:checked=move || mode.get() == "replace" on:change=move |_| mode.set("replace".into())/>{tx(Key::ModeReplace)}</label>
                    <p class="hint">{tx(Key::MergeHint)}</p>
                </fieldset>
                <FileDrop accept=".json,.kehu.json,application/json" label=Key::ChooseFile on_file=on_file/>
                <ConfirmDialog open=confirm_replace message=Key::ReplaceConfirm confirm=Key::ReplaceAction on_confirm=replace/>
                {move || busy.get().then(|| view! { <p role="status">{app.t(Key::Working)}</p> })}
                {owner_view}
                {outcome_view}
            </section>
            })}
            {read_only.then(|| view! { <p class="notice">{tx(Key::ReadOnlyBanner)}</p> })}

            <TableCsv/>
            {(!read_only).then(|| view! { <crate::ui::sync::SyncCard/> })}
            {(!read_only).then(|| view! { <crate::ui::storage::StorageCard/> })}

            {(!read_only).then(|| view! {
            <section class="card" aria-labelledby="sample-h">
                <h2 id="sample-h">{tx(Key::SampleData)}</h2>
                <p class="hint">{tx(Key::SampleHint)}</p>
                <div class="actions">
                    <button type="button" class="btn" disabled=move || { busy.get() || count.get() != 0 } on:click=move |_| load_sample(SampleCompany::RealEstate, 200)>{tx(Key::LoadRealEstate)}</button>
                    <button type="button" class="btn" disabled=move || { busy.get() || count.get() != 0 } on:click=move |_| load_sample(SampleCompany::TaobaoShop, 300)>{tx(Key::LoadTaobao)}</button>
                </div>
            </section>
            })}
        </section>
    }
}

/// What the book is used for (asked on the first visit): it orders the sidebar.
#[component]
fn UsageChoice() -> impl IntoView {
    use crate::model::settings::{Purpose, UsageSettings};
    use crate::model::Choice;
    use crate::ui::settings::{save_setting_checked, setting};
    let app = use_app();
    let value = move || setting::<UsageSettings>(&app).purpose.map_or("", |p| p.value());
    view! {
        <section class="card" aria-labelledby="usage-setting-h">
            <h2 id="usage-setting-h">{tx(Key::UsageSetting)}</h2>
            <p class="hint">{tx(Key::UsageHint)}</p>
            <label class="inline"><span>{tx(Key::UsageLegend)}</span>
                <select
                    prop:value=value
                    on:change=move |ev| {
                        let purpose = Purpose::from_value(&event_target_value(&ev));
                        save_setting_checked(app, UsageSettings { purpose }, app.t(Key::UsageLegend));
                    }
                >
                    <option value="" selected=move || value().is_empty()>{tx(Key::PurposeNone)}</option>
                    {Purpose::ALL.iter().map(|p| view! {
                        <option value=p.value() selected=move || value() == p.value()>{tx(p.label())}</option>
                    }).collect_view()}
                </select>
            </label>
        </section>
    }
}

/// Any table of the book as a CSV file for a spreadsheet.
#[component]
fn TableCsv() -> impl IntoView {
    use crate::workbook::export_csv::CollectionCsv;
    let app = use_app();
    let chosen = RwSignal::new("customers".to_owned());
    let export = move |_| {
        let name = chosen.get_untracked();
        leptos::task::spawn_local(async move {
            app.stores.until_all_loaded().await;
            let mut csv = CollectionCsv { name: &name, out: None };
            app.stores.visit_one(&name, &mut csv);
            if let Some(text) = csv.out {
                crate::ui::components::save_csv(app, &name, &text);
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="table-csv-h">
            <h2 id="table-csv-h">{tx(Key::TableAsCsv)}</h2>
            <p class="hint">{tx(Key::TableAsCsvHint)}</p>
            <div class="actions">
                <label class="inline"><span>{tx(Key::Table)}</span>
                    <select prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {crate::workbook::Collections::NAMES.iter().map(|n| view! {
                            <option value=*n selected=move || chosen.get() == *n>{tx(crate::ui::format::collection_key(n))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="btn" on:click=export>{tx(Key::ExportCsv)}</button>
            </div>
        </section>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavWorkbook,
    home: "/workbook",
    tabs_label: Key::NavWorkbook,
    tabs: &[],
    also: &[],
};

page_routes! {
    chunk workbook {
        "/workbook" => WorkbookPage,
    }
}
