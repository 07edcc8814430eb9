//! The report of a replay: the `--json` document of docs/SCENARIO.md, and the human tables.

use std::fmt::Write as _;

use cosmwasm_std::{Decimal, Uint128};
use flow_types::distributor::{AcceptedHolon, ExplainResponse, Model, TreasuryResponse};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::engine::{CycleData, HolonData, ProposalData, Report, Row, SpendData, SpendRow};
use crate::scenario::{unit_word, vote_word, MembersRule};
use crate::words::span;
use flow_types::commons::{
    BookingStatus, ListingKind, ListingStatus, PurchaseStatus, Totals, Unit,
};
use flow_types::governance::{Status, Vote};

/// Width the human output keeps within.
pub const WIDTH: usize = 80;
/// Longer tables show the largest rows and say how many more there are.
const MAX_ROWS: usize = 40;

// ------------------------------------------------------------------ JSON

/// Name → amount, in the scenario's order.
pub struct OrderedMap(pub Vec<(String, String)>);

impl Serialize for OrderedMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
pub struct JsonPayout {
    pub member: String,
    pub weight: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct JsonCycle {
    pub cycle: u64,
    pub model: Model,
    pub budget: String,
    pub baseline_pool: String,
    pub baseline_each: String,
    pub contribution_pool: String,
    pub total_weight: String,
    pub payouts: Vec<JsonPayout>,
    pub minted: String,
    pub dust: String,
}

/// The members' governance of a holon, in the keys of the scenario file.
#[derive(Serialize)]
pub struct JsonMembersRule {
    pub threshold: String,
    pub quorum: String,
    pub voting_period_seconds: u64,
}

#[derive(Serialize)]
pub struct JsonGovernance {
    pub members: JsonMembersRule,
}

#[derive(Serialize)]
pub struct JsonVote {
    pub member: String,
    pub vote: String,
    pub weight: String,
}

/// A member's proposal: what it says, the votes, the outcome, what it changes.
#[derive(Serialize)]
pub struct JsonProposal {
    pub id: u64,
    pub cycle: u64,
    pub proposer: String,
    pub title: String,
    pub summary: String,
    pub votes: Vec<JsonVote>,
    pub yes: String,
    pub no: String,
    pub abstain: String,
    pub veto: String,
    pub total_weight: String,
    pub threshold: String,
    pub quorum: String,
    /// After the votes: `open`, `passed` or `rejected`.
    pub status: String,
    pub executed: bool,
    pub changes: String,
}

/// The document of a single-holon scenario, exactly as docs/SCENARIO.md shows it
/// (`governance` and `proposals` only for a holon its members govern).
#[derive(Serialize)]
pub struct JsonHolon {
    pub holon: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub governance: Option<JsonGovernance>,
    pub cycles: Vec<JsonCycle>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<Vec<JsonProposal>>,
    /// Only when the scenario uses the commons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commons: Option<JsonCommons>,
    pub balances: OrderedMap,
    pub total_supply: String,
}

#[derive(Serialize)]
pub struct JsonAccepted {
    /// The accepted holon's name.
    pub holon: String,
    /// Its id in the scenario and its token's symbol (not the token's address, which is
    /// the chain's: the document is the same on every chain).
    pub id: String,
    pub symbol: String,
    pub rate: String,
    pub credit_limit: String,
    pub holdings: String,
    pub total_received: String,
    pub total_minted: String,
    pub total_settled: String,
}

/// One holon's section of a multi-holon document: the single-holon fields, plus its id,
/// symbol and the foreign holons it accepts.
#[derive(Serialize)]
pub struct JsonHolonSection {
    pub id: String,
    pub holon: String,
    pub symbol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub governance: Option<JsonGovernance>,
    pub cycles: Vec<JsonCycle>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<Vec<JsonProposal>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commons: Option<JsonCommons>,
    pub balances: OrderedMap,
    pub total_supply: String,
    pub accepted: Vec<JsonAccepted>,
}

#[derive(Serialize)]
pub struct JsonExchange {
    pub cycle: u64,
    pub member: String,
    /// Holon ids.
    pub from: String,
    pub to: String,
    /// Tokens of `from` sent.
    pub amount: String,
    /// Tokens of `to` minted for them.
    pub minted: String,
}

#[derive(Serialize)]
pub struct JsonSettlement {
    pub cycle: u64,
    pub holon: String,
    pub foreign: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct JsonMulti {
    pub holons: Vec<JsonHolonSection>,
    pub exchanges: Vec<JsonExchange>,
    pub settlements: Vec<JsonSettlement>,
}

fn json_cycle(c: &CycleData) -> JsonCycle {
    JsonCycle {
        cycle: c.cycle,
        model: c.model,
        budget: c.budget.to_string(),
        baseline_pool: c.baseline_pool.to_string(),
        baseline_each: c.baseline_each.to_string(),
        contribution_pool: c.contribution_pool.to_string(),
        total_weight: c.total_weight.to_string(),
        payouts: c
            .rows
            .iter()
            .filter(|r| !r.amount.is_zero())
            .map(|r| JsonPayout {
                member: r.member.clone(),
                weight: r.weight.to_string(),
                amount: r.amount.to_string(),
            })
            .collect(),
        minted: c.minted.to_string(),
        dust: c.dust.to_string(),
    }
}

fn json_governance(h: &HolonData) -> Option<JsonGovernance> {
    h.governance.as_ref().map(|g| JsonGovernance {
        members: JsonMembersRule {
            threshold: g.threshold.to_string(),
            quorum: g.quorum.to_string(),
            voting_period_seconds: g.voting_period_seconds,
        },
    })
}

/// `open`, `passed`, `rejected` (`pending`, `executed`: never after the votes).
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Pending => "pending",
        Status::Open => "open",
        Status::Rejected => "rejected",
        Status::Passed => "passed",
        Status::Executed => "executed",
    }
}

