//! Guards that run before cw20-base's own code.
//!
//! cw20-base 2.0 adds with a panicking `+` in three places: the initial supply at
//! instantiation, the total supply on `Mint`, and the allowance on `IncreaseAllowance`.
//! In wasm a panic aborts the call with no message. The initial supply is checked here
//! before cw20-base's `instantiate` runs; `Mint` and `IncreaseAllowance` run as checked
//! copies of cw20-base's handlers ([`crate::checked`]). Where an addition would overflow,
//! the error is cw20-base's usual `Overflow: Cannot Add with given operands`. The marketing
//! texts and listing bounds below keep values that would abort the VM out of storage.
//! A holon's token also refuses `Burn` and `BurnFrom` from anyone but its holon
//! ([`ContractError::BurnReserved`]): its treasury counts every token as outstanding.
//! Every other message goes to cw20-base untouched.

use cosmwasm_std::{Deps, MessageInfo, StdError, Uint128};
use cw20::Cw20Coin;
use cw20_base::msg::ExecuteMsg;
use cw20_base::ContractError as BaseError;

use crate::error::ContractError;
use crate::state::HOLON;

/// The initial supply must fit in a `Uint128`.
pub fn initial_supply(initial_balances: &[Cw20Coin]) -> Result<(), BaseError> {
    initial_balances
        .iter()
        .try_fold(Uint128::zero(), |total, coin| {
            total.checked_add(coin.amount)
        })
        .map(|_| ())
        .map_err(crate::checked::overflow)
}

/// Runs before cw20-base's `execute`.
pub fn before_execute(
    deps: Deps,
    info: &MessageInfo,
    msg: &ExecuteMsg,
) -> Result<(), ContractError> {
    match msg {
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
