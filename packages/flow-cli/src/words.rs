//! Governance in plain words: the proposal a set of steward actions makes, and what a
//! proposal changes ("from cycle 2: model need, childcare ×2, garden ×0.5").

use cosmwasm_std::{Decimal, StdResult};
use flow_types::attestation::AttestationPolicy;
use flow_types::distributor::{Model, Policy, Scarcity};
use flow_types::governance::{hours, n, pct, HolonAddresses, MultisigExecuteMsg, StewardAction};
// The plain-words formatters are flow-types' own, shared with the proposals' summaries.
pub use flow_types::governance::span;
use flow_types::registry::Category;

/// The multisig's `Propose` for `actions`: one action is `StewardAction::propose` exactly;
/// several (a policy and attestation rules) join their titles, summaries and messages.
pub fn propose(
    actions: &[StewardAction],
    holon: &HolonAddresses,
    next_cycle: u64,
) -> StdResult<MultisigExecuteMsg> {
    if let [one] = actions {
        return one.propose(holon, Some(next_cycle));
    }
    let mut titles = vec![];
    let mut summaries = vec![];
    let mut msgs = vec![];
    for (i, a) in actions.iter().enumerate() {
        let title = a.title();
        titles.push(if i == 0 { title } else { lower_first(&title) });
        summaries.push(a.summary(Some(next_cycle)));
        msgs.extend(a.msgs(holon)?);
    }
    Ok(MultisigExecuteMsg::Propose {
        title: titles.join(" and "),
        description: summaries.join("; "),
        msgs,
        latest: None,
    })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn model_name(m: Model) -> &'static str {
    match m {
        Model::Time => "time",
        Model::Need => "need",
        Model::Impact => "impact",
        Model::Hybrid => "hybrid",
    }
}

/// The scarcity factors: "childcare ×2, garden ×0.5".
fn scarcity_words(s: &Scarcity) -> String {
    match s {
        Scarcity::Fixed { factors } if factors.is_empty() => {
            "need factors from the categories".into()
        }
        Scarcity::Fixed { factors } => factors
            .iter()
            .map(|f| format!("{} ×{}", f.category, n(f.factor)))
            .collect::<Vec<_>>()
            .join(", "),
        Scarcity::Auto { min, max } => {
            format!("need factors from demand, ×{} to ×{}", n(*min), n(*max))
        }
    }
}

/// What changes from (`old`, `old_rules`) to (`new`, `new_rules`): the weighting policy from
/// cycle `from_cycle`, the attestation rules at once. "nothing changes" when nothing does.
pub fn policy_changes(
    old: &Policy,
    new: &Policy,
    old_rules: &AttestationPolicy,
    new_rules: &AttestationPolicy,
    from_cycle: u64,
) -> String {
    let mut policy: Vec<String> = vec![];
    if old.model != new.model {
        policy.push(format!("model {}", model_name(new.model)));
    }
    if old.scarcity != new.scarcity {
        policy.push(scarcity_words(&new.scarcity));
    }
    if old.capacity_bonus != new.capacity_bonus {
        policy.push(format!(
            "capacity-building ×{}",
            n(Decimal::one() + new.capacity_bonus)
        ));
    }
    if old.reserve != new.reserve {
        policy.push(format!("{} kept in reserve", pct(new.reserve)));
    }
    if old.baseline != new.baseline {
        policy.push(format!("{} shared equally", pct(new.baseline)));
    }
    if old.max_credit_per_member != new.max_credit_per_member {
        policy.push(match new.max_credit_per_member {
            Some(cap) => format!("at most {} per member a cycle", hours(cap)),
            None => "no cap per member".into(),
        });
    }
    if old.anyone_may_settle != new.anyone_may_settle {
        policy.push(if new.anyone_may_settle {
            "anyone may settle foreign tokens".into()
        } else {
            "only governance settles foreign tokens".into()
        });
    }
    let rules = rule_changes(old_rules, new_rules);
    let mut parts = vec![];
    if !policy.is_empty() {
        parts.push(format!("from cycle {from_cycle}: {}", policy.join(", ")));
    }
    if !rules.is_empty() {
        parts.push(format!("from now: {}", rules.join(", ")));
    }
    if parts.is_empty() {
        "nothing changes".into()
    } else {
        parts.join("; ")
    }
}

