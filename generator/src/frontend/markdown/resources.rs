//! A folder of pages is one API: every page names its objects after itself
//! (`CreateRoomResponse`, `FetchRoomResponse`, `ListRoomsResponseRooms`), but where they have
//! one shape (the same wire names in the same order, types, nullability and nested structure) a
//! hand-written SDK has one `Room`. Each shape that occurs more than once becomes one named
//! type, named after its resource; shapes that differ stay apart, and where one is named like
//! a shared type without being it, a note says which field tells them apart.
//!
//! A shape's resource: a body's is its path's collection (`/v1/Rooms/{Sid}` gives `Room`; a
//! request body `RoomRequest`, a `GET` of the collection itself `RoomPage`), an array's items'
//! is the array member's name made singular (`rooms` gives `Room`), an object member's is its
//! name (`meta` gives `Meta`). The most frequent among a shape's places wins (ties: the first
//! alphabetically); two shapes that want one name get it in order of how often they occur, then
//! of their shape, and the later gets a number. Pages are visited in order of their operation's
//! Rust name, so nothing depends on the order of the files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::Diagnostic;
use crate::ir::{Field, Method, Name, NamedType, Operation, PathPart, Type};
use crate::names;

/// Replaces every repeated object shape of `operations` by a named type and returns the types.
/// `reserved` are type names taken already (other inputs' named types).
pub fn share(
    operations: &mut [Operation],
    reserved: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<NamedType> {
    let mut order: Vec<usize> = (0..operations.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&operations[a], &operations[b]);
        (&a.name.rust, &a.source).cmp(&(&b.name.rust, &b.source))
    });
    let mut shapes = Shapes::default();
    for &i in &order {
        for (ty, noun) in roots(&operations[i]) {
            shapes.collect(ty, noun, &operations[i]);
        }
    }
    let names = choose_names(&shapes.by_key, reserved);
    explain_near_misses(&shapes.by_key, &names, diagnostics);
    let mut sharing = Sharing {
        shapes: &shapes,
        names: &names,
        types: BTreeMap::new(),
    };
    for &i in &order {
        for ty in roots_mut(&mut operations[i]) {
            sharing.replace(ty);
        }
    }
    sharing.types.into_values().collect()
}

/// Every object shape with members, by key. In the key of what holds it, an object stands as
/// its id (`#3`), so that a key is only as long as one object's members.
#[derive(Default)]
struct Shapes {
    by_key: BTreeMap<String, Shape>,
    ids: HashMap<String, usize>,
}

impl Shapes {
    /// Records every object of `ty`, innermost first; returns `ty`'s key.
    fn collect(&mut self, ty: &Type, noun: String, op: &Operation) -> String {
        match ty {
            Type::Object {
                name,
                fields,
                additional,
            } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| self.collect(&f.ty, member_noun(f), op))
                    .collect();
                let additional = additional
                    .as_deref()
                    .map(|a| self.collect(a, noun.clone(), op));
                let key = object_key(fields, &parts, additional);
                if fields.is_empty() {
                    return key;
                }
                let shape = self.by_key.entry(key.clone()).or_default();
                *shape.nouns.entry(noun).or_default() += 1;
                shape.users.insert(op.name.rust.clone());
                shape.first.get_or_insert_with(|| First {
                    name: name.clone(),
                    fields: fields.clone(),
                    parts,
                    file: op.source.clone(),
                });
                let next = self.ids.len();
                format!("#{}", self.ids.entry(key).or_insert(next))
            }
            Type::Array { items } => format!("[{}]", self.collect(items, noun, op)),
            Type::Map { values, format } => map_key(format, &self.collect(values, noun, op)),
            Type::Union { variants, .. } => {
                let parts: Vec<String> = variants
                    .iter()
                    .map(|v| self.collect(v, noun.clone(), op))
                    .collect();
                format!("union({})", parts.join("|"))
            }
            other => leaf_key(other),
        }
    }

    /// The id an object's key stands for in its holder's key.
    fn id(&self, key: &str) -> String {
        self.ids
            .get(key)
            .map_or_else(|| key.to_owned(), |id| format!("#{id}"))
    }
}

