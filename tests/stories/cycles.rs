//! Cycles under every model: impact and hybrid, auto scarcity, reserve and baseline, an
//! empty cycle, a policy change in the middle, a late co-sign.

use cosmwasm_std::Uint128;
use distributor::ContractError;
use flow_testing::suite::{assert_error, category, dec};
use flow_testing::SuiteBuilder;
use flow_types::distributor::{BudgetMode, Model, Policy, Scarcity};

use crate::common::*;

fn fixed(emission: u128) -> BudgetMode {
    BudgetMode::Fixed {
        emission: Uint128::new(emission),
    }
}

#[test]
fn impact_and_hybrid_weigh_a_capacity_building_need() {
    for (model, casey, alex) in [
        (Model::Impact, 3_900_000_000u128, 2_600_000_000u128),
        (Model::Hybrid, 4_500_000_000, 2_000_000_000),
    ] {
        let policy = Policy {
            model,
            capacity_bonus: dec("0.5"),
            ..Policy::default()
        };
        let mut teaching = category("teaching");
        teaching.capacity_building = true;
        let mut suite = SuiteBuilder::holon_alpha()
            .with_category(teaching)
            .with_policy(policy)
            .with_budget(fixed(6_500_000_000))
            .build();
        let workshop = suite
            .post_need("riley", "teaching", "Teach solar basics")
            .unwrap();
        // Only governance sets the impact factor of a need.
        suite
            .set_need_factors(workshop, Some("1.5"), None, None)
            .unwrap();
        let bread = suite.post_need("riley", "food", "Bread").unwrap();
        suite
            .contribute("casey", workshop, "10", "0", "riley")
            .unwrap();
        suite.contribute("alex", bread, "10", "0", "riley").unwrap();
        suite.a_cycle_passes();
        suite.close_cycle().unwrap();
        assert_eq!(
            everyone_claims(&mut suite, 1),
            vec![alex, 0, casey, 0, 0],
            "{model:?}"
        );
        let explained = suite.explain(1, "casey").unwrap();
        let expected_multiplier = if model == Model::Hybrid {
            dec("2.25")
        } else {
            dec("1.5")
        };
        assert_eq!(explained.categories[0].multiplier, expected_multiplier);
    }
}

#[test]
fn auto_scarcity_hits_both_clamps() {
    let policy = Policy {
        model: Model::Need,
        scarcity: Scarcity::Auto {
            min: dec("0.5"),
            max: dec("2"),
        },
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha()
        .with_policy(policy)
        .with_budget(fixed(3_500_000_000))
        .build();
    // Four members need childcare, only Riley provides it: 4 / 1 → clamped to 2.
    let childcare = suite.post_need("jordan", "childcare", "Childcare").unwrap();
    for m in ["alex", "casey", "sam"] {
        suite.endorse(m, childcare).unwrap();
    }
    // One member needs the garden, three tend it: 1 / 3 → clamped to 0.5.
    let garden = suite.post_need("sam", "garden", "Garden").unwrap();
    suite
        .contribute("riley", childcare, "10", "0", "sam")
        .unwrap();
    for m in ["jordan", "alex", "casey"] {
        suite.contribute(m, garden, "10", "0", "sam").unwrap();
    }
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let cycle = suite.cycle(1).unwrap();
    let factor = |c: &str| {
        cycle
            .categories
            .iter()
            .find(|k| k.category == c)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (factor("childcare").requesters, factor("childcare").factor),
        (Some(4), Some(dec("2")))
    );
    assert_eq!(
        (factor("garden").requesters, factor("garden").factor),
        (Some(1), Some(dec("0.5")))
    );
    assert_eq!(cycle.total_weight, dec("35"));
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![500_000_000, 500_000_000, 500_000_000, 2_000_000_000, 0]
    );
}

