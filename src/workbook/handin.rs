//! A class that hands in through a CouchDB server (docs/sync.md, "Setting up a
//! class"): the names of the class's databases and users, the students' personal codes,
//! the roster an instructor pastes, and the `handin` and `feedback` documents. Plain
//! Rust, tested on the host; the requests are made by `ui::class_db` (the instructor)
//! and `ui::handin` (the student) through `store::couch`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::feedback::FeedbackFile;
use super::Owner;

/// The letters of a personal code: lowercase letters and digits without the ones
/// easily mistaken for another (`0 o`, `1 l i`), so a code read off paper is typed right.
pub const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// How long a personal code is: 31^8 ≈ 8.5 × 10^11 codes.
pub const CODE_LEN: usize = 8;
/// The longest class code: it is part of database and user names.
pub const MAX_CLASS_CODE: usize = 32;

/// A personal code made from random `bytes` (e.g. from `crypto.getRandomValues`), or
/// `None` when they do not suffice. Bytes that would favour some letters (248 and up,
/// past the last whole multiple of the alphabet's length) are skipped, so every letter
/// is equally likely.
pub fn code_from_bytes(bytes: &[u8]) -> Option<String> {
    let n = CODE_ALPHABET.len();
    let limit = 256 - 256 % n;
    let code: String = bytes
        .iter()
        .filter(|b| usize::from(**b) < limit)
        .take(CODE_LEN)
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % n]))
        .collect();
    (code.len() == CODE_LEN).then_some(code)
}

/// Full-width ASCII (`ＡＢ１２`, typed with a Chinese input method) as plain ASCII.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A student id as it appears in database and user names: full-width characters made
/// plain, lowercased, and only `a-z 0-9 _ -` kept (as docs/sync.md's script does).
/// Empty when nothing is left (an id of Chinese characters only).
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .map(half_width)
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect()
}

/// Why a class code cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassCodeError {
    /// Nothing typed.
    #[error("no class code")]
    Empty,
    /// A character other than `a-z 0-9 _ -`.
    #[error("the class code may hold only a-z, 0-9, _ and -")]
    BadChar(char),
    /// Longer than [`MAX_CLASS_CODE`].
    #[error("the class code is too long")]
    TooLong,
}

/// Checks a class code as typed: trimmed, full-width characters made plain and
/// lowercased (`C1` is `c1`); then only `a-z 0-9 _ -`, at most [`MAX_CLASS_CODE`].
pub fn check_class_code(raw: &str) -> Result<String, ClassCodeError> {
    let code: String = raw.trim().chars().map(half_width).map(|c| c.to_ascii_lowercase()).collect();
    let code = code.trim();
    if code.is_empty() {
        return Err(ClassCodeError::Empty);
    }
    if let Some(c) = code.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')) {
        return Err(ClassCodeError::BadChar(c));
    }
    if code.len() > MAX_CLASS_CODE {
        return Err(ClassCodeError::TooLong);
    }
    Ok(code.to_owned())
}

/// The class database (the instructor's only): `kehu-class-<code>`.
pub fn class_db(code: &str) -> String {
    format!("kehu-class-{code}")
}

/// A student's database: `kehu-class-<code>-<normalised student id>`.
pub fn student_db(code: &str, student_id: &str) -> String {
    format!("kehu-class-{code}-{}", normalize_id(student_id))
}

/// A student's CouchDB user: `kehu-<code>-<normalised student id>`.
pub fn student_user(code: &str, student_id: &str) -> String {
    format!("kehu-{code}-{}", normalize_id(student_id))
}

/// One student of a roster as pasted: their id and name, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The student id as typed (its normalised form names the user and database).
    pub student_id: String,
    /// The student's name.
    pub name: String,
}

