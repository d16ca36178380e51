//! The store on real IndexedDB, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use chrono::Utc;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use kehu::model::order::Order;
use kehu::model::{Customer, Record, Stage};
use kehu::store::idb::{Idb, SCHEMA_VERSION};
use kehu::store::{MergeError, StoreError, Stores};
use kehu::workbook::sample::{generate_customers, sample_workbook, SampleCompany};
use kehu::workbook::{read_workbook, Collections};
use leptos::prelude::GetUntracked;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name of its own per test, deleted first; and the executor the app has
/// from mounting Leptos, on which a store follows another tab's write (a test with two
/// "tabs" gets such a message whenever the browser delivers it, sometimes before the
/// test ends).
async fn fresh(name: &str) -> String {
    // Already there after the first test: the error says only that.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let name = format!("kehu-test-{name}");
    Idb::delete(&name).await.unwrap();
    name
}

async fn reopen(stores: Stores, name: &str) -> Stores {
    stores.db.close();
    let stores = Stores::open(name, || {}).await.unwrap();
    stores.until_all_loaded().await;
    stores
}

#[wasm_bindgen_test]
async fn first_open_creates_the_schema_and_an_empty_book() {
    let name = fresh("first").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    assert!(stores.is_empty());
    stores.db.close();
    let db = Database::open(name.as_str()).await.unwrap();
    assert_eq!(db.version() as u32, SCHEMA_VERSION);
    assert!(db.object_store_names().any(|n| n == "customers"));
    db.close();
}

#[wasm_bindgen_test]
async fn put_get_and_index_query_survive_a_reopen() {
    let name = fresh("putget").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let customers = generate_customers(SampleCompany::RealEstate, 11, 300);
    stores.customers.put_many(customers.clone()).await.unwrap();
    let mut one = Customer::new("fixed-id", "测试客户", Utc::now());
    one.stage = Stage::Loyal;
    stores.customers.put(one.clone()).await.unwrap();
    assert_eq!(stores.customers.get("fixed-id"), Some(one.clone()));

    let stores = reopen(stores, &name).await;
    assert_eq!(stores.customers.with(|t| t.len()), 301);
    assert_eq!(stores.customers.get("fixed-id"), Some(one));
    for c in &customers {
        assert_eq!(stores.customers.get(&c.id).as_ref(), Some(c));
    }
    // Orders looked up by their customer, after a reopen.
    let mut orders = kehu::workbook::sample::sample_workbook(SampleCompany::RealEstate, 3, 20).collections.orders;
    orders.truncate(3);
    for o in &mut orders {
        o.customer_id = "fixed-id".into();
    }
    stores.orders.put_many(orders.clone()).await.unwrap();
    let stores = reopen(stores, &name).await;
    assert_eq!(stores.orders.with(|t| t.lookup("customer_id", "fixed-id").count()), 3);
    stores.db.close();
}

#[wasm_bindgen_test]
async fn a_transaction_that_fails_half_way_leaves_nothing() {
    let name = fresh("rollback").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let before = generate_customers(SampleCompany::TaobaoShop, 1, 50);
    stores.customers.put_many(before.clone()).await.unwrap();
    stores.db.close();

    // A raw modify that writes shard 1, then fails on shard 2.
    let idb = Idb::open(&name, || {}, || {}).await.unwrap();
    let result = idb
        .modify("customers", &[1, 2], |b, _| {
            if b == 1 {
                Ok(Some("[]".into()))
            } else {
                Err(StoreError::Other("fails half way".into()))
            }
        })
        .await;
    assert!(result.is_err());
    // A replace that clears customers and then names a store that does not exist.
    let result = idb.replace_all(&[("customers", vec![]), ("no-such-store", vec![(0, "[]".into())])]).await;
    assert!(result.is_err());
    idb.close();

    let stores = Stores::open(&name, || {}).await.unwrap();
    let mut after: Vec<Customer> = stores.customers.with(|t| t.iter().cloned().collect());
    let mut expected = before;
    after.sort_by(|a, b| a.id.cmp(&b.id));
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(after, expected);
    stores.db.close();
}

#[wasm_bindgen_test]
async fn trash_and_restore() {
    let name = fresh("trash").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let customers = generate_customers(SampleCompany::RealEstate, 2, 10);
    stores.customers.put_many(customers.clone()).await.unwrap();
    let ids: Vec<kehu::model::Id> = customers[..3].iter().map(|c| c.id.clone()).collect();
    stores.customers.trash(&ids).await.unwrap();
    assert_eq!(stores.customers.with(|t| t.live().count()), 7);

    let stores = reopen(stores, &name).await;
    assert_eq!(stores.customers.with(|t| t.trashed().count()), 3);
    stores.customers.restore(&ids[..1]).await.unwrap();
    assert_eq!(stores.customers.with(|t| t.live().count()), 8);
    let restored = stores.customers.get(&ids[0]).unwrap();
    assert!(restored.deleted_at.is_none() && restored.updated_at > customers[0].updated_at);

    stores.customers.delete_forever(&ids[1..]).await.unwrap();
    let stores = reopen(stores, &name).await;
    assert_eq!(stores.customers.with(|t| (t.len(), t.trashed().count())), (8, 0));
    stores.db.close();
}

