//! The `flow` binary on every scenario of tests/scenarios (but the scale one, which is the
//! benchmark's): the payouts are asserted exactly, and bad scenarios fail with a message that
//! names the file, the line and the field.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

fn scenario(name: &str) -> String {
    scenarios().join(name).to_string_lossy().into_owned()
}

fn flow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flow"))
        .args(args)
        .output()
        .expect("run flow")
}

/// `flow simulate FILE --json`, checked to succeed and to print one JSON document only.
fn simulate(name: &str) -> Value {
    let out = flow(&["simulate", &scenario(name), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}: {stderr}");
    assert!(
        stderr.is_empty(),
        "{name}: nothing on stderr expected, got {stderr}"
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{name}: stdout is not one JSON document: {e}"))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// (member, weight, amount) of every payout of a cycle.
fn payouts(cycle: &Value) -> Vec<(String, String, u128)> {
    cycle["payouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                s(&p["member"]).to_string(),
                s(&p["weight"]).to_string(),
                s(&p["amount"]).parse().unwrap(),
            )
        })
        .collect()
}

fn amounts(cycle: &Value) -> Vec<(String, u128)> {
    payouts(cycle).into_iter().map(|(m, _, a)| (m, a)).collect()
}

fn pairs(list: &[(&str, u128)]) -> Vec<(String, u128)> {
    list.iter().map(|(m, a)| (m.to_string(), *a)).collect()
}

/// The balances, sorted by name (a parsed JSON object forgets the order; the seed test
/// checks it on the text).
fn balances(doc: &Value) -> Vec<(String, u128)> {
    doc["balances"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), s(v).parse().unwrap()))
        .collect()
}

fn sorted(list: &[(&str, u128)]) -> Vec<(String, u128)> {
    let mut v = pairs(list);
    v.sort();
    v
}

/// docs/SCENARIO.md shows the document of the seed's month: it is what `flow simulate`
/// prints, byte for byte.
#[test]
fn the_document_in_the_docs_is_what_flow_prints() {
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/SCENARIO.md"),
    )
    .expect("docs/SCENARIO.md");
    let shown = docs
        .rsplit("```json\n")
        .next()
        .and_then(|rest| rest.split("```").next())
        .expect("a json block in docs/SCENARIO.md");
    let out = flow(&["simulate", &scenario("holon-alpha.toml"), "--json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), shown);
}

/// The seed's month, `time` (docs/WEIGHTING.md): the document is exactly docs/SCENARIO.md's
/// shape.
#[test]
fn holon_alpha_pays_the_seed_numbers() {
    let doc = simulate("holon-alpha.toml");
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys.len(), 4);
    for k in ["holon", "cycles", "balances", "total_supply"] {
        assert!(keys.contains(&k), "{k} missing");
    }
    assert_eq!(doc["holon"], "Holon Alpha");
    let c = &doc["cycles"][0];
    let mut fields: Vec<&str> = c.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "baseline_each",
            "baseline_pool",
            "budget",
            "contribution_pool",
            "cycle",
            "dust",
            "minted",
            "model",
            "payouts",
            "total_weight"
        ]
    );
    assert_eq!(
        (c["cycle"].as_u64(), s(&c["model"]), s(&c["budget"])),
        (Some(1), "time", "5000000000")
    );
    assert_eq!(
        (
            s(&c["baseline_pool"]),
            s(&c["baseline_each"]),
            s(&c["contribution_pool"])
        ),
        ("0", "0", "5000000000")
    );
    assert_eq!(s(&c["total_weight"]), "128");
    let expected = [
        ("alex", "16", 625_000_000u128),
        ("jordan", "40", 1_562_500_000),
        ("casey", "8", 312_500_000),
        ("riley", "60", 2_343_750_000),
        ("sam", "4", 156_250_000),
    ];
    let expected: Vec<(String, String, u128)> = expected
        .iter()
        .map(|(m, w, a)| (m.to_string(), w.to_string(), *a))
        .collect();
    assert_eq!(payouts(c), expected);
    assert_eq!((s(&c["minted"]), s(&c["dust"])), ("5000000000", "0"));
    assert_eq!(
        balances(&doc),
        sorted(&[
            ("alex", 625_000_000),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 2_343_750_000),
            ("sam", 156_250_000)
        ])
    );
    assert_eq!(s(&doc["total_supply"]), "5000000000");
    // balances keep the scenario's order of members
    let text =
        String::from_utf8(flow(&["simulate", &scenario("holon-alpha.toml"), "--json"]).stdout)
            .unwrap();
    let at = |m: &str| text.rfind(&format!("\"{m}\": \"")).unwrap();
    assert!(
        at("alex") < at("jordan")
            && at("jordan") < at("casey")
            && at("casey") < at("riley")
            && at("riley") < at("sam")
    );
}

/// `need`, fixed factors childcare 2, garden 0.5 (docs/WEIGHTING.md): weights 16, 20, 8, 120, 4.
#[test]
fn holon_alpha_need_pays_the_seed_numbers_with_one_unit_of_dust() {
    let doc = simulate("holon-alpha-need.toml");
    let c = &doc["cycles"][0];
    assert_eq!((s(&c["model"]), s(&c["total_weight"])), ("need", "168"));
    let weights: Vec<String> = payouts(c).into_iter().map(|(_, w, _)| w).collect();
    assert_eq!(weights, ["16", "20", "8", "120", "4"]);
    assert_eq!(
        amounts(c),
        pairs(&[
            ("alex", 476_190_476),
            ("jordan", 595_238_095),
            ("casey", 238_095_238),
            ("riley", 3_571_428_571),
            ("sam", 119_047_619)
        ])
    );
    assert_eq!((s(&c["dust"]), s(&c["minted"])), ("1", "4999999999"));
    assert_eq!(s(&doc["total_supply"]), "4999999999");
}

/// `impact`: alex 16 h + 80 loaves x 0.1 = 24; casey 8 x I 2 = 16; riley 60 x 1.5 = 90;
/// sam 4 x 1.25 (category default) = 5; jordan 40. W = 175, C = 5e9:
/// floor(5e9 x 24/175) = 685714285, x 40/175 = 1142857142, x 16/175 = 457142857,
/// x 90/175 = 2571428571, x 5/175 = 142857142; Σ = 4999999997, dust 3.
#[test]
fn impact_weighs_each_need_by_its_factor() {
    let doc = simulate("holon-alpha-impact.toml");
    let c = &doc["cycles"][0];
    assert_eq!((s(&c["model"]), s(&c["total_weight"])), ("impact", "175"));
    assert_eq!(
        amounts(c),
        pairs(&[
            ("alex", 685_714_285),
            ("jordan", 1_142_857_142),
            ("casey", 457_142_857),
            ("riley", 2_571_428_571),
            ("sam", 142_857_142)
        ])
    );
    assert_eq!((s(&c["dust"]), s(&c["minted"])), ("3", "4999999997"));
}

/// `hybrid`, capacity_bonus 0.5: alex 16; jordan 40 x N 0.5 = 20; casey 8 x I 2 x K 1.5 = 24;
/// riley 60 x I 1.5 x N 2 = 180; sam 4 x 1.25 + 2 x K 1.5 = 8. W = 248; a fixed emission
/// of 4,960,000,000 is 20,000,000 per unit of weight.
#[test]
fn hybrid_adds_the_capacity_building_bonus() {
    let doc = simulate("holon-alpha-hybrid.toml");
    let c = &doc["cycles"][0];
    assert_eq!(
        (s(&c["model"]), s(&c["total_weight"]), s(&c["budget"])),
        ("hybrid", "248", "4960000000")
    );
    let weights: Vec<String> = payouts(c).into_iter().map(|(_, w, _)| w).collect();
    assert_eq!(weights, ["16", "20", "24", "180", "8"]);
    assert_eq!(
        amounts(c),
        pairs(&[
            ("alex", 320_000_000),
            ("jordan", 400_000_000),
            ("casey", 480_000_000),
            ("riley", 3_600_000_000),
            ("sam", 160_000_000)
        ])
    );
    assert_eq!(s(&c["dust"]), "0");
}

