//! The hostile inputs: a seeded PRNG, well-formed examples of every message variant read
//! from the contract's JSON schema (filled with the populated world's addresses, ids and
//! categories so they get past the first checks), one-field mutations of them, byte-level
//! damage, random bytes, deep nesting and huge inputs.

use bech32::{Bech32, Hrp};
use serde_json::{json, Map, Value};

use super::vm::EntryPoint;

// ---------------------------------------------------------------------------- PRNG

/// xorshift64*: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

// ---------------------------------------------------------------------------- inputs

/// Where a raw JSON text goes in a serialized `Value` (numbers beyond `f64`, deep
/// nesting, duplicate keys … cannot be `Value`s).
const RAW: &str = "\u{E000}raw\u{E000}";

fn with_raw(v: &Value, raw: &str) -> Vec<u8> {
    let text = serde_json::to_string(v).expect("json");
    text.replacen(&format!("\"{RAW}\""), raw, 1).into_bytes()
}

/// Everything about the populated world the generators use.
pub struct Ctx {
    pub members: Vec<String>,
    pub stranger: String,
    pub governance: String,
    /// (role, address): "group", "registry", "distributor", "attestation", "token", and
    /// Beta's as "beta_distributor", "beta_token" ….
    pub contracts: Vec<(String, String)>,
    pub addresses: Vec<String>,
    pub categories: Vec<String>,
    pub ids: Vec<u64>,
    pub code_ids: Vec<u64>,
    pub now_nanos: u64,
    pub height: u64,
}

