//! Merging an imported collection into the current one: by id, newer `updated_at` wins.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use super::references::{check_references, describe, At, BookView};
use crate::model::Collections;
use crate::model::{Problem, Record};

/// What a merge will do, computed before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan<T> {
    /// The records to write: the added ones and the updated ones.
    pub to_write: Vec<T>,
    /// The counts shown to the user.
    pub summary: MergeSummary,
}

/// How many records a merge added, updated and kept unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Ids that were not in the database.
    pub added: usize,
    /// Ids whose incoming record is newer.
    pub updated: usize,
    /// Ids whose current record is as new or newer, so it stays.
    pub unchanged: usize,
}

impl MergeSummary {
    /// Adds another collection's counts.
    pub fn add(&mut self, other: MergeSummary) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }

    /// Counts one record's action.
    pub fn count(&mut self, action: MergeAction) {
        match action {
            MergeAction::Add => self.added += 1,
            MergeAction::Update => self.updated += 1,
            MergeAction::Keep => self.unchanged += 1,
        }
    }
}

/// What a merge does with one incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeAction {
    /// Its id is not in the database: it is added.
    Add,
    /// It is newer than the database's record with its id: it replaces it.
    Update,
    /// The database's record is as new or newer: it stays.
    Keep,
}

impl MergeAction {
    /// Decides for `incoming`, given the database's record with its id, if any: an
    /// unknown id is added; a known id is replaced only when the incoming `updated_at`
    /// is later.
    pub fn of<T: Record>(current: Option<&T>, incoming: &T) -> Self {
        match current {
            None => MergeAction::Add,
            Some(existing) if incoming.updated_at() > existing.updated_at() => MergeAction::Update,
            Some(_) => MergeAction::Keep,
        }
    }
}

/// Which of two versions of a record a merge takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRule {
    /// The newer `updated_at` (a workbook file's merge).
    Newer,
    /// Always the incoming one: the caller has decided already (a sync, which applies
    /// its own conflict rule, `crate::sync::decide`, before it merges).
    Take,
}

/// Plans merging `incoming` into `current` record by record ([`MergeAction`]).
///
/// `current` finds a record of the database by id (the in-memory table's own lookup,
/// so no second index of 100,000 ids is built).
pub fn plan_merge<'a, T: Record>(current: impl Fn(&str) -> Option<&'a T>, incoming: Vec<T>) -> MergePlan<T> {
    let mut summary = MergeSummary::default();
    let mut to_write = Vec::new();
    for record in incoming {
        let action = MergeAction::of(current(record.id()), &record);
        summary.count(action);
        if action != MergeAction::Keep {
            to_write.push(record);
        }
    }
    MergePlan { to_write, summary }
}

/// What a merge did: its counts, and the records of the file it did not take although
/// they were newer, because the book they would have made breaks a rule between
/// records ([`settle_merge`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    /// The counts shown to the user (a record kept back counts as unchanged).
    pub summary: MergeSummary,
    /// The file's records not taken: the book's version of each stays.
    pub kept: Vec<KeptRecord>,
}

/// A record of the file whose book version a merge kept.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptRecord {
    /// Its collection.
    pub collection: &'static str,
    /// Its id.
    pub id: String,
    /// Its [`Record::summary`].
    pub summary: String,
}

/// A merge refused because the book it would make breaks rules between records that
/// keeping the book's version of a record cannot mend (an added opportunity on a stage
/// the book does not have, an added answer that does not fit the book's survey).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the merge would break {} rules between records", problems.len())]
pub struct MergeRefused {
    /// The problems, at most [`super::MAX_PROBLEMS`].
    pub problems: Vec<MergeProblem>,
}

/// One broken rule of a refused merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeProblem {
    /// The record's collection.
    pub collection: &'static str,
    /// Its index in the file, if it comes from the file (else it is the book's).
    pub in_file: Option<usize>,
    /// Its id.
    pub id: String,
    /// Its [`Record::summary`].
    pub summary: String,
    /// The field that breaks the rule.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

/// Where a record of the merged book comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Book,
    File(usize),
}

/// One collection of a merge: the book's records, the file's, and what the merge rule
/// decides for each of the file's.
#[derive(Debug)]
pub struct Sides<'a, T> {
    /// The book's records.
    pub book: Vec<&'a T>,
    /// The file's records.
    pub file: &'a [T],
    /// For each of the file's records, in order, what the merge does with it.
    pub actions: Vec<MergeAction>,
}

impl<'a, T: Record> Sides<'a, T> {
    /// The book's records (`book`, found by id with `find`) and the file's, each
    /// decided by [`MergeAction::of`].
    pub fn new(book: Vec<&'a T>, find: impl Fn(&str) -> Option<&'a T>, file: &'a [T]) -> Self {
        Self::by_rule(book, find, file, MergeRule::Newer)
    }

    /// As [`Sides::new`], each of the file's records decided by `rule`.
    pub fn by_rule(book: Vec<&'a T>, find: impl Fn(&str) -> Option<&'a T>, file: &'a [T], rule: MergeRule) -> Self {
        let actions = file
            .iter()
            .map(|r| match (rule, find(r.id())) {
                (MergeRule::Newer, current) => MergeAction::of(current, r),
                (MergeRule::Take, None) => MergeAction::Add,
                (MergeRule::Take, Some(_)) => MergeAction::Update,
            })
            .collect();
        Sides { book, file, actions }
    }

