//! The scenario file (docs/SCENARIO.md): its TOML form, read strictly (unknown
//! fields are errors), then checked and resolved into a [`Plan`] the replay follows.
//!
//! A file describes one holon (`[holon]`, `[policy]`, `[budget]`, `[[categories]]`,
//! `[[members]]`, `[[needs]]`, `[[attestations]]` ...) or several (`[[holons]]`, each with the
//! same sections nested, plus `[[exchanges]]` and `[[settlements]]` between them).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use cosmwasm_std::{Decimal, Uint128};
use flow_testing::suite::DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS;
use flow_types::attestation::AttestationPolicy;
use flow_types::commons::{ListingInput, MAX_CONFIRM_WINDOW_SECONDS};
use flow_types::distributor::{BudgetMode, CategoryFactor, Model, Policy, Scarcity};
use flow_types::governance::Vote;
use flow_types::registry::{
    Category, Period, PostingRule, MAX_FACTOR, MAX_IMPACT, MAX_REQUESTERS_PER_NEED,
};
use serde::de::{self, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{pos_of, Diag};

/// The treasury denom when a scenario names none.
pub const DEFAULT_DENOM: &str = "ucredit";
/// The account that funds the treasury when a fund names no sender.
pub const FUNDER: &str = "funder";
/// Accounts the suite reserves.
const RESERVED: [&str; 2] = ["governance", "stranger"];

// ------------------------------------------------------------------ raw TOML

/// A number written as a string (`"2.5"`), an integer (`16`) or a float (`0.5`). Checked
/// later, where the field's name and line are known.
#[derive(Clone, Debug)]
pub struct Num(pub String);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, as a string (\"2.5\") or a TOML number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                Ok(Num(v.trim().to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num(format!("{v}")))
            }
        }
        d.deserialize_any(V)
    }
}

type S<T> = Spanned<T>;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawFile {
    holon: Option<S<RawHeader>>,
    policy: Option<S<RawPolicy>>,
    budget: Option<S<RawBudget>>,
    #[serde(default)]
    categories: Vec<S<RawCategory>>,
    #[serde(default)]
    members: Vec<S<RawMember>>,
    #[serde(default)]
    needs: Vec<S<RawNeed>>,
    #[serde(default)]
    attestations: Vec<S<RawAttestation>>,
    #[serde(default)]
    funds: Vec<S<RawFund>>,
    #[serde(default)]
    gifts: Vec<S<RawGift>>,
    #[serde(default)]
    gifts_to_pool: Vec<S<RawPoolGift>>,
    #[serde(default)]
    redemptions: Vec<S<RawRedemption>>,
    #[serde(default)]
    transfers: Vec<S<RawTransfer>>,
    /// The commons: resources and offers, bookings, purchases.
    #[serde(default)]
    listings: Vec<S<RawListing>>,
    #[serde(default)]
    bookings: Vec<S<RawBooking>>,
    #[serde(default)]
    purchases: Vec<S<RawPurchase>>,
    #[serde(default)]
    policy_changes: Vec<S<RawPolicyChange>>,
    /// Members' proposals (a holon governed by its members).
    #[serde(default)]
    proposals: Vec<S<RawProposal>>,
    /// The holon pays its members' gas (x/feegrant), on a node.
    fees: Option<S<RawFees>>,
    /// Several holons: each with the sections above nested.
    #[serde(default)]
    holons: Vec<S<RawHolon>>,
    #[serde(default)]
    exchanges: Vec<S<RawExchange>>,
    #[serde(default)]
    settlements: Vec<S<RawSettlement>>,
    /// How many cycles to run (default: the last cycle any entry names).
    cycles: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: S<String>,
    /// The deployment file's name (default: the name in kebab case).
    slug: Option<S<String>>,
    token: Option<RawToken>,
    cycle_seconds: Option<S<u64>>,
    /// Start of cycle 1 on a chain (RFC 3339); the simulation starts at once.
    cycle_start: Option<S<String>>,
    /// Who may post needs.
    posting: Option<S<RawPosting>>,
    /// The registry's bound on the requesters of one need.
    max_requesters_per_need: Option<S<u64>>,
    /// How long a buyer of a member's offer in the commons has to confirm or dispute.
    commons_confirm_window_seconds: Option<S<u64>>,
    /// Not spanned: `[holon.governance.members]` defines it implicitly, which a span cannot
    /// take (the string form's line is found in the text: `governance_span`).
    governance: Option<RawGovernance>,
}

/// `[holon] posting`: who may post needs.
#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawPosting {
    Members,
    Stewards,
}

/// `[holon] governance`: who decides. `governance = "NAME or ADDRESS"` (one account owns
/// and administers everything), or `[holon.governance.members]`, the members' own
/// cw3-flex-multisig over the holon's group.
#[derive(Debug)]
enum RawGovernance {
    Account(String),
    Rules(RawGovernanceRules),
}

