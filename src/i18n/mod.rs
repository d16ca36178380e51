//! zh-CN and English strings.
//!
//! Every user-visible string is a [`Key`] with both translations side by side, so a
//! missing translation does not compile. A key is a constant pointing at its two
//! texts, which costs nothing in the bundle and lets each module's texts travel in its
//! own chunk, where leptos_i18n would pull a second leptos-use (see
//! `docs/decisions.md`).
//! Errors are turned into words in [`crate::messages`], which builds on these keys;
//! this module depends on nothing else in the crate.

mod strings;

pub use strings::Key;

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language for a browser language tag: English for `en*`, Chinese otherwise
    /// (the course is Chinese).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The text of `key` in this language.
    pub fn t(self, key: Key) -> &'static str {
        key.text(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_choose_the_language() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("de"), Lang::Zh);
    }

    #[test]
    fn no_translation_is_empty_and_languages_differ_where_they_should() {
        for key in Key::ALL {
            assert!(!key.text(Lang::Zh).is_empty(), "{key:?} zh");
            assert!(!key.text(Lang::En).is_empty(), "{key:?} en");
        }
        assert_ne!(Key::NavCustomers.text(Lang::Zh), Key::NavCustomers.text(Lang::En));
    }

    #[test]
    fn the_hints_of_settings_kept_in_the_workbook_say_so() {
        // These settings are records of the book (`model::settings`): a hint saying
        // "kept in this browser" would tell a user their export leaves them behind.
        for key in [Key::CallbackRulesHint, Key::KeyAccountRulesHint, Key::DeadlinesHint, Key::LoyaltyRulesHint] {
            assert!(key.text(Lang::Zh).contains("工作簿") && !key.text(Lang::Zh).contains("浏览器"), "{key:?} zh");
            assert!(key.text(Lang::En).contains("workbook") && !key.text(Lang::En).contains("browser"), "{key:?} en");
        }
    }
}
