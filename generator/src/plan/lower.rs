//! IR types to [`Ty`]s, and the items that define them. Every inline definition is met once,
//! where it occurs, and named there: in the `types` module for the named schemas and what they
//! contain, at the crate root (which re-exports each operation's items) for the rest.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub use super::documented::{documented, documented_field, field_docs};
use super::namespace::Namespace;
use super::{
    Documented, EnumValue, FieldRead, HeaderTy, IntegerValue, Item, ItemKind, StructField, Ty,
};
use crate::ir::{Api, Field, Presence, Type};

/// Names the crate root has of its own: operation items re-exported there must not take them.
const ROOT_NAMES: &[&str] = &[
    "ApiError",
    "Call",
    "Client",
    "ClientBuilder",
    "Credentials",
    "DecodeError",
    "Error",
    "Response",
    "RetryPolicy",
];

/// The state of the one walk over the IR's types.
pub struct Lowering<'a> {
    pub api: &'a Api,
    /// Named types by their IR name, looked up (not searched) so that alias chains stay cheap.
    index: HashMap<&'a str, &'a Type>,
    /// Named types that contain themselves without an array or map in between: fields of these
    /// types are boxed.
    recursive: BTreeSet<&'a str>,
    /// The `types` module's names.
    pub types: Namespace,
    /// The crate root's type names (every operation item is re-exported there).
    pub root: Namespace,
    /// Inline definitions already defined, by the IR node's address: a node met again (the
    /// fields of a named request body, flattened into the request struct) is the same item.
    defined: HashMap<*const Type, Ty>,
}

/// Where the definitions met while lowering one type go, and what they are called there.
pub struct Scope<'s> {
    /// `None`: the `types` module.
    pub module: Option<String>,
    pub items: &'s mut Vec<Item>,
    /// The docs of the first definition met (the outermost), if it has docs of its own.
    pub first_docs: Option<Vec<String>>,
    /// The docs of the others.
    pub part_docs: Vec<String>,
    /// A named type's own name: its outermost definition keeps it as it is.
    pub own: Option<String>,
}

impl<'a> Lowering<'a> {
    pub fn new(api: &'a Api) -> Self {
        let index: HashMap<&str, &Type> = api
            .types
            .iter()
            .map(|t| (t.name.rust.as_str(), &t.ty))
            .collect();
        let recursive = on_cycles(&index, api.types.iter().map(|t| t.name.rust.as_str()));
        let mut types = Namespace::types(&[]);
        // The documents' own names first: inline types named like them give way.
        for named in &api.types {
            types.take(&named.name.rust);
        }
        Lowering {
            api,
            index,
            recursive,
            types,
            root: Namespace::types(ROOT_NAMES),
            defined: HashMap::new(),
        }
    }

