//! distributor: the cycle clock, the weighting policy, the treasury, pull claims and the
//! cross-holon exchange. The math is in docs/WEIGHTING.md.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::attestation::AttestationPolicy;
use crate::common::CycleClock;
use crate::token::InstantiateMarketingInfo;

pub const MAX_NAME_LEN: usize = 64;
pub const MAX_MEMO_LEN: usize = 256;
/// A bulk claim (`cycle: None`) looks at most this many closed cycles.
pub const MAX_CLAIM_CYCLES: u64 = 12;
/// Largest capacity bonus a policy may set: K(n) = 1 + bonus ≤ 11.
pub const MAX_CAPACITY_BONUS: u64 = 10;
/// Most hour-equivalents recorded in one cycle, over all members and categories. With every
/// factor at its largest (impact 10, K 11, N_c 100) the cycle's total weight W is then at most
/// `Decimal::MAX`, so no close, claim, preview or explain of the cycle can overflow. A record
/// past it is refused; reaching it takes about 4 × 10¹² members at the 744-hour ceiling, so
/// it bounds the arithmetic, not a real holon.
pub const MAX_CYCLE_CREDIT: Decimal = Decimal::raw(
    u128::MAX
        / (crate::registry::MAX_IMPACT as u128
            * (1 + MAX_CAPACITY_BONUS as u128)
            * crate::registry::MAX_FACTOR as u128),
);

/// Weighting model (docs/WEIGHTING.md, "Models").
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Model {
    /// Every hour counts the same.
    Time,
    /// Scarcity factor N_c.
    Need,
    /// Impact factor I(n).
    Impact,
    /// N_c, I(n) and K(n).
    Hybrid,
}

impl Model {
    pub fn uses_scarcity(self) -> bool {
        matches!(self, Model::Need | Model::Hybrid)
    }
    pub fn uses_impact(self) -> bool {
        matches!(self, Model::Impact | Model::Hybrid)
    }
    pub fn uses_capacity(self) -> bool {
        matches!(self, Model::Hybrid)
    }
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct CategoryFactor {
    pub category: String,
    pub factor: Decimal,
}

/// How the scarcity factor N_c is found.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum Scarcity {
    /// N_c = the factor listed here, else the category's `need_factor` in the registry.
    Fixed { factors: Vec<CategoryFactor> },
    /// N_c = clamp(R_c / max(1, S_c), min, max).
    Auto { min: Decimal, max: Decimal },
}

/// The weighting policy. A change applies from the next cycle.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub model: Model,
    pub scarcity: Scarcity,
    /// K = 1 + capacity_bonus for capacity-building needs (hybrid only).
    pub capacity_bonus: Decimal,
    /// Fraction of treasury funds kept back at each close (treasury budget), in [0, 1).
    pub reserve: Decimal,
    /// Fraction of the budget shared equally by the group's members, in [0, 1].
    pub baseline: Decimal,
    /// Most hour-equivalents (b) one member is credited in one cycle; beyond it, nothing.
    pub max_credit_per_member: Option<Decimal>,
    /// Whether anyone (not only governance) may settle foreign holdings.
    #[serde(default)]
    pub anyone_may_settle: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            model: Model::Time,
            scarcity: Scarcity::Fixed { factors: vec![] },
            capacity_bonus: Decimal::zero(),
            reserve: Decimal::zero(),
            baseline: Decimal::zero(),
            max_credit_per_member: None,
            anyone_may_settle: false,
        }
    }
}

/// Where a cycle's budget comes from.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum BudgetMode {
    /// B = emission, every cycle. No treasury backing, no redemption.
    Fixed { emission: Uint128 },
    /// B = floor(unallocated treasury × (1 − reserve)); one token unit is backed by one
    /// `denom` unit and can be redeemed for it.
    Treasury { denom: String },
}

/// The holon's token: created by the distributor (which becomes its minter), or an
/// existing cw20 whose minter is already the distributor.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum TokenSetup {
    New {
        code_id: u64,
        name: String,
        symbol: String,
        decimals: u8,
        marketing: Option<InstantiateMarketingInfo>,
        label: String,
    },
    Existing {
        address: String,
    },
}

/// The attestation contract: created by the distributor, or an existing one.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum AttestationSetup {
    New {
        code_id: u64,
        label: String,
        policy: AttestationPolicy,
    },
    Existing {
        address: String,
    },
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// The holon's name.
    pub name: String,
    /// Governance: a wallet, a cw3 multisig or a DAO core. Also the admin of the contracts
    /// the distributor creates.
    pub governance: String,
    pub group: String,
    pub registry: String,
    pub token: TokenSetup,
    pub attestation: AttestationSetup,
    /// Start of cycle 1 (default: now).
    pub cycle_start: Option<Timestamp>,
    pub cycle_seconds: u64,
    pub policy: Policy,
    pub budget: BudgetMode,
}

