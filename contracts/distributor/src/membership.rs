//! The cw4 group's `member_changed_hook`: the group tells the distributor who leaves, so that
//! a closed cycle's payouts still name a member removed after its close (owed the baseline
//! for their weight at the close, which the group's snapshots keep). The cost is the
//! change's own diffs (what the group's `update_members` was given), never the group's size.
//!
//! The hook is the message set's own variant (`ExecuteMsg::MemberChangedHook`, cw4's
//! standard shape); only the group may send it.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use cw4::MemberChangedHookMsg;

use crate::error::ContractError;
use crate::state::{CONFIG, DEPARTED};

/// The group reports a change of members: each one removed is remembered with the height.
pub fn execute_member_changed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: MemberChangedHookMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.group {
        return Err(ContractError::NotGroup {
            group: config.group.to_string(),
            sender: info.sender.to_string(),
        });
    }
    let height = env.block.height;
    let mut departed: Vec<String> = vec![];
    // The change's own diffs: as many as the group's `update_members` was given.
    for diff in msg.diffs {
        if diff.old.is_some() && diff.new.is_none() {
            let member = deps.api.addr_validate(&diff.key)?;
            DEPARTED.save(deps.storage, &member, &height)?;
            departed.push(member.into_string());
        }
    }
    Ok(Response::new()
        .add_attribute("action", "member_changed")
        .add_attribute("departed", departed.join(","))
        .add_attribute("height", height.to_string()))
}
