//! The `maille` command: a thin shell over `maille::cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    maille::cli::run(maille::cli::Cli::parse())
}
