//! Demo database of clearly fictitious residents.
