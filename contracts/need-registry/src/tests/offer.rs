use cosmwasm_std::coins;
use cw_utils::PaymentError;
use flow_types::registry::{ExecuteMsg, OffersResponse, QueryMsg};

use super::suite::{attrs, Suite};
use crate::ContractError;

fn offers(suite: &Suite, id: u64) -> OffersResponse {
    suite.query(QueryMsg::Offers {
        need_id: id,
        start_after: None,
        limit: None,
    })
}

#[test]
fn a_member_offers_and_withdraws() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let id = suite.post(&alice, "bread");
    let res = suite.execute(&bob, ExecuteMsg::Offer { id }).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "offer"),
            ("need_id", "1"),
            ("category", "bread"),
            ("member", bob.as_str()),
            ("offers", "1"),
        ]
    );
    assert_eq!(suite.need(id).offers, 1);
    assert_eq!(suite.need(id).requesters, 1);
    assert_eq!(suite.demand_of("bread"), (1, 1, 1));
    let list = offers(&suite, id);
    assert_eq!(list.need_id, id);
    assert_eq!(list.members, vec![bob.clone()]);

    let res = suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id })
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "withdraw_offer"),
            ("need_id", "1"),
            ("category", "bread"),
            ("member", bob.as_str()),
            ("offers", "0"),
        ]
    );
    assert_eq!(suite.need(id).offers, 0);
    assert_eq!(suite.demand_of("bread"), (1, 0, 1));
    assert_eq!(offers(&suite, id).members, Vec::<cosmwasm_std::Addr>::new());
}

#[test]
fn one_provider_across_needs_counts_once() {
    let mut suite = Suite::new();
    let (alice, bob, carol) = (suite.alice.clone(), suite.bob.clone(), suite.carol.clone());
    let n1 = suite.post(&alice, "bread");
    let n2 = suite.post(&carol, "bread");
    suite.offer(&bob, n1);
    suite.offer(&bob, n2);
    assert_eq!(suite.demand_of("bread"), (2, 1, 2));
    // The poster may offer toward its own need too.
    suite.offer(&alice, n1);
    assert_eq!(suite.demand_of("bread"), (2, 2, 2));
    suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id: n1 })
        .unwrap();
    assert_eq!(suite.demand_of("bread"), (2, 2, 2));
    suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id: n2 })
        .unwrap();
    assert_eq!(suite.demand_of("bread"), (2, 1, 2));
}

#[test]
fn offer_errors() {
    let mut suite = Suite::new();
    let (alice, bob, outsider) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.outsider.clone(),
    );
    let id = suite.post(&alice, "bread");
    suite.offer(&bob, id);
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::Offer { id }),
        ContractError::AlreadyOffered {
            id,
            address: bob.to_string()
        }
    );
    assert_eq!(
        suite.fails(&outsider, ExecuteMsg::Offer { id }),
        ContractError::NotAMember {
            address: outsider.to_string()
        }
    );
    assert_eq!(
        suite.fails(&bob, ExecuteMsg::Offer { id: 5 }),
        ContractError::NeedNotFound { id: 5 }
    );
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::WithdrawOffer { id }),
        ContractError::NotOffered {
            id,
            address: alice.to_string()
        }
    );
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::WithdrawOffer { id: 5 }),
        ContractError::NeedNotFound { id: 5 }
    );
    assert_eq!(
        suite.fails_with_funds(&alice, ExecuteMsg::Offer { id }, &coins(1, "ujuno")),
        ContractError::Payment(PaymentError::NonPayable {})
    );
}

#[test]
fn offers_per_need_are_bounded() {
    let mut suite = Suite::with(|m| m.max_requesters_per_need = Some(2));
    let (alice, bob, carol) = (suite.alice.clone(), suite.bob.clone(), suite.carol.clone());
    let id = suite.post(&alice, "bread");
    suite.offer(&alice, id);
    suite.offer(&bob, id);
    assert_eq!(
        suite.fails(&carol, ExecuteMsg::Offer { id }),
        ContractError::TooManyOffers { max: 2 }
    );
    assert_eq!(suite.need(id).offers, 2);
}
