//! After a save conflict (another tab saved the record first): the user's input beside
//! the stored version, field by field for the fields that differ, and the choice of
//! keeping theirs (saving over the stored version, knowingly) or taking the stored one.
//! Until they choose, saving again meets the same conflict, so no edit of another tab
//! is ever overwritten unseen.

use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{Key, Lang};
use crate::ui::context::{tx, use_app};

/// One field that differs: its label, the user's value and the stored one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The field's label (its name when no label is known).
    pub label: String,
    /// The value in the user's input.
    pub mine: String,
    /// The value in the stored version.
    pub theirs: String,
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items.iter().map(|i| shown(Some(i))).collect::<Vec<_>>().join(", "),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}

/// The fields in which `mine` and `theirs` differ, in `theirs`' field order, labelled
/// from `labels` (field name, text key); the stamps are left out.
pub fn differences<T: serde::Serialize>(lang: Lang, mine: &T, theirs: &T, labels: &[(&str, Key)]) -> Vec<Difference> {
    let (Ok(Value::Object(m)), Ok(Value::Object(t))) = (serde_json::to_value(mine), serde_json::to_value(theirs))
    else {
        return Vec::new();
    };
    let mut names: Vec<&String> = t.keys().collect();
    names.extend(m.keys().filter(|k| !t.contains_key(*k)));
    names
        .into_iter()
        .filter(|k| !matches!(k.as_str(), "updated_at" | "created_at"))
        .filter_map(|k| {
            let (a, b) = (shown(m.get(k)), shown(t.get(k)));
            (a != b).then(|| Difference {
                label: labels
                    .iter()
                    .find(|(name, _)| name == k)
                    .map(|(_, key)| lang.t(*key).to_owned())
                    .unwrap_or_else(|| k.clone()),
                mine: a,
                theirs: b,
            })
        })
        .collect()
}

/// The two versions side by side and the two choices.
#[component]
pub fn ConflictPanel(
    /// The fields that differ.
    #[prop(into)]
    rows: Signal<Vec<Difference>>,
    /// Save the user's input over the stored version.
    keep_mine: Callback<()>,
    /// Reload the form with the stored version.
    take_theirs: Callback<()>,
    /// The panel's element, for a caller that needs its form.
    #[prop(optional)]
    node: NodeRef<leptos::html::Section>,
) -> impl IntoView {
    let app = use_app();
    let title_id = super::next_id("conflict");
    view! {
        <section class="conflict card" role="region" aria-labelledby=title_id.clone() data-testid="conflict" node_ref=node>
            <h2 id=title_id.clone()>{tx(Key::ConflictTitle)}</h2>
            <p>{tx(Key::ConflictIntro)}</p>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::ConflictField)}</th>
                    <th scope="col">{tx(Key::ConflictMine)}</th>
                    <th scope="col">{tx(Key::ConflictTheirs)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|d| view! {
                        <tr><th scope="row">{d.label}</th><td>{d.mine}</td><td>{d.theirs}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="actions">
                <button type="button" class="btn btn-primary" on:click=move |_| keep_mine.run(())>{move || app.t(Key::KeepMine)}</button>
                <button type="button" class="btn" on:click=move |_| take_theirs.run(())>{move || app.t(Key::TakeTheirs)}</button>
            </div>
        </section>
    }
}

/// A conflict of a form saved with [`super::FormSave`]: the user's record and the
/// stored one, until the user chooses.
pub type Conflict<T> = RwSignal<Option<(T, T)>>;

/// The conflict view of a form saved with [`super::FormSave`], placed inside the
/// form. Either choice makes the stored version the form's base. Keep mine saves the
/// form again over it; take theirs reloads the page, which draws the form from the
/// stored version, or hands the stored version to `take_theirs` (a form that reloads
/// its fields itself).
#[component]
pub fn RecordConflict<T>(
    /// The form's save state.
    form: super::FormSave<T>,
    /// Labels of the record's fields (field name, text key).
    #[prop(optional)]
    labels: &'static [(&'static str, Key)],
    /// The user's input as it is now, compared instead of the input of the refused
    /// save (a form whose fields stay editable beside the panel).
    #[prop(optional)]
    mine: Option<Signal<T>>,
    /// Loads the stored version into the form, instead of reloading the page.
    #[prop(optional)]
    take_theirs: Option<Callback<T>>,
) -> impl IntoView
where
    T: crate::model::Record + Send + Sync,
{
    let app = use_app();
    let conflict = form.conflict;
    let node = NodeRef::<leptos::html::Section>::new();
    let rows = Signal::derive(move || {
        let lang = app.lang.get();
        conflict.with(|c| {
            c.as_ref()
                .map(|(at_save, theirs)| match mine {
                    Some(now) => now.with(|m| differences(lang, m, theirs, labels)),
                    None => differences(lang, at_save, theirs, labels),
                })
                .unwrap_or_default()
        })
    });
    let chosen = move || {
        let (_, theirs) = conflict.get_untracked()?;
        form.base.set_value(theirs.clone());
        form.stored.set(true);
        conflict.set(None);
        Some(theirs)
    };
    let keep_mine = Callback::new(move |()| {
        if chosen().is_some() {
            let form = node.get_untracked().and_then(|n| n.closest("form").ok().flatten());
            if let Some(form) = form {
                use wasm_bindgen::JsCast;
                let _ = form.unchecked_into::<web_sys::HtmlFormElement>().request_submit();
            }
        }
    });
    let take = Callback::new(move |()| match take_theirs {
        Some(load) => {
            if let Some(theirs) = chosen() {
                load.run(theirs);
            }
        }
        None => {
            let _ = window().location().reload();
        }
    });
    move || {
        conflict
            .with(Option::is_some)
            .then(|| view! { <ConflictPanel rows=rows keep_mine=keep_mine take_theirs=take node=node/> })
    }
}