    /// Follows `Named` types to what they stand for (an alias chain ends at a concrete type).
    pub fn resolve<'t>(&self, ty: &'t Type) -> &'t Type
    where
        'a: 't,
    {
        let mut current = ty;
        for _ in 0..32 {
            match current {
                Type::Named { name } => match self.index.get(name.as_str()) {
                    Some(next) => current = next,
                    None => return current,
                },
                _ => return current,
            }
        }
        current
    }

    /// The `types` module's items for the named schemas, in the IR's order, and for each item
    /// the named schema it belongs to (itself, or the schema it is defined inside).
    pub fn named_types(&mut self) -> (Vec<Item>, BTreeMap<String, String>) {
        let api = self.api;
        let mut items = Vec::new();
        let mut owners = BTreeMap::new();
        for named in &api.types {
            let first = items.len();
            let name = named.name.rust.clone();
            let docs = vec![
                named.description.clone(),
                format!("Schema `{}`.", named.name.wire),
            ];
            let defines_itself = matches!(&named.ty,
                Type::Object { name: own, .. }
                | Type::Enum { name: own, .. }
                | Type::IntegerEnum { name: own, .. }
                | Type::Union { name: own, .. }
                if *own == name);
            let alias_at = (!defines_itself).then(|| {
                items.push(placeholder());
                items.len() - 1
            });
            let mut scope = Scope {
                module: None,
                items: &mut items,
                first_docs: defines_itself.then(|| docs.clone()),
                part_docs: vec![format!("Part of [`{name}`].")],
                own: defines_itself.then(|| name.clone()),
            };
            let ty = self.value(&named.ty, &mut scope);
            if let Some(at) = alias_at {
                items[at] = Item {
                    name: name.clone(),
                    docs,
                    cfg: Vec::new(),
                    kind: ItemKind::Alias { ty },
                };
            }
            for item in &items[first..] {
                owners.insert(item.name.clone(), name.clone());
            }
        }
        (items, owners)
    }

    /// The Rust type of a value of `ty` (not wrapped in `Option`), defining what it needs.
    pub fn value(&mut self, ty: &Type, scope: &mut Scope) -> Ty {
        match ty {
            Type::String { format } => match string_kind(format.as_deref()) {
                StringKind::DateTime => Ty::DateTime,
                StringKind::Date => Ty::Date,
                StringKind::Plain | StringKind::Rfc2822 => Ty::String,
            },
            Type::Integer { format } => match format.as_deref() {
                Some("int32") => Ty::I32,
                _ => Ty::I64,
            },
            Type::Number { .. } => Ty::F64,
            Type::Boolean => Ty::Bool,
            Type::Array { items } => Ty::Vec {
                items: Box::new(self.value(items, scope)),
            },
            // Its items are held inline: a named type on a cycle is boxed, as in a field.
            Type::Tuple { items, rest } => Ty::Tuple {
                items: items
                    .iter()
                    .map(|item| self.boxed_if_recursive(item, scope))
                    .collect(),
                rest: rest.as_ref().map(|rest| Box::new(self.value(rest, scope))),
            },
            Type::Map { values, .. } => match values.as_ref() {
                Type::Any => Ty::JsonMap,
                values => Ty::Map {
                    values: Box::new(self.value(values, scope)),
                },
            },
            Type::Any => Ty::Value,
            Type::Named { name } => Ty::Named {
                name: name.clone(),
                module: None,
            },
            Type::Object {
                name,
                fields,
                additional,
            } => self.define(ty, name, scope, |this, scope| {
                let mut fields: Vec<StructField> =
                    fields.iter().map(|f| this.struct_field(f, scope)).collect();
                if let Some(values) = additional {
                    let rest = this.rest_field(values, &fields, scope);
                    fields.push(rest);
                }
                ItemKind::Struct { fields }
            }),
            Type::Enum { name, values } => self.define(ty, name, scope, |_, _| {
                let catch_all = catch_all(values.iter().map(|v| v.rust.as_str()));
                ItemKind::Enum {
                    values: values
                        .iter()
                        .map(|v| EnumValue {
                            rust: v.rust.clone(),
                            wire: v.wire.clone(),
                        })
                        .collect(),
                    catch_all,
                }
            }),
            Type::IntegerEnum {
                name,
                format,
                values,
            } => self.define(ty, name, scope, |_, _| ItemKind::IntegerEnum {
                repr: match format.as_deref() {
                    Some("int32") if values.iter().all(|v| i32::try_from(v.value).is_ok()) => {
                        Ty::I32
                    }
                    _ => Ty::I64,
                },
                values: values
                    .iter()
                    .map(|v| IntegerValue {
                        rust: v.name.rust.clone(),
                        value: v.value,
                        docs: [format!("`{}` (`{}`)", v.value, v.name.wire)]
                            .into_iter()
                            .chain(Some(v.description.clone()).filter(|d| !d.is_empty()))
                            .collect(),
                    })
                    .collect(),
                catch_all: catch_all(values.iter().map(|v| v.name.rust.as_str())),
            }),
            Type::Union {
                name,
                variants,
                discriminator,
            } => self.define(ty, name, scope, |this, scope| {
                this.union(name, variants, discriminator.as_ref(), scope)
            }),
        }
    }

    /// Names an inline definition where it occurs and defines it (outermost first).
    fn define(
        &mut self,
        node: &Type,
        ir_name: &str,
        scope: &mut Scope,
        kind: impl FnOnce(&mut Self, &mut Scope) -> ItemKind,
    ) -> Ty {
        if let Some(ty) = self.defined.get(&(node as *const Type)) {
            return ty.clone();
        }
        let name = match scope.own.take() {
            Some(own) if own == ir_name => own,
            _ if scope.module.is_none() => self.types.claim(ir_name),
            _ => self.root.claim(ir_name),
        };
        let docs = scope
            .first_docs
            .take()
            .unwrap_or_else(|| scope.part_docs.clone());
        // Once the outermost is met, every later definition is a part.
        scope.own = None;
        let at = scope.items.len();
        scope.items.push(placeholder());
        let kind = kind(self, scope);
        scope.items[at] = Item {
            name: name.clone(),
            docs,
            cfg: Vec::new(),
            kind,
        };
        let ty = Ty::Named {
            name,
            module: scope.module.clone(),
        };
        self.defined.insert(node, ty.clone());
        ty
    }

    /// A field of a JSON struct: its type (boxed, `Option`al) and how it is read.
    fn struct_field(&mut self, field: &Field, scope: &mut Scope) -> StructField {
        // A struct serves answers and requests alike: a member that travels one way only is
        // absent in the other, so it is never required.
        let one_way = !field.access.is_read_write();
        let optional = one_way || super::field_is_option(field.nullable, field.required);
        let resolved = self.resolve(&field.ty);
        let (ty, read) = if is_rfc2822(resolved) {
            (Ty::DateTimeOffset, FieldRead::Rfc2822)
        } else {
            let read = match resolved {
                Type::Integer { .. } | Type::Number { .. } => FieldRead::Lenient,
                Type::Array { .. } => FieldRead::List,
                _ => FieldRead::Plain,
            };
            (self.field_value(field, scope), read)
        };
        StructField {
            rust: field.name.rust.clone(),
            wire: field.name.wire.clone(),
            docs: field_docs(field, None),
            ty: if optional { ty.option() } else { ty },
            read,
            optional,
            omit_none: optional && (one_way || field.required != Presence::Required),
            facts: documented_field(field),
        }
    }

    /// The field that holds an object's members beyond `fields`: `additional_properties`
    /// unless a documented field has that name.
    fn rest_field(
        &mut self,
        values: &Type,
        fields: &[StructField],
        scope: &mut Scope,
    ) -> StructField {
        let taken: Vec<String> = fields.iter().map(|f| f.rust.clone()).collect();
        let mut name = [crate::names::field_name("additionalProperties")];
        crate::names::make_unique_beside(&taken, &mut name);
        let [name] = name;
        StructField {
            rust: name.rust,
            wire: "*".to_owned(),
            docs: vec![
                "The members beyond the fields above, by name (the document's \
                 `additionalProperties`)."
                    .to_owned(),
            ],
            ty: Ty::Map {
                values: Box::new(self.value(values, scope)),
            },
            read: FieldRead::Rest,
            optional: false,
            omit_none: false,
            facts: Documented {
                nullable: false,
                presence: crate::ir::Presence::Unstated,
                ty: format!("additionalProperties {}", documented(values)),
            },
        }
    }

    /// A field's value type, boxed when it would make its struct infinitely large.
    pub fn field_value(&mut self, field: &Field, scope: &mut Scope) -> Ty {
        self.boxed_if_recursive(&field.ty, scope)
    }

    /// A field's or union variant's type, boxed when it names a type on a cycle of values
    /// held inline (Stripe's `charge` -> id-or-`Charge` -> `application_fee` -> ...).
    pub(super) fn boxed_if_recursive(&mut self, ty: &Type, scope: &mut Scope) -> Ty {
        let value = self.value(ty, scope);
        let recursive =
            matches!(ty, Type::Named { name } if self.recursive.contains(name.as_str()));
        if recursive { value.boxed() } else { value }
    }

    /// What a response header is read as.
    pub fn header(&self, ty: &Type) -> HeaderTy {
        match self.resolve(ty) {
            Type::Boolean => HeaderTy::Bool,
            Type::Integer { .. } => HeaderTy::I64,
            Type::Number { .. } => HeaderTy::F64,
            _ => HeaderTy::String,
        }
    }
}

