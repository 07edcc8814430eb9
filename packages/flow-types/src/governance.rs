//! Governance by the members: every steward action as a cw3 proposal.
//!
//! A holon governed by its members is owned by a cw-plus `cw3-flex-multisig` over the
//! holon's own cw4 group: the multisig is the cw-ownable owner of the registry, the
//! attestation contract and the distributor, the wasm admin of every contract and the admin
//! of the group. A steward action is then a proposal: a member proposes it, the members vote
//! with their group weight, and anyone executes it once it has passed.
//!
//! [`StewardAction`] lists everything a steward does; [`StewardAction::propose`] is the one
//! helper that turns an action into the multisig's exact `Propose` message, with a short
//! title and a plain-words summary ("from cycle 4: childcare ×2, garden ×0.5") as its
//! description:
//!
//! ```
//! # use flow_types::governance::{HolonAddresses, StewardAction};
//! # use flow_types::distributor::Policy;
//! # let holon = HolonAddresses {
//! #     group: "group".into(), registry: "registry".into(), attestation: "attestation".into(),
//! #     distributor: "distributor".into(), token: "token".into(),
//! # };
//! let action = StewardAction::SetPolicy { policy: Policy::default() };
//! let propose = action.propose(&holon, Some(4)).unwrap();
//! // send `propose` to the multisig, from a member's wallet
//! ```

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, CosmosMsg, Decimal, Empty, StdResult, Uint128, WasmMsg,
};
use cw20::Logo;
use cw4::Member;
use cw_ownable::Action as Ownership;

use crate::attestation::{self as att, AttestationPolicy};
use crate::distributor::{self as dist, Model, Policy, Scarcity};
use crate::registry::{self as reg, Category, NeedInput, NeedStatus, Period, PostingRule};

pub use cw3::{ProposalListResponse, ProposalResponse, Status, Vote, VoteInfo, VoteListResponse};
pub use cw3_flex_multisig::msg::{
    ExecuteMsg as MultisigExecuteMsg, InstantiateMsg as MultisigInstantiateMsg,
    QueryMsg as MultisigQueryMsg,
};
pub use cw3_flex_multisig::ContractError as MultisigError;
pub use cw_utils::{Duration, Threshold};

/// The addresses of one holon's contracts, which steward actions are sent to.
#[cw_serde]
pub struct HolonAddresses {
    pub group: String,
    pub registry: String,
    pub attestation: String,
    pub distributor: String,
    pub token: String,
}

/// A contract of the holon, for migrations and wasm admin changes.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum HolonPart {
    Group,
    Registry,
    Attestation,
    Distributor,
    Token,
}

impl HolonPart {
    fn address(self, holon: &HolonAddresses) -> &str {
        match self {
            HolonPart::Group => &holon.group,
            HolonPart::Registry => &holon.registry,
            HolonPart::Attestation => &holon.attestation,
            HolonPart::Distributor => &holon.distributor,
            HolonPart::Token => &holon.token,
        }
    }

    fn name(self) -> &'static str {
        match self {
            HolonPart::Group => "the group",
            HolonPart::Registry => "the need registry",
            HolonPart::Attestation => "the attestation contract",
            HolonPart::Distributor => "the distributor",
            HolonPart::Token => "the token",
        }
    }
}

/// The contracts with a cw-ownable owner.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Owned {
    Registry,
    Attestation,
    Distributor,
}

impl From<Owned> for HolonPart {
    fn from(o: Owned) -> Self {
        match o {
            Owned::Registry => HolonPart::Registry,
            Owned::Attestation => HolonPart::Attestation,
            Owned::Distributor => HolonPart::Distributor,
        }
    }
}

/// Everything a steward does: each owner-only (or admin-only) message of a holon.
/// `fund`, `close_cycle`, `finalize` and `claim` are anyone's, so they are not here.
#[cw_serde]
pub enum StewardAction {
    // ------------------------------------------------------------ distributor
    /// The weighting policy (model, factors, capacity bonus, reserve, baseline, cap):
    /// applies from the cycle after the one the proposal is executed in.
    SetPolicy {
        policy: Policy,
    },
    /// Accept a foreign holon's token (through its distributor).
    AcceptHolon {
        distributor: String,
        rate: Decimal,
        credit_limit: Uint128,
    },
    UpdateHolon {
        token: String,
        rate: Option<Decimal>,
        credit_limit: Option<Uint128>,
        enabled: Option<bool>,
    },
    RemoveHolon {
        token: String,
    },
    /// Redeem foreign tokens held at their holon's treasury (`None`: all of them).
    SettleForeign {
        token: String,
        amount: Option<Uint128>,
    },
    ReturnForeign {
        token: String,
        recipient: String,
        amount: Uint128,
    },
    // ------------------------------------------------------------ need registry
    /// Add a category or change one (its factors apply to needs posted afterwards).
    SetCategory {
        category: Category,
    },
    UpdateRegistryConfig {
        group: Option<String>,
        posting: Option<PostingRule>,
        max_requesters_per_need: Option<u32>,
    },
    SetNeedFactors {
        id: u64,
        impact: Option<Decimal>,
        unit_credit: Option<Decimal>,
        capacity_building: Option<bool>,
    },
    SetNeedStatus {
        id: u64,
        status: NeedStatus,
    },
    /// Post a need as the stewards (the only way under the `stewards` posting rule).
    PostNeed {
        need: NeedInput,
    },
    // ------------------------------------------------------------ attestation
    /// The attestation rules (at once).
    SetAttestationPolicy {
        policy: AttestationPolicy,
    },
    /// `uphold`: the attestation is rejected; otherwise it is recorded at once.
    ResolveDispute {
        id: u64,
        uphold: bool,
    },
    // ------------------------------------------------------------ membership (cw4 group)
    AddMembers {
        members: Vec<Member>,
    },
    RemoveMembers {
        members: Vec<String>,
    },
    /// New weights for existing members (a weight is a member's voice in votes).
    ReweighMembers {
        members: Vec<Member>,
    },
    /// Both at once: the group's `update_members` (added or re-weighed, then removed).
    UpdateMembers {
        add: Vec<Member>,
        remove: Vec<String>,
    },
    // ------------------------------------------------------------ token marketing
    /// When the holon's governance is the token's marketing admin.
    UpdateMarketing {
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    },
    UploadLogo {
        logo: Logo,
    },
    // ------------------------------------------------------------ ownership and code
    /// cw-ownable: transfer (two steps), accept or renounce a contract's ownership.
    UpdateOwnership {
        contract: Owned,
        action: Ownership,
    },
    /// The group's admin (who changes membership).
    UpdateGroupAdmin {
        admin: Option<String>,
    },
    /// Move a contract to new code (its `migrate {}` checks it is the same contract, newer).
    Migrate {
        contract: HolonPart,
        new_code_id: u64,
    },
    /// A contract's wasm admin (who may migrate it).
    UpdateAdmin {
        contract: HolonPart,
        admin: String,
    },
}

