//! Whether a request member's place can carry its documented type the way the document asks:
//! where it cannot (a file in a query string, an object in a path segment written in a style
//! the client does not write, an array of objects in a header), the plan keeps a lossless
//! fallback (the text as given, the value as JSON text) and says so in a located warning.

use super::lower::Lowering;
use super::{Encoding, Place};
use crate::ir::{Style, Type};

/// What is wrong with sending a value of `ty` (resolved) at `place` with `encoding`, as the
/// end of a sentence that starts with the member (`` query parameter `file` ``); `None` when
/// the member goes out as documented.
pub(super) fn problem(
    place: Place,
    style: Option<(Style, bool)>,
    ty: &Type,
    encoding: &Encoding,
    lowering: &Lowering,
) -> Option<String> {
    let text_place = match place {
        Place::Path => "a path segment",
        Place::Query => "a query string",
        Place::Header => "a header",
        Place::Cookie => "a cookie",
        Place::Form => "a form body",
        Place::JsonMember | Place::JsonBody | Place::Part | Place::RawBody => return None,
    };
    let binary_items = matches!(ty, Type::Array { items } if is_binary(lowering.resolve(items)));
    if is_binary(ty) || binary_items {
        return Some(format!(
            "is binary (`format: binary`), which {text_place} carries only as text: it takes text \
             (`String`), sent as it is given"
        ));
    }
    // Forms write objects and untyped values as JSON text by Twilio's conventions, as
    // README.md says; the other places go by OpenAPI's styles.
    if *encoding != Encoding::JsonText || place == Place::Form {
        return None;
    }
    let shape = match ty {
        Type::Object { .. } | Type::Map { .. } => "an object",
        Type::Array { items } => match lowering.resolve(items) {
            Type::Array { .. } => "an array of arrays",
            Type::Object { .. } | Type::Map { .. } => "an array of objects",
            Type::Union { .. } => "an array of unions",
            _ => return None,
        },
        _ => return None,
    };
    let written = match (place, style) {
        (Place::Cookie, _) => "the client writes no object or nested value in a cookie".to_owned(),
        (_, Some((style, explode))) => format!(
            "the client does not write {shape} in style `{}` with `explode: {explode}`",
            style_name(style)
        ),
        (_, None) => format!("the client does not write {shape} there"),
    };
    Some(format!(
        "is {shape}, which {text_place} cannot carry as documented ({written}): it is sent as \
         JSON text"
    ))
}

fn is_binary(ty: &Type) -> bool {
    matches!(ty, Type::String { format } if format.as_deref() == Some("binary"))
}

fn style_name(style: Style) -> &'static str {
    match style {
        Style::Form => "form",
        Style::Simple => "simple",
        Style::SpaceDelimited => "spaceDelimited",
        Style::PipeDelimited => "pipeDelimited",
        Style::DeepObject => "deepObject",
    }
}

/// Header names documented twice, case aside (`X-Rate` and `x-rate`: one header on the wire,
/// as header names are case-insensitive): each later one with the first.
pub(super) fn same_headers<'n>(names: &[&'n str]) -> Vec<(&'n str, &'n str)> {
    names
        .iter()
        .enumerate()
        .filter_map(|(i, again)| {
            let first = names[..i].iter().find(|n| n.eq_ignore_ascii_case(again))?;
            Some((*first, *again))
        })
        .collect()
}
