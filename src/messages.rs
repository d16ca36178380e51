//! Typed errors turned into sentences in the user's language — the one place where
//! that happens.

use crate::i18n::Lang;
use crate::model::Problem;
use crate::workbook::survey_csv::{CsvProblem, CsvProblemKind};
use crate::workbook::{ImportProblem, ProblemKind};

/// "12 new, 3 updated…" for a CSV import: its plan, or (`done`) its outcome.
pub fn import_counts(lang: Lang, c: &crate::workbook::import_report::ImportCounts, done: bool) -> String {
    let head = lang.t(if done { crate::i18n::Key::CustomersImported } else { crate::i18n::Key::WillImport });
    match lang {
        Lang::Zh => format!(
            "{head}：新建 {}，更新 {}，无变化 {}，跳过重复 {}，导入但有问题 {}，有问题未导入 {}",
            c.created, c.updated, c.unchanged, c.skipped, c.with_problem, c.invalid
        ),
        Lang::En => format!(
            "{head}: {} new, {} updated, {} unchanged, {} duplicates skipped, {} imported with a problem, {} left out",
            c.created, c.updated, c.unchanged, c.skipped, c.with_problem, c.invalid
        ),
    }
}

/// Whom or what a row of an import repeats, in words; `name_of` names a customer of
/// the book by id.
pub fn duplicate_of(
    lang: Lang,
    d: &crate::workbook::import_report::DuplicateOf,
    name_of: impl Fn(&str) -> String,
) -> String {
    use crate::i18n::Key;
    use crate::model::Choice;
    use crate::workbook::import_report::DuplicateOf as D;
    match (lang, d) {
        (_, D::Customer { id, reason }) => {
            format!("{} {} ({})", lang.t(Key::SameAsCustomer), name_of(id), lang.t(reason.label()))
        }
        (_, D::Line { line, reason }) => format!("{} {line} ({})", lang.t(Key::SameAsLine), lang.t(reason.label())),
        (Lang::Zh, D::Order { by_number: true, .. }) => "订单号已在账中".into(),
        (Lang::En, D::Order { by_number: true, .. }) => "the order number is already in the book".into(),
        (Lang::Zh, D::Order { by_number: false, .. }) => "可能重复：账中已有客户、日期、金额和商品都相同的订单".into(),
        (Lang::En, D::Order { by_number: false, .. }) => {
            "likely duplicate: the book has an order with the same customer, day, amount and lines".into()
        }
        (Lang::Zh, D::OrderLine { line }) => format!("订单号与第 {line} 行相同"),
        (Lang::En, D::OrderLine { line }) => format!("the same order number as line {line}"),
        (Lang::Zh, D::Call { .. }) => "可能重复：账中已有时间、方向、坐席、客户和通话时长都相同的通话".into(),
        (Lang::En, D::Call { .. }) => {
            "likely duplicate: the book has a call with the same time, direction, agent, customer and talk time".into()
        }
    }
}

/// A problem of a CSV cell without its row: "「生日」列：不是日期…".
pub fn csv_problem_in_row(lang: Lang, p: &CsvProblem) -> String {
    let what = csv_problem(lang, &CsvProblem { row: 0, column: String::new(), kind: p.kind.clone() });
    match (lang, p.column.is_empty()) {
        (_, true) => what,
        (Lang::Zh, false) => format!("「{}」列：{what}", p.column),
        (Lang::En, false) => format!("column “{}”: {what}", p.column),
    }
}

/// Why a row is in the problem list, for the reason column of the problem CSV: left
/// out, or imported with the cells set aside into its notes.
pub fn problem_reason(lang: Lang, r: &crate::workbook::import_report::ReportRow) -> String {
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let what = r.problems.iter().map(|p| csv_problem_in_row(lang, p)).collect::<Vec<_>>().join(sep);
    match (lang, r.left_out_for_a_problem()) {
        (Lang::Zh, true) => format!("未导入：{what}"),
        (Lang::En, true) => format!("Not imported: {what}"),
        (Lang::Zh, false) => format!("已导入，原文存入备注：{what}"),
        (Lang::En, false) => format!("Imported, the original text kept in the notes: {what}"),
    }
}

/// One line of the count per kind of problem: "「生日」列：不是日期 — 12 行".
pub fn problem_tally(lang: Lang, t: &crate::workbook::import_report::ProblemTally) -> String {
    let what = csv_problem_in_row(lang, &CsvProblem { row: 0, column: t.column.clone(), kind: t.kind.clone() });
    match lang {
        Lang::Zh => format!("{what} — {} 行", t.rows),
        Lang::En => format!("{what} — {} rows", t.rows),
    }
}

