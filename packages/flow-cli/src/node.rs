//! A running node as the ledger: `flow simulate FILE --node URL`.
//!
//! Signed transactions go through CometBFT's RPC (cosmrs + tendermint-rpc): every one is
//! simulated first (a refusal costs nothing and reads as the contract's own error), then
//! signed with the gas the simulation measured × 1.4 and broadcast; its result is read back
//! by hash. Queries are ABCI queries of the wasm module.
//!
//! Keys: the funding key comes from a BIP-39 mnemonic (account 0 of m/44'/COIN'/0'/0/i, the
//! coin type 118 unless the chain says otherwise). It is the holons' governance; every other
//! account of the scenario is account i ≥ 1 of the same mnemonic, funded with gas by the
//! funding key before the replay. The funding key also sends the coins a scenario's
//! `[[funds]]` put into a treasury.
//!
//! Fees paid by the holon (`[fees]`): the granter (the funding key, or an account of the
//! scenario) grants each member an x/feegrant allowance at deploy — an AllowedMsgAllowance
//! of `/cosmwasm.wasm.v1.MsgExecuteContract` around a PeriodicAllowance, as
//! scripts/feegrant.mjs does — and every contract call a member signs names the granter in
//! its fee (`fee.granter`): such a member is given no gas and needs no coin at all.
//!
//! Deploys: each holon through the project's one deployer, scripts/deploy.mjs (`node` from
//! PATH, the checkout `$FLOW_REPO` or the one this binary was built from): the holon's
//! complete JSON form (the members as their keys' addresses, the compressed cycle, no
//! `[fees]`) in a temporary file, signed by the funding key from a temporary copy of the
//! mnemonic (the deployer's account 0, as here), reusing the codes of this build already on
//! the chain (`--reuse-stored-codes`); the contracts' addresses are read back from its
//! deployment file.
//!
//! Time: a node's clock cannot be moved. The scenario's cycles are compressed onto short
//! cycles of the chain ([`compress`]); the engine waits for the chain's blocks to reach each
//! cycle's end, and stops with a clear error when a cycle's transactions did not fit.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use cosmrs::bip32::DerivationPath;
use cosmrs::cosmwasm::MsgExecuteContract;
use cosmrs::crypto::secp256k1::SigningKey;
use cosmrs::feegrant::{
    AllowedMsgAllowance, BasicAllowance, MsgGrantAllowance, MsgRevokeAllowance, PeriodicAllowance,
};
use cosmrs::proto::cosmos::auth::v1beta1::{
    BaseAccount, QueryAccountRequest, QueryAccountResponse,
};
use cosmrs::proto::cosmos::bank::v1beta1::{QueryBalanceRequest, QueryBalanceResponse};
use cosmrs::proto::cosmos::feegrant::v1beta1::{QueryAllowanceRequest, QueryAllowanceResponse};
use cosmrs::proto::cosmos::tx::v1beta1::{SimulateRequest, SimulateResponse};
use cosmrs::proto::cosmwasm::wasm::v1::{
    QuerySmartContractStateRequest, QuerySmartContractStateResponse,
};
use cosmrs::proto::prost::Message;
use cosmrs::rpc::{Client, HttpClient};
use cosmrs::tendermint::chain::Id as ChainId;
use cosmrs::tx::{Body, Fee, Msg, SignDoc, SignerInfo};
use cosmrs::{AccountId, Any, Coin as TxCoin, Denom};
use cosmwasm_std::{Coin, Decimal, Timestamp, Uint128};
use flow_testing::{Holon, HolonSpec};

use crate::diag::Diag;
use crate::engine::{self, Progress, Replay};
use crate::holon_file::deploy_form;
use crate::ledger::{is_contract_event, Attributes, Ledger};
use crate::scenario::{ActionKind, AfterPurchase, Granter, HolonPlan, Plan, ProposalAction};

/// The gas a transaction may use: what its simulation used, times this.
const GAS_ADJUSTMENT: f64 = 1.4;
/// The gas limit a simulated transaction declares (its fee is deducted in the simulation).
const SIMULATION_GAS: u64 = 1_000_000;
/// Gas each scenario account is given before the replay: this many transactions of this
/// much gas at the gas price (topped up only when it has less).
const GAS_FUND_TXS: u128 = 100;
const GAS_FUND_PER_TX: u128 = 500_000;
/// Longest wait for a transaction to be included in a block.
const TX_TIMEOUT: Duration = Duration::from_secs(60);
/// How often the chain is asked for news.
const POLL: Duration = Duration::from_millis(150);
/// The only message a member's fee allowance pays for.
pub const EXECUTE_CONTRACT: &str = "/cosmwasm.wasm.v1.MsgExecuteContract";
/// A member's month, as scripts/feegrant.mjs's MEMBER_MONTH (the localnet's gas of each
/// transaction paid by a grant): 4 attestations, 4 co-signs, a claim, 4 transfers, 2 votes.
const MEMBER_MONTH: [(u128, u64); 5] = [
    (4, 190_000),
    (4, 284_000),
    (1, 241_000),
    (4, 148_000),
    (2, 247_000),
];
/// The default allowance per period is this many members' months.
const HEADROOM: u128 = 2;
/// The coin type of keys when the chain says none (the Cosmos Hub's, wasmd's default).
pub const DEFAULT_COIN_TYPE: u32 = 118;

/// How to reach the node and sign on it.
#[derive(Clone, Debug)]
pub struct NodeOptions {
    /// CometBFT RPC, e.g. http://127.0.0.1:26657.
    pub url: String,
    /// Checked against the node's own (default: the node's).
    pub chain_id: Option<String>,
    /// Gas price, e.g. 0.0025stake.
    pub gas_prices: String,
    /// Bech32 prefix of account addresses.
    pub prefix: String,
    /// BIP-44 coin type of the keys (m/44'/coin_type'/0'/0/i).
    pub coin_type: u32,
    /// The funding key's BIP-39 mnemonic.
    pub mnemonic: String,
    /// Where need_registry.wasm, attestation.wasm, flow_token.wasm, distributor.wasm, commons.wasm are
    /// (scripts/deploy.mjs's `--artifacts`).
    pub artifacts: PathBuf,
    /// The cw4-group artifact (`--cw4-group-wasm`).
    pub cw4_group: PathBuf,
    /// The cw3-flex-multisig artifact (`--cw3-flex-multisig-wasm`; stored only when members
    /// govern a holon).
    pub cw3_flex_multisig: PathBuf,
    /// Report what is done on stderr.
    pub verbose: bool,
}

/// One signing account.
struct Signer {
    key: SigningKey,
    address: AccountId,
    /// Account number and next sequence, read from the chain on first use.
    account: Option<(u64, u64)>,
}

/// An event attribute of a transaction's result: (event type, key, value).
type TxEvent = (String, String, String);

/// A holon that pays its members' fees: its granter and what it paid.
struct Payer {
    holon: String,
    granter: AccountId,
    /// Members' names.
    grantees: std::collections::HashSet<String>,
    /// The holon's contracts (a member's call to one of them names this granter first).
    contracts: std::collections::HashSet<String>,
    /// The grant's own transaction fee (the granter signs it) and the members' transactions.
    grant_fee: u128,
    txs: u64,
    fees: u128,
}

/// `[fees]` of a holon, ready to grant: the scenario's, compressed, with the limit priced.
#[derive(Clone, Debug)]
struct FeeSetup {
    granter: String,
    period_seconds: u64,
    expiry_seconds: u64,
    limit: u128,
}

/// A transaction's gas, for the summary.
#[derive(Clone, Debug)]
pub struct TxGas {
    pub kind: String,
    pub gas_used: u64,
}

pub struct Node {
    rt: tokio::runtime::Runtime,
    client: HttpClient,
    chain_id: ChainId,
    opts: NodeOptions,
    gas_price: Decimal,
    gas_denom: String,
    signers: HashMap<String, Signer>,
    /// The holons of the compressed plan, in the order they deploy.
    holons: Vec<HolonPlan>,
    /// Each members' multisig, by the distributor of the holon it governs.
    multisigs: HashMap<String, String>,
    /// Each holon's `[fees]`, in the order the holons deploy (None: members pay their own).
    fee_setups: Vec<Option<FeeSetup>>,
    /// Holons deployed so far.
    deployed: usize,
    /// The holons that pay their members' fees.
    payers: Vec<Payer>,
    /// Every transaction broadcast, in order.
    pub txs: Vec<TxGas>,
}

