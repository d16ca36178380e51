//! Satisfaction surveys (客户满意度调查): a survey of typed questions, and responses
//! whose answers are checked against them. Their figures (CSI, NPS…) are computed in
//! `analysis::survey`.

use std::collections::BTreeMap;

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, MAX_LINE};
use super::{FieldError, Problem};

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A 1–5 rating, with the item's importance weight (> 0) for the CSI.
    Rating {
        /// Importance weight.
        weight: f64,
    },
    /// 0–10 likelihood to recommend (for NPS).
    Likelihood,
    /// One of the options.
    SingleChoice {
        /// The options.
        options: Vec<String>,
    },
    /// Any of the options.
    MultipleChoice {
        /// The options.
        options: Vec<String>,
    },
    /// Free text.
    Text,
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Question {
    /// Unique within the survey; answers refer to it.
    pub id: Id,
    /// The question as asked.
    pub text: String,
    /// The kind of answer.
    pub kind: QuestionKind,
}

/// A survey (its questions in order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Survey {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// The questions, in the order asked.
    #[serde(default, deserialize_with = "null_as_default")]
    pub questions: Vec<Question>,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "stamp::write_opt",
        deserialize_with = "stamp::read_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Made by loading a sample company or as one of Kehu's defaults, not by the
    /// user: the coursework checks do not count it as the student's own work. Kept by
    /// every merge and export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// To a rating question: 1–5.
    Rating(u8),
    /// To a likelihood question: 0–10.
    Likelihood(u8),
    /// To a single-choice question: the option's index.
    Choice(usize),
    /// To a multiple-choice question: the options' indexes.
    Choices(Vec<usize>),
    /// To a text question.
    Text(String),
}

impl Answer {
    /// Whether the answer fits `kind`, and if not, what is wrong.
    pub fn check(&self, kind: &QuestionKind) -> Result<(), Problem> {
        let in_range = |v: i64, min: i64, max: i64| {
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(Problem::OutOfRange { min, max })
            }
        };
        match (self, kind) {
            (Answer::Rating(v), QuestionKind::Rating { .. }) => in_range(i64::from(*v), 1, 5),
            (Answer::Likelihood(v), QuestionKind::Likelihood) => in_range(i64::from(*v), 0, 10),
            (Answer::Choice(i), QuestionKind::SingleChoice { options }) => {
                in_range(*i as i64, 0, options.len() as i64 - 1)
            }
            (Answer::Choices(is), QuestionKind::MultipleChoice { options }) => {
                is.iter().try_for_each(|&i| in_range(i as i64, 0, options.len() as i64 - 1))
            }
            (Answer::Text(_), QuestionKind::Text) => Ok(()),
            _ => Err(Problem::WrongKind),
        }
    }
}

/// One person's answers to a survey, by question id; the customer if known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SurveyResponse {
    /// Unique id.
    pub id: Id,
    /// The survey answered.
    pub survey_id: Id,
    /// The customer, or empty for an anonymous response.
    #[serde(default, deserialize_with = "null_as_default")]
    pub customer_id: Id,
    /// Answers by question id; a question left out was skipped.
    #[serde(default, deserialize_with = "null_as_default")]
    pub answers: BTreeMap<String, Answer>,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "stamp::write_opt",
        deserialize_with = "stamp::read_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Made by loading a sample company or as one of Kehu's defaults, not by the
    /// user: the coursework checks do not count it as the student's own work. Kept by
    /// every merge and export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

impl SurveyResponse {
    /// Every answer that does not fit `survey`: unknown questions, wrong kinds, values
    /// out of range. Paths are `answers.<question id>`.
    pub fn check_against(&self, survey: &Survey) -> Vec<FieldError> {
        self.answers
            .iter()
            .filter_map(|(qid, answer)| {
                let problem = match survey.questions.iter().find(|q| &q.id == qid) {
                    None => Problem::UnknownReference,
                    Some(q) => answer.check(&q.kind).err()?,
                };
                Some(FieldError::new(format!("answers.{qid}"), problem))
            })
            .collect()
    }
}