/// A broken field rule, in words.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match (lang, p) {
        (Lang::Zh, Problem::Required) => "必填".into(),
        (Lang::En, Problem::Required) => "is required".into(),
        (Lang::Zh, Problem::Phone) => {
            "不是有效的电话号码（手机 11 位，座机带区号如 0791-8888888，或 +国家代码）".into()
        }
        (Lang::En, Problem::Phone) => {
            "is not a phone number (11-digit mobile, landline with area code such as 0791-8888888, or +country code)"
                .into()
        }
        (Lang::Zh, Problem::Email) => "不是有效的电子邮箱地址".into(),
        (Lang::En, Problem::Email) => "is not an e-mail address".into(),
        (Lang::Zh, Problem::TooLong { max }) => format!("超过 {max} 个字符"),
        (Lang::En, Problem::TooLong { max }) => format!("is longer than {max} characters"),
        (Lang::Zh, Problem::OutOfRange { min, max }) => format!("应在 {min} 到 {max} 之间"),
        (Lang::En, Problem::OutOfRange { min, max }) => format!("must be between {min} and {max}"),
        (Lang::Zh, Problem::UnknownPlaceholder) => {
            "含有未知的占位符（可用 {name}、{company}、{holiday}、{date}）".into()
        }
        (Lang::En, Problem::UnknownPlaceholder) => {
            "has an unknown placeholder (use {name}, {company}, {holiday}, {date})".into()
        }
        (Lang::Zh, Problem::Positive) => "必须大于 0".into(),
        (Lang::En, Problem::Positive) => "must be more than 0".into(),
        (Lang::Zh, Problem::WrongKind) => "答案类型与问题不符".into(),
        (Lang::En, Problem::WrongKind) => "is not the kind of answer the question asks for".into(),
        (Lang::Zh, Problem::StepNotAllowed) => "流程不允许这一步状态变更（例如重复关闭工单）".into(),
        (Lang::En, Problem::StepNotAllowed) => {
            "is a status change the flow does not allow (closing a ticket twice, say)".into()
        }
        (Lang::Zh, Problem::UnknownReference) => "引用的对象不存在".into(),
        (Lang::En, Problem::UnknownReference) => "refers to something that does not exist".into(),
        (Lang::Zh, Problem::BeforeStart) => "早于它所依据的日期".into(),
        (Lang::En, Problem::BeforeStart) => "is before the date it follows".into(),
        (Lang::Zh, Problem::FutureDate) => "日期晚于今天".into(),
        (Lang::En, Problem::FutureDate) => "is a date in the future".into(),
        (Lang::Zh, Problem::AbandonedWithTalk) => "放弃的来电没有通话时长，也不能算首次解决".into(),
        (Lang::En, Problem::AbandonedWithTalk) => "an abandoned call has no talk time and solved nothing".into(),
        (Lang::Zh, Problem::Cycle) => "不能放在它自己或它的下级之下".into(),
        (Lang::En, Problem::Cycle) => "cannot be placed under itself or one of its own units".into(),
        (Lang::Zh, Problem::NotAscending) => "必须大于前一项".into(),
        (Lang::En, Problem::NotAscending) => "must be more than the one before".into(),
        (Lang::Zh, Problem::UpdatedBeforeCreated) => "更新时间早于创建时间".into(),
        (Lang::En, Problem::UpdatedBeforeCreated) => "is earlier than created_at".into(),
        (Lang::Zh, Problem::YearOutOfRange { min, max }) => format!("年份必须在 {min} 到 {max} 之间"),
        (Lang::En, Problem::YearOutOfRange { min, max }) => format!("has a year outside {min} to {max}"),
        (Lang::Zh, Problem::BadId) => "不是有效的 id（不能含有 /、\\、..、空白或控制字符）".into(),
        (Lang::En, Problem::BadId) => {
            "is not a valid id (it may not hold /, \\, .., spaces or control characters)".into()
        }
        (Lang::Zh, Problem::ReservedName) => "与内置字段或保留字同名，请换一个名称".into(),
        (Lang::En, Problem::ReservedName) => {
            "is the name of a built-in field or a reserved word; choose another".into()
        }
        (Lang::Zh, Problem::DuplicateName) => "与已有的名称重复".into(),
        (Lang::En, Problem::DuplicateName) => "is already taken".into(),
        (Lang::Zh, Problem::NotANumber) => "不是数字".into(),
        (Lang::En, Problem::NotANumber) => "is not a number".into(),
        (Lang::Zh, Problem::NotADate) => "不是日期（如 2024-03-08）".into(),
        (Lang::En, Problem::NotADate) => "is not a date (such as 2024-03-08)".into(),
        (Lang::Zh, Problem::NotAChoice) => "不在该字段的选项中（选项可能已被删除）".into(),
        (Lang::En, Problem::NotAChoice) => {
            "is not one of the field's choices (the choice may have been removed)".into()
        }
        (Lang::Zh, Problem::NoVisibleCharacter) => "没有可见的字符（只有空白、零宽或控制字符）".into(),
        (Lang::En, Problem::NoVisibleCharacter) => {
            "has no visible character (only spaces, zero-width or control characters)".into()
        }
    }
}

/// One problem of a refused workbook file, with its path.
pub fn import_problem(lang: Lang, p: &ImportProblem) -> String {
    let what = match (lang, &p.kind) {
        (Lang::Zh, ProblemKind::Empty) => "文件是空的".into(),
        (Lang::En, ProblemKind::Empty) => "the file is empty".into(),
        (Lang::Zh, ProblemKind::NotUtf8) => "文件不是 UTF-8 文本（可能是 UTF-16 或二进制文件）".into(),
        (Lang::En, ProblemKind::NotUtf8) => "the file is not UTF-8 text (perhaps UTF-16 or a binary file)".into(),
        (Lang::Zh, ProblemKind::Syntax { line, column }) => {
            format!("不是有效的 JSON：第 {line} 行第 {column} 列附近有错误（文件可能不完整）")
        }
        (Lang::En, ProblemKind::Syntax { line, column }) => {
            format!("not valid JSON: error near line {line}, column {column} (the file may be cut short)")
        }
        (Lang::Zh, ProblemKind::NotAnObject) => "不是 Kehu 工作簿（顶层不是对象）".into(),
        (Lang::En, ProblemKind::NotAnObject) => "not a Kehu workbook (the top level is not an object)".into(),
        (Lang::Zh, ProblemKind::WrongFormat { found }) => {
            format!("不是 Kehu 工作簿：format 应为 \"kehu-workbook\"，实际为 \"{found}\"")
        }
        (Lang::En, ProblemKind::WrongFormat { found }) => {
            format!("not a Kehu workbook: format should be \"kehu-workbook\", found \"{found}\"")
        }
        (Lang::Zh, ProblemKind::NewerVersion { found, supported }) => {
            format!("文件来自更新版本的 Kehu（格式版本 {found}），本应用只能读取到版本 {supported}。请先更新应用。")
        }
        (Lang::En, ProblemKind::NewerVersion { found, supported }) => format!(
            "the file comes from a newer Kehu (format version {found}); this app reads up to version {supported}. Update the app first."
        ),
        (Lang::Zh, ProblemKind::MissingField { field }) => format!("缺少必填字段 {field}"),
        (Lang::En, ProblemKind::MissingField { field }) => format!("the required field {field} is missing"),
        (Lang::Zh, ProblemKind::UnknownField { field }) => format!("未知字段 {field}"),
        (Lang::En, ProblemKind::UnknownField { field }) => format!("unknown field {field}"),
        (Lang::Zh, ProblemKind::WrongValue { detail }) => format!("值的类型或格式不对（{detail}）"),
        (Lang::En, ProblemKind::WrongValue { detail }) => format!("wrong type or form of value ({detail})"),
        (_, ProblemKind::Invalid(pr)) => problem(lang, pr),
        (Lang::Zh, ProblemKind::DuplicateId { id }) => format!("id \"{id}\" 重复"),
        (Lang::En, ProblemKind::DuplicateId { id }) => format!("the id \"{id}\" is used twice"),
        (Lang::Zh, ProblemKind::DuplicateKey) => "同一对象中这个键出现了两次（读取时会丢掉其中一个值），文件被拒绝".into(),
        (Lang::En, ProblemKind::DuplicateKey) => {
            "this key appears twice in the same object (one of the two values would be lost); the file is refused".into()
        }
    };
    if p.path.is_empty() {
        what
    } else {
        format!("{}: {what}", p.path)
    }
}

