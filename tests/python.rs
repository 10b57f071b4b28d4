//! The Python bindings (`crates/python`, `import nutgraf`): builds the
//! extension with maturin into a virtual environment and runs its pytest
//! suite, so `cargo test --workspace` covers them.
//!
//! Steps: find `python3` (or `$NUTGRAF_PYTHON`); make `TARGET/venv-python`
//! once and install the pinned test tools into it; build the `nutgraf` CLI
//! (the suite compares with its JSON); build the extension in the dev profile
//! with `CARGO_TARGET_DIR=TARGET`, so the workspace's compiled dependencies
//! are reused, and install the wheel; run `pytest crates/python/tests`.
//! `TARGET` is `$CARGO_TARGET_DIR` or this checkout's `target/`.
//!
//! Without Python the test is skipped with a printed reason, except under
//! CI (`CI=true`), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// The test tools, pinned; the stamp file in the venv records them.
const REQUIREMENTS: &[&str] = &["maturin==1.16.0", "pytest==9.2.0", "rouge-score==0.1.2"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    if dir.is_absolute() {
        dir
    } else {
        root().join(dir)
    }
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs `cmd`, panicking with its output when it fails.
fn run(cmd: &mut Command) -> Output {
    let started = Instant::now();
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", show(cmd)));
    eprintln!(
        "[python] {} ({:.1} s)",
        show(cmd),
        started.elapsed().as_secs_f64()
    );
    if !out.status.success() {
        panic!(
            "{} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
            show(cmd),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// A Python interpreter of version ≥ 3.9, or `None` (skip) outside CI.
fn find_python() -> Option<String> {
    let python = std::env::var("NUTGRAF_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = Command::new(&python)
        .args([
            "-c",
            "import sys, venv; assert sys.version_info >= (3, 9), sys.version",
        ])
        .output();
    match probe {
        Ok(o) if o.status.success() => Some(python),
        other => {
            let why = match other {
                Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
                Err(e) => e.to_string(),
            };
            let msg = format!(
                "no usable Python 3.9+ with venv at {python:?} ({why}); \
                 install python3 or set NUTGRAF_PYTHON"
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{msg}");
            }
            eprintln!("skipping the Python bindings' tests: {msg}");
            None
        }
    }
}

/// Makes (or reuses) the venv with the pinned tools; returns its directory.
fn venv(python: &str, target: &Path) -> PathBuf {
    let venv = target.join("venv-python");
    let py = venv.join("bin/python");
    if !py.exists() {
        std::fs::create_dir_all(target).unwrap();
        run(Command::new(python).arg("-m").arg("venv").arg(&venv));
    }
    let stamp = venv.join(".nutgraf-test-requirements");
    let want = REQUIREMENTS.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) {
        run(Command::new(&py)
            .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
            .args(REQUIREMENTS));
        std::fs::write(&stamp, want).unwrap();
    }
    venv
}

#[test]
fn python_bindings_pytest_suite() {
    let started = Instant::now();
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let Some(python) = find_python() else {
        return;
    };
    let root = root();
    let target = target_dir();
    let venv = venv(&python, &target);
    let py = venv.join("bin/python");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());

    // The CLI, whose JSON the suite compares with.
    run(Command::new(&cargo)
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .args(["build", "-q", "-p", "nutgraf-cli", "--bin", "nutgraf"]));
    let cli = target.join("debug/nutgraf");

    // The extension: a dev-profile wheel, installed over the last one.
    let wheels = target.join("wheels-python");
    let _ = std::fs::remove_dir_all(&wheels);
    run(Command::new(venv.join("bin/maturin"))
        .current_dir(root.join("crates/python"))
        .env("CARGO_TARGET_DIR", &target)
        .env("VIRTUAL_ENV", &venv)
        .args(["build", "--quiet", "--profile", "dev", "--interpreter"])
        .arg(&py)
        .arg("--out")
        .arg(&wheels));
    let wheel = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("maturin wrote no wheel");
    run(Command::new(&py)
        .args([
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "--force-reinstall",
        ])
        .arg(&wheel));

    // The suite.
    let out = Command::new(&py)
        .current_dir(&root)
        .env("NUTGRAF_CLI", &cli)
        .env("NUTGRAF_SHARED", &shared)
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "crates/python/tests",
        ])
        .output()
        .expect("cannot run pytest");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    eprintln!(
        "[python] bindings built and tested in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(out.status.success(), "pytest failed ({})", out.status);
}
