//! The IR's operations as an OpenAPI 3.0.3 document: servers, one path item per path template,
//! each operation with its parameters, request body, responses and security.

use indexmap::IndexMap;
use openapiv3::{
    Components, CookieStyle, Encoding, Example, Header, HeaderStyle, Info, MediaType, OpenAPI,
    Parameter, ParameterData, ParameterSchemaOrContent, PathItem, PathStyle, Paths, QueryStyle,
    ReferenceOr, RequestBody, Responses, Server as OaServer, ServerVariable as OaVariable,
    StatusCode,
};

use super::schema::{Attrs, Schemas};
use super::security::Security;
use crate::diag::Diagnostic;
use crate::ir::{
    Api, Method, Operation, Param, ParamLocation, Presence, Response, ResponseBody, Server,
    StatusRange, Style,
};

/// The version written; the frontend reads it as 3.0.
pub const VERSION: &str = "3.0.3";

/// The document and warnings about it, or why the IR cannot be one (two responses for one
/// status, a reference to a type the API lacks).
pub fn document(api: &Api, title: &str) -> Result<(OpenAPI, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut schemas = Schemas::new(api);
    let security = Security::new(api);
    let shared = shared_servers(api);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut paths: IndexMap<String, ReferenceOr<PathItem>> = IndexMap::new();
    for op in &api.operations {
        let servers = if op.servers == shared {
            Vec::new()
        } else {
            servers(&op.servers)
        };
        let operation = openapiv3::Operation {
            tags: op.group.iter().cloned().collect(),
            summary: Some(op.summary.clone()).filter(|s| !s.is_empty()),
            description: Some(op.description.clone()).filter(|d| !d.is_empty()),
            operation_id: Some(op.name.wire.clone()),
            parameters: op
                .params
                .iter()
                .map(|p| ReferenceOr::Item(parameter(p, &mut schemas)))
                .collect(),
            request_body: op
                .body
                .as_ref()
                .map(|body| ReferenceOr::Item(request_body(body, &mut schemas))),
            responses: responses(op, &mut schemas, &mut errors),
            // An operation that takes no credentials says so with an empty list.
            security: Some(security.requirements(&op.auth)).filter(|s| !s.is_empty() || op.public),
            servers,
            ..openapiv3::Operation::default()
        };
        let mut path = op.path.template.clone();
        if method_slot(path_item(&mut paths, &path), op.method).is_some() {
            // Box's document tells operations on one method and path apart by a fragment,
            // which the frontend reads and leaves out (a URL's fragment never reaches the
            // server); the later operation gets one again.
            path = format!("{path}#{}", op.name.rust);
            warnings.push(
                Diagnostic::warning(
                    &op.source,
                    None,
                    format!(
                        "operation `{}` is {} {}, as another operation is; it is written at \
                         `{path}` (an OpenAPI document has one operation per method and path; \
                         the fragment is not sent)",
                        op.name.wire,
                        op.method.as_str(),
                        op.path.template
                    ),
                )
                .with_help("tools that do not drop a path's fragment read another path"),
            );
        }
        *method_slot(path_item(&mut paths, &path), op.method) = Some(operation);
    }
    let components = Components {
        schemas: schemas.components(api),
        security_schemes: security.components(),
        ..Components::default()
    };
    errors.append(&mut schemas.errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let document = OpenAPI {
        openapi: VERSION.to_owned(),
        info: Info {
            title: title.to_owned(),
            version: "0.0.0".to_owned(),
            ..Info::default()
        },
        servers: servers(&shared),
        paths: Paths {
            paths,
            extensions: IndexMap::new(),
        },
        components: Some(components).filter(|c| *c != Components::default()),
        ..OpenAPI::default()
    };
    Ok((document, warnings))
}

/// The path item at `path`, made when it is the first operation there.
fn path_item<'p>(
    paths: &'p mut IndexMap<String, ReferenceOr<PathItem>>,
    path: &str,
) -> &'p mut PathItem {
    let item = paths
        .entry(path.to_owned())
        .or_insert_with(|| ReferenceOr::Item(PathItem::default()));
    match item {
        ReferenceOr::Item(item) => item,
        ReferenceOr::Reference { .. } => unreachable!("path items are written inline"),
    }
}

