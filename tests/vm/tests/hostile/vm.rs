//! Calling one entry point of a deployed artifact with arbitrary bytes.
//!
//! The chain (`flow_vm::Chain`) only takes messages as `serde_json::Value`, which cannot
//! carry what this harness needs to send (random bytes, invalid UTF-8, truncated JSON,
//! numbers beyond f64, duplicate keys …). So the entry point is called here, directly in
//! cosmwasm-vm, with the message bytes as they are: on the contract's storage on the
//! chain (the same `BTreeMap` the chain's calls use), with the chain's address API, and a
//! querier that answers the contract's queries from the chain (smart queries run the
//! other contract's wasm through `Chain::query`, raw queries read its storage, bank
//! queries read the chain's bank). Each call has a fixed gas limit, like a chain's
//! transaction or smart query; storage is charged to it at wasmd's KV prices.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cosmwasm_vm::{
    call_execute_raw, call_instantiate_raw, call_query_raw, Backend, BackendError, BackendResult,
    Cache, CacheOptions, GasInfo, InstanceOptions, Querier, Size, Storage, VmError,
};
use flow_vm::api::ChainApi;
use flow_vm::chain::{ChainError, CAPABILITIES, CHAIN_ID};
use flow_vm::gas::{self, GAS_MULTIPLIER};
use flow_vm::storage::{Kv, KvRef};
use flow_vm::Chain;
use serde_json::{json, Value};
use vmstd::{Binary, Checksum, ContractResult, Order, Record, SystemError, SystemResult};

/// The SDK gas an `execute` or `instantiate` may use: a generous transaction (wasmd
/// chains commonly cap a block at 100M; a transaction asks for far less).
pub const TX_GAS_LIMIT: u64 = 50_000_000;
/// The SDK gas a smart query may use: wasmd's default `SmartQueryGasLimit`.
pub const QUERY_GAS_LIMIT: u64 = 3_000_000;
/// Inputs at least this long may run out of gas (that is what gas is for); a shorter one
/// running out of gas is a failure: a small message must not burn a transaction's gas.
pub const HUGE_INPUT: usize = 64 * 1024;

type HostileCache = Cache<ChainApi, HostileStorage, HostileQuerier>;

/// The harness's own compiled-module cache (the chain's is private to it): under
/// `target/flow-vm-hostile/p<pid>`, removed by the next run once this process is gone.
fn cache() -> &'static HostileCache {
    static CACHE: OnceLock<HostileCache> = OnceLock::new();
    CACHE.get_or_init(|| {
        let root = flow_vm::artifacts::target_dir().join("flow-vm-hostile");
        remove_stale(&root);
        let dir = root.join(format!("p{}", std::process::id()));
        let capabilities: HashSet<String> = CAPABILITIES.split(',').map(String::from).collect();
        // wasmd's defaults: 32 MiB of memory per instance.
        let options = CacheOptions::new(dir, capabilities, Size::mebi(200), Size::mebi(32));
        // SAFETY: the directory is this process's own; nothing else writes to it.
        unsafe { Cache::new(options) }.expect("a VM cache")
    })
}

