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
    /// scratched or half-peeled still reads. `None` only for a text too
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

    /// An SVG path drawing the dark modules in a square of `side` units at
    /// (`x`, `y`), quiet zone included.
    pub fn svg_path(&self, x: f32, y: f32, side: f32) -> String {
        let module = side / (self.width + 8) as f32;
        let mut path = String::with_capacity(self.width * self.width * 6);
        for row in 0..self.width {
            for column in 0..self.width {
                if self.dark(column, row) {
                    use std::fmt::Write;
                    let _ = write!(
                        path,
                        "M{:.2} {:.2}h{m:.2}v{m:.2}h-{m:.2}z",
                        x + (column + 4) as f32 * module,
                        y + (row + 4) as f32 * module,
                        m = module
                    );
                }
            }
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
        assert!(qr.svg_path(0.0, 0.0, 30.0).starts_with('M'));
    }
}
