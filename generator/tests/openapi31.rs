//! OpenAPI 3.1 documents into the same IR as 3.0 ones: each JSON Schema 2020-12 keyword and
//! document-level addition on a small hand-written document (`fixtures/openapi31/`, beside a
//! 3.0 twin that must read into the same IR), what 3.0 cannot say as located warnings, and
//! OpenAI's and Discord's documents (when `../shared/corpus` is there), including the agreement
//! of OpenAI's 3.0 and 3.1 documents on the operations both have.

use std::collections::BTreeMap;
use std::path::PathBuf;

use generator::frontend::openapi;
use generator::ir::{FactKind, Field, Operation, Type};
use serde_json::Value;

const KEYWORDS: &str = include_str!("fixtures/openapi31/keywords.yaml");
const KEYWORDS_JSON: &str = include_str!("fixtures/openapi31/keywords.json");
const KEYWORDS_30: &str = include_str!("fixtures/openapi31/keywords_30.yaml");
const DOCUMENT: &str = include_str!("fixtures/openapi31/document.yaml");

#[path = "support/parsed.rs"]
mod parsed;

use parsed::{Parsed, fields, parse};

impl Parsed {
    fn field(&self, owner: &str, wire: &str) -> &Field {
        fields(&self.named(owner).ty)
            .iter()
            .find(|f| f.name.wire == wire)
            .unwrap_or_else(|| panic!("no field {owner}.{wire}"))
    }

    /// The warning at `pointer`, with where its span starts (`line:column`).
    fn warning_at(&self, pointer: &str) -> (&str, String) {
        let found = self
            .diagnostics
            .iter()
            .find(|d| !d.is_error() && d.pointer.as_deref() == Some(pointer))
            .unwrap_or_else(|| panic!("no warning at {pointer}: {:#?}", self.diagnostics));
        (found.message.as_str(), found.location(&self.text))
    }

    /// The IR as JSON, without descriptions and the file's name: what a 3.0 twin must match.
    fn shape(&self) -> Value {
        let mut value = serde_json::json!({
            "operations": self.operations,
            "types": self.types,
        });
        strip(&mut value);
        value
    }
}

fn strip(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("description");
            map.remove("source");
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn facts(field: &Field) -> Vec<&FactKind> {
    field.facts.iter().map(|f| &f.kind).collect()
}

fn string(format: Option<&str>) -> Type {
    Type::String {
        format: format.map(str::to_owned),
    }
}

fn named(name: &str) -> Type {
    Type::Named { name: name.into() }
}

// 1. Each keyword, and the 3.0 twin.

#[test]
fn a_31_document_reads_into_the_same_ir_as_its_30_twin_in_yaml_and_json() {
    let v31 = parse("keywords.yaml", KEYWORDS);
    let v30 = parse("keywords_30.yaml", KEYWORDS_30);
    assert_eq!(v31.shape(), v30.shape());
    let json = parse("keywords.json", KEYWORDS_JSON);
    assert_eq!(json.shape(), v31.shape());
    // `info.summary`, `license.identifier` and the default dialect are read quietly; what is
    // warned about is what the IR does not keep (exclusive bounds, as in 3.0).
    let warned: Vec<&str> = v31
        .diagnostics
        .iter()
        .filter_map(|d| d.pointer.as_deref())
        .collect();
    assert_eq!(
        warned,
        [
            "#/paths/~1things~1{id}/get/parameters/1/schema",
            "#/paths/~1things~1{id}/get/parameters/1/schema",
            "#/components/schemas/Thing/properties/ratio",
        ]
    );
}

#[test]
fn type_lists_are_nullable_types_or_unions_of_the_types() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let name = doc.field("Thing", "name");
    assert!(name.nullable);
    assert_eq!(name.ty, string(None));
    // `[string, integer]`: a union of the two, each with its own keywords.
    let size = doc.field("Thing", "size");
    let Type::Union { variants, .. } = &size.ty else {
        panic!("{:?}", size.ty)
    };
    assert_eq!(variants, &[string(None), Type::Integer { format: None }]);
    assert!(!size.nullable);
    let limit = &doc.op("getThing").params[1].field;
    assert!(limit.nullable);
    assert_eq!(limit.ty, Type::Integer { format: None });
}

#[test]
fn consts_are_one_value_enums_and_const_members_an_enum() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let kind = doc.field("Thing", "kind");
    let Type::Enum { values, .. } = &kind.ty else {
        panic!("{:?}", kind.ty)
    };
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].wire, "widget");
    // Discord's pattern: `type: string, oneOf: [{const, title, description}]`.
    let color = doc.named("Color");
    let Type::Enum { values, .. } = &color.ty else {
        panic!("{:?}", color.ty)
    };
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    assert_eq!(wires, ["red", "blue"]);
    assert!(
        color.description.contains("`red`: Warm."),
        "{}",
        color.description
    );
    // Integer consts that every member names (`title`): an integer enum with those names, as
    // 3.0's `x-enum-varnames` says (the twin's), the values' documents kept on each.
    let level = doc.named("Level");
    let Type::IntegerEnum { format, values, .. } = &level.ty else {
        panic!("{:?}", level.ty)
    };
    assert_eq!(format.as_deref(), Some("int32"));
    let named: Vec<(i64, &str, &str)> = values
        .iter()
        .map(|v| (v.value, v.name.wire.as_str(), v.name.rust.as_str()))
        .collect();
    assert_eq!(named, [(1, "LOW", "Low"), (2, "HIGH", "High")]);
    assert_eq!(values[1].description, "Very.");
}

