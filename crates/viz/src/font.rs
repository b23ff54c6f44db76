//! The one font of every picture, DejaVu Sans Condensed: measured here for
//! layout, and embedded in each SVG as a subset of just the characters that
//! picture uses, so that a browser, a printer or an image viewer draws the
//! text exactly as it was measured, with no system font.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId, Tag};

/// The family name the SVGs give their embedded subset (not DejaVu's own
/// name: the subset is a modified font).
pub const FAMILY: &str = "BookSans";

/// The font's bytes.
pub fn bytes() -> &'static [u8] {
    dejavu::sans_condensed::regular()
}

fn face() -> &'static Face<'static> {
    static FACE: OnceLock<Face<'static>> = OnceLock::new();
    FACE.get_or_init(|| {
        Face::parse(bytes(), 0).expect("the bundled font parses")
    })
}

/// The advance width of `text` set at `size` px, without kerning (the subset
/// has none either).
pub fn width(text: &str, size: f64) -> f64 {
    let face = face();
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or(GlyphId(0));
            u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    f64::from(units) * size / f64::from(face.units_per_em())
}

/// How far below the vertical centre of its ink the baseline of `text` is,
/// at `size` px: text drawn with its baseline there looks centred.
pub fn baseline_below_ink_centre(text: &str, size: f64) -> f64 {
    let face = face();
    let (mut low, mut high) = (i32::MAX, i32::MIN);
    for c in text.chars() {
        let glyph = face.glyph_index(c).unwrap_or(GlyphId(0));
        if let Some(rect) = face.glyph_bounding_box(glyph) {
            low = low.min(i32::from(rect.y_min));
            high = high.max(i32::from(rect.y_max));
        }
    }
    if low > high {
        return baseline_below_centre(size);
    }
    f64::from(low + high) / 2.0 * size / f64::from(face.units_per_em())
}

/// How far below the centre of a line of text its baseline is, at `size` px:
/// the middle between the font's ascender and descender.
pub fn baseline_below_centre(size: f64) -> f64 {
    let face = face();
    let middle =
        (f64::from(face.ascender()) + f64::from(face.descender())) / 2.0;
    middle * size / f64::from(face.units_per_em())
}

/// A `<style>` element that embeds the subset of the font for `chars` and
/// sets every `<text>` of the SVG in it.
pub fn style(chars: impl IntoIterator<Item = char>, extra_css: &str) -> String {
    let font = subset(&chars.into_iter().collect());
    format!(
        "<style>@font-face{{font-family:{FAMILY};\
         src:url(data:font/ttf;base64,{})}}\n\
         text{{font-family:{FAMILY},sans-serif}}\n{extra_css}</style>\n",
        base64(&font)
    )
}

/// A TrueType font with just the glyphs for `chars` (and `.notdef`), without
/// hinting, kerning or glyph names: what a browser needs to draw them.
pub fn subset(chars: &BTreeSet<char>) -> Vec<u8> {
    let face = face();
    let raw = face.raw_face();
    let table = |tag: &[u8; 4]| {
        raw.table(Tag::from_bytes(tag)).expect("the font has the table")
    };
    let (head, glyf, loca) = (table(b"head"), table(b"glyf"), table(b"loca"));
    let long_offsets = be16(head, 50) == 1;
    let glyph_data = |id: u16| -> &[u8] {
        let id = usize::from(id);
        let (start, end) = if long_offsets {
            (be32(loca, id * 4) as usize, be32(loca, id * 4 + 4) as usize)
        } else {
            (
                usize::from(be16(loca, id * 2)) * 2,
                usize::from(be16(loca, id * 2 + 2)) * 2,
            )
        };
        &glyf[start..end]
    };

    // Old glyph ids in the new order: .notdef, then each character's glyph,
    // then the parts that composite glyphs are built from.
    let mut glyphs: Vec<u16> = vec![0];
    let mut cmap: Vec<(u16, u16)> = vec![];
    for &c in chars {
        let (Ok(code), Some(GlyphId(id))) =
            (u16::try_from(u32::from(c)), face.glyph_index(c))
        else {
            continue;
        };
        if code == 0xFFFF {
            continue;
        }
        let new = position_or_push(&mut glyphs, id);
        cmap.push((code, new));
    }
    let mut next = 0;
    while next < glyphs.len() {
        for part in components(glyph_data(glyphs[next])) {
            position_or_push(&mut glyphs, part);
        }
        next += 1;
    }

    let mut glyf_out = vec![];
    let mut loca_out = vec![];
    let mut hmtx = vec![];
    for &old in &glyphs {
        loca_out.extend((glyf_out.len() as u32).to_be_bytes());
        glyf_out.extend(strip_glyph(glyph_data(old), &glyphs));
        while glyf_out.len() % 4 != 0 {
            glyf_out.push(0);
        }
        let id = GlyphId(old);
        hmtx.extend(face.glyph_hor_advance(id).unwrap_or(0).to_be_bytes());
        hmtx.extend(face.glyph_hor_side_bearing(id).unwrap_or(0).to_be_bytes());
    }
    loca_out.extend((glyf_out.len() as u32).to_be_bytes());
    let count = glyphs.len() as u16;

    let mut head_out = head.to_vec();
    head_out[8..12].copy_from_slice(&[0; 4]);
    head_out[50..52].copy_from_slice(&1u16.to_be_bytes());
    let mut hhea = table(b"hhea").to_vec();
    hhea[34..36].copy_from_slice(&count.to_be_bytes());
    let mut maxp = table(b"maxp").to_vec();
    maxp[4..6].copy_from_slice(&count.to_be_bytes());
    let mut post = table(b"post")[..32].to_vec();
    post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let tables: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"OS/2", table(b"OS/2").to_vec()),
        (b"cmap", cmap_table(&cmap)),
        (b"glyf", glyf_out),
        (b"head", head_out),
        (b"hhea", hhea),
        (b"hmtx", hmtx),
        (b"loca", loca_out),
        (b"maxp", maxp),
        (b"name", name_table(&copyright(face))),
        (b"post", post),
    ];
    font_file(&tables)
}

