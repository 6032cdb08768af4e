//! The tests of `tests/examples.rs`: each documented response example decodes into the type
//! the crate gives that answer, and encodes back with every field kept.

use super::{ExampleTest, ItemKind, Plan, Ty};
use crate::ir::Api;
use crate::names;

/// One test per example of a response whose JSON body the crate reads into a type it defines
/// (a named schema, or the answer's own type), errors included. Test names are distinct.
pub fn tests(api: &Api, plan: &Plan) -> Vec<ExampleTest> {
    let mut taken: Vec<String> = Vec::new();
    let mut tests = Vec::new();
    let planned: std::collections::BTreeMap<&str, _> = plan
        .operations()
        .map(|(m, op)| (op.id.as_str(), (m, op)))
        .collect();
    for op in &api.operations {
        let Some((module, planned)) = planned.get(op.name.wire.as_str()) else {
            continue;
        };
        for (response, outcome) in op.responses.iter().zip(&planned.responses) {
            let Some(body) = &response.body else { continue };
            // Every answer whose JSON body the crate reads, errors included, into the type
            // it reads it as.
            let (type_name, home, cfg) = match &outcome.body {
                Some(Ty::Named { name, module: None }) => {
                    let cfg = plan
                        .item(None, name)
                        .map_or_else(Vec::new, |i| i.cfg.clone());
                    (name.clone(), None, cfg)
                }
                Some(Ty::Named {
                    name,
                    module: Some(m),
                }) if plan_defines(plan, m, name) => {
                    (name.clone(), Some(m.clone()), vec![module.name.clone()])
                }
                _ => continue,
            };
            for example in &body.examples {
                let base = names::snake(&format!(
                    "{} {} {}",
                    op.name.rust, response.status, example.name
                ));
                let mut name = base.trim_start_matches("r#").to_owned();
                let mut n = 2;
                while taken.contains(&name) {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                taken.push(name.clone());
                tests.push(ExampleTest {
                    name,
                    type_name: type_name.clone(),
                    module: home.clone(),
                    cfg: cfg.clone(),
                    json: serde_json::to_string_pretty(&example.value).unwrap_or_default(),
                });
            }
        }
    }
    tests
}

fn plan_defines(plan: &Plan, module: &str, name: &str) -> bool {
    plan.item(Some(module), name)
        .is_some_and(|i| !matches!(i.kind, ItemKind::Headers { .. }))
}
