//! The OpenAPI frontend: a small document with every construct (as YAML and as JSON), bad
//! documents and their diagnostics, Twilio's official documents (when `../shared/corpus` is
//! there), and CreateRoom from the seed page and from an OpenAPI document side by side.

use std::path::PathBuf;

use generator::diag::Diagnostic;
use generator::frontend::{self, Source, openapi};
use generator::ir::{
    AuthScheme, Example, FactKind, Field, Method, NamedType, Origin, ParamLocation, Presence, Type,
};

const FEATURES_YAML: &str = include_str!("fixtures/openapi/features.yaml");
const FEATURES_JSON: &str = include_str!("fixtures/openapi/features.json");
const CREATE_ROOM_YAML: &str = include_str!("fixtures/openapi/create_room.yaml");
const SEED: &str = include_str!("../../spec/create_room.md");

#[path = "support/parsed.rs"]
mod parsed;

use parsed::{Parsed, fields, parse};

impl Parsed {
    fn warnings(&self) -> Vec<&str> {
        self.diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(|d| d.message.as_str())
            .collect()
    }
}

/// The errors of a document that must not parse.
fn failure(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let result = openapi::parse(file, text, &mut diagnostics);
    assert!(result.is_none(), "{file} parsed, but it has errors");
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert!(!errors.is_empty(), "None without an error");
    errors
}

fn field<'a>(fields: &'a [Field], wire: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.name.wire == wire)
        .unwrap_or_else(|| panic!("no field {wire}"))
}

fn string(format: Option<&str>) -> Type {
    Type::String {
        format: format.map(str::to_owned),
    }
}

fn named(name: &str) -> Type {
    Type::Named { name: name.into() }
}

fn enum_values(ty: &Type) -> Vec<(&str, &str)> {
    match ty {
        Type::Enum { values, .. } => values
            .iter()
            .map(|v| (v.wire.as_str(), v.rust.as_str()))
            .collect(),
        other => panic!("not an enum: {other:?}"),
    }
}

fn fact_kinds(field: &Field) -> Vec<&FactKind> {
    assert!(field.facts.iter().all(|f| f.origin == Origin::Schema));
    field.facts.iter().map(|f| &f.kind).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. One document with every construct.

#[test]
fn yaml_and_json_forms_give_the_same_ir() {
    assert!(openapi::is_openapi(FEATURES_YAML) && openapi::is_openapi(FEATURES_JSON));
    assert!(
        !openapi::is_openapi(SEED),
        "a reference page is not OpenAPI"
    );
    let yaml = parse("features", FEATURES_YAML);
    let json = parse("features", FEATURES_JSON);
    assert_eq!(yaml.operations, json.operations);
    assert_eq!(yaml.types, json.types);
    assert_eq!(yaml.warnings(), json.warnings());
}

#[test]
fn operations_take_names_texts_servers_and_groups() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let names: Vec<_> = doc
        .operations
        .iter()
        .map(|op| op.name.rust.as_str())
        .collect();
    assert_eq!(names, ["list_node", "create_node"], "document order");
    let list = doc.op("ListNode");
    assert_eq!(
        (list.type_name.as_str(), list.method),
        ("ListNode", Method::Get)
    );
    assert_eq!(list.summary, "List nodes");
    assert_eq!(
        list.description, "Nodes of a tree",
        "the path item's description"
    );
    assert_eq!(list.group.as_deref(), Some("Trees"));
    assert_eq!(list.path.params().collect::<Vec<_>>(), ["TreeSid"]);
    assert_eq!(
        list.servers[0].url, "https://trees.example.com",
        "path-level servers"
    );
    assert_eq!(list.source, "features.yaml");

    let create = doc.op("CreateNode");
    assert_eq!(
        create.summary, "Creates a node",
        "first sentence of the description"
    );
    assert_eq!(
        create.description,
        "Creates a node.  It goes under the tree."
    );
    assert_eq!(create.group, None);
}

#[test]
fn parameters_merge_path_level_and_resolve_refs() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let list = doc.op("ListNode");
    let params: Vec<_> = list
        .params
        .iter()
        .map(|p| {
            (
                p.location,
                p.field.name.wire.as_str(),
                p.field.name.rust.as_str(),
                p.explode,
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            (ParamLocation::Path, "TreeSid", "tree_sid", false),
            (ParamLocation::Query, "PageSize", "page_size", true),
            (ParamLocation::Query, "Status", "status", false),
            (ParamLocation::Query, "StartTime", "start_time", true),
            (
                ParamLocation::Query,
                "StartTime<",
                "start_time_before",
                true
            ),
            (ParamLocation::Query, "StartTime>", "start_time_after", true),
            (ParamLocation::Header, "X-Request-Id", "x_request_id", false),
        ]
    );
    let tree = &list.params[0].field;
    assert_eq!(tree.required, Presence::Required);
    assert_eq!(tree.description, "The tree's SID.");
    assert_eq!(
        fact_kinds(tree),
        [&FactKind::Pattern("^TR[0-9a-f]{32}$".into())]
    );

    // The operation's PageSize overrides the path item's ($ref) one, in its place.
    let page_size = &list.params[1].field;
    assert_eq!(
        page_size.description,
        "Overrides the path item's parameter."
    );
    assert_eq!(page_size.required, Presence::Optional);
    assert_eq!(
        fact_kinds(page_size),
        [
            &FactKind::Default("50".into()),
            &FactKind::Minimum(1.into()),
            &FactKind::Maximum(100.into()),
        ]
    );
    let Type::Array { items } = &list.params[2].field.ty else {
        panic!("{:?}", list.params[2].field.ty)
    };
    assert!(matches!(&**items, Type::Enum { name, .. } if name == "ListNodeStatusItem"));
    assert_eq!(
        enum_values(items),
        [("in-progress", "InProgress"), ("completed", "Completed")]
    );

    // The other operation gets the path item's parameters as they are.
    let create = doc.op("CreateNode");
    assert_eq!(create.params.len(), 2);
    assert!(create.params[1].field.facts.is_empty());
}

