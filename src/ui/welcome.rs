//! The first visit's welcome, one card at a time on the home pages ("/" and the
//! dashboard):
//!
//! 1. while the book has no use chosen, Kehu asks what it is for (店铺 / 工作, 课程实训,
//!    教师批阅; saved in the workbook as the `usage` setting, see [`UsageSettings`]);
//! 2. then, for a student whose book has no owner, a card asking for the student's
//!    name, class and number (saved as the workbook page saves them) and pointing to
//!    the exercises (实训);
//! 3. or, for a shop, a card offering the customers CSV import and saying, in one
//!    sentence, that the data stays in this browser and how to back it up.
//!
//! A card in the page, not a modal dialog: nothing on the page is covered or loses
//! focus, and until a use is chosen the sidebar keeps its full order. "Later", or
//! Escape inside a card, puts that card away for good in this browser.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Key;
use crate::model::settings::{Purpose, UsageSettings};
use crate::model::Choice;
use crate::store::prefs;
use crate::ui::book::{has_owner, save_owner};
use crate::ui::components::{focus_main, TextField};
use crate::ui::context::{tx, use_app};
use crate::ui::settings::{save_setting_checked, setting};

/// Set in localStorage once the user has put the student card away.
pub(crate) const WELCOME_DISMISSED_KEY: &str = "kehu.welcome_dismissed";
/// Set in localStorage once the user has put the question of use away unanswered.
const USAGE_LATER_KEY: &str = "kehu.usage_later";
/// Set in localStorage once a shop owner has put the first-steps card away.
const SHOP_START_DISMISSED_KEY: &str = "kehu.shop_start_dismissed";

/// The pages the card shows on: where the app opens.
const HOME_PAGES: [&str; 2] = ["/", "/dashboard"];

/// Which card the home page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Card {
    Usage,
    Student,
    Shop,
}

/// The welcome card, on the home pages of a writable book, until each step is done or
/// put away.
#[component]
pub fn WelcomeCard() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    // Put away during this visit; the choice, the owner or the remembered dismissal
    // keeps it away on the next.
    let closed = RwSignal::new(None::<Card>);
    let card = Memo::new(move |_| {
        // The preferences are read again on every change of page (an owner saved on the
        // workbook page counts at once).
        let home = location.pathname.with(|p| HOME_PAGES.contains(&p.as_str()));
        if !home || app.stores.db.is_read_only() {
            return None;
        }
        let dismissed = |key: &str| prefs::get::<bool>(key).unwrap_or(false);
        let card = match setting::<UsageSettings>(&app).purpose {
            None => (!dismissed(USAGE_LATER_KEY)).then_some(Card::Usage),
            Some(Purpose::Student) => (!has_owner() && !dismissed(WELCOME_DISMISSED_KEY)).then_some(Card::Student),
            Some(Purpose::Shop) => (!dismissed(SHOP_START_DISMISSED_KEY)).then_some(Card::Shop),
            Some(Purpose::Instructor) => None,
        };
        card.filter(|c| closed.get() != Some(*c))
    });
    // After a use is chosen the question goes away with the focus in it: the next card
    // takes the focus, or the page when there is none.
    let chosen = StoredValue::new(false);
    Effect::new(move |_| {
        let now = card.get();
        if chosen.get_value() && now != Some(Card::Usage) {
            chosen.set_value(false);
            request_animation_frame(move || match document().get_element_by_id("welcome-card") {
                Some(el) => {
                    use wasm_bindgen::JsCast;
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
                None => focus_main(),
            });
        }
    });
    let close = move |c: Card, key: Option<&'static str>| {
        if let Some(key) = key {
            prefs::set(key, &true);
        }
        closed.set(Some(c));
        focus_main();
    };
    move || {
        card.get().map(|c| match c {
            Card::Usage => view! { <UsageQuestion chosen later=move || close(Card::Usage, Some(USAGE_LATER_KEY))/> }.into_any(),
            Card::Student => view! {
                <WelcomeForm saved=move || close(Card::Student, None) later=move || close(Card::Student, Some(WELCOME_DISMISSED_KEY))/>
            }
            .into_any(),
            Card::Shop => view! { <ShopStart done=move || close(Card::Shop, Some(SHOP_START_DISMISSED_KEY))/> }.into_any(),
        })
    }
}

