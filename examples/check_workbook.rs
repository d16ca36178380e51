//! Checks a workbook file the way the import does and prints what it holds or why it
//! is refused: `cargo run --release --example check_workbook -- FILE`.

use kehu::i18n::Lang;
use kehu::messages;
use kehu::workbook::parse_workbook;

fn main() {
    let path = std::env::args().nth(1).expect("usage: check_workbook FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    match parse_workbook(&bytes) {
        Ok(wb) => println!("valid: version {}, {} records", wb.version, wb.collections.len()),
        Err(e) => {
            let problems = e;
            for p in problems.problems.iter().take(20) {
                println!("{}", messages::import_problem(Lang::En, p));
            }
            std::process::exit(1);
        }
    }
}
