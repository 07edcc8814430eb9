//! `SuiteBuilder` → `Suite`: one or more holons on an embedded chain, with the members'
//! transactions as typed helpers.

use std::collections::BTreeMap;
use std::str::FromStr;

use anyhow::{anyhow, Result as AnyResult};
use cosmwasm_std::{coins, Addr, Coin, CosmosMsg, Decimal, Timestamp, Uint128, WasmMsg};
use cw20::{BalanceResponse, Cw20ExecuteMsg, TokenInfoResponse};
use cw_multi_test::{App, AppBuilder, AppResponse, Executor};
use flow_types::attestation::{self as att, AttestationPolicy};
use flow_types::commons::{self as cm, ListingInput, ReceiveMsg};
use flow_types::distributor::{
    self as dist, AttestationSetup, BudgetMode, CycleResponse, ExplainResponse, Policy,
    PreviewResponse, TokenSetup, TreasuryResponse,
};
use flow_types::governance::{
    self as gov, HolonAddresses, MultisigExecuteMsg, MultisigInstantiateMsg, MultisigQueryMsg,
    ProposalResponse, StewardAction, Vote, VoteInfo, VoteListResponse,
};
use flow_types::holon::{HolonContract, HolonReceiveMsg};
use flow_types::registry::{self as reg, Category, NeedInput, Period, PostingRule};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::contracts;

/// The native denom treasuries are funded in.
pub const DENOM: &str = "ucredit";
/// What every named account starts with.
pub const STARTING_BALANCE: u128 = 1_000_000_000_000_000;
/// The commons' confirmation window unless a spec says otherwise: three days.
pub const DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS: u64 = 3 * 86_400;
/// Blocks per second of simulated time (one block every 5 s).
const SECONDS_PER_BLOCK: u64 = 5;

/// Parse a decimal literal, panicking on a typo in a test.
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("bad decimal {s:?}: {e}"))
}

/// A category as tests describe it.
pub fn category(id: &str) -> Category {
    Category {
        id: id.to_string(),
        label: id.to_string(),
        impact: Decimal::one(),
        capacity_building: false,
        need_factor: Decimal::one(),
        unit_credit: Decimal::zero(),
    }
}

/// Who governs a holon: owns the registry, the attestation contract and the distributor,
/// administers every contract (migrations) and the cw4 group (membership).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Governance {
    /// One wallet: the suite's `governance` account, which deploys the holon. The default.
    #[default]
    Wallet,
    /// The members themselves: a cw3-flex-multisig over the holon's own cw4 group. A
    /// proposal passes when `threshold` of the weight voting says yes and at least `quorum`
    /// of the group's weight votes, within `voting_period` seconds; anyone executes it.
    Members {
        threshold: Decimal,
        quorum: Decimal,
        voting_period: u64,
    },
    /// An existing address (a wallet, a cw3, a DAO core), named by its address.
    Address(String),
}

/// Everything that describes one holon to deploy.
#[derive(Clone, Debug)]
pub struct HolonSpec {
    pub name: String,
    /// The token's name (default: "<name> Flow").
    pub token_name: Option<String>,
    pub symbol: String,
    pub decimals: u8,
    pub members: Vec<String>,
    pub categories: Vec<Category>,
    pub policy: Policy,
    pub attestation_policy: AttestationPolicy,
    pub budget: BudgetMode,
    pub cycle_seconds: u64,
    pub posting: PostingRule,
    pub governance: Governance,
    /// Members' weights in the cw4 group, by name; a member not listed has weight 1.
    pub weights: BTreeMap<String, u64>,
    /// The registry's bound on the requesters of one need (None: the registry's default).
    pub max_requesters_per_need: Option<u32>,
    /// How long a buyer of a member's offer in the holon's commons has to confirm or
    /// dispute it (default [`DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS`], three days).
    pub commons_confirm_window_seconds: u64,
}

impl HolonSpec {
    pub fn new(name: &str, symbol: &str) -> Self {
        Self {
            name: name.into(),
            token_name: None,
            symbol: symbol.into(),
            decimals: 6,
            members: vec![],
            categories: vec![],
            policy: Policy::default(),
            attestation_policy: AttestationPolicy::default(),
            budget: BudgetMode::Treasury {
                denom: DENOM.into(),
            },
            cycle_seconds: 2_592_000,
            posting: PostingRule::Members,
            governance: Governance::Wallet,
            weights: BTreeMap::new(),
            max_requesters_per_need: None,
            commons_confirm_window_seconds: DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS,
        }
    }

    /// The cw4 weight of member `name` (1 unless `weights` says otherwise).
    pub fn weight_of(&self, name: &str) -> u64 {
        self.weights.get(name).copied().unwrap_or(1)
    }

    /// The members' multisig over `group`, when the members govern the holon.
    pub fn multisig_msg(&self, group: &str) -> Option<MultisigInstantiateMsg> {
        match self.governance {
            Governance::Members {
                threshold,
                quorum,
                voting_period,
            } => Some(gov::multisig_instantiate_msg(
                group,
                threshold,
                quorum,
                voting_period,
            )),
            _ => None,
        }
    }

