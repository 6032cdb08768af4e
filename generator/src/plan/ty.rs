//! Rust types as the plan names them: what the emitter prints and the change report compares.

use serde::{Deserialize, Serialize};

/// A Rust type of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ty {
    String,
    /// `DateTime<Utc>` (RFC 3339).
    DateTime,
    /// `DateTime<FixedOffset>`: an RFC 2822 date in a JSON struct.
    DateTimeOffset,
    /// `NaiveDate`.
    Date,
    I32,
    I64,
    F64,
    Bool,
    /// `serde_json::Value`: any JSON.
    Value,
    /// `serde_json::Map<String, Value>`: an object with any keys and values.
    JsonMap,
    /// `()`.
    Unit,
    /// `runtime::Upload`: bytes or a file to send, with its file name and media type.
    Upload,
    /// `runtime::Download`: a body the caller streams or reads whole.
    Download,
    /// `runtime::Events<item>`: a stream of events, each event's data of `item`.
    Events {
        item: Box<Ty>,
    },
    Vec {
        items: Box<Ty>,
    },
    /// `(A, B)`, a JSON array of exactly these items; with `rest`,
    /// `runtime::TupleWithRest<(A, B), Rest, 2>`: these items, then any number of `rest`.
    Tuple {
        items: Vec<Ty>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rest: Option<Box<Ty>>,
    },
    /// `BTreeMap<String, values>`.
    Map {
        values: Box<Ty>,
    },
    Option {
        inner: Box<Ty>,
    },
    Box {
        inner: Box<Ty>,
    },
    /// `runtime::Nullable<inner>`: a JSON request member that may be sent as `null`.
    Nullable {
        inner: Box<Ty>,
    },
    /// An item of the crate: in the `types` module (`module: None`) or in an operations module.
    Named {
        name: String,
        module: Option<String>,
    },
}

impl Ty {
    pub fn option(self) -> Ty {
        Ty::Option {
            inner: Box::new(self),
        }
    }

    pub fn boxed(self) -> Ty {
        Ty::Box {
            inner: Box::new(self),
        }
    }

    /// The type without its `Option` (if it has one).
    pub fn without_option(&self) -> &Ty {
        match self {
            Ty::Option { inner } => inner,
            other => other,
        }
    }

    /// Short text for messages: `Option<Vec<DateTime<Utc>>>`, `Room`.
    pub fn text(&self) -> String {
        match self {
            Ty::String => "String".into(),
            Ty::DateTime => "DateTime<Utc>".into(),
            Ty::DateTimeOffset => "DateTime<FixedOffset>".into(),
            Ty::Date => "NaiveDate".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F64 => "f64".into(),
            Ty::Bool => "bool".into(),
            Ty::Value => "Value".into(),
            Ty::JsonMap => "Map<String, Value>".into(),
            Ty::Unit => "()".into(),
            Ty::Upload => "Upload".into(),
            Ty::Download => "Download".into(),
            Ty::Events { item } => format!("Events<{}>", item.text()),
            Ty::Vec { items } => format!("Vec<{}>", items.text()),
            Ty::Tuple { items, rest } => {
                let items: Vec<String> = items.iter().map(Ty::text).collect();
                let tuple = format!("({})", items.join(", "));
                match rest {
                    None => tuple,
                    Some(rest) => format!("TupleWithRest<{tuple}, {}>", rest.text()),
                }
            }
            Ty::Map { values } => format!("BTreeMap<String, {}>", values.text()),
            Ty::Option { inner } => format!("Option<{}>", inner.text()),
            Ty::Box { inner } => format!("Box<{}>", inner.text()),
            Ty::Nullable { inner } => format!("Nullable<{}>", inner.text()),
            Ty::Named { name, .. } => name.clone(),
        }
    }
}

/// A single value's kind where it becomes text (path, query, header, cookie, form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scalar {
    /// A `String` as it is.
    Str,
    /// RFC 3339.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
    /// The enum's wire value.
    Enum,
    /// The integer enum's value.
    IntegerEnum,
    I32,
    I64,
    F64,
    Bool,
}

/// What a response header is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderTy {
    String,
    Bool,
    I64,
    F64,
}

impl HeaderTy {
    pub fn ty(self) -> Ty {
        match self {
            HeaderTy::String => Ty::String,
            HeaderTy::Bool => Ty::Bool,
            HeaderTy::I64 => Ty::I64,
            HeaderTy::F64 => Ty::F64,
        }
    }
}
