/*
 * Large tables probed in no order (hash tables of ids): on huge pages
 * where the system gives them on request.  With 4 KiB pages every probe
 * of a table of megabytes is also a TLB miss, the prefetch stalling on
 * the page walk.  rd_big_alloc(bytes) returns uninitialised memory,
 * fresh 2 MiB-aligned pages of its own (mmap, MADV_HUGEPAGE) from
 * RD_BIG_MIN bytes, since memory the heap has used keeps its small pages
 * whatever madvise says, and malloc's below it; rd_big_free(p, bytes)
 * takes the same size back.  Out of memory ends the tool (diag.h).
 */
#ifndef RD_BIGMEM_H
#define RD_BIGMEM_H

#include <stdbool.h>
#include <stddef.h>

#define RD_BIG_MIN ((size_t)2 << 20)

void *rd_big_alloc(size_t bytes);
/*
 * The same, zeroed: a large table whose empty slots are zero bytes
 * needs no pass that marks them (fresh pages are zero), so it can be
 * used at once while another thread faults its pages in.
 */
void *rd_big_zalloc(size_t bytes);
void rd_big_free(void *p, size_t bytes);
/*
 * An array of old bytes at p (rd_big_alloc'd, or NULL with old 0) moved
 * to a new one of bytes (its first min(old, bytes) bytes kept), for
 * arrays that grow to megabytes: rd_big_alloc's, freed with that size.
 */
void *rd_big_realloc(void *p, size_t old, size_t bytes);

#endif