    /// The cw4 group of the holon, `admin` its admin: `members` are the addresses of the
    /// spec's members, in their order, each with its weight (`weight_of`, default 1).
    pub fn group_msg(&self, members: &[String], admin: &str) -> cw4_group::msg::InstantiateMsg {
        cw4_group::msg::InstantiateMsg {
            admin: Some(admin.to_string()),
            members: members
                .iter()
                .enumerate()
                .map(|(i, addr)| cw4::Member {
                    addr: addr.clone(),
                    weight: self.members.get(i).map_or(1, |m| self.weight_of(m)),
                })
                .collect(),
        }
    }

    /// The need registry, owned by `owner`, with the spec's categories.
    pub fn registry_msg(&self, owner: &str, group: &str) -> reg::InstantiateMsg {
        reg::InstantiateMsg {
            owner: owner.to_string(),
            group: group.to_string(),
            posting: self.posting,
            categories: self.categories.clone(),
            max_requesters_per_need: self.max_requesters_per_need,
        }
    }

    /// The distributor, which creates the token and the attestation contract from the
    /// given code ids `(token, attestation)`; cycle 1 starts at `cycle_start` (None: the
    /// block it is instantiated in).
    pub fn distributor_msg(
        &self,
        governance: &str,
        group: &str,
        registry: &str,
        (token_code, attestation_code): (u64, u64),
        cycle_start: Option<Timestamp>,
    ) -> dist::InstantiateMsg {
        dist::InstantiateMsg {
            name: self.name.clone(),
            governance: governance.to_string(),
            group: group.to_string(),
            registry: registry.to_string(),
            token: TokenSetup::New {
                code_id: token_code,
                name: self
                    .token_name
                    .clone()
                    .unwrap_or_else(|| format!("{} Flow", self.name)),
                symbol: self.symbol.clone(),
                decimals: self.decimals,
                marketing: None,
                label: format!("{} token", self.name),
            },
            attestation: AttestationSetup::New {
                code_id: attestation_code,
                label: format!("{} attestations", self.name),
                policy: self.attestation_policy.clone(),
            },
            cycle_start,
            cycle_seconds: self.cycle_seconds,
            policy: self.policy.clone(),
            budget: self.budget.clone(),
        }
    }

    /// The holon's commons, owned by `governance`: members list offers in `group`, payments
    /// in `token` only, resource payments to `distributor`'s pool, categories the
    /// `registry`'s; the spec's confirmation window, the default bounds.
    pub fn commons_msg(
        &self,
        governance: &str,
        group: &str,
        token: &str,
        distributor: &str,
        registry: &str,
    ) -> cm::InstantiateMsg {
        cm::InstantiateMsg {
            owner: governance.to_string(),
            group: group.to_string(),
            token: token.to_string(),
            distributor: distributor.to_string(),
            registry: Some(registry.to_string()),
            confirm_window_seconds: self.commons_confirm_window_seconds,
            bounds: None,
        }
    }
}

/// The addresses of one deployed holon.
#[derive(Clone, Debug)]
pub struct Holon {
    pub name: String,
    pub group: Addr,
    pub registry: Addr,
    pub attestation: Addr,
    pub distributor: Addr,
    pub token: Addr,
    /// The holon's commons (`contracts/commons`): deployed by the embedded Suite; `None`
    /// where a deployment has none yet (a node deployed by scripts/deploy.mjs).
    pub commons: Option<Addr>,
    pub cycle_seconds: u64,
}

impl Holon {
    /// The addresses steward actions are sent to (`flow_types::governance`).
    pub fn addresses(&self) -> HolonAddresses {
        HolonAddresses {
            group: self.group.to_string(),
            registry: self.registry.to_string(),
            attestation: self.attestation.to_string(),
            distributor: self.distributor.to_string(),
            token: self.token.to_string(),
        }
    }
}

pub struct SuiteBuilder {
    spec: HolonSpec,
    extra_accounts: Vec<String>,
}

impl SuiteBuilder {
    pub fn new(spec: HolonSpec) -> Self {
        Self {
            spec,
            extra_accounts: vec![],
        }
    }

    /// The seed's Holon Alpha: five members and five categories, `time` model, a treasury.
    pub fn holon_alpha() -> Self {
        let mut spec = HolonSpec::new("Holon Alpha", "AFLOW");
        spec.members = ["alex", "jordan", "casey", "riley", "sam"]
            .map(String::from)
            .to_vec();
        spec.categories = ["food", "garden", "energy", "childcare", "facilitation"]
            .map(category)
            .to_vec();
        Self::new(spec)
    }

