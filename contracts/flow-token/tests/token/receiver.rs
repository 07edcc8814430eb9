//! Two tiny contracts that receive cw20 `Send`s: one records every `Cw20ReceiveMsg` (and
//! which token sent it), one refuses everything.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult,
};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::{Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;

use crate::suite::Suite;

pub const REFUSAL: &str = "receiver refuses the tokens";

#[cw_serde]
pub enum ReceiverExecuteMsg {
    Receive(Cw20ReceiveMsg),
}

#[cw_serde]
pub enum ReceiverQueryMsg {
    Received {},
}

#[cw_serde]
pub struct Received {
    /// The token contract that called `Receive`.
    pub token: Addr,
    pub msg: Cw20ReceiveMsg,
}

#[cw_serde]
pub struct ReceivedResponse {
    pub received: Vec<Received>,
}

const RECEIVED: Item<Vec<Received>> = Item::new("received");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    RECEIVED.save(deps.storage, &vec![])?;
    Ok(Response::new())
}

fn record(
    deps: DepsMut,
    _: Env,
    info: MessageInfo,
    msg: ReceiverExecuteMsg,
) -> StdResult<Response> {
    let ReceiverExecuteMsg::Receive(msg) = msg;
    let mut received = RECEIVED.load(deps.storage)?;
    received.push(Received {
        token: info.sender,
        msg,
    });
    RECEIVED.save(deps.storage, &received)?;
    Ok(Response::new().add_attribute("action", "receive"))
}

fn refuse(_: DepsMut, _: Env, _: MessageInfo, _: ReceiverExecuteMsg) -> StdResult<Response> {
    Err(StdError::generic_err(REFUSAL))
}

fn query(deps: Deps, _: Env, msg: ReceiverQueryMsg) -> StdResult<Binary> {
    match msg {
        ReceiverQueryMsg::Received {} => to_json_binary(&ReceivedResponse {
            received: RECEIVED.load(deps.storage)?,
        }),
    }
}

fn recording_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(record, instantiate, query))
}

fn refusing_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(refuse, instantiate, query))
}

impl Suite {
    /// A contract that records what it receives.
    pub fn recording_receiver(&mut self) -> Addr {
        let code = self.app.store_code(recording_contract());
        self.app
            .instantiate_contract(code, self.admin.clone(), &Empty {}, &[], "recorder", None)
            .expect("recorder instantiates")
    }

    /// A contract whose `Receive` always fails.
    pub fn refusing_receiver(&mut self) -> Addr {
        let code = self.app.store_code(refusing_contract());
        self.app
            .instantiate_contract(code, self.admin.clone(), &Empty {}, &[], "refuser", None)
            .expect("refuser instantiates")
    }

    pub fn received(&self, receiver: &Addr) -> Vec<Received> {
        let res: ReceivedResponse = self
            .app
            .wrap()
            .query_wasm_smart(receiver, &ReceiverQueryMsg::Received {})
            .expect("received query");
        res.received
    }
}
