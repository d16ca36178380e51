//! Reading a file of the current version in one pass that also notes where each
//! record's text lies in the file, so the store can write that text as it is instead
//! of serialising every record again (a third of a large import's time).
//!
//! It reads exactly what `Workbook`'s derived deserialiser reads (a test holds the two
//! together); anything it does not accept goes to the importer's slow path, which
//! finds and reports every problem.

use std::cell::Cell;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::envelope::{Owner, Workbook};
use crate::model::Record;
use crate::model::{CollectionSource, Collections};

/// Where each record's text lies in the text read, by collection, in the
/// collection's order; an empty range where the text is not kept.
pub(super) type Spans = HashMap<&'static str, Vec<Range<usize>>>;

/// Each record's own text in the file it was read from, so a store writes it as it is.
///
/// A record's text is kept only when it is what the app would store itself, up to the
/// order and form of its fields: written compactly, as the app writes files (a
/// pretty-printed file would otherwise keep its indentation in the database), and
/// without a field this version does not know (which a later version might read with
/// another meaning). A record ends where the next begins, so the last record of each
/// collection is not kept either.
pub struct RecordTexts {
    file: String,
    /// Where the text read starts in `file` (after a byte-order mark).
    start: usize,
    spans: Spans,
}

/// The texts of one collection's records ([`RecordTexts::of`]).
#[derive(Clone, Copy)]
pub struct CollectionTexts<'a> {
    text: &'a str,
    spans: &'a [Range<usize>],
}

impl<'a> CollectionTexts<'a> {
    /// The text of record `index`, if it is kept.
    pub fn get(self, index: usize) -> Option<&'a str> {
        let span = self.spans.get(index)?;
        (!span.is_empty()).then(|| &self.text[span.clone()])
    }
}

impl RecordTexts {
    /// The texts of `file`'s records, which lie at `spans` from `start`.
    pub(super) fn new(file: String, start: usize, spans: Spans) -> Self {
        Self { file, start, spans }
    }

    /// The texts of collection `name`'s records.
    pub fn of(&self, name: &str) -> CollectionTexts<'_> {
        let spans = self.spans.get(name).map(Vec::as_slice).unwrap_or_default();
        CollectionTexts { text: &self.file[self.start..], spans }
    }
}

/// Reads `text` as a workbook, noting where each record's text lies in it.
pub(super) fn read(text: &str) -> Result<(Workbook, Spans), String> {
    let mut spans = Spans::new();
    let seed = WorkbookSeed { input: Input { text }, spans: &mut spans };
    let mut de = serde_json::Deserializer::from_str(text);
    let wb = seed.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok((wb, spans))
}

/// Reads a list of records (a store shard, `[{…},{…}]`). Every record the app reads
/// goes through this module's deserialiser, so the browser bundle holds one copy of
/// each record type's code instead of two.
pub fn read_records<T: Record>(json: &str) -> Result<Vec<T>, serde_json::Error> {
    let mut spans = Vec::new();
    let seed = ListSeed::<T> { input: Input { text: json }, spans: &mut spans, _record: PhantomData };
    let mut de = serde_json::Deserializer::from_str(json);
    let records = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(records)
}

/// Reads one record (see [`read_records`]).
pub fn read_record<T: Record>(json: &str) -> Result<T, serde_json::Error> {
    let (first_key, unknown_field) = (Cell::new(None), Cell::new(false));
    let seed = RecordSeed::<T> { first_key: &first_key, unknown_field: &unknown_field, _record: PhantomData };
    let mut de = serde_json::Deserializer::from_str(json);
    let record = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(record)
}

/// The text read, to place records in it.
#[derive(Clone, Copy)]
struct Input<'t> {
    text: &'t str,
}

impl Input<'_> {
    /// Where the byte at address `at` lies in the text, if it is part of it.
    fn offset_of(self, at: usize) -> Option<usize> {
        let offset = at.wrapping_sub(self.text.as_ptr() as usize);
        (offset < self.text.len()).then_some(offset)
    }

    /// The text of a record whose first key starts at `key` when the next record's
    /// first key starts at `next` (both inside their quotes), if the record and the
    /// next are written compactly: `{"key…},{"next…`. The parser read both, so the
    /// record is exactly what lies between its `{` and the `}` before the comma.
    fn record_between(self, key: usize, next: usize) -> Range<usize> {
        let b = self.text.as_bytes();
        let compact = key >= 2 && next >= key + 4 && &b[key - 2..key] == b"{\"" && &b[next - 4..next] == b"},{\"";
        if compact {
            key - 2..next - 3
        } else {
            0..0
        }
    }
}

struct WorkbookSeed<'t, 's> {
    input: Input<'t>,
    spans: &'s mut Spans,
}

