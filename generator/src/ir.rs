//! The intermediate representation: plain, serializable data between the frontends and the
//! emitter. Frontends build it (`frontend::parse_sources` assembles and sorts it); the emitter
//! only reads it.
//!
//! Every name carries both spellings ([`Name`]): the wire name exactly as documented and the
//! Rust identifier chosen for it. Facts that were not stated by the input's structure but mined
//! from its prose say so ([`Origin::Prose`]).

use serde::{Deserialize, Serialize};

mod graph;
mod path;
mod server;
pub use graph::TypeGraph;
pub use path::{PathPart, PathTemplate};
pub use server::{Server, ServerVariable};

/// One API: everything generated into one crate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Servers of all operations; the first, the client's default, is the one most operations
    /// go to first (ties, and the rest, in order of first use).
    pub servers: Vec<Server>,
    /// Authentication methods of all operations, in order of first use.
    pub auth: Vec<Auth>,
    /// Operations sorted by their Rust name.
    pub operations: Vec<Operation>,
    /// Named types that operations share (OpenAPI component schemas), sorted by Rust name.
    /// [`Type::Named`] refers to them.
    pub types: Vec<NamedType>,
    /// The requests the API sends to its users (OpenAPI 3.1 `webhooks`): their payloads are
    /// types a receiving program decodes, not operations the client calls.
    #[serde(default, skip_serializing_if = "Webhooks::is_empty")]
    pub webhooks: Webhooks,
}

/// The API's webhooks: each one's payload, and the union that tells any of them apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Webhooks {
    /// In documented order; a webhook documented with several payloads (media types,
    /// methods) is here once for each.
    pub hooks: Vec<Webhook>,
    /// The [`NamedType`] (by Rust name) that decodes any payload into its variant: a
    /// [`Type::Union`] told apart by the member in which every payload names its event
    /// (OpenAI's `type: batch.cancelled`). `None` when the payloads name no event that way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

impl Webhooks {
    pub fn is_empty(&self) -> bool {
        self.hooks.is_empty() && self.event.is_none()
    }
}

/// One webhook: a request the API sends, and the body it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    /// Wire: its key in the document (`batch_cancelled`, `petAdopted`); Rust: snake case
    /// (`batch_cancelled`, `pet_adopted`).
    pub name: Name,
    pub method: Method,
    /// Markdown; empty when undocumented.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The payload's media type (`application/json`).
    pub content_type: String,
    /// The payload's type: a [`Type::Named`].
    pub payload: Type,
    /// The input file, relative to where the run started.
    pub source: String,
}

/// A type with a name of its own, shared by every operation that uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedType {
    /// Wire: the schema's key (`video.v1.room`); Rust: the type name (`VideoV1Room`).
    pub name: Name,
    /// Markdown.
    pub description: String,
    /// An `Object`, `Enum` or `Union` named `name.rust`, or any other type (an alias).
    pub ty: Type,
}

/// A name as it is on the wire and as it is spelled in Rust.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Name {
    /// Exactly as documented (`UniqueName`, `Access-Control-Allow-Origin`).
    pub wire: String,
    /// A valid Rust identifier, keywords escaped (`unique_name`, `r#type`).
    pub rust: String,
}

/// An authentication method as the input names it, and the scheme that name maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auth {
    /// The name as documented ("Account sid auth token").
    pub name: String,
    pub scheme: AuthScheme,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthScheme {
    /// HTTP Basic; `username` and `password` name what the caller passes (`account_sid`, `auth_token`).
    HttpBasic { username: Name, password: Name },
    /// HTTP `Authorization: Bearer <token>`.
    HttpBearer,
    /// OAuth 2: the caller obtains an access token (the client runs no flow) and the client
    /// sends it as `Authorization: Bearer <token>`.
    #[serde(rename = "oauth2")]
    OAuth2,
    /// OpenID Connect: as [`AuthScheme::OAuth2`], a token sent as a bearer token.
    OpenIdConnect,
    /// A key sent in a header, the query string or a cookie under `name`.
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    /// Schemes one requirement names together (Cloudflare's email and key headers): every one
    /// is sent on every request. `Auth::name` joins their names with ` + `.
    Together { schemes: Vec<Auth> },
    /// A name no rule maps; the frontend also warns about it.
    Unknown,
}

