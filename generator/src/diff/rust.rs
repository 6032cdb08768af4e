//! What the generated crate makes of an IR type, as short text for the report
//! (`Option<DateTime<Utc>>`): the emitter's own type mapping, paths dropped.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::types::TypeSpace;
use crate::ir::{Api, Field, Presence, Type};

/// Which generated struct a field belongs to: that decides its Rust type and the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The operation's request struct (`#[non_exhaustive]`, `new()` and setters).
    Request,
    /// A JSON struct that users build to send (nested in a request, or a named type that
    /// requests use).
    Sent,
    /// A JSON struct the client decodes for users to read.
    Received,
    /// The response headers struct: every header is an `Option`.
    Header,
}

impl Role {
    /// The role of the objects nested in a field of this role.
    pub fn nested(self) -> Role {
        match self {
            Role::Request | Role::Sent => Role::Sent,
            Role::Received | Role::Header => Role::Received,
        }
    }

    /// Is a field of this role an `Option`, given its nullability and presence?
    pub fn is_option(self, nullable: bool, required: Presence, path_param: bool) -> bool {
        match self {
            Role::Request => !(path_param || required == Presence::Required),
            Role::Header => true,
            // As `emit::types::json_optional`: absent and null both decode to `None`.
            Role::Sent | Role::Received => nullable || required == Presence::Optional,
        }
    }
}

/// The Rust types of one API's crate.
pub struct RustTypes<'a> {
    space: TypeSpace<'a>,
}

impl<'a> RustTypes<'a> {
    pub fn new(api: &'a Api) -> Self {
        RustTypes {
            space: TypeSpace::new(api),
        }
    }

    /// Follows named types to what they stand for.
    pub fn resolve<'t>(&'t self, ty: &'t Type) -> &'t Type {
        self.space.resolve(ty)
    }

    /// The Rust type of a value of `ty`.
    pub fn value(&self, ty: &Type) -> String {
        short(&self.space.rust_type(ty))
    }

    /// The Rust type of a field in a struct of `role` (with its `Option`, if any).
    pub fn field(&self, role: Role, field: &Field, path_param: bool) -> String {
        let tokens = match role {
            Role::Request => {
                let optional = role.is_option(field.nullable, field.required, path_param);
                self.space.field_type(field, optional)
            }
            Role::Sent | Role::Received => self.space.json_field_type(field),
            Role::Header => {
                let ty = self.header(&field.ty);
                quote!(Option<#ty>)
            }
        };
        short(&tokens)
    }

    /// Headers are read as one of four types (the emitter's choice).
    fn header(&self, ty: &Type) -> TokenStream {
        crate::emit::headers::header_rust_type(&self.space, ty)
    }
}

/// `T` out of `Option<T>`; anything else as it is.
pub fn without_option(text: &str) -> &str {
    text.strip_prefix("Option<")
        .and_then(|rest| rest.strip_suffix('>'))
        .unwrap_or(text)
}

/// Tokens as compact text with every path reduced to its last segment:
/// `:: std :: collections :: BTreeMap < String , i64 >` reads `BTreeMap<String, i64>`.
fn short(tokens: &TokenStream) -> String {
    let mut out = String::new();
    let mut path = String::new();
    for c in tokens.to_string().chars().filter(|c| !c.is_whitespace()) {
        if c.is_alphanumeric() || matches!(c, '_' | ':' | '#') {
            path.push(c);
            continue;
        }
        out.push_str(last_segment(&path));
        path.clear();
        out.push(c);
        if c == ',' {
            out.push(' ');
        }
    }
    out.push_str(last_segment(&path));
    out
}

fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// A type as the inputs document it, for changes the Rust type does not show.
pub fn documented(ty: &Type) -> String {
    let with = |base: &str, format: &Option<String>| match format {
        Some(format) => format!("{base}({format})"),
        None => base.to_owned(),
    };
    match ty {
        Type::String { format } => with("string", format),
        Type::Integer { format } => with("integer", format),
        Type::Number { format } => with("number", format),
        Type::Boolean => "boolean".to_owned(),
        Type::Array { items } => format!("array[{}]", documented(items)),
        Type::Map { values, format } => match values.as_ref() {
            Type::Any => with("object", format),
            values => format!("{}[{}]", with("map", format), documented(values)),
        },
        Type::Any => "any".to_owned(),
        Type::Object { name, .. } => format!("object {name}"),
        Type::Enum { name, .. } => format!("enum {name}"),
        Type::Union { name, .. } => format!("union {name}"),
        Type::Named { name } => name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_dropped_and_commas_spaced() {
        let tokens =
            quote!(Option<::std::collections::BTreeMap<String, ::chrono::DateTime<::chrono::Utc>>>);
        assert_eq!(short(&tokens), "Option<BTreeMap<String, DateTime<Utc>>>");
        assert_eq!(without_option("Option<Vec<i64>>"), "Vec<i64>");
        assert_eq!(without_option("Vec<i64>"), "Vec<i64>");
    }
}