/// The weight of the votes of one kind.
fn tally(p: &ProposalData, kind: Vote) -> u64 {
    p.votes
        .iter()
        .filter(|(_, v, _)| *v == kind)
        .map(|(_, _, w)| w)
        .sum()
}

fn json_proposals(h: &HolonData) -> Option<Vec<JsonProposal>> {
    h.governance.as_ref()?;
    Some(
        h.proposals
            .iter()
            .map(|p| JsonProposal {
                id: p.id,
                cycle: p.cycle,
                proposer: p.proposer.clone(),
                title: p.title.clone(),
                summary: p.summary.clone(),
                votes: p
                    .votes
                    .iter()
                    .map(|(m, v, w)| JsonVote {
                        member: m.clone(),
                        vote: vote_word(*v).into(),
                        weight: w.to_string(),
                    })
                    .collect(),
                yes: tally(p, Vote::Yes).to_string(),
                no: tally(p, Vote::No).to_string(),
                abstain: tally(p, Vote::Abstain).to_string(),
                veto: tally(p, Vote::Veto).to_string(),
                total_weight: p.total_weight.to_string(),
                threshold: p.threshold.to_string(),
                quorum: p.quorum.to_string(),
                status: status_word(p.status).into(),
                executed: p.executed,
                changes: p.changes.clone(),
            })
            .collect(),
    )
}

fn balances(h: &HolonData) -> OrderedMap {
    OrderedMap(
        h.balances
            .iter()
            .map(|(n, b)| (n.clone(), b.to_string()))
            .collect(),
    )
}

/// The `--json` document.
pub fn json(report: &Report) -> String {
    let text = if !report.multi {
        let h = &report.holons[0];
        serde_json::to_string_pretty(&JsonHolon {
            holon: h.name.clone(),
            governance: json_governance(h),
            cycles: h.cycles.iter().map(json_cycle).collect(),
            proposals: json_proposals(h),
            commons: json_commons(h),
            balances: balances(h),
            total_supply: h.total_supply.to_string(),
        })
    } else {
        // An accepted holon is one of the scenario's, by name.
        let foreign = |a: &AcceptedHolon| report.holons.iter().find(|f| f.name == a.name);
        serde_json::to_string_pretty(&JsonMulti {
            holons: report
                .holons
                .iter()
                .map(|h| JsonHolonSection {
                    id: h.key.clone(),
                    holon: h.name.clone(),
                    symbol: h.symbol.clone(),
                    governance: json_governance(h),
                    cycles: h.cycles.iter().map(json_cycle).collect(),
                    proposals: json_proposals(h),
                    commons: json_commons(h),
                    balances: balances(h),
                    total_supply: h.total_supply.to_string(),
                    accepted: h
                        .accepted
                        .iter()
                        .map(|a| JsonAccepted {
                            holon: a.name.clone(),
                            id: foreign(a).map(|f| f.key.clone()).unwrap_or_default(),
                            symbol: foreign(a).map(|f| f.symbol.clone()).unwrap_or_default(),
                            rate: a.rate.to_string(),
                            credit_limit: a.credit_limit.to_string(),
                            holdings: a.holdings.to_string(),
                            total_received: a.total_received.to_string(),
                            total_minted: a.total_minted.to_string(),
                            total_settled: a.total_settled.to_string(),
                        })
                        .collect(),
                })
                .collect(),
            exchanges: report
                .exchanges
                .iter()
                .map(|x| JsonExchange {
                    cycle: x.cycle,
                    member: x.member.clone(),
                    from: report.holons[x.from].key.clone(),
                    to: report.holons[x.to].key.clone(),
                    amount: x.amount.to_string(),
                    minted: x.minted.to_string(),
                })
                .collect(),
            settlements: report
                .settlements
                .iter()
                .map(|s| JsonSettlement {
                    cycle: s.cycle,
                    holon: report.holons[s.holon].key.clone(),
                    foreign: report.holons[s.foreign].key.clone(),
                    amount: s.amount.to_string(),
                })
                .collect(),
        })
    };
    text.expect("the report serializes")
}

