//! Cost: every execute touches the same storage keys whatever the number of members,
//! needs and attestations (wasmd's storage gas, charged by the suite's metered storage).
//! `GAS_TRACE=1 cargo test -p attestation gas -- --nocapture` prints every read and write.

use flow_types::attestation::{AttestationPolicy, ExecuteMsg};

use super::suite::{dec, Meter, Suite};

/// Costs of attest, co-sign (final at once), and of attest, co-sign and finalize through
/// a challenge window, after `n` attestations by 100 members on 100 needs, half of them final.
fn costs_after(n: u64) -> [Meter; 5] {
    let mut s = Suite::with_policy(AttestationPolicy {
        max_cosigns_per_pair_per_cycle: u32::MAX,
        ..AttestationPolicy::default()
    });
    let members: Vec<String> = (0..100).map(|i| format!("member{i}")).collect();
    for m in &members {
        s.add_member(m);
    }
    for need in 1..=100 {
        s.add_need(need, &format!("category-{}", need % 10));
    }
    for i in 0..n {
        let who = &members[(i % 100) as usize];
        let buddy = &members[((i + 1) % 100) as usize];
        let id = s.attest_ok(who, 1 + i % 100, "1", Some(buddy));
        if i % 2 == 0 {
            s.cosign(buddy, id).unwrap();
        }
    }

    let id = s.attest_ok("alex", 7, "16", Some("jordan"));
    let attest = s.last;
    s.cosign("jordan", id).unwrap();
    let cosign_final = s.last;

    let mut policy = AttestationPolicy {
        challenge_seconds: 60,
        ..AttestationPolicy::default()
    };
    policy.max_cosigns_per_pair_per_cycle = u32::MAX;
    policy.max_hours_per_cycle = dec("744");
    s.exec("gov", ExecuteMsg::SetPolicy { policy }).unwrap();
    let id = s.attest_ok("casey", 8, "8", Some("riley"));
    let attest_2 = s.last;
    s.cosign("riley", id).unwrap();
    let cosign_challenge = s.last;
    s.advance(60);
    s.finalize("sam", id).unwrap();
    let finalize = s.last;
    [attest, cosign_final, cosign_challenge, finalize, attest_2]
}

#[test]
fn costs_do_not_grow_with_the_number_of_attestations() {
    let small = costs_after(10);
    let large = costs_after(10_000);
    let names = [
        "attest",
        "cosign → final",
        "cosign → challenge",
        "finalize",
        "attest (2)",
    ];
    for (i, name) in names.iter().enumerate() {
        let (a, b) = (small[i], large[i]);
        println!("{name:>20}: N=10 {a:?}\n{:>20}  N=10000 {b:?}", "");
        // The same keys: the same number of operations, nothing walked.
        assert_eq!(
            (a.reads, a.writes, a.deletes, a.iterated),
            (b.reads, b.writes, b.deletes, b.iterated),
            "{name}"
        );
        // Attest reads the last id (one step); nothing else iterates.
        assert!(a.iterated <= 1, "{name} walks storage");
        // Only the digits of the ids differ (a few bytes).
        assert!(
            a.gas.abs_diff(b.gas) <= 300,
            "{name}: {} vs {}",
            a.gas,
            b.gas
        );
    }
    // Storage gas budgets with the suite's 67-character addresses and wasmd's 33-byte
    // store prefix (20-byte chain addresses cost about 720 less per address stored).
    for (i, budget) in [(0, 40_000), (1, 41_000), (2, 35_000), (3, 30_000)] {
        assert!(
            large[i].gas <= budget,
            "{}: {} storage gas",
            names[i],
            large[i].gas
        );
    }
}

#[test]
fn an_attestation_without_a_buddy_writes_five_keys() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    s.attest_ok("casey", 1, "8", None);
    s.attest_ok("alex", 1, "16", None);
    let m = s.last;
    println!("attest without buddy: {m:?}");
    assert_eq!((m.reads, m.writes, m.deletes, m.iterated), (2, 5, 0, 1));
    assert!(m.gas <= 32_000, "{m:?}");
}
