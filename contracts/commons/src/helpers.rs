//! Small checks and the payments every module makes.

use cosmwasm_std::{
    to_json_binary, Addr, CosmosMsg, OverflowError, OverflowOperation, QuerierWrapper, StdError,
    StdResult, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use flow_types::commons::{Config, Totals};
use flow_types::holon::HolonContract;

use crate::error::ContractError;
use crate::state::TOTALS;

pub use flow_types::membership::is_member;

/// A payment the holon's token brought with its `Send`: who paid, and how much.
pub struct Payment {
    pub payer: Addr,
    pub amount: Uint128,
}

/// Fails with `NotAMember` unless `addr` is a member of the group (one raw query).
pub fn assert_member(
    querier: &QuerierWrapper,
    group: &Addr,
    addr: &Addr,
) -> Result<(), ContractError> {
    if is_member(querier, group, addr)? {
        Ok(())
    } else {
        Err(ContractError::NotAMember {
            address: addr.to_string(),
        })
    }
}

/// The id after `last`, or an overflow error.
pub fn next_id(last: u64) -> StdResult<u64> {
    last.checked_add(1)
        .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Add)))
}

/// `price × units`, or `PriceOverflow`.
pub fn price_of(price: Uint128, units: u64) -> Result<Uint128, ContractError> {
    price
        .checked_mul(Uint128::from(units))
        .map_err(|_| ContractError::PriceOverflow { units, price })
}

/// Refuses a payment whose amount is not exactly `price × units`.
pub fn ensure_amount(price: Uint128, units: u64, sent: Uint128) -> Result<(), ContractError> {
    let expected = price_of(price, units)?;
    if sent != expected {
        return Err(ContractError::WrongAmount {
            expected,
            sent,
            units,
            price,
        });
    }
    Ok(())
}

/// The message that sends `amount` of the holon's token to its pool: a cw20 `Send` to the
/// distributor with `GiftToPool {}`, which burns it and frees its backing for the next cycle.
pub fn to_pool(config: &Config, amount: Uint128) -> StdResult<CosmosMsg> {
    HolonContract(config.distributor.clone()).gift_to_pool_msg(&config.token, amount)
}

/// The message that transfers `amount` of the holon's token to `recipient`.
pub fn transfer(config: &Config, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: config.token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
            recipient: recipient.to_string(),
            amount,
        })?,
        funds: vec![],
    }
    .into())
}

/// `a + b`, or an overflow error.
pub fn add(a: Uint128, b: Uint128) -> StdResult<Uint128> {
    a.checked_add(b).map_err(StdError::overflow)
}

/// `a - b`, or an overflow error.
pub fn sub(a: Uint128, b: Uint128) -> StdResult<Uint128> {
    a.checked_sub(b).map_err(StdError::overflow)
}

/// Updates the running totals.
pub fn update_totals(
    storage: &mut dyn Storage,
    f: impl FnOnce(&mut Totals) -> StdResult<()>,
) -> StdResult<Totals> {
    let mut totals = TOTALS.load(storage)?;
    f(&mut totals)?;
    TOTALS.save(storage, &totals)?;
    Ok(totals)
}
