//! Customers from a CSV file (an existing customer list from a spreadsheet), one
//! customer per row, in three steps the import page walks through:
//!
//! 1. [`read_customers_csv`] reads the file and guesses what each column holds from its
//!    header, in Chinese or English ([`guess_mapping`]); a file whose first row is
//!    already a customer is refused ([`CustomersCsvError::NoHeader`]).
//! 2. The user checks the mapping and may change it; [`check_mapping`] accepts it when
//!    a column is the name and no field is chosen twice.
//! 3. [`plan_customer_import`] turns every row into an outcome — created, updated,
//!    unchanged, skipped as a duplicate, or invalid with its problems — under a
//!    [`DuplicateStrategy`], and lists the customers to write. Nothing is written here.
//!
//! Duplicates are found by the keys of [`crate::analysis::duplicates`] (phone digits,
//! e-mail, name and company), among the existing customers and the earlier rows of the
//! same file. Every written customer passes [`Record::validate`], the customer form's
//! own rules.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::csv::{match_header, parse_csv, CsvError};
use super::import_report::{check_row_count, keep_original, ReportRow, RowFate};
pub use super::import_report::{DuplicateOf, ImportCounts};
use super::orders_csv::{parse_day, parse_number};
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::analysis::duplicates::{fold, match_keys, Reason};
use crate::i18n::Key;
use crate::model::custom_field::CustomFields;
use crate::model::opening::OpeningBalance;
use crate::model::validate::{ascii_digits, is_valid_email, is_valid_phone};
use crate::model::{Choice, Customer, CustomerKind, Id, Problem, Record, Stage, Text};

/// A customer field a CSV column can be imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerColumn {
    /// The name (required).
    Name,
    /// Person or company.
    Kind,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
    /// Company.
    Company,
    /// Job title.
    Title,
    /// Industry.
    Industry,
    /// Region or city.
    Region,
    /// Postal address.
    Address,
    /// Where the customer came from.
    Source,
    /// Relationship stage.
    Stage,
    /// Tags, several in one cell.
    Tags,
    /// Notes.
    Notes,
    /// Birthday.
    Birthday,
    /// WeChat id.
    Wechat,
    /// Opening balance: total spent before the book (累计消费).
    OpeningTotal,
    /// Opening balance: number of purchases (消费次数).
    OpeningPurchases,
    /// Opening balance: the first purchase day.
    OpeningFirst,
    /// Opening balance: the last purchase day (最近购买).
    OpeningLast,
    /// The book's custom field at this place of its [`CustomFields`] list.
    Custom(u16),
}

impl CustomerColumn {
    /// Every importable field, in the customer form's order.
    pub const ALL: [CustomerColumn; 19] = [
        CustomerColumn::Kind,
        CustomerColumn::Name,
        CustomerColumn::Phone,
        CustomerColumn::Wechat,
        CustomerColumn::Email,
        CustomerColumn::Company,
        CustomerColumn::Title,
        CustomerColumn::Industry,
        CustomerColumn::Region,
        CustomerColumn::Address,
        CustomerColumn::Source,
        CustomerColumn::Stage,
        CustomerColumn::Tags,
        CustomerColumn::Birthday,
        CustomerColumn::Notes,
        CustomerColumn::OpeningTotal,
        CustomerColumn::OpeningPurchases,
        CustomerColumn::OpeningFirst,
        CustomerColumn::OpeningLast,
    ];

    /// The field's label, the same as on the customer form.
    pub fn label(self) -> Key {
        match self {
            CustomerColumn::Name => Key::FieldName,
            CustomerColumn::Kind => Key::FieldKind,
            CustomerColumn::Phone => Key::FieldPhone,
            CustomerColumn::Email => Key::FieldEmail,
            CustomerColumn::Company => Key::FieldCompany,
            CustomerColumn::Title => Key::FieldTitle,
            CustomerColumn::Industry => Key::FieldIndustry,
            CustomerColumn::Region => Key::FieldRegion,
            CustomerColumn::Address => Key::FieldAddress,
            CustomerColumn::Source => Key::FieldSource,
            CustomerColumn::Stage => Key::FieldStage,
            CustomerColumn::Tags => Key::FieldTags,
            CustomerColumn::Notes => Key::FieldNotes,
            CustomerColumn::Birthday => Key::FieldBirthday,
            CustomerColumn::Wechat => Key::FieldWechat,
            CustomerColumn::OpeningTotal => Key::OpeningTotal,
            CustomerColumn::OpeningPurchases => Key::OpeningPurchases,
            CustomerColumn::OpeningFirst => Key::OpeningFirst,
            CustomerColumn::OpeningLast => Key::OpeningLast,
            // The choice shows the field's own name; this is its group.
            CustomerColumn::Custom(_) => Key::CustomFields,
        }
    }

    /// The field's name in the workbook file (`phone`), as [`crate::model::FieldError`]
    /// names it.
    pub fn field(self) -> &'static str {
        match self {
            CustomerColumn::Name => "name",
            CustomerColumn::Kind => "kind",
            CustomerColumn::Phone => "phone",
            CustomerColumn::Email => "email",
            CustomerColumn::Company => "company",
            CustomerColumn::Title => "title",
            CustomerColumn::Industry => "industry",
            CustomerColumn::Region => "region",
            CustomerColumn::Address => "address",
            CustomerColumn::Source => "source",
            CustomerColumn::Stage => "stage",
            CustomerColumn::Tags => "tags",
            CustomerColumn::Notes => "notes",
            CustomerColumn::Birthday => "birthday",
            CustomerColumn::Wechat => "wechat",
            CustomerColumn::OpeningTotal => "opening.total",
            CustomerColumn::OpeningPurchases => "opening.purchases",
            CustomerColumn::OpeningFirst => "opening.first",
            CustomerColumn::OpeningLast => "opening.last",
            CustomerColumn::Custom(_) => "custom",
        }
    }

    /// The field a validation error names (`tags[2]` is the tags).
    fn of_field(field: &str) -> Option<CustomerColumn> {
        let field = field.split('[').next().unwrap_or(field);
        CustomerColumn::ALL.into_iter().find(|c| c.field() == field)
    }
}

/// Header names of each field, as [`match_header`] compares them (lower case, without
/// spaces, underscores or dashes): what Chinese and English spreadsheets call them,
/// and the customer form's labels in both languages (so an exported list reads back).
const HEADERS: [(CustomerColumn, &[&str]); 19] = [
    (
        CustomerColumn::Name,
        &[
            "姓名",
            "姓名/名称",
            "客户名称",
            "客户姓名",
            "客户名",
            "名称",
            "名字",
            "联系人",
            "联系人姓名",
            "客户",
            "name",
            "customername",
            "customer",
            "fullname",
            "contactname",
            "contact",
        ],
    ),
    (CustomerColumn::Kind, &["类型", "客户类型", "kind", "type", "customertype"]),
    (
        CustomerColumn::Phone,
        &[
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "联系电话",
            "电话号码",
            "移动电话",
            "联系方式",
            "phone",
            "phonenumber",
            "mobile",
            "mobilephone",
            "tel",
            "telephone",
            "cell",
            "cellphone",
        ],
    ),
    (CustomerColumn::Email, &["邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址", "email", "emailaddress", "mail"]),
    (
        CustomerColumn::Company,
        &[
            "公司",
            "公司名称",
            "单位",
            "工作单位",
            "单位名称",
            "所在公司",
            "企业名称",
            "company",
            "companyname",
            "organization",
            "organisation",
            "employer",
        ],
    ),
    (CustomerColumn::Title, &["职位", "职务", "岗位", "头衔", "title", "jobtitle", "position", "role"]),
    (CustomerColumn::Industry, &["行业", "所属行业", "industry", "sector"]),
    (
        CustomerColumn::Region,
        &["地区", "城市", "所在地区", "所在城市", "所在地", "区域", "省份", "region", "city", "area", "location"],
    ),
    (
        CustomerColumn::Address,
        &["地址", "联系地址", "通讯地址", "详细地址", "收货地址", "住址", "address", "mailingaddress", "postaladdress"],
    ),
    (
        CustomerColumn::Source,
        &["来源", "客户来源", "渠道来源", "获客渠道", "来源渠道", "source", "leadsource", "channel"],
    ),
    (CustomerColumn::Stage, &["阶段", "客户阶段", "状态", "客户状态", "stage", "status", "lifecyclestage"]),
    (CustomerColumn::Tags, &["标签", "客户标签", "tags", "tag", "label", "labels"]),
    (
        CustomerColumn::Notes,
        &["备注", "说明", "备注信息", "描述", "notes", "note", "remark", "remarks", "comment", "comments", "memo"],
    ),
    (CustomerColumn::Birthday, &["生日", "出生日期", "出生年月日", "birthday", "dateofbirth", "birthdate", "dob"]),
    (CustomerColumn::Wechat, &["微信", "微信号", "微信id", "wechat", "wechatid", "weixin"]),
    (
        CustomerColumn::OpeningTotal,
        &[
            "累计消费",
            "累计消费金额",
            "消费总额",
            "消费金额",
            "总消费",
            "累计金额",
            "累计购买金额",
            "totalspent",
            "totalspend",
            "totalpurchases",
            "lifetimespend",
        ],
    ),
    (
        CustomerColumn::OpeningPurchases,
        &[
            "消费次数",
            "购买次数",
            "累计次数",
            "累计消费次数",
            "订单数",
            "purchasecount",
            "numberofpurchases",
            "ordercount",
        ],
    ),
    (
        CustomerColumn::OpeningFirst,
        &["首次购买", "首次消费", "首次购买日期", "第一次购买", "firstpurchase", "firstorder", "firstpurchasedate"],
    ),
    (
        CustomerColumn::OpeningLast,
        &[
            "最近购买",
            "最近消费",
            "最后购买",
            "上次购买",
            "最近购买日期",
            "最后消费",
            "lastpurchase",
            "lastorder",
            "lastpurchasedate",
        ],
    ),
];

