//! The printed social contract: Markdown golden file, PDF read back, HTML well-formed,
//! file names and atomic writing. Fictitious people only.

use chrono::NaiveDate;
use meedoen::domain::contract::{
    Agreement, AgreementStatus, Contract, ContractHeader, ContractPart, ContractStatus,
    LadderSummary, PartKind, ResidentAnalysis,
};
use meedoen::export::{self, ExportError, Format};
use meedoen::forms::ContractTexts;
use std::path::Path;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn agreement(
    what: &str,
    who: &str,
    due: NaiveDate,
    status: AgreementStatus,
    note: &str,
) -> Agreement {
    Agreement {
        what: what.into(),
        who: who.into(),
        due: Some(due),
        status,
        note: note.into(),
        source: None,
    }
}

fn texts() -> ContractTexts {
    ContractTexts {
        municipality: "Gemeente Voorbeeldstad".into(),
        obligations: "U houdt zich aan de afspraken in dit plan. Dat staat in de Participatiewet \
                      (artikel 18 en 44a). Lukt een afspraak niet? Vertel het ons dan zo snel \
                      mogelijk. Dan zoeken we samen een oplossing. Houdt u zich zonder goede \
                      reden niet aan de afspraken? Dan kan de gemeente uw uitkering een tijd \
                      verlagen. U krijgt daarover altijd eerst een brief. En u mag uitleggen \
                      waarom het niet lukte."
            .into(),
        intro_sociaal: "Hier gaat het om een stabiel leven: geld, wonen, gezondheid en mensen om u heen."
            .into(),
        intro_arbeidsfit: "Hier gaat het om wat u nodig heeft om te kunnen werken: taal, vaardigheden en scholing."
            .into(),
        intro_werk_betaald: "Hier gaat het om betaald werk.".into(),
        intro_werk_onbetaald: "Hier gaat het om meedoen zonder loon, zoals vrijwilligerswerk.".into(),
        title_sociaal: "Sociaal deel".into(),
        title_arbeidsfit: "Arbeidsfit deel".into(),
        title_werk_betaald: "Werkdeel: betaald werk".into(),
        title_werk_onbetaald: "Werkdeel: onbetaald werk".into(),
        evaluation_months: 6,
        ..ContractTexts::default()
    }
}

/// Jan Voorbeeld is fictitious; BSN 111222333 is a public test number.
fn sample() -> Contract {
    Contract {
        version: 2,
        status: ContractStatus::Concept,
        date: date(2025, 3, 4),
        agreed_on: None,
        header: ContractHeader {
            municipality: "Gemeente Voorbeeldstad".into(),
            resident_name: "Jan Voorbeeld".into(),
            birth_date: Some(date(1990, 5, 17)),
            bsn: Some("111222333".into()),
            consultant: "Zoë Ünal-Müller".into(),
        },
        analysis: ResidentAnalysis {
            doel: "Ik wil weer een vast ritme. Later wil ik werken in een tuin of een kas.".into(),
            nodig: "Hulp bij mijn schulden. En iemand die met mij meekijkt naar werk.".into(),
            zelf: "Ik ga elke dag naar buiten. Ik ben ĳverig en geïnteresseerd in planten.".into(),
        },
        consultant_view: "Jan is gemotiveerd. De schulden geven nu veel stress. \
                          Eerst rust in de financiën, dan stap voor stap naar werk."
            .into(),
        ladder: LadderSummary {
            current: 2,
            current_name: "Sociale contacten buiten de deur".into(),
            explanation:
                "Jan heeft contact met buren en familie, maar geen georganiseerde activiteit."
                    .into(),
            expected: 4,
            expected_name: "Onbetaald werk".into(),
            horizon_months: 12,
        },
        parts: vec![
            ContractPart {
                kind: PartKind::Sociaal,
                goal: "Jan heeft over een half jaar rust in zijn geldzaken.".into(),
                agreements: vec![
                    agreement(
                        "Naar het eerste gesprek bij de schuldhulpverlening gaan.",
                        "inwoner",
                        date(2025, 3, 18),
                        AgreementStatus::Open,
                        "",
                    ),
                    agreement(
                        "Een maatje regelen dat helpt met post en rekeningen.",
                        "Schuldhulpmaatje",
                        date(2025, 4, 1),
                        AgreementStatus::Deels,
                        "Eerste afspraak is gemaakt; maatje start in april.",
                    ),
                ],
                support: "De gemeente plant het gesprek en betaalt het maatje.".into(),
                empty_reason: String::new(),
            },
            ContractPart {
                kind: PartKind::Arbeidsfit,
                goal: "Jan kan zelfstandig solliciteren via internet.".into(),
                agreements: vec![
                    agreement(
                        "Een cursus digitale vaardigheden volgen in de bibliotheek.",
                        "inwoner",
                        date(2025, 4, 29),
                        AgreementStatus::Open,
                        "",
                    ),
                    agreement(
                        "Inschrijven als werkzoekende bij UWV.",
                        "inwoner + gemeente",
                        date(2025, 3, 11),
                        AgreementStatus::Gedaan,
                        "",
                    ),
                ],
                support: "De gemeente betaalt de cursus.".into(),
                empty_reason: String::new(),
            },
            ContractPart {
                kind: PartKind::Werk,
                goal: "Jan doet vrijwilligerswerk in de buurttuin.".into(),
                agreements: vec![agreement(
                    "Twee dagdelen per week meewerken in de buurttuin.",
                    "inwoner",
                    date(2025, 6, 4),
                    AgreementStatus::Open,
                    "",
                )],
                support: "De gemeente zoekt de tuin en regelt de verzekering.".into(),
                empty_reason: String::new(),
            },
        ],
        obligations: String::new(),
        next_evaluation: date(2025, 9, 4),
        pending: Vec::new(),
    }
}

