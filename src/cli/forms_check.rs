//! `meedoen forms check [DIR]`: every problem in a forms folder as `file:line: message`.

use super::env::{tr, Context};
use super::error::CliError;
use crate::domain::Lang;
use crate::forms::{self, Forms};
use std::io::Write;
use std::path::Path;

pub fn run(ctx: &Context, dir: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = dir
        .map(Path::to_path_buf)
        .or_else(|| ctx.forms_dir_in_force());
    let Some(dir) = dir else {
        let f = forms::builtin();
        let _ = writeln!(
            out,
            "{} {}",
            tr(
                ctx.lang,
                "De ingebouwde formulieren zijn in orde:",
                "The built-in forms are in order:"
            ),
            summary(&f, ctx.lang)
        );
        return Ok(());
    };
    if !dir.is_dir() {
        return Err(CliError::new(format!(
            "{} {}",
            tr(ctx.lang, "De map bestaat niet:", "No such folder:"),
            dir.display()
        )));
    }
    match forms::load_dir(&dir) {
        Ok(f) => {
            let _ = writeln!(
                out,
                "{} {}: {}",
                tr(ctx.lang, "Formulieren in orde in", "Forms in order in"),
                dir.display(),
                summary(&f, ctx.lang)
            );
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(out, "{p}");
            }
            let n = problems.len();
            Err(CliError::new(match ctx.lang {
                Lang::Nl => format!(
                    "{n} {} in {}.",
                    if n == 1 { "fout" } else { "fouten" },
                    dir.display()
                ),
                Lang::En => format!("{n} problem(s) in {}.", dir.display()),
            }))
        }
    }
}

fn summary(f: &Forms, lang: Lang) -> String {
    let questions = f.intake.questions().count();
    match lang {
        Lang::Nl => format!(
            "intake versie {}, {} onderdelen, {questions} vragen, {} signaalregels, {} voorstelregels.",
            f.intake.version,
            f.intake.sections.len(),
            f.signals.len(),
            f.suggestions.len()
        ),
        Lang::En => format!(
            "intake version {}, {} sections, {questions} questions, {} signal rules, {} suggestion rules.",
            f.intake.version,
            f.intake.sections.len(),
            f.signals.len(),
            f.suggestions.len()
        ),
    }
}
