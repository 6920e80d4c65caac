//! `ready check`: read the inputs, run the probes, assess, and write every report the run asks
//! for (standard output, `--report` files, and on GitHub Actions the annotations and the job
//! summary).

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::checklist;
use crate::config::{self, Config};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::files;
use crate::gate::ratchet::Ratchet;
use crate::gate::{Alone, Assessment, LintParams, Settings, assess, assess_or_return};
use crate::hash::HashSet;
use crate::ledger;
use crate::model::{
    Checklist, InputDigests, Mode, Notice, PolicyConfig, Provenance, Recording, Waiver,
};
use crate::probe::recording::Replay;
use crate::probe::{self, Progress, RunOptions};
use crate::report::{self, Format, Options, Report as _, Style};
use crate::workflow::exit_code;
use crate::workflow::links::links;
use crate::workflow::{Streams, Verbosity, release, write_report};

/// What `ready check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    /// Checklist files or directories; empty means the defaults (see docs/usage.md).
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// The format on standard output.
    pub format: Format,
    /// `--report FORMAT=PATH`, in order.
    pub reports: Vec<(Format, PathBuf)>,
    /// `--strict`.
    pub strict: bool,
    /// `--threshold`.
    pub threshold: Option<f64>,
    /// `--probes`, added to those `ready.yaml` lists.
    pub probe_files: Vec<PathBuf>,
    /// `--no-probes`.
    pub no_probes: bool,
    /// `--today`: the day dates are judged by; default today (local time zone).
    pub today: Option<jiff::civil::Date>,
    /// `--baseline`: the JSON report of an earlier run this one may not be worse than.
    pub baseline: Option<PathBuf>,
    /// `--tolerance`: points the score may fall below the baseline's (default 0).
    pub tolerance: f64,
    /// `--history`: a JSON Lines file to append this run to (and to draw the trend from).
    pub history: Option<PathBuf>,
    /// `--record`: a directory to write the run's evidence bundle to.
    pub record: Option<PathBuf>,
    /// `--replay`: a bundle directory to take the evidence from instead of running probes.
    pub replay: Option<PathBuf>,
    /// `--max-evidence-age`: replayed evidence older than this counts as missing.
    pub max_evidence_age: Option<std::time::Duration>,
    /// `-q` (the verdict line only, for the table) and `-v` (what was read and bound).
    pub verbosity: Verbosity,
    /// `--mode`: judge several checklists as one release (`combine`) or each alone (`each`);
    /// default: `ready.yaml`'s `mode`, else combine.
    pub mode: Option<Mode>,
    /// How probes run.
    pub run: RunOptions,
}

