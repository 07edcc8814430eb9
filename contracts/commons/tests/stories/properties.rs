//! The calendar against a brute-force model: random bookings and cancellations of one
//! resource (by the hour), each accepted iff it meets no booking the model holds; and the
//! calendar query, page by page, returns exactly the model's bookings meeting a window.

use commons::contract::{execute, instantiate, query};
use commons::ContractError;
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi};
use cosmwasm_std::{from_json, to_json_binary, Addr, Env, OwnedDeps, Uint128};
use cw20::Cw20ReceiveMsg;
use flow_types::commons::{
    CalendarResponse, ExecuteMsg, InstantiateMsg, ListingInput, ListingKind, QueryMsg, ReceiveMsg,
    Unit,
};
use proptest::prelude::*;

const HOUR: u64 = 3_600;
const PRICE: u128 = 7;

type Deps = OwnedDeps<cosmwasm_std::MemoryStorage, MockApi, cosmwasm_std::testing::MockQuerier>;

struct World {
    deps: Deps,
    env: Env,
    token: Addr,
    /// The first hour bookings may use.
    base: u64,
}

fn world() -> World {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let (owner, token) = (api.addr_make("governance"), api.addr_make("token"));
    let env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        InstantiateMsg {
            owner: owner.to_string(),
            group: api.addr_make("group").to_string(),
            token: token.to_string(),
            distributor: api.addr_make("distributor").to_string(),
            registry: None,
            confirm_window_seconds: 60,
            bounds: None,
        },
    )
    .unwrap();
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        ExecuteMsg::List {
            listing: ListingInput {
                kind: ListingKind::Resource,
                title: "Guest room".into(),
                description: String::new(),
                category: "housing".into(),
                unit: Unit::Hour,
                price: Uint128::new(PRICE),
                stock: None,
                refund: None,
            },
        },
    )
    .unwrap();
    let base = (env.block.time.seconds() / HOUR + 1) * HOUR;
    World {
        deps,
        env,
        token,
        base,
    }
}

impl World {
    fn book(&mut self, who: u8, start: u64, end: u64) -> Result<u64, ContractError> {
        let booker = self.deps.api.addr_make(&format!("member{who}"));
        let res = execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&self.token, &[]),
            ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: booker.to_string(),
                amount: Uint128::new(PRICE * u128::from((end - start) / HOUR)),
                msg: to_json_binary(&ReceiveMsg::Book {
                    listing: 1,
                    start,
                    end,
                })
                .unwrap(),
            }),
        )?;
        let id = res
            .attributes
            .iter()
            .find(|a| a.key == "booking")
            .map(|a| a.value.parse().unwrap())
            .unwrap();
        Ok(id)
    }

    fn cancel(&mut self, who: u8, booking: u64) -> Result<(), ContractError> {
        let booker = self.deps.api.addr_make(&format!("member{who}"));
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&booker, &[]),
            ExecuteMsg::Cancel { booking },
        )?;
        Ok(())
    }

    /// Every booking meeting `[from, to)`, following pages of `limit`.
    fn calendar(&self, from: u64, to: u64, limit: u32) -> Vec<u64> {
        let mut out = vec![];
        let mut start_after = None;
        loop {
            let r: CalendarResponse = from_json(
                query(
                    self.deps.as_ref(),
                    self.env.clone(),
                    QueryMsg::Calendar {
                        listing: 1,
                        from,
                        to,
                        start_after,
                        limit: Some(limit),
                    },
                )
                .unwrap(),
            )
            .unwrap();
            if r.bookings.is_empty() {
                return out;
            }
            start_after = r.bookings.last().map(|b| b.start);
            out.extend(r.bookings.iter().map(|b| b.id));
        }
    }
}

#[derive(Debug, Clone)]
enum Action {
    /// Book hours `[at, at + len)` after the base.
    Book { who: u8, at: u64, len: u64 },
    /// Cancel the n-th booking the model holds (modulo their number).
    Cancel { nth: usize },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0u8..4, 0u64..72, 1u64..8).prop_map(|(who, at, len)| Action::Book { who, at, len }),
        1 => any::<usize>().prop_map(|nth| Action::Cancel { nth }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bookings_never_overlap_and_the_calendar_lists_exactly_the_model(
        actions in prop::collection::vec(action(), 1..60),
        windows in prop::collection::vec((0u64..90, 0u64..24, 1u32..5), 4),
    ) {
        let mut w = world();
        // The model: (id, who, start, end) of the bookings held.
        let mut model: Vec<(u64, u8, u64, u64)> = vec![];
        for a in actions {
            match a {
                Action::Book { who, at, len } => {
                    let (start, end) = (w.base + at * HOUR, w.base + (at + len) * HOUR);
                    let clash = model.iter().find(|(_, _, s, e)| *s < end && start < *e);
                    match (w.book(who, start, end), clash) {
                        (Ok(id), None) => model.push((id, who, start, end)),
                        (Err(ContractError::Overlap { booking, start: s, end: e, .. }), Some(_)) => {
                            // It names a booking the model holds, which does meet the window.
                            let held = model.iter().find(|(id, ..)| *id == booking);
                            prop_assert!(held.is_some_and(|(_, _, hs, he)| *hs == s && *he == e));
                            prop_assert!(s < end && start < e);
                        }
                        (got, clash) => prop_assert!(false, "book [{start}, {end}): {got:?}, model clash {clash:?}"),
                    }
                }
                Action::Cancel { nth } => {
                    if model.is_empty() { continue; }
                    let (id, who, ..) = model.remove(nth % model.len());
                    prop_assert!(w.cancel(who, id).is_ok());
                }
            }
        }
        for (at, len, limit) in windows {
            let (from, to) = (w.base + at * HOUR, w.base + (at + len) * HOUR);
            let mut expected: Vec<(u64, u64)> = model
                .iter()
                .filter(|(_, _, s, e)| *s < to && from < *e)
                .map(|(id, _, s, _)| (*s, *id))
                .collect();
            expected.sort();
            let expected: Vec<u64> = expected.into_iter().map(|(_, id)| id).collect();
            prop_assert_eq!(w.calendar(from, to, limit), expected);
        }
    }
}
