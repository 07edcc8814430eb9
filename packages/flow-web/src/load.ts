// Reading the chain for the header and for the screen on show.
import { listDeployments, loadDeployment } from "./chain";
import type { Attestation } from "@cw-flow/client/Attestation.types";
import type { Payout } from "@cw-flow/client/Distributor.types";
import type { CycleView, ExchangeTarget, Governance, ScheduledPolicy } from "./store";
import { me, state, update } from "./store";
import { type MultisigConfig, type ProposalResponse, type ThresholdResponse, listAllProposals, listAllVotes } from "./governance";
import type { Member } from "./holon";
import { PAGE, allPages, isUnknownQuery } from "./paging";
import { readMyMarks } from "./marks";
import { openShares } from "./views/shares";
import { DAY, allBookings, allCalendar, allListings, allPurchases, isBooked } from "./commons";

const settle = async <T>(p: Promise<T>): Promise<T | null> => {
  try {
    return await p;
  } catch {
    return null;
  }
};

let staticLoaded = false;

/** What changes rarely: config, token, governance, members, policies of the contracts. */
export async function loadStatic() {
  const h = state.holon!;
  const [config, info, tokenInfo, ownership, members, attestation, registry, categories] = await Promise.all([
    h.distributor.config(),
    h.distributor.holonInfo(),
    h.token.tokenInfo(),
    h.distributor.ownership(),
    readMembers(),
    h.attestation.config(),
    h.registry.config(),
    h.registry.categories(),
  ]);
  const governance = ownership.owner ?? null;
  const gov = governance ? await detectGovernance(governance) : null;
  staticLoaded = true;
  update({
    config: config.config,
    info,
    tokenInfo,
    governance,
    gov,
    members,
    attestationConfig: attestation.config,
    registryConfig: registry.config,
    categories: categories.categories,
  });
}

const query = (contract: string, msg: unknown) => state.holon!.client.queryContractSmart(contract, msg);

// ---------------------------------------------------------------- lists, every page of them

/** Every member of the cw4 group (30 a page), named from the deployment file. */
export async function readMembers(): Promise<Member[]> {
  const h = state.holon!;
  const list = await allPages(
    async (startAfter: string | undefined, limit) =>
      ((await query(h.d.addresses.group, { list_members: { start_after: startAfter ?? null, limit } })) as {
        members: { addr: string; weight: number }[];
      }).members,
    (m) => m.addr,
    { limit: PAGE.cw4 },
  );
  const named = new Map((h.d.members ?? []).map((m) => [m.address, m.name]));
  return list.map((m) => ({ addr: m.addr, weight: m.weight, name: named.get(m.addr) ?? undefined }));
}

const readNeeds = (status: "open") =>
  allPages(
    async (startAfter: number | undefined, limit) => (await state.holon!.registry.needs({ status, startAfter, limit })).needs,
    (n) => n.id,
    { limit: PAGE.flow },
  );

const readByStatus = (status: Attestation["status"]) =>
  allPages(
    async (startAfter: number | undefined, limit) => (await state.holon!.attestation.byStatus({ status, startAfter, limit })).attestations,
    (a) => a.id,
    { limit: PAGE.flow },
  );

const readByMember = (member: string) =>
  allPages(
    async (startAfter: number | undefined, limit) => (await state.holon!.attestation.byMember({ member, startAfter, limit })).attestations,
    (a) => a.id,
    { limit: PAGE.flow },
  );

const readPendingCosigns = (buddy: string) =>
  allPages(
    async (startAfter: number | undefined, limit) => (await state.holon!.attestation.pendingCosigns({ buddy, startAfter, limit })).attestations,
    (a) => a.id,
    { limit: PAGE.flow },
  );

/**
 * Which of the board's needs `member` requests / offers: the registry's `marks`, one query per
 * page of the member's marks (not per need); need by need only from a registry without it.
 */
