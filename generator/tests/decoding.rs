//! The runtime's decoding of 2xx JSON answers on its own (`runtime::decode_json`), with the
//! generated crate's types and with structs written the way the generator writes them: the
//! body's text is read straight into its type; an error names the path to the value, as data
//! (never read back out of an error's text), even deep in a large answer; the message users of
//! `serde_json` see stays what it was.

use std::fmt;

use generated::runtime::{self, DecodeError, Object, RawResponse};
use generated::{Error, ListRoomsResponse};
use serde::Deserialize;
use serde::de::{self, Visitor};
use serde_json::json;

/// A 200 answer with `body`, decoded into `T`.
fn decode<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, DecodeError> {
    let raw = RawResponse::new(200, Default::default(), None, body.as_bytes().to_vec());
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
        "rooms": [{"sid": "RM1", "status": "completed", "type": "group", "max_participants": 50,
                   "max_participant_duration": 14400, "empty_room_timeout": 5, "unused_room_timeout": 5},
                  {"status": 5, "type": "group"}],
        "meta": {}
    });
    let err = serde_json::from_value::<ListRoomsResponse>(page).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `rooms[1].status`: invalid type: integer `5`, expected a string"
    );
}

/// How a string reached its type: borrowed from the body's bytes by the JSON parser itself, or
/// handed over owned (as a JSON value holding the parsed text hands it).
#[derive(Debug, PartialEq)]
enum Given {
    Borrowed,
    Owned,
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HowGiven;
        impl<'de> Visitor<'de> for HowGiven {
            type Value = Given;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<Given, E> {
                Ok(Given::Borrowed)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Given, E> {
                Ok(Given::Owned)
            }
            fn visit_string<E: de::Error>(self, _: String) -> Result<Given, E> {
                Ok(Given::Owned)
            }
        }
        deserializer.deserialize_str(HowGiven)
    }
}

#[test]
fn the_body_is_read_straight_into_its_type() {
    assert_eq!(
        decode::<Given>(r#""straight from the bytes""#).unwrap(),
        Given::Borrowed
    );
}

/// A page of `count` rooms of `GET /v1/Rooms`, pretty-printed (one member a line), with
/// `change` made to room `index`.
fn large_page(count: usize, index: usize, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut rooms: Vec<serde_json::Value> = (0..count)
        .map(|i| json!({"sid": format!("RM{i}"), "status": "completed", "unique_name": format!("room {i}"), "type": "group", "url": null,
                        "max_participants": 50, "max_participant_duration": 14400, "empty_room_timeout": 5, "unused_room_timeout": 5}))
        .collect();
    change(&mut rooms[index]);
    let page = json!({
        "rooms": rooms,
        "meta": {"page": 0, "page_size": count, "first_page_url": "https://video.twilio.com/v1/Rooms",
                 "previous_page_url": null, "url": "https://video.twilio.com/v1/Rooms",
                 "next_page_url": null, "key": "rooms"}
    });
    serde_json::to_string_pretty(&page).unwrap()
}

#[test]
fn an_error_deep_in_a_large_answer_names_its_path() {
    let mistyped = large_page(5_000, 4_321, |room| room["status"] = json!(["completed"]));
    let err = decode::<ListRoomsResponse>(&mistyped).unwrap_err();
    assert_eq!(err.location, "body field `rooms[4321].status`", "{err:?}");
    assert_eq!(
        err.message, "invalid type: sequence, expected a string",
        "{err:?}"
    );
    assert_eq!((err.line, err.column), (None, None), "{err:?}");

    let missing = large_page(5_000, 4_999, |room| {
        room.as_object_mut().unwrap().remove("type");
    });
    let err = decode::<ListRoomsResponse>(&missing).unwrap_err();
    assert_eq!(
        (err.location.as_str(), err.message.as_str()),
        ("body field `rooms[4999].type`", "missing")
    );

    // Cut off inside room 3000's name: the line and column of the cut, and the path to it.
    let whole = large_page(5_000, 0, |_| {});
    let cut = whole.find("\"room 3000").unwrap() + 5;
    let err = decode::<ListRoomsResponse>(&whole[..cut]).unwrap_err();
    assert_eq!(
        err.location, "body field `rooms[3000].unique_name`",
        "{err:?}"
    );
    assert_eq!(err.line, Some(whole[..cut].lines().count()), "{err:?}");
    let last_line = whole[..cut].rsplit('\n').next().unwrap();
    assert_eq!(err.column, Some(last_line.len()), "{err:?}");
}

#[test]
fn a_value_in_a_list_at_the_root_is_named_with_its_index() {
    let err = decode::<Vec<Inner>>(r#"[{"v`: w": "x"}, {"v`: w": 1}]"#).unwrap_err();
    assert_eq!(err.location, "body field `[1].v`: w`", "{err:?}");
    assert_eq!(err.message, "invalid type: integer `1`, expected a string");
}

#[test]
fn broken_json_is_reported_before_a_value_that_does_not_match() {
    // Reading stops at the mismatched first item; the text is broken in the third one.
    let in_the_list =
        decode::<Vec<Inner>>(r#"[{"v`: w": 1}, {"v`: w": "x"}, {"v`: w" "y"}]"#).err();
    // The member is mismatched; the text is broken after the object.
    let after_the_value = decode::<Inner>(r#"{"v`: w": 1} ]"#).err();
    for (err, location, broken) in [
        (
            in_the_list,
            "body field `[2]`",
            "expected `:` at line 1 column 41",
        ),
        (
            after_the_value,
            "body (root)",
            "trailing characters at line 1 column 14",
        ),
    ] {
        let err = err.expect("the body is an error");
        assert_eq!(
            (err.location.as_str(), err.message.as_str()),
            (location, broken)
        );
        assert_eq!(err.line, Some(1), "{err:?}");
    }
}

/// The example tests' round trip: a date-time given with an offset keeps its instant (it is
/// held in UTC); any other change is named with its path.
#[test]
fn examples_round_trip_keeps_instants_and_names_what_changed() {
    use generated::types::Room;
    let room = |extra: &str| {
        format!(
            r#"{{"status":"completed","type":"group","max_participants":50,
                "max_participant_duration":14400,"empty_room_timeout":5,
                "unused_room_timeout":5,"date_created":"2020-09-21T10:34:41-07:00"{extra}}}"#
        )
    };
    runtime::check_example::<Room>(&room("")).unwrap();
    let lost = runtime::check_example::<Room>(&room(r#","nope":1"#)).unwrap_err();
    assert!(lost.contains("`.nope` is missing"), "{lost}");
    assert!(!lost.contains("date_created"), "{lost}");
}
