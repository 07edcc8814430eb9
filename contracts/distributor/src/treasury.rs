//! The treasury: funding with native coins, redemption of tokens for them, gifts back to
//! the pool, and the cw20 receive hook that routes a `Send` to the right action.

use cosmwasm_std::{
    coins, from_json, Addr, BankMsg, CosmosMsg, DepsMut, Env, MessageInfo, Response, StdResult,
    Uint128,
};
use cw20::{Cw20Contract, Cw20ExecuteMsg, Cw20ReceiveMsg};
use flow_types::distributor::{BudgetMode, Config, FundRecord, MAX_MEMO_LEN};
use flow_types::holon::HolonReceiveMsg;
use flow_types::validate;

use crate::error::ContractError;
use crate::state::{update_books, CONFIG, FUNDS, FUND_SEQ, HOLONS};

pub fn treasury_denom(config: &Config) -> Result<&str, ContractError> {
    match &config.budget {
        BudgetMode::Treasury { denom } => Ok(denom),
        BudgetMode::Fixed { .. } => Err(ContractError::NoTreasury {}),
    }
}

pub fn execute_fund(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    memo: Option<String>,
) -> Result<Response, ContractError> {
    crate::exchange::ensure_not_settling(&deps, "fund")?;
    let config = CONFIG.load(deps.storage)?;
    let denom = treasury_denom(&config)?;
    let amount = cw_utils::must_pay(&info, denom)?;
    if let Some(m) = &memo {
        validate::optional_text("memo", m, MAX_MEMO_LEN)?;
    }
    update_books(deps.storage, &config, |books| books.fund(amount))?;
    let id = FUND_SEQ.load(deps.storage)? + 1;
    FUND_SEQ.save(deps.storage, &id)?;
    let record = FundRecord {
        id,
        from: info.sender.clone(),
        amount,
        memo,
        cycle: config.clock().cycle_at(env.block.time),
        time: env.block.time,
    };
    FUNDS.save(deps.storage, id, &record)?;
    Ok(Response::new()
        .add_attribute("action", "fund")
        .add_attribute("fund_id", id.to_string())
        .add_attribute("from", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("denom", denom))
}

/// The cw20 hook: `info.sender` is the token contract that moved the tokens to us.
pub fn execute_receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    // cw20-base lets a zero `Send` through; nothing to redeem, gift or exchange.
    if wrapper.amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    let payload: HolonReceiveMsg = from_json(&wrapper.msg)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    let own = info.sender == config.token;
    match payload {
        HolonReceiveMsg::Redeem { recipient } => {
            ensure_own(own, "redeem", &info.sender)?;
            let recipient = match recipient {
                Some(r) => deps.api.addr_validate(&r)?,
                None => sender,
            };
            redeem(deps, &config, wrapper.amount, recipient)
        }
        HolonReceiveMsg::GiftToPool {} => {
            ensure_own(own, "gift_to_pool", &info.sender)?;
            gift_to_pool(deps, &config, wrapper.amount, sender)
        }
        HolonReceiveMsg::Exchange { recipient } => {
            if own {
                return Err(ContractError::UnknownToken {
                    token: info.sender.to_string(),
                });
            }
            if !HOLONS.has(deps.storage, &info.sender) {
                return Err(ContractError::UnknownToken {
                    token: info.sender.to_string(),
                });
            }
            let recipient = match recipient {
                Some(r) => deps.api.addr_validate(&r)?,
                None => sender.clone(),
            };
            crate::exchange::exchange(
                deps,
                env,
                &config,
                info.sender,
                wrapper.amount,
                sender,
                recipient,
            )
        }
    }
}

fn ensure_own(own: bool, action: &str, token: &Addr) -> Result<(), ContractError> {
    if own {
        Ok(())
    } else {
        Err(ContractError::NotOwnToken {
            action: action.into(),
            token: token.to_string(),
        })
    }
}

fn burn(config: &Config, amount: Uint128) -> StdResult<CosmosMsg> {
    Cw20Contract(config.token.clone()).call(Cw20ExecuteMsg::Burn { amount })
}

fn redeem(
    deps: DepsMut,
    config: &Config,
    amount: Uint128,
    recipient: Addr,
) -> Result<Response, ContractError> {
    let denom = treasury_denom(config)?;
    update_books(deps.storage, config, |books| books.redeem(amount))?;
    Ok(Response::new()
        .add_message(burn(config, amount)?)
        .add_message(BankMsg::Send {
            to_address: recipient.to_string(),
            amount: coins(amount.u128(), denom),
        })
        .add_attribute("action", "redeem")
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount)
        .add_attribute("denom", denom))
}

fn gift_to_pool(
    deps: DepsMut,
    config: &Config,
    amount: Uint128,
    from: Addr,
) -> Result<Response, ContractError> {
    update_books(deps.storage, config, |books| books.gift_back(amount))?;
    Ok(Response::new()
        .add_message(burn(config, amount)?)
        .add_attribute("action", "gift_to_pool")
        .add_attribute("from", from)
        .add_attribute("amount", amount))
}
