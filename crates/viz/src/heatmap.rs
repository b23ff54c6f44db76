//! Heat maps of attention: for each head, how much each position attended
//! to each position up to its own, as a lower-triangular grid of cells
//! coloured from white (0) to blue (1), the heads side by side.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::font;
use crate::plot::{FONT, register_bundled_font};

/// The picture's width in px: the book's column, as a scatter plot's.
const WIDTH: i32 = 720;
/// Room around the picture's edges, as the scatter plots have.
const MARGIN: i32 = 16;
/// Text sizes as given to plotters, which writes them into the SVG divided
/// by 1.24: 13.7 px and 17.7 px, the scatter plots' sizes.
const TEXT: u32 = 17;
const TITLE: u32 = 22;
/// The size of [`TEXT`] as written into the SVG, for measuring.
const TEXT_PX: f64 = TEXT as f64 / 1.24;
/// The colour of a weight of 1: the blue of the plots' first colour.
const BLUE: RGBColor = RGBColor(31, 119, 180);
/// The lines between cells, and the colour key's frame.
const GRID: RGBColor = RGBColor(200, 200, 200);
/// A cell's side, in px, at most and at least; panels go in one row when
/// their cells can be [`ONE_ROW_CELL`] there, else two to a row.
const MAX_CELL: i32 = 28;
const MIN_CELL: i32 = 12;
const ONE_ROW_CELL: i32 = 20;
/// Room between panels side by side, and between rows of panels.
const GAP: i32 = 24;
const ROW_GAP: i32 = 12;
/// From the top of the title to the top of the first row of panels.
const TITLE_ROOM: i32 = 34;
/// From the top of a panel's title to the top of its grid, and from the
/// bottom of the grid to the bottom of its column labels.
const ABOVE_GRID: i32 = 22;
const BELOW_GRID: i32 = 22;
/// Room between a row label and the grid.
const LABEL_GAP: i32 = 6;
/// The height of the line under the panels.
const KEY_ROOM: i32 = 20;
/// The colour key: its bar's size and how many slices it is drawn in.
const KEY: (i32, i32) = (128, 12);
const KEY_SLICES: i32 = 64;
/// What the rows and the columns are, written under the panels.
const READING: &str = "row: the position reading (query), \
                       column: the position read (key)";

/// Attention weights as heat maps, one panel per head, drawn with
/// [`Heatmap::to_svg`].
///
/// Each panel is the weights of one head, `weights[row][column]` for
/// `column <= row`: how much position `row` attended to position `column`.
/// Row `i` has `i + 1` weights, each in `[0, 1]`; softmax's rows also sum to
/// 1, which is not checked. The cells above the diagonal are left blank.
///
/// ```
/// use viz::heatmap::Heatmap;
///
/// let svg = Heatmap::new("attention, reading \"ab\"")
///     .labels(&[".", "a", "b"])
///     .panel("head 1", vec![vec![1.0], vec![0.3, 0.7], vec![0.2, 0.2, 0.6]])
///     .to_svg()?;
/// assert!(svg.contains("head 1"));
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Heatmap {
    title: String,
    labels: Vec<String>,
    panels: Vec<(String, Vec<Vec<f64>>)>,
}

/// Where things go, in px.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layout {
    /// Panels to a row.
    columns: usize,
    /// A cell's side.
    cell: i32,
    /// The width of the room for row labels, gap included.
    label_area: i32,
    /// The picture's height.
    height: i32,
}

impl Heatmap {
    pub fn new(title: &str) -> Self {
        Heatmap { title: title.to_string(), ..Heatmap::default() }
    }

    /// The positions' names, one short string each (a letter, "." for a
    /// start marker), written along both axes of every panel.
    pub fn labels<S: AsRef<str>>(mut self, labels: &[S]) -> Self {
        self.labels = labels.iter().map(|l| l.as_ref().to_string()).collect();
        self
    }

    /// The next panel: one head's weights, under its own title.
    pub fn panel(mut self, title: &str, weights: Vec<Vec<f64>>) -> Self {
        self.panels.push((title.to_string(), weights));
        self
    }

