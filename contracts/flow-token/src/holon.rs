//! The one thing a flow-token adds to cw20: which holon issued it.

use cosmwasm_std::{Api, Deps, StdResult, Storage};
use flow_types::token::HolonResponse;

use crate::error::ContractError;
use crate::state::HOLON;

/// Validates `holon` (if any) and stores it.
pub fn save_holon(
    storage: &mut dyn Storage,
    api: &dyn Api,
    holon: Option<&str>,
) -> Result<Option<String>, ContractError> {
    let Some(holon) = holon else {
        return Ok(None);
    };
    let holon_addr = api
        .addr_validate(holon)
        .map_err(|err| ContractError::InvalidHolon {
            address: holon.to_string(),
            reason: err.to_string(),
        })?;
    HOLON.save(storage, &holon_addr)?;
    Ok(Some(holon_addr.into_string()))
}

pub fn query_holon(deps: Deps) -> StdResult<HolonResponse> {
    Ok(HolonResponse {
        holon: HOLON.may_load(deps.storage)?,
    })
}