/// Runs `ready check` and returns its exit code: 0 GO (or GO WITH WAIVERS), 1 NO-GO.
pub fn check(
    request: &CheckRequest,
    context: &Context,
    progress: &mut dyn FnMut(Progress<'_>),
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let started = std::time::Instant::now();
    let evaluated = evaluate(request, context, progress)?;
    let code = if evaluated.mode == Mode::Each {
        each(
            request,
            &evaluated.assessment,
            &evaluated.alone,
            context,
            streams,
        )
    } else {
        answer(request, &evaluated.assessment, started, context, streams)
    };
    release(evaluated, context);
    code
}

/// Writes the reports of one combined assessment, the verdict's exit code its answer.
fn answer(
    request: &CheckRequest,
    assessment: &Assessment,
    started: std::time::Instant,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    if request.verbosity.verbose {
        explain(assessment, started.elapsed(), streams);
    }
    let links = links(context);
    let history = match &request.history {
        Some(path) => {
            // The file is read back only for the one report that draws the trend.
            let draws = request.format == Format::Html
                || request.reports.iter().any(|(f, _)| *f == Format::Html);
            record_history(path, assessment, context, draws, streams)?
        }
        None => Vec::new(),
    };
    let file_options = Options {
        style: Style::default(),
        links: links.clone(),
        history: history.clone(),
    };
    for (format, path) in &request.reports {
        write_report(path, |out| {
            report::for_format(*format, &file_options).write(assessment, out)
        })?;
    }
    let stdout_options = Options {
        style: Style {
            color: context.color_stdout(),
            width: Some(context.table_width()),
        },
        links: links.clone(),
        history,
    };
    if request.verbosity.quiet && request.format == Format::Table {
        let mut bytes = Vec::new();
        report::for_format(Format::Table, &stdout_options)
            .write(assessment, &mut bytes)
            .map_err(Error::Output)?;
        let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
        streams.write(&[first, b"\n"].concat())?;
    } else {
        report::for_format(request.format, &stdout_options)
            .write(assessment, streams.out)
            .and_then(|()| streams.out.flush())
            .map_err(Error::Output)?;
    }
    if let Some(github) = &context.github {
        // A closed stderr must not change the verdict.
        let _ = report::Annotations { links }.write(assessment, streams.err);
        if let Some(summary) = &github.step_summary {
            let mut bytes = Vec::new();
            report::for_format(Format::Markdown, &file_options)
                .write(assessment, &mut bytes)
                .map_err(Error::Output)?;
            if let Err(e) = append(summary, &bytes) {
                let _ = writeln!(
                    streams.err,
                    "warning: cannot append the job summary to {}: {e}",
                    summary.display()
                );
            }
        }
    }
    Ok(exit_code::of(assessment.verdict))
}

impl CheckRequest {
    /// `ready check PATHS` with every flag at its default: the table on standard output, probes
    /// run, the threshold and mode from `ready.yaml`. Set fields over it for the flags given.
    #[must_use]
    pub fn of(paths: Vec<PathBuf>) -> CheckRequest {
        CheckRequest {
            paths,
            config: None,
            format: Format::Table,
            reports: Vec::new(),
            strict: false,
            threshold: None,
            probe_files: Vec::new(),
            no_probes: false,
            today: None,
            baseline: None,
            tolerance: 0.0,
            history: None,
            record: None,
            replay: None,
            max_evidence_age: None,
            verbosity: Verbosity::default(),
            mode: None,
            run: RunOptions::default(),
        }
    }

    /// Whether any output names the commit judged: the JSON report, an attestation, the history.
    fn carries_commit(&self) -> bool {
        self.history.is_some()
            || self
                .formats()
                .any(|f| matches!(f, Format::Json | Format::Intoto))
    }

    /// Every format this run writes, on standard output and to files.
    fn formats(&self) -> impl Iterator<Item = Format> + '_ {
        std::iter::once(self.format).chain(self.reports.iter().map(|(f, _)| *f))
    }
}

/// The commit a run judged: CI's own (`GITHUB_SHA`), else the checkout's `HEAD`, asked of git
/// when the run starts and read when its provenance is written (see [`files::git::Head`]).
enum Commit {
    Ci(String),
    Asked(files::git::Head),
}

impl Commit {
    fn ask(context: &Context) -> Commit {
        match context.github.as_ref().and_then(|g| g.sha.clone()) {
            Some(sha) => Commit::Ci(sha),
            None => Commit::Asked(files::git::Head::ask(&context.cwd)),
        }
    }

    fn answer(self) -> Option<String> {
        match self {
            Commit::Ci(sha) => Some(sha),
            Commit::Asked(head) => head.answer(),
        }
    }
}

/// `--mode each`: every checklist judged alone; the run is as bad as its worst.
fn each(
    request: &CheckRequest,
    run: &Assessment,
    alone: &[Assessment],
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    // Each mode has a table, JSON and Markdown; any other format is refused before anything
    // is written.
    for format in std::iter::once(&request.format).chain(request.reports.iter().map(|(f, _)| f)) {
        if !matches!(format, Format::Table | Format::Json | Format::Markdown) {
            return Err(Error::NotInEachMode {
                format: format!("{format:?}").to_lowercase(),
            });
        }
    }
    let render = |format: Format, color: bool, out: &mut dyn io::Write| {
        let style = Style {
            color,
            width: Some(context.table_width()),
        };
        match format {
            Format::Json => report::each::json(alone, out),
            Format::Markdown => report::each::markdown(alone, out),
            _ => report::each::table(alone, style, out),
        }
    };
    for (format, path) in &request.reports {
        write_report(path, |out| render(*format, false, out))?;
    }
    let mut bytes = Vec::new();
    render(request.format, context.color_stdout(), &mut bytes).map_err(Error::Output)?;
    if request.verbosity.quiet && request.format == Format::Table {
        let first = bytes
            .split(|b| *b == b'\n')
            .next()
            .unwrap_or_default()
            .to_vec();
        bytes = [first, b"\n".to_vec()].concat();
    }
    streams.write(&bytes)?;
    let worst = alone
        .iter()
        .map(|a| exit_code::of(a.verdict))
        .max()
        .unwrap_or_else(|| exit_code::of(run.verdict));
    Ok(worst)
}

