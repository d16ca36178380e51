//! Copied coursework (批阅): which of a class's workbooks are suspiciously alike, and
//! the evidence. Only the students' own records count: a record that came with a
//! sample company is the same in every book that loaded it (the sample's ids are
//! deterministic), so two students who loaded the same sample and then did their own
//! work are not alike. Records with fixed ids (settings, default pipeline stages,
//! feedback) are left out too: every book that has them has the same ids.
//!
//! Four kinds of likeness, each with its own threshold:
//! - the same book id (one browser's book handed in twice), when both hold own work;
//! - shared record ids: ids are random UUIDs, so one record in two books was copied
//!   from one to the other; flagged when they make up half of the smaller book's own
//!   records;
//! - the same content with new ids (records retyped or re-imported): flagged when the
//!   records alike make up 80% of the larger book's own records, at least three;
//! - the same org chart (units by title path, level, head count and duty areas) or the
//!   same job-description text, even under new ids.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::model::book::{CollectionVisitor, Collections};
use crate::model::org::OrgUnit;
use crate::model::Record;

/// What makes two books alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CopyKind {
    /// Both files carry the same book id.
    SameBook,
    /// Own records with the same ids.
    SharedIds,
    /// Own records with the same content, whatever their ids.
    SameContent,
    /// The same org chart.
    SameOrgChart,
    /// Job descriptions with the same text.
    SameJobText,
}

/// One kind of likeness between two books, with what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The kind.
    pub kind: CopyKind,
    /// How many records are alike.
    pub matched: usize,
    /// Out of how many (the book's own records the share is taken of).
    pub of: usize,
    /// A few of the records alike: (collection name, the record's summary).
    pub examples: Vec<(&'static str, String)>,
}

impl Evidence {
    /// The share alike, 0–1 (1 when there is nothing to divide by).
    pub fn share(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.matched as f64 / self.of as f64
        }
    }
}

/// Two books found alike.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyPair {
    /// Index of the first book (the smaller index).
    pub a: usize,
    /// Index of the second.
    pub b: usize,
    /// Every kind of likeness found, in [`CopyKind`] order.
    pub evidence: Vec<Evidence>,
}

/// Books alike, joined through their pairs: A like B and B like C make one group.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyGroup {
    /// The books' indices, ascending.
    pub members: Vec<usize>,
    /// The pairs found alike.
    pub pairs: Vec<CopyPair>,
}

/// One book of the class as the detector needs it.
#[derive(Debug, Clone, Copy)]
pub struct ClassBook<'a> {
    /// The file's book id.
    pub book_id: Option<&'a str>,
    /// Who handed it in, folded (name and number, spaces and case ignored); empty
    /// when the book has no owner. Two files of one student are never compared: they
    /// are the same work handed in twice.
    pub student: &'a str,
    /// The records.
    pub collections: &'a Collections,
}

/// How many examples an evidence lists.
const EXAMPLES: usize = 5;
/// Shared ids: the share of the smaller book's own records from which two books are
/// flagged.
const SHARED_IDS: f64 = 0.5;
/// The same content: the share of the larger book's own records, and the least count.
const SAME_CONTENT: f64 = 0.8;
const SAME_CONTENT_MIN: usize = 3;
/// The same org chart: the least number of own units, and the share of the larger chart.
const ORG_MIN: usize = 3;
const ORG_SHARE: f64 = 0.9;
/// A job description's text shorter than this (spaces left out) is too little to
/// tell a copy from a coincidence.
const JOB_TEXT_MIN: usize = 30;

/// The student key of an owner's name and number, for [`ClassBook::student`].
pub fn student_key(name: &str, student_id: &str) -> String {
    let fold = crate::analysis::duplicates::fold;
    let (n, s) = (fold(name), fold(student_id));
    if n.is_empty() {
        String::new()
    } else {
        format!("{n}|{s}")
    }
}

/// Whether `id` is a random UUID as Kehu makes for the user's records (not a fixed
/// id such as `stage-won`, `care` or an exercise's).
fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

