/* An async generator that ignored GeneratorExit on aclose() and is still
 * referenced when asyncio.run shuts down: shutdown_asyncgens closes it
 * once more, in a task of its own. */
#include "scenario.h"
#include "lesson_forms.h"

typedef struct stubborn_ag {
    al_asyncgen ag;
    al_value saved;
} stubborn_ag;

static al_signal stubborn_body(al_gen *g)
{
    stubborn_ag *f = (stubborn_ag *)g;
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_int(1));
    f->saved = g->exc; /* finally: */
    g->exc = al_none();
    AL_AYIELD(g, al_int(2));
    g->exc = f->saved;
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, false};

AL_ASYNC_DEF(main, stubborn_ag *st; al_anext_co next; al_value r;)
    f->st = (stubborn_ag *)al_asyncgen_new(vm, sizeof *f->st, &stubborn_def);
    AL_YIELD_FROM(g, al_anext(&f->next, &f->st->ag), f->r);
    al_print(vm, "first %v", f->r);
    AL_YIELD_FROM_TRY(g, al_aclose(&f->next, &f->st->ag), f->r);
    {
        al_value e = al_except(g, &al_RuntimeError);
        if (!al_is_none(e))
            al_print(vm, "aclose: %r", e);
    }
    AL_PROPAGATE(g);
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
