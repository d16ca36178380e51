//! The workbook file from the outside: round trips, merges and every refusal.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, Utc};
use kehu::i18n::Lang;
use kehu::messages;
use kehu::model::{Customer, Problem, Record};
use kehu::workbook::sample::{generate_customers, sample_workbook, SampleCompany};
use kehu::workbook::{parse_workbook, plan_merge, Collections, Owner, ProblemKind, Workbook, FORMAT_VERSION};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    "2026-11-26T10:00:00Z".parse().unwrap()
}

fn kinds(bytes: &[u8]) -> Vec<(String, ProblemKind)> {
    parse_workbook(bytes).expect_err("should be refused").problems.into_iter().map(|p| (p.path, p.kind)).collect()
}

fn file_with_customers(customers: &str) -> String {
    format!(
        r#"{{"format":"kehu-workbook","version":1,"exported_at":"2026-11-26T10:00:00Z","app_version":"0.1.0","collections":{{"customers":{customers}}}}}"#
    )
}

const GOOD: &str =
    r#"{"id":"a","name":"张三","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}"#;

#[test]
fn the_design_example_envelope_reads() {
    let text = r#"{
      "format": "kehu-workbook",
      "version": 1,
      "exported_at": "2026-11-26T10:00:00Z",
      "app_version": "0.1.0",
      "owner": { "name": "张三", "class": "电商2301", "student_id": "2023001" },
      "collections": {
        "customers": [ { "id": "c1", "name": "李四", "created_at": "2026-11-01T08:00:00Z", "updated_at": "2026-11-02T08:00:00Z" } ]
      }
    }"#;
    let wb = parse_workbook(text.as_bytes()).unwrap();
    assert_eq!(wb.owner.unwrap().class, "电商2301");
    assert_eq!(wb.collections.customers[0].name, "李四");
    assert_eq!(wb.collections.customers[0].stage, kehu::model::Stage::Prospect);
}

#[test]
fn owner_and_collections_are_optional_and_a_bom_is_ignored() {
    let text = "\u{feff}{\"format\":\"kehu-workbook\",\"version\":1,\"exported_at\":\"2026-11-26T10:00:00Z\"}";
    let wb = parse_workbook(text.as_bytes()).unwrap();
    assert!(wb.owner.is_none());
    assert!(wb.collections.is_empty());
}

#[test]
fn a_sample_workbook_survives_export_and_import() {
    let mut wb = sample_workbook(SampleCompany::TaobaoShop, 9, 500);
    wb.owner = Some(Owner { name: "张三".into(), class: "电商2301".into(), student_id: "2023001".into() });
    wb.collections.customers[3].deleted_at = Some(now());
    let back = parse_workbook(wb.to_json().as_bytes()).unwrap();
    assert_eq!(back, wb);
}

