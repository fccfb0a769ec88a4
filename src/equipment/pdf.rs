//! Writing the documents people keep — wipe certificates, donation
//! receipts, handover papers, label sheets — as PDF/A-2b (krilla checks
//! the standard's rules as it writes and refuses to finish otherwise),
//! text selectable, Lato embedded as a subset so a page weighs a few KB.
//!
//! A small layout helper on top of krilla: pages of A4 with a cursor that
//! goes down line by line, words wrapped by an estimate of their width
//! (enough for forms of short sentences), QR codes drawn as squares.

use std::sync::LazyLock;

use krilla::Document;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use super::qr::QrMatrix;

static REGULAR_BYTES: &[u8] = include_bytes!("../../static/fonts/Lato-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../../static/fonts/Lato-Bold.ttf");

/// The fonts, read once: `None` only if the embedded files were broken,
/// which a test rules out.
static FONTS: LazyLock<Option<(Font, Font)>> = LazyLock::new(|| {
    Some((
        Font::new(REGULAR_BYTES.into(), 0)?,
        Font::new(BOLD_BYTES.into(), 0)?,
    ))
});

/// A4, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// The margin around the text.
pub const MARGIN: f32 = 56.0;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded fonts cannot be read")]
    Fonts,
    #[error("the PDF could not be written: {0}")]
    Writer(String),
}

/// One line to draw.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Body,
    Small,
    /// Body text in bold.
    Strong,
    /// A label's code: big, in the regular face (a sheet of labels then
    /// embeds one font only).
    Large,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Self::Title => 20.0,
            Self::Large => 14.0,
            Self::Heading => 13.0,
            Self::Body | Self::Strong => 10.5,
            Self::Small => 8.5,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Self::Title | Self::Heading | Self::Strong)
    }
}

/// What goes on the page, in order, laid out by [`write()`].
pub enum Block {
    Line(Style, String),
    /// A label and its value on one line: « Numéro de série : PF0ABC12 ».
    Pair(String, String),
    Gap(f32),
    /// A QR code of this side (points) at the left margin, with lines of
    /// text beside it.
    QrWith(QrMatrix, f32, Vec<(Style, String)>),
}

/// A document's metadata.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

fn new_document(meta: &Meta<'_>) -> Result<Document, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))?;
    let mut document = Document::new_with(krilla::SerializeSettings {
        configuration,
        enable_tagging: false,
        ..Default::default()
    });
    let now = chrono::Utc::now();
    use chrono::{Datelike, Timelike};
    let date = DateTime::new(u16::try_from(now.year()).unwrap_or(2026))
        .month(u8::try_from(now.month()).unwrap_or(1))
        .day(u8::try_from(now.day()).unwrap_or(1))
        .hour(u8::try_from(now.hour()).unwrap_or(0))
        .minute(u8::try_from(now.minute()).unwrap_or(0))
        .second(u8::try_from(now.second()).unwrap_or(0))
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    document.set_metadata(
        Metadata::new()
            .title(meta.title.to_owned())
            .authors(vec![meta.author.to_owned()])
            .description(meta.subject.to_owned())
            .language("fr-FR".to_owned())
            .creator("Maille".to_owned())
            .creation_date(date),
    );
    Ok(document)
}

fn fonts() -> Result<&'static (Font, Font), PdfError> {
    FONTS.as_ref().ok_or(PdfError::Fonts)
}

/// Cuts `text` into lines of at most `width` points at `size`: an
/// estimate of Lato's average advance (half the size) is enough for
/// sentences of a form.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let per_line = ((width / (size * 0.5)) as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws a QR code's dark modules as one path, `side` points wide. The
/// path is written in module units under one transform, a rectangle per
/// run of dark modules in a row: small integers, which keep a sheet of a
/// hundred codes small.
pub fn draw_qr(
    surface: &mut krilla::surface::Surface<'_>,
    qr: &QrMatrix,
    x: f32,
    y: f32,
    side: f32,
) {
    // Four modules of quiet zone on each side, as the standard asks.
    let module = side / (qr.width + 8) as f32;
    let mut path = PathBuilder::new();
    for (column, row, width, height) in qr.rectangles() {
        let (x, y) = ((column + 4) as f32, (row + 4) as f32);
        if let Some(rect) = Rect::from_xywh(x, y, width as f32, height as f32) {
            path.push_rect(rect);
        }
    }
    if let Some(path) = path.finish() {
        surface.push_transform(&Transform::from_row(module, 0.0, 0.0, module, x, y));
        surface.set_fill(Some(Fill::default()));
        surface.draw_path(&path);
        surface.pop();
    }
}

