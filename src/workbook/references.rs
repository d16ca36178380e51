//! The rules between records: every reference points at a record of the book, a
//! callback is not due before what it follows, the org chart has no cycle, survey
//! answers fit their survey. An import checks them on the file; a merge on the book it
//! would make ([`super::merge::settle_merge`]), so a merge never stores a book that its
//! own export would not import.

// Ids are hashed by the hundred thousand here; Fx is several times faster than SipHash.
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::pipeline::DEFAULT_STAGES;
use crate::model::survey::Survey;
use crate::model::Collections;
use crate::model::{Problem, Record};

macro_rules! define_book_view {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every collection of a book as references to its records: the file's, the
        /// store's tables, or the book a merge would make, without copying a record.
        #[derive(Debug, Default)]
        pub struct BookView<'a> {
            $(
                #[doc = $doc]
                pub $name: Vec<&'a $ty>,
            )*
        }

        impl Collections {
            /// This book's records as a [`BookView`].
            pub fn view(&self) -> BookView<'_> {
                BookView { $($name: self.$name.iter().collect(),)* }
            }
        }
    };
}

crate::for_each_collection!(define_book_view);

/// A record of a [`BookView`]: its collection and its place in that collection's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct At {
    /// The collection's name.
    pub collection: &'static str,
    /// The record's index in the view's list.
    pub index: usize,
}

/// A rule between records that one record breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceProblem {
    /// The record that breaks it.
    pub at: At,
    /// Its field (`customer_id`, `invitees[2]`, `answers.speed`).
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
    /// The other record the rule is about, when there is one: the record a callback
    /// follows, the survey an answer does not fit, the unit a cycle runs through.
    pub other: Option<At>,
}

/// How a record refers to others (the `kind` of a reference in
/// [`crate::for_each_collection`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// Always set.
    One,
    /// May be empty.
    Maybe,
    /// A list of ids.
    Many,
}

/// What deleting a record does to a record that refers to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// The referring record is deleted too.
    Delete,
    /// The reference is emptied.
    Clear,
    /// The id leaves the list.
    Drop,
    /// The referring record moves up to the deleted record's own parent.
    Lift,
    /// The record cannot be deleted while it is referred to.
    Restrict,
}

/// One declared reference: records of `from` name, in `field`, a record of one of
/// `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The referring collection.
    pub from: &'static str,
    /// Its field.
    pub field: &'static str,
    /// How the field refers.
    pub kind: RefKind,
    /// The collections the id may belong to.
    pub to: &'static [&'static str],
    /// What deleting the target does.
    pub on_delete: OnDelete,
}

macro_rules! ref_kind {
    (one) => {
        RefKind::One
    };
    (maybe) => {
        RefKind::Maybe
    };
    (many) => {
        RefKind::Many
    };
}

macro_rules! on_delete {
    (delete) => {
        OnDelete::Delete
    };
    (clear) => {
        OnDelete::Clear
    };
    (drop) => {
        OnDelete::Drop
    };
    (lift) => {
        OnDelete::Lift
    };
    (restrict) => {
        OnDelete::Restrict
    };
}

/// Checks one declared reference of one record: `ids` (an `Id` or a list of them)
/// must each be `known`; `problem` reports the field (with `[j]` for a list).
macro_rules! check_reference {
    (one, $id:expr, $known:expr, $problem:expr) => {
        if !$known($id.as_str()) {
            $problem(String::new());
        }
    };
    (maybe, $id:expr, $known:expr, $problem:expr) => {
        if !$id.is_empty() && !$known($id.as_str()) {
            $problem(String::new());
        }
    };
    (many, $ids:expr, $known:expr, $problem:expr) => {
        for (j, id) in $ids.iter().enumerate() {
            if !$known(id.as_str()) {
                $problem(format!("[{j}]"));
            }
        }
    };
}

/// The ids a reference of kind `$kind` names, as an iterator of `&str`.
macro_rules! referred {
    (one, $id:expr) => {
        std::iter::once($id.as_str())
    };
    (maybe, $id:expr) => {
        (!$id.is_empty()).then(|| $id.as_str()).into_iter()
    };
    (many, $ids:expr) => {
        $ids.iter().map(|id| id.as_str())
    };
}

macro_rules! if_later {
    (later, $name:ident) => {
        stringify!($name)
    };
}

