//! What the document says of a field beyond its Rust type: its rustdoc paragraphs (the
//! description, constraints and where they come from) and, for the change report, the type as
//! documented.

use super::Documented;
use crate::ir::{Access, Fact, FactKind, Field, Origin, Type};

/// A field's rustdoc paragraphs: its description, then its constraints and where they come
/// from, then (with a `wire_note`) where and under which name it goes on the wire.
pub fn field_docs(field: &Field, wire_note: Option<&str>) -> Vec<String> {
    let mut docs = vec![field.description.clone()];
    docs.extend(match field.access {
        Access::ReadWrite => None,
        Access::ReadOnly => Some("Read-only: set by the server, never sent.".to_owned()),
        Access::WriteOnly => Some("Write-only: sent, never in answers.".to_owned()),
    });
    docs.extend(field.facts.iter().filter_map(fact_line));
    docs.extend(wire_note.map(|note| format!("{note} `{}`.", field.name.wire)));
    docs
}

/// A constraint's line in the docs; an example is not one.
fn fact_line(fact: &Fact) -> Option<String> {
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
        FactKind::MinItems(n) => format!("Minimum items: {n}"),
        FactKind::MaxItems(n) => format!("Maximum items: {n}"),
        FactKind::UniqueItems => "Items are unique".to_owned(),
        FactKind::Items(facts) => {
            let lines: Vec<String> = facts
                .iter()
                .filter_map(fact_line)
                .map(|line| line.trim_end_matches('.').to_owned())
                .collect();
            if lines.is_empty() {
                return None;
            }
            format!("Each item: {}", lines.join("; "))
        }
        FactKind::Requires(members) => {
            let members: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
            format!("When present, requires {}", members.join(", "))
        }
        FactKind::Example(_) => return None,
    };
    Some(match fact.origin {
        Origin::Schema => format!("{statement}."),
        Origin::Prose { .. } => format!("{statement} (read from the description, not enforced)."),
    })
}

/// What the document says of a field beyond its Rust type.
pub fn documented_field(field: &Field) -> Documented {
    Documented {
        nullable: field.nullable,
        presence: field.required,
        ty: documented(&field.ty),
    }
}

/// A type as the inputs document it (`array[string(date-time)]`, `object Room`).
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
        Type::Tuple { items, rest } => {
            let mut items: Vec<String> = items.iter().map(documented).collect();
            items.extend(
                rest.as_deref()
                    .map(|rest| format!("{}...", documented(rest))),
            );
            format!("tuple[{}]", items.join(", "))
        }
        Type::Map { values, format } => match values.as_ref() {
            Type::Any => with("object", format),
            values => format!("{}[{}]", with("map", format), documented(values)),
        },
        Type::Any => "any".to_owned(),
        Type::Object { name, .. } => format!("object {name}"),
        Type::Enum { name, .. } => format!("enum {name}"),
        Type::IntegerEnum { name, .. } => format!("integer enum {name}"),
        Type::Union { name, .. } => format!("union {name}"),
        Type::Named { name } => name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An array's constraints each get their line, in the field's order (Discord's bulk delete:
    /// two to a hundred snowflakes, all different).
    #[test]
    fn an_arrays_bounds_and_uniqueness_are_said() {
        let fact = |kind| Fact {
            kind,
            origin: Origin::Schema,
        };
        let facts = [
            FactKind::MinItems(2),
            FactKind::MaxItems(100),
            FactKind::UniqueItems,
        ];
        let lines: Vec<String> = facts
            .into_iter()
            .map(fact)
            .filter_map(|f| fact_line(&f))
            .collect();
        assert_eq!(
            lines,
            [
                "Minimum items: 2.",
                "Maximum items: 100.",
                "Items are unique."
            ]
        );
    }
}
