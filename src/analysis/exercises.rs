//! The course's practical tasks (实训) with automatic checks: for every 任务 of the
//! six projects, and the 任务提出 / 实战训练 tasks of 项目一, the criteria a workbook
//! must meet, each read from the workbook's records.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::model::complaint::ComplaintStep;
use crate::model::etiquette::STARTER_SCRIPTS;
use crate::model::goals::{has_blank, GoalLine, GOAL_TABLES};
use crate::model::job::{JobDescription, ELEMENT_COUNT};
use crate::model::org::OrgUnit;
use crate::model::org::{DutyArea, OrgLevel};
use crate::model::record::{is_own_or_edited, sample_time};
use crate::model::service::Callback;
use crate::model::service::ServiceKind;
use crate::model::settings::{DutyTexts, ExerciseAnswers, OrgSettings, SettingArea, SettingValue};
use crate::model::ticket::TicketStatus;
use crate::model::visit::VisitStatus;
use crate::model::{BookRef, BorrowedVisitor, Choice, Record};

/// One criterion: its words in Chinese and English, and the check.
pub struct Criterion {
    /// What is checked, in Chinese.
    pub zh: &'static str,
    /// What is checked, in English.
    pub en: &'static str,
    /// How far the workbook is towards it.
    pub check: fn(&BookRef<'_>) -> Progress,
    /// The figure the student records for it, when the criterion is a judgment.
    pub judgment: Option<&'static Judgment>,
}

/// A figure the student works out and records in the exercise (the survey's NPS),
/// checked against the one Kehu computes from the student's own data.
pub struct Judgment {
    /// The key the answer is kept under in [`ExerciseAnswers`].
    pub key: &'static str,
    /// What to enter, in Chinese.
    pub zh: &'static str,
    /// What to enter, in English.
    pub en: &'static str,
    /// Kehu's figure from the student's own data; `None` while that data is missing.
    pub figure: fn(&BookRef<'_>) -> Option<f64>,
    /// How far the answer may be from the figure.
    pub tolerance: f64,
}

impl Judgment {
    /// What to enter, in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh
        } else {
            self.en
        }
    }

    /// The student's answer and Kehu's figure.
    pub fn both(&self, c: &BookRef<'_>) -> (Option<f64>, Option<f64>) {
        (answers(c).answers.get(self.key).copied(), (self.figure)(c))
    }

    /// Whether the answer is within the tolerance of the figure.
    pub fn progress(&self, c: &BookRef<'_>) -> Progress {
        Progress::yes(matches!(self.both(c), (Some(a), Some(f)) if (a - f).abs() <= self.tolerance + 1e-9))
    }
}

/// The figures the student recorded in the exercises.
pub fn answers(c: &BookRef<'_>) -> ExerciseAnswers {
    live(&c.settings).find_map(|s| ExerciseAnswers::unwrap(&s.value).cloned()).unwrap_or_default()
}

/// How far a workbook is towards one criterion: `have` of the `need` it asks for
/// ("回访 1 / 3"). A yes-or-no criterion needs 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// How many the workbook has, capped at `need`.
    pub have: usize,
    /// How many the criterion asks for.
    pub need: usize,
}

impl Progress {
    /// `have` of `need`, `have` capped at `need`.
    pub fn of(have: usize, need: usize) -> Self {
        Progress { have: have.min(need), need }
    }

    /// A yes-or-no criterion: 1 / 1 or 0 / 1.
    pub fn yes(met: bool) -> Self {
        Progress::of(usize::from(met), 1)
    }

    /// Whether the criterion is met.
    pub fn met(self) -> bool {
        self.have >= self.need
    }
}

impl From<bool> for Progress {
    fn from(met: bool) -> Self {
        Progress::yes(met)
    }
}

/// One exercise.
pub struct Exercise {
    /// A stable id (`p1-t1`), under which feedback is kept.
    pub id: &'static str,
    /// The project, 1–6.
    pub project: u8,
    /// Its title in Chinese (the textbook's words).
    pub zh: &'static str,
    /// Its title in English.
    pub en: &'static str,
    /// Where it is done.
    pub href: &'static str,
    /// What the student does, in Chinese: 3–6 steps naming the pages, buttons and
    /// fields as the UI labels them, tied to the textbook's task. Shown as a
    /// numbered list, so the steps carry no numbers of their own.
    pub steps_zh: &'static [&'static str],
    /// The same steps in English, one for one.
    pub steps_en: &'static [&'static str],
    /// The collections (as named in [`Collections::NAMES`]) whose records are the
    /// student's work for the exercise, listed under it in the printed report.
    pub work: &'static [&'static str],
    /// What must hold.
    pub criteria: &'static [Criterion],
}

impl Criterion {
    /// What is checked, in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh
        } else {
            self.en
        }
    }
}

impl Exercise {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh
        } else {
            self.en
        }
    }

    /// The steps in `lang`.
    pub fn steps(&self, lang: Lang) -> &'static [&'static str] {
        if lang == Lang::Zh {
            self.steps_zh
        } else {
            self.steps_en
        }
    }
}

fn live<'a, 'b, T: Record>(v: &'b [&'a T]) -> impl Iterator<Item = &'a T> + 'b {
    v.iter().copied().filter(|r| !r.is_trashed())
}

/// The student's own live records: not in the trash and not sample data.
fn own<'a, 'b, T: Record>(v: &'b [&'a T]) -> impl Iterator<Item = &'a T> + 'b {
    live(v).filter(|r| !r.is_sample())
}

/// The live records the student made or changed: their own, and sample records they
/// edited after loading the sample (a sample callback they completed).
fn touched<'a, 'b, T: Record>(v: &'b [&'a T]) -> impl Iterator<Item = &'a T> + 'b {
    live(v).filter(|r| is_own_or_edited(*r))
}

/// Whether a step taken `at` on record `r` was the student's: on their own record, or
/// on a sample record after the sample was loaded.
fn step_by_student<T: Record>(r: &T, at: DateTime<Utc>) -> bool {
    !r.is_sample() || at > sample_time()
}

/// Whether `text` is real text, not a placeholder: at least `min` characters that are
/// not all the same one.
fn real(text: &str, min: usize) -> bool {
    let t = text.trim();
    let mut chars = t.chars();
    let first = chars.clone().next();
    t.chars().count() >= min && chars.any(|c| Some(c) != first)
}

