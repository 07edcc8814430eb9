//! A contract's storage: a `BTreeMap` that charges what wasmd's gas store charges
//! (`gas.rs`) to the call that is running, counts the operations, and journals every change
//! so that a failed transaction (or a failed submessage) can be rolled back.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::rc::Rc;

use cosmwasm_vm::{BackendError, BackendResult, GasInfo, Storage};
use vmstd::{Order, Record};

use crate::gas::{self, Cost};

/// The key-value data of one contract.
pub type Kv = BTreeMap<Vec<u8>, Vec<u8>>;
/// Shared handle on a contract's data (the chain and the running instance both hold it).
pub type KvRef = Rc<RefCell<Kv>>;

/// One change, with what it replaced.
pub(crate) enum Undo {
    Kv {
        kv: KvRef,
        key: Vec<u8>,
        old: Option<Vec<u8>>,
    },
    Bank {
        address: String,
        denom: String,
        old: u128,
    },
    Created(String),
}

/// What every storage and every call of the chain share: the cost meters of the calls in
/// progress (a stack: a sub-query runs on top of the call that made it) and the journal.
#[derive(Default)]
pub(crate) struct Ledger {
    meters: RefCell<Vec<Cost>>,
    /// Per call in progress: the codes of the contracts it smart-queried, in order.
    queried: RefCell<Vec<Vec<u64>>>,
    journal: RefCell<Vec<Undo>>,
    /// Off while populating large states, where nothing is expected to fail.
    journaling: Cell<bool>,
    /// Every operation, while a log is being taken.
    log: RefCell<Option<Vec<Op>>>,
    /// Frame ids of the calls in progress (parallel to `meters`), and the last id given.
    frames: RefCell<Vec<u32>>,
    last_frame: Cell<u32>,
}

/// One logged operation: a storage access (or a raw query) with its key, sizes and gas, or
/// the start of a call (`key` empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    /// `read`, `write`, `delete`, `scan`, `next`, `raw-q`, or the call (`execute distributor`).
    pub what: String,
    /// The key, as text where it is text.
    pub key: String,
    pub key_len: usize,
    pub value_len: usize,
    /// SDK gas.
    pub gas: u64,
    /// The call (or query) it belongs to: a number unique in the log.
    pub frame: u32,
    /// 1 for a call of the message, 2 and more for the queries it made.
    pub depth: usize,
}

impl Op {
    /// Whether this is the start of a call rather than an operation.
    pub fn is_call(&self) -> bool {
        self.key_len == 0 && self.gas == 0
    }
}

impl Ledger {
    pub fn new() -> Self {
        let l = Self::default();
        l.journaling.set(true);
        l
    }

    /// Charges the call on top of the stack (no call running: nothing to charge).
    pub fn charge(&self, f: impl FnOnce(&mut Cost)) {
        if let Some(top) = self.meters.borrow_mut().last_mut() {
            f(top);
        }
    }

    pub fn push_meter(&self) {
        self.meters.borrow_mut().push(Cost::default());
        self.queried.borrow_mut().push(vec![]);
        self.last_frame.set(self.last_frame.get() + 1);
        self.frames.borrow_mut().push(self.last_frame.get());
    }

    /// The finished call's cost and the codes it smart-queried.
    pub fn pop_meter(&self) -> (Cost, Vec<u64>) {
        let cost = self
            .meters
            .borrow_mut()
            .pop()
            .expect("a meter for every call");
        let queried = self.queried.borrow_mut().pop().unwrap_or_default();
        self.frames.borrow_mut().pop();
        (cost, queried)
    }

    /// The running call smart-queried these codes (the queried contract's, then the ones
    /// that query queried in turn).
    pub fn queried(&self, codes: impl IntoIterator<Item = u64>) {
        if let Some(top) = self.queried.borrow_mut().last_mut() {
            top.extend(codes);
        }
    }

    pub fn set_journaling(&self, on: bool) {
        self.journaling.set(on);
        if !on {
            self.journal.borrow_mut().clear();
        }
    }

    pub fn record(&self, undo: impl FnOnce() -> Undo) {
        if self.journaling.get() {
            self.journal.borrow_mut().push(undo());
        }
    }

    /// Starts logging every operation.
    pub fn start_log(&self) {
        *self.log.borrow_mut() = Some(vec![]);
    }

    /// Stops logging; returns what was logged.
    pub fn take_log(&self) -> Vec<Op> {
        self.log.borrow_mut().take().unwrap_or_default()
    }

