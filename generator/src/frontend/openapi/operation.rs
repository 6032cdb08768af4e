//! Path items and operations: names, servers, parameters, request bodies, responses.

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    Responses, StatusCode,
};

use super::context::Ctx;
use super::pointer::Pointer;
use super::schema::{Conv, member_camel, trimmed};
use super::view::Node;
use crate::ir::{
    Auth, Example, Field, Method, Name, Operation, Param, ParamLocation, PathPart, PathTemplate,
    Presence, RequestBody, Response, ResponseBody, Server, Type,
};
use crate::names;

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// Where an operation is: its path item and what the document gives every operation.
struct Site<'s, 'd> {
    path: &'d str,
    item: &'d PathItem,
    template: &'s PathTemplate,
    /// `get`, `post`, ... as the document spells it.
    method: &'d str,
    at: Pointer,
    item_at: &'s Pointer,
    servers: &'s [Server],
    auth: &'s [Auth],
}

/// A parameter before its Rust name is chosen (names are made distinct over all of them).
struct RawParam<'d> {
    wire: String,
    location: ParamLocation,
    explode: bool,
    required: bool,
    description: &'d str,
    schema: Option<(Node<'d>, Pointer)>,
    at: Pointer,
}

impl<'d> Ctx<'d> {
    /// Every operation of every path, in document order.
    pub fn operations(&mut self) -> Vec<Operation> {
        let doc = self.doc;
        let servers = self.servers(&doc.servers, &Pointer::root().key("servers"));
        let auth = match &doc.security {
            Some(requirements) => self.auth(requirements, &Pointer::root().key("security")),
            None => Vec::new(),
        };
        let paths_at = Pointer::root().key("paths");
        let mut operations = Vec::new();
        for (path, item) in &doc.paths.paths {
            let item_at = paths_at.key(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.error(
                        &item_at.key("$ref"),
                        format!("path items by `$ref` (`{reference}`) are not supported"),
                    )
                    .help = Some("write the path item inline under `paths`".into());
                    continue;
                }
            };
            let Some(template) = self.path_template(path, &item_at) else {
                continue;
            };
            for (method, op) in item.iter() {
                let site = Site {
                    path,
                    item,
                    template: &template,
                    method,
                    at: item_at.key(method),
                    item_at: &item_at,
                    servers: &servers,
                    auth: &auth,
                };
                operations.push(self.operation(&site, op));
            }
        }
        operations
    }

    fn operation(&mut self, site: &Site<'_, 'd>, op: &'d openapiv3::Operation) -> Operation {
        let (name, type_name) = self.operation_name(site, op);
        let description = non_empty(op.description.as_deref())
            .or_else(|| non_empty(site.item.description.as_deref()))
            .unwrap_or_default()
            .to_owned();
        let summary = non_empty(op.summary.as_deref())
            .map(collapse_whitespace)
            .or_else(|| non_empty(op.description.as_deref()).map(first_sentence))
            .unwrap_or_else(|| name.wire.clone());
        let servers = if !op.servers.is_empty() {
            self.servers(&op.servers, &site.at.key("servers"))
        } else if !site.item.servers.is_empty() {
            self.servers(&site.item.servers, &site.item_at.key("servers"))
        } else {
            site.servers.to_vec()
        };
        let auth = match &op.security {
            Some(requirements) => self.auth(requirements, &site.at.key("security")),
            None => site.auth.to_vec(),
        };
        let params = self.params(site, op, &type_name);
        let body = op
            .request_body
            .as_ref()
            .and_then(|body| self.request_body(body, &type_name, &site.at.key("requestBody")));
        let responses = self.responses(&op.responses, &type_name, &site.at.key("responses"));
        if !op.callbacks.is_empty() {
            self.warn(&site.at.key("callbacks"), "callbacks are not generated");
        }
        Operation {
            name,
            type_name,
            summary,
            description,
            method: method(site.method),
            path: site.template.clone(),
            servers,
            auth,
            params,
            group: op.tags.first().cloned(),
            body,
            responses,
            source: self.file.to_owned(),
        }
    }

    /// From `operationId`, or else from the method and path (with a warning).
    fn operation_name(&mut self, site: &Site<'_, 'd>, op: &openapiv3::Operation) -> (Name, String) {
        let id = match op
            .operation_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
        {
            Some(id) => id.to_owned(),
            None => {
                let id = names::snake(&format!("{} {}", site.method, site.path));
                self.warn(
                    &site.at,
                    format!("the operation has no `operationId`; it is named `{id}`"),
                )
                .help = Some("give every operation an `operationId`".into());
                id
            }
        };
        let name = Name {
            rust: names::snake(&id),
            wire: id.clone(),
        };
        (name, names::camel(&id))
    }

    /// `/v1/Rooms/{Sid}` into segments; a malformed template is an error.
    fn path_template(&mut self, path: &str, at: &Pointer) -> Option<PathTemplate> {
        let mut segments = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').map(|c| open + c);
                let Some(close) = close.filter(|c| *c > open + 1) else {
                    self.error(at, format!("malformed path template `{path}`"))
                        .help = Some("parameters are written `{Name}`".into());
                    return None;
                };
                if open > 0 {
                    parts.push(PathPart::Literal(rest[..open].to_owned()));
                }
                parts.push(PathPart::Param(rest[open + 1..close].to_owned()));
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(PathPart::Literal(rest.to_owned()));
            }
            segments.push(parts);
        }
        Some(PathTemplate {
            template: path.to_owned(),
            segments,
        })
    }

    fn servers(&mut self, servers: &'d [openapiv3::Server], at: &Pointer) -> Vec<Server> {
        let mut out = Vec::with_capacity(servers.len());
        for (i, server) in servers.iter().enumerate() {
            let mut url = server.url.clone();
            if let Some(variables) = server.variables.as_ref().filter(|v| !v.is_empty()) {
                for (name, variable) in variables {
                    url = url.replace(&format!("{{{name}}}"), &variable.default);
                }
                self.warn_once(
                    &at.index(i),
                    format!("server variables are fixed at their defaults: `{url}`"),
                );
            }
            out.push(Server {
                url,
                description: trimmed(server.description.as_deref()),
            });
        }
        out
    }

    /// Path-item parameters, overridden by the operation's on (name, location), in order.
    fn params(
        &mut self,
        site: &Site<'_, 'd>,
        op: &'d openapiv3::Operation,
        type_name: &str,
    ) -> Vec<Param> {
        let mut raw = Vec::new();
        self.collect_params(
            &site.item.parameters,
            &site.item_at.key("parameters"),
            &mut raw,
            0,
        );
        let own_from = raw.len();
        self.collect_params(
            &op.parameters,
            &site.at.key("parameters"),
            &mut raw,
            own_from,
        );
        self.match_path_params(site, &mut raw);

        let mut names: Vec<Name> = raw.iter().map(|p| names::field_name(&p.wire)).collect();
        names::make_unique(&mut names.iter_mut().collect::<Vec<_>>());
        let mut params = Vec::with_capacity(raw.len());
        for (param, name) in raw.into_iter().zip(names) {
            let hint = format!("{type_name}{}", member_camel(&name));
            let mut conv = match param.schema {
                Some((node, at)) => self.schema(node, &hint, &at, 0),
                None => Conv::string(),
            };
            if let Some(description) = non_empty(Some(param.description)) {
                description.clone_into(&mut conv.description);
            }
            let presence = if param.required {
                Presence::Required
            } else {
                Presence::Optional
            };
            params.push(Param {
                location: param.location,
                field: conv.field(name, presence),
                explode: param.explode,
            });
        }
        params
    }

    /// Adds `list` to `raw`; an entry from `own_from` on with the same name and location is a
    /// duplicate, an earlier one (the path item's) is overridden.
    fn collect_params(
        &mut self,
        list: &'d [ReferenceOr<Parameter>],
        at: &Pointer,
        raw: &mut Vec<RawParam<'d>>,
        own_from: usize,
    ) {
        for (i, item) in list.iter().enumerate() {
            let Some(param) = self.raw_param(item, &at.index(i)) else {
                continue;
            };
            let same = raw
                .iter()
                .position(|p| p.wire == param.wire && p.location == param.location);
            match same {
                Some(j) if j >= own_from => {
                    self.error(
                        &at.index(i),
                        format!("parameter `{}` is listed twice", param.wire),
                    );
                }
                Some(j) => raw[j] = param,
                None => raw.push(param),
            }
        }
    }

    fn raw_param(
        &mut self,
        item: &'d ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Option<RawParam<'d>> {
        let (param, at) = self.resolve(item, at)?;
        let (data, location, explode) = match param {
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => {
                let style = match style {
                    QueryStyle::Form => None,
                    QueryStyle::SpaceDelimited => Some("spaceDelimited"),
                    QueryStyle::PipeDelimited => Some("pipeDelimited"),
                    QueryStyle::DeepObject => Some("deepObject"),
                };
                if let Some(style) = style {
                    self.warn(
                        &at,
                        format!("query style `{style}` is sent as style `form`"),
                    );
                }
                (parameter_data, ParamLocation::Query, true)
            }
            Parameter::Header { parameter_data, .. } => {
                (parameter_data, ParamLocation::Header, false)
            }
            Parameter::Path {
                parameter_data,
                style,
            } => {
                if *style != PathStyle::Simple {
                    self.warn(&at, "path style `label`/`matrix` is sent as style `simple`");
                }
                (parameter_data, ParamLocation::Path, false)
            }
            Parameter::Cookie { parameter_data, .. } => {
                (parameter_data, ParamLocation::Cookie, true)
            }
        };
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => Some((Node::of(schema), at.key("schema"))),
            ParameterSchemaOrContent::Content(content) => {
                self.content_schema(content, &at.key("content"))
            }
        };
        Some(RawParam {
            wire: data.name.clone(),
            location,
            explode: data.explode.unwrap_or(explode),
            required: location == ParamLocation::Path || data.required,
            description: data.description.as_deref().unwrap_or_default(),
            schema,
            at,
        })
    }

    /// A parameter or header given by `content` instead of `schema`: the first media type's
    /// schema, sent as plain text.
    fn content_schema(
        &mut self,
        content: &'d IndexMap<String, MediaType>,
        at: &Pointer,
    ) -> Option<(Node<'d>, Pointer)> {
        let (media_type, media) = content.first()?;
        self.warn(
            at,
            format!("a value given by `content` (`{media_type}`) is sent as the plain text of its schema"),
        );
        let schema = media.schema.as_ref()?;
        Some((Node::of(schema), at.key(media_type).key("schema")))
    }

    /// Every template parameter is a path parameter (an undocumented one is added as a string,
    /// with a warning); a path parameter the template lacks is an error.
    fn match_path_params(&mut self, site: &Site<'_, 'd>, raw: &mut Vec<RawParam<'d>>) {
        for name in site.template.params() {
            let documented = raw
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire == name);
            if !documented {
                self.warn(
                    &site.at,
                    format!("path parameter `{name}` is not documented; it is taken as a string"),
                );
                raw.push(RawParam {
                    wire: name.to_owned(),
                    location: ParamLocation::Path,
                    explode: false,
                    required: true,
                    description: "",
                    schema: None,
                    at: site.at.clone(),
                });
            }
        }
        let stray: Vec<(String, Pointer)> = raw
            .iter()
            .filter(|p| {
                p.location == ParamLocation::Path && !site.template.params().any(|n| n == p.wire)
            })
            .map(|p| (p.wire.clone(), p.at.clone()))
            .collect();
        for (name, at) in stray {
            self.error(
                &at,
                format!(
                    "path parameter `{name}` is not in the path template `{}`",
                    site.path
                ),
            );
        }
    }

    fn request_body(
        &mut self,
        body: &'d ReferenceOr<openapiv3::RequestBody>,
        type_name: &str,
        at: &Pointer,
    ) -> Option<RequestBody> {
        let (body, at) = self.resolve(body, at)?;
        let Some((content_type, media)) = pick(&body.content, &[FORM, JSON]) else {
            self.warn(&at, "the request body has no content; no body is generated");
            return None;
        };
        if body.content.len() > 1 {
            self.warn(
                &at.key("content"),
                format!("the request body is generated as `{content_type}` only; other content types are ignored"),
            );
        }
        let schema_at = at.key("content").key(content_type).key("schema");
        let ty = match &media.schema {
            Some(schema) => {
                let hint = format!("{type_name}Request");
                self.schema(Node::of(schema), &hint, &schema_at, 0).ty
            }
            None => Type::Any,
        };
        Some(RequestBody {
            content_type: content_type.to_owned(),
            ty,
        })
    }

    /// Every response with a status code; `default` and ranges (`4XX`) are warned about.
    fn responses(
        &mut self,
        responses: &'d Responses,
        type_name: &str,
        at: &Pointer,
    ) -> Vec<Response> {
        if responses.default.is_some() {
            self.warn(
                &at.key("default"),
                "the `default` response is not generated; only responses with a status code are",
            );
        }
        let first_success = responses.responses.keys().find_map(|code| match code {
            StatusCode::Code(n) if (200..300).contains(n) => Some(*n),
            _ => None,
        });
        let mut out = Vec::new();
        for (code, response) in &responses.responses {
            let code_at = at.key(&code.to_string());
            let StatusCode::Code(status) = *code else {
                self.warn(
                    &code_at,
                    format!(
                        "the status range `{code}` is not generated; only single status codes are"
                    ),
                );
                continue;
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
        let body = pick(&response.content, &[JSON]).map(|(content_type, media)| {
            let media_at = at.key("content").key(content_type);
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
        });
        Response {
            status,
            reason: response.description.trim().to_owned(),
            headers,
            body,
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
        names::make_unique(&mut names.iter_mut().collect::<Vec<_>>());
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
            let hint = format!("{hint}{}", member_camel(&name));
            let mut conv = match schema {
                Some((node, at)) => self.schema(node, &hint, &at, 0),
                None => Conv::string(),
            };
            if let Some(description) = non_empty(header.description.as_deref()) {
                description.clone_into(&mut conv.description);
            }
            let presence = if header.required {
                Presence::Required
            } else {
                Presence::Optional
            };
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

/// The preferred media type that is present, else the first.
fn pick<'m>(
    content: &'m IndexMap<String, MediaType>,
    preferred: &[&str],
) -> Option<(&'m str, &'m MediaType)> {
    preferred
        .iter()
        .find_map(|p| content.get_key_value(*p))
        .or_else(|| content.first())
        .map(|(key, media)| (key.as_str(), media))
}

fn method(text: &str) -> Method {
    match text {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        _ => Method::Trace,
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to the first `. ` (without the period), on one line.
fn first_sentence(text: &str) -> String {
    let text = collapse_whitespace(text);
    match text.find(". ") {
        Some(end) => text[..end].to_owned(),
        None => text.trim_end_matches('.').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_of_a_description() {
        assert_eq!(
            first_sentence("Fetch a room.  It has\nparticipants."),
            "Fetch a room"
        );
        assert_eq!(first_sentence("Lists rooms."), "Lists rooms");
        assert_eq!(first_sentence("Version 1.2 of it"), "Version 1.2 of it");
    }
}
