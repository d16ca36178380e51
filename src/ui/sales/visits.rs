//! 客户拜访和接近: visits planned with their preparation checklist and materials, logged
//! with result and next step, and shown as an agenda by week.

use chrono::{Datelike, Local, NaiveDate, Utc};
use leptos::prelude::*;

use super::SalesTabs;
use crate::i18n::{Key, Lang};
use crate::model::visit::{PrepItem, Visit, VisitStatus, DEFAULT_PREP};
use crate::model::{new_id, Choice, FieldError, Problem, Record};
use crate::ui::components::{
    error_for, ChoiceField, CustomerPicker, EmptyState, FormSave, NewLink, RecordEdit, ShowMore, Shown, TextField,
    Writes,
};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{datetime_input, local_datetime, parse_datetime_input, today};
use crate::ui::kept::kept;
use crate::ui::service::{customer_name, query_param};

/// The Monday of `day`'s week.
fn week_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Weeks drawn at first (this week and those ahead; past weeks once opened), and added
/// by each "show more".
const WEEKS_PER_PAGE: usize = 20;

/// `/visits`: the agenda by week, this week first.
#[component]
pub fn VisitsPage() -> impl IntoView {
    let app = use_app();
    let this_week = week_of(today());
    // Kept across visits of the page (see `crate::ui::kept`).
    let weeks = kept(|app| {
        let this_week = week_of(today());
        app.stores.visits.with(|t| {
            let mut v: Vec<Visit> = t.live().cloned().collect();
            v.sort_by_key(|x| x.at);
            let mut ahead: Vec<(NaiveDate, Vec<Visit>)> = Vec::new();
            let mut past: Vec<(NaiveDate, Vec<Visit>)> = Vec::new();
            for x in v {
                let w = week_of(x.at.with_timezone(&Local).date_naive());
                let list = if w >= this_week { &mut ahead } else { &mut past };
                match list.last_mut() {
                    Some((lw, items)) if *lw == w => items.push(x),
                    _ => list.push((w, vec![x])),
                }
            }
            past.reverse();
            (ahead, past)
        })
    });
    let ahead_shown = Shown::new(WEEKS_PER_PAGE);
    let past_open = RwSignal::new(false);
    let past_shown = Shown::new(WEEKS_PER_PAGE);
    let week_view = move |(w, items): (NaiveDate, Vec<Visit>)| {
        let end = w + chrono::Duration::days(6);
        let label = if w == this_week { app.t_now(Key::ThisWeek).to_owned() } else { String::new() };
        view! {
            <section class="card" aria-label=format!("{w} – {end}")>
                <h2>{format!("{w} – {end}")} " " <span class="hint">{label}</span></h2>
                <ul class="agenda-list">
                    {items.into_iter().map(|v| {
                        let prepared = v.prep.iter().filter(|p| p.done).count();
                        view! {
                            <li>
                                <span class="agenda-date">{local_datetime(v.at)}</span>
                                <a href=format!("/visits/{}", v.id)>{v.purpose.clone()}</a>
                                <a href=format!("/customers/{}", v.customer_id)>{customer_name(&app, &v.customer_id)}</a>
                                <span class="badge">{tx(v.status.label())}</span>
                                <span class="hint">{tx(Key::Prepared)} " " {prepared} "/" {v.prep.len()}</span>
                                <span class="hint">{v.result.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    };
    view! {
        <section class="page">
            <SalesTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavVisits)}</h1>
                <NewLink href="/visits/new" label=Key::NewVisit/>
            </div>
            {move || {
                let (ahead, past) = weeks.get();
                if ahead.is_empty() && past.is_empty() {
                    return view! { <EmptyState message=Key::NoVisits/> }.into_any();
                }
                let weeks_ahead = ahead.len();
                let ahead = StoredValue::new(ahead);
                view! {
                    // Its own redraw: showing more leaves the past weeks and the button be.
                    {move || ahead.with_value(|a| a.iter().take(ahead_shown.get()).cloned().map(week_view).collect_view())}
                    <ShowMore shown=ahead_shown total=weeks_ahead/>
                    {(!past.is_empty()).then(|| {
                        let weeks = past.len();
                        let past = StoredValue::new(past);
                        view! {
                            // Drawn once opened, a page of weeks at a time: years of
                            // visits would otherwise be drawn on every opening.
                            <details class="card" prop:open=move || past_open.get_untracked() on:toggle=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                    past_open.set(d.has_attribute("open"));
                                }
                            }>
                                <summary>{tx(Key::PastWeeks)}</summary>
                                {move || past_open.get().then(|| {
                                    past.with_value(|p| p.iter().take(past_shown.get()).cloned().map(week_view).collect_view())
                                })}
                                <ShowMore shown=past_shown total=Signal::derive(move || if past_open.get() { weeks } else { 0 })/>
                            </details>
                        }
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// `/visits/new` (`?customer=…` presets it).
#[component]
pub fn VisitNew() -> impl IntoView {
    let app = use_app();
    let now = Utc::now();
    let zh = app.lang.get_untracked() == Lang::Zh;
    let v = Visit {
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        purpose: String::new(),
        at: now + chrono::Duration::days(1),
        prep: DEFAULT_PREP
            .iter()
            .map(|(z, e)| PrepItem { text: (if zh { *z } else { *e }).to_owned(), done: false })
            .collect(),
        materials: String::new(),
        status: VisitStatus::Planned,
        result: String::new(),
        next_step: String::new(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <VisitForm visit=v is_new=true/> }
}

/// `/visits/:id`.
#[component]
pub fn VisitEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.visits form=|v: Visit| view! { <VisitForm visit=v is_new=false/> }/> }
}

#[component]
fn VisitForm(visit: Visit, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&visit.customer_id);
    let purpose = s(&visit.purpose);
    let at = s(&datetime_input(visit.at));
    let materials = s(&visit.materials);
    let status = RwSignal::new(visit.status);
    let result = s(&visit.result);
    let next_step = s(&visit.next_step);
    let prep = RwSignal::new(
        visit.prep.iter().map(|p| (RwSignal::new(p.text.clone()), RwSignal::new(p.done))).collect::<Vec<_>>(),
    );
    let new_item = RwSignal::new(String::new());
    let form = FormSave::new(visit, is_new);
    let base = form.base;
    let build = move || -> (Visit, Vec<FieldError>) {
        let mut v = base.get_value();
        let mut extra = Vec::new();
        v.customer_id = customer.get().into();
        v.purpose = purpose.get().trim().to_owned();
        match parse_datetime_input(&at.get()) {
            Some(t) => v.at = t,
            None => extra.push(FieldError::new("at", Problem::Required)),
        }
        v.materials = materials.get().trim().to_owned();
        v.status = status.get();
        v.result = result.get().trim().to_owned();
        v.next_step = next_step.get().trim().to_owned();
        v.prep = prep.get().iter().map(|(t, d)| PrepItem { text: t.get().trim().to_owned(), done: d.get() }).collect();
        let mut errors = v.validate();
        errors.extend(extra);
        (v, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(v) = form.checked(app, build()) {
            form.save(app, app.stores.visits, v, Vec::new(), |_| Some("/visits".into()));
        }
    };
    view! {
        <section class="page">
            <SalesTabs/>
            <h1>{move || app.t(if is_new { Key::NewVisit } else { Key::EditVisit })}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <TextField label=Key::VisitPurpose value=purpose error=err("purpose") required=true/>
                    <TextField label=Key::FieldAt value=at error=err("at") input_type="datetime-local" required=true/>
                    <ChoiceField label=Key::FieldStatus value=status/>
                </div>
                <fieldset>
                    <legend>{tx(Key::Preparation)}</legend>
                    {move || prep.get().into_iter().enumerate().map(|(i, (text, done))| view! {
                        <div class="actions">
                            <label class="inline">
                                <input type="checkbox" prop:checked=move || done.get() on:change=move |ev| done.set(event_target_checked(&ev))/>
                                <span>{move || text.get()}</span>
                            </label>
                            <button type="button" class="btn btn-small" aria-label=move || format!("{} {}", app.t(Key::Delete), text.get()) on:click=move |_| prep.update(|p| { p.remove(i); })>"×"</button>
                        </div>
                    }).collect_view()}
                    <div class="actions">
                        <label class="inline"><span>{tx(Key::NewPrepItem)}</span><input type="text" prop:value=move || new_item.get() on:input=move |ev| new_item.set(event_target_value(&ev))/></label>
                        <button type="button" class="btn" on:click=move |_| {
                            let t = new_item.get_untracked().trim().to_owned();
                            if !t.is_empty() {
                                prep.update(|p| p.push((RwSignal::new(t), RwSignal::new(false))));
                                new_item.set(String::new());
                            }
                        }>{tx(Key::AddPrepItem)}</button>
                    </div>
                </fieldset>
                <TextField label=Key::Materials value=materials error=err("materials") multiline=true/>
                <TextField label=Key::FieldResult value=result error=err("result") multiline=true hint=Key::VisitResultHint/>
                <TextField label=Key::NextStep value=next_step error=err("next_step")/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || form.saving.get()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/visits" class="btn">{tx(Key::Cancel)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
