//! Read-only views: everything needed to recompute a payout by hand.

use cosmwasm_std::{Addr, Decimal, Deps, Env, Order, StdError, StdResult, Uint128};
use cw4::{Cw4QueryMsg, MemberListResponse};
use cw_storage_plus::Bound;
use flow_types::common::page_limit;
use flow_types::distributor::{
    AcceptedHolonResponse, AcceptedHolonsResponse, BudgetMode, ClaimInfo, ClaimsResponse, Config,
    ConfigResponse, CurrentCycleResponse, CycleCategory, CycleResponse, CycleStatus,
    ExplainResponse, FundsResponse, Payout, PayoutsResponse, PolicyResponse, PolicyScheduleEntry,
    PreviewResponse, TreasuryResponse,
};
use flow_types::holon::HolonInfoResponse;

use crate::claim::{explain_categories, member_contributions, owed};
use crate::cycle::{budget, group_weight, treasury_books, weigh, Weighed};
use crate::error::ContractError;
use crate::policy::version_for;
use crate::state::MemberTotals;
use crate::state::{
    CATEGORY_TOTALS, CLAIMED_AMOUNTS, CLAIM_TOTALS, CLOSED, CONFIG, CYCLE_TOTALS, DEPARTED, FUNDS,
    HOLONS, MEMBER_TOTALS, NEXT_TO_CLOSE, PINNED_FACTORS, POLICIES, SCHEDULE, TREASURY,
};
use crate::weighting;

pub fn holon_info(deps: Deps, env: Env) -> StdResult<HolonInfoResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(HolonInfoResponse {
        current_cycle: c.clock().cycle_at(env.block.time),
        treasury_denom: match &c.budget {
            BudgetMode::Treasury { denom } => Some(denom.clone()),
            BudgetMode::Fixed { .. } => None,
        },
        name: c.name,
        distributor: env.contract.address,
        token: c.token,
        registry: c.registry,
        attestation: c.attestation,
        group: c.group,
    })
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        config: CONFIG.load(deps.storage)?,
    })
}

pub fn policy(deps: Deps, env: Env, version: Option<u32>) -> StdResult<PolicyResponse> {
    let version = match version {
        Some(v) => v,
        None => {
            let c = CONFIG.load(deps.storage)?;
            version_for(deps.storage, c.clock().cycle_at(env.block.time))?.0
        }
    };
    let policy = POLICIES
        .may_load(deps.storage, version)?
        .ok_or_else(|| StdError::not_found(format!("policy version {version}")))?;
    let mut schedule: Vec<PolicyScheduleEntry> = SCHEDULE
        .range(deps.storage, None, None, Order::Descending)
        .take(20)
        .map(|r| {
            r.map(|(from_cycle, version)| PolicyScheduleEntry {
                from_cycle,
                version,
            })
        })
        .collect::<StdResult<_>>()?;
    schedule.reverse();
    Ok(PolicyResponse {
        version,
        policy,
        schedule,
    })
}

