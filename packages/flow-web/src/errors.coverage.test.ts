// Every error a contract can return has a plain-words rule: the `#[error("…")]` texts of the
// five contracts' `ContractError`s are read from their sources, filled with sample values,
// and each must be explained by a rule of errors.ts (not by the fallback "The chain refused
// this: …"). A new variant without a rule fails here.
import { describe, expect, it } from "vitest";

import { explain } from "./errors";

// The contracts' error sources, read as text by Vite.
const SOURCES = import.meta.glob("../../../contracts/*/src/error.rs", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;
const CONTRACTS = ["need-registry", "attestation", "distributor", "flow-token", "commons"];
const ADDR = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";

/** (variant, text) of every `#[error("…")]` of a contract, but the wrappers (`{0}`). */
function errorTexts(contract: string): [string, string][] {
  const src = SOURCES[`../../../contracts/${contract}/src/error.rs`];
  if (src === undefined) throw new Error(`contracts/${contract}/src/error.rs not found`);
  const out: [string, string][] = [];
  const re = /#\[error\(\s*"((?:[^"\\]|\\.)*)"\s*\)\]\s*(?:\/\/\/[^\n]*\n\s*)*(\w+)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[1] !== "{0}") out.push([m[2], m[1].replace(/\\"/g, '"')]);
  }
  return out;
}

/** A sample value for a placeholder, by its name and format. */
function sample(name: string, debug: boolean): string {
  if (debug) {
    if (name === "status") return "Closed";
    if (name === "foreign") return 'Some("ucredit")';
    if (name === "local") return 'Some("uatom")';
    if (name === "unit") return "Booking";
    return '"food"';
  }
  if (["member", "token", "distributor", "address", "buddy", "holon", "poster", "provider"].includes(name)) return ADDR;
  if (name === "field") return "refund";
  if (["hours", "units", "unit_credit", "counted", "credit", "attested", "requested", "rate"].includes(name)) return "1.5";
  if (name === "ends") return "1700000000.000000000";
  if (name === "action") return "fund";
  if (name === "status") return "pending";
  if (name === "reason") return "not a valid address";
  return "7";
}

const fill = (text: string) =>
  text.replace(/\{(\w+)(:\?)?\}/g, (_, name: string, debug?: string) => sample(name, Boolean(debug)));

describe("every contract error has a plain-words rule", () => {
  for (const contract of CONTRACTS) {
    it(contract, () => {
      const texts = errorTexts(contract);
      expect(texts.length).toBeGreaterThan(0);
      const missing = texts
        .map(([variant, text]) => [variant, fill(text), explain(new Error(`failed to execute message; message index: 0: ${fill(text)}: execute wasm contract failed`)).message] as const)
        .filter(([, , said]) => said.startsWith("The chain refused this:"))
        .map(([variant, text]) => `${variant}: ${text}`);
      expect(missing, `${contract}: no rule in errors.ts explains these`).toEqual([]);
    });
  }
});
