//! Line plots as SVG, with a bundled font so that no system font library is needed.

use std::sync::Once;

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

const SIZE: (u32, u32) = (720, 480);
pub(crate) const FONT: &str = "sans-serif";
const COLORS: [RGBColor; 5] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
];

/// A plot of curves and marked points, drawn with [`Plot::to_svg`].
#[derive(Debug, Clone, Default)]
pub struct Plot {
    title: String,
    x_label: String,
    y_label: String,
    y_range: Option<(f64, f64)>,
    curves: Vec<Curve>,
    marks: Vec<(String, (f64, f64))>,
}

#[derive(Debug, Clone)]
struct Curve {
    name: String,
    points: Vec<(f64, f64)>,
    dashed: bool,
}

impl Plot {
    pub fn new(title: &str) -> Self {
        Plot { title: title.to_string(), ..Plot::default() }
    }

    pub fn axes(mut self, x_label: &str, y_label: &str) -> Self {
        self.x_label = x_label.to_string();
        self.y_label = y_label.to_string();
        self
    }

    /// Fixes the y axis instead of fitting it to the data.
    pub fn y_range(mut self, low: f64, high: f64) -> Self {
        self.y_range = Some((low, high));
        self
    }

    /// A solid curve through `points`, named in the legend.
    pub fn curve(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.curves.push(Curve {
            name: name.to_string(),
            points,
            dashed: false,
        });
        self
    }

    /// A dashed line through `points`, named in the legend.
    pub fn dashed(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.curves.push(Curve {
            name: name.to_string(),
            points,
            dashed: true,
        });
        self
    }

    /// A dot at `point`, with `text` written beside it.
    pub fn mark(mut self, text: &str, point: (f64, f64)) -> Self {
        self.marks.push((text.to_string(), point));
        self
    }

    /// The plot as an SVG document.
    pub fn to_svg(&self) -> Result<String, String> {
        register_bundled_font();
        let mut svg = String::new();
        self.draw(SVGBackend::with_string(&mut svg, SIZE).into_drawing_area())
            .map_err(|e| format!("drawing \"{}\": {e}", self.title))?;
        Ok(svg)
    }

    fn draw(
        &self,
        area: DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        area.fill(&WHITE)?;
        let (x_low, x_high) = bounds(self.all_points().map(|p| p.0));
        let (y_low, y_high) = self
            .y_range
            .unwrap_or_else(|| padded(bounds(self.all_points().map(|p| p.1))));
        let mut chart = ChartBuilder::on(&area)
            .caption(&self.title, (FONT, 22))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(x_low..x_high, y_low..y_high)?;
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .label_style((FONT, 14))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        let in_view = |&(_, y): &(f64, f64)| (y_low..=y_high).contains(&y);
        for (curve, color) in self.curves.iter().zip(COLORS.iter().cycle()) {
            let style = color.stroke_width(2);
            let points: Vec<_> =
                curve.points.iter().copied().filter(in_view).collect();
            let series = if curve.dashed {
                chart.draw_series(DashedLineSeries::new(points, 6, 4, style))?
            } else {
                chart.draw_series(LineSeries::new(points, style))?
            };
            if !curve.name.is_empty() {
                // A solid swatch is a dash as long as the swatch, with no gap.
                let (dash, gap) = if curve.dashed { (6, 4) } else { (20, 0) };
                series.label(curve.name.as_str()).legend(move |(x, y)| {
                    DashedPathElement::new(
                        [(x, y), (x + 20, y)],
                        dash,
                        gap,
                        style,
                    )
                });
            }
        }
        for (text, point) in &self.marks {
            let dot = Circle::new((0, 0), 4, BLACK.filled());
            let caption =
                Text::new(text.clone(), (8, -18), (FONT, 14).into_font());
            chart.draw_series([EmptyElement::at(*point) + dot + caption])?;
        }
        if self.curves.iter().any(|c| !c.name.is_empty()) {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperMiddle)
                .label_font((FONT, 14))
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK.mix(0.3))
                .draw()?;
        }
        area.present()?;
        Ok(())
    }

    fn all_points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let curves = self.curves.iter().flat_map(|c| c.points.iter().copied());
        curves.chain(self.marks.iter().map(|(_, p)| *p))
    }
}

/// Evenly spaced samples of `f` over `[low, high]`.
pub fn sample(
    f: impl Fn(f64) -> f64,
    low: f64,
    high: f64,
    count: usize,
) -> Vec<(f64, f64)> {
    let step = (high - low) / (count - 1) as f64;
    (0..count).map(|i| low + step * i as f64).map(|x| (x, f(x))).collect()
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

fn padded((low, high): (f64, f64)) -> (f64, f64) {
    let pad = (high - low).max(1e-9) * 0.05;
    (low - pad, high + pad)
}

pub(crate) fn register_bundled_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        register_font(FONT, FontStyle::Normal, dejavu::sans::regular())
            .unwrap_or_else(|_| {
                panic!("the bundled DejaVu Sans font is a valid font")
            });
    });
}
