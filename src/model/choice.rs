//! A closed list of choices (a kind, a status, a category) with, for each, its value in
//! the file and its words: written once, beside the enum, with [`choice!`].
//!
//! Pages render any [`Choice`] as a select, a filter or a badge without a table of their
//! own, so adding a variant touches only the enum's file and the strings.

use crate::i18n::Key;

/// An enum whose variants the user picks from.
pub trait Choice: Copy + Eq + std::fmt::Debug + 'static {
    /// Every variant, in the order the interface shows them.
    const ALL: &'static [Self];

    /// The value in the file (the serde name), also an option's value and a CSS suffix.
    fn value(self) -> &'static str;

    /// The words for the variant.
    fn label(self) -> Key;

    /// The variant whose [`Choice::value`] is `v`.
    fn from_value(v: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.value() == v)
    }
}

/// Implements [`Choice`] for an enum: each variant once, in the order the interface
/// shows them, with its value in the file and its [`Key`].
///
/// ```text
/// choice! { Severity {
///     Urgent = "urgent" => SevUrgent,
///     High = "high" => SevHigh,
/// } }
/// ```
///
/// The matches in `value` and `label` make the compiler refuse a variant left out, and
/// a variant listed twice is an unreachable pattern (a warning, an error under
/// `-D warnings`); the tests below check that each value is the serde name.
macro_rules! choice {
    ($ty:ident { $($variant:ident = $value:literal => $label:ident),+ $(,)? }) => {
        impl $crate::model::choice::Choice for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];

            fn value(self) -> &'static str {
                match self {
                    $($ty::$variant => $value),+
                }
            }

            fn label(self) -> $crate::i18n::Key {
                match self {
                    $($ty::$variant => $crate::i18n::Key::$label),+
                }
            }
        }
    };
}

pub(crate) use choice;

/// Checks that every value of `E` is distinct and reads back as its variant (for the
/// tests of choices that are not stored, which have no serde name to compare with).
#[cfg(test)]
pub(crate) fn values_round_trip<E: Choice>() {
    let values: std::collections::HashSet<&str> = E::ALL.iter().map(|c| c.value()).collect();
    assert_eq!(values.len(), E::ALL.len(), "{:?}: two variants share a value", E::ALL);
    for c in E::ALL {
        assert_eq!(E::from_value(c.value()), Some(*c));
    }
    assert_eq!(E::from_value("no such value"), None);
}

#[cfg(test)]
mod tests {
    use serde::{de::DeserializeOwned, Serialize};

    use super::*;

    /// The value is what serde writes and reads, for every variant.
    fn values_are_serde_names<E: Choice + Serialize + DeserializeOwned>() {
        values_round_trip::<E>();
        for c in E::ALL {
            let json = format!("\"{}\"", c.value());
            assert_eq!(serde_json::to_string(c).unwrap(), json, "{c:?}");
            assert_eq!(serde_json::from_str::<E>(&json).unwrap(), *c);
        }
    }

    #[test]
    fn every_stored_choice_writes_its_value() {
        use crate::model::{call, complaint, customer, etiquette, key_account, loyalty, org, service, ticket, visit};
        values_are_serde_names::<service::ServiceKind>();
        values_are_serde_names::<ticket::TicketType>();
        values_are_serde_names::<ticket::TicketStatus>();
        values_are_serde_names::<complaint::Severity>();
        values_are_serde_names::<complaint::ComplaintCategory>();
        values_are_serde_names::<complaint::ComplaintStep>();
        values_are_serde_names::<etiquette::ScriptCategory>();
        values_are_serde_names::<org::OrgLevel>();
        values_are_serde_names::<org::DutyArea>();
        values_are_serde_names::<customer::Stage>();
        values_are_serde_names::<customer::CustomerKind>();
        values_are_serde_names::<visit::VisitStatus>();
        values_are_serde_names::<key_account::ActivityKind>();
        values_are_serde_names::<call::CallDirection>();
        values_are_serde_names::<loyalty::PointKind>();
        values_are_serde_names::<crate::model::settings::Purpose>();
    }

    #[test]
    fn segments_read_back() {
        values_round_trip::<crate::model::preference::Segment>();
    }
}
