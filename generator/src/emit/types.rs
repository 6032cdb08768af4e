//! IR types to Rust types, and the items that define them: structs for objects, enums that
//! keep unknown values, untagged unions.

use std::collections::{BTreeSet, HashMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::headers::SharedHeaders;
use crate::ir::{Api, Fact, FactKind, Field, Name, Origin, Presence, Type};

/// An identifier from a name the IR already made valid (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust types a string can be generated as, by its format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StringKind {
    Plain,
    DateTime,
    /// Twilio's `date-time-rfc-2822`: a `DateTime` as a struct field, text elsewhere.
    DateTimeRfc2822,
    Date,
}

/// `uri` stays a `String`: Twilio's URIs are often relative (`/2010-04-01/Accounts/...`) or
/// empty, which `url::Url` would refuse, failing a whole response.
pub fn string_kind(format: Option<&str>) -> StringKind {
    match format {
        Some("date-time") => StringKind::DateTime,
        Some("date-time-rfc-2822") => StringKind::DateTimeRfc2822,
        Some("date") => StringKind::Date,
        _ => StringKind::Plain,
    }
}

/// The runtime functions that read and write a JSON struct field serde cannot handle alone.
struct FieldFormat {
    /// Reads the field's JSON value (`Object::required_with` / `optional_with`).
    read: TokenStream,
    /// Writes it (`#[serde(serialize_with)]`), when serde's own way does not fit.
    serialize: Option<String>,
}

/// What the emitter knows about the API's types as a whole.
pub struct TypeSpace<'a> {
    pub api: &'a Api,
    /// Named types that contain themselves without an array or map in between: fields of
    /// these types are boxed.
    recursive: BTreeSet<&'a str>,
    /// Inline definitions within named types: they live in the `types` module too.
    shared: BTreeSet<&'a str>,
    /// Header sets several operations answer with: structs in the `types` module too.
    pub headers: SharedHeaders<'a>,
}

impl<'a> TypeSpace<'a> {
    pub fn new(api: &'a Api) -> Self {
        // Looked up by name (not searched) so that long alias chains stay cheap.
        let index: HashMap<&str, &Type> = api
            .types
            .iter()
            .map(|t| (t.name.rust.as_str(), &t.ty))
            .collect();
        let recursive = on_cycles(&index, api.types.iter().map(|t| t.name.rust.as_str()));
        let mut found = Vec::new();
        for named in &api.types {
            definitions(&named.ty, &mut found);
        }
        let shared: BTreeSet<&str> = found.iter().map(Definition::name).collect();
        let mut taken = shared.clone();
        taken.extend(api.types.iter().map(|t| t.name.rust.as_str()));
        TypeSpace {
            api,
            recursive,
            shared,
            headers: SharedHeaders::new(api, &taken),
        }
    }

    /// Is this inline definition emitted in the `types` module (as part of a named type)?
    pub fn is_shared(&self, definition: &Definition) -> bool {
        self.shared.contains(definition.name())
    }

    /// Follows `Named` types to what they stand for (an alias chain ends at a concrete type).
    pub fn resolve<'t>(&'t self, ty: &'t Type) -> &'t Type {
        let mut current = ty;
        for _ in 0..32 {
            match current {
                Type::Named { name } => {
                    match self.api.types.iter().find(|t| t.name.rust == *name) {
                        Some(named) => current = &named.ty,
                        None => return current,
                    }
                }
                _ => return current,
            }
        }
        current
    }