/// `s` as a JSON string literal.
fn lit(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

fn b64(bytes: &[u8]) -> String {
    vmstd::Binary::from(bytes).to_base64()
}

fn bech(prefix: &str, data: &[u8]) -> String {
    bech32::encode::<Bech32>(Hrp::parse(prefix).expect("hrp"), data).expect("bech32")
}

/// Nesting `depth` deep: `[[[…]]]` or `{"a":{"a":…}}`.
pub fn nested(depth: usize, objects: bool) -> String {
    if objects {
        let mut s = "{\"a\":".repeat(depth);
        s.push_str("null");
        s.push_str(&"}".repeat(depth));
        s
    } else {
        let mut s = "[".repeat(depth);
        s.push_str(&"]".repeat(depth));
        s
    }
}

impl Ctx {
    pub fn contract(&self, role: &str) -> &str {
        &self
            .contracts
            .iter()
            .find(|(r, _)| r == role)
            .unwrap_or_else(|| panic!("no contract {role}"))
            .1
    }

    fn member(&self, rng: &mut Rng) -> String {
        rng.pick(&self.members).clone()
    }

    fn any_address(&self, rng: &mut Rng) -> String {
        rng.pick(&self.addresses).clone()
    }

    // ------------------------------------------------------------------ hostile values

    /// Addresses a contract must refuse (or at least not trip over).
    pub fn hostile_addresses(&self, rng: &mut Rng) -> Vec<String> {
        let m = self.member(rng);
        let (_, data) = bech32::decode(&m).expect("a member address");
        let mut bad_checksum = m.clone();
        let last = bad_checksum.pop().expect("non-empty");
        bad_checksum.push(if last == 'q' { 'p' } else { 'q' });
        let mut first_upper = m.clone();
        first_upper.replace_range(0..1, "W");
        vec![
            m.to_uppercase(),
            first_upper,
            bech("cosmos", &data),
            bech("osmo", &data),
            bech("juno", &[7; 32]),
            bech("wasm", &[]),
            bech("wasm", &[1; 255]),
            bech("wasm", &[2; 1]),
            bad_checksum,
            format!(" {m}"),
            format!("{m} "),
            format!("{m}\u{0}"),
            m.replacen("wasm", "w\u{430}sm", 1),
            m[..m.len() - 6].to_string(),
            "wasm1".into(),
            "wasm".into(),
            String::new(),
            "0x0000000000000000000000000000000000000000".into(),
            "cosmos1".repeat(40),
            self.contract("distributor").to_uppercase(),
        ]
    }

    /// JSON texts of hostile scalars: numbers a deserializer may choke on, and strings
    /// that are almost Decimals, Uint128s, timestamps or addresses.
    pub fn hostile_scalars(&self, rng: &mut Rng) -> Vec<String> {
        let mut v: Vec<String> = [
            // numbers
            "0",
            "-1",
            "1",
            "255",
            "256",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "340282366920938463463374607431768211455",
            "340282366920938463463374607431768211456",
            "115792089237316195423570985008687907853269984665640564039457584007913129639936",
            "1e400",
            "-1e400",
            "1e-400",
            "1.5",
            "1E3",
            "0.0",
            "-0",
            "1.0e2",
            // not JSON at all
            "NaN",
            "Infinity",
            "0x10",
            "+1",
            "01",
            ".5",
            // other types
            "null",
            "true",
            "false",
            "[]",
            "{}",
            "[null]",
            "{\"\":null}",
            "[1,2,3]",
        ]
        .map(String::from)
        .to_vec();
        let strings = [
            // Decimal and Uint128 edges
            "",
            "0",
            "1",
            "0.000000000000000001",
            "0.0000000000000000001",
            "0.009999999999999999",
            "0.01",
            "340282366920938463463.374607431768211455",
            "340282366920938463463.374607431768211456",
            "340282366920938463463374607431768211455",
            "340282366920938463463374607431768211456",
            "18446744073709551615",
            "18446744073709551616",
            "744",
            "744.000000000000000001",
            "745",
            "10",
            "10.000000000000000001",
            "100.000000000000000001",
            "1000001",
            "-1",
            "-0",
            "1e3",
            "1E-3",
            "1.",
            ".5",
            "1..2",
            "1.2.3",
            "01",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "NaN",
            "inf",
            "١٢٣",
            // text
            " ",
            "a",
            "null",
            "true",
            "\u{0}",
            "\u{202e}gnirts",
            "💩💩💩",
            "../../etc/passwd",
            "%s%s%s%n",
            "\"",
            "\\",
            "<script>",
            "Robert'); DROP TABLE needs;--",
        ];
        v.extend(strings.iter().map(|s| lit(s)));
        v.extend(
            self.hostile_addresses(rng)
                .iter()
                .map(|s| lit(s))
                .collect::<Vec<_>>(),
        );
        for n in [17, 33, 65, 129, 257, 513, 1025, 5121] {
            v.push(lit(&"x".repeat(n)));
        }
        v.push(lit(&"é".repeat(600)));
        // Lone surrogates and odd escapes, valid JSON syntax.
        v.extend(
            [
                "\"\\ud800\"",
                "\"\\udc00x\"",
                "\"\\u0000\"",
                "\"a\\u0000b\"",
                "\"\\uD83D\\uDE00\"",
            ]
            .map(String::from),
        );
        v
    }

    // ------------------------------------------------------------------ hints

    fn string_for(&self, field: &str, rng: &mut Rng) -> Value {
        let s = |x: &str| Value::String(x.to_string());
        let one_of = |rng: &mut Rng, xs: &[&str]| Value::String(rng.pick(xs).to_string());
        let addr = |role: &str| Value::String(self.contract(role).to_string());
        match field {
            "group" => {
                if rng.chance(85) {
                    addr("group")
                } else {
                    s(self.any_address(rng).as_str())
                }
            }
            "registry" => {
                if rng.chance(85) {
                    addr("registry")
                } else {
                    s(self.any_address(rng).as_str())
                }
            }
            "distributor" => match rng.below(3) {
                0 => addr("beta_distributor"),
                1 => addr("distributor"),
                _ => s(self.any_address(rng).as_str()),
            },
            "token" => match rng.below(3) {
                0 => addr("beta_token"),
                1 => addr("token"),
                _ => s(self.any_address(rng).as_str()),
            },
            "contract" => match rng.below(3) {
                0 => addr("distributor"),
                1 => addr("beta_distributor"),
                _ => s(self.any_address(rng).as_str()),
            },
            "minter" => addr("distributor"),
            "owner" | "governance" | "new_owner" => {
                if rng.chance(60) {
                    s(&self.governance)
                } else {
                    s(self.any_address(rng).as_str())
                }
            }
            "member" | "buddy" | "recipient" | "spender" | "address" | "addr" | "sender"
            | "contributor" | "marketing" | "a" | "b" => {
                if rng.chance(75) {
                    s(self.member(rng).as_str())
                } else {
                    s(self.any_address(rng).as_str())
                }
            }
            "holon" => addr("distributor"),
            "start_after" => {
                if rng.chance(80) {
                    s(self.member(rng).as_str())
                } else {
                    s(self.any_address(rng).as_str())
                }
            }
            "category" | "id" => {
                if rng.chance(85) {
                    s(rng.pick(&self.categories).as_str())
                } else {
                    s("new-category")
                }
            }
            "title" => one_of(rng, &["Fresh bread", "Fix the roof", "Teach reading"]),
            "label" => one_of(rng, &["Care", "hostile", "Holon Gamma token"]),
            "name" => one_of(rng, &["Holon Gamma", "Gamma Flow", "abc"]),
            "symbol" => one_of(rng, &["GFLOW", "ABC", "X-Y"]),
            "unit" => one_of(rng, &["hours", "loaf", "lb"]),
            "denom" => one_of(rng, &["ucredit", "uatom"]),
            "url" => s("https://example.invalid/logo.png"),
            "description" | "memo" | "reason" | "evidence" | "project" => {
                one_of(rng, &["did this", "", "weekly"])
            }
            _ => s("x"),
        }
    }

    fn integer_for(&self, field: &str, format: &str, rng: &mut Rng) -> Value {
        let n: u64 = match field {
            "id" | "need_id" | "attestation_id" => {
                if rng.chance(85) {
                    *rng.pick(&self.ids)
                } else {
                    *rng.pick(&[0, 1, 999_999])
                }
            }
            "cycle" => *rng.pick(&[1, 1, 2, 3, 0]),
            "version" => *rng.pick(&[1, 2, 0]),
            "limit" => *rng.pick(&[1, 5, 10, 100, 1000, 0]),
            "start_after" => *rng.pick(&[0, 1, 3, 10]),
            "code_id" => *rng.pick(&self.code_ids),
            "cosigns_required" => *rng.pick(&[1, 2, 5]),
            "challenge_seconds" | "pending_expiry_seconds" => *rng.pick(&[0, 3_600, 86_400]),
            "cycle_seconds" | "length" => *rng.pick(&[2_592_000, 86_400, 60]),
            "max_cosigns_per_pair_per_cycle" => *rng.pick(&[31, 1]),
            "max_requesters_per_need" => *rng.pick(&[50, 200, 1]),
            "decimals" => *rng.pick(&[6, 0, 18]),
            "weight" => 1,
            "at_height" => self.height + 100,
            _ => *rng.pick(&[0, 1, 2]),
        };
        let n = match format {
            "uint8" => n.min(u8::MAX as u64),
            "uint16" => n.min(u16::MAX as u64),
            "uint32" => n.min(u32::MAX as u64),
            _ => n,
        };
        json!(n)
    }

    fn decimal_for(&self, field: &str, rng: &mut Rng) -> Value {
        let d = match field {
            "hours" => *rng.pick(&["1", "2.5", "8", "0.25"]),
            "units" => *rng.pick(&["0", "3"]),
            "impact" => *rng.pick(&["1", "2", "0.5"]),
            "factor" | "need_factor" => *rng.pick(&["1", "2", "0.5"]),
            "unit_credit" => *rng.pick(&["0", "0.5"]),
            "quantity" => *rng.pick(&["1", "20"]),
            "rate" => *rng.pick(&["1", "0.5", "2"]),
            "reserve" | "baseline" | "capacity_bonus" => *rng.pick(&["0", "0.1"]),
            "min" => "0.5",
            "max" => "2",
            "max_hours_per_attestation" | "max_hours_per_cycle" => *rng.pick(&["744", "40"]),
            "max_credit_per_member" => "100",
            "credit" => *rng.pick(&["1", "4"]),
            _ => "1",
        };
        json!(d)
    }

    fn uint128_for(&self, field: &str, rng: &mut Rng) -> Value {
        let a = match field {
            "amount" => *rng.pick(&["1", "1000", "100"]),
            "credit_limit" | "emission" | "cap" => "1000000",
            _ => "1",
        };
        json!(a)
    }

    fn binary_for(&self, field: &str, rng: &mut Rng) -> Value {
        let payload = match field {
            "msg" => {
                let member = self.member(rng);
                let payloads = [
                    json!({"redeem": {"recipient": null}}),
                    json!({"gift_to_pool": {}}),
                    json!({"exchange": {"recipient": null}}),
                    json!({"exchange": {"recipient": member}}),
                ];
                serde_json::to_vec(rng.pick(&payloads)).expect("json")
            }
            "svg" => b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
            "png" => vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a],
            _ => rng.bytes(8),
        };
        json!(b64(&payload))
    }

    /// A value for a named schema type, or `None` to walk its definition.
    fn named(&self, name: &str, field: &str, rng: &mut Rng) -> Option<Value> {
        Some(match name {
            "Decimal" => self.decimal_for(field, rng),
            "Uint128" => self.uint128_for(field, rng),
            "Uint64" => json!(rng.pick(&["0", "1", "100"])),
            "Timestamp" => {
                json!((self.now_nanos + 3_600_000_000_000 * rng.below(3) as u64).to_string())
            }
            "Binary" => self.binary_for(field, rng),
            "Addr" => self.string_for("member", rng),
            _ => return None,
        })
    }
}