/// Draws `text` with its baseline at (`x`, `y`).
pub fn draw_text(
    surface: &mut krilla::surface::Surface<'_>,
    style: Style,
    x: f32,
    y: f32,
    text: &str,
) -> Result<(), PdfError> {
    let (regular, bold) = fonts()?;
    let font = if style.bold() { bold } else { regular };
    surface.set_fill(Some(Fill::default()));
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        style.size(),
        text,
        false,
        TextDirection::Auto,
    );
    Ok(())
}

/// Writes `blocks` on as many A4 pages as they need.
pub fn write(meta: &Meta<'_>, blocks: &[Block]) -> Result<Vec<u8>, PdfError> {
    let mut document = new_document(meta)?;
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let settings = || PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT);
    let mut page = document.start_page_with(settings().ok_or(PdfError::Writer("page".into()))?);
    let mut surface = page.surface();
    let mut y = MARGIN;
    // Each block is laid out as lines (style, x, text) and QR codes first,
    // so that a page break never splits one.
    for block in blocks {
        let mut lines: Vec<(Style, f32, f32, String)> = Vec::new();
        let mut qr: Option<(&QrMatrix, f32)> = None;
        let mut height = 0.0;
        match block {
            Block::Line(style, text) => {
                for line in wrap(text, style.size(), width) {
                    height += style.size() * 1.45;
                    lines.push((*style, MARGIN, height, line));
                }
            }
            Block::Pair(label, value) => {
                let text = format!("{label} : {value}");
                for line in wrap(&text, Style::Body.size(), width) {
                    height += Style::Body.size() * 1.45;
                    lines.push((Style::Body, MARGIN, height, line));
                }
            }
            Block::Gap(points) => height = *points,
            Block::QrWith(matrix, side, beside) => {
                qr = Some((matrix, *side));
                let x = MARGIN + side + 12.0;
                let mut offset = 12.0;
                for (style, text) in beside {
                    for line in wrap(text, style.size(), width - side - 12.0) {
                        offset += style.size() * 1.45;
                        lines.push((*style, x, offset, line));
                    }
                }
                height = side.max(offset + 6.0);
            }
        }
        if y + height > PAGE_HEIGHT - MARGIN && y > MARGIN {
            surface.finish();
            page.finish();
            page = document.start_page_with(settings().ok_or(PdfError::Writer("page".into()))?);
            surface = page.surface();
            y = MARGIN;
        }
        if let Some((matrix, side)) = qr {
            draw_qr(&mut surface, matrix, MARGIN, y, side);
        }
        for (style, x, offset, text) in lines {
            draw_text(&mut surface, style, x, y + offset, &text)?;
        }
        y += height;
    }
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))
}

/// Writes pages drawn by `draw`, one call per page (labels).
pub fn write_pages(
    meta: &Meta<'_>,
    pages: usize,
    mut draw: impl FnMut(usize, &mut krilla::surface::Surface<'_>) -> Result<(), PdfError>,
) -> Result<Vec<u8>, PdfError> {
    let mut document = new_document(meta)?;
    for n in 0..pages.max(1) {
        let mut page = document.start_page_with(
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
                .ok_or(PdfError::Writer("page".into()))?,
        );
        let mut surface = page.surface();
        draw(n, &mut surface)?;
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_are_readable() {
        assert!(FONTS.is_some());
    }

    #[test]
    fn a_document_is_written_as_pdf_a_with_its_text() {
        let pdf = write(
            &Meta {
                title: "Essai",
                author: "Maille",
                subject: "Essai",
            },
            &[
                Block::Line(Style::Title, "Certificat d’effacement".into()),
                Block::Pair("Numéro de série".into(), "PF0ABC12".into()),
            ],
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("pdfaid:part"),
            "PDF/A identification in the XMP"
        );
    }

    #[test]
    fn long_sentences_wrap_at_words() {
        let lines = wrap(
            "un deux trois quatre cinq six sept huit neuf dix",
            10.0,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 16));
    }
}
