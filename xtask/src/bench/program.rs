//! Programs that call three operations on our crate: what a user builds on top of it. Each is
//! built from a clean target with its dependencies built (our API crate, its runtime crate and
//! the program itself compiled, everything else reused), and alone after touching `main.rs`.
//! Stripe's names only its operations' modules, with `default-features = false`.

use std::path::Path;
use std::time::Duration;

use super::builds::{cargo_with_target, touch};
use super::generation::{Generation, file_name, output_dir};
use super::measure::{self, Outcome};
use super::table::seconds;
use super::tools::Tool;

/// A program, for the document it is written against.
pub struct Program {
    pub document: &'static str,
    /// Our crate's features it names; `None`: the defaults (every module).
    pub features: Option<&'static [&'static str]>,
    pub source: &'static str,
}

/// Create, fetch and list a Video room, on the crate's default features.
const VIDEO: Program = Program {
    document: "twilio_video_v1.yaml",
    features: None,
    source: r#"use bench::{Client, CreateRoomRequest, FetchRoomRequest, ListRoomRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), bench::Error> {
    let client = Client::new("ACxxxxxxxx", "token")?;
    let room = client.create_room(&CreateRoomRequest::new().unique_name("standup")).await?;
    let sid = room.body.sid.unwrap_or_default();
    let again = client.fetch_room(&FetchRoomRequest::new(&sid)).await?;
    println!("{:?}", again.body.status);
    let page = client.list_room(&ListRoomRequest::new()).await?;
    println!("{}", page.body.rooms.map(|rooms| rooms.len()).unwrap_or(0));
    Ok(())
}
"#,
};

/// Create, fetch and list Stripe customers, with only those three operations' modules.
const STRIPE: Program = Program {
    document: "stripe.yaml",
    features: Some(&["post_customers", "get_customers_customer", "get_customers"]),
    source: r#"use bench::{Client, GetCustomersCustomerRequest, GetCustomersRequest, PostCustomersRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), bench::Error> {
    let client = Client::new("sk_test_xxxxxxxx", "")?;
    let created = client
        .post_customers(&PostCustomersRequest::new().email("jenny@example.com"))
        .await?;
    println!("{:?}", created.body);
    let again = client
        .get_customers_customer(&GetCustomersCustomerRequest::new("cus_xxxxxxxx"))
        .await?;
    println!("{:?}", again.body);
    let page = client.get_customers(&GetCustomersRequest::new()).await?;
    println!("{:?}", page.body);
    Ok(())
}
"#,
};

pub const PROGRAMS: &[Program] = &[VIDEO, STRIPE];

/// A program's build times: from a clean target (dependencies built), and alone.
pub struct ProgramBuild {
    pub program: &'static Program,
    pub clean: Outcome,
    pub alone: Option<Duration>,
}

/// Builds each program whose document was generated.
pub fn run_all(
    scratch: &Path,
    ours: &Tool,
    generation: &Generation,
    runs: usize,
) -> Vec<ProgramBuild> {
    let generated = |program: &&Program| {
        let documents = generation.documents.iter();
        documents.clone().any(|d| file_name(d) == program.document)
    };
    PROGRAMS
        .iter()
        .filter(generated)
        .filter_map(|program| {
            eprintln!("building the program on {}...", program.document);
            let out = output_dir(scratch, ours, Path::new(program.document));
            build(scratch, program, &out, runs)
        })
        .collect()
}

/// `cargo build` of the program: once for its dependencies, then `runs` times after cleaning
/// our two crates and the program, then `runs` times after touching `main.rs` (medians).
fn build(
    scratch: &Path,
    program: &'static Program,
    crate_dir: &Path,
    runs: usize,
) -> Option<ProgramBuild> {
    let dir = scratch
        .join("program")
        .join(crate::corpus::crate_name(Path::new(program.document)));
    write(program, &dir, crate_dir).ok()?;
    let target = scratch
        .join("build-target")
        .join(format!("program-{}", file_name(&dir)));
    let cargo = |args: &[&str]| cargo_with_target(&target, &dir, args);
    let _ = measure::run_with_output(cargo(&["build"]));
    let clean: Vec<Outcome> = (0..runs)
        .map(|_| {
            let _ = measure::run_with_output(cargo(&[
                "clean",
                "-p",
                "bench",
                "-p",
                "bench-runtime",
                "-p",
                "program",
            ]));
            measure::run_with_output(cargo(&["build"]))
        })
        .collect();
    let clean = median(clean)?;
    let alone = clean.ok.then(|| {
        let walls = (0..runs).map(|_| {
            touch(&dir.join("src/main.rs"));
            measure::run_with_output(cargo(&["build"])).wall
        });
        let mut walls: Vec<Duration> = walls.collect();
        walls.sort();
        walls[walls.len() / 2]
    });
    Some(ProgramBuild {
        program,
        clean,
        alone,
    })
}

fn median(mut outcomes: Vec<Outcome>) -> Option<Outcome> {
    outcomes.sort_by_key(|o| o.wall);
    let middle = outcomes.len() / 2;
    outcomes.into_iter().nth(middle)
}

/// The program's manifest (our crate by path, with the program's features) and `main.rs`.
fn write(program: &Program, dir: &Path, crate_dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("Cargo.toml"), manifest(program, crate_dir))?;
    std::fs::write(dir.join("src/main.rs"), program.source)
}

fn manifest(program: &Program, crate_dir: &Path) -> String {
    let features = program.features.map_or(String::new(), |features| {
        let quoted: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
        format!(
            ", default-features = false, features = [{}]",
            quoted.join(", ")
        )
    });
    format!(
        "[package]\nname = \"program\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nbench = {{ path = {:?}{features} }}\n\
         tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n",
        crate_dir.display().to_string()
    )
}

pub fn print(builds: &[ProgramBuild], runs: usize) {
    println!(
        "Programs calling three operations on our crate (debug; median of {runs}; from clean: \
         our crate, its runtime and the program compiled, other dependencies built):\n"
    );
    for build in builds {
        let features = build
            .program
            .features
            .map_or("default features".to_owned(), |f| {
                format!("`default-features = false`, features {}", f.join(", "))
            });
        let clean = if build.clean.ok {
            seconds(build.clean.wall)
        } else {
            format!("does not build ({} errors)", build.clean.errors())
        };
        let alone = build
            .alone
            .map_or(String::new(), |a| format!(", {} alone", seconds(a)));
        println!(
            "- {} ({features}): {clean} from clean{alone}",
            build.program.document
        );
    }
    println!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_only_the_programs_features() {
        let text = manifest(&STRIPE, Path::new("/out/stripe"));
        assert!(text.contains(
            "bench = { path = \"/out/stripe\", default-features = false, features = \
             [\"post_customers\", \"get_customers_customer\", \"get_customers\"] }"
        ));
        let text = manifest(&VIDEO, Path::new("/out/video"));
        assert!(text.contains("bench = { path = \"/out/video\" }\n"));
    }
}