fn arb_customer() -> impl Strategy<Value = Customer> {
    (
        any::<u64>(),
        "\\PC{1,30}",
        prop::collection::vec("[\\p{Han}a-z0-9]{1,8}", 0..4),
        "\\PC{0,200}",
        prop::option::of(0i64..20_000),
        0i64..1_000_000,
    )
        .prop_filter("names must have visible text", |(_, name, ..)| kehu::model::validate::has_visible(name))
        .prop_map(|(seed, name, tags, notes, birthday_days, age)| {
            let mut c = generate_customers(SampleCompany::RealEstate, seed, 1).pop().unwrap();
            c.name = name.into();
            c.tags = tags.into_iter().map(Into::into).collect();
            c.notes = notes.into();
            c.birthday = birthday_days
                .map(|d| (chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Duration::days(d)).into());
            c.updated_at = c.created_at + Duration::seconds(age);
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_import_gives_identical_data(customers in prop::collection::vec(arb_customer(), 0..20)) {
        let wb = Workbook::new(None, Collections { customers, ..Collections::default() }, now());
        let back = parse_workbook(wb.to_json().as_bytes()).unwrap();
        prop_assert_eq!(back, wb);
    }

    #[test]
    fn random_bytes_are_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_workbook(&bytes);
    }
}

#[test]
fn bad_json_is_refused_with_line_and_column() {
    let text = file_with_customers(&format!("[{GOOD}"));
    match kinds(text.as_bytes()).as_slice() {
        [(path, ProblemKind::Syntax { line: 1, .. })] => assert_eq!(path, ""),
        other => panic!("{other:?}"),
    }
    assert_eq!(kinds(b"").as_slice(), [(String::new(), ProblemKind::Empty)]);
    assert_eq!(kinds(b"[1,2]").as_slice(), [(String::new(), ProblemKind::NotAnObject)]);
    let deep = "[".repeat(100_000);
    assert!(matches!(kinds(deep.as_bytes())[0].1, ProblemKind::Syntax { .. }));
}

#[test]
fn utf16_is_refused_as_not_utf8() {
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(kinds(&utf16).as_slice(), [(String::new(), ProblemKind::NotUtf8)]);
}

#[test]
fn wrong_format_name_is_refused() {
    let text = file_with_customers("[]").replace("kehu-workbook", "excel");
    assert_eq!(
        kinds(text.as_bytes()).as_slice(),
        [("format".into(), ProblemKind::WrongFormat { found: "excel".into() })]
    );
}

#[test]
fn a_newer_version_is_refused_with_a_message_saying_so() {
    let text = file_with_customers("[]").replace("\"version\":1", "\"version\":99");
    let problems = parse_workbook(text.as_bytes()).unwrap_err().problems;
    assert_eq!(problems[0].kind, ProblemKind::NewerVersion { found: 99, supported: FORMAT_VERSION });
    let en = messages::import_problem(Lang::En, &problems[0]);
    assert!(en.contains("newer") && en.contains("99"), "{en}");
    let zh = messages::import_problem(Lang::Zh, &problems[0]);
    assert!(zh.contains("更新版本"), "{zh}");
}

#[test]
fn one_invalid_record_refuses_the_file_and_names_its_path() {
    let bad = GOOD.replace("\"id\":\"a\"", "\"id\":\"b\"").replace("张三", "李四\",\"email\":\"not-an-email");
    let text = file_with_customers(&format!("[{GOOD},{bad}]"));
    assert_eq!(
        kinds(text.as_bytes()).as_slice(),
        [("collections.customers[1].email".into(), ProblemKind::Invalid(Problem::Email))]
    );
}

#[test]
fn every_bad_record_is_listed_not_just_the_first() {
    let no_name = r#"{"id":"x","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
    let wrong_type = r#"{"id":"y","name":5,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
    let bad_stage = r#"{"id":"z","name":"a","stage":"vip","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
    let text = file_with_customers(&format!("[{no_name},{GOOD},{wrong_type},{bad_stage}]"));
    let found = kinds(text.as_bytes());
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0], ("collections.customers[0]".into(), ProblemKind::MissingField { field: "name".into() }));
    assert_eq!(found[1].0, "collections.customers[2].name");
    assert_eq!(found[2].0, "collections.customers[3].stage");
}

#[test]
fn duplicate_ids_are_refused() {
    let text = file_with_customers(&format!("[{GOOD},{GOOD}]"));
    assert_eq!(
        kinds(text.as_bytes()).as_slice(),
        [("collections.customers[1].id".into(), ProblemKind::DuplicateId { id: "a".into() })]
    );
}

#[test]
fn unknown_collections_and_wrong_shapes_are_refused() {
    let text = file_with_customers("[]").replace("\"customers\":[]", "\"customers\":[],\"orderz\":[]");
    assert_eq!(kinds(text.as_bytes())[0].0, "collections.orderz");
    let text = file_with_customers("{}");
    assert_eq!(kinds(text.as_bytes())[0].0, "collections.customers");
    let text = file_with_customers("[]").replace("\"version\":1", "\"version\":\"1\"");
    assert_eq!(kinds(text.as_bytes())[0].0, "version");
}

