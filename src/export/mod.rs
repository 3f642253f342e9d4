//! Rendering the social contract: PDF, printable HTML and Markdown from one model.
//!
//! All three formats are drawn from the same [`doc::Doc`], so they always say the same
//! thing in the same words; only the presentation differs.

mod doc;
mod font;
mod html;
pub mod inzage;
mod markdown;
mod pdf;

use crate::domain::contract::Contract;
use crate::forms::ContractTexts;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

pub use html::render_html;
pub use inzage::{inzage_file_name, render_inzage_json, render_inzage_pdf, Inzage};
pub use markdown::render_markdown;
pub use pdf::render_pdf;

/// Why a document could not be written. The messages are shown to the user as they are.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("De map {} bestaat niet.", .0.display())]
    FolderMissing(PathBuf),
    #[error("U mag niet schrijven in map {}.", .0.display())]
    ReadOnly(PathBuf),
    #[error("De schijf is vol: {} is niet opgeslagen.", .0.display())]
    DiskFull(PathBuf),
    #[error("{} is geen gewoon bestand en wordt niet vervangen.", .0.display())]
    NotAFile(PathBuf),
    #[error("{} is een database en wordt niet overschreven.", .0.display())]
    IsDatabase(PathBuf),
    #[error("Het PDF-bestand kon niet worden gemaakt ({0}).")]
    Pdf(String),
    #[error("Het bestand {} kon niet worden opgeslagen ({source}).", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The three printable formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Html,
    Md,
}

impl Format {
    /// File extension without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Md => "md",
        }
    }

    /// `pdf`, `html`, `md` (also `markdown`), as typed on the command line.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            _ => None,
        }
    }
}

/// Render `c` in `format` and write it atomically to `path`.
pub fn export(
    c: &Contract,
    t: &ContractTexts,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = render(c, t, format)?;
    write_atomic(path, &bytes)
}

/// Render `c` in `format` without writing it (the store keeps the exact bytes with a hash).
pub fn render(c: &Contract, t: &ContractTexts, format: Format) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Pdf => render_pdf(c, t)?,
        Format::Html => render_html(c, t).into_bytes(),
        Format::Md => render_markdown(c, t).into_bytes(),
    })
}

/// `sociale-overeenkomst_<achternaam>_<yyyy-mm-dd>_v<n>.<ext>`, the date being the date of
/// the document (the day it was agreed, or else the day it was drafted).
pub fn file_name(c: &Contract, surname: &str, ext: &str) -> String {
    let date = c.agreed_on.unwrap_or(c.date);
    format!(
        "sociale-overeenkomst_{}_{}_v{}.{}",
        slug(surname),
        date.format("%Y-%m-%d"),
        c.version,
        ext.trim_start_matches('.')
    )
}

/// The user's documents folder, or their home folder when there is none.
pub fn documents_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(
        dirs.document_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.home_dir().to_path_buf()),
    )
}

/// Lowercase, diacritics folded, spaces to `-`, only `[a-z0-9-]`; never empty.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        let folded = fold_char(c);
        for f in folded.chars() {
            let f = f.to_ascii_lowercase();
            if f.is_ascii_lowercase() || f.is_ascii_digit() {
                out.push(f);
            } else if (f == '-' || f.is_whitespace() || f == '_' || f == '\'')
                && !out.is_empty()
                && !out.ends_with('-')
            {
                // An apostrophe ("d'Ancona") separates like a space does.
                out.push('-');
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "onbekend".to_string()
    } else {
        out
    }
}

/// The letter without its accent, for the Latin letters Dutch names use.
fn fold_char(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            "i"
        }
        'ĳ' | 'Ĳ' => "ij",
        'ł' | 'Ł' | 'ľ' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return c.to_string(),
    };
    s.to_string()
}

/// Write `bytes` to `path` so that `path` holds either its old content or all of the new
/// content, never a part: write a temporary file in the same folder, flush it to disk,
/// then rename it over `path`. On any failure the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(ExportError::FolderMissing(folder));
    }
    // A rename would put the document in the place of a device, a fifo or a database;
    // only an ordinary file (or a symlink to one, which stays as it is) is replaced.
    // The command line checks more (the open database under any name) beforehand.
    if std::fs::symlink_metadata(path).is_ok() {
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(ExportError::NotAFile(path.to_path_buf()));
        }
        if starts_like_sqlite(path) {
            return Err(ExportError::IsDatabase(path.to_path_buf()));
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".to_string());

    let (tmp_path, mut file) = create_temp(&folder, &name)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp_path, path)
    })();
    if let Err(e) = result {
        // Best effort: the temp file may already be gone; the original error is what counts.
        let _ = std::fs::remove_file(&tmp_path);
        return Err(classify(e, &folder, path));
    }
    sync_folder(&folder);
    Ok(())
}

/// Does the file begin with the 16 bytes every SQLite database begins with?
pub fn starts_like_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

/// A new, hidden temporary file next to the target; never reuses an existing one.
fn create_temp(folder: &Path, name: &str) -> Result<(PathBuf, std::fs::File), ExportError> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = folder.join(format!(".{name}.{pid}-{n}.tmp"));
        // The document holds a BSN and the resident's own words: the owner's alone.
        match crate::store::private::options()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(classify(e, folder, &tmp)),
        }
    }
}

/// Make the rename itself durable (Unix; on Windows the rename is flushed by the system).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        // A failure here only weakens durability after a power cut, not the document.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

fn classify(e: io::Error, folder: &Path, path: &Path) -> ExportError {
    match e.kind() {
        io::ErrorKind::NotFound => ExportError::FolderMissing(folder.to_path_buf()),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            ExportError::ReadOnly(folder.to_path_buf())
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            ExportError::DiskFull(path.to_path_buf())
        }
        _ => ExportError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_diacritics_and_keeps_only_safe_characters() {
        assert_eq!(slug("Ünal-Müller"), "unal-muller");
        assert_eq!(slug("van den Bĳl"), "van-den-bijl");
        assert_eq!(slug("  d'Ancona  "), "d-ancona");
        assert_eq!(slug("Voorbeeld/../etc"), "voorbeeldetc");
        assert_eq!(slug("Çelik Øster"), "celik-oster");
        assert_eq!(slug("???"), "onbekend");
        assert_eq!(slug(""), "onbekend");
    }

    #[test]
    fn io_errors_become_clear_dutch_messages() {
        let folder = Path::new("/tmp/map");
        let file = Path::new("/tmp/map/a.pdf");
        let ro = classify(
            io::Error::from(io::ErrorKind::PermissionDenied),
            folder,
            file,
        );
        assert_eq!(ro.to_string(), "U mag niet schrijven in map /tmp/map.");
        let full = classify(io::Error::from(io::ErrorKind::StorageFull), folder, file);
        assert_eq!(
            full.to_string(),
            "De schijf is vol: /tmp/map/a.pdf is niet opgeslagen."
        );
        let gone = classify(io::Error::from(io::ErrorKind::NotFound), folder, file);
        assert_eq!(gone.to_string(), "De map /tmp/map bestaat niet.");
    }

    #[test]
    fn format_parses_what_the_cli_accepts() {
        assert_eq!(Format::parse("PDF"), Some(Format::Pdf));
        assert_eq!(Format::parse("markdown"), Some(Format::Md));
        assert_eq!(Format::parse("html"), Some(Format::Html));
        assert_eq!(Format::parse("docx"), None);
    }
}
