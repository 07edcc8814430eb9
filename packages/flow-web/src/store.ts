// The page's state: one object, re-rendered (lit-html) after every change.
import type { Deployment, Wallet } from "./chain";
import type { Holon, Member } from "./holon";

export type { Member };
import type * as A from "@cw-flow/client/Attestation.types";
import type * as D from "@cw-flow/client/Distributor.types";
import type * as N from "@cw-flow/client/NeedRegistry.types";
import type * as T from "@cw-flow/client/FlowToken.types";
import type * as C from "@cw-flow/client/Commons.types";
import type { DraftProposal, MultisigConfig, ProposalResponse, ThresholdResponse, VoteInfo } from "./governance";

export type Route = "holon" | "needs" | "attest" | "cosign" | "flow" | "commons" | "proposals" | "stewards";
export const ROUTES: { id: Route; label: string }[] = [
  { id: "holon", label: "Holon" },
  { id: "needs", label: "Needs" },
  { id: "attest", label: "Attest" },
  { id: "cosign", label: "Co-sign" },
  { id: "flow", label: "My flow" },
  { id: "commons", label: "Commons" },
  { id: "proposals", label: "Proposals" },
  { id: "stewards", label: "Stewards" },
];

/** How an action next to its button is going. */
export interface ActionState {
  phase: "sign" | "wait" | "ok" | "error";
  text: string;
  /** The chain's own words, for an error. */
  detail?: string;
  tx?: string;
  /** Which attempt this is (grows with every action): lets a test tell a new result from an old one. */
  n?: number;
}

/** A holon that may take our tokens (another deployment on this chain). */
export interface ExchangeTarget {
  slug: string;
  name: string;
  distributor: string;
  token: string;
  symbol: string;
  decimals: number;
  accepted: D.AcceptedHolon | null;
  /** What this wallet holds of that holon's token. */
  balance: string | null;
}

export interface CycleView {
  cycle: number;
  status: D.CycleStatus;
  info?: D.CycleResponse;
  mine?: D.ExplainResponse;
}

/**
 * Who governs the holon (the owner of its contracts): a wallet, the members' cw3 multisig
 * (answers cw3's `threshold {}`), or another contract the page cannot propose to.
 */
export interface Governance {
  kind: "wallet" | "members" | "contract";
  address: string;
  /** members: the rule for a proposal made now, and the multisig's config */
  threshold?: ThresholdResponse | null;
  config?: MultisigConfig | null;
}

/** A proposal of the members' multisig with every vote on it. */
export interface ProposalView {
  p: ProposalResponse;
  votes: VoteInfo[];
}

/** A policy version scheduled for a later cycle. */
export interface ScheduledPolicy {
  version: number;
  from_cycle: number;
  policy: D.Policy;
}

export interface State {
  deploymentUrl: string;
  d: Deployment | null;
  holon: Holon | null;
  loadError: string | null;
  /** The deployment file asked for is of another site and not on this site's allow-list. */
  sourceRefused: boolean;
  route: Route;
  wallet: Wallet | null;
  connecting: boolean;
  walletError: string | null;
  /** When chain data was last read (ms), and whether a read is under way. */
  loadedAt: number;
  loading: boolean;
  readError: string | null;

  info: D.HolonInfoResponse | null;
  config: D.Config | null;
  tokenInfo: T.TokenInfoResponse | null;
  treasury: D.TreasuryResponse | null;
  policy: D.PolicyResponse | null;
  current: D.CurrentCycleResponse | null;
  currentAt: number;
  governance: string | null;
  gov: Governance | null;
  /** This wallet's weight in the members' governance (cw3 `voter`), when it is a multisig. */
  myVotingWeight: number | null;
  /** Open proposals this wallet has not voted on (the Proposals tab's count). */
  toVote: number;
  proposals: ProposalView[];
  /** The chain's clock and height when the proposals were read (ms, for the time left). */
  proposalsRead: { chainTimeMs: number; height: number; at: number } | null;
  /** Proposals drafted from a steward form, shown for a last look before signing (by action key). */
  drafts: Record<string, DraftProposal>;
  /** Policy versions scheduled from a later cycle than the open one. */
  scheduled: ScheduledPolicy[];
  members: Member[];
  myWeight: number | null;
  balance: string | null;
  attestationConfig: A.Config | null;

  categories: N.Category[];
  demand: N.CategoryDemand[];
  needs: N.Need[];
  myRequests: Set<number>;
  myOffers: Set<number>;
  registryConfig: N.Config | null;
  needFilter: string;

  mine: A.Attestation[];
  toCosign: A.Attestation[];
  challenged: A.Attestation[];
  disputed: A.Attestation[];
  attestNeed: number | null;

