//! QR codes for labels and certificates: the `qrcode` crate computes the
//! module matrix; Maille draws it itself, into PDF (`pdf::draw_qr`) and
//! SVG ([`QrMatrix::svg_path`]).

use qrcode::{EcLevel, QrCode};

/// A QR code's modules, row by row.
#[derive(Clone, Debug)]
pub struct QrMatrix {
    pub width: usize,
    modules: Vec<bool>,
}

impl QrMatrix {
    /// The code of `text` (a URL), at medium error correction: a label
    /// scratched or half-peeled still reads. A text in capitals, digits and
    /// `:/.-` is written in the QR's alphanumeric mode, a third smaller. `None` only for a text too
    /// long for any QR code, which a URL of Maille never is.
    pub fn encode(text: &str) -> Option<Self> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(Self {
            width: code.width(),
            modules: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Whether the module at (`column`, `row`) is dark.
    pub fn dark(&self, column: usize, row: usize) -> bool {
        self.modules
            .get(row * self.width + column)
            .copied()
            .unwrap_or(false)
    }

    /// The runs of dark modules: (row, first column, length).
    pub fn runs(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.width).flat_map(move |row| {
            let mut runs = Vec::new();
            let mut column = 0;
            while column < self.width {
                if self.dark(column, row) {
                    let start = column;
                    while column < self.width && self.dark(column, row) {
                        column += 1;
                    }
                    runs.push((row, start, column - start));
                } else {
                    column += 1;
                }
            }
            runs
        })
    }

    /// The dark modules as rectangles (column, row, width, height): runs
    /// of a row, and the same run on the rows below merged into one.
    pub fn rectangles(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
        // Open rectangles, by (first column, width): the row they started on.
        let mut open: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
        let mut runs = self.runs().peekable();
        for row in 0..=self.width {
            let mut here = std::collections::BTreeSet::new();
            while let Some((_, start, length)) = runs.next_if(|(r, _, _)| *r == row) {
                here.insert((start, length));
            }
            open.retain(|key, top| {
                if here.remove(key) {
                    true
                } else {
                    done.push((key.0, *top, key.1, row - *top));
                    false
                }
            });
            for key in here {
                open.insert(key, row);
            }
        }
        done
    }

    /// An SVG path drawing the dark modules in module units (quiet zone
    /// included: the code spans `width + 8` units), a rectangle per run;
    /// the caller places and scales it with a transform.
    pub fn svg_path(&self) -> String {
        use std::fmt::Write;
        let mut path = String::with_capacity(self.width * self.width * 2);
        for (column, row, width, height) in self.rectangles() {
            let _ = write!(
                path,
                "M{} {}h{width}v{height}h-{width}z",
                column + 4,
                row + 4
            );
        }
        path
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_gives_a_square_matrix_with_its_finder_patterns() {
        let qr = super::QrMatrix::encode("https://maille.example/espace/materiel/7K3Q9PX").unwrap();
        assert!(qr.width >= 21);
        // The top-left finder pattern: a dark corner and a dark ring.
        assert!(qr.dark(0, 0) && qr.dark(6, 0) && qr.dark(0, 6));
        assert!(!qr.dark(1, 1));
        assert!(
            qr.svg_path().starts_with("M4 4h7v1h-7z"),
            "the finder's top edge"
        );
        let dark: usize = qr.runs().map(|(_, _, n)| n).sum();
        let covered: usize = qr.rectangles().iter().map(|(_, _, w, h)| w * h).sum();
        assert_eq!(covered, dark, "the rectangles cover the runs exactly");
        assert!(qr.rectangles().len() < qr.runs().count());
        let counted = (0..qr.width)
            .flat_map(|r| (0..qr.width).map(move |c| (c, r)))
            .filter(|(c, r)| qr.dark(*c, *r))
            .count();
        assert_eq!(dark, counted, "the runs cover every dark module once");
    }
}