function readMarks(needs: { id: number; requesters: number; offers: number }[], member: string) {
  const r = state.holon!.registry;
  return readMyMarks(needs, async (startAfter, limit) => (await r.marks({ member, startAfter, limit })).marks, {
    member,
    requesters: async (needId, startAfter, limit) => (await r.requesters({ needId, startAfter, limit })).members,
    offers: async (needId, startAfter, limit) => (await r.offers({ needId, startAfter, limit })).members,
  });
}

/**
 * One page of a closed cycle's payouts: the distributor's `payouts { cycle, start_after, limit }`,
 * one query per page of members instead of one `explain` per member.
 */
export async function payoutsPage(cycle: number, startAfter: string | undefined, limit: number): Promise<Payout[]> {
  return (await state.holon!.distributor.payouts({ cycle, startAfter, limit })).payouts;
}

/**
 * Who the owner of the holon's contracts is: the members' cw3 multisig when it answers cw3's
 * `threshold {}` (or, when that read fails, when the deployment file says so), else another
 * contract, else a wallet.
 */
export async function detectGovernance(address: string): Promise<Governance> {
  const d = state.d!;
  try {
    const [threshold, config] = await Promise.all([
      query(address, { threshold: {} }) as Promise<ThresholdResponse>,
      settle(query(address, { config: {} }) as Promise<MultisigConfig>),
    ]);
    return { kind: "members", address, threshold, config };
  } catch {
    // not a cw3 (or the node did not answer)
  }
  if (d.governance_kind === "members" && d.governance === address) return { kind: "members", address, threshold: null, config: null };
  const contract = await settle(state.holon!.client.getContract(address));
  return { kind: contract ? "contract" : "wallet", address };
}

let inFlight: Promise<void> | null = null;
const READ_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the node did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Reads what the header and the current screen show. Concurrent calls share one read. */
export function refresh(): Promise<void> {
  if (!state.holon) return Promise.resolve();
  if (inFlight) return inFlight.then(() => refresh());
  inFlight = (async () => {
    update({ loading: true });
    try {
      // A read that hangs (a node under load) must not freeze the page: give up after a while.
      await withTimeout(
        (async () => {
          if (!staticLoaded) await loadStatic();
          await Promise.all([loadHeader(), loadRoute()]);
        })(),
        READ_TIMEOUT_MS,
      );
      update({ readError: null, loadedAt: Date.now() });
    } catch (e) {
      update({ readError: `Could not read the chain: ${e instanceof Error ? e.message.split("\n")[0] : e}` });
    } finally {
      update({ loading: false });
      inFlight = null;
    }
  })();
  return inFlight;
}

async function loadHeader() {
  const h = state.holon!;
  const addr = me();
  const [current, treasury, balance, weight, tokenInfo] = await Promise.all([
    h.distributor.currentCycle(),
    h.distributor.treasury(),
    addr ? h.token.balance({ address: addr }) : null,
    addr ? h.memberWeight(addr) : null,
    h.token.tokenInfo(),
  ]);
  update({
    current,
    currentAt: Date.now(),
    treasury,
    balance: balance?.balance ?? null,
    myWeight: weight,
    tokenInfo,
  });
  await loadVoting();
}

/** This wallet's voting weight and how many open proposals wait for its vote (the tab's count). */
async function loadVoting() {
  const gov = state.gov;
  const addr = me();
  if (gov?.kind !== "members" || !addr) {
    update({ myVotingWeight: null, toVote: 0 });
    return;
  }
  const [voter, recent] = await Promise.all([
    query(gov.address, { voter: { address: addr } }) as Promise<{ weight: number | null }>,
    query(gov.address, { reverse_proposals: { limit: 30 } }) as Promise<{ proposals: ProposalResponse[] }>,
  ]);
  const open = recent.proposals.filter((p) => p.status === "open");
  const mine = await Promise.all(
    open.map((p) => query(gov.address, { vote: { proposal_id: p.id, voter: addr } }) as Promise<{ vote: unknown | null }>),
  );
  update({ myVotingWeight: voter.weight ?? 0, toVote: (voter.weight ?? 0) > 0 ? mine.filter((v) => !v.vote).length : 0 });
}