/// One problem of a refused CSV file, with its row and column.
pub fn csv_problem(lang: Lang, p: &CsvProblem) -> String {
    use crate::workbook::csv::CsvError;
    let what = match (lang, &p.kind) {
        (Lang::Zh, CsvProblemKind::File(CsvError::Empty)) => "文件是空的".into(),
        (Lang::En, CsvProblemKind::File(CsvError::Empty)) => "the file is empty".into(),
        (Lang::Zh, CsvProblemKind::File(CsvError::NotUtf8)) => {
            "文件不是 UTF-8 编码。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入".into()
        }
        (Lang::En, CsvProblemKind::File(CsvError::NotUtf8)) => {
            "the file is not UTF-8. In Excel, use Save As → CSV UTF-8 (comma delimited) and import that".into()
        }
        (Lang::Zh, CsvProblemKind::File(CsvError::UnclosedQuote { line })) => {
            format!("第 {line} 行开始的带引号字段没有结束引号（文件可能不完整）")
        }
        (Lang::En, CsvProblemKind::File(CsvError::UnclosedQuote { line })) => {
            format!("a quoted field starting on line {line} is never closed (the file may be cut short)")
        }
        (Lang::Zh, CsvProblemKind::File(CsvError::TooManyRows { rows, max })) => {
            format!("文件有 {rows} 行，一次最多导入 {max} 行。没有导入任何内容；请把文件拆成几份后分别导入")
        }
        (Lang::En, CsvProblemKind::File(CsvError::TooManyRows { rows, max })) => format!(
            "the file has {rows} rows; one import takes at most {max}. Nothing was imported; split the file and import each part"
        ),
        (Lang::Zh, CsvProblemKind::UnknownColumn) => {
            "列名不是本问卷的问题（应为问题原文、问题 id 或 customer/客户）".into()
        }
        (Lang::En, CsvProblemKind::UnknownColumn) => {
            "the column names no question of this survey (use the question's text, its id, or customer)".into()
        }
        (Lang::Zh, CsvProblemKind::DuplicateColumn) => "与另一列是同一个问题".into(),
        (Lang::En, CsvProblemKind::DuplicateColumn) => "names the same question as another column".into(),
        (Lang::Zh, CsvProblemKind::TooManyFields) => "这一行的字段比表头多".into(),
        (Lang::En, CsvProblemKind::TooManyFields) => "the row has more fields than the header".into(),
        (_, CsvProblemKind::Invalid(pr)) => problem(lang, pr),
        (Lang::Zh, CsvProblemKind::UnknownOption) => "不是该问题的选项（可写选项原文或序号 1、2…）".into(),
        (Lang::En, CsvProblemKind::UnknownOption) => {
            "is not one of the question's options (write the option or its number 1, 2…)".into()
        }
        (Lang::Zh, CsvProblemKind::UnknownCustomer) => {
            "找不到这位客户（可写客户的 id、电话或完整姓名；留空为匿名）".into()
        }
        (Lang::En, CsvProblemKind::UnknownCustomer) => {
            "no such customer (write the customer's id, phone or full name; leave empty for anonymous)".into()
        }
        (Lang::Zh, CsvProblemKind::EmptyRow) => "这一行没有任何答案".into(),
        (Lang::En, CsvProblemKind::EmptyRow) => "the row has no answer".into(),
        (Lang::Zh, CsvProblemKind::MissingColumn) => "文件缺少这一列".into(),
        (Lang::En, CsvProblemKind::MissingColumn) => "the file has no such column".into(),
        (Lang::Zh, CsvProblemKind::NotADate) => "不是日期（可写 2026-11-05、2026/11/5 或 20261105）".into(),
        (Lang::En, CsvProblemKind::NotADate) => "is not a date (write 2026-11-05, 2026/11/5 or 20261105)".into(),
        (Lang::Zh, CsvProblemKind::NotANumber) => "不是数字".into(),
        (Lang::En, CsvProblemKind::NotANumber) => "is not a number".into(),
        (Lang::Zh, CsvProblemKind::NotAStage) => "不是客户阶段（可写 潜在、意向、成交、忠诚 或 流失）".into(),
        (Lang::En, CsvProblemKind::NotAStage) => {
            "is not a customer stage (write prospect, intent, customer, loyal or lost)".into()
        }
        (Lang::Zh, CsvProblemKind::NotACustomerKind) => "不是客户类型（可写 个人 或 企业）".into(),
        (Lang::En, CsvProblemKind::NotACustomerKind) => "is not a customer type (write person or company)".into(),
    };
    match (lang, p.row, p.column.is_empty()) {
        (_, 0, _) => what,
        (Lang::Zh, row, true) => format!("第 {row} 行：{what}"),
        (Lang::En, row, true) => format!("Row {row}: {what}"),
        (Lang::Zh, row, false) => format!("第 {row} 行「{}」列：{what}", p.column),
        (Lang::En, row, false) => format!("Row {row}, column “{}”: {what}", p.column),
    }
}

/// Why a customers CSV cannot be imported, in words that say what to do.
pub fn customers_csv_error(lang: Lang, e: &crate::workbook::customers_csv::CustomersCsvError) -> String {
    use crate::workbook::customers_csv::CustomersCsvError as E;
    match (lang, e) {
        (Lang::Zh, E::Empty) => "文件中没有客户（是空的，或只有表头）".into(),
        (Lang::En, E::Empty) => "the file holds no customers (it is empty, or has only a header)".into(),
        (_, E::File(f)) => csv_problem(lang, &CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(f.clone()) }),
        (Lang::Zh, E::NoHeader) => "第一行是客户数据，不是列名。请在第一行加上表头（如 姓名、手机、公司）后再导入".into(),
        (Lang::En, E::NoHeader) => {
            "the first row holds a customer, not column names. Add a header row (such as Name, Phone, Company) and import again".into()
        }
        (Lang::Zh, E::NoNameColumn) => "没有哪一列是客户姓名/名称：请为姓名指定一列".into(),
        (Lang::En, E::NoNameColumn) => "no column holds the customer's name: choose the name column".into(),
        (Lang::Zh, E::MappedTwice { column, first, second }) => {
            format!("第 {} 列和第 {} 列都对应「{}」，每个字段只能对应一列", first + 1, second + 1, lang.t(column.label()))
        }
        (Lang::En, E::MappedTwice { column, first, second }) => format!(
            "columns {} and {} both go to “{}”; a field takes one column only",
            first + 1,
            second + 1,
            lang.t(column.label())
        ),
    }
}

