//! Labelled form fields that show their validation message.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::Choice;
use crate::ui::context::{tx, use_app};

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// A document-unique element id with `prefix`.
pub fn next_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// A labelled text input (or textarea) with hint and error message.
#[component]
pub fn TextField(
    /// The label.
    label: Key,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The current error, already in words.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// A hint under the field.
    #[prop(optional)]
    hint: Option<Key>,
    /// The input type (`text`, `email`, `tel`, `date`).
    #[prop(default = "text")]
    input_type: &'static str,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// A textarea instead of an input.
    #[prop(optional)]
    multiline: bool,
    /// Suggestions offered while typing.
    #[prop(optional)]
    suggestions: &'static [&'static str],
    /// What the browser may fill in (`bday` for a birthday); off by default.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let app = use_app();
    let id = next_id("f");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let list_id = format!("{id}-list");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.with(Option::is_some).to_string();
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=invalid
                aria-describedby=described
            ></textarea>
        }
        .into_any()
    } else {
        let has_list = !suggestions.is_empty();
        view! {
            <input
                id=id.clone()
                type=input_type
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                required=required
                aria-required=required.to_string()
                aria-invalid=invalid
                aria-describedby=described
                list=has_list.then(|| list_id.clone())
                autocomplete=autocomplete
            />
            {has_list.then(|| view! {
                <datalist id=list_id.clone()>
                    {suggestions.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
                </datalist>
            })}
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || app.t(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {control}
            {hint.map(|h| view! { <small id=hint_id.clone() class="hint">{move || app.t(h)}</small> })}
            <small id=error_id.clone() class="error" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </small>
        </div>
    }
}

/// A select over every variant of a [`Choice`], in the order of its `ALL`: a labelled
/// form field, or a label and select on one line (`inline`, for a toolbar).
#[component]
pub fn ChoiceField<E>(
    /// The label.
    label: Key,
    /// The chosen variant, two-way.
    value: RwSignal<E>,
    /// On one line with its label, inside the label (a toolbar's form).
    #[prop(optional)]
    inline: bool,
) -> impl IntoView
where
    E: Choice + Send + Sync,
{
    let current = Signal::derive(move || value.get().value());
    let pick = Callback::new(move |v: String| {
        if let Some(c) = E::from_value(&v) {
            value.set(c);
        }
    });
    choice_select(label, inline, false, options_of::<E>(), current, pick)
}

/// A filter over a [`Choice`]: "all" (`None`) or one variant, in the order of its `ALL`.
#[component]
pub fn ChoiceFilter<E>(
    /// The label.
    label: Key,
    /// The chosen variant; `None` for all.
    value: RwSignal<Option<E>>,
) -> impl IntoView
where
    E: Choice + Send + Sync,
{
    let current = Signal::derive(move || value.get().map_or("", E::value));
    let pick = Callback::new(move |v: String| value.set(E::from_value(&v)));
    choice_select(label, true, true, options_of::<E>(), current, pick)
}

/// Every variant of `E`: its value and its words.
fn options_of<E: Choice>() -> Vec<(&'static str, Key)> {
    E::ALL.iter().map(|c| (c.value(), c.label())).collect()
}

/// The select behind [`ChoiceField`] and [`ChoiceFilter`], written once for every enum:
/// a generic view per enum would put a copy of this in the bundle for each of them.
fn choice_select(
    label: Key,
    inline: bool,
    with_all: bool,
    options: Vec<(&'static str, Key)>,
    current: Signal<&'static str>,
    pick: Callback<String>,
) -> AnyView {
    let app = use_app();
    let id = next_id("s");
    let select = view! {
        <select id=(!inline).then(|| id.clone()) prop:value=move || current.get() on:change=move |ev| pick.run(event_target_value(&ev))>
            {with_all.then(|| view! { <option value="" selected=move || current.get().is_empty()>{tx(Key::All)}</option> })}
            {options
                .into_iter()
                .map(|(v, words)| view! { <option value=v selected=move || current.get() == v>{move || app.t(words)}</option> })
                .collect_view()}
        </select>
    };
    if inline {
        view! { <label class="inline"><span>{move || app.t(label)}</span>{select}</label> }.into_any()
    } else {
        view! {
            <div class="field">
                <label for=id>{move || app.t(label)}</label>
                {select}
            </div>
        }
        .into_any()
    }
}

/// A form's validation messages: none until the first attempt to save, then those of
/// `validate` (re-run on every change), as (field, words) pairs.
pub fn form_errors(
    tried: RwSignal<bool>,
    validate: impl Fn() -> Vec<crate::model::FieldError> + Send + Sync + 'static,
) -> Memo<Vec<(String, String)>> {
    let app = use_app();
    Memo::new(move |_| {
        if !tried.get() {
            return Vec::new();
        }
        let lang = app.lang.get();
        validate().into_iter().map(|e| (e.field, crate::messages::problem(lang, &e.problem))).collect()
    })
}

/// One line for a broken rule: the label of its field (the first of `labels` whose file
/// name the field starts with) and the problem, in `lang`; only the problem when no
/// label fits, so a file field name never reaches the user.
pub fn field_problem(lang: crate::i18n::Lang, e: &crate::model::FieldError, labels: &[(&str, Key)]) -> String {
    let problem = crate::messages::problem(lang, &e.problem);
    match labels.iter().find(|(name, _)| e.field.starts_with(name)) {
        Some((_, key)) => format!("{}: {problem}", lang.t(*key)),
        None => problem,
    }
}

/// The message for `field` (or one of its parts, `field[2]`, `field.x`) in `errors`.
pub fn error_for(errors: Memo<Vec<(String, String)>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| e.iter().find(|(f, _)| crate::model::validate::is_part_of(f, field)).map(|(_, m)| m.clone()))
    })
}