/// The field a header names, if any. A required-field star (`*姓名`), a hint in
/// brackets (`生日（YYYY-MM-DD）`), dashes and colons are ignored, and a header of
/// several names (`电话/手机`) is read by its first name that means something.
pub fn column_of(header: &str) -> Option<CustomerColumn> {
    let mut h = header.trim().trim_matches(['*', '＊']).trim();
    if let Some(open) = h.find(['(', '（']) {
        if open > 0 && h.ends_with([')', '）']) {
            h = &h[..open];
        }
    }
    let key: String = h.chars().filter(|c| !matches!(c, '-' | '*' | '＊' | ':' | '：')).collect();
    match_header(&key, &HEADERS).or_else(|| key.split(['/', '／', '|']).find_map(|part| match_header(part, &HEADERS)))
}

/// The field each column of `header` holds, guessed from its header text (see
/// [`column_of`]); `None` for a column that is not imported. Each field goes to one
/// column at most: the first that names it.
pub fn guess_mapping(header: &[String]) -> Vec<Option<CustomerColumn>> {
    let mut taken = Vec::new();
    header
        .iter()
        .map(|h| {
            let c = column_of(h)?;
            if taken.contains(&c) {
                return None;
            }
            taken.push(c);
            Some(c)
        })
        .collect()
}

/// [`guess_mapping`], with the book's custom `fields`: a column headed exactly (ignoring
/// case and spaces) as a custom field is imported into it, before any built-in guess.
pub fn guess_mapping_with(header: &[String], fields: &CustomFields) -> Vec<Option<CustomerColumn>> {
    let mut mapping = guess_mapping(header);
    for (slot, h) in mapping.iter_mut().zip(header) {
        let h = fold(h.trim());
        if let Some(i) = fields.fields.iter().position(|f| fold(&f.name) == h) {
            *slot = Some(CustomerColumn::Custom(i as u16));
        }
    }
    // A built-in field guessed twice is left to its first column.
    let mut taken = Vec::new();
    for slot in &mut mapping {
        match slot {
            Some(c) if taken.contains(c) => *slot = None,
            Some(c) => taken.push(*c),
            None => {}
        }
    }
    mapping
}

/// Why a customers CSV cannot be imported at all. Turned into words by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomersCsvError {
    /// The file has no rows, or only its header.
    #[error("the file holds no customers")]
    Empty,
    /// The file could not be read as CSV (not UTF-8, a quote never closed).
    #[error(transparent)]
    File(CsvError),
    /// The first row is a customer, not the column names.
    #[error("the first row holds data, not column names")]
    NoHeader,
    /// No column is mapped to the customer's name.
    #[error("no column holds the customer's name")]
    NoNameColumn,
    /// Two columns are mapped to the same field.
    #[error("columns {} and {} are both mapped to {column:?}", first + 1, second + 1)]
    MappedTwice {
        /// The field.
        column: CustomerColumn,
        /// 0-based position of the first column mapped to it.
        first: usize,
        /// 0-based position of the second.
        second: usize,
    },
}

/// A customers CSV, read: its header, its data rows and the guessed mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomersCsv {
    /// The first row, the column names.
    pub header: Vec<String>,
    /// The rows after the header; row `i` is line `i + 2` of the file.
    pub rows: Vec<Vec<String>>,
    /// The field of each header column, as [`guess_mapping`] guesses it.
    pub mapping: Vec<Option<CustomerColumn>>,
}

/// Reads `bytes` (UTF-8, as the import page has decoded them) as a customers CSV and
/// guesses its mapping. The mapping is not checked here: the user may still change it
/// before [`check_mapping`].
pub fn read_customers_csv(bytes: &[u8]) -> Result<CustomersCsv, CustomersCsvError> {
    let mut rows = parse_csv(bytes).map_err(|e| match e {
        CsvError::Empty => CustomersCsvError::Empty,
        e => CustomersCsvError::File(e),
    })?;
    check_row_count(&rows).map_err(CustomersCsvError::File)?;
    let mapping = header_mapping(&rows)?;
    let header = rows.remove(0);
    Ok(CustomersCsv { header, rows, mapping })
}

/// The guessed mapping of `rows` (a whole file, header first). Refused when there is
/// nothing to import ([`CustomersCsvError::Empty`]) and when the first row names no
/// name column but holds a value only data has — a phone number, an e-mail address,
/// a date or a number — so that it is a customer, not a header
/// ([`CustomersCsvError::NoHeader`]).
pub fn header_mapping(rows: &[Vec<String>]) -> Result<Vec<Option<CustomerColumn>>, CustomersCsvError> {
    let Some(header) = rows.first().filter(|r| !is_blank(r)) else {
        return Err(CustomersCsvError::Empty);
    };
    let mapping = guess_mapping(header);
    if !mapping.contains(&Some(CustomerColumn::Name)) && looks_like_data(header) {
        return Err(CustomersCsvError::NoHeader);
    }
    if rows[1..].iter().all(|r| is_blank(r)) {
        return Err(CustomersCsvError::Empty);
    }
    Ok(mapping)
}

/// Whether some cell of `row` is a value no header is: a phone number, an e-mail
/// address, a date or a number.
fn looks_like_data(row: &[String]) -> bool {
    row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).any(|c| {
        is_valid_phone(&ascii_digits(c))
            || (c.contains('@') && is_valid_email(c))
            || parse_day(c).is_some()
            || parse_number(c).is_some()
    })
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// Accepts a mapping (one entry per column, as the user left it) that has a name
/// column and no field on two columns.
pub fn check_mapping(mapping: &[Option<CustomerColumn>]) -> Result<(), CustomersCsvError> {
    if !mapping.contains(&Some(CustomerColumn::Name)) {
        return Err(CustomersCsvError::NoNameColumn);
    }
    for (second, c) in mapping.iter().enumerate() {
        let Some(column) = *c else { continue };
        if let Some(first) = mapping[..second].iter().position(|x| *x == Some(column)) {
            return Err(CustomersCsvError::MappedTwice { column, first, second });
        }
    }
    Ok(())
}

/// What to do with a row that looks like a customer already there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DuplicateStrategy {
    /// Leave the existing customer alone and the row out (the safe default).
    #[default]
    Skip,
    /// Write the row's filled cells into the existing customer. A row that repeats an
    /// earlier row of the same file is left out, so no customer is updated twice.
    Update,
    /// Create a new customer anyway.
    Create,
}

/// What the import does with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// A new customer with this id is created. Under [`DuplicateStrategy::Create`] a
    /// row that looks like another still is; `duplicate_of` says whom, for the preview.
    Create {
        /// The new customer's id.
        id: Id,
        /// Whom the row looks like, if anyone.
        duplicate_of: Option<DuplicateOf>,
    },
    /// The existing customer with this id gets the row's filled cells.
    Update {
        /// The customer's id.
        id: Id,
    },
    /// The row matches the existing customer with this id, and its filled cells say
    /// nothing new: nothing is written.
    Unchanged {
        /// The customer's id.
        id: Id,
    },
    /// The row is left out as a duplicate.
    Skip {
        /// Whom it repeats.
        duplicate_of: DuplicateOf,
    },
    /// The row has no name (or one that breaks the name's rules); nothing of it is
    /// written.
    Invalid {
        /// Each problem, with the row and the header of its column.
        problems: Vec<CsvProblem>,
    },
}

