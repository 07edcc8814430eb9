//! Purchases: Alex's childcare through escrow; an item of the holon straight to the pool;
//! a dispute resolved by governance.

use commons::ContractError;
use cosmwasm_std::Uint128;
use flow_testing::suite::assert_error;
use flow_types::commons::{ExecuteMsg, ListingInput, ListingKind, PurchaseStatus, Unit};

use crate::market::*;

#[test]
fn riley_buys_two_hours_of_alexs_childcare_through_escrow() {
    let mut m = with_listings();
    // 2 h × 15,000 = 30,000, held by the commons.
    let id = m.buy("riley", 2, 2, 30_000).unwrap();
    assert_eq!(id, 1);
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED - 30_000);
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED);
    assert_eq!(m.held(), 30_000);
    let p = m.purchase(1);
    assert_eq!(
        (p.listing, p.quantity, p.amount.u128(), p.status),
        (2, 2, 30_000, PurchaseStatus::Escrowed)
    );
    assert_eq!(
        (p.buyer.clone(), p.provider.clone()),
        (m.suite.addr("riley"), m.suite.addr("alex"))
    );
    assert_eq!(p.confirm_by, m.suite.now().plus_seconds(CONFIRM_WINDOW));
    assert_eq!(m.purchases_of(Some("riley"), None).len(), 1);
    assert_eq!(m.purchases_of(None, Some("alex")).len(), 1);
    m.assert_books();

    // Only Riley confirms; then Alex is paid 30,000.
    assert_error(
        m.exec("alex", &ExecuteMsg::Confirm { purchase: 1 }),
        ContractError::NotBuyer { id: 1 },
    );
    let res = m
        .exec("riley", &ExecuteMsg::Confirm { purchase: 1 })
        .unwrap();
    assert_eq!(attr(&res, &m.commons, "amount").as_deref(), Some("30000"));
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED + 30_000);
    assert_eq!(m.held(), 0);
    assert_eq!(m.purchase(1).status, PurchaseStatus::Released);
    let t = m.totals();
    assert_eq!((t.held.u128(), t.to_providers.u128()), (0, 30_000));
    assert_error(
        m.exec("riley", &ExecuteMsg::Confirm { purchase: 1 }),
        ContractError::PurchaseNotOpen {
            id: 1,
            status: PurchaseStatus::Released,
        },
    );
    m.assert_books();
}

#[test]
fn an_unconfirmed_purchase_is_released_to_the_provider_when_the_window_passes() {
    let mut m = with_listings();
    m.buy("riley", 2, 1, 15_000).unwrap();
    let confirm_by = m.purchase(1).confirm_by.seconds();
    m.suite.advance(CONFIRM_WINDOW - 5);
    assert_error(
        m.exec("stranger", &ExecuteMsg::ReleasePurchase { purchase: 1 }),
        ContractError::WindowOpen { id: 1, confirm_by },
    );
    m.suite.advance(5);
    // Too late to dispute; anyone releases it.
    assert_error(
        m.exec(
            "riley",
            &ExecuteMsg::Dispute {
                purchase: 1,
                reason: "late".into(),
            },
        ),
        ContractError::WindowClosed { id: 1, confirm_by },
    );
    m.exec("stranger", &ExecuteMsg::ReleasePurchase { purchase: 1 })
        .unwrap();
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED + 15_000);
    assert_eq!(m.held(), 0);
    m.assert_books();
}