/// The key of account `index` of a mnemonic (m/44'/coin_type'/0'/0/index, as `wasmd keys
/// add --coin-type coin_type --index index`).
fn derive(mnemonic: &str, coin_type: u32, index: usize) -> Result<SigningKey> {
    let words = mnemonic.split_whitespace().collect::<Vec<_>>().join(" ");
    let m = bip39::Mnemonic::parse_normalized(&words)
        .map_err(|e| anyhow!("the mnemonic is not a valid BIP-39 phrase: {e}"))?;
    let seed = m.to_seed("");
    let path = DerivationPath::from_str(&format!("m/44'/{coin_type}'/0'/0/{index}"))
        .map_err(|e| anyhow!("derivation path (coin type {coin_type}): {e}"))?;
    SigningKey::derive_from_path(seed, &path).map_err(|e| anyhow!("deriving key {index}: {e}"))
}

/// `0.0025stake` → (0.0025, "stake").
fn parse_gas_price(s: &str) -> Result<(Decimal, String)> {
    let split = s.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(|| {
        anyhow!("--gas-prices {s:?}: expected an amount and a denom, like 0.0025stake")
    })?;
    let (amount, denom) = s.split_at(split);
    let price = Decimal::from_str(amount)
        .map_err(|e| anyhow!("--gas-prices {s:?}: {amount:?} is not a decimal: {e}"))?;
    Ok((price, denom.to_string()))
}

/// Twice a member's month of fees at `price` (scripts/feegrant.mjs's `memberMonth`): each
/// transaction asks for its gas × 1.4 and pays that × the price, rounded up; the sum × 2 is
/// rounded up to a thousand. 23,000 at 0.0025 a unit of gas.
pub fn default_spend_limit(price: Decimal) -> u128 {
    let fee: u128 = MEMBER_MONTH
        .iter()
        .map(|(count, gas)| {
            let wanted = (u128::from(*gas) * 14).div_ceil(10);
            count * Uint128::new(wanted).mul_ceil(price).u128()
        })
        .sum();
    (fee * HEADROOM).div_ceil(1000) * 1000
}

/// The allowance each member gets (scripts/feegrant.mjs's `allowanceAny`): only
/// MsgExecuteContract, at most `limit` per period, `limit` × the whole periods before the
/// expiry in all, until `now` + the expiry; the first period may spend the whole limit until
/// `now` + a period (wasmd 0.61 keeps the period_reset it is sent).
fn allowance_any(setup: &FeeSetup, denom: &str, now: std::time::SystemTime) -> Result<Any> {
    let periods = (setup.expiry_seconds / setup.period_seconds.max(1)).max(1);
    let limit = vec![tx_coin(setup.limit, denom)?];
    let periodic = PeriodicAllowance {
        basic: Some(BasicAllowance {
            spend_limit: vec![tx_coin(setup.limit * u128::from(periods), denom)?],
            expiration: Some(now + Duration::from_secs(setup.expiry_seconds)),
        }),
        period: Some(Duration::from_secs(setup.period_seconds)),
        period_spend_limit: limit.clone(),
        period_can_spend: limit,
        period_reset: Some(now + Duration::from_secs(setup.period_seconds)),
    };
    AllowedMsgAllowance {
        allowance: Some(periodic.to_any().map_err(|e| anyhow!("{e}"))?),
        allowed_messages: vec![EXECUTE_CONTRACT.to_string()],
    }
    .to_any()
    .map_err(|e| anyhow!("{e}"))
}

/// The fee of a transaction of `gas` at `price`, paid by `granter` when there is one.
fn fee_for(gas: u64, price: Decimal, denom: &str, granter: Option<&AccountId>) -> Result<Fee> {
    let amount = Uint128::from(gas).mul_ceil(price).u128();
    let mut fee = Fee::from_amount_and_gas(tx_coin(amount, denom)?, gas);
    fee.granter = granter.cloned();
    Ok(fee)
}

/// A refusal of the holon's allowance, in plain words: what to change.
fn allowance_hint(err: &str, member: &str, granter: &AccountId) -> Option<String> {
    let what = if err.contains("fee limit exceeded") {
        "its allowance for this period is used up: raise [fees] spend_limit"
    } else if err.contains("expired") {
        "its allowance expired: raise [fees] expiry_days"
    } else if err.contains("fee-grant not found") {
        "it has no allowance from the granter"
    } else if err.contains("insufficient funds") || err.contains("insufficient fee") {
        "the granter has too few coins: fund it"
    } else if err.contains("allowed messages") {
        "the allowance covers only contract calls"
    } else {
        return None;
    };
    Some(format!(
        "{err} (the holon pays {member}'s fees, granter {granter}: {what})"
    ))
}

/// The contract's own message out of a node's log, e.g. `failed to execute message;
/// message index: 0: Unauthorized: execute wasm contract failed [...]` → `Unauthorized`.
pub fn contract_error(log: &str) -> String {
    let mut text = log;
    if let Some(i) = text.find("message index: ") {
        let rest = &text[i + "message index: ".len()..];
        text = rest.split_once(": ").map(|(_, r)| r).unwrap_or(rest);
    }
    for tail in [
        ": execute wasm contract failed",
        ": instantiate wasm contract failed",
        ": query wasm contract failed",
        " [CosmWasm/",
        " With gas wanted",
    ] {
        if let Some(i) = text.find(tail) {
            text = &text[..i];
        }
    }
    // Queries: `Generic error: ...` is how the VM reports a contract's StdError.
    text.trim().to_string()
}

/// The checkout whose scripts/deploy.mjs deploys the holons: `$FLOW_REPO`, else the one this
/// binary was built from.
pub fn repo_root() -> PathBuf {
    match std::env::var_os("FLOW_REPO") {
        Some(r) if !r.is_empty() => PathBuf::from(r),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(".."),
    }
}

/// What the CLI reads of scripts/deploy.mjs's deployment file.
#[derive(Debug, serde::Deserialize)]
struct Deployment {
    /// The owner and wasm admin of the holon's contracts (the members' multisig, or the
    /// funding key).
    governance: String,
    addresses: DeployedAddresses,
    #[serde(default)]
    txs: std::collections::BTreeMap<String, DeployTx>,
}

