//! The runtime's decoding of 2xx JSON answers on its own (`runtime::decode_json`), with the
//! generated crate's types and with structs written the way the generator writes them: an
//! error names the path to the value, as data (never read back out of an error's text), and
//! the message users of `serde_json` see stays what it was.

use generated::runtime::{self, DecodeError, Object, RawResponse};
use generated::{Error, ListRoomsResponse};
use serde::Deserialize;
use serde_json::json;

/// A 200 answer with `body`, decoded into `T`.
fn decode<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, DecodeError> {
    let raw = RawResponse {
        status: 200,
        headers: Default::default(),
        body: body.as_bytes().to_vec(),
    };
    match runtime::decode_json::<T, ()>(raw) {
        Ok(response) => Ok(response.body),
        Err(Error::Decode(err)) => Err(*err),
        Err(other) => panic!("decoding gives Error::Decode, not {other:?}"),
    }
}

/// `Deserialize` through the runtime's `Object`, as the generator writes it for a struct of
/// required fields, each `field: "member name"`.
macro_rules! read_as_object {
    ($name:ident { $($field:ident: $member:literal),* }) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                fn fields(object: &mut Object) -> Result<$name, serde_json::Error> {
                    Ok($name { $($field: object.required($member)?),* })
                }
                Object::read(deserializer, fields)
            }
        }
    };
}

/// A struct with members whose names hold what a path's text is made of: the separator of a
/// message from its path, a dot, brackets.
#[derive(Debug)]
#[allow(dead_code)] // Only decoding is tested.
struct Odd {
    tick: Inner,
    dotted: Inner,
    bracketed: Inner,
}

#[derive(Debug)]
#[allow(dead_code)]
struct Inner {
    value: String,
}

read_as_object!(Odd {
    tick: "a`: b",
    dotted: "c.d",
    bracketed: "[0]"
});
read_as_object!(Inner { value: "v`: w" });

#[test]
fn a_path_is_data_whatever_the_member_names_hold() {
    let good = json!({"v`: w": "x"});
    let cases = [
        (
            json!({"a`: b": {}, "c.d": good, "[0]": good}),
            "body field `a`: b.v`: w`",
            "missing",
        ),
        (
            json!({"a`: b": good, "c.d": {"v`: w": 1}, "[0]": good}),
            "body field `c.d.v`: w`",
            "invalid type: integer `1`, expected a string",
        ),
        (
            json!({"a`: b": good, "c.d": good, "[0]": {}}),
            "body field `[0].v`: w`",
            "missing",
        ),
    ];
    for (body, location, message) in cases {
        let err = decode::<Odd>(&body.to_string()).expect_err("a member is missing or mistyped");
        assert_eq!(err.location, location, "{err:?}");
        assert_eq!(err.message, message, "{err:?}");
    }
}

/// An untagged enum tries each variant and reports its own error, dropping theirs: the error
/// of the object variant it tried must not be taken for it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum TextOrInner {
    Text(String),
    Inner(Inner),
}

#[derive(Debug)]
#[allow(dead_code)]
struct Holder {
    either: TextOrInner,
}

read_as_object!(Holder { either: "either" });

#[test]
fn an_error_replaced_on_its_way_is_reported_as_it_arrives() {
    let err = decode::<Holder>(r#"{"either": {}}"#).expect_err("neither a string nor an Inner");
    assert_eq!(err.location, "body field `either`", "{err:?}");
    assert_eq!(
        err.message, "data did not match any variant of untagged enum TextOrInner",
        "{err:?}"
    );
    // The struct's own error, where nothing replaces it, still names its field.
    let err = decode::<Inner>("{}").expect_err("the member is missing");
    assert_eq!(
        (err.location.as_str(), err.message.as_str()),
        ("body field `v`: w`", "missing")
    );
}

#[test]
fn deserializing_a_generated_type_with_serde_json_says_where_as_before() {
    let page = json!({
        "rooms": [{"sid": "RM1", "status": "completed", "type": "group"}, {"status": 5, "type": "group"}],
        "meta": {}
    });
    let err = serde_json::from_value::<ListRoomsResponse>(page).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `rooms[1].status`: invalid type: integer `5`, expected a string"
    );
}