#[test]
fn examples_arrays_give_their_first_as_the_example() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let name = doc.field("Thing", "name");
    assert!(facts(name).contains(&&FactKind::Example("Widget".into())));
}

#[test]
fn refs_keep_their_sibling_keywords_and_defs_become_named_types() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let color = doc.field("Thing", "color");
    assert_eq!(color.ty, named("Color"));
    assert_eq!(color.description, "The thing's colour.");
    // In a union, a `$ref`'s siblings leave it a plain reference; `null` beside it makes the
    // union nullable, one variant left.
    let parts = doc.field("Thing", "parts");
    assert_eq!(
        parts.ty,
        Type::Array {
            items: Box::new(named("Color"))
        }
    );
    let point = doc.field("Thing", "point");
    assert_eq!(point.ty, named("Point"));
    assert_eq!(fields(&doc.named("Point").ty).len(), 2);
}

#[test]
fn prefix_items_are_a_tuple_with_items_as_its_rest() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let pair = doc.field("Thing", "pair");
    assert_eq!(
        pair.ty,
        Type::Tuple {
            items: vec![string(None), Type::Integer { format: None }],
            rest: None
        }
    );
    let span = doc.field("Thing", "span");
    assert_eq!(
        span.ty,
        Type::Tuple {
            items: vec![string(Some("date")), named("Level")],
            rest: Some(Box::new(Type::Number { format: None })),
        }
    );
    // `items: false` says that nothing follows; a schema in a position is read like any.
    let text = KEYWORDS.replace(
        "          items:\n            type: number\n",
        "          items: false\n",
    );
    let closed = parse("keywords.yaml", &text);
    let Type::Tuple { rest, .. } = &closed.field("Thing", "span").ty else {
        panic!()
    };
    assert_eq!(rest, &None);
}

/// An array's `minItems`/`maxItems`/`uniqueItems` and its items' constraints (Discord's lists
/// of snowflakes, each of a `pattern`, all different) are facts of the field, which the
/// conformance suite's requests keep and the docs state; so is a number's `enum` beside the
/// `allOf` it narrows (Discord's `entity_type`, one of its entity types).
#[test]
fn array_bounds_and_item_constraints_are_facts() {
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /bulk:\n    get:\n      \
                operationId: getBulk\n      responses:\n        '200':\n          \
                description: OK\n          content:\n            application/json:\n              \
                schema: {$ref: '#/components/schemas/Bulk'}\ncomponents:\n  \
                schemas:\n    Snowflake: {type: string, pattern: '^(0|[1-9][0-9]*)$'}\n    \
                Bulk:\n      type: object\n      properties:\n        ids:\n          \
                type: array\n          items: {$ref: '#/components/schemas/Snowflake'}\n          \
                minItems: 2\n          maxItems: 100\n          uniqueItems: true\n        \
                tags:\n          type: array\n          items: {type: string, maxLength: 8}\n        \
                kind:\n          type: integer\n          enum: [3]\n          \
                allOf: [{$ref: '#/components/schemas/Kinds'}]\n    \
                Kinds: {type: integer, enum: [1, 2, 3]}\n";
    let doc = parse("bulk.yaml", text);
    let pattern = |p: &str| generator::ir::Fact {
        kind: FactKind::Pattern(p.into()),
        origin: generator::ir::Origin::Schema,
    };
    assert_eq!(
        facts(doc.field("Bulk", "ids")),
        [
            &FactKind::MinItems(2),
            &FactKind::MaxItems(100),
            &FactKind::UniqueItems,
            &FactKind::Items(vec![pattern("^(0|[1-9][0-9]*)$")]),
        ]
    );
    assert_eq!(
        facts(doc.field("Bulk", "kind")),
        [&FactKind::AllowedValues(vec!["3".into()])]
    );
    assert_eq!(doc.field("Bulk", "kind").ty, named("Kinds"));
    let max_length = generator::ir::Fact {
        kind: FactKind::MaxLength(8),
        origin: generator::ir::Origin::Schema,
    };
    assert_eq!(
        facts(doc.field("Bulk", "tags")),
        [&FactKind::Items(vec![max_length])]
    );
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
}

#[test]
fn content_encoding_and_media_type_are_binary_or_base64_strings() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let body = doc.op("createThing").body.as_ref().unwrap();
    let form: Vec<(&str, &Type, bool)> = fields(&body.ty)
        .iter()
        .map(|f| (f.name.wire.as_str(), &f.ty, f.nullable))
        .collect();
    let (binary, byte) = (string(Some("binary")), string(Some("byte")));
    assert_eq!(
        form,
        [
            ("file", &binary, false),
            ("scan", &binary, false),
            ("thumbnail", &byte, true),
            ("note", &string(None), false),
        ]
    );
}

#[test]
fn numeric_exclusive_bounds_are_30s_bound_and_flag() {
    let doc = parse("keywords.yaml", KEYWORDS);
    let ratio = doc.field("Thing", "ratio");
    assert!(facts(ratio).contains(&&FactKind::Minimum(0.into())));
    assert!(facts(ratio).contains(&&FactKind::Maximum(1.into())));
    let limit = &doc.op("getThing").params[1].field;
    assert!(facts(limit).contains(&&FactKind::Maximum(100.into())));
    // The IR keeps bounds inclusive: that they are exclusive is a warning, as in 3.0.
    let (message, _) = doc.warning_at("#/paths/~1things~1{id}/get/parameters/1/schema");
    assert!(message.contains("exclusiveMinimum"), "{message}");
}

