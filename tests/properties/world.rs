//! One case: holons on an embedded chain, and beside them the test's own model of what
//! must be true. Every action is predicted on the model first (accepted, or refused with
//! the contract's exact error), run on the chain, compared, and only then applied to the
//! model. After every step the chain is compared with the model and the invariants are
//! checked.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use anyhow::Result as AnyResult;
use cosmwasm_std::{
    coins, Addr, Decimal, OverflowError, OverflowOperation, StdError, Timestamp, Uint128,
};
use cw_multi_test::{AppResponse, Executor};
use cw_ownable::OwnershipError;
use flow_testing::hostile::{HostileHolon, Payment};
use flow_testing::suite::{attr_u64, contract_error};
use flow_testing::{Holon, HolonSpec, Suite, SuiteBuilder, DENOM};
use flow_types::attestation::{self as att, AttestationPolicy, AttestationStatus};
use flow_types::distributor::{
    self as dist, BudgetMode, CycleResponse, CycleStatus, Policy, Scarcity,
};
use flow_types::holon::HolonReceiveMsg;
use flow_types::registry::{self as reg, Category, NeedInput, NeedStatus, Period};
use flow_types::validate::ValidationError;

use crate::actions::{
    Action, Amount, Cosigner, CyclePick, Extreme, PolicyPick, Price, Setup, CAPS,
};
use crate::formula::{self, Budget, CategoryInput, CycleInput, CycleOutcome};
use crate::stats::Stats;

#[path = "market.rs"]
mod market;

pub const NAMES: [&str; 4] = ["ana", "bo", "cy", "di"];

/// The error a refused action must fail with, by contract.
#[derive(Debug)]
pub enum Refusal {
    Registry(need_registry::ContractError),
    Attestation(attestation::ContractError),
    Distributor(distributor::ContractError),
    Token(cw20_base::ContractError),
    /// The flow-token's own errors (cw20-base's come wrapped in `Base`, with the same text).
    FlowToken(flow_token::ContractError),
    Commons(commons::ContractError),
}

fn is<E: std::error::Error + PartialEq + Send + Sync + 'static>(
    err: &anyhow::Error,
    expected: &E,
) -> bool {
    match contract_error::<E>(err) {
        Some(e) => e == expected,
        // Multi-test may keep only the message of an error raised inside a contract.
        None => {
            let want = expected.to_string();
            err.chain().any(|e| e.to_string() == want)
        }
    }
}

impl Refusal {
    fn matches(&self, err: &anyhow::Error) -> bool {
        match self {
            Refusal::Registry(e) => is(err, e),
            Refusal::Attestation(e) => is(err, e),
            Refusal::Distributor(e) => is(err, e),
            Refusal::Token(e) => is(err, e),
            Refusal::FlowToken(e) => is(err, e),
            Refusal::Commons(e) => is(err, e),
        }
    }
}

type Expected = Result<(), Refusal>;

fn reg_err(e: need_registry::ContractError) -> Expected {
    Err(Refusal::Registry(e))
}
fn att_err(e: attestation::ContractError) -> Expected {
    Err(Refusal::Attestation(e))
}
fn dist_err(e: distributor::ContractError) -> Expected {
    Err(Refusal::Distributor(e))
}
fn token_err(e: flow_token::ContractError) -> Expected {
    Err(Refusal::FlowToken(e))
}
/// cw20-base's error for spending more than a balance.
fn insufficient() -> Expected {
    Err(Refusal::Token(cw20_base::ContractError::Std(
        StdError::overflow(OverflowError::new(OverflowOperation::Sub)),
    )))
}

/// Compares the chain's answer with the prediction; panics (a failing case) when they differ.
#[track_caller]
fn outcome(
    res: AnyResult<AppResponse>,
    expected: Expected,
    action: &dyn Debug,
) -> Option<AppResponse> {
    match (res, expected) {
        (Ok(r), Ok(())) => Some(r),
        (Err(e), Ok(())) => panic!("{action:?} should have been accepted, was refused: {e:#}"),
        (Ok(_), Err(r)) => panic!("{action:?} should have been refused with {r:?}, was accepted"),
        (Err(e), Err(r)) => {
            assert!(
                r.matches(&e),
                "{action:?} refused with the wrong error: expected {r:?}, got {e:#}"
            );
            crate::stats::refused(&r);
            None
        }
    }
}

fn status_name(s: AttestationStatus) -> String {
    match s {
        AttestationStatus::Pending => "pending",
        AttestationStatus::Challenge => "challenge",
        AttestationStatus::Disputed => "disputed",
        AttestationStatus::Final => "final",
        AttestationStatus::Rejected => "rejected",
        AttestationStatus::Withdrawn => "withdrawn",
        AttestationStatus::Expired => "expired",
    }
    .to_string()
}

fn wrong_status(id: u64, status: AttestationStatus, expected: AttestationStatus) -> Expected {
    att_err(attestation::ContractError::WrongStatus {
        id,
        status: status_name(status),
        expected: status_name(expected),
    })
}

fn out_of_range(
    field: &str,
    value: impl ToString,
    min: impl ToString,
    max: impl ToString,
) -> ValidationError {
    ValidationError::OutOfRange {
        field: field.into(),
        value: value.to_string(),
        min: min.to_string(),
        max: max.to_string(),
    }
}

/// floor(amount × rate).
fn mul_floor(amount: u128, rate: Decimal) -> u128 {
    let p = cosmwasm_std::Uint256::from(amount) * cosmwasm_std::Uint256::from(rate.atomics())
        / cosmwasm_std::Uint256::from(formula::ONE);
    Uint128::try_from(p).expect("fits").u128()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Member(usize),
    Stranger,
    Governance,
}

#[derive(Clone, Debug)]
struct NeedM {
    id: u64,
    category: String,
    poster: Addr,
    /// The poster counts as a requester (members do; governance, not a member, does not).
    poster_requests: bool,
    status: NeedStatus,
    impact: Decimal,
    unit_credit: Decimal,
    capacity_building: bool,
    endorsers: BTreeSet<Addr>,
    /// Units recorded toward the need (the attestation contract's progress).
    units_recorded: Decimal,
}

#[derive(Clone, Debug)]
struct AttM {
    id: u64,
    /// The need's index in `needs`.
    need: usize,
    units: Decimal,
    attester: Addr,
    category: String,
    hours: Decimal,
    credit: Decimal,
    impact: Decimal,
    capacity_building: bool,
    buddy: Option<Addr>,
    cosigners: Vec<Addr>,
    status: AttestationStatus,
    cycle: u64,
    cosigned_at: Option<Timestamp>,
}

#[derive(Clone, Debug, Default)]
struct CatAcc {
    hours: Decimal,
    a: Decimal,
    contributors: BTreeSet<Addr>,
    /// The registry's need factor, pinned at the cycle's first record in the category when
    /// the cycle's policy takes it from there (`need`/`hybrid`, `fixed`, not listed).
    pinned: Option<Decimal>,
}

/// What the distributor accumulates for a cycle that is not closed yet.
#[derive(Clone, Debug, Default)]
struct CycleAcc {
    hours: Decimal,
    contributors: BTreeSet<Addr>,
    /// Σ b credited per member (for the per-member cap).
    member_b: BTreeMap<Addr, Decimal>,
    /// Σ hours credited per member.
    member_h: BTreeMap<Addr, Decimal>,
    cats: BTreeMap<String, CatAcc>,
    /// S_{i,c}.
    s: BTreeMap<Addr, BTreeMap<String, Decimal>>,
}

#[derive(Clone, Debug)]
struct ClosedM {
    /// The group at the start of the closing block (what the baseline and claims read).
    members: BTreeSet<Addr>,
    /// Σ b credited per member in the cycle.
    member_b: BTreeMap<Addr, Decimal>,
    out: CycleOutcome,
    claims: BTreeMap<Addr, u128>,
}

/// A treasury's books.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Books {
    held: u128,
    allocated: u128,
    outstanding: u128,
}

impl Books {
    fn unallocated(&self) -> u128 {
        self.held
            .saturating_sub(self.allocated)
            .saturating_sub(self.outstanding)
    }
}

#[derive(Clone, Debug)]
struct BetaM {
    holon: Holon,
    books: Books,
    balances: BTreeMap<Addr, u128>,
    supply: u128,
    rate: Decimal,
    limit: u128,
    enabled: bool,
    holdings: u128,
    anyone_may_settle: bool,
}

/// The hostile holon Alpha accepted, and what Alpha and the actors hold of its token.
#[derive(Clone, Debug)]
struct HostileM {
    h: HostileHolon,
    rate: Decimal,
    limit: u128,
    /// Alpha's holdings of its token (Alpha's own count).
    holdings: u128,
    balances: BTreeMap<Addr, u128>,
    supply: u128,
    /// A holon whose token someone else mints, once deployed.
    rogue: Option<HostileHolon>,
}

pub struct World {
    pub suite: Suite,
    alpha: Holon,
    members: Vec<Addr>,
    member_set: BTreeSet<Addr>,
    /// The group as it was at the start of the current block: cw4 snapshots read this.
    members_at_block_start: BTreeSet<Addr>,
    gov: Addr,
    stranger: Addr,
    start: Timestamp,
    length: u64,
    categories: BTreeMap<String, Category>,
    needs: Vec<NeedM>,
    atts: Vec<AttM>,
    att_policy: AttestationPolicy,
    /// When the per-cycle cap changed, and to what (the first: from the start).
    cycle_caps: Vec<(Timestamp, Decimal)>,
    /// Hour-equivalents counted per (cycle, member) against the per-cycle cap: attested in
    /// the cycle and not recorded yet, plus recorded (landed) in it.
    cycle_credit: BTreeMap<(u64, Addr), Decimal>,
    /// The counts the last step changed.
    counts_touched: BTreeSet<(u64, Addr)>,
    pair_cosigns: BTreeMap<(u64, Addr, Addr), u32>,
    /// from_cycle → (version, policy).
    schedule: BTreeMap<u64, (u32, Policy)>,
    last_version: u32,
    emission: Option<u128>,
    treasury: Option<Books>,
    next_to_close: u64,
    open: BTreeMap<u64, CycleAcc>,
    closed: BTreeMap<u64, ClosedM>,
    cursor: BTreeMap<Addr, u64>,
    recorded: BTreeSet<u64>,
    balances: BTreeMap<Addr, u128>,
    supply: u128,
    beta: Option<BetaM>,
    hostile: Option<HostileM>,
    /// Alpha's commons.
    commons: market::CommonsM,
    /// Accounts whose token balances the last step may have moved, and whether it called Beta.
    involved: BTreeSet<Addr>,
    beta_involved: bool,
    /// Whether the last step was accepted (or did anything: time passing, a mint), and
    /// whether it involved the hostile holon.
    changed: bool,
    hostile_involved: bool,
    pub stats: Stats,
}

impl World {
    pub fn new(s: &Setup) -> Self {
        let members: Vec<String> = NAMES[..s.members].iter().map(|n| n.to_string()).collect();
        let categories: Vec<Category> = s
            .categories
            .iter()
            .enumerate()
            .map(
                |(i, (impact, unit_credit, need_factor, capacity_building))| Category {
                    id: format!("c{i}"),
                    label: format!("category {i}"),
                    impact: *impact,
                    capacity_building: *capacity_building,
                    need_factor: *need_factor,
                    unit_credit: *unit_credit,
                },
            )
            .collect();
        let mut spec = HolonSpec::new("Holon Alpha", "AFLOW");
        spec.members = members.clone();
        spec.categories = categories.clone();
        spec.policy = s.policy.clone();
        spec.attestation_policy = AttestationPolicy {
            cosigns_required: s.cosigns_required,
            challenge_seconds: s.challenge_seconds,
            max_hours_per_attestation: Decimal::from_ratio(s.max_hours_per_attestation, 1u64),
            max_hours_per_cycle: Decimal::from_ratio(s.max_hours_per_cycle, 1u64),
            max_cosigns_per_pair_per_cycle: s.max_cosigns_per_pair,
            pending_expiry_seconds: 0,
        };
        spec.budget = match s.emission {
            Some(e) => BudgetMode::Fixed {
                emission: Uint128::new(e),
            },
            None => BudgetMode::Treasury {
                denom: DENOM.into(),
            },
        };
        spec.cycle_seconds = s.cycle_seconds;
        let suite = SuiteBuilder::new(spec.clone()).build();
        let alpha = suite.holon().clone();
        let config: dist::ConfigResponse = suite
            .query(&alpha.distributor, &dist::QueryMsg::Config {})
            .expect("config");
        let member_addrs: Vec<Addr> = members.iter().map(|m| suite.addr(m)).collect();
        let commons = market::CommonsM::new(
            alpha
                .commons
                .clone()
                .expect("the Suite deploys Alpha's commons"),
            spec.commons_confirm_window_seconds,
        );
        let mut world = World {
            commons,
            alpha,
            member_set: member_addrs.iter().cloned().collect(),
            members_at_block_start: member_addrs.iter().cloned().collect(),
            members: member_addrs,
            gov: suite.addr("governance"),
            stranger: suite.addr("stranger"),
            start: config.config.start,
            length: config.config.cycle_seconds,
            categories: categories.into_iter().map(|c| (c.id.clone(), c)).collect(),
            needs: vec![],
            atts: vec![],
            att_policy: spec.attestation_policy.clone(),
            cycle_caps: vec![(
                Timestamp::from_nanos(0),
                spec.attestation_policy.max_hours_per_cycle,
            )],
            cycle_credit: BTreeMap::new(),
            counts_touched: BTreeSet::new(),
            pair_cosigns: BTreeMap::new(),
            schedule: BTreeMap::from([(1, (1, s.policy.clone()))]),
            last_version: 1,
            emission: s.emission,
            treasury: s.emission.is_none().then(Books::default),
            next_to_close: 1,
            open: BTreeMap::new(),
            closed: BTreeMap::new(),
            cursor: BTreeMap::new(),
            recorded: BTreeSet::new(),
            balances: BTreeMap::new(),
            supply: 0,
            beta: None,
            hostile: None,
            involved: BTreeSet::new(),
            beta_involved: false,
            changed: false,
            hostile_involved: false,
            stats: Stats::default(),
            suite,
        };
        if s.fund > 0 {
            world.step(&Action::Fund { amount: s.fund });
        }
        // One need per category, so that attestations can start at once.
        for i in 0..s.categories.len() {
            world.step(&Action::PostNeed {
                who: i as u8,
                category: i as u8,
                factors: None,
            });
        }
        // The commons opens with a resource booked by the day (half back on less than a
        // day's notice) and the first member's offer by the hour.
        world.step(&Action::ListResource {
            gov: true,
            who: 9,
            unit: 1,
            price: Price::Small(7),
            stock: None,
            refund: Some((24, Decimal::percent(50))),
            category: 0,
        });
        world.step(&Action::ListOffer {
            who: 0,
            unit: 0,
            price: Price::Small(3),
            stock: None,
            category: 0,
        });
        if let Some((fund, rate, limit, anyone)) = s.beta {
            world.deploy_beta(fund, rate, limit, anyone);
        }
        if let Some((rate, limit)) = s.hostile {
            world.deploy_hostile(rate, limit);
        }
        world.check_all();
        world
    }

