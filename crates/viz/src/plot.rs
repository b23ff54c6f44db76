//! Line plots as SVG, in the book's one font (see [`crate::font`]), measured
//! and embedded, so that no system font library is needed to draw or view
//! them.
//!
//! The look, the same for every plot: 720 by 480 px (it fits the book's
//! column at full size), axis text 14 px, ticks without needless decimals and
//! with true minus signs, labels placed clear of the curves, the legend in
//! the emptiest corner, an opaque white background. A new kind of picture
//! keeps that look by using [`SIZE`], [`TEXT_SIZE`], [`COLORS`] and
//! [`crate::font::style`], which embeds the font.

use std::sync::Once;

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use crate::font;

/// The size of a plot as shown, in px.
pub const SIZE: (u32, u32) = (720, 480);
/// Plots are drawn this many times larger than shown, so that curves keep
/// their smoothness: the SVG backend rounds to whole units.
const SCALE: u32 = 4;
/// The size of axis, tick, legend and mark text as shown, in px.
pub const TEXT_SIZE: f64 = 14.0;
/// The title's size as shown, in px.
pub const TITLE_SIZE: f64 = 18.0;
pub(crate) const FONT: &str = font::FAMILY;
/// The colours of curves, in order: the same in every plot.
pub const COLORS: [RGBColor; 5] = [
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
    log_x: bool,
    log_y: bool,
    curves: Vec<Curve>,
    points: Vec<(String, Vec<(f64, f64)>)>,
    marks: Vec<(String, (f64, f64))>,
}

#[derive(Debug, Clone)]
struct Curve {
    name: String,
    points: Vec<(f64, f64)>,
    dashed: bool,
    /// Drawn in the colour of the curve before it, not in a colour of its own.
    companion: bool,
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

    /// Draws the x axis on a logarithmic scale, as [`Plot::log_y`] the y axis.
    /// Every x must be positive.
    pub fn log_x(mut self) -> Self {
        self.log_x = true;
        self
    }

    /// Draws the y axis on a logarithmic scale, each power of ten as far from
    /// the next, so that a curve falling over several decades stays readable
    /// at every one. Every y (and the y range, if fixed) must be positive.
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// A solid curve through `points`, named in the legend.
    pub fn curve(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.curves.push(Curve {
            name: name.to_string(),
            points,
            dashed: false,
            companion: false,
        });
        self
    }

    /// A dashed line through `points`, named in the legend.
    pub fn dashed(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.curves.push(Curve {
            name: name.to_string(),
            points,
            dashed: true,
            companion: false,
        });
        self
    }

    /// A dashed line through `points` in the colour of the curve added just
    /// before it, named in the legend: another measure of the same thing, such
    /// as a run's held-out loss beside its training loss.
    pub fn companion(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.curves.push(Curve {
            name: name.to_string(),
            points,
            dashed: true,
            companion: true,
        });
        self
    }

    /// A dot at each of `points`, named in the legend: data rather than a
    /// function.
    pub fn points(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.points.push((name.to_string(), points));
        self
    }

    /// A dot at `point`, with `text` written beside it where no curve is.
    pub fn mark(mut self, text: &str, point: (f64, f64)) -> Self {
        self.marks.push((text.to_string(), point));
        self
    }

    /// The plot as an SVG document.
    pub fn to_svg(&self) -> Result<String, String> {
        register_bundled_font();
        let plot = self.in_log10()?;
        let mut svg = String::new();
        let size = (SIZE.0 * SCALE, SIZE.1 * SCALE);
        plot.draw(SVGBackend::with_string(&mut svg, size).into_drawing_area())
            .map_err(|e| format!("drawing \"{}\": {e}", self.title))?;
        Ok(finish(&svg))
    }