  preview: D.PreviewResponse | null;
  cycles: CycleView[];
  /** The cycle on show in "My flow", and the one the member picked (null: the page picks). */
  selectedCycle: number | null;
  chosenCycle: number | null;
  /**
   * One cycle's shares: of a closed cycle every member's (the distributor's `payouts`, with the
   * cycle's budget), of the open one every member's if it closed now (`previews`).
   */
  distribution: {
    cycle: number;
    closed: boolean;
    rows: { addr: string; amount: string; weight: string }[];
    /** How many members the holon has. */
    members: number;
    budget: string | null;
    /**
     * Of the open cycle: every member the distributor's `previews` lists (true), or the
     * first `openShown` members' `preview` (a distributor without `previews`).
     */
    complete?: boolean;
  } | null;
  /** How many members the open cycle's shares are read for (a page at a time; old distributors). */
  openShown: number;
  targets: ExchangeTarget[];

  funds: D.FundRecord[];
  accepted: D.AcceptedHolon[];

  /** The commons: every listing, its owner (governance), config and totals. */
  listings: C.Listing[];
  commonsOwner: string | null;
  commonsConfig: C.Config | null;
  commonsTotals: C.Totals | null;
  /** This wallet's bookings and purchases, and the purchases of its offers. */
  myBookings: C.Booking[];
  myPurchases: C.Purchase[];
  mySales: C.Purchase[];
  /** The open listing's calendar over a window (Unix seconds). */
  calendar: { listing: number; from: number; to: number; bookings: C.Booking[] } | null;
  /** The category the commons is filtered by ("" all), the listing opened, its form's inputs (the price shown before signing). */
  commonsFilter: string;
  commonsListing: number | null;
  commonsInputs: Record<string, string>;
  /** How many days of the open resource's calendar are shown. */
  calendarDays: number;
  /** The purchase typed into "Resolve a disputed purchase", as the commons has it (null: none such). */
  disputeLookup: { id: number; purchase: C.Purchase | null } | null;

  actions: Record<string, ActionState>;
}

export const state: State = {
  deploymentUrl: "deployment.json",
  d: null,
  holon: null,
  loadError: null,
  sourceRefused: false,
  route: "holon",
  wallet: null,
  connecting: false,
  walletError: null,
  loadedAt: 0,
  loading: false,
  readError: null,
  info: null,
  config: null,
  tokenInfo: null,
  treasury: null,
  policy: null,
  current: null,
  currentAt: 0,
  governance: null,
  gov: null,
  myVotingWeight: null,
  toVote: 0,
  proposals: [],
  proposalsRead: null,
  drafts: {},
  scheduled: [],
  members: [],
  myWeight: null,
  balance: null,
  attestationConfig: null,
  categories: [],
  demand: [],
  needs: [],
  myRequests: new Set(),
  myOffers: new Set(),
  registryConfig: null,
  needFilter: "",
  mine: [],
  toCosign: [],
  challenged: [],
  disputed: [],
  attestNeed: null,
  preview: null,
  cycles: [],
  selectedCycle: null,
  chosenCycle: null,
  distribution: null,
  openShown: 30,
  targets: [],
  funds: [],
  accepted: [],
  listings: [],
  commonsOwner: null,
  commonsConfig: null,
  commonsTotals: null,
  myBookings: [],
  myPurchases: [],
  mySales: [],
  calendar: null,
  commonsFilter: "",
  commonsListing: null,
  commonsInputs: {},
  calendarDays: 14,
  disputeLookup: null,
  actions: {},
};

let renderer: () => void = () => {};
let scheduled = false;

export function setRenderer(fn: () => void) {
  renderer = fn;
}

/** Applies a change and re-renders (batched). */
export function update(patch: Partial<State> = {}) {
  Object.assign(state, patch);
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    renderer();
  });
}

export const me = () => state.wallet?.address ?? null;
export const isMember = () => (state.myWeight ?? 0) > 0;
export const isSteward = () => !!state.wallet && state.wallet.address === state.governance;
/** Whether the holon is governed by its members' cw3 multisig (steward forms propose). */
export const byMembers = () => state.gov?.kind === "members";
/** Whether this wallet may change settings: the governance wallet, or any member when the members govern. */
export const canSteer = () => isSteward() || (byMembers() && isMember());
export const symbol = () => state.tokenInfo?.symbol ?? state.d?.token?.symbol ?? "tokens";
export const decimals = () => state.tokenInfo?.decimals ?? state.d?.token?.decimals ?? 6;
export const denom = () => state.info?.treasury_denom ?? null;

/** A member's name from the deployment file, else null. */
export function nameOf(addr: string | null | undefined): string | null {
  if (!addr) return null;
  if (namesFor !== state.members) {
    namesFor = state.members;
    nameMap = new Map(state.members.filter((m) => m.name).map((m) => [m.addr, m.name!]));
  }
  return nameMap.get(addr) ?? null;
}
// nameOf's index of the members list it was built from (a holon may have thousands).
let namesFor: Member[] | null = null;
let nameMap = new Map<string, string>();

export const names = (): Record<string, string> =>
  Object.fromEntries(state.members.filter((m) => m.name).map((m) => [m.addr, m.name!]));

/** Seconds left in the open cycle, counted down locally between reads. */
export function secondsLeft(): number {
  if (!state.current) return 0;
  return Math.max(0, state.current.seconds_left - Math.floor((Date.now() - state.currentAt) / 1000));
}
