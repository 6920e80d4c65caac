//! The words that give a heading or group label its meaning — priority, release phase,
//! sign-off — in one table per language.
//!
//! Every reader matches against these tables and nothing else, so a word added here is
//! recognised in Markdown headings, bold labels and YAML alike, and `docs/READING.md` lists
//! exactly these tables (a test keeps the two the same). A word is written as it is shown to
//! users; when its spellings vary, a regular expression follows it. Words of languages written
//! with spaces match whole words only, so `must` never matches `mustard`; Chinese, Japanese and
//! Korean words match anywhere, since those scripts do not separate words.
//!
//! Every heading is looked up, so a run pays for compiling these patterns before it reads its
//! first section: the words of each script are compiled apart, only once a text holds a letter
//! of that script, and lean ([`words`]: no literal prefilter, no capture groups), since a heading is short
//! and only where a word starts is ever asked.

use std::sync::OnceLock;

use crate::files::{Pattern, words};

mod automata;

/// One word: how it is shown, and the pattern that matches its spellings (empty: the word
/// itself, literally).
type Word = (&'static str, &'static str);

/// What a word says about the group it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    Must,
    Should,
    Nice,
    Launch,
    PostLaunch,
    Contingency,
    SignOff,
    /// A list of conditions that stop the launch when they hold (`NO-GO Conditions`): its boxes
    /// are states to watch for, not work, and a ticked one says the launch must stop.
    StopCondition,
}

impl Meaning {
    const ALL: [Self; 8] = [
        Self::Must,
        Self::Should,
        Self::Nice,
        Self::Launch,
        Self::PostLaunch,
        Self::Contingency,
        Self::SignOff,
        Self::StopCondition,
    ];

    /// Its place in [`Meaning::ALL`].
    fn index(self) -> usize {
        self as usize
    }
}

/// The words of one language.
pub(crate) struct Language {
    /// Shown only in `docs/READING.md`, which a test compares with these tables.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "read by the documentation test")
    )]
    name: &'static str,
    /// The script every one of its words is written in, at least in part.
    script: Script,
    /// Whether the language separates words with spaces (match whole words only).
    spaced: bool,
    must: &'static [Word],
    should: &'static [Word],
    nice: &'static [Word],
    launch: &'static [Word],
    post_launch: &'static [Word],
    contingency: &'static [Word],
    signoff: &'static [Word],
    stop: &'static [Word],
}

impl Language {
    fn words(&self, meaning: Meaning) -> &'static [Word] {
        match meaning {
            Meaning::Must => self.must,
            Meaning::Should => self.should,
            Meaning::Nice => self.nice,
            Meaning::Launch => self.launch,
            Meaning::PostLaunch => self.post_launch,
            Meaning::Contingency => self.contingency,
            Meaning::SignOff => self.signoff,
            Meaning::StopCondition => self.stop,
        }
    }
}