    fn draw(
        &self,
        area: DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        let k = f64::from(SCALE);
        let px = |x: f64| (x * k).round() as i32;
        // plotters writes a font's size divided by 1.24 into the SVG.
        let text = |size: f64| (FONT, size * k * 1.24).into_font();
        area.fill(&WHITE)?;
        let (x_low, x_high) = bounds(self.all_points().map(|p| p.0));
        // On a log axis the data rarely ends on a tick: room beyond it keeps
        // the dots at either end whole.
        let (x_low, x_high) =
            if self.log_x { padded((x_low, x_high)) } else { (x_low, x_high) };
        let (y_low, y_high) = self
            .y_range
            .unwrap_or_else(|| padded(bounds(self.all_points().map(|p| p.1))));
        let mut chart = ChartBuilder::on(&area)
            .caption(&self.title, text(TITLE_SIZE))
            .margin(px(14.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(60.0))
            .build_cartesian_2d(x_low..x_high, y_low..y_high)?;
        let tick = |v: &f64| tick_label(*v);
        // On a log axis a tick at v stands for 10^v: only whole powers are
        // labelled, and asking for one label per decade makes them the ticks.
        let power = |v: &f64| {
            let whole = v.round();
            if (v - whole).abs() < 1e-9 {
                tick_label(10f64.powi(whole as i32))
            } else {
                String::new()
            }
        };
        let decades = |low: f64, high: f64| (high - low).ceil() as usize + 1;
        let mut mesh = chart.configure_mesh();
        if self.log_y {
            mesh.y_labels(decades(y_low, y_high)).y_label_formatter(&power);
        } else {
            mesh.y_label_formatter(&tick);
        }
        if self.log_x {
            mesh.x_labels(decades(x_low, x_high)).x_label_formatter(&power);
        } else {
            mesh.x_label_formatter(&tick);
        }
        mesh.x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .label_style(text(TEXT_SIZE))
            .axis_desc_style(text(TEXT_SIZE))
            .set_all_tick_mark_size(px(5.0))
            .axis_style(BLACK.stroke_width(SCALE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08).stroke_width(SCALE))
            .draw()?;
        let in_view = |&(_, y): &(f64, f64)| (y_low..=y_high).contains(&y);
        // Every curve as the pixels it passes through, for placing labels.
        let mut obstacles: Vec<Vec<(f64, f64)>> = vec![];
        let pixel = |chart: &ChartContext<_, _>, p: &(f64, f64)| {
            let (x, y) = chart.backend_coord(p);
            (f64::from(x), f64::from(y))
        };
        let width = SCALE * 2;
        // Each curve takes the next colour, except a companion, which keeps
        // its predecessor's.
        let mut next_color = COLORS.iter().cycle();
        let mut color = COLORS[0];
        for curve in &self.curves {
            if !curve.companion {
                color = *next_color.next().expect("the colours cycle");
            }
            let style = color.stroke_width(width);
            let points: Vec<_> =
                curve.points.iter().copied().filter(in_view).collect();
            obstacles.push(points.iter().map(|p| pixel(&chart, p)).collect());
            let (dash, gap) = (px(7.0) as u32, px(5.0) as u32);
            let series = if curve.dashed {
                chart.draw_series(DashedLineSeries::new(
                    points, dash, gap, style,
                ))?
            } else {
                chart.draw_series(LineSeries::new(points, style))?
            };
            if !curve.name.is_empty() {
                // A solid swatch is a dash as long as the swatch, with no gap.
                let (dash, gap) = if curve.dashed {
                    (dash, gap)
                } else {
                    (px(24.0) as u32, 0)
                };
                let long = px(24.0);
                series.label(curve.name.as_str()).legend(move |(x, y)| {
                    DashedPathElement::new(
                        [(x, y), (x + long, y)],
                        dash,
                        gap,
                        style,
                    )
                });
            }
        }
        let dot_colors = next_color;
        for ((name, points), color) in self.points.iter().zip(dot_colors) {
            let color = *color;
            let radius = px(3.0);
            let series = chart.draw_series(
                points
                    .iter()
                    .filter(|p| in_view(p))
                    .map(|&p| Circle::new(p, radius, color.filled())),
            )?;
            if !name.is_empty() {
                series.label(name.as_str()).legend(move |(x, y)| {
                    Circle::new((x + px(12.0), y), radius, color.filled())
                });
            }
        }
        let mut taken: Vec<Rect> = vec![];
        for (label, point) in &self.marks {
            let dot = Circle::new((0, 0), px(4.0), BLACK.filled());
            chart.draw_series([EmptyElement::at(*point) + dot])?;
            if label.is_empty() {
                continue;
            }
            let (x, y) = pixel(&chart, point);
            let (w, h) = (font::width(label, TEXT_SIZE) * k, TEXT_SIZE * k);
            let rect = place_label((x, y), (w, h), k, &obstacles, &taken);
            taken.push(rect);
            area.draw(&Text::new(
                label.clone(),
                (rect.0.round() as i32, rect.1.round() as i32),
                TextStyle::from(text(TEXT_SIZE)).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Top,
                    ),
                ),
            ))?;
        }
        let named = self.curves.iter().any(|c| !c.name.is_empty())
            || self.points.iter().any(|p| !p.0.is_empty());
        if named {
            let (x_range, y_range) = chart.plotting_area().get_pixel_range();
            let names = self
                .curves
                .iter()
                .map(|c| c.name.as_str())
                .chain(self.points.iter().map(|p| p.0.as_str()))
                .filter(|n| !n.is_empty());
            let widest = names
                .clone()
                .map(|n| font::width(n, TEXT_SIZE))
                .fold(0.0, f64::max);
            let size =
                ((widest + 50.0) * k, (names.count() as f64 * 22.0 + 10.0) * k);
            let plot = (
                f64::from(x_range.start),
                f64::from(y_range.start),
                f64::from(x_range.end),
                f64::from(y_range.end),
            );
            let corner = legend_corner(plot, size, k, &obstacles, &taken);
            chart
                .configure_series_labels()
                .position(corner)
                .margin(px(10.0))
                .legend_area_size(px(30.0))
                .label_font(text(TEXT_SIZE))
                .background_style(WHITE.mix(0.92))
                .border_style(BLACK.mix(0.3))
                .draw()?;
        }
        area.present()?;
        Ok(())
    }

    /// The plot with every coordinate on a log axis replaced by its base-10
    /// logarithm: drawn on a linear axis, whose ticks then read as the powers
    /// of ten.
    fn in_log10(&self) -> Result<Plot, String> {
        let title = &self.title;
        // NaN is not positive either.
        let positive = |v: f64| v > 0.0;
        let mut xs = self.all_points().map(|p| p.0);
        if self.log_x
            && let Some(x) = xs.find(|&x| !positive(x))
        {
            return Err(format!("\"{title}\": log x axis, but x = {x}"));
        }
        if self.log_y {
            let range =
                self.y_range.iter().flat_map(|&(low, high)| [low, high]);
            let mut ys = self.all_points().map(|p| p.1).chain(range);
            if let Some(y) = ys.find(|&y| !positive(y)) {
                return Err(format!("\"{title}\": log y axis, but y = {y}"));
            }
        }
        let (log_x, log_y) = (self.log_x, self.log_y);
        let log = |(x, y): (f64, f64)| {
            let x = if log_x { x.log10() } else { x };
            let y = if log_y { y.log10() } else { y };
            (x, y)
        };
        let mut plot = self.clone();
        if log_y {
            plot.y_range =
                self.y_range.map(|(lo, hi)| (lo.log10(), hi.log10()));
        }
        let points = plot.curves.iter_mut().map(|curve| &mut curve.points);
        for points in points.chain(plot.points.iter_mut().map(|(_, p)| p)) {
            for point in points.iter_mut() {
                *point = log(*point);
            }
        }
        for (_, point) in &mut plot.marks {
            *point = log(*point);
        }
        Ok(plot)
    }

    fn all_points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let curves = self.curves.iter().flat_map(|c| c.points.iter().copied());
        let dots = self.points.iter().flat_map(|p| p.1.iter().copied());
        curves.chain(dots).chain(self.marks.iter().map(|(_, p)| *p))
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
        register_font(FONT, FontStyle::Normal, font::bytes()).unwrap_or_else(
            |_| panic!("the bundled DejaVu Sans font is a valid font"),
        );
    });
}

