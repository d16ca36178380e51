//! Reading a workbook file: everything is checked before anything is written, and
//! every problem is reported with its path.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::envelope::{Collections, Workbook, FORMAT_NAME, FORMAT_VERSION};
use crate::model::{Customer, Problem, Record};

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
        /// The id.
        id: String,
    },
}

struct Problems {
    list: Vec<ImportProblem>,
    more: usize,
}

impl Problems {
    fn new() -> Self {
        Self {
            list: Vec::new(),
            more: 0,
        }
    }
    fn push(&mut self, path: impl Into<String>, kind: ProblemKind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(ImportProblem {
                path: path.into(),
                kind,
            });
        } else {
            self.more += 1;
        }
    }
    fn into_result<T>(self, ok: T) -> Result<T, ImportError> {
        if self.list.is_empty() {
            Ok(ok)
        } else {
            Err(ImportError {
                problems: self.list,
                more: self.more,
            })
        }
    }
}

fn refuse(path: &str, kind: ProblemKind) -> ImportError {
    ImportError {
        problems: vec![ImportProblem {
            path: path.to_owned(),
            kind,
        }],
        more: 0,
    }
}

/// Reads and checks a whole workbook file. Returns the workbook only if every part
/// of it is valid; otherwise every problem found, with its path.
pub fn parse_workbook(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let text = decode(bytes)?;
    // Fast path: a well-formed file of the current version deserialises directly.
    match serde_json::from_str::<Workbook>(text) {
        Ok(wb) if wb.format == FORMAT_NAME && wb.version == FORMAT_VERSION => check_records(wb),
        _ => parse_slowly(text),
    }
}

fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse("", ProblemKind::Empty));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(refuse("", ProblemKind::NotUtf8));
    }
    std::str::from_utf8(bytes).map_err(|_| refuse("", ProblemKind::NotUtf8))
}

/// Diagnoses a file that did not deserialise: checks the envelope, then each record on
/// its own so every bad record is listed, not just the first.
fn parse_slowly(text: &str) -> Result<Workbook, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        refuse(
            "",
            ProblemKind::Syntax {
                line: e.line(),
                column: e.column(),
            },
        )
    })?;
    let Value::Object(mut top) = value else {
        return Err(refuse("", ProblemKind::NotAnObject));
    };
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        other => {
            let found = other
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .unwrap_or_default();
            return Err(refuse("format", ProblemKind::WrongFormat { found }));
        }
    }
    let version = match top.get("version") {
        None => {
            return Err(refuse(
                "version",
                ProblemKind::MissingField {
                    field: "version".into(),
                },
            ))
        }
        Some(v) => v.as_u64().filter(|v| *v >= 1).ok_or_else(|| {
            refuse(
                "version",
                ProblemKind::WrongValue {
                    detail: format!("expected a whole number ≥ 1, found {v}"),
                },
            )
        })?,
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse(
            "version",
            ProblemKind::NewerVersion {
                found: version,
                supported: FORMAT_VERSION,
            },
        ));
    }
    migrate(&mut top, version);

    let mut problems = Problems::new();
    let mut collections = Collections::default();
    let raw_collections = top.remove("collections");
    match raw_collections {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, records) in map {
                match name.as_str() {
                    "customers" => {
                        collections.customers =
                            read_collection::<Customer>(&name, records, &mut problems);
                    }
                    _ => problems.push(
                        format!("collections.{name}"),
                        ProblemKind::UnknownField {
                            field: name.clone(),
                        },
                    ),
                }
            }
        }
        Some(other) => problems.push(
            "collections",
            ProblemKind::WrongValue {
                detail: format!("expected an object, found {}", kind_of(&other)),
            },
        ),
    }
    top.insert("collections".into(), Value::Object(Default::default()));
    let envelope = match serde_path_to_error::deserialize::<_, Workbook>(Value::Object(top)) {
        Ok(wb) => Some(wb),
        Err(e) => {
            let path = e.path().to_string();
            problems.push(
                if path == "." { String::new() } else { path },
                serde_problem(e.inner()),
            );
            None
        }
    };
    let Some(mut wb) = envelope.filter(|_| problems.list.is_empty()) else {
        return Err(problems.into_result(()).expect_err("problems were found"));
    };
    wb.version = FORMAT_VERSION;
    wb.collections = collections;
    check_records(wb)
}

/// Brings an older version's envelope up to the current one, step by step. Version 1
/// is the first, so there is nothing to do yet; each later version adds its step here.
fn migrate(_top: &mut serde_json::Map<String, Value>, from: u64) {
    debug_assert!(from <= u64::from(FORMAT_VERSION));
}

fn read_collection<T: Record>(name: &str, records: Value, problems: &mut Problems) -> Vec<T> {
    let Value::Array(items) = records else {
        problems.push(
            format!("collections.{name}"),
            ProblemKind::WrongValue {
                detail: format!("expected a list, found {}", kind_of(&records)),
            },
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(record) => out.push(record),
            Err(e) => {
                let field = e.path().to_string();
                let path = if field == "." {
                    format!("collections.{name}[{i}]")
                } else {
                    format!("collections.{name}[{i}].{field}")
                };
                problems.push(path, serde_problem(e.inner()));
            }
        }
    }
    out
}

fn serde_problem(e: &serde_json::Error) -> ProblemKind {
    let msg = e.to_string();
    // serde's own words carry the field name in backticks; lift the common cases out
    // so they can be said in the user's language.
    let quoted = || msg.split('`').nth(1).unwrap_or_default().to_owned();
    if msg.starts_with("missing field") {
        ProblemKind::MissingField { field: quoted() }
    } else if msg.starts_with("unknown field") {
        ProblemKind::UnknownField { field: quoted() }
    } else {
        let detail = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
        ProblemKind::WrongValue { detail }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Applies every record rule and the unique-id rule.
fn check_records(wb: Workbook) -> Result<Workbook, ImportError> {
    let mut problems = Problems::new();
    check_collection(&wb.collections.customers, &mut problems);
    problems.into_result(wb)
}

fn check_collection<T: Record>(records: &[T], problems: &mut Problems) {
    let mut seen = HashSet::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        for e in r.validate() {
            problems.push(
                format!("collections.{}[{i}].{}", T::COLLECTION, e.field),
                ProblemKind::Invalid(e.problem),
            );
        }
        if !seen.insert(r.id()) {
            problems.push(
                format!("collections.{}[{i}].id", T::COLLECTION),
                ProblemKind::DuplicateId {
                    id: r.id().to_owned(),
                },
            );
        }
    }
}
