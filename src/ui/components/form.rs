//! One record form's save, the same on every form: messages from the first attempt
//! on, the first marked field focused on a refused save, the record stamped, one
//! write at a time (a double-click or a held Enter writes nothing more), the write
//! based on the version the form opened with, the conflict view when another tab
//! saved first ([`super::RecordConflict`]), the page the form goes on to only if the
//! user is still on the form ([`super::go_on_from`]) and the toasts.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{focus_first_error, form_errors, go_on_from, Conflict};
use crate::i18n::Key;
use crate::model::{FieldError, Record};
use crate::store::{Along, Collection, StoreError};
use crate::ui::context::AppCtx;

/// The router's navigation.
type Go = Rc<dyn Fn(&str, NavigateOptions)>;
/// [`Go`], kept in this thread's arena (it is not `Send`).
type Navigate = StoredValue<Go, LocalStorage>;

/// The save state of one record form.
pub struct FormSave<T: Send + Sync + 'static> {
    /// Whether the user tried to save: messages show from then on.
    pub tried: RwSignal<bool>,
    /// Whether a write of this form is in flight.
    pub saving: RwSignal<bool>,
    /// After a refused write: the user's record and the stored one, until the user
    /// chooses (saving again meets the same conflict).
    pub conflict: Conflict<T>,
    /// The version the form is based on; the saved record once saved.
    pub base: StoredValue<T>,
    /// Whether `base` is a stored version (an edit, a new record once saved, or one the
    /// user chose to save over): a write is then based on its `updated_at`.
    pub stored: RwSignal<bool>,
    navigate: Navigate,
}

impl<T: Send + Sync + 'static> Clone for FormSave<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for FormSave<T> {}

impl<T: Record + Send + Sync> FormSave<T> {
    /// The save state of a form on `record`, a new one or a stored one. Call it in the
    /// form's component (it takes the router's navigation).
    pub fn new(record: T, is_new: bool) -> Self {
        let navigate: Go = Rc::new(use_navigate());
        FormSave {
            tried: RwSignal::new(false),
            saving: RwSignal::new(false),
            conflict: RwSignal::new(None),
            base: StoredValue::new(record),
            stored: RwSignal::new(!is_new),
            navigate: StoredValue::new_local(navigate),
        }
    }

    /// The form's messages: none until the first attempt to save, then those of
    /// `validate` ([`form_errors`]).
    pub fn errors(self, validate: impl Fn() -> Vec<FieldError> + Send + Sync + 'static) -> Memo<Vec<(String, String)>> {
        form_errors(self.tried, validate)
    }

    /// A submitted record and its problems: with problems, says so and takes the user
    /// to the first (`None`); else the record, stamped as changed now.
    pub fn checked(self, app: AppCtx, (mut record, problems): (T, Vec<FieldError>)) -> Option<T> {
        self.tried.set(true);
        if !problems.is_empty() {
            focus_first_error(app);
            return None;
        }
        record.touch(Utc::now().max(record.created_at()));
        Some(record)
    }

    /// What a write of the form is based on: the stored version's stamp, if any.
    fn based_on(self) -> Option<DateTime<Utc>> {
        self.stored.get_untracked().then(|| self.base.with_value(|b| b.updated_at()))
    }

    /// Saves `record` into `collection`, with the records `along` (a follow-up, an
    /// order's points) in the same transaction, unless a write of this form is in
    /// flight. Once it is written, it becomes the form's base and `onward` says where
    /// the form goes on to (if anywhere). On a failure the form keeps its input; on a
    /// conflict [`Self::conflict`] holds both versions.
    pub fn save(
        self,
        app: AppCtx,
        collection: Collection<T>,
        record: T,
        along: Vec<Along>,
        onward: impl FnOnce(&T) -> Option<String> + 'static,
    ) {
        self.save_or_else(app, collection, record, along, onward, |_| ());
    }

    /// [`Self::save`], and `failed` after a failed write (to show again what is stored
    /// of a step that was not saved).
    pub fn save_or_else(
        self,
        app: AppCtx,
        collection: Collection<T>,
        record: T,
        along: Vec<Along>,
        onward: impl FnOnce(&T) -> Option<String> + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        if self.saving.get_untracked() {
            return;
        }
        self.saving.set(true);
        // Where the user is now: if they leave while it is written, they stay there.
        let from = super::current_path();
        let based_on = self.based_on();
        let FormSave { saving, conflict, base, stored, navigate, .. } = self;
        leptos::task::spawn_local(async move {
            conflict.set(None);
            let mine = record.clone();
            match collection.save_edit_with(record, based_on, along).await {
                Ok(()) => {
                    let to = onward(&mine);
                    base.set_value(mine);
                    stored.set(true);
                    if let (Some(to), Some(navigate)) = (to, navigate.try_get_value()) {
                        go_on_from(|to, options| navigate(to, options), &from, &to);
                    }
                    app.success(Key::Saved);
                }
                Err(e) => {
                    if e == StoreError::Conflict {
                        if let Some(latest) = collection.with_untracked(|t| t.get(mine.id()).cloned()) {
                            conflict.set(Some((mine, latest)));
                        }
                    }
                    failed(&e);
                    app.store_error(&e);
                }
            }
            saving.set(false);
        });
    }
}
