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
}

/// Plans merging `incoming` into `current`: an unknown id is added; a known id is
/// replaced only when the incoming `updated_at` is later; otherwise the current record
/// stays.
///
/// `current` finds a record of the database by id (the in-memory table's own lookup,
/// so no second index of 100,000 ids is built).
pub fn plan_merge<'a, T: Record>(current: impl Fn(&str) -> Option<&'a T>, incoming: Vec<T>) -> MergePlan<T> {
    plan_merge_by(current, incoming, |r| r)
}

/// [`plan_merge`] for incoming items that each hold a record (`record` finds it), such
/// as a record paired with its text in the file.
pub fn plan_merge_by<'a, T: Record, I>(
    current: impl Fn(&str) -> Option<&'a T>,
    incoming: Vec<I>,
    record: impl Fn(&I) -> &T,
) -> MergePlan<I> {
    let mut summary = MergeSummary::default();
    let mut to_write = Vec::new();
    for item in incoming {
        let incoming = record(&item);
        match current(incoming.id()) {
            None => {
                summary.added += 1;
                to_write.push(item);
            }
            Some(existing) if incoming.updated_at() > existing.updated_at() => {
                summary.updated += 1;
                to_write.push(item);
            }
            Some(_) => summary.unchanged += 1,
        }
    }
    MergePlan { to_write, summary }
}
