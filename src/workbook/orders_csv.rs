//! Orders from a CSV file, one order per row, in the steps the customers import
//! walks through: [`read_orders_csv`] reads the file and guesses each column from its
//! header in Chinese or English (订单号/order no., 客户/customer, 日期/date,
//! 金额/amount, 渠道/channel, 商品/item, 数量/quantity, 单价/unit price, 备注/note);
//! the user may change the mapping ([`check_mapping`]); [`plan_order_import`] says
//! what becomes of every row. A row with an item, quantity and unit price becomes an
//! order with that line.
//!
//! Re-importing is safe: a row whose order number an order of the book already has is
//! skipped; without a number, a row identical to an order of the book (the same
//! [`order_fingerprint`]: customer, day, amount and lines) is a likely duplicate,
//! skipped unless the owner chooses otherwise. Importing the same file twice adds
//! nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::csv::{match_header, parse_csv, CsvError};
pub use super::import_report::LikelyDuplicates;
use super::import_report::{check_row_count, count, keep_original, DuplicateOf, ImportCounts, ReportRow, RowFate};
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::analysis::duplicates::fold;
use crate::i18n::Key;
use crate::model::order::{Order, OrderItem};
use crate::model::validate::{ascii_digits, is_valid_phone};
use crate::model::{new_id, Customer, Id, Problem, Record};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderColumn {
    /// The order's number in the shop's records.
    Number,
    /// The customer's id, phone or name.
    Customer,
    /// The order's day.
    Date,
    /// The order's amount.
    Amount,
    /// The sales channel.
    Channel,
    /// The item bought.
    Item,
    /// How many.
    Quantity,
    /// Price of one.
    UnitPrice,
    /// A note.
    Note,
}

impl OrderColumn {
    /// Every importable field, in the order form's order.
    pub const ALL: [OrderColumn; 9] = [
        OrderColumn::Number,
        OrderColumn::Customer,
        OrderColumn::Date,
        OrderColumn::Amount,
        OrderColumn::Channel,
        OrderColumn::Item,
        OrderColumn::Quantity,
        OrderColumn::UnitPrice,
        OrderColumn::Note,
    ];

    /// The field's label, as the order form says it.
    pub fn label(self) -> Key {
        match self {
            OrderColumn::Number => Key::OrderNumber,
            OrderColumn::Customer => Key::Customer,
            OrderColumn::Date => Key::FieldDate,
            OrderColumn::Amount => Key::Amount,
            OrderColumn::Channel => Key::Channel,
            OrderColumn::Item => Key::ItemName,
            OrderColumn::Quantity => Key::Quantity,
            OrderColumn::UnitPrice => Key::UnitPrice,
            OrderColumn::Note => Key::FieldNote,
        }
    }

    /// A stable name of the field (the value of its choice in the mapping step).
    pub fn field(self) -> &'static str {
        match self {
            OrderColumn::Number => "number",
            OrderColumn::Customer => "customer",
            OrderColumn::Date => "date",
            OrderColumn::Amount => "amount",
            OrderColumn::Channel => "channel",
            OrderColumn::Item => "item",
            OrderColumn::Quantity => "quantity",
            OrderColumn::UnitPrice => "unit_price",
            OrderColumn::Note => "note",
        }
    }
}

/// Header names (compared without spaces or underscores, any case) of each column.
const HEADERS: [(OrderColumn, &[&str]); 9] = [
    (
        OrderColumn::Number,
        &[
            "订单号",
            "单号",
            "订单编号",
            "订单号码",
            "流水号",
            "orderno",
            "orderno.",
            "ordernumber",
            "orderid",
            "order#",
        ],
    ),
    (OrderColumn::Customer, &["客户", "客户名称", "姓名", "客户姓名", "手机", "电话", "customer", "name", "phone"]),
    (OrderColumn::Date, &["日期", "下单日期", "订单日期", "交易日期", "date", "orderdate"]),
    (OrderColumn::Amount, &["金额", "订单金额", "交易金额", "实付金额", "amount", "total"]),
    (OrderColumn::Channel, &["渠道", "销售渠道", "channel"]),
    (OrderColumn::Item, &["商品", "商品名称", "产品", "品名", "item", "product"]),
    (OrderColumn::Quantity, &["数量", "quantity", "qty"]),
    (OrderColumn::UnitPrice, &["单价", "unitprice", "price"]),
    (OrderColumn::Note, &["备注", "note", "notes"]),
];

/// The column a header names, if any.
pub fn column_of(header: &str) -> Option<OrderColumn> {
    match_header(header, &HEADERS)
}

