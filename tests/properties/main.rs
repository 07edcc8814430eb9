//! Property tests: random sequences of members' actions on whole holons, on an embedded
//! chain, checked step by step against the test's own model and docs/WEIGHTING.md recomputed
//! independently (`formula.rs`, which never calls the distributor's `weighting` module).
//!
//! ```sh
//! cargo test -p flow-stories --test properties                                  # default: 10,400 cases
//! FLOW_PROPTEST_CASES=100000 cargo test --release -p flow-stories --test properties   # the full run
//! PROPTEST_RNG_SEED=7 cargo test -p flow-stories --test properties              # a fixed seed
//! ```
//!
//! `FLOW_PROPTEST_CASES` is the total number of cases, shared out between the properties
//! (see [`share`]): 11% one-holon chain cases, 3% two-holon chain cases (each 5 to 30
//! random steps, after an optional prologue month), 86% pure recomputations of random
//! closes. The default takes about 100 s in debug on two cores; the full run about 95 s
//! in release once built. Each property prints how many cases it ran, how long it took and
//! what the cases did (how many closes and claims were compared with the formula, how often
//! each action was accepted and refused, and with which errors). A failure prints the
//! smallest failing case proptest found: the set-up and the list of actions.
//!
//! After every step of a chain case (`world.rs`): the action was accepted or refused exactly
//! as the model predicted (refusals with the contract's exact error); Alpha's
//! `Suite::assert_invariants_of` (minted per closed cycle ≤ budget and allocation, supply =
//! Σ balances, treasury held ≥ allocated + outstanding, books ≤ bank, outstanding = supply);
//! the treasury's books, the supply and the involved balances equal the model's; the clock
//! and next cycle to close; the unclosed cycles' totals (hours, contributors, S_c per
//! category) equal the model's recorded attestations, each recorded once; Beta the same after
//! every step that calls it. At every close, every pinned number against `formula.rs`; at
//! every claim, the balance change (and `explain`) against it.
//!
//! Adversaries among the actions (`actions.rs`): hours and units at the limits of their
//! types and of the caps (Decimal::MAX, 2·10²⁰, 10⁻¹⁸, the caps exactly and 10⁻¹⁸ over);
//! colluding pairs who attest and co-sign each other with them, storing attestations up in
//! the challenge window over cycles and finalizing them together; holders who burn; in a
//! third of the one-holon cases and half of the two-holon cases a hostile foreign holon
//! (its own contract) that Alpha accepts, whose token is minted at will and exchanged into
//! Alpha's, and which pays Alpha's settlements honestly, through Alpha's `fund` or while
//! settling again; a holon whose token someone else mints. Checked besides, after every
//! step: the attestation contract's count against the cap per (cycle, member) equals the
//! model's for every count the step changed, and every count and every member's credited
//! hour-equivalents per cycle are within the highest per-cycle cap in force during the
//! cycle (compared with the distributor's `explain` at close); the model recomputes every
//! ended cycle not closed yet with every sum checked; after an accepted step the
//! distributor's `preview` (a close's weighing and a claim's payout of the open cycle) for
//! one member equals the model's; the hostile token's holdings, balances and supply after
//! every step that involved it.
//!
//! Alpha's commons (`market.rs`, the commons the Suite deploys beside the holon) is in the
//! mix: governance lists resources and members offers (strangers' offers and members'
//! resources refused); listers and governance pause, resume and withdraw them (anyone else
//! refused; a withdrawn listing stays so, a paused one takes no payment); holders book windows (wrong amounts, foreign tokens, overlapping,
//! empty, not whole, past and far windows refused), cancel and buy (prices at u128::MAX and
//! 2^127 whose products overflow, quantities past the bound, stock sold out, members who
//! left refused); buyers confirm and dispute; governance resolves; anyone releases a
//! booking at its start and a purchase after its window. A prologue month ends with a
//! booking held and a purchase in escrow. After every step: the commons' token balance =
//! its held booking payments + escrowed purchases = its own `Totals.held`, its totals equal
//! the model's, and resource payments returned to the pool lowered the supply and the
//! outstanding by exactly as much (the books ≤ the coins, outstanding = supply: the
//! commons mints nothing); each row an accepted action touched equals the model's; a
//! refused commons action leaves every balance, the supply, the books, the commons' totals,
//! listings and the row it named as they were. At the end of every case (`World::finish`): time passes to
//! the end of the open cycle, every ended cycle is closed (each must be accepted), every
//! account bulk-claims until nothing is left to look at and claims whatever is still owed
//! (each accepted, exact amounts), and nothing is owed after that.

