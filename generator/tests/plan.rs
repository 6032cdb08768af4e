//! The plan: golden snapshots of the fixtures' plans (reviewed in diffs like any golden file),
//! the decisions it makes for bodies and parameters, and the boundary it draws (the emitter
//! and the change report never see IR types); and the size of the modules either side of it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use generator::plan::{self, Body, Encoding, Place, Plan, Scalar};

#[path = "plan/matches.rs"]
mod matches;
#[path = "plan/variants.rs"]
mod variants;

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
        ("servers", &["tests/fixtures/promises/servers.yaml"][..]),
        ("streams", &["tests/fixtures/promises/streams.yaml"][..]),
        ("keywords", &["tests/fixtures/openapi31/keywords.yaml"][..]),
        ("bodies", &["tests/fixtures/promises/bodies.yaml"][..]),
    ];
    let mut stale = Vec::new();
    for (name, inputs) in fixtures {
        // Sources are absolute paths; the snapshot holds them relative to the crate, so it
        // matches in any checkout.
        let json = (serde_json::to_string_pretty(&plan_of(inputs)).unwrap() + "\n")
            .replace(&format!("{}/", root().display()), "");
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

/// Small modules with one job: no module of the generator, of the runtime it copies into every
/// crate or of `xtask` is over 600 lines (a module's tests, in a file of their own, count apart).
#[test]
fn no_module_is_over_600_lines() {
    let mut long = Vec::new();
    let mut stack = vec![
        root().join("src"),
        root().join("templates"),
        root().join("../xtask/src"),
    ];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let lines = std::fs::read_to_string(&path).unwrap().lines().count();
            if lines > 600 {
                long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    long.sort();
    assert!(long.is_empty(), "split along their seams: {long:?}");
}

/// A public document of `../shared/corpus/realworld` (none on a fresh clone without it).
fn realworld(document: &str) -> Option<Plan> {
    let path = root().join("../../shared/corpus/realworld").join(document);
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    }
    let (api, ..) = generator::read_api(&[path]).unwrap_or_else(|f| panic!("{}", f.render()));
    Some(plan::build(&api))
}

/// Documents no one here wrote: Petstore's and GitHub's JSON bodies are JSON (GitHub's
/// non-object ones whole, its `text/plain` body raw text with `text/x-markdown` as the other
/// body), Stripe's form bodies stay forms with their `encoding` map and query filters as
/// deepObject, Box's upload is multipart and its upload part raw bytes.
#[test]
fn public_documents_bodies_go_where_their_media_types_say() {
    if let Some(petstore) = realworld("petstore-expanded.yaml") {
        let (_, add_pet) = petstore
            .operations()
            .find(|(_, op)| op.id == "addPet")
            .unwrap();
        assert!(
            matches!(&add_pet.body, Body::Json { content_type } if content_type == "application/json")
        );
        let members = &add_pet.request.as_ref().unwrap().members;
        let wire: Vec<(&str, Place)> = members.iter().map(|m| (m.wire.as_str(), m.place)).collect();
        assert_eq!(
            wire,
            [("name", Place::JsonMember), ("tag", Place::JsonMember)]
        );
    }
    if let Some(github) = realworld("github.json") {
        let bodies: Vec<_> = github
            .operations()
            .filter_map(|(_, op)| op.request.as_ref().map(|r| (&op.body, r)))
            .collect();
        let json = bodies
            .iter()
            .filter(|(b, _)| matches!(b, Body::Json { .. }))
            .count();
        let forms = bodies
            .iter()
            .filter(|(b, _)| matches!(b, Body::Form { .. }))
            .count();
        let whole = bodies
            .iter()
            .filter(|(_, r)| r.members.iter().any(|m| m.place == Place::JsonBody))
            .count();
        assert!(json > 140, "{json} JSON bodies");
        assert_eq!(forms, 0, "GitHub documents no form bodies");
        assert!(whole > 0, "GitHub has JSON bodies that are not objects");
    }
    if let Some(stripe) = realworld("stripe.yaml") {
        let (_, create) = stripe
            .operations()
            .find(|(_, op)| op.path_template == "/v1/customers" && op.http_method == "POST")
            .unwrap();
        assert!(
            matches!(&create.body, Body::Form { .. }),
            "{:?}",
            create.body
        );
        // Its `encoding` map: nested objects, hashes and `expand` as deepObject.
        let members = &create.request.as_ref().unwrap().members;
        let encoding = |wire: &str| &members.iter().find(|m| m.wire == wire).unwrap().encoding;
        for wire in [
            "address",
            "metadata",
            "expand",
            "tax_id_data",
            "invoice_settings",
        ] {
            assert_eq!(encoding(wire), &Encoding::DeepObject, "{wire}");
        }
        assert!(matches!(encoding("email"), Encoding::Scalar { .. }));
        // Its list filters: `created[gte]=...` in the query.
        let (_, list) = stripe
            .operations()
            .find(|(_, op)| op.path_template == "/v1/customers" && op.http_method == "GET")
            .unwrap();
        // Its GETs document an empty form (`properties: {}`): no body to send.
        assert_eq!(list.body, Body::None);
        let list_members = &list.request.as_ref().unwrap().members;
        assert!(list_members.iter().all(|m| m.place == Place::Query));
        let created = list_members.iter().find(|m| m.wire == "created");
        assert_eq!(
            created.map(|m| (&m.encoding, m.place)),
            Some((&Encoding::DeepObject, Place::Query))
        );
    }
    if let Some(github) = realworld("github.json") {
        let (_, raw) = github
            .operations()
            .find(|(_, op)| op.path_template == "/markdown/raw")
            .unwrap();
        assert!(matches!(&raw.body, Body::Raw { content_type } if content_type == "text/plain"));
        let request = raw.request.as_ref().unwrap();
        assert_eq!(request.members[0].place, Place::RawBody);
        let other = request
            .other_body
            .as_ref()
            .expect("text/x-markdown is offered too");
        assert_eq!(other.media_types, ["text/x-markdown"]);
    }
    if let Some(box_api) = realworld("box.json") {
        let find = |method: &str, path: &str| {
            box_api
                .operations()
                .find(|(_, op)| op.path_template == path && op.http_method == method)
                .map(|(_, op)| op)
                .unwrap()
        };
        let upload = find("POST", "/files/content");
        assert!(
            matches!(&upload.body, Body::Multipart { .. }),
            "{:?}",
            upload.body
        );
        let parts: Vec<(&str, &Encoding)> = upload
            .request
            .as_ref()
            .unwrap()
            .members
            .iter()
            .filter(|m| m.place == Place::Part)
            .map(|m| (m.wire.as_str(), &m.encoding))
            .collect();
        assert_eq!(
            parts,
            [("attributes", &Encoding::Json), ("file", &Encoding::Upload)],
            "the attributes part before the file, as Box requires"
        );
        let part = find("PUT", "/files/upload_sessions/{upload_session_id}");
        assert!(
            matches!(&part.body, Body::Raw { content_type } if content_type == "application/octet-stream")
        );
        // A path's fragment is not sent: `/files/{file_id}#get_shared_link` goes to the path.
        assert!(
            box_api
                .operations()
                .all(|(_, op)| !op.path_template.contains('#'))
        );
        let shared_link = box_api
            .operations()
            .find(|(_, op)| op.id == "get_files_id#get_shared_link")
            .map(|(_, op)| op.path_template.as_str());
        assert_eq!(shared_link, Some("/files/{file_id}"));
        // `required` beside `allOf` (`FileRequestCopyRequest`) binds the merged `folder`.
        let copy = find("POST", "/file_requests/{file_request_id}/copy");
        let folder = copy
            .request
            .as_ref()
            .unwrap()
            .members
            .iter()
            .find(|m| m.wire == "folder");
        assert!(folder.is_some_and(|m| m.required), "{folder:?}");
        // Unset optional fields of sent structs are left out, not written as `null`.
        let Some(plan::Item {
            kind: plan::ItemKind::Struct { fields },
            ..
        }) = box_api.item(None, "FileRequestUpdateRequest")
        else {
            panic!("FileRequestUpdateRequest is a struct");
        };
        assert!(
            fields.iter().all(|f| f.omit_none == f.optional),
            "{fields:#?}"
        );
    }
    if let Some(openai) = realworld("openai-3.0.yaml") {
        // Speech comes back as a download the caller streams, not thrown away.
        let find = |id: &str| {
            let found = openai.operations().find(|(_, op)| op.id == id);
            found.map(|(_, op)| op).unwrap()
        };
        let speech = find("createSpeech");
        assert_eq!(speech.success.decoder, plan::Decoder::Download);
        assert_eq!(speech.success.body, plan::Ty::Download);
        // A chat completion is JSON, or with `stream: true` Server-Sent Events: a second
        // method gives the chunks.
        let chat = find("createChatCompletion");
        assert_eq!(chat.success.decoder, plan::Decoder::Json);
        let named = |name: &str| plan::Ty::Named {
            name: name.into(),
            module: None,
        };
        assert_eq!(chat.success.body, named("CreateChatCompletionResponse"));
        let events = chat.events.as_ref().expect("an events method");
        assert_eq!(events.method, "create_chat_completion_events");
        assert_eq!(events.item, named("CreateChatCompletionStreamResponse"));
    }
}

/// The request-id header and error members: documented, else Twilio's on Twilio's hosts, else
/// the common `X-Request-Id`.
#[test]
fn the_apis_conventions_come_from_its_document_and_host() {
    let seed = plan_of(&["../spec"]).client.conventions;
    assert_eq!(seed.request_id_header.as_deref(), Some("Twilio-Request-Id"));
    assert_eq!(seed.error_more_info.as_deref(), Some("more_info"));
    let shapes = plan_of(&["tests/fixtures/shapes/shapes.yaml"])
        .client
        .conventions;
    assert_eq!(shapes.request_id_header.as_deref(), Some("X-Request-Id"));
    assert_eq!(shapes.error_message.as_deref(), Some("message"));
    assert_eq!(shapes.error_more_info, None, "`more_info` is Twilio's");

    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("pets.yaml");
    std::fs::write(
        &document,
        "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\nservers: [{url: 'https://pets.example.com'}]\n\
         paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n\
         \x20         description: OK\n          headers:\n            Request-Id: {schema: {type: string}}\n",
    )
    .unwrap();
    let (api, ..) = generator::read_api(&[document]).unwrap_or_else(|f| panic!("{}", f.render()));
    let pets = plan::build(&api).client.conventions;
    assert_eq!(pets.request_id_header.as_deref(), Some("Request-Id"));
}

/// Every answer's example gets a test, an inline error object's too (its type is generated for
/// the operation's error enum), and each test names a type the crate defines.
#[test]
fn examples_of_every_answer_name_types_the_crate_defines() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("limits.yaml");
    std::fs::write(
        &document,
        "openapi: 3.0.3\ninfo: {title: Limits, version: '1'}\npaths:\n  /things:\n    get:\n\
         \x20     operationId: listThings\n      responses:\n        '200':\n          description: OK\n\
         \x20         content:\n            application/json:\n              schema:\n\
         \x20               type: object\n                properties: {count: {type: integer}}\n\
         \x20             example: {count: 1}\n        '429':\n          description: Slow down\n\
         \x20         content:\n            application/json:\n              schema:\n\
         \x20               type: object\n                properties: {wait: {type: integer}}\n\
         \x20             example: {wait: 5}\n",
    )
    .unwrap();
    let (api, ..) = generator::read_api(&[document]).unwrap_or_else(|f| panic!("{}", f.render()));
    let plan = plan::build(&api);
    let tests: Vec<(&str, &str)> = plan
        .examples
        .iter()
        .map(|t| (t.name.as_str(), t.type_name.as_str()))
        .collect();
    assert_eq!(tests.len(), 2, "{tests:?}");
    assert!(tests[0].0.contains("200"), "{tests:?}");
    assert_eq!(
        tests[1],
        ("list_things_429_example", "ListThingsResponse429")
    );
    for test in &plan.examples {
        let module = test.module.as_deref().unwrap();
        assert!(
            plan.item(Some(module), &test.type_name).is_some(),
            "{test:?}"
        );
    }
}