fn part_mut(c: &mut Contract, kind: PartKind) -> &mut ContractPart {
    match c.parts.iter_mut().find(|p| p.kind == kind) {
        Some(p) => p,
        None => panic!("sample has every part"),
    }
}

/// Text per page, whitespace removed (wrapping may put a line break anywhere).
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => panic!("PDF does not parse: {e}"),
    };
    doc.get_pages()
        .keys()
        .map(|n| match doc.extract_text(&[*n]) {
            Ok(t) => squash(&t),
            Err(e) => panic!("no text on page {n}: {e}"),
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdf(c: &Contract) -> Vec<u8> {
    match export::render_pdf(c, &texts()) {
        Ok(b) => b,
        Err(e) => panic!("render_pdf failed: {e}"),
    }
}

#[test]
fn markdown_matches_the_reviewed_golden_file() {
    let md = export::render_markdown(&sample(), &texts());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/contract.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Err(e) = std::fs::write(&path, &md) {
            panic!("cannot write {}: {e}", path.display());
        }
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(md, golden, "rerun with UPDATE_GOLDEN=1 and review the diff");
}

#[test]
fn pdf_holds_every_part_agreement_name_and_signature_line() {
    let c = sample();
    let pages = pdf_pages(&pdf(&c));
    let all: String = pages.concat();
    for needle in [
        "Sociale overeenkomst",
        "Gemeente Voorbeeldstad",
        "Jan Voorbeeld",
        "111222333",
        "17-05-1990",
        "Zoë Ünal-Müller",
        "Deel 1. Sociaal deel",
        "Deel 2. Arbeidsfit deel",
        "Deel 3. Werkdeel: onbetaald werk",
        "Dit wil ik bereiken",
        "Zo ziet de consulent het",
        "Nu: trede 2 – Sociale contacten buiten de deur",
        "Verwachting over 12 maanden: trede 4 – Onbetaald werk",
        "Uw plichten",
        "Participatiewet (artikel 18 en 44a)",
        "4 september 2025",
        "Ondertekening",
        "Handtekening:",
        "Plaats:",
        "Consulent namens Gemeente Voorbeeldstad",
        "ĳverig en geïnteresseerd",
        "Evaluatie: Eerste afspraak is gemaakt",
        "Schuldhulpmaatje",
        "deels gedaan",
    ] {
        assert!(all.contains(&squash(needle)), "missing in PDF: {needle}");
    }
    // Both voices are printed; neither replaces the other.
    assert!(all.contains(&squash(&c.analysis.doel)));
    assert!(all.contains(&squash(&c.consultant_view)));
    for p in &c.parts {
        for a in &p.agreements {
            assert!(
                all.contains(&squash(&a.what)),
                "agreement missing: {}",
                a.what
            );
        }
    }
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&squash(&format!("Pagina {} van {n}", i + 1))),
            "page number missing on page {}",
            i + 1
        );
    }
}

