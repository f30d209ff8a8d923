/*
 * markdown.c: a lesson's narrative, rendered for a terminal.
 *
 * Only the Markdown the narratives use: ATX headings, paragraphs, lists
 * ("-", "*", "+" or "1."), block quotes, pipe tables (kept verbatim),
 * fenced code blocks, and inline `code`, *emphasis* and **bold** with
 * backslash escapes.  Anything else prints as the text it is, which is
 * what Markdown itself promises.
 *
 * A block's text is first laid out as visible bytes with one style byte
 * per byte (no escape sequence inside), so that wrapping can count
 * columns directly; escapes are written only when the style changes.
 * Every pass is linear in the input.
 */
#include "views.h"

#include <ctype.h>
#include <string.h>

/* Inline styles, OR-ed into one byte per visible byte. */
enum {
    ST_BOLD = 1,
    ST_EM = 2,
    ST_CODE = 4,
    ST_HEAD = 8,  /* a heading of level 2 and below */
    ST_TITLE = 16, /* a level-1 heading */
    ST_QUOTE = 32,
};

#define SGR_RESET "\033[0m"

/* Python tokens' colours in code blocks. */
#define PY_KEYWORD "\033[35m"
#define PY_STRING "\033[32m"
#define PY_COMMENT "\033[90m"
#define PY_NUMBER "\033[33m"
#define PY_CONST "\033[33m"
#define PY_DEFNAME "\033[1;34m"
#define PY_DECORATOR "\033[36m"
#define PY_BUILTIN "\033[36m"

typedef struct md {
    al_buf *out;
    size_t width;
    bool color;
    al_buf src;   /* the current block's source, lines joined by '\n' */
    al_buf text;  /* its visible text */
    al_buf style; /* one ST_* byte per byte of text */
} md;

/* ---- lines ---- */

static const char *line_end(const char *p)
{
    const char *e = strchr(p, '\n');
    return e ? e : p + strlen(p);
}

static const char *next_line(const char *p)
{
    const char *e = line_end(p);
    return *e ? e + 1 : e;
}

static const char *skip_spaces(const char *p, const char *end)
{
    while (p < end && *p == ' ')
        p++;
    return p;
}

static bool is_blank(const char *p)
{
    const char *e = line_end(p);
    return skip_spaces(p, e) == e;
}

static bool starts(const char *p, const char *prefix) { return strncmp(p, prefix, strlen(prefix)) == 0; }

/* heading_level is the level of an ATX heading line ("## x": 2), or 0. */
static int heading_level(const char *p)
{
    int n = 0;
    while (p[n] == '#')
        n++;
    return n >= 1 && n <= 6 && (p[n] == ' ' || p[n] == '\n' || !p[n]) ? n : 0;
}

/* item_marker is the length of a list marker with its space ("- ",
 * "12. ") at p, or 0 if the line at p is not a list item. */
static size_t item_marker(const char *p)
{
    if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
        return 2;
    size_t n = 0;
    while (isdigit((unsigned char)p[n]))
        n++;
    return n > 0 && n < 10 && (p[n] == '.' || p[n] == ')') && p[n + 1] == ' ' ? n + 2 : 0;
}

/* starts_block says whether the line at p begins a block other than a
 * paragraph, which therefore ends the paragraph before it. */
static bool starts_block(const char *p)
{
    const char *q = skip_spaces(p, line_end(p));
    return heading_level(q) || starts(q, "```") || *q == '>' || *q == '|' || item_marker(q);
}

/* ---- styled text ---- */

static void put(md *m, const char *s, size_t n, unsigned st)
{
    al_buf_putn(&m->text, s, n);
    for (size_t i = 0; i < n; i++)
        al_buf_putc(&m->style, (char)st);
}

/* set_style switches the terminal from style *cur to st. */
static void set_style(md *m, unsigned *cur, unsigned st)
{
    if (st == *cur)
        return;
    *cur = st;
    if (!m->color)
        return;
    al_buf_puts(m->out, SGR_RESET);
    if (st & ST_TITLE)
        al_buf_puts(m->out, "\033[1;4;35m");
    if (st & ST_HEAD)
        al_buf_puts(m->out, "\033[1;36m");
    if (st & ST_BOLD)
        al_buf_puts(m->out, "\033[1m");
    if (st & ST_EM)
        al_buf_puts(m->out, "\033[3m");
    if (st & ST_CODE)
        al_buf_puts(m->out, "\033[33m");
    if (st & ST_QUOTE)
        al_buf_puts(m->out, "\033[2m");
}

