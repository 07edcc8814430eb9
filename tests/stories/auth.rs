//! Who may do what: every privileged message of every contract, sent by governance, a
//! member, a stranger and other contracts (another holon's distributor, a cw20 token).
//! Only the right caller succeeds; every other gets the contract's exact unauthorized
//! error and nothing changes. Then migrations: only the admin migrates, only forward, only
//! from the same contract.
//!
//! The matrix is the table `ROWS`: one line per message, with who may send it.
//!
//! When the members govern the holon (a cw3-flex-multisig over its group owns and
//! administers everything), the same table is played again: every message governance may
//! send passes only through the members' executed proposal, and every single member (and the
//! wallet that deployed the holon) is refused with the row's exact error.

use cosmwasm_std::{
    to_json_binary, to_json_vec, Addr, Binary, ContractResult, CosmosMsg, Decimal, Deps, DepsMut,
    Empty, Env, MessageInfo, QueryRequest, Response, StdResult, SystemResult, Uint128, WasmMsg,
    WasmQuery,
};
use cw20::{Logo, MinterResponse};
use cw_multi_test::{AppResponse, ContractWrapper, Executor};
use cw_ownable::{Action as Ownership, OwnershipError};
use flow_testing::suite::{contract_error, dec};
use flow_testing::{Governance as HolonGovernance, Holon, HolonSpec, Suite, SuiteBuilder, DENOM};
use flow_types::attestation::{self as att, AttestationPolicy, AttestationStatus};
use flow_types::distributor::{self as dist, Contribution, Policy};
use flow_types::governance::{self as governance, HolonAddresses, MultisigExecuteMsg, Vote};
use flow_types::holon::HolonReceiveMsg;
use flow_types::migrate::MigrateError;
use flow_types::registry::{self as reg, NeedStatus, PostingRule};
use flow_types::token::{self as token, InstantiateMarketingInfo};

use crate::common::*;

const DAY: u64 = 86_400;

/// Who sends a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Governance,
    /// A member who is not the poster of the need the registry rows use.
    Member,
    /// Riley, who posted that need.
    Poster,
    Stranger,
    /// Another holon's distributor (Beta's, or Alpha's for messages sent to Beta).
    OtherDistributor,
    /// A cw20 token contract (Beta's token, or Alpha's for messages sent to Beta).
    OtherToken,
    /// Alpha's attestation contract.
    Attestation,
    /// Alpha's distributor.
    Distributor,
}
use Caller::*;

/// The callers every row is tried with, plus the row's allowed ones.
const EVERYONE: [Caller; 5] = [Governance, Member, Stranger, OtherDistributor, OtherToken];

/// The exact error a refused caller gets, by contract.
#[derive(Debug)]
enum Refused {
    Registry(need_registry::ContractError),
    Attestation(attestation::ContractError),
    Distributor(distributor::ContractError),
    Token(cw20_base::ContractError),
    Group(cw4_group::ContractError),
}

impl Refused {
    fn check(&self, err: &anyhow::Error, what: &str) {
        fn same<E: std::error::Error + PartialEq + Send + Sync + 'static>(
            err: &anyhow::Error,
            e: &E,
        ) -> bool {
            match contract_error::<E>(err) {
                Some(found) => found == e,
                None => err.chain().any(|c| c.to_string() == e.to_string()),
            }
        }
        let ok = match self {
            Refused::Registry(e) => same(err, e),
            Refused::Attestation(e) => same(err, e),
            Refused::Distributor(e) => same(err, e),
            Refused::Token(e) => same(err, e),
            Refused::Group(e) => same(err, e),
        };
        assert!(ok, "{what}: expected {self:?}, got {err:#}");
    }
}

fn not_owner_registry(_: &Fixture) -> Refused {
    Refused::Registry(need_registry::ContractError::Ownership(
        OwnershipError::NotOwner,
    ))
}
fn not_owner_attestation(_: &Fixture) -> Refused {
    Refused::Attestation(attestation::ContractError::Ownership(
        OwnershipError::NotOwner,
    ))
}
fn not_owner_distributor(_: &Fixture) -> Refused {
    Refused::Distributor(distributor::ContractError::Ownership(
        OwnershipError::NotOwner,
    ))
}
fn unauthorized_token(_: &Fixture) -> Refused {
    Refused::Token(cw20_base::ContractError::Unauthorized {})
}
fn not_admin_group(_: &Fixture) -> Refused {
    Refused::Group(cw4_group::ContractError::Admin(
        cw_controllers::AdminError::NotAdmin {},
    ))
}

/// Which contract a row's message goes to.
#[derive(Clone, Copy, Debug)]
enum Target {
    Registry,
    Attestation,
    AlphaDistributor,
    BetaDistributor,
    AlphaToken,
    /// A flow-token whose marketing admin is governance.
    MarketingToken,
    /// Alpha's cw4 group (cw-plus), whose admin is governance.
    Group,
}

/// One line of the matrix.
struct Row {
    contract: &'static str,
    message: &'static str,
    target: Target,
    /// Who succeeds; every other caller of `EVERYONE` is refused.
    allowed: &'static [Caller],
    msg: fn(&Fixture, Caller) -> Binary,
    refused: fn(&Fixture) -> Refused,
}