/// The servers most operations have (the document's, which every operation without servers of
/// its own inherits); none when an operation has none (an empty list inherits).
fn shared_servers(api: &Api) -> Vec<Server> {
    if api.operations.iter().any(|op| op.servers.is_empty()) {
        return Vec::new();
    }
    let mut counts: Vec<(&Vec<Server>, usize)> = Vec::new();
    for op in &api.operations {
        match counts
            .iter_mut()
            .find(|(servers, _)| **servers == op.servers)
        {
            Some((_, n)) => *n += 1,
            None => counts.push((&op.servers, 1)),
        }
    }
    // The first of the most used, in operation order.
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(servers, _)| servers.clone())
        .unwrap_or_default()
}

fn servers(servers: &[Server]) -> Vec<OaServer> {
    servers
        .iter()
        .map(|server| {
            // A variable without a default (the URL names it, no document declares it) is left
            // undeclared, as it was.
            let variables: IndexMap<String, OaVariable> = server
                .variables
                .iter()
                .filter_map(|v| {
                    let default = v.default.clone()?;
                    Some((
                        v.name.wire.clone(),
                        OaVariable {
                            enumeration: v.values.iter().map(|n| n.wire.clone()).collect(),
                            default,
                            description: Some(v.description.clone()).filter(|d| !d.is_empty()),
                            extensions: IndexMap::new(),
                        },
                    ))
                })
                .collect();
            OaServer {
                url: server.url.clone(),
                description: Some(server.description.clone()).filter(|d| !d.is_empty()),
                variables: Some(variables).filter(|v| !v.is_empty()),
                extensions: IndexMap::new(),
            }
        })
        .collect()
}

fn method_slot(item: &mut PathItem, method: Method) -> &mut Option<openapiv3::Operation> {
    match method {
        Method::Get => &mut item.get,
        Method::Post => &mut item.post,
        Method::Put => &mut item.put,
        Method::Patch => &mut item.patch,
        Method::Delete => &mut item.delete,
        Method::Head => &mut item.head,
        Method::Options => &mut item.options,
        Method::Trace => &mut item.trace,
    }
}

/// Required when the input says so; OpenAPI requires every path parameter.
fn required(presence: Presence, location: ParamLocation) -> bool {
    presence == Presence::Required || location == ParamLocation::Path
}

fn parameter(param: &Param, schemas: &mut Schemas) -> Parameter {
    let field = &param.field;
    let default_explode = param.style == Style::Form;
    let parameter_data = ParameterData {
        name: field.name.wire.clone(),
        description: Some(field.description.clone()).filter(|d| !d.is_empty()),
        required: required(field.required, param.location),
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(
            schemas.schema(&field.ty, &Attrs::of(field, false)),
        ),
        example: None,
        examples: IndexMap::new(),
        explode: (param.explode != default_explode).then_some(param.explode),
        extensions: IndexMap::new(),
    };
    // Each place has the styles OpenAPI allows there; the IR's other styles are not ones a
    // frontend gives for that place.
    match param.location {
        ParamLocation::Query => Parameter::Query {
            parameter_data,
            allow_reserved: false,
            style: query_style(param.style),
            allow_empty_value: None,
        },
        ParamLocation::Header => Parameter::Header {
            parameter_data,
            style: HeaderStyle::Simple,
        },
        ParamLocation::Path => Parameter::Path {
            parameter_data,
            style: PathStyle::Simple,
        },
        ParamLocation::Cookie => Parameter::Cookie {
            parameter_data,
            style: CookieStyle::Form,
        },
    }
}

