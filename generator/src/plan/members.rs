//! The data of an operation's request: its struct's members, where each goes ([`Place`]), how
//! it is encoded ([`Encoding`]) and set ([`Setter`]), and the body kind ([`Body`]). Built by
//! `request.rs`.

use serde::{Deserialize, Serialize};

use super::{Documented, Item, Scalar, Ty};

/// The operation's request struct: its parameters and body members, flattened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub name: String,
    pub members: Vec<Member>,
    /// Types defined for its members.
    pub items: Vec<Item>,
    /// When the document offers the body in other media types too: the optional field (and
    /// setter) that sends a `runtime::Body` the caller built instead of the encoded members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_body: Option<OtherBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherBody {
    /// Distinct from the members' names.
    pub rust: String,
    /// The media types the document lists beside the one generated, in documented order.
    pub media_types: Vec<String>,
}

/// One field of a request struct and where it goes on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Distinct among the request's members.
    pub rust: String,
    pub wire: String,
    pub place: Place,
    /// Required members are `new()`'s arguments; the others are `Option`s with setters.
    pub required: bool,
    /// The value's type (boxed where it must be; without the `Option`).
    pub ty: Ty,
    pub setter: Setter,
    pub encoding: Encoding,
    /// A multipart part's media type as documented (`encoding.contentType`); without it a
    /// text part is `text/plain`, a JSON part `application/json`, a file
    /// `application/octet-stream` unless the upload names its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// For an optional JSON member that may be `null` (its type a `Nullable`): the setter that
    /// sends `null`, distinct from leaving it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub null_setter: Option<String>,
    pub docs: Vec<String>,
    pub facts: Documented,
}

/// Where a request member goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Path,
    Query,
    Header,
    /// A pair of the `Cookie` header.
    Cookie,
    /// A field of an `application/x-www-form-urlencoded` body.
    Form,
    /// A member of a JSON object body.
    JsonMember,
    /// The whole JSON body (a body that is not an object: an array, a map, a union, ...).
    JsonBody,
    /// A part of a `multipart/form-data` body.
    Part,
    /// The whole body as the caller gives it: bytes or a file (`application/octet-stream`,
    /// `image/*`, a media type the generator does not encode), or text (`text/plain`).
    RawBody,
}

impl Place {
    /// How the change report names it (`added (query)`).
    pub fn noun(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
            Place::Form | Place::JsonMember | Place::JsonBody | Place::Part | Place::RawBody => {
                "body"
            }
        }
    }
}

/// What a setter (or `new()`) takes for a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setter {
    /// `&str`, stored as a `String`.
    Str,
    /// The member's type itself.
    Value,
    /// Anything that converts into the member's type (`impl Into<Upload>`: bytes, a `Vec<u8>`,
    /// an `Upload::file`).
    Into,
}

/// How a member's value becomes text (or JSON) on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Encoding {
    /// One value as text.
    Scalar { scalar: Scalar },
    /// An array: one pair per item, the key repeated.
    Repeated { item: Scalar },
    /// An array: the items joined into one value.
    Joined { item: Scalar, separator: String },
    /// JSON text as the value (Twilio's rule for objects and untyped values in forms and
    /// queries).
    JsonText,
    /// Serialized as JSON inside a JSON body, or as a multipart part of type JSON.
    Json,
    /// `deepObject`: `key[member]=v` for every value inside, nested, arrays indexed
    /// (`key[0]=v`).
    DeepObject,
    /// An object's members as pairs of their own (`style: form`, `explode: true`).
    ExplodedObject,
    /// An object as one value, members and values alternating (`R,100,G,200`).
    JoinedObject { separator: String },
    /// A file or bytes (`runtime::Upload`): a multipart file part, or the whole raw body.
    Upload,
    /// An array of files: one multipart part each, the name repeated.
    Uploads,
}

impl Encoding {
    /// The scalar it sends, when it sends one value.
    pub fn scalar(&self) -> Option<Scalar> {
        match self {
            Encoding::Scalar { scalar } => Some(*scalar),
            Encoding::Repeated { .. }
            | Encoding::Joined { .. }
            | Encoding::JsonText
            | Encoding::Json
            | Encoding::DeepObject
            | Encoding::ExplodedObject
            | Encoding::JoinedObject { .. }
            | Encoding::Upload
            | Encoding::Uploads => None,
        }
    }

    /// How the change report names it.
    pub fn describe(&self) -> String {
        match self {
            Encoding::Scalar { .. } => "one value".into(),
            Encoding::Repeated { .. } => "a key per item".into(),
            Encoding::Joined { separator, .. } => format!("items joined by `{separator}`"),
            Encoding::JsonText => "JSON text".into(),
            Encoding::Json => "JSON".into(),
            Encoding::DeepObject => "deepObject (`key[member]=value`)".into(),
            Encoding::ExplodedObject => "an object's members as pairs".into(),
            Encoding::JoinedObject { separator } => {
                format!("an object's members and values joined by `{separator}`")
            }
            Encoding::Upload => "a file".into(),
            Encoding::Uploads => "a file per item".into(),
        }
    }
}

/// The request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    None,
    /// The `Form` members, url-encoded in documented order.
    Form {
        content_type: String,
    },
    /// The `JsonMember` members as one JSON object, or the one `JsonBody` member.
    Json {
        content_type: String,
    },
    /// The `Part` members, one part each (or one per item), in documented order.
    Multipart {
        content_type: String,
    },
    /// The one `RawBody` member as it is, sent as `content_type` unless an upload names its
    /// own.
    Raw {
        content_type: String,
    },
}
