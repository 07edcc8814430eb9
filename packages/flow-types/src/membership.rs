//! Membership in a holon's cw4 group, read with a raw query of the group's member key: one
//! storage read in the group contract, no contract call.

use cosmwasm_std::{Addr, QuerierWrapper, StdResult};
use cw4::Cw4Contract;

/// Whether `addr` is listed in the cw4 `group` with a weight above zero.
pub fn is_member(querier: &QuerierWrapper, group: &Addr, addr: &Addr) -> StdResult<bool> {
    let weight = Cw4Contract(group.clone()).is_member(querier, addr, None)?;
    Ok(matches!(weight, Some(w) if w > 0))
}