/// Rollback *plans* and *preparation* are pre-launch work (a plan is written before the
/// launch); only the procedure, its steps and its execution are contingency.
const LANGUAGES: &[Language] = &[
    Language {
        name: "English",
        script: Script::Latin,
        spaced: true,
        must: &[
            ("P0", "p0"),
            // A modal verb is a priority as a heading word (`Must Have`, `v1.1 Must gates`,
            // `MUST`), not mid-sentence (`API Package should contain:`).
            ("Must (have)", r"(?-i:Must|MUST)|must[-\s]haves?"),
            ("mandatory", ""),
            ("required", ""),
            ("blocker(s)", "blockers?"),
            ("blocking", ""),
            ("critical", ""),
            // A NO-GO heading names stop conditions, read before priorities.
            (
                "GO conditions / criteria",
                r"(?-i:GO|Go)\s+(conditions?|criteria)",
            ),
        ],
        should: &[
            ("P1", "p1"),
            ("Should (have)", r"(?-i:Should|SHOULD)|should[-\s]haves?"),
            ("recommended", ""),
            ("important", ""),
            ("high priority", r"high[-\s]priority|priority:?\s*high"),
        ],
        nice: &[
            ("P2, P3", "p[23]"),
            ("nice to have", r"nice[-\s]to[-\s]haves?"),
            ("Could (have)", r"(?-i:Could|COULD)|could[-\s]haves?"),
            ("optional", ""),
            ("bonus", ""),
            (
                "medium or low priority",
                r"(medium|low)[-\s]priority|priority:?\s*(medium|low)",
            ),
        ],
        launch: &[
            (
                "launch / go-live / release / deployment / cut-over day",
                r"(launch|go[-\s]?live|release|deployment|cut[-\s]?over)[-\s]day",
            ),
            ("day of launch", r"day\s+of\s+(launch|go[-\s]?live|release)"),
            ("D-Day", "d-day"),
            (
                "during (the) deployment / launch / release / rollout",
                r"during\s+(the\s+)?(deployment|launch|release|go[-\s]?live|cut[-\s]?over|rollout)",
            ),
            (
                "deployment / release / rollout execution",
                r"(deployment|release|launch|rollout|go[-\s]?live)\s+execution",
            ),
            (
                "deployment steps / procedure",
                r"deployment\s+(steps|procedure)",
            ),
        ],
        post_launch: &[
            (
                "post-launch / -deployment / -release / -production",
                r"post[-\s]?(launch|go[-\s]?live|release|deploy(ment)?|production|cut[-\s]?over)",
            ),
            (
                "after (the) launch / release / deployment",
                r"after\s+(the\s+)?(launch|go[-\s]?live|release|deploy(ment)?)",
            ),
            (
                "first 24/48/72 hours, first day / week / month",
                r"first\s+(24|48|72)\s+hours|first\s+(day|week|month|quarter)",
            ),
            ("hypercare", ""),
            (
                "after the first production / live …",
                r"after\s+(the\s+)?first\s+(\w+\s+)?(production|live)",
            ),
            (
                "after each deploy / release",
                r"after\s+(each|every)\s+(deploy(ment)?|release)",
            ),
            (
                "ongoing / day-2 operations, recurring tasks",
                r"(ongoing|day[-\s]?2)\s+operations|recurring\s+(tasks|operations)",
            ),
        ],
        contingency: &[
            (
                "rollback procedure / steps / execution / commands",
                r"rollback\s+(procedure|execution|steps|commands)",
            ),
            (
                "executing / emergency rollback, after a rollback",
                r"(executing|performing|emergency)\s+(a\s+)?rollback|after\s+(a\s+|the\s+)?rollback",
            ),
            ("how to roll back", r"how\s+to\s+roll\s*back"),
            (
                "if critical issues arise",
                r"if\s+(critical\s+|serious\s+|major\s+)?(issues|problems|errors)\s+(arise|occur)",
            ),
            (
                "roll back (immediately) if",
                r"roll\s*back\s+(immediately\s+)?if",
            ),
            ("hotfix", r"hot[-\s]?fix(es)?"),
            (
                "if the deployment fails",
                r"if\s+(the\s+)?(deployment|release|launch)\s+fails",
            ),
        ],
        signoff: &[
            ("sign-off", r"sign[- ]?offs?"),
            ("approval", "approvals?"),
            ("approver", "approvers?"),
            ("signatures", "signatures?"),
            ("reviewers", ""),
        ],
        stop: &[
            (
                "NO-GO conditions / criteria / triggers, NO-GO if",
                r"no[-\s]?go\s+(conditions?|criteria|triggers?|if)",
            ),
            (
                "abort / stop / kill / halt criteria",
                r"(abort|stop|kill|halt)\s+(conditions?|criteria)",
            ),
            (
                "halt / stop the launch if",
                r"(halt|stop)\s+(the\s+)?(launch|release|deploy(ment)?|rollout)\s+if",
            ),
        ],
    },
    Language {
        name: "German",
        script: Script::Latin,
        spaced: true,
        must: &[("erforderlich", ""), ("Pflicht", r"pflicht\w*")],
        should: &[("empfohlen", "")],
        nice: &[("optional", "")],
        launch: &[("Live-Tag, Go-Live-Tag", r"(go[-\s])?live[-\s]tag")],
        post_launch: &[(
            "nach dem Go-Live / Release",
            r"nach\s+(dem\s+)?(go[-\s]?live|release|deployment|launch)",
        )],
        contingency: &[(
            "Rollback-Verfahren / -Schritte",
            r"rollback[-\s]?(verfahren|ablauf|schritte)",
        )],
        signoff: &[
            ("Freigabe", "freigaben?"),
            ("Abnahme", ""),
            ("Unterschriften", ""),
        ],
        stop: &[(
            "No-Go-Kriterien, Abbruchkriterien",
            r"no[-\s]?go[-\s]kriterien|abbruch[-\s]?kriterien",
        )],
    },
    Language {
        name: "French",
        script: Script::Latin,
        spaced: true,
        must: &[
            ("bloquant", "bloquante?s?"),
            ("obligatoire", "obligatoires?"),
        ],
        should: &[("recommandé", "recommandée?s?")],
        nice: &[("facultatif", "facultati(f|ve)s?")],
        launch: &[(
            "jour du lancement, pendant le déploiement",
            r"jour\s+du\s+(lancement|déploiement)|pendant\s+le\s+déploiement",
        )],
        post_launch: &[
            (
                "post-lancement, post-déploiement",
                r"post[-\s]?(lancement|déploiement)",
            ),
            (
                "après le lancement / déploiement",
                r"après\s+(le\s+)?(lancement|déploiement|go[-\s]?live)",
            ),
        ],
        contingency: &[(
            "procédure de retour arrière, exécuter le rollback",
            r"procédure\s+de\s+(retour\s+arrière|rollback)|(exécuter|effectuer)\s+(un\s+|le\s+)?(retour\s+arrière|rollback)",
        )],
        signoff: &[("approbation", "approbations?")],
        stop: &[(
            "critères de no-go / d'arrêt",
            r"crit[èe]res?\s+(de\s+no[-\s]?go|d'arr[êe]t)",
        )],
    },
    Language {
        name: "Spanish",
        script: Script::Latin,
        spaced: true,
        must: &[("obligatorio", "obligatori[oa]s?")],
        should: &[("recomendado", "recomendad[oa]s?")],
        nice: &[("opcional", "opcional(es)?")],
        launch: &[(
            "día del lanzamiento, durante el despliegue",
            r"día\s+del?\s+(lanzamiento|despliegue)|durante\s+el\s+despliegue",
        )],
        post_launch: &[(
            "después del despliegue / de cada deploy, post-despliegue, primera semana",
            r"despu[ée]s\s+del?\s+(despliegue|lanzamiento)|post[-\s]despliegue|primera\s+semana|despu[ée]s\s+de\s+cada\s+(deploy|despliegue)",
        )],
        contingency: &[(
            "procedimiento / pasos de reversión, rollback inmediato si",
            r"(procedimiento|pasos)\s+de\s+(reversi[óo]n|rollback)|ejecutar\s+(la\s+)?(reversi[óo]n|rollback)|rollback\s+inmediato\s+si",
        )],
        signoff: &[("aprobación", "aprobaci(ón|on|ones)"), ("firmas", "")],
        stop: &[(
            "criterios de no-go / de parada",
            r"criterios\s+de\s+(no[-\s]?go|parada|aborto)",
        )],
    },
    Language {
        name: "Portuguese",
        script: Script::Latin,
        spaced: true,
        must: &[("obrigatório", "obrigatóri[oa]s?")],
        should: &[("recomendado", "recomendad[oa]s?")],
        nice: &[("opcional", "opcion(al|ais)")],
        launch: &[(
            "dia do lançamento, durante o deploy",
            r"dia\s+do\s+(lançamento|deploy)|durante\s+o\s+(deploy|lançamento)",
        )],
        post_launch: &[
            (
                "pós-lançamento, pós-deploy, após o deploy",
                r"pós[-\s]?(lançamento|deploy|implantação)|após\s+o\s+(lançamento|deploy)",
            ),
            (
                "primeira semana, primeiras 24 horas",
                r"primeir[oa]s?\s+(semana|mês|(24|48|72)\s+horas)",
            ),
        ],
        contingency: &[(
            "como fazer rollback, procedimento de rollback",
            r"como\s+fazer\s+(o\s+)?rollback|procedimento\s+de\s+rollback",
        )],
        signoff: &[("aprovação", "aprovaç(ão|ões)")],
        stop: &[(
            "critérios de no-go / de parada",
            r"crit[ée]rios\s+de\s+(no[-\s]?go|parada)",
        )],
    },
    Language {
        name: "Russian",
        script: Script::Cyrillic,
        spaced: true,
        must: &[
            ("обязательно", r"обязательн\w*"),
            ("критично", r"критичн\w*"),
            ("блокер", r"блокер\w*"),
        ],
        should: &[
            ("важно", r"важн\w*"),
            ("рекомендуется", r"рекоменд\w*"),
            ("высокий приоритет", r"высок\w*\s+приоритет\w*"),
        ],
        nice: &[
            ("желательно", r"желательн\w*"),
            ("опционально", r"опциональн\w*"),
            (
                "средний / низкий приоритет",
                r"(средн|низк)\w*\s+приоритет\w*",
            ),
        ],
        launch: &[("день релиза / запуска", r"день\s+(релиза|запуска|деплоя)")],
        post_launch: &[(
            "после релиза / запуска / деплоя",
            r"после\s+(релиза|запуска|деплоя|развёртывания|развертывания)",
        )],
        contingency: &[(
            "процедура отката, rollback процедуры",
            r"процедур\w*\s+отката|rollback\s+процедур\w*",
        )],
        signoff: &[
            ("утверждение", r"утверждени\w*"),
            ("подписи", ""),
            ("согласование", r"согласовани\w*"),
        ],
        stop: &[(
            "критерии остановки / отмены",
            r"критери\w*\s+(остановки|отмены|no[-\s]?go)",
        )],
    },
    Language {
        name: "Chinese",
        script: Script::Cjk,
        spaced: false,
        must: &[("必须", ""), ("必检", ""), ("必查", "")],
        should: &[("建议", "")],
        nice: &[("可选", "")],
        launch: &[
            ("上线当天", ""),
            ("发布当天", ""),
            ("部署执行", ""),
            ("部署步骤", ""),
            ("部署过程中", ""),
        ],
        post_launch: &[
            ("部署后", ""),
            ("上线后", ""),
            ("发布后", ""),
            ("部署完成", ""),
            ("日常运维", ""),
        ],
        contingency: &[
            ("回滚步骤", r"(回滚|rollback)\s*步骤"),
            ("回滚流程", ""),
            ("执行回滚", ""),
            ("紧急回滚", ""),
        ],
        signoff: &[("签字", ""), ("签核", ""), ("审批", "")],
        stop: &[("停止发布条件", ""), ("回滚触发条件", "")],
    },
    Language {
        name: "Japanese",
        script: Script::Cjk,
        spaced: false,
        must: &[("必須", "")],
        should: &[("推奨", "")],
        nice: &[("任意", "")],
        launch: &[("リリース当日", "")],
        post_launch: &[
            ("リリース後", ""),
            ("稼働後", ""),
            ("日常運用", ""),
            ("運用時", ""),
        ],
        contingency: &[
            ("ロールバック手順", ""),
            ("ロールバック実行", ""),
            ("緊急ロールバック", ""),
        ],
        signoff: &[("承認", "")],
        stop: &[("中止条件", "")],
    },
    Language {
        name: "Korean",
        script: Script::Cjk,
        spaced: false,
        must: &[("필수", "")],
        should: &[("권장", "")],
        nice: &[("선택", "")],
        launch: &[("배포 중", r"배포\s*중"), ("출시 당일", r"출시\s*당일")],
        post_launch: &[("배포 후", r"배포\s*후"), ("출시 후", r"출시\s*후")],
        contingency: &[
            ("롤백 절차", r"롤백\s*절차"),
            ("긴급 롤백", r"긴급\s*롤백"),
            ("롤백 실행", r"롤백\s*실행"),
            ("롤백 후", r"롤백\s*후"),
        ],
        signoff: &[("승인", ""), ("결재", "")],
        stop: &[("중단 조건", r"중단\s*조건")],
    },
    Language {
        name: "Turkish",
        script: Script::Latin,
        spaced: true,
        must: &[("zorunlu", "")],
        should: &[("önerilen", "")],
        nice: &[("isteğe bağlı", r"isteğe\s+bağlı")],
        launch: &[("yayın günü", r"yay[ıi]n\s+günü")],
        post_launch: &[("yayın sonrası", r"yay[ıi]n\s+sonras[ıi]")],
        contingency: &[("geri alma prosedürü", r"geri\s+alma\s+(prosedürü|adımları)")],
        signoff: &[("onay", ""), ("imza", "imza(lar)?")],
        stop: &[],
    },
];

