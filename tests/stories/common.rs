//! The seed's month, as the members' own transactions.

use flow_testing::suite::{category, dec};
use flow_testing::{Suite, SuiteBuilder};
use flow_types::distributor::{CategoryFactor, Model, Policy, Scarcity};

pub const BUDGET: u128 = 5_000_000_000;

/// Needs posted in Holon Alpha, by id.
pub struct AlphaNeeds {
    pub bread: u64,
    pub garden: u64,
    pub solar: u64,
    pub childcare: u64,
    pub facilitation: u64,
}

/// Holon Alpha with its five needs posted (Riley needs bread, Sam the garden …).
pub fn alpha_with_needs(builder: SuiteBuilder) -> (Suite, AlphaNeeds) {
    let mut suite = builder.with_category(category("energy")).build();
    let needs = AlphaNeeds {
        bread: suite
            .post_need("riley", "food", "Fresh bread: 20 loaves weekly")
            .unwrap(),
        garden: suite
            .post_need("sam", "garden", "Community garden upkeep")
            .unwrap(),
        solar: suite
            .post_need("alex", "energy", "Repair the solar array")
            .unwrap(),
        childcare: suite
            .post_need("jordan", "childcare", "Childcare 15 hours a week")
            .unwrap(),
        facilitation: suite
            .post_need("casey", "facilitation", "Facilitate the monthly circle")
            .unwrap(),
    };
    (suite, needs)
}

/// The seed's month: Alex 16 h bread (80 loaves), Jordan 40 h garden, Casey 8 h solar,
/// Riley 60 h childcare, Sam 4 h facilitation; each co-signed by a buddy.
pub fn the_seed_month(suite: &mut Suite, n: &AlphaNeeds) {
    suite
        .contribute("alex", n.bread, "16", "80", "jordan")
        .unwrap();
    suite
        .contribute("jordan", n.garden, "40", "0", "alex")
        .unwrap();
    suite
        .contribute("casey", n.solar, "8", "0", "riley")
        .unwrap();
    suite
        .contribute("riley", n.childcare, "60", "0", "sam")
        .unwrap();
    suite
        .contribute("sam", n.facilitation, "4", "0", "casey")
        .unwrap();
}

pub const MEMBERS: [&str; 5] = ["alex", "jordan", "casey", "riley", "sam"];

/// Everyone claims cycle `k`; returns what each got, in MEMBERS order.
pub fn everyone_claims(suite: &mut Suite, k: u64) -> Vec<u128> {
    MEMBERS
        .iter()
        .map(|m| {
            let before = suite.balance(m);
            let _ = suite.claim(m, k);
            suite.assert_invariants();
            suite.balance(m) - before
        })
        .collect()
}

/// The seed's `need` policy (docs/WEIGHTING.md): fixed factors childcare 2, garden 0.5.
pub fn need_policy() -> Policy {
    Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![
                CategoryFactor {
                    category: "childcare".into(),
                    factor: dec("2"),
                },
                CategoryFactor {
                    category: "garden".into(),
                    factor: dec("0.5"),
                },
            ],
        },
        ..Policy::default()
    }
}