#[derive(Debug, serde::Deserialize)]
struct DeployedAddresses {
    group: String,
    registry: String,
    distributor: String,
    token: String,
    attestation: String,
    /// The holon's commons (a deployment of a deployer before the commons has none).
    #[serde(default)]
    commons: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct DeployTx {
    gas_used: u64,
}

/// A directory of our own for the deployer's files (the mnemonic among them): tempfile's,
/// made with mode 0700 (its default follows the umask) and removed when dropped.
fn deploy_dir() -> Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("flow-deploy-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    builder
        .tempdir()
        .context("creating a temporary directory for scripts/deploy.mjs")
}

/// Writes `text` to a new file only its owner may read.
fn write_private(path: &Path, text: &str) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

/// The holon's complete JSON form as scripts/deploy.mjs takes it, for a replay on a node:
/// [`deploy_form`] with `name` turning an account's name into its key's address (an address
/// stays as it is), without `fees` (the replay grants them itself, after the deploy) and
/// without `cycle_start` (cycle 1 starts at the deploy, as on the embedded chain; the
/// plan's cycles are the compressed ones).
fn node_form(h: &HolonPlan, name: &dyn Fn(&str) -> String) -> serde_json::Value {
    let mut form = deploy_form(h, name, name);
    if let Some(o) = form.as_object_mut() {
        o.remove("fees");
        o.insert("cycle_start".into(), serde_json::Value::Null);
    }
    form
}

impl Node {
    /// Connects, checks the chain id and derives the funding key (`governance`).
    pub fn connect(opts: NodeOptions) -> Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        let url = opts
            .url
            .parse()
            .map_err(|e| anyhow!("--node {:?} is not a URL: {e}", opts.url))?;
        let (client, chain_id) = rt.block_on(async {
            let probe = HttpClient::builder(url)
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| anyhow!("--node {}: {e}", opts.url))?;
            let status = probe
                .status()
                .await
                .map_err(|e| anyhow!("no node answers at {}: {e}", opts.url))?;
            let mode = cosmrs::rpc::client::CompatMode::from_version(status.node_info.version)
                .unwrap_or(cosmrs::rpc::client::CompatMode::V0_38);
            let url = opts.url.parse().map_err(|e| anyhow!("{e}"))?;
            let client = HttpClient::builder(url)
                .compat_mode(mode)
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| anyhow!("--node {}: {e}", opts.url))?;
            Ok::<_, anyhow::Error>((client, status.node_info.network))
        })?;
        if let Some(want) = &opts.chain_id {
            if want != chain_id.as_str() {
                bail!(
                    "--chain-id {want}: the node at {} runs {chain_id}",
                    opts.url
                );
            }
        }
        let (gas_price, gas_denom) = parse_gas_price(&opts.gas_prices)?;
        let mut node = Node {
            rt,
            client,
            chain_id,
            gas_price,
            gas_denom,
            signers: HashMap::new(),
            holons: vec![],
            multisigs: HashMap::new(),
            fee_setups: vec![],
            deployed: 0,
            payers: vec![],
            txs: vec![],
            opts,
        };
        node.add_signer("governance", 0)?;
        Ok(node)
    }

    fn add_signer(&mut self, name: &str, index: usize) -> Result<()> {
        let key = derive(&self.opts.mnemonic, self.opts.coin_type, index)?;
        let address = key
            .public_key()
            .account_id(&self.opts.prefix)
            .map_err(|e| anyhow!("address of {name}: {e}"))?;
        self.signers.insert(
            name.to_string(),
            Signer {
                key,
                address,
                account: None,
            },
        );
        Ok(())
    }

    fn log(&self, line: impl AsRef<str>) {
        if self.opts.verbose {
            let _ = writeln!(std::io::stderr(), "node: {}", line.as_ref());
        }
    }

    /// Reads each holon's `[fees]` (of the compressed plan): the limit per member and period
    /// (the scenario's, or twice a member's month at the gas price), in the chain's fee denom.
    pub fn plan_fees(&mut self, plan: &Plan) -> Result<(), Diag> {
        self.fee_setups = vec![];
        self.holons = plan.holons.clone();
        for h in &plan.holons {
            let Some(f) = &h.fees else {
                self.fee_setups.push(None);
                continue;
            };
            let limit = match &f.spend_limit {
                None => default_spend_limit(self.gas_price),
                Some((amount, denom)) if *denom == self.gas_denom => *amount,
                Some((_, denom)) => {
                    return Err(plan.diag(
                        &f.origin,
                        format!(
                            "spend_limit is in {denom}, but the chain's fees are in {} (--gas-prices {})",
                            self.gas_denom, self.opts.gas_prices
                        ),
                    ))
                }
            };
            self.fee_setups.push(Some(FeeSetup {
                granter: match &f.granter {
                    Granter::Deployer => "governance".into(),
                    Granter::Account(a) => a.clone(),
                },
                period_seconds: f.period_seconds.max(1),
                expiry_seconds: f.expiry_seconds.max(1),
                limit,
            }));
        }
        Ok(())
    }

    /// Gives every account of the scenario (and `stranger`) a key, and gas from the funding
    /// key, in batches of bank sends — except the members of a holon that pays their fees,
    /// who get nothing. A granter other than the funding key gets what its members may
    /// spend in the replay's periods (`cycles` chain cycles of `cycle_seconds`).
    pub fn prepare(&mut self, plan: &Plan, accounts: &[String], cycle_seconds: u64) -> Result<()> {
        let mut names: Vec<String> = accounts.to_vec();
        names.push("stranger".into());
        for (i, name) in names.iter().enumerate() {
            if name == "governance" {
                continue;
            }
            self.add_signer(name, i + 1)?;
        }
        let gas_fund = Uint128::new(GAS_FUND_TXS * GAS_FUND_PER_TX).mul_ceil(self.gas_price);
        let mut grantees: std::collections::HashSet<&str> = Default::default();
        let mut granters: HashMap<String, Uint128> = HashMap::new();
        for (h, setup) in plan.holons.iter().zip(&self.fee_setups) {
            let Some(f) = setup else { continue };
            grantees.extend(h.members.iter().map(|m| m.as_str()));
            let periods = (plan.cycles * cycle_seconds)
                .div_ceil(f.period_seconds)
                .clamp(1, (f.expiry_seconds / f.period_seconds).max(1));
            let spend = Uint128::new(f.limit)
                * Uint128::from(h.members.len() as u64)
                * Uint128::from(periods);
            *granters.entry(f.granter.clone()).or_insert(gas_fund) += spend;
        }
        let mut sends = vec![];
        for name in &names {
            if grantees.contains(name.as_str()) {
                continue;
            }
            let want = granters.get(name).copied().unwrap_or(gas_fund);
            let address = self.signers[name].address.to_string();
            let have = self.bank_balance(&address, &self.gas_denom.clone())?;
            if have < want {
                sends.push((address, want - have));
            }
        }
        self.log(format!(
            "chain {}; governance {}; {} accounts, {} to fund with gas",
            self.chain_id,
            self.signers["governance"].address,
            names.len(),
            sends.len()
        ));
        for batch in sends.chunks(50) {
            let msgs = batch
                .iter()
                .map(|(to, amount)| self.bank_send_msg(to, amount.u128(), &self.gas_denom))
                .collect::<Result<Vec<_>>>()?;
            self.broadcast("governance", msgs, "fund gas")?;
        }
        Ok(())
    }

    fn bank_send_msg(&self, to: &str, amount: u128, denom: &str) -> Result<Any> {
        let msg = cosmrs::bank::MsgSend {
            from_address: self.signers["governance"].address.clone(),
            to_address: AccountId::from_str(to).map_err(|e| anyhow!("{to}: {e}"))?,
            amount: vec![tx_coin(amount, denom)?],
        };
        msg.to_any().map_err(|e| anyhow!("{e}"))
    }

    fn signer(&self, name: &str) -> Result<&Signer> {
        self.signers
            .get(name)
            .ok_or_else(|| anyhow!("no key for the account {name:?}"))
    }

    // ------------------------------------------------------------------ queries

    fn abci<Req: Message, Res: Message + Default>(&self, path: &str, req: &Req) -> Result<Res> {
        let res = self
            .rt
            .block_on(self.client.abci_query(
                Some(path.to_string()),
                req.encode_to_vec(),
                None,
                false,
            ))
            .map_err(|e| anyhow!("{path}: {e}"))?;
        if res.code.is_err() {
            bail!("{}", contract_error(&res.log));
        }
        Res::decode(res.value.as_slice()).map_err(|e| anyhow!("{path}: bad answer: {e}"))
    }

    fn bank_balance(&self, address: &str, denom: &str) -> Result<Uint128> {
        let res: QueryBalanceResponse = self.abci(
            "/cosmos.bank.v1beta1.Query/Balance",
            &QueryBalanceRequest {
                address: address.to_string(),
                denom: denom.to_string(),
            },
        )?;
        let amount = res.balance.map(|c| c.amount).unwrap_or_default();
        Ok(Uint128::from_str(if amount.is_empty() {
            "0"
        } else {
            &amount
        })?)
    }

    fn account(&self, address: &str) -> Result<(u64, u64)> {
        let res: QueryAccountResponse = self
            .abci(
                "/cosmos.auth.v1beta1.Query/Account",
                &QueryAccountRequest {
                    address: address.to_string(),
                },
            )
            .with_context(|| format!("account {address} (has it received any coins?)"))?;
        let any = res
            .account
            .ok_or_else(|| anyhow!("account {address}: empty answer"))?;
        if !any.type_url.ends_with("BaseAccount") {
            bail!("account {address} is a {}, not a BaseAccount", any.type_url);
        }
        let base = BaseAccount::decode(any.value.as_slice())?;
        Ok((base.account_number, base.sequence))
    }

    // ------------------------------------------------------------------ transactions

    fn sign(
        &self,
        name: &str,
        msgs: &[Any],
        gas: u64,
        sequence: u64,
        number: u64,
        granter: Option<&AccountId>,
    ) -> Result<Vec<u8>> {
        let s = self.signer(name)?;
        let body = Body::new(msgs.to_vec(), "cw-flow simulate", 0u32);
        let fee = fee_for(gas, self.gas_price, &self.gas_denom, granter)?;
        let auth = SignerInfo::single_direct(Some(s.key.public_key()), sequence).auth_info(fee);
        let doc = SignDoc::new(&body, &auth, &self.chain_id, number).map_err(|e| anyhow!("{e}"))?;
        let raw = doc.sign(&s.key).map_err(|e| anyhow!("signing: {e}"))?;
        raw.to_bytes().map_err(|e| anyhow!("{e}"))
    }

    /// Simulates, signs, broadcasts and waits for `msgs` from `name`; every event
    /// attribute of the result as (event type, key, value). An error is the chain's
    /// refusal, its root cause the contract's own message.
    fn broadcast(
        &mut self,
        name: &str,
        msgs: Vec<Any>,
        kind: &str,
    ) -> Result<Vec<(String, String, String)>> {
        self.broadcast_paid(name, msgs, kind, None)
            .map(|(events, _)| events)
    }

    /// `broadcast`, the fee paid by `granter` when there is one (x/feegrant); also the fee.
    fn broadcast_paid(
        &mut self,
        name: &str,
        msgs: Vec<Any>,
        kind: &str,
        granter: Option<&AccountId>,
    ) -> Result<(Vec<TxEvent>, u128)> {
        let address = self.signer(name)?.address.to_string();
        let (number, sequence) = match self.signers[name].account {
            Some(a) => a,
            None => self.account(&address)?,
        };
        // Simulation: the gas, or the refusal, without a transaction. It carries a fee, so
        // that the fee's deduction is measured too.
        let tx = self.sign(name, &msgs, SIMULATION_GAS, sequence, number, granter)?;
        let sim: SimulateResponse = self.abci(
            "/cosmos.tx.v1beta1.Service/Simulate",
            &SimulateRequest {
                tx_bytes: tx,
                ..Default::default()
            },
        )?;
        let used = sim.gas_info.map(|g| g.gas_used).unwrap_or(0);
        let gas = ((used as f64) * GAS_ADJUSTMENT).ceil() as u64;
        let fee = Uint128::from(gas).mul_ceil(self.gas_price).u128();
        let tx = self.sign(name, &msgs, gas, sequence, number, granter)?;
        let sent = self
            .rt
            .block_on(self.client.broadcast_tx_sync(tx))
            .map_err(|e| anyhow!("broadcast: {e}"))?;
        if sent.code.is_err() {
            // Not taken (a stale sequence, a fee too low): read the account afresh next time.
            self.signers.get_mut(name).expect("signer").account = None;
            bail!("{}", contract_error(&sent.log));
        }
        self.signers.get_mut(name).expect("signer").account = Some((number, sequence + 1));
        let started = Instant::now();
        let res = loop {
            match self.rt.block_on(self.client.tx(sent.hash, false)) {
                Ok(r) => break r,
                Err(_) if started.elapsed() < TX_TIMEOUT => std::thread::sleep(POLL),
                Err(e) => bail!(
                    "transaction {} not found after {:?}: {e}",
                    sent.hash,
                    TX_TIMEOUT
                ),
            }
        };
        self.txs.push(TxGas {
            kind: kind.to_string(),
            gas_used: res.tx_result.gas_used as u64,
        });
        if res.tx_result.code.is_err() {
            bail!("{}", contract_error(&res.tx_result.log));
        }
        let mut out = vec![];
        for e in &res.tx_result.events {
            for a in &e.attributes {
                let (Ok(k), Ok(v)) = (a.key_str(), a.value_str()) else {
                    continue;
                };
                out.push((e.kind.clone(), k.to_string(), v.to_string()));
            }
        }
        Ok((out, fee))
    }

    /// The allowance `granter` gives `grantee`, if any.
    fn has_allowance(&self, granter: &str, grantee: &str) -> Result<bool> {
        match self.abci::<_, QueryAllowanceResponse>(
            "/cosmos.feegrant.v1beta1.Query/Allowance",
            &QueryAllowanceRequest {
                granter: granter.to_string(),
                grantee: grantee.to_string(),
            },
        ) {
            Ok(r) => Ok(r.allowance.is_some()),
            Err(e) if e.to_string().contains("not found") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The granter gives each member the holon's allowance (an earlier grant of the same
    /// granter, from another replay with the same keys, is revoked in the same transaction
    /// first: the chain refuses a second), 50 members a transaction. The grant creates the
    /// account of a member who never held a coin.
    fn grant_fees(
        &mut self,
        holon: &str,
        members: &[String],
        contracts: std::collections::HashSet<String>,
        setup: &FeeSetup,
    ) -> Result<()> {
        let granter = self.signer(&setup.granter)?.address.clone();
        let t = self.latest_time()?;
        let now = std::time::UNIX_EPOCH + Duration::from_nanos(t.nanos());
        let allowance = allowance_any(setup, &self.gas_denom, now)?;
        let mut grant_fee = 0;
        for batch in members.chunks(50) {
            let mut msgs = vec![];
            for m in batch {
                let grantee = self.signer(m)?.address.clone();
                if self.has_allowance(granter.as_ref(), grantee.as_ref())? {
                    msgs.push(
                        MsgRevokeAllowance {
                            granter: granter.clone(),
                            grantee: grantee.clone(),
                        }
                        .to_any()
                        .map_err(|e| anyhow!("{e}"))?,
                    );
                }
                msgs.push(
                    MsgGrantAllowance {
                        granter: granter.clone(),
                        grantee,
                        allowance: Some(allowance.clone()),
                    }
                    .to_any()
                    .map_err(|e| anyhow!("{e}"))?,
                );
            }
            let (_, fee) = self
                .broadcast_paid(&setup.granter, msgs, "grant_fees", None)
                .map_err(|e| {
                    anyhow!(
                        "{holon}: the granter {granter} grants the members' fee allowances: {e}"
                    )
                })?;
            grant_fee += fee;
        }
        let until = cosmrs::tendermint::Time::from_unix_timestamp(
            (t.seconds() + setup.expiry_seconds) as i64,
            0,
        )
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|_| format!("{} s from now", setup.expiry_seconds));
        let _ = writeln!(
            std::io::stderr(),
            "node: {holon}: fees paid by the holon (granter {granter}): {} members may each spend {}{} per {} s on contract calls, until {until}",
            members.len(),
            setup.limit,
            self.gas_denom,
            setup.period_seconds,
        );
        self.payers.push(Payer {
            holon: holon.to_string(),
            granter,
            grantees: members.iter().cloned().collect(),
            contracts,
            grant_fee,
            txs: 0,
            fees: 0,
        });
        Ok(())
    }

    /// The holon that pays `sender`'s fee for a call to `contract`: the contract's holon if it
    /// grants `sender`, else any holon that grants them (an allowance covers any contract).
    fn payer_of(&self, sender: &str, contract: &str) -> Option<usize> {
        let grants = |p: &Payer| p.grantees.contains(sender);
        self.payers
            .iter()
            .position(|p| grants(p) && p.contracts.contains(contract))
            .or_else(|| self.payers.iter().position(grants))
    }

    /// Deploys `form` (a holon's complete JSON form) with scripts/deploy.mjs, signed by the
    /// funding key (account 0 of the mnemonic, `governance` here); its deployment file.
    fn run_deployer(&mut self, form: &serde_json::Value) -> Result<Deployment> {
        let root = repo_root();
        let script = root.join("scripts").join("deploy.mjs");
        if !script.is_file() {
            bail!(
                "{} is missing: `flow simulate --node` deploys each holon with the cw-flow checkout's \
                 scripts/deploy.mjs (set FLOW_REPO to the checkout)",
                script.display()
            );
        }
        let modules = root.join("scripts").join("node_modules");
        if !modules.join("@cosmjs").join("cosmwasm-stargate").is_dir() {
            bail!(
                "{} is missing: `flow simulate --node` deploys each holon with scripts/deploy.mjs, \
                 which needs its packages: run `npm ci` in {} (Node.js 20 or newer)",
                modules.display(),
                root.join("scripts").display()
            );
        }
        let dir = deploy_dir()?;
        let holon_file = dir.path().join("holon.json");
        std::fs::write(&holon_file, serde_json::to_vec_pretty(form)?)
            .with_context(|| format!("writing {}", holon_file.display()))?;
        let key_file = dir.path().join("deployer.mnemonic");
        write_private(&key_file, &self.opts.mnemonic)?;
        let out = dir.path().join("deployment.json");
        let mut cmd = std::process::Command::new("node");
        cmd.arg(&script)
            .arg(&holon_file)
            .arg("--node")
            .arg(&self.opts.url)
            .arg("--chain-id")
            .arg(self.chain_id.as_str())
            .arg("--prefix")
            .arg(&self.opts.prefix)
            .arg("--coin-type")
            .arg(self.opts.coin_type.to_string())
            .arg("--gas-prices")
            .arg(&self.opts.gas_prices)
            .arg("--mnemonic-file")
            .arg(&key_file)
            // No named accounts: every member and the governance are addresses.
            .arg("--accounts")
            .arg(dir.path().join("no-accounts.json"))
            .arg("--artifacts")
            .arg(&self.opts.artifacts)
            .arg("--cw4-group-wasm")
            .arg(&self.opts.cw4_group)
            .arg("--cw3-flex-multisig-wasm")
            .arg(&self.opts.cw3_flex_multisig)
            .arg("--out")
            .arg(&out)
            // Codes already on the chain from this build (an earlier holon's, the localnet
            // deploy's) are reused: the deployer finds them by checksum.
            .arg("--reuse-stored-codes")
            .arg("--quiet")
            .stdin(std::process::Stdio::null());
        let output = match cmd.output() {
            Ok(o) => o,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "`node` is not on PATH: install Node.js 20 or newer (`flow simulate --node` deploys \
                 each holon with scripts/deploy.mjs)"
            ),
            Err(e) => bail!("running node {}: {e}", script.display()),
        };
        // The deployer signed with the funding key: its sequence is the chain's to tell again.
        if let Some(s) = self.signers.get_mut("governance") {
            s.account = None;
        }
        if !output.status.success() {
            let err = String::from_utf8_lossy(&output.stderr);
            let err = err.trim();
            bail!(
                "scripts/deploy.mjs: {}",
                err.strip_prefix("deploy: ").unwrap_or(err)
            );
        }
        let text = std::fs::read_to_string(&out)
            .with_context(|| format!("scripts/deploy.mjs wrote no {}", out.display()))?;
        let d: Deployment = serde_json::from_str(&text)
            .with_context(|| format!("scripts/deploy.mjs's deployment file {}", out.display()))?;
        for (kind, tx) in &d.txs {
            self.txs.push(TxGas {
                kind: kind.clone(),
                gas_used: tx.gas_used,
            });
        }
        Ok(d)
    }

    /// Seconds between blocks: the median of the last 8 gaps. (An average over a span
    /// counted a node's downtime: right after a restart it made the chain cycle hours long.)
    fn block_interval(&self) -> Result<f64> {
        let latest = self
            .rt
            .block_on(self.client.latest_block())
            .map_err(|e| anyhow!("latest block: {e}"))?;
        let h = latest.block.header.height.value();
        let seconds = |t: cosmrs::tendermint::Time| t.unix_timestamp_nanos() as f64 / 1e9;
        let mut times = vec![seconds(latest.block.header.time)];
        for height in (h.saturating_sub(8).max(1)..h).rev() {
            let b = self
                .rt
                .block_on(self.client.block(height as u32))
                .map_err(|e| anyhow!("block {height}: {e}"))?;
            times.push(seconds(b.block.header.time));
        }
        let mut gaps: Vec<f64> = times.windows(2).map(|w| w[0] - w[1]).collect();
        if gaps.is_empty() {
            return Ok(1.0);
        }
        gaps.sort_by(f64::total_cmp);
        Ok(gaps[gaps.len() / 2].max(0.05))
    }

    fn latest_time(&self) -> Result<Timestamp> {
        Ok(self.latest_block()?.1)
    }

    /// The latest block's height and time, as the node's block store has them.
    fn latest_block(&self) -> Result<(u64, Timestamp)> {
        let b = self
            .rt
            .block_on(self.client.latest_block())
            .map_err(|e| anyhow!("latest block: {e}"))?;
        let nanos = b.block.header.time.unix_timestamp_nanos();
        Ok((
            b.block.header.height.value(),
            Timestamp::from_nanos(u64::try_from(nanos).unwrap_or(0)),
        ))
    }

    /// The last height the application has committed: the state that simulations, checks and
    /// queries read.
    fn app_height(&self) -> Result<u64> {
        let info = self
            .rt
            .block_on(self.client.abci_info())
            .map_err(|e| anyhow!("abci_info: {e}"))?;
        Ok(info.last_block_height.value())
    }
}

