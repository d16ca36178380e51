//! 交易记录: orders — a list with period and channel filters, a form with lines, and
//! import from CSV.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::SalesTabs;
use crate::analysis::value::opening_day;
use crate::i18n::Key;
use crate::model::order::{Order, OrderItem, CHANNEL_SUGGESTIONS};
use crate::model::{new_id, Customer, FieldError, Id, Problem, Record};
use crate::store::IdSet;
use crate::ui::components::table::CellFn;
use crate::ui::components::{
    error_for, Cell, Column, CustomerPicker, EmptyState, FilterSelect, FormSave, NewLink, RecordEdit, Rows, TextField,
    VirtualTable, Writes,
};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, today, yuan};
use crate::ui::kept::kept;
use crate::ui::service::{customer_name, distinct, query_param};
use crate::workbook::orders_csv::parse_number;

/// The row id of a customer's opening balance in the order list: this, then the
/// customer's id (no record id has a colon).
const OPENING_ROW: &str = "opening:";

/// A row of the orders list while it is sorted: an order's id, or the place of a
/// customer's opening line among the openings.
enum RowOf<'a> {
    Order(&'a Id),
    Opening(usize),
}

/// The ids of the orders dated `f..=t` (either open) in channel `ch` (empty: any),
/// each customer's opening line among them, in the order `(key, asc)`; and their total
/// in fen.
fn order_rows(
    app: &AppCtx,
    f: Option<NaiveDate>,
    t: Option<NaiveDate>,
    ch: &str,
    (key, asc): (&str, bool),
) -> (Arc<Vec<Id>>, i64) {
    let orders = app.stores.orders;
    let within = move |day: NaiveDate| f.is_none_or(|d| day >= d) && t.is_none_or(|d| day <= d);
    // Each customer's opening balance is one "期初" line among the orders (not under
    // a channel filter: it has no channel).
    let openings: Vec<(NaiveDate, i64, String)> = if ch.is_empty() {
        app.stores.customers.with(|tc| {
            tc.live()
                .filter_map(|c| {
                    let day = opening_day(c).filter(|d| within(*d))?;
                    let fen = c.opening.as_ref().map_or(0, |o| o.total_fen());
                    Some((day, fen, format!("{OPENING_ROW}{}", c.id)))
                })
                .collect()
        })
    } else {
        Vec::new()
    };
    orders.with(|tb| {
        // Each hit names its row by reference (an order's id, or the place of an opening
        // line), not by a copy: at 500,000 orders copies of the ids took ~40 MB more at
        // the peak, which WebAssembly memory keeps.
        let mut hits: Vec<(NaiveDate, i64, chrono::DateTime<chrono::Utc>, RowOf)> =
            tb.live()
                .filter(|o| within(o.date))
                .filter(|o| ch.is_empty() || o.channel == ch)
                .map(|o| (o.date, o.amount_fen(), o.created_at, RowOf::Order(&o.id)))
                .chain(
                    openings.iter().enumerate().map(|(i, (d, fen, _))| {
                        (*d, *fen, chrono::DateTime::<chrono::Utc>::MIN_UTC, RowOf::Opening(i))
                    }),
                )
                .collect();
        match key {
            "amount" => hits.sort_by_key(|h| h.1),
            _ => hits.sort_by_key(|h| (h.0, h.2)),
        }
        if !asc {
            hits.reverse();
        }
        let total: i64 = hits.iter().map(|h| h.1).sum();
        let ids = hits.into_iter().map(|h| match h.3 {
            RowOf::Order(id) => id.clone(),
            RowOf::Opening(i) => Id::from(openings[i].2.as_str()),
        });
        (Arc::new(ids.collect::<Vec<_>>()), total)
    })
}

