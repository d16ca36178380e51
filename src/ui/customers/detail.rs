//! One customer's page: the file, its completeness, and the related records that
//! later modules add.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::percent;
use crate::i18n::Key;
use crate::model::customer::KEY_FIELDS;
use crate::model::{Choice, Customer};
use crate::ui::components::{EmptyState, NewLink, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::local_datetime;
use crate::ui::service::timeline::CustomerTimeline;

/// `/customers/:id`.
#[component]
pub fn CustomerDetail() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let customer = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        app.stores.customers.get(&id)
    });
    move || match customer.get() {
        Some(c) => view! { <CustomerView customer=c/> }.into_any(),
        None => view! { <section class="page"><EmptyState message=Key::CustomerNotFound/></section> }.into_any(),
    }
}

#[component]
fn CustomerView(customer: Customer) -> impl IntoView {
    let app = use_app();
    let id = customer.id.clone();
    let trashed = customer.deleted_at.is_some();
    let act = move |restore: bool| {
        let ids = vec![id.clone()];
        leptos::task::spawn_local(async move {
            let result =
                if restore { app.stores.customers.restore(&ids).await } else { app.stores.customers.trash(&ids).await };
            match result {
                Ok(()) => app.success(if restore { Key::Restored } else { Key::MovedToTrash }),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let (act_trash, act_restore) = (act.clone(), act);
    let row = |label: Key, value: String| {
        view! {
            <div class="kv">
                <dt>{move || app.t(label)}</dt>
                <dd>{if value.is_empty() { "—".to_owned() } else { value }}</dd>
            </div>
        }
    };
    let c = customer;
    let stage = c.stage;
    let kind = c.kind;
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{c.name.to_string()}</h1>
                <div class="actions">
                    <a href="/customers" class="btn">{tx(Key::Back)}</a>
                    {(!trashed).then(|| view! {
                        <NewLink href=format!("/customers/{}/edit", c.id) label=Key::Edit/>
                        <Writes><button type="button" class="btn btn-danger" on:click=move |_| act_trash(false)>{tx(Key::MoveToTrash)}</button></Writes>
                    })}
                </div>
            </div>
            {trashed.then(|| view! {
                <p class="notice" role="status">
                    {tx(Key::InTrash)} " "
                    <Writes><button type="button" class="btn" on:click=move |_| act_restore(true)>{tx(Key::Restore)}</button></Writes>
                </p>
            })}
            <p>
                <span class=format!("badge stage-{}", stage.value())>{move || app.t(stage.label())}</span>
                " " {move || app.t(kind.label())}
            </p>
            <div class="meter-row">
                <span id="completeness-label">{tx(Key::Completeness)}</span>
                <meter aria-labelledby="completeness-label" min="0" max=KEY_FIELDS.to_string() low="5" high="8" optimum=KEY_FIELDS.to_string() value=c.filled_key_fields().to_string()></meter>
                <span>{percent(c.completeness())}</span>
            </div>
            <dl class="details">
                <div class="kv">
                    <dt>{tx(Key::FieldPhone)}</dt>
                    <dd>{phone_link(&c.phone)}</dd>
                </div>
                {(!c.wechat.is_empty()).then(|| row(Key::FieldWechat, c.wechat.to_string()))}
                {row(Key::FieldEmail, c.email.to_string())}
                {row(Key::FieldCompany, c.company.to_string())}
                {row(Key::FieldTitle, c.title.to_string())}
                {row(Key::FieldIndustry, c.industry.to_string())}
                {row(Key::FieldRegion, c.region.to_string())}
                {row(Key::FieldAddress, c.address.to_string())}
                {row(Key::FieldSource, c.source.to_string())}
                {row(Key::FieldTags, c.tags.join("、"))}
                <div class="kv">
                    <dt>{tx(Key::FieldBirthday)}</dt>
                    <dd>{match c.birthday {
                        Some(b) if b.year().is_none() => view! { {b.plain()} " " <span class="hint">{tx(Key::YearUnknown)}</span> }.into_any(),
                        Some(b) => b.plain().into_any(),
                        None => "—".into_any(),
                    }}</dd>
                </div>
                {row(Key::FieldNotes, c.notes.to_string())}
                {c.custom.iter().map(|(name, value)| view! {
                    <div class="kv"><dt>{name.clone()}</dt><dd>{value.to_string()}</dd></div>
                }).collect_view()}
                {c.opening.clone().map(|o| view! {
                    <div class="kv">
                        <dt>{tx(Key::OpeningBalanceShort)}</dt>
                        <dd data-testid="opening">{crate::ui::customers::opening_words(&o)}</dd>
                    </div>
                })}
                {row(Key::Created, local_datetime(c.created_at))}
                {row(Key::Updated, local_datetime(c.updated_at))}
            </dl>
            <CustomerValue customer_id=c.id.to_string()/>
            {(!trashed).then(|| view! { <crate::ui::loyalty::CustomerSuggestions customer_id=c.id.to_string()/> })}
            {(!trashed).then(|| view! { <crate::ui::loyalty::CustomerPoints customer_id=c.id.to_string()/> })}
            {(!trashed).then(|| view! { <CustomerTimeline customer_id=c.id.to_string()/> })}
        </section>
    }
}

/// A phone number grouped for reading, as a `tel:` link (a tap calls on a phone); as
/// typed when Kehu cannot read it; "—" when there is none.
pub fn phone_link(phone: &str) -> AnyView {
    use crate::model::phone::{display_phone, tel_href};
    if phone.trim().is_empty() {
        return "—".into_any();
    }
    match tel_href(phone) {
        Some(href) => view! { <a href=href class="tel">{display_phone(phone)}</a> }.into_any(),
        None => phone.to_owned().into_any(),
    }
}

/// The customer's ABC class and RFM segment over the last 365 days.
#[component]
fn CustomerValue(customer_id: String) -> impl IntoView {
    let value = Memo::new(move |_| crate::ui::figures::customer_value(&customer_id));
    move || {
        value.get().map(|(class, segment, scores)| {
            view! {
                <p class="value-line" data-testid="customer-value">
                    {tx(Key::AbcClassCol)} ": " <strong>{crate::ui::sales::class_letter(class)}</strong>
                    " · " {tx(Key::Segment)} ": " <strong>{tx(segment.label())}</strong>
                    " · R F M " {format!("{} {} {}", scores[0], scores[1], scores[2])}
                    " " <span class="hint">{tx(Key::LastYear)}</span>
                </p>
            }
        })
    }
}
