//! How tabs tell each other which shards they wrote: after each commit a tab posts
//! `collection:shard,shard` (`"orders:3,17"`) on the BroadcastChannel
//! `kehu-changes-<database name>`, and every other tab re-reads those shards.
//!
//! The message's format is plain Rust, tested on the host; the channel itself
//! ([`Channel`]) exists only in the browser.

use super::table::SHARDS;

/// Prefix of the BroadcastChannel's name; the database's name follows it.
pub const CHANNEL: &str = "kehu-changes";

/// The message telling other tabs that `shards` of `collection` were written.
pub fn format_change(collection: &str, shards: &[u32]) -> String {
    let list: Vec<String> = shards.iter().map(u32::to_string).collect();
    format!("{collection}:{}", list.join(","))
}

/// The collection and shards a message names, or `None` for anything that is not such
/// a message (a shard number out of range included): another page on the same channel
/// or a damaged message is ignored, never followed.
pub fn parse_change(text: &str) -> Option<(String, Vec<u32>)> {
    let (collection, list) = text.split_once(':')?;
    let shards: Vec<u32> = list.split(',').filter(|s| !s.is_empty()).map(str::parse).collect::<Result<_, _>>().ok()?;
    if shards.iter().any(|&s| s >= SHARDS) {
        return None;
    }
    Some((collection.to_owned(), shards))
}

#[cfg(target_arch = "wasm32")]
pub use browser::Channel;

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{format_change, parse_change, CHANNEL};

    /// This tab's end of the change channel of one database.
    pub struct Channel {
        channel: web_sys::BroadcastChannel,
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    }

    impl Channel {
        /// Joins the change channel of database `db_name`: `on_change` gets the
        /// collection and shards of every change another tab announces. `None` where the
        /// browser has no BroadcastChannel (then no other tab is followed).
        pub fn join(db_name: &str, on_change: impl Fn(&str, Vec<u32>) + 'static) -> Option<Channel> {
            let channel = web_sys::BroadcastChannel::new(&format!("{CHANNEL}-{db_name}")).ok()?;
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some((collection, shards)) = ev.data().as_string().as_deref().and_then(parse_change) {
                    on_change(&collection, shards);
                }
            });
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            Some(Channel { channel, _on_message: on_message })
        }

        /// Tells the other tabs that `shards` of `collection` were written.
        pub fn announce(&self, collection: &str, shards: &[u32]) {
            let _ = self.channel.post_message(&JsValue::from_str(&format_change(collection, shards)));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_message_names_a_collection_and_its_shards() {
        assert_eq!(format_change("orders", &[3, 17]), "orders:3,17");
        assert_eq!(parse_change("orders:3,17"), Some(("orders".to_owned(), vec![3, 17])));
        assert_eq!(parse_change("orders:"), Some(("orders".to_owned(), vec![])));
    }

    #[test]
    fn garbage_is_ignored() {
        for text in
            ["", "orders", "orders:x", "orders:3;17", "orders:-1", "orders:256", "a:b:c", "orders:3,99999999999"]
        {
            assert_eq!(parse_change(text), None, "{text}");
        }
    }

    proptest! {
        /// What a tab posts, another reads back as it was meant.
        #[test]
        fn parse_reads_what_format_writes(collection in "[a-z_]{1,20}", shards in prop::collection::vec(0..SHARDS, 0..300)) {
            let text = format_change(&collection, &shards);
            prop_assert_eq!(parse_change(&text), Some((collection, shards)));
        }

        /// Any text at all is read without a panic, and never names a shard that is
        /// not there.
        #[test]
        fn any_text_is_read_safely(text in ".*") {
            if let Some((_, shards)) = parse_change(&text) {
                prop_assert!(shards.iter().all(|&s| s < SHARDS));
            }
        }

        /// Text that looks nearly right is read safely too.
        #[test]
        fn near_misses_are_read_safely(text in "[a-z]{0,5}:[0-9,:-]{0,20}") {
            if let Some((collection, shards)) = parse_change(&text) {
                prop_assert!(shards.iter().all(|&s| s < SHARDS));
                prop_assert!(!collection.contains(':'));
            }
        }
    }
}
