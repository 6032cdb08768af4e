//! The `generator` binary run as a user runs it, in a folder of the test's.

use std::path::Path;
use std::process::{Command, Output};

pub fn generator(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the generator binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
