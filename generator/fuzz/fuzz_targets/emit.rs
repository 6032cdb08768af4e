//! Whatever a frontend accepts, the emitter turns into files without a panic.
#![no_main]

use generator::emit::{CrateOptions, emit_crate};
use generator::frontend::{Source, parse_sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // See the openapi target: a panic caught inside the frontend is not a finding.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let parsed = parse_sources(&[Source { name: "input".into(), text: text.to_owned() }]);
    if let Some(api) = parsed.api {
        let options = CrateOptions { name: "fuzzed".into(), regenerate: "fuzz".into(), example_tests: true, conformance_tests: true };
        let _ = emit_crate(&generator::plan::build(&api), &options);
    }
});
