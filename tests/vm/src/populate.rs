//! The state the gas benchmark measures in, built by real executes: a holon with `n`
//! members, `n` needs and `n` attestations co-signed (final, recorded in cycle 1), next to a
//! second holon. `bin/gas-bench.rs` measures every action in it at N = 10 and N = 10,000;
//! `tests/costs.rs` checks in it that the attestation contract's costs do not grow with N.

use std::time::Instant;

use crate::api::account;
use crate::chain::{Chain, ChainError};
use crate::holon::{attestation_policy, category, time_policy, Codes, Holon, HolonSpec};

/// The name of category `i` (`c00` … `c31`).
pub fn cat(i: usize) -> String {
    format!("c{i:02}")
}

/// The value of a chain result that must succeed (`what` failed: panics with the error).
pub fn ok<T>(what: &str, r: Result<T, ChainError>) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Two holons on one chain, holon A populated with `n` of everything.
pub struct Populated {
    pub n: usize,
    pub chain: Chain,
    pub codes: Codes,
    /// Holon A: the `n` members, alice and bob; 32 categories (`c00` … `c31`); `time`; the
    /// attestation policy `attestation_policy(0, true)` (final at the first co-sign, no
    /// per-pair limit); funded.
    pub a: Holon,
    /// Holon B: carol and dave, category `c00`; funded.
    pub b: Holon,
    /// A's `n` populating members (`account("m0")` …).
    pub members: Vec<String>,
    /// The `n` needs, need `i` posted by member `i` in category `cat(i % 8)`.
    pub needs: Vec<u64>,
    /// One need per category, `cat(c)` for c in 0..32 (no attestation yet).
    pub cat_needs: Vec<u64>,
    pub alice: String,
    pub bob: String,
    pub carol: String,
    pub dave: String,
    pub stranger: String,
    pub funder: String,
    /// Wall seconds spent populating (the needs and attestations), and VM calls made for it.
    pub populate_secs: f64,
    pub populate_calls: u64,
}

impl Populated {
    /// Deploys both holons and funds them, then populates A with real executes, journal off
    /// (nothing in it may fail): member `i` posts need `i`, then attests 1 hour toward need
    /// `i + 1` with member `i + 1` as buddy, who co-signs (final: the distributor records it).
    pub fn new(n: usize) -> Self {
        assert!(n >= 2, "a buddy is another member: n ≥ 2");
        let chain = Chain::new();
        let codes = Codes::store(&chain);
        let members: Vec<String> = (0..n).map(|i| account(&format!("m{i}"))).collect();
        let (alice, bob, stranger, funder) = (
            account("alice"),
            account("bob"),
            account("stranger"),
            account("funder"),
        );
        let (carol, dave) = (account("carol"), account("dave"));

        let mut spec = HolonSpec::holon_alpha();
        spec.name = "Holon A".into();
        spec.members = members
            .iter()
            .cloned()
            .chain([alice.clone(), bob.clone()])
            .collect();
        spec.categories = (0..32).map(|c| category(&cat(c))).collect();
        spec.attestation_policy = attestation_policy(0, true);
        spec.policy = time_policy();
        let a = Holon::deploy_on(chain.clone(), codes, &spec);
        let spec_b = HolonSpec {
            name: "Holon B".into(),
            symbol: "BFLOW".into(),
            members: vec![carol.clone(), dave.clone()],
            categories: vec![category("c00")],
            ..spec.clone()
        };
        let b = Holon::deploy_on(chain.clone(), codes, &spec_b);
        ok("fund A", a.fund(&funder, 1_000_000_000_000));
        ok("fund B", b.fund(&funder, 1_000_000_000_000));

        let t = Instant::now();
        let calls_before = chain.vm_calls();
        chain.set_journaling(false);
        let needs: Vec<u64> = (0..n)
            .map(|i| ok("post", a.post_need(&members[i], &cat(i % 8), "need")).0)
            .collect();
        let cat_needs: Vec<u64> = (0..32)
            .map(|c| {
                ok(
                    "post",
                    a.post_need(&members[c % n], &cat(c), "category need"),
                )
                .0
            })
            .collect();
        for i in 0..n {
            let buddy = &members[(i + 1) % n];
            let (id, _) = ok(
                "attest",
                a.attest(&members[i], needs[(i + 1) % n], "1", "0", Some(buddy)),
            );
            ok("cosign", a.cosign(buddy, id));
        }
        chain.set_journaling(true);
        let populate_secs = t.elapsed().as_secs_f64();
        let populate_calls = chain.vm_calls() - calls_before;
        Self {
            n,
            chain,
            codes,
            a,
            b,
            members,
            needs,
            cat_needs,
            alice,
            bob,
            carol,
            dave,
            stranger,
            funder,
            populate_secs,
            populate_calls,
        }
    }
}
