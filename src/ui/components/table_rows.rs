//! The rows of a [`super::VirtualTable`], drawn by hand. A table redraws its rows on
//! every keystroke of a search and every frame of a scroll; built as views, each row
//! cost its elements, attributes and reactive effects anew (a keystroke's redraw took
//! 10–15 ms of script). Here the rows are a fixed set of slots, row `i` in slot
//! `i % slots`, and a slot's cells are compared with what it shows: only what differs
//! touches the page.

use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

use super::table::ROW_HEIGHT;

/// What a cell shows: a text, as a link, in a span of a class, or with its whole text
/// on hover. Pages make these from a record; the table draws them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    text: String,
    href: Option<String>,
    class: Option<String>,
    title: bool,
}

impl Cell {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell { text: text.into(), ..Cell::default() }
    }

    /// A link to `href`. Out of the tab order: the grid is one tab stop, and Enter opens
    /// the active row.
    pub fn link(href: impl Into<String>, text: impl Into<String>) -> Self {
        Cell { href: Some(href.into()), ..Cell::text(text) }
    }

    /// The same, in an element of class `class` (a badge, say).
    pub fn class(self, class: impl Into<String>) -> Self {
        Cell { class: Some(class.into()), ..self }
    }

    /// The same, its whole text shown on hover (for text the column may cut).
    pub fn titled(self) -> Self {
        Cell { title: true, ..self }
    }

    /// Whether it needs an element of its own inside the cell.
    fn wrapped(&self) -> bool {
        self.href.is_some() || self.class.is_some() || self.title
    }

    /// Draws this cell into `td`, which shows `old`.
    fn paint(&self, doc: &Document, td: &Element, old: &Cell) {
        if self == old {
            return;
        }
        let same_shape =
            self.href.is_some() == old.href.is_some() && self.class == old.class && self.title == old.title;
        if same_shape && !self.wrapped() {
            td.set_text_content(Some(&self.text));
            return;
        }
        if same_shape {
            if let Some(el) = td.first_element_child() {
                if self.text != old.text {
                    el.set_text_content(Some(&self.text));
                    if self.title {
                        let _ = el.set_attribute("title", &self.text);
                    }
                }
                if let (Some(href), true) = (&self.href, self.href != old.href) {
                    let _ = el.set_attribute("href", href);
                }
                return;
            }
        }
        td.set_text_content(None);
        if !self.wrapped() {
            td.set_text_content(Some(&self.text));
            return;
        }
        let Ok(el) = doc.create_element(if self.href.is_some() { "a" } else { "span" }) else { return };
        if let Some(href) = &self.href {
            let _ = el.set_attribute("href", href);
            let _ = el.set_attribute("tabindex", "-1");
        }
        if let Some(class) = &self.class {
            el.set_class_name(class);
        }
        if self.title {
            let _ = el.set_attribute("title", &self.text);
        }
        el.set_text_content(Some(&self.text));
        let _ = td.append_child(&el);
    }
}

/// One slot: its elements and what they show.
pub struct Slot {
    row: HtmlElement,
    check: HtmlInputElement,
    cells: Vec<Element>,
    /// The row drawn (its place and id), if any yet.
    shown: Option<(usize, String)>,
    shown_cells: Vec<Cell>,
    shown_name: String,
    selected: bool,
    active: bool,
}

impl Slot {
    /// A new slot of `columns` cells, appended to `parent`, showing nothing yet.
    pub fn new(doc: &Document, parent: &Element, columns: usize) -> Option<Slot> {
        use wasm_bindgen::JsCast;
        let div = |role: &str, class: &str| -> Option<Element> {
            let el = doc.create_element("div").ok()?;
            let _ = el.set_attribute("role", role);
            el.set_class_name(class);
            Some(el)
        };
        let row = div("row", "tr")?;
        let check_cell = div("gridcell", "td td-check")?;
        let check: HtmlInputElement = doc.create_element("input").ok()?.unchecked_into();
        let _ = check.set_attribute("type", "checkbox");
        let _ = check.set_attribute("tabindex", "-1");
        check_cell.append_child(&check).ok()?;
        row.append_child(&check_cell).ok()?;
        let mut cells = Vec::with_capacity(columns);
        for _ in 0..columns {
            let td = div("gridcell", "td")?;
            row.append_child(&td).ok()?;
            cells.push(td);
        }
        let _ = row.set_attribute("aria-selected", "false");
        parent.append_child(&row).ok()?;
        Some(Slot {
            row: row.unchecked_into(),
            check,
            cells,
            shown: None,
            shown_cells: vec![Cell::default(); columns],
            shown_name: String::new(),
            selected: false,
            active: false,
        })
    }

    /// Whether it has shown no row yet (it sits at the top of the table, empty).
    pub fn is_blank(&self) -> bool {
        self.shown.is_none()
    }

    /// Takes the slot off the page.
    pub fn remove(&self) {
        self.row.remove();
    }

    /// Shows row `i`, record `id`: its place, its cells (from `cell`) and its checkbox's
    /// name. `fresh`: the rows are new (a search, an edit, the language), so even the
    /// same record is looked at again; its unchanged cells are still left alone.
    pub fn show(
        &mut self,
        doc: &Document,
        i: usize,
        id: &str,
        fresh: bool,
        cell: impl Fn(usize, &str) -> Cell,
        name: impl Fn(&str) -> String,
    ) {
        let same = self.shown.as_ref().is_some_and(|(j, shown)| *j == i && shown == id);
        if same && !fresh {
            return;
        }
        if self.shown.as_ref().is_none_or(|(j, _)| *j != i) {
            let _ = self.row.set_attribute("id", &format!("row-{i}"));
            let _ = self.row.set_attribute("aria-rowindex", &(i + 2).to_string());
            let _ = self.row.style().set_property("transform", &format!("translateY({}px)", i as i32 * ROW_HEIGHT));
        }
        for (k, td) in self.cells.iter().enumerate() {
            let new = cell(k, id);
            new.paint(doc, td, &self.shown_cells[k]);
            self.shown_cells[k] = new;
        }
        let new_name = name(id);
        if new_name != self.shown_name {
            let _ = self.check.set_attribute("aria-label", &new_name);
            self.shown_name = new_name;
        }
        self.shown = Some((i, id.to_owned()));
    }

    /// Shows whether the row is selected and whether it is the active one.
    pub fn mark(&mut self, selected: bool, active: bool) {
        // The box, as the page has it: a click flips it before the selection decides.
        if self.check.checked() != selected {
            self.check.set_checked(selected);
        }
        if selected != self.selected {
            let _ = self.row.set_attribute("aria-selected", if selected { "true" } else { "false" });
            self.selected = selected;
        }
        if active != self.active {
            self.row.set_class_name(if active { "tr active" } else { "tr" });
            self.active = active;
        }
    }
}
