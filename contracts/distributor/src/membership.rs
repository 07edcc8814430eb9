//! The cw4 group's `member_changed_hook`: the group tells the distributor who leaves, so that
//! a closed cycle's payouts still name a member removed after its close (owed the baseline
//! for their weight at the close, which the group's snapshots keep). The cost is the
//! change's own diffs (what the group's `update_members` was given), never the group's size.
//!
//! The distributor's message set is `flow_types::distributor::ExecuteMsg`; the hook, which
//! only the group sends, is read beside it: `Execute` is that set, variant for variant, plus
//! `member_changed_hook`. Its derived deserializer replaces the set's (one copy in the wasm);
//! `From<ExecuteMsg>` and `Execute::into_msg` match both exhaustively, so the two cannot
//! part without a compile error, and a test round-trips every message of the set.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;
use cw4::MemberChangedHookMsg;
use flow_types::distributor::{Contribution, ExecuteMsg, Policy};
use serde::Deserialize;

use crate::error::ContractError;
use crate::state::{CONFIG, DEPARTED};

/// What `execute` takes: one of the distributor's messages (`ExecuteMsg`, same JSON), or the
/// group's hook (`{"member_changed_hook": {"diffs": [...]}}`).
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Execute {
    Record {
        contribution: Contribution,
    },
    CloseCycle {},
    Claim {
        cycle: Option<u64>,
        member: Option<String>,
    },
    Fund {
        memo: Option<String>,
    },
    SetPolicy {
        policy: Policy,
    },
    Receive(Cw20ReceiveMsg),
    AcceptHolon {
        distributor: String,
        rate: Decimal,
        credit_limit: Uint128,
    },
    UpdateHolon {
        token: String,
        rate: Option<Decimal>,
        credit_limit: Option<Uint128>,
        enabled: Option<bool>,
    },
    RemoveHolon {
        token: String,
    },
    SettleForeign {
        token: String,
        amount: Option<Uint128>,
    },
    ReturnForeign {
        token: String,
        recipient: String,
        amount: Uint128,
    },
    UpdateOwnership(cw_ownable::Action),
    /// The cw4 group (its hook): members added, changed and removed.
    MemberChangedHook(MemberChangedHookMsg),
}

impl Execute {
    /// The distributor's message, or the group's hook.
    pub fn into_msg(self) -> Result<ExecuteMsg, MemberChangedHookMsg> {
        Ok(match self {
            Execute::Record { contribution } => ExecuteMsg::Record { contribution },
            Execute::CloseCycle {} => ExecuteMsg::CloseCycle {},
            Execute::Claim { cycle, member } => ExecuteMsg::Claim { cycle, member },
            Execute::Fund { memo } => ExecuteMsg::Fund { memo },
            Execute::SetPolicy { policy } => ExecuteMsg::SetPolicy { policy },
            Execute::Receive(msg) => ExecuteMsg::Receive(msg),
            Execute::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            } => ExecuteMsg::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            },
            Execute::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            } => ExecuteMsg::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            },
            Execute::RemoveHolon { token } => ExecuteMsg::RemoveHolon { token },
            Execute::SettleForeign { token, amount } => ExecuteMsg::SettleForeign { token, amount },
            Execute::ReturnForeign {
                token,
                recipient,
                amount,
            } => ExecuteMsg::ReturnForeign {
                token,
                recipient,
                amount,
            },
            Execute::UpdateOwnership(action) => ExecuteMsg::UpdateOwnership(action),
            Execute::MemberChangedHook(hook) => return Err(hook),
        })
    }
}

impl From<ExecuteMsg> for Execute {
    fn from(msg: ExecuteMsg) -> Self {
        match msg {
            ExecuteMsg::Record { contribution } => Execute::Record { contribution },
            ExecuteMsg::CloseCycle {} => Execute::CloseCycle {},
            ExecuteMsg::Claim { cycle, member } => Execute::Claim { cycle, member },
            ExecuteMsg::Fund { memo } => Execute::Fund { memo },
            ExecuteMsg::SetPolicy { policy } => Execute::SetPolicy { policy },
            ExecuteMsg::Receive(msg) => Execute::Receive(msg),
            ExecuteMsg::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            } => Execute::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            },
            ExecuteMsg::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            } => Execute::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            },
            ExecuteMsg::RemoveHolon { token } => Execute::RemoveHolon { token },
            ExecuteMsg::SettleForeign { token, amount } => Execute::SettleForeign { token, amount },
            ExecuteMsg::ReturnForeign {
                token,
                recipient,
                amount,
            } => Execute::ReturnForeign {
                token,
                recipient,
                amount,
            },
            ExecuteMsg::UpdateOwnership(action) => Execute::UpdateOwnership(action),
        }
    }
}

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
