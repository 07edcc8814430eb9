//! Two holons in one chain: an Alpha member's tokens are accepted by Beta, spent there,
//! and Beta settles its Alpha holdings at Alpha's treasury.

use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult, Uint128,
};
use cw_multi_test::{ContractWrapper, Executor};
use cw_storage_plus::Item;
use distributor::ContractError;
use flow_testing::suite::{assert_error, category, dec};
use flow_testing::{Holon, HolonSpec, Suite, SuiteBuilder};
use flow_types::distributor::{self as dist, AcceptedHolonResponse};
use flow_types::holon::{HolonContract, HolonInfoResponse, HolonReceiveMsg};

use crate::common::*;

const LIMIT: u128 = 1_000_000_000;

/// Alpha after the seed month (Alex holds 625 AFLOW), and Beta, funded, accepting Alpha's
/// token at 0.5 Beta per Alpha with a credit limit of 1,000 AFLOW.
fn alpha_and_beta() -> (Suite, Holon, Holon) {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    everyone_claims(&mut suite, 1);
    let alpha = suite.holon().clone();

    let mut spec = HolonSpec::new("Holon Beta", "BFLOW");
    spec.members = vec!["bea".into(), "ben".into()];
    spec.categories = vec![category("food")];
    let beta = suite.deploy_holon(&spec).unwrap();
    suite
        .execute_with_funds(
            "funder",
            &beta.distributor,
            &dist::ExecuteMsg::Fund {
                memo: Some("grant".into()),
            },
            &cosmwasm_std::coins(2_000_000_000, flow_testing::DENOM),
        )
        .unwrap();
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::AcceptHolon {
                distributor: alpha.distributor.to_string(),
                rate: dec("0.5"),
                credit_limit: Uint128::new(LIMIT),
            },
        )
        .unwrap();
    (suite, alpha, beta)
}

fn exchange(
    suite: &mut Suite,
    from: &str,
    alpha: &Holon,
    beta: &Holon,
    amount: u128,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    suite.send_to_holon(
        from,
        &alpha.token,
        &beta.distributor,
        amount,
        &HolonReceiveMsg::Exchange { recipient: None },
    )
}

fn accepted(suite: &Suite, beta: &Holon, alpha: &Holon) -> dist::AcceptedHolon {
    let r: AcceptedHolonResponse = suite
        .query(
            &beta.distributor,
            &dist::QueryMsg::AcceptedHolon {
                token: alpha.token.to_string(),
            },
        )
        .unwrap();
    r.holon
}

