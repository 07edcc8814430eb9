//! Where a scenario is replayed: the embedded chain (cw-multi-test through the flow-testing
//! suite) or a running node (`crate::node`). The engine speaks only this interface, so both
//! run the same transactions in the same order and read the report back the same way.

use anyhow::{Context, Result};
use cosmwasm_std::{coins, to_json_vec, Coin, Timestamp};
use cw_multi_test::{BankSudo, SudoMsg};
use flow_testing::{Holon, HolonSpec, Suite};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The attributes of a transaction's contract events (`wasm` and `wasm-*`), in order.
pub type Attributes = Vec<(String, String)>;

/// An event the contracts emitted (`wasm`, or `wasm-<type>` for custom events), as opposed
/// to the chain's own (bank transfers, instantiation, the message).
pub fn is_contract_event(ty: &str) -> bool {
    ty == "wasm" || ty.starts_with("wasm-")
}

/// A chain the engine replays a scenario on.
pub trait Ledger {
    /// The address of a scenario account; `governance` and `stranger` are accounts too.
    fn addr(&self, name: &str) -> String;
    /// Deploys a whole holon (group, registry, distributor with its token and attestation
    /// contract), governed by `governance` or, when the spec says so, by its members'
    /// cw3-flex-multisig (deployed in between: group, multisig, the contracts it owns and
    /// administers, then the group's admin handed to it).
    fn deploy_holon(&mut self, spec: &HolonSpec) -> Result<Holon>;
    /// `sender` signs a contract call. An error's root cause is the contract's own message.
    fn execute_raw(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
        funds: &[Coin],
    ) -> Result<Attributes>;
    /// A smart query; the answer's JSON bytes.
    fn query_raw(&self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>>;
    /// `to` receives `amount` of `denom` from outside the scenario (the embedded chain mints
    /// it; a node's funding key sends it).
    fn give(&mut self, to: &str, amount: u128, denom: &str) -> Result<()>;
    /// The chain's time (its latest block's, to the nanosecond, as the contracts count).
    fn now(&self) -> Result<Timestamp>;
    /// Moves the chain on until its time is at least `t`, so that the next transaction
    /// sees a time after it.
    fn advance_to(&mut self, t: Timestamp) -> Result<()>;
    /// The members' multisig that governs `holon`, if its members govern it.
    fn governance_of(&self, holon: &Holon) -> Option<String>;
    /// Gas used by each transaction so far, by kind (empty where gas is not charged).
    fn gas(&self) -> Vec<(String, u64)> {
        vec![]
    }
    /// Who paid whose fees, in plain words, one line each (empty where no fees are charged).
    fn fee_notes(&self) -> Vec<String> {
        vec![]
    }
}

impl dyn Ledger + '_ {
    pub fn execute<T: Serialize>(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &T,
        funds: &[Coin],
    ) -> Result<Attributes> {
        self.execute_raw(sender, contract, to_json_vec(msg)?, funds)
    }

    pub fn query<T: DeserializeOwned, Q: Serialize>(&self, contract: &str, msg: &Q) -> Result<T> {
        let bytes = self.query_raw(contract, to_json_vec(msg)?)?;
        serde_json::from_slice(&bytes).context("the contract's answer does not parse")
    }
}

/// The embedded chain: time moves when the engine says so, coins are minted on demand.
pub struct Embedded {
    pub suite: Suite,
}

impl Ledger for Embedded {
    fn addr(&self, name: &str) -> String {
        if name == "governance" {
            // The wallet that deploys (and, unless the members govern, governs) the holons.
            return self.suite.deployer.to_string();
        }
        self.suite.addr(name).to_string()
    }

    fn deploy_holon(&mut self, spec: &HolonSpec) -> Result<Holon> {
        self.suite.deploy_holon(spec)
    }

    fn governance_of(&self, holon: &Holon) -> Option<String> {
        self.suite.multisig_of(holon).map(|a| a.to_string())
    }

    fn execute_raw(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
        funds: &[Coin],
    ) -> Result<Attributes> {
        let contract = cosmwasm_std::Addr::unchecked(contract);
        let msg: serde_json::Value = serde_json::from_slice(&msg)?;
        let res = self
            .suite
            .execute_with_funds(sender, &contract, &msg, funds)?;
        Ok(res
            .events
            .iter()
            .filter(|e| is_contract_event(&e.ty))
            .flat_map(|e| e.attributes.iter())
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect())
    }

    fn query_raw(&self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>> {
        let msg: serde_json::Value = serde_json::from_slice(&msg)?;
        let answer: serde_json::Value = self
            .suite
            .query(&cosmwasm_std::Addr::unchecked(contract), &msg)?;
        Ok(serde_json::to_vec(&answer)?)
    }

    fn give(&mut self, to: &str, amount: u128, denom: &str) -> Result<()> {
        let to_address = self.suite.account(to).to_string();
        self.suite.app.sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address,
            amount: coins(amount, denom),
        }))?;
        Ok(())
    }

    fn now(&self) -> Result<Timestamp> {
        Ok(self.suite.now())
    }

    fn advance_to(&mut self, t: Timestamp) -> Result<()> {
        let now = self.suite.now();
        if now < t {
            // Whole seconds, as the suite's blocks move.
            self.suite
                .advance((t.nanos() - now.nanos()).div_ceil(1_000_000_000));
        }
        Ok(())
    }
}
