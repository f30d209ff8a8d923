/*
 * 09-synchronisation.c: lesson 9, synchronisation and limits.
 *
 * It reads line for line beside its twin, 09-synchronisation.py.  The
 * twin's `async with lock:` is an acquire awaited on the way in and a
 * release on the way out (in a finally where the block can be cancelled),
 * which is what Lock.__aenter__/__aexit__ do; the twin's lists of
 * coroutines and tasks are al_coros/al_tasks over one make function each.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t workers, rounds, waiters, jobs, job_limit;
static double pause_s, set_after, grace, produce_every;
static const double *job_times, *arrivals;
static size_t njob_times, narrivals;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

/* ---- (a) a read-modify-write across an await, without and with a Lock ---- */

static int64_t counter;

AL_ASYNC_DEF(unsafe_increment, al_value name; int64_t i, value; al_sleep_co s;)
    for (f->i = 0; f->i < rounds; f->i++) {
        f->value = counter;                              /* read */
        AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_none())); /* any await lets the others run */
        counter = f->value + 1;                          /* write what was read, plus one */
        al_print(vm, "  %.2f %v read %D, writes %D", now(vm), f->name, f->value, f->value + 1);
    }
AL_END

static al_lock lock;

AL_ASYNC_DEF(safe_increment, int64_t i, value; al_lock_acquire_co acq; al_sleep_co s;)
    for (f->i = 0; f->i < rounds; f->i++) {
        AL_AWAIT(al_lock_acquire(&f->acq, &lock)); /* async with lock: one worker at a time */
        f->value = counter;
        AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_none()));
        counter = f->value + 1;
        AL_CHECK(al_lock_release(&lock));          /* the end of the async with block */
    }
AL_END

static al_gen *unsafe_k(al_vm *vm, size_t k)
{
    return AL_CALL(unsafe_increment, .name = al_strf(vm, "worker-%D", (int64_t)k));
}

static al_gen *safe_k(al_vm *vm, size_t k)
{
    (void)k;
    return AL_CALL(safe_increment);
}

AL_ASYNC_DEF(race_demo)
    al_print(vm, "(a) a shared counter, without and with a Lock");
    counter = 0;
    AL_AWAIT(al_gather_coros(vm, (size_t)workers, al_coros(vm, (size_t)workers, unsafe_k), false));
    al_print(vm, "  %.2f no lock: counter %D, expected %D", now(vm), counter, workers * rounds);
    counter = 0;
    al_lock_init(&lock, vm, "lock");
    AL_AWAIT(al_gather_coros(vm, (size_t)workers, al_coros(vm, (size_t)workers, safe_k), false));
    al_print(vm, "  %.2f with a lock: counter %D, expected %D", now(vm), counter, workers * rounds);
AL_END

/* ---- (b) an Event ---- */

static al_flag event;

AL_ASYNC_DEF(waiter, al_value name; al_flag_wait_co w; al_value flag;)
    al_print(vm, "  %.2f %v waits for the event", now(vm), f->name);
    AL_AWAIT(al_flag_wait(&f->w, &event), f->flag);
    al_print(vm, "  %.2f %v woke up: wait() returned %v", now(vm), f->name, f->flag);
AL_END

static al_gen *waiter_k(al_vm *vm, size_t k)
{
    return AL_CALL(waiter, .name = al_strf(vm, "waiter-%D", (int64_t)k));
}

AL_ASYNC_DEF(event_demo, al_future **tasks; al_sleep_co s; al_flag_wait_co w; al_value flag;)
    al_print(vm, "(b) an Event");
    al_flag_init(&event, vm, "event");
    f->tasks = al_tasks(vm, (size_t)waiters, waiter_k, "waiter-%D");
    AL_AWAIT(al_sleep(&f->s, vm, set_after, al_none()));
    al_print(vm, "  %.2f main sets the event", now(vm));
    al_flag_set(&event);
    AL_AWAIT(al_gather(vm, (size_t)waiters, f->tasks, false));
    AL_AWAIT(al_flag_wait(&f->w, &event), f->flag);
    al_print(vm, "  %.2f wait() on a set event returns %v at once", now(vm), f->flag);
AL_END

/* ---- (c) a job scheduler with a concurrency limit ---- */

/* class Scheduler: runs at most limit jobs at once; the others are pending. */
typedef struct scheduler {
    int64_t limit;
    al_semaphore sem;
    al_task **tasks;
    size_t ntasks;
} scheduler;

AL_ASYNC_DEF(job, int64_t k; double seconds; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, f->seconds, al_none()));
    al_print(vm, "  %.2f job-%D done after %.2f s", now(vm), f->k, f->seconds);
    AL_RETURN(al_int(f->k));
AL_END

/* async def supervise(scheduler, name, fn, args): wait for a slot, then
 * run fn(*args), which is job(k, seconds) here, made only once it may
 * start. */
