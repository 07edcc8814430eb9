//! The distributor inside a whole holon (flow-testing's `Suite`), with the helpers these
//! tests share: a contribution recorded as the attestation contract reports it, the
//! distributor's messages and queries, and the whole state a refused message must leave as
//! it was.

use anyhow::Result as AnyResult;
use cosmwasm_std::{Addr, Coin, Order, Record, Uint128};
use cw_multi_test::{AppResponse, Executor};
use distributor::ContractError;
use flow_types::distributor::{self as dist, BudgetMode, Contribution, ExecuteMsg, QueryMsg};
use serde::de::DeserializeOwned;

pub use flow_testing::suite::{category, dec, DENOM};
pub use flow_testing::{Suite, SuiteBuilder};

/// The members of Holon Alpha.
pub const MEMBERS: [&str; 5] = ["alex", "jordan", "casey", "riley", "sam"];

/// Holon Alpha: five members, five categories, the `time` model, a treasury in `ucredit`.
pub fn alpha() -> Suite {
    SuiteBuilder::holon_alpha().build()
}

/// Holon Alpha with a `fixed` budget: `emission` tokens every cycle, no treasury.
pub fn alpha_fixed(emission: u128) -> Suite {
    SuiteBuilder::holon_alpha()
        .with_budget(BudgetMode::Fixed {
            emission: Uint128::new(emission),
        })
        .build()
}

/// The first holon's distributor.
pub fn d(suite: &Suite) -> Addr {
    suite.holon().distributor.clone()
}

/// A final contribution as the attestation contract reports it: `hours` of plain work
/// (credit = hours, impact 1, not capacity-building).
pub fn work(suite: &Suite, id: u64, member: &str, category: &str, hours: &str) -> Contribution {
    Contribution {
        attestation_id: id,
        contributor: suite.addr(member).to_string(),
        category: category.into(),
        hours: dec(hours),
        credit: dec(hours),
        impact: dec("1"),
        capacity_building: false,
    }
}

/// `record`, sent by the holon's attestation contract.
pub fn record(suite: &mut Suite, contribution: Contribution) -> AnyResult<AppResponse> {
    let (attestation, distributor) = (suite.holon().attestation.clone(), d(suite));
    suite.app.execute_contract(
        attestation,
        distributor,
        &ExecuteMsg::Record { contribution },
        &[],
    )
}

/// Records `hours` of `member`'s work in `category` (attestation `id`).
pub fn worked(suite: &mut Suite, id: u64, member: &str, category: &str, hours: &str) {
    let c = work(suite, id, member, category, hours);
    record(suite, c).expect("record");
}

/// A distributor message from a named account.
pub fn exec(suite: &mut Suite, sender: &str, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
    let distributor = d(suite);
    suite.execute(sender, &distributor, msg)
}

/// A distributor message from a named account, with coins.
pub fn exec_paid(
    suite: &mut Suite,
    sender: &str,
    msg: &ExecuteMsg,
    funds: &[Coin],
) -> AnyResult<AppResponse> {
    let distributor = d(suite);
    suite.execute_with_funds(sender, &distributor, msg, funds)
}

/// A distributor query that must succeed.
#[track_caller]
pub fn q<T: DeserializeOwned>(suite: &Suite, msg: &QueryMsg) -> T {
    suite
        .query(&suite.holon().distributor, msg)
        .unwrap_or_else(|e| panic!("query {msg:?}: {e:#}"))
}

/// The error text of a distributor query that must fail.
#[track_caller]
pub fn q_err(suite: &Suite, msg: &QueryMsg) -> String {
    let r: AnyResult<cosmwasm_std::Empty> = suite.query(&suite.holon().distributor, msg);
    let err = r.expect_err("the query should fail");
    err.root_cause().to_string()
}

/// The first holon's treasury books.
pub fn treasury(suite: &Suite) -> dist::TreasuryResponse {
    q(suite, &QueryMsg::Treasury {})
}

/// (held, allocated, outstanding) of the first holon's books.
pub fn books(suite: &Suite) -> (u128, u128, u128) {
    let t = treasury(suite);
    (t.held.u128(), t.allocated.u128(), t.outstanding.u128())
}

/// The value of `key` in `contract`'s `wasm` events of a response (the first one).
pub fn attr(res: &AppResponse, contract: &Addr, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .filter(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "_contract_address" && a.value == contract.as_str())
        })
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// The distributor's attributes `(key, value)` of a response, in order, without
/// `_contract_address`.
pub fn attrs(res: &AppResponse, contract: &Addr) -> Vec<(String, String)> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .filter(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "_contract_address" && a.value == contract.as_str())
        })
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

/// `(key, value)` pairs from string literals.
pub fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
    kv.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The distributor's error inside `err`, as a value: multi-test wraps a contract's error
/// with `anyhow::Error::msg` and adds context (also around an error raised in a submessage
/// or a reply), which `anyhow`'s own downcast sees through.
pub fn find_error(err: &anyhow::Error) -> Option<&ContractError> {
    err.downcast_ref::<ContractError>()
        .or_else(|| err.chain().find_map(|e| e.downcast_ref::<ContractError>()))
}

/// The failed call's distributor error is exactly `expected` (as a value, not its text).
#[track_caller]
pub fn assert_error<T: std::fmt::Debug>(result: AnyResult<T>, expected: &ContractError) {
    let err = result.expect_err("the call should have failed");
    match find_error(&err) {
        Some(found) => assert_eq!(found, expected, "wrong error"),
        None => panic!("expected {expected:?}, got another error: {err:#}"),
    }
}

