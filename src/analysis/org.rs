//! Checks and layout of the org chart: span-of-control warnings (表 1-1), moves that
//! would put a unit under itself, duty areas nobody holds, and where each box goes.

use std::collections::{BTreeSet, HashMap};

use crate::model::org::{DutyArea, OrgUnit};
use crate::model::settings::OrgSettings;
use crate::model::Choice;

/// A position whose direct reports fall outside its level's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanWarning {
    /// The position.
    pub id: String,
    /// The direct reports of each holder of the position: the head counts of the units
    /// right under it, shared among its own head count (rounded up).
    pub reports: u32,
    /// The span its level should have.
    pub min: u32,
    /// The most.
    pub max: u32,
}

fn live(units: &[OrgUnit]) -> impl Iterator<Item = &OrgUnit> {
    units.iter().filter(|u| u.deleted_at.is_none())
}

/// Every position whose direct reports are outside its level's span. A span counts the
/// people right under a position, per holder: 8 专员 under one 主管 are 8 reports; 16
/// under a 主管 ×2 are 8 each.
pub fn span_warnings(units: &[OrgUnit], rules: &OrgSettings) -> Vec<SpanWarning> {
    let mut reports: HashMap<&str, u32> = HashMap::new();
    for u in live(units).filter(|u| !u.parent_id.is_empty()) {
        *reports.entry(u.parent_id.as_str()).or_default() += u.head_count;
    }
    live(units)
        .filter_map(|u| {
            let rule = rules.rule(u.level)?;
            let n = reports.get(u.id.as_str()).copied().unwrap_or(0).div_ceil(u.head_count.max(1));
            (n < rule.min || n > rule.max).then(|| SpanWarning {
                id: u.id.to_string(),
                reports: n,
                min: rule.min,
                max: rule.max,
            })
        })
        .collect()
}

/// Whether putting `unit` under `new_parent` would make a loop: the new parent is the
/// unit itself or one of the units under it.
pub fn would_cycle(units: &[OrgUnit], unit: &str, new_parent: &str) -> bool {
    let parent_of: HashMap<&str, &str> = live(units).map(|u| (u.id.as_str(), u.parent_id.as_str())).collect();
    let mut at = new_parent;
    let mut seen = BTreeSet::new();
    while !at.is_empty() {
        if at == unit || !seen.insert(at) {
            return true;
        }
        at = parent_of.get(at).copied().unwrap_or("");
    }
    false
}

/// The duty areas no live position holds, in the textbook's order.
pub fn unheld_duties(units: &[OrgUnit]) -> Vec<DutyArea> {
    let held: BTreeSet<DutyArea> = live(units).flat_map(|u| u.duties.iter().copied()).collect();
    DutyArea::ALL.iter().copied().filter(|d| !held.contains(d)).collect()
}

/// Where a box goes: its column (leaves are numbered left to right, a parent sits over
/// the middle of its children) and its row (depth).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The unit.
    pub id: String,
    /// The unit it reports to, if any.
    pub parent_id: Option<String>,
    /// Horizontal place, in box widths.
    pub x: f64,
    /// Depth, 0 at the top.
    pub depth: usize,
}

/// The layout of the chart: every live unit placed, tops (units without a live parent)
/// side by side, children in their `position` order.
pub fn layout(units: &[OrgUnit]) -> Vec<Placed> {
    let ids: BTreeSet<&str> = live(units).map(|u| u.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<&OrgUnit>> = HashMap::new();
    let mut tops = Vec::new();
    for u in live(units) {
        if u.parent_id.is_empty() || !ids.contains(u.parent_id.as_str()) || u.parent_id == u.id {
            tops.push(u);
        } else {
            children.entry(u.parent_id.as_str()).or_default().push(u);
        }
    }
    let order =
        |v: &mut Vec<&OrgUnit>| v.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.title.cmp(&b.title)));
    order(&mut tops);
    for v in children.values_mut() {
        order(v);
    }
    let mut out = Vec::new();
    let mut next_leaf = 0.0;
    let mut visiting = BTreeSet::new();
    for t in tops {
        place(t, 0, &children, &mut next_leaf, &mut out, &mut visiting);
    }
    out
}