/** Every proposal of the members' multisig (newest first) with every vote, and the chain's clock. */
export async function loadProposals() {
  const gov = state.gov;
  if (gov?.kind !== "members") {
    update({ proposals: [] });
    return;
  }
  const h = state.holon!;
  const [list, block, threshold] = await Promise.all([
    listAllProposals(query, gov.address),
    h.client.getBlock(),
    settle(query(gov.address, { threshold: {} }) as Promise<ThresholdResponse>),
  ]);
  const proposals = await Promise.all(list.map(async (p) => ({ p, votes: await listAllVotes(query, gov.address, p.id) })));
  update({
    proposals: proposals.reverse(),
    proposalsRead: { chainTimeMs: Date.parse(block.header.time), height: block.header.height, at: Date.now() },
    gov: threshold ? { ...gov, threshold } : gov,
  });
}

async function loadRoute() {
  switch (state.route) {
    case "holon":
      return Promise.all([loadPolicy(), loadNeedsBoard(false), loadPreview()]);
    case "needs":
      return loadNeedsBoard(true);
    case "attest":
      return Promise.all([loadNeedsBoard(false), loadMine()]);
    case "cosign":
      return loadCosign();
    case "flow":
      return Promise.all([loadPreview(), loadCycles(), loadTargets()]);
    case "commons":
      return loadCommons();
    case "proposals":
      return Promise.all([loadPolicy(), loadProposals()]);
    case "stewards":
      return Promise.all([loadPolicy(), loadNeedsBoard(false), loadStewards(), loadCosign(), loadTargets()]);
  }
}

/** The policy in force, and the versions scheduled from a later cycle (a change applies from the next one). */
async function loadPolicy() {
  const h = state.holon!;
  const policy = await h.distributor.policy({});
  const later = policy.schedule.filter((s) => s.version > policy.version);
  const scheduled: ScheduledPolicy[] = await Promise.all(
    later.map(async (s) => ({ ...s, policy: (await h.distributor.policy({ version: s.version })).policy })),
  );
  update({ policy, scheduled });
}

async function loadNeedsBoard(mineToo: boolean) {
  const h = state.holon!;
  const [cats, demand, needs] = await Promise.all([
    h.registry.categories(),
    h.registry.demand(),
    readNeeds("open"),
  ]);
  const addr = me();
  let myRequests = state.myRequests;
  let myOffers = state.myOffers;
  if (mineToo && addr) {
    ({ myRequests, myOffers } = await readMarks(needs, addr));
  }
  update({ categories: cats.categories, demand: demand.demand, needs, myRequests, myOffers });
}

async function loadMine() {
  const addr = me();
  update({ mine: addr ? (await readByMember(addr)).reverse() : [] });
}

async function loadCosign() {
  const h = state.holon!;
  const addr = me();
  const [pending, named, challenged, disputed] = await Promise.all([
    readByStatus("pending"),
    addr ? readPendingCosigns(addr) : null,
    readByStatus("challenge"),
    readByStatus("disputed"),
  ]);
  const byId = new Map<number, Attestation>();
  for (const a of [...(named ?? []), ...pending]) byId.set(a.id, a);
  // What this wallet may co-sign: not its own, not signed yet, and the named buddy first.
  const toCosign = addr
    ? [...byId.values()].filter(
        (a) =>
          a.status === "pending" &&
          a.attester !== addr &&
          !a.cosigners.includes(addr) &&
          (!a.buddy || a.buddy === addr || a.cosigners.includes(a.buddy)),
      )
    : [];
  toCosign.sort((a, b) => a.id - b.id);
  update({ toCosign, challenged, disputed });
}

async function loadPreview() {
  const h = state.holon!;
  const who = me() ?? h.d.addresses.distributor;
  update({ preview: await settle(h.distributor.preview({ member: who })) });
}