// ------------------------------------------------------------------ numbers for people

/// `1234567` → `1,234,567`.
fn group(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Base units as whole tokens, exactly: 1562500000 with 6 decimals → `1,562.5`.
pub fn tokens(amount: Uint128, decimals: u8) -> String {
    let s = amount.to_string();
    let d = decimals as usize;
    if d == 0 {
        return group(&s);
    }
    let padded = if s.len() <= d {
        format!("{}{s}", "0".repeat(d + 1 - s.len()))
    } else {
        s
    };
    let (int, frac) = padded.split_at(padded.len() - d);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        group(int)
    } else {
        format!("{}.{frac}", group(int))
    }
}

/// A decimal rounded (half up) to at most `places` decimals, trailing zeros dropped,
/// thousands grouped: 33.333333333333333333 → `33.33`.
pub fn short(d: Decimal, places: u32) -> String {
    let atoms = d.atomics().u128();
    let unit = 10u128.pow(18 - places);
    let rounded = (atoms + unit / 2) / unit;
    let scale = 10u128.pow(places);
    let int = group(&(rounded / scale).to_string());
    let frac = format!("{:0width$}", rounded % scale, width = places as usize);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// A share as a percentage with two decimals: 0.125 → `12.50%`.
pub fn percent(share: Decimal) -> String {
    let atoms = share.atomics().u128() * 100;
    let unit = 10u128.pow(16);
    let rounded = (atoms + unit / 2) / unit;
    format!("{}.{:02}%", rounded / 100, rounded % 100)
}

fn model_name(m: Model) -> &'static str {
    match m {
        Model::Time => "time",
        Model::Need => "need",
        Model::Impact => "impact",
        Model::Hybrid => "hybrid",
    }
}

/// `name` cut to `width` characters.
fn cut(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(width.saturating_sub(1)).collect();
        s.push('~');
        s
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

// ------------------------------------------------------------------ the human report

/// One closed cycle as a table and the lines of its budget.
pub fn cycle_table(out: &mut String, h: &HolonData, c: &CycleData) {
    let _ = writeln!(
        out,
        "{} - cycle {} - model {} (policy v{})",
        h.name,
        c.cycle,
        model_name(c.model),
        c.policy_version
    );
    let _ = writeln!(out);
    payout_table(out, h, c);
    budget_lines(out, h, c);
    let _ = writeln!(out);
}

/// The members in a cycle's table: those paid or who worked, the largest MAX_ROWS of them
/// when there are more; with how many there are and how many are left out.
fn table_rows(c: &CycleData) -> (Vec<&Row>, usize, usize) {
    let mut rows: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| !r.amount.is_zero() || !r.hours.is_zero())
        .collect();
    let shown = rows.len();
    let hidden = if rows.len() > MAX_ROWS {
        rows.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.member.cmp(&b.member)));
        let n = rows.len() - MAX_ROWS;
        rows.truncate(MAX_ROWS);
        n
    } else {
        0
    };
    (rows, shown, hidden)
}

/// The total line of a cycle's table.
fn total_cells(c: &CycleData, dec: u8) -> [String; 5] {
    let total_paid: Uint128 = c.rows.iter().map(|r| r.amount).sum();
    [
        "total".to_string(),
        short(c.total_hours, 2),
        short(c.total_weight, 2),
        if c.total_weight.is_zero() {
            "-".into()
        } else {
            percent(c.rows.iter().map(|r| r.share).sum())
        },
        tokens(total_paid, dec),
    ]
}

/// Column widths of a cycle's table, kept within WIDTH: names give way first.
fn column_widths(cells: &[[String; 5]], total: &[String; 5], head: &[String; 5]) -> [usize; 5] {
    let mut w = [0usize; 5];
    for row in cells.iter().chain([total, head]) {
        for (i, v) in row.iter().enumerate() {
            w[i] = w[i].max(v.chars().count());
        }
    }
    // Keep within WIDTH: names give way first.
    let others: usize = w[1..].iter().sum::<usize>() + 2 + 4 * 3;
    w[0] = w[0].min(WIDTH.saturating_sub(others).max(8));
    w
}

/// One line of a cycle's table, in columns of widths `w`.
fn table_line(r: &[String; 5], w: &[usize; 5]) -> String {
    format!(
        "  {:<w0$}   {:>w1$}   {:>w2$}   {:>w3$}   {:>w4$}",
        cut(&r[0], w[0]),
        r[1],
        r[2],
        r[3],
        r[4],
        w0 = w[0],
        w1 = w[1],
        w2 = w[2],
        w3 = w[3],
        w4 = w[4]
    )
}

