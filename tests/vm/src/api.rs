//! Addresses as a wasmd chain has them: bech32 with the prefix `wasm`, 20 bytes for
//! accounts and 32 for contracts, and wasmd's gas for converting them.

use bech32::{Bech32, Hrp};
use cosmwasm_vm::{BackendApi, BackendError, BackendResult, GasInfo};
use sha2::{Digest, Sha256};

use crate::gas::{CANONICALIZE_COST, GAS_MULTIPLIER, HUMANIZE_COST, VALIDATE_COST};

pub const PREFIX: &str = "wasm";

fn hrp() -> Hrp {
    Hrp::parse(PREFIX).expect("a valid prefix")
}

/// The bech32 address of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    bech32::encode::<Bech32>(hrp(), bytes).expect("encodable")
}

/// A user account's address (20 bytes, like a chain's), derived from a name.
pub fn account(name: &str) -> String {
    encode(&Sha256::digest(format!("account/{name}"))[..20])
}

/// A contract's address (32 bytes, like wasmd's classic addresses), from its sequence number.
pub fn contract(code_id: u64, instance: u64) -> String {
    let mut h = Sha256::new();
    h.update(b"wasm/contract");
    h.update(code_id.to_be_bytes());
    h.update(instance.to_be_bytes());
    encode(&h.finalize())
}

fn canonical(human: &str) -> Result<Vec<u8>, String> {
    let (prefix, data) =
        bech32::decode(human).map_err(|e| format!("invalid address {human:?}: {e}"))?;
    if prefix != hrp() {
        return Err(format!("invalid address {human:?}: wrong prefix {prefix}"));
    }
    if data.is_empty() || data.len() > 255 {
        return Err(format!("invalid address {human:?}: length {}", data.len()));
    }
    Ok(data)
}

/// The chain's address API with wasmd's gas (`x/wasm/keeper/api.go`).
#[derive(Clone, Copy, Debug, Default)]
pub struct ChainApi;

fn vm_gas(sdk: u64) -> GasInfo {
    GasInfo::with_cost(sdk * GAS_MULTIPLIER)
}

impl BackendApi for ChainApi {
    fn addr_validate(&self, input: &str) -> BackendResult<()> {
        let gas = vm_gas(VALIDATE_COST);
        match canonical(input) {
            // The SDK refuses any form other than the normalised (lower-case) one.
            Ok(data) if encode(&data) == input => (Ok(()), gas),
            Ok(_) => (Err(BackendError::user_err("address not normalized")), gas),
            Err(e) => (Err(BackendError::user_err(e)), gas),
        }
    }

    fn addr_canonicalize(&self, human: &str) -> BackendResult<Vec<u8>> {
        let gas = vm_gas(CANONICALIZE_COST);
        match canonical(human) {
            Ok(data) => (Ok(data), gas),
            Err(e) => (Err(BackendError::user_err(e)), gas),
        }
    }

    fn addr_humanize(&self, canonical: &[u8]) -> BackendResult<String> {
        let gas = vm_gas(HUMANIZE_COST);
        if canonical.is_empty() || canonical.len() > 255 {
            return (Err(BackendError::user_err("invalid canonical length")), gas);
        }
        (Ok(encode(canonical)), gas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_look_like_a_chains() {
        let a = account("alex");
        assert!(a.starts_with("wasm1"));
        assert_eq!(a.len(), 43);
        assert_eq!(contract(1, 1).len(), 63);
        assert_ne!(account("alex"), account("jordan"));
    }

    #[test]
    fn validation_wants_the_normal_form() {
        let api = ChainApi;
        let a = account("alex");
        assert!(api.addr_validate(&a).0.is_ok());
        assert!(api.addr_validate(&a.to_uppercase()).0.is_err());
        assert!(api.addr_validate("alex").0.is_err());
        assert!(api
            .addr_validate(&encode_with("cosmos", &[1; 20]))
            .0
            .is_err());
        let (c, gas) = api.addr_canonicalize(&a);
        assert_eq!(api.addr_humanize(&c.unwrap()).0.unwrap(), a);
        assert_eq!(gas.cost, 4 * GAS_MULTIPLIER);
    }

    fn encode_with(prefix: &str, bytes: &[u8]) -> String {
        bech32::encode::<Bech32>(Hrp::parse(prefix).unwrap(), bytes).unwrap()
    }
}
