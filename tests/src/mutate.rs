//! The deterministic mutator of the hostile-input tests (`tests/tests/suite/hostile.rs`, and the
//! owned-against-borrowed comparison in `tests/tests/borrowed.rs`): byte flips, interesting
//! words, constructor ids copied to the wrong place, cuts and duplications, from a fixed seed.

use tl_runtime::VECTOR_ID;

/// xorshift64*: deterministic, no dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number below `n` (0 for `n` = 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

const INTERESTING: [u32; 10] = [
    0,
    1,
    0x7fff_ffff,
    0xffff_ffff,
    0x8000_0000,
    VECTOR_ID,
    0xfe,
    0xffff_fffe,
    0x74ae_4240, // updates
    0x6724_abc4, // textBold
];

/// One to four mutations of `buf`: byte flips, interesting words, 4-aligned words copied from
/// elsewhere in the input (valid constructor ids in the wrong place), cuts and duplications.
pub fn mutate(rng: &mut Rng, buf: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        if buf.len() < 8 {
            buf.extend(rng.next_u64().to_le_bytes());
        }
        let at = rng.below(buf.len() - 4) & !3;
        match rng.below(7) {
            0 => buf[at + rng.below(4)] ^= 1 << rng.below(8),
            1 => buf[at + rng.below(4)] = rng.next_u64() as u8,
            2 => {
                let w = INTERESTING[rng.below(INTERESTING.len())];
                buf[at..at + 4].copy_from_slice(&w.to_le_bytes());
            }
            3 => {
                let from = rng.below(buf.len() - 4) & !3;
                let w: [u8; 4] = buf[from..from + 4].try_into().unwrap();
                buf[at..at + 4].copy_from_slice(&w);
            }
            4 => buf.truncate(at + rng.below(4)),
            5 => {
                let end = (at + 4 * (1 + rng.below(16))).min(buf.len());
                buf.drain(at..end);
            }
            _ => {
                let end = (at + 4 * (1 + rng.below(16))).min(buf.len());
                let chunk = buf[at..end].to_vec();
                buf.splice(at..at, chunk);
            }
        }
    }
}
