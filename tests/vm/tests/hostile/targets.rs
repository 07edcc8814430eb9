//! The contracts under attack, who sends to them, and the seeds: hand-written messages
//! that succeed on the populated world (or fail deep in the contract), which the
//! generators send as they are and mutate.

use flow_vm::api::account;
use flow_vm::holon::DENOM;
use serde_json::{json, Value};
use vmstd::Checksum;

use super::gen::Ctx;
use super::state::World;
use super::vm::{self, EntryPoint};

/// A message to start from: a variant, its JSON, and who sends it with what.
#[derive(Clone)]
pub struct Base {
    pub variant: String,
    pub value: Value,
    /// Who sends it (none: a sender picked at random).
    pub sender: Option<String>,
    pub funds: Vec<(String, u128)>,
}

fn seed(variant: &str, sender: &str, body: Value) -> Base {
    Base {
        variant: variant.to_string(),
        value: if variant == "instantiate" {
            body
        } else {
            json!({ variant: body })
        },
        sender: Some(sender.to_string()),
        funds: vec![],
    }
}

/// One contract under attack.
pub struct Target {
    /// Its schema directory (`schema/<name>/<name>.json`) and name in the table.
    pub name: &'static str,
    pub address: String,
    pub code_id: u64,
    pub checksum: Checksum,
    pub senders: Vec<String>,
    pub seeds: Vec<(EntryPoint, Base)>,
}

fn b64_json(v: &Value) -> String {
    vmstd::Binary::from(serde_json::to_vec(v).expect("json")).to_base64()
}

