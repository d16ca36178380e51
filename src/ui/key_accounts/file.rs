//! One key account's file (大客户档案): decision makers and their roles, organisation,
//! needs, history, service plan and callback frequency.

use chrono::Utc;
use leptos::prelude::*;

use super::list::{file_of, new_file};
use super::KeyAccountTabs;
use crate::i18n::Key;
use crate::model::key_account::{DecisionMaker, KeyAccount};
use crate::model::{Customer, FieldError, Problem, Record};
use crate::ui::components::{error_for, FormSave, RecordConflict, RecordEdit, TextField, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::service::customer_name;

/// `/key-accounts/:customer_id`.
#[component]
pub fn KeyAccountFile() -> impl IntoView {
    let app = use_app();
    // The file of a customer who has none yet is a new one.
    let form = move |c: Customer| {
        let (file, is_new) = match file_of(&app, &c.id) {
            Some(f) => (f, false),
            None => (new_file(c.id, Utc::now()), true),
        };
        view! { <FileForm file=file is_new=is_new/> }
    };
    view! { <RecordEdit collection=app.stores.customers not_found=Key::CustomerNotFound form=form/> }
}

#[derive(Clone, Copy)]
struct PersonRow {
    key: u32,
    name: RwSignal<String>,
    role: RwSignal<String>,
    title: RwSignal<String>,
    phone: RwSignal<String>,
}

#[component]
fn FileForm(file: KeyAccount, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let organisation = s(&file.organisation);
    let needs = s(&file.needs);
    let history = s(&file.history);
    let plan = s(&file.service_plan);
    let every = s(&file.callback_every_days.to_string());
    let next_key = StoredValue::new(file.decision_makers.len() as u32);
    let people = RwSignal::new(
        file.decision_makers
            .iter()
            .enumerate()
            .map(|(i, d)| PersonRow {
                key: i as u32,
                name: s(&d.name),
                role: s(&d.role),
                title: s(&d.title),
                phone: s(&d.phone),
            })
            .collect::<Vec<_>>(),
    );
    let name = customer_name(&app, &file.customer_id);
    let form = FormSave::new(file, is_new);
    let base = form.base;
    let build = move || -> (KeyAccount, Vec<FieldError>) {
        let mut f = base.get_value();
        let mut extra = Vec::new();
        f.organisation = organisation.get().trim().to_owned();
        f.needs = needs.get().trim().to_owned();
        f.history = history.get().trim().to_owned();
        f.service_plan = plan.get().trim().to_owned();
        match every.get().trim().parse::<u32>() {
            Ok(v) => f.callback_every_days = v,
            Err(_) => extra.push(FieldError::new("callback_every_days", Problem::OutOfRange { min: 0, max: 366 })),
        }
        f.decision_makers = people
            .get()
            .iter()
            .map(|p| DecisionMaker {
                name: p.name.get().trim().to_owned(),
                role: p.role.get().trim().to_owned(),
                title: p.title.get().trim().to_owned(),
                phone: p.phone.get().trim().to_owned(),
            })
            .collect();
        let mut errors = f.validate();
        errors.extend(extra);
        (f, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(f) = form.checked(app, build()) {
            form.save(app, app.stores.key_accounts, f, Vec::new(), |_| None);
        }
    };
    let person_input = move |label: Key, value: RwSignal<String>| {
        view! { <td><input type="text" aria-label=move || app.t(label) prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></td> }
    };
    view! {
        <section class="page">
            <KeyAccountTabs/>
            <h1>{tx(Key::AccountFile)} ": " {name}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form/>
                <fieldset>
                    <legend>{tx(Key::DecisionMakers)}</legend>
                    <table class="simple parts">
                        <thead><tr>
                            <th scope="col">{tx(Key::Person)}</th>
                            <th scope="col">{tx(Key::Role)}</th>
                            <th scope="col">{tx(Key::FieldTitle)}</th>
                            <th scope="col">{tx(Key::FieldPhone)}</th>
                            <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || people.get() key=|p| p.key let:p>
                                <tr>
                                    {person_input(Key::Person, p.name)}
                                    {person_input(Key::Role, p.role)}
                                    {person_input(Key::FieldTitle, p.title)}
                                    {person_input(Key::FieldPhone, p.phone)}
                                    <td><button type="button" class="btn" on:click=move |_| people.update(|v| v.retain(|x| x.key != p.key))>{tx(Key::Delete)}</button></td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                    <small class="error" role="alert" hidden=move || err("decision_makers").with(Option::is_none)>{move || err("decision_makers").get().unwrap_or_default()}</small>
                    <button type="button" class="btn" on:click=move |_| {
                        let k = next_key.get_value();
                        next_key.set_value(k + 1);
                        people.update(|v| v.push(PersonRow { key: k, name: s(""), role: s(""), title: s(""), phone: s("") }));
                    }>{tx(Key::AddPerson)}</button>
                </fieldset>
                <TextField label=Key::Organisation value=organisation error=err("organisation") multiline=true/>
                <TextField label=Key::Needs value=needs error=err("needs") multiline=true/>
                <TextField label=Key::RelationshipHistory value=history error=err("history") multiline=true/>
                <TextField label=Key::ServicePlan value=plan error=err("service_plan") multiline=true/>
                <TextField label=Key::EveryDays value=every error=err("callback_every_days") input_type="number" hint=Key::EveryDaysHint/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">{tx(Key::Save)}</button>
                    <a class="btn" href="/key-accounts">{tx(Key::Back)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
