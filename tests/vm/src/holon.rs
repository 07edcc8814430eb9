//! A whole holon on the mini-chain, deployed like `flow-testing` deploys it (cw4 group,
//! need-registry, then the distributor, which creates the flow-token and the attestation
//! contract through submessages and replies), and the members' transactions as JSON.

use serde_json::{json, Value};

use crate::api;
use crate::artifacts;
use crate::chain::{Chain, ChainError, ChainResult, Outcome};
use crate::gas::Cost;

/// The treasury denom.
pub const DENOM: &str = "ucredit";
/// Seconds in a 30-day cycle.
pub const CYCLE_SECONDS: u64 = 2_592_000;

/// Code ids of every artifact, stored on a chain.
#[derive(Clone, Copy, Debug)]
pub struct Codes {
    pub group: u64,
    pub registry: u64,
    pub attestation: u64,
    pub distributor: u64,
    pub token: u64,
    pub cw20_base: u64,
}

impl Codes {
    /// Stores every artifact (panics, saying how to build them, when one is missing).
    pub fn store(chain: &Chain) -> Self {
        let store = |name: &str| {
            chain
                .store_code(name, &artifacts::wasm(name))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        Self {
            group: store("reference/cw4_group"),
            registry: store("need_registry"),
            attestation: store("attestation"),
            distributor: store("distributor"),
            token: store("flow_token"),
            cw20_base: store("reference/cw20_base"),
        }
    }
}

/// A category with default factors.
pub fn category(id: &str) -> Value {
    json!({"id": id, "label": id, "impact": "1", "capacity_building": false,
           "need_factor": "1", "unit_credit": "0"})
}

/// The default weighting policy (`time`, no reserve, no baseline).
pub fn time_policy() -> Value {
    json!({"model": "time", "scarcity": {"fixed": {"factors": []}}, "capacity_bonus": "0",
           "reserve": "0", "baseline": "0", "max_credit_per_member": null,
           "anyone_may_settle": false})
}

/// `need` with fixed factors, e.g. `[("childcare", "2"), ("garden", "0.5")]`.
pub fn need_policy(factors: &[(&str, &str)]) -> Value {
    let mut p = time_policy();
    p["model"] = json!("need");
    p["scarcity"] = json!({"fixed": {"factors": factors.iter()
        .map(|(c, f)| json!({"category": c, "factor": f})).collect::<Vec<_>>()}});
    p
}

/// `hybrid` with auto scarcity (the registry's demand counts at close).
pub fn hybrid_auto_policy() -> Value {
    let mut p = time_policy();
    p["model"] = json!("hybrid");
    p["scarcity"] = json!({"auto": {"min": "0.5", "max": "2"}});
    p["capacity_bonus"] = json!("0.5");
    p
}

/// The attestation contract's default policy (one co-sign, no challenge window), with the
/// per-pair limit raised when `unlimited_pairs`.
pub fn attestation_policy(challenge_seconds: u64, unlimited_pairs: bool) -> Value {
    json!({"cosigns_required": 1, "challenge_seconds": challenge_seconds,
           "max_hours_per_attestation": "744", "max_hours_per_cycle": "744",
           "max_cosigns_per_pair_per_cycle": if unlimited_pairs { u32::MAX } else { 31 },
           "pending_expiry_seconds": 0})
}

/// What to deploy.
#[derive(Clone, Debug)]
pub struct HolonSpec {
    pub name: String,
    pub symbol: String,
    /// Member addresses (weight 1 each).
    pub members: Vec<String>,
    pub categories: Vec<Value>,
    pub policy: Value,
    pub attestation_policy: Value,
    pub cycle_seconds: u64,
}

impl HolonSpec {
    /// The seed's Holon Alpha: five members, five categories, `time`, a treasury.
    pub fn holon_alpha() -> Self {
        Self {
            name: "Holon Alpha".into(),
            symbol: "AFLOW".into(),
            members: ["alex", "jordan", "casey", "riley", "sam"]
                .map(api::account)
                .to_vec(),
            categories: ["food", "garden", "energy", "childcare", "facilitation"]
                .map(category)
                .to_vec(),
            policy: time_policy(),
            attestation_policy: attestation_policy(0, false),
            cycle_seconds: CYCLE_SECONDS,
        }
    }
}

/// A deployed holon.
pub struct Holon {
    pub chain: Chain,
    pub codes: Codes,
    pub governance: String,
    pub group: String,
    pub registry: String,
    pub distributor: String,
    pub attestation: String,
    pub token: String,
    /// What deploying the distributor did (it creates the token and the attestation).
    pub deployment: Outcome,
}

fn dec_attr(o: &Outcome, key: &str) -> ChainResult<u64> {
    o.attr(key)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ChainError::Chain(format!("no attribute {key}")))
}

