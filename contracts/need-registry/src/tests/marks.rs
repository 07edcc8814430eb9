use cosmwasm_std::{Addr, StdError};
use flow_types::registry::{ExecuteMsg, Mark, MarksResponse, MigrateMsg, NeedStatus, QueryMsg};

use super::suite::{attrs, Suite};
use crate::contract::{migrate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::state::{MARKS_INDEXED, OFFERS_BY_MEMBER, REQUESTS_BY_MEMBER};
use crate::ContractError;

fn mark(need_id: u64, requested: bool, offered: bool) -> Mark {
    Mark {
        need_id,
        requested,
        offered,
    }
}

fn marks(suite: &Suite, member: &Addr, start_after: Option<u64>, limit: Option<u32>) -> Vec<Mark> {
    let res: MarksResponse = suite.query(QueryMsg::Marks {
        member: member.to_string(),
        start_after,
        limit,
    });
    assert_eq!(&res.member, member);
    res.marks
}

/// Needs 1..=6 posted by alice (bread, childcare, garden, bread, childcare, garden). Bob
/// endorses 1, 3, 5 and offers 2, 3, 6; carol offers 1; bob posts need 7 (his own request).
fn board() -> Suite {
    let mut suite = Suite::new();
    let (alice, bob, carol) = (suite.alice.clone(), suite.bob.clone(), suite.carol.clone());
    for c in [
        "bread",
        "childcare",
        "garden",
        "bread",
        "childcare",
        "garden",
    ] {
        suite.post(&alice, c);
    }
    for id in [1, 3, 5] {
        suite.endorse(&bob, id);
    }
    for id in [2, 3, 6] {
        suite.offer(&bob, id);
    }
    suite.offer(&carol, 1);
    assert_eq!(suite.post(&bob, "bread"), 7);
    suite
}

#[test]
fn a_member_s_requests_and_offers_in_need_order() {
    let suite = board();
    assert_eq!(
        marks(&suite, &suite.bob, None, None),
        vec![
            mark(1, true, false),
            mark(2, false, true),
            mark(3, true, true),
            mark(5, true, false),
            mark(6, false, true),
            mark(7, true, false),
        ]
    );
    // The poster's post is their request.
    assert_eq!(
        marks(&suite, &suite.alice, None, None),
        (1..=6).map(|id| mark(id, true, false)).collect::<Vec<_>>()
    );
    assert_eq!(
        marks(&suite, &suite.carol, None, None),
        vec![mark(1, false, true)]
    );
    // No marks: an empty page, for a member and for anyone else.
    assert_eq!(marks(&suite, &suite.dave, None, None), vec![]);
    assert_eq!(marks(&suite, &suite.outsider, None, None), vec![]);
}

#[test]
fn marks_paginate_by_need_id_across_both_indexes() {
    let suite = board();
    let bob = suite.bob.clone();
    assert_eq!(
        marks(&suite, &bob, None, Some(2)),
        vec![mark(1, true, false), mark(2, false, true)]
    );
    // A need both requested and offered is one mark, not split across pages.
    assert_eq!(
        marks(&suite, &bob, Some(2), Some(2)),
        vec![mark(3, true, true), mark(5, true, false)]
    );
    // start_after need 4, which bob did not mark.
    assert_eq!(
        marks(&suite, &bob, Some(4), Some(2)),
        vec![mark(5, true, false), mark(6, false, true)]
    );
    assert_eq!(
        marks(&suite, &bob, Some(6), Some(2)),
        vec![mark(7, true, false)]
    );
    assert_eq!(marks(&suite, &bob, Some(7), Some(2)), vec![]);
    assert_eq!(marks(&suite, &bob, Some(1_000), None), vec![]);
    // A zero limit is clamped to one, the default is 10, the most is 100.
    assert_eq!(
        marks(&suite, &bob, None, Some(0)),
        vec![mark(1, true, false)]
    );
}

#[test]
fn marks_pages_hold_at_most_100_and_default_to_10() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    for _ in 0..120 {
        let id = suite.post(&alice, "bread");
        // Bob requests the odd needs and offers toward every third.
        if !id.is_multiple_of(2) {
            suite.endorse(&bob, id);
        }
        if id.is_multiple_of(3) {
            suite.offer(&bob, id);
        }
    }
    let ids = |marks: &[Mark]| marks.iter().map(|m| m.need_id).collect::<Vec<_>>();
    let marked: Vec<u64> = (1..=120u64)
        .filter(|id| !id.is_multiple_of(2) || id.is_multiple_of(3))
        .collect();
    assert_eq!(marked.len(), 80);
    assert_eq!(ids(&marks(&suite, &bob, None, None)), marked[..10]);
    assert_eq!(
        ids(&marks(&suite, &alice, None, Some(500))),
        (1..=100).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(&marks(&suite, &alice, Some(100), Some(500))),
        (101..=120).collect::<Vec<_>>()
    );
    let all = marks(&suite, &bob, None, Some(100));
    assert_eq!(ids(&all), marked);
    assert_eq!(all[1], mark(3, true, true));
    assert_eq!(all[2], mark(5, true, false));
    assert_eq!(all[3], mark(6, false, true));
    assert_eq!(all[79], mark(120, false, true));
}

