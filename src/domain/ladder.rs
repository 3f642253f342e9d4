//! The participation ladder: the scoring procedure of `ladder.md` as a pure function.

use super::value::{Answers, Value};
use serde::{Deserialize, Serialize};

/// Settings a municipality may change in `forms/ladder.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LadderSettings {
    /// Count weekly mantelzorg as unpaid work (rung 4). Off by default.
    pub mantelzorg_counts_as_unpaid_work: bool,
}

/// A computed rung with the Dutch sentence naming the answers that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderScore {
    /// 1..=6
    pub rung: u8,
    pub explanation: String,
}

/// The question ids the procedure reads (ids from `intake.md`).
pub mod ids {
    pub const PAID: &str = "werk.betaald";
    pub const SUPPORT: &str = "werk.ondersteuning";
    pub const INCOME_SOURCES: &str = "inkomen.bronnen";
    pub const INBURGERING: &str = "taal.inburgeringsplichtig";
    pub const UNPAID: &str = "meedoen.onbetaald_werk";
    pub const ORGANISED: &str = "meedoen.georganiseerd";
    pub const SOCIAL: &str = "meedoen.sociaal_contact";
    pub const MANTELZORG: &str = "meedoen.mantelzorg";
    /// Every id above: the inputs of the ladder.
    pub const ALL: &[&str] = &[
        PAID,
        SUPPORT,
        INCOME_SOURCES,
        INBURGERING,
        UNPAID,
        ORGANISED,
        SOCIAL,
        MANTELZORG,
    ];
}

/// Answer to one of the three frequency questions; unanswered counts as `nee`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Frequency {
    No,
    LessThanWeekly,
    Weekly,
}

fn frequency(answers: &Answers, id: &str) -> Frequency {
    match answers.get(id) {
        Some(Value::Choice(c)) if c == "wekelijks" => Frequency::Weekly,
        Some(Value::Choice(c)) if c == "minder" => Frequency::LessThanWeekly,
        _ => Frequency::No,
    }
}

/// Unanswered counts as no.
fn is_yes(answers: &Answers, id: &str) -> bool {
    match answers.get(id) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Choice(c)) => c == "ja",
        _ => false,
    }
}

fn options(answers: &Answers, id: &str) -> Vec<String> {
    match answers.get(id) {
        Some(Value::Multi(items)) => items.clone(),
        Some(Value::Choice(c)) if !c.trim().is_empty() => vec![c.clone()],
        _ => Vec::new(),
    }
}

/// Plain-Dutch wording of a support option, for the explanation.
fn support_phrase(option: &str) -> String {
    match option {
        "aanvullende_uitkering" => "aanvullende uitkering".to_string(),
        "loonkostensubsidie" => "loonkostensubsidie".to_string(),
        "jobcoach" => "jobcoach".to_string(),
        "beschut_werk" => "beschut werk".to_string(),
        "leerwerk" => "leerwerktraject".to_string(),
        "inburgering_educatie" => "inburgering of opleiding naast het werk".to_string(),
        other => other.replace('_', " "),
    }
}

/// Score the current rung from intake answers (see `ladder.md`). Unanswered questions
/// count as "nee".
pub fn score(answers: &Answers, settings: &LadderSettings) -> LadderScore {
    if is_yes(answers, ids::PAID) {
        return score_paid(answers);
    }
    score_not_paid(answers, settings)
}

fn score_paid(answers: &Answers) -> LadderScore {
    let support: Vec<String> = options(answers, ids::SUPPORT)
        .iter()
        .filter(|o| o.as_str() != "geen")
        .map(|o| support_phrase(o))
        .collect();
    let sources = options(answers, ids::INCOME_SOURCES);
    let benefits: Vec<String> = [
        ("bijstand", "bijstand"),
        ("uwv_uitkering", "een UWV-uitkering"),
    ]
    .iter()
    .filter(|(id, _)| sources.iter().any(|s| s == id))
    .map(|(_, words)| (*words).to_string())
    .collect();
    let mut also: Vec<String> = Vec::new();
    if !benefits.is_empty() {
        also.push(format!("ontvangt daarnaast {}", join_dutch(&benefits)));
    }
    if is_yes(answers, ids::INBURGERING) {
        also.push("volgt inburgering".to_string());
    }
    if support.is_empty() && also.is_empty() {
        return LadderScore {
            rung: 6,
            explanation: "Trede 6: heeft betaald werk zonder ondersteuning; geen uitkering ernaast en geen inburgering.".to_string(),
        };
    }
    let work = if support.is_empty() {
        "heeft betaald werk".to_string()
    } else {
        format!(
            "heeft betaald werk met ondersteuning ({})",
            join_dutch(&support)
        )
    };
    let mut clauses = vec![work];
    clauses.extend(also.iter().cloned());
    let mut sentence = format!("Trede 5: {}", join_dutch(&clauses));
    if support.is_empty() {
        // Say why this counts as support: the published definitions treat it so.
        sentence.push_str("; een uitkering of inburgering naast het werk telt als ondersteuning");
    }
    sentence.push('.');
    LadderScore {
        rung: 5,
        explanation: sentence,
    }
}

