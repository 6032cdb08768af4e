//! Reference pages rendered from an OpenAPI document's IR in the Bump.sh layout of FORMATS.md,
//! so that the markdown frontend is tested on pages no one wrote for it: every operation of a
//! real document, in the multi-line layout (children indented two spaces under their parent)
//! and the one-line layout (every run of whitespace one space, as the seed arrived).
//!
//! The renderer writes what the layout can carry: names, type expressions (`string(uri) |
//! null`, `array[object]`, `( | null)`), descriptions with their own markdown, nested members.
//! It writes no enum lists, `Required` markers or examples, which pages do not carry.

use generator::ir::{
    Api, Field, Method, NamedType, Operation, ParamLocation, Response, ResponseBody, Type,
};

/// The page of one operation, with its line breaks.
pub fn multi_line(api: &Api, operation: &Operation) -> String {
    Renderer { types: &api.types }.page(operation)
}

/// The same page as it arrives when every line break is lost.
pub fn one_line(page: &str) -> String {
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page title: the summary, else the operation id in words (`CreateRoom` -> `Create room`).
pub fn title(operation: &Operation) -> String {
    // The OpenAPI frontend gives an operation without a summary its id as one.
    if !operation.summary.trim().is_empty() && operation.summary != operation.name.wire {
        return one_line(&operation.summary);
    }
    words(&operation.name.wire)
}

/// An identifier in words, as the layout names things: `accountSid_authToken` -> `Account sid
/// auth token`.
fn words(identifier: &str) -> String {
    let mut words = String::new();
    for (i, c) in identifier.chars().enumerate() {
        if c == '_' {
            words.push(' ');
        } else if i == 0 {
            words.extend(c.to_uppercase());
        } else if c.is_uppercase() {
            words.push(' ');
            words.extend(c.to_lowercase());
        } else {
            words.push(c);
        }
    }
    words
}

struct Renderer<'a> {
    types: &'a [NamedType],
}

impl Renderer<'_> {
    fn page(&self, op: &Operation) -> String {
        let mut out = format!("# {}\n\n", title(op));
        out += &format!("**{} {}**\n\n", method(op.method), op.path.template);
        if !op.description.trim().is_empty() {
            out += &format!("{}\n\n", op.description.trim());
        }
        if !op.servers.is_empty() {
            out += "## Servers\n\n";
            for server in &op.servers {
                out += &format!(
                    "- {}: {} ({})\n",
                    server.url, server.url, server.description
                );
            }
            out += "\n";
        }
        if !op.auth.is_empty() {
            out += "## Authentication methods\n\n";
            for auth in &op.auth {
                out += &format!("- {}\n", words(&auth.name));
            }
            out += "\n";
        }
        if !op.params.is_empty() || op.body.is_some() {
            out += "## Parameters\n\n";
        }
        for (location, heading) in [
            (ParamLocation::Path, "Path parameters"),
            (ParamLocation::Query, "Query parameters"),
            (ParamLocation::Header, "Header parameters"),
        ] {
            let fields: Vec<&Field> = op
                .params
                .iter()
                .filter(|p| p.location == location)
                .map(|p| &p.field)
                .collect();
            if !fields.is_empty() {
                out += &format!("### {heading}\n\n");
                self.fields(&mut out, fields, 0);
                out += "\n";
            }
        }
        if let Some(body) = &op.body {
            let (expr, members) = self.root(&body.ty);
            out += &format!("### Body: {} ({expr})\n\n", body.content_type);
            if !members.is_empty() {
                self.fields(&mut out, members, 0);
                out += "\n";
            }
        }
        out += "## Responses\n\n";
        for response in &op.responses {
            self.response(&mut out, response);
        }
        out += "[Powered by Bump.sh](https://bump.sh)\n";
        out
    }

    fn response(&self, out: &mut String, response: &Response) {
        if response.range.is_some() {
            // The layout has no heading for a range or `default`.
            return;
        }
        *out += &format!("### {} {}\n\n", response.status, one_line(&response.reason));
        if !response.headers.is_empty() {
            *out += "#### Headers\n\n";
            self.fields(out, response.headers.iter().collect(), 0);
            *out += "\n";
        }
        if let Some(ResponseBody {
            content_type, ty, ..
        }) = &response.body
        {
            let (expr, members) = self.root(ty);
            *out += &format!("#### Body: {content_type} ({expr})\n\n");
            if !members.is_empty() {
                self.fields(out, members, 0);
                *out += "\n";
            }
        }
    }

    /// A body's type expression and the members listed under its heading.
    fn root<'t>(&'t self, ty: &'t Type) -> (String, Vec<&'t Field>) {
        (self.expr(ty, false), self.members(ty))
    }

    fn fields(&self, out: &mut String, fields: Vec<&Field>, depth: usize) {
        let indent = "  ".repeat(depth);
        for field in fields {
            *out += &format!(
                "{indent}- **{}** ({})\n",
                field.name.wire,
                self.expr(&field.ty, field.nullable)
            );
            for line in field.description.trim().lines() {
                if line.trim().is_empty() {
                    *out += "\n";
                } else {
                    *out += &format!("{indent}  {}\n", line.trim_end());
                }
            }
            self.fields(out, self.members(&field.ty), depth + 1);
        }
    }

    /// The members a type lists below its bullet: an object's, or its items' at any depth.
    fn members<'t>(&'t self, ty: &'t Type) -> Vec<&'t Field> {
        match self.resolve(ty) {
            Type::Object { fields, .. } => fields.iter().collect(),
            Type::Array { items } => self.members(items),
            _ => Vec::new(),
        }
    }

    fn resolve<'t>(&'t self, ty: &'t Type) -> &'t Type {
        resolve(self.types, ty)
    }

    fn expr(&self, ty: &Type, nullable: bool) -> String {
        let base = match self.resolve(ty) {
            Type::String { format } => with_format("string", format),
            Type::Integer { format } | Type::IntegerEnum { format, .. } => {
                with_format("integer", format)
            }
            Type::Number { format } => with_format("number", format),
            Type::Boolean => "boolean".to_owned(),
            Type::Enum { .. } => "string".to_owned(),
            Type::Array { items } => format!("array[{}]", self.expr(items, false)),
            Type::Tuple { .. } => "array".to_owned(),
            Type::Map { format, .. } => with_format("object", format),
            Type::Object { .. } => "object".to_owned(),
            Type::Union { variants, .. } => match variants.first() {
                Some(first) => self.expr(first, false),
                None => String::new(),
            },
            Type::Any | Type::Named { .. } => String::new(),
        };
        match (base.is_empty(), nullable) {
            (true, false) => "()".to_owned(),
            (true, true) => "( | null)".to_owned(),
            (false, true) => format!("{base} | null"),
            (false, false) => base,
        }
    }
}

/// The type a named type stands for, through any number of names.
pub fn resolve<'t>(types: &'t [NamedType], ty: &'t Type) -> &'t Type {
    match ty {
        Type::Named { name } => types
            .iter()
            .find(|t| &t.name.rust == name)
            .map_or(ty, |t| resolve(types, &t.ty)),
        other => other,
    }
}

fn with_format(word: &str, format: &Option<String>) -> String {
    match format {
        Some(format) => format!("{word}({format})"),
        None => word.to_owned(),
    }
}

fn method(method: Method) -> &'static str {
    method.as_str()
}
