/*
 * value.c: the small tagged values lessons compute with, and how Python
 * prints them.  str() and repr() must match CPython to the byte, since a
 * lesson's output is compared with its Python twin's.
 */
#include "al_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* ---- text buffers ---- */

/* al_buf_init makes an empty buffer; al_buf_free releases it. */
void al_buf_init(al_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void al_buf_free(al_buf *b)
{
    free(b->data);
    al_buf_init(b);
}

static void buf_reserve(al_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        al__die("out of memory (buffer of %zu bytes)", cap);
    b->data = p;
    b->cap = cap;
}

/* al_buf_putn appends n bytes and keeps the text NUL-terminated.  s may
 * be NULL when n is 0 (an empty buffer's data): memcpy may not be given a
 * null pointer even for no bytes.  Amortised O(n). */
void al_buf_putn(al_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void al_buf_puts(al_buf *b, const char *s) { al_buf_putn(b, s, strlen(s)); }
void al_buf_putc(al_buf *b, char c) { al_buf_putn(b, &c, 1); }

/* al_buf_vprintf appends vprintf output, formatting straight into the
 * buffer and retrying once with the exact room if it did not fit. */
void al_buf_vprintf(al_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    buf_reserve(b, 64);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n >= 0 && (size_t)n >= b->cap - b->len) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
    }
    va_end(again);
    if (n < 0)
        b->data[b->len] = '\0';
    else
        b->len += (size_t)n;
}

/* al_buf_printf is al_buf_vprintf with the arguments given. */
void al_buf_printf(al_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    al_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* ---- constructors ---- */

/* al_str_new copies n bytes into the arena as a str value. */
al_value al_str_new(al_vm *vm, const char *s, size_t n)
{
    al_str *str = al_alloc(vm, sizeof *str + n + 1);
    str->len = n;
    memcpy(str->data, s, n);
    str->data[n] = '\0';
    al_value v = {.type = AL_STR, .u.s = str};
    return v;
}

al_value al_cstr(al_vm *vm, const char *s) { return al_str_new(vm, s, strlen(s)); }

/* al_strf formats with al_vformat and returns the text as a str value. */
al_value al_strf(al_vm *vm, const char *fmt, ...)
{
    al_buf b;
    al_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    al_vformat(&b, fmt, ap);
    va_end(ap);
    al_value v = al_str_new(vm, b.data ? b.data : "", b.len);
    al_buf_free(&b);
    return v;
}

static al_value seq_new(al_vm *vm, al_type t, size_t cap)
{
    al_seq *s = al_alloc(vm, sizeof *s);
    s->cap = cap ? cap : 4;
    s->items = al_alloc(vm, s->cap * sizeof *s->items);
    al_value v = {.type = t, .u.seq = s};
    return v;
}

al_value al_list_new(al_vm *vm, size_t cap) { return seq_new(vm, AL_LIST, cap); }
al_value al_tuple_new(al_vm *vm, size_t cap) { return seq_new(vm, AL_TUPLE, cap); }

/* al_list_append doubles the item array in the arena when full; the old
 * array stays in the arena until the run ends, a deliberate trade of a
 * little memory for having no per-object frees. */
void al_list_append(al_vm *vm, al_value seq, al_value v)
{
    al_seq *s = seq.u.seq;
    if (s->len == s->cap) {
        al_value *items = al_alloc(vm, 2 * s->cap * sizeof *items);
        memcpy(items, s->items, s->len * sizeof *items);
        s->items = items;
        s->cap *= 2;
    }
    s->items[s->len++] = v;
}

/* al_list_pop removes item i, shifting the rest down.  O(len - i). */
al_value al_list_pop(al_value list, size_t i)
{
    al_seq *s = list.u.seq;
    AL_ASSERT(i < s->len);
    al_value v = s->items[i];
    memmove(s->items + i, s->items + i + 1, (s->len - i - 1) * sizeof *s->items);
    s->len--;
    return v;
}

/* al_tuple builds a tuple from n al_value varargs. */
/* fill appends n values from ap to the sequence seq and returns it. */
static al_value fill(al_vm *vm, al_value seq, size_t n, va_list ap)
{
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, seq, va_arg(ap, al_value));
    return seq;
}

al_value al_tuple(al_vm *vm, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    al_value t = fill(vm, al_tuple_new(vm, n), n, ap);
    va_end(ap);
    return t;
}

/* al_list: see asynclab/core.h.  O(n). */
al_value al_list(al_vm *vm, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    al_value l = fill(vm, al_list_new(vm, n), n, ap);
    va_end(ap);
    return l;
}

/* ---- printing ---- */

