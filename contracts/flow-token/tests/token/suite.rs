//! A cw-multi-test world with one flow-token and the people who use it.

use std::collections::BTreeMap;

use anyhow::Result as AnyResult;
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{
    Addr, Empty, OverflowError, OverflowOperation, StdError, StdResult, Storage, Uint128,
};
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllowanceInfo, AllowanceResponse, BalanceResponse,
    Cw20Coin, Logo, MarketingInfoResponse, MinterResponse, TokenInfoResponse,
};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use flow_token::contract::{execute, instantiate, migrate, query};
use flow_token::ContractError;
use flow_types::token::{
    ExecuteMsg, HolonResponse, InstantiateMarketingInfo, InstantiateMsg, QueryMsg,
};
use serde::de::DeserializeOwned;

pub const ALICE_START: u128 = 1_000;
pub const BOB_START: u128 = 500;
pub const START_SUPPLY: u128 = ALICE_START + BOB_START;
pub const CAP: u128 = 10_000;
pub const LOGO_URL: &str = "https://example.invalid/flow.png";

pub fn token_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// cw20-base's error, as the flow-token returns it.
pub fn base(err: cw20_base::ContractError) -> ContractError {
    ContractError::Base(err)
}

/// cw20-base's error for spending more than there is (`Cannot Sub with given operands`).
pub fn sub_overflow() -> ContractError {
    base(cw20_base::ContractError::Std(StdError::overflow(
        OverflowError::new(OverflowOperation::Sub),
    )))
}

/// The error the flow-token's guards return where cw20-base would panic on `+`.
pub fn add_overflow() -> ContractError {
    base(cw20_base::ContractError::Std(StdError::overflow(
        OverflowError::new(OverflowOperation::Add),
    )))
}

/// cw20-base's error for an address that `addr_validate` refuses.
pub fn invalid_address(reason: &str) -> ContractError {
    base(cw20_base::ContractError::Std(StdError::generic_err(reason)))
}

/// Everything a failed call must leave as it was.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub balances: BTreeMap<String, u128>,
    pub supply: u128,
    pub allowances: BTreeMap<String, Vec<AllowanceInfo>>,
    pub minter: Option<MinterResponse>,
    pub marketing: MarketingInfoResponse,
}

pub struct Suite {
    pub app: App,
    pub code_id: u64,
    pub token: Addr,
    pub admin: Addr,
    pub minter: Addr,
    pub marketer: Addr,
    pub holon: Addr,
    pub alice: Addr,
    pub bob: Addr,
    pub carol: Addr,
}

impl Suite {
    /// alice holds 1_000, bob 500; `minter` may mint up to a cap of 10_000; `marketer` owns
    /// the marketing info (with a logo URL); the token names `holon` as its issuer.
    pub fn new() -> Self {
        Self::with(|_| {})
    }

    /// As [`Suite::new`], for a token that names no holon: a plain cw20, whose holders burn
    /// as in cw20-base (a holon's token lets only its holon burn).
    pub fn plain() -> Self {
        Self::with(|m| m.holon = None)
    }