fn org_rules(c: &BookRef<'_>) -> OrgSettings {
    c.settings
        .iter()
        .find_map(|s| match &s.value {
            SettingValue::Org(o) if s.deleted_at.is_none() => Some(o.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The org units the student made. A unit they put under a sample unit starts a
/// chart of its own.
fn own_units(c: &BookRef<'_>) -> Vec<OrgUnit> {
    let mine: Vec<OrgUnit> = own(&c.org_units).cloned().collect();
    let ids: HashSet<&str> = mine.iter().map(|u| u.id.as_str()).collect();
    mine.iter()
        .map(|u| {
            let mut u = u.clone();
            if !ids.contains(u.parent_id.as_str()) {
                u.parent_id = Default::default();
            }
            u
        })
        .collect()
}

fn own_director(c: &BookRef<'_>) -> Progress {
    Progress::yes(own(&c.org_units).any(|u| u.level == OrgLevel::Director))
}

/// Levels of the student's own chart, of the three asked for.
fn three_levels(c: &BookRef<'_>) -> Progress {
    let depth = crate::analysis::org::layout(&own_units(c)).iter().map(|p| p.depth + 1).max().unwrap_or(0);
    Progress::of(depth, 3)
}

/// The four levels of the ××房地产 case (director, manager, supervisor, specialist),
/// how many of them the student's chart has.
fn the_case_levels(c: &BookRef<'_>) -> Progress {
    let levels: HashSet<OrgLevel> = own(&c.org_units).map(|u| u.level).collect();
    Progress::of(levels.len(), 4)
}

/// Positions of the student's chart within table 1-1's span, of all that have reports.
fn no_span_warnings(c: &BookRef<'_>) -> Progress {
    let units = own_units(c);
    let managing: HashSet<&str> =
        units.iter().filter(|u| !u.parent_id.is_empty()).map(|u| u.parent_id.as_str()).collect();
    if managing.is_empty() {
        return Progress::of(0, 1);
    }
    let warned: HashSet<String> =
        crate::analysis::org::span_warnings(&units, &org_rules(c)).into_iter().map(|w| w.id).collect();
    Progress::of(managing.iter().filter(|id| !warned.contains(**id)).count(), managing.len())
}

/// Duty areas held by the student's positions, of the seven.
fn every_duty_held(c: &BookRef<'_>) -> Progress {
    let held: HashSet<DutyArea> = own(&c.org_units).flat_map(|u| u.duties.iter().copied()).collect();
    Progress::of(held.len(), DutyArea::ALL.len())
}

/// Duty areas whose duties in this company the student wrote out (实战训练 任务2), of
/// the seven: at least 10 characters of real text each.
fn duties_written(c: &BookRef<'_>) -> Progress {
    let texts = own(&c.settings).find_map(|s| DutyTexts::unwrap(&s.value).cloned()).unwrap_or_default();
    Progress::of(
        DutyArea::ALL.iter().filter(|d| texts.texts.get(d).is_some_and(|t| real(t, 10))).count(),
        DutyArea::ALL.len(),
    )
}

/// A position of the student's whose title names the online shop.
fn online_shop_position(c: &BookRef<'_>) -> Progress {
    const WORDS: [&str; 5] = ["网店", "在线", "淘宝", "online", "taobao"];
    let units = own_units(c);
    let has_reports = |id: &str| units.iter().any(|u| u.parent_id == id);
    Progress::yes(units.iter().any(|u| {
        let t = u.title.to_lowercase();
        WORDS.iter().any(|w| t.contains(w)) && has_reports(&u.id)
    }))
}

fn call_center_duty(c: &BookRef<'_>) -> Progress {
    Progress::yes(own(&c.org_units).any(|u| u.duties.contains(&DutyArea::CallCenter)))
}

/// Whether a job description is the student's: their own and not table 1-2 copied
/// unchanged, or a sample one they edited.
fn students_job(j: &JobDescription) -> bool {
    if !is_own_or_edited(j) {
        return false;
    }
    let table = JobDescription::textbook_sample("", j.created_at);
    ["summary", "duties", "authority", "performance_standards"].iter().any(|f| j.text(f).trim() != table.text(f).trim())
}

/// Elements of the student's best job description filled with real text, of all the
/// elements of table 1-2.
fn job_elements(c: &BookRef<'_>, title: impl Fn(&str) -> bool) -> Progress {
    let all = ELEMENT_COUNT;
    let best = live(&c.job_descriptions)
        .filter(|j| students_job(j) && title(&j.title))
        .map(|j| all - j.missing().len() - j.weak().len())
        .max()
        .unwrap_or(0);
    Progress::of(best, all)
}

fn a_complete_job_description(c: &BookRef<'_>) -> Progress {
    job_elements(c, |_| true)
}

fn a_specialist_job_description(c: &BookRef<'_>) -> Progress {
    job_elements(c, |t| t.contains("专员") || t.to_lowercase().contains("specialist"))
}

/// Blanks of tables 1-4…1-9 filled with a plausible target: a percentage above 0 and
/// at most 100, a score of 1–5.
fn goal_targets(c: &BookRef<'_>) -> Progress {
    let targets = live(&c.settings)
        .filter(|s| !s.is_sample())
        .find_map(|s| match &s.value {
            SettingValue::Goals(g) => Some(g.targets.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let blanks: Vec<&GoalLine> = GOAL_TABLES.iter().flat_map(|t| t.lines.iter()).filter(|l| has_blank(l)).collect();
    let plausible = blanks
        .iter()
        .filter(|l| {
            targets.get(l.key).is_some_and(|v| {
                if l.measure.is_some_and(|m| m.in_points()) {
                    (1.0..=5.0).contains(v)
                } else {
                    *v > 0.0 && *v <= 100.0
                }
            })
        })
        .count();
    Progress::of(plausible, blanks.len())
}

/// A self-check of the student's with every item scored.
fn self_check(c: &BookRef<'_>) -> Progress {
    Progress::yes(
        own(&c.self_checks).any(|s| !s.items.is_empty() && s.items.iter().all(|i| (1..=5).contains(&i.score))),
    )
}

/// A script the student wrote: not one of the starter scripts as Kehu gives them.
fn own_script(c: &BookRef<'_>) -> Progress {
    let starter = |text: &str| STARTER_SCRIPTS.iter().any(|(_, zh, en)| zh.1 == text || en.1 == text);
    Progress::yes(live(&c.scripts).any(|s| real(&s.text, 4) && !starter(s.text.trim())))
}

/// The student's service records of `kind` with a topic and a result written.
fn records_of(c: &BookRef<'_>, kind: ServiceKind, n: usize) -> Progress {
    Progress::of(
        own(&c.service_records).filter(|r| r.kind == kind && real(&r.topic, 2) && real(&r.result, 2)).count(),
        n,
    )
}

fn receptions(c: &BookRef<'_>) -> Progress {
    records_of(c, ServiceKind::Reception, 3)
}

fn phone_calls(c: &BookRef<'_>) -> Progress {
    records_of(c, ServiceKind::InboundCall, 3)
}

/// Whether the student completed callback `b` (theirs, or a sample one they
/// completed after loading the sample) with a score and a result.
fn completed_by_student(b: &Callback) -> bool {
    let done_after_sample = b.done_on.is_some_and(|d| d > sample_time().date_naive());
    b.done_on.is_some()
        && b.score.is_some()
        && real(&b.outcome, 2)
        && (!b.is_sample() || (is_own_or_edited(b) && done_after_sample))
}

fn callbacks_done(c: &BookRef<'_>) -> Progress {
    Progress::of(live(&c.callbacks).filter(|b| completed_by_student(b)).count(), 3)
}

fn ticket_closed(c: &BookRef<'_>) -> Progress {
    Progress::yes(touched(&c.tickets).any(|t| {
        t.flow.status() == TicketStatus::Closed && t.flow.closed_at().is_some_and(|at| step_by_student(t, at))
    }))
}

/// The student's surveys of at least five questions.
fn own_surveys<'a, 'b>(c: &'b BookRef<'a>) -> impl Iterator<Item = &'a crate::model::survey::Survey> + 'b {
    own(&c.surveys).filter(|s| s.questions.len() >= 5)
}

fn survey_designed(c: &BookRef<'_>) -> Progress {
    Progress::yes(own_surveys(c).next().is_some())
}

/// Responses the student recorded to their own survey (the best one), of ten.
fn survey_answered(c: &BookRef<'_>) -> Progress {
    let best = own_surveys(c)
        .map(|s| own(&c.survey_responses).filter(|r| r.survey_id == s.id && !r.answers.is_empty()).count())
        .max()
        .unwrap_or(0);
    Progress::of(best, 10)
}

fn opportunities(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.opportunities).count(), 5)
}

fn opportunity_won(c: &BookRef<'_>) -> Progress {
    let won: HashSet<&str> = live(&c.pipeline_stages).filter(|s| s.won).map(|s| s.id.as_str()).collect();
    Progress::yes(touched(&c.opportunities).any(|o| won.contains(o.stage_id.as_str())))
}

fn twenty_complete_customers(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.customers).filter(|x| x.completeness() >= 0.8).count(), 20)
}

fn visit_done(c: &BookRef<'_>) -> Progress {
    Progress::yes(touched(&c.visits).any(|v| v.status == VisitStatus::Done && real(&v.result, 2)))
}

fn visit_planned_with_checklist(c: &BookRef<'_>) -> Progress {
    Progress::yes(own(&c.visits).any(|v| !v.prep.is_empty()))
}

/// Customers with orders to analyse: the sample's orders are fine data for ABC/RFM.
fn orders_for_analysis(c: &BookRef<'_>) -> Progress {
    Progress::of(live(&c.orders).map(|o| o.customer_id.as_str()).collect::<HashSet<_>>().len(), 10)
}

/// A key account the student filed: decision makers and a service plan written.
fn key_account_file(c: &BookRef<'_>) -> Progress {
    Progress::yes(touched(&c.key_accounts).any(|k| !k.decision_makers.is_empty() && real(&k.service_plan, 4)))
}

/// Callbacks the student completed to a key account on or after the day it became one.
fn key_account_callback(c: &BookRef<'_>) -> Progress {
    let since: std::collections::HashMap<&str, chrono::NaiveDate> =
        live(&c.key_accounts).map(|k| (k.customer_id.as_str(), k.created_at.date_naive())).collect();
    Progress::yes(live(&c.callbacks).any(|b| {
        completed_by_student(b)
            && since.get(b.customer_id.as_str()).zip(b.done_on).is_some_and(|(from, done)| done >= *from)
    }))
}

fn relationship_activity(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.account_activities).count(), 2)
}

fn event_plan(c: &BookRef<'_>) -> Progress {
    Progress::yes(
        touched(&c.event_plans).any(|e| !e.invitees.is_empty() && !e.budget.is_empty() && !e.agenda.is_empty()),
    )
}

fn complaint_archived(c: &BookRef<'_>) -> Progress {
    Progress::yes(touched(&c.complaints).any(|k| {
        k.current_step() == Some(ComplaintStep::Archived)
            && k.satisfaction.is_some()
            && k.steps.last().is_some_and(|s| step_by_student(k, s.at))
    }))
}

fn care_done(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.care_actions).count(), 3)
}

fn points_redeemed(c: &BookRef<'_>) -> Progress {
    Progress::yes(own(&c.point_entries).any(|p| p.kind == crate::model::loyalty::PointKind::Redeemed))
}

fn preference_profiles(c: &BookRef<'_>) -> Progress {
    Progress::of(touched(&c.preferences).count(), 3)
}

fn service_rule(c: &BookRef<'_>) -> Progress {
    Progress::yes(touched(&c.service_rules).next().is_some())
}

fn own_customers(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.customers).count(), 20)
}

fn own_orders(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.orders).count(), 20)
}

fn own_service_records(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.service_records).count(), 10)
}

/// A rule the student set (Kehu's own bookkeeping, such as the care marker, is
/// sample-marked and does not count).
fn settings_set(c: &BookRef<'_>) -> Progress {
    // The figures and texts of the exercises are the student's answers, not rules.
    Progress::yes(own(&c.settings).any(|s| {
        !matches!(s.value, SettingValue::ExerciseAnswers(_) | SettingValue::DutyTexts(_) | SettingValue::Goals(_))
    }))
}

fn calls_logged(c: &BookRef<'_>) -> Progress {
    Progress::of(own(&c.calls).count(), 20)
}

fn calls_with_agents(c: &BookRef<'_>) -> Progress {
    Progress::of(
        own(&c.calls)
            .filter_map(|k| (!k.agent.trim().is_empty()).then_some(k.agent.trim()))
            .collect::<HashSet<_>>()
            .len(),
        2,
    )
}

macro_rules! criteria {
    ($(($zh:literal, $en:literal, $f:expr $(, $judgment:expr)?)),* $(,)?) => {
        &[$(Criterion { zh: $zh, en: $en, check: $f, judgment: criteria!(@j $($judgment)?) }),*]
    };
    (@j) => { None };
    (@j $j:expr) => { Some($j) };
}

/// The NPS of the student's survey, from the answers they recorded to its 0–10
/// question.
static SURVEY_NPS: Judgment = Judgment {
    key: "p2-t5.nps",
    zh: "你的问卷的 NPS（净推荐值）",
    en: "Your survey's NPS",
    figure: survey_nps,
    tolerance: 1.0,
};

/// The average handle time of the student's call log.
static CALL_AHT: Judgment = Judgment {
    key: "p6-t2.aht",
    zh: "你的通话记录的平均处理时长 AHT（秒）",
    en: "Your call log's average handle time (s)",
    figure: call_aht,
    tolerance: 1.0,
};

/// The agents Erlang C needs for 60 calls an hour at the log's AHT, 80 % in 20 s.
static AGENTS_NEEDED: Judgment = Judgment {
    key: "p6-t2.agents",
    zh: "每小时 60 通来电、按你的 AHT、服务水平 80/20 时所需坐席数",
    en: "Agents needed for 60 calls an hour at your AHT, service level 80/20",
    figure: agents_needed,
    tolerance: 0.0,
};

fn survey_nps(c: &BookRef<'_>) -> Option<f64> {
    use crate::model::survey::QuestionKind;
    let responses: Vec<crate::model::survey::SurveyResponse> = own(&c.survey_responses).cloned().collect();
    own_surveys(c)
        .filter(|s| s.questions.iter().any(|q| matches!(q.kind, QuestionKind::Likelihood)))
        .max_by_key(|s| responses.iter().filter(|r| r.survey_id == s.id).count())
        .and_then(|s| crate::analysis::survey::results(s, &responses).nps)
}

fn call_aht(c: &BookRef<'_>) -> Option<f64> {
    crate::analysis::calls::metrics(own(&c.calls), 20).aht_seconds
}

fn agents_needed(c: &BookRef<'_>) -> Option<f64> {
    let inputs = crate::analysis::erlang::ErlangInputs {
        calls_per_hour: 60.0,
        aht_seconds: call_aht(c)?,
        target_level: 0.8,
        target_seconds: 20.0,
    };
    inputs.agents_needed().ok().map(|s| f64::from(s.agents))
}

fn nps_judged(c: &BookRef<'_>) -> Progress {
    SURVEY_NPS.progress(c)
}

fn aht_judged(c: &BookRef<'_>) -> Progress {
    CALL_AHT.progress(c)
}

fn agents_judged(c: &BookRef<'_>) -> Progress {
    AGENTS_NEEDED.progress(c)
}

