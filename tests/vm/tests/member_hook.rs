//! The distributor as the cw4 group's hook, on the real wasm: the group's `update_members`
//! calls `member_changed_hook`, the distributor remembers who left, and a closed cycle's
//! `payouts` still names a member removed after its close, with the baseline it owes them:
//! the payouts total the cycle's budget exactly. Prints the gas of the group's change with
//! and without the hook.

use flow_vm::api::account;
use flow_vm::holon::time_policy;
use flow_vm::{Holon, HolonSpec};
use serde_json::{json, Value};

const BUDGET: u128 = 1_000_000;

fn remove(h: &Holon, who: &str) -> flow_vm::Outcome {
    let out = h
        .chain
        .execute(
            &h.governance,
            &h.group,
            &json!({"update_members": {"add": [], "remove": [account(who)]}}),
            &[],
        )
        .unwrap();
    h.chain.next_block();
    out
}

/// Every payout of cycle `cycle`, pages of `limit`: (member, amount) and the page sizes.
fn payouts(h: &Holon, cycle: u64, limit: u32) -> (Vec<(String, u128)>, Vec<usize>) {
    let (mut all, mut sizes) = (vec![], vec![]);
    let mut start: Value = Value::Null;
    loop {
        let page = h
            .chain
            .query(
                &h.distributor,
                &json!({"payouts": {"cycle": cycle, "start_after": start, "limit": limit}}),
            )
            .unwrap();
        let rows = page["payouts"].as_array().unwrap();
        sizes.push(rows.len());
        for p in rows {
            let amount: u128 = p["amount"].as_str().unwrap().parse().unwrap();
            all.push((p["member"].as_str().unwrap().to_string(), amount));
        }
        if page["next_start_after"].is_null() {
            return (all, sizes);
        }
        start = page["next_start_after"].clone();
    }
}

#[test]
fn a_member_removed_after_the_close_is_still_paid_in_the_payouts() {
    let mut spec = HolonSpec::holon_alpha();
    let mut policy = time_policy();
    policy["baseline"] = json!("0.2");
    spec.policy = policy;
    let h = Holon::deploy(&spec);
    // The deployment added the distributor as the group's hook.
    let hooks = h.chain.query(&h.group, &json!({"hooks": {}})).unwrap();
    assert_eq!(hooks, json!({"hooks": [h.distributor]}));
    // Only the group may call it.
    let err = h
        .chain
        .execute(
            &account("mallory"),
            &h.distributor,
            &json!({"member_changed_hook": {"diffs": []}}),
            &[],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("only the holon's group")
            && err.to_string().contains("reports membership changes"),
        "{err}"
    );

    h.fund(&account("funder"), BUDGET).unwrap();
    let need = h.post_need(&account("riley"), "food", "Bread").unwrap().0;
    h.contribute(&account("alex"), need, "3", "0", &account("jordan"))
        .unwrap();
    h.contribute(&account("jordan"), need, "1", "0", &account("alex"))
        .unwrap();
    // Sam leaves before the close (owed nothing), Casey after it (owed the baseline).
    let sam = remove(&h, "sam");
    let hook_calls: Vec<_> = sam.calls_to(&h.distributor).collect();
    assert_eq!(hook_calls.len(), 1);
    assert_eq!(
        hook_calls[0].attr("departed").as_deref(),
        Some(account("sam").as_str())
    );
    h.chain.advance(spec.cycle_seconds);
    h.close_cycle(&account("stranger")).unwrap();
    h.chain.next_block();
    let casey = remove(&h, "casey");

    let cycle = h.cycle(1).unwrap();
    assert_eq!(cycle["members_weight"], json!(4));
    assert_eq!(cycle["baseline_each"], json!("50000"));
    let (all, sizes) = payouts(&h, 1, 100);
    assert_eq!(sizes, vec![4]);
    let mut want = vec![
        (account("alex"), 650_000),
        (account("jordan"), 250_000),
        (account("casey"), 50_000),
        (account("riley"), 50_000),
    ];
    want.sort();
    assert_eq!(all, want);
    assert_eq!(all.iter().map(|(_, a)| a).sum::<u128>(), BUDGET);
    for limit in 1..=4 {
        let (paged, sizes) = payouts(&h, 1, limit);
        assert_eq!(paged, want, "limit {limit}");
        let (last, full) = sizes.split_last().unwrap();
        assert!(full.iter().all(|s| *s == limit as usize) && *last <= limit as usize);
    }
    h.claim(&account("casey"), 1).unwrap();
    assert_eq!(h.balance(&account("casey")), 50_000);

    // The group's change with the hook, against the same change without it.
    let (with_hook, with_hook_pinned) = (casey.chain_gas(), casey.chain_gas_pinned());
    h.chain
        .execute(
            &h.governance,
            &h.group,
            &json!({"remove_hook": {"addr": h.distributor}}),
            &[],
        )
        .unwrap();
    let riley = remove(&h, "riley");
    let (without, without_pinned) = (riley.chain_gas(), riley.chain_gas_pinned());
    println!(
        "update_members removing one member: {with_hook} SDK gas with the distributor's hook, \
         {without} without (+{}); codes pinned: {with_hook_pinned} and {without_pinned} (+{})",
        with_hook - without,
        with_hook_pinned - without_pinned
    );
    assert!(with_hook > without);
}