fn score_not_paid(answers: &Answers, settings: &LadderSettings) -> LadderScore {
    let unpaid = frequency(answers, ids::UNPAID);
    let organised = frequency(answers, ids::ORGANISED);
    let social = frequency(answers, ids::SOCIAL);
    let mantelzorg = is_yes(answers, ids::MANTELZORG);
    let mantelzorg_counts = mantelzorg && settings.mantelzorg_counts_as_unpaid_work;

    // Each answer that reaches a rung, with the words that name it.
    let mut reached: Vec<(u8, &str)> = Vec::new();
    match unpaid {
        Frequency::Weekly => reached.push((4, "doet wekelijks onbetaald werk")),
        Frequency::LessThanWeekly => reached.push((3, "doet minder dan wekelijks onbetaald werk")),
        Frequency::No => {}
    }
    if mantelzorg_counts {
        reached.push((
            4,
            "geeft mantelzorg (telt in deze gemeente als onbetaald werk)",
        ));
    }
    match organised {
        Frequency::Weekly => reached.push((3, "volgt wekelijks een georganiseerde activiteit")),
        Frequency::LessThanWeekly => reached.push((
            2,
            "volgt minder dan wekelijks een georganiseerde activiteit",
        )),
        Frequency::No => {}
    }
    if social == Frequency::Weekly {
        reached.push((
            2,
            "heeft wekelijks persoonlijk contact buiten het huishouden",
        ));
    }

    let rung = reached.iter().map(|(r, _)| *r).max().unwrap_or(1);
    let deciding: Vec<String> = reached
        .iter()
        .filter(|(r, _)| *r == rung)
        .map(|(_, words)| (*words).to_string())
        .collect();

    let any_unpaid = unpaid != Frequency::No || mantelzorg_counts;
    let mut missing = if any_unpaid {
        "geen betaald werk".to_string()
    } else {
        "geen betaald of onbetaald werk".to_string()
    };
    if rung <= 2 && organised == Frequency::No {
        missing.push_str(" en geen georganiseerde activiteit");
    }
    if mantelzorg && !mantelzorg_counts && rung < 4 {
        missing.push_str(" (mantelzorg telt niet mee als onbetaald werk)");
    }

    let explanation = if rung == 1 {
        let contact = if social == Frequency::LessThanWeekly {
            "heeft minder dan wekelijks persoonlijk contact buiten het huishouden"
        } else {
            "geen wekelijks persoonlijk contact buiten het huishouden"
        };
        format!("Trede 1: {contact}; {missing}.")
    } else {
        format!("Trede {rung}: {}; {missing}.", join_dutch(&deciding))
    };
    LadderScore { rung, explanation }
}

/// `a`, `a en b`, `a, b en c`.
fn join_dutch(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, Value)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn choice(s: &str) -> Value {
        Value::Choice(s.to_string())
    }

    #[test]
    fn spec_example_sentence() {
        let a = answers(&[
            (ids::PAID, Value::Bool(false)),
            (ids::UNPAID, choice("nee")),
            (ids::ORGANISED, choice("wekelijks")),
            (ids::SOCIAL, choice("nee")),
        ]);
        let s = score(&a, &LadderSettings::default());
        assert_eq!(s.rung, 3);
        assert_eq!(
            s.explanation,
            "Trede 3: volgt wekelijks een georganiseerde activiteit; geen betaald of onbetaald werk."
        );
    }

    #[test]
    fn nothing_answered_is_rung_one() {
        let s = score(&Answers::new(), &LadderSettings::default());
        assert_eq!(s.rung, 1);
        assert!(s.explanation.starts_with("Trede 1: "));
    }

    #[test]
    fn support_is_named() {
        let a = answers(&[
            (ids::PAID, Value::Bool(true)),
            (ids::SUPPORT, Value::Multi(vec!["jobcoach".to_string()])),
            (
                ids::INCOME_SOURCES,
                Value::Multi(vec!["bijstand".to_string()]),
            ),
        ]);
        let s = score(&a, &LadderSettings::default());
        assert_eq!(s.rung, 5);
        assert_eq!(
            s.explanation,
            "Trede 5: heeft betaald werk met ondersteuning (jobcoach) en ontvangt daarnaast bijstand."
        );
    }
}