mod actions;
mod formula;
mod pure;
mod regressions;
mod stats;
mod world;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::stats::{report, Tally};
use crate::world::World;

/// Total cases when `FLOW_PROPTEST_CASES` is not set: what CI runs.
const DEFAULT_CASES: u32 = 10_400;

/// The part of the total cases a property runs, in hundredths.
fn share(percent: u32) -> u32 {
    let total: u32 = std::env::var("FLOW_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(DEFAULT_CASES);
    (total / 100 * percent).max(1)
}

/// Runs `cases` cases of `test` over `strategy`, reports, and fails with the smallest
/// failing input proptest found.
pub fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let runs = AtomicU32::new(0);
    let started = Instant::now();
    let result = runner.run(&strategy, |v| {
        runs.fetch_add(1, Ordering::Relaxed);
        test(v)
    });
    let elapsed = started.elapsed();
    match result {
        Ok(()) => report(&format!(
            "properties::{name}: {cases} cases passed in {elapsed:.1?}"
        )),
        Err(e) => panic!(
            "properties::{name}: failed after {} runs in {elapsed:.1?}: {e}",
            runs.load(Ordering::Relaxed)
        ),
    }
}

/// Runs one case of a holon's life: set up, then every action, checking after each.
fn live(setup: &actions::Setup, steps: &[actions::Action], tally: &Tally) {
    let mut world = World::new(setup);
    for a in setup.prologue().iter().chain(steps) {
        world.step(a);
        world.stats.steps += 1;
        world.check();
    }
    world.check_all();
    world.finish();
    tally.add(&world.stats);
}

static ONE_HOLON: Tally = Tally::new();
static TWO_HOLONS: Tally = Tally::new();

/// One holon: needs, attestations, co-signs, disputes, cycles, closes, claims, transfers,
/// gifts, redemptions, funding and policy changes, colluding pairs, burns and (a third of
/// the cases) a hostile foreign holon, 5 to 30 steps a case, then wound down.
#[test]
fn one_holon_keeps_every_promise() {
    run(
        "one_holon_keeps_every_promise",
        share(11),
        actions::case(false, 30),
        |(setup, steps)| {
            live(&setup, &steps, &ONE_HOLON);
            Ok(())
        },
    );
    report(&format!("  {}", ONE_HOLON.take().summary()));
    report(&format!("  refused with: {}", stats::refusals()));
}

/// Alpha and Beta: everything above, plus Beta accepting Alpha's token at a random rate
/// within a credit limit, rate and limit changes, settlement at Alpha's treasury and
/// returns, 5 to 30 steps a case.
#[test]
fn two_holons_keep_every_promise() {
    run(
        "two_holons_keep_every_promise",
        share(3),
        actions::case(true, 30),
        |(setup, steps)| {
            live(&setup, &steps, &TWO_HOLONS);
            Ok(())
        },
    );
    report(&format!("  {}", TWO_HOLONS.take().summary()));
    report(&format!("  refused with: {}", stats::refusals()));
}

/// docs/WEIGHTING.md recomputed alone on random cycles: up to 5 categories and 10 contributors,
/// any model and scarcity rule, reserve, baseline, budgets up to 10^24, credits from a few
/// atto-units to hundreds of hours.
#[test]
fn random_closes_keep_the_bounds() {
    pure::random_closes(share(86));
}