#[test]
fn an_alpha_member_spends_in_beta_and_beta_settles_at_alpha() {
    let (mut suite, alpha, beta) = alpha_and_beta();
    // Any contract that knows only flow-types can learn who a holon is.
    let info: HolonInfoResponse = HolonContract(alpha.distributor.clone())
        .info(&suite.app.wrap())
        .unwrap();
    assert_eq!(
        (
            info.name.as_str(),
            &info.token,
            info.treasury_denom.as_deref()
        ),
        ("Holon Alpha", &alpha.token, Some("ucredit"))
    );

    exchange(&mut suite, "alex", &alpha, &beta, 400_000_000).unwrap();
    let alex = suite.addr("alex");
    assert_eq!(suite.balance_of(&alpha.token, &alex), 225_000_000);
    assert_eq!(suite.balance_of(&beta.token, &alex), 200_000_000);
    assert_eq!(
        suite.balance_of(&alpha.token, &beta.distributor),
        400_000_000
    );

    // Alex buys bread from Bea with Beta tokens.
    let bea = suite.account("bea");
    suite
        .execute(
            "alex",
            &beta.token,
            &cw20::Cw20ExecuteMsg::Transfer {
                recipient: bea.to_string(),
                amount: Uint128::new(200_000_000),
            },
        )
        .unwrap();
    assert_eq!(suite.balance_of(&beta.token, &bea), 200_000_000);

    // Beta settles its Alpha holdings at Alpha's treasury: Alpha's coins move to Beta.
    let beta_coins = suite.native_balance(&beta.distributor);
    let alpha_coins = suite.native_balance(&alpha.distributor);
    assert_error(
        suite.execute(
            "bea",
            &beta.distributor,
            &dist::ExecuteMsg::SettleForeign {
                token: alpha.token.to_string(),
                amount: None,
            },
        ),
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
    );
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::SettleForeign {
                token: alpha.token.to_string(),
                amount: None,
            },
        )
        .unwrap();
    assert_eq!(
        suite.native_balance(&beta.distributor),
        beta_coins + 400_000_000
    );
    assert_eq!(
        suite.native_balance(&alpha.distributor),
        alpha_coins - 400_000_000
    );

    // Totals reconcile to the unit on both sides.
    assert_eq!(suite.total_supply_of(&alpha.token), BUDGET - 400_000_000);
    assert_eq!(suite.total_supply_of(&beta.token), 200_000_000);
    let bt: dist::TreasuryResponse = suite
        .query(&beta.distributor, &dist::QueryMsg::Treasury {})
        .unwrap();
    assert_eq!(
        (bt.held.u128(), bt.outstanding.u128(), bt.unallocated.u128()),
        (2_400_000_000, 200_000_000, 2_200_000_000)
    );
    let at: dist::TreasuryResponse = suite
        .query(&alpha.distributor, &dist::QueryMsg::Treasury {})
        .unwrap();
    assert_eq!(
        (at.held.u128(), at.outstanding.u128()),
        (BUDGET - 400_000_000, BUDGET - 400_000_000)
    );
    let h = accepted(&suite, &beta, &alpha);
    assert_eq!(
        (
            h.holdings.u128(),
            h.total_received.u128(),
            h.total_minted.u128(),
            h.total_settled.u128()
        ),
        (0, 400_000_000, 200_000_000, 400_000_000)
    );
    suite.assert_invariants_of(&alpha);
    suite.assert_invariants_of(&beta);
}

