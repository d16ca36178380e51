//! The sample company's daily service: what its service desk did for the generated
//! customers in the weeks before the sample's "now", so every page of 日常服务 has
//! something real to show and analyse.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

use super::common::{base_time, person_name, Rng, SampleCompany};
use crate::model::complaint::{Complaint, ComplaintCategory, ComplaintStep, Severity};
use crate::model::etiquette::{CheckItem, Script, SelfCheck, ENTHUSIASM, STARTER_SCRIPTS};
use crate::model::service::{default_due, Callback, ServiceKind, ServiceRecord};
use crate::model::survey::{Answer, Question, QuestionKind, Survey, SurveyResponse};
use crate::model::ticket::{Part, Ticket, TicketFlow, TicketStatus, TicketType};
use crate::model::Customer;
use crate::model::{Choice, Collections};

pub(super) const STAFF: &[&str] = &["王丽", "李强", "陈静", "刘洋"];
const ESTATE_TOPICS: &[(&str, &str)] = &[
    ("咨询", "询问二期开盘时间"),
    ("咨询", "了解贷款首付比例"),
    ("报修", "卫生间漏水"),
    ("投诉", "物业费收取有疑问"),
    ("咨询", "想看样板房"),
    ("订购", "确认认购合同细节"),
];
const SHOP_TOPICS: &[(&str, &str)] = &[
    ("咨询", "询问尺码是否偏小"),
    ("物流", "快递三天未更新"),
    ("退换", "衣服颜色与图片不符"),
    ("咨询", "有没有优惠券"),
    ("投诉", "客服回复太慢"),
    ("订购", "批量购买能否开发票"),
];
const RESULTS: &[&str] = &["已解答", "已登记，转售后处理", "约定上门时间", "已发送资料", "客户表示满意"];
const OUTCOMES: &[&str] = &["问题已解决", "客户满意", "客户希望再优惠", "需再次跟进", "未接通，改日再访"];

/// The daily-service collections for `customers` (the customers themselves are left
/// out: the caller has them). Deterministic for a given `seed`.
pub(super) fn daily_service(company: SampleCompany, seed: u64, customers: &[Customer]) -> Collections {
    let mut rng = Rng(seed ^ 0x5345_5256);
    let base = base_time();
    let topics = match company {
        SampleCompany::RealEstate => ESTATE_TOPICS,
        SampleCompany::TaobaoShop => SHOP_TOPICS,
    };
    let mut out = Collections::default();
    // A desk sees a share of the customers; a large book keeps the same proportion.
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        if !rng.chance(35) {
            continue;
        }
        for _ in 0..1 + rng.below(2) {
            let at = (base - Duration::minutes(rng.below(45 * 24 * 60) as i64)).max(c.created_at);
            let kind = [
                ServiceKind::InboundCall,
                ServiceKind::InboundCall,
                ServiceKind::OutboundCall,
                ServiceKind::Reception,
                ServiceKind::Visit,
            ][rng.below(5) as usize];
            let (category, topic) = topics[rng.below(topics.len() as u64) as usize];
            let record = ServiceRecord {
                sample: false,
                id: rng.uuid().into(),
                customer_id: c.id.clone(),
                kind,
                at,
                staff: rng.pick(STAFF).into(),
                contact: c.name.clone(),
                topic: topic.into(),
                category: category.into(),
                guided_to: if kind == ServiceKind::Reception { rng.pick(STAFF).into() } else { Default::default() },
                result: rng.pick(RESULTS).into(),
                duration_min: kind.is_call().then(|| 2 + rng.below(15) as u32),
                notes: Default::default(),
                created_at: at,
                updated_at: at,
                deleted_at: None,
            };
            if rng.chance(60) {
                out.callbacks.push(callback(&mut rng, c, &record.id, at, default_due(kind, at.date_naive()), base));
            }
            out.service_records.push(record);
        }
        if rng.chance(12) {
            let ticket = ticket(&mut rng, c, base);
            if ticket.flow.status() == TicketStatus::WaitingCallback || ticket.flow.status() == TicketStatus::Closed {
                let last = ticket.flow.steps().last().map_or(base, |s| s.at);
                let due = last.date_naive().checked_add_days(Days::new(3)).unwrap_or(last.date_naive());
                out.callbacks.push(callback(&mut rng, c, &ticket.id, last, due, base));
            }
            out.tickets.push(ticket);
        }
    }
    out.complaints = complaints(&mut rng, customers, base);
    let survey = survey(rng.uuid(), base);
    let respondents: Vec<&Customer> = customers.iter().filter(|c| c.deleted_at.is_none()).step_by(3).take(40).collect();
    for (i, c) in respondents.iter().enumerate() {
        let anonymous = i % 5 == 4;
        out.survey_responses.push(response(&mut rng, &survey, if anonymous { "" } else { &c.id }, base));
    }
    out.surveys.push(survey);
    out.scripts = STARTER_SCRIPTS
        .iter()
        .map(|(category, (title, text), _)| Script {
            sample: false,
            id: rng.uuid().into(),
            category: *category,
            title: (*title).to_owned(),
            text: (*text).to_owned(),
            created_at: base,
            updated_at: base,
            deleted_at: None,
        })
        .collect();
    // The same learner took the warmth self-check twice, a fortnight apart.
    let person = person_name(&mut rng);
    for (weeks_ago, scores) in [(2, [3, 2, 3, 3, 4, 2, 3, 3]), (0, [4, 4, 3, 4, 5, 4, 4, 3])] {
        let at = base - Duration::weeks(weeks_ago);
        out.self_checks.push(SelfCheck {
            sample: false,
            id: rng.uuid().into(),
            list: ENTHUSIASM.name.0.to_owned(),
            person: person.clone(),
            taken_on: at.date_naive(),
            items: ENTHUSIASM
                .items
                .iter()
                .zip(scores)
                .map(|(((q, p), _), score)| CheckItem { question: (*q).to_owned(), practice: (*p).to_owned(), score })
                .collect(),
            note: String::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        });
    }
    out
}

