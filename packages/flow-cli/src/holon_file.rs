//! The holon file: a checked holon in the one JSON form `scripts/deploy.mjs` deploys
//! (`flow holon FILE --json`; `flow simulate --node` writes it with its keys' addresses).
//!
//! Every value comes from the [`HolonSpec`] the embedded chain deploys ([`spec_of`]): the
//! policy, attestation policy, budget and categories are flow-types' own values, serialized,
//! so that no default is written twice.

use flow_testing::{Governance, HolonSpec};
use flow_types::registry::PostingRule;
use serde_json::{json, Value};

use crate::diag::Diag;
use crate::scenario::{Granter, HolonPlan, Plan};

/// What the embedded chain deploys for `h`. A holon that `governance = "NAME"` names is
/// `Governance::Address(NAME)`: the caller turns the name into its chain's address.
pub fn spec_of(h: &HolonPlan) -> HolonSpec {
    let mut spec = HolonSpec::new(&h.name, &h.symbol);
    spec.token_name = Some(h.token_name.clone());
    spec.decimals = h.decimals;
    spec.members = h.members.clone();
    spec.weights = h.weights.clone();
    spec.categories = h.categories.clone();
    spec.policy = h.policy.clone();
    spec.attestation_policy = h.attestation_policy.clone();
    spec.budget = h.budget.clone();
    spec.cycle_seconds = h.cycle_seconds;
    spec.posting = h.posting;
    spec.max_requesters_per_need = h.max_requesters_per_need;
    spec.commons_confirm_window_seconds = h.commons_confirm_window_seconds;
    if let Some(g) = &h.governance {
        spec.governance = Governance::Members {
            threshold: g.threshold,
            quorum: g.quorum,
            voting_period: g.voting_period_seconds,
        };
    } else if let Some(s) = &h.steward {
        spec.governance = Governance::Address(s.clone());
    }
    spec
}

/// The JSON form of one holon (docs/SCENARIO.md, "The holon file"): every field present.
/// `member` maps a member's name (as written: an account name or an address) to what the
/// deployer takes, `governance` the governing account's name (`governance = "NAME"`, or the
/// simulator's `governance` account when the file names none). `[fees]` is written only
/// when the file has one, with its keys as written.
pub fn deploy_form(
    holon: &HolonPlan,
    member: &dyn Fn(&str) -> String,
    governance: &dyn Fn(&str) -> String,
) -> Value {
    let spec = spec_of(holon);
    let dist = spec.distributor_msg("governance", "group", "registry", (0, 0), None);
    let token = match &dist.token {
        flow_types::distributor::TokenSetup::New {
            name,
            symbol,
            decimals,
            ..
        } => json!({"name": name, "symbol": symbol, "decimals": decimals}),
        // The spec always makes a new token.
        _ => Value::Null,
    };
    let members: Vec<Value> = spec
        .members
        .iter()
        .map(|m| json!({"addr": member(m), "weight": spec.weight_of(m)}))
        .collect();
    let gov = match &spec.governance {
        Governance::Members {
            threshold,
            quorum,
            voting_period,
        } => json!({
            "kind": "members",
            "threshold": threshold,
            "quorum": quorum,
            "voting_period_seconds": voting_period,
        }),
        Governance::Address(name) => json!({"kind": "address", "address": governance(name)}),
        Governance::Wallet => json!({"kind": "address", "address": governance("governance")}),
    };
    let posting = match spec.posting {
        PostingRule::Members => "members",
        PostingRule::Stewards => "stewards",
    };
    let mut out = json!({
        "name": spec.name,
        "slug": holon.slug,
        "token": token,
        "members": members,
        "governance": gov,
        "posting": posting,
        "categories": spec.categories,
        "policy": spec.policy,
        "attestation_policy": spec.attestation_policy,
        "budget": spec.budget,
        "cycle_seconds": spec.cycle_seconds,
        "cycle_start": holon.cycle_start,
        "max_requesters_per_need": spec.max_requesters_per_need,
        "commons": {"confirm_window_seconds": spec.commons_confirm_window_seconds},
    });
    if let Some(f) = &holon.fees {
        let mut fees = serde_json::Map::new();
        let granter = match &f.granter {
            Granter::Deployer => "deployer".to_string(),
            Granter::Account(a) => a.clone(),
        };
        fees.insert("granter".into(), json!(granter));
        fees.insert("period_days".into(), json!(f.period_seconds / 86_400));
        if let Some((amount, denom)) = &f.spend_limit {
            fees.insert("spend_limit".into(), json!(format!("{amount}{denom}")));
        }
        fees.insert("expiry_days".into(), json!(f.expiry_seconds / 86_400));
        out["fees"] = Value::Object(fees);
    }
    out
}

