//! `close_cycle`: anyone, once the oldest unclosed cycle has ended, pins its budget, pools,
//! factors and total weight.

use cosmwasm_std::{coins, Timestamp, Uint128};
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::{
    ConfigResponse, CurrentCycleResponse, CycleCategory, CycleResponse, CycleStatus, ExecuteMsg,
    Model, Policy, QueryMsg, Scarcity,
};

use crate::suite::*;

fn cycle(suite: &Suite, k: u64) -> CycleResponse {
    q(suite, &QueryMsg::Cycle { cycle: k })
}

fn end_of_cycle_one(suite: &Suite) -> Timestamp {
    let c: ConfigResponse = q(suite, &QueryMsg::Config {});
    c.config.start.plus_seconds(c.config.cycle_seconds)
}

#[test]
fn a_close_pins_the_budget_the_pools_and_the_weights() {
    let policy = Policy {
        reserve: dec("0.1"),
        baseline: dec("0.2"),
        ..Policy::default()
    };
    let mut suite = a_month_of(SuiteBuilder::holon_alpha().with_policy(policy), 1_000_000);
    let res = exec(&mut suite, "stranger", &ExecuteMsg::CloseCycle {}).unwrap();
    // B = 1,000,000 × 0.9; P = B × 0.2 over five members; C = B − P; W = 3 + 1.
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "close_cycle"),
            ("cycle", "1"),
            ("policy_version", "1"),
            ("budget", "900000"),
            ("reserve_kept", "100000"),
            ("baseline_pool", "180000"),
            ("baseline_each", "36000"),
            ("contribution_pool", "720000"),
            ("allocated", "900000"),
            ("total_weight", "4"),
            ("categories", "1"),
        ])
    );
    let c = cycle(&suite, 1);
    assert_eq!(
        (
            c.status,
            c.budget.u128(),
            c.reserve_kept.u128(),
            c.baseline_pool.u128(),
            c.baseline_each.u128(),
            c.members_weight,
            c.contribution_pool.u128(),
            c.total_weight,
            c.closed_at,
        ),
        (
            CycleStatus::Closed,
            900_000,
            100_000,
            180_000,
            36_000,
            5,
            720_000,
            dec("4"),
            Some(suite.now()),
        )
    );
    assert_eq!(
        c.categories,
        vec![CycleCategory {
            category: "food".into(),
            hours: dec("4"),
            credit: dec("4"),
            contributors: 2,
            requesters: None,
            factor: Some(dec("1")),
            weight: Some(dec("4")),
        }]
    );
    // The books: 900,000 allocated, 100,000 left for the next close (10 % of it kept back).
    let t = treasury(&suite);
    assert_eq!(
        (
            t.held.u128(),
            t.allocated.u128(),
            t.unallocated.u128(),
            t.reserve.u128()
        ),
        (1_000_000, 900_000, 100_000, 10_000)
    );
    let now: CurrentCycleResponse = q(&suite, &QueryMsg::CurrentCycle {});
    assert_eq!((now.next_to_close, now.can_close), (2, false));
    suite.assert_invariants();
}

#[test]
fn a_fixed_budget_closes_with_its_emission_and_keeps_no_books() {
    let mut suite = alpha_fixed(5_000);
    worked(&mut suite, 1, "alex", "food", "1");
    suite.a_cycle_passes();
    let res = suite.close_cycle().unwrap();
    let distributor = d(&suite);
    assert_eq!(attr(&res, &distributor, "budget"), Some("5000".into()));
    assert_eq!(attr(&res, &distributor, "allocated"), Some("5000".into()));
    assert_eq!(cycle(&suite, 1).contribution_pool, Uint128::new(5_000));
    assert_eq!(books(&suite), (0, 0, 0));
    assert_eq!(treasury(&suite).denom, None);
}

#[test]
fn without_contributions_only_the_baseline_is_allocated() {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_policy(Policy {
            baseline: dec("0.5"),
            ..Policy::default()
        })
        .build();
    suite.fund("funder", 1_000).unwrap();
    suite.a_cycle_passes();
    let res = suite.close_cycle().unwrap();
    let distributor = d(&suite);
    assert_eq!(
        attr(&res, &distributor, "baseline_each"),
        Some("100".into())
    );
    assert_eq!(
        attr(&res, &distributor, "contribution_pool"),
        Some("500".into())
    );
    // No weight: the contribution pool stays in the treasury for the next cycle.
    assert_eq!(attr(&res, &distributor, "allocated"), Some("500".into()));
    assert_eq!(attr(&res, &distributor, "categories"), Some("0".into()));
    let t = treasury(&suite);
    assert_eq!((t.allocated.u128(), t.unallocated.u128()), (500, 500));
}

#[test]
fn auto_scarcity_pins_the_requesters_and_the_factor() {
    let policy = Policy {
        model: Model::Need,
        scarcity: Scarcity::Auto {
            min: dec("0.5"),
            max: dec("3"),
        },
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
    // Three members need food (a poster and two endorsers), two provide it: N = 3 / 2.
    let bread = suite.post_need("riley", "food", "Bread").unwrap();
    suite.endorse("sam", bread).unwrap();
    suite.endorse("casey", bread).unwrap();
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");
    suite.a_cycle_passes();
    let res = suite.close_cycle().unwrap();
    assert_eq!(attr(&res, &d(&suite), "total_weight"), Some("6".into()));
    let food = cycle(&suite, 1).categories.remove(0);
    assert_eq!(
        (food.requesters, food.factor, food.weight),
        (Some(3), Some(dec("1.5")), Some(dec("6")))
    );
}

#[test]
fn cycles_close_one_at_a_time_in_order() {
    let mut suite = a_month(0);
    suite.a_cycle_passes();
    let distributor = d(&suite);
    let res = suite.close_cycle().unwrap();
    assert_eq!(attr(&res, &distributor, "cycle"), Some("1".into()));
    let res = suite.close_cycle().unwrap();
    assert_eq!(attr(&res, &distributor, "cycle"), Some("2".into()));
    let ends = end_of_cycle_one(&suite).plus_seconds(2 * 2_592_000);
    refused(
        &mut suite,
        ContractError::CycleNotEnded { cycle: 3, ends },
        |s| s.close_cycle(),
    );
    assert_eq!(cycle(&suite, 2).status, CycleStatus::Closed);
    assert_eq!(cycle(&suite, 3).status, CycleStatus::Open);
}

#[test]
fn a_cycle_closes_at_its_end_not_a_second_before() {
    let mut suite = alpha();
    worked(&mut suite, 1, "alex", "food", "1");
    let ends = end_of_cycle_one(&suite);
    let now = suite.now();
    suite.advance(ends.seconds() - now.seconds() - 1);
    refused(
        &mut suite,
        ContractError::CycleNotEnded { cycle: 1, ends },
        |s| s.close_cycle(),
    );
    assert_eq!(cycle(&suite, 1).status, CycleStatus::Open);
    suite.advance(1);
    assert_eq!(cycle(&suite, 1).status, CycleStatus::Ended);
    // Coins sent along are refused.
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "funder", &ExecuteMsg::CloseCycle {}, &coins(1, DENOM)),
    );
    suite.close_cycle().unwrap();
    assert_eq!(cycle(&suite, 1).status, CycleStatus::Closed);
}