/// One row of the file and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlan {
    /// The row's line, the header being line 1 (as the other CSV imports count).
    pub line: usize,
    /// What becomes of it.
    pub outcome: RowOutcome,
    /// The cells set aside of a row that is still imported (a birthday that is no
    /// date, a phone that is no phone): each is left empty and its original text kept
    /// in the notes ([`keep_original`]). Empty for a row without a problem.
    pub set_aside: Vec<CsvProblem>,
}

/// What an import would do, row by row, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// Every row that is not empty, in file order.
    pub rows: Vec<RowPlan>,
    /// The created and updated customers (in row order), exactly those, each valid.
    pub to_write: Vec<Customer>,
    /// How many rows have each outcome.
    pub counts: ImportCounts,
}

impl ImportPlan {
    /// The problems of every row, in file order: those of the refused rows and the
    /// cells set aside of the imported ones.
    pub fn problems(&self) -> impl Iterator<Item = &CsvProblem> {
        self.rows.iter().flat_map(|r| match &r.outcome {
            RowOutcome::Invalid { problems } => problems.as_slice(),
            _ => r.set_aside.as_slice(),
        })
    }

    /// Every row as the shared import report shows it; `rows` are the data rows the
    /// plan was made of (for each row's summary: its name and phone as written).
    pub fn report(&self, rows: &[Vec<String>], mapping: &[Option<CustomerColumn>]) -> Vec<ReportRow> {
        let cell = |index: usize, c: CustomerColumn| -> &str {
            let at = mapping.iter().position(|m| *m == Some(c));
            at.and_then(|p| rows.get(index)?.get(p)).map_or("", |s| s.trim())
        };
        self.rows
            .iter()
            .map(|r| {
                let index = r.line - 2;
                let (fate, problems, duplicate_of) = match &r.outcome {
                    RowOutcome::Create { duplicate_of, .. } => (RowFate::Created, &r.set_aside, duplicate_of.clone()),
                    RowOutcome::Update { .. } => (RowFate::Updated, &r.set_aside, None),
                    RowOutcome::Unchanged { .. } => (RowFate::Unchanged, &r.set_aside, None),
                    RowOutcome::Skip { duplicate_of } => (RowFate::Skipped, &r.set_aside, Some(duplicate_of.clone())),
                    RowOutcome::Invalid { problems } => (RowFate::Refused, problems, None),
                };
                let summary = format!("{} {}", cell(index, CustomerColumn::Name), cell(index, CustomerColumn::Phone))
                    .trim()
                    .to_owned();
                ReportRow {
                    index,
                    line: r.line,
                    fate,
                    problems: problems.clone(),
                    summary,
                    duplicate_of,
                    new_customer: false,
                }
            })
            .collect()
    }
}

/// What the columns of a file hold: their header, the field each is imported into
/// (see [`check_mapping`]), and the book's custom fields that
/// [`CustomerColumn::Custom`] columns name.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// The first row of the file.
    pub header: &'a [String],
    /// The field of each column; `None` for a column not imported.
    pub mapping: &'a [Option<CustomerColumn>],
    /// The book's custom fields.
    pub fields: &'a CustomFields,
}

/// The id a row's customer has while it is checked, before it gets its own.
const PENDING_ID: &str = "pending";

/// Plans the import of `rows` (the data rows, the header left out) whose columns are
/// `columns` into a workbook
/// whose customers are `existing` (customers in the trash are ignored).
///
/// Cells are trimmed; empty rows are left out. A row is read as the customer form
/// reads its fields: phone digits in half width, stage and type in Chinese or English
/// words, the birthday as a date in the common forms, tags split on `,` `，` `;` `；`
/// `、` or `|`. It must pass the customer's own validation to be written, and each
/// problem names the column's header. A row is a duplicate when it shares a key of
/// [`crate::analysis::duplicates`] with an existing customer or with an earlier valid
/// row; `strategy` says what then happens. An updated customer keeps its id and
/// creation time, takes the mapped cells that are not empty, and is stamped `now`.
/// `new_id` gives the id of each created customer.
pub fn plan_customer_import<'a>(
    rows: &[Vec<String>],
    columns: Columns,
    existing: impl IntoIterator<Item = &'a Customer>,
    strategy: DuplicateStrategy,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Id,
) -> ImportPlan {
    let Columns { header, mapping, fields } = columns;
    let existing: Vec<&Customer> = existing.into_iter().filter(|c| c.deleted_at.is_none()).collect();
    let mut known: HashMap<(Reason, String), usize> = HashMap::new();
    for (i, c) in existing.iter().enumerate() {
        for key in match_keys(c) {
            known.entry(key).or_insert(i);
        }
    }
    // Keys of the earlier valid rows, and the existing customers rows already matched.
    let mut earlier: HashMap<(Reason, String), usize> = HashMap::new();
    let mut claimed: HashMap<usize, usize> = HashMap::new();
    let mut plan = ImportPlan { rows: Vec::new(), to_write: Vec::new(), counts: ImportCounts::default() };
    let column_header = |c: CustomerColumn| -> String {
        mapping
            .iter()
            .position(|m| *m == Some(c))
            .and_then(|p| header.get(p))
            .map_or_else(|| c.field().to_owned(), |h| h.trim().to_owned())
    };
    for (i, row) in rows.iter().enumerate() {
        if is_blank(row) {
            continue;
        }
        let line = i + 2;
        let cells: Vec<(CustomerColumn, &str)> = mapping
            .iter()
            .zip(row)
            .filter_map(|(m, cell)| Some((m.as_ref().copied()?, cell.trim())))
            .filter(|(_, cell)| !cell.is_empty())
            .collect();
        // A day of slack for time zones ahead of UTC.
        let today = (now + chrono::Duration::days(1)).date_naive();
        let problems_of = |c: &Customer, mut unreadable: Vec<(CustomerColumn, CsvProblemKind)>| {
            for e in c.validate().into_iter().chain(c.check_dates(today)) {
                match CustomerColumn::of_field(&e.field) {
                    Some(col) if unreadable.iter().any(|(u, _)| *u == col) => {}
                    Some(col) => unreadable.push((col, CsvProblemKind::Invalid(e.problem))),
                    // The id and time stamps are not the file's: say them on the row.
                    None => unreadable.push((CustomerColumn::Name, CsvProblemKind::Invalid(e.problem))),
                }
            }
            unreadable
        };
        // In the order of the file's columns.
        let as_problems = |mut list: Vec<(CustomerColumn, CsvProblemKind)>| -> Vec<CsvProblem> {
            list.sort_by_key(|(col, _)| mapping.iter().position(|m| *m == Some(*col)));
            list.into_iter().map(|(col, kind)| CsvProblem { row: line, column: column_header(col), kind }).collect()
        };
        // The row's cells written into `c` (a new customer, or one already there): a
        // cell that cannot be read or breaks a rule is set aside — `c` keeps `base`'s
        // value of that field and the cell's text goes into the notes. Refused (with
        // its problems) when the name is what is wrong, or the notes themselves.
        let settle = |c: &mut Customer, base: &Customer| -> Result<Vec<CsvProblem>, Vec<CsvProblem>> {
            let unreadable = apply_cells(c, &cells, fields);
            let problems = problems_of(c, unreadable);
            if problems.iter().any(|(col, _)| matches!(col, CustomerColumn::Name | CustomerColumn::Notes)) {
                return Err(as_problems(problems));
            }
            for (col, _) in &problems {
                restore_field(c, *col, base, fields);
                if let Some((_, text)) = cells.iter().find(|(x, _)| x == col) {
                    c.notes = keep_original(&c.notes, &column_header(*col), text).into();
                }
            }
            // What is left must pass (the notes grown too long cannot be kept).
            let left = problems_of(c, Vec::new());
            if left.is_empty() {
                Ok(as_problems(problems))
            } else {
                Err(as_problems(left))
            }
        };

        // The row on its own must make a customer: it must have a name.
        let blank = Customer::new(PENDING_ID.to_owned(), "", now);
        let mut own = blank.clone();
        let own_aside = match settle(&mut own, &blank) {
            Ok(aside) => aside,
            Err(problems) => {
                plan.counts.invalid += 1;
                plan.rows.push(RowPlan { line, outcome: RowOutcome::Invalid { problems }, set_aside: Vec::new() });
                continue;
            }
        };
        let mut set_aside = own_aside;
        let keys = match_keys(&own);
        let in_file = keys.iter().find_map(|k| earlier.get(k).map(|&l| DuplicateOf::Line { line: l, reason: k.0 }));
        let in_book = keys.iter().find_map(|k| known.get(k).map(|&e| (e, k.0)));
        let as_customer = |(e, reason): (usize, Reason)| DuplicateOf::Customer { id: existing[e].id.clone(), reason };

        let mut written_keys = keys;
        let outcome = match strategy {
            DuplicateStrategy::Create => {
                let id = new_id();
                own.id.clone_from(&id);
                plan.to_write.push(own);
                RowOutcome::Create { id, duplicate_of: in_book.map(as_customer).or(in_file) }
            }
            DuplicateStrategy::Skip => match in_book.map(as_customer).or(in_file) {
                Some(duplicate_of) => RowOutcome::Skip { duplicate_of },
                None => {
                    let id = new_id();
                    own.id.clone_from(&id);
                    plan.to_write.push(own);
                    RowOutcome::Create { id, duplicate_of: None }
                }
            },
            DuplicateStrategy::Update => {
                let claimed_by =
                    in_book.and_then(|(e, reason)| claimed.get(&e).map(|&l| DuplicateOf::Line { line: l, reason }));
                match (in_file.or(claimed_by), in_book) {
                    (Some(duplicate_of), _) => RowOutcome::Skip { duplicate_of },
                    (None, Some((e, _))) => {
                        let before = existing[e];
                        let mut merged = before.clone();
                        match settle(&mut merged, before) {
                            Err(problems) => RowOutcome::Invalid { problems },
                            Ok(aside) => {
                                set_aside = aside;
                                claimed.insert(e, line);
                                if merged == *before {
                                    written_keys.extend(match_keys(before));
                                    RowOutcome::Unchanged { id: before.id.clone() }
                                } else {
                                    merged.updated_at = now.max(before.updated_at);
                                    written_keys.extend(match_keys(&merged));
                                    plan.to_write.push(merged);
                                    RowOutcome::Update { id: before.id.clone() }
                                }
                            }
                        }
                    }
                    (None, None) => {
                        let id = new_id();
                        own.id.clone_from(&id);
                        plan.to_write.push(own);
                        RowOutcome::Create { id, duplicate_of: None }
                    }
                }
            }
        };
        let with_problem = !set_aside.is_empty();
        match &outcome {
            RowOutcome::Create { .. } | RowOutcome::Update { .. } if with_problem => plan.counts.with_problem += 1,
            RowOutcome::Create { .. } => plan.counts.created += 1,
            RowOutcome::Update { .. } => plan.counts.updated += 1,
            RowOutcome::Unchanged { .. } => plan.counts.unchanged += 1,
            RowOutcome::Skip { .. } => plan.counts.skipped += 1,
            RowOutcome::Invalid { .. } => plan.counts.invalid += 1,
        }
        if !matches!(outcome, RowOutcome::Invalid { .. }) {
            for key in written_keys {
                earlier.entry(key).or_insert(line);
            }
        }
        if matches!(outcome, RowOutcome::Invalid { .. }) {
            set_aside.clear();
        }
        plan.rows.push(RowPlan { line, outcome, set_aside });
    }
    plan
}