const FIELDS: &[&str] = &["format", "version", "exported_at", "app_version", "owner", "book_id", "collections"];

/// Sets a field read once; a second time is an error, as serde's derive has it.
fn once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> DeserializeSeed<'de> for WorkbookSeed<'_, '_> {
    type Value = Workbook;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Workbook, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WorkbookSeed<'_, '_> {
    type Value = Workbook;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a workbook")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Workbook, A::Error> {
        let mut format: Option<String> = None;
        let mut version: Option<u32> = None;
        let mut exported_at: Option<DateTime<Utc>> = None;
        let mut app_version: Option<String> = None;
        let mut owner: Option<Option<Owner>> = None;
        let mut book_id: Option<Option<String>> = None;
        let mut collections: Option<Collections> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => once(&mut format, "format", map.next_value()?)?,
                "version" => once(&mut version, "version", map.next_value()?)?,
                "exported_at" => once(&mut exported_at, "exported_at", map.next_value()?)?,
                "app_version" => once(&mut app_version, "app_version", map.next_value()?)?,
                "owner" => once(&mut owner, "owner", map.next_value()?)?,
                "book_id" => once(&mut book_id, "book_id", map.next_value()?)?,
                "collections" => {
                    let read = map.next_value_seed(CollectionsSeed { input: self.input, spans: &mut *self.spans })?;
                    once(&mut collections, "collections", read)?;
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(Workbook {
            format: format.ok_or_else(|| de::Error::missing_field("format"))?,
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            exported_at: exported_at.ok_or_else(|| de::Error::missing_field("exported_at"))?,
            app_version: app_version.unwrap_or_default(),
            owner: owner.flatten(),
            book_id: book_id.flatten(),
            collections: collections.unwrap_or_default(),
        })
    }
}

struct CollectionsSeed<'t, 's> {
    input: Input<'t>,
    spans: &'s mut Spans,
}

impl<'de> DeserializeSeed<'de> for CollectionsSeed<'_, '_> {
    type Value = Collections;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Collections, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionsSeed<'_, '_> {
    type Value = Collections;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of collections")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collections, A::Error> {
        let mut out = Collections::default();
        while let Some(key) = map.next_key::<String>()? {
            let Some(name) = Collections::NAMES.iter().copied().find(|n| *n == key) else {
                return Err(de::Error::unknown_field(&key, Collections::NAMES));
            };
            if self.spans.contains_key(name) {
                return Err(de::Error::duplicate_field(name));
            }
            let mut source =
                ListSource { map: &mut map, input: self.input, spans: Vec::new(), error: None, _de: PhantomData };
            out.fill(name, &mut source);
            let ListSource { spans, error, .. } = source;
            if let Some(e) = error {
                return Err(e);
            }
            self.spans.insert(name, spans);
        }
        Ok(out)
    }
}

/// Gives [`Collections::fill`] the next value of the map as a list of records.
struct ListSource<'m, 't, 'de, A: MapAccess<'de>> {
    map: &'m mut A,
    input: Input<'t>,
    spans: Vec<Range<usize>>,
    error: Option<A::Error>,
    _de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> CollectionSource for ListSource<'_, '_, 'de, A> {
    fn take<T: Record>(&mut self) -> Vec<T> {
        let seed = ListSeed::<T> { input: self.input, spans: &mut self.spans, _record: PhantomData };
        self.map.next_value_seed(seed).unwrap_or_else(|e| {
            self.error = Some(e);
            Vec::new()
        })
    }
}

/// Reads a list of records, noting where each lies in the text.
struct ListSeed<'t, 's, T> {
    input: Input<'t>,
    spans: &'s mut Vec<Range<usize>>,
    _record: PhantomData<T>,
}

impl<'de, T: Record> DeserializeSeed<'de> for ListSeed<'_, '_, T> {
    type Value = Vec<T>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Record> Visitor<'de> for ListSeed<'_, '_, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let mut out = Vec::new();
        // Per record: where its first key lies in the text (if it was read in place)
        // and whether it has a field this version does not know. A record ends where
        // the next begins, so the last one of a list gets no text.
        let mut marks: Vec<(Option<usize>, bool)> = Vec::new();
        loop {
            let (first_key, unknown_field) = (Cell::new(None), Cell::new(false));
            let seed = RecordSeed::<T> { first_key: &first_key, unknown_field: &unknown_field, _record: PhantomData };
            let Some(record) = seq.next_element_seed(seed)? else { break };
            out.push(record);
            marks.push((first_key.get().and_then(|at| self.input.offset_of(at)), unknown_field.get()));
        }
        self.spans.extend(marks.iter().enumerate().map(|(i, (key, unknown))| {
            match (key, marks.get(i + 1).and_then(|(next, _)| *next)) {
                (Some(key), Some(next)) if !unknown => self.input.record_between(*key, next),
                _ => 0..0,
            }
        }));
        Ok(out)
    }
}