/// The field each column of `header` holds, guessed from its header; each field goes
/// to the first column that names it.
pub fn guess_mapping(header: &[String]) -> Vec<Option<OrderColumn>> {
    let mut taken = Vec::new();
    header
        .iter()
        .map(|h| {
            let c = column_of(h).filter(|c| !taken.contains(c))?;
            taken.push(c);
            Some(c)
        })
        .collect()
}

/// Why an orders CSV cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrdersCsvError {
    /// The file has no rows, or only its header.
    #[error("the file holds no orders")]
    Empty,
    /// The file could not be read as CSV.
    #[error(transparent)]
    File(CsvError),
    /// A field the orders need has no column: the customer, the day, or the amount
    /// (or quantity and unit price).
    #[error("no column holds {0:?}")]
    Missing(OrderColumn),
    /// Two columns are mapped to the same field.
    #[error("columns {} and {} are both mapped to {column:?}", first + 1, second + 1)]
    MappedTwice {
        /// The field.
        column: OrderColumn,
        /// 0-based position of the first column mapped to it.
        first: usize,
        /// 0-based position of the second.
        second: usize,
    },
}

/// An orders CSV, read: its header, its data rows and the guessed mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersCsv {
    /// The first row, the column names.
    pub header: Vec<String>,
    /// The rows after the header; row `i` is line `i + 2`.
    pub rows: Vec<Vec<String>>,
    /// The field of each column, as [`guess_mapping`] guesses it.
    pub mapping: Vec<Option<OrderColumn>>,
}

/// Reads `bytes` (UTF-8) as an orders CSV and guesses its mapping (not checked yet).
pub fn read_orders_csv(bytes: &[u8]) -> Result<OrdersCsv, OrdersCsvError> {
    let mut rows = parse_csv(bytes).map_err(|e| match e {
        CsvError::Empty => OrdersCsvError::Empty,
        e => OrdersCsvError::File(e),
    })?;
    check_row_count(&rows).map_err(OrdersCsvError::File)?;
    if rows[1..].iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(OrdersCsvError::Empty);
    }
    let header = rows.remove(0);
    let mapping = guess_mapping(&header);
    Ok(OrdersCsv { header, rows, mapping })
}

/// Accepts a mapping with a customer, a day and an amount (or quantity and unit
/// price) column, and no field on two columns.
pub fn check_mapping(mapping: &[Option<OrderColumn>]) -> Result<(), OrdersCsvError> {
    let has = |c: OrderColumn| mapping.contains(&Some(c));
    for c in [OrderColumn::Customer, OrderColumn::Date] {
        if !has(c) {
            return Err(OrdersCsvError::Missing(c));
        }
    }
    let amount_known = has(OrderColumn::Amount) || (has(OrderColumn::Quantity) && has(OrderColumn::UnitPrice));
    if !amount_known {
        return Err(OrdersCsvError::Missing(OrderColumn::Amount));
    }
    for (second, c) in mapping.iter().enumerate() {
        let Some(column) = *c else { continue };
        if let Some(first) = mapping[..second].iter().position(|x| *x == Some(column)) {
            return Err(OrdersCsvError::MappedTwice { column, first, second });
        }
    }
    Ok(())
}

/// A day as people write it: 2026-11-05, 2026/11/5, 2026.11.05, 20261105.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = crate::model::validate::ascii_digits(text.trim());
    let t = t.split([' ', 'T']).next().unwrap_or("");
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::from_ymd_opt(t[..4].parse().ok()?, t[4..6].parse().ok()?, t[6..].parse().ok()?);
    }
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// A number as people write it: `1,280.50`, `¥99`, `１２`.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = crate::model::validate::ascii_digits(text.trim())
        .chars()
        .filter(|c| !matches!(c, ',' | '¥' | '￥' | ' '))
        .collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What an order is compared by when the file has no order number: the customer, the
/// day, the amount in fen and the lines (item names without spaces in any case,
/// quantities to a thousandth, unit prices in fen), in any order of the lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderFingerprint {
    customer_id: String,
    date: NaiveDate,
    amount_fen: i64,
    lines: Vec<(String, i64, i64)>,
}

/// The [`OrderFingerprint`] of `o`: two orders with the same one are likely the same
/// order imported twice.
pub fn order_fingerprint(o: &Order) -> OrderFingerprint {
    let mut lines: Vec<(String, i64, i64)> = o
        .items
        .iter()
        .map(|i| (fold(&i.name), (i.quantity * 1000.0).round() as i64, (i.unit_price * 100.0).round() as i64))
        .collect();
    lines.sort();
    OrderFingerprint { customer_id: o.customer_id.to_string(), date: o.date, amount_fen: o.amount_fen(), lines }
}

