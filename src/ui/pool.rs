//! The page's simulation workers: a small pool of Web Workers (one per core the browser
//! reports, at most [`MAX_WORKERS`]; one in an embed) running the simulation's own module
//! (`worker-<hash>.js`, written by `scripts/csp.mjs`, loads `src/worker_main.rs`'s build;
//! the page's module holds no simulation). The page's head compiles that module once, as the
//! page loads, and every worker instantiates it (`worker-early-<hash>.js`), so they all start
//! at once; without it they start one after another (each once the one before is ready), so
//! that on a first load the workers do not all compile the module at once.
//!
//! Components submit [`Task`]s with a [`Ticket`] and get each answer through a callback on the
//! page's thread. Tasks wait in a queue by priority (an item's run first, then its frontier,
//! then the heavy requests) and go to the first idle worker. Cancelling a ticket drops its
//! waiting tasks; a long task in flight (a frontier, the drivers) has its worker terminated
//! and replaced, so a cancelled sweep stops at once; a run's part (a few hundred
//! replications) is left to finish and its answer dropped.
//!
//! A worker that fails (a crash, out of memory) reports its task failed, with the message,
//! and is replaced. When workers cannot start at all (or the address says `?workers=0`), the
//! tasks run on the page's thread instead, one per turn of the event loop: the page then loads
//! the same module on its own thread (`worker_bridge`), so the numbers are the same bits. Tests
//! that mount the app without a built module give the engine directly
//! ([`answer_in_page_with`]).
//!
//! Hand-written on `web_sys::Worker` rather than gloo-worker: the pool must terminate a busy
//! worker and hear its errors, which gloo-worker's bridges do not expose.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::Scenario;
use crate::ui::document::source_of;
use crate::ui::worker_bridge;
use crate::worker::{decode, encode, Outcome, Request, Response, Task};

/// The most workers a page starts, whatever the browser reports.
pub const MAX_WORKERS: usize = 4;

/// Why a task has no result.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The worker stopped with an error (a crash, or out of memory).
    Crashed(String),
    /// The worker answered that it could not do the task.
    Refused(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Crashed(m) => write!(f, "a worker failed ({m})"),
            Failure::Refused(m) => write!(f, "a worker could not run it: {m}"),
        }
    }
}

/// A group of tasks that are cancelled together.
#[derive(Clone, Default)]
pub struct Ticket(Rc<Cell<bool>>);

impl Ticket {
    pub fn new() -> Self {
        Ticket::default()
    }

    pub fn cancelled(&self) -> bool {
        self.0.get()
    }

    /// Drops the ticket's waiting tasks and stops its long ones.
    pub fn cancel(&self) {
        self.0.set(true);
        with_pool(|pool| pool.cancelled());
    }
}

/// A task's priority: lower goes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// The item shown: its run.
    Results = 0,
    /// Its frontier and advice.
    Advice = 1,
    /// What a person asked for and waits on: the drivers, the portfolio.
    Requested = 2,
}

type Reply = Box<dyn FnOnce(Result<Outcome, Failure>)>;

struct Queued {
    scenario: Rc<Scenario>,
    task: Task,
    priority: Priority,
    ticket: Ticket,
    reply: Reply,
}

struct Slot {
    worker: web_sys::Worker,
    ready: bool,
    /// The scenarios this worker holds (mirroring its own cache), newest last.
    holds: Vec<u64>,
    /// The tasks sent and not answered, oldest first: one, or two short ones (a part of a
    /// run queued behind another, so the worker never waits for the page between parts).
    busy: VecDeque<(u64, Queued)>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Slot {
    /// Stops the worker and unhooks its handlers first, so that a message already on its way
    /// is not delivered to a dropped closure.
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The pool.
pub struct Pool {
    slots: Vec<Option<Slot>>,
    /// How many workers it should have (0: tasks run on the page's thread).
    size: usize,
    queue: VecDeque<Queued>,
    next_job: u64,
    /// Recent scenarios and their keys (kept alive, so a pointer is never reused for another).
    keys: Vec<(Rc<Scenario>, u64)>,
    next_key: u64,
    /// Workers that failed to start in a row: when every one has, tasks run on the page.
    failed_starts: usize,
    /// The scenarios the page's own thread holds (as a worker's `holds`).
    in_page_holds: Vec<u64>,
    in_page_running: bool,
}

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
    /// A dispatch is due once the page's current work is done ([`dispatch_soon`]).
    static DISPATCH_DUE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the page's pool (started on first use).
fn with_pool<R>(f: impl FnOnce(&mut Pool) -> R) -> R {
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        let pool = p.get_or_insert_with(|| Pool::new(wanted_workers()));
        f(pool)
    })
}

