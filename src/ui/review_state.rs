//! The instructor's review session: the class's files opened read-only, the student
//! being browsed and the drafts of grades and comments. It lives above the pages (the
//! shell provides it), so browsing a student's book keeps it.

use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::reactive::owner::Owner as Scope;

use crate::analysis::exercises::{all_met, check, Progress, EXERCISES};
use crate::model::feedback::Feedback;
use crate::store::notes::{Notes, Shelf};
use crate::store::{prefs, StoreError, Stores};
use crate::workbook::{parse_workbook, ImportError, Owner, Workbook};

/// An opened file as kept in the browser: its text, name and when it was opened (the
/// class table lists the files in that order).
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptFile {
    opened_at: chrono::DateTime<chrono::Utc>,
    file_name: String,
    text: String,
}

/// Where drafts were kept before they moved to [`NOTES_DB`]; read once and removed.
const OLD_DRAFTS_KEY: &str = "kehu.review.drafts";
/// The IndexedDB database of the instructor's drafts, one entry per student.
const NOTES_DB: &str = "kehu-review";

/// One student's workbook as opened, with each exercise's check results.
pub struct StudentFile {
    /// The file's name.
    pub file_name: String,
    /// The workbook as read.
    pub workbook: Workbook,
    /// Per exercise (in [`EXERCISES`] order), how far each criterion is.
    pub results: Vec<Vec<Progress>>,
}

impl StudentFile {
    /// A file as opened, with its checks run.
    pub fn new(file_name: String, workbook: Workbook) -> Self {
        let book = workbook.collections.borrowed();
        let results = EXERCISES.iter().map(|e| check(e, &book)).collect();
        StudentFile { file_name, workbook, results }
    }

    /// The key the file is kept under in the browser until closed: the student, the
    /// book and when it was exported (the same file opened again replaces itself).
    fn kept_key(&self) -> String {
        format!("{}|{}", self.key(), self.workbook.exported_at.to_rfc3339())
    }

    /// The owner, or an empty one.
    pub fn owner(&self) -> Owner {
        self.workbook.owner.clone().unwrap_or_default()
    }

    /// The key the file and the instructor's drafts are kept under: the student and
    /// the book id (two students can share a book id: one lab browser, or a copied
    /// file; that must not merge them).
    pub(crate) fn key(&self) -> String {
        let o = self.owner();
        format!("{}|{}|{}", o.name.trim(), o.student_id.trim(), self.workbook.book_id.as_deref().unwrap_or(""))
    }

    /// The student key the copy detector compares (empty without an owner).
    pub(crate) fn student(&self) -> String {
        let o = self.owner();
        crate::analysis::copies::student_key(&o.name, &o.student_id)
    }

    /// Whether the book names no student (no name or no number): its feedback
    /// could not be matched to anyone.
    pub(crate) fn no_owner(&self) -> bool {
        let o = self.owner();
        o.name.trim().is_empty() || o.student_id.trim().is_empty()
    }

    /// Whether the book holds nothing of the student's own.
    pub(crate) fn sample_only(&self) -> bool {
        self.workbook.collections.is_sample_only()
    }

    /// How many exercises are fully met.
    pub(crate) fn done(&self) -> usize {
        self.results.iter().filter(|r| all_met(r)).count()
    }
}

/// The groups of files that look copied from one another (see
/// [`crate::analysis::copies`]), by index into `files`.
pub(crate) fn copy_groups(files: &[Rc<StudentFile>]) -> Vec<crate::analysis::copies::CopyGroup> {
    let students: Vec<String> = files.iter().map(|f| f.student()).collect();
    let books: Vec<_> = files
        .iter()
        .zip(&students)
        .map(|(f, s)| crate::analysis::copies::ClassBook {
            book_id: f.workbook.book_id.as_deref(),
            student: s,
            collections: &f.workbook.collections,
        })
        .collect();
    crate::analysis::copies::find_copies(&books)
}

/// The key under which a student's overall grade and comment are kept among the
/// drafts, and the id of their feedback record (no exercise has this id).
pub const OVERALL: &str = crate::workbook::feedback::OVERALL_FEEDBACK;

