//! Whole-suite stories live in `stories/`; this library is empty.
