//! The customer list: search as you type, filters, sorting, bulk actions, and a
//! virtualized table that stays smooth at 100,000 customers.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::percent;
use crate::analysis::customer_index::{choice_key, Budget, CustomerIndex, Filter, SortKey};
use crate::i18n::{Key, Lang};
use crate::model::customer::average_completeness;
use crate::model::{Choice, Customer, Stage, Text};
use crate::store::IdSet;
use crate::ui::components::table::{every_change, record_cell, Cell};
use crate::ui::components::{
    BulkBar, ChoiceField, ChoiceFilter, Column, EmptyState, FilterSelect, NewLink, RowIds, Rows, VirtualTable,
};
use crate::ui::context::{tx, txf, use_app, AppCtx};
use crate::ui::kept::{kept, kept_eq};

/// The order the list opens with: last changed first.
const DEFAULT_SORT: (&str, bool) = ("updated", false);

/// The search index of every customer in the order `(key, ascending)`, with the book's
/// choice fields.
fn index_of(app: &AppCtx, (key, ascending): (&str, bool)) -> Arc<CustomerIndex> {
    // Read through a memo that changes only when the names do: another setting's
    // write (a page seeding its defaults) must not rebuild 100,000 customers' index.
    let fields = kept_eq(|app| {
        crate::ui::settings::setting::<crate::model::custom_field::CustomFields>(app)
            .fields
            .into_iter()
            .filter(|f| f.kind == crate::model::custom_field::CustomFieldKind::Choice)
            .map(|f| f.name.to_string())
            .collect::<Vec<String>>()
    })
    .get();
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    app.stores
        .customers
        .with(|t| Arc::new(CustomerIndex::build_with(t.iter(), SortKey::parse(key), ascending, &fields)))
}

/// The index in [`DEFAULT_SORT`], kept across visits (see [`crate::ui::kept`]).
fn opening_index() -> Memo<Arc<CustomerIndex>> {
    kept(|app| index_of(app, DEFAULT_SORT))
}

/// From this many customers on, a keystroke draws the first screenful of matches and
/// finds the rest once that frame is painted: every match of one character takes
/// longer than a frame at 100,000 customers.
const FIRST_SCREENFUL_FROM: usize = 20_000;

/// What a keystroke searches before the first paint: more matches than a tall window
/// shows, among a fifth of 100,000 customers (a rare word's few matches may be
/// further down; they follow a frame later).
const FIRST_SCREENFUL: Budget = Budget { hits: 100, entries: 20_000 };

/// How many customers one step of finishing a search looks at: a few milliseconds, so
/// a keystroke meanwhile waits no longer than that.
const FINISH_SLICE: usize = 20_000;

/// A search result with what it was made from, so the next keystroke can narrow it.
struct Filtered {
    index: Arc<CustomerIndex>,
    filter: Filter,
    hits: Arc<Vec<u32>>,
    /// Whether `hits` are every match, or only the first screenful (perhaps none).
    complete: bool,
}

impl RowIds for Filtered {
    fn len(&self) -> usize {
        self.hits.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.index.entry(self.hits[i]).id
    }
    /// Every match, found now if only the first screenful is known yet.
    fn every_id(&self) -> Vec<String> {
        let whole;
        let hits = if self.complete {
            &self.hits[..]
        } else {
            whole = self.index.search_slice(&self.filter, 0..self.index.len());
            &whole[..]
        };
        hits.iter().map(|&i| self.index.entry(i).id.to_string()).collect()
    }
}