/// Reads one record, watching its first key and its unknown fields.
struct RecordSeed<'f, T> {
    first_key: &'f Cell<Option<usize>>,
    unknown_field: &'f Cell<bool>,
    _record: PhantomData<T>,
}

impl<'de, T: Record> DeserializeSeed<'de> for RecordSeed<'_, T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(Watch { inner: d, first_key: self.first_key, unknown: self.unknown_field })
    }
}

/// Deserialises a record, noting where its first key lies (read in place, the key is
/// part of the text) and whether its object has a field the record type does not
/// know. serde's derive reads such a field's value as [`IgnoredAny`], so the value
/// seeds are watched for that type. Only the record's own fields are watched: a
/// nested struct's unknown field goes unnoticed (wrapping every value, as the
/// `serde_ignored` crate does, costs a quarter of the whole read).
struct Watch<'f, D> {
    inner: D,
    first_key: &'f Cell<Option<usize>>,
    unknown: &'f Cell<bool>,
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for Watch<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(WatchVisitor { inner: visitor, first_key: self.first_key, unknown: self.unknown })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = WatchVisitor { inner: visitor, first_key: self.first_key, unknown: self.unknown };
        self.inner.deserialize_struct(name, fields, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct WatchVisitor<'f, V> {
    inner: V,
    first_key: &'f Cell<Option<usize>>,
    unknown: &'f Cell<bool>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WatchVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(WatchMap { inner: map, first_key: Some(self.first_key), unknown: self.unknown })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }
}

struct WatchMap<'f, A> {
    inner: A,
    /// Where to note the first key; `None` once it is read.
    first_key: Option<&'f Cell<Option<usize>>>,
    unknown: &'f Cell<bool>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WatchMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.first_key.take() {
            Some(at) => self.inner.next_key_seed(KeySeed { inner: seed, at }),
            None => self.inner.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if std::any::type_name::<V>() == std::any::type_name::<PhantomData<IgnoredAny>>() {
            self.unknown.set(true);
        }
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Reads a key, noting its address when it is read in place.
struct KeySeed<'f, K> {
    inner: K,
    at: &'f Cell<Option<usize>>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        self.inner.deserialize(KeyDeserializer { inner: d, at: self.at })
    }
}

struct KeyDeserializer<'f, D> {
    inner: D,
    at: &'f Cell<Option<usize>>,
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for KeyDeserializer<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(KeyVisitor { inner: visitor, at: self.at })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(KeyVisitor { inner: visitor, at: self.at })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_identifier(KeyVisitor { inner: visitor, at: self.at })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}