/// A final contribution, as the attestation contract reports it.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub attestation_id: u64,
    pub contributor: String,
    pub category: String,
    pub hours: Decimal,
    /// b = hours + floor18(units × unit_credit).
    pub credit: Decimal,
    pub impact: Decimal,
    pub capacity_building: bool,
}

#[cw_ownable_execute]
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// The attestation contract only: credit a final contribution to the open cycle.
    Record { contribution: Contribution },
    /// Anyone, once the oldest unclosed cycle has ended.
    CloseCycle {},
    /// Mint what `member` (default: the sender) is owed for `cycle`, or for every unclaimed
    /// closed cycle (at most 12 at a time) when `cycle` is none. Tokens go to the member.
    Claim {
        cycle: Option<u64>,
        member: Option<String>,
    },
    /// Anyone: add native coins of the treasury denom, with a memo (sales, grants ...).
    Fund { memo: Option<String> },
    /// Governance: the policy for the next cycle on.
    SetPolicy { policy: Policy },
    /// cw20 `Send` hook: redeem, gift to the pool, or exchange foreign tokens.
    Receive(Cw20ReceiveMsg),
    /// Governance: accept a foreign holon's token (verified through its `HolonInfo`).
    AcceptHolon {
        distributor: String,
        rate: Decimal,
        credit_limit: Uint128,
    },
    /// Governance: change rate, limit or enabled flag of an accepted holon.
    UpdateHolon {
        token: String,
        rate: Option<Decimal>,
        credit_limit: Option<Uint128>,
        enabled: Option<bool>,
    },
    /// Governance: stop accepting a holon; its held tokens stay redeemable.
    RemoveHolon { token: String },
    /// Governance (or anyone, by policy): redeem foreign tokens held at their holon's
    /// treasury; the proceeds join this treasury.
    SettleForeign {
        token: String,
        amount: Option<Uint128>,
    },
    /// Governance: give foreign tokens back to someone (a member of that holon).
    ReturnForeign {
        token: String,
        recipient: String,
        amount: Uint128,
    },
    /// The holon's cw4 group only (`NotGroup` otherwise), once its admin has added the
    /// distributor as a hook (`add_hook`): the members it added, re-weighed and removed.
    /// The standard cw4 shape, `{"member_changed_hook": {"diffs": [...]}}`; the distributor
    /// remembers who leaves, so that a closed cycle's `payouts` still name them.
    MemberChangedHook(cw4::MemberChangedHookMsg),
}

#[cw_ownable_query]
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The cross-holon interface every holon answers.
    #[returns(crate::holon::HolonInfoResponse)]
    HolonInfo {},
    #[returns(ConfigResponse)]
    Config {},
    /// The policy of a version (default: the one in force now), and the schedule.
    #[returns(PolicyResponse)]
    Policy { version: Option<u32> },
    #[returns(CycleResponse)]
    Cycle { cycle: u64 },
    #[returns(CurrentCycleResponse)]
    CurrentCycle {},
    /// What `member` would get if the open cycle closed now.
    #[returns(PreviewResponse)]
    Preview { member: String },
    /// The transparent breakdown of a closed cycle's payout to `member`.
    #[returns(ExplainResponse)]
    Explain { cycle: u64, member: String },
    /// Claims made in a cycle, by member.
    #[returns(ClaimsResponse)]
    Claims {
        cycle: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// A closed cycle's payouts, a page of members at a time, in address order: what each
    /// is owed (as `explain` and `claim` compute it) and whether they claimed it. Lists every
    /// contributor of the cycle and, when the cycle has a baseline share, every member of
    /// the group (see `PayoutsResponse`). `limit`: default 10, at most 100.
    #[returns(PayoutsResponse)]
    Payouts {
        cycle: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The open cycle's payouts if it closed now, a page of members at a time, in address
    /// order: each member's amount is exactly what `preview { member }` says (the same
    /// weighting, the group as it is now), in `payouts`' shape (`claimed` false). Lists the
    /// cycle's contributors and, when closing now would give a baseline share, the group's
    /// members. One query a page, whatever the holon's size. `limit`: default 10, at most 100.
    #[returns(PayoutsResponse)]
    Previews {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TreasuryResponse)]
    Treasury {},
    #[returns(FundsResponse)]
    Funds {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(AcceptedHolonsResponse)]
    AcceptedHolons {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AcceptedHolonResponse)]
    AcceptedHolon { token: String },
}

