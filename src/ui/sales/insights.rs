//! 客户信息搜集与分析: who the customers are (by source, stage, industry, region) and
//! which of them are the same person filed twice, merged side by side keeping every
//! related record.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::SalesTabs;
use crate::analysis::duplicates::{find_duplicates, DuplicateGroup};
use crate::i18n::Key;
use crate::model::{Choice, Customer, Id, Stage};
use crate::ui::components::{Bar, BarChart, EmptyState, ShowMore, Shown, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::kept::kept;

/// The `n` most frequent values of a field, with the rest as "other".
fn top_counts<'a>(values: impl Iterator<Item = &'a str>, n: usize, other: &str, none: &str) -> Vec<Bar> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v.trim()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rest: usize = v.iter().skip(n).map(|x| x.1).sum();
    let mut bars: Vec<Bar> = v
        .into_iter()
        .take(n)
        .map(|(k, c)| Bar {
            label: if k.is_empty() { none.to_owned() } else { k.to_owned() },
            value: c as f64,
            text: c.to_string(),
        })
        .collect();
    if rest > 0 {
        bars.push(Bar { label: other.to_owned(), value: rest as f64, text: rest.to_string() });
    }
    bars
}

/// Customers by stage, and the most frequent sources, industries and regions, in the
/// current language.
fn breakdowns(app: &AppCtx) -> [(Key, Vec<Bar>); 4] {
    let lang = app.lang.get();
    let (other, none) = (lang.t(Key::Other), lang.t(Key::NotGiven));
    app.stores.customers.with(|t| {
        let mut stages = [0usize; Stage::ALL.len()];
        for c in t.live() {
            if let Some(i) = Stage::ALL.iter().position(|s| *s == c.stage) {
                stages[i] += 1;
            }
        }
        let stages: Vec<Bar> = Stage::ALL
            .iter()
            .zip(stages)
            .map(|(s, n)| Bar { label: lang.t(s.label()).to_owned(), value: n as f64, text: n.to_string() })
            .collect();
        [
            (Key::FieldSource, top_counts(t.live().map(|c| c.source.as_str()), 8, other, none)),
            (Key::FieldStage, stages),
            (Key::FieldIndustry, top_counts(t.live().map(|c| c.industry.as_str()), 8, other, none)),
            (Key::FieldRegion, top_counts(t.live().map(|c| c.region.as_str()), 8, other, none)),
        ]
    })
}

/// Duplicate groups drawn at first, and added by each "show more".
const GROUPS_PER_PAGE: usize = 10;

/// `/insights`.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let app = use_app();
    let breakdowns = kept(breakdowns);
    let groups = kept(|app| app.stores.customers.with(|t| find_duplicates(t.iter())));
    // Each group is a form of its own: a few at a time.
    let shown = Shown::new(GROUPS_PER_PAGE);
    view! {
        <section class="page">
            <SalesTabs/>
            <h1>{tx(Key::NavInsights)}</h1>
            <div class="grid2">
                {move || breakdowns.get().into_iter().map(|(k, bars)| view! {
                    <section class="card">
                        <h2>{tx(Key::ByField)} ": " {tx(k)}</h2>
                        <BarChart title=Signal::derive(move || app.t(k).to_owned()) bars=bars/>
                    </section>
                }).collect_view()}
            </div>
            <section class="card" aria-labelledby="dup-h">
                <h2 id="dup-h">{tx(Key::Duplicates)} " (" {move || groups.with(Vec::len)} ")"</h2>
                <p class="hint">{tx(Key::DuplicatesHint)}</p>
                {move || groups.with(Vec::is_empty).then(|| view! { <EmptyState message=Key::NoDuplicates/> })}
                // Keyed by the group's first customer: showing more keeps the choices
                // made in the groups already shown.
                <For
                    each=move || groups.with(|g| g.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                    key=|group| group.ids.clone()
                    children=|group| view! { <MergeGroup group=group/> }
                />
                <ShowMore shown=shown total=Signal::derive(move || groups.with(Vec::len))/>
            </section>
        </section>
    }
}

/// The fields a merge chooses between, with their labels: every field of the form
/// but the kind and the tags (tags are joined, not chosen).
fn merge_fields() -> impl Iterator<Item = &'static (&'static str, Key)> {
    crate::ui::customers::FIELD_LABELS.iter().filter(|(f, _)| !matches!(*f, "kind" | "tags"))
}

