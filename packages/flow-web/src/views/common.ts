// Small pieces every screen uses.
import { html, nothing, type TemplateResult } from "lit-html";

import { formatTokens, shortAddr } from "../format";
import { policyWords } from "../governance";
import { decimals, denom, me, nameOf, state, symbol } from "../store";

/** A member as people know them: "alex" (or "you"), with the address on hover. */
export function who(addr: string | null | undefined, opts: { you?: boolean } = {}) {
  if (!addr) return html`<span class="muted">nobody</span>`;
  const name = nameOf(addr);
  const you = opts.you !== false && addr === me();
  return html`<span class="who" title=${addr}>${you ? "you" : name ?? shortAddr(addr)}</span>`;
}

/** An amount of our token: "1,562.5 AFLOW", with the base units kept in an attribute. */
export function tokens(base: string | bigint | null | undefined, opts: { testid?: string; unit?: boolean } = {}) {
  if (base === null || base === undefined) return html`<span class="muted">—</span>`;
  return html`<span class="amount" data-testid=${opts.testid ?? nothing} data-base-units=${String(base)}
    title="${String(base)} base units">${formatTokens(base, decimals())}${opts.unit === false ? "" : html`&nbsp;<span class="unit">${symbol()}</span>`}</span>`;
}

/** Coins of the treasury denom, shown like tokens (one token unit is backed by one denom unit). */
export function coins(base: string | bigint | null | undefined) {
  if (base === null || base === undefined) return html`<span class="muted">—</span>`;
  const d = denom() ?? "";
  return html`<span class="amount" data-base-units=${String(base)} title="${String(base)} ${d}"
    >${formatTokens(base, decimals())}&nbsp;<span class="unit">${denomLabel(d)}</span></span>`;
}

/** "ucredit" → "CREDIT" (micro-units shown as whole units, as the token is). */
export const denomLabel = (d: string) => (/^u[a-z]+$/.test(d) ? d.slice(1).toUpperCase() : d);

export function card(title: string | TemplateResult, body: unknown, opts: { id?: string; cls?: string; sub?: unknown } = {}) {
  return html`<section class="card ${opts.cls ?? ""}" id=${opts.id ?? nothing} aria-labelledby=${opts.id ? `${opts.id}-h` : nothing}>
    <header class="card-head"><h2 id=${opts.id ? `${opts.id}-h` : nothing}>${title}</h2>${opts.sub ?? nothing}</header>
    ${body}
  </section>`;
}

export function empty(text: string) {
  return html`<p class="empty">${text}</p>`;
}

export function chip(text: string, kind = "") {
  return html`<span class="chip ${kind}">${text}</span>`;
}

const STATUS_WORDS: Record<string, [string, string]> = {
  pending: ["waiting for co-sign", "warn"],
  challenge: ["in challenge window", "info"],
  disputed: ["disputed", "bad"],
  final: ["counted", "good"],
  rejected: ["rejected", "bad"],
  withdrawn: ["withdrawn", "muted"],
  expired: ["expired", "muted"],
};

export const attestationStatus = (s: string) => {
  const [w, k] = STATUS_WORDS[s] ?? [s, ""];
  return html`<span class="chip ${k}" data-status=${s}>${w}</span>`;
};

/** Reads a form's fields as strings. */
export function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    out[k] = typeof v === "string" ? v : "";
  });
  return out;
}

export const MODEL_WORDS: Record<string, string> = {
  time: "every hour counts the same",
  need: "hours weighted by how scarce each category is",
  impact: "hours weighted by each need's impact factor",
  hybrid: "scarcity × impact × capacity-building bonus",
};

/** The policy versions decided for a later cycle, in words ("From cycle 5: model need, childcare ×2, …"). */
export function scheduledLine() {
  if (!state.scheduled.length) return nothing;
  const ctx = { addresses: {}, categories: state.categories };
  return html`${state.scheduled.map(
    (s) => html`<p class="notice" data-testid="policy-scheduled" data-version=${s.version} data-from-cycle=${s.from_cycle}>
      <b>From cycle ${s.from_cycle}</b> (policy version ${s.version}): ${policyWords(s.policy, ctx)}.</p>`,
  )}`;
}
