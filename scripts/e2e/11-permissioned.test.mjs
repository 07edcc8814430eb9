// A chain where only governance stores code: a localnet of its own (scripts/localnet.sh with
// LOCALNET_UPLOAD_ACCESS=steward: genesis code_upload_access AnyOfAddresses [steward]; its own
// home, chain id and ports, so the suite's shared chain is left alone), started and stopped
// here. The steward, the one address allowed to store code, stores the codes as governance
// would; the deployer (funder), who may not, deploys Holon Alpha (governed by its members: all
// six codes) with --code-ids and --salt, and the holon runs a month with the seed's numbers.
// Without --code-ids the deployer says what to ask governance for (files, checksums, the
// instantiate permissions and for whom); a wrong code id is a checksum mismatch; codes whose
// instantiate permission leaves out the deployer or the distributor's predicted address are
// explained, and once the steward sets them so, the deploy uses them. With --reuse-stored-codes
// the deployer finds the stored codes by checksum instead. Nothing is signed by a deploy that
// refuses.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const free = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

// The restricted chain's environment, set before lib.mjs / deploy.mjs read it (at import).
const ROOT_DIR = join(import.meta.dirname, "..", "..");
const cache = process.env.CW_FLOW_CACHE || join(process.env.XDG_CACHE_HOME || join(process.env.HOME, ".cache"), "cw-flow");
const env = {
  LOCALNET_HOME: join(cache, "localnet-e2e-permissioned"),
  LOCALNET_CHAIN_ID: "cw-flow-e2e-permissioned",
  LOCALNET_RPC_PORT: String(await free()),
  LOCALNET_P2P_PORT: String(await free()),
  LOCALNET_GRPC_PORT: String(await free()),
  LOCALNET_UPLOAD_ACCESS: "steward",
};
Object.assign(process.env, env);
delete process.env.E2E_GAS_LOG; // another chain's transactions stay out of the suite's gas table
const localnet = (...args) => {
  const r = spawnSync("bash", [join(ROOT_DIR, "scripts/localnet.sh"), ...args], { env: process.env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`localnet.sh ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};
const started = localnet("start", "--fresh");
// A fresh chain: an earlier run's deployment files (and codes.json) are stale.
rmSync(join(ROOT_DIR, "deployments", env.LOCALNET_CHAIN_ID), { recursive: true, force: true });

const { toUtf8 } = await import("@cosmjs/encoding");
const { MsgUpdateInstantiateConfig } = await import("cosmjs-types/cosmwasm/wasm/v1/tx");
const {
  LOCALNET, ROOT, PermissionError, codeInfo, deploy, loadHolonFile, predictAddress, wasmParams,
} = await import("../deploy.mjs");
const { actor, address, disconnectAll, monthPaysTime, seedMonth } = await import("./lib.mjs");

const CHAIN = env.LOCALNET_CHAIN_ID;
const SALT = "permissioned-1";
const HOLON_FILE = join(ROOT, "scripts/holons/holon-alpha.toml");
const holon = loadHolonFile(HOLON_FILE);
const FILES = {
  flow_token: "artifacts/flow_token.wasm",
  need_registry: "artifacts/need_registry.wasm",
  attestation: "artifacts/attestation.wasm",
  distributor: "artifacts/distributor.wasm",
  commons: "artifacts/commons.wasm",
  cw4_group: process.env.CW4_GROUP_WASM || "artifacts/reference/cw4_group.wasm",
  cw3_flex_multisig: process.env.CW3_FLEX_MULTISIG_WASM || "artifacts/reference/cw3_flex_multisig.wasm",
};
const { createHash } = await import("node:crypto");
const SUMS = Object.fromEntries(
  Object.entries(FILES).map(([k, f]) => [k, createHash("sha256").update(readFileSync(resolve(ROOT, f))).digest("hex")]),
);
const EVERYBODY = { permission: 3, address: "", addresses: [] };
const only = (...addrs) => ({ permission: 4, address: "", addresses: addrs });

let steward;
let funder;
let distributorAt;
const ids = {}; // the codes the steward stored, instantiable by everybody
const everybody = {}; // the same, kept as stored (ids takes the restricted copies later)
let restricted = {}; // copies whose instantiate permission is the steward's only

/** The deployer (funder, who may not store code) deploys Holon Alpha with these options. */
const deployAsFunder = (opts = {}) =>
  deploy(holon, {
    holonFile: HOLON_FILE,
    key: "funder",
    slug: "holon-alpha-permissioned",
    salt: SALT,
    log: () => {},
    ...opts,
  });
const asIds = (o) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(",");

/** A deploy that must refuse with PermissionError, signing nothing; its message. */
async function refused(opts) {
  const before = await funder.client.getSequence(funder.address).catch(() => null);
  let error;
  try {
    await deployAsFunder(opts);
  } catch (e) {
    error = e;
  }
  assert.ok(error, "the deploy should have refused");
  assert.ok(error instanceof PermissionError, `a PermissionError, not: ${error.stack}`);
  const afterSeq = await funder.client.getSequence(funder.address).catch(() => null);
  assert.deepEqual(afterSeq, before, "the refusing deploy signed nothing");
  return error.message;
}

before(async () => {
  assert.match(started, /code upload access: \{"permission":"AnyOfAddresses"/);
  steward = await actor("steward");
  funder = await actor("funder");
  steward.client.registry.register("/cosmwasm.wasm.v1.MsgUpdateInstantiateConfig", MsgUpdateInstantiateConfig);
  distributorAt = predictAddress(SUMS.distributor, funder.address, toUtf8(SALT), "wasm");
});
after(() => {
  disconnectAll();
  localnet("stop");
  // The chain is gone with its home's next --fresh: so is its deployment file.
  rmSync(join(ROOT_DIR, "deployments", env.LOCALNET_CHAIN_ID), { recursive: true, force: true });
});

test("the chain's genesis lets only the steward store code", async () => {
  const params = await wasmParams(steward.client);
  assert.deepEqual(params.upload, { permission: "AnyOfAddresses", addresses: [address("steward")] });
  assert.equal(params.instantiateDefault, "Everybody");
  assert.equal(LOCALNET.chainId, CHAIN);
});

test("without --code-ids, a deployer who may not store code says what to ask governance for", async () => {
  const msg = await refused({});
  assert.ok(
    msg.startsWith(
      `${funder.address} may not store code on ${CHAIN}: the chain's code_upload_access is AnyOfAddresses ` +
        `[${address("steward")}] (only ${address("steward")} may store code), so its governance stores code.\n` +
        "Ask governance for a store-code proposal (MsgStoreCode, one per file) of:\n",
    ),
    msg,
  );
  for (const key of Object.keys(FILES)) {
    const who = ["flow_token", "attestation"].includes(key)
      ? `AnyOfAddresses [${distributorAt}] (the holon's distributor, which creates the ${key === "flow_token" ? "token" : "attestation contract"})`
      : `AnyOfAddresses [${funder.address}] (the deployer)`;
    const size = readFileSync(resolve(ROOT, FILES[key])).length;
    assert.ok(
      msg.includes(`  ${key}: ${FILES[key]}\n      sha256 ${SUMS[key]}, ${size} bytes\n      instantiate permission: ${who}\n`),
      `${key} in: ${msg}`,
    );
  }
  assert.ok(
    msg.includes(
      "--code-ids cw4_group=N,cw3_flex_multisig=N,need_registry=N,attestation=N,distributor=N,flow_token=N,commons=N " +
        `--salt ${SALT}\n(the salt puts the distributor at ${distributorAt};`,
    ),
    msg,
  );
});

