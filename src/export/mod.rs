//! Rendering the social contract: PDF, printable HTML and Markdown from one model.
