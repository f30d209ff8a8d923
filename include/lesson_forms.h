/*
 * The authoring forms: a lesson's C, line for line beside its Python twin.
 *
 * Python                              C (inside an AL_DEF / AL_ASYNC_DEF body)
 * ----------------------------------  ------------------------------------------
 * def countdown(n):                   AL_DEF(countdown, int64_t n;)
 * async def fetch(i):                 AL_ASYNC_DEF(fetch, int64_t i; al_sleep_co s;)
 *     (end of the function)           AL_END
 * countdown(3)                        AL_CALL(countdown, .n = 3)
 *                                     AL_CALL_AT(&f->sub, fetch, .i = 1)  (no allocation)
 * yield v / yield from sub            AL_YIELD(v);  AL_YIELD_FROM(sub[, r]);
 * r = await x                         AL_AWAIT(x, r);  (a coroutine, a task or a future)
 * return v / raise e                  AL_RETURN(v);  AL_RAISE(e);
 * try: / except T as e: / finally:    AL_TRY { } AL_EXCEPT(T, e) { } AL_FINALLY { } AL_END_TRY;
 * raise (in an except clause)         AL_RERAISE();
 * async with asyncio.timeout(d):      AL_WITH(enter) { } AL_END_WITH(exit);
 * x.value, str(v)                     al_as_int(v), al_as_float(v), al_as_str(v) ...
 *
 * In a body, f is the frame (the function's locals, which survive every
 * suspension), g the same frame as an al_gen, and vm its vm.  C locals do
 * not survive a suspension: keep in f what must.
 *
 * The short statement forms share their names with the frame-first forms
 * of the core (AL_YIELD(g, v), AL_AWAIT(g, fut, r) ...): the number of
 * arguments picks one, so programs written against the runtime build as
 * before.  Only the short forms know about AL_TRY.
 *
 * An exception can never be dropped by forgetting a line: every short form
 * that resumes a frame re-raises what arrived, into the nearest enclosing
 * AL_TRY or out of the function; AL_END_TRY is required (the braces do not
 * balance without it) and re-raises what no AL_EXCEPT caught.
 *
 * docs/writing-a-lesson.md shows the forms at work.  Each form's macro
 * sits beside its contract and its Python spelling.  The lesson contract
 * (AL_LESSON, AL_PARTS, AL_EXPECT) and the comprehensions of coroutines
 * and tasks for its plain code (al_coros, al_tasks) are in lesson.h.
 */
#ifndef ASYNCLAB_LESSON_FORMS_H
#define ASYNCLAB_LESSON_FORMS_H

#include "asynclab.h"

/* ---- value accessors ----------------------------------------------------- */

/* al_as_int is int(v) for a number or a bool (a float is truncated, as
 * int() does); any other value gives 0.  O(1). */
static inline int64_t al_as_int(al_value v)
{
    return v.type == AL_INT ? v.u.i : v.type == AL_FLOAT ? (int64_t)v.u.f
         : v.type == AL_BOOL ? (int64_t)v.u.b : 0;
}
/* al_as_float is float(v) for a number or a bool; any other value gives 0. */
static inline double al_as_float(al_value v)
{
    return v.type == AL_FLOAT ? v.u.f : v.type == AL_INT ? (double)v.u.i
         : v.type == AL_BOOL ? (double)v.u.b : 0.0;
}
/* al_as_str is a str's text (NUL-terminated UTF-8); "" for anything else. */
static inline const char *al_as_str(al_value v) { return v.type == AL_STR ? v.u.s->data : ""; }
/* al_as_ptr is the runtime object (a task, a future) an AL_PTR carries. */
static inline void *al_as_ptr(al_value v) { return v.type == AL_PTR ? v.u.p : NULL; }
/* al_as_exc is the exception an AL_EXC value carries, or NULL. */
static inline al_exc *al_as_exc(al_value v) { return v.type == AL_EXC ? v.u.exc : NULL; }
/* al_truth and al_type_name (bool(v) and type(v).__name__) are the
 * runtime's: see asynclab.h. */

/* ---- declaring a function ------------------------------------------------ */

#define AL__UNUSED __attribute__((unused))

/*
 * AL_DEF(name, locals) and AL_ASYNC_DEF(name, locals) begin a generator
 * function (def with yield) and a coroutine function (async def); AL_END
 * ends either.  locals are the frame's fields: the arguments, set by
 * AL_CALL, and every local that must outlive a suspension.  They define
 *   name_frame                 the frame struct (al_gen g first, then locals)
 *   name_def                   its al_gen_def, named "name" in the trace
 *   name_of(g)                 the typed cast from an al_gen *
 *   name_call(vm, at, init)    the constructor behind AL_CALL / AL_CALL_AT
 * and the body's function, whose pc switch the macros open and close.
 */
