//! Pages of one reference that share a title: different operations when their method or path
//! differs, named apart after them.

use super::{Source, parse_as};
use crate::diag::Diagnostic;
use crate::ir::{Method, Operation};
use crate::names;

/// Pages that share a title but not a method and path are different operations: each is
/// parsed again and named after its method and path, as an OpenAPI operation without an
/// `operationId` is, with a warning at the title. `pages` are the parsed pages with their
/// sources; the same method and path twice keeps the title's name, which `assemble` refuses.
pub fn name_apart(pages: &mut [(&Source, Operation)], diagnostics: &mut Vec<Diagnostic>) {
    let keys: Vec<String> = pages
        .iter()
        .map(|(_, op)| names::operation_method(&op.name.rust))
        .collect();
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    for group in order.chunk_by(|&a, &b| keys[a] == keys[b]) {
        let routes: Vec<(Method, &str)> = group
            .iter()
            .map(|&i| (pages[i].1.method, pages[i].1.path.template.as_str()))
            .collect();
        let distinct = routes
            .iter()
            .enumerate()
            .all(|(i, route)| !routes[..i].contains(route));
        if group.len() < 2 || !distinct {
            continue;
        }
        for &i in group {
            let (source, op) = &pages[i];
            let name = names::from_route(op.method.as_str(), &op.path.template);
            let title_at = source
                .text
                .find(&op.summary)
                .map(|at| at..at + op.summary.len());
            diagnostics.push(Diagnostic::warning(
                &source.name,
                title_at,
                format!(
                    "{} pages are titled `{}`; this one ({} {}) is named `{name}` after its \
                     method and path",
                    group.len(),
                    op.summary,
                    op.method.as_str(),
                    op.path.template
                ),
            ));
            // The page read once already; reading it again under another name finds nothing new.
            let renamed = parse_as(&source.name, &source.text, Some(&name), &mut Vec::new());
            if let Some(renamed) = renamed {
                pages[i].1 = renamed;
            }
        }
    }
}
