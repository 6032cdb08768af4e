//! Generated crates that tests compile (`tests/promises.rs`, `tests/rule_proofs.rs`): each a
//! workspace of its own under `target/`, its dependencies built once in `target/fixture-crates`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Makes the generated crate in `crate_dir` a workspace of its own, with `extra` appended to its
/// manifest and the dependency versions the workspace is tested with (its `Cargo.lock`).
pub fn make_standalone(crate_dir: &Path, extra: &str) {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    write_if_changed(&manifest, &format!("{text}{extra}\n[workspace]\n"));
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    write_if_changed(&crate_dir.join("Cargo.lock"), &lock);
}

/// `cargo --quiet <args>` in `crate_dir` with warnings denied: whether it succeeded, and its
/// output and errors.
pub fn cargo(crate_dir: &Path, args: &[&str]) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = Command::new(cargo)
        .arg("--quiet")
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", root().join("target/fixture-crates"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (run.status.success(), shown)
}

/// Writes `text` to `path` unless it holds it already (a new modification time would make
/// cargo compile the file again).
pub fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