#[test]
fn boolean_schemas_and_the_null_type_are_any_value() {
    let doc = parse("keywords.yaml", KEYWORDS);
    assert_eq!(doc.field("Thing", "extra").ty, Type::Any);
    let nothing = doc.field("Thing", "nothing");
    assert_eq!(nothing.ty, Type::Any);
    assert!(nothing.nullable);
    // Quietly: `null` is a type in 3.1.
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| !d.message.contains("unknown type"))
    );
}

/// The crate generated from the 3.1 document builds with warnings denied, and its example
/// test decodes the response example that holds a value for each keyword (a nullable, a
/// union of types, a `const`, `const` enums of strings and integers, a `$ref` with siblings,
/// a `$defs` type, a tuple, a boolean schema) and encodes it back unchanged. The crate builds
/// in the target folder `tests/cli.rs`'s fixture crates share, so their dependencies are
/// compiled once.
#[test]
fn the_31_documents_crate_builds_and_its_example_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let document =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi31/keywords.yaml");
    let generate = std::process::Command::new(env!("CARGO_BIN_EXE_generator"))
        .args([
            "generate",
            document.to_str().unwrap(),
            "--out",
            "keywords",
            "--example-tests",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        generate.status.success(),
        "{}",
        String::from_utf8_lossy(&generate.stderr)
    );
    let crate_dir = dir.path().join("keywords");
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n[workspace]\n")).unwrap();
    let examples = std::fs::read_to_string(crate_dir.join("tests/examples.rs")).unwrap();
    assert!(examples.contains("#[test]"), "{examples}");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fixture-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = std::process::Command::new(cargo)
        .args(["test", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
}

// 2. The document level.

#[test]
fn path_items_by_ref_and_operations_without_responses_are_read() {
    let doc = parse("document.yaml", DOCUMENT);
    let list = doc.op("listPets");
    assert_eq!(list.path.template, "/pets");
    assert_eq!(list.responses.len(), 1);
    let delete = doc.op("deletePet");
    assert!(delete.responses.is_empty());
}

#[test]
fn webhook_payloads_become_named_types() {
    let doc = parse("document.yaml", DOCUMENT);
    // No operation reaches them: the webhooks do.
    assert!(doc.operations.iter().all(|op| op.name.wire != "petAdopted"));
    let adopted = doc.named("PetAdopted");
    assert_eq!(fields(&adopted.ty)[0].ty, named("Pet"));
    // An inline payload is named after its webhook.
    let lost = doc.named("WebhookPetLostPayload");
    let seen = &fields(&lost.ty)[2];
    assert_eq!(seen.ty, string(Some("date-time")));
    assert!(seen.nullable);
    // Each names its event in `event`: one union decodes any of them, told apart by it.
    let Type::Union {
        variants,
        discriminator: Some(discriminator),
        ..
    } = &doc.named("WebhookEvent").ty
    else {
        panic!("{:?}", doc.named("WebhookEvent").ty)
    };
    assert_eq!(
        variants,
        &[named("PetAdopted"), named("WebhookPetLostPayload")]
    );
    assert_eq!(discriminator.property, "event");
    assert_eq!(
        discriminator.values,
        [("pet.adopted".to_owned(), 0), ("pet.lost".to_owned(), 1)]
    );
}

#[test]
fn what_30_cannot_say_is_a_located_warning_and_the_rest_is_read() {
    let doc = parse("document.yaml", DOCUMENT);
    let cases = [
        (
            "#/jsonSchemaDialect",
            "is not OpenAPI's default dialect",
            "document.yaml:10:1",
        ),
        (
            "#/components/schemas/Pet/properties/owner/nullable",
            "`nullable` is an OpenAPI 3.0 keyword in this 3.1 document (once",
            "document.yaml:74:11",
        ),
        (
            "#/components/schemas/Pet/dependentRequired/nickname",
            "`dependentRequired` names `collar`, which the object's `properties` do not define",
            "document.yaml:87:9",
        ),
        (
            "#/components/schemas/Pet/properties/nickname/if",
            "`if` is not kept",
            "document.yaml:81:11",
        ),
        (
            "#/components/schemas/PetAdopted/properties/labels/patternProperties",
            "read as `additionalProperties`",
            "document.yaml:95:11",
        ),
    ];
    for (pointer, message, location) in cases {
        let (found, at) = doc.warning_at(pointer);
        assert!(found.contains(message), "{pointer}: {found}");
        assert_eq!(at, location, "{pointer}");
    }
    // The 3.0 keyword is read as 3.0 reads it.
    assert!(doc.field("Pet", "owner").nullable);
    // `dependentRequired` is a fact of the member it is keyed by, said in its docs.
    let licence = doc.field("Pet", "licence");
    assert_eq!(
        facts(licence),
        [&FactKind::Requires(vec!["licence_office".into()])]
    );
    assert!(facts(doc.field("Pet", "nickname")).is_empty());
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi31/document.yaml");
    let (api, _, _) =
        generator::read_api(&[path]).unwrap_or_else(|failure| panic!("{}", failure.render()));
    let plan = generator::plan::build(&api);
    let pet = plan.types.iter().find(|item| item.name == "Pet").unwrap();
    let generator::plan::ItemKind::Struct { fields } = &pet.kind else {
        panic!("{pet:?}")
    };
    let docs = &fields.iter().find(|f| f.wire == "licence").unwrap().docs;
    assert!(
        docs.iter()
            .any(|d| d == "When present, requires `licence_office`."),
        "{docs:?}"
    );
    let labels = doc.field("PetAdopted", "labels");
    assert_eq!(
        labels.ty,
        Type::Map {
            values: Box::new(string(None)),
            format: None
        }
    );
    // Nothing else was lost.
    assert_eq!(
        doc.diagnostics.len(),
        cases.len() + 1,
        "{:#?}",
        doc.diagnostics
    );
}

// 3. Versions.

#[test]
fn a_later_3x_is_read_as_31_with_a_warning_and_4_is_refused() {
    let text = KEYWORDS.replace("openapi: 3.1.0", "openapi: 3.2.0");
    let doc = parse("v32.yaml", &text);
    let (message, location) = doc.warning_at("#/openapi");
    assert!(message.contains("read as 3.1"), "{message}");
    assert_eq!(location, "v32.yaml:3:1");
    assert_eq!(doc.shape(), parse("keywords.yaml", KEYWORDS).shape());

    let text = "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let mut diagnostics = Vec::new();
    assert!(openapi::parse("v4.yaml", text, &mut diagnostics).is_none());
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0].message.contains("`4.0.0`"),
        "{diagnostics:?}"
    );
    assert_eq!(diagnostics[0].pointer.as_deref(), Some("#/openapi"));
}

