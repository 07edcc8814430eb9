//! Failing cases the properties found, kept as tests of their fixes.

use cosmwasm_std::Uint128;
use distributor::ContractError;
use flow_testing::suite::{assert_error, category, dec};
use flow_testing::SuiteBuilder;
use flow_types::distributor::{CategoryFactor, Model, Policy, Scarcity};

/// Found by `random_closes_keep_the_bounds` (the dust bound with Σ W_i < W), reproduced on
/// chain. WEIGHTING.md promises "the dust (C − Σ p_i) is smaller than the number of
/// contributors", and the README that the dust stays allocated. Under `need` (or `hybrid`)
/// with a fractional N_c, each member's floor18(N_c × S_{i,c}) can round to 0 while
/// floor18(N_c × S_c) does not: two members who each attest 10^-18 hours in a category
/// with N_c = 0.5 make W = 10^-18 and every W_i = 0. The close allocates the whole
/// contribution pool C (W > 0), nobody can claim any of it, and it stays allocated for
/// ever: a colluding pair can lock a quiet cycle's whole budget out of the treasury.
///
/// Minimal sequence: need model, fixed factor garden = 0.5, treasury funded with 1,000;
/// alex attests 0.000000000000000001 h on a garden need, jordan co-signs; jordan attests the
/// same, alex co-signs; the cycle passes and closes; both claims are refused with
/// `NothingToClaim` and 1,000 stay allocated.
///
/// Fixed by a minimum credit per attestation (`MIN_CREDIT`, 0.01 hour-equivalents): the
/// attestations of the sequence are refused with `NoCredit`, and with credits of at least
/// 0.01 each member's rounding loss is below 10^-16 of W. (Governance could still choose
/// factors so small that weights vanish at the 18th decimal: see SECURITY.md.)
#[test]
fn regression_tiny_credits_cannot_lock_a_cycle_budget() {
    let policy = Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "garden".into(),
                factor: dec("0.5"),
            }],
        },
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha()
        .with_category(category("garden"))
        .with_policy(policy)
        .build();
    suite.fund("funder", 1_000).unwrap();
    let garden = suite.post_need("sam", "garden", "Garden").unwrap();
    assert_error(
        suite.attest("alex", garden, "0.000000000000000001", "0", Some("jordan")),
        attestation::ContractError::NoCredit,
    );
    assert_error(
        suite.attest("alex", garden, "0.009999", "0", Some("jordan")),
        attestation::ContractError::NoCredit,
    );
    // The least credit allowed: two members at 0.01 h each, N_c = 0.5.
    suite
        .contribute("alex", garden, "0.01", "0", "jordan")
        .unwrap();
    suite
        .contribute("jordan", garden, "0.01", "0", "alex")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let paid: u128 = ["alex", "jordan"]
        .iter()
        .map(|m| {
            let before = suite.balance(m);
            suite.claim(m, 1).unwrap();
            suite.balance(m) - before
        })
        .sum();
    suite.assert_invariants();
    assert_eq!(paid, 1_000, "the whole pool is paid out");
}

/// Found by `one_holon_keeps_every_promise`: redeeming 0 tokens passes every check of the
/// distributor (it has `ZeroAmount` and uses it for settlements and returns) and then fails
/// in the bank module, "Cannot transfer empty coins amount", because the distributor sends
/// a `BankMsg::Send` of no coins. Nothing is lost (the whole transaction fails), but the
/// member sees a bank error instead of the contract's.
///
/// Minimal sequence: a treasury holon; any account sends 0 of the holon's token to the
/// distributor with `{"redeem":{}}`.
///
/// Fixed: the distributor refuses any zero `Send` with `ZeroAmount`.
#[test]
fn regression_redeem_zero_is_refused_by_the_distributor() {
    let mut suite = SuiteBuilder::holon_alpha().build();
    suite.fund("funder", 1_000).unwrap();
    assert_error(suite.redeem("alex", 0), ContractError::ZeroAmount {});
    assert_eq!(suite.treasury().unwrap().held, Uint128::new(1_000));
}
