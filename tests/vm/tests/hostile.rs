//! Hostile input on the real wasm.
//!
//! Each cw-flow artifact (need-registry, attestation, flow-token, distributor) gets
//! thousands of malformed and adversarial messages at `instantiate`, `execute` and
//! `query`, in cosmwasm-vm, on a populated chain (`hostile/state.rs`: Holon Alpha after a
//! closed and claimed cycle, attestations in every state, and Holon Beta whose tokens
//! Alpha accepts and holds), from different senders (members, a stranger, governance,
//! other contracts).
//!
//! The inputs (`hostile/gen.rs`, seeded and deterministic): a fixed corpus (empty, `null`,
//! BOM, unclosed, 127…100,000-deep nesting, 1 MiB strings and keys); well-formed examples
//! of every variant read from `schema/<contract>/<contract>.json`, and hand-written
//! messages that succeed or fail deep in the contract (the seeds, `hostile/targets.rs`);
//! every string field of those, one at a time, made 65,600 and 131,200 bytes long; and, at random, the
//! examples and seeds as they are or with one field changed to a hostile value (numbers
//! beyond u64/u128/f64, `1e400`, boundary and malformed Decimals and Uint128s, upper-case
//! and foreign-prefix addresses, lone surrogates, long strings, wrong types), removed,
//! renamed, given an unknown sibling, wrapped, nested 100,000 deep or made 1 MiB long;
//! wrong shapes (unknown and duplicated variants, duplicate keys, wrong body types);
//! truncation, invalid UTF-8, flipped bits and bad escapes; random bytes; hostile payloads
//! inside `Binary` fields (the cw20 `send` / `receive` message); every string replaced at
//! once.
//!
//! The oracle: every call ends in the contract's `{"ok": …}` (which must deserialize as the
//! VM's `Response`, or a query's JSON) or its `{"error": …}` — never a VM error (trap,
//! abort, panic, host refusal, unreadable result). Out of gas (each call has a chain's gas
//! limit, see `hostile/vm.rs`) is accepted only for inputs of 64 KiB or more. A query never
//! changes storage. Whether a contract wrote state before returning an error is counted
//! ("wrote, then erred"). Every message the contract accepts, and every error after which
//! it had written, is run again as a transaction on the chain (submessages and replies
//! dispatched to the other contracts): no VM error anywhere, and when the transaction
//! fails, every contract's storage is byte for byte what it was.
//!
//! `FLOW_HOSTILE_INPUTS` (default 4,000) random inputs per contract, split 20/50/30 over
//! instantiate/execute/query, on top of the fixed ones; `FLOW_HOSTILE_SEED` picks another
//! sequence. The summary table prints with `-- --nocapture`.

#[path = "hostile/gen.rs"]
mod gen;
#[path = "hostile/state.rs"]
mod state;
#[path = "hostile/targets.rs"]
mod targets;
#[path = "hostile/vm.rs"]
mod vm;

use std::collections::BTreeMap;
use std::time::Instant;

use flow_vm::api::{self, account};
use flow_vm::holon::DENOM;
use flow_vm::storage::KvRef;
use flow_vm::{ChainError, Holon, HolonSpec};
use gen::{Ctx, Rng, Schema};
use serde_json::{json, Value};
use state::World;
use targets::{Base, Target};
use vm::{EntryPoint, Verdict};

const DEFAULT_INPUTS: usize = 4_000;
const DEFAULT_SEED: u64 = 0xF10F_5EED;
/// The lengths of the long-string sweep: just over the VM's 64 KiB storage-key limit (and
/// cw-storage-plus's 0xFFFF-byte key namespace components), and just over its 128 KiB
/// storage-value limit.
const LONG_STRINGS: [usize; 2] = [65_600, 131_200];

/// A VM failure this harness found that is not fixed yet: reported in SECURITY.md
/// ("Hostile input on the real wasm") and reproduced by the ignored `regression_*` test it
/// names (at the end of this file). A failure that matches one (contract, entry point,
/// variant, error, and an input of 64 KiB or more) is counted as known and listed; any
/// other VM failure fails the test. Remove the entry, and the test's `#[ignore]`, with the
/// fix.
struct Known {
    contract: &'static str,
    entry: EntryPoint,
    variants: &'static [&'static str],
    error: &'static str,
    regression: &'static str,
}

// Every finding of the harness is fixed (see SECURITY.md); a new one goes here with its
// regression test until its fix lands.
const KNOWN: [Known; 0] = [];

