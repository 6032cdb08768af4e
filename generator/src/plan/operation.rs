//! Operations: their modules, request members (place, encoding, names), body, the decoder of
//! their answer, the items of both, and paging.

use std::collections::BTreeMap;

use super::answers;
use super::headers::SharedHeaders;
use super::lower::{Lowering, Scope};
use super::namespace::Namespace;
use super::request::is_json;
use super::{
    ArmBody, Decoder, EventsMethod, Item, ItemKind, Link, Member, Module, Operation, Outcome,
    Paging, PathPiece, Place, ResponsePlan, StructField, Success, Ty,
};
use crate::diag::Diagnostic;
use crate::ir::{self, Api, Method, PathPart, Type};
use crate::names;

/// Module names the crate itself uses.
pub(super) const RESERVED_MODULES: &[&str] = &["client", "runtime", "lib", "types", "blocking"];

/// The modules of operations, the shared header items (for the `types` module) and the
/// warnings met on the way.
pub struct Operations {
    pub modules: Vec<Module>,
    pub shared_headers: Vec<Item>,
    pub warnings: Vec<Diagnostic>,
    /// The client's methods, operations and paging taken: the constructors claim theirs next.
    pub methods: Namespace,
}

pub fn modules<'a>(api: &'a Api, lowering: &mut Lowering<'a>, named: &[Item]) -> Operations {
    let shared = SharedHeaders::new(api, lowering);
    let mut methods = Namespace::functions(names::CLIENT_METHODS);
    for op in &api.operations {
        methods.take(&op.name.rust);
    }
    let mut by_name: BTreeMap<String, (Option<String>, Vec<&ir::Operation>)> = BTreeMap::new();
    for op in &api.operations {
        let base = match &op.group {
            Some(group) => names::snake(group),
            None => op.name.rust.clone(),
        };
        by_name
            .entry(module_name(&base))
            .or_insert_with(|| (op.group.clone(), Vec::new()))
            .1
            .push(op);
    }
    // Each operation's names are claimed in the IR's order (sorted by name), not module order.
    let mut planned: BTreeMap<String, Operation> = BTreeMap::new();
    let mut functions: BTreeMap<String, Namespace> = BTreeMap::new();
    let mut warnings = Vec::new();
    let module_of: BTreeMap<&str, &str> = by_name
        .iter()
        .flat_map(|(module, (_, ops))| {
            ops.iter()
                .map(move |op| (op.name.wire.as_str(), module.as_str()))
        })
        .collect();
    for op in &api.operations {
        let module = module_of[op.name.wire.as_str()].to_owned();
        let module_functions = functions
            .entry(module.clone())
            .or_insert_with(|| Namespace::functions(&[]));
        let mut builder = Builder {
            op,
            module,
            lowering,
            shared: &shared,
            named,
            warnings: &mut warnings,
        };
        let plan = builder.operation(&mut methods, module_functions);
        planned.insert(op.name.wire.clone(), plan);
    }
    let modules = by_name
        .into_iter()
        .map(|(name, (group, ops))| Module {
            name,
            group,
            operations: ops
                .iter()
                .filter_map(|op| planned.remove(&op.name.wire))
                .collect(),
        })
        .collect();
    Operations {
        modules,
        shared_headers: shared.items(lowering),
        warnings,
        methods,
    }
}

fn module_name(base: &str) -> String {
    let name = base.trim_start_matches("r#");
    if RESERVED_MODULES.contains(&name) || base.starts_with("r#") || name.ends_with('_') {
        format!("{}_operations", name.trim_end_matches('_'))
    } else {
        name.to_owned()
    }
}

pub(super) struct Builder<'b, 'a> {
    pub(super) op: &'a ir::Operation,
    pub(super) module: String,
    pub(super) lowering: &'b mut Lowering<'a>,
    pub(super) shared: &'b SharedHeaders,
    named: &'b [Item],
    warnings: &'b mut Vec<Diagnostic>,
}

