//! What `ready` knows about the world it runs in, read once at start-up.
//!
//! Reporters and commands receive a [`Context`] rather than calling `std::env`, so tests can
//! build one by hand and stay hermetic. Nothing else in the library reads the environment:
//! `${VAR}` in probe files reads [`Context::vars`].

use crate::hash::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The process's surroundings, captured once. Its `Debug` shows the names of the environment
/// variables, never their values, which may be CI secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Context {
    /// The working directory, which relative paths are read against.
    pub cwd: PathBuf,
    /// Standard output is a terminal: colour and tables fitted to its width.
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal: the probe progress bar.
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub no_color: bool,
    /// `CI` is set: running in a CI job.
    pub ci: bool,
    /// Set when running as a GitHub Actions step.
    pub github: Option<GitHub>,
    /// The moment the run started; waivers expire and sign-offs are stamped by it.
    pub now: jiff::Timestamp,
    /// The local time zone (`TZ`, else `/etc/localtime`; UTC when neither says), whose calendar
    /// waivers expire by and a checklist's dates are judged by.
    pub time_zone: jiff::tz::TimeZone,
    /// `--color always` (`Some(true)`) or `never` (`Some(false)`); `None` decides by the
    /// terminal and `NO_COLOR`.
    pub color: Option<bool>,
    /// Every environment variable that is valid Unicode, for `${VAR}` in probe files.
    pub vars: HashMap<String, String>,
    /// The process exits as soon as the command returns (the command line sets this after
    /// [`Context::from_process`]). What the command built is then left for the operating
    /// system to take back at exit: freeing a long checklist's items one by one was a
    /// fifteenth of its run. A host that runs many commands in one process leaves it unset.
    pub exits_after_command: bool,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&str> = self.vars.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("Context")
            .field("cwd", &self.cwd)
            .field("stdout_is_terminal", &self.stdout_is_terminal)
            .field("stderr_is_terminal", &self.stderr_is_terminal)
            .field("no_color", &self.no_color)
            .field("ci", &self.ci)
            .field("github", &self.github)
            .field("now", &self.now)
            .field("time_zone", &self.time_zone)
            .field("color", &self.color)
            .field("vars", &names)
            .field("exits_after_command", &self.exits_after_command)
            .finish()
    }
}

/// What a GitHub Actions runner tells its steps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GitHub {
    /// `GITHUB_STEP_SUMMARY`: the file a step appends Markdown to for the run's summary page.
    pub step_summary: Option<PathBuf>,
    /// `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`, for links to checklist lines.
    pub server_url: Option<String>,
    /// `GITHUB_REPOSITORY`: `owner/name`.
    pub repository: Option<String>,
    /// `GITHUB_SHA`: the commit being checked.
    pub sha: Option<String>,
    /// `GITHUB_WORKSPACE`: the checkout, which repository paths are relative to.
    pub workspace: Option<PathBuf>,
}

impl Context {
    /// Reads the working directory, the terminals, the clock and the environment.
    pub fn from_process() -> std::io::Result<Context> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let github = (var("GITHUB_ACTIONS").as_deref() == Some("true")).then(|| GitHub {
            step_summary: var("GITHUB_STEP_SUMMARY").map(PathBuf::from),
            server_url: var("GITHUB_SERVER_URL"),
            repository: var("GITHUB_REPOSITORY"),
            sha: var("GITHUB_SHA"),
            workspace: var("GITHUB_WORKSPACE").map(PathBuf::from),
        });
        Ok(Context {
            cwd: std::env::current_dir()?,
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: var("NO_COLOR").is_some(),
            ci: var("CI").is_some(),
            github,
            now: jiff::Timestamp::now(),
            time_zone: system_time_zone(),
            color: None,
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
            exits_after_command: false,
        })
    }

    /// Colour on standard output: as `--color` says, else only on a terminal and never with
    /// `NO_COLOR`.
    pub fn color_stdout(&self) -> bool {
        self.color
            .unwrap_or(self.stdout_is_terminal && !self.no_color)
    }

    /// Colour on standard error: as `--color` says, else only on a terminal and never with
    /// `NO_COLOR`.
    pub fn color_stderr(&self) -> bool {
        self.color
            .unwrap_or(self.stderr_is_terminal && !self.no_color)
    }

    /// The moment reports are stamped with: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
    /// convention, so the same inputs give byte-identical reports), else now.
    pub fn report_time(&self) -> jiff::Timestamp {
        self.vars
            .get("SOURCE_DATE_EPOCH")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .unwrap_or(self.now)
    }

    /// How wide a table may be where no terminal says: `COLUMNS` (as shells and CI runners set
    /// it), else 160, which a CI log shows whole.
    pub fn table_width(&self) -> u16 {
        self.vars
            .get("COLUMNS")
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c >= 40)
            .unwrap_or(160)
    }

    /// Today in the local time zone: the day waivers expire by and dates are judged by, the
    /// same for every command (a CI runner's zone is UTC).
    pub fn today(&self) -> jiff::civil::Date {
        self.now.to_zoned_datetime(self.time_zone.clone()).date()
    }
}

