//! `member_changed_hook`: the cw4 group (and only it) tells the distributor who leaves; the
//! distributor's own messages read as before beside it.

use cosmwasm_std::Empty;
use cw4::{MemberChangedHookMsg, MemberDiff};
use distributor::ContractError;
use flow_types::distributor::ExecuteMsg;
use serde::Serialize;

use crate::suite::*;

#[derive(Serialize, Debug)]
struct Nonsense {
    nonsense: Empty,
}

#[derive(Serialize, Debug)]
struct TwoAtOnce {
    claim: Empty,
    fund: Empty,
}

#[derive(Serialize, Debug)]
struct HookAndMore {
    member_changed_hook: MemberChangedHookMsg,
    fund: Empty,
}

/// The group's hook message: the message set's own variant.
fn hook(diffs: Vec<MemberDiff>) -> ExecuteMsg {
    ExecuteMsg::MemberChangedHook(MemberChangedHookMsg { diffs })
}

#[test]
fn the_group_reports_who_leaves_and_who_joins_is_not_recorded() {
    let mut suite = alpha();
    hook_the_group(&mut suite);
    let h = suite.holon().clone();
    let (casey, sam, newcomer) = (
        suite.addr("casey"),
        suite.addr("sam"),
        suite.account("newcomer"),
    );
    let res = suite
        .execute(
            "governance",
            &h.group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                add: vec![cw4::Member {
                    addr: newcomer.to_string(),
                    weight: 1,
                }],
                remove: vec![casey.to_string(), sam.to_string()],
            },
        )
        .unwrap();
    let height = suite.app.block_info().height;
    // The group lists the diffs in address order.
    let mut gone = [casey.to_string(), sam.to_string()];
    gone.sort();
    assert_eq!(
        attrs(&res, &h.distributor),
        pairs(&[
            ("action", "member_changed"),
            ("departed", &gone.join(",")),
            ("height", &height.to_string()),
        ])
    );
    // A change that removes no one records nothing.
    let res = suite
        .execute(
            "governance",
            &h.group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                add: vec![cw4::Member {
                    addr: suite.addr("alex").to_string(),
                    weight: 2,
                }],
                remove: vec![],
            },
        )
        .unwrap();
    assert_eq!(attr(&res, &h.distributor, "departed").as_deref(), Some(""));
}

#[test]
fn only_the_group_may_report_a_change_of_members() {
    let mut suite = alpha();
    let (d, casey) = (d(&suite), suite.addr("casey"));
    let group = suite.holon().group.to_string();
    for sender in ["stranger", "governance", "casey"] {
        let sender_addr = suite.addr(sender);
        let msg = hook(vec![MemberDiff::new(casey.as_str(), Some(1), None)]);
        refused(
            &mut suite,
            ContractError::NotGroup {
                group: group.clone(),
                sender: sender_addr.to_string(),
            },
            |s| s.execute(sender, &d, &msg),
        );
    }
}

#[test]
fn the_distributors_messages_still_read_as_before_beside_the_hook() {
    let mut suite = a_closed_month();
    let d = d(&suite);
    // An unknown message is refused by the message set's own words.
    let err = suite
        .execute("stranger", &d, &Nonsense { nonsense: Empty {} })
        .unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains("unknown variant `nonsense`") && text.contains("close_cycle"),
        "{text}"
    );
    // Two messages at once are one too many.
    let err = suite
        .execute(
            "stranger",
            &d,
            &TwoAtOnce {
                claim: Empty {},
                fund: Empty {},
            },
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("Error parsing"), "{err:#}");
    // The hook with a second key is refused too.
    let err = suite
        .execute(
            "stranger",
            &d,
            &HookAndMore {
                member_changed_hook: MemberChangedHookMsg { diffs: vec![] },
                fund: Empty {},
            },
        )
        .unwrap_err();
    assert!(format!("{err:#}").contains("Error parsing"), "{err:#}");
    // And a message of the set works: Alex claims the 750,000 the month owes them.
    exec(
        &mut suite,
        "alex",
        &ExecuteMsg::Claim {
            cycle: Some(1),
            member: None,
        },
    )
    .unwrap();
    assert_eq!(suite.balance("alex"), 750_000);
}

#[test]
fn without_the_hook_a_member_removed_after_the_close_goes_unnamed() {
    // A deployment whose group has not added the distributor as its hook (removed here): the distributor
    // never hears of Casey's removal, and the payouts cannot name Casey (explain still does).
    let mut suite = a_month_of(
        SuiteBuilder::holon_alpha().with_policy(flow_types::distributor::Policy {
            baseline: dec("0.2"),
            ..Default::default()
        }),
        1_000_000,
    );
    unhook_the_group(&mut suite);
    suite.close_cycle().unwrap();
    suite.next_block();
    let (h, casey) = (suite.holon().clone(), suite.addr("casey"));
    let res = suite
        .execute(
            "governance",
            &h.group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![casey.to_string()],
            },
        )
        .unwrap();
    assert_eq!(attr(&res, &h.distributor, "action"), None);
    let page: flow_types::distributor::PayoutsResponse = q(
        &suite,
        &flow_types::distributor::QueryMsg::Payouts {
            cycle: 1,
            start_after: None,
            limit: Some(100),
        },
    );
    let sum: u128 = page.payouts.iter().map(|p| p.amount.u128()).sum();
    // Five at the close, 40,000 each: the page is short of Casey's.
    assert_eq!((page.payouts.len(), sum), (4, 1_000_000 - 40_000));
    let e: flow_types::distributor::ExplainResponse = q(
        &suite,
        &flow_types::distributor::QueryMsg::Explain {
            cycle: 1,
            member: casey.to_string(),
        },
    );
    assert_eq!(e.amount.u128(), 40_000);
}

#[test]
fn the_hook_variant_is_cw4s_standard_message() {
    // What cw4-group sends (`MemberChangedHookMsg::into_json_binary`) is, byte for byte, the message
    // set's `MemberChangedHook`, and reads back as it.
    let msg = MemberChangedHookMsg {
        diffs: vec![
            MemberDiff::new("a", Some(1), None),
            MemberDiff::new("b", None, Some(2)),
        ],
    };
    let ours = cosmwasm_std::to_json_binary(&ExecuteMsg::MemberChangedHook(msg.clone())).unwrap();
    assert_eq!(ours, msg.clone().into_json_binary().unwrap());
    assert_eq!(
        ours.to_vec(),
        br#"{"member_changed_hook":{"diffs":[{"key":"a","old":1,"new":null},{"key":"b","old":null,"new":2}]}}"#
    );
    let read: ExecuteMsg = cosmwasm_std::from_json(&ours).unwrap();
    assert_eq!(read, ExecuteMsg::MemberChangedHook(msg));
}