fn wasm<T: serde::Serialize>(contract: &str, msg: &T) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// "2", "0.5": a decimal as people write it.
pub fn n(d: Decimal) -> String {
    d.to_string()
}

/// "10%".
pub fn pct(d: Decimal) -> String {
    format!("{}%", d * Decimal::from_ratio(100u64, 1u64))
}

/// "1 hour-equivalent", "8 hour-equivalents".
pub fn hours(d: Decimal) -> String {
    if d == Decimal::one() {
        "1 hour-equivalent".into()
    } else {
        format!("{} hour-equivalents", n(d))
    }
}

/// "1 day", "3 hours", "90 seconds".
pub fn span(seconds: u64) -> String {
    let unit = |count: u64, one: &str| {
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {one}s")
        }
    };
    match seconds {
        s if s > 0 && s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s > 0 && s % 3_600 == 0 => unit(s / 3_600, "hour"),
        s if s > 0 && s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

fn members_words(members: &[Member]) -> String {
    members
        .iter()
        .map(|m| format!("{} (weight {})", m.addr, m.weight))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ownership_words(action: &Ownership) -> String {
    match action {
        Ownership::TransferOwnership { new_owner, expiry } => match expiry {
            Some(e) => format!("offer ownership to {new_owner} (until {e})"),
            None => format!("offer ownership to {new_owner}"),
        },
        Ownership::AcceptOwnership => "accept the ownership offered".into(),
        Ownership::RenounceOwnership => "renounce ownership for good".into(),
    }
}

/// What a policy says, in words: "childcare ×2, garden ×0.5", "every hour counts the
/// same; 10% kept in reserve".
pub fn policy_words(policy: &Policy) -> String {
    let mut parts: Vec<String> = vec![];
    if policy.model.uses_scarcity() {
        match &policy.scarcity {
            Scarcity::Fixed { factors } if factors.is_empty() => {
                parts.push("need factors from the categories".into())
            }
            Scarcity::Fixed { factors } => parts.extend(
                factors
                    .iter()
                    .map(|f| format!("{} ×{}", f.category, n(f.factor))),
            ),
            Scarcity::Auto { min, max } => parts.push(format!(
                "need factors from demand, ×{} to ×{}",
                n(*min),
                n(*max)
            )),
        }
    }
    if policy.model.uses_impact() {
        parts.push("weighted by each need's impact".into());
    }
    if policy.model.uses_capacity() {
        parts.push(format!(
            "capacity-building ×{}",
            n(Decimal::one() + policy.capacity_bonus)
        ));
    }
    if policy.model == Model::Time {
        parts.push("every hour counts the same".into());
    }
    if !policy.reserve.is_zero() {
        parts.push(format!("{} kept in reserve", pct(policy.reserve)));
    }
    if !policy.baseline.is_zero() {
        parts.push(format!("{} shared equally", pct(policy.baseline)));
    }
    if let Some(cap) = policy.max_credit_per_member {
        parts.push(format!("at most {} per member a cycle", hours(cap)));
    }
    if policy.anyone_may_settle {
        parts.push("anyone may settle foreign tokens".into());
    }
    parts.join(", ")
}

/// What attestation rules say, in words.
pub fn attestation_policy_words(p: &AttestationPolicy) -> String {
    let mut parts = vec![if p.cosigns_required == 1 {
        "1 co-sign".to_string()
    } else {
        format!("{} co-signs", p.cosigns_required)
    }];
    parts.push(if p.challenge_seconds == 0 {
        "no challenge window".into()
    } else {
        format!("a {} challenge window", span(p.challenge_seconds))
    });
    parts.push(format!(
        "at most {} an attestation and {} a member a cycle",
        hours(p.max_hours_per_attestation),
        hours(p.max_hours_per_cycle)
    ));
    parts.push(format!(
        "{} co-signs of one attester by one member a cycle",
        p.max_cosigns_per_pair_per_cycle
    ));
    if p.pending_expiry_seconds > 0 {
        parts.push(format!(
            "unsigned ones expire after {}",
            span(p.pending_expiry_seconds)
        ));
    }
    parts.join(", ")
}

fn category_words(c: &Category) -> String {
    let mut parts = vec![
        format!("need ×{}", n(c.need_factor)),
        format!("impact ×{}", n(c.impact)),
    ];
    if c.capacity_building {
        parts.push("builds capacity".into());
    }
    if !c.unit_credit.is_zero() {
        parts.push(format!("{} per unit", hours(c.unit_credit)));
    }
    format!("category {} \"{}\": {}", c.id, c.label, parts.join(", "))
}

fn status_words(s: NeedStatus) -> &'static str {
    match s {
        NeedStatus::Open => "open",
        NeedStatus::Fulfilled => "fulfilled",
        NeedStatus::Closed => "closed",
    }
}

fn period_words(p: Period) -> &'static str {
    match p {
        Period::Once => "once",
        Period::Weekly => "weekly",
        Period::Monthly => "monthly",
    }
}

