// The holon's four contracts (and its cw4 group) through the generated client, and the reads
// each screen needs.
import type { CosmWasmClient, ExecuteResult, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";

import { AttestationClient, AttestationQueryClient } from "@cw-flow/client/Attestation.client";
import { DistributorClient, DistributorQueryClient } from "@cw-flow/client/Distributor.client";
import { DistributorMsgComposer } from "@cw-flow/client/Distributor.message-composer";
import { FlowTokenClient, FlowTokenQueryClient } from "@cw-flow/client/FlowToken.client";
import { NeedRegistryClient, NeedRegistryQueryClient } from "@cw-flow/client/NeedRegistry.client";
import type { Attestation } from "@cw-flow/client/Attestation.types";

import type { Deployment } from "./chain";

/** A member of the holon's cw4 group, with the name the deployment gives them. */
export interface Member {
  addr: string;
  weight: number;
  name?: string;
}

export class Holon {
  readonly registry: NeedRegistryQueryClient;
  readonly attestation: AttestationQueryClient;
  readonly distributor: DistributorQueryClient;
  readonly token: FlowTokenQueryClient;

  constructor(readonly d: Deployment, readonly client: CosmWasmClient) {
    const a = d.addresses;
    this.registry = new NeedRegistryQueryClient(client, a.registry);
    this.attestation = new AttestationQueryClient(client, a.attestation);
    this.distributor = new DistributorQueryClient(client, a.distributor);
    this.token = new FlowTokenQueryClient(client, a.token);
  }

  /** Signing clients of the four contracts, as `sender`. */
  as(client: SigningCosmWasmClient, sender: string) {
    const a = this.d.addresses;
    return {
      registry: new NeedRegistryClient(client, sender, a.registry),
      attestation: new AttestationClient(client, sender, a.attestation),
      distributor: new DistributorClient(client, sender, a.distributor),
      token: new FlowTokenClient(client, sender, a.token),
      /** Closes `count` ended cycles in one transaction (each close_cycle closes the oldest). */
      closeCycles: (count: number): Promise<ExecuteResult> => {
        const composer = new DistributorMsgComposer(sender, a.distributor);
        const msgs = Array.from({ length: count }, () => composer.closeCycle());
        return client.signAndBroadcast(sender, msgs, "auto").then((r) => {
          if (r.code !== 0) throw new Error(`Error when broadcasting tx ${r.transactionHash} at height ${r.height}. Code: ${r.code}; Raw log: ${r.rawLog}`);
          return { logs: [], height: r.height, transactionHash: r.transactionHash, events: r.events, gasWanted: r.gasWanted, gasUsed: r.gasUsed };
        });
      },
      /** A cw20 Send of our token to a holon's distributor with a payload (redeem, gift_to_pool, exchange). */
      sendToHolon: (token: string, distributor: string, amount: string, payload: object): Promise<ExecuteResult> =>
        new FlowTokenClient(client, sender, token).send({
          contract: distributor,
          amount,
          msg: toBase64(toUtf8(JSON.stringify(payload))),
        }),
    };
  }

  /** The cw4 group's members (first page: up to 100), named from the deployment file. */
  async members(): Promise<Member[]> {
    const res = (await this.client.queryContractSmart(this.d.addresses.group, {
      list_members: { limit: 100 },
    })) as { members: { addr: string; weight: number }[] };
    const named = new Map((this.d.members ?? []).map((m) => [m.address, m.name]));
    return res.members.map((m) => ({ addr: m.addr, weight: m.weight, name: named.get(m.addr) ?? undefined }));
  }

  async memberWeight(addr: string): Promise<number> {
    const res = (await this.client.queryContractSmart(this.d.addresses.group, {
      member: { addr },
    })) as { weight: number | null };
    return res.weight ?? 0;
  }

  /** Every attestation of a status (up to `max`, following pages). */
  async byStatus(status: Attestation["status"], max = 200): Promise<Attestation[]> {
    const out: Attestation[] = [];
    let startAfter: number | undefined;
    while (out.length < max) {
      const { attestations } = await this.attestation.byStatus({ status, startAfter, limit: 100 });
      out.push(...attestations);
      if (attestations.length < 100) break;
      startAfter = attestations[attestations.length - 1].id;
    }
    return out;
  }

  async byMember(member: string, max = 300): Promise<Attestation[]> {
    const out: Attestation[] = [];
    let startAfter: number | undefined;
    while (out.length < max) {
      const { attestations } = await this.attestation.byMember({ member, startAfter, limit: 100 });
      out.push(...attestations);
      if (attestations.length < 100) break;
      startAfter = attestations[attestations.length - 1].id;
    }
    return out;
  }

  /** Whether `member` is among a need's requesters / offerers (lists of at most 200). */
  async requests(needId: number, member: string): Promise<{ requested: boolean; offered: boolean }> {
    const all = async (q: (p: { needId: number; startAfter?: string; limit: number }) => Promise<{ members: string[] }>) => {
      const out: string[] = [];
      let startAfter: string | undefined;
      for (let page = 0; page < 3; page++) {
        const { members } = await q({ needId, startAfter, limit: 100 });
        out.push(...members);
        if (members.length < 100) break;
        startAfter = members[members.length - 1];
      }
      return out;
    };
    const [r, o] = await Promise.all([all(this.registry.requesters), all(this.registry.offers)]);
    return { requested: r.includes(member), offered: o.includes(member) };
  }

  async nativeBalance(addr: string, denom: string): Promise<string> {
    return (await this.client.getBalance(addr, denom)).amount;
  }
}
