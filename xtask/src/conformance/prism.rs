//! Stoplight Prism, the validating mock: found (or installed from npm) under `target/prism`
//! or `$PRISM_DIR`, started on a free loopback port for one document, waited for until it
//! listens, and stopped by its pid when the [`Mock`] is dropped (also when a step failed).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The version `.ci/run` and this command install.
pub const VERSION: &str = "5.14.2";

/// The folder whose `node_modules/.bin/prism` is used: `$PRISM_DIR`, else `target/prism`.
pub fn dir(root: &Path) -> PathBuf {
    std::env::var_os("PRISM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/prism"))
}

/// The `prism` binary, installed with npm into `target/prism` when it is missing there (a
/// `$PRISM_DIR` is used as it is).
pub fn binary(root: &Path) -> Result<PathBuf, String> {
    let dir = dir(root);
    let binary = dir.join("node_modules/.bin/prism");
    if binary.exists() {
        return Ok(binary);
    }
    if std::env::var_os("PRISM_DIR").is_some() {
        return Err(format!(
            "no Prism at {} (PRISM_DIR); install it with `npm install --prefix {} \
             @stoplight/prism-cli@{VERSION}`",
            binary.display(),
            dir.display()
        ));
    }
    eprintln!(
        "installing Prism: npm install --prefix {} @stoplight/prism-cli@{VERSION}",
        dir.display()
    );
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("@stoplight/prism-cli@{VERSION}"))
        .stdout(Stdio::null())
        .status()
        .map_err(|err| format!("cannot run npm to install Prism (is Node.js installed?): {err}"))?;
    match status.success() && binary.exists() {
        true => Ok(binary),
        false => Err(format!(
            "`npm install --prefix {} @stoplight/prism-cli@{VERSION}` failed",
            dir.display()
        )),
    }
}

/// A running Prism; dropped, it is stopped.
pub struct Mock {
    child: Child,
    pub base_url: String,
    /// How long it took from start until it listened.
    pub load: Duration,
    log: PathBuf,
}

impl Mock {
    /// Starts `prism mock` for `document` (validating requests, answers generated from the
    /// document: `--errors` off) and waits until it listens, at most `timeout`.
    pub fn start(
        binary: &Path,
        document: &Path,
        log: &Path,
        timeout: Duration,
    ) -> Result<Mock, String> {
        let port = free_port()?;
        let file = std::fs::File::create(log)
            .map_err(|err| format!("cannot write {}: {err}", log.display()))?;
        let err_file = file
            .try_clone()
            .map_err(|err| format!("cannot write {}: {err}", log.display()))?;
        let started = Instant::now();
        let child = Command::new(binary)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .arg(document)
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(err_file)
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", binary.display()))?;
        let mut mock = Mock {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            load: Duration::ZERO,
            log: log.to_owned(),
        };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                mock.load = started.elapsed();
                return Ok(mock);
            }
            if let Ok(Some(status)) = mock.child.try_wait() {
                return Err(format!(
                    "Prism stopped ({status}) before it listened on port {port}:\n{}",
                    mock.log_tail()
                ));
            }
            if started.elapsed() > timeout {
                return Err(format!(
                    "Prism did not listen on port {port} within {} s (raise it with \
                     --timeout SECONDS, or test a slice of the document with --slice N):\n{}",
                    timeout.as_secs(),
                    mock.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The end of what Prism printed.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        // Only this process, by its pid (`Child::kill`), then reaped.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now (the OS's pick, released for Prism to take).
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|err| format!("no free port on 127.0.0.1: {err}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|err| format!("no free port on 127.0.0.1: {err}"))
}
