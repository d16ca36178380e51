//! Duplicate customers (重复客户): the same mobile or e-mail, or the same name and
//! company, ignoring spaces and case.

use std::collections::HashMap;

use crate::model::{Customer, Id};

/// Why two customers look like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The same phone number (however it is spelled).
    Phone,
    /// The same e-mail address.
    Email,
    /// The same name and company.
    NameAndCompany,
}

crate::model::choice::choice! { Reason {
    Phone = "phone" => FieldPhone,
    Email = "email" => FieldEmail,
    NameAndCompany = "name_and_company" => NameAndCompany,
} }

/// A group of customers that look like the same one.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateGroup {
    /// The customers' ids, oldest first.
    pub ids: Vec<Id>,
    /// What they share.
    pub reasons: Vec<Reason>,
}

/// Text compared ignoring spaces (also full-width) and case.
pub fn fold(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The keys by which `c` is matched with other customers, in the order of [`Reason`]:
/// the phone's matching key ([`crate::model::phone::phone_key`]: `+86 137 0013 7000` and
/// `13700137000` are one number), the folded e-mail, and the folded
/// name and company (when both are there). A key that would be empty is left out, so
/// two customers without an e-mail are not alike for it.
pub fn match_keys(c: &Customer) -> Vec<(Reason, String)> {
    let mut keys = Vec::with_capacity(3);
    if let Some(phone) = crate::model::phone::phone_key(&c.phone) {
        keys.push((Reason::Phone, phone));
    }
    let email = fold(&c.email);
    if !email.is_empty() {
        keys.push((Reason::Email, email));
    }
    let (n, co) = (fold(&c.name), fold(&c.company));
    if !n.is_empty() && !co.is_empty() {
        keys.push((Reason::NameAndCompany, format!("{n}\u{1f}{co}")));
    }
    keys
}

/// Every group of two or more live customers that share a phone, an e-mail, or a name
/// and company (groups joined when they share any of these).
pub fn find_duplicates<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> Vec<DuplicateGroup> {
    let live: Vec<&Customer> = customers.into_iter().filter(|c| c.deleted_at.is_none()).collect();
    let mut parent: Vec<usize> = (0..live.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut reasons: HashMap<(usize, usize), Vec<Reason>> = HashMap::new();
    let mut seen: HashMap<(Reason, String), usize> = HashMap::new();
    for (i, c) in live.iter().enumerate() {
        for (reason, key) in match_keys(c) {
            match seen.get(&(reason, key.clone())) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                    reasons.entry((j, i)).or_default().push(reason);
                }
                None => {
                    seen.insert((reason, key), i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..live.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    // Each pair's reasons go to its group (both ends share a root by now): one pass,
    // not a pass over every pair for each group.
    let mut why: HashMap<usize, Vec<Reason>> = HashMap::new();
    for ((a, _), r) in reasons {
        why.entry(root(&mut parent, a)).or_default().extend(r);
    }
    let mut out: Vec<DuplicateGroup> = groups
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(r, mut g)| {
            g.sort_by_key(|&i| (live[i].created_at, live[i].id.clone()));
            let mut why = why.remove(&r).unwrap_or_default();
            why.sort();
            why.dedup();
            DuplicateGroup { ids: g.into_iter().map(|i| live[i].id.clone()).collect(), reasons: why }
        })
        .collect();
    out.sort_by(|a, b| a.ids[0].cmp(&b.ids[0]));
    out
}

/// The first live customer other than `except` whose phone is the number `phone` is
/// (however either is spelled): what the customer form warns of before saving.
pub fn with_same_phone<'a>(
    phone: &str,
    except: &str,
    customers: impl IntoIterator<Item = &'a Customer>,
) -> Option<&'a Customer> {
    let key = crate::model::phone::phone_key(phone)?;
    customers.into_iter().find(|c| {
        c.deleted_at.is_none()
            && c.id != except
            && !c.phone.is_empty()
            && crate::model::phone::phone_key(&c.phone).as_deref() == Some(key.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each group's ids, for comparing with a list.
    fn ids_of(groups: &[DuplicateGroup]) -> Vec<Vec<&str>> {
        groups.iter().map(|g| g.ids.iter().map(Id::as_str).collect()).collect()
    }

    #[test]
    fn reasons_read_back() {
        crate::model::choice::values_round_trip::<Reason>();
    }

    fn c(id: &str, name: &str, phone: &str, email: &str, company: &str, day: u32) -> Customer {
        let at = chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:00:00Z")).unwrap().to_utc();
        let mut x = Customer::new(id, name, at);
        x.phone = phone.into();
        x.email = email.into();
        x.company = company.into();
        x
    }

    #[test]
    fn same_phone_email_or_name_and_company_ignoring_spaces_and_case() {
        let all = [
            c("1", "张三", "138 0000 1111", "", "", 1),
            c("2", "张 三", "13800001111", "", "", 2),
            c("3", "Li Si", "", "Li.Si@QQ.com", "", 3),
            c("4", "李四", "", " li.si@qq.com", "", 4),
            c("5", "Wang Wu", "", "", "赣江 贸易", 5),
            c("6", "wangwu", "", "", "赣江贸易", 6),
            c("7", "王五", "", "", "赣江贸易", 7),
            c("8", "赵六", "139", "", "", 8),
            c("9", "孙七", "139", "", "", 9),
        ];
        let groups = find_duplicates(&all);
        let ids = ids_of(&groups);
        assert_eq!(ids, [vec!["1", "2"], vec!["3", "4"], vec!["5", "6"]]);
        assert_eq!(groups[0].reasons, [Reason::Phone]);
        assert_eq!(groups[1].reasons, [Reason::Email]);
        assert_eq!(groups[2].reasons, [Reason::NameAndCompany]);
    }

    #[test]
    fn a_chain_is_one_group_with_every_reason_that_joined_it() {
        // 1 and 2 share a phone, 2 and 3 an email, 4 and 5 a name and company; 6 is
        // alone. Each group lists the reasons of its own pairs, not another group's.
        let all = [
            c("1", "甲", "13811112222", "", "", 1),
            c("2", "乙", "138 1111 2222", "yi@qq.com", "", 2),
            c("3", "丙", "", "YI@qq.com", "", 3),
            c("4", "丁", "", "", "赣江贸易", 4),
            c("5", "丁", "", "", "赣江 贸易", 5),
            c("6", "戊", "13900000000", "wu@qq.com", "", 6),
        ];
        let groups = find_duplicates(&all);
        let ids = ids_of(&groups);
        assert_eq!(ids, [vec!["1", "2", "3"], vec!["4", "5"]]);
        assert_eq!(groups[0].reasons, [Reason::Phone, Reason::Email]);
        assert_eq!(groups[1].reasons, [Reason::NameAndCompany]);
    }

    #[test]
    fn one_number_spelled_three_ways_is_one_customer() {
        let all = [
            c("1", "赵丽", "+8613700137000", "", "", 1),
            c("2", "赵丽丽", "137 0013 7000", "", "", 2),
            c("3", "钱七", "(0791)88886666", "", "", 3),
            c("4", "钱七七", "0791-8888 6666", "", "", 4),
            c("5", "孙八", "8613700137000", "", "", 5),
            c("6", "周九", "0791-88886667", "", "", 6),
        ];
        let groups = find_duplicates(&all);
        let ids = ids_of(&groups);
        assert_eq!(ids, [vec!["1", "2", "5"], vec!["3", "4"]]);
        assert_eq!(with_same_phone("137-0013-7000", "new", &all).map(|c| c.name.as_str()), Some("赵丽"));
        // A customer is not a duplicate of itself.
        assert_eq!(with_same_phone("0791 8888 6666", "3", &all).map(|c| c.id.as_str()), Some("4"));
        assert!(with_same_phone("13900000000", "new", &all).is_none());
    }

    #[test]
    fn groups_join_through_shared_keys_and_trash_is_ignored() {
        let mut t = c("t", "张三", "13800001111", "", "", 4);
        t.deleted_at = Some(t.created_at);
        let all = [
            c("a", "甲", "13800001111", "", "", 1),
            c("b", "乙", "13800001111", "x@y.cn", "", 2),
            c("c", "丙", "", "X@Y.cn", "", 3),
            t,
        ];
        let groups = find_duplicates(&all);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].ids, ["a", "b", "c"]);
        assert_eq!(groups[0].reasons, [Reason::Phone, Reason::Email]);
    }
}