/// `readOnly` members are not sent; a member that travels one way only is never required in
/// the struct answers and requests share.
#[test]
fn read_only_members_are_not_sent_and_one_way_members_are_optional() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users.yaml");
    std::fs::write(
        &path,
        "openapi: 3.0.3\ninfo:\n  title: Users\n  version: \"1\"\npaths:\n  /users:\n    post:\n      \
         operationId: createUser\n      requestBody:\n        content:\n          application/json:\n            \
         schema:\n              $ref: '#/components/schemas/User'\n      responses:\n        \"201\":\n          \
         description: Created\n          content:\n            application/json:\n              schema:\n                \
         $ref: '#/components/schemas/User'\ncomponents:\n  schemas:\n    User:\n      type: object\n      \
         required: [id, password, name]\n      properties:\n        id:\n          type: string\n          \
         readOnly: true\n        password:\n          type: string\n          writeOnly: true\n        \
         name:\n          type: string\n",
    )
    .unwrap();
    let (api, ..) = generator::read_api(&[path]).unwrap_or_else(|f| panic!("{}", f.render()));
    let plan = plan::build(&api);
    let (_, create) = plan.operations().next().unwrap();
    let sent: Vec<(&str, bool)> = create
        .request
        .as_ref()
        .unwrap()
        .members
        .iter()
        .map(|m| (m.wire.as_str(), m.required))
        .collect();
    assert_eq!(sent, [("password", true), ("name", true)]);
    let user = plan.types.iter().find(|i| i.name == "User").unwrap();
    let plan::ItemKind::Struct { fields } = &user.kind else {
        panic!("{user:?}")
    };
    let optional: Vec<(&str, bool)> = fields
        .iter()
        .map(|f| (f.wire.as_str(), f.optional))
        .collect();
    assert_eq!(
        optional,
        [("id", true), ("password", true), ("name", false)]
    );
    assert!(fields[0].docs.iter().any(|d| d.starts_with("Read-only")));
}

