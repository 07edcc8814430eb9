//! Cross-holon exchange: an acceptance list of foreign holons, the exchange of their
//! tokens into ours, and settlement of what we hold at their treasury.

use cosmwasm_std::{
    Addr, Decimal, DepsMut, Env, MessageInfo, QuerierWrapper, Response, SubMsg, Uint128,
};
use cw20::{Cw20Contract, Cw20ExecuteMsg, MinterResponse};
use flow_types::distributor::{AcceptedHolon, BudgetMode, Config};
use flow_types::holon::HolonContract;
use flow_types::token::{HolonResponse, QueryMsg as TokenQuery};
use flow_types::validate;

use crate::error::ContractError;
use crate::policy::version_for;
use crate::state::{update_books, Settling, CONFIG, HOLONS, SETTLING, TREASURY};

const MAX_RATE: u64 = 1_000_000;

/// The reply id of a settlement's redeem at the foreign holon (`settle_reply`).
pub const REPLY_SETTLE: u64 = 3;

fn validate_rate(rate: Decimal) -> Result<(), ContractError> {
    validate::decimal_in(
        "rate",
        rate,
        Decimal::raw(1),
        Decimal::from_ratio(MAX_RATE, 1u64),
    )?;
    Ok(())
}

pub fn execute_accept_holon(
    deps: DepsMut,
    info: MessageInfo,
    distributor: String,
    rate: Decimal,
    credit_limit: Uint128,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_rate(rate)?;
    let distributor = deps.api.addr_validate(&distributor)?;
    let holon = HolonContract(distributor.clone()).info(&deps.querier)?;
    if holon.distributor != distributor {
        return Err(ContractError::HolonMismatch {
            distributor: distributor.to_string(),
        });
    }
    ensure_issued_by(&deps.querier, &holon.token, &distributor)?;
    let config = CONFIG.load(deps.storage)?;
    if holon.token == config.token {
        return Err(ContractError::OwnTokenAsForeign {});
    }
    if let Some(existing) = HOLONS.may_load(deps.storage, &holon.token)? {
        if !existing.removed {
            return Err(ContractError::HolonAlreadyAccepted {
                distributor: distributor.to_string(),
                token: holon.token.to_string(),
            });
        }
    }
    let previous = HOLONS.may_load(deps.storage, &holon.token)?;
    let accepted = AcceptedHolon {
        token: holon.token.clone(),
        distributor: distributor.clone(),
        name: holon.name.clone(),
        rate,
        credit_limit,
        enabled: true,
        holdings: previous.as_ref().map(|p| p.holdings).unwrap_or_default(),
        treasury_denom: holon.treasury_denom,
        total_received: previous
            .as_ref()
            .map(|p| p.total_received)
            .unwrap_or_default(),
        total_minted: previous
            .as_ref()
            .map(|p| p.total_minted)
            .unwrap_or_default(),
        total_settled: previous
            .as_ref()
            .map(|p| p.total_settled)
            .unwrap_or_default(),
        total_returned: previous
            .as_ref()
            .map(|p| p.total_returned)
            .unwrap_or_default(),
        removed: false,
    };
    HOLONS.save(deps.storage, &holon.token, &accepted)?;
    Ok(Response::new()
        .add_attribute("action", "accept_holon")
        .add_attribute("holon", holon.name)
        .add_attribute("distributor", distributor)
        .add_attribute("token", holon.token)
        .add_attribute("rate", rate.to_string())
        .add_attribute("credit_limit", credit_limit))
}

/// Fails unless `token` is `distributor`'s: the token names it as its holon (a fake
/// distributor cannot claim a real token: `HolonMismatch`), and only it may mint the token
/// (a token that names a holon but someone else mints is worth what that someone decides:
/// `MinterMismatch`). Returns the minter's cap on the supply, if it has one.
pub fn ensure_issued_by(
    querier: &QuerierWrapper,
    token: &Addr,
    distributor: &Addr,
) -> Result<Option<Uint128>, ContractError> {
    let mismatch = || ContractError::HolonMismatch {
        distributor: distributor.to_string(),
    };
    let issuer: HolonResponse = querier
        .query_wasm_smart(token, &TokenQuery::Holon {})
        .map_err(|_| mismatch())?;
    if issuer.holon.as_ref() != Some(distributor) {
        return Err(mismatch());
    }
    let minter: Option<MinterResponse> = querier
        .query_wasm_smart(token, &TokenQuery::Minter {})
        .unwrap_or(None);
    match minter {
        Some(m) if m.minter == distributor.as_str() => Ok(m.cap),
        _ => Err(ContractError::MinterMismatch {
            token: token.to_string(),
            distributor: distributor.to_string(),
        }),
    }
}

