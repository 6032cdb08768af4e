//! The plan: what the crate will be, decided once from the IR and then only printed.
//!
//! [`build`] walks the IR in one pass and decides every Rust-level fact: the crate's modules
//! and every final name in them (collisions resolved once, the document's own names first),
//! every Rust type and where it is boxed, every request member's place and encoding, each
//! operation's body kind and the decoder of its answer, paging, the client's server and
//! credentials, the cargo features and which item each one turns on. The emitter prints a
//! `Plan` and the change report compares two of them; neither decides anything of its own, and
//! neither sees [`crate::ir::Type`]: Rust types are [`Ty`].
//!
//! Everything here is plain data (`serde`): `generator plan` prints it, and the fixtures' plans
//! are golden files reviewed in diffs.

mod answers;
mod carried;
mod client;
mod conformance;
mod documented;
mod examples;
mod features;
mod headers;
mod lower;
mod members;
mod namespace;
mod operation;
mod request;
mod share;
mod tests_data;
mod ty;
mod union;
mod webhooks;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::ir::Api;
pub use crate::ir::Presence;
pub use client::{
    Argument, Client, Constructor, Conventions, Credential, KeyPlace, Server, ServerVariable,
    TokenOf,
};
pub use features::FeatureSet;
pub use members::{Body, Encoding, Member, OtherBody, Place, Request, Setter};
pub use tests_data::{
    ArgumentValue, ConformanceCase, ConformanceRequest, ConformanceTest, ConformanceValue,
    ExampleTest, ForcedErrors,
};
pub use ty::{HeaderTy, Scalar, Ty};

/// The crate: its client, its `types` module and its modules of operations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub client: Client,
    /// The `types` module: the documents' named schemas (and the types defined inside them),
    /// and the response header sets several operations share. Empty: there is no such module.
    pub types: Vec<Item>,
    /// Sorted by name; each is also a cargo feature of the same name.
    pub modules: Vec<Module>,
    /// The features that several modules turn on together, for the `types` items they all
    /// reach (an item's `cfg` names one instead of listing the modules), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feature_sets: Vec<FeatureSet>,
    /// The tests of `tests/examples.rs` (emitted with `--example-tests`).
    pub examples: Vec<ExampleTest>,
    /// The tests of `tests/conformance.rs`, one per operation (built and emitted with
    /// `--conformance-tests`, see [`conformance_tests`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conformance: Vec<ConformanceTest>,
    /// The module of functions that decode the requests the API sends (its webhooks), when
    /// it documents one with a JSON payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhooks: Option<Webhooks>,
    /// What the plan could not keep of the IR (located at the operation's input file).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// The `webhooks` module: a function per webhook that decodes its request body into its
/// payload's type, and one that decodes any of them into its variant of the event union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Webhooks {
    /// The module's name (`webhooks`; numbered when a module of operations has it). Always
    /// compiled, as the types it names are.
    pub module: String,
    /// `decode(body)`, when every payload names its event in one member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<WebhookEvents>,
    /// In documented order.
    pub decoders: Vec<WebhookDecoder>,
}

/// `<module>::<function>(body: &[u8]) -> Result<union, Error>`: any webhook's body read into
/// the variant its member `property` names; a value the union does not list is its
/// `catch_all` variant holding the body as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEvents {
    pub function: String,
    /// The event union (a `Tagged` item of `types`).
    pub union: Ty,
    pub property: String,
    /// Each event's value (the one sent) and the union's variant it reads into, in the
    /// union's order.
    pub variants: Vec<(String, String)>,
    pub catch_all: String,
}

/// `<module>::<function>(body: &[u8]) -> Result<payload, Error>`: one webhook's JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookDecoder {
    /// The webhook's key as documented: what the change report matches by.
    pub wire: String,
    /// `decode_<webhook>`, distinct in the module.
    pub function: String,
    pub http_method: String,
    pub content_type: String,
    /// Markdown paragraphs.
    pub docs: Vec<String>,
    pub payload: Ty,
}

