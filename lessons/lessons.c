/*
 * lessons.c: the lesson table, in lesson order.
 *
 * Lesson authors: declare your lesson here (extern const al_lesson
 * al_lesson_<slug>;) and add &al_lesson_<slug> to al_lessons[] in number
 * order; al_lesson_count follows by itself.  The NULL at the end is a
 * sentinel: C has no empty arrays, and it kept the table valid before any
 * lesson existed.
 */
#include "asynclab.h"

extern const al_lesson al_lesson_generators;
extern const al_lesson al_lesson_coroutines;
extern const al_lesson al_lesson_pipelines;
extern const al_lesson al_lesson_event_loop;
extern const al_lesson al_lesson_tasks;
extern const al_lesson al_lesson_gather;
extern const al_lesson al_lesson_queues;

const al_lesson *const al_lessons[] = {
    &al_lesson_generators,
    &al_lesson_coroutines,
    &al_lesson_pipelines,
    &al_lesson_event_loop,
    &al_lesson_tasks,
    &al_lesson_gather,
    &al_lesson_queues,
    NULL,
};

/* The count leaves out the sentinel, so adding a lesson above keeps it
 * right without a second edit. */
const size_t al_lesson_count = sizeof al_lessons / sizeof al_lessons[0] - 1;