/// A line of a pasted roster that cannot be used (`line` counts from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterProblem {
    /// A student id but no name.
    NoName {
        /// The line.
        line: usize,
    },
    /// The id has no letter or digit a database name can hold.
    BadId {
        /// The line.
        line: usize,
        /// The id as typed.
        id: String,
    },
    /// The same student id (once normalised) as an earlier line.
    Duplicate {
        /// The line.
        line: usize,
        /// The earlier line.
        first: usize,
        /// The id as typed.
        id: String,
    },
}

/// Whether `c` separates a roster line's id from the name: spaces (full-width too),
/// tabs, and the commas and semicolons a spreadsheet or a chat message puts there.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '，' | ';' | '；' | '、')
}

/// Reads a roster pasted one student per line, `<student id> <name>`: the id and name
/// separated by spaces (full-width too), tabs, commas or semicolons; quotes around a
/// field (a CSV) dropped; blank lines skipped. A name may hold spaces (`Zhang San`).
/// Returns the students in order and the lines that cannot be used.
pub fn parse_roster(text: &str) -> (Vec<RosterEntry>, Vec<RosterProblem>) {
    let mut students: Vec<(usize, String, RosterEntry)> = Vec::new();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_matches(is_separator);
        if raw.is_empty() {
            continue;
        }
        let (id, rest) = raw.split_once(is_separator).unwrap_or((raw, ""));
        let id = id.trim_matches('"').trim().to_owned();
        // The name's words joined by one space, separators and quotes dropped.
        let name = rest
            .split(is_separator)
            .map(|w| w.trim_matches('"'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let key = normalize_id(&id);
        if key.is_empty() {
            problems.push(RosterProblem::BadId { line, id });
        } else if name.is_empty() {
            problems.push(RosterProblem::NoName { line });
        } else if let Some((first, _, _)) = students.iter().find(|(_, k, _)| *k == key) {
            problems.push(RosterProblem::Duplicate { line, first: *first, id });
        } else {
            students.push((line, key, RosterEntry { student_id: id, name }));
        }
    }
    (students.into_iter().map(|(_, _, s)| s).collect(), problems)
}

/// A student as the class's roster document lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassStudent {
    /// The student id as the instructor typed it.
    pub student_id: String,
    /// The student's name.
    pub name: String,
    /// Their CouchDB user ([`student_user`]).
    pub user: String,
    /// Their database ([`student_db`]).
    pub db: String,
    /// Their personal code (their password), kept so the roster can be printed again;
    /// absent when the server's admin made the users (docs/sync.md's commands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The roster document `class` of the class database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDoc {
    /// The class code.
    #[serde(default)]
    pub name: String,
    /// The students, in the roster's order.
    #[serde(default)]
    pub students: Vec<ClassStudent>,
}

/// The class's roster after adding `roster` to the students already in it
/// (`existing`): a student already there keeps their user, database and code (a
/// missing code is made with `new_code`); a new one gets a user, a database and a code
/// made with `new_code`. Students of `existing` not in `roster` stay (their work is on
/// the server). Creating a class again is therefore harmless.
pub fn merge_roster(
    code: &str,
    existing: &[ClassStudent],
    roster: &[RosterEntry],
    mut new_code: impl FnMut() -> String,
) -> Vec<ClassStudent> {
    let mut out: Vec<ClassStudent> = existing.to_vec();
    for s in &mut out {
        if s.code.is_none() {
            s.code = Some(new_code());
        }
    }
    for entry in roster {
        let db = student_db(code, &entry.student_id);
        match out.iter_mut().find(|s| s.db == db) {
            Some(s) => s.name.clone_from(&entry.name),
            None => out.push(ClassStudent {
                student_id: entry.student_id.clone(),
                name: entry.name.clone(),
                user: student_user(code, &entry.student_id),
                db,
                code: Some(new_code()),
            }),
        }
    }
    out
}

/// A `_security` object: `admins` administer the database, `members` read and write it.
pub fn security(admins: &[&str], members: &[&str]) -> String {
    serde_json::json!({
        "admins": { "names": admins, "roles": [] },
        "members": { "names": members, "roles": [] },
    })
    .to_string()
}

