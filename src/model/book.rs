//! A book: every collection of the database, listed once ([`crate::for_each_collection`])
//! with the facts that tie them together. The workbook file, the importer, the store
//! and the analyses all build on this list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Record;

/// Calls the macro `$m` with every collection of the database as
/// `name: Type [facts] => "doc"`, so the file format, the importer and the store list
/// the collections, and how they hang together, in this one place. A new module adds
/// its line here (and bumps `workbook::FORMAT_VERSION` so older apps refuse a file rather than
/// drop its records).
///
/// The facts in brackets: `since N`, the format version that introduced the
/// collection (an older file that has it was not written by Kehu); `later` when the
/// app reads it in the background after the first page (a long history); then, after
/// `;`, each reference to other records as `field kind -> target [| target…] on_delete`:
/// - kind: `one` (always set), `maybe` (may be empty) or `many` (a list of ids);
/// - on_delete, what deleting the target does to this record: `delete` (it goes too),
///   `clear` (the reference is emptied), `drop` (the id leaves the list), `lift` (it
///   moves up to the deleted record's own parent), `restrict` (the target cannot be
///   deleted while it is used).
///
/// Generated from the references: the import's reference checks
/// (`references::check_references`), the delete cascade and the re-pointing of a
/// customer merge (`store::Stores`).
#[macro_export]
macro_rules! for_each_collection {
    ($m:ident) => {
        $m! {
            customers: $crate::model::Customer [since 1] => "The customer files (客户档案), including those in the trash.",
            service_records: $crate::model::service::ServiceRecord [since 2, later; customer_id one -> customers delete] => "Service records (服务记录): receptions, calls and visits.",
            callbacks: $crate::model::service::Callback [since 2, later; customer_id one -> customers delete; follows maybe -> service_records | tickets clear] => "Callbacks (回访), scheduled and done.",
            tickets: $crate::model::ticket::Ticket [since 2, later; customer_id one -> customers delete] => "After-sales tickets (售后服务) with their status history.",
            surveys: $crate::model::survey::Survey [since 2] => "Satisfaction surveys (满意度调查) and their questions.",
            survey_responses: $crate::model::survey::SurveyResponse [since 2; survey_id one -> surveys delete; customer_id maybe -> customers clear] => "Answers to the surveys, per customer or anonymous.",
            scripts: $crate::model::etiquette::Script [since 2] => "The library of service scripts (话术).",
            self_checks: $crate::model::etiquette::SelfCheck [since 2] => "Scored etiquette self-checks (自查), with their dates.",
            orders: $crate::model::order::Order [since 3, later; customer_id one -> customers delete] => "Orders (交易记录): date, lines, amount, channel.",
            pipeline_stages: $crate::model::pipeline::PipelineStage [since 3] => "The stages of the prospect pipeline, in order.",
            opportunities: $crate::model::pipeline::Opportunity [since 3, later; customer_id one -> customers delete; stage_id one -> pipeline_stages restrict] => "Sales opportunities (商机) moving through the pipeline.",
            visits: $crate::model::visit::Visit [since 3, later; customer_id one -> customers delete] => "Customer visits (客户拜访): plan, preparation and result.",
            key_accounts: $crate::model::key_account::KeyAccount [since 3; customer_id one -> customers delete] => "Key-account files (大客户档案).",
            account_activities: $crate::model::key_account::AccountActivity [since 3; customer_id one -> customers delete] => "Relationship activities with key accounts.",
            event_plans: $crate::model::key_account::EventPlan [since 3; invitees many -> customers drop] => "Key-account event plans (大客户联谊会实施方案).",
            complaints: $crate::model::complaint::Complaint [since 4, later; customer_id one -> customers delete] => "Complaints (客户投诉) with their six-step flow.",
            point_entries: $crate::model::loyalty::PointEntry [since 4, later; customer_id one -> customers delete] => "The loyalty points ledger (积分明细); a balance is the sum of its lines.",
            care_rules: $crate::model::care::CareRule [since 4] => "Customer-care rules (客户关怀) and their message templates.",
            care_actions: $crate::model::care::CareAction [since 4, later; customer_id one -> customers delete; rule_id one -> care_rules delete] => "Care actions done for customers.",
            preferences: $crate::model::preference::Preference [since 4, later; customer_id one -> customers delete] => "Customers' preference profiles (个性化服务).",
            service_rules: $crate::model::preference::ServiceRule [since 4] => "Service rules per RFM segment.",
            calls: $crate::model::call::Call [since 5, later; customer_id maybe -> customers clear] => "The call-center log (呼叫中心): inbound and outbound calls with queue, talk and after-call times.",
            org_units: $crate::model::org::OrgUnit [since 5; parent_id maybe -> org_units lift] => "The customer-service department's org chart (组织结构): units and positions with levels, head counts and duty areas.",
            job_descriptions: $crate::model::job::JobDescription [since 5] => "Job descriptions (岗位说明书) with every element of table 1-2, the 3W goal, standards, sign-off and validity.",
            settings: $crate::model::settings::Setting [since 5] => "The user's settings, one record per area (loyalty, complaint deadlines, callback days, key-account rules).",
            feedback: $crate::model::feedback::Feedback [since 6] => "An instructor's feedback (批阅) per exercise, imported from a feedback file: grade and comment; the id is the exercise's.",
        }
    };
}

