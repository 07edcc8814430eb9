use cosmwasm_std::Uint128;
use cw2::set_contract_version;
use flow_token::ContractError;
use flow_types::migrate::MigrateError;
use flow_types::token::{ExecuteMsg, MigrateMsg};

use crate::suite::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn migrate(s: &mut Suite) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (admin, token, code_id) = (s.admin.clone(), s.token.clone(), s.code_id);
    cw_multi_test::Executor::migrate_contract(&mut s.app, admin, token, &MigrateMsg {}, code_id)
}

#[test]
fn migrate_moves_only_forward() {
    let mut s = Suite::new();
    let err = contract_error(migrate(&mut s).unwrap_err());
    assert_eq!(
        err,
        ContractError::Migrate(MigrateError::NotAnUpgrade {
            stored: VERSION.to_string(),
            new: VERSION.to_string(),
        })
    );

    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    s.execute(
        &alice,
        ExecuteMsg::Transfer {
            recipient: carol.to_string(),
            amount: Uint128::new(1),
        },
    )
    .unwrap();
    let before = s.snapshot();
    set_contract_version(
        s.contract_storage_mut().as_mut(),
        "crates.io:flow-token",
        "0.0.1",
    )
    .unwrap();
    migrate(&mut s).unwrap();
    s.assert_unchanged(&before);
    let raw = s
        .app
        .wrap()
        .query_wasm_raw(&s.token, b"contract_info".as_slice())
        .unwrap()
        .unwrap();
    let version: cw2::ContractVersion = cosmwasm_std::from_json(raw).unwrap();
    assert_eq!(version.version, VERSION);
}

#[test]
fn migrate_refuses_another_contract() {
    let mut s = Suite::new();
    set_contract_version(
        s.contract_storage_mut().as_mut(),
        "crates.io:cw20-base",
        "2.0.0",
    )
    .unwrap();
    let err = contract_error(migrate(&mut s).unwrap_err());
    assert_eq!(
        err,
        ContractError::Migrate(MigrateError::WrongContract {
            stored: "crates.io:cw20-base".to_string(),
            expected: "crates.io:flow-token".to_string(),
        })
    );
}
