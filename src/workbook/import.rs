//! Reading a workbook file: everything is checked before anything is written, and
//! every problem is reported with its path.

use std::collections::BTreeMap;

// Ids are hashed by the hundred thousand here; Fx is several times faster than SipHash.
use rustc_hash::FxHashSet;

use serde::Serialize;
use serde_json::value::RawValue;

use super::envelope::{Workbook, FORMAT_NAME, FORMAT_VERSION};
use super::fast::{self, RecordTexts};
use super::references::{check_references, introduced_in};
use crate::model::{CollectionSource, CollectionVisitor, Collections};
use crate::model::{Problem, Record};

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// A refused workbook: every problem found, each with its path in the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the workbook was refused ({} problems)", problems.len() + more)]
pub struct ImportError {
    /// The problems, at most [`MAX_PROBLEMS`].
    pub problems: Vec<ImportProblem>,
    /// How many more problems were found but not listed.
    pub more: usize,
}

/// One problem at one place in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportProblem {
    /// Where: `collections.customers[12].email`, or empty for the whole file.
    pub path: String,
    /// What.
    pub kind: ProblemKind,
}

/// What can be wrong with a workbook file. Turned into words by `i18n`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProblemKind {
    /// The file is empty.
    Empty,
    /// The file is UTF-16 or otherwise not UTF-8 text.
    NotUtf8,
    /// The text is not valid JSON (or nests too deeply).
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The top level is not a JSON object.
    NotAnObject,
    /// `format` is not `kehu-workbook`.
    WrongFormat {
        /// What the file says instead (empty if absent).
        found: String,
    },
    /// The file comes from a newer Kehu.
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest this app reads.
        supported: u32,
    },
    /// A required field is absent.
    MissingField {
        /// Its name.
        field: String,
    },
    /// A field this format does not have.
    UnknownField {
        /// Its name.
        field: String,
    },
    /// A value of the wrong type or form (the detail is the parser's own words).
    WrongValue {
        /// The parser's description.
        detail: String,
    },
    /// A value that breaks a rule of its record.
    Invalid(Problem),
    /// Two records of one collection share an id.
    DuplicateId {
        /// The id (cut to an [`excerpt`]).
        id: String,
    },
    /// A key appears twice in one object (the path names the second); a reader would
    /// silently keep only one of the two values.
    DuplicateKey,
}

/// The most characters of a value from the file that a problem quotes.
pub const MAX_EXCERPT: usize = 80;

/// `text` as a problem quotes it: whole when it has at most [`MAX_EXCERPT`]
/// characters, else its first ones and `…`, so a 60 MB bad value makes a short message.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(MAX_EXCERPT) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

struct Problems {
    list: Vec<ImportProblem>,
    more: usize,
}

impl Problems {
    fn new() -> Self {
        Self { list: Vec::new(), more: 0 }
    }
    fn push(&mut self, path: impl Into<String>, kind: ProblemKind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(ImportProblem { path: path.into(), kind });
        } else {
            self.more += 1;
        }
    }
    fn into_result<T>(self, ok: T) -> Result<T, ImportError> {
        if self.list.is_empty() {
            Ok(ok)
        } else {
            Err(ImportError { problems: self.list, more: self.more })
        }
    }
}

fn refuse(path: &str, kind: ProblemKind) -> ImportError {
    ImportError { problems: vec![ImportProblem { path: path.to_owned(), kind }], more: 0 }
}

/// Reads and checks a whole workbook file. Returns the workbook only if every part
/// of it is valid; otherwise every problem found, with its path.
pub fn parse_workbook(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let text = decode(bytes)?;
    refuse_duplicate_keys(text)?;
    // Fast path: a well-formed file of the current version deserialises directly.
    match fast::read(text) {
        Ok((wb, _)) if is_current(&wb) => check_records(wb),
        _ => parse_slowly(text),
    }
}

