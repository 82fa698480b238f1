//! Returning freed memory to the system between the stages of a run.

/// Gives the heap's free pages back to the system.
///
/// glibc keeps what a thread frees in that thread's arena, and the export's
/// writer threads allocate from arenas of their own, so what loading freed
/// (a DNA database's document texts, SQLite's pages, the reader's batches)
/// would stay resident under everything the writers add. Giving it back
/// between stages keeps the peak near the larger stage instead of their sum:
/// 474 → 376 MiB for all formats of a 1M-statement DNA database.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages; it is thread-safe and
    // has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}
