//! Reference program for the start-up benchmark: the least a ratatui program can do (open
//! the terminal, draw one bordered line, wait for `q`), so meedoen's first frame can be
//! compared with it on the same machine.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, Paragraph};

/// The benchmark waits for this text to know the first frame is on screen.
const READY: &str = "Referentie klaar - druk q om te stoppen";

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    // Start crossterm's event reader (and its SIGWINCH handler) before the first frame:
    // otherwise a resize right after that frame is lost.
    let _ = event::poll(std::time::Duration::ZERO);
    let result = (|| loop {
        terminal.draw(|frame| {
            let area = frame.area();
            let line = ratatui::layout::Rect {
                height: area.height.min(3),
                ..area
            };
            frame.render_widget(Paragraph::new(READY).block(Block::bordered()), line);
        })?;
        // Block on input, like the real program: an idle screen costs no CPU.
        if let Event::Key(k) = event::read()? {
            if k.kind == KeyEventKind::Press && k.code == KeyCode::Char('q') {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result
}