impl Record for Survey {
    const COLLECTION: &'static str = "surveys";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(FieldError::new("title", Problem::Required));
        }
        check_len(&mut errors, "title", &self.title, MAX_LINE);
        if self.questions.is_empty() {
            errors.push(FieldError::new("questions", Problem::Required));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            if q.text.trim().is_empty() {
                errors.push(FieldError::new(format!("questions[{i}].text"), Problem::Required));
            }
            if q.id.trim().is_empty() || !seen.insert(q.id.as_str()) {
                errors.push(FieldError::new(format!("questions[{i}].id"), Problem::Required));
            }
            match &q.kind {
                QuestionKind::Rating { weight } if !(weight.is_finite() && *weight > 0.0) => {
                    errors.push(FieldError::new(
                        format!("questions[{i}].kind.weight"),
                        Problem::OutOfRange { min: 0, max: 100 },
                    ));
                }
                QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options }
                    if options.len() < 2 =>
                {
                    errors.push(FieldError::new(format!("questions[{i}].kind.options"), Problem::Required));
                }
                _ => {}
            }
        }
        errors
    }
}

impl Record for SurveyResponse {
    const COLLECTION: &'static str = "survey_responses";

    record_stamps!();

    fn summary(&self) -> String {
        self.created_at.date_naive().to_string()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("survey_id", &self.survey_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        if self.survey_id.trim().is_empty() {
            vec![FieldError::new("survey_id", Problem::Required)]
        } else {
            Vec::new()
        }
    }
}

/// The worked example shared by the model's and the analysis' tests: a three-rating,
/// one-likelihood survey and five responses.
#[cfg(test)]
pub(crate) mod examples {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-11-20T08:00:00Z".parse().unwrap()
    }

    pub fn survey() -> Survey {
        let q = |id: &str, text: &str, kind| Question { id: id.into(), text: text.into(), kind };
        Survey {
            sample: false,
            id: "s1".into(),
            title: "售后服务满意度".into(),
            questions: vec![
                q("speed", "响应速度", QuestionKind::Rating { weight: 0.5 }),
                q("attitude", "服务态度", QuestionKind::Rating { weight: 0.3 }),
                q("quality", "维修质量", QuestionKind::Rating { weight: 0.2 }),
                q("recommend", "您向朋友推荐我们的可能性", QuestionKind::Likelihood),
            ],
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        }
    }

    /// Five responses: the ratings of the CSI worked example (74.0) and likelihood
    /// answers 10, 9, 7, 6, 10 — promoters 3 of 5 (60%), detractors 1 of 5 (20%): NPS 40.
    pub fn responses() -> Vec<SurveyResponse> {
        let speed = [5, 4, 4, 3, 5];
        let attitude = [3, 3, 4, 2, 3];
        let quality = [5, 5, 4, 5, 5];
        let recommend = [10, 9, 7, 6, 10];
        (0..5)
            .map(|i| SurveyResponse {
                sample: false,
                id: format!("r{i}").into(),
                survey_id: "s1".into(),
                customer_id: Default::default(),
                answers: BTreeMap::from([
                    ("speed".to_owned(), Answer::Rating(speed[i])),
                    ("attitude".to_owned(), Answer::Rating(attitude[i])),
                    ("quality".to_owned(), Answer::Rating(quality[i])),
                    ("recommend".to_owned(), Answer::Likelihood(recommend[i])),
                ]),
                created_at: at(),
                updated_at: at(),
                deleted_at: None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::examples::{responses, survey};

    #[test]
    fn answers_must_fit_their_questions() {
        let s = survey();
        let mut r = responses().remove(0);
        assert_eq!(r.check_against(&s), vec![]);
        r.answers.insert("speed".into(), Answer::Rating(6));
        r.answers.insert("recommend".into(), Answer::Rating(3));
        r.answers.insert("nope".into(), Answer::Text("?".into()));
        assert_eq!(
            r.check_against(&s),
            vec![
                FieldError::new("answers.nope", Problem::UnknownReference),
                FieldError::new("answers.recommend", Problem::WrongKind),
                FieldError::new("answers.speed", Problem::OutOfRange { min: 1, max: 5 }),
            ]
        );
    }

    #[test]
    fn a_survey_needs_questions_and_sound_weights() {
        let mut s = survey();
        assert_eq!(s.validate(), vec![]);
        s.questions[0].kind = QuestionKind::Rating { weight: 0.0 };
        s.questions.push(Question { id: "speed".into(), text: String::new(), kind: QuestionKind::Text });
        let fields: Vec<String> = s.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["questions[0].kind.weight", "questions[4].text", "questions[4].id"]);
        s.questions.clear();
        assert_eq!(s.validate(), vec![FieldError::new("questions", Problem::Required)]);
        let json = serde_json::to_string(&survey()).unwrap();
        assert_eq!(serde_json::from_str::<Survey>(&json).unwrap(), survey());
    }
}
