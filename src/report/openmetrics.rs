//! OpenMetrics text for a Prometheus textfile collector or a Pushgateway, so an organisation
//! can watch every service's readiness in the monitoring it already runs. Encoded with
//! `prometheus-client`, the Prometheus project's own Rust client, which handles the names,
//! label escaping and the `# EOF` terminator; the series are fed through a collector so they
//! come out in a stable order (its metric families are hash maps).
//!
//! Every series carries a `checklist` label (the checked paths) and the project's `labels:` from
//! `ready.yaml`, so several services' files in one collector directory do not collide.

use std::borrow::Cow;
use std::io;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::{Registry, Unit};

use crate::gate::Assessment;
use crate::gate::Verdict;
use crate::gate::WaiverState;
use crate::model::Outcome;
use crate::report::Report;

#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenMetricsReport;

type Labels = Vec<(String, String)>;

/// One gauge family and its samples, in the order they are written.
#[derive(Debug)]
struct Family {
    name: &'static str,
    help: &'static str,
    unit: Option<Unit>,
    samples: Vec<(Labels, f64)>,
}

#[derive(Debug)]
struct Gauges(Vec<Family>);

impl Collector for Gauges {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        for family in &self.0 {
            let mut metric = encoder.encode_descriptor(
                family.name,
                family.help,
                family.unit.as_ref(),
                MetricType::Gauge,
            )?;
            for (labels, value) in &family.samples {
                ConstGauge::new(*value).encode(metric.encode_family(labels)?)?;
            }
        }
        Ok(())
    }
}

fn plain(name: &'static str, help: &'static str, value: f64) -> Family {
    Family {
        name,
        help,
        unit: None,
        samples: vec![(Vec::new(), value)],
    }
}

fn label(name: &str, value: &str) -> Labels {
    vec![(name.to_owned(), value.to_owned())]
}

fn families(a: &Assessment) -> Vec<Family> {
    let mut families = vec![
        plain("score", "Weighted readiness score, 0 to 100", a.score),
        plain(
            "threshold",
            "Score a GO needs, 0 to 100",
            a.policy.threshold,
        ),
        Family {
            name: "verdict",
            help: "1 for the verdict of this run (go, go-with-waivers, no-go), 0 for the others",
            unit: None,
            samples: [Verdict::Go, Verdict::GoWithWaivers, Verdict::NoGo]
                .into_iter()
                .map(|v| {
                    (
                        label("verdict", v.name()),
                        f64::from(u8::from(a.verdict == v)),
                    )
                })
                .collect(),
        },
        plain(
            "blockers",
            "Reasons the release may not go",
            a.blockers.len() as f64,
        ),
        Family {
            name: "category_score",
            help: "Computed score of each weighted category, 0 to 100",
            unit: None,
            samples: a
                .categories
                .iter()
                .filter(|c| c.weight > 0.0)
                .filter_map(|c| Some((label("category", &c.name), c.score?)))
                .collect(),
        },
        Family {
            name: "waiver_expiry_timestamp",
            help: "End of the last day each waiver in ready.yaml holds (UTC), for alerts on waivers about to expire",
            unit: Some(Unit::Seconds),
            samples: a
                .waivers
                .iter()
                .filter_map(|w| {
                    let next_day = w.waiver.expires.tomorrow().ok()?.at(0, 0, 0, 0);
                    let end = jiff::tz::TimeZone::UTC.to_timestamp(next_day).ok()?;
                    Some((
                        vec![
                            ("item".to_owned(), w.waiver.item.clone()),
                            ("state".to_owned(), w.state.label().to_owned()),
                        ],
                        end.as_second() as f64,
                    ))
                })
                .collect(),
        },
        Family {
            name: "waivers",
            help: "Waivers in ready.yaml, by state",
            unit: None,
            samples: [
                WaiverState::Active,
                WaiverState::Unused,
                WaiverState::Expired,
            ]
            .into_iter()
            .map(|state| {
                let n = a.waivers.iter().filter(|w| w.state == state).count();
                (label("state", state.label()), n as f64)
            })
            .collect(),
        },
    ];
    if let Some(at) = a.provenance.generated_at {
        families.push(Family {
            name: "report_timestamp",
            help: "When this report was made, for alerts on reports that stopped arriving",
            unit: Some(Unit::Seconds),
            samples: vec![(Vec::new(), at.as_millisecond() as f64 / 1000.0)],
        });
    }
    if !a.probes.is_empty() {
        let labels = |e: &crate::model::Evidence| {
            vec![
                ("probe".to_owned(), e.id.clone()),
                ("kind".to_owned(), e.kind.clone()),
            ]
        };
        families.push(Family {
            name: "probe_duration",
            help: "Wall time of each probe, all attempts together",
            unit: Some(Unit::Seconds),
            samples: a
                .probes
                .iter()
                .map(|e| (labels(e), e.duration_ms as f64 / 1000.0))
                .collect(),
        });
        families.push(Family {
            name: "probe_success",
            help: "1 when the probe passed, else 0 (failed, error, timeout or skipped)",
            unit: None,
            samples: a
                .probes
                .iter()
                .map(|e| (labels(e), f64::from(u8::from(e.outcome == Outcome::Pass))))
                .collect(),
        });
    }
    families
}

impl Report for OpenMetricsReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let paths: Vec<&str> = a.checklists.iter().map(|c| c.path.as_str()).collect();
        // The project's labels ride on every series, so `by (service)` and `{owner="…"}` work
        // in every query and alert.
        let constant = std::iter::once(("checklist".to_owned(), paths.join(",")))
            .chain(a.provenance.labels.clone())
            .map(|(k, v)| (Cow::Owned(k), Cow::Owned(v)));
        let mut registry = Registry::with_prefix_and_labels("ready", constant);
        registry.register_collector(Box::new(Gauges(families(a))));
        let mut text = String::new();
        encode(&mut text, &registry).map_err(|_| io::Error::other("cannot encode metrics"))?;
        out.write_all(text.as_bytes())
    }
}
