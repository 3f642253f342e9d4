//! Interface texts (Dutch and English) of the check-in, the worklist, the overview and the
//! outflow dialog; reached through `S::F` so the hint bar and help find them like any other.

use crate::forms::Lang;

/// A fixed text of the follow-up screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F {
    // keys
    Unchanged,
    Worklist,
    Report,
    FilterMine,
    StartConversation,
    Outflow,
    ChangeStatus,
    SaveCheckin,
    BackToLadder,
    Scroll,
    // check-in
    KindJaargesprek,
    KindVoortgangsgesprek,
    /// The same, short, for a narrow list.
    KindVoortgangShort,
    ConversationKind,
    EvaluationTitle,
    EvaluationIntro,
    NoContract,
    NoOpenAgreements,
    NewVersionNote,
    NoteLabel,
    StatusOpen,
    StatusGedaan,
    StatusDeels,
    StatusNietGedaan,
    StatusVervallen,
    SectionUnchanged,
    UnchangedConfirmed,
    UnchangedHasProblems,
    ToEvaluation,
    ColStatus,
    PartSociaal,
    PartArbeidsfit,
    PartWerk,
    CheckinSaved,
    CheckinSavedNoAgreements,
    // worklist
    WorklistTitle,
    ColReason,
    ColSeenBy,
    ReasonNoContact,
    ReasonEvaluation,
    /// The PIP's end date falls due (Wet inburgering 2021).
    ReasonPip,
    Never,
    WorklistEmpty,
    WorklistEmptyMine,
    // report
    ReportTitle,
    PerRungTitle,
    MovementTitle,
    MoveUp,
    MoveSame,
    MoveDown,
    ClientsLabel,
    DueLabel,
    SignalsPerKind,
    ColKind,
    ColOpen,
    ColOverdue,
    NoSignals,
    Total,
    ContractsTitle,
    ContractConcept,
    ContractAgreed,
    OutflowTitle,
    OutflowWerk,
    OutflowVerhuisd,
    OutflowOverig,
    NoneYet,
    RungLabel,
    // outflow dialog and dossier
    OutflowDialogTitle,
    OutflowReasonLabel,
    OutflowDateLabel,
    BackToActive,
    OutflowSaved,
    OutflowUndone,
    OutflowDateInvalid,
    OutflowChooseReason,
    OutflowedLabel,
}