// ---------------------------------------------------------------------------- schema

/// One entry point's JSON schema (`instantiate`, `execute` or `query` of
/// `schema/<contract>/<contract>.json`).
pub struct Schema {
    root: Value,
}

impl Schema {
    pub fn load(dir: &str, entry: EntryPoint) -> Self {
        let path = flow_vm::artifacts::root()
            .join("schema")
            .join(dir)
            .join(format!("{dir}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let all: Value = serde_json::from_str(&text).expect("a JSON schema");
        Self {
            root: all[entry.name()].clone(),
        }
    }

    fn def(&self, name: &str) -> &Value {
        &self.root["definitions"][name]
    }

    /// The variants: for an enum, each `oneOf` alternative (its name and schema); for a
    /// struct (instantiate), the struct itself.
    pub fn variants(&self) -> Vec<(String, Value)> {
        match self.root.get("oneOf").and_then(Value::as_array) {
            Some(alts) => alts
                .iter()
                .flat_map(|alt| -> Vec<(String, Value)> {
                    if let Some(e) = alt.get("enum").and_then(Value::as_array) {
                        // Unit variants written as strings.
                        e.iter()
                            .map(|n| {
                                let name = n.as_str().unwrap_or_default().to_string();
                                (name, json!({"enum": [n]}))
                            })
                            .collect()
                    } else {
                        let name = alt["required"][0].as_str().unwrap_or_default().to_string();
                        vec![(name, alt.clone())]
                    }
                })
                .collect(),
            None => vec![("instantiate".to_string(), self.root.clone())],
        }
    }

    /// A well-formed value of `node`, named `field` in its parent.
    pub fn example(
        &self,
        node: &Value,
        field: &str,
        ctx: &Ctx,
        rng: &mut Rng,
        depth: u32,
    ) -> Value {
        if depth > 16 {
            return Value::Null;
        }
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/definitions/");
            if let Some(v) = ctx.named(name, field, rng) {
                return v;
            }
            return self.example(self.def(name), field, ctx, rng, depth + 1);
        }
        if let Some(all) = node.get("allOf").and_then(Value::as_array) {
            return self.example(&all[0], field, ctx, rng, depth + 1);
        }
        if let Some(alts) = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
        {
            let non_null: Vec<&Value> = alts
                .iter()
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if non_null.len() < alts.len() && rng.chance(25) {
                return Value::Null;
            }
            let alt = *rng.pick(&non_null);
            return self.example(alt, field, ctx, rng, depth + 1);
        }
        if let Some(e) = node.get("enum").and_then(Value::as_array) {
            return rng.pick(e).clone();
        }
        let ty = match node.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => {
                let non_null: Vec<&str> = ts
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .collect();
                if non_null.len() < ts.len() && rng.chance(25) {
                    return Value::Null;
                }
                non_null.first().copied().unwrap_or("null")
            }
            _ => "object",
        };
        match ty {
            "object" => {
                let required: Vec<&str> = node
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut map = Map::new();
                if let Some(props) = node.get("properties").and_then(Value::as_object) {
                    for (k, sub) in props {
                        if required.contains(&k.as_str()) || rng.chance(70) {
                            map.insert(k.clone(), self.example(sub, k, ctx, rng, depth + 1));
                        }
                    }
                }
                Value::Object(map)
            }
            "array" => match node.get("items") {
                Some(Value::Array(tuple)) => Value::Array(
                    tuple
                        .iter()
                        .map(|t| self.example(t, field, ctx, rng, depth + 1))
                        .collect(),
                ),
                Some(item) => {
                    let min = node.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
                    let n = min.max(rng.below(3));
                    Value::Array(
                        (0..n)
                            .map(|_| self.example(item, field, ctx, rng, depth + 1))
                            .collect(),
                    )
                }
                None => json!([]),
            },
            "string" => ctx.string_for(field, rng),
            "integer" => {
                let format = node.get("format").and_then(Value::as_str).unwrap_or("");
                ctx.integer_for(field, format, rng)
            }
            "number" => json!(1),
            "boolean" => json!(rng.chance(50)),
            _ => Value::Null,
        }
    }
}