AL_ASYNC_DEF(supervise, scheduler *sch; al_value name; int64_t k; double seconds;
             al_sem_acquire_co acq; job_frame job; al_value r;)
    if (al_semaphore_locked(&f->sch->sem))
        al_print(vm, "  %.2f %v pending: %D jobs running", now(vm), f->name, f->sch->limit);
    AL_AWAIT(al_semaphore_acquire(&f->acq, &f->sch->sem)); /* async with scheduler.sem: */
    AL_TRY {
        al_print(vm, "  %.2f %v starts", now(vm), f->name);
        AL_AWAIT(AL_CALL_AT(&f->job, job, .k = f->k, .seconds = f->seconds), f->r);
        AL_RETURN(f->r);
    } AL_FINALLY {
        al_semaphore_release(&f->sch->sem);
    } AL_END_TRY;
AL_END

static al_task *spawn(al_vm *vm, scheduler *sch, al_value name, int64_t k, double seconds)
{
    al_task *task = al_create_task(vm, AL_CALL(supervise, .sch = sch, .name = name, .k = k,
                                               .seconds = seconds));
    al_task_set_name(task, al_as_str(name));
    sch->tasks[sch->ntasks++] = task;
    return task;
}

/* Scheduler.close(timeout): wait up to timeout for the jobs, then cancel
 * the late ones and await each; returns how many finished. */
AL_ASYNC_DEF(close_scheduler, scheduler *sch; double timeout; al_future **futs; al_task **late;
             size_t nlate, i; al_wait_co w;)
    al_print(vm, "  %.2f close(): waiting up to %.2f s", now(vm), f->timeout);
    if (f->sch->ntasks) {
        f->futs = al_alloc(vm, f->sch->ntasks * sizeof *f->futs);
        for (size_t i = 0; i < f->sch->ntasks; i++)
            f->futs[i] = al_task_fut(f->sch->tasks[i]);
        AL_AWAIT(al_wait(&f->w, vm, f->sch->ntasks, f->futs, f->timeout, AL_ALL_COMPLETED));
    }
    f->late = al_alloc(vm, (f->sch->ntasks + 1) * sizeof *f->late);
    for (size_t i = 0; i < f->sch->ntasks; i++)
        if (!al_future_done(al_task_fut(f->sch->tasks[i])))
            f->late[f->nlate++] = f->sch->tasks[i];
    for (size_t i = 0; i < f->nlate; i++)
        al_task_cancel(f->late[i], al_none());
    for (f->i = 0; f->i < f->nlate; f->i++) {
        AL_TRY {
            AL_AWAIT(f->late[f->i]);
        } AL_EXCEPT(al_CancelledError) {
            al_print(vm, "  %.2f %s cancelled by close()", now(vm), f->late[f->i]->name);
        } AL_END_TRY;
    }
    AL_RETURN(al_int((int64_t)(f->sch->ntasks - f->nlate)));
AL_END

AL_ASYNC_DEF(scheduler_demo, scheduler sch; close_scheduler_frame close; al_value finished;)
    al_print(vm, "(c) a scheduler running at most %D jobs", job_limit);
    f->sch.limit = job_limit;
    al_semaphore_init(&f->sch.sem, vm, "sem", job_limit);
    f->sch.tasks = al_alloc(vm, ((size_t)jobs + 1) * sizeof *f->sch.tasks);
    for (int64_t k = 0; k < jobs; k++)
        spawn(vm, &f->sch, al_strf(vm, "job-%D", k), k, job_times[(size_t)k % njob_times]);
    al_print(vm, "  %.2f %D jobs spawned", now(vm), jobs);
    AL_AWAIT(AL_CALL_AT(&f->close, close_scheduler, .sch = &f->sch, .timeout = grace), f->finished);
    al_print(vm, "  %.2f closed: %v of %D jobs finished", now(vm), f->finished, jobs);
AL_END

/* ---- (d) a Condition, and a Barrier ---- */

static al_condition cond;
static al_value items; /* the list the condition guards */

AL_ASYNC_DEF(consumer, al_value name; al_lock_acquire_co acq; al_cond_wait_co w;)
    AL_AWAIT(al_lock_acquire(&f->acq, cond.lock)); /* async with cond: */
    while (al_len(items) == 0) {
        al_print(vm, "  %.2f %v waits on the condition", now(vm), f->name);
        AL_AWAIT(al_condition_wait(&f->w, &cond)); /* releases the lock while it waits */
    }
    al_print(vm, "  %.2f %v took %v", now(vm), f->name, al_list_pop(items, 0));
    AL_CHECK(al_lock_release(cond.lock));
AL_END