/* closer_follows says whether delimiter d closes later in s[i..n): it
 * appears there right after a non-space (i >= 1). */
static bool closer_follows(const char *s, size_t i, size_t n, const char *d)
{
    size_t dn = strlen(d);
    for (; i + dn <= n; i++) {
        if (memcmp(s + i, d, dn) != 0 || isspace((unsigned char)s[i - 1]))
            continue;
        if (dn == 1 && i + 1 < n && s[i + 1] == '*')
            i++; /* "**" is not a single '*' */
        else
            return true;
    }
    return false;
}

/* space lays out a run of spaces and newlines starting at s[i] as one
 * gap: two spaces after a sentence's end or where the source had two,
 * one otherwise.  Returns the index after the run. */
static size_t space(md *m, const char *s, size_t i, size_t n, unsigned st)
{
    size_t j = i, sp = 0;
    bool nl = false;
    for (; j < n && (s[j] == ' ' || s[j] == '\n'); j++, sp++)
        nl |= s[j] == '\n';
    bool sentence = i > 0 && strchr(".?!", s[i - 1]);
    put(m, "  ", (sp >= 2 && !nl) || (nl && sentence) ? 2 : 1, st);
    return j;
}

/* code_span lays out `...` starting at s[i] (a backtick); a backtick
 * that is never closed is itself.  Returns the index after it. */
static size_t code_span(md *m, const char *s, size_t i, size_t n, unsigned st)
{
    const char *close = memchr(s + i + 1, '`', n - i - 1);
    if (!close) {
        put(m, "`", 1, st);
        return i + 1;
    }
    size_t end = (size_t)(close - s);
    for (size_t j = i + 1; j < end; j++)
        put(m, s[j] == '\n' ? " " : s + j, 1, st | ST_CODE);
    return end + 1;
}

/* inline_text lays out s[0..n) with its inline markup, on top of base. */
static void inline_text(md *m, const char *s, size_t n, unsigned base)
{
    unsigned st = base;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == ' ' || c == '\n') {
            i = space(m, s, i, n, st);
        } else if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
            put(m, s + i + 1, 1, st);
            i += 2;
        } else if (c == '`') {
            i = code_span(m, s, i, n, st);
        } else if (c == '*' && i + 1 < n && s[i + 1] == '*' &&
                   ((st & ST_BOLD) || (i + 2 < n && !isspace((unsigned char)s[i + 2]) &&
                                       closer_follows(s, i + 3, n, "**")))) {
            st ^= ST_BOLD;
            i += 2;
        } else if (c == '*' && ((st & ST_EM) || (i + 1 < n && !isspace((unsigned char)s[i + 1]) &&
                                                 closer_follows(s, i + 2, n, "*")))) {
            st ^= ST_EM;
            i++;
        } else {
            put(m, s + i, 1, st);
            i++;
        }
    }
}

/* emit writes text[from..to) with its styles. */
static void emit(md *m, size_t from, size_t to, unsigned *cur)
{
    for (size_t i = from; i < to; i++) {
        set_style(m, cur, (unsigned char)m->style.data[i]);
        al_buf_putc(m->out, m->text.data[i]);
    }
}

/* wrap writes the laid-out text in lines of at most width columns,
 * breaking at spaces (al__wrap_line): first before the first line, rest
 * before the others (plain text of the same width, for a hanging
 * indent).  A word wider than a line gets a line of its own.  Empties
 * the text. */
static void wrap(md *m, const char *first, const char *rest)
{
    const char *t = m->text.data ? m->text.data : "", *lead = first;
    size_t n = m->text.len, i = 0;
    unsigned cur = 0;
    while (n > 0 && t[n - 1] == ' ')
        n--;
    while (i < n && t[i] == ' ')
        i++;
    do {
        size_t used = al_utf8_cols(lead, strlen(lead)), next;
        size_t len = al__wrap_line(t + i, n - i, m->width > used ? m->width - used : 0, &next);
        al_buf_puts(m->out, lead);
        emit(m, i, i + len, &cur);
        set_style(m, &cur, 0);
        al_buf_putc(m->out, '\n');
        i += next;
        lead = rest;
    } while (i < n);
    m->text.len = m->style.len = 0;
}