/// Finds every match of the search `shown` drew the first screenful of, a slice of
/// customers per task from `from` on (`hits` holds the earlier slices' matches), and
/// hands the whole result to `finished`; gives up once the list shows another search.
fn finish_search(
    filtered: Memo<Arc<Filtered>>,
    finished: RwSignal<Option<Arc<Filtered>>>,
    shown: Arc<Filtered>,
    mut hits: Vec<u32>,
    from: usize,
) {
    if !filtered.try_with_untracked(|now| Arc::ptr_eq(now, &shown)).unwrap_or(false) {
        return;
    }
    let to = (from + FINISH_SLICE).min(shown.index.len());
    hits.extend(shown.index.search_slice(&shown.filter, from..to));
    if to < shown.index.len() {
        set_timeout(move || finish_search(filtered, finished, shown, hits, to), std::time::Duration::ZERO);
    } else {
        let whole =
            Filtered { index: shown.index.clone(), filter: shown.filter.clone(), hits: Arc::new(hits), complete: true };
        finished.try_set(Some(Arc::new(whole)));
    }
}

crate::split::split_fn! {
    /// Every live customer as CSV, in the page's language. In the chunk that reads the
    /// rest of the book (read before an export can start), not in the first download.
    fn customers_csv in store_rest(app: crate::ui::context::AppCtx) -> String {
        let lang = app.lang.get_untracked();
        let fields = crate::ui::settings::setting_untracked::<crate::model::custom_field::CustomFields>(&app);
        let (header, rows) = app.stores.customers.with_untracked(|t| {
            let live: Vec<_> = t.live().collect();
            crate::workbook::export_csv::customer_table(lang, live.iter().copied(), &fields)
        });
        crate::workbook::export_csv::to_csv(&header, rows)
    }
}