#[test]
fn pdf_is_a4_with_the_font_embedded_and_the_same_every_time() {
    let c = sample();
    let a = pdf(&c);
    let b = pdf(&c);
    assert_eq!(a, b, "same contract, same bytes");
    let doc = match lopdf::Document::load_mem(&a) {
        Ok(d) => d,
        Err(e) => panic!("PDF does not parse: {e}"),
    };
    let text = String::from_utf8_lossy(&a);
    assert!(
        text.contains("/MediaBox [0 0 595.28 841.89]"),
        "A4 media box"
    );
    assert!(text.contains("/FontFile2"), "font program embedded");
    assert!(text.contains("DejaVuSans"), "the bundled font");
    assert!(doc.get_pages().len() >= 2);
}

#[test]
fn work_part_is_paid_work_from_expected_rung_five() {
    let mut c = sample();
    c.ladder.expected = 5;
    let all = pdf_pages(&pdf(&c)).concat();
    assert!(all.contains(&squash("Deel 3. Werkdeel: betaald werk")));
    assert!(!all.contains(&squash("onbetaald werk")));
    let md = export::render_markdown(&c, &texts());
    assert!(md.contains("## Deel 3. Werkdeel: betaald werk"));
}

#[test]
fn an_empty_part_is_printed_with_its_reason_in_every_format() {
    let mut c = sample();
    let werk = part_mut(&mut c, PartKind::Werk);
    werk.agreements.clear();
    werk.empty_reason = "niet nodig: eerst de schulden op orde".into();
    let arbeidsfit = part_mut(&mut c, PartKind::Arbeidsfit);
    arbeidsfit.agreements.clear();
    arbeidsfit.empty_reason.clear();

    let reason = "In dit deel zijn geen afspraken. Reden: niet nodig: eerst de schulden op orde";
    let missing = "In dit deel zijn geen afspraken. De reden is nog niet ingevuld.";
    let pdf_text = pdf_pages(&pdf(&c)).concat();
    let md = export::render_markdown(&c, &texts());
    let html = export::render_html(&c, &texts());
    for needle in [reason, missing] {
        assert!(pdf_text.contains(&squash(needle)), "PDF: {needle}");
        assert!(md.contains(needle), "Markdown: {needle}");
        assert!(html.contains(needle), "HTML: {needle}");
    }
}

/// The last part's end, the obligations, the evaluation and the signatures share a page,
/// whatever the number of agreements before them; tables continue with their header.
#[test]
fn signatures_stay_with_the_last_part_however_long_the_contract() {
    let c0 = sample();
    let base_pages = pdf_pages(&pdf(&c0)).len();
    let mut max_pages = base_pages;
    for extra in (0..60).step_by(3) {
        for werk_rows in [1usize, 4] {
            let mut c = sample();
            let sociaal = part_mut(&mut c, PartKind::Sociaal);
            for i in 0..extra {
                sociaal.agreements.push(agreement(
                    &format!(
                        "Afspraak nummer {i}: een wat langere zin over wat er moet gebeuren, \
                         zodat de tekst over meer dan één regel loopt in de tabel."
                    ),
                    "gemeente",
                    date(2025, 5, 1),
                    AgreementStatus::Open,
                    "",
                ));
            }
            let werk = part_mut(&mut c, PartKind::Werk);
            for i in 1..werk_rows {
                werk.agreements.push(agreement(
                    &format!("Werkafspraak {i} met de buurttuin."),
                    "inwoner",
                    date(2025, 6, 1),
                    AgreementStatus::Open,
                    "",
                ));
            }
            let last_what = werk
                .agreements
                .last()
                .map(|a| a.what.clone())
                .unwrap_or_default();
            let pages = pdf_pages(&pdf(&c));
            max_pages = max_pages.max(pages.len());

            let sig_page = pages
                .iter()
                .position(|p| p.contains(&squash("Handtekening:")))
                .unwrap_or(usize::MAX);
            let last_row_page = pages
                .iter()
                .rposition(|p| p.contains(&squash(&last_what)))
                .unwrap_or(usize::MIN);
            assert_eq!(
                sig_page, last_row_page,
                "{extra} extra agreements, {werk_rows} work rows: signatures split from the last part"
            );
            let sig = pages.get(sig_page).cloned().unwrap_or_default();
            for needle in ["Uw plichten", "Volgende evaluatie", "Jan Voorbeeld"] {
                assert!(sig.contains(&squash(needle)));
            }
            // Every page that continues a table repeats its header.
            for p in &pages {
                if p.contains(&squash("(vervolg)")) {
                    assert!(p.contains(&squash("WatWieKlaar opStatus")));
                }
            }
            for i in 0..extra {
                let needle = squash(&format!("Afspraak nummer {i}:"));
                assert!(pages.iter().any(|p| p.contains(&needle)), "row {i} lost");
            }
        }
    }
    assert!(
        max_pages >= base_pages + 2,
        "many agreements take more pages"
    );
}