/// [`parse_workbook`] for a file the caller hands over, keeping each record's own
/// text when the file is of the current version, so an import can store that text
/// instead of serialising the records again.
pub fn read_workbook(bytes: Vec<u8>) -> Result<(Workbook, Option<RecordTexts>), ImportError> {
    let file = String::from_utf8(bytes).map_err(|_| refuse("", ProblemKind::NotUtf8))?;
    let text = without_bom(&file)?;
    let start = file.len() - text.len();
    refuse_duplicate_keys(text)?;
    match fast::read(text) {
        Ok((wb, spans)) if is_current(&wb) => Ok((check_records(wb)?, Some(RecordTexts::new(file, start, spans)))),
        _ => Ok((parse_slowly(&file[start..])?, None)),
    }
}

/// Refuses a file with a key twice in one object, at the second key's path.
fn refuse_duplicate_keys(text: &str) -> Result<(), ImportError> {
    match super::strict::duplicate_key(text) {
        Some(path) => Err(refuse(&path, ProblemKind::DuplicateKey)),
        None => Ok(()),
    }
}

fn is_current(wb: &Workbook) -> bool {
    wb.format == FORMAT_NAME && wb.version == FORMAT_VERSION
}

fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    without_bom(std::str::from_utf8(bytes).map_err(|_| refuse("", ProblemKind::NotUtf8))?)
}

/// `text` without its byte-order mark; refused if there is nothing in it. (UTF-16,
/// with or without its mark, is not valid UTF-8 and refused before.)
fn without_bom(text: &str) -> Result<&str, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.bytes().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse("", ProblemKind::Empty));
    }
    Ok(text)
}

/// Diagnoses a file that did not deserialise: checks the envelope, then each record on
/// its own so every bad record is listed, not just the first. Parts are read as raw
/// JSON text and each record with the same deserialiser as the fast path, which keeps
/// a second (tree-based) deserialiser out of the browser bundle.
fn parse_slowly(text: &str) -> Result<Workbook, ImportError> {
    let syntax = |e: serde_json::Error| refuse("", ProblemKind::Syntax { line: e.line(), column: e.column() });
    // Validate the syntax of the whole file first, so a syntax error is reported as one.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax)?;
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|_| refuse("", ProblemKind::NotAnObject))?;

    let format = top.get("format").map(|raw| serde_json::from_str::<String>(raw.get()).unwrap_or(raw.get().to_owned()));
    if format.as_deref() != Some(FORMAT_NAME) {
        return Err(refuse("format", ProblemKind::WrongFormat { found: excerpt(&format.unwrap_or_default()) }));
    }
    let version = match top.get("version") {
        None => return Err(refuse("version", ProblemKind::MissingField { field: "version".into() })),
        Some(raw) => serde_json::from_str::<u64>(raw.get()).ok().filter(|v| *v >= 1).ok_or_else(|| {
            refuse(
                "version",
                ProblemKind::WrongValue {
                    detail: format!("expected a whole number ≥ 1, found {}", excerpt(raw.get())),
                },
            )
        })?,
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse("version", ProblemKind::NewerVersion { found: version, supported: FORMAT_VERSION }));
    }
    migrate(version);

    let mut problems = Problems::new();
    let mut wb = Workbook::new(None, Collections::default(), chrono::DateTime::UNIX_EPOCH);
    for (key, raw) in &top {
        let field = |r: Result<(), serde_json::Error>, problems: &mut Problems| {
            if let Err(e) = r {
                let inner = locate(raw.get(), &e);
                problems.push(if inner.is_empty() { key.clone() } else { format!("{key}{inner}") }, serde_problem(&e));
            }
        };
        match key.as_str() {
            "format" | "version" => {}
            "exported_at" => field(serde_json::from_str(raw.get()).map(|v| wb.exported_at = v), &mut problems),
            "app_version" => field(serde_json::from_str(raw.get()).map(|v| wb.app_version = v), &mut problems),
            "owner" => field(serde_json::from_str(raw.get()).map(|v| wb.owner = v), &mut problems),
            "book_id" if version >= 6 => field(serde_json::from_str(raw.get()).map(|v| wb.book_id = v), &mut problems),
            "collections" => read_collections(raw, version, &mut wb.collections, &mut problems),
            other => problems.push(excerpt(other), ProblemKind::UnknownField { field: excerpt(other) }),
        }
    }
    if !top.contains_key("exported_at") {
        problems.push("exported_at", ProblemKind::MissingField { field: "exported_at".into() });
    }
    problems.into_result(())?;
    check_records(wb)
}