/// A few lines about the holon for `flow holon` without `--json`.
pub fn summary(holon: &HolonPlan) -> String {
    let spec = spec_of(holon);
    let mut s = String::new();
    let mut line = |l: String| {
        s.push_str(&l);
        s.push('\n');
    };
    line(format!(
        "{} ({}): token {} ({}, {} decimals)",
        spec.name, holon.slug, holon.token_name, spec.symbol, spec.decimals
    ));
    let members: Vec<String> = spec
        .members
        .iter()
        .map(|m| match spec.weight_of(m) {
            1 => m.clone(),
            w => format!("{m} ×{w}"),
        })
        .collect();
    line(format!(
        "members ({}): {}",
        members.len(),
        members.join(", ")
    ));
    line(format!(
        "governance: {}",
        match &spec.governance {
            Governance::Members {
                threshold,
                quorum,
                voting_period,
            } => format!(
                "the members' multisig (threshold {threshold}, quorum {quorum}, voting period {voting_period} s)"
            ),
            Governance::Address(a) => a.clone(),
            Governance::Wallet => "governance (the deploy's key)".into(),
        }
    ));
    let posting = match spec.posting {
        PostingRule::Members => "members",
        PostingRule::Stewards => "stewards",
    };
    line(format!(
        "posting: {posting}; max requesters per need: {}",
        spec.max_requesters_per_need
            .map_or("50 (the registry's default)".into(), |m| m.to_string())
    ));
    let cats: Vec<&str> = spec.categories.iter().map(|c| c.id.as_str()).collect();
    line(format!("categories ({}): {}", cats.len(), cats.join(", ")));
    line(format!(
        "policy: {} model, reserve {}, baseline {}, capacity bonus {}",
        json!(spec.policy.model).as_str().unwrap_or("?"),
        spec.policy.reserve,
        spec.policy.baseline,
        spec.policy.capacity_bonus
    ));
    let a = &spec.attestation_policy;
    line(format!(
        "attestations: {} co-sign(s), challenge {} s, at most {} h per attestation and {} h per cycle",
        a.cosigns_required, a.challenge_seconds, a.max_hours_per_attestation, a.max_hours_per_cycle
    ));
    line(format!(
        "budget: {}",
        match &spec.budget {
            flow_types::distributor::BudgetMode::Treasury { denom } =>
                format!("treasury in {denom}"),
            flow_types::distributor::BudgetMode::Fixed { emission } =>
                format!("fixed emission {emission} per cycle"),
        }
    ));
    line(format!(
        "cycle: {} s, starting {}",
        spec.cycle_seconds,
        holon.cycle_start.as_deref().unwrap_or("at the deploy")
    ));
    if holon.fees.is_some() {
        line("fees: the holon pays its members' gas ([fees])".into());
    }
    s
}