/// A cycle's table: each member's hours, weight, share and tokens, then the total.
fn payout_table(out: &mut String, h: &HolonData, c: &CycleData) {
    let dec = h.decimals;
    let (rows, shown, hidden) = table_rows(c);
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.member.clone(),
                short(r.hours, 2),
                short(r.weight, 2),
                percent(r.share),
                tokens(r.amount, dec),
            ]
        })
        .collect();
    let total = total_cells(c, dec);
    let head = [
        "member".to_string(),
        "hours".into(),
        "weight".into(),
        "share".into(),
        format!("tokens ({})", h.symbol),
    ];
    let w = column_widths(&cells, &total, &head);
    let rule = format!("  {}", "-".repeat(w.iter().sum::<usize>() + 4 * 3));
    let _ = writeln!(out, "{}", table_line(&head, &w).trim_end());
    let _ = writeln!(out, "{rule}");
    if cells.is_empty() {
        let _ = writeln!(out, "  (no contributions were final in this cycle)");
    }
    for r in &cells {
        let _ = writeln!(out, "{}", table_line(r, &w));
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "  ... and {} more (the {shown} members paid are all in --json)",
            plural(hidden, "member", "members")
        );
    }
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "{}", table_line(&total, &w));
    let _ = writeln!(out);
}

/// The lines under a cycle's table: budget, reserve, baseline, contributions, dust, minted.
fn budget_lines(out: &mut String, h: &HolonData, c: &CycleData) {
    let sym = &h.symbol;
    let dec = h.decimals;
    let label = |out: &mut String, k: &str, v: String| {
        let _ = writeln!(out, "  {k:<14}{v}");
    };
    let source = if h.treasury.is_some() {
        "from the treasury"
    } else {
        "fixed emission"
    };
    label(
        out,
        "budget",
        format!("{} {sym} ({source})", tokens(c.budget, dec)),
    );
    if h.treasury.is_some() {
        label(
            out,
            "reserve",
            format!(
                "{} {sym} kept back in the treasury",
                tokens(c.reserve_kept, dec)
            ),
        );
    } else {
        label(
            out,
            "reserve",
            "none (a fixed emission has no treasury)".into(),
        );
    }
    let baseline = if c.baseline_pool.is_zero() && c.members_weight == 0 {
        format!("0 {sym} (no baseline share in this policy)")
    } else {
        format!(
            "{} {sym} shared by {}: {} each",
            tokens(c.baseline_pool, dec),
            plural(c.members_weight as usize, "member", "members"),
            tokens(c.baseline_each, dec)
        )
    };
    label(out, "baseline", baseline);
    label(
        out,
        "contributions",
        format!(
            "{} {sym} by weight (W = {})",
            tokens(c.contribution_pool, dec),
            short(c.total_weight, 6)
        ),
    );
    let dust = if c.dust == Uint128::one() {
        "base unit"
    } else {
        "base units"
    };
    label(out, "dust", format!("{} {dust}, never minted", c.dust));
    label(out, "minted", format!("{} {sym}", tokens(c.minted, dec)));
}

