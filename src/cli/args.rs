//! The command line as clap sees it: global options and the subcommands of `cli.md`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// meedoen — integrale intake, participatieladder, signalen en sociale overeenkomst voor
/// de frontdesk van Werk & Inkomen.
///
/// Zonder opdracht opent meedoen het scherm. De opdrachten hieronder werken zonder scherm.
/// Afsluitcodes: 0 gelukt, 1 fout in de invoer (één regel uitleg), 2 verkeerd gebruik.
#[derive(Debug, Parser)]
#[command(name = "meedoen", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parse the command line. Opening the interface (no command, the common case) only
    /// needs the global options: a parser of just those is built in a third of the time
    /// of the whole command tree, which counts at start-up. Anything else, or anything
    /// that parser refuses, goes through the full parser and its messages.
    pub fn parse_args() -> Result<Cli, clap::Error> {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let plain = args.iter().skip(1).all(|a| {
            let a = a.to_string_lossy();
            !matches!(a.as_ref(), "-h" | "--help" | "-V" | "--version" | "help")
                && !SUBCOMMANDS.contains(&a.as_ref())
        });
        if plain {
            if let Ok(only) = <InterfaceOnly as clap::Parser>::try_parse_from(&args) {
                return Ok(Cli {
                    global: only.global,
                    command: None,
                });
            }
        }
        <Cli as clap::Parser>::try_parse_from(args)
    }
}

/// The names of the commands: a command line without any of them opens the interface.
const SUBCOMMANDS: &[&str] = &[
    "demo", "forms", "ladder", "intake", "contract", "worklist", "report", "db",
];

