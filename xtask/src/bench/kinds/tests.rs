use super::*;

const MODULE: &str = r#"//! `POST /v1/customers`
#![cfg_attr(rustfmt, rustfmt::skip)]
/// Parameters.
#[derive(Debug, Clone)]
pub struct PostCustomersRequest {
    /// The name.
    pub name: Option<String>,
}
impl PostCustomersRequest {
    /// A request.
    #[inline]
    pub fn new() -> Self {
        Self { name: None }
    }
    #[inline]
    fn form(&self) -> Form {
        Form::new()
    }
}
#[cfg(
    any(
        feature = "a",
        feature = "b"
    )
)]
pub enum PostCustomersRequestKind {
    Person,
    Unknown(String),
}
impl PostCustomersRequestKind {
    pub fn as_str(&self) -> &str {
        ""
    }
}
impl From<&str>
for PostCustomersRequestKind {
    fn from(value: &str) -> Self {
        Self::Unknown(value.to_owned())
    }
}
crate::runtime::text_enum_impls!(PostCustomersRequestKind);
pub struct Customer {
    pub id: String,
}
impl<'de> ::serde::Deserialize<'de>
for Customer {
    fn deserialize() {}
}
pub enum PostCustomersError {
    Default(Error),
}
impl crate::Client {
    pub fn post_customers(&self) {}
}
"#;

fn counts(text: &str) -> Vec<(Kind, usize)> {
    let mut counts = Counts::new();
    add_file(text, false, &mut counts);
    counts.into_iter().collect()
}

#[test]
fn each_line_is_counted_once_by_the_kind_of_its_item() {
    let counts = counts(MODULE);
    assert_eq!(
        counts,
        [
            (Kind::RequestStructs, 5),
            (Kind::RequestSetters, 6),
            (Kind::Encoders, 4),
            (Kind::ResponseStructs, 3),
            (Kind::ResponseDecoders, 4),
            (Kind::TextEnums, 16),
            (Kind::ErrorEnums, 3),
            (Kind::Operations, 3),
            (Kind::Docs, 4),
            (Kind::Cfg, 6),
        ]
    );
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(total, MODULE.lines().count());
}

#[test]
fn a_glue_file_is_all_glue_but_its_docs() {
    let text = "//! The crate.\npub mod a;\npub use a::A;\n";
    let mut counts = Counts::new();
    add_file(text, true, &mut counts);
    assert_eq!(counts[&Kind::ClientAndGlue], 2);
    assert_eq!(counts[&Kind::Docs], 1);
}

#[test]
fn names_of_what_items_are_about() {
    assert_eq!(
        subject("impl<'de> ::serde::Deserialize<'de> for Room {"),
        Some("Room")
    );
    assert_eq!(subject("pub struct Room {"), Some("Room"));
    assert_eq!(subject("impl RoomRequest {"), Some("RoomRequest"));
    assert_eq!(method_name("pub fn form(&self)"), Some("form"));
    assert_eq!(method_name("fn json<T>(&self)"), Some("json"));
    assert_eq!(method_name("Self {"), None);
}