/// The objects `share` replaces, and the named types it has made of them.
struct Sharing<'a> {
    shapes: &'a Shapes,
    /// The name of each shape that is shared, by key.
    names: &'a BTreeMap<String, String>,
    types: BTreeMap<String, NamedType>,
}

/// Every place one shape occurs.
#[derive(Default)]
struct Shape {
    /// The resource names its places give it, with how often.
    nouns: BTreeMap<String, usize>,
    /// The Rust names of the operations it occurs in.
    users: BTreeSet<String>,
    /// The first place's object (in the order pages are visited), for notes.
    first: Option<First>,
}

impl Shape {
    /// How many places it occurs in: each gave it one noun.
    fn places(&self) -> usize {
        self.nouns.values().sum()
    }
}

struct First {
    /// Its own name, on its page.
    name: String,
    fields: Vec<Field>,
    /// Each member's key.
    parts: Vec<String>,
    file: String,
}

/// A body root's type with the resource name it has by its place.
fn roots(op: &Operation) -> Vec<(&Type, String)> {
    let noun = collection_noun(op);
    let mut roots = Vec::new();
    if let Some(body) = &op.body {
        roots.push((&body.ty, format!("{noun}Request")));
    }
    let listing = op.method == Method::Get && ends_with_collection(op);
    for response in &op.responses {
        if let Some(body) = &response.body {
            let noun = match &body.ty {
                Type::Object { .. } if listing => format!("{noun}Page"),
                _ => noun.clone(),
            };
            roots.push((&body.ty, noun));
        }
    }
    roots
}

fn roots_mut(op: &mut Operation) -> Vec<&mut Type> {
    let mut roots: Vec<&mut Type> = op.body.iter_mut().map(|b| &mut b.ty).collect();
    roots.extend(
        op.responses
            .iter_mut()
            .filter_map(|r| r.body.as_mut())
            .map(|b| &mut b.ty),
    );
    roots
}

/// `/v1/Rooms/{Sid}` -> `Room`: the last segment of the path that is all literal, singular,
/// without an extension (`Calls.json`).
fn collection_noun(op: &Operation) -> String {
    let segment = op
        .path
        .segments
        .iter()
        .rev()
        .find_map(|parts| match parts.as_slice() {
            [PathPart::Literal(text)] => Some(text.split('.').next().unwrap_or(text).to_owned()),
            _ => None,
        });
    names::camel(&singular(segment.as_deref().unwrap_or("resource")))
}

/// Whether the path ends in its collection (`/v1/Rooms`) rather than one of its items.
fn ends_with_collection(op: &Operation) -> bool {
    matches!(
        op.path.segments.last().map(Vec::as_slice),
        Some([PathPart::Literal(_)])
    )
}

/// `rooms` (an array) -> `Room`; `meta` -> `Meta`.
fn member_noun(field: &Field) -> String {
    match &field.ty {
        Type::Array { .. } => names::camel(&singular(&field.name.wire)),
        _ => names::camel(&field.name.wire),
    }
}