#[test]
fn request_bodies_map_every_kind_of_schema() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let body = doc.op("CreateNode").body.as_ref().expect("a body by $ref");
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let Type::Object { name, fields, .. } = &body.ty else {
        panic!("{:?}", body.ty)
    };
    assert_eq!(name, "CreateNodeRequest");
    let wires: Vec<_> = fields.iter().map(|f| f.name.wire.as_str()).collect();
    assert_eq!(
        wires,
        [
            "Name",
            "Kind",
            "Color",
            "Weight",
            "Priority",
            "Labels",
            "Extra",
            "Attributes",
            "Anything",
            "Metadata"
        ],
        "document order"
    );

    let name = field(fields, "Name");
    assert_eq!((name.required, name.nullable), (Presence::Required, false));
    assert_eq!(
        fact_kinds(name),
        [&FactKind::MinLength(1), &FactKind::MaxLength(64)]
    );

    let kind = field(fields, "Kind");
    assert!(matches!(&kind.ty, Type::Enum { name, .. } if name == "CreateNodeRequestKind"));
    assert_eq!(
        enum_values(&kind.ty),
        [("leaf", "Leaf"), ("branch", "Branch")]
    );
    assert_eq!(
        fact_kinds(kind),
        [&FactKind::Default("leaf".into())],
        "a string default is plain text"
    );
    assert_eq!(kind.required, Presence::Optional);

    // A named, nullable enum: the field takes its nullability and description.
    let color = field(fields, "Color");
    assert_eq!(color.ty, named("NodeEnumColor"));
    assert!(color.nullable);
    assert_eq!(color.description, "The color of a node.");

    let weight = field(fields, "Weight");
    assert_eq!(
        weight.ty,
        Type::Number {
            format: Some("double".into())
        }
    );
    assert_eq!(
        (weight.nullable, weight.required),
        (true, Presence::Optional)
    );

    let priority = field(fields, "Priority");
    assert_eq!(priority.ty, Type::Integer { format: None });
    assert_eq!(
        fact_kinds(priority),
        [&FactKind::AllowedValues(vec![
            "1".into(),
            "2".into(),
            "3".into()
        ])]
    );

    assert_eq!(
        field(fields, "Labels").ty,
        Type::Map {
            values: Box::new(string(Some("uri"))),
            format: Some("uri-map".into())
        }
    );
    assert_eq!(
        field(fields, "Extra").ty,
        string(Some("tree-ish")),
        "an unknown format is kept"
    );
    assert_eq!(
        field(fields, "Attributes").ty,
        Type::Map {
            values: Box::new(string(None)),
            format: None
        }
    );
    let anything = field(fields, "Anything");
    assert_eq!(
        (&anything.ty, anything.description.as_str()),
        (&Type::Any, "Any JSON value.")
    );
    assert_eq!(
        field(fields, "Metadata").ty,
        Type::Map {
            values: Box::new(Type::Any),
            format: None
        }
    );
}

#[test]
fn responses_headers_and_examples_resolve_refs() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let list = doc.op("ListNode");
    let statuses: Vec<_> = list
        .responses
        .iter()
        .map(|r| (r.label(), r.reason.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("200".to_owned(), "OK"),
            ("404".to_owned(), "Not Found"),
            ("default".to_owned(), "Unexpected")
        ],
        "status codes, then ranges, then `default`"
    );
    let ok = list.responses[0].body.as_ref().unwrap();
    let Type::Object { name, fields, .. } = &ok.ty else {
        panic!("{:?}", ok.ty)
    };
    assert_eq!(name, "ListNodeResponse");
    assert_eq!(
        fields[0].ty,
        Type::Array {
            items: Box::new(named("Node"))
        }
    );
    assert_eq!(ok.examples.len(), 1);
    assert_eq!(ok.examples[0].name, "example");
    assert_eq!(ok.examples[0].value["meta"]["page_size"], 50);
    assert_eq!(list.responses[1].body.as_ref().unwrap().ty, named("Error"));

    let create = doc.op("CreateNode");
    let labels: Vec<String> = create.responses.iter().map(|r| r.label()).collect();
    assert_eq!(labels, ["201", "4XX"], "a range after the codes");
    let created = &create.responses[0];
    assert_eq!(created.headers.len(), 1);
    let limit = &created.headers[0];
    assert_eq!(
        (limit.name.wire.as_str(), limit.name.rust.as_str()),
        ("X-Rate-Limit", "x_rate_limit")
    );
    assert_eq!(
        limit.ty,
        Type::Integer {
            format: Some("int32".into())
        }
    );
    assert_eq!(limit.description, "Requests left");
    let body = created.body.as_ref().unwrap();
    assert_eq!(
        (body.content_type.as_str(), &body.ty),
        ("application/json", &named("Node"))
    );
    let examples: Vec<&str> = body
        .examples
        .iter()
        .map(|e: &Example| e.name.as_str())
        .collect();
    assert_eq!(examples, ["leaf", "inline"]);
    assert_eq!(
        body.examples[0].value["status"], "in-progress",
        "resolved from components"
    );
}

#[test]
fn named_types_enums_unions_allof_and_recursion() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let mut names: Vec<&str> = doc.types.iter().map(|t| t.name.rust.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Circle",
            "Error",
            "Meta",
            "Node",
            "NodeEnumColor",
            "NodeEnumStatus",
            "Shape",
            "Square",
            "Value"
        ],
        "only schemas that operations reach (`Unused` is not)"
    );

    // Recursion through a property is just a named type.
    let node = doc.named("Node");
    assert_eq!(node.description, "A node of a tree.");
    assert_eq!(node.name.wire, "Node");
    let Type::Object { name, fields, .. } = &node.ty else {
        panic!("{:?}", node.ty)
    };
    assert_eq!(name, "Node");
    assert_eq!(field(fields, "sid").required, Presence::Required);
    let parent = field(fields, "parent_sid");
    assert_eq!(
        (parent.nullable, parent.required),
        (true, Presence::Optional),
        "nullable is not optional"
    );
    let status = field(fields, "status");
    assert_eq!(
        (status.nullable, status.required),
        (false, Presence::Optional),
        "optional is not nullable"
    );
    assert_eq!(
        field(fields, "children").ty,
        Type::Array {
            items: Box::new(named("Node"))
        }
    );

    let status = doc.named("NodeEnumStatus");
    assert_eq!(status.name.wire, "node_enum_status");
    assert!(matches!(&status.ty, Type::Enum { name, .. } if name == "NodeEnumStatus"));
    let values = enum_values(&status.ty);
    assert_eq!(
        values[..2],
        [("in-progress", "InProgress"), ("completed", "Completed")]
    );
    assert_eq!(values[2].0, "", "an empty value is kept");
    assert!(!values[2].1.is_empty(), "and gets an identifier");

    // A sound oneOf: string, integer, object, array.
    let Type::Union { name, variants, .. } = &doc.named("Value").ty else {
        panic!()
    };
    assert_eq!(name, "Value");
    assert_eq!(variants.len(), 4);
    assert_eq!(variants[0], string(None));
    assert_eq!(variants[1], Type::Integer { format: None });
    assert!(matches!(&variants[2], Type::Object { name, .. } if name == "ValueObject"));
    assert_eq!(
        variants[3],
        Type::Array {
            items: Box::new(Type::Boolean)
        }
    );

    // Two objects of one JSON kind: still a union of both (the plan tries them in order).
    let Type::Union {
        variants,
        discriminator: None,
        ..
    } = &doc.named("Shape").ty
    else {
        panic!("{:?}", doc.named("Shape").ty)
    };
    assert_eq!(variants, &[named("Circle"), named("Square")]);
    assert!(
        !doc.warnings()
            .iter()
            .any(|w| w.contains("cannot be told apart")),
        "{:?}",
        doc.warnings()
    );

    // allOf of a $ref and an inline object: one merged object.
    let Type::Object { name, fields, .. } = &doc.named("Meta").ty else {
        panic!()
    };
    assert_eq!(name, "Meta");
    let merged: Vec<_> = fields
        .iter()
        .map(|f| (f.name.wire.as_str(), f.required))
        .collect();
    assert_eq!(
        merged,
        [
            ("page_size", Presence::Required),
            ("next_page_url", Presence::Optional),
            ("key", Presence::Required)
        ]
    );
}

