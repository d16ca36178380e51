//! Tables as CSV for spreadsheets: UTF-8 with a byte-order mark so Excel opens Chinese
//! text correctly, CRLF line ends, and headers the CSV imports recognise, so an exported
//! table can be imported again.

use chrono::FixedOffset;

use super::csv::{csv_line, csv_row, Cell};
use crate::i18n::{Key, Lang};
use crate::model::call::{Call, CallDirection};
use crate::model::custom_field::CustomFields;
use crate::model::order::Order;
use crate::model::{Choice, Customer};

/// A whole CSV file: the byte-order mark, the header, the rows. Text cells that a
/// spreadsheet would run as a formula are guarded, numbers written plain (see
/// [`csv_row`]).
pub fn to_csv<S: AsRef<str>, C: Into<Cell>>(header: &[S], rows: impl IntoIterator<Item = Vec<C>>) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(header));
    for r in rows {
        out.push_str(&csv_row(&r.into_iter().map(Into::into).collect::<Vec<Cell>>()));
    }
    out
}

/// The built-in columns of the customer table, in order, by the words of their header.
pub const CUSTOMER_COLUMNS: [Key; 19] = [
    Key::FieldName,
    Key::FieldKind,
    Key::FieldPhone,
    Key::FieldWechat,
    Key::FieldEmail,
    Key::FieldCompany,
    Key::FieldTitle,
    Key::FieldIndustry,
    Key::FieldRegion,
    Key::FieldAddress,
    Key::FieldSource,
    Key::FieldStage,
    Key::FieldTags,
    Key::FieldBirthday,
    Key::FieldNotes,
    Key::OpeningTotal,
    Key::OpeningPurchases,
    Key::OpeningFirst,
    Key::OpeningLast,
];

/// The customers as a table every field of theirs is in: the header (in `lang`, as the
/// customers import reads it) and one row per customer. After the built-in columns
/// ([`CUSTOMER_COLUMNS`]) come the custom fields: those declared in `fields`, then any
/// other a customer holds a value of (a field since removed), so nothing is left out.
/// A birthday without its year is written `03-08`; the opening total and purchases are
/// numbers, every other cell text.
pub fn customer_table<'a>(
    lang: Lang,
    customers: impl IntoIterator<Item = &'a Customer> + Clone,
    fields: &CustomFields,
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let mut custom: Vec<String> = fields.fields.iter().map(|f| f.name.to_string()).collect();
    for c in customers.clone() {
        for name in c.custom.keys() {
            if !custom.contains(name) {
                custom.push(name.clone());
            }
        }
    }
    let mut header: Vec<String> = CUSTOMER_COLUMNS.iter().map(|k| lang.t(*k).to_owned()).collect();
    header.extend(custom.iter().cloned());
    let text = |s: &str| Cell::Text(s.to_owned());
    let day = |d: Option<chrono::NaiveDate>| Cell::Text(d.map(|d| d.to_string()).unwrap_or_default());
    let rows = customers
        .into_iter()
        .map(|c| {
            let opening = c.opening.clone().unwrap_or_default();
            let mut row = vec![
                text(&c.name),
                text(c.kind.value()),
                text(&c.phone),
                text(&c.wechat),
                text(&c.email),
                text(&c.company),
                text(&c.title),
                text(&c.industry),
                text(&c.region),
                text(&c.address),
                text(&c.source),
                text(c.stage.value()),
                Cell::Text(c.tags.join(";")),
                Cell::Text(c.birthday.map(|b| b.plain()).unwrap_or_default()),
                text(&c.notes),
                opening.total.map_or_else(|| text(""), Cell::Number),
                opening.purchases.map_or_else(|| text(""), Cell::from),
                day(opening.first),
                day(opening.last),
            ];
            row.extend(custom.iter().map(|name| text(c.custom.get(name).map_or("", |v| v.as_str()))));
            row
        })
        .collect();
    (header, rows)
}

/// The header of [`order_rows`], as the orders import reads it.
pub const ORDER_HEADER: [&str; 8] = ["客户", "日期", "商品", "数量", "单价", "金额", "渠道", "备注"];

/// The orders as rows under [`ORDER_HEADER`]: one row per line of an order (its amount
/// is quantity × unit price), and an order without lines as one row with its amount.
/// The orders import reads one order per row, so an order of several lines comes back
/// as one order per line.
/// `customer` names the customer as the import will look it up (phone or name).
/// Quantity, unit price and amount are numbers; the other cells text.
pub fn order_rows<'a>(
    orders: impl IntoIterator<Item = &'a Order>,
    customer: impl Fn(&str) -> String,
) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    let text = |s: &str| Cell::Text(s.to_owned());
    for o in orders {
        let who = customer(&o.customer_id);
        if o.items.is_empty() {
            out.push(vec![
                text(&who),
                Cell::Text(o.date.to_string()),
                text(""),
                text(""),
                text(""),
                Cell::Number(o.amount),
                text(&o.channel),
                text(&o.note),
            ]);
        }
        for item in &o.items {
            out.push(vec![
                text(&who),
                Cell::Text(o.date.to_string()),
                text(&item.name),
                Cell::Number(item.quantity),
                Cell::Number(item.unit_price),
                text(""),
                text(&o.channel),
                text(&o.note),
            ]);
        }
    }
    out
}

