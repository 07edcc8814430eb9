//! Every message has its tests: each variant of the distributor's `ExecuteMsg`, `QueryMsg`,
//! cw20 hook payload and setup choice is matched here (exhaustively: a new variant does not
//! compile until it is listed) to the file that tests it, and that file must use it.

use cosmwasm_std::{Decimal, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::Action;
use flow_types::attestation::AttestationPolicy;
use flow_types::distributor::{
    AttestationSetup, Contribution, ExecuteMsg, Policy, QueryMsg, TokenSetup,
};
use flow_types::holon::HolonReceiveMsg;

/// Where an execute message is tested, and the text the file uses it by.
fn execute(msg: &ExecuteMsg) -> (&'static str, &'static str) {
    match msg {
        ExecuteMsg::Record { .. } => ("record.rs", "ExecuteMsg::Record"),
        ExecuteMsg::CloseCycle {} => ("close_cycle.rs", "ExecuteMsg::CloseCycle"),
        ExecuteMsg::Claim { .. } => ("claim.rs", "ExecuteMsg::Claim"),
        ExecuteMsg::Fund { .. } => ("fund.rs", "ExecuteMsg::Fund"),
        ExecuteMsg::SetPolicy { .. } => ("set_policy.rs", "ExecuteMsg::SetPolicy"),
        ExecuteMsg::Receive(_) => ("receive.rs", "ExecuteMsg::Receive"),
        ExecuteMsg::AcceptHolon { .. } => ("holons.rs", "ExecuteMsg::AcceptHolon"),
        ExecuteMsg::UpdateHolon { .. } => ("holons.rs", "ExecuteMsg::UpdateHolon"),
        ExecuteMsg::RemoveHolon { .. } => ("holons.rs", "ExecuteMsg::RemoveHolon"),
        ExecuteMsg::SettleForeign { .. } => ("settlement.rs", "ExecuteMsg::SettleForeign"),
        ExecuteMsg::ReturnForeign { .. } => ("settlement.rs", "ExecuteMsg::ReturnForeign"),
        ExecuteMsg::UpdateOwnership(_) => ("ownership.rs", "ExecuteMsg::UpdateOwnership"),
        ExecuteMsg::MemberChangedHook(_) => ("membership.rs", "ExecuteMsg::MemberChangedHook"),
    }
}

/// Where a query is tested.
fn query(msg: &QueryMsg) -> (&'static str, &'static str) {
    match msg {
        QueryMsg::HolonInfo {} => ("queries.rs", "QueryMsg::HolonInfo"),
        QueryMsg::Config {} => ("queries.rs", "QueryMsg::Config"),
        QueryMsg::Policy { .. } => ("queries.rs", "QueryMsg::Policy"),
        QueryMsg::Cycle { .. } => ("queries.rs", "QueryMsg::Cycle"),
        QueryMsg::CurrentCycle {} => ("queries.rs", "QueryMsg::CurrentCycle"),
        QueryMsg::Preview { .. } => ("queries.rs", "QueryMsg::Preview"),
        QueryMsg::Explain { .. } => ("queries.rs", "QueryMsg::Explain"),
        QueryMsg::Claims { .. } => ("queries.rs", "QueryMsg::Claims"),
        QueryMsg::Payouts { .. } => ("queries.rs", "QueryMsg::Payouts"),
        QueryMsg::Previews { .. } => ("queries.rs", "QueryMsg::Previews"),
        QueryMsg::Treasury {} => ("queries.rs", "treasury(&suite)"),
        QueryMsg::Funds { .. } => ("queries.rs", "QueryMsg::Funds"),
        QueryMsg::AcceptedHolons { .. } => ("queries.rs", "QueryMsg::AcceptedHolons"),
        QueryMsg::AcceptedHolon { .. } => ("queries.rs", "QueryMsg::AcceptedHolon {"),
        QueryMsg::Ownership {} => ("queries.rs", "QueryMsg::Ownership"),
    }
}

/// Where a cw20 `Send` payload is tested.
fn hook(msg: &HolonReceiveMsg) -> (&'static str, &'static str) {
    match msg {
        HolonReceiveMsg::Redeem { .. } => ("receive.rs", "HolonReceiveMsg::Redeem"),
        HolonReceiveMsg::GiftToPool {} => ("receive.rs", "HolonReceiveMsg::GiftToPool"),
        HolonReceiveMsg::Exchange { .. } => ("receive.rs", "HolonReceiveMsg::Exchange"),
    }
}

/// Where an instantiate choice is tested.
fn token_setup(setup: &TokenSetup) -> (&'static str, &'static str) {
    match setup {
        TokenSetup::New { .. } => ("instantiate.rs", "distributor_msg"),
        TokenSetup::Existing { .. } => ("instantiate.rs", "TokenSetup::Existing"),
    }
}

fn attestation_setup(setup: &AttestationSetup) -> (&'static str, &'static str) {
    match setup {
        AttestationSetup::New { .. } => ("instantiate.rs", "distributor_msg"),
        AttestationSetup::Existing { .. } => ("instantiate.rs", "AttestationSetup::Existing"),
    }
}

fn one_of_each_execute() -> Vec<ExecuteMsg> {
    let s = String::new;
    vec![
        ExecuteMsg::Record {
            contribution: Contribution {
                attestation_id: 0,
                contributor: s(),
                category: s(),
                hours: Decimal::zero(),
                credit: Decimal::zero(),
                impact: Decimal::zero(),
                capacity_building: false,
            },
        },
        ExecuteMsg::CloseCycle {},
        ExecuteMsg::Claim {
            cycle: None,
            member: None,
        },
        ExecuteMsg::Fund { memo: None },
        ExecuteMsg::SetPolicy {
            policy: Policy::default(),
        },
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: s(),
            amount: Uint128::zero(),
            msg: Default::default(),
        }),
        ExecuteMsg::AcceptHolon {
            distributor: s(),
            rate: Decimal::one(),
            credit_limit: Uint128::zero(),
        },
        ExecuteMsg::UpdateHolon {
            token: s(),
            rate: None,
            credit_limit: None,
            enabled: None,
        },
        ExecuteMsg::RemoveHolon { token: s() },
        ExecuteMsg::SettleForeign {
            token: s(),
            amount: None,
        },
        ExecuteMsg::ReturnForeign {
            token: s(),
            recipient: s(),
            amount: Uint128::zero(),
        },
        ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        ExecuteMsg::MemberChangedHook(cw4::MemberChangedHookMsg { diffs: vec![] }),
    ]
}

