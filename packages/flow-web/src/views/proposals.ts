// "Proposals": how the members decide, the open and past proposals of the members' multisig,
// each read into plain words (which contract, what changes), every member's vote, the rule and
// the time left; members vote yes, no, abstain or veto, and anyone executes a passed proposal.
import { html, nothing } from "lit-html";

import { act, busy } from "../actions";
import { status } from "./status";
import {
  CONTRACT_WORDS, STATUS_WORDS, VOTES, VOTE_WORDS, type Vote, decodeMsg, executeMsg, executedWords, periodWords, ruleWords,
  tally, thresholdWords, timeLeft, totalWeight, voteMsg, yesMissing,
} from "../governance";
import { refresh, reloadAll } from "../load";
import { govContext } from "../steer";
import { type ProposalView, byMembers, me, state } from "../store";
import { card, empty, scheduledLine, who } from "./common";

/** The chain's clock now (ms): the block time of the last read, counted on locally. */
const chainNow = () => (state.proposalsRead ? state.proposalsRead.chainTimeMs + (Date.now() - state.proposalsRead.at) : Date.now());

function vote(id: number, v: Vote) {
  const w = state.wallet;
  const gov = state.gov;
  if (!gov) return;
  return act(
    `vote-${id}`,
    () => w!.client.execute(w!.address, gov.address, voteMsg(id, v), "auto"),
    (res) => {
      const s = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] }).events
        ?.flatMap((e) => e.attributes)
        .find((a) => a.key === "status")?.value;
      return `You voted ${VOTE_WORDS[v]} on #${id}.${s === "Passed" ? " It has passed: anyone can execute it now." : s === "Rejected" ? " It is rejected." : ""}`;
    },
    refresh,
  );
}

function execute(id: number) {
  const w = state.wallet;
  const gov = state.gov;
  if (!gov) return;
  return act(
    `execute-${id}`,
    () => w!.client.execute(w!.address, gov.address, executeMsg(id), "auto"),
    (res) => {
      const did = executedWords(res);
      return `Executed #${id}: the changes are made${did.length ? `; ${did.join("; ")}` : ""}.`;
    },
    reloadAll,
  );
}

export function proposalsView() {
  if (!byMembers()) return notGoverned();
  const open = state.proposals.filter((x) => x.p.status === "open" || x.p.status === "pending" || x.p.status === "passed");
  const past = state.proposals.filter((x) => !open.includes(x));
  return html`<div class="grid">
    ${howCard()}
    ${card(
      html`Open proposals <span class="count">${open.length}</span>`,
      state.proposalsRead === null
        ? empty("Reading the proposals…")
        : open.length
          ? html`<div class="list">${open.map((x) => proposalCard(x, true))}</div>`
          : empty("No proposal is open. A change proposed on the Stewards screen appears here."),
      { id: "open-proposals", cls: "wide" },
    )}
    ${card(
      "Past proposals",
      past.length ? html`<div class="list">${past.map((x) => proposalCard(x, false))}</div>` : empty("None yet."),
      { id: "past-proposals", cls: "wide" },
    )}
  </div>`;
}

function notGoverned() {
  const gov = state.gov;
  return html`<div class="grid">${card(
    "Proposals",
    !gov
      ? empty("Reading who governs this holon…")
      : gov.kind === "wallet"
        ? html`<p class="notice" data-testid="no-proposals">This holon is governed by one wallet (${who(gov.address)}): its stewards change the
            settings directly on the <a href="#/stewards">Stewards</a> screen, and there are no proposals to vote on.</p>`
        : html`<p class="notice" data-testid="no-proposals">This holon is governed by a contract (${who(gov.address)}) that is not a
            cw3 multisig of its members: vote where that contract says.</p>`,
    { id: "how-card", cls: "wide" },
  )}</div>`;
}

/** How the members decide: the rule, the voting period, who executes, and this wallet's weight. */
function howCard() {
  const gov = state.gov!;
  const t = gov.threshold;
  const weight = state.myVotingWeight;
  const executor = gov.config?.executor;
  return card(
    "How the members decide",
    html`${t ? html`<p>${ruleWords(t)}</p>` : nothing}
      <dl class="facts">
        <div><dt>A proposal made now needs</dt><dd data-testid="threshold">${t ? thresholdWords(t) : "—"}</dd></div>
        <div><dt>Voting lasts</dt><dd>${gov.config ? periodWords(gov.config.max_voting_period) : "—"}</dd></div>
        <div><dt>Who executes a passed proposal</dt><dd>${executor === undefined || executor === null ? "anyone" : executor === "member" ? "any member" : who(executor.only)}</dd></div>
        <div><dt>Your voting weight</dt><dd data-testid="my-voting-weight" data-weight=${weight ?? ""}>${!state.wallet
          ? html`<span class="muted">connect your wallet</span>`
          : weight === null
            ? "…"
            : weight > 0
              ? html`<b>${weight}</b>${t ? ` of ${totalWeight(t)}` : ""}`
              : "none: this wallet is not a member"}</dd></div>
        <div><dt>Governance contract</dt><dd><span class="small" title=${gov.address}>${gov.address}</span></dd></div>
      </dl>
      ${scheduledLine()}
      <p class="small muted">To propose a change, use the forms on the <a href="#/stewards">Stewards</a> screen: they propose instead of changing.</p>`,
    { id: "how-card", cls: "wide" },
  );
}