/// `text` in lines of at most WIDTH columns, the first after `first`, the others after
/// as many spaces.
fn wrapped(out: &mut String, first: &str, text: &str) {
    let indent = " ".repeat(first.chars().count());
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ') {
        let len = line.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && len > WIDTH {
            let _ = writeln!(out, "{line}");
            line = indent.clone();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    let _ = writeln!(out, "{line}");
}

/// "alex 1, jordan 1" for the votes of one kind.
fn voters(p: &ProposalData, kind: Vote) -> Option<String> {
    let names: Vec<String> = p
        .votes
        .iter()
        .filter(|(_, v, _)| *v == kind)
        .map(|(m, _, w)| format!("{m} {w}"))
        .collect();
    (!names.is_empty()).then(|| format!("{}: {}", vote_word(kind), names.join(", ")))
}

/// A proposal: its title and summary, the votes with their weights, the outcome, and what
/// it changed (or would have).
fn proposal_lines(out: &mut String, p: &ProposalData) {
    let l = |k: &str| format!("    {k:<13}");
    wrapped(
        out,
        &format!(
            "  proposal {} by {} in cycle {}: ",
            p.id, p.proposer, p.cycle
        ),
        &p.title,
    );
    wrapped(out, &l("summary"), &p.summary);
    let kinds = [Vote::Yes, Vote::No, Vote::Abstain, Vote::Veto];
    let cast: Vec<String> = kinds.iter().filter_map(|k| voters(p, *k)).collect();
    wrapped(out, &l("votes"), &cast.join("; "));
    let mut counts: Vec<String> = kinds
        .iter()
        .map(|k| (tally(p, *k), vote_word(*k)))
        .filter(|(w, k)| *w > 0 || ["yes", "no"].contains(k))
        .map(|(w, k)| format!("{w} {k}"))
        .collect();
    counts.push(format!(
        "of {} (threshold {}, quorum {})",
        p.total_weight,
        percent_short(p.threshold),
        percent_short(p.quorum)
    ));
    wrapped(out, &l("tally"), &counts.join(", ").replace(", of", " of"));
    let result = match (p.status, p.executed) {
        (_, true) => format!("passed, executed by {}", p.proposer),
        (Status::Passed, false) => "passed, not executed".into(),
        (Status::Open, false) => "open (not enough votes yet), not executed".into(),
        (s, false) => format!("{}, not executed", status_word(s)),
    };
    wrapped(out, &l("result"), &result);
    let label = if p.executed {
        "changed"
    } else {
        "would change"
    };
    wrapped(out, &l(label), &p.changes);
    let _ = writeln!(out);
}

/// A share as a percentage, as exact as it is: 0.51 → `51%`, 0.125 → `12.5%`.
fn percent_short(share: Decimal) -> String {
    format!("{}%", share * Decimal::from_ratio(100u64, 1u64))
}

/// The governance line of a holon its members govern.
fn governance_line(out: &mut String, g: &MembersRule) {
    let _ = writeln!(
        out,
        "  {:<14}members: threshold {}, quorum {}, {} to vote",
        "governance",
        percent_short(g.threshold),
        percent_short(g.quorum),
        span(g.voting_period_seconds)
    );
}

/// What a holon ends with: claimed, supply, treasury, accepted tokens, balances.
fn holon_totals(out: &mut String, h: &HolonData, others: &[HolonData], cycles: usize) {
    let sym = &h.symbol;
    let dec = h.decimals;
    let _ = writeln!(
        out,
        "{} after {}",
        h.name,
        plural(cycles, "cycle", "cycles")
    );
    let _ = writeln!(out);
    let minted: Uint128 = h.cycles.iter().map(|c| c.minted).sum();
    let _ = writeln!(out, "  {:<14}{} {sym}", "claimed", tokens(minted, dec));
    let _ = writeln!(
        out,
        "  {:<14}{} {sym}",
        "total supply",
        tokens(h.total_supply, dec)
    );
    if let Some(t) = &h.treasury {
        treasury_lines(out, t);
    }
    if let Some(g) = &h.governance {
        governance_line(out, g);
    }
    commons_totals(out, h);
    for a in &h.accepted {
        accepted_lines(out, sym, a, others);
    }
    let _ = writeln!(out);
    balance_lines(out, h);
    let _ = writeln!(out);
}

/// The treasury's lines: held, backing the tokens, unallocated.
fn treasury_lines(out: &mut String, t: &TreasuryResponse) {
    let denom = t.denom.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "  {:<14}{} {denom} held",
        "treasury",
        group(&t.held.to_string())
    );
    let _ = writeln!(
        out,
        "  {:<14}{} backing the tokens",
        "",
        group(&t.outstanding.to_string())
    );
    let _ = writeln!(
        out,
        "  {:<14}{} unallocated",
        "",
        group(&t.unallocated.to_string())
    );
}

/// An accepted holon's lines: its rate, then what is held of its tokens and settled.
fn accepted_lines(out: &mut String, sym: &str, a: &AcceptedHolon, others: &[HolonData]) {
    // The foreign holon's token, in its own units when the report knows it.
    let (fsym, fdec) = others
        .iter()
        .find(|o| o.name == a.name)
        .map_or((String::new(), 0), |o| {
            (format!(" {}", o.symbol), o.decimals)
        });
    let _ = writeln!(
        out,
        "  {:<14}{}'s tokens at {} {sym} each",
        "accepts", a.name, a.rate
    );
    let _ = writeln!(
        out,
        "  {:<14}holds {}{fsym} of at most {}{fsym}, settled {}{fsym}",
        "",
        tokens(a.holdings, fdec),
        tokens(a.credit_limit, fdec),
        tokens(a.total_settled, fdec)
    );
}

/// The balances: every account, or the largest MAX_ROWS and how many more.
fn balance_lines(out: &mut String, h: &HolonData) {
    let dec = h.decimals;
    let _ = writeln!(out, "  balances ({})", h.symbol);
    let mut rows: Vec<&(String, Uint128)> = h.balances.iter().collect();
    let hidden = if rows.len() > MAX_ROWS {
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let n = rows.len() - MAX_ROWS;
        rows.truncate(MAX_ROWS);
        n
    } else {
        0
    };
    let amounts: Vec<String> = rows.iter().map(|(_, b)| tokens(*b, dec)).collect();
    let wa = amounts.iter().map(|a| a.len()).max().unwrap_or(0);
    let wn = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(WIDTH - wa - 8);
    for ((n, _), a) in rows.iter().zip(&amounts) {
        let _ = writeln!(out, "    {:<wn$}   {a:>wa$}", cut(n, wn));
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "    ... and {} more (all in --json)",
            plural(hidden, "account", "accounts")
        );
    }
}

