//! The architecture of a layered network: one column of circles per layer, a line for
//! every connection, as SVG, in the book's embedded font.

use std::fmt::Write;

use crate::font;

/// The picture's width in pixels: the book's column.
const WIDTH: f64 = 720.0;
/// Room on the left and right of the outer columns.
const SIDE: f64 = 70.0;
/// A circle's radius.
const RADIUS: f64 = 22.0;
/// From one circle's centre to the next in a column.
const STEP: f64 = 62.0;
/// Room above the circles, and below them for the captions.
const TOP: f64 = 24.0;
const BOTTOM: f64 = 64.0;

/// A network whose layer `i` has `sizes[i]` units; `sizes[0]` counts its inputs. Inputs
/// are grey and named x1, x2, …; every other circle shows `neuron_text`, such as "tanh".
/// Each column is captioned with what it is and how many units it has.
///
/// # Panics
///
/// If there are fewer than two sizes, or a size is 0.
pub fn network_svg(sizes: &[usize], neuron_text: &str) -> String {
    assert!(sizes.len() >= 2, "a network has inputs and at least one layer");
    assert!(sizes.iter().all(|&n| n > 0), "every layer has a unit");
    let tallest = sizes.iter().copied().max().unwrap_or(1) as f64;
    let height = TOP + tallest * STEP + BOTTOM;
    let middle = TOP + tallest * STEP / 2.0;
    let gap = (WIDTH - 2.0 * SIDE) / (sizes.len() - 1) as f64;
    // The centres of each column's circles, top to bottom.
    let columns: Vec<Vec<(f64, f64)>> = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let x = SIDE + gap * i as f64;
            let first = middle - (n as f64 - 1.0) * STEP / 2.0;
            (0..n).map(|j| (x, first + j as f64 * STEP)).collect()
        })
        .collect();

    let mut svg = String::new();
    writeln!(svg, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        .unwrap();
    // Connections first, so that the circles cover their ends.
    writeln!(svg, "<g stroke=\"#8c8c8c\" stroke-width=\"1\">").unwrap();
    for pair in columns.windows(2) {
        for &(x1, y1) in &pair[0] {
            for &(x2, y2) in &pair[1] {
                writeln!(
                    svg,
                    "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"/>"
                )
                .unwrap();
            }
        }
    }
    writeln!(svg, "</g>").unwrap();
    for (i, column) in columns.iter().enumerate() {
        let fill = if i == 0 { "#e0e0e0" } else { "#ffffff" };
        for (j, &(x, y)) in column.iter().enumerate() {
            writeln!(
                svg,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{RADIUS}\" fill=\"{fill}\" \
                 stroke=\"#000000\" stroke-width=\"1.5\"/>"
            )
            .unwrap();
            let text = if i == 0 {
                format!("x{}", j + 1)
            } else {
                escape(neuron_text)
            };
            // 5 px down puts the middle of lower-case letters on the centre.
            writeln!(
                svg,
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{text}</text>",
                y + 5.0
            )
            .unwrap();
        }
        let x = column[0].0;
        let (what, count) = caption(i, sizes);
        let y = TOP + tallest * STEP + 18.0;
        for (k, line) in [what, count].iter().enumerate() {
            writeln!(
                svg,
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{line}</text>",
                y + 20.0 * k as f64
            )
            .unwrap();
        }
    }
    svg.push_str("</svg>\n");
    let style = font::style(font::chars_in_texts(&svg), "");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" \
         height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         font-size=\"14\">\n{style}{svg}"
    )
}

/// The two lines under column `i`: what the column is, and how many units it has.
fn caption(i: usize, sizes: &[usize]) -> (String, String) {
    let n = sizes[i];
    let plural = if n == 1 { "" } else { "s" };
    if i == 0 {
        ("inputs".to_string(), format!("{n} number{plural}"))
    } else if i == sizes.len() - 1 {
        ("output layer".to_string(), format!("{n} neuron{plural}"))
    } else {
        (format!("hidden layer {i}"), format!("{n} neuron{plural}"))
    }
}

/// Escapes the characters that are syntax in SVG text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::network_svg;

    #[test]
    fn every_unit_and_connection_is_drawn() {
        let svg = network_svg(&[3, 4, 4, 1], "tanh");
        assert_eq!(svg.matches("<circle ").count(), 3 + 4 + 4 + 1);
        assert_eq!(svg.matches("<line ").count(), 3 * 4 + 4 * 4 + 4);
        assert_eq!(svg.matches(">tanh<").count(), 9);
        assert!(svg.contains(">x3<") && !svg.contains(">x4<"));
        assert!(svg.contains(">hidden layer 2<"));
        assert!(svg.contains(">output layer<") && svg.contains(">1 neuron<"));
    }

    #[test]
    fn the_picture_fits_the_column_and_is_opaque() {
        let svg = network_svg(&[2, 16, 16, 1], "relu");
        assert!(svg.contains("width=\"720\""));
        assert!(svg.contains("fill=\"#ffffff\"/>"));
    }

    #[test]
    fn the_text_is_set_in_the_embedded_font() {
        let svg = network_svg(&[3, 4, 4, 1], "tanh");
        assert!(svg.contains("@font-face") && svg.contains("base64,"));
        assert!(!svg.contains("font-family=\"sans-serif\""));
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    #[should_panic(expected = "every layer has a unit")]
    fn an_empty_layer_is_refused() {
        network_svg(&[3, 0, 1], "tanh");
    }
}
