//! CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double quotes
//! when they hold commas, quotes or line breaks, `""` for a quote inside. A UTF-8
//! byte-order mark (Excel's "CSV UTF-8") is skipped; other encodings are refused.
//!
//! Fields are split, unquoted and quoted by BurntSushi's `csv-core` (the state machine
//! of the `csv` crate: no allocation, no_std, fuzzed); what is Kehu's own stays here:
//! the formula guard, refusing a quote that is never closed, and the error's line.

use std::borrow::Cow;

use csv_core::{ReadFieldResult, Reader, Writer};

/// The largest CSV file read (20 MiB, some 150,000 customers): a larger one is
/// refused before it is decoded, so a wrong file cannot stall the tab.
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

/// Whether `bytes` mix encodings: some lines with non-ASCII text are valid UTF-8 and
/// others are not (rows pasted together from a UTF-8 and a GBK file). Read as either,
/// part of such a file would be garbled, so it is refused rather than guessed.
pub fn mixes_encodings(bytes: &[u8]) -> bool {
    let (mut utf8, mut other) = (false, false);
    for line in bytes.split(|b| *b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        if std::str::from_utf8(line).is_ok() {
            utf8 = true;
        } else {
            other = true;
        }
        if utf8 && other {
            return true;
        }
    }
    false
}

/// Why a CSV file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// The file has no rows.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not UTF-8 text (GBK from an old Excel, say).
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// A quoted field is never closed.
    #[error("a quoted field that starts on line {line} is never closed")]
    UnclosedQuote {
        /// 1-based line where the field starts.
        line: usize,
    },
    /// More data rows than one import takes
    /// ([`super::import_report::MAX_CSV_ROWS`]).
    #[error("the file has {rows} rows, more than {max}")]
    TooManyRows {
        /// The file's data rows.
        rows: usize,
        /// The most one import takes.
        max: usize,
    },
}

/// The column a header names among `table` (pairs of a column and the header names
/// that mean it), compared without spaces or underscores, in any case: `Unit Price`
/// and `unit_price` both match `unitprice`.
pub fn match_header<C: Copy>(header: &str, table: &[(C, &[&str])]) -> Option<C> {
    let h: String = header.chars().filter(|c| !c.is_whitespace() && *c != '_').flat_map(char::to_lowercase).collect();
    table.iter().find(|(_, names)| names.contains(&h.as_str())).map(|(c, _)| *c)
}

/// The trimmed text of `row` under the first column that [`match_header`] read as `c`,
/// with that column's header (for messages); empty when the file has no such column.
pub fn cell_of<'r, C: PartialEq>(
    columns: &[Option<C>],
    header: &[String],
    row: &'r [String],
    c: C,
) -> (&'r str, String) {
    columns
        .iter()
        .position(|x| x.as_ref() == Some(&c))
        .map(|p| (row.get(p).map_or("", |s| s.trim()), header[p].trim().to_owned()))
        .unwrap_or(("", String::new()))
}

