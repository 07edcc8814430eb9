//! The populated world the hostile inputs run against: Holon Alpha after a closed and
//! claimed cycle, in its second cycle with attestations in every state, and a second
//! holon (Beta) on the same chain whose tokens Alpha accepts and holds.

use flow_vm::api::account;
use flow_vm::holon::{attestation_policy, category};
use flow_vm::{Chain, Holon, HolonSpec};
use serde_json::{json, Value};

/// Everything the generators need to know to write messages that get past the first checks.
pub struct World {
    pub alpha: Holon,
    pub beta: Holon,
    pub members: Vec<String>,
    pub beta_members: Vec<String>,
    pub stranger: String,
    pub categories: Vec<String>,
    /// Needs of Alpha (open, one fulfilled, one closed).
    pub needs: Vec<u64>,
    /// Attestations of Alpha, in every status.
    pub attestations: Vec<u64>,
    pub att: Atts,
}

/// Alpha's attestations in cycle 2, by status.
pub struct Atts {
    /// Alex's, waiting for Sam (the buddy).
    pub pending_buddy: u64,
    /// Sam's, no buddy named.
    pub pending_open: u64,
    /// Jordan's, co-signed by Casey, its window over: finalize works.
    pub challenged: u64,
    /// Riley's, disputed by Sam: governance resolves.
    pub disputed: u64,
    pub rejected: u64,
    pub withdrawn: u64,
    pub finalized: u64,
    /// Casey's, co-signed by Jordan, window open: members may dispute.
    pub fresh: u64,
}

impl World {
    pub fn chain(&self) -> &Chain {
        &self.alpha.chain
    }

    /// Every contract on the chain (their storage is what must not change after an error).
    pub fn contracts(&self) -> Vec<String> {
        let mut all = vec![];
        for h in [&self.alpha, &self.beta] {
            all.extend(
                [
                    &h.group,
                    &h.registry,
                    &h.distributor,
                    &h.attestation,
                    &h.token,
                ]
                .map(String::clone),
            );
        }
        all
    }

    /// Addresses a message may name: members, strangers, every contract.
    pub fn addresses(&self) -> Vec<String> {
        let mut a = self.members.clone();
        a.extend(self.beta_members.iter().cloned());
        a.push(self.stranger.clone());
        a.push(self.alpha.governance.clone());
        a.extend(self.contracts());
        a
    }

