//! A test suite around the contract: the cw4 group and the need registry are mocked by
//! the querier (a shared `World` the tests change), over a plain `MockStorage` whose whole
//! state the tests compare (`Suite::dump`). What executes cost in gas is measured on the
//! real wasm, with wasmd's gas, in `tests/vm` (`tests/vm/tests/costs.rs`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::rc::Rc;

use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, Coin, ContractResult, CosmosMsg, Decimal, Env, Order,
    OwnedDeps, Record, Response, Storage, SystemResult, Timestamp, WasmMsg, WasmQuery,
};
use flow_types::attestation::{
    Attestation, AttestationPolicy, AttestationResponse, ExecuteMsg, InstantiateMsg, QueryMsg,
};
use flow_types::distributor::{Contribution, ExecuteMsg as DistributorExecuteMsg};
use flow_types::registry::{Need, NeedStatus, Period, NEEDS};
use flow_types::CycleClock;
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

pub const CYCLE: u64 = 2_592_000;

/// The other contracts, as the querier answers for them.
#[derive(Default)]
pub struct World {
    pub group: String,
    pub registry: String,
    /// Member address → weight.
    pub members: BTreeMap<String, u64>,
    pub needs: BTreeMap<u64, Need>,
    /// Queries answered (raw + smart).
    pub queries: u64,
}

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

pub struct Suite {
    pub deps: Deps,
    pub env: Env,
    pub world: Rc<RefCell<World>>,
    pub owner: Addr,
    pub group: Addr,
    pub registry: Addr,
    pub distributor: Addr,
}

pub fn addr(name: &str) -> Addr {
    MockApi::default().addr_make(name)
}

pub fn dec(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

pub fn default_policy() -> AttestationPolicy {
    AttestationPolicy::default()
}

/// The distributor `Record` messages of a response (checked: to the distributor, no funds).
pub fn recorded(res: &Response, distributor: &Addr) -> Vec<Contribution> {
    res.messages
        .iter()
        .map(|m| match &m.msg {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            }) => {
                assert_eq!(contract_addr, distributor.as_str());
                assert!(funds.is_empty());
                match from_json::<DistributorExecuteMsg>(msg).expect("a distributor message") {
                    DistributorExecuteMsg::Record { contribution } => contribution,
                    other => panic!("unexpected distributor message {other:?}"),
                }
            }
            other => panic!("unexpected message {other:?}"),
        })
        .collect()
}

pub fn attr<'a>(res: &'a Response, key: &str) -> Option<&'a str> {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}

impl Suite {
    pub fn new() -> Self {
        Self::with_policy(default_policy())
    }

    pub fn with_policy(policy: AttestationPolicy) -> Self {
        let mut suite = Self::uninstantiated();
        let msg = suite.instantiate_msg(policy);
        let owner = suite.owner.clone();
        suite.instantiate(&owner, msg).expect("instantiate");
        suite
    }

    /// The suite before instantiate: world, querier and members alex … sam.
    pub fn uninstantiated() -> Self {
        let api = MockApi::default();
        let group = api.addr_make("group");
        let registry = api.addr_make("registry");
        let world = Rc::new(RefCell::new(World {
            group: group.to_string(),
            registry: registry.to_string(),
            ..World::default()
        }));
        let mut querier = MockQuerier::default();
        let w = world.clone();
        querier.update_wasm(move |q| answer(&mut w.borrow_mut(), q));
        let mut suite = Suite {
            deps: OwnedDeps {
                storage: MockStorage::default(),
                api,
                querier,
                custom_query_type: PhantomData,
            },
            env: mock_env(),
            world,
            owner: api.addr_make("gov"),
            group,
            registry,
            distributor: api.addr_make("distributor"),
        };
        for name in ["alex", "jordan", "casey", "riley", "sam"] {
            suite.add_member(name);
        }
        suite
    }

    pub fn instantiate_msg(&self, policy: AttestationPolicy) -> InstantiateMsg {
        InstantiateMsg {
            owner: self.owner.to_string(),
            group: self.group.to_string(),
            registry: self.registry.to_string(),
            distributor: Some(self.distributor.to_string()),
            clock: CycleClock {
                start: self.env.block.time,
                length: CYCLE,
            },
            policy,
        }
    }