/// `required` beside `allOf` binds the merged members (Box's `FileRequestCopyRequest`), with
/// one part or several.
#[test]
fn required_beside_all_of_binds_the_merged_members() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /c:\n    get:\n      operationId: GetC\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {type: object, properties: {c: {$ref: '#/components/schemas/Copy'}, o: {$ref: '#/components/schemas/Only'}}}\ncomponents:\n  schemas:\n    Update: {type: object, properties: {title: {type: string}}}\n    Copy:\n      type: object\n      required: [folder]\n      allOf:\n        - $ref: '#/components/schemas/Update'\n        - properties: {folder: {type: string}}\n    Only:\n      required: [title]\n      allOf:\n        - $ref: '#/components/schemas/Update'\n";
    let doc = parse("required.yaml", text);
    let presence = |name: &str| -> Vec<(String, Presence)> {
        fields(&doc.named(name).ty)
            .iter()
            .map(|f| (f.name.wire.clone(), f.required))
            .collect()
    };
    assert_eq!(
        presence("Copy"),
        [
            ("title".to_owned(), Presence::Optional),
            ("folder".to_owned(), Presence::Required)
        ]
    );
    assert_eq!(presence("Only"), [("title".to_owned(), Presence::Required)]);
}

#[test]
fn lossy_mappings_are_warnings_with_pointers() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let warning = |needle: &str| {
        doc.diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no warning about {needle}: {:#?}", doc.warnings()))
    };
    let format = warning("unknown format `tree-ish` on `string`");
    assert_eq!(
        format.pointer.as_deref(),
        Some(
            "#/components/requestBodies/CreateNode/content/application~1x-www-form-urlencoded/schema/properties/Extra"
        )
    );
    // (Two objects in a union, `default` and `4XX` responses are typed now.)
    assert_eq!(doc.warnings().len(), 1, "{:#?}", doc.warnings());
    let create = doc.op("CreateNode");
    assert!(
        create.responses.iter().any(|r| r.label() == "4XX"),
        "{:?}",
        create.responses
    );
    assert!(doc.diagnostics.iter().all(|d| d.pointer.is_some()));
}

#[test]
fn security_schemes_basic_bearer_and_api_keys() {
    let doc = parse("features.yaml", FEATURES_YAML);
    let list = doc.op("ListNode");
    assert_eq!(list.auth.len(), 1, "the document's security");
    assert_eq!(list.auth[0].name, "basicAuth");
    match &list.auth[0].scheme {
        AuthScheme::HttpBasic { username, password } => {
            assert_eq!(
                (username.rust.as_str(), password.rust.as_str()),
                ("username", "password")
            );
        }
        other => panic!("{other:?}"),
    }
    let create = doc.op("CreateNode");
    let schemes: Vec<_> = create
        .auth
        .iter()
        .map(|a| (a.name.as_str(), &a.scheme))
        .collect();
    assert_eq!(
        schemes,
        [
            ("bearerAuth", &AuthScheme::HttpBearer),
            (
                "apiKeyHeader",
                &AuthScheme::ApiKey {
                    location: ParamLocation::Header,
                    name: "X-Api-Key".into()
                }
            ),
            (
                "apiKeyQuery",
                &AuthScheme::ApiKey {
                    location: ParamLocation::Query,
                    name: "api_key".into()
                }
            ),
        ]
    );

    // Twilio's scheme name gives Twilio's credentials.
    let room = parse("create_room.yaml", CREATE_ROOM_YAML);
    let auth = &room.op("CreateRoom").auth[0];
    assert_eq!(auth.name, "accountSid_authToken");
    match &auth.scheme {
        AuthScheme::HttpBasic { username, password } => {
            assert_eq!(
                (username.rust.as_str(), password.rust.as_str()),
                ("account_sid", "auth_token")
            );
        }
        other => panic!("{other:?}"),
    }
}

const SECURITY: &str = "openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      security:
        - api_email: []
          api_key: []
        - oauth: []
        - oidc: []
        - digest: []
        - digest: []
          api_key: []
        - basic: []
          oauth: []
      responses:
        '204': {description: No Content}
components:
  securitySchemes:
    api_email: {type: apiKey, in: header, name: X-Auth-Email}
    api_key: {type: apiKey, in: header, name: X-Auth-Key}
    basic: {type: http, scheme: basic}
    digest: {type: http, scheme: digest}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://example.com/.well-known/openid-configuration'}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://example.com/token
          scopes: {}
";

#[test]
fn schemes_required_together_are_one_alternative_and_oauth_is_a_token() {
    let doc = parse("security.yaml", SECURITY);
    let auth = &doc.op("GetA").auth;
    let names: Vec<&str> = auth.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "api_email + api_key",
            "oauth",
            "oidc",
            "digest",
            "digest + api_key",
            "basic + oauth"
        ]
    );
    match &auth[0].scheme {
        AuthScheme::Together { schemes } => {
            let sent: Vec<_> = schemes.iter().map(|s| &s.scheme).collect();
            assert_eq!(
                sent,
                [
                    &AuthScheme::ApiKey {
                        location: ParamLocation::Header,
                        name: "X-Auth-Email".into()
                    },
                    &AuthScheme::ApiKey {
                        location: ParamLocation::Header,
                        name: "X-Auth-Key".into()
                    }
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(auth[1].scheme, AuthScheme::OAuth2);
    assert_eq!(auth[2].scheme, AuthScheme::OpenIdConnect);
    // What the client cannot send is unknown, each with a located warning.
    for unknown in &auth[3..] {
        assert_eq!(unknown.scheme, AuthScheme::Unknown, "{}", unknown.name);
    }
    let warnings: Vec<(&str, Option<&str>)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.pointer.as_deref()))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].0.contains("HTTP `digest`"), "{warnings:#?}");
    assert_eq!(warnings[0].1, Some("#/components/securitySchemes/digest"));
    assert!(
        warnings[1]
            .0
            .contains("(digest + api_key) cannot all be sent")
            && warnings[1]
                .0
                .contains("`digest` is not a scheme the client supports"),
        "{warnings:#?}"
    );
    assert_eq!(warnings[1].1, Some("#/paths/~1a/get/security/4"));
    assert!(
        warnings[2]
            .0
            .contains("`basic` and `oauth` would each need the one `Authorization` header"),
        "{warnings:#?}"
    );
    assert_eq!(warnings[2].1, Some("#/paths/~1a/get/security/5"));
}

