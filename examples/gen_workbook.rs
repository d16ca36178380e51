//! Writes a generated sample workbook to stdout, for the benchmark and for trying
//! Kehu with a big book: `cargo run --release --example gen_workbook -- real-estate 100000`.

use kehu::workbook::sample::{sample_workbook, SampleCompany};

fn main() {
    let mut args = std::env::args().skip(1);
    let company = match args.next().as_deref() {
        Some("taobao") => SampleCompany::TaobaoShop,
        _ => SampleCompany::RealEstate,
    };
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(2026);
    print!("{}", sample_workbook(company, seed, count).to_json());
}
