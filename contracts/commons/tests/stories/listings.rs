//! Listing: governance lists resources, members list offers, categories are the registry's;
//! the listings query pages by category and by provider.

use commons::ContractError;
use cosmwasm_std::{Decimal, Uint128};
use flow_testing::suite::assert_error;
use flow_types::commons::{
    Bounds, ConfigResponse, ExecuteMsg, ListingKind, ListingStatus, QueryMsg, RefundRule, Unit,
};
use flow_types::validate::ValidationError;

use crate::market::*;

#[test]
fn governance_lists_resources_and_members_list_offers() {
    let mut m = after_cycle_one();
    let tools = m.list("governance", tool_library()).unwrap();
    let care = m.list("alex", childcare()).unwrap();
    let l = m.listing(tools);
    assert_eq!(
        (l.kind, l.unit, l.price.u128(), l.status),
        (
            ListingKind::Resource,
            Unit::Day,
            TOOLS_PER_DAY,
            ListingStatus::Active
        )
    );
    assert_eq!(l.provider, m.suite.governance);
    assert_eq!(m.listing(care).provider, m.suite.addr("alex"));

    // A member cannot list a holon resource; a stranger cannot list an offer.
    assert!(m.list("alex", tool_library()).is_err());
    let stranger = m.suite.addr("stranger").to_string();
    assert_error(
        m.list("stranger", childcare()),
        ContractError::NotAMember { address: stranger },
    );
    // The registry has no "spaceships".
    let mut ship = childcare();
    ship.category = "spaceships".into();
    assert_error(
        m.list("alex", ship),
        ContractError::UnknownCategory {
            id: "spaceships".into(),
        },
    );
    let c: ConfigResponse = m.q(&QueryMsg::Config {}).unwrap();
    assert_eq!(c.config.confirm_window_seconds, CONFIRM_WINDOW);
}

#[test]
fn bad_listings_are_refused_with_the_field_named() {
    let mut m = after_cycle_one();
    let mut l = childcare();
    l.price = Uint128::zero();
    assert_error(m.list("alex", l), ContractError::ZeroPrice {});
    let mut l = childcare();
    l.title = " ".into();
    assert_error(
        m.list("alex", l),
        ContractError::Validation(ValidationError::Empty {
            field: "title".into(),
        }),
    );
    let mut l = childcare();
    l.category = "Child Care".into();
    assert!(m.list("alex", l).is_err());
    let mut l = childcare();
    l.unit = Unit::Booking;
    assert_error(
        m.list("alex", l),
        ContractError::UnitNotForOffers {
            unit: Unit::Booking,
        },
    );
    let mut l = childcare();
    l.refund = tool_library().refund;
    assert_error(
        m.list("alex", l),
        ContractError::OnlyForBookings {
            field: "refund".into(),
        },
    );
    let mut l = tool_library();
    l.stock = Some(4);
    assert_error(
        m.list("governance", l),
        ContractError::NotForBookings {
            field: "stock".into(),
        },
    );
    let mut l = tool_library();
    l.refund = Some(RefundRule {
        full_refund_notice_seconds: DAY,
        late_refund_percent: Decimal::percent(101),
    });
    assert!(m.list("governance", l).is_err());
    assert!(m.listings(None, None, None, None).unwrap().is_empty());
}

