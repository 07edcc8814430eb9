//! Every artifact passes the chain's static validation (what wasmd's store-code and
//! `check-wasm` run) and fits the upload limit.

use flow_vm::artifacts::{self, CONTRACTS, REFERENCES};
use flow_vm::wasm_check;

/// wasmd's upload limit.
const MAX_WASM_BYTES: usize = 819_200;

/// The members' governance (cw3-flex-multisig 2.0, built by scripts/build-wasm.sh beside the
/// other references): deployed on chain by scripts/deploy.mjs, not run by the VM tests.
const GOVERNANCE: [&str; 1] = ["reference/cw3_flex_multisig"];

#[test]
fn every_artifact_passes_the_chains_static_check() {
    for name in CONTRACTS
        .iter()
        .chain(REFERENCES.iter())
        .chain(GOVERNANCE.iter())
    {
        let wasm = artifacts::wasm(name);
        wasm_check(&wasm).unwrap_or_else(|e| panic!("{name}.wasm fails the static check: {e}"));
        assert!(
            wasm.len() <= MAX_WASM_BYTES,
            "{name}.wasm is {} bytes, over the {MAX_WASM_BYTES}-byte upload limit",
            wasm.len()
        );
    }
}

#[test]
fn a_missing_artifact_says_how_to_build_it() {
    let err = artifacts::load("no_such_contract").unwrap_err();
    assert!(err.contains("scripts/build-wasm.sh"), "{err}");
}