/// A new CouchDB user with `password`, for `_users/org.couchdb.user:<name>`; `rev`
/// when it replaces one (a new code for an existing user).
pub fn user_doc(name: &str, password: &str, rev: Option<&str>) -> String {
    let mut doc = serde_json::json!({
        "_id": format!("org.couchdb.user:{name}"),
        "name": name,
        "password": password,
        "roles": [],
        "type": "user",
    });
    if let Some(rev) = rev {
        doc["_rev"] = rev.into();
    }
    doc.to_string()
}

/// docs/sync.md, where the class's `validate_doc_update` and the setup commands are
/// written once for people; Kehu installs and shows exactly those.
const SYNC_DOC: &str = include_str!("../../docs/sync.md");

/// The fenced code block of docs/sync.md in `lang` that starts with `start`.
fn doc_block(lang: &str, start: &str) -> &'static str {
    let fence = format!("```{lang}\n");
    SYNC_DOC
        .split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(code, _)| code))
        .find(|code| code.starts_with(start))
        .unwrap_or_default()
}

/// The `validate_doc_update` of each student's database, as docs/sync.md gives it: the
/// student writes only `handin`, only the instructor `feedback`, nobody anything else.
pub fn validate_doc_update() -> &'static str {
    doc_block("js", "function (newDoc, oldDoc, userCtx, secObj)")
}

/// The design document `_design/kehu` holding [`validate_doc_update`]; `rev` when it
/// replaces one.
pub fn design_doc(rev: Option<&str>) -> String {
    let mut doc = serde_json::json!({ "validate_doc_update": validate_doc_update() });
    if let Some(rev) = rev {
        doc["_rev"] = rev.into();
    }
    doc.to_string()
}

/// The commands a server's admin runs to set up class `code` for the instructor
/// `teacher` on `server` (docs/sync.md, "The commands"), with the roster as
/// `students.txt`: for when the instructor's account may not create users or databases.
pub fn setup_commands(server: &str, code: &str, teacher: &str, roster: &[RosterEntry]) -> String {
    // The ids as in the names (the script's `tr` keeps ASCII only: a full-width id would vanish).
    let students: String = roster.iter().map(|s| format!("{} {}\n", normalize_id(&s.student_id), s.name)).collect();
    let commands = doc_block("sh", "CODE=c1\n").replacen("CODE=c1\n", &format!("CODE={code}\n"), 1).replacen(
        "TEACHER=teacher\n",
        &format!("TEACHER='{}'\n", teacher.replace('\'', "")),
        1,
    );
    format!(
        "COUCH={server}\nADMIN='admin:the-admin-password'\n\ncat > students.txt <<'EOF'\n{students}EOF\n\n\
         cat > validate.js <<'EOF'\n{}EOF\n{}\n{commands}",
        validate_doc_update(),
        doc_block("sh", "python3 -c 'import json").trim_end(),
    )
}

/// The student's hand-in, the document `handin` of their database.
#[derive(Debug, Deserialize)]
pub struct HandinDoc {
    /// Always `handin`.
    pub kehu: String,
    /// The book's owner when it was handed in.
    #[serde(default)]
    pub owner: Owner,
    /// When this hand-in was made.
    pub handed_in_at: DateTime<Utc>,
    /// When the student first handed in (kept by every later hand-in).
    pub first_handed_in_at: DateTime<Utc>,
    /// The book, exactly as a workbook export writes it.
    pub workbook: Box<RawValue>,
}

/// The times of an earlier hand-in, read to replace it.
#[derive(Debug, Deserialize)]
pub struct HandinStamp {
    /// Its revision.
    #[serde(rename = "_rev")]
    pub rev: String,
    /// When the student first handed in.
    pub first_handed_in_at: Option<DateTime<Utc>>,
}