#[test]
fn a_very_long_text_wraps_and_flows_over_pages() {
    let mut c = sample();
    let long = "Dit is een lange uitleg van de consulent over de situatie. ".repeat(120);
    c.consultant_view = long.clone();
    part_mut(&mut c, PartKind::Sociaal)
        .agreements
        .push(agreement(
            &"Een heel lange afspraak die niet op één pagina past. ".repeat(90),
            "gemeente",
            date(2025, 5, 1),
            AgreementStatus::Open,
            "",
        ));
    let pages = pdf_pages(&pdf(&c));
    assert!(pages.len() >= 4);
    // The footers are drawn last on each page; without them the pages read on.
    let n = pages.len();
    let body: String = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.replace(
                &squash("Sociale overeenkomst · Jan Voorbeeld · versie 2"),
                "",
            )
            .replace(&squash(&format!("Pagina {} van {n}", i + 1)), "")
        })
        .collect();
    assert!(
        body.contains(&squash(&long)),
        "long view wraps over pages, nothing lost"
    );
    // A row taller than a page continues under a repeated header; its other cells are
    // printed with its first lines.
    let row = body
        .replace(&squash("Deel 1. Sociaal deel (vervolg)"), "")
        .replace(&squash("Wat Wie Klaar op Status"), "")
        .replace(&squash("Gemeente 01-05-2025 open"), "");
    assert!(row.contains(&squash(
        &"Een heel lange afspraak die niet op één pagina past. ".repeat(90)
    )));
}

