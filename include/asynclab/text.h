/*
 * asynclab/text.h: UTF-8 text, read one way by every layer: the runtime
 * (repr's escapes, format's padding), the views (columns, cutting) and
 * the CLI (escaping its error lines).  One validator, one decoder, one
 * count of columns (utf8.c).
 */
#ifndef ASYNCLAB_TEXT_H
#define ASYNCLAB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* al_utf8_lead says if byte c starts a code point (is no continuation
 * byte).  O(1). */
static inline bool al_utf8_lead(char c) { return ((unsigned char)c & 0xC0) != 0x80; }

/* al_utf8_seq is the length of the valid UTF-8 sequence at s (n > 0
 * bytes left), or 0 if s does not start one: overlong forms, surrogates
 * and code points past U+10FFFF are refused, as a JSON reader refuses
 * them.  O(1). */
size_t al_utf8_seq(const char *s, size_t n);
/* al_utf8_next decodes the code point at s[*i] (*i < n) and moves *i past
 * it; a byte that starts no valid sequence comes back as itself, one byte
 * long.  O(1). */
uint32_t al_utf8_next(const char *s, size_t n, size_t *i);
/* al_utf8_cols counts the columns n bytes of UTF-8 take: one per code
 * point, which is Python's len() and a terminal's width for the text the
 * lessons print (no wide or combining characters).  O(n). */
size_t al_utf8_cols(const char *s, size_t n);
/* al_utf8_fit is how many bytes of s (n bytes) fit in cols columns: the
 * longest prefix of whole code points that takes at most cols.  O(n). */
size_t al_utf8_fit(const char *s, size_t n, size_t cols);

#endif