/// The order of the class table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassSort {
    /// As the files were opened.
    Opened,
    /// By the student's name.
    Name,
    /// Most exercises done first.
    Done,
}

crate::model::choice::choice! { ClassSort {
    Opened = "opened" => SortOpened,
    Name = "name" => SortName,
    Done = "done" => SortDone,
} }

/// Which rows the class table shows (besides all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassFilter {
    /// Students without a grade or comment yet.
    NotGraded,
    /// Files that look copied.
    Copies,
    /// Books with nothing of the student's own.
    SampleOnly,
    /// Books without an owner.
    NoOwner,
}

crate::model::choice::choice! { ClassFilter {
    NotGraded = "not_graded" => FilterNotGraded,
    Copies = "copies" => FilterCopies,
    SampleOnly = "sample_only" => FilterSampleOnly,
    NoOwner = "no_owner" => FilterNoOwner,
} }

/// A grade and a comment being written.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The grade.
    pub grade: String,
    /// The comment.
    pub comment: String,
}

/// A file that could not be opened, and why.
#[derive(Clone)]
pub(crate) struct Refused {
    pub(crate) file_name: String,
    pub(crate) error: ImportError,
}

/// The instructor's review session, kept above the page shell so it survives browsing a
/// student's book.
#[derive(Clone, Copy)]
pub struct ReviewCtx {
    /// The opened files, in the order opened.
    pub files: RwSignal<Vec<Rc<StudentFile>>, LocalStorage>,
    pub(crate) refused: RwSignal<Vec<Refused>, LocalStorage>,
    /// The student's book being browsed (index into `files`, its read-only stores).
    pub browsing: RwSignal<Option<(usize, Stores)>>,
    /// Drafts per student key, per exercise id; kept in IndexedDB ([`NOTES_DB`]).
    drafts: RwSignal<BTreeMap<String, BTreeMap<String, Draft>>>,
    /// Whether the drafts have been read (`None`: not asked for yet).
    drafts_read: RwSignal<Option<bool>>,
    /// The last draft that could not be saved, and why (shown until a save works).
    pub(crate) save_error: RwSignal<Option<StoreError>>,
    notes: StoredValue<Option<Rc<Notes>>, LocalStorage>,
    /// The class opened from a CouchDB server, for this session (`ui::class_db`).
    pub(crate) class_db: RwSignal<Option<Rc<crate::ui::class_db::ClassConn>>, LocalStorage>,
    /// Where the browsed book's signals live; disposed after leaving it.
    scope: StoredValue<Option<Scope>>,
    root: StoredValue<Option<Scope>>,
}

impl ReviewCtx {
    /// A new, empty session under the current reactive owner (the app's).
    pub fn new() -> Self {
        ReviewCtx {
            files: RwSignal::new_local(Vec::new()),
            refused: RwSignal::new_local(Vec::new()),
            browsing: RwSignal::new(None),
            drafts: RwSignal::new(BTreeMap::new()),
            drafts_read: RwSignal::new(None),
            save_error: RwSignal::new(None),
            notes: StoredValue::new_local(None),
            class_db: RwSignal::new_local(None),
            scope: StoredValue::new(None),
            root: StoredValue::new(Scope::current()),
        }
    }