impl Holon {
    /// Deploys `spec` on a new chain: group, registry, distributor (→ token, attestation).
    pub fn deploy(spec: &HolonSpec) -> Self {
        let chain = Chain::new();
        let codes = Codes::store(&chain);
        Self::deploy_on(chain, codes, spec)
    }

    pub fn deploy_on(chain: Chain, codes: Codes, spec: &HolonSpec) -> Self {
        let gov = api::account("governance");
        let members: Vec<Value> = spec
            .members
            .iter()
            .map(|m| json!({"addr": m, "weight": 1}))
            .collect();
        let (group, _) = chain
            .instantiate(
                &gov,
                codes.group,
                &json!({"admin": gov, "members": members}),
                "group",
                Some(&gov),
            )
            .expect("the group");
        let (registry, _) = chain
            .instantiate(
                &gov,
                codes.registry,
                &json!({"owner": gov, "group": group, "posting": "members",
                        "categories": spec.categories, "max_requesters_per_need": null}),
                "needs",
                Some(&gov),
            )
            .expect("the registry");
        let (distributor, deployment) = chain
            .instantiate(
                &gov,
                codes.distributor,
                &json!({
                    "name": spec.name, "governance": gov, "group": group, "registry": registry,
                    "token": {"new": {"code_id": codes.token, "name": format!("{} Flow", spec.name),
                              "symbol": spec.symbol, "decimals": 6, "marketing": null,
                              "label": format!("{} token", spec.name)}},
                    "attestation": {"new": {"code_id": codes.attestation,
                                    "label": format!("{} attestations", spec.name),
                                    "policy": spec.attestation_policy}},
                    "cycle_start": chain.block().time.to_string(),
                    "cycle_seconds": spec.cycle_seconds,
                    "policy": spec.policy,
                    "budget": {"treasury": {"denom": DENOM}},
                }),
                "distributor",
                Some(&gov),
            )
            .unwrap_or_else(|e| panic!("the distributor: {e}"));
        // The group tells the distributor who leaves (`member_changed_hook`): its admin adds
        // the distributor as its hook, as every deployment does.
        chain
            .execute(
                &gov,
                &group,
                &json!({"add_hook": {"addr": distributor}}),
                &[],
            )
            .expect("the group's hook");
        let config = chain
            .query(&distributor, &json!({"config": {}}))
            .expect("the distributor's config");
        let token = config["config"]["token"]
            .as_str()
            .expect("a token")
            .to_string();
        let attestation = config["config"]["attestation"]
            .as_str()
            .expect("an attestation")
            .to_string();
        // A block passes so that membership snapshots exist before anything closes.
        chain.next_block();
        Self {
            chain,
            codes,
            governance: gov,
            group,
            registry,
            distributor,
            attestation,
            token,
            deployment,
        }
    }

    // ------------------------------------------------------------------ registry

    /// `member` posts a need in `category` (1 hour weekly); returns its id.
    pub fn post_need(
        &self,
        member: &str,
        category: &str,
        title: &str,
    ) -> ChainResult<(u64, Outcome)> {
        let o = self.chain.execute(
            member,
            &self.registry,
            &json!({"post_need": {"need": {"category": category, "title": title, "description": "",
                    "unit": "hours", "quantity": "1", "period": "weekly", "impact": null,
                    "unit_credit": null, "capacity_building": null}}}),
            &[],
        )?;
        Ok((dec_attr(&o, "need_id")?, o))
    }

    pub fn endorse(&self, member: &str, need_id: u64) -> ChainResult<Outcome> {
        self.chain.execute(
            member,
            &self.registry,
            &json!({"endorse": {"id": need_id}}),
            &[],
        )
    }

    // ------------------------------------------------------------------ attestation

    /// `member` attests `hours` and `units` toward a need; returns the attestation id.
    pub fn attest(
        &self,
        member: &str,
        need_id: u64,
        hours: &str,
        units: &str,
        buddy: Option<&str>,
    ) -> ChainResult<(u64, Outcome)> {
        let o = self.chain.execute(
            member,
            &self.attestation,
            &json!({"attest": {"need_id": need_id, "hours": hours, "units": units,
                    "description": "did this", "evidence": null, "buddy": buddy}}),
            &[],
        )?;
        Ok((dec_attr(&o, "attestation_id")?, o))
    }

