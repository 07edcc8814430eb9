//! cw3-flex-multisig 2.0's entry points, exported from this crate's cdylib (a dependency's
//! `#[entry_point]`s are not exported from another crate's wasm). cw3-flex-multisig 2.0 has no
//! migrate entry point: a multisig that is its own wasm admin cannot be migrated, only replaced.

use cosmwasm_std::{entry_point, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use cw3_flex_multisig::msg::{ExecuteMsg, InstantiateMsg, QueryMsg};
use cw3_flex_multisig::ContractError;

#[entry_point]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw3_flex_multisig::contract::instantiate(deps, env, info, msg)
}

#[entry_point]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    cw3_flex_multisig::contract::execute(deps, env, info, msg)
}

#[entry_point]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    cw3_flex_multisig::contract::query(deps, env, msg)
}
