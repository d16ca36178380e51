//! No silent loss of typed input. A form says whether its input differs from what it
//! was loaded with ([`track_unsaved`]); while any form does, leaving asks first: a
//! reload or closing the tab through the browser's own `beforeunload` prompt, a click
//! on an in-app link or Back through a confirmation ([`install_leave_guard`], once, in
//! the app shell). The router (leptos_router 0.8) has no navigation guard of its own,
//! so the guard listens before it: a link click in the capture phase of the document
//! (the router ignores a click whose default was prevented) and `popstate` in the
//! capture phase of the window (stopped there, the router never sees it, and the
//! address is put back).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Key;
use crate::ui::context::AppCtx;

thread_local! {
    /// The forms with unsaved input: a form's number and the address it lives at.
    static UNSAVED: RefCell<BTreeMap<u32, String>> = const { RefCell::new(BTreeMap::new()) };
}

static NEXT_FORM: AtomicU32 = AtomicU32::new(0);

/// Counts the calling form as holding unsaved input while `dirty` says so, until it is
/// unmounted. Call it in the form's component.
pub fn track_unsaved(dirty: impl Fn() -> bool + 'static) {
    let n = NEXT_FORM.fetch_add(1, Ordering::Relaxed);
    Effect::new(move |_| {
        let d = dirty();
        UNSAVED.with(|u| {
            let mut u = u.borrow_mut();
            if d {
                // The address once the user typed: by then the router has written it.
                u.entry(n).or_insert_with(|| window().location().href().unwrap_or_default());
            } else {
                u.remove(&n);
            }
        });
    });
    on_cleanup(move || forget(n));
}

fn forget(n: u32) {
    UNSAVED.with(|u| {
        u.borrow_mut().remove(&n);
    });
}

/// Whether any form holds unsaved input.
pub fn has_unsaved() -> bool {
    UNSAVED.with(|u| !u.borrow().is_empty())
}

/// Whether the user may leave: no unsaved input, or they said so when asked.
pub fn may_leave(app: AppCtx) -> bool {
    if !has_unsaved() {
        return true;
    }
    let lang = app.lang.get_untracked();
    let yes = window().confirm_with_message(lang.t(Key::LeaveUnsaved)).unwrap_or(true);
    if yes {
        // Asked once: the forms are about to go.
        UNSAVED.with(|u| u.borrow_mut().clear());
    }
    yes
}

/// Installs the guard for the whole app; call once from the app shell.
pub fn install_leave_guard(app: AppCtx) {
    static INSTALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::Relaxed) {
        return;
    }
    let w = window();
    let unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(|ev: web_sys::BeforeUnloadEvent| {
        if has_unsaved() {
            ev.prevent_default();
            // Chromium still wants a return value to show its prompt.
            ev.set_return_value("unsaved");
        }
    });
    let _ = w.add_event_listener_with_callback("beforeunload", unload.as_ref().unchecked_ref());
    unload.forget();

    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || !has_unsaved()
        {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        // Downloads, new tabs and links within the page leave nothing.
        if a.has_attribute("download")
            || a.get_attribute("target").is_some_and(|t| t != "_self")
            || a.get_attribute("href").is_some_and(|h| h.starts_with('#'))
        {
            return;
        }
        if !may_leave(app) {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    if let Some(doc) = w.document() {
        let _ = doc.add_event_listener_with_callback_and_bool("click", click.as_ref().unchecked_ref(), true);
    }
    click.forget();

    let back = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(href) = UNSAVED.with(|u| u.borrow().values().next().cloned()) else { return };
        if !may_leave(app) {
            // The router never hears of it; the address goes back to the form's.
            ev.stop_immediate_propagation();
            let _ = window().history().and_then(|h| h.push_state_with_url(&JsValue::NULL, "", Some(&href)));
        }
    });
    let _ = w.add_event_listener_with_callback_and_bool("popstate", back.as_ref().unchecked_ref(), true);
    back.forget();
}
