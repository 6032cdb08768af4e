//! `tests/examples.rs` of the crate: one test per documented response example, which decodes
//! it into the generated type and checks that encoding it back keeps every field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::Features;
use super::types::ident;
use crate::ir::{Api, Operation, Type};
use crate::names;

/// The test file, or `None` when the inputs document no example for a type the crate names.
/// Each test is compiled when the features that bring its type in are on.
pub fn tests_rs(
    api: &Api,
    crate_name: &str,
    features: &Features,
    module_of: impl Fn(&Operation) -> String,
) -> Option<TokenStream> {
    let krate = ident(&crate_name.replace('-', "_"));
    let mut taken = Vec::new();
    let mut tests = Vec::new();
    for op in &api.operations {
        for response in &op.responses {
            let Some(body) = &response.body else { continue };
            let (ty, cfg) = match &body.ty {
                Type::Named { name } => {
                    let cfg = features.type_cfg(name);
                    let name = ident(name);
                    (quote!(#krate::types::#name), cfg)
                }
                Type::Object { name, .. } | Type::Enum { name, .. } | Type::Union { name, .. } => {
                    let module = module_of(op);
                    let cfg = features.module_cfg(&module);
                    let (module, name) = (ident(&module), ident(name));
                    (quote!(#krate::#module::#name), cfg)
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
                let test = format_ident!("{}", name);
                let json = serde_json::to_string_pretty(&example.value).unwrap_or_default();
                tests.push(quote! {
                    #[test]
                    #cfg
                    fn #test() {
                        if let Err(problem) = #krate::runtime::check_example::<#ty>(#json) {
                            panic!("{problem}");
                        }
                    }
                });
            }
        }
    }
    (!tests.is_empty()).then(|| {
        quote! {
            //! Every documented response example decodes into its generated type, and encodes
            //! back with every field kept.
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #(#tests)*
        }
    })
}