/// The local time zone. jiff's `TimeZone::try_system` first indexes the whole zoneinfo
/// directory (some 40 directory reads and as many opens: 4 % of the instructions of a run on an
/// 18 KB checklist, 30 % on a 3-line one) only to look up the zone `/etc/localtime` links to,
/// whose rules are the same bytes. Without `TZ`, the usual case, that file alone says; `TZ`, a missing file
/// or one jiff cannot read go to jiff, as before.
fn system_time_zone() -> jiff::tz::TimeZone {
    local_zone(
        std::env::var_os("TZ").is_some(),
        std::path::Path::new("/etc/localtime"),
    )
}

/// The zone `localtime` holds when `TZ` is not set, else (or when it cannot be read) jiff's.
fn local_zone(tz_set: bool, localtime: &std::path::Path) -> jiff::tz::TimeZone {
    if cfg!(unix)
        && !tz_set
        && let Ok(bytes) = std::fs::read(localtime)
        && let Ok(zone) = jiff::tz::TimeZone::tzif("localtime", &bytes)
    {
        return zone;
    }
    jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_local_zone_read_directly_keeps_the_system_rules() {
        let ours = super::system_time_zone();
        let jiffs = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        for at in [
            "1970-01-01T00:00:00Z",
            "2026-03-29T01:30:00Z",
            "2026-07-01T12:00:00Z",
            "2026-10-25T00:59:59Z",
            "2026-12-02T23:30:00Z",
            "2040-01-01T00:00:00Z",
        ] {
            let at: jiff::Timestamp = at.parse().expect("timestamp");
            assert_eq!(ours.to_offset(at), jiffs.to_offset(at), "{at}");
        }
    }

    /// A `TZif` file (RFC 8536) of one fixed zone, `ABC` at `offset` seconds east of UTC.
    fn tzif(offset: i32) -> Vec<u8> {
        let block = |version: u8| {
            let mut b = b"TZif".to_vec();
            b.push(version);
            b.extend([0; 15]);
            // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
            for count in [0u32, 0, 0, 0, 1, 4] {
                b.extend(count.to_be_bytes());
            }
            b.extend(offset.to_be_bytes());
            b.extend([0, 0]);
            b.extend(b"ABC\0");
            b
        };
        let mut bytes = block(b'2');
        bytes.extend(block(b'2'));
        bytes.extend(format!("\nABC{}\n", -offset / 3600).into_bytes());
        bytes
    }

    #[test]
    fn without_tz_the_zone_is_the_one_localtime_holds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let localtime = dir.path().join("localtime");
        std::fs::write(&localtime, tzif(5 * 3600)).expect("write");
        let at: jiff::Timestamp = "2026-12-02T23:30:00Z".parse().expect("timestamp");
        let zone = super::local_zone(false, &localtime);
        assert_eq!(zone.to_offset(at), jiff::tz::offset(5));
        // TZ set, or no such file: the system's zone, as jiff finds it.
        let system = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        for zone in [
            super::local_zone(true, &localtime),
            super::local_zone(false, &dir.path().join("missing")),
        ] {
            assert_eq!(zone.to_offset(at), system.to_offset(at));
        }
    }

    #[test]
    fn today_is_the_local_calendar_day() {
        let mut context = super::Context::from_process().expect("context");
        context.now = "2026-12-02T23:30:00Z".parse().expect("timestamp");
        context.time_zone = jiff::tz::TimeZone::UTC;
        assert_eq!(context.today().to_string(), "2026-12-02");
        context.time_zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(14));
        assert_eq!(context.today().to_string(), "2026-12-03");
    }

    #[test]
    fn debug_names_variables_but_never_shows_their_values() {
        let mut context = super::Context::from_process().expect("context");
        context
            .vars
            .insert("DEPLOY_TOKEN".into(), "s3cr3t-value".into());
        let shown = format!("{context:?}");
        assert!(shown.contains("DEPLOY_TOKEN"), "{shown}");
        assert!(!shown.contains("s3cr3t-value"), "{shown}");
    }
}