/* Python's repr(float) is the shortest string that reads back as the same
 * double, written in fixed notation when the decimal exponent is in
 * [-4, 16) and in scientific notation otherwise (CPython's
 * format_float_short with 'r').  We find the shortest digit string by
 * trying precisions 1..17 with %e, which is exact in glibc. */
void al_float_repr(double x, char out[32])
{
    if (isnan(x)) { strcpy(out, "nan"); return; }
    if (isinf(x)) { strcpy(out, x < 0 ? "-inf" : "inf"); return; }
    if (x == 0) { strcpy(out, signbit(x) ? "-0.0" : "0.0"); return; }
    char tmp[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    /* tmp is [-]d[.ddd]e[+-]XX: collect the digits and the exponent. */
    char digits[20];
    int nd = 0;
    const char *p = tmp;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int exp10 = atoi(p + 1);
    int decpt = exp10 + 1; /* x = 0.d1d2.. * 10^decpt */
    char *o = out;
    if (neg)
        *o++ = '-';
    if (decpt <= -4 || decpt > 16) {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        /* A double's decimal exponent is within +-324: three digits. */
        int e = abs(exp10) % 1000;
        *o++ = 'e';
        *o++ = exp10 < 0 ? '-' : '+';
        if (e >= 100)
            *o++ = (char)('0' + e / 100);
        *o++ = (char)('0' + e / 10 % 10);
        *o++ = (char)('0' + e % 10);
        *o = '\0';
        return;
    }
    if (decpt <= 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -decpt; i++)
            *o++ = '0';
        memcpy(o, digits, (size_t)nd);
        o += nd;
    } else {
        for (int i = 0; i < decpt; i++)
            *o++ = i < nd ? digits[i] : '0';
        *o++ = '.';
        if (nd > decpt) {
            memcpy(o, digits + decpt, (size_t)(nd - decpt));
            o += nd - decpt;
        } else {
            *o++ = '0';
        }
    }
    *o = '\0';
}

/* printable is Python's str.isprintable() for one code point, for the
 * characters a lesson can meet: C0 and C1 controls, the separators
 * (Zs other than space, Zl, Zp) and the common format characters (Cf)
 * are not printable; private-use planes are not either. */
static bool printable(uint32_t c)
{
    static const uint32_t ranges[][2] = {
        {0x00, 0x1F}, {0x7F, 0xA0}, {0xAD, 0xAD}, {0x600, 0x605}, {0x61C, 0x61C},
        {0x6DD, 0x6DD}, {0x70F, 0x70F}, {0x1680, 0x1680}, {0x180E, 0x180E},
        {0x2000, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x2064}, {0x2066, 0x206F},
        {0x3000, 0x3000}, {0xD800, 0xF8FF}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB},
        {0xFFFE, 0xFFFF}, {0xE0001, 0xE007F}, {0xF0000, 0x10FFFF},
    };
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        if (c >= ranges[k][0] && c <= ranges[k][1])
            return false;
    return true;
}

/* Python's repr(str): single quotes unless the text has a single quote and
 * no double quote; backslash escapes for \\, the quote, \t \n \r; and
 * for other characters that are not printable, \xNN, \uNNNN or
 * \UNNNNNNNN by size.  Printable non-ASCII text stays as it is. */
static void repr_str(al_buf *b, const char *s, size_t n)
{
    bool has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    al_buf_putc(b, q);
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t c = al_utf8_next(s, n, &i); /* a lesson's str is valid UTF-8 */
        if (c == (uint32_t)q || c == '\\') {
            al_buf_putc(b, '\\');
            al_buf_putc(b, (char)c);
        } else if (c == '\n') {
            al_buf_puts(b, "\\n");
        } else if (c == '\r') {
            al_buf_puts(b, "\\r");
        } else if (c == '\t') {
            al_buf_puts(b, "\\t");
        } else if (printable(c)) {
            al_buf_putn(b, s + start, i - start);
        } else if (c < 0x100) {
            al_buf_printf(b, "\\x%02x", (unsigned)c);
        } else if (c < 0x10000) {
            al_buf_printf(b, "\\u%04x", (unsigned)c);
        } else {
            al_buf_printf(b, "\\U%08x", (unsigned)c);
        }
    }
    al_buf_putc(b, q);
}

static void repr_seq(al_buf *b, const al_seq *s, bool tuple)
{
    al_buf_putc(b, tuple ? '(' : '[');
    for (size_t i = 0; i < s->len; i++) {
        if (i)
            al_buf_puts(b, ", ");
        al_repr_of(b, s->items[i]);
    }
    if (tuple && s->len == 1)
        al_buf_putc(b, ',');
    al_buf_putc(b, tuple ? ')' : ']');
}