fn known(contract: &str, entry: EntryPoint, input: &Input, error: &str) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|k| {
            k.contract == contract
                && k.entry == entry
                && input.bytes.len() >= 64 * 1024
                && input
                    .variant
                    .as_deref()
                    .is_some_and(|v| k.variants.contains(&v))
                && error.contains(k.error)
        })
        .map(|k| k.regression)
}

const ENTRY_POINTS: [EntryPoint; 3] = [
    EntryPoint::Instantiate,
    EntryPoint::Execute,
    EntryPoint::Query,
];

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => {
            let v = v.trim();
            let parsed = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
        }
        Err(_) => default,
    }
}

// ---------------------------------------------------------------------------- report

#[derive(Default, Clone, Copy)]
struct Tally {
    tried: usize,
    ok: usize,
    contract_err: usize,
    out_of_gas: usize,
    vm_failures: usize,
    known: usize,
    dirty_errors: usize,
    chain_ok: usize,
    chain_err: usize,
    max_input: usize,
}

#[derive(Default)]
struct VariantTally {
    examples: usize,
    past_parsing: usize,
    ok: usize,
}

struct Failure {
    contract: &'static str,
    entry: EntryPoint,
    what: String,
    sender: String,
    input: Vec<u8>,
    error: String,
    /// The regression test of the known finding it is.
    known: Option<&'static str>,
}

#[derive(Default)]
struct Report {
    tallies: BTreeMap<(&'static str, EntryPoint), Tally>,
    variants: BTreeMap<(&'static str, EntryPoint, String), VariantTally>,
    failures: Vec<Failure>,
    /// Contract errors after which the contract's own storage had changed.
    dirty: Vec<String>,
}

/// One hostile message, ready to send.
struct Input {
    what: String,
    variant: Option<String>,
    valid_example: bool,
    sender: String,
    funds: Vec<(String, u128)>,
    bytes: Vec<u8>,
}

// ---------------------------------------------------------------------------- generation

struct Generator<'a> {
    ctx: &'a Ctx,
    target: &'a Target,
    entry: EntryPoint,
    schema: Schema,
    variants: Vec<(String, Value)>,
    rng: Rng,
    huge_left: usize,
}

impl Generator<'_> {
    fn sender(&mut self) -> String {
        match self.entry {
            EntryPoint::Query => String::new(),
            EntryPoint::Instantiate => {
                let s = [
                    self.ctx.governance.clone(),
                    self.ctx.members[0].clone(),
                    self.ctx.stranger.clone(),
                    self.ctx.contract("distributor").to_string(),
                ];
                self.rng.pick(&s).clone()
            }
            EntryPoint::Execute => self.rng.pick(&self.target.senders).clone(),
        }
    }

    fn funds(&mut self) -> Vec<(String, u128)> {
        if self.entry == EntryPoint::Query || !self.rng.chance(10) {
            return vec![];
        }
        match self.rng.below(3) {
            0 => vec![(DENOM.to_string(), 1_000)],
            1 => vec![("uatom".to_string(), 5)],
            _ => vec![(DENOM.to_string(), 1), ("uatom".to_string(), 1)],
        }
    }

    fn example_of(&mut self, i: usize) -> Base {
        let (variant, node) = self.variants[i].clone();
        let value = self.schema.example(&node, "", self.ctx, &mut self.rng, 0);
        Base {
            variant,
            value,
            sender: None,
            funds: vec![],
        }
    }

    fn base(&mut self) -> Base {
        let seeds: Vec<&Base> = self
            .target
            .seeds
            .iter()
            .filter(|(e, _)| *e == self.entry)
            .map(|(_, b)| b)
            .collect();
        if !seeds.is_empty() && self.rng.chance(50) {
            return (*self.rng.pick(&seeds)).clone();
        }
        let i = self.rng.below(self.variants.len());
        self.example_of(i)
    }

    fn input(&mut self, base: &Base, what: String, valid: bool, bytes: Vec<u8>) -> Input {
        let sender = match &base.sender {
            Some(s) if self.entry != EntryPoint::Query => s.clone(),
            _ => self.sender(),
        };
        let funds = if base.funds.is_empty() {
            self.funds()
        } else {
            base.funds.clone()
        };
        Input {
            what,
            variant: Some(base.variant.clone()),
            valid_example: valid,
            sender,
            funds,
            bytes,
        }
    }

