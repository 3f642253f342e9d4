//! Every text the interface shows, in Dutch and English, in one place.

use crate::forms::Lang;

/// A fixed interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    AppName,
    TooSmall,
    // keys and actions
    Help,
    HelpTitle,
    HelpClose,
    Quit,
    Back,
    Open,
    Select,
    NewResident,
    SignalsList,
    NextField,
    PrevField,
    NextFieldOrLine,
    NextSection,
    PrevSection,
    Finish,
    SaveIntake,
    Toggle,
    PickNumber,
    Yes,
    No,
    ClearAnswer,
    LeaveText,
    NewContact,
    ContinueDraft,
    HandleSignal,
    Confirm,
    Cancel,
    MoveInList,
    /// Texts of the check-in, worklist, overview and outflow (their own module).
    F(super::followup_strings::F),
    // start screen
    StartTitle,
    SearchLabel,
    SearchPlaceholder,
    ResultsTitle,
    NoResults,
    DraftsTitle,
    NoDrafts,
    ColName,
    ColBirth,
    ColBsn,
    ColLastContact,
    ColRung,
    NewResidentLabel,
    // wizard
    WizardTitleNew,
    WizardTitleExisting,
    SectionsTitle,
    MarkLegend,
    SectionHidden,
    Sensitive,
    LastSection,
    FirstSection,
    FixProblems,
    YesLabel,
    NoLabel,
    // ladder
    LadderTitle,
    LadderComputed,
    LadderExpected,
    LadderChosenLabel,
    LadderReasonLabel,
    LadderReasonHelp,
    OverrideNeedsReason,
    LadderFieldsTitle,
    Saved,
    // autosave
    DraftSaveFailed,
    DraftUnreadable,
    // dossier
    DossierTitle,
    BsnLabel,
    BornLabel,
    PhoneLabel,
    EmailLabel,
    SignalsTitle,
    NoOpenSignals,
    ContactsTitle,
    NoContacts,
    HistoryTitle,
    NoMeasurements,
    KindIntake,
    KindCheckin,
    DraftWaiting,
    ReadOnlyKey,
    Overdue,
    Today,
    // signals screen
    SignalsScreenTitle,
    ColDeadline,
    ColDaysLeft,
    ColResident,
    ColSignal,
    ColSeverity,
    NoteDialogTitle,
    NoteNeeded,
    SignalHandled,
    SeverityUrgent,
    SeverityHigh,
    SeverityNormal,
}