impl<'de> Deserialize<'de> for RawGovernance {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawGovernance;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a name or address (governance = \"steward\"), or a [governance.members] table",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawGovernance, E> {
                Ok(RawGovernance::Account(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawGovernance, A::Error> {
                RawGovernanceRules::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawGovernance::Rules)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawGovernanceRules {
    members: Option<S<RawMembersRule>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawMembersRule {
    threshold: Option<S<Num>>,
    quorum: Option<S<Num>>,
    voting_period_seconds: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawToken {
    name: Option<String>,
    symbol: Option<S<String>>,
    decimals: Option<S<u8>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawHolon {
    /// Short id other entries use (`from = "alpha"`); default: the name in lower case.
    id: Option<S<String>>,
    name: S<String>,
    slug: Option<S<String>>,
    token: Option<RawToken>,
    cycle_seconds: Option<S<u64>>,
    cycle_start: Option<S<String>>,
    posting: Option<S<RawPosting>>,
    max_requesters_per_need: Option<S<u64>>,
    commons_confirm_window_seconds: Option<S<u64>>,
    /// Not spanned: `[holons.governance.members]` defines it implicitly, which a span cannot
    /// take (the string form's line is found in the text: `governance_span`).
    governance: Option<RawGovernance>,
    policy: Option<S<RawPolicy>>,
    budget: Option<S<RawBudget>>,
    #[serde(default)]
    categories: Vec<S<RawCategory>>,
    #[serde(default)]
    members: Vec<S<RawMember>>,
    #[serde(default)]
    needs: Vec<S<RawNeed>>,
    #[serde(default)]
    attestations: Vec<S<RawAttestation>>,
    #[serde(default)]
    funds: Vec<S<RawFund>>,
    #[serde(default)]
    gifts: Vec<S<RawGift>>,
    #[serde(default)]
    gifts_to_pool: Vec<S<RawPoolGift>>,
    #[serde(default)]
    redemptions: Vec<S<RawRedemption>>,
    #[serde(default)]
    transfers: Vec<S<RawTransfer>>,
    #[serde(default)]
    listings: Vec<S<RawListing>>,
    #[serde(default)]
    bookings: Vec<S<RawBooking>>,
    #[serde(default)]
    purchases: Vec<S<RawPurchase>>,
    #[serde(default)]
    policy_changes: Vec<S<RawPolicyChange>>,
    /// Other holons whose tokens this one accepts.
    #[serde(default)]
    accepts: Vec<S<RawAccept>>,
    #[serde(default)]
    proposals: Vec<S<RawProposal>>,
    fees: Option<S<RawFees>>,
}

/// `[fees]`: the holon pays its members' gas (the keys of scripts/holons/*.toml's `[fees]`).
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawFees {
    granter: Option<S<String>>,
    period_days: Option<S<u64>>,
    spend_limit: Option<S<String>>,
    expiry_days: Option<S<u64>>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawModel {
    Time,
    Need,
    Impact,
    Hybrid,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawScarcityMode {
    Fixed,
    Auto,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
struct RawScarcity {
    mode: RawScarcityMode,
    #[serde(default)]
    factors: BTreeMap<String, S<Num>>,
    min: Option<S<Num>>,
    max: Option<S<Num>>,
}

/// `[policy]`: the distributor's weighting policy and the attestation rules. In a
/// `[[policy_changes]]` entry every field is optional and overrides the policy in force.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    model: Option<RawModel>,
    reserve: Option<S<Num>>,
    baseline: Option<S<Num>>,
    capacity_bonus: Option<S<Num>>,
    scarcity: Option<S<RawScarcity>>,
    max_credit_per_member: Option<S<Num>>,
    anyone_may_settle: Option<bool>,
    cosigns_required: Option<S<u8>>,
    challenge_seconds: Option<u64>,
    max_hours_per_cycle: Option<S<Num>>,
    max_hours_per_attestation: Option<S<Num>>,
    max_cosigns_per_pair_per_cycle: Option<u32>,
    pending_expiry_seconds: Option<u64>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawPolicyChange {
    /// Governance sets it during this cycle; it applies from the next one.
    cycle: S<u64>,
    model: Option<RawModel>,
    reserve: Option<S<Num>>,
    baseline: Option<S<Num>>,
    capacity_bonus: Option<S<Num>>,
    scarcity: Option<S<RawScarcity>>,
    max_credit_per_member: Option<S<Num>>,
    anyone_may_settle: Option<bool>,
    cosigns_required: Option<S<u8>>,
    challenge_seconds: Option<u64>,
    max_hours_per_cycle: Option<S<Num>>,
    max_hours_per_attestation: Option<S<Num>>,
    max_cosigns_per_pair_per_cycle: Option<u32>,
    pending_expiry_seconds: Option<u64>,
}

impl RawPolicyChange {
    fn policy(&self) -> RawPolicy {
        RawPolicy {
            model: self.model,
            reserve: self.reserve.clone(),
            baseline: self.baseline.clone(),
            capacity_bonus: self.capacity_bonus.clone(),
            scarcity: self.scarcity.clone(),
            max_credit_per_member: self.max_credit_per_member.clone(),
            anyone_may_settle: self.anyone_may_settle,
            cosigns_required: self.cosigns_required.clone(),
            challenge_seconds: self.challenge_seconds,
            max_hours_per_cycle: self.max_hours_per_cycle.clone(),
            max_hours_per_attestation: self.max_hours_per_attestation.clone(),
            max_cosigns_per_pair_per_cycle: self.max_cosigns_per_pair_per_cycle,
            pending_expiry_seconds: self.pending_expiry_seconds,
        }
    }
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawBudgetMode {
    Treasury,
    Fixed,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    mode: RawBudgetMode,
    denom: Option<S<String>>,
    fund: Option<S<Num>>,
    emission: Option<S<Num>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: S<String>,
    label: Option<String>,
    impact: Option<S<Num>>,
    capacity_building: Option<bool>,
    unit_credit: Option<S<Num>>,
    need_factor: Option<S<Num>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawMember {
    /// A scenario account's name, or a bech32 address.
    name: S<String>,
    /// The member's weight in the cw4 group (votes in the members' multisig; baseline share).
    weight: Option<S<u64>>,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawPeriod {
    Once,
    Weekly,
    Monthly,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawNeed {
    id: S<String>,
    category: S<String>,
    title: Option<String>,
    description: Option<String>,
    unit: Option<String>,
    quantity: Option<S<Num>>,
    period: Option<RawPeriod>,
    posted_by: Option<S<String>>,
    #[serde(default)]
    endorsed_by: Vec<S<String>>,
    #[serde(default)]
    offered_by: Vec<S<String>>,
    impact: Option<S<Num>>,
    unit_credit: Option<S<Num>>,
    capacity_building: Option<bool>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawResolution {
    Reject,
    Accept,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawAttestation {
    member: S<String>,
    need: S<String>,
    hours: Option<S<Num>>,
    units: Option<S<Num>>,
    buddy: Option<S<String>>,
    #[serde(default)]
    cosigned_by: Vec<S<String>>,
    cycle: Option<S<u64>>,
    /// The cycle of the co-signs (default: the attestation's); a later one lands the
    /// contribution in that cycle.
    cosign_cycle: Option<S<u64>>,
    description: Option<String>,
    evidence: Option<String>,
    disputed_by: Option<S<String>>,
    resolution: Option<S<RawResolution>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawFund {
    amount: S<Num>,
    cycle: Option<S<u64>>,
    memo: Option<String>,
    from: Option<S<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawGift {
    from: S<String>,
    to: Option<S<String>>,
    #[serde(default)]
    to_pool: bool,
    amount: S<Num>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawPoolGift {
    from: S<String>,
    amount: S<Num>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawRedemption {
    member: S<String>,
    amount: S<Num>,
    recipient: Option<S<String>>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawTransfer {
    from: S<String>,
    to: S<String>,
    amount: S<Num>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawAccept {
    holon: S<String>,
    rate: S<Num>,
    credit_limit: S<Num>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawExchange {
    member: S<String>,
    from: S<String>,
    to: S<String>,
    amount: S<Num>,
    recipient: Option<S<String>>,
    cycle: Option<S<u64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawSettlement {
    holon: S<String>,
    foreign: S<String>,
    amount: Option<S<Num>>,
    cycle: Option<S<u64>>,
}

/// A member's vote, as written: `yes`, `no`, `abstain` or `veto`.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawVote {
    Yes,
    No,
    Abstain,
    Veto,
}

/// `votes = { jordan = "yes", riley = "no" }`, in the order of the file (the order they
/// are cast in).
#[derive(Debug, Default)]
struct RawVotes(Vec<(String, S<RawVote>)>);

impl<'de> Deserialize<'de> for RawVotes {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawVotes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of member = \"yes\" | \"no\" | \"abstain\" | \"veto\"")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawVotes, A::Error> {
                let mut votes = vec![];
                while let Some((member, vote)) = map.next_entry::<String, S<RawVote>>()? {
                    votes.push((member, vote));
                }
                Ok(RawVotes(votes))
            }
        }
        d.deserialize_map(V)
    }
}

/// `need_factors = { need, impact, unit_credit, capacity_building }`: the stewards' factors
/// of one need.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawNeedFactors {
    need: S<String>,
    impact: Option<S<Num>>,
    unit_credit: Option<S<Num>>,
    capacity_building: Option<bool>,
}

/// `settle = { foreign, amount }`: redeem another holon's tokens at their treasury.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawSettle {
    foreign: S<String>,
    amount: Option<S<Num>>,
}

/// `[[proposals]]`: a member proposes one steward action to the members' multisig, members
/// vote, and (by default) the proposer executes it once it has passed.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawProposal {
    cycle: Option<S<u64>>,
    proposer: S<String>,
    /// Any `[policy]` key: the weighting policy (from the next cycle) and the attestation
    /// rules (at once).
    policy: Option<S<RawPolicy>>,
    /// A `[[categories]]` entry: a new category, or new values for one (the rest kept).
    category: Option<S<RawCategory>>,
    need_factors: Option<S<RawNeedFactors>>,
    /// A `[[holons.accepts]]` entry.
    accept: Option<S<RawAccept>>,
    settle: Option<S<RawSettle>>,
    #[serde(default)]
    votes: RawVotes,
    /// Execute it once it has passed (default true).
    execute: Option<bool>,
}

// ------------------------------------------------------------------ the plan

/// Where an entry of the plan comes from: its line and a short description.
#[derive(Clone, Debug)]
pub struct Origin {
    pub span: Range<usize>,
    /// `attestations[3]`, `holons[1].needs[0]` ...
    pub entry: String,
    /// `alex: 16 h toward bread` ...
    pub what: String,
}

#[derive(Clone, Debug)]
pub struct NeedPlan {
    pub key: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub unit: String,
    pub quantity: Decimal,
    pub period: Period,
    /// None: governance posts it.
    pub posted_by: Option<String>,
    pub endorsed_by: Vec<(String, Origin)>,
    pub offered_by: Vec<(String, Origin)>,
    pub impact: Option<Decimal>,
    pub unit_credit: Option<Decimal>,
    pub capacity_building: Option<bool>,
    pub cycle: u64,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The dispute is upheld: the attestation is rejected.
    Reject,
    /// The dispute is not upheld: the attestation is recorded.
    Accept,
}

#[derive(Clone, Debug)]
pub struct AttestationPlan {
    pub member: String,
    pub need: String,
    pub hours: Decimal,
    pub units: Decimal,
    pub buddy: Option<String>,
    pub cosigned_by: Vec<(String, Origin)>,
    pub cycle: u64,
    pub cosign_cycle: u64,
    pub description: String,
    pub evidence: Option<String>,
    pub dispute: Option<(String, Resolution, Origin)>,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct FundPlan {
    pub from: String,
    pub amount: u128,
    pub memo: Option<String>,
    pub cycle: u64,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct PolicyChangePlan {
    pub cycle: u64,
    pub policy: Policy,
    /// Set when an attestation rule changes.
    pub attestation_policy: Option<AttestationPolicy>,
    pub origin: Origin,
}

/// The keys a proposal's `policy` sets, over the policy in force when it is proposed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyPatch {
    pub model: Option<Model>,
    pub reserve: Option<Decimal>,
    pub baseline: Option<Decimal>,
    pub capacity_bonus: Option<Decimal>,
    pub scarcity: Option<Scarcity>,
    pub max_credit_per_member: Option<Decimal>,
    pub anyone_may_settle: Option<bool>,
    pub cosigns_required: Option<u8>,
    pub challenge_seconds: Option<u64>,
    pub max_hours_per_cycle: Option<Decimal>,
    pub max_hours_per_attestation: Option<Decimal>,
    pub max_cosigns_per_pair_per_cycle: Option<u32>,
    pub pending_expiry_seconds: Option<u64>,
}

impl PolicyPatch {
    /// It changes the distributor's weighting policy.
    pub fn sets_distribution(&self) -> bool {
        self.model.is_some()
            || self.reserve.is_some()
            || self.baseline.is_some()
            || self.capacity_bonus.is_some()
            || self.scarcity.is_some()
            || self.max_credit_per_member.is_some()
            || self.anyone_may_settle.is_some()
    }

    /// It changes the attestation rules.
    pub fn sets_attestation(&self) -> bool {
        self.cosigns_required.is_some()
            || self.challenge_seconds.is_some()
            || self.max_hours_per_cycle.is_some()
            || self.max_hours_per_attestation.is_some()
            || self.max_cosigns_per_pair_per_cycle.is_some()
            || self.pending_expiry_seconds.is_some()
    }

    /// The policy and the attestation rules with these keys set.
    pub fn apply(&self, p: &Policy, a: &AttestationPolicy) -> (Policy, AttestationPolicy) {
        let (mut p, mut a) = (p.clone(), a.clone());
        macro_rules! set {
            ($target:ident, $($field:ident),*) => {
                $(if let Some(v) = &self.$field {
                    $target.$field = v.clone();
                })*
            };
        }
        set!(
            p,
            model,
            reserve,
            baseline,
            capacity_bonus,
            scarcity,
            anyone_may_settle
        );
        if let Some(v) = self.max_credit_per_member {
            p.max_credit_per_member = Some(v);
        }
        set!(
            a,
            cosigns_required,
            challenge_seconds,
            max_hours_per_cycle,
            max_hours_per_attestation,
            max_cosigns_per_pair_per_cycle,
            pending_expiry_seconds
        );
        (p, a)
    }
}

/// The keys a proposal's `category` sets; the others keep the category's values (or the
/// defaults of `[[categories]]` for a new one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryPatch {
    pub id: String,
    pub label: Option<String>,
    pub impact: Option<Decimal>,
    pub capacity_building: Option<bool>,
    pub unit_credit: Option<Decimal>,
    pub need_factor: Option<Decimal>,
}

impl CategoryPatch {
    /// The category with these keys set over `current` (None: a new category).
    pub fn apply(&self, current: Option<&Category>) -> Category {
        let mut c = current.cloned().unwrap_or_else(|| Category {
            id: self.id.clone(),
            label: self.id.clone(),
            impact: Decimal::one(),
            capacity_building: false,
            need_factor: Decimal::one(),
            unit_credit: Decimal::zero(),
        });
        if let Some(v) = &self.label {
            c.label = v.clone();
        }
        if let Some(v) = self.impact {
            c.impact = v;
        }
        if let Some(v) = self.capacity_building {
            c.capacity_building = v;
        }
        if let Some(v) = self.unit_credit {
            c.unit_credit = v;
        }
        if let Some(v) = self.need_factor {
            c.need_factor = v;
        }
        c
    }
}

/// The members' own governance: a cw3-flex-multisig over the holon's cw4 group.
#[derive(Clone, Debug, PartialEq)]
pub struct MembersRule {
    /// Share of the votes needed to pass.
    pub threshold: Decimal,
    /// Share of the group's weight that must vote.
    pub quorum: Decimal,
    pub voting_period_seconds: u64,
}

/// The steward action a proposal asks for.
#[derive(Clone, Debug)]
pub enum ProposalAction {
    /// The weighting policy (from the next cycle) and/or the attestation rules (at once).
    Policy(PolicyPatch),
    Category(CategoryPatch),
    /// The factors of a need, by the scenario's key.
    NeedFactors {
        need: String,
        impact: Option<Decimal>,
        unit_credit: Option<Decimal>,
        capacity_building: Option<bool>,
    },
    /// Accept another holon's token.
    Accept(AcceptPlan),
    /// Redeem another holon's tokens (None: all held) at its treasury.
    Settle {
        foreign: usize,
        amount: Option<u128>,
    },
}

/// One `[[proposals]]` entry, checked.
#[derive(Clone, Debug)]
pub struct ProposalPlan {
    /// Proposed, voted and (if it passes) executed in this cycle, after its policy changes.
    pub cycle: u64,
    pub proposer: String,
    pub action: ProposalAction,
    /// In the order of the file (the proposer's yes comes with the proposal).
    pub votes: Vec<(String, Vote, Origin)>,
    pub execute: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct AcceptPlan {
    /// Index of the accepted holon.
    pub holon: usize,
    pub rate: Decimal,
    pub credit_limit: u128,
    pub origin: Origin,
}

/// What happens after a cycle's claims.
#[derive(Clone, Debug)]
pub enum ActionKind {
    /// A member gives tokens to a member (cw20 transfer).
    Gift {
        holon: usize,
        from: String,
        to: String,
        amount: u128,
    },
    /// A member gives tokens back to the pool (burnt; their backing funds the next cycle).
    GiftToPool {
        holon: usize,
        from: String,
        amount: u128,
    },
    /// A member redeems tokens at the treasury.
    Redeem {
        holon: usize,
        member: String,
        amount: u128,
        recipient: Option<String>,
    },
    /// Any cw20 transfer to any named account.
    Transfer {
        holon: usize,
        from: String,
        to: String,
        amount: u128,
    },
    /// `member` sends `amount` of holon `from`'s tokens to holon `to`'s distributor.
    Exchange {
        from: usize,
        to: usize,
        member: String,
        amount: u128,
        recipient: Option<String>,
    },
    /// Holon `holon`'s governance redeems `foreign` tokens it holds at their treasury.
    Settle {
        holon: usize,
        foreign: usize,
        amount: Option<u128>,
    },
    /// The commons: a resource listed by the steward (`provider` None) or a member's offer.
    List {
        holon: usize,
        /// The scenario's id of the listing.
        key: String,
        provider: Option<String>,
        input: ListingInput,
    },
    /// The lister (`provider`, or the steward) pauses, resumes or withdraws listing `key`.
    SetListing {
        holon: usize,
        key: String,
        provider: Option<String>,
        change: ListingChange,
    },
    /// `member` books resource `listing` for `[end of the cycle + start_offset, + length)`
    /// (seconds), paying `amount`; cancelled `cancel_offset` seconds after the cycle's end.
    Book {
        holon: usize,
        member: String,
        listing: String,
        start_offset: u64,
        length: u64,
        amount: u128,
        cancel_offset: Option<u64>,
        /// As written (the report's words; the offsets above are the chain's, compressed
        /// on a node).
        start_day: u64,
        cancel_day: Option<u64>,
    },
    /// `member` buys `quantity` of `listing`, paying `amount`; then `after`.
    Buy {
        holon: usize,
        member: String,
        listing: String,
        quantity: u64,
        amount: u128,
        after: AfterPurchase,
    },
}

#[derive(Clone, Debug)]
pub struct Action {
    pub cycle: u64,
    pub kind: ActionKind,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct HolonPlan {
    pub key: String,
    pub name: String,
    /// The deployment file's name (`slug`, default: the name in kebab case).
    pub slug: String,
    pub token_name: String,
    pub symbol: String,
    pub decimals: u8,
    pub cycle_seconds: u64,
    pub policy: Policy,
    pub attestation_policy: AttestationPolicy,
    pub budget: BudgetMode,
    pub categories: Vec<Category>,
    pub members: Vec<String>,
    /// Members' weights in the cw4 group, as written (a member not listed: 1).
    pub weights: BTreeMap<String, u64>,
    /// Who may post needs (`posting`).
    pub posting: PostingRule,
    /// Start of cycle 1 on a chain, RFC 3339 as written (None: the deploy's block time).
    pub cycle_start: Option<String>,
    /// The registry's bound on the requesters of one need (None: the registry's 50).
    pub max_requesters_per_need: Option<u32>,
    /// How long a buyer of a member's offer in the commons has to confirm or dispute it
    /// (`commons_confirm_window_seconds`, default [`DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS`]).
    pub commons_confirm_window_seconds: u64,
    pub needs: Vec<NeedPlan>,
    pub attestations: Vec<AttestationPlan>,
    /// `[budget] fund` first, then `[[funds]]`.
    pub funds: Vec<FundPlan>,
    pub policy_changes: Vec<PolicyChangePlan>,
    pub accepts: Vec<AcceptPlan>,
    /// None: one wallet governs (the simulator's `governance` account, or `steward`).
    pub governance: Option<MembersRule>,
    /// `governance = "NAME or ADDRESS"`: the account that owns and administers the holon
    /// and sends its steward actions, instead of the simulator's `governance` account.
    pub steward: Option<String>,
    pub proposals: Vec<ProposalPlan>,
    /// `[fees]`: the holon pays its members' gas on a node (nothing on the embedded chain,
    /// which charges no fees).
    pub fees: Option<FeesPlan>,
    pub origin: Origin,
}

/// Who pays the members' fees: the funding key (`deployer`), or a scenario account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Granter {
    Deployer,
    Account(String),
}

/// `[fees]` as checked: an x/feegrant allowance for each member (AllowedMsgAllowance of
/// `/cosmwasm.wasm.v1.MsgExecuteContract` around a PeriodicAllowance), as
/// scripts/feegrant.mjs grants it.
#[derive(Clone, Debug)]
pub struct FeesPlan {
    pub granter: Granter,
    /// The allowance renews every period (`period_days`; compressed on a node's short cycles).
    pub period_seconds: u64,
    /// The grant ends this long after it is given (`expiry_days`).
    pub expiry_seconds: u64,
    /// Per member and period, (amount, denom); None: twice a member's month at the gas price.
    pub spend_limit: Option<(u128, String)>,
    pub origin: Origin,
}

/// A checked scenario, ready to replay.
#[derive(Clone, Debug)]
pub struct Plan {
    pub file: String,
    pub src: String,
    /// Several holons (`[[holons]]`): the report has a section per holon.
    pub multi: bool,
    pub holons: Vec<HolonPlan>,
    /// Gifts, redemptions, transfers, exchanges, settlements: after the claims of their
    /// cycle, in the order of the file.
    pub actions: Vec<Action>,
    pub cycles: u64,
}

impl Plan {
    /// Every account named in the scenario that is not a member of the first holon.
    pub fn accounts(&self) -> Vec<String> {
        let mut names: Vec<&str> = vec![];
        for h in &self.holons {
            names.extend(h.members.iter().map(|m| m.as_str()));
            names.extend(h.steward.iter().map(|m| m.as_str()));
            names.extend(h.funds.iter().map(|f| f.from.as_str()));
            if let Some(FeesPlan {
                granter: Granter::Account(g),
                ..
            }) = &h.fees
            {
                names.push(g);
            }
        }
        for a in &self.actions {
            match &a.kind {
                ActionKind::Gift { to, .. } | ActionKind::Transfer { to, .. } => names.push(to),
                ActionKind::Redeem {
                    recipient: Some(r), ..
                }
                | ActionKind::Exchange {
                    recipient: Some(r), ..
                } => names.push(r),
                _ => {}
            }
        }
        let mut seen: HashSet<&str> = self.holons[0].members.iter().map(|m| m.as_str()).collect();
        names
            .into_iter()
            .filter(|n| seen.insert(n))
            .map(String::from)
            .collect()
    }

    /// A diagnostic pointing at `origin`.
    pub fn diag(&self, origin: &Origin, message: impl Into<String>) -> Diag {
        Diag::at(
            &self.file,
            &self.src,
            Some(origin.span.clone()),
            &origin.entry,
            message,
        )
    }

    pub fn line_of(&self, origin: &Origin) -> usize {
        pos_of(&self.src, origin.span.start).line
    }

    pub fn attestation_count(&self) -> usize {
        self.holons.iter().map(|h| h.attestations.len()).sum()
    }
}

// ------------------------------------------------------------------ reading and checking

/// Reads and checks a scenario file.
pub fn load(path: &str) -> Result<Plan, Diag> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| Diag::file(path, format!("cannot read the scenario: {e}")))?;
    parse(path, &src)
}

/// Checks a scenario given as text; `file` names it in errors.
pub fn parse(file: &str, src: &str) -> Result<Plan, Diag> {
    let raw: RawFile = match serde_path_to_error::deserialize(toml::Deserializer::new(src)) {
        Ok(raw) => raw,
        Err(e) => return Err(toml_diag(file, src, &e.path().to_string(), e.inner())),
    };
    Checker { file, src }.plan(raw)
}

/// A TOML or shape error as a diagnostic naming the field.
fn toml_diag(file: &str, src: &str, path: &str, err: &toml::de::Error) -> Diag {
    let mut field = path
        .replace(".$__serde_spanned_private_value", "")
        .replace("$__serde_spanned_private_value", "");
    if field == "." || field.is_empty() {
        field = String::new();
    }
    let span = err.span();
    if field.is_empty() {
        // A syntax error: the key written on that line, if any.
        if let Some(span) = &span {
            let line = pos_of(src, span.start).line;
            let text = src.lines().nth(line - 1).unwrap_or("").trim();
            field = if let Some((key, _)) = text.split_once('=') {
                key.trim().to_string()
            } else if text.starts_with('[') {
                text.trim_matches(|c| c == '[' || c == ']')
                    .trim()
                    .to_string()
            } else {
                "(syntax)".into()
            };
        }
    }
    let message = err
        .message()
        .trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    Diag::at(file, src, span, &field, message)
}

struct Checker<'a> {
    file: &'a str,
    src: &'a str,
}

/// A holon as read: the prefix of its fields (`holons[1].`, or none), its sections, its span.
type RawEntry = (String, RawHolon, Range<usize>);

/// `[[members]]` as checked: the names in order, as a set, and the weights written.
type MembersRead = (Vec<String>, HashSet<String>, BTreeMap<String, u64>);

/// An action after the claims, with its place in the file (the order within a cycle).
type Later = (usize, Action);

/// What a holon's entries may name, for its proposals.
struct Known<'a> {
    members: &'a HashSet<String>,
    categories: &'a HashSet<String>,
    /// Need key → the cycle it is posted in.
    needs: &'a HashMap<String, u64>,
    /// Holon ids.
    keys: &'a [String],
}

/// `yes`, `no`, `abstain`, `veto`.
pub fn vote_word(v: Vote) -> &'static str {
    match v {
        Vote::Yes => "yes",
        Vote::No => "no",
        Vote::Abstain => "abstain",
        Vote::Veto => "veto",
    }
}

/// A holon's header as checked.
struct Header {
    name: String,
    slug: String,
    token_name: String,
    symbol: String,
    decimals: u8,
    cycle_seconds: u64,
    cycle_start: Option<String>,
    posting: PostingRule,
    max_requesters_per_need: Option<u32>,
    commons_confirm_window_seconds: u64,
}

/// The holon's name in kebab case: lower case, every run of other characters than a-z and
/// 0-9 one dash (scripts/holon-file.mjs's `slugify`); "holon" when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "holon".into()
    } else {
        out
    }
}

/// Whether `name` is written as a bech32 address (`wasm1…`, `osmo1…`): a lower-case prefix,
/// a `1`, and at least 38 characters of data. Such a name is checked as an address.
pub fn looks_like_address(name: &str) -> bool {
    match name.rsplit_once('1') {
        Some((prefix, data)) => {
            !prefix.is_empty()
                && prefix.chars().all(|c| c.is_ascii_lowercase())
                && data.len() >= 38
                && data
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        }
        None => false,
    }
}

fn range<T>(s: &S<T>) -> Range<usize> {
    s.span()
}

/// Names an error lists as the known ones: sorted, joined with ", ", at most `at_most` of
/// them (then ", ...").
fn names_list<'a>(names: impl IntoIterator<Item = &'a String>, at_most: usize) -> String {
    let mut sorted: Vec<&str> = names.into_iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let more = if sorted.len() > at_most { ", ..." } else { "" };
    sorted.truncate(at_most);
    format!("{}{more}", sorted.join(", "))
}

/// The cycle of an entry (default 1), checked to be at least 1.
macro_rules! cycle_of {
    ($self:ident, $opt:expr, $field:expr) => {
        match &$opt {
            None => 1u64,
            Some(c) => {
                if *c.get_ref() == 0 {
                    return Err($self.err(range(c), &$field, "cycles are numbered from 1"));
                }
                *c.get_ref()
            }
        }
    };
}

mod commons;
pub use commons::{unit_word, AfterPurchase, ListingChange};
use commons::{RawBooking, RawListing, RawPurchase};

impl Checker<'_> {
    fn err(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> Diag {
        Diag::at(self.file, self.src, Some(span), field, message)
    }

    fn origin<T>(&self, s: &S<T>, entry: String, what: String) -> Origin {
        Origin {
            span: s.span(),
            entry,
            what,
        }
    }

    /// A Decimal ≥ 0.
    fn dec(&self, v: &S<Num>, field: &str) -> Result<Decimal, Diag> {
        let text = &v.get_ref().0;
        let name = field.rsplit('.').next().unwrap_or(field);
        if text.starts_with('-') {
            return Err(self.err(
                range(v),
                field,
                format!("{name} must not be negative, got {text}"),
            ));
        }
        Decimal::from_str(&text.replace('_', "")).map_err(|_| {
            self.err(
                range(v),
                field,
                format!("{name} must be a decimal number such as \"16\" or \"2.5\", got {text:?}"),
            )
        })
    }

    fn dec_opt(&self, v: &Option<S<Num>>, field: &str) -> Result<Option<Decimal>, Diag> {
        v.as_ref().map(|v| self.dec(v, field)).transpose()
    }

    /// An optional Decimal in [0, max], the contracts' bound.
    fn bounded(&self, v: &Option<S<Num>>, field: &str, max: u64) -> Result<Option<Decimal>, Diag> {
        let Some(s) = v else { return Ok(None) };
        let d = self.dec(s, field)?;
        if d > Decimal::from_ratio(max, 1u64) {
            let name = field.rsplit('.').next().unwrap_or(field);
            return Err(self.err(
                range(s),
                field,
                format!("{name} must be between 0 and {max}, got {d}"),
            ));
        }
        Ok(Some(d))
    }

    /// An amount of base units (an integer ≥ 0).
    fn amount(&self, v: &S<Num>, field: &str) -> Result<u128, Diag> {
        let text = &v.get_ref().0;
        let name = field.rsplit('.').next().unwrap_or(field);
        if text.starts_with('-') {
            return Err(self.err(
                range(v),
                field,
                format!("{name} must not be negative, got {text}"),
            ));
        }
        let clean = text.replace('_', "");
        Uint128::from_str(&clean).map(|u| u.u128()).map_err(|_| {
            self.err(
                range(v),
                field,
                format!("{name} must be a whole number of base units such as \"5000000000\", got {text:?}"),
            )
        })
    }

    fn positive_amount(&self, v: &S<Num>, field: &str) -> Result<u128, Diag> {
        let a = self.amount(v, field)?;
        if a == 0 {
            let name = field.rsplit('.').next().unwrap_or(field);
            return Err(self.err(range(v), field, format!("{name} must be greater than zero")));
        }
        Ok(a)
    }

    fn member(
        &self,
        name: &S<String>,
        members: &HashSet<String>,
        field: &str,
    ) -> Result<String, Diag> {
        let n = name.get_ref();
        if !members.contains(n) {
            return Err(self.err(
                range(name),
                field,
                format!(
                    "{n:?} is not a member of this holon (members: {})",
                    names_list(members, 12)
                ),
            ));
        }
        Ok(n.clone())
    }

    /// Any account name (a member or not).
    fn account(&self, name: &S<String>, field: &str) -> Result<String, Diag> {
        let n = name.get_ref();
        if n.trim().is_empty() {
            return Err(self.err(range(name), field, "an account name must not be empty"));
        }
        if RESERVED.contains(&n.as_str()) {
            return Err(self.err(
                range(name),
                field,
                format!("{n:?} is reserved for the simulator"),
            ));
        }
        Ok(n.clone())
    }

    /// Checks the whole file: its holons, then what passes between them, then the cycle count.
    fn plan(&self, mut raw: RawFile) -> Result<Plan, Diag> {
        let multi = !raw.holons.is_empty();
        let holons_raw = if multi {
            self.several_holons(&mut raw)?
        } else {
            vec![self.single_holon(&mut raw)?]
        };

        // Holon ids first: accepts, exchanges and settlements refer to them.
        let keys = self.holon_keys(&holons_raw)?;

        let mut holons = vec![];
        let mut actions: Vec<Later> = vec![];
        let mut max_cycle = 1u64;
        for (index, (prefix, h, span)) in holons_raw.iter().enumerate() {
            let (plan, acts) = self.holon(index, prefix, h, span.clone(), &keys)?;
            max_cycle = max_cycle.max(last_cycle(&plan, &acts));
            holons.push(plan);
            actions.extend(acts);
        }
        self.check_one_calendar(&holons)?;

        // Between holons.
        let between = [
            self.exchanges(&raw.exchanges, &keys, &holons)?,
            self.settlements(&raw.settlements, &keys, &holons)?,
        ];
        for later in between.into_iter().flatten() {
            max_cycle = max_cycle.max(later.1.cycle);
            actions.push(later);
        }
        actions.sort_by_key(|(pos, a)| (a.cycle, *pos));

        let cycles = self.cycle_count(&raw.cycles, max_cycle)?;
        Ok(Plan {
            file: self.file.to_string(),
            src: self.src.to_string(),
            multi,
            holons,
            actions: actions.into_iter().map(|(_, a)| a).collect(),
            cycles,
        })
    }

    /// A file of `[[holons]]`: no single-holon section may stand outside them.
    fn several_holons(&self, raw: &mut RawFile) -> Result<Vec<RawEntry>, Diag> {
        // In a file of several holons, the single-holon sections have no place.
        if let Some((field, span)) = stray_section(raw) {
            return Err(self.err(
                span,
                field,
                format!("a file with [[holons]] describes each holon inside it: use [[holons.{field}]] / [holons.{field}] after the holon's [[holons]] header"),
            ));
        }
        Ok(std::mem::take(&mut raw.holons)
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let span = h.span();
                (format!("holons[{i}]."), h.into_inner(), span)
            })
            .collect())
    }

    /// A file of one holon: its `[holon]` header and top-level sections, as one holon.
    fn single_holon(&self, raw: &mut RawFile) -> Result<RawEntry, Diag> {
        if let Some(e) = raw.exchanges.first() {
            return Err(self.err(
                e.span(),
                "exchanges",
                "exchanges need two holons: describe them with [[holons]]",
            ));
        }
        if let Some(e) = raw.settlements.first() {
            return Err(self.err(
                e.span(),
                "settlements",
                "settlements need two holons: describe them with [[holons]]",
            ));
        }
        let Some(header) = raw.holon.take() else {
            return Err(Diag::at(
                self.file,
                self.src,
                Some(0..0),
                "holon",
                "missing the [holon] section (name, token, cycle_seconds)",
            ));
        };
        let span = header.span();
        let header = header.into_inner();
        let holon = RawHolon {
            id: None,
            name: header.name,
            slug: header.slug,
            token: header.token,
            cycle_seconds: header.cycle_seconds,
            cycle_start: header.cycle_start,
            posting: header.posting,
            max_requesters_per_need: header.max_requesters_per_need,
            commons_confirm_window_seconds: header.commons_confirm_window_seconds,
            policy: raw.policy.take(),
            budget: raw.budget.take(),
            categories: std::mem::take(&mut raw.categories),
            members: std::mem::take(&mut raw.members),
            needs: std::mem::take(&mut raw.needs),
            attestations: std::mem::take(&mut raw.attestations),
            funds: std::mem::take(&mut raw.funds),
            gifts: std::mem::take(&mut raw.gifts),
            gifts_to_pool: std::mem::take(&mut raw.gifts_to_pool),
            redemptions: std::mem::take(&mut raw.redemptions),
            transfers: std::mem::take(&mut raw.transfers),
            listings: std::mem::take(&mut raw.listings),
            bookings: std::mem::take(&mut raw.bookings),
            purchases: std::mem::take(&mut raw.purchases),
            policy_changes: std::mem::take(&mut raw.policy_changes),
            accepts: vec![],
            governance: header.governance,
            proposals: std::mem::take(&mut raw.proposals),
            fees: raw.fees.take(),
        };
        Ok((String::new(), holon, span))
    }

    /// Each holon's id (default: its name in lower case, spaces as dashes), unique.
    fn holon_keys(&self, holons_raw: &[RawEntry]) -> Result<Vec<String>, Diag> {
        let mut keys: Vec<String> = vec![];
        for (prefix, h, _) in holons_raw {
            let key = match &h.id {
                Some(id) => id.get_ref().clone(),
                None => h.name.get_ref().to_lowercase().replace(' ', "-"),
            };
            if keys.contains(&key) {
                let span = h.id.as_ref().map_or(h.name.span(), |i| i.span());
                return Err(self.err(
                    span,
                    &format!("{prefix}id"),
                    format!("two holons have the id {key:?}: give each an `id`"),
                ));
            }
            keys.push(key);
        }
        Ok(keys)
    }

    /// Holons keep one calendar: the replay closes their cycles together.
    fn check_one_calendar(&self, holons: &[HolonPlan]) -> Result<(), Diag> {
        if let Some(h) = holons
            .iter()
            .find(|h| h.cycle_seconds != holons[0].cycle_seconds)
        {
            return Err(self.err(
                h.origin.span.clone(),
                &format!("{}.cycle_seconds", h.origin.entry),
                format!(
                    "{} has cycles of {} s, {} of {} s: holons simulated together share one cycle length",
                    h.name, h.cycle_seconds, holons[0].name, holons[0].cycle_seconds
                ),
            ));
        }
        Ok(())
    }

    /// The index of the holon whose id `s` names.
    fn holon_index(&self, keys: &[String], s: &S<String>, field: &str) -> Result<usize, Diag> {
        keys.iter().position(|k| k == s.get_ref()).ok_or_else(|| {
            self.err(
                range(s),
                field,
                format!(
                    "no holon has the id {:?} (holons: {})",
                    s.get_ref(),
                    keys.join(", ")
                ),
            )
        })
    }

    /// `[[exchanges]]`: a member's tokens of one holon sent into another after the claims.
    fn exchanges(
        &self,
        raw: &[S<RawExchange>],
        keys: &[String],
        holons: &[HolonPlan],
    ) -> Result<Vec<Later>, Diag> {
        let mut actions = vec![];
        for (i, e) in raw.iter().enumerate() {
            let entry = format!("exchanges[{i}]");
            let x = e.get_ref();
            let from = self.holon_index(keys, &x.from, &format!("{entry}.from"))?;
            let to = self.holon_index(keys, &x.to, &format!("{entry}.to"))?;
            if from == to {
                return Err(self.err(
                    range(&x.to),
                    &format!("{entry}.to"),
                    "an exchange goes from one holon to another",
                ));
            }
            let member = self.account(&x.member, &format!("{entry}.member"))?;
            let amount = self.positive_amount(&x.amount, &format!("{entry}.amount"))?;
            let recipient = x
                .recipient
                .as_ref()
                .map(|r| self.account(r, &format!("{entry}.recipient")))
                .transpose()?;
            let cycle = cycle_of!(self, x.cycle, format!("{entry}.cycle"));
            let what = format!(
                "{member} exchanges {amount} {} into {}",
                holons[from].symbol, holons[to].name
            );
            let kind = ActionKind::Exchange {
                from,
                to,
                member,
                amount,
                recipient,
            };
            actions.push(self.later(e, entry, cycle, kind, what));
        }
        Ok(actions)
    }

    /// `[[settlements]]`: a holon redeems another holon's tokens at their treasury.
    fn settlements(
        &self,
        raw: &[S<RawSettlement>],
        keys: &[String],
        holons: &[HolonPlan],
    ) -> Result<Vec<Later>, Diag> {
        let mut actions = vec![];
        for (i, s) in raw.iter().enumerate() {
            let entry = format!("settlements[{i}]");
            let x = s.get_ref();
            let holon = self.holon_index(keys, &x.holon, &format!("{entry}.holon"))?;
            if holons[holon].governance.is_some() {
                return Err(self.err(
                    range(&x.holon),
                    &format!("{entry}.holon"),
                    format!(
                        "{} is governed by its members: settling is a proposal ([[holons.proposals]] with settle = {{ foreign, amount }})",
                        holons[holon].name
                    ),
                ));
            }
            let foreign = self.holon_index(keys, &x.foreign, &format!("{entry}.foreign"))?;
            if holon == foreign {
                return Err(self.err(
                    range(&x.foreign),
                    &format!("{entry}.foreign"),
                    "a holon settles another holon's tokens",
                ));
            }
            let amount = x
                .amount
                .as_ref()
                .map(|a| self.positive_amount(a, &format!("{entry}.amount")))
                .transpose()?;
            let cycle = cycle_of!(self, x.cycle, format!("{entry}.cycle"));
            let what = format!(
                "{} settles {} tokens",
                holons[holon].name, holons[foreign].symbol
            );
            let kind = ActionKind::Settle {
                holon,
                foreign,
                amount,
            };
            actions.push(self.later(s, entry, cycle, kind, what));
        }
        Ok(actions)
    }

    /// How many cycles to replay: `cycles`, at least the last cycle an entry names.
    fn cycle_count(&self, cycles: &Option<S<u64>>, max_cycle: u64) -> Result<u64, Diag> {
        match cycles {
            None => Ok(max_cycle),
            Some(c) => {
                let n = *c.get_ref();
                if n == 0 || n < max_cycle {
                    return Err(self.err(
                        range(c),
                        "cycles",
                        format!("cycles = {n}, but an entry happens in cycle {max_cycle}"),
                    ));
                }
                Ok(n)
            }
        }
    }

    /// An action after the claims of `cycle`, with its place in the file.
    fn later<T>(
        &self,
        s: &S<T>,
        entry: String,
        cycle: u64,
        kind: ActionKind,
        what: String,
    ) -> Later {
        (
            s.span().start,
            Action {
                cycle,
                kind,
                origin: self.origin(s, entry, what),
            },
        )
    }

    /// A `[policy]` (or a policy change's keys) over `base`: distributor, then attestation rules.
    fn policy(
        &self,
        p: &RawPolicy,
        prefix: &str,
        base: &Policy,
        base_att: &AttestationPolicy,
        categories: &HashSet<String>,
    ) -> Result<(Policy, AttestationPolicy), Diag> {
        let mut policy = base.clone();
        self.distribution_rules(p, prefix, categories, &mut policy)?;
        let mut att = base_att.clone();
        self.attestation_rules(p, prefix, &mut att)?;
        Ok((policy, att))
    }

    /// The distributor's keys of a policy: model, reserve, baseline, bonus, credit cap, scarcity.
    fn distribution_rules(
        &self,
        p: &RawPolicy,
        prefix: &str,
        categories: &HashSet<String>,
        policy: &mut Policy,
    ) -> Result<(), Diag> {
        if let Some(m) = p.model {
            policy.model = match m {
                RawModel::Time => Model::Time,
                RawModel::Need => Model::Need,
                RawModel::Impact => Model::Impact,
                RawModel::Hybrid => Model::Hybrid,
            };
        }
        if let Some(v) = self.dec_opt(&p.reserve, &format!("{prefix}reserve"))? {
            if v >= Decimal::one() {
                return Err(self.err(
                    range(p.reserve.as_ref().unwrap()),
                    &format!("{prefix}reserve"),
                    "reserve is a fraction below 1, e.g. \"0.1\"",
                ));
            }
            policy.reserve = v;
        }
        if let Some(v) = self.dec_opt(&p.baseline, &format!("{prefix}baseline"))? {
            if v > Decimal::one() {
                return Err(self.err(
                    range(p.baseline.as_ref().unwrap()),
                    &format!("{prefix}baseline"),
                    "baseline is a fraction between 0 and 1",
                ));
            }
            policy.baseline = v;
        }
        if let Some(v) = self.bounded(&p.capacity_bonus, &format!("{prefix}capacity_bonus"), 10)? {
            policy.capacity_bonus = v;
        }
        if let Some(v) = self.dec_opt(
            &p.max_credit_per_member,
            &format!("{prefix}max_credit_per_member"),
        )? {
            policy.max_credit_per_member = Some(v);
        }
        if let Some(v) = p.anyone_may_settle {
            policy.anyone_may_settle = v;
        }
        if let Some(s) = &p.scarcity {
            let sp = format!("{prefix}scarcity");
            policy.scarcity = match s.get_ref().mode {
                RawScarcityMode::Fixed => self.fixed_scarcity(s.get_ref(), &sp, categories)?,
                RawScarcityMode::Auto => self.auto_scarcity(s, &sp)?,
            };
        }
        Ok(())
    }

    /// `scarcity = { mode = "fixed" }`: a factor per defined category.
    fn fixed_scarcity(
        &self,
        sc: &RawScarcity,
        sp: &str,
        categories: &HashSet<String>,
    ) -> Result<Scarcity, Diag> {
        if let Some(m) = sc.min.as_ref().or(sc.max.as_ref()) {
            return Err(self.err(range(m), sp, "min and max belong to mode = \"auto\""));
        }
        let mut factors = vec![];
        for (cat, f) in &sc.factors {
            let field = format!("{sp}.factors.{cat}");
            if !categories.contains(cat) {
                return Err(self.err(
                    range(f),
                    &field,
                    format!("no category {cat:?} is defined in [[categories]]"),
                ));
            }
            let factor = self
                .bounded(&Some(f.clone()), &field, MAX_FACTOR)?
                .unwrap_or_default();
            factors.push(CategoryFactor {
                category: cat.clone(),
                factor,
            });
        }
        Ok(Scarcity::Fixed { factors })
    }

    /// `scarcity = { mode = "auto" }`: its bounds, min 0.5 and max 2 unless given.
    fn auto_scarcity(&self, s: &S<RawScarcity>, sp: &str) -> Result<Scarcity, Diag> {
        let sc = s.get_ref();
        if let Some((_, f)) = sc.factors.iter().next() {
            return Err(self.err(
                range(f),
                &format!("{sp}.factors"),
                "factors belong to mode = \"fixed\"",
            ));
        }
        let min = self
            .dec_opt(&sc.min, &format!("{sp}.min"))?
            .unwrap_or(Decimal::percent(50));
        let max = self
            .dec_opt(&sc.max, &format!("{sp}.max"))?
            .unwrap_or(Decimal::from_ratio(2u64, 1u64));
        if max < min {
            return Err(self.err(
                range(s),
                &format!("{sp}.max"),
                format!("max {max} is below min {min}"),
            ));
        }
        Ok(Scarcity::Auto { min, max })
    }

    /// The attestation contract's keys of a policy: co-signs, challenge window, hour caps.
    fn attestation_rules(
        &self,
        p: &RawPolicy,
        prefix: &str,
        att: &mut AttestationPolicy,
    ) -> Result<(), Diag> {
        if let Some(c) = &p.cosigns_required {
            let n = *c.get_ref();
            if !(1..=flow_types::attestation::MAX_COSIGNS_REQUIRED).contains(&n) {
                return Err(self.err(
                    range(c),
                    &format!("{prefix}cosigns_required"),
                    format!("cosigns_required must be 1 to 5, got {n}"),
                ));
            }
            att.cosigns_required = n;
        }
        if let Some(v) = p.challenge_seconds {
            att.challenge_seconds = v;
        }
        if let Some(v) = self.dec_opt(
            &p.max_hours_per_cycle,
            &format!("{prefix}max_hours_per_cycle"),
        )? {
            att.max_hours_per_cycle = v;
        }
        if let Some(v) = self.dec_opt(
            &p.max_hours_per_attestation,
            &format!("{prefix}max_hours_per_attestation"),
        )? {
            att.max_hours_per_attestation = v;
        }
        if let Some(v) = p.max_cosigns_per_pair_per_cycle {
            att.max_cosigns_per_pair_per_cycle = v;
        }
        if let Some(v) = p.pending_expiry_seconds {
            att.pending_expiry_seconds = v;
        }
        Ok(())
    }

    /// Checks one holon section by section (the first mistake in this order is reported).
    fn holon(
        &self,
        index: usize,
        prefix: &str,
        h: &RawHolon,
        span: Range<usize>,
        keys: &[String],
    ) -> Result<(HolonPlan, Vec<Later>), Diag> {
        let header = self.check_header(prefix, h)?;
        let (governance, steward) = self.check_governance(prefix, h, &span)?;
        let (categories, cat_ids) = self.check_categories(prefix, h)?;
        let (members, member_set, weights) = self.check_members(prefix, h, &span)?;
        let (policy, attestation_policy) = match &h.policy {
            Some(p) => self.policy(
                p.get_ref(),
                &format!("{prefix}policy."),
                &Policy::default(),
                &AttestationPolicy::default(),
                &cat_ids,
            )?,
            None => (Policy::default(), AttestationPolicy::default()),
        };
        let (budget, mut funds) = self.check_budget(prefix, h, &span)?;
        funds.extend(self.check_funds(prefix, h, &budget)?);
        let (needs, need_cycle) = self.check_needs(prefix, h, &cat_ids, &member_set)?;
        if header.posting == PostingRule::Stewards {
            self.check_stewards_post(prefix, h, &header.name)?;
        }
        let challenge_seconds = attestation_policy.challenge_seconds;
        let attestations =
            self.check_attestations(prefix, h, &member_set, &need_cycle, challenge_seconds)?;
        let policy_changes =
            self.check_policy_changes(prefix, h, &policy, &attestation_policy, &cat_ids)?;
        let accepts = self.check_accepts(index, prefix, h, &header.name, keys)?;
        let treasury = matches!(budget, BudgetMode::Treasury { .. });
        let mut actions = self.check_actions(index, prefix, h, &member_set, treasury)?;
        actions.extend(self.check_commons(index, prefix, h, &member_set, &cat_ids)?);
        if governance.is_some() {
            self.check_governed(prefix, h, &header.name)?;
        }
        let known = Known {
            members: &member_set,
            categories: &cat_ids,
            needs: &need_cycle,
            keys,
        };
        let proposals = self.check_proposals(index, prefix, h, governance.is_some(), &known)?;
        let fees = self.check_fees(prefix, h, &member_set)?;

        let origin = Origin {
            span,
            entry: prefix.trim_end_matches('.').to_string(),
            what: format!("deploy {}", header.name),
        };
        let plan = HolonPlan {
            key: keys[index].clone(),
            name: header.name,
            slug: header.slug,
            weights,
            posting: header.posting,
            cycle_start: header.cycle_start,
            max_requesters_per_need: header.max_requesters_per_need,
            commons_confirm_window_seconds: header.commons_confirm_window_seconds,
            steward,
            token_name: header.token_name,
            symbol: header.symbol,
            decimals: header.decimals,
            cycle_seconds: header.cycle_seconds,
            policy,
            attestation_policy,
            budget,
            categories,
            members,
            needs,
            attestations,
            funds,
            policy_changes,
            accepts,
            governance,
            proposals,
            fees,
            origin,
        };
        Ok((plan, actions))
    }

    /// The holon's header: its name, token (symbol, decimals, name) and cycle length.
    fn check_header(&self, prefix: &str, h: &RawHolon) -> Result<Header, Diag> {
        let name = h.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(self.err(
                range(&h.name),
                &format!("{}name", if prefix.is_empty() { "holon." } else { prefix }),
                "the holon needs a name",
            ));
        }
        let hp = if prefix.is_empty() { "holon." } else { prefix };
        let symbol = match h.token.as_ref().and_then(|t| t.symbol.as_ref()) {
            Some(s) => s.get_ref().clone(),
            None => "FLOW".into(),
        };
        let decimals = match h.token.as_ref().and_then(|t| t.decimals.as_ref()) {
            Some(d) if *d.get_ref() > 18 => {
                return Err(self.err(
                    range(d),
                    &format!("{hp}token.decimals"),
                    "decimals must be 0 to 18",
                ))
            }
            Some(d) => *d.get_ref(),
            None => 6,
        };
        let token_name = h
            .token
            .as_ref()
            .and_then(|t| t.name.clone())
            .unwrap_or_else(|| format!("{name} Flow"));
        let cycle_seconds = match &h.cycle_seconds {
            Some(c) if *c.get_ref() == 0 => {
                return Err(self.err(
                    range(c),
                    &format!("{hp}cycle_seconds"),
                    "cycle_seconds must be positive",
                ))
            }
            Some(c) => *c.get_ref(),
            None => 2_592_000,
        };
        let slug = match &h.slug {
            None => slugify(&name),
            Some(s) => {
                let v = s.get_ref();
                let ok = !v.is_empty()
                    && v.len() <= 64
                    && v.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
                    && !v.starts_with('-');
                if !ok {
                    return Err(self.err(
                        range(s),
                        &format!("{hp}slug"),
                        format!("a slug names the deployment file: 1 to 64 characters a-z, 0-9, '-' or '_', not starting with '-', got {v:?}"),
                    ));
                }
                v.clone()
            }
        };
        let cycle_start = match &h.cycle_start {
            None => None,
            Some(c) => {
                let v = c.get_ref().trim();
                if let Err(e) = cosmrs::tendermint::Time::parse_from_rfc3339(v) {
                    return Err(self.err(
                        range(c),
                        &format!("{hp}cycle_start"),
                        format!("cycle_start must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\", got {v:?} ({e})"),
                    ));
                }
                Some(v.to_string())
            }
        };
        let posting = match h.posting.as_ref().map(|p| *p.get_ref()) {
            None | Some(RawPosting::Members) => PostingRule::Members,
            Some(RawPosting::Stewards) => PostingRule::Stewards,
        };
        let max_requesters_per_need = match &h.max_requesters_per_need {
            None => None,
            Some(m) => {
                let v = *m.get_ref();
                if v == 0 || v > u64::from(MAX_REQUESTERS_PER_NEED) {
                    return Err(self.err(
                        range(m),
                        &format!("{hp}max_requesters_per_need"),
                        format!("max_requesters_per_need must be 1 to {MAX_REQUESTERS_PER_NEED}, got {v}"),
                    ));
                }
                Some(v as u32)
            }
        };
        let commons_confirm_window_seconds = match &h.commons_confirm_window_seconds {
            None => DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS,
            Some(w) => {
                let v = *w.get_ref();
                if v == 0 || v > MAX_CONFIRM_WINDOW_SECONDS {
                    return Err(self.err(
                        range(w),
                        &format!("{hp}commons_confirm_window_seconds"),
                        format!("commons_confirm_window_seconds must be 1 to {MAX_CONFIRM_WINDOW_SECONDS} (90 days), got {v}"),
                    ));
                }
                v
            }
        };
        Ok(Header {
            name,
            slug,
            token_name,
            symbol,
            decimals,
            cycle_seconds,
            cycle_start,
            posting,
            max_requesters_per_need,
            commons_confirm_window_seconds,
        })
    }

    /// `[[categories]]`: unique slugs, their impact, need factor and unit credit in bounds.
    fn check_categories(
        &self,
        prefix: &str,
        h: &RawHolon,
    ) -> Result<(Vec<Category>, HashSet<String>), Diag> {
        let mut categories = vec![];
        let mut cat_ids: HashSet<String> = HashSet::new();
        for (i, c) in h.categories.iter().enumerate() {
            let f = format!("{prefix}categories[{i}]");
            let r = c.get_ref();
            let id = r.id.get_ref().clone();
            if flow_types::validate::slug("id", &id, flow_types::registry::MAX_SLUG_LEN).is_err() {
                return Err(self.err(
                    range(&r.id),
                    &format!("{f}.id"),
                    format!("a category id is a slug of 1 to 32 characters a-z, 0-9, '-' or '_', got {id:?}"),
                ));
            }
            if !cat_ids.insert(id.clone()) {
                return Err(self.err(
                    range(&r.id),
                    &format!("{f}.id"),
                    format!("category {id:?} is defined twice"),
                ));
            }
            categories.push(Category {
                label: r.label.clone().unwrap_or_else(|| id.clone()),
                impact: self
                    .bounded(&r.impact, &format!("{f}.impact"), MAX_IMPACT)?
                    .unwrap_or(Decimal::one()),
                capacity_building: r.capacity_building.unwrap_or(false),
                need_factor: self
                    .bounded(&r.need_factor, &format!("{f}.need_factor"), MAX_FACTOR)?
                    .unwrap_or(Decimal::one()),
                unit_credit: self
                    .bounded(&r.unit_credit, &format!("{f}.unit_credit"), MAX_FACTOR)?
                    .unwrap_or(Decimal::zero()),
                id,
            });
        }
        Ok((categories, cat_ids))
    }

    /// `[[members]]`: at least one, each name a usable account listed once.
    fn check_members(
        &self,
        prefix: &str,
        h: &RawHolon,
        span: &Range<usize>,
    ) -> Result<MembersRead, Diag> {
        let mut members = vec![];
        let mut member_set: HashSet<String> = HashSet::new();
        let mut weights = BTreeMap::new();
        for (i, m) in h.members.iter().enumerate() {
            let f = format!("{prefix}members[{i}].name");
            let n = self.account(&m.get_ref().name, &f)?;
            self.address_if_one(&m.get_ref().name, &f)?;
            if !member_set.insert(n.clone()) {
                return Err(self.err(
                    range(&m.get_ref().name),
                    &f,
                    format!("member {n:?} is listed twice"),
                ));
            }
            if let Some(w) = &m.get_ref().weight {
                if *w.get_ref() == 0 {
                    return Err(self.err(
                        range(w),
                        &format!("{prefix}members[{i}].weight"),
                        "a member's weight in the group is at least 1 (weight 0 is no member)",
                    ));
                }
                weights.insert(n.clone(), *w.get_ref());
            }
            members.push(n);
        }
        if members.is_empty() {
            return Err(self.err(
                span.clone(),
                &format!("{prefix}members"),
                "the holon has no [[members]]",
            ));
        }
        Ok((members, member_set, weights))
    }

    /// A name written as a bech32 address must be a valid one (its checksum).
    fn address_if_one(&self, name: &S<String>, field: &str) -> Result<(), Diag> {
        let n = name.get_ref();
        if looks_like_address(n) {
            if let Err(e) = cosmrs::AccountId::from_str(n) {
                return Err(self.err(
                    range(name),
                    field,
                    format!(
                        "{n:?} is written as an address but is not a valid bech32 address ({e})"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// `[budget]`: a fixed emission, or a treasury with its initial fund (if any).
    fn check_budget(
        &self,
        prefix: &str,
        h: &RawHolon,
        span: &Range<usize>,
    ) -> Result<(BudgetMode, Vec<FundPlan>), Diag> {
        let Some(b) = &h.budget else {
            return Err(self.err(
                span.clone(),
                &format!("{prefix}budget"),
                "missing the [budget] section (mode = \"treasury\" or \"fixed\")",
            ));
        };
        let bf = format!("{prefix}budget");
        match b.get_ref().mode {
            RawBudgetMode::Fixed => Ok((self.fixed_budget(&bf, b)?, vec![])),
            RawBudgetMode::Treasury => self.treasury_budget(&bf, b.get_ref()),
        }
    }

    /// `mode = "fixed"`: an emission per cycle, and no treasury (no fund, no denom).
    fn fixed_budget(&self, bf: &str, b: &S<RawBudget>) -> Result<BudgetMode, Diag> {
        let r = b.get_ref();
        if let Some(x) = r.fund.as_ref() {
            return Err(self.err(
                range(x),
                &format!("{bf}.fund"),
                "a fixed budget has no treasury to fund: use emission",
            ));
        }
        if let Some(x) = r.denom.as_ref() {
            return Err(self.err(
                range(x),
                &format!("{bf}.denom"),
                "a fixed budget has no treasury denom",
            ));
        }
        let Some(e) = r.emission.as_ref() else {
            return Err(self.err(
                b.span(),
                &format!("{bf}.emission"),
                "mode = \"fixed\" needs emission (base units per cycle)",
            ));
        };
        Ok(BudgetMode::Fixed {
            emission: Uint128::new(self.positive_amount(e, &format!("{bf}.emission"))?),
        })
    }

    /// `mode = "treasury"`: its denom, and `fund` as the first fund (in cycle 1).
    fn treasury_budget(
        &self,
        bf: &str,
        r: &RawBudget,
    ) -> Result<(BudgetMode, Vec<FundPlan>), Diag> {
        if let Some(x) = r.emission.as_ref() {
            return Err(self.err(
                range(x),
                &format!("{bf}.emission"),
                "emission belongs to mode = \"fixed\"; a treasury is funded",
            ));
        }
        let denom = r
            .denom
            .as_ref()
            .map_or(DEFAULT_DENOM.to_string(), |d| d.get_ref().clone());
        let mut funds = vec![];
        if let Some(fund) = &r.fund {
            let amount = self.amount(fund, &format!("{bf}.fund"))?;
            if amount > 0 {
                funds.push(FundPlan {
                    from: FUNDER.into(),
                    amount,
                    memo: Some("initial treasury".into()),
                    cycle: 1,
                    origin: self.origin(
                        fund,
                        format!("{bf}.fund"),
                        format!("fund the treasury with {amount} {denom}"),
                    ),
                });
            }
        }
        Ok((BudgetMode::Treasury { denom }, funds))
    }

    /// `[[funds]]`: more funding of a treasury, by the funder or a named account.
    fn check_funds(
        &self,
        prefix: &str,
        h: &RawHolon,
        budget: &BudgetMode,
    ) -> Result<Vec<FundPlan>, Diag> {
        let mut funds = vec![];
        for (i, f) in h.funds.iter().enumerate() {
            let e = format!("{prefix}funds[{i}]");
            let r = f.get_ref();
            if matches!(budget, BudgetMode::Fixed { .. }) {
                return Err(self.err(f.span(), &e, "a fixed budget has no treasury to fund"));
            }
            let amount = self.positive_amount(&r.amount, &format!("{e}.amount"))?;
            let from = match &r.from {
                Some(n) => self.account(n, &format!("{e}.from"))?,
                None => FUNDER.into(),
            };
            let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
            let origin = self.origin(f, e, format!("{from} funds the treasury with {amount}"));
            funds.push(FundPlan {
                from,
                amount,
                memo: r.memo.clone(),
                cycle,
                origin,
            });
        }
        Ok(funds)
    }

    /// `[[needs]]`, each defined once; with the cycle each need is posted in, by id.
    fn check_needs(
        &self,
        prefix: &str,
        h: &RawHolon,
        cat_ids: &HashSet<String>,
        member_set: &HashSet<String>,
    ) -> Result<(Vec<NeedPlan>, HashMap<String, u64>), Diag> {
        let mut needs: Vec<NeedPlan> = vec![];
        let mut need_cycle: HashMap<String, u64> = HashMap::new();
        for (i, n) in h.needs.iter().enumerate() {
            let e = format!("{prefix}needs[{i}]");
            let need = self.check_need(e, n, cat_ids, member_set, &need_cycle)?;
            need_cycle.insert(need.key.clone(), need.cycle);
            needs.push(need);
        }
        Ok((needs, need_cycle))
    }

    /// One `[[needs]]` entry: a new id, a defined category, members who post, endorse, offer.
    fn check_need(
        &self,
        e: String,
        n: &S<RawNeed>,
        cat_ids: &HashSet<String>,
        member_set: &HashSet<String>,
        need_cycle: &HashMap<String, u64>,
    ) -> Result<NeedPlan, Diag> {
        let r = n.get_ref();
        let key = r.id.get_ref().clone();
        if need_cycle.contains_key(&key) {
            return Err(self.err(
                range(&r.id),
                &format!("{e}.id"),
                format!("need {key:?} is defined twice"),
            ));
        }
        let category = r.category.get_ref().clone();
        if !cat_ids.contains(&category) {
            return Err(self.err(
                range(&r.category),
                &format!("{e}.category"),
                format!("need {key:?} is in category {category:?}, which is not defined in [[categories]] (categories: {})", names_list(cat_ids, usize::MAX)),
            ));
        }
        let posted_by = r
            .posted_by
            .as_ref()
            .map(|p| self.member(p, member_set, &format!("{e}.posted_by")))
            .transpose()?;
        let endorsed_by = self.member_list(
            &r.endorsed_by,
            &format!("{e}.endorsed_by"),
            member_set,
            |name| format!("{name} endorses need {key}"),
        )?;
        let offered_by = self.member_list(
            &r.offered_by,
            &format!("{e}.offered_by"),
            member_set,
            |name| format!("{name} offers toward need {key}"),
        )?;
        let quantity = self
            .dec_opt(&r.quantity, &format!("{e}.quantity"))?
            .unwrap_or(Decimal::one());
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let poster = posted_by.clone().unwrap_or_else(|| "governance".into());
        Ok(NeedPlan {
            title: r.title.clone().unwrap_or_else(|| key.clone()),
            description: r.description.clone().unwrap_or_default(),
            unit: r.unit.clone().unwrap_or_else(|| "hours".into()),
            quantity,
            period: match r.period.unwrap_or(RawPeriod::Weekly) {
                RawPeriod::Once => Period::Once,
                RawPeriod::Weekly => Period::Weekly,
                RawPeriod::Monthly => Period::Monthly,
            },
            posted_by,
            endorsed_by,
            offered_by,
            impact: self.bounded(&r.impact, &format!("{e}.impact"), MAX_IMPACT)?,
            unit_credit: self.bounded(&r.unit_credit, &format!("{e}.unit_credit"), MAX_FACTOR)?,
            capacity_building: r.capacity_building,
            cycle,
            origin: self.origin(n, e, format!("{poster} posts need {key} ({category})")),
            category,
            key,
        })
    }

    /// Members named in a list (`endorsed_by`, `cosigned_by` ...), each with its origin.
    fn member_list(
        &self,
        list: &[S<String>],
        field: &str,
        member_set: &HashSet<String>,
        what: impl Fn(&str) -> String,
    ) -> Result<Vec<(String, Origin)>, Diag> {
        let mut named = vec![];
        for (j, m) in list.iter().enumerate() {
            let f = format!("{field}[{j}]");
            let name = self.member(m, member_set, &f)?;
            let origin = self.origin(m, f, what(&name));
            named.push((name, origin));
        }
        Ok(named)
    }

    /// `[[attestations]]`, each toward a need defined in `need_cycle`.
    fn check_attestations(
        &self,
        prefix: &str,
        h: &RawHolon,
        member_set: &HashSet<String>,
        need_cycle: &HashMap<String, u64>,
        challenge_seconds: u64,
    ) -> Result<Vec<AttestationPlan>, Diag> {
        h.attestations
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let e = format!("{prefix}attestations[{i}]");
                self.check_attestation(e, a, member_set, need_cycle, challenge_seconds)
            })
            .collect()
    }

    /// One `[[attestations]]` entry: member and need, amounts, cycles, co-signs, dispute.
    fn check_attestation(
        &self,
        e: String,
        a: &S<RawAttestation>,
        member_set: &HashSet<String>,
        need_cycle: &HashMap<String, u64>,
        challenge_seconds: u64,
    ) -> Result<AttestationPlan, Diag> {
        let r = a.get_ref();
        let member = self.member(&r.member, member_set, &format!("{e}.member"))?;
        let need = r.need.get_ref().clone();
        let Some(posted) = need_cycle.get(&need) else {
            return Err(self.err(
                range(&r.need),
                &format!("{e}.need"),
                format!("no need {need:?} is defined in [[needs]]"),
            ));
        };
        let (hours, units) = self.attestation_amounts(&e, a)?;
        let buddy = r
            .buddy
            .as_ref()
            .map(|b| self.member(b, member_set, &format!("{e}.buddy")))
            .transpose()?;
        let (cycle, cosign_cycle) = self.attestation_cycles(&e, a, &need, *posted)?;
        let cosigned_by = self.member_list(
            &r.cosigned_by,
            &format!("{e}.cosigned_by"),
            member_set,
            |name| format!("{name} co-signs {member}'s attestation"),
        )?;
        let dispute = self.check_dispute(&e, r, &member, member_set, challenge_seconds)?;
        let what = if units.is_zero() {
            format!("{member}: {hours} h toward {need}")
        } else {
            format!("{member}: {hours} h, {units} units toward {need}")
        };
        Ok(AttestationPlan {
            description: r
                .description
                .clone()
                .unwrap_or_else(|| format!("{member}: {need}")),
            evidence: r.evidence.clone(),
            member,
            need,
            hours,
            units,
            buddy,
            cosigned_by,
            cycle,
            cosign_cycle,
            dispute,
            origin: self.origin(a, e, what),
        })
    }

    /// An attestation's hours and units: not both zero.
    fn attestation_amounts(
        &self,
        e: &str,
        a: &S<RawAttestation>,
    ) -> Result<(Decimal, Decimal), Diag> {
        let r = a.get_ref();
        let hours = self
            .dec_opt(&r.hours, &format!("{e}.hours"))?
            .unwrap_or_default();
        let units = self
            .dec_opt(&r.units, &format!("{e}.units"))?
            .unwrap_or_default();
        if hours.is_zero() && units.is_zero() {
            let span = r.hours.as_ref().map_or(a.span(), |h| h.span());
            return Err(self.err(
                span,
                &format!("{e}.hours"),
                "an attestation needs hours or units (both are zero or missing)",
            ));
        }
        Ok((hours, units))
    }

    /// An attestation's cycle (not before its need's) and its co-signs' cycle (not before it).
    fn attestation_cycles(
        &self,
        e: &str,
        a: &S<RawAttestation>,
        need: &str,
        posted: u64,
    ) -> Result<(u64, u64), Diag> {
        let r = a.get_ref();
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        if posted > cycle {
            return Err(self.err(
                r.cycle.as_ref().map_or(a.span(), |c| c.span()),
                &format!("{e}.cycle"),
                format!("need {need:?} is posted in cycle {posted}, after this attestation's cycle {cycle}"),
            ));
        }
        let cosign_cycle = match &r.cosign_cycle {
            None => cycle,
            Some(c) if *c.get_ref() < cycle => {
                return Err(self.err(
                    range(c),
                    &format!("{e}.cosign_cycle"),
                    format!("co-signs come after the attestation, in cycle {cycle} or later"),
                ));
            }
            Some(c) => *c.get_ref(),
        };
        Ok((cycle, cosign_cycle))
    }

    /// An attestation's dispute, if any: a member disputes it in a challenge window, resolved.
    fn check_dispute(
        &self,
        e: &str,
        r: &RawAttestation,
        member: &str,
        member_set: &HashSet<String>,
        challenge_seconds: u64,
    ) -> Result<Option<(String, Resolution, Origin)>, Diag> {
        match (&r.disputed_by, &r.resolution) {
            (None, None) => Ok(None),
            (None, Some(res)) => Err(self.err(
                range(res),
                &format!("{e}.resolution"),
                "a resolution needs disputed_by",
            )),
            (Some(d), res) => {
                let f = format!("{e}.disputed_by");
                let by = self.member(d, member_set, &f)?;
                if challenge_seconds == 0 {
                    return Err(self.err(
                        range(d),
                        &f,
                        "no challenge window to dispute in: set challenge_seconds in [policy] (with 0 the co-sign records the contribution at once)",
                    ));
                }
                let Some(res) = res else {
                    return Err(self.err(
                        range(d),
                        &format!("{e}.resolution"),
                        "a disputed attestation needs resolution = \"reject\" or \"accept\"",
                    ));
                };
                let resolution = match res.get_ref() {
                    RawResolution::Reject => Resolution::Reject,
                    RawResolution::Accept => Resolution::Accept,
                };
                Ok(Some((
                    by.clone(),
                    resolution,
                    self.origin(d, f, format!("{by} disputes {member}'s attestation")),
                )))
            }
        }
    }

    /// `[[policy_changes]]`: each over the policy in force before it, sorted by cycle.
    fn check_policy_changes(
        &self,
        prefix: &str,
        h: &RawHolon,
        policy: &Policy,
        attestation_policy: &AttestationPolicy,
        cat_ids: &HashSet<String>,
    ) -> Result<Vec<PolicyChangePlan>, Diag> {
        let mut policy_changes = vec![];
        let (mut cur, mut cur_att) = (policy.clone(), attestation_policy.clone());
        for (i, c) in h.policy_changes.iter().enumerate() {
            let e = format!("{prefix}policy_changes[{i}]");
            let r = c.get_ref();
            let cycle = *r.cycle.get_ref();
            if cycle == 0 {
                return Err(self.err(
                    range(&r.cycle),
                    &format!("{e}.cycle"),
                    "cycles are numbered from 1",
                ));
            }
            let (p, a) = self.policy(&r.policy(), &format!("{e}."), &cur, &cur_att, cat_ids)?;
            let att_changed = a != cur_att;
            policy_changes.push(PolicyChangePlan {
                cycle,
                policy: p.clone(),
                attestation_policy: att_changed.then(|| a.clone()),
                origin: self.origin(
                    c,
                    e,
                    format!(
                        "governance sets a new policy in cycle {cycle}, applying from cycle {}",
                        cycle + 1
                    ),
                ),
            });
            cur = p;
            cur_att = a;
        }
        policy_changes.sort_by_key(|c| c.cycle);
        Ok(policy_changes)
    }

    /// `[[accepts]]`: other holons whose tokens this one takes, at a positive rate.
    fn check_accepts(
        &self,
        index: usize,
        prefix: &str,
        h: &RawHolon,
        name: &str,
        keys: &[String],
    ) -> Result<Vec<AcceptPlan>, Diag> {
        h.accepts
            .iter()
            .enumerate()
            .map(|(i, a)| self.accept(index, format!("{prefix}accepts[{i}]"), a, name, keys))
            .collect()
    }

    /// One acceptance of another holon's token (an `[[accepts]]` entry or a proposal's).
    fn accept(
        &self,
        index: usize,
        e: String,
        a: &S<RawAccept>,
        name: &str,
        keys: &[String],
    ) -> Result<AcceptPlan, Diag> {
        let r = a.get_ref();
        let other = self.holon_index(keys, &r.holon, &format!("{e}.holon"))?;
        if other == index {
            return Err(self.err(
                range(&r.holon),
                &format!("{e}.holon"),
                "a holon cannot accept its own token",
            ));
        }
        let rate = self.dec(&r.rate, &format!("{e}.rate"))?;
        if rate.is_zero() {
            return Err(self.err(
                range(&r.rate),
                &format!("{e}.rate"),
                "rate must be greater than zero",
            ));
        }
        Ok(AcceptPlan {
            holon: other,
            rate,
            credit_limit: self.amount(&r.credit_limit, &format!("{e}.credit_limit"))?,
            origin: self.origin(
                a,
                e,
                format!(
                    "{name} accepts {}'s token at rate {rate}",
                    r.holon.get_ref()
                ),
            ),
        })
    }

    /// `[holon.governance.members]`: the members' multisig and its rules, as the deploy
    /// helper's holon files write them (threshold over 0.5 and at most 1, quorum over 0 and
    /// at most 1, a voting period of at least a second).
    /// `[fees]`: who pays (`"deployer"`, the default: the funding key; or an account of the
    /// scenario that is no member), the period, the limit per member and period, the expiry.
    fn check_fees(
        &self,
        prefix: &str,
        h: &RawHolon,
        members: &HashSet<String>,
    ) -> Result<Option<FeesPlan>, Diag> {
        let Some(f) = &h.fees else { return Ok(None) };
        let fp = format!("{prefix}fees");
        let r = f.get_ref();
        let granter = match &r.granter {
            None => Granter::Deployer,
            Some(g) if g.get_ref() == "deployer" => Granter::Deployer,
            Some(g) => {
                let field = format!("{fp}.granter");
                let name = self.account(g, &field)?;
                if members.contains(&name) {
                    return Err(self.err(
                        range(g),
                        &field,
                        format!("{name:?} is a member: the granter pays the members' fees, so it is \"deployer\" (the funding key) or an account that is no member"),
                    ));
                }
                Granter::Account(name)
            }
        };
        let days = |v: &Option<S<u64>>, key: &str, default: u64| -> Result<u64, Diag> {
            match v {
                None => Ok(default),
                Some(d) if *d.get_ref() == 0 || *d.get_ref() > 36_500 => Err(self.err(
                    range(d),
                    &format!("{fp}.{key}"),
                    format!(
                        "{key} must be a whole number of days from 1 to 36500, got {}",
                        d.get_ref()
                    ),
                )),
                Some(d) => Ok(*d.get_ref()),
            }
        };
        let period_days = days(&r.period_days, "period_days", 30)?;
        let expiry_days = days(&r.expiry_days, "expiry_days", 365)?;
        if expiry_days < period_days {
            let span = r.expiry_days.as_ref().map_or(f.span(), range);
            return Err(self.err(
                span,
                &format!("{fp}.expiry_days"),
                format!("expiry_days ({expiry_days}) must be at least period_days ({period_days})"),
            ));
        }
        let spend_limit = match &r.spend_limit {
            None => None,
            Some(s) => Some(parse_coin(s.get_ref()).map_err(|e| {
                self.err(
                    range(s),
                    &format!("{fp}.spend_limit"),
                    format!("spend_limit {e}"),
                )
            })?),
        };
        Ok(Some(FeesPlan {
            granter,
            period_seconds: period_days * 86_400,
            expiry_seconds: expiry_days * 86_400,
            spend_limit,
            origin: self.origin(f, fp.clone(), "grant the members' fee allowances".into()),
        }))
    }

    /// The holon's governance: the members' rules (`[governance.members]`), or the account
    /// `governance = "NAME or ADDRESS"` names (None for the simulator's own `governance`).
    fn check_governance(
        &self,
        prefix: &str,
        h: &RawHolon,
        span: &Range<usize>,
    ) -> Result<(Option<MembersRule>, Option<String>), Diag> {
        let Some(g) = &h.governance else {
            return Ok((None, None));
        };
        let gp = format!(
            "{}governance",
            if prefix.is_empty() { "holon." } else { prefix }
        );
        let g = match g {
            RawGovernance::Rules(g) => g,
            RawGovernance::Account(name) => {
                let at = self.governance_span(span).unwrap_or_else(|| range(&h.name));
                let spanned = S::new(at, name.trim().to_string());
                if spanned.get_ref() == "governance" {
                    return Ok((None, None));
                }
                let n = self.account(&spanned, &gp)?;
                self.address_if_one(&spanned, &gp)?;
                return Ok((None, Some(n)));
            }
        };
        let Some(m) = &g.members else {
            return Err(self.err(
                range(&h.name),
                &format!("{gp}.members"),
                format!("governance by the members is written [{gp}.members] (threshold, quorum, voting_period_seconds); without [{gp}] one wallet governs"),
            ));
        };
        let mp = format!("{gp}.members");
        let r = m.get_ref();
        let share = |v: &Option<S<Num>>, key: &str, default: &str, above_half: bool| {
            let field = format!("{mp}.{key}");
            let Some(v) = v else {
                return Ok(Decimal::from_str(default).expect("a default share"));
            };
            let d = self.dec(v, &field)?;
            let low = if above_half {
                Decimal::percent(50)
            } else {
                Decimal::zero()
            };
            if d <= low || d > Decimal::one() {
                let what = if above_half {
                    "a share of the votes"
                } else {
                    "a share of the group's weight"
                };
                return Err(self.err(
                    range(v),
                    &field,
                    format!("{key} must be over {low} and at most 1 ({what}), got {d}"),
                ));
            }
            Ok(d)
        };
        let threshold = share(&r.threshold, "threshold", "0.51", true)?;
        let quorum = share(&r.quorum, "quorum", "0.5", false)?;
        let voting_period_seconds = match &r.voting_period_seconds {
            None => 604_800,
            Some(v) if *v.get_ref() == 0 => {
                return Err(self.err(
                    range(v),
                    &format!("{mp}.voting_period_seconds"),
                    "voting_period_seconds must be positive",
                ))
            }
            Some(v) => *v.get_ref(),
        };
        Ok((
            Some(MembersRule {
                threshold,
                quorum,
                voting_period_seconds,
            }),
            None,
        ))
    }

    /// Where `governance = "..."` is written in the holon's text (its value), which the
    /// parsed field cannot carry (see `RawHeader::governance`).
    fn governance_span(&self, within: &Range<usize>) -> Option<Range<usize>> {
        let text = self.src.get(within.clone())?;
        let mut at = within.start;
        for line in text.split_inclusive('\n') {
            let lead = line.len() - line.trim_start().len();
            if let Some(rest) = line.trim_start().strip_prefix("governance") {
                if let Some(value) = rest.trim_start().strip_prefix('=') {
                    let value_at =
                        line.len() - value.len() + (value.len() - value.trim_start().len());
                    let v = value.trim();
                    let _ = lead;
                    return Some(at + value_at..at + value_at + v.len());
                }
            }
            at += line.len();
        }
        None
    }

    /// `posting = "stewards"`: the holon's governance posts every need (no `posted_by`).
    fn check_stewards_post(&self, prefix: &str, h: &RawHolon, name: &str) -> Result<(), Diag> {
        for (i, n) in h.needs.iter().enumerate() {
            let r = n.get_ref();
            if let Some(p) = &r.posted_by {
                let how = if matches!(h.governance, Some(RawGovernance::Rules(_))) {
                    "its members govern it, and scenario files do not write a proposal that posts a need yet"
                } else {
                    "leave out posted_by"
                };
                return Err(self.err(
                    range(p),
                    &format!("{prefix}needs[{i}].posted_by"),
                    format!("{name} has posting = \"stewards\": only its governance posts needs ({how})"),
                ));
            }
        }
        Ok(())
    }

    /// In a holon its members govern, no wallet acts as steward: what the scenario would
    /// have the `governance` account do is a member's proposal instead (or is refused).
    fn check_governed(&self, prefix: &str, h: &RawHolon, name: &str) -> Result<(), Diag> {
        let governed = format!("{name} is governed by its members");
        if let Some(c) = h.policy_changes.first() {
            return Err(self.err(
                c.span(),
                &format!("{prefix}policy_changes[0]"),
                format!("{governed}: a policy change is a proposal ([[proposals]] with policy = {{ ... }})"),
            ));
        }
        for (i, n) in h.needs.iter().enumerate() {
            let r = n.get_ref();
            let e = format!("{prefix}needs[{i}]");
            if r.posted_by.is_none() {
                return Err(self.err(
                    range(&r.id),
                    &format!("{e}.posted_by"),
                    format!("{governed}: a member posts the need (posted_by)"),
                ));
            }
            let factor = [
                r.impact.as_ref().map(|x| ("impact", x.span())),
                r.unit_credit.as_ref().map(|x| ("unit_credit", x.span())),
            ]
            .into_iter()
            .flatten()
            .next()
            .or(r.capacity_building.map(|_| ("capacity_building", n.span())));
            if let Some((key, span)) = factor {
                return Err(self.err(
                    span,
                    &format!("{e}.{key}"),
                    format!("{governed}: the stewards' factors of a need are a proposal ([[proposals]] with need_factors = {{ need = {:?}, ... }})", r.id.get_ref()),
                ));
            }
        }
        for (i, a) in h.attestations.iter().enumerate() {
            if let Some(res) = &a.get_ref().resolution {
                return Err(self.err(
                    range(res),
                    &format!("{prefix}attestations[{i}].resolution"),
                    format!("{governed}: resolving a dispute would be a proposal, which scenario files do not write yet"),
                ));
            }
        }
        if let Some(a) = h.accepts.first() {
            return Err(self.err(
                a.span(),
                &format!("{prefix}accepts[0]"),
                format!("{governed}: accepting a holon is a proposal ([[holons.proposals]] with accept = {{ holon, rate, credit_limit }})"),
            ));
        }
        Ok(())
    }

    /// `[[proposals]]`: in a holon governed by its members, each by a member, with one steward
    /// action and the members' votes.
    fn check_proposals(
        &self,
        index: usize,
        prefix: &str,
        h: &RawHolon,
        governed: bool,
        known: &Known,
    ) -> Result<Vec<ProposalPlan>, Diag> {
        let mut proposals = vec![];
        for (i, p) in h.proposals.iter().enumerate() {
            let e = format!("{prefix}proposals[{i}]");
            if !governed {
                let gp = if prefix.is_empty() { "holon." } else { prefix };
                return Err(self.err(
                    p.span(),
                    &e,
                    format!("proposals need a holon governed by its members: add [{gp}governance.members] (threshold, quorum, voting_period_seconds)"),
                ));
            }
            proposals.push(self.proposal(index, e, p, h, known)?);
        }
        Ok(proposals)
    }

    /// One `[[proposals]]` entry: its proposer, cycle, action, votes.
    fn proposal(
        &self,
        index: usize,
        e: String,
        p: &S<RawProposal>,
        h: &RawHolon,
        known: &Known,
    ) -> Result<ProposalPlan, Diag> {
        let r = p.get_ref();
        let proposer = self.member(&r.proposer, known.members, &format!("{e}.proposer"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let action = self.proposal_action(index, &e, p, h, cycle, known)?;
        let mut votes: Vec<(String, Vote, Origin)> = vec![];
        for (member, written) in &r.votes.0 {
            let field = format!("{e}.votes.{member}");
            let named = S::new(written.span(), member.clone());
            let member = self.member(&named, known.members, &field)?;
            if member == proposer {
                return Err(self.err(
                    written.span(),
                    &field,
                    format!("{member} proposes it, and proposing is a yes vote already"),
                ));
            }
            let vote = match written.get_ref() {
                RawVote::Yes => Vote::Yes,
                RawVote::No => Vote::No,
                RawVote::Abstain => Vote::Abstain,
                RawVote::Veto => Vote::Veto,
            };
            let what = format!(
                "{member} votes {} on {proposer}'s proposal",
                vote_word(vote)
            );
            votes.push((member, vote, self.origin(written, field, what)));
        }
        let what = format!("{proposer}'s proposal in cycle {cycle}");
        Ok(ProposalPlan {
            cycle,
            proposer,
            action,
            votes,
            execute: r.execute.unwrap_or(true),
            origin: self.origin(p, e, what),
        })
    }

    /// A proposal's one steward action.
    fn proposal_action(
        &self,
        index: usize,
        e: &str,
        p: &S<RawProposal>,
        h: &RawHolon,
        cycle: u64,
        known: &Known,
    ) -> Result<ProposalAction, Diag> {
        let r = p.get_ref();
        let given: Vec<(&str, Range<usize>)> = [
            r.policy.as_ref().map(|x| ("policy", x.span())),
            r.category.as_ref().map(|x| ("category", x.span())),
            r.need_factors.as_ref().map(|x| ("need_factors", x.span())),
            r.accept.as_ref().map(|x| ("accept", x.span())),
            r.settle.as_ref().map(|x| ("settle", x.span())),
        ]
        .into_iter()
        .flatten()
        .collect();
        match given.as_slice() {
            [] => {
                return Err(self.err(
                    p.span(),
                    e,
                    "a proposal needs one steward action: policy, category, need_factors, accept or settle",
                ))
            }
            [_] => {}
            [(first, _), (second, span), ..] => {
                return Err(self.err(
                    span.clone(),
                    &format!("{e}.{second}"),
                    format!("one steward action a proposal: {first} and {second} are two proposals"),
                ))
            }
        }
        if let Some(policy) = &r.policy {
            return self.policy_patch(e, policy, known.categories);
        }
        if let Some(c) = &r.category {
            return self.category_patch(e, c);
        }
        if let Some(f) = &r.need_factors {
            return self.need_factors(e, f, cycle, known.needs);
        }
        if let Some(a) = &r.accept {
            let name = h.name.get_ref();
            let plan = self.accept(index, format!("{e}.accept"), a, name, known.keys)?;
            return Ok(ProposalAction::Accept(plan));
        }
        let s = r.settle.as_ref().expect("one action is given");
        let f = format!("{e}.settle");
        let foreign =
            self.holon_index(known.keys, &s.get_ref().foreign, &format!("{f}.foreign"))?;
        if foreign == index {
            return Err(self.err(
                range(&s.get_ref().foreign),
                &format!("{f}.foreign"),
                "a holon settles another holon's tokens",
            ));
        }
        let amount = s
            .get_ref()
            .amount
            .as_ref()
            .map(|a| self.positive_amount(a, &format!("{f}.amount")))
            .transpose()?;
        Ok(ProposalAction::Settle { foreign, amount })
    }

    /// `policy = { ... }`: `[policy]`'s keys, checked as there; only those given change.
    fn policy_patch(
        &self,
        e: &str,
        policy: &S<RawPolicy>,
        categories: &HashSet<String>,
    ) -> Result<ProposalAction, Diag> {
        let raw = policy.get_ref();
        let prefix = format!("{e}.policy.");
        let (p, a) = self.policy(
            raw,
            &prefix,
            &Policy::default(),
            &AttestationPolicy::default(),
            categories,
        )?;
        let patch = PolicyPatch {
            model: raw.model.map(|_| p.model),
            reserve: raw.reserve.as_ref().map(|_| p.reserve),
            baseline: raw.baseline.as_ref().map(|_| p.baseline),
            capacity_bonus: raw.capacity_bonus.as_ref().map(|_| p.capacity_bonus),
            scarcity: raw.scarcity.as_ref().map(|_| p.scarcity.clone()),
            max_credit_per_member: raw
                .max_credit_per_member
                .as_ref()
                .and(p.max_credit_per_member),
            anyone_may_settle: raw.anyone_may_settle.map(|_| p.anyone_may_settle),
            cosigns_required: raw.cosigns_required.as_ref().map(|_| a.cosigns_required),
            challenge_seconds: raw.challenge_seconds.map(|_| a.challenge_seconds),
            max_hours_per_cycle: raw
                .max_hours_per_cycle
                .as_ref()
                .map(|_| a.max_hours_per_cycle),
            max_hours_per_attestation: raw
                .max_hours_per_attestation
                .as_ref()
                .map(|_| a.max_hours_per_attestation),
            max_cosigns_per_pair_per_cycle: raw
                .max_cosigns_per_pair_per_cycle
                .map(|_| a.max_cosigns_per_pair_per_cycle),
            pending_expiry_seconds: raw.pending_expiry_seconds.map(|_| a.pending_expiry_seconds),
        };
        if patch == PolicyPatch::default() {
            return Err(self.err(
                policy.span(),
                &format!("{e}.policy"),
                "the policy proposed changes nothing: give one of [policy]'s keys",
            ));
        }
        Ok(ProposalAction::Policy(patch))
    }

    /// `category = { id, ... }`: `[[categories]]`' keys, checked as there.
    fn category_patch(&self, e: &str, c: &S<RawCategory>) -> Result<ProposalAction, Diag> {
        let f = format!("{e}.category");
        let r = c.get_ref();
        let id = r.id.get_ref().clone();
        if flow_types::validate::slug("id", &id, flow_types::registry::MAX_SLUG_LEN).is_err() {
            return Err(self.err(
                range(&r.id),
                &format!("{f}.id"),
                format!("a category id is a slug of 1 to 32 characters a-z, 0-9, '-' or '_', got {id:?}"),
            ));
        }
        let patch = CategoryPatch {
            label: r.label.clone(),
            impact: self.bounded(&r.impact, &format!("{f}.impact"), MAX_IMPACT)?,
            capacity_building: r.capacity_building,
            unit_credit: self.bounded(&r.unit_credit, &format!("{f}.unit_credit"), MAX_FACTOR)?,
            need_factor: self.bounded(&r.need_factor, &format!("{f}.need_factor"), MAX_FACTOR)?,
            id,
        };
        Ok(ProposalAction::Category(patch))
    }

    /// `need_factors = { need, impact, unit_credit, capacity_building }`: a need posted by
    /// then, and at least one factor.
    fn need_factors(
        &self,
        e: &str,
        n: &S<RawNeedFactors>,
        cycle: u64,
        needs: &HashMap<String, u64>,
    ) -> Result<ProposalAction, Diag> {
        let f = format!("{e}.need_factors");
        let r = n.get_ref();
        let need = r.need.get_ref().clone();
        match needs.get(&need) {
            None => {
                return Err(self.err(
                    range(&r.need),
                    &format!("{f}.need"),
                    format!("no need {need:?} is defined in [[needs]]"),
                ))
            }
            Some(posted) if *posted > cycle => {
                return Err(self.err(
                    range(&r.need),
                    &format!("{f}.need"),
                    format!("need {need:?} is posted in cycle {posted}, after this proposal's cycle {cycle}"),
                ))
            }
            Some(_) => {}
        }
        let impact = self.bounded(&r.impact, &format!("{f}.impact"), MAX_IMPACT)?;
        let unit_credit = self.bounded(&r.unit_credit, &format!("{f}.unit_credit"), MAX_FACTOR)?;
        if impact.is_none() && unit_credit.is_none() && r.capacity_building.is_none() {
            return Err(self.err(
                n.span(),
                &f,
                "the proposal changes no factor: give impact, unit_credit or capacity_building",
            ));
        }
        Ok(ProposalAction::NeedFactors {
            need,
            impact,
            unit_credit,
            capacity_building: r.capacity_building,
        })
    }

    /// After the claims: gifts, gifts to the pool, redemptions, transfers, in that order.
    fn check_actions(
        &self,
        index: usize,
        prefix: &str,
        h: &RawHolon,
        member_set: &HashSet<String>,
        treasury: bool,
    ) -> Result<Vec<Later>, Diag> {
        let mut actions = vec![];
        for (i, g) in h.gifts.iter().enumerate() {
            let e = format!("{prefix}gifts[{i}]");
            actions.push(self.gift(index, e, g, member_set, treasury)?);
        }
        for (i, g) in h.gifts_to_pool.iter().enumerate() {
            let e = format!("{prefix}gifts_to_pool[{i}]");
            actions.push(self.pool_gift(index, e, g, member_set, treasury)?);
        }
        for (i, g) in h.redemptions.iter().enumerate() {
            let e = format!("{prefix}redemptions[{i}]");
            actions.push(self.redemption(index, e, g, treasury)?);
        }
        for (i, g) in h.transfers.iter().enumerate() {
            let e = format!("{prefix}transfers[{i}]");
            actions.push(self.transfer(index, e, g)?);
        }
        Ok(actions)
    }

    /// One `[[gifts]]` entry: to a member, or to the pool (with a treasury), not both.
    fn gift(
        &self,
        index: usize,
        e: String,
        g: &S<RawGift>,
        member_set: &HashSet<String>,
        treasury: bool,
    ) -> Result<Later, Diag> {
        let r = g.get_ref();
        let from = self.member(&r.from, member_set, &format!("{e}.from"))?;
        let amount = self.positive_amount(&r.amount, &format!("{e}.amount"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let (kind, what) = match (&r.to, r.to_pool) {
            (Some(to), false) => {
                let to = self.member(to, member_set, &format!("{e}.to"))?;
                let what = format!("{from} gives {amount} to {to}");
                let kind = ActionKind::Gift {
                    holon: index,
                    from,
                    to,
                    amount,
                };
                (kind, what)
            }
            (None, true) => {
                if !treasury {
                    return Err(self.err(
                        g.span(),
                        &format!("{e}.to_pool"),
                        "a gift to the pool needs a treasury budget",
                    ));
                }
                let what = format!("{from} gives {amount} back to the pool");
                let kind = ActionKind::GiftToPool {
                    holon: index,
                    from,
                    amount,
                };
                (kind, what)
            }
            (Some(to), true) => {
                return Err(self.err(
                    range(to),
                    &format!("{e}.to"),
                    "a gift goes to a member (to) or to the pool (to_pool = true), not both",
                ))
            }
            (None, false) => {
                return Err(self.err(
                    g.span(),
                    &format!("{e}.to"),
                    "a gift needs to = \"member\" or to_pool = true",
                ))
            }
        };
        Ok(self.later(g, e, cycle, kind, what))
    }

    /// One `[[gifts_to_pool]]` entry: tokens given back to a treasury's pool.
    fn pool_gift(
        &self,
        index: usize,
        e: String,
        g: &S<RawPoolGift>,
        member_set: &HashSet<String>,
        treasury: bool,
    ) -> Result<Later, Diag> {
        let r = g.get_ref();
        if !treasury {
            return Err(self.err(g.span(), &e, "a gift to the pool needs a treasury budget"));
        }
        let from = self.member(&r.from, member_set, &format!("{e}.from"))?;
        let amount = self.positive_amount(&r.amount, &format!("{e}.amount"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let what = format!("{from} gives {amount} back to the pool");
        let kind = ActionKind::GiftToPool {
            holon: index,
            from,
            amount,
        };
        Ok(self.later(g, e, cycle, kind, what))
    }

    /// One `[[redemptions]]` entry: tokens redeemed at the treasury, by any account.
    fn redemption(
        &self,
        index: usize,
        e: String,
        g: &S<RawRedemption>,
        treasury: bool,
    ) -> Result<Later, Diag> {
        let r = g.get_ref();
        if !treasury {
            return Err(self.err(g.span(), &e, "redemption needs a treasury budget"));
        }
        let member = self.account(&r.member, &format!("{e}.member"))?;
        let amount = self.positive_amount(&r.amount, &format!("{e}.amount"))?;
        let recipient = r
            .recipient
            .as_ref()
            .map(|x| self.account(x, &format!("{e}.recipient")))
            .transpose()?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let what = format!("{member} redeems {amount}");
        let kind = ActionKind::Redeem {
            holon: index,
            member,
            amount,
            recipient,
        };
        Ok(self.later(g, e, cycle, kind, what))
    }

    /// One `[[transfers]]` entry: a cw20 transfer between any two accounts.
    fn transfer(&self, index: usize, e: String, g: &S<RawTransfer>) -> Result<Later, Diag> {
        let r = g.get_ref();
        let from = self.account(&r.from, &format!("{e}.from"))?;
        let to = self.account(&r.to, &format!("{e}.to"))?;
        let amount = self.positive_amount(&r.amount, &format!("{e}.amount"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let what = format!("{from} transfers {amount} to {to}");
        let kind = ActionKind::Transfer {
            holon: index,
            from,
            to,
            amount,
        };
        Ok(self.later(g, e, cycle, kind, what))
    }
}

/// The first single-holon section of a file of `[[holons]]`, which has no place there.
/// `"23000stake"` → (23000, "stake"): a whole amount above zero and a denom (as the chain's
/// denoms: a letter, then letters, digits, `/`, `:`, `.`, `_`, `-`).
pub fn parse_coin(text: &str) -> Result<(u128, String), String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (amount, denom) = t.split_at(split);
    let denom_ok = denom.len() >= 2
        && denom.len() <= 128
        && denom.starts_with(|c: char| c.is_ascii_alphabetic())
        && denom
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/:._-".contains(c));
    if amount.is_empty() || !denom_ok {
        return Err(format!(
            "must be an amount and a denom such as \"23000stake\", got {text:?}"
        ));
    }
    let amount: u128 = amount
        .parse()
        .map_err(|_| format!("{amount:?} is too large"))?;
    if amount == 0 {
        return Err("must be more than zero".into());
    }
    Ok((amount, denom.to_string()))
}

fn stray_section(raw: &RawFile) -> Option<(&'static str, Range<usize>)> {
    if let Some(h) = &raw.holon {
        Some(("holon", h.span()))
    } else if let Some(p) = &raw.policy {
        Some(("policy", p.span()))
    } else if let Some(b) = &raw.budget {
        Some(("budget", b.span()))
    } else if let Some(f) = &raw.fees {
        Some(("fees", f.span()))
    } else {
        [
            raw.categories.first().map(|s| ("categories", s.span())),
            raw.members.first().map(|s| ("members", s.span())),
            raw.needs.first().map(|s| ("needs", s.span())),
            raw.attestations.first().map(|s| ("attestations", s.span())),
            raw.funds.first().map(|s| ("funds", s.span())),
            raw.gifts.first().map(|s| ("gifts", s.span())),
            raw.gifts_to_pool
                .first()
                .map(|s| ("gifts_to_pool", s.span())),
            raw.redemptions.first().map(|s| ("redemptions", s.span())),
            raw.transfers.first().map(|s| ("transfers", s.span())),
            raw.listings.first().map(|s| ("listings", s.span())),
            raw.bookings.first().map(|s| ("bookings", s.span())),
            raw.purchases.first().map(|s| ("purchases", s.span())),
            raw.policy_changes
                .first()
                .map(|s| ("policy_changes", s.span())),
            raw.proposals.first().map(|s| ("proposals", s.span())),
        ]
        .into_iter()
        .flatten()
        .next()
    }
}

/// The last cycle a holon's entries name (at least 1): funds, needs, attestations and their
/// co-signs, policy changes, proposals, and the actions after its claims.
fn last_cycle(h: &HolonPlan, actions: &[Later]) -> u64 {
    h.funds
        .iter()
        .map(|f| f.cycle)
        .chain(h.needs.iter().map(|n| n.cycle))
        .chain(
            h.attestations
                .iter()
                .flat_map(|a| [a.cycle, a.cosign_cycle]),
        )
        .chain(h.policy_changes.iter().map(|c| c.cycle))
        .chain(h.proposals.iter().map(|p| p.cycle))
        .chain(actions.iter().map(|(_, a)| a.cycle))
        .chain(actions.iter().map(|(_, a)| commons_cycle(h, a)))
        .fold(1, u64::max)
}

/// The cycle in which what a commons action leaves for later happens (a booking's release
/// at its start, its cancellation, an escrow released after its window): the replay runs
/// to it by default.
fn commons_cycle(h: &HolonPlan, a: &Action) -> u64 {
    let length = h.cycle_seconds.max(1);
    // Made after the claims of cycle k: an offset of s seconds lands in cycle k + 1 + s / length.
    let at = |offset: u64| a.cycle.saturating_add(1).saturating_add(offset / length);
    match &a.kind {
        ActionKind::Book {
            start_offset,
            cancel_offset,
            ..
        } => at(cancel_offset.unwrap_or(*start_offset)),
        ActionKind::Buy {
            after: AfterPurchase::Wait,
            ..
        } => at(h.commons_confirm_window_seconds),
        _ => a.cycle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[holon]
name = "H"
token = { symbol = "HFLOW" }

[budget]
mode = "treasury"
fund = "1000"

[[categories]]
id = "food"

[[members]]
name = "a"

[[members]]
name = "b"

[[needs]]
id = "bread"
category = "food"
posted_by = "a"
"#;

    fn err(extra: &str) -> Diag {
        parse("t.toml", &format!("{BASE}{extra}")).expect_err("should be refused")
    }

    #[test]
    fn a_minimal_scenario_reads_with_its_defaults() {
        let plan = parse("t.toml", BASE).unwrap();
        let h = &plan.holons[0];
        assert_eq!(
            (h.symbol.as_str(), h.decimals, h.cycle_seconds, plan.cycles),
            ("HFLOW", 6, 2_592_000, 1)
        );
        assert_eq!(h.policy, Policy::default());
        assert_eq!(h.funds.len(), 1);
        assert_eq!(
            (h.funds[0].from.as_str(), h.funds[0].amount),
            (FUNDER, 1000)
        );
        assert_eq!(h.needs[0].period, Period::Weekly);
    }

    #[test]
    fn numbers_may_be_toml_numbers_too() {
        let plan =
            parse("t.toml", &format!("{BASE}\n[[attestations]]\nmember = \"a\"\nneed = \"bread\"\nhours = 2.5\nunits = 3\n")).unwrap();
        let a = &plan.holons[0].attestations[0];
        assert_eq!(
            (a.hours.to_string(), a.units.to_string(), a.cycle),
            ("2.5".into(), "3".into(), 1)
        );
    }

    #[test]
    fn the_checker_names_the_field_of_each_mistake() {
        let cases = [
            ("\n[[members]]\nname = \"a\"\n", "members[2].name", "listed twice"),
            ("\n[[attestations]]\nmember = \"a\"\nneed = \"bread\"\nhours = \"1\"\ndisputed_by = \"b\"\nresolution = \"reject\"\n", "attestations[0].disputed_by", "challenge"),
            ("\n[[attestations]]\nmember = \"a\"\nneed = \"bread\"\n", "attestations[0].hours", "hours or units"),
            ("\n[[attestations]]\nmember = \"a\"\nneed = \"bread\"\nhours = \"1\"\ncycle = 0\n", "attestations[0].cycle", "from 1"),
            ("\n[[gifts]]\nfrom = \"a\"\nto = \"b\"\nto_pool = true\namount = \"1\"\n", "gifts[0].to", "not both"),
            ("\n[[gifts]]\nfrom = \"a\"\namount = \"1\"\n", "gifts[0].to", "to_pool"),
            ("\n[[transfers]]\nfrom = \"a\"\nto = \"b\"\namount = \"1.5\"\n", "transfers[0].amount", "whole number"),
            ("\n[[exchanges]]\nmember = \"a\"\nfrom = \"x\"\nto = \"y\"\namount = \"1\"\n", "exchanges", "two holons"),
            ("\n[[policy_changes]]\ncycle = 1\nscarcity = { mode = \"fixed\", factors = { rice = \"2\" } }\n", "policy_changes[0].scarcity.factors.rice", "no category"),
        ];
        for (extra, field, words) in cases {
            let d = err(extra);
            assert_eq!(d.field, field, "{extra}: {d}");
            assert!(d.message.contains(words), "{extra}: {d}");
            assert!(d.pos.is_some(), "{extra}: no line");
        }
    }

    #[test]
    fn fees_read_with_the_holon_files_defaults() {
        let plan = parse("t.toml", &format!("{BASE}\n[fees]\n")).unwrap();
        let f = plan.holons[0].fees.as_ref().unwrap();
        assert_eq!(f.granter, Granter::Deployer);
        assert_eq!(
            (f.period_seconds, f.expiry_seconds),
            (30 * 86_400, 365 * 86_400)
        );
        assert_eq!(f.spend_limit, None);
        let extra = "\n[fees]\ngranter = \"gas\"\nperiod_days = 7\nspend_limit = \"5000stake\"\nexpiry_days = 28\n";
        let plan = parse("t.toml", &format!("{BASE}{extra}")).unwrap();
        let f = plan.holons[0].fees.as_ref().unwrap();
        assert_eq!(f.granter, Granter::Account("gas".into()));
        assert_eq!(
            (f.period_seconds, f.expiry_seconds),
            (7 * 86_400, 28 * 86_400)
        );
        assert_eq!(f.spend_limit, Some((5000, "stake".to_string())));
        // The granter gets a key of its own, after the members.
        assert_eq!(plan.accounts(), ["funder", "gas"]);
        // Without [fees], the members pay their own.
        assert!(parse("t.toml", BASE).unwrap().holons[0].fees.is_none());
    }

    #[test]
    fn the_checker_names_field_and_line_of_a_bad_fee_value() {
        let cases = [
            ("granter = \"a\"", "fees.granter", "is a member"),
            ("granter = \"stranger\"", "fees.granter", "reserved"),
            ("period_days = 0", "fees.period_days", "from 1 to 36500"),
            ("period_days = -3", "fees.period_days", "invalid value"),
            (
                "period_days = 30\nexpiry_days = 7",
                "fees.expiry_days",
                "at least period_days (30)",
            ),
            (
                "spend_limit = \"lots\"",
                "fees.spend_limit",
                "such as \"23000stake\"",
            ),
            (
                "spend_limit = \"0stake\"",
                "fees.spend_limit",
                "more than zero",
            ),
            ("spend_limit = \"2.5stake\"", "fees.spend_limit", "such as"),
            ("payer = \"a\"", "fees.payer", "unknown field `payer`"),
        ];
        for (body, field, words) in cases {
            let extra = format!("\n[fees]\n{body}\n");
            let src = format!("{BASE}{extra}");
            let d = parse("t.toml", &src).expect_err(body);
            assert_eq!(d.field, field, "{body}: {d}");
            assert!(d.message.contains(words), "{body}: {d}");
            // The line is the bad value's (the key's, for an unknown key).
            let line = src.lines().count() - body.lines().count() + 1;
            let want = if field == "fees.expiry_days" {
                line + 1
            } else {
                line
            };
            assert_eq!(d.pos.as_ref().map(|p| p.line), Some(want), "{body}: {d}");
        }
    }

    #[test]
    fn fees_in_a_file_of_several_holons_are_each_holons() {
        let two = r#"
[[holons]]
id = "x"
name = "X"
[holons.budget]
mode = "treasury"
[[holons.members]]
name = "a"
[holons.fees]
spend_limit = "9000stake"

[[holons]]
id = "y"
name = "Y"
[holons.budget]
mode = "treasury"
[[holons.members]]
name = "b"
"#;
        let plan = parse("t.toml", two).unwrap();
        assert_eq!(
            plan.holons[0].fees.as_ref().unwrap().spend_limit,
            Some((9000, "stake".to_string()))
        );
        assert!(plan.holons[1].fees.is_none());
        let bad = two.replace("9000stake", "9000");
        let d = parse("t.toml", &bad).unwrap_err();
        assert_eq!(d.field, "holons[0].fees.spend_limit", "{d}");
        let stray = format!("[fees]\n{two}");
        let d = parse("t.toml", &stray).unwrap_err();
        assert_eq!(d.field, "fees", "{d}");
    }

    #[test]
    fn a_governed_holon_reads_its_rules_and_proposals_in_the_files_order() {
        let extra = r#"
[[proposals]]
cycle = 2
proposer = "a"
policy = { model = "need", reserve = "0.1" }
votes = { b = "no" }
execute = false

[[proposals]]
proposer = "b"
category = { id = "food", need_factor = "2" }
"#;
        let governed = BASE.replace(
            "[budget]",
            "[holon.governance.members]

[budget]",
        );
        let plan = parse("t.toml", &format!("{governed}{extra}")).unwrap();
        let h = &plan.holons[0];
        assert_eq!(
            h.governance,
            Some(MembersRule {
                threshold: Decimal::percent(51),
                quorum: Decimal::percent(50),
                voting_period_seconds: 604_800
            })
        );
        assert_eq!(plan.cycles, 2);
        let p = &h.proposals[0];
        assert_eq!((p.cycle, p.proposer.as_str(), p.execute), (2, "a", false));
        assert_eq!(p.votes.len(), 1);
        assert_eq!((p.votes[0].0.as_str(), p.votes[0].1), ("b", Vote::No));
        let ProposalAction::Policy(patch) = &p.action else {
            panic!("a policy")
        };
        assert_eq!(
            patch,
            &PolicyPatch {
                model: Some(Model::Need),
                reserve: Some(Decimal::percent(10)),
                ..PolicyPatch::default()
            }
        );
        assert!(patch.sets_distribution() && !patch.sets_attestation());
        let ProposalAction::Category(c) = &h.proposals[1].action else {
            panic!("a category")
        };
        assert_eq!(
            (c.id.as_str(), c.need_factor, c.impact),
            ("food", Some(Decimal::from_ratio(2u64, 1u64)), None)
        );
        assert!(h.proposals[1].execute);
        // Without [holon.governance] one wallet governs, as before.
        assert_eq!(parse("t.toml", BASE).unwrap().holons[0].governance, None);
    }

    #[test]
    fn cycles_cover_every_entry() {
        let d = parse("t.toml", &format!("cycles = 0\n{BASE}")).unwrap_err();
        assert_eq!(d.field, "cycles");
        assert!(d.message.contains("entry happens"), "{d}");
        let extra =
            "\n[[attestations]]\nmember = \"a\"\nneed = \"bread\"\nhours = \"1\"\ncycle = 3\n";
        assert_eq!(
            parse("t.toml", &format!("{BASE}{extra}")).unwrap().cycles,
            3
        );
        assert_eq!(
            parse("t.toml", &format!("cycles = 5\n{BASE}{extra}"))
                .unwrap()
                .cycles,
            5
        );
    }

    #[test]
    fn holons_simulated_together_share_a_cycle_length() {
        let two = r#"
[[holons]]
id = "x"
name = "X"
cycle_seconds = 100
[holons.budget]
mode = "fixed"
emission = "10"
[[holons.members]]
name = "a"

[[holons]]
id = "y"
name = "Y"
cycle_seconds = 200
[holons.budget]
mode = "fixed"
emission = "10"
[[holons.members]]
name = "b"
"#;
        let d = parse("t.toml", two).unwrap_err();
        assert_eq!(d.field, "holons[1].cycle_seconds");
        let d = parse("t.toml", &format!("{two}\n[holon]\nname = \"Z\"\n")).unwrap_err();
        assert_eq!(d.field, "holon");
    }

    /// The commons' entries read into actions after the claims, in the file's order, with
    /// the window and refund as the replay sends them; in a file of `[[holons]]` they nest.
    #[test]
    fn commons_entries_read_into_actions_and_nest_under_holons() {
        let extra = r#"
[[listings]]
id = "oven"
kind = "resource"
title = "Bread oven"
category = "food"
unit = "hour"
price = "3"
full_refund_notice_days = "0.5"
late_refund_percent = "0.25"

[[listings]]
id = "loaves"
kind = "offer"
provider = "b"
title = "Loaves"
category = "food"
unit = "item"
price = "2"
stock = 10

[[bookings]]
member = "a"
listing = "oven"
start_day = 2
days = 1
cancel_day = 1
cycle = 2

[[purchases]]
member = "a"
listing = "loaves"
quantity = 4
confirm = false
"#;
        let p = parse("t.toml", &format!("{BASE}{extra}")).unwrap();
        // The booking and the window released in cycle 3 after cycle 2's claims.
        assert_eq!(p.cycles, 3);
        let kinds: Vec<String> = p
            .actions
            .iter()
            .map(|a| match &a.kind {
                ActionKind::List { key, input, .. } => format!(
                    "{} list {key} {:?}",
                    a.cycle,
                    input.refund.as_ref().map(|r| (
                        r.full_refund_notice_seconds,
                        r.late_refund_percent.to_string()
                    ))
                ),
                ActionKind::Book {
                    start_offset,
                    length,
                    amount,
                    cancel_offset,
                    ..
                } => format!(
                    "{} book {start_offset} {length} {amount} {cancel_offset:?}",
                    a.cycle
                ),
                ActionKind::Buy { amount, after, .. } => {
                    format!("{} buy {amount} {after:?}", a.cycle)
                }
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "1 list oven Some((43200, \"0.25\"))",
                "1 list loaves None",
                "1 buy 8 Wait",
                "2 book 172800 86400 72 Some(86400)",
            ]
        );

        // Nested in a holon of a file of [[holons]]; outside them, refused.
        let nested = r#"
[[holons]]
id = "x"
name = "X"
[holons.budget]
mode = "fixed"
emission = "10"
[[holons.categories]]
id = "food"
[[holons.members]]
name = "a"
[[holons.listings]]
id = "oven"
kind = "resource"
title = "Bread oven"
category = "food"
unit = "day"
price = "3"
[[holons.bookings]]
member = "a"
listing = "oven"
start_day = 1
days = 2
"#;
        let p = parse("t.toml", nested).unwrap();
        assert!(p.actions.iter().any(|a| matches!(
            &a.kind,
            ActionKind::Book {
                holon: 0,
                amount: 6,
                ..
            }
        )));
        let d = parse(
            "t.toml",
            &nested.replace("[[holons.bookings]]", "[[bookings]]"),
        )
        .unwrap_err();
        assert_eq!(d.field, "bookings");
        // A price whose product is past 128 bits is the checker's error, not a panic.
        let d = parse(
            "t.toml",
            &nested.replace("price = \"3\"", &format!("price = \"{}\"", u128::MAX)),
        )
        .unwrap_err();
        assert_eq!(d.field, "holons[0].bookings[0].days");
    }

    /// BASE with `body` in its `[holon]` table and `members` for its two members.
    fn with_header(body: &str, members: [&str; 2]) -> String {
        BASE.replace(
            "token = { symbol = \"HFLOW\" }\n",
            &format!("token = {{ symbol = \"HFLOW\" }}\n{body}\n"),
        )
        .replace(
            "[[members]]\nname = \"a\"\n",
            &format!("[[members]]\n{}\n", members[0]),
        )
        .replace(
            "[[members]]\nname = \"b\"\n",
            &format!("[[members]]\n{}\n", members[1]),
        )
    }

    /// A valid bech32 address.
    fn addr() -> String {
        cosmrs::AccountId::new("wasm", &[7u8; 20])
            .unwrap()
            .to_string()
    }

    #[test]
    fn the_holon_files_fields_read_with_their_defaults() {
        let addr = addr();
        let h = parse("t.toml", BASE).unwrap().holons.remove(0);
        assert_eq!(h.slug, "h");
        assert_eq!(h.posting, PostingRule::Members);
        assert_eq!(
            (&h.cycle_start, h.max_requesters_per_need, &h.steward),
            (&None, None, &None)
        );
        assert!(h.weights.is_empty());

        let src = with_header(
            "slug = \"my-holon\"\nposting = \"stewards\"\ncycle_start = \"2026-01-01T00:00:00Z\"\nmax_requesters_per_need = 120\ngovernance = \"steward\"",
            ["name = \"a\"\nweight = 3", &format!("name = \"{addr}\"")],
        )
        .replace("posted_by = \"a\"\n", "");
        let h = parse("t.toml", &src).unwrap().holons.remove(0);
        assert_eq!(h.slug, "my-holon");
        assert_eq!(h.posting, PostingRule::Stewards);
        assert_eq!(h.cycle_start.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(h.max_requesters_per_need, Some(120));
        assert_eq!(h.steward.as_deref(), Some("steward"));
        assert_eq!(h.governance, None);
        assert_eq!(h.members, vec!["a".to_string(), addr.clone()]);
        assert_eq!(h.weights, BTreeMap::from([("a".to_string(), 3)]));
        // The steward is an account of the scenario.
        let plan = parse("t.toml", &src).unwrap();
        assert!(plan.accounts().contains(&"steward".to_string()));
        // `governance = "governance"` is the simulator's own account: the default.
        let src = with_header(
            "governance = \"governance\"",
            ["name = \"a\"", "name = \"b\""],
        );
        assert_eq!(parse("t.toml", &src).unwrap().holons[0].steward, None);
        assert_eq!(slugify("Holon  Alpha!"), "holon-alpha");
        assert_eq!(slugify("Ünïcode"), "n-code");
        assert_eq!(slugify("!!"), "holon");
    }

    #[test]
    fn the_checker_names_field_and_line_of_a_bad_holon_value() {
        let ok = ["name = \"a\"", "name = \"b\""];
        let bad_addr = "name = \"wasm1qyqszqgpqyqszqgpqyqszqgpqyqszqgpvxhamz\"";
        let cases: [(&str, [&str; 2], &str, &str); 14] = [
            (
                "commons_confirm_window_seconds = 0",
                ok,
                "holon.commons_confirm_window_seconds",
                "1 to 7776000 (90 days), got 0",
            ),
            (
                "commons_confirm_window_seconds = 7776001",
                ok,
                "holon.commons_confirm_window_seconds",
                "1 to 7776000 (90 days), got 7776001",
            ),
            (
                "slug = \"My Holon\"",
                ok,
                "holon.slug",
                "1 to 64 characters",
            ),
            (
                "posting = \"anyone\"",
                ok,
                "holon.posting",
                "unknown variant `anyone`",
            ),
            (
                "cycle_start = \"2026-13-01\"",
                ok,
                "holon.cycle_start",
                "RFC 3339",
            ),
            (
                "cycle_start = \"tomorrow\"",
                ok,
                "holon.cycle_start",
                "RFC 3339",
            ),
            (
                "max_requesters_per_need = 0",
                ok,
                "holon.max_requesters_per_need",
                "1 to 200",
            ),
            (
                "max_requesters_per_need = 201",
                ok,
                "holon.max_requesters_per_need",
                "1 to 200",
            ),
            (
                "governance = \"stranger\"",
                ok,
                "holon.governance",
                "reserved",
            ),
            (
                "governance = \"\"",
                ok,
                "holon.governance",
                "must not be empty",
            ),
            (
                "governance = 3",
                ok,
                "holon.governance",
                "a name or address",
            ),
            (
                "",
                ["name = \"a\"", "name = \"b\"\nweight = 0"],
                "members[1].weight",
                "at least 1",
            ),
            (
                "",
                ["name = \"a\"", "name = \"b\"\nweight = -1"],
                "members[1].weight",
                "invalid value",
            ),
            (
                "",
                ["name = \"a\"", bad_addr],
                "members[1].name",
                "not a valid bech32 address",
            ),
        ];
        for (body, members, field, words) in cases {
            let src = with_header(body, members);
            let d = parse("t.toml", &src).expect_err(body);
            assert_eq!(d.field, field, "{body}: {d}");
            assert!(d.message.contains(words), "{body} {members:?}: {d}");
            // The line is the bad value's.
            let needle = if body.is_empty() {
                members[1].lines().last().unwrap_or_default()
            } else {
                body
            };
            let line = src.lines().position(|l| l == needle).map(|i| i + 1);
            assert_eq!(d.pos.as_ref().map(|p| p.line), line, "{body}: {d}");
        }
        // With posting = "stewards" governance posts every need.
        let src = with_header("posting = \"stewards\"", ok);
        let d = parse("t.toml", &src).expect_err("posted_by");
        assert_eq!(d.field, "needs[0].posted_by");
        assert!(d.message.contains("only its governance posts needs"), "{d}");
    }

    #[test]
    fn several_holons_take_the_holon_files_fields_each() {
        let src = r#"
[[holons]]
id = "alpha"
name = "Alpha"
slug = "alpha-1"
governance = "steward-a"
max_requesters_per_need = 10
[holons.budget]
mode = "treasury"
[[holons.members]]
name = "a"
weight = 2

[[holons]]
id = "beta"
name = "Beta"
posting = "stewards"
[holons.budget]
mode = "treasury"
[[holons.members]]
name = "b"
[holons.governance.members]
threshold = "0.6"
"#;
        let plan = parse("t.toml", src).unwrap();
        let (a, b) = (&plan.holons[0], &plan.holons[1]);
        assert_eq!((a.slug.as_str(), b.slug.as_str()), ("alpha-1", "beta"));
        assert_eq!(a.steward.as_deref(), Some("steward-a"));
        assert_eq!(a.max_requesters_per_need, Some(10));
        assert_eq!(a.weights.get("a"), Some(&2));
        assert_eq!(b.posting, PostingRule::Stewards);
        assert_eq!(
            b.governance.as_ref().map(|g| g.threshold),
            Some(Decimal::percent(60))
        );
        let bad = src.replace("governance = \"steward-a\"", "governance = \"stranger\"");
        let d = parse("t.toml", &bad).expect_err("stranger");
        assert_eq!(d.field, "holons[0].governance");
        assert_eq!(d.pos.as_ref().map(|p| p.line), Some(6));
    }
}
