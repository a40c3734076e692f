//! A canvas that one chart of `src/charts` draws on, sized to its box and the screen's
//! pixel density so lines and text stay crisp.

use std::rc::Rc;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::{
    frontier, frontier_svg, read_at, rules, rules_svg, to_svg, ChartKind, Recorded, Scaled, Theme,
    XAxis,
};
use crate::core::optimise::Frontier;
use crate::core::{Comparison, Shortage};
use crate::ui::chart_data::{hover_text, ChartData};
use crate::ui::download::{download_text, download_url};
use crate::ui::listen::Listening;

/// What a canvas shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// A chart of the item's policies.
    Comparison(ChartKind, Rc<Comparison>),
    /// The item's JIT-to-JIC frontier.
    Frontier(Rc<Frontier>, Shortage),
    /// The rules the optimiser compared: cost by order size.
    Rules(Rc<Frontier>),
}

impl Chart {
    pub fn key(&self) -> &'static str {
        match self {
            Chart::Comparison(kind, _) => kind.key(),
            Chart::Frontier(..) => "frontier",
            Chart::Rules(..) => "rules",
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Chart::Comparison(kind, _) => kind.title(),
            Chart::Frontier(..) => "The JIT-to-JIC frontier: cost and stockouts by buffer",
            Chart::Rules(..) => "The rules compared: cost by order size",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    pub chart: Chart,
    /// The scenario's currency.
    pub currency: AttrValue,
    /// A one-sentence summary: the canvas's accessible name.
    #[prop_or_default]
    pub description: Option<AttrValue>,
    /// Added to the test hook when a kind of chart shows twice ("chart-inventory-optimum").
    #[prop_or_default]
    pub key_suffix: Option<AttrValue>,
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let resized = use_window_resizes();
    // The plots' x axes as drawn (CSS pixels), to read a pointer's value.
    let axis = use_mut_ref(Vec::<XAxis>::new);
    // The pointer's x and the canvas's width (CSS pixels), and what it reads.
    let tip = use_state(|| None::<(f64, f64, String)>);
    // Placed through its style object rather than a style attribute, which the page's
    // Content-Security-Policy does not allow.
    let tip_ref = use_node_ref();
    {
        let tip_ref = tip_ref.clone();
        use_effect_with((*tip).clone(), move |tip| {
            if let (Some((x, width, _)), Some(el)) = (tip, tip_ref.cast::<web_sys::HtmlElement>()) {
                // Beside the pointer, on the side with room.
                let style = el.style();
                let (side, other, px) = if *x < width / 2.0 {
                    ("left", "right", x + 12.0)
                } else {
                    ("right", "left", width - x + 12.0)
                };
                let _ = style.set_property(side, &format!("{px:.0}px"));
                let _ = style.remove_property(other);
            }
        });
    }
    {
        let (canvas_ref, axis, tip) = (canvas_ref.clone(), axis.clone(), tip.clone());
        use_effect_with(
            (props.chart.clone(), props.currency.clone(), resized),
            move |(chart, currency, _)| {
                tip.set(None);
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    match draw(&canvas, chart, currency) {
                        Ok(drawn) => *axis.borrow_mut() = drawn,
                        Err(message) => web_sys::console::error_1(&message.into()),
                    }
                }
            },
        );
    }
    let point = {
        let (axis, tip, chart, currency) =
            (axis.clone(), tip.clone(), props.chart.clone(), props.currency.clone());
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let width = f64::from(e.target_unchecked_into::<HtmlCanvasElement>().client_width());
            let text = read_at(&axis.borrow(), x, y)
                .and_then(|(plot, value)| hover_text(&chart, plot, value, &currency));
            tip.set(text.map(|t| (x, width, t)));
        })
    };
    let leave = {
        let tip = tip.clone();
        Callback::from(move |_: PointerEvent| tip.set(None))
    };
    let chart = &props.chart;
    let save = {
        let (canvas_ref, chart, currency) =
            (canvas_ref.clone(), props.chart.clone(), props.currency.clone());
        move |png: bool| {
            let (canvas_ref, chart, currency) =
                (canvas_ref.clone(), chart.clone(), currency.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else { return };
                let name = format!("jitjic-{}", chart.key());
                let saved = if png {
                    canvas
                        .to_data_url()
                        .map_err(|_| "the browser would not export the chart".to_owned())
                        .and_then(|url| download_url(&format!("{name}.png"), &url))
                } else {
                    // Drawn again as vectors at the size shown, light.
                    let size = (
                        canvas.client_width().max(300) as u32,
                        canvas.client_height().max(200) as u32,
                    );
                    let svg = match &chart {
                        Chart::Comparison(kind, c) => to_svg(*kind, c, &currency, size),
                        Chart::Frontier(f, shortage) => frontier_svg(f, *shortage, &currency, size),
                        Chart::Rules(f) => rules_svg(f, &currency, size),
                    };
                    download_text(&format!("{name}.svg"), "image/svg+xml", &svg)
                };
                if let Err(message) = saved {
                    web_sys::console::error_1(&message.into());
                }
            })
        }
    };
    let label = props.description.clone().unwrap_or_else(|| AttrValue::from(chart.title()));
    let stem = match &props.key_suffix {
        Some(suffix) => format!("chart-{}-{suffix}", chart.key()),
        None => format!("chart-{}", chart.key()),
    };
    html! {
        <figure class={classes!("chart", format!("chart-{}", chart.key()))}>
            <canvas ref={canvas_ref} data-testid={stem.clone()} role="img" aria-label={label}
                onpointermove={point.clone()} onpointerdown={point} onpointerleave={leave} />
            if let Some((_, _, text)) = &*tip {
                <div ref={tip_ref} class="tooltip" role="status" data-testid={format!("{stem}-tooltip")}>
                    { text.clone() }
                </div>
            }
            <div class="chart-tools">
                <ChartData chart={chart.clone()} currency={props.currency.clone()} key_stem={AttrValue::from(stem.clone())} />
                <span class="chart-save">
                    { "Save: " }
                    <button type="button" class="data-toggle" onclick={save(false)} data-testid={format!("{stem}-svg")}
                        aria-label={format!("Save “{}” as SVG", chart.title())}>{ "SVG" }</button>
                    { " · " }
                    <button type="button" class="data-toggle" onclick={save(true)} data-testid={format!("{stem}-png")}
                        aria-label={format!("Save “{}” as PNG", chart.title())}>{ "PNG" }</button>
                </span>
            </div>
        </figure>
    }
}