pub fn targets(w: &World) -> Vec<Target> {
    let (alpha, beta) = (&w.alpha, &w.beta);
    let gov = alpha.governance.as_str();
    let m = |n: &str| account(n);
    let needs = &w.needs; // bread, garden, solar, childcare, circle, care, closed
    let att = &w.att;
    let now = w.chain().block().time.to_string();
    let mut common = w.members.clone();
    common.extend([w.stranger.clone(), alpha.governance.clone()]);
    let with = |extra: &[&String]| {
        let mut s = common.clone();
        s.extend(extra.iter().map(|a| (*a).clone()));
        s
    };
    use EntryPoint::{Execute as E, Instantiate as I, Query as Q};

    let registry_seeds = vec![
        (
            E,
            seed(
                "post_need",
                &m("casey"),
                json!({"need": {"category": "care", "title": "Meals", "description": "weekly",
                       "unit": "meal", "quantity": "3", "period": "weekly", "impact": null,
                       "unit_credit": null, "capacity_building": null}}),
            ),
        ),
        (E, seed("endorse", &m("riley"), json!({"id": needs[5]}))),
        (
            E,
            seed("withdraw_endorsement", &m("alex"), json!({"id": needs[0]})),
        ),
        (E, seed("offer", &m("sam"), json!({"id": needs[2]}))),
        (
            E,
            seed("withdraw_offer", &m("jordan"), json!({"id": needs[1]})),
        ),
        (
            E,
            seed(
                "set_need_status",
                &m("riley"),
                json!({"id": needs[0], "status": "fulfilled"}),
            ),
        ),
        (
            E,
            seed(
                "set_need_factors",
                gov,
                json!({"id": needs[3], "impact": "2", "unit_credit": "0.5", "capacity_building": true}),
            ),
        ),
        (
            E,
            seed(
                "set_category",
                gov,
                json!({"category": {"id": "water", "label": "Water", "impact": "1.5",
                       "capacity_building": true, "need_factor": "2", "unit_credit": "0.25"}}),
            ),
        ),
        (
            E,
            seed(
                "update_config",
                gov,
                json!({"group": alpha.group, "posting": "stewards", "max_requesters_per_need": 100}),
            ),
        ),
        (
            E,
            seed(
                "update_ownership",
                gov,
                json!({"transfer_ownership": {"new_owner": m("alex"), "expiry": {"at_height": 1_000_000}}}),
            ),
        ),
        (
            Q,
            seed(
                "needs",
                "",
                json!({"category": "food", "status": "open", "start_after": 0, "limit": 5}),
            ),
        ),
        (
            Q,
            seed(
                "requesters",
                "",
                json!({"need_id": needs[0], "start_after": m("alex"), "limit": 2}),
            ),
        ),
        (
            I,
            seed(
                "instantiate",
                gov,
                json!({"owner": gov, "group": alpha.group, "posting": "members",
                       "categories": [flow_vm::holon::category("food")],
                       "max_requesters_per_need": null}),
            ),
        ),
    ];

    let attestation_seeds = vec![
        (
            E,
            seed(
                "attest",
                &m("riley"),
                json!({"need_id": needs[5], "hours": "3", "units": "0", "description": "visits",
                       "evidence": "photo", "buddy": m("jordan")}),
            ),
        ),
        (
            E,
            seed("cosign", &m("sam"), json!({"id": att.pending_buddy})),
        ),
        (
            E,
            seed("cosign", &m("riley"), json!({"id": att.pending_open})),
        ),
        (
            E,
            seed(
                "reject",
                &m("sam"),
                json!({"id": att.pending_buddy, "reason": "not done"}),
            ),
        ),
        (
            E,
            seed("withdraw", &m("sam"), json!({"id": att.pending_open})),
        ),
        (
            E,
            seed(
                "dispute",
                &m("alex"),
                json!({"id": att.fresh, "reason": "I was there"}),
            ),
        ),
        (
            E,
            seed(
                "resolve_dispute",
                gov,
                json!({"id": att.disputed, "uphold": false}),
            ),
        ),
        (
            E,
            seed(
                "resolve_dispute",
                gov,
                json!({"id": att.disputed, "uphold": true}),
            ),
        ),
        (
            E,
            seed("finalize", &w.stranger, json!({"id": att.challenged})),
        ),
        (
            E,
            seed("finalize", &w.stranger, json!({"id": att.finalized})),
        ),
        (E, seed("cosign", &m("riley"), json!({"id": att.rejected}))),
        (E, seed("withdraw", &m("sam"), json!({"id": att.withdrawn}))),
        (
            E,
            seed(
                "set_policy",
                gov,
                json!({"policy": flow_vm::holon::attestation_policy(3_600, true)}),
            ),
        ),
        (
            Q,
            seed(
                "reciprocal_pairs",
                "",
                json!({"cycle": 1, "start_after": [m("alex"), m("jordan")], "limit": 3}),
            ),
        ),
        (
            Q,
            seed("member_cycle", "", json!({"member": m("alex"), "cycle": 2})),
        ),
        (
            I,
            seed(
                "instantiate",
                &alpha.distributor,
                json!({"owner": gov, "group": alpha.group, "registry": alpha.registry,
                       "distributor": null, "clock": {"start": now, "length": 2_592_000},
                       "policy": flow_vm::holon::attestation_policy(0, false)}),
            ),
        ),
    ];

    let payload = |v: Value| b64_json(&v);
    let distributor_seeds = vec![
        (
            E,
            seed(
                "record",
                &alpha.attestation,
                json!({"contribution": {"attestation_id": 9_999, "contributor": m("sam"),
                       "category": "care", "hours": "2", "credit": "2", "impact": "1",
                       "capacity_building": false}}),
            ),
        ),
        (
            E,
            seed("claim", &m("casey"), json!({"cycle": 1, "member": null})),
        ),
        (
            E,
            seed(
                "claim",
                &w.stranger,
                json!({"cycle": null, "member": m("sam")}),
            ),
        ),
        (E, seed("close_cycle", &w.stranger, json!({}))),
        (
            E,
            Base {
                funds: vec![(DENOM.to_string(), 1_000)],
                ..seed("fund", &m("alex"), json!({"memo": "bake sale"}))
            },
        ),
        (
            E,
            seed(
                "set_policy",
                gov,
                json!({"policy": flow_vm::holon::hybrid_auto_policy()}),
            ),
        ),
        (
            E,
            seed(
                "receive",
                &alpha.token,
                json!({"sender": m("alex"), "amount": "10",
                       "msg": payload(json!({"redeem": {"recipient": m("sam")}}))}),
            ),
        ),
        (
            E,
            seed(
                "receive",
                &alpha.token,
                json!({"sender": m("riley"), "amount": "10", "msg": payload(json!({"gift_to_pool": {}}))}),
            ),
        ),
        (
            E,
            seed(
                "receive",
                &beta.token,
                json!({"sender": m("quinn"), "amount": "100",
                       "msg": payload(json!({"exchange": {"recipient": null}}))}),
            ),
        ),
        (
            E,
            seed(
                "update_holon",
                gov,
                json!({"token": beta.token, "rate": "2", "credit_limit": "5000000", "enabled": false}),
            ),
        ),
        (
            E,
            seed(
                "settle_foreign",
                gov,
                json!({"token": beta.token, "amount": "1000"}),
            ),
        ),
        (
            E,
            seed(
                "return_foreign",
                gov,
                json!({"token": beta.token, "recipient": m("quinn"), "amount": "10"}),
            ),
        ),
        (E, seed("remove_holon", gov, json!({"token": beta.token}))),
        (
            E,
            seed(
                "accept_holon",
                gov,
                json!({"distributor": beta.distributor, "rate": "1", "credit_limit": "1"}),
            ),
        ),
        (
            E,
            seed(
                "update_ownership",
                gov,
                json!({"transfer_ownership": {"new_owner": m("casey"), "expiry": null}}),
            ),
        ),
        (Q, seed("preview", "", json!({"member": m("jordan")}))),
        (Q, seed("accepted_holon", "", json!({"token": beta.token}))),
        (
            Q,
            seed("explain", "", json!({"cycle": 1, "member": m("riley")})),
        ),
        (
            I,
            seed(
                "instantiate",
                gov,
                json!({
                    "name": "Holon Gamma", "governance": gov, "group": alpha.group,
                    "registry": alpha.registry,
                    "token": {"new": {"code_id": alpha.codes.token, "name": "Gamma Flow",
                              "symbol": "GFLOW", "decimals": 6,
                              "marketing": {"project": "gamma", "description": "our hours",
                                            "marketing": gov, "logo": null},
                              "label": "gamma token"}},
                    "attestation": {"new": {"code_id": alpha.codes.attestation,
                                    "label": "gamma attestations",
                                    "policy": flow_vm::holon::attestation_policy(0, false)}},
                    "cycle_start": null, "cycle_seconds": 2_592_000,
                    "policy": flow_vm::holon::time_policy(),
                    "budget": {"treasury": {"denom": DENOM}},
                }),
            ),
        ),
        (
            I,
            seed(
                "instantiate",
                gov,
                json!({
                    "name": "Holon Delta", "governance": gov, "group": alpha.group,
                    "registry": alpha.registry,
                    "token": {"existing": {"address": beta.token}},
                    "attestation": {"existing": {"address": alpha.attestation}},
                    "cycle_start": now, "cycle_seconds": 60,
                    "policy": flow_vm::holon::need_policy(&[("food", "2")]),
                    "budget": {"fixed": {"emission": "1000000"}},
                }),
            ),
        ),
    ];

    let token_seeds = vec![
        (
            E,
            seed(
                "transfer",
                &m("alex"),
                json!({"recipient": m("casey"), "amount": "7"}),
            ),
        ),
        (
            E,
            seed(
                "send",
                &m("alex"),
                json!({"contract": alpha.distributor, "amount": "5",
                       "msg": payload(json!({"redeem": {"recipient": null}}))}),
            ),
        ),
        (
            E,
            seed(
                "send",
                &m("alex"),
                json!({"contract": beta.distributor, "amount": "5",
                       "msg": payload(json!({"exchange": {"recipient": null}}))}),
            ),
        ),
        (
            E,
            seed(
                "mint",
                &alpha.distributor,
                json!({"recipient": m("sam"), "amount": "1000"}),
            ),
        ),
        (E, seed("burn", &m("jordan"), json!({"amount": "3"}))),
        (
            E,
            seed(
                "transfer_from",
                &m("jordan"),
                json!({"owner": m("alex"), "recipient": m("riley"), "amount": "100"}),
            ),
        ),
        (
            E,
            seed(
                "send_from",
                &m("jordan"),
                json!({"owner": m("alex"), "contract": alpha.distributor, "amount": "10",
                       "msg": payload(json!({"gift_to_pool": {}}))}),
            ),
        ),
        (
            E,
            seed(
                "burn_from",
                &m("jordan"),
                json!({"owner": m("alex"), "amount": "1"}),
            ),
        ),
        (
            E,
            seed(
                "increase_allowance",
                &m("riley"),
                json!({"spender": m("casey"), "amount": "50", "expires": {"at_time": now}}),
            ),
        ),
        (
            E,
            seed(
                "decrease_allowance",
                &m("alex"),
                json!({"spender": m("jordan"), "amount": "1", "expires": null}),
            ),
        ),
        (
            E,
            seed(
                "update_minter",
                &alpha.distributor,
                json!({"new_minter": m("alex")}),
            ),
        ),
        (
            Q,
            seed(
                "all_allowances",
                "",
                json!({"owner": m("alex"), "start_after": null, "limit": 5}),
            ),
        ),
        (
            I,
            seed(
                "instantiate",
                &alpha.distributor,
                json!({"name": "Gamma Flow", "symbol": "GFLOW", "decimals": 6,
                       "initial_balances": [{"address": m("alex"), "amount": "10"}],
                       "mint": {"minter": alpha.distributor, "cap": null},
                       "marketing": {"project": "gamma", "description": "tokens",
                                     "marketing": m("alex"), "logo": {"url": "https://example.invalid/l.png"}},
                       "holon": alpha.distributor}),
            ),
        ),
    ];

    let load = |artifact: &str| vm::load(artifact);
    vec![
        Target {
            name: "need-registry",
            address: alpha.registry.clone(),
            code_id: alpha.codes.registry,
            checksum: load("need_registry"),
            senders: with(&[&alpha.distributor, &alpha.attestation]),
            seeds: registry_seeds,
        },
        Target {
            name: "attestation",
            address: alpha.attestation.clone(),
            code_id: alpha.codes.attestation,
            checksum: load("attestation"),
            senders: with(&[&alpha.distributor, &alpha.registry]),
            seeds: attestation_seeds,
        },
        Target {
            name: "flow-token",
            address: alpha.token.clone(),
            code_id: alpha.codes.token,
            checksum: load("flow_token"),
            senders: with(&[&alpha.distributor, &beta.distributor]),
            seeds: token_seeds,
        },
        Target {
            name: "distributor",
            address: alpha.distributor.clone(),
            code_id: alpha.codes.distributor,
            checksum: load("distributor"),
            senders: with(&[
                &alpha.attestation,
                &alpha.token,
                &beta.token,
                &beta.distributor,
            ]),
            seeds: distributor_seeds,
        },
    ]
}

pub fn context(w: &World) -> Ctx {
    let (alpha, beta) = (&w.alpha, &w.beta);
    let mut contracts = vec![];
    for (prefix, h) in [("", alpha), ("beta_", beta)] {
        for (role, addr) in [
            ("group", &h.group),
            ("registry", &h.registry),
            ("distributor", &h.distributor),
            ("attestation", &h.attestation),
            ("token", &h.token),
        ] {
            contracts.push((format!("{prefix}{role}"), addr.clone()));
        }
    }
    let mut ids = w.needs.clone();
    ids.extend(&w.attestations);
    let c = alpha.codes;
    Ctx {
        members: w.members.clone(),
        stranger: w.stranger.clone(),
        governance: alpha.governance.clone(),
        contracts,
        addresses: w.addresses(),
        categories: w.categories.clone(),
        ids,
        code_ids: vec![
            c.token,
            c.attestation,
            c.registry,
            c.cw20_base,
            c.group,
            9_999,
        ],
        now_nanos: w.chain().block().time,
        height: w.chain().block().height,
    }
}
