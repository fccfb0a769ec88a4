//! `maille places import|export`: exchange places with the national map in
//! its schema (CSV or JSON).

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use super::DatabaseArgs;
use crate::journal::Actor;
use crate::places::store::StoredPlace;
use crate::places::{export, import, store, synthetic};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum PlacesCommand {
    /// Import places from a CSV or JSON file in the national schema. Valid
    /// rows are imported (an id already known updates its place, unless a
    /// structure runs it); invalid rows are counted by reason and the first
    /// 1,000 listed with their line, field, value and the reason. Any size
    /// of file is read in bounded memory. The exit code is non-zero only
    /// when the whole file is refused.
    Import {
        /// The file to read (.json for JSON, anything else is read as CSV).
        file: PathBuf,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON: {"imported", "updated", "refused_rows", "reasons":
        /// [{"field", "message", "count"}], "rejected": [{"line", "field", "value",
        /// "message"}] (the first 1,000), "not_listed"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Write a synthetic national directory (valid places at real commune
    /// positions, in proportion to population) as CSV, for benchmarks and
    /// load tests. Needs no database.
    Generate {
        /// How many places.
        #[arg(long, default_value_t = 20_000)]
        count: usize,
        /// The same seed gives the same places.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only this department (e.g. 49).
        #[arg(long)]
        department: Option<String>,
        /// Where to write (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Export every place in the national schema.
    Export {
        /// csv (default) or json.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Where to write (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: PlacesCommand) -> Result<(), String> {
    match command {
        PlacesCommand::Import {
            file,
            dry_run,
            json,
            database,
        } => {
            let name = file.display().to_string();
            // A file refused as a whole is said so before any database is opened.
            let (input, format) = open(&file)?;
            let head = File::open(&file).map_err(|e| format!("impossible de lire {name} : {e}"))?;
            import::check_header(head, format).map_err(|e| format!("{name} : {e}"))?;
            let db = database.open().await?;
            let importer = import::Importer {
                actor: Actor::CommandLine,
                file_name: &name,
            };
            let report = import::run(&db, input, format, dry_run, importer)
                .await
                .map_err(|e| match e {
                    import::ImportError::File(e) => format!("{name} : {e}"),
                    import::ImportError::Database(e) => e.to_string(),
                })?;
            if json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                );
            } else {
                print_report(&report, dry_run);
            }
            Ok(())
        }
        PlacesCommand::Generate {
            count,
            seed,
            department,
            output,
        } => {
            let places = synthetic::places_in(count, seed, department.as_deref());
            if places.is_empty() && count > 0 {
                return Err(
                    "--department : aucune commune dans ce département (exemples : 49, 2A, 974)"
                        .into(),
                );
            }
            let mut out = writer(output.as_deref())?;
            export::write_csv(&mut out, &places).map_err(|e| e.to_string())?;
            out.flush().map_err(|e| e.to_string())
        }
        PlacesCommand::Export {
            format,
            output,
            database,
        } => {
            let db = database.open().await?;
            let places = store::all(&db).await.map_err(|e| e.to_string())?;
            let places: Vec<_> = places.iter().map(StoredPlace::published).collect();
            let mut out = writer(output.as_deref())?;
            match format {
                Format::Csv => export::write_csv(&mut out, &places).map_err(|e| e.to_string())?,
                Format::Json => export::write_json(&mut out, &places).map_err(|e| e.to_string())?,
            }
            out.flush().map_err(|e| e.to_string())
        }
    }
}

/// A buffered writer to `output`, or to standard output.
fn writer(output: Option<&Path>) -> Result<Box<dyn Write>, String> {
    Ok(match output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).map_err(|e| {
                format!("impossible d’écrire {} : {e}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

/// Files bigger than this get a progress bar while they are read.
const PROGRESS_FROM_BYTES: u64 = 1024 * 1024;

/// The file to import, read through a progress bar, and its format.
fn open(file: &Path) -> Result<(impl Read + Send + 'static, import::Format), String> {
    let unreadable = |e: std::io::Error| format!("impossible de lire {} : {e}", file.display());
    let mut input = File::open(file).map_err(unreadable)?;
    let mut first = [0u8; 64];
    let read = input.read(&mut first).map_err(unreadable)?;
    input.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let format = import::Format::guess(&file.display().to_string(), &first[..read]);
    let size = input.metadata().map(|m| m.len()).unwrap_or(0);
    // On standard error, and only on a terminal (indicatif hides itself
    // otherwise): `--json` output and scripts stay clean.
    let bar = if size >= PROGRESS_FROM_BYTES {
        indicatif::ProgressBar::new(size)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("Lecture {bar:30} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Ok((bar.wrap_read(input), format))
}

fn print_report(report: &import::ImportReport, dry_run: bool) {
    let verb = if dry_run { "seraient" } else { "ont été" };
    say!(
        "{} lieu(x) {verb} ajouté(s), {} mis à jour.",
        report.imported,
        report.updated
    );
    if report.to_review_rows > 0 {
        say!(
            "{} ligne(s) importée(s) à vérifier :",
            report.to_review_rows
        );
        for r in &report.to_review {
            say!(
                "  ligne {} (« {} ») : {}",
                r.line,
                r.error.value,
                r.error.message()
            );
        }
    }
    if report.refused_rows == 0 {
        return;
    }
    say!(
        "{} ligne(s) refusée(s) ; elles n’ont pas été importées. Raisons :",
        report.refused_rows
    );
    for reason in &report.reasons {
        let field = if reason.field.is_empty() {
            String::new()
        } else {
            format!("champ {} : ", reason.field)
        };
        say!("  {} × {field}{}", reason.count, reason.message);
    }
    say!("Détail :");
    for r in &report.rejected {
        if r.error.field.is_empty() {
            say!("  ligne {} : {}", r.line, r.error.message());
        } else {
            say!(
                "  ligne {}, champ {} (« {} ») : {}",
                r.line,
                r.error.field,
                r.error.value,
                r.error.message()
            );
        }
    }
    if report.not_listed > 0 {
        say!(
            "  … et {} autre(s) erreur(s), comptée(s) dans les raisons ci-dessus.",
            report.not_listed
        );
    }
}
