//! Shared components every page uses: one table, one form field, one dialog, one
//! toast region, one file drop, one empty state.

mod bulk_bar;
pub mod chart;
mod column_mapping;
mod conflict;
mod csv_export;
mod csv_problems;
mod customer_picker;
mod dialog;
mod edit;
mod empty;
mod field;
mod file_drop;
mod focus;
mod form;
mod help;
mod import_report;
mod loaded;
mod onward;
mod read_only;
mod show_more;
pub mod table;
mod table_rows;
mod tabs;
mod toast;
mod unsaved;

pub use bulk_bar::BulkBar;
pub use chart::{Bar, BarChart, ColumnChart, LineChart, ParetoChart, Point, QuadrantChart, QuadrantPoint, Stack};
pub use column_mapping::{ColumnMapping, MappedField};
pub use conflict::{differences, Conflict, ConflictPanel, Difference, RecordConflict};
pub use csv_export::{csv_ready, save_csv, CsvText, ExportCsv};
pub use csv_problems::CsvProblems;
pub use customer_picker::CustomerPicker;
pub use dialog::ConfirmDialog;
pub use edit::RecordEdit;
pub use empty::EmptyState;
pub use field::{
    error_for, field_problem, focus_first_error, form_errors, next_id, ChoiceField, ChoiceFilter, FilterSelect,
    RadioChoice, Submit, TextField,
};
pub use file_drop::{CsvFileDrop, FileDrop};
pub use focus::focus_main;
pub use form::FormSave;
pub use help::{HelpPanel, HowComputed};
pub use import_report::{customer_names, ImportReport, ImportReportData, NameOf};
pub use loaded::{still_reading, WhenLoaded};
pub use onward::{current_path, go_on_from};
pub use read_only::{read_only, Lock, NewLink, ReadOnlyReason, Writes, READ_ONLY_REASON};
pub use show_more::{ShowMore, Shown};
pub use table::{computed_rows, Cell, Column, RowIds, Rows, VirtualTable, ROW_HEIGHT};
pub use tabs::{under, Section, SectionTabs};
pub use toast::Toasts;
pub use unsaved::{has_unsaved, install_leave_guard, may_leave, track_unsaved};