impl Builder<'_, '_> {
    fn operation(&mut self, methods: &mut Namespace, functions: &mut Namespace) -> Operation {
        let op = self.op;
        let (request, body) = self.request();
        let path = self.path(request.as_ref().map_or(&[][..], |r| &r.members));
        let mut response_items = Vec::new();
        let (success, mut answers) = self.success(&mut response_items);
        let errors = self.errors(&mut response_items, &mut answers);
        let responses = op
            .responses
            .iter()
            .zip(answers)
            .map(|(r, answer)| ResponsePlan {
                status: r.label(),
                reason: r.reason.clone(),
                outcome: answer.outcome,
                body: match answer.body {
                    Some(ArmBody::Json(ty)) => Some(ty),
                    _ => None,
                },
                variant: answer.variant,
            })
            .collect();
        let paging = self.paging(&success, &response_items, methods, functions);
        let events = self.events_method(&success, &mut response_items, methods);
        Operation {
            id: op.name.wire.clone(),
            method: op.name.rust.clone(),
            http_method: op.method.as_str().to_owned(),
            path_template: op.path.template.clone(),
            path,
            summary: op.summary.clone(),
            // A description that only repeats the summary (Stripe's) is said once.
            description: if op.description.trim() == op.summary.trim() {
                String::new()
            } else {
                op.description.clone()
            },
            source: op.source.clone(),
            credentials: !op.public,
            request,
            body,
            responses,
            success,
            response_items,
            errors,
            paging,
            events,
        }
    }

    pub(super) fn method_link(&self) -> String {
        let method = self.op.name.rust.trim_start_matches("r#");
        format!("[`Client::{method}`](crate::Client::{method})")
    }

