#!/usr/bin/env node
// Verifies a deployed holon against this source: reads, for each of the holon's contracts, its
// code id and that code's checksum from the chain, and compares them with the artifacts this
// checkout builds (artifacts/checksums.txt, written by scripts/build-wasm.sh, whose builds are
// byte-identical across machines with the pinned toolchain: rust-toolchain.toml, binaryen in
// scripts/package-lock.json, the flags in artifacts/build-info.txt).
//
//   node scripts/verify.mjs DEPLOYMENT [--node URL] [--artifacts DIR] [--json]
//
// DEPLOYMENT: a deployment file (deployments/<chain-id>/<slug>.json), or a holon's slug on the
// localnet. The node is --node, else the deployment's `rpc`, else the localnet's.
//
// Per contract (group, registry, distributor, token, attestation, commons, and the governance when it
// is a contract) it prints the address, code id, the on-chain checksum and one verdict:
//   matches this source     the code is the artifact this checkout builds for that contract
//   DIFFERS                 one of cw-flow's contracts runs other code than this source
//                           builds (another version, another contract's code, or foreign code)
//   not one of ours         the cw-plus references (cw4-group, cw3-flex-multisig, built by
//                           build-wasm.sh from scripts/reference/): said whether they equal
//                           artifacts/reference/, never a failure
// and whether the chain still runs what the deployment file recorded. It prints the
// deployment's source_commit (when recorded) and whether it is this checkout's HEAD.
// Exit status: 0 when every cw-flow contract matches, 1 when any differs, 2 when it could not
// check (no deployment, no artifacts, the node unreachable, a contract not found).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";

import { LOCALNET, ROOT, loadDeployment } from "./accounts.mjs";

/** The holon's contracts: deployment address key, artifact (relative to artifacts/), ours? */
export const CONTRACTS = [
  { role: "group", artifact: "reference/cw4_group.wasm", ours: false, what: "cw-plus cw4-group 2.0" },
  { role: "registry", artifact: "need_registry.wasm", ours: true },
  { role: "distributor", artifact: "distributor.wasm", ours: true },
  { role: "token", artifact: "flow_token.wasm", ours: true },
  { role: "attestation", artifact: "attestation.wasm", ours: true },
  { role: "commons", artifact: "commons.wasm", ours: true },
];
const GOVERNANCE = { role: "governance", artifact: "reference/cw3_flex_multisig.wasm", ours: false, what: "cw-plus cw3-flex-multisig 2.0" };
/** The deployment file's `checksums` key of each artifact. */
const RECORDED_KEY = {
  "reference/cw4_group.wasm": "cw4_group",
  "reference/cw3_flex_multisig.wasm": "cw3_flex_multisig",
  "need_registry.wasm": "need_registry",
  "distributor.wasm": "distributor",
  "flow_token.wasm": "flow_token",
  "attestation.wasm": "attestation",
  "commons.wasm": "commons",
};

/** artifacts/checksums.txt (sha256sum format) as { "distributor.wasm": hex, ... }. */
export function readChecksums(dir) {
  const file = join(dir, "checksums.txt");
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the artifacts first (bash scripts/build-wasm.sh)`);
  const sums = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^([0-9a-f]{64}) [ *](.+)$/);
    if (m) sums[m[2]] = m[1];
  }
  return sums;
}

function git(...args) {
  try {
    return execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** What the deployment's source_commit says next to this checkout's HEAD. */
export function commitNote(sourceCommit, head = git("rev-parse", "HEAD")) {
  if (!sourceCommit) return "not recorded in the deployment file";
  const dirty = sourceCommit.endsWith("-dirty");
  const commit = dirty ? sourceCommit.slice(0, -"-dirty".length) : sourceCommit;
  const how = dirty ? " (deployed with uncommitted changes in contracts/ or packages/)" : "";
  if (!head) return `${sourceCommit}${how}; HEAD unknown (not a git checkout)`;
  if (commit === head) return `${sourceCommit}: this checkout's HEAD${how}`;
  return `${sourceCommit}: not this checkout's HEAD (${head.slice(0, 12)})${how}`;
}

/**
 * Checks the deployment `d` against the checksums `local` ({ artifact: hex }). Returns
 * { rows, failed } without printing; each row: role, address, code_id, checksum, verdict
 * ("match" | "differs" | "reference"), detail.
 */
