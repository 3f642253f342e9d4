//! Plausible, varied intake answers for a made-up resident, and how their situation moves
//! from one yearly check-in to the next.

use super::people;
use super::rng::Rng;
use crate::domain::{Answers, Value};
use chrono::NaiveDate;

/// A made-up resident's situation; answers are drawn from it at every contact.
#[derive(Debug, Clone)]
pub struct Situation {
    pub first_names: String,
    pub surname: String,
    pub born: NaiveDate,
    pub bsn: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    household: &'static str,
    /// Youngest child's year of birth, when there are children.
    child_born: Option<i32>,
    statushouder: bool,
    education: &'static str,
    uwv: bool,
    /// The rung the resident's life is at now (1..=6); answers are drawn to match it.
    pub level: u8,
    /// -1, 0 or +1: where the resident tends to go over the years.
    pub trend: i8,
    care: bool,
    debts: &'static str,
    debt_total: i64,
    debt_kinds: Vec<&'static str>,
    threat: &'static str,
    in_traject: bool,
    housing: &'static str,
    insecure: bool,
    rent: i64,
    dutch_8y: bool,
    proof: &'static str,
    level_nl: &'static str,
    low_literacy: bool,
    digital: &'static str,
    inburgering: bool,
    route: &'static str,
    health: &'static str,
    network: &'static str,
    low_income_years: i64,
    no_income: bool,
    toeslagen_unknown: bool,
    used_iit: bool,
}

impl Situation {
    /// A new resident at their first intake on `on`; `bsn_counter` hands out test BSNs.
    pub fn new(rng: &mut Rng, on: NaiveDate, bsn_counter: &mut u32) -> Situation {
        let first_names = rng.pick(people::FIRST_NAMES).to_string();
        let surname = rng.pick(people::SURNAMES).to_string();
        let age = people::intake_age(rng);
        let born = people::birth_date(rng, age, on);
        let bsn = if rng.chance(92) {
            people::test_bsn(bsn_counter)
        } else {
            None
        };
        let household = rng.weighted(&[
            ("alleenstaand", 45),
            ("alleenstaande_ouder", 22),
            ("samen_zonder_kinderen", 10),
            ("samen_met_kinderen", 15),
            ("inwonend", 8),
        ]);
        let with_children = matches!(household, "alleenstaande_ouder" | "samen_met_kinderen");
        let child_born = with_children.then(|| {
            let max_age = (age - 17).clamp(0, 17);
            chrono::Datelike::year(&on) - rng.range(0, max_age) as i32
        });
        let statushouder = rng.chance(12);
        let education = rng.weighted(&[
            ("geen", 6),
            ("basisonderwijs", 10),
            ("vmbo_mbo1", 30),
            ("mbo2_4", 28),
            ("havo_vwo", 8),
            ("hbo_wo", 6),
            ("buitenlands", if statushouder { 40 } else { 12 }),
        ]);
        let level = rng.weighted(&[(1, 12), (2, 22), (3, 24), (4, 16), (5, 18), (6, 8)]);
        let trend = rng.weighted(&[(1, 40), (0, 42), (-1, 18)]);
        let debts = rng.weighted(&[("ja", 45), ("nee", 45), ("weet_niet", 10)]);
        let housing = rng.weighted(&[
            ("huur", 70),
            ("koop", 3),
            ("inwonend", 8),
            ("kamer", 9),
            ("dakloos", 3),
            ("opvang", 5),
            ("instelling", 2),
        ]);
        let dutch_8y = !statushouder && rng.chance(72);
        let mut s = Situation {
            first_names: first_names.clone(),
            surname: surname.clone(),
            born,
            bsn,
            phone: rng
                .chance(80)
                .then(|| format!("06-00{:06}", rng.below(1_000_000))),
            email: rng.chance(55).then(|| {
                format!(
                    "{}.{}@voorbeeld.nl",
                    ascii_slug(&first_names),
                    ascii_slug(&surname)
                )
            }),
            household,
            child_born,
            statushouder,
            education,
            uwv: rng.chance(68),
            level,
            trend,
            care: rng.chance(14),
            debts,
            debt_total: 0,
            debt_kinds: Vec::new(),
            threat: "geen",
            in_traject: false,
            housing,
            insecure: housing != "dakloos" && rng.chance(9),
            rent: rng.range(450, 1_050) * 100 + rng.range(0, 99),
            dutch_8y,
            proof: if dutch_8y {
                "geen"
            } else {
                rng.weighted(&[
                    ("inburgeringsdiploma", 35),
                    ("staatsexamen_nt2", 10),
                    ("ander_bewijs", 20),
                    ("geen", 35),
                ])
            },
            level_nl: if dutch_8y {
                "b2_hoger"
            } else {
                rng.weighted(&[
                    ("geen", 5),
                    ("a1", 20),
                    ("a2", 30),
                    ("b1", 25),
                    ("b2_hoger", 10),
                    ("onbekend", 10),
                ])
            },
            low_literacy: rng.chance(if dutch_8y { 9 } else { 20 }),
            digital: rng.weighted(&[("zelfstandig", 55), ("met_hulp", 33), ("niet", 12)]),
            inburgering: statushouder && rng.chance(75),
            route: rng.weighted(&[("b1", 55), ("onderwijs", 15), ("z", 20), ("onbekend", 10)]),
            health: rng.weighted(&[
                ("geen", 52),
                ("lichamelijk", 16),
                ("psychisch", 17),
                ("beide", 8),
                ("zegt_niet", 7),
            ]),
            network: rng.weighted(&[("veel", 30), ("beetje", 48), ("geen", 22)]),
            low_income_years: rng.range(0, 14),
            no_income: rng.chance(3),
            toeslagen_unknown: rng.chance(8),
            used_iit: rng.chance(30),
        };
        if s.debts == "ja" {
            s.new_debts(rng);
        }
        s
    }

