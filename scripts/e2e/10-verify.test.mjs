// scripts/verify.mjs on the chain: Holon Alpha as scripts/e2e.sh deployed it (from artifacts/)
// matches this source contract by contract; a deployment whose token is a cw20-base (another
// code stored on the chain) and whose registry address runs the distributor's code is reported
// as differing, with the reason, and verify exits 1; a deployment on another chain, or a
// contract that is not on the chain, cannot be checked (exit 2).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ROOT } from "../deploy.mjs";
import { readChecksums } from "../verify.mjs";
import { actor, deployment, disconnectAll } from "./lib.mjs";

const VERIFY = join(ROOT, "scripts/verify.mjs");
const ARTIFACTS = join(ROOT, "artifacts");

let alpha;
let dir;
const local = readChecksums(ARTIFACTS);

/** Runs verify.mjs; returns its exit status and output. */
function verify(...args) {
  const r = spawnSync(process.execPath, [VERIFY, ...args], { encoding: "utf8", cwd: ROOT, env: process.env });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** A deployment file in the test's directory: Holon Alpha's with `changes` applied. */
function fake(name, changes) {
  const d = JSON.parse(JSON.stringify(alpha));
  delete d.file;
  changes(d);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(d, null, 2) + "\n");
  return file;
}

before(async () => {
  alpha = await deployment("holon-alpha", "scripts/holons/holon-alpha-steward.toml");
  alpha.file ??= join(ROOT, "deployments", alpha.chain_id, "holon-alpha.json");
  dir = mkdtempSync(join(tmpdir(), "cw-flow-verify-"));
});
after(() => {
  disconnectAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a holon deployed from this checkout's artifacts matches this source", () => {
  const { status, out, err } = verify(alpha.file, "--json");
  assert.equal(status, 0, `${out}\n${err}`);
  const report = JSON.parse(out);
  assert.equal(report.ok, true);
  assert.equal(report.chain_id, alpha.chain_id);
  assert.equal(report.source_commit, alpha.source_commit);
  const byRole = Object.fromEntries(report.contracts.map((c) => [c.role, c]));
  assert.deepEqual(Object.keys(byRole).sort(), ["attestation", "commons", "distributor", "group", "registry", "token"]);
  const expected = {
    registry: ["need_registry", "need_registry.wasm"],
    distributor: ["distributor", "distributor.wasm"],
    token: ["flow_token", "flow_token.wasm"],
    attestation: ["attestation", "attestation.wasm"],
    commons: ["commons", "commons.wasm"],
  };
  for (const [role, [key, file]] of Object.entries(expected)) {
    const c = byRole[role];
    assert.equal(c.address, alpha.addresses[role]);
    assert.equal(c.verdict, "match", `${role}: ${c.detail}`);
    assert.equal(c.code_id, alpha.code_ids[key]);
    assert.equal(c.checksum, local[file]);
    assert.equal(c.checksum, alpha.checksums[key]);
    assert.equal(c.detail, "as the deployment file recorded");
  }
  assert.equal(byRole.group.verdict, "reference");
  assert.equal(byRole.group.code_id, alpha.code_ids.cw4_group);
  assert.equal(byRole.group.checksum, local["reference/cw4_group.wasm"]);
  assert.equal(
    byRole.group.detail,
    "cw-plus cw4-group 2.0, the same code as artifacts/reference/cw4_group.wasm; as the deployment file recorded",
  );

  // The text a steward reads.
  const text = verify(alpha.file);
  assert.equal(text.status, 0, text.out + text.err);
  assert.match(text.out, new RegExp(`^source commit: ${alpha.source_commit}: `, "m"));
  assert.equal(text.out.match(/ matches this source/g).length, 5);
  assert.match(text.out, /^group {8}wasm1\S+\n {13}code \d+, checksum [0-9a-f]{64}\n {13}not one of ours: cw-plus cw4-group 2.0/m);
  assert.match(text.out, /^verify: all 5 cw-flow contracts match this source$/m);
});

test("a token of other code and a registry running the distributor's code differ: exit 1", async () => {
  // Another code on the chain: cw-plus cw20-base, stored and instantiated by the steward.
  const steward = await actor("steward");
  const wasm = readFileSync(join(ARTIFACTS, "reference/cw20_base.wasm"));
  const { codeId, checksum } = await steward.client.upload(steward.address, wasm, "auto", "verify test: cw20-base");
  assert.equal(checksum, local["reference/cw20_base.wasm"]);
  const { contractAddress: cw20 } = await steward.client.instantiate(
    steward.address,
    codeId,
    { name: "Not Flow", symbol: "NOTF", decimals: 6, initial_balances: [], mint: null, marketing: null },
    "verify test: not a flow-token",
    "auto",
  );
  const file = fake("impostor", (d) => {
    d.addresses.token = cw20;
    d.addresses.registry = alpha.addresses.distributor;
    delete d.source_commit;
  });

  const { status, out, err } = verify(file, "--json");
  assert.equal(status, 1, `${out}\n${err}`);
  const report = JSON.parse(out);
  assert.equal(report.ok, false);
  const byRole = Object.fromEntries(report.contracts.map((c) => [c.role, c]));
  assert.equal(byRole.token.verdict, "differs");
  assert.equal(byRole.token.code_id, codeId);
  assert.equal(byRole.token.checksum, checksum);
  // cw20-base is built here too, but as a reference: it is not the flow-token.
  assert.equal(
    byRole.token.detail,
    `it runs reference/cw20_base.wasm of this source, not flow_token.wasm; ` +
      `the deployment file recorded ${alpha.checksums.flow_token.slice(0, 12)}… (migrated since?)`,
  );
  assert.equal(byRole.registry.verdict, "differs");
  assert.equal(byRole.registry.code_id, alpha.code_ids.distributor);
  assert.match(byRole.registry.detail, /^it runs distributor\.wasm of this source, not need_registry\.wasm; /);
  for (const role of ["distributor", "attestation", "commons"]) assert.equal(byRole[role].verdict, "match");

  const text = verify(file);
  assert.equal(text.status, 1);
  assert.match(text.out, /^source commit: not recorded in the deployment file$/m);
  assert.match(text.out, /^token {8}wasm1\S+\n {13}code \d+, checksum [0-9a-f]{64}\n {13}DIFFERS from this source: it runs reference\/cw20_base\.wasm/m);
  assert.match(text.out, /^verify: 2 of 5 cw-flow contracts differ from this source: registry, token$/m);
});

test("a deployment whose contract is not on the chain, or on another chain, cannot be checked: exit 2", () => {
  const gone = fake("gone", (d) => {
    d.addresses.attestation = "wasm1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq4l0l6e";
  });
  const r = verify(gone);
  assert.equal(r.status, 2, r.out + r.err);
  assert.match(r.err, /^verify: attestation wasm1q+4l0l6e: no such contract on /m);

  const elsewhere = fake("elsewhere", (d) => {
    d.chain_id = "osmo-test-5";
  });
  const e = verify(elsewhere);
  assert.equal(e.status, 2, e.out + e.err);
  assert.match(e.err, new RegExp(`^verify: the node at \\S+ is chain ${alpha.chain_id}, the deployment is on osmo-test-5$`, "m"));
});
