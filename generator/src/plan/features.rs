//! Cargo features that leave out parts of a large API: one per module of operations, all on
//! by default. A named type (or shared header set) is compiled with any of the modules whose
//! operations reach it, through any chain of named types; one that every module reaches, or
//! none, or that the `webhooks` module names (through any chain), is always compiled.

use std::collections::{BTreeMap, BTreeSet};

use super::{ItemKind, Plan, Ty};
use crate::ir::{Api, Operation, TypeGraph};

/// Sets the `cfg` of every item of the `types` module; `owners` gives the named schema each
/// part of one belongs to (it is compiled with it).
pub fn assign(api: &Api, owners: &BTreeMap<String, String>, plan: &mut Plan) {
    let graph = TypeGraph::new(api);
    let by_id: BTreeMap<&str, &Operation> = api
        .operations
        .iter()
        .map(|op| (op.name.wire.as_str(), op))
        .collect();
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &plan.modules {
        let mut roots = BTreeSet::new();
        for op in &module.operations {
            if let Some(ir) = by_id.get(op.id.as_str()) {
                operation_refs(ir, &mut roots);
            }
            // The shared header set its headers alias.
            for item in &op.response_items {
                if let ItemKind::Alias {
                    ty: Ty::Named { name, module: None },
                } = &item.kind
                {
                    users
                        .entry(name.clone())
                        .or_default()
                        .insert(module.name.clone());
                }
            }
        }
        for name in graph.reachable(roots) {
            users
                .entry(name.to_owned())
                .or_default()
                .insert(module.name.clone());
        }
    }
    // The `webhooks` module is always compiled, and so is every type it names.
    let mut webhook_roots = BTreeSet::new();
    if plan.webhooks.is_some() {
        api.webhooks
            .hooks
            .iter()
            .for_each(|hook| hook.payload.named_refs(&mut webhook_roots));
        webhook_roots.extend(api.webhooks.event.as_deref());
    }
    let always = graph.reachable(webhook_roots);
    let modules = plan.modules.len();
    for item in &mut plan.types {
        let owner = owners.get(&item.name).unwrap_or(&item.name);
        item.cfg = match users.get(owner) {
            Some(users) if users.len() < modules && !always.contains(owner.as_str()) => {
                users.iter().cloned().collect()
            }
            _ => Vec::new(),
        };
    }
}

/// The named types an operation mentions: parameters, request body, every response.
fn operation_refs<'a>(op: &'a Operation, out: &mut BTreeSet<&'a str>) {
    let fields = op
        .params
        .iter()
        .map(|p| &p.field)
        .chain(op.responses.iter().flat_map(|r| &r.headers));
    fields.for_each(|f| f.ty.named_refs(out));
    let bodies = op.body.iter().map(|b| &b.ty);
    let answers = op
        .responses
        .iter()
        .flat_map(|r| r.body.iter().chain(&r.events))
        .map(|b| &b.ty);
    bodies.chain(answers).for_each(|ty| ty.named_refs(out));
}