/// A broken rule of a refused merge: the record (`label` is its kind's word, e.g.
/// 商机), where it is, and what is wrong.
pub fn merge_problem(lang: Lang, label: &str, p: &crate::workbook::MergeProblem) -> String {
    let place = match (lang, p.in_file) {
        (Lang::Zh, Some(i)) => format!("文件中 collections.{}[{i}].{}", p.collection, p.field),
        (Lang::En, Some(i)) => format!("in the file, collections.{}[{i}].{}", p.collection, p.field),
        (Lang::Zh, None) => format!("本工作簿中，字段 {}", p.field),
        (Lang::En, None) => format!("in this book, field {}", p.field),
    };
    let summary = crate::workbook::excerpt(&p.summary);
    match lang {
        Lang::Zh => format!("{label}「{summary}」（{place}）：{}", problem(lang, &p.problem)),
        Lang::En => format!("{label} “{summary}” ({place}): {}", problem(lang, &p.problem)),
    }
}

/// A storage failure, in words that say what to do.
#[cfg(target_arch = "wasm32")]
pub fn store_error(lang: Lang, e: &crate::store::StoreError) -> String {
    use crate::store::StoreError as E;
    match (lang, e) {
        (Lang::Zh, E::QuotaExceeded) => "浏览器存储空间已满，未能保存。您输入的内容仍在表单中；请导出工作簿备份并清理回收站或浏览器数据后重试。".into(),
        (Lang::En, E::QuotaExceeded) => "The browser's storage is full, so this was not saved. Your input is still in the form; export a backup, empty the trash or free browser storage, then try again.".into(),
        (Lang::Zh, E::Blocked) => "数据库需要升级，但另一个打开的 Kehu 标签页还在使用旧版本。请关闭其他 Kehu 标签页，这里会自动继续。".into(),
        (Lang::En, E::Blocked) => "The database needs an upgrade, but another open Kehu tab still uses the old version. Close the other Kehu tabs; this page goes on by itself.".into(),
        (Lang::Zh, E::NewerDatabase { found, supported }) => format!("浏览器中的数据来自更新版本的 Kehu（数据库版本 {found}，本应用为 {supported}）。为保护数据，本应用不会打开它；请使用新版本。"),
        (Lang::En, E::NewerDatabase { found, supported }) => format!("The data in this browser comes from a newer Kehu (database version {found}, this app has {supported}). To protect it, this app will not open it; use the newer version."),
        (Lang::Zh, E::VersionChanged) => "Kehu 已在另一个标签页中更新。请刷新此页面以继续。".into(),
        (Lang::En, E::VersionChanged) => "Kehu was updated in another tab. Reload this page to continue.".into(),
        (Lang::Zh, E::Conflict) => "这条记录刚在另一个标签页中被修改，本次没有保存。您的输入仍在表单中；请对照另一个版本，选择保留哪一个。".into(),
        (Lang::En, E::Conflict) => "This record was just changed in another tab, so nothing was saved. Your input is still in the form; compare it with the other version and choose which to keep.".into(),
        (Lang::Zh, E::Unavailable) => "此浏览器无法使用 IndexedDB（可能处于无痕模式或被禁用），Kehu 无法保存数据。".into(),
        (Lang::En, E::Unavailable) => "IndexedDB is not available in this browser (private mode or disabled), so Kehu cannot keep data.".into(),
        (Lang::Zh, E::Corrupt { collection, detail }) => format!("{collection} 的一部分存储数据无法读取（{detail}），这些记录没有显示；编辑不会改写它们，但“替换”导入会删除它们。其余数据可以照常使用；请先导出工作簿备份。"),
        (Lang::En, E::Corrupt { collection, detail }) => format!("Part of the stored {collection} cannot be read ({detail}); those records are not shown; edits leave them untouched, but a replace import removes them. The rest works as usual; export a workbook backup first."),
        (Lang::Zh, E::InUse { .. }) => "还有记录引用它，不能永久删除；请先处理引用它的记录（例如把商机移到其他阶段）。".into(),
        (Lang::En, E::InUse { .. }) => "Other records still refer to it, so it cannot be deleted for good; deal with them first (for example, move the opportunities to another stage).".into(),
        (Lang::Zh, E::ReadOnly) => "这是以只读方式打开的学生工作簿，不能修改，也没有保存任何内容。".into(),
        (Lang::En, E::ReadOnly) => "This is a student's workbook, open read-only: it cannot be changed, and nothing was saved.".into(),
        (Lang::Zh, E::Refused(crate::store::Refusal::BelowZero { available })) => format!("积分不足：当前余额为 {available}，这次变动会使余额低于零，没有保存。"),
        (Lang::En, E::Refused(crate::store::Refusal::BelowZero { available })) => format!("Not enough points: the balance is {available}, and this change would take it below zero, so it was not saved."),
        (Lang::Zh, E::CodeNotLoaded) => "工作簿的其余部分还没能读取：读取它们的程序没能载入（网络不通或服务器没有回应）。已保存的数据不受影响；请在联网后刷新页面。".into(),
        (Lang::En, E::CodeNotLoaded) => "The rest of the workbook could not be read yet: the code that reads it did not load (the network is off or the server did not answer). Saved data is not affected; reload the page once online.".into(),
        (Lang::Zh, E::Other(detail)) => format!("存储出错：{detail}。内容未保存。"),
        (Lang::En, E::Other(detail)) => format!("Storage error: {detail}. Nothing was saved."),
    }
}

