//! Usage errors in the user's language: clap's own messages are English, and a frontdesk
//! consultant who mistypes an option should get one plain Dutch sentence, the usage line
//! and where to find more.

use crate::domain::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// clap's help in Dutch: headings, the help and version flags, and the annotations clap
/// adds itself. Only built when help is asked for, so a normal start pays nothing.
pub fn dutch_help(cmd: Command) -> Command {
    localise(cmd, true)
}

fn localise(cmd: Command, root: bool) -> Command {
    let mut cmd = cmd
        .help_template(
            "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading("Argumenten")
            } else {
                a.help_heading("Opties")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Toon deze uitleg")
                .help_heading("Opties"),
        )
        .mut_subcommands(|sub| localise(sub, false));
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon het versienummer")
                .help_heading("Opties"),
        );
    }
    cmd
}

/// The help text clap rendered from `dutch_help`, with the words clap adds itself in
/// Dutch.
pub fn dutch_help_text(rendered: &str) -> String {
    rendered
        .replace("[OPTIONS]", "[OPTIES]")
        .replace("[possible values: ", "[mogelijke waarden: ")
        .replace("[default: ", "[standaard: ")
        .replace("[env: ", "[omgevingsvariabele: ")
}

/// The language asked for on the command line (`--lang en` or `--lang=en`), looked up
/// without clap because it is clap that failed; Dutch otherwise.
pub fn lang_from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Lang {
    let mut next_is_lang = false;
    for arg in args {
        let arg = arg.to_string_lossy().into_owned();
        let value = if next_is_lang {
            Some(arg.as_str())
        } else {
            arg.strip_prefix("--lang=")
        };
        if value.is_some_and(|v| v.eq_ignore_ascii_case("en")) {
            return Lang::En;
        }
        next_is_lang = arg == "--lang";
    }
    Lang::Nl
}

/// The lines to print for a usage error (exit code 2): what is wrong, the usage line of
/// the command concerned, and a pointer to `--help`.
pub fn explain(e: &clap::Error, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let arg = context_text(e, ContextKind::InvalidArg);
    let value = context_text(e, ContextKind::InvalidValue);
    let mut lines = vec![sentence(e, nl, arg.as_deref(), value.as_deref())];
    if let Some(why) = reason(e, nl) {
        lines.push(why);
    }
    if let Some(valid) = context_list(e, ContextKind::ValidValue) {
        lines.push(if nl {
            format!("Kies uit: {}.", valid.join(", "))
        } else {
            format!("Choose from: {}.", valid.join(", "))
        });
    }
    let suggestion = context_list(e, ContextKind::SuggestedArg)
        .or_else(|| context_list(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context_list(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion.and_then(|s| s.into_iter().next()) {
        lines.push(if nl {
            format!("Bedoelt u {s}?")
        } else {
            format!("Did you mean {s}?")
        });
    }
    let mut command = "meedoen".to_string();
    if let Some(usage) = context_text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        // The command words before the first option or placeholder: where --help helps.
        command = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['-', '<', '[']))
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(if nl {
            let usage = usage
                .replace("[OPTIONS]", "[OPTIES]")
                .replace("[COMMAND]", "[OPDRACHT]")
                .replace("<COMMAND>", "<OPDRACHT>");
            format!("Gebruik: {usage}")
        } else {
            format!("Usage: {usage}")
        });
    }
    lines.push(if nl {
        format!("Meer uitleg: {command} --help")
    } else {
        format!("More: {command} --help")
    });
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { format!("meedoen: {l}") } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

fn sentence(e: &clap::Error, nl: bool, arg: Option<&str>, value: Option<&str>) -> String {
    let arg = arg.unwrap_or("?");
    let value = value.unwrap_or("");
    let (dutch, english) = match e.kind() {
        ErrorKind::UnknownArgument => (
            format!("onbekende optie of argument '{arg}'."),
            format!("unknown option or argument '{arg}'."),
        ),
        ErrorKind::InvalidSubcommand => {
            let sub = context_text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            (
                format!("onbekende opdracht '{sub}'."),
                format!("unknown command '{sub}'."),
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => (
            format!("{arg} heeft een waarde nodig."),
            format!("{arg} needs a value."),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            format!("'{value}' is geen geldige waarde voor {arg}."),
            format!("'{value}' is not a valid value for {arg}."),
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = context_list(e, ContextKind::InvalidArg)
                .unwrap_or_default()
                .join(", ");
            (
                format!("dit ontbreekt nog: {missing}."),
                format!("missing: {missing}."),
            )
        }
        ErrorKind::ArgumentConflict => {
            let other = context_text(e, ContextKind::PriorArg).unwrap_or_default();
            (
                format!("{arg} kan niet samen met {other}."),
                format!("{arg} cannot be used with {other}."),
            )
        }
        ErrorKind::MissingSubcommand => (
            "welke opdracht? Geef er een.".to_string(),
            "which command? Give one.".to_string(),
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => (
            format!("verkeerd aantal waarden voor {arg}."),
            format!("wrong number of values for {arg}."),
        ),
        ErrorKind::NoEquals => (
            format!("{arg} wil zijn waarde na een '='."),
            format!("{arg} wants its value after '='."),
        ),
        ErrorKind::InvalidUtf8 => (
            "een argument is geen geldige tekst (UTF-8).".to_string(),
            "an argument is not valid text (UTF-8).".to_string(),
        ),
        _ => (
            "deze opdrachtregel klopt niet.".to_string(),
            "this command line is not right.".to_string(),
        ),
    };
    if nl {
        dutch
    } else {
        english
    }
}

/// Why a value was refused, where clap's reason is one we can say plainly.
fn reason(e: &clap::Error, nl: bool) -> Option<String> {
    use std::error::Error;
    use std::num::IntErrorKind;
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let source = e.source()?;
    if let Some(p) = source.downcast_ref::<std::num::ParseIntError>() {
        let too_big = matches!(
            p.kind(),
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow
        );
        return Some(match (too_big, nl) {
            (true, true) => "Dat getal is te groot.".to_string(),
            (true, false) => "That number is too large.".to_string(),
            (false, true) => "Geef een geheel getal, alleen cijfers.".to_string(),
            (false, false) => "Give a whole number, digits only.".to_string(),
        });
    }
    // clap's range check says "5 is not in 1..=1000000".
    let text = source.to_string();
    let (_, range) = text.split_once(" is not in ")?;
    let (low, high) = range.split_once("..=")?;
    Some(if nl {
        format!("Kies een getal van {low} tot en met {high}.")
    } else {
        format!("Choose a number from {low} to {high}.")
    })
}

fn context_text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStrs(v) => v.first().map(ToString::to_string),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn context_list(e: &clap::Error, kind: ContextKind) -> Option<Vec<String>> {
    let list = match e.get(kind)? {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::StyledStr(s) => vec![s.to_string()],
        ContextValue::Strings(v) => v.clone(),
        ContextValue::StyledStrs(v) => v.iter().map(ToString::to_string).collect(),
        _ => return None,
    };
    (!list.is_empty()).then_some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_found_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_from_args(args(&["meedoen", "--lang", "en"])), Lang::En);
        assert_eq!(
            lang_from_args(args(&["meedoen", "--lang=EN", "x"])),
            Lang::En
        );
        assert_eq!(lang_from_args(args(&["meedoen", "--lang", "nl"])), Lang::Nl);
        assert_eq!(lang_from_args(args(&["meedoen", "en"])), Lang::Nl);
    }
}