/// Complaints over the last four months: most handled in time, some late, a few open.
fn complaints(rng: &mut Rng, customers: &[Customer], base: DateTime<Utc>) -> Vec<Complaint> {
    const TEXTS: &[(ComplaintCategory, &str, &str)] = &[
        (ComplaintCategory::ProductQuality, "房屋墙面出现裂缝", "尽快维修"),
        (ComplaintCategory::ServiceAttitude, "物业人员态度冷淡", "道歉并改进"),
        (ComplaintCategory::Delivery, "交房时间延迟", "说明原因并补偿"),
        (ComplaintCategory::Price, "物业费与合同不符", "退还多收费用"),
        (ComplaintCategory::ProductQuality, "水管漏水", "上门维修"),
        (ComplaintCategory::Other, "停车位被占用", "协调处理"),
    ];
    let mut out = Vec::new();
    for c in customers.iter().filter(|c| c.deleted_at.is_none()) {
        if !rng.chance(6) {
            continue;
        }
        let (category, text, request) = TEXTS[rng.below(TEXTS.len() as u64) as usize];
        let severity = [Severity::Urgent, Severity::High, Severity::Normal, Severity::Normal][rng.below(4) as usize];
        let received = (base - Duration::hours(6 + rng.below(120 * 24) as i64)).max(c.created_at);
        let mut k = Complaint {
            sample: false,
            id: rng.uuid().into(),
            customer_id: c.id.clone(),
            channel: rng.pick(&["电话", "门店", "微信"]).to_owned(),
            category,
            severity,
            description: text.to_owned(),
            request: request.to_owned(),
            received_at: received,
            deadline_hours: severity.default_hours(),
            steps: Vec::new(),
            escalated_to: String::new(),
            root_cause: String::new(),
            compensation: String::new(),
            satisfaction: None,
            origin: String::new(),
            created_at: received,
            updated_at: received,
            deleted_at: None,
        };
        let handler = rng.pick(STAFF).to_owned();
        let _ = k.take_step(ComplaintStep::Accepted, received, &handler, "");
        // How far it got, and how fast: most within the deadline, some late.
        let reach = 1 + rng.below(6) as usize;
        let hours = f64::from(k.deadline_hours) * if rng.chance(80) { 0.8 } else { 1.6 };
        let mut at = received;
        for step in ComplaintStep::ALL.iter().skip(1).take(reach - 1) {
            at = (at + Duration::minutes((hours * 60.0 / 3.0) as i64)).min(base);
            let _ = k.take_step(*step, at, &handler, "");
        }
        if k.resolved_at().is_some() {
            k.root_cause = "施工质量问题".to_owned();
            k.satisfaction = Some([5, 4, 4, 3, 2][rng.below(5) as usize]);
        }
        k.updated_at = k.steps.last().map_or(received, |s| s.at);
        out.push(k);
    }
    out
}