// ---------------------------------------------------------------------------- mutation

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Value::Object(m) => {
            for (k, sub) in m {
                prefix.push(Seg::Key(k.clone()));
                out.push(prefix.clone());
                paths(sub, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, sub) in a.iter().enumerate() {
                prefix.push(Seg::Index(i));
                out.push(prefix.clone());
                paths(sub, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

fn show(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!(".{k}"),
            Seg::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// How big a huge input is: 1 MiB.
pub const HUGE: usize = 1 << 20;

/// One field of `example` changed in one hostile way; returns the bytes and what was done.
pub fn mutate(example: &Value, ctx: &Ctx, rng: &mut Rng, allow_huge: bool) -> (Vec<u8>, String) {
    let mut all = vec![];
    paths(example, &mut vec![], &mut all);
    if all.is_empty() {
        // A unit variant written as a string.
        let scalars = ctx.hostile_scalars(rng);
        let raw = rng.pick(&scalars).clone();
        return (raw.clone().into_bytes(), format!("whole message → {raw}"));
    }
    let path = rng.pick(&all).clone();
    let mut v = example.clone();
    let target = at_mut(&mut v, &path);
    let original = target.clone();
    let what = rng.below(100);
    let desc;
    let bytes = if what < 55 {
        // A hostile scalar of the same kind, or of any kind.
        let scalars = ctx.hostile_scalars(rng);
        let raw = if original.is_string() && rng.chance(50) {
            let strings: Vec<&String> = scalars.iter().filter(|s| s.starts_with('"')).collect();
            (*rng.pick(&strings)).clone()
        } else if original.is_number() && rng.chance(50) {
            let numbers: Vec<&String> = scalars
                .iter()
                .filter(|s| !s.starts_with('"') && !s.starts_with('[') && !s.starts_with('{'))
                .collect();
            (*rng.pick(&numbers)).clone()
        } else {
            rng.pick(&scalars).clone()
        };
        desc = format!("{} → {}", show(&path), preview(raw.as_bytes()));
        *target = Value::String(RAW.into());
        with_raw(&v, &raw)
    } else if what < 65 {
        // Remove the field (or element).
        let (last, parent) = path.split_last().expect("a path");
        let parent = at_mut(&mut v, parent);
        match (last, parent) {
            (Seg::Key(k), Value::Object(m)) => {
                m.remove(k);
            }
            (Seg::Index(i), Value::Array(a)) => {
                a.remove(*i);
            }
            _ => {}
        }
        desc = format!("{} removed", show(&path));
        serde_json::to_vec(&v).expect("json")
    } else if what < 72 {
        // An extra, unknown field next to it.
        let (_, parent) = path.split_last().expect("a path");
        let key = rng
            .pick(&["extra", "", "__proto__", "admin", "sender", "funds", "ID"])
            .to_string();
        if let Value::Object(m) = at_mut(&mut v, parent) {
            m.insert(key.clone(), json!(true));
        }
        desc = format!("{} gets a sibling {key:?}", show(&path));
        serde_json::to_vec(&v).expect("json")
    } else if what < 80 {
        // The key renamed (an unknown variant or field).
        let (last, parent) = path.split_last().expect("a path");
        let mut renamed = String::new();
        if let (Seg::Key(k), Value::Object(m)) = (last, at_mut(&mut v, parent)) {
            let value = m.remove(k).unwrap_or_default();
            renamed = match rng.below(6) {
                0 => k.to_uppercase(),
                1 => camel(k),
                2 => format!("{k} "),
                3 => format!("{k}\u{0}"),
                4 => k.replace('_', "-"),
                _ => "unknown_variant".to_string(),
            };
            m.insert(renamed.clone(), value);
        }
        desc = format!("{} renamed {renamed:?}", show(&path));
        serde_json::to_vec(&v).expect("json")
    } else if what < 86 {
        // Wrapped in an array or an object, or null.
        *target = match rng.below(3) {
            0 => json!([original]),
            1 => json!({"value": original}),
            _ => Value::Null,
        };
        desc = format!("{} wrapped → {}", show(&path), target);
        serde_json::to_vec(&v).expect("json")
    } else if what < 93 {
        // Deep nesting in place of the field.
        let depth = *rng.pick(&[129, 1_000, 10_000, 100_000]);
        let objects = rng.chance(50);
        desc = format!(
            "{} → {depth} nested {}",
            show(&path),
            if objects { "objects" } else { "arrays" }
        );
        *target = Value::String(RAW.into());
        with_raw(&v, &nested(depth, objects))
    } else if what < 97 || !allow_huge {
        // A long array of valid-looking elements.
        let n = *rng.pick(&[65, 201, 1_001, 10_001]);
        *target = Value::Array(vec![original; n]);
        desc = format!("{} → array of {n} copies", show(&path));
        serde_json::to_vec(&v).expect("json")
    } else {
        let raw = huge_value(rng);
        desc = format!("{} → {} bytes of {}", show(&path), raw.len(), &raw[..12]);
        *target = Value::String(RAW.into());
        with_raw(&v, &raw)
    };
    (bytes, desc)
}

fn camel(k: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in k.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A 1 MiB JSON value: a string, a number, an array, a key or base64.
pub fn huge_value(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => lit(&"x".repeat(HUGE)),
        1 => "9".repeat(HUGE),
        2 => {
            let mut s = "[".to_string();
            s.push_str(&"1,".repeat(HUGE / 2));
            s.push('1');
            s.push(']');
            s
        }
        3 => format!("{{{}:1}}", lit(&"k".repeat(HUGE))),
        _ => lit(&b64(&vec![b'A'; HUGE * 3 / 4])),
    }
}

/// Bytes as a short printable preview.
pub fn preview(bytes: &[u8]) -> String {
    const MAX: usize = 160;
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(MAX)]);
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    if bytes.len() > MAX {
        out.push_str(&format!("… ({} bytes)", bytes.len()));
    }
    out
}

// ---------------------------------------------------------------------------- byte damage

const BAD_UTF8: [&[u8]; 9] = [
    &[0xff],
    &[0xfe, 0xff],
    &[0xc0, 0xaf],
    &[0xc3],
    &[0x80],
    &[0xed, 0xa0, 0x80],
    &[0xf8, 0x88, 0x80, 0x80, 0x80],
    &[0xf4, 0x90, 0x80, 0x80],
    &[0xe2, 0x82],
];

/// Damage to the bytes of a valid message: truncation, invalid UTF-8, flipped bits …
pub fn damage(valid: &[u8], rng: &mut Rng) -> (Vec<u8>, &'static str) {
    let mut b = valid.to_vec();
    let n = b.len().max(1);
    match rng.below(9) {
        0 => {
            b.truncate(rng.below(n));
            (b, "truncated")
        }
        1 | 2 => {
            // Invalid UTF-8, preferably inside a string.
            let quotes: Vec<usize> = b
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == b'"')
                .map(|(i, _)| i + 1)
                .collect();
            let at = if quotes.is_empty() {
                rng.below(n)
            } else {
                *rng.pick(&quotes)
            };
            let bad = rng.pick(&BAD_UTF8);
            let at = at.min(b.len());
            b.splice(at..at, bad.iter().copied());
            (b, "invalid utf-8")
        }
        3 => {
            let i = rng.below(n).min(b.len().saturating_sub(1));
            if !b.is_empty() {
                b[i] ^= 1 << rng.below(8);
            }
            (b, "bit flip")
        }
        4 => {
            if !b.is_empty() {
                b.remove(rng.below(b.len()));
            }
            (b, "byte deleted")
        }
        5 => {
            let i = rng.below(n).min(b.len());
            let c = *rng.pick(b"{}[]\":,\\0-e. \x00");
            b.insert(i, c);
            (b, "byte inserted")
        }
        6 => {
            let tails = [&b" x"[..], b"{}", b",", b"\x00", b"]"];
            let tail = rng.pick(&tails);
            b.extend_from_slice(tail);
            (b, "trailing bytes")
        }
        7 => {
            let heads = [&b"\xef\xbb\xbf"[..], b" \n\t", b"\x00", b"//c\n"];
            let head = rng.pick(&heads);
            b.splice(0..0, head.iter().copied());
            (b, "leading bytes")
        }
        _ => {
            // A string escape gone wrong.
            let escapes = [&b"\\x41"[..], b"\\u12", b"\\", b"\\ud800", b"\\U0041"];
            let esc = rng.pick(&escapes);
            let quotes: Vec<usize> = b
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == b'"')
                .map(|(i, _)| i + 1)
                .collect();
            let at = if quotes.is_empty() {
                0
            } else {
                *rng.pick(&quotes)
            };
            let at = at.min(b.len());
            b.splice(at..at, esc.iter().copied());
            (b, "bad escape")
        }
    }
}

/// Bytes that are not a message at all.
pub fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let n = *rng.pick(&[0, 1, 2, 7, 64, 300, 4_096]);
    if rng.chance(50) {
        rng.bytes(n)
    } else {
        // From JSON's alphabet: more likely to get somewhere in the parser.
        let alphabet = b"{}[]\":,0123456789-+.eEtrufalsn \\abcxyz_";
        (0..n).map(|_| *rng.pick(alphabet)).collect()
    }
}