    pub fn cosign(&self, member: &str, id: u64) -> ChainResult<Outcome> {
        self.chain.execute(
            member,
            &self.attestation,
            &json!({"cosign": {"id": id}}),
            &[],
        )
    }

    pub fn finalize(&self, sender: &str, id: u64) -> ChainResult<Outcome> {
        self.chain.execute(
            sender,
            &self.attestation,
            &json!({"finalize": {"id": id}}),
            &[],
        )
    }

    /// Governance replaces the attestation policy.
    pub fn set_attestation_policy(&self, policy: &Value) -> ChainResult<Outcome> {
        self.chain.execute(
            &self.governance,
            &self.attestation,
            &json!({"set_policy": {"policy": policy}}),
            &[],
        )
    }

    /// Attest and have the buddy co-sign at once.
    pub fn contribute(
        &self,
        member: &str,
        need_id: u64,
        hours: &str,
        units: &str,
        buddy: &str,
    ) -> ChainResult<u64> {
        let (id, _) = self.attest(member, need_id, hours, units, Some(buddy))?;
        self.cosign(buddy, id)?;
        Ok(id)
    }

    // ------------------------------------------------------------------ distributor

    /// `from` funds the treasury (coins minted for it first).
    pub fn fund(&self, from: &str, amount: u128) -> ChainResult<Outcome> {
        self.chain.mint_native(from, DENOM, amount);
        self.chain.execute(
            from,
            &self.distributor,
            &json!({"fund": {"memo": "benchmark funding"}}),
            &[(DENOM, amount)],
        )
    }

    pub fn close_cycle(&self, sender: &str) -> ChainResult<Outcome> {
        self.chain
            .execute(sender, &self.distributor, &json!({"close_cycle": {}}), &[])
    }

    pub fn claim(&self, member: &str, cycle: u64) -> ChainResult<Outcome> {
        self.chain.execute(
            member,
            &self.distributor,
            &json!({"claim": {"cycle": cycle, "member": null}}),
            &[],
        )
    }

    pub fn preview(&self, member: &str) -> ChainResult<(Value, Cost)> {
        self.chain
            .query_with_cost(&self.distributor, &json!({"preview": {"member": member}}))
    }

    pub fn explain(&self, cycle: u64, member: &str) -> ChainResult<(Value, Cost)> {
        self.chain.query_with_cost(
            &self.distributor,
            &json!({"explain": {"cycle": cycle, "member": member}}),
        )
    }

    pub fn cycle(&self, cycle: u64) -> ChainResult<Value> {
        self.chain
            .query(&self.distributor, &json!({"cycle": {"cycle": cycle}}))
    }

    // ------------------------------------------------------------------ token

    pub fn balance(&self, address: &str) -> u128 {
        cw20_balance(&self.chain, &self.token, address)
    }

    pub fn total_supply(&self) -> u128 {
        let r = self
            .chain
            .query(&self.token, &json!({"token_info": {}}))
            .expect("token info");
        r["total_supply"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("a supply")
    }

    /// cw20 `Send` of our token to our distributor with a holon payload.
    pub fn send_to_distributor(
        &self,
        from: &str,
        amount: u128,
        payload: &Value,
    ) -> ChainResult<Outcome> {
        self.chain.execute(
            from,
            &self.token,
            &json!({"send": {"contract": self.distributor, "amount": amount.to_string(),
                    "msg": vmstd::Binary::from(serde_json::to_vec(payload).expect("json")).to_base64()}}),
            &[],
        )
    }
}

/// A cw20 balance.
pub fn cw20_balance(chain: &Chain, token: &str, address: &str) -> u128 {
    let r = chain
        .query(token, &json!({"balance": {"address": address}}))
        .expect("balance");
    r["balance"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("a balance")
}

/// A cw20 `Transfer`.
pub fn transfer_msg(recipient: &str, amount: u128) -> Value {
    json!({"transfer": {"recipient": recipient, "amount": amount.to_string()}})
}

/// A cw20 `Mint`.
pub fn mint_msg(recipient: &str, amount: u128) -> Value {
    json!({"mint": {"recipient": recipient, "amount": amount.to_string()}})
}

/// The inner message of a dispatched `WasmMsg::Execute` (`{"wasm": {"execute": …}}`), decoded.
pub fn wasm_execute(msg: &Value) -> Option<(String, Value)> {
    let e = msg.pointer("/wasm/execute")?;
    let inner = vmstd::Binary::from_base64(e["msg"].as_str()?).ok()?;
    Some((
        e["contract_addr"].as_str()?.to_string(),
        serde_json::from_slice(&inner).ok()?,
    ))
}
