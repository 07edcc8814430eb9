//! check-wasm: what `cosmwasm-check` 3.0.10 does, on the cosmwasm-vm the real-wasm tests
//! already build (so CI compiles wasmer and cosmwasm-vm once, not twice): each file gets the
//! chain's static validation (`check_wasm`: memory, exports, imports, capabilities, function
//! limits) and is compiled with the VM's compiling engine (the gatekeeper refuses floats).
//!
//! ```text
//! check-wasm [--available-capabilities CSV] [--wasm-limits JSON|FILE] WASM...
//! ```
//!
//! The capabilities default to wasmd's (`flow_vm::chain::CAPABILITIES`), the limits to
//! wasmd's defaults. Prints `pass: FILE` or `FAIL: FILE: REASON` per file and a summary; exits
//! 1 if any file fails, 2 on a usage error. scripts/build-wasm.sh runs it on every artifact.

use std::collections::HashSet;
use std::process::exit;

use cosmwasm_vm::{capabilities_from_csv, WasmLimits};
use flow_vm::chain::CAPABILITIES;
use flow_vm::check::check_and_compile;

const USAGE: &str =
    "usage: check-wasm [--available-capabilities CSV] [--wasm-limits JSON|FILE] WASM...";

struct Args {
    capabilities: HashSet<String>,
    limits: WasmLimits,
    files: Vec<String>,
}

fn usage_error(msg: &str) -> ! {
    eprintln!("check-wasm: {msg}");
    eprintln!("{USAGE}");
    exit(2)
}

/// The limits as JSON, or a file holding that JSON (as cosmwasm-check's `--wasm-limits`).
fn read_limits(input: &str) -> Result<WasmLimits, String> {
    serde_json::from_str(input).or_else(|_| {
        let text = std::fs::read_to_string(input)
            .map_err(|e| format!("--wasm-limits: neither JSON nor a readable file ({e})"))?;
        serde_json::from_str(&text).map_err(|e| format!("--wasm-limits {input}: {e}"))
    })
}

fn parse_args() -> Args {
    let mut capabilities = capabilities_from_csv(CAPABILITIES);
    let mut limits = WasmLimits::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                exit(0)
            }
            "--available-capabilities" => match args.next() {
                Some(csv) => capabilities = capabilities_from_csv(&csv),
                None => usage_error("--available-capabilities needs a value"),
            },
            "--wasm-limits" => match args.next() {
                Some(v) => limits = read_limits(&v).unwrap_or_else(|e| usage_error(&e)),
                None => usage_error("--wasm-limits needs a value"),
            },
            s if s.starts_with("--") => usage_error(&format!("unknown option {s}")),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        usage_error("no wasm file given");
    }
    Args {
        capabilities,
        limits,
        files,
    }
}

fn main() {
    let args = parse_args();
    let mut capabilities: Vec<&str> = args.capabilities.iter().map(String::as_str).collect();
    capabilities.sort_unstable();
    println!("capabilities: {}", capabilities.join(","));
    let mut failed = 0usize;
    for file in &args.files {
        let result = std::fs::read(file)
            .map_err(|e| format!("cannot read it: {e}"))
            .and_then(|wasm| check_and_compile(&wasm, &args.capabilities, &args.limits));
        match result {
            Ok(()) => println!("pass: {file}"),
            Err(reason) => {
                println!("FAIL: {file}: {reason}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        println!("check-wasm: {failed} of {} failed", args.files.len());
        exit(1)
    }
    println!("check-wasm: all {} passed", args.files.len());
}
