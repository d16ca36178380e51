//! 礼仪与话术: a searchable library of reusable scripts (greeting, transfer, apology,
//! closing…) to copy into a record or say on the phone.

use chrono::Utc;
use leptos::prelude::*;

use super::ServiceTabs;
use crate::i18n::{Key, Lang};
use crate::model::etiquette::{Script, ScriptCategory, STARTER_SCRIPTS};
use crate::model::{new_id, Choice, Record};
use crate::ui::components::{
    error_for, ChoiceField, ChoiceFilter, EmptyState, FormSave, RecordConflict, TextField, Writes,
};
use crate::ui::context::{tx, txf, use_app};

/// `/scripts`.
#[component]
pub fn ScriptsPage() -> impl IntoView {
    let app = use_app();
    let scripts = app.stores.scripts;
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(None::<ScriptCategory>);
    let editing = RwSignal::new(None::<Script>);
    let list = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let cat = category.get();
        scripts.with(|t| {
            let mut v: Vec<Script> = t
                .live()
                .filter(|s| cat.is_none_or(|c| c == s.category))
                .filter(|s| q.is_empty() || s.title.to_lowercase().contains(&q) || s.text.to_lowercase().contains(&q))
                .cloned()
                .collect();
            v.sort_by(|a, b| a.category.cmp(&b.category).then(a.title.cmp(&b.title)));
            v
        })
    });
    let copy = move |text: String| app.copy(&text);
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match scripts.trash(&[id]).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };
    // One write at a time: a second click while it runs does nothing.
    let submit = crate::ui::components::Submit::new();
    let add_starters = move |_| {
        let lang = app.lang.get_untracked();
        let now = Utc::now();
        let have: Vec<String> = scripts.with_untracked(|t| t.live().map(|s| s.title.clone()).collect());
        let new: Vec<Script> = STARTER_SCRIPTS
            .iter()
            .map(|(c, zh, en)| (c, if lang == Lang::Zh { zh } else { en }))
            .filter(|(_, (title, _))| !have.iter().any(|h| h == title))
            .map(|(c, (title, text))| Script {
                sample: true,
                id: new_id(),
                category: *c,
                title: (*title).to_owned(),
                text: (*text).to_owned(),
                created_at: now,
                updated_at: now,
                deleted_at: None,
            })
            .collect();
        submit.run(async move {
            match scripts.put_many(new).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <section class="page">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavScripts)}</h1>
                <div class="actions"><Writes>
                    <button type="button" class="btn" on:click=add_starters>{tx(Key::AddStarterScripts)}</button>
                    <button type="button" class="btn btn-primary" on:click=move |_| editing.set(Some(blank_script()))>{tx(Key::NewScript)}</button>
                </Writes></div>
            </div>
            {move || editing.get().map(|s| view! { <ScriptForm script=s editing=editing/> })}
            <div class="toolbar" role="search">
                <label class="grow">
                    <span class="visually-hidden">{tx(Key::SearchScripts)}</span>
                    <input type="search" placeholder=txf(Key::SearchScripts) aria-label=txf(Key::SearchScripts) prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <ChoiceFilter label=Key::ScriptCategory value=category/>
            </div>
            {move || {
                let v = list.get();
                if v.is_empty() {
                    return view! { <EmptyState message=Key::NoScripts/> }.into_any();
                }
                view! {
                    <ul class="scripts">
                        {v.into_iter().map(|s| {
                            let (text, edit, id) = (s.text.clone(), s.clone(), s.id.clone());
                            view! {
                                <li class="card">
                                    <h2><span class="badge">{move || app.t(s.category.label())}</span> " " {s.title.clone()}</h2>
                                    <p class="script-text">{s.text.clone()}</p>
                                    <div class="actions">
                                        <button type="button" class="btn" on:click=move |_| copy(text.clone())>{tx(Key::Copy)}</button>
                                        <Writes>
                                        <button type="button" class="btn" on:click=move |_| editing.set(Some(edit.clone()))>{tx(Key::Edit)}</button>
                                        <button type="button" class="btn btn-danger" on:click=move |_| remove(id.to_string())>{tx(Key::Delete)}</button>
                                        </Writes>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

fn blank_script() -> Script {
    let now = Utc::now();
    Script {
        sample: false,
        id: new_id(),
        category: ScriptCategory::Greeting,
        title: String::new(),
        text: String::new(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

#[component]
fn ScriptForm(script: Script, editing: RwSignal<Option<Script>>) -> impl IntoView {
    let app = use_app();
    let category = RwSignal::new(script.category);
    let title = RwSignal::new(script.title.clone());
    let text = RwSignal::new(script.text.clone());
    let is_new = app.stores.scripts.with_untracked(|t| t.get(&script.id).is_none());
    let form = FormSave::new(script, is_new);
    let base = form.base;
    let build = move || {
        let mut s = base.get_value();
        s.category = category.get();
        s.title = title.get().trim().to_owned();
        s.text = text.get().trim().to_owned();
        s
    };
    let errors = form.errors(move || build().validate());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = build();
        let problems = s.validate();
        if let Some(s) = form.checked(app, (s, problems)) {
            // Saved, the editor closes.
            form.save(app, app.stores.scripts, s, Vec::new(), move |_| {
                editing.set(None);
                None
            });
        }
    };
    view! {
        <form class="card form" on:submit=on_submit novalidate aria-label=move || app.t(if is_new { Key::NewScript } else { Key::EditScript })>
            <Writes>
            <h2>{move || app.t(if is_new { Key::NewScript } else { Key::EditScript })}</h2>
            <RecordConflict form=form/>
            <div class="grid2">
                <ChoiceField label=Key::ScriptCategory value=category/>
                <TextField label=Key::ScriptTitle value=title error=error_for(errors, "title") required=true/>
            </div>
            <TextField label=Key::ScriptText value=text error=error_for(errors, "text") multiline=true required=true/>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tx(Key::Save)}</button>
                <button type="button" class="btn" on:click=move |_| editing.set(None)>{tx(Key::Cancel)}</button>
            </div>
            </Writes>
        </form>
    }
}