/// After a refused save: says so, and takes the user to the first marked field once
/// the messages are drawn.
pub fn focus_first_error(app: crate::ui::context::AppCtx) {
    app.error(Key::FixErrors);
    request_animation_frame(|| {
        if let Some(el) = document().query_selector("[aria-invalid=true]").ok().flatten() {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// A labelled select with "all" plus `options` (value, text).
#[component]
pub fn FilterSelect(
    /// The label.
    label: Key,
    /// The chosen value; empty for all.
    value: RwSignal<String>,
    /// The choices (value, text).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let app = use_app();
    // A filter on a value no longer in use (its last tag removed) would hide every
    // row behind a menu that cannot show it: drop it.
    Effect::new(move |_| {
        let v = value.get();
        if !v.is_empty() && !options.with(|o| o.iter().any(|(x, _)| *x == v)) {
            value.set(String::new());
        }
    });
    view! {
        <label class="inline">
            <span>{move || app.t(label)}</span>
            <select prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>{tx(Key::All)}</option>
                {move || options.get().into_iter().map(|(v, text)| {
                    let is_it = v.clone();
                    view! { <option value=v selected=move || value.get() == is_it>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// One form's submit, so every write is done once however often it is clicked or
/// keyed. [`Submit::run`] starts the write unless one of this form is still in flight
/// (a double-click or a held Enter does nothing more). [`Submit::record_id`] is the id
/// of the record this fill of the form creates, the same for every submit of the fill,
/// so a repeated submit writes the same record (an update), never a second one. A form
/// that empties itself after saving calls [`Submit::fill_saved`]: until the next edit
/// ([`Submit::edited`], wired to the form's `input` and `change` events) a submit does
/// nothing, and the edit starts a new fill with a new id. Its button shows
/// [`Submit::busy`] as `aria-disabled` (so it keeps its focus) and says it is saving.
#[derive(Clone, Copy)]
pub struct Submit {
    busy: RwSignal<bool>,
    saved: RwSignal<bool>,
    fill: RwSignal<crate::model::Id>,
}

impl Default for Submit {
    fn default() -> Self {
        Self::new()
    }
}

impl Submit {
    /// A form's submit, idle, with a fresh record id.
    pub fn new() -> Self {
        Submit { busy: RwSignal::new(false), saved: RwSignal::new(false), fill: RwSignal::new(crate::model::new_id()) }
    }

    /// Whether a write of this form is in flight (tracked).
    pub fn busy(self) -> bool {
        self.busy.get()
    }

    /// The id of the record this fill of the form creates.
    pub fn record_id(self) -> crate::model::Id {
        self.fill.get_untracked()
    }

    /// This fill is saved and the form emptied: submits wait for the next edit.
    pub fn fill_saved(self) {
        self.saved.set(true);
    }

    /// The user changed the form: after a saved fill, a new one begins.
    pub fn edited(self) {
        if self.saved.get_untracked() {
            self.saved.set(false);
            self.fill.set(crate::model::new_id());
        }
    }

    /// Whether a submit now would do nothing: one is in flight, or this fill is saved.
    pub fn refuses(self) -> bool {
        self.busy.get_untracked() || self.saved.get_untracked()
    }

    /// Runs `write` unless [`Self::refuses`]; whether it started.
    pub fn run(self, write: impl std::future::Future<Output = ()> + 'static) -> bool {
        if self.refuses() {
            return false;
        }
        self.busy.set(true);
        let busy = self.busy;
        leptos::task::spawn_local(async move {
            write.await;
            busy.set(false);
        });
        true
    }
}

/// A group of radio buttons under a legend: one choice of `options` (value, words),
/// written to `value`. `name` groups the buttons in the page.
#[component]
pub fn RadioChoice<T>(
    /// The group's legend.
    legend: Key,
    /// The buttons' group name in the page.
    name: &'static str,
    /// The choices, in order: value and words.
    options: Vec<(T, Key)>,
    /// The chosen value, two-way.
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset>
            <legend>{tx(legend)}</legend>
            {options.into_iter().map(|(v, words)| view! {
                <label class="radio">
                    <input type="radio" name=name prop:checked=move || value.get() == v on:change=move |_| value.set(v)/>
                    {tx(words)}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
