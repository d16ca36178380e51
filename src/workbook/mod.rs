//! The JSON workbook file (`*.kehu.json`): its envelope, versions, validation on
//! import, merge, CSV, and the deterministic sample data.
//!
//! The format is public: students hand it in, instructors read it, and it is the
//! backup. `docs/workbook-format.md` describes it and `docs/workbook.schema.json` is
//! generated from these types.

pub mod calls_csv;
pub mod class_csv;
pub mod csv;
pub mod customers_csv;
mod envelope;
pub mod export_csv;
mod fast;
pub mod feedback;
pub mod handin;
mod import;
pub mod import_report;
mod merge;
pub mod orders_csv;
pub mod references;
pub mod sample;
pub mod strict;
pub mod survey_csv;

/// The book's collections are a model concept; the file format uses them as they are.
pub use crate::model::{CollectionSource, CollectionVisitor, Collections};
pub use envelope::{
    export_file_name, json_schema, owner_on_import, Owner, OwnerOnImport, Workbook, APP_VERSION, FORMAT_NAME,
    FORMAT_VERSION,
};
pub use fast::{read_record, read_records, CollectionTexts, RecordTexts};
pub use import::{
    excerpt, parse_workbook, read_workbook, ImportError, ImportProblem, ProblemKind, MAX_EXCERPT, MAX_PROBLEMS,
};
pub use merge::{
    merge_books, plan_merge, settle_merge, KeptRecord, MergeAction, MergePlan, MergeProblem, MergeRefused, MergeReport,
    MergeRule, MergeSides, MergeSummary, Sides,
};