/// What went wrong with the sync server, in words that say what to change (the CouchDB
/// setting by name where the server must change).
pub fn sync_error(lang: Lang, e: &crate::sync::SyncError) -> String {
    use crate::sync::SyncError as E;
    match (lang, e) {
        (Lang::Zh, E::InsecureUrl) => "服务器地址必须以 https:// 开头（只有本机 localhost 或 127.0.0.1 可以用 http://），否则密码和数据会以明文经过网络。".into(),
        (Lang::En, E::InsecureUrl) => "The server address must start with https:// (only this computer, localhost or 127.0.0.1, may use http://); otherwise the password and the data cross the network in clear.".into(),
        (Lang::Zh, E::BadUrl) => "这不是服务器地址。请填写完整地址，例如 https://couch.example.com 。".into(),
        (Lang::En, E::BadUrl) => "This is not a server address. Enter the whole address, for example https://couch.example.com.".into(),
        (Lang::Zh, E::Unreachable) => "连接不到服务器：地址可能有误、服务器未运行，或者本机没有网络。本机的修改会保存并在恢复连接后发送。".into(),
        (Lang::En, E::Unreachable) => "The server cannot be reached: the address may be wrong, the server may be down, or there is no network. Changes made here are kept and sent once it can be reached.".into(),
        (Lang::Zh, E::Cors) => "服务器有回应，但不允许本网站访问（未启用 CORS）。请服务器管理员在 CouchDB 中设置 [chttpd] enable_cors = true，并在 [cors] 中设置 origins 为本网站地址、credentials = true、headers = accept, authorization, content-type, origin, referer（详见文档 docs/sync.md）。".into(),
        (Lang::En, E::Cors) => "The server answers but does not allow this site (CORS is not enabled). The server's admin must set [chttpd] enable_cors = true and, under [cors], origins to this site's address, credentials = true and headers = accept, authorization, content-type, origin, referer (see docs/sync.md).".into(),
        (Lang::Zh, E::Timeout) => "服务器没有及时回应，稍后会自动重试。".into(),
        (Lang::En, E::Timeout) => "The server did not answer in time; Kehu tries again shortly.".into(),
        (Lang::Zh, E::NotCouch) => "这个地址上的不是 CouchDB 服务器（也不是 PouchDB Server）。请检查地址。".into(),
        (Lang::En, E::NotCouch) => "The server at this address is not CouchDB (nor PouchDB Server). Check the address.".into(),
        (Lang::Zh, E::Unauthorized) => "用户名或密码不对。".into(),
        (Lang::En, E::Unauthorized) => "Wrong user name or password.".into(),
        (Lang::Zh, E::Forbidden(reason)) => format!("服务器拒绝了这个操作：此用户没有权限（{reason}）。请数据库管理员把此用户加入数据库成员。"),
        (Lang::En, E::Forbidden(reason)) => format!("The server refused this: the user has no right to it ({reason}). Ask the database's admin to make this user a member of the database."),
        (Lang::Zh, E::NoDatabase(db)) => format!("服务器上没有数据库 {db}，而此用户无权创建它。请管理员创建它，或换一个有权限的用户。"),
        (Lang::En, E::NoDatabase(db)) => format!("There is no database {db} on the server, and this user may not create it. Ask the admin to create it, or use a user who may."),
        (Lang::Zh, E::Http { status, reason }) => format!("服务器出错（{status}）：{reason}。稍后会自动重试。"),
        (Lang::En, E::Http { status, reason }) => format!("The server answered with an error ({status}): {reason}. Kehu tries again shortly."),
        (Lang::Zh, E::Garbage(detail)) => format!("服务器的回答无法读取（{detail}）。请确认这是 CouchDB 服务器。"),
        (Lang::En, E::Garbage(detail)) => format!("The server's answer cannot be read ({detail}). Check that this is a CouchDB server."),
        (Lang::Zh, E::Local(detail)) => format!("在本机保存同步结果时出错：{detail}。"),
        (Lang::En, E::Local(detail)) => format!("Saving the sync's results in this browser failed: {detail}."),
        (Lang::Zh, E::CodeNotLoaded) => "同步功能的程序没能载入（网络不通或服务器没有回应）。请稍后刷新页面。".into(),
        (Lang::En, E::CodeNotLoaded) => "The sync's code could not be loaded (the network is off or the server did not answer). Reload the page later.".into(),
    }
}

/// The sync's state in a few words, for the header and the sync card.
pub fn sync_phase(lang: Lang, phase: &crate::sync::SyncPhase) -> String {
    use crate::sync::SyncPhase as P;
    match (lang, phase) {
        (Lang::Zh, P::Off) => "未同步".into(),
        (Lang::En, P::Off) => "Not synced".into(),
        (Lang::Zh, P::Connecting) => "正在连接…".into(),
        (Lang::En, P::Connecting) => "Connecting…".into(),
        (Lang::Zh, P::Syncing { left, .. }) if *left > 0 => format!("同步中（剩 {left} 条）"),
        (Lang::En, P::Syncing { left, .. }) if *left > 0 => format!("Syncing ({left} left)"),
        (Lang::Zh, P::Syncing { total, .. }) => format!("同步中（已读 {total} 条）"),
        (Lang::En, P::Syncing { total, .. }) => format!("Syncing ({total} read)"),
        (Lang::Zh, P::Synced) => "已同步".into(),
        (Lang::En, P::Synced) => "Synced".into(),
        (Lang::Zh, P::Offline { waiting }) => format!("离线（{waiting} 条待发送）"),
        (Lang::En, P::Offline { waiting }) => format!("Offline ({waiting} waiting)"),
        (Lang::Zh, P::Failed(_)) => "同步出错".into(),
        (Lang::En, P::Failed(_)) => "Sync error".into(),
        (Lang::Zh, P::NeedsPassword) => "同步需要密码".into(),
        (Lang::En, P::NeedsPassword) => "Sync needs the password".into(),
    }
}

/// Why a document of the sync server was skipped.
pub fn bad_doc(lang: Lang, reason: &crate::sync::BadDocReason) -> String {
    use crate::sync::BadDocReason as R;
    match (lang, reason) {
        (Lang::Zh, R::NotARecord) => "不是 Kehu 的记录（可能由其他程序写入）".into(),
        (Lang::En, R::NotARecord) => "not a Kehu record (another program may have written it)".into(),
        (Lang::Zh, R::IdMismatch) => "文档编号与其中的记录不符".into(),
        (Lang::En, R::IdMismatch) => "its id does not match the record in it".into(),
        (Lang::Zh, R::Unreadable(detail)) => format!("无法读取：{detail}"),
        (Lang::En, R::Unreadable(detail)) => format!("cannot be read: {detail}"),
        (Lang::Zh, R::Invalid { field }) => format!("字段 {field} 不符合规则"),
        (Lang::En, R::Invalid { field }) => format!("field {field} breaks its rule"),
    }
}

