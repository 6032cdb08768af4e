//! One process, measured: wall time from spawn to exit and peak resident memory (`wait4`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a process cost.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    pub peak_kib: u64,
}

/// Runs `command` with its output discarded; `None` when it could not start or failed.
pub fn run(mut command: Command) -> Option<Sample> {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, zero is a valid value; `wait4` fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    // SAFETY: waits for the child spawned above, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    let ok = waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    ok.then_some(Sample {
        wall,
        peak_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// How a process that was kept an eye on ended: its wall time, whether it succeeded, and its
/// stdout and stderr (for error counts).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub wall: Duration,
    pub ok: bool,
    pub output: String,
}

impl Outcome {
    /// Compiler errors in the output (not the closing "could not compile" ones).
    pub fn errors(&self) -> usize {
        count_errors(&self.output)
    }
}

/// Runs `command` keeping its output, timed.
pub fn run_with_output(mut command: Command) -> Outcome {
    let started = Instant::now();
    let (ok, output) = match command.output() {
        Ok(output) => (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        ),
        Err(err) => (false, err.to_string()),
    };
    Outcome {
        wall: started.elapsed(),
        ok,
        output,
    }
}

/// Errors rustc reported in `output` (`error[E0308]: ...`, `error: ...`), without cargo's
/// closing lines.
pub fn count_errors(output: &str) -> usize {
    output
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("error: "))
        .filter(|l| !l.starts_with("error: could not compile") && !l.contains("aborting"))
        .count()
}

/// The median wall time and the largest peak of some samples (none: `None`).
pub fn summarize(samples: &[Sample]) -> Option<Sample> {
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    walls.sort();
    Some(Sample {
        wall: *walls.get(walls.len() / 2)?,
        peak_kib: samples.iter().map(|s| s.peak_kib).max()?,
    })
}

/// Lines of Rust under `dir`.
pub fn rust_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|path| {
            if path.is_dir() {
                rust_lines(&path)
            } else if path.extension().is_some_and(|e| e == "rs") {
                std::fs::read_to_string(&path).map_or(0, |text| text.lines().count())
            } else {
                0
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_and_the_largest_peak() {
        let sample = |ms, kib| Sample {
            wall: Duration::from_millis(ms),
            peak_kib: kib,
        };
        let summary = summarize(&[sample(30, 5), sample(10, 9), sample(20, 1)]).unwrap();
        assert_eq!(summary.wall, Duration::from_millis(20));
        assert_eq!(summary.peak_kib, 9);
        assert!(summarize(&[]).is_none());
    }

    #[test]
    fn errors_are_counted_without_the_closing_lines() {
        let output = "error[E0308]: mismatched types\n  --> src/lib.rs:1:1\nerror: cannot find macro\n\
                      warning: unused\nerror: aborting due to 2 previous errors\n\
                      error: could not compile `bench` (lib) due to 2 previous errors\n";
        assert_eq!(count_errors(output), 2);
    }

    #[test]
    fn a_failing_process_gives_no_sample() {
        assert!(run(Command::new("false")).is_none());
        assert!(run(Command::new("true")).is_some());
    }
}
