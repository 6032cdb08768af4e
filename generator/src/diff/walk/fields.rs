//! Fields of one struct, matched by wire name, and the types they hold, as the plans have them.

use super::{Role, Side, Site, Walk};
use crate::diff::Kind;
use crate::diff::rules::{self, Rule};
use crate::plan::{self, Documented, EnumValue, Item, ItemKind, Presence, Ty};

/// A field of a generated struct: a request member, a JSON struct field or a header.
#[derive(Clone)]
pub(super) struct Slot<'p> {
    pub(super) wire: &'p str,
    pub(super) rust: &'p str,
    /// As declared, with its `Option` (headers: the value type; they are always `Option`s).
    pub(super) ty: Ty,
    pub(super) facts: &'p Documented,
    /// Where a request sends it.
    pub(super) place: Option<&'static str>,
    /// Path parameters are always required.
    pub(super) path_param: bool,
}

impl<'p> Slot<'p> {
    pub(super) fn fields(fields: &'p [plan::StructField]) -> Vec<Slot<'p>> {
        fields
            .iter()
            .map(|f| Slot {
                wire: &f.wire,
                rust: &f.rust,
                ty: f.ty.clone(),
                facts: &f.facts,
                place: None,
                path_param: false,
            })
            .collect()
    }

    pub(super) fn headers(fields: &'p [plan::HeaderField]) -> Vec<Slot<'p>> {
        fields
            .iter()
            .map(|h| Slot {
                wire: &h.wire,
                rust: &h.rust,
                ty: h.ty.ty(),
                facts: &h.facts,
                place: None,
                path_param: false,
            })
            .collect()
    }

    fn is_option(&self, role: Role) -> bool {
        role.is_option(self.facts.nullable, self.facts.presence, self.path_param)
    }

    /// `name: Type` as the field is declared in its struct.
    fn declaration(&self, role: Role) -> String {
        let ty = match role {
            Role::Header => format!("Option<{}>", self.ty.text()),
            _ => self.ty.text(),
        };
        format!("{}: {ty}", self.rust)
    }
}

impl Walk<'_> {
    /// Matches the fields of one struct and reports what was added, removed or changed.
    pub(super) fn members(&mut self, site: &Site, old: &[Slot], new: &[Slot]) {
        let mut taken = vec![false; new.len()];
        let mut pairs = Vec::new();
        let mut unmatched = Vec::new();
        for o in old {
            match take(new, &mut taken, |n| n.wire == o.wire) {
                Some(i) => pairs.push((o.clone(), new[i].clone())),
                None => unmatched.push(o.clone()),
            }
        }
        // Left over on both sides with the same Rust name: the same field under a new wire name.
        for o in unmatched {
            match take(new, &mut taken, |n| n.rust == o.rust) {
                Some(i) => {
                    let n = new[i].clone();
                    self.at(
                        &site.field(n.wire),
                        Kind::FieldRenamed,
                        &rules::WIRE_RENAMED,
                        format!(
                            "renamed on the wire from `{}` (Rust `{}` unchanged)",
                            o.wire, n.rust
                        ),
                    );
                    pairs.push((o, n));
                }
                None => self.removed(site, &o),
            }
        }
        for (index, n) in new.iter().enumerate() {
            if !taken[index] {
                self.added(site, n);
            }
        }
        for (o, n) in pairs {
            self.member(&site.field(n.wire), &o, &n);
        }
    }

    fn added(&mut self, site: &Site, slot: &Slot) {
        let rule = match site.role {
            Role::Request if slot.is_option(site.role) => &rules::OPTIONAL_REQUEST_FIELD_ADDED,
            Role::Request => &rules::REQUIRED_REQUEST_FIELD_ADDED,
            Role::Sent => &rules::SENT_OBJECT_FIELD_ADDED,
            Role::Received | Role::Header => &rules::RESPONSE_FIELD_ADDED,
        };
        let declared = slot.declaration(site.role);
        let detail = match slot.place {
            Some(place) => format!("added ({place}): `{declared}`"),
            None => format!("added: `{declared}`"),
        };
        self.at(&site.field(slot.wire), Kind::FieldAdded, rule, detail);
    }

    fn removed(&mut self, site: &Site, slot: &Slot) {
        let rule = match site.role {
            Role::Request => &rules::REQUEST_FIELD_REMOVED,
            _ => &rules::FIELD_REMOVED,
        };
        let detail = format!("removed (was `{}`)", slot.declaration(site.role));
        self.at(&site.field(slot.wire), Kind::FieldRemoved, rule, detail);
    }

    /// One field in both versions: its names, place, `Option`-ness and type.
    fn member(&mut self, site: &Site, old: &Slot, new: &Slot) {
        let role = site.role;
        let (o, n) = (old.facts, new.facts);
        if old.rust != new.rust {
            let detail = format!("renamed in Rust: `{}` -> `{}`", old.rust, new.rust);
            self.at(site, Kind::FieldRenamed, &rules::RUST_RENAMED, detail);
        }
        let declared = |slot: &Slot| match role {
            Role::Header => format!("Option<{}>", slot.ty.text()),
            _ => slot.ty.text(),
        };
        let (old_type, new_type) = (declared(old), declared(new));
        let option =
            |nullable, presence, path_param| role.is_option(nullable, presence, path_param);
        // Each attribute in turn, so that each line says what it alone did to the `Option`.
        let steps = [
            (
                old.place != new.place,
                option(o.nullable, o.presence, new.path_param),
                Kind::FieldMoved,
                format!(
                    "moved from {} to {}",
                    old.place.unwrap_or("?"),
                    new.place.unwrap_or("?")
                ),
            ),
            (
                o.nullable != n.nullable,
                option(n.nullable, o.presence, new.path_param),
                if n.nullable {
                    Kind::BecameNullable
                } else {
                    Kind::BecameNonNullable
                },
                if n.nullable {
                    "became nullable"
                } else {
                    "became non-nullable"
                }
                .to_owned(),
            ),
            (
                o.presence != n.presence,
                option(n.nullable, n.presence, new.path_param),
                presence_kind(n.presence),
                presence_text(n.presence).to_owned(),
            ),
        ];
        let mut before = option(o.nullable, o.presence, old.path_param);
        for (changed, after, kind, what) in steps {
            if !changed {
                continue;
            }
            let kept = if kind == Kind::FieldMoved {
                &rules::REQUEST_FIELD_MOVED
            } else {
                &rules::RUST_TYPE_KEPT
            };
            let rule = option_rule(role, before, after, kept);
            let note = if before != after {
                format!("(`{old_type}` -> `{new_type}`)")
            } else if old_type == new_type {
                format!("(stays `{new_type}`)")
            } else if after {
                "(stays an `Option`)".to_owned()
            } else {
                "(stays outside an `Option`)".to_owned()
            };
            self.at(site, kind, rule, format!("{what} {note}"));
            before = after;
        }
        let documented = (o.ty.as_str(), n.ty.as_str());
        self.compare_ty(
            site,
            old.ty.without_option(),
            new.ty.without_option(),
            Some(documented),
        );
    }

    /// Compares two types at `site`, following the items they name into their sides' plans;
    /// `documented` is how the inputs document the field, for a change the Rust type does not
    /// show.
    pub(super) fn compare_ty(
        &mut self,
        site: &Site,
        old: &Ty,
        new: &Ty,
        documented: Option<(&str, &str)>,
    ) {
        match (old, new) {
            (
                Ty::Named {
                    name: a,
                    module: ma,
                },
                Ty::Named {
                    name: b,
                    module: mb,
                },
                // An operation's own type that becomes a shared one (pages of one shape merged,
                // an inline schema moved to a component), or back, is renamed: its members are
                // compared. Two named schemas are compared by name in `types`.
            ) if self.is_part(self.old, a, ma.as_deref())
                || self.is_part(self.new, b, mb.as_deref()) =>
            {
                // A place whose shape is now defined once keeps its name as an alias of it:
                // code that names it is unchanged.
                if !self.new.names_as(ma.as_deref(), a, mb.as_deref(), b) {
                    self.renamed_type(site, a, b);
                }
                let (Some(old_item), Some(new_item)) = (
                    self.old.plan.item(ma.as_deref(), a),
                    self.new.plan.item(mb.as_deref(), b),
                ) else {
                    return;
                };
                let nested = Site {
                    role: site.role.nested(),
                    ..site.clone()
                };
                self.compare_items(&nested, old_item, new_item);
            }
            (Ty::Vec { items: a }, Ty::Vec { items: b }) => {
                self.compare_ty(&site.suffixed("[]"), a, b, None)
            }
            (Ty::Map { values: a }, Ty::Map { values: b }) => {
                self.compare_ty(&site.suffixed("{}"), a, b, None)
            }
            (Ty::Box { inner: a }, Ty::Box { inner: b })
            | (Ty::Nullable { inner: a }, Ty::Nullable { inner: b })
            | (Ty::Option { inner: a }, Ty::Option { inner: b }) => {
                self.compare_ty(site, a, b, documented)
            }
            _ => {
                let (old_text, new_text) = (old.text(), new.text());
                if old_text != new_text {
                    let detail = format!("retyped `{old_text}` -> `{new_text}`");
                    self.at(site, Kind::Retyped, &rules::RETYPED, detail);
                } else if let Some((a, b)) = documented.filter(|(a, b)| a != b) {
                    let detail = format!("retyped `{a}` -> `{b}` (Rust type stays `{new_text}`)");
                    self.at(site, Kind::Retyped, &rules::FORMAT_CHANGED, detail);
                }
            }
        }
    }

    /// An item reached through a field rather than matched by name: an operation's own type,
    /// or a part of a named schema.
    fn is_part(&self, side: &Side, name: &str, module: Option<&str>) -> bool {
        module.is_some() || !side.top.contains(name)
    }

    /// Two versions of one item; an alias on one side only (a shape now defined once, or no
    /// longer) is compared as the item it names.
    pub(super) fn compare_items(&mut self, site: &Site, old: &Item, new: &Item) {
        let (old, new) = match (&old.kind, &new.kind) {
            (ItemKind::Alias { .. }, ItemKind::Alias { .. }) => (old, new),
            (ItemKind::Alias { .. }, _) => (self.old.unaliased(old), new),
            (_, ItemKind::Alias { .. }) => (old, self.new.unaliased(new)),
            _ => (old, new),
        };
        match (&old.kind, &new.kind) {
            (ItemKind::Struct { fields: a }, ItemKind::Struct { fields: b }) => {
                self.members(site, &Slot::fields(a), &Slot::fields(b))
            }
            (ItemKind::Enum { values: a, .. }, ItemKind::Enum { values: b, .. }) => {
                self.enum_values(site, &new.name, a, b)
            }
            (
                ItemKind::IntegerEnum {
                    repr: ra,
                    values: a,
                    ..
                },
                ItemKind::IntegerEnum {
                    repr: rb,
                    values: b,
                    ..
                },
            ) => {
                if ra != rb {
                    let detail = format!("integer retyped: `{}` -> `{}`", ra.text(), rb.text());
                    self.at(site, Kind::Retyped, &rules::RETYPED, detail);
                }
                // Told apart by value, as string enums are by their wire text.
                let values = |values: &[plan::IntegerValue]| -> Vec<EnumValue> {
                    values
                        .iter()
                        .map(|v| EnumValue {
                            rust: v.rust.clone(),
                            wire: v.value.to_string(),
                        })
                        .collect()
                };
                self.enum_values(site, &new.name, &values(a), &values(b))
            }
            (ItemKind::Union { variants: a }, ItemKind::Union { variants: b })
            | (ItemKind::Untagged { variants: a }, ItemKind::Untagged { variants: b }) => {
                let list = |variants: &[plan::UnionVariant]| -> Vec<String> {
                    variants.iter().map(|v| v.ty.text()).collect()
                };
                self.variants(site, list(a), list(b));
            }
            (
                ItemKind::Tagged {
                    property: pa,
                    variants: a,
                    ..
                },
                ItemKind::Tagged {
                    property: pb,
                    variants: b,
                    ..
                },
            ) => {
                let list = |property: &str, variants: &[plan::TaggedVariant]| -> Vec<String> {
                    let text = |v: &plan::TaggedVariant| {
                        format!("{} ({property}: {})", v.ty.text(), v.values.join(", "))
                    };
                    variants.iter().map(text).collect()
                };
                self.variants(site, list(pa, a), list(pb, b));
            }
            (ItemKind::Alias { ty: a }, ItemKind::Alias { ty: b }) => {
                self.compare_ty(site, a, b, None)
            }
            (ItemKind::ByStatus { arms: a, .. }, ItemKind::ByStatus { arms: b, .. }) => {
                self.status_arms(site, &new.name, a, b)
            }
            (ItemKind::Headers { fields: a }, ItemKind::Headers { fields: b }) => {
                let header = Site {
                    noun: "header",
                    role: Role::Header,
                    ..site.clone()
                };
                self.members(&header, &Slot::headers(a), &Slot::headers(b));
            }
            _ => {
                let detail = format!(
                    "retyped `{}` ({}) -> `{}` ({})",
                    old.name,
                    kind_name(&old.kind),
                    new.name,
                    kind_name(&new.kind)
                );
                self.at(site, Kind::Retyped, &rules::RETYPED, detail);
            }
        }
    }

    /// A union's variants, as text: any change is a new type for code that matches on it.
    fn variants(&mut self, site: &Site, old: Vec<String>, new: Vec<String>) {
        let (old, new) = (old.join(" | "), new.join(" | "));
        if old != new {
            let detail = format!("variants changed: `{old}` -> `{new}`");
            self.at(site, Kind::Retyped, &rules::RETYPED, detail);
        }
    }

    fn renamed_type(&mut self, site: &Site, old: &str, new: &str) {
        if old != new {
            let detail = format!("type renamed `{old}` -> `{new}`");
            self.at(site, Kind::TypeRenamed, &rules::TYPE_RENAMED, detail);
        }
    }

    fn enum_values(&mut self, site: &Site, name: &str, old: &[EnumValue], new: &[EnumValue]) {
        let variant = |value: &EnumValue| format!("`{name}::{}`", value.rust);
        for value in new.iter().filter(|v| !old.iter().any(|o| o.wire == v.wire)) {
            match old
                .iter()
                .find(|o| o.rust == value.rust && !new.iter().any(|n| n.wire == o.wire))
            {
                Some(renamed) => self.at(
                    site,
                    Kind::EnumValueRenamed,
                    &rules::WIRE_RENAMED,
                    format!(
                        "enum value `{}` renamed on the wire to `{}` ({} unchanged)",
                        renamed.wire,
                        value.wire,
                        variant(value)
                    ),
                ),
                None => self.at(
                    site,
                    Kind::EnumValueAdded,
                    &rules::ENUM_VALUE_ADDED,
                    format!("enum value `{}` added ({})", value.wire, variant(value)),
                ),
            }
        }
        for value in old
            .iter()
            .filter(|v| !new.iter().any(|n| n.wire == v.wire || n.rust == v.rust))
        {
            self.at(
                site,
                Kind::EnumValueRemoved,
                &rules::ENUM_VALUE_REMOVED,
                format!("enum value `{}` removed ({})", value.wire, variant(value)),
            );
        }
        for value in old {
            if let Some(same) = new
                .iter()
                .find(|n| n.wire == value.wire && n.rust != value.rust)
            {
                self.at(
                    site,
                    Kind::EnumValueRenamed,
                    &rules::RUST_RENAMED,
                    format!(
                        "enum value `{}` renamed in Rust: {} -> {}",
                        value.wire,
                        variant(value),
                        variant(same)
                    ),
                );
            }
        }
    }
}

fn kind_name(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Struct { .. } => "struct",
        ItemKind::Enum { .. } => "enum",
        ItemKind::IntegerEnum { .. } => "integer enum",
        ItemKind::Union { .. } | ItemKind::Untagged { .. } => "union",
        ItemKind::Tagged { .. } => "tagged union",
        ItemKind::Alias { .. } => "alias",
        ItemKind::Headers { .. } => "headers",
        ItemKind::ByStatus { .. } => "enum by status",
    }
}