    /// A hostile holon (its own contract, a real flow-token it mints, coins to pay with),
    /// accepted by Alpha's governance at `rate` within `limit`.
    fn deploy_hostile(&mut self, rate: Decimal, limit: u128) {
        let h = self
            .suite
            .deploy_hostile_holon("Holon Mallory", "MFLOW", None, 1_000_000_000_000)
            .expect("deploy the hostile holon");
        let accept = dist::ExecuteMsg::AcceptHolon {
            distributor: h.distributor.to_string(),
            rate,
            credit_limit: Uint128::new(limit),
        };
        let d = self.alpha.distributor.clone();
        self.suite
            .execute("governance", &d, &accept)
            .expect("Alpha accepts the hostile holon");
        self.hostile = Some(HostileM {
            h,
            rate,
            limit,
            holdings: 0,
            balances: BTreeMap::new(),
            supply: 0,
            rogue: None,
        });
    }

    fn deploy_beta(&mut self, fund: u128, rate: Decimal, limit: u128, anyone_may_settle: bool) {
        let mut spec = HolonSpec::new("Holon Beta", "BFLOW");
        spec.members = vec!["bea".into(), "ben".into()];
        spec.categories = vec![flow_testing::suite::category("food")];
        spec.policy = Policy {
            anyone_may_settle,
            ..Policy::default()
        };
        let holon = self.suite.deploy_holon(&spec).expect("deploy Beta");
        if fund > 0 {
            self.suite
                .execute_with_funds(
                    "funder",
                    &holon.distributor,
                    &dist::ExecuteMsg::Fund { memo: None },
                    &coins(fund, DENOM),
                )
                .expect("fund Beta");
        }
        let accept = dist::ExecuteMsg::AcceptHolon {
            distributor: self.alpha.distributor.to_string(),
            rate,
            credit_limit: Uint128::new(limit),
        };
        self.suite
            .execute("governance", &holon.distributor, &accept)
            .expect("Beta accepts Alpha");
        self.beta = Some(BetaM {
            holon,
            books: Books {
                held: fund,
                ..Books::default()
            },
            balances: BTreeMap::new(),
            supply: 0,
            rate,
            limit,
            enabled: true,
            holdings: 0,
            anyone_may_settle,
        });
    }

    // ------------------------------------------------------------------ helpers

    fn actor(&self, who: u8) -> Actor {
        match who % 10 {
            0..=7 => Actor::Member(usize::from(who) % self.members.len()),
            8 => Actor::Stranger,
            _ => Actor::Governance,
        }
    }

