//! Every variant of every plan enum has a builder path and a test: some document in
//! `tests/fixtures` (most of them also generated into crates that other tests compile and run,
//! the promise fixtures on the wire) has a plan that holds it. The variants expected are read
//! from `src/plan` as syntax, so a new variant fails here until a fixture reaches it; the walk
//! below matches each enum in full, so it does not compile until it can see the new one.

use std::collections::BTreeSet;

use generator::plan::{
    ArgumentValue, ArmBody, Body, ConformanceCase, Credential, Decoder, Encoding, FieldRead,
    HeaderTy, Item, ItemKind, KeyPlace, Link, Outcome, PathPiece, Place, Plan, Scalar, Setter,
    StatusMatch, TokenOf, Ty,
};

/// Plan enums the plan never holds (the lowering's own).
const NOT_IN_THE_PLAN: &[&str] = &["StringKind"];

/// Documents whose plans (and conformance tests) together reach every variant.
const FIXTURES: &[&str] = &[
    "../spec",
    "tests/fixtures/api",
    "tests/fixtures/openapi/create_room.yaml",
    "tests/fixtures/openapi/features.yaml",
    "tests/fixtures/shapes/shapes.yaml",
    "tests/fixtures/hostile/encodings.yaml",
    "tests/fixtures/openapi31/keywords.yaml",
    "tests/fixtures/openapi31/document.yaml",
    "tests/fixtures/openapi31/webhooks/webhooks.yaml",
    "tests/fixtures/conformance/conformance.yaml",
    "tests/fixtures/promises/alternatives.yaml",
    "tests/fixtures/promises/answers.yaml",
    "tests/fixtures/promises/api_key_header.yaml",
    "tests/fixtures/promises/api_key_query.yaml",
    "tests/fixtures/promises/bearer.yaml",
    "tests/fixtures/promises/bodies.yaml",
    "tests/fixtures/promises/oauth2.yaml",
    "tests/fixtures/promises/servers.yaml",
    "tests/fixtures/promises/streams.yaml",
    "tests/fixtures/promises/together.yaml",
    "tests/fixtures/promises/unions.yaml",
];

#[derive(Default)]
struct Seen(BTreeSet<(&'static str, &'static str)>);

impl Seen {
    fn add(&mut self, enumeration: &'static str, variant: &'static str) {
        self.0.insert((enumeration, variant));
    }

    fn plan(&mut self, plan: &Plan) {
        for constructor in &plan.client.auth {
            constructor.sends.iter().for_each(|c| self.credential(c));
        }
        plan.types.iter().for_each(|item| self.item(item));
        for module in &plan.modules {
            for op in &module.operations {
                self.operation(op);
            }
        }
        for test in &plan.conformance {
            self.conformance(&test.case);
        }
        if let Some(hooks) = &plan.webhooks {
            if let Some(events) = &hooks.events {
                self.ty(&events.union);
            }
            hooks.decoders.iter().for_each(|d| self.ty(&d.payload));
        }
    }

    fn operation(&mut self, op: &generator::plan::Operation) {
        for piece in op.path.iter().flatten() {
            self.add(
                "PathPiece",
                match piece {
                    PathPiece::Literal(_) => "Literal",
                    PathPiece::Member(_) => "Member",
                },
            );
        }
        if let Some(request) = &op.request {
            request.items.iter().for_each(|item| self.item(item));
            for member in &request.members {
                self.place(member.place);
                self.setter(member.setter);
                self.encoding(&member.encoding);
                self.ty(&member.ty);
            }
        }
        self.body(&op.body);
        for response in &op.responses {
            self.outcome(response.outcome);
            response.body.iter().for_each(|ty| self.ty(ty));
        }
        self.decoder(op.success.decoder);
        self.ty(&op.success.body);
        self.ty(&op.success.headers);
        op.response_items.iter().for_each(|item| self.item(item));
        if let Some(paging) = &op.paging {
            self.ty(&paging.item);
            self.add(
                "Link",
                match paging.link {
                    Link::TopLevel { .. } => "TopLevel",
                    Link::Nested { .. } => "Nested",
                },
            );
        }
        if let Some(events) = &op.events {
            self.ty(&events.item);
        }
    }

