//! Registering a complaint (customer, channel, category, severity, description, what
//! the customer asks for) and handling it: the six steps in order with time, handler
//! and note; escalation; root cause, compensation and the customer's satisfaction.

use chrono::Utc;
use leptos::prelude::*;

use super::{deadline_hours, ComplaintTabs};
use crate::i18n::Key;
use crate::model::complaint::{Complaint, ComplaintCategory, ComplaintStep, Severity, StepError, StepRecord};
use crate::model::{new_id, Choice, Problem, Record};
use crate::store::StoreError;
use crate::ui::components::{
    error_for, ChoiceField, CustomerPicker, FormSave, RecordConflict, RecordEdit, TextField, Writes,
};
use crate::ui::context::{tx, use_app};
use crate::ui::format::local_datetime;
use crate::ui::service::query_param;

/// `/complaints/new` (`?customer=…&origin=…&description=…` fill it in).
#[component]
pub fn ComplaintNew() -> impl IntoView {
    let app = use_app();
    let now = Utc::now();
    let c = Complaint {
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        channel: String::new(),
        category: ComplaintCategory::ServiceAttitude,
        severity: Severity::Normal,
        description: query_param("description"),
        request: String::new(),
        received_at: now,
        deadline_hours: deadline_hours(&app, Severity::Normal),
        steps: Vec::new(),
        escalated_to: String::new(),
        root_cause: String::new(),
        compensation: String::new(),
        satisfaction: None,
        origin: query_param("origin"),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <ComplaintForm complaint=c is_new=true/> }
}

/// `/complaints/:id`.
#[component]
pub fn ComplaintEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.complaints form=|c: Complaint| view! { <ComplaintForm complaint=c is_new=false/> }/> }
}

