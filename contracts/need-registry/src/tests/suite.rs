use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, Coin, ContractResult, Decimal, Env, Order, OwnedDeps,
    Response, Storage, SystemError, SystemResult, WasmQuery,
};
use flow_types::registry::{
    Category, CategoryDemand, DemandResponse, ExecuteMsg, InstantiateMsg, Need, NeedInput,
    NeedResponse, NeedStatus, NeedsResponse, Period, PostingRule, QueryMsg,
};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::ContractError;

/// Weights per (group, member): what the mocked cw4 groups answer to raw member queries.
type Weights = Rc<RefCell<BTreeMap<(String, String), u64>>>;

pub fn category(id: &str) -> Category {
    Category {
        id: id.to_string(),
        label: format!("{id} label"),
        impact: Decimal::one(),
        capacity_building: false,
        need_factor: Decimal::one(),
        unit_credit: Decimal::zero(),
    }
}

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn need_input(category: &str) -> NeedInput {
    NeedInput {
        category: category.to_string(),
        title: "Evening childcare".to_string(),
        description: "Two evenings a week".to_string(),
        unit: "hours".to_string(),
        quantity: Decimal::percent(600),
        period: Period::Weekly,
        impact: None,
        unit_credit: None,
        capacity_building: None,
    }
}

/// Answers raw cw4 member queries from `weights`; anything else is an unknown contract.
fn cw4_handler(weights: Weights) -> impl Fn(&WasmQuery) -> cosmwasm_std::QuerierResult {
    move |q| match q {
        WasmQuery::Raw { contract_addr, key } => {
            let weights = weights.borrow();
            let weight = weights.iter().find_map(|((group, member), w)| {
                (group == contract_addr && cw4::member_key(member).as_slice() == key.as_slice())
                    .then_some(*w)
            });
            let value = match weight {
                Some(w) => to_json_binary(&w).unwrap(),
                None => Binary::default(),
            };
            SystemResult::Ok(ContractResult::Ok(value))
        }
        _ => SystemResult::Err(SystemError::UnsupportedRequest {
            kind: "only raw queries are mocked".to_string(),
        }),
    }
}

pub struct Suite {
    pub deps: OwnedDeps<MockStorage, MockApi, MockQuerier>,
    pub env: Env,
    pub api: MockApi,
    pub owner: Addr,
    pub group: Addr,
    /// Members of the group (weight 1).
    pub alice: Addr,
    pub bob: Addr,
    pub carol: Addr,
    pub dave: Addr,
    /// Not a member.
    pub outsider: Addr,
    weights: Weights,
}

impl Suite {
    /// A registry with categories `bread`, `childcare`, `garden`, members alice, bob, carol
    /// and dave, posting by members, the default requester bound.
    pub fn new() -> Self {
        Self::with(|_| {})
    }

    /// Like `new`, after `f` changes the instantiate message.
    pub fn with(f: impl FnOnce(&mut InstantiateMsg)) -> Self {
        let mut suite = Self::uninstantiated();
        let mut msg = suite.instantiate_msg();
        f(&mut msg);
        let owner = suite.owner.clone();
        instantiate(
            suite.deps.as_mut(),
            suite.env.clone(),
            message_info(&owner, &[]),
            msg,
        )
        .unwrap();
        suite
    }

    pub fn uninstantiated() -> Self {
        let mut deps = mock_dependencies();
        let api = MockApi::default();
        let weights: Weights = Rc::default();
        deps.querier.update_wasm(cw4_handler(weights.clone()));
        let suite = Suite {
            env: mock_env(),
            owner: api.addr_make("stewards"),
            group: api.addr_make("group"),
            alice: api.addr_make("alice"),
            bob: api.addr_make("bob"),
            carol: api.addr_make("carol"),
            dave: api.addr_make("dave"),
            outsider: api.addr_make("outsider"),
            api,
            deps,
            weights,
        };
        for m in [&suite.alice, &suite.bob, &suite.carol, &suite.dave] {
            suite.set_weight(&suite.group, m, 1);
        }
        suite
    }