/// The interface's command line: the global options alone (see `Cli::parse_args`).
#[derive(Debug, Parser)]
#[command(name = "meedoen")]
struct InterfaceOnly {
    #[command(flatten)]
    global: GlobalOpts,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalOpts {
    /// Databasebestand (standaard: $MEEDOEN_DB, anders meedoen.db in de gegevensmap van
    /// dit platform).
    #[arg(long, global = true, value_name = "PAD")]
    pub db: Option<PathBuf>,

    /// Medewerker die in het toegangslogboek komt (standaard: de gebruiker van het systeem).
    #[arg(long, global = true, value_name = "NAAM")]
    pub user: Option<String>,

    /// Taal van scherm en meldingen.
    #[arg(long, global = true, value_enum, value_name = "TAAL")]
    pub lang: Option<LangArg>,

    /// Map met formulieren (standaard: <configuratiemap>/forms als die bestaat, anders de
    /// ingebouwde formulieren).
    #[arg(long, global = true, value_name = "MAP")]
    pub forms: Option<PathBuf>,

    /// Alleen ASCII-tekens op het scherm (geen lijntekens).
    #[arg(long, global = true)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Maak een demodatabase met verzonnen inwoners (nooit de echte database) en open het
    /// scherm erop.
    ///
    /// Standaard komt de demo in demo.db in de gegevensmap en wordt die elke keer opnieuw
    /// gemaakt. Met --db PAD (als optie, niet via MEEDOEN_DB) komt de demo in dat bestand;
    /// een bestaand bestand wordt dan nooit overschreven.
    Demo(DemoArgs),

    /// Formulierdefinities controleren.
    #[command(subcommand)]
    Forms(FormsCommand),

    /// Participatieladder.
    #[command(subcommand)]
    Ladder(LadderCommand),

    /// Intakes inlezen uit andere systemen.
    #[command(subcommand)]
    Intake(IntakeCommand),

    /// Sociale overeenkomst opstellen en afdrukken.
    #[command(subcommand)]
    Contract(ContractCommand),

    /// Inwoners die aan de beurt zijn voor contact: nog geen contact dit kalenderjaar, of
    /// de evaluatiedatum van de overeenkomst is voorbij.
    Worklist(WorklistArgs),

    /// Cijfers voor de monitor, zonder persoonsgegevens.
    Report(ReportArgs),

    /// De database zelf: controleren, reservekopie maken en terugzetten.
    #[command(subcommand)]
    Db(DbCommand),
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Aantal verzonnen inwoners.
    #[arg(long, value_name = "N", default_value_t = 200,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub clients: u32,

    /// Startgetal: dezelfde waarde geeft dezelfde demo.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Alleen de database maken, het scherm niet openen.
    #[arg(long)]
    pub no_tui: bool,
}

#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// Controleer de formulieren in MAP (standaard: de formulieren die meedoen gebruikt).
    /// Elke fout als bestand:regel: melding.
    Check {
        #[arg(value_name = "MAP")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Bereken de trede uit een antwoordbestand (zonder database).
    Score {
        /// Antwoordbestand (JSON, zie de README).
        #[arg(long, value_name = "BESTAND")]
        answers: PathBuf,
        /// Uitvoer als JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum IntakeCommand {
    /// Sla een intake op uit een antwoordbestand (of met --client een jaargesprek). Drukt
    /// het inwonernummer af.
    Import {
        /// Antwoordbestand (JSON, zie de README).
        #[arg(long, value_name = "BESTAND")]
        answers: PathBuf,
        /// Bestaande inwoner: sla een jaargesprek op in plaats van een nieuwe intake.
        #[arg(long, value_name = "ID")]
        client: Option<i64>,
        /// Datum van het gesprek, JJJJ-MM-DD (standaard: vandaag).
        #[arg(long, value_name = "JJJJ-MM-DD")]
        date: Option<String>,
        /// Uitvoer als JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Pdf,
    Html,
    Md,
}

#[derive(Debug, Subcommand)]
pub enum ContractCommand {
    /// Stel een concept op uit de laatste intake, met de voorstellen overgenomen (of geef
    /// het openstaande concept terug).
    Draft {
        /// Inwonernummer (staat in het dossier en in `meedoen worklist`).
        #[arg(value_name = "INWONER")]
        client: i64,
        /// Uitvoer als JSON.
        #[arg(long)]
        json: bool,
    },
    /// Schrijf de laatste overeenkomst naar een bestand.
    Export {
        /// Inwonernummer (staat in het dossier en in `meedoen worklist`).
        #[arg(value_name = "INWONER")]
        client: i64,
        /// Soort bestand: PDF om af te drukken, HTML of Markdown.
        #[arg(long, value_enum, value_name = "pdf|html|md")]
        format: ExportFormat,
        /// Het bestand dat gemaakt wordt; een bestaand bestand wordt vervangen, maar nooit
        /// een database, een map of een apparaat. Met - gaat het naar de standaarduitvoer.
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Controleer de database zonder iets te veranderen: of het bestand heel is (SQLite
    /// integrity_check), BSN's die bij meer dossiers staan en het toegangslogboek.
    /// Afsluitcode 0 als alles in orde is, anders 1.
    Check,
    /// Maak een reservekopie van de database, ook terwijl collega's werken. Een bestaand
    /// bestand wordt nooit overschreven.
    Backup {
        /// Het bestand dat gemaakt wordt (het mag nog niet bestaan).
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Zet een reservekopie terug als nieuwe database, na controle van de kopie. Een
    /// bestaand bestand wordt nooit overschreven.
    Restore {
        /// De reservekopie.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// De nieuwe database die gemaakt wordt (het bestand mag nog niet bestaan).
        #[arg(long, value_name = "NIEUW.db")]
        to: PathBuf,
    },
}

#[derive(Debug, Clone, Args)]
pub struct WorklistArgs {
    /// Peildatum, JJJJ-MM-DD (standaard: vandaag).
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub as_of: Option<String>,
    /// Uitvoer als JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Peildatum, JJJJ-MM-DD (standaard: vandaag).
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub as_of: Option<String>,
    /// Uitvoer als JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Uitvoer als CSV (kopregel as_of,figure,key,value), om in de raadsmonitor te plakken.
    #[arg(long)]
    pub csv: bool,
    /// Exacte aantallen, ook van 1 tot 4 (voor het team zelf; niet publiceren). Zonder deze
    /// optie staan kleine aantallen als <5 (CSV, tekst) of null (JSON).
    #[arg(long)]
    pub intern: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_quick_interface_parser_knows_every_command() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        names.sort();
        let mut listed: Vec<String> = SUBCOMMANDS.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(names, listed);
    }
}
