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
    // contract screen
    ContractTitle,
    ContractOpen,
    InzageKey,
    InzageSaved,
    InzageNoFolder,
    TabSwitch,
    EditItem,
    AddAgreement,
    DeleteAgreement,
    CycleStatus,
    MoveAgreement,
    AcceptSuggestion,
    EditSuggestion,
    DropSuggestion,
    AgreeContract,
    NewContractVersion,
    SavePdf,
    SavePdfConfirm,
    Versions,
    Done,
    NextInput,
    PrevInput,
    ChangeChoice,
    TabSociaal,
    TabArbeidsfit,
    TabWerkBetaald,
    TabWerkOnbetaald,
    TabViews,
    StatusConcept,
    StatusAgreed,
    GoalLabel,
    NoGoal,
    ColWhat,
    ColWho,
    ColDue,
    ColStatus,
    ColNote,
    NoAgreements,
    SupportLabel,
    EmptyReasonLabel,
    NotFilled,
    SuggestionsTitle,
    AnalysisTitle,
    AnalysisDoel,
    AnalysisNodig,
    AnalysisZelf,
    ViewTitle,
    ViewLabel,
    NextEvaluationLabel,
    HorizonLabel,
    AgreementStatusOpen,
    AgreementStatusGedaan,
    AgreementStatusDeels,
    AgreementStatusNietGedaan,
    AgreementStatusVervallen,
    WhoPartner,
    PartnerLabel,
    EditGoal,
    EditSupport,
    EditReason,
    EditReasonHelp,
    EditView,
    AgreementTitle,
    NewAgreementTitle,
    SuggestionEditTitle,
    DueLabel,
    ReadOnlyAgreed,
    ReadOnlyOld,
    ReadOnlyLocked,
    EmptyWhat,
    AgreeTitle,
    AgreeWarning,
    DeleteTitle,
    PdfFolderTitle,
    PdfFolderHelp,
    FolderNeeded,
    VersionsTitle,
    SuggestionAccepted,
    SuggestionDropped,
    AgreementDeleted,
    NoContractYet,
    EvaluationRange,
    WhatNeeded,
    ReasonMissing,
    // a new intake of someone already known
    KnownBsnTitle,
    MaybeSamePersonTitle,
    OpenExistingDossier,
    SaveAsNewResident,
    BackToIntake,
    OpenExistingDossierLong,
    SaveAsNewResidentLong,
    BackToIntakeLong,
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
        S::KnownBsnTitle => (
            "Deze inwoner is al bekend",
            "This resident is already known",
        ),
        S::MaybeSamePersonTitle => ("Misschien dezelfde inwoner", "Perhaps the same resident"),
        S::OpenExistingDossier => ("Dossier openen", "Open dossier"),
        S::SaveAsNewResident => ("Toch nieuw opslaan", "Save as new anyway"),
        S::BackToIntake => ("Terug", "Back"),
        S::OpenExistingDossierLong => ("Het bestaande dossier openen", "Open the existing dossier"),
        S::SaveAsNewResidentLong => (
            "Toch opslaan als nieuwe inwoner",
            "Save as a new resident anyway",
        ),
        S::BackToIntakeLong => ("Terug naar het gesprek", "Back to the conversation"),
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
        // contract screen
        S::ContractTitle => ("Overeenkomst", "Contract"),
        S::ContractOpen => ("Overeenkomst", "Contract"),
        S::InzageKey => ("Inzage (AVG)", "Access copy (GDPR)"),
        S::InzageSaved => ("Inzage opgeslagen:", "Access copy saved:"),
        S::InzageNoFolder => (
            "Er is geen documentenmap om de inzage in te zetten; gebruik `meedoen dossier export`.",
            "There is no documents folder for the access copy; use `meedoen dossier export`.",
        ),
        S::TabSwitch => ("Tabblad", "Tab"),
        S::EditItem => ("Bewerken", "Edit"),
        S::AddAgreement => ("Nieuwe afspraak", "New agreement"),
        S::DeleteAgreement => ("Verwijderen", "Delete"),
        S::CycleStatus => ("Status wisselen", "Change status"),
        S::MoveAgreement => ("Afspraak verplaatsen", "Move agreement"),
        S::AcceptSuggestion => ("Overnemen", "Accept"),
        S::EditSuggestion => ("Aanpassen en overnemen", "Edit and accept"),
        S::DropSuggestion => ("Weglaten", "Drop"),
        S::AgreeContract => ("Vaststellen", "Agree"),
        S::NewContractVersion => ("Nieuwe versie", "New version"),
        S::SavePdf => ("PDF opslaan", "Save PDF"),
        S::SavePdfConfirm => ("Opslaan", "Save"),
        S::Versions => ("Versies", "Versions"),
        S::Done => ("Klaar", "Done"),
        S::NextInput => ("Volgend veld", "Next field"),
        S::PrevInput => ("Vorig veld", "Previous field"),
        S::ChangeChoice => ("Wisselen", "Change"),
        S::TabSociaal => ("Sociaal", "Social"),
        S::TabArbeidsfit => ("Arbeidsfit", "Work-ready"),
        S::TabWerkBetaald => ("Werk (betaald)", "Work (paid)"),
        S::TabWerkOnbetaald => ("Werk (onbetaald)", "Work (unpaid)"),
        S::TabViews => ("Visies en ladder", "Views and ladder"),
        S::StatusConcept => ("concept", "draft"),
        S::StatusAgreed => ("vastgesteld", "agreed"),
        S::GoalLabel => ("Doel", "Goal"),
        S::NoGoal => (
            "nog geen doel (Enter om te schrijven)",
            "no goal yet (Enter to write one)",
        ),
        S::ColWhat => ("Afspraak", "Agreement"),
        S::ColWho => ("Wie", "Who"),
        S::ColDue => ("Uiterlijk", "By"),
        S::ColStatus => ("Status", "Status"),
        S::ColNote => ("Evaluatie", "Evaluation"),
        S::NoAgreements => (
            "Nog geen afspraken; F2 voegt er een toe.",
            "No agreements yet; F2 adds one.",
        ),
        S::SupportLabel => ("Steun", "Support"),
        S::EmptyReasonLabel => ("Waarom leeg", "Why empty"),
        S::NotFilled => ("–", "–"),
        S::SuggestionsTitle => ("Voorstellen", "Suggestions"),
        S::AnalysisTitle => (
            "De inwoner, in eigen woorden",
            "The resident, in their words",
        ),
        S::AnalysisDoel => ("Dit wil ik bereiken", "What I want to achieve"),
        S::AnalysisNodig => ("Dit heb ik nodig", "What I need"),
        S::AnalysisZelf => ("Dit doe ik zelf", "What I do myself"),
        S::ViewTitle => ("De consulent", "The consultant"),
        S::ViewLabel => ("Zo zie ik de situatie", "How I see the situation"),
        S::NextEvaluationLabel => ("Volgende evaluatie", "Next evaluation"),
        S::HorizonLabel => ("maanden", "months"),
        S::AgreementStatusOpen => ("open", "open"),
        S::AgreementStatusGedaan => ("gedaan", "done"),
        S::AgreementStatusDeels => ("deels", "partly"),
        S::AgreementStatusNietGedaan => ("niet gedaan", "not done"),
        S::AgreementStatusVervallen => ("vervallen", "lapsed"),
        S::WhoPartner => ("partner", "partner"),
        S::PartnerLabel => ("Naam partner", "Partner name"),
        S::EditGoal => (
            "Doel van dit deel (één zin)",
            "Goal of this part (one sentence)",
        ),
        S::EditSupport => (
            "Steun die de gemeente in dit deel biedt",
            "Support the municipality offers in this part",
        ),
        S::EditReason => (
            "Waarom blijft dit deel leeg?",
            "Why does this part stay empty?",
        ),
        S::EditReasonHelp => (
            "Bijvoorbeeld: niet nodig: de inwoner heeft al werk.",
            "For example: not needed: the resident already has work.",
        ),
        S::EditView => (
            "Hoe de consulent de situatie ziet",
            "How the consultant sees the situation",
        ),
        S::AgreementTitle => ("Afspraak", "Agreement"),
        S::NewAgreementTitle => ("Nieuwe afspraak", "New agreement"),
        S::SuggestionEditTitle => ("Voorstel aanpassen", "Edit suggestion"),
        S::DueLabel => ("Uiterlijk", "By"),
        S::ReadOnlyAgreed => (
            "Deze versie is vastgesteld; druk F9 voor een nieuwe versie.",
            "This version is agreed; press F9 for a new version.",
        ),
        S::ReadOnlyOld => (
            "Dit is een eerdere versie; die kunt u alleen lezen. Esc gaat terug.",
            "This is an earlier version; you can only read it. Esc goes back.",
        ),
        S::ReadOnlyLocked => (
            "Een collega bewerkt dit dossier; u kunt de overeenkomst alleen lezen.",
            "A colleague is editing this case file; you can only read the contract.",
        ),
        S::EmptyWhat => (
            "Deze afspraak heeft nog geen omschrijving; vul die in of verwijder de afspraak.",
            "This agreement has no description yet; fill it in or delete the agreement.",
        ),
        S::AgreeTitle => ("Overeenkomst vaststellen?", "Agree the contract?"),
        S::AgreeWarning => (
            "Daarna kan deze versie niet meer worden gewijzigd.",
            "After that this version can no longer be changed.",
        ),
        S::DeleteTitle => ("Afspraak verwijderen?", "Delete agreement?"),
        S::PdfFolderTitle => ("PDF opslaan in map", "Save PDF in folder"),
        S::PdfFolderHelp => (
            "Pas de map aan als dat nodig is en druk F10.",
            "Change the folder if needed and press F10.",
        ),
        S::FolderNeeded => ("Vul een map in.", "Fill in a folder."),
        S::VersionsTitle => ("Versies van de overeenkomst", "Versions of the contract"),
        S::SuggestionAccepted => (
            "Het voorstel staat nu bij de afspraken.",
            "The suggestion is now an agreement.",
        ),
        S::SuggestionDropped => ("Het voorstel is weggelaten.", "The suggestion is dropped."),
        S::AgreementDeleted => ("De afspraak is verwijderd.", "The agreement is deleted."),
        S::NoContractYet => (
            "Er is nog geen overeenkomst voor deze inwoner.",
            "There is no contract for this resident yet.",
        ),
        S::EvaluationRange => (
            "Kies een datum binnen 12 maanden na de datum van de overeenkomst.",
            "Choose a date within 12 months after the date of the contract.",
        ),
        S::ReasonMissing => (
            "nog leeg: schrijf waarom dit deel leeg blijft",
            "still empty: write why this part stays empty",
        ),
        S::WhatNeeded => (
            "Schrijf eerst wat de afspraak is.",
            "First write what the agreement is.",
        ),
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
pub fn signal_counts(lang: Lang, open: u64, overdue: u64) -> String {
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

// ---------------------------------------------------------------- contract screen

/// "Het deel Sociaal heeft geen afspraken; …" when vaststellen finds an empty part.
pub fn empty_part_blocked(lang: Lang, part: &str) -> String {
    match lang {
        Lang::Nl => format!(
            "Het deel {part} heeft geen afspraken; schrijf waarom het leeg blijft of voeg een afspraak toe."
        ),
        Lang::En => format!(
            "The part {part} has no agreements; write why it stays empty or add an agreement."
        ),
    }
}

/// The body of the vaststellen confirmation.
pub fn agree_question(lang: Lang, version: u32, date: &str) -> String {
    match lang {
        Lang::Nl => format!("Versie {version} wordt vastgesteld op {date}."),
        Lang::En => format!("Version {version} is agreed on {date}."),
    }
}

/// Warning in the vaststellen confirmation about suggestions still waiting.
pub fn pending_left(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Nl, 1) => "Er staat nog 1 voorstel open; dat komt niet in de overeenkomst.".into(),
        (Lang::Nl, n) => {
            format!("Er staan nog {n} voorstellen open; die komen niet in de overeenkomst.")
        }
        (Lang::En, 1) => "1 suggestion is still waiting; it is not in the contract.".into(),
        (Lang::En, n) => {
            format!("{n} suggestions are still waiting; they are not in the contract.")
        }
    }
}