fn place<'a>(
    u: &'a OrgUnit,
    depth: usize,
    children: &HashMap<&str, Vec<&'a OrgUnit>>,
    next_leaf: &mut f64,
    out: &mut Vec<Placed>,
    visiting: &mut BTreeSet<&'a str>,
) -> f64 {
    // A loop in a damaged file must not recurse forever.
    if !visiting.insert(u.id.as_str()) {
        return *next_leaf;
    }
    let index = out.len();
    out.push(Placed {
        id: u.id.to_string(),
        parent_id: (!u.parent_id.is_empty() && depth > 0).then(|| u.parent_id.to_string()),
        x: 0.0,
        depth,
    });
    let kids = children.get(u.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
    let x = if kids.is_empty() {
        let x = *next_leaf;
        *next_leaf += 1.0;
        x
    } else {
        let xs: Vec<f64> = kids.iter().map(|k| place(k, depth + 1, children, next_leaf, out, visiting)).collect();
        (xs[0] + xs[xs.len() - 1]) / 2.0
    };
    out[index].x = x;
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::org::OrgLevel;

    fn unit(id: &str, level: OrgLevel, parent: &str, heads: u32) -> OrgUnit {
        let at = "2026-11-27T00:00:00Z".parse().unwrap();
        OrgUnit {
            sample: false,
            id: id.into(),
            title: id.into(),
            level,
            parent_id: parent.into(),
            head_count: heads,
            position: 0,
            duties: Vec::new(),
            note: String::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    #[test]
    fn span_warnings_at_the_boundaries_of_table_1_1() {
        use OrgLevel::*;
        let rules = OrgSettings::default();
        // A director with 3 managers (exactly the minimum): fine. A manager with 4
        // supervisors (one below 5): warned. A supervisor with 15 专员 (the maximum): fine;
        // another with 16: warned.
        let mut units = vec![unit("d", Director, "", 1)];
        for m in ["m1", "m2", "m3"] {
            units.push(unit(m, Manager, "d", 1));
        }
        for s in ["s1", "s2", "s3", "s4"] {
            units.push(unit(s, Supervisor, "m1", 1));
        }
        units.push(unit("team1", Specialist, "s1", 15));
        units.push(unit("team2", Specialist, "s2", 16));
        let w = span_warnings(&units, &rules);
        let got: Vec<(&str, u32)> = w.iter().map(|w| (w.id.as_str(), w.reports)).collect();
        // m2 and m3 have nobody (0 < 5), s3 and s4 nobody (0 < 7).
        assert_eq!(got, [("m1", 4), ("m2", 0), ("m3", 0), ("s2", 16), ("s3", 0), ("s4", 0)]);
        assert_eq!((w[0].min, w[0].max), (5, 9));
        // One more supervisor under m1 reaches 5: its warning goes.
        units.push(unit("s5", Supervisor, "m1", 1));
        assert!(!span_warnings(&units, &rules).iter().any(|w| w.id == "m1"));
        // A trashed unit does not count.
        units.last_mut().unwrap().deleted_at = Some("2026-11-27T01:00:00Z".parse().unwrap());
        assert!(span_warnings(&units, &rules).iter().any(|w| w.id == "m1"));
        // Two supervisors sharing 16 专员 have 8 each: within 7–15. Three would have 6
        // (⌈17/3⌉ with one more): under 7.
        let pair = vec![unit("s", Supervisor, "", 2), unit("team", Specialist, "s", 16)];
        assert_eq!(span_warnings(&pair, &rules), vec![]);
        let three = vec![unit("s", Supervisor, "", 3), unit("team", Specialist, "s", 17)];
        assert_eq!(span_warnings(&three, &rules)[0].reports, 6);
    }

    #[test]
    fn moving_a_unit_under_its_own_child_is_a_cycle() {
        use OrgLevel::*;
        let units = vec![unit("d", Director, "", 1), unit("m", Manager, "d", 1), unit("s", Supervisor, "m", 1)];
        assert!(would_cycle(&units, "d", "s"));
        assert!(would_cycle(&units, "m", "m"));
        assert!(!would_cycle(&units, "s", "d"));
        assert!(!would_cycle(&units, "m", ""));
    }

    #[test]
    fn duties_nobody_holds() {
        let mut a = unit("a", OrgLevel::Manager, "", 1);
        a.duties = vec![DutyArea::Complaints, DutyArea::AfterSales];
        let mut b = unit("b", OrgLevel::Specialist, "a", 2);
        b.duties = vec![DutyArea::CallCenter];
        let left = unheld_duties(&[a, b]);
        assert_eq!(
            left,
            [DutyArea::Organisation, DutyArea::CustomerInformation, DutyArea::DailyRelations, DutyArea::KeyAccounts]
        );
    }

    #[test]
    fn a_parent_sits_over_the_middle_of_its_children() {
        use OrgLevel::*;
        let mut units = vec![unit("d", Director, "", 1), unit("m1", Manager, "d", 1), unit("m2", Manager, "d", 1)];
        units.push(unit("s1", Supervisor, "m1", 1));
        units.push(unit("s2", Supervisor, "m1", 1));
        units[2].position = 1;
        let placed = layout(&units);
        let at = |id: &str| placed.iter().find(|p| p.id == id).map(|p| (p.x, p.depth)).unwrap();
        assert_eq!(at("s1"), (0.0, 2));
        assert_eq!(at("s2"), (1.0, 2));
        assert_eq!(at("m1"), (0.5, 1));
        assert_eq!(at("m2"), (2.0, 1));
        assert_eq!(at("d"), (1.25, 0));
        assert_eq!(placed.len(), 5);
    }
}