/// A tick's number as the prose writes it: no needless decimals, and a true
/// minus sign.
pub fn tick_label(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text.strip_prefix('-') {
        Some("0") => "0".to_string(),
        Some(digits) => format!("\u{2212}{digits}"),
        None => text.to_string(),
    }
}

/// A box: left, top, width, height, in the backend's pixels.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// How many of the curves' segments pass through `rect`.
fn hits(rect: &Rect, obstacles: &[Vec<(f64, f64)>]) -> usize {
    let inside = |(x, y): (f64, f64)| {
        x >= rect.0
            && x <= rect.0 + rect.2
            && y >= rect.1
            && y <= rect.1 + rect.3
    };
    obstacles
        .iter()
        .flat_map(|curve| curve.windows(2))
        .filter(|pair| {
            // Sampled along the segment: enough for boxes the size of text.
            (0..=8).any(|i| {
                let t = f64::from(i) / 8.0;
                inside((
                    pair[0].0 + t * (pair[1].0 - pair[0].0),
                    pair[0].1 + t * (pair[1].1 - pair[0].1),
                ))
            })
        })
        .count()
}

/// Where the text for the mark at `point` goes: the first spot around it that
/// no curve and no other label crosses, else the least crowded.
fn place_label(
    point: (f64, f64),
    (w, h): (f64, f64),
    k: f64,
    obstacles: &[Vec<(f64, f64)>],
    taken: &[Rect],
) -> Rect {
    let gap = 8.0 * k;
    let (x, y) = point;
    let candidates = [
        (x + gap, y + gap),
        (x - gap - w, y + gap),
        (x + gap, y - gap - h),
        (x - gap - w, y - gap - h),
        (x - w / 2.0, y + gap * 1.5),
        (x - w / 2.0, y - gap * 1.5 - h),
        (x + gap * 2.0, y + gap * 2.0),
        (x - gap * 2.0 - w, y + gap * 2.0),
        (x + gap * 2.0, y - gap * 2.0 - h),
        (x - gap * 2.0 - w, y - gap * 2.0 - h),
    ];
    let pad = 3.0 * k;
    candidates
        .iter()
        .map(|&(left, top)| (left, top, w, h))
        .enumerate()
        .min_by_key(|(i, rect)| {
            let padded = (
                rect.0 - pad,
                rect.1 - pad,
                rect.2 + 2.0 * pad,
                rect.3 + 2.0 * pad,
            );
            let crowded = hits(&padded, obstacles)
                + 100 * taken.iter().filter(|t| overlaps(t, &padded)).count();
            (crowded, *i)
        })
        .map(|(_, rect)| rect)
        .unwrap_or((x, y, w, h))
}