/// Status line after vaststellen.
pub fn contract_agreed(lang: Lang, date: &str, hash: &str) -> String {
    let short: String = hash.chars().take(12).collect();
    match lang {
        Lang::Nl => format!("Vastgesteld op {date}; het document is bewaard (kenmerk {short})."),
        Lang::En => format!("Agreed on {date}; the document is kept (reference {short})."),
    }
}

/// Status line after starting a new version.
pub fn version_started(lang: Lang, version: u32) -> String {
    match lang {
        Lang::Nl => {
            format!("Versie {version} is begonnen als concept; de afspraken zijn overgenomen.")
        }
        Lang::En => format!("Version {version} is started as a draft; the agreements are copied."),
    }
}

/// Status line after writing the PDF.
pub fn pdf_saved(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Nl => format!("De PDF is opgeslagen: {path}"),
        Lang::En => format!("The PDF is saved: {path}"),
    }
}

/// An inline problem with a typed date.
pub fn date_problem(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Nl => format!("Deze datum klopt niet ({reason}); schrijf dd-mm-jjjj."),
        Lang::En => format!("This date is not valid ({reason}); write dd-mm-yyyy."),
    }
}

/// "v2" in the title bar, kept short for 80 columns.
pub fn version_label(_lang: Lang, version: u32) -> String {
    format!("v{version}")
}

