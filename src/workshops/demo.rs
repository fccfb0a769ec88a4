//! Demo workshops: placeholder until written.
