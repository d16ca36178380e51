//! The domain: plain Rust types and their rules, one file per entity.
//!
//! Nothing here knows about the browser; everything is tested natively.

pub mod birthday;
pub mod book;
pub mod call;
pub mod care;
pub mod choice;
pub mod complaint;
pub mod custom_field;
pub mod customer;
pub mod etiquette;
pub mod feedback;
pub mod goals;
pub mod id;
pub mod job;
pub mod key_account;
pub mod loyalty;
pub mod opening;
pub mod order;
pub mod org;
pub mod phone;
pub mod pipeline;
pub mod preference;
pub mod record;
pub mod service;
pub mod settings;
pub mod stamp;
pub mod survey;
pub mod ticket;
pub mod validate;
pub mod visit;

pub use book::{BookRef, BorrowedVisitor, CollectionSource, CollectionVisitor, CollectionVisitorMut, Collections};
pub use choice::Choice;
pub use customer::{Customer, CustomerKind, Stage};
pub use id::Id;
pub use record::{new_id, Record};
pub use validate::{has_visible, is_valid_id, FieldError, Problem, STAMP_YEARS};

/// A text field of a record in the big collections (customers, service records,
/// callbacks, orders, points).
///
/// Up to 12 bytes (four Chinese characters) are kept inside the record instead of in
/// an allocation of their own. Most field values of a large book are that short (a
/// staff name, a channel, a category); at 100,000 customers this took the tab's
/// WebAssembly memory from 428 to 396 MB. It reads and writes as a plain JSON string,
/// so the workbook format and its schema are unchanged.
pub type Text = compact_str::CompactString;
