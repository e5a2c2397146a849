/*
 * A record staged whole by a reading thread (par.h's rd_par_stage), so
 * that the calling thread can take it back as a record: reject it with
 * all its fields (rejects.h), or read columns the reading thread did not
 * parse.  The bytes: head (a caller's struct of hlen bytes, with no
 * padding so that every staged byte is defined), the field count
 * (uint32_t), each field's length (uint32_t), then the fields, each with
 * its NUL.
 */
#ifndef RD_STAGED_H
#define RD_STAGED_H

#include <stddef.h>

#include "reader.h"
#include "writer.h"

/* Writes head and rec to w (a field of 4 GB or more ends the tool). */
void rd_stage_record(struct rd_writer *w, const void *head, size_t hlen,
    const struct rd_record *rec);
/* The field count of the staged record at p (whose head is hlen bytes). */
size_t rd_staged_fields(const char *p, size_t hlen);
/*
 * The staged record at p back: its head copied to head, rec's fields
 * pointing into p (in f and len, room for rd_staged_fields() of them),
 * rec->line and rec->plain_sep 0 (the caller's head holds the line).
 * Returns where the next staged record starts.
 */
const char *rd_unstage_record(const char *p, void *head, size_t hlen,
    struct rd_record *rec, char **f, size_t *len);

#endif
