// `deploy.mjs --upgrade`: what it refuses before signing anything, and what the chain refuses
// on its own (each contract's migrate: flow_types::migrate::ensure_upgrade). A holon of its
// own (Holon Alpha with the steward's wallet as governance). Not here yet: a real upgrade to
// a build with a bumped version (the end-to-end story), left for a later session.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { toUtf8 } from "@cosmjs/encoding";

import { ROOT, UpgradeError, crateVersion, upgrade } from "../deploy.mjs";
import { FAILING_TX_FEE, actor, deployment, disconnectAll } from "./lib.mjs";

let holon;
const SLUG = "holon-alpha-upgrade";
const VERSION = crateVersion("contracts/need-registry").version;

before(async () => {
  holon = await deployment(SLUG, "scripts/holons/holon-alpha-steward.toml", { fresh: true });
});
after(disconnectAll);

const file = () => join(ROOT, "deployments", holon.chain_id, `${SLUG}.json`);

test("a holon already on this checkout's code: --upgrade migrates nothing", async () => {
  const r = await upgrade(file(), { key: "steward", log: () => {} });
  assert.deepEqual(r.migrations, []);
  assert.deepEqual(r.deployment.code_ids, holon.code_ids);
});

test("--upgrade signed by someone other than the holon's governance is refused", async () => {
  await assert.rejects(upgrade(file(), { key: "alex", log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError);
    assert.equal(
      e.message,
      `Holon Alpha is governed by ${holon.governance}: sign the upgrade with its key (--key, --mnemonic-file), not ${holon.members.find((m) => m.name === "alex").address}'s`,
    );
    return true;
  });
});

test("other code at the same version is refused before anything is signed (bump the version)", async () => {
  // An artifacts directory whose need_registry.wasm is the attestation contract's wasm.
  const dir = mkdtempSync(join(tmpdir(), "cw-flow-upgrade-"));
  for (const f of ["need_registry", "attestation", "distributor", "flow_token"])
    copyFileSync(join(ROOT, "artifacts", `${f === "need_registry" ? "attestation" : f}.wasm`), join(dir, `${f}.wasm`));
  const steward = await actor("steward");
  const seq = await steward.client.getSequence(steward.address);
  await assert.rejects(upgrade(file(), { key: "steward", artifacts: dir, log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError, e.stack);
    assert.equal(
      e.message,
      "Holon Alpha is not upgraded:\n" +
        `  registry ${holon.addresses.registry} is crates.io:need-registry ${VERSION} on chain and this checkout's is ${VERSION}: ` +
        "the same version with other code (bump the version in contracts/need-registry/Cargo.toml)",
    );
    return true;
  });
  assert.deepEqual(await steward.client.getSequence(steward.address), seq, "nothing signed");
});

test("on chain: a migration by a non-admin fails, and so does a migration to another contract", async () => {
  const stranger = await actor("stranger");
  const steward = await actor("steward");
  const migrate = (who, codeId) =>
    who.client.signAndBroadcast(
      who.address,
      [
        {
          typeUrl: "/cosmwasm.wasm.v1.MsgMigrateContract",
          value: { sender: who.address, contract: holon.addresses.registry, codeId: BigInt(codeId), msg: toUtf8("{}") },
        },
      ],
      FAILING_TX_FEE,
    );
  const byStranger = await migrate(stranger, holon.code_ids.need_registry);
  assert.notEqual(byStranger.code, 0);
  assert.match(byStranger.rawLog, /unauthorized/);
  const toAttestation = await migrate(steward, holon.code_ids.attestation);
  assert.notEqual(toAttestation.code, 0);
  assert.match(toAttestation.rawLog, /cannot migrate from contract "crates.io:need-registry" to "crates.io:attestation"/);
  const same = await migrate(steward, holon.code_ids.need_registry);
  assert.notEqual(same.code, 0);
  assert.match(same.rawLog, new RegExp(`cannot migrate from version ${VERSION} to older or equal version ${VERSION}`));
  assert.equal((await steward.client.getContract(holon.addresses.registry)).codeId, holon.code_ids.need_registry);
});
