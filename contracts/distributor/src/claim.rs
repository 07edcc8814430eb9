//! Pull claims: a member (or anyone on their behalf) mints what a closed cycle owes them.
//! The cost is proportional to the categories the member touched, never to the holon.

use cosmwasm_std::{
    Addr, Decimal, Deps, DepsMut, Env, MessageInfo, Order, Response, StdResult, Uint128,
};
use cw20::{Cw20Contract, Cw20ExecuteMsg};
use flow_types::distributor::{Config, ExplainCategory, MAX_CLAIM_CYCLES};

use crate::error::ContractError;
use crate::state::{
    update_books, Closed, MemberCategoryTotals, CLAIMED_AMOUNTS, CLAIM_CURSOR, CLAIM_TOTALS,
    CLOSED, CONFIG, MEMBER_CATEGORY_TOTALS, NEXT_TO_CLOSE, PINNED_FACTORS,
};
use crate::weighting;

/// What a closed cycle owes one member, category by category.
pub struct Owed {
    pub categories: Vec<ExplainCategory>,
    pub weight: Decimal,
    pub contribution: Uint128,
    pub baseline: Uint128,
}

impl Owed {
    pub fn total(&self) -> StdResult<Uint128> {
        Ok(self.contribution.checked_add(self.baseline)?)
    }
}

pub fn member_contributions(
    deps: Deps,
    cycle: u64,
    member: &Addr,
) -> StdResult<Vec<(String, MemberCategoryTotals)>> {
    MEMBER_CATEGORY_TOTALS
        .prefix((cycle, member))
        .range(deps.storage, None, None, Order::Ascending)
        .collect()
}

pub fn explain_categories(
    contributions: Vec<(String, MemberCategoryTotals)>,
    factor_of: impl Fn(&str) -> StdResult<Decimal>,
    total_weight: Decimal,
) -> StdResult<(Vec<ExplainCategory>, Decimal)> {
    let mut weight = Decimal::zero();
    let mut out = Vec::with_capacity(contributions.len());
    for (category, acc) in contributions {
        let factor = factor_of(&category)?;
        let w = weighting::weight(factor, acc.weighted)?;
        weight = weight.checked_add(w)?;
        out.push(ExplainCategory {
            multiplier: if acc.credit.is_zero() {
                Decimal::one()
            } else {
                acc.weighted
                    .checked_div(acc.credit)
                    .unwrap_or(Decimal::one())
            },
            share: weighting::share(w, total_weight),
            category,
            hours: acc.hours,
            base_credit: acc.credit,
            credit: acc.weighted,
            factor,
            weight: w,
        });
    }
    Ok((out, weight))
}

/// The member's weight in the group at a height (0 when not a member).
pub fn member_weight_at(deps: Deps, config: &Config, member: &Addr, height: u64) -> StdResult<u64> {
    Ok(cw4::Cw4Contract(config.group.clone())
        .member_at_height(&deps.querier, member.to_string(), Some(height))?
        .unwrap_or(0))
}

pub fn owed(
    deps: Deps,
    config: &Config,
    cycle: u64,
    closed: &Closed,
    member: &Addr,
) -> StdResult<Owed> {
    let contributions = member_contributions(deps, cycle, member)?;
    let (categories, weight) = explain_categories(
        contributions,
        |c| Ok(PINNED_FACTORS.load(deps.storage, (cycle, c))?.factor),
        closed.total_weight,
    )?;
    // The group is read only when the cycle has a baseline share.
    let group_weight = if closed.baseline_each.is_zero() {
        0
    } else {
        member_weight_at(deps, config, member, closed.height)?
    };
    let (contribution, baseline) = weighting::member_amounts(
        closed.contribution_pool,
        weight,
        closed.total_weight,
        closed.baseline_each,
        group_weight,
    )?;
    Ok(Owed {
        categories,
        weight,
        contribution,
        baseline,
    })
}

/// Claims cycle `cycle` for `member`; returns the amount (zero: nothing due).
fn claim_one(
    deps: &mut DepsMut,
    config: &Config,
    cycle: u64,
    member: &Addr,
) -> Result<Uint128, ContractError> {
    let closed = CLOSED.load(deps.storage, cycle)?;
    claim_closed(deps, config, cycle, &closed, member)
}