#[test]
fn reserve_and_baseline_include_a_member_who_contributed_nothing() {
    let policy = Policy {
        reserve: dec("0.1"),
        baseline: dec("0.2"),
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
    suite.fund("funder", 10_000_000_000).unwrap();
    let bread = suite.post_need("riley", "food", "Bread").unwrap();
    suite.contribute("alex", bread, "30", "0", "riley").unwrap();
    suite
        .contribute("jordan", bread, "10", "0", "riley")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let c = suite.cycle(1).unwrap();
    assert_eq!(c.budget, Uint128::new(9_000_000_000));
    assert_eq!(c.reserve_kept, Uint128::new(1_000_000_000));
    assert_eq!(c.baseline_pool, Uint128::new(1_800_000_000));
    assert_eq!(c.baseline_each, Uint128::new(360_000_000));
    assert_eq!(c.members_weight, 5);
    assert_eq!(c.contribution_pool, Uint128::new(7_200_000_000));
    // alex 30/40 of 7.2e9 + 360e6; jordan 10/40 + 360e6; the rest the baseline only.
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![
            5_760_000_000,
            2_160_000_000,
            360_000_000,
            360_000_000,
            360_000_000
        ]
    );
    let t = suite.treasury().unwrap();
    assert_eq!(
        t.unallocated,
        Uint128::new(1_000_000_000),
        "the reserve stays unallocated"
    );
    assert_eq!(t.allocated, Uint128::zero());
}

#[test]
fn a_cycle_without_contributions_mints_nothing_and_keeps_the_budget() {
    let mut suite = SuiteBuilder::holon_alpha().build();
    suite.fund("funder", 1_000_000_000).unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let c = suite.cycle(1).unwrap();
    assert_eq!((c.budget.u128(), c.total_weight), (1_000_000_000, dec("0")));
    assert_error(
        suite.claim("alex", 1),
        ContractError::NothingToClaim {
            member: suite.addr("alex").to_string(),
        },
    );
    assert_eq!(suite.total_supply(), 0);
    assert_eq!(
        suite.treasury().unwrap().unallocated,
        Uint128::new(1_000_000_000)
    );

    // The next cycle's budget is the whole treasury again.
    let bread = suite.post_need("riley", "food", "Bread").unwrap();
    suite.contribute("alex", bread, "1", "0", "riley").unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("alex", 2).unwrap();
    assert_eq!(suite.balance("alex"), 1_000_000_000);
    suite.assert_invariants();
}

#[test]
fn a_policy_change_applies_from_the_next_cycle_only() {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_budget(fixed(1_000_000))
        .build();
    let childcare = suite.post_need("jordan", "childcare", "Childcare").unwrap();
    let garden = suite.post_need("sam", "garden", "Garden").unwrap();
    let month = |suite: &mut flow_testing::Suite| {
        suite
            .contribute("riley", childcare, "60", "0", "sam")
            .unwrap();
        suite
            .contribute("jordan", garden, "40", "0", "sam")
            .unwrap();
    };
    month(&mut suite);
    suite.a_cycle_passes();
    month(&mut suite);
    // In the middle of cycle 2, governance switches to need weighting.
    let need = need_policy();
    assert_error(
        suite.set_policy("riley", need.clone()),
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
    );
    suite.set_policy("governance", need).unwrap();
    suite.a_cycle_passes();
    month(&mut suite);
    suite.a_cycle_passes();
    // Three ended cycles are closed in turn.
    for _ in 0..3 {
        suite.close_cycle().unwrap();
    }
    assert_eq!(
        [1, 2, 3].map(|k| suite.cycle(k).unwrap().policy_version),
        [1, 1, 2]
    );
    suite.claim_all("riley").unwrap();
    suite.claim_all("jordan").unwrap();
    // 600k + 600k (time) + floor(1e6 × 120/140) (need)
    assert_eq!(suite.balance("riley"), 600_000 + 600_000 + 857_142);
    assert_eq!(suite.balance("jordan"), 400_000 + 400_000 + 142_857);
    assert_error(
        suite.claim_all("riley"),
        ContractError::NothingToClaim {
            member: suite.addr("riley").to_string(),
        },
    );
    suite.assert_invariants();
}

#[test]
fn a_late_cosign_lands_in_the_next_cycle() {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_budget(fixed(1_000))
        .build();
    let bread = suite.post_need("riley", "food", "Bread").unwrap();
    let id = suite
        .attest("alex", bread, "5", "0", Some("jordan"))
        .unwrap();
    suite.a_cycle_passes();
    suite.cosign("jordan", id).unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.close_cycle().unwrap();
    assert_eq!(suite.cycle(1).unwrap().contributors, 0);
    assert_eq!(suite.cycle(2).unwrap().contributors, 1);
    assert_error(
        suite.claim("alex", 1),
        ContractError::NothingToClaim {
            member: suite.addr("alex").to_string(),
        },
    );
    suite.claim("alex", 2).unwrap();
    assert_eq!(suite.balance("alex"), 1_000);
}
