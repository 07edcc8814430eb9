use cosmwasm_std::Uint128;
use cw20::MinterResponse;
use cw20_base::ContractError as Base;
use flow_types::token::ExecuteMsg;

use crate::suite::*;

fn mint(to: &cosmwasm_std::Addr, amount: u128) -> ExecuteMsg {
    ExecuteMsg::Mint {
        recipient: to.to_string(),
        amount: Uint128::new(amount),
    }
}

#[test]
fn the_minter_hands_over_minting_and_keeps_the_cap() {
    let mut s = Suite::new();
    let (minter, holon, carol) = (s.minter.clone(), s.holon.clone(), s.carol.clone());
    let res = s
        .execute(
            &minter,
            ExecuteMsg::UpdateMinter {
                new_minter: Some(holon.to_string()),
            },
        )
        .unwrap();
    let token = s.token.clone();
    assert_eq!(
        wasm_attr(&res, &token, "new_minter"),
        Some(holon.to_string())
    );
    assert_eq!(
        s.minter_info(),
        Some(MinterResponse {
            minter: holon.to_string(),
            cap: Some(Uint128::new(CAP)),
        })
    );
    s.refused(&minter, mint(&carol, 1), base(Base::Unauthorized {}));
    s.execute(&holon, mint(&carol, 100)).unwrap();
    assert_eq!(s.balance(&carol), 100);
    assert_eq!(s.supply(), START_SUPPLY + 100);
}

#[test]
fn only_the_minter_updates_the_minter() {
    let mut s = Suite::new();
    let (alice, holon) = (s.alice.clone(), s.holon.clone());
    s.refused(
        &alice,
        ExecuteMsg::UpdateMinter {
            new_minter: Some(alice.to_string()),
        },
        base(Base::Unauthorized {}),
    );
    s.refused(
        &holon,
        ExecuteMsg::UpdateMinter { new_minter: None },
        base(Base::Unauthorized {}),
    );
}

#[test]
fn removing_the_minter_ends_minting_for_good() {
    let mut s = Suite::new();
    let minter = s.minter.clone();
    let res = s
        .execute(&minter, ExecuteMsg::UpdateMinter { new_minter: None })
        .unwrap();
    let token = s.token.clone();
    assert_eq!(
        wasm_attr(&res, &token, "new_minter").as_deref(),
        Some("None")
    );
    assert_eq!(s.minter_info(), None);
    s.refused(&minter, mint(&minter, 1), base(Base::Unauthorized {}));
    s.refused(
        &minter,
        ExecuteMsg::UpdateMinter {
            new_minter: Some(minter.to_string()),
        },
        base(Base::Unauthorized {}),
    );
}

#[test]
fn the_new_minter_must_be_a_valid_address() {
    let mut s = Suite::new();
    let minter = s.minter.clone();
    let upper = s.holon.to_string().to_uppercase();
    s.refused(
        &minter,
        ExecuteMsg::UpdateMinter {
            new_minter: Some(upper),
        },
        invalid_address("Invalid input: address not normalized"),
    );
}
