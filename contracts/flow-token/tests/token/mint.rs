use cosmwasm_std::Uint128;
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
fn the_minter_mints() {
    let mut s = Suite::new();
    let (minter, carol) = (s.minter.clone(), s.carol.clone());
    let res = s.execute(&minter, mint(&carol, 2_000)).unwrap();
    assert_eq!(s.balance(&carol), 2_000);
    assert_eq!(s.balance(&s.alice), ALICE_START);
    assert_eq!(s.balance(&minter), 0);
    assert_eq!(s.supply(), START_SUPPLY + 2_000);
    let token = s.token.clone();
    assert_eq!(wasm_attr(&res, &token, "action").as_deref(), Some("mint"));
    assert_eq!(wasm_attr(&res, &token, "to"), Some(carol.to_string()));
    assert_eq!(wasm_attr(&res, &token, "amount").as_deref(), Some("2000"));
}

#[test]
fn nobody_else_mints() {
    let mut s = Suite::new();
    let (alice, holon, carol) = (s.alice.clone(), s.holon.clone(), s.carol.clone());
    for sender in [&alice, &holon, &carol] {
        s.refused(sender, mint(&carol, 1), base(Base::Unauthorized {}));
        s.refused(sender, mint(sender, 100), base(Base::Unauthorized {}));
    }
    // even an amount that would overflow is first of all unauthorized
    s.refused(
        &alice,
        ExecuteMsg::Mint {
            recipient: alice.to_string(),
            amount: Uint128::MAX,
        },
        base(Base::Unauthorized {}),
    );
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn minting_stops_at_the_cap() {
    let mut s = Suite::plain();
    let (minter, carol) = (s.minter.clone(), s.carol.clone());
    let room = CAP - START_SUPPLY; // 8_500
    s.refused(
        &minter,
        mint(&carol, room + 1),
        base(Base::CannotExceedCap {}),
    );
    s.execute(&minter, mint(&carol, room)).unwrap();
    assert_eq!(s.balance(&carol), room);
    assert_eq!(s.supply(), CAP);
    s.refused(&minter, mint(&carol, 1), base(Base::CannotExceedCap {}));
    // burning makes room again: the cap bounds the supply, not the total ever minted
    s.execute(
        &carol,
        ExecuteMsg::Burn {
            amount: Uint128::new(10),
        },
    )
    .unwrap();
    s.execute(&minter, mint(&carol, 10)).unwrap();
    assert_eq!(s.supply(), CAP);
}

#[test]
fn a_token_without_minter_cannot_mint() {
    let mut s = Suite::with(|msg| msg.mint = None);
    assert_eq!(s.minter_info(), None);
    let minter = s.minter.clone();
    s.refused(&minter, mint(&minter, 1), base(Base::Unauthorized {}));
}
