//! Creating and editing a customer. A failed save keeps every input.

use std::collections::BTreeMap;

use chrono::Utc;
use leptos::prelude::*;

use super::custom_fields::CustomInputs;
use crate::i18n::Key;
use crate::model::birthday::Birthday;
use crate::model::custom_field::CustomFields;
use crate::model::customer::SOURCE_SUGGESTIONS;
use crate::model::opening::OpeningBalance;
use crate::model::validate::ascii_digits;
use crate::model::{new_id, Choice, Customer, CustomerKind, FieldError, Id, Problem, Record, Stage, Text};
use crate::ui::components::{
    error_for, track_unsaved, ChoiceField, FormSave, RecordConflict, RecordEdit, TextField, Writes,
};
use crate::ui::context::{tx, use_app};
use crate::ui::settings::setting;

/// `/customers/new`.
#[component]
pub fn CustomerNew() -> impl IntoView {
    let customer = Customer::new(new_id(), "", Utc::now());
    view! { <CustomerForm customer=customer is_new=true/> }
}

/// `/customers/:id/edit`.
#[component]
pub fn CustomerEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.customers not_found=Key::CustomerNotFound refuse_trashed=true form=|c: Customer| view! { <CustomerForm customer=c is_new=false/> }/> }
}

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<CustomerKind>,
    name: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    company: RwSignal<String>,
    title: RwSignal<String>,
    industry: RwSignal<String>,
    region: RwSignal<String>,
    address: RwSignal<String>,
    source: RwSignal<String>,
    stage: RwSignal<Stage>,
    tags: RwSignal<String>,
    birthday: RwSignal<String>,
    notes: RwSignal<String>,
    wechat: RwSignal<String>,
    custom: RwSignal<BTreeMap<String, String>>,
    opening_total: RwSignal<String>,
    opening_purchases: RwSignal<String>,
    opening_first: RwSignal<String>,
    opening_last: RwSignal<String>,
}