fn load_holon(deps: &DepsMut, token: &str) -> Result<(Addr, AcceptedHolon), ContractError> {
    let token = deps.api.addr_validate(token)?;
    let holon =
        HOLONS
            .may_load(deps.storage, &token)?
            .ok_or_else(|| ContractError::UnknownToken {
                token: token.to_string(),
            })?;
    Ok((token, holon))
}

/// Takes `amount` out of the foreign tokens held (settlement or return).
fn take_holdings(
    token: &Addr,
    holon: &mut AcceptedHolon,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    if amount > holon.holdings {
        return Err(ContractError::InsufficientHoldings {
            token: token.to_string(),
            holdings: holon.holdings,
            amount,
        });
    }
    holon.holdings -= amount;
    Ok(())
}

pub fn execute_update_holon(
    deps: DepsMut,
    info: MessageInfo,
    token: String,
    rate: Option<Decimal>,
    credit_limit: Option<Uint128>,
    enabled: Option<bool>,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (token, mut holon) = load_holon(&deps, &token)?;
    if enabled == Some(true) && holon.removed {
        return Err(ContractError::HolonRemoved {
            token: token.to_string(),
        });
    }
    if let Some(rate) = rate {
        validate_rate(rate)?;
        holon.rate = rate;
    }
    if let Some(limit) = credit_limit {
        holon.credit_limit = limit;
    }
    if let Some(enabled) = enabled {
        holon.enabled = enabled;
    }
    HOLONS.save(deps.storage, &token, &holon)?;
    Ok(Response::new()
        .add_attribute("action", "update_holon")
        .add_attribute("token", token)
        .add_attribute("rate", holon.rate.to_string())
        .add_attribute("credit_limit", holon.credit_limit)
        .add_attribute("enabled", holon.enabled.to_string()))
}

pub fn execute_remove_holon(
    deps: DepsMut,
    info: MessageInfo,
    token: String,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (token, mut holon) = load_holon(&deps, &token)?;
    holon.enabled = false;
    holon.removed = true;
    HOLONS.save(deps.storage, &token, &holon)?;
    Ok(Response::new()
        .add_attribute("action", "remove_holon")
        .add_attribute("token", token)
        .add_attribute("holdings", holon.holdings))
}

/// Foreign tokens arrived with an `exchange` payload: keep them, mint ours at the rate.
pub fn exchange(
    deps: DepsMut,
    _env: Env,
    config: &Config,
    token: Addr,
    amount: Uint128,
    sender: Addr,
    recipient: Addr,
) -> Result<Response, ContractError> {
    let mut holon =
        HOLONS
            .may_load(deps.storage, &token)?
            .ok_or_else(|| ContractError::UnknownToken {
                token: token.to_string(),
            })?;
    if !holon.enabled || holon.removed {
        return Err(ContractError::HolonDisabled {
            token: token.to_string(),
        });
    }
    let holdings = holon.holdings.checked_add(amount)?;
    if holdings > holon.credit_limit {
        return Err(ContractError::OverCreditLimit {
            holdings: holon.holdings,
            amount,
            limit: holon.credit_limit,
        });
    }
    let minted = amount
        .checked_mul_floor(holon.rate)
        .map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?;
    if minted.is_zero() {
        return Err(ContractError::ExchangeRoundsToZero {
            amount,
            rate: holon.rate,
        });
    }
    // Our tokens minted for foreign ones are backed by our treasury like any other.
    update_books(deps.storage, config, |books| books.mint_for_foreign(minted))?;
    holon.holdings = holdings;
    holon.total_received = holon.total_received.checked_add(amount)?;
    holon.total_minted = holon.total_minted.checked_add(minted)?;
    HOLONS.save(deps.storage, &token, &holon)?;
    let mint = Cw20Contract(config.token.clone()).call(Cw20ExecuteMsg::Mint {
        recipient: recipient.to_string(),
        amount: minted,
    })?;
    Ok(Response::new()
        .add_message(mint)
        .add_attribute("action", "exchange")
        .add_attribute("foreign_token", token)
        .add_attribute("from", sender)
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount)
        .add_attribute("minted", minted))
}