/// Brings an older version's file up to the current one, step by step.
///
/// - 1 → 2: version 2 adds the daily-service collections (service records,
///   callbacks, tickets, surveys and responses, scripts, self-checks). A version 1 file
///   has none of them, so they read as empty; its customers are unchanged.
/// - 2 → 3: version 3 adds orders, pipeline stages, opportunities, visits and the
///   key-account collections; likewise empty.
/// - 3 → 4: version 4 adds complaints, the points ledger, customer care and
///   personalized service; likewise empty.
/// - 4 → 5: version 5 adds settings, the call log, the org chart and job
///   descriptions; likewise empty.
/// - 5 → 6: version 6 adds the book id and instructors' feedback; no book id, and
///   no feedback.
fn migrate(from: u64) {
    debug_assert!(from <= u64::from(FORMAT_VERSION));
}

fn read_collections(raw: &RawValue, version: u64, out: &mut Collections, problems: &mut Problems) {
    if raw.get().trim() == "null" {
        return;
    }
    let Ok(map) = serde_json::from_str::<BTreeMap<String, &RawValue>>(raw.get()) else {
        problems.push(
            "collections",
            ProblemKind::WrongValue { detail: format!("expected an object, found {}", kind_of(raw)) },
        );
        return;
    };
    for (name, records) in map {
        let known = introduced_in(&name).is_some_and(|since| since <= version)
            && out.fill(&name, &mut RawCollection { name: &name, raw: records, problems: &mut *problems });
        if !known {
            problems
                .push(format!("collections.{}", excerpt(&name)), ProblemKind::UnknownField { field: excerpt(&name) });
        }
    }
}

/// One collection's raw JSON, read record by record.
struct RawCollection<'a> {
    name: &'a str,
    raw: &'a RawValue,
    problems: &'a mut Problems,
}

impl CollectionSource for RawCollection<'_> {
    fn take<T: Record>(&mut self) -> Vec<T> {
        read_collection(self.name, self.raw, self.problems)
    }
}

fn read_collection<T: Record>(name: &str, raw: &RawValue, problems: &mut Problems) -> Vec<T> {
    let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
        problems.push(
            format!("collections.{name}"),
            ProblemKind::WrongValue { detail: format!("expected a list, found {}", kind_of(raw)) },
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match fast::read_record::<T>(item.get()) {
            Ok(record) => out.push(record),
            Err(e) => {
                let kind = serde_problem(&e);
                // A missing field is reported at the record's end: the record is the place.
                let field = if matches!(kind, ProblemKind::MissingField { .. }) {
                    String::new()
                } else {
                    locate(item.get(), &e)
                };
                problems.push(format!("collections.{name}[{i}]{field}"), kind);
            }
        }
    }
    out
}

/// The path (`.email`, `.tags[2]`) inside `json` of the value where the parser stopped
/// with `e`, found by walking the text up to the error's position.
fn locate(json: &str, e: &serde_json::Error) -> String {
    let line_start: usize = json.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    let end = (line_start + e.column()).min(json.len());
    enum Level {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Level> = Vec::new();
    let mut expecting_key = false;
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Level::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Level::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(n)) => *n += 1,
                Some(Level::Object(_)) => expecting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Level::Object(key)) = stack.last_mut() {
                        *key = serde_json::from_str(&json[start - 1..(i + 1).min(json.len())]).ok();
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack
        .iter()
        .map(|level| match level {
            Level::Object(Some(key)) => format!(".{}", excerpt(key)),
            Level::Object(None) => String::new(),
            Level::Array(n) => format!("[{n}]"),
        })
        .collect()
}

