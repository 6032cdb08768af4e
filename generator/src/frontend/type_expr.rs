//! Type expressions of reference pages: `string`, `array[string]`, `string(date-time) | null`,
//! `object(uri-map)`, `()`. An unknown word is an error that names it, never a silent `String`.

use crate::ir::Type;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub ty: Type,
    pub nullable: bool,
    /// Lossy mappings (an unknown format read as the plain type).
    pub warnings: Vec<String>,
}

/// What is wrong, and where in the expression (byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExprError {
    pub message: String,
    pub offset: usize,
}

/// Formats whose meaning the generator knows; any other is kept in the IR and read as the
/// plain type, with a warning.
const KNOWN_FORMATS: &[(&str, &[&str])] = &[
    (
        "string",
        &[
            "date-time",
            "date",
            "uri",
            "url",
            "http-method",
            "email",
            "uuid",
            "phone-number",
            "binary",
            "byte",
            "password",
            "hostname",
            "ipv4",
            "ipv6",
            "uri-template",
            "date-time-rfc-2822",
        ],
    ),
    ("integer", &["int32", "int64"]),
    ("number", &["float", "double"]),
    ("object", &["uri-map"]),
];

/// Does the generator know what `format` means on `word` (`string`, `integer`, ...)?
pub fn is_known_format(word: &str, format: &str) -> bool {
    KNOWN_FORMATS
        .iter()
        .any(|(w, formats)| *w == word && formats.contains(&format))
}

/// How deeply `array[...]` may nest: parsing and everything after it recurse per level.
const MAX_DEPTH: usize = 32;

pub fn parse(text: &str) -> Result<TypeExpr, TypeExprError> {
    if text.matches('[').count() > MAX_DEPTH {
        return Err(error(
            format!("arrays nest deeper than {MAX_DEPTH} levels"),
            0,
        ));
    }
    if let Some(nullable) = untyped(text) {
        return Ok(TypeExpr {
            ty: Type::Any,
            nullable,
            warnings: Vec::new(),
        });
    }
    let mut warnings = Vec::new();
    let mut nullable = false;
    let mut base = None;
    for (offset, part) in split_top_level(text, '|') {
        let trimmed = part.trim();
        let offset = offset + (part.len() - part.trim_start().len());
        if trimmed == "null" {
            nullable = true;
        } else if base.is_some() {
            return Err(error(
                format!("`{text}` is a union of several types; only `T | null` is supported"),
                offset,
            ));
        } else {
            base = Some(parse_base(trimmed, offset, &mut warnings)?);
        }
    }
    let ty = base.ok_or_else(|| error(format!("`{text}` names no type"), 0))?;
    Ok(TypeExpr {
        ty,
        nullable,
        warnings,
    })
}

/// `()` or `( | null)`: a value with no declared type, which may be `null` in the second form
/// (the parentheses hold the union of no type and `null`).
fn untyped(text: &str) -> Option<bool> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut nullable = false;
    for (_, part) in split_top_level(inner, '|') {
        match part.trim() {
            "" => {}
            "null" => nullable = true,
            _ => return None,
        }
    }
    Some(nullable)
}

fn parse_base(
    text: &str,
    offset: usize,
    warnings: &mut Vec<String>,
) -> Result<Type, TypeExprError> {
    if let Some(inner) = text
        .strip_prefix("array[")
        .and_then(|t| t.strip_suffix(']'))
    {
        let items = parse(inner).map_err(|e| error(e.message, offset + 6 + e.offset))?;
        if items.nullable {
            return Err(error(
                format!("array items of `{text}` cannot be null here"),
                offset,
            ));
        }
        warnings.extend(items.warnings);
        return Ok(Type::Array {
            items: Box::new(items.ty),
        });
    }
    let (word, format) = match text.split_once('(') {
        Some((word, rest)) => {
            let format = rest
                .strip_suffix(')')
                .filter(|f| !f.is_empty() && !f.contains(['(', ')']))
                .ok_or_else(|| {
                    error(
                        format!("malformed format in `{text}`: expected `{word}(FORMAT)`"),
                        offset,
                    )
                })?;
            (word, Some(format.to_owned()))
        }
        None => (text, None),
    };
    // On `object` a format names the kind of object (`object(recording-rule)`): its members,
    // when the page lists them, say the rest.
    if let Some(format) = &format {
        if !is_known_format(word, format) && !matches!(word, "boolean" | "object") {
            warnings.push(format!(
                "unknown format `{format}` on `{word}`; it is generated as a plain {word}"
            ));
        }
    }
    Ok(match word {
        "string" => Type::String { format },
        "integer" => Type::Integer { format },
        "number" => Type::Number { format },
        "boolean" if format.is_none() => Type::Boolean,
        "object" => {
            let values = if format.as_deref() == Some("uri-map") {
                Type::String {
                    format: Some("uri".to_owned()),
                }
            } else {
                Type::Any
            };
            Type::Map {
                values: Box::new(values),
                format,
            }
        }
        _ => {
            return Err(error(format!("unknown type expression `{text}`"), offset));
        }
    })
}

/// Splits at `separator` outside brackets and parentheses; yields each part with its offset.
fn split_top_level(text: &str, separator: char) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if c == separator && depth == 0 => {
                parts.push((start, &text[start..i]));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push((start, &text[start..]));
    parts
}

fn error(message: String, offset: usize) -> TypeExprError {
    TypeExprError { message, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(format: Option<&str>) -> Type {
        Type::String {
            format: format.map(str::to_owned),
        }
    }

    #[test]
    fn the_grammar_of_formats_md() {
        assert_eq!(parse("string").unwrap().ty, string(None));
        let expr = parse("string(date-time) | null").unwrap();
        assert_eq!((expr.ty, expr.nullable), (string(Some("date-time")), true));
        assert_eq!(parse("()").unwrap().ty, Type::Any);
        assert_eq!(
            parse("array[string]").unwrap().ty,
            Type::Array {
                items: Box::new(string(None))
            }
        );
        let map = parse("object(uri-map) | null").unwrap();
        assert!(map.nullable && map.warnings.is_empty());
        assert_eq!(
            map.ty,
            Type::Map {
                values: Box::new(string(Some("uri"))),
                format: Some("uri-map".into())
            }
        );
        assert_eq!(parse("boolean").unwrap().ty, Type::Boolean);
        let untyped = parse("( | null)").unwrap();
        assert_eq!((untyped.ty, untyped.nullable), (Type::Any, true));
        assert!(!parse("()").unwrap().nullable);
        let nested = parse("array[array[string]] | null").unwrap();
        assert!(nested.nullable);
        assert_eq!(
            nested.ty,
            Type::Array {
                items: Box::new(Type::Array {
                    items: Box::new(string(None))
                })
            }
        );
    }

    #[test]
    fn unknown_words_are_errors_and_unknown_formats_warnings() {
        let err = parse("array[strng]").unwrap_err();
        assert!(err.message.contains("`strng`"), "{err:?}");
        assert_eq!(err.offset, 6);
        assert!(parse("string | integer").is_err());
        assert!(parse("").is_err());
        let expr = parse("string(sid)").unwrap();
        assert_eq!(expr.warnings.len(), 1);
        assert_eq!(expr.ty, string(Some("sid")));
    }
}
