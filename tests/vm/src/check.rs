//! The chain's static validation of a wasm, as wasmd's store-code runs it, and the whole
//! check `cosmwasm-check` 3.0.10 makes (that validation, then a compile with the VM's
//! compiling engine, whose gatekeeper refuses floats and other non-deterministic operators).
//! `src/bin/check-wasm.rs` runs [`check_and_compile`] on files for scripts/build-wasm.sh.

use std::collections::HashSet;

use cosmwasm_vm::internals::{check_wasm, compile_module, Logger};
use cosmwasm_vm::{capabilities_from_csv, WasmLimits};

use crate::chain::CAPABILITIES;

/// wasmd's capabilities ([`CAPABILITIES`]) as the set `check_wasm` takes.
pub fn wasmd_capabilities() -> HashSet<String> {
    capabilities_from_csv(CAPABILITIES)
}

/// Checks `wasm` the way a chain does before storing it (exports, imports, memory,
/// function counts, required capabilities against wasmd's), with wasmd's default limits.
pub fn wasm_check(wasm: &[u8]) -> Result<(), String> {
    check_wasm(
        wasm,
        &wasmd_capabilities(),
        &WasmLimits::default(),
        Logger::Off,
    )
    .map_err(|e| e.to_string())
}

/// What `cosmwasm-check` 3.0.10 does to one file: the static validation with the given
/// capabilities and limits, then a compile of the module with the VM's compiling engine
/// (singlepass with the gatekeeper and metering middlewares, no memory limit), which
/// refuses what the static validation lets through (float operators, unsupported proposals).
pub fn check_and_compile(
    wasm: &[u8],
    capabilities: &HashSet<String>,
    limits: &WasmLimits,
) -> Result<(), String> {
    check_wasm(wasm, capabilities, limits, Logger::Off).map_err(|e| e.to_string())?;
    compile_module(wasm, None)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_module_is_refused() {
        // The 8-byte header of a valid but empty module: no memory, no entry points.
        let empty = b"\0asm\x01\0\0\0";
        assert!(wasm_check(empty).is_err());
        assert!(wasm_check(b"not wasm").is_err());
        let err =
            check_and_compile(empty, &wasmd_capabilities(), &WasmLimits::default()).unwrap_err();
        assert!(
            err.contains("Wasm contract must contain exactly one memory"),
            "{err}"
        );
    }
}