    fn new_debts(&mut self, rng: &mut Rng) {
        self.debt_total = rng.range(3, 400) * 10_000;
        let kinds = [
            "huur",
            "energie",
            "water",
            "zorgverzekering",
            "belastingdienst",
            "gemeente",
            "cjib",
            "lening",
            "telefoon",
            "overig",
        ];
        let n = rng.range(1, 4);
        self.debt_kinds = (0..n).map(|_| rng.pick(&kinds)).collect();
        self.threat = rng.weighted(&[
            ("geen", 72),
            ("huisuitzetting", 8),
            ("afsluiting_energie_water", 9),
            ("opzegging_zorgverzekering", 5),
            ("beslag", 6),
        ]);
        self.in_traject = rng.chance(35);
    }

    /// A year passes: the rung moves with the resident's trend (not always), debts get
    /// resolved or arise, housing threats pass, language improves.
    pub fn next_year(&mut self, rng: &mut Rng) {
        let moves = rng.chance(55);
        if moves {
            let step = if rng.chance(85) {
                self.trend
            } else {
                -self.trend
            };
            self.level = (self.level as i8 + step).clamp(1, 6) as u8;
        }
        match self.debts {
            "ja" if self.in_traject && rng.chance(40) => {
                self.debts = "nee";
                self.debt_kinds.clear();
                self.threat = "geen";
                self.in_traject = false;
            }
            "ja" => {
                self.in_traject = self.in_traject || rng.chance(60);
                if rng.chance(70) {
                    self.threat = "geen";
                }
            }
            "weet_niet" => {
                self.debts = if rng.chance(50) { "ja" } else { "nee" };
                if self.debts == "ja" {
                    self.new_debts(rng);
                }
            }
            _ if rng.chance(8) => {
                self.debts = "ja";
                self.new_debts(rng);
            }
            _ => {}
        }
        if matches!(self.housing, "dakloos" | "opvang") && rng.chance(60) {
            self.housing = rng.pick(&["huur", "kamer", "inwonend"]);
        }
        self.insecure = self.housing != "dakloos" && rng.chance(6);
        if !self.dutch_8y && rng.chance(40) {
            self.level_nl = match self.level_nl {
                "geen" => "a1",
                "a1" => "a2",
                "a2" => "b1",
                "b1" => "b2_hoger",
                other => other,
            };
            if self.proof == "geen" && rng.chance(40) {
                self.proof = "inburgeringsdiploma";
            }
        }
        self.low_income_years += 1;
        self.no_income = rng.chance(2);
        self.toeslagen_unknown = rng.chance(5);
        self.used_iit = self.used_iit || rng.chance(25);
        if self.digital == "niet" && rng.chance(30) {
            self.digital = "met_hulp";
        }
        self.uwv = self.uwv || rng.chance(50);
    }