/// The customer list page.
#[component]
pub fn CustomerList() -> impl IntoView {
    let app = use_app();
    let customers = app.stores.customers;
    let query = RwSignal::new(String::new());
    let stage_filter = RwSignal::new(None::<Stage>);
    let source_filter = RwSignal::new(String::new());
    let tag_filter = RwSignal::new(String::new());
    // A value of one of the book's choice fields, as `choice_key` names it (empty: any).
    let choice_filter = RwSignal::new(String::new());
    let sort = RwSignal::new(DEFAULT_SORT);
    let selection = RwSignal::new(IdSet::new());

    // The index in the order the list opens with is kept across visits; another order
    // is built for this visit only.
    let index: Memo<Arc<CustomerIndex>> = Memo::new_with_compare(
        move |_| match sort.get() {
            DEFAULT_SORT => opening_index().get(),
            other => index_of(&app, other),
        },
        every_change,
    );
    let sources = kept(|_| opening_index().with(|i| i.sources()));
    let tags = kept(|_| opening_index().with(|i| i.tags()));
    let choices = kept(|_| opening_index().with(|i| i.choices()));

    // The whole result of a search whose first screenful was drawn first.
    let finished = RwSignal::new(None::<Arc<Filtered>>);
    let filtered: Memo<Arc<Filtered>> = Memo::new_with_compare(
        move |prev: Option<&Arc<Filtered>>| {
            let choice = choice_filter.get();
            let (field, value) = choice.split_once('\u{1f}').unwrap_or_default();
            let filter = Filter::new(&query.get(), stage_filter.get(), source_filter.get(), tag_filter.get())
                .with_choice(field, value);
            let index = index.get();
            if let Some(done) = finished.get().filter(|d| Arc::ptr_eq(&d.index, &index) && d.filter == filter) {
                return done;
            }
            // Typing on only narrows: search the previous hits, not every customer.
            let within = prev
                .filter(|p| p.complete && Arc::ptr_eq(&p.index, &index) && filter.narrows(&p.filter))
                .map(|p| p.hits.clone());
            let limit = if index.len() >= FIRST_SCREENFUL_FROM { FIRST_SCREENFUL } else { Budget::ALL };
            let found = index.search_first(&filter, within.as_deref().map(Vec::as_slice), limit);
            Arc::new(Filtered { index, filter, hits: Arc::new(found.positions), complete: found.complete })
        },
        every_change,
    );
    // A first screenful is finished from the frame after the one that paints it, a
    // slice at a time, unless the search changes meanwhile.
    Effect::new(move |_| {
        let shown = filtered.get();
        if shown.complete {
            return;
        }
        request_animation_frame(move || {
            request_animation_frame(move || finish_search(filtered, finished, shown, Vec::new(), 0))
        });
    });
    // Cells are drawn in the current language, so a language switch redraws the rows.
    let rows: Signal<Rows> = Signal::derive(move || {
        app.lang.track();
        filtered.get() as Rows
    });
    let total = Memo::new(move |_| index.with(|i| i.len()));
    let average = kept(|app| app.stores.customers.with(|t| average_completeness(t.live())));

    // Drop selected ids that are no longer listed (no cost while nothing is selected),
    // once every match is known.
    Effect::new(move |_| {
        rows.track();
        if selection.with_untracked(IdSet::is_empty) || !filtered.with_untracked(|f| f.complete) {
            return;
        }
        rows.with_untracked(|r| {
            let shown: BTreeSet<&str> = (0..r.len()).map(|i| r.id(i)).collect();
            if selection.with_untracked(|s| s.iter().any(|id| !shown.contains(id.as_str()))) {
                selection.update(|s| s.retain(|id| shown.contains(id.as_str())));
            }
        })
    });

    let navigate = use_navigate();
    let on_open = Callback::new(move |id: String| navigate(&format!("/customers/{id}"), Default::default()));

    let cell = |f: fn(&Customer, Lang) -> Cell| record_cell(customers, move |c| f(c, app.lang.get_untracked()));
    let columns = vec![
        Column {
            key: "name",
            header: Key::FieldName,
            width: "minmax(8rem, 2fr)",
            sortable: true,
            // A plain link: the router catches the click.
            cell: cell(|c, _| Cell::link(format!("/customers/{}", c.id), c.name.to_string())),
        },
        Column {
            key: "phone",
            header: Key::FieldPhone,
            width: "minmax(10.5rem, 1.3fr)",
            sortable: false,
            // Grouped for reading; a tap calls on a phone.
            cell: cell(|c, _| match crate::model::phone::tel_href(&c.phone) {
                Some(href) => Cell::link(href, crate::model::phone::display_phone(&c.phone)).class("tel"),
                None => Cell::text(c.phone.clone()),
            }),
        },
        Column {
            key: "company",
            header: Key::FieldCompany,
            width: "minmax(6rem, 2fr)",
            sortable: true,
            cell: cell(|c, _| Cell::text(c.company.clone())),
        },
        Column {
            key: "stage",
            header: Key::FieldStage,
            width: "7rem",
            sortable: true,
            cell: cell(|c, lang| Cell::text(lang.t(c.stage.label())).class(format!("badge stage-{}", c.stage.value()))),
        },
        Column {
            key: "source",
            header: Key::FieldSource,
            width: "5.5rem",
            sortable: true,
            cell: cell(|c, _| Cell::text(c.source.clone())),
        },
        Column {
            key: "tags",
            header: Key::FieldTags,
            width: "minmax(5rem, 1.2fr)",
            sortable: false,
            cell: cell(|c, _| Cell::text(c.tags.join("、"))),
        },
        Column {
            key: "completeness",
            header: Key::Completeness,
            width: "6rem",
            sortable: true,
            cell: cell(|c, _| Cell::text(percent(c.completeness()))),
        },
    ];
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = Arc::new(move |id: &str| {
        let name = customers.with_untracked(|t| t.get(id).map(|c| c.name.clone())).unwrap_or_default();
        format!("{} {name}", app.t_now(Key::SelectRow))
    });

    view! {
        <section class="page page-list">
            <div class="page-head">
                <h1>{tx(Key::NavCustomers)}</h1>
                <NewLink href="/customers/new" label=Key::NewCustomer/>
                <NewLink href="/customers/import" label=Key::ImportCustomersCsv class="btn"/>
                <crate::ui::components::ExportCsv
                    file_stem="customers"
                    make=Callback::new(move |()| -> crate::ui::components::CsvText { Box::pin(customers_csv(app)) })
                />
            </div>
            <crate::ui::components::HelpPanel text=Key::HelpCustomers exercise="p3-t2"/>
            <p class="stats" aria-live="polite">
                <span>{tx(Key::Shown)} " " {move || filtered.with(|f| if f.complete { f.hits.len().to_string() } else { format!("{}+", f.hits.len()) })} " " {tx(Key::Of)} " " {move || total.get()} " " {tx(Key::Customers)}</span>
                <span>{tx(Key::AverageCompleteness)} ": " {move || average.get().map(percent).unwrap_or_else(|| "—".into())}</span>
            </p>
            <div class="toolbar" role="search">
                <label class="grow">
                    <span class="visually-hidden">{tx(Key::Search)}</span>
                    <input
                        type="search"
                        placeholder=txf(Key::SearchPlaceholder)
                        aria-label=txf(Key::Search)
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </label>
                <ChoiceFilter label=Key::FilterStage value=stage_filter/>
                <FilterSelect label=Key::FilterSource value=source_filter options=Signal::derive(move || sources.get().into_iter().map(|s| (s.clone(), s)).collect())/>
                <FilterSelect label=Key::FilterTag value=tag_filter options=Signal::derive(move || tags.get().into_iter().map(|s| (s.clone(), s)).collect())/>
                {move || (!choices.with(|c| c.is_empty())).then(|| view! {
                    <FilterSelect label=Key::CustomFields value=choice_filter options=Signal::derive(move || {
                        choices.get().into_iter().map(|(f, v)| (choice_key(&f, &v), format!("{f}: {v}"))).collect()
                    })/>
                })}
            </div>
            <CustomerBulkBar selection=selection/>
            {move || if total.get() == 0 {
                view! { <EmptyState message=Key::NoCustomers/> }.into_any()
            } else if filtered.with(|f| f.complete && f.hits.is_empty()) {
                view! { <EmptyState message=Key::NoMatches/> }.into_any()
            } else {
                ().into_any()
            }}
            <div class="table-wrap" hidden=move || rows.with(|r| r.is_empty())>
                <VirtualTable
                    label=Key::CustomerList
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

/// Actions on the selected rows: change stage, add or remove a tag, move to trash.
#[component]
fn CustomerBulkBar(selection: RwSignal<IdSet>) -> impl IntoView {
    let app = use_app();
    let customers = app.stores.customers;
    let stage = RwSignal::new(Stage::Customer);
    let tag = RwSignal::new(String::new());
    let busy = RwSignal::new(false);

    let run = move |change: Box<dyn Fn(&mut Customer) + Send + Sync>| {
        let ids: Vec<String> = selection.get_untracked().into_iter().collect();
        let now = chrono::Utc::now();
        let records: Vec<Customer> = customers.with_untracked(|tb| {
            ids.iter()
                .filter_map(|id| tb.get(id).cloned())
                .map(|mut c| {
                    change(&mut c);
                    c.updated_at = now;
                    c
                })
                .collect()
        });
        busy.set(true);
        leptos::task::spawn_local(async move {
            match customers.put_many(records).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };
    view! {
        <BulkBar collection=customers selection=selection busy=busy>
            <ChoiceField label=Key::ChangeStageTo value=stage inline=true/>
            <button type="button" class="btn" disabled=move || busy.get() on:click=move |_| {
                let s = stage.get_untracked();
                run(Box::new(move |c| c.stage = s));
            }>{tx(Key::Apply)}</button>
            <label class="inline">
                <span>{tx(Key::TagName)}</span>
                <input type="text" prop:value=move || tag.get() on:input=move |ev| tag.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="btn" disabled=move || busy.get() || tag.with(|t| t.trim().is_empty()) on:click=move |_| {
                let name = Text::from(tag.get_untracked().trim());
                run(Box::new(move |c| if !c.tags.contains(&name) { c.tags.push(name.clone()) }));
            }>{tx(Key::AddTag)}</button>
            <button type="button" class="btn" disabled=move || busy.get() || tag.with(|t| t.trim().is_empty()) on:click=move |_| {
                let name = tag.get_untracked().trim().to_owned();
                run(Box::new(move |c| c.tags.retain(|x| *x != name)));
            }>{tx(Key::RemoveTag)}</button>
        </BulkBar>
    }
}
