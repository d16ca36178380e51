//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    kehu::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kehu runs in the browser: build it with `trunk build --release` (see README.md).");
}
