//! Scatter plots of points in two or three classes, optionally over regions
//! of the plane coloured by class: the picture of a classifier's decision
//! boundary.

use plotters::prelude::*;

use crate::font;
use crate::plot::{FONT, register_bundled_font, tick_label};

const SIZE: (u32, u32) = (720, 540);
/// Text sizes as given to plotters, which writes them into the SVG divided by
/// 1.24: axis and legend text comes out at 13.7 px, the title at 17.7 px, as
/// close as whole numbers get to the line plots' 14 and 18.
const TEXT: u32 = 17;
const TITLE: u32 = 22;
/// The classes' colours: a blue and an orange, told apart with any kind of
/// colour vision, and a green, which some readers cannot tell from the
/// orange: [`Scatter::shapes`] gives each class a shape of its own too.
const COLORS: [RGBColor; 3] =
    [RGBColor(31, 119, 180), RGBColor(255, 127, 14), RGBColor(44, 160, 44)];
/// The same colours at a quarter of their strength over white, for regions.
const TINTS: [RGBColor; 3] =
    [RGBColor(199, 221, 236), RGBColor(255, 223, 195), RGBColor(202, 231, 202)];

/// A point's marker at `at`, in `color` with a black outline: a circle, a
/// square or a triangle. A macro, since each is an element of another type.
macro_rules! marker {
    (circle, $at:expr, $color:expr) => {
        EmptyElement::at($at)
            + Circle::new((0, 0), 5, $color.filled())
            + Circle::new((0, 0), 5, BLACK.stroke_width(1))
    };
    (square, $at:expr, $color:expr) => {
        EmptyElement::at($at)
            + Rectangle::new([(-4, -4), (4, 4)], $color.filled())
            + Rectangle::new([(-4, -4), (4, 4)], BLACK.stroke_width(1))
    };
    (triangle, $at:expr, $color:expr) => {
        EmptyElement::at($at)
            + Polygon::new(TRIANGLE.to_vec(), $color.filled())
            + PathElement::new(TRIANGLE.to_vec(), BLACK.stroke_width(1))
    };
}

/// A triangle's corners around its centre, in px, closed.
const TRIANGLE: [(i32, i32); 4] = [(0, -6), (6, 4), (-6, 4), (0, -6)];

/// Which class each cell of a grid over a rectangle of the plane is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Regions {
    /// The grid's left and right edges.
    pub x: (f64, f64),
    /// The grid's bottom and top edges.
    pub y: (f64, f64),
    /// `classes[row][column]`, 0 or 1: row 0 is at the bottom, column 0 at
    /// the left, and every row has the same length.
    pub classes: Vec<Vec<usize>>,
}

/// A scatter plot of two classes of points, drawn with [`Scatter::to_svg`].
#[derive(Debug, Clone, Default)]
pub struct Scatter {
    title: String,
    x_label: String,
    y_label: String,
    ranges: Option<((f64, f64), (f64, f64))>,
    classes: Vec<(String, Vec<(f64, f64)>)>,
    regions: Option<Regions>,
    shapes: bool,
}

impl Scatter {
    pub fn new(title: &str) -> Self {
        Scatter { title: title.to_string(), ..Scatter::default() }
    }

    pub fn axes(mut self, x_label: &str, y_label: &str) -> Self {
        self.x_label = x_label.to_string();
        self.y_label = y_label.to_string();
        self
    }

    /// Fixes the axes' ranges instead of fitting them to the points.
    pub fn ranges(mut self, x: (f64, f64), y: (f64, f64)) -> Self {
        self.ranges = Some((x, y));
        self
    }

    /// The points of the next class, 0, 1 and then 2, named in the legend.
    pub fn class(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.classes.push((name.to_string(), points));
        self
    }

    /// Regions to colour by class, under the points.
    pub fn regions(mut self, regions: Regions) -> Self {
        self.regions = Some(regions);
        self
    }

    /// Draws the classes' points as circles, squares and triangles, instead
    /// of all as circles, so that the classes differ in shape as well as in
    /// colour.
    pub fn shapes(mut self) -> Self {
        self.shapes = true;
        self
    }

    /// The plot as an SVG document.
    pub fn to_svg(&self) -> Result<String, String> {
        if self.classes.len() > COLORS.len() {
            return Err(format!("\"{}\" has more than 3 classes", self.title));
        }
        let regions = self.regions.iter().flat_map(|r| r.classes.iter());
        if regions.flatten().any(|&class| class >= COLORS.len()) {
            return Err(format!("\"{}\": a region of class > 2", self.title));
        }
        register_bundled_font();
        let mut svg = String::new();
        self.draw(SVGBackend::with_string(&mut svg, SIZE).into_drawing_area())
            .map_err(|e| format!("drawing \"{}\": {e}", self.title))?;
        Ok(font::with_font(&svg))
    }