    /// Everything that does not come from the PRNG: the corpus, three examples of every
    /// variant and every seed as it is.
    fn fixed(&mut self) -> Vec<Input> {
        let mut out = vec![];
        for (kind, bytes) in gen::corpus() {
            let sender = self.sender();
            out.push(Input {
                what: kind.to_string(),
                variant: None,
                valid_example: false,
                sender,
                funds: vec![],
                bytes,
            });
        }
        for i in 0..self.variants.len() {
            for _ in 0..3 {
                let base = self.example_of(i);
                let bytes = serde_json::to_vec(&base.value).expect("json");
                out.push(self.input(&base, "schema example".into(), true, bytes));
            }
        }
        let seeds: Vec<Base> = self
            .target
            .seeds
            .iter()
            .filter(|(e, _)| *e == self.entry)
            .map(|(_, b)| b.clone())
            .collect();
        for base in &seeds {
            let bytes = serde_json::to_vec(&base.value).expect("json");
            out.push(self.input(base, "seed".into(), true, bytes));
        }
        // Every string field, one at a time, just over 64 KiB and just over 128 KiB.
        let mut bases = seeds;
        for i in 0..self.variants.len() {
            for _ in 0..2 {
                let base = self.example_of(i);
                bases.push(base);
            }
        }
        for base in &bases {
            for len in LONG_STRINGS {
                for (bytes, d) in gen::long_strings(&base.value, len) {
                    let what = format!("long string in {}: {d}", base.variant);
                    out.push(self.input(base, what, false, bytes));
                }
            }
        }
        out
    }

    /// One input from the PRNG.
    fn random(&mut self) -> Input {
        let base = self.base();
        let valid = serde_json::to_vec(&base.value).expect("json");
        let roll = self.rng.below(100);
        if roll < 10 {
            let what = if base.sender.is_some() {
                "seed"
            } else {
                "schema example"
            };
            return self.input(&base, what.into(), true, valid);
        }
        let (bytes, what) = if roll < 56 {
            let allow_huge = self.huge_left > 0;
            let (b, d) = gen::mutate(&base.value, self.ctx, &mut self.rng, allow_huge);
            (b, format!("mutation of {}: {d}", base.variant))
        } else if roll < 63 {
            gen::structural(&base.value, &base.variant, &mut self.rng)
        } else if roll < 81 {
            let (b, d) = gen::damage(&valid, &mut self.rng);
            (b, format!("{d} {}", base.variant))
        } else if roll < 88 {
            (gen::random_bytes(&mut self.rng), "random bytes".to_string())
        } else if roll < 94 {
            self.payload(&base)
        } else {
            self.every_string(&base)
        };
        if bytes.len() >= vm::HUGE_INPUT {
            self.huge_left = self.huge_left.saturating_sub(1);
        }
        self.input(&base, what, false, bytes)
    }

    /// A hostile payload in a `Binary` field (base64 of JSON: the cw20 `send` message, the
    /// `receive` hook's message), else a one-field mutation.
    fn payload(&mut self, base: &Base) -> (Vec<u8>, String) {
        let mut v = base.value.clone();
        let body = v.get_mut(&base.variant);
        let Some(Value::Object(fields)) = body else {
            let (b, d) = gen::mutate(&base.value, self.ctx, &mut self.rng, false);
            return (b, format!("mutation of {}: {d}", base.variant));
        };
        let binary = fields.iter().find_map(|(k, val)| {
            let s = val.as_str()?;
            let bytes = vmstd::Binary::from_base64(s).ok()?;
            serde_json::from_slice::<Value>(&bytes).ok()?;
            Some(k.clone())
        });
        let Some(key) = binary else {
            let (b, d) = gen::mutate(&base.value, self.ctx, &mut self.rng, false);
            return (b, format!("mutation of {}: {d}", base.variant));
        };
        let inner_json = vmstd::Binary::from_base64(fields[&key].as_str().unwrap_or_default())
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .unwrap_or(Value::Null);
        let (inner, d) = match self.rng.below(4) {
            0 => {
                let (b, d) = gen::mutate(&inner_json, self.ctx, &mut self.rng, false);
                (b, format!("payload mutation: {d}"))
            }
            1 => {
                let valid = serde_json::to_vec(&inner_json).expect("json");
                let (b, d) = gen::damage(&valid, &mut self.rng);
                (b, format!("payload {d}"))
            }
            2 => (
                gen::nested(*self.rng.pick(&[129, 10_000, 100_000]), self.rng.chance(50))
                    .into_bytes(),
                "payload deeply nested".to_string(),
            ),
            _ => (
                gen::random_bytes(&mut self.rng),
                "payload random bytes".to_string(),
            ),
        };
        let encoded = vmstd::Binary::from(inner.clone()).to_base64();
        let what = format!(
            "{}.{key} = base64({}) [{d}]",
            base.variant,
            gen::preview(&inner)
        );
        if self.rng.chance(20) {
            // Not base64 at all.
            let junk = self
                .rng
                .pick(&["!!!", "====", "a", "\u{0}", "AAA"])
                .to_string();
            fields.insert(key.clone(), Value::String(junk.clone()));
            return (
                serde_json::to_vec(&v).expect("json"),
                format!("{}.{key} = {junk:?} (not base64)", base.variant),
            );
        }
        fields.insert(key, Value::String(encoded));
        (serde_json::to_vec(&v).expect("json"), what)
    }

