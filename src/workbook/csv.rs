//! CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double quotes
//! when they hold commas, quotes or line breaks, `""` for a quote inside. A UTF-8
//! byte-order mark (Excel's "CSV UTF-8") is skipped; other encodings are refused.

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

/// The rows of a CSV file, each a list of fields; blank lines are left out.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, CsvError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| CsvError::NotUtf8)?;
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut quote_line = 0;
    let mut in_quotes = false;
    let mut row_has_content = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
                row_has_content = true;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                row_has_content = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                row.push(std::mem::take(&mut field));
                if row_has_content || row.iter().any(|f| !f.is_empty()) {
                    rows.push(std::mem::take(&mut row));
                } else {
                    row.clear();
                }
                row_has_content = false;
            }
            _ => {
                field.push(c);
                row_has_content = true;
            }
        }
    }
    if in_quotes {
        return Err(CsvError::UnclosedQuote { line: quote_line });
    }
    if row_has_content || !field.is_empty() {
        row.push(field);
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(rows)
}

/// One row as CSV text (quoted where needed), ending in CRLF as Excel writes it.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    fn is_formula(f: &str) -> bool {
        let mut chars = f.chars();
        match chars.next() {
            Some('=' | '@' | '\t' | '\r') => true,
            Some('+' | '-') => chars.next().is_some_and(|c| !c.is_ascii_digit() && c != ' ' && c != '.'),
            _ => false,
        }
    }
    let mut out = fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            // A cell a spreadsheet would run as a formula (=, @, or + and - before
            // something other than a number) is written as text, behind an apostrophe.
            let guarded;
            let f = if is_formula(f) {
                guarded = format!("'{f}");
                guarded.as_str()
            } else {
                f
            };
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
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
            "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),'-cmd,+86 138,-5,普通\r\n"
        );
    }
}