fn remove_stale(root: &Path) {
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

/// Compiles (once per process) and pins an artifact; returns its checksum.
pub fn load(name: &str) -> Checksum {
    static LOADED: OnceLock<std::sync::Mutex<HashMap<String, Checksum>>> = OnceLock::new();
    let loaded = LOADED.get_or_init(Default::default);
    if let Some(c) = loaded.lock().expect("lock").get(name) {
        return *c;
    }
    let wasm = flow_vm::artifacts::wasm(name);
    let checksum = cache()
        .store_code(&wasm, true, true)
        .unwrap_or_else(|e| panic!("storing {name}: {e}"));
    cache()
        .pin(&checksum)
        .unwrap_or_else(|e| panic!("pinning {name}: {e}"));
    loaded
        .lock()
        .expect("lock")
        .insert(name.to_string(), checksum);
    checksum
}

// ---------------------------------------------------------------------------- storage

struct Iter {
    start: Option<Vec<u8>>,
    end: Option<Vec<u8>>,
    order: Order,
    last: Option<Vec<u8>>,
}

/// A contract's storage on the chain, charging wasmd's KV gas to the running call.
pub struct HostileStorage {
    kv: KvRef,
    iterators: HashMap<u32, Iter>,
}

fn next_entry(kv: &Kv, it: &Iter) -> Option<Record> {
    let ascending = matches!(it.order, Order::Ascending);
    let lower: Bound<&[u8]> = match (&it.last, ascending) {
        (Some(k), true) => Bound::Excluded(k),
        _ => it
            .start
            .as_deref()
            .map_or(Bound::Unbounded, Bound::Included),
    };
    let upper: Bound<&[u8]> = match (&it.last, ascending) {
        (Some(k), false) => Bound::Excluded(k),
        _ => it.end.as_deref().map_or(Bound::Unbounded, Bound::Excluded),
    };
    if let (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) =
        (lower, upper)
    {
        let both_included = matches!((lower, upper), (Bound::Included(_), Bound::Included(_)));
        if a > b || (a == b && !both_included) {
            return None;
        }
    }
    let mut range = kv.range::<[u8], _>((lower, upper));
    let entry = if ascending {
        range.next()
    } else {
        range.next_back()
    };
    entry.map(|(k, v)| (k.clone(), v.clone()))
}

fn sdk_gas(sdk: u64) -> GasInfo {
    GasInfo::with_cost(sdk * GAS_MULTIPLIER)
}

impl Storage for HostileStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let value = self.kv.borrow().get(key).cloned();
        let g = gas::read_gas(key.len(), value.as_ref().map_or(0, Vec::len));
        (Ok(value), sdk_gas(g))
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> BackendResult<u32> {
        let it = Iter {
            start: start.map(<[u8]>::to_vec),
            end: end.map(<[u8]>::to_vec),
            order,
            last: None,
        };
        let first = next_entry(&self.kv.borrow(), &it);
        let g = gas::seek_gas(first.as_ref().map(|(k, v)| (k.len(), v.len())));
        let id = self.iterators.len() as u32 + 1;
        self.iterators.insert(id, it);
        (Ok(id), sdk_gas(g))
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<Record>> {
        let Some(it) = self.iterators.get_mut(&iterator_id) else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        let entry = next_entry(&self.kv.borrow(), it);
        let mut g = 0;
        if let Some((k, v)) = &entry {
            g = gas::seek_gas(Some((k.len(), v.len())));
            it.last = Some(k.clone());
        }
        (Ok(entry), sdk_gas(g))
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        self.kv.borrow_mut().insert(key.to_vec(), value.to_vec());
        (Ok(()), sdk_gas(gas::write_gas(key.len(), value.len())))
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        self.kv.borrow_mut().remove(key);
        (Ok(()), sdk_gas(gas::DELETE_COST))
    }
}

// ---------------------------------------------------------------------------- querier

/// Answers a contract's queries from the chain.
pub struct HostileQuerier {
    chain: Chain,
}

impl HostileQuerier {
    fn answer(&self, request: &[u8]) -> (SystemResult<ContractResult<Binary>>, u64) {
        let invalid = |error: String| {
            SystemResult::Err(SystemError::InvalidRequest {
                error,
                request: Binary::from(request),
            })
        };
        let req: Value = match serde_json::from_slice(request) {
            Ok(v) => v,
            Err(e) => return (invalid(e.to_string()), 0),
        };
        let no_contract = |addr: &str| SystemError::NoSuchContract { addr: addr.into() };
        if let Some(s) = req.pointer("/wasm/smart") {
            let addr = s["contract_addr"].as_str().unwrap_or_default();
            if self.chain.code_of(addr).is_none() {
                return (SystemResult::Err(no_contract(addr)), 0);
            }
            let msg = Binary::from_base64(s["msg"].as_str().unwrap_or_default())
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            let Some(msg) = msg else {
                return (invalid("the query is not JSON".into()), 0);
            };
            return match self.chain.query_with_cost(addr, &msg) {
                Ok((v, cost)) => (
                    SystemResult::Ok(ContractResult::Ok(Binary::from(
                        serde_json::to_vec(&v).expect("json"),
                    ))),
                    gas::INSTANCE_COST_DISCOUNT + cost.total(),
                ),
                Err(ChainError::Contract { msg, .. }) => {
                    (SystemResult::Ok(ContractResult::Err(msg)), 0)
                }
                Err(e) => (SystemResult::Ok(ContractResult::Err(e.to_string())), 0),
            };
        }
        if let Some(r) = req.pointer("/wasm/raw") {
            let addr = r["contract_addr"].as_str().unwrap_or_default();
            let Some(kv) = self.chain.storage(addr) else {
                return (SystemResult::Err(no_contract(addr)), 0);
            };
            let Ok(key) = Binary::from_base64(r["key"].as_str().unwrap_or_default()) else {
                return (invalid("bad key".into()), 0);
            };
            let value = kv.borrow().get(key.as_slice()).cloned().unwrap_or_default();
            let g = gas::read_gas(key.len(), value.len());
            return (SystemResult::Ok(ContractResult::Ok(Binary::from(value))), g);
        }
        if let Some(b) = req.pointer("/bank/balance") {
            let (addr, denom) = (
                b["address"].as_str().unwrap_or_default(),
                b["denom"].as_str().unwrap_or_default(),
            );
            let amount = self.chain.native_balance(addr, denom);
            let v = json!({"amount": {"denom": denom, "amount": amount.to_string()}});
            return (
                SystemResult::Ok(ContractResult::Ok(Binary::from(
                    serde_json::to_vec(&v).expect("json"),
                ))),
                gas::READ_FLAT,
            );
        }
        let kind = req
            .as_object()
            .and_then(|o| o.keys().next().cloned())
            .unwrap_or_default();
        (
            SystemResult::Err(SystemError::UnsupportedRequest { kind }),
            0,
        )
    }
}

impl Querier for HostileQuerier {
    fn query_raw(
        &self,
        request: &[u8],
        _gas_limit: u64,
    ) -> BackendResult<SystemResult<ContractResult<Binary>>> {
        let (answer, sdk) = self.answer(request);
        (
            Ok(answer),
            GasInfo::with_externally_used(sdk * GAS_MULTIPLIER),
        )
    }
}

// ---------------------------------------------------------------------------- calls

/// An entry point and what it is given besides the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryPoint {
    Instantiate,
    Execute,
    Query,
}