export async function verify(d, { local, node }) {
  const client = await CosmWasmClient.connect(node);
  try {
    const chainId = await client.getChainId();
    if (d.chain_id && chainId !== d.chain_id)
      throw new Error(`the node at ${node} is chain ${chainId}, the deployment is on ${d.chain_id}`);
    const byChecksum = Object.fromEntries(Object.entries(local).map(([file, sum]) => [sum, file]));
    const targets = CONTRACTS.filter((c) => d.addresses?.[c.role]).map((c) => ({ ...c, address: d.addresses[c.role] }));
    const missing = CONTRACTS.filter((c) => !d.addresses?.[c.role]).map((c) => c.role);
    if (missing.length) throw new Error(`the deployment has no address for: ${missing.join(", ")}`);
    // The members' multisig is a contract; a governance wallet is not.
    if (d.governance && d.governance_kind === "members") targets.push({ ...GOVERNANCE, address: d.governance });

    const rows = [];
    for (const c of targets) {
      let contract;
      try {
        contract = await client.getContract(c.address);
      } catch (e) {
        throw new Error(`${c.role} ${c.address}: no such contract on ${chainId} (${e.message.split("\n")[0]})`);
      }
      const code = await client.getCodeDetails(contract.codeId);
      const checksum = code.checksum.toLowerCase();
      const expected = local[c.artifact];
      const recorded = d.checksums?.[RECORDED_KEY[c.artifact]];
      const notes = [];
      let verdict;
      if (c.ours) {
        if (!expected) throw new Error(`artifacts/checksums.txt has no ${c.artifact}: rebuild the artifacts`);
        if (checksum === expected) {
          verdict = "match";
        } else {
          verdict = "differs";
          const other = byChecksum[checksum];
          notes.push(
            other
              ? `it runs ${other} of this source, not ${c.artifact}`
              : `this source builds ${c.artifact} as ${expected.slice(0, 12)}…`,
          );
        }
      } else {
        verdict = "reference";
        notes.push(
          checksum === expected
            ? `${c.what}, the same code as artifacts/${c.artifact}`
            : `not artifacts/${c.artifact} (${expected ? expected.slice(0, 12) + "…" : "not built"})`,
        );
      }
      if (recorded) {
        notes.push(checksum === recorded ? "as the deployment file recorded" : `the deployment file recorded ${recorded.slice(0, 12)}… (migrated since?)`);
      }
      rows.push({ role: c.role, address: c.address, code_id: contract.codeId, checksum, verdict, detail: notes.join("; "), artifact: c.artifact, admin: contract.admin ?? null });
    }
    return { chainId, rows, failed: rows.some((r) => r.verdict === "differs") };
  } finally {
    client.disconnect();
  }
}

const VERDICT = { match: "matches this source", differs: "DIFFERS from this source", reference: "not one of ours" };

function usage() {
  return "usage: node scripts/verify.mjs DEPLOYMENT [--node URL] [--artifacts DIR] [--json]";
}

async function main(argv) {
  const opts = { artifacts: join(ROOT, "artifacts") };
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      console.log(usage());
      return 0;
    }
    if (a === "--json") opts.json = true;
    else if (a === "--node" || a === "--artifacts") {
      if (argv[i + 1] === undefined) throw new Error(`${a} needs a value`);
      opts[a.slice(2)] = argv[++i];
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n${usage()}`);
    else args.push(a);
  }
  if (args.length !== 1) throw new Error(usage());
  const d = loadDeployment(args[0]);
  const node = opts.node ?? d.rpc ?? LOCALNET.node;
  const artifacts = resolve(opts.artifacts);
  const local = readChecksums(artifacts);
  const { chainId, rows, failed } = await verify(d, { local, node });
  const commit = commitNote(d.source_commit ?? null);

  if (opts.json) {
    console.log(JSON.stringify({ holon: d.holon, chain_id: chainId, node, source_commit: d.source_commit ?? null, head: git("rev-parse", "HEAD"), contracts: rows, ok: !failed }, null, 2));
    return failed ? 1 : 0;
  }
  const buildInfo = join(artifacts, "build-info.txt");
  console.log(`holon ${d.holon ?? "?"} on ${chainId} (${node})`);
  console.log(`source commit: ${commit}`);
  console.log(`local build:   ${relative(process.cwd(), join(artifacts, "checksums.txt")) || "checksums.txt"}`);
  if (existsSync(buildInfo)) {
    for (const line of readFileSync(buildInfo, "utf8").trim().split("\n")) console.log(`               ${line}`);
  }
  console.log();
  for (const r of rows) {
    console.log(`${r.role.padEnd(12)} ${r.address}`);
    console.log(`${"".padEnd(12)} code ${r.code_id}, checksum ${r.checksum}`);
    console.log(`${"".padEnd(12)} ${VERDICT[r.verdict]}${r.detail ? `: ${r.detail}` : ""}`);
  }
  console.log();
  const ours = rows.filter((r) => r.verdict !== "reference");
  const bad = ours.filter((r) => r.verdict === "differs");
  if (bad.length) {
    console.log(`verify: ${bad.length} of ${ours.length} cw-flow contracts differ from this source: ${bad.map((r) => r.role).join(", ")}`);
    return 1;
  }
  console.log(`verify: all ${ours.length} cw-flow contracts match this source`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`verify: ${e.message}`);
      process.exit(2);
    },
  );
}
