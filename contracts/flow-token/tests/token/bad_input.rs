//! Addresses that are not in normal form, and zero amounts.
//!
//! On a chain (and in these tests) `addr_validate` decodes bech32 and then requires the input
//! to equal the normalised (lower-case) form: mixed case is not bech32 at all, and the
//! all-upper-case form of a valid address, though it decodes to the same bytes, is refused as
//! "not normalized". So an account can never hold a second balance under another spelling.

use cosmwasm_std::{to_json_binary, Addr, Uint128};
use cw20::AllowanceResponse;
use flow_types::token::{ExecuteMsg, QueryMsg};

use crate::suite::*;

const NOT_NORMALIZED: &str = "Invalid input: address not normalized";
const NOT_BECH32: &str = "Error decoding bech32";
const WRONG_PREFIX: &str = "Wrong bech32 prefix";

/// Other spellings of `addr`, and other bad addresses, with cw20-base's error for each.
fn bad_addresses(addr: &Addr) -> Vec<(String, &'static str)> {
    let valid = addr.to_string();
    let mut mixed = valid.clone();
    mixed.replace_range(..1, "C"); // "Cosmwasm1...": mixed case
    let mut tail_upper = valid.clone();
    let last = tail_upper.len() - 1;
    let upper_last = tail_upper[last..].to_uppercase();
    tail_upper.replace_range(last.., &upper_last);
    let mut bad_checksum = valid.clone();
    let flipped = if valid.ends_with('q') { "p" } else { "q" };
    bad_checksum.replace_range(last.., flipped);
    vec![
        (valid.to_uppercase(), NOT_NORMALIZED),
        (mixed, NOT_BECH32),
        (tail_upper, NOT_BECH32),
        (bad_checksum, NOT_BECH32),
        (foreign_address("bob"), WRONG_PREFIX),
        (String::new(), NOT_BECH32),
        ("bob".to_string(), NOT_BECH32),
        (format!(" {valid}"), NOT_BECH32),
    ]
}

#[test]
fn the_upper_case_form_of_an_address_never_gets_its_own_balance() {
    let mut s = Suite::new();
    let (alice, bob, minter) = (s.alice.clone(), s.bob.clone(), s.minter.clone());
    let bob_upper = bob.to_string().to_uppercase();
    // It is the same account in bech32 terms (the checksum is case-insensitive) ...
    assert_eq!(bob_upper.to_lowercase(), bob.to_string());
    // ... and the token refuses it everywhere instead of treating it as a second account.
    s.refused(
        &alice,
        ExecuteMsg::Transfer {
            recipient: bob_upper.clone(),
            amount: Uint128::new(10),
        },
        invalid_address(NOT_NORMALIZED),
    );
    s.refused(
        &minter,
        ExecuteMsg::Mint {
            recipient: bob_upper.clone(),
            amount: Uint128::new(10),
        },
        invalid_address(NOT_NORMALIZED),
    );
    s.refused(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob_upper.clone(),
            amount: Uint128::new(10),
            expires: None,
        },
        invalid_address(NOT_NORMALIZED),
    );
    let err = s
        .query::<cw20::BalanceResponse>(&QueryMsg::Balance {
            address: bob_upper.clone(),
        })
        .unwrap_err();
    assert!(err.to_string().contains(NOT_NORMALIZED), "{err}");

    let mut accounts = vec![alice.to_string(), bob.to_string()];
    accounts.sort();
    assert_eq!(s.accounts(), accounts);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn every_message_refuses_bad_addresses_and_changes_nothing() {
    let mut s = Suite::plain();
    let receiver = s.recording_receiver();
    let (alice, bob, minter) = (s.alice.clone(), s.bob.clone(), s.minter.clone());
    // bob may spend alice's tokens, so the `*From` messages reach their address checks
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(100),
            expires: None,
        },
    )
    .unwrap();
    let amount = Uint128::new(10);
    let msg = to_json_binary(&"hello").unwrap();

    for (bad, reason) in bad_addresses(&bob) {
        let cases: Vec<(&Addr, ExecuteMsg)> = vec![
            (
                &alice,
                ExecuteMsg::Transfer {
                    recipient: bad.clone(),
                    amount,
                },
            ),
            (
                &alice,
                ExecuteMsg::Send {
                    contract: bad.clone(),
                    amount,
                    msg: msg.clone(),
                },
            ),
            (
                &minter,
                ExecuteMsg::Mint {
                    recipient: bad.clone(),
                    amount,
                },
            ),
            (
                &alice,
                ExecuteMsg::IncreaseAllowance {
                    spender: bad.clone(),
                    amount,
                    expires: None,
                },
            ),
            (
                &alice,
                ExecuteMsg::DecreaseAllowance {
                    spender: bad.clone(),
                    amount,
                    expires: None,
                },
            ),
            (
                &bob,
                ExecuteMsg::TransferFrom {
                    owner: alice.to_string(),
                    recipient: bad.clone(),
                    amount,
                },
            ),
            (
                &bob,
                ExecuteMsg::TransferFrom {
                    owner: bad.clone(),
                    recipient: bob.to_string(),
                    amount,
                },
            ),
            (
                &bob,
                ExecuteMsg::SendFrom {
                    owner: alice.to_string(),
                    contract: bad.clone(),
                    amount,
                    msg: msg.clone(),
                },
            ),
            (
                &bob,
                ExecuteMsg::SendFrom {
                    owner: bad.clone(),
                    contract: receiver.to_string(),
                    amount,
                    msg: msg.clone(),
                },
            ),
            (
                &bob,
                ExecuteMsg::BurnFrom {
                    owner: bad.clone(),
                    amount,
                },
            ),
            (
                &minter,
                ExecuteMsg::UpdateMinter {
                    new_minter: Some(bad.clone()),
                },
            ),
        ];
        for (sender, msg) in cases {
            s.refused(sender, msg, invalid_address(reason));
        }
        // queries refuse them too
        for query in [
            QueryMsg::Balance {
                address: bad.clone(),
            },
            QueryMsg::Allowance {
                owner: bad.clone(),
                spender: bob.to_string(),
            },
            QueryMsg::AllAllowances {
                owner: bad.clone(),
                start_after: None,
                limit: None,
            },
        ] {
            let err = s.query::<serde_ignored::Any>(&query).unwrap_err();
            assert!(err.to_string().contains(reason), "{query:?}: {err}");
        }
    }
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 100);
    assert!(s.received(&receiver).is_empty());
}

