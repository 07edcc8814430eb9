//! The `flow` command line: `simulate`, `explain`, `holon` and `generate`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flow_cli::engine::Progress;
use flow_cli::{generate, report, scenario, Diag};
use flow_types::distributor::{self as dist, ExplainCategory, ExplainResponse, Model};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

/// Replay a holon's month on an embedded chain (or a running wasmd node): the real cw-flow
/// contracts, the members' own transactions, the payouts the distributor makes.
#[derive(Parser, Debug)]
#[command(name = "flow", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Replay a scenario file and report every cycle's payouts, the balances and the supply.
    Simulate {
        /// The scenario (TOML; see docs/SCENARIO.md).
        file: String,
        /// Print one JSON document on stdout (and nothing else there).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        node: NodeArgs,
    },
    /// Replay a scenario, then show the distributor's breakdown of one member's payout.
    Explain {
        /// The scenario (TOML).
        file: String,
        /// The member, by the name the scenario gives.
        #[arg(long)]
        member: String,
        /// The cycle (1 is the first).
        #[arg(long)]
        cycle: u64,
        /// The holon's id, in a scenario with several holons (default: the member's first).
        #[arg(long)]
        holon: Option<String>,
        /// Print the breakdown as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        node: NodeArgs,
    },
    /// Check a holon file (a scenario's holon) and print it as scripts/deploy.mjs deploys it.
    Holon {
        /// The holon file or scenario (TOML; see docs/SCENARIO.md, "The holon file").
        file: String,
        /// The holon's id, in a file of several holons ([[holons]]).
        #[arg(long)]
        holon: Option<String>,
        /// Print the holon's deploy form: one JSON document, every field present.
        #[arg(long)]
        json: bool,
    },
    /// Write a large deterministic scenario on stdout (for the benchmark).
    Generate {
        /// Members of the holon.
        #[arg(long, default_value_t = 1000)]
        members: usize,
        /// Attestations, each co-signed by a buddy.
        #[arg(long, default_value_t = 20_000)]
        attestations: usize,
        /// Seed of the generator: the same seed gives the same file.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Cycles the attestations spread over.
        #[arg(long, default_value_t = 1)]
        cycles: u64,
        /// Needs posted (default: one per five members, at least 10).
        #[arg(long)]
        needs: Option<usize>,
    },
}

/// Where to replay: the embedded chain unless `--node` names a running node.
#[derive(clap::Args, Debug, Clone)]
struct NodeArgs {
    /// Replay on a running node (CometBFT RPC, e.g. http://127.0.0.1:26657) instead of the
    /// embedded chain: the artifacts are stored (or reused), the holons deployed, every
    /// transaction signed and broadcast; the report is read back from the chain.
    #[arg(long, env = "FLOW_NODE", value_name = "URL")]
    node: Option<String>,
    /// The funding key (holons' governance; it funds the other accounts): a file holding
    /// its BIP-39 mnemonic. Also FLOW_MNEMONIC. Default for a localnet of
    /// scripts/localnet.sh: its `steward`, found by the RPC address in its accounts.json.
    #[arg(long, value_name = "FILE", requires = "node")]
    mnemonic_file: Option<String>,
    /// The chain id (checked against the node's; default: the node's).
    #[arg(long, requires = "node")]
    chain_id: Option<String>,
    /// Gas price (default: the deployment's, else the localnet's, else 0.0025stake).
    #[arg(long, requires = "node")]
    gas_prices: Option<String>,
    /// Bech32 prefix of addresses (default: the deployment's `bech32_prefix`, else the
    /// localnet's, else wasm).
    #[arg(long, requires = "node")]
    prefix: Option<String>,
    /// BIP-44 coin type of the keys, m/44'/COIN'/0'/0/i (default: the deployment's
    /// `coin_type`, else the localnet's, else 118).
    #[arg(long, requires = "node", value_name = "COIN")]
    coin_type: Option<u32>,
    /// A deployment file of scripts/deploy.mjs: the chain's facts (chain_id, gas_prices,
    /// bech32_prefix, coin_type, fee_denom) for the options not given.
    #[arg(long, requires = "node", value_name = "FILE")]
    deployment: Option<String>,
    /// Length of a cycle on the chain, in seconds: the scenario's cycles are compressed onto
    /// it (default: twice what the busiest cycle's transactions take, one a block, + 10 s).
    #[arg(long, requires = "node", value_parser = clap::value_parser!(u64).range(5..=86_400))]
    cycle_seconds: Option<u64>,
    /// Directory of the contract artifacts (default: artifacts/ of the repository).
    #[arg(long, requires = "node", value_name = "DIR")]
    artifacts: Option<String>,
    /// The cw4-group artifact (default: ARTIFACTS/reference/cw4_group.wasm).
    #[arg(long, requires = "node", value_name = "FILE")]
    cw4_group: Option<String>,
    /// The cw3-flex-multisig artifact, for holons governed by their members (default:
    /// ARTIFACTS/reference/cw3_flex_multisig.wasm).
    #[arg(long, requires = "node", value_name = "FILE")]
    cw3_flex_multisig: Option<String>,
}

