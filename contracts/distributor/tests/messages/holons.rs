//! The acceptance list: `accept_holon`, `update_holon`, `remove_holon` (governance).

use cosmwasm_std::{coins, Addr, Decimal, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_testing::HolonSpec;
use flow_types::distributor::{AcceptedHolon, AcceptedHolonResponse, ExecuteMsg, QueryMsg};
use flow_types::holon::HolonReceiveMsg;
use flow_types::validate::ValidationError;

use crate::foreign;
use crate::suite::*;

pub fn accept(distributor: &Addr, rate: &str, credit_limit: u128) -> ExecuteMsg {
    ExecuteMsg::AcceptHolon {
        distributor: distributor.to_string(),
        rate: dec(rate),
        credit_limit: Uint128::new(credit_limit),
    }
}

pub fn accepted(suite: &Suite, token: &Addr) -> AcceptedHolon {
    let r: AcceptedHolonResponse = q(
        suite,
        &QueryMsg::AcceptedHolon {
            token: token.to_string(),
        },
    );
    r.holon
}

fn update(
    token: &Addr,
    rate: Option<&str>,
    credit_limit: Option<u128>,
    enabled: Option<bool>,
) -> ExecuteMsg {
    ExecuteMsg::UpdateHolon {
        token: token.to_string(),
        rate: rate.map(dec),
        credit_limit: credit_limit.map(Uint128::new),
        enabled,
    }
}

fn remove(token: &Addr) -> ExecuteMsg {
    ExecuteMsg::RemoveHolon {
        token: token.to_string(),
    }
}

/// Holon Alpha, and Holon Beta (a real holon of its own) on the same chain.
fn alpha_and_beta() -> (Suite, flow_testing::Holon) {
    let mut suite = alpha();
    let mut spec = HolonSpec::new("Holon Beta", "BFLOW");
    spec.members = vec!["bea".into()];
    let beta = suite.deploy_holon(&spec).unwrap();
    (suite, beta)
}

#[test]
fn governance_accepts_a_holon_verified_through_its_token() {
    let (mut suite, beta) = alpha_and_beta();
    let res = exec(
        &mut suite,
        "governance",
        &accept(&beta.distributor, "0.5", 1_000),
    )
    .unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "accept_holon"),
            ("holon", "Holon Beta"),
            ("distributor", beta.distributor.as_str()),
            ("token", beta.token.as_str()),
            ("rate", "0.5"),
            ("credit_limit", "1000"),
        ])
    );
    assert_eq!(
        accepted(&suite, &beta.token),
        AcceptedHolon {
            token: beta.token.clone(),
            distributor: beta.distributor.clone(),
            name: "Holon Beta".into(),
            rate: dec("0.5"),
            credit_limit: Uint128::new(1_000),
            enabled: true,
            holdings: Uint128::zero(),
            treasury_denom: Some(DENOM.into()),
            total_received: Uint128::zero(),
            total_minted: Uint128::zero(),
            total_settled: Uint128::zero(),
            total_returned: Uint128::zero(),
            removed: false,
        }
    );
}

#[test]
fn only_governance_accepts_and_only_a_real_foreign_holon() {
    let (mut suite, beta) = alpha_and_beta();
    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "alex", &accept(&beta.distributor, "1", 1_000)),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| {
            exec_paid(
                s,
                "governance",
                &accept(&beta.distributor, "1", 1_000),
                &coins(1, DENOM),
            )
        },
    );
    // The rate: more than zero, at most 1,000,000.
    for rate in ["0", "1000000.5"] {
        refused(
            &mut suite,
            ContractError::Validation(ValidationError::OutOfRange {
                field: "rate".into(),
                value: rate.into(),
                min: "0.000000000000000001".into(),
                max: "1000000".into(),
            }),
            |s| exec(s, "governance", &accept(&beta.distributor, rate, 1_000)),
        );
    }
    // Our own holon.
    let alpha = d(&suite);
    refused(&mut suite, ContractError::OwnTokenAsForeign {}, |s| {
        exec(s, "governance", &accept(&alpha, "1", 1_000))
    });
    // Not a holon at all: a wallet, a plain cw20.
    let plain = suite.plain_cw20("stranger", 1).unwrap();
    for not_a_holon in [suite.addr("stranger"), plain] {
        refused_where(
            &mut suite,
            |e| matches!(e, ContractError::Std(_)),
            |s| exec(s, "governance", &accept(&not_a_holon, "1", 1_000)),
        );
    }
    // A contract that says it is Beta.
    let fake = foreign::deploy(&mut suite, "Fake Beta", Some(DENOM), 0);
    foreign::set(
        &mut suite,
        &fake.distributor,
        &beta.token,
        Some(&beta.distributor),
        0,
    );
    refused(
        &mut suite,
        ContractError::HolonMismatch {
            distributor: fake.distributor.to_string(),
        },
        |s| exec(s, "governance", &accept(&fake.distributor, "1", 1_000)),
    );
    // A contract that names itself, with Beta's token (which names Beta).
    foreign::set(&mut suite, &fake.distributor, &beta.token, None, 0);
    refused(
        &mut suite,
        ContractError::HolonMismatch {
            distributor: fake.distributor.to_string(),
        },
        |s| exec(s, "governance", &accept(&fake.distributor, "1", 1_000)),
    );
    // A token that names it, but that someone else mints.
    let stranger = suite.addr("stranger");
    let token = foreign::token_of(&mut suite, &fake.distributor, &stranger);
    foreign::set(&mut suite, &fake.distributor, &token, None, 0);
    refused(
        &mut suite,
        ContractError::MinterMismatch {
            token: token.to_string(),
            distributor: fake.distributor.to_string(),
        },
        |s| exec(s, "governance", &accept(&fake.distributor, "1", 1_000)),
    );
    // Beta itself, twice.
    exec(
        &mut suite,
        "governance",
        &accept(&beta.distributor, "1", 1_000),
    )
    .unwrap();
    refused(
        &mut suite,
        ContractError::HolonAlreadyAccepted {
            distributor: beta.distributor.to_string(),
            token: beta.token.to_string(),
        },
        |s| exec(s, "governance", &accept(&beta.distributor, "2", 5)),
    );
}

