//! Closing a cycle: pins the budget, the factors N_c and the total weight W. The cost is
//! proportional to the number of categories touched in the cycle (at most 64), never to
//! members or contributions.

use std::collections::BTreeMap;

use cosmwasm_std::{Decimal, Deps, DepsMut, Env, MessageInfo, Order, Response, StdResult, Uint128};
use cw4::Cw4QueryMsg;
use flow_types::distributor::{BudgetMode, Config, Policy, Scarcity};
use flow_types::registry::{CategoriesResponse, DemandResponse, QueryMsg as RegistryQuery};

use crate::error::ContractError;
use crate::policy::version_for;
use crate::state::{
    CategoryTotals, Closed, PinnedFactor, Treasury, CATEGORY_TOTALS, CLOSED, CONFIG, NEXT_TO_CLOSE,
    PINNED_FACTORS, TREASURY,
};
use crate::weighting;

/// A cycle's factors and total weight, computed from its per-category totals.
pub struct Weighed {
    pub factors: Vec<(String, PinnedFactor)>,
    pub total_weight: Decimal,
}

/// Computes N_c and W for `cycle` under `policy`, querying the registry at most once.
pub fn weigh(deps: Deps, config: &Config, policy: &Policy, cycle: u64) -> StdResult<Weighed> {
    let cats: Vec<(String, CategoryTotals)> = CATEGORY_TOTALS
        .prefix(cycle)
        .range(deps.storage, None, None, Order::Ascending)
        .collect::<StdResult<_>>()?;
    // What the registry must tell: demand (auto), or category defaults (fixed, unlisted).
    let mut requesters: BTreeMap<String, u32> = BTreeMap::new();
    let mut defaults: BTreeMap<String, Decimal> = BTreeMap::new();
    if policy.model.uses_scarcity() && !cats.is_empty() {
        match &policy.scarcity {
            Scarcity::Auto { .. } => {
                let demand: DemandResponse = deps
                    .querier
                    .query_wasm_smart(&config.registry, &RegistryQuery::Demand {})?;
                requesters = demand
                    .demand
                    .into_iter()
                    .map(|d| (d.category, d.requesters))
                    .collect();
            }
            Scarcity::Fixed { factors } => {
                // Factors are pinned at a cycle's first record in a category; only totals
                // recorded before that (an upgrade mid-cycle) ask the registry now.
                if cats.iter().any(|(c, acc)| {
                    acc.pinned_factor.is_none() && !factors.iter().any(|f| &f.category == c)
                }) {
                    let res: CategoriesResponse = deps
                        .querier
                        .query_wasm_smart(&config.registry, &RegistryQuery::Categories {})?;
                    defaults = res
                        .categories
                        .into_iter()
                        .map(|c| (c.id, c.need_factor))
                        .collect();
                }
            }
        }
    }
    let auto = matches!(policy.scarcity, Scarcity::Auto { .. }) && policy.model.uses_scarcity();
    let mut total_weight = Decimal::zero();
    let mut factors = Vec::with_capacity(cats.len());
    for (category, acc) in cats {
        let r = requesters.get(&category).copied().unwrap_or(0);
        let factor = weighting::scarcity_factor(
            policy,
            &category,
            r,
            acc.contributors,
            acc.pinned_factor
                .or_else(|| defaults.get(&category).copied()),
        );
        let weight = weighting::weight(factor, acc.weighted)?;
        total_weight = total_weight.checked_add(weight)?;
        factors.push((
            category,
            PinnedFactor {
                factor,
                requesters: auto.then_some(r),
                weight,
            },
        ));
    }
    Ok(Weighed {
        factors,
        total_weight,
    })
}

/// The treasury's books, in `treasury` budget mode (none in `fixed`).
pub fn treasury_books(deps: Deps, config: &Config) -> StdResult<Option<Treasury>> {
    match config.budget {
        BudgetMode::Treasury { .. } => Ok(Some(TREASURY.load(deps.storage)?)),
        BudgetMode::Fixed { .. } => Ok(None),
    }
}

/// The budget B of a cycle closing now, and what the reserve keeps back.
pub fn budget(
    config: &Config,
    policy: &Policy,
    treasury: Option<&Treasury>,
) -> StdResult<(Uint128, Uint128)> {
    let unallocated = treasury.map(Treasury::unallocated).unwrap_or_default();
    weighting::cycle_budget(&config.budget, unallocated, policy.reserve)
}

pub fn group_weight(deps: Deps, config: &Config, height: Option<u64>) -> StdResult<u64> {
    let res: cw4::TotalWeightResponse = deps.querier.query_wasm_smart(
        &config.group,
        &Cw4QueryMsg::TotalWeight { at_height: height },
    )?;
    Ok(res.weight)
}

pub fn execute_close_cycle(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    let cycle = NEXT_TO_CLOSE.load(deps.storage)?;
    let clock = config.clock();
    if !clock.has_ended(cycle, env.block.time) {
        return Err(ContractError::CycleNotEnded {
            cycle,
            ends: clock.end_of(cycle),
        });
    }
    let (version, policy) = version_for(deps.storage, cycle)?;
    let weighed = weigh(deps.as_ref(), &config, &policy, cycle)?;
    // The treasury is read once: for the budget, then to allocate it.
    let mut treasury = treasury_books(deps.as_ref(), &config)?;
    let budget = budget(&config, &policy, treasury.as_ref())?;

    // Membership as of the start of this block: immutable from here on, so claims that
    // read a member's weight at the same height can never exceed the pool.
    let height = env.block.height;
    let members_weight = if policy.baseline.is_zero() {
        0
    } else {
        group_weight(deps.as_ref(), &config, Some(height))?
    };
    let weighting::Pools {
        budget,
        reserve_kept,
        baseline_pool,
        baseline_each,
        contribution_pool,
        allocated,
    } = weighting::pools(
        budget,
        policy.baseline,
        members_weight,
        weighed.total_weight,
    )?;
    if let Some(books) = treasury.as_mut() {
        books.allocate(allocated)?;
        TREASURY.save(deps.storage, books)?;
    }
    for (category, factor) in &weighed.factors {
        PINNED_FACTORS.save(deps.storage, (cycle, category.as_str()), factor)?;
    }
    CLOSED.save(
        deps.storage,
        cycle,
        &Closed {
            version,
            budget,
            reserve_kept,
            baseline_pool,
            baseline_each,
            members_weight,
            contribution_pool,
            total_weight: weighed.total_weight,
            height,
            closed_at: env.block.time,
        },
    )?;
    NEXT_TO_CLOSE.save(deps.storage, &(cycle + 1))?;

    Ok(Response::new()
        .add_attribute("action", "close_cycle")
        .add_attribute("cycle", cycle.to_string())
        .add_attribute("policy_version", version.to_string())
        .add_attribute("budget", budget)
        .add_attribute("reserve_kept", reserve_kept)
        .add_attribute("baseline_pool", baseline_pool)
        .add_attribute("baseline_each", baseline_each)
        .add_attribute("contribution_pool", contribution_pool)
        .add_attribute("allocated", allocated)
        .add_attribute("total_weight", weighed.total_weight.to_string())
        .add_attribute("categories", weighed.factors.len().to_string()))
}