/// A writing system whose words are compiled into patterns of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// ASCII and the accented Latin letters: looked for in every text.
    Latin,
    Cyrillic,
    /// Chinese, Japanese and Korean: ideographs, kana and hangul.
    Cjk,
}

impl Script {
    const ALL: [Self; 3] = [Self::Latin, Self::Cyrillic, Self::Cjk];

    /// The letters of this script. Every word of a non-Latin language needs one, which a test
    /// proves from the patterns themselves, so a text without any cannot hold its words.
    fn letters(self) -> &'static [(char, char)] {
        match self {
            Self::Latin => &[],
            Self::Cyrillic => &[('\u{0400}', '\u{052F}'), ('\u{1C80}', '\u{1C8F}')],
            Self::Cjk => &[
                ('\u{1100}', '\u{11FF}'),
                ('\u{2E80}', '\u{9FFF}'),
                ('\u{A960}', '\u{A97F}'),
                ('\u{AC00}', '\u{D7FF}'),
                ('\u{F900}', '\u{FAFF}'),
                ('\u{FF00}', '\u{FFEF}'),
                ('\u{20000}', '\u{3FFFF}'),
            ],
        }
    }

    fn occurs_in(self, text: &str) -> bool {
        // An ASCII text holds no letter of another script; that test is one vectorized scan.
        self == Self::Latin || !text.is_ascii() && text.chars().any(|c| self.has_letter(c))
    }

    /// Whether `c` is one of this script's letters.
    fn has_letter(self, c: char) -> bool {
        self.letters()
            .iter()
            .any(|(low, high)| (*low..=*high).contains(&c))
    }
}