fn callback(
    rng: &mut Rng,
    c: &Customer,
    follows: &str,
    at: DateTime<Utc>,
    due: NaiveDate,
    base: DateTime<Utc>,
) -> Callback {
    let today = base.date_naive();
    // Callbacks due before "now" were mostly done (some late); later ones are open.
    let done_on = (due <= today && rng.chance(85)).then(|| {
        let late = if rng.chance(80) { 0 } else { 1 + rng.below(4) };
        let early = rng.below(2);
        let day = due.checked_add_days(Days::new(late)).unwrap_or(due);
        day.checked_sub_days(Days::new(early)).unwrap_or(day).max(at.date_naive()).min(today)
    });
    let updated = done_on.map_or(at, |d| d.and_hms_opt(8, 0, 0).map_or(at, |t| t.and_utc().max(at))).min(base.max(at));
    Callback {
        sample: false,
        id: rng.uuid().into(),
        customer_id: c.id.clone(),
        follows: follows.into(),
        due,
        staff: rng.pick(STAFF).into(),
        done_on,
        outcome: if done_on.is_some() { rng.pick(OUTCOMES).into() } else { Default::default() },
        score: done_on.map(|_| [5, 5, 4, 4, 4, 3, 2][rng.below(7) as usize]),
        note: Default::default(),
        created_at: at,
        updated_at: updated,
        deleted_at: None,
    }
}

fn ticket(rng: &mut Rng, c: &Customer, base: DateTime<Utc>) -> Ticket {
    let opened = (base - Duration::hours(rng.below(30 * 24) as i64 + 24)).max(c.created_at);
    let by = rng.pick(STAFF).to_owned();
    let mut flow = TicketFlow::open(opened, by.clone());
    let steps = rng.below(4);
    let path = [TicketStatus::InProgress, TicketStatus::WaitingCallback, TicketStatus::Closed];
    let mut at = opened;
    for status in path.iter().take(steps as usize) {
        at += Duration::hours(2 + rng.below(40) as i64);
        let at = at.min(base);
        // The path is allowed by construction and time only moves forward.
        let _ = flow.advance(*status, at, by.clone(), "");
    }
    let ticket_type = [
        TicketType::Repair,
        TicketType::Return,
        TicketType::Exchange,
        TicketType::SpareParts,
        TicketType::Installation,
        TicketType::Enquiry,
    ][rng.below(6) as usize];
    let parts = if ticket_type == TicketType::Repair || ticket_type == TicketType::SpareParts {
        vec![Part {
            name: "配件".to_owned(),
            quantity: 1 + rng.below(3) as u32,
            unit_price: 20.0 + rng.below(180) as f64,
        }]
    } else {
        Vec::new()
    };
    let updated = flow.steps().last().map_or(opened, |s| s.at);
    Ticket {
        sample: false,
        id: rng.uuid().into(),
        customer_id: c.id.clone(),
        ticket_type,
        title: format!("{}的售后单", c.name),
        description: String::new(),
        assignee: by,
        due: opened.date_naive().checked_add_days(Days::new(7)),
        parts,
        cost: rng.below(100) as f64,
        flow,
        created_at: opened,
        updated_at: updated,
        deleted_at: None,
    }
}