    /// Every string in the message replaced by the same hostile string.
    fn every_string(&mut self, base: &Base) -> (Vec<u8>, String) {
        let scalars = self.ctx.hostile_scalars(&mut self.rng);
        let strings: Vec<&String> = scalars.iter().filter(|s| s.starts_with('"')).collect();
        let pick: String = (*self.rng.pick(&strings)).clone();
        let replacement: Value = serde_json::from_str(&pick).unwrap_or(Value::Null);
        fn walk(v: &mut Value, r: &Value) {
            match v {
                Value::String(_) => *v = r.clone(),
                Value::Array(a) => a.iter_mut().for_each(|x| walk(x, r)),
                Value::Object(m) => m.values_mut().for_each(|x| walk(x, r)),
                _ => {}
            }
        }
        let mut v = base.value.clone();
        walk(&mut v, &replacement);
        (
            serde_json::to_vec(&v).expect("json"),
            format!(
                "{}: every string → {}",
                base.variant,
                gen::preview(pick.as_bytes())
            ),
        )
    }
}

// ---------------------------------------------------------------------------- running

struct Runner<'a> {
    world: &'a World,
    contracts: Vec<String>,
    report: Report,
    instances: u64,
}

impl Runner<'_> {
    fn fail(&mut self, t: &Target, entry: EntryPoint, input: &Input, error: String) {
        let known = known(t.name, entry, input, &error);
        let tally = self.report.tallies.entry((t.name, entry)).or_default();
        if known.is_some() {
            tally.known += 1;
        } else {
            tally.vm_failures += 1;
        }
        self.report.failures.push(Failure {
            contract: t.name,
            entry,
            what: input.what.clone(),
            sender: input.sender.clone(),
            input: input.bytes.clone(),
            error,
            known,
        });
    }

    fn run(&mut self, t: &Target, entry: EntryPoint, input: &Input) {
        let chain = self.world.chain().clone();
        let funds: Vec<(&str, u128)> = input.funds.iter().map(|(d, a)| (d.as_str(), *a)).collect();
        let info = vm::info(&input.sender, &funds);
        let (address, kv) = match entry {
            EntryPoint::Instantiate => {
                self.instances += 1;
                (
                    api::contract(10_000 + t.code_id, self.instances),
                    KvRef::default(),
                )
            }
            _ => (
                t.address.clone(),
                chain.storage(&t.address).expect("the target"),
            ),
        };
        let before = kv.borrow().clone();
        let verdict = vm::call(
            &chain,
            &t.checksum,
            &address,
            kv.clone(),
            entry,
            &info,
            &input.bytes,
        );
        let changed = *kv.borrow() != before;
        {
            let tally = self.report.tallies.entry((t.name, entry)).or_default();
            tally.tried += 1;
            tally.max_input = tally.max_input.max(input.bytes.len());
            match &verdict {
                Verdict::Ok => tally.ok += 1,
                Verdict::ContractErr(_) => tally.contract_err += 1,
                Verdict::OutOfGas => tally.out_of_gas += 1,
                Verdict::VmFailure(_) => {}
            }
        }
        if let (Some(variant), true) = (&input.variant, input.valid_example) {
            let v = self
                .report
                .variants
                .entry((t.name, entry, variant.clone()))
                .or_default();
            v.examples += 1;
            match &verdict {
                Verdict::Ok => {
                    v.ok += 1;
                    v.past_parsing += 1;
                }
                Verdict::ContractErr(e) if !e.starts_with("Error parsing into type") => {
                    v.past_parsing += 1;
                }
                _ => {}
            }
        }
        match &verdict {
            Verdict::VmFailure(e) => self.fail(t, entry, input, e.clone()),
            Verdict::OutOfGas if input.bytes.len() < vm::HUGE_INPUT => self.fail(
                t,
                entry,
                input,
                format!(
                    "out of gas on a {}-byte input (the limit: {} SDK gas)",
                    input.bytes.len(),
                    if entry == EntryPoint::Query {
                        vm::QUERY_GAS_LIMIT
                    } else {
                        vm::TX_GAS_LIMIT
                    }
                ),
            ),
            Verdict::ContractErr(e) if changed => {
                if entry == EntryPoint::Query {
                    self.fail(t, entry, input, format!("a query changed storage: {e}"));
                } else {
                    self.report
                        .tallies
                        .entry((t.name, entry))
                        .or_default()
                        .dirty_errors += 1;
                    self.report.dirty.push(format!(
                        "{} {}: {} → {e}",
                        t.name,
                        entry.name(),
                        input.what
                    ));
                }
            }
            Verdict::Ok if entry == EntryPoint::Query && changed => {
                self.fail(t, entry, input, "a query changed storage".into())
            }
            _ => {}
        }
        // Every input starts from the same state.
        if changed && entry != EntryPoint::Instantiate {
            *kv.borrow_mut() = before;
        }
        // What the contract accepted, and every error after which it had written, run again
        // as a transaction: nothing may fail in the VM, and a failed one changes nothing.
        let accepted_or_dirty = matches!(verdict, Verdict::Ok)
            || (changed && matches!(verdict, Verdict::ContractErr(_)));
        if accepted_or_dirty && entry != EntryPoint::Query {
            if let Ok(value) = serde_json::from_slice::<Value>(&input.bytes) {
                self.on_chain(t, entry, input, &value);
            }
        }
    }

    /// The accepted message as a transaction on the chain, with everything it dispatches.
    fn on_chain(&mut self, t: &Target, entry: EntryPoint, input: &Input, value: &Value) {
        let w = self.world;
        let chain = w.chain().clone();
        let snap = vm::snapshot(&chain, &self.contracts);
        let treasuries: Vec<(String, u128)> = [&w.alpha.distributor, &w.beta.distributor]
            .iter()
            .map(|d| (d.to_string(), chain.native_balance(d, DENOM)))
            .collect();
        for (denom, amount) in &input.funds {
            chain.mint_native(&input.sender, denom, *amount);
        }
        let funds: Vec<(&str, u128)> = input.funds.iter().map(|(d, a)| (d.as_str(), *a)).collect();
        let result = match entry {
            EntryPoint::Execute => chain
                .execute(&input.sender, &t.address, value, &funds)
                .map(|_| ()),
            _ => chain
                .instantiate(
                    &input.sender,
                    t.code_id,
                    value,
                    "hostile",
                    Some(&w.alpha.governance),
                )
                .map(|_| ()),
        };
        match result {
            Ok(()) => {
                self.report
                    .tallies
                    .entry((t.name, entry))
                    .or_default()
                    .chain_ok += 1
            }
            Err(ChainError::Vm(e)) => self.fail(
                t,
                entry,
                input,
                format!("as a transaction, a dispatched call failed in the VM: {e}"),
            ),
            Err(e) => {
                self.report
                    .tallies
                    .entry((t.name, entry))
                    .or_default()
                    .chain_err += 1;
                let changed = vm::diff(&chain, &snap);
                if !changed.is_empty() {
                    self.fail(
                        t,
                        entry,
                        input,
                        format!(
                            "the transaction failed ({e}) but storage changed: {}",
                            changed.join(", ")
                        ),
                    );
                }
            }
        }
        vm::restore(&chain, &snap);
        for (d, before) in treasuries {
            let now = chain.native_balance(&d, DENOM);
            if now < before {
                chain.mint_native(&d, DENOM, before - now);
            }
        }
    }
}

