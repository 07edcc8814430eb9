//! Membership, read from the cw4 group with a raw query of its member key (one storage
//! read in the group contract, no contract call).

use cosmwasm_std::{Addr, QuerierWrapper};

use crate::error::ContractError;

/// A member is listed in the group with a weight above zero.
pub fn is_member(
    querier: &QuerierWrapper,
    group: &Addr,
    addr: &Addr,
) -> Result<bool, ContractError> {
    Ok(flow_types::membership::is_member(querier, group, addr)?)
}

pub fn ensure_member(
    querier: &QuerierWrapper,
    group: &Addr,
    addr: &Addr,
) -> Result<(), ContractError> {
    if is_member(querier, group, addr)? {
        Ok(())
    } else {
        Err(ContractError::NotAMember {
            address: addr.clone(),
        })
    }
}