#[test]
fn html_is_well_formed_self_contained_and_escaped() {
    let mut c = sample();
    c.header.resident_name = "Jan <script>alert('x')</script> Voorbeeld & Zn".into();
    part_mut(&mut c, PartKind::Sociaal).agreements[0].what = "Bellen <b>vóór</b> 12 uur".into();
    let html = export::render_html(&c, &texts());
    assert!(
        !html.contains("<script"),
        "user text must not become markup"
    );
    assert!(html.contains("Jan &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Voorbeeld &amp; Zn"));
    assert!(html.contains("Bellen &lt;b&gt;vóór&lt;/b&gt; 12 uur"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("@page") && html.contains("size: A4") && html.contains("@media print"));
    for external in ["http://", "https://", "<link", "src="] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    if let Err(e) = check_balanced(&html) {
        panic!("HTML not well-formed: {e}");
    }
    for p in [
        "Deel 1. Sociaal deel",
        "Ondertekening",
        "Zoë Ünal-Müller",
        "Handtekening",
    ] {
        assert!(html.contains(p), "{p}");
    }
    // Markdown escapes the same name instead of passing HTML through.
    let md = export::render_markdown(&c, &texts());
    assert!(!md.contains("<script"));
}

/// Every opened element is closed in order; void elements stand alone; style content is
/// raw text; no stray `<`, `>` or `&` in text.
fn check_balanced(html: &str) -> Result<(), String> {
    const VOID: [&str; 4] = ["meta", "br", "link", "hr"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(['<', '>', '&']) {
        let text = &rest[..start];
        let _ = text;
        let tail = &rest[start..];
        if tail.starts_with('>') {
            return Err(format!("stray '>' near {:?}", &tail[..tail.len().min(40)]));
        }
        if tail.starts_with('&') {
            let end = tail.find(';').ok_or("unterminated entity")?;
            let name = &tail[1..end];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "#39");
            if !ok {
                return Err(format!("unknown entity &{name};"));
            }
            rest = &tail[end + 1..];
            continue;
        }
        let end = tail.find('>').ok_or("unterminated tag")?;
        let tag = &tail[1..end];
        rest = &tail[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || tag.contains('<') {
            return Err(format!("bad tag <{tag}>"));
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" {
            let close = rest.find("</style>").ok_or("unclosed style")?;
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name);
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

#[test]
fn the_checker_itself_rejects_broken_html() {
    assert!(check_balanced("<p><b>x</p></b>").is_err());
    assert!(check_balanced("<p>a < b</p>").is_err());
    assert!(check_balanced("<div><p>x</p>").is_err());
    assert!(check_balanced("<p>x &amp; y</p><br>").is_ok());
}

#[test]
fn file_name_follows_the_pattern() {
    let mut c = sample();
    assert_eq!(
        export::file_name(&c, "Ünal-Müller", "pdf"),
        "sociale-overeenkomst_unal-muller_2025-03-04_v2.pdf"
    );
    c.agreed_on = Some(date(2025, 3, 10));
    c.version = 3;
    assert_eq!(
        export::file_name(&c, "van den Bĳl", ".html"),
        "sociale-overeenkomst_van-den-bijl_2025-03-10_v3.html"
    );
    let name = export::file_name(&c, "../../etc/passwd", "md");
    assert!(!name.contains('/') && name.ends_with("_v3.md"), "{name}");
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn export_writes_each_format_completely() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let c = sample();
    for format in [Format::Pdf, Format::Html, Format::Md] {
        let path = dir
            .path()
            .join(export::file_name(&c, "Voorbeeld", format.extension()));
        // An older document of the same name is replaced as a whole.
        let _ = std::fs::write(&path, b"oud");
        if let Err(e) = export::export(&c, &texts(), format, &path) {
            panic!("export {format:?}: {e}");
        }
        let written = std::fs::read(&path).unwrap_or_default();
        let expected = match export::render(&c, &texts(), format) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(written, expected);
    }
    let mut names = leftovers(dir.path());
    names.sort();
    assert_eq!(
        names,
        [
            "sociale-overeenkomst_voorbeeld_2025-03-04_v2.html",
            "sociale-overeenkomst_voorbeeld_2025-03-04_v2.md",
            "sociale-overeenkomst_voorbeeld_2025-03-04_v2.pdf",
        ],
        "no temporary files left"
    );
}

/// Unix only: Windows ignores the read-only attribute on folders.
#[cfg(unix)]
#[test]
fn export_to_a_read_only_folder_fails_clearly_and_leaves_no_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let ro = dir.path().join("alleen-lezen");
    let _ = std::fs::create_dir(&ro);
    let mut target = ro.clone();
    let _ = std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555));
    // root ignores permission bits; sysfs refuses new files even to root.
    if std::fs::write(ro.join("probe"), b"").is_ok() {
        let _ = std::fs::remove_file(ro.join("probe"));
        if cfg!(target_os = "linux") {
            target = std::path::PathBuf::from("/sys");
        }
    }
    let before = leftovers(&target);
    let path = target.join("sociale-overeenkomst_voorbeeld_2025-03-04_v2.pdf");
    let err = export::export(&sample(), &texts(), Format::Pdf, &path);
    match err {
        Err(ExportError::ReadOnly(folder)) => {
            assert_eq!(folder, target);
            assert_eq!(
                ExportError::ReadOnly(folder).to_string(),
                format!("U mag niet schrijven in map {}.", target.display())
            );
        }
        other => panic!("expected ReadOnly, got {other:?}"),
    }
    assert_eq!(leftovers(&target), before, "no partial or temporary file");
    let _ = std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn export_to_a_missing_folder_says_so() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let path = dir.path().join("bestaat-niet").join("a.md");
    match export::export(&sample(), &texts(), Format::Md, &path) {
        Err(e @ ExportError::FolderMissing(_)) => {
            assert!(e.to_string().starts_with("De map "), "{e}");
            assert!(e.to_string().ends_with("bestaat-niet bestaat niet."), "{e}");
        }
        other => panic!("expected FolderMissing, got {other:?}"),
    }
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_failed_rename_removes_the_temporary_file() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    // The target is a folder that is not empty: the final rename must fail.
    let target = dir.path().join("doel.pdf");
    let _ = std::fs::create_dir(&target);
    let _ = std::fs::write(target.join("inhoud"), b"x");
    let result = export::write_atomic(&target, b"%PDF-1.7 ...");
    assert!(result.is_err(), "renaming over a folder cannot succeed");
    assert_eq!(leftovers(dir.path()), ["doel.pdf"], "temp file removed");
}

#[test]
fn documents_dir_is_a_folder_when_there_is_a_home() {
    if let Some(d) = export::documents_dir() {
        assert!(d.is_absolute(), "{}", d.display());
    }
}

/// Prints the time of a PDF export; run with `--release -- --nocapture` for the figure.
#[test]
fn pdf_export_time_is_printed() {
    let c = sample();
    let t = texts();
    let runs = 20;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = std::time::Instant::now();
        let bytes = export::render_pdf(&c, &t);
        times.push(start.elapsed());
        assert!(bytes.is_ok());
    }
    times.sort();
    let median = times.get(runs / 2).copied().unwrap_or_default();
    let bytes = pdf(&c);
    let size = bytes.len();
    // For looking at the layout: EXPORT_SAMPLE_DIR=/tmp/x cargo test pdf_export_time
    if let Some(dir) = std::env::var_os("EXPORT_SAMPLE_DIR") {
        let dir = std::path::PathBuf::from(dir);
        let _ = std::fs::write(dir.join("sample.pdf"), &bytes);
        let _ = std::fs::write(dir.join("sample.html"), export::render_html(&c, &t));
        let mut long = sample();
        for i in 0..30 {
            part_mut(&mut long, PartKind::Arbeidsfit)
                .agreements
                .push(agreement(
                    &format!("Extra afspraak {i} om te zien hoe de tabel over pagina's loopt."),
                    "gemeente",
                    date(2025, 5, 1),
                    AgreementStatus::Open,
                    "",
                ));
        }
        let _ = std::fs::write(dir.join("long.pdf"), pdf(&long));
        let mut agreed = sample();
        agreed.status = ContractStatus::Vastgesteld;
        agreed.agreed_on = Some(date(2025, 3, 6));
        let werk = part_mut(&mut agreed, PartKind::Werk);
        werk.agreements.clear();
        werk.empty_reason = "niet nodig: eerst de schulden op orde".into();
        let _ = std::fs::write(dir.join("agreed.pdf"), pdf(&agreed));
    }
    println!(
        "contract PDF export: median {:.1} ms over {runs} runs, {} bytes",
        median.as_secs_f64() * 1000.0,
        size
    );
}

