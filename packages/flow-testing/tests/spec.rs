//! What a `HolonSpec` sets beyond the defaults: members' weights in the group and the
//! registry's bound on requesters.

use cw4::{MemberResponse, TotalWeightResponse};
use flow_testing::SuiteBuilder;
use flow_types::registry as reg;

fn weight(suite: &flow_testing::Suite, name: &str) -> Option<u64> {
    let r: MemberResponse = suite
        .query(
            &suite.holon().group,
            &cw4_group::msg::QueryMsg::Member {
                addr: suite.addr(name).to_string(),
                at_height: None,
            },
        )
        .unwrap();
    r.weight
}

#[test]
fn members_have_weight_one_and_the_registry_its_default_bound() {
    let suite = SuiteBuilder::holon_alpha().build();
    for m in ["alex", "jordan", "casey", "riley", "sam"] {
        assert_eq!(weight(&suite, m), Some(1), "{m}");
    }
    let c: reg::ConfigResponse = suite
        .query(&suite.holon().registry, &reg::QueryMsg::Config {})
        .unwrap();
    assert_eq!(
        c.config.max_requesters_per_need,
        reg::DEFAULT_MAX_REQUESTERS_PER_NEED
    );
}

#[test]
fn weights_and_the_requester_bound_reach_the_contracts() {
    let suite = SuiteBuilder::holon_alpha()
        .with_weight("alex", 3)
        .with_weight("sam", 2)
        .with_max_requesters_per_need(7)
        .build();
    assert_eq!(weight(&suite, "alex"), Some(3));
    assert_eq!(weight(&suite, "sam"), Some(2));
    assert_eq!(weight(&suite, "jordan"), Some(1));
    let total: TotalWeightResponse = suite
        .query(
            &suite.holon().group,
            &cw4_group::msg::QueryMsg::TotalWeight { at_height: None },
        )
        .unwrap();
    assert_eq!(total.weight, 3 + 2 + 1 + 1 + 1);
    let c: reg::ConfigResponse = suite
        .query(&suite.holon().registry, &reg::QueryMsg::Config {})
        .unwrap();
    assert_eq!(c.config.max_requesters_per_need, 7);
}