/// Appends this run to the history file and, when `read_back`, returns every entry in it, this
/// one last. The commit is the runner's (`GITHUB_SHA`), else the repository's `HEAD`, if any.
fn record_history(
    path: &Path,
    assessment: &Assessment,
    context: &Context,
    read_back: bool,
    streams: &mut Streams<'_>,
) -> Result<Vec<crate::model::HistoryEntry>> {
    let time = crate::model::utc_seconds(context.now);
    let entry = report::history::entry(assessment, time, assessment.provenance.commit.clone());
    files::append_line(path, &report::history::line(&entry))?;
    if !read_back {
        return Ok(Vec::new());
    }
    let (entries, notices) = crate::history::load(path)?;
    streams.warn(&notices);
    Ok(entries)
}

/// `-v`: what the run read, which probe spoke for which item, and how long it took, on
/// standard error (a closed stderr changes nothing).
fn explain(assessment: &Assessment, took: std::time::Duration, streams: &mut Streams<'_>) {
    let mut lines = Vec::new();
    for checklist in &assessment.checklists {
        let boxes = checklist.task_boxes();
        lines.push(format!(
            "read {}: {} task boxes, {} ticked, {} sections",
            checklist.path,
            boxes.items,
            boxes.checked,
            checklist.sections().count()
        ));
    }
    let mut files: Vec<&str> = assessment.probes.iter().map(|p| &*p.span.file).collect();
    files.dedup();
    for file in files {
        let count = assessment
            .probes
            .iter()
            .filter(|p| &*p.span.file == file)
            .count();
        lines.push(format!("read {file}: {count} probes"));
    }
    for checklist in &assessment.checklists {
        for item in checklist.items().filter(|i| !i.evidence.is_empty()) {
            for e in &item.evidence {
                lines.push(format!(
                    "probe {} ({}, {} attempt{}, {} ms) → {} \"{}\"",
                    e.id,
                    e.outcome.label(),
                    e.attempts,
                    if e.attempts == 1 { "" } else { "s" },
                    e.duration_ms,
                    item.span,
                    item.title
                ));
            }
        }
    }
    for probe in &assessment.probes {
        let bound = assessment
            .checklists
            .iter()
            .flat_map(Checklist::items)
            .any(|i| i.evidence.iter().any(|e| e.id == probe.id));
        if !bound {
            lines.push(format!("probe {} spoke for no item", probe.id));
        }
    }
    lines.push(format!(
        "evaluated in {} ms: {} verdict",
        took.as_millis(),
        assessment.verdict.label()
    ));
    for line in lines {
        let _ = writeln!(streams.err, "{line}");
    }
}

