//! Path items and operations: names, texts, servers and request bodies (parameters are in
//! `params`, responses in `responses`, auth in `security`).

use indexmap::IndexMap;
use openapiv3::{MediaType, PathItem, ReferenceOr};

use super::context::Ctx;
use super::pointer::Pointer;
use super::schema::{enum_values, trimmed};
use super::view::Node;
use crate::frontend::collapse_whitespace;
use crate::ir::{
    Access, Auth, Field, MemberEncoding, Method, Name, Operation, Param, ParamLocation,
    PathTemplate, Presence, RequestBody, Server, ServerVariable, Style, Type,
};
use crate::media::Media;
use crate::names;

/// Where an operation is: its path item and what the document gives every operation.
pub(super) struct Site<'s, 'd> {
    pub path: &'d str,
    pub item: &'d PathItem,
    pub template: &'s PathTemplate,
    /// `get`, `post`, ... as the document spells it.
    pub method: &'d str,
    pub at: Pointer,
    pub item_at: &'s Pointer,
    pub servers: &'s [Server],
    pub auth: &'s [Auth],
    /// The query string the path key holds (OpenAI's `/responses?beta=true`), as pairs.
    pub query: &'s [(String, String)],
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
            let Some((template, query)) = self.path_template(path, &item_at) else {
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
                    query: &query,
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
        let mut params = self.params(site, op, &type_name);
        for (key, value) in site.query {
            let taken = params
                .iter()
                .any(|p| p.location == ParamLocation::Query && p.field.name.wire == *key);
            if !taken {
                params.push(fixed_query(&type_name, site.path, key, value));
            }
        }
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
            // `security: []` or `[{}]`: no scheme is asked for (Box's `POST /oauth2/token`).
            public: op
                .security
                .as_ref()
                .is_some_and(|requirements| requirements.iter().all(|r| r.is_empty())),
            source: self.file.to_owned(),
            pointer: site.at.as_str().to_owned(),
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
                let id = names::from_route(site.method, site.path);
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

    /// `/v1/Rooms/{Sid}` into segments; a malformed template is an error. A fragment
    /// (Box's `/files/{file_id}#get_shared_link`, which tells operations on one path apart)
    /// never reaches a server: it is left out, with a warning. A query string (OpenAI's
    /// `/responses?beta=true`, the beta twin of `/responses`) is not part of the path: its pairs
    /// are given apart, for the operations to send as query parameters, with a warning.
    fn path_template(
        &mut self,
        path: &str,
        at: &Pointer,
    ) -> Option<(PathTemplate, Vec<(String, String)>)> {
        let mut query = Vec::new();
        let path = match path.split_once('?') {
            Some((path, text)) => {
                let text = text.split('#').next().unwrap_or_default();
                query = text
                    .split('&')
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                        (key.to_owned(), value.to_owned())
                    })
                    .collect();
                self.warn(
                    at,
                    format!(
                        "the path holds a query string (`?{text}`), which is not part of a \
                         path; the operation goes to `{path}` with the query parameters \
                         `{text}`, always sent"
                    ),
                );
                path
            }
            None => path,
        };
        let path = match path.split_once('#') {
            Some((sent, fragment)) => {
                self.warn(
                    at,
                    format!(
                        "the path's fragment `#{fragment}` is not sent (a URL's fragment never \
                         reaches the server); the operation goes to `{sent}`"
                    ),
                );
                sent
            }
            None => path,
        };
        match PathTemplate::parse(path) {
            Ok(template) => Some((template, query)),
            Err(_) => {
                self.error(at, format!("malformed path template `{path}`"))
                    .help = Some("parameters are written `{Name}`".into());
                None
            }
        }
    }

    /// Each server with the variables its URL names: the declared ones as documented, one the
    /// document does not declare without a default (the caller must set it), with a warning.
    fn servers(&mut self, servers: &'d [openapiv3::Server], at: &Pointer) -> Vec<Server> {
        let mut out = Vec::with_capacity(servers.len());
        for (i, server) in servers.iter().enumerate() {
            let at = at.index(i);
            let declared = server.variables.as_ref();
            let names = match Server::template_names(&server.url) {
                Ok(names) => names,
                Err(from) => {
                    self.warn_once(
                        &at.key("url"),
                        format!("the server URL `{}` has a brace that encloses no variable name at `{from}`; it is read as literal text", server.url),
                    );
                    Vec::new()
                }
            };
            let mut variables = Vec::with_capacity(names.len());
            for name in names {
                let rust = names::snake(name);
                let name = Name {
                    wire: name.to_owned(),
                    rust,
                };
                let Some(variable) = declared.and_then(|d| d.get(&name.wire)) else {
                    self.warn_once(
                        &at.key("variables"),
                        format!(
                            "the server URL `{}` names `{{{}}}`, which `variables` does not declare; the client cannot be built until it is set",
                            server.url, name.wire
                        ),
                    );
                    variables.push(ServerVariable {
                        name,
                        default: None,
                        values: Vec::new(),
                        description: String::new(),
                    });
                    continue;
                };
                variables.push(ServerVariable {
                    name,
                    default: Some(variable.default.clone()),
                    values: enum_values(variable.enumeration.clone()),
                    description: trimmed(variable.description.as_deref()),
                });
            }
            for name in declared.into_iter().flat_map(|d| d.keys()) {
                if !variables.iter().any(|v| v.name.wire == *name) {
                    self.warn_once(
                        &at.key("variables").key(name),
                        format!(
                            "the server variable `{name}` is not in the URL `{}`; it is ignored",
                            server.url
                        ),
                    );
                }
            }
            out.push(Server {
                url: server.url.clone(),
                description: trimmed(server.description.as_deref()),
                variables,
            });
        }
        out
    }

    fn request_body(
        &mut self,
        body: &'d ReferenceOr<openapiv3::RequestBody>,
        type_name: &str,
        at: &Pointer,
    ) -> Option<RequestBody> {
        let (body, at) = self.resolve(body, at)?;
        let Some((content_type, media)) = body_media_type(&body.content) else {
            self.warn(&at, "the request body has no content; no body is generated");
            return None;
        };
        let media_at = at.key("content").key(content_type);
        let ty = match &media.schema {
            Some(schema) => {
                let hint = format!("{type_name}Request");
                self.schema(Node::of(schema), &hint, &media_at.key("schema"), 0)
                    .ty
            }
            None => Type::Any,
        };
        let encoding = media
            .encoding
            .iter()
            .map(|(member, entry)| (member.clone(), member_encoding(entry)))
            .collect();
        Some(RequestBody {
            content_type: content_type.to_owned(),
            ty,
            encoding,
            alternatives: body
                .content
                .keys()
                .filter(|key| *key != content_type)
                .cloned()
                .collect(),
        })
    }
}