/// English plurals as API paths and members use them: `Rooms`, `categories`, `addresses`.
fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|_| word.len() > 4) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes", "zes"] {
        if lower.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if lower.ends_with('s') && !["ss", "us", "is"].iter().any(|s| lower.ends_with(s)) {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

/// What two objects must share to be one type: member wire names in order, types (formats
/// included: they choose the Rust type), nullability, presence and direction, recursively
/// (`parts` are the members' keys).
fn object_key(fields: &[Field], parts: &[String], additional: Option<String>) -> String {
    let members: Vec<String> = fields
        .iter()
        .zip(parts)
        .map(|(field, part)| member_key(field, part))
        .collect();
    format!(
        "{{{};{}}}",
        members.join(","),
        additional.unwrap_or_default()
    )
}

fn member_key(field: &Field, part: &str) -> String {
    format!(
        "{}:{part}{}{:?}{:?}",
        field.name.wire,
        if field.nullable { "?" } else { "" },
        field.required,
        field.access
    )
}

fn map_key(format: &Option<String>, values: &str) -> String {
    format!("map({})<{values}>", format.as_deref().unwrap_or(""))
}

/// The key of a type that holds no other type.
fn leaf_key(ty: &Type) -> String {
    match ty {
        Type::String { format } => format!("string({})", format.as_deref().unwrap_or("")),
        Type::Integer { format } => format!("integer({})", format.as_deref().unwrap_or("")),
        Type::Number { format } => format!("number({})", format.as_deref().unwrap_or("")),
        Type::Boolean => "boolean".into(),
        Type::Any => "any".into(),
        Type::Enum { values, .. } => {
            let values: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
            format!("enum({})", values.join(","))
        }
        Type::IntegerEnum { values, .. } => {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("{}={}", v.name.wire, v.value))
                .collect();
            format!("integer_enum({})", values.join(","))
        }
        Type::Named { name } => format!("named({name})"),
        // Keyed by what they hold, where they are met.
        Type::Object { .. }
        | Type::Array { .. }
        | Type::Tuple { .. }
        | Type::Map { .. }
        | Type::Union { .. } => String::new(),
    }
}

/// The Rust name of each shape that occurs more than once, by its key.
fn choose_names(shapes: &BTreeMap<String, Shape>, reserved: &[String]) -> BTreeMap<String, String> {
    let mut shared: Vec<(&String, &Shape)> = shapes
        .iter()
        .filter(|(_, shape)| shape.places() > 1)
        .collect();
    shared.sort_by(|a, b| b.1.places().cmp(&a.1.places()).then(a.0.cmp(b.0)));
    // Names the pages' own objects keep are taken too.
    let mut taken: BTreeSet<String> = reserved.iter().cloned().collect();
    taken.extend(
        shapes
            .values()
            .filter(|shape| shape.places() == 1)
            .filter_map(|shape| shape.first.as_ref().map(|first| first.name.clone())),
    );
    let mut names = BTreeMap::new();
    for (key, shape) in shared {
        let noun = best_noun(shape);
        let mut name = noun.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{noun}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        names.insert(key.clone(), name);
    }
    names
}

fn best_noun(shape: &Shape) -> String {
    let mut nouns: Vec<(&String, &usize)> = shape.nouns.iter().collect();
    nouns.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    nouns
        .first()
        .map_or_else(String::new, |(noun, _)| (*noun).clone())
}

/// A note for each shape that a shared type's name fits but that is not the shared type: the
/// first member (by wire name) that tells them apart.
fn explain_near_misses(
    shapes: &BTreeMap<String, Shape>,
    names: &BTreeMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_noun: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for (key, shape) in shapes {
        by_noun.entry(best_noun(shape)).or_default().push(key);
    }
    for (key, name) in names {
        let Some(shared) = &shapes[key].first else {
            continue;
        };
        for other_key in &by_noun[&best_noun(&shapes[key])] {
            let Some(other) = shapes[*other_key]
                .first
                .as_ref()
                .filter(|_| *other_key != key)
            else {
                continue;
            };
            // Two shared types are told apart once, from the first name's side.
            let other_name = match names.get(*other_key) {
                Some(shared) if shared < name => continue,
                Some(shared) => shared,
                None => &other.name,
            };
            let difference = first_difference(shared, other);
            diagnostics.push(Diagnostic::note(
                &other.file,
                None,
                format!("`{other_name}` is not the shared type `{name}`: {difference}"),
            ));
        }
    }
}

fn first_difference(shared: &First, other: &First) -> String {
    let mut wires: Vec<&str> = shared
        .fields
        .iter()
        .chain(&other.fields)
        .map(|f| f.name.wire.as_str())
        .collect();
    wires.sort_unstable();
    wires.dedup();
    let find = |first: &'_ First, wire: &str| {
        let at = first.fields.iter().position(|f| f.name.wire == wire)?;
        Some((
            first.fields[at].clone(),
            member_key(&first.fields[at], &first.parts[at]),
        ))
    };
    for wire in wires {
        match (find(shared, wire), find(other, wire)) {
            (Some(_), None) => return format!("it has no member `{wire}`"),
            (None, Some(_)) => return format!("it has a member `{wire}` the shared type has not"),
            (Some((a, key_a)), Some((b, key_b))) if key_a != key_b => {
                let (a, b) = (expression(&a), expression(&b));
                return if a == b {
                    format!("its member `{wire}` differs in presence, direction or members")
                } else {
                    format!("its member `{wire}` is `{b}` where the shared type's is `{a}`")
                };
            }
            _ => {}
        }
    }
    "its members come in another order".to_owned()
}

