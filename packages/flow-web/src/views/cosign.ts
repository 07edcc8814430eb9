// "Waiting for my co-sign": co-sign or reject with a reason; attestations in their challenge
// window (dispute, finalize); disputes the stewards resolve.
import { html, nothing } from "lit-html";

import { act, busy, refuse } from "../actions";
import { orphanStatuses, status } from "./status";
import { formatTime, nanosToDate } from "../format";
import { refresh } from "../load";
import { byMembers, canSteer, isMember, me, state } from "../store";
import { steer, verb } from "../steer";
import type { Attestation } from "@cw-flow/client/Attestation.types";
import { card, empty, fields } from "./common";
import { attestationCard } from "./attest";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);

const cosign = (a: Attestation) =>
  act(`cosign-${a.id}`, () => tx().attestation.cosign({ id: a.id }), `You co-signed #${a.id}.`, refresh);

async function withReason(e: Event, key: string, run: (reason: string) => Promise<unknown>, done: string) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const reason = fields(form).reason?.trim() ?? "";
  if (!reason) {
    refuse(key, "Say why, in a few words: the member sees your reason.");
    return;
  }
  await act(key, () => run(reason) as Promise<void>, done, refresh);
}

/** When an attestation's challenge window ends (ms), from the attestation policy. */
function windowEnd(a: Attestation): number | null {
  const secs = Number(state.attestationConfig?.policy.challenge_seconds ?? 0);
  if (!a.cosigned_at) return null;
  return nanosToDate(a.cosigned_at).getTime() + secs * 1000;
}

/** Upholds (rejects the attestation) or dismisses a dispute: at once, or proposed to the members. */
const resolve = (id: number, uphold: boolean) =>
  steer(
    `resolve-${id}`,
    { kind: "resolve_dispute", id, uphold },
    () => tx().attestation.resolveDispute({ id, uphold }),
    uphold ? `Dispute upheld: #${id} is rejected.` : `Dispute dismissed: #${id} counts.`,
    refresh,
  );

const ids = (list: Attestation[], kinds: string[]) => new Set(list.flatMap((a) => kinds.map((k) => `${k}-${a.id}`)));

export function cosignView() {
  const addr = me();
  const steward = canSteer();
  const shown = new Set([
    ...ids(state.toCosign, ["cosign", "reject"]),
    ...ids(state.challenged, ["dispute", "finalize"]),
    ...ids(state.disputed, ["resolve"]),
  ]);
  return html`<div class="grid">
    ${card(
      html`Waiting for my co-sign <span class="count">${state.toCosign.length}</span>`,
      html`${orphanStatuses(["cosign-", "reject-", "dispute-", "finalize-", "resolve-"], shown)}${!addr
        ? empty("Connect your wallet to see what waits for your co-sign.")
        : state.toCosign.length === 0
          ? empty("Nothing waits for your co-sign.")
          : html`<div class="list">${state.toCosign.map((a) =>
              attestationCard(
                a,
                html`<div class="actions">
                    <button ?disabled=${busy(`cosign-${a.id}`)} @click=${() => cosign(a)}>Co-sign</button>
                  </div>
                  <form class="inline-form" @submit=${(e: Event) =>
                    withReason(e, `reject-${a.id}`, (reason) => tx().attestation.reject({ id: a.id, reason }), `You refused #${a.id}; the member sees your reason.`)}
                    aria-label="Reject attestation ${a.id}">
                    <input name="reason" maxlength="256" placeholder="Reason, if you refuse it" aria-label="Reason for refusing #${a.id}" />
                    <button class="danger" type="submit" ?disabled=${busy(`reject-${a.id}`)}>Reject</button>
                  </form>
                  ${status(`cosign-${a.id}`)}${status(`reject-${a.id}`)}`,
              ),
            )}</div>`}`,
      { id: "cosign-card" },
    )}
    ${card(
      "In the challenge window",
      state.challenged.length === 0
        ? empty(
            Number(state.attestationConfig?.policy.challenge_seconds ?? 0) > 0
              ? "No attestation is in its challenge window."
              : "This holon has no challenge window: a co-signed attestation counts at once.",
          )
        : html`<div class="list">${state.challenged.map((a) => {
            const end = windowEnd(a);
            const open = end !== null && Date.now() < end;
            return attestationCard(
              a,
              html`<p class="small">${open ? html`Open for disputes until <b>${formatTime(String(BigInt(end!) * 1_000_000n))}</b>.` : "The window has passed: anyone can finalize it."}</p>
                ${open
                  ? a.attester !== addr && isMember()
                    ? html`<form class="inline-form" aria-label="Dispute attestation ${a.id}" @submit=${(e: Event) =>
                        withReason(e, `dispute-${a.id}`, (reason) => tx().attestation.dispute({ id: a.id, reason }), `You disputed #${a.id}; the stewards decide.`)}>
                        <input name="reason" maxlength="256" placeholder="What is wrong with it?" aria-label="Reason for disputing #${a.id}" />
                        <button class="danger" type="submit" ?disabled=${busy(`dispute-${a.id}`)}>Dispute</button>
                      </form>`
                    : nothing
                  : html`<div class="actions"><button ?disabled=${busy(`finalize-${a.id}`)} @click=${() =>
                      act(`finalize-${a.id}`, () => tx().attestation.finalize({ id: a.id }), `#${a.id} counts now.`, refresh)}>Finalize</button></div>`}
                ${status(`dispute-${a.id}`)}${status(`finalize-${a.id}`)}`,
            );
          })}</div>`,
      { id: "challenge-card" },
    )}
    ${card(
      "Disputed",
      state.disputed.length === 0
        ? empty("No open dispute.")
        : html`<div class="list">${state.disputed.map((a) =>
            attestationCard(
              a,
              steward
                ? html`<div class="actions">
                      <button class="danger" ?disabled=${busy(`resolve-${a.id}`)} @click=${() => resolve(a.id, true)}>${verb("Uphold: reject it", "Propose: uphold (reject it)")}</button>
                      <button class="secondary" ?disabled=${busy(`resolve-${a.id}`)} @click=${() => resolve(a.id, false)}>${verb("Dismiss: let it count", "Propose: dismiss (let it count)")}</button>
                    </div>${status(`resolve-${a.id}`)}`
                : html`<p class="small muted">${byMembers() ? "The members decide, by a proposal." : "The stewards decide."}</p>`,
            ),
          )}</div>`,
      { id: "disputed-card" },
    )}
  </div>`;
}
