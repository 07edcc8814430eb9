// A steward action from a form: done at once when a wallet governs the holon; drafted as a
// proposal to the members' multisig when the members govern it, shown (title, plain-words
// summary, the exact messages) for a last look, and proposed once the member confirms.
import { fromBase64, fromUtf8 } from "@cosmjs/encoding";
import { html, nothing } from "lit-html";

import { act, busy, clearAction, refuse } from "./actions";
import { readFeeGrant } from "./feegrant";
import { type GovContext, type StewardAction, GovernanceError, proposalFor, proposeMsg, wasmAttributes } from "./governance";
import { refresh } from "./load";
import { byMembers, decimals, names, state, symbol, update } from "./store";

/** What the proposal words need of the holon, from the page's state. */
export function govContext(): GovContext {
  const d = state.d!;
  const holons: Record<string, string> = {};
  for (const h of state.accepted) {
    holons[h.token] = h.name;
    holons[h.distributor] = h.name;
  }
  for (const t of state.targets) {
    holons[t.token] = t.name;
    holons[t.distributor] = t.name;
  }
  return {
    addresses: { ...d.addresses, governance: state.gov?.address ?? d.governance },
    names: names(),
    categories: state.categories,
    policy: state.policy?.policy ?? null,
    attestationPolicy: state.attestationConfig?.policy ?? null,
    nextCycle: state.current ? state.current.cycle + 1 : undefined,
    members: state.members.map((m) => ({ addr: m.addr, weight: m.weight })),
    holons,
    needs: Object.fromEntries(state.needs.map((n) => [n.id, n.title])),
    listings: Object.fromEntries(state.listings.map((l) => [l.id, l.title])),
    symbol: symbol(),
    decimals: decimals(),
  };
}

type Result = { transactionHash?: string; gasUsed?: bigint | number } | void;

/**
 * Runs steward action `key`: `direct` (signed by the connected wallet) when a wallet governs
 * the holon; a draft proposal of `action` to the members' multisig when they govern it (the
 * member then confirms it with "Propose"). Returns whether something was done now. `note`:
 * what someone must still do by hand once the change is made (shown with the draft and after
 * the transaction).
 */
export async function steer(
  key: string,
  action: StewardAction | StewardAction[],
  direct: () => Promise<Result>,
  success: string | ((res: unknown) => string),
  after?: () => Promise<void> | void,
  note?: string | null,
): Promise<boolean> {
  if (!byMembers()) {
    const said = note ? (res: unknown) => `${typeof success === "function" ? success(res) : success} ${note}` : success;
    return act(key, direct, said, after);
  }
  if (!state.wallet) {
    refuse(key, "Connect your wallet first (the button at the top).");
    return false;
  }
  try {
    const draft = { ...proposalFor(action, govContext()), ...(note ? { note } : {}) };
    clearAction(key);
    update({ drafts: { ...state.drafts, [key]: draft } });
  } catch (e) {
    refuse(key, e instanceof GovernanceError ? `This can't be proposed: ${e.message}.` : String(e));
  }
  return false;
}

/** Signs the drafted proposal `key`: cw3's `propose` to the members' multisig. */
export async function propose(key: string) {
  const draft = state.drafts[key];
  const gov = state.gov;
  if (!draft || !gov || !state.wallet) return;
  const wallet = state.wallet;
  const ok = await act(
    key,
    () => wallet.client.execute(wallet.address, gov.address, proposeMsg(draft), "auto", draft.title),
    (res) => {
      const id = wasmAttributes(res).find((a) => a.key === "proposal_id")?.value;
      return `Proposed${id ? ` as #${id}` : ""}: “${draft.title}”. The members vote on it under Proposals; once it passes, anyone can execute it.${draft.note ? ` ${draft.note}` : ""}`;
    },
    refresh,
  );
  if (ok) dropDraft(key);
}

export function dropDraft(key: string) {
  const { [key]: _, ...rest } = state.drafts;
  update({ drafts: rest });
}

/** A button's words: what it does now, or what it proposes when the members govern. */
export const verb = (direct: string, proposed: string) => (byMembers() ? proposed : direct);

/** The draft of action `key`, if any: what the members will be asked, and Propose / Cancel. */
export function draftView(key: string) {
  const d = state.drafts[key];
  if (!d) return nothing;
  return html`<div class="draft" data-testid="draft-${key}" role="group" aria-label="Proposal to the members">
    <p class="draft-lead">A proposal to the members: nothing changes until they pass it and someone executes it.</p>
    <p class="draft-title" data-testid="draft-title-${key}">${d.title}</p>
    <p class="draft-summary" data-testid="draft-summary-${key}">${d.summary}</p>
    ${d.note ? html`<p class="draft-note notice" data-testid="draft-note-${key}">${d.note}</p>` : nothing}
    <details class="chain-said"><summary>The exact messages</summary><code>${JSON.stringify(d.msgs.map(readable), null, 1)}</code></details>
    <div class="actions">
      <button type="button" data-testid="propose-${key}" ?disabled=${busy(key)} @click=${() => propose(key)}>Propose</button>
      <button type="button" class="ghost" data-testid="cancel-${key}" ?disabled=${busy(key)} @click=${() => dropDraft(key)}>Cancel</button>
    </div>
  </div>`;
}

/** A wasm execute message with its base64 payload shown as JSON; a fee grant or revoke decoded. */
export function readable(m: unknown): unknown {
  const grant = readFeeGrant(m);
  if (grant) return { any: { type_url: (m as { any: { type_url: string } }).any.type_url, value: grant } };
  const e = (m as { wasm?: { execute?: { contract_addr: string; msg: string; funds: unknown[] } } }).wasm?.execute;
  if (!e) return m;
  try {
    return { wasm: { execute: { ...e, msg: JSON.parse(fromUtf8(fromBase64(e.msg))) } } };
  } catch {
    return m;
  }
}
