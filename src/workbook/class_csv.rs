//! The class as CSV for the school's gradebook: one row per student file with the
//! owner, how many exercises are done, each exercise's criteria progress, grade and
//! comment, the overall grade and comment, and the review's flags. UTF-8 with a
//! byte-order mark and CRLF ([`to_csv`]), so Excel opens the Chinese text; a name that
//! starts like a formula is written as text.
//!
//! Progress is written `1 / 3` with spaces: Excel reads a bare `1/3` as the 3rd of
//! January.

use super::csv::Cell;
use super::export_csv::to_csv;
use super::Owner;
use crate::analysis::exercises::{Progress, EXERCISES};
use crate::i18n::Lang;

/// A grade and a comment as the instructor wrote them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grade {
    /// The grade (free text: `A`, `92`, `优`).
    pub grade: String,
    /// The comment.
    pub comment: String,
}

/// One student file of the class, as the table shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassRow {
    /// Whose work it is (empty when the book has none).
    pub owner: Owner,
    /// The file's name.
    pub file_name: String,
    /// Per exercise (in [`EXERCISES`] order), how far each criterion is.
    pub results: Vec<Vec<Progress>>,
    /// Per exercise (in [`EXERCISES`] order), the instructor's grade and comment.
    pub grades: Vec<Grade>,
    /// The overall grade and comment.
    pub overall: Grade,
    /// The copy group the file is in (1-based), if any.
    pub copy_group: Option<usize>,
    /// Whether the book holds nothing of the student's own.
    pub sample_only: bool,
    /// Whether the book names no student.
    pub no_owner: bool,
}

/// The words of the fixed columns and the flags, per language.
fn words(lang: Lang) -> [&'static str; 13] {
    match lang {
        Lang::Zh => [
            "姓名",
            "班级",
            "学号",
            "文件",
            "完成",
            "进度",
            "成绩",
            "评语",
            "总评成绩",
            "总评评语",
            "标记",
            "雷同组",
            "只有示例数据",
        ],
        Lang::En => [
            "Name",
            "Class",
            "Student number",
            "File",
            "Done",
            "progress",
            "grade",
            "comment",
            "Overall grade",
            "Overall comment",
            "Flags",
            "copy group",
            "sample only",
        ],
    }
}

fn no_owner_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "无所有者",
        Lang::En => "no owner",
    }
}

