//! `meedoen ladder score`: the rung and its explanation from an answers file, no database.

use super::answers::read_answers;
use super::env::Context;
use super::error::CliError;
use crate::domain::ladder;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
struct ScoreJson<'a> {
    rung: u8,
    name: &'a str,
    explanation: &'a str,
}

pub fn score(
    ctx: &Context,
    answers_file: &Path,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let forms = ctx.load_forms()?;
    let answers = read_answers(answers_file, &forms.intake, ctx.today, ctx.lang)?;
    let score = ladder::score(&answers, &forms.ladder_settings);
    let name = forms
        .ladder
        .rung(score.rung)
        .map(|r| r.name.get(ctx.lang).to_string())
        .unwrap_or_default();
    if json {
        let doc = ScoreJson {
            rung: score.rung,
            name: &name,
            explanation: &score.explanation,
        };
        super::print_json(out, &doc)
    } else {
        let word = match ctx.lang {
            crate::domain::Lang::Nl => "Trede",
            crate::domain::Lang::En => "Rung",
        };
        let _ = writeln!(out, "{word} {}: {name}\n{}", score.rung, score.explanation);
        Ok(())
    }
}
