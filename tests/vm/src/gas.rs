//! What a wasmd chain charges, in Cosmos SDK gas, and the cost record of one contract call.
//!
//! The numbers are wasmd's defaults (`x/wasm/types/gas_register.go`, `x/wasm/keeper/api.go`)
//! and the Cosmos SDK's `KVGasConfig` as its `gaskv` store applies them (key and value bytes
//! both count; keys are seen with the contract's store prefix).

/// CosmWasm (VM) gas per SDK gas: wasmd's `DefaultGasMultiplier`.
pub const GAS_MULTIPLIER: u64 = 140_000;
/// SDK gas to load a contract instance that is not pinned (`DefaultInstanceCost`), charged
/// for every execute, instantiate, reply and smart query.
pub const INSTANCE_COST: u64 = 60_000;
/// The same for a pinned code, and (wasmd ≥ 0.51, `checkDiscountEligibility`) for every
/// later use of a code already used in the same transaction (`DefaultInstanceCostDiscount`).
pub const INSTANCE_COST_DISCOUNT: u64 = 2_000;
/// What wasmd itself reads before it runs a contract (execute, instantiate, reply, smart
/// query), in SDK gas: the contract's `ContractInfo` (key 33 bytes, ~130-byte protobuf),
/// its `CodeInfo` (key 9 bytes, ~80 bytes) and the pinned-code index (`Has`, 1,000).
pub const WASMD_CALL_OVERHEAD: u64 =
    (READ_FLAT + READ_PER_BYTE * (33 + 130)) + (READ_FLAT + READ_PER_BYTE * (9 + 80)) + HAS_COST;

/// `KVGasConfig`: a read costs `READ_FLAT + READ_PER_BYTE × (key + value)`.
pub const READ_FLAT: u64 = 1_000;
pub const READ_PER_BYTE: u64 = 3;
/// A write costs `WRITE_FLAT + WRITE_PER_BYTE × (key + value)`.
pub const WRITE_FLAT: u64 = 2_000;
pub const WRITE_PER_BYTE: u64 = 30;
/// `Has` (never called by a contract: cw-storage-plus `has` is a read) and `Delete`.
pub const HAS_COST: u64 = 1_000;
pub const DELETE_COST: u64 = 1_000;
/// Each seek of an iterator (its creation and every `Next`) costs this plus
/// `READ_PER_BYTE × (key + value)` of the entry it stands on.
pub const ITER_NEXT_FLAT: u64 = 30;
/// A contract's keys live under `0x03 ‖ contract address (32 bytes)` in wasmd's store, and
/// the gas store sees (and charges) the whole key.
pub const CONTRACT_PREFIX_LEN: u64 = 33;

/// Events (`EventCosts`): per attribute, per byte of attribute data beyond a free tier of
/// 100 bytes per call, and per custom event (plus the bytes of its type).
pub const EVENT_PER_ATTRIBUTE: u64 = 10;
pub const EVENT_DATA_PER_BYTE: u64 = 1;
pub const EVENT_DATA_FREE_TIER: u64 = 100;
pub const CUSTOM_EVENT_COST: u64 = 20;

/// wasmvm charges 1 SDK gas (140_000 VM gas) per byte of a call's JSON result to decode it
/// (`DeserializeResponse` with `costJSONDeserialization`).
pub const RESULT_DECODE_PER_BYTE: u64 = 1;

/// Address conversions, in SDK gas (`DefaultGasCostCanonicalAddress`,
/// `DefaultGasCostHumanAddress`; validation is both). Charged inside the VM, so they are
/// part of a call's VM gas.
pub const CANONICALIZE_COST: u64 = 4;
pub const HUMANIZE_COST: u64 = 5;
pub const VALIDATE_COST: u64 = CANONICALIZE_COST + HUMANIZE_COST;

/// Gas to read `key_len + value_len` bytes of a contract's storage.
pub fn read_gas(key_len: usize, value_len: usize) -> u64 {
    READ_FLAT + READ_PER_BYTE * (CONTRACT_PREFIX_LEN + key_len as u64 + value_len as u64)
}

/// Gas to write `key_len + value_len` bytes of a contract's storage.
pub fn write_gas(key_len: usize, value_len: usize) -> u64 {
    WRITE_FLAT + WRITE_PER_BYTE * (CONTRACT_PREFIX_LEN + key_len as u64 + value_len as u64)
}

/// Gas of one iterator seek standing on an entry (`None`: past the end).
pub fn seek_gas(entry: Option<(usize, usize)>) -> u64 {
    match entry {
        Some((k, v)) => {
            ITER_NEXT_FLAT + READ_PER_BYTE * (CONTRACT_PREFIX_LEN + k as u64 + v as u64)
        }
        None => ITER_NEXT_FLAT,
    }
}

