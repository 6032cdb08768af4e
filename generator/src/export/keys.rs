//! Keys of `components` entries: OpenAPI allows only `^[a-zA-Z0-9._-]+$`, so any other
//! character of a name (the space of a page's "Account sid auth token") is `_`; a key another
//! name already took gets `_2`, `_3`.

use std::collections::BTreeSet;

/// The component key a name is written under, before collisions are numbered.
pub fn component_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() { "_".to_owned() } else { key }
}

/// The keys claimed so far in one `components` map.
#[derive(Default)]
pub(super) struct Keys {
    taken: BTreeSet<String>,
}

impl Keys {
    /// A key for `name`, distinct from every key claimed before.
    pub fn claim(&mut self, name: &str) -> String {
        let base = component_key(name);
        let mut key = base.clone();
        let mut n = 2;
        while !self.taken.insert(key.clone()) {
            key = format!("{base}_{n}");
            n += 1;
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_valid_distinct_keys() {
        assert_eq!(
            component_key("Account sid auth token"),
            "Account_sid_auth_token"
        );
        assert_eq!(component_key("video.v1.room"), "video.v1.room");
        assert_eq!(component_key(""), "_");
        let mut keys = Keys::default();
        assert_eq!(keys.claim("a b"), "a_b");
        assert_eq!(keys.claim("a_b"), "a_b_2");
        assert_eq!(keys.claim("a/b"), "a_b_3");
    }
}