#[wasm_bindgen_test]
async fn replace_all_swaps_everything_atomically() {
    let name = fresh("replace").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    stores.customers.put_many(generate_customers(SampleCompany::RealEstate, 3, 40)).await.unwrap();
    let incoming = generate_customers(SampleCompany::TaobaoShop, 4, 25);
    stores.replace_all(Collections { customers: incoming.clone(), ..Collections::default() }, None).await.unwrap();
    let stores = reopen(stores, &name).await;
    let mut got = stores.snapshot().customers;
    let mut want = incoming;
    got.sort_by(|a, b| a.id().cmp(b.id()));
    want.sort_by(|a, b| a.id().cmp(b.id()));
    assert_eq!(got, want);
    stores.db.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused() {
    let name = fresh("newer").await;
    let db = Database::open(name.as_str()).with_version(SCHEMA_VERSION + 5).await.unwrap();
    db.close();
    match Stores::open(&name, || {}).await {
        Err(StoreError::NewerDatabase { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 5, SCHEMA_VERSION));
        }
        other => panic!("expected NewerDatabase, got {:?}", other.err()),
    }
}

#[wasm_bindgen_test]
async fn an_upgrade_in_another_tab_disconnects_this_one_instead_of_hanging() {
    let name = fresh("versionchange").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    stores.customers.put_many(generate_customers(SampleCompany::RealEstate, 5, 5)).await.unwrap();
    // "Another tab" upgrades: it is not blocked, because this connection lets go.
    let newer = Database::open(name.as_str()).with_version(SCHEMA_VERSION + 1).await.unwrap();
    assert!(stores.db.version_changed.get_untracked());
    let refused = stores.customers.put(Customer::new("late", "晚到", Utc::now())).await;
    assert_eq!(refused, Err(StoreError::VersionChanged));
    newer.close();
}

#[wasm_bindgen_test]
async fn an_edit_based_on_an_old_version_does_not_overwrite_a_newer_one() {
    let name = fresh("conflict").await;
    let tab_a = Stores::open(&name, || {}).await.unwrap();
    let tab_b = Stores::open(&name, || {}).await.unwrap();
    let original = Customer::new("x", "原名", Utc::now());
    tab_a.customers.put(original.clone()).await.unwrap();

    let mut from_a = original.clone();
    from_a.phone = "13800000000".into();
    from_a.updated_at = Utc::now();
    tab_a.customers.save_edit(from_a.clone(), Some(original.updated_at)).await.unwrap();

    // Tab B still edits the original version.
    let mut from_b = original.clone();
    from_b.name = "乙改的名".into();
    from_b.updated_at = Utc::now();
    assert_eq!(tab_b.customers.save_edit(from_b, Some(original.updated_at)).await, Err(StoreError::Conflict));
    // B now shows A's version, and the database still holds it.
    assert_eq!(tab_b.customers.get("x"), Some(from_a.clone()));
    tab_a.db.close();
    tab_b.db.close();
    let check = Stores::open(&name, || {}).await.unwrap();
    assert_eq!(check.customers.get("x"), Some(from_a));
    check.db.close();
}

#[wasm_bindgen_test]
async fn an_unreadable_shard_is_reported_left_alone_and_the_rest_loads() {
    let name = fresh("corrupt").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let customers = generate_customers(SampleCompany::RealEstate, 6, 300);
    stores.customers.put_many(customers.clone()).await.unwrap();
    stores.db.close();
    let broken = kehu::store::shard_of(&customers[0].id);
    let idb = Idb::open(&name, || {}, || {}).await.unwrap();
    idb.modify("customers", &[broken], |_, _| Ok(Some("{not json".into()))).await.unwrap();
    idb.close();

    let stores = Stores::open(&name, || {}).await.unwrap();
    assert_eq!(stores.db.problems.get_untracked().len(), 1);
    let in_broken = customers.iter().filter(|c| kehu::store::shard_of(&c.id) == broken).count();
    assert_eq!(stores.customers.with(|t| t.len()), 300 - in_broken);
    // Writing into the unreadable shard is refused rather than overwriting it.
    let mut c = customers[0].clone();
    c.updated_at = Utc::now();
    assert!(matches!(stores.customers.save_edit(c, None).await, Err(StoreError::Corrupt { .. })));
    stores.db.close();
    let idb = Idb::open(&name, || {}, || {}).await.unwrap();
    let raw = idb.read_shards("customers", &[broken]).await.unwrap();
    assert_eq!(raw[0].1.as_deref(), Some("{not json"));
    idb.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_and_keeps_its_customers() {
    let name = fresh("upgrade1").await;
    let customers = generate_customers(SampleCompany::RealEstate, 12, 50);
    // A database exactly as version 1 of the app left it: one store, JSON shards.
    let db = Database::open(name.as_str())
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("customers").build()?;
            Ok(())
        })
        .await
        .unwrap();
    db.close();
    let idb_v1 = customers.iter().fold(std::collections::BTreeMap::<u32, Vec<&Customer>>::new(), |mut m, c| {
        m.entry(kehu::store::shard_of(&c.id)).or_default().push(c);
        m
    });
    {
        let raw = Database::open(name.as_str()).await.unwrap();
        let tx = raw
            .transaction("customers")
            .with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite)
            .build()
            .unwrap();
        let os = tx.object_store("customers").unwrap();
        for (b, list) in &idb_v1 {
            os.put(serde_json::to_string(list).unwrap()).with_key(*b).primitive().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
        raw.close();
    }

    let stores = Stores::open(&name, || {}).await.unwrap();
    let mut got = stores.snapshot().customers;
    let mut want = customers;
    got.sort_by(|a, b| a.id().cmp(b.id()));
    want.sort_by(|a, b| a.id().cmp(b.id()));
    assert_eq!(got, want);
    assert!(stores.callbacks.with(|t| t.is_empty()));
    stores.db.close();
    let db = Database::open(name.as_str()).await.unwrap();
    assert_eq!(db.version() as u32, SCHEMA_VERSION);
    for store in Collections::NAMES {
        assert!(db.object_store_names().any(|n| n == *store), "{store}");
    }
    db.close();
}

