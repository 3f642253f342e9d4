//! A damaged database in the interface: the daily background check and the banner of
//! the read-only mode that follows.

use super::theme::Theme;
use crate::forms::Lang;
use crate::store::check::Checker;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// Lines of the banner under the title bar.
pub const BANNER_HEIGHT: u16 = 2;

/// How often the event loop looks whether the background check is done.
pub const CHECK_POLL: Duration = Duration::from_millis(250);

/// The banner's two lines; each fits in 80 columns.
pub fn banner_lines(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Nl => [
            " De database is beschadigd: meedoen werkt nu alleen-lezen.",
            " Sluit af en laat de laatste reservekopie terugzetten (meedoen db restore).",
        ],
        Lang::En => [
            " The database is damaged: meedoen is now read-only.",
            " Quit and have the latest backup restored (meedoen db restore).",
        ],
    }
}

/// A status line that repeats the store's damage sentence is cut down to a pointer to
/// the banner, so it fits at 80 columns; other texts stay as they are.
pub fn shorten_status(msg: &str, lang: Lang) -> String {
    let full = StoreError::Damaged.to_string();
    let short = match lang {
        Lang::Nl => "Dat kan nu niet: de database is beschadigd (zie de melding bovenaan).",
        Lang::En => "Not possible now: the database is damaged (see the notice at the top).",
    };
    let within = match lang {
        Lang::Nl => "de database is beschadigd.",
        Lang::En => "the database is damaged.",
    };
    if msg == full {
        short.to_string()
    } else {
        msg.replace(&full, within)
    }
}

pub fn render_banner(f: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
    let style = theme.error().add_modifier(Modifier::REVERSED);
    let lines: Vec<Line> = banner_lines(lang)
        .iter()
        .map(|l| Line::styled(super::text::pad(l, area.width as usize), style))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// Start the day's check on another thread, unless the file was already found sound
/// today (by this or another workstation). The answer, `true` for sound, comes on the
/// channel.
pub fn start_daily_check(store: &Store, today: NaiveDate) -> Option<Receiver<bool>> {
    let db = store.path()?;
    let stamp = crate::store::check::daily_stamp_path(&db);
    let day = today.format("%Y-%m-%d").to_string();
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == day) {
        return None;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("dagcontrole".into())
        .spawn(move || {
            let sound = match Checker::open(&db) {
                Ok(c) => match c.quick() {
                    Ok(found) => found.is_empty(),
                    Err(_) => return,
                },
                Err(StoreError::Damaged | StoreError::Corrupt(_)) => false,
                // Not being able to look (busy, gone) is no finding; tomorrow again.
                Err(_) => return,
            };
            if sound {
                // Without the note the check simply runs again at the next start.
                let _ = crate::store::private::write(&stamp, day.as_bytes());
            }
            let _ = tx.send(sound);
        });
    spawned.ok().map(|_| rx)
}