/// reserve 0.1 of 10e9 keeps 1e9: B = 9e9; baseline 0.2: P = 1.8e9 over 6 members =
/// 3e8 each; C = 7.2e9 by hours 30:10. Morgan, who did nothing, gets the baseline.
#[test]
fn reserve_and_baseline_include_a_member_who_contributed_nothing() {
    let doc = simulate("reserve-baseline.toml");
    let c = &doc["cycles"][0];
    assert_eq!(
        (
            s(&c["budget"]),
            s(&c["baseline_pool"]),
            s(&c["baseline_each"]),
            s(&c["contribution_pool"])
        ),
        ("9000000000", "1800000000", "300000000", "7200000000")
    );
    assert_eq!(
        payouts(c),
        [
            ("alex", "30", 5_700_000_000u128),
            ("jordan", "10", 2_100_000_000),
            ("casey", "0", 300_000_000),
            ("riley", "0", 300_000_000),
            ("sam", "0", 300_000_000),
            ("morgan", "0", 300_000_000)
        ]
        .map(|(m, w, a)| (m.to_string(), w.to_string(), a))
    );
    assert_eq!((s(&c["minted"]), s(&c["dust"])), ("9000000000", "0"));
    assert_eq!(s(&doc["total_supply"]), "9000000000");
}

/// Three cycles: the arithmetic is in the scenario's header comment.
#[test]
fn several_cycles_with_gifts_redemption_transfer_late_cosign_and_a_policy_change() {
    let doc = simulate("holon-alpha-cycles.toml");
    let cycles = doc["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 3);
    let c1 = &cycles[0];
    assert_eq!((s(&c1["model"]), s(&c1["budget"])), ("time", "1000000000"));
    assert_eq!(
        amounts(c1),
        pairs(&[("jordan", 400_000_000), ("riley", 600_000_000)]),
        "casey's pending attestation earns nothing"
    );
    let c2 = &cycles[1];
    // the 50,000,000 gift back to the pool + 1,000,000,000 of bread sales
    assert_eq!((s(&c2["model"]), s(&c2["budget"])), ("time", "1050000000"));
    assert_eq!(
        amounts(c2),
        pairs(&[("jordan", 420_000_000), ("riley", 630_000_000)])
    );
    let c3 = &cycles[2];
    // the policy set during cycle 2 applies from cycle 3; alex's late co-sign lands here
    assert_eq!(
        (s(&c3["model"]), s(&c3["budget"]), s(&c3["total_weight"])),
        ("need", "1000000000", "150")
    );
    assert_eq!(
        amounts(c3),
        pairs(&[
            ("alex", 66_666_666),
            ("jordan", 133_333_333),
            ("riley", 800_000_000)
        ])
    );
    assert_eq!(s(&c3["dust"]), "1");
    assert_eq!(
        balances(&doc),
        sorted(&[
            ("alex", 66_666_666),
            ("jordan", 903_333_333),
            ("casey", 0),
            ("riley", 1_830_000_000),
            ("sam", 50_000_000),
            ("bakery", 50_000_000)
        ])
    );
    assert_eq!(s(&doc["total_supply"]), "2899999999");
}

/// Two co-signs, a one-day challenge window, an upheld and a rejected dispute, one
/// attestation a co-sign short: W = 10 + 20 + 5 = 35 of a 700,000,000 emission.
#[test]
fn disputes_and_the_challenge_window() {
    let doc = simulate("holon-alpha-disputes.toml");
    let c = &doc["cycles"][0];
    assert_eq!(s(&c["total_weight"]), "35");
    assert_eq!(
        amounts(c),
        pairs(&[
            ("alex", 200_000_000),
            ("jordan", 400_000_000),
            ("sam", 100_000_000)
        ])
    );
    assert_eq!(s(&doc["total_supply"]), "700000000");
}

/// Auto scarcity: childcare 4/1 → 2, garden 1/3 → 0.5, energy 3/2 = 1.5; W = 53 of a
/// 5,300,000,000 emission, 100,000,000 per unit of weight.
#[test]
fn auto_scarcity_clamps_and_scales_by_demand() {
    let doc = simulate("auto-scarcity.toml");
    let c = &doc["cycles"][0];
    assert_eq!(s(&c["total_weight"]), "53");
    let weights: Vec<String> = payouts(c).into_iter().map(|(_, w, _)| w).collect();
    assert_eq!(weights, ["5", "5", "17", "20", "6"]);
    assert_eq!(
        amounts(c),
        pairs(&[
            ("alex", 500_000_000),
            ("jordan", 500_000_000),
            ("casey", 1_700_000_000),
            ("riley", 2_000_000_000),
            ("sam", 600_000_000)
        ])
    );
}

/// Alpha and Beta: the arithmetic is in the scenario's header comment.
#[test]
fn two_holons_exchange_and_settle() {
    let doc = simulate("two-holons.toml");
    let holons = doc["holons"].as_array().unwrap();
    assert_eq!(holons.len(), 2);
    let (alpha, beta) = (&holons[0], &holons[1]);
    assert_eq!(
        (s(&alpha["id"]), s(&alpha["holon"]), s(&alpha["symbol"])),
        ("alpha", "Holon Alpha", "AFLOW")
    );
    assert_eq!(
        amounts(&alpha["cycles"][0]),
        pairs(&[
            ("alex", 625_000_000),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 2_343_750_000),
            ("sam", 156_250_000)
        ])
    );
    assert_eq!(
        amounts(&alpha["cycles"][1]),
        pairs(&[("alex", 1_000_000_000)])
    );
    assert_eq!(
        balances(alpha),
        sorted(&[
            ("alex", 1_625_000_000),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 1_943_750_000),
            ("sam", 156_250_000)
        ])
    );
    assert_eq!(s(&alpha["total_supply"]), "5600000000");

    assert_eq!(s(&beta["cycles"][0]["budget"]), "1600000000");
    assert_eq!(
        amounts(&beta["cycles"][0]),
        pairs(&[("kim", 400_000_000), ("lee", 1_200_000_000)])
    );
    assert_eq!(s(&beta["cycles"][1]["budget"]), "480000000");
    assert_eq!(amounts(&beta["cycles"][1]), pairs(&[("lee", 480_000_000)]));
    assert_eq!(
        balances(beta),
        sorted(&[
            ("kim", 400_000_000),
            ("lee", 1_680_000_000),
            ("riley", 200_000_000)
        ])
    );
    assert_eq!(s(&beta["total_supply"]), "2280000000");
    let accepted = &beta["accepted"][0];
    assert_eq!(
        (
            s(&accepted["holon"]),
            s(&accepted["id"]),
            s(&accepted["symbol"]),
            s(&accepted["rate"]),
            s(&accepted["holdings"]),
            s(&accepted["total_minted"]),
            s(&accepted["total_settled"])
        ),
        (
            "Holon Alpha",
            "alpha",
            "AFLOW",
            "0.5",
            "0",
            "200000000",
            "400000000"
        )
    );
    // No address: the document is the same on every chain.
    assert!(
        !doc.to_string().contains("cosmwasm1"),
        "the two-holon document names an address"
    );

    let x = &doc["exchanges"][0];
    assert_eq!(
        (
            s(&x["member"]),
            s(&x["from"]),
            s(&x["to"]),
            s(&x["amount"]),
            s(&x["minted"])
        ),
        ("riley", "alpha", "beta", "400000000", "200000000")
    );
    let st = &doc["settlements"][0];
    assert_eq!(
        (s(&st["holon"]), s(&st["foreign"]), s(&st["amount"])),
        ("beta", "alpha", "400000000")
    );
}