    fn draw(
        &self,
        area: DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        area.fill(&WHITE)?;
        let (x, y) = self.ranges.unwrap_or_else(|| self.fitted());
        let mut chart = ChartBuilder::on(&area)
            .caption(&self.title, (FONT, TITLE))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(*v))
            .label_style((FONT, TEXT))
            .draw()?;
        if let Some(regions) = &self.regions {
            chart.draw_series(runs(regions).into_iter().map(
                |(class, corners)| {
                    Rectangle::new(corners, TINTS[class].filled())
                },
            ))?;
        }
        // Draws one class's points with the marker `$shape`, and its legend.
        macro_rules! class {
            ($shape:ident, $name:expr, $points:expr, $color:expr) => {
                let color = $color;
                chart
                    .draw_series(
                        $points.iter().map(|&at| marker!($shape, at, color)),
                    )?
                    .label($name.as_str())
                    .legend(move |(x, y)| marker!($shape, (x + 10, y), color));
            };
        }
        for (class, ((name, points), color)) in
            self.classes.iter().zip(COLORS).enumerate()
        {
            match (self.shapes, class) {
                (false, _) | (true, 0) => {
                    class!(circle, name, points, color);
                }
                (true, 1) => {
                    class!(square, name, points, color);
                }
                (true, _) => {
                    class!(triangle, name, points, color);
                }
            }
        }
        if !self.classes.is_empty() {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font((FONT, TEXT))
                .background_style(WHITE)
                .border_style(BLACK.mix(0.3))
                .draw()?;
        }
        area.present()?;
        Ok(())
    }

    /// The points' extent, with a margin of a tenth on each side.
    fn fitted(&self) -> ((f64, f64), (f64, f64)) {
        let points = self.classes.iter().flat_map(|(_, p)| p.iter().copied());
        let extent = |values: Vec<f64>| {
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let pad = (high - low).max(1e-9) * 0.1;
            (low - pad, high + pad)
        };
        let (xs, ys): (Vec<f64>, Vec<f64>) = points.unzip();
        (extent(xs), extent(ys))
    }
}

/// The regions as rectangles: each row's runs of cells of one class, each
/// run one rectangle, so that a picture of a fine grid stays small.
fn runs(regions: &Regions) -> Vec<(usize, [(f64, f64); 2])> {
    let rows = regions.classes.len();
    let columns = regions.classes.first().map_or(0, Vec::len);
    let at = |(low, high): (f64, f64), count: usize, i: usize| {
        low + (high - low) * i as f64 / count as f64
    };
    let mut rectangles = vec![];
    for (row, classes) in regions.classes.iter().enumerate() {
        let (bottom, top) =
            (at(regions.y, rows, row), at(regions.y, rows, row + 1));
        let mut start = 0;
        for end in 1..=classes.len() {
            if end == classes.len() || classes[end] != classes[start] {
                let left = at(regions.x, columns, start);
                let right = at(regions.x, columns, end);
                rectangles
                    .push((classes[start], [(left, bottom), (right, top)]));
                start = end;
            }
        }
    }
    rectangles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_neighbouring_cells_of_a_class() {
        let regions = Regions {
            x: (0.0, 4.0),
            y: (0.0, 2.0),
            classes: vec![vec![0, 0, 1, 1], vec![1, 1, 1, 1]],
        };
        assert_eq!(
            runs(&regions),
            [
                (0, [(0.0, 0.0), (2.0, 1.0)]),
                (1, [(2.0, 0.0), (4.0, 1.0)]),
                (1, [(0.0, 1.0), (4.0, 2.0)]),
            ]
        );
    }

    #[test]
    fn the_same_plot_gives_the_same_bytes() {
        let plot = || {
            Scatter::new("two classes")
                .axes("x", "y")
                .class("a", vec![(0.0, 0.0), (1.0, 0.5)])
                .class("b", vec![(0.5, 1.0)])
                .regions(Regions {
                    x: (-1.0, 2.0),
                    y: (-1.0, 2.0),
                    classes: vec![vec![0, 1], vec![1, 1]],
                })
                .to_svg()
                .expect("it draws")
        };
        let svg = plot();
        assert!(svg.contains("two classes") && svg.contains("<circle"));
        assert_eq!(svg, plot());
    }

    #[test]
    fn a_fourth_class_is_refused() {
        let plot = Scatter::new("t")
            .class("a", vec![(0.0, 0.0)])
            .class("b", vec![(1.0, 0.0)])
            .class("c", vec![(2.0, 0.0)]);
        assert!(plot.clone().shapes().to_svg().is_ok());
        assert!(plot.class("d", vec![(3.0, 0.0)]).to_svg().is_err());
    }

    #[test]
    fn shapes_draw_a_square_and_a_triangle_for_classes_1_and_2() {
        let plot = Scatter::new("t")
            .class("a", vec![(0.0, 0.0)])
            .class("b", vec![(1.0, 0.0)])
            .class("c", vec![(2.0, 0.0)]);
        let plain = plot.clone().to_svg().expect("it draws");
        let shaped = plot.shapes().to_svg().expect("it draws");
        assert!(!plain.contains("<polygon"));
        assert!(shaped.contains("<polygon"));
        assert_ne!(plain, shaped);
    }
}