// 4. Real documents.

fn corpus(document: &str) -> Option<(PathBuf, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(document);
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    Some((path, text))
}

fn parse_corpus(document: &str) -> Option<Parsed> {
    let (path, text) = corpus(document)?;
    Some(parse(path.to_str().unwrap(), &text))
}

#[test]
fn openai_and_discord_31_documents_read() {
    if let Some(openai) = parse_corpus("openapi31/openai.yaml") {
        assert_eq!(openai.operations.len(), 288);
        // Its 16 webhooks' payloads are types.
        for name in ["WebhookBatchCancelled", "WebhookResponseCompleted"] {
            openai.named(name);
        }
        let Type::Union {
            variants,
            discriminator: Some(discriminator),
            ..
        } = &openai.named("WebhookEvent").ty
        else {
            panic!("no WebhookEvent union")
        };
        assert_eq!(
            (variants.len(), discriminator.property.as_str()),
            (16, "type")
        );
        // `anyOf: [T, {type: "null"}]` is a nullable T.
        let key = openai.named("AdminApiKey");
        let name = fields(&key.ty).iter().find(|f| f.name.wire == "name");
        assert!(name.is_some_and(|f| f.nullable && f.ty == string(None)));
    }
    if let Some(discord) = parse_corpus("openapi31/discord.json") {
        assert_eq!(discord.operations.len(), 242);
        // `type: integer, oneOf: [{title, const}]`: an integer enum named by the titles.
        let afk = discord.named("AfkTimeouts");
        let Type::IntegerEnum { values, .. } = &afk.ty else {
            panic!("AfkTimeouts is not an integer enum: {:?}", afk.ty)
        };
        assert_eq!(
            (values[0].value, values[0].name.rust.as_str()),
            (60, "OneMinute")
        );
        let integer_enums = discord
            .types
            .iter()
            .filter(|t| matches!(t.ty, Type::IntegerEnum { .. }))
            .count();
        assert_eq!(
            integer_enums, 68,
            "every titled integer `oneOf` of `const`s"
        );
        // The string ones an enum.
        let Type::Enum { values, .. } = &discord.named("ActionTypes").ty else {
            panic!("ActionTypes is not an enum")
        };
        assert!(values.iter().any(|v| v.wire == "TYPING_START"));
    }
}

/// One compared fact of an operation: where (`op/param:query:limit`, `op/200/data[]/id`) and
/// what (`nullable string(date-time), required`).
fn surface(doc: &Parsed, op: &Operation, out: &mut BTreeMap<String, String>) {
    let types: BTreeMap<&str, &Type> = doc
        .types
        .iter()
        .map(|t| (t.name.rust.as_str(), &t.ty))
        .collect();
    let id = &op.name.wire;
    out.insert(
        format!("{id} method"),
        format!("{:?} {}", op.method, op.path.template),
    );
    for param in &op.params {
        let at = format!("{id}/{:?}:{}", param.location, param.field.name.wire);
        walk_field(&types, &param.field, &at, 0, out);
    }
    if let Some(body) = &op.body {
        let at = format!("{id}/body({})", body.content_type);
        walk_type(&types, &body.ty, false, &at, 0, out);
    }
    for response in &op.responses {
        let status = match response.range {
            Some(range) => format!("{range:?}"),
            None => response.status.to_string(),
        };
        match &response.body {
            Some(body) => {
                let at = format!("{id}/{status}({})", body.content_type);
                walk_type(&types, &body.ty, false, &at, 0, out);
            }
            None => {
                out.insert(format!("{id}/{status}"), "no body".into());
            }
        }
    }
}

