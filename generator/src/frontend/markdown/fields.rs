//! The fields of a list: `- **Name** (type)` bullets, their descriptions (with whatever
//! markdown of their own they hold), and the members indented below them, which make objects
//! and the items of arrays of objects at any depth.

use std::ops::Range;

use super::blocks::Item;
use super::{Page, description, prose, shapes};
use crate::ir::{Field, Name, Presence, Type};
use crate::names;

impl Page<'_> {
    /// Fills an object type's fields from a list (other root types take no fields).
    pub(super) fn fill_object(&mut self, ty: &mut Type, items: &[&Item]) {
        match ty {
            Type::Object { name, fields, .. } => {
                let name = name.clone();
                let more = self.fields(items, &name, fields);
                fields.extend(more);
            }
            Type::Array { items: inner } => self.fill_object(inner, items),
            _ => {
                if let Some(first) = items.first() {
                    self.warn(
                        first.text.clone(),
                        "fields listed under a body that is not an object are ignored",
                    );
                }
            }
        }
    }

    /// Fields of one list. `owner` prefixes the Rust names of nested objects; `existing` are the
    /// fields already in the same scope, for the duplicate check.
    pub(super) fn fields(
        &mut self,
        items: &[&Item],
        owner: &str,
        existing: &[Field],
    ) -> Vec<Field> {
        let names = self.distinct_names(items, existing);
        let mut fields: Vec<Field> = Vec::new();
        for (item, name) in items.iter().zip(names) {
            let text = self.slice(&item.text);
            if shapes::is_placeholder(text) {
                self.warn(
                    item.text.clone(),
                    "placeholder bullet skipped: the page lists more fields than it shows",
                );
                continue;
            }
            let Some(field) = self.field(item, owner, name) else {
                continue;
            };
            if existing
                .iter()
                .chain(&fields)
                .any(|f| f.name.wire == field.name.wire)
            {
                // On a one-line page a member of an earlier field reads as a sibling.
                self.warn(
                    item.text.start..item.text.start + field.name.wire.len() + 4,
                    format!(
                        "duplicate field `{}`: the first is kept (on a page without line \
                         breaks, this may be a member of an earlier field)",
                        field.name.wire
                    ),
                );
                continue;
            }
            fields.push(field);
        }
        fields
    }

    /// The names of a list's fields, distinct in Rust from each other and from `existing` (the
    /// fields already in the same scope), decided before any nested type is named after them.
    fn distinct_names(&self, items: &[&Item], existing: &[Field]) -> Vec<Name> {
        let mut names: Vec<Name> = items
            .iter()
            .map(|item| {
                let name = field_header(self.slice(&item.text)).map_or("", |(name, ..)| name);
                names::field_name(name)
            })
            .collect();
        let taken: Vec<String> = existing.iter().map(|f| f.name.rust.clone()).collect();
        names::make_unique_beside(&taken, &mut names);
        names
    }

    /// `**Name** (type)` and its description, with members for objects and arrays of objects
    /// (at any depth: `array[array[object]]`). Of the items indented below, only `- **Name**
    /// (type)` bullets are members; any other list is part of the description.
    fn field(&mut self, item: &Item, owner: &str, rust_name: Name) -> Option<Field> {
        let text = self.slice(&item.text).to_owned();
        let start = item.text.start;
        let Some((name, type_range, rest)) = field_header(&text) else {
            let first_line = text.lines().next().unwrap_or("").len();
            self.error(
                start..start + first_line.max(1),
                "expected a field bullet `- **Name** (type)`",
            )
            .help = Some("each field is `- **Name** (type)` followed by its description".into());
            return None;
        };
        let name = name.to_owned();
        let (mut ty, nullable) =
            self.type_expr(&text[type_range.clone()], start + type_range.start)?;
        let mut members: Vec<&Item> = item
            .children
            .iter()
            .filter(|child| self.is_field_item(child))
            .collect();
        if !members.is_empty() {
            // From the distinct Rust name, so two members never name the same nested type.
            let object_name = format!("{owner}{}", names::member_camel(&rust_name));
            match innermost_items(&mut ty) {
                target @ (Type::Map { .. } | Type::Object { .. } | Type::Any) => {
                    for member in &members {
                        self.check_indentation(item, member, &name);
                    }
                    let fields = self.fields(&members, &object_name, &[]);
                    *target = Type::Object {
                        name: object_name,
                        fields,
                        additional: None,
                    };
                }
                _ => {
                    self.warn(
                        start + type_range.start..start + type_range.end,
                        format!(
                            "field `{name}` lists members below it but its type is not an \
                             object; they are kept in its description"
                        ),
                    );
                    members.clear();
                }
            }
        }
        let rest_start = start + text.len() - rest.len();
        let description = self.description(rest_start..item.content.end, &members);
        Some(Field {
            name: rust_name,
            ty,
            nullable,
            required: Presence::Unstated,
            facts: prose::mine(&description),
            description,
            access: Default::default(),
        })
    }

    /// A member bullet: `- **Name** (type)`. A list of another marker, or of other text, is
    /// the description's own.
    fn is_field_item(&self, item: &Item) -> bool {
        item.marker == '-' && field_header(self.slice(&item.text)).is_some()
    }

    /// The layout indents members two columns under their parent; another indentation is read
    /// the same way, with a warning, since the list may not mean what it seems to.
    fn check_indentation(&mut self, parent: &Item, member: &Item, parent_name: &str) {
        let expected = parent.column + 2;
        if member.column != expected {
            let first_line = self.slice(&member.text).lines().next().map_or(0, str::len);
            let at = member.text.start..member.text.start + first_line;
            self.warn(
                at,
                format!(
                    "this field is indented {} columns, not {expected} as the layout indents \
                     members; it is read as a member of `{parent_name}`",
                    member.column
                ),
            );
        }
    }

    /// The text in `range` except the `members`' bullets, as markdown.
    fn description(&self, range: Range<usize>, members: &[&Item]) -> String {
        let mut text = String::new();
        let mut from = range.start;
        for member in members {
            let line_start = self.text[..member.content.start]
                .rfind('\n')
                .map_or(0, |at| at + 1)
                .max(from);
            text.push_str(&self.text[from..line_start]);
            text.push('\n');
            from = member.content.end.max(from);
        }
        text.push_str(&self.text[from.min(range.end)..range.end]);
        description::normalize(&text)
    }
}

/// The type that members listed below a field describe: the field's own, or its items' at any
/// depth of arrays.
fn innermost_items(ty: &mut Type) -> &mut Type {
    match ty {
        Type::Array { items } => innermost_items(items),
        other => other,
    }
}

/// `**Name** (type) rest`: the name, the range of the type expression, and the rest.
fn field_header(text: &str) -> Option<(&str, Range<usize>, &str)> {
    let (name, parens) = shapes::field_head(text)?;
    // `()` and `( | null)` are themselves the expressions for "any value".
    let inner = &text[parens.start + 1..parens.end - 1];
    let type_range = if inner.split('|').all(|p| matches!(p.trim(), "" | "null")) {
        parens.clone()
    } else {
        parens.start + 1..parens.end - 1
    };
    (!name.trim().is_empty()).then(|| (name.trim(), type_range, &text[parens.end..]))
}