pub fn cycle(deps: Deps, env: Env, cycle: u64) -> StdResult<CycleResponse> {
    let config = CONFIG.load(deps.storage)?;
    let clock = config.clock();
    let now_cycle = clock.cycle_at(env.block.time);
    if cycle == 0 || cycle > now_cycle {
        return Err(StdError::generic_err(format!(
            "cycle {cycle} does not exist yet (current: {now_cycle})"
        )));
    }
    let closed = CLOSED.may_load(deps.storage, cycle)?;
    let totals = CYCLE_TOTALS
        .may_load(deps.storage, cycle)?
        .unwrap_or_default();
    let (claimed, claims) = CLAIM_TOTALS
        .may_load(deps.storage, cycle)?
        .unwrap_or_default();
    let cats = CATEGORY_TOTALS
        .prefix(cycle)
        .range(deps.storage, None, None, Order::Ascending)
        .map(|r| {
            let (category, acc) = r?;
            let f = match closed {
                Some(_) => PINNED_FACTORS.may_load(deps.storage, (cycle, category.as_str()))?,
                None => None,
            };
            Ok(CycleCategory {
                category,
                hours: acc.hours,
                credit: acc.weighted,
                contributors: acc.contributors,
                requesters: f.as_ref().and_then(|f| f.requesters),
                factor: f.as_ref().map(|f| f.factor),
                weight: f.as_ref().map(|f| f.weight),
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    let status = match (&closed, clock.has_ended(cycle, env.block.time)) {
        (Some(_), _) => CycleStatus::Closed,
        (None, true) => CycleStatus::Ended,
        (None, false) => CycleStatus::Open,
    };
    let (version, policy) = match &closed {
        Some(c) => (c.version, POLICIES.load(deps.storage, c.version)?),
        None => version_for(deps.storage, cycle)?,
    };
    let z = Uint128::zero();
    Ok(CycleResponse {
        cycle,
        status,
        start: clock.start_of(cycle),
        end: clock.end_of(cycle),
        policy_version: version,
        model: policy.model,
        budget: closed.as_ref().map_or(z, |c| c.budget),
        reserve_kept: closed.as_ref().map_or(z, |c| c.reserve_kept),
        baseline_pool: closed.as_ref().map_or(z, |c| c.baseline_pool),
        baseline_each: closed.as_ref().map_or(z, |c| c.baseline_each),
        members_weight: closed.as_ref().map_or(0, |c| c.members_weight),
        contribution_pool: closed.as_ref().map_or(z, |c| c.contribution_pool),
        total_weight: closed.as_ref().map_or(Decimal::zero(), |c| c.total_weight),
        total_hours: totals.hours,
        contributors: totals.contributors,
        categories: cats,
        claimed,
        claims,
        closed_at: closed.map(|c| c.closed_at),
    })
}

pub fn current_cycle(deps: Deps, env: Env) -> StdResult<CurrentCycleResponse> {
    let config = CONFIG.load(deps.storage)?;
    let clock = config.clock();
    let cycle = clock.cycle_at(env.block.time);
    let end = clock.end_of(cycle);
    let next_to_close = NEXT_TO_CLOSE.load(deps.storage)?;
    Ok(CurrentCycleResponse {
        cycle,
        start: clock.start_of(cycle),
        end,
        seconds_left: end.seconds().saturating_sub(env.block.time.seconds()),
        next_to_close,
        can_close: clock.has_ended(next_to_close, env.block.time),
    })
}

/// The open cycle as a close now would pin it: the policy in force, N_c and W, the budget
/// and its pools (the group as it is now).
struct CloseNow {
    cycle: u64,
    version: u32,
    weighed: Weighed,
    pools: weighting::Pools,
}

fn close_now(deps: Deps, env: &Env, config: &Config) -> StdResult<CloseNow> {
    let cycle = config.clock().cycle_at(env.block.time);
    let (version, policy) = version_for(deps.storage, cycle)?;
    let weighed = weigh(deps, config, &policy, cycle)?;
    let budget = budget(config, &policy, treasury_books(deps, config)?.as_ref())?;
    let members_weight = if policy.baseline.is_zero() {
        0
    } else {
        group_weight(deps, config, None)?
    };
    let pools = weighting::pools(
        budget,
        policy.baseline,
        members_weight,
        weighed.total_weight,
    )?;
    Ok(CloseNow {
        cycle,
        version,
        weighed,
        pools,
    })
}

/// What a close now would owe `member`, whose weight in the group is `group_weight` now:
/// (W_i, the contribution amount, the baseline amount). `preview` and `previews` both.
fn owed_now(
    deps: Deps,
    now: &CloseNow,
    member: &Addr,
    group_weight: u64,
) -> StdResult<(Decimal, Uint128, Uint128)> {
    let factor_of = |c: &str| {
        Ok(now
            .weighed
            .factors
            .iter()
            .find(|(k, _)| k == c)
            .map(|(_, f)| f.factor)
            .unwrap_or(Decimal::one()))
    };
    let (_, weight) = explain_categories(
        member_contributions(deps, now.cycle, member)?,
        factor_of,
        now.weighed.total_weight,
    )?;
    let (contribution, baseline) = weighting::member_amounts(
        now.pools.contribution_pool,
        weight,
        now.weighed.total_weight,
        now.pools.baseline_each,
        group_weight,
    )?;
    Ok((weight, contribution, baseline))
}

pub fn preview(deps: Deps, env: Env, member: String) -> StdResult<PreviewResponse> {
    let member = deps.api.addr_validate(&member)?;
    let config = CONFIG.load(deps.storage)?;
    // The close, as if it happened now (the group as it is now).
    let now = close_now(deps, &env, &config)?;
    let group_weight = if now.pools.baseline_each.is_zero() {
        0
    } else {
        cw4::Cw4Contract(config.group.clone())
            .is_member(&deps.querier, &member, None)?
            .unwrap_or(0)
    };
    let (weight, contribution_amount, baseline_amount) =
        owed_now(deps, &now, &member, group_weight)?;
    let hours = MEMBER_TOTALS
        .may_load(deps.storage, (now.cycle, &member))?
        .unwrap_or_default()
        .hours;
    Ok(PreviewResponse {
        cycle: now.cycle,
        member,
        hours,
        share: weighting::share(weight, now.weighed.total_weight),
        weight,
        total_weight: now.weighed.total_weight,
        budget: now.pools.budget,
        contribution_amount,
        baseline_amount,
        amount: contribution_amount.checked_add(baseline_amount)?,
    })
}

pub fn explain(deps: Deps, cycle: u64, member: String) -> StdResult<ExplainResponse> {
    let member = deps.api.addr_validate(&member)?;
    let config = CONFIG.load(deps.storage)?;
    let closed = CLOSED
        .may_load(deps.storage, cycle)?
        .ok_or_else(|| StdError::generic_err(format!("cycle {cycle} is not closed")))?;
    let policy = POLICIES.load(deps.storage, closed.version)?;
    let owed = owed(deps, &config, cycle, &closed, &member)?;
    Ok(ExplainResponse {
        cycle,
        policy_version: closed.version,
        model: policy.model,
        share: weighting::share(owed.weight, closed.total_weight),
        categories: owed.categories.clone(),
        weight: owed.weight,
        total_weight: closed.total_weight,
        contribution_pool: closed.contribution_pool,
        contribution_amount: owed.contribution,
        baseline_amount: owed.baseline,
        amount: owed.total()?,
        claimed: CLAIMED_AMOUNTS.has(deps.storage, (cycle, &member)),
        member,
    })
}

pub fn claims(
    deps: Deps,
    cycle: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ClaimsResponse> {
    let start = start_address(deps, start_after)?;
    let claims = CLAIMED_AMOUNTS
        .prefix(cycle)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| r.map(|(member, amount)| ClaimInfo { member, amount }))
        .collect::<StdResult<_>>()?;
    Ok(ClaimsResponse { cycle, claims })
}

/// A list query's `start_after` address, validated (none: from the first).
fn start_address(deps: Deps, start_after: Option<String>) -> StdResult<Option<Addr>> {
    start_after.map(|s| deps.api.addr_validate(&s)).transpose()
}

/// Most members one `list_members` query asks the group for (cw4-group answers at most 30).
const GROUP_PAGE: usize = 30;

/// A closed cycle's payouts, a page at a time (who is listed: `PayoutsResponse`). Each
/// amount is `owed`'s, the function `explain` and `claim` use; who is on the page,
/// `listed`'s (with the members the group removed at or after the close's height).
pub fn payouts(
    deps: Deps,
    cycle: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<PayoutsResponse> {
    let start = start_address(deps, start_after)?;
    let Some(closed) = CLOSED.may_load(deps.storage, cycle)? else {
        let err = ContractError::CycleNotClosed {
            cycle,
            next_to_close: NEXT_TO_CLOSE.load(deps.storage)?,
        };
        return Err(StdError::generic_err(err.to_string()));
    };
    let config = CONFIG.load(deps.storage)?;
    let baseline = !closed.baseline_each.is_zero();
    let (page, next_start_after) = listed(
        deps,
        &config,
        cycle,
        start.as_ref(),
        page_limit(limit),
        baseline.then_some(closed.height),
    )?;
    let mut payouts = Vec::with_capacity(page.len());
    for (member, totals, _) in page {
        // Every address looked at is listed (a member who joined after the close: owed
        // nothing), so that only the last page is shorter than `limit`.
        let owed = owed(deps, &config, cycle, &closed, &member)?;
        let totals = totals.unwrap_or_default();
        let claimed = CLAIMED_AMOUNTS.may_load(deps.storage, (cycle, &member))?;
        payouts.push(Payout {
            hours: totals.hours,
            credit: totals.credit,
            share: weighting::share(owed.weight, closed.total_weight),
            weight: owed.weight,
            contribution_amount: owed.contribution,
            baseline_amount: owed.baseline,
            amount: owed.total()?,
            claimed: claimed.is_some(),
            claimed_amount: claimed.unwrap_or_default(),
            member,
        });
    }
    Ok(PayoutsResponse {
        cycle,
        policy_version: closed.version,
        total_weight: closed.total_weight,
        contribution_pool: closed.contribution_pool,
        baseline_each: closed.baseline_each,
        payouts,
        next_start_after,
    })
}

/// The open cycle's payouts if it closed now, a page at a time: `payouts`' listing (the
/// cycle's contributors and, when a close now gives a baseline share, the group's members
/// as it lists them now) with each amount `owed_now`'s, the function `preview` uses. The
/// group's weights come with its list: one query a page (and one `list_members` per 30).
pub fn previews(
    deps: Deps,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<PayoutsResponse> {
    let start = start_address(deps, start_after)?;
    let config = CONFIG.load(deps.storage)?;
    let now = close_now(deps, &env, &config)?;
    let baseline = !now.pools.baseline_each.is_zero();
    // No one has left the group "since" a close that is now: the group's list is all.
    let (page, next_start_after) = listed(
        deps,
        &config,
        now.cycle,
        start.as_ref(),
        page_limit(limit),
        baseline.then_some(u64::MAX),
    )?;
    let mut payouts = Vec::with_capacity(page.len());
    for (member, totals, group_weight) in page {
        let (weight, contribution, baseline) =
            owed_now(deps, &now, &member, group_weight.unwrap_or(0))?;
        let totals = totals.unwrap_or_default();
        payouts.push(Payout {
            hours: totals.hours,
            credit: totals.credit,
            share: weighting::share(weight, now.weighed.total_weight),
            weight,
            contribution_amount: contribution,
            baseline_amount: baseline,
            amount: contribution.checked_add(baseline)?,
            claimed: false,
            claimed_amount: Uint128::zero(),
            member,
        });
    }
    Ok(PayoutsResponse {
        cycle: now.cycle,
        policy_version: now.version,
        total_weight: now.weighed.total_weight,
        contribution_pool: now.pools.contribution_pool,
        baseline_each: now.pools.baseline_each,
        payouts,
        next_start_after,
    })
}

/// One listed address: its totals in the cycle (a contributor), and its weight in the group
/// now (when the group's list named it).
type Listed = (Addr, Option<MemberTotals>, Option<u64>);

/// Who a page of a cycle's payouts lists, after `start`, and the `next_start_after`. It
/// merges, in address order, the cycle's contributors and — when `departed_since` is some
/// (the cycle has a baseline share) — the group's members as it lists them now and the
/// members it removed at or after that height (`DEPARTED`: they were in the group at the
/// close, and are owed its baseline). It stops where the shortest-read list stops, so that
/// no address is skipped: at most `limit` (+1) addresses of each list are looked at, with one
/// read of the group per 30 of them.
fn listed(
    deps: Deps,
    config: &Config,
    cycle: u64,
    start: Option<&Addr>,
    limit: usize,
    departed_since: Option<u64>,
) -> StdResult<(Vec<Listed>, Option<Addr>)> {
    // One more contributor than the page, to know whether more follow.
    let contributors: Vec<(Addr, MemberTotals)> = MEMBER_TOTALS
        .prefix(cycle)
        .range(
            deps.storage,
            start.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit + 1)
        .collect::<StdResult<_>>()?;
    let contributors_end = contributors.len() <= limit;
    let (group, group_end) = match departed_since {
        Some(_) => group_members_after(deps, config, start, limit)?,
        None => (vec![], true),
    };
    // Those removed from the group at or after the close (a removal at height r leaves the
    // member in the group's snapshot of every height up to r): one more than the page.
    let departed: Vec<Addr> = match departed_since {
        Some(since) => DEPARTED
            .range(
                deps.storage,
                start.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .filter(|r| r.as_ref().map_or(true, |(_, h)| *h >= since))
            .take(limit + 1)
            .map(|r| r.map(|(a, _)| a))
            .collect::<StdResult<_>>()?,
        None => vec![],
    };
    let departed_end = departed.len() <= limit;
    // Past the last address read from a list that goes on, that list is not known yet.
    let cutoff = [
        (!contributors_end).then(|| contributors.last().map(|(a, _)| a.clone())),
        (!group_end).then(|| group.last().map(|(a, _)| a.clone())),
        (!departed_end).then(|| departed.last().cloned()),
    ]
    .into_iter()
    .flatten()
    .flatten()
    .min();
    // The group's (with their weight) and the departed members in address order, each once
    // (a member removed and added again is in both: the group's entry is kept).
    let mut members: Vec<(Addr, Option<u64>)> = Vec::with_capacity(group.len() + departed.len());
    let (mut a, mut b) = (
        group.into_iter().map(|(m, w)| (m, Some(w))).peekable(),
        departed.into_iter().map(|m| (m, None)).peekable(),
    );
    while let Some(next) = match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x.0 > y.0 => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    } {
        if members.last().map(|(m, _)| m) != Some(&next.0) {
            members.push(next);
        }
    }
    // Merged with the contributors in address order (a member in both once, with their totals).
    let mut candidates: Vec<Listed> = vec![];
    let (mut c, mut g) = (
        contributors.into_iter().peekable(),
        members.into_iter().peekable(),
    );
    loop {
        let order = match (c.peek(), g.peek()) {
            (None, None) => break,
            (Some((a, _)), Some((b, _))) => b.cmp(a),
            (Some(_), None) => std::cmp::Ordering::Greater,
            (None, Some(_)) => std::cmp::Ordering::Less,
        };
        let next = match order {
            std::cmp::Ordering::Less => g.next().map(|(member, weight)| (member, None, weight)),
            std::cmp::Ordering::Equal => {
                let weight = g.next().and_then(|(_, weight)| weight);
                c.next()
                    .map(|(member, totals)| (member, Some(totals), weight))
            }
            std::cmp::Ordering::Greater => c
                .next()
                .map(|(member, totals)| (member, Some(totals), None)),
        };
        candidates.extend(next);
    }
    let mut known = candidates
        .into_iter()
        .filter(|(a, _, _)| cutoff.as_ref().is_none_or(|c| a <= c));
    let page: Vec<Listed> = known.by_ref().take(limit).collect();
    let more = known.next().is_some() || !contributors_end || !group_end || !departed_end;
    let next_start_after = if more {
        page.last().map(|(a, _, _)| a.clone())
    } else {
        None
    };
    Ok((page, next_start_after))
}

/// The group's members (as it lists them now, with their weights) after `start`, at least
/// `want` of them unless the list ends first, read 30 at a time; and whether the list ended.
fn group_members_after(
    deps: Deps,
    config: &Config,
    start: Option<&Addr>,
    want: usize,
) -> StdResult<(Vec<(Addr, u64)>, bool)> {
    let mut members: Vec<(Addr, u64)> = vec![];
    while members.len() < want {
        let res: MemberListResponse = deps.querier.query_wasm_smart(
            &config.group,
            &Cw4QueryMsg::ListMembers {
                start_after: members
                    .last()
                    .map(|(a, _)| a)
                    .or(start)
                    .map(Addr::to_string),
                limit: Some((want - members.len()).min(GROUP_PAGE) as u32),
            },
        )?;
        if res.members.is_empty() {
            return Ok((members, true));
        }
        members.extend(
            res.members
                .into_iter()
                .map(|m| (Addr::unchecked(m.addr), m.weight)),
        );
    }
    Ok((members, false))
}

pub fn treasury(deps: Deps, env: Env) -> StdResult<TreasuryResponse> {
    let config = CONFIG.load(deps.storage)?;
    let t = TREASURY.load(deps.storage)?;
    let (_, policy) = version_for(deps.storage, config.clock().cycle_at(env.block.time))?;
    let unallocated = t.unallocated();
    let (_, reserve) = weighting::cycle_budget(&config.budget, unallocated, policy.reserve)?;
    Ok(TreasuryResponse {
        denom: match config.budget {
            BudgetMode::Treasury { denom } => Some(denom),
            BudgetMode::Fixed { .. } => None,
        },
        held: t.held,
        allocated: t.allocated,
        outstanding: t.outstanding,
        unallocated,
        reserve,
        total_funded: t.total_funded,
        total_redeemed: t.total_redeemed,
    })
}

pub fn funds(deps: Deps, start_after: Option<u64>, limit: Option<u32>) -> StdResult<FundsResponse> {
    let funds = FUNDS
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| r.map(|(_, f)| f))
        .collect::<StdResult<_>>()?;
    Ok(FundsResponse { funds })
}

pub fn accepted_holons(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AcceptedHolonsResponse> {
    let start = start_address(deps, start_after)?;
    let holons = HOLONS
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| r.map(|(_, h)| h))
        .collect::<StdResult<_>>()?;
    Ok(AcceptedHolonsResponse { holons })
}

pub fn accepted_holon(deps: Deps, token: String) -> StdResult<AcceptedHolonResponse> {
    let token = deps.api.addr_validate(&token)?;
    let holon = HOLONS
        .may_load(deps.storage, &token)?
        .ok_or_else(|| StdError::not_found(format!("accepted holon with token {token}")))?;
    Ok(AcceptedHolonResponse { holon })
}