    /// The Rust type of a value of `ty` (not wrapped in `Option`).
    pub fn rust_type(&self, ty: &Type) -> TokenStream {
        match ty {
            Type::String { format } => match string_kind(format.as_deref()) {
                StringKind::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
                StringKind::Date => quote!(::chrono::NaiveDate),
                StringKind::Plain | StringKind::DateTimeRfc2822 => quote!(String),
            },
            Type::Integer { format } => match format.as_deref() {
                Some("int32") => quote!(i32),
                _ => quote!(i64),
            },
            Type::Number { .. } => quote!(f64),
            Type::Boolean => quote!(bool),
            Type::Array { items } => {
                let items = self.rust_type(items);
                quote!(Vec<#items>)
            }
            Type::Map { values, .. } => match values.as_ref() {
                Type::Any => quote!(::serde_json::Map<String, ::serde_json::Value>),
                values => {
                    let values = self.rust_type(values);
                    quote!(::std::collections::BTreeMap<String, #values>)
                }
            },
            Type::Object { name, .. } | Type::Enum { name, .. } | Type::Union { name, .. } => {
                let shared = self.shared.contains(name.as_str());
                let name = ident(name);
                if shared {
                    quote!(crate::types::#name)
                } else {
                    quote!(#name)
                }
            }
            Type::Named { name } => {
                let name = ident(name);
                quote!(crate::types::#name)
            }
            Type::Any => quote!(::serde_json::Value),
        }
    }

    /// The type of a struct field: boxed when it would make its type infinitely large,
    /// `Option` when it may be absent or null.
    pub fn field_type(&self, field: &Field, optional: bool) -> TokenStream {
        let mut ty = self.rust_type(&field.ty);
        if self.is_boxed(field) {
            ty = quote!(Box<#ty>);
        }
        if optional { quote!(Option<#ty>) } else { ty }
    }

    /// Is the field's value boxed (a named type that contains itself)?
    pub fn is_boxed(&self, field: &Field) -> bool {
        matches!(&field.ty, Type::Named { name } if self.recursive.contains(name.as_str()))
    }

    /// A struct that is decoded from JSON (and encodes back to the same JSON).
    pub fn json_struct(
        &self,
        name: &str,
        fields: &[Field],
        docs: TokenStream,
        cfg: &TokenStream,
    ) -> TokenStream {
        let name = ident(name);
        let (mut members, mut reads) = (Vec::new(), Vec::new());
        for field in fields {
            let rust = ident(&field.name.rust);
            let wire = &field.name.wire;
            let format = self.json_field_format(field);
            // A JSON name that differs from the field's shows in `#[serde(rename)]`.
            let docs = field_docs(field, None);
            let rename = (field.name.rust.trim_start_matches("r#") != *wire)
                .then(|| quote!(#[serde(rename = #wire)]));
            let ty = self.json_field_type(field);
            let with = format
                .as_ref()
                .and_then(|format| format.serialize.as_ref())
                .map(|function| quote!(#[serde(serialize_with = #function)]));
            members.push(quote! {
                #docs
                #rename
                #with
                pub #rust: #ty,
            });
            let optional = json_optional(field);
            let read = match format {
                Some(format) => {
                    let method = ident(if optional {
                        "optional_with"
                    } else {
                        "required_with"
                    });
                    let reader = format.read;
                    quote!(#method(#wire, #reader))
                }
                None => {
                    let list = matches!(self.resolve(&field.ty), Type::Array { .. });
                    let method = match (optional, list) {
                        (true, true) => "optional_list",
                        (true, false) => "optional",
                        (false, true) => "required_list",
                        (false, false) => "required",
                    };
                    let method = ident(method);
                    quote!(#method(#wire))
                }
            };
            reads.push(quote!(#rust: object.#read?,));
        }
        quote! {
            #docs
            #cfg
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
            pub struct #name {
                #(#members)*
            }

            #cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    // An item of its own, so that it is compiled once, not once per deserializer.
                    #[inline]
                    fn fields(object: &mut crate::runtime::Object) -> Result<#name, ::serde_json::Error> {
                        Ok(#name { #(#reads)* })
                    }
                    crate::runtime::Object::read(deserializer, fields)
                }
            }
        }
    }

    /// The Rust type of a field of a JSON struct, as code that reads the field sees it.
    pub fn json_field_type(&self, field: &Field) -> TokenStream {
        let optional = json_optional(field);
        if self.is_rfc2822(field) {
            let ty = quote!(::chrono::DateTime<::chrono::FixedOffset>);
            return if optional { quote!(Option<#ty>) } else { ty };
        }
        self.field_type(field, optional)
    }

    fn is_rfc2822(&self, field: &Field) -> bool {
        matches!(self.resolve(&field.ty), Type::String { format }
            if string_kind(format.as_deref()) == StringKind::DateTimeRfc2822)
    }

    /// How a JSON struct field is read and written when serde's own way does not fit: RFC 2822
    /// dates, and numbers that may arrive quoted.
    fn json_field_format(&self, field: &Field) -> Option<FieldFormat> {
        if self.is_rfc2822(field) {
            let option = if json_optional(field) { "::option" } else { "" };
            return Some(FieldFormat {
                read: quote!(crate::runtime::rfc2822::from_value),
                serialize: Some(format!("crate::runtime::rfc2822{option}::serialize")),
            });
        }
        match self.resolve(&field.ty) {
            Type::Integer { .. } | Type::Number { .. } => Some(FieldFormat {
                read: quote!(crate::runtime::lenient::from_value),
                serialize: None,
            }),
            _ => None,
        }
    }

    /// An inline or named definition: its item(s), each under `cfg` (see `features`).
    pub fn definition(
        &self,
        definition: &Definition,
        docs: TokenStream,
        cfg: &TokenStream,
    ) -> TokenStream {
        match definition {
            Definition::Object { name, fields } => self.json_struct(name, fields, docs, cfg),
            Definition::Enum { name, values } => enum_type(name, values, docs, cfg),
            Definition::Union { name, variants } => self.union_type(name, variants, docs, cfg),
        }
    }

    /// An untagged enum of shapes that differ in their JSON kind.
    fn union_type(
        &self,
        name: &str,
        variants: &[Type],
        docs: TokenStream,
        cfg: &TokenStream,
    ) -> TokenStream {
        let name = ident(name);
        // Integers before numbers: an untagged enum takes the first variant that fits.
        let mut ordered: Vec<&Type> = variants.iter().collect();
        ordered.sort_by_key(|ty| kind_rank(self.resolve(ty)));
        let variants = ordered.iter().map(|ty| {
            let variant = ident(kind_name(self.resolve(ty)));
            let ty = self.rust_type(ty);
            quote!(#variant(#ty),)
        });
        quote! {
            #docs
            #cfg
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        }
    }
}

/// Is a JSON struct field an `Option`? Absent (optional) and `null` (nullable) both decode to
/// `None`.
pub fn json_optional(field: &Field) -> bool {
    field.nullable || field.required == Presence::Optional
}

/// Named types that contain themselves without an array or map in between: those in a
/// strongly connected component of the direct-reference graph with more than one member, or
/// with an edge to themselves. Tarjan's algorithm, iterative so that long chains cannot
/// overflow the stack, linear in the size of the graph.
fn on_cycles<'a>(
    index: &HashMap<&'a str, &'a Type>,
    names: impl Iterator<Item = &'a str>,
) -> BTreeSet<&'a str> {
    let edges = |name: &str| {
        let mut out = Vec::new();
        if let Some(ty) = index.get(name) {
            direct_refs(ty, &mut out);
        }
        out.retain(|next| index.contains_key(next));
        out
    };
    let mut order: HashMap<&str, (usize, usize)> = HashMap::new(); // name -> (index, lowlink)
    let mut stack: Vec<&str> = Vec::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut found = BTreeSet::new();
    for root in names {
        if order.contains_key(root) {
            continue;
        }
        // Each frame: a node and the edges still to visit.
        let mut frames: Vec<(&str, Vec<&str>)> = vec![(root, edges(root))];
        let next_index = order.len();
        order.insert(root, (next_index, next_index));
        stack.push(root);
        on_stack.insert(root);
        while let Some((node, pending)) = frames.last_mut() {
            let node = *node;
            if let Some(next) = pending.pop() {
                match order.get(next) {
                    None => {
                        let next_index = order.len();
                        order.insert(next, (next_index, next_index));
                        stack.push(next);
                        on_stack.insert(next);
                        frames.push((next, edges(next)));
                    }
                    Some(&(next_index, _)) if on_stack.contains(next) => {
                        let entry = order.get_mut(node).expect("visited");
                        entry.1 = entry.1.min(next_index);
                    }
                    Some(_) => {}
                }
                continue;
            }
            frames.pop();
            let (index, low) = order[node];
            if let Some((parent, _)) = frames.last() {
                let parent_entry = order.get_mut(parent).expect("visited");
                parent_entry.1 = parent_entry.1.min(low);
            }
            if index == low {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let self_loop = edges(node).contains(&node);
                if component.len() > 1 || self_loop {
                    found.extend(component);
                }
            }
        }
    }
    found
}

/// Named types a value of `ty` holds inline (not behind an array or map, which allocate).
fn direct_refs<'a>(ty: &'a Type, out: &mut Vec<&'a str>) {
    match ty {
        Type::Named { name } => out.push(name),
        Type::Object { fields, .. } => fields.iter().for_each(|f| direct_refs(&f.ty, out)),
        Type::Union { variants, .. } => variants.iter().for_each(|v| direct_refs(v, out)),
        _ => {}
    }
}

fn kind_rank(ty: &Type) -> u8 {
    match ty {
        Type::Boolean => 0,
        Type::Integer { .. } => 1,
        Type::Number { .. } => 2,
        Type::String { .. } | Type::Enum { .. } => 3,
        Type::Array { .. } => 4,
        _ => 5,
    }
}

fn kind_name(ty: &Type) -> &'static str {
    match ty {
        Type::Boolean => "Boolean",
        Type::Integer { .. } => "Integer",
        Type::Number { .. } => "Number",
        Type::String { .. } | Type::Enum { .. } => "String",
        Type::Array { .. } => "Array",
        Type::Any => "Value",
        _ => "Object",
    }
}

/// A string enum whose unknown values are kept: `"paused"` decodes to `Unknown("paused")` and
/// encodes back unchanged. `Display` and the serde impls come from one runtime macro (cheaper
/// to compile than derives, and one definition instead of one per enum).
fn enum_type(name: &str, values: &[Name], docs: TokenStream, cfg: &TokenStream) -> TokenStream {
    let ty = ident(name);
    let catch_all = if values.iter().any(|v| v.rust == "Unknown") {
        ident("UnknownValue")
    } else {
        ident("Unknown")
    };
    let variants = values.iter().map(|v| {
        let variant = ident(&v.rust);
        let doc = format!(" `{}`", v.wire);
        quote!(#[doc = #doc] #variant,)
    });
    let to_wire = values.iter().map(|v| {
        let (variant, wire) = (ident(&v.rust), &v.wire);
        quote!(Self::#variant => #wire,)
    });
    let from_wire = values.iter().map(|v| {
        let (variant, wire) = (ident(&v.rust), &v.wire);
        quote!(#wire => Self::#variant,)
    });
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ty {
            #(#variants)*
            /// A value this client does not know yet, kept as it was sent.
            #catch_all(String),
        }

        #cfg
        impl #ty {
            /// The value as it is on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#catch_all(value) => value,
                }
            }
        }

        #cfg
        impl From<&str> for #ty {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => Self::#catch_all(other.to_owned()),
                }
            }
        }

        #cfg
        crate::runtime::text_enum_impls!(#ty);
    }
}

/// A field's rustdoc: its description, then where its constraints come from, then (with a
/// `wire_note`) where and under which name it goes on the wire.
pub fn field_docs(field: &Field, wire_note: Option<&str>) -> TokenStream {
    let facts: Vec<String> = field.facts.iter().map(fact_line).collect();
    let wire = wire_note.map(|note| format!("{note} `{}`.", field.name.wire));
    docs::attrs(
        std::iter::once(field.description.as_str())
            .chain(facts.iter().map(String::as_str))
            .chain(wire.as_deref()),
    )
}

fn fact_line(fact: &Fact) -> String {
    let statement = match &fact.kind {
        FactKind::AllowedValues(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("Allowed values: {}", values.join(", "))
        }
        FactKind::Minimum(n) => format!("Minimum: {n}"),
        FactKind::Maximum(n) => format!("Maximum: {n}"),
        FactKind::Default(v) => format!("Default: `{}`", v.replace('`', "'")),
        FactKind::MinLength(n) => format!("Minimum length: {n}"),
        FactKind::MaxLength(n) => format!("Maximum length: {n}"),
        FactKind::Pattern(p) => format!("Pattern: `{}`", p.replace('`', "'")),
    };
    match fact.origin {
        Origin::Schema => format!("{statement}."),
        Origin::Prose { .. } => format!("{statement} (read from the description, not enforced)."),
    }
}

/// A type that needs an item of its own.
pub enum Definition<'a> {
    Object { name: &'a str, fields: &'a [Field] },
    Enum { name: &'a str, values: &'a [Name] },
    Union { name: &'a str, variants: &'a [Type] },
}

impl<'a> Definition<'a> {
    pub fn name(&self) -> &'a str {
        match self {
            Definition::Object { name, .. }
            | Definition::Enum { name, .. }
            | Definition::Union { name, .. } => name,
        }
    }
}

/// Every inline definition within `ty`, outermost first (named types are defined elsewhere).
pub fn definitions<'a>(ty: &'a Type, out: &mut Vec<Definition<'a>>) {
    match ty {
        Type::Object { name, fields } => {
            out.push(Definition::Object { name, fields });
            for field in fields {
                definitions(&field.ty, out);
            }
        }
        Type::Enum { name, values } => out.push(Definition::Enum { name, values }),
        Type::Union { name, variants } => {
            out.push(Definition::Union { name, variants });
            variants.iter().for_each(|v| definitions(v, out));
        }
        Type::Array { items: inner } | Type::Map { values: inner, .. } => definitions(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Type {
        Type::Named {
            name: name.to_owned(),
        }
    }

    fn holder(name: &str, field: Type) -> (String, Type) {
        let field = Field {
            name: Name {
                wire: "f".into(),
                rust: "f".into(),
            },
            ty: field,
            nullable: false,
            required: Presence::Unstated,
            description: String::new(),
            facts: Vec::new(),
        };
        (
            name.to_owned(),
            Type::Object {
                name: name.to_owned(),
                fields: vec![field],
            },
        )
    }

    #[test]
    fn only_types_on_a_direct_cycle_are_recursive() {
        let types = [
            holder("A", named("B")),
            holder("B", named("A")),
            holder("C", named("C")),
            holder("D", named("A")),
            holder(
                "E",
                Type::Array {
                    items: Box::new(named("E")),
                },
            ),
        ];
        let index: HashMap<&str, &Type> = types.iter().map(|(n, t)| (n.as_str(), t)).collect();
        let found = on_cycles(&index, types.iter().map(|(n, _)| n.as_str()));
        assert_eq!(found.into_iter().collect::<Vec<_>>(), ["A", "B", "C"]);
    }

    #[test]
    fn a_long_chain_is_linear_and_does_not_overflow() {
        let types: Vec<(String, Type)> = (0..20_000)
            .map(|i| holder(&format!("T{i}"), named(&format!("T{}", i + 1))))
            .collect();
        let index: HashMap<&str, &Type> = types.iter().map(|(n, t)| (n.as_str(), t)).collect();
        assert!(on_cycles(&index, types.iter().map(|(n, _)| n.as_str())).is_empty());
    }
}