/// One endpoint: method, path, parameters, body and responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// Wire: the operation id (`CreateRoom`); Rust: the client method (`create_room`).
    pub name: Name,
    /// Prefix of the Rust types that belong to this operation (`CreateRoom`).
    pub type_name: String,
    /// One-line summary (the page title).
    pub summary: String,
    /// Markdown, links kept.
    pub description: String,
    pub method: Method,
    pub path: PathTemplate,
    pub servers: Vec<Server>,
    pub auth: Vec<Auth>,
    /// Path, query and header parameters, in documented order.
    pub params: Vec<Param>,
    /// The module the operation is generated into, when the input groups operations (an
    /// OpenAPI tag); `None` gives the operation a module of its own.
    pub group: Option<String>,
    pub body: Option<RequestBody>,
    /// In documented order.
    pub responses: Vec<Response>,
    /// The operation documents that it takes no credentials (OpenAPI `security: []`, or only
    /// the empty requirement `{}`): the client sends none on it, whatever it was built with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
    /// The input file, relative to where the run started.
    pub source: String,
    /// The operation's JSON pointer in its document (`#/paths/~1v1~1Rooms/post`), where the
    /// plan's warnings about it point; empty for a page.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pointer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
        Method::Options,
        Method::Trace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
        }
    }

    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// OpenAPI's default style here: `form` in the query and cookies, `simple` in the path
    /// and headers.
    pub fn default_style(self) -> Style {
        match self {
            ParamLocation::Query | ParamLocation::Cookie => Style::Form,
            ParamLocation::Path | ParamLocation::Header => Style::Simple,
        }
    }
}

/// A path, query, header or cookie parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub location: ParamLocation,
    pub field: Field,
    /// How arrays and objects are written (OpenAPI's `style`; pages: `form`).
    #[serde(default)]
    pub style: Style,
    /// Arrays: one `key=value` pair per item (`true`) or one pair with the items joined
    /// (`false`); objects likewise per member. OpenAPI's `explode`; pages always repeat the key.
    pub explode: bool,
}

/// OpenAPI's serialization styles for parameters and form members.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Style {
    /// `key=a&key=b` exploded, `key=a,b` not (query, cookie and form members).
    #[default]
    Form,
    /// `a,b` (path and header parameters).
    Simple,
    /// `key=a%20b`.
    SpaceDelimited,
    /// `key=a|b`.
    PipeDelimited,
    /// `key[member]=v`, nested (`key[a][b]=v`), arrays indexed (`key[0]=v`).
    DeepObject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// `application/x-www-form-urlencoded`, `application/json`, ...
    pub content_type: String,
    pub ty: Type,
    /// How members of a form or multipart body are encoded (OpenAPI's `encoding` map), by
    /// member wire name; a member without an entry follows the media type's default rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encoding: Vec<(String, MemberEncoding)>,
    /// The other media types the document offers for the body, in documented order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

/// One entry of a body's `encoding` map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEncoding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    /// A multipart part's media type (the first, when the document lists several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

impl RequestBody {
    /// The `encoding` entry of the member `wire`, if the document gives one.
    pub fn encoding_of(&self, wire: &str) -> Option<&MemberEncoding> {
        self.encoding
            .iter()
            .find(|(name, _)| name == wire)
            .map(|(_, encoding)| encoding)
    }
}

/// A named value: a parameter, a header, or a field of an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: Name,
    pub ty: Type,
    /// `null` is a valid value (`| null`, `nullable: true`).
    pub nullable: bool,
    pub required: Presence,
    /// Markdown, links kept; empty when undocumented.
    pub description: String,
    /// Constraints and allowed values, each with where it came from.
    pub facts: Vec<Fact>,
    /// `readOnly` (answers only) or `writeOnly` (requests only).
    #[serde(default, skip_serializing_if = "Access::is_read_write")]
    pub access: Access,
}

/// Which direction a field travels in (`readOnly`, `writeOnly`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    #[default]
    ReadWrite,
    /// Set by the server: in answers, never sent.
    ReadOnly,
    /// Sent, never in answers (a password).
    WriteOnly,
}

impl Access {
    pub fn is_read_write(&self) -> bool {
        *self == Access::ReadWrite
    }
}

/// Whether a field must be present. Kept apart from `nullable`: an optional field may be absent,
/// a nullable one may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Required,
    Optional,
    /// The input does not say (markdown pages carry no `Required` markers).
    Unstated,
}

impl Presence {
    /// `Required` or `Optional`, as an input's `required` flag says.
    pub fn required_if(required: bool) -> Self {
        if required {
            Presence::Required
        } else {
            Presence::Optional
        }
    }
}

