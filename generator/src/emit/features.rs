//! The `[features]` of the crate's Cargo.toml: one per module of operations, all on by default
//! (`all-operations`). Which item each feature turns on is the plan's (`Item::cfg`).

use crate::plan::Plan;

/// The feature that turns on every module.
pub const ALL: &str = "all-operations";

/// The `[features]` lines for the modules.
pub fn cargo_lines(plan: &Plan) -> String {
    let list: Vec<String> = plan
        .modules
        .iter()
        .map(|m| format!("\"{}\"", m.name))
        .collect();
    let mut lines = format!(
        "# Every module of operations; turn the defaults off and name modules to build fewer.\n\
         default = [\"{ALL}\"]\n{ALL} = [{}]\n",
        list.join(", ")
    );
    for module in &plan.modules {
        let sets: Vec<String> = plan
            .feature_sets
            .iter()
            .filter(|set| set.modules.contains(&module.name))
            .map(|set| format!("\"{}\"", set.name))
            .collect();
        lines.push_str(&format!("{} = [{}]\n", module.name, sets.join(", ")));
    }
    if !plan.feature_sets.is_empty() {
        lines.push_str(
            "# Turned on by the modules above, each for the types that several of them use \
             (named after\n# a hash of the modules): not for use on their own.\n",
        );
    }
    for set in &plan.feature_sets {
        lines.push_str(&format!("{} = []\n", set.name));
    }
    lines
}
