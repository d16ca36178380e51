//! 售后服务: after-sales tickets — a list with status filters and overdue ones marked,
//! and a page per ticket with its fields, parts and cost, and its status flow (who and
//! when at each step). Closing a ticket proposes its callback.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::rules::ticket_callback_days;
use super::{customer_name, query_param, ServiceTabs};
use crate::i18n::Key;
use crate::messages;
use crate::model::ticket::{FlowError, Part, Ticket, TicketFlow, TicketStatus, TicketType};
use crate::model::{new_id, Choice, FieldError, Problem, Record};
use crate::store::{IdSet, StoreError};
use crate::ui::components::table::record_cell;
use crate::ui::components::{
    computed_rows, error_for, Cell, ChoiceField, ChoiceFilter, Column, CustomerPicker, EmptyState, FormSave, NewLink,
    RecordConflict, RecordEdit, Rows, TextField, VirtualTable, Writes,
};
use crate::ui::context::{tx, txf, use_app, AppCtx};
use crate::ui::format::{fixed, local_datetime, today};

/// `/tickets`.
#[component]
pub fn TicketsPage() -> impl IntoView {
    let app = use_app();
    let tickets = app.stores.tickets;
    let status = RwSignal::new(None::<TicketStatus>);
    let only_overdue = RwSignal::new(false);
    let sort = RwSignal::new(("opened", false));
    let selection = RwSignal::new(IdSet::new());
    let day = today();
    let rows = computed_rows(move || {
        app.lang.track();
        let status = status.get();
        let only_overdue = only_overdue.get();
        let (key, asc) = sort.get();
        tickets.with(|t| {
            let mut hits: Vec<&Ticket> = t
                .live()
                .filter(|x| status.is_none_or(|s| s == x.flow.status()))
                .filter(|x| !only_overdue || x.overdue(day))
                .collect();
            match key {
                "due" => hits.sort_by_key(|x| x.due),
                _ => hits.sort_by_key(|x| x.flow.opened_at()),
            }
            if !asc {
                hits.reverse();
            }
            Arc::new(hits.into_iter().map(|x| x.id.clone()).collect::<Vec<_>>()) as Rows
        })
    });
    let counts = Memo::new(move |_| {
        tickets.with(|t| {
            let open = t.live().filter(|x| x.flow.status() != TicketStatus::Closed).count();
            let overdue = t.live().filter(|x| x.overdue(day)).count();
            (t.live().count(), open, overdue)
        })
    });
    let navigate = use_navigate();
    let on_open = Callback::new(move |id: String| navigate(&format!("/tickets/{id}"), Default::default()));
    let cell = |f: fn(&Ticket, &AppCtx, NaiveDate) -> Cell| record_cell(tickets, move |x| f(x, &app, day));
    let columns = vec![
        Column {
            key: "opened",
            header: Key::Opened,
            width: "9.5rem",
            sortable: true,
            cell: cell(|x, _, _| Cell::text(x.flow.opened_at().map(local_datetime).unwrap_or_default())),
        },
        Column {
            key: "title",
            header: Key::FieldTitleTicket,
            width: "minmax(8rem, 2fr)",
            sortable: false,
            cell: cell(|x, _, _| Cell::link(format!("/tickets/{}", x.id), x.title.clone())),
        },
        Column {
            key: "customer",
            header: Key::Customer,
            width: "minmax(6rem, 1fr)",
            sortable: false,
            cell: cell(|x, app, _| Cell::text(customer_name(app, &x.customer_id))),
        },
        Column {
            key: "type",
            header: Key::FieldTicketType,
            width: "5rem",
            sortable: false,
            cell: cell(|x, app, _| Cell::text(app.t_now(x.ticket_type.label()))),
        },
        Column {
            key: "status",
            header: Key::FieldStatus,
            width: "8rem",
            sortable: false,
            cell: cell(|x, app, _| {
                let s = x.flow.status();
                Cell::text(app.t_now(s.label())).class(format!("badge status-{}", s.value()))
            }),
        },
        Column {
            key: "due",
            header: Key::FieldDue,
            width: "8.5rem",
            sortable: true,
            cell: cell(|x, app, day| {
                let due = x.due.map(|d| d.to_string()).unwrap_or_default();
                if x.overdue(day) {
                    Cell::text(format!("{due} {}", app.t_now(Key::Overdue))).class("overdue")
                } else {
                    Cell::text(due)
                }
            }),
        },
        Column {
            key: "assignee",
            header: Key::FieldAssignee,
            width: "5.5rem",
            sortable: false,
            cell: cell(|x, _, _| Cell::text(x.assignee.clone())),
        },
    ];
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = Arc::new(move |id: &str| {
        let title = tickets.with_untracked(|t| t.get(id).map(|x| x.title.clone())).unwrap_or_default();
        format!("{} {title}", app.t_now(Key::SelectRow))
    });
    view! {
        <section class="page page-list">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavTickets)}</h1>
                <NewLink href="/tickets/new" label=Key::NewTicket/>
            </div>
            <p class="stats" aria-live="polite">
                <span>{tx(Key::Shown)} " " {move || rows.with(|r| r.len())} " " {tx(Key::Of)} " " {move || counts.get().0}</span>
                <span>{tx(Key::OpenTickets)} ": " {move || counts.get().1}</span>
                <span>{tx(Key::Overdue)} ": " {move || counts.get().2}</span>
            </p>
            <div class="toolbar" role="search" aria-label=txf(Key::Filters)>
                <ChoiceFilter label=Key::FieldStatus value=status/>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || only_overdue.get() on:change=move |ev| only_overdue.set(event_target_checked(&ev))/>
                    <span>{tx(Key::OnlyOverdue)}</span>
                </label>
            </div>
            {move || if counts.get().0 == 0 {
                view! { <EmptyState message=Key::NoTickets/> }.into_any()
            } else if rows.with(|r| r.is_empty()) {
                view! { <EmptyState message=Key::NoMatchingRecords/> }.into_any()
            } else {
                ().into_any()
            }}
            <div class="table-wrap" hidden=move || rows.with(|r| r.is_empty())>
                <VirtualTable label=Key::NavTickets columns=columns rows=rows sort=sort selection=selection on_open=on_open row_name=row_name/>
                <p class="hint">{tx(Key::ListKeyboardHint)}</p>
            </div>
        </section>
    }
}

