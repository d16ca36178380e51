//! Service etiquette (客户服务礼仪与话术): a library of reusable scripts, and self-check
//! lists a learner scores on a date so progress shows over time.

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// What moment of a conversation a script is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScriptCategory {
    /// 问候语: opening a call or a reception.
    Greeting,
    /// 转接: handing the customer to a colleague.
    Transfer,
    /// 致歉: apologising for a fault or a wait.
    Apology,
    /// 结束语: closing the conversation.
    Closing,
    /// 其他.
    Other,
}

// In the order a conversation meets them.
choice! { ScriptCategory {
    Greeting = "greeting" => ScriptGreeting,
    Transfer = "transfer" => ScriptTransfer,
    Apology = "apology" => ScriptApology,
    Closing = "closing" => ScriptClosing,
    Other = "other" => ScriptOther,
} }

/// A reusable sentence or paragraph (话术) to copy into a record or say on the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Script {
    /// Unique id.
    pub id: Id,
    /// Greeting, transfer, apology, closing or other.
    pub category: ScriptCategory,
    /// A short title to find it by.
    pub title: String,
    /// The words themselves.
    #[serde(default, deserialize_with = "null_as_default")]
    pub text: String,
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

impl Record for Script {
    const COLLECTION: &'static str = "scripts";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("title", &self.title), ("text", &self.text)]);
        check_len(&mut errors, "title", &self.title, MAX_LINE);
        check_len(&mut errors, "text", &self.text, MAX_TEXT);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// The highest score of one self-check item (1 = not at all, 5 = fully).
pub const MAX_ITEM_SCORE: u8 = 5;

/// One question of a self-check, with the practice that answers it and the score the
/// learner gave themself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckItem {
    /// The question asked of oneself (看起来快乐吗？).
    pub question: String,
    /// What to do about it (热情地微笑…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub practice: String,
    /// 1–5.
    pub score: u8,
}

/// A self-check (自我检查) taken on a day: a named list of items, each scored 1–5.
/// Taking the same list again on a later day shows progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SelfCheck {
    /// Unique id.
    pub id: Id,
    /// The list's name; checks with the same name are compared over time.
    pub list: String,
    /// Who took it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub person: String,
    /// The day it was taken.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub taken_on: NaiveDate,
    /// The items and their scores.
    pub items: Vec<CheckItem>,
    /// A note on what to work on next.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
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

impl SelfCheck {
    /// The score as a percentage of the best possible (every item at 5), or `None`
    /// for a list without items.
    pub fn percent(&self) -> Option<f64> {
        if self.items.is_empty() {
            return None;
        }
        let total: u32 = self.items.iter().map(|i| u32::from(i.score)).sum();
        Some(f64::from(total) * 100.0 / (self.items.len() as f64 * f64::from(MAX_ITEM_SCORE)))
    }
}