/// The text in the chosen language.
pub fn tr(lang: Lang, s: S) -> &'static str {
    let (nl, en) = match s {
        S::F(f) => super::followup_strings::pair(f),
        S::AppName => ("meedoen", "meedoen"),
        S::TooSmall => (
            "Venster te klein (minimaal 80×24)",
            "Window too small (at least 80×24)",
        ),
        S::Help => ("Help", "Help"),
        S::HelpTitle => ("Toetsen", "Keys"),
        S::HelpClose => ("Esc sluit deze hulp", "Esc closes this help"),
        S::Quit => ("Stoppen", "Quit"),
        S::Back => ("Terug", "Back"),
        S::Open => ("Openen", "Open"),
        S::Select => ("Kiezen", "Select"),
        S::NewResident => ("Nieuwe inwoner", "New resident"),
        S::SignalsList => ("Signalen", "Signals"),
        S::NextField => ("Volgende vraag", "Next question"),
        S::PrevField => ("Vorige vraag", "Previous question"),
        S::NextFieldOrLine => ("Volgende vraag", "Next question"),
        S::NextSection => ("Volgend onderdeel", "Next section"),
        S::PrevSection => ("Vorig onderdeel", "Previous section"),
        S::Finish => ("Afronden", "Finish"),
        S::SaveIntake => ("Opslaan", "Save"),
        S::Toggle => ("Aan/uit", "Toggle"),
        S::PickNumber => ("Optie kiezen", "Pick option"),
        S::Yes => ("Ja", "Yes"),
        S::No => ("Nee", "No"),
        S::ClearAnswer => ("Antwoord wissen", "Clear answer"),
        S::LeaveText => ("Tekstvak verlaten", "Leave text box"),
        S::NewContact => ("Nieuw gesprek", "New conversation"),
        S::ContinueDraft => ("Concept verder", "Continue draft"),
        S::HandleSignal => ("Afhandelen", "Mark handled"),
        S::Confirm => ("Bevestigen", "Confirm"),
        S::Cancel => ("Annuleren", "Cancel"),
        S::MoveInList => ("Omhoog/omlaag", "Up/down"),
        S::StartTitle => ("Inwoners", "Residents"),
        S::SearchLabel => ("Zoeken", "Search"),
        S::SearchPlaceholder => (
            "naam, BSN of geboortedatum (dd-mm-jjjj)",
            "name, BSN or date of birth (dd-mm-yyyy)",
        ),
        S::ResultsTitle => ("Gevonden", "Found"),
        S::NoResults => ("Niemand gevonden.", "Nobody found."),
        S::DraftsTitle => (
            "Niet afgemaakte intakes van nieuwe inwoners",
            "Unfinished intakes of new residents",
        ),
        S::NoDrafts => ("Geen.", "None."),
        S::ColName => ("Naam", "Name"),
        S::ColBirth => ("Geboren", "Born"),
        S::ColBsn => ("BSN", "BSN"),
        S::ColLastContact => ("Gesprek", "Contact"),
        S::ColRung => ("Trede", "Rung"),
        S::NewResidentLabel => ("(nieuwe inwoner)", "(new resident)"),
        S::WizardTitleNew => ("Intake nieuwe inwoner", "Intake new resident"),
        S::WizardTitleExisting => ("Gesprek", "Conversation"),
        S::SectionsTitle => ("Onderdelen", "Sections"),
        S::MarkLegend => (
            "Tekens: leeg = niet begonnen, ~ = bezig, + = klaar, ! = fout",
            "Marks: blank = not started, ~ = busy, + = complete, ! = error",
        ),
        S::SectionHidden => ("niet van toepassing", "not applicable"),
        S::Sensitive => ("(gevoelig, verborgen)", "(sensitive, hidden)"),
        S::LastSection => (
            "Dit is het laatste onderdeel. Druk F10 om af te ronden.",
            "This is the last section. Press F10 to finish.",
        ),
        S::FirstSection => ("Dit is het eerste onderdeel.", "This is the first section."),
        S::FixProblems => (
            "Nog niet alles is goed ingevuld; de cursor staat bij het eerste punt.",
            "Not everything is filled in correctly; the cursor is at the first problem.",
        ),
        S::YesLabel => ("ja", "yes"),
        S::NoLabel => ("nee", "no"),
        S::LadderTitle => ("Participatieladder", "Participation ladder"),
        S::LadderComputed => ("nu", "now"),
        S::LadderExpected => ("verwacht", "expected"),
        S::LadderChosenLabel => (
            "Trede die u vastlegt (standaard de berekende)",
            "Rung you record (the computed one by default)",
        ),
        S::LadderReasonLabel => (
            "Reden voor een andere trede dan berekend",
            "Reason for a rung other than computed",
        ),
        S::LadderReasonHelp => (
            "Verplicht als u afwijkt van de berekende trede.",
            "Required when you differ from the computed rung.",
        ),
        S::OverrideNeedsReason => (
            "Schrijf waarom u een andere trede kiest dan de berekende.",
            "Write why you choose a rung other than the computed one.",
        ),
        S::LadderFieldsTitle => ("Verwachting", "Expectation"),
        S::Saved => ("Het gesprek is opgeslagen.", "The conversation is saved."),
        S::DraftSaveFailed => (
            "Het concept kon niet worden bewaard",
            "The draft could not be saved",
        ),
        S::DraftUnreadable => (
            "Dit concept kan niet worden gelezen; het is niet gewist.",
            "This draft cannot be read; it has not been deleted.",
        ),
        S::DossierTitle => ("Dossier", "Case file"),
        S::BsnLabel => ("BSN", "BSN"),
        S::BornLabel => ("Geboren", "Born"),
        S::PhoneLabel => ("Tel.", "Phone"),
        S::EmailLabel => ("E-mail", "E-mail"),
        S::SignalsTitle => ("Signalen", "Signals"),
        S::NoOpenSignals => ("Geen open signalen.", "No open signals."),
        S::ContactsTitle => ("Gesprekken", "Conversations"),
        S::NoContacts => ("Nog geen gesprekken.", "No conversations yet."),
        S::HistoryTitle => ("Trede door de tijd", "Rung over time"),
        S::NoMeasurements => ("Nog geen metingen.", "No measurements yet."),
        S::KindIntake => ("Intake", "Intake"),
        S::KindCheckin => ("Jaargesprek", "Check-in"),
        S::DraftWaiting => (
            "Er is een niet afgemaakt gesprek; druk F2 om verder te gaan.",
            "There is an unfinished conversation; press F2 to continue.",
        ),
        S::ReadOnlyKey => ("alleen lezen", "read only"),
        S::Overdue => ("te laat", "overdue"),
        S::Today => ("vandaag", "today"),
        S::SignalsScreenTitle => (
            "Open signalen van alle inwoners",
            "Open signals of all residents",
        ),
        S::ColDeadline => ("Termijn", "Deadline"),
        S::ColDaysLeft => ("Dagen", "Days"),
        S::ColResident => ("Inwoner", "Resident"),
        S::ColSignal => ("Signaal", "Signal"),
        S::ColSeverity => ("Ernst", "Severity"),
        S::NoteDialogTitle => (
            "Signaal afhandelen: wat is er gedaan?",
            "Mark signal handled: what was done?",
        ),
        S::NoteNeeded => (
            "Schrijf kort wat er is gedaan.",
            "Write briefly what was done.",
        ),
        S::SignalHandled => ("Het signaal is afgehandeld.", "The signal is handled."),
        S::SeverityUrgent => ("urgent", "urgent"),
        S::SeverityHigh => ("hoog", "high"),
        S::SeverityNormal => ("normaal", "normal"),
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// "nog 3 dagen", "vandaag", "2 dagen te laat".
pub fn days_left(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (_, 0) => tr(lang, S::Today).to_string(),
        (Lang::Nl, 1) => "nog 1 dag".to_string(),
        (Lang::Nl, d) if d > 0 => format!("nog {d} dagen"),
        (Lang::Nl, -1) => "1 dag te laat".to_string(),
        (Lang::Nl, d) => format!("{} dagen te laat", -d),
        (Lang::En, 1) => "1 day left".to_string(),
        (Lang::En, d) if d > 0 => format!("{d} days left"),
        (Lang::En, -1) => "1 day overdue".to_string(),
        (Lang::En, d) => format!("{} days overdue", -d),
    }
}