/// The page's colour scheme as the system sets it.
const DARK: &str = "(prefers-color-scheme: dark)";

fn theme() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media(DARK).ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Theme::DARK
    } else {
        Theme::LIGHT
    }
}

/// Counts the window's resize events and the system's switches between light and dark, so a
/// chart redraws at its new size (instead of being stretched) and in the new colours.
#[hook]
fn use_window_resizes() -> u32 {
    let count = use_mut_ref(|| 0u32);
    let shown = use_state_eq(|| 0u32);
    {
        let setter = shown.setter();
        use_effect_with((), move |()| {
            let window = web_sys::window();
            let scheme = window.as_ref().and_then(|w| w.match_media(DARK).ok().flatten());
            let listening = Listening::new(move || {
                *count.borrow_mut() += 1;
                setter.set(*count.borrow());
            })
            .on(window, "resize")
            .on(scheme, "change");
            move || drop(listening)
        });
    }
    *shown
}

/// Sizes the canvas's backing store to its displayed size × device pixel ratio, then draws:
/// laid out in CSS pixels (`charts::Scaled`), so the chart is the same at every pixel
/// density, only sharper. What collides in the drawing (`charts::Recorded`: text over text,
/// over the data, or cut off) is written on the canvas as `data-layout`, one problem a line,
/// empty when the chart reads; the browser tests check it at every size and density.
fn draw(canvas: &HtmlCanvasElement, chart: &Chart, currency: &str) -> Result<Vec<XAxis>, String> {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let css_width = f64::from(canvas.client_width().max(1));
    let css_height = f64::from(canvas.client_height().max(1));
    canvas.set_width((css_width * ratio).round() as u32);
    canvas.set_height((css_height * ratio).round() as u32);
    let title = chart.title();
    let theme = theme();
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| format!("{title}: the canvas has no 2D context"))?;
    let (backend, log) = Recorded::new(Scaled::new(backend, ratio));
    let area = backend.into_drawing_area();
    let drawn = match chart {
        Chart::Comparison(kind, c) => kind.draw(&area, c, currency, theme),
        Chart::Frontier(f, shortage) => {
            frontier(&area, f, *shortage, currency, theme).map(|a| vec![a])
        }
        Chart::Rules(f) => rules(&area, f, currency, theme).map(|a| vec![a]),
    };
    let axis = drawn.map_err(|e| format!("{title}: {e}"))?;
    area.present().map_err(|e| format!("{title}: {e}"))?;
    let _ = canvas.set_attribute("data-layout", &log.problems().join("\n"));
    Ok(axis)
}