    /// The answers of a contact on `on`, through every section. Hidden questions may be
    /// answered here; the caller keeps only the visible ones, as the form does.
    pub fn answers(&self, rng: &mut Rng, on: NaiveDate) -> Answers {
        let mut a = Answers::new();
        let text = |s: &str| Value::Text(s.to_string());
        let choice = |s: &str| Value::Choice(s.to_string());
        let multi = |v: &[&str]| Value::Multi(v.iter().map(|s| s.to_string()).collect());

        // persoon
        a.insert("persoon.voornamen".into(), text(&self.first_names));
        a.insert("persoon.achternaam".into(), text(&self.surname));
        a.insert("persoon.geboortedatum".into(), Value::Date(self.born));
        if let Some(b) = &self.bsn {
            a.insert("persoon.bsn".into(), text(b));
        }
        if let Some(p) = &self.phone {
            a.insert("persoon.telefoon".into(), text(p));
        }
        if let Some(e) = &self.email {
            a.insert("persoon.email".into(), text(e));
        }
        a.insert("persoon.huishouden".into(), choice(self.household));
        if let Some(y) = self.child_born {
            let age = (chrono::Datelike::year(&on) - y).clamp(0, 25);
            a.insert(
                "persoon.jongste_kind_leeftijd".into(),
                Value::Int(age as i64),
            );
        }
        a.insert(
            "persoon.statushouder".into(),
            Value::Bool(self.statushouder),
        );

        // werk + meedoen, drawn to match the level
        let paid = self.level >= 5;
        a.insert("werk.betaald".into(), Value::Bool(paid));
        let mut sources: Vec<&str> = Vec::new();
        if paid {
            a.insert(
                "werk.uren_per_week".into(),
                Value::Int(if self.level == 6 {
                    rng.range(24, 40)
                } else {
                    rng.range(8, 32)
                }),
            );
            sources.push("loon");
            if self.level == 5 {
                let support = rng.weighted(&[
                    ("aanvullende_uitkering", 30),
                    ("loonkostensubsidie", 20),
                    ("jobcoach", 20),
                    ("beschut_werk", 8),
                    ("leerwerk", 8),
                    ("geen", 14),
                ]);
                a.insert("werk.ondersteuning".into(), multi(&[support]));
                // Without named support, a supplementary benefit makes it rung 5.
                if support == "aanvullende_uitkering" || support == "geen" {
                    sources.push("bijstand");
                }
            } else {
                a.insert("werk.ondersteuning".into(), multi(&["geen"]));
            }
        } else if self.no_income {
            sources.push("geen");
        } else {
            sources.push(rng.weighted(&[("bijstand", 85), ("uwv_uitkering", 15)]));
            if self.household.starts_with("samen") && rng.chance(30) {
                sources.push("loon");
            }
            if rng.chance(6) {
                sources.push("alimentatie");
            }
        }
        a.insert("werk.opleiding".into(), choice(self.education));
        a.insert("werk.ingeschreven_uwv".into(), Value::Bool(self.uwv));
        let mut barriers: Vec<&str> = Vec::new();
        if self.health != "geen" && self.health != "zegt_niet" {
            barriers.push("gezondheid");
        }
        if self.child_born.is_some() && rng.chance(50) {
            barriers.push("zorgtaken");
            if rng.chance(40) {
                barriers.push("kinderopvang");
            }
        }
        if rng.chance(15) {
            barriers.push("vervoer");
        }
        if !self.dutch_8y && matches!(self.level_nl, "geen" | "a1" | "a2") {
            barriers.push("taal");
        }
        if barriers.is_empty() {
            barriers.push("geen");
        }
        a.insert("werk.belemmeringen".into(), multi(&barriers));
        a.insert("werk.ervaring".into(), text(rng.pick(EXPERIENCE)));
        a.insert("werk.wensen".into(), text(rng.pick(WISHES)));

        let (unpaid, organised, social) = match self.level {
            1 => ("nee", "nee", rng.pick(&["nee", "minder"])),
            2 => (
                "nee",
                rng.pick(&["nee", "minder"]),
                if rng.chance(70) {
                    "wekelijks"
                } else {
                    "minder"
                },
            ),
            3 => {
                if rng.chance(65) {
                    ("nee", "wekelijks", rng.pick(&["wekelijks", "minder"]))
                } else {
                    ("minder", rng.pick(&["nee", "minder"]), "wekelijks")
                }
            }
            4 => (
                "wekelijks",
                rng.pick(&["nee", "minder", "wekelijks"]),
                "wekelijks",
            ),
            _ => (
                rng.pick(&["nee", "nee", "minder"]),
                rng.pick(&["nee", "minder"]),
                "wekelijks",
            ),
        };
        // With only "minder" contact the ladder puts rung 2 out of reach: keep level 2 honest.
        let (organised, social) = if self.level == 2 && organised != "minder" {
            (organised, "wekelijks")
        } else {
            (organised, social)
        };
        a.insert("meedoen.onbetaald_werk".into(), choice(unpaid));
        a.insert("meedoen.georganiseerd".into(), choice(organised));
        a.insert("meedoen.sociaal_contact".into(), choice(social));
        a.insert("meedoen.mantelzorg".into(), Value::Bool(self.care));
        a.insert(
            "meedoen.activiteiten".into(),
            text(ACTIVITIES[(self.level as usize - 1).min(ACTIVITIES.len() - 1)]),
        );

        // inkomen
        a.insert("inkomen.bronnen".into(), multi(&sources));
        if !self.no_income || paid {
            let base = if paid { 1_400 } else { 1_150 };
            a.insert(
                "inkomen.netto_per_maand".into(),
                Value::Money((base + rng.range(0, 600)) * 100 + rng.range(0, 99)),
            );
        }
        a.insert(
            "inkomen.laag_inkomen_jaren".into(),
            Value::Int(self.low_income_years.min(50)),
        );
        let toeslagen: Vec<&str> = if self.toeslagen_unknown {
            vec!["weet_niet"]
        } else {
            let mut t = Vec::new();
            if self.housing == "huur" && rng.chance(75) {
                t.push("huurtoeslag");
            }
            if rng.chance(85) {
                t.push("zorgtoeslag");
            }
            if self.child_born.is_some() {
                t.push("kindgebonden_budget");
                if rng.chance(30) {
                    t.push("kinderopvangtoeslag");
                }
            }
            if t.is_empty() {
                t.push("geen");
            }
            t
        };
        a.insert("inkomen.toeslagen".into(), multi(&toeslagen));
        let mut regelingen: Vec<&str> = Vec::new();
        if self.used_iit {
            regelingen.push("individuele_inkomenstoeslag");
        }
        for (r, p) in [
            ("bijzondere_bijstand", 25),
            ("kwijtschelding", 40),
            ("meedoenregeling", 30),
            ("collectieve_zorgverzekering", 45),
        ] {
            if rng.chance(p) {
                regelingen.push(r);
            }
        }
        if regelingen.is_empty() {
            regelingen.push("geen");
        }
        a.insert("inkomen.regelingen".into(), multi(&regelingen));

        // schulden
        a.insert("schulden.heeft_schulden".into(), choice(self.debts));
        if self.debts == "ja" {
            a.insert("schulden.totaal".into(), Value::Money(self.debt_total));
            let mut kinds = self.debt_kinds.clone();
            kinds.sort_unstable();
            kinds.dedup();
            a.insert("schulden.soorten".into(), multi(&kinds));
            a.insert("schulden.dreiging".into(), multi(&[self.threat]));
            a.insert("schulden.in_traject".into(), Value::Bool(self.in_traject));
        }

        // wonen
        a.insert("wonen.situatie".into(), choice(self.housing));
        if self.housing != "dakloos" {
            a.insert("wonen.onzeker".into(), Value::Bool(self.insecure));
            if matches!(self.housing, "huur" | "koop" | "kamer") {
                a.insert("wonen.woonlasten".into(), Value::Money(self.rent));
            }
        }

        // taal
        a.insert("taal.onderwijs_nl_8jaar".into(), Value::Bool(self.dutch_8y));
        if !self.dutch_8y {
            a.insert("taal.bewijs".into(), choice(self.proof));
        }
        a.insert("taal.niveau".into(), choice(self.level_nl));
        a.insert("taal.laaggeletterd".into(), Value::Bool(self.low_literacy));
        a.insert("taal.digitaal".into(), choice(self.digital));
        if self.statushouder {
            a.insert(
                "taal.inburgeringsplichtig".into(),
                Value::Bool(self.inburgering),
            );
            if self.inburgering {
                a.insert("taal.leerroute".into(), choice(self.route));
            }
        }

        // gezondheid
        a.insert("gezondheid.belemmering".into(), choice(self.health));
        if self.health != "geen" {
            let note = match self.health {
                "lichamelijk" => rng.pick(&[
                    "Rugklachten; lang staan of tillen lukt niet.",
                    "Knieoperatie gehad, herstelt nog.",
                ]),
                "psychisch" => rng.pick(&[
                    "Somberheid; is in behandeling bij de huisarts.",
                    "Slaapt slecht door stress over geld.",
                ]),
                "beide" => "Chronische pijn en daardoor weinig energie.",
                _ => "Wil er nu niet over praten.",
            };
            a.insert("gezondheid.toelichting".into(), text(note));
        }
        a.insert("gezondheid.steun_netwerk".into(), choice(self.network));

        // regie, in the resident's own words
        let goal = GOALS[(self.level as usize - 1).min(GOALS.len() - 1)];
        a.insert("regie.doel".into(), text(rng.pick(goal)));
        a.insert("regie.nodig".into(), text(rng.pick(NEEDS)));
        a.insert("regie.zelf".into(), text(rng.pick(OWN_STEPS)));

        // verwachting: usually one rung up, sometimes the same
        let expected = if self.level < 6 && rng.chance(60) {
            self.level + 1
        } else {
            self.level
        };
        a.insert("verwachting.trede".into(), choice(&expected.to_string()));
        a.insert(
            "verwachting.termijn_maanden".into(),
            Value::Int(rng.pick(&[6, 12, 12, 12, 18, 24])),
        );
        a.insert(
            "verwachting.toelichting".into(),
            text(if expected > self.level {
                "Samen haalbaar als de afspraken lukken."
            } else {
                "Eerst de huidige situatie stabiel houden."
            }),
        );
        a
    }
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'ü' => Some('u'),
            'ï' => Some('i'),
            'é' | 'ë' => Some('e'),
            ' ' => Some('-'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

const EXPERIENCE: &[&str] = &[
    "Tien jaar schoonmaakwerk in kantoren, daarna ziek geworden.",
    "Magazijnmedewerker bij een groothandel, via het uitzendbureau.",
    "Werkte in de thuiszorg als helpende.",
    "Kok in een restaurant in het land van herkomst.",
    "Kassamedewerker in een supermarkt, parttime.",
    "Nog geen betaald werk gehad; wel vrijwilliger bij de voedselbank.",
    "Chauffeur bezorgdienst, contract niet verlengd.",
    "Administratief medewerker, laatste baan vijf jaar geleden.",
];

const WISHES: &[&str] = &[
    "Iets met mensen, liefst in de zorg.",
    "Buiten werken, bijvoorbeeld in het groen.",
    "Terug naar de horeca, overdag.",
    "Een vaste baan van ongeveer 24 uur.",
    "Eerst de schulden op orde, dan werk zoeken.",
    "Een opleiding tot monteur.",
    "Werk in de buurt, zodat ik de kinderen kan halen.",
];

const ACTIVITIES: &[&str] = &[
    "Komt weinig buiten de deur.",
    "Gaat elke week bij de zus op bezoek.",
    "Taalles op maandag en donderdag in het buurthuis.",
    "Vrijwilliger bij de kringloopwinkel, twee ochtenden per week.",
    "Werkt en doet daarnaast weinig georganiseerds.",
    "Voetbaltrainer bij de jeugd op zaterdag.",
];

const GOALS: &[&[&str]] = &[
    &[
        "Weer onder de mensen komen.",
        "Eén keer per week iets buiten de deur doen.",
    ],
    &[
        "Een cursus of club vinden die bij mij past.",
        "Mijn Nederlands verbeteren.",
    ],
    &[
        "Vrijwilligerswerk vinden waar ze op mij rekenen.",
        "Een stage doen om ervaring op te doen.",
    ],
    &[
        "Een betaalde baan vinden, ook als het eerst met hulp is.",
        "Starten met een leerwerkplek.",
    ],
    &[
        "Meer uren werken en minder uitkering nodig hebben.",
        "Een vast contract krijgen.",
    ],
    &[
        "Mijn baan houden en doorgroeien.",
        "Een opleiding naast mijn werk afmaken.",
    ],
];

const NEEDS: &[&str] = &[
    "Hulp bij het op orde brengen van mijn geldzaken.",
    "Kinderopvang op de dagen dat ik werk.",
    "Iemand die met mij meegaat naar het eerste gesprek.",
    "Een fiets of een ov-kaart.",
    "Een taalcursus overdag.",
    "Een laptop en hulp bij het solliciteren.",
];

const OWN_STEPS: &[&str] = &[
    "Elke week twee vacatures bekijken.",
    "Mijn post openmaken en meenemen naar het gesprek.",
    "Me aanmelden bij het buurthuis.",
    "Elke dag een half uur Nederlands oefenen.",
    "Op tijd naar de afspraken komen.",
];
