//! The in-memory working set of one collection.
//!
//! Records are kept in [`SHARDS`] shards keyed by a hash of the id. The shard is also
//! the unit of storage: IndexedDB holds one value per shard (a JSON array), which makes
//! a cold load of 100,000 records a few hundred reads instead of 100,000, and a bulk
//! import a few hundred puts (figures in `docs/decisions.md`, "Storage layout").
//!
//! Memory matters as much as speed here: a large book holds about a million records,
//! and WebAssembly memory never shrinks. So each record is stored once, in its shard's
//! slot list; the id lookup and the key index hold 4-byte slot numbers, not copies of
//! the ids (docs/decisions.md, "The table in memory").

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::model::Record;

/// How many shards each collection is split into.
pub const SHARDS: u32 = 256;

/// The shard a record id lives in: FNV-1a of the id, modulo [`SHARDS`].
pub fn shard_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for b in id.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % SHARDS
}

/// A number no shard of any table has had before, so a cache can tell that a shard
/// changed, even when a whole table is swapped for another.
fn fresh_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Bits of a [`SlotRef`] that number the slot inside its shard.
const SLOT_BITS: u32 = 24;

/// A record's place in a table: its shard in the high 8 bits, its slot in the rest.
type SlotRef = u32;

fn slot_ref(shard: u32, slot: u32) -> SlotRef {
    assert!(slot < 1 << SLOT_BITS, "a shard holds at most 16 million records");
    (shard << SLOT_BITS) | slot
}

fn split_ref(r: SlotRef) -> (usize, usize) {
    ((r >> SLOT_BITS) as usize, (r & ((1 << SLOT_BITS) - 1)) as usize)
}

fn id_hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

fn key_hash(key: &str, value: &str) -> u64 {
    FxBuildHasher.hash_one((key, value))
}

/// One shard's records: a slot list with holes for removed records (reused by the
/// next insert), and the slot of each id.
#[derive(Debug, Clone)]
struct Shard<T> {
    slots: Vec<Option<T>>,
    free: Vec<u32>,
    by_id: HashTable<u32>,
}

impl<T: Record> Shard<T> {
    fn new() -> Self {
        Shard { slots: Vec::new(), free: Vec::new(), by_id: HashTable::new() }
    }

    fn record(&self, slot: u32) -> &T {
        self.slots[slot as usize].as_ref().expect("an indexed slot holds a record")
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.by_id.find(id_hash(id), |&s| self.record(s).id() == id).copied()
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.slots.iter().flatten()
    }

    /// Puts a record with a new id into a free slot; returns the slot.
    fn add(&mut self, record: T) -> u32 {
        let hash = id_hash(record.id());
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = Some(record);
                s
            }
            None => {
                self.slots.push(Some(record));
                u32::try_from(self.slots.len() - 1).expect("a shard holds fewer than 2^32 records")
            }
        };
        let slots = &self.slots;
        self.by_id.insert_unique(hash, slot, |&s| id_hash(slots[s as usize].as_ref().expect("occupied").id()));
        slot
    }

    /// Takes the record out of `slot`, leaving a hole.
    fn take(&mut self, slot: u32) -> T {
        let record = self.slots[slot as usize].take().expect("an indexed slot holds a record");
        if let Ok(entry) = self.by_id.find_entry(id_hash(record.id()), |&s| s == slot) {
            entry.remove();
        }
        if slot as usize + 1 == self.slots.len() {
            self.slots.pop();
        } else {
            self.free.push(slot);
        }
        record
    }

    fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
        self.free.shrink_to_fit();
        let slots = &self.slots;
        self.by_id.shrink_to_fit(|&s| id_hash(slots[s as usize].as_ref().expect("occupied").id()));
    }
}

/// One collection's records in memory, including those in the trash, with a lookup
/// index on the key the record type names ([`Record::index_key`]).
#[derive(Debug, Clone)]
pub struct Table<T> {
    shards: Vec<Shard<T>>,
    /// Slots of the records per hash of (key, value); records whose pair only shares
    /// the hash are told apart by comparing the pair itself.
    index: HashMap<u64, Vec<SlotRef>, FxBuildHasher>,
    len: usize,
    /// Per shard, a number that changes whenever the shard does.
    generations: Vec<u64>,
}