#[test]
fn limits_and_fakes_are_refused_and_nothing_is_lost() {
    let (mut suite, alpha, beta) = alpha_and_beta();
    let alex = suite.addr("alex");

    // Over the credit limit: Riley holds 2,343.75 AFLOW, the limit is 1,000.
    assert_error(
        exchange(&mut suite, "riley", &alpha, &beta, 1_000_000_001),
        ContractError::OverCreditLimit {
            holdings: Uint128::zero(),
            amount: Uint128::new(1_000_000_001),
            limit: Uint128::new(LIMIT),
        },
    );
    // A rate that rounds to zero: 1 × 0.5 → 0.
    assert_error(
        exchange(&mut suite, "alex", &alpha, &beta, 1),
        ContractError::ExchangeRoundsToZero {
            amount: Uint128::one(),
            rate: dec("0.5"),
        },
    );
    // A disabled holon.
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::UpdateHolon {
                token: alpha.token.to_string(),
                rate: None,
                credit_limit: None,
                enabled: Some(false),
            },
        )
        .unwrap();
    assert_error(
        exchange(&mut suite, "alex", &alpha, &beta, 10),
        ContractError::HolonDisabled {
            token: alpha.token.to_string(),
        },
    );
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::UpdateHolon {
                token: alpha.token.to_string(),
                rate: None,
                credit_limit: None,
                enabled: Some(true),
            },
        )
        .unwrap();

    // An unlisted token: a plain cw20 whose holder tries to exchange it into Beta.
    let other = suite.plain_cw20("stranger", 1_000).unwrap();
    assert_error(
        suite.send_to_holon(
            "stranger",
            &other,
            &beta.distributor,
            10,
            &HolonReceiveMsg::Exchange { recipient: None },
        ),
        ContractError::UnknownToken {
            token: other.to_string(),
        },
    );
    assert_eq!(suite.balance_of(&other, &suite.addr("stranger")), 1_000);
    // Someone calling the receive hook directly, not through a token, is refused.
    let forged = dist::ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: alex.to_string(),
        amount: Uint128::new(1_000_000),
        msg: to_json_binary(&HolonReceiveMsg::Exchange { recipient: None }).unwrap(),
    });
    assert_error(
        suite.execute("stranger", &beta.distributor, &forged),
        ContractError::UnknownToken {
            token: suite.addr("stranger").to_string(),
        },
    );

    // A fake distributor that claims to be Alpha, with Alpha's real token, is not accepted.
    let fake_code = suite.app.store_code(Box::new(ContractWrapper::new(
        fake_execute,
        fake_instantiate,
        fake_query,
    )));
    let mut claimed = HolonContract(alpha.distributor.clone())
        .info(&suite.app.wrap())
        .unwrap();
    claimed.name = "Holon Alpha (really)".into();
    let fake = suite
        .app
        .instantiate_contract(
            fake_code,
            suite.addr("stranger"),
            &claimed,
            &[],
            "fake",
            None,
        )
        .unwrap();
    assert_error(
        suite.execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::AcceptHolon {
                distributor: fake.to_string(),
                rate: dec("1"),
                credit_limit: Uint128::new(LIMIT),
            },
        ),
        ContractError::HolonMismatch {
            distributor: fake.to_string(),
        },
    );

    // Nothing was lost anywhere.
    assert_eq!(suite.balance_of(&alpha.token, &alex), 625_000_000);
    assert_eq!(
        suite.balance_of(&alpha.token, &suite.addr("riley")),
        2_343_750_000
    );
    assert_eq!(suite.total_supply_of(&beta.token), 0);
    let h = accepted(&suite, &beta, &alpha);
    assert_eq!(h.holdings, Uint128::zero());

    // Removing a holon stops exchanges; what Beta holds stays redeemable, or returnable.
    exchange(&mut suite, "alex", &alpha, &beta, 100_000_000).unwrap();
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::RemoveHolon {
                token: alpha.token.to_string(),
            },
        )
        .unwrap();
    assert_error(
        exchange(&mut suite, "alex", &alpha, &beta, 10),
        ContractError::HolonDisabled {
            token: alpha.token.to_string(),
        },
    );
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::ReturnForeign {
                token: alpha.token.to_string(),
                recipient: suite.addr("jordan").to_string(),
                amount: Uint128::new(40_000_000),
            },
        )
        .unwrap();
    assert_eq!(
        suite.balance_of(&alpha.token, &suite.addr("jordan")),
        1_562_500_000 + 40_000_000
    );
    suite
        .execute(
            "governance",
            &beta.distributor,
            &dist::ExecuteMsg::SettleForeign {
                token: alpha.token.to_string(),
                amount: None,
            },
        )
        .unwrap();
    let h = accepted(&suite, &beta, &alpha);
    assert_eq!(
        (
            h.holdings.u128(),
            h.total_returned.u128(),
            h.total_settled.u128(),
            h.removed
        ),
        (0, 40_000_000, 60_000_000, true)
    );
    suite.assert_invariants_of(&alpha);
    suite.assert_invariants_of(&beta);
}

// A fake "distributor" that answers HolonInfo with whatever it was told at instantiation.
const CLAIM: Item<HolonInfoResponse> = Item::new("claim");

fn fake_instantiate(
    deps: DepsMut,
    env: Env,
    _: MessageInfo,
    mut msg: HolonInfoResponse,
) -> anyhow::Result<Response> {
    msg.distributor = env.contract.address;
    CLAIM.save(deps.storage, &msg)?;
    Ok(Response::new())
}

fn fake_execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> anyhow::Result<Response> {
    Ok(Response::new())
}

fn fake_query(deps: Deps, _: Env, _: Empty) -> anyhow::Result<Binary> {
    let r: StdResult<Binary> = to_json_binary(&CLAIM.load(deps.storage)?);
    Ok(r?)
}
