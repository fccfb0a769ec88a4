//! Small SVG charts drawn by Maille, no script: horizontal bars, one or two
//! series, scaled to the widest value. Each chart sits beside a table of the
//! same figures (the table is what screen readers are pointed to).

use std::fmt::Write;

/// One bar (or pair of bars) and its label.
pub struct Bar {
    pub label: String,
    pub values: Vec<u64>,
}

const WIDTH: u32 = 320;
const LABEL_WIDTH: u32 = 120;
const BAR_HEIGHT: u32 = 14;
/// Fills of the series: the brand colour, then a darker one (contrast ≥ 3:1
/// on white for both).
const FILLS: [&str; 2] = ["#1d5fa8", "#7a3b00"];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Cuts a label to what fits beside the bars.
fn short(label: &str) -> String {
    if label.chars().count() <= 18 {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(17).collect();
        format!("{cut}…")
    }
}

/// Horizontal bars scaled to `max` (or the largest value), the value
/// written after each. `title` names the chart for assistive technology.
pub fn bars(title: &str, bars: &[Bar], max: Option<u64>) -> String {
    let series = bars
        .iter()
        .map(|b| b.values.len())
        .max()
        .unwrap_or(1)
        .max(1) as u32;
    let row = BAR_HEIGHT * series + 8;
    let height = row * bars.len() as u32 + 4;
    let top = max
        .or_else(|| bars.iter().flat_map(|b| b.values.iter().copied()).max())
        .unwrap_or(1)
        .max(1);
    let room = WIDTH - LABEL_WIDTH - 40;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"##,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i as u32 * row + 2;
        let _ = write!(
            svg,
            r##"<text x="0" y="{}" fill="#222222">{}</text>"##,
            y + BAR_HEIGHT - 3,
            escape(&short(&bar.label))
        );
        for (s, value) in bar.values.iter().enumerate() {
            let length = (u64::from(room) * value / top) as u32;
            let by = y + s as u32 * BAR_HEIGHT;
            let _ = write!(
                svg,
                r##"<rect x="{LABEL_WIDTH}" y="{by}" width="{length}" height="{}" fill="{}"/><text x="{}" y="{}" fill="#222222">{value}</text>"##,
                BAR_HEIGHT - 2,
                FILLS[s % FILLS.len()],
                LABEL_WIDTH + length + 4,
                by + BAR_HEIGHT - 3,
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_escapes_its_labels_and_scales_its_bars() {
        let svg = bars(
            "Activités <par mois>",
            &[
                Bar {
                    label: "a&b".into(),
                    values: vec![10],
                },
                Bar {
                    label: "c".into(),
                    values: vec![5],
                },
            ],
            None,
        );
        assert!(svg.contains("a&amp;b") && svg.contains("&lt;par mois&gt;"));
        assert!(svg.contains(r#"width="160""#) && svg.contains(r#"width="80""#));
    }
}
