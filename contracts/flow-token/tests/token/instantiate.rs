use cosmwasm_std::{StdError, Uint128};
use cw2::ContractVersion;
use cw20::{Cw20Coin, MinterResponse, TokenInfoResponse};
use cw20_base::ContractError as Base;
use flow_token::ContractError;
use flow_types::token::HolonResponse;

use crate::suite::*;

#[test]
fn instantiate_sets_up_a_cw20_with_its_holon() {
    let s = Suite::new();
    assert_eq!(
        s.token_info(),
        TokenInfoResponse {
            name: "Holon Alpha Flow".to_string(),
            symbol: "FLOW".to_string(),
            decimals: 6,
            total_supply: Uint128::new(START_SUPPLY),
        }
    );
    assert_eq!(s.balance(&s.alice), ALICE_START);
    assert_eq!(s.balance(&s.bob), BOB_START);
    assert_eq!(s.balance(&s.carol), 0);
    assert_eq!(
        s.minter_info(),
        Some(MinterResponse {
            minter: s.minter.to_string(),
            cap: Some(Uint128::new(CAP)),
        })
    );
    assert_eq!(
        s.holon_of(&s.token),
        HolonResponse {
            holon: Some(s.holon.clone())
        }
    );
    let mut accounts = vec![s.alice.to_string(), s.bob.to_string()];
    accounts.sort();
    assert_eq!(s.accounts(), accounts);
}

#[test]
fn cw2_names_the_flow_token_not_cw20_base() {
    let s = Suite::new();
    let raw = s
        .app
        .wrap()
        .query_wasm_raw(&s.token, b"contract_info".as_slice())
        .unwrap()
        .expect("cw2 version is stored");
    let version: ContractVersion = cosmwasm_std::from_json(raw).unwrap();
    assert_eq!(
        version,
        ContractVersion {
            contract: "crates.io:flow-token".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    );
}

#[test]
fn cw20_bases_own_instantiate_message_is_accepted() {
    let mut s = Suite::new();
    let msg = cw20_base::msg::InstantiateMsg {
        name: "Plain cw20".to_string(),
        symbol: "PLAIN".to_string(),
        decimals: 0,
        initial_balances: vec![Cw20Coin {
            address: s.carol.to_string(),
            amount: Uint128::new(42),
        }],
        mint: None,
        marketing: None,
    };
    let token = s.instantiate(&msg).unwrap();
    assert_eq!(s.balance_on(&token, s.carol.as_str()), 42);
    assert_eq!(s.supply_on(&token), 42);
    assert_eq!(s.holon_of(&token), HolonResponse { holon: None });
}

#[test]
fn an_invalid_holon_is_refused() {
    let mut s = Suite::new();
    let upper = s.holon.to_string().to_uppercase();
    let cases = [
        (upper, "Invalid input: address not normalized"),
        ("holon".to_string(), "Error decoding bech32"),
        (foreign_address("holon"), "Wrong bech32 prefix"),
    ];
    for (address, reason) in cases {
        let mut msg = s.instantiate_msg();
        msg.holon = Some(address.clone());
        assert_eq!(
            s.instantiate_err(&msg),
            ContractError::InvalidHolon {
                address,
                reason: format!("Generic error: {reason}"),
            }
        );
    }
}

#[test]
fn cw20_bases_instantiate_checks_still_apply() {
    let mut s = Suite::new();
    let generic = |m: &str| base(Base::Std(StdError::generic_err(m)));

    let mut msg = s.instantiate_msg();
    msg.initial_balances.push(msg.initial_balances[0].clone());
    assert_eq!(
        s.instantiate_err(&msg),
        base(Base::DuplicateInitialBalanceAddresses {})
    );

    let mut msg = s.instantiate_msg();
    msg.mint = Some(MinterResponse {
        minter: s.minter.to_string(),
        cap: Some(Uint128::new(ALICE_START - 1)),
    });
    assert_eq!(
        s.instantiate_err(&msg),
        generic("Initial supply greater than cap")
    );

    let mut msg = s.instantiate_msg();
    msg.name = "ab".to_string();
    assert_eq!(
        s.instantiate_err(&msg),
        generic("Name is not in the expected format (3-50 UTF-8 bytes)")
    );

    let mut msg = s.instantiate_msg();
    msg.symbol = "F1".to_string();
    assert_eq!(
        s.instantiate_err(&msg),
        generic("Ticker symbol is not in expected format [a-zA-Z\\-]{3,12}")
    );

    let mut msg = s.instantiate_msg();
    msg.decimals = 19;
    assert_eq!(
        s.instantiate_err(&msg),
        generic("Decimals must not exceed 18")
    );

    let mut msg = s.instantiate_msg();
    msg.initial_balances[0].address = s.alice.to_string().to_uppercase();
    assert_eq!(
        s.instantiate_err(&msg),
        invalid_address("Invalid input: address not normalized")
    );

    let mut msg = s.instantiate_msg();
    msg.mint.as_mut().unwrap().minter = "minter".to_string();
    assert_eq!(
        s.instantiate_err(&msg),
        invalid_address("Error decoding bech32")
    );
}
