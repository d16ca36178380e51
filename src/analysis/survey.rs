//! A survey's figures: per-question means and distributions, CSI, satisfaction rate,
//! NPS and the importance–performance quadrants of its rating questions.

use crate::analysis::rate::Rate;
use crate::analysis::satisfaction::{csi, nps, quadrants, satisfaction_rate, Quadrant, RatedItem};
use crate::model::survey::{Answer, QuestionKind, Survey, SurveyResponse};

/// One question's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    /// The question's id.
    pub question_id: String,
    /// Mean of rating or likelihood answers.
    pub mean: Option<f64>,
    /// How many answers gave each value: 1–5 for ratings, 0–10 for likelihood, each
    /// option for choices (empty for text).
    pub distribution: Vec<usize>,
}

/// What a survey's responses add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResults {
    /// Per question, in survey order.
    pub questions: Vec<QuestionResult>,
    /// The weighted satisfaction index, 0–100, over the rating questions.
    pub csi: Option<f64>,
    /// The share of rating answers that are 4 or 5.
    pub satisfaction_rate: Rate,
    /// NPS over the likelihood answers.
    pub nps: Option<f64>,
    /// The rating questions' places in the importance–performance chart (importance =
    /// weight, performance = mean), as (question id, quadrant).
    pub quadrants: Vec<(String, Quadrant)>,
}

/// The figures of `survey` over `responses` (those of other surveys are ignored).
pub fn results(survey: &Survey, responses: &[SurveyResponse]) -> SurveyResults {
    let answers_to = |qid: &str| -> Vec<&Answer> {
        responses
            .iter()
            .filter(|r| r.survey_id == survey.id && r.deleted_at.is_none())
            .filter_map(|r| r.answers.get(qid))
            .collect()
    };
    let mut rated = Vec::new();
    let mut likelihood = Vec::new();
    let mut questions = Vec::new();
    for q in &survey.questions {
        let answers = answers_to(&q.id);
        let values: Vec<u8> = answers
            .iter()
            .filter_map(|a| match a {
                Answer::Rating(v) | Answer::Likelihood(v) => Some(*v),
                _ => None,
            })
            .collect();
        let mean =
            (!values.is_empty()).then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64);
        let mut distribution = match &q.kind {
            QuestionKind::Rating { .. } => vec![0; 5],
            QuestionKind::Likelihood => vec![0; 11],
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => vec![0; options.len()],
            QuestionKind::Text => Vec::new(),
        };
        for a in &answers {
            let slots: Vec<usize> = match a {
                Answer::Rating(v) => vec![usize::from(*v).saturating_sub(1)],
                Answer::Likelihood(v) => vec![usize::from(*v)],
                Answer::Choice(i) => vec![*i],
                Answer::Choices(is) => is.clone(),
                Answer::Text(_) => Vec::new(),
            };
            for s in slots {
                if let Some(n) = distribution.get_mut(s) {
                    *n += 1;
                }
            }
        }
        match &q.kind {
            QuestionKind::Rating { weight } => {
                rated.push((q.id.clone(), RatedItem { weight: *weight, ratings: values }))
            }
            QuestionKind::Likelihood => likelihood.extend(values),
            _ => {}
        }
        questions.push(QuestionResult { question_id: q.id.to_string(), mean, distribution });
    }
    let items: Vec<RatedItem> = rated.iter().map(|(_, i)| i.clone()).collect();
    let plotted: Vec<(String, (f64, f64))> =
        rated.iter().filter_map(|(id, i)| i.mean().map(|m| (id.to_string(), (i.weight, m)))).collect();
    let points: Vec<(f64, f64)> = plotted.iter().map(|(_, p)| *p).collect();
    SurveyResults {
        questions,
        csi: csi(&items),
        satisfaction_rate: satisfaction_rate(items.iter().flat_map(|i| i.ratings.iter())),
        nps: nps(&likelihood),
        quadrants: plotted.into_iter().map(|(id, _)| id).zip(quadrants(&points)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::examples::{responses, survey};

    #[test]
    fn results_of_three_questions_and_five_responses() {
        let r = results(&survey(), &responses());
        assert!((r.csi.unwrap() - 74.0).abs() < 1e-9);
        assert!((r.nps.unwrap() - 40.0).abs() < 1e-9);
        assert_eq!(r.satisfaction_rate, Rate { hit: 10, of: 15 });
        assert_eq!(r.questions[0].distribution, [0, 0, 1, 2, 2], "speed: one 3, two 4s, two 5s");
        assert!((r.questions[1].mean.unwrap() - 3.0).abs() < 1e-9);
        // Weights 0.5/0.3/0.2 (mean 1/3), means 4.2/3.0/4.8 (mean 4.0).
        assert_eq!(
            r.quadrants,
            [
                ("speed".into(), Quadrant::Keep),
                ("attitude".into(), Quadrant::ImproveLater),
                ("quality".into(), Quadrant::Maintain)
            ]
        );
    }
}
