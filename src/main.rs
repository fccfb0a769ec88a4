//! The `maille` command: a thin shell over `maille::cli`.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: glibc keeps the memory freed
/// after loading the directory in per-thread arenas, so the process stayed at
/// three times its live heap; mimalloc gives freed pages back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2 and v3 headers;
/// the binding names no constant for it). Checked by a test below: its
/// default is v3's 1,000 ms.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives memory freed by a thread back to the system at once. By default
/// mimalloc v3 waits a second and purges only when that thread allocates again:
/// the thread that built the directory goes idle, and the memory of the
/// load (some 20 MB for 20,000 places) stayed in the process.
#[allow(unsafe_code)]
fn purge_freed_memory_at_once() {
    // SAFETY: sets one integer option of the allocator; no pointer is
    // involved and mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

fn main() -> ExitCode {
    purge_freed_memory_at_once();
    maille::cli::run(maille::cli::Cli::parse())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads one integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(
            default, 1000,
            "mimalloc v3's default purge delay (options.c)"
        );
        purge_freed_memory_at_once();
        // SAFETY: as above.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            0
        );
    }
}