fn serde_problem(e: &serde_json::Error) -> ProblemKind {
    let msg = e.to_string();
    // serde's own words carry the field name in backticks; lift the common cases out
    // so they can be said in the user's language.
    let quoted = || excerpt(msg.split('`').nth(1).unwrap_or_default());
    if msg.starts_with(crate::model::stamp::YEAR_OUT_OF_RANGE) {
        let (min, max) = (*crate::model::STAMP_YEARS.start(), *crate::model::STAMP_YEARS.end());
        ProblemKind::Invalid(Problem::YearOutOfRange { min, max })
    } else if msg.starts_with("missing field") {
        ProblemKind::MissingField { field: quoted() }
    } else if msg.starts_with("unknown field") {
        ProblemKind::UnknownField { field: quoted() }
    } else {
        // serde quotes the bad value whole (`invalid value: string "…"`): cut it.
        let detail = excerpt_quotes(msg.split(" at line ").next().unwrap_or(&msg));
        ProblemKind::WrongValue { detail }
    }
}

/// `detail` with each quoted part (in `"…"` or `` `…` ``) cut to an [`excerpt`], and the
/// whole cut to a few excerpts' length.
fn excerpt_quotes(detail: &str) -> String {
    if detail.chars().count() <= 3 * MAX_EXCERPT {
        return detail.to_owned();
    }
    let mut out = String::new();
    let mut rest = detail;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let close = rest.rfind(quote).filter(|_| quote == '"').or_else(|| rest.find(quote)).unwrap_or(rest.len());
        out.push_str(&excerpt(&rest[..close]));
        rest = &rest[close..];
        if let Some(q) = rest.strip_prefix(quote) {
            out.push(quote);
            rest = q;
        }
    }
    out.push_str(rest);
    excerpt_long(&out)
}

/// `text` cut to three excerpts' length.
fn excerpt_long(text: &str) -> String {
    match text.char_indices().nth(3 * MAX_EXCERPT) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "a list",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Applies every record rule and the unique-id rule.
fn check_records(wb: Workbook) -> Result<Workbook, ImportError> {
    let mut problems = Problems::new();
    // A change stamped in the future would win every later merge against the user's
    // real edits; a day of slack allows for clocks that are a little off.
    let latest = chrono::Utc::now() + chrono::Duration::days(1);
    for e in wb.owner.iter().flat_map(super::Owner::validate) {
        problems.push(format!("owner.{}", e.field), ProblemKind::Invalid(e.problem));
    }
    wb.collections.visit(&mut RecordRules { latest, problems: &mut problems });
    // A day of slack for time zones ahead of UTC.
    let today = chrono::Utc::now().date_naive().succ_opt().unwrap_or(chrono::NaiveDate::MAX);
    for p in check_references(&wb.collections.view(), today) {
        problems.push(
            format!("collections.{}[{}].{}", p.at.collection, p.at.index, p.field),
            ProblemKind::Invalid(p.problem),
        );
    }
    problems.into_result(wb)
}

/// Checks each record's own rules, its stamp and the unique-id rule.
struct RecordRules<'a> {
    latest: chrono::DateTime<chrono::Utc>,
    problems: &'a mut Problems,
}

impl CollectionVisitor for RecordRules<'_> {
    fn visit<T: Record>(&mut self, records: &[T]) {
        check_collection(records, self.latest, self.problems);
    }
}

fn check_collection<T: Record>(records: &[T], latest: chrono::DateTime<chrono::Utc>, problems: &mut Problems) {
    let mut seen = FxHashSet::with_capacity_and_hasher(records.len(), Default::default());
    // The user's today may be a day ahead of UTC's.
    let today = latest.date_naive();
    for (i, r) in records.iter().enumerate() {
        for e in r.validate().into_iter().chain(r.check_dates(today)) {
            problems.push(format!("collections.{}[{i}].{}", T::COLLECTION, e.field), ProblemKind::Invalid(e.problem));
        }
        if !r.id().is_empty() && !crate::model::is_valid_id(r.id()) {
            problems.push(format!("collections.{}[{i}].id", T::COLLECTION), ProblemKind::Invalid(Problem::BadId));
        }
        if r.updated_at() > latest {
            problems.push(
                format!("collections.{}[{i}].updated_at", T::COLLECTION),
                ProblemKind::Invalid(Problem::FutureDate),
            );
        }
        if !seen.insert(r.id()) {
            problems.push(
                format!("collections.{}[{i}].id", T::COLLECTION),
                ProblemKind::DuplicateId { id: excerpt(r.id()) },
            );
        }
    }
}