macro_rules! define_declared {
    ($($name:ident: $ty:ty [since $since:literal $(, $later:ident)? $(; $field:ident $kind:ident -> $($target:ident)|+ $action:ident)*] => $doc:literal,)*) => {
        /// The format version that introduced collection `name`; `None` for a name
        /// that is no collection.
        pub fn introduced_in(name: &str) -> Option<u64> {
            match name {
                $(stringify!($name) => Some($since),)*
                _ => None,
            }
        }

        /// The collections the app reads in the background after the first page,
        /// in the list's order.
        pub const LATER: &[&str] = &[$($(if_later!($later, $name),)?)*];

        /// Every reference between records, as declared.
        pub const REFERENCES: &[Reference] = &[$($(Reference {
            from: stringify!($name),
            field: stringify!($field),
            kind: ref_kind!($kind),
            to: &[$(stringify!($target)),+],
            on_delete: on_delete!($action),
        },)*)*];

        /// Per target collection, the ids some declared reference names that are in
        /// it. The names are gathered first, so a set holds at most the ids referred
        /// to, not every id of a large target (900,000 service records for the
        /// callbacks that follow a few of them).
        fn known_ids<'a>(book: &BookView<'a>) -> FxHashMap<&'static str, FxHashSet<&'a str>> {
            let mut wanted: FxHashMap<&'static str, FxHashSet<&'a str>> = FxHashMap::default();
            // One lookup of the target's set per reference, not per record: a hash
            // of the name for each of 1.2 million records showed in the import.
            $($($({
                let set = wanted.entry(stringify!($target)).or_default();
                for r in &book.$name {
                    let r: &'a $ty = r;
                    set.extend(referred!($kind, r.$field));
                }
            })+)*)*
            let mut known = FxHashMap::default();
            $(if let Some(w) = wanted.get(stringify!($name)) {
                let ids: FxHashSet<&'a str> = book.$name.iter().map(|r| r.id()).filter(|id| w.contains(id)).collect();
                known.insert(stringify!($name), ids);
            })*
            known
        }

        /// Checks every declared reference of every record of `book` against `known`.
        fn check_declared(book: &BookView, known: &FxHashMap<&'static str, FxHashSet<&str>>, out: &mut Vec<ReferenceProblem>) {
            let empty = FxHashSet::default();
            let ids = |name: &str| known.get(name).unwrap_or(&empty);
            $($(
                let targets = [$(ids(stringify!($target))),+];
                for (i, r) in book.$name.iter().enumerate() {
                    let known = |id: &str| targets.iter().any(|t| t.contains(id));
                    let problem = |suffix: String| out.push(ReferenceProblem {
                        at: At { collection: stringify!($name), index: i },
                        field: format!("{}{suffix}", stringify!($field)),
                        problem: Problem::UnknownReference,
                        other: None,
                    });
                    let mut problem = problem;
                    check_reference!($kind, r.$field, known, problem);
                }
            )*)*
        }
    };
}

crate::for_each_collection!(define_declared);

/// The [`LATER`] collections in the order to read them: each after the later ones it
/// refers to (what a callback follows before the callbacks, so a callback's page,
/// which waits for the callbacks, finds it), otherwise in the list's order.
pub fn later_in_load_order() -> Vec<&'static str> {
    let mut order: Vec<&'static str> = Vec::with_capacity(LATER.len());
    while order.len() < LATER.len() {
        let next = LATER
            .iter()
            .find(|name| {
                !order.contains(name)
                    && REFERENCES
                        .iter()
                        .filter(|r| r.from == **name)
                        .all(|r| r.to.iter().all(|t| *t == **name || !LATER.contains(t) || order.contains(t)))
            })
            // A cycle among them (none is declared): the rest in the list's order.
            .or_else(|| LATER.iter().find(|name| !order.contains(name)))
            .expect("a collection is left");
        order.push(next);
    }
    order
}

/// Checks every rule between the records of `book`: the declared references
/// ([`REFERENCES`]; trashed records count: restoring them must find what they point
/// at), then the rules no declaration says: a callback not due before what it
/// follows, orders not dated in the future, no cycle in the org chart, survey answers
/// that fit their survey. Opportunities of a book without stages of its own use the
/// default stages. `today` is the latest day an order may have.
pub fn check_references(book: &BookView, today: chrono::NaiveDate) -> Vec<ReferenceProblem> {
    let mut out = Vec::new();
    let mut known = known_ids(book);
    if book.pipeline_stages.is_empty() {
        known.insert("pipeline_stages", DEFAULT_STAGES.iter().map(|s| s.0).collect());
    }
    check_declared(book, &known, &mut out);
    let mut push = |collection: &'static str, index: usize, field: &str, problem: Problem, other: Option<At>| {
        out.push(ReferenceProblem { at: At { collection, index }, field: field.to_owned(), problem, other });
    };

    // What a callback follows, with the day it starts from: it cannot be due before.
    // Only the records some callback follows are kept.
    let follows: FxHashSet<&str> =
        book.callbacks.iter().map(|c| c.follows.as_str()).filter(|f| !f.is_empty()).collect();
    let followed: FxHashMap<&str, (At, chrono::NaiveDate)> = book
        .service_records
        .iter()
        .enumerate()
        .filter(|(_, r)| follows.contains(r.id.as_str()))
        .map(|(index, r)| (r.id.as_str(), (At { collection: "service_records", index }, r.at.date_naive())))
        .chain(book.tickets.iter().enumerate().filter(|(_, t)| follows.contains(t.id.as_str())).filter_map(
            |(index, t)| Some((t.id.as_str(), (At { collection: "tickets", index }, t.flow.opened_at()?.date_naive()))),
        ))
        .collect();
    for (i, r) in book.callbacks.iter().enumerate() {
        if let Some((at, start)) = followed.get(r.follows.as_str()) {
            if r.due < *start {
                push("callbacks", i, "due", Problem::BeforeStart, Some(*at));
            }
        }
    }

    for (i, o) in book.orders.iter().enumerate() {
        if let Some(e) = o.check_date(today) {
            push("orders", i, &e.field, e.problem, None);
        }
    }

    check_org_chart(book, &mut push);

    let surveys: FxHashMap<&str, (usize, &Survey)> =
        book.surveys.iter().enumerate().map(|(i, s)| (s.id.as_str(), (i, *s))).collect();
    for (i, r) in book.survey_responses.iter().enumerate() {
        if let Some((index, s)) = surveys.get(r.survey_id.as_str()) {
            for e in r.check_against(s) {
                push("survey_responses", i, &e.field, e.problem, Some(At { collection: "surveys", index: *index }));
            }
        }
    }
    out
}

