//! Typed errors turned into sentences in the user's language — the one place where
//! that happens.

use super::Lang;
use crate::model::Problem;
use crate::workbook::{ImportProblem, ProblemKind};

/// A broken field rule, in words.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match (lang, p) {
        (Lang::Zh, Problem::Required) => "必填".into(),
        (Lang::En, Problem::Required) => "is required".into(),
        (Lang::Zh, Problem::Phone) => "不是有效的电话号码（手机 11 位，座机带区号如 0791-8888888，或 +国家代码）".into(),
        (Lang::En, Problem::Phone) => {
            "is not a phone number (11-digit mobile, landline with area code such as 0791-8888888, or +country code)".into()
        }
        (Lang::Zh, Problem::Email) => "不是有效的电子邮箱地址".into(),
        (Lang::En, Problem::Email) => "is not an e-mail address".into(),
        (Lang::Zh, Problem::TooLong { max }) => format!("超过 {max} 个字符"),
        (Lang::En, Problem::TooLong { max }) => format!("is longer than {max} characters"),
        (Lang::Zh, Problem::FutureDate) => "日期晚于今天".into(),
        (Lang::En, Problem::FutureDate) => "is a date in the future".into(),
        (Lang::Zh, Problem::UpdatedBeforeCreated) => "更新时间早于创建时间".into(),
        (Lang::En, Problem::UpdatedBeforeCreated) => "is earlier than created_at".into(),
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
    };
    if p.path.is_empty() {
        what
    } else {
        format!("{}: {what}", p.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_problems_name_the_path_in_both_languages() {
        let p = ImportProblem {
            path: "collections.customers[12].email".into(),
            kind: ProblemKind::Invalid(Problem::Email),
        };
        assert_eq!(
            import_problem(Lang::En, &p),
            "collections.customers[12].email: is not an e-mail address"
        );
        assert_eq!(
            import_problem(Lang::Zh, &p),
            "collections.customers[12].email: 不是有效的电子邮箱地址"
        );
    }
}