    pub(super) fn scope<'s>(
        &self,
        items: &'s mut Vec<Item>,
        first: Option<String>,
        part: String,
    ) -> Scope<'s> {
        Scope {
            module: Some(self.module.clone()),
            items,
            first_docs: first.map(|d| vec![d]),
            part_docs: vec![part],
            own: None,
        }
    }

    /// A warning about the operation, at its JSON pointer (a page's operation has none).
    pub(super) fn warn(&mut self, message: impl Into<String>) {
        let message = format!("{}: {}", self.op.name.wire, message.into());
        let mut warning = Diagnostic::warning(&self.op.source, None, message);
        if !self.op.pointer.is_empty() {
            warning = warning.with_pointer(&self.op.pointer);
        }
        self.warnings.push(warning);
    }

    fn path(&self, members: &[Member]) -> Vec<Vec<PathPiece>> {
        self.op
            .path
            .segments
            .iter()
            .map(|parts| {
                parts
                    .iter()
                    .map(|part| match part {
                        PathPart::Literal(text) => PathPiece::Literal(text.clone()),
                        PathPart::Param(wire) => members
                            .iter()
                            .find(|m| m.place == Place::Path && m.wire == *wire)
                            .map_or(PathPiece::Literal(String::new()), |m| {
                                PathPiece::Member(m.rust.clone())
                            }),
                    })
                    .collect()
            })
            .collect()
    }

    /// The first documented 2xx with a JSON body (else the first 2xx): its body's type and
    /// decoder, its items, its headers. A 2xx without a body beside it (`204` beside `200`)
    /// makes the body an `Option`; a 2xx with another body beside it (`202` beside `201`)
    /// makes it an enum over the successes. Also how each response is answered, in documented
    /// order (errors are `Outcome::Error` here; `errors` reads them).
    fn success(&mut self, items: &mut Vec<Item>) -> (Success, Vec<Answer>) {
        let op = self.op;
        let mut answers: Vec<Answer> = op.responses.iter().map(|_| Answer::error()).collect();
        let has_json = |r: &ir::Response| r.body.as_ref().is_some_and(|b| is_json(&b.content_type));
        let successes = || {
            op.responses
                .iter()
                .enumerate()
                .filter(|(_, r)| r.is_success())
        };
        let decoded = successes()
            .find(|(_, r)| has_json(r))
            .or_else(|| successes().next());
        let Some((at, response)) = decoded else {
            let success = Success {
                status: None,
                body: Ty::Value,
                headers: Ty::Unit,
                decoder: Decoder::Json,
            };
            return (success, answers);
        };
        let same_body = |r: &ir::Response| r.body == response.body;
        let different = op
            .responses
            .iter()
            .any(|r| r.is_success() && r.body.is_some() && !same_body(r));
        let also_empty = op
            .responses
            .iter()
            .any(|r| r.is_success() && r.body.is_none() && response.body.is_some());
        let (body, decoder) = if different {
            self.success_enum(items, &mut answers)
        } else {
            for (i, (r, answer)) in op.responses.iter().zip(answers.iter_mut()).enumerate() {
                if r.is_success() {
                    answer.outcome = if i == at {
                        Outcome::Decoded
                    } else if r.body.is_none() && also_empty {
                        Outcome::Empty
                    } else {
                        Outcome::Success
                    };
                }
            }
            let read = self.arm_body(response, items);
            let plan = match &read {
                ArmBody::Json(ty) if also_empty => (ty.clone().option(), Decoder::JsonOrEmpty),
                ArmBody::Json(ty) => (ty.clone(), Decoder::Json),
                // A documented body is never thrown away: text as a `String`, the rest as bytes.
                ArmBody::Text => (Ty::String, Decoder::Text),
                // Whatever else, an unknown media type included: the caller streams or reads it.
                ArmBody::Bytes => (Ty::Download, Decoder::Download),
                // Only an event stream: the call gives the events.
                ArmBody::Empty => match &response.events {
                    Some(events) => {
                        let answer = format!("`{} {}` answer", response.status, response.reason);
                        let item = self.event_item(&answer, &events.ty, items);
                        let item = Box::new(item);
                        (Ty::Events { item }, Decoder::Events)
                    }
                    None => (Ty::Unit, Decoder::Empty),
                },
            };
            answers[at].body = Some(read);
            plan
        };
        let headers = self.response_headers(response, items);
        let status = (decoder != Decoder::ByStatus).then_some(response.status);
        let success = Success {
            status,
            body,
            headers,
            decoder,
        };
        (success, answers)
    }

    /// Successes with different bodies: an enum with one variant per documented 2xx.
    fn success_enum(&mut self, items: &mut Vec<Item>, answers: &mut [Answer]) -> (Ty, Decoder) {
        let op = self.op;
        let mut arms = Vec::new();
        for (r, answer) in op.responses.iter().zip(answers.iter_mut()) {
            if r.is_success() {
                let body = self.arm_body(r, items);
                answer.outcome = Outcome::Decoded;
                answer.body = Some(body.clone());
                answer.variant = Some(answers::variant_name(r));
                arms.push((r, body));
            }
        }
        let link = self.method_link();
        let item = self.status_enum("Success", &arms, false, |_| {
            format!("The successful answers of {link}, by status: each documents another body.")
        });
        let ty = Ty::Named {
            name: item.name.clone(),
            module: Some(self.module.clone()),
        };
        items.push(item);
        (ty, Decoder::ByStatus)
    }

    /// The enum every documented error body reads into, when one is documented.
    fn errors(&mut self, items: &mut Vec<Item>, answers: &mut [Answer]) -> Option<String> {
        let op = self.op;
        if !op
            .responses
            .iter()
            .any(|r| !r.is_success() && r.body.is_some())
        {
            return None;
        }
        let mut arms = Vec::new();
        for (r, answer) in op.responses.iter().zip(answers.iter_mut()) {
            if !r.is_success() {
                let body = self.arm_body(r, items);
                answer.body = Some(body.clone());
                answer.variant = Some(answers::variant_name(r));
                arms.push((r, body));
            }
        }
        let link = self.method_link();
        let item = self.status_enum("Error", &arms, true, |name| {
            format!(
                "The documented error answers of {link}, by status: `err.body_as::<{name}>()` on \
                 the call's [`ApiError`](crate::runtime::ApiError) reads one."
            )
        });
        let name = item.name.clone();
        items.push(item);
        Some(name)
    }

    /// The type of each event's data in the `answer`'s event stream.
    fn event_item(&mut self, answer: &str, ty: &Type, items: &mut Vec<Item>) -> Ty {
        let link = self.method_link();
        let mut scope = self.scope(
            items,
            Some(format!("An event of the {answer} of {link}.")),
            format!("Part of an event of the {answer} of {link}."),
        );
        self.lowering.value(ty, &mut scope)
    }

    /// For an answer documented as JSON (or another body) and as an event stream: a second
    /// method, `<method>_events`, that asks for the stream. An answer that is only a stream
    /// is the call's own (`Decoder::Events`).
    fn events_method(
        &mut self,
        success: &Success,
        items: &mut Vec<Item>,
        methods: &mut Namespace,
    ) -> Option<EventsMethod> {
        if success.decoder == Decoder::Events {
            return None;
        }
        let op = self.op;
        let response = op
            .responses
            .iter()
            .find(|r| r.is_success() && Some(r.status) == success.status)?;
        let events = response.events.as_ref()?;
        let answer = format!("`{} {}` answer", response.status, response.reason);
        let item = self.event_item(&answer, &events.ty, items);
        let method = op.name.rust.trim_start_matches("r#");
        Some(EventsMethod {
            method: methods.claim(&format!("{method}_events")),
            item,
        })
    }

    /// A GET whose answer holds one array of items and a next-page link is a paged list
    /// (Twilio's `meta.next_page_url`, and the 2010 API's `next_page_uri`).
    fn paging(
        &self,
        success: &Success,
        items: &[Item],
        methods: &mut Namespace,
        functions: &mut Namespace,
    ) -> Option<Paging> {
        if self.op.method != Method::Get || success.decoder != Decoder::Json {
            return None;
        }
        let fields = self.struct_fields(&success.body, items)?;
        let by_wire = |fields: &[StructField], wire: &str| {
            fields
                .iter()
                .find(|f| f.wire == wire)
                .map(|f| (f.rust.clone(), f.optional))
        };
        let link = match by_wire(fields, "next_page_uri") {
            Some(field) => Link::TopLevel { field },
            None => {
                let meta = fields.iter().find(|f| f.wire == "meta")?;
                let meta_fields = self.struct_fields(meta.ty.without_option(), items)?;
                Link::Nested {
                    outer: (meta.rust.clone(), meta.optional),
                    field: by_wire(meta_fields, "next_page_url")?,
                }
            }
        };
        let mut arrays = fields.iter().filter(|f| f.read == super::FieldRead::List);
        let (Some(list), None) = (arrays.next(), arrays.next()) else {
            return None;
        };
        let Ty::Vec { items: item } = list.ty.without_option() else {
            return None;
        };
        let method = self.op.name.rust.trim_start_matches("r#");
        Some(Paging {
            next_page: methods.claim(&format!("{method}_next_page")),
            stream: methods.claim(&format!("{method}_stream")),
            iter: methods.claim(&format!("{method}_iter")),
            next_link_fn: functions.claim(&format!("{method}_next_link")),
            split_fn: functions.claim(&format!("{method}_split")),
            item: (**item).clone(),
            items: (list.rust.clone(), list.optional),
            link,
        })
    }

    /// The fields of the struct a type is (through aliases), among this operation's items or
    /// the named types.
    fn struct_fields<'i>(&'i self, ty: &Ty, items: &'i [Item]) -> Option<&'i [StructField]> {
        let mut current = ty.clone();
        for _ in 0..32 {
            let Ty::Named { name, module } = &current else {
                return None;
            };
            let pool = if module.is_some() { items } else { self.named };
            let item = pool.iter().find(|i| i.name == *name)?;
            match &item.kind {
                ItemKind::Struct { fields } => return Some(fields),
                ItemKind::Alias { ty } => current = ty.clone(),
                _ => return None,
            }
        }
        None
    }
}

/// How one documented response is answered, while the plan is made.
pub(super) struct Answer {
    outcome: Outcome,
    body: Option<ArmBody>,
    variant: Option<String>,
}

impl Answer {
    fn error() -> Self {
        Answer {
            outcome: Outcome::Error,
            body: None,
            variant: None,
        }
    }
}