/// The text of a `handin` document: `workbook` is the workbook export's text; it
/// replaces the earlier hand-in (`earlier`), keeping when the student first handed in.
pub fn handin_body(owner: &Owner, now: DateTime<Utc>, earlier: Option<&HandinStamp>, workbook: &RawValue) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(rename = "_rev", skip_serializing_if = "Option::is_none")]
        rev: Option<&'a str>,
        kehu: &'a str,
        owner: &'a Owner,
        handed_in_at: DateTime<Utc>,
        first_handed_in_at: DateTime<Utc>,
        workbook: &'a RawValue,
    }
    let out = Out {
        rev: earlier.map(|e| e.rev.as_str()),
        kehu: "handin",
        owner,
        handed_in_at: now,
        first_handed_in_at: earlier.and_then(|e| e.first_handed_in_at).unwrap_or(now),
        workbook,
    };
    serde_json::to_string(&out).expect("a hand-in always serialises")
}

/// The text of the `feedback` document: the feedback file's JSON as it is, with the
/// earlier document's revision `rev` when it replaces one.
pub fn feedback_body(file: &FeedbackFile, rev: Option<&str>) -> String {
    let mut doc = serde_json::to_value(file).expect("feedback always serialises");
    if let (Some(rev), Some(map)) = (rev, doc.as_object_mut()) {
        map.insert("_rev".into(), rev.into());
    }
    doc.to_string()
}

