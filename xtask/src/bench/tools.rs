//! The generators compared: ours, and each peer found on `PATH`, with what each needs to get
//! through Twilio's documents at all.

use std::path::Path;
use std::process::Command;

/// A generator to compare: how it turns a document into a crate in a folder.
pub struct Tool {
    pub name: &'static str,
    /// The name in table headers.
    pub short: &'static str,
    /// The program looked for on `PATH` (none for ours: the bench builds it).
    program: &'static str,
    /// The command, given the document and the output folder.
    pub command: fn(&Path, &Path) -> Command,
    /// A rewrite of the document the tool needs to finish (said in the tables).
    pub patch: Option<Patch>,
}

impl Tool {
    /// The tool's folder under `target/bench/`.
    pub fn folder(&self) -> String {
        self.name.replace([' ', '(', ')'], "")
    }

    /// What `--version` says (ours: the workspace's), for the tables' headings.
    pub fn version(&self) -> String {
        if self.program.is_empty() {
            return format!("generator {}", env!("CARGO_PKG_VERSION"));
        }
        let mut command = Command::new(self.program);
        if self.program == "cargo-progenitor" {
            command = Command::new("cargo");
            command.arg("progenitor");
        }
        let outcome = super::measure::run_with_output({
            command.arg("--version");
            command
        });
        let text = outcome
            .output
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        if text.is_empty() {
            self.name.to_owned()
        } else {
            text
        }
    }
}

pub struct Patch {
    pub what: &'static str,
    pub apply: fn(&str) -> String,
}

/// Ours, then each peer found on `PATH`; the peers not found are named on stdout.
pub fn available() -> Vec<Tool> {
    let ours = Tool {
        name: "generator (this)",
        short: "ours",
        program: "",
        command: |document, out| {
            let mut command = Command::new(
                env!("CARGO_MANIFEST_DIR").to_owned() + "/../target/release/generator",
            );
            command
                .arg("generate")
                .arg(document)
                .arg("--out")
                .arg(out)
                .args(["--crate-name", "bench"]);
            command
        },
        patch: None,
    };
    let peers = [
        Tool {
            name: "oas3-gen",
            short: "oas3-gen",
            program: "oas3-gen",
            command: |document, out| {
                let mut command = Command::new("oas3-gen");
                command
                    .args(["generate", "client-mod", "--workspace", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out);
                command
            },
            patch: None,
        },
        Tool {
            name: "cargo-progenitor",
            short: "progenitor",
            program: "cargo-progenitor",
            command: |document, out| {
                let mut command = Command::new("cargo");
                command
                    .args(["progenitor", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out)
                    .args(["-n", "bench", "-v", "0.1.0"]);
                command
            },
            // typify panics on an object with a format it does not know (`uri-map`,
            // `recording-rule`, ...).
            patch: Some(Patch {
                what: "formats other than JSON Schema's and OpenAPI's removed",
                apply: drop_unknown_formats,
            }),
        },
        Tool {
            name: "openapi-generator-cli",
            short: "openapi-generator",
            program: "openapi-generator-cli",
            command: |document, out| {
                let mut command = Command::new("openapi-generator-cli");
                command
                    .args(["generate", "-g", "rust", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out);
                command
            },
            patch: None,
        },
    ];
    let mut tools = vec![ours];
    for peer in peers {
        if on_path(peer.program) {
            tools.push(peer);
        } else {
            println!("({} is not installed; not measured)", peer.name);
        }
    }
    tools
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Formats JSON Schema and OpenAPI define.
const KNOWN_FORMATS: &[&str] = &[
    "binary",
    "byte",
    "date",
    "date-time",
    "double",
    "email",
    "float",
    "int32",
    "int64",
    "password",
    "uri",
    "uuid",
];

/// The document without the `format` lines whose format is not a standard one, in YAML
/// (`format: uri-map`) or pretty-printed JSON (`"format": "uri-map",`).
pub fn drop_unknown_formats(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let json_value = trimmed.strip_prefix("\"format\": \"");
        let value = json_value
            .map(|rest| rest.trim_end_matches(',').trim_end_matches('"'))
            .or_else(|| trimmed.strip_prefix("format: "));
        if value.is_none_or(|v| KNOWN_FORMATS.contains(&v)) {
            out.push(line);
            continue;
        }
        // A JSON member without a trailing comma was the last: the one before loses its comma.
        if json_value.is_some() && !trimmed.ends_with(',') {
            if let Some(previous) = out.last_mut() {
                *previous = previous.strip_suffix(',').unwrap_or(previous);
            }
        }
    }
    let mut patched = out.join("\n");
    patched.push('\n');
    patched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_formats_are_dropped_from_yaml_and_json() {
        let yaml = "a:\n  type: object\n  format: uri-map\nb:\n  format: date-time\n";
        assert_eq!(
            drop_unknown_formats(yaml),
            "a:\n  type: object\nb:\n  format: date-time\n"
        );
        let json = "{\n  \"a\": {\n    \"type\": \"object\",\n    \"format\": \"uri-map\"\n  },\n  \"b\": {\n    \"format\": \"ice-server\",\n    \"type\": \"object\"\n  }\n}";
        assert_eq!(
            drop_unknown_formats(json),
            "{\n  \"a\": {\n    \"type\": \"object\"\n  },\n  \"b\": {\n    \"type\": \"object\"\n  }\n}\n"
        );
    }
}