/// Every unit's parent is a unit of the book, and following parents from any unit
/// never comes back to it. A unit on a cycle names the parent it reports to.
fn check_org_chart(book: &BookView, push: &mut impl FnMut(&'static str, usize, &str, Problem, Option<At>)) {
    let index: FxHashMap<&str, usize> = book.org_units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    // Trashed units keep their place: restoring one must not make a cycle either.
    for (i, u) in book.org_units.iter().enumerate() {
        if u.parent_id.is_empty() {
            continue;
        }
        // An unknown parent is a declared reference's problem.
        let Some(&parent) = index.get(u.parent_id.as_str()) else { continue };
        // A unit its own parent breaks its own rule (`OrgUnit::validate`).
        if parent == i {
            continue;
        }
        // Walk up from the parent through live units (a trashed unit ends the chain,
        // as on the org page); a walk longer than the chart is a cycle above this unit,
        // reported at the units on it.
        let mut at = parent;
        let mut steps = 0;
        let cycles = loop {
            if at == i {
                break true;
            }
            let unit = book.org_units[at];
            steps += 1;
            if unit.deleted_at.is_some() || steps > book.org_units.len() {
                break false;
            }
            match index.get(unit.parent_id.as_str()) {
                Some(&next) => at = next,
                None => break false,
            }
        };
        if cycles {
            push("org_units", i, "parent_id", Problem::Cycle, Some(At { collection: "org_units", index: parent }));
        }
    }
}

/// The record at `at` of `book`, as its id and [`Record::summary`].
pub fn describe(book: &BookView, at: At) -> (String, String) {
    macro_rules! find {
        ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
            match at.collection {
                $(stringify!($name) => book.$name.get(at.index).map(|r| (r.id().to_owned(), r.summary())),)*
                _ => None,
            }
        };
    }
    crate::for_each_collection!(find).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Collections, FORMAT_VERSION};

    #[test]
    fn every_collection_says_when_it_came_and_no_other_name_does() {
        for name in Collections::NAMES {
            let since = introduced_in(name).unwrap_or_else(|| panic!("{name} has no version"));
            assert!((1..=u64::from(FORMAT_VERSION)).contains(&since), "{name}: {since}");
        }
        // The versions of docs/workbook-format.md's table.
        assert_eq!(introduced_in("customers"), Some(1));
        assert_eq!(introduced_in("callbacks"), Some(2));
        assert_eq!(introduced_in("orders"), Some(3));
        assert_eq!(introduced_in("point_entries"), Some(4));
        assert_eq!(introduced_in("org_units"), Some(5));
        assert_eq!(introduced_in("feedback"), Some(6));
        assert_eq!(introduced_in("widgets"), None);
    }

    #[test]
    fn every_reference_names_collections_of_the_book() {
        for r in REFERENCES {
            assert!(Collections::NAMES.contains(&r.from), "{r:?}");
            assert!(r.to.iter().all(|t| Collections::NAMES.contains(t)), "{r:?}");
        }
        let follows = REFERENCES.iter().find(|r| (r.from, r.field) == ("callbacks", "follows")).unwrap();
        assert_eq!(
            (follows.kind, follows.to, follows.on_delete),
            (RefKind::Maybe, &["service_records", "tickets"][..], OnDelete::Clear)
        );
        // Every collection that refers to a customer by customer_id declares it.
        let by_customer = REFERENCES.iter().filter(|r| r.field == "customer_id" && r.to == ["customers"]).count();
        assert_eq!(by_customer, 14);
        assert!(LATER.contains(&"orders") && !LATER.contains(&"customers"));
        let order = later_in_load_order();
        let at = |name: &str| order.iter().position(|n| *n == name).unwrap();
        assert_eq!(order.len(), LATER.len());
        assert!(at("service_records") < at("callbacks") && at("tickets") < at("callbacks"), "{order:?}");
    }
}