/// Gives `c` the value `base` has of the field `column` (a cell set aside keeps what
/// was there: nothing for a new customer, the stored value for one updated).
fn restore_field(c: &mut Customer, column: CustomerColumn, base: &Customer, fields: &CustomFields) {
    let base_opening = base.opening.clone().unwrap_or_default();
    match column {
        CustomerColumn::Name => c.name.clone_from(&base.name),
        CustomerColumn::Kind => c.kind = base.kind,
        CustomerColumn::Phone => c.phone.clone_from(&base.phone),
        CustomerColumn::Email => c.email.clone_from(&base.email),
        CustomerColumn::Company => c.company.clone_from(&base.company),
        CustomerColumn::Title => c.title.clone_from(&base.title),
        CustomerColumn::Industry => c.industry.clone_from(&base.industry),
        CustomerColumn::Region => c.region.clone_from(&base.region),
        CustomerColumn::Address => c.address.clone_from(&base.address),
        CustomerColumn::Source => c.source.clone_from(&base.source),
        CustomerColumn::Stage => c.stage = base.stage,
        CustomerColumn::Tags => c.tags.clone_from(&base.tags),
        CustomerColumn::Notes => c.notes.clone_from(&base.notes),
        CustomerColumn::Birthday => c.birthday = base.birthday,
        CustomerColumn::Wechat => c.wechat.clone_from(&base.wechat),
        CustomerColumn::OpeningTotal => opening(c).total = base_opening.total,
        CustomerColumn::OpeningPurchases => opening(c).purchases = base_opening.purchases,
        CustomerColumn::OpeningFirst => opening(c).first = base_opening.first,
        CustomerColumn::OpeningLast => opening(c).last = base_opening.last,
        CustomerColumn::Custom(i) => {
            if let Some(f) = fields.fields.get(usize::from(i)) {
                match base.custom.get(f.name.as_str()) {
                    Some(v) => c.custom.insert(f.name.to_string(), v.clone()),
                    None => c.custom.remove(f.name.as_str()),
                };
            }
        }
    }
    if c.opening.as_ref().is_some_and(OpeningBalance::is_empty) {
        c.opening = None;
    }
}

/// Writes the filled `cells` into `c`; the cells that cannot be read (a stage that is
/// no stage, a birthday that is no date) are left out and returned with their problem.
fn apply_cells(
    c: &mut Customer,
    cells: &[(CustomerColumn, &str)],
    fields: &CustomFields,
) -> Vec<(CustomerColumn, CsvProblemKind)> {
    let mut unreadable = Vec::new();
    for &(column, text) in cells {
        let text = text.to_owned();
        match column {
            CustomerColumn::Name => c.name = text.into(),
            CustomerColumn::Kind => match parse_kind(&text) {
                Some(k) => c.kind = k,
                None => unreadable.push((column, CsvProblemKind::NotACustomerKind)),
            },
            // Phones typed with a Chinese input method come in full-width digits.
            CustomerColumn::Phone => c.phone = ascii_digits(&text).into(),
            CustomerColumn::Email => c.email = text.into(),
            CustomerColumn::Company => c.company = text.into(),
            CustomerColumn::Title => c.title = text.into(),
            CustomerColumn::Industry => c.industry = text.into(),
            CustomerColumn::Region => c.region = text.into(),
            CustomerColumn::Address => c.address = text.into(),
            CustomerColumn::Source => c.source = text.into(),
            CustomerColumn::Stage => match parse_stage(&text) {
                Some(s) => c.stage = s,
                None => unreadable.push((column, CsvProblemKind::NotAStage)),
            },
            CustomerColumn::Tags => c.tags = split_tags(&text),
            CustomerColumn::Notes => c.notes = text.into(),
            CustomerColumn::Birthday => match crate::model::birthday::Birthday::parse(&text) {
                Some(d) => c.birthday = Some(d),
                None => unreadable.push((column, CsvProblemKind::NotADate)),
            },
            CustomerColumn::Wechat => c.wechat = text.into(),
            CustomerColumn::OpeningTotal => match parse_number(&text) {
                Some(v) if v >= 0.0 => opening(c).total = Some(v),
                Some(_) => unreadable.push((
                    column,
                    CsvProblemKind::Invalid(Problem::OutOfRange {
                        min: 0,
                        max: crate::model::order::MAX_AMOUNT as i64,
                    }),
                )),
                None => unreadable.push((column, CsvProblemKind::Invalid(Problem::NotANumber))),
            },
            CustomerColumn::OpeningPurchases => match parse_number(&text) {
                Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) => {
                    opening(c).purchases = Some(v as u32)
                }
                _ => unreadable.push((column, CsvProblemKind::Invalid(Problem::NotANumber))),
            },
            CustomerColumn::OpeningFirst | CustomerColumn::OpeningLast => {
                match crate::model::birthday::Birthday::parse(&text).and_then(|b| b.date()) {
                    Some(d) if column == CustomerColumn::OpeningFirst => opening(c).first = Some(d),
                    Some(d) => opening(c).last = Some(d),
                    None => unreadable.push((column, CsvProblemKind::NotADate)),
                }
            }
            CustomerColumn::Custom(i) => {
                let Some(field) = fields.fields.get(usize::from(i)) else { continue };
                match field.read(&text) {
                    Ok(Some(v)) => {
                        c.custom.insert(field.name.to_string(), v);
                    }
                    Ok(None) => {}
                    Err(p) => unreadable.push((column, CsvProblemKind::Invalid(p))),
                }
            }
        }
    }
    unreadable
}

