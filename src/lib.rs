//! nutgraf