/* gather joins the block's lines from p, each stripped of up to strip
 * leading bytes and of leading spaces, while more(line) holds; returns
 * the first line not taken. */
static const char *gather(md *m, const char *p, size_t strip, bool (*more)(const char *))
{
    m->src.len = 0;
    for (bool first = true; *p && (first || more(p)); first = false, p = next_line(p)) {
        const char *e = line_end(p), *q = p;
        for (size_t k = 0; k < strip && q < e; k++)
            q++;
        q = skip_spaces(q, e);
        if (!first)
            al_buf_putc(&m->src, '\n');
        al_buf_putn(&m->src, q, (size_t)(e - q));
    }
    return p;
}

/* ---- blocks ---- */

static bool continues_paragraph(const char *p) { return !is_blank(p) && !starts_block(p); }

static const char *paragraph(md *m, const char *p)
{
    p = gather(m, p, 0, continues_paragraph);
    inline_text(m, m->src.data, m->src.len, 0);
    wrap(m, "", "");
    return p;
}

static const char *heading(md *m, const char *p)
{
    int level = heading_level(p);
    const char *e = line_end(p), *q = skip_spaces(p + level, e);
    inline_text(m, q, (size_t)(e - q), level == 1 ? ST_TITLE : ST_HEAD);
    size_t w = al_utf8_cols(m->text.data, m->text.len);
    wrap(m, "", "");
    if (!m->color && level <= 2) {
        /* Without colour, the two top levels are underlined as in setext. */
        for (size_t i = 0; i < w && i < m->width; i++)
            al_buf_putc(m->out, level == 1 ? '=' : '-');
        al_buf_putc(m->out, '\n');
    }
    return next_line(p);
}

static bool continues_quote(const char *p) { return *skip_spaces(p, line_end(p)) == '>'; }

static const char *quote(md *m, const char *p)
{
    const char *end = gather(m, p, 0, continues_quote);
    /* gather left each line's '>': drop it and one space after it. */
    al_buf body;
    al_buf_init(&body);
    for (size_t i = 0; i < m->src.len; i++) {
        bool at_start = i == 0 || m->src.data[i - 1] == '\n';
        if (at_start && m->src.data[i] == '>') {
            if (i + 1 < m->src.len && m->src.data[i + 1] == ' ')
                i++;
            continue;
        }
        al_buf_putc(&body, m->src.data[i]);
    }
    inline_text(m, body.data ? body.data : "", body.len, ST_QUOTE);
    al_buf_free(&body);
    const char *bar = m->color ? "\033[2m\xe2\x94\x82\033[0m " : "| ";
    wrap(m, bar, bar);
    return end;
}

static bool continues_table(const char *p) { return *skip_spaces(p, line_end(p)) == '|'; }

/* A table keeps its lines: re-wrapping would break its columns. */
static const char *table(md *m, const char *p)
{
    for (bool first = true; *p && (first || continues_table(p)); first = false) {
        const char *e = line_end(p);
        al_buf_putn(m->out, p, (size_t)(e - p));
        al_buf_putc(m->out, '\n');
        p = next_line(p);
    }
    return p;
}

static bool continues_item(const char *p)
{
    return !is_blank(p) && !starts_block(p);
}

/* list writes consecutive items, each wrapped with a hanging indent
 * under its marker; an item's own continuation lines join its text. */
static const char *list(md *m, const char *p)
{
    while (*p && !is_blank(p)) {
        const char *e = line_end(p), *q = skip_spaces(p, e);
        size_t indent = (size_t)(q - p), mk = item_marker(q);
        if (!mk)
            return p;
        char first[64], rest[64];
        size_t ind = indent < 16 ? indent : 16;
        if (q[mk - 2] == ' ' && (*q == '-' || *q == '*' || *q == '+'))
            snprintf(first, sizeof first, "%*s%s ", (int)ind, "",
                     m->color ? "\033[36m\xe2\x80\xa2\033[0m" : "-");
        else
            snprintf(first, sizeof first, "%*s%.*s", (int)ind, "", (int)mk, q);
        snprintf(rest, sizeof rest, "%*s", (int)(ind + mk), "");
        p = gather(m, q + mk, 0, continues_item);
        inline_text(m, m->src.data ? m->src.data : "", m->src.len, 0);
        wrap(m, first, rest);
    }
    return p;
}

/* ---- fenced code, coloured as Python ---- */