/// Everything but the output: the files a run reads, probes, and the assessment.
fn evaluate(
    request: &CheckRequest,
    context: &Context,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Evaluated> {
    // Asking git costs a process; only reports that carry the commit pay for it.
    let commit = request.carries_commit().then(|| Commit::ask(context));
    let found = config::resolve(&request.paths, request.config.as_deref(), &context.cwd)?;
    let mut notices: Vec<Notice> = found
        .config
        .as_ref()
        .map(|c| c.notices.clone())
        .unwrap_or_default();
    let mut checklists = load_with_ledgers(&found.files)?;
    let probe_files = if request.no_probes {
        Vec::new()
    } else {
        config::check_probe_files(found.config.as_ref(), &request.probe_files)
    };
    let config_policy = config_policy(found.config.as_ref());
    let overrides = PolicyConfig {
        threshold: request.threshold,
        strict: request.strict.then_some(true),
        ..PolicyConfig::default()
    };
    let inputs = || -> Result<InputDigests> {
        let digests = |paths: &[PathBuf]| -> Result<Vec<(String, String)>> {
            paths
                .iter()
                .map(|p| Ok((p.display().to_string(), files::digest_file(p)?)))
                .collect()
        };
        Ok(InputDigests {
            checklists: digests(&found.files)?,
            probe_files: digests(&probe_files)?,
            config: found
                .config
                .as_ref()
                .map(|c| Ok((c.path.display().to_string(), files::digest_file(&c.path)?)))
                .transpose()?,
            policy: files::digest(
                serde_json::to_string(&(&config_policy, &overrides))
                    .unwrap_or_default()
                    .as_bytes(),
            ),
        })
    };
    // A replay reports the world as it was recorded, so it is stamped with the recording's time.
    let mut taken_at = None;
    let results = if let Some(dir) = &request.replay {
        let now = inputs()?;
        let replay = Replay {
            dir,
            checklists: now.checklists,
            probe_files: now.probe_files,
            policy: now.policy,
            max_age: request.max_evidence_age,
            now: context.now,
        };
        let run = crate::probe::recording::replay(&mut checklists, &replay)?;
        notices.extend(run.notices);
        taken_at = run.taken_at;
        run.results
    } else if request.no_probes {
        Vec::new()
    } else {
        run_probes(
            &mut checklists,
            &probe_files,
            context,
            &request.run,
            progress,
            &mut notices,
        )?
    };
    if let Some(dir) = &request.record {
        let now = inputs()?;
        let recording = Recording {
            recorded_at: crate::model::utc_seconds(context.now),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            checklists: now.checklists,
            probe_files: now.probe_files,
            policy: now.policy,
            probes: results.clone(),
            bindings: checklists
                .iter()
                .flat_map(|c| {
                    c.items()
                        .filter(|i| !i.evidence.is_empty())
                        .map(|i| {
                            (
                                c.path.clone(),
                                i.id.to_string(),
                                i.evidence.iter().map(|e| e.id.clone()).collect(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .collect(),
        };
        write_report(&dir.join(crate::probe::recording::BUNDLE_FILE), |out| {
            report::recording::write(&recording, out)
        })?;
    }
    let waivers = found
        .config
        .as_ref()
        .map(|c| c.waivers.clone())
        .unwrap_or_default();
    let lint = lint_params(found.config.as_ref())?;
    let baseline = request
        .baseline
        .as_deref()
        .map(crate::baseline::load)
        .transpose()?;
    let settings = Settings {
        config: &config_policy,
        overrides: &overrides,
        waivers: &waivers,
        today: request.today.unwrap_or_else(|| context.today()),
        notices: &notices,
        lint: &lint,
        ratchet: baseline.as_ref().map(|baseline| Ratchet {
            baseline,
            tolerance: request.tolerance,
            strict: request.strict,
        }),
    };
    let mode = request
        .mode
        .or_else(|| found.config.as_ref().and_then(|c| c.file.mode))
        .unwrap_or_default();
    let several = checklists.len() > 1;
    let mut assessment = assess(checklists, results, &settings)?;
    let mut alone = Vec::new();
    if several {
        // Each checklist judged alone. The run's assessment lends its checklists and takes them
        // back, since an assessment only reads them (every checklist was copied for this); only
        // `--mode each`, whose reports keep each checklist's own assessment, copies them.
        let on_loan = std::mem::take(&mut assessment.checklists);
        let mut summaries = Vec::with_capacity(on_loan.len());
        for checklist in on_loan {
            let path = checklist.path.clone();
            let (own, waivers) = concerning(&checklist, &assessment.probes, settings.waivers);
            let one = Settings {
                waivers: &waivers,
                ..settings.clone()
            };
            let copy = (mode == Mode::Each).then(|| checklist.clone());
            let back = match assess_or_return(vec![checklist], own, &one) {
                Ok(mut a) => {
                    summaries.push(Alone {
                        path,
                        verdict: a.verdict,
                        score: a.score,
                        blockers: a.blockers.len(),
                    });
                    match copy {
                        Some(copy) => {
                            alone.push(a);
                            vec![copy]
                        }
                        None => std::mem::take(&mut a.checklists),
                    }
                }
                // A checklist that counts nothing alone is left out of the summaries.
                Err(not) => {
                    let returned = not.unscored()?;
                    copy.map_or(returned, |copy| vec![copy])
                }
            };
            assessment.checklists.extend(back);
        }
        assessment.alone = summaries;
    }
    let provenance = Provenance {
        generated_at: Some(taken_at.unwrap_or_else(|| context.report_time())),
        commit: commit.and_then(Commit::answer),
        digests: request
            .formats()
            .any(|f| f == Format::Intoto)
            .then(inputs)
            .transpose()?,
        labels: found
            .config
            .as_ref()
            .map(|c| c.labels.clone())
            .unwrap_or_default(),
    };
    for a in &mut alone {
        a.provenance = provenance.clone();
    }
    assessment.provenance = provenance;
    Ok(Evaluated {
        assessment,
        alone: if mode == Mode::Each {
            alone
        } else {
            Vec::new()
        },
        mode,
    })
}

/// The probe results bound to `checklist`'s items, and the waivers that name it: what judging
/// it alone takes from the run.
fn concerning(
    checklist: &Checklist,
    results: &[crate::model::Evidence],
    waivers: &[Waiver],
) -> (Vec<crate::model::Evidence>, Vec<Waiver>) {
    // A set: a list searched for every result grew with results × the checklist's probes,
    // quadratic for a fleet's probes over several checklists.
    let bound: HashSet<&str> = checklist
        .items()
        .flat_map(|i| i.evidence.iter().map(|e| e.id.as_str()))
        .collect();
    let own = results
        .iter()
        .filter(|e| bound.contains(e.id.as_str()))
        .cloned()
        .collect();
    let waivers = waivers
        .iter()
        .filter(|w| crate::gate::waiver_names(w, checklist))
        .cloned()
        .collect();
    (own, waivers)
}

/// A run's assessment and, with `--mode each`, each checklist's own.
struct Evaluated {
    assessment: Assessment,
    alone: Vec<Assessment>,
    mode: Mode,
}

/// Runs probe files against the checklists, attaching each result to the items it speaks for;
/// what reading the probe files noticed joins `notices`.
pub(crate) fn run_probes(
    checklists: &mut [Checklist],
    files: &[PathBuf],
    context: &Context,
    run: &RunOptions,
    progress: &mut dyn FnMut(Progress<'_>),
    notices: &mut Vec<Notice>,
) -> Result<Vec<crate::model::Evidence>> {
    let run = probe::verify_checklists(checklists, files, &context.vars, run, progress)?;
    notices.extend(run.notices);
    Ok(run.results)
}

/// Loads each checklist and the sign-off ledger beside it; what decoding a ledger changed
/// joins its checklist's notices.
pub(crate) fn load_with_ledgers(files: &[PathBuf]) -> Result<Vec<Checklist>> {
    let mut checklists = Vec::with_capacity(files.len());
    for file in files {
        let mut checklist = checklist::load(file)?;
        let mut notices = ledger::attach(&mut checklist, file)?;
        checklist.notices.append(&mut notices);
        checklists.push(checklist);
    }
    Ok(checklists)
}

/// The policy a config gives, for commands that only pass it on.
pub(crate) fn config_policy(config: Option<&Config>) -> PolicyConfig {
    config.map(|c| c.file.policy.clone()).unwrap_or_default()
}

/// The lint settings a config gives, its rule names checked against the linter's rules.
pub(crate) fn lint_params(config: Option<&Config>) -> Result<LintParams> {
    config.map_or_else(
        || Ok(LintParams::default()),
        |c| LintParams::from_config(&c.lint),
    )
}

/// The job summary is the runner's file, shared by every step: append, as GitHub documents.
fn append(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.write_all(b"\n")
}