    pub fn with_members(mut self, members: &[&str]) -> Self {
        self.spec.members = members.iter().map(|m| m.to_string()).collect();
        self
    }
    pub fn with_category(mut self, c: Category) -> Self {
        self.spec.categories.retain(|k| k.id != c.id);
        self.spec.categories.push(c);
        self
    }
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.spec.policy = policy;
        self
    }
    pub fn with_attestation_policy(mut self, policy: AttestationPolicy) -> Self {
        self.spec.attestation_policy = policy;
        self
    }
    pub fn with_budget(mut self, budget: BudgetMode) -> Self {
        self.spec.budget = budget;
        self
    }
    pub fn with_cycle_seconds(mut self, seconds: u64) -> Self {
        self.spec.cycle_seconds = seconds;
        self
    }
    pub fn with_posting(mut self, posting: PostingRule) -> Self {
        self.spec.posting = posting;
        self
    }
    /// Member `name`'s weight in the cw4 group (default 1).
    pub fn with_weight(mut self, name: &str, weight: u64) -> Self {
        self.spec.weights.insert(name.to_string(), weight);
        self
    }
    pub fn with_max_requesters_per_need(mut self, max: u32) -> Self {
        self.spec.max_requesters_per_need = Some(max);
        self
    }
    /// How long a buyer in the holon's commons has to confirm or dispute (default 3 days).
    pub fn with_commons_confirm_window(mut self, seconds: u64) -> Self {
        self.spec.commons_confirm_window_seconds = seconds;
        self
    }
    pub fn with_governance(mut self, governance: Governance) -> Self {
        self.spec.governance = governance;
        self
    }
    /// The members govern the holon through a cw3-flex-multisig over its group
    /// (`Governance::Members`); `voting_period` in seconds.
    pub fn governed_by_members(
        self,
        threshold: Decimal,
        quorum: Decimal,
        voting_period: u64,
    ) -> Self {
        self.with_governance(Governance::Members {
            threshold,
            quorum,
            voting_period,
        })
    }
    /// Named accounts that are not members (strangers, funders).
    pub fn with_accounts(mut self, names: &[&str]) -> Self {
        self.extra_accounts
            .extend(names.iter().map(|n| n.to_string()));
        self
    }

    /// The chain with its accounts and stored code, and the holon deployed.
    pub fn build(self) -> Suite {
        let spec = self.spec.clone();
        let mut suite = self.build_without_holon();
        suite.deploy_holon(&spec).expect("deploy the holon");
        suite
    }

    /// The chain with its accounts (members and extra accounts, funded) and stored code, but
    /// no holon yet: deploy holons with `Suite::deploy_holon`, which reports errors.
    pub fn build_without_holon(self) -> Suite {
        let mut names: Vec<String> = vec!["governance".into(), "stranger".into(), "funder".into()];
        names.extend(self.spec.members.iter().cloned());
        names.extend(self.extra_accounts.iter().cloned());
        let app = AppBuilder::new().build(|router, api, storage| {
            for name in &names {
                router
                    .bank
                    .init_balance(
                        storage,
                        &api.addr_make(name),
                        coins(STARTING_BALANCE, DENOM),
                    )
                    .expect("initial balances");
            }
        });
        let mut suite = Suite::empty(app);
        for n in &names {
            suite.account(n);
        }
        suite
    }
}

pub struct Suite {
    pub app: App,
    /// Who governs the first holon: the deployer (the `governance` account), or its
    /// members' multisig, or the address the spec names.
    pub governance: Addr,
    /// The wallet that deploys every holon: the named account `governance`.
    pub deployer: Addr,
    accounts: BTreeMap<String, Addr>,
    holon: Option<Holon>,
    /// The members' multisig of each holon governed by its members, by distributor.
    multisigs: BTreeMap<Addr, Addr>,
    /// cw3-flex-multisig's code, stored when the first members' holon is deployed.
    multisig_code: Option<u64>,
    pub code: Codes,
}

#[derive(Clone, Copy, Debug)]
pub struct Codes {
    pub group: u64,
    pub registry: u64,
    pub attestation: u64,
    pub distributor: u64,
    pub token: u64,
    pub commons: u64,
    pub cw20_base: u64,
}

impl Suite {
    fn empty(mut app: App) -> Self {
        let code = Codes {
            group: app.store_code(contracts::group()),
            registry: app.store_code(contracts::registry()),
            attestation: app.store_code(contracts::attestation()),
            distributor: app.store_code(contracts::distributor()),
            token: app.store_code(contracts::flow_token()),
            commons: app.store_code(contracts::commons()),
            cw20_base: app.store_code(contracts::cw20_base()),
        };
        let governance = app.api().addr_make("governance");
        Self {
            app,
            deployer: governance.clone(),
            governance,
            accounts: BTreeMap::new(),
            holon: None,
            multisigs: BTreeMap::new(),
            multisig_code: None,
            code,
        }
    }

    /// The first holon deployed.
    pub fn holon(&self) -> &Holon {
        self.holon.as_ref().expect("a holon is deployed")
    }

    /// The address of a named account (created on first use).
    pub fn account(&mut self, name: &str) -> Addr {
        if let Some(a) = self.accounts.get(name) {
            return a.clone();
        }
        let a = self.app.api().addr_make(name);
        self.accounts.insert(name.to_string(), a.clone());
        a
    }

