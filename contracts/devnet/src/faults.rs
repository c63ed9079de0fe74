//! Faults on demand (POST /devnet/fail-next): what a real network does now and then but not
//! when a test needs it. The next simulation, submission or application of an invocation fails
//! once per queued fault, with the reason given; everything else goes through the real checks.
//! The app's e2e uses it for its "refused at simulation" and "failed on chain" paths
//! (e2e/chain-pay.spec.ts), the same control the TypeScript stand-in offered.

use std::collections::{HashMap, VecDeque};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// simulateTransaction answers an error
    Simulate,
    /// sendTransaction answers ERROR (txInternalError)
    Send,
    /// accepted, then applied as failed: fee and sequence number used, nothing else written
    Chain,
}

impl Stage {
    pub fn parse(s: &str) -> Option<Stage> {
        match s {
            "simulate" => Some(Stage::Simulate),
            "send" => Some(Stage::Send),
            "chain" => Some(Stage::Chain),
            _ => None,
        }
    }
}

#[derive(Default)]
pub struct Faults {
    queued: HashMap<&'static str, VecDeque<Option<String>>>,
    /// Accepted transactions (hex hash) that fail when their ledger closes, with the reason.
    pub doomed: HashMap<String, String>,
}

fn key(stage: Stage) -> &'static str {
    match stage {
        Stage::Simulate => "simulate",
        Stage::Send => "send",
        Stage::Chain => "chain",
    }
}

impl Faults {
    pub fn push(&mut self, stage: Stage, reason: Option<String>) {
        self.queued.entry(key(stage)).or_default().push_back(reason);
    }

    /// The next queued fault of `stage`, if any: Some(reason or the stage's default).
    pub fn take(&mut self, stage: Stage) -> Option<String> {
        let reason = self.queued.get_mut(key(stage))?.pop_front()?;
        Some(reason.unwrap_or_else(|| match stage {
            Stage::Simulate => "HostError: Error(Context, InternalError)\n\nsimulation failure injected through /devnet/fail-next".into(),
            Stage::Send => "txInternalError".into(),
            Stage::Chain => "failure injected through /devnet/fail-next".into(),
        }))
    }
}
