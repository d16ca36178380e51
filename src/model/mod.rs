//! The domain: plain Rust types and their rules, one file per entity.
//!
//! Nothing here knows about the browser; everything is tested natively.

pub mod call;
pub mod care;
pub mod complaint;
pub mod customer;
pub mod etiquette;
pub mod feedback;
pub mod goals;
pub mod job;
pub mod key_account;
pub mod loyalty;
pub mod order;
pub mod org;
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

pub use customer::{Customer, CustomerKind, Stage};
pub use record::{new_id, Record};
pub use validate::{FieldError, Problem};