/// The corner or edge of the plot where the legend covers the least.
fn legend_corner(
    (left, top, right, bottom): Rect,
    (w, h): (f64, f64),
    k: f64,
    obstacles: &[Vec<(f64, f64)>],
    taken: &[Rect],
) -> SeriesLabelPosition {
    let m = 10.0 * k;
    let middle = (left + right - w) / 2.0;
    let options = [
        (SeriesLabelPosition::UpperLeft, left + m, top + m),
        (SeriesLabelPosition::UpperRight, right - m - w, top + m),
        (SeriesLabelPosition::UpperMiddle, middle, top + m),
        (SeriesLabelPosition::LowerRight, right - m - w, bottom - m - h),
        (SeriesLabelPosition::LowerLeft, left + m, bottom - m - h),
        (SeriesLabelPosition::LowerMiddle, middle, bottom - m - h),
    ];
    options
        .into_iter()
        .enumerate()
        .min_by_key(|(i, (_, x, y))| {
            let rect = (*x, *y, w, h);
            let crowded = hits(&rect, obstacles)
                + 100 * taken.iter().filter(|t| overlaps(t, &rect)).count();
            (crowded, *i)
        })
        .map(|(_, (position, _, _))| position)
        .unwrap_or(SeriesLabelPosition::UpperMiddle)
}