/// The seed's month governed by its members: cycle 1 pays the seed's `time` numbers; Alex's
/// proposal of the need weighting passes with Jordan's and Casey's yes (Riley votes no) and
/// is executed; cycle 2 pays docs/WEIGHTING.md's `need` numbers.
#[test]
fn a_members_proposal_passes_and_the_next_month_pays_the_need_numbers() {
    let doc = simulate("holon-alpha-governed.toml");
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    // (a parsed document sorts its keys)
    assert_eq!(
        keys,
        [
            "balances",
            "cycles",
            "governance",
            "holon",
            "proposals",
            "total_supply"
        ]
    );
    assert_eq!(
        doc["governance"],
        serde_json::json!({"members": {
            "threshold": "0.51", "quorum": "0.5", "voting_period_seconds": 604800
        }})
    );
    let cycles = doc["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 2);
    let (c1, c2) = (&cycles[0], &cycles[1]);
    assert_eq!((s(&c1["model"]), s(&c1["total_weight"])), ("time", "128"));
    assert_eq!(
        amounts(c1),
        pairs(&[
            ("alex", 625_000_000),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 2_343_750_000),
            ("sam", 156_250_000)
        ])
    );
    assert_eq!((s(&c2["model"]), s(&c2["total_weight"])), ("need", "168"));
    let weights: Vec<String> = payouts(c2).into_iter().map(|(_, w, _)| w).collect();
    assert_eq!(weights, ["16", "20", "8", "120", "4"]);
    assert_eq!(
        amounts(c2),
        pairs(&[
            ("alex", 476_190_476),
            ("jordan", 595_238_095),
            ("casey", 238_095_238),
            ("riley", 3_571_428_571),
            ("sam", 119_047_619)
        ])
    );
    assert_eq!(
        (s(&c2["budget"]), s(&c2["dust"]), s(&c2["minted"])),
        ("5000000000", "1", "4999999999")
    );
    assert_eq!(s(&doc["total_supply"]), "9999999999");
    assert_eq!(
        doc["proposals"],
        serde_json::json!([{
            "id": 1,
            "cycle": 1,
            "proposer": "alex",
            "title": "Weighting policy",
            "summary": "from cycle 2: childcare ×2, garden ×0.5",
            "votes": [
                {"member": "alex", "vote": "yes", "weight": "1"},
                {"member": "jordan", "vote": "yes", "weight": "1"},
                {"member": "casey", "vote": "yes", "weight": "1"},
                {"member": "riley", "vote": "no", "weight": "1"}
            ],
            "yes": "3",
            "no": "1",
            "abstain": "0",
            "veto": "0",
            "total_weight": "5",
            "threshold": "0.51",
            "quorum": "0.5",
            "status": "passed",
            "executed": true,
            "changes": "from cycle 2: model need, childcare ×2, garden ×0.5"
        }])
    );
}

/// The human report shows the proposal under its cycle, within 80 columns.
#[test]
fn the_human_report_shows_each_proposal_its_votes_and_what_it_changed() {
    let out = flow(&["simulate", &scenario("holon-alpha-governed.toml")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let block = "  proposal 1 by alex in cycle 1: Weighting policy
    summary      from cycle 2: childcare ×2, garden ×0.5
    votes        yes: alex 1, jordan 1, casey 1; no: riley 1
    tally        3 yes, 1 no of 5 (threshold 51%, quorum 50%)
    result       passed, executed by alex
    changed      from cycle 2: model need, childcare ×2, garden ×0.5
";
    assert!(text.contains(block), "{text}");
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/SCENARIO.md"),
    )
    .unwrap();
    assert!(
        docs.contains(&format!("```text\n{block}```")),
        "docs/SCENARIO.md shows another proposal"
    );
    // under cycle 1's table, before cycle 2's
    let at = text.find(block).unwrap();
    assert!(text.find("cycle 1 - model time").unwrap() < at);
    assert!(at < text.find("cycle 2 - model need (policy v2)").unwrap());
    assert!(
        text.contains("  governance    members: threshold 51%, quorum 50%, 7 days to vote\n"),
        "{text}"
    );
    let riley = text
        .lines()
        .filter(|l| l.trim_start().starts_with("riley"))
        .nth(1)
        .expect("riley's row in cycle 2");
    assert!(riley.ends_with("3,571.428571"), "{riley}");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80 columns: {line:?}"
        );
    }
}

