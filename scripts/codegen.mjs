#!/usr/bin/env node
// Generates the TypeScript client of the five contracts, packages/flow-client/src/, from the
// committed JSON schemas in schema/<contract>/ with @cosmwasm/ts-codegen 1.11.1 (its AST
// package pinned to 1.8.1 through npm overrides in scripts/package.json): for each contract
// `<Name>.types.ts`, `<Name>.client.ts` (a query client and a signing client over
// @cosmjs/cosmwasm-stargate) and `<Name>.message-composer.ts` (MsgExecuteContract
// encoders), plus `index.ts` that bundles them; and `fees.ts`, the fees paid by the holon
// (`holonFee`, `payFeesWithHolon`: x/feegrant's `fee.granter` from a deployment's
// `fee_granter`), copied from packages/flow-client/helpers/fees.ts and exported by index.ts.
//
//   node scripts/codegen.mjs            regenerate packages/flow-client/src
//   node scripts/codegen.mjs --check    regenerate into a temporary directory and fail if
//                                       the committed files differ (run by CI)
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, mkdirSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "packages/flow-client/src");
// Helpers written by hand, outside src/, that the generated client carries.
const HELPERS = [{ from: "packages/flow-client/helpers/fees.ts", to: "fees.ts" }];
const check = process.argv.includes("--check");
if (process.argv.slice(2).some((a) => a !== "--check")) {
  console.error("usage: node scripts/codegen.mjs [--check]");
  process.exit(2);
}

// schema/<dir>/ -> the contract's name in the generated files.
const CONTRACTS = [
  { name: "NeedRegistry", dir: "need-registry" },
  { name: "Attestation", dir: "attestation" },
  { name: "Distributor", dir: "distributor" },
  { name: "FlowToken", dir: "flow-token" },
  { name: "Commons", dir: "commons" },
];

const options = {
  bundle: { enabled: true, bundleFile: "index.ts", scope: "contracts" },
  types: { enabled: true },
  client: { enabled: true },
  messageComposer: { enabled: true },
  reactQuery: { enabled: false },
  recoil: { enabled: false },
  messageBuilder: { enabled: false },
  useContractsHook: { enabled: false },
};

// ts-codegen logs every file it writes; keep our output to a summary.
async function generate(target) {
  // A CommonJS module: its `default` export is the module object, whose own `default` is
  // the codegen function.
  const mod = (await import("@cosmwasm/ts-codegen")).default;
  const codegen = typeof mod === "function" ? mod : mod.default;
  const log = console.log;
  console.log = () => {};
  try {
    await codegen({
      contracts: CONTRACTS.map((c) => ({ name: c.name, dir: join(root, "schema", c.dir) })),
      outPath: target,
      options,
    });
  } finally {
    console.log = log;
  }
  const exports = [];
  for (const h of HELPERS) {
    const text = readFileSync(join(root, h.from), "utf8");
    const header = `/**\n* This file was copied by scripts/codegen.mjs from ${h.from}.\n* DO NOT MODIFY IT BY HAND. Instead, modify that file and run node scripts/codegen.mjs.\n*/\n\n`;
    writeFileSync(join(target, h.to), header + text);
    exports.push(`export * from "./${h.to.replace(/\.ts$/, "")}";`);
  }
  const index = join(target, "index.ts");
  writeFileSync(index, `${readFileSync(index, "utf8").trimEnd()}\n${exports.join("\n")}\n`);
}

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [p.slice(base.length + 1)];
  }).sort();
}

for (const c of CONTRACTS) {
  if (!existsSync(join(root, "schema", c.dir, `${c.dir}.json`))) {
    console.error(`codegen: no schema/${c.dir}/${c.dir}.json (run scripts/schema.sh)`);
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(tmpdir(), "flow-client-"));
try {
  await generate(tmp);
  const generated = listFiles(tmp);
  if (check) {
    const committed = listFiles(outDir);
    const problems = [];
    for (const f of generated) {
      if (!committed.includes(f)) problems.push(`missing: packages/flow-client/src/${f}`);
      else if (readFileSync(join(tmp, f), "utf8") !== readFileSync(join(outDir, f), "utf8"))
        problems.push(`differs: packages/flow-client/src/${f}`);
    }
    for (const f of committed) {
      if (!generated.includes(f)) problems.push(`not generated (stale): packages/flow-client/src/${f}`);
    }
    if (problems.length) {
      console.error(problems.join("\n"));
      console.error("codegen: packages/flow-client/src is out of date with schema/: run node scripts/codegen.mjs");
      process.exit(1);
    }
    console.log(`codegen: packages/flow-client/src is up to date (${generated.length} files from schema/)`);
  } else {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    cpSync(tmp, outDir, { recursive: true });
    console.log(`codegen: wrote ${generated.length} files to packages/flow-client/src:`);
    for (const f of generated) console.log(`  ${f}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