/// The header of [`call_rows`], as the call-log import reads it.
pub const CALL_HEADER: [&str; 10] =
    ["时间", "方向", "排队时长", "通话时长", "话后处理", "放弃", "首次解决", "坐席", "客户", "备注"];

/// The calls as rows under [`CALL_HEADER`], times in the zone `offset`; `customer` names a
/// linked customer as the import will look it up. The three durations are numbers; the
/// other cells text.
pub fn call_rows<'a>(
    calls: impl IntoIterator<Item = &'a Call>,
    offset: FixedOffset,
    customer: impl Fn(&str) -> String,
) -> Vec<Vec<Cell>> {
    let yes = |b: bool| Cell::from(if b { "是" } else { "否" });
    calls
        .into_iter()
        .map(|c| {
            vec![
                Cell::Text(c.started_at.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S").to_string()),
                Cell::from(match c.direction {
                    CallDirection::Inbound => "呼入",
                    CallDirection::Outbound => "呼出",
                }),
                Cell::from(c.queue_seconds),
                Cell::from(c.talk_seconds),
                Cell::from(c.wrap_seconds),
                yes(c.abandoned),
                yes(c.first_contact_resolved),
                Cell::Text(c.agent.clone()),
                Cell::Text(if c.customer_id.is_empty() { String::new() } else { customer(&c.customer_id) }),
                Cell::Text(c.note.clone()),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::calls_csv::calls_from_csv;
    use crate::workbook::orders_csv::orders_from_csv;
    use crate::workbook::sample::{sample_workbook, SampleCompany};

    #[test]
    fn a_file_starts_with_the_byte_order_mark_and_quotes_what_needs_it() {
        let text = to_csv(&["名称", "备注"], [vec!["张三".to_owned(), "说了\"好\", 明天再来".to_owned()]]);
        assert_eq!(text, "\u{feff}名称,备注\r\n张三,\"说了\"\"好\"\", 明天再来\"\r\n");
    }

    #[test]
    fn exported_orders_and_calls_import_back_the_same() {
        let wb = sample_workbook(SampleCompany::TaobaoShop, 5, 40);
        let c = &wb.collections;
        let name_of =
            |id: &str| c.customers.iter().find(|x| x.id == id).map(|x| x.phone.to_string()).unwrap_or_default();
        let find = |cell: &str| c.customers.iter().find(|x| x.phone == cell).map(|x| x.id.to_string());
        let now = "2026-11-27T08:00:00Z".parse().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let orders: Vec<&Order> = c.orders.iter().filter(|o| !o.items.is_empty()).take(30).collect();
        let single_line: Vec<&Order> = orders.iter().copied().filter(|o| o.items.len() == 1).collect();
        let text = to_csv(&ORDER_HEADER, order_rows(single_line.iter().copied(), name_of));
        let back = orders_from_csv(text.as_bytes(), find, today, now).unwrap();
        assert_eq!(back.len(), single_line.len());
        for (a, b) in single_line.iter().zip(&back) {
            assert_eq!((&a.customer_id, a.date, &a.items, &a.channel), (&b.customer_id, b.date, &b.items, &b.channel));
        }
        let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
        let calls: Vec<&Call> = c.calls.iter().take(50).collect();
        let text = to_csv(&CALL_HEADER, call_rows(calls.iter().copied(), beijing, name_of));
        let back = calls_from_csv(text.as_bytes(), find, beijing, now).unwrap();
        for (a, b) in calls.iter().zip(&back) {
            assert_eq!(
                (a.started_at, a.direction, a.queue_seconds, a.talk_seconds, a.abandoned, &a.agent, &a.customer_id),
                (b.started_at, b.direction, b.queue_seconds, b.talk_seconds, b.abandoned, &b.agent, &b.customer_id)
            );
        }
    }
}

/// Any collection as a CSV file, one column per field of its records as the workbook
/// file names them (`id` first, then the others in alphabetical order): text and
/// numbers as they are, a list of plain values joined with `;`, a nested object or
/// list of objects as its JSON text. Records in the trash are left out. JSON numbers
/// are written as numbers; everything else is text, guarded where it starts like a
/// formula.
pub fn records_csv<T: crate::model::Record>(records: &[T]) -> String {
    use serde_json::Value;
    let values: Vec<serde_json::Map<String, Value>> = records
        .iter()
        .filter(|r| !r.is_trashed())
        .filter_map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        })
        .collect();
    let mut header: Vec<String> = vec!["id".to_owned()];
    for m in &values {
        for k in m.keys() {
            if !header.contains(k) {
                header.push(k.clone());
            }
        }
    }
    let cell = |v: Option<&Value>| -> Cell {
        Cell::Text(match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::Number(n)) => return n.as_f64().map_or_else(|| Cell::Text(n.to_string()), Cell::Number),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(items)) if items.iter().all(|i| !i.is_object() && !i.is_array()) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(";"),
            Some(other) => other.to_string(),
        })
    };
    let rows = values.iter().map(|m| header.iter().map(|k| cell(m.get(k))).collect());
    to_csv(&header, rows)
}

