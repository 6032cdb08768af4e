//! Shapes that repeat across operations, defined once. Stripe's request bodies nest the same
//! inline objects and enums in every operation that takes them (an enum of `""` alone in 456
//! places, a metadata map-or-`""` in 85): each distinct shape of the operations' own items (a
//! struct, an enum, a union, with the same members, docs and nested shapes) that occurs in two
//! or more places becomes one item of the `types` module, and every place keeps its name as an
//! alias of it (`pub type PostCustomersRequestTaxExempt = crate::types::TaxExempt;`), so that
//! code naming a place compiles whether or not its shape is shared.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::namespace::Namespace;
use super::{Item, ItemKind, Plan, Ty};

/// Moves every shape that occurs in two or more operations' items into `plan.types`, named in
/// `types` (the `types` module's namespace), and makes each place an alias of it.
pub fn repeated_shapes(plan: &mut Plan, types: &mut Namespace) {
    let places = Places::new(plan);
    let groups = places.shared_groups();
    if groups.is_empty() {
        return;
    }
    // Names, claimed in the order of the names they prefer (then of their first place), so
    // that which one gets a number does not depend on the document's order.
    let mut order: Vec<(String, usize)> = groups
        .iter()
        .map(|(key, members)| (preferred_name(&places, members), *key))
        .collect();
    order.sort_by(|a, b| (&a.0, &groups[&a.1][0]).cmp(&(&b.0, &groups[&b.1][0])));
    let names: BTreeMap<usize, String> = order
        .into_iter()
        .map(|(preferred, key)| (key, types.claim(&preferred)))
        .collect();
    let shared_name = |module: &str, name: &str| -> Option<&String> {
        names.get(&places.keys[places.at(module, name)?])
    };
    for (key, members) in &groups {
        let first = &places.items[members[0]];
        let mut kind = first.item.kind.clone();
        each_item_ref(&mut kind, &mut |module, name| {
            let shared = shared_name(module, name)?;
            Some(Ty::Named {
                name: shared.clone(),
                module: None,
            })
        });
        plan.types.push(Item {
            name: names[key].clone(),
            docs: shared_docs(&places, members),
            cfg: Vec::new(),
            kind,
        });
    }
    for module in &mut plan.modules {
        let module_name = module.name.clone();
        for op in &mut module.operations {
            let request = op.request.iter_mut().flat_map(|r| &mut r.items);
            for item in request.chain(&mut op.response_items) {
                if let Some(shared) = shared_name(&module_name, &item.name) {
                    item.kind = ItemKind::Alias {
                        ty: Ty::Named {
                            name: shared.clone(),
                            module: None,
                        },
                    };
                }
            }
        }
    }
}

/// One operation item, where it is.
struct Place {
    module: String,
    item: Item,
}

/// Every operation's items, each with the key of its shape.
struct Places {
    items: Vec<Place>,
    /// By module and item name.
    index: HashMap<(String, String), usize>,
    /// Per item, its shape's key: equal keys, equal shapes (nested shapes compared by key).
    keys: Vec<usize>,
}

impl Places {
    fn new(plan: &Plan) -> Self {
        let mut items = Vec::new();
        for module in &plan.modules {
            for op in &module.operations {
                items.extend(op.items().map(|item| Place {
                    module: module.name.clone(),
                    item: item.clone(),
                }));
            }
        }
        let index = items
            .iter()
            .enumerate()
            .map(|(at, p)| ((p.module.clone(), p.item.name.clone()), at))
            .collect();
        let mut places = Places {
            items,
            index,
            keys: Vec::new(),
        };
        let mut interned = HashMap::new();
        let mut memo = vec![None; places.items.len()];
        for at in 0..places.items.len() {
            places.key(at, &mut memo, &mut interned, 0);
        }
        places.keys = memo
            .into_iter()
            .map(|key| key.unwrap_or(usize::MAX))
            .collect();
        places
    }

    /// The index of the operation item `name` of `module`.
    fn at(&self, module: &str, name: &str) -> Option<usize> {
        self.index
            .get(&(module.to_owned(), name.to_owned()))
            .copied()
    }

