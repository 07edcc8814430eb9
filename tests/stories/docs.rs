//! The numbers docs/ quotes are the numbers the contracts pay: the seed's payout table of
//! docs/WEIGHTING.md is read from the page and replayed on the suite, model by model.

use std::collections::BTreeMap;

use flow_testing::SuiteBuilder;
use flow_types::distributor::Policy;

use crate::common::*;

/// The rows of the seed's payout table: model → (payouts in MEMBERS order, dust).
fn seed_table() -> BTreeMap<String, (Vec<u128>, u128)> {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/WEIGHTING.md"),
    )
    .expect("docs/WEIGHTING.md");
    let header = format!("| model | {} | dust |", MEMBERS.join(" | "));
    let table = page
        .split(&header)
        .nth(1)
        .expect("the seed's payout table in docs/WEIGHTING.md");
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| "))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let num = |c: &str| c.replace('_', "").parse::<u128>().expect("a number");
            let pays = cells[1..=MEMBERS.len()].iter().map(|c| num(c)).collect();
            (cells[0].to_string(), (pays, num(cells[MEMBERS.len() + 1])))
        })
        .collect()
}

fn policy(model: &str) -> Policy {
    match model {
        "time" => Policy::default(),
        "need" => need_policy(),
        other => panic!("docs/WEIGHTING.md names a model this test does not know: {other}"),
    }
}

#[test]
fn the_seed_payouts_in_the_docs_are_what_the_contracts_pay() {
    let table = seed_table();
    assert_eq!(
        table.keys().map(String::as_str).collect::<Vec<_>>(),
        ["need", "time"]
    );
    for (model, (pays, dust)) in table {
        let (mut suite, needs) =
            alpha_with_needs(SuiteBuilder::holon_alpha().with_policy(policy(&model)));
        suite.fund("funder", BUDGET).unwrap();
        the_seed_month(&mut suite, &needs);
        suite.a_cycle_passes();
        suite.close_cycle().unwrap();
        assert_eq!(everyone_claims(&mut suite, 1), pays, "{model}");
        assert_eq!(BUDGET - pays.iter().sum::<u128>(), dust, "{model}: dust");
    }
}
