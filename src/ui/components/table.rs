//! The virtualized, sortable table: only the rows in view (plus a few) are in the DOM,
//! so 100,000 records scroll like 100. Rows are record ids; each column makes its
//! cell from an id (`table_rows` draws them). Keyboard: ↑/↓/PageUp/PageDown/Home/End move, Enter opens, Space
//! selects; shift-click on a row's checkbox, or shift+Space, selects the range from
//! the row last ticked (`analysis::selection`).

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Key;
use crate::store::IdSet;
use crate::ui::context::{txf, use_app};

/// Height of one row in CSS pixels (the stylesheet's `--row-h` must match). Whole
/// pixels keep float formatting out of the bundle.
pub const ROW_HEIGHT: i32 = 40;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gap.
const OVERSCAN: usize = 6;

pub use super::table_rows::Cell;
use super::table_rows::Slot;

/// Makes one cell from a record id.
pub type CellFn = Arc<dyn Fn(&str) -> Cell + Send + Sync>;

/// The ids of a table's rows, in display order. A page hands over what it already
/// has (a search result, say) instead of copying 100,000 ids per keystroke.
pub trait RowIds: Send + Sync {
    /// Number of rows.
    fn len(&self) -> usize;
    /// The id of row `i` (`i < len()`).
    fn id(&self, i: usize) -> &str;
    /// Whether there is no row.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Every row's id, for "select all". Rows drawn before their whole result is known
    /// (a search's first screenful) give every row the result will have.
    fn every_id(&self) -> Vec<String> {
        (0..self.len()).map(|i| self.id(i).to_owned()).collect()
    }
}

