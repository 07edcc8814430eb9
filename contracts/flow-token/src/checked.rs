//! cw20-base 2.0's `Mint` and `IncreaseAllowance`, with checked additions.
//!
//! cw20-base adds the minted amount to the total supply, and the increase to the allowance,
//! with a panicking `+`; in wasm a panic aborts the call with no message. These two handlers
//! are cw20-base's own code line for line (same checks in the same order, same storage, same
//! attributes), except that each addition is checked and an overflow returns cw20-base's usual
//! error (`Overflow: Cannot Add with given operands`). Running them instead of a guard in
//! front of cw20-base's handlers saves the guard's second read of the same state.

use cosmwasm_std::{attr, DepsMut, Env, MessageInfo, Response, StdError, StdResult, Uint128};
use cw20::{AllowanceResponse, Expiration};
use cw20_base::state::{ALLOWANCES, ALLOWANCES_SPENDER, BALANCES, TOKEN_INFO};
use cw20_base::ContractError as BaseError;

pub(crate) fn overflow(err: cosmwasm_std::OverflowError) -> BaseError {
    BaseError::Std(StdError::from(err))
}

/// cw20-base's `execute_mint`, with the supply's addition checked.
pub fn mint(
    deps: DepsMut,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, BaseError> {
    let mut config = TOKEN_INFO
        .may_load(deps.storage)?
        .ok_or(BaseError::Unauthorized {})?;
    if config
        .mint
        .as_ref()
        .ok_or(BaseError::Unauthorized {})?
        .minter
        != info.sender
    {
        return Err(BaseError::Unauthorized {});
    }

    config.total_supply = config.total_supply.checked_add(amount).map_err(overflow)?;
    if let Some(limit) = config.get_cap() {
        if config.total_supply > limit {
            return Err(BaseError::CannotExceedCap {});
        }
    }
    TOKEN_INFO.save(deps.storage, &config)?;

    // No balance exceeds the supply, so this addition cannot overflow once the supply's did not.
    let rcpt_addr = deps.api.addr_validate(&recipient)?;
    BALANCES.update(deps.storage, &rcpt_addr, |balance| -> StdResult<_> {
        Ok(balance.unwrap_or_default() + amount)
    })?;

    Ok(Response::new()
        .add_attribute("action", "mint")
        .add_attribute("to", recipient)
        .add_attribute("amount", amount))
}

/// cw20-base's `execute_increase_allowance`, with the allowance's addition checked.
pub fn increase_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, BaseError> {
    let spender_addr = deps.api.addr_validate(&spender)?;
    if spender_addr == info.sender {
        return Err(BaseError::CannotSetOwnAccount {});
    }

    let update_fn = |allow: Option<AllowanceResponse>| -> Result<_, BaseError> {
        let mut val = allow.unwrap_or_default();
        if let Some(exp) = expires {
            if exp.is_expired(&env.block) {
                return Err(BaseError::InvalidExpiration {});
            }
            val.expires = exp;
        }
        val.allowance = val.allowance.checked_add(amount).map_err(overflow)?;
        Ok(val)
    };
    ALLOWANCES.update(deps.storage, (&info.sender, &spender_addr), update_fn)?;
    ALLOWANCES_SPENDER.update(deps.storage, (&spender_addr, &info.sender), update_fn)?;

    Ok(Response::new().add_attributes(vec![
        attr("action", "increase_allowance"),
        attr("owner", info.sender),
        attr("spender", spender),
        attr("amount", amount),
    ]))
}
