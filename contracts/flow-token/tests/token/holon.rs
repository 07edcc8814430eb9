use cosmwasm_std::{to_json_binary, to_json_vec, QueryRequest, Uint128, WasmQuery};
use flow_types::token::{ExecuteMsg, HolonResponse, QueryMsg};

use crate::suite::*;

#[test]
fn the_token_names_its_holon() {
    let mut s = Suite::new();
    let token = s.token.clone();
    assert_eq!(
        s.holon_of(&token),
        HolonResponse {
            holon: Some(s.holon.clone())
        }
    );
    // the answer is the plain JSON any client reads
    let request: QueryRequest = QueryRequest::Wasm(WasmQuery::Smart {
        contract_addr: token.to_string(),
        msg: to_json_binary(&QueryMsg::Holon {}).unwrap(),
    });
    let raw = s
        .app
        .wrap()
        .raw_query(&to_json_vec(&request).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        String::from_utf8(raw.to_vec()).unwrap(),
        format!(r#"{{"holon":"{}"}}"#, s.holon)
    );
    // cw20 messages leave it alone
    let minter = s.minter.clone();
    s.execute(
        &minter,
        ExecuteMsg::UpdateMinter {
            new_minter: Some(s.holon.to_string()),
        },
    )
    .unwrap();
    let holon = s.holon.clone();
    s.execute(
        &holon,
        ExecuteMsg::Mint {
            recipient: holon.to_string(),
            amount: Uint128::new(5),
        },
    )
    .unwrap();
    assert_eq!(s.holon_of(&token).holon, Some(holon));
}

#[test]
fn a_token_without_holon_says_none() {
    let s = Suite::with(|msg| msg.holon = None);
    assert_eq!(s.holon_of(&s.token), HolonResponse { holon: None });
}