#[cw_serde]
pub struct Config {
    pub name: String,
    pub token: Addr,
    pub registry: Addr,
    pub attestation: Addr,
    pub group: Addr,
    pub start: Timestamp,
    pub cycle_seconds: u64,
    pub budget: BudgetMode,
}

impl Config {
    /// The holon's cycle clock (cycle 1 starts at `start`).
    pub fn clock(&self) -> CycleClock {
        CycleClock {
            start: self.start,
            length: self.cycle_seconds,
        }
    }
}

#[cw_serde]
pub struct ConfigResponse {
    pub config: Config,
}

#[cw_serde]
pub struct PolicyScheduleEntry {
    pub from_cycle: u64,
    pub version: u32,
}

#[cw_serde]
pub struct PolicyResponse {
    pub version: u32,
    pub policy: Policy,
    /// Which version applies from which cycle (most recent last, at most 20 shown).
    pub schedule: Vec<PolicyScheduleEntry>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum CycleStatus {
    Open,
    /// Ended, not yet closed.
    Ended,
    Closed,
}

#[cw_serde]
pub struct CycleCategory {
    pub category: String,
    /// Hours credited.
    pub hours: Decimal,
    /// S_c: Σ a_r in the category.
    pub credit: Decimal,
    /// Distinct contributors with a final contribution in the category.
    pub contributors: u32,
    /// R_c when closed (auto scarcity), else none.
    pub requesters: Option<u32>,
    /// N_c when closed.
    pub factor: Option<Decimal>,
    /// floor18(N_c × S_c) when closed.
    pub weight: Option<Decimal>,
}

#[cw_serde]
pub struct CycleResponse {
    pub cycle: u64,
    pub status: CycleStatus,
    pub start: Timestamp,
    pub end: Timestamp,
    pub policy_version: u32,
    pub model: Model,
    /// B (zero until closed).
    pub budget: Uint128,
    /// Treasury funds left unallocated by the reserve at close.
    pub reserve_kept: Uint128,
    pub baseline_pool: Uint128,
    pub baseline_each: Uint128,
    /// Σ member weights in the group at close (members of weight 1: the member count).
    pub members_weight: u64,
    pub contribution_pool: Uint128,
    pub total_weight: Decimal,
    pub total_hours: Decimal,
    pub contributors: u32,
    pub categories: Vec<CycleCategory>,
    /// Minted so far by claims of this cycle.
    pub claimed: Uint128,
    pub claims: u32,
    pub closed_at: Option<Timestamp>,
}

#[cw_serde]
pub struct CurrentCycleResponse {
    pub cycle: u64,
    pub start: Timestamp,
    pub end: Timestamp,
    pub seconds_left: u64,
    /// The oldest cycle not yet closed.
    pub next_to_close: u64,
    /// Whether `close_cycle` would succeed now.
    pub can_close: bool,
}

#[cw_serde]
pub struct PreviewResponse {
    pub cycle: u64,
    pub member: Addr,
    pub hours: Decimal,
    pub weight: Decimal,
    pub total_weight: Decimal,
    pub share: Decimal,
    /// The budget if the cycle closed now.
    pub budget: Uint128,
    pub contribution_amount: Uint128,
    pub baseline_amount: Uint128,
    pub amount: Uint128,
}

#[cw_serde]
pub struct ExplainCategory {
    pub category: String,
    pub hours: Decimal,
    /// Σ b_r: hour-equivalents before impact and capacity factors.
    pub base_credit: Decimal,
    /// S_{i,c} = Σ a_r.
    pub credit: Decimal,
    /// Effective impact × capacity multiplier (credit / base_credit).
    pub multiplier: Decimal,
    /// N_c.
    pub factor: Decimal,
    /// floor18(N_c × S_{i,c}).
    pub weight: Decimal,
    /// weight / W.
    pub share: Decimal,
}

#[cw_serde]
pub struct ExplainResponse {
    pub cycle: u64,
    pub member: Addr,
    pub policy_version: u32,
    pub model: Model,
    pub categories: Vec<ExplainCategory>,
    /// W_i.
    pub weight: Decimal,
    /// W.
    pub total_weight: Decimal,
    pub share: Decimal,
    pub contribution_pool: Uint128,
    /// floor(C × W_i / W).
    pub contribution_amount: Uint128,
    pub baseline_amount: Uint128,
    pub amount: Uint128,
    pub claimed: bool,
}

#[cw_serde]
pub struct ClaimInfo {
    pub member: Addr,
    pub amount: Uint128,
}

#[cw_serde]
pub struct ClaimsResponse {
    pub cycle: u64,
    pub claims: Vec<ClaimInfo>,
}

/// What a closed cycle pays one member, computed as `explain` and `claim` compute it.
#[cw_serde]
pub struct Payout {
    pub member: Addr,
    /// Hours recorded in the cycle.
    pub hours: Decimal,
    /// Hour-equivalents credited (b, within `max_credit_per_member`).
    pub credit: Decimal,
    /// W_i: Σ floor18(N_c × S_{i,c}) over the member's categories.
    pub weight: Decimal,
    /// W_i / W.
    pub share: Decimal,
    /// floor(C × W_i / W).
    pub contribution_amount: Uint128,
    /// The baseline share for the member's group weight at the close.
    pub baseline_amount: Uint128,
    /// contribution_amount + baseline_amount: what `claim` mints.
    pub amount: Uint128,
    pub claimed: bool,
    /// What the member's claim of the cycle minted (zero while unclaimed).
    pub claimed_amount: Uint128,
}

/// A page of a closed cycle's payouts, in address order.
///
/// Who is listed: every member who recorded a contribution in the cycle, and — when the
/// cycle has a baseline share (`baseline_each` > 0) — every member of the group as the group
/// lists them now, even with no contributions (they are owed the baseline for their group
/// weight at the close). A member added after the close is listed with zero amounts (the
/// cycle owes them nothing); a member removed since the close is listed with their baseline
/// when the group reported the removal (`member_changed_hook`: the distributor is the
/// group's hook), and otherwise not, though their baseline is still theirs to claim and
/// `explain` shows it. Without a baseline share only contributors are owed anything and
/// only they are listed; the group is not read.
///
/// Σ amount over all pages + the rounding dust no claim mints = the cycle's `budget` (in
/// treasury mode what the close allocated).
///
/// `previews` answers in the same shape for the open cycle as if it closed now: `cycle` the
/// open one, the policy in force, W, C and the baseline share a close now would pin, the
/// group's members as it lists them now; no one has claimed.
#[cw_serde]
pub struct PayoutsResponse {
    pub cycle: u64,
    pub policy_version: u32,
    /// W.
    pub total_weight: Decimal,
    /// C.
    pub contribution_pool: Uint128,
    /// The baseline share per unit of group weight (zero: no baseline this cycle).
    pub baseline_each: Uint128,
    pub payouts: Vec<Payout>,
    /// The last member of this page, when more may follow: `start_after` for the next page
    /// (which may come back empty); none when the list ends here. Only the last page holds
    /// fewer than `limit` payouts (`limit` as clamped: at most 100).
    pub next_start_after: Option<Addr>,
}

#[cw_serde]
pub struct TreasuryResponse {
    /// None in `fixed` budget mode.
    pub denom: Option<String>,
    /// Denom the treasury holds on its books (funds + settlements − redemptions).
    pub held: Uint128,
    /// Allocated to closed cycles, not yet claimed.
    pub allocated: Uint128,
    /// Tokens minted against the treasury and not yet redeemed or gifted back.
    pub outstanding: Uint128,
    /// held − allocated − outstanding: what the next close draws from.
    pub unallocated: Uint128,
    /// Of the unallocated, what the current reserve rate would keep back.
    pub reserve: Uint128,
    pub total_funded: Uint128,
    pub total_redeemed: Uint128,
}

#[cw_serde]
pub struct FundRecord {
    pub id: u64,
    pub from: Addr,
    pub amount: Uint128,
    pub memo: Option<String>,
    pub cycle: u64,
    pub time: Timestamp,
}

#[cw_serde]
pub struct FundsResponse {
    pub funds: Vec<FundRecord>,
}

/// A foreign holon this holon accepts tokens from.
#[cw_serde]
pub struct AcceptedHolon {
    pub token: Addr,
    pub distributor: Addr,
    pub name: String,
    /// Local tokens per foreign token.
    pub rate: Decimal,
    /// Most foreign tokens this holon will hold.
    pub credit_limit: Uint128,
    pub enabled: bool,
    /// Foreign tokens held now.
    pub holdings: Uint128,
    /// Foreign denom its treasury pays in (settlement needs it to equal ours).
    pub treasury_denom: Option<String>,
    pub total_received: Uint128,
    pub total_minted: Uint128,
    pub total_settled: Uint128,
    pub total_returned: Uint128,
    /// Removed from the list: no new exchanges; holdings stay redeemable.
    pub removed: bool,
}

#[cw_serde]
pub struct AcceptedHolonResponse {
    pub holon: AcceptedHolon,
}

#[cw_serde]
pub struct AcceptedHolonsResponse {
    pub holons: Vec<AcceptedHolon>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}
