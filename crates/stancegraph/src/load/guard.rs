//! Third-party decoders that panic on damaged input (the parquet crate
//! does, on some malformed pages): their calls run guarded, so that a panic
//! becomes an error naming the file instead of ending the process.
//!
//! A program that installs its own panic hook can stay quiet about the
//! panics caught here: [`guarding`] is true while a guarded call runs on
//! the current thread.

use std::cell::Cell;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static GUARDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread is inside a guarded call, whose panic will
/// be caught and reported as an error.
pub fn guarding() -> bool {
    GUARDING.with(Cell::get)
}

/// A guarded call panicked; its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Panicked(pub String);

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Runs `f`; a panic in it becomes `Err` with the panic's message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    let before = GUARDING.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDING.with(|g| g.set(before));
    result.map_err(|payload| {
        Panicked(
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "an unknown failure".to_string()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_flag_is_restored() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught = guarded(|| -> u8 { panic!("offset out of bounds") });
        std::panic::set_hook(prev);
        assert_eq!(caught, Err(Panicked("offset out of bounds".to_string())));
        assert!(!guarding());
        assert_eq!(guarded(|| 7), Ok(7));
    }
}