/// Every exercise, project by project.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "p1-t1",
        project: 1,
        zh: "任务一 设计客户服务部门组织结构",
        en: "Design the service department's organisation",
        href: "/org",
        steps_zh: &[
            "打开“组织结构”页，先阅读“组织结构设计的六项原则”和表 1-1 的管理跨度：客服总监 3–6 人、客服经理 5–9 人、客服主管 7–15 人。",
            "点击“添加顶层岗位”建立客服总监，再在这一行点击“添加下级”，依次加出客服经理、客服主管和专员，至少形成三个层级。",
            "在每一行改写“岗位”名称、选择层级、填写“人数”；汇报关系可以拖动行来调整，也可以在“上级”下拉框中选择。",
            "某一行出现“⚠ 每人直接下属……应为……”，说明它的直接下属人数超出了表 1-1 的范围；调整人数或汇报关系，直到没有一行出现 ⚠。",
            "点击“保存为 SVG”或“打印”，把组织结构图交给老师。",
        ],
        steps_en: &[
            "Open the “Organisation” page and first read “The six design principles” and the spans of table 1-1: a service director 3–6 people, a service manager 5–9, a service supervisor 7–15.",
            "Click “Add a top position” to create the service director, then click “Add a report” on its row to add managers, supervisors and specialists in turn, making at least three levels.",
            "On each row rename the “Position”, choose its level and fill in the “Head count”; change reporting lines by dragging a row or by choosing in the “Reports to” list.",
            "A row showing “⚠ direct reports each … should be …” has its direct reports outside table 1-1; adjust head counts or reporting lines until no row shows ⚠.",
            "Click “Save as SVG” or “Print” to hand the org chart in to your teacher.",
        ],
        work: &["org_units"],
        criteria: criteria![
            (
                "你自己建立的组织结构中有客服总监",
                "Your own chart has a service director",
                own_director
            ),
            (
                "你自己的组织结构至少三个层级",
                "Your own chart has at least three levels",
                three_levels
            ),
            (
                "有下属的岗位都在表 1-1 的管理跨度之内（没有 ⚠）",
                "Every position with reports is within table 1-1's span (no ⚠)",
                no_span_warnings
            ),
        ],
    },
    Exercise {
        id: "p1-t2",
        project: 1,
        zh: "任务二 编制客户服务部门的岗位说明书",
        en: "Write the department's job descriptions",
        href: "/jobs",
        steps_zh: &[
            "在“组织结构”中打开“岗位说明书”页，点击“新建（空白）”，或点击“从样本新建：售后服务专员（表 1-2）”在样本上修改。",
            "填写表头：“岗位名称”“所在部门”“直接上级”“岗位定级”“岗位编号”和“直接下级 / 所辖人员”，要与你设计的组织结构图一致。",
            "用 3W 法写“职务概要”以及目的（Why）、职权范围（Within）、工作内容（What），再填写“管理结构”。",
            "按由主到次的顺序填写“工作任务”“权力”和“绩效标准”（每行一项），再填写工作关系、任职资格和“其他”各项。",
            "填写“签字确认”“签字日期”和有效期（通常一年），点击“保存”；按“完整性检查”中“还缺”的提示补齐，直到显示“各项要素都已填写。”",
        ],
        steps_en: &[
            "Under “Organisation”, open the “Job descriptions” page and click “New (blank)”, or click “New from the sample: after-sales specialist (table 1-2)” and edit the sample.",
            "Fill in the header: “Position”, “Department”, “Reports to”, “Level”, “Number” and “Direct reports”, matching the org chart you designed.",
            "Use the 3W method to write the “Summary” and the Why (purpose), Within (authority) and What (main work), then fill in the “Management scope”.",
            "Fill in the “Duties”, “Authority” and “Performance standards” from the most to the least important (one per line), then the working relations, qualifications and the “Other” items.",
            "Fill in “Signed by”, “Signed on” and the validity period (usually a year) and click “Save”; add whatever the “Completeness check” lists under “Still missing” until it shows “Every element is filled in.”",
        ],
        work: &["job_descriptions"],
        criteria: criteria![
            (
                "一份你写的（或改写过样本的）岗位说明书，表 1-2 的各项要素都用实际内容填写",
                "A job description you wrote (or a sample one you rewrote) with every element of table 1-2 filled with real content",
                a_complete_job_description
            ),
        ],
    },
    Exercise {
        id: "p1-q1",
        project: 1,
        zh: "任务提出 1 为房地产公司设计客服组织结构",
        en: "Task: the real-estate company's service org chart",
        href: "/org",
        steps_zh: &[
            "阅读教材“实战训练”中××房地产公司的背景：公司在江西有很多营业点，以前没有统一的客服中心；现在总部成立客户关系部门，采用直线职能制，由营销副总经理管理。",
            "在“组织结构”页点击“添加顶层岗位”建立客服总监，再用“添加下级”按公司业务设经理岗位，例如客户关系部经理、售后服务部经理和客服中心经理。",
            "在各经理下继续“添加下级”，配备主管和专员（如大客户专员、投诉处理专员、话务员），并按公司规模填写“人数”。",
            "对照表 1-1 调整人数和汇报关系，直到没有 ⚠ 跨度警告。",
            "点击“保存为 SVG”导出该公司客户服务部门的组织结构图（实战训练任务1），并准备好说明你的设计理由。",
        ],
        steps_en: &[
            "Read the background of the ××real-estate company in the textbook's practice (实战训练): it has many branches in Jiangxi and had no single service center; now head office sets up a customer-relations department, line-and-staff, under the vice general manager for marketing.",
            "On the “Organisation” page click “Add a top position” to create the service director, then use “Add a report” to add manager positions for the company's business, such as a customer-relations manager, an after-sales manager and a service-center manager.",
            "Under each manager “Add a report” again for supervisors and specialists (a key-account specialist, a complaints specialist, call operators, say) and fill in the “Head count” to suit the company's size.",
            "Adjust head counts and reporting lines against table 1-1 until there is no ⚠ span warning.",
            "Click “Save as SVG” to export the org chart of the company's service department (practice task 1), and be ready to explain why you designed it so.",
        ],
        work: &["org_units"],
        criteria: criteria![
            (
                "你自己建立的组织结构中有客服总监",
                "Your own chart has a service director",
                own_director
            ),
            (
                "具备案例的四个层级：总监、经理、主管、专员",
                "It has the case's four levels: director, manager, supervisor, specialist",
                the_case_levels
            ),
            (
                "有下属的岗位都在表 1-1 的管理跨度之内（没有 ⚠）",
                "Every position with reports is within table 1-1's span (no ⚠)",
                no_span_warnings
            ),
        ],
    },
    Exercise {
        id: "p1-q2",
        project: 1,
        zh: "任务提出 2 撰写客户服务部门的岗位职责",
        en: "Task: the department's duties",
        href: "/org",
        steps_zh: &[
            "打开“组织结构”页，向下找到“客户服务管理部门的岗位职责”表，表中七列就是教材列出的七项职责。",
            "为每个岗位勾选它承担的职责，例如客服总监负责“客户服务组织管理”，投诉处理专员负责“客户投诉管理”，话务员负责“呼叫中心管理”。",
            "表上方出现“无人负责的职责”时，把列出的职责分给合适的岗位，直到显示“七项职责都有岗位负责。”",
            "结合××房地产公司的情况（实战训练任务2），在相关岗位说明书的“工作任务”中逐条写出这些职责的具体内容。",
        ],
        steps_en: &[
            "Open the “Organisation” page and scroll down to the “Duties of the customer-service department” table; its seven columns are the seven duties listed in the textbook.",
            "Tick the duties each position holds: the service director, say, holds “Service organisation”, the complaints specialist “Complaints” and the call operators “Call center”.",
            "When “Duties nobody holds” appears above the table, give each duty listed to a suitable position until it shows “Every one of the seven duty areas is held.”",
            "For the ××real-estate company (practice task 2), write out what each duty involves, item by item, in the “Duties” of the positions' job descriptions.",
        ],
        work: &["org_units", "job_descriptions"],
        criteria: criteria![
            (
                "七项职责都由你建立的岗位负责",
                "Each of the seven duty areas is held by a position you made",
                every_duty_held
            ),
            (
                "为七项职责逐项写出本公司的具体职责（每项至少 10 个字）",
                "The duties of each of the seven areas written out for this company (at least 10 characters each)",
                duties_written
            ),
        ],
    },
    Exercise {
        id: "p1-q3",
        project: 1,
        zh: "任务提出 3 淘宝网店的客服组织结构与职责",
        en: "Task: a Taobao shop's service organisation and duties",
        href: "/org",
        steps_zh: &[
            "设想企业在淘宝开了网店：网店客服一般分为售前咨询、售后服务、投诉与评价处理等岗位，主要通过千牛（旺旺）在线接待买家。",
            "在“组织结构”页客服总监的那一行点击“添加下级”，建立“网店客服经理”，再往下加“在线客服主管”和售前、售后客服专员，至少三个层级（还没有总监就先“添加顶层岗位”）。",
            "在“客户服务管理部门的岗位职责”表中，给在线客服岗位勾选“呼叫中心管理”（在线客服就是网店的呼叫中心），并勾选售后、投诉等相应职责。",
            "按表 1-1 填写各岗位的“人数”，消除 ⚠ 跨度警告。",
            "点击“保存为 SVG”或“打印”，连同你对各岗位具体工作职责的分析一起交给老师。",
        ],
        steps_en: &[
            "Imagine the company has opened a shop on Taobao: its service staff usually split into pre-sale enquiries, after-sales service, and complaints and reviews, and serve buyers online through Qianniu (Wangwang).",
            "On the “Organisation” page click “Add a report” on the service director's row to create an online-shop service manager, then add an online-service supervisor and pre-sale and after-sales specialists under it, at least three levels (with no director yet, first “Add a top position”).",
            "In the “Duties of the customer-service department” table tick “Call center” for the online-service positions (online chat is the shop's call center), and tick after-sales, complaints and the other duties they hold.",
            "Fill in each position's “Head count” by table 1-1 to clear the ⚠ span warnings.",
            "Click “Save as SVG” or “Print” and hand the chart in with your analysis of each position's duties.",
        ],
        work: &["org_units"],
        criteria: criteria![
            (
                "你自己的组织结构至少三个层级",
                "Your own chart has at least three levels",
                three_levels
            ),
            (
                "有一个带下属的网店（在线）客服岗位，名称中含“网店”“在线”或“淘宝”",
                "An online-shop service position with reports, its title containing 网店, 在线, 淘宝, online or Taobao",
                online_shop_position
            ),
            (
                "有你建立的岗位负责呼叫中心（在线客服）",
                "A position you made handles the call center (online service)",
                call_center_duty
            ),
        ],
    },
    Exercise {
        id: "p1-s1",
        project: 1,
        zh: "实战训练 编写客服专员岗位说明书",
        en: "Practice: the service specialist's job description",
        href: "/jobs",
        steps_zh: &[
            "打开“岗位说明书”页，点击“新建（空白）”，或点击“从样本新建：售后服务专员（表 1-2）”后按房地产公司的情况修改。",
            "“岗位名称”要写成××专员，如“客服专员”；“所在部门”和“直接上级”要与你为××房地产公司设计的组织结构一致。",
            "结合公司的客服工作（受理购房、租房咨询，回访业主，处理物业投诉等），按主次填写“工作任务”“权力”和“绩效标准”，每行一项。",
            "写好 3W 目标、工作关系、任职资格和“其他”各项，再填写“签字确认”和有效期。",
            "点击“保存”，直到“完整性检查”显示“各项要素都已填写。”，再点击“打印”交作业（实战训练任务3）。",
        ],
        steps_en: &[
            "Open the “Job descriptions” page and click “New (blank)”, or click “New from the sample: after-sales specialist (table 1-2)” and adapt it to the real-estate company.",
            "Give the “Position” a specialist's name with 专员 in it, such as 客服专员 (service specialist); the “Department” and “Reports to” must match the org chart you designed for the ××real-estate company.",
            "From the company's service work (enquiries about buying and renting, calling owners back, property complaints), fill in the “Duties”, “Authority” and “Performance standards” in order of importance, one per line.",
            "Write the 3W goal, working relations, qualifications and the “Other” items, then fill in “Signed by” and the validity period.",
            "Click “Save” until the “Completeness check” shows “Every element is filled in.”, then click “Print” to hand it in (practice task 3).",
        ],
        work: &["job_descriptions"],
        criteria: criteria![
            (
                "一份“专员”岗位说明书（岗位名称含“专员”），表 1-2 的各项要素都用实际内容填写",
                "A specialist's job description (专员 or specialist in its title) with every element of table 1-2 filled with real content",
                a_specialist_job_description
            ),
        ],
    },
    Exercise {
        id: "p1-g1",
        project: 1,
        zh: "岗位工作目标分解（表 1-4 至 1-9）",
        en: "Position goals (tables 1-4 to 1-9)",
        href: "/goals",
        steps_zh: &[
            "在“组织结构”中打开“岗位工作目标”页，阅读表 1-4 至 1-9：客户管理、客户开发、大客户管理、客户关系、售后服务和客户投诉各岗位的工作目标。",
            "在每个空白（____）处填写你为××房地产公司设定的目标值：百分比填 1–100，评分填 1–5 分。",
            "目标要切合实际：对照页面上 Kehu 根据工作簿数据算出的实际值（满意率、回访率、投诉处理及时率等），看哪些目标已经达到。",
            "点击“保存”，再在“实训报告”中打印目标表交给老师。",
        ],
        steps_en: &[
            "Under “Organisation”, open the “Position goals” page and read tables 1-4 to 1-9: the goals of the customer management, development, key-account, relationship, after-sales and complaints positions.",
            "Fill every blank (____) with the target you set for the ××real-estate company: a percentage of 1–100, a score of 1–5.",
            "Keep the targets realistic: compare them with the actual figures Kehu works out from the workbook on the page (satisfaction, callback and complaint figures) and see which are met.",
            "Click “Save”, then print the goal tables from the “Exercise report” for your teacher.",
        ],
        work: &["settings"],
        criteria: criteria![
            (
                "表 1-4 至 1-9 的每个空白都填了合理的目标值（百分比 1–100，评分 1–5）",
                "Every blank of tables 1-4 to 1-9 holds a plausible target (a percentage of 1–100, a score of 1–5)",
                goal_targets
            ),
        ],
    },
    Exercise {
        id: "p2-t1",
        project: 2,
        zh: "任务一 客户服务礼仪",
        en: "Service etiquette",
        href: "/self-checks",
        steps_zh: &[
            "打开“日常服务”中的“礼仪自查”页，点击“开始自查：自我提问式热情培养法（表1-3）”。",
            "对照每一项的“做法”为自己的表现打 1–5 分（也可以请同学观察后打分），填写“日期”，点击“保存”。",
            "过一段时间再做一次，或做“客服人员职业素养自查”，在自查记录中看“与上次相比”的进步。",
            "打开“服务话术”页，话术库为空时先点击“添加常用话术”，再用“新建话术”写出你自己的问候语、致歉语和结束语。",
        ],
        steps_en: &[
            "Open the “Etiquette self-checks” page under “Daily service” and click “Take the check: Self-questioning for service warmth (table 1-3)”.",
            "Score yourself 1–5 on each item against its “What to do” (or have a classmate watch and score you), fill in the “Date” and click “Save”.",
            "Take it again some time later, or take the “Service professionalism self-check”, and see your progress “Since last time” in the record of checks.",
            "Open the “Service scripts” page; if the library is empty click “Add the standard scripts” first, then use “New script” to write your own greeting, apology and closing.",
        ],
        work: &["self_checks", "scripts"],
        criteria: criteria![
            (
                "你完成一次礼仪自查，每一项都打了 1–5 分",
                "You took an etiquette self-check, scoring every item 1–5",
                self_check
            ),
            (
                "你自己写了一条话术（不是原样的常用话术）",
                "You wrote a script of your own (not a starter script as given)",
                own_script
            ),
        ],
    },
    Exercise {
        id: "p2-t2",
        project: 2,
        zh: "任务二 引导和接待客户",
        en: "Guiding and receiving customers",
        href: "/service",
        steps_zh: &[
            "先在“客户档案”页点击“新建客户”，建好来访的客户，例如到售楼处看房的客户。",
            "打开“日常服务”中的“服务记录”页，点击“新建服务记录”，“类型”选择“接待”。",
            "选择客户，填写“时间”“服务人员”“来访人/来电人”和“事由/主题”，在“引导至”中写明把客户引导到哪里（如样板间、洽谈区），再写“处理结果”，点击“保存”。",
            "模拟不同的接待情境，至少登记 3 次接待；需要跟进的，勾选“安排回访”。",
        ],
        steps_en: &[
            "First click “New customer” on the “Customers” page to file the visitors, such as people who come to the sales office to see homes.",
            "Open the “Service records” page under “Daily service”, click “New service record” and choose “Reception” as the “Kind”.",
            "Choose the customer, fill in “When”, “Staff”, “Visitor / caller” and “Purpose / topic”, write in “Guided to” where you took the visitor (a show flat, the meeting area), then the “Result”, and click “Save”.",
            "Play out different receptions and log at least 3; tick “Schedule a callback” for those that need following up.",
        ],
        work: &["service_records"],
        criteria: criteria![
            (
                "你登记了 3 条接待记录，每条写明事由和处理结果",
                "You logged 3 receptions, each with its purpose and result",
                receptions
            ),
        ],
    },
    Exercise {
        id: "p2-t3",
        project: 2,
        zh: "任务三 电话受理和回访",
        en: "Handling calls and calling back",
        href: "/callbacks",
        steps_zh: &[
            "在“服务记录”页点击“新建服务记录”，“类型”选“来电受理”，填写来电人、“事由/主题”、“通话时长（分钟）”和“处理结果”，勾选“安排回访”后保存。",
            "至少登记 3 个来电，如咨询房源、预约看房、报修；也可以在客户详情页的“快速登记”中选“来电受理”，勾选“按规则安排回访”后点击“登记”。",
            "打开“回访”页，在“已逾期”“今天到期”或“即将到期”的回访上点击“完成”。",
            "勾选“已完成回访”，填写“完成日期”，选择“满意度（1–5）”，写下“回访结果”，点击“保存”；至少完成 3 次并评分。",
            "客户只打 1–2 分时，点击“登记为投诉”，转入投诉处理。",
        ],
        steps_en: &[
            "On the “Service records” page click “New service record”, choose “Inbound call” as the “Kind”, fill in the caller, “Purpose / topic”, “Call length (minutes)” and “Result”, tick “Schedule a callback” and save.",
            "Log at least 3 calls, such as asking about flats, booking a viewing or reporting a repair; or use “Quick entry” on a customer's page: choose “Inbound call”, tick “Schedule a callback by the rule” and click “Log it”.",
            "Open the “Callbacks” page and click “Complete” on a callback that is “Overdue”, “Due today” or “Upcoming”.",
            "Tick “The callback is done”, fill in “Done on”, choose the “Satisfaction (1–5)”, write the “Outcome” and click “Save”; complete and score at least 3.",
            "When a customer gives only 1 or 2, click “Open a complaint” to pass it on to complaint handling.",
        ],
        work: &["service_records", "callbacks"],
        criteria: criteria![
            (
                "你登记了 3 条来电受理记录，每条写明事由和处理结果",
                "You logged 3 inbound calls, each with its purpose and result",
                phone_calls
            ),
            (
                "你完成了 3 次回访，每次有满意度评分和回访结果",
                "You completed 3 callbacks, each with a satisfaction score and a result",
                callbacks_done
            ),
        ],
    },
    Exercise {
        id: "p2-t4",
        project: 2,
        zh: "任务四 售后服务",
        en: "After-sales service",
        href: "/tickets",
        steps_zh: &[
            "打开“日常服务”中的“售后服务”页，点击“新建售后单”，选择客户和“类型”（维修、退货、换货、配件、安装或咨询），例如业主报修门窗漏水。",
            "填写“标题”“负责人”“到期日”和“问题描述”，需要配件时在“配件与费用”中点击“添加配件”，点击“保存”。",
            "在“处理流程”中填写“经办人”和“说明”，点击“开始处理”；处理好后点击“处理完毕，待回访”。",
            "页面提示安排回访时，点击“安排回访”，再到“回访”页完成这次回访。",
            "客户确认满意后，回到这张售后单，点击“关闭售后单”。",
        ],
        steps_en: &[
            "Open the “After-sales” page under “Daily service”, click “New ticket” and choose the customer and the “Type” (repair, return, exchange, spare parts, installation or enquiry): an owner reporting a leaking window, say.",
            "Fill in the “Title”, “Assignee”, “Due” and “Description”; if parts are needed click “Add a part” under “Parts and cost”; click “Save”.",
            "Under “Status flow” fill in “By” and “Note” and click “Start work”; once it is handled click “Done, waiting for callback”.",
            "When the page suggests a callback, click “Schedule a callback”, then complete it on the “Callbacks” page.",
            "Once the customer confirms they are satisfied, go back to the ticket and click “Close the ticket”.",
        ],
        work: &["tickets", "callbacks"],
        criteria: criteria![
            (
                "你把一张售后工单处理到“已关闭”",
                "You took an after-sales ticket through to closed",
                ticket_closed
            ),
        ],
    },
    Exercise {
        id: "p2-t5",
        project: 2,
        zh: "任务五 客户满意度管理",
        en: "Customer satisfaction",
        href: "/surveys",
        steps_zh: &[
            "打开“日常服务”中的“满意度调查”页，点击“新建问卷”，填写“问卷标题”，如“业主满意度调查”。",
            "点击“添加问题”，至少设计 5 道题：几道“评分 1–5（计入 CSI）”题并填写“重要性权重”，一道“推荐可能性 0–10（NPS）”题和一道“开放题”，点击“保存”。",
            "在问卷列表中点击“录入答卷”，逐份录入并点击“保存答卷”，至少 10 份；答卷多时可以“下载 CSV 模板”，填好后“从 CSV 导入答卷”。",
            "点击“结果”，查看 CSI、满意率、NPS 和“重要性—满意度四分图”，针对“重点改进区”的项目提出改进措施。",
        ],
        steps_en: &[
            "Open the “Satisfaction surveys” page under “Daily service”, click “New survey” and fill in the “Survey title”, such as an owners' satisfaction survey.",
            "Click “Add a question” to design at least 5 questions: a few “Rating 1–5 (counts in CSI)” questions with their “Importance weight”, one “Likelihood to recommend 0–10 (NPS)” and one “Free text”; click “Save”.",
            "In the list of surveys click “Enter a response” and enter the responses one by one with “Save the response”, at least 10; for many, “Download a CSV template”, fill it in and “Import responses from CSV”.",
            "Click “Results” to see the CSI, satisfaction rate, NPS and the “Importance–performance chart”, and propose improvements for the items in “Improve first”.",
        ],
        work: &["surveys", "survey_responses"],
        criteria: criteria![
            (
                "你设计了一份至少 5 道题的问卷",
                "You designed a survey of at least 5 questions",
                survey_designed
            ),
            (
                "你为自己的问卷录入了 10 份答卷",
                "You recorded 10 responses to your survey",
                survey_answered
            ),
            (
                "你算出的问卷 NPS 与 Kehu 按你的答卷算出的相差不超过 1（问卷要有 0–10 推荐题）",
                "The NPS you worked out is within 1 of Kehu's from your responses (the survey needs a 0–10 recommend question)",
                nps_judged,
                &SURVEY_NPS
            ),
        ],
    },
    Exercise {
        id: "p3-t1",
        project: 3,
        zh: "任务一 开发潜在客户",
        en: "Developing prospects",
        href: "/pipeline",
        steps_zh: &[
            "打开“客户开发”中的“商机”页，点击“新建商机”，填写“标题”，选择客户，填写“来源”（如网站、展会、老客户介绍）、“预计金额（元）”和“下一步”，点击“保存”。",
            "至少建 5 个商机：可以像教材中的房地产公司那样，从已积累的客户资料中找出有购房需求的客户，电话拜访并推荐合适的户型。",
            "在“看板”上把卡片拖到下一列，或点击卡片上的 ← → 按钮，让商机从“潜在”经“初步接触”“意向”“谈判”推进到“成交”，至少成交一个。",
            "没谈成的商机勾选“标记为流失”，写明“流失原因”。",
            "查看“转化漏斗”和“按线索来源”的“赢单率”，分析哪种获客渠道最有效。",
        ],
        steps_en: &[
            "Open the “Pipeline” page under “Acquisition”, click “New opportunity”, fill in the “Title”, choose the customer, fill in the “Source” (website, trade fair, referral by a customer…), the “Expected value (yuan)” and the “Next step”, and click “Save”.",
            "Create at least 5 opportunities: like the real-estate company in the textbook, find customers who need a home in the records already gathered, call them and recommend suitable flat types.",
            "On the “Board”, drag a card to the next column or click its ← → buttons, moving opportunities from “Prospect” through “First contact”, “Intent” and “Negotiation” to “Won”; win at least one.",
            "For an opportunity that fell through, tick “Mark as lost” and give the “Reason lost”.",
            "Look at the “Conversion funnel” and the “Win rate” “By lead source” to work out which channel brings customers best.",
        ],
        work: &["opportunities"],
        criteria: criteria![
            (
                "你建立了 5 个商机",
                "You opened 5 opportunities",
                opportunities
            ),
            (
                "你把一个商机推进到成交",
                "You took an opportunity through to won",
                opportunity_won
            ),
        ],
    },
    Exercise {
        id: "p3-t2",
        project: 3,
        zh: "任务二 客户信息搜集与分析",
        en: "Gathering and analysing customer information",
        href: "/insights",
        steps_zh: &[
            "在“客户档案”页点击“新建客户”，尽量填全姓名/名称、电话、电子邮箱、公司、职务、行业、地区、地址、来源和生日，点击“保存”。",
            "在客户列表中查看每位客户的“完整度”和整体的“资料完整率”；打开资料不全的客户，点击“编辑”补齐，让至少 20 位客户的完整度达到 80%。",
            "打开“客户开发”中的“客户分析”页，查看客户按来源、阶段、行业、地区的分布，说说公司的客户主要从哪里来。",
            "检查“疑似重复客户”，确认是同一个人后逐项选择要保留的值，点击“合并这些客户”。",
        ],
        steps_en: &[
            "On the “Customers” page click “New customer” and fill in as many of name, phone, e-mail, company, title, industry, region, address, source and birthday as you can, then click “Save”.",
            "In the customer list check each customer's “Completeness” and the overall “Data completeness”; open the incomplete ones and click “Edit” to fill them in, until at least 20 customers are at least 80% complete.",
            "Open the “Customer insights” page under “Acquisition” and look at customers by source, stage, industry and region: where do the company's customers mainly come from?",
            "Check the “Possible duplicates”; once sure they are the same person, choose the value to keep for each field and click “Merge these customers”.",
        ],
        work: &["customers"],
        criteria: criteria![
            (
                "你录入了 20 位资料完整度 ≥ 80% 的客户",
                "You entered 20 customers whose profiles are at least 80% complete",
                twenty_complete_customers
            ),
        ],
    },
    Exercise {
        id: "p3-t3",
        project: 3,
        zh: "任务三 客户拜访和接近",
        en: "Visiting and approaching customers",
        href: "/visits",
        steps_zh: &[
            "打开“客户开发”中的“拜访”页，点击“计划拜访”，选择客户，填写“时间”和“拜访目的”。",
            "在“准备清单”中输入“新的准备事项”（如了解客户需求、准备户型图和价格表、电话预约），逐项点击“添加”；在“携带资料”中写明要带的材料，点击“保存”。",
            "每准备好一项就勾选“已准备”，做到拜访前心中有数。",
            "拜访后打开这次拜访，把“状态”改为“已完成”，在“处理结果”中记录客户的反应，写好“下一步”，点击“保存”。",
        ],
        steps_en: &[
            "Open the “Visits” page under “Acquisition”, click “Plan a visit”, choose the customer and fill in “When” and the “Purpose”.",
            "Type each “New preparation step” under “Preparation” (learn the customer's needs, bring floor plans and the price list, book the time by phone…) and click “Add” for each; list what to bring under “Materials” and click “Save”.",
            "Tick each step as “prepared” when it is ready, so you go into the visit well prepared.",
            "After the visit open it again, set the “Status” to “Done”, record how the customer responded in “Result”, write the “Next step” and click “Save”.",
        ],
        work: &["visits"],
        criteria: criteria![
            (
                "你计划了一次带准备清单的拜访",
                "You planned a visit with its checklist",
                visit_planned_with_checklist
            ),
            (
                "你完成了一次拜访并写下结果",
                "You completed a visit and wrote its result",
                visit_done
            ),
        ],
    },
    Exercise {
        id: "p4-t1",
        project: 4,
        zh: "任务一 识别大客户和建立大客户档案",
        en: "Identifying key accounts and opening their files",
        href: "/value",
        steps_zh: &[
            "在“客户开发”中的“订单”页点击“新建订单”，或点击“从 CSV 导入订单”，让至少 10 位客户有订单。",
            "打开“价值分析”页，选择期间，查看“ABC 分类（帕累托分析）”和“RFM 客户细分”，找出 A 类客户和重要价值客户。",
            "打开“大客户”页，在“识别规则”中勾选规则（如“ABC 分类为 A 类”），也可以选择客户后点击“手工标记为大客户”，得到大客户名单。",
            "在名单中点击一位客户的“大客户档案”，用“添加一人”录入决策人及其角色，填写组织情况、需求、合作历史和“服务计划”，点击“保存”。",
        ],
        steps_en: &[
            "On the “Orders” page under “Acquisition” click “New order”, or click “Import orders from CSV”, so that at least 10 customers have orders.",
            "Open the “Value analysis” page, choose the period and study the “ABC classes (Pareto)” and “RFM segments” to find the class A and important-value customers.",
            "Open the “Key accounts” page and tick rules under “Identification rules” (such as “ABC class A”), or choose a customer and click “Mark as key account”, to get the list of key accounts.",
            "Click “Account file” for a customer in the list, enter the decision makers and their roles with “Add a person”, fill in the organisation, needs, history and “Service plan”, and click “Save”.",
        ],
        work: &["orders", "key_accounts"],
        criteria: criteria![
            (
                "至少 10 位客户有订单可做 ABC/RFM 分析（示例数据也可以）",
                "At least 10 customers with orders for ABC/RFM (the sample's data is fine)",
                orders_for_analysis
            ),
            (
                "你为一位大客户建立档案：写明决策人和服务计划",
                "You filed a key account: its decision makers and service plan",
                key_account_file
            ),
        ],
    },
    Exercise {
        id: "p4-t2",
        project: 4,
        zh: "任务二 大客户回访",
        en: "Calling back key accounts",
        href: "/key-accounts",
        steps_zh: &[
            "打开一位大客户的“大客户档案”，设置“回访间隔（天）”（如 30 天），点击“保存”。",
            "回到“大客户名单”页，在“大客户回访计划”中找到这位客户，点击“安排回访”。",
            "打开“日常服务”中的“回访”页，在这次回访上点击“完成”，勾选“已完成回访”，填写“完成日期”“满意度（1–5）”和“回访结果”（如客户对服务的意见和新的需求），点击“保存”。",
            "回到“大客户回访计划”，选择期间，查看“大客户回访率”和“大客户回访及时率”。",
        ],
        steps_en: &[
            "Open a key account's “Account file”, set “Callback every (days)” (30 days, say) and click “Save”.",
            "Back on the “Key accounts” list page, find this customer in the “Key-account callback plan” and click “Schedule a callback”.",
            "Open the “Callbacks” page under “Daily service”, click “Complete” on this callback, tick “The callback is done”, fill in “Done on”, “Satisfaction (1–5)” and the “Outcome” (the customer's views on the service and any new needs), and click “Save”.",
            "Back at the “Key-account callback plan”, choose the period and read the “Key-account callback rate” and the “Key-account on-time callback rate”.",
        ],
        work: &["key_accounts", "callbacks"],
        criteria: criteria![
            (
                "你在客户成为大客户之后完成了一次对它的回访（有评分和结果）",
                "You completed a callback to a key account after it became one (scored, with a result)",
                key_account_callback
            ),
        ],
    },
    Exercise {
        id: "p4-t3",
        project: 4,
        zh: "任务三 大客户关系维护（含联谊会实施方案）",
        en: "Keeping key accounts (with an event plan)",
        href: "/events",
        steps_zh: &[
            "在“大客户”页的“关系活动记录”中选择客户和“类别”（拜访、赠礼、会面宴请），填写日期、备注和“费用”，点击“登记”；至少登记 2 次。",
            "打开“联谊会方案”页，点击“新建联谊会方案”，填写“活动名称”“日期”“地点”和“活动目的”。",
            "在“邀请的大客户”中勾选要邀请的大客户。",
            "在“活动议程”中按时间逐行填写活动项目，在“预算”中列出各项费用，再写好“任务分工”；每部分都可以点击“添加一行”。",
            "点击“保存”，再点击“打印”，得到一份完整的大客户联谊会实施方案。",
        ],
        steps_en: &[
            "In “Relationship activities” on the “Key accounts” page choose the customer and the “Kind” (visit, gift, meeting), fill in the date, note and “Cost”, and click “Log it”; log at least 2.",
            "Open the “Event plans” page, click “New event plan” and fill in the “Event”, “Date”, “Venue” and “Aim”.",
            "Tick the key accounts to invite under “Invited key accounts”.",
            "Fill in the “Agenda” line by line with times and items, list every cost under “Budget”, and write the “Tasks”; each part has “Add a line”.",
            "Click “Save”, then “Print”, for a complete key-account event plan.",
        ],
        work: &["account_activities", "event_plans"],
        criteria: criteria![
            (
                "你记录了 2 次关系维护活动",
                "You logged 2 relationship activities",
                relationship_activity
            ),
            (
                "你的联谊会方案有邀请名单、议程和预算",
                "Your event plan has invitees, an agenda and a budget",
                event_plan
            ),
        ],
    },
    Exercise {
        id: "p5-t1",
        project: 5,
        zh: "任务一 客户抱怨和投诉管理",
        en: "Handling complaints",
        href: "/complaints",
        steps_zh: &[
            "打开“投诉与关怀”中的“投诉登记”页，点击“登记投诉”，选择客户，填写“渠道”“投诉类别”“紧急程度”“问题描述”和“客户诉求”，点击“受理登记”。",
            "按“受理 → 调查 → 处理 → 答复客户 → 回访 → 归档”六步，逐步点击“进入下一步”，每一步都填写“经办人”和“说明”。",
            "调查清楚后填写“根本原因”和“补偿措施”；逾期或重大的投诉在“升级至”中写明负责人。",
            "回访时选择“客户对处理结果的满意度（1–5）”，点击“保存”，再进入“归档”。",
            "打开“投诉指标”页，查看处理及时率、解决率、满意率和投诉类别帕累托图。",
        ],
        steps_en: &[
            "Open “Complaints” under “Complaints & care”, click “Register a complaint”, choose the customer, fill in the “Channel”, “Category”, “Severity”, “Description” and “What the customer asks for”, and click “Register”.",
            "Take the six steps accept → investigate → handle → reply → call back → archive one by one with “Next step”, filling in “By” and “Note” at each.",
            "Once it is investigated, fill in the “Root cause” and “Compensation”; for an overdue or serious complaint name the person in “Escalated to”.",
            "At the callback choose the “Satisfaction with the resolution (1–5)”, click “Save”, then move on to archive it.",
            "Open the “Complaint KPIs” page to read the on-time handling rate, resolution rate, satisfaction rate and the Pareto chart of complaint categories.",
        ],
        work: &["complaints"],
        criteria: criteria![
            (
                "你把一件投诉走完六步并记录满意度",
                "You took a complaint through all six steps and recorded its rating",
                complaint_archived
            ),
        ],
    },
    Exercise {
        id: "p5-t2",
        project: 5,
        zh: "任务二 实施客户关怀和忠诚度管理",
        en: "Care and loyalty",
        href: "/care",
        steps_zh: &[
            "打开“投诉与关怀”中的“客户关怀”页，查看“关怀规则与消息模板”，可以用“添加关怀规则”为公司加一条，例如购房后 30 天的问候。",
            "在“待办关怀”中点击“复制”，把消息发给客户，再点击“标记完成”；至少完成 3 次关怀（待办为空时，可给客户填上近期的生日或登记新订单）。",
            "打开“忠诚度”页，查看“积分与等级规则”“忠诚度阶梯”和“流失风险客户”，想一想怎样挽留有流失风险的客户。",
            "打开一位有积分的客户（积分来自新订单或“活动积分”）的详情页，在“积分”中填写“积分数”和“原因”，点击“兑换”，至少完成一次积分兑换。",
        ],
        steps_en: &[
            "Open “Customer care” under “Complaints & care” and look over the “Care rules and message templates”; with “Add a care rule” you can add one for the company, such as a greeting 30 days after buying a home.",
            "Under “Care due” click “Copy”, send the message to the customer, then click “Mark done”; do at least 3 (if nothing is due, give customers a birthday in the coming days or log a new order).",
            "Open the “Loyalty” page and study the “Points and tier rules”, the “Loyalty ladder” and the “Customers at risk of churning”: how would you keep those at risk?",
            "Open the page of a customer with points (earned by new orders or “Activity points”), fill in “Points” and “Reason” under “Points”, and click “Redeem”: redeem points at least once.",
        ],
        work: &["care_rules", "care_actions", "point_entries"],
        criteria: criteria![
            (
                "你完成了 3 次关怀",
                "You completed 3 care actions",
                care_done
            ),
            (
                "你完成了一次积分兑换",
                "You redeemed points once",
                points_redeemed
            ),
        ],
    },
    Exercise {
        id: "p5-t3",
        project: 5,
        zh: "任务三 提供个性化服务",
        en: "Personalised service",
        href: "/suggestions",
        steps_zh: &[
            "打开一位客户的详情页，展开“偏好档案”，填写“偏好的联系方式”“方便的联系时间”“喜欢的产品”“忌讳与不喜欢”和“特别日期”，点击“保存偏好档案”；至少为 3 位客户建档。",
            "打开“投诉与关怀”中的“个性化服务”页，在“细分服务规则”中选择“细分”（如重要挽留客户），写下“服务动作”和几“天内”完成，点击“添加规则”。",
            "查看“今日各客户的建议”，点开客户，按“建议的下一步”为他提供服务。",
            "结合房地产客户的特点（如喜欢用微信联系、关注学区房），把你为每位客户设计的个性化服务写进偏好档案的“备注”。",
        ],
        steps_en: &[
            "Open a customer's page, expand the “Preference profile”, fill in “Preferred channel”, “Preferred time”, “Products liked”, “Dislikes” and “Special dates”, and click “Save the profile”; do it for at least 3 customers.",
            "Open “Personalized service” under “Complaints & care”; under “Service rules per segment” choose a “Segment” (such as important to win back), write the “Action” and within how many “days”, and click “Add the rule”.",
            "Read “Today's suggestions for every customer”, open a customer and serve them by their “Suggested next actions”.",
            "With real-estate customers in mind (preferring WeChat, caring about school districts…), write the personalised service you designed for each customer in the profile's “Notes”.",
        ],
        work: &["preferences", "service_rules"],
        criteria: criteria![
            (
                "你为 3 位客户建立偏好档案",
                "You filed preference profiles for 3 customers",
                preference_profiles
            ),
            (
                "你添加了一条细分服务规则",
                "You added a segment service rule",
                service_rule
            ),
        ],
    },
    Exercise {
        id: "p6-t1",
        project: 6,
        zh: "任务一 熟悉 CRM 客户关系管理系统",
        en: "Getting to know a CRM system",
        href: "/dashboard",
        steps_zh: &[
            "浏览左侧导航的各个模块，再打开“工作流程图”页，了解客户关系管理的主要工作流程；点击流程中的步骤可以进入对应的页面。",
            "为你的企业录入至少 20 位客户（“新建客户”）、20 笔订单（“新建订单”或“从 CSV 导入订单”）和 10 条服务记录（“新建服务记录”）。",
            "按企业情况设置至少一项规则，例如“回访”页的“回访规则：记录后 N 天到期”，或“投诉指标”页的“各紧急程度的处理时限”。",
            "打开“工作台”，选择期间，解读客户、销售额、满意率、投诉、回访和呼叫中心等指标。",
            "在“工作簿”页填写所有者的姓名、班级和学号，点击“导出工作簿”，把 .kehu.json 文件交给老师。",
        ],
        steps_en: &[
            "Browse the modules in the side navigation, then open the “Workflows” page to learn the main customer-relationship workflows; clicking a step opens the page where it is done.",
            "Enter at least 20 customers (“New customer”), 20 orders (“New order” or “Import orders from CSV”) and 10 service records (“New service record”) for your company.",
            "Set at least one rule for the company, such as the “Callback rules: due N days after” on the “Callbacks” page or the “Deadline per severity” on the “Complaint KPIs” page.",
            "Open the “Dashboard”, choose the period and interpret the figures for customers, revenue, satisfaction, complaints, callbacks and the call center.",
            "On the “Workbook” page fill in the owner's name, class and student number, click “Export workbook” and hand the .kehu.json file to your teacher.",
        ],
        work: &["customers", "orders", "service_records", "settings"],
        criteria: criteria![
            (
                "你录入了 20 位客户",
                "You entered 20 customers",
                own_customers
            ),
            (
                "你录入了 20 笔订单",
                "You entered 20 orders",
                own_orders
            ),
            (
                "你登记了 10 条服务记录",
                "You logged 10 service records",
                own_service_records
            ),
            (
                "你按企业情况设置了至少一项规则",
                "You set at least one rule for the company",
                settings_set
            ),
        ],
    },
    Exercise {
        id: "p6-t2",
        project: 6,
        zh: "任务二 了解呼叫中心",
        en: "Understanding the call center",
        href: "/calls",
        steps_zh: &[
            "打开“呼叫中心”页，以××房地产公司的客服中心为例，在“登记通话”中选择“方向”（呼入或呼出），填写“通话时间”、排队、通话和话后处理的秒数以及“坐席”，需要时勾选“放弃”或“首次解决”，点击“保存”。",
            "至少登记 20 条通话，来自至少 2 名坐席；通话多时可以“从 CSV 导入通话记录”。",
            "查看接通率、放弃率、平均应答速度 ASA、平均处理时长 AHT、服务水平和首次解决率，并比较“按坐席”的表现。",
            "打开“坐席排班计算（Erlang C）”页，填写“每小时来电量”和“平均处理时长（秒）”，看达到服务水平目标“所需坐席”是多少。",
        ],
        steps_en: &[
            "Open the “Call center” page and, taking the ××real-estate company's service center as the example, under “Log a call” choose the “Direction” (inbound or outbound), fill in the “Time”, the queue, talk and after-call seconds and the “Agent”, tick “Abandoned” or “Solved first time” where they apply, and click “Save”.",
            "Log at least 20 calls from at least 2 agents; for many calls, “Import calls from CSV”.",
            "Read the answer rate, abandonment rate, average speed of answer, average handle time, service level and first-contact resolution, and compare agents under “By agent”.",
            "Open the “Staffing (Erlang C)” page, fill in “Calls per hour” and “Average handle time (s)”, and see how many “Agents needed” meet the service-level target.",
        ],
        work: &["calls"],
        criteria: criteria![
            (
                "你登记了 20 条通话",
                "You logged 20 calls",
                calls_logged
            ),
            (
                "其中有至少 2 名坐席的通话",
                "Of at least 2 agents",
                calls_with_agents
            ),
            (
                "你算出的 AHT 与 Kehu 按你的通话算出的相差不超过 1 秒",
                "The AHT you worked out is within 1 s of Kehu's from your calls",
                aht_judged,
                &CALL_AHT
            ),
            (
                "你用 Erlang C 算出的所需坐席数正确（每小时 60 通、你的 AHT、80/20）",
                "The agents you worked out with Erlang C are right (60 calls an hour, your AHT, 80/20)",
                agents_judged,
                &AGENTS_NEEDED
            ),
        ],
    },
];

