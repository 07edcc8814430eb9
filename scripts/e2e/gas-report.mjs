#!/usr/bin/env node
// The gas table of an end-to-end run: gas_used per kind of transaction, read from the
// chain's tx results (the e2e tests log every transaction's result to E2E_GAS_LOG; the
// deployments record their store and instantiate transactions).
//
//   node scripts/e2e/gas-report.mjs GAS_LOG [--write FILE]
//
// Prints the table; with --write, also writes it as the Markdown page FILE
// (BENCHMARKS-chain.md), mentioning the VM estimates in BENCHMARKS.md when that exists.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

import { LOCALNET, ROOT } from "../deploy.mjs";

const args = process.argv.slice(2);
const logFile = args[0];
const writeIdx = args.indexOf("--write");
const outFile = writeIdx >= 0 ? args[writeIdx + 1] : null;
if (!logFile) {
  console.error("usage: node scripts/e2e/gas-report.mjs GAS_LOG [--write FILE]");
  process.exit(2);
}

const rows = existsSync(logFile)
  ? readFileSync(logFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  : [];
const depDir = join(ROOT, "deployments", LOCALNET.chainId);
if (existsSync(depDir)) {
  for (const f of readdirSync(depDir).sort()) {
    if (!f.endsWith(".json") || f === "codes.json") continue;
    const d = JSON.parse(readFileSync(join(depDir, f), "utf8"));
    for (const [kind, t] of Object.entries(d.txs ?? {})) rows.push({ kind, gas_used: t.gas_used, hash: t.hash });
  }
}

// Order: deploy, the month, tokens, exchange, then failures.
const ORDER = [
  "store_cw4_group", "store_cw3_flex_multisig", "store_need_registry", "store_attestation",
  "store_distributor", "store_flow_token", "store_commons",
  "instantiate_group", "instantiate_governance", "instantiate_registry", "instantiate_distributor",
  "handover_group", "instantiate_commons",
  "fund", "post_need", "endorse", "attest", "cosign", "withdraw", "set_policy",
  "propose", "vote", "execute (set_policy)",
  "close_cycle (time)", "close_cycle (need)", "close_cycle (empty cycle)", "claim",
  "transfer", "gift_to_pool", "redeem", "accept_holon", "exchange", "settle_foreign",
];
const NOTES = {
  store_distributor: "upload of the largest artifact",
  instantiate_distributor: "also instantiates the flow-token and the attestation contract (replies)",
  attest: "reads the need from the registry (raw query: no contract call) and membership from the group",
  cosign: "the last co-sign records the contribution in the distributor",
  "close_cycle (time)": "pins the budget and W over the 5 categories touched",
  "close_cycle (need)": "the need model: 3 of 5 categories take the registry's factor, pinned at each one's first record (no registry query at close)",
  "close_cycle (empty cycle)": "a cycle without contributions: nothing is allocated",
  store_cw4_group: "upload (cw4-group 2.0, wasm-opt'ed)",
  store_cw3_flex_multisig: "upload (cw3-flex-multisig 2.0, wasm-opt'ed): the members' governance",
  instantiate_governance: "the members' cw3-flex-multisig over the group (instantiate2: its own wasm admin)",
  handover_group: "one tx: the group's cw4 admin and wasm admin pass from the deployer to the multisig",
  propose: "a member proposes steward actions to the multisig (their yes vote included)",
  vote: "a member votes with their group weight (the weight at the proposal's height)",
  "execute (set_policy)": "anyone executes a passed proposal: the multisig sends set_policy to the distributor",
  store_need_registry: "upload",
  store_attestation: "upload",
  store_flow_token: "upload",
  store_commons: "upload",
  instantiate_commons: "the commons: resources and members' offers, owned by governance (its confirmation window, default bounds)",
  instantiate_group: "cw4-group with the holon's members",
  instantiate_registry: "with the holon's categories",
  fund: "steward/funder sends ucredit to the treasury (refused while a settlement is in flight)",
  post_need: "a member posts a need (counts as a request)",
  endorse: "\"I need this too\"",
  withdraw: "the attester withdraws a pending attestation",
  set_policy: "governance schedules a policy for the next cycle",
  accept_holon: "governance; queries the foreign holon's info, its token's issuer and its minter",
  set_need_factors: "governance sets a need's unit credit",
  claim: "computes W_i, mints through the flow-token",
  transfer: "cw20 transfer (member to member)",
  gift_to_pool: "cw20 Send to the distributor, which burns",
  redeem: "cw20 Send; burns and pays ucredit from the treasury",
  exchange: "cw20 Send of AFLOW to Beta's distributor, which mints BFLOW",
  settle_foreign: "Beta redeems its AFLOW at Alpha's treasury (cross-contract)",
};
const byKind = new Map();
for (const r of rows) {
  if (!byKind.has(r.kind)) byKind.set(r.kind, []);
  byKind.get(r.kind).push(r.gas_used);
}
const rank = (k) => {
  const base = k.replace(/ \(fails\)$/, "");
  const i = ORDER.indexOf(base);
  return (k.endsWith("(fails)") ? 1000 : 0) + (i < 0 ? 500 : i);
};
const kinds = [...byKind.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const fmt = (n) => n.toLocaleString("en-US");
const table = kinds.map((k) => {
  const g = byKind.get(k).sort((a, b) => a - b);
  const mean = Math.round(g.reduce((a, b) => a + b, 0) / g.length);
  return { kind: k, n: g.length, min: g[0], max: g.at(-1), mean, note: NOTES[k] ?? "" };
});

const w = { kind: 30, n: 4, v: 11 };
const lines = [
  `${"transaction".padEnd(w.kind)} ${"txs".padStart(w.n)} ${"min".padStart(w.v)} ${"mean".padStart(w.v)} ${"max".padStart(w.v)}`,
  "-".repeat(w.kind + w.n + 3 * w.v + 4),
  ...table.map((t) => `${t.kind.padEnd(w.kind)} ${String(t.n).padStart(w.n)} ${fmt(t.min).padStart(w.v)} ${fmt(t.mean).padStart(w.v)} ${fmt(t.max).padStart(w.v)}`),
];
console.log(`gas used per transaction (SDK gas, from the chain's tx results; ${rows.length} transactions)\n`);
console.log(lines.join("\n"));

// The same steward action, by one wallet and by the members (07-governance tags the rows of
// its policy change with `change`).
const members = rows.filter((r) => r.change === "need policy by the members");
const direct = byKind.get("set_policy");
let governance = [];
if (members.length) {
  const part = (kind) => members.filter((r) => r.kind === kind).map((r) => r.gas_used);
  const sum = (g) => g.reduce((a, b) => a + b, 0);
  const steps = [
    ["propose", "a member proposes it (their yes included)"],
    ["vote", "the other members' votes"],
    ["execute (set_policy)", "anyone executes it"],
  ].map(([kind, what]) => ({ kind, what, gas: part(kind) }));
  const total = sum(steps.flatMap((s) => s.gas));
  const directGas = direct ? Math.round(sum(direct) / direct.length) : null;
  governance = [
    "| the same policy change | txs | gas | what |",
    "|---|---:|---:|---|",
    ...(directGas ? [`| set_policy by the steward's wallet | ${direct.length === 1 ? 1 : `1 (mean of ${direct.length})`} | ${fmt(directGas)} | one key owns the holon (03-alpha-need) |`] : []),
    ...steps.map((s) => `| ${s.kind} | ${s.gas.length} | ${fmt(sum(s.gas))} | ${s.what} |`),
    `| **by the members, in all** | ${steps.reduce((a, s) => a + s.gas.length, 0)} | ${fmt(total)} | ${directGas ? `${(total / directGas).toFixed(1)}× the steward's one transaction` : ""} |`,
  ];
  console.log("\nthe need policy by the members (07-governance) beside one steward wallet:\n");
  console.log(governance.join("\n"));
}

if (outFile) {
  const vm = existsSync(join(ROOT, "BENCHMARKS.md"));
  const md = [
    "# Gas on a real chain",
    "",
    "Measured by `scripts/e2e.sh`: the end-to-end tests run on a single-node wasmd v0.61.14",
    "localnet (`scripts/localnet.sh`), every transaction signed by the member who makes it, and",
    "each transaction's `gas_used` is read from the chain's tx result. This is the whole",
    "transaction as the chain bills it: ante handler, signature check, the 60,000-gas contract",
    "instance load per contract touched, storage reads and writes, and the contracts' own",
    "execution. Fees are `gas_wanted × 0.0025stake`, with `gas_wanted` simulated × 1.4",
    "(CosmJS `\"auto\"`). Artifacts are those of `scripts/build-wasm.sh` (wasm-opt -Os, lowered).",
    "The table is regenerated by each run of `scripts/e2e.sh`.",
    "",
    vm
      ? "The VM estimates in [BENCHMARKS.md](BENCHMARKS.md) count a contract's own gas (the VM's metering and the storage costs charged the way wasmd charges them), without the transaction's fixed costs (ante handler, signature, instance loads) that this table includes."
      : "",
    "",
    "| transaction | txs | min | mean | max | what it does |",
    "|---|---:|---:|---:|---:|---|",
    ...table.map((t) => `| ${t.kind} | ${t.n} | ${fmt(t.min)} | ${fmt(t.mean)} | ${fmt(t.max)} | ${t.note} |`),
    "",
    "Rows marked *(fails)* are the failure-path transactions of the tests: sent with a fixed",
    "fee, included in a block, and reverted with the contract's error; their gas is what was",
    "used up to the error. A plain bank send costs about 71,000 on this node; a cw20-base",
    "transfer about 130,000 (TOOLCHAIN.md).",
    "",
    ...(governance.length
      ? [
          "## A steward action by the members",
          "",
          "The seed's need weighting (childcare ×2, garden ×0.5) set on a holon governed by one",
          "steward wallet (`set_policy`, 03-alpha-need) and on the default holon, governed by its",
          "members' cw3-flex-multisig (07-governance): Alex proposes, Riley votes no, Jordan and",
          "Casey vote yes (3 of 5 passes the 0.51 threshold), a stranger executes. A vote costs",
          "more than the proposal: it asks the group for the voter's weight at the proposal's",
          "height, a smart query that loads the group's instance, where the proposal reads the",
          "group's storage raw; the execution runs the multisig and then the distributor.",
          "",
          ...governance,
          "",
        ]
      : []),
  ]
    .filter((l, i, a) => !(l === "" && a[i - 1] === ""))
    .join("\n");
  writeFileSync(outFile, md);
  console.log(`\nwrote ${relative(process.cwd(), outFile) || outFile}`);
}
