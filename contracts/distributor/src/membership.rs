//! The cw4 group's `member_changed_hook`: the group tells the distributor who leaves, so that
//! a closed cycle's payouts still name a member removed after its close (owed the baseline
//! for their weight at the close, which the group's snapshots keep). The cost is the
//! change's own diffs (what the group's `update_members` was given), never the group's size.
//!
//! The distributor's message set is `flow_types::distributor::ExecuteMsg`; the hook, which
//! only the group sends, is read beside it (`Execute`) without widening that interface.

use std::fmt;

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use cw4::MemberChangedHookMsg;
use flow_types::distributor::ExecuteMsg;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::ContractError;
use crate::state::{CONFIG, DEPARTED};

/// What `execute` takes: one of the distributor's messages, or the group's hook
/// (`{"member_changed_hook": {"diffs": [...]}}`).
#[derive(Debug)]
pub enum Execute {
    Flow(ExecuteMsg),
    MemberChangedHook(MemberChangedHookMsg),
}

const HOOK: &str = "member_changed_hook";

impl<'de> Deserialize<'de> for Execute {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ExecuteVisitor)
    }
}

struct ExecuteVisitor;

impl<'de> Visitor<'de> for ExecuteVisitor {
    type Value = Execute;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a distributor execute message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Execute, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            // `{}`: the message set's own error names the variants.
            return ExecuteMsg::deserialize(de::value::MapAccessDeserializer::new(map))
                .map(Execute::Flow);
        };
        if key == HOOK {
            let hook = map.next_value::<MemberChangedHookMsg>()?;
            if map.next_key::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom(format!("{HOOK} takes one key")));
            }
            return Ok(Execute::MemberChangedHook(hook));
        }
        // Any other key: the message set reads the whole map, the key already read first.
        ExecuteMsg::deserialize(de::value::MapAccessDeserializer::new(KeyFirst {
            key: Some(key),
            map,
        }))
        .map(Execute::Flow)
    }
}

/// A map whose first key was already read: hands that key back first, then the rest.
struct KeyFirst<A> {
    key: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KeyFirst<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.key.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// The group reports a change of members: each one removed is remembered with the height.
pub fn execute_member_changed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: MemberChangedHookMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.group {
        return Err(ContractError::NotGroup {
            group: config.group.to_string(),
            sender: info.sender.to_string(),
        });
    }
    let height = env.block.height;
    let mut departed: Vec<String> = vec![];
    // The change's own diffs: as many as the group's `update_members` was given.
    for diff in msg.diffs {
        if diff.old.is_some() && diff.new.is_none() {
            let member = deps.api.addr_validate(&diff.key)?;
            DEPARTED.save(deps.storage, &member, &height)?;
            departed.push(member.into_string());
        }
    }
    Ok(Response::new()
        .add_attribute("action", "member_changed")
        .add_attribute("departed", departed.join(","))
        .add_attribute("height", height.to_string()))
}
