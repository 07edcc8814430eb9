// What @chain-registry/keplr takes from @keplr-wallet/cosmos: Bech32Address.defaultBech32Config,
// the bech32 prefixes of a chain (account, validator, consensus) from its main prefix, as
// @keplr-wallet/cosmos 0.12.28 writes them. The Keplr and Leap adapters import
// @chain-registry/keplr to turn a chain registry entry into Keplr's chain info; the whole of
// @keplr-wallet/cosmos (about 1 MB, 299 kB gzip: its own crypto, protobuf and bech32) came with
// it for this one function. vite.config.ts aliases @keplr-wallet/cosmos to this file; the unit
// test compares it with the original.
export interface Bech32Config {
  bech32PrefixAccAddr: string;
  bech32PrefixAccPub: string;
  bech32PrefixValAddr: string;
  bech32PrefixValPub: string;
  bech32PrefixConsAddr: string;
  bech32PrefixConsPub: string;
}

export class Bech32Address {
  static defaultBech32Config(
    mainPrefix: string,
    validatorPrefix = "val",
    consensusPrefix = "cons",
    publicPrefix = "pub",
    operatorPrefix = "oper",
  ): Bech32Config {
    return {
      bech32PrefixAccAddr: mainPrefix,
      bech32PrefixAccPub: mainPrefix + publicPrefix,
      bech32PrefixValAddr: mainPrefix + validatorPrefix + operatorPrefix,
      bech32PrefixValPub: mainPrefix + validatorPrefix + operatorPrefix + publicPrefix,
      bech32PrefixConsAddr: mainPrefix + validatorPrefix + consensusPrefix,
      bech32PrefixConsPub: mainPrefix + validatorPrefix + consensusPrefix + publicPrefix,
    };
  }
}