#[test]
fn an_operation_without_id_is_named_from_method_and_path() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /v1/Rooms/{Sid}:\n    delete:\n      responses:\n        '204': {description: gone}\n";
    let doc = parse("noid.yaml", text);
    let op = &doc.operations[0];
    assert_eq!(
        (op.name.rust.as_str(), op.type_name.as_str()),
        ("delete_v1_rooms_sid", "DeleteV1RoomsSid")
    );
    assert_eq!(op.summary, "delete_v1_rooms_sid");
    let messages = doc.warnings();
    assert!(
        messages.iter().any(|m| m.contains("no `operationId`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("path parameter `Sid` is not documented"))
    );
    assert_eq!(op.params[0].field.required, Presence::Required);
}

/// Box tells operations on one path apart by a fragment (`/files/{file_id}#get_shared_link`),
/// which a URL never sends: the operation goes to the path before it, with a warning.
#[test]
fn a_fragment_in_a_path_is_left_out_of_what_is_sent() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /files/{file_id}#get_shared_link:\n    get:\n      operationId: get_files_id#get_shared_link\n      parameters:\n        - {name: file_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: OK}\n";
    let doc = parse("fragment.yaml", text);
    let op = &doc.operations[0];
    assert_eq!(op.path.template, "/files/{file_id}");
    assert_eq!(op.path.params().collect::<Vec<_>>(), ["file_id"]);
    let messages = doc.warnings();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("fragment `#get_shared_link` is not sent")),
        "{messages:?}"
    );
}

const COLLIDING: &str = "openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  first: {$ref: '#/components/schemas/room.type'}
                  second: {$ref: '#/components/schemas/room_type'}
components:
  schemas:
    room.type: {type: string, enum: [a, b]}
    room_type: {type: integer, format: int64}
";

#[test]
fn component_names_that_collide_in_rust_get_a_suffix_and_a_warning() {
    let doc = parse("colliding.yaml", COLLIDING);
    let names: Vec<(&str, &str)> = doc
        .types
        .iter()
        .map(|t| (t.name.wire.as_str(), t.name.rust.as_str()))
        .collect();
    assert_eq!(
        names,
        [("room.type", "RoomType"), ("room_type", "RoomType2")]
    );
    assert_eq!(
        doc.named("RoomType2").ty,
        Type::Integer {
            format: Some("int64".into())
        }
    );
    let fields = fields(&doc.op("GetA").responses[0].body.as_ref().unwrap().ty);
    assert_eq!(fields[1].ty, named("RoomType2"));
    let warning = &doc.diagnostics[0];
    assert!(
        warning.message.contains("are both `RoomType`"),
        "{warning:?}"
    );
    assert_eq!(
        warning.pointer.as_deref(),
        Some("#/components/schemas/room_type")
    );
}

#[test]
fn documents_go_through_the_same_assembly_as_pages() {
    let parsed = frontend::parse_sources(&[
        Source {
            name: "features.json".into(),
            text: FEATURES_JSON.into(),
        },
        Source {
            name: "spec/create_room.md".into(),
            text: SEED.into(),
        },
    ]);
    let api = parsed.api.expect("both parse");
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.name.rust.as_str())
        .collect();
    assert_eq!(
        names,
        ["create_node", "create_room", "list_node"],
        "sorted by Rust name"
    );
    let types: Vec<&str> = api.types.iter().map(|t| t.name.rust.as_str()).collect();
    let mut sorted = types.clone();
    sorted.sort_unstable();
    assert_eq!(types, sorted);
    let servers: Vec<&str> = api.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        servers,
        ["https://trees.example.com", "https://video.twilio.com"]
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Bad inputs: no result, a message that says what was expected, a pointer, a place.

fn only(errors: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    &errors[0]
}

#[test]
fn an_unknown_openapi_version_is_named() {
    let text = "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let errors = failure("v4.yaml", text);
    let error = only(&errors);
    assert!(
        error
            .message
            .contains("unsupported OpenAPI version `4.0.0`: expected 3.0.x or 3.1.x"),
        "{error:?}"
    );
    assert_eq!(error.pointer.as_deref(), Some("#/openapi"));
    assert_eq!(error.location(text), "v4.yaml:1:1");
}

#[test]
fn swagger_2_is_named_with_a_way_out() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
    assert!(openapi::is_openapi(text));
    let errors = failure("swagger.yaml", text);
    let error = only(&errors);
    assert!(error.message.contains("Swagger 2.0"), "{error:?}");
    assert!(
        error
            .help
            .as_deref()
            .unwrap()
            .contains("convert it to OpenAPI 3.0")
    );
    assert_eq!(error.pointer.as_deref(), Some("#/swagger"));
}

#[test]
fn a_document_without_openapi_is_not_openapi() {
    let errors = failure("other.yaml", "name: my-service\nversion: 3\n");
    assert!(only(&errors).message.contains("not an OpenAPI document"));
    let errors = errors_of_json();
    assert!(only(&errors).message.contains("not an OpenAPI document"));
}

#[test]
fn an_empty_document_is_not_openapi() {
    let errors = failure("empty.yaml", "");
    assert!(only(&errors).message.contains("not an OpenAPI document"));
}

fn errors_of_json() -> Vec<Diagnostic> {
    failure("other.json", "{\"name\": \"my-service\"}")
}

const BAD_REF: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /v1/Rooms:
    post:
      operationId: CreateRoom
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                Type:
                  $ref: '#/components/schemas/room_type'
                Other:
                  $ref: 'other.yaml#/Thing'
      responses:
        '200':
          $ref: '#/components/responses/Missing'
";

#[test]
fn unresolvable_refs_point_at_the_ref_node() {
    let mut errors = failure("bad_ref.yaml", BAD_REF);
    // Other files are read first; in the order of the document:
    errors.sort_by_key(|e| e.span.as_ref().map(|s| s.start));
    assert_eq!(errors.len(), 3, "every bad $ref is reported: {errors:#?}");
    let missing = &errors[0];
    assert!(
        missing
            .message
            .contains("`#/components/schemas/room_type` does not exist"),
        "{missing:?}"
    );
    assert_eq!(
        missing.pointer.as_deref(),
        Some(
            "#/paths/~1v1~1Rooms/post/requestBody/content/application~1json/schema/properties/Type/$ref"
        )
    );
    assert_eq!(
        missing.location(BAD_REF),
        "bad_ref.yaml:14:19",
        "the `$ref` line"
    );
    assert!(
        errors[1]
            .message
            .contains("`$ref: other.yaml#/Thing` cannot be followed: cannot read other.yaml"),
        "{:?}",
        errors[1]
    );
    assert!(
        errors[2]
            .message
            .contains("`#/components/responses/Missing` does not exist")
    );
    assert_eq!(
        errors[2].pointer.as_deref(),
        Some("#/paths/~1v1~1Rooms/post/responses/200/$ref")
    );
}

