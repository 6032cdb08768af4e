//! Names that must be distinct in one scope of the crate (a module, the crate root, the
//! `Client`'s methods): the first to claim a spelling keeps it, later ones get a number.

use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
    /// Type names get `Name2`; method and function names `name_2`.
    separator: &'static str,
}

impl Namespace {
    /// A scope of type names (`Room`, `Room2`).
    pub fn types(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved.iter().map(|r| (*r).to_owned()).collect(),
            separator: "",
        }
    }

    /// A scope of function names (`list_rooms_stream`, `list_rooms_stream_2`).
    pub fn functions(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved.iter().map(|r| (*r).to_owned()).collect(),
            separator: "_",
        }
    }

    /// `preferred` if it is free, else the first free numbered form of it; now taken.
    pub fn claim(&mut self, preferred: &str) -> String {
        let mut name = preferred.to_owned();
        let base = preferred.trim_start_matches("r#");
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{}{n}", self.separator);
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` as it is (it was made distinct elsewhere).
    pub fn take(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_claims_get_the_next_free_number() {
        let mut types = Namespace::types(&["Client"]);
        assert_eq!(types.claim("Room"), "Room");
        assert_eq!(types.claim("Room"), "Room2");
        assert_eq!(types.claim("Client"), "Client2");
        let mut functions = Namespace::functions(&["new"]);
        assert_eq!(functions.claim("new"), "new_2");
        assert_eq!(functions.claim("r#match"), "r#match");
        assert_eq!(functions.claim("r#match"), "match_2");
    }
}
