/*
 * param.c: what a lesson reads of its parameters.
 *
 * The CLI parses and checks "NAME=VALUE" settings (src/cli/params.c)
 * before a lesson runs; a lesson only reads the typed values back by
 * name.  These accessors sit below the CLI so that a lesson never calls
 * upward into the command line.  Each is O(number of parameters).
 */
#include "al_internal.h"

#include <string.h>

const char *const al_param_type_names[AL_PARAM__COUNT] = {
    [AL_PARAM_INT] = "int",
    [AL_PARAM_FLOAT] = "float",
    [AL_PARAM_BOOL] = "bool",
    [AL_PARAM_INT_LIST] = "int_list",
    [AL_PARAM_FLOAT_LIST] = "float_list",
};

static bool is_list(al_param_type t) { return t == AL_PARAM_INT_LIST || t == AL_PARAM_FLOAT_LIST; }

/* slot_of finds the parsed parameter called name.  A lesson asking for a
 * name or a type it did not define is a bug in the lesson, so it aborts. */
static size_t slot_of(const al_params *p, const char *name, bool (*ok)(al_param_type))
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->v[i].def->name, name) != 0)
            continue;
        if (!ok(p->v[i].def->type))
            al__die("parameter '%s' is read as the wrong type", name);
        return i;
    }
    al__die("parameter '%s' is not defined by this lesson", name);
}

static bool int_type(al_param_type t) { return t == AL_PARAM_INT; }
static bool float_type(al_param_type t) { return t == AL_PARAM_FLOAT; }
static bool bool_type(al_param_type t) { return t == AL_PARAM_BOOL; }

/* al_param_int returns the int parameter called name. */
int64_t al_param_int(const al_params *p, const char *name)
{
    return (int64_t)p->v[slot_of(p, name, int_type)].num;
}

/* al_param_float returns the float parameter called name. */
double al_param_float(const al_params *p, const char *name)
{
    return p->v[slot_of(p, name, float_type)].num;
}

/* al_param_bool returns the bool parameter called name. */
bool al_param_bool(const al_params *p, const char *name)
{
    return p->v[slot_of(p, name, bool_type)].num != 0;
}

/* al_param_list sets *items to the parsed items (ints are exact doubles)
 * and returns how many there are: at least 1. */
size_t al_param_list(const al_params *p, const char *name, const double **items)
{
    size_t i = slot_of(p, name, is_list);
    *items = p->v[i].list;
    return p->v[i].len;
}