const CYCLE: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/A'
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
    B:
      $ref: '#/components/schemas/A'
    C:
      allOf:
        - $ref: '#/components/schemas/D'
    D:
      allOf:
        - $ref: '#/components/schemas/C'
        - type: object
          properties:
            x: {type: string}
    Tree:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Tree'
";

#[test]
fn ref_cycles_are_errors_but_recursion_through_objects_is_fine() {
    let errors = failure("cycle.yaml", CYCLE);
    let error = only(&errors);
    assert!(error.message.contains("`$ref` cycle"), "{error:?}");
    assert!(error.message.contains("A -> B -> A"), "{error:?}");
    assert_eq!(error.pointer.as_deref(), Some("#/components/schemas/A"));

    // An allOf that includes itself.
    let text = CYCLE.replace(
        "'#/components/schemas/A'\ncomponents",
        "'#/components/schemas/C'\ncomponents",
    );
    let errors = failure("cycle.yaml", &text);
    assert!(
        only(&errors)
            .message
            .contains("`$ref` cycle in `allOf`: C -> D -> C"),
        "{errors:#?}"
    );

    // A tree of itself is fine.
    let text = CYCLE.replace(
        "'#/components/schemas/A'\ncomponents",
        "'#/components/schemas/Tree'\ncomponents",
    );
    let doc = parse("tree.yaml", &text);
    assert_eq!(doc.types.len(), 1);
    let Type::Object { fields, .. } = &doc.types[0].ty else {
        panic!()
    };
    assert_eq!(
        fields[0].ty,
        Type::Array {
            items: Box::new(named("Tree"))
        }
    );
}

#[test]
fn yaml_syntax_errors_give_line_and_column() {
    let text = "openapi: 3.0.3\ninfo:\n  title: [unclosed\npaths: {}\n";
    let errors = failure("broken.yaml", text);
    let error = only(&errors);
    assert!(error.message.starts_with("invalid YAML"), "{error:?}");
    assert!(error.message.contains("line 4 column 6"), "{error:?}");
    assert_eq!(error.location(text), "broken.yaml:4:6");
}

#[test]
fn json_syntax_errors_give_line_and_column() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\" {}\n}\n";
    let errors = failure("broken.json", text);
    let error = only(&errors);
    assert!(error.message.starts_with("invalid JSON"), "{error:?}");
    assert_eq!(error.location(text), "broken.json:3:10");
}

#[test]
fn nodes_that_do_not_deserialize_are_each_named() {
    let text = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          content: {}
  /b:
    get:
      parameters:
        - name: x
          in: somewhere
      responses: {}
";
    let errors = failure("shape.yaml", text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].message.contains("missing field `description`"),
        "{:?}",
        errors[0]
    );
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("#/paths/~1a/get/responses/200")
    );
    assert_eq!(errors[0].location(text), "shape.yaml:7:10");
    assert_eq!(
        errors[1].pointer.as_deref(),
        Some("#/paths/~1b/get/parameters/0")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut schema = "{\"type\": \"string\"}".to_owned();
    for _ in 0..70 {
        schema = format!("{{\"type\": \"array\", \"items\": {schema}}}");
    }
    let text = format!(
        "{{\"openapi\": \"3.0.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{\"/a\": {{\"get\": {{\"operationId\": \"A\", \"responses\": {{\"200\": {{\"description\": \"OK\", \"content\": {{\"application/json\": {{\"schema\": {schema}}}}}}}}}}}}}}}}}"
    );
    // Deserializing deeply nested JSON takes stack; run where there is enough of it.
    let errors = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || failure("deep.json", &text))
        .expect("a thread")
        .join()
        .expect("no panic");
    assert!(
        only(&errors).message.contains("nest deeper than 64"),
        "{errors:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Twilio's official documents, when the shared corpus is there.

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/twilio-oai");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is missing", dir.display());
        None
    }
}

fn corpus_doc(dir: &std::path::Path, file: &str) -> (String, Parsed) {
    let text = std::fs::read_to_string(dir.join(file)).expect("readable corpus file");
    let doc = parse(file, &text);
    eprintln!(
        "{file}: {} operations, {} named types, {} warnings",
        doc.operations.len(),
        doc.types.len(),
        doc.warnings().len()
    );
    (text, doc)
}

#[test]
fn twilio_documents_parse_without_errors() {
    let Some(dir) = corpus() else { return };
    for (file, count) in [
        ("twilio_video_v1.yaml", 39),
        ("twilio_video_v1.json", 39),
        ("twilio_messaging_v1.yaml", 58),
        ("twilio_api_v2010.yaml", 197),
    ] {
        let (_, doc) = corpus_doc(&dir, file);
        assert_eq!(doc.operations.len(), count, "{file}");
        assert!(doc.diagnostics.iter().all(|d| d.pointer.is_some()));
    }
}

#[test]
fn twilio_video_as_json_and_yaml_gives_the_same_ir() {
    let Some(dir) = corpus() else { return };
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).expect("readable");
    let yaml = parse("video", &read("twilio_video_v1.yaml"));
    let json = parse("video", &read("twilio_video_v1.json"));
    assert_eq!(yaml.operations, json.operations);
    assert_eq!(yaml.types, json.types);
}

#[test]
fn twilio_create_room_has_its_fields_and_enums() {
    let Some(dir) = corpus() else { return };
    let (_, video) = corpus_doc(&dir, "twilio_video_v1.yaml");
    let op = video.op("CreateRoom");
    assert_eq!(
        (op.method, op.path.template.as_str()),
        (Method::Post, "/v1/Rooms")
    );
    assert_eq!(op.group.as_deref(), Some("VideoV1Room"));
    assert_eq!(op.description, "Video rooms with one or more participants");
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let body_fields = fields(&body.ty);
    assert_eq!(body_fields.len(), 17);

    let ty = field(body_fields, "Type");
    assert_eq!(ty.ty, named("RoomEnumRoomType"));
    assert_eq!(
        enum_values(&video.named("RoomEnumRoomType").ty),
        [
            ("group", "Group"),
            ("go", "Go"),
            ("peer-to-peer", "PeerToPeer"),
            ("group-small", "GroupSmall")
        ]
    );
    let method = &field(body_fields, "StatusCallbackMethod").ty;
    assert!(
        matches!(method, Type::Enum { name, .. } if name == "CreateRoomRequestStatusCallbackMethod")
    );
    assert_eq!(enum_values(method), [("GET", "Get"), ("POST", "Post")]);

    let created = op.success().unwrap();
    assert_eq!((created.status, created.headers.len()), (201, 5));
    let room = created.body.as_ref().unwrap();
    assert_eq!(room.ty, named("VideoV1Room"));
    assert!(room.examples.iter().any(|e| e.name == "createGroupRooms"));
    let room_fields = fields(&video.named("VideoV1Room").ty);
    let links = field(room_fields, "links");
    assert!(links.nullable);
    assert!(matches!(&links.ty, Type::Map { format: Some(f), .. } if f == "uri-map"));
    let status = field(room_fields, "status");
    assert_eq!(status.ty, named("RoomEnumRoomStatus"));
}

