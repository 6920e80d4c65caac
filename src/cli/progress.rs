//! The probe progress bar: on standard error, only when it is a terminal, so pipes, files and
//! CI logs get the report and nothing else.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ready_gate::Context;
use ready_gate::workflow::Progress;

#[derive(Debug)]
pub(super) struct Bar {
    bar: Option<ProgressBar>,
    show: bool,
}

impl Bar {
    pub(super) fn new(context: &Context) -> Bar {
        Bar {
            bar: None,
            show: context.stderr_is_terminal,
        }
    }

    pub(super) fn update(&mut self, event: Progress<'_>) {
        match event {
            Progress::Start(total) if self.show && total > 0 => {
                let bar =
                    ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                if let Ok(style) =
                    ProgressStyle::with_template("probing {bar:30} {pos}/{len} {elapsed} {msg}")
                {
                    bar.set_style(style);
                }
                self.bar = Some(bar);
            }
            Progress::Done(finished) => {
                if let Some(bar) = &self.bar {
                    bar.set_message(format!("{} {}", finished.id, finished.outcome));
                    bar.inc(1);
                }
            }
            Progress::Finish => {
                if let Some(bar) = self.bar.take() {
                    bar.finish_and_clear();
                }
            }
            Progress::Start(_) => {}
        }
    }
}