/// The work of `exercise` in `c`: per collection of [`Exercise::work`], every record the
/// student made or changed (sample data they did not touch is only counted), each
/// summarised with its customer's name where it has a customer.
pub fn work_of(exercise: &Exercise, c: &BookRef<'_>) -> Vec<Work> {
    work_with_names(exercise, c, &customer_names(c))
}

/// [`work_of`] for each exercise of `exercises`, the customers' names looked up once
/// (per exercise, 100,000 customers' names took half a second for the report).
pub fn work_of_each(exercises: &[Exercise], c: &BookRef<'_>) -> Vec<Vec<Work>> {
    let names = customer_names(c);
    exercises.iter().map(|e| work_with_names(e, c, &names)).collect()
}

/// Each live customer's name by id.
fn customer_names<'a>(c: &BookRef<'a>) -> std::collections::HashMap<&'a str, &'a str> {
    live(&c.customers).map(|x| (x.id.as_str(), x.name.as_str())).collect()
}

fn work_with_names<'a>(
    exercise: &Exercise,
    c: &BookRef<'a>,
    customers: &std::collections::HashMap<&'a str, &'a str>,
) -> Vec<Work> {
    struct Collect<'a> {
        names: &'a [&'static str],
        customers: &'a std::collections::HashMap<&'a str, &'a str>,
        out: Vec<Work>,
    }
    impl BorrowedVisitor for Collect<'_> {
        fn visit<T: Record>(&mut self, records: &[&T]) {
            if let Some(name) = self.names.iter().find(|n| **n == T::COLLECTION) {
                let mut work = Work { collection: name, ..Work::default() };
                for r in live(records) {
                    if !is_own_or_edited(r) {
                        work.sample += 1;
                        continue;
                    }
                    if work.summaries.len() == LISTED {
                        work.more += 1;
                        continue;
                    }
                    let summary = r.summary();
                    let customer = match r.index_key() {
                        Some(("customer_id", id)) => self.customers.get(id).copied(),
                        _ => None,
                    };
                    work.summaries.push(match customer {
                        // A summary that is only the customer's id says nothing more.
                        Some(name)
                            if summary.trim().is_empty() || r.index_key().is_some_and(|(_, id)| id == summary) =>
                        {
                            name.to_owned()
                        }
                        Some(name) => format!("{name} · {summary}"),
                        None => summary,
                    });
                }
                self.out.push(work);
            }
        }
    }
    let mut v = Collect { names: exercise.work, customers, out: Vec::new() };
    c.visit(&mut v);
    // In the exercise's order, not the file's.
    v.out.sort_by_key(|w| exercise.work.iter().position(|n| *n == w.collection));
    v.out
}