/// Messages of the wrong shape altogether, given a valid example and its variant.
pub fn structural(example: &Value, variant: &str, rng: &mut Rng) -> (Vec<u8>, String) {
    let body = example.get(variant).cloned().unwrap_or(Value::Null);
    let body_text = serde_json::to_string(&body).expect("json");
    let v = lit(variant);
    let texts: Vec<String> = vec![
        format!("{v}"),
        format!("{{{v}:null}}"),
        format!("{{{v}:[]}}"),
        format!("{{{v}:1}}"),
        format!("{{{v}:\"\"}}"),
        format!("{{{v}:{body_text},{v}:{body_text}}}"),
        format!("{{{v}:{body_text},\"config\":{{}}}}"),
        format!("{{{v}:{body_text},\"other\":{{}}}}"),
        format!("[{{{v}:{body_text}}}]"),
        format!("{{{}:{body_text}}}", lit(&variant.to_uppercase())),
        format!("{{{}:{body_text}}}", lit(&camel(variant))),
        format!("{{\"\":{body_text}}}"),
        format!("{{\"wasm\":{{\"execute\":{{{v}:{body_text}}}}}}}"),
        format!("{{{v}:{body_text}}}{{{v}:{body_text}}}"),
        duplicate_first_key(&body, variant),
    ];
    let t = rng.pick(&texts).clone();
    let desc = format!("shape: {}", preview(t.as_bytes()));
    (t.into_bytes(), desc)
}

