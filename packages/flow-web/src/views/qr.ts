// A phone wallet's WalletConnect pairing link, drawn as a QR code to scan with the phone's
// wallet (uqr, no dependencies: the modules are drawn as one SVG path, no HTML injected), with
// the link itself to open on the phone or copy into the wallet.
import { html, svg } from "lit-html";
import { encode } from "uqr";

/** The QR code of `text`: its width in modules (the quiet border of 4 included) and one SVG path of its dark modules. */
export function qrPath(text: string): { size: number; path: string; dark: number } {
  const { data, size } = encode(text, { ecc: "M", border: 4 });
  const parts: string[] = [];
  let dark = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (data[y][x]) {
        parts.push(`M${x} ${y}h1v1h-1z`);
        dark++;
      }
  return { size, path: parts.join(""), dark };
}

let copied: string | null = null;

async function copy(uri: string, rerender: () => void) {
  try {
    await navigator.clipboard.writeText(uri);
    copied = uri;
  } catch {
    // No clipboard (an insecure origin, or refused): the link is selectable text beside the button.
    copied = null;
  }
  rerender();
}

/** The pairing view: the QR code of `uri`, "Open in the wallet", the link as text and a Copy button. */
export function pairingView(uri: string, rerender: () => void) {
  const qr = qrPath(uri);
  return html`<div class="pairing" data-testid="pairing" data-uri=${uri}>
    <p>Scan this code with the wallet app on your phone (its WalletConnect scanner), or open the link on the phone:</p>
    <svg class="pairing-qr" data-testid="pairing-qr" data-modules=${qr.size} viewBox="0 0 ${qr.size} ${qr.size}" width="232" height="232"
      role="img" aria-label="QR code of the WalletConnect link" shape-rendering="crispEdges">
      ${svg`<rect width=${qr.size} height=${qr.size} fill="#fff"></rect><path d=${qr.path} fill="#000"></path>`}
    </svg>
    <p><a href=${uri} data-testid="pairing-open">Open in the wallet</a> ·
      <button type="button" class="ghost small-btn" data-testid="pairing-copy" @click=${() => copy(uri, rerender)}>${copied === uri ? "Copied" : "Copy the link"}</button></p>
    <code class="pairing-uri" data-testid="pairing-uri">${uri}</code>
  </div>`;
}