#[wasm_bindgen_test]
async fn every_collection_survives_replace_and_merge_counts_per_record() {
    let name = fresh("allcollections").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 5, 120);
    stores.replace_all(wb.collections.clone(), None).await.unwrap();
    let stores = reopen(stores, &name).await;
    let mut got = stores.snapshot();
    let mut want = wb.collections.clone();
    sort_all(&mut got);
    sort_all(&mut want);
    assert_eq!(got, want);

    // Merging the same file again changes nothing; a newer callback updates one record.
    let mut again = wb.collections.clone();
    again.callbacks[0].note = "再次回访".into();
    again.callbacks[0].updated_at = Utc::now();
    let summary = stores.merge(again, None).await.unwrap().summary;
    assert_eq!((summary.added, summary.updated, summary.unchanged), (0, 1, wb.collections.len() - 1));
    let id = wb.collections.callbacks[0].id.clone();
    assert_eq!(stores.callbacks.get(&id).unwrap().note, "再次回访");
    stores.db.close();
}

/// `order`'s text as the app writes it, and the same order as the app would not write
/// it (a character of its customer's id escaped), to see which text a store keeps.
fn written_unlike_the_app(order: &Order) -> (String, String) {
    let text = serde_json::to_string(order).unwrap();
    let id = &order.customer_id;
    let escaped = format!(r#""customer_id":"\u{:04x}{}""#, u32::from(id.chars().next().unwrap()), &id[1..]);
    let unlike = text.replacen(&format!(r#""customer_id":"{id}""#), &escaped, 1);
    assert_ne!(unlike, text);
    (text, unlike)
}

#[wasm_bindgen_test]
async fn an_imported_file_is_stored_as_its_records_text_and_reads_back_the_same() {
    let name = fresh("imported-text").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::TaobaoShop, 8, 150);
    // Half the customers are in the book already, so shards are rewritten around them;
    // one of those is older than the file's, one newer.
    let mut before = wb.collections.customers[..75].to_vec();
    before[0].updated_at -= chrono::Duration::days(1);
    before[1].notes = "本地更新".into();
    before[1].updated_at = Utc::now();
    stores.customers.put_many(before.clone()).await.unwrap();
    // The file: the sample, one customer with a field this version does not know.
    let unknown = &wb.collections.customers[100];
    let plain = serde_json::to_string(unknown).unwrap();
    let text = wb.to_json().replacen(&plain, &plain.replacen('{', r#"{"mood":"happy","#, 1), 1);
    let order = &wb.collections.orders[3];
    let (order_text, escaped_text) = written_unlike_the_app(order);
    let text = text.replacen(&order_text, &escaped_text, 1);
    let (read, texts) = read_workbook(text.into_bytes()).unwrap();
    let summary = stores.merge(read.collections, texts).await.unwrap().summary;
    assert_eq!((summary.added, summary.updated, summary.unchanged), (wb.collections.len() - 75, 1, 74));

    let stores = reopen(stores, &name).await;
    let mut want = wb.collections.clone();
    want.customers[1] = before[1].clone();
    let mut got = stores.snapshot();
    sort_all(&mut got);
    sort_all(&mut want);
    assert_eq!(got, want);
    stores.db.close();

    // The stored text is the file's, except where the file had an unknown field.
    let idb = Idb::open(&name, || {}, || {}).await.unwrap();
    let shard = |id: &str| kehu::store::shard_of(id);
    let stored = idb.read_shards("orders", &[shard(&order.id)]).await.unwrap();
    assert!(stored[0].1.as_deref().unwrap().contains(&escaped_text));
    let stored = idb.read_shards("customers", &[shard(&unknown.id)]).await.unwrap();
    let stored = stored[0].1.as_deref().unwrap();
    assert!(stored.contains(&plain) && !stored.contains("mood"));
    idb.close();
}

#[wasm_bindgen_test]
async fn a_replaced_book_is_stored_as_the_files_text_and_one_record_per_id() {
    let name = fresh("replaced-text").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::TaobaoShop, 9, 80);
    let order = &wb.collections.orders[5];
    let (order_text, escaped_text) = written_unlike_the_app(order);
    let (read, texts) = read_workbook(wb.to_json().replacen(&order_text, &escaped_text, 1).into_bytes()).unwrap();
    stores.replace_all(read.collections, texts).await.unwrap();
    let stores = reopen(stores, &name).await;
    let (mut got, mut want) = (stores.snapshot(), wb.collections.clone());
    sort_all(&mut got);
    sort_all(&mut want);
    assert_eq!(got, want);
    stores.db.close();
    let idb = Idb::open(&name, || {}, || {}).await.unwrap();
    let stored = idb.read_shards("orders", &[kehu::store::shard_of(&order.id)]).await.unwrap();
    assert!(stored[0].1.as_deref().unwrap().contains(&escaped_text));
    idb.close();

    // Two records with one id: the later one is the book's, in memory and stored.
    let stores = Stores::open(&name, || {}).await.unwrap();
    let mut twice = wb.collections.customers[0].clone();
    twice.notes = "后一个".into();
    let customers = vec![wb.collections.customers[0].clone(), twice.clone()];
    stores.replace_all(Collections { customers, ..Collections::default() }, None).await.unwrap();
    assert_eq!(stores.snapshot().customers, vec![twice.clone()]);
    let stores = reopen(stores, &name).await;
    assert_eq!(stores.snapshot().customers, vec![twice]);
    stores.db.close();
}

fn sort_all(c: &mut Collections) {
    c.customers.sort_by(|a, b| a.id.cmp(&b.id));
    c.service_records.sort_by(|a, b| a.id.cmp(&b.id));
    c.callbacks.sort_by(|a, b| a.id.cmp(&b.id));
    c.tickets.sort_by(|a, b| a.id.cmp(&b.id));
    c.surveys.sort_by(|a, b| a.id.cmp(&b.id));
    c.survey_responses.sort_by(|a, b| a.id.cmp(&b.id));
    c.scripts.sort_by(|a, b| a.id.cmp(&b.id));
    c.self_checks.sort_by(|a, b| a.id.cmp(&b.id));
    c.orders.sort_by(|a, b| a.id.cmp(&b.id));
    c.pipeline_stages.sort_by(|a, b| a.id.cmp(&b.id));
    c.opportunities.sort_by(|a, b| a.id.cmp(&b.id));
    c.visits.sort_by(|a, b| a.id.cmp(&b.id));
    c.key_accounts.sort_by(|a, b| a.id.cmp(&b.id));
    c.account_activities.sort_by(|a, b| a.id.cmp(&b.id));
    c.event_plans.sort_by(|a, b| a.id.cmp(&b.id));
    c.complaints.sort_by(|a, b| a.id.cmp(&b.id));
    c.point_entries.sort_by(|a, b| a.id.cmp(&b.id));
    c.care_rules.sort_by(|a, b| a.id.cmp(&b.id));
    c.care_actions.sort_by(|a, b| a.id.cmp(&b.id));
    c.preferences.sort_by(|a, b| a.id.cmp(&b.id));
    c.service_rules.sort_by(|a, b| a.id.cmp(&b.id));
    c.settings.sort_by(|a, b| a.id.cmp(&b.id));
    c.calls.sort_by(|a, b| a.id.cmp(&b.id));
    c.org_units.sort_by(|a, b| a.id.cmp(&b.id));
    c.job_descriptions.sort_by(|a, b| a.id.cmp(&b.id));
    c.feedback.sort_by(|a, b| a.id.cmp(&b.id));
}

#[wasm_bindgen_test]
async fn deleting_a_customer_for_good_leaves_no_dangling_reference() {
    let name = fresh("cascade").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::TaobaoShop, 8, 150);
    stores.replace_all(wb.collections.clone(), None).await.unwrap();
    // A customer with a service record and, through it, a callback.
    let record = wb.collections.service_records[0].clone();
    let customer = record.customer_id.clone();
    stores.customers.trash(std::slice::from_ref(&customer)).await.unwrap();
    stores.delete_forever("customers", std::slice::from_ref(&customer)).await.unwrap();
    assert!(stores.customers.get(&customer).is_none());
    assert!(stores.service_records.get(&record.id).is_none());
    assert_eq!(stores.callbacks.with(|t| t.iter().filter(|c| c.customer_id == customer).count()), 0);
    // The rest still forms a valid workbook: it exports and imports back.
    let text = kehu::workbook::Workbook::new(None, stores.snapshot(), Utc::now()).to_json();
    kehu::workbook::parse_workbook(text.as_bytes()).expect("no dangling reference");

    // A survey deleted for good takes its responses with it.
    let survey = wb.collections.surveys[0].id.clone();
    stores.delete_forever("surveys", std::slice::from_ref(&survey)).await.unwrap();
    assert!(stores.survey_responses.with(|t| t.is_empty()));
    stores.db.close();
}

#[wasm_bindgen_test]
async fn every_cascade_leaves_a_whole_book_and_a_stage_in_use_stays() {
    let name = fresh("cascade-whole").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 3, 60);
    stores.replace_all(wb.collections.clone(), None).await.unwrap();
    let c = &wb.collections;
    // A customer with orders, points and an event-plan invitation; service records that
    // callbacks follow; an org unit with reports; a care rule with actions.
    let invited = c.event_plans[0].invitees[0].clone();
    stores.delete_forever("customers", std::slice::from_ref(&invited)).await.unwrap();
    assert!(stores.event_plans.with(|t| t.iter().all(|e| !e.invitees.contains(&invited))));
    assert!(stores.orders.with(|t| t.iter().all(|o| o.customer_id != invited)));
    let followed = c.callbacks.iter().find(|cb| !cb.follows.is_empty() && cb.customer_id != invited).unwrap();
    stores.delete_forever("service_records", std::slice::from_ref(&followed.follows)).await.unwrap();
    assert_eq!(stores.callbacks.get(&followed.id).map(|cb| cb.follows.is_empty()), Some(true));
    let boss = c.org_units.iter().find(|u| c.org_units.iter().any(|v| v.parent_id == u.id)).unwrap();
    stores.delete_forever("org_units", std::slice::from_ref(&boss.id)).await.unwrap();
    assert!(stores.org_units.with(|t| t.iter().all(|u| u.parent_id != boss.id)));
    let rule = c.care_actions[0].rule_id.clone();
    stores.delete_forever("care_rules", std::slice::from_ref(&rule)).await.unwrap();
    assert!(stores.care_actions.with(|t| t.iter().all(|a| a.rule_id != rule)));
    // A stage opportunities are on cannot go, and nothing is written.
    let stage = c.opportunities[0].stage_id.clone();
    assert!(matches!(
        stores.delete_forever("pipeline_stages", std::slice::from_ref(&stage)).await,
        Err(StoreError::InUse { collection: "pipeline_stages", by: "stage_id" })
    ));
    assert!(stores.pipeline_stages.get(&stage).is_some());
    // After all that, the book's export imports, and a reopened book is the same.
    let before = stores.snapshot();
    let text = kehu::workbook::Workbook::new(None, before.clone(), Utc::now()).to_json();
    kehu::workbook::parse_workbook(text.as_bytes()).expect("the book's export imports");
    assert_stored(stores, &name, before).await;
}

/// GBK from a Chinese Excel, UTF-8 with or without a byte-order mark, and a file that is
/// neither: read by the browser's own decoder, or refused.
#[wasm_bindgen_test]
fn csv_text_in_gbk_or_utf8_is_read_and_other_bytes_refused() {
    use kehu::ui::text::{to_utf8, TextEncoding};
    // 张三 in GBK is D5C5 C8FD.
    let gbk = [0xD5u8, 0xC5, 0xC8, 0xFD, b',', b'1'];
    assert_eq!(to_utf8(&gbk, TextEncoding::Auto).as_deref(), Some("张三,1".as_bytes()));
    assert_eq!(to_utf8(&gbk, TextEncoding::Gbk).as_deref(), Some("张三,1".as_bytes()));
    assert_eq!(to_utf8(&gbk, TextEncoding::Utf8), None);
    let utf8 = "\u{feff}姓名\r\n张三\r\n".as_bytes();
    assert_eq!(to_utf8(utf8, TextEncoding::Auto).as_deref(), Some(utf8));
    // A lone lead byte is neither UTF-8 nor GBK.
    assert_eq!(to_utf8(&[b'a', 0x81], TextEncoding::Auto), None);
    // And the decoded text parses as CSV.
    let rows = kehu::workbook::csv::parse_csv(&to_utf8(&gbk, TextEncoding::Auto).unwrap()).unwrap();
    assert_eq!(rows, vec![vec!["张三".to_owned(), "1".to_owned()]]);
}

#[wasm_bindgen_test]
async fn the_long_histories_load_after_opening_and_a_write_to_one_waits_for_it() {
    let name = fresh("deferred").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 7, 200);
    stores.replace_all(wb.collections.clone(), None).await.unwrap();
    stores.db.close();

    let stores = Stores::open(&name, || {}).await.unwrap();
    // Opened: the customers are there, the orders are still being read.
    assert_eq!(stores.customers.with_untracked(|t| t.len()), wb.collections.customers.len());
    assert!(stores.loading().contains(&"orders"), "{:?}", stores.loading());
    assert!(!stores.loading().contains(&"customers"));
    // A new order saved at once waits for the orders and loses none of them.
    let mut order = wb.collections.orders[0].clone();
    order.id = "new-order".into();
    stores.orders.put(order.clone()).await.unwrap();
    assert_eq!(stores.orders.with_untracked(|t| t.len()), wb.collections.orders.len() + 1);
    stores.until_all_loaded().await;
    assert!(stores.loading().is_empty());
    let mut want = wb.collections.clone();
    want.orders.push(order);
    let mut got = stores.snapshot();
    sort_all(&mut got);
    sort_all(&mut want);
    assert_eq!(got, want);
    stores.db.close();
}