    /// As [`Suite::new`], with the instantiate message edited first.
    pub fn with(edit: impl FnOnce(&mut InstantiateMsg)) -> Self {
        let mut app = App::default();
        let code_id = app.store_code(token_contract());
        let addr = |name: &str| app.api().addr_make(name);
        let (admin, minter, marketer, holon) = (
            addr("admin"),
            addr("minter"),
            addr("marketer"),
            addr("holon"),
        );
        let (alice, bob, carol) = (addr("alice"), addr("bob"), addr("carol"));
        let mut msg = InstantiateMsg {
            name: "Holon Alpha Flow".to_string(),
            symbol: "FLOW".to_string(),
            decimals: 6,
            initial_balances: vec![
                Cw20Coin {
                    address: alice.to_string(),
                    amount: Uint128::new(ALICE_START),
                },
                Cw20Coin {
                    address: bob.to_string(),
                    amount: Uint128::new(BOB_START),
                },
            ],
            mint: Some(MinterResponse {
                minter: minter.to_string(),
                cap: Some(Uint128::new(CAP)),
            }),
            marketing: Some(InstantiateMarketingInfo {
                project: Some("Holon Alpha".to_string()),
                description: Some("Flow tokens for contributions to Holon Alpha".to_string()),
                marketing: Some(marketer.to_string()),
                logo: Some(Logo::Url(LOGO_URL.to_string())),
            }),
            holon: Some(holon.to_string()),
        };
        edit(&mut msg);
        let token = app
            .instantiate_contract(
                code_id,
                admin.clone(),
                &msg,
                &[],
                "flow-token",
                Some(admin.to_string()),
            )
            .expect("the suite's token instantiates");
        Suite {
            app,
            code_id,
            token,
            admin,
            minter,
            marketer,
            holon,
            alice,
            bob,
            carol,
        }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    /// Instantiates another flow-token in the same world (any message type that serialises
    /// to the same JSON, e.g. cw20-base's own `InstantiateMsg`).
    pub fn instantiate<M: serde::Serialize>(&mut self, msg: &M) -> AnyResult<Addr> {
        self.app.instantiate_contract(
            self.code_id,
            self.admin.clone(),
            msg,
            &[],
            "another flow-token",
            Some(self.admin.to_string()),
        )
    }

    pub fn instantiate_err(&mut self, msg: &InstantiateMsg) -> ContractError {
        let err = self
            .instantiate(msg)
            .expect_err("instantiation should fail");
        contract_error(err)
    }

    /// A copy of the suite's instantiate message, to edit for another token.
    pub fn instantiate_msg(&self) -> InstantiateMsg {
        InstantiateMsg {
            name: "Holon Beta Flow".to_string(),
            symbol: "BFLOW".to_string(),
            decimals: 6,
            initial_balances: vec![Cw20Coin {
                address: self.alice.to_string(),
                amount: Uint128::new(ALICE_START),
            }],
            mint: Some(MinterResponse {
                minter: self.minter.to_string(),
                cap: None,
            }),
            marketing: None,
            holon: None,
        }
    }

    pub fn execute(&mut self, sender: &Addr, msg: ExecuteMsg) -> AnyResult<AppResponse> {
        let token = self.token.clone();
        self.execute_on(&token, sender, msg)
    }

    pub fn execute_on(
        &mut self,
        token: &Addr,
        sender: &Addr,
        msg: ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), token.clone(), &msg, &[])
    }

    /// Executes `msg`, expects the flow-token to refuse it, and returns its error.
    pub fn execute_err(&mut self, sender: &Addr, msg: ExecuteMsg) -> ContractError {
        let err = self
            .execute(sender, msg)
            .expect_err("the token should refuse this message");
        contract_error(err)
    }

    /// Executes `msg` on the suite's token, expects `expected`, and checks that nothing changed.
    pub fn refused(&mut self, sender: &Addr, msg: ExecuteMsg, expected: ContractError) {
        let before = self.snapshot();
        let err = self.execute_err(sender, msg.clone());
        assert_eq!(err, expected, "error for {msg:?}");
        self.assert_unchanged(&before);
    }

    pub fn query<T: DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.query_on(&self.token, msg)
    }

    pub fn query_on<T: DeserializeOwned>(&self, token: &Addr, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(token, msg)
    }

    pub fn balance(&self, who: impl Into<String>) -> u128 {
        self.balance_on(&self.token, who)
    }

    pub fn balance_on(&self, token: &Addr, who: impl Into<String>) -> u128 {
        let res: BalanceResponse = self
            .query_on(
                token,
                &QueryMsg::Balance {
                    address: who.into(),
                },
            )
            .expect("balance query");
        res.balance.u128()
    }

    pub fn token_info(&self) -> TokenInfoResponse {
        self.query(&QueryMsg::TokenInfo {}).expect("token info")
    }

    pub fn supply(&self) -> u128 {
        self.token_info().total_supply.u128()
    }

    pub fn supply_on(&self, token: &Addr) -> u128 {
        let info: TokenInfoResponse = self
            .query_on(token, &QueryMsg::TokenInfo {})
            .expect("token info");
        info.total_supply.u128()
    }

    pub fn minter_info(&self) -> Option<MinterResponse> {
        self.query(&QueryMsg::Minter {}).expect("minter")
    }

    pub fn marketing(&self) -> MarketingInfoResponse {
        self.query(&QueryMsg::MarketingInfo {})
            .expect("marketing info")
    }

    pub fn holon_of(&self, token: &Addr) -> HolonResponse {
        self.query_on(token, &QueryMsg::Holon {}).expect("holon")
    }

    pub fn allowance(&self, owner: &Addr, spender: &Addr) -> AllowanceResponse {
        self.query(&QueryMsg::Allowance {
            owner: owner.to_string(),
            spender: spender.to_string(),
        })
        .expect("allowance")
    }

    pub fn accounts(&self) -> Vec<String> {
        let res: AllAccountsResponse = self
            .query(&QueryMsg::AllAccounts {
                start_after: None,
                limit: Some(30),
            })
            .expect("all accounts");
        res.accounts
    }

    /// Every account's balance, the supply, every allowance, the minter and marketing info.
    pub fn snapshot(&self) -> Snapshot {
        let accounts = self.accounts();
        let balances = accounts
            .iter()
            .map(|a| (a.clone(), self.balance(a.as_str())))
            .collect();
        let allowances = accounts
            .iter()
            .map(|owner| {
                let res: AllAllowancesResponse = self
                    .query(&QueryMsg::AllAllowances {
                        owner: owner.clone(),
                        start_after: None,
                        limit: Some(30),
                    })
                    .expect("all allowances");
                (owner.clone(), res.allowances)
            })
            .collect();
        Snapshot {
            balances,
            supply: self.supply(),
            allowances,
            minter: self.minter_info(),
            marketing: self.marketing(),
        }
    }

    pub fn assert_unchanged(&self, before: &Snapshot) {
        let now = self.snapshot();
        assert_eq!(&now, before, "a refused message changed the token's state");
        let sum: u128 = now.balances.values().sum();
        assert_eq!(sum, now.supply, "balances must add up to the supply");
    }

    pub fn contract_storage_mut(&mut self) -> Box<dyn Storage + '_> {
        let token = self.token.clone();
        self.app.contract_storage_mut(&token)
    }

    pub fn advance_blocks(&mut self, n: u64) {
        self.app.update_block(|b| {
            b.height += n;
            b.time = b.time.plus_seconds(5 * n);
        });
    }
}

/// The flow-token's own error inside a multi-test error.
pub fn contract_error(err: anyhow::Error) -> ContractError {
    match err.downcast::<ContractError>() {
        Ok(err) => err,
        Err(other) => panic!("expected a flow-token ContractError, got: {other:?}"),
    }
}

/// The value of `key` in the `wasm` event of `contract`.
pub fn wasm_attr(res: &AppResponse, contract: &Addr, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .filter(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "_contract_address" && a.value == contract.as_str())
        })
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// An address with another chain's prefix.
pub fn foreign_address(name: &str) -> String {
    MockApi::default()
        .with_prefix("juno")
        .addr_make(name)
        .into_string()
}