#[test]
fn merge_adds_unknown_ids_and_keeps_the_newer_record() {
    let base: Vec<Customer> = generate_customers(SampleCompany::RealEstate, 5, 3);
    let mut incoming = base.clone();
    incoming[0].name = "newer".into();
    incoming[0].updated_at += Duration::seconds(1);
    incoming[1].name = "older".into();
    incoming[1].updated_at -= Duration::seconds(1);
    let fresh = Customer::new("new-id", "新客户", now());
    incoming.push(fresh.clone());
    let plan = plan_merge(|id| base.iter().find(|c| c.id == id), incoming.clone());
    assert_eq!((plan.summary.added, plan.summary.updated, plan.summary.unchanged), (1, 1, 2));
    assert_eq!(plan.to_write, vec![incoming[0].clone(), fresh]);
    assert!(plan.to_write.iter().all(|c| c.id() != base[1].id()), "the current, newer record stays");
}

#[test]
fn paths_reach_into_nested_values_and_the_envelope() {
    let bad_tag = r#"{"id":"t","name":"a","tags":["ok", 7],"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
    let text = file_with_customers(&format!("[{GOOD},\n{bad_tag}]"));
    assert_eq!(kinds(text.as_bytes())[0].0, "collections.customers[1].tags[1]");
    let text = file_with_customers("[]").replace("\"app_version\":\"0.1.0\"", "\"owner\":{\"name\":[1]}");
    assert_eq!(kinds(text.as_bytes())[0].0, "owner.name");
    let text =
        file_with_customers("[]").replace("\"exported_at\":\"2026-11-26T10:00:00Z\"", "\"exported_at\":\"yesterday\"");
    assert_eq!(kinds(text.as_bytes())[0].0, "exported_at");
    let text = file_with_customers("[]").replace("\"app_version\":\"0.1.0\"", "\"extra\":1");
    assert_eq!(
        kinds(text.as_bytes()).as_slice(),
        [("extra".into(), ProblemKind::UnknownField { field: "extra".into() })]
    );
}

#[test]
fn a_change_stamped_in_the_future_is_refused() {
    let future = GOOD.replace("\"updated_at\":\"2026-01-02T00:00:00Z\"", "\"updated_at\":\"2099-01-01T00:00:00Z\"");
    let text = file_with_customers(&format!("[{future}]"));
    assert_eq!(
        kinds(text.as_bytes()).as_slice(),
        [("collections.customers[0].updated_at".into(), ProblemKind::Invalid(Problem::FutureDate))]
    );
}

fn file_v2(collections: &str) -> String {
    format!(
        r#"{{"format":"kehu-workbook","version":2,"exported_at":"2026-11-26T10:00:00Z","collections":{{{collections}}}}}"#
    )
}

const CUSTOMER_A: &str =
    r#""customers":[{"id":"a","name":"张三","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}]"#;
const CALL_R1: &str = r#"{"id":"r1","customer_id":"a","kind":"inbound_call","at":"2026-11-10T09:00:00Z","duration_min":5,"created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}"#;

#[test]
fn a_version_1_file_reads_as_version_2_with_empty_daily_service() {
    let wb = parse_workbook(file_with_customers(&format!("[{GOOD}]")).as_bytes()).unwrap();
    assert_eq!(wb.version, FORMAT_VERSION);
    assert_eq!(FORMAT_VERSION, 6);
    assert_eq!(wb.collections.customers.len(), 1);
    assert!(wb.collections.service_records.is_empty() && wb.collections.surveys.is_empty());
    // A version 1 file cannot hold what version 2 introduced.
    let odd =
        r#"{"format":"kehu-workbook","version":1,"exported_at":"2026-11-26T10:00:00Z","collections":{"callbacks":[]}}"#;
    assert_eq!(
        kinds(odd.as_bytes()),
        [("collections.callbacks".to_owned(), ProblemKind::UnknownField { field: "callbacks".into() })]
    );
}

