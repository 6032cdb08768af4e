//! The conformance values on small IRs: examples before defaults before allowed values, then
//! the smallest valid value (formats, patterns, required members, a union's tag).

use super::*;
use crate::ir::{Discriminator, Field, Name, NamedType};
use crate::ir::{FactKind, Origin};

fn fact(kind: FactKind) -> Fact {
    Fact {
        kind,
        origin: Origin::Schema,
    }
}

fn field(wire: &str, ty: Type, required: Presence, facts: Vec<FactKind>) -> Field {
    Field {
        name: Name {
            wire: wire.into(),
            rust: wire.into(),
        },
        ty,
        nullable: false,
        required,
        description: String::new(),
        facts: facts.into_iter().map(fact).collect(),
        access: Access::ReadWrite,
    }
}

fn string(format: Option<&str>) -> Type {
    Type::String {
        format: format.map(str::to_owned),
    }
}

fn api(types: Vec<(&str, Type)>) -> Api {
    Api {
        servers: Vec::new(),
        auth: Vec::new(),
        operations: Vec::new(),
        webhooks: Default::default(),
        types: types
            .into_iter()
            .map(|(name, ty)| NamedType {
                name: Name {
                    wire: name.into(),
                    rust: name.into(),
                },
                description: String::new(),
                ty,
            })
            .collect(),
    }
}

#[test]
fn examples_win_over_defaults_over_allowed_and_smallest_values() {
    let api = api(Vec::new());
    let values = Values::new(&api);
    let value = |ty: &Type, facts: Vec<FactKind>| {
        let facts: Vec<Fact> = facts.into_iter().map(fact).collect();
        values.value(ty, &facts, 0).unwrap()
    };
    let text = string(None);
    let both = vec![
        FactKind::Default("fallback".into()),
        FactKind::Example(Value::from("documented")),
    ];
    assert_eq!(value(&text, both), "documented");
    assert_eq!(
        value(&text, vec![FactKind::Default("fallback".into())]),
        "fallback"
    );
    assert_eq!(value(&text, vec![FactKind::MinLength(3)]), "aaa");
    assert_eq!(value(&text, Vec::new()), "a", "never empty: a path segment");
    let integer = Type::Integer { format: None };
    assert_eq!(
        value(
            &integer,
            vec![FactKind::Minimum(5.into()), FactKind::Default("20".into())]
        ),
        20
    );
    assert_eq!(value(&integer, vec![FactKind::Minimum(5.into())]), 5);
    assert_eq!(
        value(&integer, vec![FactKind::AllowedValues(vec!["7".into()])]),
        7
    );
    // An example of the wrong kind or shape is not taken.
    let wrong = vec![
        FactKind::Example(Value::from("ten")),
        FactKind::Minimum(2.into()),
    ];
    assert_eq!(value(&integer, wrong), 2);
    let date = vec![FactKind::Example(Value::from("yesterday"))];
    assert_eq!(
        value(&string(Some("date-time")), date),
        "2024-01-01T00:00:00Z"
    );
    // Facts read from prose are not the schema's: not taken.
    let prose = Fact {
        kind: FactKind::Default("from prose".into()),
        origin: Origin::Prose {
            quote: "Defaults to from prose.".into(),
        },
    };
    assert_eq!(values.value(&text, &[prose], 0).unwrap(), "a");
}

#[test]
fn formats_patterns_and_enums_give_values_a_validator_accepts() {
    let api = api(Vec::new());
    let values = Values::new(&api);
    let value = |ty: &Type, facts: Vec<FactKind>| {
        let facts: Vec<Fact> = facts.into_iter().map(fact).collect();
        values.value(ty, &facts, 0).unwrap()
    };
    assert_eq!(
        value(&string(Some("uuid")), Vec::new()),
        "00000000-0000-4000-8000-000000000000"
    );
    assert_eq!(
        value(&string(Some("email")), Vec::new()),
        "user@example.com"
    );
    assert_eq!(value(&string(Some("date")), Vec::new()), "2024-01-01");
    let sid = vec![
        FactKind::Pattern("^RM[0-9a-fA-F]{32}$".into()),
        FactKind::MinLength(34),
        FactKind::MaxLength(34),
    ];
    assert_eq!(value(&string(None), sid), format!("RM{}", "a".repeat(32)));
    let words = vec![FactKind::Pattern("^(yes|no)-[a-z]+$".into())];
    assert_eq!(value(&string(None), words), "yes-a");
    // A pattern the parser does not know (a lookahead) leaves the filler.
    let lookahead = vec![FactKind::Pattern("^(?=a)a$".into())];
    assert_eq!(value(&string(None), lookahead), "a");
    let status = Type::Enum {
        name: "Status".into(),
        values: ["queued", "sent"]
            .map(|w| Name {
                wire: w.into(),
                rust: w.into(),
            })
            .to_vec(),
    };
    assert_eq!(value(&status, Vec::new()), "queued");
    let numbers = Type::Array {
        items: Box::new(Type::Integer {
            format: Some("int32".into()),
        }),
    };
    assert_eq!(value(&numbers, Vec::new()), serde_json::json!([1]));
    // Discord's snowflake lists: `minItems` items, each of the items' `pattern`.
    let snowflakes = Type::Array {
        items: Box::new(string(None)),
    };
    let facts = vec![
        FactKind::MinItems(2),
        FactKind::Items(vec![fact(FactKind::Pattern("^(0|[1-9][0-9]*)$".into()))]),
    ];
    assert_eq!(
        value(&snowflakes, facts.clone()),
        serde_json::json!(["0", "0"])
    );
    // Discord's `bulk_delete_messages`: the same list, its items all different.
    let unique = [facts, vec![FactKind::UniqueItems]].concat();
    assert_eq!(value(&snowflakes, unique), serde_json::json!(["0", "1"]));
    let numbers_unique = vec![FactKind::MinItems(3), FactKind::UniqueItems];
    assert_eq!(
        value(&numbers, numbers_unique),
        serde_json::json!([1, 2, 3])
    );
}