/// A module of operations: one group of the input (an OpenAPI tag), or one operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    /// The module's name and its cargo feature's.
    pub name: String,
    /// The input's group (an OpenAPI tag), when the module is one.
    pub group: Option<String>,
    pub operations: Vec<Operation>,
}

/// A type the crate defines: a struct, an enum, a union, an alias or a header set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique in its module (and, for operations' items, at the crate root that re-exports them).
    pub name: String,
    /// Markdown paragraphs.
    pub docs: Vec<String>,
    /// The cargo features that need it (any of them); empty: always compiled.
    pub cfg: Vec<String>,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemKind {
    /// A struct decoded from a JSON object, which encodes back to the same JSON.
    Struct { fields: Vec<StructField> },
    /// A string enum that keeps values it does not list in `catch_all(String)`.
    Enum {
        values: Vec<EnumValue>,
        catch_all: String,
    },
    /// An integer enum (`repr` is `i32` or `i64`) that keeps values it does not list in
    /// `catch_all(repr)`.
    IntegerEnum {
        repr: Ty,
        values: Vec<IntegerValue>,
        catch_all: String,
    },
    /// Shapes that differ in their JSON kind: an untagged enum, variants in decoding order.
    Union { variants: Vec<UnionVariant> },
    /// Shapes that share a JSON kind (several objects, several arrays): each variant is tried
    /// in this order (for objects, most required members first) and the first that decodes
    /// is taken; when none does, the error says why each failed.
    Untagged { variants: Vec<UnionVariant> },
    /// Objects told apart by the value of their member `property`; a value the document does
    /// not list is kept as JSON in `catch_all(serde_json::Value)`.
    Tagged {
        property: String,
        variants: Vec<TaggedVariant>,
        catch_all: String,
    },
    /// `pub type Name = ty;`
    Alias { ty: Ty },
    /// An operation's answers told apart by their status (its errors, or successes that carry
    /// different bodies): one variant per documented status, range or `default`, in the order
    /// they are matched (codes, then ranges, then `default`).
    ByStatus {
        arms: Vec<StatusArm>,
        /// The unit variant for a status no arm matches; without one, such a status is a
        /// decode error.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// Documented response headers read from the answer's header map.
    Headers { fields: Vec<HeaderField> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructField {
    pub rust: String,
    pub wire: String,
    pub docs: Vec<String>,
    /// The field's type as declared (with its `Option` and `Box`).
    pub ty: Ty,
    /// How the field is read from the JSON object.
    pub read: FieldRead,
    /// Absent and `null` both read as `None`.
    pub optional: bool,
    /// `None` is left out when the struct is written (sent), rather than written as `null`:
    /// every optional field but a required one that may be `null`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub omit_none: bool,
    /// The documented facts behind the Rust type, for the change report.
    pub facts: Documented,
}

/// How a JSON struct field is read (and, for RFC 2822 dates, written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRead {
    /// serde's own way.
    Plain,
    /// An array: a `null` list reads as empty where the field is required.
    List,
    /// Twilio's RFC 2822 dates (`Tue, 30 Jul 2015 20:00:00 +0000`), written back the same way.
    Rfc2822,
    /// A number that may arrive quoted (`"10"`).
    Lenient,
    /// The object's members beyond its other fields (`additionalProperties` next to
    /// `properties`), flattened into it; the field's wire name is `*` and its type a map.
    Rest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    pub rust: String,
    pub wire: String,
}

/// One variant of an [`ItemKind::IntegerEnum`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegerValue {
    pub rust: String,
    pub value: i64,
    /// The name as documented, then its description.
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnionVariant {
    /// `Integer`, `String`, `Object`, ...: the JSON kind it is told apart by.
    pub rust: String,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedVariant {
    pub rust: String,
    /// The values of the discriminating member that choose it; the first is the one sent.
    pub values: Vec<String>,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderField {
    pub rust: String,
    pub wire: String,
    pub docs: Vec<String>,
    pub ty: HeaderTy,
    pub facts: Documented,
}

/// What the document said of a field beyond its Rust type: the change report tells users
/// when these change although the Rust type stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Documented {
    pub nullable: bool,
    pub presence: Presence,
    /// The type as documented (`string(date-time)`, `object Room`).
    pub ty: String,
}

/// Whether a request member is an `Option` (with a setter) rather than an argument of
/// `new()`: path parameters and required members are arguments. The plan's rule, which the
/// change report also judges hypothetical steps by.
pub fn member_is_option(path: bool, presence: Presence) -> bool {
    !(path || presence == Presence::Required)
}

/// Whether a field of a JSON struct is an `Option`: absent (optional) and `null` (nullable)
/// both read as `None`.
pub fn field_is_option(nullable: bool, presence: Presence) -> bool {
    nullable || presence == Presence::Optional
}

/// One operation: its `Client` method, its request and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The operation id as documented (`CreateRoom`): what the change report matches by.
    pub id: String,
    /// The `Client` method (`create_room`, `r#match`).
    pub method: String,
    pub http_method: String,
    /// As documented (`/v1/Rooms/{Sid}`).
    pub path_template: String,
    /// One entry per `/`-separated segment.
    pub path: Vec<Vec<PathPiece>>,
    pub summary: String,
    pub description: String,
    /// The input file it came from.
    pub source: String,
    /// Whether the client's credentials go with its requests (`false`: it documents that it
    /// takes none).
    pub credentials: bool,
    pub request: Option<Request>,
    pub body: Body,
    /// Every documented response, in documented order.
    pub responses: Vec<ResponsePlan>,
    /// What awaiting the call gives.
    pub success: Success,
    /// The items of the answer (its inline types, its headers struct or alias, its error
    /// enum).
    pub response_items: Vec<Item>,
    /// The enum (among `response_items`) its documented error bodies read into with
    /// `ApiError::body_as`, when it documents one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<String>,
    pub paging: Option<Paging>,
    /// A second method for the event stream documented beside the JSON answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<EventsMethod>,
}

/// `Client::<method>(&request)`: the same request sent with `Accept: text/event-stream`,
/// giving `runtime::Events<item>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsMethod {
    pub method: String,
    /// The type of each event's data.
    pub item: Ty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PathPiece {
    Literal(String),
    /// The request member (by Rust name) whose value is this part of the segment.
    Member(String),
}

/// A documented response and how it is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponsePlan {
    /// `404`, `4XX` or `default`.
    pub status: String,
    pub reason: String,
    /// Returned as `Ok` (the decoded success), or as `Error::Api`.
    pub outcome: Outcome,
    /// The type its JSON body reads as, when the crate reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Ty>,
    /// Its variant in the operation's error enum or success enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// One variant of an [`ItemKind::ByStatus`] enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusArm {
    pub variant: String,
    pub docs: Vec<String>,
    pub matches: StatusMatch,
    pub body: ArmBody,
}

/// The statuses an arm takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: 400 to 499.
    Class(u8),
    /// `default`: any status.
    Any,
}

