//! Merging an imported collection into the current one: by id, newer `updated_at` wins.

use crate::model::Record;

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