    fn name(&self, a: Actor) -> &'static str {
        match a {
            Actor::Member(i) => NAMES[i],
            Actor::Stranger => "stranger",
            Actor::Governance => "governance",
        }
    }

    fn addr(&self, a: Actor) -> Addr {
        match a {
            Actor::Member(i) => self.members[i].clone(),
            Actor::Stranger => self.stranger.clone(),
            Actor::Governance => self.gov.clone(),
        }
    }

    fn actor_of(&self, addr: &Addr) -> Actor {
        if *addr == self.gov {
            return Actor::Governance;
        }
        match self.members.iter().position(|m| m == addr) {
            Some(i) => Actor::Member(i),
            None => Actor::Stranger,
        }
    }

    /// Mostly an actor who holds Alpha tokens (when anyone does), sometimes anyone.
    fn holder(&self, who: u8) -> Actor {
        let holders: Vec<Actor> = self
            .members
            .iter()
            .chain([&self.stranger, &self.gov])
            .filter(|a| self.balance(a) > 0)
            .map(|a| self.actor_of(a))
            .collect();
        if who & 3 != 0 && !holders.is_empty() {
            holders[usize::from(who / 4) % holders.len()]
        } else {
            self.actor(who)
        }
    }

    fn is_member(&self, a: &Addr) -> bool {
        self.member_set.contains(a)
    }

    fn now(&self) -> Timestamp {
        self.suite.now()
    }

    /// The cycle open at `t` (the distributor's clock).
    fn cycle_at(&self, t: Timestamp) -> u64 {
        if t < self.start {
            return 1;
        }
        1 + (t.seconds() - self.start.seconds()) / self.length
    }

    fn end_of(&self, k: u64) -> Timestamp {
        self.start.plus_seconds(k * self.length)
    }

    fn policy_for(&self, k: u64) -> (u32, Policy) {
        self.schedule
            .range(..=k)
            .next_back()
            .map(|(_, v)| v.clone())
            .expect("a policy from cycle 1")
    }

    fn balance(&self, a: &Addr) -> u128 {
        self.balances.get(a).copied().unwrap_or(0)
    }

    fn credit(map: &mut BTreeMap<Addr, u128>, a: &Addr, amount: u128) {
        *map.entry(a.clone()).or_default() += amount;
    }

    fn debit(map: &mut BTreeMap<Addr, u128>, a: &Addr, amount: u128) {
        let b = map.entry(a.clone()).or_default();
        *b = b
            .checked_sub(amount)
            .expect("model: a debit within the balance");
    }

    fn pick_need(&self, sel: u8) -> Option<usize> {
        (!self.needs.is_empty()).then(|| usize::from(sel) % self.needs.len())
    }

    /// An attestation: mostly one in `preferred` status, sometimes any (to be refused).
    fn pick_att(&self, sel: u8, preferred: AttestationStatus) -> Option<usize> {
        if self.atts.is_empty() {
            return None;
        }
        let pref: Vec<usize> = (0..self.atts.len())
            .filter(|&i| self.atts[i].status == preferred)
            .collect();
        if sel & 3 != 0 && !pref.is_empty() {
            Some(pref[usize::from(sel / 4) % pref.len()])
        } else {
            Some(usize::from(sel) % self.atts.len())
        }
    }

    /// R_c now: distinct members with a request (poster or endorser) on an open need of c.
    fn requesters(&self, category: &str) -> u32 {
        let mut r: BTreeSet<&Addr> = BTreeSet::new();
        for n in self
            .needs
            .iter()
            .filter(|n| n.category == category && n.status == NeedStatus::Open)
        {
            if n.poster_requests {
                r.insert(&n.poster);
            }
            r.extend(n.endorsers.iter());
        }
        r.len() as u32
    }

    // ------------------------------------------------------------------ one step

    pub fn step(&mut self, action: &Action) {
        let name = match action {
            Action::PostNeed {
                who,
                category,
                factors,
            } => self.post_need(action, *who, *category, *factors),
            Action::Endorse { who, need } => self.endorse(action, *who, *need),
            Action::WithdrawEndorsement { who, need } => {
                self.withdraw_endorsement(action, *who, *need)
            }
            Action::SetNeedStatus { who, need, status } => {
                self.set_need_status(action, *who, *need, *status)
            }
            Action::SetNeedFactors {
                who,
                need,
                impact,
                unit_credit,
                capacity_building,
            } => self.set_need_factors(
                action,
                *who,
                *need,
                *impact,
                *unit_credit,
                *capacity_building,
            ),
            Action::SetCategory {
                who,
                category,
                impact,
                unit_credit,
                need_factor,
                capacity_building,
            } => self.set_category(
                action,
                *who,
                *category,
                *impact,
                *unit_credit,
                *need_factor,
                *capacity_building,
            ),
            Action::Attest {
                who,
                need,
                hours,
                units,
                buddy,
            } => self.attest(action, *who, *need, *hours, *units, *buddy),
            Action::Cosign { by, att } => self.cosign(action, *by, *att),
            Action::Contribute {
                who,
                need,
                hours,
                units,
                buddy,
            } => self.contribute(action, *who, *need, *hours, *units, *buddy),
            Action::Reject { who, att } => self.reject(action, *who, *att),
            Action::Withdraw { who, att } => self.withdraw(action, *who, *att),
            Action::Dispute { who, att } => self.dispute(action, *who, *att),
            Action::Resolve {
                gov,
                who,
                att,
                uphold,
            } => self.resolve(action, *gov, *who, *att, *uphold),
            Action::Finalize { att } => self.finalize(action, *att),
            Action::Advance { cycles, seconds } => {
                let s = u64::from(*cycles) * self.length + seconds;
                self.suite.advance(s.max(1));
                self.members_at_block_start = self.member_set.clone();
                Some(("advance", true))
            }
            Action::AdvanceToClose { seconds } => {
                let (end, now) = (self.end_of(self.next_to_close), self.now());
                let to_end = end
                    .nanos()
                    .saturating_sub(now.nanos())
                    .div_ceil(1_000_000_000);
                self.suite.advance((to_end + seconds).max(1));
                self.members_at_block_start = self.member_set.clone();
                Some(("advance", true))
            }
            Action::Close => self.close(action),
            Action::Claim {
                who,
                cycle,
                for_whom,
            } => self.claim(action, *who, *cycle, *for_whom),
            Action::ClaimAll { who } => self.claim_all(action, *who),
            Action::ClaimDue { pick, by_other } => self.claim_due(action, *pick, *by_other),
            Action::Transfer { from, to, amount } => self.transfer(action, *from, *to, *amount),
            Action::Gift { who, amount } => self.gift(action, *who, *amount),
            Action::Redeem { who, amount, to } => self.redeem(action, *who, *amount, *to),
            Action::Membership { add, who } => self.membership(*add, *who),
            Action::AttestationPolicy {
                gov,
                who,
                challenge_seconds,
                cosigns_required,
                caps,
            } => self.attestation_policy(
                action,
                *gov,
                *who,
                *challenge_seconds,
                *cosigns_required,
                *caps,
            ),
            Action::Collude {
                a,
                b,
                need,
                rounds,
                finalize,
            } => self.collude(action, *a, *b, *need, rounds, *finalize),
            Action::FinalizeAll => self.finalize_all(action),
            Action::Burn { who, amount, from } => self.burn(action, *who, *amount, *from),
            Action::HostileMint { to, amount } => self.hostile_mint(*to, *amount),
            Action::HostileExchange { who, mint, amount } => {
                self.hostile_exchange(action, *who, *mint, *amount)
            }
            Action::HostileSettle {
                gov,
                who,
                amount,
                payment,
            } => self.hostile_settle(action, *gov, *who, *amount, *payment),
            Action::AcceptRogue { gov, again } => self.accept_rogue(action, *gov, *again),
            Action::Fund { amount } => self.fund(action, *amount),
            Action::SetPolicy { gov, who, pick } => self.set_policy(action, *gov, *who, pick),
            Action::Exchange { who, amount } => self.exchange(action, *who, *amount),
            Action::UpdateHolon {
                rate,
                credit_limit,
                enabled,
            } => self.update_holon(action, *rate, *credit_limit, *enabled),
            Action::Settle { gov, who, amount } => self.settle(action, *gov, *who, *amount),
            Action::ReturnForeign { to, amount } => self.return_foreign(action, *to, *amount),
            Action::ListResource {
                gov,
                who,
                unit,
                price,
                stock,
                refund,
                category,
            } => {
                let by = if *gov {
                    self.commons.owner()
                } else {
                    self.actor(*who)
                };
                self.commons_list(
                    action,
                    flow_types::commons::ListingKind::Resource,
                    by,
                    *unit,
                    *price,
                    *stock,
                    *refund,
                    *category,
                )
            }
            Action::ListOffer {
                who,
                unit,
                price,
                stock,
                category,
            } => {
                let by = self.actor(*who);
                self.commons_list(
                    action,
                    flow_types::commons::ListingKind::Offer,
                    by,
                    *unit,
                    *price,
                    *stock,
                    None,
                    *category,
                )
            }
            Action::SetListingStatus {
                who,
                listing,
                status,
            } => self.commons_set_status(action, *who, *listing, *status),
            Action::Book {
                who,
                listing,
                window,
                pay,
            } => self.commons_book(action, *who, *listing, *window, *pay),
            Action::Buy {
                who,
                listing,
                quantity,
                pay,
            } => self.commons_buy(action, *who, *listing, *quantity, *pay),
            Action::CancelBooking { who, booking } => self.commons_cancel(action, *who, *booking),
            Action::ReleaseBooking { who, booking } => {
                self.commons_release_booking(action, *who, *booking)
            }
            Action::ConfirmPurchase { who, purchase } => {
                self.commons_confirm(action, *who, *purchase)
            }
            Action::DisputePurchase { who, purchase } => {
                self.commons_dispute(action, *who, *purchase)
            }
            Action::ResolvePurchase {
                gov,
                who,
                purchase,
                refund,
            } => self.commons_resolve(action, *gov, *who, *purchase, *refund),
            Action::ReleasePurchase { who, purchase } => {
                self.commons_release_purchase(action, *who, *purchase)
            }
            Action::CommonsUpdateConfig {
                owner,
                who,
                confirm_window,
                bounds,
            } => self.commons_update_config(action, *owner, *who, *confirm_window, *bounds),
            Action::CommonsTransferOwnership {
                owner,
                who,
                to,
                expires_in,
                accept,
            } => self.commons_transfer_ownership(action, *owner, *who, *to, *expires_in, *accept),
            Action::CommonsAcceptOwnership { pending, who } => {
                self.commons_accept_ownership(action, *pending, *who)
            }
            Action::CommonsRenounceOwnership { who } => {
                self.commons_renounce_ownership(action, *who)
            }
        };
        if let Some((name, accepted)) = name {
            self.stats.count(name, accepted);
            self.changed |= accepted;
        }
    }

    // ------------------------------------------------------------------ registry

    fn post_need(
        &mut self,
        action: &Action,
        who: u8,
        category: u8,
        factors: Option<(Decimal, Decimal, bool)>,
    ) -> Option<(&'static str, bool)> {
        let poster = self.actor(who);
        let poster_addr = self.addr(poster);
        let cat = format!("c{}", usize::from(category) % self.categories.len());
        let expected = if poster == Actor::Governance {
            Ok(())
        } else if factors.is_some() {
            reg_err(need_registry::ContractError::FactorsByGovernanceOnly {})
        } else if !self.is_member(&poster_addr) {
            reg_err(need_registry::ContractError::NotAMember {
                address: poster_addr.to_string(),
            })
        } else {
            Ok(())
        };
        let input = NeedInput {
            category: cat.clone(),
            title: format!("need in {cat}"),
            description: String::new(),
            unit: "hours".into(),
            quantity: Decimal::one(),
            period: Period::Weekly,
            impact: factors.map(|f| f.0),
            unit_credit: factors.map(|f| f.1),
            capacity_building: factors.map(|f| f.2),
        };
        let registry = self.alpha.registry.clone();
        let res = self.suite.execute(
            self.name(poster),
            &registry,
            &reg::ExecuteMsg::PostNeed { need: input },
        );
        let ok = outcome(res, expected, action);
        if let Some(r) = &ok {
            let id = self.needs.len() as u64 + 1;
            assert_eq!(
                attr_u64(r, "need_id").expect("need_id"),
                id,
                "need ids are 1, 2, …"
            );
            let c = &self.categories[&cat];
            self.needs.push(NeedM {
                id,
                category: cat.clone(),
                poster: poster_addr.clone(),
                poster_requests: self.is_member(&poster_addr),
                status: NeedStatus::Open,
                impact: factors.map_or(c.impact, |f| f.0),
                unit_credit: factors.map_or(c.unit_credit, |f| f.1),
                capacity_building: factors.map_or(c.capacity_building, |f| f.2),
                endorsers: BTreeSet::new(),
                units_recorded: Decimal::zero(),
            });
        }
        Some(("post_need", ok.is_some()))
    }

    fn endorse(&mut self, action: &Action, who: u8, need: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_need(need)?;
        let by = self.actor(who);
        let by_addr = self.addr(by);
        let n = &self.needs[i];
        let expected = if !self.is_member(&by_addr) {
            reg_err(need_registry::ContractError::NotAMember {
                address: by_addr.to_string(),
            })
        } else if n.status != NeedStatus::Open {
            reg_err(need_registry::ContractError::NeedNotOpen {
                id: n.id,
                status: n.status,
            })
        } else if n.poster == by_addr || n.endorsers.contains(&by_addr) {
            reg_err(need_registry::ContractError::AlreadyRequested {
                id: n.id,
                address: by_addr.to_string(),
            })
        } else {
            Ok(())
        };
        let id = n.id;
        let registry = self.alpha.registry.clone();
        let res = self
            .suite
            .execute(self.name(by), &registry, &reg::ExecuteMsg::Endorse { id });
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.needs[i].endorsers.insert(by_addr);
        }
        Some(("endorse", ok))
    }

    fn withdraw_endorsement(
        &mut self,
        action: &Action,
        who: u8,
        need: u8,
    ) -> Option<(&'static str, bool)> {
        let i = self.pick_need(need)?;
        let by = self.actor(who);
        let by_addr = self.addr(by);
        let n = &self.needs[i];
        let expected = if n.poster == by_addr {
            reg_err(need_registry::ContractError::PosterCannotWithdraw { id: n.id })
        } else if !n.endorsers.contains(&by_addr) {
            reg_err(need_registry::ContractError::NotRequested {
                id: n.id,
                address: by_addr.to_string(),
            })
        } else {
            Ok(())
        };
        let id = n.id;
        let registry = self.alpha.registry.clone();
        let res = self.suite.execute(
            self.name(by),
            &registry,
            &reg::ExecuteMsg::WithdrawEndorsement { id },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.needs[i].endorsers.remove(&by_addr);
        }
        Some(("withdraw_endorsement", ok))
    }

    fn set_need_status(
        &mut self,
        action: &Action,
        who: u8,
        need: u8,
        status: u8,
    ) -> Option<(&'static str, bool)> {
        let i = self.pick_need(need)?;
        let by = self.actor(who);
        let by_addr = self.addr(by);
        let status =
            [NeedStatus::Open, NeedStatus::Fulfilled, NeedStatus::Closed][usize::from(status) % 3];
        let n = &self.needs[i];
        let expected = if by_addr != n.poster && by_addr != self.gov {
            reg_err(need_registry::ContractError::NotPosterOrOwner { id: n.id })
        } else if n.status == status {
            reg_err(need_registry::ContractError::StatusUnchanged { id: n.id, status })
        } else {
            Ok(())
        };
        let id = n.id;
        let registry = self.alpha.registry.clone();
        let res = self.suite.execute(
            self.name(by),
            &registry,
            &reg::ExecuteMsg::SetNeedStatus { id, status },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.needs[i].status = status;
        }
        Some(("set_need_status", ok))
    }

    fn set_need_factors(
        &mut self,
        action: &Action,
        who: u8,
        need: u8,
        impact: Option<Decimal>,
        unit_credit: Option<Decimal>,
        capacity_building: Option<bool>,
    ) -> Option<(&'static str, bool)> {
        let i = self.pick_need(need)?;
        let by = self.actor(who);
        let expected = if by != Actor::Governance {
            reg_err(need_registry::ContractError::Ownership(
                OwnershipError::NotOwner,
            ))
        } else {
            Ok(())
        };
        let id = self.needs[i].id;
        let registry = self.alpha.registry.clone();
        let msg = reg::ExecuteMsg::SetNeedFactors {
            id,
            impact,
            unit_credit,
            capacity_building,
        };
        let res = self.suite.execute(self.name(by), &registry, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            let n = &mut self.needs[i];
            n.impact = impact.unwrap_or(n.impact);
            n.unit_credit = unit_credit.unwrap_or(n.unit_credit);
            n.capacity_building = capacity_building.unwrap_or(n.capacity_building);
        }
        Some(("set_need_factors", ok))
    }

    #[allow(clippy::too_many_arguments)]
    fn set_category(
        &mut self,
        action: &Action,
        who: u8,
        category: u8,
        impact: Decimal,
        unit_credit: Decimal,
        need_factor: Decimal,
        capacity_building: bool,
    ) -> Option<(&'static str, bool)> {
        let by = self.actor(who);
        let id = format!("c{}", usize::from(category) % self.categories.len());
        let c = Category {
            id: id.clone(),
            label: format!("category {id}"),
            impact,
            capacity_building,
            need_factor,
            unit_credit,
        };
        let expected = if by != Actor::Governance {
            reg_err(need_registry::ContractError::Ownership(
                OwnershipError::NotOwner,
            ))
        } else {
            Ok(())
        };
        let registry = self.alpha.registry.clone();
        let res = self.suite.execute(
            self.name(by),
            &registry,
            &reg::ExecuteMsg::SetCategory {
                category: c.clone(),
            },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.categories.insert(id, c);
        }
        Some(("set_category", ok))
    }

    // ------------------------------------------------------------------ attestation

    fn attest(
        &mut self,
        action: &Action,
        who: u8,
        need: u8,
        hours: Decimal,
        units: Decimal,
        buddy: Option<u8>,
    ) -> Option<(&'static str, bool)> {
        let i = self.pick_need(need)?;
        let by = self.actor(who);
        let attester = self.addr(by);
        let buddy = buddy.map(|b| self.addr(self.actor(b)));
        let n = &self.needs[i];
        let p = &self.att_policy;
        let cycle = self.cycle_at(self.now());
        // b = h + floor18(u × unit credit), None past a Decimal: over every cap.
        let credit = formula::checked_credit(hours, units, n.unit_credit);
        let counted = self.counted(cycle, &attester);
        use attestation::ContractError as E;
        let max_units = Decimal::from_ratio(flow_types::attestation::MAX_UNITS, 1u64);
        let expected = if units > max_units {
            att_err(E::Validation(ValidationError::OutOfRange {
                field: "units".into(),
                value: units.to_string(),
                min: "0".into(),
                max: max_units.to_string(),
            }))
        } else if hours.is_zero() && units.is_zero() {
            att_err(E::NoHours)
        } else if hours > p.max_hours_per_attestation {
            att_err(E::HoursOverAttestationCap {
                hours,
                max: p.max_hours_per_attestation,
            })
        } else if !self.is_member(&attester) {
            att_err(E::NotAMember {
                address: attester.clone(),
            })
        } else if buddy.as_ref() == Some(&attester) {
            att_err(E::SelfCosign)
        } else if let Some(b) = buddy.as_ref().filter(|b| !self.is_member(b)) {
            att_err(E::NotAMember { address: b.clone() })
        } else if n.status != NeedStatus::Open {
            att_err(E::NeedNotOpen { need_id: n.id })
        } else if credit.is_none_or(|b| b > p.max_hours_per_attestation) {
            att_err(E::CreditOverAttestationCap {
                hours,
                units,
                unit_credit: n.unit_credit,
                max: p.max_hours_per_attestation,
            })
        } else if credit < Some(flow_types::attestation::MIN_CREDIT) {
            att_err(E::NoCredit)
        } else if formula::add(counted, credit.expect("a credit")) > p.max_hours_per_cycle {
            att_err(E::CreditOverCycleCap {
                cycle,
                counted,
                credit: credit.expect("a credit"),
                max: p.max_hours_per_cycle,
            })
        } else {
            Ok(())
        };
        let msg = att::ExecuteMsg::Attest {
            need_id: n.id,
            hours,
            units,
            description: "did it".into(),
            evidence: None,
            buddy: buddy.as_ref().map(|b| b.to_string()),
        };
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(self.name(by), &contract, &msg);
        let Some(r) = outcome(res, expected, action) else {
            return Some(("attest", false));
        };
        let credit = credit.expect("an accepted attestation has a credit");
        let id = self.atts.len() as u64 + 1;
        assert_eq!(attr_u64(&r, "attestation_id").expect("attestation_id"), id);
        // b_r as the attestation contract computed it, against docs/WEIGHTING.md.
        let credit_attr = r
            .events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "credit")
            .expect("credit")
            .value
            .clone();
        assert_eq!(credit_attr, credit.to_string(), "b_r of attestation {id}");
        self.cycle_credit
            .insert((cycle, attester.clone()), formula::add(counted, credit));
        self.counts_touched.insert((cycle, attester.clone()));
        let n = &self.needs[i];
        self.atts.push(AttM {
            id,
            need: i,
            units,
            attester,
            category: n.category.clone(),
            hours,
            credit,
            impact: n.impact,
            capacity_building: n.capacity_building,
            buddy,
            cosigners: vec![],
            status: AttestationStatus::Pending,
            cycle,
            cosigned_at: None,
        });
        Some(("attest", true))
    }

    /// What `member`'s count against the per-cycle cap is in cycle `k`.
    fn counted(&self, k: u64, member: &Addr) -> Decimal {
        self.cycle_credit
            .get(&(k, member.clone()))
            .copied()
            .unwrap_or_default()
    }

    /// Takes `credit` off `member`'s count in cycle `k` (never below zero).
    fn uncount(&mut self, k: u64, member: &Addr, credit: Decimal) {
        let key = (k, member.clone());
        self.counts_touched.insert(key.clone());
        let left = formula::saturating_sub(self.counted(k, member), credit);
        if left.is_zero() {
            self.cycle_credit.remove(&key);
        } else {
            self.cycle_credit.insert(key, left);
        }
    }

    /// A withdrawn, rejected or upheld attestation gives its credit back to the count of the
    /// cycle it was attested in.
    fn give_credit_back(&mut self, i: usize) {
        let a = self.atts[i].clone();
        self.uncount(a.cycle, &a.attester, a.credit);
    }

    /// Whether attestation `i` may be recorded now: recorded in a later cycle than the one
    /// it was attested in, its credit moves to that cycle's count, which must have room.
    fn landing(&self, i: usize) -> Expected {
        let a = &self.atts[i];
        let cycle = self.cycle_at(self.now());
        if cycle == a.cycle {
            return Ok(());
        }
        let counted = self.counted(cycle, &a.attester);
        let max = self.att_policy.max_hours_per_cycle;
        if formula::add(counted, a.credit) > max {
            return att_err(attestation::ContractError::CreditOverCycleCap {
                cycle,
                counted,
                credit: a.credit,
                max,
            });
        }
        Ok(())
    }

    /// Whether attestation `i` can be recorded now: where it lands (`landing`). Its units join
    /// its need's progress, which saturates (units are bounded per attestation), so nothing
    /// else can refuse a record.
    fn recordable(&self, i: usize) -> Expected {
        self.landing(i)?;
        Ok(())
    }

    /// Counts the refusals of a record (co-sign, finalize, resolve) for landing past the
    /// cap.
    fn note_record_refusal(&mut self, expected: &Expected) {
        if let Err(Refusal::Attestation(attestation::ContractError::CreditOverCycleCap {
            ..
        })) = expected
        {
            self.stats.landing_refused += 1;
        }
    }

    /// The highest per-cycle cap in force at any time during cycle `k`.
    fn highest_cap(&self, k: u64) -> Decimal {
        let (start, end) = (self.end_of(k - 1), self.end_of(k));
        let caps = &self.cycle_caps;
        (0..caps.len())
            // In force from its change (inclusive) to the next change (inclusive: steps in
            // the same block before the next change still see it).
            .filter(|&j| caps[j].0 < end && caps.get(j + 1).is_none_or(|n| n.0 >= start))
            .map(|j| caps[j].1)
            .max()
            .expect("a cap in force")
    }

    /// The attestation becomes final and is credited to the open cycle (the distributor's
    /// `record`), once.
    fn record(&mut self, i: usize) {
        let id = self.atts[i].id;
        assert!(
            self.recorded.insert(id),
            "model: attestation {id} recorded twice"
        );
        self.atts[i].status = AttestationStatus::Final;
        let a = self.atts[i].clone();
        let n = &mut self.needs[a.need];
        n.units_recorded = n.units_recorded.saturating_add(a.units);
        let cycle = self.cycle_at(self.now());
        assert!(
            cycle >= self.next_to_close,
            "a record never lands in a closed cycle"
        );
        // The credit lands where it is recorded (checked by `landing` first).
        if cycle != a.cycle {
            let counted = self.counted(cycle, &a.attester);
            self.uncount(a.cycle, &a.attester, a.credit);
            self.cycle_credit
                .insert((cycle, a.attester.clone()), formula::add(counted, a.credit));
            self.counts_touched.insert((cycle, a.attester.clone()));
            self.stats.landed_later += 1;
        }
        let (_, policy) = self.policy_for(cycle);
        // The registry's need factor, pinned at the cycle's first record in the category.
        let pinned = match &policy.scarcity {
            Scarcity::Fixed { factors }
                if formula::factors_used(policy.model).0
                    && !factors.iter().any(|f| f.category == a.category) =>
            {
                Some(self.categories[&a.category].need_factor)
            }
            _ => None,
        };
        let acc = self.open.entry(cycle).or_default();
        let member_b = acc.member_b.get(&a.attester).copied().unwrap_or_default();
        let credit = match policy.max_credit_per_member {
            Some(cap) => a.credit.min(formula::saturating_sub(cap, member_b)),
            None => a.credit,
        };
        let w = formula::weighted_credit(
            policy.model,
            policy.capacity_bonus,
            credit,
            a.impact,
            a.capacity_building,
        );
        acc.member_b
            .insert(a.attester.clone(), formula::add(member_b, credit));
        let member_h = acc.member_h.entry(a.attester.clone()).or_default();
        *member_h = formula::add(*member_h, a.hours);
        acc.hours = formula::add(acc.hours, a.hours);
        acc.contributors.insert(a.attester.clone());
        let cat = acc
            .cats
            .entry(a.category.clone())
            .or_insert_with(|| CatAcc {
                pinned,
                ..CatAcc::default()
            });
        cat.hours = formula::add(cat.hours, a.hours);
        cat.a = formula::add(cat.a, w);
        cat.contributors.insert(a.attester.clone());
        let s = acc
            .s
            .entry(a.attester.clone())
            .or_default()
            .entry(a.category.clone())
            .or_default();
        *s = formula::add(*s, w);
    }

    fn cosign(&mut self, action: &Action, by: Cosigner, att: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Pending)?;
        Some(("cosign", self.cosign_index(action, by, i)))
    }

    fn contribute(
        &mut self,
        action: &Action,
        who: u8,
        need: u8,
        hours: Decimal,
        units: Decimal,
        buddy: u8,
    ) -> Option<(&'static str, bool)> {
        let n = self.members.len();
        let i = usize::from(who) % n;
        let j = (i + 1 + usize::from(buddy) % (n - 1)) % n;
        let before = self.atts.len();
        self.attest(action, i as u8, need, hours, units, Some(j as u8))?;
        if self.atts.len() == before {
            return Some(("contribute", false));
        }
        let k = self.atts.len() - 1;
        for _ in 0..self.att_policy.cosigns_required {
            if !self.cosign_index(action, Cosigner::Buddy, k) {
                break;
            }
        }
        Some((
            "contribute",
            self.atts[k].status != AttestationStatus::Pending,
        ))
    }

    /// Co-signs attestation `i`; whether it was accepted.
    fn cosign_index(&mut self, action: &Action, by: Cosigner, i: usize) -> bool {
        let a = &self.atts[i];
        let cosigner = match by {
            Cosigner::Buddy => match &a.buddy {
                Some(b) if a.cosigners.is_empty() => b.clone(),
                _ => self
                    .members
                    .iter()
                    .find(|m| **m != a.attester && !a.cosigners.contains(m))
                    .cloned()
                    .unwrap_or_else(|| a.attester.clone()),
            },
            Cosigner::Attester => a.attester.clone(),
            Cosigner::Anyone(w) => self.addr(self.actor(w)),
        };
        let cycle = self.cycle_at(self.now());
        let pair = (cycle, cosigner.clone(), a.attester.clone());
        let signed = self.pair_cosigns.get(&pair).copied().unwrap_or(0);
        let max = self.att_policy.max_cosigns_per_pair_per_cycle;
        use attestation::ContractError as E;
        let expected = if a.status != AttestationStatus::Pending {
            wrong_status(a.id, a.status, AttestationStatus::Pending)
        } else if !self.is_member(&cosigner) {
            att_err(E::NotAMember {
                address: cosigner.clone(),
            })
        } else if cosigner == a.attester {
            att_err(E::SelfCosign)
        } else if let Some(b) = a
            .buddy
            .as_ref()
            .filter(|b| a.cosigners.is_empty() && **b != cosigner)
        {
            att_err(E::NotTheBuddy { buddy: b.clone() })
        } else if a.cosigners.contains(&cosigner) {
            att_err(E::AlreadyCosigned)
        } else if signed >= max {
            att_err(E::PairLimitReached { max })
        } else if a.cosigners.len() + 1 >= usize::from(self.att_policy.cosigns_required)
            && self.att_policy.challenge_seconds == 0
        {
            // The last co-sign records at once: where it lands, the cap must have room.
            self.recordable(i)
        } else {
            Ok(())
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let sender = self.name(self.actor_of(&cosigner));
        let res = self
            .suite
            .execute(sender, &contract, &att::ExecuteMsg::Cosign { id });
        self.note_record_refusal(&expected);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.pair_cosigns.insert(pair, signed + 1);
            self.atts[i].cosigners.push(cosigner);
            if self.atts[i].cosigners.len() >= usize::from(self.att_policy.cosigns_required) {
                self.atts[i].cosigned_at = Some(self.now());
                if self.att_policy.challenge_seconds == 0 {
                    self.record(i);
                } else {
                    self.atts[i].status = AttestationStatus::Challenge;
                }
            }
        }
        ok
    }

    fn reject(&mut self, action: &Action, who: u8, att: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Pending)?;
        let a = &self.atts[i];
        // Mostly the named buddy (when one is named), sometimes anyone.
        let by = match &a.buddy {
            Some(b) if !who.is_multiple_of(3) => b.clone(),
            _ => self.addr(self.actor(who)),
        };
        use attestation::ContractError as E;
        let expected = if a.status != AttestationStatus::Pending {
            wrong_status(a.id, a.status, AttestationStatus::Pending)
        } else if !self.is_member(&by) {
            att_err(E::NotAMember {
                address: by.clone(),
            })
        } else if by == a.attester {
            att_err(E::SelfCosign)
        } else {
            // Only the named buddy refuses; an attestation naming none cannot be refused.
            match &a.buddy {
                Some(b) if *b != by => att_err(E::NotTheBuddy { buddy: b.clone() }),
                Some(_) => Ok(()),
                None => att_err(E::NoBuddyToRefuse { id: a.id }),
            }
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(
            self.name(self.actor_of(&by)),
            &contract,
            &att::ExecuteMsg::Reject {
                id,
                reason: "no".into(),
            },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.give_credit_back(i);
            self.atts[i].status = AttestationStatus::Rejected;
        }
        Some(("reject", ok))
    }

    fn withdraw(&mut self, action: &Action, who: u8, att: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Pending)?;
        let a = &self.atts[i];
        let by = if who & 1 == 0 {
            a.attester.clone()
        } else {
            self.addr(self.actor(who))
        };
        let expected = if by != a.attester {
            att_err(attestation::ContractError::NotTheAttester)
        } else if a.status != AttestationStatus::Pending {
            wrong_status(a.id, a.status, AttestationStatus::Pending)
        } else {
            Ok(())
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(
            self.name(self.actor_of(&by)),
            &contract,
            &att::ExecuteMsg::Withdraw { id },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.give_credit_back(i);
            self.atts[i].status = AttestationStatus::Withdrawn;
        }
        Some(("withdraw", ok))
    }

    fn window_end(&self, i: usize) -> Timestamp {
        self.atts[i]
            .cosigned_at
            .expect("co-signed")
            .plus_seconds(self.att_policy.challenge_seconds)
    }

    fn dispute(&mut self, action: &Action, who: u8, att: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Challenge)?;
        let by = self.addr(self.actor(who));
        let a = &self.atts[i];
        use attestation::ContractError as E;
        let expected = if a.status != AttestationStatus::Challenge {
            wrong_status(a.id, a.status, AttestationStatus::Challenge)
        } else if self.now() >= self.window_end(i) {
            att_err(E::ChallengeWindowClosed)
        } else if !self.is_member(&by) {
            att_err(E::NotAMember {
                address: by.clone(),
            })
        } else if by == a.attester {
            att_err(E::SelfDispute)
        } else {
            Ok(())
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(
            self.name(self.actor_of(&by)),
            &contract,
            &att::ExecuteMsg::Dispute {
                id,
                reason: "doubt".into(),
            },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.atts[i].status = AttestationStatus::Disputed;
        }
        Some(("dispute", ok))
    }

    fn resolve(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        att: u8,
        uphold: bool,
    ) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Disputed)?;
        let by = if gov {
            Actor::Governance
        } else {
            self.actor(who)
        };
        let a = &self.atts[i];
        let expected = if by != Actor::Governance {
            att_err(attestation::ContractError::Ownership(
                OwnershipError::NotOwner,
            ))
        } else if a.status != AttestationStatus::Disputed {
            wrong_status(a.id, a.status, AttestationStatus::Disputed)
        } else if !uphold {
            self.recordable(i)
        } else {
            Ok(())
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(
            self.name(by),
            &contract,
            &att::ExecuteMsg::ResolveDispute { id, uphold },
        );
        self.note_record_refusal(&expected);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            if uphold {
                self.give_credit_back(i);
                self.atts[i].status = AttestationStatus::Rejected;
            } else {
                self.record(i);
            }
        }
        Some(("resolve_dispute", ok))
    }

    fn finalize(&mut self, action: &Action, att: u8) -> Option<(&'static str, bool)> {
        let i = self.pick_att(att, AttestationStatus::Challenge)?;
        Some(("finalize", self.finalize_index(action, i)))
    }

    /// Everything stored up in its challenge window whose window has passed, oldest first.
    fn finalize_all(&mut self, action: &Action) -> Option<(&'static str, bool)> {
        let due: Vec<usize> = (0..self.atts.len())
            .filter(|&i| {
                self.atts[i].status == AttestationStatus::Challenge
                    && self.now() >= self.window_end(i)
            })
            .collect();
        if due.is_empty() {
            return None;
        }
        for i in due {
            let ok = self.finalize_index(action, i);
            self.stats.count("finalize_stored", ok);
            self.changed |= ok;
        }
        None
    }

    /// Finalizes attestation `i`; whether it was accepted.
    fn finalize_index(&mut self, action: &Action, i: usize) -> bool {
        let a = &self.atts[i];
        let expected = if a.status != AttestationStatus::Challenge {
            wrong_status(a.id, a.status, AttestationStatus::Challenge)
        } else if self.now() < self.window_end(i) {
            att_err(attestation::ContractError::ChallengeWindowOpen {
                ends: self.window_end(i),
            })
        } else {
            self.recordable(i)
        };
        let id = a.id;
        let contract = self.alpha.attestation.clone();
        let res = self
            .suite
            .execute("stranger", &contract, &att::ExecuteMsg::Finalize { id });
        self.note_record_refusal(&expected);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.record(i);
        }
        ok
    }

    // ------------------------------------------------------------------ cycles and claims

    fn close(&mut self, action: &Action) -> Option<(&'static str, bool)> {
        let k = self.next_to_close;
        let ends = self.end_of(k);
        let expected = if self.now() < ends {
            dist_err(distributor::ContractError::CycleNotEnded { cycle: k, ends })
        } else {
            Ok(())
        };
        let d = self.alpha.distributor.clone();
        let res = self
            .suite
            .execute("stranger", &d, &dist::ExecuteMsg::CloseCycle {});
        if outcome(res, expected, action).is_none() {
            return Some(("close_cycle", false));
        }
        // docs/WEIGHTING.md, recomputed from the model of the scenario.
        let (version, policy) = self.policy_for(k);
        let acc = self.open.remove(&k).unwrap_or_default();
        let input = self.cycle_input(k, &acc, self.members_at_block_start.len() as u64);
        let out = formula::close(&input);
        check_outcome(&input, &out);

        // The close pinned exactly that.
        let c: CycleResponse = self.suite.cycle(k).expect("cycle");
        let what = format!("cycle {k} closed under {policy:?} from {input:?}");
        assert_eq!(c.status, CycleStatus::Closed, "{what}");
        assert_eq!(c.policy_version, version, "{what}: policy version");
        assert_eq!(c.model, policy.model, "{what}");
        assert_eq!(c.budget.u128(), out.budget, "{what}: budget");
        assert_eq!(
            c.reserve_kept.u128(),
            out.reserve_kept,
            "{what}: reserve kept"
        );
        assert_eq!(
            c.baseline_pool.u128(),
            out.baseline_pool,
            "{what}: baseline pool"
        );
        assert_eq!(
            c.baseline_each.u128(),
            out.baseline_each,
            "{what}: baseline each"
        );
        assert_eq!(
            c.members_weight, out.members_weight,
            "{what}: members weight"
        );
        assert_eq!(
            c.contribution_pool.u128(),
            out.contribution_pool,
            "{what}: contribution pool"
        );
        assert_eq!(c.total_weight, out.total_weight, "{what}: W");
        assert_eq!(c.total_hours, acc.hours, "{what}: hours");
        assert_eq!(
            c.contributors as usize,
            acc.contributors.len(),
            "{what}: contributors"
        );
        assert_eq!(
            c.categories.len(),
            out.categories.len(),
            "{what}: categories"
        );
        for cc in &c.categories {
            let o = &out.categories[&cc.category];
            let a = &acc.cats[&cc.category];
            assert_eq!(cc.factor, Some(o.factor), "{what}: N_c of {}", cc.category);
            assert_eq!(
                cc.requesters, o.requesters,
                "{what}: R_c of {}",
                cc.category
            );
            assert_eq!(
                cc.weight,
                Some(o.weight),
                "{what}: weight of {}",
                cc.category
            );
            assert_eq!(
                (cc.credit, cc.hours, cc.contributors as usize),
                (a.a, a.hours, a.contributors.len()),
                "{what}: {}",
                cc.category
            );
        }
        // No member's credit in the cycle passed the caps: Σ b per member as the distributor
        // credited it (explain), equal to the model's and within the highest per-cycle cap
        // in force during the cycle.
        let cap = self.highest_cap(k);
        for (member, b) in &acc.member_b {
            let e: dist::ExplainResponse = self
                .suite
                .query(
                    &self.alpha.distributor,
                    &dist::QueryMsg::Explain {
                        cycle: k,
                        member: member.to_string(),
                    },
                )
                .expect("explain");
            let credited = e
                .categories
                .iter()
                .fold(Decimal::zero(), |s, c| formula::add(s, c.base_credit));
            assert_eq!(credited, *b, "{what}: Σ b of {member}");
            assert!(
                credited <= cap,
                "{what}: {member} credited {credited} hour-equivalents, over the cap {cap}"
            );
        }
        if let Some(t) = &mut self.treasury {
            t.allocated += out.allocated;
        }
        self.stats.closes_compared += 1;
        self.stats.contributors_at_close += out.shares.len() as u64;
        self.closed.insert(
            k,
            ClosedM {
                members: self.members_at_block_start.clone(),
                member_b: acc.member_b.clone(),
                out,
                claims: BTreeMap::new(),
            },
        );
        self.next_to_close += 1;
        Some(("close_cycle", true))
    }

    /// What closing cycle `k` (its totals `acc`) now would compute from, with `members` in the
    /// group.
    fn cycle_input(&self, k: u64, acc: &CycleAcc, members: u64) -> CycleInput {
        let (_, policy) = self.policy_for(k);
        let categories = acc
            .cats
            .iter()
            .map(|(c, cat)| {
                let input = CategoryInput {
                    s: cat.a,
                    contributors: cat.contributors.len() as u32,
                    requesters: self.requesters(c),
                    // Pinned at the cycle's first record in the category; a `SetCategory`
                    // since then does not reweigh the cycle.
                    registry_factor: cat.pinned.unwrap_or(self.categories[c].need_factor),
                };
                (c.clone(), input)
            })
            .collect();
        let budget = match (self.emission, &self.treasury) {
            (Some(e), _) => Budget::Fixed(e),
            (None, Some(t)) => Budget::Treasury(t.unallocated()),
            (None, None) => unreachable!("a treasury holon has books"),
        };
        CycleInput {
            policy,
            categories,
            contributions: acc.s.clone(),
            budget,
            group_members: members,
        }
    }

    /// Mints a claim into the model; returns the amount owed (0: nothing).
    fn owed(&self, k: u64, member: &Addr) -> u128 {
        let c = &self.closed[&k];
        if c.claims.contains_key(member) {
            return 0;
        }
        c.out.owed(member, &c.members)
    }

    fn claim(
        &mut self,
        action: &Action,
        who: u8,
        cycle: CyclePick,
        for_whom: Option<u8>,
    ) -> Option<(&'static str, bool)> {
        let sender = self.actor(who);
        let member = for_whom.map(|w| self.addr(self.actor(w)));
        let k = match cycle {
            CyclePick::Closed(n) if !self.closed.is_empty() => *self
                .closed
                .keys()
                .nth(usize::from(n) % self.closed.len())
                .expect("a closed cycle"),
            CyclePick::Closed(_) | CyclePick::NotClosed => self.next_to_close,
            CyclePick::Zero => 0,
        };
        Some(("claim", self.claim_cycle(action, sender, member, k)))
    }

    fn claim_due(
        &mut self,
        action: &Action,
        pick: u8,
        by_other: Option<u8>,
    ) -> Option<(&'static str, bool)> {
        let mut due = vec![];
        let mut accounts = self.members.clone();
        accounts.extend([self.stranger.clone(), self.gov.clone()]);
        for k in self.closed.keys() {
            for a in &accounts {
                if self.owed(*k, a) > 0 {
                    due.push((*k, a.clone()));
                }
            }
        }
        if due.is_empty() {
            return None;
        }
        let (k, member) = due[usize::from(pick) % due.len()].clone();
        let (sender, member) = match by_other {
            Some(w) => (self.actor(w), Some(member)),
            None => (self.actor_of(&member), None),
        };
        Some(("claim", self.claim_cycle(action, sender, member, k)))
    }

    /// `sender` claims cycle `k` for `member` (default: the sender); whether it was accepted.
    fn claim_cycle(
        &mut self,
        action: &Action,
        sender: Actor,
        for_whom: Option<Addr>,
        k: u64,
    ) -> bool {
        let member = for_whom.clone().unwrap_or_else(|| self.addr(sender));
        use distributor::ContractError as E;
        let amount = if self.closed.contains_key(&k) {
            self.owed(k, &member)
        } else {
            0
        };
        let expected = if k == 0 || k >= self.next_to_close {
            dist_err(E::CycleNotClosed {
                cycle: k,
                next_to_close: self.next_to_close,
            })
        } else if self.closed[&k].claims.contains_key(&member) {
            dist_err(E::AlreadyClaimed {
                cycle: k,
                member: member.to_string(),
            })
        } else if amount == 0 {
            dist_err(E::NothingToClaim {
                member: member.to_string(),
            })
        } else {
            Ok(())
        };
        self.involved.insert(member.clone());
        let token = self.alpha.token.clone();
        let before = self.suite.balance_of(&token, &member);
        let d = self.alpha.distributor.clone();
        let msg = dist::ExecuteMsg::Claim {
            cycle: Some(k),
            member: for_whom.map(|m| m.to_string()),
        };
        let res = self.suite.execute(self.name(sender), &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            // Every payout equals the formula: the balance moved by exactly p_i + baseline.
            let after = self.suite.balance_of(&token, &member);
            assert_eq!(
                after - before,
                amount,
                "{action:?}: cycle {k} paid {member} {} instead of {amount}",
                after - before
            );
            self.mint_claim(&member, &[(k, amount)]);
            // The transparent breakdown says the same: W_i, W and the amount.
            let out = &self.closed[&k].out;
            let e: dist::ExplainResponse = self
                .suite
                .query(
                    &self.alpha.distributor,
                    &dist::QueryMsg::Explain {
                        cycle: k,
                        member: member.to_string(),
                    },
                )
                .expect("explain");
            let w_i = out.weights.get(&member).copied().unwrap_or_default();
            assert_eq!(
                (e.weight, e.total_weight, e.amount.u128(), e.claimed),
                (w_i, out.total_weight, amount, true),
                "explain {k} {member}"
            );
            let c = self.suite.cycle(k).expect("cycle");
            let claims = &self.closed[&k].claims;
            assert_eq!(
                c.claimed.u128(),
                claims.values().sum::<u128>(),
                "cycle {k}: claimed"
            );
            assert_eq!(c.claims as usize, claims.len(), "cycle {k}: claims");
        }
        ok
    }

    fn mint_claim(&mut self, member: &Addr, claims: &[(u64, u128)]) {
        let total: u128 = claims.iter().map(|(_, a)| a).sum();
        for (k, amount) in claims {
            let c = self.closed.get_mut(k).expect("closed");
            assert!(
                c.claims.insert(member.clone(), *amount).is_none(),
                "model: {member} claimed cycle {k} twice"
            );
            assert!(
                c.claims.values().sum::<u128>() <= c.out.budget,
                "cycle {k}: claims over the budget"
            );
        }
        Self::credit(&mut self.balances, member, total);
        self.supply += total;
        if let Some(t) = &mut self.treasury {
            t.allocated -= total;
            t.outstanding += total;
        }
        self.stats.claims_compared += claims.len() as u64;
    }

    fn claim_all(&mut self, action: &Action, who: u8) -> Option<(&'static str, bool)> {
        let sender = self.actor(who);
        let member = self.addr(sender);
        let from = self.cursor.get(&member).copied().unwrap_or(1);
        let to = self.next_to_close.min(from + dist::MAX_CLAIM_CYCLES);
        let due: Vec<(u64, u128)> = (from..to)
            .map(|k| (k, self.owed(k, &member)))
            .filter(|(_, a)| *a > 0)
            .collect();
        let total: u128 = due.iter().map(|(_, a)| a).sum();
        // Refused only when there is nothing left to look at; a window owing nothing is
        // looked at, and the cursor moves past it.
        let expected = if to <= from {
            dist_err(distributor::ContractError::NothingToClaim {
                member: member.to_string(),
            })
        } else {
            Ok(())
        };
        self.involved.insert(member.clone());
        let token = self.alpha.token.clone();
        let before = self.suite.balance_of(&token, &member);
        let d = self.alpha.distributor.clone();
        let res = self.suite.execute(
            self.name(sender),
            &d,
            &dist::ExecuteMsg::Claim {
                cycle: None,
                member: None,
            },
        );
        let res = outcome(res, expected, action);
        let ok = res.is_some();
        if let Some(r) = res {
            let after = self.suite.balance_of(&token, &member);
            assert_eq!(after - before, total, "{action:?}: a bulk claim of {due:?}");
            let attr = |k: &str| {
                r.events
                    .iter()
                    .filter(|e| e.ty == "wasm")
                    .flat_map(|e| &e.attributes)
                    .find(|a| a.key == k)
                    .map(|a| a.value.clone())
            };
            assert_eq!(
                (attr("scanned_from"), attr("next_cycle"), attr("more")),
                (
                    Some(from.to_string()),
                    Some(to.to_string()),
                    Some((to < self.next_to_close).to_string())
                ),
                "{action:?}: the window looked at"
            );
            assert_eq!(
                attr("amount"),
                Some(total.to_string()),
                "{action:?}: amount"
            );
            if total == 0 {
                self.stats.quiet_bulk_claims += 1;
            } else {
                self.mint_claim(&member, &due);
            }
            self.cursor.insert(member, to);
        }
        Some(("claim_all", ok))
    }

    // ------------------------------------------------------------------ token and treasury

    /// A cw20 `Send` of Alpha tokens to Alpha's distributor; returns the sender, the amount
    /// and the response when accepted.
    fn send_own(
        &mut self,
        action: &Action,
        by: Actor,
        amount: Amount,
        payload: HolonReceiveMsg,
    ) -> (Addr, u128, bool) {
        let addr = self.addr(by);
        self.involved.insert(addr.clone());
        let amount = amount.of(self.balance(&addr));
        let expected = if amount > self.balance(&addr) {
            insufficient()
        } else {
            match (&payload, self.emission) {
                // A zero `Send` passes cw20-base; the distributor refuses it first.
                _ if amount == 0 => dist_err(distributor::ContractError::ZeroAmount {}),
                (HolonReceiveMsg::Redeem { .. }, Some(_)) => {
                    dist_err(distributor::ContractError::NoTreasury {})
                }
                _ => Ok(()),
            }
        };
        let (token, d) = (self.alpha.token.clone(), self.alpha.distributor.clone());
        let res = self
            .suite
            .send_to_holon(self.name(by), &token, &d, amount, &payload);
        let ok = outcome(res, expected, action).is_some();
        (addr, amount, ok)
    }

    fn transfer(
        &mut self,
        action: &Action,
        from: u8,
        to: u8,
        amount: Amount,
    ) -> Option<(&'static str, bool)> {
        let (from, to) = (self.holder(from), self.actor(to));
        let (from_addr, to_addr) = (self.addr(from), self.addr(to));
        self.involved.extend([from_addr.clone(), to_addr.clone()]);
        let amount = amount.of(self.balance(&from_addr));
        let expected = if amount > self.balance(&from_addr) {
            insufficient()
        } else {
            Ok(())
        };
        let token = self.alpha.token.clone();
        let msg = cw20::Cw20ExecuteMsg::Transfer {
            recipient: to_addr.to_string(),
            amount: Uint128::new(amount),
        };
        let res = self.suite.execute(self.name(from), &token, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            Self::debit(&mut self.balances, &from_addr, amount);
            Self::credit(&mut self.balances, &to_addr, amount);
        }
        Some(("transfer", ok))
    }

    fn gift(&mut self, action: &Action, who: u8, amount: Amount) -> Option<(&'static str, bool)> {
        let by = self.holder(who);
        let (addr, amount, ok) = self.send_own(action, by, amount, HolonReceiveMsg::GiftToPool {});
        if ok {
            Self::debit(&mut self.balances, &addr, amount);
            self.supply -= amount;
            if let Some(t) = &mut self.treasury {
                t.outstanding -= amount;
            }
        }
        Some(("gift_to_pool", ok))
    }

    fn redeem(
        &mut self,
        action: &Action,
        who: u8,
        amount: Amount,
        to: Option<u8>,
    ) -> Option<(&'static str, bool)> {
        let by = self.holder(who);
        let addr = self.addr(by);
        let recipient = to.map(|t| self.addr(self.actor(t)));
        let paid = recipient.clone().unwrap_or_else(|| addr.clone());
        let coins_before = self.suite.native_balance(&paid);
        let payload = HolonReceiveMsg::Redeem {
            recipient: recipient.map(|r| r.to_string()),
        };
        let (_, amount, ok) = self.send_own(action, by, amount, payload);
        if ok {
            assert_eq!(
                self.suite.native_balance(&paid),
                coins_before + amount,
                "{action:?}: one coin per token"
            );
            Self::debit(&mut self.balances, &addr, amount);
            self.supply -= amount;
            let t = self.treasury.as_mut().expect("a treasury");
            t.outstanding -= amount;
            t.held -= amount;
        }
        Some(("redeem", ok))
    }

    /// Governance changes the group (cw4-group's own admin check is not this suite's).
    fn membership(&mut self, add: bool, who: u8) -> Option<(&'static str, bool)> {
        let (json, change) = if add {
            let s = self.stranger.clone();
            (
                format!(
                    r#"{{"update_members":{{"remove":[],"add":[{{"addr":"{s}","weight":1}}]}}}}"#
                ),
                (s, true),
            )
        } else {
            let m = self.addr(self.actor(who));
            (
                format!(r#"{{"update_members":{{"remove":["{m}"],"add":[]}}}}"#),
                (m, false),
            )
        };
        let msg = cosmwasm_std::WasmMsg::Execute {
            contract_addr: self.alpha.group.to_string(),
            msg: cosmwasm_std::Binary::from(json.into_bytes()),
            funds: vec![],
        };
        let gov = self.gov.clone();
        self.suite
            .app
            .execute(gov, msg.into())
            .expect("governance updates the group");
        if change.1 {
            self.member_set.insert(change.0);
        } else {
            self.member_set.remove(&change.0);
        }
        Some(("membership", true))
    }

    fn attestation_policy(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        challenge_seconds: u64,
        cosigns_required: u8,
        caps: Option<(u8, u8)>,
    ) -> Option<(&'static str, bool)> {
        let by = if gov {
            Actor::Governance
        } else {
            self.actor(who)
        };
        let mut policy = AttestationPolicy {
            challenge_seconds,
            cosigns_required,
            ..self.att_policy.clone()
        };
        if let Some((a, c)) = caps {
            policy.max_hours_per_attestation =
                Decimal::from_ratio(CAPS[usize::from(a) % CAPS.len()], 1u64);
            policy.max_hours_per_cycle =
                Decimal::from_ratio(CAPS[usize::from(c) % (CAPS.len() - 1)], 1u64);
        }
        let ceiling = Decimal::from_ratio(flow_types::attestation::MAX_HOURS_CEILING, 1u64);
        use attestation::ContractError as E;
        let expected = if by != Actor::Governance {
            att_err(E::Ownership(OwnershipError::NotOwner))
        } else if cosigns_required == 0 {
            att_err(E::Validation(out_of_range("cosigns_required", 0, 1, 5)))
        } else if policy.max_hours_per_attestation > ceiling {
            att_err(E::Validation(out_of_range(
                "max_hours_per_attestation",
                policy.max_hours_per_attestation,
                Decimal::raw(1),
                ceiling,
            )))
        } else {
            Ok(())
        };
        let contract = self.alpha.attestation.clone();
        let res = self.suite.execute(
            self.name(by),
            &contract,
            &att::ExecuteMsg::SetPolicy {
                policy: policy.clone(),
            },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            if policy.max_hours_per_cycle != self.att_policy.max_hours_per_cycle {
                self.cycle_caps
                    .push((self.now(), policy.max_hours_per_cycle));
            }
            self.att_policy = policy;
        }
        Some(("attestation_policy", ok))
    }

    fn fund(&mut self, action: &Action, amount: u128) -> Option<(&'static str, bool)> {
        let amount = amount.max(1);
        let expected = if self.emission.is_some() {
            dist_err(distributor::ContractError::NoTreasury {})
        } else {
            Ok(())
        };
        let d = self.alpha.distributor.clone();
        let res = self.suite.execute_with_funds(
            "funder",
            &d,
            &dist::ExecuteMsg::Fund { memo: None },
            &coins(amount, DENOM),
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.treasury.as_mut().expect("a treasury").held += amount;
        }
        Some(("fund", ok))
    }

    fn set_policy(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        pick: &PolicyPick,
    ) -> Option<(&'static str, bool)> {
        let by = if gov {
            Actor::Governance
        } else {
            self.actor(who)
        };
        let mut policy = pick.policy.clone();
        use distributor::ContractError as E;
        let invalid = match pick.invalid {
            1 => {
                policy.reserve = Decimal::one();
                Some(out_of_range("policy.reserve", "1", "0", "less than 1"))
            }
            2 => {
                policy.baseline = Decimal::percent(150);
                Some(out_of_range("policy.baseline", "1.5", "0", "1"))
            }
            3 => {
                let max = match policy.scarcity {
                    Scarcity::Auto { max, .. } => max,
                    Scarcity::Fixed { .. } => Decimal::one(),
                };
                let min = max + Decimal::percent(50);
                policy.scarcity = Scarcity::Auto { min, max };
                Some(out_of_range("policy.scarcity.max", max, min, "100"))
            }
            _ => None,
        };
        let expected = if by != Actor::Governance {
            dist_err(E::Ownership(OwnershipError::NotOwner))
        } else if let Some(v) = invalid {
            dist_err(E::Validation(v))
        } else {
            Ok(())
        };
        let d = self.alpha.distributor.clone();
        let res = self.suite.execute(
            self.name(by),
            &d,
            &dist::ExecuteMsg::SetPolicy {
                policy: policy.clone(),
            },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            self.last_version += 1;
            let from = self.cycle_at(self.now()) + 1;
            self.schedule.insert(from, (self.last_version, policy));
        }
        Some(("set_policy", ok))
    }

    // ------------------------------------------------------------------ two holons

    fn exchange(
        &mut self,
        action: &Action,
        who: u8,
        amount: Amount,
    ) -> Option<(&'static str, bool)> {
        let by = self.holder(who);
        let addr = self.addr(by);
        let beta = self.beta.as_ref()?;
        self.involved
            .extend([addr.clone(), beta.holon.distributor.clone()]);
        self.beta_involved = true;
        let amount = amount.of(self.balance(&addr));
        let minted = mul_floor(amount, beta.rate);
        use distributor::ContractError as E;
        let token = self.alpha.token.to_string();
        let expected = if amount > self.balance(&addr) {
            insufficient()
        } else if amount == 0 {
            dist_err(E::ZeroAmount {})
        } else if !beta.enabled {
            dist_err(E::HolonDisabled { token })
        } else if beta.holdings + amount > beta.limit {
            dist_err(E::OverCreditLimit {
                holdings: beta.holdings.into(),
                amount: amount.into(),
                limit: beta.limit.into(),
            })
        } else if minted == 0 {
            dist_err(E::ExchangeRoundsToZero {
                amount: amount.into(),
                rate: beta.rate,
            })
        } else if beta.books.unallocated() < minted {
            dist_err(E::InsufficientTreasury {
                needed: minted.into(),
                available: beta.books.unallocated().into(),
            })
        } else {
            Ok(())
        };
        let (alpha_token, beta_d, beta_token) = (
            self.alpha.token.clone(),
            beta.holon.distributor.clone(),
            beta.holon.token.clone(),
        );
        let before = self.suite.balance_of(&beta_token, &addr);
        let res = self.suite.send_to_holon(
            self.name(by),
            &alpha_token,
            &beta_d,
            amount,
            &HolonReceiveMsg::Exchange { recipient: None },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            assert_eq!(
                self.suite.balance_of(&beta_token, &addr) - before,
                minted,
                "{action:?}: floor(amount × rate)"
            );
            Self::debit(&mut self.balances, &addr, amount);
            Self::credit(&mut self.balances, &beta_d, amount);
            let beta = self.beta.as_mut().expect("beta");
            beta.holdings += amount;
            beta.books.outstanding += minted;
            beta.supply += minted;
            Self::credit(&mut beta.balances, &addr, minted);
        }
        Some(("exchange", ok))
    }

    fn update_holon(
        &mut self,
        action: &Action,
        rate: Option<Decimal>,
        credit_limit: Option<u128>,
        enabled: Option<bool>,
    ) -> Option<(&'static str, bool)> {
        let beta = self.beta.as_ref()?;
        self.beta_involved = true;
        let expected = match rate {
            Some(r) if r.is_zero() => dist_err(distributor::ContractError::Validation(
                out_of_range("rate", r, Decimal::raw(1), "1000000"),
            )),
            _ => Ok(()),
        };
        let msg = dist::ExecuteMsg::UpdateHolon {
            token: self.alpha.token.to_string(),
            rate,
            credit_limit: credit_limit.map(Uint128::new),
            enabled,
        };
        let d = beta.holon.distributor.clone();
        let res = self.suite.execute("governance", &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            let beta = self.beta.as_mut().expect("beta");
            beta.rate = rate.unwrap_or(beta.rate);
            beta.limit = credit_limit.unwrap_or(beta.limit);
            beta.enabled = enabled.unwrap_or(beta.enabled);
        }
        Some(("update_holon", ok))
    }

    fn settle(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        amount: Option<Amount>,
    ) -> Option<(&'static str, bool)> {
        let beta = self.beta.as_ref()?;
        self.beta_involved = true;
        self.involved.insert(beta.holon.distributor.clone());
        let by = if gov {
            Actor::Governance
        } else {
            self.actor(who)
        };
        let amount = amount.map_or(beta.holdings, |a| a.of(beta.holdings));
        use distributor::ContractError as E;
        let expected = if by != Actor::Governance && !beta.anyone_may_settle {
            dist_err(E::Ownership(OwnershipError::NotOwner))
        } else if self.emission.is_some() {
            dist_err(E::SettlementDenomMismatch {
                foreign: None,
                local: Some(DENOM.into()),
            })
        } else if amount == 0 {
            dist_err(E::ZeroAmount {})
        } else if amount > beta.holdings {
            dist_err(E::InsufficientHoldings {
                token: self.alpha.token.to_string(),
                holdings: beta.holdings.into(),
                amount: amount.into(),
            })
        } else {
            Ok(())
        };
        let d = beta.holon.distributor.clone();
        let coins_before = self.suite.native_balance(&d);
        let msg = dist::ExecuteMsg::SettleForeign {
            token: self.alpha.token.to_string(),
            amount: Some(Uint128::new(amount)),
        };
        let res = self.suite.execute(self.name(by), &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            assert_eq!(
                self.suite.native_balance(&d),
                coins_before + amount,
                "{action:?}: Beta is paid one coin per token"
            );
            Self::debit(&mut self.balances, &d, amount);
            self.supply -= amount;
            let t = self.treasury.as_mut().expect("Alpha's treasury");
            t.outstanding -= amount;
            t.held -= amount;
            let beta = self.beta.as_mut().expect("beta");
            beta.holdings -= amount;
            beta.books.held += amount;
        }
        Some(("settle_foreign", ok))
    }

    fn return_foreign(
        &mut self,
        action: &Action,
        to: u8,
        amount: Amount,
    ) -> Option<(&'static str, bool)> {
        let beta = self.beta.as_ref()?;
        self.beta_involved = true;
        let recipient = self.addr(self.actor(to));
        self.involved
            .extend([recipient.clone(), beta.holon.distributor.clone()]);
        let amount = amount.of(beta.holdings);
        use distributor::ContractError as E;
        let expected = if amount == 0 {
            dist_err(E::ZeroAmount {})
        } else if amount > beta.holdings {
            dist_err(E::InsufficientHoldings {
                token: self.alpha.token.to_string(),
                holdings: beta.holdings.into(),
                amount: amount.into(),
            })
        } else {
            Ok(())
        };
        let d = beta.holon.distributor.clone();
        let msg = dist::ExecuteMsg::ReturnForeign {
            token: self.alpha.token.to_string(),
            recipient: recipient.to_string(),
            amount: Uint128::new(amount),
        };
        let res = self.suite.execute("governance", &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        if ok {
            Self::debit(&mut self.balances, &d, amount);
            Self::credit(&mut self.balances, &recipient, amount);
            self.beta.as_mut().expect("beta").holdings -= amount;
        }
        Some(("return_foreign", ok))
    }

    // ------------------------------------------------------------------ adversaries

    /// Hours and units of a colluding pair's round, at the limits.
    fn resolve_extreme(&self, e: Extreme, attester: &Addr, need: usize) -> (Decimal, Decimal) {
        let p = &self.att_policy;
        let tiny = Decimal::raw(1);
        let plus = |d: Decimal, over: bool| {
            if over {
                d.checked_add(tiny).unwrap_or(Decimal::MAX)
            } else {
                d
            }
        };
        match e {
            Extreme::NextCycle => unreachable!("not an attestation"),
            Extreme::Lit(h, u) => (h, u),
            Extreme::AttCap { over } => (plus(p.max_hours_per_attestation, over), Decimal::zero()),
            Extreme::CycleRoom { over } => {
                let counted = self.counted(self.cycle_at(self.now()), attester);
                let room = formula::saturating_sub(p.max_hours_per_cycle, counted);
                (plus(room, over), Decimal::zero())
            }
            Extreme::UnitsAtCap { over } => {
                let uc = self.needs[need].unit_credit;
                if uc.is_zero() {
                    return (Decimal::zero(), Decimal::MAX);
                }
                // floor(cap / uc) in atomics: the most units whose credit fits the cap.
                let cap = cosmwasm_std::Uint256::from(p.max_hours_per_attestation.atomics());
                let n = cap * cosmwasm_std::Uint256::from(formula::ONE)
                    / cosmwasm_std::Uint256::from(uc.atomics());
                let units = Uint128::try_from(n).map_or(Decimal::MAX, |n| Decimal::raw(n.u128()));
                let units = if over {
                    units.checked_add(Decimal::one()).unwrap_or(Decimal::MAX)
                } else {
                    units
                };
                (Decimal::zero(), units)
            }
        }
    }

    /// A colluding pair attests in turns, each naming the other, and co-signs at once.
    fn collude(
        &mut self,
        action: &Action,
        a: u8,
        b: u8,
        need: u8,
        rounds: &[Extreme],
        finalize: bool,
    ) -> Option<(&'static str, bool)> {
        let n = self.members.len();
        let i = usize::from(a) % n;
        let j = (i + 1 + usize::from(b) % (n - 1)) % n;
        let k = self.pick_need(need)?;
        let mut any = false;
        for (r, e) in rounds.iter().enumerate() {
            if let Extreme::NextCycle = e {
                let start = self.end_of(self.cycle_at(self.now()));
                let to_start = start
                    .nanos()
                    .saturating_sub(self.now().nanos())
                    .div_ceil(1_000_000_000);
                self.suite.advance(to_start.max(1));
                self.members_at_block_start = self.member_set.clone();
                self.changed = true;
                continue;
            }
            let (x, y) = if r % 2 == 0 { (i, j) } else { (j, i) };
            let (hours, units) = self.resolve_extreme(*e, &self.members[x].clone(), k);
            let before = self.atts.len();
            self.attest(action, x as u8, need, hours, units, Some(y as u8));
            let attested = self.atts.len() > before;
            self.stats.count("collude_attest", attested);
            if !attested {
                continue;
            }
            any = true;
            let last = self.atts.len() - 1;
            for _ in 0..self.att_policy.cosigns_required {
                if !self.cosign_index(action, Cosigner::Buddy, last) {
                    break;
                }
            }
            self.stats.count(
                "collude_cosigned",
                self.atts[last].status != AttestationStatus::Pending,
            );
        }
        if finalize {
            self.finalize_all(action);
        }
        Some(("collude", any))
    }

    /// A holder burns (or burns from another's allowance): only the holon burns its token.
    fn burn(
        &mut self,
        action: &Action,
        who: u8,
        amount: Amount,
        from: Option<u8>,
    ) -> Option<(&'static str, bool)> {
        let by = self.holder(who);
        let by_addr = self.addr(by);
        let (msg, owner) = match from {
            None => {
                let amount = amount.of(self.balance(&by_addr));
                (
                    cw20::Cw20ExecuteMsg::Burn {
                        amount: Uint128::new(amount),
                    },
                    by_addr.clone(),
                )
            }
            Some(o) => {
                let owner = self.addr(self.holder(o));
                let amount = amount.of(self.balance(&owner));
                (
                    cw20::Cw20ExecuteMsg::BurnFrom {
                        owner: owner.to_string(),
                        amount: Uint128::new(amount),
                    },
                    owner,
                )
            }
        };
        self.involved.extend([by_addr, owner]);
        let expected = token_err(flow_token::ContractError::BurnReserved {
            holon: self.alpha.distributor.to_string(),
        });
        let token = self.alpha.token.clone();
        let res = self.suite.execute(self.name(by), &token, &msg);
        let ok = outcome(res, expected, action).is_some();
        let name = if from.is_some() { "burn_from" } else { "burn" };
        Some((name, ok))
    }

    fn hostile_balance(&self, a: &Addr) -> u128 {
        self.hostile
            .as_ref()
            .and_then(|h| h.balances.get(a).copied())
            .unwrap_or(0)
    }

    /// The hostile holon's governance mints its token to an actor (at will).
    fn hostile_mint(&mut self, to: u8, amount: u128) -> Option<(&'static str, bool)> {
        let to = self.actor(to);
        let addr = self.addr(to);
        let hm = self.hostile.as_ref()?.h.clone();
        self.suite
            .hostile_mint(&hm, self.name(to), amount)
            .expect("the hostile holon mints");
        let h = self.hostile.as_mut().expect("hostile");
        Self::credit(&mut h.balances, &addr, amount);
        h.supply += amount;
        self.involved.insert(addr);
        self.hostile_involved = true;
        Some(("hostile_mint", true))
    }

    /// A holder of the hostile token exchanges it into Alpha's token.
    fn hostile_exchange(
        &mut self,
        action: &Action,
        who: u8,
        mint: Option<u128>,
        amount: Amount,
    ) -> Option<(&'static str, bool)> {
        self.hostile.as_ref()?;
        if let Some(m) = mint {
            self.hostile_mint(who, m);
            self.stats.count("hostile_mint", true);
        }
        let h = self.hostile.as_ref()?;
        let holders: Vec<Actor> = self
            .members
            .iter()
            .chain([&self.stranger, &self.gov])
            .filter(|a| h.balances.get(*a).copied().unwrap_or(0) > 0)
            .map(|a| self.actor_of(a))
            .collect();
        let by = if who & 3 != 0 && !holders.is_empty() {
            holders[usize::from(who / 4) % holders.len()]
        } else {
            self.actor(who)
        };
        let addr = self.addr(by);
        let balance = self.hostile_balance(&addr);
        let amount = amount.of(balance);
        let minted = mul_floor(amount, h.rate);
        use distributor::ContractError as E;
        let expected = if amount > balance {
            insufficient()
        } else if amount == 0 {
            dist_err(E::ZeroAmount {})
        } else if h.holdings + amount > h.limit {
            dist_err(E::OverCreditLimit {
                holdings: h.holdings.into(),
                amount: amount.into(),
                limit: h.limit.into(),
            })
        } else if minted == 0 {
            dist_err(E::ExchangeRoundsToZero {
                amount: amount.into(),
                rate: h.rate,
            })
        } else if self
            .treasury
            .as_ref()
            .is_some_and(|t| t.unallocated() < minted)
        {
            let available = self.treasury.as_ref().expect("books").unallocated();
            dist_err(E::InsufficientTreasury {
                needed: minted.into(),
                available: available.into(),
            })
        } else {
            Ok(())
        };
        let (foreign, d) = (h.h.token.clone(), self.alpha.distributor.clone());
        self.involved.extend([addr.clone(), d.clone()]);
        self.hostile_involved = true;
        let res = self.suite.send_to_holon(
            self.name(by),
            &foreign,
            &d,
            amount,
            &HolonReceiveMsg::Exchange { recipient: None },
        );
        let ok = outcome(res, expected, action).is_some();
        if ok {
            let h = self.hostile.as_mut().expect("hostile");
            Self::debit(&mut h.balances, &addr, amount);
            Self::credit(&mut h.balances, &d, amount);
            h.holdings += amount;
            Self::credit(&mut self.balances, &addr, minted);
            self.supply += minted;
            if let Some(t) = &mut self.treasury {
                t.outstanding += minted;
            }
        }
        Some(("hostile_exchange", ok))
    }

    /// Alpha settles its holdings of the hostile token; the hostile holon pays honestly, or
    /// through our `fund`, or while settling again (both refused: nothing changes).
    fn hostile_settle(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        amount: Option<Amount>,
        payment: u8,
    ) -> Option<(&'static str, bool)> {
        let h = self.hostile.as_ref()?;
        let by = if gov {
            Actor::Governance
        } else {
            self.actor(who)
        };
        let amount = amount.map_or(h.holdings, |a| a.of(h.holdings));
        let payment = match payment % 4 {
            0 | 1 => Payment::Honest,
            2 => Payment::ThroughFund,
            _ => Payment::SettleAgain,
        };
        let (_, policy) = self.policy_for(self.cycle_at(self.now()));
        use distributor::ContractError as E;
        let expected = if by != Actor::Governance && !policy.anyone_may_settle {
            dist_err(E::Ownership(OwnershipError::NotOwner))
        } else if self.emission.is_some() {
            dist_err(E::SettlementDenomMismatch {
                foreign: Some(DENOM.into()),
                local: None,
            })
        } else if amount == 0 {
            dist_err(E::ZeroAmount {})
        } else if amount > h.holdings {
            dist_err(E::InsufficientHoldings {
                token: h.h.token.to_string(),
                holdings: h.holdings.into(),
                amount: amount.into(),
            })
        } else {
            match payment {
                Payment::Honest => Ok(()),
                Payment::ThroughFund => dist_err(E::SettlementInProgress {
                    action: "fund".into(),
                }),
                Payment::SettleAgain => dist_err(E::SettlementInProgress {
                    action: "settle_foreign".into(),
                }),
            }
        };
        let name = match payment {
            Payment::Honest => "hostile_settle_honest",
            Payment::ThroughFund => "hostile_settle_through_fund",
            Payment::SettleAgain => "hostile_settle_again",
        };
        let (hm, token) = (h.h.clone(), h.h.token.clone());
        let d = self.alpha.distributor.clone();
        self.involved.insert(d.clone());
        self.hostile_involved = true;
        self.suite
            .hostile_pays(&hm, payment)
            .expect("the hostile holon chooses how it pays");
        let coins_before = self.suite.native_balance(&d);
        let msg = dist::ExecuteMsg::SettleForeign {
            token: token.to_string(),
            amount: Some(Uint128::new(amount)),
        };
        let res = self.suite.execute(self.name(by), &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        let paid = self.suite.native_balance(&d) - coins_before;
        if ok {
            assert_eq!(paid, amount, "{action:?}: one coin per token");
            let h = self.hostile.as_mut().expect("hostile");
            Self::debit(&mut h.balances, &d, amount);
            h.supply -= amount;
            h.holdings -= amount;
            self.treasury.as_mut().expect("Alpha's treasury").held += amount;
        } else {
            assert_eq!(paid, 0, "{action:?}: refused, no coin moved");
        }
        Some((name, ok))
    }

    /// Alpha's governance (or someone else) accepts a holon whose token someone else mints,
    /// or the hostile holon again.
    fn accept_rogue(
        &mut self,
        action: &Action,
        gov: bool,
        again: bool,
    ) -> Option<(&'static str, bool)> {
        let h = self.hostile.as_ref()?;
        let target = if again {
            h.h.clone()
        } else {
            match &h.rogue {
                Some(r) => r.clone(),
                None => {
                    let r = self
                        .suite
                        .deploy_hostile_holon("Holon Rogue", "RFLOW", Some("mallory"), 0)
                        .expect("deploy the rogue holon");
                    self.hostile.as_mut().expect("hostile").rogue = Some(r.clone());
                    r
                }
            }
        };
        use distributor::ContractError as E;
        let (by, expected) = if !gov {
            ("stranger", dist_err(E::Ownership(OwnershipError::NotOwner)))
        } else if again {
            (
                "governance",
                dist_err(E::HolonAlreadyAccepted {
                    distributor: target.distributor.to_string(),
                    token: target.token.to_string(),
                }),
            )
        } else {
            (
                "governance",
                dist_err(E::MinterMismatch {
                    token: target.token.to_string(),
                    distributor: target.distributor.to_string(),
                }),
            )
        };
        let msg = dist::ExecuteMsg::AcceptHolon {
            distributor: target.distributor.to_string(),
            rate: Decimal::one(),
            credit_limit: Uint128::new(1_000_000),
        };
        let d = self.alpha.distributor.clone();
        let res = self.suite.execute(by, &d, &msg);
        let ok = outcome(res, expected, action).is_some();
        self.hostile_involved = true;
        Some(("accept_rogue", ok))
    }

    // ------------------------------------------------------------------ after every step

    /// After a step: the chain agrees with the model, and the holons keep their promises.
    /// Alpha's invariants, books, clock and accumulators are checked after every step; the
    /// balances of the accounts the step involved (any other balance moving would change the
    /// supply, which is checked); Beta after every step that called it. `check_all` checks
    /// every balance too, at the start and the end of a case.
    pub fn check(&mut self) {
        let involved: Vec<Addr> = std::mem::take(&mut self.involved).into_iter().collect();
        let beta = std::mem::take(&mut self.beta_involved);
        let counts = std::mem::take(&mut self.counts_touched);
        let changed = std::mem::take(&mut self.changed);
        let hostile = std::mem::take(&mut self.hostile_involved);
        self.check_some(&involved, beta, Some((counts, changed, hostile)));
    }

    pub fn check_all(&mut self) {
        let mut holders: Vec<Addr> = self.members.clone();
        holders.extend([
            self.gov.clone(),
            self.stranger.clone(),
            self.alpha.distributor.clone(),
            self.commons.addr.clone(),
        ]);
        if let Some(b) = &self.beta {
            holders.push(b.holon.distributor.clone());
        }
        self.involved.clear();
        self.beta_involved = false;
        self.counts_touched.clear();
        self.changed = false;
        self.hostile_involved = false;
        self.check_some(&holders, true, None);
    }

    /// The end of a case: every ended cycle can be closed, and every closed cycle paid.
    /// Time passes to the end of the cycle open now; every cycle not closed yet is closed
    /// (each must be accepted, and is compared with docs/WEIGHTING.md like any close); every
    /// account bulk-claims until nothing is left to look at (each accepted, exact amounts),
    /// then claims any cycle still owing it one by one; nothing is owed after that.
    pub fn finish(&mut self) {
        crate::stats::counting(false);
        let action = Action::Close;
        let now_cycle = self.cycle_at(self.now());
        let to_end = self
            .end_of(now_cycle)
            .nanos()
            .saturating_sub(self.now().nanos())
            .div_ceil(1_000_000_000);
        self.suite.advance(to_end.max(1));
        self.members_at_block_start = self.member_set.clone();
        while self.next_to_close <= now_cycle {
            let k = self.next_to_close;
            let closed = self.close(&action).is_some_and(|(_, ok)| ok);
            assert!(closed, "ended cycle {k} could not be closed");
            self.stats.wind_down_closes += 1;
        }
        for who in [0u8, 1, 2, 3, 8, 9] {
            let sender = self.actor(who);
            if matches!(sender, Actor::Member(i) if i != usize::from(who)) {
                continue;
            }
            let member = self.addr(sender);
            // Each bulk claim looks at most MAX_CLAIM_CYCLES cycles.
            let rounds = self.next_to_close / dist::MAX_CLAIM_CYCLES + 2;
            for _ in 0..rounds {
                let from = self.cursor.get(&member).copied().unwrap_or(1);
                let ok = self
                    .claim_all(&Action::ClaimAll { who }, who)
                    .is_some_and(|(_, ok)| ok);
                assert_eq!(ok, from < self.next_to_close, "bulk claim from {from}");
                if !ok {
                    break;
                }
                self.stats.wind_down_claims += 1;
            }
        }
        let mut accounts = self.members.clone();
        accounts.extend([self.stranger.clone(), self.gov.clone()]);
        let due: Vec<(u64, Addr)> = self
            .closed
            .keys()
            .flat_map(|k| accounts.iter().map(move |a| (*k, a.clone())))
            .filter(|(k, a)| self.owed(*k, a) > 0)
            .collect();
        for (k, member) in due {
            let sender = self.actor_of(&member);
            let ok = self.claim_cycle(
                &Action::ClaimDue {
                    pick: 0,
                    by_other: None,
                },
                sender,
                None,
                k,
            );
            assert!(ok, "{member} could not claim cycle {k}");
            self.stats.wind_down_claims += 1;
        }
        for k in self.closed.keys() {
            for a in &accounts {
                assert_eq!(self.owed(*k, a), 0, "{a} is still owed in cycle {k}");
            }
        }
        crate::stats::counting(true);
        self.check_all();
    }

    /// After a step, `step`: the counts against the cap it changed (compared with the
    /// chain's), whether it was accepted (a refused step changes nothing: the preview is
    /// not asked again), whether it involved the hostile holon. None (the start and end of
    /// a case): every count, a preview for every member, the hostile holon's token.
    #[allow(clippy::type_complexity)]
    fn check_some(
        &self,
        holders: &[Addr],
        beta: bool,
        step: Option<(BTreeSet<(u64, Addr)>, bool, bool)>,
    ) {
        let s = &self.suite;
        s.assert_invariants_of(&self.alpha);
        self.check_commons();
        match step {
            None => {
                self.check_caps(None);
                self.check_preview(true);
                self.check_hostile(holders);
            }
            Some((counts, changed, hostile)) => {
                self.check_caps(Some(counts));
                if changed {
                    self.check_preview(false);
                }
                if hostile {
                    self.check_hostile(holders);
                }
            }
        }
        for h in holders {
            assert_eq!(
                s.balance_of(&self.alpha.token, h),
                self.balance(h),
                "Alpha balance of {h}"
            );
        }
        assert_eq!(
            s.total_supply_of(&self.alpha.token),
            self.supply,
            "Alpha supply"
        );
        // The treasury's books.
        if let Some(t) = &self.treasury {
            let c: dist::TreasuryResponse = s
                .query(&self.alpha.distributor, &dist::QueryMsg::Treasury {})
                .expect("treasury");
            assert_eq!(
                (c.held.u128(), c.allocated.u128(), c.outstanding.u128()),
                (t.held, t.allocated, t.outstanding),
                "Alpha's books"
            );
        }
        // The distributor's accumulators move only by recorded attestations.
        let now_cycle = self.cycle_at(self.now());
        let cur: dist::CurrentCycleResponse = s
            .query(&self.alpha.distributor, &dist::QueryMsg::CurrentCycle {})
            .expect("current");
        assert_eq!(
            (cur.cycle, cur.next_to_close),
            (now_cycle, self.next_to_close),
            "the cycle clock"
        );
        for k in self.next_to_close..=now_cycle {
            let c = s.cycle(k).expect("cycle");
            let acc = self.open.get(&k).cloned().unwrap_or_default();
            assert_eq!(
                (c.total_hours, c.contributors as usize),
                (acc.hours, acc.contributors.len()),
                "cycle {k}: totals"
            );
            let got: Vec<(String, Decimal, Decimal, u32)> = c
                .categories
                .iter()
                .map(|cc| (cc.category.clone(), cc.hours, cc.credit, cc.contributors))
                .collect();
            let want: Vec<(String, Decimal, Decimal, u32)> = acc
                .cats
                .iter()
                .map(|(c, a)| (c.clone(), a.hours, a.a, a.contributors.len() as u32))
                .collect();
            assert_eq!(got, want, "cycle {k}: S_c per category");
        }
        let finals = self
            .atts
            .iter()
            .filter(|a| a.status == AttestationStatus::Final)
            .count();
        assert_eq!(
            finals,
            self.recorded.len(),
            "each final attestation recorded exactly once"
        );
        let Some(b) = self.beta.as_ref().filter(|_| beta) else {
            return;
        };
        s.assert_invariants_of(&b.holon);
        for h in holders {
            assert_eq!(
                s.balance_of(&b.holon.token, h),
                b.balances.get(h).copied().unwrap_or(0),
                "Beta balance of {h}"
            );
        }
        assert_eq!(s.total_supply_of(&b.holon.token), b.supply, "Beta supply");
        let c: dist::TreasuryResponse = s
            .query(&b.holon.distributor, &dist::QueryMsg::Treasury {})
            .expect("treasury");
        assert_eq!(
            (c.held.u128(), c.allocated.u128(), c.outstanding.u128()),
            (b.books.held, b.books.allocated, b.books.outstanding),
            "Beta's books"
        );
        let h: dist::AcceptedHolonResponse = s
            .query(
                &b.holon.distributor,
                &dist::QueryMsg::AcceptedHolon {
                    token: self.alpha.token.to_string(),
                },
            )
            .expect("accepted");
        assert_eq!(
            (h.holon.holdings.u128(), h.holon.enabled),
            (b.holdings, b.enabled),
            "Beta's Alpha holdings"
        );
        assert_eq!(
            self.balance(&b.holon.distributor),
            b.holdings,
            "Beta holds what its books say"
        );
    }
}

impl World {
    /// No member's credit in a cycle passes the caps. The attestation contract's count per
    /// (cycle, member) equals the model's (after a step, every count the step changed; at
    /// the start and end of a case, every count and every member's in the cycle open now);
    /// every count, and every Σ b the distributor credited a member in a cycle
    /// not closed yet (the model's, compared with the chain's at close through `explain`),
    /// is within the highest per-cycle cap in force during the cycle.
    fn check_caps(&self, counts: Option<BTreeSet<(u64, Addr)>>) {
        let keys = counts.unwrap_or_else(|| {
            let now_cycle = self.cycle_at(self.now());
            let mut keys: BTreeSet<(u64, Addr)> = self.cycle_credit.keys().cloned().collect();
            keys.extend(self.members.iter().map(|m| (now_cycle, m.clone())));
            keys
        });
        for (k, m) in keys {
            let r: att::MemberCycleResponse = self
                .suite
                .query(
                    &self.alpha.attestation,
                    &att::QueryMsg::MemberCycle {
                        member: m.to_string(),
                        cycle: k,
                    },
                )
                .expect("member cycle");
            let counted = self.counted(k, &m);
            assert_eq!(
                r.credit, counted,
                "counted against the cap: {m} in cycle {k}"
            );
            let cap = self.highest_cap(k);
            assert!(
                counted <= cap,
                "{m} counted {counted} in cycle {k}, over {cap}"
            );
        }
        for (k, acc) in &self.open {
            let cap = self.highest_cap(*k);
            for (m, b) in &acc.member_b {
                assert!(*b <= cap, "{m} credited {b} in cycle {k}, over {cap}");
            }
        }
        for (k, c) in &self.closed {
            let cap = self.highest_cap(*k);
            for (m, b) in &c.member_b {
                assert!(
                    *b <= cap,
                    "{m} credited {b} in closed cycle {k}, over {cap}"
                );
            }
        }
    }

    /// Every ended cycle can be closed, and a claim never fails on arithmetic: the model
    /// recomputes each ended cycle not closed yet (every sum checked), and the distributor's
    /// `preview` of the cycle open now, which weighs it as a close does and pays a member as
    /// a claim does, answers exactly what the model computes: for one member after each step
    /// (in turn), for every member when `all`.
    fn check_preview(&self, all: bool) {
        let now_cycle = self.cycle_at(self.now());
        let members = self.member_set.len() as u64;
        for k in self.next_to_close..now_cycle {
            let acc = self.open.get(&k).cloned().unwrap_or_default();
            let input = self.cycle_input(k, &acc, members);
            check_outcome(&input, &formula::close(&input));
        }
        let acc = self.open.get(&now_cycle).cloned().unwrap_or_default();
        let input = self.cycle_input(now_cycle, &acc, members);
        let out = formula::close(&input);
        let one = self.members[self.stats.steps as usize % self.members.len()].clone();
        let members = if all { self.members.clone() } else { vec![one] };
        for m in &members {
            let p: dist::PreviewResponse = self
                .suite
                .query(
                    &self.alpha.distributor,
                    &dist::QueryMsg::Preview {
                        member: m.to_string(),
                    },
                )
                .expect("a preview never fails");
            let share = out.shares.get(m).copied().unwrap_or(0);
            let base = if self.member_set.contains(m) {
                out.baseline_each
            } else {
                0
            };
            let want = (
                now_cycle,
                acc.member_h.get(m).copied().unwrap_or_default(),
                out.weights.get(m).copied().unwrap_or_default(),
                out.total_weight,
                out.budget,
                share,
                base,
                share + base,
            );
            let got = (
                p.cycle,
                p.hours,
                p.weight,
                p.total_weight,
                p.budget.u128(),
                p.contribution_amount.u128(),
                p.baseline_amount.u128(),
                p.amount.u128(),
            );
            assert_eq!(
                got, want,
                "preview of {m} in cycle {now_cycle} from {input:?}"
            );
        }
    }

    /// The hostile holon's token as the model has it: Alpha's holdings, the balances of the
    /// accounts given, its supply.
    fn check_hostile(&self, holders: &[Addr]) {
        let Some(h) = &self.hostile else {
            return;
        };
        let s = &self.suite;
        let a: dist::AcceptedHolonResponse = s
            .query(
                &self.alpha.distributor,
                &dist::QueryMsg::AcceptedHolon {
                    token: h.h.token.to_string(),
                },
            )
            .expect("accepted");
        assert_eq!(
            (a.holon.holdings.u128(), a.holon.enabled),
            (h.holdings, true),
            "Alpha's hostile holdings"
        );
        let d = &self.alpha.distributor;
        assert_eq!(
            s.balance_of(&h.h.token, d),
            h.holdings,
            "Alpha holds what its books say"
        );
        for a in holders {
            assert_eq!(
                s.balance_of(&h.h.token, a),
                h.balances.get(a).copied().unwrap_or(0),
                "hostile balance of {a}"
            );
        }
        assert_eq!(s.total_supply_of(&h.h.token), h.supply, "hostile supply");
    }
}

/// What must hold of any close, whatever the scenario (docs/WEIGHTING.md, "Budget and payouts").
pub fn check_outcome(input: &CycleInput, out: &CycleOutcome) {
    let what = || format!("{input:?} → {out:?}");
    assert!(
        out.baseline_pool + out.contribution_pool == out.budget,
        "{}",
        what()
    );
    assert!(
        out.baseline_each * u128::from(out.members_weight) <= out.baseline_pool,
        "{}",
        what()
    );
    let paid: u128 = out.shares.values().sum();
    assert!(paid <= out.contribution_pool, "Σ p_i ≤ C: {}", what());
    let sum_w = out
        .weights
        .values()
        .fold(Decimal::zero(), |s, w| formula::add(s, *w));
    assert!(sum_w <= out.total_weight, "Σ W_i ≤ W: {}", what());
    if !out.total_weight.is_zero() {
        // Dust bound: C − Σ p_i < n + C × (W − Σ W_i) / W (n contributors). When Σ W_i = W
        // (always under `time` and `impact`) this is docs/WEIGHTING.md's "smaller than the number
        // of contributors".
        let n = out.shares.len() as u128;
        let lost = formula::payout(
            out.contribution_pool,
            formula::saturating_sub(out.total_weight, sum_w),
            out.total_weight,
        );
        assert!(
            out.contribution_pool - paid < n + lost + 1,
            "dust bound: {}",
            what()
        );
        if sum_w == out.total_weight {
            assert!(
                out.contribution_pool - paid < n.max(1),
                "dust < contributors: {}",
                what()
            );
        }
    }
    if let Budget::Treasury(a) = input.budget {
        assert!(
            out.budget + out.reserve_kept == a && out.allocated <= a,
            "{}",
            what()
        );
    }
}