/// The class table as a CSV file, headers in `lang`.
pub fn class_csv(rows: &[ClassRow], lang: Lang) -> String {
    let w = words(lang);
    let mut header: Vec<String> = w[..5].iter().map(|s| (*s).to_owned()).collect();
    for e in EXERCISES {
        for kind in &w[5..8] {
            header.push(format!("{} {kind}", e.id));
        }
    }
    header.extend(w[8..11].iter().map(|s| (*s).to_owned()));
    let text = |s: &str| Cell::Text(s.trim().to_owned());
    let out_rows = rows.iter().map(|r| {
        let done = r.results.iter().filter(|p| crate::analysis::exercises::all_met(p)).count();
        let mut cells = vec![
            text(&r.owner.name),
            text(&r.owner.class),
            text(&r.owner.student_id),
            text(&r.file_name),
            Cell::Text(format!("{done} / {}", EXERCISES.len())),
        ];
        for (k, _) in EXERCISES.iter().enumerate() {
            let progress = r
                .results
                .get(k)
                .map(|p| p.iter().map(|p| format!("{} / {}", p.have, p.need)).collect::<Vec<_>>().join("; "))
                .unwrap_or_default();
            let g = r.grades.get(k).cloned().unwrap_or_default();
            cells.extend([Cell::Text(progress), text(&g.grade), text(&g.comment)]);
        }
        let mut flags = Vec::new();
        if let Some(g) = r.copy_group {
            flags.push(format!("{} {g}", w[11]));
        }
        if r.sample_only {
            flags.push(w[12].to_owned());
        }
        if r.no_owner {
            flags.push(no_owner_word(lang).to_owned());
        }
        cells.extend([text(&r.overall.grade), text(&r.overall.comment), Cell::Text(flags.join("; "))]);
        cells
    });
    to_csv(&header, out_rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::csv::parse_csv;

    fn owner(name: &str, id: &str) -> Owner {
        Owner { name: name.into(), class: "电商2301".into(), student_id: id.into() }
    }

    fn row(name: &str, id: &str) -> ClassRow {
        let results = EXERCISES.iter().map(|_| vec![Progress { have: 0, need: 1 }]).collect();
        ClassRow {
            owner: owner(name, id),
            file_name: format!("{name}.kehu.json"),
            results,
            grades: vec![Grade::default(); EXERCISES.len()],
            ..Default::default()
        }
    }

    /// The byte-order mark, CRLF, and the columns: 5 fixed, 3 per exercise, 3 at the end.
    #[test]
    fn the_file_opens_in_excel_with_one_row_per_student() {
        let mut li = row("李明", "230101");
        li.results[0] = vec![Progress { have: 1, need: 3 }, Progress { have: 2, need: 2 }];
        li.results[1] = vec![Progress { have: 1, need: 1 }];
        li.grades[0] = Grade { grade: "A".into(), comment: "层级清楚，\"跨度\"合理。".into() };
        li.overall = Grade { grade: "优".into(), comment: "认真".into() };
        let mut zhang = row("张华", "230102");
        zhang.copy_group = Some(1);
        zhang.sample_only = true;
        let text = class_csv(&[li, zhang], Lang::Zh);
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text.matches("\r\n").count(), 3, "a header and two rows, each ending CRLF");
        let rows = parse_csv(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        let width = 5 + 3 * EXERCISES.len() + 3;
        assert!(rows.iter().all(|r| r.len() == width));
        assert_eq!(rows[0][..6], ["姓名", "班级", "学号", "文件", "完成", "p1-t1 进度"]);
        assert_eq!(rows[0][width - 3..], ["总评成绩", "总评评语", "标记"]);
        // 李明: one exercise fully met (p1-t2), p1-t1 partly, graded A.
        assert_eq!(rows[1][..5], ["李明", "电商2301", "230101", "李明.kehu.json", "1 / 23"]);
        assert_eq!(rows[1][5..8], ["1 / 3; 2 / 2", "A", "层级清楚，\"跨度\"合理。"]);
        assert_eq!(rows[1][8], "1 / 1");
        assert_eq!(rows[1][width - 3..], ["优", "认真", ""]);
        assert_eq!(rows[2][width - 1], "雷同组 1; 只有示例数据");
        let en = class_csv(&[row("Li", "1")], Lang::En);
        assert!(en.contains("Name,Class,Student number,File,Done,p1-t1 progress,p1-t1 grade,p1-t1 comment"));
    }

    #[test]
    fn names_and_comments_that_start_like_a_formula_are_written_as_text() {
        let mut r = row("=HYPERLINK(\"http://x\")", "+230101");
        r.owner.class = "-电商".into();
        r.file_name = "@file.kehu.json".into();
        r.grades[0].comment = "\t=1+1".into();
        r.overall.comment = "\r=cmd".into();
        r.no_owner = true;
        let text = class_csv(&[r], Lang::Zh);
        let line = text.split("\r\n").nth(1).unwrap();
        // Each dangerous cell starts with an apostrophe in the file.
        assert!(line.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",'-电商,'+230101,"), "{line}");
        for cell in ["'-电商", "'+230101", "'@file.kehu.json"] {
            assert!(line.contains(cell), "{cell} in {line}");
        }
        let rows = parse_csv(text.as_bytes()).unwrap();
        // Kehu's own reader takes the guard off again; a spreadsheet shows it as text.
        assert_eq!(rows[1][0], "=HYPERLINK(\"http://x\")");
        assert_eq!(rows[1].last().unwrap(), "无所有者");
        // Not one cell of the file begins with a formula character unguarded.
        for cell in text.split("\r\n").skip(1).flat_map(|l| l.split(',')) {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
        }
    }
}