fn one_of_each_query() -> Vec<QueryMsg> {
    let s = String::new;
    vec![
        QueryMsg::HolonInfo {},
        QueryMsg::Config {},
        QueryMsg::Policy { version: None },
        QueryMsg::Cycle { cycle: 1 },
        QueryMsg::CurrentCycle {},
        QueryMsg::Preview { member: s() },
        QueryMsg::Explain {
            cycle: 1,
            member: s(),
        },
        QueryMsg::Claims {
            cycle: 1,
            start_after: None,
            limit: None,
        },
        QueryMsg::Payouts {
            cycle: 1,
            start_after: None,
            limit: None,
        },
        QueryMsg::Previews {
            start_after: None,
            limit: None,
        },
        QueryMsg::Treasury {},
        QueryMsg::Funds {
            start_after: None,
            limit: None,
        },
        QueryMsg::AcceptedHolons {
            start_after: None,
            limit: None,
        },
        QueryMsg::AcceptedHolon { token: s() },
        QueryMsg::Ownership {},
    ]
}

/// The text of a test file of this directory.
fn source(file: &str) -> String {
    let path = format!("{}/tests/messages/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_message_has_a_test_file_that_uses_it() {
    let mut places: Vec<(String, (&str, &str))> = vec![];
    for m in one_of_each_execute() {
        places.push((format!("{m:?}"), execute(&m)));
    }
    for m in one_of_each_query() {
        places.push((format!("{m:?}"), query(&m)));
    }
    for m in [
        HolonReceiveMsg::Redeem { recipient: None },
        HolonReceiveMsg::GiftToPool {},
        HolonReceiveMsg::Exchange { recipient: None },
    ] {
        places.push((format!("{m:?}"), hook(&m)));
    }
    let new_token = TokenSetup::New {
        code_id: 0,
        name: String::new(),
        symbol: String::new(),
        decimals: 0,
        marketing: None,
        label: String::new(),
    };
    let existing_token = TokenSetup::Existing {
        address: String::new(),
    };
    for t in [new_token, existing_token] {
        places.push((format!("{t:?}"), token_setup(&t)));
    }
    let new_attestation = AttestationSetup::New {
        code_id: 0,
        label: String::new(),
        policy: AttestationPolicy::default(),
    };
    let existing_attestation = AttestationSetup::Existing {
        address: String::new(),
    };
    for a in [new_attestation, existing_attestation] {
        places.push((format!("{a:?}"), attestation_setup(&a)));
    }
    places.push(("migrate".into(), ("migrate.rs", "MigrateMsg {}")));

    for (what, (file, needle)) in &places {
        assert!(
            source(file).contains(needle),
            "{what}: {file} does not use `{needle}`"
        );
    }
    // One sample per variant: a variant added to a match above needs a sample, and these
    // counts, too.
    let distinct = |v: Vec<&str>| {
        let mut v = v;
        v.sort();
        v.dedup();
        v.len()
    };
    let execute_needles: Vec<&str> = one_of_each_execute().iter().map(|m| execute(m).1).collect();
    assert_eq!(distinct(execute_needles), 13);
    let query_needles: Vec<&str> = one_of_each_query().iter().map(|m| query(m).1).collect();
    assert_eq!(distinct(query_needles), 15);
}