pub fn execute_settle_foreign(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token: String,
    amount: Option<Uint128>,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    ensure_not_settling(&deps, "settle_foreign")?;
    let config = CONFIG.load(deps.storage)?;
    let cycle = config.clock().cycle_at(env.block.time);
    let (_, policy) = version_for(deps.storage, cycle)?;
    if !policy.anyone_may_settle {
        cw_ownable::assert_owner(deps.storage, &info.sender)?;
    }
    let (token, mut holon) = load_holon(&deps, &token)?;
    let local = match &config.budget {
        BudgetMode::Treasury { denom } => Some(denom.clone()),
        BudgetMode::Fixed { .. } => None,
    };
    let denom = match (&local, &holon.treasury_denom) {
        (Some(l), Some(f)) if l == f => l.clone(),
        _ => {
            return Err(ContractError::SettlementDenomMismatch {
                foreign: holon.treasury_denom.clone(),
                local,
            });
        }
    };
    let amount = amount.unwrap_or(holon.holdings);
    take_holdings(&token, &mut holon, amount)?;
    HOLONS.save(deps.storage, &token, &holon)?;
    let balance_before = deps
        .querier
        .query_balance(&env.contract.address, &denom)?
        .amount;
    SETTLING.save(
        deps.storage,
        &Settling {
            token: token.clone(),
            amount,
            balance_before,
            denom,
        },
    )?;
    let redeem = HolonContract(holon.distributor.clone()).redeem_msg(&token, amount, None)?;
    Ok(Response::new()
        .add_submessage(SubMsg::reply_on_success(redeem, REPLY_SETTLE))
        .add_attribute("action", "settle_foreign")
        .add_attribute("foreign_token", token)
        .add_attribute("amount", amount))
}

/// Refuses `action` while a settlement is in flight: the foreign holon's distributor runs
/// between our redeem message and its reply, and may call us. What moves the treasury's
/// coins onto the books (`fund`) or starts another settlement waits, so that the reply
/// alone counts what the settlement paid.
pub fn ensure_not_settling(deps: &DepsMut, action: &str) -> Result<(), ContractError> {
    if SETTLING.exists(deps.storage) {
        return Err(ContractError::SettlementInProgress {
            action: action.into(),
        });
    }
    Ok(())
}

/// After the foreign holon's redeem: what arrived joins our treasury, if it really arrived
/// and the books stay within the coins the bank holds for us.
pub fn settle_reply(deps: DepsMut, env: Env) -> Result<Response, ContractError> {
    let s = SETTLING.load(deps.storage)?;
    SETTLING.remove(deps.storage);
    let after = deps
        .querier
        .query_balance(&env.contract.address, &s.denom)?
        .amount;
    let received = after.checked_sub(s.balance_before)?;
    if received != s.amount {
        return Err(ContractError::SettlementShortfall {
            expected: s.amount,
            received,
        });
    }
    // Whatever the foreign contract did in between (paid us through another path, redeemed
    // our tokens, …), the books never claim more than the bank holds.
    let mut books = TREASURY.load(deps.storage)?;
    books.settle(received, after)?;
    TREASURY.save(deps.storage, &books)?;
    HOLONS.update(deps.storage, &s.token, |h| -> Result<_, ContractError> {
        let mut h = h.ok_or_else(|| ContractError::UnknownToken {
            token: s.token.to_string(),
        })?;
        h.total_settled = h.total_settled.checked_add(received)?;
        Ok(h)
    })?;
    Ok(Response::new()
        .add_attribute("action", "settled")
        .add_attribute("foreign_token", s.token)
        .add_attribute("received", received))
}

pub fn execute_return_foreign(
    deps: DepsMut,
    info: MessageInfo,
    token: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    let (token, mut holon) = load_holon(&deps, &token)?;
    take_holdings(&token, &mut holon, amount)?;
    holon.total_returned = holon.total_returned.checked_add(amount)?;
    HOLONS.save(deps.storage, &token, &holon)?;
    let transfer = Cw20Contract(token.clone()).call(Cw20ExecuteMsg::Transfer {
        recipient: recipient.to_string(),
        amount,
    })?;
    Ok(Response::new()
        .add_message(transfer)
        .add_attribute("action", "return_foreign")
        .add_attribute("foreign_token", token)
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount))
}
