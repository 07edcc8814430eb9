use flow_types::migrate::MigrateError;
use flow_types::registry::MigrateMsg;

use super::suite::{attrs, Suite};
use crate::contract::{migrate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::ContractError;

fn run(suite: &mut Suite) -> Result<cosmwasm_std::Response, ContractError> {
    migrate(suite.deps.as_mut(), suite.env.clone(), MigrateMsg {})
}

#[test]
fn upgrades_from_an_older_version() {
    let mut suite = Suite::new();
    cw2::set_contract_version(&mut suite.deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    let res = run(&mut suite).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "migrate"),
            ("contract", "crates.io:need-registry"),
            ("version", CONTRACT_VERSION),
            ("marks_indexed", "0"),
        ]
    );
    let version = cw2::get_contract_version(&suite.deps.storage).unwrap();
    assert_eq!(version.version, CONTRACT_VERSION);
}

#[test]
fn refuses_another_contract() {
    let mut suite = Suite::new();
    cw2::set_contract_version(&mut suite.deps.storage, "crates.io:cw20-base", "0.0.1").unwrap();
    assert_eq!(
        run(&mut suite).unwrap_err(),
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:cw20-base".to_string(),
            expected: CONTRACT_NAME.to_string(),
        })
    );
}

#[test]
fn refuses_the_same_or_a_newer_version() {
    let mut suite = Suite::new();
    assert_eq!(
        run(&mut suite).unwrap_err(),
        ContractError::Migrate(MigrateError::NotAnUpgrade {
            stored: CONTRACT_VERSION.to_string(),
            new: CONTRACT_VERSION.to_string(),
        })
    );
    cw2::set_contract_version(&mut suite.deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    assert_eq!(
        run(&mut suite).unwrap_err(),
        ContractError::Migrate(MigrateError::NotAnUpgrade {
            stored: "99.0.0".to_string(),
            new: CONTRACT_VERSION.to_string(),
        })
    );
    assert_eq!(
        cw2::get_contract_version(&suite.deps.storage)
            .unwrap()
            .version,
        "99.0.0"
    );
}
