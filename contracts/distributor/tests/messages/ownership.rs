//! `update_ownership` (cw-ownable): governance hands the holon to a new governance in two
//! steps, or renounces it.

use cosmwasm_std::{coins, Addr};
use cw_ownable::{Action, Ownership, OwnershipError};
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::{ExecuteMsg, Policy, QueryMsg};

use crate::suite::*;

fn ownership(suite: &Suite) -> Ownership<Addr> {
    q(suite, &QueryMsg::Ownership {})
}

fn transfer(suite: &Suite, to: &str) -> ExecuteMsg {
    ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
        new_owner: suite.addr(to).to_string(),
        expiry: None,
    })
}

fn set_policy() -> ExecuteMsg {
    ExecuteMsg::SetPolicy {
        policy: Policy::default(),
    }
}

#[test]
fn governance_hands_over_in_two_steps() {
    let mut suite = alpha();
    let (gov, council) = (suite.governance.clone(), suite.addr("casey"));
    let msg = transfer(&suite, "casey");
    let res = exec(&mut suite, "governance", &msg).unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "update_ownership"),
            ("owner", gov.as_str()),
            ("pending_owner", council.as_str()),
            ("pending_expiry", "none"),
        ])
    );
    // Until accepted, governance is still the owner.
    exec(&mut suite, "governance", &set_policy()).unwrap();
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotPendingOwner),
        |s| {
            exec(
                s,
                "stranger",
                &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
            )
        },
    );
    let res = exec(
        &mut suite,
        "casey",
        &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
    )
    .unwrap();
    assert_eq!(attr(&res, &d(&suite), "owner"), Some(council.to_string()));
    assert_eq!(
        ownership(&suite),
        Ownership {
            owner: Some(council),
            pending_owner: None,
            pending_expiry: None,
        }
    );
    // The governance messages follow the owner.
    exec(&mut suite, "casey", &set_policy()).unwrap();
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "governance", &set_policy()),
    );
}

#[test]
fn only_the_owner_transfers_and_a_renounced_holon_has_no_governance() {
    let mut suite = alpha();
    let msg = transfer(&suite, "stranger");
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "stranger", &msg),
    );
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::TransferNotFound),
        |s| {
            exec(
                s,
                "casey",
                &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
            )
        },
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "governance", &msg, &coins(1, DENOM)),
    );
    exec(
        &mut suite,
        "governance",
        &ExecuteMsg::UpdateOwnership(Action::RenounceOwnership),
    )
    .unwrap();
    assert_eq!(ownership(&suite).owner, None);
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NoOwner),
        |s| exec(s, "governance", &set_policy()),
    );
}
