//! 客户关系管理工作流程图 (附录): the course's workflows as flow charts whose steps link
//! to the pages where each step is done.

use leptos::prelude::*;

use crate::i18n::{Key, Lang};
use crate::ui::context::{tx, use_app};

/// A step: its words in Chinese and English, and where it is done.
type Step = (&'static str, &'static str, &'static str);

/// The workflows: title and steps.
const WORKFLOWS: [(Key, &[Step]); 5] = [
    (
        Key::FlowComplaint,
        &[
            ("受理登记投诉", "Register the complaint", "/complaints/new"),
            ("调查核实", "Investigate", "/complaints"),
            ("提出并实施处理方案", "Decide and act", "/complaints"),
            ("答复客户", "Answer the customer", "/complaints"),
            ("回访满意度", "Call back", "/callbacks"),
            ("归档与统计分析", "File and analyse", "/complaints/kpi"),
        ],
    ),
    (
        Key::FlowCallback,
        &[
            ("确定回访对象与时间", "Choose whom and when", "/callbacks/new"),
            ("准备回访话术", "Prepare the script", "/scripts"),
            ("按期回访", "Call back on the day", "/callbacks"),
            ("记录结果与满意度", "Record the result and score", "/callbacks"),
            ("低分转投诉处理", "Turn a low score into a complaint", "/complaints/new"),
            ("统计回访率", "Report the callback rate", "/callbacks"),
        ],
    ),
    (
        Key::FlowAfterSales,
        &[
            ("受理报修/退换", "Take the request", "/tickets/new"),
            ("派工处理", "Assign and repair", "/tickets"),
            ("完工确认", "Confirm it is done", "/tickets"),
            ("回访", "Call back", "/callbacks"),
            ("满意度调查", "Satisfaction survey", "/surveys"),
        ],
    ),
    (
        Key::FlowKeyAccount,
        &[
            ("识别大客户（ABC/RFM）", "Identify (ABC/RFM)", "/value"),
            ("建立大客户档案", "Open the account file", "/key-accounts"),
            ("制订服务与回访计划", "Plan service and callbacks", "/key-accounts"),
            ("开展关系维护活动", "Relationship activities", "/key-accounts"),
            ("举办大客户联谊会", "Hold an account event", "/events"),
        ],
    ),
    (
        Key::FlowNewCustomer,
        &[
            ("寻找潜在客户", "Find prospects", "/pipeline/new"),
            ("搜集与分析客户信息", "Gather customer information", "/customers/new"),
            ("拜访和接近客户", "Visit and approach", "/visits/new"),
            ("洽谈与成交", "Negotiate and close", "/pipeline"),
            ("记录订单", "Record the order", "/orders/new"),
            ("购买后关怀", "Care after the purchase", "/care"),
        ],
    ),
];

const BOX_W: i32 = 240;
const BOX_H: i32 = 36;
const GAP: i32 = 22;

#[component]
fn FlowChart(title: Key, steps: &'static [Step]) -> impl IntoView {
    let app = use_app();
    let height = steps.len() as i32 * (BOX_H + GAP) + 4;
    move || {
        let lang = app.lang.get();
        let name = |s: &Step| if lang == Lang::Zh { s.0 } else { s.1 };
        let alt = steps.iter().map(name).collect::<Vec<_>>().join(" → ");
        view! {
            <svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" width=BOX_W + 8 height=height viewBox=format!("0 0 {} {height}", BOX_W + 8) role="group" aria-label=format!("{}: {alt}", lang.t(title))>
                {steps.iter().enumerate().map(|(i, s)| {
                    let y = 2 + i as i32 * (BOX_H + GAP);
                    let arrow = (i + 1 < steps.len()).then(|| {
                        let (x, y1, y2) = (4 + BOX_W / 2, y + BOX_H, y + BOX_H + GAP - 2);
                        view! {
                            <g>
                                <line x1=x y1=y1 x2=x y2=y2 stroke="#666" stroke-width="1.5"/>
                                <path d=format!("M{} {} L{} {} L{} {} Z", x - 5, y2 - 7, x + 5, y2 - 7, x, y2) fill="#666"/>
                            </g>
                        }
                    });
                    // Built by hand: the view macro makes a lone <a> an HTML link, which
                    // an SVG neither draws nor exposes as a link.
                    let link = leptos::tachys::svg::a().attr("href", s.2).attr("class", "flow-step").child(view! {
                        <g>
                            <rect x="4" y=y width=BOX_W height=BOX_H rx="8" fill="#eef5fb" stroke="#2c6e9b" stroke-width="1.5"/>
                            <text x=4 + BOX_W / 2 y=y + 23 text-anchor="middle" font-size="13" fill="#0b3d66">{format!("{}. {}", i + 1, name(s))}</text>
                        </g>
                    });
                    view! { <g>{link}{arrow}</g> }
                }).collect_view()}
            </svg>
        }
    }
}

/// `/workflows`.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tx(Key::NavWorkflows)}</h1>
            <p class="hint">{tx(Key::WorkflowsHint)}</p>
            <div class="flows">
                {WORKFLOWS.iter().map(|(title, steps)| view! {
                    <section class="card" aria-label=move || use_app().t(*title)>
                        <h2>{tx(*title)}</h2>
                        <FlowChart title=*title steps=steps/>
                    </section>
                }).collect_view()}
            </div>
        </section>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavWorkflows,
    home: "/workflows",
    tabs_label: Key::NavWorkflows,
    tabs: &[],
    also: &[],
};

page_routes! {
    chunk workflows {
        "/workflows" => WorkflowsPage,
    }
}