impl StewardAction {
    /// A short title: "Weighting policy", "Add members" …
    pub fn title(&self) -> String {
        use StewardAction::*;
        match self {
            SetPolicy { .. } => "Weighting policy".into(),
            AcceptHolon { .. } => "Accept a holon".into(),
            UpdateHolon { .. } => "Update an accepted holon".into(),
            RemoveHolon { .. } => "Remove an accepted holon".into(),
            SettleForeign { .. } => "Settle foreign tokens".into(),
            ReturnForeign { .. } => "Return foreign tokens".into(),
            SetCategory { category } => format!("Category {}", category.id),
            UpdateRegistryConfig { .. } => "Registry settings".into(),
            SetNeedFactors { id, .. } => format!("Factors of need #{id}"),
            SetNeedStatus { id, .. } => format!("Status of need #{id}"),
            PostNeed { .. } => "Post a need".into(),
            SetAttestationPolicy { .. } => "Attestation rules".into(),
            ResolveDispute { id, .. } => format!("Resolve the dispute of attestation #{id}"),
            AddMembers { .. } => "Add members".into(),
            RemoveMembers { .. } => "Remove members".into(),
            ReweighMembers { .. } => "Members' weights".into(),
            UpdateMembers { .. } => "Membership".into(),
            UpdateMarketing { .. } => "Token marketing".into(),
            UploadLogo { .. } => "Token logo".into(),
            UpdateOwnership { contract, .. } => {
                format!("Ownership of {}", HolonPart::from(*contract).name())
            }
            UpdateGroupAdmin { .. } => "Admin of the group".into(),
            Migrate { contract, .. } => format!("Migrate {}", contract.name()),
            UpdateAdmin { contract, .. } => format!("Admin of {}", contract.name()),
        }
    }

