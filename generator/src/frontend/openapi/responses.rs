//! Responses: every status code with its headers, body and examples, `$ref`s resolved.

use indexmap::IndexMap;
use openapiv3::{MediaType, ParameterSchemaOrContent, ReferenceOr, Responses, StatusCode};

use super::context::Ctx;
use super::operation::non_empty;
use super::pointer::Pointer;
use super::schema::Conv;
use super::view::{Node, View};
use crate::ir::{Example, Field, Name, Presence, Response, ResponseBody, StatusRange, Type};
use crate::media::{self, Media};
use crate::names;

impl<'d> Ctx<'d> {
    /// Every response: status codes in documented order, then ranges (`4XX`), then `default`.
    /// A success range (`2XX`) is warned about and left out: a call decodes one documented
    /// success.
    pub fn responses(
        &mut self,
        responses: &'d Responses,
        type_name: &str,
        at: &Pointer,
    ) -> Vec<Response> {
        let first_success = responses.responses.keys().find_map(|code| match code {
            StatusCode::Code(n) if (200..300).contains(n) => Some(*n),
            _ => None,
        });
        let mut out = Vec::new();
        let mut ranges = Vec::new();
        for (code, response) in &responses.responses {
            let code_at = at.key(&code.to_string());
            let status = match *code {
                StatusCode::Code(status) => status,
                StatusCode::Range(2) => {
                    self.warn(
                        &code_at,
                        "the success range `2XX` is not generated; only single success codes are",
                    );
                    continue;
                }
                StatusCode::Range(digit) => {
                    ranges.push((StatusRange::Class(digit as u8), response, code_at));
                    continue;
                }
            };
            let Some((response, response_at)) = self.resolve(response, &code_at) else {
                continue;
            };
            // The first success is the operation's result; the others carry their status.
            let hint = if first_success == Some(status) {
                format!("{type_name}Response")
            } else {
                format!("{type_name}Response{status}")
            };
            out.push(self.response(status, response, &hint, &response_at));
        }
        if let Some(default) = &responses.default {
            ranges.push((StatusRange::Default, default, at.key("default")));
        }
        for (range, response, code_at) in ranges {
            let Some((response, response_at)) = self.resolve(response, &code_at) else {
                continue;
            };
            let suffix = match range {
                StatusRange::Class(digit) => format!("{digit}XX"),
                StatusRange::Default => "Default".to_owned(),
            };
            let hint = format!("{type_name}Response{suffix}");
            let mut response = self.response(0, response, &hint, &response_at);
            response.range = Some(range);
            out.push(response);
        }
        out
    }

    fn response(
        &mut self,
        status: u16,
        response: &'d openapiv3::Response,
        hint: &str,
        at: &Pointer,
    ) -> Response {
        let headers = self.headers(&response.headers, hint, &at.key("headers"));
        // An event stream is kept apart: it is read event by event, not as one body.
        let content = response.content.keys();
        let (streams, bodies): (Vec<&String>, Vec<&String>) =
            content.partition(|key| media::kind(key) == Media::EventStream);
        // JSON first (`application/json` before other JSON), else the first listed; but a
        // file documented beside a JSON string (OpenAI's `application/zip` and
        // `application/json: {type: string}` of a download) is the file.
        let file = bodies
            .iter()
            .any(|key| !media::is_json(key) && self.media_is(response, key, Some("binary")));
        let rank = |key: &str| {
            let json = media::is_json(key);
            let text_of_file = file && json && self.media_is(response, key, None);
            (
                text_of_file,
                !json,
                media::essence(key) != "application/json",
            )
        };
        let body = bodies
            .iter()
            .enumerate()
            .min_by_key(|(index, key)| (rank(key), *index))
            .map(|(_, content_type)| self.body(response, content_type, hint, at));
        let events = streams
            .first()
            .map(|content_type| self.body(response, content_type, &format!("{hint}Event"), at));
        Response {
            status,
            range: None,
            reason: response.description.trim().to_owned(),
            headers,
            body,
            events,
        }
    }

    /// Whether the body documented as `content_type` is a string of `format` (`None`: a plain
    /// string: no format, no `enum`).
    fn media_is(
        &self,
        response: &'d openapiv3::Response,
        content_type: &str,
        format: Option<&str>,
    ) -> bool {
        let schema = response.content[content_type].schema.as_ref();
        let Some(schema) = schema.and_then(|s| self.resolved(Node::of(s))) else {
            return false;
        };
        let view = View::of(schema);
        view.typ == Some("string") && view.format == format && view.enumeration.is_empty()
    }

    /// The body documented as `content_type` (a key of the response's `content`).
    fn body(
        &mut self,
        response: &'d openapiv3::Response,
        content_type: &str,
        hint: &str,
        at: &Pointer,
    ) -> ResponseBody {
        let media_at = at.key("content").key(content_type);
        let media = &response.content[content_type];
        let ty = match &media.schema {
            Some(schema) => {
                self.schema(Node::of(schema), hint, &media_at.key("schema"), 0)
                    .ty
            }
            None => Type::Any,
        };
        ResponseBody {
            content_type: content_type.to_owned(),
            ty,
            examples: self.examples(media, &media_at),
        }
    }

    fn headers(
        &mut self,
        headers: &'d IndexMap<String, ReferenceOr<openapiv3::Header>>,
        hint: &str,
        at: &Pointer,
    ) -> Vec<Field> {
        let mut resolved = Vec::with_capacity(headers.len());
        for (wire, header) in headers {
            if let Some((header, header_at)) = self.resolve(header, &at.key(wire)) {
                resolved.push((wire.as_str(), header, header_at));
            }
        }
        let mut names: Vec<Name> = resolved
            .iter()
            .map(|(wire, ..)| names::field_name(wire))
            .collect();
        names::make_unique(&mut names);
        let mut fields = Vec::with_capacity(resolved.len());
        for ((_, header, header_at), name) in resolved.into_iter().zip(names) {
            let schema = match &header.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    Some((Node::of(schema), header_at.key("schema")))
                }
                ParameterSchemaOrContent::Content(content) => {
                    self.content_schema(content, &header_at.key("content"))
                }
            };
            let hint = format!("{hint}{}", names::member_camel(&name));
            let mut conv = match schema {
                Some((node, at)) => self.schema(node, &hint, &at, 0),
                None => Conv::string(),
            };
            if let Some(description) = non_empty(header.description.as_deref()) {
                description.clone_into(&mut conv.description);
            }
            let presence = Presence::required_if(header.required);
            fields.push(conv.field(name, presence));
        }
        fields
    }

    /// The media type's `examples` (references resolved) in document order, then `example`.
    fn examples(&mut self, media: &'d MediaType, at: &Pointer) -> Vec<Example> {
        let mut out = Vec::new();
        for (name, example) in &media.examples {
            let Some((example, example_at)) = self.resolve(example, &at.key("examples").key(name))
            else {
                continue;
            };
            match (&example.value, &example.external_value) {
                (Some(value), _) => out.push(Example {
                    name: name.clone(),
                    value: value.clone(),
                }),
                (None, Some(url)) => {
                    self.warn(
                        &example_at,
                        format!("the external example `{url}` is not fetched"),
                    );
                }
                (None, None) => {}
            }
        }
        if let Some(value) = &media.example {
            out.push(Example {
                name: "example".to_owned(),
                value: value.clone(),
            });
        }
        out
    }
}
