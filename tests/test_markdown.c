/*
 * test_markdown.c: unit tests of the terminal Markdown renderer
 * (src/views/markdown.c, declared in views.h).
 *
 * The expected layouts are written out by hand from the rules in
 * markdown.h: re-wrapping to the width with a hanging indent for list
 * items, code blocks kept line for line and indented by four, and escape
 * sequences only with colour on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"

/* R renders md and returns the text (the caller frees it). */
static char *R(const char *md, int width, bool color)
{
    al_buf b;
    al_buf_init(&b);
    al__render_markdown(&b, md, width, color);
    char *s = strdup(b.data ? b.data : "");
    al_buf_free(&b);
    return s;
}

/* widest is the most columns (UTF-8 code points, escapes skipped) of any
 * line of s. */
static size_t widest(const char *s)
{
    size_t best = 0, col = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\033') {
            while (*p && *p != 'm')
                p++;
            if (!*p)
                break;
        } else if (*p == '\n') {
            col = 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80 && ++col > best) {
            best = col;
        }
    }
    return best;
}

START_TEST(test_paragraph_wraps_to_width)
{
    char *s = R("one two three four five six seven eight nine ten eleven twelve\n"
                "thirteen fourteen.\n",
                20, false);
    ck_assert_str_eq(s, "one two three four\n"
                        "five six seven eight\n"
                        "nine ten eleven\n"
                        "twelve thirteen\n"
                        "fourteen.\n");
    free(s);
}
END_TEST

START_TEST(test_sentence_spacing_and_joined_lines)
{
    /* Two spaces after a sentence, kept from the source or added at a
     * joined line break after a full stop; one elsewhere. */
    char *s = R("A b.  C d.\nE f\ng.\n", 80, false);
    ck_assert_str_eq(s, "A b.  C d.  E f g.\n");
    free(s);
}
END_TEST

START_TEST(test_headings_without_colour)
{
    char *s = R("# Lesson 1: Title\n\nText.\n\n## The idea\n\n### Small\n", 80, false);
    ck_assert_str_eq(s, "Lesson 1: Title\n"
                        "===============\n"
                        "\n"
                        "Text.\n"
                        "\n"
                        "The idea\n"
                        "--------\n"
                        "\n"
                        "Small\n");
    free(s);
}
END_TEST

START_TEST(test_inline_markup_without_colour)
{
    /* The markers go; the words stay.  A lone star is just a star. */
    char *s = R("Use `await x` and *not* **this**, 2 * 3.\n", 80, false);
    ck_assert_str_eq(s, "Use await x and not this, 2 * 3.\n");
    ck_assert_ptr_null(strchr(s, '\033'));
    free(s);
}
END_TEST

START_TEST(test_inline_markup_with_colour)
{
    char *s = R("Use `await x` and **this**.\n", 80, true);
    ck_assert_ptr_nonnull(strstr(s, "\033[33mawait x"));  /* code: yellow */
    ck_assert_ptr_nonnull(strstr(s, "\033[1mthis"));      /* bold */
    ck_assert_ptr_null(strchr(s, '`'));
    ck_assert_ptr_null(strstr(s, "**"));
    /* A style ends with a reset, so colour never leaks into what follows. */
    ck_assert_ptr_nonnull(strstr(s, "\033[1mthis\033[0m.\n"));
    free(s);
    s = R("Ends in `code`\n", 80, true);
    ck_assert_str_eq(s, "Ends in \033[0m\033[33mcode\033[0m\n");
    free(s);
}
END_TEST

START_TEST(test_list_hanging_indent)
{
    char *s = R("Intro:\n\n- **(a) First.**  alpha beta gamma delta\n"
                "  epsilon zeta.\n- Second.\n",
                24, false);
    ck_assert_str_eq(s, "Intro:\n"
                        "\n"
                        "- (a) First.  alpha beta\n"
                        "  gamma delta epsilon\n"
                        "  zeta.\n"
                        "- Second.\n");
    free(s);
}
END_TEST