struct KeyVisitor<'f, V> {
    inner: V,
    at: &'f Cell<Option<usize>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.at.set(Some(v.as_ptr() as usize));
        self.inner.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.inner.visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.inner.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.inner.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.inner.visit_borrowed_bytes(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::sample::{sample_workbook, SampleCompany};
    use crate::workbook::{parse_workbook, read_workbook, CollectionVisitor};

    fn sample() -> Workbook {
        sample_workbook(SampleCompany::TaobaoShop, 7, 12)
    }

    /// Both readers give the same workbook, or both refuse; each text kept reads back
    /// as its record.
    fn agree(text: &str) {
        let derived = serde_json::from_str::<Workbook>(text).ok();
        let fast = read(text).ok();
        assert_eq!(fast.as_ref().map(|(wb, _)| wb), derived.as_ref(), "{text:.300}");
        if let Some((wb, spans)) = fast {
            check_texts(&wb, &RecordTexts::new(text.to_owned(), 0, spans));
        }
    }

    /// Each record of `wb` whose text is kept reads back as that record; returns how
    /// many were kept and how many records there are.
    fn check_texts(wb: &Workbook, texts: &RecordTexts) -> (usize, usize) {
        struct Check<'a> {
            texts: &'a RecordTexts,
            kept: usize,
            all: usize,
        }
        impl CollectionVisitor for Check<'_> {
            fn visit<T: Record>(&mut self, records: &[T]) {
                for (i, record) in records.iter().enumerate() {
                    self.all += 1;
                    if let Some(text) = self.texts.of(T::COLLECTION).get(i) {
                        assert!(serde_json::from_str::<T>(text).unwrap() == *record, "{text}");
                        self.kept += 1;
                    }
                }
            }
        }
        let mut check = Check { texts, kept: 0, all: 0 };
        wb.collections.visit(&mut check);
        (check.kept, check.all)
    }

    /// How many collections of `wb` have records: the last record of each gets no text.
    fn non_empty_collections(wb: &Workbook) -> usize {
        struct Count(usize);
        impl CollectionVisitor for Count {
            fn visit<T: Record>(&mut self, records: &[T]) {
                self.0 += usize::from(!records.is_empty());
            }
        }
        let mut count = Count(0);
        wb.collections.visit(&mut count);
        count.0
    }

    #[test]
    fn keeps_every_record_text_of_an_exported_file_but_each_collections_last() {
        let wb = sample();
        let text = wb.to_json();
        agree(&text);
        let (read, texts) = read_workbook(format!("\u{feff}{text}").into_bytes()).unwrap();
        assert_eq!(read, wb);
        let (kept, all) = check_texts(&read, &texts.unwrap());
        assert!(all > 100);
        assert_eq!(kept, all - non_empty_collections(&wb));
    }

    #[test]
    fn keeps_no_text_of_a_pretty_printed_file() {
        let wb = sample();
        let text = serde_json::to_string_pretty(&wb).unwrap();
        agree(&text);
        let (read, texts) = read_workbook(text.into_bytes()).unwrap();
        assert_eq!(read, wb);
        assert_eq!(check_texts(&read, &texts.unwrap()).0, 0);
    }

    #[test]
    fn a_record_with_a_field_this_version_does_not_know_is_not_kept_as_text() {
        let wb = sample();
        let first = serde_json::to_string(&wb.collections.customers[0]).unwrap();
        let text = wb.to_json().replacen(&first, &first.replacen('{', r#"{"mood":"happy","#, 1), 1);
        agree(&text);
        let (read, texts) = read_workbook(text.into_bytes()).unwrap();
        let texts = texts.unwrap();
        assert_eq!(read, wb);
        assert_eq!(texts.of("customers").get(0), None);
        assert!(texts.of("customers").get(1).is_some());
        let (kept, all) = check_texts(&read, &texts);
        assert_eq!(kept, all - 1 - non_empty_collections(&wb));
    }

    #[test]
    fn an_older_version_is_read_without_texts() {
        let mut wb = sample();
        wb.version = 5;
        wb.book_id = None;
        wb.collections.feedback.clear();
        let text = wb.to_json().replace(r#","feedback":[]"#, "");
        let (read, texts) = read_workbook(text.into_bytes()).unwrap();
        assert_eq!(read.collections, wb.collections);
        assert!(texts.is_none());
    }

    #[test]
    fn reads_the_envelope_as_the_derived_reader_does() {
        let wb = sample();
        let text = wb.to_json();
        let body = &text[1..];
        let cases = [
            text.clone(),
            format!(r#"{{"owner":null,"book_id":null,{body}"#),
            format!(r#"{{"format":"x",{body}"#),
            format!(r#"{{"surprise":1,{body}"#),
            format!(r#"{{"collections":{{}},{body}"#),
            text.replace(r#""collections":{"#, r#""collections":{"customers":[],"#),
            text.replace(r#""collections":{"#, r#""collections":{"nonsense":[],"#),
            text.replace(r#""collections":{"#, r#""collections":{"customers":null,"#),
            r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-27T08:00:00Z"}"#.to_owned(),
            r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-27T08:00:00Z","collections":null}"#
                .to_owned(),
            r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-27T08:00:00Z","collections":[]}"#.to_owned(),
            r#"{"format":"kehu-workbook","version":6,"collections":{}}"#.to_owned(),
            r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-27T08:00:00Z","collections":{"customers":{}}}"#
                .to_owned(),
            r#"[]"#.to_owned(),
            format!("{text} x"),
        ];
        for case in &cases {
            agree(case);
        }
    }

    #[test]
    fn parse_workbook_checks_what_the_fast_reader_reads() {
        let mut wb = sample();
        wb.collections.customers[1].id = wb.collections.customers[0].id.clone();
        let refused = parse_workbook(wb.to_json().as_bytes()).unwrap_err();
        assert!(refused.problems.iter().any(|p| matches!(p.kind, crate::workbook::ProblemKind::DuplicateId { .. })));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 128, ..Default::default() })]

        #[test]
        fn agrees_with_the_derived_reader_on_mangled_files(
            flips in proptest::collection::vec((0usize..100_000, 0u8..128), 0..4),
            spaces in proptest::collection::vec((0usize..100_000, proptest::sample::select(vec![" ", "\n", "\t"])), 0..4),
        ) {
            let mut bytes = sample_workbook(SampleCompany::TaobaoShop, 3, 2).to_json().into_bytes();
            for (at, b) in flips {
                let i = at % bytes.len();
                bytes[i] = b;
            }
            for (at, space) in spaces {
                let i = at % bytes.len();
                bytes.splice(i..i, space.bytes());
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                agree(text);
            }
        }
    }
}