/// The media type a body is generated for when the document offers several: JSON, else a
/// form, else multipart, else the first listed. The others stay reachable as a raw body.
fn body_media_type(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let rank = |key: &str| match crate::media::kind(key) {
        Media::Json => 0,
        Media::Form => 1,
        Media::Multipart => 2,
        _ => 3,
    };
    content
        .iter()
        .enumerate()
        .min_by_key(|(index, (key, _))| (rank(key), *index))
        .map(|(_, (key, media))| (key.as_str(), media))
}

/// An `encoding` entry as the IR keeps it. `openapiv3` reads an absent `explode` as `false`,
/// so only `true` is taken as stated; otherwise the style's default applies.
fn member_encoding(entry: &openapiv3::Encoding) -> MemberEncoding {
    MemberEncoding {
        style: entry.style.as_ref().map(super::params::style_of),
        explode: entry.explode.then_some(true),
        content_type: entry
            .content_type
            .as_deref()
            .and_then(|list| list.split(',').next())
            .map(|first| first.trim().to_owned())
            .filter(|first| !first.is_empty()),
    }
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

pub(super) fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Up to the first `. ` (without the period), on one line.
fn first_sentence(text: &str) -> String {
    let text = collapse_whitespace(text);
    match text.find(". ") {
        Some(end) => text[..end].to_owned(),
        None => text.trim_end_matches('.').to_owned(),
    }
}

/// A query pair the path key holds (`beta=true`): a required query parameter that takes that
/// one value (an enum of it), so the operation always sends it.
fn fixed_query(type_name: &str, path: &str, key: &str, value: &str) -> Param {
    let name = format!("{type_name}{}", names::camel(key));
    Param {
        location: ParamLocation::Query,
        field: Field {
            name: Name {
                wire: key.to_owned(),
                rust: names::snake(key),
            },
            ty: Type::Enum {
                name,
                values: enum_values(vec![value.to_owned()]),
            },
            nullable: false,
            required: Presence::Required,
            description: format!(
                "Always `{key}={value}`: the document's path for the operation is `{path}`."
            ),
            // The enum's one value says what an allowed-values fact would.
            facts: Vec::new(),
            access: Access::ReadWrite,
        },
        style: Style::Form,
        explode: true,
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