#[test]
fn twilio_api_v2010_start_time_params_get_distinct_names() {
    let Some(dir) = corpus() else { return };
    let (_, api) = corpus_doc(&dir, "twilio_api_v2010.yaml");
    let mut checked = 0;
    for op in &api.operations {
        let rust: Vec<&str> = op
            .params
            .iter()
            .map(|p| p.field.name.rust.as_str())
            .collect();
        let mut distinct = rust.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), rust.len(), "{}: {rust:?}", op.name.wire);
        let start: Vec<(&str, &str)> = op
            .params
            .iter()
            .filter(|p| p.field.name.wire.starts_with("StartTime"))
            .map(|p| (p.field.name.wire.as_str(), p.field.name.rust.as_str()))
            .collect();
        if start.len() == 3 {
            assert_eq!(
                start,
                [
                    ("StartTime", "start_time"),
                    ("StartTime<", "start_time_before"),
                    ("StartTime>", "start_time_after")
                ]
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "some operation filters by StartTime");
}

// ---------------------------------------------------------------------------------------------
// 4. The seed page and the OpenAPI document agree on CreateRoom.

/// Agreement on a type: the same shape, where an OpenAPI enum agrees with a page's string of
/// any format (the page cannot list values) and named types are looked through.
fn agree(page: &Type, doc: &Type, types: &[NamedType]) -> bool {
    match (page, doc) {
        (_, Type::Named { name }) => {
            let named = types
                .iter()
                .find(|t| &t.name.rust == name)
                .expect("a named type");
            agree(page, &named.ty, types)
        }
        (Type::String { .. }, Type::Enum { .. }) => true,
        (Type::Array { items: a }, Type::Array { items: b }) => agree(a, b, types),
        (
            Type::Map {
                values: a,
                format: f,
            },
            Type::Map {
                values: b,
                format: g,
            },
        ) => f == g && agree(a, b, types),
        (Type::Object { fields: a, .. }, Type::Object { fields: b, .. }) => a.len() == b.len(),
        _ => page == doc,
    }
}

/// What `doc` says about a field that the page does not: enum values, and schema facts the
/// page's prose did not also give.
fn extras(path: &str, page: &Field, doc: &Field, types: &[NamedType], out: &mut Vec<String>) {
    let values = match resolve(&doc.ty, types) {
        Type::Enum { values, .. } => Some(values),
        Type::Array { items } => match resolve(items, types) {
            Type::Enum { values, .. } => Some(values),
            _ => None,
        },
        _ => None,
    };
    if let Some(values) = values {
        let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
        out.push(format!("{path}: enum values {}", wires.join("|")));
    }
    for fact in &doc.facts {
        assert_eq!(fact.origin, Origin::Schema);
        let also_in_prose = page.facts.iter().any(|f| f.kind == fact.kind);
        if !also_in_prose {
            out.push(format!("{path}: {:?}", fact.kind));
        }
    }
}

fn resolve<'t>(ty: &'t Type, types: &'t [NamedType]) -> &'t Type {
    match ty {
        Type::Named { name } => {
            &types
                .iter()
                .find(|t| &t.name.rust == name)
                .expect("named")
                .ty
        }
        other => other,
    }
}

/// Compares two field lists: same wire names in the same order, same types and nullability.
fn compare_fields(
    scope: &str,
    page: &[Field],
    doc: &[Field],
    types: &[NamedType],
    extra: &mut Vec<String>,
) {
    let page_names: Vec<&str> = page.iter().map(|f| f.name.wire.as_str()).collect();
    let doc_names: Vec<&str> = doc.iter().map(|f| f.name.wire.as_str()).collect();
    assert_eq!(page_names, doc_names, "{scope}: wire names");
    for (p, d) in page.iter().zip(doc) {
        let path = format!("{scope} {}", p.name.wire);
        assert_eq!(p.name.rust, d.name.rust, "{path}: Rust name");
        assert!(
            agree(&p.ty, &d.ty, types),
            "{path}: {:?} vs {:?}",
            p.ty,
            d.ty
        );
        assert_eq!(p.nullable, d.nullable, "{path}: nullable");
        assert_eq!(
            p.required,
            Presence::Unstated,
            "{path}: pages state no presence"
        );
        extras(&path, p, d, types, extra);
    }
}