#[test]
fn objects_get_their_required_members_nested_and_unions_their_tag() {
    let address = Type::Object {
        name: "Address".into(),
        fields: vec![
            field(
                "city",
                string(None),
                Presence::Required,
                vec![FactKind::Example(Value::from("Lyon"))],
            ),
            field("zip", string(None), Presence::Optional, Vec::new()),
        ],
        additional: None,
    };
    let mut id = field("id", string(None), Presence::Required, Vec::new());
    id.access = Access::ReadOnly;
    let person = Type::Object {
        name: "Person".into(),
        fields: vec![
            id,
            field(
                "name",
                string(None),
                Presence::Required,
                vec![FactKind::MinLength(2)],
            ),
            field(
                "address",
                Type::Named {
                    name: "Address".into(),
                },
                Presence::Required,
                Vec::new(),
            ),
            field(
                "age",
                Type::Integer { format: None },
                Presence::Optional,
                Vec::new(),
            ),
        ],
        additional: None,
    };
    let pet = Type::Union {
        name: "Pet".into(),
        variants: vec![
            Type::Object {
                name: "Cat".into(),
                fields: vec![field(
                    "lives",
                    Type::Integer { format: None },
                    Presence::Required,
                    vec![FactKind::Minimum(9.into())],
                )],
                additional: None,
            },
            Type::Object {
                name: "Dog".into(),
                fields: Vec::new(),
                additional: None,
            },
        ],
        discriminator: Some(Discriminator {
            property: "kind".into(),
            values: vec![("dog".into(), 1), ("cat".into(), 0)],
        }),
    };
    let looped = Type::Object {
        name: "Loop".into(),
        fields: vec![field(
            "next",
            Type::Named {
                name: "Loop".into(),
            },
            Presence::Required,
            Vec::new(),
        )],
        additional: None,
    };
    // OpenAI's `ImageRefParam`: `image_url` or `file_id`, in an `anyOf` of required lists the
    // types do not hold.
    let image_ref = Type::Object {
        name: "ImageRef".into(),
        fields: vec![
            field(
                "image_url",
                string(Some("uri")),
                Presence::Optional,
                Vec::new(),
            ),
            field("file_id", string(None), Presence::Optional, Vec::new()),
        ],
        additional: None,
    };
    // Its first member holds itself: the next one is sent.
    let chain = Type::Object {
        name: "Chain".into(),
        fields: vec![
            field(
                "next",
                Type::Named {
                    name: "Loop".into(),
                },
                Presence::Optional,
                Vec::new(),
            ),
            field("label", string(None), Presence::Optional, Vec::new()),
        ],
        additional: None,
    };
    let api = api(vec![("Address", address), ("Loop", looped)]);
    let values = Values::new(&api);
    assert_eq!(
        values.value(&person, &[], 0).unwrap(),
        serde_json::json!({"name": "aa", "address": {"city": "Lyon"}}),
        "required members only, read-only ones left out, nested ones built"
    );
    assert_eq!(
        values.value(&image_ref, &[], 0).unwrap(),
        serde_json::json!({"image_url": "https://example.com"}),
        "an object with no required member gets its first"
    );
    assert_eq!(
        values.value(&chain, &[], 0).unwrap(),
        serde_json::json!({"label": "a"}),
        "its first that has a value"
    );
    assert_eq!(
        values.value(&pet, &[], 0).unwrap(),
        serde_json::json!({"kind": "dog"}),
        "the first documented tag, with its variant"
    );
    let err = values
        .value(
            &Type::Named {
                name: "Loop".into(),
            },
            &[],
            0,
        )
        .unwrap_err();
    assert_eq!(
        err,
        "`next`: `Loop` requires a value that holds a `Loop` again: no value ends"
    );
}
