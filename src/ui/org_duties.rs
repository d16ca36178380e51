//! 实战训练 任务2: the department's main duties for this company, written out per duty
//! area (the org page's tick grid says who holds an area; this says what it involves).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::org::DutyArea;
use crate::model::settings::DutyTexts;
use crate::model::Choice;
use crate::ui::context::{tx, use_app};
use crate::ui::settings::{save_setting_checked, setting, setting_untracked};

/// A text area per duty area, saved as the book's [`DutyTexts`] when it is left.
#[component]
pub fn DutyTextsCard() -> impl IntoView {
    let app = use_app();
    let texts = Memo::new(move |_| setting::<DutyTexts>(&app));
    // Read-only (not disabled) in a student's book: the text stays easy to read.
    let lock = crate::ui::components::Lock::new();
    view! {
        <section class="card" aria-labelledby="duty-texts-h">
            <h2 id="duty-texts-h">{tx(Key::DutyTexts)}</h2>
            <p class="hint">{tx(Key::DutyTextsHint)}</p>
            <div class="grid2">
                {DutyArea::ALL.iter().copied().map(|area| view! {
                    <label class="field">
                        <span>{tx(area.label())}</span>
                        <textarea rows="3" readonly=lock.on title=lock.title() aria-describedby=lock.described()
                            prop:value=move || texts.with(|t| t.texts.get(&area).cloned().unwrap_or_default())
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                let mut d = setting_untracked::<DutyTexts>(&app);
                                if text.trim().is_empty() {
                                    d.texts.remove(&area);
                                } else {
                                    d.texts.insert(area, text.trim().to_owned());
                                }
                                save_setting_checked(app, d, app.t_now(area.label()));
                            }></textarea>
                    </label>
                }).collect_view()}
            </div>
        </section>
    }
}
