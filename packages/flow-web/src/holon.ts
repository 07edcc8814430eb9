// The holon's five contracts (and its cw4 group) through the generated client, and the reads
// each screen needs.
import type { CosmWasmClient, ExecuteResult, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";

import { AttestationClient, AttestationQueryClient } from "@cw-flow/client/Attestation.client";
import { CommonsClient, CommonsQueryClient } from "@cw-flow/client/Commons.client";
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
  /** The holon's commons (null: deployed before the commons). */
  readonly commons: CommonsQueryClient | null;

  constructor(readonly d: Deployment, readonly client: CosmWasmClient) {
    const a = d.addresses;
    this.registry = new NeedRegistryQueryClient(client, a.registry);
    this.attestation = new AttestationQueryClient(client, a.attestation);
    this.distributor = new DistributorQueryClient(client, a.distributor);
    this.token = new FlowTokenQueryClient(client, a.token);
    this.commons = a.commons ? new CommonsQueryClient(client, a.commons) : null;
  }

  /** Signing clients of the five contracts, as `sender`. */
  as(client: SigningCosmWasmClient, sender: string) {
    const a = this.d.addresses;
    return {
      registry: new NeedRegistryClient(client, sender, a.registry),
      attestation: new AttestationClient(client, sender, a.attestation),
      distributor: new DistributorClient(client, sender, a.distributor),
      token: new FlowTokenClient(client, sender, a.token),
      /** The commons (list, pause, resume, withdraw, cancel, release, confirm, dispute, resolve). */
      commons: a.commons ? new CommonsClient(client, sender, a.commons) : null,
      /** A cw20 Send of our token to the commons with a book or buy payload: the payment. */
      payCommons: (amount: string, payload: object): Promise<ExecuteResult> => {
        if (!a.commons) throw new Error("this holon has no commons");
        return new FlowTokenClient(client, sender, a.token).send({ contract: a.commons, amount, msg: toBase64(toUtf8(JSON.stringify(payload))) });
      },
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

  async memberWeight(addr: string): Promise<number> {
    const res = (await this.client.queryContractSmart(this.d.addresses.group, {
      member: { addr },
    })) as { weight: number | null };
    return res.weight ?? 0;
  }

  async nativeBalance(addr: string, denom: string): Promise<string> {
    return (await this.client.getBalance(addr, denom)).amount;
  }
}
