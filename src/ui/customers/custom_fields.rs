//! The user's own customer fields: declaring them (`/customers/fields`) and filling
//! them in on the customer form.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::custom_field::{CustomField, CustomFieldKind, CustomFields};
use crate::model::{Choice, Text};
use crate::ui::components::{next_id, ChoiceField, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::settings::{save_setting_checked, setting, setting_untracked};

/// The inputs of the declared custom fields, and the kept values of fields since
/// removed (read-only), for the customer form.
#[component]
pub fn CustomInputs(
    /// The fields declared.
    fields: Memo<CustomFields>,
    /// The texts by field name, two-way.
    values: RwSignal<BTreeMap<String, String>>,
    /// The form's messages by field.
    errors: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let app = use_app();
    let removed = move || {
        fields.with(|f| {
            values.with(|v| {
                v.iter().filter(|(k, _)| f.get(k).is_none()).map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>()
            })
        })
    };
    view! {
        <fieldset class="custom-fields">
            <legend>{tx(Key::CustomFields)}</legend>
            <div class="grid2">
                <For each=move || fields.get().fields key=|f| (f.name.clone(), f.kind, f.choices.clone()) let:field>
                    <CustomInput field=field values=values errors=errors/>
                </For>
            </div>
            {move || {
                let gone = removed();
                (!gone.is_empty()).then(|| view! {
                    <dl class="kept-values">
                        {gone.into_iter().map(|(k, v)| view! {
                            <div class="kv"><dt>{k}</dt><dd>{v} " " <small class="hint">{tx(Key::CustomFieldRemoved)}</small></dd></div>
                        }).collect_view()}
                    </dl>
                })
            }}
            <p><a href="/customers/fields">{move || app.t(Key::ManageCustomFields)}</a></p>
        </fieldset>
    }
}

/// One custom field's input: a select for a choice field (with a value no longer among
/// the choices kept as an option of its own), a date input for a date, text otherwise.
#[component]
fn CustomInput(
    field: CustomField,
    values: RwSignal<BTreeMap<String, String>>,
    errors: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let id = next_id("cf");
    let error_id = format!("{id}-error");
    let name = field.name.to_string();
    let key = format!("custom.{name}");
    let error = Memo::new(move |_| errors.with(|e| e.iter().find(|(f, _)| *f == key).map(|(_, m)| m.clone())));
    let value = {
        let name = name.clone();
        move || values.with(|v| v.get(&name).cloned().unwrap_or_default())
    };
    let set = {
        let name = name.clone();
        move |text: String| {
            values.update(|v| {
                v.insert(name.clone(), text);
            })
        }
    };
    let described = move || error.with(Option::is_some).then(|| error_id.clone());
    let control = match field.kind {
        CustomFieldKind::Choice => {
            let choices = field.choices.clone();
            let current = value.clone();
            view! {
                <select id=id.clone() aria-describedby=described.clone() aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=value.clone() on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || {
                        let now = current();
                        let stale = (!now.is_empty() && !choices.iter().any(|c| *c == now)).then(|| now.clone());
                        stale.into_iter().chain(choices.iter().map(|c| c.to_string())).map(|c| {
                            let selected = c == now;
                            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                        }).collect_view()
                    }}
                </select>
            }
            .into_any()
        }
        kind => {
            let input_type = if kind == CustomFieldKind::Date { "date" } else { "text" };
            let mode = (kind == CustomFieldKind::Number).then_some("decimal");
            view! {
                <input id=id.clone() type=input_type inputmode=mode aria-describedby=described.clone()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{name}</label>
            {control}
            <small id=format!("{id}-error") class="error" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </small>
        </div>
    }
}

/// `/customers/fields`: the book's custom fields: add one (name, kind, choices), change
/// a choice field's choices, remove one (the values customers hold stay on them).
#[component]
pub fn CustomFieldsPage() -> impl IntoView {
    let app = use_app();
    let fields = Memo::new(move |_| setting::<CustomFields>(&app));
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(CustomFieldKind::Text);
    let choices = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let split = |text: &str| -> Vec<Text> {
        text.split([',', '，', '、', ';', '；', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(Text::from)
            .collect()
    };
    // Saves `next`, or says what is wrong with it (a reserved or taken name…) and keeps
    // the input.
    let save = move |next: CustomFields| -> bool {
        let mut errors = Vec::new();
        next.check(&mut errors);
        match errors.first() {
            Some(e) => {
                let lang = app.lang.get_untracked();
                problem.set(Some(format!(
                    "{}: {}",
                    lang.t(Key::CustomFields),
                    crate::messages::problem(lang, &e.problem)
                )));
                false
            }
            None => {
                problem.set(None);
                save_setting_checked(app, next, app.t_now(Key::CustomFields))
            }
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = setting_untracked::<CustomFields>(&app);
        let k = kind.get_untracked();
        next.fields.push(CustomField {
            name: name.get_untracked().trim().into(),
            kind: k,
            choices: if k == CustomFieldKind::Choice { split(&choices.get_untracked()) } else { Vec::new() },
        });
        if save(next) {
            name.set(String::new());
            choices.set(String::new());
        }
    };
    let rows = move || fields.get().fields.into_iter().enumerate().collect::<Vec<_>>();
    // Names customers hold values of without a field declared (removed here, or
    // declared in another book merged into this one): each can be declared again.
    let undeclared = Memo::new(move |_| {
        let declared = fields.get();
        app.stores.customers.with(|t| {
            let mut names = std::collections::BTreeMap::<String, usize>::new();
            for c in t.live() {
                for name in c.custom.keys().filter(|n| declared.get(n).is_none()) {
                    *names.entry(name.clone()).or_default() += 1;
                }
            }
            names.into_iter().collect::<Vec<_>>()
        })
    });
    let declare = move |name: String| {
        let mut next = setting_untracked::<CustomFields>(&app);
        next.fields.push(CustomField { name: name.into(), kind: CustomFieldKind::Text, choices: Vec::new() });
        save(next);
    };
    let name_id = next_id("cfn");
    let choices_id = next_id("cfc");
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tx(Key::CustomFields)}</h1>
                <div class="actions"><a href="/customers" class="btn">{tx(Key::Back)}</a></div>
            </div>
            <p class="hint">{tx(Key::CustomFieldsHint)}</p>
            <table class="table">
                <thead><tr><th scope="col">{tx(Key::CustomFieldName)}</th><th scope="col">{tx(Key::FieldKind)}</th><th scope="col">{tx(Key::CustomFieldChoices)}</th><th scope="col"><span class="sr-only">{tx(Key::Actions)}</span></th></tr></thead>
                <tbody>
                    <For each=rows key=|(i, f)| (*i, f.name.clone(), f.choices.clone()) let:pair>
                        {
                            let (i, f) = pair;
                            let is_choice = f.kind == CustomFieldKind::Choice;
                            let joined = f.choices.join("，");
                            view! {
                                <tr>
                                    <td>{f.name.to_string()}</td>
                                    <td>{tx(f.kind.label())}</td>
                                    <td>
                                        {is_choice.then(|| view! {
                                            <Writes>
                                            <input type="text" aria-label=move || app.t(Key::CustomFieldChoices) prop:value=joined.clone()
                                                on:change=move |ev| {
                                                    let mut next = setting_untracked::<CustomFields>(&app);
                                                    if let Some(f) = next.fields.get_mut(i) {
                                                        f.choices = split(&event_target_value(&ev));
                                                    }
                                                    save(next);
                                                }/>
                                            </Writes>
                                        })}
                                    </td>
                                    <td>
                                        <Writes>
                                        <button type="button" class="btn btn-danger" on:click=move |_| {
                                            let mut next = setting_untracked::<CustomFields>(&app);
                                            if i < next.fields.len() {
                                                next.fields.remove(i);
                                            }
                                            save(next);
                                        }>{tx(Key::Delete)}</button>
                                        </Writes>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {move || {
                let names = undeclared.get();
                (!names.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="undeclared-h">
                        <h2 id="undeclared-h">{tx(Key::UndeclaredFields)}</h2>
                        <p class="hint">{tx(Key::UndeclaredFieldsHint)}</p>
                        <ul>
                            {names.into_iter().map(|(name, n)| {
                                let label = name.clone();
                                view! {
                                    <li>
                                        <strong>{name.clone()}</strong> " · " {n} " " {tx(Key::Customers)} " "
                                        <Writes><button type="button" class="btn" on:click=move |_| declare(label.clone())>{tx(Key::DeclareAgain)}</button></Writes>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            <form class="form card" on:submit=add novalidate>
                <Writes>
                <h2>{tx(Key::AddCustomField)}</h2>
                <div class="grid2">
                    <div class="field">
                        <label for=name_id.clone()>{tx(Key::CustomFieldName)}</label>
                        <input id=name_id type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <ChoiceField label=Key::FieldKind value=kind/>
                    <div class="field" hidden=move || kind.get() != CustomFieldKind::Choice>
                        <label for=choices_id.clone()>{tx(Key::CustomFieldChoices)}</label>
                        <input id=choices_id type="text" prop:value=move || choices.get() on:input=move |ev| choices.set(event_target_value(&ev))/>
                        <small class="hint">{tx(Key::FieldTagsHint)}</small>
                    </div>
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <div class="actions"><button type="submit" class="btn btn-primary">{tx(Key::AddCustomField)}</button></div>
                </Writes>
            </form>
        </section>
    }
}
