//! The chain's static validation of a wasm, as `cosmwasm-check` and wasmd run it.

use cosmwasm_vm::internals::{check_wasm, Logger};
use cosmwasm_vm::{capabilities_from_csv, WasmLimits};

use crate::chain::CAPABILITIES;

/// Checks `wasm` the way a chain does before storing it (exports, imports, memory,
/// function counts, required capabilities against wasmd's), with wasmd's default limits.
pub fn wasm_check(wasm: &[u8]) -> Result<(), String> {
    let capabilities = capabilities_from_csv(CAPABILITIES);
    check_wasm(wasm, &capabilities, &WasmLimits::default(), Logger::Off).map_err(|e| e.to_string())
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
    }
}