/// The shape of a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// `format` as documented (`date-time`, `uri`, `http-method`, ...); the emitter maps the ones
    /// it knows to richer types.
    String {
        format: Option<String>,
    },
    Integer {
        format: Option<String>,
    },
    Number {
        format: Option<String>,
    },
    Boolean,
    Array {
        items: Box<Type>,
    },
    /// An array whose items have each a type of its own, by position (JSON Schema's
    /// `prefixItems`: `["a", 1]`); `rest` is the type of the items after them (`items`), `None`
    /// when there are none.
    Tuple {
        items: Vec<Type>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rest: Option<Box<Type>>,
    },
    /// An object with arbitrary keys (`object`, `object(uri-map)`, `additionalProperties`).
    Map {
        values: Box<Type>,
        format: Option<String>,
    },
    /// An object with documented fields; `name` is its Rust type name. `additional` is the
    /// type of the members beyond them, when the document allows and types them
    /// (`additionalProperties` next to `properties`).
    Object {
        name: String,
        fields: Vec<Field>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<Box<Type>>,
    },
    /// No type stated (`()`): any JSON value.
    Any,
    /// A string with documented values (`name` is its Rust type name); values that are not
    /// documented are still accepted and kept.
    Enum {
        name: String,
        values: Vec<Name>,
    },
    /// An integer whose documented values the document names (Discord's `oneOf` of `const`s
    /// with `title`s, 3.0's `x-enum-varnames`); `name` is its Rust type name. Values that are
    /// not documented are still accepted and kept. An integer whose values are not named is an
    /// [`Type::Integer`] with a [`FactKind::AllowedValues`].
    IntegerEnum {
        name: String,
        format: Option<String>,
        values: Vec<NamedInteger>,
    },
    /// One of several shapes (`oneOf`/`anyOf`), in documented order. With a `discriminator`,
    /// a member of the object names the variant; without, the variants are told apart by
    /// their JSON kind where it differs, and by trying them where it does not.
    Union {
        name: String,
        variants: Vec<Type>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discriminator: Option<Discriminator>,
    },
    /// A type of [`Api::types`], by its Rust name.
    Named {
        name: String,
    },
}

/// One documented value of a [`Type::IntegerEnum`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedInteger {
    pub value: i64,
    /// Wire: the name as documented (`ONE_MINUTE`); Rust: the variant (`OneMinute`).
    pub name: Name,
    /// Markdown; empty when undocumented.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The object member whose value names a union's variant (`discriminator`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discriminator {
    /// The member's wire name (`type`).
    pub property: String,
    /// Each value the member takes, with the index of its variant, in documented order; a
    /// variant may have several.
    pub values: Vec<(String, usize)>,
}

/// A fact about a field that constrains its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FactKind {
    AllowedValues(Vec<String>),
    Minimum(serde_json::Number),
    Maximum(serde_json::Number),
    /// The value as documented (JSON text when it comes from a schema).
    Default(String),
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    /// When the field is present, the object's members of these wire names must be too
    /// (JSON Schema's `dependentRequired`, on the member it is keyed by), in documented order.
    Requires(Vec<String>),
    /// An array's bounds on its number of items (`minItems`, `maxItems`).
    MinItems(u64),
    MaxItems(u64),
    /// An array whose items must all differ (`uniqueItems: true`).
    UniqueItems,
    /// What constrains each item of an array (its items schema's facts: a `pattern`, bounds).
    Items(Vec<Fact>),
    /// A value the document gives as an example (a schema's `example`), kept only when it is
    /// a scalar or an array of scalars: not a constraint, and not in the docs; the conformance
    /// tests send it.
    Example(serde_json::Value),
}

/// Where a fact came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Stated by the input's structure (a schema keyword).
    Schema,
    /// Read out of a description; `quote` is the sentence it came from.
    Prose { quote: String },
}

/// One documented response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The status code (`201`); 0 for a range or `default` (see `range`).
    pub status: u16,
    /// `4XX` or `default` instead of one status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<StatusRange>,
    /// The reason phrase as documented (`Created`).
    pub reason: String,
    pub headers: Vec<Field>,
    pub body: Option<ResponseBody>,
    /// A stream of events (Server-Sent Events, `text/event-stream`) documented beside the body
    /// or instead of it: each event's data is of `ty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<ResponseBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseBody {
    pub content_type: String,
    pub ty: Type,
    /// Example bodies as documented, by name.
    pub examples: Vec<Example>,
}

/// A documented example value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    pub value: serde_json::Value,
}

/// A response documented for several statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusRange {
    /// `4XX`: every status with this first digit.
    Class(u8),
    /// `default`: every status no other response documents.
    Default,
}

impl Response {
    pub fn is_success(&self) -> bool {
        self.range.is_none() && (200..300).contains(&self.status)
    }

    /// `404`, `4XX` or `default`.
    pub fn label(&self) -> String {
        match self.range {
            None => self.status.to_string(),
            Some(StatusRange::Class(digit)) => format!("{digit}XX"),
            Some(StatusRange::Default) => "default".to_owned(),
        }
    }
}

impl Operation {
    /// The response a successful call decodes: the first documented 2xx.
    pub fn success(&self) -> Option<&Response> {
        self.responses.iter().find(|r| r.is_success())
    }
}