#[component]
fn ComplaintForm(complaint: Complaint, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&complaint.customer_id);
    let channel = s(&complaint.channel);
    let category = RwSignal::new(complaint.category);
    let severity = RwSignal::new(complaint.severity);
    let description = s(&complaint.description);
    let request = s(&complaint.request);
    let escalated = s(&complaint.escalated_to);
    let root_cause = s(&complaint.root_cause);
    let compensation = s(&complaint.compensation);
    let satisfaction = s(&complaint.satisfaction.map(|v| v.to_string()).unwrap_or_default());
    let steps = RwSignal::new(complaint.steps.clone());
    let step_by = RwSignal::new(String::new());
    let step_note = RwSignal::new(String::new());
    let form = FormSave::new(complaint, is_new);
    let (base, saved, saving) = (form.base, form.stored, form.saving);
    let now = Utc::now();

    let build = move || {
        let mut c = base.get_value();
        c.customer_id = customer.get().into();
        c.channel = channel.get().trim().to_owned();
        c.category = category.get();
        let sev = severity.get();
        // A new complaint takes its severity's deadline; a registered one keeps its own.
        if !saved.get() {
            c.deadline_hours = deadline_hours(&app, sev);
        }
        c.severity = sev;
        c.description = description.get().trim().to_owned();
        c.request = request.get().trim().to_owned();
        c.escalated_to = escalated.get().trim().to_owned();
        c.root_cause = root_cause.get().trim().to_owned();
        c.compensation = compensation.get().trim().to_owned();
        c.satisfaction = satisfaction.get().parse().ok();
        c.steps = steps.get();
        c
    };
    let errors = form.errors(move || build().validate());
    let err = move |f: &'static str| error_for(errors, f);
    // A complaint, checked, its steps shown and saved (whether it passed the check); the
    // page goes on to its address only once it is registered.
    let save = move |c: Complaint| {
        let problems = c.validate();
        let Some(c) = form.checked(app, (c, problems)) else { return false };
        steps.set(c.steps.clone());
        let first = !saved.get_untracked();
        let onward = move |c: &Complaint| first.then(|| format!("/complaints/{}", c.id));
        form.save_or_else(app, app.stores.complaints, c, Vec::new(), onward, move |e| {
            // A step that was not saved is not shown; after a conflict the user's steps
            // stay, to be saved over the stored version or left for it.
            if *e != StoreError::Conflict {
                steps.set(base.with_value(|b| b.steps.clone()));
            }
        });
        true
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut c = build();
        if c.steps.is_empty() {
            // Registering it is the first step, 受理.
            let at = Utc::now();
            c.received_at = at;
            c.steps.push(StepRecord {
                step: ComplaintStep::Accepted,
                at,
                by: step_by.get_untracked().trim().to_owned(),
                note: String::new(),
            });
        }
        save(c);
    };
    let next_step = move || steps.with(|s| s.last().map(|x| x.step).and_then(ComplaintStep::next));
    let advance = move |_| {
        let Some(step) = next_step() else { return };
        let mut c = build();
        if let Err(e) = c.take_step(step, Utc::now(), step_by.get_untracked().trim(), step_note.get_untracked().trim())
        {
            let p = match e {
                StepError::OutOfOrder => Problem::StepNotAllowed,
                StepError::BeforePrevious => Problem::BeforeStart,
            };
            app.problem(None, &p);
            return;
        }
        if save(c) {
            step_note.set(String::new());
        }
    };
    let deadline = move || {
        let c = base.get_value();
        if saved.get() {
            local_datetime(c.deadline())
        } else {
            format!("{} h", deadline_hours(&app, severity.get()))
        }
    };
    let overdue = move || saved.get() && steps.with(|_| build().overdue(now));
    let sat_id = crate::ui::components::next_id("sat");
    let sat_for = sat_id.clone();
    view! {
        <section class="page">
            <ComplaintTabs/>
            <h1>{move || app.t(if saved.get() { Key::Complaint } else { Key::NewComplaint })}</h1>
            <p class="stats">
                <span>{tx(Key::Deadline)} ": " <strong>{deadline}</strong></span>
                {move || overdue().then(|| view! { <strong class="overdue badge" role="status">{tx(Key::Overdue)}</strong> })}
            </p>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <TextField label=Key::Channel value=channel error=err("channel") suggestions=&["电话", "门店", "网店", "微信", "邮件", "信函"]/>
                    <ChoiceField label=Key::ComplaintCategory value=category/>
                    <ChoiceField label=Key::Severity value=severity/>
                </div>
                <TextField label=Key::FieldDescription value=description error=err("description") multiline=true required=true/>
                <TextField label=Key::CustomerRequest value=request error=err("request") multiline=true/>
                <div class="grid2">
                    <TextField label=Key::EscalatedTo value=escalated error=err("escalated_to") hint=Key::EscalateHint/>
                    <div class="field">
                        <label for=sat_for>{tx(Key::ResolutionSatisfaction)}</label>
                        <select id=sat_id prop:value=move || satisfaction.get() on:change=move |ev| satisfaction.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {["1", "2", "3", "4", "5"].into_iter().map(|v| view! { <option value=v selected=move || satisfaction.get() == v>{v}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <TextField label=Key::RootCause value=root_cause error=err("root_cause") multiline=true/>
                <TextField label=Key::Compensation value=compensation error=err("compensation")/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{move || app.t(if saved.get() { Key::Save } else { Key::RegisterComplaint })}</button>
                    <a href="/complaints" class="btn">{tx(Key::Back)}</a>
                </div>
                </Writes>
            </form>
            <section class="card" aria-labelledby="steps-h">
                <h2 id="steps-h">{tx(Key::ComplaintFlow)}</h2>
                <ol class="flow">
                    {move || steps.get().into_iter().map(|s| view! {
                        <li><span class="badge">{tx(s.step.label())}</span> " " <time>{local_datetime(s.at)}</time> " " {s.by.clone()} " " <span class="hint">{s.note.clone()}</span></li>
                    }).collect_view()}
                </ol>
                <Writes>
                <div class="grid2">
                    <TextField label=Key::StepBy value=step_by/>
                    <TextField label=Key::StepNote value=step_note/>
                </div>
                </Writes>
                {move || match (saved.get(), next_step()) {
                    (true, Some(step)) => view! {
                        <Writes><button type="button" class="btn btn-primary" disabled=move || saving.get() on:click=advance>{tx(Key::NextStepIs)} ": " {tx(step.label())}</button></Writes>
                    }.into_any(),
                    (true, None) => view! { <p class="hint">{tx(Key::ComplaintArchived)}</p> }.into_any(),
                    (false, _) => view! { <p class="hint">{tx(Key::RegisterFirst)}</p> }.into_any(),
                }}
            </section>
        </section>
    }
}