#[test]
fn create_room_from_the_seed_page_and_from_openapi_agree() {
    let page_api = frontend::parse_sources(&[Source {
        name: "spec/create_room.md".into(),
        text: SEED.into(),
    }])
    .api
    .expect("the seed parses");
    let page = &page_api.operations[0];
    let doc = parse("create_room.yaml", CREATE_ROOM_YAML);
    let op = doc.op("CreateRoom");
    let types = &doc.types;

    assert_eq!((&page.name, &page.type_name), (&op.name, &op.type_name));
    assert_eq!((page.method, &page.path), (op.method, &op.path));
    assert_eq!(page.description, op.description);
    assert_eq!(page.servers, op.servers);
    assert_eq!(page.params, op.params);
    assert_eq!(
        page.auth[0].scheme, op.auth[0].scheme,
        "both Basic with account_sid/auth_token"
    );

    let (page_body, doc_body) = (page.body.as_ref().unwrap(), op.body.as_ref().unwrap());
    assert_eq!(page_body.content_type, doc_body.content_type);
    let mut extra = Vec::new();
    compare_fields(
        "body",
        fields(&page_body.ty),
        fields(&doc_body.ty),
        types,
        &mut extra,
    );

    assert_eq!(page.responses.len(), op.responses.len());
    let (page_201, doc_201) = (&page.responses[0], &op.responses[0]);
    assert_eq!(
        (page_201.status, &page_201.reason),
        (doc_201.status, &doc_201.reason)
    );
    compare_fields(
        "header",
        &page_201.headers,
        &doc_201.headers,
        types,
        &mut extra,
    );
    let (page_room, doc_room) = (
        page_201.body.as_ref().unwrap(),
        doc_201.body.as_ref().unwrap(),
    );
    assert_eq!(page_room.content_type, doc_room.content_type);
    assert_eq!(fields(&page_room.ty).len(), 24);
    compare_fields(
        "response",
        fields(&page_room.ty),
        fields(resolve(&doc_room.ty, types)),
        types,
        &mut extra,
    );

    // What the page cannot carry. A new difference fails here until it is listed.
    let expected = [
        "body Type: enum values go|peer-to-peer|group|group-small",
        "body StatusCallbackMethod: enum values GET|POST",
        "body StatusCallbackMethod: Default(\"POST\")",
        "body VideoCodecs: enum values VP8|H264",
        "response sid: MinLength(34)",
        "response sid: MaxLength(34)",
        "response sid: Pattern(\"^RM[0-9a-fA-F]{32}$\")",
        "response status: enum values in-progress|completed|failed",
        "response account_sid: MinLength(34)",
        "response account_sid: MaxLength(34)",
        "response account_sid: Pattern(\"^AC[0-9a-fA-F]{32}$\")",
        "response status_callback_method: enum values GET|POST",
        "response type: enum values go|peer-to-peer|group|group-small",
        "response video_codecs: enum values VP8|H264",
    ];
    assert_eq!(extra, expected);

    // And at the operation level: names as the inputs give them, the tag, the named body.
    let operation_level = [
        format!("summary: {:?} vs {:?}", page.summary, op.summary),
        format!(
            "auth name: {:?} vs {:?}",
            page.auth[0].name, op.auth[0].name
        ),
        format!("group: {:?} vs {:?}", page.group, op.group),
        format!(
            "response body: {:?} vs {:?}",
            type_name(&page_room.ty),
            type_name(&doc_room.ty)
        ),
        format!(
            "examples: {} vs {}",
            page_room.examples.len(),
            doc_room.examples.len()
        ),
    ];
    assert_eq!(
        operation_level,
        [
            "summary: \"Create room\" vs \"CreateRoom\"",
            "auth name: \"Account sid auth token\" vs \"accountSid_authToken\"",
            "group: None vs Some(\"VideoV1Room\")",
            "response body: \"CreateRoomResponse\" vs \"VideoV1Room\"",
            "examples: 0 vs 1",
        ]
    );
}

fn type_name(ty: &Type) -> &str {
    match ty {
        Type::Object { name, .. } | Type::Named { name } => name,
        _ => "",
    }
}

/// Mistakes found in public documents are read with a located warning instead of refusing the
/// whole document: a path parameter named unlike its template's (OpenAI's `cert_id`), an
/// integer bound beyond 64 bits (OpenAI's `seed`), `required: true` inside a schema.
#[test]
fn real_documents_mistakes_are_read_with_located_warnings() {
    let yaml = "openapi: 3.0.0\ninfo:\n  title: T\n  version: \"1\"\npaths:\n  /certs/{cert}:\n    \
                get:\n      operationId: getCert\n      parameters:\n        - name: cert_id\n          \
                in: path\n          required: true\n          schema:\n            type: string\n      \
                responses:\n        \"200\":\n          description: OK\n          content:\n            \
                application/json:\n              schema:\n                $ref: '#/components/schemas/Cert'\n\
                components:\n  schemas:\n    Cert:\n      type: object\n      properties:\n        \
                seed:\n          type: integer\n          minimum: -9223372036854776000\n        \
                name:\n          type: string\n          required: true\n";
    let json = serde_json::to_string(
        &serde_yaml::from_str::<serde_json::Value>(
            &yaml.replace("-9223372036854776000", "-9223372036854775808"),
        )
        .unwrap(),
    )
    .unwrap()
    .replace("-9223372036854775808", "-9223372036854776000");
    for (file, text) in [("mistakes.yaml", yaml), ("mistakes.json", json.as_str())] {
        let doc = parse(file, text);
        let op = doc.op("getCert");
        let params: Vec<&str> = op
            .params
            .iter()
            .map(|p| p.field.name.wire.as_str())
            .collect();
        assert_eq!(
            params,
            ["cert"],
            "{file}: the template's parameter, as a string"
        );
        let seed = field(fields(&doc.named("Cert").ty), "seed");
        assert!(
            fact_kinds(seed)
                .iter()
                .any(|k| matches!(k, FactKind::Minimum(n) if n.as_i64() == Some(i64::MIN))),
            "{file}: {:?}",
            seed.facts
        );
        let warned = |needle: &str| {
            doc.diagnostics
                .iter()
                .find(|d| !d.is_error() && d.message.contains(needle))
                .unwrap_or_else(|| {
                    panic!("{file}: no warning about {needle}: {:#?}", doc.warnings())
                })
        };
        assert_eq!(
            warned("`cert_id` is not in the path template")
                .pointer
                .as_deref(),
            Some("#/paths/~1certs~1{cert}/get/parameters/0")
        );
        let bound = warned("beyond 64-bit integers");
        assert_eq!(
            bound.pointer.as_deref(),
            Some("#/components/schemas/Cert/properties/seed/minimum")
        );
        assert_eq!(&text[bound.span.clone().unwrap()], "minimum");
        assert_eq!(
            warned("is not a list of property names").pointer.as_deref(),
            Some("#/components/schemas/Cert/properties/name/required")
        );
    }
}

/// A document in several files: schemas, parameters and responses in other files are read
/// relative to the file that names them; a schema keeps its name (and its recursion), the
/// others are copied in; a file that is not there is an error at its `$ref`.
#[test]
fn references_to_other_files_are_followed_relative_to_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "api.yaml",
        "openapi: 3.0.3\ninfo:\n  title: Pets\n  version: \"1\"\npaths:\n  /pets:\n    get:\n      \
         operationId: listPets\n      parameters:\n        - $ref: 'common.yaml#/components/parameters/Limit'\n      \
         responses:\n        \"200\":\n          description: OK\n          content:\n            \
         application/json:\n              schema:\n                type: array\n                items:\n                  \
         $ref: './schemas/pet.yaml'\n        \"404\":\n          $ref: 'common.yaml#/components/responses/Failure'\n\
         components:\n  schemas:\n    Error:\n      type: object\n      description: Ours, not common.yaml's.\n",
    );
    write(
        "schemas/pet.yaml",
        "type: object\nrequired: [name]\nproperties:\n  name:\n    type: string\n  parent:\n    \
         $ref: '#'\n  owner:\n    $ref: '../common.yaml#/components/schemas/Owner'\n",
    );
    write(
        "common.yaml",
        "components:\n  parameters:\n    Limit:\n      name: limit\n      in: query\n      schema:\n        \
         type: integer\n  responses:\n    Failure:\n      description: An error\n      content:\n        \
         application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n  \
         schemas:\n    Owner:\n      type: object\n      properties:\n        since:\n          \
         type: string\n    Error:\n      type: object\n      properties:\n        code:\n          \
         type: integer\n",
    );
    let root = dir.path().join("api.yaml");
    let (api, ..) = generator::read_api(std::slice::from_ref(&root))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let op = &api.operations[0];
    assert_eq!(
        op.params[0].field.name.wire, "limit",
        "a parameter copied in"
    );
    let mut names: Vec<&str> = api.types.iter().map(|t| t.name.rust.as_str()).collect();
    names.sort_unstable();
    assert!(
        names.contains(&"Pet") && names.contains(&"Owner"),
        "{names:?}"
    );
    // common.yaml's `Error` does not replace the document's own.
    assert!(names.contains(&"Error2"), "{names:?}");
    let pet = api.types.iter().find(|t| t.name.rust == "Pet").unwrap();
    let Type::Object { fields, .. } = &pet.ty else {
        panic!("{:?}", pet.ty)
    };
    assert_eq!(
        fields[1].ty,
        named("Pet"),
        "`$ref: '#'` is the file's own schema"
    );
    assert_eq!(fields[2].ty, named("Owner"));

    std::fs::remove_file(dir.path().join("schemas/pet.yaml")).unwrap();
    let failure = generator::read_api(std::slice::from_ref(&root)).unwrap_err();
    let text = failure.render();
    assert!(
        text.contains("`$ref: ./schemas/pet.yaml` cannot be followed: cannot read")
            && text.contains(
                "#/paths/~1pets/get/responses/200/content/application~1json/schema/items/$ref"
            ),
        "{text}"
    );
}