#[test]
fn characters_the_font_lacks_print_as_a_question_mark() {
    let mut c = sample();
    c.analysis.zelf = "Ik kweek tomaten 🌱 en basilicum.".into();
    let all = pdf_pages(&pdf(&c)).concat();
    assert!(all.contains(&squash("Ik kweek tomaten ? en basilicum.")));
}

#[test]
fn a_contract_with_nothing_filled_in_still_prints_and_says_so() {
    let mut c = sample();
    c.header = Default::default();
    c.analysis = Default::default();
    c.consultant_view.clear();
    for p in &mut c.parts {
        p.goal.clear();
        p.support.clear();
        p.agreements.clear();
        p.empty_reason.clear();
    }
    let empty_texts = ContractTexts::default();
    let bytes = match export::render_pdf(&c, &empty_texts) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    let all = pdf_pages(&bytes).concat();
    assert!(all.matches(&squash("Nog niet ingevuld.")).count() >= 10);
    assert_eq!(
        all.matches(&squash("De reden is nog niet ingevuld."))
            .count(),
        3,
        "no part is silently empty"
    );
    assert!(all.contains(&squash("Deel 3. Werkdeel: onbetaald werk")));
    let md = export::render_markdown(&c, &empty_texts);
    assert!(md.contains("Nog niet ingevuld."));
    if let Err(e) = check_balanced(&export::render_html(&c, &empty_texts)) {
        panic!("{e}");
    }
}