#[test]
fn listings_page_by_category_and_by_provider() {
    let mut m = after_cycle_one();
    // 12 offers: Alex lists childcare 1..=6, Jordan lists garden 7..=12; then a resource.
    for i in 0..12 {
        let mut l = childcare();
        let who = if i < 6 { "alex" } else { "jordan" };
        if i >= 6 {
            l.category = "garden".into();
        }
        l.title = format!("offer {i}");
        m.list(who, l).unwrap();
    }
    m.list("governance", tool_library()).unwrap();
    let ids = |v: Vec<flow_types::commons::Listing>| v.iter().map(|l| l.id).collect::<Vec<_>>();
    // Default page 10, then the rest.
    assert_eq!(
        ids(m.listings(None, None, None, None).unwrap()),
        (1..=10).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(m.listings(None, None, Some(10), None).unwrap()),
        vec![11, 12, 13]
    );
    assert_eq!(
        ids(m.listings(Some("garden"), None, Some(8), Some(3)).unwrap()),
        vec![9, 10, 11]
    );
    assert_eq!(
        ids(m.listings(Some("tools"), None, None, None).unwrap()),
        vec![13]
    );
    assert_eq!(
        ids(m.listings(None, Some("alex"), Some(4), None).unwrap()),
        vec![5, 6]
    );
    assert!(m
        .listings(Some("garden"), Some("alex"), None, None)
        .is_err());
    // A limit above 100 is 100.
    assert_eq!(m.listings(None, None, None, Some(1_000)).unwrap().len(), 13);
}

#[test]
fn governance_updates_the_window_and_the_bounds_for_what_comes_next() {
    let mut m = with_listings();
    m.buy("riley", 2, 1, 15_000).unwrap();
    let first_confirm_by = m.purchase(1).confirm_by;
    let update = ExecuteMsg::UpdateConfig {
        confirm_window_seconds: Some(DAY),
        bounds: Some(Bounds {
            max_window_seconds: 7 * DAY,
            max_advance_seconds: 60 * DAY,
            max_quantity: 4,
        }),
    };
    assert!(m.exec("alex", &update).is_err());
    m.exec("governance", &update).unwrap();
    let c: ConfigResponse = m.q(&QueryMsg::Config {}).unwrap();
    assert_eq!(
        (
            c.config.confirm_window_seconds,
            c.config.bounds.max_quantity
        ),
        (DAY, 4)
    );
    // The purchase made before keeps its window; the next one has a day.
    assert_eq!(m.purchase(1).confirm_by, first_confirm_by);
    m.buy("riley", 2, 1, 15_000).unwrap();
    assert_eq!(m.purchase(2).confirm_by, m.suite.now().plus_seconds(DAY));
    assert_error(
        m.buy("riley", 2, 5, 75_000),
        ContractError::BadQuantity {
            quantity: 5,
            max: 4,
        },
    );
    // Out of range values are refused with the field named.
    assert_error(
        m.exec(
            "governance",
            &ExecuteMsg::UpdateConfig {
                confirm_window_seconds: Some(0),
                bounds: None,
            },
        ),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "confirm_window_seconds".into(),
            value: "0".into(),
            min: "1".into(),
            max: "7776000".into(),
        }),
    );
}

#[test]
fn a_resource_follows_governance_and_an_offer_its_member() {
    let mut m = with_listings();
    // Governance passes to the members' new steward wallet (cw-ownable, two steps).
    let steward = m.suite.account("steward");
    m.exec(
        "governance",
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: steward.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    m.exec(
        "steward",
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
    )
    .unwrap();
    // The old governance wallet listed the tool library but no longer governs it.
    assert_error(
        m.exec("governance", &ExecuteMsg::Pause { listing: 1 }),
        ContractError::NotListerOrOwner { id: 1 },
    );
    m.exec("steward", &ExecuteMsg::Pause { listing: 1 })
        .unwrap();
    assert_eq!(m.listing(1).status, ListingStatus::Paused);
    // Alex's offer: Alex, or governance; not another member.
    assert_error(
        m.exec("riley", &ExecuteMsg::Pause { listing: 2 }),
        ContractError::NotListerOrOwner { id: 2 },
    );
    m.exec("alex", &ExecuteMsg::Pause { listing: 2 }).unwrap();
    m.exec("steward", &ExecuteMsg::Withdraw { listing: 2 })
        .unwrap();
    assert_eq!(m.listing(2).status, ListingStatus::Withdrawn);
    // A new resource is the steward's to list.
    assert!(m.list("governance", tool_library()).is_err());
    assert_eq!(m.list("steward", tool_library()).unwrap(), 3);
}