    /// The address of a named account.
    pub fn addr(&self, name: &str) -> Addr {
        self.accounts
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.app.api().addr_make(name))
    }

    /// Deploys a whole holon: group, registry, then the distributor, which creates the
    /// token and the attestation contract, then the commons (`HolonSpec::commons_msg`). The
    /// deployer (the `governance` account) sends every instantiation. When the members
    /// govern (`Governance::Members`), the order is: the group (its admin the deployer), the
    /// multisig over it (its own wasm admin), the registry and the distributor owned and
    /// administered by the multisig, the distributor added as the group's hook (`add_hook`,
    /// by the deployer, still the group's admin), the group's admin and wasm admin pass to
    /// the multisig, then the commons, owned and administered by the multisig; the deployer
    /// keeps nothing.
    /// The first holon deployed becomes the one the helpers act on (`Suite::holon`).
    pub fn deploy_holon(&mut self, spec: &HolonSpec) -> AnyResult<Holon> {
        let deployer = self.deployer.clone();
        let members: Vec<String> = spec
            .members
            .iter()
            .map(|m| self.account(m).to_string())
            .collect();
        let group = self.app.instantiate_contract(
            self.code.group,
            deployer.clone(),
            &spec.group_msg(&members, deployer.as_str()),
            &[],
            format!("{} group", spec.name),
            Some(deployer.to_string()),
        )?;
        let owner = match &spec.governance {
            Governance::Wallet => deployer.clone(),
            Governance::Address(a) => cosmwasm_std::Api::addr_validate(self.app.api(), a)?,
            Governance::Members { .. } => {
                let code = self.multisig_code();
                let msg = spec
                    .multisig_msg(group.as_str())
                    .expect("members govern this holon");
                let multisig = self.app.instantiate_contract(
                    code,
                    deployer.clone(),
                    &msg,
                    &[],
                    format!("{} members' governance", spec.name),
                    Some(deployer.to_string()),
                )?;
                self.update_admin(&multisig, &multisig)?;
                multisig
            }
        };
        let registry = self.app.instantiate_contract(
            self.code.registry,
            deployer.clone(),
            &spec.registry_msg(owner.as_str(), group.as_str()),
            &[],
            format!("{} needs", spec.name),
            Some(owner.to_string()),
        )?;
        let start = self.app.block_info().time;
        let distributor = self.app.instantiate_contract(
            self.code.distributor,
            deployer.clone(),
            &spec.distributor_msg(
                owner.as_str(),
                group.as_str(),
                registry.as_str(),
                (self.code.token, self.code.attestation),
                Some(start),
            ),
            &[],
            format!("{} distributor", spec.name),
            Some(owner.to_string()),
        )?;
        // The group tells the distributor who leaves (`member_changed_hook`): its admin, the
        // deployer until now, adds the distributor as its hook before handing admin on.
        self.app.execute_contract(
            deployer.clone(),
            group.clone(),
            &cw4_group::msg::ExecuteMsg::AddHook {
                addr: distributor.to_string(),
            },
            &[],
        )?;
        if owner != deployer {
            // The group's admin (membership) and wasm admin pass to the holon's governance.
            self.app.execute_contract(
                deployer.clone(),
                group.clone(),
                &cw4_group::msg::ExecuteMsg::UpdateAdmin {
                    admin: Some(owner.to_string()),
                },
                &[],
            )?;
            self.update_admin(&group, &owner)?;
        }
        let config: dist::ConfigResponse = self
            .app
            .wrap()
            .query_wasm_smart(&distributor, &dist::QueryMsg::Config {})?;
        // The commons, after the distributor (it names its token): owned and administered
        // by the holon's governance.
        let commons = self.app.instantiate_contract(
            self.code.commons,
            deployer.clone(),
            &spec.commons_msg(
                owner.as_str(),
                group.as_str(),
                config.config.token.as_str(),
                distributor.as_str(),
                registry.as_str(),
            ),
            &[],
            format!("{} commons", spec.name),
            Some(owner.to_string()),
        )?;
        // Let a block pass so that membership snapshots exist before anything closes.
        self.next_block();
        let holon = Holon {
            name: spec.name.clone(),
            group,
            registry,
            attestation: config.config.attestation,
            distributor,
            token: config.config.token,
            commons: Some(commons),
            cycle_seconds: spec.cycle_seconds,
        };
        if matches!(spec.governance, Governance::Members { .. }) {
            self.multisigs
                .insert(holon.distributor.clone(), owner.clone());
        }
        if self.holon.is_none() {
            self.holon = Some(holon.clone());
            self.governance = owner;
        }
        Ok(holon)
    }

    fn multisig_code(&mut self) -> u64 {
        if let Some(code) = self.multisig_code {
            return code;
        }
        let code = self.app.store_code(contracts::multisig());
        self.multisig_code = Some(code);
        code
    }

    /// The deployer hands a contract's wasm admin (who may migrate it) to `admin`.
    fn update_admin(&mut self, contract: &Addr, admin: &Addr) -> AnyResult<AppResponse> {
        let deployer = self.deployer.clone();
        self.app.execute(
            deployer,
            WasmMsg::UpdateAdmin {
                contract_addr: contract.to_string(),
                admin: admin.to_string(),
            }
            .into(),
        )
    }

    // ---------------------------------------------------------------- time

    pub fn next_block(&mut self) {
        self.advance(SECONDS_PER_BLOCK);
    }

    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(SECONDS_PER_BLOCK).max(1);
        });
    }

    /// Time moves on by one full cycle length of the first holon.
    pub fn a_cycle_passes(&mut self) {
        let s = self.holon().cycle_seconds;
        self.advance(s);
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    // ---------------------------------------------------------------- raw calls

    pub fn execute<T: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &str,
        contract: &Addr,
        msg: &T,
    ) -> AnyResult<AppResponse> {
        let sender = self.account(sender);
        self.app
            .execute_contract(sender, contract.clone(), msg, &[])
    }

    pub fn execute_with_funds<T: Serialize + std::fmt::Debug>(
        &mut self,
        sender: &str,
        contract: &Addr,
        msg: &T,
        funds: &[Coin],
    ) -> AnyResult<AppResponse> {
        let sender = self.account(sender);
        self.app
            .execute_contract(sender, contract.clone(), msg, funds)
    }

    pub fn query<T: DeserializeOwned, Q: Serialize>(
        &self,
        contract: &Addr,
        msg: &Q,
    ) -> AnyResult<T> {
        Ok(self.app.wrap().query_wasm_smart(contract, msg)?)
    }

    // ---------------------------------------------------------------- registry

    /// A member posts a need in `category` (quantity 1, weekly, unit "hours").
    pub fn post_need(&mut self, member: &str, category: &str, title: &str) -> AnyResult<u64> {
        self.post_need_with(member, need(category, title))
    }

    pub fn post_need_with(&mut self, member: &str, need: NeedInput) -> AnyResult<u64> {
        let registry = self.holon().registry.clone();
        let res = self.execute(member, &registry, &reg::ExecuteMsg::PostNeed { need })?;
        attr_u64(&res, "need_id")
    }

    pub fn endorse(&mut self, member: &str, need_id: u64) -> AnyResult<AppResponse> {
        let registry = self.holon().registry.clone();
        self.execute(member, &registry, &reg::ExecuteMsg::Endorse { id: need_id })
    }

    pub fn offer(&mut self, member: &str, need_id: u64) -> AnyResult<AppResponse> {
        let registry = self.holon().registry.clone();
        self.execute(member, &registry, &reg::ExecuteMsg::Offer { id: need_id })
    }

    pub fn set_need_status(
        &mut self,
        sender: &str,
        need_id: u64,
        status: reg::NeedStatus,
    ) -> AnyResult<AppResponse> {
        let registry = self.holon().registry.clone();
        self.execute(
            sender,
            &registry,
            &reg::ExecuteMsg::SetNeedStatus {
                id: need_id,
                status,
            },
        )
    }

    pub fn set_need_factors(
        &mut self,
        need_id: u64,
        impact: Option<&str>,
        unit_credit: Option<&str>,
        capacity_building: Option<bool>,
    ) -> AnyResult<AppResponse> {
        let registry = self.holon().registry.clone();
        self.execute(
            "governance",
            &registry,
            &reg::ExecuteMsg::SetNeedFactors {
                id: need_id,
                impact: impact.map(dec),
                unit_credit: unit_credit.map(dec),
                capacity_building,
            },
        )
    }

    // ---------------------------------------------------------------- attestation

    /// A member attests `hours` and `units` toward a need; returns the attestation id.
    pub fn attest(
        &mut self,
        member: &str,
        need_id: u64,
        hours: &str,
        units: &str,
        buddy: Option<&str>,
    ) -> AnyResult<u64> {
        let buddy = buddy.map(|b| self.account(b).to_string());
        let attestation = self.holon().attestation.clone();
        let res = self.execute(
            member,
            &attestation,
            &att::ExecuteMsg::Attest {
                need_id,
                hours: dec(hours),
                units: dec(units),
                description: format!("{member} did this"),
                evidence: None,
                buddy,
            },
        )?;
        attr_u64(&res, "attestation_id")
    }

    pub fn cosign(&mut self, member: &str, id: u64) -> AnyResult<AppResponse> {
        let attestation = self.holon().attestation.clone();
        self.execute(member, &attestation, &att::ExecuteMsg::Cosign { id })
    }

    pub fn finalize(&mut self, sender: &str, id: u64) -> AnyResult<AppResponse> {
        let attestation = self.holon().attestation.clone();
        self.execute(sender, &attestation, &att::ExecuteMsg::Finalize { id })
    }

    pub fn dispute(&mut self, member: &str, id: u64, reason: &str) -> AnyResult<AppResponse> {
        let attestation = self.holon().attestation.clone();
        self.execute(
            member,
            &attestation,
            &att::ExecuteMsg::Dispute {
                id,
                reason: reason.into(),
            },
        )
    }

    pub fn resolve_dispute(&mut self, id: u64, uphold: bool) -> AnyResult<AppResponse> {
        let attestation = self.holon().attestation.clone();
        self.execute(
            "governance",
            &attestation,
            &att::ExecuteMsg::ResolveDispute { id, uphold },
        )
    }

    pub fn attestation(&self, id: u64) -> AnyResult<att::Attestation> {
        let r: att::AttestationResponse = self.query(
            &self.holon().attestation,
            &att::QueryMsg::Attestation { id },
        )?;
        Ok(r.attestation)
    }

    /// Attest and have the buddy co-sign at once: the common path.
    pub fn contribute(
        &mut self,
        member: &str,
        need_id: u64,
        hours: &str,
        units: &str,
        buddy: &str,
    ) -> AnyResult<u64> {
        let id = self.attest(member, need_id, hours, units, Some(buddy))?;
        self.cosign(buddy, id)?;
        Ok(id)
    }

    // ---------------------------------------------------------------- distributor

    pub fn close_cycle(&mut self) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        self.execute("stranger", &d, &dist::ExecuteMsg::CloseCycle {})
    }

    pub fn claim(&mut self, member: &str, cycle: u64) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        self.execute(
            member,
            &d,
            &dist::ExecuteMsg::Claim {
                cycle: Some(cycle),
                member: None,
            },
        )
    }

    pub fn claim_all(&mut self, member: &str) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        self.execute(
            member,
            &d,
            &dist::ExecuteMsg::Claim {
                cycle: None,
                member: None,
            },
        )
    }

    pub fn claim_for(&mut self, sender: &str, member: &str, cycle: u64) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        let member = self.account(member).to_string();
        self.execute(
            sender,
            &d,
            &dist::ExecuteMsg::Claim {
                cycle: Some(cycle),
                member: Some(member),
            },
        )
    }

    pub fn fund(&mut self, from: &str, amount: u128) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        self.execute_with_funds(
            from,
            &d,
            &dist::ExecuteMsg::Fund {
                memo: Some("test funding".into()),
            },
            &coins(amount, DENOM),
        )
    }

    pub fn set_policy(&mut self, sender: &str, policy: Policy) -> AnyResult<AppResponse> {
        let d = self.holon().distributor.clone();
        self.execute(sender, &d, &dist::ExecuteMsg::SetPolicy { policy })
    }

    pub fn cycle(&self, cycle: u64) -> AnyResult<CycleResponse> {
        self.query(&self.holon().distributor, &dist::QueryMsg::Cycle { cycle })
    }

    pub fn explain(&self, cycle: u64, member: &str) -> AnyResult<ExplainResponse> {
        self.query(
            &self.holon().distributor,
            &dist::QueryMsg::Explain {
                cycle,
                member: self.addr(member).to_string(),
            },
        )
    }

    pub fn preview(&self, member: &str) -> AnyResult<PreviewResponse> {
        self.query(
            &self.holon().distributor,
            &dist::QueryMsg::Preview {
                member: self.addr(member).to_string(),
            },
        )
    }

    pub fn treasury(&self) -> AnyResult<TreasuryResponse> {
        self.query(&self.holon().distributor, &dist::QueryMsg::Treasury {})
    }

    // ---------------------------------------------------------------- governance

    /// The members' multisig of the first holon (it must be governed by its members).
    pub fn multisig(&self) -> Addr {
        self.multisig_of(self.holon())
            .expect("the first holon is governed by its members")
    }

    /// The members' multisig of `holon`, if its members govern it.
    pub fn multisig_of(&self, holon: &Holon) -> Option<Addr> {
        self.multisigs.get(&holon.distributor).cloned()
    }

    /// A member proposes a steward action to the first holon's multisig (the message
    /// `flow_types::governance` builds, saying from which cycle a policy applies); returns
    /// the proposal id. The proposer's vote is a yes with their weight.
    pub fn propose(&mut self, member: &str, action: &StewardAction) -> AnyResult<u64> {
        let current: dist::CurrentCycleResponse =
            self.query(&self.holon().distributor, &dist::QueryMsg::CurrentCycle {})?;
        let msg = action.propose(&self.holon().addresses(), Some(current.cycle + 1))?;
        let multisig = self.multisig();
        let res = self.execute(member, &multisig, &msg)?;
        attr_u64(&res, "proposal_id")
    }

    /// A member proposes any messages; returns the proposal id.
    pub fn propose_msgs(
        &mut self,
        member: &str,
        title: &str,
        msgs: Vec<CosmosMsg>,
    ) -> AnyResult<u64> {
        let multisig = self.multisig();
        let res = self.execute(
            member,
            &multisig,
            &MultisigExecuteMsg::Propose {
                title: title.into(),
                description: title.into(),
                msgs,
                latest: None,
            },
        )?;
        attr_u64(&res, "proposal_id")
    }

    pub fn vote(&mut self, member: &str, proposal_id: u64, vote: Vote) -> AnyResult<AppResponse> {
        let multisig = self.multisig();
        self.execute(
            member,
            &multisig,
            &MultisigExecuteMsg::Vote { proposal_id, vote },
        )
    }

    /// Anyone executes a passed proposal: the multisig sends its messages.
    pub fn execute_proposal(&mut self, sender: &str, proposal_id: u64) -> AnyResult<AppResponse> {
        let multisig = self.multisig();
        self.execute(
            sender,
            &multisig,
            &MultisigExecuteMsg::Execute { proposal_id },
        )
    }

    /// Anyone closes a proposal that was rejected or expired without passing.
    pub fn close_proposal(&mut self, sender: &str, proposal_id: u64) -> AnyResult<AppResponse> {
        let multisig = self.multisig();
        self.execute(
            sender,
            &multisig,
            &MultisigExecuteMsg::Close { proposal_id },
        )
    }

    pub fn proposal(&self, proposal_id: u64) -> AnyResult<ProposalResponse> {
        self.query(
            &self.multisig(),
            &MultisigQueryMsg::Proposal { proposal_id },
        )
    }

    /// The votes cast on a proposal (each with the voter's weight when it opened).
    pub fn votes(&self, proposal_id: u64) -> AnyResult<Vec<VoteInfo>> {
        let r: VoteListResponse = self.query(
            &self.multisig(),
            &MultisigQueryMsg::ListVotes {
                proposal_id,
                start_after: None,
                limit: None,
            },
        )?;
        Ok(r.votes)
    }

    /// `by[0]` proposes `action`, the others vote yes, and a stranger executes it: the
    /// common path of a decision the members agree on. Returns the execution's response.
    pub fn decide(&mut self, by: &[&str], action: &StewardAction) -> AnyResult<AppResponse> {
        let id = self.propose(by[0], action)?;
        for member in &by[1..] {
            self.vote(member, id, Vote::Yes)?;
        }
        self.execute_proposal("stranger", id)
    }

    /// A named account's weight in the first holon's group (None: not a member).
    pub fn member_weight(&self, name: &str) -> Option<u64> {
        let r: cw4::MemberResponse = self
            .query(
                &self.holon().group,
                &cw4_group::msg::QueryMsg::Member {
                    addr: self.addr(name).to_string(),
                    at_height: None,
                },
            )
            .expect("member query");
        r.weight
    }

    // ---------------------------------------------------------------- token

    /// Token balance of a named account in the first holon's token.
    pub fn balance(&self, name: &str) -> u128 {
        self.balance_of(&self.holon().token.clone(), &self.addr(name))
    }

    pub fn balance_of(&self, token: &Addr, addr: &Addr) -> u128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                token,
                &cw20::Cw20QueryMsg::Balance {
                    address: addr.to_string(),
                },
            )
            .expect("balance query");
        r.balance.u128()
    }

    pub fn total_supply(&self) -> u128 {
        self.total_supply_of(&self.holon().token.clone())
    }

    pub fn total_supply_of(&self, token: &Addr) -> u128 {
        let r: TokenInfoResponse = self
            .app
            .wrap()
            .query_wasm_smart(token, &cw20::Cw20QueryMsg::TokenInfo {})
            .expect("token info");
        r.total_supply.u128()
    }

    /// Native balance (treasury denom) of an address.
    pub fn native_balance(&self, addr: &Addr) -> u128 {
        self.app
            .wrap()
            .query_balance(addr, DENOM)
            .expect("bank balance")
            .amount
            .u128()
    }

    pub fn transfer(&mut self, from: &str, to: &str, amount: u128) -> AnyResult<AppResponse> {
        let token = self.holon().token.clone();
        let recipient = self.account(to).to_string();
        self.execute(
            from,
            &token,
            &Cw20ExecuteMsg::Transfer {
                recipient,
                amount: Uint128::new(amount),
            },
        )
    }

    /// cw20 `Send` of `token` to a holon's distributor with a payload.
    pub fn send_to_holon(
        &mut self,
        from: &str,
        token: &Addr,
        distributor: &Addr,
        amount: u128,
        payload: &HolonReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let msg = HolonContract(distributor.clone()).cw20_send(Uint128::new(amount), payload)?;
        self.execute(from, token, &msg)
    }

    /// A plain cw20-base token (no holon) with `amount` held by `holder`: a stranger's token.
    pub fn plain_cw20(&mut self, holder: &str, amount: u128) -> AnyResult<Addr> {
        let holder = self.account(holder);
        self.app.instantiate_contract(
            self.code.cw20_base,
            holder.clone(),
            &cw20_base::msg::InstantiateMsg {
                name: "Other".into(),
                symbol: "OTHER".into(),
                decimals: 6,
                initial_balances: vec![cw20::Cw20Coin {
                    address: holder.to_string(),
                    amount: Uint128::new(amount),
                }],
                mint: None,
                marketing: None,
            },
            &[],
            "other",
            None,
        )
    }

    pub fn redeem(&mut self, member: &str, amount: u128) -> AnyResult<AppResponse> {
        let (token, d) = (self.holon().token.clone(), self.holon().distributor.clone());
        self.send_to_holon(
            member,
            &token,
            &d,
            amount,
            &HolonReceiveMsg::Redeem { recipient: None },
        )
    }

    pub fn gift_to_pool(&mut self, member: &str, amount: u128) -> AnyResult<AppResponse> {
        let (token, d) = (self.holon().token.clone(), self.holon().distributor.clone());
        self.send_to_holon(member, &token, &d, amount, &HolonReceiveMsg::GiftToPool {})
    }

    // ---------------------------------------------------------------- commons

    /// The first holon's commons.
    pub fn commons(&self) -> Addr {
        self.holon()
            .commons
            .clone()
            .expect("the first holon has a commons")
    }

    /// Any message to the first holon's commons.
    pub fn commons_execute(
        &mut self,
        sender: &str,
        msg: &cm::ExecuteMsg,
    ) -> AnyResult<AppResponse> {
        let commons = self.commons();
        self.execute(sender, &commons, msg)
    }

    /// Governance lists a resource, a member an offer; returns the listing id.
    pub fn list(&mut self, sender: &str, listing: ListingInput) -> AnyResult<u64> {
        let res = self.commons_execute(sender, &cm::ExecuteMsg::List { listing })?;
        attr_u64(&res, "listing")
    }

    /// `from` pays `amount` of the holon's token to the commons with `payload`.
    pub fn pay_commons(
        &mut self,
        from: &str,
        amount: u128,
        payload: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let token = self.holon().token.clone();
        self.pay_commons_with(from, &token, amount, payload)
    }

    /// The same with any cw20 `token` (a cw20 `Send` to the commons).
    pub fn pay_commons_with(
        &mut self,
        from: &str,
        token: &Addr,
        amount: u128,
        payload: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        let msg = Cw20ExecuteMsg::Send {
            contract: self.commons().to_string(),
            amount: Uint128::new(amount),
            msg: cosmwasm_std::to_json_binary(payload)?,
        };
        self.execute(from, token, &msg)
    }

    /// `from` books resource `listing` for `[start, end)`, paying `amount`; returns the
    /// booking id.
    pub fn book(
        &mut self,
        from: &str,
        listing: u64,
        start: u64,
        end: u64,
        amount: u128,
    ) -> AnyResult<u64> {
        let payload = ReceiveMsg::Book {
            listing,
            start,
            end,
        };
        let res = self.pay_commons(from, amount, &payload)?;
        attr_u64(&res, "booking")
    }

    /// `from` buys `quantity` units of `listing`, paying `amount`; returns the purchase id.
    pub fn buy(&mut self, from: &str, listing: u64, quantity: u64, amount: u128) -> AnyResult<u64> {
        let res = self.pay_commons(from, amount, &ReceiveMsg::Buy { listing, quantity })?;
        attr_u64(&res, "purchase")
    }

    /// The booker cancels a booking before its start.
    pub fn cancel_booking(&mut self, sender: &str, booking: u64) -> AnyResult<AppResponse> {
        self.commons_execute(sender, &cm::ExecuteMsg::Cancel { booking })
    }

    /// Anyone releases a started booking's payment to the pool.
    pub fn release_booking(&mut self, sender: &str, booking: u64) -> AnyResult<AppResponse> {
        self.commons_execute(sender, &cm::ExecuteMsg::Release { booking })
    }

    /// The buyer confirms a purchase: the escrow goes to the member.
    pub fn confirm_purchase(&mut self, sender: &str, purchase: u64) -> AnyResult<AppResponse> {
        self.commons_execute(sender, &cm::ExecuteMsg::Confirm { purchase })
    }

    /// The buyer disputes a purchase within its window.
    pub fn dispute_purchase(
        &mut self,
        sender: &str,
        purchase: u64,
        reason: &str,
    ) -> AnyResult<AppResponse> {
        self.commons_execute(
            sender,
            &cm::ExecuteMsg::Dispute {
                purchase,
                reason: reason.into(),
            },
        )
    }

    /// Governance splits a disputed purchase: `refund` to the buyer, the rest to the member.
    pub fn resolve_purchase(
        &mut self,
        sender: &str,
        purchase: u64,
        refund: u128,
    ) -> AnyResult<AppResponse> {
        self.commons_execute(
            sender,
            &cm::ExecuteMsg::Resolve {
                purchase,
                refund: Uint128::new(refund),
            },
        )
    }

    /// Anyone releases an undisputed purchase to its member once its window has passed.
    pub fn release_purchase(&mut self, sender: &str, purchase: u64) -> AnyResult<AppResponse> {
        self.commons_execute(sender, &cm::ExecuteMsg::ReleasePurchase { purchase })
    }

    /// The commons' running totals (held, to the pool, to providers, refunded).
    pub fn commons_totals(&self) -> AnyResult<cm::Totals> {
        let r: cm::TotalsResponse = self.query(&self.commons(), &cm::QueryMsg::Totals {})?;
        Ok(r.totals)
    }
}