impl<S: AsRef<str> + Send + Sync> RowIds for Vec<S> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn id(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

/// A column's cell for a table whose rows are the records of `collection`: `f` of the
/// record the row's id names (an empty cell if it is gone).
pub fn record_cell<T: crate::model::Record + Send + Sync>(
    collection: crate::store::Collection<T>,
    f: impl Fn(&T) -> Cell + Send + Sync + 'static,
) -> CellFn {
    Arc::new(move |id: &str| collection.with_untracked(|t| t.get(id).map(&f)).unwrap_or_default())
}

/// Rows as the table takes them.
pub type Rows = Arc<dyn RowIds>;

/// A memo's comparison under which every recomputation counts as a change: comparing
/// 100,000 rows (or an index of them) would cost more than the redraw it saves.
pub fn every_change<T: ?Sized>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// Rows computed once per change of what `f` reads, however many read them: a page's
/// filter and sort over a whole collection must not run again for each reader (a page
/// that derived them ran its filter on every frame of a scroll).
pub fn computed_rows(f: impl Fn() -> Rows + Send + Sync + 'static) -> Signal<Rows> {
    Memo::new_with_compare(move |_| f(), every_change).into()
}

/// One column of a [`VirtualTable`].
#[derive(Clone)]
pub struct Column {
    /// Sort key handed back through `sort`.
    pub key: &'static str,
    /// Header text.
    pub header: Key,
    /// CSS grid track, e.g. `2fr` or `8rem`.
    pub width: &'static str,
    /// Whether clicking the header sorts by it.
    pub sortable: bool,
    /// The cell.
    pub cell: CellFn,
}

/// A virtualized grid of `rows` (ids, in display order).
#[component]
pub fn VirtualTable(
    /// The table's accessible name.
    label: Key,
    /// The columns.
    columns: Vec<Column>,
    /// Record ids in display order.
    rows: Signal<Rows>,
    /// The sort: column key and ascending.
    sort: RwSignal<(&'static str, bool)>,
    /// Selected ids.
    selection: RwSignal<IdSet>,
    /// Opens a record.
    on_open: Callback<String>,
    /// Accessible name of a row's checkbox, from its id.
    row_name: Arc<dyn Fn(&str) -> String + Send + Sync>,
) -> impl IntoView {
    let app = use_app();
    // The rows, read once per change, and how many times they have changed: a page may
    // hand over the same rows anew (the language changed, and with it the cells).
    let numbered = Memo::new_with_compare(
        move |prev: Option<&(u64, Rows)>| (prev.map_or(0, |p| p.0 + 1), rows.get()),
        every_change,
    );
    let rows = Signal::derive(move || numbered.with(|n| n.1.clone()));
    let body: NodeRef<Div> = NodeRef::new();
    let spacer: NodeRef<Div> = NodeRef::new();
    let scroll_top = RwSignal::new(0i32);
    let viewport = RwSignal::new(600i32);
    let active = RwSignal::new(None::<usize>);
    let tracks = std::iter::once("2.5rem").chain(columns.iter().map(|c| c.width)).collect::<Vec<_>>().join(" ");
    let columns = StoredValue::new(columns);
    let row_name = StoredValue::new(row_name);
    let len = Memo::new(move |_| rows.with(|r| r.len()));

    // Keep the active row inside the list when it shrinks.
    Effect::new(move |_| {
        let n = len.get();
        active.update(|a| {
            if let Some(i) = a {
                if *i >= n {
                    *a = n.checked_sub(1);
                }
            }
        });
    });

    // How many rows a window holds: the view's, one more at each edge, and the overscan.
    let pool = Memo::new(move |_| (viewport.get() / ROW_HEIGHT) as usize + 2 + 2 * OVERSCAN);
    // The rows drawn, `start..end`: a full pool's worth wherever the list holds that many.
    let window = Memo::new(move |_| {
        let n = len.get();
        let size = pool.get().min(n);
        let first = (scroll_top.get().max(0) / ROW_HEIGHT) as usize;
        let start = first.saturating_sub(OVERSCAN).min(n - size);
        (start, start + size)
    });

    // The grid element scrolls; its sticky header row takes one row's height of the view.
    let measure = move || {
        if let Some(el) = body.try_get_untracked().flatten() {
            scroll_top.set(el.scroll_top());
            viewport.set((el.client_height() - ROW_HEIGHT).max(1));
        }
    };
    Effect::new(move |_| {
        if body.get().is_some() {
            measure();
        }
    });
    let resize = leptos::prelude::window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let scroll_into_view = move |i: usize| {
        if let Some(el) = body.get_untracked() {
            let top = i as i32 * ROW_HEIGHT;
            let view_h = el.client_height() - ROW_HEIGHT;
            let cur = el.scroll_top();
            if top < cur {
                el.set_scroll_top(top);
            } else if top + ROW_HEIGHT > cur + view_h {
                el.set_scroll_top(top + ROW_HEIGHT - view_h);
            }
            measure();
        }
    };
    // The active row, if it is drawn: after a scroll by mouse it may not be.
    let drawn_active = move || active.get().filter(|i| (window.get().0..window.get().1).contains(i));

    let id_at = move |i: usize| rows.with_untracked(|r| (i < r.len()).then(|| r.id(i).to_owned()));
    // The row last ticked or cleared, by id (a sort or a search moves it): where a
    // shift-click's range starts.
    let anchor = StoredValue::new(None::<String>);
    let toggle = move |id: String| {
        selection.update(|s| {
            if !s.remove(&id) {
                s.insert(id.clone());
            }
        });
        anchor.set_value(Some(id));
    };
    // Shift-click or shift+Space on row `i`: from the anchor to `i`, all as row `i`
    // becomes.
    let toggle_range = move |i: usize| {
        let anchor_row = anchor
            .with_value(|a| a.as_ref().and_then(|a| rows.with_untracked(|r| (0..r.len()).find(|&j| r.id(j) == a))));
        let Some(id) = id_at(i) else { return };
        let selected = selection.with_untracked(|s| s.contains(&id));
        let Some(change) = crate::analysis::selection::shift_click(anchor_row, i, len.get_untracked(), selected) else {
            return;
        };
        rows.with_untracked(|r| {
            selection.update(|s| crate::analysis::selection::apply(s, &change, |j| r.id(j).to_owned()))
        });
        anchor.set_value(Some(id));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Keys pressed on a control inside the grid (the select-all box) are its own.
        if ev.target() != ev.current_target() {
            return;
        }
        let n = len.get_untracked();
        if n == 0 {
            return;
        }
        let page = ((viewport.get_untracked() / ROW_HEIGHT) as usize).max(1);
        // Keys move on from the active row if it is in view, else from the top of the view.
        let first_visible = ((scroll_top.get_untracked().max(0) + ROW_HEIGHT - 1) / ROW_HEIGHT) as usize;
        let drawn = active.get_untracked().filter(|i| {
            let (start, end) = window.get_untracked();
            (start..end).contains(i)
        });
        let step = |delta: isize| match drawn {
            None => first_visible.min(n - 1),
            Some(i) => (i as isize + delta).clamp(0, n as isize - 1) as usize,
        };
        let next = match ev.key().as_str() {
            "ArrowDown" => Some(step(1)),
            "ArrowUp" => Some(step(-1)),
            "PageDown" => Some(step(page as isize)),
            "PageUp" => Some(step(-(page as isize))),
            "Home" => Some(0),
            "End" => Some(n - 1),
            "Enter" => {
                if let Some(id) = drawn.and_then(id_at) {
                    ev.prevent_default();
                    on_open.run(id);
                }
                None
            }
            " " => {
                if let Some(i) = drawn {
                    ev.prevent_default();
                    if ev.shift_key() {
                        toggle_range(i);
                    } else if let Some(id) = id_at(i) {
                        toggle(id);
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(i) = next {
            ev.prevent_default();
            active.set(Some(i));
            scroll_into_view(i);
        }
    };

    let all_selected = move || {
        let n = len.get();
        n > 0 && selection.with(|s| s.len() >= n && rows.with(|r| (0..r.len()).all(|i| s.contains(r.id(i)))))
    };
    let select_all = move |on: bool| {
        if on {
            rows.with_untracked(|r| selection.set(r.every_id().into_iter().collect()));
        } else {
            selection.set(IdSet::new());
        }
    };

    let header = move || {
        columns.with_value(|cols| {
            cols.iter()
                .map(|c| {
                    let key = c.key;
                    let head = c.header;
                    let sort_state = move || match sort.get() {
                        (k, true) if k == key => "ascending",
                        (k, false) if k == key => "descending",
                        _ => "none",
                    };
                    if c.sortable {
                        view! {
                            <div role="columnheader" class="th" aria-sort=sort_state>
                                <button
                                    type="button"
                                    class="sort"
                                    on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })
                                >
                                    {move || app.t(head)}
                                    <span aria-hidden="true">
                                        {move || match sort_state() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}
                                    </span>
                                </button>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! { <div role="columnheader" class="th">{move || app.t(head)}</div> }.into_any()
                    }
                })
                .collect_view()
        })
    };

    // The rows, drawn by hand into the spacer (`table_rows`): row `i` in slot `i % pool`,
    // so a scroll by a few rows redraws only the rows coming into view, and a new list
    // of rows (a search, an edit, the language) only the cells that differ. Selecting
    // or moving the active row runs it too, and changes only those marks.
    // The effect keeps its slots, the rows they show and whether the rows out of view
    // still show an older list, from one run to the next.
    //
    // A new list (a keystroke) redraws the rows in view only, and the overscan after
    // that frame is painted: the keystroke's frame then lays out half the rows (layout
    // of the changed rows was most of a painted keystroke at 100,000 customers).
    let overscan_due = RwSignal::new(0u32);
    Effect::new(move |state: Option<(Vec<Slot>, Option<u64>, bool)>| {
        let (mut slots, drawn, behind) = state.unwrap_or_default();
        overscan_due.track();
        let Some(parent) = spacer.get() else { return (slots, drawn, behind) };
        let (start, end) = window.get();
        let p = pool.get();
        let doc = document();
        let width = columns.with_value(Vec::len);
        let active = active.get();
        let (number, shown) = numbered.get();
        let fresh = drawn != Some(number);
        // The rows in view, within the window: a list that shrank below the scroll
        // position is drawn whole (the browser has not moved the scroll yet).
        let first_seen = (scroll_top.get_untracked().max(0) / ROW_HEIGHT) as usize;
        let last_seen = first_seen + (viewport.get_untracked() / ROW_HEIGHT) as usize + 2;
        let seen = first_seen.max(start)..last_seen.min(end);
        let seen_only = fresh && drawn.is_some() && !seen.is_empty() && seen.len() < end - start;
        while slots.len() > end - start {
            if let Some(s) = slots.pop() {
                s.remove();
            }
        }
        while slots.len() < end - start {
            match Slot::new(&doc, &parent, width) {
                Some(s) => slots.push(s),
                None => break,
            }
        }
        columns.with_value(|cols| {
            row_name.with_value(|name| {
                selection.with(|sel| {
                    for (k, slot) in slots.iter_mut().enumerate() {
                        let i = start + (k + p - start % p) % p;
                        // A slot new to the page shows its row at once, or it would sit
                        // blank over the first row.
                        if i < end && (!seen_only || seen.contains(&i) || slot.is_blank()) {
                            let id = shown.id(i);
                            slot.show(&doc, i, id, fresh || behind, |c, id| (cols[c].cell)(id), |id| name(id));
                            slot.mark(sel.contains(id), active == Some(i));
                        }
                    }
                })
            })
        });
        if seen_only {
            // After the frame that shows the rows in view has been painted.
            request_animation_frame(move || set_timeout(move || overscan_due.update(|n| *n += 1), Default::default()));
        }
        (slots, Some(number), seen_only)
    });
    // A click, double click or tick anywhere on the rows: which row, from its place.
    let row_at = move |ev: &web_sys::MouseEvent| -> Option<usize> {
        let row = ev.target()?.unchecked_into::<web_sys::Element>().closest("[role=row]").ok()??;
        row.get_attribute("aria-rowindex")?.parse::<usize>().ok()?.checked_sub(2)
    };
    let on_row_click = move |ev: web_sys::MouseEvent| {
        let Some(i) = row_at(&ev) else { return };
        // The click, not the change: only it tells a shift-click. The box flips by
        // itself either way, as its row does.
        let target = ev.target().map(|t| t.unchecked_into::<web_sys::Element>());
        if target.is_some_and(|t| t.get_attribute("type").as_deref() == Some("checkbox")) {
            if ev.shift_key() {
                toggle_range(i);
            } else if let Some(id) = id_at(i) {
                toggle(id);
            }
        }
        active.set(Some(i));
    };
    let on_row_dblclick = move |ev: web_sys::MouseEvent| {
        if let Some(id) = row_at(&ev).and_then(id_at) {
            on_open.run(id);
        }
    };

    view! {
        // The grid is one tab stop: arrows move the active row (aria-activedescendant),
        // as the ARIA grid pattern has it.
        <div
            class="vtable"
            // Every row's column tracks, set once (`.vtable .tr` reads them).
            style:--tracks=tracks
            role="grid"
            tabindex="0"
            aria-label=move || app.t(label)
            aria-rowcount=move || len.get() + 1
            aria-multiselectable="true"
            aria-activedescendant=move || drawn_active().map(|i| format!("row-{i}"))
            node_ref=body
            on:scroll=move |_| measure()
            on:keydown=on_key
            on:focus=move |_| {
                if drawn_active().is_none() && len.get_untracked() > 0 {
                    let top_row = (scroll_top.get_untracked().max(0) + ROW_HEIGHT - 1) / ROW_HEIGHT;
                    active.set(Some((top_row as usize).min(len.get_untracked() - 1)));
                }
            }
        >
            <div role="rowgroup" class="thead">
                <div role="row" class="tr tr-head" aria-rowindex="1">
                    <div role="columnheader" class="th td-check">
                        <input
                            type="checkbox"
                            aria-label=txf(Key::SelectAll)
                            prop:checked=all_selected
                            on:change=move |ev| select_all(event_target_checked(&ev))
                        />
                    </div>
                    {header}
                </div>
            </div>
            <div
                role="rowgroup"
                class="tbody"
            >
                <div
                    class="spacer"
                    node_ref=spacer
                    style:height=move || format!("{}px", len.get() as i64 * ROW_HEIGHT as i64)
                    on:click=on_row_click
                    on:dblclick=on_row_dblclick
                ></div>
            </div>
        </div>
    }
}