/// The attestation rules that change, in words.
fn rule_changes(old: &AttestationPolicy, new: &AttestationPolicy) -> Vec<String> {
    let mut rules = vec![];
    if old.cosigns_required != new.cosigns_required {
        rules.push(if new.cosigns_required == 1 {
            "1 co-sign".to_string()
        } else {
            format!("{} co-signs", new.cosigns_required)
        });
    }
    if old.challenge_seconds != new.challenge_seconds {
        rules.push(if new.challenge_seconds == 0 {
            "no challenge window".into()
        } else {
            format!("a {} challenge window", span(new.challenge_seconds))
        });
    }
    if old.max_hours_per_attestation != new.max_hours_per_attestation {
        rules.push(format!(
            "at most {} an attestation",
            hours(new.max_hours_per_attestation)
        ));
    }
    if old.max_hours_per_cycle != new.max_hours_per_cycle {
        rules.push(format!(
            "at most {} a member a cycle",
            hours(new.max_hours_per_cycle)
        ));
    }
    if old.max_cosigns_per_pair_per_cycle != new.max_cosigns_per_pair_per_cycle {
        rules.push(format!(
            "{} co-signs of one attester by one member a cycle",
            new.max_cosigns_per_pair_per_cycle
        ));
    }
    if old.pending_expiry_seconds != new.pending_expiry_seconds {
        rules.push(if new.pending_expiry_seconds == 0 {
            "unsigned ones never expire".into()
        } else {
            format!(
                "unsigned ones expire after {}",
                span(new.pending_expiry_seconds)
            )
        });
    }
    rules
}

/// What a category proposal changes: a new category in full, or the values that change.
pub fn category_changes(old: Option<&Category>, new: &Category) -> String {
    let Some(old) = old else {
        let summary = StewardAction::SetCategory {
            category: new.clone(),
        }
        .summary(None);
        return format!("new {summary}");
    };
    let mut parts = vec![];
    if old.label != new.label {
        parts.push(format!("label \"{}\"", new.label));
    }
    if old.need_factor != new.need_factor {
        parts.push(format!("need ×{}", n(new.need_factor)));
    }
    if old.impact != new.impact {
        parts.push(format!("impact ×{}", n(new.impact)));
    }
    if old.capacity_building != new.capacity_building {
        parts.push(if new.capacity_building {
            "builds capacity".into()
        } else {
            "does not build capacity".into()
        });
    }
    if old.unit_credit != new.unit_credit {
        parts.push(format!("{} per unit", hours(new.unit_credit)));
    }
    if parts.is_empty() {
        parts.push("nothing changes".into());
    }
    format!("category {}: {}", new.id, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_types::distributor::CategoryFactor;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_policy_change_says_what_changes_and_from_when() {
        let old = Policy::default();
        let new = Policy {
            model: Model::Need,
            scarcity: Scarcity::Fixed {
                factors: vec![
                    CategoryFactor {
                        category: "childcare".into(),
                        factor: dec("2"),
                    },
                    CategoryFactor {
                        category: "garden".into(),
                        factor: dec("0.5"),
                    },
                ],
            },
            ..Policy::default()
        };
        let rules = AttestationPolicy::default();
        assert_eq!(
            policy_changes(&old, &new, &rules, &rules, 2),
            "from cycle 2: model need, childcare ×2, garden ×0.5"
        );
        let stricter = AttestationPolicy {
            cosigns_required: 2,
            challenge_seconds: 86_400,
            ..rules.clone()
        };
        let reserve = Policy {
            reserve: dec("0.1"),
            ..old.clone()
        };
        assert_eq!(
            policy_changes(&old, &reserve, &rules, &stricter, 4),
            "from cycle 4: 10% kept in reserve; from now: 2 co-signs, a 1 day challenge window"
        );
        assert_eq!(
            policy_changes(&old, &old, &rules, &rules, 2),
            "nothing changes"
        );
    }

    #[test]
    fn a_category_change_names_what_changes() {
        let old = Category {
            id: "childcare".into(),
            label: "childcare".into(),
            impact: Decimal::one(),
            capacity_building: false,
            need_factor: Decimal::one(),
            unit_credit: Decimal::zero(),
        };
        let new = Category {
            need_factor: dec("2"),
            capacity_building: true,
            ..old.clone()
        };
        assert_eq!(
            category_changes(Some(&old), &new),
            "category childcare: need ×2, builds capacity"
        );
        assert_eq!(
            category_changes(None, &old),
            "new category childcare \"childcare\": need ×1, impact ×1"
        );
    }
}
