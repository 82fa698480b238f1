//! The write half of a benchmark floor: as many bytes as the export wrote,
//! as fast as a program can write them.

use std::fs::File;
use std::io::{BufWriter, Write};

/// Writes `total` bytes to `out` in 64 KiB blocks.
pub fn write_bytes(total: u64, out: &str) -> std::io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, File::create(out)?);
    let block = [b'x'; 1 << 16];
    let mut left = total;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        w.write_all(&block[..n])?;
        left -= n as u64;
    }
    w.flush()
}
