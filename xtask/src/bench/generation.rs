//! Generation by every tool, one process per document, the tools taking turns within a run;
//! and its tables (markdown): time, peak memory and output lines per document, then the same
//! per operation.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::measure::{self, Sample};
use super::table::{Table, ratio, thousands};
use super::tools::Tool;

/// What the generation runs gave.
pub struct Generation {
    pub documents: Vec<PathBuf>,
    /// `samples[tool][document]`: one sample per successful run.
    pub samples: Vec<Vec<Vec<Sample>>>,
    /// Operations per document, as our frontend counts them (0: unknown).
    pub operations: Vec<usize>,
    /// `lines[tool][document]`: lines of Rust in the tool's last output.
    pub lines: Vec<Vec<usize>>,
    pub runs: usize,
}

impl Generation {
    /// The median sample of a tool on a document, when any run succeeded.
    pub fn summary(&self, tool: usize, document: usize) -> Option<Sample> {
        measure::summarize(&self.samples[tool][document])
    }

    /// The documents every tool generated in every run.
    pub fn common(&self) -> Vec<usize> {
        let everywhere = |d: &usize| self.samples.iter().all(|tool| tool[*d].len() == self.runs);
        (0..self.documents.len()).filter(everywhere).collect()
    }

    /// The median over runs of one tool's time for `documents`, when every run succeeded.
    pub fn loop_time(&self, tool: usize, documents: &[usize]) -> Option<Duration> {
        let per_document = &self.samples[tool];
        let mut totals: Vec<Duration> = (0..self.runs)
            .map(|run| {
                documents
                    .iter()
                    .map(|&d| per_document[d].get(run).map(|s| s.wall))
                    .sum::<Option<Duration>>()
            })
            .collect::<Option<_>>()?;
        totals.sort();
        totals.get(totals.len() / 2).copied()
    }
}

/// Runs every tool on every document `runs` times, each into an empty folder.
pub fn run_all(
    scratch: &Path,
    tools: &[Tool],
    documents: &[PathBuf],
    runs: usize,
) -> std::io::Result<Generation> {
    let inputs = prepare_inputs(scratch, tools, documents)?;
    let mut samples = vec![vec![Vec::new(); documents.len()]; tools.len()];
    for run in 0..runs {
        eprintln!("generation, run {} of {runs}...", run + 1);
        for (d, document) in documents.iter().enumerate() {
            for (t, tool) in tools.iter().enumerate() {
                let out = output_dir(scratch, tool, document);
                let _ = std::fs::remove_dir_all(&out);
                if let Some(sample) = measure::run((tool.command)(&inputs[t][d], &out)) {
                    samples[t][d].push(sample);
                }
            }
        }
    }
    let lines = tools
        .iter()
        .map(|tool| {
            let dirs = documents.iter().map(|d| output_dir(scratch, tool, d));
            dirs.map(|dir| measure::rust_lines(&dir)).collect()
        })
        .collect();
    let operations = documents
        .iter()
        .map(|d| count_operations(&output_dir(scratch, &tools[0], d)))
        .collect();
    Ok(Generation {
        documents: documents.to_vec(),
        samples,
        operations,
        lines,
        runs,
    })
}

