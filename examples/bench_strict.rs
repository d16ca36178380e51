//! Times the duplicate-key check against the whole import of a workbook file:
//! `cargo run --release --example bench_strict -- FILE`.

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench_strict FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    for _ in 0..3 {
        let t = Instant::now();
        let dup = kehu::workbook::strict::duplicate_key(text);
        let scan = t.elapsed();
        let t = Instant::now();
        let ok = kehu::workbook::parse_workbook(&bytes).is_ok();
        let whole = t.elapsed();
        println!(
            "{} MB: duplicate-key scan {:.0} ms ({dup:?}); whole parse_workbook {:.0} ms (valid: {ok})",
            bytes.len() / 1_000_000,
            scan.as_secs_f64() * 1000.0,
            whole.as_secs_f64() * 1000.0
        );
    }
}
