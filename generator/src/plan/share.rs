//! Shapes that repeat, defined once. Stripe's request bodies nest the same inline objects and
//! enums in every operation that takes them (an enum of `""` alone in 456 places, a
//! metadata map-or-`""` in 85), and its schemas repeat the same enums in their parts (the 295
//! merchant categories 6 times, `active`/`inactive`/`pending` in 37): each distinct shape (a
//! struct, an enum, a union, with the same members, docs and nested shapes) that occurs in two
//! or more places, among the operations' items and the `types` module's, is defined once in
//! `types`, and every other place keeps its name as an alias of it
//! (`pub type PostCustomersRequestTaxExempt = crate::types::TaxExempt;`), so that code naming
//! a place compiles whether or not its shape is shared.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::namespace::Namespace;
use super::{ArmBody, Item, ItemKind, Plan, Ty};

/// Where a place is: `None` for the `types` module, else the operations' module.
type Module = Option<String>;

/// Defines every shape that occurs in two or more places once in `plan.types`, named in
/// `types` (the `types` module's namespace), and makes each other place an alias of it.
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
    let homes: BTreeMap<usize, Home> = order
        .into_iter()
        .map(|(preferred, key)| (key, Home::of(&places, &groups[&key], &preferred, types)))
        .collect();
    let shared_name = |module: Option<&str>, name: &str| -> Option<&str> {
        Some(
            homes
                .get(&places.keys[places.at(module, name)?])?
                .name(&places),
        )
    };
    let named = |name: &str| Ty::Named {
        name: name.to_owned(),
        module: None,
    };
    // The shared definitions: a new item, or the place that is one, with its nested shapes
    // named by their shared names.
    let mut definitions: BTreeMap<String, Item> = BTreeMap::new();
    for (key, members) in &groups {
        let home = &homes[key];
        let first = &places.items[members[0]].item;
        let mut kind = first.kind.clone();
        each_item_ref(&mut kind, &mut |module, name| {
            shared_name(module, name).map(named)
        });
        let name = home.name(&places).to_owned();
        let docs = shared_docs(&places, members, home.place());
        definitions.insert(
            name.clone(),
            Item {
                name,
                docs,
                cfg: Vec::new(),
                kind,
            },
        );
    }
    let mut place = |module: Option<&str>, item: &mut Item| {
        let Some(shared) = shared_name(module, &item.name) else {
            return;
        };
        if module.is_some() || shared != item.name {
            item.kind = ItemKind::Alias { ty: named(shared) };
        } else if let Some(definition) = definitions.remove(shared) {
            item.docs = definition.docs;
            item.kind = definition.kind;
        }
    };
    for module in &mut plan.modules {
        let module_name = module.name.clone();
        for op in &mut module.operations {
            let request = op.request.iter_mut().flat_map(|r| &mut r.items);
            for item in request.chain(&mut op.response_items) {
                place(Some(&module_name), item);
            }
        }
    }
    for item in &mut plan.types {
        place(None, item);
    }
    plan.types.extend(definitions.into_values());
}

/// Where a shared shape is defined: a new item of `types`, or one of its places in `types`
/// that keeps its definition (the others alias it).
enum Home {
    New(String),
    Place(usize),
}

impl Home {
    fn name<'a>(&'a self, places: &'a Places) -> &'a str {
        match self {
            Home::New(name) => name,
            Home::Place(at) => &places.items[*at].item.name,
        }
    }

    /// The place that keeps the definition, if one does.
    fn place(&self) -> Option<usize> {
        match self {
            Home::New(_) => None,
            Home::Place(at) => Some(*at),
        }
    }

    /// The `types` place named as the places' common words are, when there is one; else a new
    /// item of that name when they have two or more words alike; else the `types` place with
    /// the shortest name; else a new item named as the first place.
    fn of(places: &Places, members: &[usize], preferred: &str, types: &mut Namespace) -> Home {
        let in_types = || {
            members
                .iter()
                .filter(|at| places.items[**at].module.is_none())
        };
        if let Some(at) = in_types().find(|at| places.items[**at].item.name == preferred) {
            return Home::Place(*at);
        }
        let shortest = in_types().min_by_key(|at| {
            let name = &places.items[**at].item.name;
            (name.len(), name.clone())
        });
        match shortest {
            Some(at) if common_words(places, members).is_none() || types.is_taken(preferred) => {
                Home::Place(*at)
            }
            _ => Home::New(types.claim(preferred)),
        }
    }
}

/// An item of the `types` module or of an operation, where it is.
struct Place {
    module: Module,
    item: Item,
}

/// Every item of `types` (first, so that a group's first place is one when it has one) and
/// of the operations, each with the key of its shape.
struct Places {
    items: Vec<Place>,
    /// By module and item name.
    index: HashMap<(Module, String), usize>,
    /// Per item, its shape's key: equal keys, equal shapes (nested shapes compared by key).
    keys: Vec<usize>,
}