    pub fn instantiate(
        &mut self,
        sender: &Addr,
        msg: InstantiateMsg,
    ) -> Result<Response, ContractError> {
        instantiate(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
    }

    pub fn add_member(&mut self, name: &str) -> Addr {
        let a = addr(name);
        self.world.borrow_mut().members.insert(a.to_string(), 1);
        a
    }

    pub fn set_weight(&mut self, name: &str, weight: Option<u64>) {
        let a = addr(name).to_string();
        let mut w = self.world.borrow_mut();
        match weight {
            Some(weight) => w.members.insert(a, weight),
            None => w.members.remove(&a),
        };
    }

    /// Posts an open need in the mocked registry (impact 1, unit credit 0, no capacity flag).
    pub fn add_need(&mut self, id: u64, category: &str) {
        self.add_need_with(id, category, Decimal::one(), Decimal::zero(), false);
    }

    pub fn add_need_with(
        &mut self,
        id: u64,
        category: &str,
        impact: Decimal,
        unit_credit: Decimal,
        capacity: bool,
    ) {
        let need = Need {
            id,
            category: category.to_string(),
            title: format!("{category} need"),
            description: String::new(),
            unit: "hours".to_string(),
            quantity: Decimal::percent(8_000),
            period: Period::Monthly,
            status: NeedStatus::Open,
            impact,
            unit_credit,
            capacity_building: capacity,
            posted_by: addr("riley"),
            posted_at: Timestamp::from_seconds(0),
            requesters: 1,
            offers: 0,
        };
        self.world.borrow_mut().needs.insert(id, need);
    }

    pub fn set_need_status(&mut self, id: u64, status: NeedStatus) {
        if let Some(n) = self.world.borrow_mut().needs.get_mut(&id) {
            n.status = status;
        }
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5;
    }

    pub fn exec(&mut self, sender: &str, msg: ExecuteMsg) -> Result<Response, ContractError> {
        self.exec_funds(sender, msg, &[])
    }

    pub fn exec_funds(
        &mut self,
        sender: &str,
        msg: ExecuteMsg,
        funds: &[Coin],
    ) -> Result<Response, ContractError> {
        self.exec_as(&addr(sender), msg, funds)
    }

    pub fn exec_as(
        &mut self,
        sender: &Addr,
        msg: ExecuteMsg,
        funds: &[Coin],
    ) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        )
    }

    /// Every key and value in storage, to compare whole states.
    pub fn dump(&self) -> Vec<Record> {
        self.deps
            .storage
            .range(None, None, Order::Ascending)
            .collect()
    }

    /// Runs `msg`, expects exactly `err`, and checks that no storage changed.
    pub fn fails(&mut self, sender: &str, msg: ExecuteMsg, err: ContractError) {
        self.fails_with_funds(sender, msg, &[], err)
    }

    pub fn fails_with_funds(
        &mut self,
        sender: &str,
        msg: ExecuteMsg,
        funds: &[Coin],
        err: ContractError,
    ) {
        let before = self.dump();
        let got = self.exec_funds(sender, msg.clone(), funds);
        assert_eq!(got.unwrap_err(), err, "{msg:?}");
        assert!(self.dump() == before, "state changed by a failed {msg:?}");
    }

    pub fn attest(
        &mut self,
        who: &str,
        need_id: u64,
        hours: &str,
        units: &str,
        buddy: Option<&str>,
    ) -> Result<Response, ContractError> {
        let msg = attest_msg(need_id, hours, units, buddy);
        self.exec(who, msg)
    }

    /// Attests and returns the new id.
    pub fn attest_ok(&mut self, who: &str, need_id: u64, hours: &str, buddy: Option<&str>) -> u64 {
        let res = self
            .attest(who, need_id, hours, "0", buddy)
            .expect("attest");
        attr(&res, "attestation_id")
            .expect("an attestation id")
            .parse()
            .expect("a number")
    }

    pub fn cosign(&mut self, who: &str, id: u64) -> Result<Response, ContractError> {
        self.exec(who, ExecuteMsg::Cosign { id })
    }

    pub fn finalize(&mut self, who: &str, id: u64) -> Result<Response, ContractError> {
        self.exec(who, ExecuteMsg::Finalize { id })
    }

    pub fn q<T: DeserializeOwned>(&self, msg: QueryMsg) -> T {
        from_json(query(self.deps.as_ref(), self.env.clone(), msg).expect("query"))
            .expect("response")
    }

    pub fn q_err(&self, msg: QueryMsg) -> ContractError {
        query(self.deps.as_ref(), self.env.clone(), msg).unwrap_err()
    }

    pub fn att(&self, id: u64) -> Attestation {
        self.q::<AttestationResponse>(QueryMsg::Attestation { id })
            .attestation
    }
}

pub fn attest_msg(need_id: u64, hours: &str, units: &str, buddy: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Attest {
        need_id,
        hours: dec(hours),
        units: dec(units),
        description: "did the work".to_string(),
        evidence: None,
        buddy: buddy.map(|b| addr(b).to_string()),
    }
}

/// The querier: cw4 raw member reads on the group, `Need {}` smart queries on the registry.
fn answer(world: &mut World, q: &WasmQuery) -> cosmwasm_std::QuerierResult {
    world.queries += 1;
    match q {
        WasmQuery::Raw { contract_addr, key } if *contract_addr == world.group => {
            // The key is the members namespace followed by the address.
            let namespace = cw4::member_key("");
            let weight = key
                .as_slice()
                .strip_prefix(namespace.as_slice())
                .and_then(|a| std::str::from_utf8(a).ok())
                .and_then(|a| world.members.get(a).copied());
            let value = match weight {
                Some(w) => to_json_binary(&w).expect("json"),
                None => Binary::default(),
            };
            SystemResult::Ok(ContractResult::Ok(value))
        }
        WasmQuery::Raw { contract_addr, key } if *contract_addr == world.registry => {
            // The registry's needs map, read raw (empty: no such need).
            let value = world
                .needs
                .iter()
                .find(|(id, _)| *NEEDS.key(**id) == *key.as_slice())
                .map(|(_, need)| to_json_binary(need).expect("json"))
                .unwrap_or_default();
            SystemResult::Ok(ContractResult::Ok(value))
        }
        other => SystemResult::Ok(ContractResult::Err(format!("unexpected query {other:?}"))),
    }
}
