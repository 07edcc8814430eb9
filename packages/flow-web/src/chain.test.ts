import { describe, expect, it } from "vitest";

import { DeploymentError, checkDeployment, deploymentUrl, splitGasPrice } from "./chain";
import { percentToFraction } from "./views/stewards";

const dep = {
  holon: "Holon Alpha",
  chain_id: "cw-flow-local",
  rpc: "http://127.0.0.1:26657",
  gas_prices: "0.0025stake",
  addresses: {
    group: "wasm14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9s0phg4d",
    registry: "wasm1nc5tatafv6eyq7llkr2gv50ff9e22mnf70qgjlv737ktmt4eswrqr5j2ht",
    distributor: "wasm1zwv6feuzhy6a9wekh96cd57lsarmqlwxdypdsplw6zhfncqw6ftqm3x37s",
    token: "wasm1436kxs0w2es6xlqpp9rd35e3d0cjnw4sv8j3a7483sgks29jqwgsvxktk6",
    attestation: "wasm1qwlgtx52gsdu7dtp0cekka5zehdl0uj3fhp9acg325fvgs8jdzksu3v4ff",
  },
};

describe("the deployment file", () => {
  it("is /deployment.json unless the query names another", () => {
    expect(deploymentUrl("")).toBe("deployment.json");
    expect(deploymentUrl("?holon=holon-beta")).toBe("deployments/holon-beta.json");
    expect(deploymentUrl("?holon=../../etc")).toBe("deployment.json");
    expect(deploymentUrl("?deployment=https://example.org/alpha.json")).toBe("https://example.org/alpha.json");
  });

  it("must name the chain and the five contracts", () => {
    expect(checkDeployment(dep, "x").holon).toBe("Holon Alpha");
    const { registry: _, ...partial } = dep.addresses;
    expect(() => checkDeployment({ ...dep, addresses: partial }, "d.json")).toThrow(DeploymentError);
    expect(() => checkDeployment({ ...dep, addresses: partial }, "d.json")).toThrow(/addresses.registry/);
    expect(checkDeployment({ ...dep, gas_prices: undefined }, "x").gas_prices).toBe("0.0025stake");
  });
});

describe("the gas price", () => {
  it("splits gas prices", () => {
    expect(splitGasPrice("0.025uconst")).toEqual({ amount: 0.025, denom: "uconst" });
    expect(() => splitGasPrice("cheap")).toThrow(DeploymentError);
  });
});

describe("policy form", () => {
  it("turns percentages into the contract's fractions", () => {
    expect(percentToFraction("10", "reserve")).toBe("0.1");
    expect(percentToFraction("12.5", "reserve")).toBe("0.125");
    expect(percentToFraction("0", "reserve")).toBe("0");
    expect(percentToFraction("100", "baseline")).toBe("1");
    expect(percentToFraction("", "baseline")).toBe("0");
  });
});