    /// The heat maps as an SVG document.
    pub fn to_svg(&self) -> Result<String, String> {
        self.check()?;
        let layout = self.layout()?;
        register_bundled_font();
        let mut svg = String::new();
        let size = (WIDTH as u32, layout.height as u32);
        self.draw(
            SVGBackend::with_string(&mut svg, size).into_drawing_area(),
            layout,
        )
        .map_err(|e| format!("drawing \"{}\": {e}", self.title))?;
        Ok(font::with_font(&svg))
    }

    /// Refuses what cannot be drawn as promised.
    fn check(&self) -> Result<(), String> {
        let title = &self.title;
        let n = self.labels.len();
        if self.panels.is_empty() {
            return Err(format!("\"{title}\" has no panels"));
        }
        if n == 0 {
            return Err(format!("\"{title}\" has no labels"));
        }
        for (name, weights) in &self.panels {
            if weights.len() != n {
                return Err(format!(
                    "\"{title}\", panel \"{name}\": {} rows for {n} labels",
                    weights.len()
                ));
            }
            for (i, row) in weights.iter().enumerate() {
                if row.len() != i + 1 {
                    return Err(format!(
                        "\"{title}\", panel \"{name}\": row {i} has {} \
                         weights, not {}",
                        row.len(),
                        i + 1
                    ));
                }
                // NaN is not in [0, 1] either.
                if let Some((j, w)) = row
                    .iter()
                    .enumerate()
                    .find(|(_, w)| !(0.0..=1.0).contains(*w))
                {
                    return Err(format!(
                        "\"{title}\", panel \"{name}\": weight [{i}][{j}] = \
                         {w} is not in [0, 1]"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The panels in one row if their cells can be [`ONE_ROW_CELL`] px
    /// there, else two to a row; the cells as large as fit, up to
    /// [`MAX_CELL`]. Refused if they would be under [`MIN_CELL`], or a label
    /// is wider than a column of cells.
    fn layout(&self) -> Result<Layout, String> {
        let n = self.labels.len() as i32;
        let widest = self
            .labels
            .iter()
            .map(|l| font::width(l, TEXT_PX))
            .fold(0.0, f64::max);
        let label_area = widest.ceil() as i32 + LABEL_GAP;
        let cell_for = |columns: i32| {
            let slot = (WIDTH - 2 * MARGIN - GAP * (columns - 1)) / columns;
            ((slot - label_area) / n).min(MAX_CELL)
        };
        let all = self.panels.len() as i32;
        let columns =
            if cell_for(all) >= ONE_ROW_CELL { all } else { all.min(2) };
        let cell = cell_for(columns);
        let title = &self.title;
        if cell < MIN_CELL {
            return Err(format!(
                "\"{title}\": {n} positions make cells of {cell} px, \
                 under {MIN_CELL}"
            ));
        }
        // A column label may reach 2 px into each neighbour's cell.
        if let Some(label) = self
            .labels
            .iter()
            .find(|l| font::width(l, TEXT_PX) > f64::from(cell + 4))
        {
            return Err(format!(
                "\"{title}\": the label \"{label}\" is wider than a cell \
                 ({cell} px)"
            ));
        }
        let rows = (all + columns - 1) / columns;
        let panel = ABOVE_GRID + n * cell + BELOW_GRID;
        let height = MARGIN
            + TITLE_ROOM
            + rows * panel
            + (rows - 1) * ROW_GAP
            + ROW_GAP
            + KEY_ROOM
            + MARGIN;
        Ok(Layout { columns: columns as usize, cell, label_area, height })
    }

    fn draw(
        &self,
        area: DrawingArea<SVGBackend, plotters::coord::Shift>,
        layout: Layout,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        let Layout { columns, cell, label_area, height } = layout;
        let n = self.labels.len() as i32;
        let text = |h: HPos, v: VPos| {
            TextStyle::from((FONT, TEXT).into_font()).pos(Pos::new(h, v))
        };
        area.fill(&WHITE)?;
        area.draw(&Text::new(
            self.title.clone(),
            (WIDTH / 2, MARGIN),
            TextStyle::from((FONT, TITLE).into_font())
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let slot =
            (WIDTH - 2 * MARGIN - GAP * (columns as i32 - 1)) / columns as i32;
        let block = label_area + n * cell;
        let panel_height = ABOVE_GRID + n * cell + BELOW_GRID;
        for (p, (name, weights)) in self.panels.iter().enumerate() {
            let (row, column) = ((p / columns) as i32, (p % columns) as i32);
            let slot_left = MARGIN + column * (slot + GAP);
            let top = MARGIN + TITLE_ROOM + row * (panel_height + ROW_GAP);
            // The block of labels and grid centred in its slot.
            let left = slot_left + (slot - block) / 2;
            let (x0, y0) = (left + label_area, top + ABOVE_GRID);
            area.draw(&Text::new(
                name.clone(),
                (x0 + n * cell / 2, top),
                text(HPos::Center, VPos::Top),
            ))?;
            for (i, weights) in weights.iter().enumerate() {
                let i = i as i32;
                let y = y0 + i * cell;
                // The row's lines: a grey strip under its cells, which leave
                // one px of it showing around each.
                area.draw(&Rectangle::new(
                    [(x0, y), (x0 + (i + 1) * cell + 1, y + cell + 1)],
                    GRID.filled(),
                ))?;
                for (j, &w) in weights.iter().enumerate() {
                    let x = x0 + j as i32 * cell;
                    area.draw(&Rectangle::new(
                        [(x + 1, y + 1), (x + cell, y + cell)],
                        shade(w).filled(),
                    ))?;
                }
            }
            for (i, label) in self.labels.iter().enumerate() {
                let middle = i as i32 * cell + cell / 2;
                area.draw(&Text::new(
                    label.clone(),
                    (x0 - LABEL_GAP, y0 + middle),
                    text(HPos::Right, VPos::Center),
                ))?;
                area.draw(&Text::new(
                    label.clone(),
                    (x0 + middle, y0 + n * cell + 4),
                    text(HPos::Center, VPos::Top),
                ))?;
            }
        }
        // Under the panels: what rows and columns are, and the colour key.
        let middle = height - MARGIN - KEY_ROOM / 2;
        area.draw(&Text::new(
            READING,
            (MARGIN, middle),
            text(HPos::Left, VPos::Center),
        ))?;
        let (word_right, key_left, key_right) = key_places();
        let key_top = middle - KEY.1 / 2;
        for s in 0..KEY_SLICES {
            let from = key_left + s * KEY.0 / KEY_SLICES;
            let to = key_left + (s + 1) * KEY.0 / KEY_SLICES;
            let w = (f64::from(s) + 0.5) / f64::from(KEY_SLICES);
            area.draw(&Rectangle::new(
                [(from, key_top), (to, key_top + KEY.1)],
                shade(w).filled(),
            ))?;
        }
        area.draw(&Rectangle::new(
            [(key_left, key_top), (key_right, key_top + KEY.1)],
            GRID.stroke_width(1),
        ))?;
        area.draw(&Text::new(
            "0",
            (key_left - 4, middle),
            text(HPos::Right, VPos::Center),
        ))?;
        area.draw(&Text::new(
            "1",
            (key_right + 4, middle),
            text(HPos::Left, VPos::Center),
        ))?;
        area.draw(&Text::new(
            "weight",
            (word_right, middle),
            text(HPos::Right, VPos::Center),
        ))?;
        area.present()?;
        Ok(())
    }
}

/// Where the colour key goes, right-aligned under the panels: the right
/// end of the word "weight" before it, and its bar's left and right ends,
/// with "0" and "1" 4 px out from them.
fn key_places() -> (i32, i32, i32) {
    let digit = |d: &str| font::width(d, TEXT_PX).ceil() as i32;
    let key_right = WIDTH - MARGIN - digit("1") - 4;
    let key_left = key_right - KEY.0;
    (key_left - 4 - digit("0") - 8, key_left, key_right)
}

/// A weight's colour: white at 0, [`BLUE`] at 1, linear between.
fn shade(w: f64) -> RGBColor {
    let mix = |c: u8| (255.0 + w * (f64::from(c) - 255.0)).round() as u8;
    RGBColor(mix(BLUE.0), mix(BLUE.1), mix(BLUE.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weights for `n` positions: each row's weights falling from its own
    /// position back, summing to 1.
    fn weights(n: usize, sharpness: f64) -> Vec<Vec<f64>> {
        (0..n)
            .map(|i| {
                let raw: Vec<f64> = (0..=i)
                    .map(|j| (-(sharpness * (i - j) as f64)).exp())
                    .collect();
                let sum: f64 = raw.iter().sum();
                raw.iter().map(|r| r / sum).collect()
            })
            .collect()
    }

    fn four_heads(labels: &[&str]) -> Heatmap {
        let n = labels.len();
        let mut map = Heatmap::new("attention").labels(labels);
        for (h, sharpness) in [0.0, 0.5, 1.0, 3.0].into_iter().enumerate() {
            map = map.panel(&format!("head {}", h + 1), weights(n, sharpness));
        }
        map
    }

    #[test]
    fn the_same_map_gives_the_same_bytes_with_its_labels_and_font() {
        let labels = [".", "e", "m", "m", "a"];
        let svg = four_heads(&labels).to_svg().expect("it draws");
        assert_eq!(svg, four_heads(&labels).to_svg().unwrap());
        for text in ["attention", "head 1", "head 4", "query", "key"] {
            assert!(svg.contains(text), "no {text:?}");
        }
        // Each label along both axes of each of the 4 panels.
        assert_eq!(svg.matches(">\ne\n</text>").count(), 8);
        assert_eq!(svg.matches(">\nm\n</text>").count(), 16);
        assert!(svg.contains("@font-face{font-family:BookSans;"));
        assert!(svg.contains("<svg width=\"720\""));
    }

    #[test]
    fn cells_go_from_white_to_blue_and_only_below_the_diagonal() {
        assert_eq!(shade(0.0), WHITE);
        assert_eq!(shade(1.0), BLUE);
        assert_eq!(shade(0.5), RGBColor(143, 187, 218));
        let svg = Heatmap::new("t")
            .labels(&["a", "b"])
            .panel("h", vec![vec![1.0], vec![0.0, 1.0]])
            .to_svg()
            .unwrap();
        // Two cells of weight 1 and one of 0; the key's slices are never
        // quite 0 or 1.
        assert_eq!(svg.matches("fill=\"#1F77B4\"").count(), 2);
        assert_eq!(svg.matches("fill=\"#FFFFFF\"").count(), 2, "{svg}");
    }

    #[test]
    fn short_names_go_in_one_row_long_ones_two_to_a_row() {
        let short = four_heads(&[".", "a", "n", "n"]).layout().unwrap();
        assert_eq!((short.columns, short.cell), (4, 28));
        let twelve = ["."; 12];
        let long = four_heads(&twelve).layout().unwrap();
        assert_eq!(long.columns, 2);
        assert!(long.cell >= 24, "{long:?}");
        let sixteen = four_heads(&["."; 16]).layout().unwrap();
        assert!(sixteen.cell >= MIN_CELL, "{sixteen:?}");
    }

    #[test]
    fn the_line_under_the_panels_fits() {
        let word = key_places().0 - font::width("weight", TEXT_PX) as i32;
        let reading = font::width(READING, TEXT_PX) as i32;
        assert!(MARGIN + reading + 24 <= word, "{reading} px, to {word}");
    }

    #[test]
    fn bad_input_is_refused_naming_the_title() {
        let ok = || Heatmap::new("t").labels(&["a", "b"]);
        let error = |map: Heatmap| map.to_svg().unwrap_err();
        assert_eq!(
            error(ok().panel("h", vec![vec![1.0], vec![0.5]])),
            "\"t\", panel \"h\": row 1 has 1 weights, not 2"
        );
        assert_eq!(
            error(ok().panel("h", vec![vec![1.0], vec![0.5, 0.5], vec![]])),
            "\"t\", panel \"h\": 3 rows for 2 labels"
        );
        assert_eq!(
            error(ok().panel("h", vec![vec![1.0], vec![1.5, -0.5]])),
            "\"t\", panel \"h\": weight [1][0] = 1.5 is not in [0, 1]"
        );
        assert_eq!(
            error(ok().panel("h", vec![vec![f64::NAN], vec![0.5, 0.5]])),
            "\"t\", panel \"h\": weight [0][0] = NaN is not in [0, 1]"
        );
        assert_eq!(error(ok()), "\"t\" has no panels");
        let wide = Heatmap::new("t")
            .labels(&["a", "token"])
            .panel("h", vec![vec![1.0], vec![0.5, 0.5]]);
        // Two positions make cells of 28 px, too narrow for "token" ...
        assert!(error(wide).contains("the label \"token\""));
        // ... and 40 positions make cells too small.
        let many = four_heads(&["a"; 40]);
        assert!(error(many).starts_with("\"attention\": 40 positions"));
    }
}