/// The alternatives, in every language of this script, for the words with this meaning; `None`
/// when there are none.
fn source(meaning: Meaning, script: Script) -> Option<String> {
    let alternatives: Vec<String> = LANGUAGES
        .iter()
        .filter(|language| language.script == script)
        .flat_map(|language| {
            language.words(meaning).iter().map(|(shown, pattern)| {
                let pattern = if pattern.is_empty() {
                    regex::escape(shown)
                } else {
                    (*pattern).to_owned()
                };
                if language.spaced {
                    format!(r"\b(?:{pattern})\b")
                } else {
                    format!("(?:{pattern})")
                }
            })
        })
        .collect();
    (!alternatives.is_empty()).then(|| format!("(?i){}", alternatives.join("|")))
}

/// Each meaning's pattern for each script, compiled the first time a text needs it.
static PATTERNS: [[OnceLock<Option<Pattern>>; Script::ALL.len()]; Meaning::ALL.len()] =
    [const { [const { OnceLock::new() }; Script::ALL.len()] }; Meaning::ALL.len()];

/// The compiled patterns of the scripts `text` holds letters of, Latin among them only when
/// `with_latin`.
fn patterns(
    meaning: Meaning,
    text: &str,
    with_latin: bool,
) -> impl Iterator<Item = &'static Pattern> {
    Script::ALL
        .iter()
        .zip(&PATTERNS[meaning.index()])
        .filter(move |(script, _)| {
            (with_latin || **script != Script::Latin) && script.occurs_in(text)
        })
        .filter_map(move |(script, cell)| {
            cell.get_or_init(|| source(meaning, *script).as_deref().map(words))
                .as_ref()
        })
}

