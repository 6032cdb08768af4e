//! Fields of one struct, matched by wire name, and the types they hold.

use super::{Side, Site, Walk};
use crate::diff::Kind;
use crate::diff::rules::{self, Rule};
use crate::diff::rust::{Role, documented, without_option};
use crate::ir::{Field, Name, Presence, Type};

/// A field with what its struct adds: where a request sends it, whether it is a path parameter
/// (always required).
#[derive(Clone, Copy)]
pub(super) struct Member<'f> {
    pub(super) field: &'f Field,
    pub(super) place: Option<&'static str>,
    pub(super) path_param: bool,
}

impl<'f> Member<'f> {
    pub(super) fn of(fields: &'f [Field]) -> Vec<Member<'f>> {
        fields
            .iter()
            .map(|field| Member {
                field,
                place: None,
                path_param: false,
            })
            .collect()
    }

    fn is_option(&self, role: Role) -> bool {
        role.is_option(self.field.nullable, self.field.required, self.path_param)
    }
}

impl Walk<'_> {
    /// Matches the fields of one struct and reports what was added, removed or changed.
    pub(super) fn members(&mut self, site: &Site, old: &[Member], new: &[Member]) {
        let mut taken = vec![false; new.len()];
        let mut pairs = Vec::new();
        let mut unmatched = Vec::new();
        for o in old {
            match take(new, &mut taken, |n| n.field.name.wire == o.field.name.wire) {
                Some(i) => pairs.push((*o, new[i])),
                None => unmatched.push(*o),
            }
        }
        // Left over on both sides with the same Rust name: the same field under a new wire name.
        for o in unmatched {
            match take(new, &mut taken, |n| n.field.name.rust == o.field.name.rust) {
                Some(i) => {
                    let n = new[i];
                    self.at(
                        &site.field(&n.field.name.wire),
                        Kind::FieldRenamed,
                        &rules::WIRE_RENAMED,
                        format!(
                            "renamed on the wire from `{}` (Rust `{}` unchanged)",
                            o.field.name.wire, n.field.name.rust
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
            self.member(&site.field(&n.field.name.wire), &o, &n);
        }
    }

    fn added(&mut self, site: &Site, member: &Member) {
        let rule = match site.role {
            Role::Request if member.is_option(site.role) => &rules::OPTIONAL_REQUEST_FIELD_ADDED,
            Role::Request => &rules::REQUIRED_REQUEST_FIELD_ADDED,
            Role::Sent => &rules::SENT_OBJECT_FIELD_ADDED,
            Role::Received | Role::Header => &rules::RESPONSE_FIELD_ADDED,
        };
        let declared = declaration(self.new, site.role, member);
        let detail = match member.place {
            Some(place) => format!("added ({place}): `{declared}`"),
            None => format!("added: `{declared}`"),
        };
        self.at(
            &site.field(&member.field.name.wire),
            Kind::FieldAdded,
            rule,
            detail,
        );
    }

    fn removed(&mut self, site: &Site, member: &Member) {
        let rule = match site.role {
            Role::Request => &rules::REQUEST_FIELD_REMOVED,
            _ => &rules::FIELD_REMOVED,
        };
        let detail = format!(
            "removed (was `{}`)",
            declaration(self.old, site.role, member)
        );
        self.at(
            &site.field(&member.field.name.wire),
            Kind::FieldRemoved,
            rule,
            detail,
        );
    }

    /// One field in both versions: its names, place, `Option`-ness and type.
    fn member(&mut self, site: &Site, old: &Member, new: &Member) {
        let role = site.role;
        let (o, n) = (old.field, new.field);
        if o.name.rust != n.name.rust {
            let detail = format!("renamed in Rust: `{}` -> `{}`", o.name.rust, n.name.rust);
            self.at(site, Kind::FieldRenamed, &rules::RUST_RENAMED, detail);
        }
        let old_type = self.old.rust.field(role, o, old.path_param);
        let new_type = self.new.rust.field(role, n, new.path_param);
        let option =
            |nullable, required, path_param| role.is_option(nullable, required, path_param);
        // Each attribute in turn, so that each line says what it alone did to the `Option`.
        let steps = [
            (
                old.place != new.place,
                option(o.nullable, o.required, new.path_param),
                Kind::FieldMoved,
                format!(
                    "moved from {} to {}",
                    old.place.unwrap_or("?"),
                    new.place.unwrap_or("?")
                ),
            ),
            (
                o.nullable != n.nullable,
                option(n.nullable, o.required, new.path_param),
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
                o.required != n.required,
                option(n.nullable, n.required, new.path_param),
                presence_kind(n),
                presence_text(n).to_owned(),
            ),
        ];
        let mut before = option(o.nullable, o.required, old.path_param);
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
        let leaf = (without_option(&old_type), without_option(&new_type));
        self.compare_type(site, &o.ty, &n.ty, Some(leaf));
    }

    /// Compares two types at `site`; `leaf` is the Rust text of a field's value type, when the
    /// field's struct maps it otherwise than `RustTypes::value` does (dates in JSON structs).
    pub(super) fn compare_type(
        &mut self,
        site: &Site,
        old: &Type,
        new: &Type,
        leaf: Option<(&str, &str)>,
    ) {
        if old == new {
            return;
        }
        match (old, new) {
            (
                Type::Object {
                    name: a,
                    fields: fa,
                },
                Type::Object {
                    name: b,
                    fields: fb,
                },
            ) => {
                self.renamed_type(site, a, b);
                let nested = Site {
                    role: site.role.nested(),
                    ..site.clone()
                };
                self.members(&nested, &Member::of(fa), &Member::of(fb));
            }
            (
                Type::Enum {
                    name: a,
                    values: va,
                },
                Type::Enum {
                    name: b,
                    values: vb,
                },
            ) => {
                self.renamed_type(site, a, b);
                self.enum_values(site, b, va, vb);
            }
            (Type::Array { items: a }, Type::Array { items: b }) => {
                self.compare_type(&site.suffixed("[]"), a, b, None)
            }
            (Type::Map { values: a, .. }, Type::Map { values: b, .. }) if a != b => {
                self.compare_type(&site.suffixed("{}"), a, b, None)
            }
            (
                Type::Union {
                    name: a,
                    variants: va,
                },
                Type::Union {
                    name: b,
                    variants: vb,
                },
            ) => {
                self.renamed_type(site, a, b);
                if va != vb {
                    let list = |side: &Side, variants: &[Type]| -> String {
                        let texts: Vec<String> =
                            variants.iter().map(|v| side.rust.value(v)).collect();
                        texts.join(" | ")
                    };
                    let detail = format!(
                        "variants changed: `{}` -> `{}`",
                        list(self.old, va),
                        list(self.new, vb)
                    );
                    self.at(site, Kind::Retyped, &rules::RETYPED, detail);
                }
            }
            _ => {
                let (old_text, new_text) = match leaf {
                    Some((a, b)) => (a.to_owned(), b.to_owned()),
                    None => (self.old.rust.value(old), self.new.rust.value(new)),
                };
                if old_text != new_text {
                    let detail = format!("retyped `{old_text}` -> `{new_text}`");
                    self.at(site, Kind::Retyped, &rules::RETYPED, detail);
                } else {
                    let detail = format!(
                        "retyped `{}` -> `{}` (Rust type stays `{new_text}`)",
                        documented(old),
                        documented(new)
                    );
                    self.at(site, Kind::Retyped, &rules::FORMAT_CHANGED, detail);
                }
            }
        }
    }

    fn renamed_type(&mut self, site: &Site, old: &str, new: &str) {
        if old != new {
            let detail = format!("type renamed `{old}` -> `{new}`");
            self.at(site, Kind::TypeRenamed, &rules::TYPE_RENAMED, detail);
        }
    }

    fn enum_values(&mut self, site: &Site, name: &str, old: &[Name], new: &[Name]) {
        let variant = |value: &Name| format!("`{name}::{}`", value.rust);
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

/// The first member not yet taken that is the `same`, now taken.
fn take(members: &[Member], taken: &mut [bool], same: impl Fn(&Member) -> bool) -> Option<usize> {
    let index = (0..members.len()).find(|&i| !taken[i] && same(&members[i]))?;
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

fn presence_kind(field: &Field) -> Kind {
    match field.required {
        Presence::Required => Kind::BecameRequired,
        Presence::Optional => Kind::BecameOptional,
        Presence::Unstated => Kind::PresenceUnstated,
    }
}

fn presence_text(field: &Field) -> &'static str {
    match field.required {
        Presence::Required => "became required",
        Presence::Optional => "became optional",
        Presence::Unstated => "no longer says whether it is required",
    }
}

/// `name: Type` as the field is declared in its struct.
fn declaration(side: &Side, role: Role, member: &Member) -> String {
    let ty = side.rust.field(role, member.field, member.path_param);
    format!("{}: {ty}", member.field.name.rust)
}
