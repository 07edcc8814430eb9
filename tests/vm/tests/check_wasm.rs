//! `check-wasm` (src/bin/check-wasm.rs), the artifact check of scripts/build-wasm.sh, on
//! hand-assembled modules: a minimal contract passes, with floats too (CosmWasm >= 1.4); a
//! reference-type operator (which only the compile with the VM's engine catches, as
//! cosmwasm-check's does), bulk memory (what wasm-opt lowers) and a missing export fail with
//! the chain's reason and exit status 1; a missing file fails, no file is a usage error (2).

use std::path::PathBuf;
use std::process::{Command, Output};

const I32: u8 = 0x7f;

/// A section: id, size (LEB128), contents.
fn section(id: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    leb(&mut out, contents.len());
    out.extend_from_slice(contents);
    out
}

fn leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// What `allocate` does before returning its argument.
#[derive(Clone, Copy)]
enum Body {
    /// Nothing.
    Plain,
    /// `f32.convert_i32_s`, `i32.trunc_f32_s`: floats, which CosmWasm >= 1.4 allows.
    Float,
    /// `ref.null func`, `drop`: reference types, which the parser accepts and the VM's
    /// compiling engine (its gatekeeper) refuses.
    RefNull,
    /// `memory.fill`: bulk memory, what Rust >= 1.87 emits and wasm-opt lowers.
    MemoryFill,
}

/// A minimal contract: one memory, `interface_version_8`, `allocate` (returning its
/// argument, after `body`) and `deallocate` (left out when `missing_deallocate`).
fn module(body: Body, missing_deallocate: bool) -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    // types: 0 () -> (), 1 (i32) -> i32, 2 (i32) -> ()
    let types = [
        &[3u8][..],
        &[0x60, 0, 0],
        &[0x60, 1, I32, 1, I32],
        &[0x60, 1, I32, 0],
    ]
    .concat();
    wasm.extend(section(1, &types));
    // functions: interface_version_8, allocate, deallocate
    wasm.extend(section(3, &[3, 0, 1, 2]));
    // one memory of 1 page, no maximum
    wasm.extend(section(5, &[1, 0x00, 1]));
    let mut exports = Vec::new();
    let list: Vec<(&str, u8, u8)> = [
        ("interface_version_8", 0x00, 0),
        ("allocate", 0x00, 1),
        ("deallocate", 0x00, 2),
        ("memory", 0x02, 0),
    ]
    .into_iter()
    .filter(|(n, _, _)| !(missing_deallocate && *n == "deallocate"))
    .collect();
    leb(&mut exports, list.len());
    for (n, kind, index) in list {
        name(&mut exports, n);
        exports.extend([kind, index]);
    }
    wasm.extend(section(7, &exports));
    // allocate's body: no locals, `body`, then local.get 0 (0x20 0), end (0x0b)
    let before: &[u8] = match body {
        Body::Plain => &[],
        // local.get 0; f32.convert_i32_s; i32.trunc_f32_s; drop
        Body::Float => &[0x20, 0, 0xb2, 0xa8, 0x1a],
        // ref.null func; drop
        Body::RefNull => &[0xd0, 0x70, 0x1a],
        // i32.const 0 (x3); memory.fill 0
        Body::MemoryFill => &[0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0b, 0],
    };
    let allocate = [&[0u8][..], before, &[0x20, 0, 0x0b]].concat();
    let mut code = vec![3];
    for body in [&[0u8, 0x0b][..], &allocate, &[0, 0x0b]] {
        leb(&mut code, body.len());
        code.extend_from_slice(body);
    }
    wasm.extend(section(10, &code));
    wasm
}

/// Writes `wasm` to a file of this test's own.
fn file(name: &str, wasm: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flow-vm-check-wasm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, wasm).expect("the wasm written");
    path
}

fn check_wasm(args: &[&std::path::Path]) -> (i32, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_check-wasm"))
        .args(args)
        .output()
        .expect("check-wasm runs");
    let out = String::from_utf8_lossy(&stdout).to_string() + &String::from_utf8_lossy(&stderr);
    (status.code().expect("an exit code"), out)
}

#[test]
fn a_minimal_contract_passes_with_or_without_floats() {
    let ok = file("ok.wasm", &module(Body::Plain, false));
    let float = file("float.wasm", &module(Body::Float, false));
    let (code, out) = check_wasm(&[&ok, &float]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        format!(
            "capabilities: cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,iterator,staking,stargate\n\
             pass: {}\npass: {}\ncheck-wasm: all 2 passed\n",
            ok.display(),
            float.display()
        )
    );
}

#[test]
fn what_only_the_compile_refuses_fails_with_the_reason() {
    let refs = module(Body::RefNull, false);
    // The static validation alone lets it through: the compile (as cosmwasm-check's) refuses it.
    flow_vm::wasm_check(&refs).expect("check_wasm passes a reference-type operator");
    let ok = file("ok-too.wasm", &module(Body::Plain, false));
    let bad = file("ref-null.wasm", &refs);
    let (code, out) = check_wasm(&[&ok, &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("pass: {}\n", ok.display())), "{out}");
    assert!(
        out.contains(&format!(
            "FAIL: {}: Error compiling Wasm: Could not compile: WebAssembly translation error: \
             Error in middleware Gatekeeper: Reference type operation detected: RefNull",
            bad.display()
        )),
        "{out}"
    );
    assert!(out.contains("Reference types are not supported."), "{out}");
    assert!(out.ends_with("check-wasm: 1 of 2 failed\n"), "{out}");
}

#[test]
fn bulk_memory_and_a_missing_export_fail_with_the_reason() {
    let fill = file("memory-fill.wasm", &module(Body::MemoryFill, false));
    let no_dealloc = file("no-deallocate.wasm", &module(Body::Plain, true));
    let (code, out) = check_wasm(&[&fill, &no_dealloc]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "FAIL: {}: Error during static Wasm validation: ",
            fill.display()
        )),
        "{out}"
    );
    assert!(out.contains("bulk memory"), "{out}");
    assert!(
        out.contains(&format!(
            "FAIL: {}: Error during static Wasm validation: Wasm contract doesn't have required export: \"deallocate\".",
            no_dealloc.display()
        )),
        "{out}"
    );
    assert!(out.ends_with("check-wasm: 2 of 2 failed\n"), "{out}");
}

#[test]
fn a_missing_file_fails_and_no_file_is_a_usage_error() {
    let missing = std::env::temp_dir().join("flow-vm-check-wasm-no-such.wasm");
    let (code, out) = check_wasm(&[&missing]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("FAIL: {}: cannot read it: ", missing.display())),
        "{out}"
    );
    let (code, out) = check_wasm(&[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("check-wasm: no wasm file given"), "{out}");
}
