//! The SVG charts every page uses: bars (distributions, Pareto-like rankings), a line
//! over time, and the importance–performance quadrant. Each chart is an image with a
//! text alternative; the figures it shows are also written out beside it on the page.

use leptos::prelude::*;

use crate::ui::format::fixed;

/// One bar: its label, its value, and the text written at its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for.
    pub label: String,
    /// Its length, in the chart's unit.
    pub value: f64,
    /// The figure written after the bar (a count, a percentage).
    pub text: String,
}

const BAR_H: i32 = 26;
const LABEL_W: i32 = 150;
const CHART_W: i32 = 560;

/// Horizontal bars, longest = `max` (or the largest value when `max` is 0).
#[component]
pub fn BarChart(
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The bars, top to bottom.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// The value of a full-length bar; 0 takes the largest value.
    #[prop(default = 0.0)]
    max: f64,
) -> impl IntoView {
    move || {
        let bars = bars.get();
        let top = if max > 0.0 { max } else { bars.iter().map(|b| b.value).fold(0.0, f64::max) };
        // Room after the longest bar for its figure ("54 (100.0%)").
        let plot = CHART_W - LABEL_W - 110;
        let height = (bars.len() as i32 * BAR_H).max(BAR_H);
        let alt = bars.iter().map(|b| format!("{} {}", b.label, b.text)).collect::<Vec<_>>().join("; ");
        let title = title.get();
        view! {
            <svg class="chart" viewBox=format!("0 0 {CHART_W} {height}") role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as i32 * BAR_H;
                    let w = if top > 0.0 { ((b.value / top).clamp(0.0, 1.0) * f64::from(plot)).round() as i32 } else { 0 };
                    view! {
                        <g>
                            <text x=LABEL_W - 6 y=y + 17 text-anchor="end" class="chart-label">{clip(&b.label, 12)}</text>
                            <rect x=LABEL_W y=y + 4 width=w.max(1) height=BAR_H - 8 class="chart-bar" rx="2"></rect>
                            <text x=LABEL_W + w + 6 y=y + 17 class="chart-value">{b.text}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
    }
}

/// A labelled point of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The x label (a date).
    pub label: String,
    /// The value.
    pub value: f64,
}

/// A line over points in order, on a 0–`max` scale.
#[component]
pub fn LineChart(
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The points, left to right.
    #[prop(into)]
    points: Signal<Vec<Point>>,
    /// The top of the scale.
    max: f64,
) -> impl IntoView {
    const W: i32 = 560;
    const H: i32 = 200;
    const PAD: i32 = 36;
    move || {
        let points = points.get();
        let n = points.len().max(1);
        let step = if n > 1 { f64::from(W - 2 * PAD) / (n - 1) as f64 } else { 0.0 };
        let xy = |i: usize, v: f64| {
            let x = f64::from(PAD) + step * i as f64;
            let y = f64::from(H - PAD) - (v / max).clamp(0.0, 1.0) * f64::from(H - 2 * PAD);
            (x.round() as i32, y.round() as i32)
        };
        let path = points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (x, y) = xy(i, p.value);
                format!("{}{x},{y}", if i == 0 { "M" } else { " L" })
            })
            .collect::<String>();
        let alt = points.iter().map(|p| format!("{} {}", p.label, fixed(p.value, 0))).collect::<Vec<_>>().join("; ");
        let title = title.get();
        view! {
            <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <line x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD class="chart-axis"></line>
                <line x1=PAD y1=PAD x2=PAD y2=H - PAD class="chart-axis"></line>
                <text x=PAD - 4 y=PAD + 4 text-anchor="end" class="chart-label">{fixed(max, 0)}</text>
                <text x=PAD - 4 y=H - PAD + 4 text-anchor="end" class="chart-label">"0"</text>
                <path d=path class="chart-line"></path>
                {points.iter().enumerate().map(|(i, p)| {
                    let (x, y) = xy(i, p.value);
                    view! {
                        <g>
                            <circle cx=x cy=y r="4" class="chart-dot"></circle>
                            <text x=x y=y - 8 text-anchor="middle" class="chart-value">{fixed(p.value, 0)}</text>
                            <text x=x y=H - PAD + 16 text-anchor="middle" class="chart-label">{p.label.clone()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
    }
}

/// An item of the importance–performance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadrantPoint {
    /// The item's name.
    pub label: String,
    /// Importance (x).
    pub x: f64,
    /// Satisfaction (y).
    pub y: f64,
}

/// The importance–performance quadrant chart (重要性—满意度四分图): items placed by
/// importance (x) and satisfaction (y), split at the mean of each axis. `names` are
/// the quadrants' names: top right, top left, bottom left, bottom right.
#[component]
pub fn QuadrantChart(
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The items.
    #[prop(into)]
    points: Signal<Vec<QuadrantPoint>>,
    /// Axis names: x, y.
    #[prop(into)]
    axes: Signal<(String, String)>,
    /// Quadrant names: top right, top left, bottom left, bottom right.
    #[prop(into)]
    names: Signal<[String; 4]>,
) -> impl IntoView {
    const W: i32 = 560;
    const H: i32 = 360;
    const PAD: i32 = 44;
    move || {
        let points = points.get();
        if points.is_empty() {
            return ().into_any();
        }
        let n = points.len() as f64;
        let mean_x = points.iter().map(|p| p.x).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.y).sum::<f64>() / n;
        // The scale spans the data with a margin, so close values still spread out.
        let span = |vals: &mut dyn Iterator<Item = f64>| {
            let (lo, hi) = vals.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let pad = ((hi - lo) * 0.2).max(0.1);
            (lo - pad, hi + pad)
        };
        let (x0, x1) = span(&mut points.iter().map(|p| p.x));
        let (y0, y1) = span(&mut points.iter().map(|p| p.y));
        let sx = move |v: f64| (f64::from(PAD) + (v - x0) / (x1 - x0) * f64::from(W - 2 * PAD)).round() as i32;
        let sy = move |v: f64| (f64::from(H - PAD) - (v - y0) / (y1 - y0) * f64::from(H - 2 * PAD)).round() as i32;
        let (ax, ay) = axes.get();
        let names = names.get();
        let title = title.get();
        let alt = points
            .iter()
            .map(|p| format!("{} ({}, {})", p.label, fixed(p.x, 2), fixed(p.y, 2)))
            .collect::<Vec<_>>()
            .join("; ");
        view! {
            <svg class="chart chart-quadrant" viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <rect x=PAD y=PAD width=W - 2 * PAD height=H - 2 * PAD class="chart-frame"></rect>
                <line x1=sx(mean_x) y1=PAD x2=sx(mean_x) y2=H - PAD class="chart-split"></line>
                <line x1=PAD y1=sy(mean_y) x2=W - PAD y2=sy(mean_y) class="chart-split"></line>
                <text x=W - PAD - 4 y=PAD + 14 text-anchor="end" class="chart-quad">{names[0].clone()}</text>
                <text x=PAD + 4 y=PAD + 14 class="chart-quad">{names[1].clone()}</text>
                <text x=PAD + 4 y=H - PAD - 6 class="chart-quad">{names[2].clone()}</text>
                // Important but poorly rated: where to improve first.
                <text x=W - PAD - 4 y=H - PAD - 6 text-anchor="end" class="chart-quad chart-quad-warn">{names[3].clone()}</text>
                <text x=W / 2 y=H - 10 text-anchor="middle" class="chart-label">{ax}</text>
                <text x=12 y=H / 2 text-anchor="middle" class="chart-label" transform=format!("rotate(-90 12 {})", H / 2)>{ay}</text>
                {points.into_iter().map(|p| view! {
                    <g>
                        <circle cx=sx(p.x) cy=sy(p.y) r="5" class="chart-dot"></circle>
                        <text x=sx(p.x) + 8 y=sy(p.y) + 4 class="chart-value">{clip(&p.label, 10)}</text>
                    </g>
                }).collect_view()}
            </svg>
        }
        .into_any()
    }
}

/// `text` cut to `n` characters with an ellipsis (labels stay inside the chart).
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        text.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

/// A Pareto chart: bars of the largest items, highest first, and the line of their
/// cumulative share of the whole (0–100% on the right), with the class thresholds as
/// dashed lines.
#[component]
pub fn ParetoChart(
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// (label, value, cumulative share 0–1) of the items shown, highest first.
    #[prop(into)]
    items: Signal<Vec<(String, f64, f64)>>,
    /// Threshold shares to mark, 0–1.
    #[prop(into)]
    marks: Signal<Vec<f64>>,
) -> impl IntoView {
    const W: i32 = 600;
    const H: i32 = 260;
    const PAD: i32 = 40;
    move || {
        let items = items.get();
        if items.is_empty() {
            return ().into_any();
        }
        let n = items.len() as i32;
        let top = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-9);
        let slot = (W - 2 * PAD) / n.max(1);
        let plot_h = f64::from(H - 2 * PAD);
        let y_share = move |s: f64| H - PAD - (s.clamp(0.0, 1.0) * plot_h).round() as i32;
        let path: String = items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let x = PAD + slot * i as i32 + slot / 2;
                format!("{}{x},{}", if i == 0 { "M" } else { " L" }, y_share(it.2))
            })
            .collect();
        let alt = items.iter().map(|(l, _, c)| format!("{l} {}%", fixed(c * 100.0, 1))).collect::<Vec<_>>().join("; ");
        let title = title.get();
        view! {
            <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <line x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD class="chart-axis"></line>
                <text x=W - PAD + 4 y=PAD + 4 class="chart-label">"100%"</text>
                <text x=W - PAD + 4 y=H - PAD + 4 class="chart-label">"0%"</text>
                {marks.get().into_iter().map(|m| view! {
                    <g>
                        <line x1=PAD y1=y_share(m) x2=W - PAD y2=y_share(m) class="chart-split"></line>
                        <text x=W - PAD + 4 y=y_share(m) + 4 class="chart-label">{format!("{}%", fixed(m * 100.0, 0))}</text>
                    </g>
                }).collect_view()}
                {items.iter().enumerate().map(|(i, it)| {
                    let h = ((it.1 / top).clamp(0.0, 1.0) * plot_h).round() as i32;
                    let x = PAD + slot * i as i32 + 2;
                    view! {
                        <g>
                            <rect x=x y=H - PAD - h width=(slot - 4).max(1) height=h.max(1) class="chart-bar"></rect>
                            <title>{it.0.clone()}</title>
                            // Ranks under the bars; the names are in each bar's title and the text alternative.
                            <text x=x + slot / 2 y=H - PAD + 14 text-anchor="middle" class="chart-label">{i + 1}</text>
                        </g>
                    }
                }).collect_view()}
                <path d=path class="chart-line"></path>
            </svg>
        }
        .into_any()
    }
}
