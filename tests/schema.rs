//! `docs/workbook.schema.json` must be what the Rust types generate.
//! Regenerate with `KEHU_UPDATE_SCHEMA=1 cargo test --test schema`.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_published_schema_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/workbook.schema.json");
    let generated = kehu::workbook::json_schema();
    if std::env::var_os("KEHU_UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        published == generated,
        "docs/workbook.schema.json is stale: run `KEHU_UPDATE_SCHEMA=1 cargo test --test schema` and commit it"
    );
}