#[wasm_bindgen_test]
async fn a_merge_refused_in_one_collection_writes_nothing_in_any() {
    let name = fresh("mergeatomic").await;
    let tab_a = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 11, 40);
    tab_a.replace_all(wb.collections.clone(), None).await.unwrap();
    // Another tab changes a callback that tab A has not seen yet.
    let tab_b = Stores::open(&name, || {}).await.unwrap();
    tab_b.until_all_loaded().await;
    let mut theirs = wb.collections.callbacks[0].clone();
    theirs.note = "另一个标签页改的".into();
    theirs.updated_at = Utc::now();
    tab_b.callbacks.put(theirs.clone()).await.unwrap();
    tab_b.db.close();

    // Tab A merges a file with new customers and orders and a newer copy of that
    // callback: the callback conflicts, so nothing at all is written.
    let mut incoming = Collections::default();
    let mut customer = Customer::new("merged-new", "新客户", Utc::now());
    customer.phone = "13900000000".into();
    incoming.customers.push(customer);
    let mut order = wb.collections.orders[0].clone();
    order.id = "merged-order".into();
    incoming.orders.push(order);
    let mut ours = wb.collections.callbacks[0].clone();
    ours.note = "文件里的".into();
    ours.updated_at = Utc::now();
    incoming.callbacks.push(ours);
    // Tab A has not yielded since B's write, so B's change message is not handled yet.
    assert_ne!(tab_a.callbacks.get(&theirs.id).unwrap().note, theirs.note);
    assert_eq!(tab_a.merge(incoming, None).await, Err(MergeError::Store(StoreError::Conflict)));
    tab_a.db.close();
    let check = reopen_fresh(&name).await;
    assert!(check.customers.get("merged-new").is_none());
    assert!(check.orders.get("merged-order").is_none());
    assert_eq!(check.callbacks.get(&theirs.id).unwrap().note, theirs.note);
    assert_eq!(check.customers.with_untracked(|t| t.len()), wb.collections.customers.len());
    check.db.close();
}

