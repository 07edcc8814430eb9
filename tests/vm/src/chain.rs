//! A tiny wasmd-like chain around cosmwasm-vm: every address maps to (code, storage), a call
//! runs the contract's wasm in its own VM instance over its own metered storage, and the
//! messages a contract returns are dispatched the way wasmd does (wasm execute and
//! instantiate with replies, bank sends), atomically. Cross-contract queries run the queried
//! contract's `query` in a VM instance too.
//!
//! Everything crosses into the VM as JSON bytes: the contracts' own (cosmwasm-std 2) types
//! never meet the VM's (cosmwasm-std 3) ones.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::OnceLock;

use cosmwasm_vm::{
    call_execute_raw, call_instantiate_raw, call_query_raw, call_reply_raw, Backend, BackendResult,
    Cache, CacheOptions, GasInfo, InstanceOptions, Querier, Size,
};
use serde_json::{json, Value};
use vmstd::{Binary, Checksum, ContractResult, SystemError, SystemResult};

use crate::api::{self, ChainApi};
use crate::gas::{self, Cost};
use crate::storage::{KvRef, Ledger, MeteredStorage, Undo};

/// Capabilities of a current wasmd chain (and of `check-wasm`, which build-wasm.sh runs).
pub const CAPABILITIES: &str =
    "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0";
pub const CHAIN_ID: &str = "cw-flow-vm";
/// Seconds per block when time moves on by blocks.
pub const BLOCK_SECONDS: u64 = 5;
/// The VM gas a single call may use (far above any tx: calls here are measured, not capped).
const GAS_LIMIT: u64 = 1_000_000_000 * gas::GAS_MULTIPLIER;

type VmCache = Cache<ChainApi, MeteredStorage, ChainQuerier>;

/// One compiled-module cache per test process (compiling a contract takes a while,
/// especially in a debug build): modules are pinned in memory.
fn cache() -> &'static VmCache {
    static CACHE: OnceLock<VmCache> = OnceLock::new();
    CACHE.get_or_init(|| {
        let dir = crate::artifacts::target_dir()
            .join("flow-vm-cache")
            .join(format!("p{}", std::process::id()));
        remove_stale_caches(dir.parent().expect("a parent"));
        let capabilities: HashSet<String> = CAPABILITIES.split(',').map(String::from).collect();
        let options = CacheOptions::new(dir, capabilities, Size::mebi(200), Size::mebi(32));
        // SAFETY: the directory is this process's own; nothing else writes to it.
        unsafe { Cache::new(options) }.expect("a VM cache")
    })
}

/// Caches of test processes that are gone.
fn remove_stale_caches(root: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if let Some(pid) = name.strip_prefix('p') {
            if !PathBuf::from(format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// What went wrong in a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainError {
    /// The contract returned an error (its message).
    Contract { contract: String, msg: String },
    /// The VM failed (panic, out of gas, bad wasm …).
    Vm(String),
    /// The chain refused (unknown contract, insufficient funds, unsupported message …).
    Chain(String),
}

impl ChainError {
    /// The contract's error message, if that is what this is.
    pub fn contract_error(&self) -> Option<&str> {
        match self {
            ChainError::Contract { msg, .. } => Some(msg),
            _ => None,
        }
    }
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainError::Contract { contract, msg } => write!(f, "contract {contract}: {msg}"),
            ChainError::Vm(e) => write!(f, "VM: {e}"),
            ChainError::Chain(e) => write!(f, "chain: {e}"),
        }
    }
}

impl std::error::Error for ChainError {}

pub type ChainResult<T> = Result<T, ChainError>;

/// One contract call of a transaction, in execution order.
#[derive(Clone, Debug)]
pub struct Call {
    pub contract: String,
    pub code_id: u64,
    /// `instantiate`, `execute` or `reply`.
    pub entry: &'static str,
    pub cost: Cost,
    /// Codes of the contracts the call smart-queried, in order (nested queries included).
    pub queried_codes: Vec<u64>,
    /// The contract's `Response`, as JSON.
    pub response: Value,
}

impl Call {
    /// The submessages the contract returned (each `{"id", "msg", "reply_on", …}`).
    pub fn messages(&self) -> &[Value] {
        self.response["messages"].as_array().map_or(&[], |v| v)
    }

    /// The value of the first attribute `key` of the response.
    pub fn attr(&self, key: &str) -> Option<String> {
        self.response["attributes"]
            .as_array()?
            .iter()
            .find(|a| a["key"] == key)
            .and_then(|a| a["value"].as_str().map(String::from))
    }
}

/// Everything a transaction did: the first call is the one the sender made, the others are
/// the messages dispatched from it (depth first, in order).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub calls: Vec<Call>,
}