/// A value from a PDF dictionary, following one indirect reference.
fn resolve<'a>(doc: &'a lopdf::Document, o: &'a lopdf::Object) -> &'a lopdf::Object {
    match o {
        lopdf::Object::Reference(r) => doc.get_object(*r).unwrap_or(o),
        _ => o,
    }
}

fn dict_get<'a>(
    doc: &'a lopdf::Document,
    d: &'a lopdf::Dictionary,
    key: &[u8],
) -> &'a lopdf::Object {
    match d.get(key) {
        Ok(o) => resolve(doc, o),
        Err(_) => panic!("no /{} in {d:?}", String::from_utf8_lossy(key)),
    }
}

/// A PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding/ASCII).
fn text_string(o: &lopdf::Object) -> String {
    let bytes = match o {
        lopdf::Object::String(b, _) => b.clone(),
        other => panic!("not a string: {other:?}"),
    };
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[test]
fn pdf_is_pdf_a_2b_with_metadata_output_intent_and_file_id() {
    let bytes = pdf(&sample());
    let doc = match lopdf::Document::load_mem(&bytes) {
        Ok(d) => d,
        Err(e) => panic!("PDF does not parse: {e}"),
    };
    assert!(
        doc.trailer.get(b"Encrypt").is_err(),
        "PDF/A forbids encryption"
    );
    match doc.trailer.get(b"ID") {
        Ok(lopdf::Object::Array(ids)) => assert_eq!(ids.len(), 2, "file identifier pair"),
        other => panic!("no file identifier in the trailer: {other:?}"),
    }
    let catalog = match doc.catalog() {
        Ok(c) => c,
        Err(e) => panic!("no catalog: {e}"),
    };
    // XMP: PDF/A-2b, and the title the document information names.
    let xmp = match dict_get(&doc, catalog, b"Metadata") {
        lopdf::Object::Stream(s) => String::from_utf8_lossy(&s.content).into_owned(),
        other => panic!("metadata is no stream: {other:?}"),
    };
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    let info = match doc.trailer.get(b"Info").map(|o| resolve(&doc, o)) {
        Ok(lopdf::Object::Dictionary(d)) => d,
        other => panic!("no document information: {other:?}"),
    };
    let title = text_string(dict_get(&doc, info, b"Title"));
    assert!(title.contains("Jan Voorbeeld"), "{title}");
    assert!(
        xmp.contains(&format!(">{title}</rdf:li>")),
        "XMP title differs from the document information: {title} / {xmp}"
    );
    assert!(
        xmp.contains("<pdf:Producer>meedoen</pdf:Producer>"),
        "{xmp}"
    );
    assert!(
        xmp.contains("<xmp:CreateDate>2025-03-04</xmp:CreateDate>"),
        "the contract's date: {xmp}"
    );
    // An sRGB output intent with its ICC profile.
    let intents = match dict_get(&doc, catalog, b"OutputIntents") {
        lopdf::Object::Array(a) => a,
        other => panic!("no output intents: {other:?}"),
    };
    let intent = match intents.first().map(|o| resolve(&doc, o)) {
        Some(lopdf::Object::Dictionary(d)) => d,
        other => panic!("output intent is no dictionary: {other:?}"),
    };
    assert_eq!(
        dict_get(&doc, intent, b"S"),
        &lopdf::Object::Name(b"GTS_PDFA1".to_vec())
    );
    match dict_get(&doc, intent, b"DestOutputProfile") {
        lopdf::Object::Stream(s) => {
            assert_eq!(s.dict.get(b"N").ok(), Some(&lopdf::Object::Integer(3)));
            let profile = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            assert_eq!(&profile[36..40], b"acsp", "an ICC profile");
            assert_eq!(&profile[16..20], b"RGB ", "for RGB");
        }
        other => panic!("no ICC profile: {other:?}"),
    }
    // Every font program embedded.
    let mut descriptors = 0;
    for (_, o) in doc.objects.iter() {
        if let lopdf::Object::Dictionary(d) = o {
            if d.get(b"Type").ok() == Some(&lopdf::Object::Name(b"FontDescriptor".to_vec())) {
                descriptors += 1;
                assert!(d.get(b"FontFile2").is_ok(), "font not embedded: {d:?}");
            }
        }
    }
    assert_eq!(descriptors, 2, "regular and bold");
}

/// The structure a screen reader follows, as poppler reads it (`pdfinfo -struct-text`).
fn structure_text(bytes: &[u8]) -> String {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temp dir: {e}"),
    };
    let file = dir.path().join("c.pdf");
    if let Err(e) = std::fs::write(&file, bytes) {
        panic!("write: {e}");
    }
    let out = match std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&file)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("pdfinfo (Debian: poppler-utils) is needed for this test: {e}"),
    };
    assert!(out.status.success(), "pdfinfo refused the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn pdf_is_tagged_so_a_screen_reader_reads_it_in_order_without_page_furniture() {
    let bytes = pdf(&sample());
    let doc = match lopdf::Document::load_mem(&bytes) {
        Ok(d) => d,
        Err(e) => panic!("PDF does not parse: {e}"),
    };
    let catalog = match doc.catalog() {
        Ok(c) => c,
        Err(e) => panic!("no catalog: {e}"),
    };
    match dict_get(&doc, catalog, b"MarkInfo") {
        lopdf::Object::Dictionary(m) => {
            assert_eq!(m.get(b"Marked").ok(), Some(&lopdf::Object::Boolean(true)))
        }
        other => panic!("no MarkInfo: {other:?}"),
    }
    assert_eq!(
        text_string(dict_get(&doc, catalog, b"Lang")),
        "nl",
        "the language a screen reader speaks"
    );

    let tree = structure_text(&bytes);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    assert_eq!(lines.first(), Some(&"Document"), "{tree}");
    let pos = |needle: &str| -> usize {
        match lines.iter().position(|l| l.contains(needle)) {
            Some(p) => p,
            None => panic!("{needle:?} not in the structure:\n{tree}"),
        }
    };
    // Title, then the parts in order, each a heading; agreements are table cells under
    // a header row read once.
    assert!(lines[1].starts_with("H1"), "{tree}");
    let sociaal = pos("Deel 1. Sociaal deel");
    let arbeidsfit = pos("Deel 2. Arbeidsfit deel");
    let werk = pos("Deel 3.");
    assert!(sociaal < arbeidsfit && arbeidsfit < werk, "{tree}");
    assert!(lines[sociaal - 1].starts_with("H2"), "{tree}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("Table")).count(),
        3,
        "{tree}"
    );
    let first_th = pos("TH");
    let first_td = pos("TD");
    assert!(first_th < first_td, "{tree}");
    assert!(lines[first_th + 1].contains("Wat"), "{tree}");
    let schuld = pos("Naar het eerste gesprek bij de");
    assert!(sociaal < schuld && schuld < arbeidsfit, "{tree}");
    assert!(
        lines[schuld - 1] == "TD",
        "an agreement is a table cell:\n{tree}"
    );
    let signatures = pos("Ondertekening");
    assert!(werk < signatures, "{tree}");
    // Page numbers and the footer are artifacts: not read out between the paragraphs.
    assert!(!tree.contains("Pagina"), "{tree}");
}

#[test]
fn a_table_continued_on_the_next_page_has_its_header_read_once() {
    let mut c = sample();
    let sociaal = part_mut(&mut c, PartKind::Sociaal);
    for i in 0..40 {
        sociaal.agreements.push(agreement(
            &format!("Afspraak nummer {i} over de post en de rekeningen van deze maand."),
            "inwoner",
            date(2025, 5, 1),
            AgreementStatus::Open,
            "",
        ));
    }
    let bytes = pdf(&c);
    let pages = pdf_pages(&bytes);
    assert!(
        pages.iter().any(|p| p.contains(&squash("(vervolg)"))),
        "the long table continues on a new page"
    );
    let tree = structure_text(&bytes);
    assert!(!tree.contains("(vervolg)"), "{tree}");
    let headers = tree.lines().filter(|l| l.trim() == "\"Klaar op\"").count();
    assert_eq!(headers, 3, "one header row per part's table:\n{tree}");
    assert!(tree.contains("Afspraak nummer 39"), "{tree}");
}
