// `flow simulate FILE --node URL`: the simulator's chain backend (Rust: cosmrs +
// tendermint-rpc) replays scenario files on this localnet — the artifacts stored or reused,
// the holons deployed (a holon governed by its members with its cw3-flex-multisig, in the
// suite's order), every member signing with a key of their own (proposals and votes too),
// the scenario's month compressed onto short cycles of the chain — and prints the same
// --json as the embedded chain. Its refusals read as the embedded chain's do: the contract's own message, with the
// scenario's file, line and field. With `[fees]` the holon pays its members' gas (x/feegrant):
// members of a funding key never seen by the chain act without ever holding a coin, and the
// granter pays exactly their fees.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { stringToPath } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, StargateClient } from "@cosmjs/stargate";

import { LOCALNET, ROOT, readAccounts, walletFromAccount } from "../accounts.mjs";

const FLOW = process.env.FLOW_BIN || join(ROOT, "target/debug/flow");

/** The environment and the extra arguments of a flow run. */
function flowArgs(args) {
  const env = { ...process.env };
  delete env.FLOW_NODE;
  delete env.FLOW_MNEMONIC;
  const node = args.includes("--node");
  const extra = [
    ...(process.env.CW4_GROUP_WASM && node ? ["--cw4-group", process.env.CW4_GROUP_WASM] : []),
    ...(process.env.CW3_FLEX_MULTISIG_WASM && node ? ["--cw3-flex-multisig", process.env.CW3_FLEX_MULTISIG_WASM] : []),
  ];
  return { env, all: [...args, ...extra] };
}

/** Runs the flow CLI from the repository's root; its status, stdout and stderr. */
function flow(args) {
  const { env, all } = flowArgs(args);
  const r = spawnSync(FLOW, all, { cwd: ROOT, env, encoding: "utf8", timeout: 900_000 });
  if (r.error) throw r.error;
  return r;
}

