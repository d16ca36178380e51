//! Creating and editing a customer. A failed save keeps every input.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::customer::SOURCE_SUGGESTIONS;
use crate::model::validate::ascii_digits;
use crate::model::{new_id, Choice, Customer, CustomerKind, Record, Stage, Text};
use crate::ui::components::{
    error_for, track_unsaved, ChoiceField, FormSave, RecordConflict, RecordEdit, TextField, Writes,
};
use crate::ui::context::{tx, use_app};

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
}

impl Fields {
    fn of(c: &Customer) -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
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
            birthday: s(&c.birthday.map(|d| d.to_string()).unwrap_or_default()),
            notes: s(&c.notes),
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
        ];
        let choices = [self.kind.get().value(), self.stage.get().value()];
        texts.iter().map(|s| s.get()).chain(choices.map(str::to_owned)).collect()
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
        ] {
            mine.set(theirs.get_untracked());
        }
    }

    /// The customer the form describes, on top of `base` (id and creation time).
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
        c.birthday = self.birthday.get().trim().parse::<NaiveDate>().ok();
        c.notes = self.notes.get().trim().into();
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

    // Messages appear after the first attempt to save, then follow every keystroke.
    let errors = form.errors(move || base.with_value(|b| fields.to_customer(b)).validate());
    let err = move |field: &'static str| error_for(errors, field);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = base.with_value(|b| fields.to_customer(b));
        let problems = c.validate();
        // The form keeps every input on a failure: nothing is reset.
        if let Some(c) = form.checked(app, (c, problems)) {
            form.save(app, app.stores.customers, c, Vec::new(), move |saved| {
                done.set(true);
                Some(format!("/customers/{}", saved.id))
            });
        }
    };
    // The panel compares the input as it is now: the fields stay editable beside it.
    let mine = Signal::derive(move || base.with_value(|b| fields.to_customer(b)));
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
                    <TextField label=Key::FieldBirthday value=fields.birthday input_type="date"/>
                </div>
                <TextField label=Key::FieldAddress value=fields.address error=err("address")/>
                <TextField label=Key::FieldNotes value=fields.notes error=err("notes") multiline=true/>
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