async fn reopen_fresh(name: &str) -> Stores {
    let stores = Stores::open(name, || {}).await.unwrap();
    stores.until_all_loaded().await;
    stores
}

/// A case of the merge corpus (`tests/corpus/merge`), parsed.
fn merge_case(book: &str, file: &str) -> (Collections, Collections) {
    let read = |text: &str| kehu::workbook::parse_workbook(text.as_bytes()).unwrap().collections;
    (read(book), read(file))
}

#[wasm_bindgen_test]
async fn a_merge_keeps_the_books_version_where_the_files_would_break_the_book() {
    let name = fresh("merge-kept").await;
    let (book, file) = merge_case(
        include_str!("corpus/merge/org-chart-cycle.book.json"),
        include_str!("corpus/merge/org-chart-cycle.file.json"),
    );
    let stores = Stores::open(&name, || {}).await.unwrap();
    stores.replace_all(book.clone(), None).await.unwrap();
    let report = stores.merge(file, None).await.unwrap();
    assert_eq!(report.kept.iter().map(|k| (k.collection, k.id.as_str())).collect::<Vec<_>>(), [("org_units", "u1")]);
    assert_eq!((report.summary.added, report.summary.updated, report.summary.unchanged), (0, 0, 2));
    // Stored: the book as it was, which its export imports.
    assert_stored(stores, &name, book).await;
}