fn field_text(c: &Customer, field: &str) -> String {
    match field {
        "name" => c.name.to_string(),
        "phone" => c.phone.to_string(),
        "email" => c.email.to_string(),
        "company" => c.company.to_string(),
        "title" => c.title.to_string(),
        "industry" => c.industry.to_string(),
        "region" => c.region.to_string(),
        "address" => c.address.to_string(),
        "source" => c.source.to_string(),
        "stage" => c.stage.value().to_owned(),
        "notes" => c.notes.to_string(),
        _ => c.birthday.map(|d| d.to_string()).unwrap_or_default(),
    }
}

fn take_field(into: &mut Customer, from: &Customer, field: &str) {
    match field {
        "name" => into.name = from.name.clone(),
        "phone" => into.phone = from.phone.clone(),
        "email" => into.email = from.email.clone(),
        "company" => into.company = from.company.clone(),
        "title" => into.title = from.title.clone(),
        "industry" => into.industry = from.industry.clone(),
        "region" => into.region = from.region.clone(),
        "address" => into.address = from.address.clone(),
        "source" => into.source = from.source.clone(),
        "stage" => into.stage = from.stage,
        "notes" => into.notes = from.notes.clone(),
        _ => into.birthday = from.birthday,
    }
}

/// One group side by side: a column per customer, a choice per field (the first
/// non-empty value by default), tags united.
#[component]
fn MergeGroup(group: DuplicateGroup) -> impl IntoView {
    let app = use_app();
    let people: Vec<Customer> =
        app.stores.customers.with_untracked(|t| group.ids.iter().filter_map(|id| t.get(id).cloned()).collect());
    if people.len() < 2 {
        return ().into_any();
    }
    let choice: Vec<(&'static str, RwSignal<usize>)> = merge_fields()
        .map(|(f, _)| (*f, RwSignal::new(people.iter().position(|p| !field_text(p, f).is_empty()).unwrap_or(0))))
        .collect();
    let people = StoredValue::new(people);
    let choice = StoredValue::new(choice);
    let busy = RwSignal::new(false);
    let why = group.reasons.iter().map(|r| app.t_now(r.label())).collect::<Vec<_>>().join("、");
    let merge = move |_| {
        let all = people.get_value();
        let mut keep = all[0].clone();
        choice.with_value(|c| {
            for (field, pick) in c {
                take_field(&mut keep, &all[pick.get_untracked().min(all.len() - 1)], field);
            }
        });
        for p in &all[1..] {
            for tag in &p.tags {
                if !keep.tags.contains(tag) {
                    keep.tags.push(tag.clone());
                }
            }
        }
        keep.updated_at = chrono::Utc::now().max(keep.created_at);
        let others: Vec<Id> = all[1..].iter().map(|p| p.id.clone()).collect();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.stores.merge_customers(keep, &others).await {
                Ok(()) => app.success(Key::Merged),
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };
    let heading = people.with_value(|p| p.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(" / "));
    let merge_label = format!("{} {heading}", app.t_now(Key::MergeThese));
    view! {
        <section class="merge" aria-label=heading.clone()>
            <h3>{heading.clone()} " — " <span class="hint">{tx(Key::SameBy)} " " {why}</span></h3>
            <div class="table-scroll">
                <table class="simple">
                    <thead><tr>
                        <th scope="col">{tx(Key::Field)}</th>
                        {people.with_value(|p| p.iter().map(|c| view! { <th scope="col"><a href=format!("/customers/{}", c.id)>{c.name.to_string()}</a></th> }).collect_view())}
                    </tr></thead>
                    <tbody>
                        {choice.with_value(|c| c.iter().map(|(field, pick)| {
                            let pick = *pick;
                            let label = merge_fields().find(|(f, _)| f == field).map_or(Key::Field, |(_, k)| *k);
                            let name = format!("{}-{field}", group.ids[0]);
                            view! {
                                <tr>
                                    <th scope="row">{tx(label)}</th>
                                    {people.with_value(|p| p.iter().enumerate().map(|(i, c)| {
                                        let text = field_text(c, field);
                                        view! {
                                            <td>
                                                <label class="inline">
                                                    <input type="radio" name=name.clone() prop:checked=move || pick.get() == i on:change=move |_| pick.set(i)/>
                                                    <span>{if text.is_empty() { "—".to_owned() } else { text }}</span>
                                                </label>
                                            </td>
                                        }
                                    }).collect_view())}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <Writes><button type="button" class="btn btn-primary" disabled=move || busy.get() on:click=merge aria-label=merge_label>
                {tx(Key::MergeThese)}
            </button></Writes>
        </section>
    }
    .into_any()
}