/// Where the first word with this meaning, in any language, starts in `text`: the Latin words
/// answered by the automata compiled ahead of time when they can, else by their pattern; the
/// words of other scripts by theirs.
pub(crate) fn find(meaning: Meaning, text: &str) -> Option<usize> {
    match automata::find(meaning, text) {
        Ok(latin) => latin
            .into_iter()
            .chain(first_of(meaning, text, false))
            .min(),
        Err(automata::Undecided) => compiled_find(meaning, text),
    }
}

fn compiled_find(meaning: Meaning, text: &str) -> Option<usize> {
    first_of(meaning, text, true)
}

fn first_of(meaning: Meaning, text: &str, with_latin: bool) -> Option<usize> {
    patterns(meaning, text, with_latin)
        .filter_map(|pattern| pattern.find(text))
        .map(|found| found.start())
        .min()
}

/// Whether `text` holds a word with this meaning, in any language.
pub(crate) fn names(meaning: Meaning, text: &str) -> bool {
    let (found, with_latin) = match automata::names(meaning, text) {
        Ok(found) => (found, false),
        Err(automata::Undecided) => (false, true),
    };
    found || patterns(meaning, text, with_latin).any(|pattern| pattern.is_match(text))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir};

    use super::*;

    impl Meaning {
        fn label(self) -> &'static str {
            match self {
                Self::Must => "must",
                Self::Should => "should",
                Self::Nice => "nice",
                Self::Launch => "launch day",
                Self::PostLaunch => "post-launch",
                Self::Contingency => "contingency",
                Self::SignOff => "sign-off",
                Self::StopCondition => "no-go condition",
            }
        }
    }

    /// The tables as Markdown, one per language, as `docs/READING.md` shows them.
    fn markdown() -> String {
        let mut out = String::new();
        for language in LANGUAGES {
            let _ = writeln!(out, "#### {}\n", language.name);
            let _ = writeln!(out, "| Meaning | Words |\n|---|---|");
            for meaning in Meaning::ALL {
                let words: Vec<&str> = language.words(meaning).iter().map(|(w, _)| *w).collect();
                if !words.is_empty() {
                    let _ = writeln!(out, "| {} | {} |", meaning.label(), words.join("; "));
                }
            }
            out.push('\n');
        }
        out
    }

    /// The shown form of each word is itself matched, so the documentation never lists a word
    /// the reader ignores.
    #[test]
    fn every_shown_word_is_matched_by_its_meaning() {
        for language in LANGUAGES {
            for meaning in Meaning::ALL {
                for (shown, pattern) in language.words(meaning) {
                    if pattern.is_empty() {
                        assert!(pattern_matches(meaning, shown), "{shown}");
                    }
                }
            }
        }
    }

    fn pattern_matches(meaning: Meaning, text: &str) -> bool {
        let found = names(meaning, text);
        assert_eq!(found, find(meaning, text).is_some(), "{text}");
        found
    }

    /// Whether `hir` can match a text without a letter of `script`.
    fn matches_without(hir: &Hir, script: Script) -> bool {
        let letters = ClassUnicode::new(
            script
                .letters()
                .iter()
                .map(|(low, high)| ClassUnicodeRange::new(*low, *high)),
        );
        crate::files::matches_without(hir, &letters)
    }

    /// The guard in [`Script::occurs_in`] is sound: taken out of every word of a script's
    /// languages, its letters leave patterns that match nothing.
    #[test]
    fn every_word_of_a_script_needs_one_of_its_letters() {
        for script in [Script::Cyrillic, Script::Cjk] {
            for meaning in Meaning::ALL {
                let Some(source) = source(meaning, script) else {
                    continue;
                };
                let hir = regex_syntax::parse(&source).expect("the vocabulary parses");
                assert!(
                    !matches_without(&hir, script),
                    "{meaning:?} in {script:?} can match without a letter of it: {source}"
                );
            }
        }
        // The proof can fail: a word whose letter is optional would be found without it.
        for (pattern, needs) in [("(?i)ab(?:в)?", false), ("(?i)a[бв]", true), ("a|в", false)] {
            let hir = regex_syntax::parse(pattern).expect("parses");
            assert_eq!(!matches_without(&hir, Script::Cyrillic), needs, "{pattern}");
        }
    }

    #[test]
    fn each_meaning_knows_its_place() {
        for (place, meaning) in Meaning::ALL.into_iter().enumerate() {
            assert_eq!(meaning.index(), place, "{meaning:?}");
        }
    }

    #[test]
    fn the_first_word_in_any_script_is_found() {
        assert_eq!(find(Meaning::Must, "説明 必須 required"), Some(7));
        assert_eq!(find(Meaning::Must, "required: 必須"), Some(0));
        assert_eq!(find(Meaning::Must, "Обязательно"), Some(0));
        assert_eq!(find(Meaning::Must, "🚀 Launch"), None);
        assert_eq!(find(Meaning::StopCondition, "中止条件"), Some(0));
    }

    #[test]
    fn spaced_words_match_whole_words_only() {
        assert!(!pattern_matches(Meaning::Must, "mustard"));
        assert!(!pattern_matches(
            Meaning::Should,
            "API Package should contain:"
        ));
        assert!(pattern_matches(Meaning::Should, "Should Have"));
        assert!(pattern_matches(Meaning::Must, "must-have items"));
        assert!(!pattern_matches(Meaning::SignOff, "honayak"));
        assert!(pattern_matches(Meaning::Must, "Pflichtfelder"));
        assert!(pattern_matches(Meaning::Must, "部署前必查项目"));
    }

    #[test]
    fn rollback_plans_are_not_contingency_but_their_steps_are() {
        for plan in [
            "Rollback Plan",
            "监控和回滚准备",
            "plan de reversión",
            "Rollback Triggers",
        ] {
            assert!(!pattern_matches(Meaning::Contingency, plan), "{plan}");
        }
        for steps in [
            "Rollback Procedure",
            "回滚步骤（如需要）",
            "Rollback步骤",
            "9. 롤백 절차 (Rollback Procedure)",
            "Rollback процедуры",
            "Phase E: After Rollback Execution",
            "Como fazer rollback:",
            "ロールバック手順",
        ] {
            assert!(pattern_matches(Meaning::Contingency, steps), "{steps}");
        }
    }

    #[test]
    fn the_documentation_lists_exactly_these_tables() {
        let docs = include_str!("../../docs/READING.md");
        let begin = "<!-- vocabulary:begin -->\n";
        let end = "<!-- vocabulary:end -->";
        let start = docs
            .find(begin)
            .expect("docs/READING.md has a vocabulary block")
            + begin.len();
        let stop = docs
            .find(end)
            .expect("docs/READING.md closes its vocabulary block");
        let tables = markdown();
        if docs[start..stop] != tables && std::env::var_os("READY_UPDATE_DOCS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/READING.md");
            let updated = format!("{}{tables}{}", &docs[..start], &docs[stop..]);
            std::fs::write(path, updated).expect("write docs/READING.md");
            return;
        }
        assert_eq!(
            docs[start..stop],
            tables,
            "docs/READING.md is out of date: run this test with READY_UPDATE_DOCS=1"
        );
    }
}
