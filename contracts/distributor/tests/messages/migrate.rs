//! `migrate`: only forward, only from the distributor itself, state intact.

use cosmwasm_std::Addr;
use cw_multi_test::{AppResponse, Executor};
use distributor::ContractError;
use flow_types::distributor::MigrateMsg;
use flow_types::migrate::MigrateError;

use crate::suite::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The distributor's stored cw2 name and version, overwritten.
fn stored_version(suite: &mut Suite, contract: &str, version: &str) {
    let distributor = d(suite);
    cw2::set_contract_version(
        suite.app.contract_storage_mut(&distributor).as_mut(),
        contract,
        version,
    )
    .unwrap();
}

/// `sender` migrates the distributor to a freshly stored copy of its code.
fn migrate(suite: &mut Suite, sender: &Addr) -> anyhow::Result<AppResponse> {
    let code = suite.app.store_code(flow_testing::contracts::distributor());
    let distributor = d(suite);
    suite
        .app
        .migrate_contract(sender.clone(), distributor, &MigrateMsg {}, code)
}

fn code_id(suite: &Suite) -> u64 {
    suite
        .app
        .wrap()
        .query_wasm_contract_info(d(suite))
        .unwrap()
        .code_id
}

#[test]
fn an_older_version_is_upgraded_and_its_state_kept() {
    let mut suite = alex_claimed();
    stored_version(&mut suite, "crates.io:distributor", "0.0.1");
    let before = state(&suite, &[]);
    let gov = suite.governance.clone();
    let res = migrate(&mut suite, &gov).unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[("action", "migrate"), ("version", VERSION)])
    );
    let raw = suite
        .app
        .wrap()
        .query_wasm_raw(d(&suite), b"contract_info".as_slice())
        .unwrap()
        .unwrap();
    let version: cw2::ContractVersion = cosmwasm_std::from_json(raw).unwrap();
    assert_eq!(
        (version.contract.as_str(), version.version.as_str()),
        ("crates.io:distributor", VERSION)
    );
    // Everything but the version is as it was, and the holon carries on.
    stored_version(&mut suite, "crates.io:distributor", "0.0.1");
    assert!(state(&suite, &[]) == before);
    suite.claim("jordan", 1).unwrap();
    assert_eq!(suite.balance("jordan"), 250_000);
}

#[test]
fn the_same_or_a_newer_version_or_another_contract_is_refused() {
    let mut suite = alpha();
    let gov = suite.governance.clone();
    let code = code_id(&suite);
    refused(
        &mut suite,
        ContractError::Migrate(MigrateError::NotAnUpgrade {
            stored: VERSION.into(),
            new: VERSION.into(),
        }),
        |s| migrate(s, &gov),
    );
    stored_version(&mut suite, "crates.io:distributor", "99.0.0");
    refused(
        &mut suite,
        ContractError::Migrate(MigrateError::NotAnUpgrade {
            stored: "99.0.0".into(),
            new: VERSION.into(),
        }),
        |s| migrate(s, &gov),
    );
    stored_version(&mut suite, "crates.io:cw20-base", "0.0.1");
    refused(
        &mut suite,
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:cw20-base".into(),
            expected: "crates.io:distributor".into(),
        }),
        |s| migrate(s, &gov),
    );
    stored_version(&mut suite, "crates.io:distributor", "not-semver");
    refused(
        &mut suite,
        ContractError::Migrate(MigrateError::BadVersion("not-semver".into())),
        |s| migrate(s, &gov),
    );
    assert_eq!(code_id(&suite), code);
}

#[test]
fn only_the_admin_migrates() {
    let mut suite = alpha();
    stored_version(&mut suite, "crates.io:distributor", "0.0.1");
    let code = code_id(&suite);
    for who in ["alex", "stranger"] {
        let sender = suite.addr(who);
        let err = migrate(&mut suite, &sender).unwrap_err();
        assert!(
            format!("{err:#}").contains("Only admin can migrate"),
            "{err:#}"
        );
        assert_eq!(code_id(&suite), code);
    }
}
