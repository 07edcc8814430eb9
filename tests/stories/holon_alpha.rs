//! The seed's Holon Alpha month through the whole suite, under `time` and `need`.

use cosmwasm_std::{Decimal, Uint128};
use distributor::ContractError;
use flow_testing::suite::{assert_error, dec};
use flow_testing::SuiteBuilder;
use flow_types::distributor::CycleStatus;

use crate::common::*;

#[test]
fn holon_alpha_time_model_pays_the_seed_numbers() {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    suite.assert_invariants();

    // Before the month ends, nobody can close it, and a preview shows what is coming.
    assert_error(
        suite.close_cycle(),
        ContractError::CycleNotEnded {
            cycle: 1,
            ends: suite.now().plus_seconds(2_592_000 - 5),
        },
    );
    let preview = suite.preview("riley").unwrap();
    assert_eq!(preview.amount, Uint128::new(2_343_750_000));
    assert_eq!(preview.weight, dec("60"));

    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let cycle = suite.cycle(1).unwrap();
    assert_eq!(cycle.status, CycleStatus::Closed);
    assert_eq!(cycle.budget, Uint128::new(BUDGET));
    assert_eq!(cycle.total_weight, dec("128"));
    assert_eq!(cycle.total_hours, dec("128"));
    assert_eq!(cycle.contributors, 5);

    let paid = everyone_claims(&mut suite, 1);
    assert_eq!(
        paid,
        vec![
            625_000_000,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000
        ]
    );
    assert_eq!(suite.total_supply(), BUDGET);
    assert_eq!(suite.treasury().unwrap().outstanding, Uint128::new(BUDGET));

    // Nobody claims twice.
    assert_error(
        suite.claim("alex", 1),
        ContractError::AlreadyClaimed {
            cycle: 1,
            member: suite.addr("alex").to_string(),
        },
    );
    suite.assert_invariants();
}

#[test]
fn holon_alpha_need_model_pays_the_seed_numbers_and_explains_them() {
    let (mut suite, needs) =
        alpha_with_needs(SuiteBuilder::holon_alpha().with_policy(need_policy()));
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();

    let cycle = suite.cycle(1).unwrap();
    assert_eq!(cycle.total_weight, dec("168"));
    let paid = everyone_claims(&mut suite, 1);
    assert_eq!(
        paid,
        vec![
            476_190_476,
            595_238_095,
            238_095_238,
            3_571_428_571,
            119_047_619
        ]
    );
    let minted: u128 = paid.iter().sum();
    assert_eq!(
        BUDGET - minted,
        1,
        "the dust is one base unit, never minted"
    );
    assert_eq!(suite.total_supply(), minted);

    // explain shows each factor: Riley's childcare counts double, Jordan's garden half.
    let riley = suite.explain(1, "riley").unwrap();
    assert_eq!(riley.categories.len(), 1);
    let c = &riley.categories[0];
    assert_eq!(
        (c.category.as_str(), c.hours, c.credit, c.factor, c.weight),
        ("childcare", dec("60"), dec("60"), dec("2"), dec("120"))
    );
    assert_eq!(riley.weight, dec("120"));
    assert_eq!(riley.total_weight, dec("168"));
    assert_eq!(riley.amount, Uint128::new(3_571_428_571));
    assert!(riley.claimed);
    let jordan = suite.explain(1, "jordan").unwrap();
    assert_eq!(jordan.categories[0].factor, dec("0.5"));
    assert_eq!(jordan.weight, dec("20"));
    let alex = suite.explain(1, "alex").unwrap();
    assert_eq!(
        (alex.categories[0].factor, alex.weight),
        (Decimal::one(), dec("16"))
    );
    suite.assert_invariants();
}