    /// What changes, in one line of plain words. `next_cycle` is the cycle a policy change
    /// would apply from (the one after the cycle the proposal is executed in), when known.
    pub fn summary(&self, next_cycle: Option<u64>) -> String {
        use StewardAction::*;
        match self {
            SetPolicy { policy } => {
                let from = match next_cycle {
                    Some(k) => format!("from cycle {k}"),
                    None => "from the next cycle".into(),
                };
                format!("{from}: {}", policy_words(policy))
            }
            AcceptHolon {
                distributor,
                rate,
                credit_limit,
            } => format!(
                "accept the tokens of the holon at {distributor}: {} of ours for each, holding at most {credit_limit}",
                n(*rate)
            ),
            UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            } => {
                let mut parts = vec![];
                if let Some(r) = rate {
                    parts.push(format!("{} of ours for each", n(*r)));
                }
                if let Some(l) = credit_limit {
                    parts.push(format!("holding at most {l}"));
                }
                match enabled {
                    Some(true) => parts.push("enabled".into()),
                    Some(false) => parts.push("paused".into()),
                    None => {}
                }
                if parts.is_empty() {
                    parts.push("nothing changes".into());
                }
                format!("tokens of {token}: {}", parts.join(", "))
            }
            RemoveHolon { token } => {
                format!("stop accepting {token}; what we hold stays redeemable")
            }
            SettleForeign { token, amount } => match amount {
                Some(a) => format!("redeem {a} of {token} at its holon's treasury"),
                None => format!("redeem all we hold of {token} at its holon's treasury"),
            },
            ReturnForeign {
                token,
                recipient,
                amount,
            } => format!("give {amount} of {token} back to {recipient}"),
            SetCategory { category } => category_words(category),
            UpdateRegistryConfig {
                group,
                posting,
                max_requesters_per_need,
            } => {
                let mut parts = vec![];
                match posting {
                    Some(PostingRule::Members) => parts.push("members post needs".into()),
                    Some(PostingRule::Stewards) => {
                        parts.push("only the stewards post needs".into())
                    }
                    None => {}
                }
                if let Some(m) = max_requesters_per_need {
                    parts.push(format!("at most {m} requesters a need"));
                }
                if let Some(g) = group {
                    parts.push(format!("members are those of the group {g}"));
                }
                if parts.is_empty() {
                    parts.push("nothing changes".into());
                }
                parts.join(", ")
            }
            SetNeedFactors {
                id,
                impact,
                unit_credit,
                capacity_building,
            } => {
                let mut parts = vec![];
                if let Some(i) = impact {
                    parts.push(format!("impact ×{}", n(*i)));
                }
                if let Some(u) = unit_credit {
                    parts.push(format!("{} per unit", hours(*u)));
                }
                match capacity_building {
                    Some(true) => parts.push("builds capacity".into()),
                    Some(false) => parts.push("does not build capacity".into()),
                    None => {}
                }
                if parts.is_empty() {
                    parts.push("nothing changes".into());
                }
                format!("need #{id}: {}", parts.join(", "))
            }
            SetNeedStatus { id, status } => {
                format!("need #{id} becomes {}", status_words(*status))
            }
            PostNeed { need } => format!(
                "a need in {}: \"{}\", {} {} {}",
                need.category,
                need.title,
                n(need.quantity),
                need.unit,
                period_words(need.period)
            ),
            SetAttestationPolicy { policy } => {
                format!("from now: {}", attestation_policy_words(policy))
            }
            ResolveDispute { id, uphold } => {
                if *uphold {
                    format!("attestation #{id}: the dispute is upheld, the attestation rejected")
                } else {
                    format!("attestation #{id}: the dispute is dismissed, the attestation recorded")
                }
            }
            AddMembers { members } => format!("add {}", members_words(members)),
            RemoveMembers { members } => format!("remove {}", members.join(", ")),
            ReweighMembers { members } => format!("new weights: {}", members_words(members)),
            UpdateMembers { add, remove } => {
                let mut parts = vec![];
                if !add.is_empty() {
                    parts.push(format!("add or re-weigh {}", members_words(add)));
                }
                if !remove.is_empty() {
                    parts.push(format!("remove {}", remove.join(", ")));
                }
                if parts.is_empty() {
                    parts.push("nothing changes".into());
                }
                parts.join("; ")
            }
            UpdateMarketing {
                project,
                description,
                marketing,
            } => {
                let mut parts = vec![];
                if let Some(p) = project {
                    parts.push(format!("project \"{p}\""));
                }
                if let Some(d) = description {
                    parts.push(format!("description \"{d}\""));
                }
                if let Some(m) = marketing {
                    parts.push(format!("marketing admin {m}"));
                }
                if parts.is_empty() {
                    parts.push("nothing changes".into());
                }
                format!("the token's {}", parts.join(", "))
            }
            UploadLogo { logo } => match logo {
                Logo::Url(url) => format!("the token's logo becomes {url}"),
                Logo::Embedded(_) => "the token's logo becomes the embedded image".into(),
            },
            UpdateOwnership { contract, action } => format!(
                "{}: {}",
                HolonPart::from(*contract).name(),
                ownership_words(action)
            ),
            UpdateGroupAdmin { admin } => match admin {
                Some(a) => format!("membership changes go through {a}"),
                None => "nobody may change the membership again".into(),
            },
            Migrate {
                contract,
                new_code_id,
            } => format!("{} runs code {new_code_id} from now", contract.name()),
            UpdateAdmin { contract, admin } => {
                format!("{admin} may migrate {} from now", contract.name())
            }
        }
    }

    /// The messages the multisig sends when the proposal is executed.
    pub fn msgs(&self, holon: &HolonAddresses) -> StdResult<Vec<CosmosMsg>> {
        use StewardAction::*;
        let d = holon.distributor.as_str();
        let r = holon.registry.as_str();
        let a = holon.attestation.as_str();
        let msg = match self.clone() {
            SetPolicy { policy } => wasm(d, &dist::ExecuteMsg::SetPolicy { policy })?,
            AcceptHolon {
                distributor,
                rate,
                credit_limit,
            } => wasm(
                d,
                &dist::ExecuteMsg::AcceptHolon {
                    distributor,
                    rate,
                    credit_limit,
                },
            )?,
            UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            } => wasm(
                d,
                &dist::ExecuteMsg::UpdateHolon {
                    token,
                    rate,
                    credit_limit,
                    enabled,
                },
            )?,
            RemoveHolon { token } => wasm(d, &dist::ExecuteMsg::RemoveHolon { token })?,
            SettleForeign { token, amount } => {
                wasm(d, &dist::ExecuteMsg::SettleForeign { token, amount })?
            }
            ReturnForeign {
                token,
                recipient,
                amount,
            } => wasm(
                d,
                &dist::ExecuteMsg::ReturnForeign {
                    token,
                    recipient,
                    amount,
                },
            )?,
            SetCategory { category } => wasm(r, &reg::ExecuteMsg::SetCategory { category })?,
            UpdateRegistryConfig {
                group,
                posting,
                max_requesters_per_need,
            } => wasm(
                r,
                &reg::ExecuteMsg::UpdateConfig {
                    group,
                    posting,
                    max_requesters_per_need,
                },
            )?,
            SetNeedFactors {
                id,
                impact,
                unit_credit,
                capacity_building,
            } => wasm(
                r,
                &reg::ExecuteMsg::SetNeedFactors {
                    id,
                    impact,
                    unit_credit,
                    capacity_building,
                },
            )?,
            SetNeedStatus { id, status } => {
                wasm(r, &reg::ExecuteMsg::SetNeedStatus { id, status })?
            }
            PostNeed { need } => wasm(r, &reg::ExecuteMsg::PostNeed { need })?,
            SetAttestationPolicy { policy } => wasm(a, &att::ExecuteMsg::SetPolicy { policy })?,
            ResolveDispute { id, uphold } => {
                wasm(a, &att::ExecuteMsg::ResolveDispute { id, uphold })?
            }
            AddMembers { members } | ReweighMembers { members } => wasm(
                &holon.group,
                &cw4_group::msg::ExecuteMsg::UpdateMembers {
                    remove: vec![],
                    add: members,
                },
            )?,
            RemoveMembers { members } => wasm(
                &holon.group,
                &cw4_group::msg::ExecuteMsg::UpdateMembers {
                    remove: members,
                    add: vec![],
                },
            )?,
            UpdateMembers { add, remove } => wasm(
                &holon.group,
                &cw4_group::msg::ExecuteMsg::UpdateMembers { remove, add },
            )?,
            UpdateMarketing {
                project,
                description,
                marketing,
            } => wasm(
                &holon.token,
                &crate::token::ExecuteMsg::UpdateMarketing {
                    project,
                    description,
                    marketing,
                },
            )?,
            UploadLogo { logo } => wasm(&holon.token, &crate::token::ExecuteMsg::UploadLogo(logo))?,
            UpdateOwnership { contract, action } => {
                let addr = HolonPart::from(contract).address(holon);
                match contract {
                    Owned::Registry => wasm(addr, &reg::ExecuteMsg::UpdateOwnership(action))?,
                    Owned::Attestation => wasm(addr, &att::ExecuteMsg::UpdateOwnership(action))?,
                    Owned::Distributor => wasm(addr, &dist::ExecuteMsg::UpdateOwnership(action))?,
                }
            }
            UpdateGroupAdmin { admin } => wasm(
                &holon.group,
                &cw4_group::msg::ExecuteMsg::UpdateAdmin { admin },
            )?,
            Migrate {
                contract,
                new_code_id,
            } => WasmMsg::Migrate {
                contract_addr: contract.address(holon).to_string(),
                new_code_id,
                msg: to_json_binary(&Empty {})?,
            }
            .into(),
            UpdateAdmin { contract, admin } => WasmMsg::UpdateAdmin {
                contract_addr: contract.address(holon).to_string(),
                admin,
            }
            .into(),
        };
        Ok(vec![msg])
    }

    /// The multisig's `Propose` for this action: title, the plain-words summary as the
    /// description, the messages, and the multisig's longest voting period (`latest: None`).
    pub fn propose(
        &self,
        holon: &HolonAddresses,
        next_cycle: Option<u64>,
    ) -> StdResult<MultisigExecuteMsg> {
        Ok(MultisigExecuteMsg::Propose {
            title: self.title(),
            description: self.summary(next_cycle),
            msgs: self.msgs(holon)?,
            latest: None,
        })
    }
}

