//! Reading real documents' mistakes instead of refusing them: the generic tree accepts integers
//! beyond 64 bits (as floats), and `repair` mends, each with a located warning, the few mistakes
//! that would stop `openapiv3` from reading the whole document: integer bounds beyond 64 bits
//! (`minimum: -9223372036854776000`, a JavaScript rendering of `i64::MIN`) and a schema's
//! `required` that is not a list (`required: true`, JSON Schema draft 3's form).
//!
//! Only the slow path runs it: a document that deserializes directly has none of these.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Number, Value};

use super::pointer::{self, Pointer};
use crate::diag::Diagnostic;

/// A YAML or JSON tree like `serde_yaml::Value`, with integers beyond `i64`/`u64` read as
/// floats (`serde_yaml::Value` refuses them) for `repair` to judge.
pub(super) struct Lenient(pub Value);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(match i64::try_from(v) {
            Ok(v) => v.into(),
            Err(_) => Number::from(v as f64),
        }))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(match u64::try_from(v) {
            Ok(v) => v.into(),
            Err(_) => Number::from(v as f64),
        }))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Lenient::deserialize(deserializer).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some((Lenient(key), Lenient(value))) = map.next_entry()? {
            if mapping.contains_key(&key) {
                let key = serde_yaml::to_string(&key).unwrap_or_default();
                return Err(de::Error::custom(format!(
                    "duplicate mapping key `{}`",
                    key.trim()
                )));
            }
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }
}

/// Mends what `openapiv3` cannot read, in every schema of the document, with a warning each.
pub(super) fn repair(file: &str, text: &str, value: &mut Value, diagnostics: &mut Vec<Diagnostic>) {
    let mut repair = Repair {
        file,
        text,
        diagnostics,
    };
    repair.node(value, &Pointer::root(), false);
}

struct Repair<'a> {
    file: &'a str,
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Repair<'_> {
    /// Walks `value`; `schema` says whether it is a schema. Examples and extensions are not
    /// walked: their contents are data, not schemas.
    fn node(&mut self, value: &mut Value, at: &Pointer, schema: bool) {
        if schema {
            self.schema(value, at);
        }
        match value {
            Value::Mapping(map) => {
                for (key, child) in walked(map) {
                    let at = at.key(key);
                    match (schema, key) {
                        (false, "schema") => self.node(child, &at, true),
                        (false, "schemas") | (true, "properties") => self.entries(child, &at),
                        (true, "items" | "additionalProperties" | "not") => {
                            self.node(child, &at, true)
                        }
                        (true, "allOf" | "anyOf" | "oneOf") => self.items(child, &at),
                        (true, _) => {}
                        (false, _) => self.node(child, &at, false),
                    }
                }
            }
            Value::Sequence(items) if !schema => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.node(item, &at.index(i), false);
                }
            }
            _ => {}
        }
    }

    /// Each value of a mapping of schemas (`properties`, `components/schemas`).
    fn entries(&mut self, value: &mut Value, at: &Pointer) {
        if let Value::Mapping(map) = value {
            for (key, child) in map.iter_mut() {
                if let Some(key) = key.as_str() {
                    self.node(child, &at.key(key), true);
                }
            }
        }
    }

    /// Each item of a list of schemas (`allOf`, ...).
    fn items(&mut self, value: &mut Value, at: &Pointer) {
        if let Value::Sequence(items) = value {
            for (i, item) in items.iter_mut().enumerate() {
                self.node(item, &at.index(i), true);
            }
        }
    }

    fn schema(&mut self, value: &mut Value, at: &Pointer) {
        let Value::Mapping(map) = value else { return };
        if let Some(required) = map.get("required")
            && !required.is_sequence()
        {
            let shown = serde_yaml::to_string(required).unwrap_or_default();
            self.warn(
                &at.key("required"),
                format!(
                    "`required: {}` is not a list of property names; ignored",
                    shown.trim()
                ),
                "a schema lists its required properties in its parent: `required: [name]` \
                 (`required: true` is JSON Schema draft 3's form, which OpenAPI does not read)",
            );
            map.remove("required");
        }
        if map.get("type").and_then(Value::as_str) == Some("integer") {
            for key in ["minimum", "maximum"] {
                let Some(Value::Number(bound)) = map.get(key) else {
                    continue;
                };
                let Some(clamped) = clamp_to_i64(bound) else {
                    continue;
                };
                self.warn(
                    &at.key(key),
                    format!("`{key}: {bound}` is beyond 64-bit integers; read as {clamped}"),
                    "the nearest 64-bit integer is what a Rust `i64` field can hold",
                );
                map.insert(Value::from(key), Value::from(clamped));
            }
        }
    }

    fn warn(&mut self, at: &Pointer, message: String, help: &str) {
        let span = pointer::locate(self.text, at.as_str());
        self.diagnostics.push(
            Diagnostic::warning(self.file, span, message)
                .with_help(help)
                .with_pointer(at.as_str()),
        );
    }
}

