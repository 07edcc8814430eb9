//! Replies: the addresses of the contracts the distributor creates at instantiation, and
//! the end of a settlement (`exchange::settle_reply`).

use cosmwasm_std::{Addr, DepsMut, Env, Reply, Response, StdError, SubMsgResult};

use crate::error::ContractError;
use crate::exchange::{settle_reply, REPLY_SETTLE};
use crate::state::CONFIG;

/// The flow-token's instantiation (its address becomes `config.token`).
pub const REPLY_TOKEN: u64 = 1;
/// The attestation contract's instantiation (its address becomes `config.attestation`).
pub const REPLY_ATTESTATION: u64 = 2;

/// The address of the contract a successful instantiate submessage created.
pub fn instantiated_address(deps: &DepsMut, result: SubMsgResult) -> Result<Addr, ContractError> {
    let response = result.into_result().map_err(StdError::generic_err)?;
    #[allow(deprecated)]
    let data = response
        .msg_responses
        .first()
        .map(|r| r.value.clone())
        .or(response.data);
    if let Some(data) = data {
        if let Ok(parsed) = cw_utils::parse_instantiate_response_data(&data) {
            return Ok(deps.api.addr_validate(&parsed.contract_address)?);
        }
    }
    // Fall back to the `instantiate` event every chain emits.
    let addr = response
        .events
        .iter()
        .filter(|e| e.ty == "instantiate")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "_contract_address")
        .map(|a| a.value.clone())
        .ok_or_else(|| StdError::generic_err("instantiate reply without a contract address"))?;
    Ok(deps.api.addr_validate(&addr)?)
}

pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    match msg.id {
        REPLY_TOKEN => {
            let addr = instantiated_address(&deps, msg.result)?;
            CONFIG.update(deps.storage, |mut c| -> Result<_, ContractError> {
                c.token = addr.clone();
                Ok(c)
            })?;
            Ok(Response::new().add_attribute("token", addr))
        }
        REPLY_ATTESTATION => {
            let addr = instantiated_address(&deps, msg.result)?;
            CONFIG.update(deps.storage, |mut c| -> Result<_, ContractError> {
                c.attestation = addr.clone();
                Ok(c)
            })?;
            Ok(Response::new().add_attribute("attestation", addr))
        }
        REPLY_SETTLE => settle_reply(deps, env),
        id => Err(ContractError::UnknownReply { id }),
    }
}