/// The holon `id` names (`--holon`), or the file's only one.
pub fn pick<'a>(plan: &'a Plan, id: Option<&str>) -> Result<&'a HolonPlan, Diag> {
    let ids = || {
        plan.holons
            .iter()
            .map(|h| h.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match id {
        Some(id) => plan.holons.iter().find(|h| h.key == id).ok_or_else(|| {
            Diag::file(
                &plan.file,
                format!("no holon has the id {id:?} (holons: {})", ids()),
            )
        }),
        None if plan.holons.len() == 1 => Ok(&plan.holons[0]),
        None => Err(Diag::file(
            &plan.file,
            format!(
                "the file describes {} holons: pick one with --holon ID (holons: {})",
                plan.holons.len(),
                ids()
            ),
        )),
    }
}

/// `flow holon FILE [--holon ID] [--json]`: the file checked as `flow simulate` checks it,
/// then the holon in its deploy form (names as written) or a short summary.
pub fn holon_command(path: &str, id: Option<&str>, json: bool) -> Result<String, Diag> {
    let plan = crate::scenario::load(path)?;
    let holon = pick(&plan, id)?;
    Ok(if json {
        let form = deploy_form(holon, &|m| m.to_string(), &|g| g.to_string());
        serde_json::to_string_pretty(&form).unwrap_or_default() + "\n"
    } else {
        summary(holon)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alpha() -> HolonPlan {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/holon-alpha.toml"
        );
        crate::scenario::load(path).unwrap().holons.remove(0)
    }

    fn category(id: &str) -> Value {
        json!({"id": id, "label": id, "impact": "1", "capacity_building": false,
               "need_factor": "1", "unit_credit": "0"})
    }

    #[test]
    fn the_seeds_holon_in_its_deploy_form() {
        let form = deploy_form(&alpha(), &|m| m.to_string(), &|g| g.to_string());
        let members: Vec<Value> = ["alex", "jordan", "casey", "riley", "sam"]
            .iter()
            .map(|m| json!({"addr": m, "weight": 1}))
            .collect();
        let categories: Vec<Value> = ["food", "garden", "energy", "childcare", "facilitation"]
            .map(category)
            .to_vec();
        assert_eq!(
            form,
            json!({
                "name": "Holon Alpha",
                "slug": "holon-alpha",
                "token": {"name": "Alpha Flow", "symbol": "AFLOW", "decimals": 6},
                "members": members,
                "governance": {"kind": "address", "address": "governance"},
                "posting": "members",
                "categories": categories,
                "policy": {
                    "model": "time",
                    "scarcity": {"fixed": {"factors": []}},
                    "capacity_bonus": "0",
                    "reserve": "0",
                    "baseline": "0",
                    "max_credit_per_member": null,
                    "anyone_may_settle": false
                },
                "attestation_policy": {
                    "cosigns_required": 1,
                    "challenge_seconds": 0,
                    "max_hours_per_attestation": "744",
                    "max_hours_per_cycle": "744",
                    "max_cosigns_per_pair_per_cycle": 31,
                    "pending_expiry_seconds": 0
                },
                "budget": {"treasury": {"denom": "ucredit"}},
                "cycle_seconds": 2592000,
                "cycle_start": null,
                "max_requesters_per_need": null,
                "commons": {"confirm_window_seconds": 259200}
            })
        );
        // The caller's names: a node's keys.
        let form = deploy_form(&alpha(), &|m| format!("wasm1{m}"), &|g| format!("wasm1{g}"));
        assert_eq!(
            form["members"][3],
            json!({"addr": "wasm1riley", "weight": 1})
        );
        assert_eq!(
            form["governance"],
            json!({"kind": "address", "address": "wasm1governance"})
        );
    }

    #[test]
    fn flow_holon_picks_one_holon_of_several() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/two-holons.toml"
        );
        let e = holon_command(path, None, true).unwrap_err();
        assert!(
            e.message
                .ends_with("pick one with --holon ID (holons: alpha, beta)"),
            "{e}"
        );
        let e = holon_command(path, Some("gamma"), true).unwrap_err();
        assert!(
            e.message
                .ends_with("no holon has the id \"gamma\" (holons: alpha, beta)"),
            "{e}"
        );
        let out = holon_command(path, Some("beta"), true).unwrap();
        let form: Value = serde_json::from_str(&out).unwrap();
        let plan = crate::scenario::load(path).unwrap();
        assert_eq!(
            form,
            deploy_form(&plan.holons[1], &|m| m.to_string(), &|g| g.to_string())
        );
        let text = holon_command(path, Some("alpha"), false).unwrap();
        assert!(
            text.starts_with(&format!("{} (", plan.holons[0].name)),
            "{text}"
        );
    }

    #[test]
    fn the_form_carries_weights_governance_and_the_holon_fields() {
        let src = r#"
[holon]
name = "Holon Beta"
token = { symbol = "BFLOW" }
slug = "beta"
posting = "stewards"
cycle_start = "2026-01-01T00:00:00Z"
max_requesters_per_need = 20
commons_confirm_window_seconds = 86400
governance = "steward-beta"

[budget]
mode = "fixed"
emission = "1000"

[[members]]
name = "bea"
weight = 2

[[members]]
name = "ben"

[fees]
spend_limit = "23000stake"
"#;
        let h = crate::scenario::parse("b.toml", src)
            .unwrap()
            .holons
            .remove(0);
        let form = deploy_form(&h, &|m| m.to_string(), &|g| g.to_string());
        assert_eq!(form["slug"], "beta");
        assert_eq!(
            form["token"],
            json!({"name": "Holon Beta Flow", "symbol": "BFLOW", "decimals": 6})
        );
        assert_eq!(
            form["members"],
            json!([{"addr": "bea", "weight": 2}, {"addr": "ben", "weight": 1}])
        );
        assert_eq!(
            form["governance"],
            json!({"kind": "address", "address": "steward-beta"})
        );
        assert_eq!(form["posting"], "stewards");
        assert_eq!(form["cycle_start"], "2026-01-01T00:00:00Z");
        assert_eq!(form["max_requesters_per_need"], 20);
        assert_eq!(form["commons"], json!({"confirm_window_seconds": 86400}));
        assert_eq!(form["budget"], json!({"fixed": {"emission": "1000"}}));
        assert_eq!(form["categories"], json!([]));
        assert_eq!(
            form["fees"],
            json!({"granter": "deployer", "period_days": 30, "spend_limit": "23000stake", "expiry_days": 365})
        );
        // The members' multisig, its rules written out.
        let governed = src
            .replace("governance = \"steward-beta\"\n", "")
            .replace("posting = \"stewards\"\n", "")
            + "\n[holon.governance.members]\nquorum = \"0.4\"\n";
        let h = crate::scenario::parse("b.toml", &governed)
            .unwrap()
            .holons
            .remove(0);
        let form = deploy_form(&h, &|m| m.to_string(), &|g| g.to_string());
        assert_eq!(
            form["governance"],
            json!({"kind": "members", "threshold": "0.51", "quorum": "0.4", "voting_period_seconds": 604800})
        );
    }
}
