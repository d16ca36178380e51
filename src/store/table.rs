//! The in-memory working set of one collection.
//!
//! Records are kept in [`BUCKETS`] shards keyed by a hash of the id. The shard is also
//! the unit of storage: IndexedDB holds one value per shard (a JSON array), which makes
//! a cold load of 100,000 records a few hundred reads instead of 100,000, and a bulk
//! import a few hundred puts (figures in `docs/storage-layout.md`).

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::Record;

/// How many shards each collection is split into.
pub const BUCKETS: u32 = 256;

/// The shard a record id lives in: FNV-1a of the id, modulo [`BUCKETS`].
pub fn bucket_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % BUCKETS
}

/// A number no shard of any table has had before, so a cache can tell that a shard
/// changed, even when a whole table is swapped for another.
fn fresh_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One collection's records in memory, including those in the trash, with lookup
/// indexes on the keys the record type names ([`Record::index_keys`]).
#[derive(Debug, Clone)]
pub struct Table<T> {
    buckets: Vec<HashMap<String, T>>,
    index: HashMap<(&'static str, String), BTreeSet<String>>,
    len: usize,
    /// Per shard, a number that changes whenever the shard does.
    generations: Vec<u64>,
}

impl<T: PartialEq> PartialEq for Table<T> {
    /// Same records, same indexes; the shards' generations do not count.
    fn eq(&self, other: &Self) -> bool {
        self.buckets == other.buckets && self.index == other.index && self.len == other.len
    }
}

impl<T: Record> Default for Table<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Record> Table<T> {
    /// An empty table.
    pub fn new() -> Self {
        Self {
            buckets: (0..BUCKETS).map(|_| HashMap::new()).collect(),
            index: HashMap::new(),
            len: 0,
            generations: (0..BUCKETS).map(|_| fresh_generation()).collect(),
        }
    }

    /// A table holding `records` (a later record with the same id replaces an earlier).
    pub fn from_records(records: impl IntoIterator<Item = T>) -> Self {
        let mut t = Self::new();
        for r in records {
            t.insert(r);
        }
        t
    }

    /// Number of records, trash included.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no record at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The generation of shard `bucket`: it changes whenever a record of the shard is
    /// inserted, replaced or removed, so a cache built from the shard knows when to redo it.
    pub fn generation(&self, bucket: u32) -> u64 {
        self.generations[bucket as usize]
    }

    /// The record with `id`, if any.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.buckets[bucket_of(id) as usize].get(id)
    }

