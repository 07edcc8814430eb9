use cosmwasm_std::Decimal;
use cw_ownable::OwnershipError;
use flow_types::registry::{ExecuteMsg, NeedStatus};
use flow_types::validate::ValidationError;

use super::suite::{attrs, dec, Suite};
use crate::ContractError;

fn factors(
    id: u64,
    impact: Option<Decimal>,
    unit_credit: Option<Decimal>,
    capacity_building: Option<bool>,
) -> ExecuteMsg {
    ExecuteMsg::SetNeedFactors {
        id,
        impact,
        unit_credit,
        capacity_building,
    }
}

#[test]
fn governance_sets_need_factors() {
    let mut suite = Suite::new();
    let (owner, alice) = (suite.owner.clone(), suite.alice.clone());
    let id = suite.post(&alice, "bread");
    let res = suite
        .execute(&owner, factors(id, Some(dec("4")), None, Some(true)))
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "set_need_factors"),
            ("need_id", "1"),
            ("category", "bread"),
            ("impact", "4"),
            ("unit_credit", "0"),
            ("capacity_building", "true"),
        ]
    );
    let need = suite.need(id);
    assert_eq!(need.impact, dec("4"));
    assert_eq!(need.unit_credit, Decimal::zero());
    assert!(need.capacity_building);

    suite
        .execute(&owner, factors(id, None, Some(dec("0.1")), None))
        .unwrap();
    let need = suite.need(id);
    assert_eq!(need.impact, dec("4"));
    assert_eq!(need.unit_credit, dec("0.1"));
}

#[test]
fn need_factors_are_governance_only_and_bounded() {
    let mut suite = Suite::new();
    let (owner, alice) = (suite.owner.clone(), suite.alice.clone());
    let id = suite.post(&alice, "bread");
    assert_eq!(
        suite.fails(&alice, factors(id, Some(dec("2")), None, None)),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    assert_eq!(
        suite.fails(&owner, factors(id, Some(dec("11")), None, None)),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "impact".to_string(),
            value: "11".to_string(),
            min: "0".to_string(),
            max: "10".to_string(),
        })
    );
    assert_eq!(
        suite.fails(&owner, factors(id, Some(dec("2")), Some(dec("101")), None)),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "unit_credit".to_string(),
            value: "101".to_string(),
            min: "0".to_string(),
            max: "100".to_string(),
        })
    );
    assert_eq!(
        suite.fails(&owner, factors(9, Some(dec("2")), None, None)),
        ContractError::NeedNotFound { id: 9 }
    );
}

#[test]
fn the_poster_or_governance_sets_the_status() {
    let mut suite = Suite::new();
    let (owner, alice, bob) = (suite.owner.clone(), suite.alice.clone(), suite.bob.clone());
    let id = suite.post(&alice, "bread");

    assert_eq!(
        suite.fails(
            &bob,
            ExecuteMsg::SetNeedStatus {
                id,
                status: NeedStatus::Closed
            }
        ),
        ContractError::NotPosterOrOwner { id }
    );

    let res = suite
        .execute(
            &alice,
            ExecuteMsg::SetNeedStatus {
                id,
                status: NeedStatus::Fulfilled,
            },
        )
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "set_need_status"),
            ("need_id", "1"),
            ("category", "bread"),
            ("previous_status", "open"),
            ("status", "fulfilled"),
            ("requesters", "1"),
            ("offers", "0"),
        ]
    );
    assert_eq!(suite.need(id).status, NeedStatus::Fulfilled);

    assert_eq!(
        suite.fails(
            &alice,
            ExecuteMsg::SetNeedStatus {
                id,
                status: NeedStatus::Fulfilled
            }
        ),
        ContractError::StatusUnchanged {
            id,
            status: NeedStatus::Fulfilled
        }
    );

    suite.set_status(&owner, id, NeedStatus::Closed);
    assert_eq!(suite.need(id).status, NeedStatus::Closed);
    suite.set_status(&owner, id, NeedStatus::Open);
    assert_eq!(suite.need(id).status, NeedStatus::Open);

    assert_eq!(
        suite.fails(
            &owner,
            ExecuteMsg::SetNeedStatus {
                id: 2,
                status: NeedStatus::Closed
            }
        ),
        ContractError::NeedNotFound { id: 2 }
    );
}

#[test]
fn a_need_that_is_not_open_takes_no_endorsement_or_offer() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let id = suite.post(&alice, "bread");
    suite.set_status(&alice, id, NeedStatus::Closed);
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::Endorse { id }),
        ContractError::NeedNotOpen {
            id,
            status: NeedStatus::Closed
        }
    );
    suite.set_status(&alice, id, NeedStatus::Fulfilled);
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::Offer { id }),
        ContractError::NeedNotOpen {
            id,
            status: NeedStatus::Fulfilled
        }
    );
}