/// The customer's opening balance, made empty if there was none.
fn opening(c: &mut Customer) -> &mut OpeningBalance {
    c.opening.get_or_insert_with(OpeningBalance::default)
}

/// A stage as people write it: 潜在/意向/成交/忠诚/流失 (also with 客户), or the
/// workbook's English names in any case.
pub fn parse_stage(text: &str) -> Option<Stage> {
    let t = fold(text);
    let t = t.strip_suffix("客户").filter(|s| !s.is_empty()).unwrap_or(&t);
    Stage::from_value(t).or(match t {
        "潜在" | "lead" => Some(Stage::Prospect),
        "意向" | "有意向" | "interested" => Some(Stage::Intent),
        "成交" | "已成交" | "won" => Some(Stage::Customer),
        "忠诚" | "老" => Some(Stage::Loyal),
        "流失" | "已流失" | "churned" => Some(Stage::Lost),
        _ => None,
    })
}

/// A customer type as people write it: 个人/企业 (also 公司, 单位), person/company.
pub fn parse_kind(text: &str) -> Option<CustomerKind> {
    let t = fold(text);
    let t = t.strip_suffix("客户").filter(|s| !s.is_empty()).unwrap_or(&t);
    match t {
        "个人" | "person" | "individual" | "personal" => Some(CustomerKind::Person),
        "企业" | "公司" | "单位" | "机构" | "company" | "business" | "enterprise" | "organization" | "organisation" => {
            Some(CustomerKind::Company)
        }
        _ => None,
    }
}