/// The variant that keeps an enum's unknown values: `Unknown`, unless a value is named so.
fn catch_all<'a>(mut variants: impl Iterator<Item = &'a str>) -> String {
    if variants.any(|v| v == "Unknown") {
        "UnknownValue".to_owned()
    } else {
        "Unknown".to_owned()
    }
}

fn placeholder() -> Item {
    Item {
        name: String::new(),
        docs: Vec::new(),
        cfg: Vec::new(),
        kind: ItemKind::Alias { ty: Ty::Unit },
    }
}

/// The Rust types a string can be, by its format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StringKind {
    Plain,
    DateTime,
    /// Twilio's `date-time-rfc-2822`: a `DateTime` as a struct field, text elsewhere.
    Rfc2822,
    Date,
}

/// `uri` stays a `String`: Twilio's URIs are often relative (`/2010-04-01/Accounts/...`) or
/// empty, which `url::Url` would refuse, failing a whole response.
pub fn string_kind(format: Option<&str>) -> StringKind {
    match format {
        Some("date-time") => StringKind::DateTime,
        Some("date-time-rfc-2822") => StringKind::Rfc2822,
        Some("date") => StringKind::Date,
        _ => StringKind::Plain,
    }
}

fn is_rfc2822(resolved: &Type) -> bool {
    matches!(resolved, Type::String { format } if string_kind(format.as_deref()) == StringKind::Rfc2822)
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
        Type::Tuple { items, .. } => items.iter().for_each(|i| direct_refs(i, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Name;

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
            required: crate::ir::Presence::Unstated,
            description: String::new(),
            facts: Vec::new(),
            access: Default::default(),
        };
        (
            name.to_owned(),
            Type::Object {
                name: name.to_owned(),
                fields: vec![field],
                additional: None,
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