/// `/tickets/new` (`?customer=…` presets it).
#[component]
pub fn TicketNew() -> impl IntoView {
    let now = Utc::now();
    let ticket = Ticket {
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        ticket_type: TicketType::Repair,
        title: String::new(),
        description: String::new(),
        assignee: String::new(),
        due: today().checked_add_days(chrono::Days::new(7)),
        parts: Vec::new(),
        cost: 0.0,
        flow: TicketFlow::open(now, ""),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <TicketForm ticket=ticket is_new=true/> }
}

/// `/tickets/:id`.
#[component]
pub fn TicketEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.tickets form=|x: Ticket| view! { <TicketForm ticket=x is_new=false/> }/> }
}

/// One editable part line.
#[derive(Clone, Copy)]
struct PartRow {
    key: u32,
    name: RwSignal<String>,
    quantity: RwSignal<String>,
    unit_price: RwSignal<String>,
}

impl PartRow {
    fn new(key: u32, p: &Part) -> Self {
        PartRow {
            key,
            name: RwSignal::new(p.name.clone()),
            quantity: RwSignal::new(p.quantity.to_string()),
            unit_price: RwSignal::new(fixed(p.unit_price, 2)),
        }
    }
}

/// Parses a money amount typed by a person ("12", "12.5", "１２").
fn parse_money(text: &str) -> Option<f64> {
    let t = crate::model::validate::ascii_digits(text.trim());
    if t.is_empty() {
        return Some(0.0);
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

#[component]
fn TicketForm(ticket: Ticket, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&ticket.customer_id);
    let ticket_type = RwSignal::new(ticket.ticket_type);
    let title = s(&ticket.title);
    let description = s(&ticket.description);
    let assignee = s(&ticket.assignee);
    let due = s(&ticket.due.map(|d| d.to_string()).unwrap_or_default());
    let cost = s(&fixed(ticket.cost, 2));
    let next_key = StoredValue::new(ticket.parts.len() as u32);
    let parts =
        RwSignal::new(ticket.parts.iter().enumerate().map(|(i, p)| PartRow::new(i as u32, p)).collect::<Vec<_>>());
    let trashed = ticket.deleted_at.is_some();
    let form = FormSave::new(ticket, is_new);
    let (base, saving) = (form.base, form.saving);
    let flow = RwSignal::new(base.with_value(|b| b.flow.clone()));
    // The callback the ticket should get, offered as a link while the stored ticket
    // waits for its callback (or is closed) and no callback follows it yet: read from
    // the book, so it is still offered after leaving the page and coming back.
    let ticket_id = base.with_value(|b| b.id.to_string());
    let propose_callback = Memo::new(move |_| {
        let saved = app.stores.tickets.with(|t| t.get(&ticket_id).map(|x| x.flow.status()));
        matches!(saved, Some(TicketStatus::WaitingCallback | TicketStatus::Closed))
            && !app.stores.callbacks.with(|t| t.live().any(|c| c.follows == ticket_id))
    });

    let build = move || -> (Ticket, Vec<FieldError>) {
        let mut x = base.get_value();
        let mut extra = Vec::new();
        x.customer_id = customer.get().into();
        x.ticket_type = ticket_type.get();
        x.title = title.get().trim().to_owned();
        x.description = description.get().trim().to_owned();
        x.assignee = assignee.get().trim().to_owned();
        let d = due.get();
        x.due = None;
        if !d.trim().is_empty() {
            match d.parse::<NaiveDate>() {
                Ok(v) => x.due = Some(v),
                Err(_) => extra.push(FieldError::new("due", Problem::Required)),
            }
        }
        match parse_money(&cost.get()) {
            Some(v) => x.cost = v,
            None => extra.push(FieldError::new("cost", Problem::OutOfRange { min: 0, max: 1_000_000_000 })),
        }
        x.parts = Vec::new();
        for (i, row) in parts.get().iter().enumerate() {
            let quantity = row.quantity.get().trim().parse::<u32>();
            let price = parse_money(&row.unit_price.get());
            if quantity.is_err() {
                extra.push(FieldError::new(
                    format!("parts[{i}].quantity"),
                    Problem::OutOfRange { min: 1, max: 100_000 },
                ));
            }
            if price.is_none() {
                extra.push(FieldError::new(
                    format!("parts[{i}].unit_price"),
                    Problem::OutOfRange { min: 0, max: 1_000_000_000 },
                ));
            }
            x.parts.push(Part {
                name: row.name.get().trim().to_owned(),
                quantity: quantity.unwrap_or(1),
                unit_price: price.unwrap_or(0.0),
            });
        }
        x.flow = flow.get();
        let mut errors = x.validate();
        errors.extend(extra);
        (x, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);

    // The page stays after a save, unless `then_leave` (a new ticket goes to its address).
    let save = move |x: Ticket, then_leave: bool| {
        let onward = move |x: &Ticket| then_leave.then(|| format!("/tickets/{}", x.id));
        form.save_or_else(app, app.stores.tickets, x, Vec::new(), onward, move |e| {
            // A step that was not saved: the history as stored. After a conflict the
            // user's history stays, to be saved over the stored version or left for it.
            if *e != StoreError::Conflict {
                flow.set(base.with_value(|b| b.flow.clone()));
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut x) = form.checked(app, build()) else { return };
        if is_new {
            // The ticket is opened by its assignee (or left unnamed) at the moment it is saved.
            let now = x.updated_at;
            x.flow = TicketFlow::open(now, x.assignee.clone());
            x.created_at = now;
        }
        save(x, is_new);
    };

    let advance = move |to: TicketStatus, by: String, note: String| {
        let Some(mut x) = form.checked(app, build()) else { return };
        let now = Utc::now();
        if let Err(e) = x.flow.advance(to, now, by, note) {
            let text = match e {
                FlowError::NotAllowed { .. } => messages::problem(app.lang.get_untracked(), &Problem::StepNotAllowed),
                FlowError::BeforePrevious => messages::problem(app.lang.get_untracked(), &Problem::BeforeStart),
            };
            app.error_text(text);
            return;
        }
        x.updated_at = now.max(x.created_at);
        flow.set(x.flow.clone());
        save(x, false);
    };

    let total = move || {
        let parts_sum: f64 = parts
            .get()
            .iter()
            .map(|r| {
                f64::from(r.quantity.get().trim().parse::<u32>().unwrap_or(0))
                    * parse_money(&r.unit_price.get()).unwrap_or(0.0)
            })
            .sum();
        fixed(parts_sum + parse_money(&cost.get()).unwrap_or(0.0), 2)
    };
    let callback_href = move || {
        let x = base.get_value();
        let due = today().checked_add_days(chrono::Days::new(ticket_callback_days(&app))).unwrap_or_else(today);
        format!("/callbacks/new?customer={}&follows={}&due={due}", x.customer_id, x.id)
    };
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{move || app.t(if is_new { Key::NewTicket } else { Key::EditTicket })}</h1>
            {trashed.then(|| view! { <p class="notice" role="status">{tx(Key::RecordInTrash)}</p> })}
            {move || propose_callback.get().then(|| view! {
                <p class="notice" role="status">
                    {tx(Key::ProposeCallback)} " "
                    <a class="btn btn-primary" href=callback_href>{tx(Key::ScheduleCallback)}</a>
                </p>
            })}
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <ChoiceField label=Key::FieldTicketType value=ticket_type/>
                    <TextField label=Key::FieldTitleTicket value=title error=err("title") required=true/>
                    <TextField label=Key::FieldAssignee value=assignee error=err("assignee")/>
                    <TextField label=Key::FieldDue value=due error=err("due") input_type="date"/>
                    <TextField label=Key::FieldOtherCost value=cost error=err("cost") input_type="text"/>
                </div>
                <TextField label=Key::FieldDescription value=description error=err("description") multiline=true/>
                <fieldset>
                    <legend>{tx(Key::Parts)}</legend>
                    <table class="simple parts">
                        <thead><tr>
                            <th scope="col">{tx(Key::PartName)}</th>
                            <th scope="col">{tx(Key::Quantity)}</th>
                            <th scope="col">{tx(Key::UnitPrice)}</th>
                            <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || parts.get() key=|r| r.key let:row>
                                <tr>
                                    <td><input type="text" aria-label=txf(Key::PartName) prop:value=move || row.name.get() on:input=move |ev| row.name.set(event_target_value(&ev))/></td>
                                    <td><input type="number" min="1" aria-label=txf(Key::Quantity) prop:value=move || row.quantity.get() on:input=move |ev| row.quantity.set(event_target_value(&ev))/></td>
                                    <td><input type="text" inputmode="decimal" aria-label=txf(Key::UnitPrice) prop:value=move || row.unit_price.get() on:input=move |ev| row.unit_price.set(event_target_value(&ev))/></td>
                                    <td><button type="button" class="btn" on:click=move |_| parts.update(|p| p.retain(|r| r.key != row.key))>{tx(Key::Delete)}</button></td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                    <small class="error" hidden=move || err("parts").with(Option::is_none)>{move || err("parts").get().unwrap_or_default()}</small>
                    <button type="button" class="btn" on:click=move |_| {
                        let k = next_key.get_value();
                        next_key.set_value(k + 1);
                        parts.update(|p| p.push(PartRow::new(k, &Part { name: String::new(), quantity: 1, unit_price: 0.0 })));
                    }>{tx(Key::AddPart)}</button>
                    <p><strong>{tx(Key::TotalCost)} ": ¥" {total}</strong></p>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get()>
                        {move || app.t(if saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/tickets" class="btn">{tx(Key::Back)}</a>
                </div>
                </Writes>
            </form>
            {(!is_new).then(|| view! { <FlowPanel flow=flow assignee=assignee saving=saving advance=Callback::new(move |(to, by, note)| advance(to, by, note))/> })}
        </section>
    }
}

/// The status history and the steps the flow allows from here.
#[component]
fn FlowPanel(
    flow: RwSignal<TicketFlow>,
    assignee: RwSignal<String>,
    saving: RwSignal<bool>,
    advance: Callback<(TicketStatus, String, String)>,
) -> impl IntoView {
    let app = use_app();
    let by = RwSignal::new(assignee.get_untracked());
    let note = RwSignal::new(String::new());
    view! {
        <section class="card" aria-labelledby="flow-h">
            <h2 id="flow-h">{tx(Key::StatusFlow)} ": " {move || app.t(flow.get().status().label())}</h2>
            <ol class="flow">
                {move || flow.get().steps().to_vec().into_iter().map(|s| view! {
                    <li>
                        <span class=format!("badge status-{}", s.status.value())>{move || app.t(s.status.label())}</span>
                        " " <time>{local_datetime(s.at)}</time> " " {s.by.clone()} " " <span class="hint">{s.note.clone()}</span>
                    </li>
                }).collect_view()}
            </ol>
            <Writes>
            <div class="grid2">
                <TextField label=Key::StepBy value=by/>
                <TextField label=Key::StepNote value=note/>
            </div>
            <div class="actions">
                {move || {
                    let now = flow.get().status();
                    TicketStatus::ALL.iter().copied().filter(|s| now.can_go_to(*s)).map(|s| {
                        let label = match (now, s) {
                            (TicketStatus::Closed, TicketStatus::InProgress) => Key::Reopen,
                            (_, TicketStatus::InProgress) => Key::StartWork,
                            (_, TicketStatus::WaitingCallback) => Key::ToWaitingCallback,
                            _ => Key::CloseTicket,
                        };
                        view! {
                            <button type="button" class="btn" disabled=move || saving.get() on:click=move |_| {
                                advance.run((s, by.get_untracked().trim().to_owned(), note.get_untracked().trim().to_owned()));
                                note.set(String::new());
                            }>{move || app.t(label)}</button>
                        }
                    }).collect_view()
                }}
            </div>
            </Writes>
        </section>
    }
}