/// A message as JSON bytes.
macro_rules! json {
    ($msg:expr) => {
        to_json_binary(&$msg).expect("serializable")
    };
}

fn ownership_transfer(f: &Fixture) -> Ownership {
    Ownership::TransferOwnership {
        new_owner: f.suite.addr("new-governance").to_string(),
        expiry: None,
    }
}

const ROWS: &[Row] = &[
    // ------------------------------------------------------------------ need-registry
    Row {
        contract: "need-registry",
        message: "SetCategory",
        target: Target::Registry,
        allowed: &[Governance],
        msg: |_, _| {
            json!(reg::ExecuteMsg::SetCategory {
                category: flow_testing::suite::category("tools")
            })
        },
        refused: not_owner_registry,
    },
    Row {
        contract: "need-registry",
        message: "UpdateConfig",
        target: Target::Registry,
        allowed: &[Governance],
        msg: |_, _| {
            json!(reg::ExecuteMsg::UpdateConfig {
                group: None,
                posting: Some(PostingRule::Stewards),
                max_requesters_per_need: Some(100)
            })
        },
        refused: not_owner_registry,
    },
    Row {
        contract: "need-registry",
        message: "SetNeedFactors",
        target: Target::Registry,
        allowed: &[Governance],
        msg: |f, _| {
            json!(reg::ExecuteMsg::SetNeedFactors {
                id: f.bread,
                impact: Some(dec("1.5")),
                unit_credit: None,
                capacity_building: None
            })
        },
        refused: not_owner_registry,
    },
    Row {
        contract: "need-registry",
        message: "SetNeedStatus",
        target: Target::Registry,
        allowed: &[Poster, Governance],
        msg: |f, c| {
            let status = if c == Governance {
                NeedStatus::Open
            } else {
                NeedStatus::Fulfilled
            };
            json!(reg::ExecuteMsg::SetNeedStatus {
                id: f.bread,
                status
            })
        },
        refused: |f| {
            Refused::Registry(need_registry::ContractError::NotPosterOrOwner { id: f.bread })
        },
    },
    Row {
        contract: "need-registry",
        message: "UpdateOwnership",
        target: Target::Registry,
        allowed: &[Governance],
        msg: |f, _| json!(reg::ExecuteMsg::UpdateOwnership(ownership_transfer(f))),
        refused: not_owner_registry,
    },
    // ------------------------------------------------------------------ attestation
    Row {
        contract: "attestation",
        message: "ResolveDispute",
        target: Target::Attestation,
        allowed: &[Governance],
        msg: |f, _| {
            json!(att::ExecuteMsg::ResolveDispute {
                id: f.disputed,
                uphold: false
            })
        },
        refused: not_owner_attestation,
    },
    Row {
        contract: "attestation",
        message: "SetPolicy",
        target: Target::Attestation,
        allowed: &[Governance],
        msg: |_, _| {
            json!(att::ExecuteMsg::SetPolicy {
                policy: AttestationPolicy {
                    cosigns_required: 2,
                    ..AttestationPolicy::default()
                }
            })
        },
        refused: not_owner_attestation,
    },
    Row {
        contract: "attestation",
        message: "UpdateOwnership",
        target: Target::Attestation,
        allowed: &[Governance],
        msg: |f, _| json!(att::ExecuteMsg::UpdateOwnership(ownership_transfer(f))),
        refused: not_owner_attestation,
    },
    // ------------------------------------------------------------------ distributor
    Row {
        contract: "distributor",
        message: "Record",
        target: Target::AlphaDistributor,
        allowed: &[Attestation],
        msg: |f, _| {
            json!(dist::ExecuteMsg::Record {
                contribution: Contribution {
                    attestation_id: 999,
                    contributor: f.suite.addr("alex").to_string(),
                    category: "food".into(),
                    hours: dec("100"),
                    credit: dec("100"),
                    impact: Decimal::one(),
                    capacity_building: false,
                },
            })
        },
        refused: |_| Refused::Distributor(distributor::ContractError::NotAttestation {}),
    },
    Row {
        contract: "distributor",
        message: "SetPolicy",
        target: Target::AlphaDistributor,
        allowed: &[Governance],
        msg: |_, _| {
            json!(dist::ExecuteMsg::SetPolicy {
                policy: Policy {
                    baseline: dec("0.5"),
                    ..Policy::default()
                }
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "AcceptHolon",
        target: Target::AlphaDistributor,
        allowed: &[Governance],
        msg: |f, _| {
            json!(dist::ExecuteMsg::AcceptHolon {
                distributor: f.beta.distributor.to_string(),
                rate: dec("2"),
                credit_limit: Uint128::new(1_000)
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "UpdateHolon",
        target: Target::BetaDistributor,
        allowed: &[Governance],
        msg: |f, _| {
            json!(dist::ExecuteMsg::UpdateHolon {
                token: f.alpha.token.to_string(),
                rate: Some(dec("100")),
                credit_limit: Some(Uint128::MAX),
                enabled: Some(true)
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "RemoveHolon",
        target: Target::BetaDistributor,
        allowed: &[Governance],
        msg: |f, _| {
            json!(dist::ExecuteMsg::RemoveHolon {
                token: f.alpha.token.to_string()
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "SettleForeign",
        target: Target::BetaDistributor,
        allowed: &[Governance],
        msg: |f, _| {
            json!(dist::ExecuteMsg::SettleForeign {
                token: f.alpha.token.to_string(),
                amount: None
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "ReturnForeign",
        target: Target::BetaDistributor,
        allowed: &[Governance],
        msg: |f, _| {
            json!(dist::ExecuteMsg::ReturnForeign {
                token: f.alpha.token.to_string(),
                recipient: f.suite.addr("stranger").to_string(),
                amount: Uint128::new(EXCHANGED)
            })
        },
        refused: not_owner_distributor,
    },
    Row {
        contract: "distributor",
        message: "UpdateOwnership",
        target: Target::AlphaDistributor,
        allowed: &[Governance],
        msg: |f, _| json!(dist::ExecuteMsg::UpdateOwnership(ownership_transfer(f))),
        refused: not_owner_distributor,
    },
    // ------------------------------------------------------------------ flow-token
    Row {
        contract: "flow-token",
        message: "Mint",
        target: Target::AlphaToken,
        allowed: &[Distributor],
        msg: |f, _| {
            json!(token::ExecuteMsg::Mint {
                recipient: f.suite.addr("stranger").to_string(),
                amount: Uint128::new(1_000_000)
            })
        },
        refused: unauthorized_token,
    },
    Row {
        contract: "flow-token",
        message: "UpdateMinter",
        target: Target::AlphaToken,
        // Only the minter itself; the distributor has no message that sends it, so the
        // minter of a holon's token never changes.
        allowed: &[Distributor],
        msg: |f, _| {
            json!(token::ExecuteMsg::UpdateMinter {
                new_minter: Some(f.suite.governance.to_string())
            })
        },
        refused: unauthorized_token,
    },
    Row {
        contract: "flow-token",
        message: "UpdateMarketing",
        target: Target::MarketingToken,
        allowed: &[Governance],
        msg: |_, _| {
            json!(token::ExecuteMsg::UpdateMarketing {
                project: Some("cw-flow".into()),
                description: Some("a holon's flow".into()),
                marketing: None
            })
        },
        refused: unauthorized_token,
    },
    Row {
        contract: "flow-token",
        message: "UploadLogo",
        target: Target::MarketingToken,
        allowed: &[Governance],
        msg: |_, _| {
            json!(token::ExecuteMsg::UploadLogo(Logo::Url(
                "https://example.invalid/logo.png".into()
            )))
        },
        refused: unauthorized_token,
    },
    // ------------------------------------------------------------------ cw4-group
    Row {
        contract: "cw4-group",
        message: "UpdateMembers",
        target: Target::Group,
        allowed: &[Governance],
        msg: |f, _| {
            json!(cw4_group::msg::ExecuteMsg::UpdateMembers {
                remove: vec![f.suite.addr("sam").to_string()],
                add: vec![cw4::Member {
                    addr: f.suite.addr("new-governance").to_string(),
                    weight: 2
                }]
            })
        },
        refused: not_admin_group,
    },
    Row {
        contract: "cw4-group",
        message: "UpdateAdmin",
        target: Target::Group,
        allowed: &[Governance],
        msg: |f, _| {
            json!(cw4_group::msg::ExecuteMsg::UpdateAdmin {
                admin: Some(f.suite.addr("new-governance").to_string())
            })
        },
        refused: not_admin_group,
    },
];

/// AFLOW Alex exchanged into Beta, so that Beta holds some to settle or return.
const EXCHANGED: u128 = 100_000_000;

/// Alpha after its seed month (with a one-day challenge window, one attestation under
/// dispute), Beta accepting Alpha's token and holding some, and a flow-token whose
/// marketing admin is governance.
struct Fixture {
    suite: Suite,
    alpha: Holon,
    beta: Holon,
    marketing_token: Addr,
    bread: u64,
    disputed: u64,
}

/// How the members govern Alpha and Beta in the governed fixture: more than half of the
/// weight (3 of Alpha's 5, both of Beta's 2), 40% voting, a week to vote.
fn members_govern() -> HolonGovernance {
    HolonGovernance::Members {
        threshold: dec("0.51"),
        quorum: dec("0.4"),
        voting_period: 7 * DAY,
    }
}

/// Who passes a proposal: Alpha's three first members, or both of Beta's.
const ALPHA_MAJORITY: [&str; 3] = ["alex", "jordan", "casey"];
const BETA_MAJORITY: [&str; 2] = ["bea", "ben"];

impl Fixture {
    fn new() -> Self {
        Self::build(HolonGovernance::Wallet)
    }

    /// The same, with Alpha and Beta each governed by its members.
    fn governed() -> Self {
        Self::build(members_govern())
    }

    fn build(governance: HolonGovernance) -> Self {
        let policy = AttestationPolicy {
            challenge_seconds: DAY,
            ..AttestationPolicy::default()
        };
        let (mut suite, needs) = alpha_with_needs(
            SuiteBuilder::holon_alpha()
                .with_attestation_policy(policy)
                .with_accounts(&["new-governance"])
                .with_governance(governance.clone()),
        );
        suite.fund("funder", BUDGET).unwrap();
        the_seed_month(&mut suite, &needs);
        suite.advance(DAY);
        for id in 1..=5 {
            suite.finalize("stranger", id).unwrap();
        }
        suite.a_cycle_passes();
        suite.close_cycle().unwrap();
        everyone_claims(&mut suite, 1);
        let disputed = suite
            .contribute("alex", needs.bread, "2", "0", "jordan")
            .unwrap();
        suite.dispute("sam", disputed, "not sure").unwrap();
        assert_eq!(
            suite.attestation(disputed).unwrap().status,
            AttestationStatus::Disputed
        );
        let alpha = suite.holon().clone();

        let mut spec = HolonSpec::new("Holon Beta", "BFLOW");
        spec.members = vec!["bea".into(), "ben".into()];
        spec.categories = vec![flow_testing::suite::category("food")];
        spec.governance = governance;
        let beta = suite.deploy_holon(&spec).unwrap();
        suite
            .execute_with_funds(
                "funder",
                &beta.distributor,
                &dist::ExecuteMsg::Fund { memo: None },
                &cosmwasm_std::coins(BUDGET, DENOM),
            )
            .unwrap();
        let accept = dist::ExecuteMsg::AcceptHolon {
            distributor: alpha.distributor.to_string(),
            rate: dec("0.5"),
            credit_limit: Uint128::new(BUDGET),
        };
        match suite.multisig_of(&beta) {
            None => {
                suite
                    .execute("governance", &beta.distributor, &accept)
                    .unwrap();
            }
            Some(multisig) => {
                let msg = CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr: beta.distributor.to_string(),
                    msg: json!(accept),
                    funds: vec![],
                });
                pass(&mut suite, &multisig, &BETA_MAJORITY, msg).unwrap();
            }
        }
        suite
            .send_to_holon(
                "alex",
                &alpha.token,
                &beta.distributor,
                EXCHANGED,
                &HolonReceiveMsg::Exchange { recipient: None },
            )
            .unwrap();

        let gov = suite.governance.clone();
        let marketing_token = suite
            .app
            .instantiate_contract(
                suite.code.token,
                gov.clone(),
                &token::InstantiateMsg {
                    name: "Marketed Flow".into(),
                    symbol: "MFLOW".into(),
                    decimals: 6,
                    initial_balances: vec![],
                    mint: Some(MinterResponse {
                        minter: alpha.distributor.to_string(),
                        cap: None,
                    }),
                    marketing: Some(InstantiateMarketingInfo {
                        project: Some("cw-flow".into()),
                        description: None,
                        marketing: Some(gov.to_string()),
                        logo: None,
                    }),
                    holon: Some(alpha.distributor.to_string()),
                },
                &[],
                "marketed token",
                Some(gov.to_string()),
            )
            .unwrap();
        Fixture {
            suite,
            alpha,
            beta,
            marketing_token,
            bread: needs.bread,
            disputed,
        }
    }

    fn target(&self, t: Target) -> Addr {
        match t {
            Target::Registry => self.alpha.registry.clone(),
            Target::Attestation => self.alpha.attestation.clone(),
            Target::AlphaDistributor => self.alpha.distributor.clone(),
            Target::BetaDistributor => self.beta.distributor.clone(),
            Target::AlphaToken => self.alpha.token.clone(),
            Target::MarketingToken => self.marketing_token.clone(),
            Target::Group => self.alpha.group.clone(),
        }
    }

    /// The members' multisig that governs a target, and a majority of its members.
    fn members_of(&self, t: Target) -> (Addr, &'static [&'static str]) {
        match t {
            Target::BetaDistributor => (
                self.suite.multisig_of(&self.beta).expect("governed"),
                &BETA_MAJORITY,
            ),
            _ => (
                self.suite.multisig_of(&self.alpha).expect("governed"),
                &ALPHA_MAJORITY,
            ),
        }
    }

    /// The addresses of the holon a target belongs to, as steward actions see them.
    fn addresses_of(&self, t: Target) -> HolonAddresses {
        match t {
            Target::BetaDistributor => self.beta.addresses(),
            Target::MarketingToken => HolonAddresses {
                token: self.marketing_token.to_string(),
                ..self.alpha.addresses()
            },
            _ => self.alpha.addresses(),
        }
    }

    /// A row's message as governance would send it.
    fn message(&self, row: &Row) -> CosmosMsg {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: self.target(row.target).to_string(),
            msg: (row.msg)(self, Governance),
            funds: vec![],
        })
    }

    fn caller(&self, c: Caller, t: Target) -> Addr {
        let to_beta = matches!(t, Target::BetaDistributor);
        match c {
            Governance => self.suite.governance.clone(),
            Member => self.suite.addr("alex"),
            Poster => self.suite.addr("riley"),
            Stranger => self.suite.addr("stranger"),
            OtherDistributor if to_beta => self.alpha.distributor.clone(),
            OtherDistributor => self.beta.distributor.clone(),
            OtherToken if to_beta => self.alpha.token.clone(),
            OtherToken => self.beta.token.clone(),
            Attestation => self.alpha.attestation.clone(),
            Distributor => self.alpha.distributor.clone(),
        }
    }

    fn send(&mut self, row: &Row, c: Caller) -> anyhow::Result<AppResponse> {
        let sender = self.caller(c, row.target);
        let msg = WasmMsg::Execute {
            contract_addr: self.target(row.target).to_string(),
            msg: (row.msg)(self, c),
            funds: vec![],
        };
        self.suite.app.execute(sender, CosmosMsg::Wasm(msg))
    }

    /// Everything a privileged message could change, as raw query answers.
    fn snapshot(&self) -> Vec<Binary> {
        let a = &self.alpha;
        let b = &self.beta;
        let alex = self.suite.addr("alex").to_string();
        let queries: Vec<(&Addr, Binary)> = vec![
            (&a.registry, json!(reg::QueryMsg::Config {})),
            (&a.registry, json!(reg::QueryMsg::Categories {})),
            (&a.registry, json!(reg::QueryMsg::Need { id: self.bread })),
            (&a.registry, json!(reg::QueryMsg::Demand {})),
            (&a.registry, json!(reg::QueryMsg::Ownership {})),
            (&a.attestation, json!(att::QueryMsg::Config {})),
            (
                &a.attestation,
                json!(att::QueryMsg::Attestation { id: self.disputed }),
            ),
            (&a.attestation, json!(att::QueryMsg::Ownership {})),
            (&a.distributor, json!(dist::QueryMsg::Config {})),
            (
                &a.distributor,
                json!(dist::QueryMsg::Policy { version: None }),
            ),
            (&a.distributor, json!(dist::QueryMsg::Treasury {})),
            (&a.distributor, json!(dist::QueryMsg::Cycle { cycle: 2 })),
            (
                &a.distributor,
                json!(dist::QueryMsg::AcceptedHolons {
                    start_after: None,
                    limit: None
                }),
            ),
            (&a.distributor, json!(dist::QueryMsg::Ownership {})),
            (&b.distributor, json!(dist::QueryMsg::Treasury {})),
            (
                &b.distributor,
                json!(dist::QueryMsg::AcceptedHolons {
                    start_after: None,
                    limit: None
                }),
            ),
            (&a.token, json!(token::QueryMsg::TokenInfo {})),
            (&a.token, json!(token::QueryMsg::Minter {})),
            (&a.token, json!(token::QueryMsg::Balance { address: alex })),
            (&b.token, json!(token::QueryMsg::TokenInfo {})),
            (
                &self.marketing_token,
                json!(token::QueryMsg::MarketingInfo {}),
            ),
            (
                &self.marketing_token,
                json!(token::QueryMsg::DownloadLogo {}),
            ),
            (&self.marketing_token, json!(token::QueryMsg::Minter {})),
            (
                &a.group,
                json!(cw4_group::msg::QueryMsg::ListMembers {
                    start_after: None,
                    limit: None
                }),
            ),
            (&a.group, json!(cw4_group::msg::QueryMsg::Admin {})),
        ];
        let mut out: Vec<Binary> = queries.into_iter().map(|(c, q)| self.raw(c, q)).collect();
        for d in [&a.distributor, &b.distributor] {
            out.push(Binary::from(
                self.suite.native_balance(d).to_be_bytes().to_vec(),
            ));
        }
        out
    }

    fn raw(&self, contract: &Addr, msg: Binary) -> Binary {
        let req: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
            contract_addr: contract.to_string(),
            msg,
        });
        match self
            .suite
            .app
            .wrap()
            .raw_query(&to_json_vec(&req).expect("query"))
        {
            SystemResult::Ok(ContractResult::Ok(b)) => b,
            // An error answer (e.g. no logo yet) is part of the state too.
            SystemResult::Ok(ContractResult::Err(e)) => Binary::from(e.into_bytes()),
            SystemResult::Err(e) => Binary::from(format!("{e:?}").into_bytes()),
        }
    }
}

#[test]
fn every_privileged_message_takes_only_its_rightful_caller() {
    let mut matrix = vec![format!(
        "| contract | message | {} |",
        [
            "governance",
            "member",
            "stranger",
            "other distributor",
            "cw20 token",
            "allowed"
        ]
        .join(" | ")
    )];
    for row in ROWS {
        let mut f = Fixture::new();
        let what = |c: Caller| format!("{} {} by {c:?}", row.contract, row.message);
        let mut cells = vec![];
        // Every refused caller first: each must leave everything as it was.
        for c in EVERYONE.iter().filter(|c| !row.allowed.contains(c)) {
            let before = f.snapshot();
            let err = f
                .send(row, *c)
                .expect_err(&format!("{} should be refused", what(*c)));
            (row.refused)(&f).check(&err, &what(*c));
            assert_eq!(
                f.snapshot(),
                before,
                "{}: a refusal changed the state",
                what(*c)
            );
        }
        // Then the allowed ones succeed.
        for c in row.allowed {
            let before = f.snapshot();
            f.send(row, *c)
                .unwrap_or_else(|e| panic!("{} should succeed: {e:#}", what(*c)));
            assert_ne!(
                f.snapshot(),
                before,
                "{}: the allowed call changed nothing",
                what(*c)
            );
        }
        for c in EVERYONE {
            cells.push(if row.allowed.contains(&c) {
                "✓"
            } else {
                "refused"
            });
        }
        let extra: Vec<String> = row
            .allowed
            .iter()
            .filter(|c| !EVERYONE.contains(c))
            .map(|c| format!("{c:?}"))
            .collect();
        matrix.push(format!(
            "| {} | {} | {} | {} |",
            row.contract,
            row.message,
            cells.join(" | "),
            if extra.is_empty() {
                "-".into()
            } else {
                extra.join(", ")
            }
        ));
    }
    // `cargo test -p flow-stories --test stories auth -- --nocapture` prints the matrix.
    println!("{}", matrix.join("\n"));
}

// ---------------------------------------------------------------------- the members govern

/// `by[0]` proposes `msg` to `multisig`, the others vote yes, a stranger executes it.
fn pass(
    suite: &mut Suite,
    multisig: &Addr,
    by: &[&str],
    msg: CosmosMsg,
) -> anyhow::Result<AppResponse> {
    let id = propose(suite, multisig, by, msg);
    suite.execute(
        "stranger",
        multisig,
        &MultisigExecuteMsg::Execute { proposal_id: id },
    )
}

/// `by[0]` proposes `msg` to `multisig` and the others vote yes; returns the proposal id.
fn propose(suite: &mut Suite, multisig: &Addr, by: &[&str], msg: CosmosMsg) -> u64 {
    let title = match governance::decode(&msg, &suite.holon().addresses()) {
        Some(action) => action.title(),
        None => "A message".into(),
    };
    let res = suite
        .execute(
            by[0],
            multisig,
            &MultisigExecuteMsg::Propose {
                description: title.clone(),
                title,
                msgs: vec![msg],
                latest: None,
            },
        )
        .expect("a member proposes");
    let id = flow_testing::suite::attr_u64(&res, "proposal_id").unwrap();
    for member in &by[1..] {
        suite
            .execute(
                member,
                multisig,
                &MultisigExecuteMsg::Vote {
                    proposal_id: id,
                    vote: Vote::Yes,
                },
            )
            .expect("a member votes");
    }
    id
}

#[test]
fn every_privileged_message_passes_only_through_the_members_proposal() {
    let mut matrix = vec![
        "| contract | message | each single member, the deployer's key, a stranger | \
         the members' executed proposal |"
            .to_string(),
    ];
    for row in ROWS {
        let mut f = Fixture::governed();
        let (multisig, majority) = f.members_of(row.target);
        let msg = f.message(row);
        let addresses = f.addresses_of(row.target);
        let what = |who: &str| format!("{} {} by {who}", row.contract, row.message);
        if !row.allowed.contains(&Governance) {
            // What governance may not send, the members' multisig may not either: the
            // proposal passes, its execution is refused and changes nothing.
            assert_eq!(
                governance::decode(&msg, &addresses),
                None,
                "{}",
                what("a steward")
            );
            let id = propose(&mut f.suite, &multisig, majority, msg);
            let before = f.snapshot();
            let err = f
                .suite
                .execute(
                    "stranger",
                    &multisig,
                    &MultisigExecuteMsg::Execute { proposal_id: id },
                )
                .expect_err("not governance's to send");
            (row.refused)(&f).check(&err, &what("the members' proposal"));
            assert_eq!(f.snapshot(), before, "{}", what("a refused proposal"));
            matrix.push(format!(
                "| {} | {} | refused | refused |",
                row.contract, row.message
            ));
            continue;
        }
        // Every single member of the governing holon, the wallet that deployed it, a
        // stranger: refused with the exact error, nothing changes.
        let (alpha, beta) = (f.alpha.clone(), f.beta.clone());
        let mut senders: Vec<(String, Addr)> = MEMBERS
            .iter()
            .chain(BETA_MAJORITY.iter())
            .map(|m| (m.to_string(), f.suite.addr(m)))
            .collect();
        senders.push(("the deployer".into(), f.suite.deployer.clone()));
        senders.push(("a stranger".into(), f.suite.addr("stranger")));
        senders.push(("Alpha's distributor".into(), alpha.distributor.clone()));
        senders.push(("Beta's distributor".into(), beta.distributor.clone()));
        let poster = f.suite.addr("riley");
        for (who, sender) in senders {
            if row.allowed.contains(&Poster) && sender == poster {
                continue;
            }
            let before = f.snapshot();
            let err = f
                .suite
                .app
                .execute(sender, msg.clone())
                .expect_err(&format!("{} should be refused", what(&who)));
            (row.refused)(&f).check(&err, &what(&who));
            assert_eq!(
                f.snapshot(),
                before,
                "{}: a refusal changed the state",
                what(&who)
            );
        }
        // Other rightful callers (the poster of a need) still act directly.
        for c in row.allowed.iter().filter(|c| **c != Governance) {
            let before = f.snapshot();
            f.send(row, *c)
                .unwrap_or_else(|e| panic!("{} should succeed: {e:#}", what(&format!("{c:?}"))));
            assert_ne!(f.snapshot(), before);
        }
        // The message is a steward action (flow_types::governance), proposed as one: a
        // majority passes it, anyone executes it, and it takes effect.
        let action = governance::decode(&msg, &addresses)
            .unwrap_or_else(|| panic!("{} is a steward action", what("governance")));
        assert_eq!(action.msgs(&addresses).unwrap(), vec![msg.clone()]);
        let before = f.snapshot();
        let propose = action.propose(&addresses, None).unwrap();
        let MultisigExecuteMsg::Propose { msgs, .. } = &propose else {
            panic!("a proposal")
        };
        assert_eq!(msgs, &vec![msg.clone()]);
        pass(&mut f.suite, &multisig, majority, msg)
            .unwrap_or_else(|e| panic!("{} should pass: {e:#}", what("the members' proposal")));
        assert_ne!(
            f.snapshot(),
            before,
            "{}: the executed proposal changed nothing",
            what("the members")
        );
        matrix.push(format!(
            "| {} | {} | refused | ✓ ({}) |",
            row.contract,
            row.message,
            action.title()
        ));
    }
    println!("{}", matrix.join("\n"));
}

#[test]
fn through_a_proposal_the_members_migrate_and_no_single_member_can() {
    let (mut suite, needs) =
        alpha_with_needs(SuiteBuilder::holon_alpha().with_governance(members_govern()));
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    let multisig = suite.multisig();
    let writer = suite.app.store_code(cw2_writer());
    let empty = cosmwasm_std::Empty {};
    let cycle_before = suite.cycle(1).unwrap();
    let parts = [
        governance::HolonPart::Registry,
        governance::HolonPart::Attestation,
        governance::HolonPart::Distributor,
        governance::HolonPart::Token,
    ];
    for ((name, addr, code), part) in contracts(&suite).into_iter().zip(parts) {
        let again = match name {
            "crates.io:need-registry" => suite.app.store_code(flow_testing::contracts::registry()),
            "crates.io:attestation" => suite.app.store_code(flow_testing::contracts::attestation()),
            "crates.io:distributor" => suite.app.store_code(flow_testing::contracts::distributor()),
            _ => suite.app.store_code(flow_testing::contracts::flow_token()),
        };
        // No single member, nor the deployer, migrates.
        for who in MEMBERS.iter().chain(["governance"].iter()) {
            let err = suite
                .app
                .migrate_contract(suite.addr(who), addr.clone(), &empty, again)
                .expect_err("not the admin");
            assert_eq!(
                err.root_cause().to_string(),
                format!("Only admin can migrate contract: {:?}", Some(&multisig)),
                "{name} by {who}"
            );
        }
        // A passed proposal to migrate to the same version is refused when executed.
        let same = governance::StewardAction::Migrate {
            contract: part,
            new_code_id: again,
        };
        let migrate = same.msgs(&suite.holon().addresses()).unwrap().remove(0);
        refused_migration(
            pass(&mut suite, &multisig, &ALPHA_MAJORITY, migrate.clone()),
            MigrateError::NotAnUpgrade {
                stored: VERSION.into(),
                new: VERSION.into(),
            },
            name,
        );
        // The contract's storage made older (a stand-in), then the proposal migrates it.
        let older = CosmosMsg::Wasm(WasmMsg::Migrate {
            contract_addr: addr.to_string(),
            new_code_id: writer,
            msg: to_json_binary(&vec![name.to_string(), "0.0.1".to_string()]).unwrap(),
        });
        pass(&mut suite, &multisig, &ALPHA_MAJORITY, older).unwrap();
        pass(&mut suite, &multisig, &ALPHA_MAJORITY, migrate).unwrap();
        assert_eq!(code_of(&suite, &addr), again, "{name}: migrated");
        assert_ne!(code_of(&suite, &addr), code);
    }
    // The holon still works on its migrated code, its month intact.
    assert_eq!(suite.cycle(1).unwrap(), cycle_before);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![
            625_000_000,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000
        ]
    );
}

// ---------------------------------------------------------------------- migrations

/// A stand-in contract whose migration writes any cw2 name and version (the raw
/// `contract_info` key cw2 uses), to put a real contract's storage in a state its own
/// code would never write: older, newer, or another contract's.
fn cw2_writer() -> Box<dyn cw_multi_test::Contract<Empty>> {
    fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    fn execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    fn query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        Ok(Binary::default())
    }
    /// `[name, version]`.
    fn migrate(deps: DepsMut, _: Env, msg: Vec<String>) -> StdResult<Response> {
        let info = format!(r#"{{"contract":"{}","version":"{}"}}"#, msg[0], msg[1]);
        deps.storage.set(b"contract_info", info.as_bytes());
        Ok(Response::new())
    }
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// The four contracts of a holon: name in cw2, address, code id.
fn contracts(suite: &Suite) -> Vec<(&'static str, Addr, u64)> {
    let h = suite.holon();
    vec![
        (
            "crates.io:need-registry",
            h.registry.clone(),
            suite.code.registry,
        ),
        (
            "crates.io:attestation",
            h.attestation.clone(),
            suite.code.attestation,
        ),
        (
            "crates.io:distributor",
            h.distributor.clone(),
            suite.code.distributor,
        ),
        ("crates.io:flow-token", h.token.clone(), suite.code.token),
    ]
}

fn code_of(suite: &Suite, addr: &Addr) -> u64 {
    suite
        .app
        .wrap()
        .query_wasm_contract_info(addr)
        .expect("contract info")
        .code_id
}

/// The migration failed with exactly `expected`.
#[track_caller]
fn refused_migration(res: anyhow::Result<AppResponse>, expected: MigrateError, what: &str) {
    let err = res.expect_err("the migration should fail");
    match contract_error::<MigrateError>(&err) {
        Some(found) => assert_eq!(found, &expected, "{what}"),
        // Multi-test keeps only the message of an error a contract's `migrate` returns.
        None => assert!(
            err.chain().any(|e| e.to_string() == expected.to_string()),
            "{what}: expected {expected:?}, got {err:#}"
        ),
    }
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn only_the_admin_migrates_and_only_forward_from_the_same_contract() {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    let gov = suite.governance.clone();
    let writer = suite.app.store_code(cw2_writer());
    let empty = cosmwasm_std::Empty {};
    let cycle_before = suite.cycle(1).unwrap();

    for (name, addr, code) in contracts(&suite) {
        // A new code id of the same contract: the code a real upgrade would store.
        let again = match name {
            "crates.io:need-registry" => suite.app.store_code(flow_testing::contracts::registry()),
            "crates.io:attestation" => suite.app.store_code(flow_testing::contracts::attestation()),
            "crates.io:distributor" => suite.app.store_code(flow_testing::contracts::distributor()),
            _ => suite.app.store_code(flow_testing::contracts::flow_token()),
        };
        // Not the admin: refused by the chain, nothing changes.
        for who in ["alex", "stranger"] {
            let err = suite
                .app
                .migrate_contract(suite.addr(who), addr.clone(), &empty, again)
                .expect_err("not the admin");
            assert!(
                format!("{err:#}").contains("Only admin can migrate"),
                "{name} by {who}: {err:#}"
            );
            assert_eq!(code_of(&suite, &addr), code, "{name}: still its code");
        }
        // The same version again is not an upgrade.
        refused_migration(
            suite
                .app
                .migrate_contract(gov.clone(), addr.clone(), &empty, again),
            MigrateError::NotAnUpgrade {
                stored: VERSION.into(),
                new: VERSION.into(),
            },
            name,
        );
        // A downgrade: the stored version is newer than the code's.
        suite
            .app
            .migrate_contract(
                gov.clone(),
                addr.clone(),
                &vec![name.to_string(), "9.9.9".to_string()],
                writer,
            )
            .unwrap();
        refused_migration(
            suite
                .app
                .migrate_contract(gov.clone(), addr.clone(), &empty, again),
            MigrateError::NotAnUpgrade {
                stored: "9.9.9".into(),
                new: VERSION.into(),
            },
            name,
        );
        // Another contract's storage.
        suite
            .app
            .migrate_contract(
                gov.clone(),
                addr.clone(),
                &vec!["crates.io:cw20-base".to_string(), "0.0.1".to_string()],
                writer,
            )
            .unwrap();
        refused_migration(
            suite
                .app
                .migrate_contract(gov.clone(), addr.clone(), &empty, again),
            MigrateError::WrongContract {
                stored: "crates.io:cw20-base".into(),
                expected: name.into(),
            },
            name,
        );
        // An older version of the same contract: the upgrade goes through, state intact.
        suite
            .app
            .migrate_contract(
                gov.clone(),
                addr.clone(),
                &vec![name.to_string(), "0.0.1".to_string()],
                writer,
            )
            .unwrap();
        suite
            .app
            .migrate_contract(gov.clone(), addr.clone(), &empty, again)
            .unwrap();
        assert_eq!(code_of(&suite, &addr), again, "{name}: migrated");
        refused_migration(
            suite
                .app
                .migrate_contract(gov.clone(), addr.clone(), &empty, code),
            MigrateError::NotAnUpgrade {
                stored: VERSION.into(),
                new: VERSION.into(),
            },
            &format!("{name}: the version was written"),
        );
    }
    // The holon still works on its migrated code, its month intact.
    assert_eq!(suite.cycle(1).unwrap(), cycle_before);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![
            625_000_000,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000
        ]
    );

    // A different contract (plain cw20-base) cannot be migrated into a flow-token.
    let other = suite
        .app
        .instantiate_contract(
            suite.code.cw20_base,
            gov.clone(),
            &cw20_base::msg::InstantiateMsg {
                name: "Other".into(),
                symbol: "OTHER".into(),
                decimals: 6,
                initial_balances: vec![],
                mint: None,
                marketing: None,
            },
            &[],
            "other",
            Some(gov.to_string()),
        )
        .unwrap();
    refused_migration(
        suite
            .app
            .migrate_contract(gov, other, &empty, suite.code.token),
        MigrateError::WrongContract {
            stored: "crates.io:cw20-base".into(),
            expected: "crates.io:flow-token".into(),
        },
        "cw20-base into a flow-token",
    );
}
