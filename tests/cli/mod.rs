//! Shared by the tests that run the `nianbao` binary (tests/{docs,import,review}_cli.rs).

use std::path::Path;
use std::process::Command;

/// Runs the binary in `dir`: (exit code, stdout, stderr).
pub fn nianbao_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary at the repository root (paths such as `tests/fixtures/…` as written).
#[allow(dead_code)] // not every test file runs at the root
pub fn nianbao(args: &[&str]) -> (i32, String, String) {
    nianbao_in(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")),
        args,
    )
}