fn tx_coin(amount: u128, denom: &str) -> Result<TxCoin> {
    Ok(TxCoin {
        amount,
        denom: Denom::from_str(denom).map_err(|e| anyhow!("denom {denom:?}: {e}"))?,
    })
}

impl Ledger for Node {
    fn addr(&self, name: &str) -> String {
        match self.signers.get(name) {
            Some(s) => s.address.to_string(),
            // Every scenario account has a key after `prepare`; this is never a member.
            None => format!("{name}-has-no-key"),
        }
    }

    /// Deploys the holon with the project's one deployer, scripts/deploy.mjs: the holon's
    /// complete JSON form, signed by the funding key. A holon its members govern gets their
    /// multisig, which is handed the group and owns and administers everything; otherwise the
    /// funding key (`governance`) keeps it all. Then the holon's `[fees]` are granted.
    fn deploy_holon(&mut self, spec: &HolonSpec) -> Result<Holon> {
        let plan = self
            .holons
            .get(self.deployed)
            .filter(|h| h.name == spec.name)
            .cloned()
            .ok_or_else(|| anyhow!("{} is not the next holon of the plan", spec.name))?;
        let gov = self.addr("governance");
        let name = |n: &str| match self.signers.get(n) {
            Some(s) => s.address.to_string(),
            None => n.to_string(),
        };
        let form = node_form(&plan, &name);
        let members_govern = plan.governance.is_some();
        let started = Instant::now();
        let d = self.run_deployer(&form)?;
        let owner = d.governance.clone();
        if members_govern {
            self.log(format!(
                "{} governed by its members: multisig {owner}",
                spec.name
            ));
            self.multisigs
                .insert(d.addresses.distributor.clone(), owner.clone());
        } else if form["governance"]["address"].as_str() != Some(owner.as_str()) {
            bail!(
                "scripts/deploy.mjs made {owner} the governance of {}, not {}",
                spec.name,
                form["governance"]["address"]
            );
        }
        self.log(format!(
            "{} deployed by scripts/deploy.mjs in {:.1} s: distributor {}",
            spec.name,
            started.elapsed().as_secs_f64(),
            d.addresses.distributor
        ));
        let a = d.addresses;
        let setup = self.fee_setups.get(self.deployed).cloned().flatten();
        self.deployed += 1;
        if let Some(setup) = setup {
            let mut contracts: std::collections::HashSet<String> = [
                a.group.clone(),
                a.registry.clone(),
                a.distributor.clone(),
                a.token.clone(),
                a.attestation.clone(),
            ]
            .into();
            contracts.extend(a.commons.clone());
            if owner != gov {
                contracts.insert(owner.clone());
            }
            self.grant_fees(&spec.name, &spec.members, contracts, &setup)?;
        }
        let addr = cosmwasm_std::Addr::unchecked;
        Ok(Holon {
            name: spec.name.clone(),
            group: addr(a.group),
            registry: addr(a.registry),
            attestation: addr(a.attestation),
            distributor: addr(a.distributor),
            token: addr(a.token),
            commons: a.commons.clone().map(addr),
            cycle_seconds: spec.cycle_seconds,
        })
    }

