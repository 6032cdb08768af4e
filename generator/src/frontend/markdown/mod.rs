//! Reference pages in the Bump.sh layout (see FORMATS.md): one page is one operation.
//!
//! A one-line page is first given its line breaks back (`reflow`); then both forms go through
//! the same parser, which walks the page's blocks (`blocks`) section by section. The re-flow and
//! the parser read the layout's fixed words from one table (`vocabulary`) and its line shapes
//! from one place (`shapes`), so that the two forms of a page cannot be read differently.

mod blocks;
mod description;
mod fields;
mod reflow;
mod resources;
mod shapes;
#[cfg(test)]
mod tests;
mod titles;
mod vocabulary;

use std::ops::Range;

use blocks::{Block, Item};
use reflow::Reflowed;
pub use resources::share;
pub use titles::name_apart;
use vocabulary::Meaning;

use super::{Source, auth, collapse_whitespace, prose, type_expr};
use crate::diag::Diagnostic;
use crate::ir::{
    Auth, AuthScheme, Field, Method, Name, Operation, Param, ParamLocation, PathTemplate, Presence,
    RequestBody, Response, ResponseBody, Server, Style, Type,
};
use crate::names;

/// Parses one page. Errors and warnings go to `diagnostics`; `None` when there was an error.
pub fn parse(file: &str, src: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Operation> {
    parse_as(file, src, None, diagnostics)
}

/// Parses one page, named `name` (a name its title would give another page too) instead of
/// after its title.
fn parse_as(
    file: &str,
    src: &str,
    name: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Operation> {
    let flow = if reflow::is_one_line(src) {
        reflow::reflow(src)
    } else {
        Reflowed::identity(src)
    };
    let mut page = Page {
        file,
        text: &flow.text,
        flow: &flow,
        name,
        diagnostics: Vec::new(),
    };
    let operation = page.operation();
    let failed = page.diagnostics.iter().any(Diagnostic::is_error);
    diagnostics.append(&mut page.diagnostics);
    operation.filter(|_| !failed)
}

struct Page<'a> {
    file: &'a str,
    /// The multi-line text being parsed; ranges below are into it.
    text: &'a str,
    flow: &'a Reflowed,
    /// The operation's name when not its title's (see [`name_apart`]).
    name: Option<&'a str>,
    diagnostics: Vec<Diagnostic>,
}

/// Where in the page the parser is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Top,
    Servers,
    Auth,
    Parameters,
    Params(ParamLocation),
    RequestBody,
    Responses,
    Response,
    ResponseHeaders,
    ResponseBody,
    Unknown,
}

/// A body heading's content type and the type of its root.
struct BodyHeading {
    content_type: String,
    ty: Option<(Type, Range<usize>)>,
}