/// Starts the first worker now, so the simulation's module loads while the page renders
/// (the page calls this before mounting; the first task would start it otherwise).
pub fn start() {
    with_pool(|_| ());
}

/// Submits a task: `reply` gets its result on the page's thread, unless the ticket is cancelled
/// first.
pub fn submit(
    scenario: &Rc<Scenario>,
    task: Task,
    priority: Priority,
    ticket: &Ticket,
    reply: impl FnOnce(Result<Outcome, Failure>) + 'static,
) {
    let queued = Queued {
        scenario: scenario.clone(),
        task,
        priority,
        ticket: ticket.clone(),
        reply: Box::new(reply),
    };
    // Replies never run inside with_pool (a reply may submit again), so this cannot re-enter.
    with_pool(|pool| {
        let at = pool.queue.iter().position(|q| q.priority > priority).unwrap_or(pool.queue.len());
        pool.queue.insert(at, queued);
    });
    dispatch_soon();
}

/// Hands the queue to the workers once the code running now is done (a microtask later), so
/// that tasks submitted together go out in their priority order, whichever was submitted
/// first. A render's effects submit the item's run and its frontier, the frontier first (a
/// child's effects run before its parent's); handed out at once, a first page load gave the
/// frontier to the one worker ready and left the run, which the first chart waits for, to
/// wait for the second worker to start.
fn dispatch_soon() {
    if DISPATCH_DUE.with(|due| due.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        DISPATCH_DUE.with(|due| due.set(false));
        dispatch();
    });
}

/// How many workers the page uses: `?workers=N` in the address (0 runs on the page's thread),
/// else one in an embed, else one per core the browser reports (at most [`MAX_WORKERS`]).
pub fn wanted_workers() -> usize {
    let Some(window) = web_sys::window() else { return 0 };
    let search = window.location().search().unwrap_or_default();
    let param = |name: &str| {
        search.trim_start_matches('?').split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then(|| v.to_owned())
        })
    };
    if let Some(n) = param("workers").and_then(|v| v.parse::<usize>().ok()) {
        return n.min(MAX_WORKERS);
    }
    if param("embed").is_some() {
        return 1;
    }
    let cores = window.navigator().hardware_concurrency();
    (cores as usize).clamp(1, MAX_WORKERS)
}

/// How many workers are running (0 when tasks run on the page's thread).
pub fn workers() -> usize {
    with_pool(|pool| pool.slots.iter().flatten().count())
}

impl Pool {
    fn new(size: usize) -> Pool {
        let mut pool = Pool {
            slots: Vec::new(),
            size,
            queue: VecDeque::new(),
            next_job: 1,
            keys: Vec::new(),
            next_key: 1,
            failed_starts: 0,
            in_page_holds: Vec::new(),
            in_page_running: false,
        };
        // When the page's head compiled the module for every worker, all start at once; else
        // one at first and each next one once the last is ready, so that the page and its
        // workers do not all compile the module at once on a page's first load.
        let at_once = if shared_spawn().is_some() { size } else { size.min(1) };
        for index in 0..at_once {
            let slot = pool.spawn(index);
            pool.slots.push(slot);
        }
        if pool.slots.iter().all(Option::is_none) {
            pool.size = 0;
        }
        pool
    }

