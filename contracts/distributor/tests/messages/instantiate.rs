//! `instantiate`: a holon's distributor creates its token and attestation contract
//! (`TokenSetup::New`, `AttestationSetup::New`), or takes existing ones (`Existing`).

use cosmwasm_std::{
    coins, instantiate2_address, to_json_binary, Addr, Api, Decimal, StdError, Timestamp, Uint128,
    WasmMsg,
};
use cw20::{Cw20Coin, MinterResponse, TokenInfoResponse};
use cw_multi_test::{AppResponse, Executor};
use cw_ownable::Ownership;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_testing::HolonSpec;
use flow_types::attestation::{self as att, AttestationPolicy};
use flow_types::distributor::{
    AttestationSetup, BudgetMode, Config, ConfigResponse, CurrentCycleResponse, ExecuteMsg,
    InstantiateMsg, Policy, PolicyResponse, PolicyScheduleEntry, QueryMsg, TokenSetup,
};
use flow_types::token::{
    HolonResponse, InstantiateMsg as TokenInstantiateMsg, QueryMsg as TokenQuery,
};
use flow_types::validate::ValidationError;

use crate::suite::*;

/// The address `instantiate2` gives the distributor governance instantiates with `salt`.
fn predicted(suite: &Suite, salt: &[u8]) -> Addr {
    let checksum = suite
        .app
        .wrap()
        .query_wasm_code_info(suite.code.distributor)
        .unwrap()
        .checksum;
    let api = suite.app.api();
    let creator = api.addr_canonicalize(suite.governance.as_str()).unwrap();
    let canonical = instantiate2_address(checksum.as_slice(), &creator, salt).unwrap();
    api.addr_humanize(&canonical).unwrap()
}

/// Governance instantiates a distributor with `instantiate2` (`salt`), with `funds`.
fn instantiate(
    suite: &mut Suite,
    msg: &InstantiateMsg,
    salt: &[u8],
    funds: &[cosmwasm_std::Coin],
) -> anyhow::Result<AppResponse> {
    let gov = suite.governance.clone();
    suite.app.execute(
        gov.clone(),
        WasmMsg::Instantiate2 {
            admin: Some(gov.to_string()),
            code_id: suite.code.distributor,
            label: "another holon".into(),
            msg: to_json_binary(msg)?,
            funds: funds.to_vec(),
            salt: salt.to_vec().into(),
        }
        .into(),
    )
}

/// A second holon's instantiate message, using the first holon's group and registry, that
/// creates its token and attestation contract; cycle 1 starts at `start`.
fn holon_two(suite: &Suite, start: Timestamp) -> InstantiateMsg {
    let mut spec = HolonSpec::new("Holon Two", "TWO");
    spec.cycle_seconds = 86_400;
    spec.policy = Policy {
        baseline: dec("0.1"),
        ..Policy::default()
    };
    let h = suite.holon();
    spec.distributor_msg(
        suite.governance.as_str(),
        h.group.as_str(),
        h.registry.as_str(),
        (suite.code.token, suite.code.attestation),
        Some(start),
    )
}

/// A flow-token that names `holon` as its issuer, minted by `minter`, with `initial` tokens
/// held by `holder`.
fn flow_token(
    suite: &mut Suite,
    holon: &Addr,
    minter: Option<&Addr>,
    initial: Option<(&str, u128)>,
) -> Addr {
    capped_flow_token(suite, holon, minter, initial, None)
}

/// A flow-token as [`flow_token`] makes it, with a cap on its supply.
fn capped_flow_token(
    suite: &mut Suite,
    holon: &Addr,
    minter: Option<&Addr>,
    initial: Option<(&str, u128)>,
    cap: Option<u128>,
) -> Addr {
    let gov = suite.governance.clone();
    let initial_balances = initial
        .map(|(holder, amount)| {
            vec![Cw20Coin {
                address: suite.addr(holder).to_string(),
                amount: Uint128::new(amount),
            }]
        })
        .unwrap_or_default();
    suite
        .app
        .instantiate_contract(
            suite.code.token,
            gov.clone(),
            &TokenInstantiateMsg {
                name: "Existing Flow".into(),
                symbol: "EXIST".into(),
                decimals: 6,
                initial_balances,
                mint: minter.map(|m| MinterResponse {
                    minter: m.to_string(),
                    cap: cap.map(Uint128::new),
                }),
                marketing: None,
                holon: Some(holon.to_string()),
            },
            &[],
            "existing token",
            Some(gov.to_string()),
        )
        .unwrap()
}