fn walk_field(
    types: &BTreeMap<&str, &Type>,
    field: &Field,
    at: &str,
    depth: usize,
    out: &mut BTreeMap<String, String>,
) {
    let required = format!("{:?}", field.required);
    walk_type(types, &field.ty, field.nullable, at, depth, out);
    if let Some(entry) = out.get_mut(at) {
        entry.push_str(&format!(", {}", required.to_lowercase()));
    }
}

/// The kind of `ty` at `at`, and (three levels deep) the members of the objects in it.
fn walk_type(
    types: &BTreeMap<&str, &Type>,
    ty: &Type,
    nullable: bool,
    at: &str,
    depth: usize,
    out: &mut BTreeMap<String, String>,
) {
    let mut ty = ty;
    let mut hops = 0;
    while let Type::Named { name } = ty {
        match types.get(name.as_str()) {
            Some(target) if hops < 8 => ty = target,
            _ => break,
        }
        hops += 1;
    }
    let null = if nullable { "nullable " } else { "" };
    let kind = match ty {
        Type::String { format } => format!("string({})", format.as_deref().unwrap_or("")),
        Type::Integer { .. } | Type::Number { .. } => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Array { .. } => "array".into(),
        Type::Tuple { .. } => "tuple".into(),
        Type::Map { .. } => "map".into(),
        Type::Object { .. } => "object".into(),
        Type::Any => "any".into(),
        Type::Enum { .. } => "enum".into(),
        Type::IntegerEnum { .. } => "integer enum".into(),
        Type::Union { .. } => "union".into(),
        Type::Named { .. } => "named".into(),
    };
    out.insert(at.to_owned(), format!("{null}{kind}"));
    if depth >= 3 {
        return;
    }
    match ty {
        Type::Array { items } => walk_type(types, items, false, &format!("{at}[]"), depth, out),
        Type::Map { values, .. } => {
            walk_type(types, values, false, &format!("{at}{{}}"), depth, out)
        }
        Type::Object { fields, .. } => {
            for field in fields {
                let at = format!("{at}/{}", field.name.wire);
                walk_field(types, field, &at, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// OpenAI's 3.0 document and its 3.1 document a year later: for the operations both have,
/// every wire name, place, nullability, presence and type kind (three levels into bodies)
/// agrees, but for the API's own changes, printed here by kind. Documents that only say the
/// same thing differently (`nullable: true` against `anyOf: [T, {type: "null"}]`) must agree.
#[test]
fn openai_30_and_31_agree_on_the_operations_both_have() {
    let (Some(v30), Some(v31)) = (
        parse_corpus("realworld/openai-3.0.yaml"),
        parse_corpus("openapi31/openai.yaml"),
    ) else {
        return;
    };
    let by_id = |doc: &Parsed| -> BTreeMap<String, BTreeMap<String, String>> {
        doc.operations
            .iter()
            .map(|op| {
                let mut facts = BTreeMap::new();
                surface(doc, op, &mut facts);
                (op.name.wire.clone(), facts)
            })
            .collect()
    };
    let (old, new) = (by_id(&v30), by_id(&v31));
    let shared: Vec<&String> = old.keys().filter(|id| new.contains_key(*id)).collect();
    let (mut same, mut differences) = (0, Vec::new());
    let mut whole = 0;
    for id in &shared {
        let (a, b) = (&old[*id], &new[*id]);
        let mut agrees = true;
        for (at, was) in a {
            match b.get(at) {
                Some(now) if now == was => same += 1,
                Some(now) => {
                    agrees = false;
                    differences.push(format!("{at}: {was} -> {now}"));
                }
                None => {
                    agrees = false;
                    differences.push(format!("{at}: {was} -> (gone)"));
                }
            }
        }
        for (at, now) in b {
            if !a.contains_key(at) {
                agrees = false;
                differences.push(format!("{at}: (new) -> {now}"));
            }
        }
        whole += usize::from(agrees);
    }
    // What the 3.0 document says that the 3.1 one says otherwise (new members aside).
    let changed: Vec<&String> = differences
        .iter()
        .filter(|d| !d.contains(": (new) -> "))
        .collect();
    // `nullable: true` read where 3.1 writes `anyOf: [T, {type: "null"}]` or `type: [T,
    // "null"]`, on a field or through a `$ref`: a member that was nullable and is the same
    // kind, equally required, but not nullable would be the reading's loss, not the API's.
    let lost_null: Vec<&&String> = changed
        .iter()
        .filter(|d| {
            let (was, now) = d.split_once(": ").unwrap().1.split_once(" -> ").unwrap();
            was.strip_prefix("nullable ") == Some(now)
        })
        .collect();
    eprintln!(
        "{} operations in 3.0, {} in 3.1, {} shared; {whole} agree on everything compared; \
         of the 3.0 document's {} facts {same} agree, {} differ; {} facts are new:",
        old.len(),
        new.len(),
        shared.len(),
        same + changed.len(),
        changed.len(),
        differences.len() - changed.len()
    );
    for difference in &changed {
        eprintln!("  {difference}");
    }
    assert!(shared.len() >= 140, "{} shared", shared.len());
    assert!(lost_null.is_empty(), "{lost_null:#?}");
    assert!(
        same >= 9 * changed.len(),
        "{same} agree, {} differ",
        changed.len()
    );
}

/// The change report between OpenAI's 3.0 and 3.1 documents classifies every change, and none
/// is the version's own: no member becomes non-nullable (the 3.1 document says `null` in its
/// own way, which must read as 3.0's `nullable`).
#[test]
fn the_change_report_from_openais_30_to_31_document_has_no_version_only_changes() {
    let (Some((old, _)), Some((new, _))) = (
        corpus("realworld/openai-3.0.yaml"),
        corpus("openapi31/openai.yaml"),
    ) else {
        return;
    };
    let read = |path: PathBuf| {
        generator::read_api(&[path])
            .unwrap_or_else(|f| panic!("{}", f.render()))
            .0
    };
    let report = generator::diff::compare(&read(old), &read(new));
    let text = report.text();
    let lines: Vec<&str> = text.lines().collect();
    let non_nullable: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("became non-nullable"))
        .collect();
    eprintln!(
        "{} breaking, {} compatible",
        report.count(generator::diff::Class::Breaking),
        report.count(generator::diff::Class::Compatible)
    );
    assert!(report.changes.len() > 100, "{text}");
    assert!(non_nullable.is_empty(), "{non_nullable:#?}");
}

// 5. Bad input: read or refused with located errors, never a panic.

#[test]
fn odd_31_constructs_are_read_or_located_never_a_panic() {
    let head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";
    let schema = |s: &str| {
        format!(
            "{head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          \
             description: OK\n          content:\n            application/json:\n              \
             schema: {s}\n"
        )
    };
    let cases = [
        schema("{type: [1, null, [x]]}"),
        schema("{type: []}"),
        schema("{type: [\"null\"]}"),
        schema("{const: {a: [1]}}"),
        schema("{oneOf: []}"),
        schema("{oneOf: [{const: 1}, {const: a}]}"),
        schema("{anyOf: [{type: 'null'}, {type: 'null'}]}"),
        schema("{prefixItems: 5}"),
        schema("{prefixItems: [], items: false}"),
        schema("{$defs: 3}"),
        schema("{$defs: {A: {$defs: {B: {type: string}}}}, $ref: '#/components/schemas/A'}"),
        schema("{examples: []}"),
        schema("{exclusiveMinimum: x, exclusiveMaximum: [1]}"),
        schema("{contentEncoding: 7, contentMediaType: [x]}"),
        schema("{$ref: '#/components/schemas/Missing', description: d, nullable: true}"),
        schema("{patternProperties: {a: 1, b: 2}}"),
        schema("{dependentRequired: 3, if: true, then: false}"),
        schema("false"),
        format!(
            "{head}paths:\n  /a: {{$ref: '#/components/pathItems/A'}}\ncomponents:\n  pathItems:\n    A: {{$ref: '#/components/pathItems/A'}}\n"
        ),
        format!("{head}paths:\n  /a: {{$ref: '#/components/pathItems/Nope'}}\n"),
        format!("{head}webhooks: [1, 2]\n"),
        format!(
            "{head}webhooks:\n  a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Nope'}}\n"
        ),
        format!("{head}jsonSchemaDialect: 5\npaths: {{}}\n"),
        format!("{head}components: 5\n"),
        "openapi: 3.1\ninfo: {title: t, version: '1'}\n".to_owned(),
    ];
    for text in &cases {
        let mut diagnostics = Vec::new();
        let read = openapi::parse("odd.yaml", text, &mut diagnostics);
        if read.is_none() {
            let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
            assert!(!errors.is_empty(), "refused without an error:\n{text}");
            assert!(
                errors.iter().all(|d| d.pointer.is_some()),
                "{errors:#?}\n{text}"
            );
        }
    }
}

// 5. Webhooks received: the crate's `webhooks` functions on request bodies.

#[path = "fixture_crates/mod.rs"]
mod fixture_crates;

/// Generates the crate for `document` into `target/openapi31/<name>` (files written only when
/// they change, so a second run compiles nothing new), as a workspace of its own with
/// `serde_json` for its tests; the plan it was generated from.
fn fixture_crate(document: &std::path::Path, name: &str) -> (PathBuf, generator::Generation) {
    let options = generator::emit::CrateOptions {
        name: name.to_owned(),
        regenerate: format!("cargo test --test openapi31 ({name})"),
        example_tests: false,
        conformance_tests: false,
    };
    let generation = generator::generate(&[document.to_owned()], &options)
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    let crate_dir = fixture_crates::root().join("target/openapi31").join(name);
    generator::output::sync(
        &crate_dir,
        &generation.files,
        generator::output::Mode::Write,
    )
    .unwrap();
    fixture_crates::make_standalone(&crate_dir, "\n[dev-dependencies]\nserde_json = \"1\"\n");
    (crate_dir, generation)
}

/// `keywords.yaml`'s crate: its 3.1 types read from JSON and written back unchanged
/// (`keywords_wire.rs`): an integer `oneOf` of titled `const`s is an enum with those names
/// whose unknown values are kept; `prefixItems` a Rust tuple, with `items` a tuple and its
/// rest, each refusing an array that does not fit its positions. Without the integer enum
/// (`Level` an `i32`) or the tuples (a `Vec` of a union), this fails.
#[test]
fn the_31_types_read_and_write_their_json() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi31");
    let (crate_dir, _) = fixture_crate(&fixtures.join("keywords.yaml"), "keywords_31");
    let wire = std::fs::read_to_string(fixtures.join("keywords_wire.rs")).unwrap();
    fixture_crates::write_if_changed(&crate_dir.join("tests/wire.rs"), &wire);
    let (ok, shown) = fixture_crates::cargo(&crate_dir, &["test", "--test", "wire"]);
    assert!(ok, "{shown}");
    assert!(shown.contains("test result: ok. 3 passed"), "{shown}");
}

/// `webhooks.yaml`'s crate: `webhooks::decode` reads each event into its variant and back
/// unchanged, keeps an event it does not know as `Unknown`, and refuses a body that is none
/// with a decode error that says where (`webhooks/receive.rs`); each webhook has a function of
/// its own; the module builds without any operation's feature (`Order`, which a payload holds,
/// is used by the `orders` operations too). Without the `webhooks` module, or with its types
/// compiled only with the `orders` feature, this fails.
#[test]
fn webhook_bodies_decode_into_their_variant_an_unknown_event_is_kept() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi31");
    let (crate_dir, generation) =
        fixture_crate(&fixtures.join("webhooks/webhooks.yaml"), "webhooks_shop");
    let hooks = generation
        .plan
        .webhooks
        .as_ref()
        .expect("a webhooks module");
    let functions: Vec<&str> = hooks.decoders.iter().map(|d| d.function.as_str()).collect();
    // `orderNote`'s form payload has a type and no function (with a warning).
    assert_eq!(functions, ["decode_order_shipped", "decode_order_refunded"]);
    assert!(
        generation
            .warnings
            .iter()
            .any(|w| w.message.contains("orderNote") && w.message.contains("only JSON")),
        "{:?}",
        generation.warnings
    );
    let receive = std::fs::read_to_string(fixtures.join("webhooks/receive.rs")).unwrap();
    fixture_crates::write_if_changed(&crate_dir.join("tests/receive.rs"), &receive);
    let (ok, shown) = fixture_crates::cargo(&crate_dir, &["test", "--test", "receive"]);
    assert!(ok, "{shown}");
    assert!(shown.contains("test result: ok. 4 passed"), "{shown}");
    let (ok, shown) = fixture_crates::cargo(&crate_dir, &["check", "--no-default-features"]);
    assert!(ok, "{shown}");
}

/// Webhooks whose payloads name no event in a member they share get a function each and no
/// `decode`: nothing in a body says which it is.
#[test]
fn webhooks_without_an_event_member_get_a_function_each_and_no_decode() {
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  a:\n    post:\n      \
                requestBody:\n        content:\n          application/json:\n            schema: \
                {type: object, properties: {x: {type: string}}}\n  b:\n    post:\n      \
                requestBody:\n        content:\n          application/json:\n            schema: \
                {type: array, items: {type: integer}}\n";
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("hooks.yaml");
    std::fs::write(&document, text).unwrap();
    let (api, _, _) =
        generator::read_api(&[document]).unwrap_or_else(|failure| panic!("{}", failure.render()));
    assert_eq!(api.webhooks.event, None);
    let plan = generator::plan::build(&api);
    let hooks = plan.webhooks.expect("a webhooks module");
    assert!(hooks.events.is_none());
    let functions: Vec<&str> = hooks.decoders.iter().map(|d| d.function.as_str()).collect();
    assert_eq!(functions, ["decode_a", "decode_b"]);
}

/// OpenAI's 16 webhooks, each with the example payload its document gives (`x-oaiMeta`), on a
/// slice of its 3.1 document (the webhooks and the schemas they reach): each example reads
/// into the variant of `WebhookEvent` its `type` names and encodes back unchanged, and an
/// event the document does not list is `Unknown`.
#[test]
fn openais_example_webhook_payloads_decode_into_their_variants() {
    let Some((_, text)) = corpus("openapi31/openai.yaml") else {
        return;
    };
    // The document's integers beyond 64 bits (a bound of `seed`, which no webhook reaches)
    // are more than a YAML tree holds: they are read as 0.
    let text: String = text
        .split_inclusive('\n')
        .map(|line| match line.trim_end().rsplit_once(' ') {
            Some((head, number))
                if number.trim_start_matches('-').len() > 18
                    && number
                        .trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                format!("{head} 0\n")
            }
            _ => line.to_owned(),
        })
        .collect();
    let whole: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let yaml_schemas = &whole["components"]["schemas"];
    let mut keep = std::collections::BTreeSet::new();
    let mut stack = vec![whole["webhooks"].clone()];
    while let Some(node) = stack.pop() {
        match node {
            serde_yaml::Value::Mapping(map) => {
                for (key, child) in map {
                    let target = child
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                        .filter(|_| key.as_str() == Some("$ref"));
                    match target {
                        Some(name) => {
                            if keep.insert(name.to_owned()) {
                                stack.push(yaml_schemas[name].clone());
                            }
                        }
                        None => stack.push(child),
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => stack.extend(items),
            _ => {}
        }
    }
    let json = |value: &serde_yaml::Value| serde_json::to_value(value).unwrap();
    let kept: serde_json::Map<String, Value> = keep
        .iter()
        .map(|name| (name.clone(), json(&yaml_schemas[name.as_str()])))
        .collect();
    let schemas = Value::Object(kept.clone());
    let slice = serde_json::json!({
        "openapi": json(&whole["openapi"]),
        "info": json(&whole["info"]),
        "paths": {},
        "webhooks": json(&whole["webhooks"]),
        "components": {"schemas": kept},
    });
    let dir = fixture_crates::root().join("target/openapi31");
    std::fs::create_dir_all(&dir).unwrap();
    let document = dir.join("openai_webhooks.json");
    fixture_crates::write_if_changed(&document, &serde_json::to_string_pretty(&slice).unwrap());
    let (crate_dir, generation) = fixture_crate(&document, "openai_webhooks");
    let events = generation
        .plan
        .webhooks
        .as_ref()
        .and_then(|w| w.events.as_ref())
        .expect("OpenAI's webhooks name their event in `type`");
    assert_eq!(events.property, "type");
    assert_eq!(events.variants.len(), 16);
    // Each payload's example, with the variant its `type` names.
    let mut tests = String::from(
        "use openai_webhooks::{types::WebhookEvent, webhooks};\n\n\
         fn check(json: &str, variant: &str) {\n    \
         let event = webhooks::decode(json.as_bytes()).unwrap_or_else(|e| panic!(\"{variant}: {e}\"));\n    \
         let shown = format!(\"{event:?}\");\n    \
         assert!(shown.starts_with(&format!(\"{variant}(\")), \"{variant}: {shown}\");\n    \
         let back = serde_json::to_value(&event).unwrap();\n    \
         assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap(), \"{variant}\");\n}\n",
    );
    let (mut examples, mut broken) = (0, Vec::new());
    for key in &keep {
        let Some(example) = schemas[key]["x-oaiMeta"]["example"].as_str() else {
            continue;
        };
        let value: Value = match serde_json::from_str(example) {
            Ok(value) => value,
            Err(err) => {
                // Not JSON (a trailing comma): no webhook sends it.
                eprintln!("{key}: its example is not JSON ({err}); left out");
                broken.push(key.clone());
                continue;
            }
        };
        let tag = value["type"].as_str().unwrap();
        let (_, variant) = events
            .variants
            .iter()
            .find(|(v, _)| v == tag)
            .unwrap_or_else(|| panic!("no variant for {tag}"));
        tests.push_str(&format!(
            "\n#[test]\nfn {}() {{\n    check(r#\"{}\"#, \"{variant}\");\n}}\n",
            tag.replace('.', "_"),
            value
        ));
        examples += 1;
    }
    assert_eq!(
        examples + broken.len(),
        16,
        "every webhook payload has an example"
    );
    // The document's own mistake: two examples end an object with a trailing comma.
    assert_eq!(
        broken,
        ["WebhookLiveCallIncoming", "WebhookRealtimeCallIncoming"],
        "examples that are not JSON"
    );
    tests.push_str(
        "\n#[test]\nfn an_event_the_document_does_not_list_is_unknown() {\n    \
         let body = r#\"{\"id\":\"evt_1\",\"type\":\"batch.paused\",\"created_at\":1,\"data\":{\"id\":\"b\"}}\"#;\n    \
         let event = webhooks::decode(body.as_bytes()).unwrap();\n    \
         assert!(matches!(event, WebhookEvent::Unknown(_)), \"{event:?}\");\n    \
         assert_eq!(serde_json::to_value(&event).unwrap(), serde_json::from_str::<serde_json::Value>(body).unwrap());\n}\n",
    );
    fixture_crates::write_if_changed(&crate_dir.join("tests/payloads.rs"), &tests);
    let (ok, shown) = fixture_crates::cargo(&crate_dir, &["test", "--test", "payloads"]);
    assert!(ok, "{shown}");
    let passed = format!("test result: ok. {} passed", examples + 1);
    assert!(shown.contains(&passed), "{shown}");
}

/// A path key that holds a query string (OpenAI's `/responses?beta=true`, the beta twin of
/// `/responses`) is the path without it, and its pairs are query parameters of one value,
/// always sent; an integer enum by `$ref` (Discord's `privacy_level`) keeps its values on the
/// field, so the conformance suite sends one of them.
#[test]
fn a_query_in_a_path_key_is_sent_as_query_and_a_refd_integer_enum_keeps_its_values() {
    let text = r##"openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /responses?beta=true:
    post:
      operationId: betaCreate
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [privacy]
              properties:
                privacy: {$ref: "#/components/schemas/Privacy"}
      responses:
        "200": {description: OK}
components:
  schemas:
    Privacy:
      type: integer
      oneOf:
        - {title: GUILD_ONLY, const: 2}
"##;
    let doc = parse("beta.yaml", text);
    let op = doc.op("betaCreate");
    assert_eq!(op.path.template, "/responses");
    let beta = &op.params[0];
    assert_eq!(beta.field.name.wire, "beta");
    assert_eq!(beta.field.required, generator::ir::Presence::Required);
    // It takes that one value: an enum of it.
    let generator::ir::Type::Enum { values, .. } = &beta.field.ty else {
        panic!("{:?}", beta.field.ty)
    };
    let values: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    assert_eq!(values, ["true"]);
    let (message, _) = doc.warning_at("#/paths/~1responses?beta=true");
    assert!(message.contains("query string"), "{message}");
    let Some(body) = &op.body else { panic!() };
    let privacy = &fields(&body.ty)[0];
    assert!(
        facts(privacy).contains(&&FactKind::AllowedValues(vec!["2".into()])),
        "{:?}",
        privacy.facts
    );
}