#[test]
fn a_disputed_purchase_is_frozen_until_governance_splits_it() {
    let mut m = with_listings();
    m.buy("riley", 2, 2, 30_000).unwrap();
    m.suite.advance(DAY);
    m.exec(
        "riley",
        &ExecuteMsg::Dispute {
            purchase: 1,
            reason: "Only one hour was given".into(),
        },
    )
    .unwrap();
    let p = m.purchase(1);
    assert_eq!(p.status, PurchaseStatus::Disputed);
    assert_eq!(p.dispute_reason.as_deref(), Some("Only one hour was given"));

    // Frozen: the window passing releases nothing.
    m.suite.advance(CONFIRM_WINDOW);
    assert_error(
        m.exec("stranger", &ExecuteMsg::ReleasePurchase { purchase: 1 }),
        ContractError::PurchaseNotOpen {
            id: 1,
            status: PurchaseStatus::Disputed,
        },
    );
    // Only governance resolves, never for more than was paid.
    let resolve = |refund: u128| ExecuteMsg::Resolve {
        purchase: 1,
        refund: Uint128::new(refund),
    };
    assert!(m.exec("alex", &resolve(15_000)).is_err());
    assert_error(
        m.exec("governance", &resolve(30_001)),
        ContractError::RefundTooLarge {
            refund: Uint128::new(30_001),
            amount: Uint128::new(30_000),
        },
    );
    // One hour back to Riley, one hour to Alex.
    let res = m.exec("governance", &resolve(15_000)).unwrap();
    assert_eq!(attr(&res, &m.commons, "paid").as_deref(), Some("15000"));
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED - 15_000);
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED + 15_000);
    let p = m.purchase(1);
    assert_eq!(
        (p.status, p.refunded.u128()),
        (PurchaseStatus::Resolved, 15_000)
    );
    let t = m.totals();
    assert_eq!(
        (t.held.u128(), t.refunded.u128(), t.to_providers.u128()),
        (0, 15_000, 15_000)
    );
    assert_error(
        m.exec("governance", &resolve(0)),
        ContractError::NotDisputed {
            id: 1,
            status: PurchaseStatus::Resolved,
        },
    );
    m.assert_books();
}

#[test]
fn a_dispute_resolved_all_one_way_sends_one_transfer() {
    let mut m = with_listings();
    m.buy("riley", 2, 2, 30_000).unwrap();
    m.buy("riley", 2, 1, 15_000).unwrap();
    for id in [1, 2] {
        m.exec(
            "riley",
            &ExecuteMsg::Dispute {
                purchase: id,
                reason: String::new(),
            },
        )
        .unwrap();
    }
    // Everything back to Riley; nothing to Alex.
    m.exec(
        "governance",
        &ExecuteMsg::Resolve {
            purchase: 1,
            refund: Uint128::new(30_000),
        },
    )
    .unwrap();
    // Nothing back: all to Alex.
    m.exec(
        "governance",
        &ExecuteMsg::Resolve {
            purchase: 2,
            refund: Uint128::zero(),
        },
    )
    .unwrap();
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED - 15_000);
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED + 15_000);
    m.assert_books();
}

#[test]
fn bread_shares_of_the_holon_go_to_the_pool_at_once_and_run_out() {
    let mut m = with_listings();
    let bread = ListingInput {
        kind: ListingKind::Resource,
        title: "A share of the bread".into(),
        description: String::new(),
        category: "food".into(),
        unit: Unit::Item,
        price: Uint128::new(2_500),
        stock: Some(3),
        refund: None,
    };
    assert_eq!(m.list("governance", bread).unwrap(), 3);
    let unallocated = m.suite.treasury().unwrap().unallocated.u128();
    let supply = m.suite.total_supply();
    m.buy("riley", 3, 2, 5_000).unwrap();
    assert_eq!(m.purchase(1).status, PurchaseStatus::ToPool);
    assert_eq!(m.listing(3).stock, Some(1));
    assert_eq!(m.held(), 0);
    assert_eq!(m.suite.total_supply(), supply - 5_000);
    assert_eq!(
        m.suite.treasury().unwrap().unallocated.u128(),
        unallocated + 5_000
    );
    // Two asked, one left.
    let before = m.snapshot();
    assert_error(
        m.buy("alex", 3, 2, 5_000),
        ContractError::SoldOut {
            id: 3,
            left: 1,
            asked: 2,
        },
    );
    assert_eq!(m.snapshot(), before);
    m.buy("alex", 3, 1, 2_500).unwrap();
    assert_eq!(m.listing(3).stock, Some(0));
    assert_eq!(m.totals().to_pool.u128(), 7_500);
    m.assert_books();
}