/// A proposal that cannot pass (three no of the four opinions possible, Jordan abstaining)
/// is reported rejected and not executed: the policy stays.
#[test]
fn a_proposal_without_enough_votes_changes_nothing() {
    let text = governed_with(
        "votes = { jordan = \"yes\", casey = \"yes\", riley = \"no\" }",
        "votes = { jordan = \"abstain\", casey = \"no\", riley = \"no\", sam = \"no\" }",
    );
    let dir = temp_dir("governed");
    let file = dir.join("rejected.toml");
    std::fs::write(&file, &text).unwrap();
    let out = flow(&["simulate", file.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &doc["proposals"][0];
    assert_eq!(
        (
            s(&p["yes"]),
            s(&p["no"]),
            s(&p["abstain"]),
            s(&p["status"]),
            p["executed"].as_bool()
        ),
        ("1", "3", "1", "rejected", Some(false))
    );
    // cycle 2 is paid under `time` still: every hour the same, 5,000 tokens / 128 hours
    let c2 = &doc["cycles"][1];
    assert_eq!((s(&c2["model"]), s(&c2["total_weight"])), ("time", "128"));
    assert_eq!(amounts(c2), amounts(&doc["cycles"][0]));
    let human = flow(&["simulate", file.to_str().unwrap()]);
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("    result       rejected, not executed\n")
            && human
                .contains("    would change from cycle 2: model need, childcare ×2, garden ×0.5\n"),
        "{human}"
    );
}

/// Writes `text` as a scenario and replays it (`--json`), checked to succeed.
fn simulate_text(case: &str, text: &str) -> Value {
    let dir = temp_dir("governed");
    let file = dir.join(format!("{case}.toml"));
    std::fs::write(&file, text).unwrap();
    let out = flow(&["simulate", file.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{case}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A category, a need's factors and attestation rules as proposals; one passed and left
/// unexecuted changes nothing.
#[test]
fn categories_need_factors_and_attestation_rules_are_proposals_too() {
    let text = governed_with(
        "policy = { model = \"need\", scarcity = { mode = \"fixed\", factors = { childcare = \"2\", garden = \"0.5\" } } }
votes = { jordan = \"yes\", casey = \"yes\", riley = \"no\" }
execute = true",
        "category = { id = \"childcare\", need_factor = \"2\", capacity_building = true }
votes = { jordan = \"yes\", casey = \"yes\" }

[[proposals]]
proposer = \"sam\"
need_factors = { need = \"bread\", unit_credit = \"0.1\" }
votes = { jordan = \"yes\", riley = \"yes\" }

[[proposals]]
proposer = \"riley\"
policy = { model = \"need\", challenge_seconds = 3600 }
votes = { jordan = \"yes\", casey = \"yes\" }
execute = false",
    );
    let doc = simulate_text("actions", &text);
    let p = doc["proposals"].as_array().unwrap();
    let said: Vec<(&str, &str, &str, bool)> = p
        .iter()
        .map(|p| {
            (
                s(&p["title"]),
                s(&p["status"]),
                s(&p["changes"]),
                p["executed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "Category childcare",
                "passed",
                "category childcare: need ×2, builds capacity",
                true
            ),
            (
                "Factors of need #1",
                "passed",
                "need bread: 0.1 hour-equivalents per unit",
                true
            ),
            (
                "Weighting policy and attestation rules",
                "passed",
                "from cycle 2: model need; from now: a 1 hour challenge window",
                false
            ),
        ]
    );
    // Cycle 2 is still `time`, but Alex's 80 loaves count 8 hour-equivalents now: W = 136.
    let c2 = &doc["cycles"][1];
    assert_eq!((s(&c2["model"]), s(&c2["total_weight"])), ("time", "136"));
    assert_eq!(payouts(c2)[0].1, "24");
}

/// Holon Beta governed by its members (two of them, the defaults' rules): accepting Holon
/// Alpha's token and settling it are proposals; the numbers are two-holons.toml's.
#[test]
fn governed_holons_accept_and_settle_by_proposal() {
    let text = std::fs::read_to_string(scenario("two-holons.toml")).unwrap();
    let text = text
        .replace(
            "[holons.policy]\nmodel = \"time\"\nreserve = \"0.2\"",
            "[holons.governance.members]\n\n[holons.policy]\nmodel = \"time\"\nreserve = \"0.2\"",
        )
        .replace(
            "[[holons.accepts]]\nholon = \"alpha\"\nrate = \"0.5\"\ncredit_limit = \"500000000\"\n",
            "[[holons.proposals]]
proposer = \"kim\"
accept = { holon = \"alpha\", rate = \"0.5\", credit_limit = \"500000000\" }
votes = { lee = \"yes\" }

[[holons.proposals]]
cycle = 2
proposer = \"lee\"
settle = { foreign = \"alpha\" }
votes = { kim = \"yes\" }
",
        );
    let text = &text[..text.find("[[settlements]]").unwrap()];
    let doc = simulate_text("two-governed", text);
    let plain = simulate("two-holons.toml");
    for (governed, plain) in doc["holons"]
        .as_array()
        .unwrap()
        .iter()
        .zip(plain["holons"].as_array().unwrap())
    {
        for key in ["cycles", "balances", "total_supply", "accepted"] {
            assert_eq!(governed[key], plain[key], "{key}");
        }
    }
    let beta = &doc["holons"][1];
    assert!(doc["holons"][0].get("proposals").is_none());
    let changes: Vec<&str> = beta["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| s(&p["changes"]))
        .collect();
    assert_eq!(
        changes,
        [
            "accept the tokens of the holon at Holon Alpha distributor: 0.5 of ours for \
             each, holding at most 500000000",
            "redeem all we hold of Holon Alpha token at its holon's treasury"
        ]
    );
    assert_eq!(
        doc["settlements"],
        serde_json::json!([{"cycle": 2, "holon": "beta", "foreign": "alpha", "amount": "400000000"}])
    );
    assert!(
        !doc.to_string().contains("cosmwasm1"),
        "an address in {doc}"
    );
}

/// Every scenario file has its test above (the scale one is the benchmark's).
#[test]
fn every_scenario_file_is_tested() {
    let tested = [
        "auto-scarcity.toml",
        "holon-alpha-commons.toml",
        "holon-alpha-cycles.toml",
        "holon-alpha-disputes.toml",
        "holon-alpha-governed.toml",
        "holon-alpha-hybrid.toml",
        "holon-alpha-impact.toml",
        "holon-alpha-need.toml",
        "holon-alpha.toml",
        "reserve-baseline.toml",
        "two-holons.toml",
    ];
    let mut files: Vec<String> = std::fs::read_dir(scenarios())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".toml") && !f.starts_with("scale-"))
        .collect();
    files.sort();
    assert_eq!(
        files, tested,
        "a scenario file without a test (or a test without its file)"
    );
}

#[test]
fn the_human_report_shows_the_seed_tokens_within_80_columns() {
    let out = flow(&["simulate", &scenario("holon-alpha.toml")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for (member, tokens) in [
        ("alex", "625"),
        ("jordan", "1,562.5"),
        ("casey", "312.5"),
        ("riley", "2,343.75"),
        ("sam", "156.25"),
    ] {
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with(member))
            .unwrap_or_else(|| panic!("no row for {member}:\n{text}"));
        assert!(row.trim_end().ends_with(tokens), "{member}: {row}");
    }
    for word in [
        "budget",
        "reserve",
        "baseline",
        "dust",
        "total supply",
        "balances",
    ] {
        assert!(text.contains(word), "no {word} line:\n{text}");
    }
    for report in [
        text,
        String::from_utf8(flow(&["simulate", &scenario("two-holons.toml")]).stdout).unwrap(),
    ] {
        for line in report.lines() {
            assert!(
                line.chars().count() <= 80,
                "wider than 80 columns: {line:?}"
            );
        }
    }
}

#[test]
fn explain_breaks_a_payout_down() {
    let out = flow(&[
        "explain",
        &scenario("holon-alpha-need.toml"),
        "--member",
        "riley",
        "--cycle",
        "1",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            s(&e["member"]),
            s(&e["weight"]),
            s(&e["total_weight"]),
            s(&e["amount"])
        ),
        ("riley", "120", "168", "3571428571")
    );
    let c = &e["categories"][0];
    assert_eq!(
        (
            s(&c["category"]),
            s(&c["hours"]),
            s(&c["factor"]),
            s(&c["weight"])
        ),
        ("childcare", "60", "2", "120")
    );
    assert_eq!(e["claimed"], true);

    let out = flow(&[
        "explain",
        &scenario("holon-alpha-hybrid.toml"),
        "--member",
        "casey",
        "--cycle",
        "1",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // casey: 8 h x I 2 x K 1.5 = 24 of W = 248
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("energy"))
        .expect("an energy row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["energy", "8", "8", "24", "3", "1", "24", "9.68%"]);
    assert!(text.contains("480 AFLOW"), "{text}");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80 columns: {line:?}"
        );
    }

    let out = flow(&[
        "explain",
        &scenario("holon-alpha.toml"),
        "--member",
        "nobody",
        "--cycle",
        "1",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
}

#[test]
fn generate_is_deterministic_and_its_output_replays() {
    let args = [
        "generate",
        "--members",
        "12",
        "--attestations",
        "40",
        "--seed",
        "3",
        "--cycles",
        "2",
    ];
    let a = flow(&args);
    let b = flow(&args);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let dir = temp_dir("generated");
    let file = dir.join("small.toml");
    std::fs::write(&file, &a.stdout).unwrap();
    let out = flow(&["simulate", file.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cycles"].as_array().unwrap().len(), 2);
    for c in doc["cycles"].as_array().unwrap() {
        let paid: u128 = amounts(c).iter().map(|(_, a)| a).sum();
        assert_eq!(paid.to_string(), s(&c["minted"]));
        assert!(paid <= s(&c["budget"]).parse::<u128>().unwrap());
    }
}

// ------------------------------------------------------------------ bad scenarios

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flow-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seed scenario with `from` replaced by `to` (exactly once).
fn seed_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(scenario("holon-alpha.toml")).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in holon-alpha.toml"
    );
    text.replace(from, to)
}

/// The governed scenario with `from` replaced by `to` (exactly once).
fn governed_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(scenario("holon-alpha-governed.toml")).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in holon-alpha-governed.toml"
    );
    text.replace(from, to)
}

/// The 1-based line of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the scenario"))
        + 1
}

/// Runs `flow simulate` on `text`; asserts it fails cleanly, naming the file, the line and
/// the field (and `words`); returns stderr.
fn fails(case: &str, text: &str, line: usize, field: &str, words: &[&str]) -> String {
    let dir = temp_dir("bad");
    let file = dir.join(format!("{case}.toml"));
    std::fs::write(&file, text).unwrap();
    let out = flow(&["simulate", file.to_str().unwrap(), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{case}: should fail");
    assert_eq!(out.status.code(), Some(1), "{case}: {stderr}");
    assert!(out.stdout.is_empty(), "{case}: nothing on stdout expected");
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(
        stderr.contains(&format!("{case}.toml")),
        "{case}: the file is not named: {stderr}"
    );
    assert!(
        stderr.contains(&format!("line {line},")),
        "{case}: line {line} is not named: {stderr}"
    );
    assert!(
        stderr.contains(&format!("field `{field}`")),
        "{case}: field {field} is not named: {stderr}"
    );
    for w in words {
        assert!(stderr.contains(w), "{case}: {w:?} missing: {stderr}");
    }
    stderr
}

#[test]
fn an_unknown_field_is_refused() {
    let text = seed_with("hours = \"16\"", "hourz = \"16\"");
    fails(
        "unknown-field",
        &text,
        line_of(&text, "hourz"),
        "attestations[0].hourz",
        &["unknown field `hourz`"],
    );
    let text = seed_with("model = \"time\"", "model = \"time\"\nmodle = \"need\"");
    fails(
        "unknown-policy-field",
        &text,
        line_of(&text, "modle"),
        "policy.modle",
        &["unknown field"],
    );
}

#[test]
fn a_member_who_does_not_exist_is_refused_wherever_named() {
    for (case, from, to, field) in [
        (
            "buddy",
            "buddy = \"jordan\"",
            "buddy = \"jordn\"",
            "attestations[0].buddy",
        ),
        (
            "cosigner",
            "cosigned_by = [\"sam\"]",
            "cosigned_by = [\"samm\"]",
            "attestations[3].cosigned_by[0]",
        ),
        (
            "poster",
            "posted_by = \"riley\"",
            "posted_by = \"rilley\"",
            "needs[0].posted_by",
        ),
        (
            "endorser",
            "endorsed_by = [\"sam\"]",
            "endorsed_by = [\"pat\"]",
            "needs[0].endorsed_by[0]",
        ),
        (
            "attester",
            "member = \"casey\"",
            "member = \"kasey\"",
            "attestations[2].member",
        ),
    ] {
        let text = seed_with(from, to);
        let name = to.split('"').nth(1).unwrap();
        fails(
            case,
            &text,
            line_of(&text, to),
            field,
            &[&format!("{name:?} is not a member")],
        );
    }
}

#[test]
fn negative_or_non_numeric_hours_are_refused() {
    let text = seed_with("hours = \"40\"", "hours = \"-40\"");
    fails(
        "negative-hours",
        &text,
        line_of(&text, "-40"),
        "attestations[1].hours",
        &["must not be negative"],
    );
    let text = seed_with("hours = \"40\"", "hours = -40");
    fails(
        "negative-number",
        &text,
        line_of(&text, "-40"),
        "attestations[1].hours",
        &["must not be negative"],
    );
    let text = seed_with("hours = \"8\"", "hours = \"eight\"");
    fails(
        "non-numeric-hours",
        &text,
        line_of(&text, "eight"),
        "attestations[2].hours",
        &["decimal number"],
    );
}

#[test]
fn a_need_in_a_missing_category_or_an_attestation_for_a_missing_need_is_refused() {
    let text = seed_with("category = \"energy\"", "category = \"power\"");
    fails(
        "missing-category",
        &text,
        line_of(&text, "\"power\""),
        "needs[2].category",
        &["\"power\"", "not defined"],
    );
    let text = seed_with("need = \"circle\"", "need = \"circles\"");
    fails(
        "missing-need",
        &text,
        line_of(&text, "\"circles\""),
        "attestations[4].need",
        &["no need \"circles\""],
    );
}

#[test]
fn malformed_toml_is_refused() {
    let text = seed_with(
        "title = \"Repair the solar array\"",
        "title = \"Repair the solar array",
    );
    fails(
        "malformed",
        &text,
        line_of(&text, "Repair the solar"),
        "title",
        &["string"],
    );
    let text = seed_with("[[members]]\nname = \"sam\"", "[[members]\nname = \"sam\"");
    let line = text.lines().position(|l| l == "[[members]").unwrap() + 1;
    fails(
        "malformed-header",
        &text,
        line,
        "members",
        &["invalid table header"],
    );
}

#[test]
fn a_contract_error_names_the_entry_that_caused_it() {
    // The poster of a need already requests it: the registry refuses the endorsement.
    let text = seed_with("endorsed_by = [\"sam\"]", "endorsed_by = [\"riley\"]");
    fails(
        "contract-error",
        &text,
        line_of(&text, "endorsed_by = [\"riley\"]"),
        "needs[0].endorsed_by[0]",
        &["riley already requests need"],
    );
    // Over the attestation contract's hours cap.
    let text = seed_with("hours = \"60\"", "hours = \"800\"");
    // the line of the entry's [[attestations]] header
    let line = text
        .lines()
        .take(line_of(&text, "hours = \"800\""))
        .enumerate()
        .filter(|(_, l)| *l == "[[attestations]]")
        .last()
        .unwrap()
        .0
        + 1;
    fails(
        "over-the-cap",
        &text,
        line,
        "attestations[3]",
        &["800 hours in one attestation: at most 744"],
    );
}

/// The README shows the real output of its simulate command.
#[test]
fn the_readme_shows_what_simulate_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let command =
        "$ cargo run -q -p flow-cli --bin flow -- simulate tests/scenarios/holon-alpha.toml\n";
    let Some(start) = readme.find(command) else {
        return; // the README no longer shows the simulator's output
    };
    let shown = &readme[start + command.len()..];
    let shown = &shown[..shown.find("```").expect("the end of the example")];
    let out = flow(&["simulate", &scenario("holon-alpha.toml")]);
    assert_eq!(
        shown,
        String::from_utf8(out.stdout).unwrap(),
        "README.md's example differs from the real output"
    );
}

#[test]
fn a_bad_proposal_is_refused_with_its_field_and_line() {
    let votes = "votes = { jordan = \"yes\", casey = \"yes\", riley = \"no\" }";
    let policy = "policy = { model = \"need\", scarcity = { mode = \"fixed\", factors = { childcare = \"2\", garden = \"0.5\" } } }";
    let cases: [(&str, &str, &str, &str, &str, &str); 9] = [
        (
            "non-member-proposer",
            "proposer = \"alex\"",
            "proposer = \"pat\"",
            "proposer = \"pat\"",
            "proposals[0].proposer",
            "\"pat\" is not a member of this holon",
        ),
        (
            "non-member-vote",
            votes,
            "votes = { jordan = \"yes\", pat = \"no\" }",
            "pat = \"no\"",
            "proposals[0].votes.pat",
            "\"pat\" is not a member of this holon",
        ),
        (
            "proposer-votes",
            votes,
            "votes = { alex = \"yes\", jordan = \"yes\" }",
            "alex = \"yes\"",
            "proposals[0].votes.alex",
            "proposing is a yes vote already",
        ),
        (
            "unknown-vote",
            votes,
            "votes = { jordan = \"maybe\" }",
            "\"maybe\"",
            "proposals[0].votes.jordan",
            "unknown variant `maybe`",
        ),
        (
            "unknown-category",
            "childcare = \"2\", garden = \"0.5\" } } }",
            "childcare = \"2\", rice = \"0.5\" } } }",
            "rice",
            "proposals[0].policy.scarcity.factors.rice",
            "no category \"rice\"",
        ),
        (
            "no-action",
            policy,
            "",
            "proposer = \"alex\"",
            "proposals[0]",
            "a proposal needs one steward action",
        ),
        (
            "two-actions",
            policy,
            &format!("{policy}\nneed_factors = {{ need = \"bread\", impact = \"2\" }}"),
            "need_factors",
            "proposals[0].need_factors",
            "policy and need_factors are two proposals",
        ),
        (
            "no-threshold",
            "threshold = \"0.51\"",
            "threshold = \"0.5\"",
            "threshold = \"0.5\"",
            "holon.governance.members.threshold",
            "threshold must be over 0.5 and at most 1",
        ),
        (
            "not-governed",
            "[holon.governance.members]",
            "[unused.governance.members]",
            "[[proposals]]",
            "proposals[0]",
            "proposals need a holon governed by its members",
        ),
    ];
    for (case, from, to, at, field, words) in cases {
        let mut text = governed_with(from, to);
        if case == "not-governed" {
            // drop the block
            let start = text.find("[unused.governance.members]").unwrap();
            let end = start + text[start..].find("\n\n").unwrap();
            text.replace_range(start..end, "");
        }
        // the line of the entry's [[proposals]] header, for a mistake of the whole entry
        let line = if at == "[[proposals]]" || case == "no-action" {
            line_of(&text, "[[proposals]]")
        } else {
            line_of(&text, at)
        };
        fails(case, &text, line, field, &[words]);
    }
}

#[test]
fn a_governed_holon_has_no_steward_wallet() {
    // A policy change by the governance wallet: in a governed holon, a proposal instead.
    let text = governed_with(
        "# ---- cycle 2: the same month under the need weighting",
        "[[policy_changes]]\ncycle = 1\nreserve = \"0.1\"\n",
    );
    fails(
        "policy-change",
        &text,
        line_of(&text, "[[policy_changes]]"),
        "policy_changes[0]",
        &[
            "Holon Alpha is governed by its members",
            "[[proposals]] with policy",
        ],
    );
    // Steward-set factors of a need.
    let text = governed_with(
        "posted_by = \"alex\"",
        "posted_by = \"alex\"\nimpact = \"2\"",
    );
    fails(
        "need-factors",
        &text,
        line_of(&text, "impact = \"2\""),
        "needs[2].impact",
        &["need_factors = { need = \"solar\""],
    );
}

/// The holon file's fields on the embedded chain: `governance = "steward"` owns the holon
/// and sends its steward actions (it posts the need, as `posting = "stewards"` wants, and
/// changes the policy), and alex's weight 3 takes 3 of the 5 baseline shares: baseline
/// 0.5 of 14,000 = 7,000 over weights 3 + 1 + 1 (1,400 each); jordan's 10 hours take the
/// other 7,000.
#[test]
fn a_holon_files_steward_posting_and_weights_take_effect() {
    let doc = simulate_text(
        "steward",
        r#"
[holon]
name = "Holon Gamma"
token = { symbol = "GFLOW" }
posting = "stewards"
max_requesters_per_need = 3
governance = "steward"

[policy]
baseline = "0.5"

[budget]
mode = "treasury"
fund = "14000"

[[categories]]
id = "food"

[[members]]
name = "alex"
weight = 3

[[members]]
name = "jordan"

[[members]]
name = "casey"

[[needs]]
id = "bread"
category = "food"

[[attestations]]
member = "jordan"
need = "bread"
hours = "10"
buddy = "casey"
cosigned_by = ["casey"]

[[policy_changes]]
cycle = 1
baseline = "0"
"#,
    );
    let c = &doc["cycles"][0];
    assert_eq!(
        (s(&c["baseline_pool"]), s(&c["baseline_each"])),
        ("7000", "1400")
    );
    assert_eq!(
        amounts(c),
        pairs(&[("alex", 4200), ("jordan", 8400), ("casey", 1400)])
    );
}

/// `flow holon`: the deploy form of a holon file, or the checker's error with file, line
/// and field and exit status 1.
#[test]
fn flow_holon_prints_the_deploy_form_or_the_checkers_error() {
    let out = flow(&["holon", &scenario("holon-alpha.toml"), "--json"]);
    assert!(out.status.success());
    let form: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (s(&form["name"]), s(&form["slug"]), s(&form["posting"])),
        ("Holon Alpha", "holon-alpha", "members")
    );
    assert_eq!(form["members"].as_array().map(Vec::len), Some(5));

    let dir = temp_dir("holon");
    let file = dir.join("bad.toml");
    let text = std::fs::read_to_string(scenario("holon-alpha.toml"))
        .unwrap()
        .replace(
            "cycle_seconds = 2592000",
            "cycle_seconds = 2592000\nposting = \"everyone\"",
        );
    std::fs::write(&file, &text).unwrap();
    let out = flow(&["holon", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let line = text.lines().position(|l| l.starts_with("posting")).unwrap() + 1;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "error in {} at line {line}, column 11, field `holon.posting`: unknown variant `everyone`",
            file.to_str().unwrap()
        )),
        "{err}"
    );
}

// ------------------------------------------------------------------ the commons

/// AFLOW in base units.
const AFLOW: u128 = 1_000_000;

/// The 1-based line where `needle` (which may span lines) begins in `text`.
fn line_at(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the scenario"));
    text[..at].matches('\n').count() + 1
}

/// The commons scenario with `from` replaced by `to` (exactly once).
fn commons_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(scenario("holon-alpha-commons.toml")).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in holon-alpha-commons.toml"
    );
    text.replace(from, to)
}

/// (member, listing, kind, units, amount, paid_to, status, refunded, to_pool, to_provider,
/// budget cycle) of every payment into the commons.
type Spend = (
    String,
    String,
    String,
    u64,
    u128,
    String,
    String,
    u128,
    u128,
    u128,
    Option<u64>,
);

fn spends(doc: &Value) -> Vec<Spend> {
    let n = |v: &Value| -> u128 { s(v).parse().unwrap() };
    doc["commons"]["spends"]
        .as_array()
        .expect("a commons section")
        .iter()
        .map(|x| {
            assert_eq!(x["cycle"], 1);
            (
                s(&x["member"]).to_string(),
                s(&x["listing"]).to_string(),
                s(&x["kind"]).to_string(),
                x["units"].as_u64().unwrap(),
                n(&x["amount"]),
                s(&x["paid_to"]).to_string(),
                s(&x["status"]).to_string(),
                n(&x["refunded"]),
                n(&x["to_pool"]),
                n(&x["to_provider"]),
                x["budget_cycle"].as_u64(),
            )
        })
        .collect()
}

/// The seed's month, then the commons: every amount read back from the commons, the
/// payments to the pool exactly cycle 2's budget, the balances exact.
#[test]
fn the_commons_spends_pay_members_and_return_to_the_pool_for_the_next_budget() {
    let doc = simulate("holon-alpha-commons.toml");
    let cycles = doc["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 2);
    // Cycle 1 is the seed's month.
    assert_eq!(
        amounts(&cycles[0]),
        pairs(&[
            ("alex", 625 * AFLOW),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 2_343_750_000),
            ("sam", 156_250_000),
        ])
    );
    let sp = |m: &str,
              l: &str,
              k: &str,
              u: u64,
              a: u128,
              to: &str,
              st: &str,
              r: u128,
              pool: u128,
              prov: u128,
              b: Option<u64>| {
        (
            m.to_string(),
            l.to_string(),
            k.to_string(),
            u,
            a,
            to.to_string(),
            st.to_string(),
            r,
            pool,
            prov,
            b,
        )
    };
    assert_eq!(
        spends(&doc),
        vec![
            // Two days of tools: held, released to the pool at the start (10 days into cycle 2).
            sp(
                "riley",
                "tools",
                "booking",
                2,
                40 * AFLOW,
                "pool",
                "released",
                0,
                40 * AFLOW,
                0,
                Some(2)
            ),
            // A day, cancelled a day ahead (under 2 days' notice): half back, half to the pool.
            sp(
                "casey",
                "tools",
                "booking",
                1,
                20 * AFLOW,
                "pool",
                "cancelled",
                10 * AFLOW,
                10 * AFLOW,
                0,
                Some(2)
            ),
            // Two hours of Alex's childcare: escrow, confirmed.
            sp(
                "riley",
                "childcare",
                "purchase",
                2,
                30 * AFLOW,
                "alex",
                "released",
                0,
                0,
                30 * AFLOW,
                None
            ),
            // Disputed; the steward refunds 5, Alex is paid 10.
            sp(
                "jordan",
                "childcare",
                "purchase",
                1,
                15 * AFLOW,
                "alex",
                "resolved",
                5 * AFLOW,
                0,
                10 * AFLOW,
                None
            ),
            // Nobody confirms: released to Alex once the three days have passed.
            sp(
                "sam",
                "childcare",
                "purchase",
                1,
                15 * AFLOW,
                "alex",
                "released",
                0,
                0,
                15 * AFLOW,
                None
            ),
        ]
    );
    let released: Vec<&Value> = doc["commons"]["spends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| &x["released"])
        .collect();
    assert_eq!(
        released,
        [
            &Value::Null,
            &Value::Null,
            &Value::from("confirmed"),
            &Value::Null,
            &Value::from("after_window")
        ]
    );
    let totals = &doc["commons"]["totals"];
    assert_eq!(
        [
            s(&totals["held"]),
            s(&totals["to_pool"]),
            s(&totals["to_providers"]),
            s(&totals["refunded"])
        ],
        ["0", "50000000", "55000000", "15000000"]
    );
    let listings: Vec<(String, String, String, String, String)> = doc["commons"]["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                s(&l["id"]).to_string(),
                s(&l["kind"]).to_string(),
                s(&l["provider"]).to_string(),
                s(&l["unit"]).to_string(),
                s(&l["price"]).to_string(),
            )
        })
        .collect();
    assert_eq!(
        listings,
        [
            ("tools", "resource", "governance", "day", "20000000"),
            ("childcare", "offer", "alex", "hour", "15000000"),
        ]
        .map(|(a, b, c, d, e)| (a.into(), b.into(), c.into(), d.into(), e.into()))
    );
    // What returned to the pool is cycle 2's budget, exactly: 40 + 10.
    assert_eq!(s(&cycles[1]["budget"]), "50000000");
    assert_eq!(amounts(&cycles[1]), pairs(&[("sam", 50 * AFLOW)]));
    assert_eq!(
        balances(&doc),
        sorted(&[
            ("alex", (625 + 30 + 10 + 15) * AFLOW),
            ("jordan", 1_562_500_000 - 15 * AFLOW + 5 * AFLOW),
            ("casey", 312_500_000 - 20 * AFLOW + 10 * AFLOW),
            ("riley", 2_343_750_000 - 40 * AFLOW - 30 * AFLOW),
            ("sam", 156_250_000 - 15 * AFLOW + 50 * AFLOW),
        ])
    );
    // 50 burnt at the pool, 50 minted again in cycle 2.
    assert_eq!(s(&doc["total_supply"]), "5000000000");
}

/// The human report: the section under cycle 1, as README.md shows it, within 80 columns.
#[test]
fn the_human_report_shows_the_commons_under_its_cycle() {
    let out = flow(&["simulate", &scenario("holon-alpha-commons.toml")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let section = "  commons, after the claims of cycle 1 (AFLOW):
    riley        booked tools for 2 days from day 10 after cycle 1: 40, held,
                 then 40 to the pool at its start (cycle 2's budget)
    casey        booked tools for 1 day from day 20 after cycle 1: 20, cancelled
                 on day 19: 10 refunded, 10 to the pool (cycle 2's budget)
    riley        bought 2 hours of childcare: 30 in escrow, confirmed: 30 to
                 alex
    jordan       bought 1 hour of childcare: 15 in escrow, disputed, resolved by
                 the steward: 5 refunded, 10 to alex
    sam          bought 1 hour of childcare: 15 in escrow, released after the
                 confirmation window: 15 to alex
    to the pool  50 in cycle 2's budget

Holon Alpha - cycle 2 - model time (policy v1)
";
    assert!(text.contains(section), "{text}");
    assert!(text.contains("  budget        50 AFLOW (from the treasury)\n"));
    assert!(
        text.contains("  commons       0 AFLOW held, 50 to the pool, 55 to members, 15 refunded\n")
    );
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80 columns: {line:?}"
        );
    }
    // The README shows this excerpt.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let excerpt: String = section.lines().take(5).map(|l| format!("{l}\n")).collect();
    assert!(readme.contains(&excerpt), "README.md shows another excerpt");
}

/// Scenarios without commons entries print no commons at all (their report is unchanged).
#[test]
fn a_scenario_without_the_commons_reports_none() {
    let doc = simulate("holon-alpha.toml");
    assert!(doc.get("commons").is_none());
    let out = flow(&["simulate", &scenario("holon-alpha.toml")]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("commons"));
}

#[test]
fn bad_commons_entries_are_refused_with_their_line_and_field() {
    // A booking of a listing that does not exist.
    let text = commons_with(
        "listing = \"tools\"\nstart_day = 10",
        "listing = \"toolz\"\nstart_day = 10",
    );
    fails(
        "commons-unknown-listing",
        &text,
        line_of(&text, "\"toolz\""),
        "bookings[0].listing",
        &[
            "no listing has the id \"toolz\"",
            "(listings: childcare, tools)",
        ],
    );
    // An offer without the member who offers it.
    let text = commons_with("provider = \"alex\"\n", "");
    fails(
        "commons-offer-without-provider",
        &text,
        line_of(&text, "kind = \"offer\""),
        "listings[1].provider",
        &["an offer needs the member who offers it"],
    );
    // A resource with a provider.
    let text = commons_with(
        "kind = \"resource\"",
        "kind = \"resource\"\nprovider = \"sam\"",
    );
    fails(
        "commons-resource-with-provider",
        &text,
        line_of(&text, "provider = \"sam\""),
        "listings[0].provider",
        &["no provider"],
    );
    // An offer's provider who is no member.
    let text = commons_with("provider = \"alex\"", "provider = \"alexa\"");
    fails(
        "commons-provider-no-member",
        &text,
        line_of(&text, "alexa"),
        "listings[1].provider",
        &["\"alexa\" is not a member of this holon"],
    );
    // A category the registry does not have.
    let text = commons_with("category = \"tools\"", "category = \"toolbox\"");
    fails(
        "commons-unknown-category",
        &text,
        line_of(&text, "toolbox"),
        "listings[0].category",
        &["\"toolbox\" is not a category of this holon"],
    );
    // Booking a member's offer.
    let text = commons_with(
        "listing = \"tools\"\nstart_day = 10",
        "listing = \"childcare\"\nstart_day = 10",
    );
    fails(
        "commons-booking-an-offer",
        &text,
        line_at(&text, "listing = \"childcare\"\nstart_day"),
        "bookings[0].listing",
        &["\"childcare\" is a member's offer: it is bought"],
    );
    // Buying a booked resource.
    let text = commons_with(
        "listing = \"childcare\"\nquantity = 2",
        "listing = \"tools\"\nquantity = 2",
    );
    fails(
        "commons-buying-a-booked-resource",
        &text,
        line_at(&text, "listing = \"tools\"\nquantity"),
        "purchases[0].listing",
        &["book it ([[bookings]])"],
    );
    // A purchase of nothing.
    let text = commons_with("quantity = 2", "quantity = 0");
    fails(
        "commons-zero-quantity",
        &text,
        line_of(&text, "quantity = 0"),
        "purchases[0].quantity",
        &["quantity must be at least 1"],
    );
    // A refund above what was paid (15 AFLOW).
    let text = commons_with("refund = \"5000000\"", "refund = \"15000001\"");
    fails(
        "commons-refund-too-large",
        &text,
        line_of(&text, "15000001"),
        "purchases[1].dispute.refund",
        &["the refund (15000001) is more than was paid (15000000)"],
    );
    // Cancelled after its start.
    let text = commons_with("cancel_day = 19", "cancel_day = 20");
    fails(
        "commons-cancel-after-start",
        &text,
        line_of(&text, "cancel_day = 20"),
        "bookings[1].cancel_day",
        &["cancel_day must be below start_day"],
    );
    // Hours of a resource booked by the day.
    let text = commons_with("\ndays = 2", "\nhours = 48");
    fails(
        "commons-hours-of-a-day-resource",
        &text,
        line_of(&text, "hours = 48"),
        "bookings[0].hours",
        &["booked by the day: give days"],
    );
    // A window starting as the cycle ends.
    let text = commons_with("start_day = 10", "start_day = 0");
    fails(
        "commons-start-day-zero",
        &text,
        line_of(&text, "start_day = 0"),
        "bookings[0].start_day",
        &["start_day >= 1"],
    );
    // An unknown key.
    let text = commons_with("\ndays = 2", "\ndayz = 2");
    fails(
        "commons-unknown-key",
        &text,
        line_of(&text, "dayz"),
        "bookings[0].dayz",
        &["unknown field `dayz`"],
    );
    // A confirmed dispute.
    let text = commons_with("dispute = {", "confirm = true\ndispute = {");
    fails(
        "commons-confirmed-dispute",
        &text,
        line_at(&text, "confirm = true\ndispute"),
        "purchases[1].confirm",
        &["drop confirm"],
    );
    // A listing paid before it is listed.
    let text = commons_with(
        "price = \"20000000\"              # 20 AFLOW a day",
        "price = \"20000000\"\ncycle = 2",
    );
    fails(
        "commons-paid-before-listed",
        &text,
        line_at(&text, "listing = \"tools\"\nstart_day = 10"),
        "bookings[0].listing",
        &["\"tools\" is listed in cycle 2, after this entry"],
    );
}

/// An overlapping window passes the checker (the calendar is the contract's): the chain's
/// refusal stops the replay, naming the entry that sent it, with the contract's words.
#[test]
fn an_overlapping_booking_is_the_contracts_refusal_with_its_entry() {
    let text = commons_with(
        "[[purchases]]\nmember = \"riley\"",
        "[[bookings]]\nmember = \"sam\"\nlisting = \"tools\"\nstart_day = 11\ndays = 1\n\n[[purchases]]\nmember = \"riley\"",
    );
    fails(
        "commons-overlap",
        &text,
        line_at(&text, "[[bookings]]\nmember = \"sam\""),
        "bookings[2]",
        &[
            "sam books tools for 1 day from day 11 after cycle 1: the chain refused it",
            "listing 1 is booked for [",
            "by booking 1",
        ],
    );
}

/// With a fixed emission there is no treasury: what a resource returns to the pool is
/// burnt, and the next budget is the emission, as the distributor says.
#[test]
fn with_a_fixed_emission_the_pool_burns_what_resources_return() {
    let text = commons_with(
        "mode = \"treasury\"\ndenom = \"ucredit\"\nfund = \"5000000000\"",
        "mode = \"fixed\"\nemission = \"5000000000\"",
    );
    let doc = simulate_text("commons-fixed", &text);
    let cycles = doc["cycles"].as_array().unwrap();
    assert_eq!(s(&cycles[1]["budget"]), "5000000000");
    assert_eq!(amounts(&cycles[1]), pairs(&[("sam", 5_000_000_000)]));
    let to_pool: Vec<(String, Value)> = doc["commons"]["spends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (s(&x["to_pool"]).to_string(), x["budget_cycle"].clone()))
        .collect();
    assert_eq!(
        to_pool,
        [
            ("40000000".to_string(), Value::Null),
            ("10000000".to_string(), Value::Null),
            ("0".to_string(), Value::Null),
            ("0".to_string(), Value::Null),
            ("0".to_string(), Value::Null),
        ]
    );
    // 5,000 minted twice, 50 burnt at the pool.
    assert_eq!(s(&doc["total_supply"]), "9950000000");
    let dir = temp_dir("commons-fixed");
    let file = dir.join("commons-fixed.toml");
    std::fs::write(&file, &text).unwrap();
    let out = flow(&["simulate", file.to_str().unwrap()]);
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("    to the pool  50 burnt (a fixed emission has no treasury)\n"),
        "{human}"
    );
}

/// An item resource (a share of the bread) is paid to the pool at once and joins the next
/// budget with the bookings; its stock is the contract's: a purchase past it is refused,
/// with the entry that sent it.
#[test]
fn an_item_resource_goes_to_the_pool_at_once_within_its_stock() {
    let share = "[[listings]]\nid = \"bread-share\"\nkind = \"resource\"\ntitle = \"A share of the bread\"\ncategory = \"food\"\nunit = \"item\"\nprice = \"2000000\"\nstock = 3\n\n[[purchases]]\nmember = \"casey\"\nlisting = \"bread-share\"\nquantity = 3\n\n[[purchases]]\nmember = \"riley\"\nlisting = \"childcare\"";
    let text = commons_with(
        "[[purchases]]\nmember = \"riley\"\nlisting = \"childcare\"",
        share,
    );
    let doc = simulate_text("commons-item", &text);
    let cycles = doc["cycles"].as_array().unwrap();
    // 40 (Riley's tools) + 10 (Casey's late cancellation) + 6 (3 shares at 2).
    assert_eq!(s(&cycles[1]["budget"]), "56000000");
    let casey = doc["commons"]["spends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["listing"] == "bread-share")
        .unwrap()
        .clone();
    assert_eq!(
        (
            s(&casey["status"]),
            s(&casey["paid_to"]),
            s(&casey["amount"]),
            s(&casey["to_pool"]),
            casey["budget_cycle"].as_u64()
        ),
        ("to_pool", "pool", "6000000", "6000000", Some(2))
    );
    let listing = doc["commons"]["listings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "bread-share")
        .unwrap()
        .clone();
    assert_eq!(s(&listing["status"]), "active");
    assert_eq!(s(&doc["commons"]["totals"]["to_pool"]), "56000000");

    // A fourth share: the contract's refusal, with the entry.
    let more = text.replacen("quantity = 3", "quantity = 4", 1);
    fails(
        "commons-sold-out",
        &more,
        line_at(&more, "[[purchases]]\nmember = \"casey\""),
        "purchases[0]",
        &["casey buys 4 of bread-share: the chain refused it: listing 3 has 3 left, 4 asked"],
    );
}

/// `paused_cycle`, `resumed_cycle`, `withdrawn_cycle`: the lister's changes after the claims
/// of their cycle, before the entries written after the listing; what was paid before runs
/// its course.
#[test]
fn listings_are_paused_resumed_and_withdrawn_by_their_lister() {
    // Childcare withdrawn after cycle 2's claims: Sam's escrow was released during cycle 2,
    // every amount as before; the commons says it is withdrawn.
    let text = commons_with(
        "price = \"15000000\"              # 15 AFLOW an hour",
        "price = \"15000000\"\nwithdrawn_cycle = 2",
    );
    let doc = simulate_text("commons-withdrawn", &text);
    let status: Vec<(String, String)> = doc["commons"]["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (s(&l["id"]).to_string(), s(&l["status"]).to_string()))
        .collect();
    assert_eq!(
        status,
        [
            ("tools".to_string(), "active".to_string()),
            ("childcare".to_string(), "withdrawn".to_string())
        ]
    );
    assert_eq!(s(&doc["commons"]["totals"]["to_providers"]), "55000000");
    assert_eq!(s(&doc["cycles"][1]["budget"]), "50000000");

    // Paused in cycle 1 (after its listing, before the bookings): the contract refuses
    // Riley's booking, and the replay names the entry.
    let text = commons_with(
        "late_refund_percent = \"0.5\"     # half after",
        "late_refund_percent = \"0.5\"\npaused_cycle = 1\nresumed_cycle = 2",
    );
    fails(
        "commons-paused",
        &text,
        line_at(&text, "[[bookings]]\nmember = \"riley\""),
        "bookings[0]",
        &["riley books tools for 2 days from day 10 after cycle 1: the chain refused it: listing 1 is Paused: it takes no bookings or purchases"],
    );
    // Resumed without a pause, or in the cycle of the pause: the checker's.
    let text = commons_with(
        "late_refund_percent = \"0.5\"     # half after",
        "late_refund_percent = \"0.5\"\nresumed_cycle = 2",
    );
    fails(
        "commons-resumed-unpaused",
        &text,
        line_of(&text, "resumed_cycle"),
        "listings[0].resumed_cycle",
        &["give paused_cycle"],
    );
    let text = commons_with(
        "late_refund_percent = \"0.5\"     # half after",
        "late_refund_percent = \"0.5\"\npaused_cycle = 2\nresumed_cycle = 2",
    );
    fails(
        "commons-resumed-with-the-pause",
        &text,
        line_of(&text, "resumed_cycle"),
        "listings[0].resumed_cycle",
        &["resumed_cycle must be after cycle 2 (it is paused then)"],
    );
}
