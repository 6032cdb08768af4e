//! Tokens to source text: parsed by syn, printed by prettyplease (never an external rustfmt, so
//! the output does not depend on the installed toolchain), under a one-line preamble.

use proc_macro2::TokenStream;

/// A formatted Rust file whose first line says how to regenerate it.
pub fn rust_file(tokens: TokenStream, preamble: &str) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|err| {
        format!("internal error: the emitted code does not parse ({err}); please report this")
    })?;
    Ok(format!("// {preamble}\n{}", prettyplease::unparse(&file)))
}
