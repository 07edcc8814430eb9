//! The scale benchmark: replays 20,000 attestations of 1,000 members (the generated
//! `tests/scenarios/scale-20k.toml`, or the same file generated on the fly) and prints the
//! wall time and the peak memory. Run it in release:
//!
//! ```text
//! cargo run --release -p flow-cli --bin flow-bench [-- FILE]
//! ```

use std::time::Instant;

use flow_cli::generate::{generate, Options};
use flow_cli::{parse, run};

/// A line of /proc/self/status (`VmHWM`, `VmRSS` ...), in kB.
fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let started = Instant::now();
    let arg = std::env::args().nth(1);
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/scenarios/scale-20k.toml"
    );
    let (name, text) = match arg {
        Some(path) => (
            path.clone(),
            std::fs::read_to_string(&path).expect("read the scenario"),
        ),
        None => match std::fs::read_to_string(default) {
            Ok(t) => ("tests/scenarios/scale-20k.toml".to_string(), t),
            Err(_) => {
                let o = Options {
                    members: 1000,
                    attestations: 20_000,
                    seed: 42,
                    cycles: 1,
                    needs: None,
                };
                (
                    "generated (1000 members, 20000 attestations, seed 42)".to_string(),
                    generate(&o).expect("generate"),
                )
            }
        },
    };
    let read = started.elapsed();
    let t = Instant::now();
    let plan = match parse(&name, &text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let parsed = t.elapsed();
    let t = Instant::now();
    let replay = match run(&plan, &mut ()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let replayed = t.elapsed();
    let total = started.elapsed();
    let h = &replay.report.holons[0];
    let paid: usize = h
        .cycles
        .iter()
        .map(|c| c.rows.iter().filter(|r| !r.amount.is_zero()).count())
        .sum();
    println!("scenario        {name}");
    println!(
        "size            {} bytes, {} members, {} attestations, {} cycle(s)",
        text.len(),
        plan.holons[0].members.len(),
        plan.attestation_count(),
        plan.cycles
    );
    println!("read/generate   {:.3} s", read.as_secs_f64());
    println!("parse + check   {:.3} s", parsed.as_secs_f64());
    println!(
        "replay          {:.3} s ({:.0} attestations/s)",
        replayed.as_secs_f64(),
        plan.attestation_count() as f64 / replayed.as_secs_f64()
    );
    println!("wall time       {:.3} s", total.as_secs_f64());
    println!(
        "peak memory     {} MiB (VmHWM {} kB)",
        status_kb("VmHWM:").unwrap_or(0) / 1024,
        status_kb("VmHWM:").unwrap_or(0)
    );
    println!("payouts         {paid}, total supply {}", h.total_supply);
}
