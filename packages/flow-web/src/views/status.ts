// The status line of an action next to its button: the draft proposal (when the members
// govern), then the progress, the result or the refusal in plain words.
import { html, nothing } from "lit-html";

import { explorerTxUrl } from "../deployment";
import { draftView } from "../steer";
import { state } from "../store";

/** The status line of an action, shown next to its button (after its draft proposal, if any). */
export function status(key: string) {
  const a = state.actions[key];
  if (!a) return draftView(key);
  const cls = `status status-${a.phase}`;
  return html`${draftView(key)}<div class=${cls} role=${a.phase === "error" ? "alert" : "status"} data-testid="status-${key}" data-phase=${a.phase} data-n=${a.n ?? 0}>
    ${a.phase === "sign" || a.phase === "wait" ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
    <span class="status-text">${a.text}</span>
    ${a.tx ? txLink(a.tx) : nothing}
    ${a.detail
      ? html`<details class="chain-said"><summary>What the chain said</summary><code>${a.detail}</code></details>`
      : nothing}
  </div>`;
}

/** A transaction's hash: a link to it on the deployment's explorer when it names one. */
export function txLink(hash: string) {
  const url = explorerTxUrl(state.d, hash);
  return url
    ? html`<a class="tx" title=${hash} href=${url} target="_blank" rel="noopener noreferrer" data-testid="tx-link">tx ${hash.slice(0, 8)}…</a>`
    : html`<span class="tx" title=${hash}>tx ${hash.slice(0, 8)}…</span>`;
}

/**
 * Status lines of actions on items no longer listed (a co-signed attestation leaves "Waiting
 * for my co-sign"): shown at the top of the list so that the member still sees how it went.
 */
export function orphanStatuses(prefixes: string[], shown: Set<string>) {
  const keys = Object.keys(state.actions).filter(
    (k) => prefixes.some((p) => k.startsWith(p)) && !shown.has(k),
  );
  return keys.map((k) => status(k));
}
