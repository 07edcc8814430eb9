//! The distributor's own tests: every message, in a whole holon on cw-multi-test (wired by
//! flow-testing), one file per message group. Each success is checked to the unit; each
//! refusal by its exact `ContractError` and by the state it leaves as it was
//! (`suite::refused`). Whole-suite behaviour is told in the workspace's `tests/stories`.

mod claim;
mod close_cycle;
mod coverage;
mod foreign;
mod fund;
mod holons;
mod instantiate;
mod membership;
mod migrate;
mod ownership;
mod queries;
mod receive;
mod record;
mod set_policy;
mod settlement;
mod suite;
