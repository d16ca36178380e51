//! Issue 18's hostile input from the outside: duplicate keys, oversized values, dates
//! out of range, odd ids and names; each refused with its path and a short message.
#![cfg(not(target_arch = "wasm32"))]

use kehu::i18n::Lang;
use kehu::messages;
use kehu::model::Problem;
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

fn one_customer(fields: &str) -> String {
    envelope(&format!(r#"{{"customers":[{{{fields}}}]}}"#))
}

#[test]
fn a_stamp_outside_1900_to_2200_is_refused_for_its_year_not_its_order() {
    for created in ["99999-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "1800-01-01T00:00:00Z"] {
        let text = one_customer(&format!(
            r#""id":"a","name":"甲","created_at":"{created}","updated_at":"2026-01-02T00:00:00Z""#
        ));
        let year = ProblemKind::Invalid(Problem::YearOutOfRange { min: 1900, max: 2200 });
        assert_eq!(refused(&text), [("collections.customers[0].created_at".to_owned(), year.clone())], "{created}");
        let p = &parse_workbook(text.as_bytes()).unwrap_err().problems[0];
        assert_eq!(
            messages::import_problem(Lang::Zh, p),
            "collections.customers[0].created_at: 年份必须在 1900 到 2200 之间"
        );
    }
    // Any stamp, not only the record's own: a call's start.
    let text = envelope(
        r#"{"calls":[{"id":"k","direction":"inbound","started_at":"3000-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}]}"#,
    );
    assert_eq!(refused(&text)[0].0, "collections.calls[0].started_at");
}

#[test]
fn a_birthday_must_be_in_the_past_and_not_before_1900() {
    let born = |day: &str| {
        one_customer(&format!(
            r#""id":"a","name":"甲","birthday":"{day}","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z""#
        ))
    };
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    assert_eq!(
        refused(&born("0001-01-01")),
        [(
            "collections.customers[0].birthday".to_owned(),
            ProblemKind::Invalid(Problem::YearOutOfRange { min: 1900, max: this_year })
        )]
    );
    assert_eq!(
        refused(&born("9999-12-31")),
        [("collections.customers[0].birthday".to_owned(), ProblemKind::Invalid(Problem::FutureDate))]
    );
    assert!(parse_workbook(born("1900-01-01").as_bytes()).is_ok());
    assert!(parse_workbook(born("1985-06-07").as_bytes()).is_ok());
}

#[test]
fn ids_with_paths_or_spaces_and_names_without_a_visible_character_are_refused() {
    for id in ["../../workbook", "a/b", "a\\\\b", "a b", "a\\tb", "..", "a\\u0000"] {
        let text = one_customer(&format!(
            r#""id":"{id}","name":"甲","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z""#
        ));
        assert_eq!(
            refused(&text),
            [("collections.customers[0].id".to_owned(), ProblemKind::Invalid(Problem::BadId))],
            "{id}"
        );
    }
    for name in ["\\u200b\\u200c\\u200d", "\\ufeff\\u2060", " \\u0001 ", "\\u3000\\u200b"] {
        let text = one_customer(&format!(
            r#""id":"a","name":"{name}","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z""#
        ));
        let want = ProblemKind::Invalid(Problem::NoVisibleCharacter);
        assert_eq!(refused(&text), [("collections.customers[0].name".to_owned(), want)], "{name}");
        let p = &parse_workbook(text.as_bytes()).unwrap_err().problems[0];
        assert!(messages::import_problem(Lang::En, p)
            .ends_with("has no visible character (only spaces, zero-width or control characters)"));
    }
    // A reference with a path in it is refused as an id, besides pointing nowhere.
    let text = envelope(&format!(
        r#"{{"customers":[{}],"orders":[{{"id":"o","customer_id":"../a","date":"2026-01-01","amount":1,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}}]}}"#,
        customer("a")
    ));
    assert!(refused(&text)
        .contains(&("collections.orders[0].customer_id".to_owned(), ProblemKind::Invalid(Problem::BadId))));
}

#[test]
fn every_sample_book_passes_the_new_rules() {
    use kehu::workbook::sample::{sample_workbook, SampleCompany};
    for company in [SampleCompany::TaobaoShop, SampleCompany::RealEstate] {
        let wb = sample_workbook(company, 2026, 200);
        assert!(parse_workbook(wb.to_json().as_bytes()).is_ok());
    }
}

#[test]
fn owner_fields_over_200_characters_are_refused() {
    let long = "名".repeat(201);
    for field in ["name", "class", "student_id"] {
        let text = format!(
            r#"{{"format":"kehu-workbook","version":6,"exported_at":"2026-11-26T10:00:00Z","owner":{{"{field}":"{long}"}}}}"#
        );
        let want = ProblemKind::Invalid(Problem::TooLong { max: 200 });
        assert_eq!(refused(&text), [(format!("owner.{field}"), want)]);
    }
    let ok = format!(
        r#"{{"format":"kehu-workbook","version":6,"exported_at":"2026-11-26T10:00:00Z","owner":{{"name":"{}"}}}}"#,
        "名".repeat(200)
    );
    assert!(parse_workbook(ok.as_bytes()).is_ok());
}
