//! The SVG charts every page uses: bars (distributions, Pareto-like rankings), a line
//! over time, columns per month (stacked for more than one series), and the
//! importance–performance quadrant. Each chart is an image with a text alternative
//! holding its figures.
//!
//! Every chart is drawn as wide as its box, in CSS pixels (the box is measured, and
//! measured again when it changes size), so the SVG is never scaled and its text has
//! the size the stylesheet gives it (13 px) on any screen. Labels along an axis that
//! would run into each other are thinned to every second, third… one, always keeping
//! the last (the latest month).

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::ui::format::fixed;

/// Width a chart is drawn at until its box is measured.
const DEFAULT_W: i32 = 560;
/// The narrowest drawing; a smaller box scrolls (the stylesheet's `.chart` min-width).
const MIN_W: i32 = 200;
/// The labels' font size in CSS px (the stylesheet's `.chart-label` must match).
const FONT_PX: f64 = 13.0;

/// The width of `node` in CSS px, followed as the box changes size (a window resize,
/// the sidebar, a scrollbar appearing), through a `ResizeObserver`. The observer also
/// reports the first size, after the browser's own layout and before the frame is
/// painted: reading the width at once would force a layout of the whole page for each
/// chart (half a second on a page of four charts at 100,000 customers).
fn box_width(node: NodeRef<Div>) -> ReadSignal<i32> {
    let width = RwSignal::new(DEFAULT_W);
    let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        // Only try_ accesses: the observer may report once more as the chart is removed.
        let changed = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(entries.length().saturating_sub(1)).dyn_into::<web_sys::ResizeObserverEntry>()
            else {
                return;
            };
            // A box not laid out (hidden) keeps the last width.
            let w = entry.content_rect().width().round() as i32;
            if w > 0 && width.try_get_untracked() != Some(w.max(MIN_W)) {
                width.try_set(w.max(MIN_W));
            }
        });
        if let Ok(o) = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()) {
            o.observe(&el);
            observer.try_update_value(|slot| {
                if let Some(old) = slot.replace(o) {
                    old.disconnect();
                }
            });
        }
        // Kept for the page's life: a report after removal must find it (it only
        // reads and sets through try_).
        changed.forget();
    });
    on_cleanup(move || {
        observer.try_with_value(|o| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
    width.read_only()
}

/// The width `text` takes at the labels' size, estimated: a Chinese character is as
/// wide as the font is high, a Latin letter or digit a little over half of it.
fn text_px(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { FONT_PX * 0.6 } else { FONT_PX }).sum()
}

/// Every how many labels one is written so that `n` labels of up to `widest` px, `step`
/// px apart, leave a gap between them: 1 when they all fit.
fn label_stride(n: usize, step: f64, widest: f64) -> usize {
    if n <= 1 || step <= 0.0 {
        return 1;
    }
    (((widest + 8.0) / step).ceil() as usize).clamp(1, n)
}

/// Whether label `i` of `n` is written at `stride`: counted from the last, so the latest
/// is always there.
fn shows(i: usize, n: usize, stride: usize) -> bool {
    (n - 1 - i) % stride == 0
}

/// Where to centre `text` near `x` so that it stays inside a drawing `w` wide (the first
/// and last labels would otherwise be cut at the edges).
fn inside(x: f64, text: &str, w: i32) -> i32 {
    let half = text_px(text) / 2.0 + 2.0;
    x.clamp(half, (f64::from(w) - half).max(half)).round() as i32
}

/// `text` cut to fit `px` pixels (with an ellipsis when cut).
fn fit(text: &str, px: f64) -> String {
    if text_px(text) <= px {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = FONT_PX;
    for c in text.chars() {
        used += text_px(c.encode_utf8(&mut [0; 4]));
        if used > px {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

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

const BAR_H: i32 = 28;

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
    let node = NodeRef::<Div>::new();
    let width = box_width(node);
    let draw = move || {
        let w = width.get();
        let bars = bars.get();
        let top = if max > 0.0 { max } else { bars.iter().map(|b| b.value).fold(0.0, f64::max) };
        let label_w = (w * 3 / 10).clamp(80, 170);
        // Room after the longest bar for its figure ("54 (100.0%)").
        let value_w = bars.iter().map(|b| text_px(&b.text)).fold(24.0, f64::max).ceil() as i32 + 8;
        let plot = (w - label_w - value_w - 6).max(20);
        let height = (bars.len() as i32 * BAR_H).max(BAR_H);
        let alt = bars.iter().map(|b| format!("{} {}", b.label, b.text)).collect::<Vec<_>>().join("; ");
        let title = title.get();
        view! {
            <svg class="chart" viewBox=format!("0 0 {w} {height}") width=w height=height role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as i32 * BAR_H;
                    let bw = if top > 0.0 { ((b.value / top).clamp(0.0, 1.0) * f64::from(plot)).round() as i32 } else { 0 };
                    view! {
                        <g>
                            <title>{format!("{} {}", b.label, b.text)}</title>
                            <text x=label_w - 6 y=y + 18 text-anchor="end" class="chart-label">{fit(&b.label, f64::from(label_w - 8))}</text>
                            <rect x=label_w y=y + 4 width=bw.max(1) height=BAR_H - 8 class="chart-bar" rx="2"></rect>
                            <text x=label_w + bw + 6 y=y + 18 class="chart-value">{b.text}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
    };
    view! { <div class="chart-box" node_ref=node>{draw}</div> }
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
    const H: i32 = 220;
    const LEFT: i32 = 44;
    const RIGHT: i32 = 24;
    const TOP: i32 = 24;
    const BOTTOM: i32 = 30;
    let node = NodeRef::<Div>::new();
    let width = box_width(node);
    let draw = move || {
        let w = width.get();
        let points = points.get();
        let n = points.len().max(1);
        let plot_w = f64::from(w - LEFT - RIGHT);
        let step = if n > 1 { plot_w / (n - 1) as f64 } else { 0.0 };
        let xy = |i: usize, v: f64| {
            let x = if n > 1 { f64::from(LEFT) + step * i as f64 } else { f64::from(LEFT) + plot_w / 2.0 };
            let y = f64::from(H - BOTTOM) - (v / max).clamp(0.0, 1.0) * f64::from(H - TOP - BOTTOM);
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
        let widest = points.iter().map(|p| text_px(&p.label)).fold(0.0, f64::max);
        let stride = label_stride(points.len(), step, widest);
        let alt = points.iter().map(|p| format!("{} {}", p.label, fixed(p.value, 0))).collect::<Vec<_>>().join("; ");
        let title = title.get();
        let count = points.len();
        view! {
            <svg class="chart" viewBox=format!("0 0 {w} {H}") width=w height=H role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <line x1=LEFT y1=H - BOTTOM x2=w - RIGHT y2=H - BOTTOM class="chart-axis"></line>
                <line x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM class="chart-axis"></line>
                <text x=LEFT - 6 y=TOP + 4 text-anchor="end" class="chart-label">{fixed(max, 0)}</text>
                <text x=LEFT - 6 y=H - BOTTOM + 4 text-anchor="end" class="chart-label">"0"</text>
                <path d=path class="chart-line"></path>
                {points.iter().enumerate().map(|(i, p)| {
                    let (x, y) = xy(i, p.value);
                    let labelled = shows(i, count, stride);
                    view! {
                        <g>
                            <title>{format!("{} {}", p.label, fixed(p.value, 0))}</title>
                            <circle cx=x cy=y r="4" class="chart-dot"></circle>
                            {labelled.then(|| {
                                let value = fixed(p.value, 0);
                                view! {
                                    <text x=inside(f64::from(x), &value, w) y=y - 8 text-anchor="middle" class="chart-value">{value.clone()}</text>
                                    <text x=inside(f64::from(x), &p.label, w) y=H - BOTTOM + 18 text-anchor="middle" class="chart-label chart-x">{p.label.clone()}</text>
                                }
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
    };
    view! { <div class="chart-box" node_ref=node>{draw}</div> }
}

/// A column of a [`ColumnChart`]: its label, and its value in each series.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// The x label (a month).
    pub label: String,
    /// The value of each series, bottom to top.
    pub values: Vec<f64>,
}

/// Columns left to right (months), stacked when there is more than one series, with
/// the total above each and a legend naming the series. `format` writes a value (the
/// totals, the top of the scale and the text alternative).
#[component]
pub fn ColumnChart(
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The series' names, bottom to top (one name: no legend).
    #[prop(into)]
    series: Signal<Vec<String>>,
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<Stack>>,
    /// How a value is written.
    format: fn(f64) -> String,
) -> impl IntoView {
    const H: i32 = 230;
    const TOP: i32 = 24;
    const BOTTOM: i32 = 30;
    const RIGHT: i32 = 8;
    let node = NodeRef::<Div>::new();
    let width = box_width(node);
    let draw = move || {
        let w = width.get();
        let columns = columns.get();
        let names = series.get();
        let top = columns.iter().map(|c| c.values.iter().sum::<f64>()).fold(0.0, f64::max);
        let scale = nice_ceiling(top);
        let top_text = format(scale);
        let left = (text_px(&top_text).ceil() as i32 + 10).max(28);
        let n = columns.len().max(1);
        let slot = f64::from(w - left - RIGHT) / n as f64;
        let bar_w = (slot * 0.7).max(2.0);
        let plot_h = f64::from(H - TOP - BOTTOM);
        let y_of =
            |v: f64| f64::from(H - BOTTOM) - if scale > 0.0 { (v / scale).clamp(0.0, 1.0) * plot_h } else { 0.0 };
        let widest_label = columns.iter().map(|c| text_px(&c.label)).fold(0.0, f64::max);
        let widest_total = columns.iter().map(|c| text_px(&format(c.values.iter().sum()))).fold(0.0, f64::max);
        let label_stride_n = label_stride(columns.len(), slot, widest_label);
        let total_stride = label_stride(columns.len(), slot, widest_total);
        let alt = columns
            .iter()
            .map(|c| {
                if names.len() > 1 {
                    let parts = names.iter().zip(&c.values).map(|(s, v)| format!("{s} {}", format(*v)));
                    format!("{}: {}", c.label, parts.collect::<Vec<_>>().join(", "))
                } else {
                    format!("{} {}", c.label, format(c.values.iter().sum()))
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        let title = title.get();
        let count = columns.len();
        let legend = (names.len() > 1).then(|| {
            view! {
                <ul class="chart-legend" aria-hidden="true">
                    {names.iter().enumerate().map(|(i, s)| view! {
                        <li><span class=format!("chart-swatch chart-s{i}")></span>{s.clone()}</li>
                    }).collect_view()}
                </ul>
            }
        });
        view! {
            {legend}
            <svg class="chart" viewBox=format!("0 0 {w} {H}") width=w height=H role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <line x1=left y1=H - BOTTOM x2=w - RIGHT y2=H - BOTTOM class="chart-axis"></line>
                <line x1=left y1=TOP x2=w - RIGHT y2=TOP class="chart-split"></line>
                <text x=left - 6 y=TOP + 4 text-anchor="end" class="chart-label">{top_text}</text>
                // Halfway up, to read a column against (when half the scale is a whole number).
                {((scale / 2.0).fract() == 0.0).then(|| {
                    let y = y_of(scale / 2.0).round();
                    view! {
                        <line x1=left y1=y x2=w - RIGHT y2=y class="chart-split"></line>
                        <text x=left - 6 y=y + 4.0 text-anchor="end" class="chart-label">{format(scale / 2.0)}</text>
                    }
                })}
                <text x=left - 6 y=H - BOTTOM + 4 text-anchor="end" class="chart-label">"0"</text>
                {columns.iter().enumerate().map(|(i, c)| {
                    let cx = f64::from(left) + slot * (i as f64 + 0.5);
                    let x = (cx - bar_w / 2.0).round();
                    let mut base = 0.0;
                    let total: f64 = c.values.iter().sum();
                    let tip = if names.len() > 1 {
                        let parts = names.iter().zip(&c.values).map(|(s, v)| format!("{s} {}", format(*v)));
                        format!("{}: {}", c.label, parts.collect::<Vec<_>>().join(", "))
                    } else {
                        format!("{} {}", c.label, format(total))
                    };
                    let rects = c.values.iter().enumerate().map(|(s, v)| {
                        let (y0, y1) = (y_of(base), y_of(base + v));
                        base += v;
                        view! { <rect x=x y=y1.round() width=bar_w.round() height=(y0 - y1).round().max(0.0) class=format!("chart-bar chart-s{s}")></rect> }
                    }).collect_view();
                    view! {
                        <g>
                            <title>{tip}</title>
                            {rects}
                            {shows(i, count, label_stride_n).then(|| view! {
                                <text x=inside(cx, &c.label, w) y=H - BOTTOM + 18 text-anchor="middle" class="chart-label chart-x">{c.label.clone()}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
                // The totals over the columns only when every one fits (else they would
                // cover their neighbours); each is in its column's tooltip and the text
                // alternative either way.
                {(total_stride == 1).then(|| columns.iter().enumerate().filter(|(_, c)| c.values.iter().sum::<f64>() > 0.0).map(|(i, c)| {
                    let total: f64 = c.values.iter().sum();
                    let cx = f64::from(left) + slot * (i as f64 + 0.5);
                    let text = format(total);
                    view! { <text x=inside(cx, &text, w) y=(y_of(total) - 6.0).round() text-anchor="middle" class="chart-value">{text.clone()}</text> }
                }).collect_view())}
            </svg>
        }
    };
    view! { <div class="chart-box" node_ref=node>{draw}</div> }
}

/// The top of a scale for values up to `v`: 1, 2, 2.5 or 5 times a power of ten, at
/// least `v` (1 for nothing).
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|t| *t >= v).unwrap_or(10.0 * p)
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
    const H: i32 = 360;
    const PAD: i32 = 44;
    let node = NodeRef::<Div>::new();
    let width = box_width(node);
    let draw = move || {
        let w = width.get();
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
        let sx = move |v: f64| (f64::from(PAD) + (v - x0) / (x1 - x0) * f64::from(w - 2 * PAD)).round() as i32;
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
            <svg class="chart chart-quadrant" viewBox=format!("0 0 {w} {H}") width=w height=H role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <rect x=PAD y=PAD width=w - 2 * PAD height=H - 2 * PAD class="chart-frame"></rect>
                <line x1=sx(mean_x) y1=PAD x2=sx(mean_x) y2=H - PAD class="chart-split"></line>
                <line x1=PAD y1=sy(mean_y) x2=w - PAD y2=sy(mean_y) class="chart-split"></line>
                <text x=w - PAD - 4 y=PAD + 14 text-anchor="end" class="chart-quad">{names[0].clone()}</text>
                <text x=PAD + 4 y=PAD + 14 class="chart-quad">{names[1].clone()}</text>
                <text x=PAD + 4 y=H - PAD - 6 class="chart-quad">{names[2].clone()}</text>
                // Important but poorly rated: where to improve first.
                <text x=w - PAD - 4 y=H - PAD - 6 text-anchor="end" class="chart-quad chart-quad-warn">{names[3].clone()}</text>
                <text x=w / 2 y=H - 10 text-anchor="middle" class="chart-label">{ax}</text>
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
    };
    view! { <div class="chart-box" node_ref=node>{draw}</div> }
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
    const H: i32 = 260;
    const PAD: i32 = 44;
    let node = NodeRef::<Div>::new();
    let width = box_width(node);
    let draw = move || {
        let w = width.get();
        let items = items.get();
        if items.is_empty() {
            return ().into_any();
        }
        let n = items.len() as i32;
        let top = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-9);
        let slot = (w - 2 * PAD) / n.max(1);
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
            <svg class="chart" viewBox=format!("0 0 {w} {H}") width=w height=H role="img" aria-label=format!("{title}: {alt}")>
                <title>{title.clone()}</title>
                <line x1=PAD y1=H - PAD x2=w - PAD y2=H - PAD class="chart-axis"></line>
                <text x=w - PAD + 4 y=PAD + 4 class="chart-label">"100%"</text>
                <text x=w - PAD + 4 y=H - PAD + 4 class="chart-label">"0%"</text>
                {marks.get().into_iter().map(|m| view! {
                    <g>
                        <line x1=PAD y1=y_share(m) x2=w - PAD y2=y_share(m) class="chart-split"></line>
                        <text x=w - PAD + 4 y=y_share(m) + 4 class="chart-label">{format!("{}%", fixed(m * 100.0, 0))}</text>
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
    };
    view! { <div class="chart-box" node_ref=node>{draw}</div> }
}
