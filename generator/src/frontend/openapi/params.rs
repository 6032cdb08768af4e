//! Parameters: the path item's and the operation's merged, `$ref`s resolved, Rust names made
//! distinct (`StartTime`, `StartTime<` -> `start_time`, `start_time_before`), path parameters
//! checked against the template.

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr,
};

use super::context::Ctx;
use super::operation::{Site, non_empty};
use super::pointer::Pointer;
use super::schema::Conv;
use super::view::Node;
use crate::ir::{Name, Param, ParamLocation, Presence, Style};
use crate::names;

/// A parameter before its Rust name is chosen (names are made distinct over all of them).
struct RawParam<'d> {
    wire: String,
    location: ParamLocation,
    style: Style,
    explode: bool,
    required: bool,
    description: &'d str,
    schema: Option<(Node<'d>, Pointer)>,
    at: Pointer,
}

impl<'d> Ctx<'d> {
    /// Path-item parameters, overridden by the operation's on (name, location), in order.
    pub fn params(
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
        names::make_unique(&mut names);
        let mut params = Vec::with_capacity(raw.len());
        for (param, name) in raw.into_iter().zip(names) {
            let hint = format!("{type_name}{}", names::member_camel(&name));
            let mut conv = match param.schema {
                Some((node, at)) => self.schema(node, &hint, &at, 0),
                None => Conv::string(),
            };
            if let Some(description) = non_empty(Some(param.description)) {
                description.clone_into(&mut conv.description);
            }
            let presence = Presence::required_if(param.required);
            params.push(Param {
                location: param.location,
                field: conv.field(name, presence),
                style: param.style,
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
        let (data, location, style) = match param {
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => (parameter_data, ParamLocation::Query, style_of(style)),
            Parameter::Header { parameter_data, .. } => (
                parameter_data,
                ParamLocation::Header,
                ParamLocation::Header.default_style(),
            ),
            Parameter::Path {
                parameter_data,
                style,
            } => {
                if *style != PathStyle::Simple {
                    self.warn(&at, "path style `label`/`matrix` is sent as style `simple`");
                }
                (parameter_data, ParamLocation::Path, Style::Simple)
            }
            Parameter::Cookie { parameter_data, .. } => {
                (parameter_data, ParamLocation::Cookie, Style::Form)
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
            // OpenAPI: only style `form` explodes unless told otherwise.
            explode: data.explode.unwrap_or(style == Style::Form),
            style,
            required: location == ParamLocation::Path || data.required,
            description: data.description.as_deref().unwrap_or_default(),
            schema,
            at,
        })
    }

    /// A parameter or header given by `content` instead of `schema`: the first media type's
    /// schema, sent as plain text.
    pub fn content_schema(
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
    /// with a warning); a path parameter the template lacks cannot be sent anywhere, so it is
    /// left out with a warning (OpenAI's document names `cert_id` for `{certificate_id}`).
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
                    style: Style::Simple,
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
            self.warn(
                &at,
                format!(
                    "path parameter `{name}` is not in the path template `{}`; left out",
                    site.path
                ),
            );
        }
        raw.retain(|p| {
            p.location != ParamLocation::Path || site.template.params().any(|n| n == p.wire)
        });
    }
}

/// A query parameter's or `encoding` entry's style as the IR keeps it.
pub(super) fn style_of(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}
