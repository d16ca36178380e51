//! A merge is checked as the book it will make: the merge corpus
//! (`tests/corpus/merge`, written by `make_merge_corpus.py`) and a property test over
//! generated books and files. The invariant: after any merge, the book's export imports.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use kehu::workbook::{merge_books, parse_workbook, Collections, MergeSides, Workbook};
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive().succ_opt().unwrap()
}

/// Whether `collections`, exported as a workbook, imports again.
fn export_imports(collections: &Collections) -> Result<(), String> {
    let text = Workbook::new(None, collections.clone(), chrono::Utc::now()).to_json();
    parse_workbook(text.as_bytes()).map(|_| ()).map_err(|e| format!("{:?}", e.problems))
}

fn read(path: &std::path::Path) -> Collections {
    let bytes = std::fs::read(path).unwrap();
    parse_workbook(&bytes).unwrap_or_else(|e| panic!("{} is refused on its own: {e:?}", path.display())).collections
}

#[test]
fn every_merge_case_keeps_the_book_whole() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/merge");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, outcome, collection, what) = (cols[0], cols[1], cols[2], cols[3]);
        let book = read(&dir.join(format!("{name}.book.json")));
        let file = read(&dir.join(format!("{name}.file.json")));
        // The case is real: merged by the rule alone (newer wins), the book's export
        // would be refused.
        let naive = MergeSides::of_collections(&book, &file).to_collections();
        assert!(export_imports(&naive).is_err(), "{name}: a plain merge already makes a valid book");

        match (outcome, merge_books(&book, &file, today())) {
            ("kept", Ok((merged, report))) => {
                assert!(
                    report.kept.iter().any(|k| k.collection == collection && k.id == what),
                    "{name}: expected the book's {collection} {what} kept, the report says {:?}",
                    report.kept
                );
                export_imports(&merged).unwrap_or_else(|e| panic!("{name}: the merged book's export is refused: {e}"));
            }
            ("refused", Err(refused)) => {
                let first = &refused.problems[0];
                assert_eq!((first.collection, first.field.as_str()), (collection, what), "{name}");
                assert!(first.in_file.is_some(), "{name}: the refused record is the file's");
            }
            (_, got) => panic!("{name}: expected {outcome}, got {got:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 6, "{checked} merge cases");
}

#[test]
fn a_merge_that_needs_nothing_kept_back_counts_as_before() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/merge");
    let book = read(&dir.join("org-chart-cycle.book.json"));
    // Merging a book into itself changes nothing.
    let (merged, report) = merge_books(&book, &book, today()).unwrap();
    assert_eq!(merged, book);
    assert_eq!((report.summary.added, report.summary.updated, report.summary.unchanged), (0, 0, 2));
    assert!(report.kept.is_empty());
}

// ---- the property test -------------------------------------------------------------

const T: &str = "2026-11-01T08:00:00Z";

/// One version of a small book's records, drawn from small pools of ids so that the
/// book and the file share records and point at each other's.
#[derive(Debug, Clone)]
struct Draw {
    customers: Vec<bool>,
    units: Vec<Option<(usize, usize)>>,
    custom_stages: bool,
    opportunities: Vec<Option<(usize, usize)>>,
    records: Vec<Option<u32>>,
    callbacks: Vec<Option<(usize, u32)>>,
    survey_text: Option<bool>,
    answers: Vec<Option<bool>>,
    stamp_days: Vec<u32>,
}

fn draw() -> impl Strategy<Value = Draw> {
    (
        prop::collection::vec(any::<bool>(), 3),
        prop::collection::vec(prop::option::of((0..4usize, 0..5usize)), 4),
        any::<bool>(),
        prop::collection::vec(prop::option::of((0..3usize, 0..7usize)), 2),
        prop::collection::vec(prop::option::of(1..28u32), 2),
        prop::collection::vec(prop::option::of((0..2usize, 1..28u32)), 2),
        prop::option::of(any::<bool>()),
        prop::collection::vec(prop::option::of(any::<bool>()), 2),
        prop::collection::vec(1..4u32, 16),
    )
        .prop_map(
            |(customers, units, custom_stages, opportunities, records, callbacks, survey_text, answers, stamp_days)| {
                Draw {
                    customers,
                    units,
                    custom_stages,
                    opportunities,
                    records,
                    callbacks,
                    survey_text,
                    answers,
                    stamp_days,
                }
            },
        )
}

/// `draw` as a valid book: the records an import refuses are left out, one round of
/// problems at a time (a record left out can leave another pointing at nothing).
fn valid_book(d: &Draw) -> Collections {
    let mut wb = book_of(d);
    loop {
        match parse_workbook(&serde_json::to_vec(&wb).unwrap()) {
            Ok(book) => return book.collections,
            Err(e) => {
                let mut bad: Vec<(String, usize)> = e
                    .problems
                    .iter()
                    .filter_map(|p| {
                        let rest = p.path.strip_prefix("collections.")?;
                        let (name, rest) = rest.split_once('[')?;
                        Some((name.to_owned(), rest.split(']').next()?.parse().ok()?))
                    })
                    .collect();
                assert!(!bad.is_empty(), "a problem outside the records: {:?}", e.problems);
                bad.sort();
                bad.dedup();
                for (name, i) in bad.into_iter().rev() {
                    wb["collections"][name].as_array_mut().unwrap().remove(i);
                }
            }
        }
    }
}

