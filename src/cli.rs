//! The non-interactive command-line interface (`cli.md`).