    fn governance_of(&self, holon: &Holon) -> Option<String> {
        self.multisigs.get(holon.distributor.as_str()).cloned()
    }

    fn execute_raw(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
        funds: &[Coin],
    ) -> Result<Attributes> {
        let s = self.signer(sender)?;
        let m = MsgExecuteContract {
            sender: s.address.clone(),
            contract: AccountId::from_str(contract).map_err(|e| anyhow!("{contract}: {e}"))?,
            msg: msg.clone(),
            funds: funds
                .iter()
                .map(|c| tx_coin(c.amount.u128(), &c.denom))
                .collect::<Result<_>>()?,
        };
        // The kind of transaction, for the gas summary: the message's one variant.
        let kind = serde_json::from_slice::<serde_json::Value>(&msg)
            .ok()
            .and_then(|v| v.as_object().and_then(|o| o.keys().next().cloned()))
            .unwrap_or_else(|| "execute".into());
        let any = m.to_any().map_err(|e| anyhow!("{e}"))?;
        let events = match self.payer_of(sender, contract) {
            None => self.broadcast(sender, vec![any], &kind)?,
            Some(i) => {
                let granter = self.payers[i].granter.clone();
                let (events, fee) = self
                    .broadcast_paid(sender, vec![any], &kind, Some(&granter))
                    .map_err(|e| {
                        let text = e.to_string();
                        match allowance_hint(&text, sender, &granter) {
                            Some(h) => anyhow!(h),
                            None => e,
                        }
                    })?;
                let p = &mut self.payers[i];
                p.txs += 1;
                p.fees += fee;
                events
            }
        };
        Ok(events
            .into_iter()
            .filter(|(t, _, _)| is_contract_event(t))
            .map(|(_, k, v)| (k, v))
            .collect())
    }

