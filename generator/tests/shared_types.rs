//! A folder of pages is one API: identical shapes become one named type, named after the
//! resource, whatever the order of the pages; shapes that differ stay apart with a note naming
//! the first member that tells them apart; the types come out as the document the pages were
//! rendered from has them.

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pages.rs"]
mod pages;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use generator::diag::Diagnostic;
use generator::frontend::{self, Source};
use generator::ir::{Api, Field, Operation, Type};

fn spec_pages() -> Vec<Source> {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    frontend::read_inputs(&[spec]).expect("spec/ reads")
}

fn parse(sources: &[Source]) -> (Api, Vec<Diagnostic>) {
    let parsed = frontend::parse_sources(sources);
    let api = parsed
        .api
        .unwrap_or_else(|| panic!("{:#?}", parsed.diagnostics));
    (api, parsed.diagnostics)
}

fn op<'a>(api: &'a Api, rust: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.name.rust == rust)
        .unwrap_or_else(|| panic!("no operation {rust}"))
}

fn answer(op: &Operation) -> &Type {
    &op.responses[0].body.as_ref().expect("a body").ty
}

fn member<'a>(ty: &'a Type, api: &'a Api, wire: &str) -> &'a Field {
    let Type::Object { fields, .. } = pages::resolve(&api.types, ty) else {
        panic!("not an object: {ty:?}")
    };
    fields
        .iter()
        .find(|f| f.name.wire == wire)
        .unwrap_or_else(|| panic!("no member {wire}"))
}

fn named(name: &str) -> Type {
    Type::Named { name: name.into() }
}

#[test]
fn spec_has_one_room_for_create_fetch_update_and_list() {
    let (api, _) = parse(&spec_pages());
    for rust in ["create_room", "fetch_room", "update_room"] {
        assert_eq!(answer(op(&api, rust)), &named("Room"), "{rust}");
    }
    let list = op(&api, "list_rooms");
    let rooms = member(answer(list), &api, "rooms");
    assert_eq!(
        rooms.ty,
        Type::Array {
            items: Box::new(named("Room"))
        }
    );
    let participants = op(&api, "list_room_participants");
    let items = member(answer(participants), &api, "participants");
    assert_eq!(
        items.ty,
        Type::Array {
            items: Box::new(named("Participant"))
        }
    );
    assert_eq!(
        answer(op(&api, "fetch_room_participant")),
        &named("Participant")
    );
    // Both lists' `meta` are one shape too.
    assert_eq!(member(answer(list), &api, "meta").ty, named("Meta"));
    assert_eq!(member(answer(participants), &api, "meta").ty, named("Meta"));
    let names: Vec<&str> = api.types.iter().map(|t| t.name.rust.as_str()).collect();
    assert_eq!(names, ["Meta", "Participant", "Room"]);
    let room = api.types.iter().find(|t| t.name.rust == "Room").unwrap();
    assert_eq!(
        room.description,
        "The shape `create_room`, `fetch_room`, `list_rooms` and `update_room` share."
    );
}

#[test]
fn the_shared_types_do_not_depend_on_the_order_of_the_pages() {
    let sources = spec_pages();
    let (forward, _) = parse(&sources);
    let mut reversed = sources.clone();
    reversed.reverse();
    let (backward, _) = parse(&reversed);
    assert_eq!(
        serde_json::to_value(&forward).unwrap(),
        serde_json::to_value(&backward).unwrap()
    );
}

/// `spec/` with one member of fetch_room's answer made nullable: a room no longer like the
/// others.
fn fetch_room_apart() -> Vec<Source> {
    let mut sources = spec_pages();
    let fetch = sources
        .iter_mut()
        .find(|s| s.name.ends_with("fetch_room.md"))
        .expect("spec/fetch_room.md");
    fetch.text = fetch.text.replace(
        "- **max_participants** (integer)",
        "- **max_participants** (integer | null)",
    );
    sources
}

#[test]
fn a_near_identical_shape_stays_apart_and_a_note_says_why() {
    let (api, diagnostics) = parse(&fetch_room_apart());
    let Type::Object { name, .. } = answer(op(&api, "fetch_room")) else {
        panic!("fetch_room's answer is its own object")
    };
    assert_eq!(name, "FetchRoomResponse");
    assert_eq!(answer(op(&api, "create_room")), &named("Room"));
    let notes: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| !d.is_error() && !d.is_warning())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].file.ends_with("fetch_room.md"), "{notes:#?}");
    assert_eq!(
        notes[0].message,
        "`FetchRoomResponse` is not the shared type `Room`: its member `max_participants` is \
         `integer | null` where the shared type's is `integer`"
    );
    // A note is no warning: `--deny-warnings` does not refuse the pages.
    assert!(!generator::has_warnings(&diagnostics));
}