    fn item(&mut self, item: &Item) {
        let variant = match &item.kind {
            ItemKind::Struct { fields } => {
                for field in fields {
                    self.ty(&field.ty);
                    self.add(
                        "FieldRead",
                        match field.read {
                            FieldRead::Plain => "Plain",
                            FieldRead::List => "List",
                            FieldRead::Rfc2822 => "Rfc2822",
                            FieldRead::Lenient => "Lenient",
                            FieldRead::Rest => "Rest",
                        },
                    );
                }
                "Struct"
            }
            ItemKind::Enum { .. } => "Enum",
            ItemKind::IntegerEnum { repr, .. } => {
                self.ty(repr);
                "IntegerEnum"
            }
            ItemKind::Union { variants } => {
                variants.iter().for_each(|v| self.ty(&v.ty));
                "Union"
            }
            ItemKind::Untagged { variants } => {
                variants.iter().for_each(|v| self.ty(&v.ty));
                "Untagged"
            }
            ItemKind::Tagged { variants, .. } => {
                variants.iter().for_each(|v| self.ty(&v.ty));
                "Tagged"
            }
            ItemKind::Alias { ty } => {
                self.ty(ty);
                "Alias"
            }
            ItemKind::ByStatus { arms, .. } => {
                for arm in arms {
                    self.add(
                        "StatusMatch",
                        match arm.matches {
                            StatusMatch::Code(_) => "Code",
                            StatusMatch::Class(_) => "Class",
                            StatusMatch::Any => "Any",
                        },
                    );
                    let body = match &arm.body {
                        ArmBody::Json(ty) => {
                            self.ty(ty);
                            "Json"
                        }
                        ArmBody::Text => "Text",
                        ArmBody::Bytes => "Bytes",
                        ArmBody::Empty => "Empty",
                    };
                    self.add("ArmBody", body);
                }
                "ByStatus"
            }
            ItemKind::Headers { fields } => {
                for field in fields {
                    self.add(
                        "HeaderTy",
                        match field.ty {
                            HeaderTy::String => "String",
                            HeaderTy::Bool => "Bool",
                            HeaderTy::I64 => "I64",
                            HeaderTy::F64 => "F64",
                        },
                    );
                }
                "Headers"
            }
        };
        self.add("ItemKind", variant);
    }

    fn ty(&mut self, ty: &Ty) {
        let variant = match ty {
            Ty::String => "String",
            Ty::DateTime => "DateTime",
            Ty::DateTimeOffset => "DateTimeOffset",
            Ty::Date => "Date",
            Ty::I32 => "I32",
            Ty::I64 => "I64",
            Ty::F64 => "F64",
            Ty::Bool => "Bool",
            Ty::Value => "Value",
            Ty::JsonMap => "JsonMap",
            Ty::Unit => "Unit",
            Ty::Upload => "Upload",
            Ty::Download => "Download",
            Ty::Events { item } => {
                self.ty(item);
                "Events"
            }
            Ty::Vec { items } => {
                self.ty(items);
                "Vec"
            }
            Ty::Tuple { items, rest } => {
                items.iter().chain(rest.as_deref()).for_each(|t| self.ty(t));
                "Tuple"
            }
            Ty::Map { values } => {
                self.ty(values);
                "Map"
            }
            Ty::Option { inner } => {
                self.ty(inner);
                "Option"
            }
            Ty::Box { inner } => {
                self.ty(inner);
                "Box"
            }
            Ty::Nullable { inner } => {
                self.ty(inner);
                "Nullable"
            }
            Ty::Named { .. } => "Named",
        };
        self.add("Ty", variant);
    }

    fn place(&mut self, place: Place) {
        let variant = match place {
            Place::Path => "Path",
            Place::Query => "Query",
            Place::Header => "Header",
            Place::Cookie => "Cookie",
            Place::Form => "Form",
            Place::JsonMember => "JsonMember",
            Place::JsonBody => "JsonBody",
            Place::Part => "Part",
            Place::RawBody => "RawBody",
        };
        self.add("Place", variant);
    }

    fn setter(&mut self, setter: Setter) {
        let variant = match setter {
            Setter::Str => "Str",
            Setter::Value => "Value",
            Setter::Into => "Into",
        };
        self.add("Setter", variant);
    }

    fn encoding(&mut self, encoding: &Encoding) {
        let variant = match encoding {
            Encoding::Scalar { scalar } => {
                self.scalar(*scalar);
                "Scalar"
            }
            Encoding::Repeated { item } => {
                self.scalar(*item);
                "Repeated"
            }
            Encoding::Joined { item, .. } => {
                self.scalar(*item);
                "Joined"
            }
            Encoding::JsonText => "JsonText",
            Encoding::Json => "Json",
            Encoding::DeepObject => "DeepObject",
            Encoding::ExplodedObject => "ExplodedObject",
            Encoding::JoinedObject { .. } => "JoinedObject",
            Encoding::Upload => "Upload",
            Encoding::Uploads => "Uploads",
        };
        self.add("Encoding", variant);
    }