    pub fn instantiate_msg(&self) -> InstantiateMsg {
        InstantiateMsg {
            owner: self.owner.to_string(),
            group: self.group.to_string(),
            posting: PostingRule::Members,
            categories: vec![category("bread"), category("childcare"), category("garden")],
            max_requesters_per_need: None,
        }
    }

    pub fn instantiate(&mut self, msg: InstantiateMsg) -> Result<Response, ContractError> {
        let owner = self.owner.clone();
        instantiate(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&owner, &[]),
            msg,
        )
    }

    pub fn set_weight(&self, group: &Addr, member: &Addr, weight: u64) {
        self.weights
            .borrow_mut()
            .insert((group.to_string(), member.to_string()), weight);
    }

    pub fn execute(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        self.execute_with_funds(sender, msg, &[])
    }

    pub fn execute_with_funds(
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

    /// Executes a message that must fail, checks that it changed no storage key, and
    /// returns its error.
    pub fn fails(&mut self, sender: &Addr, msg: ExecuteMsg) -> ContractError {
        self.fails_with_funds(sender, msg, &[])
    }

    pub fn fails_with_funds(
        &mut self,
        sender: &Addr,
        msg: ExecuteMsg,
        funds: &[Coin],
    ) -> ContractError {
        let before = self.snapshot();
        let err = self
            .execute_with_funds(sender, msg, funds)
            .expect_err("the message should fail");
        assert_eq!(
            self.snapshot(),
            before,
            "a failed message changed the state"
        );
        err
    }

    /// Every key and value in the contract's storage.
    pub fn snapshot(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.deps
            .storage
            .range(None, None, Order::Ascending)
            .collect()
    }

    pub fn try_query<T: DeserializeOwned>(&self, msg: QueryMsg) -> Result<T, ContractError> {
        query(self.deps.as_ref(), self.env.clone(), msg).map(|bin| from_json(bin).unwrap())
    }

    pub fn query<T: DeserializeOwned>(&self, msg: QueryMsg) -> T {
        self.try_query(msg).unwrap()
    }

    /// `sender` posts a need in `category`; returns its id.
    pub fn post(&mut self, sender: &Addr, category: &str) -> u64 {
        let res = self
            .execute(
                sender,
                ExecuteMsg::PostNeed {
                    need: need_input(category),
                },
            )
            .unwrap();
        attr(&res, "need_id").parse().unwrap()
    }

    pub fn endorse(&mut self, sender: &Addr, id: u64) {
        self.execute(sender, ExecuteMsg::Endorse { id }).unwrap();
    }

    pub fn offer(&mut self, sender: &Addr, id: u64) {
        self.execute(sender, ExecuteMsg::Offer { id }).unwrap();
    }

    pub fn set_status(&mut self, sender: &Addr, id: u64, status: NeedStatus) {
        self.execute(sender, ExecuteMsg::SetNeedStatus { id, status })
            .unwrap();
    }

    pub fn need(&self, id: u64) -> Need {
        self.query::<NeedResponse>(QueryMsg::Need { id }).need
    }

    pub fn demand(&self) -> Vec<CategoryDemand> {
        self.query::<DemandResponse>(QueryMsg::Demand {}).demand
    }

    /// (requesters, providers, open_needs) of one category.
    pub fn demand_of(&self, category: &str) -> (u32, u32, u32) {
        let d = self
            .demand()
            .into_iter()
            .find(|d| d.category == category)
            .expect("category in demand");
        (d.requesters, d.providers, d.open_needs)
    }

    pub fn need_ids(
        &self,
        category: Option<&str>,
        status: Option<NeedStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> Vec<u64> {
        self.query::<NeedsResponse>(QueryMsg::Needs {
            category: category.map(str::to_string),
            status,
            start_after,
            limit,
        })
        .needs
        .into_iter()
        .map(|n| n.id)
        .collect()
    }
}

/// The value of attribute `key` of a response.
pub fn attr(res: &Response, key: &str) -> String {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .value
        .clone()
}

/// All attributes of a response as (key, value) pairs.
pub fn attrs(res: &Response) -> Vec<(&str, &str)> {
    res.attributes
        .iter()
        .map(|a| (a.key.as_str(), a.value.as_str()))
        .collect()
}