impl Fields {
    fn of(c: &Customer) -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
        let opening = c.opening.clone().unwrap_or_default();
        Fields {
            kind: RwSignal::new(c.kind),
            name: s(&c.name),
            phone: s(&c.phone),
            email: s(&c.email),
            company: s(&c.company),
            title: s(&c.title),
            industry: s(&c.industry),
            region: s(&c.region),
            address: s(&c.address),
            source: s(&c.source),
            stage: RwSignal::new(c.stage),
            tags: s(&c.tags.join(", ")),
            birthday: s(&c.birthday.map(|b| b.plain()).unwrap_or_default()),
            notes: s(&c.notes),
            wechat: s(&c.wechat),
            custom: RwSignal::new(c.custom.iter().map(|(k, v)| (k.clone(), v.to_string())).collect()),
            opening_total: s(&opening.total.map(|t| t.to_string()).unwrap_or_default()),
            opening_purchases: s(&opening.purchases.map(|p| p.to_string()).unwrap_or_default()),
            opening_first: s(&opening.first.map(|d| d.to_string()).unwrap_or_default()),
            opening_last: s(&opening.last.map(|d| d.to_string()).unwrap_or_default()),
        }
    }

    /// Every field's text, to tell whether the form was changed.
    fn snapshot(self) -> Vec<String> {
        let texts = [
            self.name,
            self.phone,
            self.email,
            self.company,
            self.title,
            self.industry,
            self.region,
            self.address,
            self.source,
            self.tags,
            self.birthday,
            self.notes,
            self.wechat,
            self.opening_total,
            self.opening_purchases,
            self.opening_first,
            self.opening_last,
        ];
        let custom = self.custom.with(|m| m.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>());
        let choices = [self.kind.get().value(), self.stage.get().value()];
        texts.iter().map(|s| s.get()).chain(choices.map(str::to_owned)).chain(custom).collect()
    }

    /// Puts `c`'s values into the fields.
    fn load(self, c: &Customer) {
        let other = Fields::of(c);
        self.kind.set(c.kind);
        self.stage.set(c.stage);
        for (mine, theirs) in [
            (self.name, other.name),
            (self.phone, other.phone),
            (self.email, other.email),
            (self.company, other.company),
            (self.title, other.title),
            (self.industry, other.industry),
            (self.region, other.region),
            (self.address, other.address),
            (self.source, other.source),
            (self.tags, other.tags),
            (self.birthday, other.birthday),
            (self.notes, other.notes),
            (self.wechat, other.wechat),
            (self.opening_total, other.opening_total),
            (self.opening_purchases, other.opening_purchases),
            (self.opening_first, other.opening_first),
            (self.opening_last, other.opening_last),
        ] {
            mine.set(theirs.get_untracked());
        }
        self.custom.set(other.custom.get_untracked());
    }

    /// The customer the form describes, on top of `base` (id and creation time), and
    /// the inputs it could not read (a birthday that is no day, a total that is no
    /// number, a custom value its field cannot hold); those parts are left as in `base`.
    fn read(self, base: &Customer, fields: &CustomFields) -> (Customer, Vec<FieldError>) {
        let mut c = self.to_customer(base);
        let mut errors = Vec::new();
        let birthday = self.birthday.get();
        if !birthday.trim().is_empty() {
            match Birthday::parse(&birthday) {
                Some(b) => c.birthday = Some(b),
                None => errors.push(FieldError::new("birthday", Problem::NotADate)),
            }
        }
        c.custom =
            self.custom.with(|texts| crate::model::custom_field::read_values(&base.custom, texts, fields, &mut errors));
        c.opening = self.read_opening(&mut errors);
        (c, errors)
    }

    /// The opening balance the four inputs give; `None` when all are empty.
    fn read_opening(self, errors: &mut Vec<FieldError>) -> Option<OpeningBalance> {
        let number = crate::model::custom_field::CustomField {
            name: "".into(),
            kind: crate::model::custom_field::CustomFieldKind::Number,
            choices: Vec::new(),
        };
        let mut o = OpeningBalance::default();
        match number.read(&self.opening_total.get()) {
            Ok(v) => o.total = v.and_then(|v| v.parse().ok()),
            Err(p) => errors.push(FieldError::new("opening.total", p)),
        }
        let purchases = self.opening_purchases.get();
        if !purchases.trim().is_empty() {
            match ascii_digits(purchases.trim()).parse::<u32>() {
                Ok(n) => o.purchases = Some(n),
                Err(_) => errors.push(FieldError::new("opening.purchases", Problem::NotANumber)),
            }
        }
        for (text, slot, field) in
            [(self.opening_first, &mut o.first, "opening.first"), (self.opening_last, &mut o.last, "opening.last")]
        {
            let text = text.get();
            if !text.trim().is_empty() {
                match Birthday::parse(&text).and_then(|b| b.date()) {
                    Some(d) => *slot = Some(d),
                    None => errors.push(FieldError::new(field, Problem::NotADate)),
                }
            }
        }
        (!o.is_empty()).then_some(o)
    }

    /// The customer of the built-in fields, on top of `base`.
    fn to_customer(self, base: &Customer) -> Customer {
        let trim = |s: RwSignal<String>| s.get().trim().to_owned();
        let mut c = base.clone();
        c.kind = self.kind.get();
        c.name = trim(self.name).into();
        // Phones typed with a Chinese input method come in full-width digits.
        c.phone = ascii_digits(self.phone.get().trim()).into();
        c.email = trim(self.email).into();
        c.company = trim(self.company).into();
        c.title = trim(self.title).into();
        c.industry = trim(self.industry).into();
        c.region = trim(self.region).into();
        c.address = trim(self.address).into();
        c.source = trim(self.source).into();
        c.stage = self.stage.get();
        c.tags =
            self.tags.get().split([',', '，', '、']).map(str::trim).filter(|t| !t.is_empty()).map(Text::from).collect();
        c.birthday = None;
        c.notes = self.notes.get().trim().into();
        c.wechat = trim(self.wechat).into();
        c
    }
}

