//! The customer list's search, filters and sort, fast at 100,000 customers.
//!
//! The index is built once per change of the data (or of the sort); a keystroke then
//! scans one contiguous lower-case text with a prebuilt searcher instead of 100,000
//! separate strings, and typing on only re-checks the previous hits.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use memchr::memmem::Finder;

use crate::model::customer::{normalize_query, push_search_text};
use crate::model::{Customer, Stage};

/// The columns the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Name (by code point).
    Name,
    /// Company.
    Company,
    /// Relationship stage, in the order of the relationship.
    Stage,
    /// Source.
    Source,
    /// Completeness.
    Completeness,
    /// Last change.
    Updated,
}

impl SortKey {
    /// The key named `s` (the list's column keys); `Updated` otherwise.
    pub fn parse(s: &str) -> SortKey {
        match s {
            "name" => SortKey::Name,
            "company" => SortKey::Company,
            "stage" => SortKey::Stage,
            "source" => SortKey::Source,
            "completeness" => SortKey::Completeness,
            _ => SortKey::Updated,
        }
    }
}

/// What the list needs of one customer.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The customer's id.
    pub id: Arc<str>,
    stage: Stage,
    /// The source, as its place in [`CustomerIndex::sources`] (a few sources are
    /// shared by 100,000 customers).
    source: u32,
    /// The tags, as places in [`CustomerIndex::tags`].
    tags: Box<[u32]>,
    /// The values of the filterable custom fields, as places in
    /// [`CustomerIndex::choices`] (empty, without an allocation, for most customers).
    choices: Box<[u32]>,
}

/// Live customers in display order, with their search text laid end to end.
#[derive(Debug, Default)]
pub struct CustomerIndex {
    entries: Vec<Entry>,
    /// Every entry's search text followed by `\n`, in entry order.
    haystack: String,
    /// Where each entry's text starts in `haystack`.
    starts: Vec<u32>,
    /// Each distinct source once (the empty one too).
    source_names: Vec<String>,
    /// Each distinct tag once.
    tag_names: Vec<String>,
    /// Each distinct value of a filterable custom field once, as [`choice_key`].
    choice_names: Vec<String>,
}

/// How a custom field's value is named in a filter: the field's name, `\u{1f}`, the value.
pub fn choice_key(field: &str, value: &str) -> String {
    format!("{field}\u{1f}{value}")
}

/// Gives each distinct name a number, in order of first use.
#[derive(Default)]
struct Names<'a> {
    numbers: HashMap<&'a str, u32>,
    names: Vec<String>,
}

impl<'a> Names<'a> {
    fn number(&mut self, name: &'a str) -> u32 {
        *self.numbers.entry(name).or_insert_with(|| {
            self.names.push(name.to_owned());
            (self.names.len() - 1) as u32
        })
    }
}

/// A filter's source and tag as numbers of one index: `None` when the filter does
/// not ask for one, `Some(u32::MAX)` when no customer has it.
struct Wanted {
    source: Option<u32>,
    tag: Option<u32>,
    choice: Option<u32>,
}

/// How much of a search [`CustomerIndex::search_first`] does: at most `hits` hits, from
/// at most the first `entries` candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The most hits wanted.
    pub hits: usize,
    /// The most candidates looked at (entries, or earlier hits when narrowing).
    pub entries: usize,
}

impl Budget {
    /// The whole search.
    pub const ALL: Budget = Budget { hits: usize::MAX, entries: usize::MAX };
}

/// What [`CustomerIndex::search_first`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Display positions of the entries kept, in display order.
    pub positions: Vec<u32>,
    /// Whether these are every entry the filter keeps.
    pub complete: bool,
}

/// The search text and filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    query: String,
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this source (empty: any).
    pub source: String,
    /// Only customers with this tag (empty: any).
    pub tag: String,
    /// Only customers with this value of a custom field, as [`choice_key`] (empty: any).
    pub choice: String,
}