    fn query_raw(&self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>> {
        let res: QuerySmartContractStateResponse = self.abci(
            "/cosmwasm.wasm.v1.Query/SmartContractState",
            &QuerySmartContractStateRequest {
                address: contract.to_string(),
                query_data: msg,
            },
        )?;
        Ok(res.data)
    }

    fn give(&mut self, to: &str, amount: u128, denom: &str) -> Result<()> {
        if to == "governance" {
            return Ok(());
        }
        let to = self.addr(to);
        let msg = self.bank_send_msg(&to, amount, denom)?;
        self.broadcast("governance", vec![msg], "bank send")
            .map(|_| ())
            .map_err(|e| anyhow!("the funding key sends {amount}{denom}: {e}"))
    }

    fn now(&self) -> Result<Timestamp> {
        self.latest_time()
    }

    fn gas(&self) -> Vec<(String, u64)> {
        self.txs
            .iter()
            .map(|t| (t.kind.clone(), t.gas_used))
            .collect()
    }

    fn fee_notes(&self) -> Vec<String> {
        self.payers
            .iter()
            .map(|p| {
                format!(
                    "{}: fees paid by the holon (granter {}): {} members' transactions, {}{d} in fees, and {}{d} for the grant",
                    p.holon,
                    p.granter,
                    p.txs,
                    p.fees,
                    p.grant_fee,
                    d = self.gas_denom
                )
            })
            .collect()
    }

    fn advance_to(&mut self, t: Timestamp) -> Result<()> {
        // Blocks come on their own: wait for one at or past `t` (the next is later still).
        let seconds = t.seconds().saturating_sub(self.latest_time()?.seconds());
        let started = Instant::now();
        let limit = Duration::from_secs(seconds + 60);
        loop {
            let (height, time) = self.latest_block()?;
            if time >= t {
                // The block store shows a block before the application has committed it; a
                // transaction simulated then still sees the block before (seen on a busy
                // machine: "cycle 1 has not ended yet" right after the end). Wait for the app.
                while self.app_height()? < height {
                    if started.elapsed() > limit {
                        bail!("the node has not applied block {height} for a minute");
                    }
                    std::thread::sleep(POLL);
                }
                return Ok(());
            }
            if started.elapsed() > limit {
                bail!("the chain made no blocks for a minute (waiting {seconds} s of chain time)");
            }
            std::thread::sleep(POLL);
        }
    }
}

/// Replays `plan` on the node `opts` names, with cycles `cycle_seconds` long on the chain.
/// With `opts.verbose`, says what it does and ends with a gas table on stderr.
pub fn replay(
    plan: &Plan,
    opts: NodeOptions,
    cycle_seconds: Option<u64>,
    progress: &mut dyn Progress,
) -> Result<Replay, Diag> {
    let fail = |e: anyhow::Error| Diag::file(&plan.file, format!("{e:#}"));
    let verbose = opts.verbose;
    let started = Instant::now();
    let mut node = Node::connect(opts).map_err(fail)?;
    let interval = node.block_interval().map_err(fail)?;
    let cycle_seconds = cycle_seconds.unwrap_or_else(|| default_cycle_seconds(plan, interval));
    node.log(format!(
        "{} cycle(s) of {} s on the chain (a block every {:.2} s) for the scenario's {} s",
        plan.cycles,
        cycle_seconds,
        interval,
        plan.holons
            .iter()
            .map(|h| h.cycle_seconds)
            .min()
            .unwrap_or(0)
    ));
    let compressed = compress(plan, cycle_seconds);
    node.plan_fees(&compressed)?;
    node.prepare(&compressed, &engine::accounts(plan), cycle_seconds)
        .map_err(fail)?;
    let replay = engine::run_on(&compressed, Box::new(node), progress)?;
    for line in replay.ledger.fee_notes() {
        let _ = writeln!(std::io::stderr(), "node: {line}");
    }
    if verbose {
        let mut table: Vec<(String, u64, u64, u64)> = vec![];
        for (kind, gas) in replay.ledger.gas() {
            match table.iter_mut().find(|r| r.0 == kind) {
                Some(r) => {
                    r.1 += 1;
                    r.2 += gas;
                    r.3 = r.3.max(gas);
                }
                None => table.push((kind, 1, gas, gas)),
            }
        }
        let mut out = std::io::stderr().lock();
        let _ = writeln!(
            out,
            "node: {:<18} {:>5} {:>10} {:>10}",
            "transaction", "count", "mean gas", "max gas"
        );
        for (kind, n, sum, max) in &table {
            let _ = writeln!(out, "node: {kind:<18} {n:>5} {:>10} {max:>10}", sum / n);
        }
        let _ = writeln!(
            out,
            "node: {} transactions in {:.1} s",
            table.iter().map(|r| r.1).sum::<u64>(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(replay)
}

/// Transactions one cycle of the replay signs, at most (its own, and the close, claims and
/// actions of the cycle before, which share its time on the chain).
pub fn busiest_cycle(plan: &Plan) -> usize {
    let mut worst = 0;
    for k in 1..=plan.cycles {
        let mut n = 0usize;
        for h in &plan.holons {
            n += h.funds.iter().filter(|f| f.cycle == k).count() * 2;
            for need in h.needs.iter().filter(|x| x.cycle == k) {
                n += 2 + need.endorsed_by.len() + need.offered_by.len();
            }
            n += h.attestations.iter().filter(|a| a.cycle == k).count();
            for a in h.attestations.iter().filter(|a| a.cosign_cycle == k) {
                n += a.cosigned_by.len() + 2 * usize::from(a.dispute.is_some()) + 1;
            }
            n += h.policy_changes.iter().filter(|c| c.cycle == k).count() * 2;
            // A proposal, its votes and its execution.
            for p in h.proposals.iter().filter(|p| p.cycle == k) {
                n += 2 + p.votes.len();
            }
            if k > 1 {
                n += 1 + h.members.len();
            } else {
                n += h.accepts.len();
            }
        }
        // After the claims: one transaction each, but a booking (and its release or
        // cancellation) and a purchase's confirmation, dispute and resolution, or release.
        n += plan
            .actions
            .iter()
            .filter(|a| a.cycle + 1 == k)
            .map(|a| match &a.kind {
                ActionKind::Book { .. } => 2,
                ActionKind::Buy { after, .. } => match after {
                    AfterPurchase::Dispute { .. } => 3,
                    AfterPurchase::ToPool => 1,
                    AfterPurchase::Confirm | AfterPurchase::Wait => 2,
                },
                _ => 1,
            })
            .sum::<usize>();
        worst = worst.max(n);
    }
    worst
}

/// The chain cycle that fits the busiest cycle, on a chain that makes a block every
/// `interval` seconds: a transaction waits for the next block (one at a time), twice the
/// room that needs, and ten seconds more.
pub fn default_cycle_seconds(plan: &Plan, interval: f64) -> u64 {
    let per_tx = interval.max(0.2) + 0.1;
    ((busiest_cycle(plan) as f64 * per_tx * 2.0).ceil() as u64 + 10).max(15)
}

/// The plan with its cycles `cycle_seconds` long on the chain: the shortest holon cycle
/// becomes `cycle_seconds`, every other length of time scales with it — challenge windows
/// round up to a second at least; pending expiries never drop below a chain cycle (in the
/// embedded replay no time passes inside a cycle, so an attestation co-signed in its own
/// cycle never expires there).
pub fn compress(plan: &Plan, cycle_seconds: u64) -> Plan {
    let mut p = plan.clone();
    let shortest = plan
        .holons
        .iter()
        .map(|h| h.cycle_seconds)
        .min()
        .unwrap_or(1)
        .max(1);
    let scale =
        |s: u64| -> u64 { ((s as u128 * cycle_seconds as u128).div_ceil(shortest as u128)) as u64 };
    let squeeze = |a: &mut flow_types::attestation::AttestationPolicy, cycle: u64| {
        if a.challenge_seconds > 0 {
            a.challenge_seconds = scale(a.challenge_seconds).max(1);
        }
        if a.pending_expiry_seconds > 0 {
            a.pending_expiry_seconds = scale(a.pending_expiry_seconds).max(cycle);
        }
    };
    // The commons' times alike: when a booking starts and is cancelled (after its cycle's
    // end), a listing's notice for a full refund, the buyers' confirmation window. A window's
    // length stays: the contract counts whole hours and days.
    for a in &mut p.actions {
        match &mut a.kind {
            ActionKind::Book {
                start_offset,
                cancel_offset,
                ..
            } => {
                *start_offset = scale(*start_offset).max(1);
                if let Some(c) = cancel_offset.as_mut().filter(|c| **c > 0) {
                    *c = scale(*c).max(1);
                }
            }
            ActionKind::List { input, .. } => {
                if let Some(r) = &mut input.refund {
                    r.full_refund_notice_seconds = scale(r.full_refund_notice_seconds);
                }
            }
            _ => {}
        }
    }
    for h in &mut p.holons {
        h.commons_confirm_window_seconds = scale(h.commons_confirm_window_seconds).max(1);
        h.cycle_seconds = scale(h.cycle_seconds).max(1);
        let cycle = h.cycle_seconds;
        // The allowance's period and expiry, as every other length of time.
        if let Some(f) = &mut h.fees {
            f.period_seconds = scale(f.period_seconds).max(1);
            f.expiry_seconds = scale(f.expiry_seconds).max(f.period_seconds);
        }
        squeeze(&mut h.attestation_policy, cycle);
        for c in &mut h.policy_changes {
            if let Some(a) = &mut c.attestation_policy {
                squeeze(a, cycle);
            }
        }
        // A proposal's attestation rules alike. (Voting periods are not compressed: the
        // votes come right after the proposal, on both chains.)
        for p in &mut h.proposals {
            if let ProposalAction::Policy(patch) = &mut p.action {
                if let Some(c) = patch.challenge_seconds.as_mut().filter(|c| **c > 0) {
                    *c = scale(*c).max(1);
                }
                if let Some(e) = patch.pending_expiry_seconds.as_mut().filter(|e| **e > 0) {
                    *e = scale(*e).max(cycle);
                }
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon \
                           abandon abandon abandon about";

    fn address(index: usize) -> String {
        derive(ABANDON, DEFAULT_COIN_TYPE, index)
            .unwrap()
            .public_key()
            .account_id("wasm")
            .unwrap()
            .to_string()
    }

    #[test]
    fn keys_are_the_accounts_wasmd_derives_from_the_same_mnemonic() {
        // `wasmd keys add t --recover [--index 3]` with this mnemonic.
        assert_eq!(address(0), "wasm19rl4cm2hmr8afy4kldpxz3fka4jguq0akuugk7");
        assert_eq!(address(3), "wasm1zuvk68xw4y9swp06796rx8zarjvvkrt69xznz5");
    }

    #[test]
    fn the_coin_type_and_prefix_are_the_chains() {
        // CosmJS's DirectSecp256k1HdWallet with the path m/44'/COIN'/0'/0/i and the prefix.
        let at = |coin: u32, index: usize, prefix: &str| {
            derive(ABANDON, coin, index)
                .unwrap()
                .public_key()
                .account_id(prefix)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            at(330, 0, "wasm"),
            "wasm1amdttz2937a3dytmxmkany53pp6ma6dye5m258"
        );
        assert_eq!(
            at(330, 3, "terra"),
            "terra1sra8dye8kd4zsx9qcwea4eyg6aecypdkwws072"
        );
        assert_eq!(
            at(529, 0, "secret"),
            "secret1gkle2qetd47g4qlruxu8kx4m97875t66qsgr0p"
        );
        assert_eq!(at(118, 0, "wasm"), address(0));
    }

    #[test]
    fn a_bad_mnemonic_is_refused_with_a_reason() {
        let err = derive("abandon abandon", DEFAULT_COIN_TYPE, 0)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not a valid BIP-39 phrase"), "{err}");
    }

    #[test]
    fn gas_prices_parse_into_amount_and_denom() {
        let (p, d) = parse_gas_price("0.0025stake").unwrap();
        assert_eq!(
            (p, d.as_str()),
            (Decimal::from_str("0.0025").unwrap(), "stake")
        );
        assert_eq!(Uint128::new(200_000).mul_ceil(p), Uint128::new(500));
        let err = parse_gas_price("0.0025").err().unwrap().to_string();
        assert!(err.contains("expected an amount and a denom"), "{err}");
        let err = parse_gas_price("abcstake").err().unwrap().to_string();
        assert!(err.contains("is not a decimal"), "{err}");
    }

    #[test]
    fn the_contracts_own_message_is_cut_out_of_the_node_log() {
        let log = "failed to execute message; message index: 0: Unauthorized: only governance may \
                   do this: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/\
                   keeper.go:441] With gas wanted: '1000000' and gas used: '123': unknown request";
        assert_eq!(
            contract_error(log),
            "Unauthorized: only governance may do this"
        );
        let log = "failed to execute message; message index: 0: nothing to claim for cycle 1: \
                   execute wasm contract failed";
        assert_eq!(contract_error(log), "nothing to claim for cycle 1");
        assert_eq!(
            contract_error("insufficient fees; got: 1stake"),
            "insufficient fees; got: 1stake"
        );
    }

    fn plan(src: &str) -> Plan {
        crate::scenario::parse("test.toml", src).unwrap()
    }

    const ALPHA: &str = include_str!("../../../tests/scenarios/holon-alpha.toml");
    const DISPUTES: &str = include_str!("../../../tests/scenarios/holon-alpha-disputes.toml");

    #[test]
    fn compressing_scales_every_length_of_time_onto_the_chain_cycle() {
        let p = plan(DISPUTES);
        assert_eq!(p.holons[0].cycle_seconds, 2_592_000);
        assert_eq!(p.holons[0].attestation_policy.challenge_seconds, 86_400);
        let c = compress(&p, 60);
        assert_eq!(c.holons[0].cycle_seconds, 60);
        // One day of thirty: two seconds of sixty.
        assert_eq!(c.holons[0].attestation_policy.challenge_seconds, 2);
        // Everything else is the scenario as written.
        assert_eq!(
            c.holons[0].attestations.len(),
            p.holons[0].attestations.len()
        );
        assert_eq!(c.cycles, p.cycles);
    }

    #[test]
    fn short_windows_round_up_and_expiries_outlast_a_cycle() {
        let mut p = plan(ALPHA);
        p.holons[0].attestation_policy.challenge_seconds = 1;
        p.holons[0].attestation_policy.pending_expiry_seconds = 3600;
        let c = compress(&p, 30);
        assert_eq!(c.holons[0].attestation_policy.challenge_seconds, 1);
        assert_eq!(c.holons[0].attestation_policy.pending_expiry_seconds, 30);
        assert_eq!(
            c.holons[0].attestation_policy.max_hours_per_cycle,
            p.holons[0].attestation_policy.max_hours_per_cycle
        );
    }

    const GOVERNED: &str = include_str!("../../../tests/scenarios/holon-alpha-governed.toml");

    #[test]
    fn a_proposal_its_votes_and_its_execution_take_room_in_their_cycle() {
        let p = plan(GOVERNED);
        // Cycle 1 of the seed's month (as holon-alpha.toml), and Alex's proposal, the three
        // votes and the execution.
        assert_eq!(busiest_cycle(&p), 2 + 5 * 2 + 1 + 5 + 5 * 2 + (2 + 3));
        // A proposal's attestation rules are compressed as the holon's are.
        let mut p = p;
        if let ProposalAction::Policy(patch) = &mut p.holons[0].proposals[0].action {
            patch.challenge_seconds = Some(86_400);
        }
        let c = compress(&p, 60);
        let ProposalAction::Policy(patch) = &c.holons[0].proposals[0].action else {
            panic!("a policy proposal")
        };
        assert_eq!(patch.challenge_seconds, Some(2));
    }

    #[test]
    fn the_default_cycle_fits_the_busiest_cycle_twice() {
        let p = plan(ALPHA);
        // Fund (a send and the fund), five needs (post + factors room) and an endorsement,
        // five attestations, five co-signs (+ a finalize's room).
        let n = busiest_cycle(&p);
        assert_eq!(n, 2 + 5 * 2 + 1 + 5 + 5 * 2);
        assert_eq!(
            default_cycle_seconds(&p, 0.4),
            ((n as f64) * 0.5 * 2.0).ceil() as u64 + 10
        );
        // A slow testnet (a block every 6 s) gets a longer cycle.
        assert!(default_cycle_seconds(&p, 6.0) > 6 * 2 * n as u64);
    }

    fn price(p: &str) -> Decimal {
        Decimal::from_str(p).unwrap()
    }

    #[test]
    fn the_default_allowance_is_twice_a_members_month_as_the_scripts_size_it() {
        // scripts/feegrant.mjs's memberMonth("0.0025stake").spend_limit, and the holon files'
        // README: 23,000stake (a month's fees, 11,282, twice, rounded up to a thousand);
        // memberMonth("0.025stake"): 226,000.
        assert_eq!(default_spend_limit(price("0.0025")), 23_000);
        assert_eq!(default_spend_limit(price("0.025")), 226_000);
        assert_eq!(default_spend_limit(price("0")), 0);
    }

    fn setup() -> FeeSetup {
        FeeSetup {
            granter: "governance".into(),
            period_seconds: 60,
            expiry_seconds: 730,
            limit: 23_000,
        }
    }

    #[test]
    fn the_allowance_lets_only_contract_calls_through_at_most_the_limit_a_period() {
        use cosmrs::proto::cosmos::feegrant::v1beta1 as fg;
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let any = allowance_any(&setup(), "stake", now).unwrap();
        assert_eq!(any.type_url, "/cosmos.feegrant.v1beta1.AllowedMsgAllowance");
        let allowed = fg::AllowedMsgAllowance::decode(any.value.as_slice()).unwrap();
        assert_eq!(
            allowed.allowed_messages,
            vec!["/cosmwasm.wasm.v1.MsgExecuteContract".to_string()]
        );
        let inner = allowed.allowance.unwrap();
        assert_eq!(inner.type_url, "/cosmos.feegrant.v1beta1.PeriodicAllowance");
        let p = fg::PeriodicAllowance::decode(inner.value.as_slice()).unwrap();
        let coin =
            |c: &cosmrs::proto::cosmos::base::v1beta1::Coin| format!("{}{}", c.amount, c.denom);
        assert_eq!(p.period.unwrap().seconds, 60);
        assert_eq!(
            p.period_spend_limit.iter().map(coin).collect::<Vec<_>>(),
            ["23000stake"]
        );
        assert_eq!(
            p.period_can_spend.iter().map(coin).collect::<Vec<_>>(),
            ["23000stake"]
        );
        assert_eq!(p.period_reset.unwrap().seconds, 1_800_000_060);
        let basic = p.basic.unwrap();
        // Twelve whole periods of 60 s in 730 s: 12 × 23,000 in all.
        assert_eq!(
            basic.spend_limit.iter().map(coin).collect::<Vec<_>>(),
            ["276000stake"]
        );
        assert_eq!(basic.expiration.unwrap().seconds, 1_800_000_730);
    }

    #[test]
    fn a_members_fee_names_the_granter_and_is_the_gas_at_the_price() {
        use cosmrs::proto::cosmos::tx::v1beta1 as tx;
        let granter: AccountId = address(0).parse().unwrap();
        let fee = fee_for(200_001, price("0.0025"), "stake", Some(&granter)).unwrap();
        assert_eq!(fee.gas_limit, 200_001);
        assert_eq!(fee.amount, vec![tx_coin(501, "stake").unwrap()]);
        let proto: tx::Fee = fee.into();
        assert_eq!(proto.granter, "wasm19rl4cm2hmr8afy4kldpxz3fka4jguq0akuugk7");
        assert_eq!(proto.payer, "");
        // The funding key and a member of a holon without [fees] pay their own.
        let own: tx::Fee = fee_for(200_000, price("0.0025"), "stake", None)
            .unwrap()
            .into();
        assert_eq!(
            (own.granter.as_str(), own.amount[0].amount.as_str()),
            ("", "500")
        );
    }

    #[test]
    fn a_refused_allowance_says_what_to_change() {
        let granter: AccountId = address(0).parse().unwrap();
        let hint = |e: &str| allowance_hint(e, "alex", &granter);
        let used =
            hint("failed to execute message; fee limit exceeded: insufficient funds").unwrap();
        assert!(
            used.contains("the holon pays alex's fees, granter wasm19rl4"),
            "{used}"
        );
        assert!(used.ends_with("raise [fees] spend_limit)"), "{used}");
        assert!(hint("fee allowance expired")
            .unwrap()
            .ends_with("raise [fees] expiry_days)"));
        assert!(
            hint("spendable balance 0stake is smaller than 501stake: insufficient funds")
                .unwrap()
                .ends_with("the granter has too few coins: fund it)")
        );
        assert_eq!(hint("Unauthorized: not a member"), None);
    }

    #[test]
    fn the_deployer_gets_the_holons_complete_form_with_the_replays_keys() {
        let names = ["alex", "jordan", "casey", "riley", "sam", "governance"];
        let key = |n: &str| match names.iter().position(|m| *m == n) {
            Some(5) => address(0),
            Some(i) => address(i + 1),
            None => n.to_string(),
        };
        let src = format!("{ALPHA}\n[fees]\ngranter = \"deployer\"\n");
        let c = compress(&plan(&src), 60);
        let form = node_form(&c.holons[0], &key);
        let mut keys: Vec<&str> = form
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort();
        // Every field present, and no `fees`: the replay grants them itself.
        assert_eq!(
            keys,
            [
                "attestation_policy",
                "budget",
                "categories",
                "commons",
                "cycle_seconds",
                "cycle_start",
                "governance",
                "max_requesters_per_need",
                "members",
                "name",
                "policy",
                "posting",
                "slug",
                "token",
            ]
        );
        assert_eq!(
            form["governance"],
            serde_json::json!({"kind": "address", "address": address(0)})
        );
        assert_eq!(
            form["members"][0],
            serde_json::json!({"addr": address(1), "weight": 1})
        );
        assert_eq!(
            form["members"][4],
            serde_json::json!({"addr": address(5), "weight": 1})
        );
        // The chain's cycle; cycle 1 starts at the deploy.
        assert_eq!(form["cycle_seconds"], 60);
        assert_eq!(form["cycle_start"], serde_json::Value::Null);
        // Everything else is the file's form.
        let mut file = deploy_form(&c.holons[0], &key, &key);
        file.as_object_mut().unwrap().remove("fees");
        assert_eq!(form, file);

        let src = ALPHA.replace(
            "[holon]\n",
            "[holon]\ncycle_start = \"2026-01-01T00:00:00Z\"\n",
        );
        let p = plan(&src);
        assert_eq!(
            p.holons[0].cycle_start.as_deref(),
            Some("2026-01-01T00:00:00Z")
        );
        assert_eq!(
            node_form(&p.holons[0], &key)["cycle_start"],
            serde_json::Value::Null
        );

        let g = plan(GOVERNED);
        let rule = g.holons[0].governance.clone().unwrap();
        let form = node_form(&g.holons[0], &key);
        assert_eq!(
            form["governance"],
            serde_json::json!({
                "kind": "members",
                "threshold": rule.threshold.to_string(),
                "quorum": rule.quorum.to_string(),
                "voting_period_seconds": rule.voting_period_seconds,
            })
        );
    }

    #[test]
    fn the_deployers_key_file_is_private_and_gone_after_the_deploy() {
        let dir = deploy_dir().unwrap();
        let path = dir.path().to_path_buf();
        let key = path.join("deployer.mnemonic");
        write_private(&key, ABANDON).unwrap();
        assert_eq!(std::fs::read_to_string(&key).unwrap(), ABANDON);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&key), 0o600);
            assert_eq!(mode(&path), 0o700);
        }
        // Never written over.
        assert!(write_private(&key, "other").is_err());
        drop(dir);
        assert!(!path.exists());
    }

    #[test]
    fn compressing_scales_the_allowances_period_and_expiry() {
        let src = format!("{ALPHA}\n[fees]\nperiod_days = 30\nexpiry_days = 365\n");
        let p = plan(&src);
        let f = p.holons[0].fees.as_ref().unwrap();
        assert_eq!(
            (f.period_seconds, f.expiry_seconds),
            (2_592_000, 31_536_000)
        );
        let c = compress(&p, 60);
        let f = c.holons[0].fees.as_ref().unwrap();
        // Thirty days are the chain's cycle; a year is 365/30 of it, rounded up.
        assert_eq!((f.period_seconds, f.expiry_seconds), (60, 730));
    }
}