/// Escape inside a card does what its "later" button does.
fn on_escape(later: impl Fn() + Copy + 'static) -> impl Fn(leptos::ev::KeyboardEvent) + 'static {
    move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            later();
        }
    }
}

crate::split::split_fn! {
    /// Saves the use chosen on the welcome card, from the chunk that reads the rest of
    /// the book (fetched at start): the code that checks and writes settings then stays
    /// out of the first download, which only reads them.
    fn save_purpose in store_rest(app: crate::ui::context::AppCtx, purpose: Purpose) -> () {
        save_setting_checked(app, UsageSettings { purpose: Some(purpose) }, app.t_now(Key::UsageLegend));
    }
}

/// "What will you use Kehu for?": one button per use, each with a line saying whom it
/// fits.
#[component]
fn UsageQuestion(chosen: StoredValue<bool>, later: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let app = use_app();
    let choose = move |p: Purpose| {
        chosen.set_value(true);
        leptos::task::spawn_local(async move {
            if save_purpose(app, p).await.is_err() {
                app.store_error(&crate::store::StoreError::CodeNotLoaded);
            }
        });
    };
    let hint = |p: Purpose| match p {
        Purpose::Shop => Key::PurposeShopHint,
        Purpose::Student => Key::PurposeStudentHint,
        Purpose::Instructor => Key::PurposeInstructorHint,
    };
    view! {
        <section class="card welcome" aria-labelledby="usage-h" data-testid="welcome" on:keydown=on_escape(later)>
            <h2 id="usage-h">{tx(Key::UsageTitle)}</h2>
            <p class="hint">{tx(Key::UsageHint)}</p>
            <div class="purposes" role="group" aria-label=move || app.t(Key::UsageLegend)>
                {Purpose::ALL.iter().map(|&p| view! {
                    <button type="button" class="btn purpose" on:click=move |_| choose(p)>
                        <strong>{tx(p.label())}</strong>
                        <span class="hint">{tx(hint(p))}</span>
                    </button>
                }).collect_view()}
            </div>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| later()>{tx(Key::WelcomeDismiss)}</button>
            </div>
        </section>
    }
}

/// A shop's first steps: import the customers from a CSV, and where the data lives.
#[component]
fn ShopStart(done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    view! {
        <section id="welcome-card" tabindex="-1" class="card welcome" aria-labelledby="shop-start-h" data-testid="welcome" on:keydown=on_escape(done)>
            <h2 id="shop-start-h">{tx(Key::ShopStartTitle)}</h2>
            <p>{tx(Key::ShopStartData)}</p>
            <p class="hint">{tx(Key::ShopStartImportHint)}</p>
            <div class="actions">
                <a class="btn btn-primary" href="/customers/import">{tx(Key::ShopStartImport)}</a>
                <button type="button" class="btn" on:click=move |_| done()>{tx(Key::ShopStartDone)}</button>
            </div>
        </section>
    }
}

#[component]
fn WelcomeForm(
    saved: impl Fn() + Copy + Send + Sync + 'static,
    later: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    let (name, class, student_id) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let name_missing = RwSignal::new(false);
    let name_error = Signal::derive(move || name_missing.get().then(|| app.t(Key::Required).to_owned()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        name_missing.set(typed.trim().is_empty());
        if typed.trim().is_empty() {
            return;
        }
        save_owner(&app, &typed, &class.get_untracked(), &student_id.get_untracked());
        saved();
    };
    view! {
        <section id="welcome-card" tabindex="-1" class="card welcome" aria-labelledby="welcome-h" data-testid="welcome" on:keydown=on_escape(later)>
            <h2 id="welcome-h">{tx(Key::WelcomeTitle)}</h2>
            <p class="hint">{tx(Key::WelcomeHint)}</p>
            <form class="grid3" on:submit=save>
                <TextField label=Key::OwnerName value=name error=name_error required=true/>
                <TextField label=Key::OwnerClass value=class/>
                <TextField label=Key::OwnerStudentId value=student_id/>
                <div class="actions"><button type="submit" class="btn btn-primary">{tx(Key::WelcomeSave)}</button></div>
            </form>
            <div class="actions">
                <a href="/exercises">{tx(Key::WelcomeExercises)}</a>
                <button type="button" class="btn" on:click=move |_| later()>{tx(Key::WelcomeDismiss)}</button>
            </div>
        </section>
    }
}
