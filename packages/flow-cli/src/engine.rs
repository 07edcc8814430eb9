//! The replay: deploys the scenario's holons on a chain — the embedded one (cw-multi-test,
//! through the flow-testing suite) or a running node — and plays the members' transactions
//! cycle by cycle. Every number of the report is read back from the contracts, never
//! recomputed here.

use std::collections::HashMap;

use anyhow::Error as AnyError;
use cosmwasm_std::{coins, Addr, Decimal, Timestamp, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg, TokenInfoResponse};
use flow_testing::{Governance, Holon, HolonSpec, SuiteBuilder};
use flow_types::attestation::{self as att, AttestationPolicy, AttestationStatus};
use flow_types::common::CycleClock;
use flow_types::distributor::{
    self as dist, AcceptedHolon, AcceptedHolonsResponse, BudgetMode, CycleResponse,
    ExplainResponse, Model, TreasuryResponse,
};
use flow_types::governance::{
    MultisigExecuteMsg, MultisigQueryMsg, Status, StewardAction, Vote, VoteListResponse,
};
use flow_types::holon::{HolonContract, HolonReceiveMsg};
use flow_types::registry::{self as reg, NeedInput};

use crate::diag::Diag;
use crate::holon_file::spec_of;
use crate::ledger::{Attributes, Embedded, Ledger};
use crate::scenario::{
    ActionKind, AttestationPlan, MembersRule, NeedPlan, Origin, Plan, ProposalAction, ProposalPlan,
    Resolution,
};
use crate::words;

mod commons;
pub use commons::{CommonsData, ListingData, SpendData, SpendRow};

/// One member's line in a closed cycle, as `explain` gives it.
#[derive(Clone, Debug)]
pub struct Row {
    pub member: String,
    pub hours: Decimal,
    pub weight: Decimal,
    pub share: Decimal,
    pub contribution: Uint128,
    pub baseline: Uint128,
    pub amount: Uint128,
}

/// A closed cycle of one holon.
#[derive(Clone, Debug)]
pub struct CycleData {
    pub cycle: u64,
    pub model: Model,
    pub policy_version: u32,
    pub budget: Uint128,
    pub reserve_kept: Uint128,
    pub baseline_pool: Uint128,
    pub baseline_each: Uint128,
    pub members_weight: u64,
    pub contribution_pool: Uint128,
    pub total_weight: Decimal,
    pub total_hours: Decimal,
    /// Every member, in the scenario's order (amount zero included).
    pub rows: Vec<Row>,
    pub minted: Uint128,
    pub dust: Uint128,
    /// The cycle's categories as the distributor closed them.
    pub categories: Vec<dist::CycleCategory>,
}

/// An exchange between holons, with what the receiving holon minted.
#[derive(Clone, Debug)]
pub struct ExchangeData {
    pub cycle: u64,
    pub member: String,
    pub from: usize,
    pub to: usize,
    pub amount: Uint128,
    pub minted: Uint128,
}

/// A settlement of foreign tokens at their treasury.
#[derive(Clone, Debug)]
pub struct SettlementData {
    pub cycle: u64,
    pub holon: usize,
    pub foreign: usize,
    pub amount: Uint128,
}

/// A member's proposal, as the multisig tells it.
#[derive(Clone, Debug)]
pub struct ProposalData {
    /// The multisig's id of the proposal.
    pub id: u64,
    pub cycle: u64,
    pub proposer: String,
    /// Its title and plain-words summary, as proposed (addresses read as names).
    pub title: String,
    pub summary: String,
    /// Every vote, the proposer's first, then in the order cast: (member, vote, weight).
    pub votes: Vec<(String, Vote, u64)>,
    /// The group's weight when it was proposed, and the rule it is decided by.
    pub total_weight: u64,
    pub threshold: Decimal,
    pub quorum: Decimal,
    /// After the votes: open, passed or rejected.
    pub status: Status,
    pub executed: bool,
    /// What it changes (or would have changed, not executed), in plain words.
    pub changes: String,
}

/// What a holon ends with.
#[derive(Clone, Debug)]
pub struct HolonData {
    pub key: String,
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub cycles: Vec<CycleData>,
    /// Members first (all of them), then other named accounts holding tokens.
    pub balances: Vec<(String, Uint128)>,
    pub total_supply: Uint128,
    pub treasury: Option<TreasuryResponse>,
    pub accepted: Vec<AcceptedHolon>,
    /// None: one wallet governs.
    pub governance: Option<MembersRule>,
    pub proposals: Vec<ProposalData>,
    /// The commons' listings and payments (None: the scenario does not use it).
    pub commons: Option<CommonsData>,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub multi: bool,
    pub holons: Vec<HolonData>,
    pub exchanges: Vec<ExchangeData>,
    pub settlements: Vec<SettlementData>,
}

/// A replayed scenario: the chain as it ends, and the report.
pub struct Replay {
    pub ledger: Box<dyn Ledger>,
    pub holons: Vec<Holon>,
    pub report: Report,
}

/// Told how many attestations have been replayed.
pub trait Progress {
    fn attested(&mut self, done: usize);
}

impl Progress for () {
    fn attested(&mut self, _done: usize) {}
}