START_TEST(test_code_block_kept_and_coloured)
{
    const char *md = "```python\n"
                     "async def main():  # a very long comment that is wider than the width\n"
                     "    print(\"hi\", 42)\n"
                     "```\n";
    /* a line too wide is folded at spaces, never cut: code goes on
     * after a ↪, in the colour in force where it broke */
    char *plain = R(md, 40, false);
    ck_assert_str_eq(plain, "    async def main():  # a very long\n"
                            "      ↪ comment that is wider than the\n"
                            "      ↪ width\n"
                            "        print(\"hi\", 42)\n");
    free(plain);
    char *s = R(md, 40, true);
    ck_assert_ptr_nonnull(strstr(s, "\033[0m\n      \033[2m↪\033[0m \033[90mcomment that"));
    ck_assert_ptr_nonnull(strstr(s, "\033[35masync\033[0m \033[35mdef\033[0m \033[1;34mmain"));
    ck_assert_ptr_nonnull(strstr(s, "\033[90m# a very long"));
    ck_assert_ptr_nonnull(strstr(s, "\033[32m\"hi\""));
    ck_assert_ptr_nonnull(strstr(s, "\033[33m42"));
    free(s);
}
END_TEST

/* A twin's parameter table: a row too wide puts its help on the next
 * line, under the second column; a comment goes on as a comment. */
START_TEST(test_code_comment_table_folds)
{
    char *plain = R("```python\n"
                    "#   items   int  4  0  12  items each producer puts, one by one\n"
                    "# a comment of prose that goes on and on past the width\n"
                    "```\n", 52, false);
    ck_assert_str_eq(plain, "    #   items   int  4  0  12\n"
                            "    #           items each producer puts, one by one\n"
                            "    # a comment of prose that goes on and on past\n"
                            "    # the width\n");
    free(plain);
}
END_TEST

START_TEST(test_triple_quoted_string_spans_lines)
{
    char *s = R("```python\nx = \"\"\"one\ntwo\"\"\" + y\n```\n", 80, true);
    ck_assert_ptr_nonnull(strstr(s, "\033[32m\"\"\"one\033[0m"));
    ck_assert_ptr_nonnull(strstr(s, "\033[32mtwo\"\"\"\033[0m + y"));
    free(s);
}
END_TEST

START_TEST(test_width_respected_with_utf8)
{
    char *s = R("main#1 → readers#2 → leerTwitter#3 → sleep#4 delegations, and "
                "each sleep suspends the whole chain, 2 × 1.5 + 2 × 1 = 5 s.\n",
                30, true);
    ck_assert_uint_le(widest(s), 30);
    free(s);
}
END_TEST

START_TEST(test_narrow_width_and_long_word)
{
    /* A width under 20 counts as 20; a word wider than that stands alone. */
    char *s = R("a supercalifragilisticexpialidocious b\n", 5, false);
    ck_assert_str_eq(s, "a\nsupercalifragilisticexpialidocious\nb\n");
    free(s);
}
END_TEST

START_TEST(test_quote_and_table)
{
    char *s = R("> quoted\n> text\n\n| a | b |\n|---|---|\n", 80, false);
    ck_assert_str_eq(s, "| quoted text\n\n| a | b |\n|---|---|\n");
    free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("markdown");
    TCase *t = tcase_create("render");
    tcase_add_test(t, test_paragraph_wraps_to_width);
    tcase_add_test(t, test_sentence_spacing_and_joined_lines);
    tcase_add_test(t, test_headings_without_colour);
    tcase_add_test(t, test_inline_markup_without_colour);
    tcase_add_test(t, test_inline_markup_with_colour);
    tcase_add_test(t, test_list_hanging_indent);
    tcase_add_test(t, test_code_block_kept_and_coloured);
    tcase_add_test(t, test_code_comment_table_folds);
    tcase_add_test(t, test_triple_quoted_string_spans_lines);
    tcase_add_test(t, test_width_respected_with_utf8);
    tcase_add_test(t, test_narrow_width_and_long_word);
    tcase_add_test(t, test_quote_and_table);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