/// The human report.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let cycles = report.holons.first().map_or(0, |h| h.cycles.len());
    for k in 0..cycles {
        for h in &report.holons {
            cycle_table(&mut out, h, &h.cycles[k]);
            for p in h.proposals.iter().filter(|p| p.cycle as usize == k + 1) {
                proposal_lines(&mut out, p);
            }
            commons_lines(&mut out, h, k as u64 + 1);
        }
        for x in report
            .exchanges
            .iter()
            .filter(|x| x.cycle as usize == k + 1)
        {
            let (from, to) = (&report.holons[x.from], &report.holons[x.to]);
            let _ = writeln!(
                out,
                "  exchange: {} sent {} {} to {}, received {} {}",
                x.member,
                tokens(x.amount, from.decimals),
                from.symbol,
                to.name,
                tokens(x.minted, to.decimals),
                to.symbol
            );
        }
        for s in report
            .settlements
            .iter()
            .filter(|s| s.cycle as usize == k + 1)
        {
            let (h, f) = (&report.holons[s.holon], &report.holons[s.foreign]);
            let _ = writeln!(
                out,
                "  settlement: {} redeemed {} {} at {}'s treasury",
                h.name,
                tokens(s.amount, f.decimals),
                f.symbol,
                f.name
            );
        }
        if report.exchanges.iter().any(|x| x.cycle as usize == k + 1)
            || report.settlements.iter().any(|s| s.cycle as usize == k + 1)
        {
            let _ = writeln!(out);
        }
    }
    for h in &report.holons {
        holon_totals(&mut out, h, &report.holons, cycles);
    }
    out.trim_end().to_string() + "\n"
}

// ------------------------------------------------------------------ the commons

/// A listing of the commons, as the contract keeps it.
#[derive(Serialize)]
pub struct JsonListing {
    pub id: String,
    pub kind: ListingKind,
    pub provider: String,
    pub title: String,
    pub category: String,
    pub unit: Unit,
    pub price: String,
    pub status: ListingStatus,
}

/// A booking's or a purchase's status, as the contract names it (`held`, `escrowed`, ...).
#[derive(Serialize)]
#[serde(untagged)]
pub enum SpendStatus {
    Booking(BookingStatus),
    Purchase(PurchaseStatus),
}

/// A payment into the commons: its row's amounts, and where they went.
#[derive(Serialize)]
pub struct JsonSpend {
    /// Made after the claims of this cycle.
    pub cycle: u64,
    pub member: String,
    pub listing: String,
    /// `booking` or `purchase`, and the commons' id of it.
    pub kind: &'static str,
    pub id: u64,
    /// The booking's units of the listing's unit, or the quantity bought.
    pub units: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_day: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_day: Option<u64>,
    pub amount: String,
    /// `pool` or the member paid.
    pub paid_to: String,
    pub status: SpendStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub released: Option<&'static str>,
    pub refunded: String,
    pub to_pool: String,
    pub to_provider: String,
    /// The cycle whose budget what went to the pool joins.
    pub budget_cycle: Option<u64>,
}

#[derive(Serialize)]
pub struct JsonCommons {
    pub listings: Vec<JsonListing>,
    pub spends: Vec<JsonSpend>,
    /// The commons' own `Totals` (its amounts as strings, as the contract answers them).
    pub totals: Totals,
}

fn json_commons(h: &HolonData) -> Option<JsonCommons> {
    let c = h.commons.as_ref()?;
    Some(JsonCommons {
        listings: c
            .listings
            .iter()
            .map(|l| JsonListing {
                id: l.key.clone(),
                kind: l.kind,
                provider: l.provider.clone(),
                title: l.title.clone(),
                category: l.category.clone(),
                unit: l.unit,
                price: l.price.to_string(),
                status: l.status,
            })
            .collect(),
        spends: c
            .spends
            .iter()
            .map(|s| {
                let (kind, id, units, start_day, cancel_day, status) = match &s.row {
                    SpendRow::Booking {
                        row,
                        start_day,
                        cancel_day,
                    } => (
                        "booking",
                        row.id,
                        row.units,
                        Some(*start_day),
                        *cancel_day,
                        SpendStatus::Booking(row.status),
                    ),
                    SpendRow::Purchase { row } => (
                        "purchase",
                        row.id,
                        row.quantity,
                        None,
                        None,
                        SpendStatus::Purchase(row.status),
                    ),
                };
                JsonSpend {
                    cycle: s.cycle,
                    member: s.member.clone(),
                    listing: s.listing.clone(),
                    kind,
                    id,
                    units,
                    start_day,
                    cancel_day,
                    amount: s.amount().to_string(),
                    paid_to: s.paid_to.clone(),
                    status,
                    released: s.released,
                    refunded: s.refunded().to_string(),
                    to_pool: s.to_pool.to_string(),
                    to_provider: s.to_provider.to_string(),
                    budget_cycle: s.pool_cycle,
                }
            })
            .collect(),
        totals: c.totals.clone(),
    })
}

/// `2 days`, `1 hour`, `3 items`, `1 booking`.
fn units_word(n: u64, unit: Unit) -> String {
    let w = unit_word(unit);
    if n == 1 {
        format!("{n} {w}")
    } else {
        format!("{n} {w}s")
    }
}