    /// Every record, trash included, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.buckets.iter().flat_map(HashMap::values)
    }

    /// Records that are not in the trash.
    pub fn live(&self) -> impl Iterator<Item = &T> {
        self.iter().filter(|r| !r.is_trashed())
    }

    /// Records in the trash.
    pub fn trashed(&self) -> impl Iterator<Item = &T> {
        self.iter().filter(|r| r.is_trashed())
    }

    /// Ids of records whose index `key` has `value` (e.g. `("customer_id", id)`).
    pub fn lookup(&self, key: &'static str, value: &str) -> impl Iterator<Item = &T> {
        self.index.get(&(key, value.to_owned())).into_iter().flat_map(|ids| ids.iter()).filter_map(|id| self.get(id))
    }

    /// Inserts or replaces a record; returns the one it replaced.
    pub fn insert(&mut self, record: T) -> Option<T> {
        let old = self.remove(record.id());
        let id = record.id().to_owned();
        for key in record.index_keys() {
            self.index.entry(key).or_default().insert(id.clone());
        }
        let b = bucket_of(&id) as usize;
        self.buckets[b].insert(id, record);
        self.generations[b] = fresh_generation();
        self.len += 1;
        old
    }

    /// Removes the record with `id`; returns it.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let b = bucket_of(id) as usize;
        let old = self.buckets[b].remove(id)?;
        self.generations[b] = fresh_generation();
        self.len -= 1;
        self.unindex(&old);
        Some(old)
    }

    fn unindex(&mut self, record: &T) {
        for key in record.index_keys() {
            if let Some(ids) = self.index.get_mut(&key) {
                ids.remove(record.id());
                if ids.is_empty() {
                    self.index.remove(&key);
                }
            }
        }
    }

    /// The records of shard `bucket`.
    pub fn bucket(&self, bucket: u32) -> &HashMap<String, T> {
        &self.buckets[bucket as usize]
    }

    /// Replaces shard `bucket` with `records` (as read back from storage).
    pub fn replace_bucket(&mut self, bucket: u32, records: Vec<T>) {
        let old: Vec<String> = self.buckets[bucket as usize].keys().cloned().collect();
        for id in old {
            self.remove(&id);
        }
        for r in records {
            debug_assert_eq!(bucket_of(r.id()), bucket);
            self.insert(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::order::Order;
    use crate::workbook::sample::{generate_customers, sample_workbook, SampleCompany};

    #[test]
    fn bucket_of_is_stable_and_spread() {
        // FNV-1a of "a" is 0xE40C292C; pinned because stored data depends on it.
        assert_eq!(bucket_of("a"), 0xE40C_292C % BUCKETS);
        let customers = generate_customers(SampleCompany::RealEstate, 1, 25_600);
        let mut counts = vec![0usize; BUCKETS as usize];
        for c in &customers {
            counts[bucket_of(&c.id) as usize] += 1;
        }
        assert!(counts.iter().all(|&n| (50..=160).contains(&n)), "{counts:?}");
    }

    #[test]
    fn insert_replace_remove_keep_len_and_indexes() {
        let mut orders = sample_workbook(SampleCompany::RealEstate, 2, 100).collections.orders;
        let n = orders.len();
        let mut t = Table::from_records(orders.clone());
        assert_eq!(t.len(), n);
        let first = orders[0].customer_id.clone();
        let of_first = orders.iter().filter(|o| o.customer_id == first).count();
        assert_eq!(t.lookup("customer_id", &first).count(), of_first);

        // The order moves to another customer: the index follows.
        let mut o: Order = orders.remove(0);
        o.customer_id = "someone-else".into();
        t.insert(o.clone());
        assert_eq!(t.len(), n);
        assert!(t.lookup("customer_id", "someone-else").any(|x| x.id == o.id));
        assert!(!t.lookup("customer_id", &first).any(|x| x.id == o.id));
        assert_eq!(t.lookup("customer_id", &first).count(), of_first - 1);

        assert_eq!(t.remove(&o.id).unwrap().id, o.id);
        assert_eq!(t.len(), n - 1);
        assert!(t.get(&o.id).is_none());
        assert_eq!(t.lookup("customer_id", "someone-else").count(), 0);
    }

    #[test]
    fn a_shard_has_a_new_generation_after_each_change_only() {
        let customers = generate_customers(SampleCompany::RealEstate, 4, 20);
        let mut t = Table::from_records(customers.clone());
        let before: Vec<u64> = (0..BUCKETS).map(|b| t.generation(b)).collect();
        let mut c = customers[0].clone();
        c.name.push('!');
        let b = bucket_of(&c.id);
        t.insert(c);
        let after: Vec<u64> = (0..BUCKETS).map(|b| t.generation(b)).collect();
        let changed: Vec<u32> = (0..BUCKETS).filter(|&i| before[i as usize] != after[i as usize]).collect();
        assert_eq!(changed, [b]);
        // Another table never shares a generation, even with the same records.
        let other = Table::from_records(customers);
        assert!((0..BUCKETS).all(|i| other.generation(i) != t.generation(i)));
        assert_eq!(other.len(), t.len());
    }

    #[test]
    fn trash_is_separate_from_live_records() {
        let mut t = Table::from_records(generate_customers(SampleCompany::TaobaoShop, 3, 10));
        let mut c = t.iter().next().unwrap().clone();
        c.deleted_at = Some(c.updated_at);
        t.insert(c.clone());
        assert_eq!(t.live().count(), 9);
        assert_eq!(t.trashed().map(|x| x.id.clone()).collect::<Vec<_>>(), vec![c.id]);
    }
}
