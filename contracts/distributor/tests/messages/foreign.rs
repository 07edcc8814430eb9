//! A foreign holon for the exchange tests: a small contract of its own (no code shared with
//! the distributor) that answers `holon_info` as it is told, and pays a redemption of its
//! token with a bank send of the amount less a configurable shortfall. Its token is a real
//! flow-token that names it as holon and minter; Mallory starts with 1,000,000 of it.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, from_json, to_json_binary, Addr, BankMsg, Binary, Deps, DepsMut, Empty, Env,
    MessageInfo, Response, StdError, StdResult, Uint128,
};
use cw20::{Cw20Coin, Cw20ReceiveMsg, MinterResponse};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;
use flow_types::holon::{HolonInfoResponse, HolonQueryMsg, HolonReceiveMsg};
use flow_types::token::InstantiateMsg as TokenInstantiateMsg;

use crate::suite::*;

/// What Mallory holds of a foreign holon's token at the start.
pub const MALLORY_HOLDS: u128 = 1_000_000;

#[cw_serde]
pub struct InitMsg {
    pub name: String,
    pub treasury_denom: Option<String>,
}

#[cw_serde]
pub enum Msg {
    /// Its token, the distributor its `holon_info` names (default: itself), and how many
    /// coins short it pays each redemption.
    Set {
        token: String,
        names: Option<String>,
        short: Uint128,
    },
    Receive(Cw20ReceiveMsg),
}

#[cw_serde]
struct State {
    name: String,
    treasury_denom: Option<String>,
    token: Addr,
    names: Option<Addr>,
    short: Uint128,
}

const STATE: Item<State> = Item::new("state");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, msg: InitMsg) -> StdResult<Response> {
    STATE.save(
        deps.storage,
        &State {
            name: msg.name,
            treasury_denom: msg.treasury_denom,
            token: Addr::unchecked(""),
            names: None,
            short: Uint128::zero(),
        },
    )?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: Msg) -> StdResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    match msg {
        Msg::Set {
            token,
            names,
            short,
        } => {
            state.token = deps.api.addr_validate(&token)?;
            state.names = names.map(|n| deps.api.addr_validate(&n)).transpose()?;
            state.short = short;
            STATE.save(deps.storage, &state)?;
            Ok(Response::new())
        }
        Msg::Receive(wrapper) => {
            if info.sender != state.token {
                return Err(StdError::generic_err("not my token"));
            }
            let HolonReceiveMsg::Redeem { recipient } = from_json(&wrapper.msg)? else {
                return Err(StdError::generic_err("only redeem"));
            };
            let denom = state
                .treasury_denom
                .ok_or_else(|| StdError::generic_err("no treasury"))?;
            let paid = wrapper.amount.checked_sub(state.short)?;
            Ok(Response::new().add_message(BankMsg::Send {
                to_address: recipient.unwrap_or(wrapper.sender),
                amount: coins(paid.u128(), denom),
            }))
        }
    }
}

fn query(deps: Deps, env: Env, msg: HolonQueryMsg) -> StdResult<Binary> {
    let state = STATE.load(deps.storage)?;
    let me = env.contract.address;
    match msg {
        HolonQueryMsg::HolonInfo {} => to_json_binary(&HolonInfoResponse {
            name: state.name,
            distributor: state.names.unwrap_or_else(|| me.clone()),
            token: state.token,
            registry: me.clone(),
            attestation: me.clone(),
            group: me,
            current_cycle: 1,
            treasury_denom: state.treasury_denom,
        }),
    }
}

fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// A foreign holon deployed in a suite.
#[derive(Clone, Debug)]
pub struct Foreign {
    pub distributor: Addr,
    pub token: Addr,
}

/// A flow-token naming `holon` as its holon, minted by `minter`, Mallory holding
/// `MALLORY_HOLDS`.
pub fn token_of(suite: &mut Suite, holon: &Addr, minter: &Addr) -> Addr {
    let mallory = suite.account("mallory");
    suite
        .app
        .instantiate_contract(
            suite.code.token,
            mallory.clone(),
            &TokenInstantiateMsg {
                name: "Foreign Flow".into(),
                symbol: "FFLOW".into(),
                decimals: 6,
                initial_balances: vec![Cw20Coin {
                    address: mallory.to_string(),
                    amount: Uint128::new(MALLORY_HOLDS),
                }],
                mint: Some(MinterResponse {
                    minter: minter.to_string(),
                    cap: None,
                }),
                marketing: None,
                holon: Some(holon.to_string()),
            },
            &[],
            "foreign token",
            None,
        )
        .unwrap()
}

/// A foreign holon named `name` whose treasury pays in `denom`, holding `coins_held` of our
/// denom to pay with, with its own token.
pub fn deploy(suite: &mut Suite, name: &str, denom: Option<&str>, coins_held: u128) -> Foreign {
    let code = suite.app.store_code(contract());
    let mallory = suite.account("mallory");
    let distributor = suite
        .app
        .instantiate_contract(
            code,
            mallory.clone(),
            &InitMsg {
                name: name.into(),
                treasury_denom: denom.map(String::from),
            },
            &[],
            name,
            None,
        )
        .unwrap();
    let token = token_of(suite, &distributor, &distributor);
    set(suite, &distributor, &token, None, 0);
    if coins_held > 0 {
        let funder = suite.account("funder");
        suite
            .app
            .send_tokens(funder, distributor.clone(), &coins(coins_held, DENOM))
            .unwrap();
    }
    Foreign { distributor, token }
}

/// Tells the foreign holon its token, whom its `holon_info` names, and its shortfall.
pub fn set(suite: &mut Suite, foreign: &Addr, token: &Addr, names: Option<&Addr>, short: u128) {
    let mallory = suite.account("mallory");
    suite
        .app
        .execute_contract(
            mallory,
            foreign.clone(),
            &Msg::Set {
                token: token.to_string(),
                names: names.map(|n| n.to_string()),
                short: Uint128::new(short),
            },
            &[],
        )
        .unwrap();
}