/// A localnet's accounts.json (scripts/localnet.sh).
#[derive(serde::Deserialize)]
struct LocalnetAccounts {
    rpc: String,
    chain_id: String,
    gas_price: String,
    bech32_prefix: String,
    #[serde(default)]
    coin_type: Option<u32>,
    accounts: Vec<LocalnetAccount>,
}

/// The chain's facts in a deployment file of scripts/deploy.mjs (other fields ignored).
#[derive(serde::Deserialize, Default)]
struct Deployment {
    chain_id: Option<String>,
    gas_prices: Option<String>,
    bech32_prefix: Option<String>,
    coin_type: Option<u32>,
    fee_denom: Option<String>,
}

/// Reads `--deployment FILE`.
fn read_deployment(file: &str) -> Result<Deployment, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("--deployment {file}: {e}"))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("--deployment {file}: not a deployment file: {e}"))
}

#[derive(serde::Deserialize)]
struct LocalnetAccount {
    name: String,
    mnemonic: String,
}

/// A chain's gas price and address prefix when neither the options, a deployment file nor a
/// localnet says: the localnet's (scripts/localnet.sh).
const DEFAULT_GAS_PRICES: &str = "0.0025stake";
const DEFAULT_PREFIX: &str = "wasm";

/// The localnet of scripts/localnet.sh answering at `url`, if any.
fn localnet_at(url: &str) -> Option<(std::path::PathBuf, LocalnetAccounts)> {
    let cache = std::env::var_os("CW_FLOW_CACHE")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|d| std::path::Path::new(&d).join("cw-flow"))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|d| std::path::Path::new(&d).join(".cache/cw-flow"))
        })?;
    let norm = |u: &str| u.trim_end_matches('/').replace("localhost", "127.0.0.1");
    for entry in std::fs::read_dir(cache).ok()?.flatten() {
        let file = entry.path().join("accounts.json");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if let Ok(a) = serde_json::from_str::<LocalnetAccounts>(&text) {
            if norm(&a.rpc) == norm(url) {
                return Some((file, a));
            }
        }
    }
    None
}