/// Why an orders CSV cannot be imported, in words that say what to do.
pub fn orders_csv_error(lang: Lang, e: &crate::workbook::orders_csv::OrdersCsvError) -> String {
    use crate::workbook::orders_csv::{OrderColumn as C, OrdersCsvError as E};
    match (lang, e) {
        (Lang::Zh, E::Empty) => "文件中没有订单（是空的，或只有表头）".into(),
        (Lang::En, E::Empty) => "the file holds no orders (it is empty, or has only a header)".into(),
        (_, E::File(f)) => {
            csv_problem(lang, &CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(f.clone()) })
        }
        (Lang::Zh, E::Missing(C::Customer)) => "没有哪一列是客户（姓名、电话或 id）。请在上表中选择".into(),
        (Lang::En, E::Missing(C::Customer)) => {
            "no column holds the customer (name, phone or id); choose one above".into()
        }
        (Lang::Zh, E::Missing(C::Date)) => "没有哪一列是日期。请在上表中选择".into(),
        (Lang::En, E::Missing(C::Date)) => "no column holds the date; choose one above".into(),
        (Lang::Zh, E::Missing(_)) => "没有哪一列是金额（或 数量 和 单价）。请在上表中选择".into(),
        (Lang::En, E::Missing(_)) => "no column holds the amount (or quantity and unit price); choose one above".into(),
        (Lang::Zh, E::MappedTwice { column, first, second }) => {
            format!("第 {} 列和第 {} 列都导入为「{}」", first + 1, second + 1, lang.t(column.label()))
        }
        (Lang::En, E::MappedTwice { column, first, second }) => {
            format!("columns {} and {} are both imported as “{}”", first + 1, second + 1, lang.t(column.label()))
        }
    }
}

/// A file over the size limit, refused before reading.
pub fn file_too_large(lang: Lang, bytes: usize, max: usize) -> String {
    let mb = |b: usize| b as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Zh => {
            format!("文件太大（{:.1} MB），最多 {:.0} MB。没有导入任何内容；请拆分文件后再导入。", mb(bytes), mb(max))
        }
        Lang::En => format!(
            "The file is too large ({:.1} MB; at most {:.0} MB). Nothing was imported; split it and try again.",
            mb(bytes),
            mb(max)
        ),
    }
}

/// A size in MB, one decimal.
pub fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / (1024.0 * 1024.0))
}

/// The backup reminder: `days` since the last export, `None` if never.
pub fn backup_due(lang: Lang, days: Option<i64>) -> String {
    match (lang, days) {
        (Lang::Zh, None) => "这个工作簿还没有导出过备份。数据只在本浏览器中，建议现在导出一份。".into(),
        (Lang::En, None) => {
            "This workbook has never been exported. The data lives in this browser only; export a backup now.".into()
        }
        (Lang::Zh, Some(d)) => format!("距离上次导出备份已有 {d} 天。"),
        (Lang::En, Some(d)) => format!("The last backup export was {d} days ago."),
    }
}

/// "and N more" after a shortened list.
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……还有 {n} 条"),
        Lang::En => format!("… and {n} more"),
    }
}

/// A merged file names another owner than the book's: which to keep.
pub fn owner_differs(lang: Lang, file: &str, book: &str) -> String {
    match lang {
        Lang::Zh => format!("导入的文件属于 {file}，本工作簿的所有者是 {book}。要改用文件中的所有者吗？"),
        Lang::En => format!("The file belongs to {file}; this workbook's owner is {book}. Take the file's owner?"),
    }
}

/// The sample records of a collection the student left as they came, counted under
/// their work in the report.
pub fn sample_left(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 条示例数据（未改动，不计入学生的作业）"),
        Lang::En => format!("And {n} sample records left as they came (not the student's work)"),
    }
}

/// The records of a collection the report does not list by name, beyond the first
/// ones ([`crate::analysis::exercises::LISTED`]).
pub fn more_not_listed(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 条未逐条列出（在相应的页面上可以查看）"),
        Lang::En => format!("And {n} more, not listed one by one (see them on their page)"),
    }
}

/// One kind of likeness between two students' books, with its share, in words:
/// `相同的记录编号：5 / 5（100%）`.
pub fn copy_evidence(lang: Lang, e: &crate::analysis::copies::Evidence) -> String {
    use crate::analysis::copies::CopyKind as K;
    let kind = match (lang, e.kind) {
        (Lang::Zh, K::SameBook) => "同一个工作簿编号（同一浏览器中的工作簿）",
        (Lang::En, K::SameBook) => "the same book id (one browser's book)",
        (Lang::Zh, K::SharedIds) => "相同的记录编号",
        (Lang::En, K::SharedIds) => "records with the same ids",
        (Lang::Zh, K::SameContent) => "内容相同的记录（编号不同也算）",
        (Lang::En, K::SameContent) => "records with the same content (even under other ids)",
        (Lang::Zh, K::SameOrgChart) => "相同的组织结构图",
        (Lang::En, K::SameOrgChart) => "the same org chart",
        (Lang::Zh, K::SameJobText) => "岗位说明书文字相同",
        (Lang::En, K::SameJobText) => "job descriptions with the same text",
    };
    if e.kind == K::SameBook {
        return kind.to_owned();
    }
    let pct = (e.share() * 100.0).round();
    match lang {
        Lang::Zh => format!("{kind}：{} / {}（{pct}%）", e.matched, e.of),
        Lang::En => format!("{kind}: {} of {} ({pct} %)", e.matched, e.of),
    }
}

/// The class feedback file was written, with `n` students in it.
pub fn class_feedback_exported(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已导出全班反馈文件（{n} 名学生）。每名学生导入同一个文件，只会收到自己的反馈。"),
        Lang::En => format!("The class feedback file is exported ({n} students). Each student imports the same file and receives only their own feedback."),
    }
}