impl Filter {
    /// A filter for `query` (trimmed and lower-cased here) and the given filters.
    pub fn new(query: &str, stage: Option<Stage>, source: String, tag: String) -> Self {
        Filter { query: normalize_query(query), stage, source, tag, choice: String::new() }
    }

    /// This filter, keeping only customers whose custom field `field` holds `value`
    /// (an empty `field` keeps every customer).
    pub fn with_choice(mut self, field: &str, value: &str) -> Self {
        self.choice = if field.is_empty() { String::new() } else { choice_key(field, value) };
        self
    }

    /// Whether everything this filter keeps, `earlier` kept too, so searching
    /// within `earlier`'s hits gives the same result as searching everything.
    pub fn narrows(&self, earlier: &Filter) -> bool {
        self.stage == earlier.stage
            && self.source == earlier.source
            && self.tag == earlier.tag
            && self.choice == earlier.choice
            && self.query.contains(earlier.query.as_str())
    }

    fn keeps_fields(&self, wanted: &Wanted, e: &Entry) -> bool {
        self.stage.is_none_or(|s| e.stage == s)
            && wanted.source.is_none_or(|s| e.source == s)
            && wanted.tag.is_none_or(|t| e.tags.contains(&t))
            && wanted.choice.is_none_or(|c| e.choices.contains(&c))
    }
}