impl Record for SelfCheck {
    const COLLECTION: &'static str = "self_checks";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {} {}", self.taken_on, self.person, self.list)
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("list", &self.list)]);
        check_len(&mut errors, "list", &self.list, MAX_LINE);
        check_len(&mut errors, "person", &self.person, MAX_LINE);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        if self.items.is_empty() {
            errors.push(FieldError::new("items", Problem::Required));
        }
        for (i, item) in self.items.iter().enumerate() {
            if item.question.trim().is_empty() {
                errors.push(FieldError::new(format!("items[{i}].question"), Problem::Required));
            }
            check_len(&mut errors, &format!("items[{i}].question"), &item.question, MAX_TEXT);
            check_len(&mut errors, &format!("items[{i}].practice"), &item.practice, MAX_TEXT);
            if !(1..=MAX_ITEM_SCORE).contains(&item.score) {
                errors.push(FieldError::new(
                    format!("items[{i}].score"),
                    Problem::OutOfRange { min: 1, max: i64::from(MAX_ITEM_SCORE) },
                ));
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// A `(question, practice)` pair of a self-check item.
pub type ItemText = (&'static str, &'static str);

/// A built-in self-check list in both languages: its name and `(question, practice)`
/// items.
pub struct CheckTemplate {
    /// The list's name, Chinese then English.
    pub name: (&'static str, &'static str),
    /// The items, each `((zh question, zh practice), (en question, en practice))`.
    pub items: &'static [(ItemText, ItemText)],
}

/// 表 1-3 自我提问式热情培养法: the textbook's eight questions a service worker asks
/// themself to keep their warmth.
pub const ENTHUSIASM: CheckTemplate = CheckTemplate {
    name: ("自我提问式热情培养法（表1-3）", "Self-questioning for service warmth (table 1-3)"),
    items: &[
        (
            ("看起来快乐吗？", "热情地微笑，眼睛有神，具有亲和力"),
            ("Do I look happy?", "Smile warmly, bright eyes, approachable"),
        ),
        (
            ("声音听起来悦耳吗？客户是用快乐的心情在听自己说话吗？", "录下自己所说的话加以分析，改变说话的声调和速度"),
            ("Is my voice pleasant? Do customers enjoy listening to me?", "Record yourself and adjust tone and speed"),
        ),
        (
            ("说话的音量适当吗？", "随时调整音量，深沉、沉稳的声音有时比大声嚷嚷有用得多"),
            ("Is my volume right?", "Adjust it; a calm, steady voice often works better than a loud one"),
        ),
        (
            ("说话时很活泼吗？", "不一定又快又大声，声音稍低有时反而能吸引客户集中精神去听"),
            ("Am I lively when I speak?", "Not fast and loud: a slightly lower voice can hold attention"),
        ),
        (
            ("很用心注视客户吗？", "专注、深沉地注视客户，传达你的热情"),
            ("Do I look at the customer attentively?", "Attentive eye contact conveys warmth"),
        ),
        (
            ("姿势合适吗？", "朝客户的方向前倾，显示认真、兴趣浓厚，不斜靠在椅子上"),
            ("Is my posture right?", "Lean towards the customer, show interest, do not slouch"),
        ),
        (
            ("说明够简洁吗？", "简洁、清楚、明了地说明各类细节"),
            ("Are my explanations concise?", "Explain details briefly, clearly and plainly"),
        ),
        (
            ("行为合宜吗？", "可用略带戏剧性的举止引起注意，但动作不能太夸张"),
            ("Is my behaviour appropriate?", "A little drama can win attention, but do not overdo it"),
        ),
    ],
};

/// 客服人员必备的职业素养: the textbook's psychological and character requirements as
/// a self-check.
pub const PROFESSIONALISM: CheckTemplate = CheckTemplate {
    name: ("客服人员职业素养自查", "Service professionalism self-check"),
    items: &[
        (("遇事能处变不惊吗？", "心理素质：应变力"), ("Do I stay calm when things change?", "Composure")),
        (("能承受挫折和打击吗？", "心理素质：承受力"), ("Can I take setbacks?", "Resilience")),
        (("能掌控和调节自己的情绪吗？", "心理素质：情绪调节"), ("Do I manage my emotions?", "Self-control")),
        (("对客户忍耐与宽容吗？", "品格素质：忍耐宽容"), ("Am I patient and tolerant?", "Patience")),
        (("说到就能做到吗？", "品格素质：不轻易承诺"), ("Do I keep my promises?", "Reliability")),
        (("敢于承担责任吗？", "品格素质：责任"), ("Do I take responsibility?", "Responsibility")),
        (("语言表达清楚吗？", "技能素质：语言表达"), ("Do I express myself clearly?", "Speaking")),
        (("认真倾听客户了吗？", "技能素质：倾听"), ("Do I listen well?", "Listening")),
    ],
};

/// The built-in lists.
pub const CHECK_TEMPLATES: [&CheckTemplate; 2] = [&ENTHUSIASM, &PROFESSIONALISM];

/// A starter script: category and `(zh title, zh text)`, `(en title, en text)`.
pub type StarterScript = (ScriptCategory, (&'static str, &'static str), (&'static str, &'static str));

/// Standard scripts a new library starts from (常用服务话术).
pub const STARTER_SCRIPTS: [StarterScript; 8] = [
    (
        ScriptCategory::Greeting,
        ("来电问候", "您好，这里是客户服务中心，我是客服专员小王，很高兴为您服务！请问有什么可以帮您？"),
        ("Answering a call", "Hello, customer service, this is Wang speaking. How may I help you?"),
    ),
    (
        ScriptCategory::Greeting,
        ("前台接待", "您好，欢迎光临！请问您今天想办理什么业务？请这边坐。"),
        ("Receiving a visitor", "Good morning and welcome! What can we do for you today? Please take a seat."),
    ),
    (
        ScriptCategory::Transfer,
        ("转接同事", "您的问题由我们的售后专员处理会更专业，我现在为您转接，请稍候，不要挂机。"),
        ("Transferring", "Our after-sales specialist can help you best. I am transferring you now, please hold."),
    ),
    (
        ScriptCategory::Transfer,
        ("请客户等待", "请您稍等，我马上为您查询，大约需要一分钟。"),
        ("Asking to wait", "Please hold a moment while I look that up; it will take about a minute."),
    ),
    (
        ScriptCategory::Apology,
        ("产品问题致歉", "非常抱歉给您带来了不便，我们会马上为您处理，并在今天内给您答复。"),
        (
            "Apologising for a fault",
            "I am very sorry for the trouble. We will deal with it right away and reply to you today.",
        ),
    ),
    (
        ScriptCategory::Apology,
        ("久等致歉", "不好意思，让您久等了，感谢您的耐心。"),
        ("Apologising for a wait", "I am sorry to have kept you waiting; thank you for your patience."),
    ),
    (
        ScriptCategory::Closing,
        ("结束通话", "请问还有其他可以帮您的吗？感谢您的来电，祝您生活愉快，再见！"),
        ("Ending a call", "Is there anything else I can do for you? Thank you for calling, and goodbye!"),
    ),
    (
        ScriptCategory::Closing,
        ("回访结束", "感谢您抽出宝贵时间接受我们的回访，您的意见对我们非常重要。"),
        ("Ending a callback", "Thank you for your time; your feedback matters a great deal to us."),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-11-20T08:00:00Z".parse().unwrap()
    }

    fn check(scores: &[u8]) -> SelfCheck {
        SelfCheck {
            sample: false,
            id: "c1".into(),
            list: ENTHUSIASM.name.0.into(),
            person: "张三".into(),
            taken_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            items: scores
                .iter()
                .map(|&score| CheckItem { question: "Q".into(), practice: String::new(), score })
                .collect(),
            note: String::new(),
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        }
    }

    #[test]
    fn self_check_percent_is_share_of_the_best_score() {
        // 8 items: 5+4+4+3+5+2+4+5 = 32 of 40 = 80 %.
        assert_eq!(check(&[5, 4, 4, 3, 5, 2, 4, 5]).percent(), Some(80.0));
        assert_eq!(check(&[1]).percent(), Some(20.0));
        assert_eq!(check(&[]).percent(), None);
    }

    #[test]
    fn self_check_scores_are_one_to_five_and_items_required() {
        assert!(check(&[5, 1]).validate().is_empty());
        let bad = check(&[0, 6]).validate();
        assert_eq!(bad.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["items[0].score", "items[1].score"]);
        assert_eq!(check(&[]).validate()[0], FieldError::new("items", Problem::Required));
    }

    #[test]
    fn scripts_need_a_title_and_words() {
        let s = Script {
            sample: false,
            id: "s".into(),
            category: ScriptCategory::Greeting,
            title: " ".into(),
            text: String::new(),
            created_at: at(),
            updated_at: at(),
            deleted_at: None,
        };
        let fields: Vec<_> = s.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "text"]);
    }

    #[test]
    fn the_textbook_table_has_eight_questions() {
        assert_eq!(ENTHUSIASM.items.len(), 8);
        assert_eq!(ENTHUSIASM.items[0].0 .0, "看起来快乐吗？");
    }
}