/// How many of the records a student made or changed in one collection the report
/// lists, each by its summary; the rest are counted. An exercise's work is a few dozen
/// records; a shop's book of 100,000 customers listed in full held the page for
/// minutes.
pub const LISTED: usize = 100;

/// One collection's part of an exercise's work.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Work {
    /// The collection's name.
    pub collection: &'static str,
    /// The summaries of the records the student made or changed, the first
    /// [`LISTED`] of them in the book's order.
    pub summaries: Vec<String>,
    /// How many more the student made or changed, not listed.
    pub more: usize,
    /// How many live sample records the student left as they were.
    pub sample: usize,
}

/// The result of one exercise's checks: which criteria hold.
pub fn check(exercise: &Exercise, c: &BookRef<'_>) -> Vec<Progress> {
    exercise.criteria.iter().map(|k| (k.check)(c)).collect()
}

/// A criterion's figures side by side: for a judgment, the student's answer and Kehu's
/// figure (either missing when not recorded or not computable); none for a criterion
/// that is no judgment.
pub type Judged = Option<(Option<f64>, Option<f64>)>;

/// Per criterion of `exercise`: for a judgment, the student's answer and Kehu's figure.
pub fn judged(exercise: &Exercise, c: &BookRef<'_>) -> Vec<Judged> {
    exercise.criteria.iter().map(|k| k.judgment.map(|j| j.both(c))).collect()
}

