//! A hostile foreign holon: a distributor contract of its own, written the way an attacker
//! whose governance another holon accepted would write it. It answers the cross-holon
//! interface (`holon_info`, the `redeem` payload of a cw20 `Send`) well enough to be accepted,
//! issues a real flow-token, and pays a redemption of its token however its governance
//! chooses: honestly with a bank send, through the redeemer's own `fund` (so that a naive
//! settlement would count the coins twice), or while starting another settlement.
//!
//! It is not a mock of our distributor: it shares none of its code, only the message types
//! any holon must speak (`flow_types::holon`, `flow_types::distributor::ExecuteMsg`).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, from_json, to_json_binary, Addr, BankMsg, Binary, CosmosMsg, Deps, DepsMut, Empty, Env,
    MessageInfo, Reply, Response, StdError, StdResult, SubMsg, Uint128, WasmMsg,
};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg, MinterResponse};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;
use flow_types::distributor::ExecuteMsg as DistributorMsg;
use flow_types::holon::{HolonInfoResponse, HolonQueryMsg, HolonReceiveMsg};
use flow_types::token::InstantiateMsg as TokenInstantiateMsg;

#[cw_serde]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    /// The flow-token code to issue its token with.
    pub token_code_id: u64,
    /// The denom it claims its treasury pays in.
    pub treasury_denom: String,
    /// The token's minter: the contract itself (`None`), or someone else.
    pub minter: Option<String>,
}

/// How it pays when another holon redeems its token at it (a settlement).
#[cw_serde]
pub enum Payment {
    /// A bank send of one coin per token, as the protocol asks.
    Honest,
    /// The redeemer's own `fund {}`, with the coins: the redeemer's treasury records them as
    /// funding while its settlement is still waiting to count them.
    ThroughFund,
    /// A bank send, after asking the redeemer to settle again (a nested settlement).
    SettleAgain,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Its governance mints its token at will.
    Mint {
        recipient: String,
        amount: Uint128,
    },
    SetPayment {
        payment: Payment,
    },
    Receive(Cw20ReceiveMsg),
}

#[cw_serde]
struct State {
    name: String,
    token: Addr,
    treasury_denom: String,
    payment: Payment,
}

const STATE: Item<State> = Item::new("hostile");
const REPLY_TOKEN: u64 = 1;

fn instantiate(
    deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> StdResult<Response> {
    let me = env.contract.address.to_string();
    STATE.save(
        deps.storage,
        &State {
            name: msg.name.clone(),
            token: Addr::unchecked(""),
            treasury_denom: msg.treasury_denom,
            payment: Payment::Honest,
        },
    )?;
    let token = TokenInstantiateMsg {
        name: msg.name,
        symbol: msg.symbol,
        decimals: 6,
        initial_balances: vec![],
        mint: Some(MinterResponse {
            minter: msg.minter.unwrap_or_else(|| me.clone()),
            cap: None,
        }),
        marketing: None,
        holon: Some(me),
    };
    Ok(Response::new().add_submessage(SubMsg::reply_on_success(
        WasmMsg::Instantiate {
            admin: None,
            code_id: msg.token_code_id,
            msg: to_json_binary(&token)?,
            funds: vec![],
            label: "hostile token".into(),
        },
        REPLY_TOKEN,
    )))
}

fn reply(deps: DepsMut, _env: Env, msg: Reply) -> StdResult<Response> {
    let response = msg.result.into_result().map_err(StdError::generic_err)?;
    let address = response
        .events
        .iter()
        .filter(|e| e.ty == "instantiate")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "_contract_address")
        .map(|a| a.value.clone())
        .ok_or_else(|| StdError::generic_err("no token address"))?;
    STATE.update(deps.storage, |mut s| -> StdResult<_> {
        s.token = Addr::unchecked(address);
        Ok(s)
    })?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _env: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    match msg {
        ExecuteMsg::Mint { recipient, amount } => {
            Ok(Response::new().add_message(WasmMsg::Execute {
                contract_addr: state.token.to_string(),
                msg: to_json_binary(&Cw20ExecuteMsg::Mint { recipient, amount })?,
                funds: vec![],
            }))
        }
        ExecuteMsg::SetPayment { payment } => {
            state.payment = payment;
            STATE.save(deps.storage, &state)?;
            Ok(Response::new())
        }
        ExecuteMsg::Receive(wrapper) => {
            if info.sender != state.token {
                return Err(StdError::generic_err("not my token"));
            }
            let HolonReceiveMsg::Redeem { recipient } = from_json(&wrapper.msg)? else {
                return Err(StdError::generic_err("only redeem"));
            };
            let redeemer = recipient.unwrap_or(wrapper.sender);
            let amount = wrapper.amount;
            let burn = WasmMsg::Execute {
                contract_addr: state.token.to_string(),
                msg: to_json_binary(&Cw20ExecuteMsg::Burn { amount })?,
                funds: vec![],
            };
            let bank: CosmosMsg = BankMsg::Send {
                to_address: redeemer.clone(),
                amount: coins(amount.u128(), &state.treasury_denom),
            }
            .into();
            let pay: Vec<CosmosMsg> = match state.payment {
                Payment::Honest => vec![bank],
                Payment::ThroughFund => vec![WasmMsg::Execute {
                    contract_addr: redeemer,
                    msg: to_json_binary(&DistributorMsg::Fund { memo: None })?,
                    funds: coins(amount.u128(), &state.treasury_denom),
                }
                .into()],
                Payment::SettleAgain => vec![
                    WasmMsg::Execute {
                        contract_addr: redeemer,
                        msg: to_json_binary(&DistributorMsg::SettleForeign {
                            token: state.token.to_string(),
                            amount: Some(Uint128::one()),
                        })?,
                        funds: vec![],
                    }
                    .into(),
                    bank,
                ],
            };
            Ok(Response::new().add_message(burn).add_messages(pay))
        }
    }
}

