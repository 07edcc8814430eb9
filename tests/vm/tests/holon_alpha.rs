//! The seed's Holon Alpha month on the real wasm (the story of
//! `tests/stories/holon_alpha.rs`, run by cosmwasm-vm on the built artifacts): members
//! attest, buddies co-sign (which records in the distributor), the cycle closes, everyone
//! claims, and the flow-token pays exactly docs/WEIGHTING.md's numbers.

use flow_vm::api::account;
use flow_vm::holon::{need_policy, time_policy, wasm_execute, DENOM};
use flow_vm::{Holon, HolonSpec, Outcome};
use serde_json::{json, Value};

const BUDGET: u128 = 5_000_000_000;
const MEMBERS: [&str; 5] = ["alex", "jordan", "casey", "riley", "sam"];

struct Needs {
    bread: u64,
    garden: u64,
    solar: u64,
    childcare: u64,
    facilitation: u64,
}

/// Holon Alpha under `policy`, funded, with its five needs posted.
fn holon_alpha(policy: Value) -> (Holon, Needs) {
    let mut spec = HolonSpec::holon_alpha();
    spec.policy = policy;
    let h = Holon::deploy(&spec);

    // The distributor created the token and the attestation contract through
    // instantiate submessages, and learnt their addresses in its replies.
    let entries: Vec<(&str, &str)> = h
        .deployment
        .calls
        .iter()
        .map(|c| (c.entry, c.contract.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("instantiate", h.distributor.as_str()),
            ("instantiate", h.token.as_str()),
            ("reply", h.distributor.as_str()),
            ("instantiate", h.attestation.as_str()),
            ("reply", h.distributor.as_str()),
        ]
    );
    let holon: Value = h.chain.query(&h.token, &json!({"holon": {}})).unwrap();
    assert_eq!(holon["holon"], json!(h.distributor));

    h.fund(&account("funder"), BUDGET).unwrap();
    let post = |m: &str, c: &str, t: &str| h.post_need(&account(m), c, t).unwrap().0;
    let needs = Needs {
        bread: post("riley", "food", "Fresh bread: 20 loaves weekly"),
        garden: post("sam", "garden", "Community garden upkeep"),
        solar: post("alex", "energy", "Repair the solar array"),
        childcare: post("jordan", "childcare", "Childcare 15 hours a week"),
        facilitation: post("casey", "facilitation", "Facilitate the monthly circle"),
    };
    (h, needs)
}

/// `member` attests toward `need` and `buddy` co-signs; checks that the co-sign sends the
/// distributor exactly one `Record` of the contribution, which the distributor accepts.
fn contribute(
    h: &Holon,
    member: &str,
    need: u64,
    category: &str,
    hours: &str,
    units: &str,
    buddy: &str,
) {
    let (id, attest) = h
        .attest(&account(member), need, hours, units, Some(&account(buddy)))
        .unwrap();
    assert!(attest.own().messages().is_empty(), "attest sends nothing");
    let cosign = h.cosign(&account(buddy), id).unwrap();
    let msgs = cosign.own().messages();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert_eq!(msgs[0]["reply_on"], "never");
    let (to, record) = wasm_execute(&msgs[0]["msg"]).expect("a wasm execute");
    assert_eq!(to, h.distributor);
    assert_eq!(
        record,
        json!({"record": {"contribution": {
            "attestation_id": id,
            "contributor": account(member),
            "category": category,
            "hours": hours,
            "credit": hours,
            "impact": "1",
            "capacity_building": false,
        }}})
    );
    let recorded: Vec<_> = cosign.calls_to(&h.distributor).collect();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].attr("action").as_deref(), Some("record"));
    assert_eq!(recorded[0].attr("cycle").as_deref(), Some("1"));
}

/// The seed's month (Alex's 80 loaves carry no unit credit in `food`).
fn the_seed_month(h: &Holon, n: &Needs) {
    contribute(h, "alex", n.bread, "food", "16", "80", "jordan");
    contribute(h, "jordan", n.garden, "garden", "40", "0", "alex");
    contribute(h, "casey", n.solar, "energy", "8", "0", "riley");
    contribute(h, "riley", n.childcare, "childcare", "60", "0", "sam");
    contribute(h, "sam", n.facilitation, "facilitation", "4", "0", "casey");
}