/* repr_exc is BaseException.__repr__: the name, then repr(args), except
 * that one argument shows without the tuple's trailing comma; a group's
 * two arguments print as any two do, ExceptionGroup('msg', [...]). */
static void repr_exc(al_buf *b, const al_exc *e)
{
    al_buf_puts(b, e->type->name);
    al_value v = {.type = AL_EXC, .u.exc = (al_exc *)e};
    if (al__oserror_named(v)) {
        al_buf_putc(b, '(');
        al_repr_of(b, al_item(e->arg, 0));
        al_buf_puts(b, ", ");
        al_repr_of(b, al_item(e->arg, 1));
        al_buf_putc(b, ')');
        return;
    }
    if (e->args_tuple && al_len(e->arg) != 1) {
        al_repr_of(b, e->arg);
        return;
    }
    al_buf_putc(b, '(');
    if (e->has_arg)
        al_repr_of(b, e->args_tuple ? al_item(e->arg, 0) : e->arg);
    al_buf_putc(b, ')');
}

/* str_oserror is OSError.__str__ for two or more arguments, which name
 * errno, strerror and a filename: "[Errno 2] No such file: 'x'".  False
 * if e is not such an OSError. */
static bool str_oserror(al_buf *b, al_value v)
{
    const al_exc *e = v.u.exc;
    if (!e->args_tuple || al_len(e->arg) < 2 || al_len(e->arg) > 5 || !al_exc_isa(v, &al_OSError))
        return false;
    al_value a = e->arg;
    al_buf_puts(b, "[Errno ");
    al_str_of(b, al_item(a, 0));
    al_buf_puts(b, "] ");
    al_str_of(b, al_item(a, 1));
    if (al_len(a) >= 3 && !al_is_none(al_item(a, 2))) {
        al_buf_puts(b, ": ");
        al_repr_of(b, al_item(a, 2));
        if (al_len(a) == 5 && !al_is_none(al_item(a, 4))) {
            al_buf_puts(b, " -> ");
            al_repr_of(b, al_item(a, 4));
        }
    }
    return true;
}

/* al_repr_of appends Python's repr(v). */
void al_repr_of(al_buf *b, al_value v)
{
    char f[32];
    switch (v.type) {
    case AL_NONE: al_buf_puts(b, "None"); break;
    case AL_BOOL: al_buf_puts(b, v.u.b ? "True" : "False"); break;
    case AL_INT: al_buf_printf(b, "%lld", (long long)v.u.i); break;
    case AL_FLOAT: al_float_repr(v.u.f, f); al_buf_puts(b, f); break;
    case AL_STR: repr_str(b, v.u.s->data, v.u.s->len); break;
    case AL_LIST: repr_seq(b, v.u.seq, false); break;
    case AL_TUPLE: repr_seq(b, v.u.seq, true); break;
    case AL_EXC: repr_exc(b, v.u.exc); break;
    /* No address: it changes from run to run, which would make traces
     * (and their golden copies) differ for the same program. */
    case AL_PTR: al_buf_puts(b, "<object>"); break;
    }
}

/* al_str_of appends Python's str(v): a str is its text, an exception is
 * str() of its argument (or empty), everything else is its repr. */
void al_str_of(al_buf *b, al_value v)
{
    if (v.type == AL_STR) {
        al_buf_putn(b, v.u.s->data, v.u.s->len);
    } else if (v.type == AL_EXC) {
        /* KeyError is the one builtin whose str() is the repr of its
         * argument, so that KeyError('') does not print as nothing. */
        if (al_exc_is_group(v)) {
            al__exc_group_str(b, v);
        } else if (v.u.exc->args_tuple) {
            if (!str_oserror(b, v))
                al_str_of(b, al_len(v.u.exc->arg) == 1 ? al_item(v.u.exc->arg, 0) : v.u.exc->arg);
        } else if (v.u.exc->has_arg && al_exc_isa(v, &al_KeyError)) {
            al_repr_of(b, v.u.exc->arg);
        } else if (v.u.exc->has_arg) {
            al_str_of(b, v.u.exc->arg);
        }
    } else {
        al_repr_of(b, v);
    }
}

static bool seq_equal(const al_seq *a, const al_seq *b)
{
    if (a->len != b->len)
        return false;
    for (size_t i = 0; i < a->len; i++)
        if (!al_equal(a->items[i], b->items[i]))
            return false;
    return true;
}

static bool is_number(al_value v)
{
    return v.type == AL_BOOL || v.type == AL_INT || v.type == AL_FLOAT;
}


static int64_t as_int(al_value v) { return v.type == AL_INT ? v.u.i : (int64_t)v.u.b; }