#[test]
fn withdrawing_unmarks_and_a_closed_need_keeps_its_marks() {
    let mut suite = board();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: 3 })
        .unwrap();
    suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id: 6 })
        .unwrap();
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: 1 })
        .unwrap();
    assert_eq!(
        marks(&suite, &bob, None, None),
        vec![
            mark(2, false, true),
            mark(3, false, true),
            mark(5, true, false),
            mark(7, true, false),
        ]
    );
    // Closing or fulfilling a need keeps its requests and offers (they count again when it
    // is re-opened), so the marks stay: the board shows only open needs.
    suite.set_status(&alice, 5, NeedStatus::Closed);
    suite.set_status(&alice, 2, NeedStatus::Fulfilled);
    assert_eq!(
        marks(&suite, &bob, None, None),
        vec![
            mark(2, false, true),
            mark(3, false, true),
            mark(5, true, false),
            mark(7, true, false),
        ]
    );
    // Withdrawing from a closed need unmarks it too.
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: 5 })
        .unwrap();
    suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id: 2 })
        .unwrap();
    assert_eq!(
        marks(&suite, &bob, None, None),
        vec![mark(3, false, true), mark(7, true, false)]
    );
    // Marking again after a withdrawal.
    suite.endorse(&bob, 3);
    assert_eq!(
        marks(&suite, &bob, None, None),
        vec![mark(3, true, true), mark(7, true, false)]
    );
}

#[test]
fn governance_posting_without_membership_marks_nothing() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    assert_eq!(suite.post(&owner, "bread"), 1);
    assert_eq!(suite.need(1).requesters, 0);
    assert_eq!(marks(&suite, &owner, None, None), vec![]);
}

#[test]
fn refused_marks_leave_no_mark() {
    let mut suite = board();
    let (carol, outsider) = (suite.carol.clone(), suite.outsider.clone());
    suite.fails(&outsider, ExecuteMsg::Endorse { id: 1 });
    suite.fails(&outsider, ExecuteMsg::Offer { id: 1 });
    suite.fails(&carol, ExecuteMsg::Offer { id: 1 });
    suite.fails(&carol, ExecuteMsg::WithdrawEndorsement { id: 1 });
    assert_eq!(marks(&suite, &outsider, None, None), vec![]);
    assert_eq!(
        marks(&suite, &carol, None, None),
        vec![mark(1, false, true)]
    );
}

#[test]
fn an_invalid_member_address_is_refused() {
    let suite = board();
    for member in ["", "not-an-address", &suite.bob.to_string().to_uppercase()] {
        let err = suite
            .try_query::<MarksResponse>(QueryMsg::Marks {
                member: member.to_string(),
                start_after: None,
                limit: None,
            })
            .unwrap_err();
        assert!(
            matches!(err, ContractError::Std(StdError::GenericErr { .. })),
            "{member}: {err:?}"
        );
    }
}

#[test]
fn migrating_a_registry_without_the_indexes_builds_them() {
    let mut suite = board();
    let bob = suite.bob.clone();
    let before = marks(&suite, &bob, None, None);
    // A registry of an older version: the per-need sets without the (member, need) indexes.
    let keys = |suite: &Suite| -> Vec<(Addr, u64)> {
        let storage = &suite.deps.storage;
        let mut keys: Vec<(Addr, u64)> = REQUESTS_BY_MEMBER
            .keys(storage, None, None, cosmwasm_std::Order::Ascending)
            .chain(OFFERS_BY_MEMBER.keys(storage, None, None, cosmwasm_std::Order::Ascending))
            .map(|k| k.unwrap())
            .collect();
        keys.sort();
        keys
    };
    let indexed = keys(&suite);
    assert_eq!(indexed.len(), 14);
    for (member, id) in &indexed {
        REQUESTS_BY_MEMBER.remove(&mut suite.deps.storage, (member, *id));
        OFFERS_BY_MEMBER.remove(&mut suite.deps.storage, (member, *id));
    }
    MARKS_INDEXED.remove(&mut suite.deps.storage);
    assert_eq!(marks(&suite, &bob, None, None), vec![]);
    cw2::set_contract_version(&mut suite.deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    let res = migrate(suite.deps.as_mut(), suite.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "migrate"),
            ("contract", "crates.io:need-registry"),
            ("version", CONTRACT_VERSION),
            ("marks_indexed", "14"),
        ]
    );
    assert_eq!(keys(&suite), indexed);
    assert_eq!(marks(&suite, &bob, None, None), before);
    // A later migration finds them built and walks nothing.
    cw2::set_contract_version(&mut suite.deps.storage, CONTRACT_NAME, "0.0.2").unwrap();
    let res = migrate(suite.deps.as_mut(), suite.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(attrs(&res)[3], ("marks_indexed", "0"));
}