/// The SVG as shown: its drawing scaled down to [`SIZE`], the font embedded.
fn finish(svg: &str) -> String {
    let Some(start) = svg.find("<svg") else { return svg.to_string() };
    let end = start + svg[start..].find('>').unwrap_or(0) + 1;
    let (w, h) = SIZE;
    let (vw, vh) = (w * SCALE, h * SCALE);
    let style = font::style(font::chars_in_texts(svg), "");
    format!(
        "{}<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {vw} {vh}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n{style}{}",
        &svg[..start],
        &svg[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_written_as_the_prose_writes_numbers() {
        assert_eq!(tick_label(100.0), "100");
        assert_eq!(tick_label(-0.5), "\u{2212}0.5");
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(-0.0), "0");
    }

    #[test]
    fn a_label_goes_where_no_curve_is() {
        // A curve rising through the point: the box right of it and below is
        // crossed, the one left of it and below is free.
        let curve = vec![vec![(0.0, 100.0), (100.0, 0.0)]];
        let rect = place_label((50.0, 50.0), (30.0, 10.0), 1.0, &curve, &[]);
        assert!(rect.0 + rect.2 <= 50.0 || rect.1 >= 50.0 && rect.0 >= 50.0);
        assert_eq!(hits(&(rect.0 - 3.0, rect.1 - 3.0, 36.0, 16.0), &curve), 0);
    }

    #[test]
    fn a_log_axis_labels_the_powers_of_ten_and_refuses_zero() {
        let falling = sample(|x| 10f64.powf(-x), 0.0, 2.0, 21);
        let svg = Plot::new("t").log_y().curve("c", falling).to_svg().unwrap();
        for label in ["\n1\n", "\n0.1\n", "\n0.01\n"] {
            assert!(svg.contains(label), "no tick {label:?}");
        }
        let error =
            Plot::new("t").log_y().curve("c", vec![(0.0, 0.0)]).to_svg();
        assert_eq!(error.unwrap_err(), "\"t\": log y axis, but y = 0");
    }

    #[test]
    fn a_log_x_axis_labels_the_powers_of_ten_and_refuses_zero() {
        let rising = sample(|x| x, 0.1, 100.0, 21);
        let svg = Plot::new("t").log_x().points("p", rising).to_svg().unwrap();
        for label in ["\n0.1\n", "\n1\n", "\n10\n", "\n100\n"] {
            assert!(svg.contains(label), "no tick {label:?}");
        }
        let error = Plot::new("t").log_x().points("p", vec![(0.0, 1.0)]);
        let error = error.to_svg().unwrap_err();
        assert_eq!(error, "\"t\": log x axis, but x = 0");
    }

    #[test]
    fn a_companion_takes_the_colour_before_it_and_the_next_curve_moves_on() {
        let line = |c: f64| vec![(0.0, c), (1.0, c)];
        let svg = Plot::new("t")
            .curve("a", line(1.0))
            .companion("a, dashed", line(2.0))
            .curve("b", line(3.0))
            .to_svg()
            .unwrap();
        let hex = |c: RGBColor| {
            format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
        };
        assert!(svg.contains(&hex(COLORS[0])) && svg.contains(&hex(COLORS[1])));
        assert!(!svg.contains(&hex(COLORS[2])), "the companion took a colour");
    }

    #[test]
    fn the_svg_is_shown_at_its_size_with_the_font_embedded() {
        let svg = Plot::new("t")
            .axes("x", "y")
            .curve("c", sample(|x| x * x, -1.0, 1.0, 11))
            .to_svg()
            .unwrap();
        assert!(svg.contains("<svg width=\"720\" height=\"480\""));
        assert!(svg.contains("viewBox=\"0 0 2880 1920\""));
        assert!(svg.contains("@font-face{font-family:BookSans;"));
    }
}