impl EntryPoint {
    pub fn name(self) -> &'static str {
        match self {
            EntryPoint::Instantiate => "instantiate",
            EntryPoint::Execute => "execute",
            EntryPoint::Query => "query",
        }
    }
}

/// How a call ended, as the chain would see it.
#[derive(Debug)]
pub enum Verdict {
    /// `{"ok": …}` that deserializes as the VM's `Response` (or query `Binary` of JSON).
    Ok,
    /// `{"error": …}`: the contract refused.
    ContractErr(String),
    /// Out of gas.
    OutOfGas,
    /// Anything else the VM reports (a trap, an abort, a panic, a bad result …).
    VmFailure(String),
}

/// The env a chain would pass at the chain's current block.
pub fn env(chain: &Chain, contract: &str, with_tx: bool) -> Vec<u8> {
    let b = chain.block();
    let mut env = json!({
        "block": {"height": b.height, "time": b.time.to_string(), "chain_id": CHAIN_ID},
        "contract": {"address": contract},
    });
    if with_tx {
        env["transaction"] = json!({"index": 0});
    }
    serde_json::to_vec(&env).expect("json")
}

/// `MessageInfo` as JSON.
pub fn info(sender: &str, funds: &[(&str, u128)]) -> Vec<u8> {
    let funds: Vec<Value> = funds
        .iter()
        .map(|(d, a)| json!({"denom": d, "amount": a.to_string()}))
        .collect();
    serde_json::to_vec(&json!({"sender": sender, "funds": funds})).expect("json")
}