test("the steward (the one allowed) stores the seven codes, and copies only it may instantiate", async () => {
  for (const [key, file] of Object.entries(FILES)) {
    const res = await steward.client.upload(steward.address, readFileSync(resolve(ROOT, file)), "auto", `governance: ${key}`, EVERYBODY);
    ids[key] = res.codeId;
    assert.equal(res.checksum, SUMS[key]);
  }
  Object.assign(everybody, ids);
  for (const key of ["flow_token", "need_registry"]) {
    const res = await steward.client.upload(steward.address, readFileSync(resolve(ROOT, FILES[key])), "auto", `governance: ${key}, restricted`, only(steward.address));
    restricted[key] = res.codeId;
  }
  const info = await codeInfo(steward.client, restricted.flow_token);
  assert.deepEqual(info.instantiate, { permission: "AnyOfAddresses", addresses: [steward.address] });
  assert.equal(info.checksum, SUMS.flow_token);
  // The deployer's own upload is the chain's refusal (what the deploy reads beforehand).
  await assert.rejects(
    funder.client.upload(funder.address, readFileSync(resolve(ROOT, FILES.cw4_group)), "auto"),
    /unauthorized/i,
  );
});

test("a wrong code id: the deploy names the contract and both checksums", async () => {
  const msg = await refused({ codeIds: asIds({ ...ids, distributor: ids.flow_token }) });
  assert.equal(
    msg,
    "the codes given with --code-ids are not this repository's contracts:\n" +
      `  distributor: code ${ids.flow_token} on ${CHAIN} has checksum ${SUMS.flow_token}, but artifacts/distributor.wasm has ${SUMS.distributor}\n` +
      "(a code's checksum is the sha256 of its wasm: `wasmd query wasm code-info ID`; this repository's are in artifacts/checksums.txt)",
  );
  const missing = await refused({ codeIds: asIds({ ...ids, attestation: 9999 }) });
  assert.match(missing, new RegExp(`  attestation: ${CHAIN} has no code 9999\n`));
});

