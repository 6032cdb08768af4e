//! The emitter matches the plan's enums in full: a variant added to the plan does not compile
//! until every place that prints it says what it prints. A `_ =>` arm, `matches!`, or an
//! `if let` / `let ... else` on a variant would take the new variant silently, so the emitter's
//! sources are read as syntax and each is refused, but where what is matched is not a plan enum
//! (characters, slice lengths), listed below with the reason.

use syn::visit::{self, Visit};

/// (file under `src/emit`, function, why a wildcard is right there).
const NOT_PLAN_ENUMS: &[(&str, &str, &str)] = &[
    (
        "docs.rs",
        "bare_url_len",
        "the characters around a bare URL",
    ),
    ("docs.rs", "sanitize_inline", "the characters of a doc line"),
    (
        "client.rs",
        "describe",
        "one credential or several; each credential's sentence comes from a full match",
    ),
    (
        "operation.rs",
        "path_segments",
        "how many parts a path segment has (one text, or a format string)",
    ),
];

#[derive(Default)]
struct Selective {
    file: String,
    function: String,
    found: Vec<String>,
}

impl Selective {
    fn flag(&mut self, what: &str) {
        let allowed = NOT_PLAN_ENUMS
            .iter()
            .any(|(file, function, _)| *file == self.file && *function == self.function);
        if !allowed {
            self.found
                .push(format!("{} in fn {}: {what}", self.file, self.function));
        }
    }

    fn in_function(&mut self, name: String, visit: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.function, name);
        visit(self);
        self.function = outer;
    }
}

/// A pattern that names an enum variant other than `Some`, `None`, `Ok` and `Err`, at any depth.
fn names_a_variant(pat: &syn::Pat) -> bool {
    let other_enum = |path: &syn::Path| {
        let last = path.segments.last().map(|s| s.ident.to_string());
        !matches!(last.as_deref(), Some("Some" | "None" | "Ok" | "Err"))
    };
    match pat {
        syn::Pat::TupleStruct(p) => other_enum(&p.path) || p.elems.iter().any(names_a_variant),
        syn::Pat::Struct(p) => {
            other_enum(&p.path) || p.fields.iter().any(|f| names_a_variant(&f.pat))
        }
        syn::Pat::Path(p) => other_enum(&p.path),
        syn::Pat::Or(p) => p.cases.iter().any(names_a_variant),
        syn::Pat::Tuple(p) => p.elems.iter().any(names_a_variant),
        syn::Pat::Slice(p) => p.elems.iter().any(names_a_variant),
        syn::Pat::Reference(p) => names_a_variant(&p.pat),
        syn::Pat::Paren(p) => names_a_variant(&p.pat),
        syn::Pat::Ident(p) => p.subpat.as_ref().is_some_and(|(_, p)| names_a_variant(p)),
        _ => false,
    }
}

impl<'ast> Visit<'ast> for Selective {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.in_function(f.sig.ident.to_string(), |v| visit::visit_item_fn(v, f));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.in_function(f.sig.ident.to_string(), |v| visit::visit_impl_item_fn(v, f));
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        if let syn::Pat::Wild(_) = arm.pat {
            self.flag("a `_ =>` arm");
        }
        visit::visit_arm(self, arm);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if m.path.is_ident("matches") {
            self.flag("`matches!`");
        }
        visit::visit_macro(self, m);
    }

    fn visit_expr_let(&mut self, e: &'ast syn::ExprLet) {
        if names_a_variant(&e.pat) {
            self.flag("an `if let` on a variant");
        }
        visit::visit_expr_let(self, e);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let diverges = local.init.as_ref().is_some_and(|i| i.diverge.is_some());
        if diverges && names_a_variant(&local.pat) {
            self.flag("a `let ... else` on a variant");
        }
        visit::visit_local(self, local);
    }
}

/// Every Rust file under the crate's folder `dir`, by its path inside it, read as syntax.
pub fn sources(dir: &str) -> Vec<(String, syn::File)> {
    let dir = super::root().join(dir);
    let mut files = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let inside = path.strip_prefix(&dir).unwrap().display().to_string();
        files.push((inside, file));
    }
    files
}

#[test]
fn the_emitter_matches_the_plans_enums_in_full() {
    let mut seen = Selective::default();
    for (path, file) in sources("src/emit") {
        seen.file = path;
        seen.function = "(module)".to_owned();
        seen.visit_file(&file);
    }
    seen.found.sort();
    assert!(
        seen.found.is_empty(),
        "selective matches in the emitter:\n{}",
        seen.found.join("\n")
    );
}