/// `/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let app = use_app();
    let orders = app.stores.orders;
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let sort = RwSignal::new(("date", false));
    let selection = RwSignal::new(IdSet::new());
    let channels = kept(|app| app.stores.orders.with(|t| distinct(t.live().map(|o| o.channel.as_str()))));
    let filtered = Memo::new(move |_| {
        let f = from.get().parse::<NaiveDate>().ok();
        let t = to.get().parse::<NaiveDate>().ok();
        let ch = channel.get();
        let sort = sort.get();
        // The list as it opens, newest first and unfiltered, is kept across visits.
        if f.is_none() && t.is_none() && ch.is_empty() && sort == ("date", false) {
            return kept(|app| order_rows(app, None, None, "", ("date", false))).get();
        }
        order_rows(&app, f, t, &ch, sort)
    });
    let rows: Signal<Rows> = Signal::derive(move || {
        app.lang.track();
        filtered.with(|f| f.0.clone() as Rows)
    });
    let total = kept(|app| {
        app.stores.orders.with(|t| t.live().count())
            + app.stores.customers.with(|t| t.live().filter(|c| opening_day(c).is_some()).count())
    });
    let navigate = use_navigate();
    let on_open = Callback::new(move |id: String| match id.strip_prefix(OPENING_ROW) {
        Some(customer) => navigate(&format!("/customers/{customer}"), Default::default()),
        None => navigate(&format!("/orders/{id}"), Default::default()),
    });
    // A cell of an order, or of a customer's opening line (`opening` gives it).
    let cell_or = |f: fn(&Order, &AppCtx) -> Cell, opening: fn(&Customer, &AppCtx) -> Cell| -> CellFn {
        Arc::new(move |id: &str| match id.strip_prefix(OPENING_ROW) {
            Some(customer) => {
                app.stores.customers.with_untracked(|t| t.get(customer).map(|c| opening(c, &app))).unwrap_or_default()
            }
            None => orders.with_untracked(|t| t.get(id).map(|o| f(o, &app))).unwrap_or_default(),
        })
    };
    let columns = vec![
        Column {
            key: "date",
            header: Key::FieldDate,
            width: "7.5rem",
            sortable: true,
            cell: cell_or(
                |o, _| Cell::link(format!("/orders/{}", o.id), o.date.to_string()),
                |c, _| {
                    Cell::link(
                        format!("/customers/{}", c.id),
                        opening_day(c).map(|d| d.to_string()).unwrap_or_default(),
                    )
                },
            ),
        },
        Column {
            key: "customer",
            header: Key::Customer,
            width: "minmax(6rem, 1.2fr)",
            sortable: false,
            cell: cell_or(
                |o, app| Cell::text(customer_name(app, &o.customer_id)),
                |c, _| Cell::text(c.name.to_string()),
            ),
        },
        Column {
            key: "amount",
            header: Key::Amount,
            width: "8rem",
            sortable: true,
            cell: cell_or(
                |o, _| Cell::text(yuan(o.amount)),
                |c, _| Cell::text(c.opening.as_ref().and_then(|o| o.total).map(yuan).unwrap_or_default()),
            ),
        },
        Column {
            key: "channel",
            header: Key::Channel,
            width: "5.5rem",
            sortable: false,
            cell: cell_or(
                |o, _| Cell::text(o.channel.clone()),
                |_, app| Cell::text(app.t_now(Key::OpeningBalanceShort)).class("badge opening-badge"),
            ),
        },
        Column {
            key: "items",
            header: Key::Items,
            width: "minmax(8rem, 2fr)",
            sortable: false,
            cell: cell_or(
                |o, _| {
                    Cell::text(
                        o.items
                            .iter()
                            .map(|i| format!("{}×{}", i.name, fixed(i.quantity, 0)))
                            .collect::<Vec<_>>()
                            .join("、"),
                    )
                },
                |c, _| Cell::text(c.opening.as_ref().map(crate::ui::customers::opening_words).unwrap_or_default()),
            ),
        },
    ];
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = Arc::new(move |id: &str| {
        let text = match id.strip_prefix(OPENING_ROW) {
            Some(c) => app
                .stores
                .customers
                .with_untracked(|t| t.get(c).map(|c| format!("{} {}", app.t_now(Key::OpeningBalanceShort), c.name)))
                .unwrap_or_default(),
            None => orders
                .with_untracked(|t| t.get(id).map(|o| format!("{} {}", o.date, yuan(o.amount))))
                .unwrap_or_default(),
        };
        format!("{} {text}", app.t_now(Key::SelectRow))
    });
    view! {
        <section class="page page-list">
            <SalesTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavOrders)}</h1>
                <NewLink href="/orders/new" label=Key::NewOrder/>
                <crate::ui::components::ExportCsv file_stem="orders" make=Callback::new(move |()| {
                    use crate::workbook::export_csv::{order_rows, to_csv, ORDER_HEADER};
                    let who = |id: &str| crate::ui::customers::lookup_text(&app, id);
                    let rows = app.stores.orders.with_untracked(|t| order_rows(t.live(), who));
                    crate::ui::components::csv_ready(to_csv(&ORDER_HEADER, rows))
                })/>
            </div>
            <p class="stats" aria-live="polite">
                <span>{tx(Key::Shown)} " " {move || rows.with(|r| r.len())} " " {tx(Key::Of)} " " {move || total.get()}</span>
                <span>{tx(Key::Revenue)} ": " {move || filtered.with(|f| yuan(f.1 as f64 / 100.0))}</span>
            </p>
            <div class="toolbar" role="search" aria-label=move || app.t(Key::Filters)>
                <label class="inline">
                    <span>{tx(Key::From)}</span>
                    <input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label class="inline">
                    <span>{tx(Key::To)}</span>
                    <input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                </label>
                <FilterSelect label=Key::Channel value=channel options=channels/>
            </div>
            <super::orders_import::OrdersImport/>
            {move || if total.get() == 0 {
                view! { <EmptyState message=Key::NoOrders/> }.into_any()
            } else if rows.with(|r| r.is_empty()) {
                view! { <EmptyState message=Key::NoMatchingRecords/> }.into_any()
            } else {
                ().into_any()
            }}
            <div class="table-wrap" hidden=move || rows.with(|r| r.is_empty())>
                <VirtualTable label=Key::NavOrders columns=columns rows=rows sort=sort selection=selection on_open=on_open row_name=row_name/>
                <p class="hint">{tx(Key::ListKeyboardHint)}</p>
            </div>
        </section>
    }
}