impl Outcome {
    /// The call the sender made.
    pub fn own(&self) -> &Call {
        &self.calls[0]
    }

    /// The value of the first attribute `key` in any call.
    pub fn attr(&self, key: &str) -> Option<String> {
        self.calls.iter().find_map(|c| c.attr(key))
    }

    /// The dispatched calls to `contract`.
    pub fn calls_to<'a>(&'a self, contract: &'a str) -> impl Iterator<Item = &'a Call> + 'a {
        self.calls
            .iter()
            .skip(1)
            .filter(move |c| c.contract == contract)
    }

    /// SDK gas of the whole message on a chain, as far as the contracts go, the way wasmd
    /// 0.61 charges it: every call's contract-side gas, and for every call and smart query
    /// wasmd's own reads (`WASMD_CALL_OVERHEAD`) and an instance load: 60,000 the first
    /// time a code is used in the transaction, 2,000 after (and for replies). Not in it:
    /// the transaction's ante handler, signature and bytes, and bank transfers.
    pub fn chain_gas(&self) -> u64 {
        self.chain_gas_with(false)
    }

    /// `chain_gas` when every code is pinned (`MsgPinCodes`): every load costs 2,000.
    pub fn chain_gas_pinned(&self) -> u64 {
        self.chain_gas_with(true)
    }

    fn chain_gas_with(&self, pinned: bool) -> u64 {
        let mut seen = HashSet::new();
        let mut load = |code: u64| {
            gas::WASMD_CALL_OVERHEAD
                + if seen.insert(code) && !pinned {
                    gas::INSTANCE_COST
                } else {
                    gas::INSTANCE_COST_DISCOUNT
                }
        };
        let mut total = 0;
        for c in &self.calls {
            total += c.cost.total() + load(c.code_id);
            for q in &c.queried_codes {
                total += load(*q);
            }
        }
        total
    }
}

/// What a dispatched message gives back to a reply.
struct SubResponse {
    events: Vec<Value>,
    data: Option<Vec<u8>>,
    msg_responses: Vec<Value>,
}

#[derive(Clone)]
struct CodeInfo {
    name: String,
    checksum: Checksum,
}

#[derive(Clone)]
struct ContractInfo {
    code_id: u64,
    kv: KvRef,
    label: String,
    admin: Option<String>,
    creator: String,
}

/// A block: height and time (nanoseconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub height: u64,
    pub time: u64,
}

struct Inner {
    ledger: Rc<Ledger>,
    codes: RefCell<Vec<CodeInfo>>,
    contracts: RefCell<BTreeMap<String, ContractInfo>>,
    bank: RefCell<BTreeMap<String, BTreeMap<String, u128>>>,
    block: Cell<Block>,
    instances: Cell<u64>,
    /// VM instances created (calls and queries), for timing reports.
    vm_calls: Cell<u64>,
}

