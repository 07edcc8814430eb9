use cosmwasm_std::{Addr, StdError};
use flow_types::registry::{
    NeedResponse, NeedStatus, NeedsResponse, OffersResponse, QueryMsg, RequestersResponse,
};

use super::suite::Suite;
use crate::ContractError;

/// Needs 1..=7: bread 1, 4, 7; childcare 2, 5; garden 3, 6. Need 4 closed, 5 fulfilled.
fn seven_needs() -> Suite {
    let mut suite = Suite::new();
    let alice = suite.alice.clone();
    for c in [
        "bread",
        "childcare",
        "garden",
        "bread",
        "childcare",
        "garden",
        "bread",
    ] {
        suite.post(&alice, c);
    }
    suite.set_status(&alice, 4, NeedStatus::Closed);
    suite.set_status(&alice, 5, NeedStatus::Fulfilled);
    suite
}

#[test]
fn needs_paginate_by_id() {
    let suite = seven_needs();
    assert_eq!(
        suite.need_ids(None, None, None, None),
        vec![1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(suite.need_ids(None, None, None, Some(3)), vec![1, 2, 3]);
    assert_eq!(suite.need_ids(None, None, Some(3), Some(3)), vec![4, 5, 6]);
    assert_eq!(suite.need_ids(None, None, Some(6), Some(3)), vec![7]);
    assert_eq!(
        suite.need_ids(None, None, Some(7), Some(3)),
        Vec::<u64>::new()
    );
    // A zero limit is clamped to one.
    assert_eq!(suite.need_ids(None, None, None, Some(0)), vec![1]);
}

#[test]
fn needs_filter_by_category_and_status() {
    let suite = seven_needs();
    assert_eq!(
        suite.need_ids(Some("bread"), None, None, None),
        vec![1, 4, 7]
    );
    assert_eq!(
        suite.need_ids(Some("bread"), None, Some(1), Some(1)),
        vec![4]
    );
    assert_eq!(
        suite.need_ids(None, Some(NeedStatus::Open), None, None),
        vec![1, 2, 3, 6, 7]
    );
    assert_eq!(
        suite.need_ids(None, Some(NeedStatus::Open), Some(3), Some(2)),
        vec![6, 7]
    );
    assert_eq!(
        suite.need_ids(None, Some(NeedStatus::Closed), None, None),
        vec![4]
    );
    assert_eq!(
        suite.need_ids(None, Some(NeedStatus::Fulfilled), None, None),
        vec![5]
    );
    assert_eq!(
        suite.need_ids(Some("bread"), Some(NeedStatus::Open), None, None),
        vec![1, 7]
    );
    assert_eq!(
        suite.need_ids(Some("bread"), Some(NeedStatus::Open), Some(1), None),
        vec![7]
    );
    assert_eq!(
        suite.need_ids(Some("childcare"), Some(NeedStatus::Open), None, None),
        vec![2]
    );
    assert_eq!(
        suite.need_ids(Some("childcare"), Some(NeedStatus::Closed), None, None),
        Vec::<u64>::new()
    );
    assert_eq!(
        suite.need_ids(Some("solar"), None, None, None),
        Vec::<u64>::new()
    );

    // The full records come back, not just ids.
    let page: NeedsResponse = suite.query(QueryMsg::Needs {
        category: Some("childcare".to_string()),
        status: Some(NeedStatus::Fulfilled),
        start_after: None,
        limit: None,
    });
    assert_eq!(page.needs, vec![suite.need(5)]);
    assert_eq!(page.needs[0].status, NeedStatus::Fulfilled);
}

#[test]
fn status_indexes_follow_changes() {
    let mut suite = seven_needs();
    let alice = suite.alice.clone();
    suite.set_status(&alice, 4, NeedStatus::Open);
    suite.set_status(&alice, 1, NeedStatus::Closed);
    assert_eq!(
        suite.need_ids(Some("bread"), Some(NeedStatus::Open), None, None),
        vec![4, 7]
    );
    assert_eq!(
        suite.need_ids(None, Some(NeedStatus::Closed), None, None),
        vec![1]
    );
}

#[test]
fn need_not_found() {
    let suite = Suite::new();
    assert_eq!(
        suite
            .try_query::<NeedResponse>(QueryMsg::Need { id: 1 })
            .unwrap_err(),
        ContractError::NeedNotFound { id: 1 }
    );
    assert_eq!(
        suite
            .try_query::<OffersResponse>(QueryMsg::Offers {
                need_id: 1,
                start_after: None,
                limit: None
            })
            .unwrap_err(),
        ContractError::NeedNotFound { id: 1 }
    );
}

#[test]
fn requesters_and_offers_paginate_by_address() {
    let mut suite = Suite::new();
    let (alice, bob, carol, dave) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.carol.clone(),
        suite.dave.clone(),
    );
    let id = suite.post(&alice, "garden");
    for m in [&bob, &carol, &dave] {
        suite.endorse(m, id);
        suite.offer(m, id);
    }
    let mut requesters = vec![alice.clone(), bob.clone(), carol.clone(), dave.clone()];
    requesters.sort();
    let mut offerers = vec![bob, carol, dave];
    offerers.sort();

    let page = |start_after: Option<&Addr>, limit| -> Vec<Addr> {
        suite
            .query::<RequestersResponse>(QueryMsg::Requesters {
                need_id: id,
                start_after: start_after.map(|a| a.to_string()),
                limit,
            })
            .members
    };
    assert_eq!(page(None, None), requesters);
    assert_eq!(page(None, Some(2)), requesters[..2].to_vec());
    assert_eq!(
        page(Some(&requesters[1]), Some(2)),
        requesters[2..].to_vec()
    );
    assert_eq!(page(Some(&requesters[3]), Some(2)), Vec::<Addr>::new());

    let offers = |start_after: Option<&Addr>, limit| -> Vec<Addr> {
        suite
            .query::<OffersResponse>(QueryMsg::Offers {
                need_id: id,
                start_after: start_after.map(|a| a.to_string()),
                limit,
            })
            .members
    };
    assert_eq!(offers(None, None), offerers);
    assert_eq!(offers(Some(&offerers[0]), Some(1)), offerers[1..2].to_vec());

    // start_after must be an address.
    let err = suite
        .try_query::<RequestersResponse>(QueryMsg::Requesters {
            need_id: id,
            start_after: Some("nobody".to_string()),
            limit: None,
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::Std(StdError::generic_err("Error decoding bech32"))
    );
}

#[test]
fn a_category_that_is_not_a_slug_is_refused_before_it_becomes_a_key() {
    let suite = Suite::new();
    let huge = "a".repeat(70_000);
    let err = crate::query::query_needs(suite.deps.as_ref(), Some(huge.clone()), None, None, None)
        .unwrap_err();
    assert!(err.to_string().contains("category must be a slug"), "{err}");
    assert!(crate::query::query_category(suite.deps.as_ref(), huge).is_err());
    assert!(
        crate::query::query_needs(suite.deps.as_ref(), Some("Food".into()), None, None, None)
            .is_err()
    );
}