/// What became of one payment, in words (amounts in the holon's token).
fn spend_words(h: &HolonData, s: &SpendData) -> String {
    let t = |a: Uint128| tokens(a, h.decimals);
    let budget = |s: &SpendData| match s.pool_cycle {
        Some(c) => format!(" (cycle {c}'s budget)"),
        // A fixed emission: the distributor burns it.
        None => " (burnt)".to_string(),
    };
    match &s.row {
        SpendRow::Booking {
            row,
            start_day,
            cancel_day,
        } => {
            let head = format!(
                "booked {} for {} from day {start_day} after cycle {}: {}",
                s.listing,
                units_word(row.units, s.unit),
                s.cycle,
                t(row.amount)
            );
            match row.status {
                BookingStatus::Held => format!("{head}, held until its start"),
                BookingStatus::Released => format!(
                    "{head}, held, then {} to the pool at its start{}",
                    t(s.to_pool),
                    budget(s)
                ),
                BookingStatus::Cancelled => {
                    let day = match cancel_day {
                        Some(d) if *d > 0 => format!("on day {d}"),
                        _ => "at once".to_string(),
                    };
                    if s.to_pool.is_zero() {
                        format!("{head}, cancelled {day}: {} refunded", t(row.refunded))
                    } else {
                        format!(
                            "{head}, cancelled {day}: {} refunded, {} to the pool{}",
                            t(row.refunded),
                            t(s.to_pool),
                            budget(s)
                        )
                    }
                }
            }
        }
        SpendRow::Purchase { row } => {
            let head = format!(
                "bought {} of {}: {}",
                units_word(row.quantity, s.unit),
                s.listing,
                t(row.amount)
            );
            match row.status {
                PurchaseStatus::ToPool => format!("{head}, to the pool at once{}", budget(s)),
                PurchaseStatus::Escrowed => format!("{head} in escrow, not yet confirmed"),
                PurchaseStatus::Disputed => {
                    format!("{head} in escrow, disputed, not yet resolved")
                }
                PurchaseStatus::Released => {
                    let how = if s.released == Some("after_window") {
                        "released after the confirmation window"
                    } else {
                        "confirmed"
                    };
                    format!(
                        "{head} in escrow, {how}: {} to {}",
                        t(s.to_provider),
                        s.paid_to
                    )
                }
                PurchaseStatus::Resolved => format!(
                    "{head} in escrow, disputed, resolved by the steward: {} refunded, {} to {}",
                    t(row.refunded),
                    t(s.to_provider),
                    s.paid_to
                ),
            }
        }
    }
}

/// The commons' payments made after the claims of cycle `k`, and what of them went back to
/// the pool, by the budget it joins.
fn commons_lines(out: &mut String, h: &HolonData, k: u64) {
    let Some(c) = &h.commons else { return };
    let spends: Vec<&SpendData> = c.spends.iter().filter(|s| s.cycle == k).collect();
    if spends.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  commons, after the claims of cycle {k} ({}):",
        h.symbol
    );
    let w = spends
        .iter()
        .map(|s| s.member.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(12, 24);
    for s in &spends {
        wrapped(
            out,
            &format!("    {:<w$} ", cut(&s.member, w)),
            &spend_words(h, s),
        );
    }
    let burnt = spends
        .iter()
        .filter(|s| s.pool_cycle.is_none())
        .fold(Uint128::zero(), |a, s| a.saturating_add(s.to_pool));
    if !burnt.is_zero() {
        let _ = writeln!(
            out,
            "    {:<w$} {} burnt (a fixed emission has no treasury)",
            "to the pool",
            tokens(burnt, h.decimals)
        );
    }
    let mut cycles: Vec<u64> = spends.iter().filter_map(|s| s.pool_cycle).collect();
    cycles.sort();
    cycles.dedup();
    for b in cycles {
        let sum = spends
            .iter()
            .filter(|s| s.pool_cycle == Some(b))
            .fold(Uint128::zero(), |a, s| a.saturating_add(s.to_pool));
        let _ = writeln!(
            out,
            "    {:<w$} {} in cycle {b}'s budget",
            "to the pool",
            tokens(sum, h.decimals)
        );
    }
    let _ = writeln!(out);
}

/// The commons' totals, as the contract keeps them.
fn commons_totals(out: &mut String, h: &HolonData) {
    let Some(c) = &h.commons else { return };
    let t = |a: Uint128| tokens(a, h.decimals);
    let text = format!(
        "{} {} held, {} to the pool, {} to members, {} refunded",
        t(c.totals.held),
        h.symbol,
        t(c.totals.to_pool),
        t(c.totals.to_providers),
        t(c.totals.refunded)
    );
    wrapped(out, &format!("  {:<14}", "commons"), &text);
}

// ------------------------------------------------------------------ explain