/// The chain. Not `Send`: one per test (thread). Clones are handles on the same chain.
#[derive(Clone)]
pub struct Chain {
    inner: Rc<Inner>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

enum Entry<'a> {
    Instantiate { info: &'a [u8], msg: &'a [u8] },
    Execute { info: &'a [u8], msg: &'a [u8] },
    Reply { msg: &'a [u8] },
    Query { msg: &'a [u8] },
}

fn b64(bytes: &[u8]) -> String {
    Binary::from(bytes).to_base64()
}

fn unb64(v: &Value) -> ChainResult<Vec<u8>> {
    let s = v.as_str().unwrap_or_default();
    Binary::from_base64(s)
        .map(|b| b.to_vec())
        .map_err(|e| ChainError::Chain(format!("bad base64 {s:?}: {e}")))
}

fn coins_json(coins: &[(String, u128)]) -> Value {
    Value::Array(
        coins
            .iter()
            .map(|(d, a)| json!({"denom": d, "amount": a.to_string()}))
            .collect(),
    )
}

fn parse_coins(v: &Value) -> ChainResult<Vec<(String, u128)>> {
    let Some(list) = v.as_array() else {
        return Ok(vec![]);
    };
    list.iter()
        .map(|c| {
            let denom = c["denom"].as_str().unwrap_or_default().to_string();
            let amount = c["amount"]
                .as_str()
                .and_then(|a| a.parse().ok())
                .ok_or_else(|| ChainError::Chain(format!("bad coin {c}")))?;
            Ok((denom, amount))
        })
        .collect()
}

/// A length-delimited protobuf field.
fn proto_field(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
    out.push(tag);
    let mut n = bytes.len();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(bytes);
}

/// Protobuf `MsgInstantiateContractResponse { address = 1; data = 2 }`.
fn instantiate_response_proto(address: &str, data: Option<&[u8]>) -> Vec<u8> {
    let mut out = vec![];
    proto_field(&mut out, 0x0a, address.as_bytes());
    if let Some(d) = data {
        proto_field(&mut out, 0x12, d);
    }
    out
}

/// The attributes and custom events of a contract `Response`.
fn response_events(response: &Value) -> (Vec<gas::Attribute>, Vec<gas::Event>) {
    fn attrs(v: &Value) -> Vec<gas::Attribute> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x["key"].as_str().unwrap_or_default().to_string(),
                            x["value"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
    let events = response["events"]
        .as_array()
        .map(|es| {
            es.iter()
                .map(|e| {
                    (
                        e["type"].as_str().unwrap_or_default().to_string(),
                        attrs(&e["attributes"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (attrs(&response["attributes"]), events)
}

impl Chain {
    pub fn new() -> Self {
        Self {
            inner: Rc::new(Inner {
                ledger: Rc::new(Ledger::new()),
                codes: RefCell::new(vec![]),
                contracts: RefCell::new(BTreeMap::new()),
                bank: RefCell::new(BTreeMap::new()),
                block: Cell::new(Block {
                    height: 1_000,
                    // 2025-01-01T00:00:00Z
                    time: 1_735_689_600 * 1_000_000_000,
                }),
                instances: Cell::new(0),
                vm_calls: Cell::new(0),
            }),
        }
    }

    // ------------------------------------------------------------------ codes and state

    /// Stores a wasm (checked as the chain would, and pinned in the VM's memory cache);
    /// returns its code id.
    pub fn store_code(&self, name: &str, wasm: &[u8]) -> ChainResult<u64> {
        let checksum = cache()
            .store_code(wasm, true, true)
            .map_err(|e| ChainError::Vm(format!("storing {name}: {e}")))?;
        cache()
            .pin(&checksum)
            .map_err(|e| ChainError::Vm(format!("pinning {name}: {e}")))?;
        let mut codes = self.inner.codes.borrow_mut();
        codes.push(CodeInfo {
            name: name.to_string(),
            checksum,
        });
        Ok(codes.len() as u64)
    }

    /// Name given to a code when stored.
    pub fn code_name(&self, code_id: u64) -> Option<String> {
        self.inner
            .codes
            .borrow()
            .get(code_id.checked_sub(1)? as usize)
            .map(|c| c.name.clone())
    }

    /// The code id of a contract.
    pub fn code_of(&self, contract: &str) -> Option<u64> {
        self.inner
            .contracts
            .borrow()
            .get(contract)
            .map(|c| c.code_id)
    }

    /// A contract's raw storage (for tests and for writing state directly).
    pub fn storage(&self, contract: &str) -> Option<KvRef> {
        self.inner
            .contracts
            .borrow()
            .get(contract)
            .map(|c| c.kv.clone())
    }

    pub fn block(&self) -> Block {
        self.inner.block.get()
    }

    /// Unix time in seconds.
    pub fn now(&self) -> u64 {
        self.block().time / 1_000_000_000
    }

    /// One block passes (`BLOCK_SECONDS` later).
    pub fn next_block(&self) {
        self.advance(BLOCK_SECONDS);
    }

    /// Time moves on by `seconds` (and the height by the blocks that takes).
    pub fn advance(&self, seconds: u64) {
        let b = self.inner.block.get();
        self.inner.block.set(Block {
            height: b.height + seconds.div_ceil(BLOCK_SECONDS).max(1),
            time: b.time + seconds * 1_000_000_000,
        });
    }

    /// VM instances created so far (calls and queries).
    pub fn vm_calls(&self) -> u64 {
        self.inner.vm_calls.get()
    }

    /// Starts logging every call and storage operation (see `take_log`).
    pub fn start_log(&self) {
        self.inner.ledger.start_log();
    }

    /// What happened since `start_log`, in order.
    pub fn take_log(&self) -> Vec<crate::storage::Op> {
        self.inner.ledger.take_log()
    }

    /// Turns the journal off (state populated in bulk, where nothing may fail) or on again.
    /// Without it a failed transaction is not rolled back.
    pub fn set_journaling(&self, on: bool) {
        self.inner.ledger.set_journaling(on);
    }

    // ------------------------------------------------------------------ bank

    /// Creates native coins out of thin air (genesis balances).
    pub fn mint_native(&self, address: &str, denom: &str, amount: u128) {
        *self
            .inner
            .bank
            .borrow_mut()
            .entry(address.to_string())
            .or_default()
            .entry(denom.to_string())
            .or_default() += amount;
    }

    pub fn native_balance(&self, address: &str, denom: &str) -> u128 {
        self.inner
            .bank
            .borrow()
            .get(address)
            .and_then(|b| b.get(denom))
            .copied()
            .unwrap_or(0)
    }

    fn set_balance(&self, address: &str, denom: &str, amount: u128) {
        let old = self.native_balance(address, denom);
        self.inner.ledger.record(|| Undo::Bank {
            address: address.to_string(),
            denom: denom.to_string(),
            old,
        });
        self.inner
            .bank
            .borrow_mut()
            .entry(address.to_string())
            .or_default()
            .insert(denom.to_string(), amount);
    }

    fn transfer(&self, from: &str, to: &str, coins: &[(String, u128)]) -> ChainResult<()> {
        for (denom, amount) in coins {
            let have = self.native_balance(from, denom);
            if have < *amount {
                return Err(ChainError::Chain(format!(
                    "insufficient funds: {from} has {have}{denom}, needs {amount}{denom}"
                )));
            }
            self.set_balance(from, denom, have - amount);
            let to_have = self.native_balance(to, denom);
            self.set_balance(to, denom, to_have + amount);
        }
        Ok(())
    }

    // ------------------------------------------------------------------ transactions

    /// Runs `f` as one transaction: all of it or none of it.
    fn atomically<T>(
        &self,
        f: impl FnOnce(&mut Vec<Call>) -> ChainResult<T>,
    ) -> ChainResult<(T, Vec<Call>)> {
        let ledger = &self.inner.ledger;
        let savepoint = ledger.savepoint();
        let mut calls = vec![];
        match f(&mut calls) {
            Ok(t) => {
                if savepoint == 0 {
                    ledger.commit();
                }
                Ok((t, calls))
            }
            Err(e) => {
                self.rollback(savepoint);
                Err(e)
            }
        }
    }

    fn rollback(&self, savepoint: usize) {
        let created = self
            .inner
            .ledger
            .rollback(savepoint, &mut self.inner.bank.borrow_mut());
        let mut contracts = self.inner.contracts.borrow_mut();
        for c in created {
            contracts.remove(&c);
        }
    }

    /// `sender` executes `msg` on `contract` with `funds`, and everything it dispatches.
    pub fn execute(
        &self,
        sender: &str,
        contract: &str,
        msg: &Value,
        funds: &[(&str, u128)],
    ) -> ChainResult<Outcome> {
        let msg = serde_json::to_vec(msg).expect("json");
        let funds: Vec<(String, u128)> = funds.iter().map(|(d, a)| (d.to_string(), *a)).collect();
        let ((), calls) = self.atomically(|calls| {
            self.exec_contract(sender, contract, &msg, &funds, calls)
                .map(|_| ())
        })?;
        Ok(Outcome { calls })
    }

    /// `sender` instantiates `code_id`; returns the new address and what happened.
    pub fn instantiate(
        &self,
        sender: &str,
        code_id: u64,
        msg: &Value,
        label: &str,
        admin: Option<&str>,
    ) -> ChainResult<(String, Outcome)> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (address, calls) = self.atomically(|calls| {
            let (address, _) =
                self.instantiate_contract(sender, code_id, &msg, &[], label, admin, calls)?;
            Ok(address)
        })?;
        Ok((address, Outcome { calls }))
    }

    /// A smart query, answered by the contract's wasm.
    pub fn query(&self, contract: &str, msg: &Value) -> ChainResult<Value> {
        self.query_with_cost(contract, msg).map(|(v, _)| v)
    }

    /// A smart query and what it cost (contract-side, as when another contract makes it).
    pub fn query_with_cost(&self, contract: &str, msg: &Value) -> ChainResult<(Value, Cost)> {
        let msg = serde_json::to_vec(msg).expect("json");
        let (bin, cost) = self.smart_query(contract, &msg)?;
        let value = serde_json::from_slice(&bin)
            .map_err(|e| ChainError::Chain(format!("query result is not JSON: {e}")))?;
        Ok((value, cost))
    }

    fn env(&self, contract: &str, with_tx: bool) -> Vec<u8> {
        let b = self.block();
        let mut env = json!({
            "block": {"height": b.height, "time": b.time.to_string(), "chain_id": CHAIN_ID},
            "contract": {"address": contract},
        });
        if with_tx {
            env["transaction"] = json!({"index": 0});
        }
        serde_json::to_vec(&env).expect("json")
    }

    /// Runs one entry point of `contract` in a fresh VM instance; returns the raw result
    /// and its cost (VM gas, result bytes, storage and sub-queries).
    fn vm_call(&self, contract: &str, entry: Entry) -> ChainResult<(Vec<u8>, Cost, Vec<u64>)> {
        let info = self
            .inner
            .contracts
            .borrow()
            .get(contract)
            .cloned()
            .ok_or_else(|| ChainError::Chain(format!("no contract at {contract}")))?;
        let checksum = self.inner.codes.borrow()[info.code_id as usize - 1].checksum;
        let env = self.env(contract, !matches!(entry, Entry::Query { .. }));
        let backend = Backend {
            api: ChainApi,
            storage: MeteredStorage::new(info.kv.clone(), self.inner.ledger.clone()),
            querier: ChainQuerier {
                inner: self.inner.clone(),
            },
        };
        self.inner.vm_calls.set(self.inner.vm_calls.get() + 1);
        let ledger = self.inner.ledger.clone();
        ledger.push_meter();
        {
            let name = &self.inner.codes.borrow()[info.code_id as usize - 1].name;
            let what = match entry {
                Entry::Instantiate { .. } => "instantiate",
                Entry::Execute { .. } => "execute",
                Entry::Reply { .. } => "reply",
                Entry::Query { .. } => "query",
            };
            ledger.note_call(format!("{what} {name}"));
        }
        let run = || -> Result<(Vec<u8>, u64), cosmwasm_vm::VmError> {
            let mut instance = cache().get_instance(
                &checksum,
                backend,
                InstanceOptions {
                    gas_limit: GAS_LIMIT,
                },
            )?;
            let out = match entry {
                Entry::Instantiate { info, msg } => {
                    call_instantiate_raw(&mut instance, &env, info, msg)
                }
                Entry::Execute { info, msg } => call_execute_raw(&mut instance, &env, info, msg),
                Entry::Reply { msg } => call_reply_raw(&mut instance, &env, msg),
                Entry::Query { msg } => call_query_raw(&mut instance, &env, msg),
            }?;
            Ok((out, instance.create_gas_report().used_internally))
        };
        let result = run();
        let (mut cost, queried) = ledger.pop_meter();
        let (bytes, vm_gas) = result.map_err(|e| ChainError::Vm(format!("{contract}: {e}")))?;
        cost.vm_gas = vm_gas;
        cost.result_bytes = bytes.len() as u64;
        Ok((bytes, cost, queried))
    }

    /// `{"ok": x}` → x, `{"error": e}` → the contract's error.
    fn contract_result(contract: &str, bytes: &[u8]) -> ChainResult<Value> {
        let v: Value = serde_json::from_slice(bytes)
            .map_err(|e| ChainError::Vm(format!("{contract}: result is not JSON: {e}")))?;
        if let Some(ok) = v.get("ok") {
            return Ok(ok.clone());
        }
        Err(ChainError::Contract {
            contract: contract.to_string(),
            msg: v["error"].as_str().unwrap_or("unknown error").to_string(),
        })
    }

    fn smart_query(&self, contract: &str, msg: &[u8]) -> ChainResult<(Vec<u8>, Cost)> {
        let (bytes, cost, _) = self.vm_call(contract, Entry::Query { msg })?;
        let ok = Self::contract_result(contract, &bytes)?;
        Ok((unb64(&ok)?, cost))
    }

    /// Charges a finished call's events and records it.
    fn record_call(
        &self,
        contract: &str,
        entry: &'static str,
        (mut cost, queried_codes): (Cost, Vec<u64>),
        response: &Value,
        calls: &mut Vec<Call>,
    ) {
        let (attrs, events) = response_events(response);
        cost.event_gas = gas::event_gas(&attrs, &events);
        calls.push(Call {
            contract: contract.to_string(),
            code_id: self.code_of(contract).unwrap_or_default(),
            entry,
            cost,
            queried_codes,
            response: response.clone(),
        });
    }

    /// The events wasmd emits for a contract's response (`wasm`, `wasm-*`).
    fn emitted_events(contract: &str, response: &Value) -> Vec<Value> {
        let mut out = vec![];
        let mut wasm_attrs = vec![json!({"key": "_contract_address", "value": contract})];
        if let Some(a) = response["attributes"].as_array() {
            wasm_attrs.extend(a.iter().cloned());
        }
        if wasm_attrs.len() > 1 {
            out.push(json!({"type": "wasm", "attributes": wasm_attrs}));
        }
        if let Some(es) = response["events"].as_array() {
            for e in es {
                let mut attrs = vec![json!({"key": "_contract_address", "value": contract})];
                if let Some(a) = e["attributes"].as_array() {
                    attrs.extend(a.iter().cloned());
                }
                out.push(json!({"type": format!("wasm-{}", e["type"].as_str().unwrap_or_default()), "attributes": attrs}));
            }
        }
        out
    }

    fn exec_contract(
        &self,
        sender: &str,
        contract: &str,
        msg: &[u8],
        funds: &[(String, u128)],
        calls: &mut Vec<Call>,
    ) -> ChainResult<SubResponse> {
        self.transfer(sender, contract, funds)?;
        let info = serde_json::to_vec(&json!({"sender": sender, "funds": coins_json(funds)}))
            .expect("json");
        let (bytes, cost, queried) = self.vm_call(contract, Entry::Execute { info: &info, msg })?;
        let response = Self::contract_result(contract, &bytes)?;
        self.record_call(contract, "execute", (cost, queried), &response, calls);
        let mut events = vec![
            json!({"type": "execute", "attributes": [{"key": "_contract_address", "value": contract}]}),
        ];
        events.extend(Self::emitted_events(contract, &response));
        let (sub_events, data) = self.handle_response(contract, &response, calls)?;
        events.extend(sub_events);
        // MsgExecuteContractResponse { data = 1 }
        let mut proto = vec![];
        if let Some(d) = &data {
            proto_field(&mut proto, 0x0a, d);
        }
        Ok(SubResponse {
            events,
            data: data.clone(),
            msg_responses: vec![
                json!({"type_url": "/cosmwasm.wasm.v1.MsgExecuteContractResponse", "value": b64(&proto)}),
            ],
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn instantiate_contract(
        &self,
        sender: &str,
        code_id: u64,
        msg: &[u8],
        funds: &[(String, u128)],
        label: &str,
        admin: Option<&str>,
        calls: &mut Vec<Call>,
    ) -> ChainResult<(String, SubResponse)> {
        if code_id == 0 || code_id as usize > self.inner.codes.borrow().len() {
            return Err(ChainError::Chain(format!("no code {code_id}")));
        }
        let n = self.inner.instances.get() + 1;
        self.inner.instances.set(n);
        let address = api::contract(code_id, n);
        self.inner.contracts.borrow_mut().insert(
            address.clone(),
            ContractInfo {
                code_id,
                kv: KvRef::default(),
                label: label.to_string(),
                admin: admin.map(String::from),
                creator: sender.to_string(),
            },
        );
        self.inner.ledger.record(|| Undo::Created(address.clone()));
        self.transfer(sender, &address, funds)?;
        let info = serde_json::to_vec(&json!({"sender": sender, "funds": coins_json(funds)}))
            .expect("json");
        let (bytes, cost, queried) =
            self.vm_call(&address, Entry::Instantiate { info: &info, msg })?;
        let response = Self::contract_result(&address, &bytes)?;
        self.record_call(&address, "instantiate", (cost, queried), &response, calls);
        let mut events = vec![json!({"type": "instantiate", "attributes": [
            {"key": "_contract_address", "value": address},
            {"key": "code_id", "value": code_id.to_string()},
        ]})];
        events.extend(Self::emitted_events(&address, &response));
        let (sub_events, data) = self.handle_response(&address, &response, calls)?;
        events.extend(sub_events);
        let proto = instantiate_response_proto(&address, data.as_deref());
        Ok((
            address,
            SubResponse {
                events,
                // wasmd hands the encoded MsgInstantiateContractResponse as the data too.
                data: Some(proto.clone()),
                msg_responses: vec![json!({
                    "type_url": "/cosmwasm.wasm.v1.MsgInstantiateContractResponse",
                    "value": b64(&proto),
                })],
            },
        ))
    }

    /// Dispatches a response's submessages (with replies); returns their events and the
    /// data the call ends with.
    fn handle_response(
        &self,
        contract: &str,
        response: &Value,
        calls: &mut Vec<Call>,
    ) -> ChainResult<(Vec<Value>, Option<Vec<u8>>)> {
        let mut events = vec![];
        let mut data = match &response["data"] {
            Value::Null => None,
            d => Some(unb64(d)?),
        };
        for sub in response["messages"].as_array().cloned().unwrap_or_default() {
            let reply_on = sub["reply_on"].as_str().unwrap_or("never").to_string();
            let savepoint = self.inner.ledger.savepoint();
            let result = self.dispatch(contract, &sub["msg"], calls);
            let reply_result = match result {
                Ok(r) => {
                    events.extend(r.events.iter().cloned());
                    if reply_on != "success" && reply_on != "always" {
                        continue;
                    }
                    json!({"ok": {
                        "events": r.events,
                        "data": r.data.as_deref().map(b64),
                        "msg_responses": r.msg_responses,
                    }})
                }
                Err(e) => {
                    if reply_on != "error" && reply_on != "always" {
                        return Err(e);
                    }
                    self.rollback(savepoint);
                    json!({"error": e.to_string()})
                }
            };
            let reply = json!({
                "id": sub["id"],
                "payload": sub.get("payload").cloned().unwrap_or(json!("")),
                "gas_used": 0,
                "result": reply_result,
            });
            let msg = serde_json::to_vec(&reply).expect("json");
            let (bytes, cost, queried) = self.vm_call(contract, Entry::Reply { msg: &msg })?;
            let reply_response = Self::contract_result(contract, &bytes)?;
            self.record_call(contract, "reply", (cost, queried), &reply_response, calls);
            events.extend(Self::emitted_events(contract, &reply_response));
            let (sub_events, reply_data) =
                self.handle_response(contract, &reply_response, calls)?;
            events.extend(sub_events);
            if reply_data.is_some() {
                data = reply_data;
            }
        }
        Ok((events, data))
    }

    /// One `CosmosMsg` sent by `sender` (a contract).
    fn dispatch(
        &self,
        sender: &str,
        msg: &Value,
        calls: &mut Vec<Call>,
    ) -> ChainResult<SubResponse> {
        if let Some(e) = msg.pointer("/wasm/execute") {
            let contract = e["contract_addr"].as_str().unwrap_or_default();
            let inner = unb64(&e["msg"])?;
            let funds = parse_coins(&e["funds"])?;
            return self.exec_contract(sender, contract, &inner, &funds, calls);
        }
        if let Some(i) = msg.pointer("/wasm/instantiate") {
            let code_id = i["code_id"].as_u64().unwrap_or_default();
            let inner = unb64(&i["msg"])?;
            let funds = parse_coins(&i["funds"])?;
            let label = i["label"].as_str().unwrap_or_default();
            let admin = i["admin"].as_str();
            return self
                .instantiate_contract(sender, code_id, &inner, &funds, label, admin, calls)
                .map(|(_, r)| r);
        }
        if let Some(s) = msg.pointer("/bank/send") {
            let to = s["to_address"].as_str().unwrap_or_default();
            self.transfer(sender, to, &parse_coins(&s["amount"])?)?;
            return Ok(SubResponse {
                events: vec![json!({"type": "transfer", "attributes": [
                    {"key": "recipient", "value": to}, {"key": "sender", "value": sender},
                ]})],
                data: None,
                msg_responses: vec![],
            });
        }
        if let Some(b) = msg.pointer("/bank/burn") {
            for (denom, amount) in parse_coins(&b["amount"])? {
                let have = self.native_balance(sender, &denom);
                if have < amount {
                    return Err(ChainError::Chain(format!(
                        "insufficient funds to burn {amount}{denom}"
                    )));
                }
                self.set_balance(sender, &denom, have - amount);
            }
            return Ok(SubResponse {
                events: vec![],
                data: None,
                msg_responses: vec![],
            });
        }
        Err(ChainError::Chain(format!("unsupported message {msg}")))
    }
}

/// Answers the queries a contract makes, the way wasmd does: a smart query runs the other
/// contract's wasm (its cost is charged to the querying call), a raw query reads its
/// storage (one metered read), a bank query reads balances.
pub struct ChainQuerier {
    inner: Rc<Inner>,
}

impl ChainQuerier {
    fn chain(&self) -> Chain {
        Chain {
            inner: self.inner.clone(),
        }
    }

    fn answer(&self, request: &[u8]) -> SystemResult<ContractResult<Binary>> {
        let invalid = |error: String| {
            SystemResult::Err(SystemError::InvalidRequest {
                error,
                request: Binary::from(request),
            })
        };
        let req: Value = match serde_json::from_slice(request) {
            Ok(v) => v,
            Err(e) => return invalid(e.to_string()),
        };
        let chain = self.chain();
        let ledger = &self.inner.ledger;
        if let Some(s) = req.pointer("/wasm/smart") {
            let addr = s["contract_addr"].as_str().unwrap_or_default();
            if chain.code_of(addr).is_none() {
                return SystemResult::Err(SystemError::NoSuchContract { addr: addr.into() });
            }
            let msg = match unb64(&s["msg"]) {
                Ok(m) => m,
                Err(e) => return invalid(e.to_string()),
            };
            let code = chain.code_of(addr).unwrap_or_default();
            let (result, cost, nested) = match chain.vm_call(addr, Entry::Query { msg: &msg }) {
                Ok((bytes, cost, nested)) => (
                    Chain::contract_result(addr, &bytes).and_then(|ok| unb64(&ok)),
                    cost,
                    nested,
                ),
                Err(e) => (Err(e), Cost::default(), vec![]),
            };
            ledger.charge(|c| {
                c.query_gas += cost.total();
                c.smart_queries += 1 + cost.smart_queries;
                c.raw_queries += cost.raw_queries;
            });
            ledger.queried(std::iter::once(code).chain(nested));
            return match result {
                Ok(bin) => SystemResult::Ok(ContractResult::Ok(Binary::from(bin))),
                Err(ChainError::Contract { msg, .. }) => SystemResult::Ok(ContractResult::Err(msg)),
                Err(e) => SystemResult::Ok(ContractResult::Err(e.to_string())),
            };
        }
        if let Some(r) = req.pointer("/wasm/raw") {
            let addr = r["contract_addr"].as_str().unwrap_or_default();
            let Some(kv) = chain.storage(addr) else {
                return SystemResult::Err(SystemError::NoSuchContract { addr: addr.into() });
            };
            let key = match unb64(&r["key"]) {
                Ok(k) => k,
                Err(e) => return invalid(e.to_string()),
            };
            let value = kv.borrow().get(&key).cloned().unwrap_or_default();
            let g = gas::read_gas(key.len(), value.len());
            ledger.note("raw-q", &key, value.len(), g);
            ledger.charge(|c| {
                c.query_gas += g;
                c.raw_queries += 1;
            });
            return SystemResult::Ok(ContractResult::Ok(Binary::from(value)));
        }
        if let Some(i) = req.pointer("/wasm/contract_info") {
            let addr = i["contract_addr"].as_str().unwrap_or_default();
            let Some(info) = self.inner.contracts.borrow().get(addr).cloned() else {
                return SystemResult::Err(SystemError::NoSuchContract { addr: addr.into() });
            };
            let _ = &info.label;
            let v = json!({"code_id": info.code_id, "creator": info.creator, "admin": info.admin,
                           "pinned": false, "ibc_port": null, "ibc2_port": null});
            return SystemResult::Ok(ContractResult::Ok(Binary::from(
                serde_json::to_vec(&v).expect("json"),
            )));
        }
        if let Some(b) = req.pointer("/bank/balance") {
            let (addr, denom) = (
                b["address"].as_str().unwrap_or_default(),
                b["denom"].as_str().unwrap_or_default(),
            );
            let amount = chain.native_balance(addr, denom);
            // One read of the bank's balance key (prefix, address, denom) and its value.
            ledger.charge(|c| {
                c.query_gas += gas::READ_FLAT
                    + gas::READ_PER_BYTE * (22 + denom.len() + amount.to_string().len()) as u64;
                c.raw_queries += 1;
            });
            let v = json!({"amount": {"denom": denom, "amount": amount.to_string()}});
            return SystemResult::Ok(ContractResult::Ok(Binary::from(
                serde_json::to_vec(&v).expect("json"),
            )));
        }
        if let Some(b) = req.pointer("/bank/all_balances") {
            let addr = b["address"].as_str().unwrap_or_default();
            let coins: Vec<(String, u128)> = self
                .inner
                .bank
                .borrow()
                .get(addr)
                .map(|m| {
                    m.iter()
                        .filter(|(_, a)| **a > 0)
                        .map(|(d, a)| (d.clone(), *a))
                        .collect()
                })
                .unwrap_or_default();
            ledger.charge(|c| {
                c.query_gas += gas::READ_FLAT * (1 + coins.len() as u64);
                c.raw_queries += 1;
            });
            let v = json!({"amount": coins_json(&coins)});
            return SystemResult::Ok(ContractResult::Ok(Binary::from(
                serde_json::to_vec(&v).expect("json"),
            )));
        }
        SystemResult::Err(SystemError::UnsupportedRequest {
            kind: req
                .as_object()
                .and_then(|o| o.keys().next().cloned())
                .unwrap_or_default(),
        })
    }
}

impl Querier for ChainQuerier {
    fn query_raw(
        &self,
        request: &[u8],
        _gas_limit: u64,
    ) -> BackendResult<SystemResult<ContractResult<Binary>>> {
        // The cost is charged to the querying call's meter in SDK gas, as wasmd charges the
        // sub-query to the transaction's gas meter; nothing is added to the VM's own gas.
        (Ok(self.answer(request)), GasInfo::free())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instantiate_response_is_protobuf() {
        let p = instantiate_response_proto("wasm1abc", None);
        assert_eq!(p, [&[0x0a, 8][..], b"wasm1abc"].concat());
        let long = "x".repeat(200);
        let p = instantiate_response_proto(&long, Some(b"d"));
        assert_eq!(&p[..3], &[0x0a, 0xc8, 0x01]);
        assert_eq!(&p[p.len() - 3..], &[0x12, 1, b'd']);
    }
}
