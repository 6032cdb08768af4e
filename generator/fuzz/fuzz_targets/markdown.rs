//! Any text read as a reference page gives IR or located errors, never a panic.
#![no_main]

use generator::frontend::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diagnostics = Vec::new();
    let _ = markdown::parse("page.md", text, &mut diagnostics);
});