/// Exercises done (every criterion met) and in all, for project `project`.
pub fn progress(c: &BookRef<'_>, project: u8) -> (usize, usize) {
    let list: Vec<&Exercise> = EXERCISES.iter().filter(|e| e.project == project).collect();
    (list.iter().filter(|e| all_met(&check(e, c))).count(), list.len())
}

/// Whether every criterion of one exercise's results is met.
pub fn all_met(results: &[Progress]) -> bool {
    results.iter().all(|p| p.met())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Collections;
    use crate::workbook::sample::{sample_workbook, SampleCompany};

    fn met(e: &Exercise, c: &Collections) -> Vec<bool> {
        check(e, &c.borrowed()).into_iter().map(Progress::met).collect()
    }

    fn by_id(id: &str) -> &'static Exercise {
        EXERCISES.iter().find(|e| e.id == id).unwrap()
    }

    #[test]
    fn every_task_of_the_table_of_contents_has_an_exercise_and_ids_are_unique() {
        let ids: HashSet<&str> = EXERCISES.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), EXERCISES.len());
        // 项目一 2 任务 + 3 任务提出 + 1 实战训练 + the goal tables; 项目二 5; 项目三 3; 项目四 3; 项目五 3; 项目六 2.
        let per: Vec<usize> = (1..=6).map(|p| EXERCISES.iter().filter(|e| e.project == p).count()).collect();
        assert_eq!(per, [7, 5, 3, 3, 3, 2]);
        assert!(EXERCISES.iter().all(|e| !e.criteria.is_empty() && e.href.starts_with('/')));
    }

    #[test]
    fn every_exercise_has_steps_in_both_languages_and_its_work_is_in_named_collections() {
        for e in EXERCISES {
            assert!((3..=6).contains(&e.steps_zh.len()), "{}: {} steps in Chinese", e.id, e.steps_zh.len());
            assert!((3..=6).contains(&e.steps_en.len()), "{}: {} steps in English", e.id, e.steps_en.len());
            assert_eq!(e.steps_zh.len(), e.steps_en.len(), "{}: as many steps in both languages", e.id);
            assert!(e.steps_zh.iter().chain(e.steps_en).all(|s| !s.trim().is_empty()), "{}: an empty step", e.id);
            assert!(!e.work.is_empty(), "{}: no work collections", e.id);
            let distinct: HashSet<&str> = e.work.iter().copied().collect();
            assert_eq!(distinct.len(), e.work.len(), "{}: a collection named twice", e.id);
            for name in e.work {
                assert!(Collections::NAMES.contains(name), "{}: {name} is not a collection", e.id);
            }
        }
    }

    #[test]
    fn an_empty_workbook_meets_nothing() {
        let c = Collections::default();
        for e in EXERCISES {
            assert!(check(e, &c.borrowed()).iter().all(|x| x.have == 0), "{}", e.id);
        }
        assert_eq!(progress(&c.borrowed(), 1), (0, 7));
    }

    /// The sample's records as if the student had typed every one in: nothing marked.
    fn typed_in(company: SampleCompany) -> Collections {
        let wb = sample_workbook(company, 2026, 300);
        let mut v = serde_json::to_value(&wb.collections).unwrap();
        for list in v.as_object_mut().unwrap().values_mut() {
            for r in list.as_array_mut().unwrap() {
                r.as_object_mut().unwrap().remove("sample");
            }
        }
        serde_json::from_value(v).unwrap()
    }

    fn done(c: &Collections) -> Vec<&'static str> {
        EXERCISES.iter().filter(|e| all_met(&check(e, &c.borrowed()))).map(|e| e.id).collect()
    }

    #[test]
    fn loading_either_sample_and_doing_nothing_else_completes_nothing() {
        for company in [SampleCompany::RealEstate, SampleCompany::TaobaoShop] {
            let c = sample_workbook(company, 2026, 300).collections;
            assert_eq!(done(&c), Vec::<&str>::new(), "{company:?}");
            assert!(c.is_sample_only());
            // Only the analysis of the sample's orders is ready: data, not the student's work.
            for e in EXERCISES {
                for (k, p) in e.criteria.iter().zip(check(e, &c.borrowed())) {
                    if p.have > 0 {
                        assert_eq!(k.en, by_id("p4-t1").criteria[0].en, "{}: {}", e.id, k.en);
                    }
                }
            }
        }
    }

    #[test]
    fn the_same_records_typed_in_by_the_student_meet_what_they_hold() {
        let c = typed_in(SampleCompany::RealEstate);
        let d = done(&c);
        for id in
            ["p1-t1", "p1-q1", "p2-t2", "p2-t3", "p2-t4", "p3-t1", "p3-t2", "p3-t3", "p4-t1", "p4-t3", "p5-t1", "p5-t3"]
        {
            assert!(d.contains(&id), "{id} not done: {:?}", check(by_id(id), &c.borrowed()));
        }
        // Every duty area is held, but what each does in this company is not written.
        assert_eq!(met(by_id("p1-q2"), &c), [true, false]);
        // The data of the judgments is there; the figures the student works out are not.
        assert_eq!(met(by_id("p2-t5"), &c), [true, true, false]);
        assert_eq!(met(by_id("p6-t2"), &c), [true, true, false, false]);
        // What the sample does not hold is still to do: goal targets, a redemption, a
        // script of one's own, a rule set.
        assert_eq!(check(by_id("p1-g1"), &c.borrowed())[0], Progress { have: 0, need: 14 });
        assert_eq!(met(by_id("p5-t2"), &c), [true, false]);
        assert_eq!(met(by_id("p2-t1"), &c), [true, false]);
        assert_eq!(met(by_id("p6-t1"), &c), [true, true, true, false]);
    }

    #[test]
    fn span_warnings_and_duties_decide_the_org_exercises() {
        let mut c = typed_in(SampleCompany::RealEstate);
        assert_eq!(met(by_id("p1-t1"), &c), [true, true, true]);
        // The 话务员 team grows to 16 under its supervisor (7–15): a span warning.
        let team = c.org_units.iter_mut().find(|u| u.title == "话务员").unwrap();
        team.head_count = 16;
        let p = check(by_id("p1-t1"), &c.borrowed());
        assert_eq!(p[2].need - p[2].have, 1, "one position out of its span: {p:?}");
        // Nobody handles complaints any more: six of the seven duty areas.
        for u in c.org_units.iter_mut() {
            u.duties.retain(|d| *d != DutyArea::Complaints);
        }
        assert_eq!(check(by_id("p1-q2"), &c.borrowed())[0], Progress { have: 6, need: 7 });
    }

    #[test]
    fn a_sample_record_the_student_changed_counts_for_the_exercises_that_take_edits() {
        let mut c = sample_workbook(SampleCompany::RealEstate, 2026, 300).collections;
        let later = sample_time() + chrono::Duration::days(30);
        // Three open sample callbacks completed by the student: 回访 3 / 3.
        let mut n = 0;
        for b in c.callbacks.iter_mut().filter(|b| b.done_on.is_none()).take(3) {
            b.done_on = Some(later.date_naive());
            b.score = Some(4);
            b.outcome = "客户满意，已解决".into();
            b.updated_at = later;
            n += 1;
        }
        assert_eq!(n, 3);
        assert_eq!(check(by_id("p2-t3"), &c.borrowed())[1], Progress { have: 3, need: 3 });
        // A sample callback done by the sample itself, merely re-saved, is not the student's.
        let old = c.callbacks.iter_mut().find(|b| b.done_on.is_some_and(|d| d < sample_time().date_naive())).unwrap();
        old.updated_at = later;
        assert_eq!(check(by_id("p2-t3"), &c.borrowed())[1], Progress { have: 3, need: 3 });
        // The sample's job description counts once the student has edited it…
        let jd_before = check(by_id("p1-t2"), &c.borrowed())[0];
        assert_eq!(jd_before.have, 0);
        c.job_descriptions[0].updated_at = later;
        c.job_descriptions[0].duties = "接待业主来访并登记需求\n回访购房客户并记录满意度\n处理物业投诉".into();
        assert!(check(by_id("p1-t2"), &c.borrowed())[0].have > 0);
        // …but an org chart counts only the units the student made.
        c.org_units.iter_mut().for_each(|u| u.updated_at = later);
        assert_eq!(check(by_id("p1-t1"), &c.borrowed())[0].have, 0);
    }

    #[test]
    fn table_1_2_copied_unchanged_is_not_the_students_job_description() {
        let at = sample_time() + chrono::Duration::days(3);
        let mut c = Collections::default();
        c.job_descriptions.push(JobDescription::textbook_sample("jd-1", at));
        assert_eq!(check(by_id("p1-s1"), &c.borrowed())[0].have, 0);
        let jd = &mut c.job_descriptions[0];
        jd.duties = "受理业主购房、租房咨询\n回访业主\n处理物业投诉".into();
        assert!(check(by_id("p1-s1"), &c.borrowed())[0].have > 0, "now with the student's own duties");
        // The elements table 1-2 leaves for the company, filled in.
        let jd = &mut c.job_descriptions[0];
        for name in jd.missing() {
            if let Some(f) = jd.field_mut(name) {
                *f = format!("{name}：按本公司岗位要求填写的实际内容\n{name}：第二项");
            }
        }
        jd.analysis_date = Some(at.date_naive());
        jd.signed_on = Some(at.date_naive());
        jd.valid_from = Some(at.date_naive());
        jd.valid_until = Some(at.date_naive() + chrono::Days::new(365));
        let p = check(by_id("p1-s1"), &c.borrowed())[0];
        let jd = &c.job_descriptions[0];
        assert!(p.met(), "{p:?}: still missing {:?}, weak {:?}", jd.missing(), jd.weak());
        // One element with a placeholder is one element short.
        c.job_descriptions[0].level = "a".into();
        assert_eq!(check(by_id("p1-s1"), &c.borrowed())[0], Progress { have: ELEMENT_COUNT - 1, need: ELEMENT_COUNT });
    }

    #[test]
    fn a_job_description_of_single_characters_is_far_from_done() {
        let at = sample_time() + chrono::Duration::days(3);
        let mut jd = JobDescription::textbook_sample("jd-a", at);
        for (name, _) in crate::model::job::TEXT_ELEMENTS {
            if let Some(f) = jd.field_mut(name) {
                *f = "a".into();
            }
        }
        jd.pay_grade = "a".into();
        jd.pay_type = "a".into();
        jd.analysis_date = Some(at.date_naive());
        jd.signed_on = Some(at.date_naive());
        jd.valid_from = Some(at.date_naive());
        jd.valid_until = Some(at.date_naive() + chrono::Days::new(365));
        jd.title = "a专员".into();
        let c = Collections { job_descriptions: vec![jd], ..Default::default() };
        assert!(c.job_descriptions[0].missing().is_empty(), "nothing is empty");
        for id in ["p1-t2", "p1-s1"] {
            let p = check(by_id(id), &c.borrowed())[0];
            assert!(!p.met() && p.have <= 4, "{id}: {p:?}");
        }
    }

    #[test]
    fn a_taobao_shop_chart_and_an_etiquette_check_of_ones_own_are_met_and_not_met() {
        use crate::model::etiquette::{Script, ScriptCategory};
        let mut c = typed_in(SampleCompany::RealEstate);
        // The real-estate chart has no online-shop position yet.
        assert_eq!(met(by_id("p1-q3"), &c), [true, false, true]);
        let director = c.org_units.iter().find(|u| u.level == OrgLevel::Director).unwrap().clone();
        let mut shop = director.clone();
        shop.id = "shop".into();
        shop.title = "网店客服经理".into();
        shop.level = OrgLevel::Manager;
        shop.parent_id = director.id.clone();
        shop.head_count = 1;
        let mut agent = shop.clone();
        agent.id = "shop-agent".into();
        agent.title = "售前客服专员".into();
        agent.level = OrgLevel::Specialist;
        agent.parent_id = "shop".into();
        agent.head_count = 6;
        c.org_units.extend([shop, agent]);
        assert!(met(by_id("p1-q3"), &c)[1]);
        // A self-check is there; the scripts are the starters as given.
        let starter = &STARTER_SCRIPTS[0];
        c.scripts = vec![Script {
            sample: false,
            id: "s-1".into(),
            category: starter.0,
            title: starter.1 .0.into(),
            text: starter.1 .1.into(),
            created_at: sample_time(),
            updated_at: sample_time(),
            deleted_at: None,
        }];
        assert_eq!(met(by_id("p2-t1"), &c), [true, false]);
        c.scripts[0].text = "您好，欢迎光临××房地产售楼处，我是置业顾问小王，请问想看几居室？".into();
        c.scripts[0].category = ScriptCategory::ALL[0];
        assert_eq!(met(by_id("p2-t1"), &c), [true, true]);
        // A self-check with an item left unscored does not count.
        c.self_checks.iter_mut().for_each(|s| s.items[0].score = 0);
        assert_eq!(met(by_id("p2-t1"), &c), [false, true]);
    }

    #[test]
    fn partial_progress_counts_what_is_there() {
        let mut c = typed_in(SampleCompany::RealEstate);
        // Keep one of the student's inbound calls with topic and result: 1 / 3.
        let mut kept = 0;
        c.service_records.retain(|r| {
            if r.kind != ServiceKind::InboundCall {
                return true;
            }
            kept += 1;
            kept == 1
        });
        assert_eq!(check(by_id("p2-t3"), &c.borrowed())[0], Progress { have: 1, need: 3 });
        // A record with no result written does not count.
        let r = c.service_records.iter_mut().find(|r| r.kind == ServiceKind::InboundCall).unwrap();
        r.result = "".into();
        assert_eq!(check(by_id("p2-t3"), &c.borrowed())[0], Progress { have: 0, need: 3 });
    }

    #[test]
    fn goal_targets_count_only_plausible_values() {
        use crate::model::settings::{GoalTargets, Setting, SettingArea};
        let mut c = Collections::default();
        let blanks: Vec<&GoalLine> = GOAL_TABLES.iter().flat_map(|t| t.lines.iter()).filter(|l| has_blank(l)).collect();
        let mut targets = GoalTargets::default();
        for l in &blanks {
            let v = if l.measure.is_some_and(|m| m.in_points()) { 4.5 } else { 95.0 };
            targets.targets.insert(l.key.to_owned(), v);
        }
        c.settings.push(Setting::new(targets.clone().wrap(), sample_time()));
        assert_eq!(check(by_id("p1-g1"), &c.borrowed()), [Progress { have: 14, need: 14 }]);
        // A 0% target is no goal; a blank left is not filled.
        let first_percent = blanks.iter().find(|l| !l.measure.is_some_and(|m| m.in_points())).unwrap();
        targets.targets.insert(first_percent.key.to_owned(), 0.0);
        targets.targets.remove(blanks.last().unwrap().key);
        c.settings[0] = Setting::new(targets.wrap(), sample_time());
        assert_eq!(check(by_id("p1-g1"), &c.borrowed()), [Progress { have: 12, need: 14 }]);
    }

    fn answer(c: &mut Collections, key: &str, value: f64) {
        let mut a = answers(&c.borrowed());
        a.answers.insert(key.to_owned(), value);
        c.settings.retain(|s| ExerciseAnswers::unwrap(&s.value).is_none());
        c.settings.push(crate::model::settings::Setting::new(a.wrap(), sample_time()));
    }

    #[test]
    fn the_nps_the_student_records_is_checked_against_their_own_responses() {
        use crate::model::survey::Answer;
        let mut c = typed_in(SampleCompany::RealEstate);
        let survey = c.surveys[0].id.clone();
        // Ten responses whose 0–10 answers are 10, 10, 9, 9, 9, 8, 7, 6, 3, 0: promoters
        // 5 of 10 (50 %), detractors 3 of 10 (30 %), so NPS = 50 − 30 = 20.
        c.survey_responses.retain(|r| r.survey_id == survey);
        c.survey_responses.truncate(10);
        assert_eq!(c.survey_responses.len(), 10);
        for (r, v) in c.survey_responses.iter_mut().zip([10, 10, 9, 9, 9, 8, 7, 6, 3, 0]) {
            r.answers.insert("recommend".into(), Answer::Likelihood(v));
        }
        assert_eq!(SURVEY_NPS.both(&c.borrowed()), (None, Some(20.0)));
        answer(&mut c, "p2-t5.nps", 25.0);
        assert_eq!(met(by_id("p2-t5"), &c), [true, true, false], "25 is not 20");
        answer(&mut c, "p2-t5.nps", 19.5);
        assert_eq!(met(by_id("p2-t5"), &c), [true, true, true], "within 1 of 20");
        // The answers are not a rule set for the company.
        assert!(!met(by_id("p6-t1"), &c)[3]);
    }

    #[test]
    fn the_aht_and_agents_the_student_records_are_checked_against_their_own_calls() {
        let mut c = typed_in(SampleCompany::RealEstate);
        // 20 calls of 150 s talk and 30 s wrap: AHT 180 s. At 60 calls an hour that is
        // 3 Erlangs; Erlang C gives P(wait) 0.509 for 4 agents (service level 54 % in
        // 20 s) and 0.236 for 5 (1 − 0.236 × e^(−2×20/180) = 81 %): 5 agents meet 80/20.
        c.calls.truncate(20);
        for (i, k) in c.calls.iter_mut().enumerate() {
            k.talk_seconds = 150;
            k.wrap_seconds = 30;
            k.abandoned = false;
            k.agent = if i % 2 == 0 { "王芳".into() } else { "李强".into() };
        }
        assert_eq!(CALL_AHT.both(&c.borrowed()), (None, Some(180.0)));
        assert_eq!(AGENTS_NEEDED.both(&c.borrowed()).1, Some(5.0));
        answer(&mut c, "p6-t2.aht", 180.0);
        answer(&mut c, "p6-t2.agents", 4.0);
        assert_eq!(met(by_id("p6-t2"), &c), [true, true, true, false]);
        answer(&mut c, "p6-t2.agents", 5.0);
        assert_eq!(met(by_id("p6-t2"), &c), [true, true, true, true]);
    }

    #[test]
    fn the_departments_duties_count_per_area_written_out_with_real_text() {
        use crate::model::settings::{DutyTexts, Setting};
        let mut c = typed_in(SampleCompany::RealEstate);
        let mut d = DutyTexts::default();
        for area in DutyArea::ALL {
            d.texts.insert(*area, "受理业主的咨询和投诉，24 小时内答复并记录在案".into());
        }
        // One area with a placeholder, one left empty: 5 of 7.
        d.texts.insert(DutyArea::CallCenter, "aaaaaaaaaaaaaaa".into());
        d.texts.remove(&DutyArea::KeyAccounts);
        c.settings.push(Setting::new(d.clone().wrap(), sample_time()));
        assert_eq!(check(by_id("p1-q2"), &c.borrowed())[1], Progress { have: 5, need: 7 });
        d.texts.insert(DutyArea::CallCenter, "统一受理全省营业点的来电，记录并分派到各部门".into());
        d.texts.insert(DutyArea::KeyAccounts, "为大客户建立档案，每月回访一次，策划业主联谊会".into());
        let last = c.settings.len() - 1;
        c.settings[last] = Setting::new(d.wrap(), sample_time());
        assert_eq!(met(by_id("p1-q2"), &c), [true, true]);
    }

    #[test]
    fn callbacks_to_a_key_account_count_only_after_it_became_one() {
        let mut c = typed_in(SampleCompany::RealEstate);
        let account = c.key_accounts[0].clone();
        c.callbacks.retain(|b| b.customer_id == account.customer_id);
        assert!(!c.callbacks.is_empty());
        let became = account.created_at.date_naive();
        for b in &mut c.callbacks {
            b.done_on = Some(became - chrono::Days::new(1));
            b.score = Some(5);
            b.outcome = "已回访".into();
        }
        assert_eq!(met(by_id("p4-t2"), &c), [false], "before it was a key account");
        c.callbacks[0].done_on = Some(became);
        assert_eq!(met(by_id("p4-t2"), &c), [true]);
    }

    #[test]
    fn the_work_of_an_exercise_lists_the_students_records_by_customer_name() {
        let mut c = sample_workbook(SampleCompany::RealEstate, 2026, 40).collections;
        let e = by_id("p4-t2");
        // Only sample data: nothing listed, the sample counted.
        let before = work_of(e, &c.borrowed());
        assert_eq!(before.iter().map(|w| w.collection).collect::<Vec<_>>(), e.work);
        assert!(before.iter().all(|w| w.summaries.is_empty()));
        assert!(before.iter().find(|w| w.collection == "key_accounts").unwrap().sample >= 1);
        // A key account and a callback the student made: by the customer's name, never an id.
        let mut account = c.key_accounts[0].clone();
        account.sample = false;
        let name = c.customers.iter().find(|x| x.id == account.customer_id).unwrap().name.clone();
        c.key_accounts.push(account.clone());
        let mut b = c.callbacks[0].clone();
        b.sample = false;
        b.customer_id = account.customer_id.clone();
        b.outcome = "客户满意".into();
        c.callbacks.push(b);
        let after = work_of(e, &c.borrowed());
        let ka = &after.iter().find(|w| w.collection == "key_accounts").unwrap().summaries;
        assert_eq!(ka, &vec![name.clone()]);
        let cb = &after.iter().find(|w| w.collection == "callbacks").unwrap().summaries;
        assert_eq!(cb.len(), 1);
        assert!(cb[0].starts_with(&format!("{name} · ")) && cb[0].contains("客户满意"), "{cb:?}");
        // In the trash, it is no longer the student's work.
        c.key_accounts.last_mut().unwrap().deleted_at = Some(sample_time());
        assert!(work_of(e, &c.borrowed())
            .iter()
            .find(|w| w.collection == "key_accounts")
            .unwrap()
            .summaries
            .is_empty());
    }

    #[test]
    fn a_book_with_more_work_than_the_report_lists_counts_the_rest() {
        let mut c = sample_workbook(SampleCompany::RealEstate, 2026, 40).collections;
        let e = by_id("p4-t2");
        let template = c.callbacks[0].clone();
        for i in 0..LISTED + 7 {
            let mut b = template.clone();
            b.sample = false;
            b.id = format!("own-{i}").into();
            b.outcome = format!("第 {i} 次回访").into();
            c.callbacks.push(b);
        }
        let cb = work_of(e, &c.borrowed()).into_iter().find(|w| w.collection == "callbacks").unwrap();
        assert_eq!(cb.summaries.len(), LISTED);
        assert_eq!(cb.more, 7);
        // The first ones, in the book's order.
        assert!(cb.summaries[0].contains("第 0 次回访"), "{:?}", cb.summaries[0]);
        assert!(cb.summaries[LISTED - 1].contains(&format!("第 {} 次回访", LISTED - 1)));
        assert!(cb.sample >= 1);
    }

    #[test]
    fn points_redeemed_and_a_rule_set_complete_the_two_exercises_the_sample_leaves_open() {
        use crate::model::loyalty::{PointEntry, PointKind};
        use crate::model::settings::{ComplaintDeadlines, Setting, SettingArea};
        let mut c = typed_in(SampleCompany::RealEstate);
        assert_eq!(met(by_id("p5-t2"), &c), [true, false]);
        // The care marker Kehu adds by itself is not a rule the student set.
        let mut marker = Setting::new(crate::model::settings::CareSettings { seeded: true }.wrap(), sample_time());
        marker.mark_sample();
        c.settings.push(marker);
        assert!(!met(by_id("p6-t1"), &c)[3]);
        let customer = c.customers[0].id.clone();
        let at = c.customers[0].created_at;
        c.point_entries.push(PointEntry {
            sample: false,
            id: "redeem-1".into(),
            customer_id: customer,
            date: at.date_naive(),
            kind: PointKind::Redeemed,
            points: -300,
            reason: "兑换礼品".into(),
            order_id: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        });
        assert_eq!(met(by_id("p5-t2"), &c), [true, true]);
        c.settings.push(Setting::new(ComplaintDeadlines { urgent: 2, high: 24, normal: 72 }.wrap(), at));
        assert_eq!(met(by_id("p6-t1"), &c), [true, true, true, true]);
        // Trashed, the rule no longer counts.
        let last = c.settings.len() - 1;
        c.settings[last].deleted_at = Some(at);
        assert!(!met(by_id("p6-t1"), &c)[3]);
    }
}