impl Places {
    fn new(plan: &Plan) -> Self {
        let mut items: Vec<Place> = plan
            .types
            .iter()
            .map(|item| Place {
                module: None,
                item: item.clone(),
            })
            .collect();
        for module in &plan.modules {
            for op in &module.operations {
                items.extend(op.items().map(|item| Place {
                    module: Some(module.name.clone()),
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

    /// The index of the item `name` of `module` (`None`: of `types`).
    fn at(&self, module: Option<&str>, name: &str) -> Option<usize> {
        self.index
            .get(&(module.map(str::to_owned), name.to_owned()))
            .copied()
    }

    /// The key of item `at`'s shape: its kind as JSON, with the operation items it names
    /// replaced by their keys. An item that is not a shape (a status enum, headers, an alias)
    /// is its own.
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
                    None => format!("{module:?}::{name}"),
                };
                Some(Ty::Named { name, module: None })
            });
            serde_json::to_string(&kind).unwrap_or_default()
        } else {
            format!("{:?}::{}", place.module, place.item.name)
        };
        let next = interned.len();
        let key = *interned.entry(text).or_insert(next);
        memo[at] = Some(key);
        key
    }

    /// Keys of the shapes that occur in two or more places, with those places in order;
    /// a shape that names an operation item not shared itself stays where it is (`types`
    /// cannot name it).
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

    /// Whether every operation item that item `at` names is shared (`types` names any of
    /// its own).
    fn names_only(&self, at: usize, groups: &BTreeMap<usize, Vec<usize>>) -> bool {
        let mut all = true;
        let mut kind = self.items[at].item.kind.clone();
        each_item_ref(&mut kind, &mut |module, name| {
            all &= module.is_none()
                || self
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
        // Answers by status with a catch-all arm (an operation's `default` error, most often):
        // without one, the operation's docs name the variant for an undocumented status.
        ItemKind::ByStatus { other, .. } => other.is_none(),
        ItemKind::Alias { .. } | ItemKind::Headers { .. } => false,
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
    if let Some(common) = common_words(places, members) {
        return common;
    }
    match &first.kind {
        // The statuses' variants and what the places are (`DefaultError` for the errors of
        // the operations that document `default` alone).
        ItemKind::ByStatus { arms, .. } if arms.len() <= 3 => {
            let what = camel_words(&first.name).last().copied().unwrap_or_default();
            let variants: String = arms.iter().map(|arm| arm.variant.as_str()).collect();
            format!("{variants}{what}")
        }
        _ => first.name.clone(),
    }
}

/// The two or more words all the places' names end with, if they do.
fn common_words(places: &Places, members: &[usize]) -> Option<String> {
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
    (common >= 2).then(|| words[0][words[0].len() - common..].concat())
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

/// The docs of the place that is the definition (`home`), or of the first place, and which
/// (other) places share the shape.
fn shared_docs(places: &Places, members: &[usize], home: Option<usize>) -> Vec<String> {
    const LISTED: usize = 6;
    let source = &places.items[home.unwrap_or(members[0])].item;
    // An operation's answers are documented as that operation's: not those of the others.
    let mut docs = match source.kind {
        ItemKind::ByStatus { .. } => vec!["Answers told apart by their status.".to_owned()],
        _ => source.docs.clone(),
    };
    let others: Vec<usize> = members
        .iter()
        .copied()
        .filter(|at| Some(*at) != home)
        .collect();
    let names: Vec<String> = others
        .iter()
        .take(LISTED)
        .map(|at| format!("`{}`", places.items[*at].item.name))
        .collect();
    let more = match others.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let lead = if home.is_some() {
        "Also the shape of"
    } else {
        "The shape of"
    };
    docs.push(format!("{lead} {}{more}, defined once.", names.join(", ")));
    docs
}

/// Calls `f` with the module (`None`: `types`) and name of every item an item kind names
/// (nested in `Vec`s, `Option`s, ...), and puts the type it gives in that one's place.
fn each_item_ref(kind: &mut ItemKind, f: &mut impl FnMut(Option<&str>, &str) -> Option<Ty>) {
    each_ty(kind, &mut |ty| {
        if let Ty::Named { name, module } = ty {
            if let Some(new) = f(module.as_deref(), name) {
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
        ItemKind::ByStatus { arms, .. } => arms.iter_mut().for_each(|arm| match &mut arm.body {
            ArmBody::Json(ty) => walk(ty, f),
            ArmBody::Text | ArmBody::Bytes | ArmBody::Empty => {}
        }),
        // No types inside.
        ItemKind::Enum { .. } | ItemKind::IntegerEnum { .. } | ItemKind::Headers { .. } => {}
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
            module: Some(module.to_owned()),
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