#[component]
fn CustomerForm(customer: Customer, is_new: bool) -> impl IntoView {
    let app = use_app();
    let fields = Fields::of(&customer);
    let form = FormSave::new(customer, is_new);
    let base = form.base;
    // What the form was loaded with: leaving with other input asks first.
    let loaded = RwSignal::new(fields.snapshot());
    let done = RwSignal::new(false);
    track_unsaved(move || !done.get() && loaded.with(|l| *l != fields.snapshot()));

    let custom_fields = Memo::new(move |_| setting::<CustomFields>(&app));
    // Every problem of the input as it is now: what could not be read, then the
    // customer's own rules (a birthday in the future is one).
    let check = move || {
        let (c, mut problems) = custom_fields.with(|f| base.with_value(|b| fields.read(b, f)));
        let today = (Utc::now() + chrono::Duration::days(1)).date_naive();
        for e in c.validate().into_iter().chain(c.check_dates(today)) {
            if !problems.iter().any(|p| p.field == e.field) {
                problems.push(e);
            }
        }
        (c, problems)
    };
    // Messages appear after the first attempt to save, then follow every keystroke.
    let errors = form.errors(move || check().1);
    let err = move |field: &'static str| error_for(errors, field);

    // Another customer with the number typed: named before the save, which then waits
    // for "open" or "save anyway".
    let same_phone: RwSignal<Option<(Id, String)>> = RwSignal::new(None);
    let submit = move |anyway: bool| {
        let (c, problems) = check();
        let phone_changed = is_new || base.with_value(|b| b.phone != c.phone);
        if problems.is_empty() && !anyway && phone_changed {
            let other = app.stores.customers.with_untracked(|t| {
                crate::analysis::duplicates::with_same_phone(&c.phone, &c.id, t.live())
                    .map(|o| (o.id.clone(), o.name.to_string()))
            });
            if other.is_some() {
                same_phone.set(other);
                return;
            }
        }
        same_phone.set(None);
        // The form keeps every input on a failure: nothing is reset.
        if let Some(c) = form.checked(app, (c, problems)) {
            form.save(app, app.stores.customers, c, Vec::new(), move |saved| {
                done.set(true);
                Some(format!("/customers/{}", saved.id))
            });
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(false);
    };
    // The panel compares the input as it is now: the fields stay editable beside it.
    let mine = Signal::derive(move || check().0);
    let take_theirs = Callback::new(move |theirs: Customer| {
        fields.load(&theirs);
        loaded.set(fields.snapshot());
    });

    let cancel_href =
        if is_new { "/customers".to_owned() } else { format!("/customers/{}", base.with_value(|b| b.id.clone())) };
    view! {
        <section class="page">
            <h1>{move || app.t(if is_new { Key::NewCustomer } else { Key::EditCustomer })}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form labels=super::FIELD_LABELS mine=mine take_theirs=take_theirs/>
                <div class="grid2">
                    <TextField label=Key::FieldName value=fields.name error=err("name") required=true/>
                    <ChoiceField label=Key::FieldKind value=fields.kind/>
                    <TextField label=Key::FieldPhone value=fields.phone error=err("phone") hint=Key::PhoneHint input_type="tel"/>
                    <TextField label=Key::FieldEmail value=fields.email error=err("email") input_type="email"/>
                    <TextField label=Key::FieldCompany value=fields.company error=err("company")/>
                    <TextField label=Key::FieldTitle value=fields.title error=err("title")/>
                    <TextField label=Key::FieldIndustry value=fields.industry error=err("industry")/>
                    <TextField label=Key::FieldRegion value=fields.region error=err("region")/>
                    <TextField label=Key::FieldSource value=fields.source error=err("source") suggestions=&SOURCE_SUGGESTIONS/>
                    <ChoiceField label=Key::FieldStage value=fields.stage/>
                    <TextField label=Key::FieldTags value=fields.tags error=err("tags") hint=Key::FieldTagsHint/>
                    <TextField label=Key::FieldBirthday value=fields.birthday error=err("birthday") hint=Key::BirthdayHint autocomplete="bday"/>
                    <TextField label=Key::FieldWechat value=fields.wechat error=err("wechat")/>
                </div>
                <TextField label=Key::FieldAddress value=fields.address error=err("address")/>
                <TextField label=Key::FieldNotes value=fields.notes error=err("notes") multiline=true/>
                <CustomInputs fields=custom_fields values=fields.custom errors=errors/>
                <details class="opening" open=base.with_value(|b| b.opening.is_some())>
                    <summary>{tx(Key::OpeningBalance)}</summary>
                    <p class="hint">{tx(Key::OpeningHint)}</p>
                    <div class="grid2">
                        <TextField label=Key::OpeningTotal value=fields.opening_total error=err("opening.total")/>
                        <TextField label=Key::OpeningPurchases value=fields.opening_purchases error=err("opening.purchases")/>
                        <TextField label=Key::OpeningFirst value=fields.opening_first error=err("opening.first")/>
                        <TextField label=Key::OpeningLast value=fields.opening_last error=err("opening.last")/>
                    </div>
                </details>
                {move || same_phone.get().map(|(id, name)| view! {
                    <p class="notice warn" role="alert">
                        {tx(Key::SamePhoneAs)} <strong>{name}</strong> " — "
                        <a href=format!("/customers/{id}") class="btn">{tx(Key::OpenIt)}</a> " "
                        <button type="button" class="btn" on:click=move |_| submit(true)>{tx(Key::SaveAnyway)}</button>
                    </p>
                })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" aria-disabled=move || form.saving.get().to_string()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href=cancel_href class="btn">{tx(Key::Cancel)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
