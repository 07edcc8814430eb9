use cosmwasm_std::coins;
use cw_utils::PaymentError;
use flow_types::registry::{ExecuteMsg, QueryMsg, RequestersResponse};

use super::suite::{attrs, Suite};
use crate::ContractError;

#[test]
fn a_member_endorses_and_withdraws() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let id = suite.post(&alice, "childcare");

    let res = suite.execute(&bob, ExecuteMsg::Endorse { id }).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "endorse"),
            ("need_id", "1"),
            ("category", "childcare"),
            ("member", bob.as_str()),
            ("requesters", "2"),
        ]
    );
    assert_eq!(suite.need(id).requesters, 2);
    assert_eq!(suite.demand_of("childcare"), (2, 0, 1));
    let list: RequestersResponse = suite.query(QueryMsg::Requesters {
        need_id: id,
        start_after: None,
        limit: None,
    });
    let mut expected = vec![alice.clone(), bob.clone()];
    expected.sort();
    assert_eq!(list.need_id, id);
    assert_eq!(list.members, expected);

    let res = suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id })
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "withdraw_endorsement"),
            ("need_id", "1"),
            ("category", "childcare"),
            ("member", bob.as_str()),
            ("requesters", "1"),
        ]
    );
    assert_eq!(suite.need(id).requesters, 1);
    assert_eq!(suite.demand_of("childcare"), (1, 0, 1));

    // bob may endorse again.
    suite.endorse(&bob, id);
    assert_eq!(suite.need(id).requesters, 2);
}

#[test]
fn endorsing_twice_or_ones_own_need_is_refused() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let id = suite.post(&alice, "childcare");
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::Endorse { id }),
        ContractError::AlreadyRequested {
            id,
            address: alice.to_string()
        }
    );
    suite.endorse(&bob, id);
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::Endorse { id }),
        ContractError::AlreadyRequested {
            id,
            address: bob.to_string()
        }
    );
}

#[test]
fn non_members_and_missing_needs() {
    let mut suite = Suite::new();
    let (alice, outsider) = (suite.alice.clone(), suite.outsider.clone());
    let id = suite.post(&alice, "childcare");
    assert_eq!(
        suite.fails(&outsider, ExecuteMsg::Endorse { id }),
        ContractError::NotAMember {
            address: outsider.to_string()
        }
    );
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::Endorse { id: 7 }),
        ContractError::NeedNotFound { id: 7 }
    );
    assert_eq!(
        suite.fails_with_funds(&alice, ExecuteMsg::Endorse { id }, &coins(1, "ujuno")),
        ContractError::Payment(PaymentError::NonPayable {})
    );
}

#[test]
fn withdrawal_rules() {
    let mut suite = Suite::new();
    let (alice, bob, group) = (suite.alice.clone(), suite.bob.clone(), suite.group.clone());
    let id = suite.post(&alice, "childcare");
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::WithdrawEndorsement { id }),
        ContractError::PosterCannotWithdraw { id }
    );
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::WithdrawEndorsement { id }),
        ContractError::NotRequested {
            id,
            address: bob.to_string()
        }
    );
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::WithdrawEndorsement { id: 3 }),
        ContractError::NeedNotFound { id: 3 }
    );
    // A member who left the group may still withdraw.
    suite.endorse(&bob, id);
    suite.set_weight(&group, &bob, 0);
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id })
        .unwrap();
    assert_eq!(suite.demand_of("childcare"), (1, 0, 1));
}

#[test]
fn requesters_per_need_are_bounded() {
    let mut suite = Suite::with(|m| m.max_requesters_per_need = Some(3));
    let (alice, bob, carol, dave) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.carol.clone(),
        suite.dave.clone(),
    );
    let id = suite.post(&alice, "garden");
    suite.endorse(&bob, id);
    suite.endorse(&carol, id);
    // The poster counts: alice, bob, carol make 3.
    assert_eq!(
        suite.fails(&dave, ExecuteMsg::Endorse { id }),
        ContractError::TooManyRequesters { max: 3 }
    );
    suite
        .execute(&carol, ExecuteMsg::WithdrawEndorsement { id })
        .unwrap();
    suite.endorse(&dave, id);
    assert_eq!(suite.need(id).requesters, 3);
    assert_eq!(suite.demand_of("garden"), (3, 0, 1));
}