fn node_options(
    args: &NodeArgs,
    url: &str,
    verbose: bool,
) -> Result<flow_cli::node::NodeOptions, String> {
    let local = localnet_at(url);
    let mnemonic = match (&args.mnemonic_file, std::env::var("FLOW_MNEMONIC")) {
        (Some(f), _) => std::fs::read_to_string(f).map_err(|e| format!("--mnemonic-file {f}: {e}"))?,
        (None, Ok(m)) if !m.trim().is_empty() => m,
        _ => match &local {
            Some((file, a)) => a
                .accounts
                .iter()
                .find(|x| x.name == "steward")
                .map(|x| x.mnemonic.clone())
                .ok_or_else(|| format!("{}: no steward account", file.display()))?,
            None => {
                return Err(format!(
                    "--node {url}: no key to sign with: give --mnemonic-file FILE or FLOW_MNEMONIC                      (no localnet of scripts/localnet.sh answers at that address)"
                ))
            }
        },
    };
    let artifacts = match &args.artifacts {
        Some(d) => std::path::PathBuf::from(d),
        None if std::path::Path::new("artifacts").is_dir() => "artifacts".into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts"),
    };
    let cw4_group = match &args.cw4_group {
        Some(f) => f.into(),
        None => artifacts.join("reference/cw4_group.wasm"),
    };
    let cw3_flex_multisig = match &args.cw3_flex_multisig {
        Some(f) => f.into(),
        None => artifacts.join("reference/cw3_flex_multisig.wasm"),
    };
    let l = local.as_ref().map(|(_, a)| a);
    let d = match &args.deployment {
        Some(f) => read_deployment(f)?,
        None => Deployment::default(),
    };
    let gas_prices = args
        .gas_prices
        .clone()
        .or(d.gas_prices)
        .or_else(|| l.map(|a| a.gas_price.clone()))
        .unwrap_or_else(|| DEFAULT_GAS_PRICES.into());
    if let Some(denom) = &d.fee_denom {
        let priced_in = gas_prices.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if priced_in != denom {
            return Err(format!(
                "--gas-prices {gas_prices}: the deployment's fees are in {denom} (fee_denom)"
            ));
        }
    }
    Ok(flow_cli::node::NodeOptions {
        url: url.to_string(),
        chain_id: args
            .chain_id
            .clone()
            .or(d.chain_id)
            .or_else(|| l.map(|a| a.chain_id.clone())),
        gas_prices,
        prefix: args
            .prefix
            .clone()
            .or(d.bech32_prefix)
            .or_else(|| l.map(|a| a.bech32_prefix.clone()))
            .unwrap_or_else(|| DEFAULT_PREFIX.into()),
        coin_type: args
            .coin_type
            .or(d.coin_type)
            .or_else(|| l.and_then(|a| a.coin_type))
            .unwrap_or(flow_cli::node::DEFAULT_COIN_TYPE),
        mnemonic,
        artifacts,
        cw4_group,
        cw3_flex_multisig,
        verbose,
    })
}

/// Scenarios with more attestations than this show their progress.
const LARGE: usize = 500;

/// Progress on stderr: a bar on a terminal, a few plain lines otherwise (not with --json).
enum Feedback {
    None,
    Bar(ProgressBar),
    Lines { total: usize, next: usize },
}

impl Feedback {
    fn new(total: usize, json: bool) -> Self {
        let tty = std::io::stderr().is_terminal();
        if total <= LARGE {
            return Feedback::None;
        }
        if tty {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "replaying {bar:40} {pos}/{len} attestations {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            Feedback::Bar(bar)
        } else if !json {
            Feedback::Lines {
                total,
                next: total / 10,
            }
        } else {
            Feedback::None
        }
    }

    fn finish(&self) {
        if let Feedback::Bar(b) = self {
            b.finish_and_clear();
        }
    }
}

impl Progress for Feedback {
    fn attested(&mut self, done: usize) {
        match self {
            Feedback::None => {}
            Feedback::Bar(b) => b.set_position(done as u64),
            Feedback::Lines { total, next } => {
                if done >= *next {
                    let _ = writeln!(std::io::stderr(), "replaying: {done}/{total} attestations");
                    *next += (*total / 10).max(1);
                }
            }
        }
    }
}

fn replay(
    file: &str,
    json: bool,
    node: &NodeArgs,
) -> Result<(scenario::Plan, flow_cli::Replay), Diag> {
    let plan = scenario::load(file)?;
    run(file, &plan, json, node).map(|r| (plan, r))
}