AL_ASYNC_DEF(producer, int64_t n, i; al_sleep_co s; al_lock_acquire_co acq;)
    for (f->i = 0; f->i < f->n; f->i++) {
        AL_AWAIT(al_sleep(&f->s, vm, produce_every, al_none()));
        AL_AWAIT(al_lock_acquire(&f->acq, cond.lock)); /* async with cond: */
        al_list_append(vm, items, al_strf(vm, "item-%D", f->i));
        al_print(vm, "  %.2f producer adds item-%D, notify(1)", now(vm), f->i);
        AL_CHECK(al_condition_notify(&cond, 1));
        AL_CHECK(al_lock_release(cond.lock));
    }
AL_END

static al_barrier barrier;

AL_ASYNC_DEF(party, int64_t k; double delay; al_sleep_co s; al_barrier_wait_co w;)
    AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
    al_print(vm, "  %.2f party-%D arrives at the barrier", now(vm), f->k);
    AL_AWAIT(al_barrier_wait(&f->w, &barrier));
    al_print(vm, "  %.2f party-%D passes", now(vm), f->k);
AL_END

static al_gen *party_k(al_vm *vm, size_t k)
{
    return AL_CALL(party, .k = (int64_t)k, .delay = arrivals[k]);
}

AL_ASYNC_DEF(condition_barrier_demo)
    al_print(vm, "(d) a Condition, then a Barrier");
    al_condition_init(&cond, vm, "cond", NULL);
    items = al_list_new(vm, 2);
    AL_AWAIT(al_gather_coros(vm, 3, (al_gen *[]){
        AL_CALL(consumer, .name = al_cstr(vm, "consumer-0")),
        AL_CALL(consumer, .name = al_cstr(vm, "consumer-1")),
        AL_CALL(producer, .n = 2)}, false));
    AL_CHECK(al_barrier_init(&barrier, vm, "barrier", (int64_t)narrivals));
    AL_AWAIT(al_gather_coros(vm, narrivals, al_coros(vm, narrivals, party_k), false));
AL_END

AL_ASYNC_DEF(main, race_demo_frame a; event_demo_frame b; scheduler_demo_frame c;
             condition_barrier_demo_frame d;)
    start = al_time(vm);
    AL_AWAIT(AL_CALL_AT(&f->a, race_demo));
    AL_AWAIT(AL_CALL_AT(&f->b, event_demo));
    AL_AWAIT(AL_CALL_AT(&f->c, scheduler_demo));
    AL_AWAIT(AL_CALL_AT(&f->d, condition_barrier_demo));
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    workers = al_param_int(p, "workers");
    rounds = al_param_int(p, "rounds");
    pause_s = al_param_float(p, "pause");
    waiters = al_param_int(p, "waiters");
    set_after = al_param_float(p, "set_after");
    jobs = al_param_int(p, "jobs");
    job_limit = al_param_int(p, "job_limit");
    njob_times = al_param_list(p, "job_times", &job_times);
    grace = al_param_float(p, "grace");
    produce_every = al_param_float(p, "produce_every");
    narrivals = al_param_list(p, "arrivals", &arrivals);
    return al_run_main(vm, AL_CALL(main));
}

static const al_param_def params[] = {
    {"workers", AL_PARAM_INT, "3", 1, 6, 0, "tasks incrementing the shared counter"},
    {"rounds", AL_PARAM_INT, "2", 1, 4, 0, "increments each worker makes"},
    {"pause", AL_PARAM_FLOAT, "0.1", 0, 1, 0,
     "seconds a worker awaits between reading and writing the counter"},
    {"waiters", AL_PARAM_INT, "2", 0, 4, 0, "tasks waiting on the Event"},
    {"set_after", AL_PARAM_FLOAT, "1", 0, 3, 0, "seconds before main sets the Event"},
    {"jobs", AL_PARAM_INT, "5", 0, 8, 0, "jobs spawned on the scheduler"},
    {"job_limit", AL_PARAM_INT, "2", 1, 4, 0,
     "jobs the scheduler runs at once (the Semaphore's value)"},
    {"job_times", AL_PARAM_FLOAT_LIST, "1,0.5,2", 0, 3, 6,
     "job k takes job_times[k % len] seconds"},
    {"grace", AL_PARAM_FLOAT, "2", 0, 6, 0,
     "seconds close() waits for the jobs before cancelling the rest"},
    {"produce_every", AL_PARAM_FLOAT, "0.5", 0, 2, 0,
     "seconds the Condition's producer takes to make each of its two items"},
    {"arrivals", AL_PARAM_FLOAT_LIST, "0.5,1.5,1", 0, 3, 5,
     "one Barrier party per item, arriving after that many seconds"},
};

AL_LESSON(params, run,
    .title = "Synchronisation",
    .summary = "races across an await; Lock, Event, Semaphore as a limit, Condition, Barrier",
    .concept = "every await is a point where another task may change what you read");