/// The steward action a proposal's message performs, read back from the message (for a
/// proposal list in plain words: `decode(msg, holon).map(|a| a.summary(None))`). `None` for
/// a message no steward action sends (a claim, a transfer, another contract …).
///
/// The group's `update_members` reads as `AddMembers` when it only adds (a re-weigh of
/// existing members is the same message), `RemoveMembers` when it only removes, and
/// `UpdateMembers` otherwise.
pub fn decode(msg: &CosmosMsg, holon: &HolonAddresses) -> Option<StewardAction> {
    use StewardAction as A;
    let part = |addr: &str| {
        [
            HolonPart::Group,
            HolonPart::Registry,
            HolonPart::Attestation,
            HolonPart::Distributor,
            HolonPart::Token,
        ]
        .into_iter()
        .find(|p| p.address(holon) == addr)
    };
    let (contract_addr, msg) = match msg {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) if funds.is_empty() => (contract_addr, msg),
        CosmosMsg::Wasm(WasmMsg::Migrate {
            contract_addr,
            new_code_id,
            msg,
        }) => {
            from_json::<Empty>(msg).ok()?;
            return Some(A::Migrate {
                contract: part(contract_addr)?,
                new_code_id: *new_code_id,
            });
        }
        CosmosMsg::Wasm(WasmMsg::UpdateAdmin {
            contract_addr,
            admin,
        }) => {
            return Some(A::UpdateAdmin {
                contract: part(contract_addr)?,
                admin: admin.clone(),
            })
        }
        _ => return None,
    };
    Some(match part(contract_addr)? {
        HolonPart::Distributor => match from_json(msg).ok()? {
            dist::ExecuteMsg::SetPolicy { policy } => A::SetPolicy { policy },
            dist::ExecuteMsg::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            } => A::AcceptHolon {
                distributor,
                rate,
                credit_limit,
            },
            dist::ExecuteMsg::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            } => A::UpdateHolon {
                token,
                rate,
                credit_limit,
                enabled,
            },
            dist::ExecuteMsg::RemoveHolon { token } => A::RemoveHolon { token },
            dist::ExecuteMsg::SettleForeign { token, amount } => A::SettleForeign { token, amount },
            dist::ExecuteMsg::ReturnForeign {
                token,
                recipient,
                amount,
            } => A::ReturnForeign {
                token,
                recipient,
                amount,
            },
            dist::ExecuteMsg::UpdateOwnership(action) => A::UpdateOwnership {
                contract: Owned::Distributor,
                action,
            },
            _ => return None,
        },
        HolonPart::Registry => match from_json(msg).ok()? {
            reg::ExecuteMsg::SetCategory { category } => A::SetCategory { category },
            reg::ExecuteMsg::UpdateConfig {
                group,
                posting,
                max_requesters_per_need,
            } => A::UpdateRegistryConfig {
                group,
                posting,
                max_requesters_per_need,
            },
            reg::ExecuteMsg::SetNeedFactors {
                id,
                impact,
                unit_credit,
                capacity_building,
            } => A::SetNeedFactors {
                id,
                impact,
                unit_credit,
                capacity_building,
            },
            reg::ExecuteMsg::SetNeedStatus { id, status } => A::SetNeedStatus { id, status },
            reg::ExecuteMsg::PostNeed { need } => A::PostNeed { need },
            reg::ExecuteMsg::UpdateOwnership(action) => A::UpdateOwnership {
                contract: Owned::Registry,
                action,
            },
            _ => return None,
        },
        HolonPart::Attestation => match from_json(msg).ok()? {
            att::ExecuteMsg::SetPolicy { policy } => A::SetAttestationPolicy { policy },
            att::ExecuteMsg::ResolveDispute { id, uphold } => A::ResolveDispute { id, uphold },
            att::ExecuteMsg::UpdateOwnership(action) => A::UpdateOwnership {
                contract: Owned::Attestation,
                action,
            },
            _ => return None,
        },
        HolonPart::Group => match from_json(msg).ok()? {
            cw4_group::msg::ExecuteMsg::UpdateMembers { remove, add } => {
                match (add.is_empty(), remove.is_empty()) {
                    (false, true) => A::AddMembers { members: add },
                    (true, false) => A::RemoveMembers { members: remove },
                    _ => A::UpdateMembers { add, remove },
                }
            }
            cw4_group::msg::ExecuteMsg::UpdateAdmin { admin } => A::UpdateGroupAdmin { admin },
            _ => return None,
        },
        HolonPart::Token => match from_json(msg).ok()? {
            crate::token::ExecuteMsg::UpdateMarketing {
                project,
                description,
                marketing,
            } => A::UpdateMarketing {
                project,
                description,
                marketing,
            },
            crate::token::ExecuteMsg::UploadLogo(logo) => A::UploadLogo { logo },
            _ => return None,
        },
    })
}

