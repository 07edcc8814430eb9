//! cw-flow on the real wasm.
//!
//! The artifacts `scripts/build-wasm.sh` builds (`artifacts/*.wasm`) run in cosmwasm-vm
//! 3.0.10 on a small wasmd-like chain ([`chain::Chain`]): each contract address has its own
//! metered storage ([`storage::MeteredStorage`], wasmd's KV gas), messages a contract returns
//! are dispatched (wasm execute and instantiate with replies, bank sends), and the queries a
//! contract makes run the other contract's wasm. Everything crosses into the VM as JSON.
//!
//! - `tests/` checks the seed's Holon Alpha payouts on the wasm, that every artifact
//!   passes the chain's static validation ([`check::wasm_check`]), that hostile input never
//!   traps the VM, and that the attestation contract's costs do not grow with the state
//!   (`tests/costs.rs`, in [`populate::Populated`]);
//! - `src/bin/check-wasm.rs` is scripts/build-wasm.sh's check of every artifact (what
//!   `cosmwasm-check` 3.0.10 does: [`check::check_and_compile`]);
//! - `src/bin/gas-bench.rs` measures gas, storage operations and scaling against
//!   cw20-base and writes `BENCHMARKS.md` (`scripts/bench.sh`), the commons beside the
//!   holon included ([`commons::Commons`]).

pub mod api;
pub mod artifacts;
pub mod chain;
pub mod check;
pub mod commons;
pub mod gas;
pub mod holon;
pub mod populate;
pub mod storage;

pub use chain::{Call, Chain, ChainError, ChainResult, Outcome};
pub use check::wasm_check;
pub use commons::Commons;
pub use gas::Cost;
pub use holon::{Codes, Holon, HolonSpec};
