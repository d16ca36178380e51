//! The rules between records: every reference points at a record of the book, a
//! callback is not due before what it follows, the org chart has no cycle, survey
//! answers fit their survey. An import checks them on the file; a merge on the book it
//! would make ([`super::merge::settle_merge`]), so a merge never stores a book that its
//! own export would not import.

// Ids are hashed by the hundred thousand here; Fx is several times faster than SipHash.
use rustc_hash::{FxHashMap, FxHashSet};

use super::envelope::Collections;
use crate::model::pipeline::DEFAULT_STAGES;
use crate::model::survey::Survey;
use crate::model::{Problem, Record};

macro_rules! define_book_view {
    ($($name:ident: $ty:ty => $doc:literal,)*) => {
        /// Every collection of a book as references to its records: the file's, the
        /// store's tables, or the book a merge would make, without copying a record.
        #[derive(Debug, Default)]
        pub struct BookView<'a> {
            $(
                #[doc = $doc]
                pub $name: Vec<&'a $ty>,
            )*
        }

        impl Collections {
            /// This book's records as a [`BookView`].
            pub fn view(&self) -> BookView<'_> {
                BookView { $($name: self.$name.iter().collect(),)* }
            }
        }
    };
}

crate::for_each_collection!(define_book_view);

/// A record of a [`BookView`]: its collection and its place in that collection's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct At {
    /// The collection's name.
    pub collection: &'static str,
    /// The record's index in the view's list.
    pub index: usize,
}

/// A rule between records that one record breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceProblem {
    /// The record that breaks it.
    pub at: At,
    /// Its field (`customer_id`, `invitees[2]`, `answers.speed`).
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
    /// The other record the rule is about, when there is one: the record a callback
    /// follows, the survey an answer does not fit, the unit a cycle runs through.
    pub other: Option<At>,
}

/// Checks every rule between the records of `book`: references (trashed records
/// count: restoring them must find what they point at), callbacks not due before
/// what they follow, orders not dated in the future, opportunities on a stage of
/// the book, no cycle in the org chart, survey answers that fit their survey.
pub fn check_references(book: &BookView, today: chrono::NaiveDate) -> Vec<ReferenceProblem> {
    let mut out = Vec::new();
    let mut push = |collection: &'static str, index: usize, field: &str, problem: Problem, other: Option<At>| {
        out.push(ReferenceProblem { at: At { collection, index }, field: field.to_owned(), problem, other });
    };
    let customers: FxHashSet<&str> = book.customers.iter().map(|r| r.id.as_str()).collect();
    let mut customer_of = |collection: &'static str, index: usize, id: &str, optional: bool| {
        let allowed_empty = optional && id.is_empty();
        if !allowed_empty && !customers.contains(id) {
            push(collection, index, "customer_id", Problem::UnknownReference, None);
        }
    };
    for (i, r) in book.service_records.iter().enumerate() {
        customer_of("service_records", i, &r.customer_id, false);
    }
    for (i, r) in book.tickets.iter().enumerate() {
        customer_of("tickets", i, &r.customer_id, false);
    }
    for (i, r) in book.callbacks.iter().enumerate() {
        customer_of("callbacks", i, &r.customer_id, false);
    }
    for (i, o) in book.orders.iter().enumerate() {
        customer_of("orders", i, &o.customer_id, false);
    }
    for (i, o) in book.opportunities.iter().enumerate() {
        customer_of("opportunities", i, &o.customer_id, false);
    }
    for (i, r) in book.visits.iter().enumerate() {
        customer_of("visits", i, &r.customer_id, false);
    }
    for (i, r) in book.key_accounts.iter().enumerate() {
        customer_of("key_accounts", i, &r.customer_id, false);
    }
    for (i, r) in book.account_activities.iter().enumerate() {
        customer_of("account_activities", i, &r.customer_id, false);
    }
    for (i, r) in book.complaints.iter().enumerate() {
        customer_of("complaints", i, &r.customer_id, false);
    }
    for (i, r) in book.point_entries.iter().enumerate() {
        customer_of("point_entries", i, &r.customer_id, false);
    }
    for (i, r) in book.care_actions.iter().enumerate() {
        customer_of("care_actions", i, &r.customer_id, false);
    }
    for (i, r) in book.preferences.iter().enumerate() {
        customer_of("preferences", i, &r.customer_id, false);
    }
    for (i, r) in book.calls.iter().enumerate() {
        customer_of("calls", i, &r.customer_id, true);
    }
    for (i, r) in book.survey_responses.iter().enumerate() {
        customer_of("survey_responses", i, &r.customer_id, true);
    }
    let mut push = |collection: &'static str, index: usize, field: &str, problem: Problem, other: Option<At>| {
        out.push(ReferenceProblem { at: At { collection, index }, field: field.to_owned(), problem, other });
    };
    for (i, e) in book.event_plans.iter().enumerate() {
        for (j, id) in e.invitees.iter().enumerate() {
            if !customers.contains(id.as_str()) {
                push("event_plans", i, &format!("invitees[{j}]"), Problem::UnknownReference, None);
            }
        }
    }

    // What a callback may follow, with the day it starts from: it cannot be due before.
    let followed: FxHashMap<&str, (At, chrono::NaiveDate)> = book
        .service_records
        .iter()
        .enumerate()
        .map(|(index, r)| (r.id.as_str(), (At { collection: "service_records", index }, r.at.date_naive())))
        .chain(book.tickets.iter().enumerate().filter_map(|(index, t)| {
            Some((t.id.as_str(), (At { collection: "tickets", index }, t.flow.opened_at()?.date_naive())))
        }))
        .collect();
    for (i, r) in book.callbacks.iter().enumerate() {
        if r.follows.is_empty() {
            continue;
        }
        match followed.get(r.follows.as_str()) {
            None => push("callbacks", i, "follows", Problem::UnknownReference, None),
            Some((at, start)) if r.due < *start => push("callbacks", i, "due", Problem::BeforeStart, Some(*at)),
            Some(_) => {}
        }
    }

    for (i, o) in book.orders.iter().enumerate() {
        if let Some(e) = o.check_date(today) {
            push("orders", i, &e.field, e.problem, None);
        }
    }

    // Without stages of its own, a book's opportunities use the default ones.
    let stages: FxHashSet<&str> = if book.pipeline_stages.is_empty() {
        DEFAULT_STAGES.iter().map(|s| s.0).collect()
    } else {
        book.pipeline_stages.iter().map(|s| s.id.as_str()).collect()
    };
    for (i, o) in book.opportunities.iter().enumerate() {
        if !stages.contains(o.stage_id.as_str()) {
            push("opportunities", i, "stage_id", Problem::UnknownReference, None);
        }
    }

    check_org_chart(book, &mut push);

    let care_rules: FxHashSet<&str> = book.care_rules.iter().map(|r| r.id.as_str()).collect();
    for (i, a) in book.care_actions.iter().enumerate() {
        if !care_rules.contains(a.rule_id.as_str()) {
            push("care_actions", i, "rule_id", Problem::UnknownReference, None);
        }
    }

    let surveys: FxHashMap<&str, (usize, &Survey)> =
        book.surveys.iter().enumerate().map(|(i, s)| (s.id.as_str(), (i, *s))).collect();
    for (i, r) in book.survey_responses.iter().enumerate() {
        match surveys.get(r.survey_id.as_str()) {
            None => push("survey_responses", i, "survey_id", Problem::UnknownReference, None),
            Some((index, s)) => {
                for e in r.check_against(s) {
                    push("survey_responses", i, &e.field, e.problem, Some(At { collection: "surveys", index: *index }));
                }
            }
        }
    }
    out
}