    /// The key of item `at`'s shape: its kind as JSON, with the operation items it names
    /// replaced by their keys. An item that is not a shape (a status enum, headers) is its own.
    fn key(
        &self,
        at: usize,
        memo: &mut Vec<Option<usize>>,
        interned: &mut HashMap<String, usize>,
        depth: usize,
    ) -> usize {
        if let Some(key) = memo[at] {
            return key;
        }
        let place = &self.items[at];
        let text = if is_shape(&place.item.kind) && depth < 64 {
            let mut kind = place.item.kind.clone();
            each_item_ref(&mut kind, &mut |module, name| {
                let name = match self.at(module, name) {
                    Some(nested) => format!("@{}", self.key(nested, memo, interned, depth + 1)),
                    None => format!("{module}::{name}"),
                };
                Some(Ty::Named { name, module: None })
            });
            serde_json::to_string(&kind).unwrap_or_default()
        } else {
            format!("{}::{}", place.module, place.item.name)
        };
        let next = interned.len();
        let key = *interned.entry(text).or_insert(next);
        memo[at] = Some(key);
        key
    }

    /// Keys of the shapes that occur in two or more places, with those places in order;
    /// a shape that names an operation item not shared itself stays where it is.
    fn shared_groups(&self) -> BTreeMap<usize, Vec<usize>> {
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (at, place) in self.items.iter().enumerate() {
            if is_shape(&place.item.kind) {
                groups.entry(self.keys[at]).or_default().push(at);
            }
        }
        groups.retain(|_, members| members.len() > 1);
        loop {
            let unshared: BTreeSet<usize> = groups
                .iter()
                .filter(|(_, members)| !self.names_only(members[0], &groups))
                .map(|(key, _)| *key)
                .collect();
            if unshared.is_empty() {
                return groups;
            }
            groups.retain(|key, _| !unshared.contains(key));
        }
    }

    /// Whether every operation item that item `at` names is shared.
    fn names_only(&self, at: usize, groups: &BTreeMap<usize, Vec<usize>>) -> bool {
        let mut all = true;
        let mut kind = self.items[at].item.kind.clone();
        each_item_ref(&mut kind, &mut |module, name| {
            all &= self
                .at(module, name)
                .is_some_and(|nested| groups.contains_key(&self.keys[nested]));
            None
        });
        all
    }
}

/// The kinds of item that are a value's shape and nothing of its operation's.
fn is_shape(kind: &ItemKind) -> bool {
    match kind {
        ItemKind::Struct { .. }
        | ItemKind::Enum { .. }
        | ItemKind::IntegerEnum { .. }
        | ItemKind::Union { .. }
        | ItemKind::Untagged { .. }
        | ItemKind::Tagged { .. } => true,
        ItemKind::Alias { .. } | ItemKind::ByStatus { .. } | ItemKind::Headers { .. } => false,
    }
}

/// The words its places' names end with alike, when there are two or more
/// (`PostCustomersRequestTaxExempt`, `PostCustomersCustomerRequestTaxExempt`:
/// `RequestTaxExempt`); `EmptyString` for an enum of `""` alone (how Stripe's documents say a
/// member may be sent empty to clear it, in 456 places); else the first place's name.
fn preferred_name(places: &Places, members: &[usize]) -> String {
    let first = &places.items[members[0]].item;
    if matches!(&first.kind, ItemKind::Enum { values, .. } if values.len() == 1 && values[0].wire.is_empty())
    {
        return "EmptyString".to_owned();
    }
    let words: Vec<Vec<&str>> = members
        .iter()
        .map(|at| camel_words(&places.items[*at].item.name))
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let common = (0..shortest)
        .take_while(|back| {
            let word = words[0][words[0].len() - 1 - back];
            words.iter().all(|w| w[w.len() - 1 - back] == word)
        })
        .count();
    if common >= 2 {
        let words = &words[0];
        words[words.len() - common..].concat()
    } else {
        first.name.clone()
    }
}

/// `PostCustomersRequestTaxExempt`: `Post`, `Customers`, `Request`, `Tax`, `Exempt` (digits
/// stay with the word before them).
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (at, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..at]);
            start = at;
        }
    }
    words.push(&name[start..]);
    words
}

/// The first place's docs, and which places share the shape.
fn shared_docs(places: &Places, members: &[usize]) -> Vec<String> {
    const LISTED: usize = 6;
    let mut docs = places.items[members[0]].item.docs.clone();
    let names: Vec<String> = members
        .iter()
        .take(LISTED)
        .map(|at| format!("`{}`", places.items[*at].item.name))
        .collect();
    let more = match members.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    docs.push(format!(
        "The shape of {}{more}, defined once.",
        names.join(", ")
    ));
    docs
}