fn print_report(report: &Report, elapsed: std::time::Duration) {
    let mut out = String::new();
    out.push_str(
        "\nHostile input on the real wasm\n\n\
         | contract | entry point | inputs | ok | contract errors | out of gas (≥ 64 KiB) | VM failures | known findings | wrote, then erred | as a tx: ok / failed | largest input |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut total = Tally::default();
    for ((c, e), t) in &report.tallies {
        out.push_str(&format!(
            "| {c} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} | {} B |\n",
            e.name(),
            t.tried,
            t.ok,
            t.contract_err,
            t.out_of_gas,
            t.vm_failures,
            t.known,
            t.dirty_errors,
            t.chain_ok,
            t.chain_err,
            t.max_input
        ));
        total.tried += t.tried;
        total.ok += t.ok;
        total.contract_err += t.contract_err;
        total.out_of_gas += t.out_of_gas;
        total.vm_failures += t.vm_failures;
        total.known += t.known;
        total.dirty_errors += t.dirty_errors;
        total.chain_ok += t.chain_ok;
        total.chain_err += t.chain_err;
        total.max_input = total.max_input.max(t.max_input);
    }
    out.push_str(&format!(
        "| **all** | | {} | {} | {} | {} | {} | {} | {} | {} / {} | {} B |\n",
        total.tried,
        total.ok,
        total.contract_err,
        total.out_of_gas,
        total.vm_failures,
        total.known,
        total.dirty_errors,
        total.chain_ok,
        total.chain_err,
        total.max_input
    ));
    out.push_str(&format!("\nin {:.1} s\n", elapsed.as_secs_f64()));
    // Variant coverage: how many well-formed examples got past parsing and succeeded.
    let mut coverage: BTreeMap<(&str, EntryPoint), (usize, usize, usize)> = BTreeMap::new();
    for ((c, e, _), v) in &report.variants {
        let x = coverage.entry((c, *e)).or_default();
        x.0 += 1;
        x.1 += (v.past_parsing > 0) as usize;
        x.2 += (v.ok > 0) as usize;
    }
    out.push_str("\nvariants (well-formed examples): past parsing / succeeded at least once\n");
    for ((c, e), (n, parsed, ok)) in coverage {
        let never: Vec<&str> = report
            .variants
            .iter()
            .filter(|((c2, e2, _), v)| *c2 == c && *e2 == e && v.ok == 0)
            .map(|((_, _, v), _)| v.as_str())
            .collect();
        let never = if never.is_empty() {
            String::new()
        } else {
            format!(" (never succeeded: {})", never.join(", "))
        };
        out.push_str(&format!(
            "  {c} {}: {parsed}/{n} / {ok}/{n}{never}\n",
            e.name()
        ));
    }
    if !report.dirty.is_empty() {
        out.push_str(&format!(
            "\nwrote, then erred ({}; harmless on a chain, which drops a failed call's writes), first ones:\n",
            report.dirty.len()
        ));
        let mut shown: Vec<&String> = report
            .dirty
            .iter()
            .filter(|d| !d.contains(" instantiate: "))
            .collect();
        shown.extend(
            report
                .dirty
                .iter()
                .filter(|d| d.contains(" instantiate: "))
                .take(5),
        );
        for d in shown.iter().take(40) {
            out.push_str(&format!("  {d}\n"));
        }
    }
    println!("{out}");
}

#[test]
fn hostile_inputs_never_trap_the_vm() {
    let per_contract = env_number("FLOW_HOSTILE_INPUTS", DEFAULT_INPUTS as u64) as usize;
    let seed = env_number("FLOW_HOSTILE_SEED", DEFAULT_SEED);
    let started = Instant::now();
    let failures_dir = flow_vm::artifacts::target_dir().join("flow-vm-hostile/failures");
    let _ = std::fs::remove_dir_all(&failures_dir);
    let world = World::build();
    let ctx = targets::context(&world);
    let targets = targets::targets(&world);
    let setup = started.elapsed();
    let mut runner = Runner {
        world: &world,
        contracts: world.contracts(),
        report: Report::default(),
        instances: 0,
    };
    for (ti, t) in targets.iter().enumerate() {
        for (ei, entry) in ENTRY_POINTS.into_iter().enumerate() {
            let share = match entry {
                EntryPoint::Instantiate => per_contract / 5,
                EntryPoint::Execute => per_contract / 2,
                EntryPoint::Query => per_contract - per_contract / 5 - per_contract / 2,
            };
            let schema = Schema::load(t.name, entry);
            let variants = schema.variants();
            let mut g = Generator {
                ctx: &ctx,
                target: t,
                entry,
                schema,
                variants,
                rng: Rng::new(seed ^ ((ti as u64) << 32) ^ ((ei as u64) << 40)),
                huge_left: (share / 300).max(6),
            };
            for input in g.fixed() {
                runner.run(t, entry, &input);
            }
            for _ in 0..share {
                let input = g.random();
                runner.run(t, entry, &input);
            }
        }
    }
    let report = runner.report;
    print_report(&report, started.elapsed());
    println!("(setup: {:.1} s)", setup.as_secs_f64());

    // Every variant's well-formed examples reached the contract's logic.
    let unparsed: Vec<String> = report
        .variants
        .iter()
        .filter(|(_, v)| v.past_parsing == 0)
        .map(|((c, e, v), _)| format!("{c} {} {v}", e.name()))
        .collect();
    assert!(
        unparsed.is_empty(),
        "well-formed examples that never got past parsing (the generator is wrong): {unparsed:?}"
    );

    // Known findings: listed, not failing (their regression tests are ignored).
    let mut by_finding: BTreeMap<&str, Vec<&Failure>> = BTreeMap::new();
    for f in report.failures.iter() {
        if let Some(k) = f.known {
            by_finding.entry(k).or_default().push(f);
        }
    }
    for (k, fs) in &by_finding {
        println!(
            "known finding ({} inputs), see `{k}`: e.g. {} {} ({}): {}",
            fs.len(),
            fs[0].contract,
            fs[0].entry.name(),
            fs[0].what,
            fs[0].error.replace('\n', " ")
        );
    }

    let new: Vec<&Failure> = report
        .failures
        .iter()
        .filter(|f| f.known.is_none())
        .collect();
    if !new.is_empty() {
        let dir = failures_dir;
        let _ = std::fs::create_dir_all(&dir);
        let mut msg = format!("{} VM failures:\n", new.len());
        for (i, f) in new.iter().enumerate() {
            let file = dir.join(format!("{}-{}-{i}.bin", f.contract, f.entry.name()));
            let _ = std::fs::write(&file, &f.input);
            if i < 20 {
                msg.push_str(&format!(
                    "- {} {} ({}) from {:?}: {}\n  input: {}\n  saved: {}\n",
                    f.contract,
                    f.entry.name(),
                    f.what,
                    f.sender,
                    f.error,
                    gen::preview(&f.input),
                    file.display()
                ));
            }
        }
        panic!("{msg}");
    }
}

// ---------------------------------------------------------------------------- findings

/// The error of a query of `contract` on a fresh Holon Alpha: `Ok` or a contract error is
/// what a contract should give; `ChainError::Vm` is a VM failure.
fn query_on_alpha(contract: impl Fn(&Holon) -> String, msgs: &[Value]) -> Vec<(String, String)> {
    let h = Holon::deploy(&HolonSpec::holon_alpha());
    let addr = contract(&h);
    msgs.iter()
        .filter_map(|m| match h.chain.query(&addr, m) {
            Err(ChainError::Vm(e)) => Some((gen::preview(m.to_string().as_bytes()), e)),
            _ => None,
        })
        .collect()
}

/// FINDING (need-registry, `query`): `needs` with a `category` filter of 65,536 bytes or
/// more aborts the VM: `query_needs` (contracts/need-registry/src/query.rs) passes the
/// unchecked string to `NEEDS_BY_CATEGORY.prefix(category)` /
/// `NEEDS_BY_CATEGORY_STATUS.prefix((category, status))`, and cosmwasm-std's key encoding
/// panics ("only supports namespace components up to length 0xFFFF",
/// storage_keys/length_prefixed.rs:38). Expected: an empty page or a contract error
/// (e.g. refuse a category longer than `MAX_SLUG_LEN` before touching storage).
#[test]
fn regression_registry_needs_query_aborts_on_a_category_over_0xffff_bytes() {
    let long = "x".repeat(65_536);
    let failed = query_on_alpha(
        |h| h.registry.clone(),
        &[
            json!({"needs": {"category": long, "status": null, "start_after": null, "limit": null}}),
            json!({"needs": {"category": long, "status": "open", "start_after": null, "limit": null}}),
        ],
    );
    // Fails today, twice: "Aborted: panicked at … only supports namespace components up to
    // length 0xFFFF".
    assert!(failed.is_empty(), "VM failures: {failed:#?}");
}

/// FINDING (need-registry, `query`): `category` with an `id`, and `needs` with a
/// `category` filter, longer than about 65,530 bytes fail in the VM ("Region length too
/// big … limit 65536"): the storage key built from the unchecked string (`CATEGORIES`
/// `may_load`, the index prefix of `needs`) is over the VM's 64 KiB key limit, so the host
/// refuses the read and the call ends in a VM error instead of the contract's "unknown
/// category". Expected: a contract error (check the length first).
#[test]
fn regression_registry_queries_fail_in_the_vm_on_a_category_over_64_kib() {
    let failed = query_on_alpha(
        |h| h.registry.clone(),
        &[
            json!({"category": {"id": "x".repeat(65_536)}}),
            json!({"needs": {"category": "x".repeat(65_535), "status": null, "start_after": null, "limit": null}}),
        ],
    );
    // Fails today: "Error in guest/host communication: Region length too big".
    assert!(failed.is_empty(), "VM failures: {failed:#?}");
}

/// FINDING (flow-token, `query`, inherited from cw20-base 2.0): `all_allowances`,
/// `all_spender_allowances` and `all_accounts` with a `start_after` over 64 KiB fail in
/// the VM ("Region length too big … limit 65536"): cw20-base's enumerable queries use the
/// unchecked string as a raw range bound (`Bound::ExclusiveRaw(start_after.into_bytes())`,
/// cw20-base src/enumerable.rs), and the VM refuses a scan key over 64 KiB. Expected: a
/// contract error (the flow-token could check `start_after` before delegating to
/// cw20-base).
#[test]
fn regression_token_listings_fail_in_the_vm_on_a_start_after_over_64_kib() {
    let long = "x".repeat(65_600);
    let alex = account("alex");
    let failed = query_on_alpha(
        |h| h.token.clone(),
        &[
            json!({"all_allowances": {"owner": alex, "start_after": long, "limit": null}}),
            json!({"all_spender_allowances": {"spender": alex, "start_after": long, "limit": null}}),
            json!({"all_accounts": {"start_after": long, "limit": null}}),
        ],
    );
    // Fails today, three times: "Error in guest/host communication: Region length too big".
    assert!(failed.is_empty(), "VM failures: {failed:#?}");
}

/// FINDING (flow-token, `instantiate`, inherited from cw20-base 2.0): a marketing
/// `project`, `description` or logo `url` over 128 KiB fails in the VM ("Value too big.
/// Tried to write … bytes to storage, limit is 131072"): cw20-base stores the marketing
/// info without a length check and the VM refuses a storage value over 128 KiB. The same
/// through the distributor, which passes `TokenSetup::New { marketing }` on to the token's
/// instantiation, and for cw20 `UpdateMarketing` (marketing admin only). Expected: a
/// contract error (the flow-token, or the distributor, could bound these texts).
#[test]
fn regression_token_instantiate_fails_in_the_vm_on_marketing_over_128_kib() {
    let h = Holon::deploy(&HolonSpec::holon_alpha());
    let long = "x".repeat(131_072);
    let gov = h.governance.clone();
    let marketing =
        json!({"project": "gamma", "description": long, "marketing": gov, "logo": null});
    let token = json!({"name": "Gamma Flow", "symbol": "GFLOW", "decimals": 6,
                       "initial_balances": [], "mint": null, "marketing": marketing,
                       "holon": null});
    let distributor = json!({
        "name": "Holon Gamma", "governance": gov, "group": h.group, "registry": h.registry,
        "token": {"new": {"code_id": h.codes.token, "name": "Gamma Flow", "symbol": "GFLOW",
                  "decimals": 6, "marketing": marketing, "label": "gamma token"}},
        "attestation": {"new": {"code_id": h.codes.attestation, "label": "gamma attestations",
                        "policy": flow_vm::holon::attestation_policy(0, false)}},
        "cycle_start": null, "cycle_seconds": 2_592_000,
        "policy": flow_vm::holon::time_policy(),
        "budget": {"treasury": {"denom": DENOM}},
    });
    let mut failed = vec![];
    for (code, msg) in [(h.codes.token, token), (h.codes.distributor, distributor)] {
        if let Err(ChainError::Vm(e)) = h.chain.instantiate(&gov, code, &msg, "gamma", Some(&gov)) {
            failed.push(e);
        }
    }
    // Fails today, twice: "Value too big. Tried to write 131213 bytes to storage, limit is
    // 131072" (the token's instantiation; the distributor's dispatches it).
    assert!(failed.is_empty(), "VM failures: {failed:#?}");
}