#[test]
fn every_collection_is_named_after_its_record_type() {
    use kehu::model::{etiquette, service, survey, ticket};
    let names = [
        Customer::COLLECTION,
        service::ServiceRecord::COLLECTION,
        service::Callback::COLLECTION,
        ticket::Ticket::COLLECTION,
        survey::Survey::COLLECTION,
        survey::SurveyResponse::COLLECTION,
        etiquette::Script::COLLECTION,
        etiquette::SelfCheck::COLLECTION,
        kehu::model::order::Order::COLLECTION,
        kehu::model::pipeline::PipelineStage::COLLECTION,
        kehu::model::pipeline::Opportunity::COLLECTION,
        kehu::model::visit::Visit::COLLECTION,
        kehu::model::key_account::KeyAccount::COLLECTION,
        kehu::model::key_account::AccountActivity::COLLECTION,
        kehu::model::key_account::EventPlan::COLLECTION,
        kehu::model::complaint::Complaint::COLLECTION,
        kehu::model::loyalty::PointEntry::COLLECTION,
        kehu::model::care::CareRule::COLLECTION,
        kehu::model::care::CareAction::COLLECTION,
        kehu::model::preference::Preference::COLLECTION,
        kehu::model::preference::ServiceRule::COLLECTION,
        kehu::model::call::Call::COLLECTION,
        kehu::model::org::OrgUnit::COLLECTION,
        kehu::model::job::JobDescription::COLLECTION,
        kehu::model::settings::Setting::COLLECTION,
        kehu::model::feedback::Feedback::COLLECTION,
    ];
    assert_eq!(Collections::NAMES, names);
}

