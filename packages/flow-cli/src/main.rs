//! The `flow` command line: `simulate`, `explain` and `generate`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flow_cli::engine::Progress;
use flow_cli::{generate, report, scenario, Diag};
use flow_types::distributor::{self as dist, ExplainCategory, ExplainResponse, Model};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

/// Replay a holon's month on an embedded chain: the real cw-flow contracts, the members'
/// own transactions, the payouts the distributor makes.
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
        /// The scenario (TOML; see shared/design/SCENARIO.md).
        file: String,
        /// Print one JSON document on stdout (and nothing else there).
        #[arg(long)]
        json: bool,
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

fn replay(file: &str, json: bool) -> Result<(scenario::Plan, flow_cli::Replay), Diag> {
    let plan = scenario::load(file)?;
    let mut bar = Feedback::new(plan.attestation_count(), json);
    let replay = flow_cli::run(&plan, &mut bar);
    bar.finish();
    Ok((plan, replay?))
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
    let mut bar = Feedback::new(plan.attestation_count(), json);
    let replay = flow_cli::run(&plan, &mut bar);
    bar.finish();
    let replay = replay?;
    let h = &replay.holons[index];
    let address = replay.suite.addr(member).to_string();
    let e: ExplainResponse = replay
        .suite
        .query(
            &h.distributor,
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
        Command::Simulate { file, json } => replay(&file, json).map(|(_, r)| {
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
        } => explain(&file, &member, cycle, holon.as_deref(), json),
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