    /// A storage operation: traced and logged.
    pub fn note(&self, what: &str, key: &[u8], value_len: usize, gas: u64) {
        if tracing() {
            eprintln!(
                "  {what:<6} {gas:>6} gas  key {:>3} B  value {value_len:>4} B  {}",
                key.len(),
                show_key(key)
            );
        }
        if let Some(log) = self.log.borrow_mut().as_mut() {
            log.push(Op {
                what: what.to_string(),
                key: show_key(key),
                key_len: key.len(),
                value_len,
                gas,
                frame: self.frames.borrow().last().copied().unwrap_or_default(),
                depth: self.frames.borrow().len(),
            });
        }
    }

    /// The start of a call or query (after its `push_meter`).
    pub fn note_call(&self, what: String) {
        if tracing() {
            eprintln!("{what}");
        }
        if let Some(log) = self.log.borrow_mut().as_mut() {
            log.push(Op {
                what,
                key: String::new(),
                key_len: 0,
                value_len: 0,
                gas: 0,
                frame: self.frames.borrow().last().copied().unwrap_or_default(),
                depth: self.frames.borrow().len(),
            });
        }
    }

    /// A point to roll back to.
    pub fn savepoint(&self) -> usize {
        self.journal.borrow().len()
    }

    /// Undoes every change made since `savepoint`; returns the contracts created since
    /// (the caller forgets them).
    pub fn rollback(
        &self,
        savepoint: usize,
        bank: &mut BTreeMap<String, BTreeMap<String, u128>>,
    ) -> Vec<String> {
        let mut created = vec![];
        let undone: Vec<Undo> = self.journal.borrow_mut().drain(savepoint..).collect();
        for undo in undone.into_iter().rev() {
            match undo {
                Undo::Kv { kv, key, old } => {
                    let mut kv = kv.borrow_mut();
                    match old {
                        Some(v) => kv.insert(key, v),
                        None => kv.remove(&key),
                    };
                }
                Undo::Bank {
                    address,
                    denom,
                    old,
                } => {
                    bank.entry(address).or_default().insert(denom, old);
                }
                Undo::Created(address) => created.push(address),
            }
        }
        created
    }

    /// Forgets the journal (a transaction went through).
    pub fn commit(&self) {
        self.journal.borrow_mut().clear();
    }
}

struct Iter {
    start: Option<Vec<u8>>,
    end: Option<Vec<u8>>,
    order: Order,
    /// The last key returned.
    last: Option<Vec<u8>>,
}

static TRACE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(2);

/// Whether every call and storage operation (key, sizes, gas) is printed to stderr: off
/// unless `FLOW_VM_TRACE=1` or `set_trace(true)`.
pub fn tracing() -> bool {
    use std::sync::atomic::Ordering;
    match TRACE.load(Ordering::Relaxed) {
        2 => {
            let on = std::env::var_os("FLOW_VM_TRACE").is_some_and(|v| v != "0");
            TRACE.store(on as u8, Ordering::Relaxed);
            on
        }
        v => v == 1,
    }
}

/// Turns the trace on or off.
pub fn set_trace(on: bool) {
    TRACE.store(on as u8, std::sync::atomic::Ordering::Relaxed);
}