struct Engine<'a> {
    plan: &'a Plan,
    ledger: Box<dyn Ledger>,
    holons: Vec<Holon>,
    /// Start of each holon's cycle 1, as its distributor keeps it.
    starts: Vec<Timestamp>,
    /// Need ids per holon, by the scenario's key.
    need_ids: Vec<HashMap<String, u64>>,
    /// Attestation ids per holon, by the scenario's index.
    att_ids: Vec<Vec<Option<u64>>>,
    /// Address → scenario name, to make the contracts' messages readable.
    names: Vec<(String, String)>,
    /// Each holon's members' multisig (None: one wallet governs).
    multisigs: Vec<Option<Addr>>,
    /// Attestation rules set by executed proposals, per holon: (cycle, rules).
    att_changes: Vec<Vec<(u64, AttestationPolicy)>>,
    /// The commons' listing ids per holon, by the scenario's key, in the order listed.
    listing_ids: Vec<Vec<(String, u64)>>,
    /// What the commons' payments leave for a later time, and the payments themselves.
    timeline: Vec<commons::Timed>,
    timed_seq: usize,
    spends: Vec<commons::SpendTrack>,
    /// The cycle whose close comes next: what goes to the pool now joins its budget.
    open_cycle: u64,
    report: Report,
    done: usize,
}

/// Every account the scenario names, the first holon's members first (without
/// `governance` and `stranger`, which every chain has too).
pub fn accounts(plan: &Plan) -> Vec<String> {
    let mut accounts: Vec<String> = plan.holons[0].members.clone();
    accounts.extend(plan.accounts());
    accounts
}

/// Replays `plan` on a fresh embedded chain.
pub fn run(plan: &Plan, progress: &mut dyn Progress) -> Result<Replay, Diag> {
    let accounts = accounts(plan);
    let refs: Vec<&str> = accounts.iter().map(|s| s.as_str()).collect();
    // The chain and its accounts; the scenario's holons deploy through
    // `Suite::deploy_holon`, whose errors can be reported.
    let suite = SuiteBuilder::new(HolonSpec::new("unused", "UNUSED"))
        .with_accounts(&refs)
        .build_without_holon();
    run_on(plan, Box::new(Embedded { suite }), progress)
}

/// Replays `plan` on `ledger`, whose accounts exist and can pay their fees.
pub fn run_on(
    plan: &Plan,
    ledger: Box<dyn Ledger>,
    progress: &mut dyn Progress,
) -> Result<Replay, Diag> {
    let mut names: Vec<(String, String)> = accounts(plan)
        .iter()
        .chain(["governance".to_string(), "stranger".to_string()].iter())
        .map(|n| (ledger.addr(n), n.clone()))
        .collect();
    // Longest first, so that no address is replaced inside a longer one.
    names.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    let mut engine = Engine {
        plan,
        ledger,
        holons: vec![],
        starts: vec![],
        need_ids: vec![HashMap::new(); plan.holons.len()],
        att_ids: plan
            .holons
            .iter()
            .map(|h| vec![None; h.attestations.len()])
            .collect(),
        names,
        multisigs: vec![],
        att_changes: vec![vec![]; plan.holons.len()],
        listing_ids: vec![vec![]; plan.holons.len()],
        timeline: vec![],
        timed_seq: 0,
        spends: vec![],
        open_cycle: 1,
        report: Report {
            multi: plan.multi,
            holons: plan
                .holons
                .iter()
                .map(|hp| HolonData {
                    key: hp.key.clone(),
                    name: hp.name.clone(),
                    symbol: hp.symbol.clone(),
                    decimals: hp.decimals,
                    cycles: vec![],
                    balances: vec![],
                    total_supply: Uint128::zero(),
                    treasury: None,
                    accepted: vec![],
                    governance: hp.governance.clone(),
                    proposals: vec![],
                    commons: None,
                })
                .collect(),
            exchanges: vec![],
            settlements: vec![],
        },
        done: 0,
    };
    engine.deploy()?;
    for k in 1..=plan.cycles {
        engine.cycle(k, progress)?;
    }
    engine.finish()?;
    Ok(Replay {
        ledger: engine.ledger,
        holons: engine.holons,
        report: engine.report,
    })
}

/// The value of the first contract event attribute `key`.
fn attr(res: &Attributes, key: &str) -> Option<String> {
    res.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// The parts of the multisig's `ProposalResponse` the report reads.
#[derive(serde::Deserialize)]
struct ProposalView {
    status: Status,
    threshold: ThresholdView,
}

/// cw-utils' `ThresholdResponse`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum ThresholdView {
    ThresholdQuorum {
        threshold: Decimal,
        quorum: Decimal,
        total_weight: u64,
    },
    AbsoluteCount {
        weight: u64,
        total_weight: u64,
    },
    AbsolutePercentage {
        percentage: Decimal,
        total_weight: u64,
    },
}

impl ThresholdView {
    /// (total weight, threshold, quorum) as shares.
    fn rule(&self) -> (u64, Decimal, Decimal) {
        match *self {
            ThresholdView::ThresholdQuorum {
                threshold,
                quorum,
                total_weight,
            } => (total_weight, threshold, quorum),
            ThresholdView::AbsoluteCount {
                weight,
                total_weight,
            } => (
                total_weight,
                Decimal::from_ratio(weight, total_weight.max(1)),
                Decimal::zero(),
            ),
            ThresholdView::AbsolutePercentage {
                percentage,
                total_weight,
            } => (total_weight, percentage, Decimal::zero()),
        }
    }
}

