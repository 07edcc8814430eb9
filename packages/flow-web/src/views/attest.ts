// Attest a contribution toward a need; my attestations and their status; withdraw.
import { html, nothing } from "lit-html";

import { act, busy, refuse } from "../actions";
import { orphanStatuses, status } from "./status";
import { AmountError, formatDecimal, formatTime, isZero, parseDecimal } from "../format";
import { refresh } from "../load";
import { isMember, me, state, update } from "../store";
import type { Attestation } from "@cw-flow/client/Attestation.types";
import { attestationStatus, card, empty, fields, who } from "./common";
import { attr } from "./needs";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);

/** A buddy as typed: a member's name, an address, or nothing. */
export function resolveMember(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const byName = state.members.find((m) => m.name?.toLowerCase() === t.toLowerCase());
  return byName ? byName.addr : t;
}

async function attest(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const f = fields(form);
  let hours: string, units: string;
  try {
    hours = parseDecimal(f.hours || "0", "hours");
    units = parseDecimal(f.units || "0", "units");
  } catch (err) {
    refuse("attest", (err as AmountError).message);
    return;
  }
  const needId = Number(f.need);
  if (!needId) {
    refuse("attest", "Choose the need you worked toward.");
    return;
  }
  const buddy = resolveMember(f.buddy ?? "");
  const ok = await act(
    "attest",
    () =>
      tx().attestation.attest({
        needId,
        hours,
        units,
        description: f.description.trim(),
        evidence: f.evidence.trim() || undefined,
        buddy: buddy ?? undefined,
      }),
    (res) => {
      const id = attr(res, "attestation_id");
      return `Attested${id ? ` as #${id}` : ""}. ${buddy ? "Your buddy sees it under “Co-sign”." : "Any member can co-sign it."}`;
    },
    refresh,
  );
  if (ok) {
    form.reset();
    update({ attestNeed: null });
  }
}

const withdraw = (id: number) =>
  act(`withdraw-${id}`, () => tx().attestation.withdraw({ id }), `Attestation #${id} is withdrawn; its hours are free again.`, refresh);

export function attestationCard(a: Attestation, extra: unknown = nothing) {
  const need = state.needs.find((n) => n.id === a.need_id);
  return html`<article class="attestation" data-testid="attestation-${a.id}" data-status=${a.status}>
    <div class="row-head">
      <h3>#${a.id} · ${need?.title ?? `need #${a.need_id}`}</h3>
      ${attestationStatus(a.status)}
    </div>
    <p>${who(a.attester)} · <b>${formatDecimal(a.hours)} h</b>${!isZero(a.units) ? html` · ${formatDecimal(a.units)} ${need?.unit ?? "units"}` : nothing}
      · credit ${formatDecimal(a.credit)} · ${a.category} · cycle ${a.cycle}</p>
    ${a.description ? html`<p class="quote">“${a.description}”</p>` : nothing}
    ${a.evidence ? html`<p class="small">Evidence: <a href=${safeUrl(a.evidence)} target="_blank" rel="noopener noreferrer">${a.evidence}</a></p>` : nothing}
    <p class="small muted">Buddy ${who(a.buddy)} · co-signed by ${a.cosigners.length ? a.cosigners.map((c, i) => html`${i ? ", " : ""}${who(c)}`) : "nobody yet"}
      · attested ${formatTime(a.created_at)}${a.finalized_at ? html` · counted ${formatTime(a.finalized_at)}` : nothing}</p>
    ${a.reason ? html`<p class="small">Reason given: “${a.reason}”${a.disputed_by ? html` (disputed by ${who(a.disputed_by)})` : nothing}</p>` : nothing}
    ${extra}
  </article>`;
}

/** Only http(s) links are made clickable. */
export const safeUrl = (u: string) => (/^https?:\/\//i.test(u) ? u : "#");

export function attestView() {
  const addr = me();
  const policy = state.attestationConfig?.policy;
  const byCat = new Map<string, typeof state.needs>();
  for (const n of state.needs) byCat.set(n.category, [...(byCat.get(n.category) ?? []), n]);
  const label = (id: string) => state.categories.find((c) => c.id === id)?.label ?? id;
  const chosen = state.needs.find((n) => n.id === state.attestNeed) ?? null;
  const others = state.members.filter((m) => m.addr !== addr);
  return html`
    <div class="grid">
    ${card(
      "Attest a contribution",
      html`<form class="form" @submit=${attest} aria-label="Attest a contribution">
        <label class="span2">Need you worked toward
          <select name="need" required @change=${(e: Event) => update({ attestNeed: Number((e.target as HTMLSelectElement).value) || null })}>
            <option value="" ?selected=${!chosen}>Choose a need…</option>
            ${[...byCat.entries()].map(
              ([c, ns]) => html`<optgroup label=${label(c)}>${ns.map(
                (n) => html`<option value=${n.id} ?selected=${chosen?.id === n.id}>#${n.id} ${n.title}</option>`,
              )}</optgroup>`,
            )}
          </select>
        </label>
        <label>Hours <input name="hours" inputmode="decimal" placeholder="16" /></label>
        <label>Units${chosen ? html` (${chosen.unit})` : nothing} <input name="units" inputmode="decimal" placeholder="80" /></label>
        <label class="span2">What you did <textarea name="description" rows="2" maxlength="512" placeholder="Baked 80 loaves over four Saturdays"></textarea></label>
        <label>Evidence link <input name="evidence" type="url" maxlength="256" placeholder="https://…" /></label>
        <label>Buddy who co-signs
          <input name="buddy" list="buddies" autocomplete="off" placeholder="a member's name or address" />
          <datalist id="buddies">${others.map((m) => html`<option value=${m.name ?? m.addr}>${m.name ? m.addr : ""}</option>`)}</datalist>
        </label>
        <p class="hint span2">
          ${policy
            ? html`Your buddy co-signs${policy.cosigns_required > 1 ? html`, then ${policy.cosigns_required - 1} more member(s)` : nothing};
              ${Number(policy.challenge_seconds) > 0
                ? html`then any member may dispute it for ${Math.round(Number(policy.challenge_seconds) / 60)} min before it counts.`
                : html`then it counts toward the open cycle.`}
              At most ${formatDecimal(policy.max_hours_per_attestation)} h per attestation and ${formatDecimal(policy.max_hours_per_cycle)} h per cycle.`
            : nothing}
        </p>
        <div class="form-end span2">
          <button type="submit" ?disabled=${busy("attest") || !state.wallet}>Attest</button>
          ${!isMember() && state.wallet ? html`<span class="muted small">This wallet is not a member: the chain will refuse.</span>` : nothing}
          ${status("attest")}
        </div>
      </form>`,
      { id: "attest-card" },
    )}
    ${card(
      "My attestations",
      html`${orphanStatuses(["withdraw-"], new Set(state.mine.filter((a) => a.status === "pending" || a.status === "expired").map((a) => `withdraw-${a.id}`)))}${!addr
        ? empty("Connect your wallet to see your attestations.")
        : state.mine.length === 0
          ? empty("You have not attested anything yet.")
          : html`<div class="list">${state.mine.map((a) =>
              attestationCard(
                a,
                a.status === "pending" || a.status === "expired"
                  ? html`<div class="actions"><button class="secondary" ?disabled=${busy(`withdraw-${a.id}`)} @click=${() => withdraw(a.id)}>Withdraw</button></div>${status(`withdraw-${a.id}`)}`
                  : nothing,
              ),
            )}</div>`}`,
      { id: "mine-card" },
    )}
    </div>`;
}
