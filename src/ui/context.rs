//! App-wide state passed down by context: language, theme, toasts and the stores.

use leptos::prelude::*;

use crate::i18n::{Key, Lang};
use crate::messages;
use crate::store::{prefs, StoreError, Stores};

/// Light, dark, or whatever the system prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// How a toast looks and is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    /// Something worked (announced politely).
    Success,
    /// Something failed (announced at once).
    Error,
}

/// A short message in the corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// Unique within the session.
    pub id: u64,
    /// Success or error.
    pub kind: ToastKind,
    /// The text, already in the user's language.
    pub text: String,
}

/// What every page can reach.
#[derive(Clone, Copy)]
pub struct AppCtx {
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// The colour theme.
    pub theme: RwSignal<Theme>,
    /// Toasts on screen.
    pub toasts: RwSignal<Vec<Toast>>,
    next_toast: StoredValue<u64>,
    /// The loaded database.
    pub stores: Stores,
}

const LANG_KEY: &str = "kehu.lang";
const THEME_KEY: &str = "kehu.theme";

impl AppCtx {
    /// The context for `stores`, with preferences read from localStorage.
    pub fn new(stores: Stores) -> Self {
        Self {
            lang: initial_lang(),
            theme: RwSignal::new(prefs::get(THEME_KEY).unwrap_or(Theme::Auto)),
            toasts: RwSignal::new(Vec::new()),
            next_toast: StoredValue::new(0),
            stores,
        }
    }

    /// The same language, theme and toasts over other stores (a student's book under
    /// review).
    pub fn with_stores(self, stores: Stores) -> Self {
        Self { stores, ..self }
    }

    /// The text of `key` in the current language, tracked: a closure or memo that
    /// calls it runs again when the language changes.
    ///
    /// One way to put a text on screen: `tx(key)` for a text node and `txf(key)` for an
    /// attribute in `view!`; `app.t(key)` in code that builds a string inside a
    /// reactive closure; `app.t_now(key)` in an event handler or task (read once,
    /// untracked). A sentence with values in it is worded in `crate::messages`, never
    /// as an inline Chinese/English pair.
    pub fn t(&self, key: Key) -> &'static str {
        self.lang.get().t(key)
    }

    /// The text of `key` in the current language, read once (untracked): for event
    /// handlers and tasks.
    pub fn t_now(&self, key: Key) -> &'static str {
        self.lang.get_untracked().t(key)
    }

    /// Switches the language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        prefs::set(LANG_KEY, &lang.tag());
        self.lang.set(lang);
    }

    /// Switches the theme and remembers it.
    pub fn set_theme(&self, theme: Theme) {
        prefs::set(THEME_KEY, &theme);
        self.theme.set(theme);
    }

    /// Shows a toast that goes away by itself after a few seconds.
    pub fn toast(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next_toast.get_value();
        self.next_toast.set_value(id + 1);
        self.toasts.update(|t| t.push(Toast { id, kind, text: text.into() }));
        let toasts = self.toasts;
        let ms = if kind == ToastKind::Error { 10_000 } else { 4_000 };
        set_timeout(move || toasts.update(|t| t.retain(|x| x.id != id)), std::time::Duration::from_millis(ms));
    }

    /// Shows a success toast of `key`.
    pub fn success(&self, key: Key) {
        self.toast(ToastKind::Success, self.lang.get_untracked().t(key));
    }

    /// Copies `text` to the clipboard and says whether it worked.
    pub fn copy(&self, text: &str) {
        let app = *self;
        let Some(promise) = web_sys::window().map(|w| w.navigator().clipboard().write_text(text)) else { return };
        leptos::task::spawn_local(async move {
            let lang = app.lang.get_untracked();
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => app.toast(ToastKind::Success, lang.t(Key::Copied)),
                Err(_) => app.error(Key::CopyFailed),
            }
        });
    }

    /// Shows a storage failure in words.
    pub fn store_error(&self, e: &StoreError) {
        self.toast(ToastKind::Error, messages::store_error(self.lang.get_untracked(), e));
    }

    /// Shows an error toast of `key`. Every error toast goes through this, through
    /// [`Self::problem`] or [`Self::store_error`], or (a sentence already worded by
    /// `crate::messages`) through [`Self::error_text`].
    pub fn error(&self, key: Key) {
        self.toast(ToastKind::Error, self.t_now(key));
    }

    /// Shows a broken field rule in words, after `what` it is about when given
    /// ("人数: 必须在 0 到 …").
    pub fn problem(&self, what: Option<&str>, p: &crate::model::Problem) {
        let problem = messages::problem(self.lang.get_untracked(), p);
        self.toast(
            ToastKind::Error,
            match what {
                Some(what) => format!("{what}: {problem}"),
                None => problem,
            },
        );
    }

    /// Shows an error already in words.
    pub fn error_text(&self, text: impl Into<String>) {
        self.toast(ToastKind::Error, text);
    }
}

/// The saved language, else the browser's.
pub fn initial_lang() -> RwSignal<Lang> {
    let saved: Option<String> = prefs::get(LANG_KEY);
    let tag = saved.or_else(|| web_sys::window().and_then(|w| w.navigator().language())).unwrap_or_default();
    RwSignal::new(Lang::from_tag(&tag))
}

/// The app context (panics outside the app, which is a programming error).
pub fn use_app() -> AppCtx {
    expect_context::<AppCtx>()
}

/// The text of `key` in the current language, as a view that follows a switch of
/// language. Every translated text on a page goes through this one function, so the
/// bundle holds one copy of the code that draws such a text instead of one per text.
pub fn tx(key: Key) -> impl IntoView + use<> {
    let lang = use_app().lang;
    move || lang.get().t(key)
}

/// The text of `key` as a function, for attributes (`aria-label=txf(…)`); one copy in
/// the bundle for the same reason as [`tx`].
pub fn txf(key: Key) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
    let lang = use_app().lang;
    move || lang.get().t(key)
}