fn position_or_push(glyphs: &mut Vec<u16>, id: u16) -> u16 {
    let index = glyphs.iter().position(|&g| g == id).unwrap_or_else(|| {
        glyphs.push(id);
        glyphs.len() - 1
    });
    index as u16
}

const MORE_COMPONENTS: u16 = 0x20;
const HAVE_INSTRUCTIONS: u16 = 0x100;

/// The byte length of each component record of a composite glyph, after its
/// flags and glyph id.
fn component_arguments(flags: u16) -> usize {
    let arguments = if flags & 0x1 != 0 { 4 } else { 2 };
    let transform = if flags & 0x8 != 0 {
        2
    } else if flags & 0x40 != 0 {
        4
    } else if flags & 0x80 != 0 {
        8
    } else {
        0
    };
    arguments + transform
}

/// The glyphs a composite glyph is made of (none for a simple glyph).
fn components(data: &[u8]) -> Vec<u16> {
    let mut parts = vec![];
    if data.len() < 10 || (be16(data, 0) as i16) >= 0 {
        return parts;
    }
    let mut at = 10;
    loop {
        let flags = be16(data, at);
        parts.push(be16(data, at + 2));
        at += 4 + component_arguments(flags);
        if flags & MORE_COMPONENTS == 0 {
            return parts;
        }
    }
}

/// A glyph without its hinting instructions, its components renumbered.
fn strip_glyph(data: &[u8], glyphs: &[u16]) -> Vec<u8> {
    if data.len() < 10 {
        return vec![];
    }
    let contours = be16(data, 0) as i16;
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        let instructions = usize::from(be16(data, at));
        let mut out = data[..at].to_vec();
        out.extend([0, 0]);
        out.extend(&data[at + 2 + instructions..]);
        return out;
    }
    let mut out = data[..10].to_vec();
    let mut at = 10;
    loop {
        let flags = be16(data, at);
        let old = be16(data, at + 2);
        let new = glyphs.iter().position(|&g| g == old).unwrap_or(0) as u16;
        out.extend((flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend(new.to_be_bytes());
        let end = at + 4 + component_arguments(flags);
        out.extend(&data[at + 4..end]);
        at = end;
        if flags & MORE_COMPONENTS == 0 {
            return out;
        }
    }
}

/// A format 4 character map, one segment per character.
fn cmap_table(map: &[(u16, u16)]) -> Vec<u8> {
    let mut segments: Vec<(u16, u16)> = map.to_vec();
    segments.sort();
    segments.push((0xFFFF, 0));
    let count = segments.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros());
    let mut out = vec![];
    for word in [0u16, 1, 3, 1] {
        out.extend(word.to_be_bytes());
    }
    out.extend(12u32.to_be_bytes());
    let length = 16 + 8 * count;
    for word in
        [4, length, 0, count * 2, power * 2, power.trailing_zeros() as u16]
    {
        out.extend(word.to_be_bytes());
    }
    out.extend((count * 2 - power * 2).to_be_bytes());
    segments.iter().for_each(|s| out.extend(s.0.to_be_bytes()));
    out.extend([0, 0]);
    segments.iter().for_each(|s| out.extend(s.0.to_be_bytes()));
    for &(code, glyph) in &segments {
        let delta = if code == 0xFFFF { 1 } else { glyph.wrapping_sub(code) };
        out.extend(delta.to_be_bytes());
    }
    segments.iter().for_each(|_| out.extend([0, 0]));
    out
}