    /// The merged collection: the book's records but those the file updates, then the
    /// file's added and updated records; with where each comes from.
    fn merged(&self) -> (Vec<&'a T>, Vec<Origin>) {
        let updated: FxHashSet<&str> = self
            .file
            .iter()
            .zip(&self.actions)
            .filter(|(_, a)| **a == MergeAction::Update)
            .map(|(r, _)| r.id())
            .collect();
        let mut records = Vec::with_capacity(self.book.len() + self.file.len());
        let mut origins = Vec::with_capacity(records.capacity());
        for r in &self.book {
            if updated.is_empty() || !updated.contains(r.id()) {
                records.push(*r);
                origins.push(Origin::Book);
            }
        }
        for (i, (r, a)) in self.file.iter().zip(&self.actions).enumerate() {
            if *a != MergeAction::Keep {
                records.push(r);
                origins.push(Origin::File(i));
            }
        }
        (records, origins)
    }

    fn summary(&self) -> MergeSummary {
        let mut s = MergeSummary::default();
        self.actions.iter().for_each(|a| s.count(*a));
        s
    }
}

macro_rules! define_merge_sides {
    ($($name:ident: $ty:ty [$($facts:tt)*] => $doc:literal,)*) => {
        /// Every collection of a merge ([`Sides`]).
        #[derive(Debug)]
        pub struct MergeSides<'a> {
            $(
                #[doc = $doc]
                pub $name: Sides<'a, $ty>,
            )*
        }

        impl<'a> MergeSides<'a> {
            /// The merge of `file` into `book`, both held as [`Collections`].
            pub fn of_collections(book: &'a Collections, file: &'a Collections) -> Self {
                MergeSides {
                    $($name: {
                        let by_id: FxHashMap<&str, &$ty> = book.$name.iter().map(|r| (r.id(), r)).collect();
                        Sides::new(book.$name.iter().collect(), |id| by_id.get(id).copied(), &file.$name)
                    },)*
                }
            }

            /// The book the merge makes, and where each of its records comes from.
            fn merged(&self) -> (BookView<'a>, FxHashMap<&'static str, Vec<Origin>>) {
                let mut view = BookView::default();
                let mut origins = FxHashMap::default();
                $(
                    let (records, from) = self.$name.merged();
                    view.$name = records;
                    origins.insert(stringify!($name), from);
                )*
                (view, origins)
            }

            /// Keeps the book's version of the file's record `index` of `collection`
            /// (only an update can be kept back); its id and summary if it was one.
            fn keep_back(&mut self, collection: &str, index: usize) -> Option<KeptRecord> {
                match collection {
                    $(stringify!($name) => {
                        let action = self.$name.actions.get_mut(index)?;
                        if *action != MergeAction::Update {
                            return None;
                        }
                        *action = MergeAction::Keep;
                        let r = &self.$name.file[index];
                        Some(KeptRecord { collection: stringify!($name), id: r.id().to_owned(), summary: r.summary() })
                    })*
                    _ => None,
                }
            }

            /// The counts of every collection.
            pub fn summary(&self) -> MergeSummary {
                let mut s = MergeSummary::default();
                $(s.add(self.$name.summary());)*
                s
            }

            /// The merged book as owned collections (tests and small books; the store
            /// writes the decided records instead).
            pub fn to_collections(&self) -> Collections {
                let (view, _) = self.merged();
                Collections { $($name: view.$name.into_iter().cloned().collect(),)* }
            }
        }
    };
}

crate::for_each_collection!(define_merge_sides);

/// Makes sure the book a merge makes passes every rule between records an import of
/// its export would check ([`check_references`]), before anything is written.
///
/// The rule that keeps the book whole: where a broken rule involves an updated record
/// of the file (the record itself, or the record it is about: the service record a
/// callback follows, the survey an answer belongs to, the unit a cycle runs through),
/// the book's version of that record is kept instead, and the record is listed in the
/// report. Where no update is involved (an added record that fits nothing in the
/// book), the merge is refused with every such problem. `today` is the day after
/// today in UTC, as for an import.
pub fn settle_merge(sides: &mut MergeSides, today: NaiveDate) -> Result<MergeReport, MergeRefused> {
    let mut kept = Vec::new();
    loop {
        let (view, origins) = sides.merged();
        let problems = check_references(&view, today);
        if problems.is_empty() {
            return Ok(MergeReport { summary: sides.summary(), kept });
        }
        let from_file = |at: At| match origins.get(at.collection).and_then(|o| o.get(at.index)) {
            Some(Origin::File(i)) => Some(*i),
            _ => None,
        };
        let mut to_keep: BTreeSet<(&'static str, usize)> = BTreeSet::new();
        for p in &problems {
            for at in std::iter::once(p.at).chain(p.other) {
                if let Some(i) = from_file(at) {
                    to_keep.insert((at.collection, i));
                }
            }
        }
        let before = kept.len();
        for (collection, i) in to_keep {
            kept.extend(sides.keep_back(collection, i));
        }
        if kept.len() == before {
            // Nothing left to keep back: refuse, saying where and what.
            let problems = problems
                .iter()
                .take(super::MAX_PROBLEMS)
                .map(|p| {
                    let (id, summary) = describe(&view, p.at);
                    MergeProblem {
                        collection: p.at.collection,
                        in_file: from_file(p.at),
                        id,
                        summary,
                        field: p.field.clone(),
                        problem: p.problem.clone(),
                    }
                })
                .collect();
            return Err(MergeRefused { problems });
        }
    }
}

/// Merges `file` into `book` as the store does, on owned collections: the merged
/// book and the report, or the refusal ([`settle_merge`]).
pub fn merge_books(
    book: &Collections,
    file: &Collections,
    today: NaiveDate,
) -> Result<(Collections, MergeReport), MergeRefused> {
    let mut sides = MergeSides::of_collections(book, file);
    let report = settle_merge(&mut sides, today)?;
    Ok((sides.to_collections(), report))
}
