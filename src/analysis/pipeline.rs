//! Pipeline figures: the conversion funnel by stage, and win rate and value by lead
//! source.

use std::collections::BTreeMap;

use super::rate::Rate;
use crate::model::pipeline::{Opportunity, PipelineStage};

/// How many opportunities reached each stage (or a later one), in stage order.
pub fn funnel(stages: &[PipelineStage], opportunities: &[&Opportunity]) -> Vec<(String, usize)> {
    let mut ordered: Vec<&PipelineStage> = stages.iter().filter(|s| s.deleted_at.is_none()).collect();
    ordered.sort_by_key(|s| s.position);
    let place = |id: &str| ordered.iter().position(|s| s.id == id);
    let mut reached = vec![0usize; ordered.len()];
    for o in opportunities {
        // The furthest stage it ever stood in.
        let furthest =
            o.history.iter().map(|h| h.stage_id.as_str()).chain([o.stage_id.as_str()]).filter_map(place).max();
        if let Some(f) = furthest {
            for r in reached.iter_mut().take(f + 1) {
                *r += 1;
            }
        }
    }
    ordered.iter().zip(reached).map(|(s, n)| (s.name.clone(), n)).collect()
}

/// One lead source's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    /// The source ("" for none given).
    pub source: String,
    /// Opportunities from it.
    pub count: usize,
    /// Won of decided (won or lost).
    pub win_rate: Rate,
    /// Total value of the won ones, yuan.
    pub won_value: f64,
    /// Total expected value of the open ones, yuan.
    pub open_value: f64,
}

/// Win rate and value per lead source, by source name.
pub fn by_source(stages: &[PipelineStage], opportunities: &[&Opportunity]) -> Vec<SourceRow> {
    let won_ids: Vec<&str> = stages.iter().filter(|s| s.won).map(|s| s.id.as_str()).collect();
    let mut rows: BTreeMap<&str, SourceRow> = BTreeMap::new();
    for o in opportunities {
        let won = !o.lost && won_ids.contains(&o.stage_id.as_str());
        let row = rows.entry(o.source.trim()).or_insert_with(|| SourceRow {
            source: o.source.trim().to_owned(),
            count: 0,
            win_rate: Rate::default(),
            won_value: 0.0,
            open_value: 0.0,
        });
        row.count += 1;
        if won || o.lost {
            row.win_rate.of += 1;
        }
        if won {
            row.win_rate.hit += 1;
            row.won_value += o.value;
        } else if !o.lost {
            row.open_value += o.value;
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pipeline::{StageStep, DEFAULT_STAGES};
    use chrono::{DateTime, Utc};

    fn at() -> DateTime<Utc> {
        "2026-11-01T08:00:00Z".parse().unwrap()
    }

    fn stages() -> Vec<PipelineStage> {
        DEFAULT_STAGES
            .iter()
            .enumerate()
            .map(|(i, (id, zh, _, won))| PipelineStage {
                sample: false,
                id: (*id).into(),
                name: (*zh).into(),
                position: i as u32,
                won: *won,
                created_at: at(),
                updated_at: at(),
                deleted_at: None,
            })
            .collect()
    }

    fn opp(source: &str, path: &[&str], value: f64, lost: bool) -> Opportunity {
        Opportunity {
            sample: false,
            id: format!("{source}{}", path.len()).into(),
            customer_id: "c".into(),
            title: "t".into(),
            source: source.into(),
            value,
            close_date: None,
            owner: String::new(),
            next_step: String::new(),
            stage_id: path.last().unwrap().to_string().into(),
            lost,
            lost_reason: if lost { "价格".into() } else { String::new() },
            history: path.iter().map(|s| StageStep { stage_id: (*s).into(), at: at() }).collect(),
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        }
    }

    #[test]
    fn the_funnel_counts_the_furthest_stage_reached() {
        let a = opp("展会", &["stage-prospect"], 10.0, false);
        let b = opp("展会", &["stage-prospect", "stage-contact", "stage-intent"], 20.0, false);
        let c = opp(
            "转介绍",
            &["stage-prospect", "stage-contact", "stage-intent", "stage-negotiation", "stage-won"],
            50.0,
            false,
        );
        // Moved back from 谈判 to 意向: it still reached 谈判.
        let d = opp("转介绍", &["stage-prospect", "stage-negotiation", "stage-intent"], 30.0, true);
        let f = funnel(&stages(), &[&a, &b, &c, &d]);
        let counts: Vec<usize> = f.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [4, 3, 3, 2, 1]);
        assert_eq!(f[0].0, "潜在");

        let rows = by_source(&stages(), &[&a, &b, &c, &d]);
        assert_eq!(rows.len(), 2);
        let referral = rows.iter().find(|r| r.source == "转介绍").unwrap();
        // One won, one lost: 1 of 2.
        assert_eq!(referral.win_rate, Rate { hit: 1, of: 2 });
        assert_eq!(referral.won_value, 50.0);
        let fair = rows.iter().find(|r| r.source == "展会").unwrap();
        assert_eq!(fair.win_rate, Rate { hit: 0, of: 0 });
        assert_eq!(fair.open_value, 30.0);
    }
}