/// An attestation contract that records into `distributor`.
fn attestation_for(suite: &mut Suite, distributor: &Addr) -> Addr {
    let gov = suite.governance.clone();
    let h = suite.holon().clone();
    suite
        .app
        .instantiate_contract(
            suite.code.attestation,
            gov.clone(),
            &att::InstantiateMsg {
                owner: gov.to_string(),
                group: h.group.to_string(),
                registry: h.registry.to_string(),
                distributor: Some(distributor.to_string()),
                clock: flow_types::CycleClock {
                    start: suite.now(),
                    length: 86_400,
                },
                policy: AttestationPolicy::default(),
            },
            &[],
            "existing attestation",
            Some(gov.to_string()),
        )
        .unwrap()
}

fn existing(msg: &mut InstantiateMsg, token: &Addr, attestation: &Addr) {
    msg.token = TokenSetup::Existing {
        address: token.to_string(),
    };
    msg.attestation = AttestationSetup::Existing {
        address: attestation.to_string(),
    };
}

fn config_of(suite: &Suite, distributor: &Addr) -> Config {
    let r: ConfigResponse = suite.query(distributor, &QueryMsg::Config {}).unwrap();
    r.config
}

#[test]
fn a_new_holon_creates_its_token_and_attestation_wired_to_it() {
    let mut suite = alpha();
    let start = suite.now().plus_seconds(100);
    let msg = holon_two(&suite, start);
    let two = predicted(&suite, b"two");
    let res = instantiate(&mut suite, &msg, b"two", &[]).unwrap();

    let config = config_of(&suite, &two);
    let h = suite.holon().clone();
    assert_eq!(
        (
            config.name.as_str(),
            &config.group,
            &config.registry,
            config.start,
            config.cycle_seconds,
            &config.budget
        ),
        (
            "Holon Two",
            &h.group,
            &h.registry,
            start,
            86_400,
            &BudgetMode::Treasury {
                denom: DENOM.into()
            }
        )
    );
    assert_eq!(
        attrs(&res, &two)[..4],
        pairs(&[
            ("action", "instantiate"),
            ("holon", "Holon Two"),
            ("cycle_start", &start.seconds().to_string()),
            ("cycle_seconds", "86400"),
        ])[..]
    );
    // The replies name the two contracts it created, with governance as their admin.
    assert_eq!(attr(&res, &two, "token"), Some(config.token.to_string()));
    assert_eq!(
        attr(&res, &two, "attestation"),
        Some(config.attestation.to_string())
    );
    for (contract, code) in [
        (&config.token, suite.code.token),
        (&config.attestation, suite.code.attestation),
    ] {
        let info = suite.app.wrap().query_wasm_contract_info(contract).unwrap();
        assert_eq!(
            (info.code_id, info.admin),
            (code, Some(suite.governance.clone()))
        );
    }
    // The token: the distributor is its holon and its only minter, uncapped; nothing minted.
    let info: TokenInfoResponse = suite
        .query(&config.token, &TokenQuery::TokenInfo {})
        .unwrap();
    assert_eq!(
        (info.name.as_str(), info.symbol.as_str(), info.decimals),
        ("Holon Two Flow", "TWO", 6)
    );
    assert_eq!(info.total_supply, Uint128::zero());
    let minter: Option<MinterResponse> =
        suite.query(&config.token, &TokenQuery::Minter {}).unwrap();
    assert_eq!(
        minter,
        Some(MinterResponse {
            minter: two.to_string(),
            cap: None
        })
    );
    let issuer: HolonResponse = suite.query(&config.token, &TokenQuery::Holon {}).unwrap();
    assert_eq!(issuer.holon, Some(two.clone()));
    // The attestation contract records into it, on its clock, owned by governance.
    let a: att::ConfigResponse = suite
        .query(&config.attestation, &att::QueryMsg::Config {})
        .unwrap();
    assert_eq!(
        (&a.config.distributor, &a.config.group, &a.config.registry),
        (&two, &h.group, &h.registry)
    );
    assert_eq!(
        (a.config.clock.start, a.config.clock.length),
        (start, 86_400)
    );
    assert_eq!(a.config.policy, AttestationPolicy::default());

    // Governance owns it; policy 1 applies from cycle 1; nothing has happened yet.
    let ownership: Ownership<Addr> = suite.query(&two, &QueryMsg::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(suite.governance.clone()));
    let policy: PolicyResponse = suite
        .query(&two, &QueryMsg::Policy { version: None })
        .unwrap();
    assert_eq!(policy.version, 1);
    assert_eq!(policy.policy.baseline, dec("0.1"));
    assert_eq!(
        policy.schedule,
        vec![PolicyScheduleEntry {
            from_cycle: 1,
            version: 1
        }]
    );
    let now: CurrentCycleResponse = suite.query(&two, &QueryMsg::CurrentCycle {}).unwrap();
    assert_eq!(
        (now.cycle, now.next_to_close, now.can_close, now.end),
        (1, 1, false, start.plus_seconds(86_400))
    );
    let t: flow_types::distributor::TreasuryResponse =
        suite.query(&two, &QueryMsg::Treasury {}).unwrap();
    assert_eq!(
        (t.denom.as_deref(), t.held, t.allocated, t.outstanding),
        (
            Some(DENOM),
            Uint128::zero(),
            Uint128::zero(),
            Uint128::zero()
        )
    );
    let raw = suite
        .app
        .wrap()
        .query_wasm_raw(&two, b"contract_info".as_slice())
        .unwrap()
        .unwrap();
    let version: cw2::ContractVersion = cosmwasm_std::from_json(raw).unwrap();
    assert_eq!(
        (version.contract.as_str(), version.version.as_str()),
        ("crates.io:distributor", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn cycle_one_starts_now_when_no_start_is_given() {
    let mut suite = alpha();
    let mut msg = holon_two(&suite, suite.now());
    msg.cycle_start = None;
    let two = predicted(&suite, b"now");
    let res = instantiate(&mut suite, &msg, b"now", &[]).unwrap();
    let now = suite.now();
    assert_eq!(config_of(&suite, &two).start, now);
    assert_eq!(
        attr(&res, &two, "cycle_start"),
        Some(now.seconds().to_string())
    );
}

#[test]
fn an_existing_token_and_attestation_are_taken_as_they_are_and_used() {
    let mut suite = alpha();
    let two = predicted(&suite, b"existing");
    let token = flow_token(&mut suite, &two, Some(&two), None);
    let attestation = attestation_for(&mut suite, &two);
    let mut msg = holon_two(&suite, suite.now());
    existing(&mut msg, &token, &attestation);
    let res = instantiate(&mut suite, &msg, b"existing", &[]).unwrap();

    let config = config_of(&suite, &two);
    assert_eq!((&config.token, &config.attestation), (&token, &attestation));
    // Nothing was created: no reply, no other contract instantiated.
    assert_eq!(attr(&res, &two, "token"), None);
    assert_eq!(
        res.events.iter().filter(|e| e.ty == "instantiate").count(),
        1
    );

    // It works with them: the attestation contract records, the token is minted on claim.
    suite
        .app
        .execute_contract(
            attestation.clone(),
            two.clone(),
            &ExecuteMsg::Record {
                contribution: work(&suite, 1, "alex", "food", "2"),
            },
            &[],
        )
        .unwrap();
    suite
        .execute_with_funds(
            "funder",
            &two,
            &ExecuteMsg::Fund { memo: None },
            &coins(1_000, DENOM),
        )
        .unwrap();
    suite.advance(86_400);
    suite
        .execute("stranger", &two, &ExecuteMsg::CloseCycle {})
        .unwrap();
    suite
        .execute(
            "alex",
            &two,
            &ExecuteMsg::Claim {
                cycle: Some(1),
                member: None,
            },
        )
        .unwrap();
    // 1,000 coins: a baseline of 10 % over the group's five members (20 each), the
    // contribution pool of 900 to Alex alone.
    assert_eq!(suite.balance_of(&token, &suite.addr("alex")), 920);
    // Only the named attestation contract records.
    let forged = ExecuteMsg::Record {
        contribution: work(&suite, 2, "alex", "food", "2"),
    };
    let holon_one_attestation = suite.holon().attestation.clone();
    assert_error(
        suite
            .app
            .execute_contract(holon_one_attestation, two.clone(), &forged, &[]),
        &ContractError::NotAttestation {},
    );
}

#[test]
fn an_existing_token_must_name_the_distributor_and_be_minted_only_by_it() {
    let mut suite = alpha();
    let two = predicted(&suite, b"token");
    let attestation = attestation_for(&mut suite, &two);
    let other = suite.addr("stranger");
    let holon_mismatch = || ContractError::HolonMismatch {
        distributor: two.to_string(),
    };
    let minter_mismatch = |token: &Addr| ContractError::MinterMismatch {
        token: token.to_string(),
        distributor: two.to_string(),
    };
    // A plain cw20 names no holon at all; a flow-token of another holon names that one.
    let plain = suite.plain_cw20("stranger", 1).unwrap();
    let others = flow_token(&mut suite, &other, Some(&two), None);
    // A token that names this holon, but someone else mints it, or nobody may.
    let minted_by_another = flow_token(&mut suite, &two, Some(&other), None);
    let unmintable = flow_token(&mut suite, &two, None, None);
    let cases = [
        (plain, holon_mismatch()),
        (others, holon_mismatch()),
        (
            minted_by_another.clone(),
            minter_mismatch(&minted_by_another),
        ),
        (unmintable.clone(), minter_mismatch(&unmintable)),
    ];
    for (token, expected) in cases {
        let mut msg = holon_two(&suite, suite.now());
        existing(&mut msg, &token, &attestation);
        refused_in(&mut suite, &[&token], expected, |s| {
            instantiate(s, &msg, b"token", &[])
        });
        assert!(suite.app.wrap().query_wasm_contract_info(&two).is_err());
    }
}

#[test]
fn instantiate_checks_its_input_and_creates_nothing_when_refused() {
    let mut suite = alpha();
    let two = predicted(&suite, b"bad");
    let good = holon_two(&suite, suite.now());
    let out_of_range = |field: &str, value: &str, min: &str, max: &str| {
        ContractError::Validation(ValidationError::OutOfRange {
            field: field.into(),
            value: value.into(),
            min: min.into(),
            max: max.into(),
        })
    };
    type Change = Box<dyn Fn(&mut InstantiateMsg)>;
    let cases: Vec<(Change, ContractError)> = vec![
        (
            Box::new(|m| m.name = " ".into()),
            ContractError::Validation(ValidationError::Empty {
                field: "name".into(),
            }),
        ),
        (
            Box::new(|m| m.name = "n".repeat(65)),
            ContractError::Validation(ValidationError::TooLong {
                field: "name".into(),
                len: 65,
                max: 64,
            }),
        ),
        (
            Box::new(|m| m.policy.reserve = Decimal::one()),
            out_of_range("policy.reserve", "1", "0", "less than 1"),
        ),
        (
            Box::new(|m| m.policy.baseline = dec("1.5")),
            out_of_range("policy.baseline", "1.5", "0", "1"),
        ),
        (
            Box::new(|m| {
                m.budget = BudgetMode::Fixed {
                    emission: Uint128::zero(),
                }
            }),
            ContractError::ZeroAmount {},
        ),
        (
            Box::new(|m| {
                m.budget = BudgetMode::Treasury {
                    denom: "9coin".into(),
                }
            }),
            ContractError::Validation(ValidationError::NotASlug {
                field: "budget.denom".into(),
                value: "9coin".into(),
                max: 128,
            }),
        ),
        (
            Box::new(|m| m.cycle_seconds = 0),
            ContractError::Std(StdError::generic_err(
                "cycle_seconds must be between 1 and 31622400, got 0",
            )),
        ),
    ];
    for (change, expected) in cases {
        let mut msg = good.clone();
        change(&mut msg);
        refused(&mut suite, expected, |s| instantiate(s, &msg, b"bad", &[]));
        assert!(suite.app.wrap().query_wasm_contract_info(&two).is_err());
    }
    // Coins sent along are refused, not kept.
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| instantiate(s, &good, b"bad", &coins(5, DENOM)),
    );
    // Addresses are checked.
    for field in ["governance", "group", "registry"] {
        let mut msg = good.clone();
        match field {
            "governance" => msg.governance = "Not An Address".into(),
            "group" => msg.group = "Not An Address".into(),
            _ => msg.registry = "Not An Address".into(),
        }
        refused_where(
            &mut suite,
            |e| matches!(e, ContractError::Std(_)),
            |s| instantiate(s, &msg, b"bad", &[]),
        );
    }
    assert!(suite.app.wrap().query_wasm_contract_info(&two).is_err());
    // The same message, corrected, goes through.
    instantiate(&mut suite, &good, b"bad", &[]).unwrap();
    assert_eq!(config_of(&suite, &two).name, "Holon Two");
}

/// Found while writing these tests (issue 16): `TokenSetup::Existing` checked the token's
/// holon and minter but not its supply. A token instantiated with `initial_balances` came
/// with tokens no treasury coin backs; in `treasury` mode their holder could redeem the coins
/// that back the members' claims, and the members' own tokens could no longer be redeemed
/// (`RedeemExceedsBacking`). A cap on the minter would make claims fail once reached. Both
/// are refused now, and nothing is created.
#[test]
fn an_existing_token_with_a_supply_or_a_cap_is_refused() {
    let mut suite = alpha();
    let two = predicted(&suite, b"pre");
    let token = flow_token(&mut suite, &two, Some(&two), Some(("stranger", 1_000)));
    let attestation = attestation_for(&mut suite, &two);
    let mut msg = holon_two(&suite, suite.now());
    existing(&mut msg, &token, &attestation);
    assert_error(
        instantiate(&mut suite, &msg, b"pre", &[]),
        &ContractError::ExistingTokenHasSupply {
            token: token.to_string(),
            supply: Uint128::new(1_000),
        },
    );
    assert!(suite.app.wrap().query_wasm_contract_info(&two).is_err());

    let capped = capped_flow_token(&mut suite, &two, Some(&two), None, Some(5_000));
    existing(&mut msg, &capped, &attestation);
    assert_error(
        instantiate(&mut suite, &msg, b"pre", &[]),
        &ContractError::ExistingTokenCapped {
            token: capped.to_string(),
            cap: Uint128::new(5_000),
        },
    );
    assert!(suite.app.wrap().query_wasm_contract_info(&two).is_err());
}