impl Page<'_> {
    fn slice(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    fn error(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let span = self.flow.original_range(range);
        self.diagnostics
            .push(Diagnostic::error(self.file, Some(span), message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn warn(&mut self, range: Range<usize>, message: impl Into<String>) {
        let span = self.flow.original_range(range);
        self.diagnostics
            .push(Diagnostic::warning(self.file, Some(span), message));
    }

    fn operation(&mut self) -> Option<Operation> {
        let blocks = match blocks::blocks(self.text) {
            Ok(blocks) => blocks,
            Err(at) => {
                let first_line = self.text[at.clone()].lines().next().map_or(0, str::len);
                self.error(
                    at.start..at.start + first_line.max(1),
                    format!("lists nest deeper than {} levels here", blocks::MAX_DEPTH),
                );
                return None;
            }
        };
        let mut blocks = blocks.iter().peekable();
        let title = match blocks.next() {
            Some(Block::Heading { level: 1, text }) => self.slice(text).to_owned(),
            other => {
                let at = match other {
                    Some(Block::Heading { text, .. } | Block::Paragraph(text)) => text.clone(),
                    _ => 0..0,
                };
                self.error(
                    at,
                    "this is not a reference page: it does not start with a `# Title` heading",
                )
                .help = Some(
                    "a page starts with `# Title`, then `**METHOD /path**` (see FORMATS.md)".into(),
                );
                return None;
            }
        };
        let mut method_path = None;
        let mut description = Vec::new();
        let mut servers = Vec::new();
        let mut auth = Vec::new();
        let mut params: Vec<Param> = Vec::new();
        let mut body: Option<RequestBody> = None;
        let mut body_content_type: Option<String> = None;
        let mut responses: Vec<Response> = Vec::new();
        let type_name = names::camel(self.name.unwrap_or(&title));
        let mut section = Section::Top;
        // The layout's word of the heading above, until a list: `Content-type:` goes there.
        let mut opened = None;

        for block in blocks {
            if let Block::List(_) = block {
                opened = None;
            }
            match block {
                Block::Heading { level, text } => {
                    opened = vocabulary::heading_word(*level, self.slice(text))
                        .map(|(word, _)| word.meaning);
                    section = self.heading(
                        *level,
                        text.clone(),
                        section,
                        &type_name,
                        &mut body,
                        &mut responses,
                    );
                }
                Block::Paragraph(range) => {
                    let text = self.slice(range);
                    if let Some((word, rest)) = vocabulary::paragraph_word(text, opened) {
                        if word.meaning == Meaning::ContentType {
                            body_content_type = Some(rest.trim().to_owned());
                        }
                        // Neither the content type nor the footer is part of a description.
                        continue;
                    }
                    if section != Section::Top {
                        continue;
                    }
                    if method_path.is_none() && shapes::method_line_len(text) == Some(text.len()) {
                        method_path = self.method_line(range.clone());
                    } else if method_path.is_some() {
                        description.push(collapse_whitespace(text));
                    }
                }
                Block::List(list) => match section {
                    Section::Servers => {
                        servers.extend(list.iter().map(|i| server(self.slice(&i.text))))
                    }
                    Section::Auth => {
                        for item in list {
                            auth.push(self.auth(item.text.clone()));
                        }
                    }
                    Section::Params(location) => {
                        let fields = self.fields(
                            &items(list),
                            &format!("{type_name}Request"),
                            &params_fields(&params),
                        );
                        params.extend(fields.into_iter().map(|field| Param {
                            location,
                            field,
                            style: location.default_style(),
                            explode: true,
                        }));
                    }
                    Section::RequestBody => {
                        let content_type = body_content_type
                            .take()
                            .unwrap_or_else(|| "application/x-www-form-urlencoded".to_owned());
                        let body = body.get_or_insert_with(|| RequestBody {
                            content_type,
                            ty: Type::Object {
                                name: format!("{type_name}Request"),
                                fields: Vec::new(),
                                additional: None,
                            },
                            encoding: Vec::new(),
                            alternatives: Vec::new(),
                        });
                        self.fill_object(&mut body.ty, &items(list));
                    }
                    Section::ResponseHeaders => {
                        if let Some(response) = responses.last_mut() {
                            let headers = self.fields(&items(list), "", &[]);
                            response.headers.extend(headers);
                        }
                    }
                    Section::ResponseBody => {
                        if let Some(body) = responses.last_mut().and_then(|r| r.body.as_mut()) {
                            self.fill_object(&mut body.ty, &items(list));
                        }
                    }
                    Section::Top
                    | Section::Parameters
                    | Section::Responses
                    | Section::Response
                    | Section::Unknown => {
                        if let Some(first) = list.first() {
                            self.warn(
                                first.text.clone(),
                                "a list outside any section of the layout is ignored",
                            );
                        }
                    }
                },
            }
        }

        let Some((method, path, path_range)) = method_path else {
            let end = self.text.len();
            self.error(
                0..end.min(1),
                format!("page `{title}` has no method and path"),
            )
            .help = Some("after the title, write the endpoint as `**POST /v1/Rooms**`".into());
            return None;
        };
        self.check_path_params(&path, path_range, &mut params);
        if responses.is_empty() {
            self.warn(0..0, "the page documents no response");
        }
        Some(Operation {
            name: Name {
                wire: type_name.clone(),
                rust: names::snake(self.name.unwrap_or(&title)),
            },
            type_name,
            summary: title,
            description: description.join("\n\n"),
            method,
            path,
            servers,
            auth,
            params,
            group: None,
            body,
            responses,
            // Pages list the methods that authenticate; none listed is not a statement.
            public: false,
            source: self.file.to_owned(),
            pointer: String::new(),
        })
    }

    /// A heading opens a section; status and body headings also open a response or body.
    fn heading(
        &mut self,
        level: usize,
        range: Range<usize>,
        current: Section,
        type_name: &str,
        body: &mut Option<RequestBody>,
        responses: &mut Vec<Response>,
    ) -> Section {
        let text = self.slice(&range).to_owned();
        let word = vocabulary::heading_word(level, &text);
        if let Some((word, "")) = word {
            if let Some(section) = section_of(word.meaning, !responses.is_empty()) {
                return section;
            }
        }
        let in_responses = matches!(
            current,
            Section::Responses
                | Section::Response
                | Section::ResponseHeaders
                | Section::ResponseBody
        );
        let body_heading = word
            .filter(|(word, _)| word.meaning == Meaning::Body)
            .map(|(_, rest)| self.body_heading(rest, range.end - rest.len()));
        if let Some(heading) = body_heading {
            if in_responses && !responses.is_empty() {
                let index = responses.len() - 1;
                // The first success response is the operation's result; others carry their status.
                let name = if responses.iter().position(Response::is_success) == Some(index) {
                    format!("{type_name}Response")
                } else {
                    format!("{type_name}Response{}", responses[index].status)
                };
                let ty = self.root_type(heading.ty, name);
                responses[index].body = Some(ResponseBody {
                    content_type: heading.content_type,
                    ty,
                    examples: Vec::new(),
                });
                return Section::ResponseBody;
            }
            let ty = self.root_type(heading.ty, format!("{type_name}Request"));
            *body = Some(RequestBody {
                content_type: heading.content_type,
                ty,
                encoding: Vec::new(),
                alternatives: Vec::new(),
            });
            return Section::RequestBody;
        }
        if level == shapes::STATUS_LEVEL && in_responses {
            if let Some(response) = status_heading(&text) {
                responses.push(response);
                return Section::Response;
            }
        }
        self.warn(
            range,
            format!("heading `{text}` is not part of the page layout; its section is ignored"),
        );
        Section::Unknown
    }

    /// ` application/json (object)`, the rest of a body heading found at `rest_offset`.
    fn body_heading(&mut self, rest: &str, rest_offset: usize) -> BodyHeading {
        let trimmed = rest.trim_start();
        let (content_type, type_part) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
        let type_part = type_part.trim();
        let ty = match type_part
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(expr) => {
                let expr_offset = rest_offset + rest.find(type_part).unwrap_or(0) + 1;
                self.type_expr(expr, expr_offset)
                    .map(|(ty, _)| (ty, expr_offset..expr_offset + expr.len()))
            }
            None => None,
        };
        BodyHeading {
            content_type: content_type.to_owned(),
            ty,
        }
    }

    /// The root type of a body: an object gets the given Rust name and will receive the fields.
    fn root_type(&mut self, ty: Option<(Type, Range<usize>)>, name: String) -> Type {
        match ty {
            None | Some((Type::Map { format: None, .. }, _)) => Type::Object {
                name,
                fields: Vec::new(),
                additional: None,
            },
            Some((ty, _)) => ty,
        }
    }

    fn method_line(&mut self, range: Range<usize>) -> Option<(Method, PathTemplate, Range<usize>)> {
        let text = self.text[range.clone()].trim_matches('*');
        let (method, path) = text.split_once(' ')?;
        let method = Method::parse(method)?;
        let path_start = range.start + 2 + text.find(path)?;
        let template = self.path_template(path, path_start)?;
        Some((method, template, path_start..path_start + path.len()))
    }

    fn path_template(&mut self, path: &str, offset: usize) -> Option<PathTemplate> {
        match PathTemplate::parse(path) {
            Ok(template) => Some(template),
            Err(at) => {
                self.error(
                    offset + at..offset + at + 1,
                    "unclosed `{` in the path template",
                )
                .help = Some("parameters are written `{Name}`".into());
                None
            }
        }
    }

    /// Every template parameter is a required path parameter; one the page does not document is
    /// added as a string, with a warning.
    fn check_path_params(
        &mut self,
        path: &PathTemplate,
        range: Range<usize>,
        params: &mut Vec<Param>,
    ) {
        for name in path.params() {
            let documented = params
                .iter_mut()
                .find(|p| p.location == ParamLocation::Path && p.field.name.wire == name);
            match documented {
                Some(param) => param.field.required = Presence::Required,
                None => {
                    self.warn(
                        range.clone(),
                        format!(
                            "path parameter `{name}` is not documented; it is taken as a string"
                        ),
                    );
                    params.push(Param {
                        style: Style::Simple,
                        explode: true,
                        location: ParamLocation::Path,
                        field: Field {
                            name: names::field_name(name),
                            ty: Type::String { format: None },
                            nullable: false,
                            required: Presence::Required,
                            description: String::new(),
                            facts: Vec::new(),
                            access: Default::default(),
                        },
                    });
                }
            }
        }
        let documented: Vec<(String, Range<usize>)> = params
            .iter()
            .filter(|p| {
                p.location == ParamLocation::Path && !path.params().any(|n| n == p.field.name.wire)
            })
            .map(|p| (p.field.name.wire.clone(), range.clone()))
            .collect();
        for (name, at) in documented {
            self.error(
                at,
                format!("path parameter `{name}` is documented but not in the path template"),
            );
        }
    }

    fn auth(&mut self, range: Range<usize>) -> Auth {
        let name = collapse_whitespace(self.slice(&range));
        let scheme = auth::scheme_for(&name);
        if scheme == AuthScheme::Unknown {
            self.warn(
                range,
                format!("authentication method `{name}` maps to no known scheme; the client sends no credentials for it"),
            );
        }
        Auth { name, scheme }
    }

    /// Parses a type expression found at `offset`; errors point into it.
    fn type_expr(&mut self, expr: &str, offset: usize) -> Option<(Type, bool)> {
        match type_expr::parse(expr) {
            Ok(parsed) => {
                for warning in parsed.warnings {
                    self.warn(offset..offset + expr.len(), warning);
                }
                Some((parsed.ty, parsed.nullable))
            }
            Err(err) => {
                let at = offset + err.offset;
                self.error(at..offset + expr.len(), err.message).help = Some(
                    "expected string, integer, number, boolean, object, array[T], string(FORMAT), \
                     object(uri-map) or (), optionally followed by `| null`"
                        .into(),
                );
                None
            }
        }
    }
}

/// The section a heading that is a word of the layout opens (`None`: not a section heading
/// here; `#### Headers` is one only under a status line).
fn section_of(meaning: Meaning, in_response: bool) -> Option<Section> {
    Some(match meaning {
        Meaning::Servers => Section::Servers,
        Meaning::AuthMethods => Section::Auth,
        Meaning::Parameters => Section::Parameters,
        Meaning::Params(location) => Section::Params(location),
        Meaning::BodyParameters => Section::RequestBody,
        Meaning::Responses => Section::Responses,
        Meaning::ResponseHeaders if in_response => Section::ResponseHeaders,
        Meaning::ResponseHeaders | Meaning::Body | Meaning::ContentType | Meaning::Footer => {
            return None;
        }
    })
}

/// `201 Created` or `201: Created`, with a code HTTP has.
fn status_heading(text: &str) -> Option<Response> {
    let status = shapes::status_line(text).filter(|s| (100..600).contains(&s.code))?;
    Some(Response {
        status: status.code,
        range: None,
        reason: text[status.reason..].trim().to_owned(),
        headers: Vec::new(),
        body: None,
        events: None,
    })
}

fn items(list: &[Item]) -> Vec<&Item> {
    list.iter().collect()
}

fn params_fields(params: &[Param]) -> Vec<Field> {
    params.iter().map(|p| p.field.clone()).collect()
}

/// `https://video.twilio.com: https://video.twilio.com (description)`.
fn server(text: &str) -> Server {
    let value = text
        .split_once(": ")
        .map_or(text, |(_, value)| value)
        .trim();
    let (url, description) = match value.split_once(" (") {
        Some((url, rest)) => (url, rest.trim_end_matches(')')),
        None => (value, ""),
    };
    // Pages declare no server variables.
    Server {
        url: url.trim().to_owned(),
        description: description.trim().to_owned(),
        variables: Vec::new(),
    }
}