/// The explain breakdown for people.
pub fn explain_human(holon: &HolonData, member: &str, e: &ExplainResponse) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{member} in {}, cycle {} - model {} (policy v{})",
        holon.name,
        e.cycle,
        model_name(e.model),
        e.policy_version
    );
    let _ = writeln!(out);
    category_table(&mut out, e);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  base = hours + units x unit credit    credit = base x impact x capacity"
    );
    let _ = writeln!(
        out,
        "  x mult = credit / base    weight = N_c x credit    share = weight / W"
    );
    let _ = writeln!(out);
    explain_sums(&mut out, holon, e);
    out
}

/// The member's categories in a table: hours, base, credit, multiplier, N_c, weight, share.
fn category_table(out: &mut String, e: &ExplainResponse) {
    let head = [
        "category", "hours", "base", "credit", "x mult", "N_c", "weight", "share",
    ]
    .map(String::from);
    let cells: Vec<[String; 8]> = e
        .categories
        .iter()
        .map(|c| {
            [
                c.category.clone(),
                short(c.hours, 2),
                short(c.base_credit, 4),
                short(c.credit, 4),
                short(c.multiplier, 4),
                short(c.factor, 4),
                short(c.weight, 4),
                percent(c.share),
            ]
        })
        .collect();
    let mut w = [0usize; 8];
    for row in cells.iter().chain([&head]) {
        for (i, v) in row.iter().enumerate() {
            w[i] = w[i].max(v.chars().count());
        }
    }
    let others: usize = w[1..].iter().sum::<usize>() + 2 + 7 * 2;
    w[0] = w[0].min(WIDTH.saturating_sub(others).max(6));
    let line = |r: &[String; 8]| {
        let mut s = format!("  {:<w0$}", cut(&r[0], w[0]), w0 = w[0]);
        for i in 1..8 {
            let _ = write!(s, "  {:>wi$}", r[i], wi = w[i]);
        }
        s
    };
    if cells.is_empty() {
        let _ = writeln!(out, "  no final contributions in this cycle");
    } else {
        let _ = writeln!(out, "{}", line(&head));
        let _ = writeln!(out, "  {}", "-".repeat(w.iter().sum::<usize>() + 7 * 2));
        for c in &cells {
            let _ = writeln!(out, "{}", line(c));
        }
    }
}

/// From the weights to the amount: W_i, W, the share, the pool, the member's part, the total.
fn explain_sums(out: &mut String, holon: &HolonData, e: &ExplainResponse) {
    let sym = &holon.symbol;
    let dec = holon.decimals;
    let l = |out: &mut String, k: &str, v: String| {
        let _ = writeln!(out, "  {k:<22}{v}");
    };
    l(out, "W_i (member's weight)", e.weight.to_string());
    l(out, "W (total weight)", e.total_weight.to_string());
    l(
        out,
        "share W_i / W",
        format!("{} ({})", percent(e.share), e.share),
    );
    l(
        out,
        "contribution pool C",
        format!(
            "{} {sym} ({} base units)",
            tokens(e.contribution_pool, dec),
            e.contribution_pool
        ),
    );
    l(
        out,
        "floor(C x W_i / W)",
        format!(
            "{} {sym} ({} base units)",
            tokens(e.contribution_amount, dec),
            e.contribution_amount
        ),
    );
    l(
        out,
        "baseline",
        format!(
            "{} {sym} ({} base units)",
            tokens(e.baseline_amount, dec),
            e.baseline_amount
        ),
    );
    l(
        out,
        "amount",
        format!(
            "{} {sym} ({} base units){}",
            tokens(e.amount, dec),
            e.amount,
            if e.claimed {
                ", claimed"
            } else {
                ", not claimed"
            }
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn tokens_are_whole_units_exactly() {
        assert_eq!(tokens(Uint128::new(625_000_000), 6), "625");
        assert_eq!(tokens(Uint128::new(1_562_500_000), 6), "1,562.5");
        assert_eq!(tokens(Uint128::new(2_343_750_000), 6), "2,343.75");
        assert_eq!(tokens(Uint128::new(3_571_428_571), 6), "3,571.428571");
        assert_eq!(tokens(Uint128::new(5), 6), "0.000005");
        assert_eq!(tokens(Uint128::new(0), 6), "0");
        assert_eq!(tokens(Uint128::new(1_234_567), 0), "1,234,567");
    }

    #[test]
    fn decimals_and_shares_round_for_people() {
        assert_eq!(
            short(Decimal::from_str("33.333333333333333333").unwrap(), 2),
            "33.33"
        );
        assert_eq!(short(Decimal::from_str("1234.5").unwrap(), 2), "1,234.5");
        assert_eq!(short(Decimal::from_str("0.666").unwrap(), 2), "0.67");
        assert_eq!(percent(Decimal::from_str("0.125").unwrap()), "12.50%");
        assert_eq!(percent(Decimal::from_str("0.46875").unwrap()), "46.88%");
        assert_eq!(percent(Decimal::one()), "100.00%");
    }
}