#[test]
fn governance_updates_rate_limit_and_enabled_flag() {
    let (mut suite, beta) = alpha_and_beta();
    exec(
        &mut suite,
        "governance",
        &accept(&beta.distributor, "0.5", 1_000),
    )
    .unwrap();
    let res = exec(
        &mut suite,
        "governance",
        &update(&beta.token, Some("2"), Some(5), Some(false)),
    )
    .unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "update_holon"),
            ("token", beta.token.as_str()),
            ("rate", "2"),
            ("credit_limit", "5"),
            ("enabled", "false"),
        ])
    );
    let h = accepted(&suite, &beta.token);
    assert_eq!(
        (h.rate, h.credit_limit.u128(), h.enabled),
        (dec("2"), 5, false)
    );
    // What is not given stays as it was.
    exec(
        &mut suite,
        "governance",
        &update(&beta.token, None, None, Some(true)),
    )
    .unwrap();
    let h = accepted(&suite, &beta.token);
    assert_eq!(
        (h.rate, h.credit_limit.u128(), h.enabled),
        (dec("2"), 5, true)
    );

    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "alex", &update(&beta.token, Some("3"), None, None)),
    );
    refused(
        &mut suite,
        ContractError::Validation(ValidationError::OutOfRange {
            field: "rate".into(),
            value: "0".into(),
            min: "0.000000000000000001".into(),
            max: "1000000".into(),
        }),
        |s| exec(s, "governance", &update(&beta.token, Some("0"), None, None)),
    );
    let unknown = beta.distributor.clone();
    refused(
        &mut suite,
        ContractError::UnknownToken {
            token: unknown.to_string(),
        },
        |s| exec(s, "governance", &update(&unknown, None, Some(1), None)),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| {
            exec_paid(
                s,
                "governance",
                &update(&beta.token, None, None, None),
                &coins(1, DENOM),
            )
        },
    );
}

#[test]
fn a_removed_holon_takes_no_more_tokens_but_keeps_its_books_and_can_come_back() {
    let mut suite = alpha();
    suite.fund("funder", 1_000_000).unwrap();
    let f = foreign::deploy(&mut suite, "Holon Foreign", Some(DENOM), 0);
    exec(
        &mut suite,
        "governance",
        &accept(&f.distributor, "1", 1_000),
    )
    .unwrap();
    let alpha = d(&suite);
    suite
        .send_to_holon(
            "mallory",
            &f.token,
            &alpha,
            300,
            &HolonReceiveMsg::Exchange { recipient: None },
        )
        .unwrap();

    let res = exec(&mut suite, "governance", &remove(&f.token)).unwrap();
    assert_eq!(
        attrs(&res, &alpha),
        pairs(&[
            ("action", "remove_holon"),
            ("token", f.token.as_str()),
            ("holdings", "300"),
        ])
    );
    let h = accepted(&suite, &f.token);
    assert_eq!(
        (h.enabled, h.removed, h.holdings.u128()),
        (false, true, 300)
    );
    // Enabling a removed holon is refused, with what to do instead (issue 16: it used to
    // succeed and leave the holon disabled).
    refused(
        &mut suite,
        ContractError::HolonRemoved {
            token: f.token.to_string(),
        },
        |s| exec(s, "governance", &update(&f.token, None, None, Some(true))),
    );
    assert!(!accepted(&suite, &f.token).enabled);
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::HolonDisabled {
            token: f.token.to_string(),
        },
        |s| {
            s.send_to_holon(
                "mallory",
                &f.token,
                &alpha,
                1,
                &HolonReceiveMsg::Exchange { recipient: None },
            )
        },
    );
    // Accepted again: a new rate and limit, the holdings and totals kept.
    exec(&mut suite, "governance", &accept(&f.distributor, "2", 500)).unwrap();
    let h = accepted(&suite, &f.token);
    assert_eq!(
        (
            h.enabled,
            h.removed,
            h.rate,
            h.credit_limit.u128(),
            h.holdings.u128(),
            h.total_received.u128(),
            h.total_minted.u128()
        ),
        (true, false, dec("2"), 500, 300, 300, 300)
    );

    refused(
        &mut suite,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "stranger", &remove(&f.token)),
    );
    let unknown = suite.addr("stranger");
    refused(
        &mut suite,
        ContractError::UnknownToken {
            token: unknown.to_string(),
        },
        |s| exec(s, "governance", &remove(&unknown)),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "governance", &remove(&f.token), &coins(1, DENOM)),
    );
    assert_eq!(
        accepted(&suite, &f.token).rate,
        Decimal::from_ratio(2u8, 1u8)
    );
}