/// The line ends in `input[from..to]`: LF, CR or CRLF, each one; in `quoted` text only
/// LF (a lone CR inside quotes is text, as the reader has always counted it).
fn line_ends(input: &[u8], from: usize, to: usize, quoted: bool) -> usize {
    (from..to)
        .filter(|&i| input[i] == b'\n' || (!quoted && input[i] == b'\r' && input.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The lines one field moves the reader on: `input[start..end]` is the field as read,
/// with the blank lines skipped before it and the comma or line end after it.
fn lines_in_field(input: &[u8], start: usize, end: usize) -> usize {
    let field = &input[start..end];
    match field.iter().position(|b| !matches!(b, b'\r' | b'\n')) {
        // A quoted field: after its closing quote only a comma or a line end can
        // follow (a CR there ends the record), so the text between is inside quotes.
        Some(q) if field[q] == b'"' => {
            let (q, closed) = (start + q, if field.ends_with(b"\r") { end - 1 } else { end });
            line_ends(input, start, q, false) + line_ends(input, q, closed, true) + line_ends(input, closed, end, false)
        }
        _ => line_ends(input, start, end, false),
    }
}

/// The rows of a CSV file, each a list of fields; blank lines are left out. The
/// [`GUARD`] Kehu's export put before a cell that starts like a formula is removed
/// ([`unguard`]), so an exported table imports back as it was.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, CsvError> {
    // csv-core skips one BOM itself; the text after it must be UTF-8, so every field,
    // cut at ASCII commas, quotes and line ends, is UTF-8 too.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(text).map_err(|_| CsvError::NotUtf8)?;
    let mut reader = Reader::new();
    let (mut rows, mut row) = (Vec::new(), Vec::new());
    let mut out = vec![0; 256];
    // The input read so far, whether the line end put after it was read, where the
    // field being read starts (after the BOM), its bytes in `out`, and its line.
    let (mut read, mut ended, mut start, mut len, mut line) = (0, false, bytes.len() - text.len(), 0, 1);
    loop {
        // After the file the reader is given one more line end, then nothing. A field
        // still inside quotes keeps that line end as text: its quote is never closed,
        // which csv-core (lenient at the end) would let pass. Any other field ends
        // there as it would at the end of the file, and between records it is skipped.
        let input: &[u8] = if read < bytes.len() {
            &bytes[read..]
        } else if ended {
            b""
        } else {
            b"\n"
        };
        let (result, nin, nout) = reader.read_field(input, &mut out[len..]);
        if read < bytes.len() {
            read += nin;
        } else if nin == 1 {
            if nout == 1 {
                let quote = start + bytes[start..].iter().position(|b| *b == b'"').unwrap_or(0);
                return Err(CsvError::UnclosedQuote { line: line + line_ends(bytes, start, quote, false) });
            }
            ended = true;
        }
        len += nout;
        match result {
            ReadFieldResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadFieldResult::InputEmpty => {}
            ReadFieldResult::Field { record_end } => {
                let field = std::str::from_utf8(&out[..len]).map_err(|_| CsvError::NotUtf8)?;
                row.push(unguard(field).to_owned());
                line += lines_in_field(bytes, start, read);
                (start, len) = (read, 0);
                if record_end {
                    rows.push(std::mem::take(&mut row));
                }
            }
            ReadFieldResult::End => break,
        }
    }
    if rows.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(rows)
}

/// The characters that make a spreadsheet read a cell as a formula (or, for tab and
/// carriage return, that Excel strips before doing so) when they come first.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The apostrophe put before a text cell that starts with one of [`FORMULA_STARTS`],
/// so a spreadsheet shows it as text instead of running it.
pub const GUARD: char = '\'';

/// Whether the text `cell` is written behind a [`GUARD`]: it starts with one of
/// [`FORMULA_STARTS`]. Every text cell is judged by its first character alone
/// (`-2+3+cmd|' /C calc'!A0`, `+86 138…` and `-5` alike), since a spreadsheet runs
/// anything after `+` or `-` that it can parse as a formula; numbers go through
/// [`Cell::Number`] instead and are never guarded.
///
/// A text that itself starts with apostrophes before such a character (`'=x`) is
/// guarded too, so that [`unguard`] can tell it from a guarded `=x`: the export adds
/// exactly one apostrophe and the import removes exactly one.
pub fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches(GUARD).starts_with(FORMULA_STARTS)
}

/// `cell` without the [`GUARD`] Kehu's export put before it: an apostrophe followed by
/// one of [`FORMULA_STARTS`] (or by a text [`needs_guard`] would guard) loses that one
/// apostrophe; anything else (`'hello`, a lone `'`) is kept as it is.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix(GUARD) {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// One cell of an exported table: text, guarded when it could run as a formula, or a
/// number, written as a plain number (a negative amount stays `-5`).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written behind a [`GUARD`] when [`needs_guard`] says so.
    Text(String),
    /// A number, written as Rust writes it (`-0.5`, `12`); not finite as empty.
    Number(f64),
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
}

/// Runs one step of `writer` on the end of `out`, given room for what it can write.
fn put(out: &mut Vec<u8>, room: usize, step: impl FnOnce(&mut [u8]) -> usize) {
    let len = out.len();
    out.resize(len + room, 0);
    let written = step(&mut out[len..]);
    out.truncate(len + written);
}

