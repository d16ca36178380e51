//! Orders from a CSV file, one order per row. Columns are found by their header, in
//! Chinese or English (客户/customer, 日期/date, 金额/amount, 渠道/channel, 商品/item,
//! 数量/quantity, 单价/unit price, 备注/note); a row with an item, quantity and unit
//! price becomes an order with that line. Every row is checked before any is kept.

use chrono::{DateTime, NaiveDate, Utc};

use super::csv::parse_csv;
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::model::order::{Order, OrderItem};
use crate::model::{new_id, Problem, Record};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderColumn {
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

/// Header names (compared without spaces, any case) of each column.
const HEADERS: [(OrderColumn, &[&str]); 8] = [
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
    super::csv::match_header(header, &HEADERS)
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

/// Reads `bytes` as orders. `find_customer` turns the customer cell into an id;
/// `today` is the last day an order may have.
pub fn orders_from_csv(
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Order>, Vec<CsvProblem>> {
    let rows = parse_csv(bytes)
        .map_err(|e| vec![CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) }])?;
    let header = &rows[0];
    let columns: Vec<Option<OrderColumn>> = header.iter().map(|h| column_of(h)).collect();
    let has = |c: OrderColumn| columns.contains(&Some(c));
    let mut problems = Vec::new();
    let missing = |name: &str| CsvProblem { row: 1, column: name.to_owned(), kind: CsvProblemKind::MissingColumn };
    if !has(OrderColumn::Customer) {
        problems.push(missing("客户 / customer"));
    }
    if !has(OrderColumn::Date) {
        problems.push(missing("日期 / date"));
    }
    let amount_known = has(OrderColumn::Amount) || (has(OrderColumn::Quantity) && has(OrderColumn::UnitPrice));
    if !amount_known {
        problems.push(missing("金额 / amount"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let row_no = i + 1;
        let cell = |c: OrderColumn| super::csv::cell_of(&columns, header, row, c);
        let mut bad = |column: String, kind| problems.push(CsvProblem { row: row_no, column, kind });
        let (who, who_col) = cell(OrderColumn::Customer);
        let customer_id = match find_customer(who) {
            Some(id) if !who.is_empty() => id,
            _ => {
                bad(
                    who_col,
                    if who.is_empty() {
                        CsvProblemKind::Invalid(Problem::Required)
                    } else {
                        CsvProblemKind::UnknownCustomer
                    },
                );
                String::new()
            }
        };
        let (day, day_col) = cell(OrderColumn::Date);
        let date = match parse_day(day) {
            Some(d) if d > today => {
                bad(day_col, CsvProblemKind::Invalid(Problem::FutureDate));
                None
            }
            Some(d) => Some(d),
            None => {
                bad(day_col, CsvProblemKind::NotADate);
                None
            }
        };
        let mut number = |c: OrderColumn| -> Option<Option<f64>> {
            let (text, col) = cell(c);
            if text.is_empty() {
                return Some(None);
            }
            match parse_number(text) {
                Some(v) => Some(Some(v)),
                None => {
                    bad(col, CsvProblemKind::NotANumber);
                    None
                }
            }
        };
        let quantity = number(OrderColumn::Quantity);
        let price = number(OrderColumn::UnitPrice);
        let line_unreadable = quantity.is_none() || price.is_none();
        let amount = number(OrderColumn::Amount);
        let (item, _) = cell(OrderColumn::Item);
        let items = match (quantity, price) {
            (Some(Some(q)), Some(Some(p))) => {
                vec![OrderItem {
                    name: if item.is_empty() { "—".into() } else { item.into() },
                    quantity: q,
                    unit_price: p,
                }]
            }
            _ => Vec::new(),
        };
        let total: f64 = items.iter().map(|i| i.quantity * i.unit_price).sum();
        let amount = match amount {
            Some(Some(a)) => a,
            Some(None) if !items.is_empty() => total,
            Some(None) if line_unreadable => 0.0,
            Some(None) => {
                let (_, col) = cell(OrderColumn::Amount);
                let col = if col.is_empty() { cell(OrderColumn::Quantity).1 } else { col };
                bad(col, CsvProblemKind::Invalid(Problem::Required));
                0.0
            }
            None => 0.0,
        };
        let Some(date) = date else { continue };
        let order = Order {
            sample: false,
            id: new_id(),
            customer_id: customer_id.into(),
            date,
            items,
            amount,
            channel: cell(OrderColumn::Channel).0.into(),
            note: cell(OrderColumn::Note).0.into(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        let amount_given = !cell(OrderColumn::Amount).1.is_empty();
        for e in order.validate() {
            // The customer is already said; an amount made from a bad line is the line's fault.
            if e.field == "customer_id" || (e.field == "amount" && !amount_given) {
                continue;
            }
            let column = match e.field.as_str() {
                "amount" => cell(OrderColumn::Amount).1,
                f if f.ends_with("quantity") => cell(OrderColumn::Quantity).1,
                f if f.ends_with("unit_price") => cell(OrderColumn::UnitPrice).1,
                f if f.ends_with("name") => cell(OrderColumn::Item).1,
                "channel" => cell(OrderColumn::Channel).1,
                _ => cell(OrderColumn::Note).1,
            };
            problems.push(CsvProblem { row: row_no, column, kind: CsvProblemKind::Invalid(e.problem) });
        }
        out.push(order);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.truncate(100);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