/// The original font's copyright line.
fn copyright(face: &Face) -> String {
    face.names()
        .into_iter()
        .find(|n| n.name_id == 0 && n.is_unicode())
        .and_then(|n| n.to_string())
        .unwrap_or_default()
}

/// A name table: copyright, family, style, full name and PostScript name.
fn name_table(copyright: &str) -> Vec<u8> {
    let names =
        [(0, copyright), (1, FAMILY), (2, "Regular"), (4, FAMILY), (6, FAMILY)];
    let encoded: Vec<(u16, Vec<u8>)> = names
        .iter()
        .map(|(id, text)| {
            (*id, text.encode_utf16().flat_map(u16::to_be_bytes).collect())
        })
        .collect();
    let mut out = vec![];
    let count = encoded.len() as u16;
    for word in [0, count, 6 + 12 * count] {
        out.extend(word.to_be_bytes());
    }
    let mut offset = 0u16;
    for (id, text) in &encoded {
        for word in [3, 1, 0x409, *id, text.len() as u16, offset] {
            out.extend(word.to_be_bytes());
        }
        offset += text.len() as u16;
    }
    encoded.iter().for_each(|(_, text)| out.extend(text));
    out
}

/// An OpenType file holding `tables`, which are sorted by tag.
fn font_file(tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros());
    let mut out = vec![];
    out.extend(0x0001_0000u32.to_be_bytes());
    for word in [count, power * 16, power.trailing_zeros() as u16] {
        out.extend(word.to_be_bytes());
    }
    out.extend((count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend(*tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in tables {
        out.extend(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn be16(data: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([data[at], data[at + 1]])
}

fn be32(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

fn base64(data: &[u8]) -> String {
    const DIGITS: &[u8; 64] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |b, (i, &byte)| b | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                let digit = (bits >> (18 - 6 * i)) & 63;
                out.push(char::from(DIGITS[digit as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Every character in the text content of the SVG's `<text>` elements.
pub fn chars_in_texts(svg: &str) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for element in svg.split("<text").skip(1) {
        let Some(start) = element.find('>') else { continue };
        let body = &element[start + 1..];
        let body = &body[..body.find("</text>").unwrap_or(body.len())];
        let mut inside_tag = false;
        for c in unescape(body).chars() {
            match c {
                '<' => inside_tag = true,
                '>' => inside_tag = false,
                c if !inside_tag => {
                    chars.insert(c);
                }
                _ => {}
            }
        }
    }
    chars
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "\u{1}")
        .replace("&gt;", "\u{2}")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace('\u{1}', "<")
        .replace('\u{2}', ">")
}

/// Escapes text for an SVG element or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, never `-0`.
pub fn num(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let mut text = String::new();
    if rounded == 0.0 {
        text.push('0');
    } else {
        write!(text, "{rounded}").unwrap();
    }
    text
}

/// `svg` with the subset of the book's font that its text uses embedded, as
/// every figure of the book has it.
pub(crate) fn with_font(svg: &str) -> String {
    let style = style(chars_in_texts(svg), "");
    let tag_end =
        svg.find("<svg").and_then(|s| Some(s + svg[s..].find('>')? + 1));
    match tag_end {
        Some(end) => format!("{}\n{style}{}", &svg[..end], &svg[end..]),
        None => svg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_maps_its_characters_and_nothing_else() {
        let chars: BTreeSet<char> = "data −1.5".chars().collect();
        let font = subset(&chars);
        let sub = Face::parse(&font, 0).expect("the subset parses");
        for c in chars {
            let glyph = sub.glyph_index(c).expect("the character is mapped");
            let original = face().glyph_index(c).unwrap();
            assert_eq!(
                sub.glyph_hor_advance(glyph),
                face().glyph_hor_advance(original)
            );
        }
        assert_eq!(sub.glyph_index('x'), None);
        assert!(font.len() < 6000, "{} bytes", font.len());
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.01), "0");
    }
}
