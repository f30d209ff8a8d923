/*
 * main.c: the process boundary: signals in, exit status out.
 *
 * Everything else lives in cli.c.  This file decides only what the shell
 * sees: 0 for success, 2 for a mistake on the command line, 1 for a run
 * that failed or output that could not be written, and a quiet 0 when the
 * reader of a pipe has gone away (`asynclab run 1 | head -3`), because a
 * reader that has seen enough is not an error.  A live or paced run that
 * Ctrl-C stopped ends by SIGINT itself once it has tidied up, so the
 * shell reports 130 and a shell loop around it stops as well.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

/* report writes the runtime's reports on stderr, where CPython writes
 * its own. */
static void report(void *ctx, const char *text)
{
    (void)ctx;
    fputs(text, stderr);
}

int main(int argc, char **argv)
{
    al_set_report(report, NULL);
    /* Without this a closed pipe kills us with SIGPIPE mid-line; ignored,
     * the write fails with EPIPE and the CLI stops at its next line. */
    signal(SIGPIPE, SIG_IGN);
    int werr = 0;
    al_status st = al__cli_main(argc, argv, &werr);
    if (al__cli_stopped()) {
        fflush(NULL);
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        return 130; /* only if SIGINT is blocked: the same status */
    }
    switch (st) {
    case AL_OK: return 0;
    case AL_EUSAGE: return 2;
    case AL_EFAIL: return 1;
    case AL_EIO:
        if (werr == EPIPE)
            return 0;
        fprintf(stderr, "asynclab: cannot write to standard output: %s\n", strerror(werr));
        return 1;
    }
    return 1;
}