fn query(deps: Deps, env: Env, msg: HolonQueryMsg) -> StdResult<Binary> {
    let state = STATE.load(deps.storage)?;
    let me = env.contract.address;
    match msg {
        HolonQueryMsg::HolonInfo {} => to_json_binary(&HolonInfoResponse {
            name: state.name,
            distributor: me.clone(),
            token: state.token,
            registry: me.clone(),
            attestation: me.clone(),
            group: me,
            current_cycle: 1,
            treasury_denom: Some(state.treasury_denom),
        }),
    }
}

/// The hostile holon's code, to store in a suite's chain.
pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query).with_reply(reply))
}

/// A hostile holon deployed in a suite: its distributor and its token.
#[derive(Clone, Debug)]
pub struct HostileHolon {
    pub distributor: Addr,
    pub token: Addr,
}

impl crate::Suite {
    /// Deploys a hostile holon whose treasury claims to pay in the suite's denom, and gives
    /// it `coins` of that denom to pay with. `minter`: who mints its token (default: itself).
    pub fn deploy_hostile_holon(
        &mut self,
        name: &str,
        symbol: &str,
        minter: Option<&str>,
        coins_held: u128,
    ) -> anyhow::Result<HostileHolon> {
        use cw_multi_test::Executor;
        let code = self.app.store_code(contract());
        let minter = minter.map(|m| self.account(m).to_string());
        let owner = self.account("mallory");
        let distributor = self.app.instantiate_contract(
            code,
            owner,
            &InstantiateMsg {
                name: name.into(),
                symbol: symbol.into(),
                token_code_id: self.code.token,
                treasury_denom: crate::DENOM.into(),
                minter,
            },
            &[],
            name,
            None,
        )?;
        if coins_held > 0 {
            let funder = self.account("funder");
            self.app.send_tokens(
                funder,
                distributor.clone(),
                &coins(coins_held, crate::DENOM),
            )?;
        }
        let token = flow_types::holon::HolonContract(distributor.clone())
            .info(&self.app.wrap())?
            .token;
        Ok(HostileHolon { distributor, token })
    }

    /// The hostile holon's governance mints its token to `to`.
    pub fn hostile_mint(
        &mut self,
        holon: &HostileHolon,
        to: &str,
        amount: u128,
    ) -> anyhow::Result<()> {
        use cw_multi_test::Executor;
        let to = self.account(to).to_string();
        let mallory = self.account("mallory");
        self.app.execute_contract(
            mallory,
            holon.distributor.clone(),
            &ExecuteMsg::Mint {
                recipient: to,
                amount: Uint128::new(amount),
            },
            &[],
        )?;
        Ok(())
    }

    /// How the hostile holon pays the next redemptions of its token.
    pub fn hostile_pays(&mut self, holon: &HostileHolon, payment: Payment) -> anyhow::Result<()> {
        use cw_multi_test::Executor;
        let mallory = self.account("mallory");
        self.app.execute_contract(
            mallory,
            holon.distributor.clone(),
            &ExecuteMsg::SetPayment { payment },
            &[],
        )?;
        Ok(())
    }
}
