//! How the process asks the system for memory: the settings that keep
//! Maille's resident memory close to its live heap (docs/PERFORMANCE.md).
//! `main` calls [`tune`] first thing; the global allocator itself
//! (mimalloc) is declared in `main.rs`. SQLite allocates through the C
//! library instead: [`give_back_c_heap`] returns what it has freed.

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2 and v3 headers;
/// the binding names no constant for it). Checked by a test below: its
/// default is v3's 1,000 ms.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Applies both settings; call it before anything else allocates much.
pub fn tune() {
    use_small_pages_only();
    purge_freed_memory_at_once();
}

/// Gives memory freed by a thread back to the system at once. By default
/// mimalloc v3 waits a second and purges only when that thread allocates
/// again: the thread that built the directory goes idle, and the memory of
/// the load (some 20 MB for 20,000 places) stayed in the process.
fn purge_freed_memory_at_once() {
    set_purge_delay(0);
}

/// How long freed memory waits before it is purged while bulk work runs.
const BULK_PURGE_DELAY_MS: std::ffi::c_long = 100;

/// How many bulk works run now (see [`bulk_work`]).
static BULK_WORKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// While held, freed memory is purged after a tenth of a second rather than
/// at once: an import frees and allocates again the same few megabytes for
/// every batch, and purging them each time cost a fifth of its time in page
/// faults (200,000 rows: 6.1 s, 4.9 s without). Back to « at once » when the
/// last guard drops, before the directory is rebuilt.
pub struct BulkWork(());

/// Marks the start of bulk work (see [`BulkWork`]).
pub fn bulk_work() -> BulkWork {
    use std::sync::atomic::Ordering;
    if BULK_WORKS.fetch_add(1, Ordering::SeqCst) == 0 {
        set_purge_delay(BULK_PURGE_DELAY_MS);
    }
    BulkWork(())
}

impl Drop for BulkWork {
    fn drop(&mut self) {
        use std::sync::atomic::Ordering;
        // A bulk work starting between these two lines would run with the
        // usual delay: slower, never wrong.
        if BULK_WORKS.fetch_sub(1, Ordering::SeqCst) == 1 {
            set_purge_delay(0);
        }
    }
}

#[allow(unsafe_code)]
fn set_purge_delay(milliseconds: std::ffi::c_long) {
    // SAFETY: sets one integer option of the allocator; no pointer is
    // involved and mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, milliseconds) };
}

/// Asks Linux for ordinary 4 KiB pages only: with transparent huge pages,
/// each first touch of the allocator's arena maps 2 MiB, many times
/// Maille's small heap (figures in docs/PERFORMANCE.md, memory).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn use_small_pages_only() {
    // SAFETY: prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) sets one flag of this
    // process; no memory is passed. A kernel without the option answers
    // EINVAL, which only leaves huge pages as they were.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(not(target_os = "linux"))]
fn use_small_pages_only() {}

/// Returns to the system the free pages of the C library's heap, where
/// SQLite allocates: after a whole-table scan (`db::release_read_cache`)
/// glibc keeps them in the thread's arena otherwise.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn give_back_c_heap() {
    // SAFETY: malloc_trim(0) takes no pointer; it only releases free
    // memory of the C library's own heap, under its own locks.
    unsafe { libc::malloc_trim(0) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn give_back_c_heap() {}

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
        let now = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(now, 0);
        // Bulk works relax it while any of them runs (in this test: the
        // option is one for the whole process).
        // SAFETY: as above.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        let first = bulk_work();
        let second = bulk_work();
        assert_eq!(delay(), BULK_PURGE_DELAY_MS);
        drop(first);
        assert_eq!(delay(), BULK_PURGE_DELAY_MS, "another still runs");
        drop(second);
        assert_eq!(delay(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    #[allow(unsafe_code)]
    fn huge_pages_are_turned_off_for_the_process() {
        use_small_pages_only();
        // SAFETY: reads one flag of this process.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