/// A visitor that writes the collection called `name` as [`records_csv`].
pub struct CollectionCsv<'a> {
    /// The collection wanted.
    pub name: &'a str,
    /// Its CSV, once visited.
    pub out: Option<String>,
}

impl super::CollectionVisitor for CollectionCsv<'_> {
    fn visit<T: crate::model::Record>(&mut self, records: &[T]) {
        if T::COLLECTION == self.name {
            self.out = Some(records_csv(records));
        }
    }
}

/// The collection called `name` of `c` as [`records_csv`]; `None` for an unknown name.
pub fn collection_csv(c: &super::Collections, name: &str) -> Option<String> {
    let mut pick = CollectionCsv { name, out: None };
    c.visit(&mut pick);
    pick.out
}

/// Issue 18's hostile cells: each must leave every export behind a guard and come back
/// from Kehu's CSV imports exactly as it was.
#[cfg(test)]
const HOSTILE: [&str; 6] = [
    "-2+3+cmd|' /C calc'!A0",
    "+1+HYPERLINK(\"http://x\",\"y\")",
    "-0.5*SUM(A1:A9)",
    "=HYPERLINK(\"http://x\",\"y\")",
    "@SUM(A1)",
    "'=already quoted",
];

#[cfg(test)]
mod hostile_cells {
    use super::*;
    use crate::model::call::{Call, CallDirection};
    use crate::model::order::{Order, OrderItem};
    use crate::workbook::calls_csv::calls_from_csv;
    use crate::workbook::csv::parse_csv;
    use crate::workbook::orders_csv::orders_from_csv;

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        s.parse().unwrap()
    }

    /// No field of `text` reaches a spreadsheet starting like a formula; a plain
    /// number (`-700`) is a number to it, not a formula.
    fn assert_inert(text: &str) {
        for line in text.trim_start_matches('\u{feff}').split("\r\n") {
            // Fields as a spreadsheet sees them once CSV quoting is undone (the hostile
            // cells here hold no line breaks, so a line is a row).
            for field in parse_fields(line) {
                let number =
                    field.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.') && field.parse::<f64>().is_ok();
                assert!(number || !field.starts_with(crate::workbook::csv::FORMULA_STARTS), "{field:?} in {line:?}");
            }
        }
    }

    /// The fields of one CSV line with quoting undone but the guard kept.
    fn parse_fields(line: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().unwrap().push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(String::new()),
                c => out.last_mut().unwrap().push(c),
            }
        }
        out
    }

    #[test]
    fn hostile_order_cells_are_guarded_and_read_back() {
        let now = at("2026-11-27T08:00:00Z");
        let today = now.date_naive();
        let orders: Vec<Order> = HOSTILE
            .iter()
            .map(|h| {
                let items = vec![OrderItem { name: (*h).into(), quantity: 2.0, unit_price: 9.5 }];
                Order {
                    number: Default::default(),
                    sample: false,
                    id: "o1".into(),
                    customer_id: "c1".into(),
                    date: today,
                    amount: 19.0,
                    items,
                    channel: (*h).into(),
                    note: (*h).into(),
                    created_at: now,
                    updated_at: now,
                    deleted_at: None,
                }
            })
            .collect();
        let text = to_csv(&ORDER_HEADER, order_rows(&orders, |_| HOSTILE[0].to_owned()));
        assert_inert(&text);
        // Quantity and unit price stay plain numbers.
        assert!(text.contains(",2,9.5,"), "{text}");
        let find = |cell: &str| (cell == HOSTILE[0]).then(|| "c1".to_owned());
        let back = orders_from_csv(text.as_bytes(), find, today, now).unwrap();
        for (o, h) in back.iter().zip(HOSTILE) {
            assert_eq!((o.items[0].name.as_str(), o.channel.as_str(), o.note.as_str()), (h, h, h));
            assert_eq!(o.customer_id, "c1");
        }
    }

    #[test]
    fn hostile_call_cells_are_guarded_and_durations_stay_numbers() {
        let now = at("2026-11-27T08:00:00Z");
        let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
        let calls: Vec<Call> = HOSTILE
            .iter()
            .map(|h| Call {
                sample: false,
                id: "k1".into(),
                direction: CallDirection::Inbound,
                started_at: at("2026-11-20T01:00:00Z"),
                queue_seconds: 15,
                talk_seconds: 200,
                wrap_seconds: 0,
                abandoned: false,
                first_contact_resolved: true,
                agent: (*h).into(),
                customer_id: "c1".into(),
                note: (*h).into(),
                created_at: now,
                updated_at: now,
                deleted_at: None,
            })
            .collect();
        let text = to_csv(&CALL_HEADER, call_rows(&calls, beijing, |_| HOSTILE[1].to_owned()));
        assert_inert(&text);
        assert!(text.contains(",15,200,0,"), "{text}");
        let find = |cell: &str| (cell == HOSTILE[1]).then(|| "c1".to_owned());
        let back = calls_from_csv(text.as_bytes(), find, beijing, now).unwrap();
        for (c, h) in back.iter().zip(HOSTILE) {
            assert_eq!((c.agent.as_str(), c.note.as_str(), c.customer_id.as_str()), (h, h, "c1"));
        }
    }

    #[test]
    fn every_collection_guards_text_and_keeps_negative_numbers_plain() {
        use crate::model::loyalty::{PointEntry, PointKind};
        use crate::model::Customer;
        let now = at("2026-11-27T08:00:00Z");
        let customers: Vec<Customer> =
            HOSTILE.iter().enumerate().map(|(i, h)| Customer::new(format!("c{i}").as_str(), *h, now)).collect();
        let text = records_csv(&customers);
        assert_inert(&text);
        let rows = parse_csv(text.as_bytes()).unwrap();
        let name = rows[0].iter().position(|h| h == "name").unwrap();
        assert_eq!(rows[1..].iter().map(|r| r[name].as_str()).collect::<Vec<_>>(), HOSTILE);
        // A redemption of 700 points is the number -700, not the text '-700.
        let entry = PointEntry {
            sample: false,
            id: "p1".into(),
            customer_id: "c0".into(),
            date: now.date_naive(),
            kind: PointKind::Redeemed,
            points: -700,
            reason: HOSTILE[2].into(),
            order_id: "".into(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        let text = records_csv(&[entry]);
        assert_inert(&text);
        let rows = parse_csv(text.as_bytes()).unwrap();
        let points = rows[0].iter().position(|h| h == "points").unwrap();
        assert_eq!(rows[1][points], "-700");
        assert!(text.contains(",-700,") || text.ends_with(",-700\r\n"), "{text}");
    }
}

#[cfg(test)]
mod every_table {
    use super::*;
    use crate::workbook::csv::parse_csv;
    use crate::workbook::sample::{sample_workbook, SampleCompany};
    use crate::workbook::Collections;

    #[test]
    fn every_collection_exports_with_a_header_and_one_row_per_live_record() {
        let wb = sample_workbook(SampleCompany::RealEstate, 2026, 40);
        for name in Collections::NAMES {
            let text = collection_csv(&wb.collections, name).unwrap();
            assert!(text.starts_with('\u{feff}'), "{name}");
            let rows = parse_csv(text.as_bytes()).unwrap();
            assert_eq!(rows[0][0], "id", "{name}");
        }
        assert!(collection_csv(&wb.collections, "nothing").is_none());
    }

    #[test]
    fn lists_join_nested_values_stay_json_and_the_trash_is_left_out() {
        let wb = sample_workbook(SampleCompany::RealEstate, 2026, 40);
        let mut c = wb.collections;
        c.customers.truncate(3);
        c.customers[0].tags = vec!["VIP".into(), "装修".into()];
        c.customers[1].deleted_at = Some(c.customers[1].updated_at);
        let rows = parse_csv(collection_csv(&c, "customers").unwrap().as_bytes()).unwrap();
        assert_eq!(rows.len(), 3, "header and the two live customers");
        let tags = rows[0].iter().position(|h| h == "tags").unwrap();
        assert_eq!(rows[1][tags], "VIP;装修");
        assert_eq!(rows[1][0], c.customers[0].id);
        // An order's lines are objects: kept as JSON text.
        let orders = parse_csv(collection_csv(&c, "orders").unwrap().as_bytes()).unwrap();
        let items = orders[0].iter().position(|h| h == "items").unwrap();
        assert!(orders[1][items].starts_with("[{"), "{}", orders[1][items]);
    }
}
