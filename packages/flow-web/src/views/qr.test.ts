// The WalletConnect pairing link reaches the QR code the page draws. (WalletConnect itself, the
// relay and a phone wallet answering, can't be tested offline: the kit's pairing URI is handed
// to setPairingUri by wallet-kit.ts's poll, as the browser's connect flow does.)
import type { TemplateResult } from "lit-html";
import { encode } from "uqr";
import { describe, expect, it } from "vitest";

import type { Deployment } from "../deployment";
import { state } from "../store";
import { setPairingUri, toggle, walletOptions } from "./connect";
import { pairingView, qrPath } from "./qr";

const URI =
  "wc:7f6e504bfad60b485450578e05678ed3e8e8c4751d3c6160be17160d63ec90f9@2?relay-protocol=irn&symKey=587d5484ce2a2a6ee3ba1962fdd7e8588e06200c46823bd18fbd67def96ad303&expiryTimestamp=1796612206";

/** Every value a lit template holds, nested templates included (what it would render). */
function valuesOf(t: unknown): unknown[] {
  const r = t as TemplateResult;
  if (!r || typeof r !== "object" || !("values" in r)) return [t];
  return [r.strings.join(""), ...r.values.flatMap((v) => (Array.isArray(v) ? v.flatMap(valuesOf) : valuesOf(v)))];
}

describe("the WalletConnect pairing link as a QR code", () => {
  it("draws exactly the modules of the link's QR code (error correction M, a quiet border of 4)", () => {
    const qr = qrPath(URI);
    const { data, size } = encode(URI, { ecc: "M", border: 4 });
    expect(qr.size).toBe(size);
    // A WalletConnect v2 link (about 190 characters) fits version 8 or so: 49 modules + 8 of border.
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    // Read the path back into a matrix: the same dark modules, no others.
    const drawn = Array.from({ length: size }, () => Array(size).fill(false));
    for (const m of qr.path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) drawn[Number(m[2])][Number(m[1])] = true;
    expect(drawn).toEqual(data);
    expect(qr.dark).toBe(data.flat().filter(Boolean).length);
    // The three finder patterns' corners, inside the border.
    for (const [x, y] of [[4, 4], [size - 5, 4], [4, size - 5]]) expect(data[y][x]).toBe(true);
    expect(data[0][0]).toBe(false);
  });

  it("the pairing view holds the link, its QR code, an 'Open in the wallet' link and a Copy button", () => {
    const values = valuesOf(pairingView(URI, () => {}));
    expect(values.filter((v) => v === URI).length).toBe(3); // data-uri, href, the text
    expect(values).toContain(qrPath(URI).path);
    expect(values.join(" ")).toContain("Copy the link");
  });

  it("the URI the wallet layer hands over reaches the wallet list's QR view, and goes when pairing ends", async () => {
    state.d = { holon: "Holon Alpha", chain_id: "cw-flow-local", rpc: "http://127.0.0.1:26657", gas_prices: "0.0025stake", addresses: {} } as unknown as Deployment;
    state.wallet = null;
    toggle(); // the member opened the wallet list and chose a phone wallet
    await setPairingUri(URI);
    const shown = valuesOf(walletOptions(() => {}));
    expect(shown).toContain(URI);
    expect(shown).toContain(qrPath(URI).path);
    await setPairingUri(null);
    expect(valuesOf(walletOptions(() => {}))).not.toContain(URI);
  });
});
