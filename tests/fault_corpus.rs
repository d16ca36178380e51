//! The fault corpus (`tests/corpus/bad`, written by `make_corpus.py`): every file is
//! refused, and its first problem is the one `EXPECTED.tsv` names, at the path it
//! names. The end-to-end test `e2e/faults.test.mjs` imports the same files in the
//! browser and checks that the stored data stays byte-identical.
#![cfg(not(target_arch = "wasm32"))]

use kehu::i18n::Lang;
use kehu::messages;
use kehu::workbook::feedback::parse_feedback;
use kehu::workbook::{parse_workbook, Owner};

#[test]
fn every_bad_file_is_refused_with_its_own_problem() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/bad");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, kind, path) = (cols[0], cols[1], cols.get(2).copied().unwrap_or(""));
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let err = match parse_workbook(&bytes) {
            Ok(_) => panic!("{file} was accepted"),
            Err(e) => e,
        };
        let first = &err.problems[0];
        let found = format!("{:?}", first.kind);
        assert!(found.starts_with(kind), "{file}: expected {kind}, found {found}");
        assert_eq!(first.path, path, "{file}: the path of {found}");
        // However large the bad value, what the user reads is short.
        for lang in [Lang::Zh, Lang::En] {
            for p in &err.problems {
                let msg = messages::import_problem(lang, p);
                assert!(msg.chars().count() <= 400, "{file}: a message of {} characters", msg.chars().count());
            }
        }
        checked += 1;
    }
    assert!(checked >= 30, "the corpus has {checked} files; issue 8 asks for at least 30");
}

#[test]
fn a_50_mb_file_that_is_not_a_workbook_is_refused_without_reading_it_all_as_records() {
    // 50 MB of one JSON string: valid JSON, not a workbook.
    let mut big = Vec::with_capacity(50 * 1024 * 1024 + 2);
    big.push(b'"');
    big.resize(50 * 1024 * 1024, b'x');
    big.push(b'"');
    let err = parse_workbook(&big).unwrap_err();
    assert_eq!(format!("{:?}", err.problems[0].kind), "NotAnObject");
}

#[test]
fn a_utf8_byte_order_mark_before_a_good_file_is_accepted() {
    let good = r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-20T08:00:00Z","collections":{}}"#;
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(good.as_bytes());
    assert!(parse_workbook(&bytes).is_ok());
}

#[test]
fn every_hostile_feedback_file_is_refused_for_its_reason() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/feedback");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let me = Owner { name: "李明".into(), class: "电商2301".into(), student_id: "230101".into() };
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (file, kind) = line.split_once('\t').unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match parse_feedback(&bytes, Some(&me), Some("book-1")) {
            Ok(_) => assert_eq!(kind, "Ok", "{file} was accepted"),
            Err(e) => {
                assert!(format!("{e:?}").starts_with(kind), "{file}: expected {kind}, found {e:?}");
                for lang in [Lang::Zh, Lang::En] {
                    assert!(messages::feedback_error(lang, &e).chars().count() <= 400, "{file}");
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 9, "{checked} feedback files");
}
