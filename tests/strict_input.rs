//! Issue 18's hostile input from the outside: duplicate keys, oversized values, dates
//! out of range, odd ids and names; each refused with its path and a short message.
#![cfg(not(target_arch = "wasm32"))]

use kehu::i18n::{messages, Lang};
use kehu::workbook::{parse_workbook, read_workbook, ProblemKind};

fn envelope(collections: &str) -> String {
    format!(
        r#"{{"format":"kehu-workbook","version":6,"exported_at":"2026-11-26T10:00:00Z","app_version":"0.1.0","collections":{collections}}}"#
    )
}

fn customer(id: &str) -> String {
    format!(r#"{{"id":"{id}","name":"张三","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}}"#)
}

/// The problems of a refused file, as (path, kind), through both entry points.
fn refused(text: &str) -> Vec<(String, ProblemKind)> {
    let a = parse_workbook(text.as_bytes()).expect_err("refused");
    let Err(b) = read_workbook(text.as_bytes().to_vec()) else { panic!("accepted: {text}") };
    assert_eq!(a, b);
    a.problems.into_iter().map(|p| (p.path, p.kind)).collect()
}

#[test]
fn a_key_twice_anywhere_is_refused_with_its_path() {
    let three = format!("[{},{},{}]", customer("a"), customer("b"), customer("c"));
    let one = format!("[{}]", customer("d"));
    // Without the check, the second `customers` won: 1 customer instead of 3.
    let text = envelope(&format!(r#"{{"customers":{three},"customers":{one}}}"#));
    assert_eq!(refused(&text), [("collections.customers".to_owned(), ProblemKind::DuplicateKey)]);
    // A second, empty `collections` would have emptied the import (and, on replace, the book).
    let text = envelope(&format!(r#"{{"customers":{three}}},"collections":{{}}"#));
    assert_eq!(refused(&text), [("collections".to_owned(), ProblemKind::DuplicateKey)]);
    let twice =
        r#"{"id":"c","name":"甲","name":"乙","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}"#;
    let text = envelope(&format!(r#"{{"customers":[{},{},{twice}]}}"#, customer("a"), customer("b")));
    assert_eq!(refused(&text), [("collections.customers[2].name".to_owned(), ProblemKind::DuplicateKey)]);
    let msg = messages::import_problem(Lang::Zh, &parse_workbook(text.as_bytes()).unwrap_err().problems[0]);
    assert!(msg.starts_with("collections.customers[2].name: ") && msg.contains("两次"), "{msg}");
    let en = messages::import_problem(Lang::En, &parse_workbook(text.as_bytes()).unwrap_err().problems[0]);
    assert!(en.contains("appears twice"), "{en}");
}

#[test]
fn a_huge_bad_value_gives_a_short_message() {
    let huge = "x".repeat(3_000_000);
    let files = [
        // A wrong format name, a bad stage, a bad date, an unknown field, a duplicate id.
        format!(r#"{{"format":"{huge}","version":6,"exported_at":"2026-11-26T10:00:00Z"}}"#),
        envelope(&format!(
            r#"{{"customers":[{{"id":"a","name":"甲","stage":"{huge}","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}}]}}"#
        )),
        envelope(&format!(
            r#"{{"customers":[{{"id":"a","name":"甲","created_at":"{huge}","updated_at":"2026-01-02T00:00:00Z"}}]}}"#
        )),
        envelope(&format!(r#"{{"customers":[{{"id":"a","{huge}":1}}]}}"#)),
        envelope(&format!(r#"{{"customers":[{},{}]}}"#, customer(&huge), customer(&huge))),
    ];
    for text in files {
        let e = parse_workbook(text.as_bytes()).expect_err("refused");
        for lang in [Lang::Zh, Lang::En] {
            for p in &e.problems {
                let msg = messages::import_problem(lang, p);
                assert!(msg.chars().count() < 600, "{} characters: {}…", msg.len(), &msg[..200]);
            }
        }
    }
}
