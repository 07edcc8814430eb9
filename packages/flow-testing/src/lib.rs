//! The cw-flow multi-test suite: a whole holon (cw4 group, need-registry, attestation,
//! distributor, flow-token, commons) wired in one call, with typed helpers so that tests
//! read like stories:
//!
//! ```ignore
//! let mut suite = SuiteBuilder::holon_alpha().build();
//! let bread = suite.post_need("riley", "food", "Fresh bread")?;
//! let id = suite.attest("alex", bread, "16", "80", Some("jordan"))?;
//! suite.cosign("jordan", id)?;
//! suite.a_cycle_passes();
//! suite.close_cycle()?;
//! suite.claim("alex", 1)?;
//! assert_eq!(suite.balance("alex"), 625_000_000);
//! ```

pub mod contracts;
pub mod hostile;
pub mod invariants;
pub mod suite;

pub use suite::{
    Governance, Holon, HolonSpec, Suite, SuiteBuilder, DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS,
    DENOM,
};