/// The first slot not yet taken that is the `same`, now taken.
fn take(slots: &[Slot], taken: &mut [bool], same: impl Fn(&Slot) -> bool) -> Option<usize> {
    let index = (0..slots.len()).find(|&i| !taken[i] && same(&slots[i]))?;
    taken[index] = true;
    Some(index)
}

/// The rule for a change of one attribute that took a field from `before` to `after`
/// (`Option` or not).
fn option_rule(role: Role, before: bool, after: bool, kept: &'static Rule) -> &'static Rule {
    match (before == after, role, after) {
        (true, _, _) => kept,
        (false, Role::Request, false) => &rules::REQUEST_FIELD_MADE_REQUIRED,
        (false, Role::Request, true) => &rules::REQUEST_FIELD_MADE_OPTIONAL,
        (false, _, true) => &rules::OPTION_ADDED,
        (false, _, false) => &rules::OPTION_REMOVED,
    }
}

fn presence_kind(presence: Presence) -> Kind {
    match presence {
        Presence::Required => Kind::BecameRequired,
        Presence::Optional => Kind::BecameOptional,
        Presence::Unstated => Kind::PresenceUnstated,
    }
}

fn presence_text(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "became required",
        Presence::Optional => "became optional",
        Presence::Unstated => "no longer says whether it is required",
    }
}