/// Reopens database `name` and checks that it holds exactly `want`.
async fn assert_stored(stores: Stores, name: &str, mut want: Collections) {
    let stores = reopen(stores, name).await;
    let mut got = stores.snapshot();
    sort_all(&mut got);
    sort_all(&mut want);
    assert_eq!(got, want);
    stores.db.close();
}

#[wasm_bindgen_test]
async fn a_merge_that_nothing_can_mend_is_refused_and_writes_nothing() {
    let name = fresh("merge-refused").await;
    let (book, file) = merge_case(
        include_str!("corpus/merge/opportunity-on-a-stage-the-book-lacks.book.json"),
        include_str!("corpus/merge/opportunity-on-a-stage-the-book-lacks.file.json"),
    );
    let stores = Stores::open(&name, || {}).await.unwrap();
    stores.replace_all(book.clone(), None).await.unwrap();
    match stores.merge(file, None).await {
        Err(MergeError::Refused(refused)) => {
            let p = &refused.problems[0];
            assert_eq!((p.collection, p.field.as_str(), p.in_file), ("opportunities", "stage_id", Some(0)));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_stored(stores, &name, book).await;
}

fn point_line(id: &str, points: i64) -> kehu::model::loyalty::PointEntry {
    let now = Utc::now();
    kehu::model::loyalty::PointEntry {
        sample: false,
        id: id.into(),
        customer_id: "points-customer".into(),
        date: now.date_naive(),
        kind: if points < 0 {
            kehu::model::loyalty::PointKind::Redeemed
        } else {
            kehu::model::loyalty::PointKind::Adjusted
        },
        points,
        reason: Default::default(),
        order_id: Default::default(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

/// The points check as the app runs it inside the write.
fn keeps_balance(
    t: &kehu::store::Table<kehu::model::loyalty::PointEntry>,
    line: &kehu::model::loyalty::PointEntry,
) -> Result<(), kehu::store::Refusal> {
    kehu::analysis::loyalty::check_line(t.lookup("customer_id", &line.customer_id), line)
        .map_err(|available| kehu::store::Refusal::BelowZero { available })
}

#[wasm_bindgen_test]
async fn two_checked_writes_started_together_cannot_both_spend_the_same_points() {
    let name = fresh("checked").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    stores.until_all_loaded().await;
    stores.point_entries.put(point_line("start", 1_000)).await.unwrap();
    // A double-click: both redemptions of 700 start before either is written; the
    // second is checked on the ledger the first left.
    let entries = stores.point_entries;
    let (a, b) = futures::future::join(
        entries.put_checked(point_line("r1", -700), keeps_balance),
        entries.put_checked(point_line("r2", -700), keeps_balance),
    )
    .await;
    assert_eq!(a, Ok(()));
    assert_eq!(b, Err(StoreError::Refused(kehu::store::Refusal::BelowZero { available: 300 })));
    // The same line again (a repeated submit of one fill) is an update, not a second line.
    assert_eq!(entries.put_checked(point_line("r1", -700), keeps_balance).await, Ok(()));
    let balance = |s: &Stores| {
        s.point_entries.with_untracked(|t| kehu::analysis::loyalty::balance(t.lookup("customer_id", "points-customer")))
    };
    assert_eq!(balance(&stores), 300);
    // Exactly the rest fits; then nothing more.
    assert_eq!(entries.put_checked(point_line("r3", -300), keeps_balance).await, Ok(()));
    assert_eq!(
        entries.put_checked(point_line("r4", -1), keeps_balance).await,
        Err(StoreError::Refused(kehu::store::Refusal::BelowZero { available: 0 }))
    );
    let stores = reopen(stores, &name).await;
    assert_eq!(balance(&stores), 0);
    assert_eq!(stores.point_entries.with_untracked(|t| t.len()), 3);
    stores.db.close();
}

/// A copy of `record` with id `id`, stamped now (a new record).
fn renamed<T: Record>(record: &T, id: &str, mut set_id: impl FnMut(&mut T, &str)) -> T {
    let mut r = record.clone();
    set_id(&mut r, id);
    r.touch(Utc::now());
    r
}

/// An id of the form `{prefix}-{n}` whose shard is `shard`.
fn id_in_shard(prefix: &str, shard: u32) -> String {
    (0..).map(|n| format!("{prefix}-{n}")).find(|id| kehu::store::shard_of(id) == shard).unwrap()
}

#[wasm_bindgen_test]
async fn a_record_and_what_goes_along_are_saved_together_or_not_at_all() {
    let name = fresh("along").await;
    let tab_a = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 12, 30);
    tab_a.replace_all(wb.collections.clone(), None).await.unwrap();
    tab_a.until_all_loaded().await;
    let record = &wb.collections.service_records[0];
    let callback = &wb.collections.callbacks[0];
    let set_record_id = |r: &mut kehu::model::service::ServiceRecord, id: &str| r.id = id.into();
    let set_callback_id = |c: &mut kehu::model::service::Callback, id: &str| c.id = id.into();

    // A new record with two callbacks (in one shard) is saved with them.
    let new_record = renamed(record, "along-record", set_record_id);
    let first = renamed(callback, &id_in_shard("along-cb", 7), set_callback_id);
    let second = renamed(callback, &id_in_shard("along-cb-2", 7), set_callback_id);
    let along = vec![tab_a.callbacks.put_along(vec![first.clone()]), tab_a.callbacks.put_along(vec![second.clone()])];
    tab_a.service_records.save_edit_with(new_record.clone(), None, along).await.unwrap();
    assert_eq!(tab_a.callbacks.get(&second.id), Some(second.clone()));

    // A completed callback and the next one, in one collection and one shard.
    let mut done = first.clone();
    done.note = "已回访".into();
    done.updated_at = Utc::now();
    let next = renamed(callback, &id_in_shard("along-next", 7), set_callback_id);
    let along = vec![tab_a.callbacks.put_along(vec![next.clone()])];
    tab_a.callbacks.save_edit_with(done.clone(), Some(first.updated_at), along).await.unwrap();

    // The record is refused (edited from an old version): its callback is not saved.
    let mut stale = new_record.clone();
    stale.topic = "旧版本上改的".into();
    stale.updated_at = Utc::now();
    let orphan = renamed(callback, "along-orphan", set_callback_id);
    let along = vec![tab_a.callbacks.put_along(vec![orphan.clone()])];
    let refused = tab_a.service_records.save_edit_with(stale, Some(record.updated_at), along).await;
    assert_eq!(refused, Err(StoreError::Conflict));

    // What goes along is refused (another tab changed that callback): the record is
    // not saved either.
    let tab_b = Stores::open(&name, || {}).await.unwrap();
    tab_b.until_all_loaded().await;
    let mut theirs = done.clone();
    theirs.note = "另一个标签页改的".into();
    theirs.updated_at = Utc::now();
    tab_b.callbacks.put(theirs.clone()).await.unwrap();
    tab_b.db.close();
    // Tab A has not yielded since B's write, so B's change message is not handled yet.
    assert_eq!(tab_a.callbacks.get(&done.id), Some(done.clone()));
    let mut ours = done.clone();
    ours.note = "这个标签页改的".into();
    ours.updated_at = Utc::now();
    let lost = renamed(record, "along-lost", set_record_id);
    let along = vec![tab_a.callbacks.put_along(vec![ours])];
    let refused = tab_a.service_records.save_edit_with(lost.clone(), None, along).await;
    assert_eq!(refused, Err(StoreError::Conflict));
    assert!(tab_a.service_records.get(&lost.id).is_none());

    let check = reopen(tab_a, &name).await;
    assert_eq!(check.service_records.get(&new_record.id), Some(new_record));
    assert_eq!(check.callbacks.get(&second.id), Some(second));
    assert_eq!(check.callbacks.get(&next.id), Some(next));
    assert!(check.callbacks.get(&orphan.id).is_none());
    assert!(check.service_records.get(&lost.id).is_none());
    assert_eq!(check.callbacks.get(&done.id), Some(theirs));
    assert_eq!(check.callbacks.with_untracked(|t| t.len()), wb.collections.callbacks.len() + 3);
    check.db.close();
}

#[wasm_bindgen_test]
async fn the_first_page_reads_customers_and_settings_and_the_rest_follows() {
    let name = fresh("first-rest").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let book = sample_workbook(SampleCompany::RealEstate, 7, 30).collections;
    stores.replace_all(book.clone(), None).await.unwrap();
    assert!(!book.surveys.is_empty() && !book.orders.is_empty() && !book.customers.is_empty());
    stores.db.close();

    // What the app opens with: the customer list's collections only.
    let stores = Stores::open_first(&name, || {}).await.unwrap();
    assert_eq!(stores.customers.with_untracked(|t| t.len()), book.customers.len());
    assert!(stores.settings.is_loaded());
    assert!(!stores.surveys.is_loaded() && !stores.orders.is_loaded());
    assert!(stores.loading().contains(&"surveys"));

    // A page in a chunk waits for the rest (`until_opened`), which `load_rest` reads.
    let opened = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = opened.clone();
    wasm_bindgen_futures::spawn_local(async move {
        stores.until_opened().await;
        flag.set(true);
    });
    stores.load_rest().await;
    stores.until_all_loaded().await;
    assert!(opened.get(), "until_opened resolved once the rest was read");
    assert_eq!(stores.surveys.with_untracked(|t| t.len()), book.surveys.len());
    assert_eq!(stores.orders.with_untracked(|t| t.len()), book.orders.len());
    assert!(stores.loading().is_empty());
    stores.db.close();
}

#[wasm_bindgen_test]
async fn the_whole_book_is_lent_in_place_and_a_memo_over_it_follows_a_write() {
    let name = fresh("withbook").await;
    let stores = Stores::open(&name, || {}).await.unwrap();
    let wb = sample_workbook(SampleCompany::RealEstate, 6, 60);
    stores.replace_all(wb.collections.clone(), None).await.unwrap();
    // Every collection is lent, the trash included: the counts are the file's.
    let counts = |c: &kehu::model::BookRef<'_>| {
        struct Count(Vec<usize>);
        impl kehu::model::BorrowedVisitor for Count {
            fn visit<T: Record>(&mut self, records: &[&T]) {
                self.0.push(records.len());
            }
        }
        let mut n = Count(Vec::new());
        c.visit(&mut n);
        n.0
    };
    assert_eq!(stores.with_book(counts), counts(&wb.collections.borrowed()));
    // The exercise checks see the same book through either.
    let checks = |c: &kehu::model::BookRef<'_>| {
        kehu::analysis::exercises::EXERCISES.iter().map(|e| kehu::analysis::exercises::check(e, c)).collect::<Vec<_>>()
    };
    assert_eq!(stores.with_book(checks), checks(&wb.collections.borrowed()));
    // A memo over the lent book is computed again after a write.
    let customers = leptos::prelude::ArcMemo::new(move |_| stores.with_book(|b| b.customers.len()));
    let before = customers.get_untracked();
    stores.customers.put(Customer::new("lent-new", "新客户", Utc::now())).await.unwrap();
    assert_eq!(customers.get_untracked(), before + 1);
    stores.db.close();
}