/// What one contract call cost, and what it did to storage.
///
/// `total()` is the contract-side SDK gas a chain charges for the call: its VM gas, decoding
/// its result, its storage operations, its events and the sub-queries it made. What is not
/// in it: loading the instance (`INSTANCE_COST`, also once per smart sub-query) and wasmd's
/// own reads (`WASMD_CALL_OVERHEAD`), the messages it dispatched (each a call of its own),
/// and the transaction's own costs (ante handler, signature, tx bytes): see
/// `Outcome::chain_gas`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// CosmWasm gas the VM metered for the call (wasm execution and API calls such as
    /// `addr_validate`); storage and queries are charged apart, as on a chain.
    pub vm_gas: u64,
    /// Bytes of the JSON result the chain decodes (1 SDK gas each).
    pub result_bytes: u64,
    /// SDK gas of this contract's own storage operations.
    pub storage_gas: u64,
    pub reads: u32,
    pub writes: u32,
    pub deletes: u32,
    /// Iterators opened (each one seek).
    pub scans: u32,
    /// Entries an iterator returned (each one more seek).
    pub steps: u32,
    /// SDK gas of the events the call emitted.
    pub event_gas: u64,
    /// SDK gas of the queries the call made to other contracts: their VM gas, their result
    /// decoding and their storage reads (smart), or the one storage read (raw).
    pub query_gas: u64,
    /// Smart queries made, nested ones included: each loads an instance on a chain.
    pub smart_queries: u32,
    /// Raw queries (a read of another contract's storage) and bank queries.
    pub raw_queries: u32,
}

impl Cost {
    /// The VM gas in SDK gas (wasmd divides, rounding down).
    pub fn vm_sdk(&self) -> u64 {
        self.vm_gas / GAS_MULTIPLIER
    }

    /// Everything but the VM gas and the storage: result decoding, events, sub-queries.
    pub fn other(&self) -> u64 {
        self.result_bytes * RESULT_DECODE_PER_BYTE + self.event_gas + self.query_gas
    }

    /// Contract-side SDK gas of the call (instance loads excluded).
    pub fn total(&self) -> u64 {
        self.vm_sdk() + self.storage_gas + self.other()
    }
}

/// An event attribute: key and value.
pub type Attribute = (String, String);
/// A custom event: its type and attributes.
pub type Event = (String, Vec<Attribute>);

/// wasmd's `EventCosts` for a response's attributes and custom events.
pub fn event_gas(attributes: &[Attribute], events: &[Event]) -> u64 {
    fn attrs_cost(attrs: &[Attribute], free: &mut u64) -> u64 {
        if attrs.is_empty() {
            return 0;
        }
        let bytes: u64 = attrs.iter().map(|(k, v)| (k.len() + v.len()) as u64).sum();
        let charged = if bytes <= *free {
            *free -= bytes;
            0
        } else {
            let c = bytes - *free;
            *free = 0;
            c
        };
        charged * EVENT_DATA_PER_BYTE + attrs.len() as u64 * EVENT_PER_ATTRIBUTE
    }
    let mut free = EVENT_DATA_FREE_TIER;
    let mut gas = attrs_cost(attributes, &mut free);
    for (ty, attrs) in events {
        gas += CUSTOM_EVENT_COST + ty.len() as u64 * EVENT_DATA_PER_BYTE;
        gas += attrs_cost(attrs, &mut free);
    }
    gas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_costs_follow_kv_gas_config() {
        // A 10-byte key with a 20-byte value, behind the 33-byte contract prefix.
        assert_eq!(read_gas(10, 20), 1_000 + 3 * 63);
        assert_eq!(write_gas(10, 20), 2_000 + 30 * 63);
        assert_eq!(seek_gas(Some((10, 20))), 30 + 3 * 63);
        assert_eq!(seek_gas(None), 30);
    }

    #[test]
    fn events_have_a_free_tier_per_call() {
        let a = |k: &str, v: &str| (k.to_string(), v.to_string());
        // 2 attributes, 40 bytes: within the free tier.
        assert_eq!(
            event_gas(&[a("action", "x"), a("k", &"v".repeat(32))], &[]),
            20
        );
        // 150 bytes: 50 over the tier.
        assert_eq!(event_gas(&[a("key", &"v".repeat(147))], &[]), 10 + 50);
        // A custom event: 20 + its type's bytes, and its attributes share the tier.
        assert_eq!(
            event_gas(
                &[a("key", &"v".repeat(97))],
                &[("wasm-x".into(), vec![a("a", "b")])]
            ),
            10 + 20 + 6 + 10 + 2
        );
    }

    #[test]
    fn the_total_adds_every_part() {
        let c = Cost {
            vm_gas: 3 * GAS_MULTIPLIER + 5,
            result_bytes: 100,
            storage_gas: 5_000,
            event_gas: 50,
            query_gas: 1_200,
            smart_queries: 1,
            ..Cost::default()
        };
        assert_eq!(c.total(), 3 + 100 + 5_000 + 50 + 1_200);
        assert_eq!(WASMD_CALL_OVERHEAD, 1_489 + 1_267 + 1_000);
    }
}