/// What to do with a row naming a customer the book does not have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum UnknownCustomer {
    /// Create the customer (named as the cell names them; a phone number is their
    /// phone too), once for all the rows naming them.
    #[default]
    Create,
    /// Leave the row out; it is listed with the problem rows.
    Skip,
}

/// The owner's choices for an orders import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OrderImportOptions {
    /// A row naming an unknown customer.
    pub unknown_customer: UnknownCustomer,
    /// A row without an order number identical to an order of the book.
    pub duplicates: LikelyDuplicates,
}

/// What an orders import would do, row by row, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderPlan {
    /// Every row that is not empty, in file order.
    pub rows: Vec<ReportRow>,
    /// The orders to write, each valid.
    pub orders: Vec<Order>,
    /// The customers to create for the rows naming an unknown one.
    pub new_customers: Vec<Customer>,
    /// How many rows have each outcome.
    pub counts: ImportCounts,
}

/// Plans the import of `rows` (the data rows) whose columns are `header` and hold the
/// fields of `mapping` (see [`check_mapping`]). `find_customer` turns a customer cell
/// (id, phone or exact name) into a customer's id; `existing` are the book's orders
/// (those in the trash are ignored); `today` is the last day an order may have.
///
/// Required: the customer, a day that is not after `today`, and an amount (or a
/// quantity and a unit price to make it). A row without them is refused. Any other
/// cell that cannot be read or breaks a rule (a quantity that is no number when the
/// amount is given, a channel too long) is set aside: left out of the order and its
/// text kept in the order's note ([`keep_original`]). `new_id` gives the id of every
/// order and customer created.
#[allow(clippy::too_many_arguments)]
pub fn plan_order_import<'a>(
    rows: &[Vec<String>],
    header: &[String],
    mapping: &[Option<OrderColumn>],
    find_customer: impl Fn(&str) -> Option<String>,
    existing: impl IntoIterator<Item = &'a Order>,
    options: OrderImportOptions,
    today: NaiveDate,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Id,
) -> OrderPlan {
    let mut by_number: HashMap<String, Id> = HashMap::new();
    let mut by_print: HashMap<OrderFingerprint, Vec<Id>> = HashMap::new();
    for o in existing.into_iter().filter(|o| o.deleted_at.is_none()) {
        if o.number.trim().is_empty() {
            by_print.entry(order_fingerprint(o)).or_default().push(o.id.clone());
        } else {
            by_number.entry(o.number.trim().to_owned()).or_insert_with(|| o.id.clone());
        }
    }
    // Orders of the book without a number are matched once each, in book order.
    for ids in by_print.values_mut() {
        ids.reverse();
    }
    let mut numbers_in_file: HashMap<String, usize> = HashMap::new();
    let mut created_customers: HashMap<String, Id> = HashMap::new();
    let mut plan =
        OrderPlan { rows: Vec::new(), orders: Vec::new(), new_customers: Vec::new(), counts: ImportCounts::default() };
    for (index, row) in rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = index + 2;
        let cell = |c: OrderColumn| super::csv::cell_of(mapping, header, row, c);
        let at = |c: OrderColumn, kind| CsvProblem { row: line, column: cell(c).1, kind };
        let mut refused = Vec::new();
        let mut aside: Vec<CsvProblem> = Vec::new();
        let summary =
            format!("{} {} {}", cell(OrderColumn::Customer).0, cell(OrderColumn::Date).0, cell(OrderColumn::Amount).0)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");

        // The day.
        let date = match parse_day(cell(OrderColumn::Date).0) {
            Some(d) if d > today => {
                refused.push(at(OrderColumn::Date, CsvProblemKind::Invalid(Problem::FutureDate)));
                None
            }
            Some(d) => Some(d),
            None if cell(OrderColumn::Date).0.is_empty() => {
                refused.push(at(OrderColumn::Date, CsvProblemKind::Invalid(Problem::Required)));
                None
            }
            None => {
                refused.push(at(OrderColumn::Date, CsvProblemKind::NotADate));
                None
            }
        };
        // The amount, from its cell or from the line.
        let number = |c: OrderColumn| -> Result<Option<f64>, CsvProblem> {
            let text = cell(c).0;
            if text.is_empty() {
                return Ok(None);
            }
            parse_number(text).map(Some).ok_or_else(|| at(c, CsvProblemKind::NotANumber))
        };
        let (quantity, price, amount) =
            (number(OrderColumn::Quantity), number(OrderColumn::UnitPrice), number(OrderColumn::Amount));
        let item = cell(OrderColumn::Item).0;
        let mut items = match (&quantity, &price) {
            (Ok(Some(q)), Ok(Some(p))) => {
                let name = if item.is_empty() { "—".into() } else { item.into() };
                vec![OrderItem { name, quantity: *q, unit_price: *p }]
            }
            _ => Vec::new(),
        };
        // A line that cannot be read, or breaks a rule, with its problems.
        let mut line_problems: Vec<CsvProblem> =
            [&quantity, &price].into_iter().filter_map(|r| r.as_ref().err().cloned()).collect();
        line_problems
            .extend(item_problems(&items).into_iter().map(|(c, problem)| at(c, CsvProblemKind::Invalid(problem))));
        if !line_problems.is_empty() {
            items.clear();
        }
        let total: f64 = items.iter().map(|i| i.quantity * i.unit_price).sum();
        let amount = match amount {
            // The amount is what counts; a line that cannot be read is set aside.
            Ok(Some(a)) => {
                aside.extend(line_problems);
                Some(a)
            }
            // The line makes the amount; an amount that is no number is set aside.
            Ok(None) | Err(_) if !items.is_empty() => {
                aside.extend(amount.err());
                Some(total)
            }
            Err(p) => {
                refused.push(p);
                refused.extend(line_problems);
                None
            }
            Ok(None) if line_problems.is_empty() => {
                let c =
                    if cell(OrderColumn::Amount).1.is_empty() { OrderColumn::Quantity } else { OrderColumn::Amount };
                refused.push(at(c, CsvProblemKind::Invalid(Problem::Required)));
                None
            }
            Ok(None) => {
                refused.extend(line_problems);
                None
            }
        };
        let max = crate::model::order::MAX_AMOUNT;
        if amount.is_some_and(|a| !(a.is_finite() && (0.0..=max).contains(&a))) {
            let c = if cell(OrderColumn::Amount).0.is_empty() { OrderColumn::Quantity } else { OrderColumn::Amount };
            refused.push(at(c, CsvProblemKind::Invalid(Problem::OutOfRange { min: 0, max: max as i64 })));
        }
        // The customer.
        let who = cell(OrderColumn::Customer).0;
        let (mut new_customer, mut unknown, mut known_new) = (None, false, false);
        let customer_id = if who.is_empty() {
            refused.push(at(OrderColumn::Customer, CsvProblemKind::Invalid(Problem::Required)));
            None
        } else if let Some(id) = find_customer(who) {
            Some(Id::from(id))
        } else if let Some(id) = created_customers.get(who) {
            known_new = true;
            Some(id.clone())
        } else {
            match options.unknown_customer {
                UnknownCustomer::Skip => {
                    unknown = true;
                    None
                }
                UnknownCustomer::Create => {
                    let mut c = Customer::new(String::new(), who, now);
                    if is_valid_phone(&ascii_digits(who)) {
                        c.phone = ascii_digits(who).into();
                    }
                    // A name too long for a customer is refused with the row.
                    if c.name.chars().count() > crate::model::validate::MAX_LINE {
                        refused.push(at(
                            OrderColumn::Customer,
                            CsvProblemKind::Invalid(Problem::TooLong { max: crate::model::validate::MAX_LINE }),
                        ));
                        None
                    } else {
                        new_customer = Some(c);
                        Some(Id::default())
                    }
                }
            }
        };
        if !refused.is_empty() {
            if unknown {
                refused.push(at(OrderColumn::Customer, CsvProblemKind::UnknownCustomer));
            }
            // In the order of the file's columns.
            refused.sort_by_key(|p| header.iter().position(|h| h.trim() == p.column));
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Refused,
                problems: refused,
                summary,
                duplicate_of: None,
                new_customer: false,
            });
            continue;
        }
        let (Some(date), Some(amount)) = (date, amount) else { continue };
        let Some(customer_id) = customer_id else {
            // An unknown customer the owner chose not to create.
            let problems = vec![at(OrderColumn::Customer, CsvProblemKind::UnknownCustomer)];
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Skipped,
                problems,
                summary,
                duplicate_of: None,
                new_customer: false,
            });
            continue;
        };
        let mut order = Order {
            sample: false,
            id: Id::default(),
            customer_id,
            date,
            items,
            amount,
            channel: cell(OrderColumn::Channel).0.into(),
            note: cell(OrderColumn::Note).0.into(),
            number: cell(OrderColumn::Number).0.into(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        for e in order.validate() {
            let c = match e.field.as_str() {
                "channel" => OrderColumn::Channel,
                "number" => OrderColumn::Number,
                _ => continue,
            };
            aside.push(at(c, CsvProblemKind::Invalid(e.problem)));
        }
        for p in &aside {
            let c = mapping.iter().zip(header).find(|(_, h)| h.trim() == p.column).and_then(|(m, _)| *m);
            match c {
                Some(OrderColumn::Channel) => order.channel = Default::default(),
                Some(OrderColumn::Number) => order.number = Default::default(),
                _ => {}
            }
            if let Some(col) = c {
                order.note = keep_original(&order.note, &p.column, cell(col).0).into();
            }
        }
        if let Some(e) = order.validate().into_iter().find(|e| e.field != "customer_id" && e.field != "id") {
            // Only the note itself can still be wrong (too long to keep anything in).
            let problems = vec![at(OrderColumn::Note, CsvProblemKind::Invalid(e.problem))];
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Refused,
                problems,
                summary,
                duplicate_of: None,
                new_customer: false,
            });
            continue;
        }
        // Already in the book, or earlier in the file?
        let number = order.number.trim().to_owned();
        let duplicate_of = if number.is_empty() {
            None
        } else if let Some(id) = by_number.get(&number) {
            Some(DuplicateOf::Order { id: id.clone(), by_number: true })
        } else {
            numbers_in_file.get(&number).map(|&l| DuplicateOf::OrderLine { line: l })
        };
        let likely = if duplicate_of.is_none() && new_customer.is_none() && !known_new {
            by_print.get_mut(&order_fingerprint(&order)).and_then(Vec::pop)
        } else {
            None
        };
        let (fate, duplicate_of) = match (duplicate_of, likely) {
            (Some(d), _) => (RowFate::Skipped, Some(d)),
            (None, Some(id)) => {
                let d = DuplicateOf::Order { id, by_number: false };
                match options.duplicates {
                    LikelyDuplicates::Skip => (RowFate::Skipped, Some(d)),
                    LikelyDuplicates::Import => (RowFate::Created, Some(d)),
                }
            }
            (None, None) => (RowFate::Created, None),
        };
        let is_new_customer = new_customer.is_some() || known_new;
        if fate == RowFate::Created {
            if let Some(mut c) = new_customer {
                c.id = new_id();
                created_customers.insert(who.to_owned(), c.id.clone());
                order.customer_id = c.id.clone();
                plan.new_customers.push(c);
            }
            order.id = new_id();
            if !number.is_empty() {
                numbers_in_file.insert(number, line);
            }
            plan.orders.push(order);
        }
        plan.rows.push(ReportRow {
            index,
            line,
            fate,
            problems: aside,
            summary,
            duplicate_of,
            new_customer: is_new_customer,
        });
    }
    plan.counts = count(&plan.rows);
    plan
}

