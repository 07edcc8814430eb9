//! `record`: the attestation contract credits a final contribution to the open cycle.

use cosmwasm_std::{coins, Decimal};
use cw_multi_test::{BankSudo, Executor, SudoMsg};
use cw_utils::PaymentError;
use distributor::state::{CycleTotals, CYCLE_TOTALS};
use distributor::ContractError;
use flow_types::distributor::{
    CategoryFactor, Contribution, CycleCategory, CycleResponse, CycleStatus, ExecuteMsg, Model,
    Policy, PreviewResponse, QueryMsg, Scarcity, MAX_CYCLE_CREDIT,
};
use flow_types::registry::{Category, ExecuteMsg as RegistryMsg};
use flow_types::validate::ValidationError;

use crate::suite::*;

fn cycle(suite: &Suite, k: u64) -> CycleResponse {
    q(suite, &QueryMsg::Cycle { cycle: k })
}

fn preview(suite: &Suite, member: &str) -> PreviewResponse {
    q(
        suite,
        &QueryMsg::Preview {
            member: suite.addr(member).to_string(),
        },
    )
}

fn open_category(category: &str, hours: &str, credit: &str, contributors: u32) -> CycleCategory {
    CycleCategory {
        category: category.into(),
        hours: dec(hours),
        credit: dec(credit),
        contributors,
        requesters: None,
        factor: None,
        weight: None,
    }
}

#[test]
fn a_contribution_is_credited_to_the_open_cycle_its_member_and_its_category() {
    let mut suite = alpha();
    let c = work(&suite, 1, "alex", "food", "3");
    let res = record(&mut suite, c).unwrap();
    let alex = suite.addr("alex").to_string();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "record"),
            ("attestation_id", "1"),
            ("cycle", "1"),
            ("contributor", &alex),
            ("category", "food"),
            ("hours", "3"),
            ("credit", "3"),
            ("weighted_credit", "3"),
        ])
    );
    worked(&mut suite, 2, "alex", "garden", "1.5");
    worked(&mut suite, 3, "jordan", "food", "2");

    let c = cycle(&suite, 1);
    assert_eq!(
        (c.status, c.total_hours, c.contributors),
        (CycleStatus::Open, dec("6.5"), 2)
    );
    assert_eq!(
        c.categories,
        vec![
            open_category("food", "5", "5", 2),
            open_category("garden", "1.5", "1.5", 1),
        ]
    );
    let p = preview(&suite, "alex");
    assert_eq!(
        (p.hours, p.weight, p.total_weight),
        (dec("4.5"), dec("4.5"), dec("6.5"))
    );
    // A contribution after the cycle's end goes to the next cycle, closed or not.
    suite.a_cycle_passes();
    let c = work(&suite, 4, "jordan", "food", "1");
    let res = record(&mut suite, c).unwrap();
    assert_eq!(attr(&res, &d(&suite), "cycle"), Some("2".into()));
    assert_eq!(cycle(&suite, 1).total_hours, dec("6.5"));
    assert_eq!(cycle(&suite, 2).total_hours, dec("1"));
}

#[test]
fn the_model_weighs_the_credit_with_impact_and_capacity() {
    let hybrid = Policy {
        model: Model::Hybrid,
        capacity_bonus: dec("1"),
        ..Policy::default()
    };
    // 1 hour and 1 unit worth 1 hour: b = 2; impact 1.5, capacity-building: K = 2.
    let contribution = |suite: &Suite| Contribution {
        hours: dec("1"),
        credit: dec("2"),
        impact: dec("1.5"),
        capacity_building: true,
        ..work(suite, 1, "alex", "energy", "1")
    };
    for (policy, weighted) in [(Policy::default(), "2"), (hybrid, "6")] {
        let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
        let c = contribution(&suite);
        let res = record(&mut suite, c).unwrap();
        assert_eq!(
            attr(&res, &d(&suite), "weighted_credit"),
            Some(weighted.into())
        );
        assert_eq!(
            cycle(&suite, 1).categories,
            vec![open_category("energy", "1", weighted, 1)]
        );
    }
}

#[test]
fn the_member_cap_clips_the_credit_and_says_by_how_much() {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_policy(Policy {
            max_credit_per_member: Some(dec("4")),
            ..Policy::default()
        })
        .build();
    worked(&mut suite, 1, "alex", "food", "3");
    let c = work(&suite, 2, "alex", "garden", "2");
    let res = record(&mut suite, c).unwrap();
    assert_eq!(attr(&res, &d(&suite), "credit"), Some("1".into()));
    assert_eq!(attr(&res, &d(&suite), "capped"), Some("1".into()));
    let c = work(&suite, 3, "alex", "food", "1");
    let res = record(&mut suite, c).unwrap();
    assert_eq!(attr(&res, &d(&suite), "credit"), Some("0".into()));
    assert_eq!(attr(&res, &d(&suite), "capped"), Some("1".into()));
    // The hours are all counted; the credit stops at 4 hour-equivalents.
    let p = preview(&suite, "alex");
    assert_eq!((p.hours, p.weight), (dec("6"), dec("4")));
    // Another member has a cap of their own.
    let c = work(&suite, 4, "jordan", "food", "4");
    let res = record(&mut suite, c).unwrap();
    assert_eq!(attr(&res, &d(&suite), "capped"), None);
}