/// Why a feedback file is refused, in words.
pub fn feedback_error(lang: Lang, e: &crate::workbook::feedback::FeedbackError) -> String {
    use crate::workbook::feedback::FeedbackError as E;
    match (lang, e) {
        (Lang::Zh, E::NotFeedback) => "这不是 Kehu 的批阅反馈文件（.kehu-feedback.json），没有导入任何内容。".into(),
        (Lang::En, E::NotFeedback) => "This is not a Kehu feedback file (.kehu-feedback.json); nothing was imported.".into(),
        (Lang::Zh, E::DuplicateKey { path }) => format!("反馈文件中 {path} 出现了两次，文件被拒绝，没有导入任何内容。"),
        (Lang::En, E::DuplicateKey { path }) => format!("The key {path} appears twice in the feedback file; nothing was imported."),
        (Lang::Zh, E::NoStudentId) => "反馈文件没有注明学号，无法确认是给你的，没有导入任何内容。".into(),
        (Lang::En, E::NoStudentId) => "The feedback file names no student number, so it cannot be matched to you; nothing was imported.".into(),
        (Lang::Zh, E::NoBookId) => "反馈文件没有注明工作簿编号，无法确认是给这个工作簿的，没有导入任何内容。".into(),
        (Lang::En, E::NoBookId) => "The feedback file names no workbook, so it cannot be matched to this one; nothing was imported.".into(),
        (Lang::Zh, E::Student(e)) => format!("反馈文件中学生的 {} {}，没有导入任何内容。", e.field, self::problem(lang, &e.problem)),
        (Lang::En, E::Student(e)) => format!("The student's {} in the feedback file {}; nothing was imported.", e.field, self::problem(lang, &e.problem)),
        (Lang::Zh, E::UnknownExercise { exercise }) => format!("反馈文件中的 {exercise} 不是 Kehu 的实训任务，没有导入任何内容。"),
        (Lang::En, E::UnknownExercise { exercise }) => format!("{exercise} in the feedback file is no Kehu exercise; nothing was imported."),
        (Lang::Zh, E::DuplicateExercise { exercise }) => format!("反馈文件对 {exercise} 有两条反馈，没有导入任何内容。"),
        (Lang::En, E::DuplicateExercise { exercise }) => format!("The feedback file has two pieces of feedback on {exercise}; nothing was imported."),
        (Lang::Zh, E::FutureStamp { field }) => format!("反馈文件中 {field} 的时间晚于文件写成或晚于今天，没有导入任何内容。"),
        (Lang::En, E::FutureStamp { field }) => format!("The feedback file's time for {field} is after the file was written or in the future; nothing was imported."),
        (Lang::Zh, E::Newer(v)) => format!("这个反馈文件来自更新版本的 Kehu（版本 {v}），请更新后再导入。没有导入任何内容。"),
        (Lang::En, E::Newer(v)) => format!("This feedback file comes from a newer Kehu (version {v}); update, then import it. Nothing was imported."),
        (Lang::Zh, E::OtherStudent { name, student_id }) => format!("这个反馈是写给 {name}（{student_id}）的，不是本工作簿的所有者。没有导入任何内容。"),
        (Lang::En, E::OtherStudent { name, student_id }) => format!("This feedback is for {name} ({student_id}), not for this workbook's owner. Nothing was imported."),
        (Lang::Zh, E::NotInClassFile) => "这个全班反馈文件里没有你（按姓名和学号）的反馈，没有导入任何内容。请确认“工作簿”页的姓名和学号与交作业时一致。".into(),
        (Lang::En, E::NotInClassFile) => "This class feedback file holds no feedback for you (by name and student number); nothing was imported. Check that the name and number on the Workbook page are those you handed in with.".into(),
        (Lang::Zh, E::DuplicateStudent { name, student_id }) => format!("全班反馈文件中 {name}（{student_id}）的同一个工作簿出现了两次，文件被拒绝，没有导入任何内容。"),
        (Lang::En, E::DuplicateStudent { name, student_id }) => format!("The class feedback file lists the same workbook of {name} ({student_id}) twice; nothing was imported."),
        (Lang::Zh, E::OtherBook) => "这个反馈是针对另一个工作簿的，没有导入任何内容。".into(),
        (Lang::En, E::OtherBook) => "This feedback is for another workbook; nothing was imported.".into(),
        (Lang::Zh, E::NoOwner) => "请先在“工作簿”页填写姓名和学号，再导入反馈。没有导入任何内容。".into(),
        (Lang::En, E::NoOwner) => "Enter your name and student number on the Workbook page first, then import the feedback. Nothing was imported.".into(),
        (Lang::Zh, E::Invalid { exercise, problem }) => format!("反馈文件中 {exercise} 的 {} 无效（{}），没有导入任何内容。", problem.field, self::problem(lang, &problem.problem)),
        (Lang::En, E::Invalid { exercise, problem }) => format!("The feedback on {exercise} has an invalid {} ({}); nothing was imported.", problem.field, self::problem(lang, &problem.problem)),
    }
}

/// What went wrong with a CouchDB server in a one-off exchange (creating or opening a
/// class, handing in): as [`sync_error`] says it, except that nothing is retried by
/// itself, so the words say to try again.
pub fn once_error(lang: Lang, e: &crate::sync::SyncError) -> String {
    use crate::sync::SyncError as E;
    match (lang, e) {
        (Lang::Zh, E::Unreachable) => "连接不到服务器：地址可能有误（https:// 和端口）、服务器未运行，或者本机没有网络。没有提交或改动任何内容，请稍后再试。".into(),
        (Lang::En, E::Unreachable) => "The server cannot be reached: the address may be wrong (https:// and the port), the server may be down, or there is no network. Nothing was sent or changed; try again later.".into(),
        (Lang::Zh, E::Timeout) => "服务器没有及时回应，请稍后再试。".into(),
        (Lang::En, E::Timeout) => "The server did not answer in time; try again later.".into(),
        (Lang::Zh, E::Http { status, reason }) => format!("服务器出错（{status}）：{reason}。请稍后再试。"),
        (Lang::En, E::Http { status, reason }) => format!("The server answered with an error ({status}): {reason}. Try again later."),
        _ => sync_error(lang, e),
    }
}

/// What went wrong handing in or fetching feedback, worded for a student: a refused
/// login or a missing database mostly means a mistyped class code, id or code.
pub fn handin_error(lang: Lang, e: &crate::sync::SyncError) -> String {
    use crate::sync::SyncError as E;
    match (lang, e) {
        (Lang::Zh, E::Unauthorized) => "服务器拒绝登录：班级代码、学号或个人码不对。请对照老师发的个人码检查。".into(),
        (Lang::En, E::Unauthorized) => "The server refused the login: the class code, student id or personal code is wrong. Check them against the code your instructor gave you.".into(),
        (Lang::Zh, E::NoDatabase(_)) => "服务器上没有这个班级（或这个学号）：请检查班级代码和学号。".into(),
        (Lang::En, E::NoDatabase(_)) => "The server has no such class (or no such student id in it): check the class code and the student id.".into(),
        (Lang::Zh, E::Forbidden(reason)) => format!("服务器拒绝了提交：{reason}"),
        (Lang::En, E::Forbidden(reason)) => format!("The server refused the hand-in: {reason}"),
        _ => once_error(lang, e),
    }
}

