/*
 * utf8.c: UTF-8 text (asynclab/text.h), one copy for every layer.
 */
#include "al_internal.h"

/* al_utf8_seq: see asynclab/text.h.  The range of the second byte is what
 * rules out overlong forms, surrogates and code points past U+10FFFF. */
size_t al_utf8_seq(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* al_utf8_next: see asynclab/text.h. */
uint32_t al_utf8_next(const char *text, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)text + *i;
    size_t len = al_utf8_seq(text + *i, n - *i);
    if (len <= 1) {
        (*i)++;
        return s[0];
    }
    uint32_t cp = s[0] & (0xFFu >> (len + 1));
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (s[k] & 0x3Fu);
    *i += len;
    return cp;
}

/* al_utf8_cols: see asynclab/text.h. */
size_t al_utf8_cols(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += al_utf8_lead(s[i]);
    return c;
}

/* al_utf8_fit: see asynclab/text.h.  It stops at the lead byte of the
 * code point that would be one too many. */
size_t al_utf8_fit(const char *s, size_t n, size_t cols)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (al_utf8_lead(s[i]) && c++ == cols)
            return i;
    return n;
}