/// The rules one line of an order breaks, each with the column it comes from.
fn item_problems(items: &[OrderItem]) -> Vec<(OrderColumn, Problem)> {
    let probe = Order {
        sample: false,
        id: "probe".into(),
        customer_id: "probe".into(),
        date: NaiveDate::MIN,
        items: items.to_vec(),
        amount: 0.0,
        channel: Default::default(),
        note: Default::default(),
        number: Default::default(),
        created_at: DateTime::<Utc>::MIN_UTC,
        updated_at: DateTime::<Utc>::MIN_UTC,
        deleted_at: None,
    };
    probe
        .validate()
        .into_iter()
        .filter_map(|e| {
            let c = match e.field.rsplit('.').next() {
                Some("quantity") => OrderColumn::Quantity,
                Some("unit_price") => OrderColumn::UnitPrice,
                Some("name") => OrderColumn::Item,
                _ => return None,
            };
            Some((c, e.problem))
        })
        .collect()
}

/// Reads `bytes` as orders, all or nothing: every row must import without a problem
/// (an unknown customer is a problem here). `find_customer` turns the customer cell
/// into an id; `today` is the last day an order may have. Used where a file must
/// come back exactly (an exported orders CSV read back); the orders page plans with
/// [`plan_order_import`] instead.
pub fn orders_from_csv(
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Order>, Vec<CsvProblem>> {
    let file = |e| vec![CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) }];
    let csv = match read_orders_csv(bytes) {
        Ok(csv) => csv,
        Err(OrdersCsvError::Empty) => return Err(file(CsvError::Empty)),
        Err(OrdersCsvError::File(e)) => return Err(file(e)),
        Err(_) => unreachable!("reading does not check the mapping"),
    };
    if let Err(e) = check_mapping(&csv.mapping) {
        let column = match e {
            OrdersCsvError::Missing(OrderColumn::Customer) => "客户 / customer",
            OrdersCsvError::Missing(OrderColumn::Date) => "日期 / date",
            _ => "金额 / amount",
        };
        return Err(vec![CsvProblem { row: 1, column: column.into(), kind: CsvProblemKind::MissingColumn }]);
    }
    let options = OrderImportOptions { unknown_customer: UnknownCustomer::Skip, duplicates: LikelyDuplicates::Import };
    let plan = plan_order_import(&csv.rows, &csv.header, &csv.mapping, find_customer, [], options, today, now, new_id);
    let mut problems: Vec<CsvProblem> = plan.rows.iter().flat_map(|r| r.problems.iter().cloned()).collect();
    if problems.is_empty() {
        Ok(plan.orders)
    } else {
        problems.truncate(100);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Problem;

    fn find(cell: &str) -> Option<String> {
        match cell {
            "张三" | "13800000000" => Some("c1".into()),
            "李四" => Some("c2".into()),
            _ => None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-26T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn headers_in_chinese_or_english_and_dates_as_people_write_them() {
        assert_eq!(column_of(" 订单金额 "), Some(OrderColumn::Amount));
        assert_eq!(column_of("Unit Price"), Some(OrderColumn::UnitPrice));
        assert_eq!(column_of("颜色"), None);
        let d = NaiveDate::from_ymd_opt(2026, 11, 5);
        for s in ["2026-11-05", "2026/11/5", "2026.11.05", "20261105", "2026年11月5日", "2026-11-05 10:30"] {
            assert_eq!(parse_day(s), d, "{s}");
        }
        assert_eq!(parse_number("¥1,280.50"), Some(1280.5));
    }

    #[test]
    fn rows_become_orders_with_their_line() {
        let csv =
            "客户,日期,商品,数量,单价,渠道\n张三,2026/11/05,纯棉T恤,2,59.5,网店\n13800000000,2026-10-01,袜子,3,10,\n";
        let orders = orders_from_csv(csv.as_bytes(), find, today(), now()).unwrap();
        assert_eq!(orders.len(), 2);
        assert_eq!(orders[0].customer_id, "c1");
        assert_eq!(orders[0].amount, 119.0);
        assert_eq!(orders[0].items[0].name, "纯棉T恤");
        assert_eq!(orders[1].amount, 30.0);
        let by_amount = "customer,date,amount\n李四,2026-01-02,880\n";
        let o = orders_from_csv(by_amount.as_bytes(), find, today(), now()).unwrap();
        assert_eq!((o[0].customer_id.as_str(), o[0].amount, o[0].items.len()), ("c2", 880.0, 0));
    }

    #[test]
    fn a_missing_column_and_bad_rows_are_named_and_nothing_is_kept() {
        let err = orders_from_csv("客户,金额\n张三,5\n".as_bytes(), find, today(), now()).unwrap_err();
        assert_eq!(err, vec![CsvProblem { row: 1, column: "日期 / date".into(), kind: CsvProblemKind::MissingColumn }]);
        let csv = "客户,日期,数量,单价\n张三,2026-11-01,-2,10\n王五,2099-01-01,1,5\n李四,昨天,1,x\n";
        let err = orders_from_csv(csv.as_bytes(), find, today(), now()).unwrap_err();
        let got: Vec<(usize, &str, &CsvProblemKind)> =
            err.iter().map(|p| (p.row, p.column.as_str(), &p.kind)).collect();
        assert_eq!(
            got,
            [
                (2, "数量", &CsvProblemKind::Invalid(Problem::Positive)),
                (3, "客户", &CsvProblemKind::UnknownCustomer),
                (3, "日期", &CsvProblemKind::Invalid(Problem::FutureDate)),
                (4, "日期", &CsvProblemKind::NotADate),
                (4, "单价", &CsvProblemKind::NotANumber),
            ]
        );
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            Id::from(format!("n{n}"))
        }
    }

    fn plan(text: &str, existing: &[Order], options: OrderImportOptions) -> OrderPlan {
        let csv = read_orders_csv(text.as_bytes()).unwrap();
        check_mapping(&csv.mapping).unwrap();
        plan_order_import(&csv.rows, &csv.header, &csv.mapping, find, existing, options, today(), now(), ids())
    }

    fn fates(p: &OrderPlan) -> Vec<(usize, RowFate)> {
        p.rows.iter().map(|r| (r.line, r.fate)).collect()
    }

    fn order(customer: &str, date: &str, amount: f64, items: &[(&str, f64, f64)]) -> Order {
        Order {
            sample: false,
            id: "o".into(),
            customer_id: customer.into(),
            date: date.parse().unwrap(),
            items: items
                .iter()
                .map(|(n, q, p)| OrderItem { name: (*n).into(), quantity: *q, unit_price: *p })
                .collect(),
            amount,
            channel: "门店".into(),
            note: Default::default(),
            number: Default::default(),
            created_at: now(),
            updated_at: now(),
            deleted_at: None,
        }
    }

    #[test]
    fn fingerprints_match_the_same_order_and_only_it() {
        let a = order("c1", "2026-11-05", 119.0, &[("纯棉T恤", 2.0, 59.5), ("袜子", 1.0, 0.0)]);
        // The lines in another order, spaces and case in a name, a channel and a note.
        let mut same = order("c1", "2026-11-05", 119.004, &[("袜子", 1.0, 0.0), ("纯棉 t恤", 2.0, 59.5)]);
        same.channel = "网店".into();
        same.note = "again".into();
        assert_eq!(order_fingerprint(&a), order_fingerprint(&same));
        for other in [
            order("c2", "2026-11-05", 119.0, &[("纯棉T恤", 2.0, 59.5), ("袜子", 1.0, 0.0)]),
            order("c1", "2026-11-06", 119.0, &[("纯棉T恤", 2.0, 59.5), ("袜子", 1.0, 0.0)]),
            order("c1", "2026-11-05", 119.01, &[("纯棉T恤", 2.0, 59.5), ("袜子", 1.0, 0.0)]),
            order("c1", "2026-11-05", 119.0, &[("纯棉T恤", 3.0, 59.5), ("袜子", 1.0, 0.0)]),
            order("c1", "2026-11-05", 119.0, &[("纯棉T恤", 2.0, 59.5)]),
            order("c1", "2026-11-05", 119.0, &[]),
        ] {
            assert_ne!(order_fingerprint(&a), order_fingerprint(&other), "{other:?}");
        }
    }

    #[test]
    fn headers_map_as_spreadsheets_name_them_and_a_missing_field_is_named() {
        let header: Vec<String> = ["订单号", "客户", "日期", "金额", "Order No."].map(String::from).to_vec();
        use OrderColumn as C;
        assert_eq!(guess_mapping(&header), [Some(C::Number), Some(C::Customer), Some(C::Date), Some(C::Amount), None]);
        assert_eq!(column_of("Order No."), Some(C::Number));
        assert_eq!(column_of("单号"), Some(C::Number));
        assert_eq!(check_mapping(&[Some(C::Customer), Some(C::Amount)]), Err(OrdersCsvError::Missing(C::Date)));
        assert_eq!(
            check_mapping(&[Some(C::Customer), Some(C::Date), Some(C::Quantity)]),
            Err(OrdersCsvError::Missing(C::Amount))
        );
        assert_eq!(check_mapping(&[Some(C::Customer), Some(C::Date), Some(C::Quantity), Some(C::UnitPrice)]), Ok(()));
    }

    /// Three orders without numbers, two of them alike (two coffees on one day).
    const PLAIN: &str = "客户,日期,商品,数量,单价,金额\n\
        张三,2026-11-05,咖啡,1,20,\n\
        张三,2026-11-05,咖啡,1,20,\n\
        李四,2026-11-06,,,,880\n";

    #[test]
    fn the_same_file_imported_twice_adds_nothing_the_second_time() {
        let first = plan(PLAIN, &[], OrderImportOptions::default());
        assert_eq!(first.counts, ImportCounts { created: 3, ..ImportCounts::default() });
        let amounts: Vec<(&str, f64, usize)> =
            first.orders.iter().map(|o| (o.customer_id.as_str(), o.amount, o.items.len())).collect();
        assert_eq!(amounts, [("c1", 20.0, 1), ("c1", 20.0, 1), ("c2", 880.0, 0)]);
        let second = plan(PLAIN, &first.orders, OrderImportOptions::default());
        assert_eq!(second.counts, ImportCounts { skipped: 3, ..ImportCounts::default() });
        assert!(second.orders.is_empty());
        assert_eq!(
            second.rows[1].duplicate_of,
            Some(DuplicateOf::Order { id: "n2".into(), by_number: false }),
            "each order of the book matches one row"
        );
        // One of the coffees already in: the other is still new.
        let third = plan(PLAIN, &first.orders[..1], OrderImportOptions::default());
        assert_eq!(fates(&third), [(2, RowFate::Skipped), (3, RowFate::Created), (4, RowFate::Created)]);
        // The owner may import likely duplicates anyway; they are still pointed out.
        let options = OrderImportOptions { duplicates: LikelyDuplicates::Import, ..OrderImportOptions::default() };
        let anyway = plan(PLAIN, &first.orders, options);
        assert_eq!(anyway.counts, ImportCounts { created: 3, ..ImportCounts::default() });
        assert!(anyway
            .rows
            .iter()
            .all(|r| matches!(r.duplicate_of, Some(DuplicateOf::Order { by_number: false, .. }))));
    }

    #[test]
    fn an_order_number_already_in_the_book_or_the_file_is_skipped() {
        let text = "单号,客户,日期,金额\nA001,张三,2026-11-01,100\nA002,张三,2026-11-01,100\nA002,李四,2026-11-02,5\n";
        let mut old = order("c9", "2026-10-01", 1.0, &[]);
        old.number = "A001".into();
        let p = plan(text, std::slice::from_ref(&old), OrderImportOptions::default());
        assert_eq!(fates(&p), [(2, RowFate::Skipped), (3, RowFate::Created), (4, RowFate::Skipped)]);
        assert_eq!(p.rows[0].duplicate_of, Some(DuplicateOf::Order { id: "o".into(), by_number: true }));
        assert_eq!(p.rows[2].duplicate_of, Some(DuplicateOf::OrderLine { line: 3 }));
        assert_eq!(p.orders[0].number, "A002");
        let book: Vec<Order> = std::iter::once(old).chain(p.orders.iter().cloned()).collect();
        let again = plan(text, &book, OrderImportOptions::default());
        assert_eq!(again.counts.skipped, 3, "the numbers make a second import add nothing");
        // An order of the book with another number is another order, however alike.
        let mut other = order("c1", "2026-11-01", 100.0, &[]);
        other.number = "B777".into();
        let p = plan("单号,客户,日期,金额\nA003,张三,2026-11-01,100\n", &[other], OrderImportOptions::default());
        assert_eq!(fates(&p), [(2, RowFate::Created)]);
    }

    #[test]
    fn an_unknown_customer_is_created_once_or_the_row_skipped_as_the_owner_chooses() {
        let text =
            "客户,日期,金额\n王五,2026-11-01,10\n13912345678,2026-11-02,20\n王五,2026-11-03,30\n张三,2026-11-04,40\n";
        let p = plan(text, &[], OrderImportOptions::default());
        assert_eq!(p.counts, ImportCounts { created: 4, ..ImportCounts::default() });
        let made: Vec<(&str, &str, &str)> =
            p.new_customers.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.phone.as_str())).collect();
        assert_eq!(made, [("n1", "王五", ""), ("n3", "13912345678", "13912345678")]);
        let whose: Vec<&str> = p.orders.iter().map(|o| o.customer_id.as_str()).collect();
        assert_eq!(whose, ["n1", "n3", "n1", "c1"]);
        assert!(p.rows[0].new_customer && p.rows[2].new_customer && !p.rows[3].new_customer);
        assert!(p.new_customers.iter().all(|c| c.validate().is_empty()));
        let options = OrderImportOptions { unknown_customer: UnknownCustomer::Skip, ..OrderImportOptions::default() };
        let p = plan(text, &[], options);
        assert_eq!(p.counts, ImportCounts { created: 1, skipped: 3, ..ImportCounts::default() });
        assert!(p.new_customers.is_empty());
        assert_eq!(p.rows[0].problems[0].kind, CsvProblemKind::UnknownCustomer);
        assert!(p.rows[0].has_problem(), "a skipped unknown customer is in the problem list");
    }

    #[test]
    fn a_bad_optional_cell_goes_to_the_note_and_only_a_row_without_its_required_fields_is_refused() {
        let text = "客户,日期,商品,数量,单价,金额,渠道,备注\n\
            张三,2026-11-01,茶叶,x,30,100,门店,熟客\n\
            张三,2026-11-02,茶叶,2,10,¥abc,,\n\
            张三,,茶叶,1,10,,,\n\
            李四,2026-11-03,,,,abc,,\n\
            ,2026-11-03,,,,5,,\n\
            李四,2026-11-04,茶叶,-2,10,,,\n";
        let p = plan(text, &[], OrderImportOptions::default());
        assert_eq!(p.counts, ImportCounts { with_problem: 2, invalid: 4, ..ImportCounts::default() });
        let kept: Vec<(f64, usize, &str)> =
            p.orders.iter().map(|o| (o.amount, o.items.len(), o.note.as_str())).collect();
        assert_eq!(kept, [(100.0, 0, "熟客\n数量(原文): x"), (20.0, 1, "金额(原文): ¥abc")]);
        let refused: Vec<(usize, &str, &CsvProblemKind)> = p
            .rows
            .iter()
            .filter(|r| r.fate == RowFate::Refused)
            .flat_map(|r| r.problems.iter().map(|x| (x.row, x.column.as_str(), &x.kind)))
            .collect();
        assert_eq!(
            refused,
            [
                (4, "日期", &CsvProblemKind::Invalid(Problem::Required)),
                (5, "金额", &CsvProblemKind::NotANumber),
                (6, "客户", &CsvProblemKind::Invalid(Problem::Required)),
                (7, "数量", &CsvProblemKind::Invalid(Problem::Positive)),
            ]
        );
    }
}