#[test]
fn settings_travel_in_the_file_and_bad_ones_are_refused() {
    let setting = |id: &str, value: &str| {
        format!(
            r#"{{"format":"kehu-workbook","version":5,"exported_at":"2026-11-26T10:00:00Z","collections":{{"settings":[{{"id":"{id}","value":{value},"created_at":"2026-11-01T00:00:00Z","updated_at":"2026-11-01T00:00:00Z"}}]}}}}"#
        )
    };
    let good = setting("complaint_deadlines", r#"{"complaint_deadlines":{"urgent":2}}"#);
    let wb = parse_workbook(good.as_bytes()).unwrap();
    let kehu::model::settings::SettingValue::ComplaintDeadlines(d) = wb.collections.settings[0].value else {
        panic!("not deadlines")
    };
    // A field left out takes its default.
    assert_eq!((d.urgent, d.high, d.normal), (2, 24, 72));
    assert_eq!(
        kinds(setting("complaint_deadlines", r#"{"complaint_deadlines":{"urgent":0}}"#).as_bytes()),
        [(
            "collections.settings[0].value.complaint_deadlines.urgent".to_owned(),
            ProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 8784 })
        )]
    );
    assert_eq!(
        kinds(setting("loyalty", r#"{"callback_days":{}}"#).as_bytes()),
        [("collections.settings[0].id".to_owned(), ProblemKind::Invalid(Problem::UnknownReference))]
    );
    // A version 4 file cannot hold settings.
    let old = good.replace(r#""version":5"#, r#""version":4"#);
    assert_eq!(
        kinds(old.as_bytes()),
        [("collections.settings".to_owned(), ProblemKind::UnknownField { field: "settings".into() })]
    );
}

#[test]
fn an_org_chart_with_a_loop_or_an_unknown_parent_is_refused() {
    let unit = |id: &str, parent: &str| {
        format!(
            r#"{{"id":"{id}","title":"{id}","level":"manager","parent_id":"{parent}","created_at":"2026-11-01T00:00:00Z","updated_at":"2026-11-01T00:00:00Z"}}"#
        )
    };
    let file = |units: &[String]| {
        format!(
            r#"{{"format":"kehu-workbook","version":5,"exported_at":"2026-11-26T10:00:00Z","collections":{{"org_units":[{}]}}}}"#,
            units.join(",")
        )
    };
    // d ← a ← b is a tree; a ← b ← a is a loop; c reports to nobody in the file.
    assert!(parse_workbook(file(&[unit("d", ""), unit("a", "d"), unit("b", "a")]).as_bytes()).is_ok());
    assert_eq!(
        kinds(file(&[unit("a", "b"), unit("b", "a"), unit("c", "ghost"), unit("s", "s")]).as_bytes()),
        [
            // A unit under itself breaks the record's own rule, found first.
            ("collections.org_units[3].parent_id".to_owned(), ProblemKind::Invalid(Problem::Cycle)),
            // Then the declared references, then the cycles.
            ("collections.org_units[2].parent_id".to_owned(), ProblemKind::Invalid(Problem::UnknownReference)),
            ("collections.org_units[0].parent_id".to_owned(), ProblemKind::Invalid(Problem::Cycle)),
            ("collections.org_units[1].parent_id".to_owned(), ProblemKind::Invalid(Problem::Cycle)),
        ]
    );
}

#[test]
fn references_to_records_that_do_not_exist_are_refused() {
    let file = file_v2(&format!(
        r#"{CUSTOMER_A},
        "service_records":[{CALL_R1}, {}],
        "callbacks":[{{"id":"c1","customer_id":"a","follows":"nope","due":"2026-11-12","created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}}],
        "survey_responses":[{{"id":"x","survey_id":"missing","created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}}]"#,
        CALL_R1.replace(r#""id":"r1","customer_id":"a""#, r#""id":"r2","customer_id":"ghost""#)
    ));
    let unknown = ProblemKind::Invalid(Problem::UnknownReference);
    assert_eq!(
        kinds(file.as_bytes()),
        [
            ("collections.service_records[1].customer_id".to_owned(), unknown.clone()),
            ("collections.callbacks[0].follows".to_owned(), unknown.clone()),
            ("collections.survey_responses[0].survey_id".to_owned(), unknown),
        ]
    );
}

#[test]
fn a_callback_due_before_its_record_and_a_score_out_of_range_are_refused() {
    let file = file_v2(&format!(
        r#"{CUSTOMER_A}, "service_records":[{CALL_R1}],
        "callbacks":[{{"id":"c1","customer_id":"a","follows":"r1","due":"2026-11-09","done_on":"2026-11-11","score":7,"created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-11T09:00:00Z"}}]"#
    ));
    assert_eq!(
        kinds(file.as_bytes()),
        [
            ("collections.callbacks[0].score".to_owned(), ProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 5 })),
            ("collections.callbacks[0].due".to_owned(), ProblemKind::Invalid(Problem::BeforeStart)),
        ]
    );
    let messages: Vec<String> = parse_workbook(file.as_bytes())
        .unwrap_err()
        .problems
        .iter()
        .map(|p| messages::import_problem(Lang::En, p))
        .collect();
    assert!(messages[0].starts_with("collections.callbacks[0].score:"), "{messages:?}");
}

#[test]
fn survey_answers_must_fit_their_questions_and_a_survey_needs_questions() {
    let survey = r#"{"id":"s","title":"满意度","questions":[{"id":"speed","text":"响应速度","kind":{"type":"rating","weight":1.0}}],"created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}"#;
    let empty = r#"{"id":"e","title":"空","questions":[],"created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}"#;
    let file = file_v2(&format!(
        r#"{CUSTOMER_A}, "surveys":[{survey},{empty}],
        "survey_responses":[{{"id":"x","survey_id":"s","customer_id":"a","answers":{{"speed":{{"type":"rating","value":6}},"colour":{{"type":"text","value":"红"}}}},"created_at":"2026-11-10T09:00:00Z","updated_at":"2026-11-10T09:00:00Z"}}]"#
    ));
    assert_eq!(
        kinds(file.as_bytes()),
        [
            ("collections.surveys[1].questions".to_owned(), ProblemKind::Invalid(Problem::Required)),
            (
                "collections.survey_responses[0].answers.colour".to_owned(),
                ProblemKind::Invalid(Problem::UnknownReference)
            ),
            (
                "collections.survey_responses[0].answers.speed".to_owned(),
                ProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 5 })
            ),
        ]
    );
}

#[test]
fn orders_and_opportunities_are_checked_with_their_paths() {
    let file = format!(
        r#"{{"format":"kehu-workbook","version":3,"exported_at":"2026-11-26T10:00:00Z","collections":{{{CUSTOMER_A},
        "orders":[
          {{"id":"o1","customer_id":"a","date":"2026-11-01","items":[{{"name":"T恤","quantity":2,"unit_price":59}}],"amount":118,"created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z"}},
          {{"id":"o2","customer_id":"a","date":"2099-01-01","items":[{{"name":"T恤","quantity":-1,"unit_price":59}}],"amount":-59,"created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z"}},
          {{"id":"o3","customer_id":"nobody","date":"2026-11-01","amount":5,"created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z"}}
        ],
        "opportunities":[
          {{"id":"p1","customer_id":"a","title":"购房","stage_id":"stage-intent","created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z"}},
          {{"id":"p2","customer_id":"a","title":"购房","stage_id":"no-such-stage","lost":true,"created_at":"2026-11-01T09:00:00Z","updated_at":"2026-11-01T09:00:00Z"}}
        ]}}}}"#
    );
    let got = kinds(file.as_bytes());
    let paths: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "collections.orders[1].amount",
            "collections.orders[1].items[0].quantity",
            "collections.opportunities[1].lost_reason",
            "collections.orders[2].customer_id",
            "collections.opportunities[1].stage_id",
            "collections.orders[1].date",
        ]
    );
    assert_eq!(got[1].1, ProblemKind::Invalid(Problem::Positive));
    assert_eq!(got[5].1, ProblemKind::Invalid(Problem::FutureDate));
}

#[test]
fn a_version_6_file_carries_its_book_id_and_feedback_which_version_5_cannot() {
    let v6 = r#"{"format":"kehu-workbook","version":6,"exported_at":"2026-11-26T10:00:00Z","book_id":"b-1","collections":{"feedback":[{"id":"p1-t1","grade":"A","comment":"好","created_at":"2026-11-20T00:00:00Z","updated_at":"2026-11-20T00:00:00Z"}]}}"#;
    let wb = parse_workbook(v6.as_bytes()).unwrap();
    assert_eq!(wb.book_id.as_deref(), Some("b-1"));
    assert_eq!(wb.collections.feedback[0].grade, "A");
    let v5 = v6.replace("\"version\":6", "\"version\":5");
    let problems = parse_workbook(v5.as_bytes()).unwrap_err().problems;
    let fields: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(fields, ["book_id", "collections.feedback"]);
}

#[test]
fn an_envelope_around_borrowed_collections_writes_the_same_file() {
    // The export writes the envelope around a view of the live tables; the file must
    // be byte for byte the workbook's own text, with and without owner and book id.
    let mut wb = sample_workbook(SampleCompany::RealEstate, 4, 60);
    let written = |envelope: &Workbook, collections: &Collections| {
        let mut out = Vec::new();
        envelope.write_json_with(&mut out, collections).unwrap();
        out
    };
    let bare = Workbook::new(None, Collections::default(), wb.exported_at);
    assert_eq!(
        written(&bare, &wb.collections),
        Workbook { collections: wb.collections.clone(), ..bare.clone() }.to_json().into_bytes()
    );
    wb.owner = Some(Owner { name: "李明".into(), class: "电商2301".into(), student_id: "230101".into() });
    wb.book_id = Some("book-1".into());
    let envelope = Workbook { collections: Collections::default(), ..wb.clone() };
    let text = written(&envelope, &wb.collections);
    assert_eq!(text, wb.to_json().into_bytes());
    assert_eq!(parse_workbook(&text).unwrap(), wb);
}
