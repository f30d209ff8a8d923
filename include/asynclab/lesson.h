/*
 * asynclab/lesson.h: the lesson contract, for lesson authors and the CLI:
 * parameters, a lesson's description, al_run_main, the lesson table, and
 * the forms of a lesson's plain code and entry (AL_EXPECT, AL_PARTS,
 * AL_LESSON) and its comprehensions (al_coros, al_tasks).  The forms of
 * its functions (AL_DEF, AL_AWAIT, AL_TRY...) are in lesson_forms.h.
 */
#ifndef ASYNCLAB_LESSON_H
#define ASYNCLAB_LESSON_H

#include "asynclab/core.h"
#include "asynclab/asyncio.h" /* al_future, for al_tasks */

/* ------------------------------------------------------------------------ */
/* 8. Lessons and parameters                                                 */
/* ------------------------------------------------------------------------ */

typedef enum {
    AL_PARAM_INT,
    AL_PARAM_FLOAT,
    AL_PARAM_BOOL,
    AL_PARAM_INT_LIST,
    AL_PARAM_FLOAT_LIST,
    AL_PARAM__COUNT
} al_param_type;

extern const char *const al_param_type_names[AL_PARAM__COUNT];

/* One lesson parameter.  min and max bound a number or each list item;
 * max_len bounds a list's length (min 1). */
typedef struct al_param_def {
    const char *name;
    al_param_type type;
    const char *def;  /* default, spelled as on the command line */
    double min, max;
    size_t max_len;
    const char *help;
} al_param_def;

#define AL_MAX_PARAMS 12
#define AL_MAX_LIST 64

/* Parsed parameter values, in the order of the lesson's definitions. */
typedef struct al_params {
    size_t n;
    struct {
        const al_param_def *def;
        double num;           /* int, float or bool (0/1) */
        size_t len;           /* list length */
        double list[AL_MAX_LIST];
    } v[AL_MAX_PARAMS];
} al_params;

typedef enum {
    AL_OK = 0,
    AL_EUSAGE,      /* bad command line: exit 2 */
    AL_EFAIL,       /* the run failed (deadlock, uncaught error): exit 1 */
    AL_EIO,         /* output could not be written */
} al_status;

struct al_lesson;
typedef al_status (*al_lesson_fn)(al_vm *vm, const al_params *p);

typedef struct al_lesson {
    int number;
    const char *slug;       /* e.g. "generators" */
    const char *title;      /* e.g. "Generators" */
    const char *summary;    /* one line */
    const char *concept;    /* the header line of a run */
    const al_param_def *params;
    size_t nparams;
    al_lesson_fn run;
    /* a validation hook for limits that span parameters (may be NULL);
     * writes one line to err and returns false when the setting is refused */
    bool (*check)(const al_params *p, char *err, size_t errlen);
} al_lesson;

/* al_unexpected is how a lesson stops when the runtime answers in a way
 * CPython would not (what: the operation, v: its answer): a runtime bug,
 * after which the output can no longer match the twin.  It records a note
 * and returns AL_EFAIL. */
al_status al_unexpected(al_vm *vm, const char *what, al_value v);

/* al_run_main is a lesson's "asyncio.run(main())": AL_OK if main
 * returned, AL_EFAIL if it raised or the run deadlocked (the trace holds
 * the exception or the deadlock for the CLI to report). */
al_status al_run_main(al_vm *vm, al_gen *main);

/* The lesson table, in order, and its embedded texts. */
extern const al_lesson *const al_lessons[];
extern const size_t al_lesson_count;
const char *al_lesson_twin(const al_lesson *l);      /* NN-slug.py */
const char *al_lesson_narrative(const al_lesson *l); /* NN-slug.md */

/* al_param_int, al_param_float, al_param_bool and al_param_list read a
 * parsed parameter by name; asking for a name the lesson does not define
 * aborts, since that is a bug in the lesson. */
int64_t al_param_int(const al_params *p, const char *name);
double al_param_float(const al_params *p, const char *name);
bool al_param_bool(const al_params *p, const char *name);
size_t al_param_list(const al_params *p, const char *name, const double **items);

/* ---- a lesson's plain code and its entry ---- */

/* AL_EXPECT(call, sig, v) runs a call that answers an al_signal (such as
 * al_gen_next(gen, &v)) and makes the lesson stop with al_unexpected
 * unless it answered sig: CPython would have, so anything else is a
 * runtime bug after which the output could not match the twin.  It
 * returns from the enclosing function, which has vm in scope. */
#define AL_EXPECT(call, sig, v)                                                \
    do {                                                                       \
        if ((call) != (sig))                                                   \
            return al_unexpected(vm, #call, (v));                              \
    } while (0)

/* al_lesson_part is one part of a lesson's plain code, "== (a) ==" and the
 * like; AL_PARTS(vm, a, b, ...) runs the parts in order and stops at the
 * first that does not answer AL_OK. */
typedef al_status (*al_lesson_part)(al_vm *vm);
al_status al_run_parts(al_vm *vm, const al_lesson_part *parts, size_t n);
#define AL_PARTS(vm, ...)                                                      \
    al_run_parts((vm), (const al_lesson_part[]){__VA_ARGS__},                  \
                 sizeof (al_lesson_part[]){__VA_ARGS__} / sizeof(al_lesson_part))

/* AL_LESSON(params, run, .title = ..., .summary = ..., .concept = ...)
 * defines the lesson.  Its number and slug come from its folder's name
 * (NN-slug), which the build passes in; so does the symbol the generated
 * lesson table links to.  .check may be given too. */
#define AL_LESSON(params_, run_, ...)                                          \
    const al_lesson AL_LESSON_SYMBOL = {                                       \
        .number = AL_LESSON_NUMBER,                                            \
        .slug = AL_LESSON_SLUG,                                                \
        .params = (params_),                                                   \
        .nparams = sizeof(params_) / sizeof((params_)[0]),                     \
        .run = (run_),                                                         \
        __VA_ARGS__}

/* ---- comprehensions of coroutines and tasks (forms.c) ---- */

/* al_make_fn makes the i-th coroutine of a comprehension, typically one
 * line: return AL_CALL(fetch, .i = (int64_t)i, .delay = delays[i]); */
typedef al_gen *(*al_make_fn)(al_vm *vm, size_t i);
/* al_coros is [make(i) for i in range(n)]: n coroutine objects, made in
 * order, none of them run (what gather(*coros) takes).  O(n). */
al_gen **al_coros(al_vm *vm, size_t n, al_make_fn make);
/* al_tasks is [create_task(make(i), name=name_fmt % i) for i in range(n)]:
 * each coroutine is made and wrapped in a task before the next, as the
 * twin's list comprehension does; name_fmt is an al_format string taking
 * i as %D, or NULL to keep the names Task-N.  It answers the tasks'
 * futures, in order (what gather and wait take).  O(n). */
al_future **al_tasks(al_vm *vm, size_t n, al_make_fn make, const char *name_fmt);

#endif