    pub fn build() -> Self {
        let mut spec = HolonSpec::holon_alpha();
        spec.categories.push(category("care"));
        let alpha = Holon::deploy(&spec);
        let chain = alpha.chain.clone();
        let beta_names = ["quinn", "blake", "alex"];
        let beta_spec = HolonSpec {
            name: "Holon Beta".into(),
            symbol: "BFLOW".into(),
            members: beta_names.map(account).to_vec(),
            categories: ["food", "repair"].map(category).to_vec(),
            ..HolonSpec::holon_alpha()
        };
        let beta = Holon::deploy_on(chain.clone(), alpha.codes, &beta_spec);
        let members = alpha_members();
        let beta_members: Vec<String> = beta_names.map(account).to_vec();
        let a = |n: &str| account(n);
        let ok = |what: &str, r: flow_vm::ChainResult<flow_vm::Outcome>| {
            r.unwrap_or_else(|e| panic!("populating ({what}): {e}"));
        };

        // Cycle 1: funds, needs, endorsements, offers, contributions.
        ok("fund alpha", alpha.fund(&a("funder"), 5_000_000_000));
        ok("fund beta", beta.fund(&a("funder"), 1_000_000_000));
        let post = |h: &Holon, m: &str, c: &str, t: &str| {
            h.post_need(&a(m), c, t)
                .unwrap_or_else(|e| panic!("post need: {e}"))
                .0
        };
        let bread = post(&alpha, "riley", "food", "Fresh bread");
        let garden = post(&alpha, "sam", "garden", "Garden upkeep");
        let solar = post(&alpha, "alex", "energy", "Solar array");
        let childcare = post(&alpha, "jordan", "childcare", "Childcare");
        let circle = post(&alpha, "casey", "facilitation", "Monthly circle");
        ok("endorse", alpha.endorse(&a("alex"), bread));
        ok("endorse", alpha.endorse(&a("sam"), childcare));
        ok(
            "offer",
            chain.execute(
                &a("jordan"),
                &alpha.registry,
                &json!({"offer": {"id": garden}}),
                &[],
            ),
        );
        let contribute = |h: &Holon, m: &str, need: u64, hours: &str, buddy: &str| {
            h.contribute(&a(m), need, hours, "0", &a(buddy))
                .unwrap_or_else(|e| panic!("contribute: {e}"))
        };
        let mut attestations = vec![
            contribute(&alpha, "alex", bread, "16", "jordan"),
            contribute(&alpha, "jordan", garden, "40", "alex"),
            contribute(&alpha, "casey", solar, "8", "riley"),
            contribute(&alpha, "riley", childcare, "60", "sam"),
        ];
        let beta_need = post(&beta, "quinn", "repair", "Fix the bikes");
        contribute(&beta, "quinn", beta_need, "10", "blake");
        contribute(&beta, "blake", beta_need, "5", "quinn");

        // Both cycles close; some claim.
        chain.advance(flow_vm::holon::CYCLE_SECONDS);
        ok("close alpha", alpha.close_cycle(&a("stranger")));
        ok("close beta", beta.close_cycle(&a("stranger")));
        for m in ["alex", "jordan", "riley"] {
            ok("claim", alpha.claim(&a(m), 1));
        }
        for m in ["quinn", "blake"] {
            ok("claim beta", beta.claim(&a(m), 1));
        }

        // Fresh funds for cycle 2 (the close allocated everything to cycle 1).
        ok("fund alpha", alpha.fund(&a("funder"), 2_000_000_000));

        // Alpha accepts Beta's tokens; Quinn exchanges some, Alpha holds them.
        ok(
            "accept beta",
            chain.execute(
                &alpha.governance,
                &alpha.distributor,
                &json!({"accept_holon": {"distributor": beta.distributor, "rate": "1",
                        "credit_limit": "1000000000000"}}),
                &[],
            ),
        );
        let quinn = a("quinn");
        let exchange = |amount: u128, payload: Value| {
            chain.execute(
                &quinn,
                &beta.token,
                &json!({"send": {"contract": alpha.distributor, "amount": amount.to_string(),
                        "msg": vmstd::Binary::from(serde_json::to_vec(&payload).expect("json")).to_base64()}}),
                &[],
            )
        };
        ok(
            "exchange",
            exchange(1_000_000, json!({"exchange": {"recipient": null}})),
        );
        // Some of Alpha's own tokens go back: one redeemed, one gifted.
        ok(
            "redeem",
            alpha.send_to_distributor(&a("alex"), 1_000, &json!({"redeem": {"recipient": null}})),
        );
        ok(
            "gift",
            alpha.send_to_distributor(&a("jordan"), 1_000, &json!({"gift_to_pool": {}})),
        );
        // Allowances and transfers on the token.
        ok(
            "allowance",
            chain.execute(
                &a("alex"),
                &alpha.token,
                &json!({"increase_allowance": {"spender": a("jordan"), "amount": "5000", "expires": null}}),
                &[],
            ),
        );
        ok(
            "transfer",
            chain.execute(
                &a("jordan"),
                &alpha.token,
                &flow_vm::holon::transfer_msg(&a("sam"), 2_000),
                &[],
            ),
        );

        // Cycle 2 of Alpha: a challenge window, and attestations in every state.
        ok(
            "policy",
            alpha.set_attestation_policy(&attestation_policy(86_400, false)),
        );
        let care = post(&alpha, "sam", "care", "Elder care visits");
        ok(
            "fulfilled",
            chain.execute(
                &a("casey"),
                &alpha.registry,
                &json!({"set_need_status": {"id": circle, "status": "fulfilled"}}),
                &[],
            ),
        );
        let closed = post(&alpha, "alex", "garden", "Old compost");
        ok(
            "closed",
            chain.execute(
                &a("alex"),
                &alpha.registry,
                &json!({"set_need_status": {"id": closed, "status": "closed"}}),
                &[],
            ),
        );
        let attest = |m: &str, need: u64, hours: &str, buddy: Option<&str>| {
            let buddy = buddy.map(a);
            alpha
                .attest(&a(m), need, hours, "0", buddy.as_deref())
                .unwrap_or_else(|e| panic!("attest: {e}"))
                .0
        };
        // Pending, with and without a buddy.
        let pending_buddy = attest("alex", care, "2", Some("sam"));
        let pending_open = attest("sam", bread, "3", None);
        attestations.extend([pending_buddy, pending_open]);
        // In the challenge window.
        let challenged = attest("jordan", care, "4", Some("casey"));
        ok("cosign", alpha.cosign(&a("casey"), challenged));
        attestations.push(challenged);
        // Disputed.
        let disputed = attest("riley", garden, "5", Some("alex"));
        ok("cosign", alpha.cosign(&a("alex"), disputed));
        ok(
            "dispute",
            chain.execute(
                &a("sam"),
                &alpha.attestation,
                &json!({"dispute": {"id": disputed, "reason": "not seen"}}),
                &[],
            ),
        );
        attestations.push(disputed);
        // Rejected and withdrawn.
        let rejected = attest("casey", solar, "1", Some("riley"));
        ok(
            "reject",
            chain.execute(
                &a("riley"),
                &alpha.attestation,
                &json!({"reject": {"id": rejected, "reason": "no"}}),
                &[],
            ),
        );
        attestations.push(rejected);
        let withdrawn = attest("sam", garden, "1", None);
        ok(
            "withdraw",
            chain.execute(
                &a("sam"),
                &alpha.attestation,
                &json!({"withdraw": {"id": withdrawn}}),
                &[],
            ),
        );
        attestations.push(withdrawn);
        // Final after its window.
        let finalized = attest("alex", childcare, "6", Some("riley"));
        ok("cosign", alpha.cosign(&a("riley"), finalized));
        chain.advance(86_400);
        ok("finalize", alpha.finalize(&a("stranger"), finalized));
        attestations.push(finalized);
        // And one more in a fresh window, so that disputes are reachable.
        let fresh = attest("casey", care, "2", Some("jordan"));
        ok("cosign", alpha.cosign(&a("jordan"), fresh));
        attestations.push(fresh);

        Self {
            alpha,
            beta,
            members,
            beta_members,
            stranger: a("stranger"),
            categories: [
                "food",
                "garden",
                "energy",
                "childcare",
                "facilitation",
                "care",
                "repair",
            ]
            .map(String::from)
            .to_vec(),
            needs: vec![bread, garden, solar, childcare, circle, care, closed],
            attestations,
            att: Atts {
                pending_buddy,
                pending_open,
                challenged,
                disputed,
                rejected,
                withdrawn,
                finalized,
                fresh,
            },
        }
    }
}

fn alpha_members() -> Vec<String> {
    ["alex", "jordan", "casey", "riley", "sam"]
        .map(account)
        .to_vec()
}
