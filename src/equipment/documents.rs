//! The papers of equipment, each a PDF/A-2b: a device's wipe certificate
//! (with its verification code and a QR to the public page that confirms
//! it, no personal data), a sheet of QR labels (also as SVG), a donor's
//! receipt, and the handover paper saying the person now owns the device.

use chrono::NaiveDate;
use serde_json::Value;

use super::lifecycle::WIPE_METHODS;
use super::model::{Device, KINDS};
use super::pdf::{self, Block, Meta, PdfError, Style};
use super::qr::QrMatrix;
use super::store::{DeviceRecord, DonorRecord, EventRecord, LotRecord};

/// A day as French paper writes it: 3 décembre 2026.
pub fn day_words(day: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

/// The public page that confirms a certificate.
pub fn certificate_url(origin: &str, code: &str) -> String {
    format!("{origin}/certificats/{code}")
}

/// The staff page a label's QR opens.
/// The short link a label's QR holds (`/M/{code}`, which leads to
/// `/espace/materiel/{code}`), in capitals: scheme and host do not mind
/// case, and a QR code writes capitals in its compact alphanumeric mode —
/// a smaller code, easier to read on a label, and a lighter sheet.
pub fn device_url(origin: &str, code: &str) -> String {
    format!("{}/M/{code}", origin.to_uppercase())
}

/// What a wipe's details say, in words, for the certificate and its page.
pub struct WipeWords {
    pub method: String,
    pub tool: String,
    pub passes: String,
    pub verified: String,
    pub storage: String,
    pub day: String,
}

impl WipeWords {
    pub fn new(event: &EventRecord, details: &Value) -> Self {
        let text = |name: &str| {
            details
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let method = text("method");
        let serials: Vec<String> = details
            .get("storage_serials")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Self {
            method: WIPE_METHODS.label(&method).to_owned(),
            tool: text("tool"),
            passes: details
                .get("passes")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .to_string(),
            verified: "Vérification réussie".to_owned(),
            storage: if serials.is_empty() {
                "non relevé".to_owned()
            } else {
                serials.join(", ")
            },
            day: day_words(
                event
                    .at
                    .with_timezone(&chrono_tz::Europe::Paris)
                    .date_naive(),
            ),
        }
    }
}

/// A device's wipe certificate.
pub fn certificate(
    device: &DeviceRecord,
    wipe: &WipeWords,
    structure: &str,
    origin: &str,
) -> Result<Vec<u8>, PdfError> {
    let code = device.certificate_code.as_deref().unwrap_or_default();
    let url = certificate_url(origin, code);
    let qr = QrMatrix::encode(&url).ok_or(PdfError::Writer("QR".into()))?;
    let title = Device::title(&device.kind, &device.brand, &device.model);
    let blocks =
        vec![
        Block::Line(Style::Title, "Certificat d’effacement des données".into()),
        Block::Line(Style::Body, format!("Délivré par {structure}")),
        Block::Gap(14.0),
        Block::Line(Style::Heading, "L’appareil".into()),
        Block::Pair("Appareil".into(), format!("{} — {title}", KINDS.label(&device.kind))),
        Block::Pair("Numéro de série".into(), or_unknown(&device.serial)),
        Block::Pair("Code d’inventaire".into(), device.code.clone()),
        Block::Pair("Supports effacés (numéros de série)".into(), wipe.storage.clone()),
        Block::Gap(10.0),
        Block::Line(Style::Heading, "L’effacement".into()),
        Block::Pair("Méthode".into(), wipe.method.clone()),
        Block::Pair("Outil".into(), wipe.tool.clone()),
        Block::Pair("Passes".into(), wipe.passes.clone()),
        Block::Pair("Résultat".into(), wipe.verified.clone()),
        Block::Pair("Date".into(), wipe.day.clone()),
        Block::Gap(10.0),
        Block::Line(
            Style::Body,
            "Les données de l’appareil ont été effacées selon la méthode indiquée, conforme à la \
             norme NIST SP 800-88 (révision 1), et l’effacement a été vérifié avant sa remise en \
             circulation."
                .into(),
        ),
        Block::Gap(16.0),
        Block::QrWith(
            qr,
            110.0,
            vec![
                (Style::Strong, format!("Code de vérification : {code}")),
                (
                    Style::Body,
                    "Pour vérifier ce certificat, scannez le code ou ouvrez :".into(),
                ),
                (Style::Small, url.clone()),
            ],
        ),
    ];
    pdf::write(
        &Meta {
            title: &format!("Certificat d’effacement {code}"),
            author: structure,
            subject: &format!(
                "Effacement des données de {title}, numéro de série {}",
                device.serial
            ),
        },
        &blocks,
    )
}

fn or_unknown(text: &str) -> String {
    if text.trim().is_empty() {
        "non relevé".to_owned()
    } else {
        text.to_owned()
    }
}

/// Labels on a sheet: 3 across, 8 down (70 × 37 mm labels on A4).
const COLUMNS: usize = 3;
const ROWS: usize = 8;
const PER_PAGE: usize = COLUMNS * ROWS;
const LABEL_W: f32 = pdf::PAGE_WIDTH / COLUMNS as f32;
const LABEL_H: f32 = 105.0;
const SHEET_TOP: f32 = (pdf::PAGE_HEIGHT - ROWS as f32 * LABEL_H) / 2.0;

/// One label's content.
pub struct Label {
    pub code: String,
    pub title: String,
    pub structure: String,
    pub qr: QrMatrix,
}

impl Label {
    pub fn of(device: &DeviceRecord, structure: &str, origin: &str) -> Option<Self> {
        Some(Self {
            code: device.code.clone(),
            title: Device::title(&device.kind, &device.brand, &device.model),
            structure: structure.to_owned(),
            qr: QrMatrix::encode(&device_url(origin, &device.code))?,
        })
    }
}

/// A sheet of labels as PDF.
pub fn labels_pdf(labels: &[Label]) -> Result<Vec<u8>, PdfError> {
    let pages = labels.len().div_ceil(PER_PAGE);
    pdf::write_pages(
        &Meta {
            title: "Étiquettes d’inventaire",
            author: labels.first().map_or("Maille", |l| l.structure.as_str()),
            subject: "Étiquettes QR des appareils",
        },
        pages,
        |page, surface| {
            for (i, label) in labels
                .iter()
                .skip(page * PER_PAGE)
                .take(PER_PAGE)
                .enumerate()
            {
                let x = (i % COLUMNS) as f32 * LABEL_W + 10.0;
                let y = SHEET_TOP + (i / COLUMNS) as f32 * LABEL_H + 8.0;
                pdf::draw_qr(surface, &label.qr, x, y, 88.0);
                pdf::draw_text(surface, Style::Large, x + 92.0, y + 30.0, &label.code)?;
                for (n, line) in pdf::wrap(&label.title, 8.5, LABEL_W - 110.0)
                    .iter()
                    .take(2)
                    .enumerate()
                {
                    pdf::draw_text(
                        surface,
                        Style::Small,
                        x + 92.0,
                        y + 46.0 + n as f32 * 11.0,
                        line,
                    )?;
                }
                let structure = crate::text::cut(&label.structure, 28);
                pdf::draw_text(surface, Style::Small, x + 92.0, y + 78.0, &structure)?;
            }
            Ok(())
        },
    )
}

/// A sheet of labels as SVG (mm, A4), for printers that take SVG or a
/// structure that edits its labels.
pub fn labels_svg(labels: &[Label]) -> String {
    use std::fmt::Write;
    let pages = labels.len().div_ceil(PER_PAGE).max(1);
    let mm = 25.4 / 72.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"{h}mm\" viewBox=\"0 0 210 {h}\" font-family=\"Lato, sans-serif\">",
        h = 297 * pages
    );
    for (i, label) in labels.iter().enumerate() {
        let page = i / PER_PAGE;
        let slot = i % PER_PAGE;
        let x = ((slot % COLUMNS) as f32 * LABEL_W + 10.0) * mm;
        let y = (SHEET_TOP + (slot / COLUMNS) as f32 * LABEL_H + 8.0) * mm + page as f32 * 297.0;
        let scale = 88.0 * mm / (label.qr.width + 8) as f32;
        let _ = write!(
            svg,
            "<g><path transform=\"translate({x:.2} {y:.2}) scale({scale:.4})\" d=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"4.6\" font-weight=\"bold\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"3\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"3\">{}</text></g>",
            label.qr.svg_path(),
            x + 92.0 * mm,
            y + 30.0 * mm,
            escape(&label.code),
            x + 92.0 * mm,
            y + 46.0 * mm,
            escape(&crate::text::cut(&label.title, 30)),
            x + 92.0 * mm,
            y + 78.0 * mm,
            escape(&crate::text::cut(&label.structure, 28)),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A donor's receipt for a lot: what came in, signed by the structure.
pub fn donation_receipt(
    donor: &DonorRecord,
    lot: &LotRecord,
    devices: &[DeviceRecord],
    structure: &str,
) -> Result<Vec<u8>, PdfError> {
    let mut blocks = vec![
        Block::Line(Style::Title, "Reçu de don de matériel".into()),
        Block::Line(
            Style::Body,
            format!(
                "{structure} atteste avoir reçu, le {}, de :",
                day_words(lot.received_on)
            ),
        ),
        Block::Gap(6.0),
        Block::Line(Style::Strong, donor.name.clone()),
    ];
    if let Some(siren) = &donor.siren {
        blocks.push(Block::Pair("SIREN".into(), siren.clone()));
    }
    if !lot.description.is_empty() {
        blocks.push(Block::Pair(
            "Description du don".into(),
            lot.description.clone(),
        ));
    }
    blocks.push(Block::Gap(10.0));
    blocks.push(Block::Line(
        Style::Heading,
        format!("{} appareil(s) reçu(s)", devices.len()),
    ));
    for device in devices {
        blocks.push(Block::Line(
            Style::Body,
            format!(
                "{} — {} {} — série {} — code {}",
                KINDS.label(&device.kind),
                device.brand,
                device.model,
                or_unknown(&device.serial),
                device.code
            ),
        ));
    }
    blocks.push(Block::Gap(14.0));
    blocks.push(Block::Line(
        Style::Body,
        "Les appareils seront diagnostiqués, leurs données effacées selon la norme NIST SP 800-88 \
         avec un certificat par appareil, puis reconditionnés pour être remis à des personnes qui \
         en ont besoin, ou recyclés dans une filière agréée."
            .into(),
    ));
    blocks.push(Block::Gap(20.0));
    blocks.push(Block::Line(
        Style::Body,
        format!(
            "Pour {structure}, le {}",
            day_words(crate::mediation::today())
        ),
    ));
    pdf::write(
        &Meta {
            title: "Reçu de don de matériel",
            author: structure,
            subject: &format!("Don de {}", donor.name),
        },
        &blocks,
    )
}

/// The paper of a gift: the person now owns the device.
pub fn handover_paper(
    device: &DeviceRecord,
    person: &str,
    signed_name: &str,
    handed_on: NaiveDate,
    structure: &str,
) -> Result<Vec<u8>, PdfError> {
    let title = Device::title(&device.kind, &device.brand, &device.model);
    let blocks = vec![
        Block::Line(Style::Title, "Remise d’un équipement".into()),
        Block::Line(
            Style::Body,
            format!("{structure} remet à {person} l’appareil suivant :"),
        ),
        Block::Gap(6.0),
        Block::Pair(
            "Appareil".into(),
            format!("{} — {title}", KINDS.label(&device.kind)),
        ),
        Block::Pair("Numéro de série".into(), or_unknown(&device.serial)),
        Block::Pair(
            "Système installé".into(),
            device.os.clone().unwrap_or_default(),
        ),
        Block::Pair("Code d’inventaire".into(), device.code.clone()),
        Block::Gap(10.0),
        Block::Line(
            Style::Body,
            format!(
                "À compter du {}, {person} en est propriétaire : l’appareil lui appartient et ne \
                 sera pas repris. Ses données d’origine ont été effacées et vérifiées avant la \
                 remise (certificat {}).",
                day_words(handed_on),
                device.certificate_code.clone().unwrap_or_default()
            ),
        ),
        Block::Gap(16.0),
        Block::Pair("Signé par".into(), signed_name.to_owned()),
        Block::Pair("Le".into(), day_words(handed_on)),
        Block::Pair("Pour la structure".into(), structure.to_owned()),
    ];
    pdf::write(
        &Meta {
            title: "Remise d’un équipement",
            author: structure,
            subject: &format!("Remise de {title}"),
        },
        &blocks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(n: usize) -> DeviceRecord {
        let now = crate::db::now();
        DeviceRecord {
            id: format!("d{n}"),
            organization_id: "o".into(),
            code: format!("{:07}", n),
            lot_id: None,
            kind: "laptop".into(),
            brand: "Lenovo".into(),
            model: "ThinkPad T470".into(),
            serial: format!("PF{n:08}"),
            year: Some(2017),
            specs: "{}".into(),
            grade: Some("B".into()),
            notes: String::new(),
            state: "wiped".into(),
            state_at: now,
            resume_state: None,
            certificate_code: Some("ABCDEFGHJKMN".into()),
            holder_id: None,
            due_on: None,
            os: None,
            free_os: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_sheet_of_a_hundred_labels_and_a_certificate_each_weigh_under_100_kb() {
        let labels: Vec<Label> = (0..100)
            .filter_map(|n| {
                Label::of(
                    &device(n),
                    "Centre social du Val de Moine",
                    "https://maille.centres-sociaux-49.example",
                )
            })
            .collect();
        let sheet = labels_pdf(&labels).unwrap();
        assert!(
            sheet.len() < 100 * 1024,
            "100 labels: {} bytes",
            sheet.len()
        );
        let svg = labels_svg(&labels);
        assert_eq!(svg.matches("<path").count(), 100);
        let event = EventRecord {
            id: "e".into(),
            organization_id: "o".into(),
            device_id: "d".into(),
            at: crate::db::now(),
            from_state: None,
            to_state: "wiped".into(),
            by_user: None,
            details: r#"{"method":"purge","tool":"nwipe","passes":1,"verified":true}"#.into(),
        };
        let details = serde_json::from_str(&event.details).unwrap();
        let pdf = certificate(
            &device(1),
            &WipeWords::new(&event, &details),
            "Centre social",
            "https://maille.example",
        )
        .unwrap();
        assert!(pdf.len() < 100 * 1024, "a certificate: {} bytes", pdf.len());
    }
}