/// The (Dutch, English) pair of a text.
pub fn pair(f: F) -> (&'static str, &'static str) {
    match f {
        F::Unchanged => ("Ongewijzigd", "Unchanged"),
        F::Worklist => ("Werklijst", "Worklist"),
        F::Report => ("Overzicht", "Overview"),
        F::FilterMine => ("Alleen mijn inwoners", "Only my residents"),
        F::StartConversation => ("Gesprek starten", "Start conversation"),
        F::Outflow => ("Uitstroom", "Outflow"),
        F::ChangeStatus => ("Status wijzigen", "Change status"),
        F::SaveCheckin => ("Gesprek opslaan", "Save conversation"),
        F::BackToLadder => ("Terug naar de ladder", "Back to the ladder"),
        F::Scroll => ("Bladeren", "Scroll"),
        F::KindJaargesprek => ("Jaargesprek", "Annual review"),
        F::KindVoortgangsgesprek => ("Voortgangsgesprek", "Progress review"),
        F::KindVoortgangShort => ("Voortgang", "Progress"),
        F::ConversationKind => ("Soort gesprek", "Kind of conversation"),
        F::EvaluationTitle => ("Evaluatie van de afspraken", "Evaluation of the agreements"),
        F::EvaluationIntro => (
            "Bespreek elke open afspraak: kies hoe het ging en schrijf kort waarom.",
            "Discuss each open agreement: choose how it went and write briefly why.",
        ),
        F::NoContract => (
            "Er is nog geen overeenkomst, dus geen afspraken om te bespreken.",
            "There is no contract yet, so no agreements to discuss.",
        ),
        F::NoOpenAgreements => (
            "Er staan geen open afspraken in de overeenkomst.",
            "The contract has no open agreements.",
        ),
        F::NewVersionNote => (
            "De overeenkomst is vastgesteld; de evaluatie komt in een nieuwe conceptversie.",
            "The contract is agreed; the evaluation goes into a new draft version.",
        ),
        F::NoteLabel => ("Toelichting", "Note"),
        F::StatusOpen => ("open", "open"),
        F::StatusGedaan => ("gedaan", "done"),
        F::StatusDeels => ("deels", "partly"),
        F::StatusNietGedaan => ("niet gedaan", "not done"),
        F::StatusVervallen => ("vervallen", "dropped"),
        F::SectionUnchanged => ("ongewijzigd", "unchanged"),
        F::UnchangedConfirmed => (
            "Vorig onderdeel bevestigd als ongewijzigd.",
            "Previous section confirmed as unchanged.",
        ),
        F::ToEvaluation => ("Naar de afspraken", "To the agreements"),
        F::ColStatus => ("Status", "Status"),
        F::PartSociaal => ("Sociaal", "Social"),
        F::PartArbeidsfit => ("Arbeidsfit", "Labour market"),
        F::PartWerk => ("Werk", "Work"),
        F::UnchangedHasProblems => (
            "Dit onderdeel is nog niet compleet; vul eerst de gemarkeerde vragen aan.",
            "This section is not complete yet; first fill in the marked questions.",
        ),
        F::CheckinSaved => (
            "Het gesprek en de evaluatie van de afspraken zijn opgeslagen.",
            "The conversation and the evaluation of the agreements are saved.",
        ),
        F::CheckinSavedNoAgreements => ("Het gesprek is opgeslagen.", "The conversation is saved."),
        F::WorklistTitle => ("Werklijst", "Worklist"),
        F::ColReason => ("Reden", "Reason"),
        F::ColSeenBy => ("Gezien door", "Seen by"),
        F::ReasonNoContact => ("geen contact dit jaar", "no contact this year"),
        F::ReasonEvaluation => ("evaluatie verlopen", "evaluation overdue"),
        F::ReasonPip => ("PIP loopt af", "PIP ends"),
        F::Never => ("nooit", "never"),
        F::WorklistEmpty => (
            "Niemand op de werklijst: iedereen is dit jaar gesproken.",
            "Nobody on the worklist: everyone has been seen this year.",
        ),
        F::WorklistEmptyMine => (
            "Niemand van uw inwoners staat op de werklijst.",
            "None of your residents is on the worklist.",
        ),
        F::ReportTitle => ("Overzicht (zonder namen)", "Overview (no names)"),
        F::PerRungTitle => ("Inwoners per trede", "Residents per rung"),
        F::MovementTitle => ("Beweging, laatste 12 maanden", "Movement, last 12 months"),
        F::MoveUp => ("omhoog", "up"),
        F::MoveSame => ("gelijk", "same"),
        F::MoveDown => ("omlaag", "down"),
        F::ClientsLabel => ("Actieve inwoners", "Active residents"),
        F::DueLabel => ("Gesprek nodig (werklijst)", "Conversation due (worklist)"),
        F::SignalsPerKind => ("Open signalen per soort", "Open signals per kind"),
        F::ColKind => ("Soort", "Kind"),
        F::ColOpen => ("open", "open"),
        F::ColOverdue => ("te laat", "overdue"),
        F::NoSignals => ("Geen open signalen.", "No open signals."),
        F::Total => ("Totaal", "Total"),
        F::ContractsTitle => ("Overeenkomsten", "Contracts"),
        F::ContractConcept => ("concept", "draft"),
        F::ContractAgreed => ("vastgesteld", "agreed"),
        F::OutflowTitle => ("Uitstroom, laatste 12 maanden", "Outflow, last 12 months"),
        F::OutflowWerk => ("werk", "work"),
        F::OutflowVerhuisd => ("verhuisd", "moved"),
        F::OutflowOverig => ("overig", "other"),
        F::NoneYet => ("geen", "none"),
        F::RungLabel => ("Trede", "Rung"),
        F::OutflowDialogTitle => ("Uitstroom vastleggen", "Record outflow"),
        F::OutflowReasonLabel => ("Reden", "Reason"),
        F::OutflowDateLabel => ("Datum (dd-mm-jjjj)", "Date (dd-mm-yyyy)"),
        F::BackToActive => (
            "weer actief (uitstroom ongedaan maken)",
            "active again (undo the outflow)",
        ),
        F::OutflowSaved => (
            "De inwoner is vastgelegd als uitgestroomd.",
            "The resident is recorded as having left.",
        ),
        F::OutflowUndone => (
            "De inwoner is weer actief.",
            "The resident is active again.",
        ),
        F::OutflowDateInvalid => (
            "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-2025.",
            "Enter a date as dd-mm-yyyy, for example 03-11-2025.",
        ),
        F::OutflowChooseReason => (
            "Kies een reden met de pijltjes of een cijfer.",
            "Choose a reason with the arrows or a digit.",
        ),
        F::OutflowedLabel => ("Uitgestroomd", "Left"),
    }
}