impl<'a> Engine<'a> {
    /// The contract's own message, with addresses replaced by the scenario's names.
    /// Who sends holon `h`'s steward actions: the account `governance = "NAME"` names, else
    /// the simulator's `governance` account.
    fn steward(&self, h: usize) -> &'a str {
        self.plan.holons[h]
            .steward
            .as_deref()
            .unwrap_or("governance")
    }

    fn message(&self, err: &AnyError) -> String {
        let mut m = err.root_cause().to_string();
        for (addr, name) in &self.names {
            if m.contains(addr.as_str()) {
                m = m.replace(addr.as_str(), name);
            }
        }
        m
    }

    fn refused(&self, origin: &Origin, err: &AnyError) -> Diag {
        self.plan.diag(
            origin,
            format!(
                "{}: the chain refused it: {}",
                origin.what,
                self.message(err)
            ),
        )
    }

    fn exec<T: serde::Serialize>(
        &mut self,
        sender: &str,
        contract: &Addr,
        msg: &T,
        origin: &Origin,
    ) -> Result<Attributes, Diag> {
        self.exec_with_funds(sender, contract, msg, &[], origin)
    }

    fn exec_with_funds<T: serde::Serialize>(
        &mut self,
        sender: &str,
        contract: &Addr,
        msg: &T,
        funds: &[cosmwasm_std::Coin],
        origin: &Origin,
    ) -> Result<Attributes, Diag> {
        match self.ledger.execute(sender, contract.as_str(), msg, funds) {
            Ok(r) => Ok(r),
            Err(e) => Err(self.refused(origin, &e)),
        }
    }

    /// A cw20 `send` of `amount` tokens to a holon's distributor, with `payload`.
    fn send_to_holon(
        &mut self,
        from: &str,
        token: &Addr,
        distributor: &Addr,
        amount: u128,
        payload: &HolonReceiveMsg,
        origin: &Origin,
    ) -> Result<Attributes, Diag> {
        let msg = HolonContract(distributor.clone())
            .cw20_send(Uint128::new(amount), payload)
            .map_err(|e| self.plan.diag(origin, e.to_string()))?;
        self.exec(from, token, &msg, origin)
    }

    /// The id attribute `key` of a contract's event; `missing` says whose id did not come.
    fn id_attr(
        &self,
        res: &Attributes,
        key: &str,
        missing: &str,
        origin: &Origin,
    ) -> Result<u64, Diag> {
        attr(res, key)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| self.plan.diag(origin, missing))
    }

    fn balance(&self, token: &Addr, name: &str, origin: &Origin) -> Result<Uint128, Diag> {
        let msg = cw20::Cw20QueryMsg::Balance {
            address: self.ledger.addr(name),
        };
        let b: BalanceResponse = self.query(token, &msg, origin)?;
        Ok(b.balance)
    }

    /// Moves the chain on to `t` (at once on the embedded chain; a node is waited for).
    fn advance_to(&mut self, t: Timestamp, origin: &Origin) -> Result<(), Diag> {
        self.ledger.advance_to(t).map_err(|e| {
            self.plan
                .diag(origin, format!("waiting on the chain: {e:#}"))
        })
    }

    fn now(&self) -> Result<Timestamp, Diag> {
        self.ledger.now().map_err(|e| {
            let origin = &self.plan.holons[0].origin;
            self.plan
                .diag(origin, format!("reading the chain's time: {e:#}"))
        })
    }

    fn query<T: serde::de::DeserializeOwned, Q: serde::Serialize>(
        &self,
        contract: &Addr,
        msg: &Q,
        origin: &Origin,
    ) -> Result<T, Diag> {
        self.ledger.query(contract.as_str(), msg).map_err(|e| {
            self.plan
                .diag(origin, format!("query failed: {}", self.message(&e)))
        })
    }

    fn deploy(&mut self) -> Result<(), Diag> {
        for h in &self.plan.holons {
            let mut spec = spec_of(h);
            if let Governance::Address(name) = spec.governance.clone() {
                // `governance = "NAME"`: the scenario account's address on this ledger.
                spec.governance = Governance::Address(self.ledger.addr(&name));
            }
            let holon = match self.ledger.deploy_holon(&spec) {
                Ok(holon) => holon,
                Err(e) => {
                    return Err(self.plan.diag(
                        &h.origin,
                        format!("deploying {} failed: {}", h.name, self.message(&e)),
                    ))
                }
            };
            let config: dist::ConfigResponse =
                self.query(&holon.distributor, &dist::QueryMsg::Config {}, &h.origin)?;
            self.starts.push(config.config.start);
            for (addr, what) in [
                (&holon.distributor, "distributor"),
                (&holon.token, "token"),
                (&holon.registry, "need registry"),
                (&holon.attestation, "attestation contract"),
                (&holon.group, "group"),
            ] {
                self.names
                    .push((addr.to_string(), format!("{} {what}", h.name)));
            }
            let multisig = self.ledger.governance_of(&holon).map(Addr::unchecked);
            if let Some(m) = &multisig {
                self.names
                    .push((m.to_string(), format!("{} members' governance", h.name)));
            }
            self.multisigs.push(multisig);
            self.holons.push(holon);
        }
        // Acceptance between holons, by the accepting holon's governance.
        for (i, h) in self.plan.holons.iter().enumerate() {
            for a in &h.accepts {
                let msg = dist::ExecuteMsg::AcceptHolon {
                    distributor: self.holons[a.holon].distributor.to_string(),
                    rate: a.rate,
                    credit_limit: Uint128::new(a.credit_limit),
                };
                let d = self.holons[i].distributor.clone();
                self.exec(self.steward(i), &d, &msg, &a.origin)?;
            }
        }
        Ok(())
    }

    fn fund(
        &mut self,
        h: usize,
        from: &str,
        amount: u128,
        memo: Option<String>,
        origin: &Origin,
    ) -> Result<(), Diag> {
        let BudgetMode::Treasury { denom } = &self.plan.holons[h].budget else {
            return Err(self
                .plan
                .diag(origin, "a fixed budget has no treasury to fund"));
        };
        let denom = denom.clone();
        // The funder gets the coins from outside the scenario first.
        self.ledger
            .give(from, amount, &denom)
            .map_err(|e| self.refused(origin, &e))?;
        let d = self.holons[h].distributor.clone();
        let msg = dist::ExecuteMsg::Fund { memo };
        self.exec_with_funds(from, &d, &msg, &coins(amount, &denom), origin)
            .map(|_| ())
    }

    /// Replays cycle `k` of every holon, in the order docs/SCENARIO.md gives.
    fn cycle(&mut self, k: u64, progress: &mut dyn Progress) -> Result<(), Diag> {
        let plan = self.plan;
        self.open_cycle = k;
        // Funds and needs.
        for h in 0..plan.holons.len() {
            self.fund_and_post_needs(h, k)?;
        }
        // Attestations and co-signs, disputes and their resolution.
        let in_challenge = self.attest_and_cosign(k, progress)?;
        // The challenge window passes; anyone finalizes what is still in it.
        self.finalize_challenged(k, in_challenge)?;
        // Governance's policy changes apply from the next cycle.
        self.change_policies(k)?;
        // The members' proposals: proposed, voted, executed once passed.
        self.proposals(k)?;
        // The cycle ends; anyone closes it; every member claims.
        self.close_and_claim(k)?;
        // After the claims: gifts, redemptions, transfers, exchanges, settlements.
        for a in plan.actions.iter().filter(|a| a.cycle == k) {
            self.action(k, &a.kind, &a.origin)?;
        }
        Ok(())
    }

    /// Holon `h`'s funds of cycle `k`, then its needs of cycle `k`.
    fn fund_and_post_needs(&mut self, h: usize, k: u64) -> Result<(), Diag> {
        let plan = self.plan;
        let hp = &plan.holons[h];
        for f in hp.funds.iter().filter(|f| f.cycle == k) {
            self.fund(h, &f.from, f.amount, f.memo.clone(), &f.origin)?;
        }
        for n in hp.needs.iter().filter(|n| n.cycle == k) {
            self.post_need(h, n)?;
        }
        Ok(())
    }

    /// Posts need `n` of holon `h`; governance sets its factors; members endorse and offer.
    fn post_need(&mut self, h: usize, n: &NeedPlan) -> Result<(), Diag> {
        let registry = self.holons[h].registry.clone();
        let input = NeedInput {
            category: n.category.clone(),
            title: n.title.clone(),
            description: n.description.clone(),
            unit: n.unit.clone(),
            quantity: n.quantity,
            period: n.period,
            impact: None,
            unit_credit: None,
            capacity_building: None,
        };
        let poster = n.posted_by.as_deref().unwrap_or(self.steward(h));
        let res = self.exec(
            poster,
            &registry,
            &reg::ExecuteMsg::PostNeed { need: input },
            &n.origin,
        )?;
        let id = self.id_attr(
            &res,
            "need_id",
            "the registry did not say the need's id",
            &n.origin,
        )?;
        self.need_ids[h].insert(n.key.clone(), id);
        if n.impact.is_some() || n.unit_credit.is_some() || n.capacity_building.is_some() {
            let msg = reg::ExecuteMsg::SetNeedFactors {
                id,
                impact: n.impact,
                unit_credit: n.unit_credit,
                capacity_building: n.capacity_building,
            };
            self.exec(self.steward(h), &registry, &msg, &n.origin)?;
        }
        for (m, o) in &n.endorsed_by {
            self.exec(m, &registry, &reg::ExecuteMsg::Endorse { id }, o)?;
        }
        for (m, o) in &n.offered_by {
            self.exec(m, &registry, &reg::ExecuteMsg::Offer { id }, o)?;
        }
        Ok(())
    }

    /// Cycle `k`'s attestations, co-signs and disputes; returns what is left in a challenge
    /// window: (holon, attestation id, origin).
    fn attest_and_cosign(
        &mut self,
        k: u64,
        progress: &mut dyn Progress,
    ) -> Result<Vec<(usize, u64, &'a Origin)>, Diag> {
        let plan = self.plan;
        let mut in_challenge: Vec<(usize, u64, &Origin)> = vec![];
        for (h, hp) in plan.holons.iter().enumerate() {
            let attestation = self.holons[h].attestation.clone();
            for (i, a) in hp.attestations.iter().enumerate() {
                if a.cycle == k {
                    let id = self.attest(h, a, k)?;
                    self.att_ids[h][i] = Some(id);
                    self.done += 1;
                    progress.attested(self.done);
                }
                if a.cosign_cycle != k {
                    continue;
                }
                let Some(id) = self.att_ids[h][i] else {
                    continue;
                };
                for (m, o) in &a.cosigned_by {
                    self.exec(m, &attestation, &att::ExecuteMsg::Cosign { id }, o)?;
                }
                if let Some((by, resolution, o)) = &a.dispute {
                    self.dispute(h, &attestation, id, by, *resolution, o)?;
                } else if hp.attestation_policy.challenge_seconds > 0 && !a.cosigned_by.is_empty() {
                    in_challenge.push((h, id, &a.origin));
                }
            }
        }
        Ok(in_challenge)
    }

    /// Attestation `a` of holon `h`, by its member in cycle `k`: its id on the chain.
    fn attest(&mut self, h: usize, a: &AttestationPlan, k: u64) -> Result<u64, Diag> {
        let attestation = self.holons[h].attestation.clone();
        let need_id = self.need_ids[h][&a.need];
        let buddy = a.buddy.as_ref().map(|b| self.ledger.addr(b));
        let msg = att::ExecuteMsg::Attest {
            need_id,
            hours: a.hours,
            units: a.units,
            description: a.description.clone(),
            evidence: a.evidence.clone(),
            buddy,
        };
        let res = self.exec(&a.member, &attestation, &msg, &a.origin)?;
        let id = self.id_attr(
            &res,
            "attestation_id",
            "the attestation contract did not say the attestation's id",
            &a.origin,
        )?;
        // On a node the clock runs on its own: an attestation that lands in a
        // later cycle would change every payout, so the replay stops.
        let landed = attr(&res, "cycle").and_then(|v| v.parse::<u64>().ok());
        if landed.is_some_and(|c| c != k) {
            return Err(self.plan.diag(
                &a.origin,
                format!(
                    "{}: it landed in the chain's cycle {} instead of cycle {k}: \
                     the chain's cycles are too short for this scenario's \
                     transactions (give a longer --cycle-seconds)",
                    a.origin.what,
                    landed.unwrap_or_default()
                ),
            ));
        }
        Ok(id)
    }

    /// `by` disputes attestation `id`; governance resolves the dispute.
    fn dispute(
        &mut self,
        h: usize,
        attestation: &Addr,
        id: u64,
        by: &str,
        resolution: Resolution,
        origin: &Origin,
    ) -> Result<(), Diag> {
        let reason = format!("{by} disputes it");
        self.exec(
            by,
            attestation,
            &att::ExecuteMsg::Dispute { id, reason },
            origin,
        )?;
        let uphold = resolution == Resolution::Reject;
        self.exec(
            self.steward(h),
            attestation,
            &att::ExecuteMsg::ResolveDispute { id, uphold },
            origin,
        )?;
        Ok(())
    }

    /// The longest challenge window passes; anyone finalizes what is still in it.
    fn finalize_challenged(
        &mut self,
        k: u64,
        in_challenge: Vec<(usize, u64, &Origin)>,
    ) -> Result<(), Diag> {
        if in_challenge.is_empty() {
            return Ok(());
        }
        let wait = in_challenge
            .iter()
            .map(|(h, _, _)| self.current_attestation_policy(*h, k).challenge_seconds)
            .max()
            .unwrap_or(0);
        if let Some((_, _, origin)) = in_challenge.first() {
            let origin = (*origin).clone();
            let until = self.now()?.plus_seconds(wait);
            self.run_due(until)?;
            self.advance_to(until, &origin)?;
        }
        for (h, id, origin) in in_challenge {
            let attestation = self.holons[h].attestation.clone();
            let a: att::AttestationResponse =
                self.query(&attestation, &att::QueryMsg::Attestation { id }, origin)?;
            if a.attestation.status == AttestationStatus::Challenge {
                self.exec(
                    "stranger",
                    &attestation,
                    &att::ExecuteMsg::Finalize { id },
                    origin,
                )?;
            }
        }
        Ok(())
    }

    /// Governance sets the policies changed in cycle `k` (they apply from the next cycle).
    fn change_policies(&mut self, k: u64) -> Result<(), Diag> {
        let plan = self.plan;
        for (h, hp) in plan.holons.iter().enumerate() {
            for c in hp.policy_changes.iter().filter(|c| c.cycle == k) {
                let d = self.holons[h].distributor.clone();
                self.exec(
                    self.steward(h),
                    &d,
                    &dist::ExecuteMsg::SetPolicy {
                        policy: c.policy.clone(),
                    },
                    &c.origin,
                )?;
                if let Some(p) = &c.attestation_policy {
                    let a = self.holons[h].attestation.clone();
                    self.exec(
                        self.steward(h),
                        &a,
                        &att::ExecuteMsg::SetPolicy { policy: p.clone() },
                        &c.origin,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The members' proposals of cycle `k`, holon by holon, in the order of the file.
    fn proposals(&mut self, k: u64) -> Result<(), Diag> {
        let plan = self.plan;
        for (h, hp) in plan.holons.iter().enumerate() {
            for p in hp.proposals.iter().filter(|p| p.cycle == k) {
                let data = self.proposal(h, k, p)?;
                self.report.holons[h].proposals.push(data);
            }
        }
        Ok(())
    }

    /// `p`'s proposer proposes its action to holon `h`'s multisig, the members vote, and
    /// the proposer executes it if it passed (and the scenario says so).
    fn proposal(&mut self, h: usize, k: u64, p: &ProposalPlan) -> Result<ProposalData, Diag> {
        let multisig = self.multisigs[h].clone().ok_or_else(|| {
            self.plan
                .diag(&p.origin, "this holon has no members' multisig")
        })?;
        let (actions, changes, att_policy) = self.steward_actions(h, k, p)?;
        let msg = words::propose(&actions, &self.holons[h].addresses(), k + 1)
            .map_err(|e| self.plan.diag(&p.origin, e.to_string()))?;
        let MultisigExecuteMsg::Propose {
            title, description, ..
        } = &msg
        else {
            unreachable!("a Propose")
        };
        let (title, summary) = (self.named(title), self.named(description));
        let res = self.exec(&p.proposer, &multisig, &msg, &p.origin)?;
        let id = self.id_attr(
            &res,
            "proposal_id",
            "the multisig did not say the proposal's id",
            &p.origin,
        )?;
        for (member, vote, origin) in &p.votes {
            let vote = MultisigExecuteMsg::Vote {
                proposal_id: id,
                vote: *vote,
            };
            self.exec(member, &multisig, &vote, origin)?;
        }
        let view: ProposalView = self.query(
            &multisig,
            &MultisigQueryMsg::Proposal { proposal_id: id },
            &p.origin,
        )?;
        let executed = p.execute && view.status == Status::Passed;
        if executed {
            let msg = MultisigExecuteMsg::Execute { proposal_id: id };
            let res = self.exec(&p.proposer, &multisig, &msg, &p.origin)?;
            self.executed(h, k, p, att_policy, &res);
        }
        let (total_weight, threshold, quorum) = view.threshold.rule();
        Ok(ProposalData {
            id,
            cycle: k,
            proposer: p.proposer.clone(),
            title,
            summary,
            votes: self.votes(&multisig, id, p)?,
            total_weight,
            threshold,
            quorum,
            status: view.status,
            executed,
            changes,
        })
    }

    /// What an executed proposal changes that the replay keeps track of: the attestation
    /// rules (their challenge window), a settlement (for the report).
    fn executed(
        &mut self,
        h: usize,
        k: u64,
        p: &ProposalPlan,
        att_policy: Option<AttestationPolicy>,
        res: &Attributes,
    ) {
        if let Some(a) = att_policy {
            self.att_changes[h].push((k, a));
        }
        if let ProposalAction::Settle { foreign, .. } = &p.action {
            let settled = attr(res, "amount")
                .and_then(|v| v.parse::<u128>().ok())
                .unwrap_or(0);
            self.report.settlements.push(SettlementData {
                cycle: k,
                holon: h,
                foreign: *foreign,
                amount: Uint128::new(settled),
            });
        }
    }

    /// The votes cast on proposal `id`, the proposer's first, then in the scenario's order.
    fn votes(
        &self,
        multisig: &Addr,
        id: u64,
        p: &ProposalPlan,
    ) -> Result<Vec<(String, Vote, u64)>, Diag> {
        let mut cast: Vec<(String, Vote, u64)> = vec![];
        let mut start_after = None;
        loop {
            let page: VoteListResponse = self.query(
                multisig,
                &MultisigQueryMsg::ListVotes {
                    proposal_id: id,
                    start_after: start_after.clone(),
                    limit: Some(30),
                },
                &p.origin,
            )?;
            let Some(last) = page.votes.last() else { break };
            start_after = Some(last.voter.clone());
            cast.extend(page.votes.into_iter().map(|v| (v.voter, v.vote, v.weight)));
        }
        let order: Vec<&str> = std::iter::once(p.proposer.as_str())
            .chain(p.votes.iter().map(|(m, _, _)| m.as_str()))
            .collect();
        let mut votes = vec![];
        for name in order {
            let addr = self.ledger.addr(name);
            if let Some((_, vote, weight)) = cast.iter().find(|(a, _, _)| *a == addr) {
                votes.push((name.to_string(), *vote, *weight));
            }
        }
        Ok(votes)
    }

    /// The steward actions a proposal sends, what they change in words, and the attestation
    /// rules it sets (if it does). A policy is read from the contracts as it stands (the
    /// latest scheduled), and the proposal's keys set over it.
    fn steward_actions(
        &self,
        h: usize,
        k: u64,
        p: &ProposalPlan,
    ) -> Result<(Vec<StewardAction>, String, Option<AttestationPolicy>), Diag> {
        let holon = &self.holons[h];
        let o = &p.origin;
        Ok(match &p.action {
            ProposalAction::Policy(patch) => {
                let now: dist::PolicyResponse = self.query(
                    &holon.distributor,
                    &dist::QueryMsg::Policy { version: None },
                    o,
                )?;
                let latest = now.schedule.iter().map(|s| s.version).max();
                let policy = match latest {
                    Some(v) if v != now.version => {
                        let r: dist::PolicyResponse = self.query(
                            &holon.distributor,
                            &dist::QueryMsg::Policy { version: Some(v) },
                            o,
                        )?;
                        r.policy
                    }
                    _ => now.policy,
                };
                let config: att::ConfigResponse =
                    self.query(&holon.attestation, &att::QueryMsg::Config {}, o)?;
                let rules = config.config.policy;
                let (new_policy, new_rules) = patch.apply(&policy, &rules);
                let changes =
                    words::policy_changes(&policy, &new_policy, &rules, &new_rules, k + 1);
                let mut actions = vec![];
                if patch.sets_distribution() {
                    actions.push(StewardAction::SetPolicy { policy: new_policy });
                }
                let mut att_policy = None;
                if patch.sets_attestation() {
                    actions.push(StewardAction::SetAttestationPolicy {
                        policy: new_rules.clone(),
                    });
                    att_policy = Some(new_rules);
                }
                (actions, changes, att_policy)
            }
            ProposalAction::Category(patch) => {
                let current: Option<reg::CategoryResponse> = self
                    .ledger
                    .query(
                        holon.registry.as_str(),
                        &reg::QueryMsg::Category {
                            id: patch.id.clone(),
                        },
                    )
                    .ok();
                let current = current.map(|c| c.category);
                let category = patch.apply(current.as_ref());
                let changes = words::category_changes(current.as_ref(), &category);
                (vec![StewardAction::SetCategory { category }], changes, None)
            }
            ProposalAction::NeedFactors {
                need,
                impact,
                unit_credit,
                capacity_building,
            } => {
                let id = self.need_ids[h][need];
                let action = StewardAction::SetNeedFactors {
                    id,
                    impact: *impact,
                    unit_credit: *unit_credit,
                    capacity_building: *capacity_building,
                };
                let changes = action.summary(None).replacen(
                    &format!("need #{id}"),
                    &format!("need {need}"),
                    1,
                );
                (vec![action], changes, None)
            }
            ProposalAction::Accept(a) => {
                let action = StewardAction::AcceptHolon {
                    distributor: self.holons[a.holon].distributor.to_string(),
                    rate: a.rate,
                    credit_limit: Uint128::new(a.credit_limit),
                };
                let changes = self.named(&action.summary(None));
                (vec![action], changes, None)
            }
            ProposalAction::Settle { foreign, amount } => {
                let action = StewardAction::SettleForeign {
                    token: self.holons[*foreign].token.to_string(),
                    amount: amount.map(Uint128::new),
                };
                let changes = self.named(&action.summary(None));
                (vec![action], changes, None)
            }
        })
    }

    /// `text` with every address the replay knows replaced by its scenario name.
    fn named(&self, text: &str) -> String {
        let mut t = text.to_string();
        let mut names = self.names.clone();
        names.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        for (addr, name) in &names {
            if t.contains(addr.as_str()) {
                t = t.replace(addr.as_str(), name);
            }
        }
        t
    }

    /// Cycle `k` ends; in each holon anyone closes it, every member claims, the report reads it.
    fn close_and_claim(&mut self, k: u64) -> Result<(), Diag> {
        let plan = self.plan;
        // The contracts' own clock says when cycle k ends, to the nanosecond.
        let end = (0..self.holons.len())
            .map(|h| {
                let length = self.plan.holons[h].cycle_seconds;
                CycleClock {
                    start: self.starts[h],
                    length,
                }
                .end_of(k)
            })
            .max();
        if let Some(end) = end {
            // The commons' bookings that start in the cycle go to the pool (and escrows
            // whose window ends in it to the member) first, at their time.
            self.run_due(end)?;
            let origin = plan.holons[0].origin.clone();
            self.advance_to(end, &origin)?;
        }
        for h in 0..self.holons.len() {
            self.close_holon_cycle(h, k)?;
            let data = self.cycle_data(h, k)?;
            self.report.holons[h].cycles.push(data);
        }
        self.open_cycle = k + 1;
        Ok(())
    }

    /// Anyone closes cycle `k` of holon `h`; each member claims (nothing to claim is no error).
    fn close_holon_cycle(&mut self, h: usize, k: u64) -> Result<(), Diag> {
        let plan = self.plan;
        let d = self.holons[h].distributor.clone();
        let origin = plan.holons[h].origin.clone();
        let origin = Origin {
            what: format!("closing cycle {k} of {}", plan.holons[h].name),
            ..origin
        };
        self.exec("stranger", &d, &dist::ExecuteMsg::CloseCycle {}, &origin)?;
        for m in &plan.holons[h].members {
            let msg = dist::ExecuteMsg::Claim {
                cycle: Some(k),
                member: None,
            };
            if let Err(e) = self.ledger.execute(m, d.as_str(), &msg, &[]) {
                let text = e.root_cause().to_string();
                if !text.starts_with("nothing to claim") {
                    let origin = Origin {
                        what: format!("{m} claiming cycle {k} of {}", plan.holons[h].name),
                        ..origin.clone()
                    };
                    return Err(self.refused(&origin, &e));
                }
            }
        }
        Ok(())
    }

    /// The attestation rules in force in cycle `k` (changes apply from the next cycle).
    fn current_attestation_policy(&self, h: usize, k: u64) -> att::AttestationPolicy {
        let hp = &self.plan.holons[h];
        hp.policy_changes
            .iter()
            .filter(|c| c.cycle < k)
            .filter_map(|c| c.attestation_policy.clone())
            .next_back()
            .or_else(|| {
                self.att_changes[h]
                    .iter()
                    .filter(|(c, _)| *c < k)
                    .map(|(_, p)| p.clone())
                    .next_back()
            })
            .unwrap_or_else(|| hp.attestation_policy.clone())
    }

    fn cycle_data(&self, h: usize, k: u64) -> Result<CycleData, Diag> {
        let hp = &self.plan.holons[h];
        let d = &self.holons[h].distributor;
        let c: CycleResponse = self.query(d, &dist::QueryMsg::Cycle { cycle: k }, &hp.origin)?;
        let mut rows = vec![];
        let mut paid = Uint128::zero();
        for m in &hp.members {
            let member = self.ledger.addr(m);
            let e: ExplainResponse =
                self.query(d, &dist::QueryMsg::Explain { cycle: k, member }, &hp.origin)?;
            paid += e.contribution_amount;
            rows.push(Row {
                member: m.clone(),
                hours: e
                    .categories
                    .iter()
                    .fold(Decimal::zero(), |s, c| s + c.hours),
                weight: e.weight,
                share: e.share,
                contribution: e.contribution_amount,
                baseline: e.baseline_amount,
                amount: e.amount,
            });
        }
        let dust = if c.total_weight.is_zero() {
            Uint128::zero()
        } else {
            c.contribution_pool - paid
        };
        Ok(CycleData {
            cycle: k,
            model: c.model,
            policy_version: c.policy_version,
            budget: c.budget,
            reserve_kept: c.reserve_kept,
            baseline_pool: c.baseline_pool,
            baseline_each: c.baseline_each,
            members_weight: c.members_weight,
            contribution_pool: c.contribution_pool,
            total_weight: c.total_weight,
            total_hours: c.total_hours,
            rows,
            minted: c.claimed,
            dust,
            categories: c.categories,
        })
    }

    /// One action after the claims of cycle `k`: a token move, an exchange or a settlement.
    fn action(&mut self, k: u64, kind: &ActionKind, origin: &Origin) -> Result<(), Diag> {
        match kind {
            ActionKind::Gift {
                holon,
                from,
                to,
                amount,
            }
            | ActionKind::Transfer {
                holon,
                from,
                to,
                amount,
            } => self.transfer(*holon, from, to, *amount, origin)?,
            ActionKind::GiftToPool {
                holon,
                from,
                amount,
            } => {
                let (token, d) = (
                    self.holons[*holon].token.clone(),
                    self.holons[*holon].distributor.clone(),
                );
                let gift = HolonReceiveMsg::GiftToPool {};
                self.send_to_holon(from, &token, &d, *amount, &gift, origin)?;
            }
            ActionKind::Redeem {
                holon,
                member,
                amount,
                recipient,
            } => {
                let (token, d) = (
                    self.holons[*holon].token.clone(),
                    self.holons[*holon].distributor.clone(),
                );
                let recipient = recipient.as_ref().map(|r| self.ledger.addr(r));
                let redeem = HolonReceiveMsg::Redeem { recipient };
                self.send_to_holon(member, &token, &d, *amount, &redeem, origin)?;
            }
            ActionKind::Exchange {
                from,
                to,
                member,
                amount,
                recipient,
            } => {
                let token = self.holons[*from].token.clone();
                let d = self.holons[*to].distributor.clone();
                let recipient = recipient.as_ref().map(|r| self.ledger.addr(r));
                let exchange = HolonReceiveMsg::Exchange { recipient };
                let res = self.send_to_holon(member, &token, &d, *amount, &exchange, origin)?;
                let minted = attr(&res, "minted")
                    .and_then(|v| v.parse::<u128>().ok())
                    .unwrap_or(0);
                self.report.exchanges.push(ExchangeData {
                    cycle: k,
                    member: member.clone(),
                    from: *from,
                    to: *to,
                    amount: Uint128::new(*amount),
                    minted: Uint128::new(minted),
                });
            }
            ActionKind::Settle {
                holon,
                foreign,
                amount,
            } => self.settle(k, *holon, *foreign, *amount, origin)?,
            ActionKind::List { .. }
            | ActionKind::SetListing { .. }
            | ActionKind::Book { .. }
            | ActionKind::Buy { .. } => self.commons_action(k, kind, origin)?,
        }
        Ok(())
    }

    /// A cw20 transfer of holon `holon`'s tokens (a gift or a transfer).
    fn transfer(
        &mut self,
        holon: usize,
        from: &str,
        to: &str,
        amount: u128,
        origin: &Origin,
    ) -> Result<(), Diag> {
        let token = self.holons[holon].token.clone();
        let recipient = self.ledger.addr(to);
        let msg = Cw20ExecuteMsg::Transfer {
            recipient,
            amount: Uint128::new(amount),
        };
        self.exec(from, &token, &msg, origin)?;
        Ok(())
    }

    /// Holon `holon`'s governance redeems its `foreign` tokens at their treasury, reported.
    fn settle(
        &mut self,
        k: u64,
        holon: usize,
        foreign: usize,
        amount: Option<u128>,
        origin: &Origin,
    ) -> Result<(), Diag> {
        let d = self.holons[holon].distributor.clone();
        let token = self.holons[foreign].token.to_string();
        let msg = dist::ExecuteMsg::SettleForeign {
            token,
            amount: amount.map(Uint128::new),
        };
        let res = self.exec(self.steward(holon), &d, &msg, origin)?;
        let settled = attr(&res, "amount")
            .and_then(|v| v.parse::<u128>().ok())
            .unwrap_or(0);
        self.report.settlements.push(SettlementData {
            cycle: k,
            holon,
            foreign,
            amount: Uint128::new(settled),
        });
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Diag> {
        // Everyone the scenario names, members first.
        let mut others: Vec<String> = vec![];
        for hp in &self.plan.holons {
            for m in &hp.members {
                if !others.contains(m) {
                    others.push(m.clone());
                }
            }
        }
        others.extend(
            self.plan
                .accounts()
                .into_iter()
                .filter(|a| !others.contains(a))
                .collect::<Vec<_>>(),
        );
        for h in 0..self.holons.len() {
            let hp = &self.plan.holons[h];
            let token = self.holons[h].token.clone();
            let mut balances: Vec<(String, Uint128)> = vec![];
            for m in &hp.members {
                balances.push((m.clone(), self.balance(&token, m, &hp.origin)?));
            }
            for o in others.iter().filter(|o| !hp.members.contains(o)) {
                let b = self.balance(&token, o, &hp.origin)?;
                if !b.is_zero() {
                    balances.push((o.clone(), b));
                }
            }
            let info: TokenInfoResponse =
                self.query(&token, &cw20::Cw20QueryMsg::TokenInfo {}, &hp.origin)?;
            let d = self.holons[h].distributor.clone();
            let treasury = match hp.budget {
                BudgetMode::Treasury { .. } => {
                    Some(self.query(&d, &dist::QueryMsg::Treasury {}, &hp.origin)?)
                }
                BudgetMode::Fixed { .. } => None,
            };
            let accepted: AcceptedHolonsResponse = self.query(
                &d,
                &dist::QueryMsg::AcceptedHolons {
                    start_after: None,
                    limit: Some(100),
                },
                &hp.origin,
            )?;
            let commons = self.commons_data(h)?;
            let data = &mut self.report.holons[h];
            data.commons = commons;
            data.symbol = info.symbol;
            data.decimals = info.decimals;
            data.balances = balances;
            data.total_supply = info.total_supply;
            data.treasury = treasury;
            data.accepted = accepted.holons;
        }
        Ok(())
    }
}