fn query_style(style: Style) -> QueryStyle {
    match style {
        Style::SpaceDelimited => QueryStyle::SpaceDelimited,
        Style::PipeDelimited => QueryStyle::PipeDelimited,
        Style::DeepObject => QueryStyle::DeepObject,
        Style::Form | Style::Simple => QueryStyle::Form,
    }
}

fn request_body(body: &crate::ir::RequestBody, schemas: &mut Schemas) -> RequestBody {
    let encoding = body
        .encoding
        .iter()
        .map(|(member, entry)| {
            let encoding = Encoding {
                content_type: entry.content_type.clone(),
                style: entry.style.map(query_style),
                explode: entry.explode == Some(true),
                ..Encoding::default()
            };
            (member.clone(), encoding)
        })
        .collect();
    let mut content = IndexMap::new();
    content.insert(
        body.content_type.clone(),
        MediaType {
            schema: Some(schemas.bare(&body.ty)),
            encoding,
            ..MediaType::default()
        },
    );
    // The IR keeps only the names of the other media types a body is offered in.
    for alternative in &body.alternatives {
        content.insert(alternative.clone(), MediaType::default());
    }
    RequestBody {
        content,
        ..RequestBody::default()
    }
}

fn responses(op: &Operation, schemas: &mut Schemas, errors: &mut Vec<Diagnostic>) -> Responses {
    let mut out = Responses::default();
    for response in &op.responses {
        let written = ReferenceOr::Item(self::response(response, schemas));
        let taken = match response.range {
            None => out
                .responses
                .insert(StatusCode::Code(response.status), written)
                .is_some(),
            Some(StatusRange::Class(digit)) => out
                .responses
                .insert(StatusCode::Range(u16::from(digit)), written)
                .is_some(),
            Some(StatusRange::Default) => out.default.replace(written).is_some(),
        };
        if taken {
            errors.push(
                Diagnostic::error(
                    &op.source,
                    None,
                    format!(
                        "operation `{}` documents response {} twice; an OpenAPI document has one \
                         response per status",
                        op.name.wire,
                        response.label()
                    ),
                )
                .with_help("document each status once"),
            );
        }
    }
    out
}

fn response(response: &Response, schemas: &mut Schemas) -> openapiv3::Response {
    let headers = response
        .headers
        .iter()
        .map(|header| {
            let written = Header {
                description: Some(header.description.clone()).filter(|d| !d.is_empty()),
                style: HeaderStyle::Simple,
                required: header.required == Presence::Required,
                deprecated: None,
                format: ParameterSchemaOrContent::Schema(
                    schemas.schema(&header.ty, &Attrs::of(header, false)),
                ),
                example: None,
                examples: IndexMap::new(),
                extensions: IndexMap::new(),
            };
            (header.name.wire.clone(), ReferenceOr::Item(written))
        })
        .collect();
    let mut content = IndexMap::new();
    // The body first: the frontend reads the first non-stream media type as the body.
    for body in response.body.iter().chain(&response.events) {
        content.insert(body.content_type.clone(), media_type(body, schemas));
    }
    openapiv3::Response {
        description: response.reason.clone(),
        headers,
        content,
        ..openapiv3::Response::default()
    }
}

/// A body's schema and examples: by name, the last one named `example` as the media type's
/// `example` (which the frontend reads after the named ones).
fn media_type(body: &ResponseBody, schemas: &mut Schemas) -> MediaType {
    let mut examples: &[crate::ir::Example] = &body.examples;
    let mut example = None;
    if let Some((last, rest)) = examples.split_last() {
        if last.name == "example" {
            example = Some(last.value.clone());
            examples = rest;
        }
    }
    MediaType {
        schema: Some(schemas.bare(&body.ty)),
        example,
        examples: examples
            .iter()
            .map(|e| {
                let written = Example {
                    value: Some(e.value.clone()),
                    ..Example::default()
                };
                (e.name.clone(), ReferenceOr::Item(written))
            })
            .collect(),
        ..MediaType::default()
    }
}