impl CustomerIndex {
    /// Indexes the customers that are not in the trash, sorted by `sort`.
    pub fn build<'a>(customers: impl IntoIterator<Item = &'a Customer>, sort: SortKey, ascending: bool) -> Self {
        Self::build_with(customers, sort, ascending, &[])
    }

    /// [`Self::build`], with the values of the custom fields named `filterable` (the
    /// choice fields) ready for [`Filter::with_choice`].
    pub fn build_with<'a>(
        customers: impl IntoIterator<Item = &'a Customer>,
        sort: SortKey,
        ascending: bool,
        filterable: &[&str],
    ) -> Self {
        let mut live: Vec<&Customer> = customers.into_iter().filter(|c| c.deleted_at.is_none()).collect();
        // One comparator for every key: each `sort_by` closure would instantiate the
        // whole sort algorithm again in the bundle.
        live.sort_by(|a, b| match sort {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::Company => a.company.cmp(&b.company),
            SortKey::Stage => a.stage.cmp(&b.stage),
            SortKey::Source => a.source.cmp(&b.source),
            SortKey::Completeness => a.filled_key_fields().cmp(&b.filled_key_fields()),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        });
        if !ascending {
            live.reverse();
        }
        let mut haystack = String::with_capacity(live.len() * 64);
        let mut starts = Vec::with_capacity(live.len());
        let mut entries = Vec::with_capacity(live.len());
        let mut sources = Names::default();
        let mut tags = Names::default();
        let mut choices: Names<'static> = Names::default();
        for c in live {
            let mine: Box<[u32]> = filterable
                .iter()
                .filter_map(|f| c.custom.get(*f).map(|v| (f, v)))
                .map(|(f, v)| {
                    let key = choice_key(f, v);
                    match choices.names.iter().position(|n| *n == key) {
                        Some(i) => i as u32,
                        None => {
                            choices.names.push(key);
                            (choices.names.len() - 1) as u32
                        }
                    }
                })
                .collect();
            starts.push(haystack.len() as u32);
            push_search_text(c, &mut haystack);
            haystack.push('\n');
            entries.push(Entry {
                id: Arc::from(c.id.as_str()),
                stage: c.stage,
                source: sources.number(&c.source),
                tags: c.tags.iter().map(|t| tags.number(t)).collect(),
                choices: mine,
            });
        }
        CustomerIndex {
            entries,
            haystack,
            starts,
            source_names: sources.names,
            tag_names: tags.names,
            choice_names: choices.names,
        }
    }

    /// Number of indexed customers.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no customer is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry at display position `i`.
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Every source in use, for the filter menu.
    pub fn sources(&self) -> BTreeSet<String> {
        self.source_names.iter().filter(|s| !s.is_empty()).cloned().collect()
    }

    /// Every tag in use, for the filter menu.
    pub fn tags(&self) -> BTreeSet<String> {
        self.tag_names.iter().cloned().collect()
    }

    /// Every value of a filterable custom field in use, as (field, value), for the
    /// filter menu.
    pub fn choices(&self) -> BTreeSet<(String, String)> {
        self.choice_names
            .iter()
            .filter_map(|k| k.split_once('\u{1f}'))
            .map(|(f, v)| (f.to_owned(), v.to_owned()))
            .collect()
    }

    fn wanted(&self, filter: &Filter) -> Wanted {
        let number = |names: &[String], name: &str| {
            (!name.is_empty()).then(|| names.iter().position(|n| n == name).map_or(u32::MAX, |i| i as u32))
        };
        Wanted {
            source: number(&self.source_names, &filter.source),
            tag: number(&self.tag_names, &filter.tag),
            choice: number(&self.choice_names, &filter.choice),
        }
    }

    /// Display positions of the entries `filter` keeps, in display order. With
    /// `within` (the hits of a filter this one [narrows](Filter::narrows)), only those
    /// are checked.
    pub fn search(&self, filter: &Filter, within: Option<&[u32]>) -> Vec<u32> {
        self.search_first(filter, within, Budget::ALL).positions
    }

    /// The first positions [`Self::search`] gives, within `budget`, and whether they
    /// are all of them: a screenful is found in a few hundred entries where every
    /// match takes the whole index, so a list can be drawn before the count is known.
    pub fn search_first(&self, filter: &Filter, within: Option<&[u32]>, budget: Budget) -> Hits {
        let wanted = self.wanted(filter);
        let keeps = |i: u32| filter.keeps_fields(&wanted, self.entry(i));
        // One more than asked for tells whether there are more.
        let take = budget.hits.saturating_add(1);
        // The candidates looked at: the first of the earlier hits, or of every entry.
        let candidates = within.map_or(self.len(), <[u32]>::len);
        let looked = candidates.min(budget.entries);
        let mut positions: Vec<u32> = if filter.query.is_empty() {
            match within {
                Some(w) => w[..looked].iter().copied().filter(|&i| keeps(i)).take(take).collect(),
                None => (0..looked as u32).filter(|&i| keeps(i)).take(take).collect(),
            }
        } else {
            let finder = Finder::new(filter.query.as_bytes());
            match within {
                // A few candidates: check each one's own text.
                Some(w) if w.len() < self.len() / 8 => w[..looked]
                    .iter()
                    .copied()
                    .filter(|&i| keeps(i) && finder.find(&self.haystack.as_bytes()[self.span(i)]).is_some())
                    .take(take)
                    .collect(),
                // Many: one pass over the text of the first entries (every entry's
                // matches are among the earlier hits, so those need no checking).
                _ => self.scan(&finder, 0..self.len().min(budget.entries), take, keeps),
            }
        };
        let every_candidate = match within {
            Some(w) if !filter.query.is_empty() && w.len() >= self.len() / 8 => budget.entries >= self.len(),
            _ => looked == candidates,
        };
        let complete = every_candidate && positions.len() <= budget.hits;
        positions.truncate(budget.hits);
        Hits { positions, complete }
    }

    /// Display positions in `entries` that `filter` keeps, in display order: a whole
    /// search done a slice at a time, so that no slice takes a frame.
    pub fn search_slice(&self, filter: &Filter, entries: std::ops::Range<usize>) -> Vec<u32> {
        let entries = entries.start.min(self.len())..entries.end.min(self.len());
        let wanted = self.wanted(filter);
        let keeps = |i: u32| filter.keeps_fields(&wanted, self.entry(i));
        if filter.query.is_empty() {
            return (entries.start as u32..entries.end as u32).filter(|&i| keeps(i)).collect();
        }
        self.scan(&Finder::new(filter.query.as_bytes()), entries, usize::MAX, keeps)
    }

    /// The entries in `entries` whose text `finder` matches and `keeps` keeps, up to
    /// `take` of them.
    fn scan(
        &self,
        finder: &Finder,
        entries: std::ops::Range<usize>,
        take: usize,
        keeps: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        let text_at = |i: usize| self.starts.get(i).map_or(self.haystack.len(), |&s| s as usize);
        let hay = &self.haystack.as_bytes()[..text_at(entries.end)];
        let mut hits = Vec::new();
        // Matches come in text order, so the entry holding each is found by walking
        // forward from the last one; after a match the search goes on from the end of
        // that entry (one match per entry is enough).
        let mut i = entries.start;
        let mut pos = text_at(entries.start);
        while hits.len() < take && pos < hay.len() {
            let Some(offset) = finder.find(&hay[pos..]) else { break };
            let at = pos + offset;
            while self.starts.get(i + 1).is_some_and(|&s| s as usize <= at) {
                i += 1;
            }
            if keeps(i as u32) {
                hits.push(i as u32);
            }
            pos = self.span(i as u32).end;
        }
        hits
    }

    fn span(&self, i: u32) -> std::ops::Range<usize> {
        let start = self.starts[i as usize] as usize;
        let end = self.starts.get(i as usize + 1).map_or(self.haystack.len(), |&s| s as usize);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::sample::{generate_customers, SampleCompany};
    use chrono::Utc;

    fn customer(name: &str, phone: &str, company: &str, tags: &[&str]) -> Customer {
        let mut c = Customer::new(format!("id-{name}"), name, Utc::now());
        c.phone = phone.into();
        c.company = company.into();
        c.tags = tags.iter().map(|&t| t.into()).collect();
        c
    }

    fn names(index: &CustomerIndex, hits: &[u32], all: &[Customer]) -> Vec<String> {
        hits.iter().map(|&i| all.iter().find(|c| *c.id == *index.entry(i).id).unwrap().name.to_string()).collect()
    }

    #[test]
    fn search_matches_name_phone_company_and_tags_but_not_across_fields() {
        let all = vec![
            customer("张三", "138-0000-1234", "Ganjiang Realty", &["VIP"]),
            customer("李四", "0791-8888888", "洪都贸易", &[]),
            customer("王五", "", "", &["老客户"]),
        ];
        let index = CustomerIndex::build(&all, SortKey::Name, true);
        let find =
            |q: &str| names(&index, &index.search(&Filter::new(q, None, String::new(), String::new()), None), &all);
        assert_eq!(find("张"), ["张三"]);
        assert_eq!(find("13800001234"), ["张三"], "digits without dashes");
        assert_eq!(find("138 0000-1234"), ["张三"], "digits with other separators");
        assert_eq!(find("(0791) 888"), ["李四"]);
        assert_eq!(find("GANJIANG"), ["张三"], "case does not matter");
        assert_eq!(find("vip"), ["张三"]);
        assert_eq!(find("8888888"), ["李四"]);
        assert_eq!(find("老客户"), ["王五"]);
        assert_eq!(find("三1"), Vec::<String>::new(), "no match across two fields");
        assert_eq!(find("  ").len(), 3);
    }

    #[test]
    fn filters_combine_with_search_and_trash_is_left_out() {
        let mut all = generate_customers(SampleCompany::RealEstate, 4, 500);
        all[0].deleted_at = Some(Utc::now());
        let index = CustomerIndex::build(&all, SortKey::Updated, false);
        assert_eq!(index.len(), 499);
        let f = Filter::new("", Some(Stage::Loyal), "展会".into(), String::new());
        let expected =
            all.iter().filter(|c| c.deleted_at.is_none() && c.stage == Stage::Loyal && c.source == "展会").count();
        assert_eq!(index.search(&f, None).len(), expected);
    }

    #[test]
    fn a_tag_or_source_filter_keeps_exactly_its_customers_and_an_unknown_one_none() {
        let mut all = vec![
            customer("甲", "", "", &["VIP", "老客户"]),
            customer("乙", "", "", &["老客户"]),
            customer("丙", "", "", &[]),
        ];
        all[0].source = "展会".into();
        all[2].source = "展会".into();
        let index = CustomerIndex::build(&all, SortKey::Name, true);
        let find = |source: &str, tag: &str| {
            names(&index, &index.search(&Filter::new("", None, source.into(), tag.into()), None), &all)
        };
        assert_eq!(find("", "老客户"), ["乙", "甲"]);
        assert_eq!(find("", "VIP"), ["甲"]);
        assert_eq!(find("展会", ""), ["丙", "甲"]);
        assert_eq!(find("展会", "老客户"), ["甲"]);
        assert!(find("", "没有的标签").is_empty());
        assert!(find("电话", "").is_empty());
        assert_eq!(index.sources().into_iter().collect::<Vec<_>>(), ["展会"]);
        assert_eq!(index.tags().into_iter().collect::<Vec<_>>(), ["VIP", "老客户"]);
    }

    #[test]
    fn a_custom_choice_filter_keeps_its_customers_and_search_reads_notes_address_and_custom_values() {
        let mut all = vec![
            customer("甲", "+86 137 0013 7000", "", &[]),
            customer("乙", "", "", &[]),
            customer("丙", "", "", &[]),
        ];
        all[0].custom.insert("口味偏好".into(), "红茶".into());
        all[0].custom.insert("会员卡号".into(), "VIP-0817".into());
        all[1].custom.insert("口味偏好".into(), "绿茶".into());
        all[1].notes = "喜欢明前龙井".into();
        all[2].address = "南昌市红谷滩区".into();
        all[2].wechat = "bing_tea".into();
        let index = CustomerIndex::build_with(&all, SortKey::Name, true, &["口味偏好"]);
        let names = |f: &Filter| -> Vec<String> {
            index
                .search(f, None)
                .into_iter()
                .map(|i| all.iter().find(|c| *c.id == *index.entry(i).id).unwrap().name.to_string())
                .collect()
        };
        let none = || Filter::new("", None, String::new(), String::new());
        assert_eq!(names(&none().with_choice("口味偏好", "红茶")), ["甲"]);
        assert_eq!(names(&none().with_choice("口味偏好", "普洱")), Vec::<String>::new());
        assert_eq!(names(&none().with_choice("", "")).len(), 3);
        // The member card is not a filter (not a choice field), but search finds it.
        assert_eq!(index.choices().len(), 2);
        for (q, who) in
            [("vip-0817", "甲"), ("8613700137000", "甲"), ("龙井", "乙"), ("红谷滩", "丙"), ("bing_tea", "丙")]
        {
            assert_eq!(names(&Filter::new(q, None, String::new(), String::new())), [who], "{q}");
        }
    }

    #[test]
    fn sorting_orders_the_entries() {
        let all = vec![customer("乙", "", "b", &[]), customer("甲", "", "c", &[]), customer("丙", "", "a", &[])];
        let by_company = CustomerIndex::build(&all, SortKey::Company, true);
        let order: Vec<&str> = (0..3).map(|i| &*by_company.entry(i).id).collect();
        assert_eq!(order, ["id-丙", "id-乙", "id-甲"]);
        let desc = CustomerIndex::build(&all, SortKey::Company, false);
        assert_eq!(&*desc.entry(0).id, "id-甲");
    }

    #[test]
    fn narrowing_gives_the_same_hits_as_a_full_search() {
        let all = generate_customers(SampleCompany::TaobaoShop, 8, 3_000);
        let index = CustomerIndex::build(&all, SortKey::Name, true);
        for (a, b) in [("1", "13"), ("13", "138"), ("王", "王伟"), ("", "5"), ("北", "北京")] {
            let fa = Filter::new(a, None, String::new(), String::new());
            let fb = Filter::new(b, None, String::new(), String::new());
            assert!(fb.narrows(&fa));
            let first = index.search(&fa, None);
            assert_eq!(index.search(&fb, Some(&first)), index.search(&fb, None), "{a} → {b}");
        }
        let staged = Filter::new("13", Some(Stage::Lost), String::new(), String::new());
        assert!(!staged.narrows(&Filter::new("1", None, String::new(), String::new())));
    }

    #[test]
    fn every_hit_really_matches_and_no_match_is_missed() {
        let all = generate_customers(SampleCompany::RealEstate, 9, 2_000);
        let index = CustomerIndex::build(&all, SortKey::Updated, true);
        for q in ["1", "0791", "南昌", "刚需", "经理", "9999"] {
            let hits: BTreeSet<&str> = index
                .search(&Filter::new(q, None, String::new(), String::new()), None)
                .iter()
                .map(|&i| &*index.entry(i).id)
                .collect();
            let expected: BTreeSet<&str> = all.iter().filter(|c| c.matches(q)).map(|c| c.id.as_str()).collect();
            assert_eq!(hits, expected, "{q}");
        }
    }

    #[test]
    fn the_first_screenful_is_the_start_of_every_match_and_says_whether_there_are_more() {
        let all = generate_customers(SampleCompany::RealEstate, 5, 2_000);
        let index = CustomerIndex::build(&all, SortKey::Updated, false);
        let loyal = |q: &str| Filter::new(q, Some(Stage::Loyal), String::new(), String::new());
        let any = |q: &str| Filter::new(q, None, String::new(), String::new());
        let wide = index.search(&any("1"), None);
        let narrow = index.search(&any("南昌"), None);
        assert!(narrow.len() < index.len() / 8 && wide.len() >= index.len() / 8, "both ways of narrowing are used");
        for filter in [any(""), any("1"), any("13"), any("南昌"), any("9999"), loyal(""), loyal("1")] {
            for within in [None, Some(&wide), Some(&narrow)] {
                if within.is_some() && !filter.narrows(&any(if within == Some(&wide) { "1" } else { "南昌" })) {
                    continue;
                }
                let every = index.search(&filter, within.map(Vec::as_slice));
                for limit in [0, 1, 60, every.len().saturating_sub(1), every.len(), every.len() + 1, usize::MAX] {
                    let first = index.search_first(
                        &filter,
                        within.map(Vec::as_slice),
                        Budget { hits: limit, entries: usize::MAX },
                    );
                    assert_eq!(first.positions, every[..limit.min(every.len())], "{filter:?} {limit}");
                    assert_eq!(first.complete, every.len() <= limit, "{filter:?} {limit}");
                    // Fewer entries looked at: still the start of every match, and
                    // complete only when it is all of them.
                    for entries in [0, 1, 300, index.len() - 1] {
                        let part =
                            index.search_first(&filter, within.map(Vec::as_slice), Budget { hits: limit, entries });
                        assert!(part.positions.len() <= limit);
                        assert_eq!(part.positions, every[..part.positions.len()], "{filter:?} {limit} {entries}");
                        if part.complete {
                            assert_eq!(part.positions, every, "{filter:?} {limit} {entries}");
                        }
                    }
                    let all = Budget { hits: limit, entries: index.len() };
                    assert_eq!(index.search_first(&filter, within.map(Vec::as_slice), all), first);
                }
            }
        }
        // Slices put end to end are the whole search.
        for filter in [any(""), any("1"), any("南昌"), any("9999"), loyal("1")] {
            let every = index.search(&filter, None);
            for cuts in
                [vec![0, index.len()], vec![0, 1, 700, 701, index.len()], vec![0, 333, 1000, 1999, index.len() + 5]]
            {
                let joined: Vec<u32> = cuts.windows(2).flat_map(|w| index.search_slice(&filter, w[0]..w[1])).collect();
                assert_eq!(joined, every, "{filter:?} {cuts:?}");
            }
        }
        // The budget of entries is kept: the first 300 entries' matches, and no more.
        let part = index.search_first(&any("1"), None, Budget { hits: usize::MAX, entries: 300 });
        assert!(!part.complete && !part.positions.is_empty() && part.positions.iter().all(|&i| i < 300));
        assert_eq!(part.positions, wide.iter().copied().filter(|&i| i < 300).collect::<Vec<_>>());
    }
}