/// Why a class code cannot be used.
pub fn class_code_error(lang: Lang, e: &crate::workbook::handin::ClassCodeError) -> String {
    use crate::workbook::handin::{ClassCodeError as E, MAX_CLASS_CODE};
    match (lang, e) {
        (Lang::Zh, E::Empty) => "请填写班级代码。".into(),
        (Lang::En, E::Empty) => "Enter the class code.".into(),
        (Lang::Zh, E::BadChar(c)) => format!("班级代码只能用英文字母、数字、_ 和 -，不能有「{c}」。"),
        (Lang::En, E::BadChar(c)) => format!("The class code may hold only letters, digits, _ and -, not “{c}”."),
        (Lang::Zh, E::TooLong) => format!("班级代码最多 {MAX_CLASS_CODE} 个字符。"),
        (Lang::En, E::TooLong) => format!("The class code has at most {MAX_CLASS_CODE} characters."),
    }
}

/// A roster line that cannot be used, with its line number.
pub fn roster_problem(lang: Lang, p: &crate::workbook::handin::RosterProblem) -> String {
    use crate::workbook::handin::RosterProblem as P;
    match (lang, p) {
        (Lang::Zh, P::NoName { line }) => format!("第 {line} 行：只有学号，没有姓名。"),
        (Lang::En, P::NoName { line }) => format!("Line {line}: a student id but no name."),
        (Lang::Zh, P::BadId { line, id }) => {
            format!("第 {line} 行：学号「{id}」里没有字母或数字，不能用作数据库名（这是标题行吗？）。")
        }
        (Lang::En, P::BadId { line, id }) => format!(
            "Line {line}: the student id “{id}” has no letter or digit a database name can hold (a heading line?)."
        ),
        (Lang::Zh, P::Duplicate { line, first, id }) => format!("第 {line} 行：学号「{id}」与第 {first} 行重复。"),
        (Lang::En, P::Duplicate { line, first, id }) => {
            format!("Line {line}: the student id “{id}” repeats line {first}.")
        }
    }
}

/// `n` pieces of the instructor's feedback arrived from the class database.
pub fn feedback_received(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("收到老师的批阅反馈（{n} 条），已显示在“实训”页。"),
        Lang::En => format!("Your instructor's feedback arrived ({n} items); it is shown on the Exercises page."),
    }
}

/// Why the Erlang C calculator cannot answer, in words.
pub fn erlang_error(lang: Lang, e: crate::analysis::erlang::ErlangError) -> String {
    use crate::analysis::erlang::ErlangError;
    match (lang, e) {
        (Lang::Zh, ErlangError::BadInput) => "来电量、处理时长须大于 0，目标服务水平在 0 到 100% 之间（不含）。".into(),
        (Lang::En, ErlangError::BadInput) => {
            "Calls and handle time must be more than 0, the target level between 0 and 100 % (exclusive).".into()
        }
        (Lang::Zh, ErlangError::Overloaded { agents, traffic }) => {
            format!("{agents} 名坐席承担不了 {traffic:.2} 爱尔兰的话务量：队列会无限增长。")
        }
        (Lang::En, ErlangError::Overloaded { agents, traffic }) => {
            format!("{agents} agents cannot serve {traffic:.2} Erlangs: the queue would grow without end.")
        }
        (Lang::Zh, ErlangError::TooMany(n)) => format!("需要超过 {n} 名坐席，请检查输入。"),
        (Lang::En, ErlangError::TooMany(n)) => format!("More than {n} agents would be needed; check the inputs."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_student_is_told_what_to_check() {
        use crate::sync::SyncError;
        assert_eq!(
            handin_error(Lang::Zh, &SyncError::Unauthorized),
            "服务器拒绝登录：班级代码、学号或个人码不对。请对照老师发的个人码检查。"
        );
        assert_eq!(
            handin_error(Lang::En, &SyncError::NoDatabase("kehu-class-c1-s09".into())),
            "The server has no such class (or no such student id in it): check the class code and the student id."
        );
        // Anything else is the server's trouble, worded as for any sync, except that a
        // hand-in is not retried by itself.
        assert_eq!(handin_error(Lang::Zh, &SyncError::Cors), sync_error(Lang::Zh, &SyncError::Cors));
        assert!(handin_error(Lang::En, &SyncError::Cors).contains("enable_cors = true"));
        assert_eq!(handin_error(Lang::En, &SyncError::Timeout), "The server did not answer in time; try again later.");
    }

    #[test]
    fn import_problems_name_the_path_in_both_languages() {
        let p = ImportProblem {
            path: "collections.customers[12].email".into(),
            kind: ProblemKind::Invalid(Problem::Email),
        };
        assert_eq!(import_problem(Lang::En, &p), "collections.customers[12].email: is not an e-mail address");
        assert_eq!(import_problem(Lang::Zh, &p), "collections.customers[12].email: 不是有效的电子邮箱地址");
    }

    #[test]
    fn customers_csv_errors_name_what_to_do() {
        use crate::workbook::customers_csv::{CustomerColumn, CustomersCsvError as E};
        assert_eq!(customers_csv_error(Lang::Zh, &E::NoNameColumn), "没有哪一列是客户姓名/名称：请为姓名指定一列");
        let twice = E::MappedTwice { column: CustomerColumn::Phone, first: 1, second: 3 };
        assert_eq!(
            customers_csv_error(Lang::En, &twice),
            "columns 2 and 4 both go to “Phone”; a field takes one column only"
        );
    }

    #[test]
    fn csv_problems_name_row_and_column_in_both_languages() {
        let p = CsvProblem {
            row: 3,
            column: "渠道".into(),
            kind: CsvProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 5 }),
        };
        assert_eq!(csv_problem(Lang::Zh, &p), "第 3 行「渠道」列：应在 1 到 5 之间");
        assert_eq!(csv_problem(Lang::En, &p), "Row 3, column “渠道”: must be between 1 and 5");
    }
}