#[test]
fn the_registry_factor_of_an_unlisted_category_is_pinned_at_the_first_record() {
    let policy = Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "food".into(),
                factor: dec("2"),
            }],
        },
        ..Policy::default()
    };
    let garden = Category {
        need_factor: dec("3"),
        ..category("garden")
    };
    let mut suite = SuiteBuilder::holon_alpha()
        .with_policy(policy)
        .with_category(garden.clone())
        .build();
    worked(&mut suite, 1, "alex", "garden", "1");
    // The registry changes its factor while the cycle runs: the cycle keeps the first.
    let registry = suite.holon().registry.clone();
    suite
        .execute(
            "governance",
            &registry,
            &RegistryMsg::SetCategory {
                category: Category {
                    need_factor: dec("5"),
                    ..garden
                },
            },
        )
        .unwrap();
    worked(&mut suite, 2, "jordan", "garden", "1");
    worked(&mut suite, 3, "jordan", "food", "1");
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let factors: Vec<_> = cycle(&suite, 1)
        .categories
        .into_iter()
        .map(|c| (c.category, c.factor, c.weight))
        .collect();
    assert_eq!(
        factors,
        vec![
            ("food".to_string(), Some(dec("2")), Some(dec("2"))),
            ("garden".to_string(), Some(dec("3")), Some(dec("6"))),
        ]
    );
}

#[test]
fn only_the_attestation_contract_records() {
    let mut suite = alpha();
    let forged = ExecuteMsg::Record {
        contribution: work(&suite, 1, "alex", "food", "100"),
    };
    for who in ["alex", "governance", "stranger"] {
        refused(&mut suite, ContractError::NotAttestation {}, |s| {
            exec(s, who, &forged)
        });
    }
}

#[test]
fn a_contribution_is_recorded_once() {
    let mut suite = alpha();
    worked(&mut suite, 7, "alex", "food", "1");
    let again = work(&suite, 7, "jordan", "garden", "2");
    refused(&mut suite, ContractError::AlreadyRecorded { id: 7 }, |s| {
        record(s, again)
    });
}

#[test]
fn a_contribution_out_of_bounds_is_refused() {
    let mut suite = alpha();
    let out_of_range = |field: &str, value: &str, min: &str, max: &str| {
        ContractError::Validation(ValidationError::OutOfRange {
            field: field.into(),
            value: value.into(),
            min: min.into(),
            max: max.into(),
        })
    };
    let base = work(&suite, 1, "alex", "food", "2");
    let cases = [
        (
            Contribution {
                category: "Food".into(),
                ..base.clone()
            },
            ContractError::Validation(ValidationError::NotASlug {
                field: "category".into(),
                value: "Food".into(),
                max: 32,
            }),
        ),
        (
            Contribution {
                impact: dec("10.5"),
                ..base.clone()
            },
            out_of_range("impact", "10.5", "0", "10"),
        ),
        (
            Contribution {
                hours: dec("1"),
                credit: dec("744.5"),
                ..base.clone()
            },
            out_of_range("credit", "744.5", "0", "744"),
        ),
        (
            Contribution {
                hours: dec("3"),
                ..base.clone()
            },
            out_of_range("hours", "3", "0", "2"),
        ),
    ];
    for (c, expected) in cases {
        refused(&mut suite, expected, |s| record(s, c));
    }
    let c = Contribution {
        contributor: "Not An Address".into(),
        ..base.clone()
    };
    refused_where(
        &mut suite,
        |e| matches!(e, ContractError::Std(_)),
        |s| record(s, c),
    );
    // Coins sent along are refused.
    let attestation = suite.holon().attestation.clone();
    suite
        .app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: attestation.to_string(),
            amount: coins(10, DENOM),
        }))
        .unwrap();
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| {
            let distributor = d(s);
            s.app.execute_contract(
                attestation,
                distributor,
                &ExecuteMsg::Record { contribution: base },
                &coins(10, DENOM),
            )
        },
    );
    assert_eq!(cycle(&suite, 1).contributors, 0);
}

#[test]
fn a_cycle_takes_at_most_max_cycle_credit() {
    let mut suite = alpha();
    // The cycle already holds all but half an hour-equivalent (written directly: reaching it
    // through records takes ~10¹² members).
    let distributor = d(&suite);
    let almost = MAX_CYCLE_CREDIT.checked_sub(dec("0.5")).unwrap();
    CYCLE_TOTALS
        .save(
            suite.app.contract_storage_mut(&distributor).as_mut(),
            1,
            &CycleTotals {
                hours: Decimal::zero(),
                contributors: 0,
                credit: almost,
            },
        )
        .unwrap();
    let one_hour = work(&suite, 1, "alex", "food", "1");
    refused(
        &mut suite,
        ContractError::CycleCreditFull {
            cycle: 1,
            max: MAX_CYCLE_CREDIT,
        },
        |s| record(s, one_hour),
    );
    // Half an hour fits exactly; then nothing more does.
    worked(&mut suite, 2, "alex", "food", "0.5");
    let more = work(&suite, 3, "jordan", "food", "0.000000000000000001");
    refused(
        &mut suite,
        ContractError::CycleCreditFull {
            cycle: 1,
            max: MAX_CYCLE_CREDIT,
        },
        |s| record(s, more),
    );
    // The next cycle is empty again.
    suite.a_cycle_passes();
    let c = work(&suite, 4, "jordan", "food", "1");
    record(&mut suite, c).unwrap();
}
