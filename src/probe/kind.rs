//! The probe kinds, listed once. Each kind is a module with a `Spec` (its options as written in a
//! probe file), a `prepare` that validates them, and a type implementing [`Verify`]; the
//! [`kinds!`] list below turns them into the [`Kind`] enum, its dispatch, and the kind keys of a
//! probe file entry. A new kind is a new module here and one line in the list.

mod artifacts;
mod backup;
pub(crate) mod certificates;
mod command;
mod coverage;
mod database_tls;
mod disk;
mod dns;
mod grpc;
mod http;
mod json;
mod json_checks;
mod junit;
mod mysql;
mod postgres;
mod prometheus;
mod redis;
mod sarif;
mod sqlite;
mod tcp;
mod tls;

use std::time::Duration;

use crate::probe::prepare::Prepare;
use crate::probe::verify::{Seen, Verify};

/// Generates, from one list of `key => module::Type`: the [`Kind`] enum with its name, target and
/// verify dispatch, and [`KindSpecs`], the optional kind keys a probe entry may set.
macro_rules! kinds {
    ($($key:ident => $module:ident :: $kind:ident),+ $(,)?) => {
        /// Every probe kind. The key names in probe files are the lowercase variant names.
        #[derive(Debug)]
        pub(crate) enum Kind {
            $($kind($module::$kind)),+
        }

        impl Kind {
            /// The kind keys, in the order docs/probes.md lists them.
            pub(crate) const NAMES: &[&str] = &[$(stringify!($key)),+];

            pub(crate) fn name(&self) -> &'static str {
                match self {
                    $(Kind::$kind(_) => stringify!($key)),+
                }
            }

            /// What the probe looks at, safe to print.
            pub(crate) fn target(&self) -> String {
                match self {
                    $(Kind::$kind(k) => k.target()),+
                }
            }

            /// One attempt.
            pub(crate) async fn verify(&self) -> Seen {
                match self {
                    $(Kind::$kind(k) => k.verify().await),+
                }
            }
        }

        /// The kind keys of one probe entry; exactly one must be set. Each is boxed: held inline,
        /// every entry would carry room for all kinds' options, and a probe file's entries are
        /// all in memory at once (1.8 KB each, 29 MB for 10,000 probes, instead of 0.3 KB).
        #[derive(Debug, Default)]
        pub(crate) struct KindSpecs {
            $($key: Option<Box<$module::Spec>>),+
        }

        impl KindSpecs {
            /// Sets the spec under `key`; false when no kind has that key.
            pub(crate) fn set<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    $(stringify!($key) => self.$key = Some(Box::new(map.next_value()?)),)+
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// The schema of each kind key's options, for the probe file schema.
            pub(crate) fn schemas(
                generator: &mut schemars::SchemaGenerator,
            ) -> Vec<(&'static str, schemars::Schema)> {
                vec![$((stringify!($key), generator.subschema_for::<$module::Spec>())),+]
            }

            /// Each kind key that is set, validated into its kind.
            pub(crate) fn prepare(self, cx: &mut Prepare<'_>) -> Vec<Result<Kind, String>> {
                let mut kinds = Vec::new();
                $(
                    if let Some(spec) = self.$key {
                        kinds.push($module::$kind::prepare(*spec, cx).map(Kind::$kind));
                    }
                )+
                kinds
            }
        }
    };
}

kinds! {
    http => http::Http,
    tcp => tcp::Tcp,
    dns => dns::Dns,
    grpc => grpc::Grpc,
    tls => tls::Tls,
    postgres => postgres::Postgres,
    mysql => mysql::Mysql,
    redis => redis::Redis,
    sqlite => sqlite::Sqlite,
    backup => backup::Backup,
    disk => disk::Disk,
    prometheus => prometheus::Prometheus,
    command => command::Command,
    junit => junit::Junit,
    coverage => coverage::Coverage,
    sarif => sarif::Sarif,
    json => json::Json,
}

impl Kind {
    /// Command probes run programs, which a checklist arriving in a pull request must not be
    /// able to do in CI; they run only when the user allows it.
    pub(crate) fn runs_code(&self) -> bool {
        matches!(self, Kind::Command(_))
    }

    /// A timeout the kind's own options set (`command: { timeout: … }`).
    pub(crate) fn own_timeout(&self) -> Option<Duration> {
        match self {
            Kind::Command(c) => c.timeout,
            _ => None,
        }
    }
}