fn survey(id: String, base: DateTime<Utc>) -> Survey {
    let q = |id: &str, text: &str, kind| Question { id: id.into(), text: text.to_owned(), kind };
    let at = base - Duration::days(20);
    Survey {
        sample: false,
        id: id.into(),
        title: "客户服务满意度调查".to_owned(),
        questions: vec![
            q("speed", "响应速度", QuestionKind::Rating { weight: 0.3 }),
            q("attitude", "服务态度", QuestionKind::Rating { weight: 0.3 }),
            q("skill", "专业能力", QuestionKind::Rating { weight: 0.25 }),
            q("environment", "环境与设施", QuestionKind::Rating { weight: 0.15 }),
            q("recommend", "您向亲友推荐我们的可能性有多大？", QuestionKind::Likelihood),
            q(
                "channel",
                "您最常通过什么方式联系我们？",
                QuestionKind::SingleChoice {
                    options: vec!["电话".into(), "到店".into(), "微信".into(), "网店客服".into()],
                },
            ),
            q("advice", "您对我们还有什么建议？", QuestionKind::Text),
        ],
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
}

fn response(rng: &mut Rng, survey: &Survey, customer_id: &str, base: DateTime<Utc>) -> SurveyResponse {
    let at = base - Duration::hours(rng.below(19 * 24) as i64);
    let mut answers = BTreeMap::new();
    for q in &survey.questions {
        let answer = match &q.kind {
            // Attitude rates lower than the rest: the quadrant chart has an item to fix.
            QuestionKind::Rating { .. } if q.id == "attitude" => Answer::Rating([2, 3, 3, 4, 4][rng.below(5) as usize]),
            QuestionKind::Rating { .. } => Answer::Rating([3, 4, 4, 5, 5][rng.below(5) as usize]),
            QuestionKind::Likelihood => Answer::Likelihood([5, 7, 8, 9, 9, 10, 10][rng.below(7) as usize]),
            QuestionKind::SingleChoice { options } => Answer::Choice(rng.below(options.len() as u64) as usize),
            QuestionKind::MultipleChoice { options } => Answer::Choices(vec![rng.below(options.len() as u64) as usize]),
            QuestionKind::Text if rng.chance(30) => Answer::Text("希望周末也能上门服务".to_owned()),
            QuestionKind::Text => continue,
        };
        answers.insert(q.id.to_string(), answer);
    }
    SurveyResponse {
        sample: false,
        id: rng.uuid().into(),
        survey_id: survey.id.clone(),
        customer_id: customer_id.into(),
        answers,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::sample::sample_workbook;

    #[test]
    fn the_sample_workbook_passes_its_own_import_checks() {
        for company in [SampleCompany::RealEstate, SampleCompany::TaobaoShop] {
            let wb = sample_workbook(company, 2026, 300);
            let c = &wb.collections;
            assert!(c.service_records.len() > 50, "records {}", c.service_records.len());
            assert!(
                c.callbacks.iter().any(|cb| cb.done_on.is_some()) && c.callbacks.iter().any(|cb| cb.done_on.is_none())
            );
            assert!(!c.tickets.is_empty() && c.survey_responses.len() >= 30 && c.scripts.len() == 8);
            // Care done, preference profiles and segment rules, every care action under a rule.
            assert_eq!(c.care_rules.len(), 4);
            assert!(c.care_actions.len() > 30 && c.preferences.len() > 30 && c.service_rules.len() == 2);
            assert!(c.care_actions.iter().all(|a| a.done_on <= crate::workbook::sample::base_time().date_naive()));
            assert!(c.care_actions.iter().any(|a| a.message.contains("生日快乐")));
            // A working call center: hundreds of calls, some abandoned, most answered in time.
            let m = crate::analysis::calls::metrics(&c.calls, 20);
            assert!(m.offered > 300 && m.outbound > 50, "{m:?}");
            let abandoned = m.abandon_rate.share().unwrap();
            assert!((0.02..0.3).contains(&abandoned), "{abandoned}");
            assert!(m.service_level.share().unwrap() > 0.4);
            let text = wb.to_json();
            let back = crate::workbook::parse_workbook(text.as_bytes()).expect("sample is valid");
            assert_eq!(back, wb);
        }
    }
}
