//! Measures candidate IndexedDB layouts for the working set, in headless Chromium.
//! Not a test of behaviour: `scripts/bench.sh` runs it (with `--nocapture`) and the
//! figures go into BENCHMARKS.md; `scripts/test.sh` does not run it.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use kehu::model::Customer;
use kehu::store::idb::Idb;
use kehu::store::{shard_of, SHARDS};
use kehu::workbook::sample::{generate_customers, SampleCompany};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    js_sys::Date::now()
}

fn report(layout: &str, n: usize, write_ms: f64, read_ms: f64) {
    web_sys::console::log_1(&format!("LAYOUT | {layout} | {n} | {write_ms:.0} | {read_ms:.0}").into());
}

async fn open(name: &str) -> Database {
    Idb::delete(name).await.unwrap();
    Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            let objects = db.create_object_store("objects").with_key_path("id".into()).build()?;
            objects.create_index("stage", "stage".into()).build()?;
            objects.create_index("phone", "phone".into()).build()?;
            db.create_object_store("strings").build()?;
            db.create_object_store("shards").build()?;
            Ok(())
        })
        .await
        .unwrap()
}

/// Every value of `store`, read in one `getAll`.
async fn read_all<V: indexed_db_futures::primitive::TryFromJs>(db: &Database, store: &str) -> Vec<V> {
    let tx = db.transaction(store).build().unwrap();
    let values = tx.object_store(store).unwrap().get_all::<V>().primitive().unwrap().await.unwrap();
    values.collect::<Result<_, _>>().unwrap()
}

async fn measure(n: usize) {
    let customers = generate_customers(SampleCompany::RealEstate, 42, n);
    let db = open("kehu-layout-bench").await;

    // (a) One structured-clone object per record, with two indexes (the design card's).
    let objects = js_sys::JSON::parse(&serde_json::to_string(&customers).unwrap()).unwrap();
    let objects: js_sys::Array = objects.into();
    let t = now();
    let tx = db.transaction("objects").with_mode(TransactionMode::Readwrite).build().unwrap();
    let os = tx.object_store("objects").unwrap();
    for v in objects.iter() {
        drop(os.put(v).primitive().unwrap());
    }
    tx.commit().await.unwrap();
    let write = now() - t;
    let t = now();
    let all: Vec<JsValue> = read_all(&db, "objects").await;
    let arr: js_sys::Array = all.into_iter().collect();
    let text: String = js_sys::JSON::stringify(&arr).unwrap().into();
    let back: Vec<Customer> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.len(), n);
    report("one object per record, 2 indexes", n, write, now() - t);

    // (b) One JSON string per record, no index.
    let t = now();
    let tx = db.transaction("strings").with_mode(TransactionMode::Readwrite).build().unwrap();
    let os = tx.object_store("strings").unwrap();
    for c in &customers {
        drop(os.put(serde_json::to_string(c).unwrap()).with_key(c.id.as_str()).primitive().unwrap());
    }
    tx.commit().await.unwrap();
    let write = now() - t;
    let t = now();
    let all: Vec<String> = read_all(&db, "strings").await;
    let back: Vec<Customer> = all.iter().map(|s| serde_json::from_str(s).unwrap()).collect();
    assert_eq!(back.len(), n);
    report("one JSON string per record", n, write, now() - t);

    // (c) The chosen layout: 256 shards, each one JSON array.
    let t = now();
    let mut shards: Vec<Vec<&Customer>> = (0..SHARDS).map(|_| Vec::new()).collect();
    for c in &customers {
        shards[shard_of(&c.id) as usize].push(c);
    }
    let tx = db.transaction("shards").with_mode(TransactionMode::Readwrite).build().unwrap();
    let os = tx.object_store("shards").unwrap();
    for (b, shard) in shards.iter().enumerate() {
        drop(os.put(serde_json::to_string(shard).unwrap()).with_key(b as u32).primitive().unwrap());
    }
    tx.commit().await.unwrap();
    let write = now() - t;
    let t = now();
    let all: Vec<String> = read_all(&db, "shards").await;
    let back: usize = all.iter().map(|s| serde_json::from_str::<Vec<Customer>>(s).unwrap().len()).sum();
    assert_eq!(back, n);
    report("256 shards of JSON arrays", n, write, now() - t);
    db.close();
}

#[wasm_bindgen_test]
async fn layouts_10k() {
    measure(10_000).await;
}

#[wasm_bindgen_test]
async fn layouts_100k() {
    measure(100_000).await;
}
