//! Where an applied transaction's metered instructions and memory go, per cost type, split into
//! the contract invocation itself (from the first contract frame pushed to the last one popped:
//! what the contract test host's `cost_estimate()` meters) and the validator's work around it
//! (decoding the footprint's ledger entries, the host function and the auth entries from XDR,
//! instantiating the called contract's VM, encoding the ledger changes and events back). The
//! host's trace hook marks the frames; it reads the budget and is not metered itself.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use soroban_env_host::budget::{AsBudget, Budget};
use soroban_env_host::xdr::ContractCostType;
use soroban_env_host::{Host, HostError, TraceEvent, TraceHook};

/// CPU instructions and memory bytes of one cost type (or of all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    pub cpu: u64,
    pub mem: u64,
}

impl Cost {
    fn minus(self, o: Cost) -> Cost {
        Cost { cpu: self.cpu.saturating_sub(o.cpu), mem: self.mem.saturating_sub(o.mem) }
    }
}

/// A budget's per-cost-type counters at one moment, in `ContractCostType::variants()` order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Costs(pub Vec<Cost>);

impl Costs {
    pub fn of(budget: &Budget) -> Costs {
        Costs(
            ContractCostType::variants()
                .iter()
                .map(|t| budget.get_tracker(*t).map(|k| Cost { cpu: k.cpu, mem: k.mem }).unwrap_or_default())
                .collect(),
        )
    }

    pub fn get(&self, t: ContractCostType) -> Cost {
        let i = ContractCostType::variants().iter().position(|v| *v == t).expect("a cost type");
        self.0.get(i).copied().unwrap_or_default()
    }

    pub fn total(&self) -> Cost {
        self.0.iter().fold(Cost::default(), |a, c| Cost { cpu: a.cpu + c.cpu, mem: a.mem + c.mem })
    }

    pub fn minus(&self, o: &Costs) -> Costs {
        Costs(self.0.iter().zip(o.0.iter().chain(std::iter::repeat(&Cost::default()))).map(|(a, b)| a.minus(*b)).collect())
    }
}

/// A transaction's metering: everything, and the contract invocation alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metered {
    pub total: Costs,
    pub invocation: Costs,
}

impl Metered {
    /// The validator's work around the invocation.
    pub fn around(&self) -> Costs {
        self.total.minus(&self.invocation)
    }

    /// `{ invocation: {cpuInsns, memBytes}, costTypes: { ValDeser: {cpuInsns, memBytes, invocationCpuInsns}, … } }`
    /// with the cost types that metered anything.
    pub fn to_json(&self) -> Value {
        let inv = self.invocation.total();
        let mut types = Map::new();
        for (i, t) in ContractCostType::variants().iter().enumerate() {
            let c = self.total.0.get(i).copied().unwrap_or_default();
            if c.cpu > 0 || c.mem > 0 {
                let ic = self.invocation.0.get(i).copied().unwrap_or_default();
                types.insert(format!("{t:?}"), json!({ "cpuInsns": c.cpu, "memBytes": c.mem, "invocationCpuInsns": ic.cpu }));
            }
        }
        json!({ "invocation": { "cpuInsns": inv.cpu, "memBytes": inv.mem }, "costTypes": types })
    }
}

/// Marks the first contract frame pushed and the last one popped.
#[derive(Default)]
pub struct Frames {
    depth: u32,
    first_push: Option<Costs>,
    last_pop: Option<Costs>,
}

impl Frames {
    pub fn new() -> Rc<RefCell<Frames>> {
        Rc::new(RefCell::new(Frames::default()))
    }

    pub fn hook(frames: &Rc<RefCell<Frames>>) -> TraceHook {
        let frames = frames.clone();
        Rc::new(move |host: &Host, event: TraceEvent| -> Result<(), HostError> {
            let mut f = frames.borrow_mut();
            match event {
                TraceEvent::PushCtx { .. } => {
                    if f.depth == 0 && f.first_push.is_none() {
                        f.first_push = Some(Costs::of(host.as_budget()));
                    }
                    f.depth += 1;
                }
                TraceEvent::PopCtx { .. } => {
                    f.depth = f.depth.saturating_sub(1);
                    if f.depth == 0 {
                        f.last_pop = Some(Costs::of(host.as_budget()));
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }

    /// The metering once the budget has done all its work.
    pub fn metered(frames: &Rc<RefCell<Frames>>, budget: &Budget) -> Metered {
        let f = frames.borrow();
        let total = Costs::of(budget);
        let invocation = match (&f.first_push, &f.last_pop) {
            (Some(a), Some(b)) => b.minus(a),
            _ => Costs(vec![Cost::default(); total.0.len()]),
        };
        Metered { total, invocation }
    }
}