/** The last closed cycles (up to 6) with this member's breakdown, and the chosen cycle's distribution. */
async function loadCycles() {
  const h = state.holon!;
  const current = await h.distributor.currentCycle();
  const lastClosed = current.next_to_close - 1;
  const addr = me();
  const ks: number[] = [];
  for (let k = lastClosed; k >= 1 && ks.length < 6; k--) ks.push(k);
  const cycles: CycleView[] = await Promise.all(
    ks.map(async (k) => {
      const [info, mine] = await Promise.all([
        h.distributor.cycle({ cycle: k }),
        addr ? settle(h.distributor.explain({ cycle: k, member: addr })) : null,
      ]);
      return { cycle: k, status: info.status, info, mine: mine ?? undefined };
    }),
  );
  // The member's choice, else the latest closed cycle they earned in, else the latest closed
  // cycle that shared a budget, else the open one.
  const auto =
    cycles.find((c) => c.mine && BigInt(c.mine.amount) > 0n)?.cycle ??
    cycles.find((c) => c.info && BigInt(c.info.budget) > 0n)?.cycle ??
    current.cycle;
  const chosen = state.chosenCycle;
  const selected = chosen !== null && (chosen === current.cycle || cycles.some((c) => c.cycle === chosen)) ? chosen : auto;
  update({ cycles, selectedCycle: selected });
  await loadDistribution(selected, selected !== current.cycle);
}

const closedCache = new Map<string, DistRow[]>();
type DistRow = { addr: string; amount: string; weight: string };

/**
 * Every member's share of a closed cycle: the distributor's `payouts`, page after page (a
 * closed cycle's amounts never change: read once). A distributor older than that query is
 * asked `explain` member by member instead.
 */
async function closedPayouts(cycle: number): Promise<DistRow[]> {
  const h = state.holon!;
  const key = `${h.d.addresses.distributor}:${cycle}`;
  const cached = closedCache.get(key);
  if (cached) return cached;
  let rows: DistRow[];
  try {
    const list = await allPages((after: string | undefined, limit) => payoutsPage(cycle, after, limit), (p) => p.member, { limit: PAGE.flow });
    rows = list.map((p) => ({ addr: p.member, amount: p.amount, weight: p.weight }));
  } catch (e) {
    if (!isUnknownQuery(e)) throw e;
    rows = await Promise.all(
      state.members.map(async (m) => {
        const x = await settle(h.distributor.explain({ cycle, member: m.addr }));
        return { addr: m.addr, amount: x?.amount ?? "0", weight: x?.weight ?? "0" };
      }),
    );
  }
  closedCache.set(key, rows);
  return rows;
}

/**
 * Every member's share of one cycle: the `payouts` of a closed one; of the open one, the
 * `previews` (what each would get if it closed now), all pages.
 */
export async function loadDistribution(cycle: number, closed: boolean) {
  const h = state.holon!;
  if (closed) {
    const known = state.cycles.find((c) => c.cycle === cycle)?.info;
    const [rows, info] = await Promise.all([closedPayouts(cycle), known ?? h.distributor.cycle({ cycle })]);
    update({ distribution: { cycle, closed, rows, members: state.members.length, budget: info.budget } });
    return;
  }
  // Every member's share if it closed now: the distributor's `previews`, page after page
  // (views/shares.ts); `preview` per member on show only for a distributor without it.
  const shown = state.members.slice(0, state.openShown).map((m) => m.addr);
  const { rows, complete } = await openShares(h.distributor, shown);
  update({ distribution: { cycle, closed, rows, members: state.members.length, budget: null, complete } });
}

