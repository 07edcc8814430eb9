//! Guards that run before cw20-base's own code.
//!
//! cw20-base 2.0 adds with a panicking `+` in three places: the initial supply at
//! instantiation, the total supply on `Mint`, and the allowance on `IncreaseAllowance`.
//! In wasm a panic aborts the call with no message. Each guard below runs first, and only
//! when every check cw20-base makes before that addition would pass, so cw20-base's own
//! errors keep their precedence; where the addition would overflow it returns cw20-base's
//! usual overflow error (`Overflow: Cannot Add with given operands`). No state is written.
//! A holon's token also refuses `Burn` and `BurnFrom` from anyone but its holon
//! ([`ContractError::BurnReserved`]): its treasury counts every token as outstanding.
//! Every other message goes to cw20-base untouched.

use cosmwasm_std::{Deps, Env, MessageInfo, StdError, Uint128};
use cw20::Cw20Coin;
use cw20_base::msg::ExecuteMsg;
use cw20_base::state::{ALLOWANCES, TOKEN_INFO};
use cw20_base::ContractError as BaseError;

use crate::error::ContractError;
use crate::state::HOLON;

fn overflow(err: cosmwasm_std::OverflowError) -> BaseError {
    BaseError::Std(StdError::from(err))
}

/// The initial supply must fit in a `Uint128`.
pub fn initial_supply(initial_balances: &[Cw20Coin]) -> Result<(), BaseError> {
    initial_balances
        .iter()
        .try_fold(Uint128::zero(), |total, coin| {
            total.checked_add(coin.amount)
        })
        .map(|_| ())
        .map_err(overflow)
}

/// Runs before cw20-base's `execute`.
pub fn before_execute(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    msg: &ExecuteMsg,
) -> Result<(), ContractError> {
    match msg {
        ExecuteMsg::Mint { amount, .. } => Ok(mint(deps, info, *amount)?),
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => Ok(increase_allowance(
            deps,
            env,
            info,
            spender,
            *amount,
            expires.as_ref(),
        )?),
        ExecuteMsg::UpdateMarketing {
            project,
            description,
            ..
        } => Ok(marketing_texts(
            project.as_deref(),
            description.as_deref(),
            None,
        )?),
        ExecuteMsg::UploadLogo(cw20::Logo::Url(url)) => Ok(marketing_texts(None, None, Some(url))?),
        ExecuteMsg::Burn { .. } => burn(deps, info, false),
        ExecuteMsg::BurnFrom { .. } => burn(deps, info, true),
        _ => Ok(()),
    }
}

/// A holon's token is burnt only by its holon (the distributor, burning what it was sent to
/// redeem or as a gift to the pool), so that the treasury's outstanding count always equals
/// the supply. The distributor never burns from an allowance. A token without a holon burns
/// as any cw20 does.
fn burn(deps: Deps, info: &MessageInfo, from_allowance: bool) -> Result<(), ContractError> {
    match HOLON.may_load(deps.storage)? {
        Some(holon) if from_allowance || info.sender != holon => Err(ContractError::BurnReserved {
            holon: holon.into_string(),
        }),
        _ => Ok(()),
    }
}

fn mint(deps: Deps, info: &MessageInfo, amount: Uint128) -> Result<(), BaseError> {
    let Some(config) = TOKEN_INFO.may_load(deps.storage)? else {
        return Ok(());
    };
    // Only the minter gets as far as the addition; anyone else gets `Unauthorized` there.
    match config.mint {
        Some(mint) if mint.minter == info.sender => config
            .total_supply
            .checked_add(amount)
            .map(|_| ())
            .map_err(overflow),
        _ => Ok(()),
    }
}

fn increase_allowance(
    deps: Deps,
    env: &Env,
    info: &MessageInfo,
    spender: &str,
    amount: Uint128,
    expires: Option<&cw20::Expiration>,
) -> Result<(), BaseError> {
    // cw20-base's own checks come first: a bad spender, oneself, an expired expiration.
    let Ok(spender_addr) = deps.api.addr_validate(spender) else {
        return Ok(());
    };
    if spender_addr == info.sender || expires.is_some_and(|exp| exp.is_expired(&env.block)) {
        return Ok(());
    }
    let current = ALLOWANCES
        .may_load(deps.storage, (&info.sender, &spender_addr))?
        .unwrap_or_default();
    current
        .allowance
        .checked_add(amount)
        .map(|_| ())
        .map_err(overflow)
}

/// Bounds of the marketing texts, which cw20-base stores unchecked (a value past the VM's
/// 128 KiB limit would abort instead of failing with an error).
pub const MAX_PROJECT_LEN: usize = 1_024;
pub const MAX_DESCRIPTION_LEN: usize = 4_096;
pub const MAX_LOGO_URL_LEN: usize = 1_024;

pub fn marketing_texts(
    project: Option<&str>,
    description: Option<&str>,
    logo_url: Option<&str>,
) -> Result<(), BaseError> {
    for (field, value, max) in [
        ("marketing.project", project, MAX_PROJECT_LEN),
        ("marketing.description", description, MAX_DESCRIPTION_LEN),
        ("marketing.logo url", logo_url, MAX_LOGO_URL_LEN),
    ] {
        if let Some(v) = value {
            flow_types::validate::optional_text(field, v, max)
                .map_err(|e| StdError::generic_err(e.to_string()))?;
        }
    }
    Ok(())
}

/// Longest `start_after` a listing takes: a bech32 address is at most 90 characters. cw20-base
/// uses it as a raw range bound, and a key past the VM's 64 KiB limit would abort.
pub const MAX_START_AFTER_LEN: usize = 90;

pub fn start_after(start_after: Option<&str>) -> Result<(), StdError> {
    match start_after {
        Some(s) if s.len() > MAX_START_AFTER_LEN => Err(StdError::generic_err(format!(
            "start_after is not an address: {} bytes, at most {MAX_START_AFTER_LEN}",
            s.len()
        ))),
        _ => Ok(()),
    }
}
