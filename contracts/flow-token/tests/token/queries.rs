use cosmwasm_std::Uint128;
use cw20::{AllAccountsResponse, AllAllowancesResponse, AllowanceInfo, Expiration};
use flow_types::token::{ExecuteMsg, QueryMsg};

use crate::suite::*;

#[test]
fn all_accounts_pages() {
    let mut s = Suite::new();
    let (minter, carol) = (s.minter.clone(), s.carol.clone());
    s.execute(
        &minter,
        ExecuteMsg::Mint {
            recipient: carol.to_string(),
            amount: Uint128::new(3),
        },
    )
    .unwrap();
    let mut all = vec![s.alice.to_string(), s.bob.to_string(), carol.to_string()];
    all.sort();
    assert_eq!(s.accounts(), all);

    let page = |start_after: Option<String>| -> Vec<String> {
        let res: AllAccountsResponse = s
            .query(&QueryMsg::AllAccounts {
                start_after,
                limit: Some(2),
            })
            .unwrap();
        res.accounts
    };
    assert_eq!(page(None), all[..2].to_vec());
    assert_eq!(page(Some(all[1].clone())), all[2..].to_vec());
    assert!(page(Some(all[2].clone())).is_empty());
}

#[test]
fn all_allowances_pages() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let mut spenders: Vec<String> = ["s1", "s2", "s3"]
        .iter()
        .map(|n| s.addr(n).to_string())
        .collect();
    for (i, spender) in spenders.clone().iter().enumerate() {
        s.execute(
            &alice,
            ExecuteMsg::IncreaseAllowance {
                spender: spender.clone(),
                amount: Uint128::new(10 * (i as u128 + 1)),
                expires: None,
            },
        )
        .unwrap();
    }
    spenders.sort();
    let page: AllAllowancesResponse = s
        .query(&QueryMsg::AllAllowances {
            owner: alice.to_string(),
            start_after: Some(spenders[0].clone()),
            limit: Some(1),
        })
        .unwrap();
    assert_eq!(page.allowances.len(), 1);
    assert_eq!(page.allowances[0].spender, spenders[1]);
    assert_eq!(page.allowances[0].expires, Expiration::Never {});
    let full: AllAllowancesResponse = s
        .query(&QueryMsg::AllAllowances {
            owner: alice.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    let total: u128 = full
        .allowances
        .iter()
        .map(|a: &AllowanceInfo| a.allowance.u128())
        .sum();
    assert_eq!(total, 60);
}