impl<T: Record + PartialEq> PartialEq for Table<T> {
    /// Same records; where they sit and the shards' generations do not count.
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().all(|r| other.get(r.id()) == Some(r))
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
            shards: (0..SHARDS).map(|_| Shard::new()).collect(),
            index: HashMap::default(),
            len: 0,
            generations: (0..SHARDS).map(|_| fresh_generation()).collect(),
        }
    }

    /// A table holding `records` (a later record with the same id replaces an earlier).
    pub fn from_records(records: impl IntoIterator<Item = T>) -> Self {
        let mut t = Self::new();
        for r in records {
            t.insert(r);
        }
        t.shrink_to_fit();
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

    /// The generation of shard `shard`: it changes whenever a record of the shard is
    /// inserted, replaced or removed, so a cache built from the shard knows when to redo it.
    pub fn generation(&self, shard: u32) -> u64 {
        self.generations[shard as usize]
    }

    /// The record with `id`, if any.
    pub fn get(&self, id: &str) -> Option<&T> {
        let shard = &self.shards[shard_of(id) as usize];
        shard.find(id).map(|s| shard.record(s))
    }

    /// Every record, trash included, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.shards.iter().flat_map(Shard::iter)
    }

    /// Records that are not in the trash.
    pub fn live(&self) -> impl Iterator<Item = &T> {
        self.iter().filter(|r| !r.is_trashed())
    }

    /// Records in the trash.
    pub fn trashed(&self) -> impl Iterator<Item = &T> {
        self.iter().filter(|r| r.is_trashed())
    }

    /// Records whose index `key` has `value` (e.g. `("customer_id", id)`), in no
    /// particular order.
    pub fn lookup<'a>(&'a self, key: &'static str, value: &'a str) -> impl Iterator<Item = &'a T> + 'a {
        self.index
            .get(&key_hash(key, value))
            .into_iter()
            .flatten()
            .map(|&r| {
                let (b, s) = split_ref(r);
                self.shards[b].record(s as u32)
            })
            .filter(move |rec| rec.index_key() == Some((key, value)))
    }

    /// Inserts or replaces a record; returns the one it replaced.
    pub fn insert(&mut self, record: T) -> Option<T> {
        let b = shard_of(record.id());
        let old = self.remove(record.id());
        let slot = self.shards[b as usize].add(record);
        let shard = &self.shards[b as usize];
        if let Some((key, value)) = shard.record(slot).index_key() {
            self.index.entry(key_hash(key, value)).or_default().push(slot_ref(b, slot));
        }
        self.generations[b as usize] = fresh_generation();
        self.len += 1;
        old
    }

    /// Removes the record with `id`; returns it.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let b = shard_of(id);
        let slot = self.shards[b as usize].find(id)?;
        let old = self.shards[b as usize].take(slot);
        if let Some((key, value)) = old.index_key() {
            let hash = key_hash(key, value);
            if let Some(refs) = self.index.get_mut(&hash) {
                refs.retain(|&r| r != slot_ref(b, slot));
                if refs.is_empty() {
                    self.index.remove(&hash);
                }
            }
        }
        self.generations[b as usize] = fresh_generation();
        self.len -= 1;
        Some(old)
    }

    /// The records of shard `shard`.
    pub fn shard(&self, shard: u32) -> impl Iterator<Item = &T> {
        self.shards[shard as usize].iter()
    }

    /// Replaces shard `shard` with `records` (as read back from storage).
    pub fn replace_shard(&mut self, shard: u32, records: Vec<T>) {
        let old: Vec<String> = self.shard(shard).map(|r| r.id().to_owned()).collect();
        for id in old {
            self.remove(&id);
        }
        for r in records {
            debug_assert_eq!(shard_of(r.id()), shard);
            self.insert(r);
        }
        self.shards[shard as usize].shrink_to_fit();
    }

    /// Gives back the room kept for growth, after a bulk load.
    pub fn shrink_to_fit(&mut self) {
        self.shards.iter_mut().for_each(Shard::shrink_to_fit);
        self.index.values_mut().for_each(Vec::shrink_to_fit);
        self.index.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::order::Order;
    use crate::workbook::sample::{generate_customers, sample_workbook, SampleCompany};

    #[test]
    fn shard_of_is_stable_and_spread() {
        // FNV-1a of "a" is 0xE40C292C; pinned because stored data depends on it.
        assert_eq!(shard_of("a"), 0xE40C_292C % SHARDS);
        let customers = generate_customers(SampleCompany::RealEstate, 1, 25_600);
        let mut counts = vec![0usize; SHARDS as usize];
        for c in &customers {
            counts[shard_of(&c.id) as usize] += 1;
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
        let before: Vec<u64> = (0..SHARDS).map(|b| t.generation(b)).collect();
        let mut c = customers[0].clone();
        c.name.push('!');
        let b = shard_of(&c.id);
        t.insert(c);
        let after: Vec<u64> = (0..SHARDS).map(|b| t.generation(b)).collect();
        let changed: Vec<u32> = (0..SHARDS).filter(|&i| before[i as usize] != after[i as usize]).collect();
        assert_eq!(changed, [b]);
        // Another table never shares a generation, even with the same records.
        let other = Table::from_records(customers);
        assert!((0..SHARDS).all(|i| other.generation(i) != t.generation(i)));
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
