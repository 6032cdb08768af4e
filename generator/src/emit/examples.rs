//! `tests/examples.rs` of the crate: one test per documented response example, which decodes
//! it into the generated type and checks that encoding it back keeps every field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{cfg, ident};
use crate::plan::ExampleTest;

/// The test file; each test is compiled when the features that bring its type in are on.
pub fn tests_rs(tests: &[ExampleTest], crate_name: &str) -> TokenStream {
    let krate = ident(&crate_name.replace('-', "_"));
    let tests = tests.iter().map(|test| {
        let name = format_ident!("{}", test.name);
        let name_of_type = ident(&test.type_name);
        let ty = match &test.module {
            None => quote!(#krate::types::#name_of_type),
            Some(module) => {
                let module = ident(module);
                quote!(#krate::#module::#name_of_type)
            }
        };
        let cfg = cfg(&test.cfg);
        let json = &test.json;
        quote! {
            #[test]
            #cfg
            fn #name() {
                if let Err(problem) = #krate::runtime::check_example::<#ty>(#json) {
                    panic!("{problem}");
                }
            }
        }
    });
    quote! {
        //! Every documented response example decodes into its generated type, and encodes
        //! back with every field kept.
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #(#tests)*
    }
}