/// `/orders/new` (`?customer=…` presets it).
#[component]
pub fn OrderNew() -> impl IntoView {
    let now = Utc::now();
    let order = Order {
        number: Default::default(),
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        date: today(),
        items: vec![OrderItem { name: Default::default(), quantity: 1.0, unit_price: 0.0 }],
        amount: 0.0,
        channel: Default::default(),
        note: Default::default(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <OrderForm order=order is_new=true/> }
}

/// `/orders/:id`.
#[component]
pub fn OrderEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.orders form=|o: Order| view! { <OrderForm order=o is_new=false/> }/> }
}

#[derive(Clone, Copy)]
struct Line {
    key: u32,
    name: RwSignal<String>,
    quantity: RwSignal<String>,
    unit_price: RwSignal<String>,
}

impl Line {
    fn new(key: u32, i: &OrderItem) -> Self {
        Line {
            key,
            name: RwSignal::new(i.name.to_string()),
            quantity: RwSignal::new(fixed(i.quantity, if i.quantity.fract() == 0.0 { 0 } else { 3 })),
            unit_price: RwSignal::new(fixed(i.unit_price, 2)),
        }
    }
}

#[component]
fn OrderForm(order: Order, is_new: bool) -> impl IntoView {
    let app = use_app();
    let customer = RwSignal::new(order.customer_id.to_string());
    let date = RwSignal::new(order.date.to_string());
    let channel = RwSignal::new(order.channel.to_string());
    let note = RwSignal::new(order.note.to_string());
    let amount = RwSignal::new(fixed(order.amount, 2));
    let next_key = StoredValue::new(order.items.len() as u32);
    let lines =
        RwSignal::new(order.items.iter().enumerate().map(|(i, it)| Line::new(i as u32, it)).collect::<Vec<_>>());
    let trashed = order.deleted_at.is_some();
    let form = FormSave::new(order, is_new);
    let base = form.base;

    let build = move || -> (Order, Vec<FieldError>) {
        let mut o = base.get_value();
        let mut extra = Vec::new();
        o.customer_id = customer.get().into();
        match date.get().parse::<NaiveDate>() {
            Ok(d) => {
                o.date = d;
                if let Some(e) = o.check_date(today()) {
                    extra.push(e);
                }
            }
            Err(_) => extra.push(FieldError::new("date", Problem::Required)),
        }
        o.channel = channel.get().trim().into();
        o.note = note.get().trim().into();
        o.items = Vec::new();
        for (i, l) in lines.get().iter().enumerate() {
            let q = parse_number(&l.quantity.get());
            let p = parse_number(&l.unit_price.get());
            if q.is_none() {
                extra.push(FieldError::new(format!("items[{i}].quantity"), Problem::Positive));
            }
            if p.is_none() {
                extra.push(FieldError::new(
                    format!("items[{i}].unit_price"),
                    Problem::OutOfRange { min: 0, max: 10_000_000_000 },
                ));
            }
            o.items.push(OrderItem {
                name: l.name.get().trim().into(),
                quantity: q.unwrap_or(0.0),
                unit_price: p.unwrap_or(0.0),
            });
        }
        // With lines, the amount is their total; without, it is typed.
        if o.items.is_empty() {
            match parse_number(&amount.get()) {
                Some(v) => o.amount = v,
                None => extra.push(FieldError::new("amount", Problem::Required)),
            }
        } else {
            o.amount = (o.items_total() * 100.0).round() / 100.0;
        }
        let mut errors = o.validate();
        errors.extend(extra);
        (o, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(o) = form.checked(app, build()) else { return };
        // A new order earns its points: one ledger line, in the order's transaction, so
        // an order is never saved without them.
        let earned = if is_new { crate::ui::loyalty::points_for_order(&app, &o) } else { None };
        let along = earned.map(|e| vec![app.stores.point_entries.put_along(vec![e])]).unwrap_or_default();
        form.save(app, app.stores.orders, o, along, |saved| Some(format!("/customers/{}", saved.customer_id)));
    };
    let trash = move |_| {
        let id = base.with_value(|b| b.id.clone());
        leptos::task::spawn_local(async move {
            match app.stores.orders.trash(std::slice::from_ref(&id)).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let total = move || {
        let sum: f64 = lines
            .get()
            .iter()
            .map(|l| parse_number(&l.quantity.get()).unwrap_or(0.0) * parse_number(&l.unit_price.get()).unwrap_or(0.0))
            .sum();
        yuan(sum)
    };
    view! {
        <section class="page">
            <SalesTabs/>
            <h1>{move || app.t(if is_new { Key::NewOrder } else { Key::EditOrder })}</h1>
            {trashed.then(|| view! { <p class="notice" role="status">{tx(Key::RecordInTrash)}</p> })}
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <TextField label=Key::FieldDate value=date error=err("date") input_type="date" required=true/>
                    <TextField label=Key::Channel value=channel error=err("channel") suggestions=&CHANNEL_SUGGESTIONS/>
                </div>
                <fieldset>
                    <legend>{tx(Key::Items)}</legend>
                    <table class="simple parts">
                        <thead><tr>
                            <th scope="col">{tx(Key::ItemName)}</th>
                            <th scope="col">{tx(Key::Quantity)}</th>
                            <th scope="col">{tx(Key::UnitPrice)}</th>
                            <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || lines.get() key=|l| l.key let:line>
                                <tr>
                                    <td><input type="text" aria-label=move || app.t(Key::ItemName) prop:value=move || line.name.get() on:input=move |ev| line.name.set(event_target_value(&ev))/></td>
                                    <td><input type="text" inputmode="decimal" aria-label=move || app.t(Key::Quantity) prop:value=move || line.quantity.get() on:input=move |ev| line.quantity.set(event_target_value(&ev))/></td>
                                    <td><input type="text" inputmode="decimal" aria-label=move || app.t(Key::UnitPrice) prop:value=move || line.unit_price.get() on:input=move |ev| line.unit_price.set(event_target_value(&ev))/></td>
                                    <td><button type="button" class="btn" on:click=move |_| lines.update(|v| v.retain(|x| x.key != line.key))>{tx(Key::Delete)}</button></td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                    <small class="error" role="alert" hidden=move || err("items").with(Option::is_none)>{move || err("items").get().unwrap_or_default()}</small>
                    <button type="button" class="btn" on:click=move |_| {
                        let k = next_key.get_value();
                        next_key.set_value(k + 1);
                        lines.update(|v| v.push(Line::new(k, &OrderItem { name: Default::default(), quantity: 1.0, unit_price: 0.0 })));
                    }>{tx(Key::AddLine)}</button>
                    <p hidden=move || lines.with(Vec::is_empty)><strong>{tx(Key::Amount)} ": " {total}</strong></p>
                    <div hidden=move || !lines.with(Vec::is_empty)>
                        <TextField label=Key::Amount value=amount error=err("amount") hint=Key::AmountWithoutLines/>
                    </div>
                </fieldset>
                <TextField label=Key::FieldNote value=note error=err("note") multiline=true/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || form.saving.get()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/orders" class="btn">{tx(Key::Cancel)}</a>
                    {(!is_new && !trashed).then(|| view! {
                        <button type="button" class="btn btn-danger" on:click=trash>{tx(Key::MoveToTrash)}</button>
                    })}
                </div>
                </Writes>
            </form>
        </section>
    }
}