/// Calls `f` with the module and name of every operation item an item kind names (nested in
/// `Vec`s, `Option`s, ...), and puts the type it gives in that one's place.
fn each_item_ref(kind: &mut ItemKind, f: &mut impl FnMut(&str, &str) -> Option<Ty>) {
    each_ty(kind, &mut |ty| {
        if let Ty::Named {
            name,
            module: Some(module),
        } = ty
        {
            if let Some(new) = f(module, name) {
                *ty = new;
            }
        }
    });
}

/// Calls `f` on every `Ty` an item kind holds, nested ones included.
fn each_ty(kind: &mut ItemKind, f: &mut impl FnMut(&mut Ty)) {
    fn walk(ty: &mut Ty, f: &mut impl FnMut(&mut Ty)) {
        match ty {
            Ty::Events { item: inner }
            | Ty::Vec { items: inner }
            | Ty::Map { values: inner }
            | Ty::Option { inner }
            | Ty::Box { inner }
            | Ty::Nullable { inner } => walk(inner, f),
            Ty::Tuple { items, rest } => items
                .iter_mut()
                .chain(rest.as_deref_mut())
                .for_each(|item| walk(item, f)),
            Ty::Named { .. } => f(ty),
            Ty::String
            | Ty::DateTime
            | Ty::DateTimeOffset
            | Ty::Date
            | Ty::I32
            | Ty::I64
            | Ty::F64
            | Ty::Bool
            | Ty::Value
            | Ty::JsonMap
            | Ty::Unit
            | Ty::Upload
            | Ty::Download => {}
        }
    }
    match kind {
        ItemKind::Struct { fields } => fields.iter_mut().for_each(|field| walk(&mut field.ty, f)),
        ItemKind::Union { variants } | ItemKind::Untagged { variants } => {
            variants.iter_mut().for_each(|v| walk(&mut v.ty, f))
        }
        ItemKind::Tagged { variants, .. } => variants.iter_mut().for_each(|v| walk(&mut v.ty, f)),
        ItemKind::Alias { ty } => walk(ty, f),
        // Not shapes: never shared, never in a shared shape.
        ItemKind::Enum { .. }
        | ItemKind::IntegerEnum { .. }
        | ItemKind::ByStatus { .. }
        | ItemKind::Headers { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::EnumValue;

    fn place(module: &str, name: &str, values: &[&str]) -> Place {
        let values = values
            .iter()
            .map(|v| EnumValue {
                rust: (*v).to_owned(),
                wire: (*v).to_owned(),
            })
            .collect();
        Place {
            module: module.to_owned(),
            item: Item {
                name: name.to_owned(),
                docs: Vec::new(),
                cfg: Vec::new(),
                kind: ItemKind::Enum {
                    values,
                    catch_all: "Unknown".to_owned(),
                },
            },
        }
    }

    fn places(items: Vec<Place>) -> Places {
        let index = items
            .iter()
            .enumerate()
            .map(|(at, p)| ((p.module.clone(), p.item.name.clone()), at))
            .collect();
        Places {
            items,
            index,
            keys: Vec::new(),
        }
    }

    #[test]
    fn names_are_the_words_the_places_end_with_alike() {
        assert_eq!(
            camel_words("PostCustomersRequestTaxExempt"),
            ["Post", "Customers", "Request", "Tax", "Exempt"]
        );
        assert_eq!(camel_words("V2Item"), ["V2", "Item"]);
        let two = places(vec![
            place("a", "PostCustomersRequestTaxExempt", &["exempt"]),
            place("b", "PostCustomersCustomerRequestTaxExempt", &["exempt"]),
        ]);
        assert_eq!(preferred_name(&two, &[0, 1]), "RequestTaxExempt");
        // One word alike is too little to say what the shape is: the first place's name.
        let one = places(vec![
            place("a", "CreateThingMode", &["x"]),
            place("b", "UpdateOtherMode", &["x"]),
        ]);
        assert_eq!(preferred_name(&one, &[0, 1]), "CreateThingMode");
        let empty = places(vec![
            place("a", "AString", &[""]),
            place("b", "BString", &[""]),
        ]);
        assert_eq!(preferred_name(&empty, &[0, 1]), "EmptyString");
    }
}
