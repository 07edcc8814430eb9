//! `set_policy`: governance sets the policy of the next cycle on.

use cosmwasm_std::{coins, Decimal};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::{
    CategoryFactor, CycleResponse, ExecuteMsg, Model, Policy, PolicyResponse, PolicyScheduleEntry,
    QueryMsg, Scarcity,
};
use flow_types::validate::ValidationError;

use crate::suite::*;

fn set(policy: &Policy) -> ExecuteMsg {
    ExecuteMsg::SetPolicy {
        policy: policy.clone(),
    }
}

fn policy(suite: &Suite, version: Option<u32>) -> PolicyResponse {
    q(suite, &QueryMsg::Policy { version })
}

fn entry(from_cycle: u64, version: u32) -> PolicyScheduleEntry {
    PolicyScheduleEntry {
        from_cycle,
        version,
    }
}

fn need(factor: &str) -> Policy {
    Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "food".into(),
                factor: dec(factor),
            }],
        },
        ..Policy::default()
    }
}

#[test]
fn a_new_policy_applies_from_the_next_cycle() {
    let mut suite = alpha();
    let res = exec(&mut suite, "governance", &set(&need("2"))).unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "set_policy"),
            ("version", "2"),
            ("from_cycle", "2")
        ])
    );
    // Version 1 is still in force; version 2 is stored and scheduled.
    let now = policy(&suite, None);
    assert_eq!((now.version, &now.policy), (1, &Policy::default()));
    assert_eq!(now.schedule, vec![entry(1, 1), entry(2, 2)]);
    assert_eq!(policy(&suite, Some(2)).policy, need("2"));
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    assert_eq!((c.policy_version, c.model), (1, Model::Time));

    suite.a_cycle_passes();
    assert_eq!(policy(&suite, None).version, 2);
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 2 });
    assert_eq!((c.policy_version, c.model), (2, Model::Need));
}

#[test]
fn a_second_change_in_the_same_cycle_replaces_the_first() {
    let mut suite = alpha();
    exec(&mut suite, "governance", &set(&need("2"))).unwrap();
    let res = exec(&mut suite, "governance", &set(&need("3"))).unwrap();
    assert_eq!(attr(&res, &d(&suite), "version"), Some("3".into()));
    // Version 2 stays on record, but cycle 2 on takes version 3.
    let p = policy(&suite, None);
    assert_eq!(p.schedule, vec![entry(1, 1), entry(2, 3)]);
    assert_eq!(policy(&suite, Some(2)).policy, need("2"));
    suite.a_cycle_passes();
    assert_eq!(policy(&suite, None).policy, need("3"));
}

#[test]
fn only_governance_sets_the_policy() {
    let mut suite = alpha();
    for who in ["alex", "stranger"] {
        refused(
            &mut suite,
            ContractError::Ownership(OwnershipError::NotOwner),
            |s| exec(s, who, &set(&need("2"))),
        );
    }
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "governance", &set(&need("2")), &coins(1, DENOM)),
    );
}

#[test]
fn a_policy_out_of_bounds_is_refused() {
    let mut suite = alpha();
    let out_of_range = |field: &str, value: &str, min: &str, max: &str| {
        ContractError::Validation(ValidationError::OutOfRange {
            field: field.into(),
            value: value.into(),
            min: min.into(),
            max: max.into(),
        })
    };
    let d = Policy::default;
    let factor = |category: &str, factor: &str| CategoryFactor {
        category: category.into(),
        factor: dec(factor),
    };
    let fixed = |factors: Vec<CategoryFactor>| Policy {
        scarcity: Scarcity::Fixed { factors },
        ..d()
    };
    let cases = vec![
        (
            Policy {
                capacity_bonus: dec("10.5"),
                ..d()
            },
            out_of_range("policy.capacity_bonus", "10.5", "0", "10"),
        ),
        (
            Policy {
                reserve: Decimal::one(),
                ..d()
            },
            out_of_range("policy.reserve", "1", "0", "less than 1"),
        ),
        (
            Policy {
                baseline: dec("1.01"),
                ..d()
            },
            out_of_range("policy.baseline", "1.01", "0", "1"),
        ),
        (
            Policy {
                max_credit_per_member: Some(Decimal::zero()),
                ..d()
            },
            out_of_range(
                "policy.max_credit_per_member",
                "0",
                "0.000000000000000001",
                "1000000",
            ),
        ),
        (
            Policy {
                max_credit_per_member: Some(dec("1000001")),
                ..d()
            },
            out_of_range(
                "policy.max_credit_per_member",
                "1000001",
                "0.000000000000000001",
                "1000000",
            ),
        ),
        (
            fixed(vec![factor("Food", "1")]),
            ContractError::Validation(ValidationError::NotASlug {
                field: "policy.scarcity.factors.category".into(),
                value: "Food".into(),
                max: 32,
            }),
        ),
        (
            fixed(vec![factor("food", "101")]),
            out_of_range("policy.scarcity.factors.factor", "101", "0", "100"),
        ),
        (
            fixed(vec![factor("food", "1"), factor("food", "2")]),
            out_of_range(
                "policy.scarcity.factors",
                "food listed twice",
                "each category",
                "once",
            ),
        ),
        (
            fixed((0..65).map(|i| factor(&format!("c{i}"), "1")).collect()),
            out_of_range("policy.scarcity.factors (count)", "65", "0", "64"),
        ),
        (
            Policy {
                scarcity: Scarcity::Auto {
                    min: dec("2"),
                    max: dec("1"),
                },
                ..d()
            },
            out_of_range("policy.scarcity.max", "1", "2", "100"),
        ),
        (
            Policy {
                scarcity: Scarcity::Auto {
                    min: dec("0"),
                    max: dec("100.5"),
                },
                ..d()
            },
            out_of_range("policy.scarcity.max", "100.5", "0", "100"),
        ),
    ];
    for (bad, expected) in cases {
        refused(&mut suite, expected, |s| exec(s, "governance", &set(&bad)));
    }
    assert_eq!(policy(&suite, None).schedule, vec![entry(1, 1)]);
}