static bool in_list(const char *const *words, const char *s, size_t n)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(*words, s, n) == 0)
            return true;
    return false;
}

static const char *const py_keywords[] = {
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", NULL,
};
static const char *const py_consts[] = {"True", "False", "None", NULL};
static const char *const py_builtins[] = {
    "print", "len", "range", "int", "float", "str", "dict", "list", "tuple", "set", "type",
    "isinstance", "sorted", "enumerate", "zip", "sum", "min", "max", "repr", "next", "iter",
    "super", "object", NULL,
};

static void colored(md *m, const char *sgr, const char *s, size_t n)
{
    if (m->color && sgr)
        al_buf_puts(m->out, sgr);
    al_buf_putn(m->out, s, n);
    if (m->color && sgr)
        al_buf_puts(m->out, SGR_RESET);
}

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* string_end is the index after the string whose quote q opens at s[i]
 * (three of them if triple), or n if the line ends first. */
static size_t string_end(const char *s, size_t i, size_t n, char q, bool triple)
{
    for (size_t j = i; j < n; j++) {
        if (s[j] == '\\') {
            j++;
        } else if (s[j] == q && (!triple || (j + 2 < n && s[j + 1] == q && s[j + 2] == q))) {
            return j + (triple ? 3 : 1);
        }
    }
    return n;
}

/* py_string colours the string literal whose opening quote is s[i] (its
 * prefix letters, if any, start at from); a triple-quoted string still
 * open at the line's end sets *open to its quote.  Returns the index
 * after it. */
static size_t py_string(md *m, const char *s, size_t from, size_t i, size_t n, char *open)
{
    char q = s[i];
    bool triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
    size_t end = string_end(s, i + (triple ? 3 : 1), n, q, triple);
    bool closed = end < n || (end == n && n >= 1 && s[n - 1] == q && end > i + (triple ? 3 : 1));
    if (triple && !closed)
        *open = q;
    colored(m, PY_STRING, s + from, end - from);
    return end;
}

/* py_word colours an identifier, keyword or number at s[i]; *defname says
 * the previous word was def or class.  Returns the index after it. */
static size_t py_word(md *m, const char *s, size_t i, size_t n, bool *defname)
{
    size_t j = i;
    while (j < n && (ident_char(s[j]) || (isdigit((unsigned char)s[i]) && s[j] == '.')))
        j++;
    size_t len = j - i;
    static const char *const defining[] = {"def", "class", NULL};
    const char *sgr = NULL;
    bool names_next = false;
    if (isdigit((unsigned char)s[i])) {
        sgr = PY_NUMBER;
    } else if (*defname) {
        sgr = PY_DEFNAME;
    } else if (in_list(py_keywords, s + i, len)) {
        sgr = PY_KEYWORD;
        names_next = in_list(defining, s + i, len);
    } else if (in_list(py_consts, s + i, len)) {
        sgr = PY_CONST;
    } else if (in_list(py_builtins, s + i, len)) {
        sgr = PY_BUILTIN;
    }
    *defname = names_next;
    colored(m, sgr, s + i, len);
    return j;
}

/* py_line writes one line of Python source, coloured; *open carries a
 * triple-quoted string from one line to the next. */
static void py_line(md *m, const char *s, size_t n, char *open)
{
    size_t i = 0;
    bool defname = false;
    if (*open) {
        i = string_end(s, 0, n, *open, true);
        bool closed = i < n || (n >= 3 && memcmp(s + n - 3, (char[]){*open, *open, *open}, 3) == 0);
        colored(m, PY_STRING, s, i);
        if (closed)
            *open = 0;
    }
    size_t lead = (size_t)(skip_spaces(s, s + n) - s);
    while (i < n) {
        char c = s[i];
        size_t j = i;
        while (j < n && j - i < 2 && strchr("rRbBfFuU", s[j]))
            j++;
        if (c == '#') {
            colored(m, PY_COMMENT, s + i, n - i);
            return;
        } else if (j < n && (s[j] == '\'' || s[j] == '"') && (i == 0 || !ident_char(s[i - 1]))) {
            i = py_string(m, s, i, j, n, open);
        } else if (c == '@' && i == lead) {
            for (j = i + 1; j < n && (ident_char(s[j]) || s[j] == '.'); j++)
                ;
            colored(m, PY_DECORATOR, s + i, j - i);
            i = j;
        } else if (ident_char(c)) {
            i = py_word(m, s, i, n, &defname);
        } else {
            al_buf_putc(m->out, c);
            i++;
        }
    }
}

