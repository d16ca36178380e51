//! 客户档案: the customer list, the detail page and the form.

mod detail;
mod form;
mod list;

pub use detail::CustomerDetail;
pub use form::{CustomerEdit, CustomerNew};
pub use list::CustomerList;

use crate::i18n::Key;
use crate::model::{CustomerKind, Stage};

/// The words for a stage.
pub fn stage_key(stage: Stage) -> Key {
    match stage {
        Stage::Prospect => Key::StageProspect,
        Stage::Intent => Key::StageIntent,
        Stage::Customer => Key::StageCustomer,
        Stage::Loyal => Key::StageLoyal,
        Stage::Lost => Key::StageLost,
    }
}

/// The words for a kind.
pub fn kind_key(kind: CustomerKind) -> Key {
    match kind {
        CustomerKind::Person => Key::KindPerson,
        CustomerKind::Company => Key::KindCompany,
    }
}

/// A share 0.0–1.0 as a whole percentage (integer formatting keeps float
/// formatting out of the bundle).
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}