/// Each server variable is one `ClientBuilder` method, claimed after the builder's own
/// (`timeout` -> `timeout_2`, a keyword escaped), typed by a `types` enum when the document lists
/// values; a variable the URL names but `variables` does not declare has no default; an
/// operation documented with another server keeps it.
#[test]
fn server_variables_become_builder_methods_and_operations_keep_their_servers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("served.yaml");
    std::fs::write(
        &path,
        "openapi: 3.0.3\ninfo: {title: Served, version: '1'}\n\
         servers:\n  - url: 'https://{type}.example.com/{timeout}/{tenant}'\n    variables:\n\
         \x20     type: {default: a, enum: [a, b]}\n      timeout: {default: '30'}\n\
         paths:\n  /x:\n    get:\n      operationId: GetX\n\
         \x20     servers: [{url: 'https://files.example.com'}]\n\
         \x20     responses: {'204': {description: none}}\n\
         \x20 /y:\n    get:\n      operationId: GetY\n      responses: {'204': {description: none}}\n\
         \x20 /z:\n    get:\n      operationId: GetZ\n      responses: {'204': {description: none}}\n",
    )
    .unwrap();
    let (api, warnings, _) =
        generator::read_api(&[path]).unwrap_or_else(|f| panic!("{}", f.render()));
    let plan = plan::build(&api);
    let variables: Vec<_> = plan
        .client
        .variables
        .iter()
        .map(|v| {
            (
                v.wire.as_str(),
                v.setter.as_str(),
                v.enumeration.as_deref(),
                v.default.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        variables,
        [
            ("type", "r#type", Some("ServerType"), Some("a")),
            ("timeout", "timeout_2", None, Some("30")),
            ("tenant", "tenant", None, None),
        ]
    );
    assert!(plan.client.variables[2].required());
    assert!(
        plan.types
            .iter()
            .any(|t| t.name == "ServerType" && t.cfg.is_empty())
    );
    assert_eq!(
        plan.client.default_base_url,
        "https://a.example.com/30/{tenant}"
    );
    assert!(
        warnings.iter().any(|w| w
            .message
            .contains("`{tenant}`, which `variables` does not declare")),
        "{warnings:?}"
    );
    let own: Vec<_> = plan
        .client
        .operation_servers
        .iter()
        .map(|(op, server)| (op.as_str(), server.url.as_str()))
        .collect();
    // `get_x` sorts first, but most operations go to the document's server: the default.
    assert_eq!(own, [("get_x", "https://files.example.com")]);
    assert_eq!(
        plan.client.server.url,
        "https://{type}.example.com/{timeout}/{tenant}"
    );

    if let Some(github) = realworld("github.json") {
        let own: Vec<_> = github
            .client
            .operation_servers
            .iter()
            .map(|(op, server)| (op.as_str(), server.url.as_str()))
            .collect();
        assert_eq!(own, [("repos_upload_release_asset", "{origin}")]);
        assert_eq!(github.client.variables[0].setter, "origin");
        assert_eq!(
            github.client.variables[0].default.as_deref(),
            Some("https://uploads.github.com")
        );
    }
    if let Some(box_api) = realworld("box.json") {
        assert_eq!(box_api.client.default_base_url, "https://api.box.com/2.0");
        assert_eq!(box_api.client.variables[0].setter, "box_upload_server");
        assert!(box_api.client.operation_servers.len() > 10);
    }
}

/// The error enum of `op` (through the alias of a shared one), with each variant and the type
/// of its JSON body (`-` for none).
fn error_arms(plan: &plan::Plan, op: &plan::Operation) -> Vec<(String, String)> {
    let name = op.errors.as_deref().expect("documented error bodies");
    let mut item = op.response_items.iter().find(|i| i.name == name).unwrap();
    if let plan::ItemKind::Alias {
        ty: plan::Ty::Named { name, module: None },
    } = &item.kind
    {
        item = plan.item(None, name).unwrap();
    }
    let plan::ItemKind::ByStatus { arms, .. } = &item.kind else {
        panic!("{item:?}")
    };
    arms.iter()
        .map(|arm| {
            let body = match &arm.body {
                plan::ArmBody::Json(ty) => ty.text(),
                other => format!("{other:?}"),
            };
            (arm.variant.clone(), body)
        })
        .collect()
}

/// Stripe's document, which no one here wrote, repeats the same enums in its schemas' parts
/// (the merchant categories six times) and documents `default` alone as every operation's
/// error: each is defined once, and the places alias it.
#[test]
fn stripes_repeated_schema_enums_and_error_enums_are_defined_once() {
    let Some(stripe) = realworld("stripe.yaml") else {
        return;
    };
    let target = |module: Option<&str>, name: &str| -> String {
        match &stripe.item(module, name).unwrap().kind {
            plan::ItemKind::Alias {
                ty: plan::Ty::Named { name, module: None },
            } => name.clone(),
            other => panic!("{name}: {other:?}"),
        }
    };
    let categories = [
        "IssuingCardAuthorizationControlsAllowedCategoriesItem",
        "IssuingCardAuthorizationControlsBlockedCategoriesItem",
        "IssuingCardSpendingLimitCategoriesItem",
    ];
    let shared: BTreeSet<String> = categories.iter().map(|c| target(None, c)).collect();
    assert_eq!(shared.len(), 1, "{shared:?}");
    let definition = stripe.item(None, shared.first().unwrap()).unwrap();
    let plan::ItemKind::Enum { values, .. } = &definition.kind else {
        panic!("{definition:?}")
    };
    assert_eq!(values.len(), 295);
    let errors: BTreeSet<String> = stripe
        .modules
        .iter()
        .flat_map(|m| m.operations.iter().map(move |op| (m, op)))
        .map(|(m, op)| target(Some(&m.name), op.errors.as_deref().unwrap()))
        .collect();
    assert_eq!(errors, BTreeSet::from(["DefaultError".to_owned()]));
}

/// Documents no one here wrote: every documented error body is typed, by status, where most
/// APIs put it (Stripe's and Petstore's `default`); GitHub's create-deployment answers 201 or
/// 202 with different bodies, an enum.
#[test]
fn public_documents_answers_are_typed_by_status() {
    if let Some(petstore) = realworld("petstore-expanded.yaml") {
        let (_, find) = petstore
            .operations()
            .find(|(_, op)| op.id == "find pet by id")
            .unwrap();
        assert_eq!(
            error_arms(&petstore, find),
            [("Default".into(), "Error".into())]
        );
    }
    if let Some(stripe) = realworld("stripe.yaml") {
        let (_, create) = stripe
            .operations()
            .find(|(_, op)| op.path_template == "/v1/customers" && op.http_method == "POST")
            .unwrap();
        assert_eq!(
            error_arms(&stripe, create),
            [("Default".into(), "Error".into())]
        );
        let typed = stripe
            .operations()
            .filter(|(_, op)| op.errors.is_some())
            .count();
        assert_eq!(
            typed,
            stripe.operations().count(),
            "every Stripe error is `default`"
        );
    }
    if let Some(github) = realworld("github.json") {
        let (_, deploy) = github
            .operations()
            .find(|(_, op)| op.id == "repos/create-deployment")
            .unwrap();
        assert_eq!(deploy.success.decoder, plan::Decoder::ByStatus);
        let plan::Ty::Named { name, .. } = &deploy.success.body else {
            panic!("{:?}", deploy.success.body)
        };
        let item = deploy
            .response_items
            .iter()
            .find(|i| &i.name == name)
            .unwrap();
        let plan::ItemKind::ByStatus { arms, other } = &item.kind else {
            panic!("{item:?}")
        };
        let variants: Vec<&str> = arms.iter().map(|a| a.variant.as_str()).collect();
        assert_eq!(variants, ["Status201", "Status202"]);
        assert_eq!(
            arms[0].body,
            plan::ArmBody::Json(plan::Ty::Named {
                name: "Deployment".into(),
                module: None
            })
        );
        assert!(other.is_none(), "an undocumented 2xx is a decode error");
        let typed = github
            .operations()
            .filter(|(_, op)| op.errors.is_some())
            .count();
        assert!(typed > 300, "{typed} GitHub operations with typed errors");
    }
}

/// Box's 20 schemas of `type: object` beside `oneOf` (its `Item`: a file, folder or web link)
/// are unions, not objects without members.
#[test]
fn boxs_objects_beside_one_of_are_unions() {
    let Some(plan) = realworld("box.json") else {
        return;
    };
    for name in ["SkillCard", "Item", "CollaborationItem", "AiAgent"] {
        let item = plan.types.iter().find(|i| i.name == name).unwrap();
        assert!(
            matches!(
                item.kind,
                plan::ItemKind::Untagged { .. }
                    | plan::ItemKind::Tagged { .. }
                    | plan::ItemKind::Union { .. }
            ),
            "{name}: {:?}",
            item.kind
        );
    }
}

/// A description that only repeats the summary (as Stripe's `<p>Retrieves a Customer
/// object.</p>` does) is said once in the method's docs.
#[test]
fn a_description_that_repeats_the_summary_is_said_once() {
    let text = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      \
                operationId: getA\n      summary: Gets an A.\n      description: Gets an A.\n      \
                responses:\n        '204': {description: Done}\n  /b:\n    get:\n      \
                operationId: getB\n      summary: Gets a B.\n      description: Gets a B, \
                with more.\n      responses:\n        '204': {description: Done}\n";
    let parsed = generator::frontend::parse_sources(&[generator::frontend::Source {
        name: "doc.yaml".into(),
        text: text.into(),
    }]);
    let plan = plan::build(&parsed.api.expect("the document reads"));
    let description = |id: &str| {
        plan.modules
            .iter()
            .flat_map(|m| &m.operations)
            .find(|op| op.id == id)
            .map(|op| op.description.clone())
            .expect(id)
    };
    assert_eq!(description("getA"), "");
    assert_eq!(description("getB"), "Gets a B, with more.");
}

/// A file documented beside a JSON string (OpenAI's skill and video downloads:
/// `application/zip` binary and `application/json: {type: string}`) is a download; beside a
/// JSON object, the JSON is still the answer. Without the rule, the first is a `String` read
/// as JSON, which a zip is not.
#[test]
fn a_file_documented_beside_a_json_string_is_a_download() {
    let document = |json: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /files/{{id}}/content:\n    \
             get:\n      operationId: getContent\n      parameters:\n        - {{name: id, in: path, \
             required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          \
             description: OK\n          content:\n            application/zip:\n              \
             schema: {{type: string, format: binary}}\n            application/json:\n              \
             schema: {json}\n"
        )
    };
    let decoder = |json: &str| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("files.yaml");
        std::fs::write(&path, document(json)).unwrap();
        let (api, ..) = generator::read_api(&[path]).unwrap_or_else(|f| panic!("{}", f.render()));
        let plan = plan::build(&api);
        let (_, op) = plan.operations().next().unwrap();
        op.success.decoder
    };
    assert_eq!(decoder("{type: string}"), plan::Decoder::Download);
    assert_eq!(
        decoder("{type: object, properties: {id: {type: string}}}"),
        plan::Decoder::Json
    );
}
