//! The `maille` command: a thin shell over `maille::cli`.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: glibc keeps the memory freed
/// after loading the directory in per-thread arenas, so the process stayed at
/// three times its live heap; mimalloc gives freed pages back
/// (`maille::allocator` sets how).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    maille::allocator::tune();
    maille::cli::run(maille::cli::Cli::parse())
}
