//! The plan: golden snapshots of the fixtures' plans (reviewed in diffs like any golden file),
//! the decisions it makes for bodies and parameters, and the boundary it draws (the emitter
//! and the change report never see IR types).

use std::path::{Path, PathBuf};

use generator::plan::{self, Body, Encoding, Place, Plan, Scalar};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn plan_of(inputs: &[&str]) -> Plan {
    let inputs: Vec<PathBuf> = inputs.iter().map(|i| root().join(i)).collect();
    let (api, ..) = generator::read_api(&inputs).unwrap_or_else(|f| panic!("{}", f.render()));
    plan::build(&api)
}

/// Each fixture's plan is its golden file; `UPDATE_PLANS=1 cargo test --test plan` rewrites
/// them after a reviewed change.
#[test]
fn the_fixtures_plans_match_their_snapshots() {
    let fixtures = [
        ("seed", &["../spec"][..]),
        ("pages", &["tests/fixtures/api"][..]),
        (
            "create_room",
            &["tests/fixtures/openapi/create_room.yaml"][..],
        ),
        ("shapes", &["tests/fixtures/shapes/shapes.yaml"][..]),
        ("features", &["tests/fixtures/openapi/features.yaml"][..]),
    ];
    let mut stale = Vec::new();
    for (name, inputs) in fixtures {
        let json = serde_json::to_string_pretty(&plan_of(inputs)).unwrap() + "\n";
        let path = root().join(format!("tests/fixtures/plans/{name}.json"));
        if std::env::var_os("UPDATE_PLANS").is_some() {
            std::fs::write(&path, &json).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "plans changed (review, then UPDATE_PLANS=1): {stale:?}"
    );
}

#[test]
fn a_plan_round_trips_through_its_json() {
    let plan = plan_of(&["tests/fixtures/shapes/shapes.yaml"]);
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
}

/// Twilio's pages are forms; an `application/json` body is JSON, member by member, in the same
/// request struct; query arrays follow `explode`.
#[test]
fn bodies_and_parameters_get_their_place_and_encoding() {
    let seed = plan_of(&["../spec"]);
    let (_, create) = seed
        .operations()
        .find(|(_, op)| op.id == "CreateRoom")
        .unwrap();
    assert!(
        matches!(&create.body, Body::Form { content_type } if content_type == "application/x-www-form-urlencoded")
    );
    let members = &create.request.as_ref().unwrap().members;
    let codecs = members.iter().find(|m| m.wire == "VideoCodecs").unwrap();
    assert_eq!(codecs.place, Place::Form);
    assert_eq!(codecs.encoding, Encoding::Repeated { item: Scalar::Str });

    let shapes = plan_of(&["tests/fixtures/shapes/shapes.yaml"]);
    let (_, create) = shapes
        .operations()
        .find(|(_, op)| op.request.is_some() && matches!(op.body, Body::Json { .. }))
        .expect("the shapes document has a JSON body");
    let members = &create.request.as_ref().unwrap().members;
    assert!(
        members
            .iter()
            .filter(|m| !matches!(m.place, Place::Path | Place::Query | Place::Header))
            .all(|m| m.place == Place::JsonMember && m.encoding == Encoding::Json),
        "{members:#?}"
    );
}

/// `emit/` prints a plan and `diff/` compares two: neither may read an IR type.
#[test]
fn the_emitter_and_the_change_report_never_see_ir_types() {
    let mut offenders = Vec::new();
    for dir in ["src/emit", "src/diff"] {
        let mut stack = vec![root().join(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let imports_ir_type = text.lines().any(|line| {
                let line = line.trim();
                line.contains("ir::Type")
                    || (line.starts_with("use crate::ir::") && line.contains("Type"))
                    || (dir == "src/emit" && line.contains("crate::ir"))
            });
            if imports_ir_type {
                offenders.push(path.display().to_string());
            }
        }
    }
    assert!(offenders.is_empty(), "IR types seen in {offenders:?}");
}
