//! The wasm artifacts `scripts/build-wasm.sh` builds, lowers and checks.

use std::path::{Path, PathBuf};

/// The cw-flow contracts: a holon's four, and the commons beside it.
pub const CONTRACTS: [&str; 5] = [
    "flow_token",
    "need_registry",
    "attestation",
    "distributor",
    "commons",
];
/// The reference contracts from crates.io, built the same way.
pub const REFERENCES: [&str; 2] = ["reference/cw20_base", "reference/cw4_group"];

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Cargo's target directory (where the VM keeps its compiled modules).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Where the artifacts are: `FLOW_ARTIFACTS`, else `artifacts/` at the workspace root.
pub fn dir() -> PathBuf {
    std::env::var_os("FLOW_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("artifacts"))
}

/// The path of an artifact by name (`distributor`, `reference/cw20_base` …).
pub fn path(name: &str) -> PathBuf {
    dir().join(format!("{name}.wasm"))
}

/// The bytes of an artifact; a missing one says how to build it.
pub fn load(name: &str) -> Result<Vec<u8>, String> {
    let p = path(name);
    std::fs::read(&p).map_err(|e| {
        format!(
            "cannot read the wasm artifact {} ({e}): build the artifacts first with \
             `bash scripts/build-wasm.sh` (from the workspace root)",
            p.display()
        )
    })
}

/// Like `load`, panicking with that message (for tests and the benchmark).
pub fn wasm(name: &str) -> Vec<u8> {
    load(name).unwrap_or_else(|e| panic!("{e}"))
}
