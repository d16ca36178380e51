//! Figures that outlive the page that shows them (issue 24): a page's analysis of a
//! whole collection (the duplicates among 100,000 customers, the care due list, the
//! year's sales by month) is computed once per change of what it reads, not once per
//! visit. Opening the page again while nothing changed reads the kept value.
//!
//! Each figure is a memo built on first use under the shell's owner, so it lives as
//! long as the open book and its code travels in the chunk of the page that first asks
//! for it, not in the first download. A memo recomputes lazily: a change of the
//! records only marks it stale, and it is computed again when a page reads it.

use std::any::{Any, TypeId};
use std::collections::HashMap;

use leptos::prelude::*;

use crate::ui::components::table::every_change;
use crate::ui::context::AppCtx;
use crate::ui::format::today;

/// The shell's store of kept figures (provided once, by the shell; see the module).
#[derive(Clone, Copy)]
pub struct Kept {
    app: AppCtx,
    owner: StoredValue<Owner, LocalStorage>,
    memos: StoredValue<HashMap<TypeId, Box<dyn Any + Send + Sync>>>,
    /// Today, read by every kept figure: many count what is due or overdue today, so
    /// the first page opened on a new day computes them again.
    day: RwSignal<chrono::NaiveDate>,
}

impl Kept {
    /// The empty store for `app`, owned by the current owner (the shell's).
    pub fn new(app: AppCtx) -> Self {
        let owner = Owner::current().expect("the shell has an owner");
        Kept {
            app,
            owner: StoredValue::new_local(owner),
            memos: StoredValue::new(HashMap::new()),
            day: RwSignal::new(today()),
        }
    }

    /// The kept memo of `compute`, built on its first call. `compute` is the figure's
    /// one definition: each function or closure gets its own memo. It captures nothing
    /// (checked when compiled), since a page's signals would be gone on the next visit:
    /// whatever it reads comes from the app.
    pub fn memo<T, F>(self, compute: F) -> Memo<T>
    where
        T: Send + Sync + 'static,
        F: Fn(&AppCtx) -> T + Send + Sync + 'static,
    {
        self.memo_with(compute, every_change)
    }

    /// [`Self::memo`], whose readers are told of a new value only when it differs
    /// from the last: for a small figure others are computed from.
    fn memo_with<T, F>(self, compute: F, changed: fn(Option<&T>, Option<&T>) -> bool) -> Memo<T>
    where
        T: Send + Sync + 'static,
        F: Fn(&AppCtx) -> T + Send + Sync + 'static,
    {
        const { assert!(std::mem::size_of::<F>() == 0, "a kept figure captures nothing") };
        if self.day.get_untracked() != today() {
            self.day.set(today());
        }
        let key = TypeId::of::<F>();
        if let Some(memo) = self.memos.with_value(|m| m.get(&key).and_then(|b| b.downcast_ref::<Memo<T>>().copied())) {
            return memo;
        }
        let (app, day) = (self.app, self.day);
        let memo = self.owner.with_value(|owner| {
            owner.with(|| {
                Memo::new_with_compare(
                    move |_| {
                        day.track();
                        compute(&app)
                    },
                    changed,
                )
            })
        });
        self.memos.update_value(|m| {
            m.insert(key, Box::new(memo));
        });
        memo
    }
}

/// The kept memo of `compute` in the current app (see [`Kept::memo`]).
pub fn kept<T, F>(compute: F) -> Memo<T>
where
    T: Send + Sync + 'static,
    F: Fn(&AppCtx) -> T + Send + Sync + 'static,
{
    expect_context::<Kept>().memo(compute)
}

/// [`kept`] for a small figure others are computed from: a recomputation that gives
/// the same value does not make them stale.
pub fn kept_eq<T, F>(compute: F) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
    F: Fn(&AppCtx) -> T + Send + Sync + 'static,
{
    expect_context::<Kept>().memo_with(compute, |a, b| a != b)
}