/// The document each tool reads: the original, or a patched copy under `target/bench/inputs`.
fn prepare_inputs(
    scratch: &Path,
    tools: &[Tool],
    documents: &[PathBuf],
) -> std::io::Result<Vec<Vec<PathBuf>>> {
    let mut inputs = Vec::new();
    for tool in tools {
        let mut paths = Vec::new();
        for document in documents {
            let Some(patch) = &tool.patch else {
                paths.push(document.clone());
                continue;
            };
            let dir = scratch.join("inputs").join(tool.folder());
            std::fs::create_dir_all(&dir)?;
            let patched = dir.join(file_name(document));
            std::fs::write(&patched, (patch.apply)(&std::fs::read_to_string(document)?))?;
            paths.push(patched);
        }
        inputs.push(paths);
    }
    Ok(inputs)
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where a tool's output for a document goes.
pub fn output_dir(scratch: &Path, tool: &Tool, document: &Path) -> PathBuf {
    scratch
        .join("out")
        .join(tool.folder())
        .join(crate::corpus::crate_name(document))
}

/// Operations in our output's `api.json` (the IR it was generated from); 0 when there is none.
fn count_operations(our_output: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(our_output.join("api.json")) else {
        return 0;
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|ir| Some(ir.get("operations")?.as_array()?.len()))
        .unwrap_or(0)
}

/// Per document: each tool's time, peak memory and output lines, and ours beside the first
/// peer's (oas3-gen when installed); then the loop over all documents.
pub fn print_totals(generation: &Generation, tools: &[Tool]) {
    let base = baseline(tools);
    let mut header = vec!["document".to_owned(), "ops".to_owned()];
    for tool in tools {
        header.extend(["time", "peak", "lines"].map(|what| format!("{} {what}", tool.short)));
    }
    if let Some(b) = base {
        let peer = tools[b].short;
        header.extend([format!("time / {peer}"), format!("peak / {peer}")]);
    }
    let mut table = Table::new(header);
    for (d, document) in generation.documents.iter().enumerate() {
        let mut row = vec![
            file_name(document),
            thousands(generation.operations[d] as u64),
        ];
        for t in 0..tools.len() {
            row.extend(tool_cells(generation, t, d));
        }
        if let Some(b) = base {
            let ours = generation.summary(0, d);
            let peer = generation.summary(b, d);
            let wall = |s: Option<Sample>| s.map(|s| s.wall.as_secs_f64());
            let peak = |s: Option<Sample>| s.map(|s| s.peak_kib as f64);
            row.push(ratio(wall(ours), wall(peer)));
            row.push(ratio(peak(ours), peak(peer)));
        }
        table.row(row);
    }
    table.row(loop_row(generation, tools, base));
    println!(
        "Generation, median of {} runs, one process per tool per document, tools taking turns:\n",
        generation.runs
    );
    table.print();
    for tool in tools {
        if let Some(patch) = &tool.patch {
            println!("({} read patched documents: {})\n", tool.short, patch.what);
        }
    }
}

fn tool_cells(generation: &Generation, tool: usize, document: usize) -> [String; 3] {
    match generation.summary(tool, document) {
        Some(summary) => [
            format!("{} ms", thousands(summary.wall.as_millis() as u64)),
            format!("{} MiB", summary.peak_kib / 1024),
            thousands(generation.lines[tool][document] as u64),
        ],
        None => ["failed".to_owned(), String::new(), String::new()],
    }
}

fn loop_row(generation: &Generation, tools: &[Tool], base: Option<usize>) -> Vec<String> {
    let common = generation.common();
    let total = |t| generation.loop_time(t, &common);
    let seconds = |t| total(t).map(|d: Duration| d.as_secs_f64());
    let operations: usize = common.iter().map(|&d| generation.operations[d]).sum();
    let mut row = vec![
        format!(
            "loop over the {} documents all tools generate",
            common.len()
        ),
        thousands(operations as u64),
    ];
    for t in 0..tools.len() {
        let time = total(t).map_or("failed".to_owned(), |total| {
            format!("{} ms", thousands(total.as_millis() as u64))
        });
        row.extend([time, String::new(), String::new()]);
    }
    if let Some(b) = base {
        row.extend([ratio(seconds(0), seconds(b)), String::new()]);
    }
    row
}

/// Per document and tool: milliseconds, KiB of peak memory and lines per operation.
pub fn print_per_operation(generation: &Generation, tools: &[Tool]) {
    let mut header = vec!["document".to_owned(), "ops".to_owned()];
    for tool in tools {
        header.extend(["ms/op", "KiB/op", "lines/op"].map(|what| format!("{} {what}", tool.short)));
    }
    let mut table = Table::new(header);
    for (d, document) in generation.documents.iter().enumerate() {
        let operations = generation.operations[d];
        let mut row = vec![file_name(document), thousands(operations as u64)];
        for t in 0..tools.len() {
            row.extend(per_operation_cells(generation, t, d, operations));
        }
        table.row(row);
    }
    println!("Per operation (cost that stays linear keeps these flat):\n");
    table.print();
}

fn per_operation_cells(
    generation: &Generation,
    tool: usize,
    document: usize,
    operations: usize,
) -> [String; 3] {
    let (Some(summary), Some(ops)) = (
        generation.summary(tool, document),
        (operations > 0).then_some(operations as f64),
    ) else {
        return [String::new(), String::new(), String::new()];
    };
    [
        format!("{:.2}", summary.wall.as_secs_f64() * 1000.0 / ops),
        format!("{:.0}", summary.peak_kib as f64 / ops),
        format!("{:.0}", generation.lines[tool][document] as f64 / ops),
    ]
}

/// The peer every ratio is against: oas3-gen, the one the issue compares with.
pub fn baseline(tools: &[Tool]) -> Option<usize> {
    tools.iter().position(|t| t.short == "oas3-gen")
}
