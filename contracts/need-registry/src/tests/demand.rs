//! The demand counts: distinct members per category, kept in O(1) per action.

use flow_types::registry::{CategoryDemand, ExecuteMsg, NeedStatus};

use super::suite::Suite;

#[test]
fn one_member_endorsing_two_needs_of_a_category_counts_once() {
    let mut suite = Suite::new();
    let (alice, bob, carol) = (suite.alice.clone(), suite.bob.clone(), suite.carol.clone());
    let n1 = suite.post(&alice, "childcare");
    let n2 = suite.post(&carol, "childcare");
    assert_eq!(suite.demand_of("childcare"), (2, 0, 2));

    suite.endorse(&bob, n1);
    suite.endorse(&bob, n2);
    // alice, carol, bob.
    assert_eq!(suite.demand_of("childcare"), (3, 0, 2));
    // alice endorses carol's need: she already counts.
    suite.endorse(&alice, n2);
    assert_eq!(suite.demand_of("childcare"), (3, 0, 2));
    assert_eq!(suite.need(n2).requesters, 3);

    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: n1 })
        .unwrap();
    assert_eq!(suite.demand_of("childcare"), (3, 0, 2));
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: n2 })
        .unwrap();
    assert_eq!(suite.demand_of("childcare"), (2, 0, 2));

    // Other categories are untouched.
    assert_eq!(suite.demand_of("garden"), (0, 0, 0));
    assert_eq!(suite.demand_of("bread"), (0, 0, 0));
}

#[test]
fn closing_a_need_lowers_demand_and_reopening_restores_it() {
    let mut suite = Suite::new();
    let (alice, bob, carol, dave) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.carol.clone(),
        suite.dave.clone(),
    );
    let n1 = suite.post(&alice, "garden");
    let n2 = suite.post(&bob, "garden");
    suite.endorse(&carol, n1);
    suite.endorse(&bob, n1);
    suite.offer(&dave, n1);
    suite.offer(&carol, n1);
    suite.offer(&dave, n2);
    // Requesters alice, bob, carol; providers dave, carol.
    assert_eq!(suite.demand_of("garden"), (3, 2, 2));

    suite.set_status(&alice, n1, NeedStatus::Closed);
    // Only n2 is open: bob requests it, dave offers.
    assert_eq!(suite.demand_of("garden"), (1, 1, 1));
    // The need keeps its lists.
    let need = suite.need(n1);
    assert_eq!((need.requesters, need.offers), (3, 2));

    // Closed → fulfilled changes nothing.
    suite.set_status(&alice, n1, NeedStatus::Fulfilled);
    assert_eq!(suite.demand_of("garden"), (1, 1, 1));

    suite.set_status(&alice, n1, NeedStatus::Open);
    assert_eq!(suite.demand_of("garden"), (3, 2, 2));

    suite.set_status(&bob, n2, NeedStatus::Fulfilled);
    assert_eq!(suite.demand_of("garden"), (3, 2, 1));
    suite.set_status(&alice, n1, NeedStatus::Closed);
    assert_eq!(suite.demand_of("garden"), (0, 0, 0));
}

#[test]
fn withdrawing_from_a_closed_need_is_not_counted_twice() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let n1 = suite.post(&alice, "bread");
    let n2 = suite.post(&alice, "bread");
    suite.endorse(&bob, n1);
    suite.offer(&bob, n1);
    suite.endorse(&bob, n2);
    assert_eq!(suite.demand_of("bread"), (2, 1, 2));

    suite.set_status(&alice, n1, NeedStatus::Closed);
    assert_eq!(suite.demand_of("bread"), (2, 0, 1));
    suite
        .execute(&bob, ExecuteMsg::WithdrawEndorsement { id: n1 })
        .unwrap();
    suite
        .execute(&bob, ExecuteMsg::WithdrawOffer { id: n1 })
        .unwrap();
    // bob still requests n2.
    assert_eq!(suite.demand_of("bread"), (2, 0, 1));

    suite.set_status(&alice, n1, NeedStatus::Open);
    assert_eq!(suite.demand_of("bread"), (2, 0, 2));
    let need = suite.need(n1);
    assert_eq!((need.requesters, need.offers), (1, 0));

    suite.set_status(&alice, n2, NeedStatus::Closed);
    // Only n1 (alice) is open.
    assert_eq!(suite.demand_of("bread"), (1, 0, 1));
}

#[test]
fn demand_lists_every_category_in_id_order() {
    let mut suite = Suite::new();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let n = suite.post(&alice, "garden");
    suite.offer(&bob, n);
    assert_eq!(
        suite.demand(),
        vec![
            CategoryDemand {
                category: "bread".to_string(),
                requesters: 0,
                providers: 0,
                open_needs: 0,
            },
            CategoryDemand {
                category: "childcare".to_string(),
                requesters: 0,
                providers: 0,
                open_needs: 0,
            },
            CategoryDemand {
                category: "garden".to_string(),
                requesters: 1,
                providers: 1,
                open_needs: 1,
            },
        ]
    );
}

#[test]
fn closing_walks_a_full_need() {
    let mut suite = Suite::with(|m| m.max_requesters_per_need = Some(200));
    let (alice, group) = (suite.alice.clone(), suite.group.clone());
    let id = suite.post(&alice, "bread");
    let members: Vec<_> = (0..199)
        .map(|i| suite.api.addr_make(&format!("member{i}")))
        .collect();
    for m in &members {
        suite.set_weight(&group, m, 1);
        suite.endorse(m, id);
        suite.offer(m, id);
    }
    suite.offer(&alice, id);
    assert_eq!(suite.demand_of("bread"), (200, 200, 1));
    suite.set_status(&alice, id, NeedStatus::Closed);
    assert_eq!(suite.demand_of("bread"), (0, 0, 0));
    suite.set_status(&alice, id, NeedStatus::Open);
    assert_eq!(suite.demand_of("bread"), (200, 200, 1));
}
