//! Cargo features that leave out parts of a large API: one per module of operations, all on
//! by default. A named type is compiled with any of the modules whose operations reach it,
//! through any chain of named types, and a shared header set or shape with the modules whose
//! items alias it; one that every module reaches, or none, or that the `webhooks` module names
//! (through any chain), is always compiled. An item that more than four modules reach names
//! one feature that each of them turns on (a `FeatureSet`), so that its `cfg` is one line
//! whatever their number (Stripe: 254,694 -> 233,173 lines of output); a shorter list is
//! said in full, which reads better.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{ItemKind, Plan, Ty};
use crate::ir::{Api, Operation, TypeGraph};

/// `<name> = []` in `[features]`, turned on by each of `modules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSet {
    /// `_types_` and a hash of the module names: the same set has the same name in every
    /// generation, whatever other sets come and go.
    pub name: String,
    /// Sorted.
    pub modules: Vec<String>,
}

/// Sets the `cfg` of every item of the `types` module; `owners` gives the named schema each
/// part of one belongs to (it is compiled with it).
pub fn assign(api: &Api, owners: &BTreeMap<String, String>, plan: &mut Plan) {
    let graph = TypeGraph::new(api);
    let by_id: BTreeMap<&str, &Operation> = api
        .operations
        .iter()
        .map(|op| (op.name.wire.as_str(), op))
        .collect();
    // Which modules reach each type: a bit per module, so that Stripe's 468 modules reaching
    // thousands of types each cost a walk over indices, not sets of strings.
    let mut users = vec![Modules::new(plan.modules.len()); graph.len()];
    let mut aliased: BTreeMap<&str, Modules> = BTreeMap::new();
    let mut seen = vec![false; graph.len()];
    for (index, module) in plan.modules.iter().enumerate() {
        let mut roots = BTreeSet::new();
        for op in &module.operations {
            if let Some(ir) = by_id.get(op.id.as_str()) {
                operation_refs(ir, &mut roots);
            }
            // The shared header set its headers alias, the shared shapes its items alias.
            for item in op.items() {
                if let ItemKind::Alias {
                    ty: Ty::Named { name, module: None },
                } = &item.kind
                {
                    aliased
                        .entry(name)
                        .or_insert_with(|| Modules::new(plan.modules.len()))
                        .insert(index);
                }
            }
        }
        seen.fill(false);
        for reached in graph.reachable_into(roots, &mut seen) {
            users[reached].insert(index);
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
    seen.fill(false);
    graph.reachable_into(webhook_roots, &mut seen);
    let always = seen;
    let modules = plan.modules.len();
    // A shape shared by `types` items is compiled with each of them: what uses an alias
    // uses what it names (chains of aliases followed to the end, below).
    let index: BTreeMap<&str, usize> = plan
        .types
        .iter()
        .enumerate()
        .map(|(at, item)| (item.name.as_str(), at))
        .collect();
    let alias_of: Vec<(usize, usize)> = plan
        .types
        .iter()
        .enumerate()
        .filter_map(|(at, item)| match &item.kind {
            ItemKind::Alias {
                ty: Ty::Named { name, module: None },
            } => Some((at, *index.get(name.as_str())?)),
            _ => None,
        })
        .collect();
    let aliased_in_types: BTreeSet<&str> = alias_of
        .iter()
        .map(|&(_, target)| plan.types[target].name.as_str())
        .collect();
    // Per item, the modules that use it; `None`: always compiled.
    let mut reach: Vec<Option<Modules>> = plan
        .types
        .iter()
        .map(|item| {
            let owner = owners.get(&item.name).unwrap_or(&item.name);
            let by_alias = aliased.get(item.name.as_str());
            match graph.index_of(owner) {
                Some(at) if always[at] => None,
                Some(at) => {
                    let mut users = users[at].clone();
                    by_alias.into_iter().for_each(|more| users.union(more));
                    Some(users)
                }
                // A definition shared by `types` items starts from what aliases it below.
                None => by_alias.cloned().or_else(|| {
                    aliased_in_types
                        .contains(item.name.as_str())
                        .then(|| Modules::new(modules))
                }),
            }
        })
        .collect();
    for _ in 0..8 {
        let mut changed = false;
        for &(alias, target) in &alias_of {
            let merged = match (&reach[alias], &reach[target]) {
                (_, None) => continue,
                // An alias no module reaches is always compiled (see the module's docs).
                (None, Some(_)) => None,
                (Some(more), Some(_)) if more.count() == 0 => None,
                (Some(more), Some(users)) => {
                    let mut users = users.clone();
                    users.union(more);
                    Some(users)
                }
            };
            changed |=
                merged.as_ref().map(Modules::count) != reach[target].as_ref().map(Modules::count);
            reach[target] = merged;
        }
        if !changed {
            break;
        }
    }
    let cfgs: Vec<Vec<String>> = reach
        .iter()
        .map(|users| match users {
            None => Vec::new(),
            Some(users) if users.count() == modules => Vec::new(),
            Some(users) => users
                .iter()
                .map(|module| plan.modules[module].name.clone())
                .collect(),
        })
        .collect();
    let mut sets: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for (item, cfg) in plan.types.iter_mut().zip(cfgs) {
        item.cfg = match cfg.len() {
            0..=LISTED => cfg,
            _ => {
                let name = sets.entry(cfg).or_insert_with_key(|modules| {
                    let hashed = format!("_types_{:016x}", fnv1a(&modules.join(",")));
                    // Two sets whose names collide (never seen): the later one numbered.
                    let mut name = hashed.clone();
                    for n in 2.. {
                        if names.insert(name.clone()) {
                            break;
                        }
                        name = format!("{hashed}_{n}");
                    }
                    name
                });
                vec![name.clone()]
            }
        };
    }
    let mut feature_sets: Vec<FeatureSet> = sets
        .into_iter()
        .map(|(modules, name)| FeatureSet { name, modules })
        .collect();
    feature_sets.sort_by(|a, b| a.name.cmp(&b.name));
    plan.feature_sets = feature_sets;
}

/// The most modules an item's `cfg` lists by name.
const LISTED: usize = 4;

/// 64-bit FNV-1a: a stable hash (the standard library's may change between releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A set of module indices, one bit each.
#[derive(Clone)]
struct Modules(Vec<u64>);

impl Modules {
    fn new(modules: usize) -> Self {
        Modules(vec![0; modules.div_ceil(64)])
    }

    fn insert(&mut self, module: usize) {
        self.0[module / 64] |= 1 << (module % 64);
    }

    fn union(&mut self, other: &Modules) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a |= b);
    }

    fn count(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(at, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| at * 64 + bit)
        })
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