/// One row of the version list.
pub fn version_row(lang: Lang, version: u32, agreed: Option<&str>, started: &str) -> String {
    match (lang, agreed) {
        (Lang::Nl, Some(d)) => format!("Versie {version}  vastgesteld op {d}"),
        (Lang::Nl, None) => format!("Versie {version}  concept, begonnen {started}"),
        (Lang::En, Some(d)) => format!("Version {version}  agreed on {d}"),
        (Lang::En, None) => format!("Version {version}  draft, started {started}"),
    }
}

/// The ladder summary on the views tab: "Nu trede 2: Sociale contacten buiten huis".
pub fn ladder_now(lang: Lang, rung: u8, name: &str) -> String {
    match lang {
        Lang::Nl => format!("Nu: trede {rung} {name}"),
        Lang::En => format!("Now: rung {rung} {name}"),
    }
}

/// "Verwacht: trede 4 … over 12 maanden".
pub fn ladder_expected(lang: Lang, rung: u8, name: &str, months: u32) -> String {
    match lang {
        Lang::Nl => format!("Verwacht: trede {rung} {name} over {months} maanden"),
        Lang::En => format!("Expected: rung {rung} {name} in {months} months"),
    }
}

/// What the dialog before a possible second dossier says: the existing resident by name,
/// number and date of birth (shown on screen only, like the search results).
pub fn same_person_text(
    lang: Lang,
    bsn: bool,
    name: &str,
    client: i64,
    birth: Option<&str>,
    others: usize,
) -> String {
    let born = match (lang, birth) {
        (Lang::Nl, Some(b)) => format!(", geboren {b}"),
        (Lang::En, Some(b)) => format!(", born {b}"),
        (_, None) => String::new(),
    };
    let more = match (lang, others) {
        (_, 0) => String::new(),
        (Lang::Nl, 1) => " Er is nog 1 inwoner met die gegevens.".to_string(),
        (Lang::Nl, n) => format!(" Er zijn nog {n} inwoners met die gegevens."),
        (Lang::En, 1) => " One more resident has those details.".to_string(),
        (Lang::En, n) => format!(" {n} more residents have those details."),
    };
    match (lang, bsn) {
        (Lang::Nl, true) => format!(
            "Er is al een dossier met dit BSN: {name} (nummer {client}{born}). Eén BSN hoort bij één dossier: open dat dossier; wat u hebt ingevuld blijft bewaard als concept."
        ),
        (Lang::En, true) => format!(
            "A dossier with this BSN already exists: {name} (number {client}{born}). One BSN belongs to one dossier: open that dossier; what you typed is kept as a draft."
        ),
        (Lang::Nl, false) => format!(
            "Er is al een inwoner met deze achternaam en geboortedatum: {name} (nummer {client}{born}). Is dit dezelfde persoon?{more}"
        ),
        (Lang::En, false) => format!(
            "A resident with this surname and date of birth already exists: {name} (number {client}{born}). Is this the same person?{more}"
        ),
    }
}