/// The types one side has at each place the other names a type, by the document's name.
fn pair(doc: &Api, page: &Api, a: &Type, b: &Type, seen: &mut BTreeMap<String, BTreeSet<String>>) {
    let object = matches!(pages::resolve(&doc.types, a), Type::Object { .. });
    if let (Type::Named { name }, true) = (a, object) {
        let page_name = match b {
            Type::Named { name } => name.clone(),
            Type::Object { name, .. } => format!("inline {name}"),
            other => format!("{other:?}"),
        };
        if !seen.entry(name.clone()).or_default().insert(page_name) {
            return;
        }
    }
    match (
        pages::resolve(&doc.types, a),
        pages::resolve(&page.types, b),
    ) {
        (Type::Object { fields: fa, .. }, Type::Object { fields: fb, .. }) => {
            let wires = |fields: &[Field]| -> Vec<(String, bool)> {
                fields
                    .iter()
                    .map(|f| (f.name.wire.clone(), f.nullable))
                    .collect()
            };
            assert_eq!(wires(fa), wires(fb));
            for (x, y) in fa.iter().zip(fb) {
                pair(doc, page, &x.ty, &y.ty, seen);
            }
        }
        (Type::Array { items: x }, Type::Array { items: y }) => pair(doc, page, x, y, seen),
        // Pages write an enum as the string it is.
        (Type::Enum { .. }, Type::String { .. }) => {}
        (x, y) => assert_eq!(
            std::mem::discriminant(x),
            std::mem::discriminant(y),
            "{x:?} vs {y:?}"
        ),
    }
}

/// Renders every operation of a document as pages, reads them as one folder, and returns, for
/// each of the document's named types, the page types found where it is used.
fn page_types_by_schema(file: &str, text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let doc = frontend::parse_sources(&[Source {
        name: file.into(),
        text: text.into(),
    }])
    .api
    .expect("the document reads");
    let sources: Vec<Source> = doc
        .operations
        .iter()
        .map(|op| Source {
            name: format!("pages/{}.md", op.name.rust),
            text: pages::multi_line(&doc, op),
        })
        .collect();
    let (page, _) = parse(&sources);
    let mut seen = BTreeMap::new();
    for op in &doc.operations {
        let page_op = page
            .operations
            .iter()
            .find(|p| p.method == op.method && p.path.template == op.path.template)
            .expect("the page of the operation");
        for (a, b) in op.responses.iter().zip(&page_op.responses) {
            if let (Some(a), Some(b)) = (&a.body, &b.body) {
                pair(&doc, &page, &a.ty, &b.ty, &mut seen);
            }
        }
    }
    seen
}

#[test]
fn pages_of_a_document_unify_where_it_has_one_schema() {
    let text = include_str!("fixtures/shared/rooms.yaml");
    let seen = page_types_by_schema("rooms.yaml", text);
    let expect = |schema: &str, page: &str| {
        assert_eq!(
            seen[schema],
            BTreeSet::from([page.to_owned()]),
            "{schema}: {seen:#?}"
        );
    };
    expect("Room", "Room");
    expect("Participant", "Participant");
    expect("Meta", "Meta");
}

#[test]
fn pages_of_twilios_video_api_unify_where_its_document_has_one_schema() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/twilio-oai/twilio_video_v1.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} cannot be read", path.display());
        return;
    };
    let seen = page_types_by_schema("twilio_video_v1.yaml", &text);
    let mut split = Vec::new();
    for (schema, page_types) in &seen {
        if page_types.len() > 1 {
            split.push(format!("{schema}: {page_types:?}"));
        }
    }
    eprintln!(
        "{} schemas, {} used in more than one page type",
        seen.len(),
        split.len()
    );
    assert!(split.is_empty(), "{split:#?}");
    assert_eq!(seen["VideoV1Room"], BTreeSet::from(["Room".to_owned()]));
}

#[test]
fn the_change_report_reads_a_merge_as_a_rename() {
    let (old, new) = (fetch_room_apart(), spec_pages());
    let report = generator::diff::compare(&parse(&old).0, &parse(&new).0).text();
    assert!(
        report.contains(
            "breaking: FetchRoom: response 200 body type renamed `FetchRoomResponse` -> `Room` [rule type-renamed"
        ),
        "{report}"
    );
    // Its members are compared as the same type's: one changed, none removed or added.
    assert!(
        report.contains("field `max_participants` became non-nullable"),
        "{report}"
    );
    for rule in [
        "type-removed",
        "field-removed",
        "type-added",
        "response-field-added",
    ] {
        assert!(!report.contains(rule), "{report}");
    }
    assert!(
        report.ends_with("API changes: 2 breaking, 0 compatible\n"),
        "{report}"
    );
}

#[test]
fn generator_ir_says_why_a_shape_is_not_shared_and_deny_warnings_lets_it_pass() {
    let dir = tempfile::tempdir().unwrap();
    for source in fetch_room_apart() {
        let file = source.name.rsplit('/').next().unwrap().to_owned();
        std::fs::write(dir.path().join(file), source.text).unwrap();
    }
    let output = binary::generator(&["ir", ".", "--deny-warnings"], dir.path());
    let stderr = binary::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "note: `FetchRoomResponse` is not the shared type `Room`: its member `max_participants`"
        ),
        "{stderr}"
    );
    let ir: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let types: Vec<&str> = ir["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"]["rust"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Meta", "Participant", "Room"]);
}