/// `draw` as a workbook file's JSON.
fn book_of(d: &Draw) -> Value {
    let stamp = |i: usize| format!("2026-11-{:02}T08:00:00Z", 10 + d.stamp_days[i % d.stamp_days.len()]);
    // c0 is always there: the service records and callbacks are its.
    let mut d = d.clone();
    d.customers[0] = true;
    let rec = |i: usize, v: Value| {
        let mut v = v;
        v["created_at"] = json!(T);
        v["updated_at"] = json!(stamp(i));
        v
    };
    let customers: Vec<Value> = d
        .customers
        .iter()
        .enumerate()
        .filter(|(_, on)| **on)
        .map(|(i, _)| rec(i, json!({"id": format!("c{i}"), "name": format!("客户{i}")})))
        .collect();
    let parent_names = ["", "u0", "u1", "u2", "u3"];
    let units: Vec<Value> = d
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.map(|(level, parent)| (i, level, parent)))
        .map(|(i, level, parent)| {
            let level = ["director", "manager", "supervisor", "specialist"][level];
            rec(3 + i, json!({"id": format!("u{i}"), "title": format!("岗位{i}"), "level": level, "parent_id": parent_names[parent]}))
        })
        .collect();
    let stages: Vec<Value> =
        if d.custom_stages { vec![rec(7, json!({"id": "s-own", "name": "自定义", "position": 0}))] } else { vec![] };
    let stage_ids =
        ["stage-prospect", "stage-contact", "stage-intent", "stage-negotiation", "stage-won", "s-own", "s-own"];
    let opportunities: Vec<Value> = d
        .opportunities
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.map(|(c, s)| (i, c, s)))
        .map(|(i, c, s)| {
            rec(8 + i, json!({"id": format!("o{i}"), "customer_id": format!("c{c}"), "title": "商机", "stage_id": stage_ids[s]}))
        })
        .collect();
    let records: Vec<Value> = d
        .records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|day| (i, day)))
        .map(|(i, day)| {
            rec(
                10 + i,
                json!({"id": format!("r{i}"), "customer_id": "c0", "kind": "inbound_call",
                       "at": format!("2026-10-{day:02}T09:00:00Z"), "duration_min": 5}),
            )
        })
        .collect();
    let callbacks: Vec<Value> = d
        .callbacks
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|(r, day)| (i, r, day)))
        .map(|(i, r, day)| {
            rec(
                12 + i,
                json!({"id": format!("cb{i}"), "customer_id": "c0", "follows": format!("r{r}"),
                       "due": format!("2026-10-{day:02}")}),
            )
        })
        .collect();
    let surveys: Vec<Value> = d
        .survey_text
        .map(|text| {
            let kind = if text { json!({"type": "text"}) } else { json!({"type": "rating", "weight": 1.0}) };
            vec![rec(
                14,
                json!({"id": "sv", "title": "满意度", "questions": [{"id": "q", "text": "问题", "kind": kind}]}),
            )]
        })
        .unwrap_or_default();
    let answers: Vec<Value> = d
        .answers
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|text| (i, text)))
        .map(|(i, text)| {
            let value =
                if text { json!({"type": "text", "value": "好"}) } else { json!({"type": "rating", "value": 4}) };
            rec(15 + i, json!({"id": format!("a{i}"), "survey_id": "sv", "answers": {"q": value}}))
        })
        .collect();
    json!({
        "format": "kehu-workbook", "version": 6, "exported_at": T,
        "collections": {
            "customers": customers, "org_units": units, "pipeline_stages": stages, "opportunities": opportunities,
            "service_records": records, "callbacks": callbacks, "surveys": surveys, "survey_responses": answers,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever two valid books are merged, the result imports; and a merge of a file
    /// that only changes records the book has is never refused (keeping the book's
    /// version of each always mends it).
    #[test]
    fn after_any_merge_the_books_export_imports(book in draw(), file in draw()) {
        let (book, file) = (valid_book(&book), valid_book(&file));
        match merge_books(&book, &file, today()) {
            Ok((merged, _)) => prop_assert!(export_imports(&merged).is_ok(), "{:?}", export_imports(&merged)),
            Err(refused) => {
                let sides = MergeSides::of_collections(&book, &file);
                prop_assert!(sides.summary().added > 0, "a merge with nothing added was refused: {refused:?}");
                prop_assert!(refused.problems.iter().all(|p| !p.field.is_empty()));
            }
        }
    }
}