/* What an AL_TRY keeps in its frame while a handler or a finally block
 * may suspend: the exception caught, and what the finally block holds
 * back (the pending exception or return, and a return's value). */
#define AL__TRY_DEPTH 4
typedef struct al__try_slot {
    al_value handled, pending, io;
    bool in_finally;
} al__try_slot;

#define AL_DEF(name, ...) AL__DEF(name, false, __VA_ARGS__)
#define AL_ASYNC_DEF(name, ...) AL__DEF(name, true, __VA_ARGS__)
#define AL__DEF(name, coro, ...)                                               \
    typedef struct name##_frame {                                              \
        al_gen g;                                                              \
        al__try_slot al__ts[AL__TRY_DEPTH];                                    \
        __VA_ARGS__                                                            \
    } name##_frame;                                                            \
    static al_signal name##_body(al_gen *g);                                   \
    static const al_gen_def name##_def = {#name, name##_body, coro};           \
    static inline AL__UNUSED name##_frame *name##_of(al_gen *g)                \
    { return (name##_frame *)g; }                                             \
    static inline AL__UNUSED al_gen *name##_call(al_vm *vm, name##_frame *at,  \
                                                 name##_frame init)           \
    {                                                                          \
        if (!at)                                                               \
            at = al_alloc(vm, sizeof *at);                                     \
        else if (al__gen_live(&at->g, vm, &name##_def))                        \
            return al__gen_refused(vm, &name##_def);                           \
        *at = init;                                                            \
        return al_gen_init(&at->g, vm, &name##_def);                           \
    }                                                                          \
    static al_signal name##_run(name##_frame *f, al_gen *g, al_vm *vm);        \
    static al_signal name##_body(al_gen *g)                                    \
    { return name##_run((name##_frame *)g, g, g->vm); }                         \
    static al_signal name##_run(name##_frame *f AL__UNUSED, al_gen *g,         \
                                al_vm *vm AL__UNUSED)                          \
    {                                                                          \
        al__dispatch: switch (g->pc) { case 0:;

/* The ';' after AL_END's label statement lets a body end in a label. */
#define AL_END                                                                 \
        AL__RETURN1(al_none());                                                \
        default:                                                               \
            if (0)                                                             \
                goto al__dispatch;                                             \
            return al__bad_pc(g);                                              \
        }                                                                      \
    }

/* AL_CALL(name, .arg = v, ...) is the call name(v, ...): it makes the
 * generator or coroutine object in vm's arena and runs none of its body.
 * AL_CALL_AT(at, name, ...) makes it in the caller's memory at (a
 * name_frame *, often a field of the caller's frame), allocating nothing.
 * Locals not named start as zero.  Both use the vm in scope.  AL_CALL_AT
 * into a frame still suspended in an await gives instead a frame whose
 * first resume raises RuntimeError (see al__gen_live in asynclab/gen.h). */
#define AL_CALL(name, ...) name##_call(vm, NULL, (name##_frame){.g.pc = 0, __VA_ARGS__})
#define AL_CALL_AT(at, name, ...) name##_call(vm, (at), (name##_frame){.g.pc = 0, __VA_ARGS__})

/* ---- statements ---------------------------------------------------------- */

/* The core's frame-first forms are widened here, so undefined first; with
 * the frame first they expand exactly as the core's do. */
#undef AL_YIELD
#undef AL_YIELD_FROM
#undef AL_AWAIT
#undef AL_RETURN
#undef AL_RAISE

/* Argument counting: AL__BY_ARGS(a, b, c) picks its third choice for one
 * argument, its second for two, its first for three. */
#define AL__PICK(_1, _2, _3, name, ...) name
#define AL__BY_ARGS(three, two, one, ...) AL__PICK(__VA_ARGS__, three, two, one, -)

/* What AL_TRY's blocks shadow.  al__try is the pc at which the nearest
 * enclosing AL_TRY takes over an exception (0: none, leave the function);
 * al__tdepth is how many AL_TRYs enclose the code; al__handling is the
 * depth of the nearest enclosing handler or finally block (0: none), whose
 * exception a new one gets as __context__; al__no_suspend forbids awaits
 * where C locals must survive. */
enum { al__try = 0, al__tdepth = 0, al__handling = 0, al__no_suspend = 0 };

#define AL__MAY_SUSPEND()                                                      \
    _Static_assert(!al__no_suspend, "no await or yield in an AL_EXCEPT(T, e) " \
                   "handler: the C local e does not survive it; use AL_EXCEPT(T) " \
                   "and AL_HANDLED()")

/* AL__UNWIND hands the pending exception (or a return through a finally)
 * to the enclosing AL_TRY, or ends the function with it. */
#define AL__UNWIND()                                                           \
    do {                                                                       \
        if (al__try) {                                                         \
            g->pc = al__try;                                                   \
            goto al__dispatch;                                                 \
        }                                                                      \
        return al__unwound(g);                                                 \
    } while (0)
#define AL__CHECK() do { if (!al_is_none(g->exc)) { AL__CHAIN(false); AL__UNWIND(); } } while (0)
/* AL__CHAIN is Python's implicit chaining for the exception now pending
 * in a handler or finally block (see al__chain_handled). */
#define AL__CHAIN(raised)                                                      \
    do {                                                                       \
        if (al__handling)                                                      \
            al__chain_handled(g, &f->al__ts[al__handling ? al__handling - 1 : 0], (raised)); \
    } while (0)

#define AL__SUSPEND_AS(sig) g->pc = __LINE__; return (sig); case __LINE__:;

/* AL_YIELD(v) is "yield v"; the value sent in is AL_SENT(g) afterwards. */
#define AL_YIELD(...) AL__BY_ARGS(-, AL__YIELD2, AL__YIELD1, __VA_ARGS__)(__VA_ARGS__)
#define AL__YIELD2(g, v) do { AL_YIELD_TRY(g, v); AL_PROPAGATE(g); } while (0)
#define AL__YIELD1(v)                                                          \
    do {                                                                       \
        AL__MAY_SUSPEND();                                                     \
        g->io = (v);                                                           \
        AL__SUSPEND_AS(AL_YIELDED)                                             \
        AL__CHECK();                                                           \
    } while (0)

/* AL_AWAIT(x) and AL_AWAIT(x, r) are "await x" and "r = await x", where x
 * is a coroutine (al_gen *), a task (al_task *) or a future
 * (al_future *).  Awaiting a generator that is not a coroutine raises
 * TypeError, as CPython does.  AL_YIELD_FROM(sub[, r]) is "yield from". */
#define AL_AWAIT(...) AL__BY_ARGS(AL__AWAIT3, AL__AWAIT2, AL__AWAIT1, __VA_ARGS__)(__VA_ARGS__)
#define AL__AWAIT3(g, fut, r) do { AL_AWAIT_TRY(g, fut, r); AL_PROPAGATE(g); } while (0)
#define AL__AWAIT1(x) do { al_value al__r; AL__AWAIT2(x, al__r); (void)al__r; } while (0)
#define AL__AWAIT2(x, r) AL__DELEGATE(_Generic((x),                            \
        al_gen *: al__await_gen, al_task *: al__await_task,                   \
        al_future *: al__await_future)(g, (x)), r)
#define AL_YIELD_FROM(...)                                                     \
    AL__BY_ARGS(AL__YIELD_FROM3, AL__YIELD_FROM2, AL__YIELD_FROM1, __VA_ARGS__)(__VA_ARGS__)
#define AL__YIELD_FROM3(g, sub, r) do { AL_YIELD_FROM_TRY(g, sub, r); AL_PROPAGATE(g); } while (0)
#define AL__YIELD_FROM1(sub) do { al_value al__r; AL__YIELD_FROM2(sub, al__r); (void)al__r; } while (0)
#define AL__YIELD_FROM2(sub, r) AL__DELEGATE(al__yield_from(g, (sub)), r)

/* AL__DELEGATE suspends unless start (an al__await_* call) found the
 * answer at once, then takes the result or re-raises. */
#define AL__DELEGATE(start, r)                                                 \
    do {                                                                       \
        AL__MAY_SUSPEND();                                                     \
        al_signal al__s = (start);                                             \
        if (al__s != AL_RETURNED) {                                            \
            for (;;) {                                                         \
                AL__SUSPEND_AS(al__s)                                          \
                if (!al__await_again(g))                                       \
                    break;                                                     \
                al__s = AL_YIELDED;                                            \
            }                                                                  \
        }                                                                      \
        al_value al__v = al__await_finish(g);                                  \
        AL__CHECK();                                                           \
        (r) = al__v;                                                           \
    } while (0)

/* AL_RETURN(v) is "return v": through every enclosing AL_FINALLY first. */
#define AL_RETURN(...) AL__BY_ARGS(-, AL__RETURN2, AL__RETURN1, __VA_ARGS__)(__VA_ARGS__)
#define AL__RETURN2(g, v) do { (g)->pc = -1; (g)->io = (v); return AL_RETURNED; } while (0)
#define AL__RETURN1(v)                                                         \
    do {                                                                       \
        g->io = (v);                                                           \
        if (al__try) {                                                         \
            g->exc = al__returning();                                          \
            AL__UNWIND();                                                      \
        }                                                                      \
        g->pc = -1;                                                            \
        return AL_RETURNED;                                                    \
    } while (0)

/* AL_RAISE(e) is "raise e".  AL_CHECK(v) raises v if it is an exception:
 * the answer of a runtime call that gives None or the exception CPython
 * would raise (al_queue_task_done, al_future_set_result ...). */
#define AL_RAISE(...) AL__BY_ARGS(-, AL__RAISE2, AL__RAISE1, __VA_ARGS__)(__VA_ARGS__)
#define AL__RAISE2(g, e) do { (g)->pc = -1; (g)->exc = (e); return AL_RAISED; } while (0)
#define AL__RAISE1(e) do { g->exc = (e); AL__CHAIN(true); AL__UNWIND(); } while (0)
#define AL_CHECK(v)                                                            \
    do {                                                                       \
        al_value al__e = (v);                                                  \
        if (al__e.type == AL_EXC)                                              \
            AL__RAISE1(al__e);                                                 \
    } while (0)

/*
 * try / except / finally:
 *
 *   AL_TRY {                      try:
 *       AL_AWAIT(x, f->r);            r = await x
 *   } AL_EXCEPT(al_ValueError, e) {   except ValueError as e:
 *       al_print(vm, "%r", e);        print(repr(e))
 *   } AL_EXCEPT(f->mine) {        except Mine:   (a type, or a variable
 *       AL_RERAISE();                 raise        pointing to one)
 *   } AL_FINALLY {                finally:
 *       AL_AWAIT(cleanup);            await cleanup
 *   } AL_END_TRY;
 *
 * An exception raised at an await, yield or AL_RAISE in the try block
 * skips the rest of it and goes to the first AL_EXCEPT that matches; one
 * that none matches, or one raised in a handler, goes on out after the
 * finally block.  One raised in a handler, or in a finally block while an
 * exception is pending, gets that exception as its __context__, as in
 * Python ("During handling of the above exception, another exception
 * occurred").  AL_RETURN inside runs the finally block first.  The
 * finally block may await; what was pending (an exception, a return) is
 * kept in the frame meanwhile and goes on afterwards, unless the finally
 * block raises or returns itself.  AL_RERAISE() is the bare "raise" of a
 * handler.  A handler that binds e cannot suspend (the C local e would
 * not survive it; the compiler says so): use AL_EXCEPT(T) and
 * AL_HANDLED() there.  break and continue out of a try block skip its
 * finally block: avoid them there.  At most AL__TRY_DEPTH AL_TRYs nest
 * in one function (the compiler says so too).
 *
 * How: each AL_TRY has three pc values of its own, __LINE__ plus
 * AL__PC_EXCEPT (an exception in the try block), AL__PC_HANDLER (one in a
 * handler: skip the other handlers) and AL__PC_FINEXIT (one in the
 * finally block: drop what was pending).  A raise sets pc and jumps back
 * to the body's switch, which lands on the matching case label of the
 * AL_TRY.  Nested blocks shadow al__try, so the nearest AL_TRY wins; the
 * nesting depth al__tdepth picks the frame's slot (al__try_slot) that
 * keeps what must outlive a suspension in a handler or finally block.
 */
#define AL__PC_EXCEPT 1000000
#define AL__PC_HANDLER 2000000
#define AL__PC_FINEXIT 3000000
#define AL__SLOT (&f->al__ts[al__tdepth - 1])
#define AL_TRY                                                                 \
    {                                                                          \
        enum { al__tid = __LINE__, al__tdepth = al__tdepth + 1 };              \
        _Static_assert(al__tdepth <= AL__TRY_DEPTH, "AL_TRY nested too deep"); \
        int al__in_handler AL__UNUSED = 0;                                     \
        if (0) {                                                               \
        case al__tid + AL__PC_EXCEPT:                                          \
            al__in_handler = 0;                                                \
        }                                                                      \
        if (0) {                                                               \
        case al__tid + AL__PC_HANDLER:                                         \
            al__in_handler = 1;                                                \
        }                                                                      \
        if (al_is_none(g->exc)) {                                              \
            enum { al__try = al__tid + AL__PC_EXCEPT };                        \
            AL__SLOT->in_finally = false;
#define AL_EXCEPT(...) AL__BY_ARGS(-, AL__EXCEPT2, AL__EXCEPT1, __VA_ARGS__)(__VA_ARGS__)
#define AL__EXCEPT1(T)                                                         \
        } else if (!al__in_handler && al__caught(g, AL__EXC_TYPE(T), &AL__SLOT->handled)) { \
            enum { al__try = al__tid + AL__PC_HANDLER, al__handling = al__tdepth };
#define AL__EXCEPT2(T, e)                                                      \
        AL__EXCEPT1(T)                                                         \
            enum { al__no_suspend = 1 };                                       \
            al_value e = AL__SLOT->handled;
#define AL_FINALLY                                                             \
        }                                                                      \
        {                                                                      \
            enum { al__try = al__tid + AL__PC_FINEXIT, al__handling = al__tdepth }; \
            al__finally_begin(g, AL__SLOT);
#define AL_END_TRY                                                             \
        }                                                                      \
        if (0) {                                                               \
        case al__tid + AL__PC_FINEXIT:                                         \
            AL__SLOT->in_finally = false;                                      \
        } else {                                                               \
            al__finally_end(g, AL__SLOT);                                      \
        }                                                                      \
        AL__CHECK();                                                           \
    }                                                                          \
    do {} while (0)
/* AL_HANDLED() is the exception the enclosing handler caught; AL_RERAISE()
 * raises it again, as a bare "raise" in an except clause does. */
#define AL_HANDLED() (AL__SLOT->handled)
#define AL_RERAISE() AL__RAISE1(AL__SLOT->handled)
/*
 * async with, for the runtime's context managers whose exit takes the
 * exception leaving the block and answers the one to propagate (None to
 * swallow it), as __aexit__ does:
 *
 *   AL_WITH(al_timeout_enter(&f->cm, vm, limit)) {     async with asyncio.timeout(limit):
 *       AL_AWAIT(work);                                     await work
 *   } AL_END_WITH(al_timeout_exit(&f->cm, AL_PENDING()));
 *
 * enter answers None or the exception entering raises.  AL_PENDING() is
 * the exception leaving the block (None if there is none, or if a return
 * is leaving it; a return goes on unless exit raises).  AL_WITH is a
 * statement of its own (not the body of an if without braces).  For a
 * lock, whose release answers an error of its own, write the twin's
 * try/finally with AL_CHECK(al_lock_release(...)) in the finally block.
 */
#define AL_WITH(enter) AL_CHECK(enter); AL_TRY
#define AL_END_WITH(exit_)                                                     \
    AL_FINALLY {                                                               \
        al__with_exit(AL__SLOT, (exit_));                                      \
    } AL_END_TRY
#define AL_PENDING() al__pending_exc(AL__SLOT)

/* AL__EXC_TYPE takes an exception type object (al_ValueError) or a
 * variable holding a pointer to one (al_exc_type_new's answer): an lvalue
 * either way, since the branch not taken must still compile. */
#define AL__EXC_TYPE(T)                                                        \
    _Generic((T), const al_exc_type *: (T), al_exc_type *: (T), default: &(T))

/* The helpers behind the forms (forms.c). */
al_signal al__await_gen(al_gen *g, al_gen *sub);
al_signal al__await_task(al_gen *g, al_task *t);
al_signal al__await_future(al_gen *g, al_future *fut);
al_signal al__yield_from(al_gen *g, al_gen *sub);
al_value al__await_finish(al_gen *g);
/* al__await_again: after a resume of an await of a future, must g yield
 * the still-pending future again (a second task stepped it)? */
bool al__await_again(al_gen *g);
al_value al__returning(void);
al_signal al__unwound(al_gen *g);
bool al__caught(al_gen *g, const al_exc_type *t, al_value *e);
void al__finally_begin(al_gen *g, al__try_slot *slot);
void al__finally_end(al_gen *g, al__try_slot *slot);
al_value al__pending_exc(const al__try_slot *slot);
void al__with_exit(al__try_slot *slot, al_value answer);
void al__chain_handled(al_gen *g, const al__try_slot *slot, bool raised);

#endif