/// A response's event stream (`text/event-stream`) is kept apart from its body, with the type
/// of each event's data; a stream without a JSON body beside it leaves the body empty, and
/// any other media type is still the body.
#[test]
fn an_event_stream_is_kept_beside_the_body_with_its_events_type() {
    let text = include_str!("fixtures/promises/streams.yaml");
    let parsed = parse("streams.yaml", text);
    let named = |name: &str| Type::Named { name: name.into() };
    let chat = &parsed.op("createChatCompletion").responses[0];
    let body = chat.body.as_ref().unwrap();
    assert_eq!(
        (body.content_type.as_str(), &body.ty),
        ("application/json", &named("CreateChatCompletionResponse"))
    );
    let events = chat.events.as_ref().expect("the event stream");
    assert_eq!(
        (events.content_type.as_str(), &events.ty),
        (
            "text/event-stream",
            &named("CreateChatCompletionStreamResponse")
        )
    );
    let ticks = &parsed.op("WatchTicks").responses[0];
    assert!(ticks.body.is_none());
    let events = ticks.events.as_ref().expect("the event stream");
    assert!(
        matches!(&events.ty, Type::Object { fields, .. } if fields[0].name.wire == "n"),
        "{:?}",
        events.ty
    );
    let export = &parsed.op("GetExport").responses[0];
    assert_eq!(
        export.body.as_ref().unwrap().content_type,
        "application/vnd.example.export"
    );
    assert!(export.events.is_none());
    // `generator ir` shows it: the IR's JSON names the stream.
    let json = serde_json::to_value(chat).unwrap();
    assert_eq!(json["events"]["content_type"], "text/event-stream");
}

/// `type: object` beside `oneOf` with no members of its own only says the variants are
/// objects (Box's `SkillCard`, 20 such schemas in Box's document, 15 in OpenAI's): the schema
/// is the union. With members of its own beside the `oneOf`, the object is generated and the
/// `oneOf` is warned about.
#[test]
fn type_object_beside_one_of_is_the_union_unless_it_has_members() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /cards:\n    get:\n      operationId: GetCards\n      \
        responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              \
        schema: {type: object, properties: {card: {$ref: '#/components/schemas/Card'}, update: {$ref: '#/components/schemas/Update'}}}\n\
        components:\n  schemas:\n    \
        Keyword: {type: object, required: [type], properties: {type: {type: string, enum: [keyword]}}}\n    \
        Status: {type: object, required: [status], properties: {status: {type: string}}}\n    \
        Card:\n      type: object\n      oneOf:\n        - $ref: '#/components/schemas/Keyword'\n        - $ref: '#/components/schemas/Status'\n    \
        Update:\n      type: object\n      properties: {title: {type: string}}\n      anyOf:\n        - required: [title]\n        - required: [body]\n";
    let doc = parse("cards.yaml", text);
    let Type::Union { variants, .. } = &doc.named("Card").ty else {
        panic!("{:?}", doc.named("Card").ty)
    };
    assert_eq!(variants, &[named("Keyword"), named("Status")]);
    assert_eq!(fields(&doc.named("Update").ty).len(), 1);
    let warnings = doc.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("next to `type` is ignored"),
        "{warnings:#?}"
    );
}

/// A `required` name that the object's `properties` do not define is a document mistake (Box's
/// `PostOAuth2Revoke` requires `grant_type`, which it never defines): read, with a warning at
/// the `required` list.
#[test]
fn a_required_name_without_a_property_is_warned_about_where_it_is() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /revoke:\n    post:\n      operationId: Revoke\n      \
        requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              \
        $ref: '#/components/schemas/PostOAuth2Revoke'\n      responses:\n        '200': {description: OK}\ncomponents:\n  schemas:\n    \
        PostOAuth2Revoke: {type: object, required: [grant_type], properties: {token: {type: string}}}\n";
    let doc = parse("revoke.yaml", text);
    let warning = doc
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`grant_type`"))
        .unwrap_or_else(|| panic!("{:#?}", doc.warnings()));
    assert_eq!(
        warning.pointer.as_deref(),
        Some("#/components/schemas/PostOAuth2Revoke/required")
    );
    let fields = fields(&doc.named("PostOAuth2Revoke").ty);
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].required, Presence::Optional);
}

/// Box's document marks its OAuth endpoints and the download of a zip (whose URL is its own
/// credential) `security: []`: those operations, and only those, are planned to go without the
/// client's credentials.
#[test]
fn boxs_oauth_endpoints_are_planned_without_credentials() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/realworld/box.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} cannot be read", path.display());
        return;
    };
    let parsed = frontend::parse_sources(&[Source {
        name: "box.json".into(),
        text,
    }]);
    let api = parsed.api.expect("Box's document reads");
    let mut public: Vec<String> = api
        .operations
        .iter()
        .filter(|op| op.public)
        .map(|op| format!("{} {}", op.method.as_str(), op.path.template))
        .collect();
    public.sort();
    assert_eq!(
        public,
        [
            "GET /authorize",
            "GET /zip_downloads/{zip_download_id}/content",
            "POST /oauth2/revoke",
            "POST /oauth2/token",
            "POST /oauth2/token"
        ]
    );
    let plan = generator::plan::build(&api);
    let without: usize = plan
        .modules
        .iter()
        .flat_map(|m| &m.operations)
        .filter(|op| !op.credentials)
        .count();
    assert_eq!((without, api.operations.len()), (public.len(), 296));
}
