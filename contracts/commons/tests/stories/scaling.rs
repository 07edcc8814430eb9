//! No execute path grows with the commons: list, book, buy, confirm, cancel and release
//! touch the same number of storage entries (reads, entries ranged over, writes) with 10
//! listings and bookings as with 10,000. Gas on a chain follows these counts (the keys
//! are the same length: ids are fixed-width u64s), the real-wasm gas table being the
//! next step.

use std::cell::Cell;
use std::marker::PhantomData;

use commons::contract::{execute, instantiate};
use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    to_json_binary, Addr, Binary, ContractResult, Env, Order, OwnedDeps, Record, Storage,
    SystemResult, Uint128, WasmQuery,
};
use cw20::Cw20ReceiveMsg;
use flow_types::commons::{
    Bounds, ExecuteMsg, InstantiateMsg, ListingInput, ListingKind, ReceiveMsg, Unit,
    MAX_ADVANCE_SECONDS,
};

const HOUR: u64 = 3_600;

/// A storage that counts what it is asked.
#[derive(Default)]
struct Counting {
    inner: MockStorage,
    reads: Cell<u64>,
    ranged: Cell<u64>,
    writes: u64,
}

impl Storage for Counting {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.reads.set(self.reads.get() + 1);
        self.inner.get(key)
    }
    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        let ranged = &self.ranged;
        Box::new(
            self.inner
                .range(start, end, order)
                .inspect(move |_| ranged.set(ranged.get() + 1)),
        )
    }
    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.writes += 1;
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &[u8]) {
        self.writes += 1;
        self.inner.remove(key)
    }
}

impl Counting {
    fn counts(&self) -> (u64, u64, u64) {
        (self.reads.get(), self.ranged.get(), self.writes)
    }
}

struct World {
    deps: OwnedDeps<Counting, MockApi, MockQuerier>,
    env: Env,
    owner: Addr,
    token: Addr,
    member: Addr,
    base: u64,
}

fn listing(kind: ListingKind, unit: Unit) -> ListingInput {
    ListingInput {
        kind,
        title: "x".into(),
        description: String::new(),
        category: "tools".into(),
        unit,
        price: Uint128::new(5),
        stock: None,
        refund: None,
    }
}

impl World {
    fn new() -> Self {
        let mut querier = MockQuerier::default();
        // Every address is a member of the group, weight 1 (cw4's raw member key).
        querier.update_wasm(|q| match q {
            WasmQuery::Raw { .. } => SystemResult::Ok(ContractResult::Ok(Binary::from(b"1"))),
            _ => SystemResult::Ok(ContractResult::Err("not here".into())),
        });
        let mut deps = OwnedDeps {
            storage: Counting::default(),
            api: MockApi::default(),
            querier,
            custom_query_type: PhantomData,
        };
        let api = deps.api;
        let (owner, token, member) = (
            api.addr_make("governance"),
            api.addr_make("token"),
            api.addr_make("alex"),
        );
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
                // 10,000 bookings every other hour reach 833 days ahead.
                bounds: Some(Bounds {
                    max_advance_seconds: MAX_ADVANCE_SECONDS,
                    ..Bounds::default()
                }),
            },
        )
        .unwrap();
        let base = (env.block.time.seconds() / HOUR + 1) * HOUR;
        Self {
            deps,
            env,
            owner,
            token,
            member,
            base,
        }
    }

    fn exec(&mut self, sender: &Addr, msg: ExecuteMsg) {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
        .unwrap();
    }

    fn pay(&mut self, from: &Addr, amount: u128, payload: ReceiveMsg) {
        let token = self.token.clone();
        self.exec(
            &token,
            ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: from.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&payload).unwrap(),
            }),
        );
    }

    /// Storage entries `f` touches: (reads, entries ranged over, writes).
    fn cost(&mut self, f: impl FnOnce(&mut Self)) -> (u64, u64, u64) {
        let before = self.deps.storage.counts();
        f(self);
        let after = self.deps.storage.counts();
        (after.0 - before.0, after.1 - before.1, after.2 - before.2)
    }

    /// `n` listings (listing 1 an hourly resource, listing 2 an offer) and `n` bookings of
    /// listing 1, an hour every other hour.
    fn with(n: u64) -> Self {
        let mut w = Self::new();
        let (owner, member) = (w.owner.clone(), w.member.clone());
        w.exec(
            &owner,
            ExecuteMsg::List {
                listing: listing(ListingKind::Resource, Unit::Hour),
            },
        );
        for _ in 1..n {
            w.exec(
                &member,
                ExecuteMsg::List {
                    listing: listing(ListingKind::Offer, Unit::Hour),
                },
            );
        }
        for i in 0..n {
            let start = w.base + 2 * i * HOUR;
            w.pay(
                &member,
                5,
                ReceiveMsg::Book {
                    listing: 1,
                    start,
                    end: start + HOUR,
                },
            );
        }
        w
    }
}

/// What each action costs in a commons of `n` listings and `n` bookings.
fn costs(n: u64) -> Vec<(&'static str, (u64, u64, u64))> {
    let mut w = World::with(n);
    let (owner, member) = (w.owner.clone(), w.member.clone());
    let riley = w.deps.api.addr_make("riley");
    // A free hour in the middle of the calendar.
    let gap = w.base + (2 * (n / 2) + 1) * HOUR;
    let mut out = vec![];
    out.push((
        "list",
        w.cost(|w| {
            w.exec(
                &member,
                ExecuteMsg::List {
                    listing: listing(ListingKind::Offer, Unit::Hour),
                },
            )
        }),
    ));
    out.push((
        "book",
        w.cost(|w| {
            w.pay(
                &riley,
                5,
                ReceiveMsg::Book {
                    listing: 1,
                    start: gap,
                    end: gap + HOUR,
                },
            )
        }),
    ));
    out.push((
        "buy",
        w.cost(|w| {
            w.pay(
                &riley,
                10,
                ReceiveMsg::Buy {
                    listing: 2,
                    quantity: 2,
                },
            )
        }),
    ));
    out.push((
        "confirm",
        w.cost(|w| w.exec(&riley, ExecuteMsg::Confirm { purchase: 1 })),
    ));
    out.push((
        "cancel",
        w.cost(|w| w.exec(&riley, ExecuteMsg::Cancel { booking: n + 1 })),
    ));
    // The first booking, once it has started.
    w.env.block.time = w.env.block.time.plus_seconds(2 * HOUR);
    out.push((
        "release",
        w.cost(|w| w.exec(&owner, ExecuteMsg::Release { booking: 1 })),
    ));
    out
}

#[test]
fn every_action_touches_as_much_storage_with_ten_thousand_as_with_ten() {
    let small = costs(10);
    let large = costs(10_000);
    assert_eq!(small, large);
    // And what they touch is small: a handful of entries each.
    for (action, (reads, ranged, writes)) in &small {
        println!("{action}: {reads} reads, {ranged} ranged, {writes} writes");
        assert!(
            reads + ranged + writes <= 16,
            "{action}: {reads}/{ranged}/{writes}"
        );
    }
}