/// Everyone claims cycle 1; checks each claim's `Mint` and returns what each received.
fn everyone_claims(h: &Holon) -> Vec<u128> {
    MEMBERS
        .iter()
        .map(|m| {
            let addr = account(m);
            let before = h.balance(&addr);
            let claim: Outcome = h.claim(&addr, 1).unwrap();
            let msgs = claim.own().messages();
            assert_eq!(msgs.len(), 1, "{m}: {msgs:?}");
            let (to, mint) = wasm_execute(&msgs[0]["msg"]).expect("a wasm execute");
            assert_eq!(to, h.token, "{m}: the mint goes to the flow-token");
            let amount: u128 = mint["mint"]["amount"].as_str().unwrap().parse().unwrap();
            assert_eq!(
                mint,
                json!({"mint": {"recipient": addr, "amount": amount.to_string()}})
            );
            assert_eq!(claim.own().attr("amount"), Some(amount.to_string()));
            // The token ran the mint, with the distributor as the minter.
            let minted: Vec<_> = claim.calls_to(&h.token).collect();
            assert_eq!(minted.len(), 1);
            assert_eq!(minted[0].attr("action").as_deref(), Some("mint"));
            let got = h.balance(&addr) - before;
            assert_eq!(got, amount, "{m}: the balance grew by the minted amount");
            got
        })
        .collect()
}

#[test]
fn holon_alpha_time_model_pays_the_seed_numbers_on_the_wasm() {
    let (h, needs) = holon_alpha(time_policy());
    the_seed_month(&h, &needs);

    // Before the month ends nobody can close it, and nothing changes when it fails.
    let err = h.close_cycle(&account("stranger")).unwrap_err();
    assert!(
        err.contract_error()
            .is_some_and(|e| e.starts_with("cycle 1 has not ended yet")),
        "{err}"
    );
    let (preview, _) = h.preview(&account("riley")).unwrap();
    assert_eq!(preview["amount"], "2343750000");
    assert_eq!(preview["weight"], "60");

    h.chain.advance(holon_alpha_cycle());
    h.close_cycle(&account("stranger")).unwrap();
    let cycle = h.cycle(1).unwrap();
    assert_eq!(cycle["status"], "closed");
    assert_eq!(cycle["budget"], BUDGET.to_string());
    assert_eq!(cycle["total_weight"], "128");
    assert_eq!(cycle["contributors"], 5);

    let paid = everyone_claims(&h);
    assert_eq!(
        paid,
        [
            625_000_000,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000
        ]
    );
    assert_eq!(h.total_supply(), BUDGET);
    assert_eq!(h.chain.native_balance(&h.distributor, DENOM), BUDGET);

    // Nobody claims twice.
    let err = h.claim(&account("alex"), 1).unwrap_err();
    assert_eq!(
        err.contract_error(),
        Some(format!("{} has already claimed cycle 1", account("alex")).as_str())
    );
}

#[test]
fn holon_alpha_need_model_pays_the_seed_numbers_on_the_wasm() {
    let (h, needs) = holon_alpha(need_policy(&[("childcare", "2"), ("garden", "0.5")]));
    the_seed_month(&h, &needs);
    h.chain.advance(holon_alpha_cycle());
    h.close_cycle(&account("stranger")).unwrap();
    assert_eq!(h.cycle(1).unwrap()["total_weight"], "168");

    let paid = everyone_claims(&h);
    assert_eq!(
        paid,
        [
            476_190_476,
            595_238_095,
            238_095_238,
            3_571_428_571,
            119_047_619
        ]
    );
    let minted: u128 = paid.iter().sum();
    assert_eq!(
        BUDGET - minted,
        1,
        "the dust is one base unit, never minted"
    );
    assert_eq!(h.total_supply(), minted);

    // explain shows the factors: Riley's childcare counts double.
    let (riley, _) = h.explain(1, &account("riley")).unwrap();
    assert_eq!(riley["weight"], "120");
    assert_eq!(riley["categories"][0]["factor"], "2");
    assert_eq!(riley["claimed"], true);
}

#[test]
fn a_failed_transaction_changes_nothing() {
    let (h, needs) = holon_alpha(time_policy());
    // A stranger is not a member: the attestation is refused and nothing is written.
    let before = h.chain.storage(&h.attestation).unwrap().borrow().clone();
    let err = h
        .attest(&account("stranger"), needs.bread, "1", "0", None)
        .unwrap_err();
    assert!(err.contract_error().is_some(), "{err}");
    assert_eq!(*h.chain.storage(&h.attestation).unwrap().borrow(), before);
    // Funds sent with a refused message go back.
    let funder = account("funder");
    h.chain.mint_native(&funder, DENOM, 10);
    let err = h
        .chain
        .execute(
            &funder,
            &h.distributor,
            &json!({"close_cycle": {}}),
            &[(DENOM, 10)],
        )
        .unwrap_err();
    assert!(err.contract_error().is_some(), "{err}");
    assert_eq!(h.chain.native_balance(&funder, DENOM), 10);
}

/// One full cycle of Holon Alpha.
fn holon_alpha_cycle() -> u64 {
    flow_vm::holon::CYCLE_SECONDS
}
