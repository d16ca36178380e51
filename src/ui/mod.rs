//! ui
pub fn mount() {}
