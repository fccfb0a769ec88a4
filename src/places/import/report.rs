//! What an import tells: how many places were added and updated, how many
//! rows were refused and why — every refusal counted by reason, the first
//! [`LISTED`] listed in full — so a file of two million bad rows gets a
//! report of a few hundred kilobytes, not one as big as the file.

use std::collections::HashMap;

use serde::Serialize;

use super::Rejection;
use crate::validation::FieldError;

/// Refusals listed one by one; the others are only counted.
pub const LISTED: usize = 1000;

/// How often one reason came up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The field concerned (empty for a whole row).
    pub field: String,
    pub message: String,
    /// Refusals for this reason.
    pub count: u64,
}

/// The outcome of an import, as `--json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New places.
    pub imported: u64,
    /// Places already known by their id, replaced.
    pub updated: u64,
    /// Rows not imported.
    pub refused_rows: u64,
    /// Every reason rows were refused for, most frequent first.
    pub reasons: Vec<Reason>,
    /// The first refusals, one per refused field, in file order.
    pub rejected: Vec<Rejection>,
    /// Refusals beyond those listed.
    pub not_listed: u64,
    /// Rows imported but to check (a position far from the commune).
    pub to_review_rows: u64,
    /// The first of them, in file order.
    pub to_review: Vec<Rejection>,
}

/// An [`ImportReport`] being filled, row after row.
#[derive(Debug, Default)]
pub struct ReportBuilder {
    report: ImportReport,
    /// By field and catalogue key (so a bounded few, whatever the file):
    /// the first refusal's message, and the count.
    reasons: HashMap<(String, &'static str), (String, u64)>,
}

impl ReportBuilder {
    /// A row refused for `rejections` (one per field at fault).
    pub fn refuse(&mut self, rejections: Vec<Rejection>) {
        self.report.refused_rows += 1;
        for rejection in rejections {
            let error = &rejection.error;
            self.reasons
                .entry((error.field.to_string(), error.key))
                .or_insert_with(|| (error.message(), 0))
                .1 += 1;
            if self.report.rejected.len() < LISTED {
                self.report.rejected.push(rejection);
            } else {
                self.report.not_listed += 1;
            }
        }
    }

    /// A row imported, with what to check in it, if anything.
    pub fn to_review(&mut self, line: u64, review: Option<FieldError>) {
        let Some(error) = review else {
            return;
        };
        self.report.to_review_rows += 1;
        if self.report.to_review.len() < LISTED {
            self.report.to_review.push(Rejection { line, error });
        }
    }

    /// Places added.
    pub fn imported(&mut self, count: u64) {
        self.report.imported += count;
    }

    /// Places updated.
    pub fn updated(&mut self, count: u64) {
        self.report.updated += count;
    }

    pub fn finish(mut self) -> ImportReport {
        let mut reasons: Vec<Reason> = self
            .reasons
            .into_iter()
            .map(|((field, _), (message, count))| Reason {
                field,
                message,
                count,
            })
            .collect();
        reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.field.cmp(&b.field)));
        self.report.reasons = reasons;
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::FieldError;

    fn rejection(line: u64, field: &str) -> Rejection {
        Rejection {
            line,
            error: FieldError::named(field, "place-required").with_value("x"),
        }
    }

    #[test]
    fn every_refusal_is_counted_by_reason_and_only_the_first_thousand_listed() {
        let mut builder = ReportBuilder::default();
        for line in 0..3000 {
            builder.refuse(vec![rejection(line, "code_postal")]);
        }
        builder.refuse(vec![rejection(3000, "nom"), rejection(3000, "pivot")]);
        builder.imported(7);
        let report = builder.finish();
        assert_eq!(report.refused_rows, 3001);
        assert_eq!(report.rejected.len(), LISTED);
        assert_eq!(report.not_listed, 2002);
        assert_eq!(report.reasons[0].count, 3000);
        assert_eq!(report.reasons[0].field, "code_postal");
        assert_eq!(report.reasons.len(), 3);
        assert_eq!(report.imported, 7);
    }
}