/** Other holons on this chain (deployments/index.json) and whether they accept our token. */
async function loadTargets() {
  const h = state.holon!;
  const ours = h.d.addresses.token;
  const list = await listDeployments();
  const targets: ExchangeTarget[] = [];
  await Promise.all(
    list.map(async ({ slug, url }) => {
      const d = await settle(loadDeployment(url));
      if (!d || d.addresses.distributor === h.d.addresses.distributor || d.chain_id !== h.d.chain_id) return;
      // Is it on this chain at all (a deployment file of an earlier localnet is stale)?
      const info = await settle(h.client.queryContractSmart(d.addresses.distributor, { holon_info: {} }));
      if (!info) return;
      const acc = await settle(
        h.client.queryContractSmart(d.addresses.distributor, { accepted_holon: { token: ours } }) as Promise<{
          holon: ExchangeTarget["accepted"];
        }>,
      );
      const ti = await settle(
        h.client.queryContractSmart(d.addresses.token, { token_info: {} }) as Promise<{ symbol: string; decimals: number }>,
      );
      const addr = me();
      const bal = addr
        ? await settle(h.client.queryContractSmart(d.addresses.token, { balance: { address: addr } }) as Promise<{ balance: string }>)
        : null;
      targets.push({
        balance: bal?.balance ?? null,
        slug,
        name: d.holon,
        distributor: d.addresses.distributor,
        token: d.addresses.token,
        symbol: ti?.symbol ?? d.token?.symbol ?? "?",
        decimals: ti?.decimals ?? d.token?.decimals ?? 6,
        accepted: acc?.holon ?? null,
      });
    }),
  );
  targets.sort((a, b) => Number(!!b.accepted) - Number(!!a.accepted) || a.name.localeCompare(b.name));
  update({ targets });
}

async function loadStewards() {
  const h = state.holon!;
  const [funds, accepted] = await Promise.all([
    allPages(async (startAfter: number | undefined, limit) => (await h.distributor.funds({ startAfter, limit })).funds, (f) => f.id, { limit: PAGE.flow }),
    allPages(async (startAfter: string | undefined, limit) => (await h.distributor.acceptedHolons({ startAfter, limit })).holons, (x) => x.token, { limit: PAGE.flow }),
  ]);
  update({ funds: funds.slice(-10).reverse(), accepted });
}

/**
 * The commons: every listing (all pages), its owner, config and totals; this wallet's bookings,
 * purchases and the purchases of its offers (all pages); the open resource's calendar over the
 * days shown (all pages). A holon deployed before the commons has none: nothing is read.
 */
export async function loadCommons() {
  const c = state.holon!.commons;
  if (!c) {
    update({ listings: [], commonsOwner: null, commonsConfig: null, commonsTotals: null, myBookings: [], myPurchases: [], mySales: [], calendar: null });
    return;
  }
  const addr = me();
  const [listings, ownership, config, totals, myBookings, myPurchases, mySales] = await Promise.all([
    allListings(async (startAfter, limit) => (await c.listings({ startAfter, limit })).listings),
    c.ownership(),
    c.config(),
    c.totals(),
    addr ? allBookings(async (startAfter, limit) => (await c.bookings({ booker: addr, startAfter, limit })).bookings) : [],
    addr ? allPurchases(async (startAfter, limit) => (await c.purchases({ buyer: addr, startAfter, limit })).purchases) : [],
    addr ? allPurchases(async (startAfter, limit) => (await c.purchases({ provider: addr, startAfter, limit })).purchases) : [],
  ]);
  const open = listings.find((l) => l.id === state.commonsListing);
  let calendar: typeof state.calendar = null;
  if (open && isBooked(open)) {
    const from = Math.floor(Date.now() / 1000 / 3600) * 3600;
    const to = from + state.calendarDays * DAY;
    const bookings = await allCalendar(async (startAfter, limit) => (await c.calendar({ listing: open.id, from, to, startAfter, limit })).bookings);
    calendar = { listing: open.id, from, to, bookings };
  }
  update({
    listings,
    commonsOwner: ownership.owner ?? null,
    commonsConfig: config.config,
    commonsTotals: totals.totals,
    myBookings: myBookings.reverse(),
    myPurchases: myPurchases.reverse(),
    mySales: mySales.reverse(),
    calendar,
  });
}

/** A read (refresh) that says whether it succeeded: the node answered every query. */
export async function refreshOk(): Promise<boolean> {
  await refresh();
  return state.readError === null;
}

/** After a steward changes settings: config, members and policies again. */
export async function reloadAll() {
  staticLoaded = false;
  await refresh();
}
