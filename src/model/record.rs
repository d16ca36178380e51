//! What every stored record has in common, so one generic store and one workbook
//! importer serve every collection.

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize};

use super::{FieldError, Id};

/// A record of one collection: identified by `id`, stamped with `created_at` and
/// `updated_at`, and moved to the trash by setting `deleted_at`.
pub trait Record: Serialize + DeserializeOwned + Clone + PartialEq + 'static {
    /// The collection's name in the workbook file and the database.
    const COLLECTION: &'static str;

    /// The record's unique id (a UUID v4 string for records Kehu creates).
    fn id(&self) -> &str;
    /// When the record was created.
    fn created_at(&self) -> DateTime<Utc>;
    /// When the record was last changed; the newer one wins a merge.
    fn updated_at(&self) -> DateTime<Utc>;
    /// Stamps the record as changed now.
    fn touch(&mut self, now: DateTime<Utc>);
    /// When the record was moved to the trash, if it is there.
    fn deleted_at(&self) -> Option<DateTime<Utc>>;
    /// Moves the record to the trash (`Some`) or restores it (`None`).
    fn set_deleted_at(&mut self, at: Option<DateTime<Utc>>);
    /// Whether the record came with a sample company or as one of Kehu's defaults
    /// rather than from the user.
    fn is_sample(&self) -> bool;
    /// Marks the record as sample data (loading a sample company does).
    fn mark_sample(&mut self);
    /// Every rule the record breaks, empty when it is valid.
    fn validate(&self) -> Vec<FieldError>;

    /// Every rule on the record's days that depends on the day it is checked on
    /// (`today`, in the user's zone or a day ahead for slack): a birthday must be in the
    /// past. Empty for most records.
    fn check_dates(&self, today: chrono::NaiveDate) -> Vec<FieldError> {
        let _ = today;
        Vec::new()
    }

    /// The key this record can be looked up by in memory, as an `(index, value)` pair:
    /// a service record by its `customer_id`. It costs time at load and memory for
    /// every record, so only a key some page looks up is indexed.
    fn index_key(&self) -> Option<(&'static str, &str)> {
        None
    }

    /// A short text that tells the record apart in a list of mixed records (the
    /// trash): a name, a title, a topic.
    fn summary(&self) -> String;

    /// Whether the record is in the trash.
    fn is_trashed(&self) -> bool {
        self.deleted_at().is_some()
    }
}

/// The bookkeeping half of a [`Record`] impl, the same for every entity: its `id`,
/// `created_at`, `updated_at`, `deleted_at` and `sample` fields.
macro_rules! record_stamps {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
            self.created_at
        }
        fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
            self.updated_at
        }
        fn touch(&mut self, now: chrono::DateTime<chrono::Utc>) {
            self.updated_at = now;
        }
        fn deleted_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
            self.deleted_at
        }
        fn set_deleted_at(&mut self, at: Option<chrono::DateTime<chrono::Utc>>) {
            self.deleted_at = at;
        }
        fn is_sample(&self) -> bool {
            self.sample
        }
        fn mark_sample(&mut self) {
            self.sample = true;
        }
    };
}
pub(crate) use record_stamps;

/// The time the sample companies are made at: no sample record is changed after it,
/// so a sample record changed later was changed by the user (a sample callback the
/// student completed).
pub fn sample_time() -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().expect("valid sample time")
}

/// Whether `record` is the user's: not sample data, or sample data the user changed
/// after loading it.
pub fn is_own_or_edited<T: Record>(record: &T) -> bool {
    !record.is_sample() || record.updated_at() > sample_time()
}

/// A new random record id (UUID v4).
pub fn new_id() -> Id {
    Id::from(&*uuid::Uuid::new_v4().hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer()))
}

/// Reads `null` as the type's default, so `"phone": null` means an empty phone.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads `null` as an empty list, and keeps no spare room: a list read from JSON grows
/// by doubling (a one-line order would hold room for four lines), and a large book
/// holds hundreds of thousands of such lists in memory.
pub(crate) fn null_as_empty_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default();
    list.shrink_to_fit();
    Ok(list)
}