/// "Wordt bewerkt door X op werkplek Y sinds …; u kunt alleen lezen".
pub fn locked_by(lang: Lang, staff: &str, workstation: &str, since: &str) -> String {
    match lang {
        Lang::Nl => format!(
            "Wordt bewerkt door {staff} op werkplek {workstation} sinds {since}; u kunt alleen lezen."
        ),
        Lang::En => format!(
            "Being edited by {staff} on workstation {workstation} since {since}; you can only read."
        ),
    }
}

/// Status line after a failed draft save: the reason plus the promise nothing is lost.
pub fn draft_save_failed(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Nl => format!(
            "{}: {reason} Uw invoer staat nog op het scherm; er wordt opnieuw geprobeerd.",
            tr(lang, S::DraftSaveFailed)
        ),
        Lang::En => format!(
            "{}: {reason} Your input is still on screen; saving is retried.",
            tr(lang, S::DraftSaveFailed)
        ),
    }
}

/// "Trede 3 · verwacht 4 over 12 maanden".
pub fn measurement_line(
    lang: Lang,
    chosen: u8,
    expected: Option<u8>,
    months: Option<u32>,
) -> String {
    let mut s = match lang {
        Lang::Nl => format!("trede {chosen}"),
        Lang::En => format!("rung {chosen}"),
    };
    if let Some(e) = expected {
        match (lang, months) {
            (Lang::Nl, Some(m)) => s.push_str(&format!(", verwacht {e} over {m} mnd")),
            (Lang::Nl, None) => s.push_str(&format!(", verwacht {e}")),
            (Lang::En, Some(m)) => s.push_str(&format!(", expected {e} in {m} months")),
            (Lang::En, None) => s.push_str(&format!(", expected {e}")),
        }
    }
    s
}

/// "(berekend 3)" shown when the chosen rung differs from the computed one.
pub fn computed_note(lang: Lang, computed: u8) -> String {
    match lang {
        Lang::Nl => format!("(berekend {computed})"),
        Lang::En => format!("(computed {computed})"),
    }
}

/// Header of the ladder explanation: "Berekende trede: 3".
pub fn computed_rung(lang: Lang, rung: u8) -> String {
    match lang {
        Lang::Nl => format!("Berekende trede: {rung}"),
        Lang::En => format!("Computed rung: {rung}"),
    }
}

/// Count of open/overdue signals for the start screen.
pub fn signal_counts(lang: Lang, open: usize, overdue: usize) -> String {
    match lang {
        Lang::Nl => format!("Open signalen: {open} (waarvan {overdue} te laat)"),
        Lang::En => format!("Open signals: {open} ({overdue} overdue)"),
    }
}

/// The friendly line printed after a crash.
pub fn crash_line(lang: Lang, log: &str) -> String {
    match lang {
        Lang::Nl => format!(
            "Er ging iets mis in meedoen. Uw invoer is bewaard als concept. Details staan in {log}."
        ),
        Lang::En => format!(
            "Something went wrong in meedoen. Your input is kept as a draft. Details are in {log}."
        ),
    }
}

/// Label of a key in the hint bar and help, in the interface language.
pub fn key_name(lang: Lang, key: &'static str) -> &'static str {
    match (lang, key) {
        (Lang::Nl, "Space") => "Spatie",
        _ => key,
    }
}

/// Draft row on the start screen: "Voorbeeld, J. (bewaard 12-03-2025 14:05)".
pub fn draft_row(lang: Lang, label: &str, when: &str) -> String {
    match lang {
        Lang::Nl => format!("{label} (bewaard {when})"),
        Lang::En => format!("{label} (saved {when})"),
    }
}