/** The description's first paragraph: the proposer's summary in words. */
const summaryOf = (description: string) => description.split(/\n\s*\n/)[0];

function proposalCard(x: ProposalView, open: boolean) {
  const { p, votes } = x;
  const ctx = open ? govContext() : { ...govContext(), policy: null, nextCycle: undefined, attestationPolicy: null, categories: undefined };
  const decoded = p.msgs.map((m) => decodeMsg(m, ctx, { decided: !open }));
  const t = tally(votes);
  const left = state.proposalsRead ? timeLeft(p.expires, chainNow(), state.proposalsRead.height) : null;
  const [statusText, statusKind] = STATUS_WORDS[p.status];
  const mine = votes.find((v) => v.voter === me());
  const canVote = !!state.wallet && !mine && (p.status === "open" || p.status === "passed" || p.status === "rejected") && !left?.ended;
  const missing = p.status === "open" ? yesMissing(p.threshold, t) : 0;
  const byVoter = new Map(votes.map((v) => [v.voter, v]));
  const others = votes.filter((v) => !state.members.some((m) => m.addr === v.voter));
  return html`<article class="proposal" data-testid="proposal-${p.id}" data-status=${p.status}>
    <div class="row-head">
      <h3>#${p.id} ${p.title}</h3>
      <span class="chip ${statusKind}" data-testid="proposal-status-${p.id}" data-status=${p.status}>${statusText}</span>
    </div>
    <p class="small muted">Proposed by ${who(p.proposer)}${left && open ? html` · <span data-testid="time-left-${p.id}">${left.text}</span>` : nothing}</p>
    <p class="proposal-summary" data-testid="proposal-summary-${p.id}">${summaryOf(p.description)}</p>
    <ul class="changes" data-testid="proposal-changes-${p.id}">
      ${decoded.map((d) => html`<li><b>${d.key ? CONTRACT_WORDS[d.key].replace(/ \(.*\)$/, "") : d.contract}</b>: ${d.words}</li>`)}
    </ul>
    <div class="tally" data-testid="tally-${p.id}" data-yes=${t.yes} data-no=${t.no} data-abstain=${t.abstain} data-veto=${t.veto}>
      ${VOTES.map((v) => html`<span class="tally-${v}">${VOTE_WORDS[v]} <b>${t[v]}</b></span>`)}
    </div>
    <p class="small">Needs ${thresholdWords(p.threshold)}.${p.status === "open"
      ? missing > 0
        ? html` <b>${missing} more yes</b> to pass now.`
        : nothing
      : nothing}</p>
    <details class="votes" ?open=${open}>
      <summary>Votes: ${t.yes + t.no + t.abstain + t.veto} of ${totalWeight(p.threshold)} cast</summary>
      <div class="table-wrap"><table class="table compact">
        <thead><tr><th>Member</th><th class="num">Weight</th><th>Vote</th></tr></thead>
        <tbody>
          ${state.members.map((m) => voteRow(p.id, m.addr, m.weight, byVoter.get(m.addr)?.vote ?? null, byVoter.get(m.addr)?.weight))}
          ${others.map((v) => voteRow(p.id, v.voter, null, v.vote, v.weight))}
        </tbody></table></div>
    </details>
    ${mine ? html`<p class="small" data-testid="my-vote-${p.id}" data-vote=${mine.vote}>You voted <b>${VOTE_WORDS[mine.vote]}</b> (weight ${mine.weight}).</p>` : nothing}
    ${canVote
      ? html`<div class="actions vote-buttons" role="group" aria-label="Vote on #${p.id}">
          ${VOTES.map((v) => html`<button class=${v === "yes" ? "" : v === "veto" ? "danger" : "secondary"} data-testid="vote-${v}-${p.id}"
            ?disabled=${busy(`vote-${p.id}`)} @click=${() => vote(p.id, v)}>${v === "yes" ? "Yes" : v === "no" ? "No" : v === "abstain" ? "Abstain" : "Veto"}</button>`)}
        </div>`
      : nothing}
    ${p.status === "passed"
      ? html`<div class="actions"><button data-testid="execute-${p.id}" ?disabled=${busy(`execute-${p.id}`) || !state.wallet}
          @click=${() => execute(p.id)}>Execute #${p.id}</button>
          ${state.wallet ? nothing : html`<span class="small muted">Connect a wallet to execute it (anyone may).</span>`}</div>`
      : nothing}
    ${status(`vote-${p.id}`)}${status(`execute-${p.id}`)}
    <details class="chain-said"><summary>The proposal as the chain holds it</summary><code>${p.description}

${JSON.stringify(decoded.map((d) => d.json), null, 1)}</code></details>
  </article>`;
}

function voteRow(id: number, addr: string, weight: number | null, v: Vote | null, counted?: number) {
  return html`<tr data-testid="vote-${id}-${addr}" data-vote=${v ?? ""}>
    <td>${who(addr)}</td>
    <td class="num">${counted ?? weight ?? ""}</td>
    <td>${v ? html`<span class="chip ${v === "yes" ? "good" : v === "abstain" ? "" : "bad"}">${VOTE_WORDS[v]}</span>` : html`<span class="muted">not voted</span>`}</td>
  </tr>`;
}