/// What a variant holds, read from the answer's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "ty", rename_all = "snake_case")]
pub enum ArmBody {
    /// JSON of this type.
    Json(Ty),
    /// A `text/*` body as a `String`.
    Text,
    /// Any other body as its bytes.
    Bytes,
    /// No documented body: a unit variant.
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The answer `Call` decodes.
    Decoded,
    /// Another 2xx: returned as `Ok` through the same decoder.
    Success,
    /// A 2xx without a body beside the decoded one (`204` beside `200`): `Ok` with `None`.
    Empty,
    Error,
}

/// What a successful call gives: `Response<body, headers>` and the runtime decoder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Success {
    /// The documented status it is decoded from, when there is one.
    pub status: Option<u16>,
    pub body: Ty,
    /// `Unit`, or the operation's headers struct.
    pub headers: Ty,
    pub decoder: Decoder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decoder {
    /// The body is JSON of the body type.
    Json,
    /// The body is ignored; the call gives `()`.
    Empty,
    /// JSON of the body type, or nothing (a `204`, an empty body) as `None`: the body type is
    /// an `Option`.
    JsonOrEmpty,
    /// A `text/*` body as a `String`.
    Text,
    /// Any other documented body (a file, an image, audio, an unknown media type) as a
    /// `runtime::Download`, streamed or read whole by the caller.
    Download,
    /// Server-Sent Events, each event's data JSON of the item type: `runtime::Events<item>`.
    Events,
    /// Successes with different bodies: the body type is an [`ItemKind::ByStatus`] enum.
    ByStatus,
}