test("codes the deployer or the distributor may not instantiate: the deploy says which, and for whom", async () => {
  const given = { ...ids, flow_token: restricted.flow_token, need_registry: restricted.need_registry };
  const msg = await refused({ codeIds: asIds(given) });
  const s = address("steward");
  assert.ok(msg.startsWith(`the codes on ${CHAIN} do not let this deploy instantiate the holon:\n`), msg);
  assert.ok(
    msg.includes(
      `  code ${restricted.need_registry} (need_registry): only ${s} may instantiate it (AnyOfAddresses [${s}]), but the deployer ${funder.address} instantiates it\n`,
    ),
    msg,
  );
  assert.ok(
    msg.includes(
      `  code ${restricted.flow_token} (flow_token): only ${s} may instantiate it (AnyOfAddresses [${s}]), but the holon's distributor contract, which will be at ${distributorAt}, instantiates the token\n`,
    ),
    msg,
  );
  assert.ok(msg.endsWith(`deploy again with --salt ${SALT}, which puts the distributor at ${distributorAt}.`), msg);

  // The steward (their creator) gives the token's code to the distributor's address and the
  // registry's to the deployer: what the message asked for.
  for (const [key, who] of [["flow_token", distributorAt], ["need_registry", funder.address]]) {
    const res = await steward.client.signAndBroadcast(
      steward.address,
      [
        {
          typeUrl: "/cosmwasm.wasm.v1.MsgUpdateInstantiateConfig",
          value: { sender: steward.address, codeId: BigInt(restricted[key]), newInstantiatePermission: only(who) },
        },
      ],
      2, // the simulation's gas times 2: "auto" (1.4) runs out writing the new permission
    );
    assert.equal(res.code, 0, `MsgUpdateInstantiateConfig of ${key}: ${res.rawLog}`);
    assert.deepEqual((await codeInfo(steward.client, restricted[key])).instantiate, { permission: "AnyOfAddresses", addresses: [who] });
  }
  ids.flow_token = restricted.flow_token;
  ids.need_registry = restricted.need_registry;
});

test("with --code-ids, the deployer who may not store code deploys the holon; it runs the seed's month", async () => {
  const d = await deployAsFunder({ codeIds: asIds(ids) });
  assert.deepEqual(d.code_ids, ids);
  assert.deepEqual(d.checksums, Object.fromEntries(Object.keys(ids).map((k) => [k, SUMS[k]])));
  assert.equal(d.addresses.distributor, distributorAt);
  assert.equal(d.salt, SALT);
  assert.equal(d.deployer, funder.address);
  assert.equal(d.governance_kind, "members");
  assert.deepEqual(Object.keys(d.txs).filter((t) => t.startsWith("store_")), [], "the deployer stored nothing");
  // The token was made by the distributor from the code only its address may instantiate.
  const token = await steward.client.getContract(d.addresses.token);
  assert.equal(token.codeId, restricted.flow_token);
  assert.equal(token.creator, distributorAt);

  const month = await seedMonth(d);
  const paid = await monthPaysTime(d, month, await actor("stranger"));
  assert.deepEqual(paid, [625_000_000n, 1_562_500_000n, 312_500_000n, 2_343_750_000n, 156_250_000n]);
});

test("with --reuse-stored-codes, the deployer finds governance's codes by checksum (no code ids to type): the newest each instantiator may use", async () => {
  // Another salt, so another distributor address: the token's copy that only the first
  // holon's distributor may instantiate does not fit, the registry's copy for the deployer does.
  const salt = "permissioned-2";
  const d = await deployAsFunder({ reuseStoredCodes: true, salt, slug: "holon-alpha-permissioned-2" });
  assert.deepEqual(d.code_ids, { ...everybody, need_registry: restricted.need_registry });
  assert.deepEqual(Object.keys(d.txs).filter((t) => t.startsWith("store_")), [], "the deployer stored nothing");
  assert.equal(d.addresses.distributor, predictAddress(SUMS.distributor, funder.address, toUtf8(salt), "wasm"));
  const token = await steward.client.getContract(d.addresses.token);
  assert.equal(token.codeId, everybody.flow_token);
  assert.equal(token.creator, d.addresses.distributor);
});