/* fold_cont starts the continuation of code line s (n bytes) too wide for
 * the terminal.  Code goes on indented after a dim ↪, so no one takes the
 * fold for a line of the program; a comment goes on as a comment, under
 * its text; a table row's last column (a twin's help) goes whole on the
 * next line, under the second.  *first_cols: the first line's width. */
static void fold_cont(const md *m, const char *s, size_t n, al_buf *cont, size_t *first_cols)
{
    size_t lead = (size_t)(skip_spaces(s, s + n) - s);
    al_buf_printf(cont, "    %*s", (int)lead, "");
    if (lead >= n || s[lead] != '#') {
        al_buf_printf(cont, "  %s↪%s ", m->color ? "\033[2m" : "", m->color ? SGR_RESET : "");
        return;
    }
    size_t text = (size_t)(skip_spaces(s + lead + 1, s + n) - s), first = 0, last = 0, gaps = 0;
    for (size_t i = text; i + 2 < n; i++)
        if (s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] != ' ') {
            gaps++;
            first = first ? first : i + 2;
            last = i + 2;
        }
    size_t hang = text;
    if (gaps >= 3 && 4 + first + 20 <= m->width) {
        hang = first;
        *first_cols = 4 + last;
    }
    al_buf_printf(cont, "%s#%*s%s", m->color ? PY_COMMENT : "", (int)(hang - lead - 1), "",
                  m->color ? SGR_RESET : "");
}

/* fold_code folds the code line s (n bytes) just written from at. */
static void fold_code(md *m, size_t at, const char *s, size_t n)
{
    if (4 + al_utf8_cols(s, n) <= m->width)
        return;
    al_buf line, cont;
    al_buf_init(&line);
    al_buf_init(&cont);
    al_buf_putn(&line, m->out->data + at, m->out->len - at);
    m->out->len = at;
    size_t first = m->width;
    fold_cont(m, s, n, &cont, &first);
    al__fold_styled(m->out, line.data, line.len, first, m->width, cont.data);
    al_buf_free(&line);
    al_buf_free(&cont);
}

/* code_block writes a fenced block's lines, indented by four columns;
 * a line wider than the terminal is folded (fold_code), not re-wrapped;
 * the fence's info string picks Python colouring. */
static const char *code_block(md *m, const char *p)
{
    const char *e = line_end(p), *info = skip_spaces(p, e) + 3;
    size_t info_len = (size_t)(e - info);
    bool python = (info_len == 6 && memcmp(info, "python", 6) == 0) ||
                  (info_len == 2 && memcmp(info, "py", 2) == 0);
    char open = 0;
    for (p = next_line(p); *p && !starts(skip_spaces(p, line_end(p)), "```"); p = next_line(p)) {
        e = line_end(p);
        size_t at = m->out->len;
        al_buf_puts(m->out, "    ");
        if (python)
            py_line(m, p, (size_t)(e - p), &open);
        else
            colored(m, "\033[33m", p, (size_t)(e - p));
        fold_code(m, at, p, (size_t)(e - p));
        al_buf_putc(m->out, '\n');
    }
    return *p ? next_line(p) : p;
}

/* ---- the document ---- */

/* al__render_markdown: see markdown.h. */
void al__render_markdown(al_buf *out, const char *text, int width, bool color)
{
    md m = {.out = out, .width = width < 20 ? 20 : (size_t)width, .color = color};
    al_buf_init(&m.src);
    al_buf_init(&m.text);
    al_buf_init(&m.style);
    bool first = true;
    for (const char *p = text; *p;) {
        if (is_blank(p)) {
            p = next_line(p);
            continue;
        }
        if (!first)
            al_buf_putc(out, '\n');
        first = false;
        const char *q = skip_spaces(p, line_end(p));
        if (starts(q, "```"))
            p = code_block(&m, p);
        else if (heading_level(q))
            p = heading(&m, q);
        else if (*q == '>')
            p = quote(&m, p);
        else if (*q == '|')
            p = table(&m, p);
        else if (item_marker(q))
            p = list(&m, p);
        else
            p = paragraph(&m, p);
    }
    al_buf_free(&m.src);
    al_buf_free(&m.text);
    al_buf_free(&m.style);
}
