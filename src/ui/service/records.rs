//! 服务记录: receptions, inbound and outbound calls, visits. A list with filters by
//! kind, date range, staff and category, and one form for every kind (fields the kind
//! does not use are hidden), which can schedule the record's callback.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::rules::callback_days;
use super::{customer_name, distinct, query_param, ScriptInsert, ServiceTabs};
use crate::i18n::Key;
use crate::model::service::{due_after, Callback as CallbackRecord, ServiceKind, ServiceRecord};
use crate::model::{new_id, Choice, FieldError, Record};
use crate::store::IdSet;
use crate::ui::components::table::record_cell;
use crate::ui::components::{
    computed_rows, error_for, Cell, ChoiceField, ChoiceFilter, Column, CustomerPicker, EmptyState, FilterSelect,
    FormSave, NewLink, RecordEdit, Rows, TextField, VirtualTable, Writes,
};
use crate::ui::context::{tx, txf, use_app};
use crate::ui::format::{datetime_input, local_datetime, parse_datetime_input, today};
use crate::ui::kept::kept;

/// Category suggestions for service records.
pub const CATEGORIES: [&str; 7] = ["咨询", "报修", "投诉", "订购", "退换", "物流", "其他"];

/// `/service`: every service record, newest first, with filters.
#[component]
pub fn ServiceRecordsPage() -> impl IntoView {
    let app = use_app();
    let records = app.stores.service_records;
    let kind = RwSignal::new(None::<ServiceKind>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let staff = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let sort = RwSignal::new(("at", false));
    let selection = RwSignal::new(IdSet::new());

    let staff_options = kept(|app| app.stores.service_records.with(|t| distinct(t.live().map(|r| r.staff.as_str()))));
    let category_options =
        kept(|app| app.stores.service_records.with(|t| distinct(t.live().map(|r| r.category.as_str()))));
    let rows = computed_rows(move || {
        app.lang.track();
        let kind = kind.get();
        let from = from.get().parse::<NaiveDate>().ok();
        let to = to.get().parse::<NaiveDate>().ok();
        let (staff, category) = (staff.get(), category.get());
        let (key, asc) = sort.get();
        // The list as it opens, newest first and unfiltered, is kept across visits.
        if kind.is_none()
            && from.is_none()
            && to.is_none()
            && staff.is_empty()
            && category.is_empty()
            && (key, asc) == ("at", false)
        {
            return kept(|app| {
                app.stores.service_records.with(|t| {
                    let mut hits: Vec<&ServiceRecord> = t.live().collect();
                    hits.sort_by_key(|r| r.at);
                    hits.reverse();
                    Arc::new(hits.into_iter().map(|r| r.id.clone()).collect::<Vec<_>>()) as Rows
                })
            })
            .get();
        }
        records.with(|t| {
            let mut hits: Vec<&ServiceRecord> = t
                .live()
                .filter(|r| kind.is_none_or(|k| r.kind == k))
                .filter(|r| {
                    // The local day asks the browser for the zone's offset: only when a
                    // date is given.
                    (from.is_none() && to.is_none()) || {
                        let day = r.at.with_timezone(&chrono::Local).date_naive();
                        from.is_none_or(|f| day >= f) && to.is_none_or(|x| day <= x)
                    }
                })
                .filter(|r| staff.is_empty() || r.staff == staff)
                .filter(|r| category.is_empty() || r.category == category)
                .collect();
            match key {
                "staff" => hits.sort_by(|a, b| a.staff.cmp(&b.staff).then(b.at.cmp(&a.at))),
                "kind" => hits.sort_by_key(|r| r.kind.value()),
                _ => hits.sort_by_key(|r| r.at),
            }
            if !asc {
                hits.reverse();
            }
            Arc::new(hits.into_iter().map(|r| r.id.clone()).collect::<Vec<_>>()) as Rows
        })
    });
    let total = Memo::new(move |_| records.with(|t| t.live().count()));

    let navigate = use_navigate();
    let on_open = Callback::new(move |id: String| navigate(&format!("/service/{id}"), Default::default()));
    let cell = |f: fn(&ServiceRecord, &crate::ui::context::AppCtx) -> Cell| record_cell(records, move |r| f(r, &app));
    let columns = vec![
        Column {
            key: "at",
            header: Key::FieldAt,
            width: "9.5rem",
            sortable: true,
            cell: cell(|r, _| Cell::link(format!("/service/{}", r.id), local_datetime(r.at))),
        },
        Column {
            key: "kind",
            header: Key::FieldServiceKind,
            width: "6.5rem",
            sortable: true,
            cell: cell(|r, app| Cell::text(app.t_now(r.kind.label()))),
        },
        Column {
            key: "customer",
            header: Key::Customer,
            width: "minmax(6rem, 1.2fr)",
            sortable: false,
            cell: cell(|r, app| Cell::text(customer_name(app, &r.customer_id))),
        },
        Column {
            key: "topic",
            header: Key::FieldTopic,
            width: "minmax(8rem, 2fr)",
            sortable: false,
            cell: cell(|r, _| Cell::text(r.topic.clone())),
        },
        Column {
            key: "category",
            header: Key::FieldCategory,
            width: "5rem",
            sortable: false,
            cell: cell(|r, _| Cell::text(r.category.clone())),
        },
        Column {
            key: "staff",
            header: Key::FieldStaff,
            width: "5.5rem",
            sortable: true,
            cell: cell(|r, _| Cell::text(r.staff.clone())),
        },
        Column {
            key: "result",
            header: Key::FieldResult,
            width: "minmax(6rem, 1.5fr)",
            sortable: false,
            cell: cell(|r, _| Cell::text(r.result.clone())),
        },
    ];
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = Arc::new(move |id: &str| {
        let text = records
            .with_untracked(|t| t.get(id).map(|r| format!("{} {}", local_datetime(r.at), r.topic)))
            .unwrap_or_default();
        format!("{} {text}", app.t_now(Key::SelectRow))
    });
    view! {
        <section class="page page-list">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavServiceRecords)}</h1>
                <NewLink href="/service/new" label=Key::NewServiceRecord/>
            </div>
            <p class="stats" aria-live="polite">
                {tx(Key::Shown)} " " {move || rows.with(|r| r.len())} " " {tx(Key::Of)} " " {move || total.get()}
            </p>
            <div class="toolbar" role="search" aria-label=txf(Key::Filters)>
                <ChoiceFilter label=Key::FieldServiceKind value=kind/>
                <label class="inline">
                    <span>{tx(Key::From)}</span>
                    <input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label class="inline">
                    <span>{tx(Key::To)}</span>
                    <input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                </label>
                <FilterSelect label=Key::FieldStaff value=staff options=staff_options/>
                <FilterSelect label=Key::FieldCategory value=category options=category_options/>
            </div>
            {move || if total.get() == 0 {
                view! { <EmptyState message=Key::NoServiceRecords/> }.into_any()
            } else if rows.with(|r| r.is_empty()) {
                view! { <EmptyState message=Key::NoMatchingRecords/> }.into_any()
            } else {
                ().into_any()
            }}
            <div class="table-wrap" hidden=move || rows.with(|r| r.is_empty())>
                <VirtualTable
                    label=Key::NavServiceRecords
                    columns=columns
                    rows=rows
                    sort=sort
                    selection=selection
                    on_open=on_open
                    row_name=row_name
                />
                <p class="hint">{tx(Key::ListKeyboardHint)}</p>
            </div>
        </section>
    }
}