/// Something done with each collection in turn, whatever its record type.
pub trait CollectionVisitor {
    /// Called once per collection with its records.
    fn visit<T: Record>(&mut self, records: &[T]);
}

/// Something that changes each collection in turn, whatever its record type.
pub trait CollectionVisitorMut {
    /// Called once per collection with its records.
    fn visit_mut<T: Record>(&mut self, records: &mut [T]);
}

/// Something that produces each collection in turn, whatever its record type.
pub trait CollectionSource {
    /// The records of collection `T`.
    fn take<T: Record>(&mut self) -> Vec<T>;
}

macro_rules! define_collections {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every collection of the database (see [`for_each_collection`]).
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Collections {
            $(
                #[doc = $doc]
                #[serde(default)]
                pub $name: Vec<$ty>,
            )*
        }

        impl Collections {
            /// The names of every collection, as in the file.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name),)*];

            /// Total number of records across collections.
            pub fn len(&self) -> usize {
                0 $(+ self.$name.len())*
            }

            /// Calls `visitor` with each collection.
            pub fn visit(&self, visitor: &mut impl CollectionVisitor) {
                $(visitor.visit(&self.$name);)*
            }

            /// Calls `visitor` with each collection, to change its records.
            pub fn visit_mut(&mut self, visitor: &mut impl CollectionVisitorMut) {
                $(visitor.visit_mut(&mut self.$name);)*
            }

            /// Every collection, each taken from `source`.
            pub fn build(source: &mut impl CollectionSource) -> Self {
                Collections { $($name: source.take(),)* }
            }

            /// Every collection's records, borrowed (a reference each, not a copy).
            pub fn borrowed(&self) -> BookRef<'_> {
                BookRef { $($name: self.$name.iter().collect(),)* }
            }

            /// Fills the collection called `name` from `source`; `false` if there is
            /// no such collection.
            pub fn fill(&mut self, name: &str, source: &mut impl CollectionSource) -> bool {
                match name {
                    $(stringify!($name) => self.$name = source.take(),)*
                    _ => return false,
                }
                true
            }
        }
    };
}

for_each_collection!(define_collections);

/// Something done with each collection of a [`BookRef`] in turn, whatever its record
/// type.
pub trait BorrowedVisitor {
    /// Called once per collection with its records.
    fn visit<T: Record>(&mut self, records: &[&T]);
}

macro_rules! define_book_ref {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every collection of a book, each record borrowed: what reads a whole book
        /// (the exercise checks) reads. The book in the browser's memory lends its
        /// records this way (`store::Stores::with_book`); a copy of a 100,000-customer
        /// book would take as much memory again (issue 24); a reference takes 4 bytes
        /// in WebAssembly.
        #[derive(Debug, Clone, Default)]
        pub struct BookRef<'a> {
            $(
                #[doc = $doc]
                pub $name: Vec<&'a $ty>,
            )*
        }

        impl BookRef<'_> {
            /// Calls `visitor` with each collection.
            pub fn visit(&self, visitor: &mut impl BorrowedVisitor) {
                $(visitor.visit(&self.$name);)*
            }
        }
    };
}

for_each_collection!(define_book_ref);

impl Collections {
    /// Whether there are no records at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Marks every record as sample data.
    pub fn mark_all_sample(&mut self) {
        struct Mark;
        impl CollectionVisitorMut for Mark {
            fn visit_mut<T: Record>(&mut self, records: &mut [T]) {
                records.iter_mut().for_each(Record::mark_sample);
            }
        }
        self.visit_mut(&mut Mark);
    }

    /// Whether the book holds records and every live one came with a sample company:
    /// a book the student has done nothing of their own in.
    pub fn is_sample_only(&self) -> bool {
        struct Look {
            live: usize,
            own: usize,
        }
        impl CollectionVisitor for Look {
            fn visit<T: Record>(&mut self, records: &[T]) {
                for r in records.iter().filter(|r| !r.is_trashed()) {
                    self.live += 1;
                    self.own += usize::from(!r.is_sample());
                }
            }
        }
        let mut look = Look { live: 0, own: 0 };
        self.visit(&mut look);
        look.live > 0 && look.own == 0
    }
}