/// What one book contributes to the comparison.
#[derive(Default)]
struct Print {
    /// Own live records by (collection, id), with their summaries.
    ids: HashMap<(&'static str, String), String>,
    /// Own live records' content (ids and stamps left out), counted, with a summary.
    content: HashMap<(&'static str, String), (usize, String)>,
    /// How many own live records.
    own: usize,
    /// Content of the sample records: retyping the sample is not copying a classmate.
    sample_content: HashSet<(&'static str, String)>,
}

/// A record's content without what differs when it is made anew: its id, stamps,
/// sample mark and references to other records (whose ids are new too).
fn content_of<T: Record>(r: &T) -> String {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(map) = v.as_object_mut() {
        map.retain(|k, _| {
            !matches!(k.as_str(), "id" | "created_at" | "updated_at" | "deleted_at" | "sample" | "follows" | "invitees")
                && !k.ends_with("_id")
        });
    }
    v.to_string()
}

impl CollectionVisitor for Print {
    fn visit<T: Record>(&mut self, records: &[T]) {
        if matches!(T::COLLECTION, "settings" | "feedback") {
            return;
        }
        for r in records.iter().filter(|r| !r.is_trashed()) {
            if r.is_sample() {
                self.sample_content.insert((T::COLLECTION, content_of(r)));
                continue;
            }
            if !is_uuid(r.id()) {
                continue;
            }
            self.own += 1;
            self.ids.insert((T::COLLECTION, r.id().to_owned()), r.summary());
            self.content.entry((T::COLLECTION, content_of(r))).or_insert((0, r.summary())).0 += 1;
        }
    }
}

/// Each own unit as "title path / level / head count / duty areas", counted.
fn org_chart(units: &[OrgUnit]) -> BTreeMap<String, usize> {
    let by_id: HashMap<&str, &OrgUnit> = units.iter().filter(|u| !u.is_trashed()).map(|u| (u.id.as_str(), u)).collect();
    let mut out = BTreeMap::new();
    for u in units.iter().filter(|u| !u.is_trashed() && !u.is_sample()) {
        let mut path = vec![u.title.trim()];
        let (mut at, mut steps) = (u.parent_id.as_str(), 0);
        // A cycle (refused at import, but cheap to guard) stops after the book's size.
        while let Some(p) = by_id.get(at).filter(|_| steps < by_id.len()) {
            path.push(p.title.trim());
            at = p.parent_id.as_str();
            steps += 1;
        }
        path.reverse();
        let duties: BTreeSet<_> = u.duties.iter().collect();
        *out.entry(format!("{}|{:?}|{}|{:?}", path.join("/"), u.level, u.head_count, duties)).or_insert(0) += 1;
    }
    out
}

/// Each own job description's long text, spaces left out, with its title.
fn job_texts(c: &Collections) -> (HashMap<String, String>, HashSet<String>) {
    let text = |j: &crate::model::job::JobDescription| -> String {
        crate::model::job::TEXT_ELEMENTS
            .iter()
            .filter(|(_, long)| *long)
            .map(|(name, _)| j.raw(name))
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let mut own = HashMap::new();
    let mut sample = HashSet::new();
    for j in c.job_descriptions.iter().filter(|j| !j.is_trashed()) {
        let t = text(j);
        if j.is_sample() {
            sample.insert(t);
        } else if t.chars().count() >= JOB_TEXT_MIN {
            own.insert(t, j.title.clone());
        }
    }
    (own, sample)
}

struct Look<'a> {
    print: Print,
    org: BTreeMap<String, usize>,
    jobs: HashMap<String, String>,
    sample_jobs: HashSet<String>,
    book: ClassBook<'a>,
}

fn look(book: ClassBook<'_>) -> Look<'_> {
    let mut print = Print::default();
    book.collections.visit(&mut print);
    let (jobs, sample_jobs) = job_texts(book.collections);
    Look { print, org: org_chart(&book.collections.org_units), jobs, sample_jobs, book }
}

fn examples(mut list: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    list.sort();
    list.truncate(EXAMPLES);
    list
}

/// The likenesses between two books, empty when they are not alike.
fn compare(x: &Look, y: &Look) -> Vec<Evidence> {
    let mut out = Vec::new();
    let (px, py) = (&x.print, &y.print);
    let both_own = px.own > 0 && py.own > 0;
    if both_own && x.book.book_id.is_some_and(|b| !b.trim().is_empty()) && x.book.book_id == y.book.book_id {
        out.push(Evidence { kind: CopyKind::SameBook, matched: 1, of: 1, examples: Vec::new() });
    }
    let shared: Vec<(&'static str, String)> =
        px.ids.iter().filter(|(k, _)| py.ids.contains_key(*k)).map(|((c, _), s)| (*c, s.clone())).collect();
    let smaller = px.own.min(py.own);
    if !shared.is_empty() && shared.len() as f64 >= SHARED_IDS * smaller as f64 {
        out.push(Evidence {
            kind: CopyKind::SharedIds,
            matched: shared.len(),
            of: smaller,
            examples: examples(shared),
        });
    }
    let mut alike = 0;
    let mut list = Vec::new();
    for (k, (n, summary)) in &px.content {
        if px.sample_content.contains(k) || py.sample_content.contains(k) {
            continue;
        }
        if let Some((m, _)) = py.content.get(k) {
            alike += n.min(m);
            list.push((k.0, summary.clone()));
        }
    }
    let larger = px.own.max(py.own);
    if alike >= SAME_CONTENT_MIN && alike as f64 >= SAME_CONTENT * larger as f64 {
        out.push(Evidence { kind: CopyKind::SameContent, matched: alike, of: larger, examples: examples(list) });
    }
    let (ox, oy) = (x.org.values().sum::<usize>(), y.org.values().sum::<usize>());
    if ox >= ORG_MIN && oy >= ORG_MIN {
        let same: usize = x.org.iter().map(|(k, n)| y.org.get(k).map_or(0, |m| *n.min(m))).sum();
        let larger = ox.max(oy);
        if same as f64 >= ORG_SHARE * larger as f64 {
            let titles = x
                .org
                .keys()
                .filter(|k| y.org.contains_key(*k))
                .map(|k| ("org_units", k.split('|').next().unwrap_or_default().to_owned()))
                .collect();
            out.push(Evidence { kind: CopyKind::SameOrgChart, matched: same, of: larger, examples: examples(titles) });
        }
    }
    let jobs: Vec<(&'static str, String)> = x
        .jobs
        .iter()
        .filter(|(t, _)| y.jobs.contains_key(*t) && !x.sample_jobs.contains(*t) && !y.sample_jobs.contains(*t))
        .map(|(_, title)| ("job_descriptions", title.clone()))
        .collect();
    if !jobs.is_empty() {
        let of = x.jobs.len().min(y.jobs.len());
        out.push(Evidence { kind: CopyKind::SameJobText, matched: jobs.len(), of, examples: examples(jobs) });
    }
    out
}

/// Every group of books alike among `books`, with the evidence pair by pair; groups in
/// the order of their first member.
pub fn find_copies(books: &[ClassBook<'_>]) -> Vec<CopyGroup> {
    let looks: Vec<Look> = books.iter().map(|b| look(*b)).collect();
    let mut pairs = Vec::new();
    for a in 0..looks.len() {
        for b in a + 1..looks.len() {
            let (sa, sb) = (looks[a].book.student, looks[b].book.student);
            if !sa.is_empty() && sa == sb {
                continue;
            }
            let evidence = compare(&looks[a], &looks[b]);
            if !evidence.is_empty() {
                pairs.push(CopyPair { a, b, evidence });
            }
        }
    }
    // Union-find over the pairs.
    let mut parent: Vec<usize> = (0..books.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for p in &pairs {
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: BTreeMap<usize, CopyGroup> = BTreeMap::new();
    for p in pairs {
        let r = root(&mut parent, p.a);
        let g = groups.entry(r).or_insert_with(|| CopyGroup { members: Vec::new(), pairs: Vec::new() });
        for m in [p.a, p.b] {
            if !g.members.contains(&m) {
                g.members.push(m);
            }
        }
        g.pairs.push(p);
    }
    groups
        .into_values()
        .map(|mut g| {
            g.members.sort_unstable();
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::job::JobDescription;
    use crate::model::org::OrgLevel;
    use crate::model::Customer;
    use crate::workbook::sample::{sample_workbook, SampleCompany};
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// A UUID-shaped id numbered `n` in a series `s` (so tests read which is which).
    fn uuid(s: u32, n: u32) -> String {
        format!("{s:08x}-0000-4000-8000-{n:012x}")
    }

    fn customer(id: String, name: &str, phone: &str) -> Customer {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "phone": phone,
            "created_at": "2026-11-01T08:00:00Z", "updated_at": "2026-11-01T08:00:00Z"
        }))
        .unwrap()
    }

    /// A student's own work: five customers numbered in series `s`.
    fn own_work(s: u32, names: [&str; 5]) -> Collections {
        let mut c = Collections::default();
        for (i, n) in names.iter().enumerate() {
            c.customers.push(customer(uuid(s, i as u32), n, &format!("1380000{s:02}{i:02}")));
        }
        c
    }

    fn book<'a>(id: &'a str, student: &'a str, c: &'a Collections) -> ClassBook<'a> {
        ClassBook { book_id: Some(id), student, collections: c }
    }

    #[test]
    fn an_identical_book_is_flagged_by_its_id_its_records_and_their_content() {
        let a = own_work(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        let b = own_work(2, ["吴六", "郑七", "王八", "冯九", "陈十"]);
        let books = [book("book-a", "a|1", &a), book("book-a", "c|3", &a), book("book-b", "b|2", &b)];
        let groups = find_copies(&books);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 1]);
        let kinds: Vec<CopyKind> = groups[0].pairs[0].evidence.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![CopyKind::SameBook, CopyKind::SharedIds, CopyKind::SameContent]);
        let shared = &groups[0].pairs[0].evidence[1];
        assert_eq!((shared.matched, shared.of, shared.share()), (5, 5, 1.0));
        assert_eq!(shared.examples[0].0, "customers");
        assert!(shared.examples.iter().any(|(_, s)| s.contains("赵一")));
    }

    #[test]
    fn a_copy_with_only_the_owner_changed_is_flagged_and_two_files_of_one_student_are_not() {
        let a = own_work(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        // Another browser (book id), another owner, the same records.
        let groups = find_copies(&[book("book-a", "李明|230101", &a), book("book-z", "张华|230102", &a)]);
        assert_eq!(groups.len(), 1);
        let kinds: Vec<CopyKind> = groups[0].pairs[0].evidence.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![CopyKind::SharedIds, CopyKind::SameContent]);
        // One student's two exports of one book are the same work, not a copy.
        assert_eq!(find_copies(&[book("book-a", "李明|230101", &a), book("book-a", "李明|230101", &a)]), vec![]);
    }

    #[test]
    fn content_retyped_under_new_ids_is_flagged() {
        let a = own_work(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        let mut b = own_work(2, ["赵一", "钱二", "孙三", "李四", "周五"]);
        // The copier kept the phones too (own_work numbers them by series: copy them).
        for (x, y) in b.customers.iter_mut().zip(&a.customers) {
            x.phone = y.phone.clone();
        }
        let groups = find_copies(&[book("book-a", "a|1", &a), book("book-b", "b|2", &b)]);
        assert_eq!(groups.len(), 1);
        let e = &groups[0].pairs[0].evidence;
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].kind, e[0].matched, e[0].of), (CopyKind::SameContent, 5, 5));
        // Two of the five alike is not near-identical.
        let mut c = own_work(3, ["赵一", "钱二", "甲", "乙", "丙"]);
        for (x, y) in c.customers.iter_mut().zip(&a.customers) {
            x.phone = y.phone.clone();
        }
        assert_eq!(find_copies(&[book("book-a", "a|1", &a), book("book-c", "c|3", &c)]), vec![]);
    }

    fn unit(id: String, title: &str, level: OrgLevel, parent: &str, heads: u32) -> OrgUnit {
        OrgUnit {
            id: id.into(),
            title: title.into(),
            level,
            parent_id: parent.into(),
            head_count: heads,
            position: 0,
            duties: Vec::new(),
            note: String::new(),
            created_at: at("2026-11-01T08:00:00Z"),
            updated_at: at("2026-11-01T08:00:00Z"),
            deleted_at: None,
            sample: false,
        }
    }

    fn chart(s: u32) -> Vec<OrgUnit> {
        let top = uuid(s, 100);
        let mgr = uuid(s, 101);
        vec![
            unit(top.clone(), "客服总监", OrgLevel::Director, "", 1),
            unit(mgr.clone(), "售后经理", OrgLevel::Manager, &top, 1),
            unit(uuid(s, 102), "售后专员", OrgLevel::Specialist, &mgr, 6),
            unit(uuid(s, 103), "投诉专员", OrgLevel::Specialist, &mgr, 3),
        ]
    }

    fn job(id: String, title: &str, duties: &str) -> JobDescription {
        JobDescription {
            id: id.into(),
            title: title.into(),
            duties: duties.into(),
            why: "保证业主的报修得到及时处理，维护公司口碑".into(),
            created_at: at("2026-11-01T08:00:00Z"),
            updated_at: at("2026-11-01T08:00:00Z"),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_org_chart_and_job_text_under_new_ids_are_flagged() {
        let mut a = own_work(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        let mut b = own_work(2, ["吴六", "郑七", "王八", "冯九", "陈十"]);
        a.org_units = chart(1);
        b.org_units = chart(2);
        a.job_descriptions = vec![job(uuid(1, 200), "售后专员", "受理报修\n派工\n回访业主")];
        b.job_descriptions = vec![job(uuid(2, 200), "售后服务专员", "受理报修\n派工\n回访业主")];
        let groups = find_copies(&[book("book-a", "a|1", &a), book("book-b", "b|2", &b)]);
        assert_eq!(groups.len(), 1);
        let e = &groups[0].pairs[0].evidence;
        let kinds: Vec<CopyKind> = e.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![CopyKind::SameOrgChart, CopyKind::SameJobText]);
        assert_eq!((e[0].matched, e[0].of), (4, 4));
        assert_eq!(e[1].examples, vec![("job_descriptions", "售后专员".to_owned())]);
        // Another head count under one manager is another chart, and other duties
        // another job description.
        b.org_units[2].head_count = 9;
        b.org_units[3].title = "客户关系专员".into();
        b.job_descriptions[0].duties = "建立售后档案\n跟进处理".into();
        assert_eq!(find_copies(&[book("book-a", "a|1", &a), book("book-b", "b|2", &b)]), vec![]);
    }

    #[test]
    fn two_students_from_the_same_sample_with_their_own_work_are_not_flagged() {
        let sample = sample_workbook(SampleCompany::RealEstate, 2026, 40).collections;
        assert!(sample.is_sample_only(), "the sample generator marks its records");
        let with = |s: u32, names| {
            let mut c = sample.clone();
            c.customers.extend(own_work(s, names).customers);
            c
        };
        let a = with(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        let b = with(2, ["吴六", "郑七", "王八", "冯九", "陈十"]);
        assert_eq!(find_copies(&[book("book-a", "a|1", &a), book("book-b", "b|2", &b)]), vec![]);
        // …but one of them copying the other's own work is, sample or not.
        let groups = find_copies(&[book("book-a", "a|1", &a), book("book-c", "c|3", &a), book("book-b", "b|2", &b)]);
        assert_eq!(groups.iter().map(|g| g.members.clone()).collect::<Vec<_>>(), vec![vec![0, 1]]);
        // The sample's records are never the evidence.
        let shared = &groups[0].pairs[0].evidence[0];
        assert_eq!((shared.kind, shared.matched, shared.of), (CopyKind::SharedIds, 5, 5));
    }

    #[test]
    fn empty_and_sample_only_books_are_not_copies_of_each_other() {
        let sample = sample_workbook(SampleCompany::RealEstate, 2026, 40).collections;
        let taobao = sample_workbook(SampleCompany::TaobaoShop, 2026, 40).collections;
        let empty = Collections::default();
        // Even one lab browser's book id handed in by several students.
        let books = [
            book("lab", "a|1", &sample),
            book("lab", "b|2", &sample),
            book("lab", "c|3", &empty),
            book("lab", "d|4", &empty),
            book("x", "e|5", &taobao),
        ];
        assert_eq!(find_copies(&books), vec![]);
    }

    #[test]
    fn three_books_alike_make_one_group() {
        let a = own_work(1, ["赵一", "钱二", "孙三", "李四", "周五"]);
        let c = own_work(3, ["甲", "乙", "丙", "丁", "戊"]);
        let books = [book("1", "a|1", &a), book("2", "c|3", &c), book("3", "b|2", &a), book("4", "d|4", &a)];
        let groups = find_copies(&books);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 2, 3]);
        assert_eq!(groups[0].pairs.len(), 3);
    }

    #[test]
    fn the_student_key_folds_spaces_and_case_and_is_empty_without_a_name() {
        assert_eq!(student_key(" Li Ming ", "230101"), "liming|230101");
        assert_eq!(student_key("", "230101"), "");
    }
}
