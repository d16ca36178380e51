//! The first visit's welcome: while this browser's book has no owner, the home pages
//! ("/" and the dashboard) open with a card asking for the student's name, class and
//! number (saved as the workbook page saves them) and pointing to the exercises (实训).
//! A card in the page, not a modal dialog: a shop owner reads past it, and nothing on
//! the page is covered or loses focus. "Not a student / later", or Escape inside the
//! card, puts it away for good in this browser.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Key;
use crate::store::prefs;
use crate::ui::book::{has_owner, save_owner};
use crate::ui::components::{focus_main, TextField};
use crate::ui::context::{tx, use_app};

/// Set in localStorage once the user has put the card away.
pub(crate) const WELCOME_DISMISSED_KEY: &str = "kehu.welcome_dismissed";

/// The pages the card shows on: where the app opens.
const HOME_PAGES: [&str; 2] = ["/", "/dashboard"];

/// The welcome card, on the home pages of a book with no owner until the user saves
/// an owner or puts it away.
#[component]
pub fn WelcomeCard() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    // Put away during this visit; the owner or the remembered dismissal keeps it away
    // on the next.
    let closed = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        // The preferences are read again on every change of page (an owner saved on the
        // workbook page counts at once).
        let home = location.pathname.with(|p| HOME_PAGES.contains(&p.as_str()));
        home && !closed.get()
            && !app.stores.db.is_read_only()
            && !has_owner()
            && !prefs::get::<bool>(WELCOME_DISMISSED_KEY).unwrap_or(false)
    });
    move || shown.get().then(|| view! { <WelcomeForm closed/> })
}

#[component]
fn WelcomeForm(closed: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let (name, class, student_id) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let name_missing = RwSignal::new(false);
    let name_error = Signal::derive(move || name_missing.get().then(|| app.t(Key::Required).to_owned()));
    // The card goes away with the focus in it: the page's content takes the focus.
    let close = move || {
        closed.set(true);
        focus_main();
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        name_missing.set(typed.trim().is_empty());
        if typed.trim().is_empty() {
            return;
        }
        save_owner(&app, &typed, &class.get_untracked(), &student_id.get_untracked());
        close();
    };
    let dismiss = move || {
        prefs::set(WELCOME_DISMISSED_KEY, &true);
        close();
    };
    view! {
        <section
            class="card welcome"
            aria-labelledby="welcome-h"
            data-testid="welcome"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    dismiss();
                }
            }
        >
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
                <button type="button" class="btn" on:click=move |_| dismiss()>{tx(Key::WelcomeDismiss)}</button>
            </div>
        </section>
    }
}