/// `/service/new` (`?customer=…&kind=…` preset them).
#[component]
pub fn ServiceRecordNew() -> impl IntoView {
    let now = Utc::now();
    let record = ServiceRecord {
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        kind: ServiceKind::from_value(&query_param("kind")).unwrap_or(ServiceKind::InboundCall),
        at: now,
        staff: Default::default(),
        contact: Default::default(),
        topic: Default::default(),
        category: Default::default(),
        guided_to: Default::default(),
        result: Default::default(),
        duration_min: None,
        notes: Default::default(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <ServiceRecordForm record=record is_new=true/> }
}

/// `/service/:id`.
#[component]
pub fn ServiceRecordEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.service_records form=|r: ServiceRecord| view! { <ServiceRecordForm record=r is_new=false/> }/> }
}

#[component]
fn ServiceRecordForm(record: ServiceRecord, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&record.customer_id);
    let kind = RwSignal::new(record.kind);
    let at = s(&datetime_input(record.at));
    let staff = s(&record.staff);
    let contact = s(&record.contact);
    let topic = s(&record.topic);
    let category = s(&record.category);
    let guided_to = s(&record.guided_to);
    let result = s(&record.result);
    let duration = s(&record.duration_min.map(|d| d.to_string()).unwrap_or_default());
    let notes = s(&record.notes);
    let want_callback = RwSignal::new(is_new);
    let callback_due = RwSignal::new(String::new());
    let trashed = record.deleted_at.is_some();
    let form = FormSave::new(record, is_new);
    let base = form.base;

    // The callback's due day follows the record's day and kind (the "N days after"
    // rule); the user can still change it.
    Effect::new(move |_| {
        let day = parse_datetime_input(&at.get()).map(|t| t.with_timezone(&chrono::Local).date_naive());
        let k = kind.get();
        if let Some(day) = day {
            let due = day.checked_add_days(chrono::Days::new(callback_days(&app, k))).unwrap_or(day);
            callback_due.set(due.to_string());
        }
    });

    let build = move || -> (ServiceRecord, Vec<FieldError>) {
        let mut r = base.get_value();
        let mut extra = Vec::new();
        r.customer_id = customer.get().into();
        r.kind = kind.get();
        match parse_datetime_input(&at.get()) {
            Some(t) => r.at = t,
            None => extra.push(FieldError::new("at", crate::model::Problem::Required)),
        }
        let trim = |s: RwSignal<String>| s.get().trim().to_owned();
        r.staff = trim(staff).into();
        r.contact = trim(contact).into();
        r.topic = trim(topic).into();
        r.category = trim(category).into();
        r.guided_to = if r.kind == ServiceKind::Reception { trim(guided_to).into() } else { Default::default() };
        r.result = trim(result).into();
        r.notes = trim(notes).into();
        let d = duration.get();
        r.duration_min = None;
        if r.kind.is_call() && !d.trim().is_empty() {
            match d.trim().parse::<u32>() {
                Ok(v) => r.duration_min = Some(v),
                Err(_) => extra.push(FieldError::new(
                    "duration_min",
                    crate::model::Problem::OutOfRange {
                        min: 0,
                        max: i64::from(crate::model::service::MAX_CALL_MINUTES),
                    },
                )),
            }
        }
        if want_callback.get() {
            match callback_due.get().parse::<NaiveDate>() {
                Ok(due) => {
                    if let Err(p) = due_after(r.at, due) {
                        extra.push(FieldError::new("callback_due", p));
                    }
                }
                Err(_) => extra.push(FieldError::new("callback_due", crate::model::Problem::Required)),
            }
        }
        let mut errors = r.validate();
        errors.extend(extra);
        (r, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = form.checked(app, build()) else { return };
        let now = Utc::now();
        let callback = want_callback.get_untracked().then(|| CallbackRecord {
            sample: false,
            id: new_id(),
            customer_id: r.customer_id.clone(),
            follows: r.id.clone(),
            due: callback_due.get_untracked().parse().unwrap_or_else(|_| today()),
            staff: r.staff.clone(),
            done_on: None,
            outcome: Default::default(),
            score: None,
            note: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
        // The record and its callback in one transaction: both are saved or neither is.
        let along = callback.map(|cb| vec![app.stores.callbacks.put_along(vec![cb])]).unwrap_or_default();
        form.save(app, app.stores.service_records, r, along, |saved| Some(format!("/customers/{}", saved.customer_id)));
    };
    let trash = move |_| {
        let id = base.with_value(|b| b.id.clone());
        leptos::task::spawn_local(async move {
            match app.stores.service_records.trash(std::slice::from_ref(&id)).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };

    let is_call = move || kind.get().is_call();
    let is_reception = move || kind.get() == ServiceKind::Reception;
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{move || app.t(if is_new { Key::NewServiceRecord } else { Key::EditServiceRecord })}</h1>
            {trashed.then(|| view! { <p class="notice" role="status">{tx(Key::RecordInTrash)}</p> })}
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <ChoiceField label=Key::FieldServiceKind value=kind/>
                    <TextField label=Key::FieldAt value=at error=err("at") input_type="datetime-local" required=true/>
                    <TextField label=Key::FieldStaff value=staff error=err("staff")/>
                    <TextField label=Key::FieldContact value=contact error=err("contact") hint=Key::ContactHint/>
                    <TextField label=Key::FieldTopic value=topic error=err("topic")/>
                    <TextField label=Key::FieldCategory value=category error=err("category") suggestions=&CATEGORIES/>
                    <div hidden=move || !is_reception()>
                        <TextField label=Key::FieldGuidedTo value=guided_to error=err("guided_to")/>
                    </div>
                    <div hidden=move || !is_call()>
                        <TextField label=Key::FieldDuration value=duration error=err("duration_min") input_type="number"/>
                    </div>
                </div>
                <TextField label=Key::FieldResult value=result error=err("result") multiline=true/>
                <TextField label=Key::FieldNotes value=notes error=err("notes") multiline=true/>
                <div class="toolbar"><ScriptInsert target=notes/></div>
                <fieldset>
                    <legend>{tx(Key::NavCallbacks)}</legend>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || want_callback.get() on:change=move |ev| want_callback.set(event_target_checked(&ev))/>
                        <span>{tx(Key::ScheduleCallback)}</span>
                    </label>
                    <div hidden=move || !want_callback.get()>
                        <TextField label=Key::FieldDue value=callback_due error=err("callback_due") input_type="date" hint=Key::DueRuleHint/>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || form.saving.get()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/service" class="btn">{tx(Key::Cancel)}</a>
                    {(!is_new && !trashed).then(|| view! {
                        <button type="button" class="btn btn-danger" on:click=trash>{tx(Key::MoveToTrash)}</button>
                    })}
                </div>
                </Writes>
            </form>
        </section>
    }
}