/// The entries of a mapping that are more of the document (keys that are text and hold no
/// data): what walks over schemas and references visit.
pub(super) fn walked(map: &mut Mapping) -> impl Iterator<Item = (&str, &mut Value)> {
    map.iter_mut()
        .filter_map(|(key, child)| Some((key.as_str()?, child)))
        .filter(|(key, _)| !holds_data(key))
}

/// Whether a key's value is data (examples, defaults, allowed values, extensions) rather than
/// more of the document: walks over schemas and references skip it.
pub(super) fn holds_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum") || key.starts_with("x-")
}

/// The nearest `i64` to a whole number outside its range; `None` when `bound` is an `i64`
/// already, or is not a whole number (which `openapiv3` reports as it is).
fn clamp_to_i64(bound: &Number) -> Option<i64> {
    if bound.is_i64() {
        return None;
    }
    if bound.is_u64() {
        return Some(i64::MAX);
    }
    let float = bound.as_f64()?;
    if float.fract() != 0.0 || !float.is_finite() {
        return None;
    }
    Some(if float < 0.0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> (Value, Vec<Diagnostic>) {
        let Lenient(mut value) = serde_yaml::from_str(text).unwrap();
        let mut diagnostics = Vec::new();
        repair("doc.yaml", text, &mut value, &mut diagnostics);
        (value, diagnostics)
    }

    #[test]
    fn integer_bounds_beyond_64_bits_are_clamped_with_a_located_warning() {
        let text = "components:\n  schemas:\n    Seed:\n      type: integer\n      \
                    minimum: -9223372036854776000\n      maximum: 18446744073709552000\n";
        let (value, diagnostics) = repaired(text);
        let seed = &value["components"]["schemas"]["Seed"];
        assert_eq!(seed["minimum"].as_i64(), Some(i64::MIN));
        assert_eq!(seed["maximum"].as_i64(), Some(i64::MAX));
        assert_eq!(diagnostics.len(), 2);
        let first = &diagnostics[0];
        assert_eq!(
            first.pointer.as_deref(),
            Some("#/components/schemas/Seed/minimum")
        );
        assert_eq!(&text[first.span.clone().unwrap()], "minimum");
        assert!(first.message.contains("beyond 64-bit"), "{}", first.message);
    }

    #[test]
    fn a_schemas_required_that_is_not_a_list_is_dropped_but_parameters_keep_theirs() {
        let text = "paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          \
                    in: query\n          required: true\n          schema:\n            \
                    type: object\n            properties:\n              x:\n                \
                    type: string\n                required: true\n";
        let (value, diagnostics) = repaired(text);
        let parameter = &value["paths"]["/a"]["get"]["parameters"][0];
        assert_eq!(parameter["required"], Value::Bool(true));
        assert!(
            parameter["schema"]["properties"]["x"]
                .get("required")
                .is_none()
        );
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            diagnostics[0].pointer.as_deref(),
            Some("#/paths/~1a/get/parameters/0/schema/properties/x/required")
        );
    }

    #[test]
    fn examples_are_data_and_left_alone() {
        let text = "components:\n  schemas:\n    A:\n      type: object\n      example:\n        \
                    required: true\n";
        let (value, diagnostics) = repaired(text);
        assert!(diagnostics.is_empty());
        assert_eq!(
            value["components"]["schemas"]["A"]["example"]["required"],
            Value::Bool(true)
        );
    }

    #[test]
    fn duplicate_keys_are_still_refused() {
        assert!(serde_yaml::from_str::<Lenient>("a: 1\na: 2\n").is_err());
    }
}