/// The multisig of a holon governed by its members: over the holon's group, passing a
/// proposal when `threshold` of the weight that votes says yes and at least `quorum` of the
/// group's weight votes, within `voting_period` seconds; anyone executes a passed proposal
/// and proposing costs no deposit.
pub fn multisig_instantiate_msg(
    group: &str,
    threshold: Decimal,
    quorum: Decimal,
    voting_period: u64,
) -> MultisigInstantiateMsg {
    MultisigInstantiateMsg {
        group_addr: group.to_string(),
        threshold: Threshold::ThresholdQuorum { threshold, quorum },
        max_voting_period: Duration::Time(voting_period),
        executor: None,
        proposal_deposit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distributor::CategoryFactor;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn holon() -> HolonAddresses {
        HolonAddresses {
            group: "group".into(),
            registry: "registry".into(),
            attestation: "attestation".into(),
            distributor: "distributor".into(),
            token: "token".into(),
        }
    }

    fn need_policy() -> Policy {
        Policy {
            model: Model::Need,
            scarcity: Scarcity::Fixed {
                factors: vec![
                    CategoryFactor {
                        category: "childcare".into(),
                        factor: dec("2"),
                    },
                    CategoryFactor {
                        category: "garden".into(),
                        factor: dec("0.5"),
                    },
                ],
            },
            ..Policy::default()
        }
    }

    /// The one message an action sends: (contract, JSON).
    fn sent(action: &StewardAction) -> (String, serde_json::Value) {
        let msgs = action.msgs(&holon()).unwrap();
        assert_eq!(msgs.len(), 1);
        match &msgs[0] {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            }) => {
                assert!(funds.is_empty());
                (contract_addr.clone(), from_json(msg).unwrap())
            }
            other => panic!("not an execute: {other:?}"),
        }
    }

    #[test]
    fn a_policy_change_is_the_multisigs_exact_propose() {
        let action = StewardAction::SetPolicy {
            policy: need_policy(),
        };
        let propose = action.propose(&holon(), Some(4)).unwrap();
        assert_eq!(
            propose,
            MultisigExecuteMsg::Propose {
                title: "Weighting policy".into(),
                description: "from cycle 4: childcare ×2, garden ×0.5".into(),
                msgs: vec![WasmMsg::Execute {
                    contract_addr: "distributor".into(),
                    msg: to_json_binary(&dist::ExecuteMsg::SetPolicy {
                        policy: need_policy()
                    })
                    .unwrap(),
                    funds: vec![],
                }
                .into()],
                latest: None,
            }
        );
        // The wire form the multisig parses: `latest` is null, there is no `earliest`.
        let json: serde_json::Value =
            serde_json::from_slice(&cosmwasm_std::to_json_vec(&propose).unwrap()).unwrap();
        let p = &json["propose"];
        assert_eq!(p["latest"], serde_json::Value::Null);
        assert_eq!(p.as_object().unwrap().len(), 4);
        assert_eq!(
            action.summary(None),
            "from the next cycle: childcare ×2, garden ×0.5"
        );
    }

    #[test]
    fn every_policy_says_what_it_does() {
        let words = |p: Policy| policy_words(&p);
        assert_eq!(words(Policy::default()), "every hour counts the same");
        assert_eq!(
            words(Policy {
                reserve: dec("0.1"),
                baseline: dec("0.2"),
                max_credit_per_member: Some(dec("40")),
                anyone_may_settle: true,
                ..Policy::default()
            }),
            "every hour counts the same, 10% kept in reserve, 20% shared equally, \
             at most 40 hour-equivalents per member a cycle, anyone may settle foreign tokens"
        );
        assert_eq!(
            words(Policy {
                model: Model::Need,
                scarcity: Scarcity::Auto {
                    min: dec("0.5"),
                    max: dec("3")
                },
                ..Policy::default()
            }),
            "need factors from demand, ×0.5 to ×3"
        );
        assert_eq!(
            words(Policy {
                model: Model::Need,
                ..Policy::default()
            }),
            "need factors from the categories"
        );
        assert_eq!(
            words(Policy {
                model: Model::Impact,
                ..need_policy()
            }),
            "weighted by each need's impact"
        );
        assert_eq!(
            words(Policy {
                model: Model::Hybrid,
                capacity_bonus: dec("0.5"),
                ..need_policy()
            }),
            "childcare ×2, garden ×0.5, weighted by each need's impact, capacity-building ×1.5"
        );
    }

    #[test]
    fn registry_actions_go_to_the_registry() {
        let mut c = Category {
            id: "childcare".into(),
            label: "Childcare".into(),
            impact: Decimal::one(),
            capacity_building: true,
            need_factor: dec("2"),
            unit_credit: dec("0.25"),
        };
        let action = StewardAction::SetCategory {
            category: c.clone(),
        };
        let (to, json) = sent(&action);
        assert_eq!(to, "registry");
        assert_eq!(
            json,
            serde_json::to_value(reg::ExecuteMsg::SetCategory {
                category: c.clone()
            })
            .unwrap()
        );
        assert_eq!(action.title(), "Category childcare");
        assert_eq!(
            action.summary(None),
            "category childcare \"Childcare\": need ×2, impact ×1, builds capacity, \
             0.25 hour-equivalents per unit"
        );
        c.capacity_building = false;
        c.unit_credit = Decimal::zero();
        assert_eq!(
            StewardAction::SetCategory { category: c }.summary(None),
            "category childcare \"Childcare\": need ×2, impact ×1"
        );

        let action = StewardAction::SetNeedFactors {
            id: 3,
            impact: Some(dec("1.5")),
            unit_credit: Some(Decimal::one()),
            capacity_building: Some(false),
        };
        assert_eq!(sent(&action).0, "registry");
        assert_eq!(
            action.summary(None),
            "need #3: impact ×1.5, 1 hour-equivalent per unit, does not build capacity"
        );
        let action = StewardAction::UpdateRegistryConfig {
            group: None,
            posting: Some(PostingRule::Stewards),
            max_requesters_per_need: Some(100),
        };
        assert_eq!(
            sent(&action).1,
            serde_json::json!({"update_config": {
                "group": null, "posting": "stewards", "max_requesters_per_need": 100
            }})
        );
        assert_eq!(
            action.summary(None),
            "only the stewards post needs, at most 100 requesters a need"
        );
        let action = StewardAction::SetNeedStatus {
            id: 1,
            status: NeedStatus::Closed,
        };
        assert_eq!(
            sent(&action).1,
            serde_json::json!({"set_need_status": {"id": 1, "status": "closed"}})
        );
        assert_eq!(action.summary(None), "need #1 becomes closed");
        let action = StewardAction::PostNeed {
            need: NeedInput {
                category: "food".into(),
                title: "Fresh bread".into(),
                description: String::new(),
                unit: "loaf".into(),
                quantity: dec("20"),
                period: Period::Weekly,
                impact: None,
                unit_credit: None,
                capacity_building: None,
            },
        };
        assert_eq!(sent(&action).0, "registry");
        assert_eq!(
            action.summary(None),
            "a need in food: \"Fresh bread\", 20 loaf weekly"
        );
    }

    #[test]
    fn attestation_actions_go_to_the_attestation_contract() {
        let policy = AttestationPolicy {
            cosigns_required: 2,
            challenge_seconds: 86_400,
            max_hours_per_attestation: dec("8"),
            max_hours_per_cycle: dec("40"),
            max_cosigns_per_pair_per_cycle: 4,
            pending_expiry_seconds: 7 * 86_400,
        };
        let action = StewardAction::SetAttestationPolicy {
            policy: policy.clone(),
        };
        let (to, json) = sent(&action);
        assert_eq!(to, "attestation");
        assert_eq!(
            json,
            serde_json::to_value(att::ExecuteMsg::SetPolicy { policy }).unwrap()
        );
        assert_eq!(
            action.summary(None),
            "from now: 2 co-signs, a 1 day challenge window, at most 8 hour-equivalents an \
             attestation and 40 hour-equivalents a member a cycle, 4 co-signs of one attester \
             by one member a cycle, unsigned ones expire after 7 days"
        );
        assert_eq!(
            attestation_policy_words(&AttestationPolicy::default()),
            "1 co-sign, no challenge window, at most 744 hour-equivalents an attestation and \
             744 hour-equivalents a member a cycle, 31 co-signs of one attester by one member \
             a cycle"
        );
        let action = StewardAction::ResolveDispute {
            id: 6,
            uphold: true,
        };
        assert_eq!(
            sent(&action),
            (
                "attestation".into(),
                serde_json::json!({"resolve_dispute": {"id": 6, "uphold": true}})
            )
        );
        assert_eq!(action.title(), "Resolve the dispute of attestation #6");
        assert_eq!(
            action.summary(None),
            "attestation #6: the dispute is upheld, the attestation rejected"
        );
    }

    #[test]
    fn membership_changes_are_the_groups_update_members() {
        let morgan = Member {
            addr: "morgan".into(),
            weight: 2,
        };
        let action = StewardAction::AddMembers {
            members: vec![morgan.clone()],
        };
        assert_eq!(
            sent(&action),
            (
                "group".into(),
                serde_json::json!({"update_members": {
                    "remove": [], "add": [{"addr": "morgan", "weight": 2}]
                }})
            )
        );
        assert_eq!(action.summary(None), "add morgan (weight 2)");
        let action = StewardAction::ReweighMembers {
            members: vec![Member {
                addr: "riley".into(),
                weight: 3,
            }],
        };
        assert_eq!(
            sent(&action).1,
            serde_json::json!({"update_members": {
                "remove": [], "add": [{"addr": "riley", "weight": 3}]
            }})
        );
        assert_eq!(action.summary(None), "new weights: riley (weight 3)");
        let action = StewardAction::RemoveMembers {
            members: vec!["sam".into(), "casey".into()],
        };
        assert_eq!(
            sent(&action).1,
            serde_json::json!({"update_members": {"remove": ["sam", "casey"], "add": []}})
        );
        assert_eq!(action.summary(None), "remove sam, casey");
        let action = StewardAction::UpdateGroupAdmin {
            admin: Some("dao".into()),
        };
        assert_eq!(
            sent(&action),
            (
                "group".into(),
                serde_json::json!({"update_admin": {"admin": "dao"}})
            )
        );
        assert_eq!(action.summary(None), "membership changes go through dao");
    }

    #[test]
    fn exchange_actions_go_to_the_distributor() {
        let cases = [
            (
                StewardAction::AcceptHolon {
                    distributor: "beta".into(),
                    rate: dec("0.5"),
                    credit_limit: Uint128::new(1_000),
                },
                serde_json::json!({"accept_holon": {
                    "distributor": "beta", "rate": "0.5", "credit_limit": "1000"
                }}),
                "accept the tokens of the holon at beta: 0.5 of ours for each, holding at most 1000",
            ),
            (
                StewardAction::UpdateHolon {
                    token: "bflow".into(),
                    rate: Some(dec("2")),
                    credit_limit: None,
                    enabled: Some(false),
                },
                serde_json::json!({"update_holon": {
                    "token": "bflow", "rate": "2", "credit_limit": null, "enabled": false
                }}),
                "tokens of bflow: 2 of ours for each, paused",
            ),
            (
                StewardAction::RemoveHolon {
                    token: "bflow".into(),
                },
                serde_json::json!({"remove_holon": {"token": "bflow"}}),
                "stop accepting bflow; what we hold stays redeemable",
            ),
            (
                StewardAction::SettleForeign {
                    token: "bflow".into(),
                    amount: None,
                },
                serde_json::json!({"settle_foreign": {"token": "bflow", "amount": null}}),
                "redeem all we hold of bflow at its holon's treasury",
            ),
            (
                StewardAction::ReturnForeign {
                    token: "bflow".into(),
                    recipient: "bea".into(),
                    amount: Uint128::new(7),
                },
                serde_json::json!({"return_foreign": {
                    "token": "bflow", "recipient": "bea", "amount": "7"
                }}),
                "give 7 of bflow back to bea",
            ),
        ];
        for (action, json, words) in cases {
            assert_eq!(sent(&action), ("distributor".into(), json));
            assert_eq!(action.summary(Some(2)), words);
        }
    }

    #[test]
    fn ownership_marketing_and_code() {
        let action = StewardAction::UpdateOwnership {
            contract: Owned::Attestation,
            action: Ownership::TransferOwnership {
                new_owner: "dao".into(),
                expiry: None,
            },
        };
        assert_eq!(
            sent(&action),
            (
                "attestation".into(),
                serde_json::json!({"update_ownership": {"transfer_ownership": {
                    "new_owner": "dao", "expiry": null
                }}})
            )
        );
        assert_eq!(action.title(), "Ownership of the attestation contract");
        assert_eq!(
            action.summary(None),
            "the attestation contract: offer ownership to dao"
        );
        let action = StewardAction::UpdateMarketing {
            project: Some("cw-flow".into()),
            description: None,
            marketing: None,
        };
        assert_eq!(sent(&action).0, "token");
        assert_eq!(action.summary(None), "the token's project \"cw-flow\"");
        let action = StewardAction::UploadLogo {
            logo: Logo::Url("https://example.invalid/logo.png".into()),
        };
        assert_eq!(
            sent(&action).1,
            serde_json::json!({"upload_logo": {"url": "https://example.invalid/logo.png"}})
        );

        let action = StewardAction::Migrate {
            contract: HolonPart::Distributor,
            new_code_id: 12,
        };
        assert_eq!(
            action.msgs(&holon()).unwrap(),
            vec![CosmosMsg::Wasm(WasmMsg::Migrate {
                contract_addr: "distributor".into(),
                new_code_id: 12,
                msg: to_json_binary(&Empty {}).unwrap(),
            })]
        );
        assert_eq!(action.title(), "Migrate the distributor");
        assert_eq!(
            action.summary(None),
            "the distributor runs code 12 from now"
        );
        let action = StewardAction::UpdateAdmin {
            contract: HolonPart::Group,
            admin: "dao".into(),
        };
        assert_eq!(
            action.msgs(&holon()).unwrap(),
            vec![CosmosMsg::Wasm(WasmMsg::UpdateAdmin {
                contract_addr: "group".into(),
                admin: "dao".into(),
            })]
        );
        assert_eq!(action.summary(None), "dao may migrate the group from now");
    }

    /// One action of every kind.
    fn every_action() -> Vec<StewardAction> {
        use StewardAction::*;
        let member = |addr: &str, weight| Member {
            addr: addr.into(),
            weight,
        };
        vec![
            SetPolicy {
                policy: need_policy(),
            },
            AcceptHolon {
                distributor: "beta".into(),
                rate: dec("0.5"),
                credit_limit: Uint128::new(1_000),
            },
            UpdateHolon {
                token: "bflow".into(),
                rate: None,
                credit_limit: Some(Uint128::new(5)),
                enabled: Some(true),
            },
            RemoveHolon {
                token: "bflow".into(),
            },
            SettleForeign {
                token: "bflow".into(),
                amount: Some(Uint128::new(3)),
            },
            ReturnForeign {
                token: "bflow".into(),
                recipient: "bea".into(),
                amount: Uint128::new(3),
            },
            SetCategory {
                category: Category {
                    id: "tools".into(),
                    label: "Tools".into(),
                    impact: Decimal::one(),
                    capacity_building: false,
                    need_factor: Decimal::one(),
                    unit_credit: Decimal::zero(),
                },
            },
            UpdateRegistryConfig {
                group: Some("group2".into()),
                posting: None,
                max_requesters_per_need: None,
            },
            SetNeedFactors {
                id: 1,
                impact: Some(dec("2")),
                unit_credit: None,
                capacity_building: None,
            },
            SetNeedStatus {
                id: 1,
                status: NeedStatus::Fulfilled,
            },
            PostNeed {
                need: NeedInput {
                    category: "food".into(),
                    title: "Bread".into(),
                    description: String::new(),
                    unit: "loaf".into(),
                    quantity: dec("20"),
                    period: Period::Monthly,
                    impact: None,
                    unit_credit: None,
                    capacity_building: None,
                },
            },
            SetAttestationPolicy {
                policy: AttestationPolicy::default(),
            },
            ResolveDispute {
                id: 2,
                uphold: false,
            },
            AddMembers {
                members: vec![member("morgan", 2)],
            },
            RemoveMembers {
                members: vec!["sam".into()],
            },
            UpdateMembers {
                add: vec![member("morgan", 1)],
                remove: vec!["sam".into()],
            },
            UpdateMarketing {
                project: None,
                description: Some("ours".into()),
                marketing: None,
            },
            UploadLogo {
                logo: Logo::Url("https://example.invalid/l.png".into()),
            },
            UpdateOwnership {
                contract: Owned::Registry,
                action: Ownership::AcceptOwnership,
            },
            UpdateOwnership {
                contract: Owned::Distributor,
                action: Ownership::RenounceOwnership,
            },
            UpdateGroupAdmin { admin: None },
            Migrate {
                contract: HolonPart::Token,
                new_code_id: 9,
            },
            UpdateAdmin {
                contract: HolonPart::Attestation,
                admin: "dao".into(),
            },
        ]
    }

    #[test]
    fn every_proposal_message_reads_back_as_its_action() {
        for action in every_action() {
            let msgs = action.msgs(&holon()).unwrap();
            assert_eq!(
                decode(&msgs[0], &holon()),
                Some(action.clone()),
                "{action:?}"
            );
            assert!(!action.summary(Some(3)).is_empty());
        }
        // A re-weigh is the group's add: it reads back as one.
        let reweigh = StewardAction::ReweighMembers {
            members: vec![Member {
                addr: "riley".into(),
                weight: 3,
            }],
        };
        let msg = &reweigh.msgs(&holon()).unwrap()[0];
        let read = decode(msg, &holon()).unwrap();
        assert_eq!(
            read,
            StewardAction::AddMembers {
                members: vec![Member {
                    addr: "riley".into(),
                    weight: 3
                }]
            }
        );
        assert_eq!(read.msgs(&holon()).unwrap()[0], *msg);
    }

    #[test]
    fn what_no_steward_sends_reads_as_nothing() {
        let exec = |to: &str, msg: serde_json::Value| -> CosmosMsg {
            WasmMsg::Execute {
                contract_addr: to.into(),
                msg: to_json_binary(&msg).unwrap(),
                funds: vec![],
            }
            .into()
        };
        let not_steward = [
            exec(
                "distributor",
                serde_json::json!({"claim": {"cycle": 1, "member": null}}),
            ),
            exec("distributor", serde_json::json!({"close_cycle": {}})),
            exec("attestation", serde_json::json!({"cosign": {"id": 1}})),
            exec("registry", serde_json::json!({"endorse": {"id": 1}})),
            exec(
                "token",
                serde_json::json!({"transfer": {"recipient": "x", "amount": "1"}}),
            ),
            exec("group", serde_json::json!({"add_hook": {"addr": "x"}})),
            // A steward's message to a contract that is not the holon's.
            exec(
                "elsewhere",
                serde_json::json!({"set_policy": {"policy": Policy::default()}}),
            ),
            cosmwasm_std::BankMsg::Send {
                to_address: "x".into(),
                amount: vec![],
            }
            .into(),
        ];
        for msg in not_steward {
            assert_eq!(decode(&msg, &holon()), None, "{msg:?}");
        }
        // Funds attached: not a steward action either.
        let mut msg = StewardAction::RemoveHolon { token: "b".into() }
            .msgs(&holon())
            .unwrap()
            .remove(0);
        if let CosmosMsg::Wasm(WasmMsg::Execute { funds, .. }) = &mut msg {
            funds.push(cosmwasm_std::coin(1, "ucredit"));
        }
        assert_eq!(decode(&msg, &holon()), None);
    }

    #[test]
    fn the_multisig_takes_a_threshold_a_quorum_and_a_period() {
        let msg = multisig_instantiate_msg("group", dec("0.51"), dec("0.4"), 604_800);
        assert_eq!(
            serde_json::to_value(&msg).unwrap(),
            serde_json::json!({
                "group_addr": "group",
                "threshold": {"threshold_quorum": {"threshold": "0.51", "quorum": "0.4"}},
                "max_voting_period": {"time": 604800},
                "executor": null,
                "proposal_deposit": null
            })
        );
    }
}