/// Claims a closed cycle whose record is already loaded.
fn claim_closed(
    deps: &mut DepsMut,
    config: &Config,
    cycle: u64,
    closed: &Closed,
    member: &Addr,
) -> Result<Uint128, ContractError> {
    let amount = owed(deps.as_ref(), config, cycle, closed, member)?.total()?;
    if amount.is_zero() {
        return Ok(amount);
    }
    CLAIMED_AMOUNTS.save(deps.storage, (cycle, member), &amount)?;
    let (sum, count) = CLAIM_TOTALS
        .may_load(deps.storage, cycle)?
        .unwrap_or_default();
    CLAIM_TOTALS.save(deps.storage, cycle, &(sum.checked_add(amount)?, count + 1))?;
    Ok(amount)
}

pub fn execute_claim(
    mut deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    cycle: Option<u64>,
    member: Option<String>,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    let member = match member {
        Some(m) => deps.api.addr_validate(&m)?,
        None => info.sender.clone(),
    };
    let mut claimed: Vec<(u64, Uint128)> = vec![];
    // A bulk claim's window: the cycles it looked at, and the first cycle the next one looks at.
    let mut scanned: Option<(u64, u64, u64)> = None;
    match cycle {
        Some(cycle) => {
            // A cycle is closed exactly when its record exists.
            let Some(closed) = CLOSED.may_load(deps.storage, cycle)? else {
                return Err(ContractError::CycleNotClosed {
                    cycle,
                    next_to_close: NEXT_TO_CLOSE.load(deps.storage)?,
                });
            };
            if CLAIMED_AMOUNTS.has(deps.storage, (cycle, &member)) {
                return Err(ContractError::AlreadyClaimed {
                    cycle,
                    member: member.to_string(),
                });
            }
            let amount = claim_closed(&mut deps, &config, cycle, &closed, &member)?;
            if !amount.is_zero() {
                claimed.push((cycle, amount));
            }
        }
        None => {
            let next_to_close = NEXT_TO_CLOSE.load(deps.storage)?;
            let from = CLAIM_CURSOR.may_load(deps.storage, &member)?.unwrap_or(1);
            let to = next_to_close.min(from.saturating_add(MAX_CLAIM_CYCLES));
            for cycle in from..to {
                if CLAIMED_AMOUNTS.has(deps.storage, (cycle, &member)) {
                    continue;
                }
                let amount = claim_one(&mut deps, &config, cycle, &member)?;
                if !amount.is_zero() {
                    claimed.push((cycle, amount));
                }
            }
            if to > from {
                CLAIM_CURSOR.save(deps.storage, &member, &to)?;
                scanned = Some((from, to, next_to_close));
            }
        }
    }
    let total = claimed
        .iter()
        .try_fold(Uint128::zero(), |s, (_, a)| s.checked_add(*a))?;
    let bulk_attributes = |res: Response| match scanned {
        Some((from, to, next_to_close)) => res
            .add_attribute("scanned_from", from.to_string())
            .add_attribute("next_cycle", to.to_string())
            .add_attribute("more", (to < next_to_close).to_string()),
        None => res,
    };
    if total.is_zero() {
        // A bulk claim that looked at cycles owing nothing still moves the member's cursor
        // past them, so that the next one looks further: it always makes progress. Only a
        // claim with nothing left to look at is refused.
        if scanned.is_some() {
            return Ok(bulk_attributes(
                Response::new()
                    .add_attribute("action", "claim")
                    .add_attribute("member", member)
                    .add_attribute("cycles", "")
                    .add_attribute("amount", Uint128::zero())
                    .add_attribute("claimed_by", info.sender),
            ));
        }
        return Err(ContractError::NothingToClaim {
            member: member.to_string(),
        });
    }
    update_books(deps.storage, &config, |books| books.claim(total))?;
    let mint = Cw20Contract(config.token.clone()).call(Cw20ExecuteMsg::Mint {
        recipient: member.to_string(),
        amount: total,
    })?;
    let cycles: Vec<String> = claimed.iter().map(|(c, _)| c.to_string()).collect();
    Ok(bulk_attributes(
        Response::new()
            .add_message(mint)
            .add_attribute("action", "claim")
            .add_attribute("member", member)
            .add_attribute("cycles", cycles.join(","))
            .add_attribute("amount", total)
            .add_attribute("claimed_by", info.sender),
    ))
}