/** The same, without blocking: two replays can share the chain (each with its own keys). */
function flowAsync(args) {
  const { env, all } = flowArgs(args);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(FLOW, all, { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 900_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** A file holding the mnemonic of the localnet account `name`: a funding key of its own. */
function mnemonicFileOf(name) {
  const account = readAccounts(LOCALNET.accounts)[name];
  assert.ok(account?.mnemonic, `no mnemonic for ${name} in ${LOCALNET.accounts}`);
  const file = join(mkdtempSync(join(tmpdir(), "cw-flow-key-")), `${name}.mnemonic`);
  writeFileSync(file, account.mnemonic, { mode: 0o600 });
  return file;
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

/** `sameReport`, the node's replay not blocking (`more`: e.g. another funding key). */
async function sameReportAsync(file, ...more) {
  const e = embedded(file);
  assert.equal(e.status, 0, e.stderr);
  const n = await flowAsync(["simulate", file, "--json", "--node", LOCALNET.node, ...more]);
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

// These replays wait for their cycles to end most of the time: they run side by side,
// the others each with a funding key (and so member keys) of its own (about 290 s together
// when measured; the runner's limit, scripts/e2e.sh's --test-timeout, is 600 s).
describe("side by side on the node", { concurrency: 3 }, () => {
  test("two holons on the node: acceptance, exchange and settlement as on the embedded chain", async () => {
    await sameReportAsync("tests/scenarios/two-holons.toml");
  });

  test("a holon governed by its members on the node: Alex proposes the need weighting, the members vote with their own keys, it is executed, and the next month pays the WEIGHTING.md need numbers", async () => {
    const report = await sameReportAsync(
      "tests/scenarios/holon-alpha-governed.toml",
      "--mnemonic-file",
      mnemonicFileOf("steward-beta"),
    );
    assert.deepEqual(report.governance, { members: { threshold: "0.51", quorum: "0.5", voting_period_seconds: 604800 } });
    const [p] = report.proposals;
    assert.equal(p.title, "Weighting policy");
    assert.equal(p.summary, "from cycle 2: childcare ×2, garden ×0.5");
    assert.deepEqual(p.votes.map((v) => [v.member, v.vote, v.weight]), [
      ["alex", "yes", "1"],
      ["jordan", "yes", "1"],
      ["casey", "yes", "1"],
      ["riley", "no", "1"],
    ]);
    assert.deepEqual([p.yes, p.no, p.total_weight, p.status, p.executed], ["3", "1", "5", "passed", true]);
    assert.equal(p.changes, "from cycle 2: model need, childcare ×2, garden ×0.5");
    const amounts = (c) => Object.fromEntries(c.payouts.map((x) => [x.member, x.amount]));
    assert.equal(report.cycles[0].model, "time");
    assert.deepEqual(amounts(report.cycles[0]), {
      alex: "625000000",
      jordan: "1562500000",
      casey: "312500000",
      riley: "2343750000",
      sam: "156250000",
    });
    assert.equal(report.cycles[1].model, "need");
    assert.deepEqual(amounts(report.cycles[1]), {
      alex: "476190476",
      jordan: "595238095",
      casey: "238095238",
      riley: "3571428571",
      sam: "119047619",
    });
    assert.equal(report.cycles[1].dust, "1");
    assert.equal(report.total_supply, "9999999999");
  });

  // The commons scenario with Casey's day on a second resource: a window's length is not
  // compressed on a node (the contract counts whole days), so two bookings of one resource
  // whose compressed starts are closer than a day would overlap there. Casey cancels 5 days
  // ahead of a 10-day notice (half back), which the compressed clock keeps well apart.
  test("the commons on the node: a booking released to the pool at its start, a late cancellation, escrows confirmed, disputed and resolved, or released after the window, as on the embedded chain", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-flow-"));
    const file = join(dir, "commons-on-node.toml");
    const src = readFileSync(join(ROOT, "tests/scenarios/holon-alpha-commons.toml"), "utf8");
    const casey = '[[bookings]]\nmember = "casey"\nlisting = "tools"';
    assert.ok(src.includes(casey));
    const gardenTools =
      '[[listings]]\nid = "garden-tools"\nkind = "resource"\ntitle = "Garden tools"\ncategory = "tools"\n' +
      'unit = "day"\nprice = "20000000"\nfull_refund_notice_days = 10\nlate_refund_percent = "0.5"\n\n' +
      '[[bookings]]\nmember = "casey"\nlisting = "garden-tools"';
    writeFileSync(file, src.replace(casey, gardenTools).replace("cancel_day = 19", "cancel_day = 15"));
    const report = await sameReportAsync(file, "--mnemonic-file", mnemonicFileOf("ben"));
    // What went back to the pool (Riley's 40 AFLOW of tools, half of Casey's late
    // cancellation) is exactly cycle 2's budget.
    assert.equal(report.cycles[1].budget, "50000000");
    assert.deepEqual(report.commons.totals, { held: "0", to_pool: "50000000", to_providers: "55000000", refunded: "15000000" });
    assert.deepEqual(
      report.commons.spends.map((x) => [x.member, x.listing, x.status, x.to_pool, x.to_provider, x.refunded, x.budget_cycle]),
      [
        ["riley", "tools", "released", "40000000", "0", "0", 2],
        ["casey", "garden-tools", "cancelled", "10000000", "0", "10000000", 2],
        ["riley", "childcare", "released", "0", "30000000", "0", null],
        ["jordan", "childcare", "resolved", "0", "10000000", "5000000", null],
        ["sam", "childcare", "released", "0", "15000000", "0", null],
      ],
    );
    assert.equal(report.balances.alex, "680000000");
  });
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

/** A transaction's fee as its `tx` event says: {amount, denom, payer}. */
function feeOf(tx) {
  const e = tx.events.find((e) => e.type === "tx" && e.attributes.some((a) => a.key === "fee"));
  assert.ok(e, `no fee in tx ${tx.hash}`);
  const get = (k) => e.attributes.find((a) => a.key === k)?.value;
  const m = /^(\d+)([a-zA-Z][\w/:.-]*)$/.exec(get("fee"));
  return { amount: BigInt(m[1]), denom: m[2], payer: get("fee_payer") };
}

const attrOf = (tx, type, key) =>
  tx.events.filter((e) => e.type === type).flatMap((e) => e.attributes.filter((a) => a.key === key).map((a) => a.value));

test("fees paid by the holon on the node: members who never held a coin live the seed's month, their balances stay 0, the granter pays exactly their fees", async (t) => {
  // A funding key of its own, never seen by the chain: its accounts 1-5 (the members) have
  // never held a coin. The steward gives it the month's coins and treasury funds.
  const fresh = await DirectSecp256k1HdWallet.generate(12, { prefix: LOCALNET.prefix });
  const [{ address: funding }] = await fresh.getAccounts();
  const steward = readAccounts(LOCALNET.accounts).steward;
  const stewardClient = await SigningCosmWasmClient.connectWithSigner(LOCALNET.node, await walletFromAccount(steward), {
    gasPrice: GasPrice.fromString(LOCALNET.gasPrices),
  });
  const chain = await StargateClient.connect(LOCALNET.node);
  try {
    await stewardClient.sendTokens(steward.address, funding, [{ denom: "stake", amount: "20000000" }, { denom: "ucredit", amount: "6000000000" }], "auto");
    const keyFile = join(mkdtempSync(join(tmpdir(), "cw-flow-key-")), "fresh.mnemonic");
    writeFileSync(keyFile, fresh.mnemonic, { mode: 0o600 });
    const members = ["alex", "jordan", "casey", "riley", "sam"];
    // Accounts 1-5 of the mnemonic: the scenario's members, in the file's order.
    const hd = await DirectSecp256k1HdWallet.fromMnemonic(fresh.mnemonic, {
      prefix: LOCALNET.prefix,
      hdPaths: members.map((_, i) => stringToPath(`m/44'/118'/0'/0/${i + 1}`)),
    });
    const memberAddrs = (await hd.getAccounts()).map((a) => a.address);
    for (const a of memberAddrs) assert.equal(await chain.getAccount(a), null, `${a} is new to the chain`);

    const dir = mkdtempSync(join(tmpdir(), "cw-flow-"));
    const file = join(dir, "holon-alpha-fees.toml");
    const src = readFileSync(join(ROOT, "tests/scenarios/holon-alpha.toml"), "utf8");
    writeFileSync(file, `${src}\n[fees]\ngranter = "gas"\n`);
    const e = embedded(file);
    assert.equal(e.status, 0, e.stderr);
    const n = await flowAsync(["simulate", file, "--json", "--node", LOCALNET.node, "--mnemonic-file", keyFile]);
    assert.equal(n.status, 0, n.stderr);
    // The same month, the same payouts, as on the embedded chain (which charges no fees).
    assert.deepEqual(JSON.parse(n.stdout), JSON.parse(e.stdout));

    const granted = /node: Holon Alpha: fees paid by the holon \(granter (wasm1\w+)\): 5 members may each spend 23000stake per (\d+) s on contract calls, until \S+/.exec(n.stderr);
    assert.ok(granted, n.stderr);
    const granter = granted[1];
    const paid = /node: Holon Alpha: fees paid by the holon \(granter (wasm1\w+)\): (\d+) members' transactions, (\d+)stake in fees, and (\d+)stake for the grant/.exec(n.stderr);
    assert.ok(paid, n.stderr);
    assert.equal(paid[1], granter);
    for (const line of n.stderr.split("\n").filter((l) => l.includes("fees paid by the holon"))) t.diagnostic(line);

    // The members: accounts now (the grant created them; they signed), still without a coin.
    for (const [i, a] of memberAddrs.entries()) {
      assert.deepEqual(await chain.getAllBalances(a), [], `${members[i]}'s balance stays empty`);
      assert.ok((await chain.getAccount(a)).sequence > 0, `${members[i]} signed transactions`);
    }

    // Every fee the granter paid: the grant (which it signs) and the members' transactions,
    // each through the members' allowance (use_feegrant).
    const byGranter = await chain.searchTx(`tx.fee_payer='${granter}'`);
    const grants = byGranter.filter((t) => attrOf(t, "message", "action").includes("/cosmos.feegrant.v1beta1.MsgGrantAllowance"));
    const theirs = byGranter.filter((t) => !grants.includes(t));
    assert.equal(grants.length, 1, "one grant transaction");
    assert.equal(attrOf(grants[0], "set_feegrant", "grantee").sort().join(), [...memberAddrs].sort().join(), "each member granted");
    for (const t of theirs) {
      assert.equal(t.code, 0);
      assert.deepEqual(attrOf(t, "use_feegrant", "granter"), [granter]);
      const [grantee] = attrOf(t, "use_feegrant", "grantee");
      assert.ok(memberAddrs.includes(grantee), `${t.hash}: the grantee ${grantee} is a member`);
      assert.equal(attrOf(t, "message", "action")[0], "/cosmwasm.wasm.v1.MsgExecuteContract");
    }
    const sum = (txs) => txs.reduce((s, t) => s + feeOf(t).amount, 0n);
    assert.equal(theirs.length, Number(paid[2]), "the members' transactions the CLI counted");
    assert.equal(sum(theirs), BigInt(paid[3]), "the members' fees the CLI counted");
    assert.equal(sum(grants), BigInt(paid[4]), "the grant's fee");
    // Five attestations, five co-signs, five claims, at least.
    assert.ok(theirs.length >= 15, `${theirs.length} members' transactions`);
    // The granter (a key of its own) got its coins from the funding key only; it has them
    // less exactly the fees it paid.
    const received = (await chain.searchTx(`transfer.recipient='${granter}'`))
      .flatMap((t) => t.events.filter((e) => e.type === "transfer"))
      .filter((e) => e.attributes.some((a) => a.key === "recipient" && a.value === granter))
      .map((e) => /^(\d+)stake$/.exec(e.attributes.find((a) => a.key === "amount").value))
      .reduce((s, m) => s + BigInt(m[1]), 0n);
    const balance = BigInt((await chain.getBalance(granter, "stake")).amount);
    assert.equal(balance, received - sum(byGranter), "the granter's balance fell by exactly the fees");
  } finally {
    stewardClient.disconnect();
    chain.disconnect();
  }
});