/// A member's type as a page writes it (`string(http-method) | null`, `array[object]`).
fn expression(field: &Field) -> String {
    fn base(ty: &Type) -> String {
        let with = |word: &str, format: &Option<String>| match format {
            Some(format) => format!("{word}({format})"),
            None => word.to_owned(),
        };
        match ty {
            Type::String { format } => with("string", format),
            Type::Integer { format } => with("integer", format),
            Type::Number { format } => with("number", format),
            Type::Map { format, .. } => with("object", format),
            Type::Boolean => "boolean".into(),
            Type::Any => "()".into(),
            Type::Array { items } => format!("array[{}]", base(items)),
            Type::Tuple { items, .. } => {
                let items: Vec<String> = items.iter().map(base).collect();
                format!("tuple[{}]", items.join(", "))
            }
            Type::Object { fields, .. } => {
                let names: Vec<&str> = fields.iter().map(|f| f.name.wire.as_str()).collect();
                format!("object {{{}}}", names.join(", "))
            }
            Type::Enum { name, .. }
            | Type::IntegerEnum { name, .. }
            | Type::Union { name, .. }
            | Type::Named { name } => name.clone(),
        }
    }
    let null = if field.nullable { " | null" } else { "" };
    format!("{}{null}", base(&field.ty))
}

impl Sharing<'_> {
    /// Replaces shared shapes, innermost first, and records each shared type at its first
    /// place; returns `ty`'s key as [`Shapes::collect`] gave it.
    fn replace(&mut self, ty: &mut Type) -> String {
        let key = match ty {
            Type::Object {
                fields, additional, ..
            } => {
                let parts: Vec<String> =
                    fields.iter_mut().map(|f| self.replace(&mut f.ty)).collect();
                let additional = additional.as_deref_mut().map(|a| self.replace(a));
                object_key(fields, &parts, additional)
            }
            Type::Array { items } => return format!("[{}]", self.replace(items)),
            Type::Map { values, format } => {
                let values = self.replace(values);
                return map_key(format, &values);
            }
            Type::Union { variants, .. } => {
                let parts: Vec<String> = variants.iter_mut().map(|v| self.replace(v)).collect();
                return format!("union({})", parts.join("|"));
            }
            other => return leaf_key(other),
        };
        if let Some(name) = self.names.get(&key) {
            let mut shape = std::mem::replace(ty, Type::Named { name: name.clone() });
            if let Type::Object { name: own, .. } = &mut shape {
                own.clone_from(name);
            }
            let users = &self.shapes.by_key[&key].users;
            self.types.entry(name.clone()).or_insert_with(|| NamedType {
                name: Name {
                    wire: name.clone(),
                    rust: name.clone(),
                },
                description: used_by(users),
                ty: shape,
            });
        }
        self.shapes.id(&key)
    }
}

/// ``The shape `create_room`, `fetch_room` and `list_rooms` share.``
fn used_by(users: &BTreeSet<String>) -> String {
    let names: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
    let list = match names.as_slice() {
        [] => return String::new(),
        [one] => return format!("A shape {one} uses in more than one place."),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    format!("The shape {list} share.")
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn plurals_of_paths_and_members() {
        for (plural, one) in [
            ("Rooms", "Room"),
            ("rooms", "room"),
            ("categories", "category"),
            ("addresses", "address"),
            ("Boxes", "Box"),
            ("status", "status"),
            ("Media", "Media"),
            ("analysis", "analysis"),
            ("access", "access"),
        ] {
            assert_eq!(singular(plural), one);
        }
    }
}