pub fn tf(lang: Lang, f: F) -> &'static str {
    let (nl, en) = pair(f);
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The start screen's worklist figures.
pub fn worklist_counts(lang: Lang, due: u64, evaluations: u64, pips: u64) -> String {
    let mut parts = Vec::new();
    if evaluations > 0 {
        parts.push(match lang {
            Lang::Nl => format!("{evaluations} evaluatie verlopen"),
            Lang::En => format!("{evaluations} evaluation overdue"),
        });
    }
    if pips > 0 {
        parts.push(match lang {
            Lang::Nl => format!("{pips} PIP loopt af"),
            Lang::En => format!("{pips} PIP ending"),
        });
    }
    match (lang, parts.is_empty()) {
        (Lang::Nl, true) => format!("Werklijst: {due}"),
        (Lang::Nl, false) => format!("Werklijst: {due} (waarvan {})", parts.join(", ")),
        (Lang::En, true) => format!("Worklist: {due}"),
        (Lang::En, false) => format!("Worklist: {due} ({})", parts.join(", ")),
    }
}

/// The edit lock was lost (this workstation could not renew it in time, and a colleague
/// took the resident): read-only from now on, nothing typed is thrown away.
pub fn lock_lost(lang: Lang, who: Option<&str>) -> String {
    match (lang, who) {
        (Lang::Nl, Some(w)) => format!(
            "{w} heeft dit dossier overgenomen; u kunt alleen nog lezen en wat u typte blijft bewaard."
        ),
        (Lang::Nl, None) => "Een collega heeft dit dossier overgenomen; u kunt alleen nog lezen en wat u typte blijft bewaard.".to_string(),
        (Lang::En, Some(w)) => format!(
            "{w} has taken over this file; you can only read it now, and what you typed is kept."
        ),
        (Lang::En, None) => "A colleague has taken over this file; you can only read it now, and what you typed is kept.".to_string(),
    }
}

/// Heading of the signals screen: "14899 open, 5234 te laat" (short, beside the title).
pub fn signals_heading(lang: Lang, open: u64, overdue: u64) -> String {
    match lang {
        Lang::Nl => format!("{open} open, {overdue} te laat"),
        Lang::En => format!("{open} open, {overdue} overdue"),
    }
}

/// Heading of the worklist: how many rows, and whether the list is filtered.
pub fn worklist_heading(lang: Lang, n: usize, mine: Option<&str>) -> String {
    match (lang, mine) {
        (Lang::Nl, None) => format!("{n} inwoners, langst niet gesproken eerst"),
        (Lang::Nl, Some(who)) => format!("{n} inwoners van {who}, langst niet gesproken eerst"),
        (Lang::En, None) => format!("{n} residents, longest unseen first"),
        (Lang::En, Some(who)) => format!("{n} residents of {who}, longest unseen first"),
    }
}

/// "Overeenkomst versie 2 (vastgesteld), evaluatie 01-03-2025" (plain ASCII punctuation,
/// so `--ascii` needs no twin).
pub fn contract_line(lang: Lang, version: u32, status: &str, evaluation: &str) -> String {
    match lang {
        Lang::Nl => format!("Overeenkomst versie {version} ({status}), evaluatie {evaluation}"),
        Lang::En => format!("Contract version {version} ({status}), evaluation {evaluation}"),
    }
}

/// The dossier's contract line: "Overeenkomst v2 vastgesteld 03-03-2026, evaluatie
/// 03-09-2026", or for a concept "Overeenkomst v3 concept, evaluatie 03-09-2026".
pub fn contract_state(
    lang: Lang,
    version: u32,
    status: &str,
    agreed_on: Option<&str>,
    evaluation: Option<&str>,
) -> String {
    let (what, eval_word) = match lang {
        Lang::Nl => ("Overeenkomst", "evaluatie"),
        Lang::En => ("Contract", "evaluation"),
    };
    let mut s = format!("{what} v{version} {status}");
    if let Some(d) = agreed_on {
        s.push_str(&format!(" {d}"));
    }
    if let Some(d) = evaluation {
        s.push_str(&format!(", {eval_word} {d}"));
    }
    s
}

/// "Uitgestroomd: werk, 01-03-2025" in the dossier.
pub fn outflow_fact(lang: Lang, reason: &str, date: &str) -> String {
    format!("{}: {reason}, {date}", tf(lang, F::OutflowedLabel))
}

/// The database server cannot be reached: what is typed is safe on this workstation.
pub fn kept_locally(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Geen verbinding met de databaseserver; uw tekst is op deze werkplek bewaard en wordt opgeslagen zodra de server er weer is.".into(),
        Lang::En => "No connection to the database server; your text is kept on this workstation and saved as soon as the server is back.".into(),
    }
}

/// Drafts an earlier run kept while the server was away went to the server now.
pub fn drafts_sent_on(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nl => format!("{n} concept(en) van toen de server weg was zijn nu opgeslagen; u vindt ze bij de onafgemaakte gesprekken."),
        Lang::En => format!("{n} draft(s) from while the server was away are saved now; they are with the unfinished conversations."),
    }
}