/// One row of [`Cell`]s as CSV text, ending in CRLF as Excel writes it: text cells
/// guarded where [`needs_guard`] says so and quoted where needed (a comma, quote or
/// line break), numbers plain.
pub fn csv_row(cells: &[Cell]) -> String {
    let mut writer = Writer::new();
    let mut out = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            put(&mut out, 2, |o| writer.delimiter(o).1);
        }
        let text: Cow<str> = match cell {
            Cell::Text(t) if needs_guard(t) => format!("{GUARD}{t}").into(),
            Cell::Text(t) => t.into(),
            Cell::Number(n) if n.is_finite() => n.to_string().into(),
            Cell::Number(_) => "".into(),
        };
        // An empty field is written as nothing (csv-core would write `""` for a row of
        // one empty field; Kehu writes an empty line, which reads back as no row).
        if !text.is_empty() {
            put(&mut out, 2 + 2 * text.len(), |o| writer.field(text.as_bytes(), o).2);
        }
    }
    put(&mut out, 2, |o| writer.finish(o).1);
    out.extend_from_slice(b"\r\n");
    String::from_utf8(out).expect("CSV written from text is text")
}

/// One row of text cells as CSV text (see [`csv_row`]): every field is text, so each
/// one that starts with one of [`FORMULA_STARTS`] is guarded.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    csv_row(&fields.iter().map(|f| Cell::Text(f.as_ref().to_owned())).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_commas_line_breaks_and_a_bom() {
        let text = "\u{feff}name,note\r\n张三,\"说 \"\"你好\"\", 再见\"\r\n李四,\"两\n行\"\r\n\r\n";
        let rows = parse_csv(text.as_bytes()).unwrap();
        assert_eq!(rows, vec![vec!["name", "note"], vec!["张三", "说 \"你好\", 再见"], vec!["李四", "两\n行"]]);
    }

    #[test]
    fn last_line_without_newline_and_empty_fields() {
        assert_eq!(parse_csv(b"a,,c\n1,2,").unwrap(), vec![vec!["a", "", "c"], vec!["1", "2", ""]]);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(parse_csv(b""), Err(CsvError::Empty));
        assert_eq!(parse_csv(b"\n\n"), Err(CsvError::Empty));
        assert_eq!(parse_csv(b"a,\"b\nc"), Err(CsvError::UnclosedQuote { line: 1 }));
        // "张三" in GBK.
        assert_eq!(parse_csv(&[0xD5, 0xC5, 0xC8, 0xFD]), Err(CsvError::NotUtf8));
    }

    #[test]
    fn written_lines_read_back() {
        let fields = ["a,b", "say \"hi\"", "plain", "two\nlines"];
        let text = csv_line(&fields);
        assert_eq!(parse_csv(text.as_bytes()).unwrap(), vec![fields.to_vec()]);
    }

    #[test]
    fn a_file_mixing_utf8_and_gbk_lines_is_told_apart() {
        // 张三 in UTF-8 and in GBK (D5C5 C8FD).
        let utf8 = "姓名,电话\r\n张三,13800001234\r\n".as_bytes().to_vec();
        let mut gbk = b"name,phone\r\n".to_vec();
        gbk.extend_from_slice(b"\xD5\xC5\xC8\xFD,13800001234\r\n");
        assert!(!mixes_encodings(&utf8));
        assert!(!mixes_encodings(&gbk));
        assert!(!mixes_encodings(b"name,phone\r\nZhang,1\r\n"));
        let mut mixed = utf8.clone();
        mixed.extend_from_slice(b"\xD5\xC5\xC8\xFD,13800005678\r\n");
        assert!(mixes_encodings(&mixed));
        // A BOM on the first line does not count as another encoding.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&utf8);
        assert!(!mixes_encodings(&bom));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(
            csv_line(&["=HYPERLINK(\"x\")", "@SUM(A1)", "-cmd", "+86 138", "-5", "普通"]),
            "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),'-cmd,'+86 138,'-5,普通\r\n"
        );
    }

    /// The cells of issue 18 that went out unguarded: a sign before a digit.
    const HOSTILE: [&str; 8] = [
        "-2+3+cmd|' /C calc'!A0",
        "+1+HYPERLINK(\"http://x\",\"y\")",
        "-0.5*SUM(A1:A9)",
        "=HYPERLINK(\"http://x\",\"y\")",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        "-",
    ];

    #[test]
    fn every_text_cell_starting_like_a_formula_is_guarded_and_reads_back() {
        for cell in HOSTILE {
            let line = csv_line(&[cell]);
            // What a spreadsheet sees once the CSV quoting is undone starts with the guard.
            let unquoted = line.trim_end_matches("\r\n").trim_matches('"').replace("\"\"", "\"");
            assert!(unquoted.starts_with('\''), "{cell:?} written as {line:?}");
            assert_eq!(parse_csv(line.as_bytes()).unwrap(), vec![vec![cell]], "{cell:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers_and_only_kehus_own_guard_is_removed() {
        let row = csv_row(&[Cell::Number(-5.0), Cell::Number(-0.5), Cell::Number(12.0), Cell::Text("-5".into())]);
        assert_eq!(row, "-5,-0.5,12,'-5\r\n");
        assert_eq!(csv_row(&[Cell::Number(f64::NAN), Cell::Number(f64::NEG_INFINITY)]), ",\r\n");
        assert_eq!(parse_csv(b"'hello,'',' =x,'=x,''=x").unwrap(), vec![vec!["'hello", "''", "' =x", "=x", "'=x"]]);
        assert_eq!(unguard("'+86 138"), "+86 138");
        assert_eq!(unguard("'86"), "'86");
        for text in ["'=x", "''=x", "'hello", "'", "''", "'-1", "a'=b", "普通"] {
            assert_eq!(parse_csv(csv_line(&[text]).as_bytes()).unwrap(), vec![vec![text]], "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_the_line_it_opens_on() {
        let unclosed = |text: &str| parse_csv(text.as_bytes()).unwrap_err();
        assert_eq!(unclosed("\u{feff}\"a"), CsvError::UnclosedQuote { line: 1 });
        assert_eq!(unclosed("a\r\nb,\"c\r\nd"), CsvError::UnclosedQuote { line: 2 });
        // Blank lines and every kind of line end before it count; inside quotes a CR alone is text.
        assert_eq!(unclosed("a\r\n\n\rb\r\"c"), CsvError::UnclosedQuote { line: 5 });
        assert_eq!(unclosed("\"x\ry\"\n\"x\ny\"\r\"z\"\"\n"), CsvError::UnclosedQuote { line: 4 });
        // A closed quote followed by more text is read as one field; a quote inside a field is text.
        assert_eq!(parse_csv(b"\"a\"b,c\"d\"\r").unwrap(), vec![vec!["ab", "c\"d\""]]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// Text with what CSV and the guard care about (commas, quotes, line ends, formula
    /// starts, apostrophes, a BOM) or anything at all.
    #[cfg(not(target_arch = "wasm32"))]
    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[,\"\r\n'=+@\t\u{feff} a张-]{0,6}", any::<String>()]
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Rows written as the export writes them (a BOM, then [`csv_row`] or [`csv_line`]
        /// per row) read back as they were: text exactly, guarded or not, numbers as
        /// written; a row written as an empty line (no cell, or one empty one) is no row.
        #[test]
        fn written_rows_read_back_as_they_were(
            rows in prop::collection::vec(
                (any::<bool>(), prop::collection::vec(prop_oneof![
                    3 => text().prop_map(Cell::Text),
                    1 => prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY)].prop_map(Cell::Number),
                ], 0..5)),
                0..6,
            )
        ) {
            let texts = |cells: &[Cell]| -> Vec<String> {
                cells.iter().map(|c| match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(n) if n.is_finite() => n.to_string(),
                    Cell::Number(_) => String::new(),
                }).collect()
            };
            let mut file = String::from("\u{feff}");
            for (as_line, cells) in &rows {
                file += &if *as_line { csv_line(&texts(cells)) } else { csv_row(cells) };
            }
            let expected: Vec<Vec<String>> =
                rows.iter().map(|(_, cells)| texts(cells)).filter(|r| !r.is_empty() && *r != [""]).collect();
            let read = parse_csv(file.as_bytes());
            if expected.is_empty() {
                prop_assert_eq!(read, Err(CsvError::Empty));
            } else {
                prop_assert_eq!(read, Ok(expected), "{:?}", file);
            }
        }
    }
}
