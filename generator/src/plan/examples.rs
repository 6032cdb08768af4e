//! The tests of `tests/examples.rs`: each documented response example decodes into the type
//! the crate gives that answer, and encodes back with every field kept.

use super::{ExampleTest, ItemKind, Outcome, Plan, Ty};
use crate::ir::{Api, Type};
use crate::names;

/// One test per example of a response whose type the crate defines: a named schema, or the
/// decoded answer's own type. Test names are distinct.
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
            let (type_name, home, cfg) = match (&body.ty, &planned.success.body) {
                (Type::Named { name }, _) => {
                    let cfg = plan
                        .item(None, name)
                        .map_or_else(Vec::new, |i| i.cfg.clone());
                    (name.clone(), None, cfg)
                }
                // The decoded answer's inline type; other answers' types are not generated.
                (
                    Type::Object { .. } | Type::Enum { .. } | Type::Union { .. },
                    Ty::Named {
                        name,
                        module: Some(m),
                    },
                ) if outcome.outcome == Outcome::Decoded && plan_defines(plan, m, name) => {
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