/// The tags of a cell: split on `,` `，` `;` `；` `、` or `|`, trimmed, each once.
pub fn split_tags(text: &str) -> Vec<Text> {
    let mut tags: Vec<Text> = Vec::new();
    for t in text.split([',', '，', ';', '；', '、', '|']).map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|x| x == t) {
            tags.push(t.into());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::i18n::Lang;
    use crate::messages;
    use crate::model::Problem;
    use crate::workbook::import_report::{ReportRow, RowFate};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        at("2026-11-26T08:00:00Z")
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    /// The file read and its guessed mapping checked.
    fn read(text: &str) -> CustomersCsv {
        let csv = read_customers_csv(text.as_bytes()).unwrap();
        check_mapping(&csv.mapping).unwrap();
        csv
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            Id::from(format!("new{n}"))
        }
    }

    fn plan(text: &str, existing: &[Customer], strategy: DuplicateStrategy) -> ImportPlan {
        let csv = read(text);
        let fields = CustomFields::default();
        let columns = Columns { header: &csv.header, mapping: &csv.mapping, fields: &fields };
        plan_customer_import(&csv.rows, columns, existing, strategy, now(), ids())
    }

    fn outcomes(p: &ImportPlan) -> Vec<(usize, RowOutcome)> {
        p.rows.iter().map(|r| (r.line, r.outcome.clone())).collect()
    }

    /// 张三, already in the workbook since January.
    fn zhang() -> Customer {
        let mut c = Customer::new("zhang", "张三", at("2026-01-05T00:00:00Z"));
        c.phone = "13800001111".into();
        c.email = "zhang@example.com".into();
        c.title = "经理".into();
        c.tags = vec!["老客户".into()];
        c.notes = "old notes".into();
        c
    }

    #[test]
    fn headers_as_spreadsheets_spell_them() {
        use CustomerColumn as C;
        let table = [
            ("姓名", C::Name),
            ("客户名称", C::Name),
            ("客户姓名", C::Name),
            ("名称", C::Name),
            ("联系人", C::Name),
            ("name", C::Name),
            ("Customer Name", C::Name),
            ("full name", C::Name),
            ("FULL_NAME", C::Name),
            ("*姓名", C::Name),
            ("手机", C::Phone),
            ("手机号", C::Phone),
            ("手机号码", C::Phone),
            ("电话", C::Phone),
            ("联系电话", C::Phone),
            ("电话号码", C::Phone),
            ("phone", C::Phone),
            ("Mobile", C::Phone),
            ("Tel", C::Phone),
            ("telephone", C::Phone),
            ("cell", C::Phone),
            ("Phone Number", C::Phone),
            ("手机号（必填）", C::Phone),
            ("邮箱", C::Email),
            ("电子邮箱", C::Email),
            ("E-mail", C::Email),
            ("email", C::Email),
            ("mail", C::Email),
            ("Email Address", C::Email),
            ("公司", C::Company),
            ("公司名称", C::Company),
            ("单位", C::Company),
            ("工作单位", C::Company),
            ("company", C::Company),
            ("Organization", C::Company),
            ("职位", C::Title),
            ("职务", C::Title),
            ("title", C::Title),
            ("Job Title", C::Title),
            ("position", C::Title),
            ("行业", C::Industry),
            ("Industry", C::Industry),
            ("地区", C::Region),
            ("城市", C::Region),
            ("所在地区", C::Region),
            ("region", C::Region),
            ("City", C::Region),
            ("地址", C::Address),
            ("联系地址", C::Address),
            ("通讯地址", C::Address),
            ("Address", C::Address),
            ("来源", C::Source),
            ("客户来源", C::Source),
            ("渠道来源", C::Source),
            ("source", C::Source),
            ("Lead Source", C::Source),
            ("lead_source", C::Source),
            ("阶段", C::Stage),
            ("客户阶段", C::Stage),
            ("状态", C::Stage),
            ("stage", C::Stage),
            ("Status", C::Stage),
            ("标签", C::Tags),
            ("tags", C::Tags),
            ("Label", C::Tags),
            ("labels", C::Tags),
            ("备注", C::Notes),
            ("说明", C::Notes),
            ("notes", C::Notes),
            ("Note", C::Notes),
            ("remark", C::Notes),
            ("Remarks", C::Notes),
            ("comment", C::Notes),
            ("生日", C::Birthday),
            ("出生日期", C::Birthday),
            ("birthday", C::Birthday),
            ("Date of Birth", C::Birthday),
            ("DOB", C::Birthday),
            ("生日(YYYY-MM-DD)", C::Birthday),
            ("类型", C::Kind),
            ("客户类型", C::Kind),
            ("kind", C::Kind),
            ("Type", C::Kind),
            ("电话/手机", C::Phone),
        ];
        for (header, column) in table {
            assert_eq!(column_of(header), Some(column), "{header}");
        }
        for header in ["颜色", "编号", "ID", "", "  "] {
            assert_eq!(column_of(header), None, "{header}");
        }
    }

    #[test]
    fn the_form_labels_in_both_languages_read_back_as_their_field() {
        for c in CustomerColumn::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(column_of(lang.t(c.label())), Some(c), "{c:?} {lang:?}");
            }
        }
    }

    #[test]
    fn each_field_goes_to_its_first_column_only() {
        let header = strings(&["手机", "姓名", "电话", "颜色", "Name", "备注"]);
        use CustomerColumn as C;
        assert_eq!(guess_mapping(&header), [Some(C::Phone), Some(C::Name), None, None, None, Some(C::Notes)]);
    }

    #[test]
    fn a_file_without_header_or_without_rows_is_refused() {
        let no_header = "张三,13800001111,赣江贸易\n李四,13900002222,南昌商行\n";
        assert_eq!(read_customers_csv(no_header.as_bytes()), Err(CustomersCsvError::NoHeader));
        let no_header = "Zhang San,zhang@example.com\n";
        assert_eq!(read_customers_csv(no_header.as_bytes()), Err(CustomersCsvError::NoHeader));
        assert_eq!(read_customers_csv(b""), Err(CustomersCsvError::Empty));
        assert_eq!(read_customers_csv("\u{feff}\r\n".as_bytes()), Err(CustomersCsvError::Empty));
        assert_eq!(read_customers_csv("姓名,电话\n,\n".as_bytes()), Err(CustomersCsvError::Empty));
        assert_eq!(
            read_customers_csv(b"name,\"x\n"),
            Err(CustomersCsvError::File(CsvError::UnclosedQuote { line: 1 }))
        );
    }

    #[test]
    fn a_header_without_a_name_column_is_refused_until_one_is_mapped() {
        let csv = read_customers_csv("客户编号,手机,公司\n007,13800001111,赣江贸易\n".as_bytes()).unwrap();
        use CustomerColumn as C;
        assert_eq!(csv.mapping, [None, Some(C::Phone), Some(C::Company)]);
        assert_eq!(check_mapping(&csv.mapping), Err(CustomersCsvError::NoNameColumn));
        assert_eq!(
            CustomersCsvError::NoNameColumn.to_string(),
            "no column holds the customer's name",
            "the message names the missing column"
        );
        // Mapped by hand: the company column is also the name; twice the phone is not.
        assert_eq!(check_mapping(&[Some(C::Name), Some(C::Phone), Some(C::Company)]), Ok(()));
        assert_eq!(
            check_mapping(&[Some(C::Name), Some(C::Phone), Some(C::Phone)]),
            Err(CustomersCsvError::MappedTwice { column: C::Phone, first: 1, second: 2 })
        );
    }

    /// Line 2 repeats 张三 (an existing customer) by phone, line 4 repeats line 3 by
    /// e-mail (spaces and case ignored); lines 3 and 5 are new.
    const FILE: &str = "姓名,手机,邮箱,公司,阶段\n\
        张三,138 0000 1111,,赣江贸易,成交\n\
        李四,13900002222,lisi@qq.com,,意向\n\
        李 四,,LiSi@QQ.com ,南昌商行,忠诚\n\
        王五,,,,\n";

    #[test]
    fn skip_leaves_duplicates_out() {
        let p = plan(FILE, &[zhang()], DuplicateStrategy::Skip);
        assert_eq!(
            outcomes(&p),
            [
                (
                    2,
                    RowOutcome::Skip {
                        duplicate_of: DuplicateOf::Customer { id: "zhang".into(), reason: Reason::Phone }
                    }
                ),
                (3, RowOutcome::Create { id: "new1".into(), duplicate_of: None }),
                (4, RowOutcome::Skip { duplicate_of: DuplicateOf::Line { line: 3, reason: Reason::Email } }),
                (5, RowOutcome::Create { id: "new2".into(), duplicate_of: None }),
            ]
        );
        assert_eq!(p.counts, ImportCounts { created: 2, skipped: 2, ..ImportCounts::default() });
        let written: Vec<(&str, &str, &str, Stage)> =
            p.to_write.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.phone.as_str(), c.stage)).collect();
        assert_eq!(written, [("new1", "李四", "13900002222", Stage::Intent), ("new2", "王五", "", Stage::Prospect)]);
        assert!(p.to_write.iter().all(|c| c.created_at == now() && c.updated_at == now()));
    }

    #[test]
    fn update_writes_into_the_existing_customer_and_skips_repeats_within_the_file() {
        let p = plan(FILE, &[zhang()], DuplicateStrategy::Update);
        assert_eq!(
            outcomes(&p),
            [
                (2, RowOutcome::Update { id: "zhang".into() }),
                (3, RowOutcome::Create { id: "new1".into(), duplicate_of: None }),
                (4, RowOutcome::Skip { duplicate_of: DuplicateOf::Line { line: 3, reason: Reason::Email } }),
                (5, RowOutcome::Create { id: "new2".into(), duplicate_of: None }),
            ]
        );
        assert_eq!(p.counts, ImportCounts { created: 2, updated: 1, skipped: 1, ..ImportCounts::default() });
        let names: Vec<&str> = p.to_write.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["张三", "李四", "王五"]);
        let z = &p.to_write[0];
        let before = zhang();
        assert_eq!((z.id.as_str(), z.created_at, z.updated_at), ("zhang", before.created_at, now()));
        assert_eq!((z.company.as_str(), z.stage, z.phone.as_str()), ("赣江贸易", Stage::Customer, "138 0000 1111"));
        // The e-mail cell is empty and title, tags, notes are not in the file: kept.
        assert_eq!(z.email, "zhang@example.com");
        assert_eq!(
            (z.title.as_str(), z.tags.clone(), z.notes.as_str()),
            ("经理", vec![Text::from("老客户")], "old notes")
        );
    }

    #[test]
    fn create_makes_every_row_a_customer_and_says_whom_it_repeats() {
        let p = plan(FILE, &[zhang()], DuplicateStrategy::Create);
        assert_eq!(
            outcomes(&p),
            [
                (
                    2,
                    RowOutcome::Create {
                        id: "new1".into(),
                        duplicate_of: Some(DuplicateOf::Customer { id: "zhang".into(), reason: Reason::Phone })
                    }
                ),
                (3, RowOutcome::Create { id: "new2".into(), duplicate_of: None }),
                (
                    4,
                    RowOutcome::Create {
                        id: "new3".into(),
                        duplicate_of: Some(DuplicateOf::Line { line: 3, reason: Reason::Email })
                    }
                ),
                (5, RowOutcome::Create { id: "new4".into(), duplicate_of: None }),
            ]
        );
        assert_eq!(p.counts, ImportCounts { created: 4, ..ImportCounts::default() });
        let written: Vec<(&str, &str, &str)> =
            p.to_write.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.company.as_str())).collect();
        assert_eq!(
            written,
            [("new1", "张三", "赣江贸易"), ("new2", "李四", ""), ("new3", "李 四", "南昌商行"), ("new4", "王五", "")]
        );
        // Found again by the workbook's own duplicate finder.
        let mut all = vec![zhang()];
        all.extend(p.to_write.iter().cloned());
        let groups = crate::analysis::duplicates::find_duplicates(&all);
        let groups: Vec<Vec<&str>> = groups.iter().map(|g| g.ids.iter().map(Id::as_str).collect()).collect();
        assert_eq!(groups, [vec!["new2", "new3"], vec!["zhang", "new1"]]);
    }

    #[test]
    fn a_bad_cell_is_set_aside_into_the_notes_and_only_a_row_without_a_name_is_refused() {
        let text = "客户姓名,手机号码,邮箱,阶段,生日,类型,备注\n\
            赵六,12345,zhao@,成交,1990-05-01,个人,\n\
            ,13700003333,,,,,\n\
            孙七,13600004444,,VIP,明天,团体,老客户\n\
            周八,13500005555,,,1988/2/3,企业,\n";
        let p = plan(text, &[], DuplicateStrategy::Skip);
        assert_eq!(p.counts, ImportCounts { created: 1, with_problem: 2, invalid: 1, ..ImportCounts::default() });
        let problems: Vec<(usize, &str, &CsvProblemKind)> =
            p.problems().map(|e| (e.row, e.column.as_str(), &e.kind)).collect();
        assert_eq!(
            problems,
            [
                (2, "手机号码", &CsvProblemKind::Invalid(Problem::Phone)),
                (2, "邮箱", &CsvProblemKind::Invalid(Problem::Email)),
                (3, "客户姓名", &CsvProblemKind::Invalid(Problem::Required)),
                (4, "阶段", &CsvProblemKind::NotAStage),
                (4, "生日", &CsvProblemKind::NotADate),
                (4, "类型", &CsvProblemKind::NotACustomerKind),
            ]
        );
        let first = p.problems().next().unwrap();
        assert!(messages::csv_problem(Lang::Zh, first).starts_with("第 2 行「手机号码」列：不是有效的电话号码"));
        assert!(messages::csv_problem(Lang::En, first).starts_with("Row 2, column “手机号码”: is not a phone number"));
        // Three customers written: the bad cells empty, their text in the notes.
        type Written<'a> =
            (&'a str, &'a str, &'a str, Stage, CustomerKind, Option<crate::model::birthday::Birthday>, &'a str);
        let w: Vec<Written> = p
            .to_write
            .iter()
            .map(|c| {
                (c.name.as_str(), c.phone.as_str(), c.email.as_str(), c.stage, c.kind, c.birthday, c.notes.as_str())
            })
            .collect();
        assert_eq!(
            w,
            [
                (
                    "赵六",
                    "",
                    "",
                    Stage::Customer,
                    CustomerKind::Person,
                    NaiveDate::from_ymd_opt(1990, 5, 1).map(Into::into),
                    "手机号码(原文): 12345\n邮箱(原文): zhao@"
                ),
                (
                    "孙七",
                    "13600004444",
                    "",
                    Stage::Prospect,
                    CustomerKind::Person,
                    None,
                    "老客户\n阶段(原文): VIP\n生日(原文): 明天\n类型(原文): 团体"
                ),
                (
                    "周八",
                    "13500005555",
                    "",
                    Stage::Prospect,
                    CustomerKind::Company,
                    NaiveDate::from_ymd_opt(1988, 2, 3).map(Into::into),
                    ""
                ),
            ]
        );
        let report = p.report(&read(text).rows, &read(text).mapping);
        let fates: Vec<(usize, RowFate, bool)> = report.iter().map(|r| (r.line, r.fate, r.has_problem())).collect();
        assert_eq!(
            fates,
            [
                (2, RowFate::Created, true),
                (3, RowFate::Refused, true),
                (4, RowFate::Created, true),
                (5, RowFate::Created, false)
            ]
        );
        assert_eq!(report[3].summary, "周八 13500005555");
        // A row with its phone set aside has no phone key: the next one is new.
        let again = "姓名,电话,邮箱\n甲,13800001111,bad@\n乙,13800001111,\n丙,12345,\n";
        let p = plan(again, &[], DuplicateStrategy::Skip);
        assert_eq!(p.counts, ImportCounts { created: 0, skipped: 1, with_problem: 2, ..ImportCounts::default() });
        assert_eq!(p.to_write.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["甲", "丙"]);
        assert_eq!((p.to_write[1].phone.as_str(), p.to_write[1].notes.as_str()), ("", "电话(原文): 12345"));
    }

    #[test]
    fn a_birthday_that_is_no_date_becomes_a_note_the_worked_example() {
        let p = plan("姓名,生日,手机\n张三,3月8日x,13800001111\n", &[], DuplicateStrategy::Skip);
        assert_eq!(p.counts, ImportCounts { with_problem: 1, ..ImportCounts::default() });
        let c = &p.to_write[0];
        assert_eq!((c.name.as_str(), c.birthday, c.notes.as_str()), ("张三", None, "生日(原文): 3月8日x"));
        assert_eq!(c.phone, "13800001111");
    }

    #[test]
    fn updating_with_a_bad_cell_keeps_the_stored_value_and_a_second_import_changes_nothing() {
        let mut z = zhang();
        z.birthday = NaiveDate::from_ymd_opt(1980, 1, 1).map(Into::into);
        let text = "姓名,手机,生日,公司\n张三,13800001111,八月,赣江贸易\n";
        let p = plan(text, std::slice::from_ref(&z), DuplicateStrategy::Update);
        assert_eq!(outcomes(&p), [(2, RowOutcome::Update { id: "zhang".into() })]);
        assert_eq!(p.counts, ImportCounts { with_problem: 1, ..ImportCounts::default() });
        let u = &p.to_write[0];
        assert_eq!(
            (u.birthday, u.company.as_str(), u.notes.as_str()),
            (NaiveDate::from_ymd_opt(1980, 1, 1).map(Into::into), "赣江贸易", "old notes\n生日(原文): 八月")
        );
        let p = plan(text, &p.to_write, DuplicateStrategy::Update);
        assert_eq!(outcomes(&p), [(2, RowOutcome::Unchanged { id: "zhang".into() })]);
        assert!(p.to_write.is_empty());
    }

    #[test]
    fn update_overwrites_only_mapped_cells_that_are_filled() {
        let mut z = zhang();
        z.company = "赣江贸易".into();
        z.birthday = NaiveDate::from_ymd_opt(1980, 1, 1).map(Into::into);
        // The e-mail and birthday cells are empty, 颜色 is not imported, the notes and
        // tags replace the old ones; found by name and company.
        let text = "姓名,邮箱,公司,备注,标签,生日,颜色\n 张 三 ,, 赣江贸易 ,\"new, notes\",VIP；展会|VIP,,红\n";
        let p = plan(text, std::slice::from_ref(&z), DuplicateStrategy::Update);
        assert_eq!(outcomes(&p), [(2, RowOutcome::Update { id: "zhang".into() })]);
        let mut expected = z.clone();
        expected.name = "张 三".into();
        expected.notes = "new, notes".into();
        expected.tags = vec!["VIP".into(), "展会".into()];
        expected.updated_at = now();
        assert_eq!(p.to_write, [expected]);
        // The same file once more, now that it is in: nothing to write.
        let p = plan(text, &p.to_write, DuplicateStrategy::Update);
        assert_eq!(outcomes(&p), [(2, RowOutcome::Unchanged { id: "zhang".into() })]);
        assert!(p.to_write.is_empty());
    }

    #[test]
    fn update_never_writes_one_customer_twice_and_ignores_the_trash() {
        // Line 3 matches 张三 by e-mail only, after line 2 matched him by phone.
        let text = "姓名,电话,邮箱\n张三,13800001111,\n张三丰,,ZHANG@example.com\n";
        let p = plan(text, &[zhang()], DuplicateStrategy::Update);
        assert_eq!(
            outcomes(&p)[1],
            (3, RowOutcome::Skip { duplicate_of: DuplicateOf::Line { line: 2, reason: Reason::Email } })
        );
        // Trash is not matched.
        let mut gone = zhang();
        gone.deleted_at = Some(now());
        let p = plan(text, &[gone], DuplicateStrategy::Update);
        assert_eq!(p.counts, ImportCounts { created: 2, ..ImportCounts::default() });
    }

    #[test]
    fn cells_read_as_people_write_them() {
        let text = "\u{feff}姓名,手机,阶段,类型,生日,标签\r\n\
            甲,１３８ ０００１ ２３４５,潜在客户,个人,2026年11月5日,\"a, b，c;d；e、f|g\"\r\n\
            ,,,,,\r\n\
            乙,,Loyal,Company,20000101,\r\n\
            丙,,lost,企业客户,2001.02.03,\r\n";
        let p = plan(text, &[], DuplicateStrategy::Skip);
        // The empty line 3 is left out, the others keep their line.
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4, 5]);
        let w = &p.to_write;
        assert_eq!(w[0].phone, "138 0001 2345");
        assert_eq!((w[0].stage, w[0].kind), (Stage::Prospect, CustomerKind::Person));
        assert_eq!(w[0].birthday, NaiveDate::from_ymd_opt(2026, 11, 5).map(Into::into));
        assert_eq!(w[0].tags, ["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!((w[1].stage, w[1].kind), (Stage::Loyal, CustomerKind::Company));
        assert_eq!(w[1].birthday, NaiveDate::from_ymd_opt(2000, 1, 1).map(Into::into));
        assert_eq!((w[2].stage, w[2].kind), (Stage::Lost, CustomerKind::Company));
        for (word, stage) in [
            ("意向", Stage::Intent),
            ("成交客户", Stage::Customer),
            ("忠诚", Stage::Loyal),
            ("Prospect", Stage::Prospect),
        ] {
            assert_eq!(parse_stage(word), Some(stage), "{word}");
        }
        assert_eq!(parse_stage("客户"), None);
    }

    #[test]
    fn an_exported_customer_list_imports_back() {
        let mut c = zhang();
        c.company = "赣江贸易".into();
        c.stage = Stage::Loyal;
        c.tags = vec!["VIP".into(), "展会".into()];
        c.birthday = NaiveDate::from_ymd_opt(1985, 6, 7).map(Into::into);
        c.notes = "两\n行".into();
        for lang in [Lang::Zh, Lang::En] {
            let (header, rows) = super::super::export_csv::customer_table(lang, [&c], &Default::default());
            let text = super::super::export_csv::to_csv(&header, rows);
            let p = plan(&text, &[], DuplicateStrategy::Create);
            let mut back = p.to_write[0].clone();
            back.id.clone_from(&c.id);
            (back.created_at, back.updated_at) = (c.created_at, c.updated_at);
            assert_eq!(back, c, "{lang:?}");
        }
    }

    fn tea_fields() -> CustomFields {
        use crate::model::custom_field::{CustomField, CustomFieldKind};
        CustomFields {
            fields: vec![
                CustomField { name: "会员卡号".into(), kind: CustomFieldKind::Text, choices: vec![] },
                CustomField {
                    name: "口味偏好".into(),
                    kind: CustomFieldKind::Choice,
                    choices: vec!["绿茶".into(), "红茶".into()],
                },
            ],
        }
    }

    fn plan_with(text: &str, fields: &CustomFields) -> ImportPlan {
        let csv = read(text);
        let mapping = guess_mapping_with(&csv.header, fields);
        let columns = Columns { header: &csv.header, mapping: &mapping, fields };
        plan_customer_import(&csv.rows, columns, [], DuplicateStrategy::Create, now(), ids())
    }

    /// A tea shop's sheet: every column has somewhere to go, the phone with its
    /// country code, a birthday without a year, totals as the opening balance and the
    /// shop's own columns as custom fields.
    #[test]
    fn a_shop_sheet_keeps_wechat_totals_and_its_own_columns() {
        let text = "姓名,手机,微信,地址,生日,累计消费,消费次数,最近购买,会员卡号,口味偏好,备注\r\n\
                    赵丽,+8613700137000,zhaoli_tea,南昌市红谷滩区,3月8日,\"￥1,280.50\",12,2026/10/1,VIP-0817,红茶,老客户\r\n\
                    钱七,(0791)88886666,,,,-50,两次,明天,,咖啡,\r\n";
        let p = plan_with(text, &tea_fields());
        assert_eq!((p.counts.created, p.counts.with_problem, p.to_write.len()), (1, 1, 2));
        let (zhao, qian) = (&p.to_write[0], &p.to_write[1]);
        assert_eq!(zhao.phone, "+8613700137000");
        assert_eq!(zhao.wechat, "zhaoli_tea");
        assert_eq!(zhao.address, "南昌市红谷滩区");
        assert_eq!(zhao.birthday, crate::model::birthday::Birthday::month_day(3, 8));
        let o = zhao.opening.clone().unwrap();
        assert_eq!((o.total, o.purchases, o.last), (Some(1280.5), Some(12), NaiveDate::from_ymd_opt(2026, 10, 1)));
        assert_eq!(zhao.custom.get("会员卡号").map(Text::as_str), Some("VIP-0817"));
        assert_eq!(zhao.custom.get("口味偏好").map(Text::as_str), Some("红茶"));
        assert_eq!(zhao.notes, "老客户");
        // A landline in brackets is a phone; a negative total, a count in words, a day
        // that is no day and a choice not offered are each set aside in the notes.
        assert_eq!(qian.phone, "(0791)88886666");
        assert_eq!(qian.opening, None);
        assert!(qian.custom.is_empty());
        assert_eq!(qian.notes, "累计消费(原文): -50\n消费次数(原文): 两次\n最近购买(原文): 明天\n口味偏好(原文): 咖啡");
    }

    #[test]
    fn every_field_of_a_customer_goes_out_to_csv_and_comes_back() {
        let mut c = zhang();
        c.kind = CustomerKind::Company;
        c.wechat = "zhang_wx".into();
        c.address = "南昌市东湖区".into();
        c.birthday = crate::model::birthday::Birthday::month_day(12, 31);
        c.opening = Some(OpeningBalance {
            total: Some(3000.0),
            purchases: Some(10),
            first: NaiveDate::from_ymd_opt(2020, 1, 5),
            last: NaiveDate::from_ymd_opt(2026, 9, 30),
        });
        c.custom.insert("会员卡号".into(), "A-1".into());
        c.custom.insert("口味偏好".into(), "绿茶".into());
        let fields = tea_fields();
        for lang in [Lang::Zh, Lang::En] {
            let (header, rows) = super::super::export_csv::customer_table(lang, [&c], &fields);
            let text = super::super::export_csv::to_csv(&header, rows);
            let p = plan_with(&text, &fields);
            let mut back = p.to_write[0].clone();
            back.id.clone_from(&c.id);
            (back.created_at, back.updated_at) = (c.created_at, c.updated_at);
            assert_eq!(back, c, "{lang:?}");
        }
    }

    #[test]
    fn hostile_names_are_guarded_on_export_and_read_back_unguarded() {
        for hostile in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "-2+3+cmd|' /C calc'!A0",
            "+1+HYPERLINK(\"http://x\",\"y\")",
            "-0.5*SUM(A1:A9)",
            "@SUM(A1)",
            "'=quoted by hand",
        ] {
            let mut c = zhang();
            c.name = hostile.into();
            c.company = hostile.into();
            c.notes = hostile.into();
            c.phone = "+86 138 0000 1111".into();
            let (full, rows) = super::super::export_csv::customer_table(Lang::Zh, [&c], &Default::default());
            let text = super::super::export_csv::to_csv(&full, rows);
            assert!(text.contains(&format!("'{}", hostile.replace('"', "\"\""))), "{text}");
            assert!(text.contains(",'+86 138 0000 1111,"), "{text}");
            let p = plan(&text, &[], DuplicateStrategy::Create);
            let back = &p.to_write[0];
            assert_eq!((back.name.as_str(), back.company.as_str(), back.notes.as_str()), (hostile, hostile, hostile));
            assert_eq!(back.phone, "+86 138 0000 1111");
        }
        // A text that only starts with an apostrophe is kept as it is.
        let p = plan("姓名,备注\r\n'Connor,'s note\r\n", &[], DuplicateStrategy::Create);
        assert_eq!((p.to_write[0].name.as_str(), p.to_write[0].notes.as_str()), ("'Connor", "'s note"));
    }

    #[test]
    fn a_birthday_in_the_future_or_before_1900_is_set_aside() {
        let p =
            plan("姓名,生日\r\n甲,9999-12-31\r\n乙,0001-01-01\r\n丙,1990-05-06\r\n", &[], DuplicateStrategy::Create);
        let w: Vec<(&str, Option<NaiveDate>, &str)> =
            p.to_write.iter().map(|c| (c.name.as_str(), c.birthday.and_then(|b| b.date()), c.notes.as_str())).collect();
        assert_eq!(
            w,
            [
                ("甲", None, "生日(原文): 9999-12-31"),
                ("乙", None, "生日(原文): 0001-01-01"),
                ("丙", NaiveDate::from_ymd_opt(1990, 5, 6), "")
            ]
        );
        let bad: Vec<&CsvProblemKind> = p.problems().map(|x| &x.kind).collect();
        assert_eq!(
            bad,
            [
                &CsvProblemKind::Invalid(Problem::FutureDate),
                &CsvProblemKind::Invalid(Problem::YearOutOfRange { min: 1900, max: 2026 })
            ]
        );
    }

    #[test]
    fn the_rows_left_out_fixed_in_a_spreadsheet_import_again_and_add_only_them() {
        let text = "姓名,手机,生日\n甲,13800001111,3月8日x\n,13900002222,1990-01-01\n丙,13700003333,\n";
        let csv = read(text);
        let p = plan(text, &[], DuplicateStrategy::Skip);
        assert_eq!(p.counts, ImportCounts { created: 1, with_problem: 1, invalid: 1, ..ImportCounts::default() });
        let report = p.report(&csv.rows, &csv.mapping);
        let reason = |r: &ReportRow| messages::problem_reason(Lang::Zh, r);
        let out = super::super::import_report::problem_csv(&csv.header, &csv.rows, &report, "问题原因", reason);
        let rows = parse_csv(out.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2, "the header and the one row left out");
        assert_eq!(rows[0], ["姓名", "手机", "生日", "问题原因"]);
        assert_eq!(rows[1], ["", "13900002222", "1990-01-01", "未导入：「姓名」列：必填"]);
        // Fixed: the missing name typed in; imported into the book the first import made.
        let fixed = out.replace(",13900002222,", "乙,13900002222,");
        let again = read(&fixed);
        assert_eq!(again.mapping[3], None, "the reason column is not imported");
        let fields = CustomFields::default();
        let columns = Columns { header: &again.header, mapping: &again.mapping, fields: &fields };
        let p2 = plan_customer_import(&again.rows, columns, p.to_write.iter(), DuplicateStrategy::Skip, now(), ids());
        assert_eq!(p2.counts, ImportCounts { created: 1, ..ImportCounts::default() });
        let yi = &p2.to_write[0];
        assert_eq!(
            (yi.name.as_str(), yi.phone.as_str(), yi.birthday),
            ("乙", "13900002222", NaiveDate::from_ymd_opt(1990, 1, 1).map(Into::into))
        );
    }

    #[test]
    fn a_file_of_300000_rows_is_refused_whole_with_a_message_saying_to_split_it() {
        let mut text = String::from("姓名,手机\n");
        for i in 0..300_000 {
            text += &format!("客户{i},138{i:08}\n");
        }
        assert!(text.len() < super::super::csv::MAX_CSV_BYTES, "under the size limit: the row limit refuses it");
        let err = read_customers_csv(text.as_bytes()).unwrap_err();
        assert_eq!(err, CustomersCsvError::File(CsvError::TooManyRows { rows: 300_000, max: 100_000 }));
        assert_eq!(
            messages::customers_csv_error(Lang::Zh, &err),
            "文件有 300000 行，一次最多导入 100000 行。没有导入任何内容；请把文件拆成几份后分别导入"
        );
        assert!(messages::customers_csv_error(Lang::En, &err).contains("split the file"));
    }
}