/// The failed call's distributor error (which must be there as a value) passes `check`.
#[track_caller]
pub fn assert_error_where<T: std::fmt::Debug>(
    result: AnyResult<T>,
    check: impl Fn(&ContractError) -> bool,
) {
    let err = result.expect_err("the call should have failed");
    match find_error(&err) {
        Some(found) => assert!(check(found), "unexpected error {found:?}"),
        None => panic!("not a distributor error: {err:#}"),
    }
}

/// Everything a refused message must leave as it was: the raw storage of the contracts that
/// matter, and the coins of every account and contract involved.
#[derive(Debug, PartialEq)]
pub struct State {
    storage: Vec<(Addr, Vec<Record>)>,
    coins: Vec<(Addr, Coin)>,
}

/// The state of the first holon's contracts (distributor, token, attestation), of `extra`
/// contracts, and the treasury denom held by the named accounts and by those contracts.
pub fn state(suite: &Suite, extra: &[&Addr]) -> State {
    let h = suite.holon();
    let mut contracts: Vec<Addr> = vec![
        h.distributor.clone(),
        h.token.clone(),
        h.attestation.clone(),
    ];
    contracts.extend(extra.iter().map(|a| (*a).clone()));
    let storage = contracts
        .iter()
        .map(|c| {
            let records = suite
                .app
                .contract_storage(c)
                .range(None, None, Order::Ascending)
                .collect();
            (c.clone(), records)
        })
        .collect();
    let mut holders: Vec<Addr> = ["governance", "stranger", "funder", "mallory"]
        .iter()
        .chain(MEMBERS.iter())
        .map(|n| suite.addr(n))
        .collect();
    holders.extend(contracts);
    let coins = holders
        .into_iter()
        .map(|a| {
            let coin = suite.app.wrap().query_balance(&a, DENOM).expect("balance");
            (a, coin)
        })
        .collect();
    State { storage, coins }
}

/// The call fails with exactly `expected`, and changes nothing (see `state`).
#[track_caller]
pub fn refused(
    suite: &mut Suite,
    expected: ContractError,
    call: impl FnOnce(&mut Suite) -> AnyResult<AppResponse>,
) {
    refused_in(suite, &[], expected, call)
}

/// `refused`, watching `extra` contracts too.
#[track_caller]
pub fn refused_in(
    suite: &mut Suite,
    extra: &[&Addr],
    expected: ContractError,
    call: impl FnOnce(&mut Suite) -> AnyResult<AppResponse>,
) {
    let before = state(suite, extra);
    let result = call(suite);
    assert_error(result, &expected);
    assert!(
        state(suite, extra) == before,
        "the refused call ({expected}) changed the state"
    );
}

/// `refused`, for an error whose details are the chain's (an address check): the
/// distributor's error passes `check`.
#[track_caller]
pub fn refused_where(
    suite: &mut Suite,
    check: impl Fn(&ContractError) -> bool,
    call: impl FnOnce(&mut Suite) -> AnyResult<AppResponse>,
) {
    let before = state(suite, &[]);
    let result = call(suite);
    assert_error_where(result, check);
    assert!(
        state(suite, &[]) == before,
        "the refused call changed the state"
    );
}

/// The deployment added the distributor as the group's hook (flow-testing's `deploy_holon`,
/// as `flow` and scripts/deploy.mjs do): the group reports who leaves (`member_changed_hook`).
pub fn hook_the_group(suite: &mut Suite) {
    let h = suite.holon().clone();
    #[derive(serde::Deserialize)]
    struct Hooks {
        hooks: Vec<String>,
    }
    let hooks: Hooks = suite
        .app
        .wrap()
        .query_wasm_smart(&h.group, &cw4::Cw4QueryMsg::Hooks {})
        .unwrap();
    assert_eq!(hooks.hooks, vec![h.distributor.to_string()]);
}

/// The group's admin (Holon Alpha's `governance` wallet) removes the distributor's hook: a
/// deployment whose group never told the distributor who leaves.
pub fn unhook_the_group(suite: &mut Suite) {
    let h = suite.holon().clone();
    suite
        .execute(
            "governance",
            &h.group,
            &cw4_group::msg::ExecuteMsg::RemoveHook {
                addr: h.distributor.to_string(),
            },
        )
        .unwrap();
}

/// A payout-ready month: `funded` coins in the treasury, Alex 3 h and Jordan 1 h of food
/// recorded in cycle 1 (attestations 1 and 2), the cycle over but not closed.
pub fn a_month(funded: u128) -> Suite {
    a_month_of(SuiteBuilder::holon_alpha(), funded)
}

/// `a_month` of the holon `builder` builds.
pub fn a_month_of(builder: SuiteBuilder, funded: u128) -> Suite {
    let mut suite = builder.build();
    if funded > 0 {
        suite.fund("funder", funded).unwrap();
    }
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");
    suite.a_cycle_passes();
    suite
}

/// `a_month` closed: the 1,000,000 coins funded are the budget, Alex is owed 750,000 and
/// Jordan 250,000.
pub fn a_closed_month() -> Suite {
    let mut suite = a_month(1_000_000);
    suite.close_cycle().unwrap();
    suite
}

/// Alex has claimed `a_closed_month`: 750,000 tokens.
pub fn alex_claimed() -> Suite {
    let mut suite = a_closed_month();
    suite.claim("alex", 1).unwrap();
    suite
}
