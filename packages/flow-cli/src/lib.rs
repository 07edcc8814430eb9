//! `flow`: a holon replays its month on an embedded chain or a running node.
//!
//! A scenario file (docs/SCENARIO.md) says who the members are, what they need and
//! what they did; [`scenario`] reads and checks it, [`engine`] replays it as the members' own
//! transactions on a [`ledger::Ledger`] — cw-multi-test through the flow-testing suite, or a
//! wasmd node through [`node`] — and [`report`] prints what the contracts paid.
//! [`holon_file`] writes a holon in the JSON form scripts/deploy.mjs deploys.
//! [`generate`] writes large scenarios for the benchmark.

pub mod diag;
pub mod engine;
pub mod generate;
pub mod holon_file;
pub mod ledger;
pub mod node;
pub mod report;
pub mod scenario;
pub mod words;

pub use diag::Diag;
pub use engine::{run, run_on, Progress, Replay, Report};
pub use holon_file::{deploy_form, spec_of};
pub use scenario::{load, parse, Plan};

/// Reads, checks and replays a scenario file.
pub fn simulate_file(path: &str, progress: &mut dyn Progress) -> Result<(Plan, Replay), Diag> {
    let plan = load(path)?;
    let replay = run(&plan, progress)?;
    Ok((plan, replay))
}