/// `{"variant":{"k":v,"k":<other>,…}}`: a duplicate key, which serde refuses.
fn duplicate_first_key(body: &Value, variant: &str) -> String {
    let Some((k, val)) = body.as_object().and_then(|m| m.iter().next()) else {
        return format!("{{{0}:{{}},{0}:{{}}}}", lit(variant));
    };
    let rest = serde_json::to_string(body).expect("json");
    format!(
        "{{{}:{{{}:{},{}",
        lit(variant),
        lit(k),
        serde_json::to_string(val).expect("json"),
        &rest[1..]
    )
}

/// The fixed corpus every entry point gets once.
pub fn corpus() -> Vec<(&'static str, Vec<u8>)> {
    let mut c: Vec<(&'static str, Vec<u8>)> = [
        &b""[..],
        b" ",
        b"\n",
        b"null",
        b"true",
        b"0",
        b"-1",
        b"1e400",
        b"\"\"",
        b"\"config\"",
        b"[]",
        b"{}",
        b"{\"\":{}}",
        b"{",
        b"}",
        b"{\"",
        b"{\"a\"",
        b"{\"a\":",
        b"{\"a\":{}",
        b"\xef\xbb\xbf{}",
        b"\xff\xfe\xfd",
        b"\x00\x00\x00\x00",
        b"{\"\\ud800\":{}}",
        b"{\"a\":{}}\x00",
        b"/* */{}",
        b"{'a':{}}",
        b"{a:{}}",
        b"NaN",
        b"{\"a\":NaN}",
        b"\"\\u0000\"",
    ]
    .iter()
    .map(|b| ("corpus", b.to_vec()))
    .collect();
    for depth in [127, 128, 129, 1_000, 10_000, 100_000] {
        c.push(("deep nesting", nested(depth, false).into_bytes()));
        c.push(("deep nesting", nested(depth, true).into_bytes()));
    }
    // Unclosed nesting: the parser must stop at its limit without reaching the end.
    c.push(("deep nesting", "[".repeat(HUGE).into_bytes()));
    c.push(("huge", lit(&"x".repeat(HUGE)).into_bytes()));
    c.push((
        "huge",
        format!("{{{}:{{}}}}", lit(&"v".repeat(HUGE))).into_bytes(),
    ));
    c
}

/// Every string in `example`, one at a time, made `len` bytes long: a sweep for keys and
/// host-call arguments built from user strings without a length check (a storage key
/// over 64 KiB, a key namespace component over 0xFFFF bytes).
pub fn long_strings(example: &Value, len: usize) -> Vec<(Vec<u8>, String)> {
    let mut all = vec![];
    paths(example, &mut vec![], &mut all);
    let long = lit(&"x".repeat(len));
    all.iter()
        .filter(|p| {
            let mut v = example.clone();
            at_mut(&mut v, p).is_string()
        })
        .map(|p| {
            let mut v = example.clone();
            *at_mut(&mut v, p) = Value::String(RAW.into());
            (with_raw(&v, &long), format!("{} → {len} bytes", show(p)))
        })
        .collect()
}