    fn scalar(&mut self, scalar: Scalar) {
        let variant = match scalar {
            Scalar::Str => "Str",
            Scalar::DateTime => "DateTime",
            Scalar::Date => "Date",
            Scalar::Enum => "Enum",
            Scalar::IntegerEnum => "IntegerEnum",
            Scalar::I32 => "I32",
            Scalar::I64 => "I64",
            Scalar::F64 => "F64",
            Scalar::Bool => "Bool",
        };
        self.add("Scalar", variant);
    }

    fn body(&mut self, body: &Body) {
        let variant = match body {
            Body::None => "None",
            Body::Form { .. } => "Form",
            Body::Json { .. } => "Json",
            Body::Multipart { .. } => "Multipart",
            Body::Raw { .. } => "Raw",
        };
        self.add("Body", variant);
    }

    fn outcome(&mut self, outcome: Outcome) {
        let variant = match outcome {
            Outcome::Decoded => "Decoded",
            Outcome::Success => "Success",
            Outcome::Empty => "Empty",
            Outcome::Error => "Error",
        };
        self.add("Outcome", variant);
    }

    fn decoder(&mut self, decoder: Decoder) {
        let variant = match decoder {
            Decoder::Json => "Json",
            Decoder::Empty => "Empty",
            Decoder::JsonOrEmpty => "JsonOrEmpty",
            Decoder::Text => "Text",
            Decoder::Download => "Download",
            Decoder::Events => "Events",
            Decoder::ByStatus => "ByStatus",
        };
        self.add("Decoder", variant);
    }

    fn credential(&mut self, credential: &Credential) {
        let variant = match credential {
            Credential::Basic { .. } => "Basic",
            Credential::Bearer { of, .. } => {
                let token = match of {
                    TokenOf::Http => "Http",
                    TokenOf::OAuth2 => "OAuth2",
                    TokenOf::OpenIdConnect => "OpenIdConnect",
                };
                self.add("TokenOf", token);
                "Bearer"
            }
            Credential::ApiKey { place, .. } => {
                let place = match place {
                    KeyPlace::Header => "Header",
                    KeyPlace::Query => "Query",
                    KeyPlace::Cookie => "Cookie",
                };
                self.add("KeyPlace", place);
                "ApiKey"
            }
        };
        self.add("Credential", variant);
    }

    fn conformance(&mut self, case: &ConformanceCase) {
        let variant = match case {
            ConformanceCase::Testable { request, .. } => {
                let values = request
                    .iter()
                    .flat_map(|r| r.arguments.iter().chain(&r.setters));
                for value in values {
                    self.add(
                        "ArgumentValue",
                        match value.value {
                            ArgumentValue::Str(_) => "Str",
                            ArgumentValue::Json(_) => "Json",
                            ArgumentValue::Upload(_) => "Upload",
                        },
                    );
                }
                "Testable"
            }
            ConformanceCase::NotTestable { .. } => "NotTestable",
        };
        self.add("ConformanceCase", variant);
    }
}

/// Every `pub enum` of `src/plan` and its variants, as written.
fn declared() -> BTreeSet<(String, String)> {
    let mut variants = BTreeSet::new();
    for (_, file) in super::matches::sources("src/plan") {
        for item in file.items {
            let syn::Item::Enum(e) = item else { continue };
            let public = matches!(e.vis, syn::Visibility::Public(_));
            if public && !NOT_IN_THE_PLAN.contains(&e.ident.to_string().as_str()) {
                for v in e.variants {
                    variants.insert((e.ident.to_string(), v.ident.to_string()));
                }
            }
        }
    }
    variants
}

#[test]
fn every_variant_of_the_plan_is_built_from_a_fixture() {
    let mut seen = Seen::default();
    for fixture in FIXTURES {
        let input = super::root().join(fixture);
        let (api, ..) = generator::read_api(&[input]).unwrap_or_else(|f| panic!("{}", f.render()));
        let mut plan = generator::plan::build(&api);
        plan.conformance = generator::plan::conformance_tests(&api, &plan);
        seen.plan(&plan);
    }
    let seen: BTreeSet<(String, String)> = seen
        .0
        .iter()
        .map(|(e, v)| (e.to_string(), v.to_string()))
        .collect();
    let declared = declared();
    let unreached: Vec<String> = declared
        .difference(&seen)
        .map(|(e, v)| format!("{e}::{v}"))
        .collect();
    assert!(
        unreached.is_empty(),
        "no fixture's plan holds {unreached:?}"
    );
    let undeclared: Vec<_> = seen.difference(&declared).collect();
    assert!(undeclared.is_empty(), "the walk names {undeclared:?}");
}
