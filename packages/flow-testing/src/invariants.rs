//! The promises a holon keeps, checked after every step of a story.

use cosmwasm_std::Uint128;
use cw20::AllAccountsResponse;
use flow_types::distributor::{
    self as dist, BudgetMode, ConfigResponse, CurrentCycleResponse, CycleResponse,
};

use crate::suite::{Holon, Suite};

impl Suite {
    /// Asserts every invariant of the first holon.
    #[track_caller]
    pub fn assert_invariants(&self) {
        let holon = self.holon().clone();
        self.assert_invariants_of(&holon);
    }

    /// Minted per cycle ≤ budget; total supply = Σ balances; treasury ≥ outstanding supply;
    /// the treasury's books never exceed the coins it really holds.
    #[track_caller]
    pub fn assert_invariants_of(&self, holon: &Holon) {
        // total supply = Σ balances
        let mut sum = 0u128;
        let mut start_after = None;
        loop {
            let page: AllAccountsResponse = self
                .query(
                    &holon.token,
                    &cw20::Cw20QueryMsg::AllAccounts {
                        start_after: start_after.clone(),
                        limit: Some(30),
                    },
                )
                .expect("all accounts");
            if page.accounts.is_empty() {
                break;
            }
            for a in &page.accounts {
                sum += self.balance_of(&holon.token, &cosmwasm_std::Addr::unchecked(a));
            }
            start_after = page.accounts.last().cloned();
        }
        let supply = self.total_supply_of(&holon.token);
        assert_eq!(
            supply, sum,
            "{}: total supply differs from the sum of balances",
            holon.name
        );

        // minted per closed cycle ≤ budget, and ≤ what the close allocated
        let current: CurrentCycleResponse = self
            .query(&holon.distributor, &dist::QueryMsg::CurrentCycle {})
            .expect("current cycle");
        for k in 1..current.next_to_close {
            let c: CycleResponse = self
                .query(&holon.distributor, &dist::QueryMsg::Cycle { cycle: k })
                .expect("cycle");
            assert!(
                c.claimed <= c.budget,
                "{}: cycle {k} minted {} over its budget {}",
                holon.name,
                c.claimed,
                c.budget
            );
            let allocated = c.contribution_pool + c.baseline_each * Uint128::from(c.members_weight);
            assert!(
                c.claimed <= allocated,
                "{}: cycle {k} minted {} over its allocation {allocated}",
                holon.name,
                c.claimed
            );
        }

        // treasury ≥ outstanding supply, and the books match the bank
        let config: ConfigResponse = self
            .query(&holon.distributor, &dist::QueryMsg::Config {})
            .expect("config");
        if let BudgetMode::Treasury { .. } = config.config.budget {
            let t: dist::TreasuryResponse = self
                .query(&holon.distributor, &dist::QueryMsg::Treasury {})
                .expect("treasury");
            assert!(
                t.held >= t.outstanding + t.allocated,
                "{}: treasury {} below outstanding {} + allocated {}",
                holon.name,
                t.held,
                t.outstanding,
                t.allocated
            );
            assert!(
                self.native_balance(&holon.distributor) >= t.held.u128(),
                "{}: the treasury's books ({}) exceed its coins",
                holon.name,
                t.held
            );
            assert_eq!(
                t.outstanding.u128(),
                supply,
                "{}: outstanding differs from the supply",
                holon.name
            );
        }
    }
}