/// A key as text where it is text (cw-storage-plus namespaces are), `\xNN` elsewhere.
pub fn show_key(key: &[u8]) -> String {
    key.iter()
        .map(|&b| {
            // Backticks, pipes and backslashes as hex too: the text goes into markdown.
            if b.is_ascii_graphic() && !b"`|\\".contains(&b) {
                (b as char).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

/// The `Storage` a VM instance runs on.
pub struct MeteredStorage {
    kv: KvRef,
    ledger: Rc<Ledger>,
    iterators: HashMap<u32, Iter>,
}

impl MeteredStorage {
    pub(crate) fn new(kv: KvRef, ledger: Rc<Ledger>) -> Self {
        Self {
            kv,
            ledger,
            iterators: HashMap::new(),
        }
    }
}

/// The entry after `it.last` (or the first one) within the iterator's bounds.
fn next_entry(kv: &Kv, it: &Iter) -> Option<(Vec<u8>, Vec<u8>)> {
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
    // BTreeMap::range panics on an inverted range: that is an empty one here.
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

impl Storage for MeteredStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let value = self.kv.borrow().get(key).cloned();
        let len = value.as_ref().map_or(0, Vec::len);
        let g = gas::read_gas(key.len(), len);
        self.ledger.note("read", key, len, g);
        self.ledger.charge(|c| {
            c.reads += 1;
            c.storage_gas += g;
        });
        (Ok(value), GasInfo::free())
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
        // Creating the iterator seeks to its first entry (gaskv charges that seek).
        let first = next_entry(&self.kv.borrow(), &it);
        let g = gas::seek_gas(first.as_ref().map(|(k, v)| (k.len(), v.len())));
        self.ledger.note(
            "scan",
            start.unwrap_or_default(),
            first.as_ref().map_or(0, |(_, v)| v.len()),
            g,
        );
        self.ledger.charge(|c| {
            c.scans += 1;
            c.storage_gas += g;
        });
        let id = self.iterators.len() as u32 + 1;
        self.iterators.insert(id, it);
        (Ok(id), GasInfo::free())
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<Record>> {
        let Some(it) = self.iterators.get_mut(&iterator_id) else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        let entry = next_entry(&self.kv.borrow(), it);
        if let Some((k, v)) = &entry {
            // `Next` charges the entry it leaves; past the end wasmvm returns at once.
            let g = gas::seek_gas(Some((k.len(), v.len())));
            self.ledger.note("next", k, v.len(), g);
            self.ledger.charge(|c| {
                c.steps += 1;
                c.storage_gas += g;
            });
            it.last = Some(k.clone());
        }
        (Ok(entry), GasInfo::free())
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        let old = self.kv.borrow_mut().insert(key.to_vec(), value.to_vec());
        self.ledger.record(|| Undo::Kv {
            kv: self.kv.clone(),
            key: key.to_vec(),
            old,
        });
        let g = gas::write_gas(key.len(), value.len());
        self.ledger.note("write", key, value.len(), g);
        self.ledger.charge(|c| {
            c.writes += 1;
            c.storage_gas += g;
        });
        (Ok(()), GasInfo::free())
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        let old = self.kv.borrow_mut().remove(key);
        self.ledger.record(|| Undo::Kv {
            kv: self.kv.clone(),
            key: key.to_vec(),
            old,
        });
        self.ledger.note("delete", key, 0, gas::DELETE_COST);
        self.ledger.charge(|c| {
            c.deletes += 1;
            c.storage_gas += gas::DELETE_COST;
        });
        (Ok(()), GasInfo::free())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage() -> (MeteredStorage, Rc<Ledger>) {
        let ledger = Rc::new(Ledger::new());
        (
            MeteredStorage::new(KvRef::default(), ledger.clone()),
            ledger,
        )
    }

    #[test]
    fn operations_are_charged_like_the_gas_store() {
        let (mut s, ledger) = storage();
        ledger.push_meter();
        s.set(b"key", b"value").0.unwrap();
        assert_eq!(s.get(b"key").0.unwrap(), Some(b"value".to_vec()));
        assert_eq!(s.get(b"nope").0.unwrap(), None);
        s.remove(b"key").0.unwrap();
        let (c, _) = ledger.pop_meter();
        assert_eq!((c.reads, c.writes, c.deletes), (2, 1, 1));
        let expected = (2_000 + 30 * (33 + 3 + 5))
            + (1_000 + 3 * (33 + 3 + 5))
            + (1_000 + 3 * (33 + 4))
            + 1_000;
        assert_eq!(c.storage_gas, expected);
    }

    #[test]
    fn iterators_walk_both_ways_within_bounds() {
        let (mut s, ledger) = storage();
        for k in [b"a", b"b", b"c", b"d"] {
            s.set(k, b"1").0.unwrap();
        }
        ledger.push_meter();
        let collect = |s: &mut MeteredStorage, start: Option<&[u8]>, end: Option<&[u8]>, o| {
            let id = s.scan(start, end, o).0.unwrap();
            let mut keys = vec![];
            while let Some((k, _)) = s.next(id).0.unwrap() {
                keys.push(String::from_utf8(k).unwrap());
            }
            keys.join("")
        };
        assert_eq!(
            collect(&mut s, Some(b"b"), Some(b"d"), Order::Ascending),
            "bc"
        );
        assert_eq!(collect(&mut s, Some(b"b"), None, Order::Descending), "dcb");
        assert_eq!(collect(&mut s, None, Some(b"c"), Order::Descending), "ba");
        assert_eq!(
            collect(&mut s, Some(b"c"), Some(b"c"), Order::Ascending),
            ""
        );
        assert_eq!(
            collect(&mut s, Some(b"d"), Some(b"a"), Order::Ascending),
            ""
        );
        let (c, _) = ledger.pop_meter();
        assert_eq!((c.scans, c.steps), (5, 7));
        // Each seek on an entry: 30 + 3 × (33 + 1 + 1); the two empty scans: 30.
        assert_eq!(c.storage_gas, (3 + 7) * (30 + 3 * 35) + 2 * 30);
    }

    #[test]
    fn a_rollback_restores_what_was_there() {
        let (mut s, ledger) = storage();
        s.set(b"k", b"old").0.unwrap();
        ledger.commit();
        let sp = ledger.savepoint();
        s.set(b"k", b"new").0.unwrap();
        s.set(b"n", b"x").0.unwrap();
        s.remove(b"k").0.unwrap();
        ledger.rollback(sp, &mut BTreeMap::new());
        assert_eq!(s.get(b"k").0.unwrap(), Some(b"old".to_vec()));
        assert_eq!(s.get(b"n").0.unwrap(), None);
    }
}
