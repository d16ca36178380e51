//! Range selection in a list (the customer list's shift-click and shift+Space): the
//! rows between the last row the user ticked or cleared (the anchor) and the row they
//! shift-click all take the state the clicked row's checkbox takes.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// What a shift-click does to the selection: every row of `rows` selected or cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeChange {
    /// The rows, by position in the list, both ends included.
    pub rows: RangeInclusive<usize>,
    /// Whether they become selected (`false`: cleared).
    pub select: bool,
}

/// The change a shift-click on row `clicked` of a list of `len` rows makes, where
/// `anchor` is the row last ticked or cleared (if it is still listed) and
/// `clicked_selected` whether the clicked row is selected now. The clicked row's
/// checkbox flips and the whole range follows it; without an anchor the range is the
/// clicked row alone, as a plain click.
pub fn shift_click(anchor: Option<usize>, clicked: usize, len: usize, clicked_selected: bool) -> Option<RangeChange> {
    if clicked >= len {
        return None;
    }
    let from = anchor.filter(|&a| a < len).unwrap_or(clicked);
    Some(RangeChange { rows: from.min(clicked)..=from.max(clicked), select: !clicked_selected })
}

/// Applies `change` to `selection`, reading each row's id with `id_at`.
pub fn apply(selection: &mut BTreeSet<String>, change: &RangeChange, id_at: impl Fn(usize) -> String) {
    for i in change.rows.clone() {
        let id = id_at(i);
        if change.select {
            selection.insert(id);
        } else {
            selection.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// The list 赵, 钱, 孙, 李, 周, 吴 (ids a–f).
    const ROWS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

    fn shift(selection: &mut BTreeSet<String>, anchor: Option<usize>, clicked: usize) {
        let selected = selection.contains(ROWS[clicked]);
        let change = shift_click(anchor, clicked, ROWS.len(), selected).unwrap();
        apply(selection, &change, |i| ROWS[i].to_owned());
    }

    #[test]
    fn ticking_钱_then_shift_clicking_周_selects_钱_to_周() {
        let mut s = ids(&["b"]);
        shift(&mut s, Some(1), 4);
        assert_eq!(s, ids(&["b", "c", "d", "e"]));
    }

    #[test]
    fn upwards_works_the_same_and_keeps_what_was_selected_outside() {
        let mut s = ids(&["a", "e"]);
        shift(&mut s, Some(4), 2);
        assert_eq!(s, ids(&["a", "c", "d", "e"]));
    }

    #[test]
    fn shift_clicking_a_selected_row_clears_the_range() {
        // 钱 to 周 selected, anchor 钱; shift-click 李 (selected): 钱, 孙, 李 cleared.
        let mut s = ids(&["b", "c", "d", "e"]);
        shift(&mut s, Some(1), 3);
        assert_eq!(s, ids(&["e"]));
    }

    #[test]
    fn without_an_anchor_only_the_clicked_row_changes() {
        let mut s = BTreeSet::new();
        shift(&mut s, None, 2);
        assert_eq!(s, ids(&["c"]));
        // An anchor past the end of a list that shrank counts as none.
        shift(&mut s, Some(9), 3);
        assert_eq!(s, ids(&["c", "d"]));
    }

    #[test]
    fn a_click_past_the_end_changes_nothing() {
        assert_eq!(shift_click(Some(0), 6, 6, false), None);
        assert_eq!(shift_click(Some(0), 0, 0, false), None);
    }

    #[test]
    fn the_anchor_row_itself_is_a_range_of_one() {
        assert_eq!(shift_click(Some(3), 3, 6, false), Some(RangeChange { rows: 3..=3, select: true }));
    }
}