/// A `feedback` document as the text of a feedback file: CouchDB's own fields
/// (`_id`, `_rev`, …) dropped, so it is read exactly as an imported file is. `None`
/// when it is not a JSON object.
pub fn feedback_file_text(doc: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(doc).ok()?;
    value.as_object_mut()?.retain(|k, _| !k.starts_with('_'));
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_has_eight_letters_without_look_alikes() {
        assert_eq!(CODE_ALPHABET.len(), 31);
        for c in ['0', 'o', 'O', '1', 'l', 'I', 'i'] {
            assert!(!CODE_ALPHABET.contains(&(c as u8)), "{c} is easily misread");
        }
        // Bytes 0..8 are the first eight letters; 31 wraps to the first again.
        assert_eq!(code_from_bytes(&[0, 1, 2, 3, 4, 5, 6, 7]).as_deref(), Some("abcdefgh"));
        assert_eq!(code_from_bytes(&[30, 31, 61, 62, 247, 9, 10, 11]).as_deref(), Some("9a9a9kmn"));
        // 248..=255 would favour the first eight letters: skipped.
        assert_eq!(code_from_bytes(&[248, 255, 0, 1, 2, 3, 4, 5, 6, 7]).as_deref(), Some("abcdefgh"));
        assert_eq!(code_from_bytes(&[0, 1, 2, 3, 4, 5, 6, 250]), None);
        assert_eq!(code_from_bytes(&[]), None);
    }

    #[test]
    fn every_letter_is_equally_likely() {
        // Each byte value once: each letter comes from exactly 8 of the 256 values.
        let all: Vec<u8> = (0..=255).collect();
        let mut counts = [0usize; 31];
        for chunk in all.chunks(8) {
            if let Some(code) = code_from_bytes(chunk) {
                for b in code.bytes() {
                    counts[CODE_ALPHABET.iter().position(|c| *c == b).unwrap()] += 1;
                }
            }
        }
        // 248 usable values: chunks 0..31 give 31 codes, 8 letters each.
        assert_eq!(counts, [8; 31]);
    }

    #[test]
    fn student_ids_become_safe_names() {
        assert_eq!(normalize_id("230101"), "230101");
        assert_eq!(normalize_id(" S-01_a "), "s-01_a");
        assert_eq!(normalize_id("２３０１０２"), "230102");
        assert_eq!(normalize_id("Ａｂ.12/3"), "ab123");
        assert_eq!(normalize_id("李明"), "");
        assert_eq!(student_db("c1", "S01"), "kehu-class-c1-s01");
        assert_eq!(student_user("c1", "S01"), "kehu-c1-s01");
        assert_eq!(class_db("c1"), "kehu-class-c1");
        // The names are database names CouchDB accepts.
        assert!(crate::sync::check_db_name(&student_db("ec-2301", "２３０１０２")));
    }

    #[test]
    fn class_codes_are_checked() {
        assert_eq!(check_class_code(" C1 "), Ok("c1".into()));
        assert_eq!(check_class_code("ｅｃ２３０１"), Ok("ec2301".into()));
        assert_eq!(check_class_code("ec_2301-a"), Ok("ec_2301-a".into()));
        assert_eq!(check_class_code("  "), Err(ClassCodeError::Empty));
        assert_eq!(check_class_code("电商"), Err(ClassCodeError::BadChar('电')));
        assert_eq!(check_class_code("ec 2301"), Err(ClassCodeError::BadChar(' ')));
        assert_eq!(check_class_code("ec/2301"), Err(ClassCodeError::BadChar('/')));
        assert_eq!(check_class_code(&"a".repeat(33)), Err(ClassCodeError::TooLong));
        assert!(check_class_code(&"a".repeat(32)).is_ok());
    }

    fn entry(id: &str, name: &str) -> RosterEntry {
        RosterEntry { student_id: id.into(), name: name.into() }
    }

    #[test]
    fn a_messy_pasted_roster_is_read() {
        let text = "\u{FEFF}230101\t李明\r\n\
                    \n\
                    230102，张华\n\
                    230103　王芳\n\
                    \"230104\",\"Zhang San\"\n\
                    230105  Li   Si ,\n\
                    \t\n\
                    230106;赵六；\n";
        let (students, problems) = parse_roster(text);
        assert_eq!(
            students,
            vec![
                entry("230101", "李明"),
                entry("230102", "张华"),
                entry("230103", "王芳"),
                entry("230104", "Zhang San"),
                entry("230105", "Li Si"),
                entry("230106", "赵六"),
            ]
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn unusable_roster_lines_are_named() {
        let text = "学号 姓名\n230101 李明\n230102\n２３０１０１ 李明明\nS01 Amy\ns01 Ann\n";
        let (students, problems) = parse_roster(text);
        assert_eq!(students, vec![entry("230101", "李明"), entry("S01", "Amy")]);
        assert_eq!(
            problems,
            vec![
                RosterProblem::BadId { line: 1, id: "学号".into() },
                RosterProblem::NoName { line: 3 },
                RosterProblem::Duplicate { line: 4, first: 2, id: "２３０１０１".into() },
                RosterProblem::Duplicate { line: 6, first: 5, id: "s01".into() },
            ]
        );
    }

    #[test]
    fn creating_a_class_again_keeps_every_code() {
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("code{n}")
        };
        let first = merge_roster("c1", &[], &[entry("S01", "李明"), entry("230102", "张华")], &mut next);
        assert_eq!(
            first[0],
            ClassStudent {
                student_id: "S01".into(),
                name: "李明".into(),
                user: "kehu-c1-s01".into(),
                db: "kehu-class-c1-s01".into(),
                code: Some("code1".into()),
            }
        );
        assert_eq!(first[1].code.as_deref(), Some("code2"));
        // Again, with one name corrected and one student more: the codes handed out stay.
        let again = merge_roster("c1", &first, &[entry("s01", "李 明"), entry("230103", "王芳")], &mut next);
        let codes: Vec<_> = again.iter().map(|s| (s.db.as_str(), s.name.as_str(), s.code.as_deref())).collect();
        assert_eq!(
            codes,
            vec![
                ("kehu-class-c1-s01", "李 明", Some("code1")),
                ("kehu-class-c1-230102", "张华", Some("code2")),
                ("kehu-class-c1-230103", "王芳", Some("code3")),
            ]
        );
        // A roster made by the server's admin has no codes: one is made for each.
        let mut made = again.clone();
        made[0].code = None;
        assert_eq!(merge_roster("c1", &made, &[], &mut next)[0].code.as_deref(), Some("code4"));
    }

    #[test]
    fn the_documented_validation_and_commands_are_used() {
        let f = validate_doc_update();
        assert!(f.starts_with("function (newDoc, oldDoc, userCtx, secObj) {"));
        assert!(f.trim_end().ends_with('}'));
        assert!(f.contains("Only the instructor writes feedback."));
        let ddoc: serde_json::Value = serde_json::from_str(&design_doc(Some("1-a"))).unwrap();
        assert_eq!(ddoc["validate_doc_update"], f);
        assert_eq!(ddoc["_rev"], "1-a");
        let sh = setup_commands("https://couch.example.com", "ec2301", "wang", &[entry("２３０１０１", "李明")]);
        assert!(sh.starts_with("COUCH=https://couch.example.com\n"));
        assert!(sh.contains("CODE=ec2301\nTEACHER='wang'\n"));
        assert!(sh.contains("cat > students.txt <<'EOF'\n230101 李明\nEOF\n"));
        assert!(sh.contains(&format!("cat > validate.js <<'EOF'\n{f}EOF\n")));
        assert!(sh.contains("> kehu-design.json\n"));
        assert!(sh.contains("$COUCH/kehu-class-$CODE/class"));
    }

    #[test]
    fn a_new_hand_in_keeps_the_first_time() {
        let owner = Owner { name: "李明".into(), class: "电商2301".into(), student_id: "230101".into() };
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let wb = RawValue::from_string(r#"{"format":"kehu-workbook","version":9}"#.into()).unwrap();
        let first: serde_json::Value =
            serde_json::from_str(&handin_body(&owner, at("2026-11-20T08:00:00Z"), None, &wb)).unwrap();
        assert_eq!(first["kehu"], "handin");
        assert_eq!(first["first_handed_in_at"], "2026-11-20T08:00:00Z");
        assert_eq!(first["workbook"]["version"], 9);
        assert!(first.get("_rev").is_none());
        let earlier = HandinStamp { rev: "1-x".into(), first_handed_in_at: Some(at("2026-11-20T08:00:00Z")) };
        let text = handin_body(&owner, at("2026-11-27T09:30:00Z"), Some(&earlier), &wb);
        let second: HandinDoc = serde_json::from_str(&text).unwrap();
        assert_eq!(second.handed_in_at, at("2026-11-27T09:30:00Z"));
        assert_eq!(second.first_handed_in_at, at("2026-11-20T08:00:00Z"));
        assert_eq!(second.owner, owner);
        assert_eq!(second.workbook.get(), r#"{"format":"kehu-workbook","version":9}"#);
        assert!(text.contains(r#""_rev":"1-x""#));
    }

    #[test]
    fn a_feedback_document_reads_as_the_feedback_file() {
        let file = FeedbackFile {
            format: super::super::feedback::FEEDBACK_FORMAT.into(),
            version: 1,
            written_at: "2026-11-20T08:00:00Z".parse().unwrap(),
            reviewer: "王老师".into(),
            student: Owner { name: "李明".into(), class: String::new(), student_id: "230101".into() },
            book_id: Some("book-1".into()),
            workbook_exported_at: "2026-11-19T08:00:00Z".parse().unwrap(),
            feedback: Vec::new(),
        };
        let body = feedback_body(&file, Some("2-b"));
        let stored = body.replacen('{', r#"{"_id":"feedback","#, 1);
        let text = feedback_file_text(&stored).unwrap();
        let owner = file.student.clone();
        let read = super::super::feedback::parse_feedback(text.as_bytes(), Some(&owner), Some("book-1")).unwrap();
        assert_eq!(read, file);
        assert_eq!(feedback_file_text("[1]"), None);
    }
}
