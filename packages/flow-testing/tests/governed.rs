//! The suite's governance options: one wallet by default, the members' multisig on request.

use cosmwasm_std::Addr;
use cw_ownable::Ownership;
use flow_testing::suite::dec;
use flow_testing::{Governance, Suite, SuiteBuilder};
use flow_types::governance::{Status, StewardAction, Vote};
use flow_types::{attestation as att, distributor as dist, registry as reg};

fn owner(suite: &Suite, contract: &Addr, query: &impl serde::Serialize) -> Option<Addr> {
    let o: Ownership<Addr> = suite.query(contract, query).unwrap();
    o.owner
}

fn wasm_admin(suite: &Suite, contract: &Addr) -> Option<Addr> {
    suite
        .app
        .wrap()
        .query_wasm_contract_info(contract)
        .unwrap()
        .admin
}

fn group_admin(suite: &Suite) -> Option<String> {
    let r: cw_controllers_admin::AdminResponse = suite
        .query(&suite.holon().group, &cw4_group::msg::QueryMsg::Admin {})
        .unwrap();
    r.admin
}

/// cw-controllers' `AdminResponse`, as the group answers it.
mod cw_controllers_admin {
    #[derive(serde::Deserialize)]
    pub struct AdminResponse {
        pub admin: Option<String>,
    }
}

/// Who owns, administers and governs membership of every contract of the first holon.
fn holders(suite: &Suite) -> Vec<Option<String>> {
    let h = suite.holon().clone();
    let s = |a: Option<Addr>| a.map(|a| a.to_string());
    vec![
        s(owner(suite, &h.registry, &reg::QueryMsg::Ownership {})),
        s(owner(suite, &h.attestation, &att::QueryMsg::Ownership {})),
        s(owner(suite, &h.distributor, &dist::QueryMsg::Ownership {})),
        s(wasm_admin(suite, &h.group)),
        s(wasm_admin(suite, &h.registry)),
        s(wasm_admin(suite, &h.attestation)),
        s(wasm_admin(suite, &h.distributor)),
        s(wasm_admin(suite, &h.token)),
        group_admin(suite),
    ]
}

#[test]
fn by_default_one_wallet_governs() {
    let suite = SuiteBuilder::holon_alpha().build();
    let gov = suite.addr("governance").to_string();
    assert_eq!(suite.governance, suite.deployer);
    assert_eq!(holders(&suite), vec![Some(gov); 9]);
}

#[test]
fn members_govern_through_their_multisig() {
    let mut suite = SuiteBuilder::holon_alpha()
        .governed_by_members(dec("0.51"), dec("0.4"), 604_800)
        .build();
    let multisig = suite.multisig();
    assert_eq!(suite.governance, multisig);
    assert_ne!(suite.deployer, multisig);
    assert_eq!(holders(&suite), vec![Some(multisig.to_string()); 9]);
    assert_eq!(wasm_admin(&suite, &multisig), Some(multisig.clone()));

    // A policy change: proposed by Alex, passed by Jordan and Casey, executed by anyone.
    let action = StewardAction::SetPolicy {
        policy: dist::Policy {
            baseline: dec("0.5"),
            ..dist::Policy::default()
        },
    };
    let id = suite.propose("alex", &action).unwrap();
    assert_eq!(
        suite.proposal(id).unwrap().description,
        "from cycle 2: every hour counts the same, 50% shared equally"
    );
    suite.vote("jordan", id, Vote::Yes).unwrap();
    assert_eq!(suite.proposal(id).unwrap().status, Status::Open);
    suite.vote("casey", id, Vote::Yes).unwrap();
    assert_eq!(suite.proposal(id).unwrap().status, Status::Passed);
    suite.execute_proposal("stranger", id).unwrap();
    assert_eq!(suite.proposal(id).unwrap().status, Status::Executed);
    let p: dist::PolicyResponse = suite
        .query(
            &suite.holon().distributor,
            &dist::QueryMsg::Policy { version: Some(2) },
        )
        .unwrap();
    assert_eq!(p.policy.baseline, dec("0.5"));
    assert_eq!(suite.votes(id).unwrap().len(), 3);
    assert_eq!(suite.member_weight("alex"), Some(1));
    assert_eq!(suite.member_weight("stranger"), None);
}

#[test]
fn an_existing_address_may_govern() {
    let mut builder = SuiteBuilder::holon_alpha();
    let dao = cosmwasm_std::testing::MockApi::default().addr_make("dao");
    builder = builder.with_governance(Governance::Address(dao.to_string()));
    let suite = builder.build();
    assert_eq!(suite.governance, dao);
    assert_eq!(holders(&suite), vec![Some(dao.to_string()); 9]);
}