/* int_cmp_float compares an integer with a double exactly, as Python does
 * (9007199254740993 != 9007199254740992.0): -1, 0 or 1, or 2 for a NaN. */
static int int_cmp_float(int64_t i, double f)
{
    if (f != f)
        return 2;
    if (f >= 9223372036854775808.0)
        return -1;
    if (f < -9223372036854775808.0)
        return 1;
    double t = trunc(f);
    int64_t ft = (int64_t)t;
    if (i != ft)
        return i < ft ? -1 : 1;
    return t == f ? 0 : (f > t ? -1 : 1);
}

/* al_equal is Python's == over these types: numbers compare by exact
 * value across bool, int and float (1 == 1.0 == True); lists equal lists
 * and tuples equal tuples item by item; exceptions and objects by
 * identity. */
bool al_equal(al_value a, al_value b)
{
    if (is_number(a) && is_number(b)) {
        if (a.type != AL_FLOAT && b.type != AL_FLOAT)
            return as_int(a) == as_int(b);
        if (a.type == AL_FLOAT && b.type == AL_FLOAT)
            return a.u.f == b.u.f;
        return a.type == AL_FLOAT ? int_cmp_float(as_int(b), a.u.f) == 0
                                  : int_cmp_float(as_int(a), b.u.f) == 0;
    }
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case AL_NONE: return true;
    case AL_STR: return a.u.s->len == b.u.s->len && memcmp(a.u.s->data, b.u.s->data, a.u.s->len) == 0;
    case AL_LIST:
    case AL_TUPLE: return seq_equal(a.u.seq, b.u.seq);
    case AL_EXC: return a.u.exc == b.u.exc;
    case AL_PTR: return a.u.p == b.u.p;
    default: return false;
    }
}

/* seq_less orders two lists or two tuples as Python does: by the first
 * pair of items that differ (==), else by length.  O(length). */
static int seq_less(al_vm *vm, const al_seq *a, const al_seq *b, al_value *err)
{
    size_t n = a->len < b->len ? a->len : b->len;
    for (size_t i = 0; i < n; i++)
        if (!al_equal(a->items[i], b->items[i]))
            return al__less(vm, a->items[i], b->items[i], err);
    return a->len < b->len;
}

/* al__less: see al_internal.h.  The types that do not order are refused
 * with the TypeError CPython's rich comparison raises, naming the pair
 * that failed (for tuples, the first items that differ). */
int al__less(al_vm *vm, al_value a, al_value b, al_value *err)
{
    if (is_number(a) && is_number(b)) {
        if (a.type != AL_FLOAT && b.type != AL_FLOAT)
            return as_int(a) < as_int(b);
        if (a.type == AL_FLOAT && b.type == AL_FLOAT)
            return a.u.f < b.u.f;
        return a.type == AL_FLOAT ? int_cmp_float(as_int(b), a.u.f) == 1
                                  : int_cmp_float(as_int(a), b.u.f) == -1;
    }
    if (a.type == AL_STR && b.type == AL_STR) {
        size_t n = a.u.s->len < b.u.s->len ? a.u.s->len : b.u.s->len;
        int c = memcmp(a.u.s->data, b.u.s->data, n);
        return c < 0 || (c == 0 && a.u.s->len < b.u.s->len);
    }
    if (a.type == b.type && (a.type == AL_TUPLE || a.type == AL_LIST))
        return seq_less(vm, a.u.seq, b.u.seq, err);
    *err = al_exc_new(vm, &al_TypeError, al_strf(vm, "'<' not supported between instances of '%s' and '%s'",
                                                  al_type_name(a), al_type_name(b)));
    return -1;
}

/* al_truth is Python's bool(v): None, False, zero, and empty strings
 * and sequences are false; exceptions and objects are true. */
bool al_truth(al_value v)
{
    switch (v.type) {
    case AL_NONE: return false;
    case AL_BOOL: return v.u.b;
    case AL_INT: return v.u.i != 0;
    case AL_FLOAT: return v.u.f != 0.0;
    case AL_STR: return v.u.s->len > 0;
    case AL_LIST:
    case AL_TUPLE: return v.u.seq->len > 0;
    case AL_EXC:
    case AL_PTR: break;
    }
    return true;
}

/* al_type_name is type(v).__name__; "object" for a runtime object. */
const char *al_type_name(al_value v)
{
    switch (v.type) {
    case AL_NONE: return "NoneType";
    case AL_BOOL: return "bool";
    case AL_INT: return "int";
    case AL_FLOAT: return "float";
    case AL_STR: return "str";
    case AL_LIST: return "list";
    case AL_TUPLE: return "tuple";
    case AL_EXC: return v.u.exc->type->name;
    case AL_PTR: break;
    }
    return "object";
}