    /// Starts worker `index` (the first one is the worker the page's head started, when
    /// there is one); `None` when the browser refuses.
    fn spawn(&mut self, index: usize) -> Option<Slot> {
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                answered(index, &e.data())
            });
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                e.prevent_default();
                crashed(index, e.message());
            });
        let early = if index == 0 { early_worker() } else { None };
        let worker = match early {
            Some((worker, adopt)) => {
                let adopted = adopt.call2(&JsValue::NULL, on_message.as_ref(), on_error.as_ref());
                if adopted.is_err() {
                    worker.terminate();
                    return None;
                }
                worker
            }
            None => {
                let worker = match shared_spawn() {
                    // On the module the page's head compiled.
                    Some(spawn) => spawn.call0(&JsValue::NULL).ok()?.dyn_into().ok()?,
                    None => {
                        // A classic worker: trunk builds the simulation's module for
                        // `importScripts`; told (by null) to fetch and compile it itself.
                        let worker = web_sys::Worker::new(&worker_bridge::worker_script()?).ok()?;
                        worker.post_message(&JsValue::NULL).ok()?;
                        worker
                    }
                };
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                worker
            }
        };
        Some(Slot {
            worker,
            ready: false,
            holds: Vec::new(),
            busy: VecDeque::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn key(&mut self, scenario: &Rc<Scenario>) -> u64 {
        if let Some((_, key)) = self.keys.iter().find(|(s, _)| Rc::ptr_eq(s, scenario)) {
            return *key;
        }
        let key = self.next_key;
        self.next_key += 1;
        if self.keys.len() == 2 * crate::worker::KEPT {
            self.keys.remove(0);
        }
        self.keys.push((scenario.clone(), key));
        key
    }

    /// Drops cancelled tasks from the queue and stops workers busy with a cancelled long task.
    fn cancelled(&mut self) {
        self.queue.retain(|q| !q.ticket.cancelled());
        for i in 0..self.slots.len() {
            let stop = self.slots[i].as_ref().is_some_and(|slot| {
                slot.busy.iter().any(|(_, q)| q.ticket.cancelled() && !is_short(&q.task))
            });
            if stop {
                // Dropping the slot stops its worker; what else it was sent goes back first.
                let slot = self.slots[i].take();
                for (_, q) in slot.into_iter().flat_map(|mut s| std::mem::take(&mut s.busy)).rev() {
                    if !q.ticket.cancelled() {
                        self.queue.push_front(q);
                    }
                }
                self.slots[i] = self.spawn(i);
            }
        }
    }

    /// The next task for a ready worker, as the worker's message: when it is idle, or when it
    /// has one part of a run in hand and the next waiting is a part too (so it starts on that
    /// one as it finishes, instead of waiting for the page to answer and send it). Cancelled
    /// tasks are dropped on the way.
    fn next_for(&mut self, index: usize) -> Option<js_sys::Uint8Array> {
        while self.queue.front().is_some_and(|q| q.ticket.cancelled()) {
            self.queue.pop_front();
        }
        let slot = self.slots.get(index)?.as_ref()?;
        let room = match slot.busy.len() {
            0 => true,
            1 => {
                is_short(&slot.busy[0].1.task)
                    && self.queue.front().is_some_and(|q| is_short(&q.task))
            }
            _ => false,
        };
        if !slot.ready || !room {
            return None;
        }
        let queued = self.queue.pop_front()?;
        let key = self.key(&queued.scenario);
        let job = self.next_job;
        self.next_job += 1;
        let slot = self.slots[index].as_mut()?;
        let file = file_unless_held(&mut slot.holds, key, &queued.scenario);
        let bytes = encode(&Request { job, scenario: key, file, task: queued.task });
        slot.busy.push_back((job, queued));
        Some(js_sys::Uint8Array::from(bytes.as_slice()))
    }
}

/// The scenario's file when whoever computes (a worker, or the page's thread) does not hold
/// it yet, noting that it then does (the worker keeps the last [`crate::worker::KEPT`], as
/// `holds` does).
fn file_unless_held(holds: &mut Vec<u64>, key: u64, scenario: &Rc<Scenario>) -> Option<String> {
    if holds.contains(&key) {
        return None;
    }
    if holds.len() == crate::worker::KEPT {
        holds.remove(0);
    }
    holds.push(key);
    Some(source(scenario))
}

/// The scenario file a worker is sent: the text the page validated (every scenario the page
/// holds comes from `document::validate_shown`; an empty text, which no worker can read,
/// would make the task fail with that reason rather than compute something else).
fn source(scenario: &Rc<Scenario>) -> String {
    source_of(scenario).map(|t| t.to_string()).unwrap_or_default()
}

/// A task a worker can have queued behind another: a part of a run (a few hundred
/// replications). A long one (a frontier, the drivers) is never sent behind anything, so a
/// new run waits at most a part for a worker.
fn is_short(task: &Task) -> bool {
    matches!(task, Task::Part { .. })
}

/// Hands waiting tasks to idle workers (or, without workers, runs the next on the page).
fn dispatch() {
    let in_page = with_pool(|pool| {
        if pool.slots.iter().all(Option::is_none) {
            // No worker is left (the browser refused to start new ones).
            pool.size = 0;
        }
        pool.size == 0
    });
    if in_page {
        run_in_page();
        return;
    }
    let n = with_pool(|pool| pool.slots.len());
    for i in 0..n {
        // Up to two messages: a part, and the next part queued behind it.
        for _ in 0..2 {
            let message = with_pool(|pool| {
                pool.next_for(i).zip(pool.slots[i].as_ref().map(|s| s.worker.clone()))
            });
            let Some((bytes, worker)) = message else { break };
            let transfer = js_sys::Array::of1(&bytes.buffer());
            if let Err(e) = worker.post_message_with_transfer(&bytes, &transfer) {
                crashed(i, format!("{e:?}"));
                break;
            }
        }
    }
}

/// The worker the page's head started (`worker-early-<hash>.js`, written by
/// `scripts/csp.mjs`) so that the simulation's module loads while the page's own does, and
/// its `adopt(onMessage, onError)`, which hands it to the pool and says again what it said
/// before (its "ready", or an error); taken once.
fn early_worker() -> Option<(web_sys::Worker, js_sys::Function)> {
    let global = js_sys::global();
    let key = JsValue::from_str("jitjicEarlyWorker");
    let early = js_sys::Reflect::get(&global, &key).ok().filter(JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    let worker = js_sys::Reflect::get(&early, &JsValue::from_str("worker")).ok()?;
    let adopt = js_sys::Reflect::get(&early, &JsValue::from_str("adopt")).ok()?;
    Some((worker.dyn_into().ok()?, adopt.dyn_into().ok()?))
}

/// The page head's `spawn()` (`worker-early-<hash>.js`): a new worker on the simulation's
/// module compiled there once, so that the workers after the first neither fetch nor compile
/// it again.
fn shared_spawn() -> Option<js_sys::Function> {
    let spawn = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("jitjicSpawnWorker"));
    spawn.ok()?.dyn_into().ok()
}

/// A worker's message: "ready" once loaded, then one answer per task.
fn answered(index: usize, data: &JsValue) {
    if data.as_string().as_deref() == Some("ready") {
        with_pool(|pool| {
            pool.failed_starts = 0;
            if let Some(slot) = pool.slots.get_mut(index).and_then(Option::as_mut) {
                slot.ready = true;
            }
            if pool.slots.len() < pool.size {
                let next = pool.slots.len();
                let slot = pool.spawn(next);
                pool.slots.push(slot);
            }
        });
        dispatch();
        return;
    }
    let bytes = js_sys::Uint8Array::new(data).to_vec();
    let response: Result<Response, String> = decode(&bytes);
    let done = with_pool(|pool| {
        let slot = pool.slots.get_mut(index)?.as_mut()?;
        let (job, queued) = slot.busy.pop_front()?;
        Some((job, queued))
    });
    if let Some((job, queued)) = done {
        let result = match response {
            Ok(Response { job: answered, outcome }) if answered == job => {
                outcome.map_err(Failure::Refused)
            }
            Ok(_) => Err(Failure::Refused("an answer to another task".into())),
            Err(reason) => Err(Failure::Refused(reason)),
        };
        if !queued.ticket.cancelled() {
            (queued.reply)(result);
        }
    }
    dispatch();
}

/// A worker stopped with an error: the task it was on fails with the message (one sent after
/// it goes back to the front of the queue), and a new worker takes its place (unless none has
/// ever started: then the page runs the tasks itself).
fn crashed(index: usize, message: String) {
    let lost = with_pool(|pool| {
        let mut slot = pool.slots.get_mut(index)?.take()?;
        let mut sent = std::mem::take(&mut slot.busy);
        let busy = sent.pop_front();
        for (_, q) in sent.into_iter().rev() {
            pool.queue.push_front(q);
        }
        if !slot.ready {
            pool.failed_starts += 1;
        }
        if pool.failed_starts >= pool.size.max(1) {
            // No worker can start here (no module workers, a policy forbids them).
            pool.slots.clear();
            pool.size = 0;
        } else {
            pool.slots[index] = pool.spawn(index);
        }
        drop(slot);
        busy
    });
    if let Some((_, queued)) = lost {
        if !queued.ticket.cancelled() {
            (queued.reply)(Err(Failure::Crashed(message)));
        }
    }
    dispatch();
}

/// What answers a request's bytes on the page's own thread, as a worker would.
pub type InPage = Rc<dyn Fn(&[u8]) -> Result<Vec<u8>, String>>;

thread_local! {
    /// The page-thread engine: loaded on first need (`worker_bridge`), or given by a test;
    /// a load that failed is kept, with its reason, so it is not tried for every task.
    static IN_PAGE: RefCell<Option<Result<InPage, String>>> = const { RefCell::new(None) };
}

/// Answers tasks on the page's thread with `engine` instead of loading the simulation's
/// module (the wasm tests, which mount the app without a built page, call the engine
/// directly: `worker::Worker::handle` on the request's bytes).
pub fn answer_in_page_with(engine: InPage) {
    IN_PAGE.with(|e| *e.borrow_mut() = Some(Ok(engine)));
}

/// The page-thread engine, loading the simulation's module the first time.
async fn in_page_engine() -> Result<InPage, String> {
    if let Some(known) = IN_PAGE.with(|e| e.borrow().clone()) {
        return known;
    }
    let loaded = worker_bridge::load().await.map(|answer| -> InPage {
        Rc::new(move |bytes: &[u8]| worker_bridge::call(&answer, bytes))
    });
    IN_PAGE.with(|e| e.borrow_mut().get_or_insert(loaded).clone())
}

/// Without workers: runs the first waiting task on the page's thread, then yields to the
/// event loop before the next, so the page paints and hears clicks between tasks.
fn run_in_page() {
    let start = with_pool(|pool| {
        if pool.in_page_running || pool.queue.is_empty() {
            return false;
        }
        pool.in_page_running = true;
        true
    });
    if !start {
        return;
    }
    yew::platform::spawn_local(async {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        let engine = in_page_engine().await;
        let next = with_pool(|pool| {
            pool.in_page_running = false;
            let q = loop {
                let q = pool.queue.pop_front()?;
                if !q.ticket.cancelled() {
                    break q;
                }
            };
            let key = pool.key(&q.scenario);
            let file = match &engine {
                Ok(_) => file_unless_held(&mut pool.in_page_holds, key, &q.scenario),
                Err(_) => None,
            };
            let request = encode(&Request { job: 0, scenario: key, file, task: q.task });
            Some((q, request))
        });
        if let Some((q, request)) = next {
            let result = match &engine {
                Ok(answer) => match answer(&request).and_then(|bytes| decode::<Response>(&bytes)) {
                    Ok(response) => response.outcome.map_err(Failure::Refused),
                    Err(reason) => Err(Failure::Crashed(reason)),
                },
                Err(reason) => Err(Failure::Crashed(reason.clone())),
            };
            if !q.ticket.cancelled() {
                (q.reply)(result);
            }
        }
        run_in_page();
    });
}
