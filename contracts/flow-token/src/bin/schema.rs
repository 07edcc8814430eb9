//! Writes the JSON schema of the flow-token into `schema/flow-token/` (see `flow_types::schema`).

use cosmwasm_schema::generate_api;
use flow_types::token::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() {
    let api = generate_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    };
    flow_types::schema::write(env!("CARGO_MANIFEST_DIR"), "flow-token", api);
}