    /// Opens student `index`'s book read-only at `path`. From another student's book,
    /// through the instructor's own, so the pages are built anew.
    pub fn browse(&self, index: usize, path: &str) {
        if self.browsing.get_untracked().is_some() {
            self.leave();
            let (this, path) = (*self, path.to_owned());
            request_animation_frame(move || this.browse(index, &path));
            return;
        }
        let Some(file) = self.files.with_untracked(|f| f.get(index).cloned()) else { return };
        let Some(root) = self.root.get_value() else { return };
        let scope = root.child();
        let stores = scope.with(|| Stores::read_only(file.workbook.collections.clone()));
        let _ = window().history().and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path)));
        self.leave_scope();
        self.scope.set_value(Some(scope));
        self.browsing.set(Some((index, stores)));
        focus_main();
    }

    /// Back to the instructor's own book, at student `index`'s review.
    pub fn leave(&self) {
        let index = self.browsing.get_untracked().map(|(i, _)| i);
        let path = index.map_or_else(|| "/review".to_owned(), |i| format!("/review/{i}"));
        let _ = window().history().and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)));
        self.browsing.set(None);
        self.leave_scope();
        focus_main();
    }

    /// Disposes the browsed book's signals once the pages that read them are gone.
    fn leave_scope(&self) {
        if let Some(old) = self.scope.try_update_value(Option::take).flatten() {
            set_timeout(move || drop(old), std::time::Duration::from_secs(1));
        }
    }

    /// The student being browsed, if any.
    pub fn browsed(&self) -> Option<Rc<StudentFile>> {
        let (i, _) = self.browsing.get()?;
        self.files.with(|f| f.get(i).cloned())
    }

    pub(crate) fn draft(&self, student: &str, exercise: &str) -> Draft {
        self.drafts.with_untracked(|d| d.get(student).and_then(|s| s.get(exercise)).cloned().unwrap_or_default())
    }

    /// The notes database: the one the drafts were read with, or a connection of its
    /// own when they are still being read.
    async fn notes(&self) -> Result<Rc<Notes>, StoreError> {
        match self.notes.get_value() {
            Some(n) => Ok(n),
            None => Notes::open(NOTES_DB).await.map(Rc::new),
        }
    }

    /// Keeps an opened file (its `text`) in this browser until the class is closed, so
    /// a reload shows the same class. A failed save is shown like a draft's.
    pub(crate) fn keep_file(&self, file: &StudentFile, text: String) {
        let key = file.kept_key();
        let kept = KeptFile { opened_at: chrono::Utc::now(), file_name: file.file_name.clone(), text };
        let value = serde_json::to_string(&kept).unwrap_or_default();
        let this = *self;
        leptos::task::spawn_local(async move {
            let done = match this.notes().await {
                Ok(notes) => notes.put(Shelf::Files, &key, &value).await,
                Err(e) => Err(e),
            };
            if let Err(e) = done {
                this.save_error.set(Some(e));
            }
        });
    }

    /// Closes every file: the class table empties, and the browser forgets the files
    /// (the drafts stay, for when the files are opened again).
    pub(crate) fn close_all(&self) {
        if self.browsing.get_untracked().is_some() {
            self.leave();
        }
        self.files.set(Vec::new());
        self.refused.set(Vec::new());
        let this = *self;
        leptos::task::spawn_local(async move {
            let done = match this.notes().await {
                Ok(notes) => notes.clear(Shelf::Files).await,
                Err(e) => Err(e),
            };
            if let Err(e) = done {
                this.save_error.set(Some(e));
            }
        });
    }

    /// Whether the instructor has written a grade or a comment for `student`
    /// (tracked).
    pub(crate) fn graded(&self, student: &str) -> bool {
        self.drafts.with(|d| {
            d.get(student)
                .is_some_and(|s| s.values().any(|x| !x.grade.trim().is_empty() || !x.comment.trim().is_empty()))
        })
    }

    /// Every draft of `student` (tracked), by exercise id (and [`OVERALL`]).
    pub(crate) fn drafts_of(&self, student: &str) -> BTreeMap<String, Draft> {
        self.drafts.with(|d| d.get(student).cloned().unwrap_or_default())
    }

    /// Every draft of `student`, untracked.
    pub(crate) fn drafts_of_untracked(&self, student: &str) -> BTreeMap<String, Draft> {
        self.drafts.with_untracked(|d| d.get(student).cloned().unwrap_or_default())
    }

    /// Reads the drafts from IndexedDB, once (the review pages ask; nobody else opens
    /// the database). Drafts an older version kept in localStorage move over.
    fn read_drafts(&self) {
        if self.drafts_read.get_untracked().is_some() {
            return;
        }
        self.drafts_read.set(Some(false));
        let this = *self;
        leptos::task::spawn_local(async move {
            let notes = match Notes::open(NOTES_DB).await {
                Ok(notes) => Rc::new(notes),
                Err(e) => {
                    this.save_error.set(Some(e));
                    this.drafts_read.set(Some(true));
                    return;
                }
            };
            let mut drafts: BTreeMap<String, BTreeMap<String, Draft>> = BTreeMap::new();
            match notes.read_all(Shelf::Drafts).await {
                Ok(entries) => {
                    for (student, text) in entries {
                        if let Ok(d) = serde_json::from_str(&text) {
                            drafts.insert(student, d);
                        }
                    }
                }
                Err(e) => this.save_error.set(Some(e)),
            }
            let old: Option<BTreeMap<String, BTreeMap<String, Draft>>> = prefs::get(OLD_DRAFTS_KEY);
            let mut moved = Ok(());
            for (student, d) in old.unwrap_or_default() {
                if let std::collections::btree_map::Entry::Vacant(place) = drafts.entry(student) {
                    let text = serde_json::to_string(&d).unwrap_or_default();
                    moved = moved.and(notes.put(Shelf::Drafts, place.key(), &text).await);
                    place.insert(d);
                }
            }
            match moved {
                Ok(()) => prefs::remove(OLD_DRAFTS_KEY),
                Err(e) => this.save_error.set(Some(e)),
            }
            let kept = match notes.read_all(Shelf::Files).await {
                Ok(entries) => entries,
                Err(e) => {
                    this.save_error.set(Some(e));
                    Vec::new()
                }
            };
            let mut kept: Vec<KeptFile> = kept.into_iter().filter_map(|(_, t)| serde_json::from_str(&t).ok()).collect();
            kept.sort_by_key(|k| k.opened_at);
            let restored: Vec<Rc<StudentFile>> = kept
                .into_iter()
                .filter_map(|k| {
                    let workbook = parse_workbook(k.text.as_bytes()).ok()?;
                    Some(Rc::new(StudentFile::new(k.file_name, workbook)))
                })
                .collect();
            if !restored.is_empty() {
                // Files opened while these were read come after them.
                this.files.update(|files| {
                    let mut all = restored;
                    for f in files.drain(..) {
                        match all.iter().position(|g| g.kept_key() == f.kept_key()) {
                            Some(i) => all[i] = f,
                            None => all.push(f),
                        }
                    }
                    *files = all;
                });
            }
            this.notes.set_value(Some(notes));
            this.drafts.set(drafts);
            this.drafts_read.set(Some(true));
        });
    }

    /// Whether the drafts have been read, tracked (asking for them the first time).
    pub(crate) fn drafts_ready(&self) -> bool {
        self.read_drafts();
        self.drafts_read.get() == Some(true)
    }

    /// Keeps `draft` and saves the student's drafts; a failed save is shown on the
    /// page ([`Self::save_error`]) until a later one works.
    pub(crate) fn set_draft(&self, student: &str, exercise: &str, draft: Draft) {
        self.drafts.update(|d| {
            d.entry(student.to_owned()).or_default().insert(exercise.to_owned(), draft);
        });
        let text = self.drafts.with_untracked(|d| serde_json::to_string(&d.get(student)).unwrap_or_default());
        let (this, student) = (*self, student.to_owned());
        leptos::task::spawn_local(async move {
            let Some(notes) = this.notes.get_value() else {
                return this.save_error.set(Some(StoreError::Unavailable));
            };
            match notes.put(Shelf::Drafts, &student, &text).await {
                Ok(()) => this.save_error.set(None),
                Err(e) => this.save_error.set(Some(e)),
            }
        });
    }
}

/// Once the other book's pages are built, the focus goes to the page.
fn focus_main() {
    request_animation_frame(crate::ui::components::focus_main);
}

/// Feedback per exercise in this book, for the exercises page and the report.
pub fn feedback_of(app: &crate::ui::AppCtx, exercise: &str) -> Option<Feedback> {
    app.stores.feedback.get(exercise).filter(|f| f.deleted_at.is_none() && !f.is_blank())
}