/// Runs `entry` of `code` at `contract` (storage `kv`) with `msg`, as is.
pub fn call(
    chain: &Chain,
    code: &Checksum,
    contract: &str,
    kv: KvRef,
    entry: EntryPoint,
    info: &[u8],
    msg: &[u8],
) -> Verdict {
    let backend = Backend {
        api: ChainApi,
        storage: HostileStorage {
            kv,
            iterators: HashMap::new(),
        },
        querier: HostileQuerier {
            chain: chain.clone(),
        },
    };
    let gas_limit = match entry {
        EntryPoint::Query => QUERY_GAS_LIMIT,
        _ => TX_GAS_LIMIT,
    } * GAS_MULTIPLIER;
    let env = env(chain, contract, entry != EntryPoint::Query);
    let run = || -> Result<Vec<u8>, VmError> {
        let mut instance = cache().get_instance(code, backend, InstanceOptions { gas_limit })?;
        match entry {
            EntryPoint::Instantiate => call_instantiate_raw(&mut instance, &env, info, msg),
            EntryPoint::Execute => call_execute_raw(&mut instance, &env, info, msg),
            EntryPoint::Query => call_query_raw(&mut instance, &env, msg),
        }
    };
    match run() {
        Ok(bytes) => judge_result(entry, &bytes),
        Err(VmError::GasDepletion { .. }) => Verdict::OutOfGas,
        Err(e) => Verdict::VmFailure(e.to_string()),
    }
}

/// What the VM (wasmvm) does with the result bytes: they must deserialize as
/// `ContractResult<Response>` (or `ContractResult<Binary>` for a query).
fn judge_result(entry: EntryPoint, bytes: &[u8]) -> Verdict {
    let bad = |e: String| {
        Verdict::VmFailure(format!(
            "the result does not deserialize ({e}): {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        ))
    };
    if entry == EntryPoint::Query {
        return match serde_json::from_slice::<ContractResult<Binary>>(bytes) {
            Ok(ContractResult::Ok(bin)) => match serde_json::from_slice::<Value>(&bin) {
                Ok(_) => Verdict::Ok,
                Err(e) => bad(format!("query answer is not JSON: {e}")),
            },
            Ok(ContractResult::Err(e)) => Verdict::ContractErr(e),
            Err(e) => bad(e.to_string()),
        };
    }
    match serde_json::from_slice::<ContractResult<vmstd::Response>>(bytes) {
        Ok(ContractResult::Ok(_)) => Verdict::Ok,
        Ok(ContractResult::Err(e)) => Verdict::ContractErr(e),
        Err(e) => bad(e.to_string()),
    }
}

/// A copy of every contract's storage on the chain.
pub fn snapshot(chain: &Chain, contracts: &[String]) -> BTreeMap<String, Kv> {
    contracts
        .iter()
        .map(|c| {
            let kv = chain.storage(c).expect("a contract");
            let copy = kv.borrow().clone();
            (c.clone(), copy)
        })
        .collect()
}

/// Puts every contract's storage back as it was.
pub fn restore(chain: &Chain, snap: &BTreeMap<String, Kv>) {
    for (c, kv) in snap {
        let live = chain.storage(c).expect("a contract");
        if *live.borrow() != *kv {
            *live.borrow_mut() = kv.clone();
        }
    }
}

/// The keys that differ between a snapshot and the chain now (for reports).
pub fn diff(chain: &Chain, snap: &BTreeMap<String, Kv>) -> Vec<String> {
    let mut out = vec![];
    for (c, before) in snap {
        let now = chain.storage(c).expect("a contract");
        let now = now.borrow();
        let keys: std::collections::BTreeSet<&Vec<u8>> = before.keys().chain(now.keys()).collect();
        for k in keys {
            if before.get(k) != now.get(k) {
                out.push(format!("{c}: {}", flow_vm::storage::show_key(k)));
            }
        }
    }
    out
}