/// A need as tests post it: 1 hour weekly.
pub fn need(category: &str, title: &str) -> NeedInput {
    NeedInput {
        category: category.into(),
        title: title.into(),
        description: String::new(),
        unit: "hours".into(),
        quantity: Decimal::one(),
        period: Period::Weekly,
        impact: None,
        unit_credit: None,
        capacity_building: None,
    }
}

/// The first value of an event attribute named `key`, as a number.
pub fn attr_u64(res: &AppResponse, key: &str) -> AnyResult<u64> {
    res.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .ok_or_else(|| anyhow!("no attribute {key} in the response"))?
        .value
        .parse()
        .map_err(|e| anyhow!("attribute {key}: {e}"))
}

/// The contract error of type `E` inside `err` (also one wrapped by a submessage), if any.
pub fn contract_error<E: std::error::Error + Send + Sync + 'static>(
    err: &anyhow::Error,
) -> Option<&E> {
    err.chain().find_map(|e| e.downcast_ref::<E>())
}

/// Asserts that a call failed with exactly `expected`: the contract's error, or its message
/// (multi-test keeps only the message of an error raised inside a contract).
#[track_caller]
pub fn assert_error<T: std::fmt::Debug, E>(result: AnyResult<T>, expected: E)
where
    E: std::error::Error + PartialEq + Send + Sync + 'static,
{
    let err = result.expect_err("the call should have failed");
    match contract_error::<E>(&err) {
        Some(e) => assert_eq!(e, &expected, "wrong error"),
        None => assert_eq!(
            err.root_cause().to_string(),
            expected.to_string(),
            "wrong error: {err:#}"
        ),
    }
}