/// Replays a loaded scenario where `node` says.
fn run(
    file: &str,
    plan: &scenario::Plan,
    json: bool,
    node: &NodeArgs,
) -> Result<flow_cli::Replay, Diag> {
    let mut bar = Feedback::new(plan.attestation_count(), json);
    let replay = match &node.node {
        None => flow_cli::run(plan, &mut bar),
        Some(url) => {
            let opts = node_options(node, url, !json).map_err(|e| Diag::file(file, e))?;
            flow_cli::node::replay(plan, opts, node.cycle_seconds, &mut bar)
        }
    };
    bar.finish();
    replay
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// The distributor's `ExplainResponse`, with the member's scenario name beside the address.
#[derive(Serialize)]
struct JsonExplain<'a> {
    holon: &'a str,
    cycle: u64,
    member: &'a str,
    address: String,
    policy_version: u32,
    model: Model,
    categories: &'a [ExplainCategory],
    weight: String,
    total_weight: String,
    share: String,
    contribution_pool: String,
    contribution_amount: String,
    baseline_amount: String,
    amount: String,
    claimed: bool,
}

fn explain(
    file: &str,
    member: &str,
    cycle: u64,
    holon: Option<&str>,
    json: bool,
    node: &NodeArgs,
) -> Result<String, Diag> {
    let plan = scenario::load(file)?;
    let index = match holon {
        Some(id) => plan
            .holons
            .iter()
            .position(|h| h.key == id)
            .ok_or_else(|| {
                let ids: Vec<&str> = plan.holons.iter().map(|h| h.key.as_str()).collect();
                Diag::file(
                    file,
                    format!("--holon {id:?}: no such holon (holons: {})", ids.join(", ")),
                )
            })?,
        None => plan
            .holons
            .iter()
            .position(|h| h.members.iter().any(|m| m == member))
            .ok_or_else(|| {
                let names: Vec<&str> = plan
                    .holons
                    .iter()
                    .flat_map(|h| h.members.iter().map(|m| m.as_str()))
                    .take(12)
                    .collect();
                Diag::file(
                    file,
                    format!(
                        "--member {member:?}: no such member (members: {}{})",
                        names.join(", "),
                        if plan.holons.iter().map(|h| h.members.len()).sum::<usize>() > 12 {
                            ", ..."
                        } else {
                            ""
                        }
                    ),
                )
            })?,
    };
    if cycle == 0 || cycle > plan.cycles {
        return Err(Diag::file(
            file,
            format!(
                "--cycle {cycle}: the scenario runs cycles 1 to {}",
                plan.cycles
            ),
        ));
    }
    if !plan.holons[index].members.iter().any(|m| m == member) {
        return Err(Diag::file(
            file,
            format!(
                "--member {member:?} is not a member of {}",
                plan.holons[index].name
            ),
        ));
    }
    let replay = run(file, &plan, json, node)?;
    let h = &replay.holons[index];
    let address = replay.ledger.addr(member);
    let e: ExplainResponse = replay
        .ledger
        .query(
            h.distributor.as_str(),
            &dist::QueryMsg::Explain {
                cycle,
                member: address.clone(),
            },
        )
        .map_err(|e| Diag::file(file, format!("explain failed: {}", e.root_cause())))?;
    let data = &replay.report.holons[index];
    Ok(if json {
        let doc = JsonExplain {
            holon: &data.name,
            cycle: e.cycle,
            member,
            address,
            policy_version: e.policy_version,
            model: e.model,
            categories: &e.categories,
            weight: e.weight.to_string(),
            total_weight: e.total_weight.to_string(),
            share: e.share.to_string(),
            contribution_pool: e.contribution_pool.to_string(),
            contribution_amount: e.contribution_amount.to_string(),
            baseline_amount: e.baseline_amount.to_string(),
            amount: e.amount.to_string(),
            claimed: e.claimed,
        };
        serde_json::to_string_pretty(&doc).expect("explain serializes") + "\n"
    } else {
        report::explain_human(data, member, &e)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Simulate { file, json, node } => replay(&file, json, &node).map(|(_, r)| {
            if json {
                report::json(&r.report) + "\n"
            } else {
                report::human(&r.report)
            }
        }),
        Command::Explain {
            file,
            member,
            cycle,
            holon,
            json,
            node,
        } => explain(&file, &member, cycle, holon.as_deref(), json, &node),
        Command::Holon { file, holon, json } => {
            flow_cli::holon_file::holon_command(&file, holon.as_deref(), json)
        }
        Command::Generate {
            members,
            attestations,
            seed,
            cycles,
            needs,
        } => generate::generate(&generate::Options {
            members,
            attestations,
            seed,
            cycles,
            needs,
        })
        .map_err(|e| Diag::file("flow generate", e)),
    };
    match result {
        Ok(text) => print(&text),
        Err(diag) => {
            // A closed stderr is no reason to panic.
            let _ = writeln!(std::io::stderr(), "{diag}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(dir: &std::path::Path, deployment: Option<&str>) -> NodeArgs {
        let key = dir.join("key.mnemonic");
        std::fs::write(&key, "abandon ".repeat(11) + "about").unwrap();
        let dep = deployment.map(|text| {
            let f = dir.join("deployment.json");
            std::fs::write(&f, text).unwrap();
            f.display().to_string()
        });
        NodeArgs {
            node: Some("http://127.0.0.1:9".into()),
            mnemonic_file: Some(key.display().to_string()),
            chain_id: None,
            gas_prices: None,
            prefix: None,
            coin_type: None,
            deployment: dep,
            cycle_seconds: None,
            artifacts: None,
            cw4_group: None,
            cw3_flex_multisig: None,
        }
    }

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("flow-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn the_chains_facts_come_from_the_options_then_the_deployment_then_the_defaults() {
        let d = dir("facts");
        let o = node_options(&args(&d, None), "http://127.0.0.1:9", false).unwrap();
        assert_eq!(
            (
                o.prefix.as_str(),
                o.coin_type,
                o.gas_prices.as_str(),
                o.chain_id
            ),
            ("wasm", 118, "0.0025stake", None)
        );
        // A deployment of scripts/deploy.mjs on another chain (its other fields ignored).
        let terra = r#"{"holon": "Holon Alpha", "chain_name": "terra2testnet", "chain_id": "pisco-1",
            "bech32_prefix": "terra", "coin_type": 330, "fee_denom": "uluna", "gas_prices": "0.015uluna",
            "rpc": "https://rpc.example", "addresses": {}}"#;
        let mut a = args(&d, Some(terra));
        let o = node_options(&a, "http://127.0.0.1:9", false).unwrap();
        assert_eq!(
            (
                o.prefix.as_str(),
                o.coin_type,
                o.gas_prices.as_str(),
                o.chain_id.as_deref()
            ),
            ("terra", 330, "0.015uluna", Some("pisco-1"))
        );
        // The options win.
        a.coin_type = Some(118);
        a.prefix = Some("wasm".into());
        let o = node_options(&a, "http://127.0.0.1:9", false).unwrap();
        assert_eq!((o.prefix.as_str(), o.coin_type), ("wasm", 118));
        // A gas price in another denom than the deployment's fees is refused.
        a.gas_prices = Some("0.015uusd".into());
        let err = node_options(&a, "http://127.0.0.1:9", false).unwrap_err();
        assert!(err.contains("the deployment's fees are in uluna"), "{err}");
        let bad = args(&d, Some("[1, 2]"));
        let err = node_options(&bad, "http://127.0.0.1:9", false).unwrap_err();
        assert!(err.contains("not a deployment file"), "{err}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