/// Every unit's parent is a unit of the book, and following parents from any unit
/// never comes back to it. A unit on a cycle names the parent it reports to.
fn check_org_chart(book: &BookView, push: &mut impl FnMut(&'static str, usize, &str, Problem, Option<At>)) {
    let index: FxHashMap<&str, usize> = book.org_units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    // Trashed units keep their place: restoring one must not make a cycle either.
    for (i, u) in book.org_units.iter().enumerate() {
        if u.parent_id.is_empty() {
            continue;
        }
        let Some(&parent) = index.get(u.parent_id.as_str()) else {
            push("org_units", i, "parent_id", Problem::UnknownReference, None);
            continue;
        };
        // A unit its own parent breaks its own rule (`OrgUnit::validate`).
        if parent == i {
            continue;
        }
        // Walk up from the parent through live units (a trashed unit ends the chain,
        // as on the org page); a walk longer than the chart is a cycle above this unit,
        // reported at the units on it.
        let mut at = parent;
        let mut steps = 0;
        let cycles = loop {
            if at == i {
                break true;
            }
            let unit = book.org_units[at];
            steps += 1;
            if unit.deleted_at.is_some() || steps > book.org_units.len() {
                break false;
            }
            match index.get(unit.parent_id.as_str()) {
                Some(&next) => at = next,
                None => break false,
            }
        };
        if cycles {
            push("org_units", i, "parent_id", Problem::Cycle, Some(At { collection: "org_units", index: parent }));
        }
    }
}

/// The record at `at` of `book`, as its id and [`Record::summary`].
pub fn describe(book: &BookView, at: At) -> (String, String) {
    macro_rules! find {
        ($($name:ident: $ty:ty => $doc:literal,)*) => {
            match at.collection {
                $(stringify!($name) => book.$name.get(at.index).map(|r| (r.id().to_owned(), r.summary())),)*
                _ => None,
            }
        };
    }
    crate::for_each_collection!(find).unwrap_or_default()
}
