// `flow simulate FILE --node URL`: the simulator's chain backend (Rust: cosmrs +
// tendermint-rpc) replays scenario files on this localnet — the artifacts stored or reused,
// the holons deployed, every member signing with a key of their own, the scenario's month
// compressed onto short cycles of the chain — and prints the same --json as the embedded
// chain. Its refusals read as the embedded chain's do: the contract's own message, with the
// scenario's file, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { LOCALNET, ROOT } from "../deploy.mjs";

const FLOW = process.env.FLOW_BIN || join(ROOT, "target/debug/flow");

/** Runs the flow CLI from the repository's root; its status, stdout and stderr. */
function flow(args) {
  const env = { ...process.env };
  delete env.FLOW_NODE;
  delete env.FLOW_MNEMONIC;
  const extra = process.env.CW4_GROUP_WASM && args.includes("--node") ? ["--cw4-group", process.env.CW4_GROUP_WASM] : [];
  const r = spawnSync(FLOW, [...args, ...extra], { cwd: ROOT, env, encoding: "utf8", timeout: 900_000 });
  if (r.error) throw r.error;
  return r;
}

const onNode = (file, ...more) => flow(["simulate", file, "--json", "--node", LOCALNET.node, ...more]);
const embedded = (file) => flow(["simulate", file, "--json"]);

function sameReport(file) {
  const e = embedded(file);
  assert.equal(e.status, 0, e.stderr);
  const n = onNode(file);
  assert.equal(n.status, 0, n.stderr);
  const report = JSON.parse(n.stdout);
  assert.deepEqual(report, JSON.parse(e.stdout));
  return report;
}

test("Holon Alpha's month on the node pays the seed's numbers, as the embedded chain does", () => {
  const report = sameReport("tests/scenarios/holon-alpha.toml");
  assert.deepEqual(report.balances, {
    alex: "625000000",
    jordan: "1562500000",
    casey: "312500000",
    riley: "2343750000",
    sam: "156250000",
  });
  assert.equal(report.total_supply, "5000000000");
});

test("the need model on the node: the docs/WEIGHTING.md shares and one unit of dust", () => {
  const report = sameReport("tests/scenarios/holon-alpha-need.toml");
  const amounts = Object.fromEntries(report.cycles[0].payouts.map((p) => [p.member, p.amount]));
  assert.deepEqual(amounts, {
    alex: "476190476",
    jordan: "595238095",
    casey: "238095238",
    riley: "3571428571",
    sam: "119047619",
  });
  assert.equal(report.cycles[0].dust, "1");
});

test("two holons on the node: acceptance, exchange and settlement as on the embedded chain", () => {
  sameReport("tests/scenarios/two-holons.toml");
});

test("disputes and a challenge window (compressed onto the chain's cycle) as on the embedded chain", () => {
  sameReport("tests/scenarios/holon-alpha-disputes.toml");
});

test("a transaction the contract refuses stops both replays with the same message", () => {
  const dir = mkdtempSync(join(tmpdir(), "cw-flow-"));
  const file = join(dir, "over-the-cap.toml");
  const src = readFileSync(join(ROOT, "tests/scenarios/holon-alpha.toml"), "utf8");
  writeFileSync(file, src.replace('max_hours_per_cycle = "744"', 'max_hours_per_cycle = "50"'));
  const e = embedded(file);
  const n = onNode(file);
  assert.equal(e.status, 1);
  assert.equal(n.status, 1);
  assert.match(n.stderr, /field `attestations\[3\]`: riley: 60 h toward childcare: the chain refused it: 0 hour-equivalents already counted in cycle 1 plus 60 is over the cycle cap of 50/);
  assert.equal(n.stderr, e.stderr);
  assert.equal(n.stdout, "");
});

test("a chain cycle too short for the scenario's transactions is an error, not a wrong report", () => {
  const n = onNode("tests/scenarios/holon-alpha.toml", "--cycle-seconds", "5");
  assert.equal(n.status, 1, n.stdout);
  assert.match(n.stderr, /landed in the chain's cycle \d+ instead of cycle 1: the chain's cycles are too short/);
  assert.match(n.stderr, /--cycle-seconds/);
  assert.equal(n.stdout, "");
});

test("without a key for a node that is not a localnet of ours, it says what to give", () => {
  const r = flow(["simulate", "tests/scenarios/holon-alpha.toml", "--node", "http://127.0.0.1:9"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no key to sign with: give --mnemonic-file FILE or FLOW_MNEMONIC/);
});
