//! Response headers: each operation's documented success headers as a struct of its module,
//! or an alias of the shared `types` struct when several operations answer with the same set
//! (Twilio's five CORS headers), named after the words their names share; a header documented
//! twice in one answer (case aside) is a warning.

use super::carried;
use super::lower::{Lowering, documented_field, field_docs};
use super::operation::Builder;
use super::{HeaderField, Item, ItemKind, Ty};
use crate::ir::{self, Api, Field, Name};
use crate::names;

impl Builder<'_, '_> {
    /// The type of the headers the call returns beside the body of `response` (the decoded
    /// success): `()` when no success documents one.
    pub(super) fn response_headers(
        &mut self,
        response: &ir::Response,
        items: &mut Vec<Item>,
    ) -> Ty {
        let op = self.op;
        for response in op.responses.iter().filter(|r| r.is_success()) {
            let names: Vec<&str> = response
                .headers
                .iter()
                .map(|h| h.name.wire.as_str())
                .collect();
            for (first, again) in carried::same_headers(&names) {
                self.warn(format!(
                    "the {} answer documents headers `{first}` and `{again}`, which are one \
                     header (header names are case-insensitive): only `{first}` is read",
                    response.label()
                ));
            }
        }
        let documented = success_headers(op);
        let answer = if op.responses.iter().filter(|r| r.is_success()).count() > 1 {
            "successful answers".to_owned()
        } else {
            format!("`{} {}` answer", response.status, response.reason)
        };
        if documented.is_empty() {
            Ty::Unit
        } else {
            let name = self
                .lowering
                .root
                .claim(&format!("{}ResponseHeaders", op.type_name));
            let item = match self.shared.name_of(&documented) {
                Some(shared) => Item {
                    name: name.clone(),
                    docs: vec![format!(
                        "Documented headers of the {answer}: [`{shared}`](crate::types::{shared}), \
                         which other operations answer with too."
                    )],
                    cfg: Vec::new(),
                    kind: ItemKind::Alias {
                        ty: Ty::Named {
                            name: shared.to_owned(),
                            module: None,
                        },
                    },
                },
                None => Item {
                    name: name.clone(),
                    docs: vec![format!("Documented headers of the {answer}.")],
                    cfg: Vec::new(),
                    kind: ItemKind::Headers {
                        fields: header_fields(&documented, self.lowering),
                    },
                },
            };
            items.push(item);
            Ty::Named {
                name,
                module: Some(self.module.clone()),
            }
        }
    }
}

fn header_fields(headers: &[Field], lowering: &Lowering) -> Vec<HeaderField> {
    let mut names: Vec<Name> = headers.iter().map(|h| h.name.clone()).collect();
    names::make_unique(&mut names);
    headers
        .iter()
        .zip(names)
        .map(|(h, name)| HeaderField {
            rust: name.rust,
            wire: h.name.wire.clone(),
            docs: field_docs(h, Some("Header")),
            ty: lowering.header(&h.ty),
            facts: documented_field(h),
        })
        .collect()
}

/// The header sets that more than one operation's success answer carries, with their names:
/// one struct in the `types` module instead of one per operation (Twilio documents the same
/// five CORS headers on every operation).
pub(super) struct SharedHeaders {
    sets: Vec<(String, Vec<Field>)>,
}

/// The documented headers of every 2xx answer, each once (by its name, case aside; the first
/// documented wins): whichever success came, its headers are read.
fn success_headers(op: &ir::Operation) -> Vec<Field> {
    let mut headers: Vec<Field> = Vec::new();
    for response in op.responses.iter().filter(|r| r.is_success()) {
        for header in &response.headers {
            let wire = &header.name.wire;
            if !headers
                .iter()
                .any(|h| h.name.wire.eq_ignore_ascii_case(wire))
            {
                headers.push(header.clone());
            }
        }
    }
    headers
}

impl SharedHeaders {
    pub(super) fn new(api: &Api, lowering: &mut Lowering) -> Self {
        let mut counted: Vec<(Vec<Field>, usize)> = Vec::new();
        let lists = api
            .operations
            .iter()
            .map(success_headers)
            .filter(|headers| !headers.is_empty());
        for headers in lists {
            match counted.iter_mut().find(|(seen, _)| *seen == headers) {
                Some((_, count)) => *count += 1,
                None => counted.push((headers, 1)),
            }
        }
        let sets = counted
            .into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(headers, _)| (lowering.types.claim(&base_name(&headers)), headers))
            .collect();
        SharedHeaders { sets }
    }

    pub(super) fn name_of(&self, headers: &[Field]) -> Option<&str> {
        self.sets
            .iter()
            .find(|(_, set)| *set == headers)
            .map(|(name, _)| name.as_str())
    }

    pub(super) fn items(&self, lowering: &Lowering) -> Vec<Item> {
        self.sets
            .iter()
            .map(|(name, headers)| Item {
                name: name.clone(),
                docs: vec!["Documented headers that several operations answer with.".to_owned()],
                cfg: Vec::new(),
                kind: ItemKind::Headers {
                    fields: header_fields(headers, lowering),
                },
            })
            .collect()
    }
}

/// `AccessControlHeaders` for `Access-Control-Allow-Origin`, `Access-Control-Max-Age`, ...:
/// the words the headers' names start with, else `ResponseHeaders`.
fn base_name(headers: &[Field]) -> String {
    let words: Vec<Vec<&str>> = headers
        .iter()
        .map(|h| h.name.wire.split('-').collect())
        .collect();
    let first = &words[0];
    let common = (0..first.len())
        .take_while(|&i| words.iter().all(|w| w.get(i) == first.get(i)))
        .count();
    let prefix = names::camel(&first[..common].join("-"));
    let valid = common > 0
        && prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        format!("{prefix}Headers")
    } else {
        "ResponseHeaders".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Presence, Type};

    fn header(wire: &str) -> Field {
        Field {
            name: names::field_name(wire),
            ty: Type::String { format: None },
            nullable: false,
            required: Presence::Optional,
            description: String::new(),
            facts: Vec::new(),
            access: Default::default(),
        }
    }

    #[test]
    fn shared_header_names_come_from_the_words_the_headers_share() {
        let cors = [
            header("Access-Control-Allow-Origin"),
            header("Access-Control-Max-Age"),
        ];
        assert_eq!(base_name(&cors), "AccessControlHeaders");
        assert_eq!(
            base_name(&[header("X-Rate-Limit"), header("ETag")]),
            "ResponseHeaders"
        );
        assert_eq!(
            base_name(&[header("3-D")]),
            "N3DHeaders",
            "a valid identifier"
        );
    }
}