/// cw20-base 2.0 removed its zero-amount checks (`InvalidZeroAmount` is deprecated and never
/// returned): a zero amount is accepted and moves nothing. This test pins that behaviour.
#[test]
fn zero_amounts_are_accepted_and_move_nothing() {
    let mut s = Suite::plain();
    let receiver = s.recording_receiver();
    let (alice, bob, carol, minter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.minter.clone(),
    );
    let zero = Uint128::zero();
    let msgs: Vec<(&Addr, ExecuteMsg)> = vec![
        (
            &alice,
            ExecuteMsg::Transfer {
                recipient: bob.to_string(),
                amount: zero,
            },
        ),
        (&alice, ExecuteMsg::Burn { amount: zero }),
        (
            &minter,
            ExecuteMsg::Mint {
                recipient: alice.to_string(),
                amount: zero,
            },
        ),
        (
            &alice,
            ExecuteMsg::Send {
                contract: receiver.to_string(),
                amount: zero,
                msg: to_json_binary(&"nothing").unwrap(),
            },
        ),
        // even an account that holds nothing can "move" nothing
        (
            &carol,
            ExecuteMsg::Transfer {
                recipient: bob.to_string(),
                amount: zero,
            },
        ),
    ];
    for (sender, msg) in msgs {
        s.execute(sender, msg.clone())
            .unwrap_or_else(|e| panic!("{msg:?}: {e:?}"));
    }
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY);
    // the receiver was called with 0 and now holds 0
    assert_eq!(s.received(&receiver).len(), 1);
    assert_eq!(s.received(&receiver)[0].msg.amount, zero);
    assert_eq!(s.balance(&receiver), 0);
    // and both it and carol are now listed as accounts with a zero balance
    let mut accounts = vec![
        alice.to_string(),
        bob.to_string(),
        carol.to_string(),
        receiver.to_string(),
    ];
    accounts.sort();
    assert_eq!(s.accounts(), accounts);

    // a zero allowance is stored as such; a zero transfer_from needs an allowance entry
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: zero,
            expires: None,
        },
    )
    .unwrap();
    assert_eq!(s.allowance(&alice, &bob), AllowanceResponse::default());
    s.execute(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: bob.to_string(),
            amount: zero,
        },
    )
    .unwrap();
    s.refused(
        &carol,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: carol.to_string(),
            amount: zero,
        },
        base(cw20_base::ContractError::NoAllowance {}),
    );
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY);
}

/// Any JSON answer: these queries are expected to fail before one is decoded.
mod serde_ignored {
    #[derive(Debug)]
    pub struct Any;

    impl<'de> serde::Deserialize<'de> for Any {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| Any)
        }
    }
}