/// A paged list: a next-page call and a stream of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    /// `Client::<next_page>(&page)`.
    pub next_page: String,
    /// `Client::<stream>(&request, limit)`.
    pub stream: String,
    /// `blocking::Client::<iter>(&request, limit)`.
    pub iter: String,
    /// The module's functions that read a page's link, and split a page into items and link.
    pub next_link_fn: String,
    pub split_fn: String,
    pub item: Ty,
    /// The page's array of items: its field and whether it is an `Option`.
    pub items: (String, bool),
    pub link: Link,
}

/// Where a page says where the next one is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Link {
    /// A top-level field (Twilio's 2010 API: `next_page_uri`).
    TopLevel { field: (String, bool) },
    /// A field of a field (Twilio's v1 APIs: `meta.next_page_url`).
    Nested {
        outer: (String, bool),
        field: (String, bool),
    },
}

impl Plan {
    /// Every module's operations, in module order.
    pub fn operations(&self) -> impl Iterator<Item = (&Module, &Operation)> {
        self.modules
            .iter()
            .flat_map(|m| m.operations.iter().map(move |op| (m, op)))
    }

    /// The item named `name` in `module` (`None`: the `types` module).
    pub fn item(&self, module: Option<&str>, name: &str) -> Option<&Item> {
        match module {
            None => self.types.iter().find(|i| i.name == name),
            Some(module) => self
                .modules
                .iter()
                .find(|m| m.name == module)?
                .operations
                .iter()
                .flat_map(Operation::items)
                .find(|i| i.name == name),
        }
    }

    /// How many Rust types the crate defines for its operations and named schemas (shared
    /// header sets not counted).
    pub fn type_count(&self) -> usize {
        let shared = self
            .types
            .iter()
            .filter(|i| !matches!(i.kind, ItemKind::Headers { .. }))
            .count();
        let per_operation: usize = self
            .operations()
            .map(|(_, op)| op.request.iter().count() + op.items().count())
            .sum();
        shared + per_operation
    }
}

impl Operation {
    /// The items this operation defines in its module, in the order they are printed.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.request
            .iter()
            .flat_map(|r| &r.items)
            .chain(&self.response_items)
    }

    /// Names re-exported at the crate root: the request struct and every item.
    pub fn exported(&self) -> Vec<&str> {
        let request = self.request.as_ref().map(|r| r.name.as_str());
        request
            .into_iter()
            .chain(self.items().map(|i| i.name.as_str()))
            .collect()
    }
}

/// The plan of the crate for `api`.
pub fn build(api: &Api) -> Plan {
    let mut lowering = lower::Lowering::new(api);
    let (mut types, owners) = lowering.named_types();
    let operations = operation::modules(api, &mut lowering, &types);
    types.extend(operations.shared_headers);
    let (client, server_enums) = client::client(
        api,
        operations.methods,
        &mut lowering.types,
        &operations.modules,
    );
    types.extend(server_enums);
    let mut warnings = operations.warnings;
    let webhooks = webhooks::plan(
        api,
        &mut lowering,
        &operations.modules,
        &mut types,
        &mut warnings,
    );
    let mut plan = Plan {
        client,
        types,
        modules: operations.modules,
        feature_sets: Vec::new(),
        examples: Vec::new(),
        conformance: Vec::new(),
        webhooks,
        warnings,
    };
    share::repeated_shapes(&mut plan, &mut lowering.types);
    features::assign(api, &owners, &mut plan);
    plan.examples = examples::tests(api, &plan);
    plan
}

/// The tests of `tests/conformance.rs` for `plan`, the plan of `api` (left out of
/// [`build`]: only `--conformance-tests` needs them).
pub fn conformance_tests(api: &Api, plan: &Plan) -> Vec<ConformanceTest> {
    conformance::tests(api, plan)
}
